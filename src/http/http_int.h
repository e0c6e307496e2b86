/* http_int.h - what the server and the API handlers share (http/ only). */
#ifndef VG_HTTP_INT_H
#define VG_HTTP_INT_H

#include "http/html.h"
#include "http/server.h"

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>

#define VG_HTTP_MAX_PARAMS 4

/* Events for the live queues (server-sent events): the newest VG_HUB_EVENTS, each with
 * a sequence number; subscribers are suspended connections resumed when one arrives. */
#define VG_HUB_EVENTS 512

typedef struct vg_hub_event {
    uint64_t seq;
    vg_id incident_id;
    bool briefing; /* an "incident" event: the briefing itself (its delivery is a consultation) */
    char *text; /* "id: SEQ\nevent: incident\ndata: {...}\n\n" */
    size_t len;
} vg_hub_event;

typedef struct vg_sse vg_sse;

typedef struct vg_hub {
    pthread_mutex_t lock;
    vg_hub_event ring[VG_HUB_EVENTS];
    uint64_t next_seq; /* of the next event; the ring holds [next_seq - VG_HUB_EVENTS, next_seq) */
    uint64_t beat;     /* heartbeats sent so far */
    uint64_t last_id;  /* of the newest subscriber */
    bool stopping;
    vg_sse *subscribers;
} vg_hub;

struct vg_work;

typedef struct vg_http_server {
    vg_service *svc;
    vg_http_options opt;
    vg_hub hub;
    struct vg_work *work; /* the workers for long requests (routes marked R_WORK) */
} vg_http_server;

/* Adds an event to the dispatch queue and wakes the subscribers: "incident" (a new
 * incident's briefing) or "state" (an incident's dispatch state changed: its id and
 * status only, the board fetches the rest). */
void vg_hub_publish(vg_http_server *s, vg_id incident_id, const char *event, const char *json);

typedef struct vg_http_resp {
    unsigned status;
    vg_sse *stream; /* a server-sent-event subscription to answer with */
    json_t *json; /* the body (owned) */
    char *text;   /* or the body as JSON text already (malloc'd, owned) */
    size_t text_len;
    char cookie[320];
    char location[256];       /* a redirect's target, if any */
    const char *content_type; /* NULL: JSON */
    const char *cache;        /* Cache-Control, NULL: no-store */
    char disposition[128];    /* Content-Disposition, if any (a download) */
    bool static_text;         /* text is not to be freed (an embedded asset) */
    bool deferred; /* the handler suspended the connection: the answer comes in req->later */
} vg_http_resp;

typedef struct vg_http_req {
    struct MHD_Connection *conn;
    const char *method, *path;
    char *body;
    size_t len, cap;
    bool too_large, started;
    bool begun;       /* the headers have been seen (the first call of the request handler) */
    bool bad_target;  /* the raw request target holds %00 or a control character */
    const char *param[VG_HTTP_MAX_PARAMS]; /* path parameters, in order */
    char param_buf[256];
    bool authed, via_cookie;
    bool https;   /* the client reached us over TLS (a proxy said so, or --cookie-secure): Secure cookies, HSTS */
    bool locked; /* holds the service lock (released early by handlers that render after) */
    vg_session session; /* when authed: the actor, with the request's purpose */
    char addr[48];
    bool with_map;       /* a page with a map: Leaflet in its head */
    bool wide;           /* a work list: the page uses the whole width of the screen */
    vg_http_resp later; /* the answer of a deferred request, sent once it is resumed */
    vg_err later_rc;     /* set by vg_http_resume: send this error instead */
    double suspended_at, resumed_at; /* monotonic seconds, for the log when an answer was slow */
    vg_error later_err;
    struct vg_http_server *work_srv; /* a long request handed to a worker: its server and handler */
    void (*work_fn)(struct vg_http_server *s, struct vg_http_req *r, struct vg_http_resp *out);
} vg_http_req;

/* Answers later: suspends the connection until vg_http_resume; the handler puts its
 * answer in r->later (before it returns) and returns with out->deferred set. */
void vg_http_suspend(vg_http_req *r, vg_http_resp *out);
/* From any thread, once: lets the connection go on to send r->later, or instead the
 * error e when e is set (the handler may still be writing r->later). */
void vg_http_resume(vg_http_req *r, vg_err e, const vg_error *err);

typedef void (*vg_http_handler)(vg_http_server *s, vg_http_req *r, vg_http_resp *out);

/* A subscription of the request's actor to a queue, from the event after last_seen (0:
 * from the next new one). NULL if out of memory. */
vg_sse *vg_sse_new(vg_http_server *s, vg_http_req *r, const char *queue, uint64_t last_seen);


/* Responses. */
void vg_http_json(vg_http_resp *out, unsigned status, json_t *body);
/* The HTTP status for a service error code. */
unsigned vg_http_status_of(vg_err code);
/* {"error": ..., "message": ..., "field": ...} with the status for the error code. */
void vg_http_error(vg_http_resp *out, vg_err code, const vg_error *e);
void vg_http_fail(vg_http_resp *out, unsigned status, const char *field, const char *fmt, ...) VG_PRINTF(4, 5);

/* Lets other requests use the service while this handler renders its answer: call it
 * after the handler's last service call. */
void vg_http_release(vg_http_server *s, vg_http_req *r);
/* Takes the service lock for a call that needs it, in a handler run without it (R_WORK):
 * let go with vg_http_release (the server does if the handler does not). */
void vg_http_lock(vg_http_server *s, vg_http_req *r);

/* Request helpers. */
const char *vg_http_query(vg_http_req *r, const char *key);
/* Parses the body as JSON; on failure fills out (400, naming line and column) and returns NULL. */
json_t *vg_http_body_json(vg_http_req *r, vg_http_resp *out);
/* The same, and the body must be an object. */
json_t *vg_http_body_object(vg_http_req *r, vg_http_resp *out);
/* Rejects members of obj not in `allowed` (space separated): 422 naming the first. */
bool vg_http_only_fields(json_t *obj, const char *allowed, vg_http_resp *out);
/* A path parameter as a positive id; else 404. */
bool vg_http_param_id(vg_http_req *r, int i, vg_id *id, vg_http_resp *out);

/* The API handlers (api.c). */
void vg_api_health(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_session_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_session_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_session_delete(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_incidents_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_incidents_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_incident_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_incident_receipt(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_lookup(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_person_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_location_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_cases_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_cases_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_case_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_case_share(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_case_unshare(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_report_performance(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_users_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_users_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_agencies_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_user_role(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_user_password(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_user_disable(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_user_enable(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_user_unlock(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_user_agency(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_user_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_user_requests(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_user_request_approve(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_user_request_refuse(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_audit_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_audit_verify(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
/* Sets out->stream: the server answers with an event stream instead of JSON. */
void vg_api_queue_events(vg_http_server *s, vg_http_req *r, vg_http_resp *out);


/* ---- the web UI (pages.c: the frame, sign-in, assets; pages_work.c: the screens) */

struct vg_html;
/* The page around the content: head, header with the user and sign-out, the role's
 * navigation (here: the current path, marked), the main element opened. */
void vg_page_begin(vg_http_req *r, struct vg_html *h, const char *title, const char *here);
/* A JSON object's string member, "" if absent or not a string. */
static inline const char *vg_jstr(const json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v ? v : "";
}
/* The hidden CSRF field every form of a page posts. */
void vg_page_csrf(vg_http_req *r, struct vg_html *h);
/* An ISO 8601 time from a JSON view, as vg_page_time shows it (nothing if unreadable). */
void vg_page_time_iso(struct vg_html *h, const char *iso);
/* A time as the pages show it: in UK local time with its zone ("7 Dec 2026 14:05 GMT",
 * "1 Jul 2014 09:30 BST"), or the date alone; in a <time> element giving it in UTC. */
void vg_page_time(struct vg_html *h, vg_time t, bool minutes);
/* A date "YYYY-MM-DD" (a time after it is ignored) as people read it, "1 Nov 1956";
 * nothing if it is not one. */
void vg_page_day(struct vg_html *h, const char *iso);
/* A party to an incident or crime, as the service gives it (vg_party_json): "Victim: " and
 * the person's name and date of birth, a link to them for a reader who may read persons. */
void vg_page_party(struct vg_html *h, const vg_actor *a, const json_t *party);
/* A count with thousands separators ("8,339"). */
void vg_page_count(struct vg_html *h, int64_t n);
/* A form group's opening <div>, marked as in error when field is the one in error
 * (error_field; NULL: none); and, after its label, the error in words. */
void vg_page_group(struct vg_html *h, const char *error_field, const char *field);
void vg_page_field_error(struct vg_html *h, const char *error_field, const char *field, const char *why);
/* A date field: the browser's own date picker (which sends yyyy-mm-dd; the server reads
 * dd/mm/yyyy too, from browsers without one). A value that is a date is shown as the picker
 * wants it; one that is not stays as typed in a plain field, so the error beside it shows
 * what was typed. described_by names the hint's id (NULL: none). */
void vg_page_date_input(struct vg_html *h, const char *id, const char *name, const char *value,
                        const char *described_by, bool error);
/* Whether a form's error is the user's to put right (bad input, a conflict, a record
 * gone): then msg holds "where: why" for the form shown again. */
#define VG_PAGE_PROBLEM_MAX 800
bool vg_page_form_problem(vg_err e, const vg_error *err, char *msg, size_t n);
/* A form field's name as its label reads ("offence_code" -> "Home Office offence code"),
 * for a problem said in words; the name itself if it has no label here. */
const char *vg_page_field_label(const char *field);
/* "Label: why" of a field's problem, in msg. */
void vg_page_field_problem(const char *field, const char *why, char *msg, size_t n);
/* The error summary at the top of a form (linking to the field's id, if any), and a
 * "done" banner. */
void vg_page_problem(struct vg_html *h, const char *field, const char *text);
void vg_page_notice(struct vg_html *h, const char *text);
/* One row of a govuk summary list (both escaped). */
void vg_page_summary_row(struct vg_html *h, const char *key, const char *value);
/* Closes the frame and makes it the response with this status. */
void vg_page_end(vg_http_resp *out, struct vg_html *h, unsigned status);
/* An error page (in the frame when signed in). */
void vg_page_fail(vg_http_req *r, vg_http_resp *out, unsigned status, const char *message);
/* The error page for a service error. */
void vg_page_error(vg_http_req *r, vg_http_resp *out, vg_err e, const vg_error *err);
/* The view of the record named by the path's id (`what`: "incident", ...) from a
 * service view function, or NULL with the error page in out. */
typedef vg_err (*vg_page_view_fn)(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err);
json_t *vg_page_view(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const char *what, vg_page_view_fn fn);
/* out->location = /login?next=PATH (PATH percent-encoded). */
void vg_page_login_location(vg_http_resp *out, const char *path);
/* A 303 to location. */
void vg_page_redirect(vg_http_resp *out, const char *fmt, ...) VG_PRINTF(2, 3);
/* Records incidents from the JSON text (as POST /api/incidents does) and publishes each
 * briefing to the dispatch queue; b gets n briefings (caller frees). */
vg_err vg_http_record(vg_http_server *s, vg_http_req *r, const char *json, size_t len, vg_briefing **b, size_t *n,
                      vg_error *err) VG_MUST_CHECK;

void vg_page_asset(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_login(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_login_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_logout(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_home(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_call_new(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_call_briefing(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_call_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_queue(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_search(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_location(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_search(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_queue_cards(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_dispatch_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_incident_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
/* Tells every open dispatch board that an incident changed (a "state" event). */
void vg_http_incident_changed(vg_http_server *s, vg_id incident, const vg_dispatch_state *st);
/* The one list component (list.c): the list as a page at the view's path (its filters,
 * total, sorting headers, keyset pages, a link to its CSV); the list's CSV is
 * /export/{name} (vg_page_export, a worker's request). */
extern const char vg_list_params[]; /* the parameters a list reads */
/* after a field's label: the field must be filled in (the form still posts without it and
 * is answered with what is missing, in words) */
#define VG_REQUIRED " <span class=\"vg-required\">(required)</span>"

typedef struct vg_list_view {
    const char *path, *here, *intro;
    /* writes what the page shows above the list (NULL: nothing) */
    void (*top)(vg_http_server *s, vg_http_req *r, struct vg_html *h);
    /* writes the page's rows its own way instead of the table (NULL: the table) */
    void (*rows)(vg_http_req *r, struct vg_html *h, const json_t *rows, const void *ctx);
    const char *notice; /* what was just done (a form's answer), or its problem when error */
    bool error;
    unsigned status;    /* 0: 200 */
    /* writes one more cell at the end of each row of the table (a row's form; NULL: none),
     * its header said to screen readers only; back is this list's address with its filters
     * and order (attribute-escaped), for a form to come back to */
    void (*row_end)(vg_http_req *r, struct vg_html *h, const json_t *row, const char *back, const void *ctx);
    const char *row_end_label;
    const void *ctx; /* what the page gives rows and row_end (a form's typed text; NULL: nothing) */
} vg_list_view;
void vg_page_list(vg_http_server *s, vg_http_req *r, vg_http_resp *out, vg_list_kind kind, const vg_list_view *v);
void vg_api_list(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_export(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_crimes(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_history(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_actions(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_case_share_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_case_note_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_case_new(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_case_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_case_unshare_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_users(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_admin_user(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_admin_user_change(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_dispatch_board(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_incident_log_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_incidents(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_incident(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_person(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_crime(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_cases(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_audit(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_admin(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_admin_user_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_admin_agency_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_admin_request(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_map(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_map_data(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_performance(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_review(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
/* The areas of vg_service_areas as a select named "area": local authorities with their
 * neighbourhoods (and "the whole force"), or only the neighbourhoods. */
void vg_page_area_select(vg_html *h, const json_t *areas, long chosen, bool neighbourhoods_only);
void vg_page_tasking(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_areas_get(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_area_briefing(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_area_actions_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_action_close(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_person_reviews(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_person_review(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_person_decision_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_person_decision_undo(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_person_decision_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_person_decision_undo(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_person_decisions(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_repeats(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_trends(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_api_near_repeat(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_tasking_add(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_tasking_close(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_review_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_victims(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_victims_met(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_case(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_case_action_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out);
void vg_page_action_done(vg_http_server *s, vg_http_req *r, vg_http_resp *out);

#endif
