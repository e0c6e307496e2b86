/* hotspot.h - hotspots on a grid: exact quartic kernel density, counts per cell,
 * Getis-Ord Gi* with a false-discovery-rate correction, and a polygon mask.
 *
 * The grid: nx x ny square cells of `cell` metres, cell (i, j) (column i, row j) has
 * its lower-left corner at (x0 + i * cell, y0 + j * cell); arrays are row-major from
 * the southern row (index j * nx + i). A mask (NULL: every cell) says which cells are
 * inside the area; cells outside get NAN density and no Gi*. */
#ifndef VG_HOTSPOT_H
#define VG_HOTSPOT_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vg_grid {
    double x0, y0, cell;
    size_t nx, ny;
} vg_grid;

#define VG_GRID_MAX_CELLS ((size_t)16 * 1024 * 1024)

/* The grid of cell-metre cells covering [xmin, xmax] x [ymin, ymax] from (xmin, ymin):
 * ceil(width / cell) x ceil(height / cell) cells, at least one; VG_ERR_INVALID_INPUT naming "cell" for a cell that is not positive or a grid
 * of more than VG_GRID_MAX_CELLS. */
vg_err vg_grid_cover(double xmin, double ymin, double xmax, double ymax, double cell, vg_grid *out,
                     vg_error *err) VG_MUST_CHECK;

/* The cells whose centres lie inside the polygon ring xy[0..n-1] (closed or not; even-odd
 * rule): mask[k] = 1, else 0. */
void vg_grid_mask_polygon(const vg_grid *g, const double (*xy)[2], size_t n, uint8_t *mask);

/* Events per cell (events outside the grid are not counted). Returns how many fell inside. */
size_t vg_grid_counts(const vg_grid *g, const double (*pts)[2], size_t n, double *count);

/* The quartic (biweight) kernel density at every cell centre, exactly: for each event
 * within h metres of the centre, 3 / (pi h^2) (1 - d^2/h^2)^2, summed; in events per
 * square kilometre. Uses every core. VG_ERR_INVALID_INPUT naming "bandwidth". */
vg_err vg_kde_quartic(const vg_grid *g, const double (*pts)[2], size_t n, double h, const uint8_t *mask,
                      double *density, vg_error *err) VG_MUST_CHECK;

/* Getis-Ord Gi* of the values x (usually counts) with binary weights: the cells of the
 * (2r + 1) x (2r + 1) square around each cell, itself included, inside the mask.
 * z[k] is the Gi* z-score (NAN outside the mask or when every value is equal). */
vg_err vg_getis_ord(const vg_grid *g, const double *x, const uint8_t *mask, int r, double *z,
                    vg_error *err) VG_MUST_CHECK;

/* Benjamini-Hochberg at false-discovery rate q over the two-sided p-values of the
 * z-scores (NAN ones left out): sig[k] = +1 (significantly high), -1 (low) or 0;
 * p[k] (if p is not NULL) the two-sided p-value; *count (if not NULL) how many are
 * significant. VG_ERR_NOMEM (sig all 0). */
vg_err vg_fdr(const double *z, size_t n, double q, int8_t *sig, double *p, size_t *count) VG_MUST_CHECK;

/* Benjamini-Hochberg at rate q over p-values p[0..n-1] (NAN ones left out): sig[k] true
 * for the discoveries; *count (if not NULL) how many. VG_ERR_NOMEM (sig all false). */
vg_err vg_bh(const double *p, size_t n, double q, bool *sig, size_t *count) VG_MUST_CHECK;

#endif
