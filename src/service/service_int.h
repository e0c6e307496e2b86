/* service_int.h - the service object, shared by the service/ files only. */
#ifndef VG_SERVICE_INT_H
#define VG_SERVICE_INT_H

#include "service/service.h"
#include "store/store.h"
#include "match/index.h"

#include <pthread.h>

typedef struct vg_contact_state vg_contact_state;

/* Failed sign-ins by (address, username), in memory (signin.c). */
typedef struct vg_throttle vg_throttle;
vg_err vg_throttle_new(vg_throttle **out);
void vg_throttle_free(vg_throttle *t);
/* A user's failed sign-ins still remembered: the failures, from how many addresses, and
 * until when the latest of them is held back (VG_TIME_NONE: none); clear forgets them
 * (an administrator's unlocking). */
typedef struct vg_throttle_state {
    int failures, addresses;
    vg_time held_until;
} vg_throttle_state;
vg_throttle_state vg_throttle_of_user(vg_throttle *t, const char *username, bool clear);

typedef struct vg_readers vg_readers;

/* A session seen recently: sessions are checked against the store again after
 * VG_SESSION_RECHECK_S seconds (at once after a logout or a user disabled here). */
typedef struct vg_session_memo {
    uint8_t hash[32]; /* of the token; all zero: empty */
    double checked;   /* monotonic seconds */
    vg_session s;
} vg_session_memo;
#define VG_SESSION_MEMOS 1024
#define VG_SESSION_RECHECK_S 1.0
typedef struct vg_audit_queue vg_audit_queue;

struct vg_service {
    vg_store *store;          /* the main connection: used under `lock` */
    char *uri;
    pthread_mutex_t lock;     /* recursive: see vg_service_lock */
    pthread_rwlock_t contact_lock; /* `contact`: searched under a read lock, changed under a write lock */
    vg_readers *readers;      /* read-only connections for the thread-safe functions */
    vg_readers *replica;      /* --read-db: connections to a replica for reports and analyses */
    char *replica_uri;
    pthread_mutex_t memo_lock;
    vg_session_memo *memos;   /* VG_SESSION_MEMOS, by the token hash's first bytes */
    vg_audit_queue *audit_q;  /* the audit writer thread, once started */
    uint64_t session_epoch;   /* under memo_lock: counts the times sessions were ended */
    vg_throttle *throttle;    /* failed sign-ins (its own lock) */
    vg_contact_state *contact; /* first contact: indexes and model, built on first use */
    int64_t data_version;      /* the store's, when `contact` was built */
};

void vg_contact_state_free(vg_contact_state *c);
/* First contact's person index, match model and threshold, built on first use. Call
 * with contact_lock held for writing; the index is borrowed until it is released. */
vg_err vg_contact_matcher(vg_service *svc, const vg_match_index **ix, vg_match_model *m, double *threshold,
                          double *probable, vg_error *err) VG_MUST_CHECK;
/* The records of the person a record belongs to (the person's own id first), at most max
 * in out; how many it has. With contact_lock held, after vg_contact_matcher. */
size_t vg_contact_person_records(vg_service *svc, vg_id record, vg_id *out, size_t max);
/* First contact's persons read again from the store (after a decision changed some).
 * With the service lock and contact_lock held for writing. */
vg_err vg_contact_persons_reload(vg_service *svc, vg_error *err) VG_MUST_CHECK;
/* Finds or makes the location of a home address (as a call's would be), for writers
 * other than calls. Call with the service lock and contact_lock held for writing. */
vg_err vg_contact_home_place(vg_service *svc, const char *address, const char *postcode, vg_id *loc,
                             vg_error *err) VG_MUST_CHECK;
/* Resolves every person record of the store into persons (vg_service_match_resolve
 * without its permission check, for use cases that already hold theirs). */
vg_err vg_persons_resolve(vg_service *svc, const vg_actor *a, vg_match_resolve_report *rep,
                          vg_error *err) VG_MUST_CHECK;
/* The persons of a subset of person records (sorted ids) clustered among themselves with
 * the decisions that stand: *person (caller frees) gets each record's person, in order.
 * With the service lock and contact_lock held for writing. */
vg_err vg_persons_recluster(vg_service *svc, const vg_id *subset, size_t n_subset, vg_id **person,
                            vg_error *err) VG_MUST_CHECK;
/* Drops first contact's indexes and persons (the next use builds them again). Call with
 * contact_lock held for writing. */
void vg_contact_drop_locked(vg_service *svc);
/* After restrictions changed: what lookups show is brought up to date. Call with the lock. */
void vg_contact_restrictions_changed(vg_service *svc);
/* Drops the indexes if another process wrote to the store since they were built (the
 * next use rebuilds them). Call with the lock. */
void vg_contact_watch(vg_service *svc);

/* The first-contact briefing's rules as configured (briefing.* and match.threshold). */
void vg_service_briefing_config(vg_service *svc, vg_briefing_config *c);
/* The same read through st (a read connection). */
void vg_service_briefing_config_in(vg_store *st, vg_briefing_config *c);

/* A setting's text, or its documented default, for the use cases that depend on it
 * (from any thread); not audited: settings are not personal data. */
vg_err vg_service_config_text(vg_service *svc, const char *key, char *out, size_t n, vg_error *err) VG_MUST_CHECK;
/* A numeric setting, or its documented default (from any thread: it takes the lock). */
double vg_service_config_number(vg_service *svc, const char *key);
/* The same read through st (a read connection, for the thread-safe use cases). */
double vg_service_config_number_in(vg_store *st, const char *key);

/* The records an audit entry names (DPA 2018 s.62: every one it disclosed, however
 * many): kinds are string literals. A failed allocation is remembered, and the entry
 * is then refused, so that nothing is disclosed without being logged. */
typedef struct vg_audit_recs {
    vg_audit_rec *v;
    size_t n, cap;
    bool nomem;
} vg_audit_recs;
bool vg_audit_recs_add(vg_audit_recs *r, const char *kind, vg_id id);
/* The same unless the list names the record already (kind is a string literal). */
bool vg_audit_recs_add_once(vg_audit_recs *r, const char *kind, vg_id id);
void vg_audit_recs_free(vg_audit_recs *r);

/* Appends an entry to the audit log for what actor a did: `what` says it in short and
 * recs names every record (NULL: the records are the kind:id words of what, as in
 * "incident:12 person:5"); recipient names the agency of a disclosure (else NULL). why
 * is the actor's purpose, else why_default. Call it inside the transaction of the
 * action it records. */
vg_err vg_audit_write_recs(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                           const vg_audit_recs *recs, const char *recipient, const char *why_default,
                           vg_error *err) VG_MUST_CHECK;
vg_err vg_audit_write(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                      const char *recipient, const char *why_default, vg_error *err) VG_MUST_CHECK;

/* Where the audit chain ends, as an append sees it: read from the store when !known. */
typedef struct vg_audit_chain {
    bool known;
    int64_t head;
    uint8_t hash[32];
} vg_audit_chain;

/* Appends an entry made at `at` to the log in st, after chain (advanced past it). */
vg_err vg_audit_append(vg_store *st, vg_audit_chain *chain, const vg_actor *a, vg_audit_action action,
                       const char *what, const vg_audit_recs *recs, const char *recipient, const char *why_default,
                       vg_time at, vg_error *err) VG_MUST_CHECK;

/* Commits one audit entry for a thread-safe use case: through the writer thread when it
 * runs (in a group with others), else under the lock. Returns once it is committed.
 * recs as for vg_audit_write_recs. */
vg_err vg_audit_commit_shared(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                              const vg_audit_recs *recs, const char *why_default, vg_error *err) VG_MUST_CHECK;

/* The same without waiting: done(ctx, ...) is called once the entry is committed (from
 * the writer thread; or before this returns when the writer does not run). what is
 * copied (up to VG_AUDIT_WHAT_MAX; say it in short, the records go in recs) and so are
 * the records; why_default must be a string literal. */
#define VG_AUDIT_WHAT_MAX 1024
vg_err vg_audit_commit_async(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                             const vg_audit_recs *recs, const char *why_default, vg_logged_fn done, void *ctx,
                             vg_error *err) VG_MUST_CHECK;

/* A connection for reads by a thread-safe use case, released with vg_reader_put: one of
 * the read-only connections, or the main one with the lock held. */
vg_store *vg_reader_get(vg_service *svc);
/* The work queues' periods, into a list's query (work.c): days from a crime's recording
 * to its first supervisor's review, to a victim's needs assessment, and from its outcome
 * to the victim being told. */
void vg_work_periods(vg_list_query *q);
void vg_reader_put(vg_service *svc, vg_store *st);
/* The same for reports and analyses: a connection to the read replica (--read-db), else
 * as vg_reader_get; released with vg_replica_put. */
vg_store *vg_replica_get(vg_service *svc);
void vg_replica_put(vg_service *svc, vg_store *st);
void vg_replica_close(vg_service *svc);
/* Makes the folder (export.c, facts.c); one already there is fine. */
vg_err vg_export_make_dir(const char *path, vg_error *err);
void vg_threads_stop(vg_service *svc);

/* The convex hull of n [lat, lon] points (sorted in place) into out (room for 2n):
 * its corners, without repeating the first; the number of them. (maps.c) */
size_t vg_convex_hull(double (*pts)[2], size_t n, double (*out)[2]);

/* The same in a transaction of its own: for reads, whose only write is their entry.
 * From any thread (it takes the service lock). */
vg_err vg_audit_commit_recs(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                            const vg_audit_recs *recs, const char *recipient, const char *why_default,
                            vg_error *err) VG_MUST_CHECK;
vg_err vg_audit_commit(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                       const char *recipient, const char *why_default, vg_error *err) VG_MUST_CHECK;

/* The actor of a signed-in user (purpose empty). */
void vg_actor_of_user(const vg_user *u, vg_actor *a);
/* An Argon2id hash of password into out (crypto_pwhash_STRBYTES, 128 bytes) with the
 * configured parameters (with the lock, or from the one thread using the service), or
 * with the ones given (from any thread). */
vg_err vg_password_hash(vg_service *svc, const char *password, char *out, vg_error *err) VG_MUST_CHECK;
vg_err vg_password_hash_with(const char *password, unsigned long long ops, size_t mem, char *out,
                             vg_error *err) VG_MUST_CHECK;
/* Sessions were ended in the store (sign-out, a user disabled, a new password or role):
 * none is taken from memory again, and event streams check theirs at once. */
void vg_sessions_forget(vg_service *svc);
/* An audit entry in a transaction of its own, for refusals, which have no action of
 * their own to ride with; a failure to write it is logged. */
void vg_audit_alone(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what, const char *why);

/* Whether a record (kind "incident", "person" or "case") exists for the actor: false
 * when it is restricted to named users and the actor is not one of them. */
vg_err vg_access_visible(vg_service *svc, const vg_actor *a, const char *kind, vg_id id, bool *visible,
                         vg_error *err) VG_MUST_CHECK;
/* Whether a person is shown to the actor where another record names them (an incident's
 * or a crime's parties, a briefing's people): not when restricted to other users, nor
 * when that cannot be told. */
bool vg_access_person_shown(vg_service *svc, const vg_actor *a, vg_id person);
/* The same, reading from st. */
vg_err vg_access_visible_in(vg_store *st, const vg_actor *a, const char *kind, vg_id id, bool *visible,
                            vg_error *err) VG_MUST_CHECK;

/* The candidates for a description as the first-contact lookup finds them (the records
 * the actor may see), without a briefing, a permission check or an audit entry: for use
 * cases that hold their own (the search). */
vg_err vg_contact_candidates(vg_service *svc, const vg_actor *a, const vg_lookup_request *q, vg_lookup_result *out,
                             vg_error *err) VG_MUST_CHECK;
/* The briefing made at the call (JSON; NULL if none), without the people restricted
 * from the actor; recs gets every record it drew on (for the audit entry of whatever
 * shows it). Caller owns it. */
json_t *vg_briefing_shown(vg_service *svc, const vg_actor *a, vg_id incident, vg_audit_recs *recs);
/* A party to an incident or crime: its person number and role, and for a reader who may
 * read persons their name and date of birth (the caller names the person in its
 * consultation). NULL: out of memory. */
json_t *vg_party_json(vg_service *svc, const vg_actor *a, vg_id person, const char *role);
/* Sets j's "address" to the place in words; false if there is no such place. */
bool vg_address_json(vg_service *svc, vg_id location, json_t *j);
/* Adds an incident's dispatch state ("dispatch") and log ("log") to its view. */
vg_err vg_incident_log_json(vg_service *svc, vg_id incident, json_t *view, vg_error *err) VG_MUST_CHECK;

/* Removes from a stored briefing (JSON) the people restricted from the actor: for them
 * a restricted person is not there, even by id. */
void vg_briefing_hide_restricted(vg_service *svc, const vg_actor *a, json_t *briefing);

/* The checks before reading one record: the role's permission p, then the restriction;
 * fills what with "kind:id" for the audit entry. */
vg_err vg_access_read(vg_service *svc, const vg_actor *a, vg_permission p, const char *kind, vg_id id, char *what,
                      size_t n, vg_error *err) VG_MUST_CHECK;

/* Hands a view j (NULL: out of memory) to the reader once its consultation is logged:
 * *out = j, or j is released and the error returned. */
vg_err vg_audit_view(vg_service *svc, const vg_actor *a, const char *what, const char *why, json_t *j, json_t **out,
                     vg_error *err) VG_MUST_CHECK;
/* The same naming the records disclosed in recs (what says it in short). */
vg_err vg_audit_view_recs(vg_service *svc, const vg_actor *a, const char *what, const vg_audit_recs *recs,
                          const char *why, json_t *j, json_t **out, vg_error *err) VG_MUST_CHECK;

/* VG_ERR_NOT_FOUND (and a "denied" audit entry) if the record (kind "incident",
 * "person" or "case") is restricted to named users and the actor is not one of them:
 * for everyone else it does not exist. */
vg_err vg_access_record(vg_service *svc, const vg_actor *a, const char *kind, vg_id id, vg_error *err) VG_MUST_CHECK;

/* VG_ERR_NOT_FOUND for a record asked for by id that the actor may not see, or that
 * does not exist (one answer for both, so that ids cannot be probed), with a "denied"
 * entry naming it and why: probing is in the log too. */
vg_err vg_access_not_found(vg_service *svc, const vg_actor *a, const char *kind, vg_id id, const char *why,
                           vg_error *err) VG_MUST_CHECK;

/* VG_ERR_FORBIDDEN (and a "denied" audit entry) unless the actor's role carries p. */
vg_err vg_access_require(vg_service *svc, const vg_actor *a, vg_permission p, const char *what,
                         vg_error *err) VG_MUST_CHECK;

#endif
