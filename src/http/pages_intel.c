/* pages_intel.c - the daily neighbourhood review: what happened in the last 24 hours and
 * 7 days, who and where needs attention (repeat and vulnerable victims, repeat
 * locations, near-repeat risk zones, hotspots, unusual rises), open safety-net actions,
 * and the meeting's own actions, assigned and closed here. */
#include "base/str.h"
#include "http/html.h"
#include "http/http_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

#define ACTOR (&r->session.actor)

static const char *s_of(json_t *o, const char *k)
{
    const char *v = json_string_value(json_object_get(o, k));
    return v ? v : "";
}

static long long i_of(json_t *o, const char *k) { return (long long)json_integer_value(json_object_get(o, k)); }

/* The meeting's day: asked for, else today; on a database with nothing recorded in the
 * last week (a demonstration), the day after its latest incident. */
static vg_date meeting_day(vg_http_server *s, vg_http_req *r)
{
    vg_date d;
    const char *q = vg_http_query(r, "date");
    if (q && vg_date_read(q, &d))
        return d;
    vg_date today = vg_time_date(vg_time_now());
    vg_time first, last;
    vg_error err;
    if (!vg_service_incident_span(s->svc, ACTOR, &first, &last, &err) && last != VG_TIME_NONE &&
        vg_time_date(last) < today - 7)
        return vg_time_date(last) + 1;
    return today;
}

static void heading(vg_html *h, const char *id, const char *title, size_t n)
{
    vg_h_fmt(h, "<h2 class=\"govuk-heading-m\" id=\"%s\">%s <span class=\"govuk-caption-m vg-count\">(%zu)</span></h2>\n", id,
             title, n);
}

static void table_start(vg_html *h, const char *caption, const char *const *cols)
{
    vg_h_raw(h, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-visually-hidden\">");
    vg_h_text(h, caption);
    vg_h_raw(h, "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
    for (; *cols; cols++)
        vg_h_fmt(h, "<th scope=\"col\" class=\"govuk-table__header\">%s</th>", *cols);
    vg_h_raw(h, "</tr></thead><tbody class=\"govuk-table__body\">");
}

/* A date "YYYY-MM-DD" in words ("9 Dec 2026"); "-" if there is none. */
static void day_cell(vg_html *h, json_t *o, const char *k)
{
    if (json_is_string(json_object_get(o, k)))
        vg_page_day(h, s_of(o, k));
    else
        vg_h_raw(h, "-");
}

/* a time "…T…Z" in UK local time with its zone */
static void time_cell(vg_html *h, json_t *o, const char *k)
{
    vg_h_raw(h, "<td class=\"govuk-table__cell\">");
    vg_page_time_iso(h, s_of(o, k));
    vg_h_raw(h, "</td>");
}

static void cell(vg_html *h, const char *text)
{
    vg_h_raw(h, "<td class=\"govuk-table__cell\">");
    vg_h_text(h, text);
    vg_h_raw(h, "</td>");
}

/* ---- the sketch map: the week's incidents and crimes, the near-repeat zones and the
 * hotspots, drawn by the server (no tiles, nothing fetched), with the tables below as
 * its text alternative */

typedef struct sketch {
    double lat0, lon0, kx, ky; /* degrees to pixels */
    double south, north, west, east;
    int w, hgt;
} sketch;

static void bounds_add(sketch *m, double lat, double lon, double metres)
{
    double dlat = metres / 111320.0, dlon = metres / (111320.0 * cos(lat * M_PI / 180));
    m->south = fmin(m->south, lat - dlat), m->north = fmax(m->north, lat + dlat);
    m->west = fmin(m->west, lon - dlon), m->east = fmax(m->east, lon + dlon);
}

static bool latlon(json_t *o, double *lat, double *lon)
{
    json_t *a = json_object_get(o, "lat"), *b = json_object_get(o, "lon");
    *lat = json_real_value(a), *lon = json_real_value(b);
    return json_is_real(a) && json_is_real(b);
}

static void px(const sketch *m, double lat, double lon, double *x, double *y)
{
    *x = (lon - m->west) * m->kx;
    *y = (m->north - lat) * m->ky;
}

static void map_section(vg_html *h, json_t *j)
{
    json_t *pts = json_object_get(json_object_get(j, "new"), "points_7_days"), *zones =
                      json_object_get(json_object_get(j, "near_repeat"), "zones"),
           *hot = json_object_get(j, "hotspots"), *it;
    sketch m = {.south = INFINITY, .north = -INFINITY, .west = INFINITY, .east = -INFINITY, .w = 800};
    size_t i;
    double lat, lon;
    json_array_foreach(pts, i, it) bounds_add(&m, json_real_value(json_array_get(it, 0)), json_real_value(json_array_get(it, 1)), 100);
    json_array_foreach(zones, i, it) if (latlon(it, &lat, &lon)) bounds_add(&m, lat, lon, json_real_value(json_object_get(it, "radius_m")));
    json_array_foreach(hot, i, it) if (latlon(it, &lat, &lon)) bounds_add(&m, lat, lon, 100);
    if (!isfinite(m.south))
        return; /* nothing located */
    double mid = (m.south + m.north) / 2, coslat = cos(mid * M_PI / 180);
    double width_m = (m.east - m.west) * 111320.0 * coslat, height_m = (m.north - m.south) * 111320.0;
    double metres_px = fmax(width_m / m.w, height_m / 600.0);
    m.kx = 111320.0 * coslat / metres_px;
    m.ky = 111320.0 / metres_px;
    m.hgt = (int)ceil(height_m / metres_px);
    m.w = (int)ceil(width_m / metres_px);
    vg_h_raw(h, "<h2 class=\"govuk-heading-m\" id=\"sketch\">Map of the last 7 days</h2>\n");
    vg_h_fmt(h, "<svg class=\"vg-sketch\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                "role=\"img\" aria-labelledby=\"sketch-title sketch-desc\"><title id=\"sketch-title\">The last 7 days</title>"
                "<desc id=\"sketch-desc\">%zu incidents and crimes with a known position (dots: red crimes, grey incidents), "
                "%zu near-repeat risk zones (orange circles) and %zu hotspot cells (black squares); the tables below list "
                "them.</desc><rect width=\"100%%\" height=\"100%%\" fill=\"#f3f2f1\"/>",
             m.w, m.hgt, m.w, m.hgt, json_array_size(pts), json_array_size(zones), json_array_size(hot));
    double x, y;
    json_array_foreach(zones, i, it) if (latlon(it, &lat, &lon)) {
        px(&m, lat, lon, &x, &y);
        vg_h_fmt(h, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#f47738\" fill-opacity=\"0.15\" stroke=\"#f47738\" "
                    "stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>",
                 x, y, json_real_value(json_object_get(it, "radius_m")) / metres_px);
        vg_date until;
        char uw[VG_DATE_WORDS_LEN] = "";
        if (vg_date_parse(vg_str_c(s_of(it, "until")), &until))
            vg_date_words(until, uw);
        vg_h_textf(h, "Risk zone until %s: %s", uw, s_of(it, "address"));
        vg_h_raw(h, "</title></circle>");
    }
    json_array_foreach(hot, i, it) if (latlon(it, &lat, &lon)) {
        px(&m, lat, lon, &x, &y);
        double side = fmax(50 / metres_px, 4);
        vg_h_fmt(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#0b0c0c\" "
                    "stroke-width=\"2\"><title>Hotspot",
                 x - side / 2, y - side / 2, side, side);
        if (*s_of(it, "near"))
            vg_h_textf(h, " near %s", s_of(it, "near"));
        vg_h_fmt(h, ": %.1f crimes per km\xc2\xb2</title></rect>", json_real_value(json_object_get(it, "density")));
    }
    json_array_foreach(pts, i, it) {
        px(&m, json_real_value(json_array_get(it, 0)), json_real_value(json_array_get(it, 1)), &x, &y);
        bool crime = strcmp(json_string_value(json_array_get(it, 2)), "crime") == 0;
        vg_h_fmt(h, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>", x, y, crime ? "#d4351c" : "#505a5f");
    }
    static const double nice[] = {20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000};
    double bar = nice[0];
    for (size_t k = 0; k < sizeof nice / sizeof nice[0]; k++)
        if (nice[k] / metres_px <= 150)
            bar = nice[k];
    vg_h_fmt(h, "<text x=\"8\" y=\"%d\" font-size=\"12\" fill=\"#0b0c0c\">%.0f m</text><line x1=\"8\" y1=\"%d\" "
                "x2=\"%.1f\" y2=\"%d\" stroke=\"#0b0c0c\" stroke-width=\"2\"/></svg>\n",
             m.hgt - 14, bar, m.hgt - 8, 8 + bar / metres_px, m.hgt - 8);
    vg_h_raw(h, "<p class=\"govuk-body-s\">Red dots: crimes; grey dots: incidents; orange circles: near-repeat risk zones; "
                "black squares: hotspots. North is up.</p>\n");
}

static void new_section(vg_html *h, json_t *j)
{
    json_t *n = json_object_get(j, "new"), *d1 = json_object_get(n, "last_24_hours"), *d7 = json_object_get(n, "last_7_days");
    json_t *list = json_object_get(n, "list_24_hours"), *it;
    vg_h_raw(h, "<h2 class=\"govuk-heading-m\" id=\"new\">New incidents and crimes</h2>\n<dl class=\"govuk-summary-list\">");
    vg_h_fmt(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Last 24 hours</dt>"
                "<dd class=\"govuk-summary-list__value\">%lld incident%s, %lld crime%s</dd></div>",
             i_of(d1, "incidents"), i_of(d1, "incidents") == 1 ? "" : "s", i_of(d1, "crimes"),
             i_of(d1, "crimes") == 1 ? "" : "s");
    vg_h_fmt(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Last 7 days</dt>"
                "<dd class=\"govuk-summary-list__value\">%lld incident%s, %lld crime%s",
             i_of(d7, "incidents"), i_of(d7, "incidents") == 1 ? "" : "s", i_of(d7, "crimes"),
             i_of(d7, "crimes") == 1 ? "" : "s");
    const char *k;
    json_t *v;
    bool first = true;
    json_object_foreach(json_object_get(n, "by_kind_7_days"), k, v) {
        vg_h_raw(h, first ? ": " : "; ");
        vg_h_textf(h, "%s %lld", k, (long long)json_integer_value(v));
        first = false;
    }
    vg_h_raw(h, "</dd></div></dl>\n");
    if (!json_array_size(list))
        return;
    static const char *const cols[] = {"When", "Record", "What", "Where", NULL};
    table_start(h, "The last 24 hours", cols);
    size_t i;
    json_array_foreach(list, i, it) {
        vg_h_raw(h, "<tr class=\"govuk-table__row\">");
        time_cell(h, it, "at");
        vg_h_fmt(h, "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/%s/%lld\">",
                 strcmp(s_of(it, "kind"), "crime") == 0 ? "crimes" : "incidents", i_of(it, "id"));
        vg_h_text(h, s_of(it, "reference"));
        vg_h_raw(h, "</a></td>");
        cell(h, s_of(it, "what"));
        cell(h, s_of(it, "address"));
        vg_h_raw(h, "</tr>");
    }
    vg_h_raw(h, "</tbody></table>\n");
}

static void victims_section(vg_html *h, json_t *j)
{
    json_t *v = json_object_get(j, "victims"), *it;
    heading(h, "victims", "Repeat and vulnerable victims, last 7 days", json_array_size(v));
    if (!json_array_size(v)) {
        vg_h_raw(h, "<p class=\"govuk-body\">None.</p>\n");
        return;
    }
    vg_h_raw(h, "<ul class=\"govuk-list vg-victims\">");
    size_t i, k;
    json_t *reason;
    json_array_foreach(v, i, it) {
        vg_h_fmt(h, "<li><a class=\"govuk-link\" href=\"/persons/%lld\">", i_of(it, "id"));
        vg_h_text(h, s_of(it, "name"));
        vg_h_raw(h, "</a> ");
        if (json_is_true(json_object_get(it, "repeat_victim")))
            vg_h_raw(h, "<strong class=\"govuk-tag govuk-tag--red\">Repeat victim</strong> ");
        if (json_is_true(json_object_get(it, "vulnerable")))
            vg_h_raw(h, "<strong class=\"govuk-tag govuk-tag--orange\">Vulnerable</strong> ");
        vg_h_fmt(h, "<a class=\"govuk-link\" href=\"/incidents/%lld\">", i_of(it, "incident"));
        vg_h_text(h, s_of(it, "reference"));
        vg_h_raw(h, "</a><ul class=\"govuk-list govuk-list--bullet\">");
        json_array_foreach(json_object_get(it, "reasons"), k, reason) {
            vg_h_raw(h, "<li>");
            vg_h_text(h, json_string_value(reason));
            vg_h_raw(h, "</li>");
        }
        vg_h_raw(h, "</ul></li>");
    }
    vg_h_raw(h, "</ul>\n");
}

static void places_sections(vg_html *h, json_t *j)
{
    json_t *rl = json_object_get(j, "repeat_locations"), *it;
    size_t i;
    heading(h, "repeat-locations", "Repeat locations, last 28 days (3 or more incidents)", json_array_size(rl));
    if (json_array_size(rl)) {
        static const char *const cols[] = {"Address", "Incidents", "Latest", NULL};
        table_start(h, "Repeat locations", cols);
        json_array_foreach(rl, i, it) {
            vg_h_raw(h, "<tr class=\"govuk-table__row\">");
            cell(h, s_of(it, "address"));
            vg_h_fmt(h, "<td class=\"govuk-table__cell\">%lld</td>", i_of(it, "incidents"));
            time_cell(h, it, "last");
            vg_h_raw(h, "</tr>");
        }
        vg_h_raw(h, "</tbody></table>\n");
    }
    json_t *nr = json_object_get(j, "near_repeat"), *pat = json_object_get(nr, "pattern"), *zones = json_object_get(nr, "zones");
    heading(h, "near-repeat", "Near-repeat risk zones", json_array_size(zones));
    if (json_is_object(pat) && i_of(pat, "reach_days") > 0)
        vg_h_fmt(h, "<p class=\"govuk-body\">In the force's %lld burglaries of the last year, a burglary is followed by "
                    "another within %lld metres and %lld days more often than chance would give (Knox ratio %.2f at "
                    "the same place and week, p = %.2f). Each burglary here is a risk zone for that long.</p>\n",
                 i_of(pat, "burglaries"), i_of(pat, "reach_m"), i_of(pat, "reach_days"),
                 json_real_value(json_object_get(pat, "ratio")), json_real_value(json_object_get(pat, "p_value")));
    else
        vg_h_raw(h, "<p class=\"govuk-body\">The force's burglaries of the last year show no significant near-repeat "
                    "pattern, so no risk zones are drawn.</p>\n");
    if (json_array_size(zones)) {
        static const char *const cols[] = {"Burglary", "When", "Where", "Radius", "Until", NULL};
        table_start(h, "Near-repeat risk zones", cols);
        json_array_foreach(zones, i, it) {
            vg_h_raw(h, "<tr class=\"govuk-table__row\">");
            cell(h, s_of(it, "reference"));
            time_cell(h, it, "at");
            cell(h, s_of(it, "address"));
            vg_h_fmt(h, "<td class=\"govuk-table__cell\">%.0f m</td>", json_real_value(json_object_get(it, "radius_m")));
            vg_h_raw(h, "<td class=\"govuk-table__cell\">");
            day_cell(h, it, "until");
            vg_h_raw(h, "</td>");
            vg_h_raw(h, "</tr>");
        }
        vg_h_raw(h, "</tbody></table>\n");
    }
    json_t *hot = json_object_get(j, "hotspots");
    heading(h, "hotspots", "Hotspots, crimes of the last 28 days", json_array_size(hot));
    vg_h_raw(h, "<p class=\"govuk-body\">Cells of 50 metres where crime is significantly concentrated (Getis-Ord Gi*, "
                "false-discovery rate 5%), densest first (quartic kernel, 200 metres).</p>\n");
    if (json_array_size(hot)) {
        static const char *const cols[] = {"Where", "Crimes per km\xc2\xb2", "Crimes in the cell", "Gi* z", NULL};
        table_start(h, "Hotspots", cols);
        json_array_foreach(hot, i, it) {
            vg_h_raw(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
            if (*s_of(it, "near")) /* the nearest street, and how far; the point for a map */
                vg_h_textf(h, "Near %s (%lld m)", s_of(it, "near"), (long long)json_integer_value(json_object_get(it, "near_m")));
            else
                vg_h_raw(h, "No named street near");
            vg_h_fmt(h, "<br><span class=\"govuk-hint\">%.5f, %.5f</span></td>"
                        "<td class=\"govuk-table__cell\">%.1f</td><td class=\"govuk-table__cell\">%.0f</td>"
                        "<td class=\"govuk-table__cell\">%.2f</td></tr>",
                     json_real_value(json_object_get(it, "lat")), json_real_value(json_object_get(it, "lon")),
                     json_real_value(json_object_get(it, "density")), json_real_value(json_object_get(it, "crimes_in_cell")),
                     json_real_value(json_object_get(it, "gi_z")));
        }
        vg_h_raw(h, "</tbody></table>\n");
    }
    json_t *tr = json_object_get(json_object_get(j, "trend_exceptions"), "exceptions");
    heading(h, "trends", "Unusually high last week", json_array_size(tr));
    if (!json_array_size(tr)) {
        vg_h_raw(h, "<p class=\"govuk-body\">Nothing is above its usual level.</p>\n");
        return;
    }
    static const char *const cols[] = {"Category", "Last week", "Usual", "Limit", NULL};
    table_start(h, "Unusually high last week", cols);
    json_array_foreach(tr, i, it) {
        vg_h_raw(h, "<tr class=\"govuk-table__row\">");
        vg_category cat;
        cell(h, vg_category_parse(s_of(it, "category"), &cat) ? vg_category_label(cat) : s_of(it, "category"));
        vg_h_fmt(h, "<td class=\"govuk-table__cell\">%lld</td><td class=\"govuk-table__cell\">%.1f</td>"
                    "<td class=\"govuk-table__cell\">%.1f</td></tr>",
                 i_of(it, "count"), json_real_value(json_object_get(it, "baseline")),
                 json_real_value(json_object_get(it, "upper")));
    }
    vg_h_raw(h, "</tbody></table>\n");
}

/* What a tasking form sent, shown again with its problem beside the field in error. */
typedef struct tasking_kept {
    const char *field, *why;        /* the field in error ("text", "owner", "due", "result") and why */
    const char *text, *owner, *due; /* the assign form */
    long long close;                /* the action whose close form was sent, and its result */
    const char *result;
} tasking_kept;

static void group(vg_html *h, const tasking_kept *k, const char *field) { vg_page_group(h, k ? k->field : NULL, field); }

static void error_line(vg_html *h, const tasking_kept *k, const char *field)
{
    if (k)
        vg_page_field_error(h, k->field, field, k->why);
}

static void actions_sections(vg_http_server *s, vg_http_req *r, vg_html *h, json_t *j, long area, const char *day,
                             const tasking_kept *k)
{
    json_t *sn = json_object_get(j, "safety_net_actions"), *it;
    size_t i;
    heading(h, "safety-net", "Open safety-net actions", json_array_size(sn));
    if (json_array_size(sn)) {
        static const char *const cols[] = {"Case", "Action", "Agency", "Due", NULL};
        table_start(h, "Open safety-net actions", cols);
        json_array_foreach(sn, i, it) {
            vg_h_fmt(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                        "href=\"/cases/%lld\">",
                     i_of(it, "case"));
            vg_h_text(h, s_of(it, "case_title"));
            vg_h_raw(h, "</a></td>");
            cell(h, s_of(it, "text"));
            cell(h, s_of(it, "agency"));
            vg_h_raw(h, "<td class=\"govuk-table__cell\">");
            day_cell(h, it, "due");
            if (json_is_true(json_object_get(it, "overdue")))
                vg_h_raw(h, " <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>");
            vg_h_raw(h, "</td></tr>");
        }
        vg_h_raw(h, "</tbody></table>\n");
    }
    json_t *ac = json_object_get(j, "actions");
    heading(h, "actions", "This review's actions", json_array_size(ac));
    vg_h_raw(h, "<p class=\"govuk-body\">Open actions are shown at every review until they are closed; closed ones for a "
                "week.</p>\n");
    json_array_foreach(ac, i, it) {
        bool closed = json_is_string(json_object_get(it, "closed_at"));
        vg_h_fmt(h, "<section class=\"vg-queue__item\" aria-labelledby=\"action-%lld\"><h3 class=\"govuk-heading-s\" "
                    "id=\"action-%lld\">",
                 i_of(it, "id"), i_of(it, "id"));
        vg_h_text(h, s_of(it, "text"));
        vg_h_raw(h, "</h3><p class=\"govuk-body\">");
        vg_h_textf(h, "Owner %s, due ", s_of(it, "owner"));
        day_cell(h, it, "due");
        if (json_is_true(json_object_get(it, "overdue")))
            vg_h_raw(h, " <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>");
        if (closed) {
            vg_h_raw(h, " <strong class=\"govuk-tag govuk-tag--green\">Closed</strong></p><p class=\"govuk-body\">");
            vg_h_textf(h, "Done: %s", s_of(it, "result"));
            vg_h_raw(h, "</p></section>\n");
            continue;
        }
        vg_h_fmt(h, "</p><form method=\"post\" action=\"/tasking/actions/%lld/close\">", i_of(it, "id"));
        vg_page_csrf(r, h);
        vg_h_fmt(h, "<input type=\"hidden\" name=\"area\" value=\"%ld\"><input type=\"hidden\" name=\"date\" value=\"", area);
        vg_h_text(h, day);
        long long id = i_of(it, "id");
        const tasking_kept *mine = k && k->close == id ? k : NULL;
        vg_h_raw(h, "\">");
        group(h, mine, "result");
        vg_h_fmt(h, "<label class=\"govuk-label\" for=\"result-%lld\">What was done" VG_REQUIRED "</label>", id);
        error_line(h, mine, "result");
        vg_h_fmt(h, "<input class=\"govuk-input\" id=\"result-%lld\" name=\"result\" type=\"text\" value=\"", id);
        vg_h_text(h, mine && mine->result ? mine->result : "");
        vg_h_raw(h, "\"></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                    "data-module=\"govuk-button\">Close the action</button></form></section>\n");
    }
    vg_h_raw(h, "<h3 class=\"govuk-heading-s\">Assign an action</h3><form method=\"post\" action=\"/tasking/actions\">");
    vg_page_csrf(r, h);
    vg_h_fmt(h, "<input type=\"hidden\" name=\"area\" value=\"%ld\"><input type=\"hidden\" name=\"date\" value=\"", area);
    vg_h_text(h, day);
    const tasking_kept *add = k && !k->close ? k : NULL;
    vg_h_raw(h, "\">");
    group(h, add, "text");
    vg_h_raw(h, "<label class=\"govuk-label\" for=\"text\">Action" VG_REQUIRED "</label>");
    error_line(h, add, "text");
    vg_h_raw(h, "<textarea class=\"govuk-textarea\" id=\"text\" name=\"text\" rows=\"2\">");
    vg_h_text(h, add && add->text ? add->text : "");
    vg_h_raw(h, "</textarea></div>");
    group(h, add, "owner");
    vg_h_raw(h, "<label class=\"govuk-label\" for=\"owner\">Owner" VG_REQUIRED "</label>");
    error_line(h, add, "owner");
    vg_h_raw(h, "<select class=\"govuk-select\" id=\"owner\" name=\"owner\">");
    const char *chosen = add && add->owner && add->owner[0] ? add->owner : ACTOR->username;
    /* a picker over the agency's active users, the reader first */
    enum { MAX_USERS = 2000 };
    vg_user *users = vg_malloc(MAX_USERS * sizeof *users);
    size_t nu = 0;
    vg_error ignore;
    if (users && vg_service_assignable_users(s->svc, ACTOR, users, MAX_USERS, &nu, &ignore))
        nu = 0;
    for (size_t u = 0; u < nu; u++) {
        vg_h_raw(h, "<option value=\"");
        vg_h_text(h, users[u].username);
        vg_h_raw(h, strcmp(users[u].username, chosen) ? "\">" : "\" selected>");
        vg_h_textf(h, "%s (%s)", users[u].username, vg_user_role_label(users[u].role));
        vg_h_raw(h, "</option>");
    }
    vg_free(users);
    vg_h_raw(h, "</select></div>");
    group(h, add, "due");
    vg_h_raw(h, "<label class=\"govuk-label\" for=\"due\">Due" VG_REQUIRED "</label>"
                "<div class=\"govuk-hint\" id=\"due-hint\">For example, 10/12/2026</div>");
    error_line(h, add, "due");
    vg_page_date_input(h, "due", "due", add ? add->due : NULL, "due-hint", add && add->field && !strcmp(add->field, "due"));
    vg_h_raw(h, "</div><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Assign the action</button>"
                "</form>\n");
}

static void tasking_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, long area, vg_date day, const char *msg,
                         bool error, unsigned status, const tasking_kept *k)
{
    vg_error err;
    json_t *areas = NULL, *j = NULL;
    vg_err e = vg_service_check(s->svc, ACTOR, VG_PERM_INTEL, "daily review", &err);
    e = e ? e : vg_service_areas(s->svc, ACTOR, &areas, &err);
    if (!e && area <= 0) { /* the first neighbourhood */
        size_t i;
        json_t *it;
        json_array_foreach(areas, i, it) if (area <= 0 && !strcmp(s_of(it, "kind"), "neighbourhood"))
            area = (long)json_integer_value(json_object_get(it, "id"));
    }
    e = e ? e : vg_service_briefing(s->svc, ACTOR, area, day, &j, &err);
    if (e == VG_ERR_NOT_FOUND && area > 0) { /* a neighbourhood that is none: said, on the first one's review */
        json_decref(areas);
        tasking_page(s, r, out, 0, day, "Neighbourhood: choose one from the list", true, 400, NULL);
        return;
    }
    if (e) {
        json_decref(areas);
        vg_page_error(r, out, e, &err);
        return;
    }
    char dtext[VG_DATE_LEN];
    vg_date_format(day, dtext);
    vg_html h = {0};
    vg_page_begin(r, &h, "Daily review", "/tasking");
    char field[40] = "";
    if (k && k->field && k->close)
        snprintf(field, sizeof field, "result-%lld", k->close);
    else if (k && k->field)
        snprintf(field, sizeof field, "%.30s", k->field);
    if (msg && error)
        vg_page_problem(&h, field[0] ? field : NULL, msg);
    else if (msg)
        vg_page_notice(&h, msg);
    vg_h_raw(&h, "<form method=\"get\" action=\"/tasking\" class=\"govuk-!-margin-bottom-4\">");
    vg_page_area_select(&h, areas, area, true);
    json_decref(areas);
    vg_h_raw(&h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"date\">Meeting day</label>"
                 "<div id=\"date-hint\" class=\"govuk-hint\">For example 10/12/2026; the periods end at the start of "
                 "this day</div><input class=\"govuk-input govuk-input--width-10\" id=\"date\" name=\"date\" "
                 "type=\"date\" aria-describedby=\"date-hint\" value=\"");
    vg_h_text(&h, dtext);
    vg_h_raw(&h, "\"></div><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Show</button></form>\n"
                 "<p class=\"govuk-body-l\">");
    vg_h_textf(&h, "%s, ", s_of(json_object_get(j, "area"), "name"));
    vg_page_time(&h, vg_date_time(day), false);
    vg_h_fmt(&h, "</p>\n<p class=\"govuk-body vg-downloads\"><a class=\"govuk-link\" id=\"review-json\" download "
                 "href=\"/api/areas/%ld/briefing?date=%s\">Download this review (JSON)</a></p>\n",
             area, dtext);
    vg_h_raw(&h, "<nav aria-label=\"Sections\"><ul class=\"govuk-list vg-jump\"><li><a class=\"govuk-link\" href=\"#new\">New</a></li>"
                 "<li><a class=\"govuk-link\" href=\"#victims\">Victims</a></li><li><a class=\"govuk-link\" href=\"#repeat-locations\">"
                 "Repeat locations</a></li><li><a class=\"govuk-link\" href=\"#near-repeat\">Near-repeat</a></li>"
                 "<li><a class=\"govuk-link\" href=\"#hotspots\">Hotspots</a></li><li><a class=\"govuk-link\" href=\"#trends\">"
                 "Unusually high</a></li><li><a class=\"govuk-link\" href=\"#safety-net\">Safety net</a></li>"
                 "<li><a class=\"govuk-link\" href=\"#actions\">Actions</a></li></ul></nav>\n");
    map_section(&h, j);
    new_section(&h, j);
    victims_section(&h, j);
    places_sections(&h, j);
    actions_sections(s, r, &h, j, area, dtext, k);
    json_decref(j);
    vg_page_end(out, &h, status);
}

void vg_page_tasking(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    const char *a = vg_http_query(r, "area"), *d = vg_http_query(r, "date");
    vg_date day;
    if (d && *d && !vg_date_read(d, &day)) { /* said, on the review of the usual day: never an empty view */
        tasking_page(s, r, out, a ? strtol(a, NULL, 10) : 0, meeting_day(s, r),
                     "Meeting day: must be a date such as 10/12/2026", true, 400, NULL);
        return;
    }
    tasking_page(s, r, out, a ? strtol(a, NULL, 10) : 0, meeting_day(s, r), NULL, false, 200, NULL);
}

/* The area and day a form came from. */
static void form_place(vg_http_server *s, vg_http_req *r, long *area, vg_date *day)
{
    char a[VG_MAX_CODE + 1] = "", d[VG_MAX_CODE + 1] = "";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    (void)vg_form_text(&f, "area", VG_LIM_CODE, a, sizeof a); /* a bad one: the force, today */
    (void)vg_form_text(&f, "date", VG_LIM_CODE, d, sizeof d);
    *area = strtol(a, NULL, 10);
    if (!vg_date_parse(vg_str_c(d), day))
        *day = meeting_day(s, r);
}

/* After a form: the review with its notice, or the form again with what was typed and
 * its problem beside the field. */
static void after(vg_http_server *s, vg_http_req *r, vg_http_resp *out, long area, vg_date day, vg_err e,
                  const vg_error *err, const char *done, tasking_kept *k)
{
    char msg[VG_PAGE_PROBLEM_MAX];
    if (vg_page_form_problem(e, err, msg, sizeof msg)) {
        k->field = err->where;
        k->why = err->why;
        tasking_page(s, r, out, area, day, msg, true, vg_http_status_of(e), k);
        return;
    }
    if (e) {
        vg_page_error(r, out, e, err);
        return;
    }
    tasking_page(s, r, out, area, day, done, false, 200, NULL);
}

void vg_page_tasking_add(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    long area;
    vg_date day, due;
    form_place(s, r, &area, &day);
    char text[VG_MAX_ACTION + 1] = "", owner[VG_MAX_USERNAME + 1] = "", d[VG_MAX_CODE + 1] = "";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    (void)vg_form_text(&f, "text", VG_LIM_ACTION, text, sizeof text);
    (void)vg_form_text(&f, "owner", VG_LIM_USERNAME, owner, sizeof owner);
    (void)vg_form_text(&f, "due", VG_LIM_CODE, d, sizeof d);
    vg_error err;
    vg_id id = 0;
    vg_err e = vg_form_error(&f, &err);
    if (!e && !vg_date_read(d, &due))
        e = vg_error_set(&err, VG_ERR_INVALID_INPUT, "due", "give the due date, such as 10/12/2026");
    if (!e) { /* a write: under the lock; the review shown after it is read without */
        vg_http_lock(s, r);
        e = vg_service_tasking_add(s->svc, ACTOR, area, text, owner, due, &id, &err);
        vg_http_release(s, r);
    }
    char done[160];
    snprintf(done, sizeof done, "The action is assigned to %s.", owner);
    tasking_kept k = {.text = text, .owner = owner, .due = d};
    after(s, r, out, area, day, e, &err, done, &k);
}

void vg_page_tasking_close(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    long area;
    vg_date day;
    form_place(s, r, &area, &day);
    char *end;
    long long id = strtoll(r->param[0], &end, 10);
    char result[VG_MAX_ACTION + 1] = "";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    (void)vg_form_text(&f, "result", VG_LIM_ACTION, result, sizeof result);
    vg_error err;
    vg_err e = *end || id <= 0 ? vg_error_set(&err, VG_ERR_NOT_FOUND, "action", "no such action") : vg_form_error(&f, &err);
    if (!e) {
        vg_http_lock(s, r);
        e = vg_service_tasking_close(s->svc, ACTOR, (vg_id)id, result, &err);
        vg_http_release(s, r);
    }
    tasking_kept k = {.close = id, .result = result};
    after(s, r, out, area, day, e, &err, "The action is closed.", &k);
}
