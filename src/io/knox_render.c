/* knox_render.c - near-repeat results for people and programs (see knox_render.h). */
#include "io/knox_render.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

static const char *metric_name(vg_knox_metric m) { return m == VG_KNOX_MANHATTAN ? "manhattan" : "euclidean"; }

void vg_knox_band_label(const double *b, size_t n, size_t i, const char *unit, char *out, size_t size)
{
    if (i + 1 < n)
        snprintf(out, size, "[%g, %g) %s", b[i], b[i + 1], unit);
    else
        snprintf(out, size, "%g%s%s or more", b[n - 1], *unit ? " " : "", unit);
}

static json_t *breaks_json(const double *b, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_real(b[i]));
    return a;
}

typedef enum { T_OBSERVED, T_EXPECTED, T_RATIO, T_P } table_kind;

static double cell(const vg_knox_result *r, table_kind t, size_t k)
{
    switch (t) {
    case T_OBSERVED: return (double)r->observed[k];
    case T_EXPECTED: return r->expected[k];
    case T_RATIO: return r->ratio[k];
    default: return r->p_value ? r->p_value[k] : NAN;
    }
}

static json_t *table_json(const vg_knox_result *r, table_kind t)
{
    if (t == T_P && !r->p_value)
        return json_null();
    json_t *rows = json_array();
    for (size_t i = 0; i < r->rows; i++) {
        json_t *row = json_array();
        for (size_t j = 0; j < r->cols; j++) {
            double v = cell(r, t, i * r->cols + j);
            json_array_append_new(row, t == T_OBSERVED ? json_integer((json_int_t)v)
                                       : isfinite(v)    ? json_real(v)
                                                        : json_null());
        }
        json_array_append_new(rows, row);
    }
    return rows;
}

json_t *vg_knox_to_json(const vg_knox_report *k)
{
    const vg_knox_request *q = k->q;
    const vg_knox_result *r = k->r;
    json_t *j = json_pack("{sI sI ss si sI so so so so so so sI}", "n", (json_int_t)r->n, "skipped",
                          (json_int_t)k->skipped, "metric", metric_name(q->metric), "permutations", q->permutations,
                          "seed", (json_int_t)q->seed, "distance_bands", breaks_json(q->space, q->n_space),
                          "time_bands", breaks_json(q->time, q->n_time), "observed", table_json(r, T_OBSERVED),
                          "expected", table_json(r, T_EXPECTED), "knox_ratio", table_json(r, T_RATIO), "p_value",
                          table_json(r, T_P), "close_pairs", (json_int_t)r->close_pairs);
    if (j && k->grid && k->grid[0])
        json_object_set_new(j, "projected_to", json_string(k->grid));
    return j;
}

static const char *const TITLES[] = {"Observed pairs", "Expected pairs (from the band totals)",
                                     "Knox ratio (observed / expected)", "p-value (Monte Carlo)"};

static vg_err format_cell(char *buf, size_t size, const vg_knox_result *r, table_kind t, size_t k)
{
    double v = cell(r, t, k);
    if (t == T_OBSERVED)
        snprintf(buf, size, "%lld", (long long)r->observed[k]);
    else if (!isfinite(v))
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, t == T_EXPECTED ? "%.1f" : t == T_RATIO ? "%.2f" : "%.3f", v);
    return VG_OK;
}

vg_err vg_knox_to_text(const vg_knox_report *k, vg_buf *b)
{
    const vg_knox_request *q = k->q;
    const vg_knox_result *r = k->r;
    vg_err e = vg_buf_printf(b, "Near-repeat (Knox test): %s\n%zu events (%zu rows skipped), %s distance, %d permutations (seed %llu)%s%s\n",
                             k->source ? k->source : "", r->n, k->skipped, metric_name(q->metric), q->permutations,
                             (unsigned long long)q->seed, k->grid && k->grid[0] ? ", projected to " : "",
                             k->grid ? k->grid : "");
    for (int t = 0; t < 4 && !e; t++) {
        if (t == T_P && !r->p_value)
            break;
        e = vg_buf_printf(b, "\n%s\n%-22s", TITLES[t], "distance \\ days");
        for (size_t j = 0; j < r->cols && !e; j++) {
            char label[64];
            vg_knox_band_label(q->time, q->n_time, j, "", label, sizeof label);
            e = vg_buf_printf(b, " %14s", label);
        }
        for (size_t i = 0; i < r->rows && !e; i++) {
            char label[64];
            vg_knox_band_label(q->space, q->n_space, i, "m", label, sizeof label);
            e = vg_buf_printf(b, "\n%-22s", label);
            for (size_t j = 0; j < r->cols && !e; j++) {
                char v[32];
                format_cell(v, sizeof v, r, (table_kind)t, i * r->cols + j);
                e = vg_buf_printf(b, " %14s", v);
            }
        }
        e = e ? e : vg_buf_putc(b, '\n');
    }
    return e;
}

vg_err vg_knox_to_html(const vg_knox_report *k, vg_buf *b)
{
    const vg_knox_request *q = k->q;
    const vg_knox_result *r = k->r;
    vg_err e = vg_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                              "<title>Near-repeat analysis</title>\n<style>\n"
                              "body{font-family:Arial,sans-serif;color:#0b0c0c;margin:2em;max-width:70em}"
                              "table{border-collapse:collapse;margin:.5em 0 1.5em}caption{text-align:left;font-weight:bold;padding:.3em 0}"
                              "th,td{border-bottom:1px solid #b1b4b6;padding:.3em .6em;text-align:right;font-variant-numeric:tabular-nums}"
                              "th[scope=row]{text-align:left}td.hot{background:#f6d7d2;font-weight:bold}"
                              "\n</style>\n</head>\n<body>\n<h1>Near-repeat analysis (Knox test)</h1>\n<p>");
    e = e ? e : vg_buf_html(b, k->source ? k->source : "");
    e = e ? e : vg_buf_printf(b, ": %zu events, %zu rows skipped, %s distance, %d permutations (seed %llu).",
                              r->n, k->skipped, metric_name(q->metric), q->permutations, (unsigned long long)q->seed);
    e = e ? e : vg_buf_puts(b, " Bands are half-open: [a, b) holds a but not b. Highlighted cells have a Knox ratio above 1 "
                               "with p &lt; 0.05.</p>\n");
    for (int t = 0; t < 4 && !e; t++) {
        if (t == T_P && !r->p_value)
            break;
        e = vg_buf_printf(b, "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">Distance</th>", TITLES[t]);
        for (size_t j = 0; j < r->cols && !e; j++) {
            char label[64];
            vg_knox_band_label(q->time, q->n_time, j, "days", label, sizeof label);
            e = vg_buf_puts(b, "<th scope=\"col\">");
            e = e ? e : vg_buf_html(b, label);
            e = e ? e : vg_buf_puts(b, "</th>");
        }
        e = e ? e : vg_buf_puts(b, "</tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < r->rows && !e; i++) {
            char label[64];
            vg_knox_band_label(q->space, q->n_space, i, "m", label, sizeof label);
            e = vg_buf_puts(b, "<tr><th scope=\"row\">");
            e = e ? e : vg_buf_html(b, label);
            e = e ? e : vg_buf_puts(b, "</th>");
            for (size_t j = 0; j < r->cols && !e; j++) {
                size_t c = i * r->cols + j;
                char v[32];
                format_cell(v, sizeof v, r, (table_kind)t, c);
                bool hot = r->p_value && r->p_value[c] < 0.05 && isfinite(r->ratio[c]) && r->ratio[c] > 1;
                e = vg_buf_printf(b, "<td%s>%s</td>", hot ? " class=\"hot\"" : "", v);
            }
            e = e ? e : vg_buf_puts(b, "</tr>\n");
        }
        e = e ? e : vg_buf_puts(b, "</tbody>\n</table>\n");
    }
    e = e ? e : vg_buf_puts(b, "</body>\n</html>\n");
    return e;
}
