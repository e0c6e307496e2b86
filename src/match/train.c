/* train.c - model estimation from the index. */
#include "match/train.h"
#include "base/alloc.h"

#include <string.h>
#include <time.h>

typedef struct cmp_list {
    vg_match_cmp *v;
    size_t n, cap;
    bool failed;
} cmp_list;

static void collect(void *ctx, uint32_t a, uint32_t b, const vg_match_cmp *c)
{
    (void)a;
    (void)b;
    cmp_list *l = ctx;
    if (l->failed)
        return;
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 65536;
        vg_match_cmp *v = vg_realloc(l->v, ncap * sizeof *v);
        if (!v) {
            l->failed = true;
            return;
        }
        l->v = v;
        l->cap = ncap;
    }
    l->v[l->n++] = *c;
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

vg_err vg_match_train(const vg_match_index *ix, vg_match_model *m, size_t every, vg_match_training *rep)
{
    memset(rep, 0, sizeof *rep);
    double t0 = seconds();
    cmp_list l = {0};
    vg_match_index_random_pairs(ix, 1000000, 1, collect, &l);
    if (l.failed) {
        vg_free(l.v);
        return VG_ERR_NOMEM;
    }
    vg_match_estimate_u(m, l.v, l.n);
    rep->random_pairs = (int64_t)l.n;
    /* one EM round per blocking rule, without the fields of that rule */
    static const struct {
        unsigned rule;
        vg_match_field skip[2];
        int nskip;
    } rounds[] = {
        {VG_BLOCK_PHONE, {VG_MF_PHONE}, 1},
        {VG_BLOCK_DOB, {VG_MF_DOB}, 1},
        {VG_BLOCK_NAMES, {VG_MF_FAMILY, VG_MF_GIVEN}, 2},
        /* No round blocked on the address: the candidates there are mostly households
         * (the same family name and address, different people), and EM takes the
         * household for the match class, teaching the model that a different given name
         * is common among matches. */
    };
    double msum[VG_MF_COUNT][VG_MATCH_LEVELS] = {{0}};
    int mcount[VG_MF_COUNT] = {0};
    vg_match_model start = *m;
    for (size_t r = 0; r < sizeof rounds / sizeof rounds[0]; r++) {
        l.n = 0;
        vg_err e = vg_match_index_pairs(ix, every, rounds[r].rule, collect, &l);
        if (e || l.failed) {
            vg_free(l.v);
            return VG_ERR_NOMEM;
        }
        bool use[VG_MF_COUNT];
        for (int f = 0; f < VG_MF_COUNT; f++)
            use[f] = true;
        for (int k = 0; k < rounds[r].nskip; k++)
            use[rounds[r].skip[k]] = false;
        vg_match_model round = start;
        round.prior = 0.3;
        vg_match_em(&round, l.v, l.n, use, 100);
        for (int f = 0; f < VG_MF_COUNT; f++)
            if (use[f]) {
                for (int lv = 0; lv < VG_MATCH_LEVELS; lv++)
                    msum[f][lv] += round.m[f][lv];
                mcount[f]++;
            }
        rep->candidate_pairs += (int64_t)l.n;
        rep->rounds++;
        m->iterations += round.iterations;
    }
    for (int f = 0; f < VG_MF_COUNT; f++)
        if (mcount[f])
            for (int lv = 0; lv < VG_MATCH_LEVELS; lv++)
                m->m[f][lv] = msum[f][lv] / mcount[f];
    vg_match_model_floor(m);
    /* the prior among candidates of all rules */
    l.n = 0;
    vg_err e = vg_match_index_pairs(ix, every, VG_BLOCK_ALL, collect, &l);
    if (e || l.failed) {
        vg_free(l.v);
        return VG_ERR_NOMEM;
    }
    vg_match_estimate_prior(m, l.v, l.n, 200);
    m->pairs = rep->candidate_pairs + (int64_t)l.n;
    m->trained = true;
    vg_free(l.v);
    rep->seconds = seconds() - t0;
    return VG_OK;
}
