/* persons.c - the data-quality queue: pairs of records in two persons that the model is
 * unsure of, and people's decisions about them (the same person, or not), each with a
 * reason, audited and reversible. A decision re-clusters only the two persons it is about
 * (with every decision that stands); first contact sees the result at once. */
#include "service/service_int.h"
#include "base/alloc.h"
#include "base/limits.h"
#include "match/normalise.h"
#include "match/resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a pair in words */

typedef struct brief_ctx {
    vg_match_person p;
    bool seen;
} brief_ctx;

static vg_err brief_first(void *ctx, const vg_person_brief *b)
{
    brief_ctx *c = ctx;
    if (c->seen || b->alias)
        return VG_OK;
    vg_norm_address a;
    vg_norm_address_fields(b->flat, b->number, b->building, b->street, b->postcode, &a);
    vg_match_person_prepare(&c->p, NULL, b->given, b->family, b->dob, b->phone, NULL, &a, b->gender);
    c->seen = true;
    return VG_OK;
}

/* One side of a pair: the record's names and its person's size. */
static vg_err side(vg_service *svc, vg_id record, vg_person_side *out, brief_ctx *features, vg_error *err)
{
    memset(out, 0, sizeof *out);
    out->record = record;
    vg_err e = vg_store_person_name(svc->store, record, out->given, sizeof out->given, out->family, sizeof out->family,
                                    &out->dob, err);
    if (!e)
        e = vg_store_person_briefs(svc->store, record, brief_first, features, err);
    out->records = (int)vg_contact_person_records(svc, record, NULL, 0);
    out->person = 0;
    vg_id first;
    if (vg_contact_person_records(svc, record, &first, 1))
        out->person = first;
    return e;
}

typedef struct queue_ctx {
    vg_service *svc;
    const vg_match_model *m;
    const vg_briefing_config *cfg;
    vg_person_pair *out;
    size_t n, max;
    vg_audit_recs *recs;
    vg_error *err;
} queue_ctx;

static vg_err pair_seen(void *ctx, vg_id a, vg_id b, double probability)
{
    queue_ctx *q = ctx;
    if (q->n >= q->max)
        return VG_OK;
    vg_person_pair *p = &q->out[q->n];
    memset(p, 0, sizeof *p);
    brief_ctx fa = {0}, fb = {0};
    vg_err e = side(q->svc, a, &p->a, &fa, q->err);
    if (!e)
        e = side(q->svc, b, &p->b, &fb, q->err);
    if (e == VG_ERR_NOT_FOUND)
        return VG_OK; /* a record gone since the resolve */
    if (e)
        return e;
    if (p->a.person && p->a.person == p->b.person)
        return VG_OK; /* one person already (decided since) */
    for (size_t i = 0; i < q->n; i++) { /* one question per two persons: their strongest pair (first) */
        const vg_person_pair *o = &q->out[i];
        if ((o->a.person == p->a.person && o->b.person == p->b.person) ||
            (o->a.person == p->b.person && o->b.person == p->a.person))
            return VG_OK;
    }
    p->probability = probability;
    p->band = vg_match_band_of(q->cfg, probability);
    if (fa.seen && fb.seen) {
        vg_match_cmp c;
        vg_match_compare(&fa.p, &fb.p, &c);
        vg_match_evidence(c.level, p->evidence, sizeof p->evidence);
    }
    if (!vg_audit_recs_add(q->recs, "person", a) || !vg_audit_recs_add(q->recs, "person", b))
        return vg_error_set(q->err, VG_ERR_NOMEM, "review queue", "out of memory");
    q->n++;
    return VG_OK;
}

vg_err vg_service_person_reviews(vg_service *svc, const vg_actor *a, vg_person_pair *out, size_t max, size_t *n,
                                 vg_error *err)
{
    *n = 0;
    vg_err e = vg_access_require(svc, a, VG_PERM_DATA_QUALITY, "review queue", err);
    if (e)
        return e;
    vg_audit_recs recs = {0};
    vg_service_lock(svc);
    pthread_rwlock_wrlock(&svc->contact_lock);
    const vg_match_index *ix;
    vg_match_model m;
    double threshold;
    e = vg_contact_matcher(svc, &ix, &m, &threshold, NULL, err);
    vg_briefing_config cfg;
    vg_service_briefing_config(svc, &cfg);
    queue_ctx q = {svc, &m, &cfg, out, 0, max, &recs, err};
    if (!e)
        e = vg_store_reviews_each(svc->store, max, pair_seen, &q, err);
    pthread_rwlock_unlock(&svc->contact_lock);
    vg_service_unlock(svc);
    *n = q.n;
    char what[96];
    snprintf(what, sizeof what, "review queue: %zu pairs of person records", q.n);
    if (!e) /* in the log before anything is shown */
        e = vg_audit_commit_recs(svc, a, VG_AUDIT_CONSULT, what, &recs, NULL, "data quality: the review queue", err);
    vg_audit_recs_free(&recs);
    if (e)
        *n = 0;
    return e;
}

/* ---- decisions */

static int id_cmp(const void *x, const void *y)
{
    vg_id a = *(const vg_id *)x, b = *(const vg_id *)y;
    return a < b ? -1 : a > b;
}

/* The records of the persons of a and b, sorted and each once (caller frees). */
static vg_err both_persons(vg_service *svc, vg_id a, vg_id b, vg_id **out, size_t *n, vg_error *err)
{
    size_t na = vg_contact_person_records(svc, a, NULL, 0), nb = vg_contact_person_records(svc, b, NULL, 0);
    vg_id *v = vg_malloc((na + nb) * sizeof *v);
    if (!v)
        return vg_error_set(err, VG_ERR_NOMEM, "persons", "out of memory");
    vg_contact_person_records(svc, a, v, na);
    vg_contact_person_records(svc, b, v + na, nb);
    qsort(v, na + nb, sizeof *v, id_cmp);
    size_t k = 0;
    for (size_t i = 0; i < na + nb; i++)
        if (!k || v[k - 1] != v[i])
            v[k++] = v[i];
    *out = v;
    *n = k;
    return VG_OK;
}

/* Re-clusters the persons of records a and b with the decisions that stand, stores their
 * new persons and takes their pairs off the queue; recs gets every record. In the
 * caller's transaction, with both locks. */
static vg_err apply(vg_service *svc, vg_id a, vg_id b, vg_audit_recs *recs, size_t *persons, vg_error *err)
{
    vg_id *subset = NULL, *person = NULL;
    size_t n = 0;
    vg_err e = both_persons(svc, a, b, &subset, &n, err);
    if (!e)
        e = vg_persons_recluster(svc, subset, n, &person, err);
    if (!e)
        e = vg_store_persons_resolved_set(svc->store, subset, person, n, err);
    if (!e)
        e = vg_store_reviews_remove_within(svc->store, subset, n, err);
    *persons = 0;
    for (size_t i = 0; !e && i < n; i++) {
        *persons += person[i] == subset[i];
        if (!vg_audit_recs_add(recs, "person", subset[i]))
            e = vg_error_set(err, VG_ERR_NOMEM, "persons", "out of memory");
    }
    vg_free(subset);
    vg_free(person);
    return e;
}

typedef struct pair_ctx {
    vg_id a, b, except;
    vg_id ids[32]; /* earlier decisions about the same pair (one at most stands; 32 is ample) */
    size_t n;
} pair_ctx;

static vg_err earlier_seen(void *ctx, const vg_person_decision *d)
{
    pair_ctx *p = ctx;
    if (d->a == p->a && d->b == p->b && d->id != p->except && p->n < sizeof p->ids / sizeof *p->ids)
        p->ids[p->n++] = d->id;
    return VG_OK;
}

/* Runs fn in one transaction with both locks; the persons read again after it. */
static vg_err decide_tx(vg_service *svc, const vg_actor *a, vg_person_decision *d, vg_id undo, const char *reason,
                        vg_id *record_a, vg_id *record_b, size_t *persons, vg_error *err)
{
    vg_audit_recs recs = {0};
    vg_service_lock(svc);
    pthread_rwlock_wrlock(&svc->contact_lock);
    const vg_match_index *ix;
    vg_match_model m;
    double threshold;
    vg_err e = vg_contact_matcher(svc, &ix, &m, &threshold, NULL, err); /* the indexes, built if need be */
    if (!e)
        e = vg_store_begin(svc->store, err);
    if (!e) {
        char what[200];
        if (undo) {
            e = vg_store_decision_undo(svc->store, undo, a->username, vg_time_now(), reason, err);
            snprintf(what, sizeof what, "decision %lld undone: person:%lld and person:%lld resolved again", (long long)undo,
                     (long long)*record_a, (long long)*record_b);
        } else {
            e = vg_store_decision_put(svc->store, d, err);
            snprintf(what, sizeof what, "decision %lld: person:%lld and person:%lld %s", (long long)d->id,
                     (long long)d->a, (long long)d->b, d->same ? "are the same person" : "are different people");
            /* the same person: every record of both persons as they are now, kept together */
            if (!e && d->same) {
                vg_id *both = NULL;
                size_t nb = 0;
                e = both_persons(svc, d->a, d->b, &both, &nb, err);
                if (!e)
                    e = vg_store_decision_records_put(svc->store, d->id, both, nb, err);
                vg_free(both);
            }
            /* the latest word about a pair is the one that stands */
            pair_ctx pc = {d->a, d->b, d->id, {0}, 0};
            if (!e)
                e = vg_store_decisions_each(svc->store, true, earlier_seen, &pc, err);
            char why[64];
            snprintf(why, sizeof why, "superseded by decision %lld", (long long)d->id);
            for (size_t i = 0; !e && i < pc.n; i++)
                e = vg_store_decision_undo(svc->store, pc.ids[i], a->username, vg_time_now(), why, err);
        }
        if (!e)
            e = apply(svc, *record_a, *record_b, &recs, persons, err);
        if (!e)
            e = vg_audit_write_recs(svc, a, VG_AUDIT_COMBINE, what, &recs, NULL, reason, err);
        if (!e)
            e = vg_store_commit(svc->store, err);
        else
            vg_store_rollback(svc->store);
        vg_error rerr;
        if (vg_contact_persons_reload(svc, &rerr)) /* committed or not, memory follows the store */
            vg_contact_drop_locked(svc);
    }
    pthread_rwlock_unlock(&svc->contact_lock);
    vg_service_unlock(svc);
    vg_audit_recs_free(&recs);
    return e;
}

static vg_err check_reason(const char *reason, vg_error *err)
{
    if (!reason || !*reason)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "reason", "say why (it is kept with the decision)");
    return vg_limit_check(VG_LIM_NOTE, "reason", reason, err);
}

vg_err vg_service_person_decide(vg_service *svc, const vg_actor *a, vg_id record_a, vg_id record_b, bool same,
                                const char *reason, vg_person_decided *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    vg_err e = vg_access_require(svc, a, VG_PERM_DATA_QUALITY, "persons", err);
    if (e || (e = check_reason(reason, err)))
        return e;
    if (record_a < 1 || record_b < 1 || record_a == record_b)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "b", "two different person records");
    char g[8], f[8];
    vg_date dob;
    vg_service_lock(svc);
    e = vg_store_person_name(svc->store, record_a, g, sizeof g, f, sizeof f, &dob, err);
    if (!e)
        e = vg_store_person_name(svc->store, record_b, g, sizeof g, f, sizeof f, &dob, err);
    vg_service_unlock(svc);
    if (e == VG_ERR_NOT_FOUND)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "a", "no such person record");
    if (e)
        return e;
    vg_person_decision d = {.same = same, .a = record_a < record_b ? record_a : record_b,
                            .b = record_a < record_b ? record_b : record_a, .reason = reason, .username = a->username,
                            .at = vg_time_now(), .undone_at = VG_TIME_NONE};
    e = decide_tx(svc, a, &d, 0, reason, &d.a, &d.b, &out->persons, err);
    out->decision = e ? 0 : d.id;
    return e;
}

typedef struct find_ctx {
    vg_id id;
    vg_id a, b;
    bool found;
} find_ctx;

static vg_err decision_found(void *ctx, const vg_person_decision *d)
{
    find_ctx *f = ctx;
    if (d->id == f->id) {
        f->a = d->a;
        f->b = d->b;
        f->found = true;
    }
    return VG_OK;
}

vg_err vg_service_person_undo(vg_service *svc, const vg_actor *a, vg_id decision, const char *reason,
                              vg_person_decided *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    vg_err e = vg_access_require(svc, a, VG_PERM_DATA_QUALITY, "persons", err);
    if (e || (e = check_reason(reason, err)))
        return e;
    find_ctx f = {decision, 0, 0, false};
    vg_service_lock(svc);
    e = vg_store_decisions_each(svc->store, true, decision_found, &f, err);
    vg_service_unlock(svc);
    if (e)
        return e;
    if (!f.found)
        return vg_error_set(err, VG_ERR_NOT_FOUND, "decision", "no decision %lld that stands", (long long)decision);
    e = decide_tx(svc, a, NULL, decision, reason, &f.a, &f.b, &out->persons, err);
    out->decision = e ? 0 : decision;
    return e;
}

typedef struct held {
    vg_store *st;
    vg_person_decision *v;
    size_t n, cap;
} held;

/* "Given Family" of a record (caller frees), or NULL. */
static char *name_of(vg_store *st, vg_id record)
{
    char g[VG_NAME_MAX], f[VG_NAME_MAX], both[2 * VG_NAME_MAX];
    vg_date dob;
    vg_error ignore;
    if (vg_store_person_name(st, record, g, sizeof g, f, sizeof f, &dob, &ignore))
        return NULL;
    snprintf(both, sizeof both, "%s%s%s", g, g[0] && f[0] ? " " : "", f);
    return vg_strdup(both);
}

static vg_err decision_held(void *ctx, const vg_person_decision *d)
{
    held *h = ctx;
    if (vg_grow((void **)&h->v, &h->cap, h->n + 1, sizeof *h->v, 64))
        return VG_ERR_NOMEM;
    vg_person_decision c = *d;
    c.reason = vg_strdup(d->reason ? d->reason : "");
    c.username = vg_strdup(d->username ? d->username : "");
    c.undone_by = d->undone_by ? vg_strdup(d->undone_by) : NULL;
    c.undo_reason = d->undo_reason ? vg_strdup(d->undo_reason) : NULL;
    c.a_name = name_of(h->st, d->a);
    c.b_name = name_of(h->st, d->b);
    h->v[h->n++] = c;
    return c.reason && c.username ? VG_OK : VG_ERR_NOMEM;
}

vg_err vg_service_person_decisions(vg_service *svc, const vg_actor *a, vg_person_decision_fn fn, void *ctx,
                                   vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_DATA_QUALITY, "persons", err);
    if (e)
        return e;
    held h = {svc->store, NULL, 0, 0};
    vg_service_lock(svc);
    e = vg_store_decisions_each(svc->store, false, decision_held, &h, err);
    vg_service_unlock(svc);
    vg_audit_recs recs = {0};
    for (size_t i = 0; !e && i < h.n; i++)
        if (!vg_audit_recs_add_once(&recs, "person", h.v[i].a) || !vg_audit_recs_add_once(&recs, "person", h.v[i].b))
            e = VG_ERR_NOMEM;
    if (e == VG_ERR_NOMEM)
        vg_error_set(err, e, "decisions", "out of memory");
    char what[96];
    snprintf(what, sizeof what, "decisions about persons: %zu", h.n);
    if (!e)
        e = vg_audit_commit_recs(svc, a, VG_AUDIT_CONSULT, what, &recs, NULL, "data quality: decisions", err);
    for (size_t i = 0; !e && i < h.n; i++)
        e = fn(ctx, &h.v[i]);
    for (size_t i = 0; i < h.n; i++) {
        vg_free((char *)h.v[i].reason);
        vg_free((char *)h.v[i].username);
        vg_free((char *)h.v[i].undone_by);
        vg_free((char *)h.v[i].undo_reason);
        vg_free((char *)h.v[i].a_name);
        vg_free((char *)h.v[i].b_name);
    }
    vg_free(h.v);
    vg_audit_recs_free(&recs);
    return e;
}
