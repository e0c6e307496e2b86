/* match_eval.c - person-resolution accuracy on the synthetic force's ground truth.
 * Builds the match index from the store (as `vigil serve` would), trains the model by
 * EM (unless --no-train), looks every person record up against the others, and scores
 * the predicted same-person pairs against synth_truth at each threshold: precision,
 * recall, and the precision-recall curve.
 * usage: match_eval DB [--no-train] [--sample N] */
#include "base/map.h"
#include "match/index.h"
#include "match/train.h"
#include "rules/briefing.h"
#include "store/store.h"

#include <math.h>
#include <stdint.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static vg_err add_brief(void *ctx, const vg_person_brief *b)
{
    vg_match_index *ix = ctx;
    vg_norm_address a;
    vg_norm_address_fields(b->flat, b->number, b->building, b->street, b->postcode, &a);
    vg_match_person p;
    vg_match_person_prepare(&p, NULL, b->given, b->family, b->dob, b->phone, NULL, &a, b->gender);
    return vg_match_index_add(ix, b->id, &p);
}

typedef struct truth_ctx {
    const vg_match_index *ix;
    const int64_t *truth;
    int64_t maxid;
    double m[VG_MF_COUNT][VG_MATCH_LEVELS], u[VG_MF_COUNT][VG_MATCH_LEVELS];
} truth_ctx;

static void truth_count(void *ctx, uint32_t a, uint32_t b, unsigned rules, const vg_match_cmp *c)
{
    (void)rules;
    truth_ctx *t = ctx;
    int64_t pa = vg_match_index_person(t->ix, a), pb = vg_match_index_person(t->ix, b);
    bool same = pa <= t->maxid && pb <= t->maxid && t->truth[pa] && t->truth[pa] == t->truth[pb];
    static int shown;
    if (same && c->level[VG_MF_GIVEN] == 4 && shown++ < 30) {
        vg_match_person x, y;
        vg_match_index_load(t->ix, a, &x);
        vg_match_index_load(t->ix, b, &y);
        fprintf(stderr, "DIFF-GIVEN [%s|%s] vs [%s|%s] swapped=%d\n", x.given, x.family, y.given, y.family, c->swapped);
    }
    for (int f = 0; f < VG_MF_COUNT; f++)
        if (c->level[f] >= 0)
            (same ? t->m : t->u)[f][c->level[f]] += 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: match_eval DB [--no-train] [--every N]\n");
        return 2;
    }
    bool train = true;
    size_t every = 1;
    const char *model_path = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--no-train") == 0)
            train = false;
        else if (strcmp(argv[i], "--every") == 0 && i + 1 < argc)
            every = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
            model_path = argv[++i];
    }
    vg_store *st;
    vg_error err;
    if (vg_store_open(argv[1], VG_STORE_OPEN_EXISTING, &st, &err)) {
        fprintf(stderr, "%s: %s\n", err.where, err.why);
        return 1;
    }
    vg_match_index *ix;
    if (vg_match_index_new(&ix))
        return 1;
    double t0 = now();
    if (vg_store_persons_brief_each(st, add_brief, ix, &err) || vg_match_index_freeze(ix))
        return 1;
    double t1 = now();
    size_t n = vg_match_index_records(ix);
    fprintf(stderr, "index: %zu records in %.2f s, %.0f bytes per record\n", n, t1 - t0,
            (double)vg_match_index_bytes(ix) / (double)n);
    vg_match_model model;
    vg_match_model_default(&model);
    json_error_t jerr;
    json_t *saved = model_path ? json_load_file(model_path, 0, &jerr) : NULL;
    if (saved) {
        vg_error merr;
        if (vg_match_model_from_json(saved, &model, &merr))
            return 1;
        json_decref(saved);
        train = false;
        fprintf(stderr, "model from %s\n", model_path);
    }
    if (train) {
        vg_match_training tr;
        if (vg_match_train(ix, &model, VG_TRAIN_PAIRS, &tr))
            return 1;
        fprintf(stderr, "EM: %lld random + %lld candidate pairs, %d rounds, %d iterations, prior %.4f (%.2f s)\n",
                (long long)tr.random_pairs, (long long)tr.candidate_pairs, tr.rounds, model.iterations, model.prior, tr.seconds);
        for (int f = 0; f < VG_MF_COUNT; f++) {
            fprintf(stderr, "  %-14s", vg_match_field_name((vg_match_field)f));
            for (int l = 0; l < vg_match_levels((vg_match_field)f); l++)
                fprintf(stderr, " m=%.4f u=%.5f |", model.m[f][l], model.u[f][l]);
            fprintf(stderr, "\n");
        }
        if (model_path) {
            json_t *j = vg_match_model_to_json(&model);
            json_dump_file(j, model_path, JSON_INDENT(1));
            json_decref(j);
        }
    }
    /* truth: person id -> true id */
    sqlite3 *db;
    sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_stmt *q;
    sqlite3_prepare_v2(db, "SELECT record_id, truth_id FROM synth_truth WHERE kind = 'person' ORDER BY record_id", -1, &q, NULL);
    int64_t maxid = 0;
    int64_t *truth = calloc(1 << 24, sizeof *truth);
    while (sqlite3_step(q) == SQLITE_ROW) {
        int64_t r = sqlite3_column_int64(q, 0);
        truth[r] = sqlite3_column_int64(q, 1);
        if (r > maxid)
            maxid = r;
    }
    sqlite3_finalize(q);
    /* true pairs: per true identity, C(records, 2) */
    vg_strmap *cnt;
    if (vg_strmap_new(&cnt))
        return 1;
    for (int64_t r = 1; r <= maxid; r++) {
        int64_t c = 0;
        vg_strmap_get(cnt, (const char *)&truth[r], sizeof truth[r], &c);
        if (vg_strmap_put(cnt, (const char *)&truth[r], sizeof truth[r], c + 1))
            return 1;
    }
    if (getenv("SHOW_M")) { /* the m and u the truth gives, among candidate pairs */
        truth_ctx tc = {ix, truth, maxid, {{0}}, {{0}}};
        if (vg_match_index_pairs(ix, 4, VG_BLOCK_ALL, truth_count, &tc))
            return 1;
        for (int f = 0; f < VG_MF_COUNT; f++) {
            double tm = 0, tu = 0;
            for (int l = 0; l < VG_MATCH_LEVELS; l++)
                tm += tc.m[f][l], tu += tc.u[f][l];
            fprintf(stderr, "  true %-14s", vg_match_field_name((vg_match_field)f));
            for (int l = 0; l < vg_match_levels((vg_match_field)f); l++)
                fprintf(stderr, " m=%.4f u=%.5f |", tc.m[f][l] / tm, tc.u[f][l] / tu);
            fprintf(stderr, "\n");
        }
    }
    if (getenv("SHOW_MISS")) { /* true pairs the index does not find at all */
        int64_t *first = calloc((size_t)maxid + 1, sizeof *first);
        for (uint32_t r = 0; r < n; r++) {
            int64_t pid = vg_match_index_person(ix, r);
            if (pid <= maxid && !first[pid])
                first[pid] = (int64_t)r + 1;
        }
        int shown = 0;
        vg_match_hit hh[2000];
        for (int64_t a = 1; a <= maxid && shown < 20; a += 97)
            for (int64_t b = a + 1; b <= maxid && b < a + 400000 && shown < 20; b++) {
                if (!truth[a] || truth[a] != truth[b] || !first[a] || !first[b])
                    continue;
                vg_match_person pa, pb;
                vg_match_index_load(ix, (uint32_t)(first[a] - 1), &pa);
                vg_match_index_load(ix, (uint32_t)(first[b] - 1), &pb);
                int nh = vg_match_index_query(ix, &model, &pa, (uint32_t)(first[a] - 1), 0.0, hh, 2000);
                bool found = false;
                for (int h = 0; h < nh; h++)
                    found |= hh[h].person_id == b;
                if (!found) {
                    vg_match_cmp c;
                    vg_match_compare(&pa, &pb, &c);
                    fprintf(stderr, "MISS [%s %s dob=%d ph=%llu pc=%u st=%u no=%u] vs [%s %s dob=%d ph=%llu pc=%u st=%u no=%u] lv %d %d %d %d %d\n",
                            pa.given, pa.family, pa.dob, (unsigned long long)pa.phone, pa.postcode, pa.street, pa.number,
                            pb.given, pb.family, pb.dob, (unsigned long long)pb.phone, pb.postcode, pb.street, pb.number,
                            c.level[0], c.level[1], c.level[2], c.level[3], c.level[4]);
                    shown++;
                }
                break;
            }
        free(first);
        return 0;
    }
    /* predicted pairs by person id (several index rows can share a person) */
    /* bins of match weight (log2 odds), half a bit wide, from -20 to +60 */
    enum { BINS = 160 };
    int64_t tp[BINS + 1] = {0}, fp[BINS + 1] = {0};
    /* the pairs at or above the default threshold, counted exactly */
    const double w_default = log2(VG_MATCH_THRESHOLD_DEFAULT / (1 - VG_MATCH_THRESHOLD_DEFAULT));
    int64_t tp_default = 0, fp_default = 0;
    vg_strmap *seen;
    if (vg_strmap_new(&seen))
        return 1;
    static vg_match_hit hits[2000];
    double t2 = now();
    size_t looked = 0;
    for (uint32_t r = 0; r < n; r++) {
        int64_t a = vg_match_index_person(ix, r);
        if (a % (int64_t)every)
            continue; /* a sample of persons, all of their records */
        looked++;
        vg_match_person p;
        vg_match_index_load(ix, r, &p);
        int nh = vg_match_index_query(ix, &model, &p, r, 0.001, hits, 2000);
        for (int h = 0; h < nh; h++) {
            int64_t b = hits[h].person_id;
            if (b == a)
                continue;
            int64_t pair[2] = {a < b ? a : b, a < b ? b : a};
            int64_t best = INT64_MIN; /* the pair's best weight so far, in 1/10000 */
            double w = log2(model.prior / (1 - model.prior));
            for (int f = 0; f < VG_MF_COUNT; f++)
                w += hits[h].contrib[f];
            int bin = (int)floor((w + 20) * 2);
            bin = bin < 0 ? 0 : bin > BINS ? BINS : bin;
            int64_t scaled = (int64_t)floor(w * 10000);
            if (vg_strmap_get(seen, (const char *)pair, sizeof pair, &best) && best >= scaled)
                continue;
            bool same = truth[a] && truth[a] == truth[b];
            static int shown;
            if (getenv("SHOW_FP") && !same && hits[h].probability > 0.999 && shown++ < 25) {
                vg_match_person other;
                vg_match_index_load(ix, hits[h].record, &other);
                fprintf(stderr, "FP p=%.4f: [%s %s dob=%d ph=%llu pc=%u st=%u no=%u] vs [%s %s dob=%d ph=%llu pc=%u st=%u no=%u] levels",
                        hits[h].probability, p.given, p.family, p.dob, (unsigned long long)p.phone, p.postcode, p.street, p.number,
                        other.given, other.family, other.dob, (unsigned long long)other.phone, other.postcode, other.street, other.number);
                for (int f = 0; f < VG_MF_COUNT; f++)
                    fprintf(stderr, " %d(%.1f)", hits[h].cmp.level[f], hits[h].contrib[f]);
                fprintf(stderr, "\n");
            }
            if (best != INT64_MIN) { /* seen with a lower weight: move it up */
                int old = (int)floor(((double)best / 10000 + 20) * 2);
                old = old < 0 ? 0 : old > BINS ? BINS : old;
                if (same)
                    tp[old]--;
                else
                    fp[old]--;
            }
            if (vg_strmap_put(seen, (const char *)pair, sizeof pair, scaled))
                return 1;
            if (same)
                tp[bin]++;
            else
                fp[bin]++;
            if (w >= w_default && (best == INT64_MIN || (double)best / 10000 < w_default)) {
                if (same)
                    tp_default++;
                else
                    fp_default++;
            }
        }
    }
    double t3 = now();
    /* total true pairs among persons */
    int64_t total_true = 0;
    /* true pairs with at least one sampled person: per identity C(c,2) - C(c-s,2) */
    vg_strmap *sampled;
    if (vg_strmap_new(&sampled))
        return 1;
    for (int64_t r = 1; r <= maxid; r++) {
        if (!truth[r] || r % (int64_t)every)
            continue;
        int64_t c = 0;
        vg_strmap_get(sampled, (const char *)&truth[r], sizeof truth[r], &c);
        if (vg_strmap_put(sampled, (const char *)&truth[r], sizeof truth[r], c + 1))
            return 1;
    }
    for (int64_t r = 1; r <= maxid; r++) {
        int64_t c = 0, sn = 0, done = 0;
        if (!truth[r] || !vg_strmap_get(sampled, (const char *)&truth[r], sizeof truth[r], &sn) || sn < 0)
            continue;
        (void)done;
        vg_strmap_get(cnt, (const char *)&truth[r], sizeof truth[r], &c);
        total_true += c * (c - 1) / 2 - (c - sn) * (c - sn - 1) / 2;
        if (vg_strmap_put(sampled, (const char *)&truth[r], sizeof truth[r], -1))
            return 1; /* counted */
    }
    fprintf(stderr, "lookups: %zu in %.2f s (%.1f us each)\n", looked, t3 - t2, (t3 - t2) / (double)looked * 1e6);
    fprintf(stderr, "at the default threshold %g (weight %.2f): precision %.5f, recall %.5f (%lld predicted pairs, %lld true)\n",
            VG_MATCH_THRESHOLD_DEFAULT, w_default,
            tp_default + fp_default ? (double)tp_default / (double)(tp_default + fp_default) : 1.0,
            total_true ? (double)tp_default / (double)total_true : 0.0, (long long)(tp_default + fp_default),
            (long long)tp_default);
    printf("weight,probability,precision,recall,predicted_pairs,true_pairs_found,true_pairs\n");
    int64_t ctp = 0, cfp = 0;
    for (int b = BINS; b >= 0; b--) {
        ctp += tp[b];
        cfp += fp[b];
        if (b % 2 == 0 && b <= 100) {
            double prec = ctp + cfp ? (double)ctp / (double)(ctp + cfp) : 1.0;
            double rec = total_true ? (double)ctp / (double)total_true : 0;
            double w = b / 2.0 - 20;
            printf("%.1f,%.8f,%.5f,%.5f,%lld,%lld,%lld\n", w, exp2(w) / (1 + exp2(w)), prec, rec, (long long)(ctp + cfp), (long long)ctp,
                   (long long)total_true);
        }
    }
    return 0;
}
