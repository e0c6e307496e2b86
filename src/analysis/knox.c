/* knox.c - the Knox test on close pairs only (see knox.h).
 *
 * The pairs closer than the last distance break are found once with a grid of cells
 * that size. The events are then renumbered in the grid's order (cell by cell), so a
 * pair's two events sit close together in memory, and the pairs are kept per distance
 * band as lists per event of the partner's offset (16 bits when the partner is less
 * than 65,536 events on; the rare others in a list of their own). The time bands of a
 * table come from counting, per distance band, the pairs closer in time than each time
 * break; "beyond the last distance break" follows by subtraction from the time
 * differences of all pairs, which no permutation changes.
 *
 * Permutations are done 16 or 32 at a time: the dates of each event under those
 * permutations sit side by side (16-bit days), so one pass over the pairs compares
 * them all at once with vector instructions (GCC vector extensions: AVX-512 or AVX2
 * where the processor has them, SSE2 otherwise; knox_lanes.h) and never gathers. They run on every core, each from its own random stream (seed,
 * permutation number), so the p-values do not depend on the number of threads. */
#include "analysis/knox.h"
#include "base/alloc.h"
#include "base/rng.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct cell_entry {
    int64_t key;
    uint32_t idx;
} cell_entry;

static int entry_order(const void *a, const void *b)
{
    const cell_entry *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
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

/* The close pairs of one distance band (the last: closer than the first break): for
 * each event (in grid order) its partners after it, as offsets. */
typedef struct band_pairs {
    uint32_t *row;      /* n + 1 offsets into off */
    uint16_t *off;      /* partner - event */
    size_t n_off, cap_off;
    uint32_t (*far)[2]; /* pairs whose partner is 65,536 or more events on */
    size_t n_far, cap_far;
    int64_t total;
} band_pairs;

typedef struct knox_ctx {
    const vg_knox_request *q;
    size_t n, nb;      /* events; bands: the distance bands below the last break, then "under" */
    band_pairs *bands; /* [nb] */
    int32_t *day0;     /* the dates in grid order, as days from the earliest */
    int32_t *tcut;     /* [n_time]: a difference d is below time break c when d < tcut[c] */
    int64_t *time_tot; /* all pairs per time band (the last: beyond) */
    bool lanes_ok;     /* days and breaks fit in 16 bits: the vector path */
    double deadline;   /* monotonic seconds after which the permutations stop (0: none) */
} knox_ctx;

static double mono_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Finds the close pairs and files them by band in grid order. */
static vg_err build_pairs(knox_ctx *k, const vg_knox_point *pts)
{
    const vg_knox_request *q = k->q;
    size_t n = k->n;
    double reach = q->space[q->n_space - 1];
    cell_entry *cells = vg_malloc((n ? n : 1) * sizeof *cells);
    uint32_t *rank = vg_malloc((n ? n : 1) * sizeof *rank);
    vg_err e = cells && rank ? VG_OK : VG_ERR_NOMEM;
    for (size_t b = 0; b < k->nb && !e; b++)
        if (!(k->bands[b].row = vg_calloc(n + 1, sizeof *k->bands[b].row)))
            e = VG_ERR_NOMEM;
    if (e) {
        vg_free(cells);
        vg_free(rank);
        return e;
    }
    for (size_t i = 0; i < n; i++)
        cells[i] = (cell_entry){cell_key((int64_t)floor(pts[i].x / reach), (int64_t)floor(pts[i].y / reach)), (uint32_t)i};
    qsort(cells, n, sizeof *cells, entry_order);
    int32_t first = INT32_MAX;
    for (size_t i = 0; i < n; i++) {
        rank[cells[i].idx] = (uint32_t)i;
        first = pts[i].day < first ? pts[i].day : first;
    }
    for (size_t i = 0; i < n; i++)
        k->day0[rank[i]] = pts[i].day - first;
    /* in grid order: event a's partners c > a in the nine cells around it */
    for (size_t a = 0; a < n && !e; a++) {
        const vg_knox_point *p = &pts[cells[a].idx];
        int64_t cx = (int64_t)floor(p->x / reach), cy = (int64_t)floor(p->y / reach);
        for (size_t b = 0; b < k->nb; b++)
            k->bands[b].row[a] = (uint32_t)k->bands[b].n_off;
        for (int dx = -1; dx <= 1 && !e; dx++)
            for (int dy = -1; dy <= 1 && !e; dy++) {
                int64_t key = cell_key(cx + dx, cy + dy);
                size_t lo = 0, hi = n; /* the first entry with this key */
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    if (cells[mid].key < key)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                for (size_t c = lo > a ? lo : a + 1; c < n && cells[c].key == key && !e; c++) {
                    const vg_knox_point *o = &pts[cells[c].idx];
                    double ddx = fabs(p->x - o->x), ddy = fabs(p->y - o->y);
                    double d = q->metric == VG_KNOX_MANHATTAN ? ddx + ddy : sqrt(ddx * ddx + ddy * ddy);
                    if (d >= reach)
                        continue;
                    int band = band_of(d, q->space, q->n_space);
                    band_pairs *bp = &k->bands[band < 0 ? k->nb - 1 : (size_t)band];
                    bp->total++;
                    if (c - a < 65536) {
                        if (vg_grow((void **)&bp->off, &bp->cap_off, bp->n_off, sizeof *bp->off, 1 << 16))
                            e = VG_ERR_NOMEM;
                        else
                            bp->off[bp->n_off++] = (uint16_t)(c - a);
                    } else if (vg_grow((void **)&bp->far, &bp->cap_far, bp->n_far, sizeof *bp->far, 256)) {
                        e = VG_ERR_NOMEM;
                    } else {
                        bp->far[bp->n_far][0] = (uint32_t)a;
                        bp->far[bp->n_far++][1] = (uint32_t)c;
                    }
                }
            }
    }
    for (size_t b = 0; b < k->nb; b++)
        k->bands[b].row[n] = (uint32_t)k->bands[b].n_off;
    vg_free(cells);
    vg_free(rank);
    return e;
}

/* All pairs by time band, from the sorted days (the same for every permutation). */
static vg_err time_totals(knox_ctx *k)
{
    const vg_knox_request *q = k->q;
    size_t n = k->n;
    int32_t *sorted = vg_malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted)
        return VG_ERR_NOMEM;
    memcpy(sorted, k->day0, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, day_order);
    int64_t *tot = k->time_tot;
    /* pairs (i < j in sorted order) with sorted[j] - sorted[i] >= t */
    for (size_t c = 0; c < q->n_time; c++) {
        int64_t ge = 0;
        size_t j = 0;
        for (size_t i = 0; i < n; i++) {
            if (j < i + 1)
                j = i + 1;
            while (j < n && sorted[j] - sorted[i] < k->tcut[c])
                j++;
            ge += (int64_t)(n - j);
        }
        tot[c] = ge;
    }
    /* band c holds [t_c, t_c+1): ge(t_c) - ge(t_c+1); the last, beyond, keeps ge(t_last) */
    for (size_t c = 0; c + 1 < q->n_time; c++)
        tot[c] -= tot[c + 1];
    vg_free(sorted);
    return VG_OK;
}

/* The table from below[b][c]: the pairs of distance band b closer in time than break c. */
static void table_from(const knox_ctx *k, const int64_t *below, int64_t *obs)
{
    size_t rows = k->q->n_space, cols = k->q->n_time;
    int64_t under[VG_KNOX_MAX_BANDS] = {0};
    for (size_t b = 0; b < k->nb; b++) {
        int64_t *row = b + 1 < k->nb ? obs + b * cols : under;
        const int64_t *l = below + b * cols;
        for (size_t c = 0; c + 1 < cols; c++)
            row[c] = l[c + 1] - l[c];
        row[cols - 1] = k->bands[b].total - l[cols - 1]; /* beyond the last time break */
    }
    /* beyond the last distance break: every pair of the time band not counted above */
    for (size_t c = 0; c < cols; c++) {
        int64_t near = under[c];
        for (size_t r = 0; r + 1 < rows; r++)
            near += obs[r * cols + c];
        obs[(rows - 1) * cols + c] = k->time_tot[c] - near;
    }
}

static void count_pair(const knox_ctx *k, int32_t d, int64_t *l)
{
    d = d < 0 ? -d : d;
    for (size_t c = 0; c < k->q->n_time; c++)
        l[c] += d < k->tcut[c];
}

/* One assignment of dates (day[], grid order), one pair at a time. */
static void table_scalar(const knox_ctx *k, const int32_t *day, int64_t *obs)
{
    size_t cols = k->q->n_time;
    int64_t below[VG_KNOX_MAX_BANDS * VG_KNOX_MAX_BANDS] = {0};
    for (size_t b = 0; b < k->nb; b++) {
        const band_pairs *bp = &k->bands[b];
        int64_t *l = below + b * cols;
        for (size_t i = 0; i < k->n; i++)
            for (uint32_t x = bp->row[i]; x < bp->row[i + 1]; x++)
                count_pair(k, day[i + bp->off[x]] - day[i], l);
        for (size_t f = 0; f < bp->n_far; f++)
            count_pair(k, day[bp->far[f][1]] - day[bp->far[f][0]], l);
    }
    table_from(k, below, obs);
}

/* ---- many permutations at a time: 32 with AVX-512, else 16 (AVX2 or SSE2) */

typedef void (*count_fn)(const knox_ctx *k, const int16_t *day16, size_t c0, int64_t *below);

/* The counting loop for 4, 8, 10 or 12 breaks a pass (each compare costs a vector
 * operation per pair, so no more are made than the bands need). */
#define KL_LANES 16
#define KL_BREAKS 4
#define KL_NAME count16_4
#define KL_VEC lanes16_4_t
#define KL_ATTR __attribute__((target_clones("avx2", "default")))
#include "analysis/knox_lanes.h"

#define KL_LANES 16
#define KL_BREAKS 8
#define KL_NAME count16_8
#define KL_VEC lanes16_8_t
#define KL_ATTR __attribute__((target_clones("avx2", "default")))
#include "analysis/knox_lanes.h"

#define KL_LANES 16
#define KL_BREAKS 10
#define KL_NAME count16_10
#define KL_VEC lanes16_10_t
#define KL_ATTR __attribute__((target_clones("avx2", "default")))
#include "analysis/knox_lanes.h"

#define KL_LANES 16
#define KL_BREAKS 12
#define KL_NAME count16_12
#define KL_VEC lanes16_12_t
#define KL_ATTR __attribute__((target_clones("avx2", "default")))
#include "analysis/knox_lanes.h"

#if defined(__x86_64__)
#define KL_LANES 32
#define KL_BREAKS 4
#define KL_NAME count32_4
#define KL_VEC lanes32_4_t
#define KL_ATTR __attribute__((target("avx512f,avx512bw")))
#include "analysis/knox_lanes.h"

#define KL_LANES 32
#define KL_BREAKS 8
#define KL_NAME count32_8
#define KL_VEC lanes32_8_t
#define KL_ATTR __attribute__((target("avx512f,avx512bw")))
#include "analysis/knox_lanes.h"

#define KL_LANES 32
#define KL_BREAKS 10
#define KL_NAME count32_10
#define KL_VEC lanes32_10_t
#define KL_ATTR __attribute__((target("avx512f,avx512bw")))
#include "analysis/knox_lanes.h"

#define KL_LANES 32
#define KL_BREAKS 12
#define KL_NAME count32_12
#define KL_VEC lanes32_12_t
#define KL_ATTR __attribute__((target("avx512f,avx512bw")))
#include "analysis/knox_lanes.h"
#endif

static const size_t pass_breaks[4] = {4, 8, 10, 12};

/* The widest counting loop this processor runs for passes of up to `breaks` breaks: its
 * lanes, and the breaks it compares in a pass (*per_pass). */
static count_fn pick_count(size_t breaks, size_t *lanes, size_t *per_pass)
{
    static const count_fn narrow[4] = {count16_4, count16_8, count16_10, count16_12};
    int v = 0;
    while (v < 3 && pass_breaks[v] < breaks)
        v++;
    *per_pass = pass_breaks[v];
#if defined(__x86_64__)
    static const count_fn wide[4] = {count32_4, count32_8, count32_10, count32_12};
    if (__builtin_cpu_supports("avx512bw") && !getenv("VIGIL_KNOX_NO_AVX512")) {
        *lanes = 32;
        return wide[v];
    }
#endif
    *lanes = 16;
    return narrow[v];
}

typedef struct perm_job {
    const knox_ctx *k;
    const int64_t *observed;
    int from, to; /* permutations [from, to) */
    int64_t *ge;  /* [cells]: permutations with at least the observed count */
    vg_err e;
} perm_job;

static void shuffle(const knox_ctx *k, vg_rng *base, int p, int32_t *day)
{
    vg_rng rng;
    vg_rng_fork(base, (uint64_t)p, &rng);
    memcpy(day, k->day0, k->n * sizeof *day);
    for (size_t i = k->n; i > 1; i--) {
        size_t r = (size_t)vg_rng_below(&rng, i);
        int32_t t = day[i - 1];
        day[i - 1] = day[r];
        day[r] = t;
    }
}

static void *perm_run(void *arg)
{
    perm_job *j = arg;
    const knox_ctx *k = j->k;
    size_t n = k->n, cols = k->q->n_time, cells = k->q->n_space * cols;
    int32_t *day = vg_malloc((n ? n : 1) * sizeof *day);
    /* breaks at zero days or less count nothing (a difference is never below them) */
    size_t first = 0;
    while (first < cols && k->tcut[first] <= 0)
        first++;
    size_t lanes, per_pass;
    count_fn count = pick_count(cols - first, &lanes, &per_pass);
    int16_t *day16 = k->lanes_ok ? vg_malloc((n ? n : 1) * lanes * sizeof *day16) : NULL;
    int64_t *below = k->lanes_ok ? vg_malloc(k->nb * cols * lanes * sizeof *below) : NULL;
    int64_t *perm = vg_malloc(cells * sizeof *perm), *lane_below = vg_malloc(k->nb * cols * sizeof *lane_below);
    if (!day || !perm || !lane_below || (k->lanes_ok && (!day16 || !below))) {
        j->e = VG_ERR_NOMEM;
    } else {
        vg_rng base;
        vg_rng_seed(&base, k->q->seed);
        for (int p = j->from; p < j->to;) {
            if (k->deadline > 0 && mono_s() > k->deadline) { /* over its time budget */
                j->e = VG_ERR_TOO_LARGE;
                break;
            }
            int batch = k->lanes_ok ? (j->to - p < (int)lanes ? j->to - p : (int)lanes) : 1;
            if (k->lanes_ok) {
                for (size_t l = 0; l < lanes; l++) {
                    if (l < (size_t)batch)
                        shuffle(k, &base, p + (int)l, day); /* spare lanes repeat the last */
                    for (size_t i = 0; i < n; i++)
                        day16[i * lanes + l] = (int16_t)day[i];
                }
                memset(below, 0, k->nb * cols * lanes * sizeof *below);
                for (size_t c0 = first; c0 < cols; c0 += per_pass)
                    count(k, day16, c0, below);
            }
            for (int l = 0; l < batch; l++) {
                if (k->lanes_ok) {
                    for (size_t x = 0; x < k->nb * cols; x++)
                        lane_below[x] = below[x * lanes + (size_t)l];
                    table_from(k, lane_below, perm);
                } else {
                    shuffle(k, &base, p + l, day);
                    table_scalar(k, day, perm);
                }
                for (size_t c = 0; c < cells; c++)
                    j->ge[c] += perm[c] >= j->observed[c];
            }
            p += batch;
        }
    }
    vg_free(day);
    vg_free(day16);
    vg_free(below);
    vg_free(perm);
    vg_free(lane_below);
    return NULL;
}

/* Runs the permutations on up to the number of cores. */
static vg_err permutations(const knox_ctx *k, const int64_t *observed, int64_t *ge)
{
    int total = k->q->permutations;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = cores < 1 ? 1 : cores > 16 ? 16 : (int)cores;
    if (threads > total / 4)
        threads = total / 4 > 0 ? total / 4 : 1;
    size_t cells = k->q->n_space * k->q->n_time;
    perm_job jobs[16];
    pthread_t tid[16];
    bool started[16] = {false};
    vg_err e = VG_OK;
    for (int t = 0; t < threads; t++) {
        jobs[t] = (perm_job){k, observed, total * t / threads, total * (t + 1) / threads, vg_calloc(cells, sizeof(int64_t)),
                             VG_OK};
        if (!jobs[t].ge)
            e = VG_ERR_NOMEM;
    }
    for (int t = 1; t < threads && !e; t++)
        started[t] = pthread_create(&tid[t], NULL, perm_run, &jobs[t]) == 0;
    if (!e)
        perm_run(&jobs[0]);
    for (int t = 0; t < threads; t++) {
        if (t > 0 && !e && !started[t])
            perm_run(&jobs[t]); /* no thread: do its share here */
        if (started[t])
            pthread_join(tid[t], NULL);
        if (jobs[t].ge && !e && !jobs[t].e)
            for (size_t c = 0; c < cells; c++)
                ge[c] += jobs[t].ge[c];
        e = e ? e : jobs[t].e;
        vg_free(jobs[t].ge);
    }
    return e;
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
    if (q->time[q->n_time - 1] > 1000000)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "time-bands", "the last break can be at most 1,000,000 days");
    if (q->permutations < 0 || q->permutations > 1000000)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "permutations", "from 0 to 1,000,000");
    if (n >= UINT32_MAX)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "input", "too many events");
    size_t rows = q->n_space, cols = q->n_time, cells = rows * cols;
    knox_ctx k = {.q = q, .n = n, .nb = rows};
    out->n = n;
    out->rows = rows;
    out->cols = cols;
    out->observed = vg_calloc(cells, sizeof *out->observed);
    out->expected = vg_calloc(cells, sizeof *out->expected);
    out->ratio = vg_calloc(cells, sizeof *out->ratio);
    out->p_value = q->permutations ? vg_calloc(cells, sizeof *out->p_value) : NULL;
    k.bands = vg_calloc(k.nb, sizeof *k.bands);
    k.day0 = vg_malloc((n ? n : 1) * sizeof *k.day0);
    k.tcut = vg_malloc(cols * sizeof *k.tcut);
    k.time_tot = vg_calloc(cols, sizeof *k.time_tot);
    int64_t *ge = vg_calloc(cells, sizeof *ge);
    vg_err e = !out->observed || !out->expected || !out->ratio || (q->permutations && !out->p_value) || !k.bands ||
                       !k.day0 || !k.tcut || !k.time_tot || !ge
                   ? VG_ERR_NOMEM
                   : VG_OK;
    for (size_t c = 0; !e && c < cols; c++)
        k.tcut[c] = (int32_t)ceil(q->time[c]); /* whole days: d < t exactly when d < ceil(t) */
    e = e ? e : build_pairs(&k, pts);
    e = e ? e : time_totals(&k);
    if (!e) {
        int32_t last = 0;
        for (size_t i = 0; i < n; i++)
            last = k.day0[i] > last ? k.day0[i] : last;
        k.lanes_ok = last < 32000 && k.tcut[cols - 1] < 32000 && !getenv("VIGIL_KNOX_SCALAR");
        for (size_t b = 0; b < k.nb; b++)
            out->close_pairs += k.bands[b].total;
        table_scalar(&k, k.day0, out->observed);
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
        double tests = (double)out->close_pairs * q->permutations;
        if (q->permutations && q->max_pair_tests > 0 && tests > q->max_pair_tests) {
            vg_error_set(err, VG_ERR_TOO_LARGE, "permutations",
                         "%d permutations of %lld close pairs would make %.3g pair tests, over the budget of %.3g: "
                         "use fewer permutations, a shorter period, a smaller area or a shorter last distance",
                         q->permutations, (long long)out->close_pairs, tests, q->max_pair_tests);
            e = VG_ERR_TOO_LARGE;
        } else if (q->permutations) {
            k.deadline = q->max_seconds > 0 ? mono_s() + q->max_seconds : 0;
            e = permutations(&k, out->observed, ge);
            if (e == VG_ERR_TOO_LARGE)
                vg_error_set(err, e, "permutations",
                             "stopped after %.0f s, the time budget for one analysis: use fewer permutations, a "
                             "shorter period or a smaller area", q->max_seconds);
        }
        for (size_t c = 0; !e && out->p_value && c < cells; c++)
            out->p_value[c] = (1.0 + (double)ge[c]) / (1.0 + q->permutations);
    }
    for (size_t b = 0; k.bands && b < k.nb; b++) {
        vg_free(k.bands[b].row);
        vg_free(k.bands[b].off);
        vg_free(k.bands[b].far);
    }
    vg_free(k.bands);
    vg_free(k.day0);
    vg_free(k.tcut);
    vg_free(k.time_tot);
    vg_free(ge);
    if (e) {
        vg_knox_result_free(out);
        return e == VG_ERR_TOO_LARGE ? e : vg_error_set(err, e, "knox", "out of memory");
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
