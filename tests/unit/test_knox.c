/* test_knox.c - the Knox test: published observed tables (the NearRepeat R package's
 * two vignettes on the first month of Chicago burglary, one with the whole table; Toby
 * Davies' notebook on Chicago burglary in 2016), the whole table against a brute-force
 * count of every pair on random data, the vector path against the scalar one, and
 * p-values with and without an injected near-repeat. */
#include "testutil.h"

#include "analysis/knox.h"
#include "base/alloc.h"
#include "base/rng.h"
#include "base/str.h"
#include "base/time.h"
#include "io/points.h"

#include <stdlib.h>

#include <math.h>

/* The events of a shared file (NULL if the shared data is not there), those from
 * `from` to `to` (days; INT32_MIN: all). */
static vg_knox_point *load_range(const char *rel, vg_date_order order, vg_date from, vg_date to, size_t *n)
{
    char path[512];
    vg_points pts;
    vg_points_options o = {.dates = order};
    vg_error err;
    *n = 0;
    const char *file = tu_shared_file(path, sizeof path, rel);
    if (!file || vg_points_read(file, &o, &pts, &err) != VG_OK) /* no shared data here: skipped */
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < pts.n; i++)
        if (from == INT32_MIN || (pts.p[i].day >= from && pts.p[i].day <= to))
            pts.p[k++] = pts.p[i];
    *n = k;
    return pts.p;
}

static vg_knox_point *load(const char *rel, size_t *n) { return load_range(rel, VG_DATE_ISO, INT32_MIN, 0, n); }

static void expect_table(const vg_knox_result *r, const int64_t *want, size_t rows, size_t cols)
{
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++)
            if (r->observed[i * r->cols + j] != want[i * cols + j])
                fail_msg("cell %zu,%zu: %lld, published %lld", i, j, (long long)r->observed[i * r->cols + j],
                         (long long)want[i * cols + j]);
}

/* NearRepeat vignette "NRC": the same month with bands that mimic the Near Repeat
 * Calculator's labels; the whole table is published, "beyond" row and column included. */
static void test_published_whole_table(void **state)
{
    (void)state;
    size_t n;
    vg_knox_point *pts = load("near-repeat/chicago_be_month1.csv", &n);
    if (!pts)
        skip();
    const double space[] = {0, 1, 101, 201, 301}, time[] = {0, 8, 15, 22};
    vg_knox_request q = {space, 5, time, 4, VG_KNOX_MANHATTAN, 0, 1, 0, 0};
    vg_knox_result r;
    vg_error err;
    assert_int_equal(vg_knox(pts, n, &q, &r, &err), VG_OK);
    static const int64_t published[5][4] = {
        {29, 4, 5, 2}, {45, 15, 7, 2}, {106, 48, 21, 13}, {88, 64, 46, 15}, {206611, 138108, 88321, 36415}};
    assert_int_equal(r.rows, 5);
    assert_int_equal(r.cols, 4);
    expect_table(&r, &published[0][0], 5, 4);
    vg_knox_result_free(&r);
    vg_free(pts);
}

/* Toby Davies' notebook "Usage of Knox test": burglary in Chicago in 2016, Euclidean,
 * intervals closed on the left (interval_side='right'). */
static void test_published_davies(void **state)
{
    (void)state;
    vg_date from, to;
    assert_true(vg_date_from_ymd(2016, 1, 1, &from) && vg_date_from_ymd(2016, 12, 31, &to));
    size_t n;
    vg_knox_point *pts = load_range("near-repeat/chicago_burglary_2014_2017.csv", VG_DATE_DMY, from, to, &n);
    if (!pts)
        skip();
    assert_int_equal(n, 11701);
    const double space[] = {0, 0.1, 200, 400, 600}, time[] = {0, 7, 14, 21};
    vg_knox_request q = {space, 5, time, 4, VG_KNOX_EUCLIDEAN, 0, 1, 0, 0};
    vg_knox_result r;
    vg_error err;
    assert_int_equal(vg_knox(pts, n, &q, &r, &err), VG_OK);
    static const int64_t published[4][3] = {{319, 106, 62}, {1647, 1539, 1400}, {3598, 3660, 3638}, {5028, 5167, 4935}};
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 3; j++)
            assert_int_equal(r.observed[i * r.cols + j], published[i][j]);
    vg_knox_result_free(&r);
    vg_free(pts);
}

/* Sixteen permutations at a time with vector compares must give exactly what one at a
 * time gives (the same random streams). */
static void test_vector_path(void **state)
{
    (void)state;
    size_t n;
    vg_knox_point *pts = load("near-repeat/chicago_be_month1.csv", &n);
    if (!pts)
        skip();
    const double space[] = {0, 0.1, 200, 400, 600};
    /* time breaks for each counting loop: 3 a pass, 10 (the 11 x 10 benchmark), and 15
     * (two passes, 12 and 3), one starting above zero */
    static const double t3[] = {0, 7, 14, 21}, t10[] = {0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70},
                        t15[] = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987};
    const double *times[3] = {t3, t10, t15};
    const size_t n_times[3] = {4, 11, 15};
    for (int t = 0; t < 3; t++) {
        vg_knox_request q = {space, 5, times[t], n_times[t], VG_KNOX_MANHATTAN, 37, 5, 0, 0}; /* not a multiple of 16 */
        vg_knox_result a, b, c;
        vg_error err;
        unsetenv("VIGIL_KNOX_SCALAR");
        assert_int_equal(vg_knox(pts, n, &q, &a, &err), VG_OK); /* the widest this processor has */
        setenv("VIGIL_KNOX_NO_AVX512", "1", 1);
        assert_int_equal(vg_knox(pts, n, &q, &c, &err), VG_OK); /* 16 lanes */
        unsetenv("VIGIL_KNOX_NO_AVX512");
        setenv("VIGIL_KNOX_SCALAR", "1", 1);
        assert_int_equal(vg_knox(pts, n, &q, &b, &err), VG_OK);
        unsetenv("VIGIL_KNOX_SCALAR");
        for (size_t k = 0; k < a.rows * a.cols; k++) {
            assert_int_equal(a.observed[k], b.observed[k]);
            if (a.p_value[k] != b.p_value[k] || c.p_value[k] != b.p_value[k])
                fail_msg("%zu time breaks, cell %zu: p %g (widest), %g (16 lanes), %g (scalar)", n_times[t], k,
                         a.p_value[k], c.p_value[k], b.p_value[k]);
        }
        vg_knox_result_free(&a);
        vg_knox_result_free(&b);
        vg_knox_result_free(&c);
    }
    vg_free(pts);
}

static void test_published_table(void **state)
{
    (void)state;
    size_t n;
    vg_knox_point *pts = load("near-repeat/chicago_be_month1.csv", &n);
    if (!pts)
        skip();
    assert_int_equal(n, 970);
    const double space[] = {0, 0.1, 200, 400, 600}, time[] = {0, 7, 14, 21};
    vg_knox_request q = {space, 5, time, 4, VG_KNOX_MANHATTAN, 0, 1, 0, 0};
    vg_knox_result r;
    vg_error err;
    assert_int_equal(vg_knox(pts, n, &q, &r, &err), VG_OK);
    static const int64_t published[4][3] = {{28, 5, 5}, {141, 69, 27}, {186, 140, 100}, {237, 192, 128}};
    expect_table(&r, &published[0][0], 4, 3);
    int64_t total = 0;
    for (size_t k = 0; k < r.rows * r.cols; k++)
        total += r.observed[k];
    assert_int_equal(total, (int64_t)n * (int64_t)(n - 1) / 2); /* every pair, once */
    vg_knox_result_free(&r);
    vg_free(pts);
}

/* Many pairs in one band (two places with 400 events each: 159,600 pairs at distance 0)
 * make the vector path add up its 16-bit counts in the middle of an event's partners;
 * it must still equal the scalar path, and the brute-force count. */
static void test_vector_flush(void **state)
{
    (void)state;
    enum { N = 800 };
    vg_knox_point *pts = vg_malloc(N * sizeof *pts);
    assert_non_null(pts);
    vg_rng rng;
    vg_rng_seed(&rng, 99);
    for (int i = 0; i < N; i++)
        pts[i] = (vg_knox_point){i % 2 ? 1000 : 1040, 500, (int32_t)vg_rng_below(&rng, 400)};
    const double space[] = {0, 10, 100}, time[] = {0, 3, 30};
    vg_knox_request q = {space, 3, time, 3, VG_KNOX_MANHATTAN, 20, 4, 0, 0};
    vg_knox_result a, b;
    vg_error err;
    unsetenv("VIGIL_KNOX_SCALAR");
    assert_int_equal(vg_knox(pts, N, &q, &a, &err), VG_OK);
    setenv("VIGIL_KNOX_SCALAR", "1", 1);
    assert_int_equal(vg_knox(pts, N, &q, &b, &err), VG_OK);
    unsetenv("VIGIL_KNOX_SCALAR");
    assert_int_equal(a.close_pairs, 2 * 400 * 399 / 2 + 400 * 400);
    for (size_t k = 0; k < a.rows * a.cols; k++)
        assert_true(a.p_value[k] == b.p_value[k]);
    vg_knox_result_free(&a);
    vg_knox_result_free(&b);
    vg_free(pts);
}

/* Every allocation the test makes, failed in turn: an error or a whole answer, never a
 * leak (with the permutations on several threads, vector and scalar). */
static void test_out_of_memory(void **state)
{
    (void)state;
    enum { N = 300 };
    vg_knox_point pts[N];
    vg_rng rng;
    vg_rng_seed(&rng, 5);
    for (int i = 0; i < N; i++)
        pts[i] = (vg_knox_point){vg_rng_unit(&rng) * 2000, vg_rng_unit(&rng) * 2000, (int32_t)vg_rng_below(&rng, 90)};
    const double space[] = {0, 100, 300}, time[] = {0, 7, 14};
    vg_knox_request q = {space, 3, time, 3, VG_KNOX_EUCLIDEAN, 40, 2, 0, 0};
    for (int scalar = 0; scalar < 2; scalar++) {
        if (scalar)
            setenv("VIGIL_KNOX_SCALAR", "1", 1);
        int64_t live = vg_alloc_live();
        uint64_t calls0 = vg_alloc_calls();
        vg_knox_result r;
        vg_error err;
        assert_int_equal(vg_knox(pts, N, &q, &r, &err), VG_OK);
        vg_knox_result_free(&r);
        uint64_t per_run = vg_alloc_calls() - calls0;
        for (uint64_t n = 1; n <= per_run + 3; n++) {
            vg_alloc_fail_at(n);
            vg_err e = vg_knox(pts, N, &q, &r, &err);
            vg_alloc_fail_at(0);
            if (e == VG_OK)
                vg_knox_result_free(&r);
            else if (e != VG_ERR_NOMEM)
                fail_msg("allocation %llu: %s", (unsigned long long)n, vg_strerror(e));
            if (vg_alloc_live() != live)
                fail_msg("allocation %llu: %lld blocks leaked", (unsigned long long)n, (long long)(vg_alloc_live() - live));
        }
        unsetenv("VIGIL_KNOX_SCALAR");
    }
}

static void brute(const vg_knox_point *p, size_t n, const vg_knox_request *q, int64_t *obs)
{
    memset(obs, 0, q->n_space * q->n_time * sizeof *obs);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double dx = fabs(p[i].x - p[j].x), dy = fabs(p[i].y - p[j].y);
            double d = q->metric == VG_KNOX_MANHATTAN ? dx + dy : sqrt(dx * dx + dy * dy);
            double t = fabs((double)p[i].day - p[j].day);
            int r = -1, c = -1;
            for (size_t k = 0; k < q->n_space; k++)
                if (d >= q->space[k])
                    r = (int)k;
            for (size_t k = 0; k < q->n_time; k++)
                if (t >= q->time[k])
                    c = (int)k;
            if (r >= 0 && c >= 0)
                obs[r * (int)q->n_time + c]++;
        }
}

static void test_against_brute_force(void **state)
{
    (void)state;
    vg_rng rng;
    vg_rng_seed(&rng, 7);
    enum { N = 400 };
    vg_knox_point pts[N];
    for (int i = 0; i < N; i++)
        pts[i] = (vg_knox_point){vg_rng_unit(&rng) * 3000, vg_rng_unit(&rng) * 3000, (int32_t)vg_rng_below(&rng, 120)};
    pts[1] = pts[0]; /* the same place and day */
    const double space[] = {50, 100, 250, 400}, time[] = {1, 5, 10, 20};
    for (int metric = 0; metric < 2; metric++) {
        vg_knox_request q = {space, 4, time, 4, (vg_knox_metric)metric, 0, 1, 0, 0};
        vg_knox_result r;
        vg_error err;
        assert_int_equal(vg_knox(pts, N, &q, &r, &err), VG_OK);
        int64_t want[16];
        brute(pts, N, &q, want);
        double total = 0, row[4] = {0}, col[4] = {0};
        for (int k = 0; k < 16; k++) {
            if (r.observed[k] != want[k])
                fail_msg("metric %d cell %d: %lld, brute force %lld", metric, k, (long long)r.observed[k],
                         (long long)want[k]);
            row[k / 4] += (double)want[k];
            col[k % 4] += (double)want[k];
            total += (double)want[k];
        }
        for (int k = 0; k < 16; k++)
            assert_true(fabs(r.expected[k] - row[k / 4] * col[k % 4] / total) < 1e-9);
        vg_knox_result_free(&r);
    }
    /* bad bands are refused, naming the option */
    const double bad[] = {100, 50};
    vg_knox_request q = {bad, 2, time, 4, VG_KNOX_MANHATTAN, 0, 1, 0, 0};
    vg_knox_result r;
    vg_error err;
    assert_int_equal(vg_knox(pts, N, &q, &r, &err), VG_ERR_INVALID_INPUT);
    assert_string_equal(err.where, "distance-bands");
}

static void test_p_values(void **state)
{
    (void)state;
    vg_rng rng;
    vg_rng_seed(&rng, 11);
    enum { N = 600 };
    vg_knox_point pts[N];
    for (int i = 0; i < N; i++)
        pts[i] = (vg_knox_point){vg_rng_unit(&rng) * 5000, vg_rng_unit(&rng) * 5000, (int32_t)vg_rng_below(&rng, 365)};
    const double space[] = {0, 200, 400}, time[] = {0, 7, 14};
    vg_knox_request q = {space, 3, time, 3, VG_KNOX_EUCLIDEAN, 199, 3, 0, 0};
    vg_knox_result r;
    vg_error err;
    assert_int_equal(vg_knox(pts, N, &q, &r, &err), VG_OK);
    double p_random = r.p_value[0];
    vg_knox_result_free(&r);
    /* a near-repeat: every fifth event followed within three days by one within 100 m */
    for (int i = 0; i + 1 < N; i += 5)
        pts[i + 1] = (vg_knox_point){pts[i].x + vg_rng_unit(&rng) * 70, pts[i].y + vg_rng_unit(&rng) * 70,
                                     pts[i].day + (int32_t)vg_rng_below(&rng, 3)};
    assert_int_equal(vg_knox(pts, N, &q, &r, &err), VG_OK);
    assert_true(r.ratio[0] > 2);
    assert_true(r.p_value[0] <= 0.01);
    assert_true(p_random > 0.01);
    vg_knox_result_free(&r);
}

/* The budgets one request may not exceed: the pair tests, refused before they start,
 * and the seconds, after which the permutations stop; both in words. */
static void test_budgets(void **state)
{
    (void)state;
    vg_rng rng;
    vg_rng_seed(&rng, 12);
    enum { N = 3000 };
    static vg_knox_point pts[N];
    for (int i = 0; i < N; i++)
        pts[i] = (vg_knox_point){vg_rng_unit(&rng) * 2000, vg_rng_unit(&rng) * 2000, (int32_t)vg_rng_below(&rng, 365)};
    const double space[] = {0, 1000, 3000}, time[] = {0, 7, 14};
    vg_knox_request q = {space, 3, time, 3, VG_KNOX_MANHATTAN, 999, 1, 1e6, 0};
    vg_knox_result r;
    vg_error err;
    assert_int_equal(vg_knox(pts, N, &q, &r, &err), VG_ERR_TOO_LARGE);
    assert_string_equal(err.where, "permutations");
    assert_non_null(strstr(err.why, "over the budget of 1e+06"));
    assert_null(r.observed); /* nothing half-made */
    q.max_pair_tests = 0;
    q.permutations = 1000000;
    q.max_seconds = 0.05; /* far too short for a million permutations of 4.5 million pairs */
    assert_int_equal(vg_knox(pts, N, &q, &r, &err), VG_ERR_TOO_LARGE);
    assert_non_null(strstr(err.why, "the time budget"));
    assert_null(r.observed);
    q.permutations = 9;
    q.max_seconds = 60;
    q.max_pair_tests = 1e12;
    assert_int_equal(vg_knox(pts, N, &q, &r, &err), VG_OK); /* within both */
    vg_knox_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budgets),
        cmocka_unit_test(test_published_table),
        cmocka_unit_test(test_published_whole_table),
        cmocka_unit_test(test_published_davies),
        cmocka_unit_test(test_vector_path),
        cmocka_unit_test(test_vector_flush),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_against_brute_force),
        cmocka_unit_test(test_p_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
