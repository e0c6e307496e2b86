/* records.c - reading records through the access rules: incidents, persons and
 * locations for police users, and the safety-net cases partners share. Each read is
 * authorised (role, agency, sharing, restriction) and written to the audit log in the
 * same transaction as the read. Results are JSON views, the same for the API and the
 * command line. */
#include "base/alloc.h"
#include "io/contact_json.h"
#include "service/service_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static vg_err nomem(vg_error *err, const char *where) { return vg_error_set(err, VG_ERR_NOMEM, where, "out of memory"); }

/* ---- incidents */

bool vg_address_json(vg_service *svc, vg_id location, json_t *j)
{
    vg_location l;
    vg_location_init(&l);
    vg_error ignore;
    char line[400];
    bool found = vg_store_location_get(svc->store, location, &l, &ignore) == VG_OK;
    if (found) {
        vg_location_line(&l, line, sizeof line);
        json_object_set_new(j, "address", json_string(line));
    }
    vg_location_clear(&l);
    return found;
}

json_t *vg_party_json(vg_service *svc, const vg_actor *a, vg_id person, const char *role)
{
    json_t *o = json_pack("{s:I,s:s}", "person_id", (json_int_t)person, "role", role);
    char given[256], family[256];
    vg_date dob = VG_DATE_NONE;
    vg_error ignore;
    if (o && vg_actor_can(a, VG_PERM_PERSON_READ) &&
        vg_store_person_name(svc->store, person, given, sizeof given, family, sizeof family, &dob, &ignore) == VG_OK) {
        json_object_set_new(o, "given_names", json_string(given));
        json_object_set_new(o, "family_name", json_string(family));
        json_object_set_new(o, "dob", vg_json_date(dob));
    }
    return o;
}

vg_err vg_service_incident_view(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err)
{
    *out = NULL;
    char what[48];
    vg_err e = vg_access_read(svc, a, VG_PERM_INCIDENT_READ, "incident", id, what, sizeof what, err);
    if (e)
        return e;
    vg_incident inc;
    vg_incident_init(&inc);
    if ((e = vg_store_incident_get(svc->store, id, &inc, err))) {
        vg_incident_clear(&inc);
        return e == VG_ERR_NOT_FOUND ? vg_access_not_found(svc, a, "incident", id, "no such record", err) : e;
    }
    vg_audit_recs recs = {0}; /* the incident, its place and its people */
    vg_audit_recs_add(&recs, "incident", id);
    if (inc.location_id)
        vg_audit_recs_add(&recs, "location", inc.location_id);
    json_t *people = json_array();
    for (size_t i = 0; people && i < inc.n_parties; i++) {
        if (!vg_access_person_shown(svc, a, inc.parties[i].person_id))
            continue; /* restricted to named users: not there, even by id, for anyone else */
        vg_audit_recs_add(&recs, "person", inc.parties[i].person_id);
        json_array_append_new(people, vg_party_json(svc, a, inc.parties[i].person_id, vg_role_name(inc.parties[i].role)));
    }
    json_t *j = json_pack("{s:I,s:s?,s:o,s:s,s:s,s:s,s:s?,s:o,s:o,s:o}", "id", (json_int_t)inc.id, "reference",
                          inc.reference, "received", vg_json_time(inc.received_at), "category", vg_category_name(inc.category),
                          "channel", vg_channel_name(inc.channel), "thrive", vg_thrive_name(inc.thrive), "description",
                          inc.narrative, "location_id", inc.location_id ? json_integer(inc.location_id) : json_null(),
                          "closed", vg_json_time(inc.closed_at), "people", people ? people : json_array());
    if (j && inc.location_id) /* the place in words */
        (void)vg_address_json(svc, inc.location_id, j);
    vg_incident_clear(&inc);
    if (!j) {
        vg_audit_recs_free(&recs);
        return nomem(err, "incident");
    }
    json_t *b = vg_briefing_shown(svc, a, id, &recs);
    json_object_set_new(j, "briefing", b ? b : json_null());
    if ((e = vg_incident_log_json(svc, id, j, err))) {
        json_decref(j);
        vg_audit_recs_free(&recs);
        return e;
    }
    e = vg_audit_view_recs(svc, a, what, &recs, "read an incident", j, out, err);
    vg_audit_recs_free(&recs);
    return e;
}

json_t *vg_briefing_shown(vg_service *svc, const vg_actor *a, vg_id incident, vg_audit_recs *recs)
{
    char *text = NULL;
    vg_error ignore;
    json_t *b = NULL;
    if (vg_store_briefing_get(svc->store, incident, &text, &ignore) == VG_OK) {
        b = json_loads(text, 0, NULL);
        vg_free(text);
        vg_briefing_hide_restricted(svc, a, b);
    }
    /* what it says came from these records: the audit names them; the reader sees none */
    size_t i;
    json_t *id;
    json_array_foreach(json_object_get(b, "drew_on"), i, id)
        vg_audit_recs_add_once(recs, "person", (vg_id)json_integer_value(id));
    json_object_del(b, "drew_on");
    return b;
}

void vg_briefing_hide_restricted(vg_service *svc, const vg_actor *a, json_t *briefing)
{
    json_t *people = json_object_get(briefing, "people");
    for (size_t i = json_array_size(people); i-- > 0;) {
        json_t *p = json_array_get(people, i);
        vg_id id = (vg_id)json_integer_value(json_object_get(p, "person_id"));
        if (id && !vg_access_person_shown(svc, a, id)) {
            json_array_remove(people, i);
            continue;
        }
        /* a candidate not taken (someone new to us) is another record: not named either */
        vg_id best = (vg_id)json_integer_value(json_object_get(json_object_get(p, "best_candidate"), "person_id"));
        if (best && !vg_access_person_shown(svc, a, best))
            json_object_del(p, "best_candidate");
    }
}

json_t *vg_service_queue_briefing(vg_service *svc, const vg_briefing *b)
{
    /* a reader named in no restriction: what every subscriber may be told */
    static const vg_actor anyone = {.role = VG_UR_DISPATCHER, .police = true};
    json_t *j = vg_briefing_to_json(b);
    if (j)
        vg_briefing_hide_restricted(svc, &anyone, j);
    return j;
}

typedef struct list_ctx {
    vg_service *svc;
    const vg_actor *a;
    json_t *arr;
    vg_audit_recs recs; /* every incident and location listed */
} list_ctx;

static vg_err list_incident(void *ctx, vg_id id)
{
    list_ctx *l = ctx;
    bool visible;
    vg_error err;
    vg_err e = vg_access_visible(l->svc, l->a, "incident", id, &visible, &err);
    if (e || !visible)
        return e; /* a restricted incident is not there for this reader */
    vg_incident inc;
    vg_incident_init(&inc);
    if ((e = vg_store_incident_get(l->svc->store, id, &inc, &err))) {
        vg_incident_clear(&inc);
        return e;
    }
    json_t *j = json_pack("{s:I,s:s?,s:o,s:s,s:o,s:I}", "id", (json_int_t)inc.id, "reference", inc.reference, "received",
                          vg_json_time(inc.received_at), "category", vg_category_name(inc.category), "location_id",
                          inc.location_id ? json_integer(inc.location_id) : json_null(), "people",
                          (json_int_t)inc.n_parties);
    vg_audit_recs_add(&l->recs, "incident", id);
    if (inc.location_id)
        vg_audit_recs_add(&l->recs, "location", inc.location_id);
    vg_incident_clear(&inc);
    if (!j || json_array_append_new(l->arr, j))
        return VG_ERR_NOMEM;
    return VG_OK;
}

vg_err vg_service_incident_list(vg_service *svc, const vg_actor *a, vg_time from, vg_time to, size_t max, json_t **out,
                                vg_error *err)
{
    *out = NULL;
    vg_err e = vg_access_require(svc, a, VG_PERM_INCIDENT_READ, "incidents", err);
    if (e)
        return e;
    list_ctx l = {svc, a, json_array(), {0}};
    if (!l.arr)
        return nomem(err, "incidents");
    if ((e = vg_store_incident_ids(svc->store, from, to, max ? max : 100, list_incident, &l, err))) {
        json_decref(l.arr);
        vg_audit_recs_free(&l.recs);
        return e == VG_ERR_NOMEM ? nomem(err, "incidents") : e;
    }
    char what[64];
    snprintf(what, sizeof what, "incident list (%zu incidents)", json_array_size(l.arr));
    e = vg_audit_view_recs(svc, a, what, &l.recs, "list incidents", l.arr, out, err);
    vg_audit_recs_free(&l.recs);
    return e;
}

/* ---- persons and locations */

typedef struct history {
    vg_service *svc;
    const vg_actor *a;
    json_t *arr;
    vg_audit_recs *recs;
} history;

static vg_err history_add(void *ctx, const vg_person_event *ev)
{
    history *h = ctx;
    vg_id incident = ev->is_crime ? ev->incident_id : ev->event_id;
    bool visible = true;
    vg_error ignore;
    if (incident && vg_access_visible(h->svc, h->a, "incident", incident, &visible, &ignore) == VG_OK && !visible)
        return VG_OK;
    json_t *o = ev->is_crime
                    ? json_pack("{s:s,s:I,s:o,s:s,s:o,s:s,s:s,s:s,s:b}", "kind", "crime", "id", (json_int_t)ev->event_id,
                                "incident_id", ev->incident_id ? json_integer(ev->incident_id) : json_null(), "role",
                                vg_role_name(ev->role), "when", vg_json_time(ev->when), "offence_code", ev->offence_code,
                                "status", vg_crime_status_name(ev->status), "reference", ev->reference, "open",
                                ev->outcome == 0)
                    : json_pack("{s:s,s:I,s:s,s:o,s:s,s:s}", "kind", "incident", "id", (json_int_t)ev->event_id, "role",
                                vg_role_name(ev->role), "when", vg_json_time(ev->when), "category",
                                vg_category_name(ev->category), "reference", ev->reference);
    return o && !json_array_insert_new(h->arr, 0, o) ? VG_OK : VG_ERR_NOMEM;
}

vg_err vg_service_person_view(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err)
{
    *out = NULL;
    char what[48];
    vg_err e = vg_access_read(svc, a, VG_PERM_PERSON_READ, "person", id, what, sizeof what, err);
    if (e)
        return e;
    vg_person p;
    vg_person_init(&p);
    if ((e = vg_store_person_get(svc->store, id, &p, err))) {
        vg_person_clear(&p);
        return e == VG_ERR_NOT_FOUND ? vg_access_not_found(svc, a, "person", id, "no such record", err) : e;
    }
    json_t *aliases = json_array(), *contacts = json_array(), *markers = json_array();
    for (size_t i = 0; aliases && i < p.n_aliases; i++)
        json_array_append_new(aliases, json_pack("{s:s?,s:s?,s:o}", "family_name", p.aliases[i].family_name,
                                                 "given_names", p.aliases[i].given_names, "dob",
                                                 vg_json_date(p.aliases[i].dob)));
    for (size_t i = 0; contacts && i < p.n_contacts; i++)
        json_array_append_new(contacts, json_pack("{s:s,s:s?}", "kind", vg_contact_kind_name(p.contacts[i].kind), "value",
                                                  p.contacts[i].value));
    for (size_t i = 0; markers && i < p.n_markers; i++)
        json_array_append_new(markers, json_pack("{s:s,s:s?,s:s?,s:o,s:o}", "kind",
                                                 vg_marker_kind_name(p.markers[i].kind), "code", p.markers[i].code,
                                                 "detail", p.markers[i].detail, "valid_from",
                                                 vg_json_date(p.markers[i].valid_from), "valid_to",
                                                 vg_json_date(p.markers[i].valid_to)));
    json_t *j = json_pack("{s:I,s:s?,s:s?,s:o,s:s,s:o,s:o,s:o}", "id", (json_int_t)p.id, "family_name", p.family_name,
                          "given_names", p.given_names, "dob", vg_json_date(p.dob), "gender", vg_gender_name(p.gender),
                          "aliases", aliases ? aliases : json_array(), "contacts", contacts ? contacts : json_array(),
                          "markers", markers ? markers : json_array());
    vg_person_clear(&p);
    /* what the person was party to, newest first (restricted incidents left out) */
    vg_audit_recs recs = {0}; /* the person and every incident and crime of the history shown */
    vg_audit_recs_add(&recs, "person", id);
    history h = {svc, a, json_array(), &recs};
    vg_date lo, hi;
    (void)vg_date_from_ymd(1, 1, 1, &lo);
    (void)vg_date_from_ymd(9999, 12, 31, &hi);
    if (j && h.arr && (e = vg_store_person_events(svc->store, &id, 1, vg_date_time(lo), vg_date_time(hi), history_add, &h, err))) {
        json_decref(j);
        json_decref(h.arr);
        vg_audit_recs_free(&recs);
        return e;
    }
    if (j && h.arr) { /* the newest; every one: the history list */
        json_object_set_new(j, "history_total", json_integer((json_int_t)json_array_size(h.arr)));
        while (json_array_size(h.arr) > VG_PERSON_NEWEST)
            json_array_remove(h.arr, json_array_size(h.arr) - 1);
        size_t i;
        json_t *ev;
        json_array_foreach(h.arr, i, ev) {
            bool crime = !strcmp(json_string_value(json_object_get(ev, "kind")), "crime");
            vg_audit_recs_add(&recs, crime ? "crime" : "incident", json_integer_value(json_object_get(ev, "id")));
        }
        json_object_set_new(j, "history", h.arr);
    } else
        json_decref(h.arr);
    e = vg_audit_view_recs(svc, a, what, &recs, "read a person record", j, out, err);
    vg_audit_recs_free(&recs);
    return e;
}

vg_err vg_service_location_view(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err)
{
    *out = NULL;
    char what[48];
    vg_err e = vg_access_read(svc, a, VG_PERM_LOCATION_READ, "location", id, what, sizeof what, err);
    if (e)
        return e;
    vg_location l;
    vg_location_init(&l);
    if ((e = vg_store_location_get(svc->store, id, &l, err))) {
        vg_location_clear(&l);
        return e == VG_ERR_NOT_FOUND ? vg_access_not_found(svc, a, "location", id, "no such record", err) : e;
    }
    json_t *j = json_pack("{s:I,s:s,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?}", "id", (json_int_t)l.id, "kind",
                          vg_location_kind_name(l.kind), "flat", l.flat, "number", l.number, "building", l.building,
                          "street", l.street, "locality", l.locality, "town", l.town, "postcode", l.postcode, "lsoa_code",
                          l.lsoa_code);
    if (j && l.has_wgs84) {
        json_object_set_new(j, "lat", json_real(l.lat));
        json_object_set_new(j, "lon", json_real(l.lon));
        /* where the position comes from: its own, or its postcode's centre */
        json_object_set_new(j, "placed", json_string(l.at_postcode_centre ? "postcode_centre" : "own"));
    }
    char line[1024];
    vg_location_line(&l, line, sizeof line);
    vg_location_clear(&l);
    if (j)
        json_object_set_new(j, "address", json_string(line));
    /* the newest incidents there, for a reader who may read incidents (all of them: the
     * incidents list, filtered to the place) */
    vg_audit_recs recs = {0};
    vg_audit_recs_add(&recs, "location", id);
    if (j && vg_actor_can(a, VG_PERM_INCIDENT_READ)) {
        list_ctx l2 = {svc, a, json_array(), {0}};
        e = l2.arr ? vg_store_location_incident_ids(svc->store, id, VG_LOCATION_NEWEST, list_incident, &l2, err) : VG_ERR_NOMEM;
        for (size_t i = 0; !e && i < l2.recs.n; i++)
            if (!vg_audit_recs_add_once(&recs, l2.recs.v[i].kind, l2.recs.v[i].id))
                e = VG_ERR_NOMEM;
        vg_audit_recs_free(&l2.recs);
        if (e)
            json_decref(l2.arr);
        else if (json_object_set_new(j, "incidents", l2.arr)) /* takes the array even when it fails */
            e = VG_ERR_NOMEM;
        if (e) {
            json_decref(j);
            vg_audit_recs_free(&recs);
            return e != VG_ERR_NOMEM ? e : nomem(err, "location");
        }
    }
    e = vg_audit_view_recs(svc, a, what, &recs, "read a location", j, out, err);
    vg_audit_recs_free(&recs);
    return e;
}

/* ---- lookups as JSON */

json_t *vg_lookup_to_json(const vg_lookup_result *r)
{
    char *text = vg_lookup_json_text(r, NULL);
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    return j;
}

char *vg_lookup_json_text(const vg_lookup_result *r, size_t *len)
{
    vg_json_writer w = {0};
    vg_jw_raw(&w, "{\"records\":");
    vg_jw_int(&w, (json_int_t)r->records);
    vg_jw_raw(&w, ",\"threshold\":");
    vg_jw_real(&w, r->threshold);
    vg_jw_raw(&w, ",\"search_ms\":");
    vg_jw_real(&w, round(r->micros) / 1000.0);
    vg_jw_raw(&w, ",\"candidates\":[");
    for (size_t i = 0; i < r->n; i++) {
        if (i)
            vg_jw_raw(&w, ",");
        vg_candidate_write(&w, &r->cand[i]);
    }
    vg_jw_raw(&w, "],\"briefing\":");
    if (r->has_briefing)
        vg_person_briefing_write(&w, &r->briefing);
    else
        vg_jw_raw(&w, "null");
    vg_jw_raw(&w, "}");
    return vg_jw_finish(&w, len);
}

/* ---- read receipts */

vg_err vg_service_incident_receipt(vg_service *svc, const vg_actor *a, vg_id incident, const char *queue, vg_error *err)
{
    char what[48];
    vg_err e = vg_access_read(svc, a, VG_PERM_QUEUE, "incident", incident, what, sizeof what, err);
    if (e)
        return e;
    vg_incident inc;
    vg_incident_init(&inc);
    e = vg_store_incident_get(svc->store, incident, &inc, err);
    vg_incident_clear(&inc);
    if (e)
        return e;
    if (a->user_id == 0)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "receipt", "only a signed-in user can acknowledge a briefing");
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_read_receipt_put(svc->store, incident, a->user_id, queue ? queue : "dispatch", vg_time_now(), err);
    if (!e)
        e = vg_audit_write(svc, a, VG_AUDIT_CONSULT, what, NULL, "acknowledged the briefing (read receipt)", err);
    if (!e)
        e = vg_store_commit(svc->store, err);
    else
        vg_store_rollback(svc->store);
    return e;
}

/* ---- the live queues */

static bool known_queue(const char *name) { return name && strcmp(name, "dispatch") == 0; }

vg_err vg_service_queue_open(vg_service *svc, const vg_actor *a, const char *name, vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_QUEUE, "queue", err);
    if (e)
        return e;
    if (!known_queue(name))
        return vg_error_set(err, VG_ERR_NOT_FOUND, "queue", "no queue '%s' (there is: dispatch)", name ? name : "");
    char what[64];
    snprintf(what, sizeof what, "queue:%.40s", name);
    return vg_audit_commit(svc, a, VG_AUDIT_CONSULT, what, NULL, "subscribe to a live queue", err);
}

vg_err vg_service_queue_delivered(vg_service *svc, const vg_actor *a, vg_id incident, const char *queue, vg_error *err)
{
    char what[48], why[80];
    snprintf(what, sizeof what, "incident:%lld", (long long)incident);
    snprintf(why, sizeof why, "briefing pushed to the %.40s queue", queue ? queue : "dispatch");
    return vg_audit_commit(svc, a, VG_AUDIT_CONSULT, what, NULL, why, err);
}
