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

/* What a review form sent, shown again on its crime's card with its problem beside the field. */
typedef struct review_kept {
    long long crime;
    const char *field, *why, *direction, *next;
} review_kept;

/* the queue's rows as cards, each with its review form (the one sent open again, with what was typed) */
static void review_rows(vg_http_req *r, vg_html *h, const json_t *rows, const void *ctx)
{
    const review_kept *kept = ctx;
    size_t i;
    json_t *it;
    json_array_foreach(rows, i, it) {
        long long id = (long long)json_integer_value(json_object_get(it, "id"));
        vg_h_fmt(h, "<section class=\"vg-queue__item\" aria-labelledby=\"crime-%lld\"><h2 class=\"govuk-heading-s\" "
                    "id=\"crime-%lld\"><a class=\"govuk-link\" href=\"/crimes/%lld\">",
                 id, id, id);
        const vg_offence *o = vg_offence_find(vg_jstr(it, "offence"));
        vg_h_textf(h, "Crime %s", vg_jstr(it, "reference"));
        vg_h_raw(h, "</a>");
        vg_h_textf(h, " (%s, %s), recorded ", o ? o->label : "offence", vg_jstr(it, "offence"));
        vg_time t;
        if (vg_time_parse(vg_str_c(vg_jstr(it, "recorded")), &t))
            vg_page_time(h, t, false);
        vg_h_raw(h, "</h2><p class=\"govuk-body\">");
        if (vg_time_parse(vg_str_c(vg_jstr(it, "due")), &t))
            due_tag(h, t);
        long long n = (long long)json_integer_value(json_object_get(it, "reviews"));
        vg_h_fmt(h, " &middot; %lld review%s so far", n, n == 1 ? "" : "s");
        if (json_is_true(json_object_get(it, "vulnerable")))
            vg_h_raw(h, " &middot; <strong class=\"vg-flag\">Enhanced entitlement</strong>");
        vg_h_raw(h, "</p>");
        if (*vg_jstr(it, "direction")) {
            vg_h_raw(h, "<p class=\"govuk-body\">Last direction: ");
            vg_h_text(h, vg_jstr(it, "direction"));
            vg_h_raw(h, "</p>");
        }
        const review_kept *k = kept && kept->crime == id ? kept : NULL;
        vg_h_fmt(h, "<details class=\"govuk-details\"%s><summary class=\"govuk-details__summary\"><span "
                    "class=\"govuk-details__summary-text\">Review crime ",
                 k ? " open" : "");
        vg_h_text(h, vg_jstr(it, "reference"));
        vg_h_fmt(h, "</span></summary><div class=\"govuk-details__text\"><form method=\"post\" action=\"/review/%lld\">", id);
        vg_page_csrf(r, h);
        const char *bad = k ? k->field : NULL;
        vg_page_group(h, bad, "direction");
        vg_h_fmt(h, "<label class=\"govuk-label\" for=\"direction-%lld\">Direction" VG_REQUIRED "</label>", id);
        vg_page_field_error(h, bad, "direction", k ? k->why : NULL);
        vg_h_fmt(h, "<textarea class=\"govuk-textarea\" id=\"direction-%lld\" name=\"direction\" rows=\"3\">", id);
        vg_h_text(h, k && k->direction ? k->direction : "");
        vg_h_raw(h, "</textarea></div>");
        vg_page_group(h, bad, "next_due");
        vg_h_fmt(h, "<label class=\"govuk-label\" for=\"next-%lld\">Next review due</label>"
                    "<div class=\"govuk-hint\" id=\"next-%lld-hint\">For example, 10/12/2026; empty: no further review</div>",
                 id, id);
        vg_page_field_error(h, bad, "next_due", k ? k->why : NULL);
        char nid[32], hid[40];
        snprintf(nid, sizeof nid, "next-%lld", id);
        snprintf(hid, sizeof hid, "next-%lld-hint", id);
        vg_page_date_input(h, nid, "next_due", k ? k->next : NULL, hid, bad && !strcmp(bad, "next_due"));
        vg_h_raw(h, "</div><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Record the review</button>"
                    "</form></div></details></section>\n");
    }
}

/* The queue: the one list component (every open crime, paged, filtered, exported), its
 * rows as cards with their review forms. */
static void review_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const char *msg, bool error,
                        unsigned status, const review_kept *k)
{
    vg_list_query q; /* the days the rule gives, said as the list works them out */
    vg_list_query_init(&q, VG_LIST_REVIEWS);
    vg_service_work_periods(&q);
    char intro[400];
    snprintf(intro, sizeof intro,
             "Open crimes by when their next review is due: the first review %lld day%s after the crime is recorded, "
             "then when the last review said. Each review records your direction, so the next review can check it "
             "was followed.",
             (long long)q.days, q.days == 1 ? "" : "s");
    vg_page_list(s, r, out, VG_LIST_REVIEWS,
                 &(vg_list_view){"/review", "/review", intro, NULL, review_rows, msg, error, status, NULL, NULL, k});
}

void vg_page_review(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { review_page(s, r, out, NULL, false, 200, NULL); }

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
               : next[0] && !vg_date_read(next, &due)
                   ? vg_error_set(&err, VG_ERR_INVALID_INPUT, "next_due", "a date such as 10/12/2026, or nothing")
                   : vg_service_review_add(s->svc, ACTOR, crime, direction, due, &err);
    char msg[VG_PAGE_PROBLEM_MAX];
    if (vg_page_form_problem(e, &err, msg, sizeof msg)) {
        review_kept k = {crime, err.where, err.why, direction, next};
        review_page(s, r, out, msg, true, vg_http_status_of(e), &k);
        return;
    }
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    review_page(s, r, out, "Your review is recorded.", false, 200, NULL);
}

/* ---- victims and their entitlements */

/* a row's last cell: the form that marks the entitlement met */
static void victim_met_form(vg_http_req *r, vg_html *h, const json_t *it, const char *back, const void *ctx)
{
    (void)ctx;
    long long crime = (long long)json_integer_value(json_object_get(it, "crime_id"));
    long long person = (long long)json_integer_value(json_object_get(it, "person_id"));
    vg_entitlement ent = VG_ENT_NEEDS_ASSESSMENT;
    (void)vg_entitlement_parse(vg_jstr(it, "entitlement"), &ent);
    const char *q = strchr(back, '?'); /* back to the same list: its filters and order */
    vg_h_raw(h, "<form method=\"post\" action=\"/victims/met");
    vg_h_raw(h, q ? q : ""); /* already escaped for the attribute */
    vg_h_raw(h, "\">");
    vg_page_csrf(r, h);
    vg_h_fmt(h, "<input type=\"hidden\" name=\"crime\" value=\"%lld\"><input type=\"hidden\" name=\"person\" "
                "value=\"%lld\"><input type=\"hidden\" name=\"entitlement\" value=\"%s\">"
                "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" "
                "data-module=\"govuk-button\">Mark met<span class=\"govuk-visually-hidden\">: ",
             crime, person, vg_entitlement_name(ent));
    vg_h_textf(h, "%s for %s", vg_entitlement_label(ent), vg_jstr(it, "victim"));
    vg_h_raw(h, "</span></button></form>");
}

/* The queue: the one list component (every entitlement not yet met, paged, filtered,
 * exported), each row with its form. */
static void victims_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const char *msg, bool error,
                         unsigned status)
{
    vg_list_query q; /* the days the Victims' Code gives, said as the list works them out */
    vg_list_query_init(&q, VG_LIST_VICTIMS);
    vg_service_work_periods(&q);
    char intro[400];
    snprintf(intro, sizeof intro,
             "Victims of crime whose Victims' Code entitlements are not yet met, by due date: a needs assessment "
             "within %lld days of the crime being recorded, and being told the outcome within %lld days of it.",
             (long long)q.needs_days, (long long)q.outcome_days);
    vg_page_list(s, r, out, VG_LIST_VICTIMS,
                 &(vg_list_view){"/victims", "/victims", intro, NULL, NULL, msg, error, status, victim_met_form,
                                 "Mark met", NULL});
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

/* What was typed into the case page's forms, shown again with a problem. */
typedef struct case_kept {
    const char *field, *why;            /* the field in error (an action's or a share's) and why */
    const char *text, *due;             /* a joint action */
    const char *note;                   /* a note */
    const char *agency, *fields, *gateway, *purpose; /* a share */
} case_kept;

static void field_labels(vg_html *h, const json_t *fields)
{
    static const char *const keys[] = {"subject", "summary", "risk", "actions", "notes"};
    static const char *const labels[] = {"who or where it is about", "summary", "risk", "agreed actions", "notes"};
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f) {
        const char *k = json_string_value(f), *l = k;
        for (size_t j = 0; k && j < 5; j++)
            if (!strcmp(k, keys[j]))
                l = labels[j];
        vg_h_raw(h, i ? ", " : "");
        vg_h_text(h, l ? l : "");
    }
}

static void case_seen(vg_http_server *s, vg_http_req *r, vg_html *h, vg_id id);

/* The owner agency's part of a case page: with whom it is shared (field by field, the
 * gateway and purpose), the form to share it, and who has seen it (the audit log). */
static void case_owner(vg_http_server *s, vg_http_req *r, vg_html *h, vg_id id, const json_t *c, const case_kept *k)
{
    const json_t *shares = json_object_get(c, "shares");
    bool may_share = vg_actor_can(ACTOR, VG_PERM_CASE_SHARE);
    vg_h_raw(h, "<h2 class=\"govuk-heading-m\" id=\"shared\">Shared with</h2>\n");
    if (!json_array_size(shares))
        vg_h_raw(h, "<p class=\"govuk-body\">No other agency: the case is your agency's alone.</p>\n");
    else
        vg_h_raw(h, "<table class=\"govuk-table\" id=\"shares\"><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                    "<th scope=\"col\" class=\"govuk-table__header\">Agency</th><th scope=\"col\" class=\"govuk-table__header\">"
                    "What it sees (the title always)</th><th scope=\"col\" class=\"govuk-table__header\">Gateway and purpose</th>"
                    "<th scope=\"col\" class=\"govuk-table__header\">Since</th><th scope=\"col\" class=\"govuk-table__header\">"
                    "<span class=\"govuk-visually-hidden\">Stop</span></th></tr></thead><tbody class=\"govuk-table__body\">");
    size_t i;
    json_t *sh;
    json_array_foreach(shares, i, sh) {
        vg_h_raw(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
        vg_h_text(h, vg_jstr(sh, "agency_name"));
        vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
        field_labels(h, json_object_get(sh, "fields"));
        vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
        vg_h_text(h, vg_jstr(sh, "gateway"));
        vg_h_raw(h, ": ");
        vg_h_text(h, vg_jstr(sh, "purpose"));
        vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
        vg_page_time_iso(h, vg_jstr(sh, "shared_at"));
        vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
        if (!may_share) { /* no button one may not use */
            vg_h_raw(h, "</td></tr>");
            continue;
        }
        vg_h_fmt(h, "<form method=\"post\" action=\"/cases/%lld/shares/", (long long)id);
        vg_h_text(h, vg_jstr(sh, "agency"));
        vg_h_raw(h, "/stop\">");
        vg_page_csrf(r, h);
        vg_h_raw(h, "<button type=\"submit\" class=\"govuk-button govuk-button--warning govuk-!-margin-bottom-0\" "
                    "data-module=\"govuk-button\">Stop sharing<span class=\"govuk-visually-hidden\"> with ");
        vg_h_text(h, vg_jstr(sh, "agency_name"));
        vg_h_raw(h, "</span></button></form></td></tr>");
    }
    if (json_array_size(shares))
        vg_h_raw(h, "</tbody></table>\n");
    /* the form: which agency, which fields, under which gateway and for what */
    if (!may_share) {
        vg_h_raw(h, "<p class=\"govuk-body\">A supervisor or a partner manager of your agency shares the case.</p>\n");
        case_seen(s, r, h, id);
        return;
    }
    vg_agency *ag = vg_malloc(256 * sizeof *ag);
    size_t na = 0;
    vg_error ignore;
    if (ag && vg_service_agency_list(s->svc, ACTOR, ag, 256, &na, &ignore))
        na = 0;
    vg_h_fmt(h, "<h2 class=\"govuk-heading-m\">Share the case</h2>\n<form method=\"post\" action=\"/cases/%lld/shares\" "
                "class=\"vg-form\" id=\"share-form\">", (long long)id);
    vg_page_csrf(r, h);
    vg_h_raw(h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"share-agency\">With" VG_REQUIRED "</label>"
                "<select class=\"govuk-select\" id=\"share-agency\" name=\"agency\">");
    for (size_t j = 0; j < na && j < 256; j++) {
        if (!strcmp(ag[j].code, vg_jstr(c, "owner_agency")))
            continue;
        vg_h_raw(h, "<option value=\"");
        vg_h_text(h, ag[j].code);
        vg_h_raw(h, k && k->agency && !strcmp(k->agency, ag[j].code) ? "\" selected>" : "\">");
        vg_h_text(h, ag[j].name);
        vg_h_raw(h, "</option>");
    }
    vg_free(ag);
    vg_h_raw(h, "</select></div><div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend "
                "class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">What it may see (the title always goes)</legend>"
                "<div class=\"govuk-checkboxes govuk-checkboxes--small\">");
    static const char *const keys[] = {"subject", "summary", "risk", "actions", "notes"};
    static const char *const labels[] = {"Who or where it is about", "Summary", "Risk", "Agreed actions",
                                         "Every agency's notes"};
    for (size_t j = 0; j < 5; j++) {
        bool on = k && k->fields && strstr(k->fields, keys[j]);
        vg_h_fmt(h, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"share-%s\" "
                    "name=\"field\" type=\"checkbox\" value=\"%s\"%s><label class=\"govuk-label govuk-checkboxes__label\" "
                    "for=\"share-%s\">%s</label></div>",
                 keys[j], keys[j], on ? " checked" : "", keys[j], labels[j]);
    }
    const char *bad = k ? k->field : NULL, *why = k ? k->why : NULL;
    vg_h_raw(h, "</div></fieldset></div>");
    vg_page_group(h, bad, "gateway");
    vg_h_raw(h, "<label class=\"govuk-label\" for=\"gateway\">The legal gateway" VG_REQUIRED "</label><div class=\"govuk-hint\" "
                "id=\"gateway-hint\">For example, Crime and Disorder Act 1998 s.115</div>");
    vg_page_field_error(h, bad, "gateway", why);
    vg_h_raw(h, "<input class=\"govuk-input\" id=\"gateway\" name=\"gateway\" type=\"text\" "
                "list=\"gateways\" aria-describedby=\"gateway-hint\" value=\"");
    vg_h_text(h, k && k->gateway ? k->gateway : "");
    vg_h_raw(h, "\"><datalist id=\"gateways\"><option value=\"Crime and Disorder Act 1998 s.115\"><option value=\"Children "
                "Act 2004 s.11\"><option value=\"Care Act 2014 s.45\"><option value=\"Anti-social Behaviour, Crime and "
                "Policing Act 2014 s.104\"><option value=\"Data Protection Act 2018 Sch.1 para.10 (preventing crime)\">"
                "<option value=\"Consent of the person\"></datalist></div>");
    vg_page_group(h, bad, "purpose");
    vg_h_raw(h, "<label class=\"govuk-label\" for=\"purpose\">The purpose" VG_REQUIRED "</label>");
    vg_page_field_error(h, bad, "purpose", why);
    vg_h_raw(h, "<input class=\"govuk-input\" id=\"purpose\" name=\"purpose\" type=\"text\" value=\"");
    vg_h_text(h, k && k->purpose ? k->purpose : "");
    vg_h_raw(h, "\"></div><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\" id=\"do-share\">"
                "Share the case</button></form>\n");
    case_seen(s, r, h, id);
}

/* who has seen the case (the owner agency's part of its page) */
static void case_seen(vg_http_server *s, vg_http_req *r, vg_html *h, vg_id id)
{
    size_t i;
    json_t *seen = NULL;
    vg_error err;
    if (vg_service_case_seen(s->svc, ACTOR, id, 50, &seen, &err) == VG_OK) {
        vg_h_raw(h, "<h2 class=\"govuk-heading-m\" id=\"seen\">Who has seen the case</h2>\n<table class=\"govuk-table\" "
                    "id=\"seen-by\"><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" "
                    "class=\"govuk-table__header\">When</th><th scope=\"col\" class=\"govuk-table__header\">Who</th>"
                    "<th scope=\"col\" class=\"govuk-table__header\">Agency</th><th scope=\"col\" "
                    "class=\"govuk-table__header\">What</th></tr></thead><tbody class=\"govuk-table__body\">");
        json_t *en;
        json_array_foreach(json_object_get(seen, "entries"), i, en) {
            vg_h_raw(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
            vg_page_time_iso(h, vg_jstr(en, "at"));
            vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
            vg_user_role role;
            vg_h_text(h, vg_jstr(en, "username"));
            if (vg_user_role_parse(vg_jstr(en, "role"), &role))
                vg_h_textf(h, " (%s)", vg_user_role_label(role));
            vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
            vg_h_text(h, vg_jstr(en, "agency"));
            vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
            vg_audit_action act = VG_AUDIT_ACTION_COUNT;
            for (int j = 0; j < VG_AUDIT_ACTION_COUNT; j++)
                if (!strcmp(vg_audit_action_name((vg_audit_action)j), vg_jstr(en, "action")))
                    act = (vg_audit_action)j;
            vg_h_text(h, act < VG_AUDIT_ACTION_COUNT ? vg_audit_action_label(act) : vg_jstr(en, "action"));
            vg_h_raw(h, "</td></tr>");
        }
        vg_h_raw(h, "</tbody></table>\n");
        int64_t total = json_integer_value(json_object_get(seen, "total"));
        if (total > (int64_t)json_array_size(json_object_get(seen, "entries"))) {
            vg_h_raw(h, "<p class=\"govuk-body\">The newest 50 of ");
            vg_page_count(h, total);
            if (vg_actor_can(ACTOR, VG_PERM_AUDIT_READ))
                vg_h_fmt(h, " entries: <a class=\"govuk-link\" href=\"/audit?record=case:%lld\">every entry</a>.</p>\n",
                         (long long)id);
            else
                vg_h_raw(h, " entries; an auditor sees every one.</p>\n");
        }
        json_decref(seen);
    }
}

static void case_page_with(vg_http_server *s, vg_http_req *r, vg_http_resp *out, vg_id id, const char *msg, bool error,
                           unsigned status, const case_kept *kept);

/* An agency's name, from the list of agencies; its code if it is not there. */
static const char *agency_name(const vg_agency *ag, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ag[i].code, code))
            return ag[i].name;
    return code;
}

static void case_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, vg_id id, const char *msg, bool error,
                      unsigned status)
{
    case_page_with(s, r, out, id, msg, error, status, NULL);
}

static void case_page_with(vg_http_server *s, vg_http_req *r, vg_http_resp *out, vg_id id, const char *msg, bool error,
                           unsigned status, const case_kept *kept)
{
    json_t *c = NULL;
    vg_case_action *acts = NULL;
    size_t na = 0;
    vg_error err;
    vg_err e = vg_service_case_view(s->svc, ACTOR, id, &c, &err);
    if (!e)
        e = vg_service_case_actions(s->svc, ACTOR, id, &acts, &na, &err);
    enum { MAX_AGENCIES = 256 };
    vg_agency *ag = vg_malloc(MAX_AGENCIES * sizeof *ag);
    size_t n_ag = 0;
    vg_error ignore;
    if (!ag || vg_service_agency_list(s->svc, ACTOR, ag, MAX_AGENCIES, &n_ag, &ignore))
        n_ag = 0;
    n_ag = n_ag < MAX_AGENCIES ? n_ag : MAX_AGENCIES;
    if (e) {
        json_decref(c);
        vg_free(acts);
        vg_free(ag);
        vg_page_error(r, out, e, &err);
        return;
    }
    const char *title = json_string_value(json_object_get(c, "title"));
    vg_html h = {0};
    vg_page_begin(r, &h, title && *title ? title : "Case", "/cases");
    notice(&h, msg, error);
    vg_h_raw(&h, "<dl class=\"govuk-summary-list\">");
    static const char *const fields[] = {"owner_agency_name", "status", "summary", "risk", "actions"};
    static const char *const labels[] = {"Owner", "Status", "Summary", "Risk", "Agreed actions"};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        const char *v = json_string_value(json_object_get(c, fields[i]));
        if (!v)
            continue; /* not shared with this agency */
        if (i == 1) /* the state in words */
            v = !strcmp(v, "open") ? "Open" : !strcmp(v, "closed") ? "Closed" : v;
        vg_h_fmt(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
                     "<dd class=\"govuk-summary-list__value\">",
                 labels[i]);
        vg_h_text(&h, v);
        vg_h_raw(&h, "</dd></div>");
    }
    const json_t *subject = json_object_get(c, "subject");
    const char *kind = json_string_value(json_object_get(subject, "kind"));
    if (kind) { /* what it is about, with a link to the person or place for those who may read it */
        vg_h_raw(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">About</dt>"
                     "<dd class=\"govuk-summary-list__value\">");
        json_int_t pid = json_integer_value(json_object_get(subject, "person_id"));
        json_int_t lid = json_integer_value(json_object_get(subject, "location_id"));
        bool police = ACTOR->police;
        const char *words = *vg_jstr(subject, "name") ? vg_jstr(subject, "name") : vg_jstr(subject, "address");
        const char *what = !strcmp(kind, "person") ? "A person" : !strcmp(kind, "household") ? "A household" : "A place";
        /* a link to the person or place for those who may open it */
        bool to_person = pid && police && vg_actor_can(ACTOR, VG_PERM_PERSON_READ), to_place = !pid && lid && police;
        if (to_person)
            vg_h_fmt(&h, "<a class=\"govuk-link\" href=\"/persons/%lld\">", (long long)pid);
        else if (to_place)
            vg_h_fmt(&h, "<a class=\"govuk-link\" href=\"/locations/%lld\">", (long long)lid);
        vg_h_text(&h, *words ? words : what);
        if (to_person || to_place)
            vg_h_raw(&h, "</a>");
        if (*words)
            vg_h_textf(&h, " (%s)", !strcmp(kind, "person") ? "a person" : !strcmp(kind, "household") ? "a household"
                                                                                                      : "a place");
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
        vg_h_text(&h, agency_name(ag, n_ag, a->agency));
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        if (a->due != VG_DATE_NONE)
            vg_page_time(&h, vg_date_time(a->due), false);
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
    /* the notes the reader may see, and one more */
    json_t *notes = NULL;
    vg_error nerr;
    if (vg_service_case_notes(s->svc, ACTOR, id, &notes, &nerr) == VG_OK) {
        vg_h_raw(&h, "<h2 class=\"govuk-heading-m\" id=\"notes\">Notes</h2>\n");
        if (!json_is_true(json_object_get(notes, "every_agency")))
            vg_h_raw(&h, "<p class=\"govuk-body\">Your agency's notes: the others' are not shared with you.</p>\n");
        const json_t *list = json_object_get(notes, "notes");
        if (!json_array_size(list))
            vg_h_raw(&h, "<p class=\"govuk-body\">No notes yet.</p>\n");
        size_t k;
        json_t *n;
        json_array_foreach(list, k, n) {
            vg_h_raw(&h, "<div class=\"vg-note\"><p class=\"govuk-body-s govuk-!-margin-bottom-1\">");
            vg_page_time_iso(&h, vg_jstr(n, "at"));
            vg_h_textf(&h, ": %s, %s", vg_jstr(n, "username"), agency_name(ag, n_ag, vg_jstr(n, "agency")));
            vg_h_raw(&h, "</p><p class=\"govuk-body\">");
            vg_h_text(&h, vg_jstr(n, "text"));
            vg_h_raw(&h, "</p></div>");
        }
        json_decref(notes);
        vg_h_fmt(&h, "<form method=\"post\" action=\"/cases/%lld/notes\"><div class=\"govuk-form-group\"><label "
                     "class=\"govuk-label\" for=\"note\">Add a note</label>", (long long)id);
        vg_page_csrf(r, &h);
        vg_h_raw(&h, "<textarea class=\"govuk-textarea\" id=\"note\" name=\"note\" rows=\"3\">");
        vg_h_text(&h, kept && kept->note ? kept->note : "");
        vg_h_raw(&h, "</textarea></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                     "data-module=\"govuk-button\" id=\"do-note\">Add the note</button></form>\n");
    }
    vg_h_fmt(&h, "<h2 class=\"govuk-heading-m\">Add an action for your agency</h2><form method=\"post\" "
                 "action=\"/cases/%lld/actions\">",
             (long long)id);
    vg_page_csrf(r, &h);
    const char *bad = kept ? kept->field : NULL, *why = kept ? kept->why : NULL;
    vg_page_group(&h, bad, "text");
    vg_h_raw(&h, "<label class=\"govuk-label\" for=\"text\">Action" VG_REQUIRED "</label>");
    vg_page_field_error(&h, bad, "text", why);
    vg_h_raw(&h, "<input class=\"govuk-input\" id=\"text\" name=\"text\" type=\"text\" value=\"");
    vg_h_text(&h, kept && kept->text ? kept->text : "");
    vg_h_raw(&h, "\"></div>");
    vg_page_group(&h, bad, "due");
    vg_h_raw(&h, "<label class=\"govuk-label\" for=\"due\">Due</label>"
                 "<div class=\"govuk-hint\" id=\"due-hint\">For example, 10/12/2026; empty if there is no date</div>");
    vg_page_field_error(&h, bad, "due", why);
    vg_page_date_input(&h, "due", "due", kept ? kept->due : NULL, "due-hint", bad && !strcmp(bad, "due"));
    vg_h_raw(&h, "</div><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add the action</button>"
                 "</form>\n");
    if (json_object_get(c, "shares")) /* the owner agency's view */
        case_owner(s, r, &h, id, c, kept);
    json_decref(c);
    vg_free(acts);
    vg_free(ag);
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
    /* after a button that came back here (post, redirect, get): what it did, by a known word only */
    const char *done = vg_http_query(r, "done");
    case_page(s, r, out, id, done && !strcmp(done, "action") ? "The action is marked done." : NULL, false, 200);
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
               : due[0] && !vg_date_read(due, &d)
                   ? vg_error_set(&err, VG_ERR_INVALID_INPUT, "due", "a date such as 10/12/2026, or nothing")
                   : vg_service_case_action_add(s->svc, ACTOR, id, text, d, &aid, &err);
    char msg[VG_PAGE_PROBLEM_MAX];
    if (e == VG_ERR_INVALID_INPUT && vg_page_form_problem(e, &err, msg, sizeof msg)) {
        case_kept k = {.field = err.where, .why = err.why, .text = text, .due = due};
        case_page_with(s, r, out, id, msg, true, 422, &k);
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
    vg_page_redirect(out, "/cases/%lld?done=action", (long long)case_id); /* back to its case, saying so */
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
    vg_page_begin(r, &h, title, "/crimes");
    vg_h_raw(&h, "<dl class=\"govuk-summary-list\">");
    const vg_offence *o = vg_offence_find(vg_jstr(c, "offence_code"));
    vg_h_raw(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Offence</dt>"
                 "<dd class=\"govuk-summary-list__value\">");
    vg_h_textf(&h, "%s (%s)", o ? o->label : "offence", vg_jstr(c, "offence_code"));
    vg_h_raw(&h, "</dd></div>");
    static const char *const keys[] = {"committed", "recorded", "outcome_at"};
    static const char *const labels[] = {"Committed", "Recorded", "Outcome on"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        vg_time t;
        const char *v = json_string_value(json_object_get(c, keys[i]));
        if (!v || !vg_time_parse(vg_str_c(v), &t))
            continue;
        vg_h_fmt(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%s</dt>"
                     "<dd class=\"govuk-summary-list__value\">",
                 labels[i]);
        vg_page_time(&h, t, true);
        vg_h_raw(&h, "</dd></div>");
    }
    vg_crime_status st;
    const char *sv = vg_jstr(c, "status");
    vg_page_summary_row(&h, "Status", vg_crime_status_parse(sv, &st) ? vg_crime_status_label(st) : sv);
    vg_page_summary_row(&h, "Outcome", vg_jstr(c, "outcome_label"));
    if (*vg_jstr(c, "address")) {
        vg_h_raw(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Where</dt>"
                     "<dd class=\"govuk-summary-list__value\">");
        vg_h_fmt(&h, "<a class=\"govuk-link\" href=\"/locations/%lld\">",
                 (long long)json_integer_value(json_object_get(c, "location_id")));
        vg_h_text(&h, vg_jstr(c, "address"));
        vg_h_raw(&h, "</a></dd></div>");
    }
    json_int_t inc = json_integer_value(json_object_get(c, "incident_id"));
    if (inc) {
        vg_h_fmt(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Recorded from</dt>"
                     "<dd class=\"govuk-summary-list__value\"><a class=\"govuk-link\" href=\"/incidents/%lld\">",
                 (long long)inc);
        vg_h_textf(&h, "incident %s", *vg_jstr(c, "incident_reference") ? vg_jstr(c, "incident_reference") : "");
        vg_h_raw(&h, "</a></dd></div>");
    }
    vg_h_raw(&h, "</dl>\n<h2 class=\"govuk-heading-m\">People</h2>\n<ul class=\"govuk-list\">");
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(c, "parties"), i, it) {
        vg_h_raw(&h, "<li>");
        vg_page_party(&h, ACTOR, it);
        vg_h_raw(&h, "</li>");
    }
    vg_h_raw(&h, "</ul>\n<h2 class=\"govuk-heading-m\">Supervisors' reviews</h2>\n");
    const json_t *reviews = json_object_get(c, "reviews");
    if (!json_array_size(reviews))
        vg_h_raw(&h, "<p class=\"govuk-body\">Not reviewed yet.</p>\n");
    else
        vg_h_raw(&h, "<ol class=\"govuk-list govuk-list--number\">");
    json_array_foreach(reviews, i, it) {
        vg_h_raw(&h, "<li>");
        vg_page_day(&h, vg_jstr(it, "at"));
        vg_h_textf(&h, ", %s: %s", vg_jstr(it, "reviewer"), vg_jstr(it, "direction"));
        const char *next = json_string_value(json_object_get(it, "next_due"));
        vg_h_raw(&h, " (next review ");
        if (next)
            vg_page_day(&h, next);
        else
            vg_h_raw(&h, "none");
        vg_h_raw(&h, ")</li>");
    }
    if (json_array_size(reviews))
        vg_h_raw(&h, "</ol>\n");
    json_decref(c);
    vg_page_end(out, &h, 200);
}

/* ---- an agency's queue of joint actions */

/* above the list: how many are open, overdue and new, each a link to them */
static void actions_top(vg_http_server *s, vg_http_req *r, vg_html *h)
{
    static const struct {
        const char *label, *status, *flag, *href;
    } counts[] = {{"open", "open", NULL, "/actions?status=open"},
                  {"overdue", "overdue", NULL, "/actions?status=overdue"},
                  {"new this week", NULL, "1", "/actions?new=1"}};
    vg_h_raw(h, "<ul class=\"govuk-list vg-counts\" id=\"action-counts\">");
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        vg_list_query q;
        vg_list_query_init(&q, VG_LIST_ACTIONS);
        snprintf(q.filter[0], sizeof q.filter[0], "%s", counts[i].status ? counts[i].status : "");
        snprintf(q.filter[1], sizeof q.filter[1], "%s", counts[i].flag ? counts[i].flag : "");
        int64_t n = 0;
        vg_error err;
        if (vg_service_list_count(s->svc, ACTOR, &q, &n, &err))
            continue;
        vg_h_fmt(h, "<li><a class=\"govuk-link\" href=\"%s\"><strong class=\"vg-count\">", counts[i].href);
        vg_page_count(h, n);
        vg_h_fmt(h, "</strong> %s</a></li>", counts[i].label);
    }
    vg_h_raw(h, "</ul>\n");
}

void vg_page_actions(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_page_list(s, r, out, VG_LIST_ACTIONS, &(vg_list_view){"/actions", "/actions",
                 "The joint actions of the safety net assigned to your agency, the soonest due first: open each case "
                 "from its action.",
                 actions_top, NULL, NULL, false, 0, NULL, NULL, NULL});
}

/* POST /cases/{id}/shares: share with an agency, field by field (the page's form) */
void vg_page_case_share_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    long long id;
    if (!id_param(r, &id)) {
        vg_page_fail(r, out, 404, "There is no such case.");
        return;
    }
    char agency[VG_MAX_CODE + 1] = "", gateway[VG_MAX_GATEWAY + 1] = "", purpose[VG_MAX_GATEWAY + 1] = "";
    char fields[64] = "";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    (void)vg_form_text(&f, "agency", VG_LIM_CODE, agency, sizeof agency);
    (void)vg_form_text(&f, "gateway", VG_LIM_GATEWAY, gateway, sizeof gateway);
    (void)vg_form_text(&f, "purpose", VG_LIM_GATEWAY, purpose, sizeof purpose);
    /* the checked fields, known names only */
    static const char *const keys[] = {"subject", "summary", "risk", "actions", "notes"};
    for (size_t i = 0; i < 5; i++)
        if (vg_form_has(r->body, r->len, "field", keys[i]))
            snprintf(fields + strlen(fields), sizeof fields - strlen(fields), "%s%s", fields[0] ? " " : "", keys[i]);
    vg_error err;
    vg_err e = f.failed ? vg_form_error(&f, &err)
                        : vg_service_case_share(s->svc, ACTOR, id, agency, fields, gateway, purpose, &err);
    char msg[VG_PAGE_PROBLEM_MAX];
    if ((e == VG_ERR_INVALID_INPUT || e == VG_ERR_CONFLICT) && vg_page_form_problem(e, &err, msg, sizeof msg)) {
        case_kept k = {.field = err.where, .why = err.why, .agency = agency, .fields = fields, .gateway = gateway,
                       .purpose = purpose};
        case_page_with(s, r, out, id, msg, true, vg_http_status_of(e), &k);
        return;
    }
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    case_page(s, r, out, id, "The case is shared: that agency sees the title and the fields chosen.", false, 200);
}

/* POST /cases/{id}/shares/{agency}/stop */
void vg_page_case_unshare_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    long long id;
    if (!id_param(r, &id)) {
        vg_page_fail(r, out, 404, "There is no such case.");
        return;
    }
    vg_error err;
    vg_err e = vg_service_case_unshare(s->svc, ACTOR, id, r->param[1], &err);
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    case_page(s, r, out, id, "The case is no longer shared with that agency.", false, 200);
}

/* ---- opening a case: about a person, a household or a place; from a person's or a
 * place's page the subject comes filled in */

typedef struct case_form {
    char title[VG_MAX_TITLE + 1], kind[VG_MAX_CODE + 1], person[VG_MAX_CODE + 1], location[VG_MAX_CODE + 1];
    char summary[VG_MAX_CASE_TEXT + 1], risk[VG_MAX_CASE_TEXT + 1], actions[VG_MAX_CASE_TEXT + 1];
} case_form;

static void textarea(vg_html *h, const char *id, const char *label, const char *value, bool bad)
{
    vg_h_fmt(h, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"%s\">%s</label>"
                "<textarea class=\"govuk-textarea\" id=\"%s\" name=\"%s\" rows=\"3\">",
             bad ? " govuk-form-group--error" : "", id, label, id, id);
    vg_h_text(h, value);
    vg_h_raw(h, "</textarea></div>");
}

static void new_case_page(vg_http_req *r, vg_http_resp *out, const case_form *f, const char *field, const char *problem,
                          unsigned status)
{
    vg_html h = {0};
    vg_page_begin(r, &h, "Open a safety-net case", "/cases");
    if (problem)
        vg_page_problem(&h, field, problem);
    vg_h_raw(&h, "<form method=\"post\" action=\"/cases\" class=\"vg-form\">");
    vg_page_csrf(r, &h);
    if (f->person[0])
        vg_h_raw(&h, "<p class=\"govuk-body\">About the person whose page you came from.</p>");
    else if (f->location[0])
        vg_h_raw(&h, "<p class=\"govuk-body\">About the place whose page you came from.</p>");
    vg_h_raw(&h, "<input type=\"hidden\" name=\"person_id\" value=\"");
    vg_h_text(&h, f->person);
    vg_h_raw(&h, "\"><input type=\"hidden\" name=\"location_id\" value=\"");
    vg_h_text(&h, f->location);
    bool bad_title = field && !strcmp(field, "title");
    vg_h_fmt(&h, "\"><div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"title\">What the case is about "
                 "<span class=\"govuk-hint govuk-!-display-inline\">(required)</span></label><div class=\"govuk-hint\" "
                 "id=\"title-hint\">Every agency it is shared with sees the title: no names</div>",
             bad_title ? " govuk-form-group--error" : "");
    if (bad_title)
        vg_h_raw(&h, "<p class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> Write what the "
                     "case is about</p>");
    vg_h_raw(&h, "<input class=\"govuk-input\" id=\"title\" name=\"title\" type=\"text\" required "
                 "aria-describedby=\"title-hint\" value=\"");
    vg_h_text(&h, f->title);
    vg_h_raw(&h, "\"></div><div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"subject_kind\">About</label>"
                 "<select class=\"govuk-select\" id=\"subject_kind\" name=\"subject_kind\">");
    static const char *const kinds[] = {"person", "household", "location"};
    static const char *const labels[] = {"A person", "A household", "A place"};
    const char *chosen = f->kind[0] ? f->kind : f->location[0] ? "location" : "person";
    for (size_t i = 0; i < 3; i++)
        vg_h_fmt(&h, "<option value=\"%s\"%s>%s</option>", kinds[i], strcmp(chosen, kinds[i]) ? "" : " selected",
                 labels[i]);
    vg_h_raw(&h, "</select></div>");
    textarea(&h, "summary", "Summary", f->summary, field && !strcmp(field, "summary"));
    textarea(&h, "risk", "Risk", f->risk, field && !strcmp(field, "risk"));
    textarea(&h, "actions", "Agreed actions", f->actions, field && !strcmp(field, "actions"));
    vg_h_raw(&h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\" id=\"do-open\">Open the "
                 "case</button></form>\n");
    vg_page_end(out, &h, status);
}

void vg_page_case_new(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    (void)s;
    case_form f;
    memset(&f, 0, sizeof f);
    const char *p = vg_http_query(r, "person"), *l = vg_http_query(r, "location");
    int64_t v;
    if (p && vg_str_to_i64(vg_str_c(p), &v) && v > 0)
        snprintf(f.person, sizeof f.person, "%lld", (long long)v);
    if (l && vg_str_to_i64(vg_str_c(l), &v) && v > 0)
        snprintf(f.location, sizeof f.location, "%lld", (long long)v);
    new_case_page(r, out, &f, NULL, NULL, 200);
}

void vg_page_case_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    case_form f;
    memset(&f, 0, sizeof f);
    vg_form fr;
    vg_form_init(&fr, r->body, r->len);
    (void)vg_form_text(&fr, "title", VG_LIM_TITLE, f.title, sizeof f.title);
    (void)vg_form_text(&fr, "subject_kind", VG_LIM_CODE, f.kind, sizeof f.kind);
    (void)vg_form_text(&fr, "person_id", VG_LIM_CODE, f.person, sizeof f.person);
    (void)vg_form_text(&fr, "location_id", VG_LIM_CODE, f.location, sizeof f.location);
    (void)vg_form_text(&fr, "summary", VG_LIM_CASE_TEXT, f.summary, sizeof f.summary);
    (void)vg_form_text(&fr, "risk", VG_LIM_CASE_TEXT, f.risk, sizeof f.risk);
    (void)vg_form_text(&fr, "actions", VG_LIM_CASE_TEXT, f.actions, sizeof f.actions);
    int64_t person = 0, location = 0;
    vg_error err;
    vg_err e = fr.failed ? vg_form_error(&fr, &err) : VG_OK;
    if (!e && f.person[0] && !(vg_str_to_i64(vg_str_c(f.person), &person) && person > 0))
        e = vg_error_set(&err, VG_ERR_INVALID_INPUT, "person_id", "not a person");
    if (!e && f.location[0] && !(vg_str_to_i64(vg_str_c(f.location), &location) && location > 0))
        e = vg_error_set(&err, VG_ERR_INVALID_INPUT, "location_id", "not a place");
    json_t *c = NULL;
    if (!e) {
        vg_case_draft d = {f.title, f.kind, strcmp(f.kind, "person") ? 0 : person,
                           strcmp(f.kind, "location") ? 0 : location, f.summary, f.risk, f.actions};
        e = vg_service_case_create(s->svc, ACTOR, &d, &c, &err);
    }
    char msg[VG_PAGE_PROBLEM_MAX];
    if (vg_page_form_problem(e, &err, msg, sizeof msg)) {
        new_case_page(r, out, &f, err.where, msg, vg_http_status_of(e));
        return;
    }
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_page_redirect(out, "/cases/%lld", (long long)json_integer_value(json_object_get(c, "id")));
    json_decref(c);
}

/* POST /cases/{id}/notes */
void vg_page_case_note_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    long long id;
    if (!id_param(r, &id)) {
        vg_page_fail(r, out, 404, "There is no such case.");
        return;
    }
    char note[VG_MAX_NOTE + 1] = "";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    (void)vg_form_text(&f, "note", VG_LIM_NOTE, note, sizeof note);
    vg_error err;
    vg_err e = f.failed ? vg_form_error(&f, &err) : vg_service_case_note_add(s->svc, ACTOR, id, note, &err);
    char msg[VG_PAGE_PROBLEM_MAX];
    if (e == VG_ERR_INVALID_INPUT && vg_page_form_problem(e, &err, msg, sizeof msg)) {
        case_kept k = {.note = note};
        case_page_with(s, r, out, id, msg, true, 422, &k);
        return;
    }
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    case_page(s, r, out, id, "The note is added.", false, 200);
}
