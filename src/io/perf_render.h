/* perf_render.h - renders a performance report as JSON (the API/CLI shape) or as a
 * standalone printable HTML page with an SVG chart. */
#ifndef VG_PERF_RENDER_H
#define VG_PERF_RENDER_H

#include "analysis/performance.h"
#include "base/buf.h"

#include <jansson.h>
#include <stdio.h>

/* New JSON document; caller owns it (json_decref). NULL if out of memory. */
json_t *vg_perf_to_json(const vg_perf_report *r);
/* The table as CSV for a spreadsheet: a row for each measure and area (the force,
 * England and Wales, each force compared with): its count, denominator and rate. False on
 * a write error. */
bool vg_perf_to_csv(const vg_perf_report *r, FILE *f);
/* Appends the HTML page to out. */
vg_err vg_perf_to_html(const vg_perf_report *r, vg_buf *out) VG_MUST_CHECK;
/* The page's content without the document around it, its styles or its heading: for
 * the web UI's frame (classes: table cells "n" numeric; the chart's grid, ylab, xlab,
 * force, ew, force-key, ew-key). */
vg_err vg_perf_html_body(const vg_perf_report *r, vg_buf *out) VG_MUST_CHECK;
/* "June 2014" */
void vg_month_long(int yyyymm, char *out, size_t n);

#endif
