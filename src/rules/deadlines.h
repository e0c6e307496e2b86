/* deadlines.h - the time limits a recorded crime starts, as dated rule sets: the first
 * supervisor review, and for each victim the needs assessment and being told the
 * outcome. The set in force on the day a crime is recorded gives its limits (a crime
 * recorded before the oldest set is judged by the oldest). The due times are worked out
 * here, when the crime is written, and kept with it: no backend counts days in SQL.
 *
 * The limits are the ones Vigil has applied since its first review queue, in calendar
 * days from the moment of recording: the first review 3 days, the needs assessment 5,
 * the outcome told within 5 days of it. The Victims' Code ledger replaces them with
 * each Code's own entitlements in working days (a later issue). */
#ifndef VG_RULES_DEADLINES_H
#define VG_RULES_DEADLINES_H

#include "base/time.h"
#include "domain/pole.h"

typedef struct vg_deadline_rules {
    const char *id;         /* "VCOP-2013", "VCOP-2021" */
    vg_date from;           /* first day in force */
    vg_date to;             /* last day in force; VG_DATE_NONE: still in force */
    int first_review_days;  /* a crime's first supervisor review, after recording */
    int needs_days;         /* a victim's needs assessment, after recording */
    int outcome_days;       /* a victim told the outcome, after it is given */
} vg_deadline_rules;

/* The rule set in force on day (never NULL). */
const vg_deadline_rules *vg_deadline_rules_at(vg_date day);

/* Sets c->review_due, c->needs_due and c->outcome_due from its recorded_at and
 * outcome_at (VG_TIME_NONE where the event has not happened). */
void vg_crime_deadlines(vg_crime *c);

#endif
