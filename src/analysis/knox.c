/* knox.c - the Knox test on close pairs only (see knox.h). */
#include "analysis/knox.h"
#include "base/alloc.h"
#include "base/rng.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct close_pair {
    uint32_t i, j;
    int32_t band; /* space band, or -1: closer than the first break */
} close_pair;

typedef struct cell_entry {
    int64_t key;
    uint32_t idx;
} cell_entry;

static int entry_order(const void *a, const void *b)
{
    int64_t x = ((const cell_entry *)a)->key, y = ((const cell_entry *)b)->key;
    return x < y ? -1 : x > y;
}

static int day_order(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

static int64_t cell_key(int64_t cx, int64_t cy) { return cx * 4294967296LL + (cy + 2147483648LL); }

/* The band of v among breaks b[0..n-1]: 0..n-2 for [b[k], b[k+1]), n-1 for beyond the
 * last, -1 below the first. */
static int band_of(double v, const double *b, size_t n)
{
    if (v < b[0])
        return -1;
    size_t lo = 0, hi = n; /* the last break <= v */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (b[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo;
}

static bool breaks_ok(const double *b, size_t n)
{
    if (!b || n < 2 || n > VG_KNOX_MAX_BANDS)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(b[i]) || b[i] < 0 || (i && b[i] <= b[i - 1]))
            return false;
    return true;
}

/* The pairs closer than the last space break, with their space bands. */
static vg_err close_pairs(const vg_knox_point *pts, size_t n, const vg_knox_request *q, close_pair **out, size_t *np)
{
    double reach = q->space[q->n_space - 1];
    cell_entry *cells = vg_malloc((n ? n : 1) * sizeof *cells);
    if (!cells)
        return VG_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        cells[i] = (cell_entry){cell_key((int64_t)floor(pts[i].x / reach), (int64_t)floor(pts[i].y / reach)), (uint32_t)i};
    qsort(cells, n, sizeof *cells, entry_order);
    close_pair *pairs = NULL;
    size_t count = 0, cap = 0;
    for (size_t a = 0; a < n; a++) {
        const vg_knox_point *p = &pts[a];
        int64_t cx = (int64_t)floor(p->x / reach), cy = (int64_t)floor(p->y / reach);
        for (int dx = -1; dx <= 1; dx++)
            for (int dy = -1; dy <= 1; dy++) {
                int64_t key = cell_key(cx + dx, cy + dy);
                size_t lo = 0, hi = n; /* the first entry with this key */
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    if (cells[mid].key < key)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                for (size_t k = lo; k < n && cells[k].key == key; k++) {
                    uint32_t b = cells[k].idx;
                    if (b <= a) /* each pair once */
                        continue;
                    double ddx = fabs(p->x - pts[b].x), ddy = fabs(p->y - pts[b].y);
                    double d = q->metric == VG_KNOX_MANHATTAN ? ddx + ddy : sqrt(ddx * ddx + ddy * ddy);
                    if (d >= reach)
                        continue;
                    if (vg_grow((void **)&pairs, &cap, count, sizeof *pairs, 4096)) {
                        vg_free(pairs);
                        vg_free(cells);
                        return VG_ERR_NOMEM;
                    }
                    pairs[count++] = (close_pair){(uint32_t)a, b, band_of(d, q->space, q->n_space)};
                }
            }
    }
    vg_free(cells);
    *out = pairs;
    *np = count;
    return VG_OK;
}

/* All pairs by time band, from the sorted days (the same for every permutation). */
static void time_totals(const vg_knox_point *pts, size_t n, const vg_knox_request *q, int32_t *sorted, int64_t *tot)
{
    for (size_t i = 0; i < n; i++)
        sorted[i] = pts[i].day;
    qsort(sorted, n, sizeof *sorted, day_order);
    memset(tot, 0, q->n_time * sizeof *tot);
    /* pairs (i < j in sorted order) with sorted[j] - sorted[i] >= t: n_ge(t) */
    for (size_t c = 0; c < q->n_time; c++) {
        double t = q->time[c];
        int64_t ge = 0;
        size_t j = 0;
        for (size_t i = 0; i < n; i++) {
            if (j < i + 1)
                j = i + 1;
            while (j < n && (double)(sorted[j] - sorted[i]) < t)
                j++;
            ge += (int64_t)(n - j);
        }
        tot[c] = ge; /* for now: pairs at least t apart */
    }
    /* band c holds [t_c, t_c+1): ge(t_c) - ge(t_c+1); the last, beyond, keeps ge(t_last) */
    for (size_t c = 0; c + 1 < q->n_time; c++)
        tot[c] -= tot[c + 1];
}

/* The table for one assignment of days: close pairs counted, the rest from the totals. */
static void table(const vg_knox_point *pts, const int32_t *day, const close_pair *pairs, size_t np,
                  const vg_knox_request *q, const int64_t *time_tot, int64_t *obs)
{
    size_t rows = q->n_space, cols = q->n_time;
    memset(obs, 0, rows * cols * sizeof *obs);
    int64_t under[VG_KNOX_MAX_BANDS] = {0}; /* close pairs below the first space break */
    for (size_t k = 0; k < np; k++) {
        int32_t a = day[pairs[k].i], b = day[pairs[k].j];
        int c = band_of(fabs((double)a - (double)b), q->time, cols);
        if (c < 0)
            continue;
        if (pairs[k].band < 0)
            under[c]++;
        else
            obs[(size_t)pairs[k].band * cols + (size_t)c]++;
    }
    (void)pts;
    /* beyond the last space break: every pair of the time band not counted above */
    for (size_t c = 0; c < cols; c++) {
        int64_t near = under[c];
        for (size_t r = 0; r + 1 < rows; r++)
            near += obs[r * cols + c];
        obs[(rows - 1) * cols + c] = time_tot[c] - near;
    }
}

vg_err vg_knox(const vg_knox_point *pts, size_t n, const vg_knox_request *q, vg_knox_result *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    if (!breaks_ok(q->space, q->n_space))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "distance-bands",
                            "give 2 to %d ascending, non-negative distances", VG_KNOX_MAX_BANDS);
    if (!breaks_ok(q->time, q->n_time))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "time-bands", "give 2 to %d ascending, non-negative day counts",
                            VG_KNOX_MAX_BANDS);
    if (q->permutations < 0 || q->permutations > 1000000)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "permutations", "from 0 to 1,000,000");
    if (n > UINT32_MAX)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "input", "too many events");
    size_t rows = q->n_space, cols = q->n_time, cells = rows * cols;
    out->n = n;
    out->rows = rows;
    out->cols = cols;
    out->observed = vg_calloc(cells, sizeof *out->observed);
    out->expected = vg_calloc(cells, sizeof *out->expected);
    out->ratio = vg_calloc(cells, sizeof *out->ratio);
    out->p_value = q->permutations ? vg_calloc(cells, sizeof *out->p_value) : NULL;
    int32_t *sorted = vg_malloc((n ? n : 1) * sizeof *sorted), *day = vg_malloc((n ? n : 1) * sizeof *day);
    int64_t *time_tot = vg_calloc(cols, sizeof *time_tot), *perm = vg_calloc(cells, sizeof *perm),
            *ge = vg_calloc(cells, sizeof *ge);
    close_pair *pairs = NULL;
    size_t np = 0;
    vg_err e = !out->observed || !out->expected || !out->ratio || (q->permutations && !out->p_value) || !sorted ||
                       !day || !time_tot || !perm || !ge
                   ? VG_ERR_NOMEM
                   : close_pairs(pts, n, q, &pairs, &np);
    if (!e) {
        out->close_pairs = (int64_t)np;
        time_totals(pts, n, q, sorted, time_tot);
        for (size_t i = 0; i < n; i++)
            day[i] = pts[i].day;
        table(pts, day, pairs, np, q, time_tot, out->observed);
        /* expected counts from the margins */
        double total = 0, row[VG_KNOX_MAX_BANDS] = {0}, col[VG_KNOX_MAX_BANDS] = {0};
        for (size_t r = 0; r < rows; r++)
            for (size_t c = 0; c < cols; c++) {
                double v = (double)out->observed[r * cols + c];
                row[r] += v;
                col[c] += v;
                total += v;
            }
        for (size_t r = 0; r < rows; r++)
            for (size_t c = 0; c < cols; c++) {
                double ex = total > 0 ? row[r] * col[c] / total : 0;
                out->expected[r * cols + c] = ex;
                out->ratio[r * cols + c] = ex > 0 ? (double)out->observed[r * cols + c] / ex : NAN;
            }
        /* Monte Carlo: the dates shuffled among the places */
        vg_rng rng;
        vg_rng_seed(&rng, q->seed);
        for (int p = 0; p < q->permutations; p++) {
            for (size_t i = n; i > 1; i--) {
                size_t k = (size_t)vg_rng_below(&rng, i);
                int32_t t = day[i - 1];
                day[i - 1] = day[k];
                day[k] = t;
            }
            table(pts, day, pairs, np, q, time_tot, perm);
            for (size_t k = 0; k < cells; k++)
                ge[k] += perm[k] >= out->observed[k];
        }
        for (size_t k = 0; out->p_value && k < cells; k++)
            out->p_value[k] = (1.0 + (double)ge[k]) / (1.0 + q->permutations);
    }
    vg_free(pairs);
    vg_free(sorted);
    vg_free(day);
    vg_free(time_tot);
    vg_free(perm);
    vg_free(ge);
    if (e) {
        vg_knox_result_free(out);
        return vg_error_set(err, e, "knox", "out of memory");
    }
    return VG_OK;
}

void vg_knox_result_free(vg_knox_result *r)
{
    vg_free(r->observed);
    vg_free(r->expected);
    vg_free(r->ratio);
    vg_free(r->p_value);
    memset(r, 0, sizeof *r);
}
