/* train.h - estimating the match model from the records themselves: u from random pairs,
 * m by one EM round per blocking rule (leaving out the fields the rule blocks on, as
 * Splink does), and the prior over all candidate pairs. */
#ifndef VG_TRAIN_H
#define VG_TRAIN_H

#include "match/index.h"

typedef struct vg_match_training {
    int64_t random_pairs, candidate_pairs;
    int rounds;
    double seconds;
} vg_match_training;

/* About this many candidate pairs are enough for EM: the records whose candidates are
 * used are spread evenly over the index, as many as give this many pairs. */
#define VG_TRAIN_PAIRS 6000000

/* Trains m (starting from its current values) on about max_pairs candidate pairs. */
vg_err vg_match_train(const vg_match_index *ix, vg_match_model *m, size_t max_pairs,
                      vg_match_training *report) VG_MUST_CHECK;

#endif
