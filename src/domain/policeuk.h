/* policeuk.h - the police.uk open-data vocabularies: crime types (with the phases in
 * which each string was used) and "last outcome category" strings. */
#ifndef VG_POLICEUK_H
#define VG_POLICEUK_H

#include <stdbool.h>
#include <stddef.h>

typedef enum vg_puk_type {
    VG_PUK_NONE = -1,
    VG_PUK_ASB = 0,
    VG_PUK_BICYCLE_THEFT,
    VG_PUK_BURGLARY,
    VG_PUK_CRIMINAL_DAMAGE_ARSON,
    VG_PUK_DRUGS,
    VG_PUK_OTHER_CRIME,
    VG_PUK_OTHER_THEFT,
    VG_PUK_POSSESSION_OF_WEAPONS,
    VG_PUK_PUBLIC_ORDER,
    VG_PUK_ROBBERY,
    VG_PUK_SHOPLIFTING,
    VG_PUK_THEFT_FROM_PERSON,
    VG_PUK_VEHICLE_CRIME,
    VG_PUK_VIOLENCE_SEXUAL,
    /* legacy strings, accepted on import */
    VG_PUK_VIOLENT_CRIME,
    VG_PUK_PUBLIC_DISORDER_WEAPONS,
    VG_PUK_COUNT
} vg_puk_type;

typedef struct vg_puk_type_info {
    const char *label;     /* exact CSV string, e.g. "Violence and sexual offences" */
    const char *slug;      /* API slug, e.g. "violent-crime" */
    int from_month;        /* first month used, yyyymm (UNCONFIRMED for the 11-category phase) */
    int to_month;          /* last month used, yyyymm; 999912 = still used */
    vg_puk_type successor; /* for legacy strings: the nearest current type; else itself */
} vg_puk_type_info;

const vg_puk_type_info *vg_puk_type_info_of(vg_puk_type t);
/* Exact, case-sensitive match on the CSV string; VG_PUK_NONE if unknown. */
vg_puk_type vg_puk_type_from_label(const char *label, size_t len);
bool vg_puk_type_is_legacy(vg_puk_type t);

typedef struct vg_puk_outcome {
    const char *id;    /* API id, e.g. "no-further-action" */
    const char *label; /* CSV string */
} vg_puk_outcome;

const vg_puk_outcome *vg_puk_outcomes(size_t *count);
/* Exact match on the CSV label; NULL if unknown (unknown strings are data, not errors). */
const vg_puk_outcome *vg_puk_outcome_from_label(const char *label, size_t len);

#endif
