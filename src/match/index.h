/* index.h - the in-memory person index for first contact: every person record reduced to
 * its match features, and blocking keys (phonetic name pairs, name + birth year, phone,
 * postcode + house number, date of birth + initial, street + number) that find the
 * candidates for a query in microseconds. Built in bulk from the store at start, then
 * updated with every write so a record is findable the moment it is saved. */
#ifndef VG_INDEX_H
#define VG_INDEX_H

#include "match/model.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vg_match_index vg_match_index;

/* Caller owns *out; free with vg_match_index_free. */
vg_err vg_match_index_new(vg_match_index **out) VG_MUST_CHECK;
void vg_match_index_free(vg_match_index *ix);

/* Adds a record of person_id. Records added before vg_match_index_freeze are indexed in
 * bulk when it is called; records added after it are findable at once. */
vg_err vg_match_index_add(vg_match_index *ix, int64_t person_id, const vg_match_person *p) VG_MUST_CHECK;
/* Makes room for this many records in all (saves copying while a big index grows). */
vg_err vg_match_index_reserve(vg_match_index *ix, size_t records) VG_MUST_CHECK;
/* Adds n records prepared by fn (called from `threads` worker threads at once, for
 * disjoint i; it must be safe to call concurrently), in the order of i. */
typedef void (*vg_match_prepare_fn)(void *ctx, size_t i, int64_t *person_id, vg_match_person *out);
vg_err vg_match_index_add_parallel(vg_match_index *ix, size_t n, vg_match_prepare_fn fn, void *ctx,
                                   int threads) VG_MUST_CHECK;
/* Sorts the bulk-added keys into the static index (call once, after the bulk load). */
vg_err vg_match_index_freeze(vg_match_index *ix) VG_MUST_CHECK;

size_t vg_match_index_records(const vg_match_index *ix);
/* Bytes held by the index (records, names, keys, term frequencies). */
size_t vg_match_index_bytes(const vg_match_index *ix);
int64_t vg_match_index_person(const vg_match_index *ix, uint32_t record);
/* The record's features, for display or comparison. */
void vg_match_index_load(const vg_match_index *ix, uint32_t record, vg_match_person *out);

typedef struct vg_match_hit {
    int64_t person_id;
    uint32_t record;
    double probability;
    double contrib[VG_MF_COUNT]; /* log2 Bayes factor of each field */
    vg_match_cmp cmp;
} vg_match_hit;

#define VG_MATCH_NO_RECORD UINT32_MAX

/* Scores the candidates the blocking keys of q find and returns up to max hits with a
 * probability of at least min_prob, best first. `exclude` skips one record (a record
 * looked up against the others). */
int vg_match_index_query(const vg_match_index *ix, const vg_match_model *m, const vg_match_person *q, uint32_t exclude,
                         double min_prob, vg_match_hit *hits, int max);

/* The blocking rules, for training one EM round per rule. */
typedef enum vg_block_rule {
    VG_BLOCK_NAMES = 1 << 0,    /* phonetic given + family name pair */
    VG_BLOCK_NAME_YEAR = 1 << 1,/* family name + year and month of birth */
    VG_BLOCK_PHONE = 1 << 2,
    VG_BLOCK_POSTCODE = 1 << 3, /* postcode + house number */
    VG_BLOCK_DOB = 1 << 4,      /* date of birth + an initial (and with day and month swapped) */
    VG_BLOCK_STREET = 1 << 5,   /* street + house number */
    VG_BLOCK_NAME_DAY = 1 << 6, /* family name + day and month of birth */
    VG_BLOCK_ALL = 0x7f
} vg_block_rule;

/* Comparison vectors of candidate pairs for training: for every `every`-th record, each
 * candidate that the given rules find (each pair once), with the rules that found it
 * (0 for random pairs). */
typedef void (*vg_match_pair_fn)(void *ctx, uint32_t a, uint32_t b, unsigned rules, const vg_match_cmp *cmp);
vg_err vg_match_index_pairs(const vg_match_index *ix, size_t every, unsigned rules, vg_match_pair_fn fn,
                            void *ctx) VG_MUST_CHECK;

/* Comparison vectors of n random record pairs (for u), deterministic for the seed. */
void vg_match_index_random_pairs(const vg_match_index *ix, size_t n, uint64_t seed, vg_match_pair_fn fn, void *ctx);

/* Term frequencies (share of records with this exact name). */
vg_match_tf vg_match_index_tf(const vg_match_index *ix, const vg_match_person *p);

#endif
