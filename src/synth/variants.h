/* variants.h - the spelling variants real person records have (typos, nicknames,
 * transposed dates, re-formatted phone numbers and addresses), and a generator of
 * fictional person records with their true identities, in memory: the people of the
 * synthetic force without the force, for benchmarks at sizes (10 million records) that
 * the store-backed generator would take hours to write. */
#ifndef VG_SYNTH_VARIANTS_H
#define VG_SYNTH_VARIANTS_H

#include "base/err.h"
#include "base/rng.h"
#include "base/time.h"
#include "domain/pole.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One typing error in s (substitution, transposition, deletion or a doubled letter);
 * s must have room for 64 bytes. */
void vg_synth_typo(vg_rng *r, char *s);
/* Another name of the same nickname group (William -> Bill), or a typo if none. */
void vg_synth_nickname(vg_rng *r, char *given, size_t n);
/* The date of birth as a record might hold it: day and month transposed, a digit wrong,
 * or not given. */
vg_date vg_synth_dob_variant(vg_rng *r, vg_date dob);
/* A UK number (10 national digits) written as people write it. */
void vg_synth_format_phone(vg_rng *r, uint64_t national, bool variant, char *buf, size_t n);

typedef struct vg_synth_person_rec {
    uint32_t truth; /* the true person, from 1 */
    char given[96], family[96];
    vg_date dob;    /* VG_DATE_NONE if not given */
    vg_gender gender;
    char phone[32]; /* "" if not given */
    char address[96], postcode[9];
} vg_synth_person_rec;

typedef struct vg_synth_people vg_synth_people;

/* Caller owns *out (free with vg_synth_people_free). */
vg_err vg_synth_people_new(uint64_t seed, vg_synth_people **out) VG_MUST_CHECK;
void vg_synth_people_free(vg_synth_people *g);
/* A new person's first record; the first record is written as registered. */
vg_err vg_synth_people_add(vg_synth_people *g, vg_synth_person_rec *out) VG_MUST_CHECK;
/* Another record of an existing person (1 <= truth <= persons), with 1 or 2 changes. */
void vg_synth_people_variant(vg_synth_people *g, uint32_t truth, vg_synth_person_rec *out);
uint32_t vg_synth_people_count(const vg_synth_people *g);

#endif
