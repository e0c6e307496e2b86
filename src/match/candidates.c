/* candidates.c - candidates per person, and the records a briefing draws on. */
#include "match/candidates.h"
#include "base/alloc.h"

#include <string.h>

size_t vg_match_candidates(const vg_match_index *ix, const vg_match_model *m, const vg_match_persons *persons,
                           const vg_match_person *q, vg_record_visible_fn visible, void *ctx, vg_candidate *out,
                           size_t max)
{
    enum { HITS = 64 };
    vg_match_hit hits[HITS];
    int nh = vg_match_index_query(ix, m, q, VG_MATCH_NO_RECORD, 0.001, hits, HITS);
    size_t n = 0;
    for (int i = 0; i < nh && n < max; i++) {
        if (visible && !visible(ctx, hits[i].person_id))
            continue;
        int64_t person = vg_match_persons_of(persons, hits[i].person_id);
        bool dup = false;
        for (size_t k = 0; k < n && !dup; k++)
            dup = out[k].resolved_id == person;
        if (dup)
            continue;
        vg_candidate *cd = &out[n++];
        memset(cd, 0, sizeof *cd);
        cd->person_id = hits[i].person_id;
        cd->resolved_id = person;
        cd->n_records = (int)vg_match_persons_records(persons, person, NULL, 0);
        cd->probability = hits[i].probability;
        cd->band = VG_BAND_POSSIBLE;
        memcpy(cd->level, hits[i].cmp.level, sizeof cd->level);
        memcpy(cd->contrib, hits[i].contrib, sizeof cd->contrib);
        vg_match_person rec;
        vg_match_index_load(ix, hits[i].record, &rec);
        cd->dob = rec.dob;
        cd->gender = rec.gender;
    }
    return n;
}

static bool taken(const vg_candidate *cand, size_t i, double threshold, bool first_always)
{
    if (i == 0)
        return cand[0].probability >= threshold || first_always;
    return cand[i].probability >= threshold &&
           vg_match_identity_agrees(cand[0].dob, cand[0].gender, cand[i].dob, cand[i].gender);
}

vg_err vg_match_briefing_records(const vg_match_persons *persons, const vg_candidate *cand, size_t n, double threshold,
                                 bool first_always, vg_record_visible_fn visible, void *ctx, int64_t **ids,
                                 size_t *n_ids)
{
    *ids = NULL;
    *n_ids = 0;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        if (taken(cand, i, threshold, first_always))
            total += vg_match_persons_records(persons, cand[i].resolved_id, NULL, 0);
    int64_t *v = vg_malloc((2 * total + 1) * sizeof *v), *scratch = v + total + 1;
    if (!v)
        return VG_ERR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!taken(cand, i, threshold, first_always))
            continue;
        size_t m = vg_match_persons_records(persons, cand[i].resolved_id, scratch, total);
        for (size_t j = 0; j <= m && j <= total; j++) {
            int64_t r = j == 0 ? cand[i].person_id : scratch[j - 1]; /* the record matched first */
            bool dup = false;
            for (size_t x = 0; x < k && !dup; x++)
                dup = v[x] == r;
            if (!dup && k < total && (j == 0 || !visible || visible(ctx, r)))
                v[k++] = r;
        }
    }
    *ids = v;
    *n_ids = k;
    return VG_OK;
}
