/* pages_review.c - the supervisor's review queue, the victim-care queue and a
 * safety-net case with its joint actions. */
#include "base/alloc.h"
#include "base/str.h"
#include "http/html.h"
#include "http/http_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACTOR (&r->session.actor)
#define QUEUE_MAX 200

/* "Overdue" or "Due", as a tag. */
static void due_tag(vg_html *h, vg_time due)
{
    bool late = due < vg_time_now();
    vg_h_fmt(h, "<strong class=\"govuk-tag %s\">%s</strong> ", late ? "govuk-tag--red" : "govuk-tag--blue",
             late ? "Overdue" : "Due");
    vg_page_time(h, due, false);
}

static void notice(vg_html *h, const char *text, bool error)
{
    if (text && error)
        vg_page_problem(h, NULL, text);
    else if (text)
        vg_page_notice(h, text);
}

/* ---- the supervisor's review queue */

static void review_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const char *msg, bool error,
                        unsigned status)
{
    vg_review_item *items = vg_malloc(QUEUE_MAX * sizeof *items);
    size_t n = 0;
    vg_error err;
    vg_err e = items ? vg_service_review_queue(s->svc, ACTOR, items, QUEUE_MAX, &n, &err)
                     : vg_error_set(&err, VG_ERR_NOMEM, "review", "out of memory");
    if (e) {
        vg_free(items);
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_html h = {0};
    vg_page_begin(r, &h, "Review queue", "/review");
    notice(&h, msg, error);
    vg_h_raw(&h, "<p class=\"govuk-body\">Open crimes by when their next review is due: the first review three days "
                 "after the crime is recorded, then when the last review said. Each review records your direction, so "
                 "the next review can check it was followed.</p>\n");
    if (!n)
        vg_h_raw(&h, "<p class=\"govuk-body\">Nothing is waiting for review.</p>\n");
    for (size_t i = 0; i < n; i++) {
        const vg_review_item *it = &items[i];
        vg_h_fmt(&h, "<section class=\"vg-queue__item\" aria-labelledby=\"crime-%lld\"><h2 class=\"govuk-heading-s\" "
                     "id=\"crime-%lld\">",
                 (long long)it->crime_id, (long long)it->crime_id);
        vg_h_fmt(&h, "<a class=\"govuk-link\" href=\"/crimes/%lld\">", (long long)it->crime_id);
        vg_h_textf(&h, "Crime %s", it->reference);
        vg_h_raw(&h, "</a>");
        vg_h_textf(&h, " (offence %s), recorded ", it->offence_code);
        vg_page_time(&h, it->recorded_at, false);
        vg_h_raw(&h, "</h2><p class=\"govuk-body\">");
        due_tag(&h, it->due);
        vg_h_fmt(&h, " &middot; %d review%s so far</p>", it->reviews, it->reviews == 1 ? "" : "s");
        if (it->last_direction[0]) {
            vg_h_raw(&h, "<p class=\"govuk-body\">Last direction: ");
            vg_h_text(&h, it->last_direction);
            vg_h_raw(&h, "</p>");
        }
        vg_h_fmt(&h, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span "
                     "class=\"govuk-details__summary-text\">Review crime %lld</span></summary><div class=\"govuk-details__text\">"
                     "<form method=\"post\" action=\"/review/%lld\">",
                 (long long)it->crime_id, (long long)it->crime_id);
        vg_page_csrf(r, &h);
        vg_h_fmt(&h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"direction-%lld\">Direction</label>"
                     "<textarea class=\"govuk-textarea\" id=\"direction-%lld\" name=\"direction\" rows=\"3\"></textarea></div>"
                     "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"next-%lld\">Next review due "
                     "(YYYY-MM-DD; empty: no further review)</label><input class=\"govuk-input govuk-input--width-10\" "
                     "id=\"next-%lld\" name=\"next_due\" type=\"text\"></div>"
                     "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Record the review</button>"
                     "</form></div></details></section>\n",
                 (long long)it->crime_id, (long long)it->crime_id, (long long)it->crime_id, (long long)it->crime_id);
    }
    vg_free(items);
    vg_page_end(out, &h, status);
}

void vg_page_review(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { review_page(s, r, out, NULL, false, 200); }

void vg_page_review_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    char *end;
    long long crime = strtoll(r->param[0], &end, 10);
    char direction[VG_MAX_DIRECTION + 1] = "", next[VG_MAX_CODE + 1] = "";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    (void)vg_form_text(&f, "direction", VG_LIM_DIRECTION, direction, sizeof direction);
    (void)vg_form_text(&f, "next_due", VG_LIM_CODE, next, sizeof next);
    vg_date due = VG_DATE_NONE;
    vg_error err;
    vg_err e = *end || crime <= 0 ? vg_error_set(&err, VG_ERR_NOT_FOUND, "crime", "no such crime")
               : f.failed ? vg_form_error(&f, &err)
               : next[0] && !vg_date_parse(vg_str_c(next), &due)
                   ? vg_error_set(&err, VG_ERR_INVALID_INPUT, "next_due", "a date as YYYY-MM-DD, or nothing")
                   : vg_service_review_add(s->svc, ACTOR, crime, direction, due, &err);
    char msg[VG_PAGE_PROBLEM_MAX];
    if (vg_page_form_problem(e, &err, msg, sizeof msg)) {
        review_page(s, r, out, msg, true, vg_http_status_of(e));
        return;
    }
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    snprintf(msg, sizeof msg, "Your review of crime %lld is recorded.", crime);
    review_page(s, r, out, msg, false, 200);
}

/* ---- victims and their entitlements */

static void victims_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const char *msg, bool error,
                         unsigned status)
{
    vg_entitlement_item *items = vg_malloc(QUEUE_MAX * sizeof *items);
    size_t n = 0;
    vg_error err;
    vg_err e = items ? vg_service_entitlements_open(s->svc, ACTOR, items, QUEUE_MAX, &n, &err)
                     : vg_error_set(&err, VG_ERR_NOMEM, "victims", "out of memory");
    if (e) {
        vg_free(items);
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_html h = {0};
    vg_page_begin(r, &h, "Victims", "/victims");
    notice(&h, msg, error);
    vg_h_raw(&h, "<p class=\"govuk-body\">Victims of crime whose Victims' Code entitlements are not yet met, by due "
                 "date: a needs assessment within five days of the crime being recorded, and being told the outcome "
                 "within five days of it.</p>\n");
    if (!n)
        vg_h_raw(&h, "<p class=\"govuk-body\">Every entitlement is met.</p>\n");
    else
        vg_h_raw(&h, "<table class=\"govuk-table\"><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                     "<th scope=\"col\" class=\"govuk-table__header\">Victim</th>"
                     "<th scope=\"col\" class=\"govuk-table__header\">Crime</th>"
                     "<th scope=\"col\" class=\"govuk-table__header\">Entitlement</th>"
                     "<th scope=\"col\" class=\"govuk-table__header\">Due</th>"
                     "<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Action"
                     "</span></th></tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < n; i++) {
        const vg_entitlement_item *it = &items[i];
        vg_h_raw(&h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
        vg_h_textf(&h, "%s %s", it->given, it->family);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        vg_h_textf(&h, "%s (%s)", it->reference, it->offence_code);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        vg_h_text(&h, vg_entitlement_label(it->entitlement));
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        due_tag(&h, it->due);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\"><form method=\"post\" action=\"/victims/met\">");
        vg_page_csrf(r, &h);
        vg_h_fmt(&h, "<input type=\"hidden\" name=\"crime\" value=\"%lld\"><input type=\"hidden\" name=\"person\" "
                     "value=\"%lld\"><input type=\"hidden\" name=\"entitlement\" value=\"%s\">"
                     "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" "
                     "data-module=\"govuk-button\">Mark met<span class=\"govuk-visually-hidden\">: ",
                 (long long)it->crime_id, (long long)it->person_id, vg_entitlement_name(it->entitlement));
        vg_h_textf(&h, "%s for %s %s", vg_entitlement_label(it->entitlement), it->given, it->family);
        vg_h_raw(&h, "</span></button></form></td></tr>");
    }
    if (n)
        vg_h_raw(&h, "</tbody></table>\n");
    vg_free(items);
    vg_page_end(out, &h, status);
}

void vg_page_victims(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { victims_page(s, r, out, NULL, false, 200); }

void vg_page_victims_met(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    char crime[VG_MAX_CODE + 1] = "", person[VG_MAX_CODE + 1] = "", ent[VG_MAX_CODE + 1] = "", note[VG_MAX_NOTE + 1] = "";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    (void)vg_form_text(&f, "crime", VG_LIM_CODE, crime, sizeof crime);
    (void)vg_form_text(&f, "person", VG_LIM_CODE, person, sizeof person);
    (void)vg_form_text(&f, "entitlement", VG_LIM_CODE, ent, sizeof ent);
    (void)vg_form_text(&f, "note", VG_LIM_NOTE, note, sizeof note);
    vg_entitlement e_kind;
    char *e1, *e2;
    long long c = strtoll(crime, &e1, 10), p = strtoll(person, &e2, 10);
    vg_error err;
    vg_err e = f.failed ? vg_form_error(&f, &err)
               : *e1 || *e2 || c <= 0 || p <= 0 || !vg_entitlement_parse(ent, &e_kind)
                   ? vg_error_set(&err, VG_ERR_INVALID_INPUT, "entitlement", "not an open entitlement")
                   : vg_service_entitlement_met(s->svc, ACTOR, c, p, e_kind, note, &err);
    char msg[VG_PAGE_PROBLEM_MAX];
    if (vg_page_form_problem(e, &err, msg, sizeof msg)) {
        victims_page(s, r, out, msg, true, vg_http_status_of(e));
        return;
    }
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    victims_page(s, r, out, "The entitlement is recorded as met.", false, 200);
}

/* ---- a safety-net case and its joint actions */

static void case_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, vg_id id, const char *msg, bool error,
                      unsigned status)
{
    json_t *c = NULL;
    vg_case_action *acts = vg_malloc(100 * sizeof *acts);
    size_t na = 0;
    vg_error err;
    vg_err e = acts ? vg_service_case_view(s->svc, ACTOR, id, &c, &err)
                    : vg_error_set(&err, VG_ERR_NOMEM, "case", "out of memory");
    if (!e)
        e = vg_service_case_actions(s->svc, ACTOR, id, acts, 100, &na, &err);
    if (e) {
        json_decref(c);
        vg_free(acts);
        vg_page_error(r, out, e, &err);
        return;
    }
    const char *title = json_string_value(json_object_get(c, "title"));
    vg_html h = {0};
    vg_page_begin(r, &h, title && *title ? title : "Case", "/cases");
    notice(&h, msg, error);
    vg_h_raw(&h, "<dl class=\"govuk-summary-list\">");
    static const char *const fields[] = {"owner_agency", "status", "summary", "risk", "actions"};
    static const char *const labels[] = {"Owner", "Status", "Summary", "Risk", "Agreed actions"};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        const char *v = json_string_value(json_object_get(c, fields[i]));
        if (!v)
            continue; /* not shared with this agency */
        vg_h_fmt(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
                     "<dd class=\"govuk-summary-list__value\">",
                 labels[i]);
        vg_h_text(&h, v);
        vg_h_raw(&h, "</dd></div>");
    }
    const char *kind = json_string_value(json_object_get(json_object_get(c, "subject"), "kind"));
    if (kind) {
        vg_h_raw(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Subject</dt>"
                     "<dd class=\"govuk-summary-list__value\">");
        vg_h_text(&h, kind);
        vg_h_raw(&h, "</dd></div>");
    }
    vg_h_raw(&h, "</dl>\n<h2 class=\"govuk-heading-m\">Joint actions</h2>\n");
    if (!na)
        vg_h_raw(&h, "<p class=\"govuk-body\">No actions yet.</p>\n");
    else
        vg_h_raw(&h, "<table class=\"govuk-table\"><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                     "<th scope=\"col\" class=\"govuk-table__header\">Action</th>"
                     "<th scope=\"col\" class=\"govuk-table__header\">Owner</th>"
                     "<th scope=\"col\" class=\"govuk-table__header\">Due</th>"
                     "<th scope=\"col\" class=\"govuk-table__header\">State</th></tr></thead>"
                     "<tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < na; i++) {
        const vg_case_action *a = &acts[i];
        vg_h_raw(&h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
        vg_h_text(&h, a->text);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        vg_h_text(&h, a->agency);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        if (a->due != VG_DATE_NONE) {
            char d[VG_DATE_LEN];
            vg_date_format(a->due, d);
            vg_h_text(&h, d);
        }
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        if (a->done_at != VG_TIME_NONE) {
            vg_h_raw(&h, "<strong class=\"govuk-tag govuk-tag--green\">Done</strong>");
        } else if (!a->may_close) { /* another agency's: no button the reader could not use */
            vg_h_raw(&h, "<strong class=\"govuk-tag govuk-tag--grey\">Open</strong>");
        } else {
            vg_h_fmt(&h, "<form method=\"post\" action=\"/actions/%lld/done\">", (long long)a->id);
            vg_page_csrf(r, &h);
            vg_h_raw(&h, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" "
                         "data-module=\"govuk-button\">Mark done<span class=\"govuk-visually-hidden\">: ");
            vg_h_text(&h, a->text);
            vg_h_raw(&h, "</span></button></form>");
        }
        vg_h_raw(&h, "</td></tr>");
    }
    if (na)
        vg_h_raw(&h, "</tbody></table>\n");
    vg_h_fmt(&h, "<h2 class=\"govuk-heading-m\">Add an action for your agency</h2><form method=\"post\" "
                 "action=\"/cases/%lld/actions\">",
             (long long)id);
    vg_page_csrf(r, &h);
    vg_h_raw(&h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"text\">Action</label>"
                 "<input class=\"govuk-input\" id=\"text\" name=\"text\" type=\"text\"></div>"
                 "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"due\">Due (YYYY-MM-DD)</label>"
                 "<input class=\"govuk-input govuk-input--width-10\" id=\"due\" name=\"due\" type=\"text\"></div>"
                 "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add the action</button>"
                 "</form>\n");
    json_decref(c);
    vg_free(acts);
    vg_page_end(out, &h, status);
}

static bool id_param(vg_http_req *r, long long *id)
{
    char *end;
    *id = strtoll(r->param[0], &end, 10);
    return !*end && *id > 0;
}

void vg_page_case(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    long long id;
    if (!id_param(r, &id)) {
        vg_page_fail(r, out, 404, "There is no such case.");
        return;
    }
    case_page(s, r, out, id, NULL, false, 200);
}

void vg_page_case_action_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    long long id;
    if (!id_param(r, &id)) {
        vg_page_fail(r, out, 404, "There is no such case.");
        return;
    }
    char text[VG_MAX_ACTION + 1] = "", due[VG_MAX_CODE + 1] = "";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    (void)vg_form_text(&f, "text", VG_LIM_ACTION, text, sizeof text);
    (void)vg_form_text(&f, "due", VG_LIM_CODE, due, sizeof due);
    vg_date d = VG_DATE_NONE;
    vg_id aid;
    vg_error err;
    vg_err e = f.failed ? vg_form_error(&f, &err)
               : due[0] && !vg_date_parse(vg_str_c(due), &d)
                   ? vg_error_set(&err, VG_ERR_INVALID_INPUT, "due", "a date as YYYY-MM-DD, or nothing")
                   : vg_service_case_action_add(s->svc, ACTOR, id, text, d, &aid, &err);
    char msg[VG_PAGE_PROBLEM_MAX];
    if (e == VG_ERR_INVALID_INPUT && vg_page_form_problem(e, &err, msg, sizeof msg)) {
        case_page(s, r, out, id, msg, true, 422);
        return;
    }
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    case_page(s, r, out, id, "The action is added.", false, 200);
}

void vg_page_action_done(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    long long id;
    if (!id_param(r, &id)) {
        vg_page_fail(r, out, 404, "There is no such action.");
        return;
    }
    vg_error err;
    vg_id case_id;
    vg_err e = vg_service_case_action_done(s->svc, ACTOR, id, &case_id, &err);
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_page_redirect(out, "/cases/%lld", (long long)case_id); /* back to its case */
}

/* ---- a crime, with its reviews */

void vg_page_crime(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *c = vg_page_view(s, r, out, "crime", vg_service_crime_view);
    if (!c)
        return;
    char title[96];
    snprintf(title, sizeof title, "Crime %s", json_string_value(json_object_get(c, "reference")));
    vg_html h = {0};
    vg_page_begin(r, &h, title, "/incidents");
    vg_h_raw(&h, "<dl class=\"govuk-summary-list\">");
    static const char *const keys[] = {"offence_code", "offence", "recorded", "status", "outcome_label", "outcome_at"};
    static const char *const labels[] = {"Offence code", "Offence", "Recorded", "Status", "Outcome", "Outcome on"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *v = json_string_value(json_object_get(c, keys[i]));
        if (!v || !*v)
            continue;
        vg_h_fmt(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
                     "<dd class=\"govuk-summary-list__value\">",
                 labels[i]);
        vg_h_text(&h, v);
        vg_h_raw(&h, "</dd></div>");
    }
    json_int_t inc = json_integer_value(json_object_get(c, "incident_id"));
    if (inc)
        vg_h_fmt(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Recorded from</dt>"
                     "<dd class=\"govuk-summary-list__value\"><a class=\"govuk-link\" href=\"/incidents/%lld\">incident "
                     "%lld</a></dd></div>",
                 (long long)inc, (long long)inc);
    vg_h_raw(&h, "</dl>\n<h2 class=\"govuk-heading-m\">People</h2>\n<ul class=\"govuk-list\">");
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(c, "parties"), i, it) {
        long long pid = (long long)json_integer_value(json_object_get(it, "person_id"));
        vg_h_raw(&h, "<li>");
        vg_h_text(&h, json_string_value(json_object_get(it, "role")));
        vg_h_fmt(&h, ": <a class=\"govuk-link\" href=\"/persons/%lld\">person %lld</a></li>", pid, pid);
    }
    vg_h_raw(&h, "</ul>\n<h2 class=\"govuk-heading-m\">Supervisors' reviews</h2>\n");
    const json_t *reviews = json_object_get(c, "reviews");
    if (!json_array_size(reviews))
        vg_h_raw(&h, "<p class=\"govuk-body\">Not reviewed yet.</p>\n");
    else
        vg_h_raw(&h, "<ol class=\"govuk-list govuk-list--number\">");
    json_array_foreach(reviews, i, it) {
        vg_h_raw(&h, "<li>");
        vg_h_textf(&h, "%.10s, %s: %s", json_string_value(json_object_get(it, "at")),
                   json_string_value(json_object_get(it, "reviewer")), json_string_value(json_object_get(it, "direction")));
        const char *next = json_string_value(json_object_get(it, "next_due"));
        vg_h_textf(&h, " (next review %.10s)", next ? next : "none");
        vg_h_raw(&h, "</li>");
    }
    if (json_array_size(reviews))
        vg_h_raw(&h, "</ol>\n");
    json_decref(c);
    vg_page_end(out, &h, 200);
}
