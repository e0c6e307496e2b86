/* anonymise.c - anonymous map points with a uniform grid for nearest-point search. */
#include "io/anonymise.h"
#include "base/alloc.h"

#include <math.h>
#include <string.h>

#define CELL 250.0

struct vg_anon {
    const vg_anon_point *points;
    size_t n_points;
    double x0, y0;
    int nx, ny;
    uint32_t *start; /* per cell offsets into idx (nx*ny+1) */
    uint32_t *idx;   /* active point indices by cell */
    int rounds;
};

void vg_anon_free(vg_anon *a)
{
    if (!a)
        return;
    vg_free(a->start);
    vg_free(a->idx);
    vg_free(a);
}

int vg_anon_rounds(const vg_anon *a) { return a->rounds; }

static size_t cell_of(const vg_anon *a, double x, double y)
{
    int cx = (int)floor((x - a->x0) / CELL), cy = (int)floor((y - a->y0) / CELL);
    cx = cx < 0 ? 0 : cx >= a->nx ? a->nx - 1 : cx;
    cy = cy < 0 ? 0 : cy >= a->ny ? a->ny - 1 : cy;
    return (size_t)cy * (size_t)a->nx + (size_t)cx;
}

/* (Re)indexes the active points. */
static vg_err index_points(vg_anon *a)
{
    size_t cells = (size_t)a->nx * (size_t)a->ny;
    memset(a->start, 0, (cells + 1) * sizeof *a->start);
    for (size_t i = 0; i < a->n_points; i++)
        if (a->points[i].active)
            a->start[cell_of(a, a->points[i].x, a->points[i].y) + 1]++;
    for (size_t c = 0; c < cells; c++)
        a->start[c + 1] += a->start[c];
    uint32_t *fill = vg_malloc(cells * sizeof *fill);
    if (!fill)
        return VG_ERR_NOMEM;
    memcpy(fill, a->start, cells * sizeof *fill);
    for (size_t i = 0; i < a->n_points; i++)
        if (a->points[i].active)
            a->idx[fill[cell_of(a, a->points[i].x, a->points[i].y)]++] = (uint32_t)i;
    vg_free(fill);
    return VG_OK;
}

size_t vg_anon_nearest(const vg_anon *a, double x, double y)
{
    int cx = (int)floor((x - a->x0) / CELL), cy = (int)floor((y - a->y0) / CELL);
    size_t best = SIZE_MAX;
    double bd = INFINITY;
    /* Rings of cells outward; stop once the ring's nearest possible distance exceeds the best. */
    int maxr = a->nx > a->ny ? a->nx : a->ny;
    for (int r = 0; r <= maxr + 1; r++) {
        double ring_min = (r - 1) * CELL;
        if (best != SIZE_MAX && ring_min > 0 && ring_min * ring_min > bd)
            break;
        for (int yy = cy - r; yy <= cy + r; yy++) {
            if (yy < 0 || yy >= a->ny)
                continue;
            for (int xx = cx - r; xx <= cx + r; xx++) {
                if (xx < 0 || xx >= a->nx || (yy != cy - r && yy != cy + r && xx != cx - r && xx != cx + r))
                    continue;
                size_t c = (size_t)yy * (size_t)a->nx + (size_t)xx;
                for (uint32_t k = a->start[c]; k < a->start[c + 1]; k++) {
                    const vg_anon_point *p = &a->points[a->idx[k]];
                    double dx = p->x - x, dy = p->y - y, d = dx * dx + dy * dy;
                    if (d < bd || (d == bd && a->idx[k] < best)) {
                        bd = d;
                        best = a->idx[k];
                    }
                }
            }
        }
    }
    return best;
}

vg_err vg_anon_build(vg_anon_point *points, size_t n_points, const double *ax, const double *ay, size_t n_addr, int k,
                     vg_anon **out, vg_error *err)
{
    *out = NULL;
    if (n_points == 0)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "anonymise", "no candidate map points");
    vg_anon *a = vg_calloc(1, sizeof *a);
    if (!a)
        return vg_error_set(err, VG_ERR_NOMEM, "anonymise", "out of memory");
    a->points = points;
    a->n_points = n_points;
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    for (size_t i = 0; i < n_points; i++) {
        minx = fmin(minx, points[i].x);
        miny = fmin(miny, points[i].y);
        maxx = fmax(maxx, points[i].x);
        maxy = fmax(maxy, points[i].y);
        points[i].active = true;
    }
    a->x0 = minx;
    a->y0 = miny;
    a->nx = (int)((maxx - minx) / CELL) + 1;
    a->ny = (int)((maxy - miny) / CELL) + 1;
    a->start = vg_malloc(((size_t)a->nx * a->ny + 1) * sizeof *a->start);
    a->idx = vg_malloc(n_points * sizeof *a->idx);
    vg_err e = (a->start && a->idx) ? VG_OK : VG_ERR_NOMEM;
    bool changed = true;
    while (!e && changed) {
        e = index_points(a);
        if (e)
            break;
        a->rounds++;
        for (size_t i = 0; i < n_points; i++)
            points[i].catchment = 0;
        for (size_t j = 0; j < n_addr; j++) {
            size_t p = vg_anon_nearest(a, ax[j], ay[j]);
            if (p != SIZE_MAX)
                points[p].catchment++;
        }
        changed = false;
        for (size_t i = 0; i < n_points; i++)
            if (points[i].active && points[i].catchment > 0 && points[i].catchment < k) {
                points[i].active = false;
                changed = true;
            }
    }
    if (!e)
        e = index_points(a);
    if (e) {
        vg_anon_free(a);
        return vg_error_set(err, VG_ERR_NOMEM, "anonymise", "out of memory");
    }
    *out = a;
    return VG_OK;
}
