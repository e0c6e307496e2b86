/* pages_admin.c - one user's account for an administrator (/admin/users/{username}): its
 * role, agency and state in words, its last sign-in, and the changes an administrator
 * makes to it, each offered only where it applies: disable or re-enable, unlock, reset
 * the password (shown once, with a button that copies it), change the role (a police
 * role by a second administrator's approval), move to another agency. Every change is
 * the service's, audited there. */
#include "http/http_int.h"

#include "base/alloc.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define ACTOR (&r->session.actor)

static void button_form(vg_html *h, vg_http_req *r, const char *user, const char *action, const char *label,
                        const char *cls)
{
    vg_h_raw(h, "<form method=\"post\" class=\"vg-inline\" action=\"/admin/users/");
    vg_h_text(h, user);
    vg_h_fmt(h, "/%s\">", action);
    vg_page_csrf(r, h);
    vg_h_fmt(h, "<button type=\"submit\" class=\"govuk-button %s\" data-module=\"govuk-button\" id=\"do-%s\">%s</button>"
                "</form>\n",
             cls, action, label);
}

/* The page; notice (may be NULL) says what was done, password (may be NULL) is the new
 * one to show this once; problem (may be NULL) names field's problem. */
static void user_page(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const char *notice, const char *password,
                      const char *field, const char *problem, unsigned status)
{
    json_t *v = NULL;
    vg_error err;
    vg_err e = vg_service_user_view(s->svc, ACTOR, r->param[0], &v, &err);
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    const char *user = vg_jstr(v, "username");
    bool yourself = json_is_true(json_object_get(v, "yourself"));
    const char *state = vg_jstr(v, "status");
    vg_user_role role = VG_UR_CALL_HANDLER;
    (void)vg_user_role_parse(vg_jstr(v, "role"), &role);
    vg_html h = {0};
    vg_page_begin(r, &h, user, "/admin");
    if (problem)
        vg_page_problem(&h, field, problem);
    if (notice)
        vg_page_notice(&h, notice);
    if (password) { /* shown once: nothing keeps it */
        vg_h_raw(&h, "<div class=\"govuk-inset-text\" id=\"new-password\"><p class=\"govuk-body\">The new password, "
                     "shown this once: give it to the user by a safe route.</p><p class=\"govuk-body\"><code "
                     "class=\"vg-secret\" id=\"password-text\">");
        vg_h_text(&h, password);
        vg_h_raw(&h, "</code> <button type=\"button\" class=\"govuk-button govuk-button--secondary "
                     "govuk-!-margin-bottom-0\" data-copy=\"password-text\">Copy the password</button></p></div>\n");
    }
    vg_h_raw(&h, "<dl class=\"govuk-summary-list\" id=\"account\">");
    vg_page_summary_row(&h, "Role", vg_user_role_label(role));
    vg_page_summary_row(&h, "Agency", vg_jstr(json_object_get(v, "agency"), "name"));
    vg_h_raw(&h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">State</dt>"
                 "<dd class=\"govuk-summary-list__value\" id=\"state\">");
    vg_time t;
    int64_t failures = json_integer_value(json_object_get(v, "failed_logins"));
    if (strcmp(state, "disabled") == 0)
        vg_h_raw(&h, "Disabled: cannot sign in");
    else
        vg_h_raw(&h, "Active");
    if (vg_time_parse(vg_str_c(vg_jstr(v, "held_until")), &t)) {
        vg_h_raw(&h, "; held back after failed sign-ins until ");
        vg_page_time(&h, t, true);
    }
    vg_h_raw(&h, "</dd></div><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Last signed in"
                 "</dt><dd class=\"govuk-summary-list__value\" id=\"last-sign-in\">");
    if (vg_time_parse(vg_str_c(vg_jstr(v, "last_sign_in")), &t))
        vg_page_time(&h, t, true);
    else
        vg_h_raw(&h, "Never");
    vg_h_raw(&h, "</dd></div><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Added</dt>"
                 "<dd class=\"govuk-summary-list__value\">");
    if (vg_time_parse(vg_str_c(vg_jstr(v, "created")), &t))
        vg_page_time(&h, t, true);
    vg_h_fmt(&h, "</dd></div><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Failed sign-ins "
                 "remembered</dt><dd class=\"govuk-summary-list__value\" id=\"failures\">%lld",
             (long long)failures);
    if (failures)
        vg_h_fmt(&h, " (from %lld address%s)", (long long)json_integer_value(json_object_get(v, "failed_from")),
                 json_integer_value(json_object_get(v, "failed_from")) == 1 ? "" : "es");
    vg_h_raw(&h, "</dd></div></dl>\n");
    if (vg_actor_can(ACTOR, VG_PERM_AUDIT_READ)) { /* no link to a page one may not see */
        vg_h_raw(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/audit?username=");
        vg_h_text(&h, user);
        vg_h_raw(&h, "\">What this user did (the audit log)</a></p>\n");
    }
    if (yourself) {
        vg_h_raw(&h, "<p class=\"govuk-body\">This is your own account: another administrator changes it.</p>\n");
    } else {
        vg_h_raw(&h, "<h2 class=\"govuk-heading-m\">The account</h2>\n<div class=\"govuk-button-group\">");
        if (strcmp(state, "disabled") == 0)
            button_form(&h, r, user, "enable", "Re-enable the account", "");
        else
            button_form(&h, r, user, "disable", "Disable the account", "govuk-button--warning");
        if (failures > 0) /* sign-in is held back by address, never locked: forget the failures */
            button_form(&h, r, user, "unlock", "Unlock: forget the failed sign-ins", "govuk-button--secondary");
        button_form(&h, r, user, "password", "Reset the password", "govuk-button--secondary");
        vg_h_raw(&h, "</div>\n");
        if (!vg_user_role_is_partner(role))
            vg_h_raw(&h, "<p class=\"govuk-body\">A new password for a police account works once a second "
                         "administrator approves it.</p>\n");
        /* the roles that fit the user's agency: police roles in a force, partner roles elsewhere */
        bool force = strcmp(vg_jstr(json_object_get(v, "agency"), "kind"), "force") == 0;
        vg_h_raw(&h, "<h2 class=\"govuk-heading-m\">Role</h2>\n<form method=\"post\" action=\"/admin/users/");
        vg_h_text(&h, user);
        vg_h_raw(&h, "/role\">");
        vg_page_csrf(r, &h);
        bool bad_role = field && strcmp(field, "role") == 0;
        vg_h_fmt(&h, "<div class=\"govuk-form-group%s\"><label class=\"govuk-label\" for=\"role\">New role</label>%s"
                     "<select class=\"govuk-select\" id=\"role\" name=\"role\">",
                 bad_role ? " govuk-form-group--error" : "",
                 force ? "<div class=\"govuk-hint\">A police role is given once a second administrator approves "
                         "it.</div>"
                       : "");
        for (int i = 0; i < VG_UR_OPERATOR; i++) {
            if (vg_user_role_is_partner((vg_user_role)i) == force)
                continue;
            vg_h_fmt(&h, "<option value=\"%s\"%s>", vg_user_role_name((vg_user_role)i), i == (int)role ? " selected" : "");
            vg_h_text(&h, vg_user_role_label((vg_user_role)i));
            vg_h_raw(&h, "</option>");
        }
        vg_h_raw(&h, "</select></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                     "data-module=\"govuk-button\" id=\"do-role\">Change the role</button></form>\n");
        /* the agencies the role fits */
        vg_agency *ag = vg_malloc(256 * sizeof *ag);
        size_t na = 0;
        vg_error ignore;
        if (ag && vg_service_agency_list(s->svc, ACTOR, ag, 256, &na, &ignore))
            na = 0;
        size_t fits = 0;
        for (size_t i = 0; i < na && i < 256; i++)
            fits += (ag[i].kind == VG_AK_FORCE) == force && strcmp(ag[i].code, vg_jstr(json_object_get(v, "agency"), "code"));
        if (fits) {
            vg_h_raw(&h, "<h2 class=\"govuk-heading-m\">Agency</h2>\n<form method=\"post\" action=\"/admin/users/");
            vg_h_text(&h, user);
            vg_h_raw(&h, "/agency\">");
            vg_page_csrf(r, &h);
            vg_h_raw(&h, "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"agency\">Move to</label>"
                         "<select class=\"govuk-select\" id=\"agency\" name=\"agency\">");
            for (size_t i = 0; i < na && i < 256; i++) {
                if ((ag[i].kind == VG_AK_FORCE) != force || !strcmp(ag[i].code, vg_jstr(json_object_get(v, "agency"), "code")))
                    continue;
                vg_h_raw(&h, "<option value=\"");
                vg_h_text(&h, ag[i].code);
                vg_h_raw(&h, "\">");
                vg_h_text(&h, ag[i].name);
                vg_h_raw(&h, "</option>");
            }
            vg_h_raw(&h, "</select></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                         "data-module=\"govuk-button\" id=\"do-agency\">Move the user</button></form>\n");
        }
        vg_free(ag);
    }
    vg_h_raw(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/users\">Every user</a></p>\n");
    json_decref(v);
    vg_page_end(out, &h, status);
}

void vg_page_admin_user(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    user_page(s, r, out, NULL, NULL, NULL, NULL, 200);
}

/* POST /admin/users/{username}/{action}: enable, unlock, password, role, agency. */
void vg_page_admin_user_change(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    const char *user = r->param[0], *action = r->param[1];
    char value[VG_MAX_CODE + 1] = "";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    vg_error err;
    vg_err e;
    char notice[400] = "", pw[17] = "";
    vg_id request = 0;
    if (strcmp(action, "enable") == 0) {
        e = vg_service_user_enable(s->svc, ACTOR, user, &err);
        snprintf(notice, sizeof notice, "%.63s can sign in again.", user);
    } else if (strcmp(action, "disable") == 0) {
        e = vg_service_user_disable(s->svc, ACTOR, user, &err);
        snprintf(notice, sizeof notice, "%.63s is disabled: every session of theirs has ended.", user);
    } else if (strcmp(action, "unlock") == 0) {
        e = vg_service_user_unlock(s->svc, ACTOR, user, &err);
        snprintf(notice, sizeof notice, "%.63s's failed sign-ins are forgotten: they can sign in at once.", user);
    } else if (strcmp(action, "password") == 0) {
        vg_password_generate(pw);
        e = vg_service_user_passwd(s->svc, ACTOR, user, pw, &request, &err);
        if (request)
            snprintf(notice, sizeof notice, "Request %lld: the new password waits for a second administrator's "
                     "approval; it works once approved.", (long long)request);
        else
            snprintf(notice, sizeof notice, "%.63s has a new password; every session of theirs has ended.", user);
    } else if (strcmp(action, "role") == 0) {
        (void)vg_form_text(&f, "role", VG_LIM_CODE, value, sizeof value);
        vg_user_role role;
        e = f.failed                          ? vg_form_error(&f, &err)
            : vg_user_role_parse(value, &role) ? vg_service_user_set_role(s->svc, ACTOR, user, role, &request, &err)
                                               : vg_error_set(&err, VG_ERR_INVALID_INPUT, "role", "choose a role");
        if (request)
            snprintf(notice, sizeof notice, "Request %lld: %.63s becomes %s once a second administrator approves.",
                     (long long)request, user, vg_user_role_parse(value, &role) ? vg_user_role_label(role) : value);
        else
            snprintf(notice, sizeof notice, "%.63s's role is changed; every session of theirs has ended.", user);
    } else if (strcmp(action, "agency") == 0) {
        (void)vg_form_text(&f, "agency", VG_LIM_CODE, value, sizeof value);
        e = f.failed ? vg_form_error(&f, &err) : vg_service_user_set_agency(s->svc, ACTOR, user, value, &err);
        snprintf(notice, sizeof notice, "%.63s is moved; every session of theirs has ended.", user);
    } else {
        e = vg_error_set(&err, VG_ERR_NOT_FOUND, "action", "no such change");
    }
    char msg[VG_PAGE_PROBLEM_MAX];
    if (vg_page_form_problem(e, &err, msg, sizeof msg))
        user_page(s, r, out, NULL, NULL, err.where, msg, vg_http_status_of(e));
    else if (e)
        vg_page_error(r, out, e, &err);
    else
        user_page(s, r, out, notice, pw[0] ? pw : NULL, NULL, NULL, 200);
    sodium_memzero(pw, sizeof pw);
}
