/* list.c - the one list component of the web UI: any list of domain/list.h as a page
 * with its total, a filter form (period, choices, area, agency, flags), headers that sort,
 * paging by keyset (first, previous, next, last: stable while rows are added) and the
 * filtered list as CSV; and the same list as JSON for the API. The query string is read
 * against the list's description: a parameter that is wrong is named, in words, with
 * the form kept (400), never an empty list. */
#include "http/http_int.h"

#include "base/str.h"
#include "base/alloc.h"
#include "domain/offence.h"
#include "io/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* every parameter a list reads (the route table's allow-list) */
const char vg_list_params[] = "sort order after before last limit from to category status grade area "
                              "vulnerable offence outcome username action role agency new record subject entitlement location person kind";

/* The query as read: the query for the service, and the text as typed (to keep in the form). */
typedef struct list_read {
    vg_list_query q;
    char from[VG_MAX_CODE + 1], to[VG_MAX_CODE + 1];
    char field[32];
    char why[200];
} list_read;

static bool fail(list_read *lr, const char *field, const char *why)
{
    if (!lr->field[0]) { /* the first problem */
        snprintf(lr->field, sizeof lr->field, "%.31s", field);
        snprintf(lr->why, sizeof lr->why, "%.199s", why);
    }
    return false;
}

/* a parameter's value, "" if absent; false (named) if over its limit */
static const char *param(vg_http_req *r, list_read *lr, const char *key)
{
    const char *v = vg_http_query(r, key);
    if (v && strlen(v) > VG_MAX_CODE) {
        char why[120];
        snprintf(why, sizeof why, "longer than the limit of %d characters", VG_MAX_CODE);
        fail(lr, key, why);
        return "";
    }
    return v ? v : "";
}

static void read_cursor(list_read *lr, const char *key, const char *v, vg_list_page page)
{
    const char *colon = strchr(v, ':');
    int64_t id;
    char idtext[24];
    size_t n = colon ? (size_t)(colon - v) : 0;
    if (!colon || n == 0 || n >= sizeof idtext || strlen(colon + 1) >= sizeof lr->q.key) {
        fail(lr, key, "not a place in this list: go back to the first page");
        return;
    }
    memcpy(idtext, v, n);
    idtext[n] = '\0';
    if (!vg_str_to_i64(vg_str_c(idtext), &id)) {
        fail(lr, key, "not a place in this list: go back to the first page");
        return;
    }
    lr->q.page = page;
    lr->q.key_id = id;
    snprintf(lr->q.key, sizeof lr->q.key, "%s", colon + 1);
}

/* Reads the list's parameters; false with lr->field and lr->why if one is wrong. */
static bool read_list(vg_http_req *r, const vg_list_spec *sp, list_read *lr)
{
    memset(lr, 0, sizeof *lr);
    vg_list_query_init(&lr->q, sp->kind);
    const char *v = param(r, lr, "sort");
    if (*v) {
        int c = vg_list_col_find(sp, v);
        if (c < 0 || !sp->cols[c].sortable)
            fail(lr, "sort", "not a column this list sorts by");
        else {
            lr->q.sort = c;
            lr->q.desc = false;
        }
    }
    v = param(r, lr, "order");
    if (*v && strcmp(v, "asc") && strcmp(v, "desc"))
        fail(lr, "order", "must be asc or desc");
    else if (*v)
        lr->q.desc = strcmp(v, "desc") == 0;
    /* a cursor is up to VG_MAX_CODE * 4 bytes: read it whole */
    const char *after = vg_http_query(r, "after"), *before = vg_http_query(r, "before");
    if (after && *after)
        read_cursor(lr, "after", after, VG_PAGE_AFTER);
    else if (before && *before)
        read_cursor(lr, "before", before, VG_PAGE_BEFORE);
    else if (*param(r, lr, "last"))
        lr->q.page = VG_PAGE_LAST;
    v = param(r, lr, "limit");
    if (*v) {
        int64_t n;
        if (!vg_str_to_i64(vg_str_c(v), &n) || n < 1 || n > VG_LIST_PAGE_MAX) {
            char why[80];
            snprintf(why, sizeof why, "must be a number of rows from 1 to %d", VG_LIST_PAGE_MAX);
            fail(lr, "limit", why);
        } else
            lr->q.limit = (size_t)n;
    }
    snprintf(lr->from, sizeof lr->from, "%s", param(r, lr, "from"));
    snprintf(lr->to, sizeof lr->to, "%s", param(r, lr, "to"));
    vg_date d;
    if (lr->from[0] && sp->period >= 0) {
        if (vg_date_read(lr->from, &d))
            lr->q.from = vg_date_time(d);
        else
            fail(lr, "from", "must be a date such as 10/12/2026");
    }
    if (lr->to[0] && sp->period >= 0) {
        if (vg_date_read(lr->to, &d))
            lr->q.to = vg_date_time(d) + 86400; /* to the end of that day */
        else
            fail(lr, "to", "must be a date such as 10/12/2026");
    }
    if (lr->q.from != VG_TIME_NONE && lr->q.to != VG_TIME_NONE && lr->q.to <= lr->q.from)
        fail(lr, "to", "must be the same day as the start or after it");
    for (size_t i = 0; i < sp->n_filters; i++) {
        const vg_list_filter *f = &sp->filters[i];
        v = param(r, lr, f->key);
        if (!*v)
            continue;
        if (f->kind == VG_LF_CHOICE) {
            bool ok = false;
            for (size_t k = 0; k < f->n_choices && !ok; k++)
                ok = strcmp(f->choices[k].value, v) == 0;
            if (!ok) {
                fail(lr, f->key, "not one of the choices");
                continue;
            }
        } else if (f->kind == VG_LF_PLACE || f->kind == VG_LF_PERSON) {
            int64_t id;
            if (!vg_str_to_i64(vg_str_c(v), &id) || id <= 0) {
                fail(lr, f->key, f->kind == VG_LF_PLACE ? "not a place: open the list from the place's page"
                                                        : "not a person: open the list from the person's page");
                continue;
            }
        } else if (f->kind == VG_LF_FLAG) {
            if (strcmp(v, "1") && strcmp(v, "on")) {
                fail(lr, f->key, "must be 1 (only those) or left out");
                continue;
            }
            v = "1";
        }
        snprintf(lr->q.filter[i], sizeof lr->q.filter[i], "%s", v);
    }
    return !lr->field[0];
}

/* ---- links */

static void url_text(vg_html *h, const char *v)
{
    char enc[4];
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
            enc[0] = (char)*p;
            enc[1] = '\0';
        } else
            snprintf(enc, sizeof enc, "%%%02X", *p);
        vg_h_raw(h, enc);
    }
}

typedef struct list_link {
    int sort;       /* -1: the query's */
    bool desc;
    const char *page; /* "after", "before", "last" or NULL (the first page) */
    const char *cursor;
    bool csv;
} list_link;

/* The list's URL with the query's filters and order, and what l says (an attribute value). */
static void list_url(vg_html *h, const char *path, const vg_list_spec *sp, const list_read *lr, const list_link *l)
{
    if (l->csv) /* the export: the same filters and order, every row, as CSV */
        vg_h_fmt(h, "/export/%s", sp->name);
    else
        vg_h_text(h, path);
    char sep = '?';
    int sort = l->sort >= 0 ? l->sort : lr->q.sort;
    bool desc = l->sort >= 0 ? l->desc : lr->q.desc;
    if (sort != sp->sort || desc != sp->desc) {
        vg_h_fmt(h, "%csort=%s&amp;order=%s", sep, sp->cols[sort].key, desc ? "desc" : "asc");
        sep = '&';
    }
    const char *keys[2] = {"from", "to"};
    const char *vals[2] = {lr->from, lr->to};
    for (int i = 0; i < 2; i++)
        if (vals[i][0] && sp->period >= 0) {
            vg_h_fmt(h, "%s%s=", sep == '?' ? "?" : "&amp;", keys[i]);
            url_text(h, vals[i]);
            sep = '&';
        }
    for (size_t i = 0; i < sp->n_filters; i++)
        if (lr->q.filter[i][0]) {
            vg_h_fmt(h, "%s%s=", sep == '?' ? "?" : "&amp;", sp->filters[i].key);
            url_text(h, lr->q.filter[i]);
            sep = '&';
        }
    if (lr->q.limit != VG_LIST_PAGE && !l->csv) {
        vg_h_fmt(h, "%slimit=%zu", sep == '?' ? "?" : "&amp;", lr->q.limit);
        sep = '&';
    }
    if (l->page) {
        vg_h_fmt(h, "%s%s=", sep == '?' ? "?" : "&amp;", l->page);
        url_text(h, l->cursor ? l->cursor : "1");
        sep = '&';
    }
}

/* ---- the filter form */

static void choice_select(vg_html *h, const char *key, const char *label, const vg_list_option *o, size_t n,
                          const char *chosen, const char *any)
{
    vg_h_fmt(h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"f-%s\">%s</label>"
                "<select class=\"govuk-select\" id=\"f-%s\" name=\"%s\"><option value=\"\">%s</option>",
             key, label, key, key, any);
    for (size_t i = 0; i < n; i++) {
        vg_h_raw(h, "<option value=\"");
        vg_h_text(h, o[i].value);
        vg_h_raw(h, strcmp(chosen, o[i].value) == 0 ? "\" selected>" : "\">");
        vg_h_text(h, o[i].label);
        if (key[0] == 'o' && strcmp(key, "offence") == 0)
            vg_h_textf(h, " (%s)", o[i].value);
        vg_h_raw(h, "</option>");
    }
    vg_h_raw(h, "</select></div>");
}

static void error_line(vg_html *h, const list_read *lr, const char *field)
{
    vg_page_field_error(h, lr->field, field, lr->why);
}

static void date_input(vg_html *h, const list_read *lr, const char *key, const char *label, const char *value)
{
    bool bad = strcmp(lr->field, key) == 0;
    vg_h_fmt(h, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"f-%s\">%s</label>"
                "<div class=\"govuk-hint\" id=\"f-%s-hint\">For example, 10/12/2026</div>",
             bad ? " govuk-form-group--error" : "", key, label, key);
    error_line(h, lr, key);
    char id[40], hint[48];
    snprintf(id, sizeof id, "f-%s", key);
    snprintf(hint, sizeof hint, "f-%s-hint", key);
    vg_page_date_input(h, id, key, value, hint, bad);
    vg_h_raw(h, "</div>");
}

static void filter_form(vg_http_server *s, vg_http_req *r, vg_html *h, const char *path, const vg_list_spec *sp,
                        const list_read *lr)
{
    vg_h_raw(h, "<details class=\"govuk-details vg-filters\"");
    bool any = lr->from[0] || lr->to[0] || lr->field[0];
    for (size_t i = 0; i < sp->n_filters; i++)
        any |= lr->q.filter[i][0] != '\0';
    vg_h_raw(h, any ? " open>" : ">");
    vg_h_raw(h, "<summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">Filter</span>"
                "</summary><div class=\"govuk-details__text\"><form method=\"get\" action=\"");
    vg_h_text(h, path);
    vg_h_raw(h, "\" class=\"vg-filter-form\">");
    if (lr->q.sort != sp->sort || lr->q.desc != sp->desc)
        vg_h_fmt(h, "<input type=\"hidden\" name=\"sort\" value=\"%s\"><input type=\"hidden\" name=\"order\" value=\"%s\">",
                 sp->cols[lr->q.sort].key, lr->q.desc ? "desc" : "asc");
    if (sp->period >= 0) {
        date_input(h, lr, "from", "From", lr->from);
        date_input(h, lr, "to", "To (the whole day)", lr->to);
    }
    json_t *areas = NULL;
    vg_agency *ag = NULL;
    size_t n_ag = 0;
    for (size_t i = 0; i < sp->n_filters; i++) {
        const vg_list_filter *f = &sp->filters[i];
        const char *v = lr->q.filter[i];
        if (strcmp(lr->field, f->key) == 0) { /* a value that is not one of the choices: shown with its problem */
            vg_h_raw(h, "<div class=\"govuk-form-group govuk-form-group--error\">");
            error_line(h, lr, f->key);
        }
        vg_error ignore;
        switch (f->kind) {
        case VG_LF_CHOICE: choice_select(h, f->key, f->label, f->choices, f->n_choices, v, "Any"); break;
        case VG_LF_AREA: {
            if (!areas && vg_service_areas(s->svc, &r->session.actor, &areas, &ignore))
                areas = NULL;
            vg_h_fmt(h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"f-%s\">%s</label>"
                        "<select class=\"govuk-select\" id=\"f-%s\" name=\"%s\"><option value=\"\">The whole force</option>",
                     f->key, f->label, f->key, f->key);
            for (int pass = 0; pass < 2; pass++) { /* local authorities, then neighbourhoods */
                vg_h_raw(h, pass ? "<optgroup label=\"Neighbourhoods\">" : "<optgroup label=\"Local authorities\">");
                size_t k;
                json_t *a;
                json_array_foreach(areas, k, a) {
                    if ((strcmp(vg_jstr(a, "kind"), "neighbourhood") == 0) != (pass == 1))
                        continue;
                    vg_h_raw(h, "<option value=\"");
                    vg_h_text(h, vg_jstr(a, "code"));
                    vg_h_raw(h, strcmp(v, vg_jstr(a, "code")) == 0 ? "\" selected>" : "\">");
                    vg_h_text(h, vg_jstr(a, "name"));
                    vg_h_raw(h, "</option>");
                }
                vg_h_raw(h, "</optgroup>");
            }
            vg_h_raw(h, "</select></div>");
            break;
        }
        case VG_LF_AGENCY: {
            if (!ag && (ag = vg_malloc(256 * sizeof *ag)) &&
                vg_service_agency_list(s->svc, &r->session.actor, ag, 256, &n_ag, &ignore))
                n_ag = 0;
            vg_list_option o[256];
            for (size_t k = 0; k < n_ag && k < 256; k++)
                o[k] = (vg_list_option){ag[k].code, ag[k].name};
            choice_select(h, f->key, f->label, o, n_ag < 256 ? n_ag : 256, v, "Any");
            break;
        }
        case VG_LF_TEXT:
            vg_h_fmt(h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"f-%s\">%s</label>"
                        "<input class=\"govuk-input govuk-input--width-20\" id=\"f-%s\" name=\"%s\" type=\"text\" value=\"",
                     f->key, f->label, f->key, f->key);
            vg_h_text(h, v);
            vg_h_raw(h, "\"></div>");
            break;
        case VG_LF_PLACE: /* kept, not offered: said, with the way back to the place and to them all */
            if (*v) {
                vg_h_fmt(h, "<input type=\"hidden\" name=\"%s\" value=\"", f->key);
                vg_h_text(h, v);
                vg_h_raw(h, "\"><p class=\"govuk-body\" id=\"list-place\">Only the ");
                vg_h_text(h, sp->nouns);
                vg_h_raw(h, " at <a class=\"govuk-link\" href=\"/locations/");
                url_text(h, v);
                vg_h_raw(h, "\">this place</a>. <a class=\"govuk-link\" href=\"");
                vg_h_text(h, path);
                vg_h_raw(h, "\">All of them</a></p>");
            }
            break;
        case VG_LF_PERSON: /* kept, not offered */
        case VG_LF_RECORD:
            if (*v) {
                vg_h_fmt(h, "<input type=\"hidden\" name=\"%s\" value=\"", f->key);
                vg_h_text(h, v);
                vg_h_raw(h, "\">");
            }
            break;
        case VG_LF_FLAG:
            vg_h_fmt(h, "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes govuk-checkboxes--small\">"
                        "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"f-%s\" "
                        "name=\"%s\" type=\"checkbox\" value=\"1\"%s><label class=\"govuk-label govuk-checkboxes__label\" "
                        "for=\"f-%s\">%s</label></div></div></div>",
                     f->key, f->key, *v ? " checked" : "", f->key, f->label);
            break;
        }
        if (strcmp(lr->field, f->key) == 0)
            vg_h_raw(h, "</div>");
    }
    json_decref(areas);
    vg_free(ag);
    vg_h_raw(h, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" "
                "data-module=\"govuk-button\">Apply the filters</button><a class=\"govuk-link\" href=\"");
    vg_h_text(h, path);
    /* whose list it is stays: only the filters offered are cleared */
    for (size_t i = 0; i < sp->n_filters; i++)
        if (sp->filters[i].kind == VG_LF_PERSON && lr->q.filter[i][0]) {
            vg_h_fmt(h, "?%s=", sp->filters[i].key);
            url_text(h, lr->q.filter[i]);
        }
    vg_h_raw(h, "\">Clear the filters</a></div></form></div></details>\n");
}

/* ---- a cell */

static void cell_html(vg_html *h, const vg_list_col *c, const json_t *v)
{
    if (json_is_null(v) || !v)
        return;
    switch (c->type) {
    case VG_LT_TIME: {
        vg_time t;
        if (json_is_string(v) && vg_time_parse(vg_str_c(json_string_value(v)), &t))
            vg_page_time(h, t, true);
        else if (json_is_string(v) && !*json_string_value(v))
            vg_h_raw(h, "<span class=\"govuk-hint\">never</span>");
        break;
    }
    case VG_LT_INT: vg_page_count(h, json_integer_value(v)); break;
    case VG_LT_DUE: {
        vg_time t;
        if (json_is_string(v) && vg_time_parse(vg_str_c(json_string_value(v)), &t)) {
            bool late = t < vg_time_now();
            vg_h_fmt(h, "<strong class=\"govuk-tag %s\">%s</strong> ", late ? "govuk-tag--red" : "govuk-tag--blue",
                     late ? "Overdue" : "Due");
            vg_page_time(h, t, false);
        }
        break;
    }
    case VG_LT_DATE: {
        vg_date d;
        if (json_is_string(v) && vg_date_parse(vg_str_c(json_string_value(v)), &d))
            vg_page_time(h, vg_date_time(d), false);
        break;
    }
    case VG_LT_RECORDS: { /* every record the entry names, folded away */
        const char *t = json_string_value(v);
        if (!t || !*t)
            break;
        size_t n = 1;
        for (const char *p = t; *p; p++)
            n += *p == ';';
        vg_h_raw(h, "<details class=\"govuk-details govuk-!-margin-bottom-0\"><summary class=\"govuk-details__summary\">"
                    "<span class=\"govuk-details__summary-text\">");
        vg_page_count(h, (int64_t)n);
        vg_h_raw(h, n == 1 ? " record" : " records");
        vg_h_raw(h, "</span></summary><div class=\"govuk-details__text govuk-body-s\">");
        vg_h_text(h, t);
        vg_h_raw(h, "</div></details>");
        break;
    }
    case VG_LT_FLAG:
        if (json_is_true(v))
            vg_h_raw(h, "<strong class=\"vg-flag\">Yes</strong>");
        break;
    case VG_LT_CHOICE: vg_h_text(h, vg_list_choice_label(c->choices, c->n_choices, json_string_value(v))); break;
    case VG_LT_OFFENCE: {
        const vg_offence *o = vg_offence_find(json_string_value(v));
        if (o)
            vg_h_textf(h, "%s (%s)", o->label, o->code);
        else
            vg_h_text(h, json_string_value(v));
        break;
    }
    default:
        if (json_is_string(v))
            vg_h_text(h, json_string_value(v));
        else if (json_is_integer(v))
            vg_page_count(h, json_integer_value(v));
    }
}

/* ---- CSV: every row the filters keep, each column as a spreadsheet reads it (codes
 * with their labels beside them where they are codes) */

typedef struct csv_out {
    const vg_list_spec *sp;
    FILE *f;
} csv_out;

/* one row of the export, written as it is read */
static vg_err csv_row(void *ctx, const json_t *row)
{
    csv_out *c = ctx;
    bool ok = true;
    for (size_t i = 0; i < c->sp->n_cols && ok; i++) {
        const json_t *v = json_object_get(row, c->sp->cols[i].key);
        char num[32];
        const char *t = json_is_string(v)    ? json_string_value(v)
                        : json_is_integer(v) ? (snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), num)
                        : json_is_boolean(v) ? (json_is_true(v) ? "yes" : "no")
                                             : "";
        if (c->sp->cols[i].type == VG_LT_CHOICE)
            t = vg_list_choice_label(c->sp->cols[i].choices, c->sp->cols[i].n_choices, t);
        ok = vg_csv_write_cell(c->f, t, i == 0);
    }
    ok = ok && fputs("\r\n", c->f) != EOF;
    return ok ? VG_OK : VG_ERR_NOMEM;
}

/* ---- the page */

void vg_page_list(vg_http_server *s, vg_http_req *r, vg_http_resp *out, vg_list_kind kind, const vg_list_view *view)
{
    const char *path = view->path, *intro = view->intro;
    const vg_list_spec *sp = vg_list_spec_of(kind);
    list_read lr;
    bool ok = read_list(r, sp, &lr);
    json_t *list = NULL;
    vg_error err;
    if (ok) {
        vg_err e = vg_service_list(s->svc, &r->session.actor, &lr.q, &list, &err);
        if (e == VG_ERR_INVALID_INPUT) {
            fail(&lr, err.where, err.why);
            ok = false;
        } else if (e) {
            vg_page_error(r, out, e, &err);
            return;
        }
    }
    vg_html h = {0};
    r->wide = true;
    vg_page_begin(r, &h, sp->title, view->here);
    if (!ok) { /* the problem in words, naming the field by its label, linked to it */
        const char *label = strcmp(lr.field, "from") == 0 ? "From" : strcmp(lr.field, "to") == 0 ? "To" : lr.field;
        for (size_t i = 0; i < sp->n_filters; i++)
            if (strcmp(sp->filters[i].key, lr.field) == 0)
                label = sp->filters[i].label;
        char anchor[40], text[300];
        snprintf(anchor, sizeof anchor, "f-%s", lr.field);
        snprintf(text, sizeof text, "%s: %s", label, lr.why);
        vg_page_problem(&h, anchor, text);
    }
    if (view->notice && view->error)
        vg_page_problem(&h, NULL, view->notice);
    else if (view->notice)
        vg_page_notice(&h, view->notice);
    if (intro) {
        vg_h_raw(&h, "<p class=\"govuk-body\">");
        vg_h_text(&h, intro);
        vg_h_raw(&h, "</p>\n");
    }
    if (view->top)
        view->top(s, r, &h);
    filter_form(s, r, &h, path, sp, &lr);
    int64_t total = json_integer_value(json_object_get(list, "total"));
    int64_t first = json_integer_value(json_object_get(list, "first"));
    const json_t *rows = json_object_get(list, "rows");
    size_t n = json_array_size(rows);
    if (ok) {
        vg_h_raw(&h, "<div class=\"vg-list-head\"><p class=\"govuk-body vg-total\" id=\"list-total\"><strong>");
        vg_page_count(&h, total);
        vg_h_textf(&h, " %s", total == 1 ? sp->noun : sp->nouns);
        vg_h_raw(&h, "</strong>");
        if (n) {
            vg_h_raw(&h, ": showing ");
            vg_page_count(&h, first);
            vg_h_raw(&h, " to ");
            vg_page_count(&h, first + (int64_t)n - 1);
        }
        vg_h_raw(&h, "</p>");
        if (total) {
            vg_h_raw(&h, "<a class=\"govuk-link govuk-body\" id=\"list-csv\" download href=\"");
            list_url(&h, path, sp, &lr, &(list_link){-1, false, NULL, NULL, true});
            vg_h_raw(&h, "\">Download ");
            vg_h_raw(&h, total == 1 ? "it" : "all ");
            if (total != 1)
                vg_page_count(&h, total);
            vg_h_raw(&h, " as CSV</a>");
        }
        vg_h_raw(&h, "</div>\n");
    }
    if (ok && n && view->rows) {
        view->rows(r, &h, rows, view->ctx);
    } else if (ok && n) {
        vg_h_fmt(&h, "<table class=\"govuk-table vg-list\" id=\"list-%s\"><thead class=\"govuk-table__head\">"
                     "<tr class=\"govuk-table__row\">",
                 sp->name);
        for (size_t i = 0; i < sp->n_cols; i++) {
            const vg_list_col *c = &sp->cols[i];
            if (!vg_list_col_shown(c))
                continue;
            bool num = c->type == VG_LT_INT;
            bool sorted = (int)i == lr.q.sort;
            vg_h_fmt(&h, "<th scope=\"col\" class=\"govuk-table__header%s\"%s>", num ? " govuk-table__header--numeric" : "",
                     !c->sortable ? "" : !sorted ? " aria-sort=\"none\"" : lr.q.desc ? " aria-sort=\"descending\"" :
                     " aria-sort=\"ascending\"");
            if (c->sortable) {
                vg_h_fmt(&h, "<a class=\"govuk-link vg-sort\" data-sort=\"%s\" href=\"", c->key);
                /* a second click turns the order round; a new column starts the way it reads best */
                bool desc = sorted ? !lr.q.desc : c->type == VG_LT_TIME || c->type == VG_LT_INT;
                list_url(&h, path, sp, &lr, &(list_link){(int)i, desc, NULL, NULL, false});
                vg_h_raw(&h, "\">");
                vg_h_text(&h, c->label);
                if (sorted)
                    vg_h_raw(&h, lr.q.desc ? " <span aria-hidden=\"true\">▼</span>" : " <span aria-hidden=\"true\">▲</span>");
                vg_h_raw(&h, "</a>");
            } else
                vg_h_text(&h, c->label);
            vg_h_raw(&h, "</th>");
        }
        if (view->row_end) {
            vg_h_raw(&h, "<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">");
            vg_h_text(&h, view->row_end_label ? view->row_end_label : "Action");
            vg_h_raw(&h, "</span></th>");
        }
        vg_h_raw(&h, "</tr></thead><tbody class=\"govuk-table__body\">");
        vg_html back = {0}; /* this list with its filters and order, for a row's form to come back to */
        if (view->row_end) {
            list_url(&back, path, sp, &lr, &(list_link){-1, false, NULL, NULL, false});
            vg_h_raw(&back, ""); /* a buffer even when empty, with room for its end */
            if (back.p && !back.failed)
                back.p[back.n] = '\0';
        }
        size_t k;
        json_t *row;
        json_array_foreach(rows, k, row) {
            vg_h_raw(&h, "<tr class=\"govuk-table__row\">");
            for (size_t i = 0; i < sp->n_cols; i++) {
                const vg_list_col *c = &sp->cols[i];
                if (!vg_list_col_shown(c))
                    continue;
                const json_t *v = json_object_get(row, c->key);
                vg_h_fmt(&h, "<td class=\"govuk-table__cell%s\">", c->type == VG_LT_INT ? " govuk-table__cell--numeric" : "");
                if (c->type == VG_LT_REF && sp->href) {
                    vg_h_raw(&h, "<a class=\"govuk-link\" href=\"");
                    vg_h_text(&h, sp->href);
                    const json_t *key = sp->href_key ? json_object_get(row, sp->href_key) : NULL;
                    if (json_is_string(key))
                        url_text(&h, json_string_value(key));
                    else if (json_is_integer(key))
                        vg_h_fmt(&h, "%lld", (long long)json_integer_value(key));
                    else
                        vg_h_fmt(&h, "%lld", (long long)json_integer_value(json_object_get(row, "id")));
                    vg_h_raw(&h, "\">");
                    cell_html(&h, c, v);
                    vg_h_raw(&h, "</a>");
                } else
                    cell_html(&h, c, v);
                vg_h_raw(&h, "</td>");
            }
            if (view->row_end) {
                vg_h_raw(&h, "<td class=\"govuk-table__cell\">");
                view->row_end(r, &h, row, back.p && !back.failed ? back.p : path, view->ctx);
                vg_h_raw(&h, "</td>");
            }
            vg_h_raw(&h, "</tr>");
        }
        vg_h_free(&back);
        vg_h_raw(&h, "</tbody></table>\n");
    } else if (ok) {
        vg_h_raw(&h, "<p class=\"govuk-body\" id=\"list-none\">");
        bool filtered = lr.from[0] || lr.to[0];
        for (size_t i = 0; i < sp->n_filters; i++)
            filtered |= lr.q.filter[i][0] != '\0' && sp->filters[i].kind != VG_LF_PERSON;
        vg_h_textf(&h, total       ? "No more %s here: go back to the first page."
                       : filtered ? "No %s match these filters."
                                  : "There are no %s yet.",
                   sp->nouns);
        vg_h_raw(&h, "</p>\n");
    }
    const json_t *before = json_object_get(list, "before"), *after = json_object_get(list, "after");
    if (ok && (before || after)) {
        vg_h_raw(&h, "<nav class=\"vg-pages\" aria-label=\"Pages\">");
        if (before) {
            vg_h_raw(&h, "<a class=\"govuk-link\" "
                         "rel=\"first\" href=\"");
            list_url(&h, path, sp, &lr, &(list_link){-1, false, NULL, NULL, false});
            vg_h_raw(&h, "\">First</a><a class=\"govuk-link\" rel=\"prev\" id=\"list-prev\" href=\"");
            list_url(&h, path, sp, &lr, &(list_link){-1, false, "before", json_string_value(before), false});
            vg_h_raw(&h, "\">Previous<span class=\"govuk-visually-hidden\"> page</span></a>");
        }
        if (after) {
            vg_h_raw(&h, "<a class=\"govuk-link\" rel=\"next\" id=\"list-next\" href=\"");
            list_url(&h, path, sp, &lr, &(list_link){-1, false, "after", json_string_value(after), false});
            vg_h_raw(&h, "\">Next<span class=\"govuk-visually-hidden\"> page</span></a><a class=\"govuk-link\" id=\"list-last\" "
                         "href=\"");
            list_url(&h, path, sp, &lr, &(list_link){-1, false, "last", NULL, false});
            vg_h_raw(&h, "\">Last</a>");
        }
        vg_h_raw(&h, "</nav>\n");
    }
    json_decref(list);
    vg_page_end(out, &h, !ok ? 400 : view->status ? view->status : 200);
}

/* GET /export/{name}: every row the list's filters keep, in its order, as CSV (a
 * worker's request: off the request threads and the service lock). A wrong parameter is
 * a page naming it. */
void vg_page_export(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_list_kind kind;
    if (!vg_list_kind_parse(r->param[0], &kind)) {
        vg_page_fail(r, out, 404, "There is no such list.");
        return;
    }
    const vg_list_spec *sp = vg_list_spec_of(kind);
    list_read lr;
    vg_error err;
    if (!read_list(r, sp, &lr)) {
        char msg[300];
        snprintf(msg, sizeof msg, "The export was not made: %s %s.", lr.field, lr.why);
        vg_page_fail(r, out, 400, msg);
        return;
    }
    char *text = NULL;
    size_t len = 0;
    csv_out c = {sp, open_memstream(&text, &len)};
    bool ok = c.f != NULL;
    for (size_t i = 0; i < sp->n_cols && ok; i++)
        ok = vg_csv_write_cell(c.f, sp->cols[i].key, i == 0);
    ok = ok && fputs("\r\n", c.f) != EOF;
    int64_t total = 0;
    vg_err e = ok ? vg_service_list_each(s->svc, &r->session.actor, &lr.q, csv_row, &c, &total, &err)
                  : vg_error_set(&err, VG_ERR_NOMEM, sp->name, "out of memory");
    if (c.f && fclose(c.f) != 0 && !e)
        e = vg_error_set(&err, VG_ERR_NOMEM, sp->name, "out of memory");
    if (e) {
        free(text);
        vg_page_error(r, out, e, &err);
        return;
    }
    out->status = 200;
    out->text_len = len;
    out->text = text;
    out->content_type = "text/csv; charset=utf-8";
    snprintf(out->disposition, sizeof out->disposition, "attachment; filename=\"vigil-%s.csv\"", sp->name);
}

/* GET /api/lists/{name}: the same list as JSON (the page's parameters). */
void vg_api_list(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_list_kind kind;
    if (!vg_list_kind_parse(r->param[0], &kind)) {
        vg_http_fail(out, 404, "list", "no such list");
        return;
    }
    list_read lr;
    if (!read_list(r, vg_list_spec_of(kind), &lr)) {
        vg_http_fail(out, 400, lr.field, "%s", lr.why);
        return;
    }
    json_t *list = NULL;
    vg_error err;
    vg_err e = vg_service_list(s->svc, &r->session.actor, &lr.q, &list, &err);
    if (e) {
        vg_http_error(out, e, &err);
        return;
    }
    vg_http_json(out, 200, list);
}
