/* perf_render.c - JSON and HTML/SVG renderings of the performance table. */
#include "io/perf_render.h"
#include "base/str.h"

#include "io/csv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void ym(int yyyymm, char out[16]) { snprintf(out, 16, "%04d-%02d", yyyymm / 100 % 10000, yyyymm % 100); }

void vg_month_long(int yyyymm, char *out, size_t n)
{
    static const char *const names[] = {"January", "February", "March", "April", "May", "June", "July",
                                        "August", "September", "October", "November", "December"};
    int m = yyyymm % 100;
    snprintf(out, n, "%s %d", m >= 1 && m <= 12 ? names[m - 1] : "?", yyyymm / 100);
}

static json_t *cell_json(const vg_perf_cell *c)
{
    if (!c->available)
        return json_pack("{s:n, s:n, s:n, s:n}", "count", "denominator", "denominator_year", "rate");
    return json_pack("{s:I, s:o, s:o, s:o}", "count", (json_int_t)c->count, "denominator",
                     c->denominator > 0 ? json_integer(c->denominator) : json_null(), "denominator_year",
                     c->denominator > 0 ? json_integer(c->denominator_year) : json_null(), "rate",
                     c->has_rate ? json_real(c->rate) : json_null());
}

static json_t *change_json(const vg_perf_change *c)
{
    char to[16];
    ym(c->to, to);
    return json_pack("{s:o, s:o, s:s}", "force_pct", c->force_available ? json_real(c->force_pct) : json_null(),
                     "england_wales_pct", c->ew_available ? json_real(c->ew_pct) : json_null(), "compared_with_to", to);
}

json_t *vg_perf_to_json(const vg_perf_report *r)
{
    char from[16], to[16];
    ym(r->from, from);
    ym(r->to, to);
    json_t *measures = json_array(), *notes = json_array(), *series = json_array();
    for (int m = 0; m < VG_PM_COUNT; m++) {
        const vg_perf_cell *fc = &r->force.cells[m];
        json_t *cmp = json_array();
        for (int i = 0; i < r->n_compare; i++) {
            json_t *c = cell_json(&r->compare[i].cells[m]);
            json_object_set_new(c, "force", json_string(r->compare[i].name));
            json_array_append_new(cmp, c);
        }
        json_array_append_new(measures, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "id", vg_perf_measure_id((vg_perf_measure)m),
                                                  "label", vg_perf_measure_label((vg_perf_measure)m), "per",
                                                  fc->per_households ? "households" : "population", "force", cell_json(fc),
                                                  "england_wales", cell_json(&r->ew.cells[m]), "compare", cmp));
    }
    for (const char *p = r->notes; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        json_array_append_new(notes, json_stringn(p, n));
        p += n + (nl ? 1 : 0);
    }
    for (int q = 0; q < r->n_series; q++) {
        char t[16];
        ym(r->series[q].to, t);
        json_array_append_new(series, json_pack("{s:s, s:o, s:o}", "to", t, "force_rate",
                                                r->series[q].force_ok ? json_real(r->series[q].force_rate) : json_null(),
                                                "england_wales_rate",
                                                r->series[q].ew_ok ? json_real(r->series[q].ew_rate) : json_null()));
    }
    return json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:i, s:o, s:o, s:{s:o, s:o}, s:i, s:s, s:o, s:o}", "force",
                     r->force.name, "force_slug", r->force.slug, "source", vg_perf_source_name(r->source), "period", "from",
                     from, "to", to, "population_year", r->population_year, "households_year",
                     r->households_year ? json_integer(r->households_year) : json_null(), "measures", measures, "change", "vs_4_years",
                     change_json(&r->vs_4_years), "vs_previous_year", change_json(&r->vs_previous_year),
                     "england_wales_forces", r->ew_forces, "england_wales_excluded", r->ew_excluded, "series", series,
                     "notes", notes);
}

/* ---- CSV */

static bool csv_area(FILE *f, const vg_perf_report *r, int m, const char *area, const vg_perf_cell *c)
{
    char from[16], to[16];
    ym(r->from, from);
    ym(r->to, to);
    bool ok = vg_csv_write_cell(f, vg_perf_measure_label((vg_perf_measure)m), true) && vg_csv_write_cell(f, area, false) &&
              fprintf(f, ",%s,%s", from, to) > 0;
    if (ok && !c->available)
        return fputs(",,,,,\r\n", f) != EOF;
    ok = ok && fprintf(f, ",%lld,%s", (long long)c->count, c->per_households ? "households" : "residents") > 0;
    ok = ok && (c->denominator > 0 ? fprintf(f, ",%lld,%d", (long long)c->denominator, c->denominator_year) > 0
                                   : fputs(",,", f) != EOF);
    ok = ok && (c->has_rate ? fprintf(f, ",%.1f", c->rate) > 0 : fputc(',', f) != EOF);
    return ok && fputs("\r\n", f) != EOF;
}

bool vg_perf_to_csv(const vg_perf_report *r, FILE *f)
{
    bool ok = fputs("measure,area,from,to,count,per,denominator,denominator_year,rate_per_1000\r\n", f) != EOF;
    for (int m = 0; m < VG_PM_COUNT && ok; m++) {
        ok = csv_area(f, r, m, r->force.name, &r->force.cells[m]);
        if (ok && r->ew_available)
            ok = csv_area(f, r, m, "England and Wales", &r->ew.cells[m]);
        for (int i = 0; i < r->n_compare && ok; i++)
            ok = csv_area(f, r, m, r->compare[i].name, &r->compare[i].cells[m]);
    }
    return ok;
}

/* ---- HTML */

static vg_err cell_html(vg_buf *b, const vg_perf_cell *c)
{
    if (!c->available)
        return vg_buf_puts(b, "<td class=\"n\">&ndash;</td><td class=\"n\">&ndash;</td>");
    char n[32]; /* with thousands separators, as people read counts */
    vg_count_text(c->count, n, sizeof n);
    if (!c->has_rate)
        return vg_buf_printf(b, "<td class=\"n\">%s</td><td class=\"n\">&ndash;</td>", n);
    return vg_buf_printf(b, "<td class=\"n\">%s</td><td class=\"n\">%.1f</td>", n, c->rate);
}

static vg_err chart(vg_buf *b, const vg_perf_report *r)
{
    const double W = 640, H = 300, L = 56, R = 16, T = 16, B = 48;
    double lo = 1e18, hi = -1e18;
    for (int q = 0; q < r->n_series; q++) {
        if (r->series[q].force_ok) {
            lo = fmin(lo, r->series[q].force_rate);
            hi = fmax(hi, r->series[q].force_rate);
        }
        if (r->series[q].ew_ok) {
            lo = fmin(lo, r->series[q].ew_rate);
            hi = fmax(hi, r->series[q].ew_rate);
        }
    }
    if (lo > hi)
        return vg_buf_puts(b, "<p>No rates to chart for these four years.</p>\n");
    double step = pow(10, floor(log10(fmax(hi - lo, 1.0)))) / 2;
    lo = floor(lo / step) * step - step;
    hi = ceil(hi / step) * step + step;
    if (lo < 0)
        lo = 0;
    vg_err e = vg_buf_printf(b,
                             "<svg role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\">"
                             "<title id=\"chart-title\">Crime excluding fraud per 1,000 residents, rolling 12 months, quarter by quarter</title>\n",
                             W, H, W, H);
    /* grid and y labels */
    for (double v = lo; !e && v <= hi + 1e-9; v += step) {
        double y = T + (H - T - B) * (1 - (v - lo) / (hi - lo));
        e = vg_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                             "<text x=\"%.1f\" y=\"%.1f\" class=\"ylab\">%.*f</text>\n",
                          L, y, W - R, y, L - 6, y + 4, step < 1 ? 1 : 0, v); /* half steps need their decimal */
    }
    double dx = r->n_series > 1 ? (W - L - R) / (r->n_series - 1) : 0;
    for (int q = 0; !e && q < r->n_series; q += 4) {
        char t[32];
        vg_month_long(r->series[q].to, t, sizeof t);
        e = vg_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"xlab\"%s>%s</text>\n", L + q * dx, H - B + 18,
                          q + 4 >= r->n_series ? " style=\"text-anchor:end\"" : "", t); /* the last one inside the chart */
    }
    for (int line = 0; !e && line < 2; line++) {
        e = vg_buf_printf(b, "<polyline class=\"%s\" points=\"", line ? "ew" : "force");
        for (int q = 0; !e && q < r->n_series; q++) {
            bool ok = line ? r->series[q].ew_ok : r->series[q].force_ok;
            double v = line ? r->series[q].ew_rate : r->series[q].force_rate;
            if (ok)
                e = vg_buf_printf(b, "%.1f,%.1f ", L + q * dx, T + (H - T - B) * (1 - (v - lo) / (hi - lo)));
        }
        if (!e)
            e = vg_buf_puts(b, "\"/>\n");
    }
    if (!e)
        e = vg_buf_printf(b, "<rect x=\"%.0f\" y=\"%.0f\" width=\"14\" height=\"4\" class=\"force-key\"/>"
                             "<text x=\"%.0f\" y=\"%.0f\">", L, H - 14, L + 20, H - 10);
    if (!e)
        e = vg_buf_html(b, r->force.name);
    if (!e)
        e = vg_buf_printf(b, "</text><rect x=\"%.0f\" y=\"%.0f\" width=\"14\" height=\"4\" class=\"ew-key\"/>"
                             "<text x=\"%.0f\" y=\"%.0f\">England and Wales</text></svg>\n",
                          L + 260, H - 14, L + 280, H - 10);
    return e;
}

vg_err vg_perf_html_body(const vg_perf_report *r, vg_buf *b)
{
    char to[32], from[32];
    vg_month_long(r->to, to, sizeof to);
    vg_month_long(r->from, from, sizeof from);
    char hh[64] = "";
    if (r->households_year)
        snprintf(hh, sizeof hh, "; households counted in %d", r->households_year);
    vg_err e = vg_buf_printf(b, "<p>12 months from %s to %s. Source: %s. Rates per 1,000 residents "
                                 "(households where marked), ONS mid-year population estimate for %d%s.</p>\n",
                              from, to, vg_perf_source_name(r->source), r->population_year, hh);
    e = e ? e : vg_buf_puts(b, "<table>\n<caption>Counts and rates per 1,000</caption>\n<thead><tr><th scope=\"col\">Measure</th>"
                                "<th scope=\"col\" class=\"n\">");
    e = e ? e : vg_buf_html(b, r->force.name);
    e = e ? e : vg_buf_puts(b, "</th><th scope=\"col\" class=\"n\">per 1,000</th><th scope=\"col\" class=\"n\">England and Wales</th>"
                                "<th scope=\"col\" class=\"n\">per 1,000</th>");
    for (int i = 0; !e && i < r->n_compare; i++) {
        e = vg_buf_puts(b, "<th scope=\"col\" class=\"n\">");
        e = e ? e : vg_buf_html(b, r->compare[i].name);
        e = e ? e : vg_buf_puts(b, "</th><th scope=\"col\" class=\"n\">per 1,000</th>");
    }
    e = e ? e : vg_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (int m = 0; !e && m < VG_PM_COUNT; m++) {
        e = vg_buf_printf(b, "<tr><th scope=\"row\">%s%s</th>", vg_perf_measure_label((vg_perf_measure)m),
                          r->force.cells[m].per_households ? " (per 1,000 households)" : "");
        e = e ? e : cell_html(b, &r->force.cells[m]);
        e = e ? e : cell_html(b, &r->ew.cells[m]);
        for (int i = 0; !e && i < r->n_compare; i++)
            e = cell_html(b, &r->compare[i].cells[m]);
        e = e ? e : vg_buf_puts(b, "</tr>\n");
    }
    e = e ? e : vg_buf_puts(b, "</tbody>\n</table>\n<h2>Change in crime excluding fraud</h2>\n<table>\n<thead><tr>"
                                "<th scope=\"col\">Compared with the 12 months to</th><th scope=\"col\" class=\"n\">");
    e = e ? e : vg_buf_html(b, r->force.name);
    e = e ? e : vg_buf_puts(b, "</th><th scope=\"col\" class=\"n\">England and Wales</th></tr></thead>\n<tbody>\n");
    const vg_perf_change *ch[2] = {&r->vs_previous_year, &r->vs_4_years};
    for (int i = 0; !e && i < 2; i++) {
        char t[32];
        vg_month_long(ch[i]->to, t, sizeof t);
        e = vg_buf_printf(b, "<tr><th scope=\"row\">%s</th>", t);
        e = e ? e : (ch[i]->force_available ? vg_buf_printf(b, "<td class=\"n\">%+.1f%%</td>", ch[i]->force_pct)
                                            : vg_buf_puts(b, "<td class=\"n\">&ndash;</td>"));
        e = e ? e : (ch[i]->ew_available ? vg_buf_printf(b, "<td class=\"n\">%+.1f%%</td></tr>\n", ch[i]->ew_pct)
                                         : vg_buf_puts(b, "<td class=\"n\">&ndash;</td></tr>\n"));
    }
    e = e ? e : vg_buf_puts(b, "</tbody>\n</table>\n<h2>Crime excluding fraud per 1,000 residents, four years</h2>\n");
    e = e ? e : chart(b, r);
    e = e ? e : vg_buf_puts(b, "<h2>Notes</h2>\n<ul>\n");
    for (const char *p = r->notes; !e && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char line[1200];
        snprintf(line, sizeof line, "%.*s", (int)n, p);
        e = vg_buf_puts(b, "<li>");
        e = e ? e : vg_buf_html(b, line);
        e = e ? e : vg_buf_puts(b, "</li>\n");
        p += n + (nl ? 1 : 0);
    }
    e = e ? e : vg_buf_puts(b, "</ul>\n");
    return e;
}

vg_err vg_perf_to_html(const vg_perf_report *r, vg_buf *b)
{
    char to[32];
    vg_month_long(r->to, to, sizeof to);
    vg_err e = vg_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Performance: ");
    e = e ? e : vg_buf_html(b, r->force.name);
    e = e ? e : vg_buf_printf(b, ", 12 months to %s</title>\n", to);
    e = e ? e : vg_buf_puts(b,
        "<style>\nbody{font-family:Arial,sans-serif;color:#0b0c0c;margin:2em;max-width:60em}"
        "h1{font-size:1.6em}table{border-collapse:collapse;margin:1em 0}"
        "th,td{border-bottom:1px solid #b1b4b6;padding:.4em .6em;text-align:left}"
        "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
        ".grid{stroke:#dddddd}.ylab{font-size:11px;text-anchor:end}.xlab{font-size:11px;text-anchor:middle}"
        ".force{fill:none;stroke:#1d70b8;stroke-width:3}.ew{fill:none;stroke:#505a5f;stroke-width:2;stroke-dasharray:6 4}"
        ".force-key{fill:#1d70b8}.ew-key{fill:#505a5f}svg text{font-family:Arial,sans-serif}"
        "@media print{body{margin:0}}\n</style>\n</head>\n<body>\n<h1>Recorded crime and anti-social behaviour: ");
    e = e ? e : vg_buf_html(b, r->force.name);
    e = e ? e : vg_buf_puts(b, "</h1>\n");
    e = e ? e : vg_perf_html_body(r, b);
    e = e ? e : vg_buf_puts(b, "</body>\n</html>\n");
    return e;
}
