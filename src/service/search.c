/* search.c - the one search box: persons by name, date of birth and phone (the same
 * matching as first contact, so a misspelling still finds them), incidents and crimes by
 * their reference or its beginning, and places by postcode or address. Each group only
 * for a reader who may read its records; one consultation in the audit log, with the
 * purpose given, naming every record in the results. */
#include "base/alloc.h"
#include "base/limits.h"
#include "base/str.h"
#include "domain/offence.h"
#include "io/json_out.h"
#include "match/normalise.h"
#include "service/service_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define SEARCH_MAX 20 /* results per group; the answer says when there may be more */

/* What the words typed ask for. */
typedef struct terms {
    char ref[64];       /* a reference, or its beginning, upper case ("" if none) */
    char name[320];     /* the words of a name */
    vg_date dob;
    char phone[64];     /* the digits typed, as typed */
    vg_norm_address addr;
    bool place;         /* a postcode, or a house number and a street */
} terms;

static bool is_reference(const char *w)
{
    bool letter = isalpha((unsigned char)w[0]), dash = false, digit = false;
    for (const char *p = w; *p; p++) {
        dash |= *p == '-' || *p == '/';
        digit |= isdigit((unsigned char)*p);
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '/')
            return false;
    }
    return letter && dash && digit;
}

static void read_terms(const char *q, terms *t)
{
    memset(t, 0, sizeof *t);
    t->dob = VG_DATE_NONE;
    char buf[VG_MAX_ADDRESS + 1];
    snprintf(buf, sizeof buf, "%s", q);
    size_t digits = 0;
    bool first = true, leading_number = false;
    for (char *save = NULL, *w = strtok_r(buf, " \t,", &save); w; w = strtok_r(NULL, " \t,", &save), first = false) {
        vg_date d;
        bool all_digits = *w != '\0';
        for (const char *p = w; *p; p++)
            all_digits &= isdigit((unsigned char)*p) || *p == '+';
        if (is_reference(w) && !t->ref[0]) {
            for (size_t i = 0; w[i] && i + 1 < sizeof t->ref; i++)
                t->ref[i] = (char)toupper((unsigned char)w[i]);
        } else if (vg_date_read(w, &d)) {
            t->dob = d;
        } else if (all_digits && (strlen(w) >= 5 || digits)) { /* a phone number, maybe in parts */
            size_t n = strlen(t->phone);
            snprintf(t->phone + n, sizeof t->phone - n, "%s", w);
            digits += strlen(w);
        } else if (all_digits && first) {
            leading_number = true; /* a house number */
        } else {
            size_t n = strlen(t->name);
            snprintf(t->name + n, sizeof t->name - n, "%s%s", n ? " " : "", w);
        }
    }
    if (digits < 9)
        t->phone[0] = '\0';
    vg_norm_address_text(q, strlen(q), &t->addr);
    t->place = t->addr.postcode[0] || (leading_number && t->addr.number[0] && t->addr.street[0]);
    if (t->place && leading_number)
        t->name[0] = '\0'; /* "14 High Street" is a place, not a person called High Street */
    if (t->addr.postcode[0]) { /* the postcode's words are not a name */
        char pc[9];
        snprintf(pc, sizeof pc, "%s", t->addr.postcode);
        char *sp = strchr(pc, ' ');
        if (sp) {
            *sp = '\0';
            /* drop words equal to either half, in any case */
            char out[sizeof t->name] = "", copy[sizeof t->name];
            snprintf(copy, sizeof copy, "%s", t->name);
            for (char *s2 = NULL, *w = strtok_r(copy, " ", &s2); w; w = strtok_r(NULL, " ", &s2))
                if (strcasecmp(w, pc) && strcasecmp(w, sp + 1)) {
                    size_t n = strlen(out);
                    snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", w);
                }
            snprintf(t->name, sizeof t->name, "%s", out);
        }
    }
}

typedef struct found {
    vg_service *svc;
    const vg_actor *a;
    json_t *incidents, *crimes, *places;
    vg_audit_recs *recs;
} found;

static vg_err found_ref(void *ctx, vg_record_kind kind, vg_id id)
{
    found *f = ctx;
    bool visible;
    vg_error ignore;
    vg_err e = vg_access_visible(f->svc, f->a, kind == VG_REC_CRIME ? "crime" : "incident", id, &visible, &ignore);
    if (e || !visible)
        return e;
    json_t *j = NULL;
    if (kind == VG_REC_INCIDENT) {
        vg_incident inc;
        vg_incident_init(&inc);
        if ((e = vg_store_incident_get(f->svc->store, id, &inc, &ignore)) == VG_OK)
            j = json_pack("{s:I,s:s,s:o,s:s}", "id", (json_int_t)id, "reference", inc.reference ? inc.reference : "",
                          "received", vg_json_time(inc.received_at), "category", vg_category_label(inc.category));
        vg_incident_clear(&inc);
        if (!e && (!j || json_array_append_new(f->incidents, j) || !vg_audit_recs_add(f->recs, "incident", id)))
            return VG_ERR_NOMEM;
    } else {
        vg_crime c;
        vg_crime_init(&c);
        if ((e = vg_store_crime_get(f->svc->store, id, &c, &ignore)) == VG_OK) {
            const vg_offence *o = vg_offence_find(c.offence_code);
            char offence[160];
            snprintf(offence, sizeof offence, "%s (%s)", o ? o->label : "offence", c.offence_code);
            j = json_pack("{s:I,s:s,s:o,s:s}", "id", (json_int_t)id, "reference", c.reference ? c.reference : "",
                          "recorded", vg_json_time(c.recorded_at), "offence", offence);
        }
        vg_crime_clear(&c);
        if (!e && (!j || json_array_append_new(f->crimes, j) || !vg_audit_recs_add(f->recs, "crime", id)))
            return VG_ERR_NOMEM;
    }
    return e;
}

static vg_err found_place(void *ctx, vg_id id)
{
    found *f = ctx;
    vg_location l;
    vg_location_init(&l);
    vg_error ignore;
    vg_err e = vg_store_location_get(f->svc->store, id, &l, &ignore);
    char line[1024];
    if (!e)
        vg_location_line(&l, line, sizeof line);
    vg_location_clear(&l);
    if (e)
        return e;
    json_t *j = json_pack("{s:I,s:s}", "id", (json_int_t)id, "address", line);
    if (!j || json_array_append_new(f->places, j) || !vg_audit_recs_add(f->recs, "location", id))
        return VG_ERR_NOMEM;
    return VG_OK;
}

static json_t *persons_json(const vg_lookup_result *res, vg_audit_recs *recs)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < res->n; i++) {
        const vg_candidate *c = &res->cand[i];
        char evidence[512], name[2 * VG_NAME_MAX + 2];
        vg_match_evidence(c->level, evidence, sizeof evidence);
        snprintf(name, sizeof name, "%s %s", c->given, c->family);
        json_t *j = json_pack("{s:I,s:I,s:s,s:o,s:s,s:s,s:i}", "record", (json_int_t)c->person_id, "person",
                              (json_int_t)(c->resolved_id ? c->resolved_id : c->person_id), "name", name, "dob",
                              vg_json_date(c->dob), "band", vg_match_band_name(c->band), "evidence", evidence, "records",
                              c->n_records > 0 ? c->n_records : 1);
        if (!j || json_array_append_new(arr, j) || !vg_audit_recs_add(recs, "person", c->person_id)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

vg_err vg_service_search(vg_service *svc, const vg_actor *a, const char *q, json_t **out, vg_error *err)
{
    *out = NULL;
    bool persons = vg_actor_can(a, VG_PERM_PERSON_READ), records = vg_actor_can(a, VG_PERM_INCIDENT_READ),
         places = vg_actor_can(a, VG_PERM_LOCATION_READ);
    if (!persons && !records && !places)
        return vg_access_require(svc, a, VG_PERM_PERSON_READ, "search", err); /* refused, and logged */
    vg_err e = vg_limit_check(VG_LIM_ADDRESS, "q", q, err);
    if (e)
        return e;
    size_t bad;
    if (!q || !vg_utf8_valid(q, strlen(q), &bad))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "q", "not UTF-8 text");
    terms t;
    read_terms(q, &t);
    if (!t.ref[0] && !t.name[0] && t.dob == VG_DATE_NONE && !t.phone[0] && !t.place)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "q",
                            "type a name (with a date of birth if known), a phone number, a reference, a postcode or an "
                            "address");
    vg_audit_recs recs = {0};
    found f = {svc, a, json_array(), json_array(), json_array(), &recs};
    json_t *people = NULL;
    if (!f.incidents || !f.crimes || !f.places)
        e = VG_ERR_NOMEM;
    if (!e && records && t.ref[0])
        e = vg_store_refs_find(svc->store, t.ref, SEARCH_MAX, found_ref, &f, err);
    if (!e && places && t.place)
        e = vg_store_locations_find(svc->store, t.addr.postcode, t.addr.street, t.addr.number, SEARCH_MAX, found_place, &f,
                                    err);
    bool ask_persons = persons && !t.ref[0] && (t.name[0] || t.dob != VG_DATE_NONE || t.phone[0]);
    if (!e && ask_persons) {
        vg_lookup_request lq = {.name = t.name[0] ? t.name : NULL, .dob = t.dob, .phone = t.phone[0] ? t.phone : NULL,
                                .at = vg_time_now(), .category = VG_CAT_ADMIN, .role = VG_ROLE_VICTIM, .max = 10};
        vg_lookup_result *res = vg_malloc(sizeof *res);
        if (!res)
            e = VG_ERR_NOMEM;
        else if (!(e = vg_contact_candidates(svc, a, &lq, res, err)) && !(people = persons_json(res, &recs)))
            e = VG_ERR_NOMEM;
        vg_free(res);
    }
    if (!e && !people && !(people = json_array()))
        e = VG_ERR_NOMEM;
    if (!e && recs.nomem)
        e = VG_ERR_NOMEM;
    json_t *j = NULL;
    if (!e) {
        size_t total = json_array_size(people) + json_array_size(f.incidents) + json_array_size(f.crimes) +
                       json_array_size(f.places);
        j = json_pack("{s:s,s:I,s:I,s:O,s:O,s:O,s:O}", "q", q, "total", (json_int_t)total, "per_group",
                      (json_int_t)SEARCH_MAX, "persons", people, "incidents", f.incidents, "crimes", f.crimes, "places",
                      f.places);
        if (!j)
            e = VG_ERR_NOMEM;
    }
    json_decref(people);
    json_decref(f.incidents);
    json_decref(f.crimes);
    json_decref(f.places);
    if (e) {
        vg_audit_recs_free(&recs);
        return e == VG_ERR_NOMEM ? vg_error_set(err, VG_ERR_NOMEM, "search", "out of memory") : e;
    }
    char what[64];
    snprintf(what, sizeof what, "search (%lld results)", (long long)json_integer_value(json_object_get(j, "total")));
    e = vg_audit_view_recs(svc, a, what, &recs, "search", j, out, err);
    vg_audit_recs_free(&recs);
    return e;
}
