/* geo.h - British National Grid (EPSG:27700) <-> WGS84 (EPSG:4326) through PROJ. */
#ifndef VG_GEO_H
#define VG_GEO_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct vg_geo vg_geo; /* one per thread: PROJ contexts are not shared */

/* Caller owns *out; free with vg_geo_close. */
vg_err vg_geo_open(vg_geo **out, vg_error *err) VG_MUST_CHECK;
/* The same for another projected grid in metres (e.g. "EPSG:32618"): the "bng" functions
 * below then convert to and from that grid. */
vg_err vg_geo_open_crs(vg_geo **out, const char *crs, vg_error *err) VG_MUST_CHECK;
/* The grid for data around (lat, lon): British National Grid in the UK, else the point's
 * UTM zone (EPSG:326zz north, 327zz south); buf holds the latter. */
const char *vg_geo_grid_for(double lat, double lon, char *buf, size_t size);
void vg_geo_close(vg_geo *g);
/* Easting/northing in metres to latitude/longitude in degrees. */
vg_err vg_geo_bng_to_wgs84(vg_geo *g, double easting, double northing, double *lat, double *lon);
vg_err vg_geo_wgs84_to_bng(vg_geo *g, double lat, double lon, double *easting, double *northing);
/* True if (lat, lon) lies in the rough box covering Great Britain and Northern Ireland. */
bool vg_geo_in_uk(double lat, double lon);

#endif
