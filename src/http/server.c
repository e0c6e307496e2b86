/* server.c - the HTTP side of `vigil serve`: libmicrohttpd with an epoll thread pool,
 * request limits, the route table, authentication (cookie + CSRF or bearer token),
 * JSON errors and graceful shutdown. */
#include "base/alloc.h"
#include "base/log.h"
#include "base/str.h"
#include "http/guard.h"
#include "http/work.h"
#include "http/http_int.h"
#include "http/html.h"
#include "io/json_out.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define COOKIE "vigil_session"

static double mono_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

enum {
    R_PUBLIC = 1, /* no session needed */
    R_SHARED = 2, /* the handler calls only thread-safe service functions: no service lock */
    R_PAGE = 4,   /* an HTML page: sign-in by redirect, errors as pages */
    R_WORK = 8,   /* long (an analysis, a report, the daily review): run by a worker, off the request threads and
                   * the service lock; its service calls are thread-safe, or take the lock themselves */
};

typedef struct route {
    const char *method, *path;
    vg_http_handler fn;
    unsigned flags;
    const char *query; /* allowed query parameters, space separated */
} route;

static const route routes[] = {
    {"GET", "/api/health", vg_api_health, R_PUBLIC, ""},
    {"POST", "/api/session", vg_api_session_post, R_PUBLIC | R_SHARED, ""},
    {"GET", "/api/session", vg_api_session_get, R_SHARED, ""},
    {"DELETE", "/api/session", vg_api_session_delete, R_SHARED, ""},
    {"POST", "/api/incidents", vg_api_incidents_post, 0, ""},
    {"GET", "/api/incidents", vg_api_incidents_get, 0, "from to limit"},
    {"GET", "/api/incidents/{id}", vg_api_incident_get, 0, ""},
    {"POST", "/api/incidents/{id}/receipt", vg_api_incident_receipt, 0, "queue"},
    {"POST", "/api/incidents/{id}/log", vg_api_incident_log_post, 0, ""},
    {"GET", "/api/dispatch", vg_api_dispatch_board, 0, "limit"},
    {"GET", "/api/search", vg_api_search, 0, "q"},
    {"GET", "/api/lists/{name}", vg_api_list, 0, vg_list_params},
    {"GET", "/api/lookup", vg_api_lookup, R_SHARED, "name given family dob gender phone address postcode at category role max"},
    {"GET", "/api/persons/review", vg_api_person_reviews, 0, ""},
    {"GET", "/api/persons/decisions", vg_api_person_decisions, 0, ""},
    {"POST", "/api/persons/decisions", vg_api_person_decision_post, 0, ""},
    {"POST", "/api/persons/decisions/{id}/undo", vg_api_person_decision_undo, 0, ""},
    {"GET", "/api/persons/{id}", vg_api_person_get, 0, ""},
    {"GET", "/api/locations/{id}", vg_api_location_get, 0, ""},
    {"GET", "/api/cases", vg_api_cases_get, 0, ""},
    {"POST", "/api/cases", vg_api_cases_post, 0, ""},
    {"GET", "/api/cases/{id}", vg_api_case_get, 0, ""},
    {"POST", "/api/cases/{id}/shares", vg_api_case_share, 0, ""},
    {"DELETE", "/api/cases/{id}/shares/{agency}", vg_api_case_unshare, 0, ""},
    {"GET", "/api/reports/performance", vg_api_report_performance, R_WORK, "force to source compare format"},
    {"GET", "/api/users", vg_api_users_get, 0, ""},
    {"POST", "/api/users", vg_api_users_post, 0, ""},
    {"GET", "/api/users/requests", vg_api_user_requests, 0, ""},
    {"GET", "/api/users/{username}", vg_api_user_get, 0, ""},
    {"POST", "/api/users/requests/{id}/approve", vg_api_user_request_approve, 0, ""},
    {"POST", "/api/users/requests/{id}/refuse", vg_api_user_request_refuse, 0, ""},
    {"POST", "/api/users/{username}/role", vg_api_user_role, 0, ""},
    {"POST", "/api/users/{username}/password", vg_api_user_password, 0, ""},
    {"POST", "/api/users/{username}/disable", vg_api_user_disable, 0, ""},
    {"POST", "/api/users/{username}/enable", vg_api_user_enable, 0, ""},
    {"POST", "/api/users/{username}/unlock", vg_api_user_unlock, 0, ""},
    {"POST", "/api/users/{username}/agency", vg_api_user_agency, 0, ""},
    {"GET", "/api/agencies", vg_api_agencies_get, 0, ""},
    {"GET", "/api/audit", vg_api_audit_get, 0, "from to person"},
    {"GET", "/api/audit/verify", vg_api_audit_verify, 0, ""},
    {"GET", "/api/queues/{name}/events", vg_api_queue_events, 0, ""},
    {"GET", "/api/areas", vg_api_areas_get, R_SHARED, ""},
    {"GET", "/api/areas/{id}/briefing", vg_api_area_briefing, R_WORK, "date"},
    {"POST", "/api/areas/{id}/actions", vg_api_area_actions_post, 0, ""},
    {"POST", "/api/actions/{id}/close", vg_api_action_close, 0, ""},
    {"GET", "/api/analyses/repeats", vg_api_repeats, R_WORK, "from to area min top"},
    {"GET", "/api/analyses/trends", vg_api_trends, R_WORK, "week_ending area all"},
    {"GET", "/api/analyses/near-repeat", vg_api_near_repeat, R_WORK,
     "from to crime_type area distance_bands time_bands metric permutations seed"},
    /* the web UI (pages.c, pages_work.c) */
    {"GET", "/assets/{name}", vg_page_asset, R_PUBLIC | R_SHARED, ""},
    {"GET", "/login", vg_page_login, R_PUBLIC | R_PAGE, "next"},
    {"POST", "/login", vg_page_login_post, R_PUBLIC | R_PAGE | R_SHARED, "next"},
    {"POST", "/logout", vg_page_logout, R_PAGE | R_SHARED, ""},
    {"GET", "/", vg_page_home, R_PAGE, ""},
    {"GET", "/calls/new", vg_page_call_new, R_PAGE, ""},
    {"GET", "/calls/briefing", vg_page_call_briefing, R_PAGE | R_SHARED,
     "role given family dob phone home home_postcode category person_choice_kept"},
    {"POST", "/calls", vg_page_call_post, R_PAGE, ""},
    {"GET", "/queue", vg_page_queue, R_PAGE, ""},
    {"GET", "/queue/cards", vg_page_queue_cards, R_PAGE, ""},
    {"GET", "/search", vg_page_search, R_PAGE, "q"},
    {"GET", "/locations/{id}", vg_page_location, R_PAGE, ""},
    {"POST", "/incidents/{id}/dispatch", vg_page_dispatch_post, R_PAGE, ""},
    {"POST", "/incidents/{id}/log", vg_page_incident_post, R_PAGE, ""},
    {"GET", "/incidents", vg_page_incidents, R_PAGE, vg_list_params},
    {"GET", "/crimes", vg_page_crimes, R_PAGE, vg_list_params},
    {"GET", "/history", vg_page_history, R_PAGE, vg_list_params},
    {"GET", "/export/{name}", vg_page_export, R_PAGE | R_WORK, vg_list_params},
    {"GET", "/incidents/{id}", vg_page_incident, R_PAGE, ""},
    {"GET", "/persons/review", vg_page_person_review, R_PAGE, ""},
    {"POST", "/persons/decisions", vg_page_person_decision_post, R_PAGE, ""},
    {"POST", "/persons/decisions/{id}/undo", vg_page_person_decision_undo, R_PAGE, ""},
    {"GET", "/persons/{id}", vg_page_person, R_PAGE, ""},
    {"GET", "/crimes/{id}", vg_page_crime, R_PAGE, ""},
    {"GET", "/cases", vg_page_cases, R_PAGE, vg_list_params},
    {"GET", "/cases/new", vg_page_case_new, R_PAGE, "person location"},
    {"POST", "/cases", vg_page_case_post, R_PAGE, ""},
    {"GET", "/actions", vg_page_actions, R_PAGE, vg_list_params},
    {"GET", "/audit", vg_page_audit, R_PAGE, "sort order after before last limit from to username action record person draft verify"},
    {"GET", "/admin", vg_page_admin, R_PAGE, ""},
    {"GET", "/admin/users", vg_page_users, R_PAGE, vg_list_params},
    {"GET", "/map", vg_page_map, R_PAGE, "area from to cell"},
    {"GET", "/map/data", vg_page_map_data, R_PAGE | R_WORK, "area from to cell"},
    {"GET", "/reports/performance", vg_page_performance, R_PAGE | R_WORK, "source force to"},
    {"GET", "/review", vg_page_review, R_PAGE, vg_list_params},
    {"GET", "/tasking", vg_page_tasking, R_PAGE | R_WORK, "area date"},
    {"POST", "/tasking/actions", vg_page_tasking_add, R_PAGE | R_WORK, ""},
    {"POST", "/tasking/actions/{id}/close", vg_page_tasking_close, R_PAGE | R_WORK, ""},
    {"POST", "/review/{id}", vg_page_review_post, R_PAGE, ""},
    {"GET", "/victims", vg_page_victims, R_PAGE, vg_list_params},
    {"POST", "/victims/met", vg_page_victims_met, R_PAGE, vg_list_params}, /* back to the list as it was */
    {"GET", "/cases/{id}", vg_page_case, R_PAGE, "done"},
    {"POST", "/cases/{id}/actions", vg_page_case_action_post, R_PAGE, ""},
    {"POST", "/cases/{id}/shares", vg_page_case_share_post, R_PAGE, ""},
    {"POST", "/cases/{id}/notes", vg_page_case_note_post, R_PAGE, ""},
    {"POST", "/cases/{id}/shares/{agency}/stop", vg_page_case_unshare_post, R_PAGE, ""},
    {"POST", "/actions/{id}/done", vg_page_action_done, R_PAGE, ""},
    {"POST", "/admin/users", vg_page_admin_user_post, R_PAGE, ""},
    {"POST", "/admin/agencies", vg_page_admin_agency_post, R_PAGE, ""},
    {"POST", "/admin/requests/{id}/{decision}", vg_page_admin_request, R_PAGE, ""},
    {"GET", "/admin/users/{username}", vg_page_admin_user, R_PAGE, ""},
    {"POST", "/admin/users/{username}/{action}", vg_page_admin_user_change, R_PAGE, ""},
};
#define N_ROUTES (sizeof routes / sizeof routes[0])

const vg_http_route_info *vg_http_routes(size_t *n)
{
    static vg_http_route_info info[N_ROUTES];
    size_t k = 0;
    for (size_t i = 0; i < N_ROUTES; i++)
        if (strncmp(routes[i].path, "/api/", 5) == 0) /* the API; pages are not in openapi.yaml */
            info[k++] = (vg_http_route_info){routes[i].method, routes[i].path};
    *n = k;
    return info;
}

void vg_http_options_default(vg_http_options *o)
{
    memset(o, 0, sizeof *o);
    o->listen = "127.0.0.1:8080";
    o->max_connections = 1024;
    o->max_per_address = 64;
    o->timeout_s = 30;
    o->header_s = 10;
    o->body_s = 30;
    o->work_queue = 16;
    o->body_max = 1 << 20;
}

/* Where a browser may be sent after signing in (the `next` of /login): parsed as an
 * RFC 3986 path-absolute ("/" and a first segment that is not empty, so never "//host"
 * or "/\\host"), of unreserved, sub-delim, ':' and '@' characters only (browsers drop tabs
 * and newlines from addresses, so a control character anywhere is refused, never
 * skipped), with an optional query; and its path must be a page of this server. */
static bool match_path(const char *tpl, const char *path, vg_http_req *r);

static bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool vg_http_page_target(const char *target)
{
    static const char pchar[] = "-._~!$&'()*+,;=:@"; /* besides letters, digits and %XX */
    if (!target || target[0] != '/' || target[1] == '/')
        return false;
    size_t i = 0, path_end = 0;
    bool query = false;
    for (;; i++) {
        unsigned char c = (unsigned char)target[i];
        if (c == '\0')
            break;
        if (c == '%') {
            if (!is_hex(target[i + 1]) || !is_hex(target[i + 2]) || !query)
                return false; /* an encoded character in the path could hide a slash */
            i += 2;
        } else if (c == '?' && !query) {
            query = true;
            path_end = i;
        } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                     (query && c == '?') || strchr(pchar, c))) {
            return false;
        }
        if (i >= 1024)
            return false;
    }
    if (!query)
        path_end = i;
    char path[1025];
    memcpy(path, target, path_end);
    path[path_end] = '\0';
    vg_http_req probe;
    memset(&probe, 0, sizeof probe);
    for (size_t k = 0; k < N_ROUTES; k++)
        if ((routes[k].flags & R_PAGE) && strcmp(routes[k].method, "GET") == 0 && match_path(routes[k].path, path, &probe))
            return true;
    return false;
}

/* ---- responses */

void vg_http_json(vg_http_resp *out, unsigned status, json_t *body)
{
    json_decref(out->json);
    out->status = status;
    out->json = body;
}

unsigned vg_http_status_of(vg_err code)
{
    switch (code) {
    case VG_OK: return 200;
    case VG_ERR_INVALID_INPUT: return 422;
    case VG_ERR_USAGE: return 400;
    case VG_ERR_NOT_FOUND: return 404;
    case VG_ERR_FORBIDDEN: return 403;
    case VG_ERR_CONFLICT: return 409;
    case VG_ERR_TOO_LARGE: return 413;
    default: return 500;
    }
}

static void error_body(vg_http_resp *out, unsigned status, const char *field, const char *message)
{
    json_t *j = json_pack("{s:s,s:s,s:s?}", "error", status == 401   ? "unauthorised"
                                                     : status == 403 ? "forbidden"
                                                     : status == 404 ? "not found"
                                                     : status == 409 ? "conflict"
                                                     : status == 413 ? "too large"
                                                     : status == 422 ? "invalid"
                                                     : status >= 500 ? "server error"
                                                                     : "bad request",
                          "message", message, "field", field && *field ? field : NULL);
    vg_http_json(out, status, j);
}

void vg_http_error(vg_http_resp *out, vg_err code, const vg_error *e)
{
    unsigned status = vg_http_status_of(code);
    if (status >= 500) {
        vg_log_error("http: %s: %s", e->where, e->why);
        error_body(out, status, NULL, "the server could not complete the request");
        return;
    }
    error_body(out, status, e->where, e->why[0] ? e->why : vg_strerror(code));
}

void vg_http_fail(vg_http_resp *out, unsigned status, const char *field, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    error_body(out, status, field, msg);
}

/* ---- request helpers */

const char *vg_http_query(vg_http_req *r, const char *key)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

json_t *vg_http_body_json(vg_http_req *r, vg_http_resp *out)
{
    json_error_t je;
    json_t *j = json_loadb(r->body ? r->body : "", r->len, JSON_REJECT_DUPLICATES, &je);
    if (!j) {
        char where[48];
        snprintf(where, sizeof where, "body:%d:%d", je.line, je.column);
        vg_http_fail(out, 400, where, "not valid JSON: %s", je.text);
    }
    return j;
}

json_t *vg_http_body_object(vg_http_req *r, vg_http_resp *out)
{
    json_t *j = vg_http_body_json(r, out);
    if (j && !json_is_object(j)) {
        json_decref(j);
        vg_http_fail(out, 400, "body", "must be a JSON object");
        return NULL;
    }
    return j;
}

static bool word_in(const char *word, size_t n, const char *list) { return vg_str_word_in((vg_str){word, n}, list); }

bool vg_http_only_fields(json_t *obj, const char *allowed, vg_http_resp *out)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (!word_in(key, strlen(key), allowed)) {
            vg_http_fail(out, 422, key, "unknown field");
            return false;
        }
    }
    return true;
}

bool vg_http_param_id(vg_http_req *r, int i, vg_id *id, vg_http_resp *out)
{
    const char *p = r->param[i];
    long long v = 0;
    bool ok = p && *p && strlen(p) <= 18;
    for (const char *c = p; ok && *c; c++)
        ok = *c >= '0' && *c <= '9';
    if (ok)
        v = atoll(p);
    if (!ok || v <= 0) {
        vg_http_fail(out, 404, "id", "no such record");
        return false;
    }
    *id = v;
    return true;
}

/* ---- routing */

/* Matches path against a template, filling r->param. */
static bool match_path(const char *tpl, const char *path, vg_http_req *r)
{
    int np = 0;
    size_t used = 0;
    while (*tpl && *path) {
        if (*tpl == '{') {
            const char *close = strchr(tpl, '}');
            const char *end = strchr(path, '/');
            size_t n = end ? (size_t)(end - path) : strlen(path);
            if (!close || n == 0 || np >= VG_HTTP_MAX_PARAMS || used + n + 1 > sizeof r->param_buf)
                return false;
            memcpy(r->param_buf + used, path, n);
            r->param_buf[used + n] = '\0';
            r->param[np++] = r->param_buf + used;
            used += n + 1;
            tpl = close + 1;
            path += n;
        } else if (*tpl++ != *path++) {
            return false;
        }
    }
    return *tpl == '\0' && *path == '\0';
}

typedef struct query_check {
    const char *allowed;
    char bad[64];
} query_check;

static enum MHD_Result check_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    (void)value;
    query_check *q = cls;
    if (!word_in(key, strlen(key), q->allowed)) {
        snprintf(q->bad, sizeof q->bad, "%s", key);
        return MHD_NO;
    }
    return MHD_YES;
}

/* The session behind the request, if any: bearer token, else the cookie. */
static void authenticate(vg_http_server *s, vg_http_req *r)
{
    const char *auth = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    const char *token = NULL;
    if (auth && strncmp(auth, "Bearer ", 7) == 0) {
        token = auth + 7;
    } else {
        token = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, COOKIE);
        r->via_cookie = token != NULL;
    }
    vg_error err;
    if (token && vg_service_session(s->svc, token, &r->session, &err) == VG_OK) {
        r->authed = true;
        const char *purpose = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Purpose");
        if (purpose) /* the audit log keeps it to valid, printable text */
            snprintf(r->session.actor.purpose, sizeof r->session.actor.purpose, "%s", purpose);
    }
}

/* An error for an API route (JSON) or a page (HTML). */
static void refuse(vg_http_req *r, bool page, vg_http_resp *out, unsigned status, const char *field, const char *msg)
{
    if (page)
        vg_page_fail(r, out, status, msg);
    else
        vg_http_fail(out, status, field, "%s", msg);
}

/* The CSRF token a browser sent: the X-CSRF-Token header (scripts), or the "csrf" field
 * of a posted form. */
static bool csrf_ok(vg_http_req *r)
{
    const char *csrf = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
    char field[VG_TOKEN_LEN + 2];
    if (!csrf && vg_form_get(r->body, r->len, "csrf", field, sizeof field))
        csrf = field;
    size_t n = strlen(r->session.csrf);
    return csrf && n && strlen(csrf) == n && sodium_memcmp(csrf, r->session.csrf, n) == 0;
}

/* A long request, on a worker: the handler answers into r->later, then the connection
 * goes on to send it. */
static void run_work(void *ctx)
{
    vg_http_req *r = ctx;
    r->work_fn(r->work_srv, r, &r->later);
    vg_http_release(r->work_srv, r); /* a handler that took the lock for a write has let it go */
    sodium_memzero(&r->session, sizeof r->session);
    r->later.deferred = true; /* whatever the handler did to it: the answer is sent from here */
    vg_http_resume(r, VG_OK, NULL);
}

static void dispatch(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    const route *found = NULL;
    bool path_known = false;
    bool api = strncmp(r->path, "/api/", 5) == 0;
    for (size_t i = 0; i < N_ROUTES && !found; i++) {
        if (!match_path(routes[i].path, r->path, r))
            continue;
        path_known = true;
        if (strcmp(routes[i].method, r->method) == 0)
            found = &routes[i];
    }
    char msg[512];
    if (!found) {
        if (path_known)
            snprintf(msg, sizeof msg, "%s is not allowed on %s", r->method, r->path);
        else
            snprintf(msg, sizeof msg, "no such %s: %s", api ? "resource" : "page", r->path);
        if (!api)
            authenticate(s, r); /* the error page shows the signed-in frame */
        refuse(r, !api, out, path_known ? 405 : 404, NULL, msg);
        return;
    }
    bool page = (found->flags & R_PAGE) != 0;
    match_path(found->path, r->path, r);
    if (r->too_large) {
        snprintf(msg, sizeof msg, "the request body is larger than %zu bytes", s->opt.body_max);
        refuse(r, page, out, 413, "body", msg);
        return;
    }
    query_check q = {found->query, ""};
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_query, &q);
    if (q.bad[0]) {
        snprintf(msg, sizeof msg, "unknown query parameter %s", q.bad);
        refuse(r, page, out, 400, q.bad, msg);
        return;
    }
    if (!(found->flags & R_PUBLIC)) {
        authenticate(s, r); /* thread-safe */
        if (!r->authed && page) { /* to the sign-in page, and back here after it */
            out->status = 303;
            if (strcmp(r->method, "GET") == 0)
                vg_page_login_location(out, r->path);
            else
                snprintf(out->location, sizeof out->location, "/login");
            return;
        }
        if (!r->authed) {
            vg_http_fail(out, 401, "session", "not signed in, or the session has ended: sign in again");
            return;
        }
        bool safe = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
        if (r->via_cookie && !safe && !csrf_ok(r)) {
            refuse(r, page, out, 403, "X-CSRF-Token",
                   page ? "This form has expired: go back, reload the page and send it again."
                        : "missing or wrong CSRF token (send the one from POST /api/session)");
            return;
        }
    }
    if (found->flags & R_WORK) { /* to a worker; the connection waits, suspended, for its answer */
        r->work_srv = s;
        r->work_fn = found->fn;
        vg_http_suspend(r, out);
        if (!vg_work_submit(s->work, run_work, r)) {
            refuse(r, page, &r->later, 503, NULL, "The server is busy with other analyses: try again in a minute.");
            r->later.deferred = true; /* refuse may have rebuilt it: it is still the answer sent on resuming */
            vg_http_resume(r, VG_OK, NULL);
        }
        return;
    }
    if (!(found->flags & R_SHARED)) {
        vg_service_lock(s->svc);
        r->locked = true;
    }
    found->fn(s, r, out);
    vg_http_release(s, r);
}

void vg_http_lock(vg_http_server *s, vg_http_req *r)
{
    if (!r->locked) {
        vg_service_lock(s->svc);
        r->locked = true;
    }
}

void vg_http_release(vg_http_server *s, vg_http_req *r)
{
    if (r->locked) {
        r->locked = false;
        vg_service_unlock(s->svc);
    }
}

/* ---- the live queues: server-sent events */

struct vg_sse {
    vg_http_server *s;
    struct MHD_Connection *conn;
    vg_actor actor;
    char token[VG_TOKEN_LEN + 1]; /* the subscriber's session, checked before each event */
    uint64_t id;                  /* for finding it again after the hub's lock was let go */
    bool ended;                   /* the session ended: the stream closes */
    char queue[32];
    uint64_t next;    /* the next event to send */
    uint64_t beat;    /* the last heartbeat sent */
    size_t offset;    /* bytes of event `next` already sent */
    bool suspended;
    vg_sse *prev, *nx;
};

vg_sse *vg_sse_new(vg_http_server *s, vg_http_req *r, const char *queue, uint64_t last_seen)
{
    vg_sse *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->s = s;
    c->conn = r->conn;
    c->actor = r->session.actor;
    snprintf(c->token, sizeof c->token, "%s", r->session.token);
    snprintf(c->queue, sizeof c->queue, "%s", queue);
    pthread_mutex_lock(&s->hub.lock);
    c->id = ++s->hub.last_id;
    c->next = last_seen ? last_seen + 1 : s->hub.next_seq; /* only what comes next, unless resuming */
    c->beat = s->hub.beat;
    c->nx = s->hub.subscribers;
    if (c->nx)
        c->nx->prev = c;
    s->hub.subscribers = c;
    pthread_mutex_unlock(&s->hub.lock);
    return c;
}

static void wake_all(vg_hub *h)
{
    for (vg_sse *c = h->subscribers; c; c = c->nx)
        if (c->suspended) {
            c->suspended = false;
            MHD_resume_connection(c->conn);
        }
}

void vg_hub_publish(vg_http_server *s, vg_id incident_id, const char *event, const char *json)
{
    vg_hub *h = &s->hub;
    pthread_mutex_lock(&h->lock);
    vg_hub_event *e = &h->ring[h->next_seq % VG_HUB_EVENTS];
    free(e->text);
    size_t n = strlen(json) + strlen(event) + 64;
    e->text = malloc(n);
    if (e->text) {
        e->len = (size_t)snprintf(e->text, n, "id: %llu\nevent: %s\ndata: %s\n\n", (unsigned long long)h->next_seq,
                                  event, json);
        e->seq = h->next_seq++;
        e->incident_id = incident_id;
        e->briefing = strcmp(event, "incident") == 0;
        wake_all(h);
    }
    pthread_mutex_unlock(&h->lock);
}

/* Whether the subscriber's session still holds (thread-safe; from memory for at most a
 * second, and never once it was ended here). A stream's checks are not uses: an
 * unattended screen's session still ends when idle. */
static bool sse_session_live(vg_http_server *s, const char *token) { return vg_service_session_alive(s->svc, token); }

static ssize_t sse_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    vg_sse *c = cls;
    vg_hub *h = &c->s->hub;
    pthread_mutex_lock(&h->lock);
    bool starting = c->offset == 0 && c->next < h->next_seq && !c->ended && !h->stopping;
    pthread_mutex_unlock(&h->lock);
    /* nothing reaches a screen whose session has ended (signed out, disabled, ...) */
    bool live = !starting || sse_session_live(c->s, c->token);
    pthread_mutex_lock(&h->lock);
    if (!live)
        c->ended = true;
    if (h->stopping || c->ended) {
        pthread_mutex_unlock(&h->lock);
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    uint64_t oldest = h->next_seq > VG_HUB_EVENTS ? h->next_seq - VG_HUB_EVENTS : 0;
    if (c->next < oldest) { /* fell behind the ring: skip to what is still there */
        c->next = oldest;
        c->offset = 0;
    }
    if (c->next < h->next_seq) {
        vg_hub_event *e = &h->ring[c->next % VG_HUB_EVENTS];
        size_t n = e->len - c->offset < max ? e->len - c->offset : max;
        memcpy(buf, e->text + c->offset, n);
        c->offset += n;
        vg_id incident = e->incident_id;
        bool briefing = e->briefing;
        bool whole = c->offset == e->len;
        if (whole) {
            c->next++;
            c->offset = 0;
        }
        pthread_mutex_unlock(&h->lock);
        if (whole && briefing) { /* the briefing reached the officer's screen: a consultation */
            vg_error err;
            vg_service_lock(c->s->svc);
            if (vg_service_queue_delivered(c->s->svc, &c->actor, incident, c->queue, &err) != VG_OK) {
                vg_service_unlock(c->s->svc);
                vg_log_error("queue: could not log the delivery of incident %lld: %s", (long long)incident, err.why);
                return MHD_CONTENT_READER_END_WITH_ERROR; /* no unlogged disclosure */
            }
            vg_service_unlock(c->s->svc);
        }
        return (ssize_t)n;
    }
    if (c->beat != h->beat && max > 16) {
        c->beat = h->beat;
        pthread_mutex_unlock(&h->lock);
        memcpy(buf, ": keep-alive\n\n", 14);
        return 14;
    }
    c->suspended = true;
    MHD_suspend_connection(c->conn);
    pthread_mutex_unlock(&h->lock);
    return 0;
}

static void sse_free(void *cls)
{
    vg_sse *c = cls;
    vg_hub *h = &c->s->hub;
    pthread_mutex_lock(&h->lock);
    if (c->prev)
        c->prev->nx = c->nx;
    else
        h->subscribers = c->nx;
    if (c->nx)
        c->nx->prev = c->prev;
    pthread_mutex_unlock(&h->lock);
    free(c);
}

static enum MHD_Result send_stream(vg_http_req *r, vg_sse *c)
{
    struct MHD_Response *resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32 * 1024, sse_read, c, sse_free);
    if (!resp) {
        sse_free(c);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream; charset=utf-8");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Accel-Buffering", "no"); /* nginx: pass events through at once */
    enum MHD_Result ret = MHD_queue_response(r->conn, 200, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* ---- libmicrohttpd callbacks */

static enum MHD_Result send_response(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    (void)s;
    size_t len = out->text_len;
    char *text = out->text ? out->text : out->json ? vg_json_text(out->json, &len) : NULL;
    out->text = NULL; /* now the response's */
    bool owned = text && !out->static_text;
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, text ? text : (void *)"",
                                                                owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        if (owned)
            free(text);
        return MHD_NO;
    }
    bool html = out->content_type && strncmp(out->content_type, "text/html", 9) == 0;
    if (text)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                out->content_type ? out->content_type : "application/json; charset=utf-8");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, out->cache ? out->cache : "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    /* pages: scripts, styles and everything else from this server only, nothing inline */
    MHD_add_response_header(resp, "Content-Security-Policy",
                            html ? "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                   "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
                                 : "default-src 'none'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    if (r->https)
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
    if (out->cookie[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, out->cookie);
    if (out->location[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, out->location);
    if (out->disposition[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION, out->disposition);
    enum MHD_Result ret = MHD_queue_response(r->conn, out->status ? out->status : 500, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* The request line's target as the client sent it, before any decoding: a request is
 * made here (the first call of on_request then finds it). A NUL byte encoded anywhere
 * (%00) or a raw control character cannot be part of a path or a value of ours, and
 * would be cut short by what decodes it: such a request is refused. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    vg_http_req *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->conn = conn;
    for (const char *p = uri; p && *p && !r->bad_target; p++)
        r->bad_target = (unsigned char)*p < 0x20 || *p == 0x7f ||
                        (p[0] == '%' && p[1] == '0' && p[2] == '0');
    return r;
}

typedef struct header_count {
    int content_length, transfer_encoding, host;
    bool lengths_differ;
    const char *first_length;
} header_count;

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    header_count *h = cls;
    if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) {
        if (h->content_length++ && strcmp(h->first_length, value ? value : "") != 0)
            h->lengths_differ = true;
        else
            h->first_length = value ? value : "";
    } else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
        h->transfer_encoding++;
    } else if (strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0) {
        h->host++;
    }
    return MHD_YES;
}

/* What makes a request ambiguous to read, or to route behind a proxy: the reason, or
 * NULL. Two Content-Length headers that disagree, or one with Transfer-Encoding, leave
 * the body's end to whoever reads it (request smuggling); no Host, or two, leaves the
 * site unsaid. */
static const char *ambiguous(vg_http_req *r)
{
    if (r->bad_target)
        return "the request's address holds a NUL (%00) or control character";
    header_count h = {0};
    MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_header, &h);
    if (h.lengths_differ)
        return "the request has Content-Length headers that disagree";
    if (h.content_length && h.transfer_encoding)
        return "the request has both Content-Length and Transfer-Encoding";
    if (h.host != 1)
        return h.host ? "the request has more than one Host header" : "the request has no Host header";
    return NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    vg_http_server *s = cls;
    vg_http_req *r = *con_cls;
    if (!r) /* on_uri could not allocate */
        return MHD_NO;
    if (!r->begun) {
        r->begun = true;
        vg_guard_headers(conn); /* its body, if any, must follow in time */
        r->conn = conn;
        r->method = method;
        r->path = url;
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, r->addr, sizeof r->addr);
        else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, r->addr, sizeof r->addr);
        /* behind nginx every connection comes from loopback: the proxy says who it was for */
        const char *real = s->opt.behind_proxy ? MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Real-IP") : NULL;
        bool from_proxy = s->opt.behind_proxy && (strcmp(r->addr, "127.0.0.1") == 0 || strcmp(r->addr, "::1") == 0);
        if (from_proxy && real && *real && strlen(real) < sizeof r->addr &&
            strspn(real, "0123456789abcdefABCDEF:.") == strlen(real))
            snprintf(r->addr, sizeof r->addr, "%s", real);
        /* over TLS: Secure cookies and HSTS. Vigil speaks plain HTTP itself, so TLS is the
         * proxy's, which says so (believed from loopback only), or the operator's word */
        const char *proto = from_proxy ? MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Proto") : NULL;
        r->https = s->opt.cookie_secure || (proto && strcmp(proto, "https") == 0);
        const char *why = ambiguous(r);
        if (why) { /* answered before the body is read; the connection is closed after it */
            vg_http_resp out;
            memset(&out, 0, sizeof out);
            vg_http_fail(&out, 400, "request", "%s", why);
            enum MHD_Result ret = send_response(s, r, &out);
            json_decref(out.json);
            return ret;
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (!r->too_large) {
            if (r->len + *upload_size > s->opt.body_max) {
                r->too_large = true;
                free(r->body);
                r->body = NULL;
                r->len = r->cap = 0;
            } else {
                if (r->len + *upload_size + 1 > r->cap) {
                    size_t cap = r->cap ? r->cap : 4096;
                    while (cap < r->len + *upload_size + 1)
                        cap *= 2;
                    char *b = realloc(r->body, cap);
                    if (!b)
                        return MHD_NO;
                    r->body = b;
                    r->cap = cap;
                }
                memcpy(r->body + r->len, upload, *upload_size);
                r->len += *upload_size;
                r->body[r->len] = '\0';
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->later.deferred) { /* resumed: the answer was kept */
        r->later.deferred = false;
        double now = mono_now();
        if (now - r->suspended_at > 2.0) /* say where a slow answer waited */
            vg_log_warn("http: %s %s answered %.1f s after it was ready (%.1f s for its audit entry, %.1f s to resume)",
                        r->method, r->path, now - r->suspended_at, r->resumed_at - r->suspended_at, now - r->resumed_at);
        if (r->later_rc) {
            json_decref(r->later.json);
            free(r->later.text);
            memset(&r->later, 0, sizeof r->later);
            vg_http_error(&r->later, r->later_rc, &r->later_err);
        }
        enum MHD_Result ret = send_response(s, r, &r->later);
        json_decref(r->later.json);
        r->later.json = NULL;
        return ret;
    }
    vg_guard_answering(conn); /* the request is whole: answers may take their time */
    vg_http_resp out;
    memset(&out, 0, sizeof out);
    dispatch(s, r, &out);
    if (out.deferred) /* a worker or the audit writer answers; the session is theirs until then */
        return MHD_YES;
    sodium_memzero(&r->session, sizeof r->session);
    enum MHD_Result ret = out.stream ? send_stream(r, out.stream) : send_response(s, r, &out);
    json_decref(out.json);
    return ret;
}

void vg_http_suspend(vg_http_req *r, vg_http_resp *out)
{
    r->suspended_at = mono_now();
    memset(&r->later, 0, sizeof r->later);
    r->later.deferred = true;
    r->later_rc = VG_OK;
    out->deferred = true;
    MHD_suspend_connection(r->conn);
}

void vg_http_resume(vg_http_req *r, vg_err e, const vg_error *err)
{
    if (e) {
        r->later_rc = e;
        r->later_err = *err;
    }
    r->resumed_at = mono_now();
    /* the connection's thread sends r->later after the handler has returned */
    MHD_resume_connection(r->conn);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode code)
{
    (void)cls;
    vg_guard_finished(conn); /* the next request's headers are awaited */
    vg_http_req *r = *con_cls;
    /* a request ended without its answer: say so (a client going away is normal) */
    if (code == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED)
        vg_log_warn("http: %s %s: the connection timed out before the request was complete",
                    r && r->method ? r->method : "-", r && r->path ? r->path : "-");
    else if (code == MHD_REQUEST_TERMINATED_WITH_ERROR || code == MHD_REQUEST_TERMINATED_READ_ERROR)
        vg_log_debug("http: %s %s ended without its answer (%s)", r && r->method ? r->method : "-",
                     r && r->path ? r->path : "-", code == MHD_REQUEST_TERMINATED_WITH_ERROR ? "error" : "read error");
    if (r) {
        sodium_memzero(&r->session, sizeof r->session);
        free(r->later.text); /* a deferred answer never sent */
        json_decref(r->later.json);
        free(r->body);
        free(r);
        *con_cls = NULL;
    }
}

static void on_mhd_error(void *cls, const char *fmt, va_list ap) VG_VPRINTF(2);
static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    vg_log_warn("http: %s", msg);
}

static bool parse_listen(const char *listen, struct sockaddr_in *sa, vg_error *err)
{
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    const char *colon = listen ? strrchr(listen, ':') : NULL;
    if (!colon || colon == listen) {
        vg_error_set(err, VG_ERR_USAGE, "--listen", "use ADDRESS:PORT, e.g. 127.0.0.1:8080");
        return false;
    }
    char host[64];
    size_t hn = (size_t)(colon - listen);
    if (hn >= sizeof host) {
        vg_error_set(err, VG_ERR_USAGE, "--listen", "address too long");
        return false;
    }
    memcpy(host, listen, hn);
    host[hn] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1) {
        vg_error_set(err, VG_ERR_USAGE, "--listen", "'%s' is not an IPv4 ADDRESS:PORT", listen);
        return false;
    }
    sa->sin_port = htons((uint16_t)port);
    return true;
}

struct vg_http_daemon {
    vg_http_server s;
    struct MHD_Daemon *d;
    vg_guard *guard;
    pthread_t beat;
    bool beating;
    volatile bool stop_beat;
};

/* Ends the streams whose session has ended: the sessions are checked outside the hub's
 * lock (a check may read the store), and the streams found again by id, since one may
 * close meanwhile. */
static void end_dead_streams(vg_http_server *s)
{
    typedef struct { uint64_t id; char token[VG_TOKEN_LEN + 1]; } sub;
    sub *v = NULL;
    size_t n = 0, cap = 0;
    pthread_mutex_lock(&s->hub.lock);
    for (vg_sse *c = s->hub.subscribers; c; c = c->nx) {
        if (c->ended)
            continue;
        if (n == cap) {
            size_t ncap = cap ? 2 * cap : 64;
            sub *g = realloc(v, ncap * sizeof *g);
            if (!g)
                break; /* the rest are checked at their next event */
            v = g;
            cap = ncap;
        }
        v[n].id = c->id;
        memcpy(v[n].token, c->token, sizeof v[n].token);
        n++;
    }
    pthread_mutex_unlock(&s->hub.lock);
    for (size_t i = 0; i < n; i++) {
        if (sse_session_live(s, v[i].token))
            continue;
        pthread_mutex_lock(&s->hub.lock);
        for (vg_sse *c = s->hub.subscribers; c; c = c->nx)
            if (c->id == v[i].id) {
                c->ended = true;
                if (c->suspended) {
                    c->suspended = false;
                    MHD_resume_connection(c->conn);
                }
            }
        pthread_mutex_unlock(&s->hub.lock);
    }
    if (v)
        sodium_memzero(v, cap * sizeof *v);
    free(v);
}

/* Every 15 s a heartbeat on the event streams (and a chance to notice closed ones);
 * every second, and at once when sessions were ended here, the streams' sessions are
 * checked and those of ended sessions closed. */
static void *heartbeat(void *arg)
{
    vg_http_daemon *h = arg;
    struct timespec tick = {0, 50 * 1000 * 1000};
    uint64_t epoch = vg_service_session_epoch(h->s.svc);
    for (unsigned ticks = 1; !h->stop_beat; ticks++) {
        nanosleep(&tick, NULL);
        if (ticks % 10 == 0 && vg_guard_sweep(h->guard))
            vg_log_debug("http: closed connections that were too slow to send their request");
        uint64_t now_epoch = vg_service_session_epoch(h->s.svc);
        if (now_epoch != epoch || ticks % 20 == 0) {
            epoch = now_epoch;
            end_dead_streams(&h->s);
        }
        if (ticks % 300 == 0) {
            pthread_mutex_lock(&h->s.hub.lock);
            h->s.hub.beat++;
            wake_all(&h->s.hub);
            pthread_mutex_unlock(&h->s.hub.lock);
        }
    }
    return NULL;
}

vg_err vg_http_start(vg_service *svc, const vg_http_options *o, vg_http_daemon **out, unsigned *port, vg_error *err)
{
    *out = NULL;
    vg_http_daemon *h = calloc(1, sizeof *h);
    if (!h)
        return vg_error_set(err, VG_ERR_NOMEM, "serve", "out of memory");
    vg_http_server *s = &h->s;
    s->svc = svc;
    s->opt = *o;
    if (!s->opt.threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        s->opt.threads = n > 0 ? (unsigned)n : 2;
    }
    struct sockaddr_in sa;
    if (!parse_listen(o->listen, &sa, err)) {
        free(h);
        return VG_ERR_USAGE;
    }
    if (!s->opt.workers) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        s->opt.workers = n >= 4 ? (unsigned)(n / 2) : 1;
    }
    s->hub.next_seq = 1; /* event ids start at 1: Last-Event-ID 0 means none */
    /* a read connection per request thread and per worker, and the audit writer */
    vg_err te = vg_service_threads(svc, (int)(s->opt.threads + s->opt.workers) + 1, err);
    if (te) {
        free(h);
        return te;
    }
    if (pthread_mutex_init(&s->hub.lock, NULL)) {
        free(h);
        return vg_error_set(err, VG_ERR_INTERNAL, "serve", "could not create a mutex");
    }
    vg_guard_options go = {s->opt.max_per_address, s->opt.behind_proxy, s->opt.header_s, s->opt.body_s};
    if (!(h->guard = vg_guard_new(&go)) || !(s->work = vg_work_start(s->opt.workers, s->opt.work_queue))) {
        vg_guard_free(h->guard);
        pthread_mutex_destroy(&s->hub.lock);
        free(h);
        return vg_error_set(err, VG_ERR_NOMEM, "serve", "could not start the workers");
    }
    h->d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG, 0, vg_guard_accept,
        h->guard, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, s->opt.threads, MHD_OPTION_CONNECTION_LIMIT, s->opt.max_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, s->opt.timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16 * 1024,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_NOTIFY_CONNECTION,
        vg_guard_notify, h->guard, MHD_OPTION_END);
    if (!h->d) {
        vg_work_free(s->work);
        vg_guard_free(h->guard);
        pthread_mutex_destroy(&s->hub.lock);
        free(h);
        return vg_error_set(err, VG_ERR_IO, o->listen, "could not listen (address in use, or not permitted)");
    }
    h->beating = pthread_create(&h->beat, NULL, heartbeat, h) == 0;
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
    *port = di ? di->port : ntohs(sa.sin_port);
    vg_log_info("vigil serve: listening on http://%s:%u/ (%u threads, %u for analyses)", inet_ntoa(sa.sin_addr), *port,
                s->opt.threads, s->opt.workers);
    *out = h;
    return VG_OK;
}

void vg_http_stop(vg_http_daemon *h)
{
    if (!h)
        return;
    h->stop_beat = true;
    if (h->beating)
        pthread_join(h->beat, NULL);
    /* end the event streams, stop accepting, let requests in flight finish */
    pthread_mutex_lock(&h->s.hub.lock);
    h->s.hub.stopping = true;
    wake_all(&h->s.hub);
    pthread_mutex_unlock(&h->s.hub.lock);
    MHD_socket ls = MHD_quiesce_daemon(h->d);
    if (ls != MHD_INVALID_SOCKET)
        close(ls);
    vg_work_drain(h->s.work); /* long requests under way finish and are answered; new ones: 503 */
    vg_service_flush(h->s.svc); /* lookups waiting for their audit entries are answered */
    struct timespec tick = {0, 50 * 1000 * 1000};
    for (int i = 0; i < 200; i++) {
        const union MHD_DaemonInfo *ci = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!ci || ci->num_connections == 0)
            break;
        nanosleep(&tick, NULL);
    }
    MHD_stop_daemon(h->d);
    vg_work_free(h->s.work); /* nothing can submit any more */
    vg_guard_free(h->guard);
    for (size_t i = 0; i < VG_HUB_EVENTS; i++)
        free(h->s.hub.ring[i].text);
    pthread_mutex_destroy(&h->s.hub.lock);
    free(h);
    vg_log_info("vigil serve: stopped");
}

vg_err vg_http_serve(vg_service *svc, const vg_http_options *o, volatile sig_atomic_t *stop, vg_error *err)
{
    vg_http_daemon *h;
    unsigned port;
    vg_err e = vg_http_start(svc, o, &h, &port, err);
    if (e)
        return e;
    if (o->on_ready)
        o->on_ready(o->ctx, port);
    struct timespec tick = {0, 50 * 1000 * 1000};
    while (!*stop)
        nanosleep(&tick, NULL);
    vg_http_stop(h);
    return VG_OK;
}
