/* api_intel.c - the intelligence API: areas, the daily review of a neighbourhood and its
 * actions, repeats, trend exceptions and the near-repeat (Knox) test over the records.
 * The same use cases as `vigil briefing`, `vigil tasking` and `vigil analyse`. */
#include "analysis/knox.h"
#include "base/str.h"
#include "http/http_int.h"
#include "io/knox_render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ACTOR (&r->session.actor)

void vg_api_areas_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *j;
    vg_error err;
    vg_err e = vg_service_areas(s->svc, ACTOR, &j, &err);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 200, j);
}

/* The date query parameter `key` (default: today when optional); false after a 400. */
static bool query_date(vg_http_req *r, vg_http_resp *out, const char *key, bool required, vg_date *d)
{
    const char *v = vg_http_query(r, key);
    if (!v && !required) {
        *d = vg_time_date(vg_time_now());
        return true;
    }
    if (!v || !vg_date_parse(vg_str_c(v), d)) {
        vg_http_fail(out, 400, key, "%s: YYYY-MM-DD", required ? "required" : "a date");
        return false;
    }
    return true;
}

/* The `area` query parameter: a neighbourhood or local authority by code or name, or the
 * whole force when absent; false after an answer. */
static bool query_area(vg_http_server *s, vg_http_req *r, vg_http_resp *out, vg_id *area)
{
    const char *v = vg_http_query(r, "area");
    *area = 0;
    if (!v)
        return true;
    vg_area_ref ref;
    vg_error err;
    vg_err e = vg_service_area_find(s->svc, ACTOR, v, &ref, &err);
    if (e) {
        vg_http_fail(out, e == VG_ERR_NOT_FOUND ? 422 : vg_http_status_of(e), "area", "%s", err.why);
        return false;
    }
    *area = ref.id;
    return true;
}

static bool query_int(vg_http_req *r, vg_http_resp *out, const char *key, long lo, long hi, long *v)
{
    const char *q = vg_http_query(r, key);
    if (!q)
        return true;
    char *end;
    long x = strtol(q, &end, 10);
    if (!*q || *end || x < lo || x > hi) {
        vg_http_fail(out, 400, key, "a whole number from %ld to %ld", lo, hi);
        return false;
    }
    *v = x;
    return true;
}

static void answer(vg_http_resp *out, vg_err e, const vg_error *err, json_t *j)
{
    if (e)
        vg_http_error(out, e, err);
    else
        vg_http_json(out, 200, j);
}

void vg_api_area_briefing(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_id id;
    vg_date day;
    if (!vg_http_param_id(r, 0, &id, out) || !query_date(r, out, "date", false, &day))
        return;
    json_t *j = NULL;
    vg_error err;
    vg_err e = vg_service_briefing(s->svc, ACTOR, id, day, &j, &err);
    answer(out, e, &err, j); /* after the call: j is its result */
}

void vg_api_area_actions_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_id id;
    if (!vg_http_param_id(r, 0, &id, out))
        return;
    json_t *b = vg_http_body_object(r, out);
    if (!b || !vg_http_only_fields(b, "text owner due", out)) {
        json_decref(b);
        return;
    }
    const char *text = json_string_value(json_object_get(b, "text")), *owner = json_string_value(json_object_get(b, "owner")),
               *due = json_string_value(json_object_get(b, "due"));
    vg_date d;
    if (!text || !owner || !due || !vg_date_parse(vg_str_c(due), &d)) {
        vg_http_fail(out, 422, !text ? "text" : !owner ? "owner" : "due",
                     "required: text and owner (strings) and due (YYYY-MM-DD)");
        json_decref(b);
        return;
    }
    vg_id action;
    vg_error err;
    vg_err e = vg_service_tasking_add(s->svc, ACTOR, id, text, owner, d, &action, &err);
    json_decref(b);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 201, json_pack("{sI}", "id", (json_int_t)action));
}

void vg_api_action_close(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_id id;
    if (!vg_http_param_id(r, 0, &id, out))
        return;
    json_t *b = vg_http_body_object(r, out);
    if (!b || !vg_http_only_fields(b, "result", out)) {
        json_decref(b);
        return;
    }
    const char *result = json_string_value(json_object_get(b, "result"));
    vg_error err;
    vg_err e = result ? vg_service_tasking_close(s->svc, ACTOR, id, result, &err)
                      : vg_error_set(&err, VG_ERR_INVALID_INPUT, "result", "required: what was done (a string)");
    json_decref(b);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 200, json_pack("{sI sb}", "id", (json_int_t)id, "closed", 1));
}

void vg_api_repeats(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_date from, to;
    vg_id area;
    long min = 2, top = 20;
    if (!query_date(r, out, "from", true, &from) || !query_date(r, out, "to", true, &to) ||
        !query_int(r, out, "min", 2, 1000, &min) || !query_int(r, out, "top", 1, 1000, &top) || !query_area(s, r, out, &area))
        return;
    json_t *j = NULL;
    vg_error err;
    vg_err e = vg_service_repeats(s->svc, ACTOR, area, from, to + 1, (int)min, (size_t)top, &j, &err);
    answer(out, e, &err, j);
}

void vg_api_trends(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_date last;
    vg_id area;
    const char *all = vg_http_query(r, "all");
    if (!query_date(r, out, "week_ending", true, &last) || !query_area(s, r, out, &area))
        return;
    if (all && strcmp(all, "true") != 0 && strcmp(all, "false") != 0) {
        vg_http_fail(out, 400, "all", "true or false");
        return;
    }
    json_t *j = NULL;
    vg_error err;
    vg_err e = vg_service_trends(s->svc, ACTOR, area, last, all && !strcmp(all, "true"), &j, &err);
    answer(out, e, &err, j);
}


void vg_api_near_repeat(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_month mf, mt;
    const char *f = vg_http_query(r, "from"), *t = vg_http_query(r, "to");
    if (!f || !vg_month_parse(vg_str_c(f), &mf) || !t || !vg_month_parse(vg_str_c(t), &mt) || mt < mf) {
        vg_http_fail(out, 400, !f || !vg_month_parse(vg_str_c(f), &mf) ? "from" : "to",
                     "required: the months as YYYY-MM, the first not after the last");
        return;
    }
    double space[VG_KNOX_MAX_BANDS] = {0, 0.1, 200, 400, 600}, time[VG_KNOX_MAX_BANDS] = {0, 7, 14, 21};
    vg_knox_request q = {.space = space, .n_space = 5, .time = time, .n_time = 4, .metric = VG_KNOX_MANHATTAN,
                         .permutations = 99, .seed = 1};
    const char *v;
    if ((v = vg_http_query(r, "distance_bands")) && !vg_str_to_doubles(v, space, VG_KNOX_MAX_BANDS, &q.n_space)) {
        vg_http_fail(out, 400, "distance_bands", "comma-separated metres, e.g. 0,0.1,200,400");
        return;
    }
    if ((v = vg_http_query(r, "time_bands")) && !vg_str_to_doubles(v, time, VG_KNOX_MAX_BANDS, &q.n_time)) {
        vg_http_fail(out, 400, "time_bands", "comma-separated days, e.g. 0,7,14,21");
        return;
    }
    if ((v = vg_http_query(r, "metric"))) {
        if (strcmp(v, "manhattan") && strcmp(v, "euclidean")) {
            vg_http_fail(out, 400, "metric", "manhattan or euclidean");
            return;
        }
        q.metric = strcmp(v, "manhattan") ? VG_KNOX_EUCLIDEAN : VG_KNOX_MANHATTAN;
    }
    long perms = 99, seed = 1;
    vg_id area;
    /* the most a force allows is a setting (analysis.max_permutations): the service says so */
    if (!query_int(r, out, "permutations", 0, 1000000, &perms) || !query_int(r, out, "seed", 0, 2147483647, &seed) ||
        !query_area(s, r, out, &area))
        return;
    q.permutations = (int)perms;
    q.seed = (uint64_t)seed;
    vg_crime_query cq = {area, vg_month_first_day(mf), vg_month_first_day(mt + 1), vg_http_query(r, "crime_type")};
    size_t n = 0;
    vg_error err;
    vg_knox_result res;
    vg_err e = vg_service_near_repeat(s->svc, ACTOR, &cq, &q, &res, &n, &err);
    if (e) { /* bands: 400; the data asked for or over the permutations' limit: 422; over a budget: 413 */
        if (e == VG_ERR_INVALID_INPUT && (!strcmp(err.where, "distance-bands") || !strcmp(err.where, "time-bands")))
            vg_http_fail(out, 400, err.where, "%s", err.why);
        else
            vg_http_error(out, e, &err);
        return;
    }
    vg_knox_report rep = {&q, &res, 0, "recorded crimes", "EPSG:27700"};
    vg_http_json(out, 200, vg_knox_to_json(&rep));
    vg_knox_result_free(&res);
}
