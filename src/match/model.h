/* model.h - the Fellegi-Sunter model of whether two person records are the same person:
 * for each field a comparison level (exact, nickname, phonetic, typo, transposed date...),
 * with m = P(level | same person) and u = P(level | different people); a record pair's
 * weight is the sum of log2(m/u) over the fields, plus the prior odds, giving a match
 * probability and each field's contribution (the explanation users see). m, u and the
 * prior are estimated from the data by expectation-maximisation. */
#ifndef VG_MODEL_H
#define VG_MODEL_H

#include "base/err.h"
#include "base/time.h"
#include "domain/match.h"
#include "domain/pole.h"
#include "match/normalise.h"
#include "match/phonetic.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#define VG_MATCH_LEVELS 6

typedef struct vg_match_model {
    double prior; /* P(same person) for a candidate pair */
    double m[VG_MF_COUNT][VG_MATCH_LEVELS];
    double u[VG_MF_COUNT][VG_MATCH_LEVELS];
    bool trained;
    int64_t pairs; /* pairs the estimate used */
    int iterations;
} vg_match_model;

/* Documented starting values (used until the model is trained on the store). */
void vg_match_model_default(vg_match_model *m);
int vg_match_levels(vg_match_field f);
const char *vg_match_field_name(vg_match_field f);   /* "family_name", ... */
const char *vg_match_level_name(vg_match_field f, int level); /* "exact", "nickname", ... */

/* A person reduced to what the comparison needs. */
typedef struct vg_match_person {
    char family[VG_NAME_MAX];
    char given[VG_NAME_MAX]; /* first given name */
    uint32_t family_dm[2], given_dm[2]; /* Double Metaphone keys, packed */
    uint32_t given_group;    /* nickname group + 1, 0 if none */
    vg_date dob;             /* VG_DATE_NONE if unknown */
    uint64_t phone;          /* E.164 digits as a number, 0 if none */
    uint32_t postcode, street, number, flat; /* hashes of the normalised parts, 0 if none */
    uint8_t gender;          /* vg_gender */
} vg_match_person;

/* Prepares a person from raw values (any may be NULL): a whole name or separate given
 * and family names, date of birth, phone and a free-text address or a normalised one. */
void vg_match_person_prepare(vg_match_person *p, const char *whole_name, const char *given, const char *family,
                             vg_date dob, const char *phone, const char *address_text,
                             const vg_norm_address *address, vg_gender gender);
uint32_t vg_dm_pack(const char code[VG_DM_LEN + 1]);
uint32_t vg_hash32(const char *s);

typedef struct vg_match_cmp {
    int8_t level[VG_MF_COUNT]; /* VG_LEVEL_MISSING where either side lacks the field */
    bool swapped;              /* given and family names were the other way round */
} vg_match_cmp;

/* The comparison level of two dates of birth: 0 exact, 1 day and month transposed, 2 one
 * digit different (YYYYMMDD), 3 same year, 4 different; VG_LEVEL_MISSING if either is
 * unknown. */
#define VG_DOB_TYPO 2 /* the last level a typing mistake explains */
int vg_match_dob_level(vg_date a, vg_date b);

/* The evidence of a comparison in words, agreements first, "; " between:
 * "same date of birth; family name sounds the same; different phone". */
void vg_match_evidence(const int8_t level[VG_MF_COUNT], char *out, size_t n);

/* Compares two people field by field (trying given and family names swapped too). */
void vg_match_compare(const vg_match_person *a, const vg_match_person *b, vg_match_cmp *out);

/* Term-frequency adjustment: for an exact name match the u probability is the share of
 * records with that name (a match on Smith counts for less than on Okonkwo), smoothed
 * towards the model's u by VG_TF_PSEUDO pseudo-records so that a small store does not
 * make every name look common. Pass NULL (or records 0) to use the model's u. */
#define VG_TF_PSEUDO 1000.0
typedef struct vg_match_tf {
    double family_count, given_count; /* records with this family / given name */
    double records;                   /* records in all */
} vg_match_tf;

/* Match probability; contrib (if given) gets each field's log2 Bayes factor. */
double vg_match_score(const vg_match_model *m, const vg_match_cmp *c, const vg_match_tf *tf,
                      double contrib[VG_MF_COUNT]);

/* u from comparison vectors of random record pairs (almost all different people):
 * the share of each level, smoothed. */
void vg_match_estimate_u(vg_match_model *m, const vg_match_cmp *pairs, size_t n);
/* Expectation-maximisation over comparison vectors of pairs found by one blocking rule:
 * estimates m of the fields marked in `use` (and a prior for this round), with u held at
 * its estimate from random pairs. The fields the blocking rule is made of must be left
 * out (they always agree within the rule, so they carry no information about the match
 * class); the caller runs one round per rule and combines the m estimates. Conditional
 * independence of fields is assumed. Returns the round's prior. */
double vg_match_em(vg_match_model *m, const vg_match_cmp *pairs, size_t n, const bool use[VG_MF_COUNT],
                   int max_iterations);
/* Keeps every m at or above a floor and renormalises: what the store never shows can
 * still happen (people change phone numbers and move house), so no single field can
 * veto a match on its own. The floors are VG_MATCH_M_FLOOR, and VG_MATCH_M_FLOOR_CHANGE
 * for a different phone or address. */
#define VG_MATCH_M_FLOOR 0.002
#define VG_MATCH_M_FLOOR_CHANGE 0.02
void vg_match_model_floor(vg_match_model *m);
/* The share of matches among pairs, with m and u fixed (EM on the prior alone). */
void vg_match_estimate_prior(vg_match_model *m, const vg_match_cmp *pairs, size_t n, int max_iterations);

/* JSON for saving the model; NULL on out of memory. */
json_t *vg_match_model_to_json(const vg_match_model *m);
vg_err vg_match_model_from_json(const json_t *j, vg_match_model *m, vg_error *err) VG_MUST_CHECK;

#endif
