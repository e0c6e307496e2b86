/* resolve_eval.c - resolved persons scored on the synthetic force's ground truth.
 * Builds the match index from the store (as `vigil serve` would), takes the model saved
 * by `vigil match train` (else the defaults), clusters every record into persons
 * (vg_match_resolve, the code `vigil match resolve` runs) and scores the person records'
 * clusters against synth_truth: pairwise precision and recall, B-cubed F1, time and
 * peak memory.
 * With --labels FILE it scores a clustering made elsewhere instead (CSV lines
 * record_id,person_id, as `vigil match clusters --format csv` writes or a peer's), with
 * the same code, so two clusterings of the same records are scored alike.
 * usage: resolve_eval DB [--threshold P] [--threads N] [--labels FILE] */
#include "match/resolve.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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

/* The truth of every person record (0 where none), indexed by record id up to *maxid. */
static int64_t *read_truth(const char *path, int64_t *maxid)
{
    sqlite3 *db;
    sqlite3_stmt *q;
    *maxid = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT max(id) FROM person", -1, &q, NULL) != SQLITE_OK)
        return NULL;
    if (sqlite3_step(q) == SQLITE_ROW)
        *maxid = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    int64_t *truth = calloc((size_t)*maxid + 1, sizeof *truth);
    if (truth && sqlite3_prepare_v2(db, "SELECT record_id, truth_id FROM synth_truth WHERE kind = 'person'", -1, &q,
                                    NULL) == SQLITE_OK) {
        while (sqlite3_step(q) == SQLITE_ROW) {
            int64_t r = sqlite3_column_int64(q, 0);
            if (r > 0 && r <= *maxid)
                truth[r] = sqlite3_column_int64(q, 1);
        }
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return truth;
}

static int print_score(const int64_t *pred, const int64_t *truth, size_t k)
{
    vg_cluster_score sc;
    if (vg_match_cluster_score(pred, truth, k, &sc))
        return 1;
    printf("pairs: true %lld, predicted %lld, correct %lld\n", (long long)sc.true_pairs, (long long)sc.predicted_pairs,
           (long long)sc.correct_pairs);
    printf("pairwise precision %.5f recall %.5f; B-cubed precision %.5f recall %.5f F1 %.5f\n", sc.pair_precision,
           sc.pair_recall, sc.bcubed_precision, sc.bcubed_recall, sc.bcubed_f1);
    return 0;
}

static int score_labels(const char *dbpath, const char *path)
{
    int64_t maxid;
    int64_t *truth = read_truth(dbpath, &maxid), *label = calloc((size_t)maxid + 1, sizeof *label);
    FILE *f = fopen(path, "r");
    if (!truth || !label || !f) {
        fprintf(stderr, "resolve_eval: cannot read %s or the truth\n", path);
        return 1;
    }
    char line[256];
    size_t rows = 0;
    while (fgets(line, sizeof line, f)) {
        char *end;
        long long r = strtoll(line, &end, 10);
        if (end == line || r <= 0 || r > maxid)
            continue; /* a header */
        char *comma = strrchr(line, ',');
        if (!comma)
            continue;
        label[r] = strtoll(comma + 1, NULL, 10);
        rows++;
    }
    fclose(f);
    size_t k = 0;
    for (int64_t id = 1; id <= maxid; id++)
        if (label[id] && truth[id]) {
            label[k] = label[id];
            truth[k] = truth[id];
            k++;
        }
    printf("%s: %zu records labelled, %zu scored\n", path, rows, k);
    int rc = print_score(label, truth, k);
    free(truth);
    free(label);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: resolve_eval DB [--threshold P] [--threads N]\n");
        return 2;
    }
    double threshold = 0.99998;
    int threads = 2;
    const char *labels = NULL;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--threshold") == 0)
            threshold = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--threads") == 0)
            threads = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--labels") == 0)
            labels = argv[i + 1];
    }
    if (labels)
        return score_labels(argv[1], labels);
    vg_store *st;
    vg_error err;
    if (vg_store_open(argv[1], VG_STORE_OPEN_EXISTING, &st, &err)) {
        fprintf(stderr, "%s: %s\n", err.where, err.why);
        return 1;
    }
    vg_match_model model;
    vg_match_model_default(&model);
    char *saved = NULL;
    size_t cap = 1 << 16;
    saved = malloc(cap);
    if (saved && vg_store_setting_get(st, "match.model", saved, cap, &err) == VG_OK) {
        json_t *j = json_loads(saved, 0, NULL);
        if (!j || vg_match_model_from_json(j, &model, &err)) {
            fprintf(stderr, "match.model: unreadable\n");
            return 1;
        }
        json_decref(j);
        fprintf(stderr, "model: the trained one (match.model)\n");
    } else
        fprintf(stderr, "model: the defaults (run vigil match train first for the trained one)\n");
    free(saved);
    vg_match_index *ix;
    if (vg_match_index_new(&ix))
        return 1;
    double t0 = now();
    if (vg_store_persons_brief_each(st, add_brief, ix, &err) || vg_match_index_freeze(ix))
        return 1;
    size_t n = vg_match_index_records(ix);
    fprintf(stderr, "index: %zu records in %.2f s\n", n, now() - t0);
    int64_t *resolved = malloc(n * sizeof *resolved);
    vg_resolve_stats rs;
    if (!resolved || vg_match_resolve(ix, &model, threshold, threads, resolved, &rs))
        return 1;
    /* one label per person record (its aliases share it) */
    int64_t maxid;
    int64_t *truth = read_truth(argv[1], &maxid), *pred = calloc((size_t)maxid + 1, sizeof *pred);
    if (!truth || !pred)
        return 1;
    for (size_t r = 0; r < n; r++) {
        int64_t id = vg_match_index_person(ix, (uint32_t)r);
        if (id > 0 && id <= maxid)
            pred[id] = resolved[r];
    }
    size_t k = 0;
    for (int64_t id = 1; id <= maxid; id++)
        if (pred[id] && truth[id]) {
            pred[k] = pred[id];
            truth[k] = truth[id];
            k++;
        }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("records %zu, person records scored %zu, resolved persons %zu (largest %zu records)\n", rs.records, k,
           rs.persons, rs.largest);
    printf("edges %zu, merges %zu, refused for conflicting identifiers %zu\n", rs.edges, rs.merges, rs.refused);
    printf("threshold %.6f, threads %d: resolved in %.2f s; peak memory of this process %.0f MiB\n", threshold, threads,
           rs.seconds, (double)ru.ru_maxrss / 1024.0);
    if (print_score(pred, truth, k))
        return 1;
    free(truth);
    free(pred);
    free(resolved);
    vg_match_index_free(ix);
    vg_store_close(st);
    return 0;
}
