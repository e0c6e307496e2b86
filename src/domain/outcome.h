/* outcome.h - Home Office crime outcome types 0-22 and their outcome groups. */
#ifndef VG_OUTCOME_H
#define VG_OUTCOME_H

#include <stdbool.h>

#define VG_OUTCOME_MAX 22

typedef enum vg_outcome_group {
    VG_OG_NONE,                  /* 0: not yet assigned; excluded from totals */
    VG_OG_CHARGED,
    VG_OG_OOCD_FORMAL,           /* out-of-court (formal) */
    VG_OG_OOCD_INFORMAL,         /* out-of-court (informal) */
    VG_OG_TIC,
    VG_OG_PREVENTED,             /* prosecution prevented or not in the public interest */
    VG_OG_EVIDENTIAL_NOT_SUPPORT,/* evidential difficulties: victim does not support */
    VG_OG_EVIDENTIAL_SUPPORT,    /* evidential difficulties: suspect identified, victim supports */
    VG_OG_NO_SUSPECT,            /* investigation complete, no suspect identified */
    VG_OG_NFIB,                  /* fraud: National Fraud Intelligence Bureau filed */
    VG_OG_TRANSFERRED,           /* responsibility transferred to another body */
    VG_OG_FURTHER_INV_NPI,       /* further investigation not in the public interest */
    VG_OG_DIVERSIONARY,
    VG_OG_COUNT
} vg_outcome_group;

typedef struct vg_outcome_type {
    int number;
    const char *label;
    vg_outcome_group group;
    int valid_from;      /* yyyymmdd; UNCONFIRMED for 21 and 22 */
    bool sanction_like;  /* 1,2,3,4,6,7: the nearest equivalent of a sanction detection */
} vg_outcome_type;

/* NULL if number is outside 0-22. */
const vg_outcome_type *vg_outcome_type_of(int number);
const char *vg_outcome_group_label(vg_outcome_group g);
/* The police.uk "outcome category" string that publishes a Home Office outcome type
 * (0 = "Under investigation"); NULL for a number outside 0-22. */
const char *vg_outcome_policeuk_label(int number);

#endif
