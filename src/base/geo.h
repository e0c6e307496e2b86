/* geo.h - British National Grid (EPSG:27700) <-> WGS84 (EPSG:4326) through PROJ. */
#ifndef VG_GEO_H
#define VG_GEO_H

#include "base/err.h"

#include <stdbool.h>

typedef struct vg_geo vg_geo; /* one per thread: PROJ contexts are not shared */

/* Caller owns *out; free with vg_geo_close. */
vg_err vg_geo_open(vg_geo **out, vg_error *err) VG_MUST_CHECK;
void vg_geo_close(vg_geo *g);
/* Easting/northing in metres to latitude/longitude in degrees. */
vg_err vg_geo_bng_to_wgs84(vg_geo *g, double easting, double northing, double *lat, double *lon);
vg_err vg_geo_wgs84_to_bng(vg_geo *g, double lat, double lon, double *easting, double *northing);
/* True if (lat, lon) lies in the rough box covering Great Britain and Northern Ireland. */
bool vg_geo_in_uk(double lat, double lon);

#endif
