/* cases.c - the safety net: cases of shared concern (a person, household or location)
 * owned by one agency and shared with named agencies field by field, under a recorded
 * legal gateway and purpose. A reader from another agency sees a case only while it is
 * shared with their agency, and only the fields shared; police intelligence behind the
 * case (incidents, person records) never comes with it. */
#include "base/alloc.h"
#include "base/limits.h"
#include "base/str.h"
#include "service/service_int.h"

#include <stdio.h>
#include <string.h>

/* The fields that can be shared; the title, status and owner always go with a share. */
static const char *const shareable[] = {"subject", "summary", "risk", "actions", "notes"};
#define N_SHAREABLE (sizeof shareable / sizeof shareable[0])

static bool has_word(const char *list, const char *word) { return vg_str_word_in(vg_str_c(word), list); }

typedef struct share_find {
    vg_id agency;
    bool found;
    vg_case_share share;
    json_t *list; /* all shares, for the owner's view */
    vg_service *svc;
} share_find;

static vg_err share_seen(void *ctx, const vg_case_share *sh)
{
    share_find *f = ctx;
    if (sh->agency_id == f->agency) {
        f->found = true;
        f->share = *sh;
    }
    if (f->list) {
        vg_agency ag;
        vg_error ignore;
        char at[VG_TIME_LEN];
        vg_time_format(sh->shared_at, at);
        if (vg_store_agency_get(f->svc->store, sh->agency_id, NULL, &ag, &ignore) != VG_OK)
            snprintf(ag.code, sizeof ag.code, "?");
        json_t *fields = json_array();
        for (size_t i = 0; fields && i < N_SHAREABLE; i++)
            if (has_word(sh->fields, shareable[i]))
                json_array_append_new(fields, json_string(shareable[i]));
        json_array_append_new(f->list, json_pack("{s:s,s:s,s:o,s:s,s:s,s:s}", "agency", ag.code, "agency_name",
                                                 ag.name, "fields", fields ? fields : json_array(), "gateway",
                                                 sh->gateway, "purpose", sh->purpose, "shared_at", at));
    }
    return VG_OK;
}

/* What the actor may see of case c: nothing (false), everything (*all), or the fields
 * of the share with their agency (*share). */
static vg_err case_access(vg_service *svc, const vg_actor *a, const vg_case_rec *c, bool *visible, bool *all,
                          vg_case_share *share, vg_error *err)
{
    *visible = *all = false;
    if (a->role == VG_UR_OPERATOR || a->agency_id == c->owner_agency) {
        *visible = *all = true;
        return VG_OK;
    }
    share_find f = {.agency = a->agency_id};
    vg_err e = vg_store_case_shares_each(svc->store, c->id, share_seen, &f, err);
    if (e)
        return e;
    *visible = f.found;
    if (f.found)
        *share = f.share;
    return VG_OK;
}

static json_t *case_json(vg_service *svc, const vg_case_rec *c, bool all, const vg_case_share *share)
{
    vg_agency owner;
    vg_error ignore;
    if (vg_store_agency_get(svc->store, c->owner_agency, NULL, &owner, &ignore) != VG_OK)
        snprintf(owner.code, sizeof owner.code, "?");
    char at[VG_TIME_LEN];
    vg_time_format(c->created_at, at);
    json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)c->id, "title", c->title, "status", c->status,
                          "owner_agency", owner.code, "owner_agency_name", owner.code[0] == '?' ? "?" : owner.name,
                          "created_at", at);
    if (!j)
        return NULL;
    const char *fields = all ? "subject summary risk actions notes" : share->fields;
    if (has_word(fields, "subject")) {
        json_t *sub = json_pack("{s:s,s:o,s:o}", "kind", c->subject_kind, "person_id",
                                c->person_id ? json_integer(c->person_id) : json_null(), "location_id",
                                c->location_id ? json_integer(c->location_id) : json_null());
        /* who or where, in words: what is shared is the subject itself (named in the consultation) */
        char given[256], family[256], words[600];
        vg_date dob = VG_DATE_NONE;
        if (sub && c->person_id &&
            vg_store_person_name(svc->store, c->person_id, given, sizeof given, family, sizeof family, &dob, &ignore) ==
                VG_OK) {
            char d[VG_DATE_WORDS_LEN] = "";
            if (dob != VG_DATE_NONE)
                vg_date_words(dob, d);
            snprintf(words, sizeof words, "%s %s%s%s", given, family, d[0] ? ", born " : "", d);
            json_object_set_new(sub, "name", json_string(words));
        } else if (sub && c->location_id) {
            (void)vg_address_json(svc, c->location_id, sub);
        }
        json_object_set_new(j, "subject", sub);
    }
    if (has_word(fields, "summary"))
        json_object_set_new(j, "summary", json_string(c->summary ? c->summary : ""));
    if (has_word(fields, "risk"))
        json_object_set_new(j, "risk", json_string(c->risk ? c->risk : ""));
    if (has_word(fields, "actions"))
        json_object_set_new(j, "actions", json_string(c->actions ? c->actions : ""));
    if (all) {
        share_find f = {.agency = -1, .list = json_array(), .svc = svc};
        if (f.list && vg_store_case_shares_each(svc->store, c->id, share_seen, &f, &ignore) == VG_OK)
            json_object_set_new(j, "shares", f.list);
        else
            json_decref(f.list);
    } else {
        json_t *shared = json_array();
        for (size_t i = 0; shared && i < N_SHAREABLE; i++)
            if (has_word(share->fields, shareable[i]))
                json_array_append_new(shared, json_string(shareable[i]));
        json_object_set_new(j, "shared_fields", shared ? shared : json_array());
        json_object_set_new(j, "gateway", json_string(share->gateway));
    }
    return j;
}

static vg_err done(vg_service *svc, vg_err e, vg_error *err)
{
    if (!e)
        e = vg_store_commit(svc->store, err);
    else
        vg_store_rollback(svc->store);
    return e;
}

/* The case if the actor may see it (else VG_ERR_NOT_FOUND: for them it does not exist). */
static vg_err case_for(vg_service *svc, const vg_actor *a, vg_id id, vg_case_rec *c, bool *all, vg_case_share *share,
                       vg_error *err)
{
    char what[48];
    vg_err e = vg_access_read(svc, a, VG_PERM_CASE_READ, "case", id, what, sizeof what, err);
    if (e)
        return e;
    if ((e = vg_store_case_get(svc->store, id, c, err)))
        return e == VG_ERR_NOT_FOUND ? vg_access_not_found(svc, a, "case", id, "no such case", err) : e;
    bool visible;
    if ((e = case_access(svc, a, c, &visible, all, share, err))) {
        vg_case_rec_free(c);
        return e;
    }
    if (!visible) {
        vg_case_rec_free(c);
        return vg_access_not_found(svc, a, "case", id, "not shared with the reader's agency", err);
    }
    return VG_OK;
}

/* Whether the actor sees all of the case (its owner) or what is shared, as case_for,
 * without keeping the record. */
static vg_err case_seen_as(vg_service *svc, const vg_actor *a, vg_id id, bool *all, vg_case_share *share,
                           vg_error *err)
{
    vg_case_rec c;
    vg_err e = case_for(svc, a, id, &c, all, share, err);
    if (!e)
        vg_case_rec_free(&c);
    return e;
}

/* The records a reader is shown of a case: the case, and its subject's person or place
 * records when the subject is theirs to see. */
static void note_case(vg_audit_recs *r, const vg_case_rec *c, bool all, const vg_case_share *share)
{
    vg_audit_recs_add(r, "case", c->id);
    if (all || has_word(share->fields, "subject")) {
        if (c->person_id)
            vg_audit_recs_add(r, "person", c->person_id);
        if (c->location_id)
            vg_audit_recs_add(r, "location", c->location_id);
    }
}

vg_err vg_service_case_view(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err)
{
    *out = NULL;
    vg_case_rec c;
    bool all;
    vg_case_share share;
    vg_err e = case_for(svc, a, id, &c, &all, &share, err);
    if (e)
        return e;
    json_t *j = case_json(svc, &c, all, &share);
    vg_audit_recs recs = {0};
    note_case(&recs, &c, all, &share);
    vg_case_rec_free(&c);
    char what[48];
    snprintf(what, sizeof what, "case:%lld", (long long)id);
    e = vg_audit_view_recs(svc, a, what, &recs, "safety net: read a case", j, out, err);
    vg_audit_recs_free(&recs);
    return e;
}

typedef struct list_ctx {
    vg_service *svc;
    const vg_actor *a;
    json_t *arr;
    vg_audit_recs recs;
} list_ctx;

static vg_err list_one(void *ctx, vg_id id)
{
    list_ctx *l = ctx;
    vg_error err;
    bool visible;
    vg_err e = vg_access_visible(l->svc, l->a, "case", id, &visible, &err);
    if (e || !visible)
        return e;
    vg_case_rec c;
    if ((e = vg_store_case_get(l->svc->store, id, &c, &err)))
        return e;
    bool all;
    vg_case_share share;
    if (!(e = case_access(l->svc, l->a, &c, &visible, &all, &share, &err)) && visible) {
        json_t *j = case_json(l->svc, &c, all, &share);
        if (!j || json_array_append_new(l->arr, j))
            e = VG_ERR_NOMEM;
        note_case(&l->recs, &c, all, &share);
    }
    vg_case_rec_free(&c);
    return e;
}

vg_err vg_service_case_list(vg_service *svc, const vg_actor *a, json_t **out, vg_error *err)
{
    *out = NULL;
    vg_err e = vg_access_require(svc, a, VG_PERM_CASE_READ, "cases", err);
    if (e)
        return e;
    list_ctx l = {svc, a, json_array(), {0}};
    if (!l.arr)
        return vg_error_set(err, VG_ERR_NOMEM, "cases", "out of memory");
    if ((e = vg_store_cases_each(svc->store, list_one, &l, err))) {
        json_decref(l.arr);
        vg_audit_recs_free(&l.recs);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "cases", "out of memory") : e;
    }
    char what[64];
    snprintf(what, sizeof what, "case list (%zu cases)", json_array_size(l.arr));
    e = vg_audit_view_recs(svc, a, what, &l.recs, "safety net: list cases", l.arr, out, err);
    vg_audit_recs_free(&l.recs);
    return e;
}

vg_err vg_service_case_create(vg_service *svc, const vg_actor *a, const vg_case_draft *d, json_t **out, vg_error *err)
{
    *out = NULL;
    vg_err e = vg_access_require(svc, a, VG_PERM_CASE_CREATE, "case", err);
    if (e)
        return e;
    if (!d->title || !*d->title)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "title", "required: what the case is about");
    if ((e = vg_limit_check(VG_LIM_TITLE, "title", d->title, err)))
        return e;
    const char *kind = d->subject_kind ? d->subject_kind : "";
    if (strcmp(kind, "person") && strcmp(kind, "household") && strcmp(kind, "location"))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "subject_kind", "must be person, household or location");
    if (d->person_id && strcmp(kind, "person") != 0)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "person_id", "only for a case about a person");
    /* naming a police record as the subject is a police user's decision */
    if ((d->person_id || d->location_id) && !a->police)
        return vg_error_set(err, VG_ERR_FORBIDDEN, d->person_id ? "person_id" : "location_id",
                            "partners cannot attach police records; ask the force to open the case");
    if ((e = vg_limit_check(VG_LIM_CASE_TEXT, "summary", d->summary, err)) ||
        (e = vg_limit_check(VG_LIM_CASE_TEXT, "risk", d->risk, err)) ||
        (e = vg_limit_check(VG_LIM_CASE_TEXT, "actions", d->actions, err)))
        return e;
    vg_case_rec c;
    memset(&c, 0, sizeof c);
    snprintf(c.title, sizeof c.title, "%s", d->title);
    snprintf(c.subject_kind, sizeof c.subject_kind, "%s", kind);
    c.person_id = d->person_id;
    c.location_id = d->location_id;
    c.owner_agency = a->agency_id;
    c.created_by = a->user_id;
    c.created_at = vg_time_now();
    snprintf(c.status, sizeof c.status, "open");
    c.summary = (char *)(d->summary ? d->summary : "");
    c.risk = (char *)(d->risk ? d->risk : "");
    c.actions = (char *)(d->actions ? d->actions : "");
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    if (d->person_id) {
        vg_person p;
        vg_person_init(&p);
        e = vg_store_person_get(svc->store, d->person_id, &p, err);
        vg_person_clear(&p);
    }
    if (!e && d->location_id) {
        vg_location l;
        vg_location_init(&l);
        e = vg_store_location_get(svc->store, d->location_id, &l, err);
        vg_location_clear(&l);
    }
    if (e == VG_ERR_NOT_FOUND)
        e = vg_error_set(err, VG_ERR_INVALID_INPUT, d->person_id ? "person_id" : "location_id", "no such record");
    if (!e)
        e = vg_store_case_put(svc->store, &c, err);
    char what[160];
    int k = snprintf(what, sizeof what, "case:%lld", (long long)c.id);
    if (c.person_id)
        k += snprintf(what + k, sizeof what - (size_t)k, " person:%lld", (long long)c.person_id);
    if (c.location_id)
        snprintf(what + k, sizeof what - (size_t)k, " location:%lld", (long long)c.location_id);
    if (!e)
        e = vg_audit_write(svc, a, VG_AUDIT_COLLECT, what, NULL, "safety net: open a case", err);
    if ((e = done(svc, e, err)))
        return e;
    vg_case_share none;
    memset(&none, 0, sizeof none);
    if (!(*out = case_json(svc, &c, true, &none)))
        return vg_error_set(err, VG_ERR_NOMEM, "case", "out of memory");
    return VG_OK;
}

/* The case, for changing its shares: only its owner agency's users with case.share. */
static vg_err case_owned(vg_service *svc, const vg_actor *a, vg_id id, const char *agency_code, vg_agency *ag,
                         vg_error *err)
{
    char what[48];
    snprintf(what, sizeof what, "case:%lld", (long long)id);
    vg_err e = vg_access_require(svc, a, VG_PERM_CASE_SHARE, what, err);
    if (e)
        return e;
    vg_case_rec c;
    bool all;
    vg_case_share share;
    if ((e = case_for(svc, a, id, &c, &all, &share, err)))
        return e;
    vg_case_rec_free(&c);
    if (!all)
        return vg_error_set(err, VG_ERR_FORBIDDEN, what, "only the agency that owns the case can change who it is shared with");
    if ((e = vg_store_agency_get(svc->store, 0, agency_code ? agency_code : "", ag, err)))
        return e == VG_ERR_NOT_FOUND ? vg_error_set(err, VG_ERR_INVALID_INPUT, "agency", "no agency with the code '%s'",
                                                    agency_code ? agency_code : "")
                                     : e;
    if (ag->id == a->agency_id && a->role != VG_UR_OPERATOR)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "agency", "the case already belongs to %s", ag->code);
    return VG_OK;
}

vg_err vg_service_case_share(vg_service *svc, const vg_actor *a, vg_id id, const char *agency_code, const char *fields,
                             const char *gateway, const char *purpose, vg_error *err)
{
    vg_agency ag;
    vg_err e = case_owned(svc, a, id, agency_code, &ag, err);
    if (e)
        return e;
    vg_case_share sh;
    memset(&sh, 0, sizeof sh);
    size_t k = 0;
    for (const char *p = fields ? fields : ""; *p;) {
        const char *sp = strchr(p, ' ');
        size_t w = sp ? (size_t)(sp - p) : strlen(p);
        bool known = false;
        for (size_t i = 0; i < N_SHAREABLE; i++)
            known = known || (strlen(shareable[i]) == w && memcmp(shareable[i], p, w) == 0);
        if (!known)
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "fields", "'%.*s' is not a shareable field (subject, summary, "
                                "risk, actions)", (int)w, p);
        if (k + w + 2 < sizeof sh.fields) {
            k += (size_t)snprintf(sh.fields + k, sizeof sh.fields - k, "%s%.*s", k ? " " : "", (int)w, p);
        }
        p += w + (sp ? 1 : 0);
    }
    if ((e = vg_limit_check(VG_LIM_GATEWAY, "gateway", gateway, err)) ||
        (e = vg_limit_check(VG_LIM_GATEWAY, "purpose", purpose, err)))
        return e;
    if (!gateway || strlen(gateway) < 3)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "gateway",
                            "required: the legal gateway, e.g. \"Crime and Disorder Act 1998 s.115\"");
    if (!purpose || strlen(purpose) < 3)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "purpose", "required: why the case is shared");
    sh.case_id = id;
    sh.agency_id = ag.id;
    snprintf(sh.gateway, sizeof sh.gateway, "%s", gateway);
    snprintf(sh.purpose, sizeof sh.purpose, "%s", purpose);
    sh.shared_by = a->user_id;
    sh.shared_at = vg_time_now();
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_case_share_put(svc->store, &sh, err);
    char what[300];
    snprintf(what, sizeof what, "case:%lld fields:%s", (long long)id, sh.fields[0] ? sh.fields : "(title only)");
    char why[420];
    snprintf(why, sizeof why, "%s (gateway: %s)", purpose, gateway);
    vg_actor disclosing = *a;
    snprintf(disclosing.purpose, sizeof disclosing.purpose, "%.199s", why);
    if (!e)
        e = vg_audit_write(svc, &disclosing, VG_AUDIT_DISCLOSE, what, ag.code, NULL, err);
    return done(svc, e, err);
}

vg_err vg_service_case_unshare(vg_service *svc, const vg_actor *a, vg_id id, const char *agency_code, vg_error *err)
{
    vg_agency ag;
    vg_err e = case_owned(svc, a, id, agency_code, &ag, err);
    if (e || (e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_case_share_delete(svc->store, id, ag.id, err);
    char what[64];
    snprintf(what, sizeof what, "case:%lld", (long long)id);
    if (!e)
        e = vg_audit_write(svc, a, VG_AUDIT_ALTER, what, ag.code, "safety net: stop sharing a case", err);
    return done(svc, e, err);
}

/* ---- joint actions */

typedef struct actions_ctx {
    vg_case_action *out;
    size_t n, cap;
    const vg_actor *a;
    bool all;          /* the reader's agency owns the case */
    bool shared;       /* the case's actions are shared with the reader's agency */
} actions_ctx;

/* A joint action follows the case's sharing: another agency's action (whose text may
 * name people) reaches a partner only if the case's actions are shared with them; their
 * own agency's actions they always see. */
static vg_err action_seen(void *ctx, const vg_case_action *act)
{
    actions_ctx *c = ctx;
    bool own = strcmp(act->agency, c->a->agency) == 0;
    if (!c->all && !c->shared && !own)
        return VG_OK;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        vg_case_action *grown = vg_realloc(c->out, cap * sizeof *grown);
        if (!grown)
            return VG_ERR_NOMEM;
        c->out = grown;
        c->cap = cap;
    }
    c->out[c->n] = *act;
    c->out[c->n].may_close = c->all || own;
    c->n++;
    return VG_OK;
}

vg_err vg_service_case_actions(vg_service *svc, const vg_actor *a, vg_id case_id, vg_case_action **out, size_t *n,
                               vg_error *err)
{
    *out = NULL;
    *n = 0;
    bool all;
    vg_case_share share;
    vg_err e = case_seen_as(svc, a, case_id, &all, &share, err);
    if (e)
        return e;
    actions_ctx ac = {NULL, 0, 0, a, all, all || has_word(share.fields, "actions")};
    if ((e = vg_store_case_actions(svc->store, case_id, action_seen, &ac, err))) {
        vg_free(ac.out);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "case", "out of memory") : e;
    }
    *out = ac.out;
    *n = ac.n;
    char what[48];
    snprintf(what, sizeof what, "case:%lld actions", (long long)case_id);
    if ((e = vg_audit_commit(svc, a, VG_AUDIT_CONSULT, what, NULL, "safety net: joint actions", err))) {
        vg_free(*out); /* nothing disclosed that the log does not hold */
        *out = NULL;
        *n = 0;
    }
    return e;
}

/* What the actor's agency writes on a case (a joint action, a note): the permission, the
 * text required and within its limit, the case one the agency sees, then the transaction
 * begun. what is the audit entry's "case:ID ..." */
static vg_err case_write_begin(vg_service *svc, const vg_actor *a, vg_id case_id, vg_permission p, const char *what,
                               const char *field, vg_limit lim, const char *text, const char *missing, vg_error *err)
{
    vg_err e = vg_access_require(svc, a, p, what, err);
    if (e)
        return e;
    if (!text || !*text)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, field, "%s", missing);
    if ((e = vg_limit_check(lim, field, text, err)))
        return e;
    bool all;
    vg_case_share share;
    if ((e = case_seen_as(svc, a, case_id, &all, &share, err)))
        return e;
    return vg_store_begin(svc->store, err);
}

vg_err vg_service_case_action_add(vg_service *svc, const vg_actor *a, vg_id case_id, const char *text, vg_date due,
                                  vg_id *id, vg_error *err)
{
    *id = 0;
    char what[64];
    snprintf(what, sizeof what, "case:%lld action", (long long)case_id);
    vg_err e = case_write_begin(svc, a, case_id, VG_PERM_CASE_CREATE, what, "text", VG_LIM_ACTION, text,
                                "describe the action", err);
    if (e)
        return e;
    e = vg_store_case_action_put(svc->store, case_id, a->agency_id, text, due, a->user_id, vg_time_now(), id, err);
    if (!e)
        e = vg_audit_write(svc, a, VG_AUDIT_COLLECT, what, NULL, "safety net: a joint action", err);
    return done(svc, e, err);
}

vg_err vg_service_case_action_done(vg_service *svc, const vg_actor *a, vg_id action, vg_id *case_id, vg_error *err)
{
    *case_id = 0;
    vg_case_action act;
    vg_err e = vg_store_case_action_get(svc->store, action, &act, err);
    if (e)
        return e;
    *case_id = act.case_id;
    vg_case_rec c;
    bool all;
    vg_case_share share;
    if ((e = case_for(svc, a, act.case_id, &c, &all, &share, err)))
        return e;
    vg_case_rec_free(&c);
    char what[64];
    snprintf(what, sizeof what, "case:%lld action:%lld", (long long)act.case_id, (long long)action);
    bool own = strcmp(act.agency, a->agency) == 0;
    if (!all && !own && !has_word(share.fields, "actions"))
        return vg_error_set(err, VG_ERR_NOT_FOUND, "action", "no action %lld", (long long)action);
    if (!all && !own)
        return vg_error_set(err, VG_ERR_FORBIDDEN, "action", "only %s or the case's owner can close this action",
                            act.agency);
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_case_action_done(svc->store, action, a->user_id, vg_time_now(), err);
    if (!e)
        e = vg_audit_write(svc, a, VG_AUDIT_ALTER, what, NULL, "safety net: an action done", err);
    return done(svc, e, err);
}

vg_err vg_service_restrict(vg_service *svc, const vg_actor *a, const char *kind, vg_id id, const char *username,
                           vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, "restriction", err);
    if (e)
        return e;
    if (!kind || (strcmp(kind, "incident") && strcmp(kind, "person") && strcmp(kind, "case")))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "kind", "must be incident, person or case");
    vg_user_auth u;
    if ((e = vg_store_user_get(svc->store, 0, username, &u, err)))
        return e == VG_ERR_NOT_FOUND ? vg_error_set(err, VG_ERR_INVALID_INPUT, "user", "no user '%s'", username) : e;
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_restriction_add(svc->store, kind, id, u.user.id, err);
    char what[96];
    snprintf(what, sizeof what, "%s:%lld user:%lld", kind, (long long)id, (long long)u.user.id);
    if (!e)
        e = vg_audit_write(svc, a, VG_AUDIT_ALTER, what, NULL, "restrict a record to named users", err);
    if ((e = done(svc, e, err)) == VG_OK && strcmp(kind, "person") == 0)
        vg_contact_restrictions_changed(svc); /* lookups hide the person at once */
    return e;
}

static vg_err seen_row(void *ctx, const vg_list_row *row)
{
    /* the audit list's columns: seq, at, username, role, agency, action, ... */
    json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s}", "at", row->cell[1] ? row->cell[1] : "", "username",
                          row->cell[2] ? row->cell[2] : "", "role", row->cell[3] ? row->cell[3] : "", "agency",
                          row->cell[4] ? row->cell[4] : "", "action", row->cell[5] ? row->cell[5] : "");
    return o && !json_array_append_new(ctx, o) ? VG_OK : VG_ERR_NOMEM;
}

vg_err vg_service_case_seen(vg_service *svc, const vg_actor *a, vg_id id, size_t max, json_t **out, vg_error *err)
{
    *out = NULL;
    bool all;
    vg_case_share share;
    vg_err e = case_seen_as(svc, a, id, &all, &share, err);
    if (e)
        return e;
    if (!all) /* who has seen it is the owner agency's to know */
        return vg_error_set(err, VG_ERR_FORBIDDEN, "case", "only the agency that owns the case sees who has seen it");
    vg_list_query q;
    vg_list_query_init(&q, VG_LIST_AUDIT);
    snprintf(q.filter[2], sizeof q.filter[2], "case:%lld", (long long)id);
    q.limit = max;
    q.now = vg_time_now();
    json_t *rows = json_array();
    int64_t total = 0, ahead;
    if (!rows)
        return vg_error_set(err, VG_ERR_NOMEM, "case", "out of memory");
    if ((e = vg_store_list(svc->store, &q, &total, &ahead, seen_row, rows, err))) {
        json_decref(rows);
        return e;
    }
    if (json_array_size(rows) > max)
        json_array_remove(rows, max);
    json_t *j = json_pack("{s:I,s:o}", "total", (json_int_t)total, "entries", rows);
    char what[64];
    snprintf(what, sizeof what, "case:%lld: who has seen it", (long long)id);
    return vg_audit_view(svc, a, what, "safety net: who has seen a case", j, out, err);
}

/* ---- notes */

vg_err vg_service_case_note_add(vg_service *svc, const vg_actor *a, vg_id case_id, const char *text, vg_error *err)
{
    char what[64];
    snprintf(what, sizeof what, "case:%lld note", (long long)case_id);
    vg_err e = case_write_begin(svc, a, case_id, VG_PERM_CASE_READ, what, "note", VG_LIM_NOTE, text, "write the note",
                                err);
    if (e)
        return e;
    vg_id id;
    e = vg_store_case_note_put(svc->store, case_id, a->agency_id, a->user_id, a->username, vg_time_now(), text, &id, err);
    if (!e)
        e = vg_audit_write(svc, a, VG_AUDIT_COLLECT, what, NULL, "safety net: a case note", err);
    return done(svc, e, err);
}

typedef struct notes_ctx {
    json_t *arr;
    vg_id agency;
    bool every; /* every agency's notes, or the reader's agency's alone */
} notes_ctx;

static vg_err note_seen(void *ctx, const vg_case_note *n)
{
    notes_ctx *c = ctx;
    if (!c->every && n->agency_id != c->agency)
        return VG_OK;
    char at[VG_TIME_LEN];
    vg_time_format(n->at, at);
    json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "at", at, "username", n->username ? n->username : "", "agency",
                          n->agency ? n->agency : "", "text", n->text ? n->text : "");
    return o && !json_array_append_new(c->arr, o) ? VG_OK : VG_ERR_NOMEM;
}

vg_err vg_service_case_notes(vg_service *svc, const vg_actor *a, vg_id case_id, json_t **out, vg_error *err)
{
    *out = NULL;
    bool all;
    vg_case_share share;
    vg_err e = case_seen_as(svc, a, case_id, &all, &share, err);
    if (e)
        return e;
    notes_ctx nc = {json_array(), a->agency_id, all || has_word(share.fields, "notes")};
    if (!nc.arr)
        return vg_error_set(err, VG_ERR_NOMEM, "notes", "out of memory");
    if ((e = vg_store_case_notes_each(svc->store, case_id, note_seen, &nc, err))) {
        json_decref(nc.arr);
        return e;
    }
    char what[64];
    snprintf(what, sizeof what, "case:%lld notes (%zu)", (long long)case_id, json_array_size(nc.arr));
    vg_audit_recs recs = {0};
    vg_audit_recs_add(&recs, "case", case_id);
    e = vg_audit_view_recs(svc, a, what, &recs, "safety net: a case's notes", json_pack("{s:o,s:b}", "notes", nc.arr,
                                                                                          "every_agency", nc.every),
                           out, err);
    vg_audit_recs_free(&recs);
    return e;
}
