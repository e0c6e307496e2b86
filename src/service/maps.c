/* maps.c - incidents on a map for analysts: where they happened in a neighbourhood or
 * local authority over a period, and a grid of counts showing the hotspots. */
#include "service/service_int.h"
#include "base/alloc.h"
#include "io/json_out.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAP_POINTS_MAX 50000   /* points sent (every k-th when there are more: "truncated") */
#define MAP_READ_MAX 5000000   /* incidents read for the counts and cells: past it, ask for a shorter period */

static vg_err area_seen(void *ctx, const vg_area *ar)
{
    json_t *arr = ctx;
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)ar->id, "code", ar->code ? ar->code : "", "name",
                          ar->name ? ar->name : "", "kind", ar->kind == VG_AREA_LOCAL_AUTHORITY ? "local_authority" : "neighbourhood",
                          "parent", (json_int_t)ar->parent_id);
    return o && !json_array_append_new(arr, o) ? VG_OK : VG_ERR_NOMEM;
}

vg_err vg_service_areas(vg_service *svc, const vg_actor *a, json_t **out, vg_error *err)
{
    *out = NULL;
    if (!a)
        return vg_error_set(err, VG_ERR_FORBIDDEN, "areas", "not signed in");
    json_t *arr = json_array();
    if (!arr)
        return vg_error_set(err, VG_ERR_NOMEM, "areas", "out of memory");
    vg_store *st = vg_reader_get(svc);
    vg_err e = vg_store_areas_each(st, area_seen, arr, err);
    vg_reader_put(svc, st);
    if (e) {
        json_decref(arr);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "areas", "out of memory") : e;
    }
    *out = arr;
    return VG_OK;
}

vg_err vg_service_incident_span(vg_service *svc, const vg_actor *a, vg_time *first, vg_time *last, vg_error *err)
{
    *first = *last = VG_TIME_NONE;
    vg_err e = vg_access_require(svc, a, VG_PERM_INCIDENT_READ, "incidents", err);
    if (e)
        return e;
    vg_store *st = vg_reader_get(svc);
    e = vg_store_incident_span(st, first, last, err);
    vg_reader_put(svc, st);
    return e;
}

typedef struct map_ctx {
    vg_incident_point *p;
    size_t n, cap;
} map_ctx;

static vg_err point_seen(void *ctx, const vg_incident_point *p)
{
    map_ctx *m = ctx;
    if (vg_grow((void **)&m->p, &m->cap, m->n, sizeof *m->p, 1024))
        return VG_ERR_NOMEM;
    m->p[m->n++] = *p;
    return VG_OK;
}

static int key_order(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The hotspot grid: counts per square cell of about cell_m metres, as
 * [south, west, north, east, count] rows. */
static json_t *grid(const map_ctx *m, double cell_m, int64_t *max_count)
{
    json_t *cells = json_array();
    *max_count = 0;
    if (!cells || !m->n)
        return cells;
    double lat0 = m->p[0].lat, lon0 = m->p[0].lon, mean = 0;
    for (size_t i = 0; i < m->n; i++) {
        lat0 = fmin(lat0, m->p[i].lat);
        lon0 = fmin(lon0, m->p[i].lon);
        mean += m->p[i].lat / (double)m->n;
    }
    double dlat = cell_m / 111320.0, dlon = cell_m / (111320.0 * cos(mean * M_PI / 180));
    int64_t *keys = vg_malloc(m->n * sizeof *keys);
    if (!keys) {
        json_decref(cells);
        return NULL;
    }
    for (size_t i = 0; i < m->n; i++)
        keys[i] = (int64_t)floor((m->p[i].lat - lat0) / dlat) * 1000000 + (int64_t)floor((m->p[i].lon - lon0) / dlon);
    qsort(keys, m->n, sizeof *keys, key_order);
    for (size_t i = 0, j; i < m->n; i = j) {
        for (j = i; j < m->n && keys[j] == keys[i]; j++)
            ;
        int64_t count = (int64_t)(j - i), row = keys[i] / 1000000, col = keys[i] % 1000000;
        if (count > *max_count)
            *max_count = count;
        json_t *c = json_pack("[f, f, f, f, I]", lat0 + (double)row * dlat, lon0 + (double)col * dlon,
                              lat0 + (double)(row + 1) * dlat, lon0 + (double)(col + 1) * dlon, (json_int_t)count);
        if (!c || json_array_append_new(cells, c)) {
            json_decref(cells);
            cells = NULL;
            break;
        }
    }
    vg_free(keys);
    return cells;
}

/* ---- area outlines: the convex hull of an area's located addresses (the store holds
 * no official boundaries) */

typedef struct pos {
    double lat, lon;
} pos;

typedef struct pos_list {
    pos *p;
    size_t n, cap;
} pos_list;

static vg_err pos_add(void *ctx, double lat, double lon)
{
    pos_list *l = ctx;
    if (vg_grow((void **)&l->p, &l->cap, l->n, sizeof *l->p, 1024))
        return VG_ERR_NOMEM;
    l->p[l->n++] = (pos){lat, lon};
    return VG_OK;
}

static int pos_order(const void *a, const void *b)
{
    const pos *x = a, *y = b;
    if (x->lon != y->lon)
        return x->lon < y->lon ? -1 : 1;
    return x->lat < y->lat ? -1 : x->lat > y->lat;
}

static double cross(pos o, pos a, pos b)
{
    return (a.lon - o.lon) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lon - o.lon);
}

/* Andrew's monotone chain: the hull of the n points (sorted in place) into out (2n
 * slots), counter-clockwise without repeating the first; its size. */
size_t vg_convex_hull(double (*pts)[2], size_t n, double (*out)[2])
{
    pos *p = (pos *)pts, *h = (pos *)out;
    qsort(p, n, sizeof *p, pos_order);
    if (n < 3) {
        memcpy(h, p, n * sizeof *p);
        return n;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0)
            k--;
        h[k++] = p[i];
    }
    for (size_t i = n - 1, t = k + 1; i-- > 0;) {
        while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0)
            k--;
        h[k++] = p[i];
    }
    return k - 1; /* the last point is the first again */
}

/* {"name", "points": [[lat, lon]...]} for an area, or NULL (no located addresses / out of memory). */
static json_t *outline(vg_store *st, vg_id area, const char *name, vg_error *err, vg_err *e)
{
    pos_list l = {0};
    *e = vg_store_area_positions(st, area, pos_add, &l, err);
    json_t *o = NULL;
    double(*hull)[2] = !*e && l.n >= 3 ? vg_malloc(2 * l.n * sizeof *hull) : NULL;
    if (hull) {
        size_t k = vg_convex_hull((double(*)[2])l.p, l.n, hull);
        json_t *pts = json_array();
        for (size_t i = 0; pts && i < k; i++)
            json_array_append_new(pts, json_pack("[f, f]", round(hull[i][0] * 1e5) / 1e5, round(hull[i][1] * 1e5) / 1e5));
        o = pts ? json_pack("{s:s, s:o}", "name", name, "points", pts) : NULL;
        vg_free(hull);
    }
    vg_free(l.p);
    return o;
}

typedef struct outline_ctx {
    vg_store *st;
    vg_id area;
    json_t *arr;
    vg_error *err;
} outline_ctx;

static vg_err outline_seen(void *ctx, const vg_area *ar)
{
    outline_ctx *c = ctx;
    /* the whole force: each local authority; an area: itself */
    if (c->area ? ar->id != c->area : ar->kind != VG_AREA_LOCAL_AUTHORITY)
        return VG_OK;
    vg_err e;
    json_t *o = outline(c->st, ar->id, ar->name ? ar->name : "", c->err, &e);
    if (o && json_array_append_new(c->arr, o))
        return VG_ERR_NOMEM;
    return e;
}

vg_err vg_service_incident_map(vg_service *svc, const vg_actor *a, vg_id area, vg_time from, vg_time to, double cell_m,
                               json_t **out, vg_error *err)
{
    *out = NULL;
    vg_err e = vg_access_require(svc, a, VG_PERM_INCIDENT_READ, "incident map", err);
    if (e)
        return e;
    if (!(cell_m >= 25 && cell_m <= 5000))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "cell", "the cell size must be from 25 to 5,000 metres");
    map_ctx m = {0};
    vg_store *st = vg_reader_get(svc); /* read through a read connection, off the lock */
    /* every incident counts (the totals, the categories, the cells); the points sent are
     * at most MAP_POINTS_MAX, spread evenly over them when there are more */
    if ((e = vg_store_incident_points(st, area, from, to, MAP_READ_MAX + 1, point_seen, &m, err))) {
        vg_reader_put(svc, st);
        vg_free(m.p);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "incident map", "out of memory") : e;
    }
    if (m.n > MAP_READ_MAX) {
        vg_reader_put(svc, st);
        vg_free(m.p);
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "from", "more than %d incidents: choose a shorter period or an area",
                            MAP_READ_MAX);
    }
    bool truncated = m.n > MAP_POINTS_MAX;
    size_t step = truncated ? (m.n + MAP_POINTS_MAX - 1) / MAP_POINTS_MAX : 1;
    int64_t by_cat[VG_CAT_COUNT] = {0};
    for (size_t i = 0; i < m.n; i++)
        by_cat[m.p[i].category]++;
    json_t *points = json_array();
    for (size_t i = 0; points && i < m.n; i += step) {
        /* [lat, lon, category, 1 if placed at its postcode's centre] */
        json_t *pt = json_pack("[f, f, s, i]", round(m.p[i].lat * 1e5) / 1e5, round(m.p[i].lon * 1e5) / 1e5,
                               vg_category_name(m.p[i].category), m.p[i].at_postcode_centre ? 1 : 0);
        if (!pt || json_array_append_new(points, pt)) {
            json_decref(points);
            points = NULL;
        }
    }
    int64_t max_count;
    json_t *cells = grid(&m, cell_m, &max_count);
    json_t *cats = json_object();
    for (int c = 0; cats && c < VG_CAT_COUNT; c++)
        if (by_cat[c] && json_object_set_new(cats, vg_category_name((vg_category)c), json_integer(by_cat[c]))) {
            json_decref(cats);
            cats = NULL;
        }
    vg_free(m.p);
    outline_ctx oc = {st, area, json_array(), err};
    e = oc.arr ? vg_store_areas_each(st, outline_seen, &oc, err) : VG_OK;
    vg_reader_put(svc, st);
    if (e) {
        json_decref(points);
        json_decref(cells);
        json_decref(cats);
        json_decref(oc.arr);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "incident map", "out of memory") : e;
    }
    json_t *j = points && cells && cats && oc.arr
                    ? json_pack("{s:I, s:o, s:o, s:f, s:I, s:b, s:I, s:o, s:o, s:I, s:o}", "area", (json_int_t)area,
                                "from", vg_json_time(from), "to", vg_json_time(to), "cell_m", cell_m, "total",
                                (json_int_t)m.n, "truncated", truncated, "point_step", (json_int_t)step, "points", points,
                                "cells", cells, "max_count", (json_int_t)max_count, "by_category", cats)
                    : NULL;
    if (j && json_object_set_new(j, "outlines", oc.arr)) { /* the array is released either way */
        json_decref(j);
        return vg_error_set(err, VG_ERR_NOMEM, "incident map", "out of memory");
    }
    if (!j) {
        json_decref(points);
        json_decref(cells);
        json_decref(cats);
        json_decref(oc.arr);
        return vg_error_set(err, VG_ERR_NOMEM, "incident map", "out of memory");
    }
    char what[96];
    snprintf(what, sizeof what, "incidents of area:%lld (%zu on the map)", (long long)area, m.n);
    return vg_audit_view(svc, a, what, "analysis: incident map", j, out, err);
}
