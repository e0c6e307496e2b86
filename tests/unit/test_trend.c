/* test_trend.c - weekly exceptions: the baseline from the preceding weeks or from the
 * same weeks of earlier years, the c-chart limit, and the Poisson tail. */
#include "testutil.h"

#include "analysis/trend.h"

#include <math.h>

static void test_poisson_upper(void **state)
{
    (void)state;
    /* P(X >= 1) = 1 - e^-2; P(X >= 3) for lambda 2 = 1 - 5 e^-2 */
    assert_true(fabs(vg_poisson_upper(1, 2) - (1 - exp(-2))) < 1e-12);
    assert_true(fabs(vg_poisson_upper(3, 2) - (1 - 5 * exp(-2))) < 1e-12);
    assert_true(vg_poisson_upper(0, 3) == 1);
    assert_true(vg_poisson_upper(40, 2) < 1e-20);
}

static void test_recent_baseline(void **state)
{
    (void)state;
    /* twelve weeks of 4, then 13: baseline 4, limit 4 + 3 * 2 = 10 */
    int64_t w[13];
    for (int i = 0; i < 12; i++)
        w[i] = 4;
    w[12] = 13;
    vg_trend t;
    vg_trend_assess(w, 13, &t);
    assert_false(t.seasonal);
    assert_int_equal(t.baseline_weeks, 12);
    assert_true(fabs(t.baseline - 4) < 1e-12 && fabs(t.upper - 10) < 1e-12);
    assert_true(t.exception);
    w[12] = 10; /* at the limit is not above it */
    vg_trend_assess(w, 13, &t);
    assert_false(t.exception);
    /* a quiet series: 2 against nothing is not an exception (too few), 3 is */
    int64_t q[5] = {0, 0, 0, 0, 2};
    vg_trend_assess(q, 5, &t);
    assert_false(t.exception);
    q[4] = 3;
    vg_trend_assess(q, 5, &t);
    assert_true(t.exception); /* floor 0.5: limit 0.5 + 3 sqrt(0.5) = 2.62 */
}

static void test_seasonal_baseline(void **state)
{
    (void)state;
    /* two years and three weeks: the weeks around the current one a year and two years
     * earlier run at 20 (summer), the rest at 5; the current week's 24 is ordinary for
     * summer */
    int64_t w[107];
    for (int i = 0; i < 107; i++)
        w[i] = 5;
    size_t cur = 106;
    for (size_t k = cur - 54; k <= cur - 50; k++)
        w[k] = 20;
    for (size_t k = cur - 106; k <= cur - 102; k++)
        w[k] = 20;
    w[cur] = 24;
    vg_trend t;
    vg_trend_assess(w, 107, &t);
    assert_true(t.seasonal);
    assert_int_equal(t.baseline_weeks, 10);
    assert_true(fabs(t.baseline - 20) < 1e-12);
    assert_false(t.exception); /* limit 20 + 3 sqrt(20) = 33.4 */
    /* the same count against the last twelve weeks (5) would have been one */
    vg_trend_assess(w + 94, 13, &t);
    assert_false(t.seasonal);
    assert_true(t.exception);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_poisson_upper),
        cmocka_unit_test(test_recent_baseline),
        cmocka_unit_test(test_seasonal_baseline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
