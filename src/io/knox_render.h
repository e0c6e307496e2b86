/* knox_render.h - a near-repeat (Knox test) result as text, JSON or an HTML page.
 * Rows are the distance bands and then "beyond", columns the time bands and then
 * "beyond"; bands are half-open [a, b). */
#ifndef VG_IO_KNOX_RENDER_H
#define VG_IO_KNOX_RENDER_H

#include "analysis/knox.h"
#include "base/buf.h"

#include <jansson.h>

typedef struct vg_knox_report {
    const vg_knox_request *q;
    const vg_knox_result *r;
    size_t skipped;      /* input rows skipped (missing or unreadable values) */
    const char *source;  /* the file, or the records' period and type */
    const char *grid;    /* "" or the EPSG code longitude/latitude was projected to */
} vg_knox_report;

/* {"n","skipped","metric","permutations","seed","distance_bands","time_bands",
 *  "observed","expected","knox_ratio","p_value","close_pairs"}; p_value is null
 * without permutations, a ratio null where nothing was expected. New reference. */
json_t *vg_knox_to_json(const vg_knox_report *k);
vg_err vg_knox_to_text(const vg_knox_report *k, vg_buf *out) VG_MUST_CHECK;
/* A whole page (no scripts, no outside resources). */
vg_err vg_knox_to_html(const vg_knox_report *k, vg_buf *out) VG_MUST_CHECK;
/* The label of band i of breaks b[0..n-1] ("[200, 400)", "400 or more"). */
void vg_knox_band_label(const double *b, size_t n, size_t i, const char *unit, char *out, size_t size);

#endif
