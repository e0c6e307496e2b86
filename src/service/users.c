/* users.c - agencies and users (force administrators or the operator): adding them,
 * passwords hashed with Argon2id, disabling, listing, and the demonstration's users. */
#include "base/alloc.h"
#include "base/limits.h"
#include "base/log.h"
#include "service/service_int.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void copy_str(char *dst, size_t n, const char *src) { snprintf(dst, n, "%s", src ? src : ""); }

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

/* Runs an admin change with its audit entry in one transaction (what NULL: the caller
 * wrote the entry). */
static vg_err admin_done(vg_service *svc, const vg_actor *a, vg_err e, const char *what, const char *why, vg_error *err)
{
    if (!e && what)
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

vg_err vg_password_hash_with(const char *password, unsigned long long ops, size_t mem, char *out, vg_error *err)
{
    if (crypto_pwhash_str_alg(out, password, strlen(password), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return vg_error_set(err, VG_ERR_NOMEM, "password", "out of memory while hashing the password");
    return VG_OK;
}

vg_err vg_password_hash(vg_service *svc, const char *password, char *out, vg_error *err)
{
    return vg_password_hash_with(password, (unsigned long long)vg_service_config_number(svc, "auth.argon2_ops"),
                                 (size_t)vg_service_config_number(svc, "auth.argon2_mem_kib") * 1024, out, err);
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

/* ---- the two-person rule
 *
 * A role that reaches police data, administration or the audit log (every role in the
 * force) is given only with a second administrator's approval, or by the operator at
 * the command line (who holds the database file anyway): an administrator asks - for a
 * new account, a new role or a new password - and another carries it out. No one
 * decides their own request, and every request and decision is in the audit log. A
 * partner agency's roles see only what is shared with that agency: administrators give
 * them alone. */

static bool needs_second(const vg_actor *a, vg_user_role role)
{
    return a->role != VG_UR_OPERATOR && !vg_user_role_is_partner(role);
}

/* A role in an agency: police roles in a force, partner roles elsewhere. */
static vg_err role_fits(vg_user_role role, const vg_agency *ag, vg_error *err)
{
    if (role >= VG_UR_OPERATOR)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "role", "not a role");
    bool partner = vg_user_role_is_partner(role), force = ag->kind == VG_AK_FORCE;
    if (partner && force)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "role", "%s is a role for partner agencies, not the force",
                            vg_user_role_name(role));
    if (!partner && !force)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "role", "%s is a police role: %s is not a force",
                            vg_user_role_name(role), ag->code);
    return VG_OK;
}

/* Files the request (with its audit entry) for a second administrator: *request its id. */
static vg_err ask_second(vg_service *svc, const vg_actor *a, vg_user_request *r, const char *hash, vg_id *request,
                         vg_error *err)
{
    r->requested_by = a->user_id;
    r->requested_at = vg_time_now();
    vg_err e = vg_store_begin(svc->store, err);
    if (e)
        return e;
    e = vg_store_request_put(svc->store, r, hash, err);
    char what[200];
    snprintf(what, sizeof what, "request:%lld %s for %.63s%s%s (waiting for a second administrator)", (long long)r->id,
             vg_request_kind_name(r->kind), r->username, r->kind == VG_REQ_PASSWORD ? "" : " as ",
             r->kind == VG_REQ_PASSWORD ? "" : vg_user_role_name(r->role));
    if ((e = admin_done(svc, a, e, what, "admin: ask for a second administrator's approval", err)))
        return e;
    if (request)
        *request = r->id;
    return VG_OK;
}

static vg_err user_by_name(vg_service *svc, const char *username, vg_user_auth *u, vg_error *err)
{
    vg_err e = vg_store_user_get(svc->store, 0, username, u, err);
    if (e == VG_ERR_NOT_FOUND)
        return vg_error_set(err, VG_ERR_NOT_FOUND, "username", "no user '%s'", username ? username : "");
    return e;
}

/* The changes themselves, each in the caller's transaction (sessions end with them). */
static vg_err do_create(vg_service *svc, vg_user *u, const char *hash, vg_error *err)
{
    return vg_store_user_put(svc->store, u, hash, err);
}

static vg_err do_password(vg_service *svc, vg_id user, const char *hash, vg_error *err)
{
    vg_err e = vg_store_user_update(svc->store, user, hash, -1, 0, VG_TIME_NONE, err);
    /* whoever knew the old password is signed out with it */
    return e ? e : vg_store_session_delete(svc->store, NULL, user, err);
}

static vg_err do_role(vg_service *svc, vg_id user, vg_user_role role, vg_error *err)
{
    vg_err e = vg_store_user_set_role(svc->store, user, role, err);
    /* what a session may do was its role's: it ends with it */
    return e ? e : vg_store_session_delete(svc->store, NULL, user, err);
}

vg_err vg_service_user_add(vg_service *svc, const vg_actor *a, const char *username, vg_user_role role,
                           const char *agency_code, const char *password, vg_user *out, vg_id *request, vg_error *err)
{
    if (request)
        *request = 0;
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, "user", err);
    if (e)
        return e;
    if (username && strlen(username) > VG_MAX_USERNAME)
        return vg_limit_fail(VG_LIM_USERNAME, "username", strlen(username), err);
    if (!valid_name(username, 2, VG_MAX_USERNAME, "._-", true))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "username", "must be 2 to 63 of A-Z, a-z, 0-9, '.', '_' and '-'");
    if ((e = check_password(password, err)))
        return e;
    vg_user u;
    memset(&u, 0, sizeof u);
    if ((e = vg_store_agency_get(svc->store, 0, agency_code, &u.agency, err)))
        return e == VG_ERR_NOT_FOUND ? vg_error_set(err, VG_ERR_INVALID_INPUT, "agency", "no agency with the code '%s'",
                                                    agency_code ? agency_code : "")
                                     : e;
    if ((e = role_fits(role, &u.agency, err)))
        return e;
    vg_user_auth taken;
    vg_error ignore;
    if (vg_store_user_get(svc->store, 0, username, &taken, &ignore) == VG_OK)
        return vg_error_set(err, VG_ERR_CONFLICT, "username", "%s already exists", username);
    copy_str(u.username, sizeof u.username, username);
    u.role = role;
    char hash[crypto_pwhash_STRBYTES];
    if ((e = vg_password_hash(svc, password, hash, err)))
        return e;
    if (needs_second(a, role)) {
        if (!request)
            return vg_error_set(err, VG_ERR_FORBIDDEN, "role", "giving the role %s needs a second administrator's "
                                "approval", vg_user_role_name(role));
        vg_user_request r = {.kind = VG_REQ_CREATE, .role = role, .agency = u.agency};
        copy_str(r.username, sizeof r.username, username);
        return ask_second(svc, a, &r, hash, request, err);
    }
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = do_create(svc, &u, hash, err);
    char what[64];
    snprintf(what, sizeof what, "user:%lld", (long long)u.id);
    if ((e = admin_done(svc, a, e, what, "admin: add a user", err)))
        return e;
    if (out)
        *out = u;
    return VG_OK;
}

vg_err vg_service_user_passwd(vg_service *svc, const vg_actor *a, const char *username, const char *password,
                              vg_id *request, vg_error *err)
{
    if (request)
        *request = 0;
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, "user", err);
    if (e || (e = check_password(password, err)))
        return e;
    vg_user_auth u;
    if ((e = user_by_name(svc, username, &u, err)))
        return e;
    char hash[crypto_pwhash_STRBYTES];
    if ((e = vg_password_hash(svc, password, hash, err)))
        return e;
    if (needs_second(a, u.user.role)) { /* whoever knows the password can be the user */
        if (!request)
            return vg_error_set(err, VG_ERR_FORBIDDEN, "password", "a new password for %s (%s) needs a second "
                                "administrator's approval", u.user.username, vg_user_role_name(u.user.role));
        vg_user_request r = {.kind = VG_REQ_PASSWORD, .role = u.user.role};
        copy_str(r.username, sizeof r.username, username);
        return ask_second(svc, a, &r, hash, request, err);
    }
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = do_password(svc, u.user.id, hash, err);
    char what[64];
    snprintf(what, sizeof what, "user:%lld", (long long)u.user.id);
    if ((e = admin_done(svc, a, e, what, "admin: set a password (every session of the user ended)", err)) == VG_OK)
        vg_sessions_forget(svc);
    return e;
}

vg_err vg_service_user_set_role(vg_service *svc, const vg_actor *a, const char *username, vg_user_role role,
                                vg_id *request, vg_error *err)
{
    if (request)
        *request = 0;
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, "user", err);
    if (e)
        return e;
    vg_user_auth u;
    if ((e = user_by_name(svc, username, &u, err)) || (e = role_fits(role, &u.user.agency, err)))
        return e;
    if (role == u.user.role)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "role", "%s already has the role %s", username,
                            vg_user_role_name(role));
    if (needs_second(a, role)) {
        if (!request)
            return vg_error_set(err, VG_ERR_FORBIDDEN, "role", "giving the role %s needs a second administrator's "
                                "approval", vg_user_role_name(role));
        vg_user_request r = {.kind = VG_REQ_ROLE, .role = role, .agency = u.user.agency};
        copy_str(r.username, sizeof r.username, username);
        return ask_second(svc, a, &r, NULL, request, err);
    }
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = do_role(svc, u.user.id, role, err);
    char what[96];
    snprintf(what, sizeof what, "user:%lld role %s -> %s", (long long)u.user.id, vg_user_role_name(u.user.role),
             vg_user_role_name(role));
    if ((e = admin_done(svc, a, e, what, "admin: change a role (every session of the user ended)", err)) == VG_OK)
        vg_sessions_forget(svc);
    return e;
}

typedef struct requests_ctx {
    vg_user_request *out;
    size_t max, n;
} requests_ctx;

static vg_err request_seen(void *ctx, const vg_user_request *r)
{
    requests_ctx *c = ctx;
    if (c->n < c->max)
        c->out[c->n] = *r;
    c->n++;
    return VG_OK;
}

vg_err vg_service_user_requests(vg_service *svc, const vg_actor *a, bool pending_only, vg_user_request *out, size_t max,
                                size_t *n, vg_error *err)
{
    *n = 0;
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, "requests", err);
    if (e)
        return e;
    requests_ctx c = {out, max, 0};
    e = vg_store_requests_each(svc->store, pending_only, request_seen, &c, err);
    *n = c.n;
    return e;
}

vg_err vg_service_user_request_decide(vg_service *svc, const vg_actor *a, vg_id id, bool approve, vg_error *err)
{
    char what[240];
    snprintf(what, sizeof what, "request:%lld", (long long)id);
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, what, err);
    if (e)
        return e;
    vg_user_request r;
    char hash[crypto_pwhash_STRBYTES] = "";
    if ((e = vg_store_request_get(svc->store, id, &r, hash, err)))
        return e;
    if (strcmp(r.status, "pending") != 0)
        return vg_error_set(err, VG_ERR_CONFLICT, "request", "request %lld was %s by %s", (long long)id, r.status,
                            r.decided_by_name[0] ? r.decided_by_name : "the operator");
    if (r.requested_by == a->user_id && a->role != VG_UR_OPERATOR) {
        vg_audit_alone(svc, a, VG_AUDIT_DENIED, what, "admin: one's own request (a second administrator decides)");
        return vg_error_set(err, VG_ERR_FORBIDDEN, "request",
                            "you asked for this: a second administrator must approve or refuse it");
    }
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    vg_user_auth u;
    memset(&u, 0, sizeof u);
    if (approve && r.kind != VG_REQ_CREATE && (e = user_by_name(svc, r.username, &u, err))) {
        vg_store_rollback(svc->store);
        return e;
    }
    if (approve && r.kind == VG_REQ_CREATE) {
        vg_user nu;
        memset(&nu, 0, sizeof nu);
        copy_str(nu.username, sizeof nu.username, r.username);
        nu.role = r.role;
        nu.agency = r.agency;
        e = do_create(svc, &nu, hash, err);
        u.user = nu;
    } else if (approve && r.kind == VG_REQ_PASSWORD) {
        e = do_password(svc, u.user.id, hash, err);
    } else if (approve) {
        e = do_role(svc, u.user.id, r.role, err);
    }
    if (!e)
        e = vg_store_request_decide(svc->store, id, approve ? "approved" : "refused", a->user_id, vg_time_now(), err);
    snprintf(what, sizeof what, "request:%lld %s: %s for %.63s (asked by %.63s)", (long long)id,
             approve ? "approved" : "refused", vg_request_kind_name(r.kind), r.username, r.requested_by_name);
    vg_audit_rec named[2] = {{"request", id}, {"user", u.user.id}}; /* the user only once there is one */
    vg_audit_recs recs = {named, u.user.id ? 2 : 1, 2, false};
    if (!e)
        e = vg_audit_write_recs(svc, a, VG_AUDIT_ADMIN, what, &recs, NULL,
                                approve ? "admin: approve another administrator's request"
                                        : "admin: refuse another administrator's request",
                                err);
    if ((e = admin_done(svc, a, e, NULL, NULL, err)) == VG_OK && approve && r.kind != VG_REQ_CREATE)
        vg_sessions_forget(svc);
    sodium_memzero(hash, sizeof hash);
    return e;
}

/* An administrator's change to one user: VG_PERM_USER_ADMIN, the user by name, and the
 * audit entry's "user:ID". */
static vg_err target_user(vg_service *svc, const vg_actor *a, const char *username, vg_user_auth *u, char what[64],
                          vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_USER_ADMIN, "user", err);
    if (!e)
        e = user_by_name(svc, username, u, err);
    if (!e)
        snprintf(what, 64, "user:%lld", (long long)u->user.id);
    return e;
}

vg_err vg_service_user_disable(vg_service *svc, const vg_actor *a, const char *username, vg_error *err)
{
    vg_user_auth u;
    char what[64];
    vg_err e = target_user(svc, a, username, &u, what, err);
    if (e)
        return e;
    if (u.user.id == a->user_id) /* an administrator's own account is taken away by another */
        return vg_error_set(err, VG_ERR_CONFLICT, "username",
                            "you cannot disable your own account: another administrator can");
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_user_update(svc->store, u.user.id, NULL, 1, -1, VG_TIME_NONE, err);
    if (!e)
        e = vg_store_session_delete(svc->store, NULL, u.user.id, err);
    if ((e = admin_done(svc, a, e, what, "admin: disable a user (every session of the user ended)", err)) == VG_OK)
        vg_sessions_forget(svc); /* the user's sessions have ended */
    return e;
}

/* Re-enabling restores the access the account had: its role was given under the
 * two-person rule when it was granted, and disabling suspends it; the re-enabling is in
 * the audit log with who did it. An administrator does not re-enable their own account. */
vg_err vg_service_user_enable(vg_service *svc, const vg_actor *a, const char *username, vg_error *err)
{
    vg_user_auth u;
    char what[64];
    vg_err e = target_user(svc, a, username, &u, what, err);
    if (e)
        return e;
    if (!u.user.disabled)
        return vg_error_set(err, VG_ERR_CONFLICT, "username", "%s is not disabled", u.user.username);
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_user_update(svc->store, u.user.id, NULL, 0, 0, VG_TIME_NONE, err);
    return admin_done(svc, a, e, what, "admin: re-enable a user", err);
}

/* Signing in is throttled by address and username, never locked by failures an outsider
 * can cause (signin.c); unlocking forgets the user's failures from every address, so a
 * user who forgot the password and was held back can sign in with the new one at once. */
vg_err vg_service_user_unlock(vg_service *svc, const vg_actor *a, const char *username, vg_error *err)
{
    vg_user_auth u;
    char what[64];
    vg_err e = target_user(svc, a, username, &u, what, err);
    if (e)
        return e;
    if (!vg_throttle_of_user(svc->throttle, u.user.username, false).failures)
        return vg_error_set(err, VG_ERR_CONFLICT, "username", "%s has no failed sign-ins to forget", u.user.username);
    if ((e = vg_audit_commit(svc, a, VG_AUDIT_ADMIN, what, NULL, "admin: unlock a user held back after failed sign-ins",
                             err)))
        return e;
    (void)vg_throttle_of_user(svc->throttle, u.user.username, true);
    return VG_OK;
}

vg_err vg_service_user_set_agency(vg_service *svc, const vg_actor *a, const char *username, const char *agency_code,
                                  vg_error *err)
{
    vg_user_auth u;
    char what[64];
    vg_err e = target_user(svc, a, username, &u, what, err);
    if (e)
        return e;
    vg_agency ag;
    if ((e = vg_store_agency_get(svc->store, 0, agency_code, &ag, err)))
        return e == VG_ERR_NOT_FOUND ? vg_error_set(err, VG_ERR_INVALID_INPUT, "agency", "no agency with the code '%s'",
                                                    agency_code ? agency_code : "")
                                     : e;
    if (ag.id == u.user.agency.id)
        return vg_error_set(err, VG_ERR_CONFLICT, "agency", "%s is in %s already", u.user.username, ag.name);
    if ((e = role_fits(u.user.role, &ag, err)))
        return e;
    if (u.user.id == a->user_id)
        return vg_error_set(err, VG_ERR_CONFLICT, "username", "another administrator moves your own account");
    if ((e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_user_set_agency(svc->store, u.user.id, ag.id, err);
    /* what a session may see was its agency's: it ends with it */
    if (!e)
        e = vg_store_session_delete(svc->store, NULL, u.user.id, err);
    char moved[160];
    snprintf(moved, sizeof moved, "%s moved from %.60s to %.60s", what, u.user.agency.code, ag.code);
    if ((e = admin_done(svc, a, e, moved, "admin: move a user to another agency (every session of the user ended)",
                        err)) == VG_OK)
        vg_sessions_forget(svc);
    return e;
}

vg_err vg_service_user_view(vg_service *svc, const vg_actor *a, const char *username, json_t **out, vg_error *err)
{
    *out = NULL;
    vg_user_auth u;
    char what[64];
    vg_err e = target_user(svc, a, username, &u, what, err);
    if (e)
        return e;
    /* the row the users' list shows (state, last sign-in, added): one description of them */
    vg_list_query q;
    vg_list_query_init(&q, VG_LIST_USERS);
    snprintf(q.filter[0], sizeof q.filter[0], "%s", u.user.username);
    json_t *list = NULL;
    if ((e = vg_service_list(svc, a, &q, &list, err)))
        return e;
    json_t *row = json_array_get(json_object_get(list, "rows"), 0);
    vg_throttle_state th = vg_throttle_of_user(svc->throttle, u.user.username, false);
    char locked[VG_TIME_LEN] = "";
    if (th.held_until != VG_TIME_NONE)
        vg_time_format(th.held_until, locked);
    json_t *j = json_pack("{s:s,s:s,s:{s:s,s:s,s:s},s:s,s:s,s:s,s:i,s:i,s:s*,s:b}", "username", u.user.username, "role",
                          vg_user_role_name(u.user.role), "agency", "code", u.user.agency.code, "name",
                          u.user.agency.name, "kind", vg_agency_kind_name(u.user.agency.kind), "status",
                          row ? json_string_value(json_object_get(row, "status")) : "active", "last_sign_in",
                          row ? json_string_value(json_object_get(row, "last_sign_in")) : "", "created",
                          row ? json_string_value(json_object_get(row, "created")) : "", "failed_logins",
                          th.failures, "failed_from", th.addresses, "held_until", locked[0] ? locked : NULL, "yourself",
                          u.user.id == a->user_id);
    json_decref(list);
    if (!j)
        return vg_error_set(err, VG_ERR_NOMEM, "user", "out of memory");
    *out = j;
    return VG_OK;
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
            e = vg_service_user_add(svc, a, name, (vg_user_role)r, ags[i].code, pw, NULL, NULL, err);
            if (e == VG_ERR_CONFLICT) { /* already there: give it the new password */
                e = vg_service_user_passwd(svc, a, name, pw, NULL, err);
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

typedef struct assignable_ctx {
    const vg_actor *a;
    vg_user *out;
    size_t max, n;
    int role; /* only this role; -1: any */
} assignable_ctx;

static vg_err assignable_seen(void *ctx, const vg_user *u)
{
    assignable_ctx *c = ctx;
    if (u->disabled || strcmp(u->agency.code, c->a->agency) != 0 || (c->role >= 0 && (int)u->role != c->role))
        return VG_OK;
    if (c->n < c->max)
        c->out[c->n] = *u;
    c->n++;
    return VG_OK;
}

/* The active users of the actor's agency (of one role; -1: any) for a picker, to those with p. */
static vg_err pickable_users(vg_service *svc, const vg_actor *a, vg_permission p, const char *what, int role,
                             vg_user *out, size_t max, size_t *n, vg_error *err)
{
    *n = 0;
    vg_err e = vg_access_require(svc, a, p, what, err);
    if (e)
        return e;
    assignable_ctx c = {a, out, max, 0, role};
    e = vg_store_users_each(svc->store, assignable_seen, &c, err);
    *n = c.n < max ? c.n : max;
    return e;
}

vg_err vg_service_assignable_users(vg_service *svc, const vg_actor *a, vg_user *out, size_t max, size_t *n,
                                   vg_error *err)
{
    return pickable_users(svc, a, VG_PERM_INTEL, "users to assign", -1, out, max, n, err);
}

vg_err vg_service_dispatchable_officers(vg_service *svc, const vg_actor *a, vg_user *out, size_t max, size_t *n,
                                        vg_error *err)
{
    return pickable_users(svc, a, VG_PERM_DISPATCH, "officers to assign", VG_UR_RESPONSE_OFFICER, out, max, n, err);
}
