/* work.h - the day's work on records: crimes waiting for a supervisor's review, victims'
 * entitlements under the Victims' Code, and joint actions on safety-net cases. */
#ifndef VG_DOMAIN_WORK_H
#define VG_DOMAIN_WORK_H

#include "base/time.h"
#include "domain/pole.h"

/* The entitlements the Victims' Code gives every victim of a crime that Vigil tracks:
 * a needs assessment soon after the crime is recorded, and being told the outcome. */
typedef enum vg_entitlement { VG_ENT_NEEDS_ASSESSMENT, VG_ENT_OUTCOME, VG_ENT_COUNT } vg_entitlement;
const char *vg_entitlement_name(vg_entitlement e);  /* "needs_assessment", "outcome" */
const char *vg_entitlement_label(vg_entitlement e); /* "Needs assessment", ... */
bool vg_entitlement_parse(const char *s, vg_entitlement *out);


/* A joint action on a safety-net case. */
typedef struct vg_case_action {
    vg_id id, case_id;
    char agency[32]; /* the owning agency's code */
    char text[500];
    vg_date due;     /* VG_DATE_NONE if none */
    vg_time created_at, done_at; /* done_at VG_TIME_NONE while open */
    bool may_close;  /* for the reader it was given to: their agency's, or they own the case */
} vg_case_action;

/* A note on a safety-net case (the store's strings, valid during the call). */
typedef struct vg_case_note {
    vg_id id, agency_id;
    vg_time at;
    const char *username, *agency, *text; /* agency: its name */
} vg_case_note;

/* A record that keeps happening, for a period and area: a location, or a person as
 * victim or as suspect/offender. */
typedef struct vg_repeat_item {
    vg_id id;
    char label[200]; /* the address, or "Family, Given" */
    vg_date dob;     /* persons; VG_DATE_NONE if unknown */
    int64_t count;   /* incidents in the period */
    vg_time first, last;
} vg_repeat_item;

/* An incident or crime in an area's recent days. */
typedef struct vg_recent_event {
    bool is_crime;
    vg_id id, location;
    char reference[32];
    char what[16];    /* incident category name, or offence code */
    vg_time at;       /* received, or committed (else recorded) */
    char address[200];
    double easting, northing; /* NAN if unknown */
} vg_recent_event;

/* An action assigned at the daily review. */
typedef struct vg_tasking_action {
    vg_id id, area;
    char text[500];
    char owner[64];   /* username */
    vg_date due;
    vg_time created_at;
    char created_by[64];
    vg_time closed_at; /* VG_TIME_NONE while open */
    char closed_by[64];
    char result[500];
} vg_tasking_action;

#endif
