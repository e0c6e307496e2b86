/* geo.c - PROJ wrapper. The transformation is built once per vg_geo; PROJ picks the
 * best available OSGB36->WGS84 operation (Helmert without grids, ~2-5 m). */
#include "base/geo.h"
#include "base/alloc.h"

#include <math.h>
#include <proj.h>
#include <stdio.h>

struct vg_geo {
    PJ_CONTEXT *ctx;
    PJ *bng_wgs; /* forward: the grid (BNG unless opened for another CRS) -> WGS84 (lon, lat order after normalisation) */
};

vg_err vg_geo_open(vg_geo **out, vg_error *err) { return vg_geo_open_crs(out, "EPSG:27700", err); }

vg_err vg_geo_open_crs(vg_geo **out, const char *crs, vg_error *err)
{
    *out = NULL;
    vg_geo *g = vg_calloc(1, sizeof *g);
    if (!g)
        return vg_error_set(err, VG_ERR_NOMEM, "geo", "out of memory");
    g->ctx = proj_context_create();
    if (!g->ctx) {
        vg_free(g);
        return vg_error_set(err, VG_ERR_NOMEM, "geo", "cannot create PROJ context");
    }
    proj_log_level(g->ctx, PJ_LOG_NONE);
    PJ *p = proj_create_crs_to_crs(g->ctx, crs, "EPSG:4326", NULL);
    if (p) {
        g->bng_wgs = proj_normalize_for_visualization(g->ctx, p);
        proj_destroy(p);
    }
    if (!g->bng_wgs) {
        proj_context_destroy(g->ctx);
        vg_free(g);
        return vg_error_set(err, VG_ERR_INTERNAL, "geo", "PROJ cannot build %s -> EPSG:4326 (is proj-data installed?)",
                            crs);
    }
    *out = g;
    return VG_OK;
}

void vg_geo_close(vg_geo *g)
{
    if (!g)
        return;
    proj_destroy(g->bng_wgs);
    proj_context_destroy(g->ctx);
    vg_free(g);
}

static vg_err run(vg_geo *g, PJ_DIRECTION dir, double a, double b, double *x, double *y)
{
    PJ_COORD c = proj_coord(a, b, 0, 0);
    PJ_COORD r = proj_trans(g->bng_wgs, dir, c);
    if (!isfinite(r.xy.x) || !isfinite(r.xy.y) || r.xy.x == HUGE_VAL)
        return VG_ERR_INVALID_INPUT;
    *x = r.xy.x;
    *y = r.xy.y;
    return VG_OK;
}

vg_err vg_geo_bng_to_wgs84(vg_geo *g, double easting, double northing, double *lat, double *lon)
{
    return run(g, PJ_FWD, easting, northing, lon, lat);
}

vg_err vg_geo_wgs84_to_bng(vg_geo *g, double lat, double lon, double *easting, double *northing)
{
    return run(g, PJ_INV, lon, lat, easting, northing);
}

const char *vg_geo_grid_for(double lat, double lon, char *buf, size_t size)
{
    if (vg_geo_in_uk(lat, lon))
        return "EPSG:27700";
    int zone = (int)floor((lon + 180.0) / 6.0) + 1;
    zone = zone < 1 ? 1 : zone > 60 ? 60 : zone;
    snprintf(buf, size, "EPSG:%d", (lat >= 0 ? 32600 : 32700) + zone);
    return buf;
}

bool vg_geo_in_uk(double lat, double lon)
{
    return lat >= 49.0 && lat <= 61.5 && lon >= -8.9 && lon <= 2.5;
}
