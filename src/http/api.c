/* api.c - the JSON API's handlers: parse the request, call one service use case with
 * the signed-in actor, render the answer. No access decisions are made here. */
#include "base/alloc.h"
#include "base/str.h"
#include "http/http_int.h"
#include "io/audit_json.h"
#include "io/contact_json.h"
#include "io/perf_render.h"

#include <sodium.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACTOR (&r->session.actor)

void vg_api_health(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    (void)s;
    (void)r;
    vg_http_json(out, 200, json_pack("{s:s,s:s}", "status", "ok", "version", VG_VERSION));
}

/* ---- sessions */

static json_t *user_json(const vg_actor *a)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:b}", "id", (json_int_t)a->user_id, "username", a->username, "role",
                     vg_user_role_name(a->role), "agency", a->agency, "police", a->police);
}

void vg_api_session_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *b = vg_http_body_object(r, out);
    if (!b || !vg_http_only_fields(b, "username password", out)) {
        json_decref(b);
        return;
    }
    const char *user = json_string_value(json_object_get(b, "username"));
    const char *pass = json_string_value(json_object_get(b, "password"));
    if (!user || !pass) {
        vg_http_fail(out, 422, !user ? "username" : "password", "required (a string)");
        json_decref(b);
        return;
    }
    vg_session ses;
    vg_error err;
    vg_err e = vg_service_login(s->svc, user, pass, r->addr, &ses, &err);
    json_decref(b);
    if (e) {
        if (e == VG_ERR_FORBIDDEN)
            vg_http_fail(out, 401, "login", "%s", err.why);
        else
            vg_http_error(out, e, &err);
        return;
    }
    char expires[VG_TIME_LEN];
    vg_time_format(ses.expires, expires);
    snprintf(out->cookie, sizeof out->cookie, "vigil_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s",
             ses.token, (long long)(ses.expires - vg_time_now()), r->https ? "; Secure" : "");
    vg_http_json(out, 201, json_pack("{s:s,s:s,s:s,s:o}", "token", ses.token, "csrf", ses.csrf, "expires", expires, "user",
                                     user_json(&ses.actor)));
}

void vg_api_session_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    (void)s;
    char expires[VG_TIME_LEN];
    vg_time_format(r->session.expires, expires);
    vg_http_json(out, 200,
                 json_pack("{s:s,s:s,s:o}", "csrf", r->session.csrf, "expires", expires, "user", user_json(ACTOR)));
}

void vg_api_session_delete(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_error err;
    vg_err e = vg_service_logout(s->svc, r->session.token, &err);
    if (e) {
        vg_http_error(out, e, &err);
        return;
    }
    snprintf(out->cookie, sizeof out->cookie, "vigil_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
             r->https ? "; Secure" : "");
    vg_http_json(out, 204, NULL);
}

/* ---- incidents */

vg_err vg_http_record(vg_http_server *s, vg_http_req *r, const char *json, size_t len, vg_briefing **out, size_t *n,
                      vg_error *err)
{
    *out = NULL;
    *n = 0;
    vg_incident_draft *drafts = NULL;
    size_t nd = 0;
    vg_err e = vg_incident_drafts_parse(json, len, "body", &drafts, &nd, err);
    if (e)
        return e;
    if (nd == 0) {
        vg_incident_drafts_free(drafts, nd);
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "body", "no incidents");
    }
    vg_briefing *b = vg_calloc(nd, sizeof *b);
    e = b ? vg_service_record_incidents(s->svc, ACTOR, drafts, nd, b, err)
          : vg_error_set(err, VG_ERR_NOMEM, "incidents", "out of memory");
    if (e) {
        vg_incident_drafts_free(drafts, nd);
        vg_free(b);
        return e;
    }
    for (size_t i = 0; i < nd; i++) { /* to the dispatch queue, live: a call graded to send someone */
        if (!vg_thrive_deploys(drafts[i].thrive))
            continue;
        json_t *one = vg_service_queue_briefing(s->svc, &b[i]);
        char *text = one ? json_dumps(one, JSON_COMPACT | JSON_REAL_PRECISION(12)) : NULL;
        if (text)
            vg_hub_publish(s, b[i].incident_id, "incident", text);
        free(text);
        json_decref(one);
    }
    vg_incident_drafts_free(drafts, nd);
    *out = b;
    *n = nd;
    return VG_OK;
}

void vg_api_incidents_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *syntax = vg_http_body_json(r, out); /* 400 for malformed JSON, 422 for bad fields below */
    if (!syntax)
        return;
    bool array = json_is_array(syntax);
    json_decref(syntax);
    vg_briefing *b;
    size_t n;
    vg_error err;
    vg_err e = vg_http_record(s, r, r->body, r->len, &b, &n, &err);
    if (e) {
        vg_http_error(out, e, &err);
        return;
    }
    json_t *doc = array ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        json_t *one = vg_service_queue_briefing(s->svc, &b[i]);
        if (!array) {
            doc = one;
            break;
        }
        json_array_append_new(doc, one);
    }
    vg_free(b);
    vg_http_json(out, 201, doc);
}

static bool parse_time_param(vg_http_req *r, const char *key, vg_time *t, vg_http_resp *out)
{
    const char *v = vg_http_query(r, key);
    *t = VG_TIME_NONE;
    if (!v)
        return true;
    vg_date d;
    if (vg_date_parse(vg_str_c(v), &d)) {
        *t = vg_date_time(d);
        return true;
    }
    if (vg_time_parse(vg_str_c(v), t))
        return true;
    vg_http_fail(out, 400, key, "must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
    return false;
}

static bool parse_int_param(vg_http_req *r, const char *key, long lo, long hi, long *v, vg_http_resp *out)
{
    const char *s = vg_http_query(r, key);
    if (!s)
        return true;
    char *end;
    long x = strtol(s, &end, 10);
    if (!*s || *end || x < lo || x > hi) {
        vg_http_fail(out, 400, key, "must be a whole number from %ld to %ld", lo, hi);
        return false;
    }
    *v = x;
    return true;
}

void vg_api_incidents_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_time from, to;
    long limit = 100;
    if (!parse_time_param(r, "from", &from, out) || !parse_time_param(r, "to", &to, out) ||
        !parse_int_param(r, "limit", 1, 1000, &limit, out))
        return;
    json_t *list;
    vg_error err;
    vg_err e = vg_service_incident_list(s->svc, ACTOR, from, to, (size_t)limit, &list, &err);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 200, json_pack("{s:o}", "incidents", list));
}

typedef vg_err (*view_fn)(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err);

static void view(vg_http_server *s, vg_http_req *r, vg_http_resp *out, view_fn fn)
{
    vg_id id;
    if (!vg_http_param_id(r, 0, &id, out))
        return;
    json_t *j;
    vg_error err;
    vg_err e = fn(s->svc, ACTOR, id, &j, &err);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 200, j);
}

void vg_api_incident_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { view(s, r, out, vg_service_incident_view); }
void vg_api_person_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { view(s, r, out, vg_service_person_view); }
void vg_api_location_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { view(s, r, out, vg_service_location_view); }
void vg_api_case_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { view(s, r, out, vg_service_case_view); }

void vg_api_incident_receipt(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_id id;
    if (!vg_http_param_id(r, 0, &id, out))
        return;
    const char *queue = vg_http_query(r, "queue");
    vg_error err;
    vg_err e = vg_service_incident_receipt(s->svc, ACTOR, id, queue ? queue : "dispatch", &err);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 201, json_pack("{s:I,s:s}", "incident_id", (json_int_t)id, "status", "acknowledged"));
}

/* ---- lookups */

/* The lookup's audit entry is committed (or not): its answer may go. */
static void lookup_logged(void *ctx, vg_err rc, const vg_error *err)
{
    vg_http_resume(ctx, rc, err);
}

void vg_api_lookup(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_lookup_request q;
    memset(&q, 0, sizeof q);
    q.name = vg_http_query(r, "name");
    q.given = vg_http_query(r, "given");
    q.family = vg_http_query(r, "family");
    q.phone = vg_http_query(r, "phone");
    q.address = vg_http_query(r, "address");
    q.postcode = vg_http_query(r, "postcode");
    q.dob = VG_DATE_NONE;
    q.category = VG_CAT_ASB_PERSONAL;
    q.role = VG_ROLE_VICTIM;
    q.at = vg_time_now();
    const char *v;
    if ((v = vg_http_query(r, "dob")) && !vg_date_parse(vg_str_c(v), &q.dob)) {
        vg_http_fail(out, 400, "dob", "must be YYYY-MM-DD");
        return;
    }
    if ((v = vg_http_query(r, "gender")) && !vg_gender_parse(v, &q.gender)) {
        vg_http_fail(out, 400, "gender", "not a gender");
        return;
    }
    if ((v = vg_http_query(r, "category")) && !vg_category_parse(v, &q.category)) {
        vg_http_fail(out, 400, "category", "not an incident category");
        return;
    }
    if ((v = vg_http_query(r, "role")) && !vg_role_parse(v, &q.role)) {
        vg_http_fail(out, 400, "role", "not a role");
        return;
    }
    vg_time at;
    if (!parse_time_param(r, "at", &at, out))
        return;
    if (at != VG_TIME_NONE)
        q.at = at;
    long max = 10;
    if (!parse_int_param(r, "max", 1, VG_LOOKUP_MAX, &max, out))
        return;
    q.max = (int)max;
    /* the answer is made at once and sent when its audit entry is committed; the thread
     * serves other connections meanwhile */
    vg_http_suspend(r, out);
    vg_lookup_result *res = vg_malloc(sizeof *res);
    vg_error err;
    vg_err e = res ? vg_service_lookup_async(s->svc, ACTOR, &q, res, lookup_logged, r, &err)
                   : vg_error_set(&err, VG_ERR_NOMEM, "lookup", "out of memory");
    if (e) {
        vg_http_error(&r->later, e, &err);
        vg_http_resume(r, VG_OK, NULL);
    } else if ((r->later.text = vg_lookup_json_text(res, &r->later.text_len)) != NULL) {
        r->later.status = 200;
    } else {
        vg_http_fail(&r->later, 500, NULL, "out of memory");
    }
    vg_free(res);
}

/* ---- safety-net cases */

void vg_api_cases_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *list;
    vg_error err;
    vg_err e = vg_service_case_list(s->svc, ACTOR, &list, &err);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 200, json_pack("{s:o}", "cases", list));
}

static const char *opt_string(json_t *b, const char *key, bool *bad)
{
    json_t *v = json_object_get(b, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v))
        *bad = true;
    return json_string_value(v);
}

void vg_api_cases_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *b = vg_http_body_object(r, out);
    if (!b || !vg_http_only_fields(b, "title subject_kind person_id location_id summary risk actions", out)) {
        json_decref(b);
        return;
    }
    vg_case_draft d;
    memset(&d, 0, sizeof d);
    static const char *const strings[] = {"title", "subject_kind", "summary", "risk", "actions"};
    const char **dst[] = {&d.title, &d.subject_kind, &d.summary, &d.risk, &d.actions};
    for (size_t i = 0; i < 5; i++) {
        bool bad = false;
        *dst[i] = opt_string(b, strings[i], &bad);
        if (bad) {
            vg_http_fail(out, 422, strings[i], "must be a string");
            json_decref(b);
            return;
        }
    }
    static const char *const ids[] = {"person_id", "location_id"};
    vg_id *idst[] = {&d.person_id, &d.location_id};
    for (size_t i = 0; i < 2; i++) {
        json_t *v = json_object_get(b, ids[i]);
        if (v && !json_is_null(v) && (!json_is_integer(v) || json_integer_value(v) <= 0)) {
            vg_http_fail(out, 422, ids[i], "must be a positive integer");
            json_decref(b);
            return;
        }
        *idst[i] = v ? (vg_id)json_integer_value(v) : 0;
    }
    json_t *view_j;
    vg_error err;
    vg_err e = vg_service_case_create(s->svc, ACTOR, &d, &view_j, &err);
    json_decref(b);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 201, view_j);
}

void vg_api_case_share(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_id id;
    if (!vg_http_param_id(r, 0, &id, out))
        return;
    json_t *b = vg_http_body_object(r, out);
    if (!b || !vg_http_only_fields(b, "agency fields gateway purpose", out)) {
        json_decref(b);
        return;
    }
    bool bad = false;
    const char *agency = opt_string(b, "agency", &bad);
    const char *gateway = opt_string(b, "gateway", &bad);
    const char *purpose = opt_string(b, "purpose", &bad);
    json_t *fields = json_object_get(b, "fields");
    char list[200] = "";
    size_t k = 0, i;
    json_t *f;
    if (bad || !json_is_array(fields)) {
        vg_http_fail(out, 422, bad ? "body" : "fields", bad ? "agency, gateway and purpose must be strings"
                                                             : "required: an array of field names");
        json_decref(b);
        return;
    }
    json_array_foreach(fields, i, f) {
        const char *name = json_string_value(f);
        if (!name || k + strlen(name) + 2 > sizeof list) {
            vg_http_fail(out, 422, "fields", "must be field names");
            json_decref(b);
            return;
        }
        k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", k ? " " : "", name);
    }
    vg_error err;
    vg_err e = vg_service_case_share(s->svc, ACTOR, id, agency, list, gateway, purpose, &err);
    json_decref(b);
    if (e) {
        vg_http_error(out, e, &err);
        return;
    }
    json_t *v;
    if ((e = vg_service_case_view(s->svc, ACTOR, id, &v, &err)))
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 201, v);
}

void vg_api_case_unshare(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_id id;
    if (!vg_http_param_id(r, 0, &id, out))
        return;
    vg_error err;
    vg_err e = vg_service_case_unshare(s->svc, ACTOR, id, r->param[1], &err);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 204, NULL);
}

/* ---- reports */

void vg_api_report_performance(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_perf_request req;
    memset(&req, 0, sizeof req);
    req.source = VG_PS_HOME_OFFICE;
    req.force = vg_http_query(r, "force");
    const char *v = vg_http_query(r, "format");
    if (v && strcmp(v, "json") && strcmp(v, "csv")) {
        vg_http_fail(out, 400, "format", "must be json or csv");
        return;
    }
    bool csv = v && !strcmp(v, "csv");
    v = vg_http_query(r, "source");
    if (v && !vg_perf_source_parse(v, &req.source)) {
        vg_http_fail(out, 400, "source", "must be home-office, police-uk or records");
        return;
    }
    vg_month m;
    v = vg_http_query(r, "to");
    if (!v || !vg_month_parse(vg_str_c(v), &m)) {
        vg_http_fail(out, 400, "to", "required: YYYY-MM");
        return;
    }
    req.to = vg_month_year(m) * 100 + vg_month_num(m);
    if (!req.force && req.source != VG_PS_RECORDS) {
        vg_http_fail(out, 400, "force", "required with source %s", vg_perf_source_name(req.source));
        return;
    }
    char compare[512] = "";
    if ((v = vg_http_query(r, "compare")) && strlen(v) >= sizeof compare) {
        vg_http_fail(out, 400, "compare", "%zu bytes is longer than the limit of %zu bytes", strlen(v), sizeof compare - 1);
        return;
    }
    if (v)
        snprintf(compare, sizeof compare, "%s", v);
    char *save = NULL;
    for (char *tok = strtok_r(compare, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (req.n_compare == VG_PERF_MAX_COMPARE) {
            vg_http_fail(out, 400, "compare", "at most %d forces to compare with", VG_PERF_MAX_COMPARE);
            return;
        }
        req.compare[req.n_compare++] = tok;
    }
    vg_perf_report *rep = vg_malloc(sizeof *rep);
    vg_error err;
    vg_err e = rep ? vg_service_report_performance(s->svc, ACTOR, &req, rep, &err)
                   : vg_error_set(&err, VG_ERR_NOMEM, "report", "out of memory");
    if (e)
        vg_http_error(out, e, &err);
    else if (csv) { /* the same figures for a spreadsheet */
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        bool ok = f && vg_perf_to_csv(rep, f);
        if (f && fclose(f) != 0)
            ok = false;
        if (!ok) {
            free(text);
            vg_http_fail(out, 500, "report", "out of memory");
        } else {
            out->status = 200;
            out->text = text;
            out->text_len = len;
            out->content_type = "text/csv; charset=utf-8";
            snprintf(out->disposition, sizeof out->disposition, "attachment; filename=\"vigil-performance-%s.csv\"",
                     rep->force.slug[0] ? rep->force.slug : "force");
        }
    } else
        vg_http_json(out, 200, vg_perf_to_json(rep));
    vg_free(rep);
}

/* ---- users, agencies, audit */

void vg_api_users_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    enum { MAX = 4096 };
    vg_user *users = vg_malloc(MAX * sizeof *users);
    size_t n = 0;
    vg_error err;
    vg_err e = users ? vg_service_user_list(s->svc, ACTOR, users, MAX, &n, &err)
                     : vg_error_set(&err, VG_ERR_NOMEM, "users", "out of memory");
    if (e) {
        vg_free(users);
        vg_http_error(out, e, &err);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n && i < MAX; i++)
        json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:b}", "id", (json_int_t)users[i].id, "username",
                                             users[i].username, "role", vg_user_role_name(users[i].role), "agency",
                                             users[i].agency.code, "disabled", users[i].disabled));
    vg_free(users);
    vg_http_json(out, 200, json_pack("{s:o}", "users", arr));
}

static void requested(vg_http_resp *out, vg_id request);

void vg_api_users_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *b = vg_http_body_object(r, out);
    if (!b || !vg_http_only_fields(b, "username role agency password", out)) {
        json_decref(b);
        return;
    }
    bool bad = false;
    const char *username = opt_string(b, "username", &bad), *role_s = opt_string(b, "role", &bad),
               *agency = opt_string(b, "agency", &bad), *password = opt_string(b, "password", &bad);
    vg_user_role role;
    if (bad || !username || !role_s || !password) {
        vg_http_fail(out, 422, bad ? "body" : !username ? "username" : !role_s ? "role" : "password",
                     "required (a string)");
    } else if (!vg_user_role_parse(role_s, &role)) {
        vg_http_fail(out, 422, "role", "not a role");
    } else {
        vg_user u;
        vg_id request;
        vg_error err;
        vg_err e = vg_service_user_add(s->svc, ACTOR, username, role, agency ? agency : "force", password, &u, &request,
                                       &err);
        if (e)
            vg_http_error(out, e, &err);
        else if (request) /* a force role: carried out once a second administrator approves */
            requested(out, request);
        else
            vg_http_json(out, 201, json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)u.id, "username", u.username, "role",
                                             vg_user_role_name(u.role), "agency", u.agency.code));
    }
    json_decref(b);
}

/* 202: the change waits for a second administrator. */
static void requested(vg_http_resp *out, vg_id request)
{
    vg_http_json(out, 202, json_pack("{s:I,s:s,s:s}", "request", (json_int_t)request, "status", "pending", "message",
                                     "a second administrator must approve this before it is done"));
}

/* The body's one string field `key` (nothing else allowed); NULL after an answer. */
static json_t *one_string(vg_http_req *r, vg_http_resp *out, const char *key, const char **value)
{
    json_t *b = vg_http_body_object(r, out);
    if (!b || !vg_http_only_fields(b, key, out)) {
        json_decref(b);
        return NULL;
    }
    *value = json_string_value(json_object_get(b, key));
    if (!*value) {
        vg_http_fail(out, 422, key, "required (a string)");
        json_decref(b);
        return NULL;
    }
    return b;
}

static void done_or_requested(vg_http_resp *out, vg_err e, const vg_error *err, vg_id request)
{
    if (e)
        vg_http_error(out, e, err);
    else if (request)
        requested(out, request);
    else
        vg_http_json(out, 204, NULL);
}

void vg_api_user_role(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    const char *role_s;
    json_t *b = one_string(r, out, "role", &role_s);
    if (!b)
        return;
    vg_user_role role;
    vg_id request = 0;
    vg_error err;
    vg_err e = vg_user_role_parse(role_s, &role) ? vg_service_user_set_role(s->svc, ACTOR, r->param[0], role, &request, &err)
                                                 : vg_error_set(&err, VG_ERR_INVALID_INPUT, "role", "not a role");
    json_decref(b);
    done_or_requested(out, e, &err, request);
}

void vg_api_user_password(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    const char *password;
    json_t *b = one_string(r, out, "password", &password);
    if (!b)
        return;
    vg_id request = 0;
    vg_error err;
    vg_err e = vg_service_user_passwd(s->svc, ACTOR, r->param[0], password, &request, &err);
    json_decref(b);
    done_or_requested(out, e, &err, request);
}

void vg_api_user_disable(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_error err;
    done_or_requested(out, vg_service_user_disable(s->svc, ACTOR, r->param[0], &err), &err, 0);
}

void vg_api_user_enable(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_error err;
    done_or_requested(out, vg_service_user_enable(s->svc, ACTOR, r->param[0], &err), &err, 0);
}

void vg_api_user_unlock(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_error err;
    done_or_requested(out, vg_service_user_unlock(s->svc, ACTOR, r->param[0], &err), &err, 0);
}

void vg_api_user_agency(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    const char *code;
    json_t *b = one_string(r, out, "agency", &code);
    if (!b)
        return;
    vg_error err;
    vg_err e = vg_service_user_set_agency(s->svc, ACTOR, r->param[0], code, &err);
    json_decref(b);
    done_or_requested(out, e, &err, 0);
}

void vg_api_user_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *v = NULL;
    vg_error err;
    vg_err e = vg_service_user_view(s->svc, ACTOR, r->param[0], &v, &err);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 200, v);
}

void vg_api_user_requests(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    enum { MAX = 1000 };
    vg_user_request *rq = vg_malloc(MAX * sizeof *rq);
    size_t n = 0;
    vg_error err;
    vg_err e = rq ? vg_service_user_requests(s->svc, ACTOR, true, rq, MAX, &n, &err)
                  : vg_error_set(&err, VG_ERR_NOMEM, "requests", "out of memory");
    json_t *arr = e ? NULL : json_array();
    for (size_t i = 0; arr && i < n && i < MAX; i++) {
        char at[VG_TIME_LEN];
        vg_time_format(rq[i].requested_at, at);
        json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s?,s:s?,s:s,s:s,s:b}", "id", (json_int_t)rq[i].id, "kind",
                                             vg_request_kind_name(rq[i].kind), "username", rq[i].username, "role",
                                             rq[i].kind == VG_REQ_PASSWORD ? NULL : vg_user_role_name(rq[i].role),
                                             "agency", rq[i].agency.code[0] ? rq[i].agency.code : NULL, "requested_by",
                                             rq[i].requested_by_name, "requested_at", at, "yours",
                                             rq[i].requested_by == ACTOR->user_id));
    }
    vg_free(rq);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 200, json_pack("{s:o,s:I}", "requests", arr ? arr : json_array(), "total", (json_int_t)n));
}

static void decide(vg_http_server *s, vg_http_req *r, vg_http_resp *out, bool approve)
{
    vg_id id;
    if (!vg_http_param_id(r, 0, &id, out))
        return;
    vg_error err;
    done_or_requested(out, vg_service_user_request_decide(s->svc, ACTOR, id, approve, &err), &err, 0);
}

void vg_api_user_request_approve(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { decide(s, r, out, true); }
void vg_api_user_request_refuse(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { decide(s, r, out, false); }

void vg_api_agencies_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    enum { MAX = 512 };
    vg_agency *list = vg_malloc(MAX * sizeof *list);
    size_t n = 0;
    vg_error err;
    vg_err e = list ? vg_service_agency_list(s->svc, ACTOR, list, MAX, &n, &err)
                    : vg_error_set(&err, VG_ERR_NOMEM, "agencies", "out of memory");
    if (e) {
        vg_free(list);
        vg_http_error(out, e, &err);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n && i < MAX; i++)
        json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)list[i].id, "code", list[i].code,
                                             "name", list[i].name, "kind", vg_agency_kind_name(list[i].kind)));
    vg_free(list);
    vg_http_json(out, 200, json_pack("{s:o}", "agencies", arr));
}

static vg_err audit_entry_json(void *ctx, const vg_audit_entry *e)
{
    json_t *arr = ctx;
    json_t *j = vg_audit_entry_json(e);
    return j && json_array_append_new(arr, j) == 0 ? VG_OK : VG_ERR_NOMEM;
}

void vg_api_audit_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_time from, to;
    long person = 0; /* who looked at this person: any of its records */
    if (!parse_time_param(r, "from", &from, out) || !parse_time_param(r, "to", &to, out) ||
        !parse_int_param(r, "person", 1, INT32_MAX, &person, out))
        return;
    json_t *arr = json_array();
    vg_error err;
    vg_err e = vg_service_audit_person(s->svc, ACTOR, from, to, person, audit_entry_json, arr, &err);
    if (e) {
        json_decref(arr);
        if (e == VG_ERR_NOMEM)
            vg_error_set(&err, e, "audit", "out of memory");
        vg_http_error(out, e, &err);
        return;
    }
    vg_http_json(out, 200, json_pack("{s:o}", "entries", arr));
}

void vg_api_audit_verify(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_audit_check chk;
    vg_error err;
    vg_err e = vg_service_audit_verify(s->svc, ACTOR, &chk, &err);
    if (e) {
        vg_http_error(out, e, &err);
        return;
    }
    char h[65];
    sodium_bin2hex(h, sizeof h, chk.head, 32);
    vg_http_json(out, 200, json_pack("{s:b,s:I,s:I,s:s,s:s}", "ok", chk.ok, "entries", (json_int_t)chk.entries, "bad_seq",
                                     (json_int_t)chk.bad_seq, "why", chk.why, "head", h));
}

void vg_api_queue_events(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_error err;
    vg_err e = vg_service_queue_open(s->svc, ACTOR, r->param[0], &err);
    if (e) {
        vg_http_error(out, e, &err);
        return;
    }
    const char *last = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Last-Event-ID");
    uint64_t seen = last ? strtoull(last, NULL, 10) : 0;
    if (!(out->stream = vg_sse_new(s, r, r->param[0], seen)))
        vg_http_fail(out, 500, NULL, "out of memory");
}
