/* export.c - the force's own records in police.uk form, anonymised the police.uk way. */
#include "service/service_int.h"
#include "base/alloc.h"
#include "base/geo.h"
#include "base/map.h"
#include "domain/offence.h"
#include "domain/outcome.h"
#include "domain/policeuk.h"
#include "io/anonymise.h"
#include "io/csv.h"
#include "io/policeuk.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define MIN_CATCHMENT 8

/* A candidate anonymous point: a street (centroid of its addresses) or a public place. */
typedef struct point_info {
    char label[128];          /* "On or near High Street" */
    char lsoa_code[16], lsoa_name[64];
    double sx, sy;            /* street: sums for the centroid */
    int64_t n;
} point_info;

typedef struct xy {
    float x, y;
    bool has;
} xy;

typedef struct build {
    vg_strmap *streets;       /* "street|town|neighbourhood" -> point index */
    point_info *info;
    vg_anon_point *pts;
    size_t n_pts, cap_pts, cap_info;
    double *ax, *ay;          /* addresses */
    size_t n_addr, cap_ax, cap_ay;
    xy *loc;                  /* location id -> position */
    size_t cap_loc;
    vg_error *err;
} build;

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 4096;
    while (ncap < need)
        ncap *= 2;
    void *n = vg_realloc(*p, ncap * elem);
    if (!n)
        return false;
    memset((char *)n + *cap * elem, 0, (ncap - *cap) * elem);
    *p = n;
    *cap = ncap;
    return true;
}

static vg_err nomem(build *b) { return vg_error_set(b->err, VG_ERR_NOMEM, "export", "out of memory"); }

static vg_err new_point(build *b, double x, double y, const char *label, const char *lsoa_code,
                        const char *lsoa_name, size_t *idx)
{
    if (!grow((void **)&b->pts, &b->cap_pts, b->n_pts + 1, sizeof *b->pts) ||
        !grow((void **)&b->info, &b->cap_info, b->n_pts + 1, sizeof *b->info))
        return nomem(b);
    point_info *pi = &b->info[b->n_pts];
    memset(pi, 0, sizeof *pi);
    snprintf(pi->label, sizeof pi->label, "On or near %s", label ? label : "");
    snprintf(pi->lsoa_code, sizeof pi->lsoa_code, "%s", lsoa_code ? lsoa_code : "");
    snprintf(pi->lsoa_name, sizeof pi->lsoa_name, "%s", lsoa_name ? lsoa_name : "");
    b->pts[b->n_pts] = (vg_anon_point){x, y, 0, true};
    *idx = b->n_pts++;
    return VG_OK;
}

static vg_err add_location(void *ctx, const vg_location *l)
{
    build *b = ctx;
    if (!grow((void **)&b->loc, &b->cap_loc, (size_t)l->id + 1, sizeof *b->loc))
        return nomem(b);
    b->loc[l->id] = (xy){(float)l->easting, (float)l->northing, l->has_bng};
    if (!l->has_bng)
        return VG_OK;
    size_t idx;
    if (l->kind == VG_LOC_PLACE)
        return new_point(b, l->easting, l->northing, l->building ? l->building : l->street, l->lsoa_code, l->lsoa_name, &idx);
    if (l->kind != VG_LOC_ADDRESS || !l->uprn || !l->street)
        return VG_OK; /* only the address base (addresses with a UPRN) makes catchments */
    if (!grow((void **)&b->ax, &b->cap_ax, b->n_addr + 1, sizeof *b->ax) ||
        !grow((void **)&b->ay, &b->cap_ay, b->n_addr + 1, sizeof *b->ay))
        return nomem(b);
    b->ax[b->n_addr] = l->easting;
    b->ay[b->n_addr++] = l->northing;
    char key[256];
    snprintf(key, sizeof key, "%s|%s|%lld", l->street, l->town ? l->town : "", (long long)l->neighbourhood_id);
    int64_t found;
    if (vg_strmap_get(b->streets, key, strlen(key), &found)) {
        idx = (size_t)found;
    } else {
        vg_err e = new_point(b, 0, 0, l->street, l->lsoa_code, l->lsoa_name, &idx);
        if (e)
            return e;
        if (vg_strmap_put(b->streets, key, strlen(key), (int64_t)idx))
            return nomem(b);
    }
    b->info[idx].sx += l->easting;
    b->info[idx].sy += l->northing;
    b->info[idx].n++;
    return VG_OK;
}

/* ---- writing */

typedef struct writer {
    vg_service *svc;
    FILE *street, *outcomes;
    const build *b;
    const vg_anon *anon;
    vg_geo *geo;
    char force_name[128], force_slug[64];
    char month[16];
    vg_export_summary *sum;
    vg_error *err;
    bool io_failed;
    vg_audit_recs recs; /* every record published, for the disclosure's entry */
} writer;

static void field(writer *w, FILE *f, const char *s, bool last)
{
    if (!vg_csv_write_field(f, s ? s : "", s ? strlen(s) : 0) || fputc(last ? '\n' : ',', f) == EOF)
        w->io_failed = true;
}

/* Writes Longitude, Latitude, Location, LSOA code, LSOA name for a location. */
static void place_fields(writer *w, FILE *f, vg_id loc)
{
    const xy *p = (loc > 0 && (size_t)loc < w->b->cap_loc) ? &w->b->loc[loc] : NULL;
    size_t pt = p && p->has ? vg_anon_nearest(w->anon, p->x, p->y) : SIZE_MAX;
    double lat, lon;
    if (pt == SIZE_MAX || vg_geo_bng_to_wgs84(w->geo, w->b->pts[pt].x, w->b->pts[pt].y, &lat, &lon)) {
        w->sum->without_location++;
        for (int i = 0; i < 5; i++)
            field(w, f, "", false);
        return;
    }
    char slon[32], slat[32];
    snprintf(slon, sizeof slon, "%.6f", lon);
    snprintf(slat, sizeof slat, "%.6f", lat);
    field(w, f, slon, false);
    field(w, f, slat, false);
    field(w, f, w->b->info[pt].label, false);
    field(w, f, w->b->info[pt].lsoa_code, false);
    field(w, f, w->b->info[pt].lsoa_name, false);
}

static void crime_id(writer *w, const char *reference, char out[65])
{
    uint8_t h[32];
    char in[256];
    snprintf(in, sizeof in, "%s:%s", w->force_slug, reference);
    crypto_generichash(h, sizeof h, (const unsigned char *)in, strlen(in), NULL, 0);
    vg_puk_crime_id_hex(h, out);
}

static vg_err street_crime(void *ctx, const vg_crime *c)
{
    writer *w = ctx;
    const vg_offence *o = vg_offence_find(c->offence_code);
    if (c->status != VG_CRIME_RECORDED || !o)
        return VG_OK;
    vg_puk_type t = vg_subgroup_policeuk(o->subgroup);
    char id[65];
    crime_id(w, c->reference, id);
    field(w, w->street, id, false);
    field(w, w->street, w->month, false);
    field(w, w->street, w->force_name, false);
    field(w, w->street, w->force_name, false);
    place_fields(w, w->street, c->location_id);
    field(w, w->street, vg_puk_type_info_of(t)->label, false);
    field(w, w->street, vg_outcome_policeuk_label(c->outcome), false);
    field(w, w->street, "", true);
    w->sum->crimes++;
    vg_audit_recs_add(&w->recs, "crime", c->id);
    return w->io_failed ? vg_error_set(w->err, VG_ERR_IO, w->sum->street_path, "write failed") : VG_OK;
}

static vg_err street_asb(void *ctx, const vg_incident *i)
{
    writer *w = ctx;
    if (!vg_category_is_asb(i->category))
        return VG_OK;
    field(w, w->street, "", false);
    field(w, w->street, w->month, false);
    field(w, w->street, w->force_name, false);
    field(w, w->street, w->force_name, false);
    place_fields(w, w->street, i->location_id);
    field(w, w->street, vg_puk_type_info_of(VG_PUK_ASB)->label, false);
    field(w, w->street, "", false);
    field(w, w->street, "", true);
    w->sum->asb++;
    vg_audit_recs_add(&w->recs, "incident", i->id);
    return w->io_failed ? vg_error_set(w->err, VG_ERR_IO, w->sum->street_path, "write failed") : VG_OK;
}

static vg_err outcome_row(void *ctx, const vg_crime *c)
{
    writer *w = ctx;
    if (c->status != VG_CRIME_RECORDED || c->outcome == 0 || !vg_offence_find(c->offence_code))
        return VG_OK;
    char id[65];
    crime_id(w, c->reference, id);
    field(w, w->outcomes, id, false);
    field(w, w->outcomes, w->month, false);
    field(w, w->outcomes, w->force_name, false);
    field(w, w->outcomes, w->force_name, false);
    place_fields(w, w->outcomes, c->location_id);
    field(w, w->outcomes, vg_outcome_policeuk_label(c->outcome), true);
    w->sum->outcomes++;
    return w->io_failed ? vg_error_set(w->err, VG_ERR_IO, w->sum->outcomes_path, "write failed") : VG_OK;
}

vg_err vg_export_make_dir(const char *path, vg_error *err)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return vg_error_set(err, VG_ERR_IO, path, "cannot create folder: %s", strerror(errno));
    return VG_OK;
}

static vg_err write_files(writer *w, int yyyymm, const char *dir)
{
    char sub[512];
    snprintf(sub, sizeof sub, "%.490s/%s", dir, w->month);
    vg_err e = vg_export_make_dir(dir, w->err);
    if (!e)
        e = vg_export_make_dir(sub, w->err);
    if (e)
        return e;
    snprintf(w->sum->street_path, sizeof w->sum->street_path, "%s/%s-%.40s-street.csv", sub, w->month, w->force_slug);
    snprintf(w->sum->outcomes_path, sizeof w->sum->outcomes_path, "%s/%s-%.40s-outcomes.csv", sub, w->month,
             w->force_slug);
    w->street = fopen(w->sum->street_path, "w");
    w->outcomes = fopen(w->sum->outcomes_path, "w");
    if (!w->street || !w->outcomes)
        e = vg_error_set(w->err, VG_ERR_IO, !w->street ? w->sum->street_path : w->sum->outcomes_path, "cannot write: %s",
                         strerror(errno));
    if (!e) {
        fprintf(w->street, "%s\n", vg_puk_header(VG_PUKF_STREET));
        fprintf(w->outcomes, "%s\n", vg_puk_header(VG_PUKF_OUTCOMES));
        vg_time from = vg_date_time(vg_month_first_day(vg_month_make(yyyymm / 100, yyyymm % 100)));
        vg_time to = vg_date_time(vg_month_first_day(vg_month_make(yyyymm / 100, yyyymm % 100) + 1));
        vg_store *st = w->svc->store;
        e = vg_store_crimes_each(st, from, to, false, street_crime, w, w->err);
        if (!e)
            e = vg_store_incidents_each(st, from, to, street_asb, w, w->err);
        if (!e)
            e = vg_store_crimes_each(st, from, to, true, outcome_row, w, w->err);
    }
    if (w->street && fclose(w->street) != 0 && !e)
        e = vg_error_set(w->err, VG_ERR_IO, w->sum->street_path, "write failed");
    if (w->outcomes && fclose(w->outcomes) != 0 && !e)
        e = vg_error_set(w->err, VG_ERR_IO, w->sum->outcomes_path, "write failed");
    return e;
}

vg_err vg_service_export_police_uk(vg_service *svc, const vg_actor *a, int yyyymm, const char *dir,
                                   vg_export_summary *sum, vg_error *err)
{
    memset(sum, 0, sizeof *sum);
    vg_err ae = vg_access_require(svc, a, VG_PERM_EXPORT, "police.uk export", err);
    if (ae)
        return ae;
    if (sodium_init() < 0)
        return vg_error_set(err, VG_ERR_INTERNAL, "export", "libsodium failed to initialise");
    writer w = {.svc = svc, .sum = sum, .err = err};
    vg_error ignore;
    if (vg_store_setting_get(svc->store, "force.name", w.force_name, sizeof w.force_name, &ignore) ||
        vg_store_setting_get(svc->store, "force.slug", w.force_slug, sizeof w.force_slug, &ignore))
        return vg_error_set(err, VG_ERR_NOT_FOUND, "export",
                            "the database does not name its force (settings force.name and force.slug)");
    snprintf(w.month, sizeof w.month, "%04d-%02d", yyyymm / 100, yyyymm % 100);
    build b = {.err = err};
    vg_anon *anon = NULL;
    vg_err e = vg_strmap_new(&b.streets) ? nomem(&b) : VG_OK;
    if (!e)
        e = vg_store_locations_each(svc->store, add_location, &b, err);
    for (size_t i = 0; !e && i < b.n_pts; i++)
        if (b.info[i].n) { /* streets: their centre */
            b.pts[i].x = b.info[i].sx / (double)b.info[i].n;
            b.pts[i].y = b.info[i].sy / (double)b.info[i].n;
        }
    if (!e)
        e = vg_anon_build(b.pts, b.n_pts, b.ax, b.ay, b.n_addr, MIN_CATCHMENT, &anon, err);
    if (!e) {
        for (size_t i = 0; i < b.n_pts; i++) {
            sum->points += b.pts[i].active;
            sum->points_dropped += !b.pts[i].active;
        }
        sum->rounds = vg_anon_rounds(anon);
        w.b = &b;
        w.anon = anon;
        e = vg_geo_open(&w.geo, err);
    }
    if (!e)
        e = write_files(&w, yyyymm, dir);
    if (!e) { /* published: a disclosure to the public, anonymised, naming every record in it */
        char what[700];
        snprintf(what, sizeof what, "police.uk export %s: %lld crimes, %lld ASB incidents, to %.500s", w.month,
                 (long long)sum->crimes, (long long)sum->asb, dir);
        e = vg_audit_commit_recs(svc, a, VG_AUDIT_DISCLOSE, what, &w.recs, "public (police.uk open data)",
                                 "open data: the month's crimes and ASB, anonymised", err);
        if (e) { /* nothing published that the log does not name */
            unlink(sum->street_path);
            unlink(sum->outcomes_path);
        }
    }
    vg_audit_recs_free(&w.recs);
    vg_geo_close(w.geo);
    vg_anon_free(anon);
    vg_strmap_free(b.streets);
    vg_free(b.info);
    vg_free(b.pts);
    vg_free(b.ax);
    vg_free(b.ay);
    vg_free(b.loc);
    return e;
}
