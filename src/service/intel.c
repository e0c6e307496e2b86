/* intel.c - intelligence: recorded crimes for the analyses (near-repeat, hotspots),
 * repeats and trends, and the daily neighbourhood briefing with its tasking. */
#include "service/service_int.h"
#include "base/alloc.h"
#include "base/geo.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct find_ctx {
    const char *want;
    vg_area_ref *out;
    bool found;
} find_ctx;

static vg_err area_match(void *ctx, const vg_area *ar)
{
    find_ctx *f = ctx;
    if (!f->found && ((ar->code && strcasecmp(ar->code, f->want) == 0) || (ar->name && strcasecmp(ar->name, f->want) == 0))) {
        f->found = true;
        f->out->id = ar->id;
        f->out->kind = ar->kind;
        snprintf(f->out->code, sizeof f->out->code, "%s", ar->code ? ar->code : "");
        snprintf(f->out->name, sizeof f->out->name, "%s", ar->name ? ar->name : "");
    }
    return VG_OK;
}

vg_err vg_service_area_find(vg_service *svc, const vg_actor *a, const char *code_or_name, vg_area_ref *out,
                            vg_error *err)
{
    memset(out, 0, sizeof *out);
    if (!a)
        return vg_error_set(err, VG_ERR_FORBIDDEN, "area", "not signed in");
    if (!code_or_name || !*code_or_name)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "area", "name a neighbourhood or local authority");
    find_ctx f = {code_or_name, out, false};
    vg_err e = vg_store_areas_each(svc->store, area_match, &f, err);
    if (e)
        return e;
    if (!f.found)
        return vg_error_set(err, VG_ERR_NOT_FOUND, "area", "no neighbourhood or local authority with the code or name '%s'",
                            code_or_name);
    return VG_OK;
}

typedef struct points_ctx {
    bool in[VG_SG_COUNT];
    bool all;
    vg_knox_point *p;
    size_t n, cap;
} points_ctx;

static vg_err point_take(void *ctx, const vg_crime_point *cp)
{
    points_ctx *c = ctx;
    if (!c->all) {
        const vg_offence *o = vg_offence_find(cp->offence);
        if (!o || !c->in[o->subgroup])
            return VG_OK;
    }
    if (vg_grow((void **)&c->p, &c->cap, c->n, sizeof *c->p, 4096))
        return VG_ERR_NOMEM;
    c->p[c->n++] = (vg_knox_point){cp->easting, cp->northing, vg_time_date(cp->at)};
    return VG_OK;
}

vg_err vg_service_crime_points(vg_service *svc, const vg_actor *a, const vg_crime_query *q, vg_knox_point **out,
                               size_t *n, vg_error *err)
{
    *out = NULL;
    *n = 0;
    vg_err e = vg_access_require(svc, a, VG_PERM_INTEL, "crime locations", err);
    if (e)
        return e;
    points_ctx c = {.all = !q->crime_type || !*q->crime_type};
    if (!c.all && !vg_crime_type_parse(q->crime_type, c.in))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "crime-type",
                            "'%s' is not a police.uk crime type (e.g. burglary, vehicle-crime), an offence subgroup or an ONS group",
                            q->crime_type);
    if (q->to <= q->from)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "to", "the period ends before it starts");
    e = vg_store_crime_points(svc->store, q->area, vg_date_time(q->from), vg_date_time(q->to), point_take, &c, err);
    if (e) {
        vg_free(c.p);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "crime locations", "out of memory") : e;
    }
    char what[256], from[VG_DATE_LEN], to[VG_DATE_LEN];
    vg_date_format(q->from, from);
    vg_date_format(q->to - 1, to);
    snprintf(what, sizeof what, "crime locations: area:%lld %s to %s, %s (%zu crimes)", (long long)q->area, from, to,
             c.all ? "all types" : q->crime_type, c.n);
    if ((e = vg_audit_commit(svc, a, VG_AUDIT_CONSULT, what, NULL, "crime analysis", err))) {
        vg_free(c.p);
        return e;
    }
    *out = c.p;
    *n = c.n;
    return VG_OK;
}

typedef struct hull_pts {
    double (*p)[2];
    size_t n, cap;
} hull_pts;

static vg_err hull_add(void *ctx, double lat, double lon)
{
    hull_pts *h = ctx;
    if (vg_grow((void **)&h->p, &h->cap, h->n, sizeof *h->p, 1024))
        return VG_ERR_NOMEM;
    h->p[h->n][0] = lat;
    h->p[h->n++][1] = lon;
    return VG_OK;
}

vg_err vg_service_area_outline_grid(vg_service *svc, const vg_actor *a, vg_id area, double (**xy)[2], size_t *n,
                                    vg_error *err)
{
    *xy = NULL;
    *n = 0;
    vg_err e = vg_access_require(svc, a, VG_PERM_INTEL, "area outline", err);
    if (e)
        return e;
    hull_pts h = {0};
    if ((e = vg_store_area_positions(svc->store, area, hull_add, &h, err))) {
        vg_free(h.p);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "area outline", "out of memory") : e;
    }
    double (*hull)[2] = h.n >= 3 ? vg_malloc(2 * h.n * sizeof *hull) : NULL;
    vg_geo *geo = NULL;
    if (hull && !(e = vg_geo_open(&geo, err))) {
        size_t k = vg_convex_hull(h.p, h.n, hull);
        for (size_t i = 0; i < k && !e; i++)
            if (vg_geo_wgs84_to_bng(geo, hull[i][0], hull[i][1], &hull[i][0], &hull[i][1]))
                e = vg_error_set(err, VG_ERR_INTERNAL, "area outline", "cannot project the outline");
        *n = e ? 0 : k;
    } else if (h.n >= 3 && !hull) {
        e = vg_error_set(err, VG_ERR_NOMEM, "area outline", "out of memory");
    }
    vg_geo_close(geo);
    vg_free(h.p);
    if (e || !*n) {
        vg_free(hull);
        hull = NULL;
        *n = 0;
    }
    *xy = hull;
    return e;
}
