/* history.c - persons' names, histories, markers and restrictions in memory, for
 * lookups (see history.h).
 *
 * Layout: one slot per person id (ids are SQLite row ids, dense from 1) holding offsets
 * into three append-only arrays: names ("given\0family\0"), events and markers. A
 * person's events and markers are contiguous; a reload appends the person's new ones and
 * points the slot at them (the old ones stay unused until the next rebuild). */
#include "service/history.h"
#include "base/alloc.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

typedef struct slot {
    uint32_t name; /* offset in names; 0: no record */
    vg_date dob;
    uint32_t ev, n_ev, mk, n_mk;
} slot;

typedef struct event {
    int64_t event_id, incident_id;
    vg_time when;
    uint32_t ref;   /* crimes: the reference's offset in names (0: none), for the briefing's words */
    char offence[7]; /* a Home Office code is at most 6 characters */
    uint8_t is_crime, role, category, status, outcome;
} event;

typedef struct marker {
    char code[16];
    uint8_t kind;
    vg_date from, to;
} marker;

typedef struct restriction {
    vg_id record, user;
} restriction;

struct vg_history {
    slot *slots;
    size_t n_slots;
    char *names;
    size_t n_names, cap_names;
    event *ev;
    size_t n_ev, cap_ev;
    marker *mk;
    size_t n_mk, cap_mk;
    restriction *rs;
    size_t n_rs, cap_rs;
};

vg_err vg_history_new(vg_history **out)
{
    vg_history *h = vg_calloc(1, sizeof *h);
    if (!h || vg_grow((void **)&h->names, &h->cap_names, 0, 1, 1024)) {
        vg_free(h);
        return VG_ERR_NOMEM;
    }
    h->n_names = 1; /* offset 0 means "none" */
    h->names[0] = '\0';
    *out = h;
    return VG_OK;
}

void vg_history_free(vg_history *h)
{
    if (!h)
        return;
    vg_free(h->slots);
    vg_free(h->names);
    vg_free(h->ev);
    vg_free(h->mk);
    vg_free(h->rs);
    vg_free(h);
}

size_t vg_history_bytes(const vg_history *h)
{
    return h->n_slots * sizeof(slot) + h->cap_names + h->cap_ev * sizeof(event) + h->cap_mk * sizeof(marker) +
           h->cap_rs * sizeof(restriction);
}

/* The slot of a person id, made if new; NULL if the id is not usable or out of memory. */
static slot *slot_of(vg_history *h, vg_id id)
{
    if (id <= 0 || id > (vg_id)UINT32_MAX * 4)
        return NULL;
    if ((size_t)id >= h->n_slots) {
        size_t n = h->n_slots ? h->n_slots : 1024;
        while (n <= (size_t)id)
            n *= 2;
        slot *s = vg_realloc(h->slots, n * sizeof *s);
        if (!s)
            return NULL;
        memset(s + h->n_slots, 0, (n - h->n_slots) * sizeof *s);
        h->slots = s;
        h->n_slots = n;
    }
    return &h->slots[id];
}

static const slot *slot_get(const vg_history *h, vg_id id)
{
    return id > 0 && (size_t)id < h->n_slots ? &h->slots[id] : NULL;
}

/* Room in names for need bytes in all; false if out of memory. */
static bool names_room(vg_history *h, size_t need)
{
    if (need > UINT32_MAX)
        return false;
    if (need > h->cap_names) {
        size_t ncap = h->cap_names;
        while (ncap < need)
            ncap *= 2;
        char *nv = vg_realloc(h->names, ncap);
        if (!nv)
            return false;
        h->names = nv;
        h->cap_names = ncap;
    }
    return true;
}

vg_err vg_history_name_set(vg_history *h, vg_id person, const char *given, const char *family, vg_date dob)
{
    slot *s = slot_of(h, person);
    if (!s)
        return VG_ERR_NOMEM;
    size_t gl = given ? strlen(given) : 0, fl = family ? strlen(family) : 0;
    size_t need = h->n_names + gl + fl + 2;
    if (!names_room(h, need))
        return VG_ERR_NOMEM;
    s->name = (uint32_t)h->n_names;
    s->dob = dob;
    memcpy(h->names + h->n_names, given ? given : "", gl + 1);
    memcpy(h->names + h->n_names + gl + 1, family ? family : "", fl + 1);
    h->n_names = need;
    return VG_OK;
}

/* ---- loading */

typedef struct loader {
    vg_history *h;
    vg_id person; /* whose events or markers are being appended */
} loader;

static vg_err event_seen(void *ctx, const vg_person_event *e)
{
    loader *l = ctx;
    vg_history *h = l->h;
    slot *s = slot_of(h, e->person_id);
    if (!s || vg_grow((void **)&h->ev, &h->cap_ev, h->n_ev, sizeof *h->ev, 1024) || h->n_ev >= UINT32_MAX)
        return VG_ERR_NOMEM;
    if (l->person != e->person_id) { /* the person's first: they are contiguous */
        l->person = e->person_id;
        s->ev = (uint32_t)h->n_ev;
        s->n_ev = 0;
    }
    uint32_t ref = 0;
    size_t rl = e->is_crime ? strlen(e->reference) : 0;
    if (rl) { /* a crime's reference, for the briefing to name it */
        if (!names_room(h, h->n_names + rl + 1))
            return VG_ERR_NOMEM;
        ref = (uint32_t)h->n_names;
        memcpy(h->names + h->n_names, e->reference, rl + 1);
        h->n_names += rl + 1;
    }
    event *v = &h->ev[h->n_ev++];
    *v = (event){.event_id = e->event_id, .incident_id = e->incident_id, .when = e->when, .ref = ref,
                 .is_crime = e->is_crime, .role = (uint8_t)e->role, .category = (uint8_t)e->category,
                 .status = (uint8_t)e->status, .outcome = (uint8_t)(e->outcome > 0 && e->outcome < 256 ? e->outcome : 0)};
    memcpy(v->offence, e->offence_code, strnlen(e->offence_code, sizeof v->offence - 1));
    s->n_ev++;
    return VG_OK;
}

static vg_err marker_seen(void *ctx, vg_id person, const vg_marker *m)
{
    loader *l = ctx;
    vg_history *h = l->h;
    slot *s = slot_of(h, person);
    if (!s || vg_grow((void **)&h->mk, &h->cap_mk, h->n_mk, sizeof *h->mk, 1024) || h->n_mk >= UINT32_MAX)
        return VG_ERR_NOMEM;
    if (l->person != person) {
        l->person = person;
        s->mk = (uint32_t)h->n_mk;
        s->n_mk = 0;
    }
    marker *v = &h->mk[h->n_mk++];
    memset(v, 0, sizeof *v);
    snprintf(v->code, sizeof v->code, "%s", m->code ? m->code : "");
    v->kind = (uint8_t)m->kind;
    v->from = m->valid_from;
    v->to = m->valid_to;
    s->n_mk++;
    return VG_OK;
}

static vg_err restriction_seen(void *ctx, vg_id record, vg_id user)
{
    vg_history *h = ctx;
    if (vg_grow((void **)&h->rs, &h->cap_rs, h->n_rs, sizeof *h->rs, 1024))
        return VG_ERR_NOMEM;
    h->rs[h->n_rs++] = (restriction){record, user};
    return VG_OK;
}

vg_err vg_history_restrictions(vg_history *h, vg_store *st, vg_error *err)
{
    h->n_rs = 0;
    vg_err e = vg_store_restrictions_each(st, "person", restriction_seen, h, err);
    if (e == VG_ERR_NOMEM)
        vg_error_set(err, e, "restrictions", "out of memory");
    return e;
}

static vg_err nomem(vg_err e, vg_error *err)
{
    return e == VG_ERR_NOMEM ? vg_error_set(err, e, "person history", "out of memory") : e;
}

vg_err vg_history_load(vg_history *h, vg_store *st, vg_error *err)
{
    loader l = {h, 0};
    vg_err e = vg_store_person_events_all(st, event_seen, &l, err);
    l.person = 0;
    if (!e)
        e = vg_store_person_markers_all(st, marker_seen, &l, err);
    if (!e)
        e = vg_history_restrictions(h, st, err);
    return nomem(e, err);
}

vg_err vg_history_reload(vg_history *h, vg_store *st, const vg_id *persons, size_t n, vg_error *err)
{
    vg_date lo, hi;
    (void)vg_date_from_ymd(1, 1, 1, &lo);
    (void)vg_date_from_ymd(9999, 12, 31, &hi);
    vg_err e = VG_OK;
    for (size_t i = 0; i < n && !e; i++) {
        char given[256], family[256];
        vg_date dob;
        if ((e = vg_store_person_name(st, persons[i], given, sizeof given, family, sizeof family, &dob, err)))
            break;
        if ((e = vg_history_name_set(h, persons[i], given, family, dob)))
            break;
        slot *s = slot_of(h, persons[i]);
        s->n_ev = s->n_mk = 0;
        loader l = {h, 0};
        if ((e = vg_store_person_events(st, &persons[i], 1, vg_date_time(lo), vg_date_time(hi), event_seen, &l, err)))
            break;
        vg_person rec;
        if ((e = vg_store_person_get(st, persons[i], &rec, err)))
            break;
        l.person = 0;
        for (size_t k = 0; k < rec.n_markers && !e; k++)
            e = marker_seen(&l, persons[i], &rec.markers[k]);
        vg_person_clear(&rec);
    }
    return nomem(e, err);
}

/* ---- reads */

bool vg_history_name(const vg_history *h, vg_id person, char *given, size_t gn, char *family, size_t fn, vg_date *dob)
{
    const slot *s = slot_get(h, person);
    if (!s || !s->name)
        return false;
    const char *g = h->names + s->name;
    snprintf(given, gn, "%s", g);
    snprintf(family, fn, "%s", g + strlen(g) + 1);
    *dob = s->dob;
    return true;
}

bool vg_history_visible(const vg_history *h, vg_id person, const vg_actor *a)
{
    if (a->role == VG_UR_OPERATOR)
        return true;
    size_t lo = 0, hi = h->n_rs; /* first entry for the record */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->rs[mid].record < person)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == h->n_rs || h->rs[lo].record != person)
        return true; /* not restricted */
    for (size_t i = lo; i < h->n_rs && h->rs[i].record == person; i++)
        if (h->rs[i].user == a->user_id)
            return true;
    return false;
}

static int event_order(const void *pa, const void *pb)
{
    const vg_person_event *a = pa, *b = pb;
    if (a->when != b->when)
        return a->when < b->when ? -1 : 1;
    if (a->is_crime != b->is_crime)
        return a->is_crime ? 1 : -1;
    return a->event_id < b->event_id ? -1 : a->event_id > b->event_id;
}

vg_err vg_history_flags(const vg_history *h, const vg_briefing_config *cfg, const vg_id *ids, size_t n_ids, vg_time at,
                        vg_category cat, vg_role role, vg_date dob, vg_person_flags *out)
{
    size_t n_ev = 0, n_mk = 0;
    for (size_t i = 0; i < n_ids; i++) {
        const slot *s = slot_get(h, ids[i]);
        if (s) {
            n_ev += s->n_ev;
            n_mk += s->n_mk;
        }
    }
    enum { LOCAL = 256 };
    vg_person_event local_ev[LOCAL];
    vg_marker local_mk[64];
    vg_person_event *ev = n_ev <= LOCAL ? local_ev : vg_malloc(n_ev * sizeof *ev);
    vg_marker *mk = n_mk <= 64 ? local_mk : vg_malloc(n_mk * sizeof *mk);
    if (!ev || !mk) {
        if (ev != local_ev)
            vg_free(ev);
        if (mk != local_mk)
            vg_free(mk);
        return VG_ERR_NOMEM;
    }
    size_t ne = 0, nm = 0;
    for (size_t i = 0; i < n_ids; i++) {
        const slot *s = slot_get(h, ids[i]);
        if (!s)
            continue;
        for (uint32_t k = 0; k < s->n_ev; k++) {
            const event *v = &h->ev[s->ev + k];
            if (v->when >= at)
                continue;
            vg_person_event *e = &ev[ne++];
            *e = (vg_person_event){.person_id = ids[i], .is_crime = v->is_crime, .event_id = v->event_id,
                                   .incident_id = v->incident_id, .role = (vg_role)v->role, .when = v->when,
                                   .category = (vg_category)v->category, .status = (vg_crime_status)v->status,
                                   .outcome = v->outcome};
            memcpy(e->offence_code, v->offence, sizeof v->offence);
            e->offence_code[sizeof v->offence] = '\0';
            if (v->ref)
                snprintf(e->reference, sizeof e->reference, "%s", h->names + v->ref);
        }
        /* every record's markers, once per code */
        for (uint32_t k = 0; k < s->n_mk; k++) {
            const marker *m = &h->mk[s->mk + k];
            bool dup = false;
            for (size_t j = 0; j < nm && !dup; j++)
                dup = strcmp(mk[j].code, m->code) == 0;
            if (!dup)
                mk[nm++] = (vg_marker){(vg_marker_kind)m->kind, (char *)m->code, NULL, m->from, m->to};
        }
        if (dob == VG_DATE_NONE && s->name)
            dob = s->dob;
    }
    qsort(ev, ne, sizeof *ev, event_order);
    vg_briefing_person(cfg, at, cat, role, ev, ne, mk, nm, dob, out);
    vg_briefing_records_reason(ids, n_ids, out);
    if (ev != local_ev)
        vg_free(ev);
    if (mk != local_mk)
        vg_free(mk);
    return VG_OK;
}
