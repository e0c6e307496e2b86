/* pages_incident.c - the control room's screens: the dispatch board (the dispatcher's
 * start page: one card per open incident, by grade then waiting, kept current by the
 * live queue), and an incident with its log, where it is updated, re-graded, closed or
 * cancelled. Every form posts to the same use cases as the API and the command line;
 * a refused form is shown again with what was typed. */
#include "base/alloc.h"
#include "base/str.h"
#include "domain/dispatch.h"
#include "http/html.h"
#include "http/http_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACTOR (&r->session.actor)
#define BOARD_MAX 200 /* cards on one board; the board says how many more there are */

static void waiting(vg_html *h, long long minutes)
{
    if (minutes < 60)
        vg_h_fmt(h, "%lld min", minutes);
    else if (minutes < 48 * 60)
        vg_h_fmt(h, "%lld h %02lld min", minutes / 60, minutes % 60);
    else
        vg_h_fmt(h, "%lld days", minutes / (24 * 60));
}

/* What a refused form asked for, to show it again. */
typedef struct kept {
    vg_id incident;
    const char *field, *error;
    char field_buf[32];
    char unit[VG_MAX_CODE + 1];
    char text[VG_MAX_NOTE + 1];
    char action[16], choice[32];
} kept;

/* ---- the dispatch board */

static void card_html(vg_http_req *r, vg_html *h, const json_t *c, const kept *k)
{
    long long id = (long long)json_integer_value(json_object_get(c, "id"));
    const json_t *st = json_object_get(c, "state");
    const char *status = vg_jstr(st, "status");
    bool mine = k && k->incident == id;
    vg_h_fmt(h, "<section class=\"vg-card vg-card--%s\" id=\"incident-%lld\" aria-labelledby=\"incident-%lld-title\">",
             vg_jstr(c, "thrive"), id, id);
    vg_h_fmt(h, "<h2 class=\"govuk-heading-s vg-card__title\" id=\"incident-%lld-title\">"
                "<a class=\"govuk-link\" href=\"/incidents/%lld\">",
             id, id);
    vg_h_text(h, vg_jstr(c, "reference"));
    vg_h_raw(h, "</a> <strong class=\"vg-grade\">");
    vg_h_text(h, vg_jstr(c, "thrive_label"));
    vg_h_raw(h, "</strong> <span class=\"govuk-body-s\">waiting ");
    waiting(h, (long long)json_integer_value(json_object_get(c, "waiting_minutes")));
    vg_h_raw(h, ", received ");
    vg_page_time_iso(h, vg_jstr(c, "received"));
    vg_h_raw(h, "</span></h2>\n<p class=\"govuk-body vg-card__address\">");
    vg_h_text(h, vg_jstr(c, "address"));
    vg_h_raw(h, "</p>\n<p class=\"govuk-body-s\">");
    vg_h_text(h, vg_jstr(c, "category_label"));
    if (*vg_jstr(c, "what")) {
        vg_h_raw(h, ": ");
        vg_h_text(h, vg_jstr(c, "what"));
    }
    vg_h_raw(h, "</p>\n");
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(c, "flags"), i, x) {
        vg_h_raw(h, strcmp(json_string_value(x), "Repeat location") ? "<strong class=\"vg-flag\">"
                                                                      : "<strong class=\"vg-flag vg-flag--warning\">");
        vg_h_text(h, json_string_value(x));
        vg_h_raw(h, "</strong> ");
    }
    if (json_array_size(json_object_get(c, "people"))) {
        vg_h_raw(h, "<ul class=\"govuk-list vg-card__people\">");
        json_array_foreach(json_object_get(c, "people"), i, x) {
            vg_h_raw(h, "<li>");
            vg_h_textf(h, "%s: %s%s", vg_jstr(x, "role"), vg_jstr(x, "name"),
                       json_is_true(json_object_get(x, "new_to_us")) ? " (new to us)" : "");
            vg_h_raw(h, "</li>");
        }
        vg_h_raw(h, "</ul>\n");
    }
    if (json_array_size(json_object_get(c, "facts"))) {
        vg_h_raw(h, "<ul class=\"govuk-list govuk-list--bullet govuk-body-s\">");
        json_array_foreach(json_object_get(c, "facts"), i, x) {
            vg_h_raw(h, "<li>");
            vg_h_text(h, json_string_value(x));
            vg_h_raw(h, "</li>");
        }
        vg_h_raw(h, "</ul>\n");
    }
    /* the state */
    vg_h_raw(h, "<p class=\"govuk-body vg-card__state\"><strong>");
    vg_h_text(h, vg_jstr(st, "status_label"));
    if (*vg_jstr(st, "unit")) {
        vg_h_raw(h, ": ");
        vg_h_text(h, vg_jstr(st, "unit"));
    }
    vg_h_raw(h, "</strong>");
    const json_t *ack = json_object_get(st, "acknowledged");
    if (json_is_object(ack)) {
        vg_h_raw(h, ". Acknowledged by ");
        vg_h_text(h, vg_jstr(ack, "by"));
        vg_h_raw(h, " at ");
        vg_page_time_iso(h, vg_jstr(ack, "at"));
    } else {
        vg_h_raw(h, ". Not acknowledged yet");
    }
    vg_h_raw(h, ".</p>\n");
    if (mine && k->error)
        vg_page_problem(h, k->field && *k->field ? k->field : NULL, k->error);
    if (!vg_actor_can(ACTOR, VG_PERM_DISPATCH)) {
        vg_h_raw(h, "</section>\n");
        return;
    }
    /* the dispatcher's steps: acknowledge, assign, at scene */
    vg_h_raw(h, "<div class=\"vg-card__actions\">");
    if (!json_is_object(ack)) {
        vg_h_fmt(h, "<form method=\"post\" action=\"/incidents/%lld/dispatch\" class=\"vg-inline\">", id);
        vg_page_csrf(r, h);
        vg_h_raw(h, "<input type=\"hidden\" name=\"action\" value=\"ack\"><button type=\"submit\" "
                    "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Acknowledge</button></form>");
    }
    vg_h_fmt(h, "<form method=\"post\" action=\"/incidents/%lld/dispatch\" class=\"vg-inline\">", id);
    vg_page_csrf(r, h);
    vg_h_fmt(h, "<input type=\"hidden\" name=\"action\" value=\"assign\"><label class=\"govuk-label govuk-label--s\" "
                "for=\"unit-%lld\">Officer or unit</label><input class=\"govuk-input govuk-input--width-10\" "
                "id=\"unit-%lld\" name=\"unit\" type=\"text\" list=\"officers\" spellcheck=\"false\" "
                "autocomplete=\"off\" value=\"",
             id, id);
    vg_h_text(h, mine ? k->unit : "");
    vg_h_fmt(h, "\"> <button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
                "%s</button></form>",
             *vg_jstr(st, "unit") ? "Reassign" : "Assign");
    if (strcmp(status, "assigned") == 0 || strcmp(status, "at_scene") == 0) {
        bool at = strcmp(status, "at_scene") == 0;
        vg_h_fmt(h, "<form method=\"post\" action=\"/incidents/%lld/dispatch\" class=\"vg-inline\">", id);
        vg_page_csrf(r, h);
        vg_h_fmt(h, "<input type=\"hidden\" name=\"action\" value=\"status\"><input type=\"hidden\" name=\"status\" "
                    "value=\"%s\"><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                    "data-module=\"govuk-button\">%s</button></form>",
                 at ? "awaiting" : "at_scene", at ? "Stand down (awaiting a unit)" : "At scene");
    }
    vg_h_fmt(h, "<a class=\"govuk-link\" href=\"/incidents/%lld#log\">Update, re-grade or close</a></div>", id);
    vg_h_raw(h, "</section>\n");
}

static void cards_html(vg_http_req *r, vg_html *h, const json_t *board, const kept *k)
{
    long long total = (long long)json_integer_value(json_object_get(board, "total"));
    long long shown = (long long)json_integer_value(json_object_get(board, "shown"));
    vg_h_raw(h, "<p class=\"govuk-body\" id=\"board-total\"><strong>");
    vg_page_count(h, total);
    vg_h_fmt(h, "</strong> open incident%s to send someone to", total == 1 ? "" : "s");
    if (shown < total) { /* the rest: every open incident, on the list */
        vg_h_fmt(h, "; the first %lld shown by grade and waiting time (", shown);
        vg_page_count(h, total - shown);
        vg_h_raw(h, " more: <a class=\"govuk-link\" href=\"/incidents?status=open\">every open incident</a>)");
    }
    vg_h_raw(h, ".</p>\n");
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(board, "incidents"), i, c)
        card_html(r, h, c, k);
}

static void board_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const kept *k, unsigned status)
{
    json_t *board = NULL;
    vg_error err;
    vg_err e = vg_service_dispatch_board(s->svc, ACTOR, BOARD_MAX, &board, &err);
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_html h = {0};
    vg_page_begin(r, &h, "Dispatch board", "/queue");
    bool on_board = false; /* the card the problem belongs to, if it is still there */
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(board, "incidents"), i, c)
        on_board = on_board || (k && json_integer_value(json_object_get(c, "id")) == k->incident);
    if (k && k->error && !on_board)
        vg_page_problem(&h, NULL, k->error);
    vg_h_raw(&h, "<p class=\"govuk-body\">Every open incident graded to send someone, the most urgent first and then "
                 "the longest waiting. Calls not yet graded, and those resolved without sending anyone, are not "
                 "here.</p>\n<p class=\"govuk-body-s\" id=\"queue-status\" role=\"status\">Connecting to the live "
                 "queue...</p>\n<div id=\"board\" data-stream=\"/api/queues/dispatch/events\" "
                 "data-src=\"/queue/cards\">\n");
    cards_html(r, &h, board, k);
    vg_h_raw(&h, "</div>\n");
    json_decref(board);
    /* the officer fields' picker: the force's active response officers (a unit's call
     * sign can still be typed) */
    enum { MAX_OFFICERS = 2000 };
    bool dispatches = vg_actor_can(ACTOR, VG_PERM_DISPATCH); /* the others see the board, not the forms */
    vg_user *users = dispatches ? vg_malloc(MAX_OFFICERS * sizeof *users) : NULL;
    size_t nu = 0;
    if (!users || vg_service_dispatchable_officers(s->svc, ACTOR, users, MAX_OFFICERS, &nu, &err))
        nu = 0;
    if (dispatches)
        vg_h_raw(&h, "<datalist id=\"officers\">");
    for (size_t k2 = 0; k2 < nu; k2++) {
        vg_h_raw(&h, "<option value=\"");
        vg_h_text(&h, users[k2].username);
        vg_h_raw(&h, "\">");
        vg_h_text(&h, vg_user_role_label(users[k2].role));
        vg_h_raw(&h, "</option>");
    }
    if (dispatches)
        vg_h_raw(&h, "</datalist>\n");
    vg_free(users);
    vg_page_end(out, &h, status);
}

void vg_page_queue(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { board_page(s, r, out, NULL, 200); }

/* The cards alone, for the board's script to put in place when the live queue says
 * something changed. */
void vg_page_queue_cards(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *board = NULL;
    vg_error err;
    vg_err e = vg_service_dispatch_board(s->svc, ACTOR, BOARD_MAX, &board, &err);
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_html h = {0};
    cards_html(r, &h, board, NULL);
    json_decref(board);
    out->text = vg_h_finish(&h, &out->text_len);
    if (!out->text) {
        vg_http_fail(out, 500, NULL, "out of memory");
        return;
    }
    out->status = 200;
    out->content_type = "text/html; charset=utf-8";
}

/* Publishes a changed incident to every open board. */
void vg_http_incident_changed(vg_http_server *s, vg_id incident, const vg_dispatch_state *st)
{
    char json[160];
    snprintf(json, sizeof json, "{\"incident_id\":%lld,\"status\":\"%s\"}", (long long)incident,
             vg_dispatch_status_name(st->status));
    vg_hub_publish(s, incident, "state", json);
}

/* The field with the problem: prefix and the incident's id ("unit-12"), none if "". */
static void kept_field(kept *k, const char *prefix, int64_t id)
{
    if (*prefix) {
        snprintf(k->field_buf, sizeof k->field_buf, "%s%lld", prefix, (long long)id);
        k->field = k->field_buf;
    }
}

typedef void (*page_fn)(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const kept *k, unsigned status);

/* Applies a change asked for by a form (unless the form was refused already: e), then
 * back where it was made; or that page again with the problem and what was typed. */
static void apply(vg_http_server *s, vg_http_req *r, vg_http_resp *out, int64_t id, const vg_incident_change *c,
                  vg_err e, vg_error *err, kept *k, const char *back, page_fn again)
{
    vg_dispatch_state st;
    if (!e)
        e = vg_service_incident_change(s->svc, ACTOR, id, c, &st, err);
    if (!e) {
        vg_http_incident_changed(s, id, &st);
        vg_page_redirect(out, "%s", back);
        return;
    }
    char msg[VG_PAGE_PROBLEM_MAX];
    if (!vg_page_form_problem(e, err, msg, sizeof msg)) {
        vg_page_error(r, out, e, err);
        return;
    }
    k->incident = id;
    k->error = msg;
    /* the field the service named, as the form calls it */
    if (strcmp(err->where, "thrive") == 0)
        k->field = "grade-thrive";
    else if (strcmp(err->where, "closure") == 0)
        k->field = "close-code";
    else if (strcmp(err->where, "unit") == 0)
        kept_field(k, "unit-", id);
    again(s, r, out, k, e == VG_ERR_CONFLICT ? 409 : 422);
}

void vg_page_dispatch_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    kept k;
    memset(&k, 0, sizeof k);
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    vg_form_text(&f, "action", VG_LIM_CODE, k.action, sizeof k.action);
    vg_form_text(&f, "unit", VG_LIM_CODE, k.unit, sizeof k.unit);
    vg_form_text(&f, "status", VG_LIM_CODE, k.choice, sizeof k.choice);
    vg_incident_change c = {.kind = VG_EK_COUNT, .status = VG_DS_COUNT, .closure = VG_CL_COUNT};
    vg_error err;
    vg_err e = VG_OK;
    int64_t id = 0;
    if (!vg_str_to_i64(vg_str_c(r->param[0]), &id) || id < 1)
        e = vg_error_set(&err, VG_ERR_NOT_FOUND, "incident", "no such incident");
    else if (f.failed)
        e = vg_form_error(&f, &err);
    else if (strcmp(k.action, "ack") == 0)
        c.kind = VG_EK_ACKNOWLEDGE;
    else if (strcmp(k.action, "assign") == 0) {
        c.kind = VG_EK_ASSIGN;
        c.unit = k.unit;
    } else if (strcmp(k.action, "status") == 0 && vg_dispatch_status_parse(k.choice, &c.status))
        c.kind = VG_EK_STATUS;
    else
        e = vg_error_set(&err, VG_ERR_INVALID_INPUT, "action", "choose acknowledge, assign or a status");
    kept_field(&k, c.kind == VG_EK_ASSIGN ? "unit-" : "", id);
    char back[64];
    snprintf(back, sizeof back, "/queue#incident-%lld", (long long)id);
    apply(s, r, out, id, &c, e, &err, &k, back, board_page);
}

/* ---- an incident */

static void entry_html(vg_html *h, const json_t *en)
{
    vg_h_raw(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
    vg_page_time_iso(h, vg_jstr(en, "at"));
    vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
    vg_h_text(h, vg_jstr(en, "by"));
    vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
    const char *kind = vg_jstr(en, "kind");
    vg_thrive a, b;
    if (strcmp(kind, "grade") == 0 && vg_thrive_parse(vg_jstr(en, "thrive_was"), &a) && vg_thrive_parse(vg_jstr(en, "thrive"), &b))
        vg_h_textf(h, "Re-graded from %s to %s", vg_thrive_label(a), vg_thrive_label(b));
    else if (strcmp(kind, "acknowledge") == 0)
        vg_h_raw(h, "Acknowledged by the control room");
    else if (strcmp(kind, "assign") == 0)
        vg_h_textf(h, "Assigned to %s", vg_jstr(en, "unit"));
    else if (strcmp(kind, "status") == 0) {
        vg_dispatch_status ds;
        vg_h_textf(h, "Status: %s", vg_dispatch_status_parse(vg_jstr(en, "status"), &ds) ? vg_dispatch_status_label(ds) : "");
    } else if (strcmp(kind, "close") == 0 || strcmp(kind, "cancel") == 0)
        vg_h_textf(h, "Closed: %s", vg_jstr(en, "closure_label"));
    else
        vg_h_raw(h, "Update");
    if (*vg_jstr(en, "text")) {
        vg_h_raw(h, "<br><span class=\"vg-pre\">");
        vg_h_text(h, vg_jstr(en, "text"));
        vg_h_raw(h, "</span>");
    }
    vg_h_raw(h, "</td></tr>");
}

static void textarea(vg_html *h, const char *id, const char *label, const char *hint, const char *value,
                     const kept *k)
{
    bool bad = k && k->field && strcmp(k->field, id) == 0;
    vg_h_fmt(h, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"%s\">", bad ? " govuk-form-group--error" : "", id);
    vg_h_text(h, label);
    vg_h_raw(h, "</label>");
    if (hint) {
        vg_h_raw(h, "<div class=\"govuk-hint\">");
        vg_h_text(h, hint);
        vg_h_raw(h, "</div>");
    }
    if (bad && k->error) { /* the problem beside the field, without the field's internal name */
        const char *colon = strstr(k->error, ": ");
        vg_page_field_error(h, k->field, id, colon ? colon + 2 : k->error);
    }
    vg_h_fmt(h, "<textarea class=\"govuk-textarea%s\" id=\"%s\" name=\"text\" rows=\"3\">", bad ? " govuk-textarea--error" : "", id);
    vg_h_text(h, value);
    vg_h_raw(h, "</textarea></div>");
}

/* The forms of the incident's log, each keeping what was typed if it was refused. */
static void log_forms(vg_http_req *r, vg_html *h, long long id, const char *thrive, const kept *k)
{
    const char *act = k ? k->action : "";
    vg_h_raw(h, "<h2 class=\"govuk-heading-m\">Add to the log</h2>\n");
    /* an update */
    vg_h_fmt(h, "<form method=\"post\" action=\"/incidents/%lld/log\" novalidate>", id);
    vg_page_csrf(r, h);
    vg_h_raw(h, "<input type=\"hidden\" name=\"action\" value=\"update\">");
    textarea(h, "update-text", "Update", "What was learnt or done", strcmp(act, "update") == 0 ? k->text : "", k);
    vg_h_raw(h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add the update</button></form>\n");
    /* re-grade */
    vg_h_fmt(h, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\"><span "
                "class=\"govuk-details__summary-text\">Re-grade</span></summary><div class=\"govuk-details__text\">",
             strcmp(act, "grade") == 0 ? " open" : "");
    vg_h_fmt(h, "<form method=\"post\" action=\"/incidents/%lld/log\" novalidate>", id);
    vg_page_csrf(r, h);
    vg_h_raw(h, "<input type=\"hidden\" name=\"action\" value=\"grade\"><div class=\"govuk-form-group\"><label "
                "class=\"govuk-label\" for=\"grade-thrive\">New grade</label><select class=\"govuk-select\" "
                "id=\"grade-thrive\" name=\"choice\">");
    const char *chosen = strcmp(act, "grade") == 0 ? k->choice : "";
    for (int t = VG_THRIVE_IMMEDIATE; t < VG_THRIVE_COUNT; t++) {
        if (strcmp(vg_thrive_name((vg_thrive)t), thrive) == 0)
            continue;
        vg_h_fmt(h, "<option value=\"%s\"%s>", vg_thrive_name((vg_thrive)t),
                 strcmp(chosen, vg_thrive_name((vg_thrive)t)) == 0 ? " selected" : "");
        vg_h_text(h, vg_thrive_label((vg_thrive)t));
        vg_h_raw(h, "</option>");
    }
    vg_h_raw(h, "</select></div>");
    textarea(h, "grade-text", "Why the grade changes", NULL, strcmp(act, "grade") == 0 ? k->text : "", k);
    vg_h_raw(h, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
                "Re-grade</button></form></div></details>\n");
    /* close */
    vg_h_fmt(h, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\"><span "
                "class=\"govuk-details__summary-text\">Close the incident</span></summary><div class=\"govuk-details__text\">",
             strcmp(act, "close") == 0 ? " open" : "");
    vg_h_fmt(h, "<form method=\"post\" action=\"/incidents/%lld/log\" novalidate>", id);
    vg_page_csrf(r, h);
    vg_h_raw(h, "<input type=\"hidden\" name=\"action\" value=\"close\"><div class=\"govuk-form-group\"><label "
                "class=\"govuk-label\" for=\"close-code\">Closure code</label><select class=\"govuk-select\" "
                "id=\"close-code\" name=\"choice\"><option value=\"\">Choose</option>");
    chosen = strcmp(act, "close") == 0 ? k->choice : "";
    for (int c = 0; c < VG_CL_CANCELLED; c++) {
        vg_h_fmt(h, "<option value=\"%s\"%s>", vg_closure_name((vg_closure)c),
                 strcmp(chosen, vg_closure_name((vg_closure)c)) == 0 ? " selected" : "");
        vg_h_text(h, vg_closure_label((vg_closure)c));
        vg_h_raw(h, "</option>");
    }
    vg_h_raw(h, "</select></div>");
    textarea(h, "close-text", "Closing note (optional)", NULL, strcmp(act, "close") == 0 ? k->text : "", k);
    vg_h_raw(h, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
                "Close the incident</button></form></div></details>\n");
    /* cancel */
    vg_h_fmt(h, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\"><span "
                "class=\"govuk-details__summary-text\">Cancel a mistaken call</span></summary><div class=\"govuk-details__text\">"
                "<p class=\"govuk-body\">The call stays on record, closed as cancelled with your reason.</p>",
             strcmp(act, "cancel") == 0 ? " open" : "");
    vg_h_fmt(h, "<form method=\"post\" action=\"/incidents/%lld/log\" novalidate>", id);
    vg_page_csrf(r, h);
    vg_h_raw(h, "<input type=\"hidden\" name=\"action\" value=\"cancel\">");
    textarea(h, "cancel-text", "Why the call is cancelled", NULL, strcmp(act, "cancel") == 0 ? k->text : "", k);
    vg_h_raw(h, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">"
                "Cancel the call</button></form></div></details>\n");
}

static void incident_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const kept *k, unsigned status)
{
    json_t *v = vg_page_view(s, r, out, "incident", vg_service_incident_view);
    if (!v)
        return;
    long long id = (long long)json_integer_value(json_object_get(v, "id"));
    char title[96];
    snprintf(title, sizeof title, "Incident %s", vg_jstr(v, "reference"));
    vg_html h = {0};
    vg_page_begin(r, &h, title, "/incidents");
    if (k && k->error)
        vg_page_problem(&h, k->field, k->error);
    const json_t *st = json_object_get(v, "dispatch");
    bool closed = json_is_string(json_object_get(v, "closed"));
    vg_h_raw(&h, "<dl class=\"govuk-summary-list\">");
    vg_h_raw(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Received</dt>"
                 "<dd class=\"govuk-summary-list__value\">");
    vg_page_time_iso(&h, vg_jstr(v, "received"));
    vg_h_raw(&h, "</dd></div>");
    vg_category c;
    vg_page_summary_row(&h, "Category", vg_category_parse(vg_jstr(v, "category"), &c) ? vg_category_label(c) : vg_jstr(v, "category"));
    vg_page_summary_row(&h, "How it came in", vg_jstr(v, "channel"));
    vg_thrive th;
    vg_page_summary_row(&h, "THRIVE grade", vg_thrive_parse(vg_jstr(v, "thrive"), &th) ? vg_thrive_label(th) : vg_jstr(v, "thrive"));
    vg_page_summary_row(&h, "Where", *vg_jstr(v, "address") ? vg_jstr(v, "address") : "no fixed location");
    vg_page_summary_row(&h, "What happened", vg_jstr(v, "description"));
    char state[200];
    if (closed)
        snprintf(state, sizeof state, "Closed: %s", *vg_jstr(st, "closure_label") ? vg_jstr(st, "closure_label") : "closed");
    else
        snprintf(state, sizeof state, "%s%s%s", vg_jstr(st, "status_label"), *vg_jstr(st, "unit") ? ": " : "", vg_jstr(st, "unit"));
    vg_page_summary_row(&h, "Dispatch", state);
    vg_h_raw(&h, "</dl>\n");
    /* the place: its page (every incident there), and a case about it from here */
    long long place = (long long)json_integer_value(json_object_get(v, "location_id"));
    if (place > 0 && vg_actor_can(ACTOR, VG_PERM_LOCATION_READ)) {
        vg_h_fmt(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" id=\"the-place\" href=\"/locations/%lld\">The place "
                     "and every incident there</a>",
                 place);
        if (vg_actor_can(ACTOR, VG_PERM_CASE_CREATE) && ACTOR->police)
            vg_h_fmt(&h, " &middot; <a class=\"govuk-link\" id=\"open-case\" href=\"/cases/new?location=%lld\">Open a "
                         "safety-net case about this place</a>",
                     place);
        vg_h_raw(&h, "</p>\n");
    }
    /* the log: received, every entry, the crime recorded from it */
    vg_h_raw(&h, "<h2 class=\"govuk-heading-m\" id=\"log\">Log</h2>\n<table class=\"govuk-table\"><thead "
                 "class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">"
                 "When</th><th scope=\"col\" class=\"govuk-table__header\">Who</th><th scope=\"col\" "
                 "class=\"govuk-table__header\">What</th></tr></thead><tbody class=\"govuk-table__body\">"
                 "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
    vg_page_time_iso(&h, vg_jstr(v, "received"));
    vg_h_raw(&h, "</td><td class=\"govuk-table__cell\"></td><td class=\"govuk-table__cell\">The call was received and "
                 "the first-contact briefing made</td></tr>");
    size_t i;
    json_t *en;
    json_array_foreach(json_object_get(v, "log"), i, en)
        entry_html(&h, en);
    vg_h_raw(&h, "</tbody></table>\n");
    const json_t *brief = json_object_get(v, "briefing");
    json_int_t crime = json_integer_value(json_object_get(brief, "crime_id"));
    if (crime)
        vg_h_fmt(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/crimes/%lld\">The crime recorded from "
                     "it</a></p>\n",
                 (long long)crime);
    if (vg_actor_can(ACTOR, VG_PERM_INCIDENT_UPDATE)) {
        if (closed) { /* a closed incident takes updates only */
            vg_h_fmt(&h, "<form method=\"post\" action=\"/incidents/%lld/log\" novalidate>", id);
            vg_page_csrf(r, &h);
            vg_h_raw(&h, "<input type=\"hidden\" name=\"action\" value=\"update\">");
            textarea(&h, "update-text", "Add an update", "The incident is closed; an update is still kept in its log",
                     k && strcmp(k->action, "update") == 0 ? k->text : "", k);
            vg_h_raw(&h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add the update"
                         "</button></form>\n");
        } else {
            log_forms(r, &h, id, vg_jstr(v, "thrive"), k);
        }
    }
    /* the people and the place, as the briefing at the call found them */
    const json_t *people = json_object_get(brief, "people");
    vg_h_raw(&h, "<h2 class=\"govuk-heading-m\">People</h2>\n");
    if (!json_array_size(json_object_get(v, "people")))
        vg_h_raw(&h, "<p class=\"govuk-body\">No one was named.</p>\n");
    json_t *p;
    json_array_foreach(json_object_get(v, "people"), i, p) {
        long long pid = (long long)json_integer_value(json_object_get(p, "person_id"));
        const json_t *b = NULL; /* this person's part of the briefing made at the call */
        for (size_t j = 0; j < json_array_size(people); j++)
            if (json_integer_value(json_object_get(json_array_get(people, j), "person_id")) == pid)
                b = json_array_get(people, j);
        /* the name the briefing gave (the person's, from records open to all; or as typed
         * for someone new), never a candidate that was not taken */
        const json_t *m = json_object_get(b, "matched");
        char name[256];
        if (*vg_jstr(b, "name"))
            snprintf(name, sizeof name, "%s", vg_jstr(b, "name"));
        else if (m && json_integer_value(json_object_get(m, "person_id")) == pid)
            snprintf(name, sizeof name, "%s %s", vg_jstr(m, "given_names"), vg_jstr(m, "family_name"));
        else if (*vg_jstr(p, "family_name")) /* the person's own record, for a reader who may read persons */
            snprintf(name, sizeof name, "%s %s", vg_jstr(p, "given_names"), vg_jstr(p, "family_name"));
        else
            snprintf(name, sizeof name, "the person named");
        vg_h_raw(&h, "<div class=\"vg-queue__item\"><h3 class=\"govuk-heading-s\">");
        vg_role role;
        vg_h_textf(&h, "%s: ", vg_role_parse(vg_jstr(p, "role"), &role) ? vg_role_label(role) : vg_jstr(p, "role"));
        if (vg_actor_can(ACTOR, VG_PERM_PERSON_READ)) {
            vg_h_fmt(&h, "<a class=\"govuk-link\" href=\"/persons/%lld\">", pid);
            vg_h_text(&h, name);
            vg_h_raw(&h, "</a>");
        } else {
            vg_h_text(&h, name);
        }
        if (b)
            vg_h_raw(&h, json_is_true(json_object_get(b, "new_person")) ? " (new to us at the call)" : "");
        vg_h_raw(&h, "</h3>");
        if (json_is_true(json_object_get(b, "repeat_victim")))
            vg_h_raw(&h, "<strong class=\"vg-flag\">Repeat victim</strong>");
        if (json_is_true(json_object_get(b, "vulnerable")))
            vg_h_raw(&h, "<strong class=\"vg-flag\">Vulnerable</strong>");
        const json_t *reasons = json_object_get(b, "reasons");
        if (json_array_size(reasons)) {
            vg_h_raw(&h, "<ul class=\"govuk-list govuk-list--bullet\">");
            size_t j;
            json_t *why;
            json_array_foreach(reasons, j, why) {
                vg_h_raw(&h, "<li>");
                vg_h_text(&h, json_string_value(why));
                vg_h_raw(&h, "</li>");
            }
            vg_h_raw(&h, "</ul>");
        }
        vg_h_raw(&h, "</div>\n");
    }
    const json_t *loc = json_object_get(brief, "location");
    if (json_is_object(loc)) {
        long long prior = (long long)json_integer_value(json_object_get(loc, "prior_incidents_12m"));
        vg_h_raw(&h, "<h2 class=\"govuk-heading-m\">Place</h2>\n<p class=\"govuk-body\">");
        vg_h_textf(&h, "%s: %lld earlier incident%s there in the 12 months before the call.",
                   *vg_jstr(v, "address") ? vg_jstr(v, "address") : "The place", prior, prior == 1 ? "" : "s");
        vg_h_raw(&h, "</p>");
        if (json_is_true(json_object_get(loc, "repeat_location")))
            vg_h_raw(&h, "<strong class=\"vg-flag vg-flag--warning\">Repeat location</strong>\n");
    }
    if (vg_actor_can(ACTOR, VG_PERM_QUEUE) && !closed)
        vg_h_fmt(&h, "<p class=\"govuk-body\"><button type=\"button\" class=\"govuk-button govuk-button--secondary\" "
                     "data-module=\"govuk-button\" data-ack=\"%lld\">Acknowledge the briefing</button></p>\n",
                 id);
    json_decref(v);
    vg_page_end(out, &h, status);
}

void vg_page_incident(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { incident_page(s, r, out, NULL, 200); }

void vg_page_incident_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    kept k;
    memset(&k, 0, sizeof k);
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    vg_form_text(&f, "action", VG_LIM_CODE, k.action, sizeof k.action);
    vg_form_text(&f, "choice", VG_LIM_CODE, k.choice, sizeof k.choice);
    vg_form_text(&f, "text", VG_LIM_NOTE, k.text, sizeof k.text);
    vg_incident_change c = {.kind = VG_EK_COUNT, .status = VG_DS_COUNT, .closure = VG_CL_COUNT, .text = k.text};
    vg_error err;
    vg_err e = VG_OK;
    int64_t id = 0;
    char field[32] = "";
    snprintf(field, sizeof field, "%s-text", strcmp(k.action, "grade") && strcmp(k.action, "close") &&
                                                     strcmp(k.action, "cancel") ? "update" : k.action);
    if (!vg_str_to_i64(vg_str_c(r->param[0]), &id) || id < 1)
        e = vg_error_set(&err, VG_ERR_NOT_FOUND, "incident", "no such incident");
    else if (f.failed)
        e = vg_form_error(&f, &err);
    else if (strcmp(k.action, "update") == 0)
        c.kind = VG_EK_UPDATE;
    else if (strcmp(k.action, "cancel") == 0)
        c.kind = VG_EK_CANCEL;
    else if (strcmp(k.action, "grade") == 0) {
        c.kind = VG_EK_GRADE;
        if (!vg_thrive_parse(k.choice, &c.thrive) || c.thrive == VG_THRIVE_UNGRADED) {
            e = vg_error_set(&err, VG_ERR_INVALID_INPUT, "grade", "choose the new grade");
            snprintf(field, sizeof field, "grade-thrive");
        }
    } else if (strcmp(k.action, "close") == 0) {
        c.kind = VG_EK_CLOSE;
        if (!vg_closure_parse(k.choice, &c.closure)) {
            e = vg_error_set(&err, VG_ERR_INVALID_INPUT, "closure", "choose a closure code");
            snprintf(field, sizeof field, "close-code");
        }
    } else
        e = vg_error_set(&err, VG_ERR_INVALID_INPUT, "action", "choose an update, a re-grade, closing or cancelling");
    k.field = field;
    char back[64];
    snprintf(back, sizeof back, "/incidents/%lld#log", (long long)id);
    apply(s, r, out, id, &c, e, &err, &k, back, incident_page);
}
