/* import.c - importing official open data: police.uk files, the Home Office
 * recorded-crime table and ONS population. Each import is one transaction: a malformed
 * file rejects the whole import with "file:line: reason" and nothing is written, unless
 * the caller asked to skip bad rows (they are handed back, each with its reason). */
#include "service/import_int.h"
#include "base/alloc.h"
#include "base/file.h"
#include "base/log.h"
#include "base/progress.h"
#include "domain/force.h"
#include "domain/offence.h"
#include "domain/policeuk.h"
#include "io/csv.h"
#include "io/homeoffice.h"
#include "io/policeuk.h"
#include "io/population.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void vg_import_summary_free(vg_import_summary *s)
{
    vg_strmap_free(s->unknown_types);
    vg_strmap_free(s->legacy_types);
    vg_strmap_free(s->unknown_outcomes);
    memset(s, 0, sizeof *s);
}

vg_err vg_import_summary_init(vg_import_summary *s, vg_error *err)
{
    memset(s, 0, sizeof *s);
    if (vg_strmap_new(&s->unknown_types) || vg_strmap_new(&s->legacy_types) || vg_strmap_new(&s->unknown_outcomes)) {
        vg_import_summary_free(s);
        return vg_error_set(err, VG_ERR_NOMEM, "import", "out of memory");
    }
    return VG_OK;
}

vg_err vg_import_tally(vg_strmap *m, vg_str key, vg_error *err)
{
    int64_t n = 0;
    vg_strmap_get(m, key.p, key.n, &n);
    if (vg_strmap_put(m, key.p, key.n, n + 1))
        return vg_error_set(err, VG_ERR_NOMEM, "import", "out of memory");
    return VG_OK;
}

/* A bad row: reported and skipped, or the end of the import. */
vg_err vg_import_bad_row(importer *im, const char *path, const vg_csv_row *row, const char *why, const char *data)
{
    if (im->opt && im->opt->skip_bad) {
        im->sum->rejected++;
        if (im->opt->on_bad_row)
            im->opt->on_bad_row(im->opt->ctx, path, row->line, why, data + row->offset, row->len);
        return VG_OK;
    }
    char where[600];
    snprintf(where, sizeof where, "%s:%llu", path, (unsigned long long)row->line);
    return vg_error_set(im->err, VG_ERR_INVALID_INPUT, where, "%s", why);
}

vg_err vg_import_csv_failed(importer *im, vg_error *csv_err)
{
    if (im->err && im->err != csv_err)
        *im->err = *csv_err;
    return csv_err->code;
}

vg_err vg_import_audit(importer *im, const char *first_file, size_t files)
{
    char what[800];
    snprintf(what, sizeof what, "import of %s: %.500s%s, %lld rows (official open data; no person named)", im->source,
             first_file ? first_file : "", files > 1 ? " and others" : "", (long long)im->sum->rows);
    char why[64];
    snprintf(why, sizeof why, "import: %zu file%s", files, files == 1 ? "" : "s");
    return vg_audit_write(im->svc, im->a, VG_AUDIT_COLLECT, what, NULL, why, im->err);
}

/* Counts a distinct area and widens the summary's first..last period. */
static vg_err note_area_period(importer *im, vg_strmap *areas, const char *area, int64_t period)
{
    if (!im->sum->first_period || period < im->sum->first_period)
        im->sum->first_period = period;
    if (period > im->sum->last_period)
        im->sum->last_period = period;
    if (vg_strmap_get(areas, area, strlen(area), NULL))
        return VG_OK;
    if (vg_strmap_put(areas, area, strlen(area), 1))
        return vg_error_set(im->err, VG_ERR_NOMEM, "import", "out of memory");
    im->sum->areas++;
    return VG_OK;
}

/* ---- Home Office recorded crime */

/* Runs body over the data rows of a CSV file that must start with an accepted header. */
typedef vg_err (*row_fn)(importer *im, const char *path, const vg_csv_row *row, const char *data, void *ctx);
typedef bool (*header_fn)(const vg_csv_row *row, void *ctx, char *why, size_t wl);

static vg_err import_table(importer *im, const char *path, header_fn header, row_fn body, void *ctx)
{
    vg_mapped m;
    vg_err e = vg_file_map(path, &m, im->err);
    if (e)
        return e;
    vg_csv *r;
    if ((e = vg_csv_open(&r, m.data, m.len, NULL, path, 1))) {
        vg_file_unmap(&m);
        return vg_error_set(im->err, e, path, "out of memory");
    }
    vg_csv_row row;
    vg_error cerr;
    char why[256] = "";
    int rc = vg_csv_next(r, &row, &cerr);
    if (rc < 0) {
        e = vg_import_csv_failed(im, &cerr);
    } else if (rc == 0 || !header(&row, ctx, why, sizeof why)) {
        char where[600];
        snprintf(where, sizeof where, "%s:1", path);
        e = vg_error_set(im->err, VG_ERR_INVALID_INPUT, where, "%s", rc == 0 ? "empty file" : why);
    }
    if (!e && !(e = vg_store_begin(im->st, im->err))) {
        while (!e && (rc = vg_csv_next(r, &row, &cerr)) == 1)
            e = body(im, path, &row, m.data, ctx);
        if (!e && rc < 0)
            e = vg_import_csv_failed(im, &cerr);
        if (!e)
            e = vg_import_audit(im, path, 1);
        if (e)
            vg_store_rollback(im->st);
        else
            e = vg_store_commit(im->st, im->err);
    }
    im->sum->files = e ? 0 : 1;
    vg_csv_free(r);
    vg_file_unmap(&m);
    return e;
}

static bool ho_header(const vg_csv_row *row, void *ctx, char *why, size_t wl)
{
    (void)ctx;
    if (vg_ho_is_header(row))
        return true;
    snprintf(why, wl, "not the Home Office table header '12 months ending,PFA,Region,Offence,Rolling year total number of offences'");
    return false;
}

typedef struct ho_ctx {
    vg_strmap *areas;
} ho_ctx;

static vg_err ho_row(importer *im, const char *path, const vg_csv_row *row, const char *data, void *vctx)
{
    ho_ctx *ctx = vctx;
    vg_ho_row h;
    char why[256];
    if (!vg_ho_parse_row(row, &h, why, sizeof why))
        return vg_import_bad_row(im, path, row, why, data);
    char area[80];
    if (h.force)
        snprintf(area, sizeof area, "%s", h.force->slug);
    else
        snprintf(area, sizeof area, "fraud:%s", h.fraud_body);
    char offence[128];
    vg_str_copy(h.offence, offence, sizeof offence);
    vg_err e = vg_store_ho_put(im->st, area, h.period_end, offence, h.count, im->err);
    if (e)
        return e;
    vg_subgroup sg;
    if (!vg_ho_category_subgroup(h.offence.p, h.offence.n, &sg) && (e = vg_import_tally(im->sum->unknown_types, h.offence, im->err)))
        return e;
    im->sum->rows++;
    im->sum->dates_corrected += h.date_corrected;
    im->sum->negative_counts += h.count < 0;
    return note_area_period(im, ctx->areas, area, h.period_end);
}

vg_err vg_service_import_recorded_crime(vg_service *svc, const vg_actor *a, const char *path,
                                        const vg_import_options *opt, vg_import_summary *sum, vg_error *err)
{
    vg_err e = vg_import_summary_init(sum, err); /* first: the caller frees it whatever happens */
    if (e || (e = vg_access_require(svc, a, VG_PERM_IMPORT, "import", err)))
        return e;
    importer im = {.svc = svc, .a = a, .source = "the Home Office recorded-crime table", .st = svc->store, .opt = opt,
                   .sum = sum, .err = err};
    ho_ctx ctx;
    if (vg_strmap_new(&ctx.areas))
        return vg_error_set(err, VG_ERR_NOMEM, "import", "out of memory");
    e = import_table(&im, path, ho_header, ho_row, &ctx);
    vg_strmap_free(ctx.areas);
    return e;
}

/* ---- ONS population */

typedef struct pop_ctx {
    vg_pop_header h;
    vg_strmap *areas;
    const char *source;
} pop_ctx;

static bool pop_header(const vg_csv_row *row, void *vctx, char *why, size_t wl)
{
    pop_ctx *ctx = vctx;
    return vg_pop_parse_header(row, &ctx->h, why, wl);
}

static vg_err pop_row(importer *im, const char *path, const vg_csv_row *row, const char *data, void *vctx)
{
    pop_ctx *ctx = vctx;
    vg_pop_value v[VG_POP_MAX_COLUMNS];
    char why[256];
    int n = vg_pop_parse_row(&ctx->h, row, v, VG_POP_MAX_COLUMNS, why, sizeof why);
    if (n < 0)
        return vg_import_bad_row(im, path, row, why, data);
    for (int i = 0; i < n; i++) {
        if (v[i].population < 0)
            continue; /* an empty cell: no estimate for that force and year */
        vg_err e = vg_store_population_put(im->st, v[i].force->slug, v[i].year, v[i].population, v[i].households,
                                           ctx->source, im->err);
        if (e)
            return e;
        im->sum->rows++;
        if ((e = note_area_period(im, ctx->areas, v[i].force->slug, v[i].year)))
            return e;
    }
    return VG_OK;
}

vg_err vg_service_import_population(vg_service *svc, const vg_actor *a, const char *path, const vg_import_options *opt,
                                    vg_import_summary *sum, vg_error *err)
{
    vg_err e = vg_import_summary_init(sum, err); /* first: the caller frees it whatever happens */
    if (e || (e = vg_access_require(svc, a, VG_PERM_IMPORT, "import", err)))
        return e;
    importer im = {.svc = svc, .a = a, .source = "ONS population estimates", .st = svc->store, .opt = opt, .sum = sum,
                   .err = err};
    pop_ctx ctx = {.source = strrchr(path, '/') ? strrchr(path, '/') + 1 : path};
    if (vg_strmap_new(&ctx.areas))
        return vg_error_set(err, VG_ERR_NOMEM, "import", "out of memory");
    e = import_table(&im, path, pop_header, pop_row, &ctx);
    vg_strmap_free(ctx.areas);
    return e;
}
