/* import.c - importing official open data: police.uk files, the Home Office
 * recorded-crime table, and ONS population and households (by force area, or by local
 * authority summed into force areas through a lookup). Each import is one transaction: a malformed
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
#include "io/la_lookup.h"
#include "io/policeuk.h"
#include "io/population.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void vg_import_summary_free(vg_import_summary *s)
{
    vg_strmap_free(s->unknown_types);
    vg_strmap_free(s->legacy_types);
    vg_strmap_free(s->unknown_outcomes);
    vg_strmap_free(s->recoded);
    memset(s, 0, sizeof *s);
}

vg_err vg_import_summary_init(vg_import_summary *s, vg_error *err)
{
    memset(s, 0, sizeof *s);
    if (vg_strmap_new(&s->unknown_types) || vg_strmap_new(&s->legacy_types) || vg_strmap_new(&s->unknown_outcomes) ||
        vg_strmap_new(&s->recoded)) {
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
/* After the last row, in the import's transaction (NULL: nothing to do). */
typedef vg_err (*finish_fn)(importer *im, const char *path, void *ctx);

static vg_err import_table(importer *im, const char *path, header_fn header, row_fn body, finish_fn finish, void *ctx)
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
        if (!e && finish)
            e = finish(im, path, ctx);
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
    e = import_table(&im, path, ho_header, ho_row, NULL, &ctx);
    vg_strmap_free(ctx.areas);
    return e;
}

/* ---- ONS population and households */

#define YEAR_MIN 1900
#define YEARS 201 /* 1900..2100, the years the readers accept */
#define MAX_FORCES 64

/* Figures by local authority summed into force areas, for one import. */
typedef struct la_sums {
    int64_t value[MAX_FORCES][YEARS];
    int32_t las[MAX_FORCES][YEARS]; /* local authorities counted in the figure */
    int32_t codes[MAX_FORCES];      /* distinct codes of the file in each force */
    int64_t ew_total[YEARS];        /* the file's own England and Wales row, -1 if none */
    int64_t ew_sum[YEARS];
    uint64_t ew_line;
} la_sums;

typedef struct pop_ctx {
    vg_pop_header h;
    bool households;
    vg_strmap *areas;
    const char *file, *lookup_name; /* base names */
    vg_la_lookup *lookup;
    la_sums *sums;
    vg_strmap *seen; /* local-authority code -> line */
} pop_ctx;

static const char *base_name(const char *path) { return strrchr(path, '/') ? strrchr(path, '/') + 1 : path; }

static bool pop_header(const vg_csv_row *row, void *vctx, char *why, size_t wl)
{
    pop_ctx *ctx = vctx;
    if (ctx->households)
        return vg_pop_parse_households_header(row, &ctx->h, why, wl);
    return vg_pop_parse_header(row, &ctx->h, why, wl);
}

static vg_err rejected(importer *im, const char *path, uint64_t line, const char *fmt, ...) VG_PRINTF(4, 5);
static vg_err rejected(importer *im, const char *path, uint64_t line, const char *fmt, ...)
{
    char where[600], why[700];
    if (line)
        snprintf(where, sizeof where, "%s:%llu", path, (unsigned long long)line);
    else /* the file as a whole */
        snprintf(where, sizeof where, "%s", path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return vg_error_set(im->err, VG_ERR_INVALID_INPUT, where, "%s", why);
}

/* A force-level figure, stored as it is. */
static vg_err force_value(importer *im, pop_ctx *ctx, const vg_pop_value *v)
{
    vg_err e = VG_OK;
    if (v->population >= 0)
        e = vg_store_population_put(im->st, v->force->slug, v->year, VG_BASIS_FORCE, v->population, ctx->file, im->err);
    if (!e && v->households >= 0)
        e = vg_store_households_put(im->st, v->force->slug, v->year, VG_BASIS_FORCE, v->households, ctx->file, im->err);
    if (e || (v->population < 0 && v->households < 0))
        return e;
    im->sum->rows++;
    return note_area_period(im, ctx->areas, v->force->slug, v->year);
}

/* The force of a local authority's row (NULL: the row is not summed), or an error. */
static vg_err la_place(importer *im, pop_ctx *ctx, const char *path, const vg_csv_row *row, const vg_pop_value *v,
                       const vg_force **out)
{
    *out = NULL;
    int c = (int)(v->code.n > 20 ? 20 : v->code.n);
    switch (vg_la_kind_of(v->code.p, v->code.n)) {
    case VG_LA_OUTSIDE: im->sum->outside++; return VG_OK;
    case VG_LA_AGGREGATE: im->sum->aggregates++; return VG_OK;
    case VG_LA_UNKNOWN:
        return rejected(im, path, row->line, "'%.*s' (%.*s) is not the code of a local authority, county, region or country",
                        c, v->code.p, (int)(v->name.n > 60 ? 60 : v->name.n), v->name.p);
    case VG_LA_DISTRICT: break;
    }
    int64_t line;
    if (vg_strmap_get(ctx->seen, v->code.p, v->code.n, &line))
        return rejected(im, path, row->line, "%.*s is in the file twice (also on line %lld)", c, v->code.p, (long long)line);
    if (vg_strmap_put(ctx->seen, v->code.p, v->code.n, (int64_t)row->line))
        return vg_error_set(im->err, VG_ERR_NOMEM, "import", "out of memory");
    vg_la_match m;
    char why[400];
    if (!vg_la_lookup_match(ctx->lookup, v->code.p, v->code.n, &m, why, sizeof why))
        return rejected(im, path, row->line, "%s (%.*s; lookup %s): nothing was imported", why,
                        (int)(v->name.n > 60 ? 60 : v->name.n), v->name.p, ctx->lookup_name);
    if (m.change) {
        char key[300];
        int n = m.forward ? snprintf(key, sizeof key, "%.*s %.*s, part of %s %s from %d-%02d-%02d: %s", c, v->code.p,
                                     (int)(v->name.n > 60 ? 60 : v->name.n), v->name.p, m.change->successor,
                                     m.change->name, m.change->effective / 10000, m.change->effective / 100 % 100,
                                     m.change->effective % 100, m.force->ons_name)
                          : snprintf(key, sizeof key, "%.*s %s, created %d-%02d-%02d from %s%s%s%s: %s", c, v->code.p,
                                     m.change->name, m.change->effective / 10000, m.change->effective / 100 % 100,
                                     m.change->effective % 100, m.change->predecessors[0],
                                     m.change->predecessors[1] ? ", " : "", m.change->predecessors[1] ? m.change->predecessors[1] : "",
                                     m.change->predecessors[2] ? " and others" : "", m.force->ons_name);
        if (n > 0 && vg_import_tally(im->sum->recoded, (vg_str){key, (size_t)n < sizeof key ? (size_t)n : sizeof key - 1},
                                     im->err))
            return im->err->code;
    }
    size_t count;
    ctx->sums->codes[m.force - vg_forces(&count)]++;
    im->sum->local_authorities++;
    *out = m.force;
    return VG_OK;
}

static vg_err pop_row(importer *im, const char *path, const vg_csv_row *row, const char *data, void *vctx)
{
    pop_ctx *ctx = vctx;
    vg_pop_value v[VG_POP_MAX_COLUMNS];
    char why[256];
    int n = vg_pop_parse_row(&ctx->h, row, v, VG_POP_MAX_COLUMNS, why, sizeof why);
    if (n < 0)
        return vg_import_bad_row(im, path, row, why, data);
    if (!vg_pop_by_local_authority(&ctx->h)) {
        for (int i = 0; i < n; i++) {
            vg_err e = force_value(im, ctx, &v[i]);
            if (e)
                return e;
        }
        return VG_OK;
    }
    if (!n)
        return VG_OK; /* the urban or rural part of an area */
    la_sums *s = ctx->sums;
    if (vg_str_eq_c(v[0].code, "K04000001")) { /* the file's own England and Wales total: a check */
        for (int i = 0; i < n; i++)
            s->ew_total[v[i].year - YEAR_MIN] = ctx->households ? v[i].households : v[i].population;
        s->ew_line = row->line;
        return VG_OK;
    }
    const vg_force *f;
    vg_err e = la_place(im, ctx, path, row, &v[0], &f);
    if (e || !f)
        return e;
    size_t count, fi = (size_t)(f - vg_forces(&count));
    for (int i = 0; i < n; i++) {
        int64_t x = ctx->households ? v[i].households : v[i].population;
        if (x < 0)
            continue; /* no figure for that year */
        int y = v[i].year - YEAR_MIN;
        s->value[fi][y] += x;
        s->las[fi][y]++;
        s->ew_sum[y] += x;
    }
    return VG_OK;
}

/* Whether the file's codes cover a lookup area: itself, its successor, or all of the
 * areas it was made from. */
static bool covered(const pop_ctx *ctx, const char *code, int depth)
{
    size_t n = strlen(code);
    if (vg_strmap_get(ctx->seen, code, n, NULL))
        return true;
    if (depth > 4)
        return false;
    const vg_la_change *ch = vg_la_change_ending(code, n);
    if (ch && covered(ctx, ch->successor, depth + 1))
        return true;
    if (!(ch = vg_la_change_creating(code, n)))
        return false;
    for (int k = 0; k < VG_LA_MAX_PREDECESSORS && ch->predecessors[k]; k++)
        if (!covered(ctx, ch->predecessors[k], depth + 1))
            return false;
    return true;
}

/* Checks that each force's figure is whole and counts no area twice. */
static vg_err la_check(importer *im, pop_ctx *ctx, const char *path)
{
    size_t nf;
    const vg_force *forces = vg_forces(&nf);
    la_sums *s = ctx->sums;
    /* an area and the one it became, both in the file, would be counted twice */
    size_t nc;
    const vg_la_change *ch = vg_la_changes(&nc);
    for (size_t i = 0; i < nc; i++) {
        int64_t a, b;
        if (!vg_strmap_get(ctx->seen, ch[i].successor, strlen(ch[i].successor), &a))
            continue;
        for (int k = 0; k < VG_LA_MAX_PREDECESSORS && ch[i].predecessors[k]; k++)
            if (vg_strmap_get(ctx->seen, ch[i].predecessors[k], strlen(ch[i].predecessors[k]), &b))
                return rejected(im, path, (uint64_t)b, "%s and %s (%s, which replaced it) are both in the file: the area "
                                "would be counted twice; nothing was imported", ch[i].predecessors[k], ch[i].successor,
                                ch[i].name);
    }
    /* every area of a force the file covers at all, per the lookup */
    for (size_t i = 0; i < vg_la_lookup_count(ctx->lookup); i++) {
        const char *code, *name;
        const vg_force *f;
        vg_la_lookup_entry(ctx->lookup, i, &code, &name, &f);
        if (s->codes[f - forces] && !covered(ctx, code, 0))
            return rejected(im, path, 0, "%s is missing %s (%s), one of its local authorities in %s: its figure would be "
                            "short; nothing was imported", f->ons_name, code, name, ctx->lookup_name);
    }
    /* every area of a force has a figure for each year the force has one */
    for (size_t fi = 0; fi < nf && fi < MAX_FORCES; fi++)
        for (int y = 0; y < YEARS; y++)
            if (s->las[fi][y] && s->las[fi][y] != s->codes[fi])
                return rejected(im, path, 0, "%s, %d: %d of its %d local authorities have a figure: its figure would be "
                                "short; nothing was imported", forces[fi].ons_name, YEAR_MIN + y, s->las[fi][y],
                                s->codes[fi]);
    /* the file's own England and Wales total, where it gives one */
    for (int y = 0; y < YEARS; y++)
        if (s->ew_total[y] >= 0 && s->ew_sum[y] && s->ew_total[y] != s->ew_sum[y])
            return rejected(im, path, s->ew_line, "the file's England and Wales total for %d is %lld, but its local "
                            "authorities add up to %lld; nothing was imported", YEAR_MIN + y, (long long)s->ew_total[y],
                            (long long)s->ew_sum[y]);
    return VG_OK;
}

static vg_err la_finish(importer *im, const char *path, void *vctx)
{
    pop_ctx *ctx = vctx;
    if (!vg_pop_by_local_authority(&ctx->h))
        return VG_OK;
    vg_err e = la_check(im, ctx, path);
    size_t nf;
    const vg_force *forces = vg_forces(&nf);
    la_sums *s = ctx->sums;
    for (size_t fi = 0; !e && fi < nf && fi < MAX_FORCES; fi++)
        for (int y = 0; !e && y < YEARS; y++) {
            if (!s->las[fi][y])
                continue;
            char source[256];
            snprintf(source, sizeof source, "%s: %d local authorit%s through %s", ctx->file, s->las[fi][y],
                     s->las[fi][y] == 1 ? "y" : "ies", ctx->lookup_name);
            e = ctx->households ? vg_store_households_put(im->st, forces[fi].slug, YEAR_MIN + y, VG_BASIS_LOCAL_AUTHORITY,
                                                          s->value[fi][y], source, im->err)
                                : vg_store_population_put(im->st, forces[fi].slug, YEAR_MIN + y, VG_BASIS_LOCAL_AUTHORITY,
                                                          s->value[fi][y], source, im->err);
            if (!e) {
                im->sum->rows++;
                e = note_area_period(im, ctx->areas, forces[fi].slug, YEAR_MIN + y);
            }
        }
    return e;
}

/* Reads the lookup the file's local authorities need, after its header said so. */
static bool la_header(const vg_csv_row *row, void *vctx, char *why, size_t wl)
{
    pop_ctx *ctx = vctx;
    if (!pop_header(row, vctx, why, wl))
        return false;
    if (vg_pop_by_local_authority(&ctx->h) && !ctx->lookup) {
        snprintf(why, wl, "the file gives figures by local authority: name the ONS lookup from local authorities to "
                          "police force areas with --lookup FILE");
        return false;
    }
    return true;
}

static vg_err import_denominators(vg_service *svc, const vg_actor *a, const char *path, bool households,
                                  const vg_import_options *opt, vg_import_summary *sum, vg_error *err)
{
    vg_err e = vg_import_summary_init(sum, err); /* first: the caller frees it whatever happens */
    if (e || (e = vg_access_require(svc, a, VG_PERM_IMPORT, "import", err)))
        return e;
    pop_ctx ctx = {.households = households, .file = base_name(path)};
    char source[400];
    snprintf(source, sizeof source, "%s%s%s", households ? "ONS household counts" : "ONS population estimates",
             opt && opt->lookup ? " through the local-authority lookup " : "", opt && opt->lookup ? base_name(opt->lookup) : "");
    importer im = {.svc = svc, .a = a, .source = source, .st = svc->store, .opt = opt, .sum = sum, .err = err};
    vg_mapped lm = {0};
    if (opt && opt->lookup) {
        ctx.lookup_name = base_name(opt->lookup);
        if ((e = vg_file_map(opt->lookup, &lm, err)))
            return e;
        e = vg_la_lookup_read(&ctx.lookup, lm.data, lm.len, opt->lookup, err);
        vg_file_unmap(&lm);
        if (e)
            return e;
        sum->lookup_year = vg_la_lookup_year(ctx.lookup);
    }
    if (!(ctx.sums = vg_calloc(1, sizeof *ctx.sums)) || vg_strmap_new(&ctx.areas) || vg_strmap_new(&ctx.seen))
        e = vg_error_set(err, VG_ERR_NOMEM, "import", "out of memory");
    else {
        for (int y = 0; y < YEARS; y++)
            ctx.sums->ew_total[y] = -1;
        e = import_table(&im, path, la_header, pop_row, la_finish, &ctx);
        if (e == VG_ERR_INVALID_INPUT && !ctx.lookup && strstr(err->why, "--lookup"))
            err->code = e = VG_ERR_USAGE; /* an option missing, not the file wrong */
    }
    vg_strmap_free(ctx.areas);
    vg_strmap_free(ctx.seen);
    vg_free(ctx.sums);
    vg_la_lookup_free(ctx.lookup);
    return e;
}

vg_err vg_service_import_population(vg_service *svc, const vg_actor *a, const char *path, const vg_import_options *opt,
                                    vg_import_summary *sum, vg_error *err)
{
    return import_denominators(svc, a, path, false, opt, sum, err);
}

vg_err vg_service_import_households(vg_service *svc, const vg_actor *a, const char *path, const vg_import_options *opt,
                                    vg_import_summary *sum, vg_error *err)
{
    return import_denominators(svc, a, path, true, opt, sum, err);
}
