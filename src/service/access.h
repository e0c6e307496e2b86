/* access.h - who may do what: agencies, users and their roles, sessions, the actor that
 * every use case is called with, and the data-protection audit log (DPA 2018 s.62).
 * Included by service.h. The rules themselves (which role may do what, what a partner
 * sees of a shared case) live in service/access.c and nowhere else. */
#ifndef VG_SERVICE_ACCESS_H
#define VG_SERVICE_ACCESS_H

#include "base/err.h"
#include "base/time.h"
#include "domain/access.h"
#include "domain/pole.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vg_service vg_service;



/* What a use case may do. */
typedef enum vg_permission {
    VG_PERM_INCIDENT_CREATE,
    VG_PERM_INCIDENT_READ,
    VG_PERM_LOOKUP,
    VG_PERM_PERSON_READ,
    VG_PERM_LOCATION_READ,
    VG_PERM_CASE_CREATE,
    VG_PERM_CASE_READ,
    VG_PERM_CASE_SHARE,
    VG_PERM_REPORT_READ,
    VG_PERM_QUEUE,
    VG_PERM_USER_ADMIN,
    VG_PERM_AUDIT_READ,
    VG_PERM_CRIME_REVIEW, /* supervisors' reviews of open crimes */
    VG_PERM_VICTIM_CARE,  /* victims' entitlements under the Victims' Code */
    VG_PERM_INTEL,        /* analyses of crimes, the daily briefing and its tasking */
    VG_PERM_SETTINGS,     /* the deployment's settings and the match model */
    VG_PERM_IMPORT,       /* official open data in (police.uk, Home Office, ONS) */
    VG_PERM_EXPORT,       /* the force's records out as police.uk open data */
    VG_PERM_STORE,        /* the store as a whole: the synthetic force, the indexes (the operator only) */
    VG_PERM_DATA_QUALITY, /* the persons' review queue: merge and split persons, undo */
    VG_PERM_INCIDENT_UPDATE, /* an incident's log: updates, re-grading, closing, cancelling a mistaken call */
    VG_PERM_DISPATCH,        /* the dispatch board: acknowledge, assign a unit, set the status */
    VG_PERM_COUNT
} vg_permission;
const char *vg_permission_name(vg_permission p);

/* Who is asking, and why. Every service call that touches personal data takes one. */
typedef struct vg_actor {
    vg_id user_id; /* 0 for the operator */
    char username[64];
    vg_user_role role;
    vg_id agency_id;
    char agency[32];  /* the agency's code */
    char agency_name[128]; /* and its name, for people */
    bool police;      /* the agency is a force */
    char purpose[200]; /* the justification given with the request ("" if none) */
} vg_actor;

/* The operator at the command line: full access, audited as "cli:NAME". */
void vg_actor_operator(vg_actor *a, const char *name, const char *purpose);
/* Whether the actor's role carries the permission (agency and record rules come on top). */
bool vg_actor_can(const vg_actor *a, vg_permission p);
/* VG_ERR_FORBIDDEN, with a "denied" entry in the audit log, unless the actor's role
 * carries p (for screens that show nothing before their first use case). */
vg_err vg_service_check(vg_service *svc, const vg_actor *a, vg_permission p, const char *what,
                        vg_error *err) VG_MUST_CHECK;

/* ---- agencies and users (force_admin or the operator) */


/* code: 2 to 31 of [a-z0-9-]. VG_ERR_CONFLICT if it exists. */
vg_err vg_service_agency_add(vg_service *svc, const vg_actor *a, const char *code, const char *name,
                             vg_agency_kind kind, vg_agency *out, vg_error *err) VG_MUST_CHECK;
/* Fills up to max agencies; *n is the total. */
vg_err vg_service_agency_list(vg_service *svc, const vg_actor *a, vg_agency *out, size_t max, size_t *n,
                              vg_error *err) VG_MUST_CHECK;


/* Police roles need a force agency, partner roles another agency; username 2 to 63 of
 * [A-Za-z0-9._-]; password at least 10 characters. Hashed with Argon2id.
 *
 * The two-person rule: a role in the force (police data, administration, the audit log)
 * is given by an administrator only with a second administrator's approval. Then
 * nothing changes yet: the request is filed, *request is its id (out is not filled), and
 * vg_service_user_request_decide by another administrator carries it out. The operator
 * (the command line) and partner roles need no approval (*request 0). With request NULL
 * such a change is refused (VG_ERR_FORBIDDEN). */
vg_err vg_service_user_add(vg_service *svc, const vg_actor *a, const char *username, vg_user_role role,
                           const char *agency_code, const char *password, vg_user *out, vg_id *request,
                           vg_error *err) VG_MUST_CHECK;
/* A new password (for a force user: by request, as above); every session of the user ends. */
vg_err vg_service_user_passwd(vg_service *svc, const vg_actor *a, const char *username, const char *password,
                              vg_id *request, vg_error *err) VG_MUST_CHECK;
/* A new role in the user's agency (to a force role: by request); every session of the
 * user ends. */
vg_err vg_service_user_set_role(vg_service *svc, const vg_actor *a, const char *username, vg_user_role role,
                                vg_id *request, vg_error *err) VG_MUST_CHECK;
/* The requests waiting for a second administrator (or all, newest first): up to max in
 * out, *n the total. */
vg_err vg_service_user_requests(vg_service *svc, const vg_actor *a, bool pending_only, vg_user_request *out,
                                size_t max, size_t *n, vg_error *err) VG_MUST_CHECK;
/* Approves (carries out) or refuses a request: an administrator other than the one who
 * asked (VG_ERR_FORBIDDEN for one's own), or the operator; VG_ERR_CONFLICT if decided
 * already. Audited with both names. */
vg_err vg_service_user_request_decide(vg_service *svc, const vg_actor *a, vg_id id, bool approve,
                                      vg_error *err) VG_MUST_CHECK;
/* Disabling also ends the user's sessions (and, in a server, closes their streams). No
 * approval is needed to take access away. */
vg_err vg_service_user_disable(vg_service *svc, const vg_actor *a, const char *username, vg_error *err) VG_MUST_CHECK;
/* Re-enables a disabled account (CONFLICT if it is not disabled), clearing any lock. */
vg_err vg_service_user_enable(vg_service *svc, const vg_actor *a, const char *username, vg_error *err) VG_MUST_CHECK;
/* The active users of the actor's agency an action can be given to (VG_PERM_INTEL): the
 * owner picker of the daily review. *n is how many were filled (at most max). */
vg_err vg_service_assignable_users(vg_service *svc, const vg_actor *a, vg_user *out, size_t max, size_t *n,
                                   vg_error *err) VG_MUST_CHECK;
/* The active response officers of the actor's force an incident can be assigned to
 * (VG_PERM_DISPATCH): the dispatcher's picker. *n is how many were filled (at most max). */
vg_err vg_service_dispatchable_officers(vg_service *svc, const vg_actor *a, vg_user *out, size_t max, size_t *n,
                                        vg_error *err) VG_MUST_CHECK;
/* Forgets the user's failed sign-ins from every address (signing in is throttled, never
 * locked): CONFLICT if there are none. */
vg_err vg_service_user_unlock(vg_service *svc, const vg_actor *a, const char *username, vg_error *err) VG_MUST_CHECK;
/* Moves the user to another agency that fits the role (police roles in a force); every
 * session of the user ends. Not one's own account. */
vg_err vg_service_user_set_agency(vg_service *svc, const vg_actor *a, const char *username, const char *agency_code,
                                  vg_error *err) VG_MUST_CHECK;
vg_err vg_service_user_list(vg_service *svc, const vg_actor *a, vg_user *out, size_t max, size_t *n,
                            vg_error *err) VG_MUST_CHECK;

/* A random 16-character password from an unambiguous alphabet (no 0/O, 1/l/I). */
void vg_password_generate(char out[17]);

/* ---- sessions */

#define VG_TOKEN_LEN 43 /* 32 random bytes, base64url without padding */
#define VG_SESSION_HOURS 9

typedef struct vg_session {
    char token[VG_TOKEN_LEN + 1];
    char csrf[VG_TOKEN_LEN + 1];
    vg_time expires;
    vg_actor actor;
} vg_session;

/* Checks the password (Argon2id; the hash is renewed when the parameters have changed)
 * and opens a session. Repeated failures lock the account for a while and an address
 * that keeps failing is slowed down: VG_ERR_FORBIDDEN with a reason in err either way
 * (the same words for an unknown user and a wrong password). `from` is the client's
 * address (for the rate limit and the audit log). */
vg_err vg_service_login(vg_service *svc, const char *username, const char *password, const char *from,
                        vg_session *out, vg_error *err) VG_MUST_CHECK;
/* The session behind a token: VG_ERR_FORBIDDEN if unknown, expired or the user is
 * disabled. Fills out->actor (purpose empty) and out->csrf. Thread-safe. */
vg_err vg_service_session(vg_service *svc, const char *token, vg_session *out, vg_error *err) VG_MUST_CHECK;
/* Whether the session behind token still holds, without counting as a use (so that an
 * open event stream does not keep an unattended session from its idle timeout).
 * Thread-safe. */
bool vg_service_session_alive(vg_service *svc, const char *token);
/* Ends every session of the token's user (signing out signs out everywhere). */
vg_err vg_service_logout(vg_service *svc, const char *token, vg_error *err) VG_MUST_CHECK;
/* Grows each time sessions are ended here (sign-out, disabling, a new password or role):
 * holders of long-lived connections check their session again when it changes. */
uint64_t vg_service_session_epoch(vg_service *svc);

/* ---- the audit log */



/* Entries with at in [from, to) (VG_TIME_NONE for either: unbounded), oldest first. Auditor or
 * operator only; reading the log is itself logged. */
vg_err vg_service_audit_each(vg_service *svc, const vg_actor *a, vg_time from, vg_time to, vg_audit_fn fn, void *ctx,
                             vg_error *err) VG_MUST_CHECK;
/* Who looked at this person: the entries that name any record of the resolved person
 * that person record belongs to (every consultation of any of its records). */
vg_err vg_service_audit_person(vg_service *svc, const vg_actor *a, vg_time from, vg_time to, vg_id person,
                               vg_audit_fn fn, void *ctx, vg_error *err) VG_MUST_CHECK;

typedef struct vg_audit_check {
    int64_t entries;
    bool ok;
    int64_t bad_seq; /* the first bad entry (0 if ok) */
    char why[200];
    uint8_t head[32]; /* the hash of the last entry */
} vg_audit_check;
/* Recomputes the chain: any changed, deleted, inserted or reordered entry breaks it at
 * the first bad one. */
vg_err vg_service_audit_verify(vg_service *svc, const vg_actor *a, vg_audit_check *out, vg_error *err) VG_MUST_CHECK;

/* ---- the demonstration force */

typedef struct vg_demo_login {
    char username[64], password[17];
    vg_user_role role;
    char agency[32];
} vg_demo_login;

/* Adds an agency for each local authority of the store and for probation, health,
 * housing and victim services, then one user per role and agency (police roles in the
 * force, partner roles in each partner) with a fresh random password (existing demo
 * users get a new one). Fills up to max logins; *n is the number of users. */
vg_err vg_service_demo_users(vg_service *svc, const vg_actor *a, vg_demo_login *out, size_t max, size_t *n,
                             vg_error *err) VG_MUST_CHECK;

#endif
