/* access.c - the access rules (which role may do what), agencies and users, logging in
 * with Argon2id, sessions, and the hash-chained audit log. Nothing outside service/
 * decides who may see what. */
#include "base/alloc.h"
#include "base/limits.h"
#include "base/log.h"
#include "service/service_int.h"

#include <sodium.h>
#include <utf8proc.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- roles and permissions */

#define R(x) (1u << VG_UR_##x)
static const unsigned permission_roles[VG_PERM_COUNT] = {
    [VG_PERM_INCIDENT_CREATE] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(OPERATOR),
    [VG_PERM_INCIDENT_READ] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(VICTIM_CARE) |
                              R(ANALYST) | R(OPERATOR),
    [VG_PERM_LOOKUP] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(OPERATOR),
    [VG_PERM_PERSON_READ] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(VICTIM_CARE) |
                            R(ANALYST) | R(OPERATOR),
    [VG_PERM_LOCATION_READ] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(VICTIM_CARE) |
                              R(ANALYST) | R(OPERATOR),
    [VG_PERM_CASE_CREATE] = R(INVESTIGATOR) | R(SUPERVISOR) | R(VICTIM_CARE) | R(PARTNER_PRACTITIONER) |
                            R(PARTNER_MANAGER) | R(OPERATOR),
    [VG_PERM_CASE_READ] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(VICTIM_CARE) |
                          R(ANALYST) | R(PARTNER_PRACTITIONER) | R(PARTNER_MANAGER) | R(OPERATOR),
    [VG_PERM_CASE_SHARE] = R(SUPERVISOR) | R(PARTNER_MANAGER) | R(OPERATOR),
    [VG_PERM_REPORT_READ] = R(SUPERVISOR) | R(ANALYST) | R(PARTNER_MANAGER) | R(FORCE_ADMIN) | R(OPERATOR),
    [VG_PERM_QUEUE] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(SUPERVISOR) | R(OPERATOR),
    [VG_PERM_USER_ADMIN] = R(FORCE_ADMIN) | R(OPERATOR),
    [VG_PERM_AUDIT_READ] = R(AUDITOR) | R(OPERATOR),
    [VG_PERM_CRIME_REVIEW] = R(SUPERVISOR) | R(OPERATOR),
    [VG_PERM_VICTIM_CARE] = R(VICTIM_CARE) | R(SUPERVISOR) | R(OPERATOR),
    [VG_PERM_INTEL] = R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(ANALYST) | R(OPERATOR),
};
#undef R

/* Police information: never for a user of a partner agency, whatever the role says. */
static const bool police_only[VG_PERM_COUNT] = {
    [VG_PERM_INCIDENT_CREATE] = true, [VG_PERM_INCIDENT_READ] = true, [VG_PERM_LOOKUP] = true,
    [VG_PERM_PERSON_READ] = true,     [VG_PERM_LOCATION_READ] = true, [VG_PERM_QUEUE] = true,
    [VG_PERM_USER_ADMIN] = true,      [VG_PERM_CRIME_REVIEW] = true,  [VG_PERM_VICTIM_CARE] = true,
    [VG_PERM_INTEL] = true,
};

static const char *const permission_names[VG_PERM_COUNT] = {
    "incident.create", "incident.read", "lookup", "person.read", "location.read", "case.create",
    "case.read", "case.share", "report.read", "queue", "user.admin", "audit.read", "crime.review", "victim.care", "intel"};

const char *vg_permission_name(vg_permission p) { return p < VG_PERM_COUNT ? permission_names[p] : "?"; }

bool vg_actor_can(const vg_actor *a, vg_permission p)
{
    if (!a || p >= VG_PERM_COUNT || a->role >= VG_UR_COUNT)
        return false;
    if (police_only[p] && !a->police)
        return false;
    return (permission_roles[p] >> a->role) & 1u;
}

static void copy_str(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

void vg_actor_operator(vg_actor *a, const char *name, const char *purpose)
{
    memset(a, 0, sizeof *a);
    snprintf(a->username, sizeof a->username, "cli:%.58s", name && *name ? name : "operator");
    a->role = VG_UR_OPERATOR;
    a->agency_id = 1;
    copy_str(a->agency, sizeof a->agency, "force");
    a->police = true;
    copy_str(a->purpose, sizeof a->purpose, purpose);
}

static void actor_of_user(const vg_user *u, vg_actor *a)
{
    memset(a, 0, sizeof *a);
    a->user_id = u->id;
    copy_str(a->username, sizeof a->username, u->username);
    a->role = u->role;
    a->agency_id = u->agency.id;
    copy_str(a->agency, sizeof a->agency, u->agency.code);
    a->police = u->agency.kind == VG_AK_FORCE;
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
                       const char *what, const char *recipient, const char *why_default, vg_time at, vg_error *err)
{
    if (!chain->known) {
        vg_err rc = vg_store_audit_head(st, &chain->head, chain->hash, err);
        if (rc)
            return rc;
        chain->known = true;
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
    entry_hash(&e, e.hash);
    vg_err rc = vg_store_audit_put(st, &e, err);
    if (!rc) {
        chain->head = e.seq;
        memcpy(chain->hash, e.hash, 32);
    }
    return rc;
}

vg_err vg_audit_write(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                      const char *recipient, const char *why_default, vg_error *err)
{
    vg_audit_chain chain = {0};
    return vg_audit_append(svc->store, &chain, a, action, what, recipient, why_default, vg_time_now(), err);
}

vg_err vg_audit_commit(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                       const char *recipient, const char *why_default, vg_error *err)
{
    vg_err e = vg_store_begin(svc->store, err);
    if (e)
        return e;
    e = vg_audit_write(svc, a, action, what, recipient, why_default, err);
    if (!e)
        e = vg_store_commit(svc->store, err);
    else
        vg_store_rollback(svc->store);
    return e;
}

/* Runs one audit write in a transaction of its own (for denials and failed logins,
 * which have no action of their own to ride with). */
static void audit_alone(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
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

vg_err vg_access_require(vg_service *svc, const vg_actor *a, vg_permission p, const char *what, vg_error *err)
{
    if (vg_actor_can(a, p))
        return VG_OK;
    char why[96];
    snprintf(why, sizeof why, "%s needs %s", vg_user_role_name(a ? a->role : VG_UR_COUNT), vg_permission_name(p));
    if (a)
        audit_alone(svc, a, VG_AUDIT_DENIED, what, why);
    return vg_error_set(err, VG_ERR_FORBIDDEN, what, "your role (%s) may not do this (%s)",
                        vg_user_role_name(a ? a->role : VG_UR_COUNT), vg_permission_name(p));
}

vg_err vg_service_check(vg_service *svc, const vg_actor *a, vg_permission p, const char *what, vg_error *err)
{
    return vg_access_require(svc, a, p, what, err);
}

void vg_audit_ids(char *what, size_t cap, const char *kind, const vg_id *ids, size_t n)
{
    size_t k = strlen(what);
    for (size_t i = 0; i < n && k + 40 < cap; i++)
        k += (size_t)snprintf(what + k, cap - k, "%s%s:%lld", k ? " " : "", kind, (long long)ids[i]);
}

vg_err vg_access_visible_in(vg_store *st, const vg_actor *a, const char *kind, vg_id id, bool *visible,
                            vg_error *err)
{
    *visible = true;
    if (a->role == VG_UR_OPERATOR)
        return VG_OK; /* holds the database file anyway; audited by the caller */
    bool restricted = false, allowed = false;
    vg_err e = vg_store_restriction_check(st, kind, id, a->user_id, &restricted, &allowed, err);
    *visible = !restricted || allowed;
    return e;
}

vg_err vg_access_visible(vg_service *svc, const vg_actor *a, const char *kind, vg_id id, bool *visible, vg_error *err)
{
    return vg_access_visible_in(svc->store, a, kind, id, visible, err);
}

vg_err vg_access_read(vg_service *svc, const vg_actor *a, vg_permission p, const char *kind, vg_id id, char *what,
                      size_t n, vg_error *err)
{
    snprintf(what, n, "%s:%lld", kind, (long long)id);
    vg_err e = vg_access_require(svc, a, p, what, err);
    return e ? e : vg_access_record(svc, a, kind, id, err);
}

vg_err vg_audit_view(vg_service *svc, const vg_actor *a, const char *what, const char *why, json_t *j, json_t **out,
                     vg_error *err)
{
    *out = NULL;
    if (!j)
        return vg_error_set(err, VG_ERR_NOMEM, what, "out of memory");
    vg_err e = vg_audit_commit(svc, a, VG_AUDIT_CONSULT, what, NULL, why, err);
    if (e)
        json_decref(j);
    else
        *out = j;
    return e;
}

vg_err vg_access_record(vg_service *svc, const vg_actor *a, const char *kind, vg_id id, vg_error *err)
{
    bool visible;
    vg_err e = vg_access_visible(svc, a, kind, id, &visible, err);
    if (e || visible)
        return e;
    char what[64];
    snprintf(what, sizeof what, "%s:%lld", kind, (long long)id);
    audit_alone(svc, a, VG_AUDIT_DENIED, what, "restricted to named users");
    return vg_error_set(err, VG_ERR_NOT_FOUND, kind, "no %s %lld", kind, (long long)id);
}

vg_err vg_service_audit_each(vg_service *svc, const vg_actor *a, vg_time from, vg_time to, vg_audit_fn fn, void *ctx,
                             vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_AUDIT_READ, "audit_log", err);
    if (e)
        return e;
    e = vg_audit_commit(svc, a, VG_AUDIT_CONSULT, "audit_log", NULL, "audit: read the log", err);
    return e ? e : vg_store_audit_each(svc->store, from, to, fn, ctx, err);
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
    if ((e = vg_store_audit_each(svc->store, VG_TIME_NONE, VG_TIME_NONE, verify_one, &v, err)))
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
    vg_error werr;
    if ((e = vg_store_begin(svc->store, &werr)) == VG_OK) {
        e = vg_audit_write(svc, a, VG_AUDIT_CONSULT, "audit_log", NULL, "audit: verify the chain", &werr);
        if (!e)
            e = vg_store_commit(svc->store, &werr);
        else
            vg_store_rollback(svc->store);
    }
    if (e && out->ok) {
        *err = werr;
        return e;
    }
    if (e) /* a broken chain may refuse the entry (a taken seq): the finding matters more */
        vg_log_warn("audit: the verification itself could not be logged: %s", werr.why);
    return VG_OK;
}

/* ---- agencies and users */

static bool valid_name(const char *s, size_t lo, size_t hi, const char *extra, bool upper_ok)
{
    size_t n = s ? strlen(s) : 0;
    if (n < lo || n > hi)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (upper_ok && c >= 'A' && c <= 'Z') ||
                  strchr(extra, c) != NULL;
        if (!ok || c == '\0')
            return false;
    }
    return true;
}

/* Runs an admin change with its audit entry in one transaction. */
static vg_err admin_done(vg_service *svc, const vg_actor *a, vg_err e, const char *what, const char *why, vg_error *err)
{
    if (!e)
        e = vg_audit_write(svc, a, VG_AUDIT_ADMIN, what, NULL, why, err);
    if (!e)
        e = vg_store_commit(svc->store, err);
    else
        vg_store_rollback(svc->store);
    return e;
}

vg_err vg_service_agency_add(vg_service *svc, const vg_actor *a, const char *code, const char *name,
                             vg_agency_kind kind, vg_agency *out, vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, "agency", err);
    if (e)
        return e;
    if (!valid_name(code, 2, 31, "-", false))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "code", "must be 2 to 31 of a-z, 0-9 and -");
    if (!name || !*name)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "name", "required: the agency's name");
    if ((e = vg_limit_check(VG_LIM_AGENCY_NAME, "name", name, err)))
        return e;
    if (kind >= VG_AK_COUNT)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "kind", "not an agency kind");
    vg_agency ag;
    memset(&ag, 0, sizeof ag);
    copy_str(ag.code, sizeof ag.code, code);
    copy_str(ag.name, sizeof ag.name, name);
    ag.kind = kind;
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_agency_put(svc->store, &ag, err);
    char what[64];
    snprintf(what, sizeof what, "agency:%lld", (long long)ag.id);
    if ((e = admin_done(svc, a, e, what, "admin: add an agency", err)))
        return e;
    if (out)
        *out = ag;
    return VG_OK;
}

typedef struct list_ctx {
    void *out;
    size_t max, n;
} list_ctx;

static vg_err agency_collect(void *ctx, const vg_agency *ag)
{
    list_ctx *l = ctx;
    if (l->n < l->max)
        ((vg_agency *)l->out)[l->n] = *ag;
    l->n++;
    return VG_OK;
}

vg_err vg_service_agency_list(vg_service *svc, const vg_actor *a, vg_agency *out, size_t max, size_t *n, vg_error *err)
{
    /* the names of agencies are not personal data: every signed-in user may list them */
    (void)a;
    list_ctx l = {out, max, 0};
    vg_err e = vg_store_agencies_each(svc->store, agency_collect, &l, err);
    *n = l.n;
    return e;
}

static vg_err hash_password(vg_service *svc, const char *password, char out[crypto_pwhash_STRBYTES], vg_error *err)
{
    unsigned long long ops = (unsigned long long)vg_service_config_number(svc, "auth.argon2_ops");
    size_t mem = (size_t)vg_service_config_number(svc, "auth.argon2_mem_kib") * 1024;
    if (crypto_pwhash_str_alg(out, password, strlen(password), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return vg_error_set(err, VG_ERR_NOMEM, "password", "out of memory while hashing the password");
    return VG_OK;
}

static vg_err check_password(const char *password, vg_error *err)
{
    size_t n = password ? strlen(password) : 0;
    if (n < 10)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "password", "must be at least 10 characters");
    if (n > VG_MAX_PASSWORD)
        return vg_limit_fail(VG_LIM_PASSWORD, "password", n, err);
    return VG_OK;
}

vg_err vg_service_user_add(vg_service *svc, const vg_actor *a, const char *username, vg_user_role role,
                           const char *agency_code, const char *password, vg_user *out, vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, "user", err);
    if (e)
        return e;
    if (username && strlen(username) > VG_MAX_USERNAME)
        return vg_limit_fail(VG_LIM_USERNAME, "username", strlen(username), err);
    if (!valid_name(username, 2, VG_MAX_USERNAME, "._-", true))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "username", "must be 2 to 63 of A-Z, a-z, 0-9, '.', '_' and '-'");
    if (role >= VG_UR_OPERATOR)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "role", "not a role");
    if ((e = check_password(password, err)))
        return e;
    vg_user u;
    memset(&u, 0, sizeof u);
    if ((e = vg_store_agency_get(svc->store, 0, agency_code, &u.agency, err)))
        return e == VG_ERR_NOT_FOUND ? vg_error_set(err, VG_ERR_INVALID_INPUT, "agency", "no agency with the code '%s'",
                                                    agency_code ? agency_code : "")
                                     : e;
    bool partner = vg_user_role_is_partner(role), force = u.agency.kind == VG_AK_FORCE;
    if (partner && force)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "role", "%s is a role for partner agencies, not the force",
                            vg_user_role_name(role));
    if (!partner && !force)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "role", "%s is a police role: %s is not a force",
                            vg_user_role_name(role), u.agency.code);
    copy_str(u.username, sizeof u.username, username);
    u.role = role;
    char hash[crypto_pwhash_STRBYTES];
    if ((e = hash_password(svc, password, hash, err)))
        return e;
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_user_put(svc->store, &u, hash, err);
    char what[64];
    snprintf(what, sizeof what, "user:%lld", (long long)u.id);
    if ((e = admin_done(svc, a, e, what, "admin: add a user", err)))
        return e;
    if (out)
        *out = u;
    return VG_OK;
}

static vg_err user_by_name(vg_service *svc, const char *username, vg_user_auth *u, vg_error *err)
{
    vg_err e = vg_store_user_get(svc->store, 0, username, u, err);
    if (e == VG_ERR_NOT_FOUND)
        return vg_error_set(err, VG_ERR_NOT_FOUND, "username", "no user '%s'", username ? username : "");
    return e;
}

vg_err vg_service_user_passwd(vg_service *svc, const vg_actor *a, const char *username, const char *password,
                              vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, "user", err);
    if (e || (e = check_password(password, err)))
        return e;
    vg_user_auth u;
    if ((e = user_by_name(svc, username, &u, err)))
        return e;
    char hash[crypto_pwhash_STRBYTES];
    if ((e = hash_password(svc, password, hash, err)) || (e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_user_update(svc->store, u.user.id, hash, -1, 0, VG_TIME_NONE, err);
    char what[64];
    snprintf(what, sizeof what, "user:%lld", (long long)u.user.id);
    return admin_done(svc, a, e, what, "admin: set a password", err);
}

static void memo_forget(vg_service *svc, const uint8_t *h);

vg_err vg_service_user_disable(vg_service *svc, const vg_actor *a, const char *username, vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, "user", err);
    if (e)
        return e;
    vg_user_auth u;
    if ((e = user_by_name(svc, username, &u, err)) || (e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_user_update(svc->store, u.user.id, NULL, 1, -1, VG_TIME_NONE, err);
    if (!e)
        e = vg_store_session_delete(svc->store, NULL, u.user.id, err);
    char what[64];
    snprintf(what, sizeof what, "user:%lld", (long long)u.user.id);
    if ((e = admin_done(svc, a, e, what, "admin: disable a user", err)) == VG_OK)
        memo_forget(svc, NULL); /* the user's sessions have ended */
    return e;
}

static vg_err user_collect(void *ctx, const vg_user *u)
{
    list_ctx *l = ctx;
    if (l->n < l->max)
        ((vg_user *)l->out)[l->n] = *u;
    l->n++;
    return VG_OK;
}

vg_err vg_service_user_list(vg_service *svc, const vg_actor *a, vg_user *out, size_t max, size_t *n, vg_error *err)
{
    *n = 0;
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, "users", err);
    if (e)
        return e;
    list_ctx l = {out, max, 0};
    e = vg_store_users_each(svc->store, user_collect, &l, err);
    *n = l.n;
    return e;
}

/* ---- logging in */

#define ADDR_MAX_FAILURES 20
#define ADDR_WINDOW (10 * 60)

static vg_login_slot *login_slot(vg_service *svc, const char *from)
{
    uint32_t h = 2166136261u;
    for (const char *c = from; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    vg_login_slot *s = &svc->login_slots[h % VG_LOGIN_SLOTS];
    vg_time now = vg_time_now();
    if (strcmp(s->addr, from) != 0 || now - s->window_start > ADDR_WINDOW) {
        copy_str(s->addr, sizeof s->addr, from);
        s->failures = 0;
        s->window_start = now;
    }
    return s;
}

static void token_new(char out[VG_TOKEN_LEN + 1])
{
    uint8_t raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, VG_TOKEN_LEN + 1, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void token_hash(const char *token, uint8_t out[32])
{
    crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

static vg_err login_failed(vg_service *svc, vg_login_slot *slot, const char *username, const char *from,
                           const char *why, vg_error *err)
{
    slot->failures++;
    vg_actor a;
    memset(&a, 0, sizeof a);
    copy_str(a.username, sizeof a.username, username && *username ? username : "?"); /* the log cleans it */
    copy_str(a.agency, sizeof a.agency, "-");
    a.role = VG_UR_COUNT;
    snprintf(a.purpose, sizeof a.purpose, "login from %.40s: %.140s", from, why);
    audit_alone(svc, &a, VG_AUDIT_LOGIN_FAILED, "session", NULL);
    return vg_error_set(err, VG_ERR_FORBIDDEN, "login", "%s", why);
}

vg_err vg_service_login(vg_service *svc, const char *username, const char *password, const char *from,
                        vg_session *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    from = from && *from ? from : "unknown";
    vg_login_slot *slot = login_slot(svc, from);
    if (slot->failures >= ADDR_MAX_FAILURES)
        return login_failed(svc, slot, username, from, "too many failed logins from this address: try again later",
                            err);
    static const char wrong[] = "the username or password is wrong";
    vg_user_auth u;
    vg_error ignore;
    vg_err e = vg_store_user_get(svc->store, 0, username ? username : "", &u, &ignore);
    if (e == VG_ERR_NOT_FOUND || (!e && (u.user.disabled || u.user.role >= VG_UR_OPERATOR))) {
        /* spend the time a real check takes, so the answer does not tell who exists */
        char dummy[crypto_pwhash_STRBYTES];
        (void)hash_password(svc, "not the password", dummy, &ignore);
        return login_failed(svc, slot, username, from, wrong, err);
    }
    if (e)
        return vg_error_set(err, e, "login", "%s", ignore.why);
    vg_time now = vg_time_now();
    if (u.locked_until != VG_TIME_NONE && u.locked_until > now)
        return login_failed(svc, slot, username, from,
                            "too many failed attempts for this account: try again later or ask an administrator", err);
    if (!password || crypto_pwhash_str_verify(u.password_hash, password, strlen(password)) != 0) {
        int fails = u.failed_logins + 1;
        int limit = (int)vg_service_config_number(svc, "auth.lockout_failures");
        vg_time until = fails >= limit ? now + 60 * (vg_time)vg_service_config_number(svc, "auth.lockout_minutes")
                                       : VG_TIME_NONE;
        if (vg_store_user_update(svc->store, u.user.id, NULL, -1, fails >= limit ? 0 : fails, until, &ignore))
            vg_log_error("login: could not count the failure: %s", ignore.why);
        return login_failed(svc, slot, username, from, wrong, err);
    }
    /* renew the hash when the parameters have changed */
    char rehash[crypto_pwhash_STRBYTES];
    bool renew = crypto_pwhash_str_needs_rehash(u.password_hash,
                                                (unsigned long long)vg_service_config_number(svc, "auth.argon2_ops"),
                                                (size_t)vg_service_config_number(svc, "auth.argon2_mem_kib") * 1024) != 0;
    if (renew && (e = hash_password(svc, password, rehash, err)))
        return e;
    token_new(out->token);
    token_new(out->csrf);
    out->expires = now + 3600 * (vg_time)vg_service_config_number(svc, "auth.session_hours");
    actor_of_user(&u.user, &out->actor);
    snprintf(out->actor.purpose, sizeof out->actor.purpose, "login from %.40s", from);
    uint8_t h[32];
    token_hash(out->token, h);
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_user_update(svc->store, u.user.id, renew ? rehash : NULL, -1, 0, VG_TIME_NONE, err);
    if (!e) /* sessions that ran out are of no use to anyone */
        e = vg_store_session_purge(svc->store, now, err);
    if (!e)
        e = vg_store_session_put(svc->store, h, u.user.id, out->csrf, now, out->expires, err);
    if (!e)
        e = vg_audit_write(svc, &out->actor, VG_AUDIT_LOGIN, "session", NULL, NULL, err);
    if (!e)
        e = vg_store_commit(svc->store, err);
    else
        vg_store_rollback(svc->store);
    out->actor.purpose[0] = '\0';
    if (e)
        memset(out, 0, sizeof *out);
    return e;
}

static double mono_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static vg_session_memo *memo_slot(vg_service *svc, const uint8_t h[32])
{
    uint32_t k;
    memcpy(&k, h, sizeof k);
    return &svc->memos[k % VG_SESSION_MEMOS];
}

/* A session checked less than VG_SESSION_RECHECK_S ago, from memory. */
static bool memo_get(vg_service *svc, const uint8_t h[32], vg_session *out)
{
    bool hit = false;
    pthread_mutex_lock(&svc->memo_lock);
    if (svc->memos) {
        const vg_session_memo *m = memo_slot(svc, h);
        hit = sodium_memcmp(m->hash, h, 32) == 0 && mono_seconds() - m->checked < VG_SESSION_RECHECK_S &&
              m->s.expires > vg_time_now();
        if (hit)
            *out = m->s;
    }
    pthread_mutex_unlock(&svc->memo_lock);
    return hit;
}

static void memo_put(vg_service *svc, const uint8_t h[32], const vg_session *s)
{
    pthread_mutex_lock(&svc->memo_lock);
    if (!svc->memos)
        svc->memos = vg_calloc(VG_SESSION_MEMOS, sizeof *svc->memos);
    if (svc->memos) {
        vg_session_memo *m = memo_slot(svc, h);
        memcpy(m->hash, h, 32);
        m->checked = mono_seconds();
        m->s = *s;
    }
    pthread_mutex_unlock(&svc->memo_lock);
}

/* Forgets one session (h) or all of them (h NULL). */
static void memo_forget(vg_service *svc, const uint8_t *h)
{
    pthread_mutex_lock(&svc->memo_lock);
    if (svc->memos) {
        if (h)
            memset(memo_slot(svc, h), 0, sizeof(vg_session_memo));
        else
            memset(svc->memos, 0, VG_SESSION_MEMOS * sizeof *svc->memos);
    }
    pthread_mutex_unlock(&svc->memo_lock);
}

vg_err vg_service_session(vg_service *svc, const char *token, vg_session *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    static const char gone[] = "not signed in, or the session has ended: sign in again";
    if (!token || strlen(token) != VG_TOKEN_LEN)
        return vg_error_set(err, VG_ERR_FORBIDDEN, "session", gone);
    uint8_t h[32];
    token_hash(token, h);
    if (memo_get(svc, h, out))
        return VG_OK;
    vg_id user;
    vg_error e2;
    vg_user_auth u;
    vg_store *st = vg_reader_get(svc);
    vg_err e = vg_store_session_get(st, h, &user, out->csrf, &out->expires, &e2);
    if (!e && out->expires > vg_time_now())
        e = vg_store_user_get(st, user, NULL, &u, &e2);
    vg_reader_put(svc, st);
    if (e == VG_ERR_NOT_FOUND || (!e && (out->expires <= vg_time_now() || u.user.disabled)))
        return vg_error_set(err, VG_ERR_FORBIDDEN, "session", gone);
    if (e)
        return vg_error_set(err, e, "session", "%s", e2.why);
    copy_str(out->token, sizeof out->token, token);
    actor_of_user(&u.user, &out->actor);
    memo_put(svc, h, out);
    return VG_OK;
}

vg_err vg_service_logout(vg_service *svc, const char *token, vg_error *err)
{
    vg_session s;
    vg_err e = vg_service_session(svc, token, &s, err);
    if (e)
        return e;
    uint8_t h[32];
    token_hash(token, h);
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_session_delete(svc->store, h, 0, err);
    if (!e)
        e = vg_audit_write(svc, &s.actor, VG_AUDIT_LOGOUT, "session", NULL, "logout", err);
    if (!e)
        e = vg_store_commit(svc->store, err);
    else
        vg_store_rollback(svc->store);
    if (!e)
        memo_forget(svc, h);
    return e;
}

/* ---- the demonstration's users */

typedef struct la_ctx {
    char codes[64][32], names[64][128];
    size_t n;
} la_ctx;

static vg_err la_seen(void *ctx, const vg_area *ar)
{
    la_ctx *l = ctx;
    if (ar->kind != VG_AREA_LOCAL_AUTHORITY || l->n >= 64 || !ar->name)
        return VG_OK;
    /* "Basingstoke and Deane" -> "la-basingstoke-and-deane" */
    char *c = l->codes[l->n];
    size_t k = (size_t)snprintf(c, 32, "la-");
    for (const char *p = ar->name; *p && k + 1 < 31; p++) {
        char ch = *p;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            c[k++] = ch;
        else if (k && c[k - 1] != '-')
            c[k++] = '-';
    }
    while (k && c[k - 1] == '-')
        k--;
    c[k] = '\0';
    size_t nl = strlen(ar->name);
    bool council = nl >= 8 && strcmp(ar->name + nl - 8, " Council") == 0;
    snprintf(l->names[l->n], sizeof l->names[l->n], "%s%s", ar->name, council ? "" : " Council");
    l->n++;
    return VG_OK;
}

void vg_password_generate(char out[17])
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < 16; i++)
        out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
    out[16] = '\0';
}

vg_err vg_service_demo_users(vg_service *svc, const vg_actor *a, vg_demo_login *out, size_t max, size_t *n,
                             vg_error *err)
{
    *n = 0;
    la_ctx *las = vg_calloc(1, sizeof *las);
    if (!las)
        return vg_error_set(err, VG_ERR_NOMEM, "demo", "out of memory");
    vg_err e = vg_store_areas_each(svc->store, la_seen, las, err);
    static const struct {
        const char *code, *name;
        vg_agency_kind kind;
    } others[] = {{"probation", "Probation Service", VG_AK_PROBATION},
                  {"health", "Integrated Care Board", VG_AK_HEALTH},
                  {"housing", "Housing Association", VG_AK_HOUSING},
                  {"victim-services", "Victim Services", VG_AK_VICTIM_SERVICES}};
    for (size_t i = 0; !e && i < las->n; i++) {
        e = vg_service_agency_add(svc, a, las->codes[i], las->names[i], VG_AK_LOCAL_AUTHORITY, NULL, err);
        if (e == VG_ERR_CONFLICT)
            e = VG_OK;
    }
    for (size_t i = 0; !e && i < sizeof others / sizeof others[0]; i++) {
        e = vg_service_agency_add(svc, a, others[i].code, others[i].name, others[i].kind, NULL, err);
        if (e == VG_ERR_CONFLICT)
            e = VG_OK;
    }
    /* every police role in the force; both partner roles in every partner agency */
    enum { MAX_AG = 80 };
    vg_agency *ags = e ? NULL : vg_malloc(MAX_AG * sizeof *ags);
    size_t nag = 0;
    if (!e && !ags)
        e = vg_error_set(err, VG_ERR_NOMEM, "demo", "out of memory");
    if (!e)
        e = vg_service_agency_list(svc, a, ags, MAX_AG, &nag, err);
    for (size_t i = 0; !e && i < nag && i < MAX_AG; i++) {
        bool force = ags[i].kind == VG_AK_FORCE;
        for (int r = 0; !e && r < VG_UR_OPERATOR; r++) {
            if (vg_user_role_is_partner((vg_user_role)r) == force)
                continue;
            vg_demo_login *l = *n < max ? &out[*n] : NULL;
            char name[64], pw[17];
            if (force)
                snprintf(name, sizeof name, "%s", vg_user_role_name((vg_user_role)r));
            else
                snprintf(name, sizeof name, "%.20s.%.40s", r == VG_UR_PARTNER_MANAGER ? "manager" : "practitioner",
                         ags[i].code);
            vg_password_generate(pw);
            e = vg_service_user_add(svc, a, name, (vg_user_role)r, ags[i].code, pw, NULL, err);
            if (e == VG_ERR_CONFLICT) { /* already there: give it the new password */
                e = vg_service_user_passwd(svc, a, name, pw, err);
            }
            if (!e && l) {
                copy_str(l->username, sizeof l->username, name);
                copy_str(l->password, sizeof l->password, pw);
                l->role = (vg_user_role)r;
                copy_str(l->agency, sizeof l->agency, ags[i].code);
            }
            if (!e)
                (*n)++;
        }
    }
    vg_free(ags);
    vg_free(las);
    return e;
}
