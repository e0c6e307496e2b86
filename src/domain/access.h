/* access.h - the record types of access control: agencies (the force and its partners),
 * user roles, users, and entries of the data-protection audit log. What each role may
 * do is decided in service/access.c. */
#ifndef VG_DOMAIN_ACCESS_H
#define VG_DOMAIN_ACCESS_H

#include "base/err.h"
#include "base/time.h"
#include "domain/pole.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum vg_user_role {
    VG_UR_CALL_HANDLER,
    VG_UR_RESPONSE_OFFICER,
    VG_UR_INVESTIGATOR,
    VG_UR_SUPERVISOR,
    VG_UR_VICTIM_CARE,
    VG_UR_ANALYST,
    VG_UR_PARTNER_PRACTITIONER,
    VG_UR_PARTNER_MANAGER,
    VG_UR_FORCE_ADMIN,
    VG_UR_AUDITOR,
    VG_UR_DATA_QUALITY, /* decides the pairs of records the model is unsure of: merges and splits persons */
    VG_UR_DISPATCHER,   /* the control room's despatcher: the dispatch board, units to incidents */
    VG_UR_OPERATOR, /* the command line on the server: whoever holds the database file */
    VG_UR_COUNT
} vg_user_role;
const char *vg_user_role_name(vg_user_role r);
const char *vg_user_role_label(vg_user_role r); /* for people: "Call handler" */
bool vg_user_role_parse(const char *s, vg_user_role *out); /* the operator is not parsed */
bool vg_user_role_is_partner(vg_user_role r);

typedef enum vg_agency_kind {
    VG_AK_FORCE,
    VG_AK_LOCAL_AUTHORITY,
    VG_AK_PROBATION,
    VG_AK_HEALTH,
    VG_AK_HOUSING,
    VG_AK_VICTIM_SERVICES,
    VG_AK_OTHER,
    VG_AK_COUNT
} vg_agency_kind;
const char *vg_agency_kind_name(vg_agency_kind k);
const char *vg_agency_kind_label(vg_agency_kind k); /* for people: "Local authority" */
bool vg_agency_kind_parse(const char *s, vg_agency_kind *out);

typedef struct vg_agency {
    vg_id id;
    char code[32];
    char name[128];
    vg_agency_kind kind;
} vg_agency;

typedef struct vg_user {
    vg_id id;
    char username[64];
    vg_user_role role;
    vg_agency agency;
    bool disabled;
} vg_user;

/* An administrator's request that a second administrator must approve. */
typedef enum vg_request_kind { VG_REQ_CREATE, VG_REQ_ROLE, VG_REQ_PASSWORD, VG_REQ_KIND_COUNT } vg_request_kind;
const char *vg_request_kind_name(vg_request_kind k);
bool vg_request_kind_parse(const char *s, vg_request_kind *out);

typedef struct vg_user_request {
    vg_id id;
    vg_request_kind kind;
    char username[64];
    vg_user_role role;         /* create and role */
    vg_agency agency;          /* create */
    vg_id requested_by;
    char requested_by_name[64];
    vg_time requested_at;
    char status[12];           /* pending, approved, refused */
    vg_id decided_by;
    char decided_by_name[64];
    vg_time decided_at;
} vg_user_request;

typedef enum vg_audit_action {
    VG_AUDIT_COLLECT,
    VG_AUDIT_ALTER,
    VG_AUDIT_CONSULT,
    VG_AUDIT_DISCLOSE,
    VG_AUDIT_COMBINE,
    VG_AUDIT_ERASE,
    VG_AUDIT_LOGIN,
    VG_AUDIT_LOGIN_FAILED,
    VG_AUDIT_LOGOUT,
    VG_AUDIT_ADMIN,
    VG_AUDIT_DENIED,
    VG_AUDIT_ACTION_COUNT
} vg_audit_action;
const char *vg_audit_action_name(vg_audit_action a);
const char *vg_audit_action_label(vg_audit_action a); /* for people: "Consulted" */

/* A record an audit entry names: its kind ("incident", "person", "crime", ...) and id. */
typedef struct vg_audit_rec {
    const char *kind;
    vg_id id;
} vg_audit_rec;

typedef struct vg_audit_entry {
    int64_t seq;
    vg_time at;
    vg_id user_id;
    const char *username, *agency, *role, *action, *what, *why, *recipient; /* recipient may be NULL */
    const vg_audit_rec *recs; /* every record the entry disclosed or changed, in order */
    size_t n_recs;
    uint8_t prev_hash[32], hash[32];
} vg_audit_entry;
typedef vg_err (*vg_audit_fn)(void *ctx, const vg_audit_entry *e);

#endif
