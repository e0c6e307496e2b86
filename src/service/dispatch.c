/* dispatch.c - the control room's work on an incident after the call: updates,
 * re-grading, closing and cancelling (the incident's log), and the dispatch board with
 * each open incident's state (acknowledged, assigned, at scene). Every change is one
 * transaction: the log entry, the state and the audit entry together. */
#include "base/alloc.h"
#include "base/limits.h"
#include "base/str.h"
#include "io/json_out.h"
#include "service/service_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static vg_permission permission_of(vg_entry_kind k)
{
    return k == VG_EK_ACKNOWLEDGE || k == VG_EK_ASSIGN || k == VG_EK_STATUS ? VG_PERM_DISPATCH : VG_PERM_INCIDENT_UPDATE;
}

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* What the change asks for, checked against the incident as it stands: the entry to log
 * and the state after it, or why not (nothing written). */
static vg_err plan(const vg_incident *inc, const vg_dispatch_state *was, const vg_incident_change *c,
                   vg_incident_entry *en, vg_dispatch_state *now, vg_thrive *grade, vg_error *err)
{
    *now = *was;
    *grade = inc->thrive;
    en->kind = c->kind;
    en->text = (char *)(blank(c->text) ? NULL : c->text);
    const char *field = c->kind == VG_EK_CANCEL || c->kind == VG_EK_GRADE ? "reason" : "text";
    vg_err e = vg_limit_check(VG_LIM_NOTE, field, c->text, err);
    if (e)
        return e;
    size_t bad;
    if (c->text && !vg_utf8_valid(c->text, strlen(c->text), &bad))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, field, "not UTF-8 text (byte %zu)", bad + 1);
    if (c->unit && !vg_utf8_valid(c->unit, strlen(c->unit), &bad))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "unit", "not UTF-8 text (byte %zu)", bad + 1);
    bool closed = inc->closed_at != VG_TIME_NONE;
    if (closed && c->kind != VG_EK_UPDATE)
        return vg_error_set(err, VG_ERR_CONFLICT, "incident", "incident %s is closed%s%s: only an update can be added",
                            inc->reference ? inc->reference : "", was->closure < VG_CL_COUNT ? " as " : "",
                            was->closure < VG_CL_COUNT ? vg_closure_label(was->closure) : "");
    switch (c->kind) {
    case VG_EK_UPDATE:
        if (!en->text)
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "text", "say what was learnt or done");
        break;
    case VG_EK_GRADE:
        if (c->thrive == VG_THRIVE_UNGRADED || c->thrive >= VG_THRIVE_COUNT)
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "thrive", "choose a grade: immediate, priority, scheduled or no_deployment");
        if (c->thrive == inc->thrive)
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "thrive", "the incident is graded %s already", vg_thrive_name(c->thrive));
        if (!en->text)
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "reason", "say why the grade changes");
        en->thrive_was = inc->thrive;
        en->thrive = *grade = c->thrive;
        break;
    case VG_EK_ACKNOWLEDGE:
        if (was->acknowledged_at != VG_TIME_NONE)
            return vg_error_set(err, VG_ERR_CONFLICT, "incident", "acknowledged already by %s",
                                was->acknowledged_name[0] ? was->acknowledged_name : "the operator");
        break;
    case VG_EK_ASSIGN:
        if (blank(c->unit))
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "unit", "name the officer or unit (a call sign)");
        if ((e = vg_limit_check(VG_LIM_CODE, "unit", c->unit, err)))
            return e;
        snprintf(now->unit, sizeof now->unit, "%s", c->unit);
        snprintf(en->unit, sizeof en->unit, "%s", c->unit);
        if (now->status == VG_DS_AWAITING)
            now->status = VG_DS_ASSIGNED;
        break;
    case VG_EK_STATUS:
        if (c->status == VG_DS_CLOSED || c->status >= VG_DS_COUNT)
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "status", "choose awaiting, assigned or at_scene (close with a closure code)");
        if (c->status != VG_DS_AWAITING && !now->unit[0])
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "status", "assign an officer or unit first");
        if (c->status == was->status)
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "status", "the incident is %s already", vg_dispatch_status_name(c->status));
        now->status = c->status;
        if (c->status == VG_DS_AWAITING)
            now->unit[0] = '\0'; /* the unit was stood down */
        break;
    case VG_EK_CLOSE:
        if (c->closure >= VG_CL_COUNT || c->closure == VG_CL_CANCELLED)
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "closure", "choose a closure code (advice, resolved, crime_recorded, referred, no_trace, duplicate); a mistaken call is cancelled instead");
        now->status = VG_DS_CLOSED;
        now->closure = en->closure = c->closure;
        break;
    case VG_EK_CANCEL:
        if (!en->text)
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "reason", "say why the call is cancelled");
        now->status = VG_DS_CLOSED;
        now->closure = en->closure = VG_CL_CANCELLED;
        break;
    default:
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "kind", "not a change to an incident");
    }
    en->status = now->status;
    return VG_OK;
}

vg_err vg_service_incident_change(vg_service *svc, const vg_actor *a, vg_id incident, const vg_incident_change *c,
                                  vg_dispatch_state *after, vg_error *err)
{
    char what[48];
    vg_err e = vg_access_read(svc, a, permission_of(c->kind), "incident", incident, what, sizeof what, err);
    if (e)
        return e;
    vg_incident inc;
    vg_incident_init(&inc);
    vg_dispatch_state was, now;
    vg_incident_entry en;
    memset(&en, 0, sizeof en);
    vg_thrive grade;
    if ((e = vg_store_begin(svc->store, err))) {
        vg_incident_clear(&inc);
        return e;
    }
    e = vg_store_incident_get(svc->store, incident, &inc, err);
    if (e == VG_ERR_NOT_FOUND) {
        vg_store_rollback(svc->store);
        vg_incident_clear(&inc);
        return vg_access_not_found(svc, a, "incident", incident, "no such record", err);
    }
    if (!e)
        e = vg_store_dispatch_get(svc->store, incident, &was, err);
    if (!e)
        e = plan(&inc, &was, c, &en, &now, &grade, err);
    vg_time at = vg_time_now();
    if (!e) {
        en.incident_id = incident;
        en.at = at;
        en.user_id = a->user_id;
        snprintf(en.user, sizeof en.user, "%s", a->username);
        if (c->kind == VG_EK_ACKNOWLEDGE || (now.acknowledged_at == VG_TIME_NONE && c->kind == VG_EK_ASSIGN)) {
            now.acknowledged_by = a->user_id; /* assigning a unit takes the incident on */
            now.acknowledged_at = at;
            snprintf(now.acknowledged_name, sizeof now.acknowledged_name, "%s", a->username);
        }
        now.updated_at = at;
        bool closing = c->kind == VG_EK_CLOSE || c->kind == VG_EK_CANCEL;
        e = vg_store_incident_entry_put(svc->store, &en, err);
        if (!e)
            e = vg_store_dispatch_put(svc->store, &now, err);
        if (!e && (grade != inc.thrive || closing))
            e = vg_store_incident_set_state(svc->store, incident, grade, closing ? at : inc.closed_at, err);
        if (!e && c->kind == VG_EK_ACKNOWLEDGE && a->user_id)
            e = vg_store_read_receipt_put(svc->store, incident, a->user_id, "dispatch", at, err);
    }
    if (!e) {
        char why[96];
        snprintf(why, sizeof why, "incident %s", vg_entry_kind_name(c->kind));
        e = vg_audit_write(svc, a, c->kind == VG_EK_ACKNOWLEDGE ? VG_AUDIT_CONSULT : VG_AUDIT_ALTER, what, NULL, why, err);
    }
    if (!e)
        e = vg_store_commit(svc->store, err);
    else
        vg_store_rollback(svc->store);
    vg_incident_clear(&inc);
    if (!e && after)
        *after = now;
    return e;
}

/* ---- the log and the state, as JSON */

static json_t *state_json(const vg_dispatch_state *d)
{
    json_t *ack = d->acknowledged_at == VG_TIME_NONE
                      ? json_null()
                      : json_pack("{s:s,s:o}", "by", d->acknowledged_name[0] ? d->acknowledged_name : "operator", "at",
                                  vg_json_time(d->acknowledged_at));
    return json_pack("{s:s,s:s,s:o,s:s?,s:s?,s:s?}", "status", vg_dispatch_status_name(d->status), "status_label",
                     vg_dispatch_status_label(d->status), "acknowledged", ack ? ack : json_null(), "unit",
                     d->unit[0] ? d->unit : NULL, "closure", d->closure < VG_CL_COUNT ? vg_closure_name(d->closure) : NULL,
                     "closure_label", d->closure < VG_CL_COUNT ? vg_closure_label(d->closure) : NULL);
}

static vg_err entry_json(void *ctx, const vg_incident_entry *en)
{
    json_t *arr = ctx;
    bool grade = en->kind == VG_EK_GRADE, closing = en->kind == VG_EK_CLOSE || en->kind == VG_EK_CANCEL;
    json_t *j = json_pack("{s:I,s:o,s:s,s:s,s:s?,s:s?,s:s?,s:s,s:s?,s:s?,s:s?}", "id", (json_int_t)en->id, "at",
                          vg_json_time(en->at), "by", en->user, "kind", vg_entry_kind_name(en->kind), "text", en->text,
                          "thrive", grade ? vg_thrive_name(en->thrive) : NULL, "thrive_was",
                          grade ? vg_thrive_name(en->thrive_was) : NULL, "status", vg_dispatch_status_name(en->status),
                          "closure", closing ? vg_closure_name(en->closure) : NULL, "closure_label",
                          closing ? vg_closure_label(en->closure) : NULL, "unit", en->unit[0] ? en->unit : NULL);
    return j && !json_array_append_new(arr, j) ? VG_OK : VG_ERR_NOMEM;
}

vg_err vg_incident_log_json(vg_service *svc, vg_id incident, json_t *view, vg_error *err)
{
    vg_dispatch_state d;
    json_t *log = json_array();
    if (!log)
        return vg_error_set(err, VG_ERR_NOMEM, "incident", "out of memory");
    vg_err e = vg_store_dispatch_get(svc->store, incident, &d, err);
    if (!e)
        e = vg_store_incident_entries_each(svc->store, incident, entry_json, log, err);
    if (e) {
        json_decref(log);
        return e == VG_ERR_NOMEM ? vg_error_set(err, VG_ERR_NOMEM, "incident", "out of memory") : e;
    }
    /* json_object_set_new takes its value even when it fails */
    if (json_object_set_new(view, "log", log) || json_object_set_new(view, "dispatch", state_json(&d)))
        return vg_error_set(err, VG_ERR_NOMEM, "incident", "out of memory");
    return VG_OK;
}

/* ---- the dispatch board */

typedef struct board {
    vg_service *svc;
    const vg_actor *a;
    vg_error *err;
    vg_board_item *v;
    char **narrative;
    size_t n, cap;
} board;

static vg_err board_item(void *ctx, const vg_board_item *it)
{
    board *b = ctx;
    if (!vg_thrive_deploys(it->thrive))
        return VG_OK; /* not graded yet, or resolved without sending anyone */
    bool visible;
    vg_err e = vg_access_visible(b->svc, b->a, "incident", it->incident_id, &visible, b->err);
    if (e || !visible)
        return e;
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        vg_board_item *v = vg_realloc(b->v, cap * sizeof *v);
        if (!v)
            return VG_ERR_NOMEM;
        b->v = v;
        char **t = vg_realloc(b->narrative, cap * sizeof *t);
        if (!t)
            return VG_ERR_NOMEM;
        b->narrative = t;
        b->cap = cap;
    }
    b->v[b->n] = *it;
    b->narrative[b->n] = it->narrative ? vg_strdup(it->narrative) : NULL;
    if (it->narrative && !b->narrative[b->n])
        return VG_ERR_NOMEM;
    b->v[b->n].narrative = b->narrative[b->n];
    b->n++;
    return VG_OK;
}

/* By grade (immediate first), then the longest waiting. */
static int board_order(const void *x, const void *y)
{
    const vg_board_item *a = x, *b = y;
    int ra = vg_thrive_rank(a->thrive), rb = vg_thrive_rank(b->thrive);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (a->received_at != b->received_at)
        return a->received_at < b->received_at ? -1 : 1;
    return a->incident_id < b->incident_id ? -1 : a->incident_id > b->incident_id;
}

static const char *js(const json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v ? v : "";
}

/* The briefing's people in words, and its flags and facts, for one card. */
static vg_err card_briefing(vg_service *svc, const vg_actor *a, vg_id incident, json_t *card, vg_audit_recs *recs)
{
    json_t *people = json_array(), *flags = json_array(), *facts = json_array();
    if (!people || !flags || !facts) {
        json_decref(people);
        json_decref(flags);
        json_decref(facts);
        return VG_ERR_NOMEM;
    }
    json_t *b = vg_briefing_shown(svc, a, incident, recs);
    bool repeat = false, vulnerable = false;
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(b, "people"), i, p) {
        const char *name = json_string_value(json_object_get(p, "name"));
        const json_t *m = json_object_get(p, "matched");
        char full[256];
        if ((!name || !*name) && m)
            snprintf(full, sizeof full, "%s %s", js(m, "given_names"), js(m, "family_name"));
        else
            snprintf(full, sizeof full, "%s", name && *name ? name : "no name given");
        const char *role = js(p, "role");
        bool rv = json_is_true(json_object_get(p, "repeat_victim")), vu = json_is_true(json_object_get(p, "vulnerable"));
        repeat |= rv;
        vulnerable |= vu;
        json_array_append_new(people, json_pack("{s:s,s:s,s:b,s:b,s:b}", "role", role, "name", full,
                                                "repeat_victim", rv, "vulnerable", vu, "new_to_us",
                                                json_is_true(json_object_get(p, "new_person"))));
        size_t k;
        json_t *r;
        json_array_foreach(json_object_get(p, "reasons"), k, r) {
            char fact[600];
            snprintf(fact, sizeof fact, "%s: %s", full, json_string_value(r) ? json_string_value(r) : "");
            json_array_append_new(facts, json_string(fact));
        }
        json_int_t pid = json_integer_value(json_object_get(p, "person_id"));
        if (pid)
            vg_audit_recs_add_once(recs, "person", (vg_id)pid);
    }
    const json_t *loc = json_object_get(b, "location");
    bool repeat_location = json_is_true(json_object_get(loc, "repeat_location"));
    json_array_foreach(json_object_get(loc, "reasons"), i, p) {
        char fact[600];
        snprintf(fact, sizeof fact, "The place: %s", json_string_value(p) ? json_string_value(p) : "");
        json_array_append_new(facts, json_string(fact));
    }
    if (repeat)
        json_array_append_new(flags, json_string("Repeat victim"));
    if (vulnerable)
        json_array_append_new(flags, json_string("Vulnerable"));
    if (repeat_location)
        json_array_append_new(flags, json_string("Repeat location"));
    json_decref(b);
    json_object_set_new(card, "people", people);
    json_object_set_new(card, "flags", flags);
    json_object_set_new(card, "facts", facts);
    return VG_OK;
}

vg_err vg_service_dispatch_board(vg_service *svc, const vg_actor *a, size_t max, json_t **out, vg_error *err)
{
    *out = NULL;
    vg_err e = vg_access_require(svc, a, VG_PERM_QUEUE, "dispatch board", err);
    if (e)
        return e;
    board b = {svc, a, err, NULL, NULL, 0, 0};
    e = vg_store_board_each(svc->store, board_item, &b, err);
    if (e == VG_ERR_NOMEM)
        e = vg_error_set(err, VG_ERR_NOMEM, "dispatch board", "out of memory");
    if (!e && b.n)
        qsort(b.v, b.n, sizeof *b.v, board_order);
    json_t *cards = e ? NULL : json_array();
    vg_audit_recs recs = {0};
    vg_time now = vg_time_now();
    size_t shown = b.n < max ? b.n : max;
    for (size_t i = 0; !e && cards && i < shown; i++) {
        const vg_board_item *it = &b.v[i];
        long long waiting = (long long)(now - it->received_at) / 60;
        char address[1024] = "";
        if (it->location_id) {
            vg_location l;
            vg_location_init(&l);
            vg_error ignore;
            if (vg_store_location_get(svc->store, it->location_id, &l, &ignore) == VG_OK)
                vg_location_line(&l, address, sizeof address);
            vg_location_clear(&l);
        }
        json_t *card = json_pack(
            "{s:I,s:s,s:o,s:I,s:s,s:s,s:s,s:s,s:s,s:s?,s:o}", "id", (json_int_t)it->incident_id, "reference",
            it->reference, "received", vg_json_time(it->received_at), "waiting_minutes", (json_int_t)(waiting < 0 ? 0 : waiting),
            "thrive", vg_thrive_name(it->thrive), "thrive_label", vg_thrive_label(it->thrive), "category",
            vg_category_name(it->category), "category_label", vg_category_label(it->category), "address",
            address[0] ? address : "no fixed location", "what", it->narrative, "state", state_json(&it->state));
        vg_audit_recs_add(&recs, "incident", it->incident_id);
        if (it->location_id)
            vg_audit_recs_add_once(&recs, "location", it->location_id);
        if (!card || card_briefing(svc, a, it->incident_id, card, &recs) || json_array_append(cards, card))
            e = vg_error_set(err, VG_ERR_NOMEM, "dispatch board", "out of memory");
        json_decref(card);
    }
    if (!e && !cards)
        e = vg_error_set(err, VG_ERR_NOMEM, "dispatch board", "out of memory");
    for (size_t i = 0; i < b.n; i++)
        vg_free(b.narrative[i]);
    vg_free(b.narrative);
    vg_free(b.v);
    if (e) {
        json_decref(cards);
        vg_audit_recs_free(&recs);
        return e;
    }
    json_t *j = json_pack("{s:I,s:I,s:o}", "total", (json_int_t)b.n, "shown", (json_int_t)shown, "incidents", cards);
    char what[64];
    snprintf(what, sizeof what, "dispatch board (%zu incidents)", shown);
    e = vg_audit_view_recs(svc, a, what, &recs, "the dispatch board", j, out, err);
    vg_audit_recs_free(&recs);
    return e;
}
