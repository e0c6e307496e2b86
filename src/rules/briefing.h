/* briefing.h - the first-contact rules: from a person's history, markers and date of
 * birth, whether they are a repeat victim and whether they are vulnerable, and the
 * reasons in words; the same for the place. The thresholds are configuration (repeat
 * victimisation has no national definition), with these defaults:
 *   - the window is the 12 calendar months before the call: [received - 12 months,
 *     received); an event exactly 12 months before counts, one a second earlier does not;
 *   - crime: a victim with at least 1 earlier victimisation in the window is a repeat
 *     victim;
 *   - ASB: a victim or caller with at least 2 earlier ASB incidents as victim or caller
 *     in the window (this call is the third) is a repeat victim;
 *   - place: at least 2 earlier incidents at the location in the window (the third);
 *   - vulnerable: a vulnerability marker in force on the day, or under 18 on the day. */
#ifndef VG_BRIEFING_H
#define VG_BRIEFING_H

#include "base/time.h"
#include "domain/pole.h"
#include "domain/contact.h"
#include "domain/match.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vg_briefing_config {
    int window_months;       /* 12 */
    int crime_repeat_min;    /* 1 earlier victimisation */
    int asb_repeat_min;      /* 2 earlier ASB incidents as victim or caller */
    int location_repeat_min; /* 2 earlier incidents at the place */
    int adult_age;           /* 18 */
    double match_threshold;  /* the probability from which a candidate is the same person */
    double match_probable;   /* from which one is shown as probably the same (below: possible) */
} vg_briefing_config;

#define VG_MATCH_THRESHOLD_DEFAULT 0.99998
#define VG_MATCH_PROBABLE_DEFAULT 0.99

void vg_briefing_config_default(vg_briefing_config *c);

#define VG_BRIEF_REASONS 12
#define VG_BRIEF_REASON_LEN 200

typedef struct vg_person_flags {
    int64_t incidents_12m, crimes_12m;     /* in the window, any role */
    int64_t by_role_12m[VG_ROLE_COUNT];    /* incidents and crimes, by the role held */
    int64_t victimisations_12m;            /* crimes as victim (and crime incidents as victim
                                              that have no crime record) */
    int64_t asb_12m;                       /* ASB incidents as victim or caller */
    int64_t open_investigations;           /* recorded crimes without an outcome, any time */
    bool repeat_victim, vulnerable;
    int n_reasons;
    char reasons[VG_BRIEF_REASONS][VG_BRIEF_REASON_LEN];
} vg_person_flags;

/* The flags of one person in a new incident of category cat received at `at`, in role
 * `role`. events: the person's incidents and crimes (any period; those at or after `at`
 * are ignored); markers: their recorded markers; dob VG_DATE_NONE if unknown. */
void vg_briefing_person(const vg_briefing_config *c, vg_time at, vg_category cat, vg_role role,
                        const vg_person_event *events, size_t n_events, const vg_marker *markers, size_t n_markers,
                        vg_date dob, vg_person_flags *out);

/* When the flags come from several records taken to be one person: says so, naming them. */
void vg_briefing_records_reason(const vg_id *ids, size_t n, vg_person_flags *out);

/* The window's first instant for a call at `at`. */
vg_time vg_briefing_window_start(const vg_briefing_config *c, vg_time at);

typedef struct vg_location_flags {
    int64_t incidents_12m;
    bool repeat_location;
    int n_reasons;
    char reasons[2][VG_BRIEF_REASON_LEN];
} vg_location_flags;

void vg_briefing_location(const vg_briefing_config *c, int64_t prior_incidents_12m, vg_location_flags *out);

/* ---- what first contact hands back */

/* The band of a match probability under the configured thresholds. */
vg_match_band vg_match_band_of(const vg_briefing_config *c, double probability);

/* Who decided which person record a call's person is. */
typedef enum vg_person_choice {
    VG_CHOICE_AUTOMATIC,     /* the best candidate at or above the match threshold, else a new record */
    VG_CHOICE_CHOSEN,        /* the call handler chose this record */
    VG_CHOICE_NONE_OF_THESE  /* the call handler said none of the candidates: a new record */
} vg_person_choice;

/* One person of an incident: who they were resolved to and what is known. */
typedef struct vg_person_briefing {
    vg_role role;
    vg_id person_id;
    bool new_person;          /* no record matched: a new person record was made */
    double match_probability; /* of the record matched; of the best candidate if new */
    vg_candidate match;       /* the record matched (or the best candidate) */
    bool has_match;
    /* the person matched, as its records name it: the fullest name, and the others it is
     * known by ("; " between, ending "and N more" when they do not fit) */
    char name[2 * VG_NAME_MAX];
    char aliases[VG_BRIEF_REASON_LEN * 2];
    int n_records;            /* records the history and markers come from */
    vg_person_choice choice;
    vg_person_flags flags;
} vg_person_briefing;

typedef struct vg_briefing {
    vg_id incident_id, crime_id; /* crime_id 0 unless a crime was recorded */
    vg_time received;
    vg_category category;
    size_t n_people;
    vg_person_briefing people[VG_DRAFT_MAX_PEOPLE];
    bool has_location;
    vg_id location_id;
    bool new_location;
    vg_location_flags location;
} vg_briefing;

#endif
