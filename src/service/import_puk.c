/* import_puk.c - importing police.uk CSVs as a two-stage pipeline: a worker thread
 * reads, validates and dictionary-encodes one file while the calling thread writes the
 * previous one to the store. The worker keeps the string dictionary in memory (loaded
 * from the store at the start) and hands out new ids itself; the writer stores the new
 * strings before the rows that use them. Everything happens in one transaction. */
#include "service/import_int.h"
#include "base/alloc.h"
#include "base/buf.h"
#include "base/file.h"
#include "domain/force.h"
#include "domain/policeuk.h"
#include "io/policeuk.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define MAX_TEXT ((size_t)1 << 30)

/* One validated row, strings as dictionary ids. */
typedef struct brow {
    int64_t d[11];     /* dictionary ids; meaning by kind (see *_row below); 0 = empty */
    int32_t lon, lat;
    int32_t month;
    bool has_id, has_coords;
    int8_t tri[3];     /* stop and search: operation, outcome linked, removal */
    uint32_t id_off;   /* crime id: offset into ids */
    uint32_t text_off; /* street: context; stop and search: date (offset into text) */
    uint32_t text_len;
} brow;

typedef struct new_entry {
    int64_t id;
    size_t off, len;
} new_entry;

/* A parsed file, ready to be written (or the error that stopped it). */
typedef struct batch {
    const char *path;
    bool failed;
    vg_error err;
    vg_puk_file_kind kind;
    int month;
    char slug[96], force_name[128];
    vg_buf text;      /* new dictionary strings, contexts and dates */
    new_entry *news;
    size_t n_news, cap_news;
    brow *rows;
    size_t n_rows, cap_rows;
    uint8_t *ids;
    size_t n_ids, cap_ids;
    int64_t values_id[64], values_n[64]; /* rows per crime type / outcome type */
    int n_values;
    uint64_t bytes;
    /* per column: the previous row's value (a view into the mapped file) and its id;
     * neighbouring rows repeat forces, types and areas, so most lookups stop here */
    vg_str last[11];
    int64_t last_id[11];
    const char *map_lo, *map_hi; /* the mapped file: only views into it may be cached */
} batch;

static void batch_free(batch *b)
{
    if (!b)
        return;
    vg_buf_free(&b->text);
    vg_free(b->news);
    vg_free(b->rows);
    vg_free(b->ids);
    vg_free(b);
}

typedef struct pipeline {
    importer *im;
    char **paths;
    size_t n_paths;
    vg_strmap *dict;
    int64_t next_id;
    /* bounded queue of parsed files */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    batch *slot[2];
    size_t head, count;
    bool done;        /* the worker has pushed its last batch */
    atomic_bool stop; /* the writer failed: the worker should stop */
} pipeline;

/* ---- worker side */

static bool nomem(batch *b)
{
    b->failed = true;
    vg_error_set(&b->err, VG_ERR_NOMEM, b->path, "out of memory");
    return false;
}

/* The dictionary id of s (column col), adding it as a new entry of this batch if unseen. */
static bool encode(pipeline *p, batch *b, int col, vg_str s, int64_t *id)
{
    if (!s.n) {
        *id = 0;
        return true;
    }
    if (s.n == b->last[col].n && b->last[col].p && memcmp(s.p, b->last[col].p, s.n) == 0) {
        *id = b->last_id[col];
        return true;
    }
    /* a field unescaped into the reader's scratch buffer will not stay put: no caching */
    bool stable = s.p >= b->map_lo && s.p + s.n <= b->map_hi;
    b->last[col] = stable ? s : (vg_str){NULL, 0};
    if (vg_strmap_get(p->dict, s.p, s.n, id)) {
        b->last_id[col] = *id;
        return true;
    }
    b->last_id[col] = p->next_id;
    *id = p->next_id++;
    if (vg_strmap_put(p->dict, s.p, s.n, *id))
        return nomem(b);
    if (b->n_news == b->cap_news) {
        size_t ncap = b->cap_news ? b->cap_news * 2 : 256;
        new_entry *n = vg_realloc(b->news, ncap * sizeof *n);
        if (!n)
            return nomem(b);
        b->news = n;
        b->cap_news = ncap;
    }
    b->news[b->n_news++] = (new_entry){*id, b->text.len, s.n};
    if (vg_buf_append(&b->text, s.p, s.n))
        return nomem(b);
    return true;
}

static bool keep_text(batch *b, vg_str s, brow *r)
{
    r->text_off = (uint32_t)b->text.len;
    r->text_len = (uint32_t)s.n;
    return vg_buf_append(&b->text, s.p, s.n) == VG_OK || nomem(b);
}

static bool keep_id(batch *b, const uint8_t id[32], brow *r)
{
    if (b->n_ids + 32 > b->cap_ids) {
        size_t ncap = b->cap_ids ? b->cap_ids * 2 : 32 * 4096;
        uint8_t *n = vg_realloc(b->ids, ncap);
        if (!n)
            return nomem(b);
        b->ids = n;
        b->cap_ids = ncap;
    }
    memcpy(b->ids + b->n_ids, id, 32);
    r->id_off = (uint32_t)b->n_ids;
    b->n_ids += 32;
    return true;
}

static brow *new_row(batch *b)
{
    if (b->n_rows == b->cap_rows) {
        size_t ncap = b->cap_rows ? b->cap_rows * 2 : 4096;
        brow *n = vg_realloc(b->rows, ncap * sizeof *n);
        if (!n)
            return nomem(b), NULL;
        b->rows = n;
        b->cap_rows = ncap;
    }
    brow *r = &b->rows[b->n_rows];
    memset(r, 0, sizeof *r);
    return r;
}

static void count_value(batch *b, int64_t id)
{
    for (int i = 0; i < b->n_values; i++)
        if (b->values_id[i] == id) {
            b->values_n[i]++;
            return;
        }
    if (b->n_values < 64) {
        b->values_id[b->n_values] = id;
        b->values_n[b->n_values++] = 1;
    }
}

static bool fail_at(batch *b, uint64_t line, const char *why)
{
    char where[600];
    snprintf(where, sizeof where, "%s:%llu", b->path, (unsigned long long)line);
    vg_error_set(&b->err, VG_ERR_INVALID_INPUT, where, "%s", why);
    b->failed = true;
    return false;
}

/* A row the validator refused: skipped and reported (skip_bad), or the file fails. The
 * error goes into the batch, not the shared error object the writer thread uses. */
static bool refuse(pipeline *p, batch *b, const vg_csv_row *row, const char *why, const char *data)
{
    const vg_import_options *opt = p->im->opt;
    if (!opt || !opt->skip_bad)
        return fail_at(b, row->line, why);
    p->im->sum->rejected++;
    if (opt->on_bad_row)
        opt->on_bad_row(opt->ctx, b->path, row->line, why, data + row->offset, row->len);
    return true;
}

static bool tally(batch *b, vg_strmap *m, vg_str key)
{
    return vg_import_tally(m, key, NULL) == VG_OK || nomem(b);
}

/* Each *_row returns false only when the file must stop (b->failed set). */

/* A street or outcomes row. Dictionary columns: 0 reported by, 1 falls within,
 * 2 location, 3 LSOA code, 4 LSOA name, 5 crime type (street) or outcome type
 * (outcomes), 6 last outcome category (street). */
static bool located_row(pipeline *p, batch *b, const vg_csv_row *row, const char *data)
{
    bool street = b->kind == VG_PUKF_STREET;
    vg_puk_row s;
    char why[256];
    if (!(street ? vg_puk_parse_street(row, &s, why, sizeof why) : vg_puk_parse_outcome(row, &s, why, sizeof why)))
        return refuse(p, b, row, why, data);
    if (s.month != b->month) {
        snprintf(why, sizeof why, "Month: %04d-%02d is not the file's month %04d-%02d", s.month / 100, s.month % 100,
                 b->month / 100, b->month % 100);
        return refuse(p, b, row, why, data);
    }
    brow *r = new_row(b);
    if (!r)
        return false;
    r->month = s.month;
    r->has_coords = s.has_coords;
    r->lon = s.lon_e6;
    r->lat = s.lat_e6;
    r->has_id = s.has_id;
    vg_str strs[7] = {s.reported_by, s.falls_within, s.location, s.lsoa_code, s.lsoa_name,
                      street ? s.crime_type : s.outcome, s.outcome};
    for (int i = 0; i < (street ? 7 : 6); i++)
        if (!encode(p, b, i, strs[i], &r->d[i]))
            return false;
    if ((s.has_id && !keep_id(b, s.crime_id, r)) || (street && !keep_text(b, s.context, r)))
        return false;
    b->n_rows++;
    count_value(b, r->d[5]);
    vg_import_summary *sum = p->im->sum;
    if (s.outcome.n && !vg_puk_outcome_from_label(s.outcome.p, s.outcome.n) &&
        !tally(b, sum->unknown_outcomes, s.outcome))
        return false;
    sum->no_location += !s.has_coords;
    if (!street) {
        sum->outcomes++;
        return true;
    }
    vg_puk_type t = vg_puk_type_from_label(s.crime_type.p, s.crime_type.n);
    if (t == VG_PUK_NONE && !tally(b, sum->unknown_types, s.crime_type))
        return false;
    if (t != VG_PUK_NONE && vg_puk_type_is_legacy(t) && !tally(b, sum->legacy_types, s.crime_type))
        return false;
    if (t == VG_PUK_ASB)
        sum->asb++;
    else
        sum->crimes++;
    return true;
}

static bool stop_row(pipeline *p, batch *b, const vg_csv_row *row, const char *data)
{
    vg_puk_stop s;
    char why[256];
    if (!vg_puk_parse_stop(row, &s, why, sizeof why))
        return refuse(p, b, row, why, data);
    brow *r = new_row(b);
    if (!r)
        return false;
    r->has_coords = s.has_coords;
    r->lon = s.lon_e6;
    r->lat = s.lat_e6;
    r->tri[0] = s.part_of_operation;
    r->tri[1] = s.outcome_linked;
    r->tri[2] = s.removal;
    vg_str strs[10] = {s.type, s.operation_name, s.gender, s.age_range, s.self_ethnicity, s.officer_ethnicity,
                       s.legislation, s.object, s.outcome};
    for (int i = 0; i < 9; i++)
        if (!encode(p, b, i, strs[i], &r->d[i]))
            return false;
    if (!keep_text(b, s.date, r))
        return false;
    b->n_rows++;
    p->im->sum->stop_searches++;
    p->im->sum->no_location += !s.has_coords;
    return true;
}

static void slugify(vg_str name, char *out, size_t n)
{
    size_t k = 0;
    bool dash = false;
    for (size_t i = 0; i < name.n && k + 1 < n; i++) {
        unsigned char c = (unsigned char)name.p[i];
        if (isalnum(c)) {
            out[k++] = (char)tolower(c);
            dash = false;
        } else if (!dash && k) {
            out[k++] = '-';
            dash = true;
        }
    }
    while (k && out[k - 1] == '-')
        k--;
    out[k] = '\0';
}

/* Force and month of a file not named the police.uk way, from its first data row. */
static bool key_from_first_row(batch *b, vg_csv *r)
{
    vg_csv_row row;
    vg_error e;
    char why[256];
    vg_str name;
    if (vg_csv_next(r, &row, &e) != 1)
        return false;
    vg_puk_row s;
    if (b->kind == VG_PUKF_STOP_SEARCH)
        return false; /* stop-and-search rows do not name the force */
    if (!(b->kind == VG_PUKF_STREET ? vg_puk_parse_street(&row, &s, why, sizeof why)
                                    : vg_puk_parse_outcome(&row, &s, why, sizeof why)))
        return false;
    b->month = s.month;
    name = s.reported_by;
    const vg_force *force = vg_force_find(name.p, name.n);
    if (force)
        snprintf(b->slug, sizeof b->slug, "%s", force->slug);
    else
        slugify(name, b->slug, sizeof b->slug);
    return b->slug[0] != '\0';
}

static void parse_file(pipeline *p, batch *b)
{
    vg_mapped m;
    if (vg_file_map(b->path, &m, &b->err)) {
        b->failed = true;
        return;
    }
    b->bytes = m.len;
    b->map_lo = m.data;
    b->map_hi = m.data + m.len;
    vg_csv *r = NULL;
    vg_csv_row row;
    vg_error cerr;
    vg_csv_limits lim = {.max_field = 4096, .max_fields = 64};
    if (vg_csv_open(&r, m.data, m.len, &lim, b->path, 1)) {
        nomem(b);
        goto out;
    }
    int rc = vg_csv_next(r, &row, &cerr);
    if (rc < 0) {
        b->err = cerr;
        b->failed = true;
        goto out;
    }
    if (rc == 0 || !vg_puk_detect(&row, &b->kind)) {
        fail_at(b, 1, rc == 0 ? "empty file" : "not a police.uk street, outcomes or stop-and-search header");
        goto out;
    }
    vg_puk_file_kind name_kind;
    if (!vg_puk_parse_file_name(b->path, &b->month, b->slug, sizeof b->slug, &name_kind) || name_kind != b->kind) {
        vg_csv *peek;
        if (vg_csv_open(&peek, m.data, m.len, &lim, b->path, 1)) {
            nomem(b);
            goto out;
        }
        (void)vg_csv_next(peek, &row, &cerr);
        bool ok = key_from_first_row(b, peek);
        vg_csv_free(peek);
        if (!ok) {
            char why[160];
            snprintf(why, sizeof why, "cannot tell the force and month: name the file YYYY-MM-<force>-%s.csv",
                     b->kind == VG_PUKF_STOP_SEARCH ? "stop-and-search" : vg_puk_file_kind_name(b->kind));
            fail_at(b, 2, why);
            goto out;
        }
    }
    const vg_force *force = vg_force_find(b->slug, strlen(b->slug));
    snprintf(b->force_name, sizeof b->force_name, "%s", force ? force->policeuk_name : b->slug);
    bool ok = true;
    while (ok && !atomic_load(&p->stop) && (rc = vg_csv_next(r, &row, &cerr)) == 1)
        ok = b->kind == VG_PUKF_STOP_SEARCH ? stop_row(p, b, &row, m.data) : located_row(p, b, &row, m.data);
    if (ok && rc < 0) {
        b->err = cerr;
        b->failed = true;
    }
out:
    vg_csv_free(r);
    vg_file_unmap(&m);
}

static void push(pipeline *p, batch *b)
{
    pthread_mutex_lock(&p->mu);
    while (p->count == 2 && !atomic_load(&p->stop))
        pthread_cond_wait(&p->cv, &p->mu);
    if (atomic_load(&p->stop)) {
        batch_free(b);
    } else {
        p->slot[(p->head + p->count) % 2] = b;
        p->count++;
    }
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

static void *worker(void *arg)
{
    pipeline *p = arg;
    for (size_t i = 0; i < p->n_paths && !atomic_load(&p->stop); i++) {
        batch *b = vg_calloc(1, sizeof *b);
        if (b) {
            b->path = p->paths[i];
            vg_buf_init(&b->text, MAX_TEXT);
            parse_file(p, b);
        }
        bool last = !b || b->failed; /* read before the hand-over: the writer frees b */
        push(p, b);                  /* NULL means out of memory */
        if (last)
            break;
    }
    pthread_mutex_lock(&p->mu);
    p->done = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* ---- writer side */

static batch *pop(pipeline *p, bool *end)
{
    pthread_mutex_lock(&p->mu);
    while (p->count == 0 && !p->done)
        pthread_cond_wait(&p->cv, &p->mu);
    batch *b = NULL;
    *end = p->count == 0;
    if (!*end) {
        b = p->slot[p->head];
        p->head = (p->head + 1) % 2;
        p->count--;
    }
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return b;
}

static vg_err write_row(importer *im, const batch *b, vg_id file_id, const brow *r)
{
    const uint8_t *id = r->has_id ? b->ids + r->id_off : NULL;
    const char *text = vg_buf_str(&b->text) + r->text_off;
    if (b->kind == VG_PUKF_STREET) {
        vg_od_street_rec s = {file_id, id, r->month, r->d[0], r->d[1], r->has_coords, r->lon, r->lat,
                              r->d[2], r->d[3], r->d[4], r->d[5], r->d[6], text, r->text_len};
        return vg_store_od_street_put(im->st, &s, im->err);
    }
    if (b->kind == VG_PUKF_OUTCOMES) {
        vg_od_outcome_rec o = {file_id, id, r->month, r->d[0], r->d[1], r->has_coords, r->lon, r->lat,
                               r->d[2], r->d[3], r->d[4], r->d[5]};
        return vg_store_od_outcome_put(im->st, &o, im->err);
    }
    vg_od_stop_rec s = {.file_id = file_id, .type = r->d[0], .date = text, .date_len = r->text_len,
                        .part_of_operation = r->tri[0], .outcome_linked = r->tri[1], .removal = r->tri[2],
                        .operation_name = r->d[1], .has_coords = r->has_coords, .lon_e6 = r->lon, .lat_e6 = r->lat,
                        .gender = r->d[2], .age_range = r->d[3], .self_ethnicity = r->d[4],
                        .officer_ethnicity = r->d[5], .legislation = r->d[6], .object = r->d[7], .outcome = r->d[8]};
    return vg_store_od_stop_put(im->st, &s, im->err);
}

static vg_err write_batch(importer *im, const batch *b)
{
    vg_od_file desc = {vg_puk_file_kind_name(b->kind), b->slug, b->force_name, b->month, b->path};
    vg_id file_id;
    bool replaced;
    vg_err e = vg_store_od_file_replace(im->st, &desc, &file_id, &replaced, im->err);
    const char *text = vg_buf_str(&b->text);
    for (size_t i = 0; !e && i < b->n_news; i++)
        e = vg_store_od_dict_put(im->st, b->news[i].id, text + b->news[i].off, b->news[i].len, im->err);
    for (size_t i = 0; !e && i < b->n_rows; i++) {
        e = write_row(im, b, file_id, &b->rows[i]);
        if ((i & 8191) == 0)
            vg_progress_update(&im->bar, im->bytes_before + b->bytes * i / (b->n_rows ? b->n_rows : 1));
    }
    for (int i = 0; !e && i < b->n_values; i++)
        e = vg_store_od_count_put(im->st, file_id, b->values_id[i], b->values_n[i], im->err);
    if (!e)
        e = vg_store_od_file_finish(im->st, file_id, (int64_t)b->n_rows, im->err);
    if (!e) {
        im->sum->replaced += replaced;
        im->sum->rows += (int64_t)b->n_rows;
        im->sum->files++;
        im->bytes_before += b->bytes;
    }
    return e;
}

static vg_err load_dict(void *ctx, int64_t id, const char *value, size_t len)
{
    pipeline *p = ctx;
    if (id >= p->next_id)
        p->next_id = id + 1;
    return vg_strmap_put(p->dict, value, len, id);
}

static uint64_t total_bytes(char **paths, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        FILE *fp = fopen(paths[i], "rb");
        if (fp && fseek(fp, 0, SEEK_END) == 0)
            total += (uint64_t)ftell(fp);
        if (fp)
            fclose(fp);
    }
    return total;
}

static vg_err run_pipeline(pipeline *p)
{
    importer *im = p->im;
    pthread_t tid;
    if (pthread_create(&tid, NULL, worker, p) != 0)
        return vg_error_set(im->err, VG_ERR_INTERNAL, "import", "cannot start the reader thread");
    vg_err e = VG_OK;
    for (;;) {
        bool end;
        batch *b = pop(p, &end);
        if (end)
            break;
        if (!b)
            e = vg_error_set(im->err, VG_ERR_NOMEM, "import", "out of memory");
        else if (b->failed) {
            *im->err = b->err;
            e = b->err.code ? b->err.code : VG_ERR_INVALID_INPUT;
        } else {
            e = write_batch(im, b);
        }
        batch_free(b);
        if (e) {
            pthread_mutex_lock(&p->mu);
            atomic_store(&p->stop, true);
            for (; p->count; p->count--, p->head = (p->head + 1) % 2)
                batch_free(p->slot[p->head]);
            pthread_cond_broadcast(&p->cv);
            pthread_mutex_unlock(&p->mu);
            break;
        }
    }
    pthread_join(tid, NULL);
    for (; p->count; p->count--, p->head = (p->head + 1) % 2) /* anything pushed after a failure */
        batch_free(p->slot[p->head]);
    return e;
}

vg_err vg_service_import_police_uk(vg_service *svc, const vg_actor *a, const char *const *roots, size_t nroots,
                                   const vg_import_options *opt, vg_import_summary *sum, vg_error *err)
{
    vg_err e = vg_import_summary_init(sum, err); /* first: the caller frees it whatever happens */
    if (e || (e = vg_access_require(svc, a, VG_PERM_IMPORT, "import", err)))
        return e;
    pipeline p = {.next_id = 1};
    if ((e = vg_file_list(roots, nroots, ".csv", &p.paths, &p.n_paths, err)))
        return e;
    if (p.n_paths == 0) {
        vg_file_list_free(p.paths, p.n_paths);
        return vg_error_set(err, VG_ERR_INVALID_INPUT, nroots ? roots[0] : "import", "no .csv files found");
    }
    importer im = {.svc = svc, .a = a, .source = "police.uk open data", .st = svc->store, .opt = opt, .sum = sum,
                   .err = err};
    p.im = &im;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    vg_progress_start(&im.bar, stderr, "import police-uk", total_bytes(p.paths, p.n_paths), opt && opt->progress ? -1 : 0);
    if (vg_strmap_new(&p.dict))
        e = vg_error_set(err, VG_ERR_NOMEM, "import", "out of memory");
    if (!e && !(e = vg_store_begin(svc->store, err))) {
        e = vg_store_od_dict_each(svc->store, load_dict, &p, err);
        if (!e)
            e = run_pipeline(&p);
        if (!e)
            e = vg_import_audit(&im, p.paths[0], p.n_paths);
        if (e)
            vg_store_rollback(svc->store);
        else
            e = vg_store_commit(svc->store, err);
    }
    vg_progress_finish(&im.bar);
    vg_strmap_free(p.dict);
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
    vg_file_list_free(p.paths, p.n_paths);
    return e;
}
