/* rng.c - xoshiro256** (Blackman & Vigna) with splitmix64 seeding. */
#include "base/rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void vg_rng_seed(vg_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t vg_rng_next(vg_rng *r)
{
    uint64_t *s = r->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t vg_rng_below(vg_rng *r, uint64_t n)
{
    if (n == 0)
        return 0;
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = vg_rng_next(r);
    while (x >= limit);
    return x % n;
}

double vg_rng_unit(vg_rng *r) { return (double)(vg_rng_next(r) >> 11) * 0x1.0p-53; }

int vg_rng_chance(vg_rng *r, double p) { return vg_rng_unit(r) < p; }

double vg_rng_normal(vg_rng *r)
{
    double u1 = vg_rng_unit(r), u2 = vg_rng_unit(r);
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

double vg_rng_exp(vg_rng *r, double mean) { return -mean * log(1.0 - vg_rng_unit(r)); }

uint64_t vg_rng_poisson(vg_rng *r, double lambda)
{
    if (lambda <= 0)
        return 0;
    if (lambda > 30) {
        double v = lambda + sqrt(lambda) * vg_rng_normal(r) + 0.5;
        return v < 0 ? 0 : (uint64_t)v;
    }
    double l = exp(-lambda), p = 1.0;
    uint64_t k = 0;
    do {
        k++;
        p *= vg_rng_unit(r);
    } while (p > l);
    return k - 1;
}

uint64_t vg_rng_pick_cumulative(vg_rng *r, const double *cum, uint64_t n)
{
    double x = vg_rng_unit(r) * cum[n - 1];
    uint64_t lo = 0, hi = n - 1;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

void vg_rng_fork(const vg_rng *parent, uint64_t tag, vg_rng *child)
{
    uint64_t x = parent->s[0] ^ rotl(parent->s[1], 13) ^ (tag * 0x9e3779b97f4a7c15ULL);
    vg_rng_seed(child, splitmix64(&x) ^ tag);
}
