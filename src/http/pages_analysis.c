/* pages_analysis.c - the analyst's screens: incidents and hotspots on a map for a
 * neighbourhood and period, and the inspection performance report (table and chart,
 * printable). */
#include "base/alloc.h"
#include "base/buf.h"
#include "base/str.h"
#include "http/html.h"
#include "http/http_int.h"
#include "io/perf_render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACTOR (&r->session.actor)

/* "YYYY-MM" of a time. */
static void month_of(vg_time t, char out[8])
{
    char s[VG_TIME_LEN];
    vg_time_format(t, s);
    snprintf(out, 8, "%.7s", s);
}

/* The first instant of a "YYYY-MM" month, plus `add` months. */
static bool month_start(const char *ym, int add, vg_time *out)
{
    vg_month m;
    if (!ym || !vg_month_parse(vg_str_c(ym), &m))
        return false;
    int y = vg_month_year(m), mo = vg_month_num(m) - 1 + add;
    y += mo >= 0 ? mo / 12 : -((11 - mo) / 12);
    mo = ((mo % 12) + 12) % 12;
    vg_date d;
    if (!vg_date_from_ymd(y, mo + 1, 1, &d))
        return false;
    *out = vg_date_time(d);
    return true;
}

/* The month of the latest incident, or this month if there is none (or the reader may not
 * read incidents: the span is asked only of those who may, so no refusal is logged for a
 * partner's report). complete: the month before it when that month is not over yet, so a
 * report opens on the latest complete period that has data. */
static void latest_month(vg_http_server *s, vg_http_req *r, char out[8], bool complete)
{
    vg_time first, last = VG_TIME_NONE, now = vg_time_now();
    vg_error err;
    if (!vg_actor_can(ACTOR, VG_PERM_INCIDENT_READ) || vg_service_incident_span(s->svc, ACTOR, &first, &last, &err) ||
        last == VG_TIME_NONE || last > now)
        last = now;
    month_of(last, out);
    vg_time next;
    if (complete && month_start(out, 1, &next) && next > now && month_start(out, -1, &last))
        month_of(last, out);
}

/* The period asked for, or the three months to the latest incident. */
static void period(vg_http_server *s, vg_http_req *r, char from[8], char to[8])
{
    const char *f = vg_http_query(r, "from"), *t = vg_http_query(r, "to");
    vg_time x, y;
    if (f && t && month_start(f, 0, &x) && month_start(t, 0, &y) && x <= y) {
        snprintf(from, 8, "%s", f);
        snprintf(to, 8, "%s", t);
        return;
    }
    latest_month(s, r, to, false);
    vg_time start;
    if (month_start(to, -2, &start))
        month_of(start, from);
    else
        snprintf(from, 8, "%s", to);
}

void vg_page_area_select(vg_html *h, const json_t *areas, long chosen, bool neighbourhoods_only)
{
    vg_h_fmt(h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"area\">%s</label>"
                "<select class=\"govuk-select\" id=\"area\" name=\"area\">",
             neighbourhoods_only ? "Neighbourhood" : "Area");
    if (!neighbourhoods_only)
        vg_h_fmt(h, "<option value=\"0\"%s>The whole force</option>", chosen == 0 ? " selected" : "");
    size_t i, k;
    json_t *la, *nb;
    json_array_foreach(areas, i, la) { /* each local authority, then its neighbourhoods */
        if (strcmp(json_string_value(json_object_get(la, "kind")), "local_authority") != 0)
            continue;
        json_int_t id = json_integer_value(json_object_get(la, "id"));
        vg_h_raw(h, "<optgroup label=\"");
        vg_h_text(h, json_string_value(json_object_get(la, "name")));
        vg_h_raw(h, "\">");
        if (!neighbourhoods_only) {
            vg_h_fmt(h, "<option value=\"%lld\"%s>All of ", (long long)id, chosen == id ? " selected" : "");
            vg_h_text(h, json_string_value(json_object_get(la, "name")));
            vg_h_raw(h, "</option>");
        }
        json_array_foreach(areas, k, nb) {
            if (json_integer_value(json_object_get(nb, "parent")) != id ||
                strcmp(json_string_value(json_object_get(nb, "kind")), "neighbourhood") != 0)
                continue;
            json_int_t nid = json_integer_value(json_object_get(nb, "id"));
            vg_h_fmt(h, "<option value=\"%lld\"%s>", (long long)nid, chosen == nid ? " selected" : "");
            vg_h_text(h, json_string_value(json_object_get(nb, "name")));
            vg_h_raw(h, "</option>");
        }
        vg_h_raw(h, "</optgroup>");
    }
    vg_h_raw(h, "</select></div>\n");
}

static void month_input(vg_html *h, const char *id, const char *label, const char *value)
{
    vg_h_fmt(h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"%s\">%s</label>"
                "<div id=\"%s-hint\" class=\"govuk-hint\">YYYY-MM</div><input class=\"govuk-input govuk-input--width-5\" "
                "id=\"%s\" name=\"%s\" type=\"text\" aria-describedby=\"%s-hint\" value=\"",
             id, label, id, id, id, id);
    vg_h_text(h, value);
    vg_h_raw(h, "\"></div>\n");
}

static long cell_size(vg_http_req *r)
{
    const char *c = vg_http_query(r, "cell");
    long v = c ? strtol(c, NULL, 10) : 250;
    return v == 100 || v == 250 || v == 500 || v == 1000 ? v : 250;
}

void vg_page_map(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_error err;
    json_t *areas = NULL;
    vg_err e = vg_service_check(s->svc, ACTOR, VG_PERM_INCIDENT_READ, "incident map", &err);
    if (!e)
        e = vg_service_areas(s->svc, ACTOR, &areas, &err);
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    const char *a = vg_http_query(r, "area");
    char *end = NULL;
    long area = a && *a ? strtol(a, &end, 10) : -1;
    bool bad_area = false; /* an area that is none of the list's: said, over the first neighbourhood's map */
    if (area > 0 || (end && *end)) {
        bool known = false;
        size_t i;
        json_t *it;
        json_array_foreach(areas, i, it) known |= json_integer_value(json_object_get(it, "id")) == area;
        if (!known || (end && *end)) {
            bad_area = true;
            area = -1;
        }
    }
    if (area < 0) { /* the first neighbourhood */
        area = 0;
        size_t i;
        json_t *it;
        json_array_foreach(areas, i, it) if (!area && !strcmp(json_string_value(json_object_get(it, "kind")), "neighbourhood"))
            area = (long)json_integer_value(json_object_get(it, "id"));
    }
    char from[8], to[8];
    period(s, r, from, to);
    /* months asked for that are not months: said, over the latest months' map */
    const char *qf = vg_http_query(r, "from"), *qt = vg_http_query(r, "to");
    vg_time tf, tt;
    bool bad = ((qf && *qf) || (qt && *qt)) &&
               !(qf && qt && month_start(qf, 0, &tf) && month_start(qt, 0, &tt) && tf <= tt);
    long cell = cell_size(r);
    r->with_map = true;
    vg_html h = {0};
    vg_page_begin(r, &h, "Incidents and hotspots", "/map");
    if (bad)
        vg_page_problem(&h, "from", "From and to: give the months such as 2014-06, the first not after the last; "
                                    "the latest months are shown");
    if (bad_area)
        vg_page_problem(&h, "area", "Area: choose one from the list; the first neighbourhood is shown");
    vg_h_raw(&h, "<form method=\"get\" action=\"/map\" class=\"govuk-!-margin-bottom-4\">");
    vg_page_area_select(&h, areas, area, false);
    json_decref(areas);
    month_input(&h, "from", "From the month", from);
    month_input(&h, "to", "To the month (included)", to);
    static const char *const cells[] = {"100", "250", "500", "1000"};
    static const char *const cell_labels[] = {"100 metres", "250 metres", "500 metres", "1 kilometre"};
    char cs[8];
    snprintf(cs, sizeof cs, "%ld", cell);
    vg_h_raw(&h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"cell\">Hotspot grid</label>"
                 "<select class=\"govuk-select\" id=\"cell\" name=\"cell\">");
    for (int i = 0; i < 4; i++)
        vg_h_fmt(&h, "<option value=\"%s\"%s>%s</option>", cells[i], strcmp(cs, cells[i]) == 0 ? " selected" : "",
                 cell_labels[i]);
    vg_h_raw(&h, "</select></div><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Show</button>"
                 "</form>\n");
    vg_h_fmt(&h, "<div id=\"map\" class=\"vg-map\" data-src=\"/map/data?area=%ld&amp;from=", area);
    vg_h_text(&h, from);
    vg_h_raw(&h, "&amp;to=");
    vg_h_text(&h, to);
    vg_h_fmt(&h, "&amp;cell=%ld\" role=\"region\" aria-label=\"Map of the incidents and the hotspot grid\" "
                 "aria-describedby=\"map-summary\"></div>\n<div id=\"map-summary\" class=\"govuk-!-margin-top-4\" "
                 "aria-live=\"polite\"><p class=\"govuk-body\">Loading the incidents...</p></div>\n",
             cell);
    /* the figures behind the map, to take away */
    vg_h_fmt(&h, "<p class=\"govuk-body vg-downloads\"><a class=\"govuk-link\" id=\"map-json\" download "
                 "href=\"/map/data?area=%ld&amp;from=%s&amp;to=%s&amp;cell=%ld\">Download the map's figures (JSON: every "
                 "count, the cells and the points)</a></p>\n",
             area, from, to, cell);
    vg_page_end(out, &h, bad || bad_area ? 400 : 200);
}

void vg_page_map_data(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    const char *a = vg_http_query(r, "area");
    char *end = NULL;
    long area = a && *a ? strtol(a, &end, 10) : 0;
    if ((end && *end) || area < 0) {
        vg_http_fail(out, 400, "area", "give an area's number from the list of areas");
        return;
    }
    vg_time from, to;
    if (!month_start(vg_http_query(r, "from"), 0, &from) || !month_start(vg_http_query(r, "to"), 1, &to) || from >= to) {
        vg_http_fail(out, 400, "from", "give the months as YYYY-MM, the first not after the last");
        return;
    }
    json_t *map = NULL;
    vg_error err;
    vg_err e = vg_service_incident_map(s->svc, ACTOR, area, from, to, (double)cell_size(r), &map, &err);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 200, map);
}

void vg_page_performance(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_perf_request req;
    memset(&req, 0, sizeof req);
    req.source = VG_PS_RECORDS;
    const char *v = vg_http_query(r, "source");
    const char *problem = NULL; /* a parameter that is wrong: said, over the default report */
    if (v && !vg_perf_source_parse(v, &req.source)) {
        req.source = VG_PS_RECORDS;
        problem = "Figures from: not one of the choices; this force's own records are shown";
    }
    req.force = vg_http_query(r, "force");
    if (req.force && !*req.force)
        req.force = NULL;
    char to[8]; /* the month asked for, or the latest incident's */
    vg_time x;
    if ((v = vg_http_query(r, "to")) && month_start(v, 0, &x))
        snprintf(to, sizeof to, "%s", v);
    else {
        if (v && *v)
            problem = "The last month of the 12: give a month such as 2014-06; the latest is shown";
        latest_month(s, r, to, true);
    }
    vg_month m;
    if (vg_month_parse(vg_str_c(to), &m))
        req.to = vg_month_year(m) * 100 + vg_month_num(m);
    vg_perf_report *rep = vg_malloc(sizeof *rep);
    vg_error err;
    vg_err e = !rep ? vg_error_set(&err, VG_ERR_NOMEM, "report", "out of memory")
               : !req.force && req.source != VG_PS_RECORDS
                   ? vg_error_set(&err, VG_ERR_INVALID_INPUT, "force", "name a force for this source")
                   : vg_service_report_performance(s->svc, ACTOR, &req, rep, &err);
    if (e == VG_ERR_FORBIDDEN || e == VG_ERR_NOMEM || (e && vg_http_status_of(e) >= 500)) {
        vg_free(rep);
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_html h = {0};
    vg_page_begin(r, &h, "Performance", "/reports/performance");
    if (problem)
        vg_page_problem(&h, NULL, problem);
    vg_h_raw(&h, "<form method=\"get\" action=\"/reports/performance\" class=\"govuk-!-margin-bottom-6\">");
    static const char *const sources[] = {"records", "home-office", "police-uk"};
    static const char *const source_labels[] = {"This force's own records", "Home Office recorded crime",
                                                "police.uk street-level crime"};
    vg_h_raw(&h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"source\">Figures from</label>"
                 "<select class=\"govuk-select\" id=\"source\" name=\"source\">");
    for (int i = 0; i < 3; i++)
        vg_h_fmt(&h, "<option value=\"%s\"%s>%s</option>", sources[i],
                 strcmp(sources[i], vg_perf_source_name(req.source)) == 0 ? " selected" : "", source_labels[i]);
    vg_h_raw(&h, "</select></div><div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"force\">Force "
                 "(for the Home Office and police.uk figures)</label><input class=\"govuk-input govuk-input--width-20\" "
                 "id=\"force\" name=\"force\" type=\"text\" value=\"");
    vg_h_text(&h, req.force ? req.force : "");
    vg_h_raw(&h, "\"></div>");
    month_input(&h, "to", "The last month of the 12", to);
    vg_h_raw(&h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Show</button></form>\n");
    if (e) {
        vg_h_raw(&h, "<div class=\"govuk-inset-text\">");
        vg_h_text(&h, err.why);
        vg_h_raw(&h, "</div>\n");
    } else {
        vg_buf b;
        vg_buf_init(&b, 1 << 24);
        if (vg_perf_html_body(rep, &b) == VG_OK) {
            vg_h_raw(&h, "<div class=\"vg-perf\">\n<h2 class=\"govuk-heading-m\">");
            vg_h_text(&h, rep->force.name);
            vg_h_raw(&h, "</h2>\n");
            vg_h_raw(&h, vg_buf_str(&b)); /* escaped by the renderer */
            /* the same figures to take away: the API's answer to the same question */
            static const char *const formats[2] = {"json", "csv"};
            vg_h_raw(&h, "<p class=\"govuk-body vg-downloads\">Download these figures: ");
            for (int k = 0; k < 2; k++) {
                vg_h_fmt(&h, "%s<a class=\"govuk-link\" id=\"report-%s\" download href=\"/api/reports/performance?"
                             "format=%s&amp;source=%s&amp;to=%s",
                         k ? " or " : "", formats[k], formats[k], vg_perf_source_name(req.source), to);
                if (req.force) {
                    vg_h_raw(&h, "&amp;force=");
                    for (const unsigned char *p = (const unsigned char *)req.force; *p; p++) {
                        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
                            vg_h_fmt(&h, "%c", *p);
                        else
                            vg_h_fmt(&h, "%%%02X", *p);
                    }
                }
                vg_h_raw(&h, k ? "\">CSV (for a spreadsheet)</a>" : "\">JSON</a>");
            }
            vg_h_raw(&h, "</p>\n</div>\n");
        } else {
            vg_h_raw(&h, "<p class=\"govuk-body\">The report could not be drawn (out of memory).</p>");
        }
        vg_buf_free(&b);
    }
    vg_free(rep);
    vg_page_end(out, &h, problem ? 400 : 200);
}
