/* pages_work.c - the screens of the web UI: a new call with its live first-contact
 * briefing, the dispatch queue, incidents, the safety net, the audit log and user
 * administration. Each calls the service with the signed-in actor. */
#include "base/alloc.h"
#include "base/str.h"
#include "domain/dispatch.h"
#include "http/html.h"
#include "http/http_int.h"
#include "domain/offence.h"
#include "io/contact_json.h"
#include "match/normalise.h"

#include <sodium.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACTOR (&r->session.actor)

/* ---- small pieces */

static const char *const channel_labels[VG_CHANNEL_COUNT] = {"999", "101", "Online", "Front counter", "Partner",
                                                             "Officer"};

/* Flags and reasons of one person's briefing. */
static void flags_html(vg_html *h, const vg_person_flags *f)
{
    if (f->repeat_victim)
        vg_h_raw(h, "<strong class=\"vg-flag\">Repeat victim</strong>");
    if (f->vulnerable)
        vg_h_raw(h, "<strong class=\"vg-flag\">Vulnerable</strong>");
    if (f->open_investigations)
        vg_h_fmt(h, "<strong class=\"vg-flag vg-flag--warning\">%lld open investigation%s</strong>",
                 (long long)f->open_investigations, f->open_investigations == 1 ? "" : "s");
    vg_h_fmt(h, "<p class=\"govuk-body-s\">In the last 12 months: %lld incident%s, %lld crime%s, %lld ASB report%s as "
                "victim or caller.</p>",
             (long long)f->incidents_12m, f->incidents_12m == 1 ? "" : "s", (long long)f->crimes_12m,
             f->crimes_12m == 1 ? "" : "s", (long long)f->asb_12m, f->asb_12m == 1 ? "" : "s");
    if (f->n_reasons) {
        vg_h_raw(h, "<ul class=\"govuk-list govuk-list--bullet\">");
        for (int i = 0; i < f->n_reasons; i++) {
            vg_h_raw(h, "<li>");
            vg_h_text(h, f->reasons[i]);
            vg_h_raw(h, "</li>");
        }
        vg_h_raw(h, "</ul>");
    }
}

static void hidden_field(vg_html *h, const char *name, const char *value)
{
    vg_h_fmt(h, "<input type=\"hidden\" name=\"%s\" value=\"", name);
    vg_h_text(h, value);
    vg_h_raw(h, "\">");
}

/* The field a form came back for and why, said beside it (NULL, or field NULL: none). */
typedef struct field_err {
    const char *field, *why;
} field_err;

static bool field_bad(const field_err *fe, const char *id) { return fe && fe->field && !strcmp(fe->field, id); }

static void select_html(vg_html *h, const field_err *fe, const char *id, const char *label, const char *const *names,
                        const char *const *labels, int n, const char *chosen)
{
    vg_page_group(h, fe ? fe->field : NULL, id);
    vg_h_fmt(h, "<label class=\"govuk-label\" for=\"%s\">%s</label>", id, label);
    vg_page_field_error(h, fe ? fe->field : NULL, id, fe ? fe->why : NULL);
    vg_h_fmt(h, "<select class=\"govuk-select%s\" id=\"%s\" name=\"%s\">", field_bad(fe, id) ? " govuk-select--error" : "",
             id, id);
    for (int i = 0; i < n; i++) {
        vg_h_raw(h, "<option value=\"");
        vg_h_text(h, names[i]);
        vg_h_raw(h, chosen && strcmp(chosen, names[i]) == 0 ? "\" selected>" : "\">");
        vg_h_text(h, labels[i]);
        vg_h_raw(h, "</option>");
    }
    vg_h_raw(h, "</select></div>\n");
}

static void input_html(vg_html *h, const field_err *fe, const char *id, const char *label, const char *hint,
                       const char *type, const char *width, const char *value, const char *autocomplete)
{
    vg_page_group(h, fe ? fe->field : NULL, id);
    vg_h_fmt(h, "<label class=\"govuk-label\" for=\"%s\">%s</label>", id, label);
    if (hint)
        vg_h_fmt(h, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>", id, hint);
    vg_page_field_error(h, fe ? fe->field : NULL, id, fe ? fe->why : NULL);
    vg_h_fmt(h, "<input class=\"govuk-input %s%s\" id=\"%s\" name=\"%s\" type=\"%s\" autocomplete=\"%s\"%s%s%s value=\"",
             width, field_bad(fe, id) ? " govuk-input--error" : "", id, id, type, autocomplete,
             hint ? " aria-describedby=\"" : "", hint ? id : "", hint ? "-hint\"" : "");
    vg_h_text(h, value ? value : "");
    vg_h_raw(h, "\"></div>\n");
}

/* ---- a new call */

/* The form's fields, as posted (or empty). */
typedef struct call_form {
    char received[VG_MAX_CODE + 1], channel[VG_MAX_CODE + 1], category[VG_MAX_CODE + 1], offence_code[VG_MAX_CODE + 1],
        thrive[VG_MAX_CODE + 1], description[VG_MAX_DESCRIPTION + 1];
    char address[VG_MAX_ADDRESS + 1], postcode[VG_MAX_POSTCODE + 1];
    char role[VG_MAX_CODE + 1], given[VG_MAX_NAME + 1], family[VG_MAX_NAME + 1], dob[VG_MAX_CODE + 1],
        phone[VG_MAX_PHONE + 1], home[VG_MAX_ADDRESS + 1], home_postcode[VG_MAX_POSTCODE + 1];
    char no_location[VG_MAX_CODE + 1]; /* "1": the call has no fixed location */
    char person_choice[VG_MAX_CODE + 1]; /* a person record's id, "none" (a new person) or "" (the match) */
    char draft[VG_MAX_CODE + 1];          /* this call's draft ("D-" and 12 letters): its lookups carry it */
} call_form;

/* A draft id as the form made it, or "" (nothing else is taken: it goes into the log). */
static bool draft_ok(const char *d)
{
    if (strncmp(d, "D-", 2) != 0 || strlen(d) != 14)
        return false;
    for (const char *p = d + 2; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            return false;
    return true;
}

static void draft_new(char *out, size_t n)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    unsigned char rnd[12];
    randombytes_buf(rnd, sizeof rnd);
    char id[15] = "D-";
    for (int i = 0; i < 12; i++)
        id[2 + i] = alphabet[rnd[i] % 36];
    id[14] = '\0';
    snprintf(out, n, "%s", id);
}

/* The form as posted; a field over its limit is left empty and named in fr. */
static void form_read(const vg_http_req *r, call_form *f, vg_form *fr)
{
    memset(f, 0, sizeof *f);
    vg_form_init(fr, r->body, r->len);
#define GET(field, lim) (void)vg_form_text(fr, #field, lim, f->field, sizeof f->field)
    GET(received, VG_LIM_CODE);
    GET(channel, VG_LIM_CODE);
    GET(category, VG_LIM_CODE);
    GET(offence_code, VG_LIM_CODE);
    GET(thrive, VG_LIM_CODE);
    GET(description, VG_LIM_DESCRIPTION);
    GET(address, VG_LIM_ADDRESS);
    GET(postcode, VG_LIM_POSTCODE);
    GET(role, VG_LIM_CODE);
    GET(given, VG_LIM_NAME);
    GET(family, VG_LIM_NAME);
    GET(dob, VG_LIM_CODE);
    GET(phone, VG_LIM_PHONE);
    GET(home, VG_LIM_ADDRESS);
    GET(home_postcode, VG_LIM_POSTCODE);
    GET(no_location, VG_LIM_CODE);
    GET(person_choice, VG_LIM_CODE);
    GET(draft, VG_LIM_CODE);
#undef GET
    if (!draft_ok(f->draft))
        f->draft[0] = '\0';
}

static void call_form_html(vg_http_req *r, vg_html *h, const call_form *f, const char *error_field, const char *error)
{
    if (error)
        vg_page_problem(h, error_field && *error_field ? error_field : "category", error);
    /* the problem beside its field too, in words ("category: choose..." says "choose...") */
    const char *colon = error ? strstr(error, ": ") : NULL;
    field_err fe_at = {error && error_field && *error_field ? error_field : NULL, colon ? colon + 2 : error};
    const field_err *fe = &fe_at;
    /* the form's fields, the briefing, then the submit button: on a wide screen the briefing
     * stays in view beside the form as it scrolls; on a narrow one it sits above the button */
    vg_h_raw(h, "<div class=\"vg-call\">\n<div class=\"vg-call__form\">\n"
                "<form method=\"post\" action=\"/calls\" novalidate id=\"call\" data-enter=\"no-submit\">\n"
                "<input type=\"hidden\" name=\"csrf\" value=\"");
    vg_h_text(h, r->session.csrf);
    vg_h_raw(h, "\"><input type=\"hidden\" id=\"draft\" name=\"draft\" value=\"");
    vg_h_text(h, f->draft);
    vg_h_raw(h, "\"><input type=\"hidden\" id=\"person_choice_kept\" name=\"person_choice_kept\" value=\"");
    vg_h_text(h, f->person_choice);
    vg_h_raw(h, "\"><input type=\"hidden\" name=\"received\" value=\"");
    vg_h_text(h, f->received);
    vg_h_raw(h, "\">\n<p class=\"govuk-body\">Received ");
    vg_time t;
    if (vg_time_parse(vg_str_c(f->received), &t))
        vg_page_time(h, t, true);
    vg_h_raw(h, "</p>\n<fieldset class=\"govuk-fieldset\" id=\"person-fields\"><legend class=\"govuk-fieldset__legend "
                "govuk-fieldset__legend--m\">Caller or victim</legend>\n");
    static const char *const roles[] = {"victim", "caller", "witness", "suspect"};
    static const char *const role_labels[] = {"Victim", "Caller", "Witness", "Suspect"};
    select_html(h, fe, "role", "Role in this call", roles, role_labels, 4, f->role[0] ? f->role : "victim");
    input_html(h, fe, "given", "Given names", NULL, "text", "govuk-!-width-two-thirds", f->given, "off");
    input_html(h, fe, "family", "Family name", NULL, "text", "govuk-!-width-two-thirds", f->family, "off");
    input_html(h, fe, "dob", "Date of birth", "For example, 11/02/1984", "text", "govuk-input--width-10", f->dob, "off");
    input_html(h, fe, "phone", "Phone", NULL, "tel", "govuk-input--width-20", f->phone, "off");
    input_html(h, fe, "home", "Home address", NULL, "text", "", f->home, "off");
    input_html(h, fe, "home_postcode", "Home postcode", NULL, "text", "govuk-input--width-10", f->home_postcode, "off");
    vg_h_raw(h, "</fieldset>\n<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend "
                "govuk-fieldset__legend--m\">The call</legend>\n");
    static const char *cat_names[VG_CAT_COUNT], *ch_names[VG_CHANNEL_COUNT], *th_names[VG_THRIVE_COUNT];
    const char *cat_labels[VG_CAT_COUNT];
    for (int i = 0; i < VG_CAT_COUNT; i++) {
        cat_names[i] = vg_category_name((vg_category)i);
        cat_labels[i] = vg_category_label((vg_category)i);
    }
    for (int i = 0; i < VG_CHANNEL_COUNT; i++)
        ch_names[i] = vg_channel_name((vg_channel)i);
    for (int i = 0; i < VG_THRIVE_COUNT; i++)
        th_names[i] = vg_thrive_name((vg_thrive)i);
    /* nothing chosen until the call handler chooses: a category is never assumed */
    const char *cat_names1[VG_CAT_COUNT + 1] = {""}, *cat_labels1[VG_CAT_COUNT + 1] = {"Choose what the call is about"};
    for (int i = 0; i < VG_CAT_COUNT; i++) {
        cat_names1[i + 1] = cat_names[i];
        cat_labels1[i + 1] = cat_labels[i];
    }
    select_html(h, fe, "category", "Category" VG_REQUIRED, cat_names1, cat_labels1, VG_CAT_COUNT + 1, f->category);
    input_html(h, fe, "offence_code", "Home Office offence code (crimes)", "For example, 28E for a residential burglary",
               "text", "govuk-input--width-5", f->offence_code, "off");
    select_html(h, fe, "channel", "How it came in", ch_names, channel_labels, VG_CHANNEL_COUNT, f->channel);
    input_html(h, fe, "address", "Where: address" VG_REQUIRED, "Or a postcode, or tick No fixed location", "text", "", f->address, "off");
    input_html(h, fe, "postcode", "Where: postcode", NULL, "text", "govuk-input--width-10", f->postcode, "off");
    vg_h_fmt(h, "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes govuk-checkboxes--small\" "
                "data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\"><input "
                "class=\"govuk-checkboxes__input\" id=\"no_location\" name=\"no_location\" type=\"checkbox\" value=\"1\"%s>"
                "<label class=\"govuk-label govuk-checkboxes__label\" for=\"no_location\">No fixed location (a call "
                "about someone, not a place)</label></div></div></div>\n",
             f->no_location[0] ? " checked" : "");
    vg_h_raw(h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"description\">What happened</label>"
                "<textarea class=\"govuk-textarea\" id=\"description\" name=\"description\" rows=\"4\">");
    vg_h_text(h, f->description);
    vg_h_raw(h, "</textarea></div>\n</fieldset>\n"
                "<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"thrive-hint\">"
                "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">THRIVE grading" VG_REQUIRED "</legend>"
                "<div id=\"thrive-hint\" class=\"govuk-hint\">Threat, harm, risk, investigation, vulnerability and "
                "engagement: the response this call needs.</div><div class=\"govuk-radios\" data-module=\"govuk-radios\">");
    for (int i = 1; i < VG_THRIVE_COUNT; i++) {
        vg_h_fmt(h, "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"thrive-%s\" name=\"thrive\" "
                    "type=\"radio\" value=\"%s\"%s><label class=\"govuk-label govuk-radios__label\" for=\"thrive-%s\">%s</label>"
                    "</div>",
                 th_names[i], th_names[i], strcmp(f->thrive, th_names[i]) == 0 ? " checked" : "", th_names[i],
                 vg_thrive_label((vg_thrive)i));
    }
    vg_h_raw(h, "</div></fieldset></div>\n</form>\n</div>\n"
                "<div class=\"vg-call__briefing\">\n<h2 class=\"govuk-heading-m\">First-contact briefing</h2>\n"
                /* refreshed as the caller's details are typed: 30 ms after the last key */
                "<div id=\"briefing\" class=\"vg-briefing\" aria-live=\"polite\" hx-get=\"/calls/briefing\" "
                "hx-trigger=\"load, input changed delay:30ms from:#person-fields, change from:#category\" "
                "hx-include=\"#person-fields, #category, #person_choice_kept\" hx-sync=\"this:replace\"");
    if (f->draft[0]) /* every lookup while this call is drafted says so in the audit log */
        vg_h_fmt(h, " hx-headers='{\"X-Purpose\": \"first contact: lookup while drafting call %s\"}'", f->draft);
    vg_h_raw(h, "><p class=\"govuk-body\">Type the caller's details to see what is known about them.</p></div>\n"
                "</div>\n<div class=\"vg-call__submit\"><button type=\"submit\" form=\"call\" class=\"govuk-button\" "
                "data-module=\"govuk-button\">Record the call</button></div>\n</div>\n");
}

void vg_page_call_new(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_error err;
    vg_err e = vg_service_check(s->svc, ACTOR, VG_PERM_INCIDENT_CREATE, "new call", &err);
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    call_form f;
    memset(&f, 0, sizeof f);
    vg_time_format(vg_time_now(), f.received); /* the call is recorded as it comes in */
    draft_new(f.draft, sizeof f.draft);
    snprintf(f.channel, sizeof f.channel, "999");
    vg_html h = {0};
    vg_page_begin(r, &h, "New call", "/calls/new");
    call_form_html(r, &h, &f, NULL, NULL);
    vg_page_end(out, &h, 200);
}

/* The briefing panel (an htmx fragment) for the lookup's answer. */
/* The call handler's choice among the people found: a radio per person (the record it
 * names) and "none of these", in the call form (form="call") though shown in the panel;
 * kept: the choice made before the form came back with a problem. */
static void choice_radio(vg_html *h, const char *value, const char *label, const char *kept)
{
    vg_h_raw(h, "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" form=\"call\" "
                "name=\"person_choice\" type=\"radio\" id=\"choose-");
    vg_h_text(h, value);
    vg_h_raw(h, "\" value=\"");
    vg_h_text(h, value);
    vg_h_raw(h, kept && strcmp(kept, value) == 0 ? "\" checked>" : "\">");
    vg_h_raw(h, "<label class=\"govuk-label govuk-radios__label\" for=\"choose-");
    vg_h_text(h, value);
    vg_h_raw(h, "\">");
    vg_h_text(h, label);
    vg_h_raw(h, "</label></div>");
}

static char *briefing_html(const vg_lookup_result *res, const char *kept, size_t *len)
{
    vg_html h = {0};
    if (!res->n) {
        vg_h_raw(&h, "<p class=\"govuk-body\">No one on record matches. A new person record will be made.</p>");
        return vg_h_finish(&h, len);
    }
    if (res->has_briefing) {
        const vg_person_briefing *b = &res->briefing;
        const vg_candidate *m = &b->match;
        vg_h_raw(&h, "<h3 class=\"govuk-heading-s\">Known to us: ");
        if (b->name[0])
            vg_h_text(&h, b->name);
        else {
            vg_h_text(&h, m->given);
            vg_h_raw(&h, " ");
            vg_h_text(&h, m->family);
        }
        vg_h_raw(&h, "</h3>");
        if (b->aliases[0]) {
            vg_h_raw(&h, "<p class=\"govuk-body-s\">Also recorded as ");
            vg_h_text(&h, b->aliases);
            vg_h_raw(&h, "</p>");
        }
        vg_h_fmt(&h, "<p class=\"govuk-body-s\">%s match; what is known comes from %d record%s of this person.</p>",
                 m->band == VG_BAND_CERTAIN ? "Certain" : m->band == VG_BAND_PROBABLE ? "Probable" : "Possible",
                 b->n_records, b->n_records == 1 ? "" : "s");
        flags_html(&h, &b->flags);
    } else {
        vg_h_raw(&h, "<p class=\"govuk-body\">No one is a certain match; the closest are below.</p>");
    }
    /* a fragment (not through vg_page_end): its table scrolls in its own box here */
    vg_h_raw(&h, "<div class=\"vg-scroll\"><table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--s\">"
                 "Closest people</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                 "<th scope=\"col\" class=\"govuk-table__header\">Name</th><th scope=\"col\" class=\"govuk-table__header\">"
                 "Born</th><th scope=\"col\" class=\"govuk-table__header\">Match</th><th scope=\"col\" "
                 "class=\"govuk-table__header\">Why</th><th scope=\"col\" class=\"govuk-table__header\">Records</th>"
                 "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < res->n && i < 5; i++) {
        const vg_candidate *c = &res->cand[i];
        vg_h_raw(&h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
        vg_h_text(&h, c->given);
        vg_h_raw(&h, " ");
        vg_h_text(&h, c->family);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        if (c->dob != VG_DATE_NONE) {
            char d[VG_DATE_LEN];
            vg_date_format(c->dob, d);
            vg_h_text(&h, d);
        }
        vg_h_fmt(&h, "</td><td class=\"govuk-table__cell\"><strong class=\"vg-band vg-band--%s\">%s</strong></td>"
                     "<td class=\"govuk-table__cell govuk-body-s\">",
                 vg_match_band_name(c->band),
                 c->band == VG_BAND_CERTAIN ? "Certain" : c->band == VG_BAND_PROBABLE ? "Probable" : "Possible");
        char evidence[512];
        vg_match_evidence(c->level, evidence, sizeof evidence);
        vg_h_text(&h, evidence);
        vg_h_fmt(&h, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td></tr>",
                 c->n_records > 0 ? c->n_records : 1);
    }
    vg_h_raw(&h, "</tbody></table></div>");
    /* who the caller is: the call handler's word over the match, by keyboard */
    vg_h_raw(&h, "<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"choose-hint\">"
                 "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Who is the caller?</legend>"
                 "<div id=\"choose-hint\" class=\"govuk-hint\">Leave it unchosen to go with the match.</div>"
                 "<div class=\"govuk-radios govuk-radios--small\" data-module=\"govuk-radios\">");
    for (size_t i = 0; i < res->n && i < 5; i++) {
        const vg_candidate *c = &res->cand[i];
        char value[24], label[2 * VG_NAME_MAX + 64], d[VG_DATE_WORDS_LEN] = "";
        snprintf(value, sizeof value, "%lld", (long long)c->person_id);
        if (c->dob != VG_DATE_NONE)
            vg_date_words(c->dob, d);
        snprintf(label, sizeof label, "%s %s%s%s", c->given, c->family, d[0] ? ", born " : "", d);
        choice_radio(&h, value, label, kept);
    }
    choice_radio(&h, "none", "None of these: someone new to us", kept);
    vg_h_raw(&h, "</div></fieldset></div>");
    return vg_h_finish(&h, len);
}

static void briefing_logged(void *ctx, vg_err rc, const vg_error *err)
{
    vg_http_resume(ctx, rc, err);
}

void vg_page_call_briefing(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    const char *given = vg_http_query(r, "given"), *family = vg_http_query(r, "family");
    const char *phone = vg_http_query(r, "phone"), *dob = vg_http_query(r, "dob");
    const char *post = vg_http_query(r, "home_postcode"), *home = vg_http_query(r, "home");
    vg_lookup_request q = {.given = given && *given ? given : NULL, .family = family && *family ? family : NULL,
                           .dob = VG_DATE_NONE, .at = vg_time_now(), .category = VG_CAT_CRIME, .role = VG_ROLE_VICTIM,
                           .max = 5};
    char pc[9], ph[20];
    if (phone && *phone && vg_norm_phone(phone, strlen(phone), ph)) /* half-typed: left out until it reads */
        q.phone = phone;
    if (post && *post && vg_norm_postcode(post, strlen(post), pc))
        q.postcode = post;
    if (home && *home)
        q.address = home;
    if (dob && *dob)
        (void)vg_date_read(dob, &q.dob);
    const char *v;
    if ((v = vg_http_query(r, "category")))
        (void)vg_category_parse(v, &q.category);
    if ((v = vg_http_query(r, "role")))
        (void)vg_role_parse(v, &q.role);
    out->content_type = "text/html; charset=utf-8";
    if (!q.given && !q.family && !q.phone && q.dob == VG_DATE_NONE && !q.postcode) {
        out->text = strdup("<p class=\"govuk-body\">Type the caller's details to see what is known about them.</p>");
        out->text_len = out->text ? strlen(out->text) : 0;
        out->status = out->text ? 200 : 500;
        return;
    }
    /* as the API's lookup: answered once its consultation is in the audit log */
    vg_http_suspend(r, out);
    r->later.content_type = "text/html; charset=utf-8";
    vg_lookup_result *res = vg_malloc(sizeof *res);
    vg_error err;
    vg_err e = res ? vg_service_lookup_async(s->svc, ACTOR, &q, res, briefing_logged, r, &err)
                   : vg_error_set(&err, VG_ERR_NOMEM, "lookup", "out of memory");
    if (e) {
        vg_html h = {0};
        vg_h_raw(&h, "<p class=\"govuk-body\">");
        vg_h_text(&h, err.why);
        vg_h_raw(&h, "</p>");
        r->later.text = vg_h_finish(&h, &r->later.text_len);
        /* a refusal is a refusal (403, the attempt logged); what is still being typed is
         * guidance in the briefing's box (200) */
        r->later.status = !r->later.text ? 500 : e == VG_ERR_FORBIDDEN ? 403 : 200;
        vg_http_resume(r, VG_OK, NULL);
    } else if ((r->later.text = briefing_html(res, vg_http_query(r, "person_choice_kept"), &r->later.text_len)) != NULL) {
        r->later.status = 200;
    } else {
        vg_http_fail(&r->later, 500, NULL, "out of memory");
    }
    vg_free(res);
}

void vg_page_call_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    call_form f;
    vg_form fr;
    form_read(r, &f, &fr);
    if (fr.failed) { /* named on the form, with everything else as typed */
        char msg[sizeof fr.field + sizeof fr.why + 4];
        vg_page_field_problem(fr.field, fr.why, msg, sizeof msg);
        vg_html h = {0};
        vg_page_begin(r, &h, "New call", "/calls/new");
        call_form_html(r, &h, &f, fr.field, msg);
        vg_page_end(out, &h, 422);
        return;
    }
    /* what a call needs before it goes to dispatch, named on the form in words */
    const char *missing = NULL, *why = NULL;
    if (!f.category[0])
        missing = "category", why = "choose what the call is about";
    else if (!f.address[0] && !f.postcode[0] && !f.no_location[0])
        missing = "address", why = "give where it happened (an address or a postcode), or tick No fixed location";
    else if (!f.thrive[0])
        missing = "thrive", why = "choose the THRIVE grade: the call goes to dispatch with it";
    else if (f.person_choice[0] && strcmp(f.person_choice, "none") != 0 &&
             !(vg_str_to_i64(vg_str_c(f.person_choice), &(int64_t){0})))
        missing = "person_choice", why = "choose one of the people found, or none of these";
    if (missing) {
        char msg[200];
        vg_page_field_problem(missing, why, msg, sizeof msg);
        vg_html h = {0};
        vg_page_begin(r, &h, "New call", "/calls/new");
        call_form_html(r, &h, &f, strcmp(missing, "thrive") == 0 ? "thrive-immediate" : missing, msg);
        vg_page_end(out, &h, 422);
        return;
    }
    json_t *j = json_object();
    json_object_set_new(j, "received", json_string(f.received));
    json_object_set_new(j, "category", json_string(f.category));
    if (f.channel[0])
        json_object_set_new(j, "channel", json_string(f.channel));
    if (f.thrive[0])
        json_object_set_new(j, "thrive", json_string(f.thrive));
    if (f.offence_code[0])
        json_object_set_new(j, "offence_code", json_string(f.offence_code));
    if (f.description[0])
        json_object_set_new(j, "description", json_string(f.description));
    if (f.address[0] || f.postcode[0]) {
        json_t *loc = json_object();
        if (f.address[0])
            json_object_set_new(loc, "address", json_string(f.address));
        if (f.postcode[0])
            json_object_set_new(loc, "postcode", json_string(f.postcode));
        json_object_set_new(j, "location", loc);
    }
    if (f.given[0] || f.family[0] || f.phone[0]) {
        json_t *p = json_object();
        json_object_set_new(p, "role", json_string(f.role[0] ? f.role : "victim"));
        if (f.given[0])
            json_object_set_new(p, "given_names", json_string(f.given));
        if (f.family[0])
            json_object_set_new(p, "family_name", json_string(f.family));
        vg_date born;
        char iso[VG_DATE_LEN];
        if (f.dob[0] && vg_date_read(f.dob, &born)) { /* as typed: dd/mm/yyyy or ISO */
            vg_date_format(born, iso);
            json_object_set_new(p, "dob", json_string(iso));
        } else if (f.dob[0]) {
            json_object_set_new(p, "dob", json_string(f.dob)); /* refused by the reader, named */
        }
        if (f.phone[0])
            json_object_set_new(p, "phone", json_string(f.phone));
        if (f.home[0])
            json_object_set_new(p, "address", json_string(f.home));
        if (f.home_postcode[0])
            json_object_set_new(p, "postcode", json_string(f.home_postcode));
        int64_t chosen;
        if (strcmp(f.person_choice, "none") == 0)
            json_object_set_new(p, "new_person", json_true());
        else if (f.person_choice[0] && vg_str_to_i64(vg_str_c(f.person_choice), &chosen) && chosen > 0)
            json_object_set_new(p, "person_id", json_integer(chosen));
        json_t *people = json_array();
        json_array_append_new(people, p);
        json_object_set_new(j, "people", people);
    }
    if (f.draft[0]) /* recorded as the draft whose lookups came before it */
        snprintf(r->session.actor.purpose, sizeof r->session.actor.purpose, "first contact: record the call drafted as %s",
                 f.draft);
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    vg_briefing *b = NULL;
    size_t n = 0;
    vg_error err;
    vg_err e = text ? vg_http_record(s, r, text, strlen(text), &b, &n, &err)
                    : vg_error_set(&err, VG_ERR_NOMEM, "call", "out of memory");
    free(text);
    if (e == VG_ERR_INVALID_INPUT) { /* the form again, with the problem named */
        const char *field = strrchr(err.where, '.');
        field = field ? field + 1 : strncmp(err.where, "body: ", 6) == 0 ? err.where + 6 : err.where;
        char msg[sizeof err.where + sizeof err.why + 4];
        vg_page_field_problem(field, err.why, msg, sizeof msg);
        static const struct { const char *json, *form; } names[] = {
            {"given_names", "given"}, {"family_name", "family"}, {"address", "home"}, {"postcode", "postcode"}};
        const char *id = field;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strcmp(field, names[i].json) == 0 && strstr(err.where, "people"))
                id = names[i].form;
        if (strcmp(id, "postcode") == 0 && strstr(err.where, "people"))
            id = "home_postcode";
        vg_html h = {0};
        vg_page_begin(r, &h, "New call", "/calls/new");
        call_form_html(r, &h, &f, id, msg);
        vg_page_end(out, &h, 422);
        return;
    }
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_page_redirect(out, "/incidents/%lld", (long long)b[0].incident_id);
    vg_free(b);
}

/* ---- the dispatch queue */

/* ---- incidents */

void vg_page_incidents(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_page_list(s, r, out, VG_LIST_INCIDENTS, &(vg_list_view){"/incidents", "/incidents",
                 "Every incident you may see, newest first. Filter by period, category, status, grade, area or "
                 "vulnerability; sort by a column's heading; download what the filters keep.",
                 NULL, NULL, NULL, false, 0, NULL, NULL, NULL});
}

void vg_page_crimes(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_page_list(s, r, out, VG_LIST_CRIMES, &(vg_list_view){"/crimes", "/crimes",
                 "Every crime you may see, newest recorded first. Filter by period, offence, status, investigation, "
                 "area or victims with an enhanced entitlement; download what the filters keep.",
                 NULL, NULL, NULL, false, 0, NULL, NULL, NULL});
}

void vg_page_users(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_page_list(s, r, out, VG_LIST_USERS, &(vg_list_view){"/admin/users", "/admin",
                 "Every user, with the role, agency and state of the account and when each last signed in.",
                 NULL, NULL, NULL, false, 0, NULL, NULL, NULL});
}

/* What a record of a person's history is: a crime's offence by name with its code, an
 * incident's category by name. */
static void record_what(vg_html *h, bool crime, const char *code)
{
    if (crime) {
        const vg_offence *o = vg_offence_find(code);
        vg_h_textf(h, "%s (%s)", o ? o->label : "crime", code);
    } else {
        vg_category c;
        vg_h_text(h, vg_category_parse(code, &c) ? vg_category_label(c) : code);
    }
}

/* ---- a person */

void vg_page_person(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *v = vg_page_view(s, r, out, "person", vg_service_person_view);
    if (!v)
        return;
    char title[240];
    snprintf(title, sizeof title, "%s %s", vg_jstr(v, "given_names"), vg_jstr(v, "family_name"));
    vg_html h = {0};
    vg_page_begin(r, &h, title, "/persons"); /* no item of the menu: a person is reached from a search or a record */
    vg_h_raw(&h, "<dl class=\"govuk-summary-list\">");
    vg_page_summary_row(&h, "Record number", r->param[0]); /* what the audit log names it by */
    vg_date dob;
    char dob_words[VG_DATE_WORDS_LEN] = "not known";
    if (vg_date_parse(vg_str_c(vg_jstr(v, "dob")), &dob))
        vg_date_words(dob, dob_words);
    vg_page_summary_row(&h, "Date of birth", dob_words);
    vg_page_summary_row(&h, "Gender", vg_jstr(v, "gender"));
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(v, "aliases"), i, it) {
        char alias[240];
        snprintf(alias, sizeof alias, "%s %s", vg_jstr(it, "given_names"), vg_jstr(it, "family_name"));
        vg_page_summary_row(&h, "Also recorded as", alias);
    }
    json_array_foreach(json_object_get(v, "contacts"), i, it)
        vg_page_summary_row(&h, vg_jstr(it, "kind"), vg_jstr(it, "value"));
    vg_h_raw(&h, "</dl>\n");
    if (json_array_size(json_object_get(v, "markers"))) {
        vg_h_raw(&h, "<h2 class=\"govuk-heading-m\">Markers</h2>\n<ul class=\"govuk-list\">");
        json_array_foreach(json_object_get(v, "markers"), i, it) {
            vg_h_fmt(&h, "<li><strong class=\"vg-flag%s\">", strcmp(vg_jstr(it, "kind"), "vulnerability") == 0 ? "" : " vg-flag--warning");
            vg_h_text(&h, vg_jstr(it, "code"));
            vg_h_raw(&h, "</strong> ");
            vg_h_text(&h, vg_jstr(it, "detail"));
            vg_h_raw(&h, "</li>");
        }
        vg_h_raw(&h, "</ul>\n");
    }
    if (vg_actor_can(ACTOR, VG_PERM_CASE_CREATE) && ACTOR->police) /* naming a police record is a police decision */
        vg_h_fmt(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" id=\"open-case\" href=\"/cases/new?person=%s\">Open a "
                     "safety-net case about this person</a></p>\n",
                 r->param[0]);
    const json_t *hist = json_object_get(v, "history");
    json_int_t all = json_integer_value(json_object_get(v, "history_total"));
    vg_h_raw(&h, "<h2 class=\"govuk-heading-m\">History (");
    vg_page_count(&h, all);
    vg_h_raw(&h, ")</h2>\n");
    if (all > (json_int_t)json_array_size(hist)) {
        vg_h_fmt(&h, "<p class=\"govuk-body\">The newest %zu. <a class=\"govuk-link\" id=\"all-history\" "
                     "href=\"/history?person=%s\">All ",
                 json_array_size(hist), r->param[0]);
        vg_page_count(&h, all);
        vg_h_raw(&h, ", page by page, to sort, filter and download</a></p>\n");
    }
    if (!json_array_size(hist)) {
        vg_h_raw(&h, "<p class=\"govuk-body\">Not party to any incident or crime.</p>\n");
    } else {
        vg_h_raw(&h, "<table class=\"govuk-table\"><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                     "<th scope=\"col\" class=\"govuk-table__header\">When</th>"
                     "<th scope=\"col\" class=\"govuk-table__header\">What</th>"
                     "<th scope=\"col\" class=\"govuk-table__header\">Role</th></tr></thead><tbody class=\"govuk-table__body\">");
        json_array_foreach(hist, i, it) {
            vg_h_raw(&h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
            vg_time t;
            if (vg_time_parse(vg_str_c(vg_jstr(it, "when")), &t))
                vg_page_time(&h, t, true);
            vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
            bool crime = strcmp(vg_jstr(it, "kind"), "crime") == 0;
            json_int_t inc = json_integer_value(json_object_get(it, crime ? "incident_id" : "id"));
            json_int_t target = crime ? json_integer_value(json_object_get(it, "id")) : inc;
            if (!vg_actor_can(ACTOR, VG_PERM_INCIDENT_READ))
                target = 0; /* no link the reader could not follow */
            if (target)
                vg_h_fmt(&h, "<a class=\"govuk-link\" href=\"/%s/%lld\">", crime ? "crimes" : "incidents", (long long)target);
            /* the record by its reference, its offence or category by name */
            vg_h_textf(&h, "%s: ", *vg_jstr(it, "reference") ? vg_jstr(it, "reference") : crime ? "a crime" : "an incident");
            record_what(&h, crime, vg_jstr(it, crime ? "offence_code" : "category"));
            if (crime)
                vg_h_textf(&h, ", %s", strcmp(vg_jstr(it, "status"), "recorded") ? vg_jstr(it, "status")
                                       : json_is_true(json_object_get(it, "open")) ? "under investigation" : "outcome given");
            if (target)
                vg_h_raw(&h, "</a>");
            vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
            vg_role role;
            vg_h_text(&h, vg_role_parse(vg_jstr(it, "role"), &role) ? vg_role_label(role) : vg_jstr(it, "role"));
            vg_h_raw(&h, "</td></tr>");
        }
        vg_h_raw(&h, "</tbody></table>\n");
    }
    json_decref(v);
    vg_page_end(out, &h, 200);
}

/* ---- a person's whole history, on the list component */

static void history_rows(vg_http_req *r, vg_html *h, const json_t *rows, const void *ctx)
{
    (void)r;
    (void)ctx;
    vg_h_raw(h, "<table class=\"govuk-table vg-list\" id=\"list-history\"><thead class=\"govuk-table__head\"><tr "
                "class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">When</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">What</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Role</th>"
                "<th scope=\"col\" class=\"govuk-table__header\">Status</th></tr></thead><tbody class=\"govuk-table__body\">");
    size_t i;
    json_t *it;
    json_array_foreach(rows, i, it) {
        vg_h_raw(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
        vg_page_time_iso(h, vg_jstr(it, "at"));
        bool crime = !strcmp(vg_jstr(it, "kind"), "crime");
        bool link = vg_actor_can(&r->session.actor, VG_PERM_INCIDENT_READ); /* no link the reader could not follow */
        vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
        if (link)
            vg_h_fmt(h, "<a class=\"govuk-link\" href=\"/%s/%lld\">", crime ? "crimes" : "incidents",
                     (long long)json_integer_value(json_object_get(it, crime ? "crime_id" : "incident_id")));
        vg_h_text(h, vg_jstr(it, "reference"));
        vg_h_raw(h, link ? "</a>: " : ": ");
        record_what(h, crime, vg_jstr(it, "what"));
        vg_role role;
        vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
        vg_h_text(h, vg_role_parse(vg_jstr(it, "role"), &role) ? vg_role_label(role) : vg_jstr(it, "role"));
        vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
        vg_h_text(h, vg_jstr(it, "status"));
        vg_h_raw(h, "</td></tr>");
    }
    vg_h_raw(h, "</tbody></table>\n");
}

static void history_top(vg_http_server *s, vg_http_req *r, vg_html *h)
{
    (void)s;
    const char *p = vg_http_query(r, "person");
    long long id = p ? strtoll(p, NULL, 10) : 0;
    if (id > 0)
        vg_h_fmt(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/persons/%lld\">Back to the person</a></p>\n",
                 id);
}

void vg_page_history(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_page_list(s, r, out, VG_LIST_HISTORY, &(vg_list_view){"/history", "/persons",
                 "Every incident and crime this person was party to, newest first.", history_top, history_rows, NULL,
                 false, 0, NULL, NULL, NULL});
}

/* ---- the safety net */

static void cases_top(vg_http_server *s, vg_http_req *r, vg_html *h)
{
    (void)s;
    if (vg_actor_can(ACTOR, VG_PERM_CASE_CREATE))
        vg_h_raw(h, "<a class=\"govuk-button\" data-module=\"govuk-button\" href=\"/cases/new\" id=\"new-case\">Open a "
                    "case</a>\n");
}

void vg_page_cases(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_page_list(s, r, out, VG_LIST_CASES, &(vg_list_view){"/cases", "/cases",
                 "Cases of shared concern that your agency owns or that have been shared with it, newest first. A "
                 "shared case shows only the fields shared with your agency.",
                 cases_top, NULL, NULL, false, 0, NULL, NULL, NULL});
}

/* ---- the audit log */

typedef struct audit_rows {
    const char *draft; /* only the entries of this call's draft, if set */
    vg_html *h;
    size_t n, max;
    const char *user; /* only this user's entries, if set */
} audit_rows;

/* The draft id an audit entry's why names (" D-" and 12 letters), checked as the form
 * makes them; false if it names none. */
static bool draft_of(const char *why, char out[16])
{
    const char *d = strstr(why, " D-");
    out[0] = '\0';
    if (d) {
        size_t n = strnlen(d + 1, 14);
        memcpy(out, d + 1, n);
        out[n] = '\0';
    }
    return out[0] && draft_ok(out);
}

static vg_err audit_row(void *ctx, const vg_audit_entry *e)
{
    audit_rows *a = ctx;
    if (a->user && strcmp(a->user, e->username) != 0)
        return VG_OK;
    const char *d = strstr(e->why, " D-"); /* a call's draft: its lookups and its recording */
    if (a->draft && (!d || strncmp(d + 1, a->draft, strlen(a->draft)) != 0))
        return VG_OK;
    if (a->n++ >= a->max)
        return VG_OK;
    vg_h_fmt(a->h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%lld</td><td class=\"govuk-table__cell\">",
             (long long)e->seq);
    vg_page_time(a->h, e->at, true);
    vg_h_raw(a->h, "</td><td class=\"govuk-table__cell\">");
    vg_h_textf(a->h, "%s (%s, %s)", e->username, e->role, e->agency);
    vg_h_raw(a->h, "</td><td class=\"govuk-table__cell\">");
    vg_h_text(a->h, e->action);
    vg_h_raw(a->h, "</td><td class=\"govuk-table__cell govuk-body-s\">");
    vg_h_text(a->h, e->what);
    if (e->recipient) {
        vg_h_raw(a->h, " to ");
        vg_h_text(a->h, e->recipient);
    }
    if (e->n_recs) { /* every record the entry names, folded away */
        vg_h_fmt(a->h, "<details class=\"govuk-details govuk-!-margin-bottom-0\"><summary class=\"govuk-details__summary\">"
                       "<span class=\"govuk-details__summary-text\">%zu record%s</span></summary>"
                       "<div class=\"govuk-details__text\">",
                 e->n_recs, e->n_recs == 1 ? "" : "s");
        for (size_t i = 0; i < e->n_recs; i++)
            vg_h_textf(a->h, "%s%s %lld", i ? ", " : "", e->recs[i].kind, (long long)e->recs[i].id);
        vg_h_raw(a->h, "</div></details>");
    }
    vg_h_raw(a->h, "</td><td class=\"govuk-table__cell govuk-body-s\">");
    vg_h_text(a->h, e->why);
    char draft[16];
    if (!a->draft && draft_of(e->why, draft)) {
        vg_h_fmt(a->h, " <a class=\"govuk-link\" href=\"/audit?draft=%s\">the call's lookups and recording"
                       "<span class=\"govuk-visually-hidden\"> (draft %s)</span></a>", draft, draft);
    }
    vg_h_raw(a->h, "</td></tr>");
    return VG_OK;
}

/* an entry of a call's drafting (its lookups, its recording): a link to all of that call's */
static void audit_row_end(vg_http_req *r, vg_html *h, const json_t *row, const char *back, const void *ctx)
{
    (void)r;
    (void)back;
    (void)ctx;
    char draft[16];
    if (draft_of(vg_jstr(row, "why"), draft))
        vg_h_fmt(h, "<a class=\"govuk-link govuk-body-s\" href=\"/audit?draft=%s\">The call's lookups and recording"
                    "<span class=\"govuk-visually-hidden\"> (draft %s)</span></a>",
                 draft, draft);
}

/* above the audit log's list: verifying the chain, and who looked at a person */
static void audit_top(vg_http_server *s, vg_http_req *r, vg_html *h)
{
    if (vg_http_query(r, "verify")) {
        vg_audit_check chk;
        vg_error err;
        vg_err e = vg_service_audit_verify(s->svc, ACTOR, &chk, &err);
        if (e) {
            vg_page_problem(h, NULL, err.why);
        } else if (chk.ok) {
            vg_h_raw(h, "<div class=\"govuk-panel govuk-panel--confirmation\"><h2 class=\"govuk-panel__title\">The chain "
                        "is intact</h2><div class=\"govuk-panel__body\">");
            vg_page_count(h, chk.entries);
            vg_h_raw(h, " entries verified</div></div>\n");
        } else {
            vg_h_raw(h, "<div class=\"govuk-error-summary\"><div role=\"alert\"><h2 class=\"govuk-error-summary__title\">"
                        "The audit log has been tampered with</h2><div class=\"govuk-error-summary__body\"><p>");
            vg_h_textf(h, "entry %lld: %s", (long long)chk.bad_seq, chk.why);
            vg_h_raw(h, "</p></div></div></div>\n");
        }
    }
    vg_h_raw(h, "<div class=\"vg-audit-tools\"><form method=\"get\" action=\"/audit\" class=\"vg-inline\">"
                "<button type=\"submit\" name=\"verify\" value=\"1\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">Verify the chain</button></form>"
                "<form method=\"get\" action=\"/audit\"><div class=\"govuk-form-group\"><label class=\"govuk-label\" "
                "for=\"person\">Who looked at this person? (any of the person's record numbers)</label>"
                "<input class=\"govuk-input govuk-input--width-10\" id=\"person\" name=\"person\" type=\"text\" "
                "inputmode=\"numeric\" value=\"");
    const char *rec = vg_http_query(r, "record"); /* the person asked about, kept in the form */
    if (rec && !strncmp(rec, "person:", 7))
        vg_h_text(h, rec + 7);
    vg_h_raw(h, "\"></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                "data-module=\"govuk-button\">Show who looked</button></form></div>\n");
    if (rec && !strncmp(rec, "person:", 7))
        vg_h_raw(h, "<p class=\"govuk-body\" id=\"about-person\">The entries below name one of this person's records "
                    "(every record the matching holds to be the same person).</p>\n");
}

void vg_page_audit(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    /* who looked at a person: the list, of the entries naming any record of the person */
    const char *asked = vg_http_query(r, "person");
    int64_t asked_id;
    if (asked && !vg_http_query(r, "draft") && vg_str_to_i64(vg_str_c(asked), &asked_id) && asked_id > 0) {
        vg_page_redirect(out, "/audit?record=person:%lld", (long long)asked_id);
        return;
    }
    /* the whole log: the one list component; a call's entries (or a person asked for wrongly): below */
    if (!vg_http_query(r, "person") && !vg_http_query(r, "draft")) {
        vg_page_list(s, r, out, VG_LIST_AUDIT, &(vg_list_view){"/audit", "/audit",
                 "Every entry of the data-protection audit log, newest first: who collected, consulted, altered "
                     "or disclosed what, and why.",
                 audit_top, NULL, NULL, false, 0, audit_row_end, "The call", NULL});
        return;
    }
    vg_error err;
    vg_time from = VG_TIME_NONE, to = VG_TIME_NONE;
    const char *f = vg_http_query(r, "from"), *t = vg_http_query(r, "to"), *user = vg_http_query(r, "username");
    const char *who = vg_http_query(r, "person"); /* who looked at this person (any of its records) */
    int64_t person = 0;
    vg_date d;
    if (f && *f && vg_date_read(f, &d))
        from = vg_date_time(d);
    if (t && *t && vg_date_read(t, &d))
        to = vg_date_time(d) + 86400;
    bool bad_person = who && *who && !(vg_str_to_i64(vg_str_c(who), &person) && person > 0);
    const char *draft = vg_http_query(r, "draft");
    if (draft && !draft_ok(draft))
        draft = NULL;
    if (from == VG_TIME_NONE && to == VG_TIME_NONE && !person && !draft)
        from = vg_time_now() - 86400; /* the last day by default; a person's or a call's whole history */
    vg_audit_check chk;
    bool verify = vg_http_query(r, "verify") != NULL;
    vg_err e = verify ? vg_service_audit_verify(s->svc, ACTOR, &chk, &err) : VG_OK;
    vg_html h = {0};
    vg_page_begin(r, &h, "Audit log", "/audit");
    if (!e && verify) {
        if (chk.ok)
            vg_h_fmt(&h, "<div class=\"govuk-panel govuk-panel--confirmation\"><h2 class=\"govuk-panel__title\">The chain "
                         "is intact</h2><div class=\"govuk-panel__body\">%lld entries verified</div></div>\n",
                     (long long)chk.entries);
        else {
            vg_h_raw(&h, "<div class=\"govuk-error-summary\"><div role=\"alert\"><h2 class=\"govuk-error-summary__title\">"
                         "The audit log has been tampered with</h2><div class=\"govuk-error-summary__body\"><p>");
            vg_h_textf(&h, "entry %lld: %s", (long long)chk.bad_seq, chk.why);
            vg_h_raw(&h, "</p></div></div></div>\n");
        }
    }
    vg_h_raw(&h, "<form method=\"get\" action=\"/audit\" class=\"govuk-!-margin-bottom-6\">"
                 "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"from\">From (YYYY-MM-DD)</label>"
                 "<input class=\"govuk-input govuk-input--width-10\" id=\"from\" name=\"from\" type=\"text\" value=\"");
    vg_h_text(&h, f ? f : "");
    vg_h_raw(&h, "\"></div><div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"to\">To (YYYY-MM-DD)</label>"
                 "<input class=\"govuk-input govuk-input--width-10\" id=\"to\" name=\"to\" type=\"text\" value=\"");
    vg_h_text(&h, t ? t : "");
    vg_h_raw(&h, "\"></div><div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"username\">User</label>"
                 "<input class=\"govuk-input govuk-input--width-20\" id=\"username\" name=\"username\" type=\"text\" value=\"");
    vg_h_text(&h, user ? user : "");
    vg_h_raw(&h, "\"></div><div class=\"govuk-form-group");
    vg_h_raw(&h, bad_person ? " govuk-form-group--error" : "");
    vg_h_raw(&h, "\"><label class=\"govuk-label\" for=\"person\">Who looked at this person? (any of the person's "
                 "record numbers)</label>");
    if (bad_person)
        vg_h_raw(&h, "<p id=\"person-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">"
                     "Error:</span> Enter a person's record number, such as 879</p>");
    vg_h_raw(&h, "<input class=\"govuk-input govuk-input--width-10\" id=\"person\" name=\"person\" type=\"text\" "
                 "inputmode=\"numeric\" value=\"");
    vg_h_text(&h, who ? who : "");
    vg_h_raw(&h, "\"></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" "
                 "data-module=\"govuk-button\">Search</button><button type=\"submit\" name=\"verify\" value=\"1\" "
                 "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Verify the chain</button>"
                 "</div></form>\n<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
                 "govuk-table__caption--m\">Entries</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                 "<th scope=\"col\" class=\"govuk-table__header\">#</th><th scope=\"col\" class=\"govuk-table__header\">When</th>"
                 "<th scope=\"col\" class=\"govuk-table__header\">Who</th><th scope=\"col\" class=\"govuk-table__header\">"
                 "Action</th><th scope=\"col\" class=\"govuk-table__header\">What</th><th scope=\"col\" "
                 "class=\"govuk-table__header\">Why</th></tr></thead><tbody class=\"govuk-table__body\">");
    audit_rows rows = {draft, &h, 0, 1000, user && *user ? user : NULL};
    if (!e && !bad_person)
        e = vg_service_audit_person(s->svc, ACTOR, from, to, person, audit_row, &rows, &err);
    if (e) {
        vg_h_free(&h);
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_h_raw(&h, "</tbody></table>\n");
    if (rows.n > rows.max)
        vg_h_fmt(&h, "<p class=\"govuk-body\">The first %zu of %zu entries; narrow the search to see the rest.</p>\n",
                 rows.max, rows.n);
    vg_page_end(out, &h, 200);
}

/* ---- users and agencies */

/* A user request in words: what was asked for, with names, not ids. */
static const char *request_words(const vg_user_request *q, char *buf, size_t n)
{
    const char *agency = q->agency.name[0] ? q->agency.name : q->agency.code;
    if (q->kind == VG_REQ_CREATE)
        snprintf(buf, n, "a new account %s: %s in %s", q->username, vg_user_role_name(q->role), agency);
    else if (q->kind == VG_REQ_ROLE)
        snprintf(buf, n, "%s to become %s", q->username, vg_user_role_name(q->role));
    else
        snprintf(buf, n, "a new password for %s", q->username);
    return buf;
}

/* What the add-user form sent, shown again with its problem beside the field. */
typedef struct admin_kept {
    field_err fe;
    const char *username, *role, *agency;
} admin_kept;

static void admin_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const char *notice, const char *error,
                       unsigned status, const admin_kept *kept)
{
    enum { MAX = 2000 };
    vg_user *users = vg_malloc(MAX * sizeof *users);
    vg_agency *agencies = vg_malloc(256 * sizeof *agencies);
    size_t nu = 0, na = 0;
    vg_error err;
    vg_err e = users && agencies ? vg_service_user_list(s->svc, ACTOR, users, MAX, &nu, &err)
                                 : vg_error_set(&err, VG_ERR_NOMEM, "users", "out of memory");
    if (!e)
        e = vg_service_agency_list(s->svc, ACTOR, agencies, 256, &na, &err);
    enum { MAX_REQ = 200 };
    vg_user_request *rq = e ? NULL : vg_malloc(MAX_REQ * sizeof *rq);
    size_t nr = 0;
    if (!e)
        e = rq ? vg_service_user_requests(s->svc, ACTOR, true, rq, MAX_REQ, &nr, &err)
               : vg_error_set(&err, VG_ERR_NOMEM, "users", "out of memory");
    if (e) {
        vg_free(users);
        vg_free(agencies);
        vg_free(rq);
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_html h = {0};
    vg_page_begin(r, &h, "Users and agencies", "/admin");
    if (notice)
        vg_page_notice(&h, notice);
    if (error)
        vg_page_problem(&h, kept && kept->fe.field ? kept->fe.field : "username", error);
    /* the two-person rule: a force role is given once a second administrator approves */
    vg_h_fmt(&h, "<h2 class=\"govuk-heading-m\" id=\"requests\">Waiting for a second administrator "
                 "<span class=\"govuk-caption-m vg-count\">(%zu)</span></h2>\n", nr);
    if (!nr)
        vg_h_raw(&h, "<p class=\"govuk-body\">Nothing is waiting.</p>\n");
    else
        vg_h_raw(&h, "<table class=\"govuk-table\"><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                     "<th scope=\"col\" class=\"govuk-table__header\">Asked for</th><th scope=\"col\" "
                     "class=\"govuk-table__header\">By</th><th scope=\"col\" class=\"govuk-table__header\">When</th>"
                     "<th scope=\"col\" class=\"govuk-table__header\">Decision</th></tr></thead>"
                     "<tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < nr && i < MAX_REQ; i++) {
        const vg_user_request *q = &rq[i];
        vg_h_raw(&h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
        char said[320];
        request_words(q, said, sizeof said);
        if (q->kind != VG_REQ_ROLE) /* "a new ...": a sentence here; a role request starts with the username */
            said[0] = 'A';
        vg_h_text(&h, said);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        vg_h_text(&h, q->requested_by_name);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        vg_page_time(&h, q->requested_at, true);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        if (q->requested_by == ACTOR->user_id) { /* no button one may not use */
            vg_h_raw(&h, "<strong class=\"govuk-tag govuk-tag--grey\">Yours: another administrator decides</strong>");
        } else {
            for (int k = 0; k < 2; k++) {
                vg_h_fmt(&h, "<form method=\"post\" action=\"/admin/requests/%lld/%s\" class=\"vg-inline\">",
                         (long long)q->id, k ? "refuse" : "approve");
                hidden_field(&h, "csrf", r->session.csrf);
                vg_h_fmt(&h, "<button type=\"submit\" class=\"govuk-button%s govuk-!-margin-bottom-0\" "
                             "data-module=\"govuk-button\">%s<span class=\"govuk-visually-hidden\"> request %lld"
                             "</span></button></form> ",
                         k ? " govuk-button--warning" : "", k ? "Refuse" : "Approve", (long long)q->id);
            }
        }
        vg_h_raw(&h, "</td></tr>");
    }
    if (nr)
        vg_h_raw(&h, "</tbody></table>\n");
    vg_free(rq);
    vg_h_raw(&h, "<h2 class=\"govuk-heading-m\">Add a user</h2>\n<form method=\"post\" action=\"/admin/users\">");
    hidden_field(&h, "csrf", r->session.csrf);
    const field_err *fe = kept ? &kept->fe : NULL;
    input_html(&h, fe, "username", "Username", NULL, "text", "govuk-input--width-20", kept ? kept->username : "", "off");
    static const char *role_names[VG_UR_COUNT], *role_labels[VG_UR_COUNT];
    for (int i = 0; i < VG_UR_COUNT; i++) {
        role_names[i] = vg_user_role_name((vg_user_role)i);
        role_labels[i] = vg_user_role_label((vg_user_role)i);
    }
    select_html(&h, fe, "role", "Role", role_names, role_labels, VG_UR_COUNT, kept ? kept->role : NULL);
    const char **codes = vg_malloc((na ? na : 1) * sizeof *codes), **names = vg_malloc((na ? na : 1) * sizeof *names);
    for (size_t i = 0; codes && names && i < na; i++) {
        codes[i] = agencies[i].code;
        names[i] = agencies[i].name;
    }
    if (codes && names)
        select_html(&h, fe, "agency", "Agency", codes, names, (int)na, kept && kept->agency[0] ? kept->agency : "force");
    vg_free(codes);
    vg_free(names);
    vg_h_raw(&h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add the user</button></form>\n"
                 "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/users\" id=\"all-users\">Every user, with "
                 "filters, the state of each account and its last sign-in</a></p>\n"
                 "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Users</caption>"
                 "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" "
                 "class=\"govuk-table__header\">Username</th><th scope=\"col\" class=\"govuk-table__header\">Role</th>"
                 "<th scope=\"col\" class=\"govuk-table__header\">Agency</th><th scope=\"col\" class=\"govuk-table__header\">"
                 "State</th><th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">"
                 "Actions</span></th></tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < nu && i < MAX; i++) {
        vg_h_raw(&h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
        vg_h_text(&h, users[i].username);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        vg_h_text(&h, vg_user_role_label(users[i].role));
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        vg_h_text(&h, users[i].agency.name[0] ? users[i].agency.name : users[i].agency.code);
        vg_h_raw(&h, users[i].disabled ? "</td><td class=\"govuk-table__cell\">Disabled</td><td class=\"govuk-table__cell\">"
                                       : "</td><td class=\"govuk-table__cell\">Active</td><td class=\"govuk-table__cell\">");
        if (users[i].id == ACTOR->user_id) /* one's own account: another administrator disables it */
            vg_h_raw(&h, "<span class=\"govuk-hint govuk-!-margin-bottom-0\">you</span>");
        else if (!users[i].disabled) { /* taking access away needs no second administrator */
            vg_h_raw(&h, "<form method=\"post\" action=\"/admin/users/");
            vg_h_text(&h, users[i].username);
            vg_h_raw(&h, "/disable\">");
            hidden_field(&h, "csrf", r->session.csrf);
            vg_h_raw(&h, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" "
                         "data-module=\"govuk-button\">Disable<span class=\"govuk-visually-hidden\"> ");
            vg_h_text(&h, users[i].username);
            vg_h_raw(&h, "</span></button></form>");
        }
        vg_h_raw(&h, "</td></tr>");
    }
    vg_h_raw(&h, "</tbody></table>\n<h2 class=\"govuk-heading-m\">Add an agency</h2>\n"
                 "<form method=\"post\" action=\"/admin/agencies\">");
    hidden_field(&h, "csrf", r->session.csrf);
    input_html(&h, NULL, "code", "Code", "2 to 31 letters, digits and hyphens, for example la-winchester", "text",
               "govuk-input--width-20", "", "off");
    input_html(&h, NULL, "name", "Name", NULL, "text", "", "", "off");
    static const char *kind_names[VG_AK_COUNT], *kind_labels[VG_AK_COUNT];
    for (int i = 0; i < VG_AK_COUNT; i++) {
        kind_names[i] = vg_agency_kind_name((vg_agency_kind)i);
        kind_labels[i] = vg_agency_kind_label((vg_agency_kind)i);
    }
    select_html(&h, NULL, "kind", "Kind", kind_names, kind_labels, VG_AK_COUNT, "local_authority");
    vg_h_raw(&h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add the agency</button>"
                 "</form>\n<table class=\"govuk-table\"><caption class=\"govuk-table__caption "
                 "govuk-table__caption--m\">Agencies</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                 "<th scope=\"col\" class=\"govuk-table__header\">Code</th><th scope=\"col\" class=\"govuk-table__header\">"
                 "Name</th><th scope=\"col\" class=\"govuk-table__header\">Kind</th></tr></thead>"
                 "<tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < na && i < 256; i++) {
        vg_h_raw(&h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
        vg_h_text(&h, agencies[i].code);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        vg_h_text(&h, agencies[i].name);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        vg_h_text(&h, vg_agency_kind_label(agencies[i].kind));
        vg_h_raw(&h, "</td></tr>");
    }
    vg_h_raw(&h, "</tbody></table>\n");
    vg_free(users);
    vg_free(agencies);
    vg_page_end(out, &h, status);
}

void vg_page_admin(vg_http_server *s, vg_http_req *r, vg_http_resp *out) { admin_page(s, r, out, NULL, NULL, 200, NULL); }

/* The admin page after a form: the notice (201), the form's problem, or the error page. */
static void admin_answer(vg_http_server *s, vg_http_req *r, vg_http_resp *out, vg_err e, const vg_error *err,
                         const char *notice, admin_kept *k)
{
    char msg[VG_PAGE_PROBLEM_MAX];
    if (k) {
        k->fe.field = err->where;
        k->fe.why = err->why;
    }
    if (vg_page_form_problem(e, err, msg, sizeof msg))
        admin_page(s, r, out, NULL, msg, vg_http_status_of(e), k);
    else if (e)
        vg_page_error(r, out, e, err);
    else
        admin_page(s, r, out, notice, NULL, 201, NULL);
}

void vg_page_admin_user_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    char user[VG_MAX_USERNAME + 1] = "", role[VG_MAX_CODE + 1] = "", agency[VG_MAX_CODE + 1] = "";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    (void)vg_form_text(&f, "username", VG_LIM_USERNAME, user, sizeof user);
    (void)vg_form_text(&f, "role", VG_LIM_CODE, role, sizeof role);
    (void)vg_form_text(&f, "agency", VG_LIM_CODE, agency, sizeof agency);
    vg_user_role ur;
    vg_error err;
    char pw[17];
    vg_password_generate(pw);
    vg_id request = 0;
    vg_err e = f.failed ? vg_form_error(&f, &err)
               : vg_user_role_parse(role, &ur)
                   ? vg_service_user_add(s->svc, ACTOR, user, ur, agency, pw, NULL, &request, &err)
                   : vg_error_set(&err, VG_ERR_INVALID_INPUT, "role", "choose a role");
    char notice[300];
    if (request)
        snprintf(notice, sizeof notice, "Request %lld: the account %s waits for a second administrator's approval. "
                 "Its password, shown this once, works once it is approved: %s", (long long)request, user, pw);
    else
        snprintf(notice, sizeof notice, "User %s added. Their password, shown this once: %s", user, pw);
    sodium_memzero(pw, sizeof pw);
    admin_kept k = {{NULL, NULL}, user, role, agency};
    admin_answer(s, r, out, e, &err, notice, &k);
    sodium_memzero(notice, sizeof notice);
}

void vg_page_admin_request(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    char *end;
    long long v = strtoll(r->param[0], &end, 10);
    bool approve = strcmp(r->param[1], "approve") == 0;
    char notice[400], said[320] = "";
    if (!*end && v > 0) { /* the request in words, read before it is decided */
        enum { MAX_REQ = 200 };
        vg_user_request *rq = vg_malloc(MAX_REQ * sizeof *rq);
        size_t nr = 0;
        vg_error ignored;
        if (rq && vg_service_user_requests(s->svc, ACTOR, true, rq, MAX_REQ, &nr, &ignored) == VG_OK)
            for (size_t i = 0; i < nr && i < MAX_REQ; i++)
                if (rq[i].id == (vg_id)v)
                    request_words(&rq[i], said, sizeof said);
        vg_free(rq);
    }
    vg_error err;
    vg_err e = *end || v <= 0 || (!approve && strcmp(r->param[1], "refuse") != 0)
                   ? vg_error_set(&err, VG_ERR_NOT_FOUND, "request", "no such request")
                   : vg_service_user_request_decide(s->svc, ACTOR, (vg_id)v, approve, &err);
    if (said[0])
        snprintf(notice, sizeof notice, "%s: %s.", approve ? "Approved and carried out" : "Refused", said);
    else
        snprintf(notice, sizeof notice, "Request %lld %s.", v, approve ? "approved and carried out" : "refused");
    if (e == VG_ERR_FORBIDDEN) { /* one's own: said on the page, not a dead end */
        admin_page(s, r, out, NULL, err.why, 403, NULL);
        return;
    }
    admin_answer(s, r, out, e, &err, notice, NULL);
}

void vg_page_admin_agency_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    char code[VG_MAX_CODE + 1] = "", name[VG_MAX_AGENCY_NAME + 1] = "", kind[VG_MAX_CODE + 1] = "";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    (void)vg_form_text(&f, "code", VG_LIM_CODE, code, sizeof code);
    (void)vg_form_text(&f, "name", VG_LIM_AGENCY_NAME, name, sizeof name);
    (void)vg_form_text(&f, "kind", VG_LIM_CODE, kind, sizeof kind);
    vg_agency_kind k;
    vg_error err;
    vg_err e = f.failed                      ? vg_form_error(&f, &err)
               : vg_agency_kind_parse(kind, &k) ? vg_service_agency_add(s->svc, ACTOR, code, name, k, NULL, &err)
                                              : vg_error_set(&err, VG_ERR_INVALID_INPUT, "kind", "choose a kind");
    char notice[300];
    snprintf(notice, sizeof notice, "Agency %s added.", code);
    admin_answer(s, r, out, e, &err, notice, NULL);
}
