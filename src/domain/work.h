/* work.h - the day's work on records: crimes waiting for a supervisor's review, victims'
 * entitlements under the Victims' Code, and joint actions on safety-net cases. */
#ifndef VG_DOMAIN_WORK_H
#define VG_DOMAIN_WORK_H

#include "base/time.h"
#include "domain/pole.h"

/* An open crime (recorded, no outcome) and when its next supervisor's review is due. */
typedef struct vg_review_item {
    vg_id crime_id;
    char reference[32];
    char offence_code[8];
    vg_time recorded_at;
    vg_time due;
    int reviews;               /* reviews so far */
    char last_direction[300];  /* the latest direction given ("" if none) */
} vg_review_item;

/* The entitlements the Victims' Code gives every victim of a crime that Vigil tracks:
 * a needs assessment soon after the crime is recorded, and being told the outcome. */
typedef enum vg_entitlement { VG_ENT_NEEDS_ASSESSMENT, VG_ENT_OUTCOME, VG_ENT_COUNT } vg_entitlement;
const char *vg_entitlement_name(vg_entitlement e);  /* "needs_assessment", "outcome" */
const char *vg_entitlement_label(vg_entitlement e); /* "Needs assessment", ... */
bool vg_entitlement_parse(const char *s, vg_entitlement *out);

/* A victim's entitlement not yet met. */
typedef struct vg_entitlement_item {
    vg_id crime_id, person_id;
    char reference[32];
    char offence_code[8];
    char given[100], family[100];
    vg_entitlement entitlement;
    vg_time due;
} vg_entitlement_item;

/* A joint action on a safety-net case. */
typedef struct vg_case_action {
    vg_id id, case_id;
    char agency[32]; /* the owning agency's code */
    char text[500];
    vg_date due;     /* VG_DATE_NONE if none */
    vg_time created_at, done_at; /* done_at VG_TIME_NONE while open */
} vg_case_action;

#endif
