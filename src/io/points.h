/* points.h - events (x, y, date) read from a CSV for the analyses (near-repeat,
 * hotspots): header optional; x, y in metres, or longitude and latitude projected
 * through PROJ; dates as YYYY-MM-DD (a time after it is ignored), dd/mm/yyyy or
 * mm/dd/yyyy. A row with a missing or unreadable value (empty, NA, not a number, not
 * a date) is skipped and counted, never guessed; the first few are kept with their
 * line and reason for the report. */
#ifndef VG_IO_POINTS_H
#define VG_IO_POINTS_H

#include "analysis/knox.h"
#include "base/err.h"
#include "base/geo.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum vg_date_order { VG_DATE_ISO, VG_DATE_DMY, VG_DATE_MDY } vg_date_order;

/* "yyyy-mm-dd", "dd/mm/yyyy" or "mm/dd/yyyy"; false for anything else. */
bool vg_date_order_parse(const char *s, vg_date_order *out);

typedef struct vg_points_options {
    vg_date_order dates;
    bool lonlat;          /* the x and y columns hold longitude and latitude in degrees */
    bool no_dates;        /* positions only: no date column is read (day = 0) */
    const char *names[3]; /* the x, y and date columns' header names; NULL: found by name */
} vg_points_options;

#define VG_POINTS_KEEP_SKIPPED 10

typedef struct vg_points_skip {
    uint64_t line;
    char why[96];
} vg_points_skip;

typedef struct vg_points {
    vg_knox_point *p; /* x, y in metres on the grid below; day = days since 1970-01-01 */
    size_t n;
    size_t skipped;
    vg_points_skip first_skipped[VG_POINTS_KEEP_SKIPPED];
    size_t n_first_skipped;
    char grid[16];    /* "" (as given, metres) or the EPSG code the lon/lat went to */
    char columns[3][32]; /* the header names used, or "1", "2", "3" without a header */
} vg_points;

/* Reads the CSV data[0..len) named name. A malformed CSV (e.g. an unclosed quote) or a
 * header without usable column names is VG_ERR_INVALID_INPUT naming file:line. */
vg_err vg_points_parse(const char *data, size_t len, const char *name, const vg_points_options *o, vg_points *out,
                       vg_error *err) VG_MUST_CHECK;
/* The same for a file. */
vg_err vg_points_read(const char *path, const vg_points_options *o, vg_points *out, vg_error *err) VG_MUST_CHECK;
void vg_points_free(vg_points *p);

/* The outer ring of the first polygon in a GeoJSON file (a Polygon or MultiPolygon, bare,
 * in a Feature or in the first Feature of a FeatureCollection). With geo (not NULL) the
 * coordinates are longitude/latitude and are projected with it; else they are taken as
 * metres on the grid of the events. *xy from vg_malloc. Errors name the file. */
vg_err vg_polygon_read(const char *path, vg_geo *geo, double (**xy)[2], size_t *n, vg_error *err) VG_MUST_CHECK;

#endif
