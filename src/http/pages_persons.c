/* pages_persons.c - the data-quality screen: the pairs of records the model is not sure
 * of, each with the two people in words and the evidence, decided with a reason (the same
 * person, or not); the decisions taken, each with Undo. The use cases of api_persons.c. */
#include "base/alloc.h"
#include "base/str.h"
#include "http/html.h"
#include "http/http_int.h"

#include <stdio.h>
#include <string.h>

#define ACTOR (&r->session.actor)

static void side_html(vg_html *h, const vg_person_side *p)
{
    vg_h_fmt(h, "<a class=\"govuk-link\" href=\"/persons/%lld\">", (long long)p->record);
    vg_h_textf(h, "%s %s", p->given, p->family);
    vg_h_raw(h, "</a><br><span class=\"govuk-body-s\">");
    if (p->dob != VG_DATE_NONE) {
        char d[VG_DATE_WORDS_LEN];
        vg_date_words(p->dob, d);
        vg_h_textf(h, "born %s; ", d);
    } else
        vg_h_raw(h, "no date of birth; ");
    vg_h_fmt(h, "one of the person's %d record%s</span>", p->records, p->records == 1 ? "" : "s");
}

typedef struct decisions_html {
    vg_http_req *r;
    vg_html *h;
    size_t n;
} decisions_html;

static vg_err decision_row(void *ctx, const vg_person_decision *d)
{
    decisions_html *x = ctx;
    vg_html *h = x->h;
    x->n++;
    vg_h_fmt(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%lld</td><td class=\"govuk-table__cell\">"
                "<a class=\"govuk-link\" href=\"/persons/%lld\">",
             (long long)d->id, (long long)d->a);
    vg_h_textf(h, "%s (record %lld)", d->a_name ? d->a_name : "a record", (long long)d->a);
    vg_h_fmt(h, "</a> and <a class=\"govuk-link\" href=\"/persons/%lld\">", (long long)d->b);
    vg_h_textf(h, "%s (record %lld)", d->b_name ? d->b_name : "a record", (long long)d->b);
    vg_h_fmt(h, "</a> %s</td><td class=\"govuk-table__cell govuk-body-s\">",
             d->same ? "are the same person" : "are different people");
    vg_h_textf(h, "%s, ", d->username);
    vg_page_time(h, d->at, true);
    vg_h_raw(h, ": ");
    vg_h_text(h, d->reason);
    vg_h_raw(h, "</td><td class=\"govuk-table__cell\">");
    if (d->undone_at != VG_TIME_NONE) {
        vg_h_raw(h, "<span class=\"govuk-body-s\">Undone by ");
        vg_h_text(h, d->undone_by ? d->undone_by : "");
        vg_h_raw(h, ", ");
        vg_page_time(h, d->undone_at, true);
        vg_h_raw(h, ": ");
        vg_h_text(h, d->undo_reason ? d->undo_reason : "");
        vg_h_raw(h, "</span>");
    } else {
        vg_h_fmt(h, "<form method=\"post\" action=\"/persons/decisions/%lld/undo\">", (long long)d->id);
        vg_page_csrf(x->r, h);
        vg_h_fmt(h, "<div class=\"govuk-form-group\"><label class=\"govuk-label govuk-label--s\" for=\"undo-%lld\">Why undo "
                    "it</label><input class=\"govuk-input\" id=\"undo-%lld\" name=\"reason\" type=\"text\"></div>"
                    "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">"
                    "Undo<span class=\"govuk-visually-hidden\"> decision %lld</span></button></form>",
                 (long long)d->id, (long long)d->id, (long long)d->id);
    }
    vg_h_raw(h, "</td></tr>");
    return VG_OK;
}

/* The pair whose decision came back with a problem: its records, the field and why. */
typedef struct pair_kept {
    int64_t a, b;
    const char *field, *why, *reason;
} pair_kept;

static void review_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const char *notice, const char *error,
                        const char *error_field, unsigned status, const pair_kept *pk)
{
    enum { MAX = 200 };
    vg_person_pair *pairs = vg_malloc(MAX * sizeof *pairs);
    size_t n = 0;
    vg_error err;
    vg_err e = pairs ? vg_service_person_reviews(s->svc, ACTOR, pairs, MAX, &n, &err)
                     : vg_error_set(&err, VG_ERR_NOMEM, "review", "out of memory");
    if (e) {
        vg_free(pairs);
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_html h = {0};
    vg_page_begin(r, &h, "Persons to check", "/persons/review");
    char at[32] = ""; /* the reason's field of the pair sent, for the summary's link */
    for (size_t i = 0; pk && i < n; i++)
        if (pairs[i].a.record == pk->a && pairs[i].b.record == pk->b)
            snprintf(at, sizeof at, "reason-%zu", i);
    if (error)
        vg_page_problem(&h, at[0] ? at : error_field, error);
    else if (notice) {
        vg_h_raw(&h, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\">"
                     "<div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">");
        vg_h_text(&h, notice);
        vg_h_raw(&h, "</p></div></div>");
    }
    vg_h_fmt(&h, "<p class=\"govuk-body\">%zu pair%s of records the matching is not sure of%s. Decide each with a reason: "
                 "the decision stands over the matching until it is undone.</p>\n",
             n, n == 1 ? "" : "s", n == MAX ? " (the 200 strongest shown: decide these to see the rest)" : "");
    for (size_t i = 0; i < n; i++) {
        const vg_person_pair *p = &pairs[i];
        vg_h_fmt(&h, "<section class=\"vg-pair govuk-!-margin-bottom-6\" aria-labelledby=\"pair-%zu\">"
                     "<h2 class=\"govuk-heading-s\" id=\"pair-%zu\">Pair %zu: %s match</h2>"
                     "<table class=\"govuk-table\"><tbody class=\"govuk-table__body\"><tr class=\"govuk-table__row\">"
                     "<td class=\"govuk-table__cell\">",
                 i, i, i + 1, p->band == VG_BAND_PROBABLE ? "probable" : "possible");
        side_html(&h, &p->a);
        vg_h_raw(&h, "</td><td class=\"govuk-table__cell\">");
        side_html(&h, &p->b);
        vg_h_raw(&h, "</td></tr></tbody></table><p class=\"govuk-body-s\">");
        vg_h_text(&h, p->evidence);
        vg_h_fmt(&h, "</p><form method=\"post\" action=\"/persons/decisions\">");
        vg_page_csrf(r, &h);
        const pair_kept *mine = pk && p->a.record == pk->a && p->b.record == pk->b ? pk : NULL;
        vg_h_fmt(&h, "<input type=\"hidden\" name=\"a\" value=\"%lld\"><input type=\"hidden\" name=\"b\" value=\"%lld\">",
                 (long long)p->a.record, (long long)p->b.record);
        vg_page_group(&h, mine ? mine->field : NULL, "reason");
        vg_h_fmt(&h, "<label class=\"govuk-label\" for=\"reason-%zu\">Why (kept with the decision)</label>", i);
        vg_page_field_error(&h, mine ? mine->field : NULL, "reason", mine ? mine->why : NULL);
        vg_h_fmt(&h, "<input class=\"govuk-input\" id=\"reason-%zu\" name=\"reason\" type=\"text\" value=\"", i);
        vg_h_text(&h, mine && mine->reason ? mine->reason : "");
        vg_h_fmt(&h, "\"></div>"
                     "<div class=\"govuk-button-group\"><button type=\"submit\" name=\"same\" value=\"1\" "
                     "class=\"govuk-button\" data-module=\"govuk-button\">Same person<span class=\"govuk-visually-hidden\"> "
                     "(pair %zu)</span></button><button type=\"submit\" name=\"same\" value=\"0\" "
                     "class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Different people"
                     "<span class=\"govuk-visually-hidden\"> (pair %zu)</span></button></div></form></section>\n",
                 i + 1, i + 1);
    }
    vg_free(pairs);
    vg_h_raw(&h, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Decisions"
                 "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" "
                 "class=\"govuk-table__header\">#</th><th scope=\"col\" class=\"govuk-table__header\">Decision</th>"
                 "<th scope=\"col\" class=\"govuk-table__header\">Who, when and why</th><th scope=\"col\" "
                 "class=\"govuk-table__header\">Undo</th></tr></thead><tbody class=\"govuk-table__body\">");
    decisions_html x = {r, &h, 0};
    e = vg_service_person_decisions(s->svc, ACTOR, decision_row, &x, &err);
    if (e) {
        vg_h_free(&h);
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_h_raw(&h, "</tbody></table>\n");
    if (!x.n)
        vg_h_raw(&h, "<p class=\"govuk-body\">No decisions yet.</p>\n");
    vg_page_end(out, &h, status);
}

void vg_page_person_review(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    review_page(s, r, out, NULL, NULL, NULL, 200, NULL);
}

/* A form's decision or undoing: done and said so, or the page again with the problem named. */
static void decided(vg_http_server *s, vg_http_req *r, vg_http_resp *out, vg_err e, const vg_error *err,
                    const vg_person_decided *d, bool undo, pair_kept *pk)
{
    if (e == VG_ERR_INVALID_INPUT || e == VG_ERR_NOT_FOUND) {
        char msg[sizeof err->where + sizeof err->why + 4];
        vg_page_field_problem(err->where, err->why, msg, sizeof msg);
        if (pk) {
            pk->field = err->where;
            pk->why = err->why;
        }
        review_page(s, r, out, NULL, msg, NULL, 422, pk);
        return;
    }
    if (e) {
        vg_page_error(r, out, e, err);
        return;
    }
    char notice[160];
    snprintf(notice, sizeof notice, "Decision %lld %s: the records are now %zu person%s.", (long long)d->decision,
             undo ? "undone" : "recorded", d->persons, d->persons == 1 ? "" : "s");
    review_page(s, r, out, notice, NULL, NULL, 200, NULL);
}

void vg_page_person_decision_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    char a[VG_MAX_CODE + 1], b[VG_MAX_CODE + 1], same[VG_MAX_CODE + 1], reason[VG_MAX_NOTE + 1];
    bool ok = vg_form_text(&f, "a", VG_LIM_CODE, a, sizeof a) && vg_form_text(&f, "b", VG_LIM_CODE, b, sizeof b) &&
              vg_form_text(&f, "same", VG_LIM_CODE, same, sizeof same);
    bool reason_ok = vg_form_text(&f, "reason", VG_LIM_NOTE, reason, sizeof reason) || !f.failed; /* absent: empty */
    int64_t x = 0, y = 0;
    vg_error err;
    vg_person_decided d = {0};
    vg_err e;
    if (!ok || !vg_str_to_i64(vg_str_c(a), &x) || !vg_str_to_i64(vg_str_c(b), &y) || (strcmp(same, "1") && strcmp(same, "0")))
        e = vg_error_set(&err, VG_ERR_INVALID_INPUT, "decision", "choose Same person or Different people for a pair");
    else if (!reason_ok)
        e = vg_error_set(&err, VG_ERR_INVALID_INPUT, "reason", "%s", f.why);
    else
        e = vg_service_person_decide(s->svc, ACTOR, x, y, strcmp(same, "1") == 0, reason, &d, &err);
    pair_kept pk = {x, y, NULL, NULL, reason_ok ? reason : ""};
    decided(s, r, out, e, &err, &d, false, &pk);
}

void vg_page_person_decision_undo(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    int64_t id = 0;
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    char reason[VG_MAX_NOTE + 1];
    bool reason_ok = vg_form_text(&f, "reason", VG_LIM_NOTE, reason, sizeof reason) || !f.failed;
    vg_error err;
    vg_person_decided d = {0};
    vg_err e;
    if (!vg_str_to_i64(vg_str_c(r->param[0]), &id))
        e = vg_error_set(&err, VG_ERR_NOT_FOUND, "decision", "no such decision");
    else if (!reason_ok)
        e = vg_error_set(&err, VG_ERR_INVALID_INPUT, "reason", "%s", f.why);
    else
        e = vg_service_person_undo(s->svc, ACTOR, id, reason, &d, &err);
    decided(s, r, out, e, &err, &d, true, NULL);
}
