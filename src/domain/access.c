/* access.c - names of user roles, agency kinds and audit actions. */
#include "domain/access.h"

#include <string.h>

static const char *const role_names[VG_UR_COUNT] = {
    "call_handler", "response_officer", "investigator", "supervisor",  "victim_care", "analyst",
    "partner_practitioner", "partner_manager", "force_admin", "auditor", "data_quality", "dispatcher", "operator"};

static const char *const role_labels[VG_UR_COUNT] = {
    "Call handler", "Response officer", "Investigator", "Supervisor", "Victim care officer", "Analyst",
    "Partner practitioner", "Partner manager", "Force administrator", "Auditor", "Data quality officer",
    "Dispatcher", "Operator (command line)"};

const char *vg_user_role_name(vg_user_role r) { return r < VG_UR_COUNT ? role_names[r] : "?"; }
const char *vg_user_role_label(vg_user_role r) { return r < VG_UR_COUNT ? role_labels[r] : "?"; }

bool vg_user_role_parse(const char *s, vg_user_role *out)
{
    for (int i = 0; s && i < VG_UR_OPERATOR; i++)
        if (strcmp(s, role_names[i]) == 0) {
            *out = (vg_user_role)i;
            return true;
        }
    return false;
}

bool vg_user_role_is_partner(vg_user_role r) { return r == VG_UR_PARTNER_PRACTITIONER || r == VG_UR_PARTNER_MANAGER; }

static const char *const kind_names[VG_AK_COUNT] = {"force",   "local_authority", "probation", "health",
                                                    "housing", "victim_services", "other"};

const char *vg_agency_kind_name(vg_agency_kind k) { return k < VG_AK_COUNT ? kind_names[k] : "?"; }
const char *vg_agency_kind_label(vg_agency_kind k)
{
    static const char *const labels[VG_AK_COUNT] = {"Police force", "Local authority", "Probation", "Health",
                                                    "Housing", "Victim services", "Other"};
    return k < VG_AK_COUNT ? labels[k] : "?";
}

bool vg_agency_kind_parse(const char *s, vg_agency_kind *out)
{
    for (int i = 0; s && i < VG_AK_COUNT; i++)
        if (strcmp(s, kind_names[i]) == 0) {
            *out = (vg_agency_kind)i;
            return true;
        }
    return false;
}

static const char *const action_names[VG_AUDIT_ACTION_COUNT] = {
    "collect", "alter", "consult", "disclose", "combine", "erase", "login", "login_failed", "logout", "admin", "denied"};

static const char *const action_labels[VG_AUDIT_ACTION_COUNT] = {
    "Collected",  "Altered",          "Consulted", "Disclosed", "Combined", "Erased",
    "Signed in", "Failed to sign in", "Signed out", "Administration", "Refused"};

const char *vg_audit_action_name(vg_audit_action a) { return a < VG_AUDIT_ACTION_COUNT ? action_names[a] : "?"; }
const char *vg_audit_action_label(vg_audit_action a) { return a < VG_AUDIT_ACTION_COUNT ? action_labels[a] : "?"; }

static const char *const request_names[VG_REQ_KIND_COUNT] = {"create", "role", "password"};

const char *vg_request_kind_name(vg_request_kind k) { return k < VG_REQ_KIND_COUNT ? request_names[k] : "?"; }

bool vg_request_kind_parse(const char *s, vg_request_kind *out)
{
    for (int i = 0; s && i < VG_REQ_KIND_COUNT; i++)
        if (strcmp(s, request_names[i]) == 0) {
            *out = (vg_request_kind)i;
            return true;
        }
    return false;
}
