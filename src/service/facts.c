/* facts.c - the analytics export: the force's recorded crimes, incidents and outcomes of
 * a period as facts without names (no person, no address: a record's reference, codes,
 * times and its neighbourhood and local authority), in CSV partitioned the Hive way by
 * year and force (DIR/crimes/year=2014/force=wessex/part-0.csv), which DuckDB, Spark and
 * Trino read as one table each, and DuckDB turns into Parquet in one statement (see
 * docs/OPERATIONS.md). Debian 12 packages no Parquet writer for C; CSV is the format every
 * engine reads. */
#include "service/service_int.h"
#include "base/alloc.h"
#include "domain/offence.h"
#include "io/csv.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define YEARS 200 /* 1900..2099 */

static const char *const kinds[3] = {"crimes", "incidents", "outcomes"};
static const char *const headers[3] = {
    ("crime_id,reference,offence_code,offence_group,recorded_at,committed_at,status,outcome,outcome_at,"
     "neighbourhood,local_authority"),
    "incident_id,reference,received_at,category,thrive,closed_at,neighbourhood,local_authority",
    "crime_id,reference,offence_code,outcome,outcome_at,neighbourhood,local_authority"};

typedef struct facts {
    vg_service *svc;
    const char *dir;
    char force[64];
    FILE *f[3][YEARS];
    char (*path)[600];
    char **code;          /* area id -> code (borrowed from areas) */
    size_t n_code;
    vg_id *nbh, *la;      /* location id -> area ids */
    size_t n_loc;
    vg_area *areas;
    size_t n_areas, cap_areas;
    vg_audit_recs recs;
    vg_export_facts_summary *sum;
    vg_error *err;
    bool io_failed;
} facts;

static vg_err keep_area(void *ctx, const vg_area *a)
{
    facts *x = ctx;
    if (x->n_areas == x->cap_areas) {
        size_t cap = x->cap_areas ? 2 * x->cap_areas : 64;
        vg_area *v = vg_realloc(x->areas, cap * sizeof *v);
        if (!v)
            return VG_ERR_NOMEM;
        x->areas = v;
        x->cap_areas = cap;
    }
    vg_area *c = &x->areas[x->n_areas];
    *c = *a;
    c->code = vg_strdup(a->code ? a->code : "");
    c->name = NULL;
    if (!c->code)
        return VG_ERR_NOMEM;
    x->n_areas++;
    return VG_OK;
}

static vg_err keep_location(void *ctx, const vg_location *l)
{
    facts *x = ctx;
    if (l->id <= 0)
        return VG_OK;
    if ((size_t)l->id >= x->n_loc) {
        size_t n = (size_t)l->id * 2 + 1024;
        vg_id *a = vg_realloc(x->nbh, n * sizeof *a);
        if (!a)
            return VG_ERR_NOMEM;
        x->nbh = a;
        vg_id *b = vg_realloc(x->la, n * sizeof *b);
        if (!b)
            return VG_ERR_NOMEM;
        x->la = b;
        memset(x->nbh + x->n_loc, 0, (n - x->n_loc) * sizeof *a);
        memset(x->la + x->n_loc, 0, (n - x->n_loc) * sizeof *b);
        x->n_loc = n;
    }
    x->nbh[l->id] = l->neighbourhood_id;
    x->la[l->id] = l->la_id;
    return VG_OK;
}

static const char *area_code(const facts *x, vg_id id)
{
    for (size_t i = 0; id && i < x->n_areas; i++)
        if (x->areas[i].id == id)
            return x->areas[i].code;
    return "";
}

static void cell(facts *x, FILE *f, const char *s, bool last)
{
    if (!vg_csv_write_field(f, s ? s : "", s ? strlen(s) : 0) || fputc(last ? '\n' : ',', f) == EOF)
        x->io_failed = true;
}

static void time_cell(facts *x, FILE *f, vg_time t, bool last)
{
    char s[VG_TIME_LEN] = "";
    if (t != VG_TIME_NONE)
        vg_time_format(t, s);
    cell(x, f, s, last);
}

/* The file of a kind and year, made (with its header) at its first row; NULL on failure. */
static FILE *file_of(facts *x, int kind, vg_time at)
{
    int y, m, d;
    vg_date_to_ymd(vg_time_date(at), &y, &m, &d);
    if (y < 1900 || y >= 1900 + YEARS) {
        vg_error_set(x->err, VG_ERR_INVALID_INPUT, kinds[kind], "a record dated in %d", y);
        return NULL;
    }
    FILE **f = &x->f[kind][y - 1900];
    if (*f)
        return *f;
    char p[600];
    snprintf(p, sizeof p, "%.400s/%s", x->dir, kinds[kind]);
    if (vg_export_make_dir(p, x->err))
        return NULL;
    snprintf(p, sizeof p, "%.400s/%s/year=%d", x->dir, kinds[kind], y);
    if (vg_export_make_dir(p, x->err))
        return NULL;
    snprintf(p, sizeof p, "%.400s/%s/year=%d/force=%.60s", x->dir, kinds[kind], y, x->force);
    if (vg_export_make_dir(p, x->err))
        return NULL;
    snprintf(x->path[kind * YEARS + (y - 1900)], sizeof x->path[0], "%.400s/%s/year=%d/force=%.60s/part-0.csv", x->dir,
             kinds[kind], y, x->force);
    *f = fopen(x->path[kind * YEARS + (y - 1900)], "w");
    if (!*f) {
        vg_error_set(x->err, VG_ERR_IO, x->path[kind * YEARS + (y - 1900)], "cannot write: %s", strerror(errno));
        return NULL;
    }
    x->sum->files++;
    if (fprintf(*f, "%s\n", headers[kind]) < 0)
        x->io_failed = true;
    return *f;
}

static void place_cells(facts *x, FILE *f, vg_id loc)
{
    bool known = loc > 0 && (size_t)loc < x->n_loc;
    cell(x, f, known ? area_code(x, x->nbh[loc]) : "", false);
    cell(x, f, known ? area_code(x, x->la[loc]) : "", true);
}

static vg_err io_result(facts *x)
{
    return x->io_failed ? vg_error_set(x->err, VG_ERR_IO, x->dir, "write failed: %s", strerror(errno)) : VG_OK;
}

static vg_err crime_fact(void *ctx, const vg_crime *c)
{
    facts *x = ctx;
    FILE *f = file_of(x, 0, c->recorded_at);
    if (!f)
        return x->err->code;
    char id[24], outcome[8];
    snprintf(id, sizeof id, "%lld", (long long)c->id);
    snprintf(outcome, sizeof outcome, "%d", c->outcome);
    const vg_offence *o = vg_offence_find(c->offence_code);
    cell(x, f, id, false);
    cell(x, f, c->reference, false);
    cell(x, f, c->offence_code, false);
    cell(x, f, o ? vg_group_label(vg_subgroup_group(o->subgroup)) : "", false);
    time_cell(x, f, c->recorded_at, false);
    time_cell(x, f, c->committed_at, false);
    cell(x, f, vg_crime_status_name(c->status), false);
    cell(x, f, c->outcome ? outcome : "", false);
    time_cell(x, f, c->outcome_at, false);
    place_cells(x, f, c->location_id);
    x->sum->crimes++;
    vg_audit_recs_add(&x->recs, "crime", c->id);
    return io_result(x);
}

static vg_err incident_fact(void *ctx, const vg_incident *i)
{
    facts *x = ctx;
    FILE *f = file_of(x, 1, i->received_at);
    if (!f)
        return x->err->code;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)i->id);
    cell(x, f, id, false);
    cell(x, f, i->reference, false);
    time_cell(x, f, i->received_at, false);
    cell(x, f, vg_category_name(i->category), false);
    cell(x, f, vg_thrive_name(i->thrive), false);
    time_cell(x, f, i->closed_at, false);
    place_cells(x, f, i->location_id);
    x->sum->incidents++;
    vg_audit_recs_add(&x->recs, "incident", i->id);
    return io_result(x);
}

static vg_err outcome_fact(void *ctx, const vg_crime *c)
{
    facts *x = ctx;
    if (c->outcome <= 0 || c->outcome_at == VG_TIME_NONE)
        return VG_OK;
    FILE *f = file_of(x, 2, c->outcome_at);
    if (!f)
        return x->err->code;
    char id[24], outcome[8];
    snprintf(id, sizeof id, "%lld", (long long)c->id);
    snprintf(outcome, sizeof outcome, "%d", c->outcome);
    cell(x, f, id, false);
    cell(x, f, c->reference, false);
    cell(x, f, c->offence_code, false);
    cell(x, f, outcome, false);
    time_cell(x, f, c->outcome_at, false);
    place_cells(x, f, c->location_id);
    x->sum->outcomes++;
    return io_result(x);
}

vg_err vg_service_export_facts(vg_service *svc, const vg_actor *a, vg_month from, vg_month to, const char *dir,
                               vg_export_facts_summary *sum, vg_error *err)
{
    memset(sum, 0, sizeof *sum);
    vg_err e = vg_access_require(svc, a, VG_PERM_EXPORT, "analytics export", err);
    if (e)
        return e;
    if (to < from)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "--to", "the period ends before it begins");
    facts x = {.svc = svc, .dir = dir, .sum = sum, .err = err};
    vg_error ignore;
    if (vg_store_setting_get(svc->store, "force.slug", x.force, sizeof x.force, &ignore))
        return vg_error_set(err, VG_ERR_NOT_FOUND, "export", "the database does not name its force (setting force.slug)");
    if (!(x.path = vg_calloc(3 * YEARS, sizeof *x.path)))
        return vg_error_set(err, VG_ERR_NOMEM, "export", "out of memory");
    vg_time t0 = vg_date_time(vg_month_first_day(from)), t1 = vg_date_time(vg_month_first_day(to + 1));
    vg_store *st = vg_replica_get(svc); /* a bulk read: the replica's, if there is one */
    e = vg_export_make_dir(dir, err);
    if (!e)
        e = vg_store_areas_each(st, keep_area, &x, err);
    if (!e)
        e = vg_store_locations_each(st, keep_location, &x, err);
    if (!e)
        e = vg_store_crimes_each(st, t0, t1, false, crime_fact, &x, err);
    if (!e)
        e = vg_store_incidents_each(st, t0, t1, incident_fact, &x, err);
    if (!e)
        e = vg_store_crimes_each(st, t0, t1, true, outcome_fact, &x, err);
    vg_replica_put(svc, st);
    for (int k = 0; k < 3; k++)
        for (int y = 0; y < YEARS; y++)
            if (x.f[k][y] && fclose(x.f[k][y]) != 0 && !e)
                e = vg_error_set(err, VG_ERR_IO, x.path[k * YEARS + y], "write failed");
    if (!e && x.recs.nomem)
        e = vg_error_set(err, VG_ERR_NOMEM, "export", "out of memory");
    if (!e) { /* a disclosure to the analysts, naming every record in it */
        char what[700], mf[VG_MONTH_LEN], mt[VG_MONTH_LEN];
        vg_month_format(from, mf);
        vg_month_format(to, mt);
        snprintf(what, sizeof what, "analytics export %s to %s: %lld crimes, %lld incidents, %lld outcomes, to %.500s", mf,
                 mt, (long long)sum->crimes, (long long)sum->incidents, (long long)sum->outcomes, dir);
        e = vg_audit_commit_recs(svc, a, VG_AUDIT_DISCLOSE, what, &x.recs, "analytics (no names or addresses)",
                                 "analytics: recorded crimes, incidents and outcomes without names", err);
    }
    if (e) /* nothing left behind that the log does not name */
        for (int k = 0; k < 3 * YEARS; k++)
            if (x.path[k][0])
                unlink(x.path[k]);
    vg_audit_recs_free(&x.recs);
    for (size_t i = 0; i < x.n_areas; i++)
        vg_free(x.areas[i].code);
    vg_free(x.areas);
    vg_free(x.nbh);
    vg_free(x.la);
    vg_free(x.path);
    return e;
}
