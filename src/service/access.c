/* access.c - the access rules: which role may do what (police information never for
 * a partner agency), the actor of a user or of the operator, and the checks every use
 * case makes before it reads a record (its role's permission, then any restriction to
 * named users), each refusal written to the audit log. Nothing outside service/
 * decides who may see what. */
#include "base/alloc.h"
#include "base/limits.h"
#include "base/log.h"
#include "service/service_int.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* ---- roles and permissions */

#define R(x) (1u << VG_UR_##x)
static const unsigned permission_roles[VG_PERM_COUNT] = {
    [VG_PERM_INCIDENT_CREATE] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(OPERATOR),
    [VG_PERM_INCIDENT_READ] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(VICTIM_CARE) |
                              R(ANALYST) | R(DISPATCHER) | R(OPERATOR),
    [VG_PERM_LOOKUP] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(OPERATOR),
    [VG_PERM_PERSON_READ] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(VICTIM_CARE) | R(DATA_QUALITY) |
                            R(ANALYST) | R(DISPATCHER) | R(OPERATOR),
    [VG_PERM_LOCATION_READ] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(VICTIM_CARE) |
                              R(ANALYST) | R(DISPATCHER) | R(OPERATOR),
    [VG_PERM_CASE_CREATE] = R(INVESTIGATOR) | R(SUPERVISOR) | R(VICTIM_CARE) | R(PARTNER_PRACTITIONER) |
                            R(PARTNER_MANAGER) | R(OPERATOR),
    [VG_PERM_CASE_READ] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(VICTIM_CARE) |
                          R(ANALYST) | R(PARTNER_PRACTITIONER) | R(PARTNER_MANAGER) | R(OPERATOR),
    [VG_PERM_CASE_SHARE] = R(SUPERVISOR) | R(PARTNER_MANAGER) | R(OPERATOR),
    [VG_PERM_REPORT_READ] = R(SUPERVISOR) | R(ANALYST) | R(PARTNER_MANAGER) | R(FORCE_ADMIN) | R(OPERATOR),
    [VG_PERM_QUEUE] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(SUPERVISOR) | R(DISPATCHER) | R(OPERATOR),
    [VG_PERM_USER_ADMIN] = R(FORCE_ADMIN) | R(OPERATOR),
    [VG_PERM_AUDIT_READ] = R(AUDITOR) | R(OPERATOR),
    [VG_PERM_CRIME_REVIEW] = R(SUPERVISOR) | R(OPERATOR),
    [VG_PERM_VICTIM_CARE] = R(VICTIM_CARE) | R(SUPERVISOR) | R(OPERATOR),
    [VG_PERM_INTEL] = R(RESPONSE_OFFICER) | R(INVESTIGATOR) | R(SUPERVISOR) | R(ANALYST) | R(OPERATOR),
    [VG_PERM_SETTINGS] = R(FORCE_ADMIN) | R(OPERATOR),
    [VG_PERM_IMPORT] = R(ANALYST) | R(FORCE_ADMIN) | R(OPERATOR),
    [VG_PERM_EXPORT] = R(ANALYST) | R(OPERATOR),
    [VG_PERM_STORE] = R(OPERATOR),
    [VG_PERM_DATA_QUALITY] = R(DATA_QUALITY) | R(OPERATOR),
    [VG_PERM_INCIDENT_UPDATE] = R(CALL_HANDLER) | R(RESPONSE_OFFICER) | R(SUPERVISOR) | R(DISPATCHER) | R(OPERATOR),
    [VG_PERM_DISPATCH] = R(SUPERVISOR) | R(DISPATCHER) | R(OPERATOR),
};
#undef R

/* Police information: never for a user of a partner agency, whatever the role says. */
static const bool police_only[VG_PERM_COUNT] = {
    [VG_PERM_INCIDENT_CREATE] = true, [VG_PERM_INCIDENT_READ] = true, [VG_PERM_LOOKUP] = true,
    [VG_PERM_PERSON_READ] = true,     [VG_PERM_LOCATION_READ] = true, [VG_PERM_QUEUE] = true,
    [VG_PERM_USER_ADMIN] = true,      [VG_PERM_CRIME_REVIEW] = true,  [VG_PERM_VICTIM_CARE] = true,
    [VG_PERM_INTEL] = true,           [VG_PERM_SETTINGS] = true,      [VG_PERM_IMPORT] = true,
    [VG_PERM_EXPORT] = true,          [VG_PERM_STORE] = true,         [VG_PERM_DATA_QUALITY] = true,
    [VG_PERM_INCIDENT_UPDATE] = true, [VG_PERM_DISPATCH] = true,
};

static const char *const permission_names[VG_PERM_COUNT] = {
    "incident.create", "incident.read", "lookup", "person.read", "location.read", "case.create",
    "case.read", "case.share", "report.read", "queue", "user.admin", "audit.read", "crime.review", "victim.care", "intel",
    "settings", "import", "export", "store", "data.quality", "incident.update", "dispatch"};

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

void vg_actor_of_user(const vg_user *u, vg_actor *a)
{
    memset(a, 0, sizeof *a);
    a->user_id = u->id;
    copy_str(a->username, sizeof a->username, u->username);
    a->role = u->role;
    a->agency_id = u->agency.id;
    copy_str(a->agency, sizeof a->agency, u->agency.code);
    copy_str(a->agency_name, sizeof a->agency_name, u->agency.name);
    a->police = u->agency.kind == VG_AK_FORCE;
}

vg_err vg_access_require(vg_service *svc, const vg_actor *a, vg_permission p, const char *what, vg_error *err)
{
    if (vg_actor_can(a, p))
        return VG_OK;
    char why[96];
    snprintf(why, sizeof why, "%s needs %s", vg_user_role_name(a ? a->role : VG_UR_COUNT), vg_permission_name(p));
    if (a)
        vg_audit_alone(svc, a, VG_AUDIT_DENIED, what, why);
    return vg_error_set(err, VG_ERR_FORBIDDEN, what, "your role (%s) may not do this (%s)",
                        vg_user_role_name(a ? a->role : VG_UR_COUNT), vg_permission_name(p));
}

vg_err vg_service_check(vg_service *svc, const vg_actor *a, vg_permission p, const char *what, vg_error *err)
{
    return vg_access_require(svc, a, p, what, err);
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

bool vg_access_person_shown(vg_service *svc, const vg_actor *a, vg_id person)
{
    bool visible = true;
    vg_error ignore;
    return vg_access_visible(svc, a, "person", person, &visible, &ignore) == VG_OK && visible;
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

vg_err vg_access_not_found(vg_service *svc, const vg_actor *a, const char *kind, vg_id id, const char *why,
                           vg_error *err)
{
    char what[64];
    snprintf(what, sizeof what, "%s:%lld", kind, (long long)id);
    vg_audit_alone(svc, a, VG_AUDIT_DENIED, what, why);
    return vg_error_set(err, VG_ERR_NOT_FOUND, kind, "no %s %lld", kind, (long long)id);
}

vg_err vg_access_record(vg_service *svc, const vg_actor *a, const char *kind, vg_id id, vg_error *err)
{
    bool visible;
    vg_err e = vg_access_visible(svc, a, kind, id, &visible, err);
    if (e || visible)
        return e;
    return vg_access_not_found(svc, a, kind, id, "restricted to named users", err);
}
