/* audit.c - the data-protection audit log (DPA 2018 s.62): entries appended to a hash
 * chain inside the transaction of the action they record, read back for the auditor,
 * and the chain verified. */
#include "base/alloc.h"
#include "base/limits.h"
#include "base/log.h"
#include "service/service_int.h"

#include <sodium.h>
#include <utf8proc.h>
#include <stdio.h>
#include <string.h>

/* ---- records named by an entry */

bool vg_audit_recs_add_once(vg_audit_recs *r, const char *kind, vg_id id)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->v[i].id == id && strcmp(r->v[i].kind, kind) == 0)
            return true;
    return vg_audit_recs_add(r, kind, id);
}

bool vg_audit_recs_add(vg_audit_recs *r, const char *kind, vg_id id)
{
    if (r->nomem)
        return false;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        vg_audit_rec *v = vg_realloc(r->v, cap * sizeof *v);
        if (!v) {
            r->nomem = true;
            return false;
        }
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = (vg_audit_rec){kind, id};
    return true;
}

void vg_audit_recs_free(vg_audit_recs *r)
{
    vg_free(r->v);
    memset(r, 0, sizeof *r);
}

/* The kinds of record, as literals (records read back and parsed point at these). */
static const char *const kinds[] = {"incident", "person", "crime", "location", "case", "action", "user",
                                    "agency", "area", "tasking", "audit_log", "session", "request"};

static const char *kind_literal(const char *k, size_t n)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strlen(kinds[i]) == n && memcmp(kinds[i], k, n) == 0)
            return kinds[i];
    return NULL;
}

/* The records of an entry whose use case gave none: its `what` names them as kind:id
 * words ("case:12 action:5"), which become the records, in order. */
static vg_err recs_of_what(const char *what, vg_audit_recs *r)
{
    for (const char *p = what ? what : ""; *p;) {
        const char *end = p + strcspn(p, " ");
        const char *colon = memchr(p, ':', (size_t)(end - p));
        const char *kind = colon ? kind_literal(p, (size_t)(colon - p)) : NULL;
        if (kind && colon + 1 < end) {
            vg_id id = 0;
            bool digits = true;
            for (const char *d = colon + 1; d < end && digits; d++) {
                digits = *d >= '0' && *d <= '9' && id < INT64_MAX / 10;
                id = id * 10 + (*d - '0');
            }
            if (digits && !vg_audit_recs_add(r, kind, id))
                return VG_ERR_NOMEM;
        }
        p = *end ? end + 1 : end;
    }
    return VG_OK;
}

/* ---- the audit log */

static void hash_u64(crypto_generichash_state *h, uint64_t v)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    crypto_generichash_update(h, b, sizeof b);
}

static void hash_str(crypto_generichash_state *h, const char *s)
{
    if (!s) { /* absent differs from empty */
        hash_u64(h, UINT64_MAX);
        return;
    }
    size_t n = strlen(s);
    hash_u64(h, n);
    crypto_generichash_update(h, (const unsigned char *)s, n);
}

/* BLAKE2b-256 over the previous hash and every field, each length-prefixed. */
static void entry_hash(const vg_audit_entry *e, uint8_t out[32])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    crypto_generichash_update(&h, e->prev_hash, 32);
    hash_u64(&h, (uint64_t)e->seq);
    hash_u64(&h, (uint64_t)e->at);
    hash_u64(&h, (uint64_t)e->user_id);
    hash_str(&h, e->username);
    hash_str(&h, e->agency);
    hash_str(&h, e->role);
    hash_str(&h, e->action);
    hash_str(&h, e->what);
    hash_str(&h, e->why);
    hash_str(&h, e->recipient);
    if (e->n_recs) { /* entries made before records were kept apart have none: their hash is unchanged */
        hash_u64(&h, (uint64_t)e->n_recs);
        for (size_t i = 0; i < e->n_recs; i++) {
            hash_str(&h, e->recs[i].kind);
            hash_u64(&h, (uint64_t)e->recs[i].id);
        }
    }
    crypto_generichash_final(&h, out, 32);
}

/* Text for the log: valid UTF-8 without control characters (an invalid or cut sequence
 * becomes '?'), so that every entry can be exported as JSON whatever a client sent. */
static const char *clean_text(const char *in, char *out, size_t n)
{
    size_t k = 0, len = strlen(in);
    for (size_t i = 0; i < len && k + 1 < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)in + i, (utf8proc_ssize_t)(len - i), &cp);
        if (step <= 0 || cp < 0x20 || cp == 0x7f) {
            out[k++] = '?';
            i += step > 0 ? (size_t)step : 1;
        } else if (k + (size_t)step < n) {
            memcpy(out + k, in + i, (size_t)step);
            k += (size_t)step;
            i += (size_t)step;
        } else {
            break;
        }
    }
    out[k] = '\0';
    return out;
}

vg_err vg_audit_append(vg_store *st, vg_audit_chain *chain, const vg_actor *a, vg_audit_action action,
                       const char *what, const vg_audit_recs *recs, const char *recipient, const char *why_default,
                       vg_time at, vg_error *err)
{
    if (recs && recs->nomem) /* a record could not be noted: nothing is disclosed unlogged */
        return vg_error_set(err, VG_ERR_NOMEM, "audit", "out of memory");
    if (!chain->known) {
        vg_err rc = vg_store_audit_head(st, &chain->head, chain->hash, err);
        if (rc)
            return rc;
        chain->known = true;
    }
    vg_audit_recs parsed = {0};
    if (!recs) {
        if (recs_of_what(what, &parsed)) {
            vg_audit_recs_free(&parsed);
            return vg_error_set(err, VG_ERR_NOMEM, "audit", "out of memory");
        }
        recs = &parsed;
    }
    char user[sizeof a->username], why[sizeof a->purpose + 200], to[64];
    vg_audit_entry e;
    memset(&e, 0, sizeof e);
    memcpy(e.prev_hash, chain->hash, 32);
    e.seq = chain->head + 1;
    e.at = at;
    e.user_id = a->user_id;
    e.username = clean_text(a->username, user, sizeof user);
    e.agency = a->agency;
    e.role = vg_user_role_name(a->role);
    e.action = vg_audit_action_name(action);
    e.what = what ? what : "";
    e.why = clean_text(a->purpose[0] ? a->purpose : why_default ? why_default : "", why, sizeof why);
    e.recipient = recipient ? clean_text(recipient, to, sizeof to) : NULL;
    e.recs = recs->v;
    e.n_recs = recs->n;
    entry_hash(&e, e.hash);
    vg_err rc = vg_store_audit_put(st, &e, err);
    vg_audit_recs_free(&parsed);
    if (!rc) {
        chain->head = e.seq;
        memcpy(chain->hash, e.hash, 32);
    }
    return rc;
}

vg_err vg_audit_write_recs(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                           const vg_audit_recs *recs, const char *recipient, const char *why_default, vg_error *err)
{
    vg_audit_chain chain = {0};
    return vg_audit_append(svc->store, &chain, a, action, what, recs, recipient, why_default, vg_time_now(), err);
}

vg_err vg_audit_write(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                      const char *recipient, const char *why_default, vg_error *err)
{
    return vg_audit_write_recs(svc, a, action, what, NULL, recipient, why_default, err);
}

vg_err vg_audit_commit_recs(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                            const vg_audit_recs *recs, const char *recipient, const char *why_default, vg_error *err)
{
    vg_service_lock(svc); /* from any thread (the lock is recursive for those that hold it) */
    vg_err e = vg_store_begin(svc->store, err);
    if (!e) {
        e = vg_audit_write_recs(svc, a, action, what, recs, recipient, why_default, err);
        if (!e)
            e = vg_store_commit(svc->store, err);
        else
            vg_store_rollback(svc->store);
    }
    vg_service_unlock(svc);
    return e;
}

vg_err vg_audit_commit(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                       const char *recipient, const char *why_default, vg_error *err)
{
    return vg_audit_commit_recs(svc, a, action, what, NULL, recipient, why_default, err);
}

/* Runs one audit write in a transaction of its own (for denials and failed logins,
 * which have no action of their own to ride with). */
void vg_audit_alone(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                        const char *why)
{
    vg_error err;
    vg_service_lock(svc); /* thread-safe use cases are refused here too */
    if (vg_store_begin(svc->store, &err) == VG_OK) {
        if (vg_audit_write(svc, a, action, what, NULL, why, &err) == VG_OK && vg_store_commit(svc->store, &err) == VG_OK) {
            vg_service_unlock(svc);
            return;
        }
        vg_store_rollback(svc->store);
    }
    vg_service_unlock(svc);
    vg_log_error("audit: could not record %s of %s: %s", vg_audit_action_name(action), what, err.why);
}

vg_err vg_audit_view_recs(vg_service *svc, const vg_actor *a, const char *what, const vg_audit_recs *recs,
                          const char *why, json_t *j, json_t **out, vg_error *err)
{
    *out = NULL;
    if (!j)
        return vg_error_set(err, VG_ERR_NOMEM, what, "out of memory");
    vg_err e = vg_audit_commit_recs(svc, a, VG_AUDIT_CONSULT, what, recs, NULL, why, err);
    if (e)
        json_decref(j);
    else
        *out = j;
    return e;
}

vg_err vg_audit_view(vg_service *svc, const vg_actor *a, const char *what, const char *why, json_t *j, json_t **out,
                     vg_error *err)
{
    return vg_audit_view_recs(svc, a, what, NULL, why, j, out, err);
}

vg_err vg_service_audit_each(vg_service *svc, const vg_actor *a, vg_time from, vg_time to, vg_audit_fn fn, void *ctx,
                             vg_error *err)
{
    return vg_service_audit_person(svc, a, from, to, 0, fn, ctx, err);
}

vg_err vg_service_audit_person(vg_service *svc, const vg_actor *a, vg_time from, vg_time to, vg_id person,
                               vg_audit_fn fn, void *ctx, vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_AUDIT_READ, "audit_log", err);
    if (e)
        return e;
    /* the entries read, named exactly: those of the period up to the head as it is now
     * (the reading's own entry, the next, is the first it does not show) */
    int64_t head;
    uint8_t hash[32];
    if ((e = vg_store_audit_head(svc->store, &head, hash, err)))
        return e;
    char what[240], f[VG_TIME_LEN] = "the start", t[VG_TIME_LEN] = "now";
    if (from != VG_TIME_NONE)
        vg_time_format(from, f);
    if (to != VG_TIME_NONE)
        vg_time_format(to, t);
    if (person) /* who looked at this person: the consultation names the record asked about */
        snprintf(what, sizeof what, "audit log: the entries about person:%lld (every record of the person) from %s to %s, "
                 "up to entry %lld", (long long)person, f, t, (long long)head);
    else
        snprintf(what, sizeof what, "audit log: the entries from %s to %s, up to entry %lld", f, t, (long long)head);
    e = vg_audit_commit(svc, a, VG_AUDIT_CONSULT, what, NULL, "audit: read the log", err);
    return e ? e : vg_store_audit_each(svc->store, from, to, head, person, fn, ctx, err);
}

typedef struct verify_ctx {
    vg_audit_check *out;
    int64_t expect_seq;
    uint8_t prev[32];
} verify_ctx;

static vg_err verify_one(void *ctx, const vg_audit_entry *e)
{
    verify_ctx *v = ctx;
    vg_audit_check *out = v->out;
    out->entries++;
    if (!out->ok)
        return VG_OK;
    const char *why = NULL;
    uint8_t h[32];
    if (e->seq != v->expect_seq)
        why = e->seq > v->expect_seq ? "entries before it are missing" : "it is out of order or inserted";
    else if (sodium_memcmp(e->prev_hash, v->prev, 32) != 0)
        why = "it does not follow the entry before it (an entry was removed, inserted or reordered)";
    else {
        entry_hash(e, h);
        if (sodium_memcmp(h, e->hash, 32) != 0)
            why = "its contents were changed after it was written";
    }
    if (why) {
        out->ok = false;
        out->bad_seq = e->seq;
        snprintf(out->why, sizeof out->why, "entry %lld: %s", (long long)e->seq, why);
        return VG_OK;
    }
    memcpy(v->prev, e->hash, 32);
    v->expect_seq = e->seq + 1;
    return VG_OK;
}

vg_err vg_service_audit_verify(vg_service *svc, const vg_actor *a, vg_audit_check *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    vg_err e = vg_access_require(svc, a, VG_PERM_AUDIT_READ, "audit_log", err);
    if (e)
        return e;
    verify_ctx v = {out, 1, {0}};
    out->ok = true;
    if ((e = vg_store_audit_each(svc->store, VG_TIME_NONE, VG_TIME_NONE, 0, 0, verify_one, &v, err)))
        return e;
    int64_t head;
    uint8_t head_hash[32];
    if ((e = vg_store_audit_head(svc->store, &head, head_hash, err)))
        return e;
    if (out->ok && (head != v.expect_seq - 1 || sodium_memcmp(head_hash, v.prev, 32) != 0)) {
        out->ok = false;
        out->bad_seq = v.expect_seq;
        snprintf(out->why, sizeof out->why, "entry %lld: the log ends at entry %lld but its head is entry %lld "
                 "(entries were removed from the end)", (long long)v.expect_seq, (long long)(v.expect_seq - 1),
                 (long long)head);
    }
    memcpy(out->head, v.prev, 32);
    /* the check is kept beside the chain, never in it: verifying changes nothing it verifies */
    vg_error werr;
    if (vg_store_audit_check_put(svc->store, vg_time_now(), a->username, out->entries, out->ok, out->bad_seq, out->why,
                                 &werr))
        vg_log_warn("audit: the verification could not be recorded: %s", werr.why);
    vg_log_info("audit: %s verified the chain: %lld entries, %s", a->username, (long long)out->entries,
                out->ok ? "intact" : out->why);
    return VG_OK;
}
