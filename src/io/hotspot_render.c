/* hotspot_render.c - hotspot grids as JSON, CSV, GeoJSON, SVG and HTML. */
#include "io/hotspot_render.h"
#include "base/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double max_density(const vg_hotspot_report *r)
{
    double m = 0;
    for (size_t k = 0; k < r->g->nx * r->g->ny; k++)
        if (r->density[k] > m)
            m = r->density[k];
    return m;
}

static void centre(const vg_grid *g, size_t k, double *x, double *y)
{
    *x = g->x0 + ((double)(k % g->nx) + 0.5) * g->cell;
    *y = g->y0 + ((double)(k / g->nx) + 0.5) * g->cell;
}

static const char *sig_name(int8_t s) { return s > 0 ? "hot" : s < 0 ? "cold" : ""; }

typedef struct ranked {
    double d;
    size_t k;
} ranked;

static int ranked_order(const void *a, const void *b)
{
    double x = ((const ranked *)a)->d, y = ((const ranked *)b)->d;
    return x > y ? -1 : x < y;
}

json_t *vg_hotspot_to_json(const vg_hotspot_report *r, size_t top)
{
    const vg_grid *g = r->g;
    size_t cells = g->nx * g->ny, nr = 0;
    ranked *rk = vg_malloc((cells ? cells : 1) * sizeof *rk);
    if (!rk)
        return NULL;
    for (size_t k = 0; k < cells; k++)
        if (r->density[k] > 0)
            rk[nr++] = (ranked){r->density[k], k};
    qsort(rk, nr, sizeof *rk, ranked_order);
    json_t *list = json_array();
    for (size_t i = 0; list && i < nr && i < top; i++) {
        size_t k = rk[i].k;
        double x, y, lat = NAN, lon = NAN;
        centre(g, k, &x, &y);
        if (r->geo)
            (void)vg_geo_bng_to_wgs84(r->geo, x, y, &lat, &lon);
        json_t *o = json_pack("{sf sf sf sf sI so ss}", "x", x, "y", y, "density", round(r->density[k] * 1000) / 1000,
                              "count", r->count[k], "rank", (json_int_t)i + 1, "gi_z",
                              isfinite(r->z[k]) ? json_real(round(r->z[k] * 1000) / 1000) : json_null(), "hotspot",
                              sig_name(r->sig[k]));
        if (o && isfinite(lat)) {
            json_object_set_new(o, "lat", json_real(round(lat * 1e6) / 1e6));
            json_object_set_new(o, "lon", json_real(round(lon * 1e6) / 1e6));
        }
        json_array_append_new(list, o);
    }
    vg_free(rk);
    return json_pack("{sI sI sI s{sf sf sf sI sI ss} sf sf sf sI sI sf so}", "n", (json_int_t)r->n, "skipped",
                     (json_int_t)r->skipped, "in_grid", (json_int_t)r->in_grid, "grid", "x0", g->x0, "y0", g->y0, "cell",
                     g->cell, "nx", (json_int_t)g->nx, "ny", (json_int_t)g->ny, "crs", r->crs ? r->crs : "",
                     "bandwidth", r->bandwidth, "gi_radius", r->gi_radius_m, "fdr", r->q, "hot_cells",
                     (json_int_t)r->n_hot, "cold_cells", (json_int_t)r->n_cold, "max_density", max_density(r), "top",
                     list);
}

static bool has_any(const vg_hotspot_report *r, size_t k) { return r->density[k] > 0 || r->count[k] > 0; }

vg_err vg_hotspot_to_csv(const vg_hotspot_report *r, vg_buf *b)
{
    const vg_grid *g = r->g;
    vg_err e = vg_buf_puts(b, "x,y,density,count,gi_z,gi_p,hotspot\n");
    for (size_t k = 0; k < g->nx * g->ny && !e; k++) {
        if (!has_any(r, k))
            continue;
        double x, y;
        centre(g, k, &x, &y);
        e = vg_buf_printf(b, "%.2f,%.2f,%.6g,%.0f,", x, y, isfinite(r->density[k]) ? r->density[k] : 0, r->count[k]);
        e = e ? e : isfinite(r->z[k]) ? vg_buf_printf(b, "%.4f,", r->z[k]) : vg_buf_puts(b, ",");
        e = e ? e : r->p && isfinite(r->p[k]) ? vg_buf_printf(b, "%.4g,", r->p[k]) : vg_buf_puts(b, ",");
        e = e ? e : vg_buf_printf(b, "%s\n", sig_name(r->sig[k]));
    }
    return e;
}

vg_err vg_hotspot_to_geojson(const vg_hotspot_report *r, vg_buf *b)
{
    const vg_grid *g = r->g;
    if (!r->geo)
        return VG_ERR_INVALID_INPUT;
    vg_err e = vg_buf_puts(b, "{\"type\":\"FeatureCollection\",\"features\":[");
    bool first = true;
    for (size_t k = 0; k < g->nx * g->ny && !e; k++) {
        if (!has_any(r, k))
            continue;
        double x = g->x0 + (double)(k % g->nx) * g->cell, y = g->y0 + (double)(k / g->nx) * g->cell;
        const double corner[5][2] = {{x, y}, {x + g->cell, y}, {x + g->cell, y + g->cell}, {x, y + g->cell}, {x, y}};
        e = vg_buf_puts(b, first ? "\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
                                 : ",\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        first = false;
        for (int c = 0; c < 5 && !e; c++) {
            double lat, lon;
            if (vg_geo_bng_to_wgs84(r->geo, corner[c][0], corner[c][1], &lat, &lon))
                return VG_ERR_INVALID_INPUT;
            e = vg_buf_printf(b, "%s[%.7f,%.7f]", c ? "," : "", lon, lat);
        }
        e = e ? e : vg_buf_printf(b, "]]},\"properties\":{\"density\":%.6g,\"count\":%.0f,\"gi_z\":",
                                  isfinite(r->density[k]) ? r->density[k] : 0, r->count[k]);
        e = e ? e : isfinite(r->z[k]) ? vg_buf_printf(b, "%.4f", r->z[k]) : vg_buf_puts(b, "null");
        e = e ? e : vg_buf_puts(b, ",\"gi_p\":");
        e = e ? e : r->p && isfinite(r->p[k]) ? vg_buf_printf(b, "%.4g", r->p[k]) : vg_buf_puts(b, "null");
        e = e ? e : vg_buf_printf(b, ",\"hotspot\":\"%s\"}}", sig_name(r->sig[k]));
    }
    return e ? e : vg_buf_puts(b, "\n]}\n");
}

int vg_hotspot_class(double density, double max)
{
    static const double breaks[6] = {0, 0.05, 0.15, 0.3, 0.5, 0.75};
    if (!(density > 0) || !(max > 0))
        return 0;
    int c = 0;
    for (int i = 0; i < 6; i++)
        if (density / max > breaks[i])
            c = i + 1;
    return c;
}

static const char *const RAMP[7] = {"none", "#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15"};

vg_err vg_hotspot_to_svg(const vg_hotspot_report *r, int width, vg_buf *b)
{
    const vg_grid *g = r->g;
    size_t f = (g->nx + (size_t)width - 1) / (size_t)width; /* grid cells per drawn cell */
    size_t big = g->nx > g->ny ? g->nx : g->ny;
    f = f < 1 ? 1 : f;
    if (big / f > (size_t)width)
        f = (big + (size_t)width - 1) / (size_t)width;
    size_t dx = (g->nx + f - 1) / f, dy = (g->ny + f - 1) / f;
    int px = (int)((size_t)width / (dx > dy ? dx : dy));
    px = px < 1 ? 1 : px;
    double *pool = vg_calloc(dx * dy, sizeof *pool);
    int8_t *hot = vg_calloc(dx * dy, 1);
    uint8_t *in = vg_calloc(dx * dy, 1);
    if (!pool || !hot || !in) {
        vg_free(pool);
        vg_free(hot);
        vg_free(in);
        return VG_ERR_NOMEM;
    }
    for (size_t k = 0; k < g->nx * g->ny; k++) {
        size_t c = ((k / g->nx) / f) * dx + (k % g->nx) / f;
        if (!isnan(r->density[k])) {
            in[c] = 1;
            pool[c] = r->density[k] > pool[c] ? r->density[k] : pool[c];
        }
        hot[c] |= r->sig[k] > 0;
    }
    double max = max_density(r);
    vg_err e = vg_buf_printf(b,
                             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %zu %zu\" width=\"%zu\" height=\"%zu\" "
                             "role=\"img\" aria-labelledby=\"hs-title hs-desc\">\n<title id=\"hs-title\">Hotspots</title>\n"
                             "<desc id=\"hs-desc\">Kernel density of %zu events on %zu by %zu cells of %g m (bandwidth %g m); "
                             "darker is denser; %zu cells are significant hotspots (Getis-Ord Gi*, false-discovery rate %g), "
                             "outlined.</desc>\n<rect width=\"100%%\" height=\"100%%\" fill=\"#f3f2f1\"/>\n",
                             dx * (size_t)px, dy * (size_t)px, dx * (size_t)px, dy * (size_t)px, r->in_grid, g->nx, g->ny,
                             g->cell, r->bandwidth, r->n_hot, r->q);
    /* inside the area: white; then runs of one colour class per row */
    for (size_t j = 0; j < dy && !e; j++) {
        size_t row = dy - 1 - j; /* north at the top */
        for (size_t i = 0; i < dx && !e;) {
            size_t c = j * dx + i;
            int cls = in[c] ? vg_hotspot_class(pool[c], max) : -1;
            size_t run = 1;
            while (i + run < dx && (in[c + run] ? vg_hotspot_class(pool[c + run], max) : -1) == cls)
                run++;
            if (cls >= 0)
                e = vg_buf_printf(b, "<rect x=\"%zu\" y=\"%zu\" width=\"%zu\" height=\"%d\" fill=\"%s\"/>\n", i * (size_t)px,
                                  row * (size_t)px, run * (size_t)px, px, cls ? RAMP[cls] : "#ffffff");
            i += run;
        }
    }
    for (size_t c = 0; c < dx * dy && !e; c++)
        if (hot[c])
            e = vg_buf_printf(b,
                              "<rect x=\"%zu\" y=\"%zu\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#0b0c0c\" "
                              "stroke-width=\"%g\"/>\n",
                              (c % dx) * (size_t)px, (dy - 1 - c / dx) * (size_t)px, px, px, px > 3 ? 1.0 : 0.5);
    vg_free(pool);
    vg_free(hot);
    vg_free(in);
    return e ? e : vg_buf_puts(b, "</svg>\n");
}

vg_err vg_hotspot_to_html(const vg_hotspot_report *r, vg_buf *b)
{
    const vg_grid *g = r->g;
    vg_err e = vg_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Hotspots</title>\n"
                              "<style>\nbody{font-family:Arial,sans-serif;color:#0b0c0c;margin:2em;max-width:70em}"
                              "table{border-collapse:collapse;margin:1em 0}th,td{border-bottom:1px solid #b1b4b6;padding:.3em .6em;"
                              "text-align:right}th[scope=row]{text-align:left}svg{max-width:100%;height:auto;border:1px solid #b1b4b6}"
                              ".key span{display:inline-block;width:1.2em;height:1em;margin:0 .3em 0 1em;vertical-align:middle}"
                              "\n</style>\n</head>\n<body>\n<h1>Hotspots</h1>\n<p>");
    e = e ? e : vg_buf_html(b, r->source ? r->source : "");
    e = e ? e : vg_buf_printf(b,
                              ": %zu events (%zu on the grid, %zu rows skipped). Quartic kernel density, bandwidth %g m, on %zu by %zu "
                              "cells of %g m. Getis-Ord Gi* over %g m each way, Benjamini-Hochberg false-discovery rate %g: "
                              "%zu hot and %zu cold cells.</p>\n",
                              r->n, r->in_grid, r->skipped, r->bandwidth, g->nx, g->ny, g->cell, r->gi_radius_m, r->q, r->n_hot,
                              r->n_cold);
    e = e ? e : vg_hotspot_to_svg(r, 800, b);
    e = e ? e : vg_buf_puts(b, "<p class=\"key\">Density, share of the highest:");
    static const char *const labels[6] = {"up to 5%", "5-15%", "15-30%", "30-50%", "50-75%", "over 75%"};
    for (int c = 1; c <= 6 && !e; c++)
        e = vg_buf_printf(b, "<span style=\"background:%s\"></span>%s", RAMP[c], labels[c - 1]);
    e = e ? e : vg_buf_puts(b, "; outlined: significant hotspot.</p>\n<table>\n<caption>The densest cells</caption>\n"
                               "<thead><tr><th scope=\"col\">Rank</th><th scope=\"col\">Centre (x, y)</th>"
                               "<th scope=\"col\">Latitude, longitude</th><th scope=\"col\">Density per km&sup2;</th>"
                               "<th scope=\"col\">Events in cell</th><th scope=\"col\">Gi* z</th><th scope=\"col\">Hotspot</th></tr></thead>\n<tbody>\n");
    json_t *j = e ? NULL : vg_hotspot_to_json(r, 10);
    size_t i;
    json_t *cell;
    json_array_foreach(json_object_get(j, "top"), i, cell) {
        if (e)
            break;
        json_t *lat = json_object_get(cell, "lat"), *lon = json_object_get(cell, "lon"), *z = json_object_get(cell, "gi_z");
        char where[64] = "-", zs[32] = "-";
        if (lat && lon)
            snprintf(where, sizeof where, "%.5f, %.5f", json_real_value(lat), json_real_value(lon));
        if (json_is_real(z))
            snprintf(zs, sizeof zs, "%.2f", json_real_value(z));
        e = vg_buf_printf(b, "<tr><th scope=\"row\">%zu</th><td>%.0f, %.0f</td><td>%s</td><td>%.1f</td><td>%.0f</td><td>%s</td><td>%s</td></tr>\n",
                          i + 1, json_real_value(json_object_get(cell, "x")), json_real_value(json_object_get(cell, "y")),
                          where, json_real_value(json_object_get(cell, "density")),
                          json_real_value(json_object_get(cell, "count")), zs,
                          json_string_value(json_object_get(cell, "hotspot")));
    }
    json_decref(j);
    return e ? e : vg_buf_puts(b, "</tbody>\n</table>\n</body>\n</html>\n");
}
