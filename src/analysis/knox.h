/* knox.h - the Knox test for near-repeat victimisation: how many pairs of events are
 * close in space and close in time, against what the bands' totals alone would give,
 * with Monte Carlo p-values from permuting the dates among the places.
 *
 * Bands are half-open, [a, b): space breaks s0 < s1 < ... < sk give the bands [s0, s1)
 * ... [s(k-1), sk) and "beyond" [sk, inf); time breaks (days) the same way. Pairs closer
 * than s0 or t0 are in no band. Only pairs closer than sk are ever looked at (a grid
 * of sk-sized cells): the rest of the table follows from the time differences of all
 * pairs, which the permutations do not change (they permute the same dates). */
#ifndef VG_KNOX_H
#define VG_KNOX_H

#include "base/err.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vg_knox_point {
    double x, y; /* metres */
    int32_t day; /* days since any fixed day */
} vg_knox_point;

typedef enum vg_knox_metric { VG_KNOX_MANHATTAN, VG_KNOX_EUCLIDEAN } vg_knox_metric;

#define VG_KNOX_MAX_BANDS 64

typedef struct vg_knox_request {
    const double *space; /* breaks in metres, ascending, 2 to VG_KNOX_MAX_BANDS */
    size_t n_space;
    const double *time;  /* breaks in days, ascending, 2 to VG_KNOX_MAX_BANDS */
    size_t n_time;
    vg_knox_metric metric;
    int permutations;    /* 0: no p-values */
    uint64_t seed;
    /* Budgets (0: none), so that one request cannot take the machine: the pair tests the
     * permutations would make (close pairs x permutations), refused before they start;
     * and the seconds they may run, after which the test stops. Both VG_ERR_TOO_LARGE
     * with the budget named. */
    double max_pair_tests;
    double max_seconds;
} vg_knox_request;

/* Tables of rows x cols, row-major: rows are the space bands then "beyond", columns
 * the time bands then "beyond" (rows = n_space, cols = n_time). */
typedef struct vg_knox_result {
    size_t n, rows, cols;
    int64_t *observed;
    double *expected;    /* row total x column total / all pairs counted */
    double *ratio;       /* observed / expected (NAN where expected is 0) */
    double *p_value;     /* (1 + permutations with at least the observed count) / (1 + permutations); NULL if none */
    int64_t close_pairs; /* pairs closer than the last space break */
} vg_knox_result;

/* VG_ERR_INVALID_INPUT (err names the argument) for bad breaks or permutations;
 * VG_ERR_TOO_LARGE over a budget; VG_ERR_NOMEM. */
vg_err vg_knox(const vg_knox_point *pts, size_t n, const vg_knox_request *q, vg_knox_result *out,
               vg_error *err) VG_MUST_CHECK;
void vg_knox_result_free(vg_knox_result *r);

#endif
