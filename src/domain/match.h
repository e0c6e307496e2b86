/* match.h - the result types of person matching that several layers share: the fields
 * compared, how sure a candidate is in words, and a candidate (match/ finds them,
 * rules/ grades them, service/ and io/ show them). */
#ifndef VG_DOMAIN_MATCH_H
#define VG_DOMAIN_MATCH_H

#include "base/time.h"
#include "domain/pole.h"

#include <stdint.h>

#define VG_NAME_MAX 96 /* a name part, folded (bytes with the NUL) */

/* The fields a person record is compared on. */
typedef enum vg_match_field {
    VG_MF_FAMILY, VG_MF_GIVEN, VG_MF_DOB, VG_MF_PHONE, VG_MF_ADDRESS, VG_MF_GENDER, VG_MF_COUNT
} vg_match_field;

#define VG_LEVEL_MISSING (-1) /* a comparison level where either side lacks the field */

/* How sure a candidate is, in words: certain (at or above the match threshold: the call
 * is attached to it), probable (at or above match.probable_threshold), possible. */
typedef enum vg_match_band { VG_BAND_CERTAIN, VG_BAND_PROBABLE, VG_BAND_POSSIBLE } vg_match_band;
const char *vg_match_band_name(vg_match_band b); /* "certain", "probable", "possible" */

/* A person that may be the one described, through its best-matching record, with why. */
typedef struct vg_candidate {
    vg_id person_id;             /* the record that matched best */
    vg_id resolved_id;           /* the person it belongs to (match resolve) */
    int n_records;               /* the person's records */
    vg_match_band band;
    double probability;
    int8_t level[VG_MF_COUNT];   /* comparison level per field (VG_LEVEL_MISSING: not given) */
    double contrib[VG_MF_COUNT]; /* log2 Bayes factor per field */
    char given[VG_NAME_MAX], family[VG_NAME_MAX];
    vg_date dob;
    uint8_t gender;              /* of the record matched (vg_gender), to tell persons apart */
} vg_candidate;

#endif
