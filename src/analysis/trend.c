/* trend.c - weekly exceptions against a seasonal baseline (see trend.h). */
#include "analysis/trend.h"

#include <math.h>
#include <string.h>

double vg_poisson_upper(int64_t k, double lambda)
{
    if (k <= 0)
        return 1;
    if (lambda <= 0)
        return 0;
    /* 1 - P(X <= k - 1), the terms summed in log space from the largest down */
    double sum = 0, log_term = -lambda; /* log P(X = 0) */
    for (int64_t i = 0; i < k; i++) {
        if (i > 0)
            log_term += log(lambda) - log((double)i);
        sum += exp(log_term);
    }
    double p = 1 - sum;
    return p < 0 ? 0 : p;
}

void vg_trend_assess(const int64_t *weeks, size_t n, vg_trend *out)
{
    memset(out, 0, sizeof *out);
    if (!n)
        return;
    size_t cur = n - 1;
    out->current = weeks[cur];
    double sum = 0;
    int used = 0;
    if (cur >= 54) { /* a year and two weeks of history: the same weeks of earlier years */
        for (size_t y = 1; y <= 3 && cur >= 52 * y + 2; y++)
            for (size_t k = cur - 52 * y - 2; k <= cur - 52 * y + 2; k++) { /* the week and two either side */
                sum += (double)weeks[k];
                used++;
            }
        out->seasonal = true;
    } else {
        for (size_t k = cur >= 12 ? cur - 12 : 0; k < cur; k++) {
            sum += (double)weeks[k];
            used++;
        }
    }
    out->baseline_weeks = used;
    out->baseline = used ? sum / used : 0;
    double lambda = out->baseline < 0.5 ? 0.5 : out->baseline; /* a floor: a quiet series is not flat zero */
    out->upper = lambda + 3 * sqrt(lambda);
    out->p = vg_poisson_upper(out->current, lambda);
    out->exception = used > 0 && (double)out->current > out->upper && out->current >= VG_TREND_MIN_COUNT;
}
