/* train.c - model estimation from the index. */
#include "match/train.h"
#include "base/alloc.h"

#include <string.h>
#include <time.h>

typedef struct cmp_list {
    vg_match_cmp *v;
    uint8_t *rules;
    size_t n, cap;
    bool failed;
} cmp_list;

static void collect(void *ctx, uint32_t a, uint32_t b, unsigned rules, const vg_match_cmp *c)
{
    (void)a;
    (void)b;
    cmp_list *l = ctx;
    if (l->failed)
        return;
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 65536;
        vg_match_cmp *v = vg_realloc(l->v, ncap * sizeof *v);
        uint8_t *r = v ? vg_realloc(l->rules, ncap) : NULL;
        if (v)
            l->v = v;
        if (!r) {
            l->failed = true;
            return;
        }
        l->rules = r;
        l->cap = ncap;
    }
    l->rules[l->n] = (uint8_t)rules;
    l->v[l->n++] = *c;
}

static void list_free(cmp_list *l)
{
    vg_free(l->v);
    vg_free(l->rules);
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static void count_pair(void *ctx, uint32_t a, uint32_t b, unsigned rules, const vg_match_cmp *c)
{
    (void)a;
    (void)b;
    (void)rules;
    (void)c;
    (*(size_t *)ctx)++;
}

vg_err vg_match_train(const vg_match_index *ix, vg_match_model *m, size_t max_pairs, vg_match_training *rep)
{
    memset(rep, 0, sizeof *rep);
    double t0 = seconds();
    cmp_list l = {0}, round_pairs = {0};
    vg_match_index_random_pairs(ix, 1000000, 1, collect, &l);
    if (l.failed) {
        list_free(&l);
        return VG_ERR_NOMEM;
    }
    vg_match_estimate_u(m, l.v, l.n);
    rep->random_pairs = (int64_t)l.n;
    /* a pilot over 300 records tells how many candidates a record has */
    size_t n = vg_match_index_records(ix), pilot_every = n / 300 > 1 ? n / 300 : 1, pilot = 0;
    if (vg_match_index_pairs(ix, pilot_every, VG_BLOCK_ALL, count_pair, &pilot)) {
        list_free(&l);
        return VG_ERR_NOMEM;
    }
    double per_record = (double)pilot / (double)((n + pilot_every - 1) / pilot_every);
    size_t every = per_record * (double)n > (double)max_pairs ? (size_t)(per_record * (double)n / (double)max_pairs) : 1;
    /* every candidate pair once, with the rules that found it */
    l.n = 0;
    vg_err e = vg_match_index_pairs(ix, every, VG_BLOCK_ALL, collect, &l);
    if (e || l.failed) {
        list_free(&l);
        return VG_ERR_NOMEM;
    }
    rep->candidate_pairs = (int64_t)l.n;
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
    round_pairs.v = vg_malloc((l.n ? l.n : 1) * sizeof *round_pairs.v);
    if (!round_pairs.v) {
        list_free(&l);
        return VG_ERR_NOMEM;
    }
    for (size_t r = 0; r < sizeof rounds / sizeof rounds[0]; r++) {
        round_pairs.n = 0;
        for (size_t i = 0; i < l.n; i++)
            if (l.rules[i] & rounds[r].rule)
                round_pairs.v[round_pairs.n++] = l.v[i];
        bool use[VG_MF_COUNT];
        for (int f = 0; f < VG_MF_COUNT; f++)
            use[f] = true;
        for (int k = 0; k < rounds[r].nskip; k++)
            use[rounds[r].skip[k]] = false;
        vg_match_model round = start;
        round.prior = 0.3;
        vg_match_em(&round, round_pairs.v, round_pairs.n, use, 100);
        for (int f = 0; f < VG_MF_COUNT; f++)
            if (use[f]) {
                for (int lv = 0; lv < VG_MATCH_LEVELS; lv++)
                    msum[f][lv] += round.m[f][lv];
                mcount[f]++;
            }
        rep->rounds++;
        m->iterations += round.iterations;
    }
    list_free(&round_pairs);
    for (int f = 0; f < VG_MF_COUNT; f++)
        if (mcount[f])
            for (int lv = 0; lv < VG_MATCH_LEVELS; lv++)
                m->m[f][lv] = msum[f][lv] / mcount[f];
    vg_match_model_floor(m);
    /* the prior among candidates of all rules */
    vg_match_estimate_prior(m, l.v, l.n, 200);
    m->pairs = rep->candidate_pairs;
    m->trained = true;
    list_free(&l);
    rep->seconds = seconds() - t0;
    return VG_OK;
}
