/* briefing.c - repeat and vulnerable victims, repeat locations. */
#include "rules/briefing.h"
#include "domain/offence.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void vg_briefing_config_default(vg_briefing_config *c)
{
    c->window_months = 12;
    c->crime_repeat_min = 1;
    c->asb_repeat_min = 2;
    c->location_repeat_min = 2;
    c->adult_age = 18;
    c->match_threshold = VG_MATCH_THRESHOLD_DEFAULT;
    c->match_probable = VG_MATCH_PROBABLE_DEFAULT;
}

vg_time vg_briefing_window_start(const vg_briefing_config *c, vg_time at)
{
    return vg_time_add_months(at, -c->window_months);
}

VG_PRINTF(3, 4) static void reason(char (*reasons)[VG_BRIEF_REASON_LEN], int *n, const char *fmt, ...)
{
    if (*n >= VG_BRIEF_REASONS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reasons[*n], VG_BRIEF_REASON_LEN, fmt, ap);
    va_end(ap);
    (*n)++;
}

static const char *ordinal(int64_t n)
{
    static const char *const names[] = {"first", "second", "third", "fourth", "fifth", "sixth",
                                        "seventh", "eighth", "ninth", "tenth"};
    return n >= 1 && n <= 10 ? names[n - 1] : "latest";
}

/* "3 Mar 2014, 20 May 2014" of up to 3 of the dates, the latest last. */
static void date_list(const vg_time *when, int64_t n, char *out, size_t cap)
{
    out[0] = '\0';
    size_t len = 0;
    for (int64_t i = n > 3 ? n - 3 : 0; i < n && len < cap; i++) {
        char d[VG_DATE_WORDS_LEN];
        vg_date_words(vg_time_date(when[i]), d);
        len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? ", " : "", d);
    }
}

static bool crime_incident_recorded(const vg_person_event *ev, size_t n, vg_id incident)
{
    for (size_t i = 0; i < n; i++)
        if (ev[i].is_crime && ev[i].incident_id == incident && ev[i].role == VG_ROLE_VICTIM)
            return true;
    return false;
}

void vg_briefing_person(const vg_briefing_config *c, vg_time at, vg_category cat, vg_role role,
                        const vg_person_event *ev, size_t n, const vg_marker *markers, size_t n_markers, vg_date dob,
                        vg_person_flags *out)
{
    memset(out, 0, sizeof *out);
    vg_time from = vg_briefing_window_start(c, at);
    enum { KEEP = 64 };
    vg_time victim_when[KEEP], asb_when[KEEP];
    int64_t nv = 0, na = 0;
    /* open investigations: recorded crimes without an outcome, any time before the call */
    for (size_t i = 0; i < n; i++) {
        const vg_person_event *e = &ev[i];
        if (e->is_crime && e->status == VG_CRIME_RECORDED && e->outcome == 0 &&
            (e->role == VG_ROLE_SUSPECT || e->role == VG_ROLE_OFFENDER || e->role == VG_ROLE_VICTIM) && e->when < at) {
            out->open_investigations++;
            const vg_offence *o = vg_offence_find(e->offence_code);
            char d[VG_DATE_WORDS_LEN];
            vg_date_words(vg_time_date(e->when), d);
            char crime[40];
            if (e->reference[0])
                snprintf(crime, sizeof crime, "%s", e->reference);
            else
                snprintf(crime, sizeof crime, "crime %lld", (long long)e->event_id);
            reason(out->reasons, &out->n_reasons, "open investigation: %s (%s %s, recorded %s) as %s", crime,
                   e->offence_code, o ? o->label : "", d, vg_role_name(e->role));
        }
    }
    /* the window; one event can hold the person in two roles (the caller who is also the
     * victim): its rows are adjacent (same time and id) and the event counts once */
    for (size_t i = 0, j; i < n; i = j) {
        const vg_person_event *e = &ev[i];
        bool victim = false, victim_or_caller = false;
        for (j = i; j < n && ev[j].is_crime == e->is_crime && ev[j].event_id == e->event_id; j++) {
            if (e->when >= from && e->when < at && !(e->is_crime && e->status == VG_CRIME_CANCELLED))
                out->by_role_12m[ev[j].role]++;
            victim |= ev[j].role == VG_ROLE_VICTIM;
            victim_or_caller |= ev[j].role == VG_ROLE_VICTIM || ev[j].role == VG_ROLE_CALLER;
        }
        if (e->when < from || e->when >= at || (e->is_crime && e->status == VG_CRIME_CANCELLED))
            continue;
        if (e->is_crime)
            out->crimes_12m++;
        else
            out->incidents_12m++;
        if (victim && (e->is_crime || (e->category == VG_CAT_CRIME && !crime_incident_recorded(ev, n, e->event_id)))) {
            if (nv < KEEP)
                victim_when[nv] = e->when;
            out->victimisations_12m++;
            nv++;
        }
        if (!e->is_crime && vg_category_is_asb(e->category) && victim_or_caller) {
            if (na < KEEP)
                asb_when[na] = e->when;
            out->asb_12m++;
            na++;
        }
    }
    char dates[64];
    if (cat == VG_CAT_CRIME && role == VG_ROLE_VICTIM && out->victimisations_12m >= c->crime_repeat_min) {
        out->repeat_victim = true;
        date_list(victim_when, nv < KEEP ? nv : KEEP, dates, sizeof dates);
        reason(out->reasons, &out->n_reasons,
               "repeat victim: %lld earlier victimisation%s in the last %d months (latest %s)", (long long)out->victimisations_12m,
               out->victimisations_12m == 1 ? "" : "s", c->window_months, dates);
    }
    if (vg_category_is_asb(cat) && (role == VG_ROLE_VICTIM || role == VG_ROLE_CALLER) && out->asb_12m >= c->asb_repeat_min) {
        out->repeat_victim = true;
        date_list(asb_when, na < KEEP ? na : KEEP, dates, sizeof dates);
        reason(out->reasons, &out->n_reasons,
               "repeat victim: %lld earlier ASB incident%s as victim or caller in the last %d months (latest %s); this is the %s",
               (long long)out->asb_12m, out->asb_12m == 1 ? "" : "s", c->window_months, dates, ordinal(out->asb_12m + 1));
    }
    vg_date today = vg_time_date(at);
    for (size_t i = 0; i < n_markers; i++) {
        const vg_marker *m = &markers[i];
        if ((m->valid_from != VG_DATE_NONE && m->valid_from > today) || (m->valid_to != VG_DATE_NONE && m->valid_to < today))
            continue;
        const vg_marker_code *code = vg_marker_code_find(m->code);
        const char *label = code ? code->label : "";
        if (m->kind == VG_MARKER_VULNERABILITY) {
            out->vulnerable = true;
            reason(out->reasons, &out->n_reasons, "vulnerable: marker %s (%s)", m->code, label);
        } else {
            reason(out->reasons, &out->n_reasons, "warning marker %s (%s)", m->code, label);
        }
    }
    if (dob != VG_DATE_NONE) {
        int age = vg_age_on(dob, today);
        if (age >= 0 && age < c->adult_age) {
            out->vulnerable = true;
            reason(out->reasons, &out->n_reasons, "vulnerable: aged %d on the day (under %d)", age, c->adult_age);
        }
    }
}

void vg_briefing_location(const vg_briefing_config *c, int64_t prior, vg_location_flags *out)
{
    memset(out, 0, sizeof *out);
    out->incidents_12m = prior;
    out->repeat_location = prior >= c->location_repeat_min;
    if (out->repeat_location) {
        snprintf(out->reasons[0], VG_BRIEF_REASON_LEN, "repeat location: %lld earlier incidents here in the last %d months; this is the %s",
                 (long long)prior, c->window_months, ordinal(prior + 1));
        out->n_reasons = 1;
    }
}

vg_match_band vg_match_band_of(const vg_briefing_config *c, double probability)
{
    return probability >= c->match_threshold ? VG_BAND_CERTAIN
           : probability >= c->match_probable ? VG_BAND_PROBABLE
                                              : VG_BAND_POSSIBLE;
}

void vg_briefing_records_reason(const vg_id *ids, size_t n, vg_person_flags *out)
{
    if (n < 2 || out->n_reasons >= VG_BRIEF_REASONS)
        return;
    char list[120] = "";
    size_t len = 0;
    for (size_t i = 0; i < n && len < sizeof list; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%lld", i ? ", " : "", (long long)ids[i]);
    snprintf(out->reasons[out->n_reasons++], VG_BRIEF_REASON_LEN, "history and markers from %zu records of this person (%s)",
             n, list);
}
