/* pages.c - the web UI's frame: the page around every screen (header, the role's
 * navigation), sign-in and sign-out, error pages and the embedded assets (styles and
 * scripts built from web/ at build time; nothing is fetched from elsewhere).
 *
 * Pages are server-rendered HTML (govuk-frontend's styles without GOV.UK branding);
 * htmx and a small script enhance them. Every screen calls the service with the
 * signed-in actor, like the API: what a page shows is what the service allows. */
#include "base/embed.h"
#include "base/str.h"
#include "http/html.h"
#include "http/http_int.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const vg_embedded vg_web_assets[];
extern const size_t vg_web_assets_count;

/* The screens a role sees in the navigation, in order; the first is its home. */
typedef struct nav_item {
    const char *path, *label;
    vg_permission perm;
} nav_item;
static const nav_item nav[] = {
    {"/calls/new", "New call", VG_PERM_INCIDENT_CREATE},
    {"/review", "Review queue", VG_PERM_CRIME_REVIEW},
    {"/victims", "Victims", VG_PERM_VICTIM_CARE},
    {"/queue", "Dispatch board", VG_PERM_QUEUE},
    {"/incidents", "Incidents", VG_PERM_INCIDENT_READ},
    {"/crimes", "Crimes", VG_PERM_INCIDENT_READ},
    {"/tasking", "Daily review", VG_PERM_INTEL},
    {"/map", "Map", VG_PERM_INCIDENT_READ},
    {"/reports/performance", "Performance", VG_PERM_REPORT_READ},
    {"/cases", "Safety net", VG_PERM_CASE_READ},
    {"/actions", "Joint actions", VG_PERM_CASE_READ},
    {"/audit", "Audit log", VG_PERM_AUDIT_READ},
    {"/admin", "Users and agencies", VG_PERM_USER_ADMIN},
    {"/persons/review", "Persons to check", VG_PERM_DATA_QUALITY},
};
#define N_NAV (sizeof nav / sizeof nav[0])

void vg_page_begin(vg_http_req *r, vg_html *h, const char *title, const char *here)
{
    vg_h_raw(h, "<!DOCTYPE html>\n<html lang=\"en-GB\" class=\"govuk-template\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    vg_h_text(h, title);
    vg_h_raw(h, " - Vigil</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                /* htmx without inline styles or eval: the Content-Security-Policy allows neither */
                "<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\":false,\"allowEval\":false,"
                "\"allowScriptTags\":false,\"selfRequestsOnly\":true}'>\n");
    if (r->authed) {
        vg_h_raw(h, "<meta name=\"csrf-token\" content=\"");
        vg_h_text(h, r->session.csrf);
        vg_h_raw(h, "\">\n");
    }
    if (r->with_map)
        vg_h_raw(h, "<link rel=\"stylesheet\" href=\"/assets/leaflet.css\">\n"
                    "<script src=\"/assets/leaflet.js\" defer></script>\n");
    vg_h_raw(h, "<link rel=\"stylesheet\" href=\"/assets/vigil.css\">\n"
                "<script src=\"/assets/htmx.min.js\" defer></script>\n"
                "<script type=\"module\" src=\"/assets/app.js\"></script>\n"
                "</head>\n<body class=\"govuk-template__body\">\n"
                "<a href=\"#main\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>\n"
                "<header class=\"vg-header\"><div class=\"vg-header__inner\">"
                "<a class=\"vg-header__name\" href=\"/\">Vigil</a>");
    if (r->authed && (vg_actor_can(&r->session.actor, VG_PERM_PERSON_READ) ||
                      vg_actor_can(&r->session.actor, VG_PERM_INCIDENT_READ))) {
        /* the one search box; on the results page it keeps what was searched for */
        const char *q = strcmp(r->path, "/search") == 0 ? vg_http_query(r, "q") : NULL;
        vg_h_raw(h, "<form class=\"vg-search\" role=\"search\" method=\"get\" action=\"/search\">"
                    "<label class=\"govuk-visually-hidden\" for=\"vg-q\">Search for a person, a reference or a place"
                    "</label><input class=\"govuk-input vg-search__input\" id=\"vg-q\" name=\"q\" type=\"search\" "
                    "spellcheck=\"false\" autocomplete=\"off\" placeholder=\"Name and date of birth, reference, postcode\" "
                    "value=\"");
        vg_h_text(h, q ? q : "");
        vg_h_raw(h, "\"><button class=\"govuk-button govuk-button--secondary vg-search__button\" type=\"submit\" "
                    "data-module=\"govuk-button\">Search</button></form>");
    }
    if (r->authed) {
        const vg_actor *a = &r->session.actor;
        vg_h_raw(h, "<div><span class=\"vg-header__user\">");
        vg_h_text(h, a->username);
        vg_h_textf(h, " (%s, %s)", vg_user_role_label(a->role), a->agency_name[0] ? a->agency_name : a->agency);
        vg_h_raw(h, "</span><form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"");
        vg_h_text(h, r->session.csrf);
        vg_h_raw(h, "\"><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
                    "Sign out</button></form></div>");
    }
    vg_h_raw(h, "</div></header>\n");
    if (r->authed) {
        vg_h_raw(h, "<nav class=\"vg-nav\" aria-label=\"Main\"><ul class=\"vg-nav__list\">");
        for (size_t i = 0; i < N_NAV; i++) {
            if (!vg_actor_can(&r->session.actor, nav[i].perm))
                continue;
            bool current = here && strcmp(here, nav[i].path) == 0;
            vg_h_fmt(h, "<li class=\"vg-nav__item\"><a class=\"govuk-link vg-nav__link\" href=\"%s\"%s>%s</a></li>",
                     nav[i].path, current ? " aria-current=\"page\"" : "", nav[i].label);
        }
        vg_h_raw(h, "</ul></nav>\n");
    }
    vg_h_raw(h, r->wide ? "<div class=\"govuk-width-container vg-wide\">\n" : "<div class=\"govuk-width-container\">\n");
    vg_h_raw(h, "<main class=\"govuk-main-wrapper\" id=\"main\">\n<h1 class=\"govuk-heading-l\">");
    vg_h_text(h, title);
    vg_h_raw(h, "</h1>\n");
}

void vg_page_csrf(vg_http_req *r, vg_html *h)
{
    vg_h_raw(h, "<input type=\"hidden\" name=\"csrf\" value=\"");
    vg_h_text(h, r->session.csrf);
    vg_h_raw(h, "\">");
}

void vg_page_time_iso(vg_html *h, const char *iso)
{
    vg_time t;
    if (vg_time_parse(vg_str_c(iso), &t))
        vg_page_time(h, t, true);
}

void vg_page_time(vg_html *h, vg_time t, bool minutes)
{
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char iso[VG_TIME_LEN];
    vg_time_format(t, iso);
    bool summer;
    vg_time uk = vg_time_uk(t, &summer); /* as a clock in the UK shows it */
    int y, m, d;
    vg_date_to_ymd(vg_time_date(uk), &y, &m, &d);
    vg_h_raw(h, "<time datetime=\"");
    vg_h_text(h, iso);
    vg_h_fmt(h, "\">%d %s %d", d, months[(m - 1) % 12], y);
    if (minutes) {
        long sec = (long)(uk - vg_date_time(vg_time_date(uk)));
        vg_h_fmt(h, " %02ld:%02ld %s", sec / 3600, sec / 60 % 60, summer ? "BST" : "GMT");
    }
    vg_h_raw(h, "</time>");
}

void vg_page_day(vg_html *h, const char *iso)
{
    vg_date d;
    if (iso && strlen(iso) >= 10) {
        char day[11];
        memcpy(day, iso, 10);
        day[10] = '\0';
        if (vg_date_parse(vg_str_c(day), &d))
            vg_page_time(h, vg_date_time(d), false);
    }
}

void vg_page_party(vg_html *h, const vg_actor *a, const json_t *party)
{
    vg_role role;
    const char *rn = json_string_value(json_object_get(party, "role"));
    vg_h_text(h, rn && vg_role_parse(rn, &role) ? vg_role_label(role) : "Party");
    vg_h_raw(h, ": ");
    const char *given = json_string_value(json_object_get(party, "given_names"));
    const char *family = json_string_value(json_object_get(party, "family_name"));
    long long pid = (long long)json_integer_value(json_object_get(party, "person_id"));
    bool link = vg_actor_can(a, VG_PERM_PERSON_READ) && pid > 0;
    if (link)
        vg_h_fmt(h, "<a class=\"govuk-link\" href=\"/persons/%lld\">", pid);
    if (given || family)
        vg_h_textf(h, "%s %s", given ? given : "", family ? family : "");
    else
        vg_h_raw(h, "the person named");
    if (link)
        vg_h_raw(h, "</a>");
    const char *dob = json_string_value(json_object_get(party, "dob"));
    if (dob) {
        vg_h_raw(h, ", born ");
        vg_page_day(h, dob);
    }
}

void vg_page_count(vg_html *h, int64_t n)
{
    char buf[32];
    vg_count_text(n, buf, sizeof buf);
    vg_h_text(h, buf);
}

static bool in_error(const char *error_field, const char *field)
{
    return error_field && field && strcmp(error_field, field) == 0;
}

void vg_page_group(vg_html *h, const char *error_field, const char *field)
{
    vg_h_raw(h, in_error(error_field, field) ? "<div class=\"govuk-form-group govuk-form-group--error\">"
                                             : "<div class=\"govuk-form-group\">");
}

void vg_page_field_error(vg_html *h, const char *error_field, const char *field, const char *why)
{
    if (!in_error(error_field, field))
        return;
    vg_h_raw(h, "<p class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ");
    vg_h_text(h, why);
    vg_h_raw(h, "</p>");
}

void vg_page_date_input(vg_html *h, const char *id, const char *name, const char *value, const char *described_by,
                        bool error)
{
    vg_date d;
    bool date = !value || !value[0] || vg_date_read(value, &d);
    vg_h_fmt(h, "<input class=\"govuk-input govuk-input--width-10%s\" id=\"%s\" name=\"%s\" type=\"%s\"",
             error ? " govuk-input--error" : "", id, name, date ? "date" : "text");
    if (described_by)
        vg_h_fmt(h, " aria-describedby=\"%s\"", described_by);
    vg_h_raw(h, " value=\"");
    if (date && value && value[0]) {
        char iso[VG_DATE_LEN];
        vg_date_format(d, iso);
        vg_h_text(h, iso);
    } else if (value) {
        vg_h_text(h, value);
    }
    vg_h_raw(h, "\">");
}

const char *vg_page_field_label(const char *field)
{
    static const struct {
        const char *field, *label;
    } labels[] = {
        {"address", "Where"},          {"agency", "Agency"},
        {"category", "Category"},      {"channel", "How it came in"},
        {"closure", "Closure code"},   {"description", "What happened"},
        {"direction", "Direction"},    {"dob", "Date of birth"},
        {"due", "Due date"},           {"family", "Family name"},
        {"fields", "What it may see"}, {"gateway", "The legal gateway"},
        {"given", "Given names"},      {"home", "Home address"},
        {"home_postcode", "Home postcode"}, {"name", "Name"},
        {"next_due", "Next review due"}, {"note", "Note"},
        {"offence_code", "Home Office offence code"}, {"owner", "Owner"},
        {"password", "Password"},      {"phone", "Phone"},
        {"postcode", "Postcode"},      {"purpose", "The purpose"},
        {"reason", "Reason"},          {"result", "What was done"},
        {"risk", "Risk"},              {"role", "Role"},
        {"subject_kind", "About"},     {"summary", "Summary"},
        {"text", "The text"},          {"thrive", "THRIVE grade"},
        {"title", "Title"},            {"unit", "Officer or unit"},
        {"username", "Username"},      {"code", "Code"},
    };
    for (size_t i = 0; field && i < sizeof labels / sizeof labels[0]; i++)
        if (!strcmp(labels[i].field, field))
            return labels[i].label;
    return field ? field : "";
}

void vg_page_field_problem(const char *field, const char *why, char *msg, size_t n)
{
    snprintf(msg, n, "%.255s: %.511s", vg_page_field_label(field), why ? why : "");
}

bool vg_page_form_problem(vg_err e, const vg_error *err, char *msg, size_t n)
{
    if (e != VG_ERR_INVALID_INPUT && e != VG_ERR_CONFLICT && e != VG_ERR_NOT_FOUND)
        return false;
    vg_page_field_problem(err->where, err->why, msg, n);
    return true;
}

void vg_page_problem(vg_html *h, const char *field, const char *text)
{
    vg_h_raw(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
                "<h2 class=\"govuk-error-summary__title\">There is a problem</h2>"
                "<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\"><li>");
    if (field && *field) {
        vg_h_raw(h, "<a href=\"#");
        vg_h_text(h, field);
        vg_h_raw(h, "\">");
    }
    vg_h_text(h, text);
    vg_h_raw(h, field && *field ? "</a></li></ul></div></div></div>\n" : "</li></ul></div></div></div>\n");
}

void vg_page_summary_row(vg_html *h, const char *key, const char *value)
{
    vg_h_raw(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">");
    vg_h_text(h, key);
    vg_h_raw(h, "</dt><dd class=\"govuk-summary-list__value\">");
    vg_h_text(h, value);
    vg_h_raw(h, "</dd></div>");
}

void vg_page_notice(vg_html *h, const char *text)
{
    vg_h_raw(h, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" "
                "aria-labelledby=\"notice-title\"><div class=\"govuk-notification-banner__header\"><h2 "
                "class=\"govuk-notification-banner__title\" id=\"notice-title\">Done</h2></div><div "
                "class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">");
    vg_h_text(h, text);
    vg_h_raw(h, "</p></div></div>\n");
}

/* Every table of a page in a box of its own that scrolls sideways when the table is
 * wider than the screen, so the page itself never does (WCAG 2.2 reflow at 320 px).
 * The page's markup is this server's own (text from outside is escaped), so "<table"
 * and "</table>" are its tables. NULL if out of memory. */
static char *wrap_tables(const char *in, size_t n, size_t *len)
{
    static const char open[] = "<div class=\"vg-scroll\">", close[] = "</div>";
    size_t k = 0;
    for (const char *p = in; (p = strstr(p, "<table")) != NULL; p += 6)
        k++;
    char *out = malloc(n + k * (sizeof open + sizeof close) + 1), *w = out;
    if (!out)
        return NULL;
    const char *p = in;
    while (*p) {
        const char *t = strstr(p, "<table");
        const char *c = strstr(p, "</table>");
        const char *next = t && (!c || t < c) ? t : c;
        if (!next) {
            size_t rest = strlen(p);
            memcpy(w, p, rest);
            w += rest;
            break;
        }
        memcpy(w, p, (size_t)(next - p));
        w += next - p;
        if (next == t) {
            memcpy(w, open, sizeof open - 1);
            w += sizeof open - 1;
            memcpy(w, "<table", 6);
            w += 6;
            p = t + 6;
        } else {
            memcpy(w, "</table>", 8);
            w += 8;
            memcpy(w, close, sizeof close - 1);
            w += sizeof close - 1;
            p = c + 8;
        }
    }
    *w = '\0';
    *len = (size_t)(w - out);
    return out;
}

void vg_page_end(vg_http_resp *out, vg_html *h, unsigned status)
{
    vg_h_raw(h, "\n</main>\n</div>\n<footer class=\"govuk-footer\"><div class=\"govuk-width-container\">"
                "<p class=\"govuk-body-s\">Vigil " VG_VERSION
                ". Every consultation of personal data is recorded in the audit log with the reason given.</p>"
                "</div></footer>\n</body>\n</html>\n");
    size_t n;
    char *page = vg_h_finish(h, &n);
    out->text = page ? wrap_tables(page, n, &out->text_len) : NULL;
    free(page);
    if (!out->text) {
        vg_http_fail(out, 500, NULL, "out of memory");
        return;
    }
    out->status = status;
    out->content_type = "text/html; charset=utf-8";
}

void vg_page_fail(vg_http_req *r, vg_http_resp *out, unsigned status, const char *message)
{
    const char *title = status == 403   ? "You cannot see this page"
                        : status == 404 ? "Page not found"
                        : status == 400 || status == 422 ? "There is a problem with the request"
                        : status == 413 ? "What was sent is too large"
                        : status >= 500 ? "Sorry, there is a problem with the service"
                                        : "There is a problem";
    vg_html h = {0};
    vg_page_begin(r, &h, title, NULL);
    vg_h_raw(&h, "<p class=\"govuk-body\">");
    vg_h_text(&h, message);
    vg_h_raw(&h, "</p>\n");
    if (status == 403)
        vg_h_raw(&h, "<p class=\"govuk-body\">Your role or agency does not give access to it. The attempt has been "
                     "recorded in the audit log.</p>\n");
    vg_h_raw(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to your start page</a></p>\n");
    vg_page_end(out, &h, status);
}

void vg_page_error(vg_http_req *r, vg_http_resp *out, vg_err e, const vg_error *err)
{
    unsigned status = vg_http_status_of(e);
    if (status >= 500) {
        vg_http_error(out, e, err); /* logs it */
        json_decref(out->json);
        out->json = NULL;
        vg_page_fail(r, out, status, "The request could not be completed. Try again in a moment.");
        return;
    }
    char msg[sizeof err->where + sizeof err->why + 4];
    snprintf(msg, sizeof msg, "%s%s%s", err->where[0] ? err->where : "", err->where[0] ? ": " : "", err->why);
    vg_page_fail(r, out, status, msg);
}

json_t *vg_page_view(vg_http_server *s, vg_http_req *r, vg_http_resp *out, const char *what, vg_page_view_fn fn)
{
    char *end;
    long long id = strtoll(r->param[0], &end, 10);
    char msg[64];
    if (*end || id <= 0) {
        snprintf(msg, sizeof msg, "There is no such %s.", what);
        vg_page_fail(r, out, 404, msg);
        return NULL;
    }
    json_t *v = NULL;
    vg_error err;
    vg_err e = fn(s->svc, &r->session.actor, id, &v, &err);
    if (e) {
        vg_page_error(r, out, e, &err);
        return NULL;
    }
    return v;
}

void vg_page_redirect(vg_http_resp *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->location, sizeof out->location, fmt, ap);
    va_end(ap);
    out->status = 303;
}

void vg_page_login_location(vg_http_resp *out, const char *path)
{
    size_t k = (size_t)snprintf(out->location, sizeof out->location, "/login?next=");
    for (const char *p = path; *p && k + 4 < sizeof out->location; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("/-_.~", c))
            out->location[k++] = (char)c;
        else
            k += (size_t)snprintf(out->location + k, sizeof out->location - k, "%%%02X", c);
    }
    out->location[k] = '\0';
    out->status = 303;
}

/* ---- assets */

void vg_page_asset(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    (void)s;
    const char *name = r->param[0];
    for (size_t i = 0; i < vg_web_assets_count; i++) {
        const vg_embedded *a = &vg_web_assets[i];
        if (strcmp(a->name, name) != 0)
            continue;
        const char *dot = strrchr(name, '.');
        out->content_type = !dot                      ? "application/octet-stream"
                            : strcmp(dot, ".css") == 0 ? "text/css; charset=utf-8"
                            : strcmp(dot, ".js") == 0  ? "text/javascript; charset=utf-8"
                            : strcmp(dot, ".svg") == 0 ? "image/svg+xml"
                            : strcmp(dot, ".png") == 0 ? "image/png"
                                                       : "application/octet-stream";
        out->text = (char *)a->data;
        out->text_len = a->size;
        out->static_text = true;
        out->cache = "public, max-age=3600";
        out->status = 200;
        return;
    }
    vg_http_fail(out, 404, NULL, "no such asset: %s", name);
}

/* ---- signing in and out */

/* Where to go after signing in: a page of this server, else the start page of the
 * user's role ("/" sends each role to its own). */
static const char *safe_next(const char *next) { return vg_http_page_target(next) ? next : "/"; }

static void login_form(vg_http_req *r, vg_http_resp *out, const char *username, const char *next, const char *error,
                       unsigned status)
{
    vg_html h = {0};
    vg_page_begin(r, &h, "Sign in", NULL);
    if (error)
        vg_page_problem(&h, "username", error);
    vg_h_raw(&h, "<form method=\"post\" action=\"/login\" novalidate>\n<input type=\"hidden\" name=\"next\" value=\"");
    vg_h_text(&h, safe_next(next));
    vg_h_raw(&h, "\">\n<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"username\">Username</label>"
                 "<input class=\"govuk-input govuk-!-width-one-half\" id=\"username\" name=\"username\" type=\"text\" "
                 "autocomplete=\"username\" spellcheck=\"false\" autofocus value=\"");
    vg_h_text(&h, username ? username : "");
    vg_h_raw(&h, "\"></div>\n<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"password\">Password</label>"
                 "<input class=\"govuk-input govuk-!-width-one-half\" id=\"password\" name=\"password\" type=\"password\" "
                 "autocomplete=\"current-password\"></div>\n"
                 "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Sign in</button>\n</form>\n");
    vg_page_end(out, &h, status);
}

void vg_page_login(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    (void)s;
    login_form(r, out, NULL, vg_http_query(r, "next"), NULL, 200);
}

void vg_page_login_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    char user[VG_MAX_USERNAME + 1] = "", pass[VG_MAX_PASSWORD + 1] = "", next[1025] = "/";
    vg_form f;
    vg_form_init(&f, r->body, r->len);
    bool ok = vg_form_text(&f, "username", VG_LIM_USERNAME, user, sizeof user);
    ok = vg_form_text(&f, "password", VG_LIM_PASSWORD, pass, sizeof pass) && ok;
    (void)vg_form_read(r->body, r->len, "next", next, sizeof next, NULL); /* anything but a page of ours: the start page */
    vg_session ses;
    vg_error err;
    vg_err e = f.failed ? vg_error_set(&err, VG_ERR_FORBIDDEN, "login", "%s: %s", f.field, f.why)
               : ok     ? vg_service_login(s->svc, user, pass, r->addr, &ses, &err)
                        : vg_error_set(&err, VG_ERR_FORBIDDEN, "login", "enter your username and password");
    sodium_memzero(pass, sizeof pass);
    if (e == VG_ERR_FORBIDDEN) {
        login_form(r, out, user, next, err.why, 401);
        return;
    }
    if (e) {
        vg_page_error(r, out, e, &err);
        return;
    }
    snprintf(out->cookie, sizeof out->cookie, "vigil_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s",
             ses.token, (long long)(ses.expires - vg_time_now()), r->https ? "; Secure" : "");
    sodium_memzero(&ses, sizeof ses);
    vg_page_redirect(out, "%s", safe_next(next));
}

void vg_page_logout(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_error err;
    vg_err e = vg_service_logout(s->svc, r->session.token, &err);
    if (e && e != VG_ERR_FORBIDDEN) {
        vg_page_error(r, out, e, &err);
        return;
    }
    snprintf(out->cookie, sizeof out->cookie, "vigil_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
             r->https ? "; Secure" : "");
    vg_page_redirect(out, "/login");
}

void vg_page_home(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    (void)s;
    /* where each role's day starts, when it is not the first screen it may use */
    vg_user_role role = r->session.actor.role;
    const char *start = role == VG_UR_ANALYST ? "/map" : role == VG_UR_SUPERVISOR ? "/review"
                        : role == VG_UR_VICTIM_CARE ? "/victims" : role == VG_UR_FORCE_ADMIN ? "/admin"
                        : role == VG_UR_DATA_QUALITY ? "/persons/review" : role == VG_UR_DISPATCHER ? "/queue"
                        : role == VG_UR_PARTNER_PRACTITIONER || role == VG_UR_PARTNER_MANAGER ? "/cases" : NULL;
    if (start) {
        vg_page_redirect(out, "%s", start);
        return;
    }
    for (size_t i = 0; i < N_NAV; i++)
        if (vg_actor_can(&r->session.actor, nav[i].perm)) {
            vg_page_redirect(out, "%s", nav[i].path);
            return;
        }
    vg_html h = {0};
    vg_page_begin(r, &h, "Vigil", "/");
    vg_h_raw(&h, "<p class=\"govuk-body\">Your role has no screens yet.</p>\n");
    vg_page_end(out, &h, 200);
}
