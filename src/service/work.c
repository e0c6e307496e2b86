/* work.c - the day's work: the supervisor's review queue (open crimes by when their
 * next review is due; each review records the direction given and the next due date,
 * so directions are followed up), and the victim-care queue (each victim's Victims'
 * Code entitlements not yet met, by due date). */
#include "service/service_int.h"
#include "base/alloc.h"
#include "base/limits.h"
#include "domain/offence.h"
#include "domain/outcome.h"
#include "io/json_out.h"
#include "rules/deadlines.h"

#include <stdio.h>
#include <string.h>

/* The limits of the rule set in force today, for the pages to say (each crime keeps the
 * due times its own rule set gave it: rules/deadlines.h). */
void vg_work_periods(vg_list_query *q)
{
    const vg_deadline_rules *r = vg_deadline_rules_at(vg_time_date(vg_time_now()));
    q->days = r->first_review_days;
    q->needs_days = r->needs_days;
    q->outcome_days = r->outcome_days;
}

void vg_service_work_periods(vg_list_query *q) { vg_work_periods(q); }

vg_err vg_service_review_add(vg_service *svc, const vg_actor *a, vg_id crime, const char *direction, vg_date next_due,
                             vg_error *err)
{
    char what[48];
    snprintf(what, sizeof what, "crime:%lld", (long long)crime);
    vg_err e = vg_access_require(svc, a, VG_PERM_CRIME_REVIEW, what, err);
    if (e)
        return e;
    if (!direction || !*direction)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "direction", "write the direction given");
    if ((e = vg_limit_check(VG_LIM_DIRECTION, "direction", direction, err)))
        return e;
    vg_time now = vg_time_now();
    if (next_due != VG_DATE_NONE && vg_date_time(next_due) <= now - 86400)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "next_due", "the next review cannot be due in the past");
    vg_crime c;
    vg_crime_init(&c);
    e = vg_store_crime_get(svc->store, crime, &c, err);
    bool open = !e && c.status == VG_CRIME_RECORDED;
    vg_crime_clear(&c);
    if (e)
        return e == VG_ERR_NOT_FOUND ? vg_error_set(err, VG_ERR_NOT_FOUND, "crime", "no crime %lld", (long long)crime) : e;
    if (!open)
        return vg_error_set(err, VG_ERR_CONFLICT, "crime", "crime %lld is not an open recorded crime", (long long)crime);
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_review_put(svc->store, crime, a->user_id, now, direction,
                            next_due == VG_DATE_NONE ? VG_TIME_NONE : vg_date_time(next_due), err);
    if (!e)
        e = vg_audit_write(svc, a, VG_AUDIT_ALTER, what, NULL, "supervision: a review and its direction", err);
    if (!e)
        return vg_store_commit(svc->store, err);
    vg_store_rollback(svc->store);
    return e;
}

vg_err vg_service_entitlement_met(vg_service *svc, const vg_actor *a, vg_id crime, vg_id person, vg_entitlement ent,
                                  const char *note, vg_error *err)
{
    char what[96];
    snprintf(what, sizeof what, "crime:%lld person:%lld", (long long)crime, (long long)person);
    vg_err e = vg_access_require(svc, a, VG_PERM_VICTIM_CARE, what, err);
    if (!e)
        e = vg_access_record(svc, a, "person", person, err);
    if (e)
        return e;
    if ((e = vg_limit_check(VG_LIM_NOTE, "note", note, err)))
        return e;
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    bool victim;
    e = vg_store_entitlement_put(svc->store, crime, person, ent, vg_time_now(), a->user_id, note, &victim, err);
    if (!e && !victim)
        e = vg_error_set(err, VG_ERR_NOT_FOUND, "victim", "person %lld is not a victim of crime %lld", (long long)person,
                         (long long)crime);
    if (!e)
        e = vg_audit_write(svc, a, VG_AUDIT_ALTER, what, NULL, "victim care: an entitlement met", err);
    if (!e)
        return vg_store_commit(svc->store, err);
    vg_store_rollback(svc->store);
    return e;
}

/* ---- a crime */

static vg_err review_json(void *ctx, vg_time at, const char *reviewer, const char *direction, vg_time next_due)
{
    json_t *o = json_pack("{s:o, s:s, s:s, s:o}", "at", vg_json_time(at), "reviewer", reviewer ? reviewer : "",
                          "direction", direction ? direction : "", "next_due", vg_json_time(next_due));
    return o && !json_array_append_new(ctx, o) ? VG_OK : VG_ERR_NOMEM;
}

vg_err vg_service_crime_view(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err)
{
    *out = NULL;
    char what[48];
    snprintf(what, sizeof what, "crime:%lld", (long long)id);
    vg_err e = vg_access_require(svc, a, VG_PERM_INCIDENT_READ, what, err);
    if (e)
        return e;
    vg_crime c;
    vg_crime_init(&c);
    if ((e = vg_store_crime_get(svc->store, id, &c, err))) {
        vg_crime_clear(&c);
        return e == VG_ERR_NOT_FOUND ? vg_access_not_found(svc, a, "crime", id, "no such record", err) : e;
    }
    /* a crime recorded from a restricted incident is as restricted as it */
    if (c.incident_id && (e = vg_access_record(svc, a, "incident", c.incident_id, err))) {
        vg_crime_clear(&c);
        return e == VG_ERR_NOT_FOUND ? vg_error_set(err, e, "crime", "no crime %lld", (long long)id) : e;
    }
    const vg_offence *o = vg_offence_find(c.offence_code);
    const char *outcome = vg_outcome_policeuk_label(c.outcome);
    json_t *parties = json_array(), *reviews = json_array();
    vg_audit_recs recs = {0}; /* the crime, its incident and its people */
    vg_audit_recs_add(&recs, "crime", id);
    if (c.incident_id)
        vg_audit_recs_add(&recs, "incident", c.incident_id);
    for (size_t i = 0; parties && i < c.n_parties; i++) {
        if (!vg_access_person_shown(svc, a, c.parties[i].person_id))
            continue; /* restricted to named users: not there, even by id, for anyone else */
        vg_audit_recs_add(&recs, "person", c.parties[i].person_id);
        json_array_append_new(parties, vg_party_json(svc, a, c.parties[i].person_id, vg_role_name(c.parties[i].role)));
    }
    json_t *j = json_pack("{s:I, s:s, s:o, s:s, s:s, s:o, s:o, s:s, s:i, s:s, s:o, s:o}", "id", (json_int_t)c.id,
                          "reference", c.reference ? c.reference : "", "incident_id",
                          c.incident_id ? json_integer(c.incident_id) : json_null(), "offence_code", c.offence_code,
                          "offence", o ? o->label : "", "committed", vg_json_time(c.committed_at), "recorded",
                          vg_json_time(c.recorded_at), "status", vg_crime_status_name(c.status), "outcome", c.outcome,
                          "outcome_label", outcome ? outcome : "?",
                          "outcome_at", vg_json_time(c.outcome_at), "parties", parties ? parties : json_array());
    if (j && c.incident_id) { /* the incident by its reference */
        vg_incident inc;
        vg_incident_init(&inc);
        vg_error ignore;
        if (vg_store_incident_get(svc->store, c.incident_id, &inc, &ignore) == VG_OK && inc.reference)
            json_object_set_new(j, "incident_reference", json_string(inc.reference));
        vg_incident_clear(&inc);
    }
    if (j && c.location_id && vg_address_json(svc, c.location_id, j)) { /* where it happened, in words */
        json_object_set_new(j, "location_id", json_integer(c.location_id));
        vg_audit_recs_add(&recs, "location", c.location_id);
    }
    vg_crime_clear(&c);
    if (j && reviews && (e = vg_store_crime_reviews(svc->store, id, review_json, reviews, err))) {
        json_decref(j);
        json_decref(reviews);
        vg_audit_recs_free(&recs);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "crime", "out of memory") : e;
    }
    if (j && reviews)
        json_object_set_new(j, "reviews", reviews);
    else
        json_decref(reviews);
    e = vg_audit_view_recs(svc, a, what, &recs, "read a crime", j, out, err);
    vg_audit_recs_free(&recs);
    return e;
}
