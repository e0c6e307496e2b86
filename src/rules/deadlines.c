/* deadlines.c - the dated time limits a recorded crime starts (see deadlines.h). */
#include "rules/deadlines.h"

#include <stddef.h>

#define DAY 86400

/* Oldest first; each set's period ends the day before the next begins. The dates are the
 * Codes' commencement: 10 December 2013 and 1 April 2021. */
static const vg_deadline_rules sets[] = {
    {"VCOP-2013", 16049 /* 2013-12-10 */, 18717 /* 2021-03-31 */, 3, 5, 5},
    {"VCOP-2021", 18718 /* 2021-04-01 */, VG_DATE_NONE, 3, 5, 5},
};

const vg_deadline_rules *vg_deadline_rules_at(vg_date day)
{
    for (size_t i = sizeof sets / sizeof sets[0]; i-- > 0;)
        if (day >= sets[i].from)
            return &sets[i];
    return &sets[0];
}

static vg_time after(vg_time t, int days) { return t == VG_TIME_NONE ? VG_TIME_NONE : t + (vg_time)days * DAY; }

void vg_crime_deadlines(vg_crime *c)
{
    const vg_deadline_rules *r = vg_deadline_rules_at(vg_time_date(c->recorded_at == VG_TIME_NONE ? 0 : c->recorded_at));
    c->review_due = after(c->recorded_at, r->first_review_days);
    c->needs_due = after(c->recorded_at, r->needs_days);
    c->outcome_due = c->outcome > 0 ? after(c->outcome_at, r->outcome_days) : VG_TIME_NONE;
}
