/* rng.h - a small deterministic pseudo-random generator (xoshiro256**, seeded by
 * splitmix64) so that synthetic data is identical for the same seed on every machine. */
#ifndef VG_RNG_H
#define VG_RNG_H

#include <stdint.h>

typedef struct vg_rng {
    uint64_t s[4];
} vg_rng;

void vg_rng_seed(vg_rng *r, uint64_t seed);
uint64_t vg_rng_next(vg_rng *r);
/* Uniform in [0, n) without modulo bias; n = 0 gives 0. */
uint64_t vg_rng_below(vg_rng *r, uint64_t n);
/* Uniform double in [0, 1). */
double vg_rng_unit(vg_rng *r);
/* True with probability p. */
int vg_rng_chance(vg_rng *r, double p);
/* Standard normal (Box-Muller, one value per call). */
double vg_rng_normal(vg_rng *r);
/* Exponential with the given mean. */
double vg_rng_exp(vg_rng *r, double mean);
/* Poisson with mean lambda (Knuth for small, normal approximation above 30). */
uint64_t vg_rng_poisson(vg_rng *r, double lambda);
/* Index drawn from a table of cumulative weights cum[0..n-1] (non-decreasing, cum[n-1] > 0). */
uint64_t vg_rng_pick_cumulative(vg_rng *r, const double *cum, uint64_t n);
/* A derived, independent stream: same (parent seed, tag) gives the same stream. */
void vg_rng_fork(const vg_rng *parent, uint64_t tag, vg_rng *child);

#endif
