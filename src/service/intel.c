/* intel.c - intelligence: recorded crimes for the analyses (near-repeat, hotspots),
 * repeats and trends, and the daily neighbourhood briefing with its tasking. */
#include "service/service_int.h"
#include "base/alloc.h"
#include "base/limits.h"
#include "base/geo.h"
#include "analysis/hotspot.h"
#include "analysis/trend.h"
#include "io/json_out.h"

#include <math.h>

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
    vg_store *st = vg_replica_get(svc);
    vg_err e = vg_store_areas_each(st, area_match, &f, err);
    vg_replica_put(svc, st);
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
    vg_store *st = vg_replica_get(svc);
    e = vg_store_crime_points(st, q->area, vg_date_time(q->from), vg_date_time(q->to), point_take, &c, err);
    vg_replica_put(svc, st);
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

vg_err vg_service_near_repeat(vg_service *svc, const vg_actor *a, const vg_crime_query *cq, const vg_knox_request *q,
                              vg_knox_result *out, size_t *n_events, vg_error *err)
{
    memset(out, 0, sizeof *out);
    *n_events = 0;
    int max_perm = (int)vg_service_config_number(svc, "analysis.max_permutations");
    if (q->permutations > max_perm)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "permutations",
                            "%d permutations are more than one analysis may run here (at most %d: setting "
                            "analysis.max_permutations)",
                            q->permutations, max_perm);
    vg_knox_request budget = *q;
    budget.max_pair_tests = vg_service_config_number(svc, "analysis.max_pair_tests");
    budget.max_seconds = vg_service_config_number(svc, "analysis.max_seconds");
    vg_knox_point *pts = NULL;
    vg_err e = vg_service_crime_points(svc, a, cq, &pts, n_events, err);
    if (!e)
        e = vg_knox(pts, *n_events, &budget, out, err);
    vg_free(pts);
    return e;
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
    vg_store *st = vg_replica_get(svc);
    e = vg_store_area_positions(st, area, hull_add, &h, err);
    vg_replica_put(svc, st);
    if (e) {
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

/* ---- repeats */

typedef struct repeat_ctx {
    vg_service *svc;
    vg_store *st; /* read through */
    const vg_actor *a;
    json_t *arr;
    bool person;
    vg_audit_recs *recs; /* every record shown */
    vg_error *err;
} repeat_ctx;

static vg_err repeat_seen(void *ctx, const vg_repeat_item *it)
{
    repeat_ctx *c = ctx;
    json_t *o;
    if (c->person) {
        bool visible;
        vg_err e = vg_access_visible_in(c->st, c->a, "person", it->id, &visible, c->err);
        if (e || !visible)
            return e;
        o = json_pack("{sI ss so sI so so}", "id", (json_int_t)it->id, "name", it->label, "dob", vg_json_date(it->dob),
                      "incidents", (json_int_t)it->count, "first", vg_json_time(it->first), "last", vg_json_time(it->last));
    } else {
        o = json_pack("{sI ss sI so so}", "id", (json_int_t)it->id, "address", it->label, "incidents", (json_int_t)it->count,
                      "first", vg_json_time(it->first), "last", vg_json_time(it->last));
    }
    vg_audit_recs_add(c->recs, c->person ? "person" : "location", it->id);
    return o && !json_array_append_new(c->arr, o) ? VG_OK : VG_ERR_NOMEM;
}

/* The three lists into j (an object). */
static vg_err repeats_into(vg_service *svc, vg_store *st, const vg_actor *a, vg_id area, vg_time from, vg_time to,
                           int min, size_t max, json_t *j, vg_audit_recs *recs, vg_error *err)
{
    static const char *const names[3] = {"locations", "victims", "offenders"};
    vg_err e = VG_OK;
    for (int k = 0; k < 3 && !e; k++) {
        repeat_ctx c = {svc, st, a, json_array(), k > 0, recs, err};
        if (!c.arr)
            return VG_ERR_NOMEM;
        e = k == 0 ? vg_store_repeat_locations(st, area, from, to, min, max, repeat_seen, &c, err)
                   : vg_store_repeat_persons(st, area, from, to, k == 2, min, max, repeat_seen, &c, err);
        if (e) {
            json_decref(c.arr);
            return e;
        }
        if (json_object_set_new(j, names[k], c.arr)) /* takes c.arr either way */
            return VG_ERR_NOMEM;
    }
    return e;
}

vg_err vg_service_repeats(vg_service *svc, const vg_actor *a, vg_id area, vg_date from, vg_date to, int min, size_t max,
                          json_t **out, vg_error *err)
{
    *out = NULL;
    vg_err e = vg_access_require(svc, a, VG_PERM_INTEL, "repeats", err);
    if (e)
        return e;
    if (to <= from)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "to", "the period ends before it starts");
    if (min < 2 || min > 1000)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "min", "a repeat is at least 2 incidents (up to 1,000)");
    char what[96];
    snprintf(what, sizeof what, "repeats area:%lld", (long long)area);
    json_t *j = json_pack("{sI so so si}", "area", (json_int_t)area, "from", vg_json_date(from), "to", vg_json_date(to - 1),
                          "min", min);
    vg_audit_recs recs = {0};
    (void)vg_audit_recs_add(&recs, "area", area);
    vg_store *st = vg_replica_get(svc);
    e = j ? repeats_into(svc, st, a, area, vg_date_time(from), vg_date_time(to), min, max, j, &recs, err) : VG_ERR_NOMEM;
    vg_replica_put(svc, st);
    if (e) {
        json_decref(j);
        vg_audit_recs_free(&recs);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "repeats", "out of memory") : e;
    }
    e = vg_audit_view_recs(svc, a, what, &recs, "repeat victims, offenders and locations", j, out, err);
    vg_audit_recs_free(&recs);
    return e;
}

/* ---- trends */

#define TREND_WEEKS (52 * 3 + 3) /* three years and the weeks either side */
#define TREND_SERIES 13          /* weeks shown with each series */

enum { CAT_ASB0 = VG_PUK_COUNT, CAT_COUNT = VG_PUK_COUNT + 3 };

static const char *category_label(int cat)
{
    if (cat >= CAT_ASB0)
        return vg_category_label((vg_category)(VG_CAT_ASB_PERSONAL + (cat - CAT_ASB0)));
    const vg_puk_type_info *t = vg_puk_type_info_of((vg_puk_type)cat);
    return t ? t->label : "Other crime";
}

/* The category of a crime by its offence code: its police.uk type (unknown codes: other crime). */
static int crime_category(const char *code)
{
    const vg_offence *o = vg_offence_find(code);
    vg_puk_type t = o ? vg_subgroup_policeuk(o->subgroup) : VG_PUK_OTHER_CRIME;
    return t == VG_PUK_NONE ? VG_PUK_OTHER_CRIME : (int)t;
}

typedef struct count_row {
    vg_id nb;
    int cat;
    int week; /* 0 .. TREND_WEEKS - 1, the last is the week assessed */
    int64_t n;
} count_row;

typedef struct counts_ctx {
    vg_date first; /* the first day of week 0 */
    count_row *rows;
    size_t n, cap;
} counts_ctx;

static vg_err count_seen(void *ctx, vg_id nb, bool is_crime, const char *code, vg_date day, int64_t n)
{
    counts_ctx *c = ctx;
    int cat;
    if (is_crime) {
        cat = crime_category(code);
    } else {
        vg_category k;
        if (!vg_category_parse(code, &k) || !vg_category_is_asb(k))
            return VG_OK;
        cat = CAT_ASB0 + (int)(k - VG_CAT_ASB_PERSONAL);
    }
    if (day < c->first || day >= c->first + 7 * TREND_WEEKS)
        return VG_OK;
    int week = (int)((day - c->first) / 7);
    if (vg_grow((void **)&c->rows, &c->cap, c->n, sizeof *c->rows, 4096))
        return VG_ERR_NOMEM;
    c->rows[c->n++] = (count_row){nb, cat, week, n};
    return VG_OK;
}

static int row_order(const void *a, const void *b)
{
    const count_row *x = a, *y = b;
    if (x->nb != y->nb)
        return x->nb < y->nb ? -1 : 1;
    return x->cat != y->cat ? (x->cat < y->cat ? -1 : 1) : 0;
}

typedef struct area_name {
    vg_id id;
    char code[32], name[128];
} area_name;

typedef struct names_ctx {
    area_name *p;
    size_t n, cap;
} names_ctx;

static vg_err name_seen(void *ctx, const vg_area *ar)
{
    names_ctx *c = ctx;
    if (vg_grow((void **)&c->p, &c->cap, c->n, sizeof *c->p, 256))
        return VG_ERR_NOMEM;
    area_name *an = &c->p[c->n++];
    an->id = ar->id;
    snprintf(an->code, sizeof an->code, "%s", ar->code ? ar->code : "");
    snprintf(an->name, sizeof an->name, "%s", ar->name ? ar->name : "");
    return VG_OK;
}

static json_t *area_json(const names_ctx *names, vg_id id)
{
    for (size_t i = 0; i < names->n; i++)
        if (names->p[i].id == id)
            return json_pack("{sI ss ss}", "id", (json_int_t)id, "code", names->p[i].code, "name", names->p[i].name);
    return json_pack("{sI ss ss}", "id", (json_int_t)id, "code", "", "name", id ? "?" : "(no neighbourhood)");
}

typedef struct series {
    vg_id nb;
    int cat;
    int64_t last[TREND_SERIES];
    vg_trend t;
} series;

static json_t *trend_json(const names_ctx *names, const series *sr)
{
    json_t *weeks = json_array();
    for (int w = 0; weeks && w < TREND_SERIES; w++)
        json_array_append_new(weeks, json_integer(sr->last[w]));
    const vg_trend *t = &sr->t;
    return json_pack("{so ss sI sf sf sf sb sb si so}", "neighbourhood", area_json(names, sr->nb), "category",
                     category_label(sr->cat), "count", (json_int_t)t->current, "baseline", round(t->baseline * 100) / 100,
                     "upper", round(t->upper * 100) / 100, "p", t->p, "seasonal", t->seasonal, "exception", t->exception,
                     "baseline_weeks", t->baseline_weeks, "series", weeks);
}

/* The trends as JSON (no permission check, no audit: for the briefing and the use case).
 * A series is an exception when its week is above the control limit and its tail
 * probability survives the false-discovery rate (5 %) over every series assessed, so
 * thousands of series do not raise dozens of alarms by chance. */
static vg_err trends_json(vg_store *st, vg_id area, vg_date last, bool all, json_t **out, vg_error *err)
{
    *out = NULL;
    counts_ctx c = {.first = last - 7 * TREND_WEEKS + 1};
    names_ctx names = {0};
    series *sr = NULL;
    double *p = NULL;
    bool *sig = NULL;
    size_t ns = 0, cap = 0;
    vg_err e = vg_store_day_counts(st, area, vg_date_time(c.first), vg_date_time(last + 1), count_seen, &c, err);
    e = e ? e : vg_store_areas_each(st, name_seen, &names, err);
    if (!e) {
        if (c.n) /* no rows: no array (qsort wants one) */
            qsort(c.rows, c.n, sizeof *c.rows, row_order);
        int64_t weeks[TREND_WEEKS];
        for (size_t i = 0; i < c.n && !e;) {
            size_t j = i;
            memset(weeks, 0, sizeof weeks);
            int first_week = TREND_WEEKS;
            for (; j < c.n && !row_order(&c.rows[i], &c.rows[j]); j++) {
                weeks[c.rows[j].week] += c.rows[j].n;
                first_week = c.rows[j].week < first_week ? c.rows[j].week : first_week;
            }
            if (vg_grow((void **)&sr, &cap, ns, sizeof *sr, 256)) {
                e = VG_ERR_NOMEM;
                break;
            }
            series *x = &sr[ns++];
            x->nb = c.rows[i].nb;
            x->cat = c.rows[i].cat;
            memcpy(x->last, weeks + TREND_WEEKS - TREND_SERIES, sizeof x->last);
            /* the series starts at its first record (before it, the records may not exist yet) */
            vg_trend_assess(weeks + first_week, (size_t)(TREND_WEEKS - first_week), &x->t);
            i = j;
        }
    }
    p = e ? NULL : vg_malloc((ns ? ns : 1) * sizeof *p);
    sig = e ? NULL : vg_malloc((ns ? ns : 1) * sizeof *sig);
    json_t *list = e ? NULL : json_array();
    if (!e && (!p || !sig || !list))
        e = VG_ERR_NOMEM;
    if (!e) {
        for (size_t i = 0; i < ns; i++)
            p[i] = sr[i].t.p;
        e = vg_bh(p, ns, 0.05, sig, NULL);
        for (size_t i = 0; i < ns && !e; i++) {
            sr[i].t.exception = sr[i].t.exception && sig[i];
            if (all || sr[i].t.exception) {
                json_t *o = trend_json(&names, &sr[i]);
                if (!o || json_array_append_new(list, o))
                    e = VG_ERR_NOMEM;
            }
        }
    }
    vg_free(c.rows);
    vg_free(names.p);
    vg_free(sr);
    vg_free(p);
    vg_free(sig);
    if (e) {
        json_decref(list);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "trends", "out of memory") : e;
    }
    *out = json_pack("{s{soso} sI s:o}", "week", "from", vg_json_date(last - 6), "to", vg_json_date(last), "assessed",
                     (json_int_t)ns, all ? "series" : "exceptions", list);
    return *out ? VG_OK : vg_error_set(err, VG_ERR_NOMEM, "trends", "out of memory");
}

vg_err vg_service_trends(vg_service *svc, const vg_actor *a, vg_id area, vg_date last, bool all, json_t **out,
                         vg_error *err)
{
    *out = NULL;
    vg_err e = vg_access_require(svc, a, VG_PERM_INTEL, "trends", err);
    if (e)
        return e;
    json_t *j;
    vg_store *st = vg_replica_get(svc);
    e = trends_json(st, area, last, all, &j, err);
    vg_replica_put(svc, st);
    if (e)
        return e;
    char what[96];
    snprintf(what, sizeof what, "trends area:%lld", (long long)area);
    return vg_audit_view(svc, a, what, "trend exceptions", j, out, err);
}

/* ---- the daily review */

#define BRIEF_EVENTS_MAX 200
#define BRIEF_LIST_MAX 10

typedef struct brief_ctx {
    vg_service *svc;
    vg_store *st; /* read through */
    const vg_actor *a;
    vg_error *err;
    vg_geo *geo;
    vg_time day_start;
    json_t *list;      /* events of the last 24 hours */
    int64_t n24[2], n7[2]; /* [is_crime] */
    json_t *by_kind;   /* the last 7 days by category/offence group */
    json_t *points;    /* the last 7 days' positions: [lat, lon, "crime"|"incident"] */
    vg_audit_recs *recs; /* every record shown */
} brief_ctx;

static void add_latlon(brief_ctx *c, json_t *o, double e, double n)
{
    double lat, lon;
    if (c->geo && isfinite(e) && isfinite(n) && !vg_geo_bng_to_wgs84(c->geo, e, n, &lat, &lon)) {
        json_object_set_new(o, "lat", json_real(round(lat * 1e6) / 1e6));
        json_object_set_new(o, "lon", json_real(round(lon * 1e6) / 1e6));
    }
}

static const char *event_label(const vg_recent_event *ev)
{
    if (!ev->is_crime) {
        vg_category k;
        return vg_category_parse(ev->what, &k) ? vg_category_label(k) : ev->what;
    }
    const vg_offence *o = vg_offence_find(ev->what);
    return o ? o->label : ev->what;
}

static vg_err recent_seen(void *ctx, const vg_recent_event *ev)
{
    brief_ctx *c = ctx;
    bool last_day = ev->at >= c->day_start - 86400;
    c->n7[ev->is_crime]++;
    if (last_day)
        c->n24[ev->is_crime]++;
    /* the week by kind: crimes by police.uk type, incidents by category */
    const char *kind = ev->is_crime ? category_label(crime_category(ev->what)) : event_label(ev);
    json_object_set_new(c->by_kind, kind, json_integer(json_integer_value(json_object_get(c->by_kind, kind)) + 1));
    double lat, lon;
    if (c->geo && isfinite(ev->easting) && isfinite(ev->northing) && json_array_size(c->points) < 5 * BRIEF_EVENTS_MAX &&
        !vg_geo_bng_to_wgs84(c->geo, ev->easting, ev->northing, &lat, &lon) &&
        json_array_append_new(c->points, json_pack("[f f s]", round(lat * 1e6) / 1e6, round(lon * 1e6) / 1e6,
                                                   ev->is_crime ? "crime" : "incident")))
        return VG_ERR_NOMEM;
    if (!last_day || json_array_size(c->list) >= BRIEF_EVENTS_MAX)
        return VG_OK;
    json_t *o = json_pack("{ss sI ss ss ss so ss}", "kind", ev->is_crime ? "crime" : "incident", "id", (json_int_t)ev->id,
                          "reference", ev->reference, "code", ev->what, "what", event_label(ev), "at", vg_json_time(ev->at),
                          "address", ev->address);
    if (!o)
        return VG_ERR_NOMEM;
    add_latlon(c, o, ev->easting, ev->northing);
    vg_audit_recs_add(c->recs, ev->is_crime ? "crime" : "incident", ev->id);
    return json_array_append_new(c->list, o) ? VG_ERR_NOMEM : VG_OK;
}

typedef struct ev_list {
    vg_person_event *p;
    size_t n, cap;
} ev_list;

static vg_err pev_seen(void *ctx, const vg_person_event *e)
{
    ev_list *l = ctx;
    if (vg_grow((void **)&l->p, &l->cap, l->n, sizeof *l->p, 64))
        return VG_ERR_NOMEM;
    l->p[l->n++] = *e;
    return VG_OK;
}

typedef struct victims_ctx {
    brief_ctx *b;
    vg_briefing_config cfg;
    json_t *arr;
    vg_id seen[512];
    size_t n_seen;
} victims_ctx;

/* A victim of the week: flagged when the first-contact rules say repeat or vulnerable. */
static vg_err victim_seen(void *ctx, vg_id person, vg_id incident, vg_time at, vg_category cat, const char *reference)
{
    victims_ctx *v = ctx;
    brief_ctx *c = v->b;
    for (size_t i = 0; i < v->n_seen; i++)
        if (v->seen[i] == person)
            return VG_OK; /* once, at the latest incident */
    if (v->n_seen == sizeof v->seen / sizeof v->seen[0])
        return VG_OK;
    v->seen[v->n_seen++] = person;
    bool visible;
    vg_err e = vg_access_visible_in(c->st, c->a, "person", person, &visible, c->err);
    if (e || !visible)
        return e;
    vg_person p;
    vg_person_init(&p);
    ev_list l = {0};
    e = vg_store_person_get(c->st, person, &p, c->err);
    e = e ? e : vg_store_person_events(c->st, &person, 1, vg_briefing_window_start(&v->cfg, at), at, pev_seen, &l,
                                       c->err);
    if (!e) {
        vg_person_flags f;
        vg_briefing_person(&v->cfg, at, cat, VG_ROLE_VICTIM, l.p, l.n, p.markers, p.n_markers, p.dob, &f);
        if (f.repeat_victim || f.vulnerable) {
            json_t *reasons = json_array();
            for (int r = 0; reasons && r < f.n_reasons; r++)
                json_array_append_new(reasons, json_string(f.reasons[r]));
            char name[256];
            snprintf(name, sizeof name, "%s, %s", p.family_name ? p.family_name : "", p.given_names ? p.given_names : "");
            json_t *o = json_pack("{sI ss so sI ss so sb sb so}", "id", (json_int_t)person, "name", name, "dob",
                                  vg_json_date(p.dob), "incident", (json_int_t)incident, "reference", reference ? reference : "",
                                  "at", vg_json_time(at), "repeat_victim", f.repeat_victim, "vulnerable", f.vulnerable,
                                  "reasons", reasons);
            if (!o || json_array_append_new(v->arr, o))
                e = VG_ERR_NOMEM;
            vg_audit_recs_add(c->recs, "person", person);
            vg_audit_recs_add(c->recs, "incident", incident);
        }
    }
    vg_free(l.p);
    vg_person_clear(&p);
    return e;
}

/* The force's near-repeat pattern in burglary over the year before `day`: the reach in
 * metres and days of the significant cells next to the origin (0, 0 if none). */
static vg_err burglary_pattern(vg_store *st, vg_date day, double *metres, int *days, json_t **knox, vg_error *err)
{
    *metres = 0;
    *days = 0;
    points_ctx c = {0};
    if (!vg_crime_type_parse("burglary", c.in))
        return VG_OK;
    vg_err e = vg_store_crime_points(st, 0, vg_date_time(day - 365), vg_date_time(day), point_take, &c, err);
    if (e) {
        vg_free(c.p);
        return e;
    }
    static const double space[] = {0, 100, 200, 400}, time[] = {0, 7, 14, 28};
    vg_knox_request q = {.space = space, .n_space = 4, .time = time, .n_time = 4, .metric = VG_KNOX_MANHATTAN,
                         .permutations = 99, .seed = 1};
    vg_knox_result r;
    e = vg_knox(c.p, c.n, &q, &r, err);
    vg_free(c.p);
    if (e)
        return e;
    bool sig[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            size_t k = (size_t)i * r.cols + (size_t)j;
            sig[i][j] = r.p_value && r.p_value[k] <= 0.05 && isfinite(r.ratio[k]) && r.ratio[k] > 1;
        }
    if (sig[0][0]) {
        int i = 0, j = 0;
        while (i + 1 < 3 && sig[i + 1][0])
            i++;
        while (j + 1 < 3 && sig[0][j + 1])
            j++;
        *metres = space[i + 1];
        *days = (int)time[j + 1];
    }
    *knox = json_pack("{sI sf sf sf si si}", "burglaries", (json_int_t)c.n, "ratio",
                      isfinite(r.ratio[0]) ? round(r.ratio[0] * 100) / 100 : 0.0, "p_value", r.p_value ? r.p_value[0] : 1.0,
                      "observed", (double)r.observed[0], "reach_m", (int)*metres, "reach_days", *days);
    vg_knox_result_free(&r);
    return VG_OK;
}

typedef struct zones_ctx {
    brief_ctx *b;
    bool in[VG_SG_COUNT];
    double metres;
    int days;
    vg_date day;
    json_t *arr;
} zones_ctx;

static vg_err zone_seen(void *ctx, const vg_recent_event *ev)
{
    zones_ctx *z = ctx;
    const vg_offence *o = ev->is_crime ? vg_offence_find(ev->what) : NULL;
    if (!o || !z->in[o->subgroup])
        return VG_OK;
    vg_date until = vg_time_date(ev->at) + z->days;
    json_t *j = json_pack("{ss ss so ss sf so}", "reference", ev->reference, "what", o->label, "at", vg_json_time(ev->at),
                          "address", ev->address, "radius_m", z->metres, "until", vg_json_date(until));
    if (!j)
        return VG_ERR_NOMEM;
    add_latlon(z->b, j, ev->easting, ev->northing);
    vg_audit_recs_add(z->b->recs, "crime", ev->id);
    return json_array_append_new(z->arr, j) ? VG_ERR_NOMEM : VG_OK;
}

/* The densest significant cells of the last 28 days' crimes in the area. */
#define HOTSPOT_STREET_M 250 /* a hotspot is named by the nearest street within this many metres */

static vg_err brief_hotspots(brief_ctx *b, vg_id area, vg_date day, json_t **out, vg_error *err)
{
    *out = json_array();
    points_ctx c = {.all = true};
    vg_err e = vg_store_crime_points(b->st, area, vg_date_time(day - 28), vg_date_time(day), point_take, &c, err);
    if (e || !c.n || !*out) {
        vg_free(c.p);
        if (!e && *out)
            return VG_OK; /* no crimes: no hotspots */
        json_decref(*out);
        *out = NULL;
        return e ? e : VG_ERR_NOMEM;
    }
    const double cell = 50, h = 200;
    double xmin = INFINITY, ymin = INFINITY, xmax = -INFINITY, ymax = -INFINITY;
    double (*xy)[2] = vg_malloc(c.n * sizeof *xy);
    for (size_t i = 0; xy && i < c.n; i++) {
        xy[i][0] = c.p[i].x, xy[i][1] = c.p[i].y;
        xmin = fmin(xmin, xy[i][0]), xmax = fmax(xmax, xy[i][0]), ymin = fmin(ymin, xy[i][1]), ymax = fmax(ymax, xy[i][1]);
    }
    vg_free(c.p);
    vg_grid g;
    e = xy ? vg_grid_cover(xmin - h, ymin - h, xmax + h, ymax + h, cell, &g, err) : VG_ERR_NOMEM;
    size_t cells = e ? 0 : g.nx * g.ny;
    double *d = e ? NULL : vg_malloc(cells * sizeof *d), *cnt = e ? NULL : vg_malloc(cells * sizeof *cnt),
           *z = e ? NULL : vg_malloc(cells * sizeof *z);
    int8_t *sig = e ? NULL : vg_malloc(cells);
    if (!e && (!d || !cnt || !z || !sig))
        e = VG_ERR_NOMEM;
    e = e ? e : vg_kde_quartic(&g, (const double (*)[2])xy, c.n, h, NULL, d, err);
    if (!e)
        vg_grid_counts(&g, (const double (*)[2])xy, c.n, cnt);
    e = e ? e : vg_getis_ord(&g, cnt, NULL, 1, z, err);
    e = e ? e : vg_fdr(z, cells, 0.05, sig, NULL, NULL);
    if (!e) {
        for (int t = 0; t < BRIEF_LIST_MAX / 2 && !e; t++) { /* the five densest hot cells, by selection */
            size_t best = SIZE_MAX;
            for (size_t k = 0; k < cells; k++)
                if (sig[k] > 0 && (best == SIZE_MAX || d[k] > d[best]))
                    best = k;
            if (best == SIZE_MAX)
                break;
            double x = g.x0 + ((double)(best % g.nx) + 0.5) * cell, y = g.y0 + ((double)(best / g.nx) + 0.5) * cell;
            json_t *o = json_pack("{sf sf sf sf sf}", "x", x, "y", y, "density", round(d[best] * 10) / 10, "crimes_in_cell",
                                  cnt[best], "gi_z", round(z[best] * 100) / 100);
            if (!o)
                e = VG_ERR_NOMEM;
            else {
                add_latlon(b, o, x, y);
                /* named by the nearest street, as people say where it is */
                char street[160], town[96];
                double m;
                bool found;
                e = vg_store_street_near(b->st, x, y, HOTSPOT_STREET_M, street, sizeof street, town, sizeof town, &m,
                                         &found, err);
                if (!e && found) {
                    char near[300];
                    snprintf(near, sizeof near, "%s%s%s", street, *town ? ", " : "", town);
                    json_object_set_new(o, "near", json_string(near));
                    json_object_set_new(o, "near_m", json_integer((json_int_t)lround(m)));
                }
                json_array_append_new(*out, o);
            }
            /* the next must be another place: clear this cell's neighbours */
            for (long dy = -2; dy <= 2; dy++)
                for (long dx = -2; dx <= 2; dx++) {
                    long i = (long)(best % g.nx) + dx, j = (long)(best / g.nx) + dy;
                    if (i >= 0 && j >= 0 && i < (long)g.nx && j < (long)g.ny)
                        sig[(size_t)j * g.nx + (size_t)i] = 0;
                }
        }
    }
    vg_free(xy);
    vg_free(d);
    vg_free(cnt);
    vg_free(z);
    vg_free(sig);
    if (e) {
        json_decref(*out);
        *out = NULL;
    }
    return e;
}

typedef struct actions_ctx {
    json_t *arr;
    vg_date day;
    vg_audit_recs *recs;
} actions_ctx;

static vg_err case_action_seen(void *ctx, const vg_case_action *a, const char *title)
{
    actions_ctx *c = ctx;
    json_t *o = json_pack("{sI sI ss ss ss so sb}", "id", (json_int_t)a->id, "case", (json_int_t)a->case_id, "case_title",
                          title ? title : "", "agency", a->agency, "text", a->text, "due", vg_json_date(a->due), "overdue",
                          a->due != VG_DATE_NONE && a->due < c->day);
    vg_audit_recs_add(c->recs, "case", a->case_id);
    vg_audit_recs_add(c->recs, "action", a->id);
    return o && !json_array_append_new(c->arr, o) ? VG_OK : VG_ERR_NOMEM;
}

static json_t *tasking_json(const vg_tasking_action *t, vg_date day)
{
    return json_pack("{sI ss ss so so ss so ss ss sb}", "id", (json_int_t)t->id, "text", t->text, "owner", t->owner, "due",
                     vg_json_date(t->due), "created_at", vg_json_time(t->created_at), "created_by", t->created_by,
                     "closed_at", vg_json_time(t->closed_at), "closed_by", t->closed_by, "result", t->result, "overdue",
                     t->closed_at == VG_TIME_NONE && t->due < day);
}

static vg_err tasking_seen(void *ctx, const vg_tasking_action *t)
{
    actions_ctx *c = ctx;
    json_t *o = tasking_json(t, c->day);
    vg_audit_recs_add(c->recs, "tasking", t->id);
    return o && !json_array_append_new(c->arr, o) ? VG_OK : VG_ERR_NOMEM;
}

/* Sets key to value in j, taking value; VG_ERR_NOMEM if either fails. */
static vg_err put(json_t *j, const char *key, json_t *value)
{
    return value && !json_object_set_new(j, key, value) ? VG_OK : VG_ERR_NOMEM;
}

vg_err vg_service_briefing(vg_service *svc, const vg_actor *a, vg_id area, vg_date day, json_t **out, vg_error *err)
{
    *out = NULL;
    vg_err e = vg_access_require(svc, a, VG_PERM_INTEL, "daily review", err);
    if (e)
        return e;
    vg_area ar;
    memset(&ar, 0, sizeof ar);
    vg_store *st = vg_replica_get(svc); /* everything is read through a read connection, off the lock */
    if ((e = vg_store_area_get(st, area, &ar, err))) {
        vg_replica_put(svc, st);
        return e == VG_ERR_NOT_FOUND ? vg_error_set(err, e, "neighbourhood", "no area %lld", (long long)area) : e;
    }
    char what[96];
    char dtext[VG_DATE_LEN];
    vg_date_format(day, dtext);
    snprintf(what, sizeof what, "daily review area:%lld %s", (long long)area, dtext);
    vg_audit_recs recs = {0};
    json_t *j = json_pack("{s{sI ss ss} so s{so so} s{so so}}", "area", "id", (json_int_t)area, "code", ar.code ? ar.code : "",
                          "name", ar.name ? ar.name : "", "date", vg_json_date(day), "last_24_hours", "from",
                          vg_json_time(vg_date_time(day) - 86400), "to", vg_json_time(vg_date_time(day)), "last_7_days",
                          "from", vg_json_date(day - 7), "to", vg_json_date(day - 1));
    vg_area_clear(&ar);
    brief_ctx b = {svc, st, a, err, NULL, vg_date_time(day), json_array(), {0, 0}, {0, 0}, json_object(), json_array(), &recs};
    (void)vg_audit_recs_add(&recs, "area", area);
    e = j && b.list && b.by_kind && b.points ? vg_geo_open(&b.geo, err) : VG_ERR_NOMEM;
    /* new incidents and crimes */
    e = e ? e : vg_store_recent_events(st, area, vg_date_time(day - 7), vg_date_time(day), 100000, recent_seen, &b, err);
    if (!e) {
        e = put(j, "new", json_pack("{s{sI sI} s{sI sI} so so so}", "last_24_hours", "incidents", (json_int_t)b.n24[0],
                                    "crimes", (json_int_t)b.n24[1], "last_7_days", "incidents", (json_int_t)b.n7[0], "crimes",
                                    (json_int_t)b.n7[1], "by_kind_7_days", b.by_kind, "list_24_hours", b.list,
                                    "points_7_days", b.points));
        b.by_kind = b.list = b.points = NULL;
    }
    /* repeat and vulnerable victims of the week */
    victims_ctx v = {.b = &b, .arr = json_array()};
    vg_service_briefing_config_in(st, &v.cfg); /* through the read connection: no lock taken while holding it */
    if (!e && !v.arr)
        e = VG_ERR_NOMEM;
    else if (!e && (e = vg_store_victims_in(st, area, vg_date_time(day - 7), vg_date_time(day), victim_seen, &v, err)))
        json_decref(v.arr);
    else if (!e)
        e = put(j, "victims", v.arr); /* takes v.arr either way */
    else
        json_decref(v.arr);
    /* repeat locations of 28 days */
    if (!e) {
        repeat_ctx rc = {svc, st, a, json_array(), false, &recs, err};
        e = rc.arr ? vg_store_repeat_locations(st, area, vg_date_time(day - 28), vg_date_time(day), 3, BRIEF_LIST_MAX,
                                               repeat_seen, &rc, err)
                   : VG_ERR_NOMEM;
        if (!e)
            e = put(j, "repeat_locations", rc.arr);
        else
            json_decref(rc.arr);
    }
    /* near-repeat risk zones */
    double metres = 0;
    int days = 0;
    json_t *knox = NULL;
    e = e ? e : burglary_pattern(st, day, &metres, &days, &knox, err);
    zones_ctx z = {.b = &b, .metres = metres, .days = days, .day = day, .arr = json_array()};
    if (!e && z.arr && days > 0 && vg_crime_type_parse("burglary", z.in))
        e = vg_store_recent_events(st, area, vg_date_time(day - days), vg_date_time(day), 100000, zone_seen, &z, err);
    if (!e)
        e = put(j, "near_repeat", json_pack("{so so}", "pattern", knox ? knox : json_null(), "zones", z.arr));
    else {
        json_decref(knox);
        json_decref(z.arr);
    }
    /* hotspots, trend exceptions */
    json_t *hot = NULL, *trends = NULL;
    e = e ? e : brief_hotspots(&b, area, day, &hot, err);
    e = e ? e : put(j, "hotspots", hot);
    e = e ? e : trends_json(st, area, day - 1, false, &trends, err);
    e = e ? e : put(j, "trend_exceptions", trends);
    /* open safety-net actions, the review's own actions */
    actions_ctx ac = {json_array(), day, &recs}, tc = {json_array(), day, &recs};
    if (!e && !(e = ac.arr ? vg_store_open_case_actions(st, area, case_action_seen, &ac, err) : VG_ERR_NOMEM)) {
        e = put(j, "safety_net_actions", ac.arr); /* taken either way */
        ac.arr = NULL;
    }
    if (!e && !(e = tc.arr ? vg_store_tasking_each(st, area, vg_date_time(day - 7), tasking_seen, &tc, err)
                           : VG_ERR_NOMEM)) {
        e = put(j, "actions", tc.arr);
        tc.arr = NULL;
    }
    json_decref(ac.arr);
    json_decref(tc.arr);
    vg_replica_put(svc, st);
    vg_geo_close(b.geo);
    json_decref(b.list);
    json_decref(b.by_kind);
    json_decref(b.points);
    if (e) {
        json_decref(j);
        vg_audit_recs_free(&recs);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "daily review", "out of memory") : e;
    }
    e = vg_audit_view_recs(svc, a, what, &recs, "daily neighbourhood review", j, out, err);
    vg_audit_recs_free(&recs);
    return e;
}

/* ---- the review's actions */

vg_err vg_service_tasking_add(vg_service *svc, const vg_actor *a, vg_id area, const char *text, const char *owner,
                              vg_date due, vg_id *id, vg_error *err)
{
    *id = 0;
    vg_err e = vg_access_require(svc, a, VG_PERM_INTEL, "tasking", err);
    if (e)
        return e;
    if (!text || !*text)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "text", "say what is to be done");
    if ((e = vg_limit_check(VG_LIM_ACTION, "text", text, err)))
        return e;
    if (due == VG_DATE_NONE || vg_date_time(due) < vg_time_now() - 86400)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "due", "give a due date, today or later");
    vg_area ar;
    memset(&ar, 0, sizeof ar);
    if ((e = vg_store_area_get(svc->store, area, &ar, err)))
        return e == VG_ERR_NOT_FOUND ? vg_error_set(err, VG_ERR_INVALID_INPUT, "area", "no area %lld", (long long)area) : e;
    vg_area_clear(&ar);
    vg_user_auth u;
    e = owner && *owner ? vg_store_user_get(svc->store, 0, owner, &u, err) : VG_ERR_NOT_FOUND;
    if (e == VG_ERR_NOT_FOUND || (!e && u.user.disabled))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "owner", "'%s' is not an active user", owner ? owner : "");
    if (e)
        return e;
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_tasking_put(svc->store, area, text, u.user.id, due, a->user_id, vg_time_now(), id, err);
    char what[96];
    snprintf(what, sizeof what, "tasking:%lld area:%lld", (long long)*id, (long long)area);
    e = e ? e : vg_audit_write(svc, a, VG_AUDIT_ALTER, what, NULL, "daily review: an action assigned", err);
    if (!e)
        return vg_store_commit(svc->store, err);
    vg_store_rollback(svc->store);
    *id = 0;
    return e;
}

vg_err vg_service_tasking_close(vg_service *svc, const vg_actor *a, vg_id id, const char *result, vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_INTEL, "tasking", err);
    if (e)
        return e;
    if (!result || !*result)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "result", "say what was done");
    if ((e = vg_limit_check(VG_LIM_ACTION, "result", result, err)))
        return e;
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    vg_id area = 0;
    e = vg_store_tasking_close(svc->store, id, a->user_id, vg_time_now(), result, &area, err);
    if (!e && !area)
        e = vg_error_set(err, VG_ERR_NOT_FOUND, "action", "no open action %lld", (long long)id);
    char what[96];
    snprintf(what, sizeof what, "tasking:%lld area:%lld", (long long)id, (long long)area);
    e = e ? e : vg_audit_write(svc, a, VG_AUDIT_ALTER, what, NULL, "daily review: an action closed", err);
    if (!e)
        return vg_store_commit(svc->store, err);
    vg_store_rollback(svc->store);
    return e;
}
