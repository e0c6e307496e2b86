/* candidates.h - the persons that may be the one described: the index's hits mapped to
 * their resolved persons, each person once through its best-matching record the reader
 * may see; and the records a briefing about the persons taken draws on. Pure memory:
 * the service says who may see which record, grades the candidates with the rules and
 * persists the call handler's choice. */
#ifndef VG_MATCH_CANDIDATES_H
#define VG_MATCH_CANDIDATES_H

#include "base/err.h"
#include "domain/match.h"
#include "match/index.h"
#include "match/model.h"
#include "match/resolve.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether the reader may see a person record (NULL: every record). */
typedef bool (*vg_record_visible_fn)(void *ctx, int64_t record);

/* Up to max candidates for q, best first, a person once (its records being aliases, or
 * records resolved into it): through its best record the reader may see, so a person
 * whose best record is restricted is still found through the others. band is left
 * VG_BAND_POSSIBLE for the caller to grade; given and family are left empty. */
size_t vg_match_candidates(const vg_match_index *ix, const vg_match_model *m, const vg_match_persons *persons,
                           const vg_match_person *q, vg_record_visible_fn visible, void *ctx, vg_candidate *out,
                           size_t max);

/* The records a briefing about cand[0..n) draws on, each once: the first candidate's
 * person's (taken at or above threshold, or always when first_always: the call handler
 * chose it), then those of every other candidate at or above threshold whose identity
 * agrees with the first (persons resolution kept apart for their dates or sex stay
 * apart here). For each person the record matched first, then its other records the
 * reader may see. Caller frees *ids with vg_free; VG_ERR_NOMEM. */
vg_err vg_match_briefing_records(const vg_match_persons *persons, const vg_candidate *cand, size_t n, double threshold,
                                 bool first_always, vg_record_visible_fn visible, void *ctx, int64_t **ids,
                                 size_t *n_ids) VG_MUST_CHECK;

#endif
