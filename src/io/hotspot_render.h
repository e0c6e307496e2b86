/* hotspot_render.h - hotspot grids for people and for GIS: a JSON summary with the top
 * cells, CSV and GeoJSON of the cells with any density (for QGIS), and an SVG map or a
 * whole HTML page. */
#ifndef VG_IO_HOTSPOT_RENDER_H
#define VG_IO_HOTSPOT_RENDER_H

#include "analysis/hotspot.h"
#include "base/buf.h"
#include "base/geo.h"

#include <jansson.h>

typedef struct vg_hotspot_report {
    const vg_grid *g;
    const double *density;   /* events per km2; NAN outside the mask */
    const double *count;     /* events per cell */
    const double *z;         /* Gi* z-scores */
    const double *p;         /* two-sided p-values (NULL: not computed) */
    const int8_t *sig;       /* +1 hot, -1 cold, 0 neither, after the FDR correction */
    size_t n, in_grid, skipped, n_hot, n_cold;
    double bandwidth, gi_radius_m, q;
    const char *source;      /* the file, or the records' period and type */
    const char *crs;         /* the grid's CRS ("EPSG:27700"), or "" when not known */
    vg_geo *geo;             /* the grid to WGS84 (NULL when the CRS is not known) */
} vg_hotspot_report;

/* {"n","skipped","in_grid","grid":{x0,y0,cell,nx,ny,crs},"bandwidth","gi_radius",
 *  "fdr","hot_cells","cold_cells","max_density","top":[{x,y,lat,lon,density,count,gi_z,hotspot}]}. */
json_t *vg_hotspot_to_json(const vg_hotspot_report *r, size_t top);
/* x,y,density,count,gi_z,gi_p,hotspot: one line per cell with a density or an event. */
vg_err vg_hotspot_to_csv(const vg_hotspot_report *r, vg_buf *out) VG_MUST_CHECK;
/* A FeatureCollection of the same cells as squares in WGS84 (RFC 7946); needs geo. */
vg_err vg_hotspot_to_geojson(const vg_hotspot_report *r, vg_buf *out) VG_MUST_CHECK;
/* The grid drawn at most `width` pixels wide (cells pooled by their maximum), darker
 * for denser, significant hotspots outlined; with a title and description. */
vg_err vg_hotspot_to_svg(const vg_hotspot_report *r, int width, vg_buf *out) VG_MUST_CHECK;
vg_err vg_hotspot_to_html(const vg_hotspot_report *r, vg_buf *out) VG_MUST_CHECK;
/* Its colour class (0: none, 1..6) of a density against the grid's largest. */
int vg_hotspot_class(double density, double max);

#endif
