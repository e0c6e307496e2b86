/* service_int.h - the service object, shared by the service/ files only. */
#ifndef VG_SERVICE_INT_H
#define VG_SERVICE_INT_H

#include "service/service.h"
#include "store/store.h"

typedef struct vg_contact_state vg_contact_state;

typedef struct vg_login_slot {
    char addr[48];
    int failures;
    vg_time window_start;
} vg_login_slot;
#define VG_LOGIN_SLOTS 1024

struct vg_service {
    vg_store *store;
    vg_login_slot login_slots[VG_LOGIN_SLOTS]; /* failed logins per client address */
    vg_contact_state *contact; /* first contact: indexes and model, built on first use */
};

void vg_contact_state_free(vg_contact_state *c);

/* A numeric setting, or its documented default. */
double vg_service_config_number(vg_service *svc, const char *key);

/* Appends an entry to the audit log for what actor a did to the records in `what`
 * ("incident:12 person:5"); recipient names the agency of a disclosure (else NULL).
 * why is the actor's purpose, else why_default. Call it inside the transaction of the
 * action it records. */
vg_err vg_audit_write(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                      const char *recipient, const char *why_default, vg_error *err) VG_MUST_CHECK;

/* The same in a transaction of its own: for reads, whose only write is their entry. */
vg_err vg_audit_commit(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                       const char *recipient, const char *why_default, vg_error *err) VG_MUST_CHECK;

/* Appends " kind:id" for each id to the record list of an audit entry (while it fits). */
void vg_audit_ids(char *what, size_t cap, const char *kind, const vg_id *ids, size_t n);

/* Whether a record (kind "incident", "person" or "case") exists for the actor: false
 * when it is restricted to named users and the actor is not one of them. */
vg_err vg_access_visible(vg_service *svc, const vg_actor *a, const char *kind, vg_id id, bool *visible,
                         vg_error *err) VG_MUST_CHECK;

/* The checks before reading one record: the role's permission p, then the restriction;
 * fills what with "kind:id" for the audit entry. */
vg_err vg_access_read(vg_service *svc, const vg_actor *a, vg_permission p, const char *kind, vg_id id, char *what,
                      size_t n, vg_error *err) VG_MUST_CHECK;

/* Hands a view j (NULL: out of memory) to the reader once its consultation is logged:
 * *out = j, or j is released and the error returned. */
vg_err vg_audit_view(vg_service *svc, const vg_actor *a, const char *what, const char *why, json_t *j, json_t **out,
                     vg_error *err) VG_MUST_CHECK;

/* VG_ERR_NOT_FOUND (and a "denied" audit entry) if the record (kind "incident",
 * "person" or "case") is restricted to named users and the actor is not one of them:
 * for everyone else it does not exist. */
vg_err vg_access_record(vg_service *svc, const vg_actor *a, const char *kind, vg_id id, vg_error *err) VG_MUST_CHECK;

/* VG_ERR_FORBIDDEN (and a "denied" audit entry) unless the actor's role carries p. */
vg_err vg_access_require(vg_service *svc, const vg_actor *a, vg_permission p, const char *what,
                         vg_error *err) VG_MUST_CHECK;

#endif
