/* resolve.h - resolved persons: the records of the match index clustered into the people
 * they are. Every record pair the model scores at or above the threshold is an edge;
 * edges are taken strongest first and join two clusters only when no record of one
 * conflicts with a record of the other on a strong identifier (dates of birth that no
 * typing mistake or day/month swap explains, different recorded sex), so a record that
 * resembles two people does not chain them together. Also the scores of a clustering
 * against a known truth (pairwise and B-cubed precision and recall). */
#ifndef VG_RESOLVE_H
#define VG_RESOLVE_H

#include "match/index.h"

#include <stddef.h>
#include <stdint.h>

/* At most this many candidates of each record become edges (the strongest). */
#define VG_RESOLVE_MAX_EDGES 16

typedef struct vg_resolve_stats {
    size_t records;    /* index records (a person record and each of its aliases) */
    size_t persons;    /* resolved persons */
    size_t edges;      /* record pairs at or above the threshold (each direction) */
    size_t merges;     /* edges that joined two clusters */
    size_t refused;    /* edges between clusters whose identifiers conflict */
    size_t largest;    /* records in the largest person */
    double seconds;
} vg_resolve_stats;

/* Clusters the index's records with `threads` worker threads (1 to 8; the result does
 * not depend on it). resolved[r] (n = vg_match_index_records) gets the resolved
 * person of record r: the smallest person record id among its records, so an id stays
 * the same while that record stays in the person. The records of one person record
 * (its aliases) are always one person. */
vg_err vg_match_resolve(const vg_match_index *ix, const vg_match_model *m, double threshold, int threads,
                        int64_t *resolved, vg_resolve_stats *st) VG_MUST_CHECK;

/* ---- the persons in memory: which person a record belongs to, and a person's records */

typedef struct vg_match_persons vg_match_persons;

/* Caller owns *out; free with vg_match_persons_free. Empty: every record its own person. */
vg_err vg_match_persons_new(vg_match_persons **out) VG_MUST_CHECK;
void vg_match_persons_free(vg_match_persons *p);
/* Notes that a record belongs to another record's person (record != person); findable
 * once vg_match_persons_freeze has sorted what was added. */
vg_err vg_match_persons_add(vg_match_persons *p, int64_t record, int64_t person) VG_MUST_CHECK;
vg_err vg_match_persons_freeze(vg_match_persons *p) VG_MUST_CHECK;
/* The person a record belongs to (the record's own id if none other). */
int64_t vg_match_persons_of(const vg_match_persons *p, int64_t record);
/* A person's records, the person's own id first, at most max of them in out; returns
 * how many it has in all. */
size_t vg_match_persons_records(const vg_match_persons *p, int64_t person, int64_t *out, size_t max);

/* A person's decision about two person records: the same person (always together, whatever
 * the model or the identifiers say) or not (never in one person). */
typedef struct vg_match_link {
    int64_t a, b;
    bool same;
} vg_match_link;

/* A pair of records in two persons that the model scores between the review threshold and
 * the match threshold: for a person to decide. a < b. */
typedef struct vg_review_pair {
    int64_t a, b;
    double probability;
} vg_review_pair;

typedef struct vg_resolve_input {
    double threshold;        /* record pairs at or above it are one person (unless they conflict) */
    double review_threshold; /* pairs from it to the threshold, left in two persons, are for review (0: none) */
    int threads;
    const vg_match_link *links; /* decisions, honoured before and over the model */
    size_t n_links;
    const int64_t *subset; /* NULL: every record; else the person record ids (sorted) to cluster among themselves */
    size_t n_subset;
} vg_resolve_input;

/* vg_match_resolve with decisions, a subset and the pairs for review: resolved[r] is -1 for
 * records outside the subset. *review (caller owns; free with vg_free) gets the pairs,
 * each once, strongest first. */
vg_err vg_match_resolve_with(const vg_match_index *ix, const vg_match_model *m, const vg_resolve_input *in,
                             int64_t *resolved, vg_resolve_stats *st, vg_review_pair **review,
                             size_t *n_review) VG_MUST_CHECK;

/* Whether two records may be the same person at all (no conflicting identifier). */
bool vg_match_identity_agrees(vg_date dob_a, uint8_t gender_a, vg_date dob_b, uint8_t gender_b);

typedef struct vg_cluster_score {
    size_t items;
    int64_t true_pairs, predicted_pairs, correct_pairs;
    double pair_precision, pair_recall;
    double bcubed_precision, bcubed_recall, bcubed_f1;
} vg_cluster_score;

/* Scores predicted cluster labels against true ones (n items, any int64 labels). */
vg_err vg_match_cluster_score(const int64_t *predicted, const int64_t *truth, size_t n,
                              vg_cluster_score *out) VG_MUST_CHECK;

#endif
