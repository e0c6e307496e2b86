/* test_hotspot.c - hotspots: the quartic kernel density against a brute-force sum in
 * double precision (one core and several), Getis-Ord Gi* against a 5 x 5 grid worked
 * by hand, the Benjamini-Hochberg false-discovery rate on a textbook example, and the
 * polygon mask. */
#include "testutil.h"

#include "analysis/hotspot.h"
#include "base/alloc.h"
#include "base/rng.h"

#include <math.h>

static double brute_quartic(const vg_grid *g, const double (*p)[2], size_t n, double h, size_t i, size_t j)
{
    double cx = g->x0 + ((double)i + 0.5) * g->cell, cy = g->y0 + ((double)j + 0.5) * g->cell, sum = 0;
    for (size_t k = 0; k < n; k++) {
        double d2 = (p[k][0] - cx) * (p[k][0] - cx) + (p[k][1] - cy) * (p[k][1] - cy);
        if (d2 < h * h)
            sum += 3.0 / (M_PI * h * h) * (1 - d2 / (h * h)) * (1 - d2 / (h * h));
    }
    return sum * 1e6;
}

static void check_kde(size_t n, double h, size_t nx, size_t ny)
{
    vg_rng rng;
    vg_rng_seed(&rng, n);
    double (*p)[2] = vg_malloc(n * sizeof *p);
    assert_non_null(p);
    for (size_t k = 0; k < n; k++) { /* half spread, half in two clusters, some outside the grid */
        double cx = k % 3 == 0 ? 300 : 800, cy = k % 3 == 0 ? 200 : 500;
        p[k][0] = k % 2 ? vg_rng_unit(&rng) * 1200 - 50 : cx + vg_rng_normal(&rng) * 60;
        p[k][1] = k % 2 ? vg_rng_unit(&rng) * 900 - 50 : cy + vg_rng_normal(&rng) * 60;
    }
    vg_grid g;
    vg_error err;
    double cell = 1000.0 / (double)nx;
    assert_int_equal(vg_grid_cover(0, 0, 1000 - cell / 2, (double)ny * cell - cell / 2, cell, &g, &err), VG_OK);
    assert_int_equal(g.nx, nx);
    assert_int_equal(g.ny, ny);
    double *d = vg_malloc(g.nx * g.ny * sizeof *d);
    assert_int_equal(vg_kde_quartic(&g, (const double (*)[2])p, n, h, NULL, d, &err), VG_OK);
    double worst = 0, top = 0;
    for (size_t j = 0; j < g.ny; j++)
        for (size_t i = 0; i < g.nx; i++) {
            double want = brute_quartic(&g, (const double (*)[2])p, n, h, i, j), got = d[j * g.nx + i];
            worst = fmax(worst, fabs(got - want));
            top = fmax(top, want);
        }
    assert_true(top > 0);
    if (worst > 1e-9 * top)
        fail_msg("largest difference %g against a top density of %g", worst, top);
    vg_free(d);
    vg_free(p);
}

static void test_kde_against_brute_force(void **state)
{
    (void)state;
    check_kde(300, 57.5, 50, 40);     /* one core: too little work to share */
    check_kde(20000, 80.0, 100, 75);  /* every core */
    check_kde(50, 3.0, 100, 75);      /* a bandwidth smaller than a cell */
}

static void test_kde_mask_and_errors(void **state)
{
    (void)state;
    vg_grid g;
    vg_error err;
    assert_int_equal(vg_grid_cover(0, 0, 99, 99, 10, &g, &err), VG_OK);
    assert_int_equal(g.nx, 10);
    assert_int_equal(g.ny, 10);
    /* a triangle (0,0) (100,0) (0,100): centres (x+5, y+5) with x + y + 10 < 100 */
    const double tri[4][2] = {{0, 0}, {100, 0}, {0, 100}, {0, 0}};
    uint8_t mask[100];
    vg_grid_mask_polygon(&g, tri, 4, mask);
    int in = 0;
    for (int k = 0; k < 100; k++)
        in += mask[k];
    assert_int_equal(in, 45); /* rows of 9, 8, ..., 1 cells */
    assert_int_equal(mask[0], 1);
    assert_int_equal(mask[9], 0);
    const double pt[1][2] = {{20, 20}};
    double d[100];
    assert_int_equal(vg_kde_quartic(&g, pt, 1, 30, mask, d, &err), VG_OK);
    assert_true(isnan(d[99]));
    assert_true(d[2 * 10 + 2] > 0); /* the cell around (25, 25) */
    assert_int_equal(vg_kde_quartic(&g, pt, 1, -5, mask, d, &err), VG_ERR_INVALID_INPUT);
    assert_string_equal(err.where, "bandwidth");
    assert_int_equal(vg_grid_cover(0, 0, 1e6, 1e6, 1, &g, &err), VG_ERR_INVALID_INPUT);
    assert_string_equal(err.where, "cell");
}

/* Worked by hand: a 5 x 5 grid of zeros but 9 in the centre, the 3 x 3 window (r = 1).
 * n = 25, mean 9/25 = 0.36, S^2 = 81/25 - 0.36^2 = 3.1104.
 *   centre, and (1,1) whose window holds the centre: W = 9, sum 9:
 *     (9 - 0.36 * 9) / (S sqrt((25*9 - 81)/24)) = 5.76 / sqrt(3.1104 * 6) = 5.76 / 4.32 = 4/3
 *   corner (0,0): W = 4, sum 0: -1.44 / sqrt(3.1104 * (100 - 16)/24) = -1.44 / sqrt(10.8864)
 *   edge (0,2): W = 6, sum 0: -2.16 / sqrt(3.1104 * (150 - 36)/24) = -2.16 / sqrt(14.7744) */
static void test_gi_star_by_hand(void **state)
{
    (void)state;
    vg_grid g = {0, 0, 1, 5, 5};
    double x[25] = {0}, z[25];
    x[2 * 5 + 2] = 9;
    vg_error err;
    assert_int_equal(vg_getis_ord(&g, x, NULL, 1, z, &err), VG_OK);
    assert_true(fabs(z[2 * 5 + 2] - 4.0 / 3.0) < 1e-12);
    assert_true(fabs(z[1 * 5 + 1] - 4.0 / 3.0) < 1e-12);
    assert_true(fabs(z[0] - -1.44 / sqrt(10.8864)) < 1e-12);
    assert_true(fabs(z[2 * 5 + 0] - -2.16 / sqrt(14.7744)) < 1e-12);
    /* symmetric: every corner alike */
    assert_true(fabs(z[4] - z[0]) < 1e-12 && fabs(z[24] - z[0]) < 1e-12 && fabs(z[20] - z[0]) < 1e-12);
    /* a mask leaves cells out of n and of every window: the top row masked out */
    uint8_t mask[25];
    memset(mask, 1, sizeof mask);
    for (int i = 0; i < 5; i++)
        mask[4 * 5 + i] = 0;
    assert_int_equal(vg_getis_ord(&g, x, mask, 1, z, &err), VG_OK);
    assert_true(isnan(z[4 * 5 + 2]));
    /* n = 20, mean 0.45, S^2 = 81/20 - 0.2025 = 3.8475; centre W = 9:
     * (9 - 4.05) / sqrt(3.8475 * (180 - 81)/19) */
    assert_true(fabs(z[2 * 5 + 2] - 4.95 / sqrt(3.8475 * 99.0 / 19.0)) < 1e-12);
    /* all equal: no z */
    double flat[25];
    for (int i = 0; i < 25; i++)
        flat[i] = 2;
    assert_int_equal(vg_getis_ord(&g, flat, NULL, 1, z, &err), VG_OK);
    assert_true(isnan(z[12]));
}

/* The z with two-sided p-value p. */
static double z_of(double p)
{
    double lo = 0, hi = 40;
    for (int i = 0; i < 200; i++) {
        double mid = (lo + hi) / 2;
        if (erfc(mid / M_SQRT2) > p)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The textbook example: m = 10, q = 0.05; the thresholds are k * 0.005, so only the two
 * smallest (0.001 <= 0.005, 0.008 <= 0.010) are discoveries, though five are below 0.05. */
static void test_fdr(void **state)
{
    (void)state;
    const double ps[10] = {0.042, 0.001, 0.216, 0.039, 0.008, 0.06, 0.074, 0.205, 0.212, 0.041};
    double z[11], p[11];
    int8_t sig[11];
    for (int i = 0; i < 10; i++)
        z[i] = i == 4 ? -z_of(ps[i]) : z_of(ps[i]); /* one low */
    z[10] = NAN;                                   /* outside: not counted in m */
    size_t count;
    assert_int_equal(vg_fdr(z, 11, 0.05, sig, p, &count), VG_OK);
    assert_int_equal(count, 2);
    assert_int_equal(sig[1], 1);
    assert_int_equal(sig[4], -1);
    for (int i = 0; i < 10; i++)
        if (i != 1 && i != 4)
            assert_int_equal(sig[i], 0);
    assert_true(fabs(p[3] - 0.039) < 1e-9);
    assert_true(isnan(p[10]));
    /* step-up: at q = 0.101 the thresholds are k * 0.0101; 0.039 (rank 3) fails its own,
     * but 0.06 <= 0.0606 (rank 6) lets in every rank up to 6 */
    assert_int_equal(vg_fdr(z, 11, 0.101, sig, NULL, &count), VG_OK);
    assert_int_equal(count, 6);
    bool found[11];
    assert_int_equal(vg_bh(p, 11, 0.101, found, &count), VG_OK); /* the same on the p-values */
    assert_int_equal(count, 6);
    assert_true(found[3] && !found[6] && !found[10]);
    assert_int_equal(sig[3], 1);
    assert_int_equal(sig[6], 0); /* 0.074, rank 7 */
}

/* Density, Gi* and FDR with each allocation failed in turn: an error, never a leak. */
static vg_err hotspot_run(const vg_grid *g, const double (*pts)[2], size_t n, double *d, double *z, int8_t *sig)
{
    vg_error err;
    vg_err e = vg_kde_quartic(g, pts, n, 120, NULL, d, &err);
    e = e ? e : vg_getis_ord(g, d, NULL, 1, z, &err);
    return e ? e : vg_fdr(z, g->nx * g->ny, 0.05, sig, NULL, NULL);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    enum { N = 20000 };
    double (*p)[2] = vg_malloc(N * sizeof *p);
    vg_rng rng;
    vg_rng_seed(&rng, 3);
    for (int k = 0; k < N; k++)
        p[k][0] = vg_rng_unit(&rng) * 1000, p[k][1] = vg_rng_unit(&rng) * 1000;
    vg_grid g = {0, 0, 20, 50, 50};
    double d[2500], z[2500];
    int8_t sig[2500];
    int64_t live = vg_alloc_live();
    uint64_t calls0 = vg_alloc_calls();
    assert_int_equal(hotspot_run(&g, (const double (*)[2])p, N, d, z, sig), VG_OK);
    uint64_t per_run = vg_alloc_calls() - calls0;
    for (uint64_t n = 1; n <= per_run + 2; n++) {
        vg_alloc_fail_at(n);
        vg_err e = hotspot_run(&g, (const double (*)[2])p, N, d, z, sig);
        vg_alloc_fail_at(0);
        assert_true(e == VG_OK || e == VG_ERR_NOMEM);
        assert_int_equal(vg_alloc_live(), live);
    }
    vg_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kde_against_brute_force),
        cmocka_unit_test(test_kde_mask_and_errors),
        cmocka_unit_test(test_gi_star_by_hand),
        cmocka_unit_test(test_fdr),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
