/* trend.h - exceptions in weekly counts: this week against a seasonal baseline with a
 * control limit, so a neighbourhood team sees what is unusually high, not what is
 * merely high every summer.
 *
 * The baseline is the mean of the same week and the two weeks either side of it in each
 * earlier year the series covers (up to three years); with less than a year and two
 * weeks of history, the mean of the preceding weeks (up to twelve). The control limit is
 * that of a c-chart, baseline + 3 sqrt(baseline) (counts are Poisson); the Poisson tail
 * probability of a count at least this high is given too, so that a caller assessing
 * many series at once can control the false-discovery rate over them (vg_bh). */
#ifndef VG_TREND_H
#define VG_TREND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vg_trend {
    int64_t current;
    double baseline;    /* the expected count */
    double upper;       /* the control limit */
    double p;           /* P(X >= current) for X ~ Poisson(baseline) */
    bool seasonal;      /* the baseline is from the same weeks of earlier years */
    int baseline_weeks; /* how many weeks were averaged (0: no history) */
    bool exception;     /* above the limit and at least VG_TREND_MIN_COUNT */
} vg_trend;

#define VG_TREND_MIN_COUNT 3

/* weeks[0..n-1]: weekly counts, oldest first; the last is the week assessed. */
void vg_trend_assess(const int64_t *weeks, size_t n, vg_trend *out);
/* P(X >= k) for X ~ Poisson(lambda). */
double vg_poisson_upper(int64_t k, double lambda);

#endif
