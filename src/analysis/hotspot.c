/* hotspot.c - kernel density, Getis-Ord Gi* and the false-discovery rate on a grid
 * (see hotspot.h).
 *
 * The density is exact, not binned: each event adds its kernel to the cells whose
 * centres are within the bandwidth, row by row (the span of a row follows from the
 * circle), so the work is the number of (event, cell) pairs within reach. The rows are
 * shared among the cores; events are sorted by y so each core reads only those that
 * reach its rows. Gi* uses summed-area tables, so any window costs the same per cell.
 * The false-discovery rate needs only the cells whose p-value could pass (p <= q). */
#include "analysis/hotspot.h"
#include "base/alloc.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

vg_err vg_grid_cover(double xmin, double ymin, double xmax, double ymax, double cell, vg_grid *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    if (!(cell > 0) || !isfinite(cell))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "cell", "the cell size must be a positive number of metres");
    if (!isfinite(xmin) || !isfinite(ymin) || !isfinite(xmax) || !isfinite(ymax) || xmax < xmin || ymax < ymin)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "extent", "no area to cover");
    double nx = fmax(1, ceil((xmax - xmin) / cell)), ny = fmax(1, ceil((ymax - ymin) / cell));
    if (nx * ny > (double)VG_GRID_MAX_CELLS)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "cell",
                            "%.0f x %.0f cells of %g m is more than %zu cells: choose larger cells", nx, ny, cell,
                            VG_GRID_MAX_CELLS);
    out->x0 = xmin;
    out->y0 = ymin;
    out->cell = cell;
    out->nx = (size_t)nx;
    out->ny = (size_t)ny;
    return VG_OK;
}

static int double_order(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

void vg_grid_mask_polygon(const vg_grid *g, const double (*xy)[2], size_t n, uint8_t *mask)
{
    memset(mask, 0, g->nx * g->ny);
    if (n && xy[0][0] == xy[n - 1][0] && xy[0][1] == xy[n - 1][1])
        n--; /* closed: the last repeats the first */
    if (n < 3)
        return;
    double *cross = vg_malloc(n * sizeof *cross);
    if (!cross)
        return;
    for (size_t j = 0; j < g->ny; j++) {
        double y = g->y0 + ((double)j + 0.5) * g->cell;
        size_t m = 0;
        for (size_t e = 0; e < n; e++) {
            const double *a = xy[e], *b = xy[(e + 1) % n];
            if ((a[1] > y) != (b[1] > y))
                cross[m++] = a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
        }
        qsort(cross, m, sizeof *cross, double_order);
        for (size_t c = 0; c + 1 < m; c += 2) {
            double from = ceil((cross[c] - g->x0) / g->cell - 0.5), to = ceil((cross[c + 1] - g->x0) / g->cell - 0.5);
            from = from < 0 ? 0 : from;
            to = to > (double)g->nx ? (double)g->nx : to;
            for (double i = from; i < to; i++)
                mask[j * g->nx + (size_t)i] = 1;
        }
    }
    vg_free(cross);
}

size_t vg_grid_counts(const vg_grid *g, const double (*pts)[2], size_t n, double *count)
{
    memset(count, 0, g->nx * g->ny * sizeof *count);
    size_t in = 0;
    for (size_t k = 0; k < n; k++) {
        double i = floor((pts[k][0] - g->x0) / g->cell), j = floor((pts[k][1] - g->y0) / g->cell);
        /* the last row and column keep the grid's far edge */
        i = i == (double)g->nx && pts[k][0] <= g->x0 + (double)g->nx * g->cell ? i - 1 : i;
        j = j == (double)g->ny && pts[k][1] <= g->y0 + (double)g->ny * g->cell ? j - 1 : j;
        if (i >= 0 && j >= 0 && i < (double)g->nx && j < (double)g->ny) {
            count[(size_t)j * g->nx + (size_t)i] += 1;
            in++;
        }
    }
    return in;
}

/* ---- kernel density */

typedef struct kde_job {
    const vg_grid *g;
    const double (*pts)[2]; /* sorted by y */
    size_t n;
    double h;
    size_t row0, row1; /* rows [row0, row1) */
    double *out;
} kde_job;

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("tree-vectorize")
#endif
__attribute__((target_clones("avx2", "default"))) static void kde_line(double *line, size_t len, double dx0,
                                                                        double cell, double dy2, double inv_h2)
{
    for (size_t i = 0; i < len; i++) {
        double dx = dx0 + (double)i * cell;
        double u = 1.0 - (dx * dx + dy2) * inv_h2;
        line[i] += u > 0 ? u * u : 0; /* d < h: the kernel's support is open */
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif

static void *kde_rows(void *arg)
{
    kde_job *j = arg;
    const vg_grid *g = j->g;
    const double h = j->h, h2 = h * h, inv_h2 = 1.0 / h2, cell = g->cell;
    double ylo = g->y0 + (double)j->row0 * cell - h, yhi = g->y0 + (double)j->row1 * cell + h;
    size_t lo = 0, hi = j->n; /* the first event with y >= ylo */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (j->pts[mid][1] < ylo)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < j->n && j->pts[k][1] <= yhi; k++) {
        const double px = j->pts[k][0], py = j->pts[k][1];
        double r0 = ceil((py - h - g->y0) / cell - 0.5), r1 = floor((py + h - g->y0) / cell - 0.5);
        r0 = r0 < (double)j->row0 ? (double)j->row0 : r0;
        r1 = r1 > (double)j->row1 - 1 ? (double)j->row1 - 1 : r1;
        for (double rj = r0; rj <= r1; rj++) {
            size_t row = (size_t)rj;
            double dy = g->y0 + (rj + 0.5) * cell - py, rest = h2 - dy * dy;
            if (rest <= 0)
                continue;
            double half = sqrt(rest);
            double c0 = ceil((px - half - g->x0) / cell - 0.5), c1 = floor((px + half - g->x0) / cell - 0.5);
            c0 = c0 < 0 ? 0 : c0;
            c1 = c1 > (double)g->nx - 1 ? (double)g->nx - 1 : c1;
            if (c1 < c0)
                continue;
            double *line = j->out + row * g->nx + (size_t)c0;
            const double dx0 = g->x0 + (c0 + 0.5) * cell - px, dy2 = dy * dy;
            kde_line(line, (size_t)(c1 - c0) + 1, dx0, cell, dy2, inv_h2);
        }
    }
    return NULL;
}

static int y_order(const void *a, const void *b)
{
    const double *p = a, *q = b;
    return p[1] < q[1] ? -1 : p[1] > q[1];
}

vg_err vg_kde_quartic(const vg_grid *g, const double (*pts)[2], size_t n, double h, const uint8_t *mask, double *density,
                      vg_error *err)
{
    if (!(h > 0) || !isfinite(h) || h > 1e6)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "bandwidth", "the bandwidth must be from 0 to 1,000 km");
    size_t cells = g->nx * g->ny;
    memset(density, 0, cells * sizeof *density);
    double (*sorted)[2] = vg_malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted)
        return vg_error_set(err, VG_ERR_NOMEM, "density", "out of memory");
    if (n)
        memcpy(sorted, pts, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, y_order);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t threads = cores < 1 ? 1 : cores > 16 ? 16 : (size_t)cores;
    if (threads > g->ny)
        threads = g->ny;
    if ((double)n * (h / g->cell) * (h / g->cell) < 2e5)
        threads = 1; /* too little work to share */
    kde_job jobs[16];
    pthread_t tid[16];
    bool started[16] = {false};
    for (size_t t = 0; t < threads; t++)
        jobs[t] = (kde_job){g, (const double (*)[2])sorted, n, h, g->ny * t / threads, g->ny * (t + 1) / threads, density};
    for (size_t t = 1; t < threads; t++)
        started[t] = pthread_create(&tid[t], NULL, kde_rows, &jobs[t]) == 0;
    kde_rows(&jobs[0]);
    for (size_t t = 1; t < threads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            kde_rows(&jobs[t]);
    }
    vg_free(sorted);
    const double scale = 3.0 / (M_PI * h * h) * 1e6; /* per square metre -> per square kilometre */
    for (size_t k = 0; k < cells; k++)
        density[k] = mask && !mask[k] ? NAN : density[k] * scale;
    return VG_OK;
}

/* ---- Getis-Ord Gi* */

vg_err vg_getis_ord(const vg_grid *g, const double *x, const uint8_t *mask, int r, double *z, vg_error *err)
{
    if (r < 0 || r > 1000)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "neighbourhood", "the window must be 0 to 1,000 cells each way");
    size_t nx = g->nx, ny = g->ny, w = nx + 1;
    /* summed-area tables of the values and of the cells inside the mask */
    double *sx = vg_malloc(w * (ny + 1) * sizeof *sx);
    uint32_t *sm = mask ? vg_malloc(w * (ny + 1) * sizeof *sm) : NULL;
    if (!sx || (mask && !sm)) {
        vg_free(sx);
        vg_free(sm);
        return vg_error_set(err, VG_ERR_NOMEM, "gi*", "out of memory");
    }
    vg_advise_huge(sx, w * (ny + 1) * sizeof *sx); /* fewer page faults on first touch */
    /* the first row and column are zeros; the rest is written below */
    memset(sx, 0, w * sizeof *sx);
    for (size_t j = 1; j <= ny; j++)
        sx[j * w] = 0;
    if (sm) {
        memset(sm, 0, w * sizeof *sm);
        for (size_t j = 1; j <= ny; j++)
            sm[j * w] = 0;
    }
    double sum = 0, sum2 = 0;
    size_t n = 0;
    for (size_t j = 0; j < ny; j++) {
        double run = 0;
        const double *xr = x + j * nx;
        double *cur = sx + (j + 1) * w + 1;
        const double *up = sx + j * w + 1;
        if (!mask) { /* the usual case, kept tight */
            for (size_t i = 0; i < nx; i++) {
                double v = xr[i];
                run += v;
                cur[i] = up[i] + run;
                sum2 += v * v;
            }
            sum += run;
            n += nx;
            continue;
        }
        uint32_t runm = 0;
        const uint8_t *mr = mask + j * nx;
        uint32_t *curm = sm + (j + 1) * w + 1;
        const uint32_t *upm = sm + j * w + 1;
        for (size_t i = 0; i < nx; i++) {
            double v = mr[i] ? xr[i] : 0;
            run += v;
            cur[i] = up[i] + run;
            runm += mr[i];
            curm[i] = upm[i] + runm;
            sum2 += v * v;
        }
        sum += run;
        n += runm;
    }
    double mean = n ? sum / (double)n : 0, var = n ? sum2 / (double)n - mean * mean : 0;
    double s = var > 0 ? sqrt(var) : 0, nd = (double)n;
    if (s == 0 || n < 2) {
        for (size_t k = 0; k < nx * ny; k++)
            z[k] = NAN;
        vg_free(sx);
        vg_free(sm);
        return VG_OK;
    }
    /* without a mask, a window away from the edges always holds (2r + 1)^2 cells */
    double wfull = (double)((2 * (size_t)r + 1) * (2 * (size_t)r + 1));
    double inv_full = 1.0 / (s * sqrt((nd * wfull - wfull * wfull) / (nd - 1)));
    for (size_t j = 0; j < ny; j++) {
        size_t j0 = j >= (size_t)r ? j - (size_t)r : 0, j1 = j + (size_t)r + 1 > ny ? ny : j + (size_t)r + 1;
        const double *top = sx + j1 * w, *bot = sx + j0 * w;
        bool full_rows = j1 - j0 == 2 * (size_t)r + 1;
        size_t skip_from = nx, skip_to = nx; /* columns done by the tight loop */
        if (!mask && full_rows && nx > 2 * (size_t)r) {
            const size_t span = 2 * (size_t)r + 1;
            const double base = mean * wfull;
            double *zr = z + j * nx;
            for (size_t i = r; i < nx - (size_t)r; i++) /* i0 = i - r, i1 = i + r + 1 */
                zr[i] = (top[i - r + span] - bot[i - r + span] - top[i - r] + bot[i - r] - base) * inv_full;
            skip_from = (size_t)r;
            skip_to = nx - (size_t)r;
        }
        for (size_t i = 0; i < nx; i++) {
            if (i == skip_from) {
                i = skip_to - 1;
                continue;
            }
            size_t k = j * nx + i;
            size_t i0 = i >= (size_t)r ? i - (size_t)r : 0, i1 = i + (size_t)r + 1 > nx ? nx : i + (size_t)r + 1;
            double local = top[i1] - bot[i1] - top[i0] + bot[i0];
            if (!mask && full_rows && i1 - i0 == 2 * (size_t)r + 1) {
                z[k] = (local - mean * wfull) * inv_full;
                continue;
            }
            if (mask && !mask[k]) {
                z[k] = NAN;
                continue;
            }
            double wi = mask ? (double)(sm[j1 * w + i1] - sm[j0 * w + i1] - sm[j1 * w + i0] + sm[j0 * w + i0])
                             : (double)((i1 - i0) * (j1 - j0));
            double den = s * sqrt((nd * wi - wi * wi) / (nd - 1));
            z[k] = den > 0 ? (local - mean * wi) / den : NAN;
        }
    }
    vg_free(sx);
    vg_free(sm);
    return VG_OK;
}

/* ---- false-discovery rate */

typedef struct cand {
    double p;
    size_t k;
} cand;

static int cand_order(const void *a, const void *b)
{
    double x = ((const cand *)a)->p, y = ((const cand *)b)->p;
    return x < y ? -1 : x > y;
}

static double two_sided(double z) { return erfc(fabs(z) / M_SQRT2); }

/* Sorts the candidates (every p <= q among m tests) and returns the largest rank r with
 * p_(r) <= r q / m: the first r are the discoveries. */
static size_t step_up(cand *c, size_t nc, size_t m, double q)
{
    qsort(c, nc, sizeof *c, cand_order);
    size_t last = 0;
    for (size_t r = 1; r <= nc; r++)
        if (c[r - 1].p <= (double)r * q / (double)m)
            last = r;
    return last;
}

vg_err vg_fdr(const double *z, size_t n, double q, int8_t *sig, double *p, size_t *count)
{
    memset(sig, 0, n);
    if (count)
        *count = 0;
    size_t m = 0, nc = 0;
    /* |z| below which p > q: no such cell can be significant */
    double lo = 0, hi = 40;
    for (int it = 0; it < 60; it++) {
        double mid = (lo + hi) / 2;
        if (two_sided(mid) > q)
            lo = mid;
        else
            hi = mid;
    }
    double zq = lo;
    for (size_t k = 0; k < n; k++) {
        if (isnan(z[k])) {
            if (p)
                p[k] = NAN;
            continue;
        }
        m++;
        if (p)
            p[k] = two_sided(z[k]);
        nc += fabs(z[k]) >= zq;
    }
    cand *c = vg_malloc((nc ? nc : 1) * sizeof *c);
    if (!c)
        return VG_ERR_NOMEM;
    nc = 0;
    for (size_t k = 0; k < n; k++)
        if (!isnan(z[k]) && fabs(z[k]) >= zq)
            c[nc++] = (cand){two_sided(z[k]), k};
    size_t last = step_up(c, nc, m, q);
    for (size_t r = 0; r < last; r++)
        sig[c[r].k] = z[c[r].k] > 0 ? 1 : -1;
    vg_free(c);
    if (count)
        *count = last;
    return VG_OK;
}

vg_err vg_bh(const double *p, size_t n, double q, bool *sig, size_t *count)
{
    memset(sig, 0, n * sizeof *sig);
    if (count)
        *count = 0;
    size_t m = 0, nc = 0;
    for (size_t k = 0; k < n; k++)
        m += !isnan(p[k]);
    cand *c = vg_malloc((n ? n : 1) * sizeof *c);
    if (!c)
        return VG_ERR_NOMEM;
    for (size_t k = 0; k < n; k++)
        if (!isnan(p[k]) && p[k] <= q) /* only these can pass: r q / m <= q */
            c[nc++] = (cand){p[k], k};
    size_t last = step_up(c, nc, m, q);
    for (size_t r = 0; r < last; r++)
        sig[c[r].k] = true;
    vg_free(c);
    if (count)
        *count = last;
    return VG_OK;
}
