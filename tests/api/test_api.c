/* test_api.c - black-box tests of the real `vigil serve`: a fresh store with users of
 * every role in three agencies, the server started on a free port, and HTTP requests
 * through libcurl. Checks the authorisation matrix in tests/api/matrix.txt in full, the
 * audit entries the requests leave, the hash chain against tampering, bad requests
 * (400/413/422 and nothing changed), cookies with CSRF, sign-in throttling and a
 * graceful stop on SIGTERM.
 * usage: test_api PATH/TO/vigil   (run from the checkout) */
#include "harness.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- users */

typedef struct user {
    const char *alias, *name, *role, *agency;
    char token[64];
} user;

static user users[] = {
    {"ch", "ch", "call_handler", "force", ""},          {"ro", "ro", "response_officer", "force", ""},
    {"inv", "inv", "investigator", "force", ""},        {"sup", "sup", "supervisor", "force", ""},
    {"vc", "vc", "victim_care", "force", ""},           {"an", "an", "analyst", "force", ""},
    {"fa", "fa", "force_admin", "force", ""},           {"aud", "aud", "auditor", "force", ""},
    {"ppA", "ppA", "partner_practitioner", "la-a", ""}, {"pmA", "pmA", "partner_manager", "la-a", ""},
    {"ppB", "ppB", "partner_practitioner", "la-b", ""}, {"pmB", "pmB", "partner_manager", "la-b", ""},
    {"dsp", "dsp", "dispatcher", "force", ""},
};
#define N_USERS (sizeof users / sizeof users[0])
#define PASSWORD "correct horse battery staple"

static user *find_user(const char *alias)
{
    for (size_t i = 0; i < N_USERS; i++)
        if (strcmp(users[i].alias, alias) == 0)
            return &users[i];
    return NULL;
}

static void login(user *u)
{
    char body[256];
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", u->name, PASSWORD);
    response r = call("POST", "/api/session", NULL, body);
    const char *t = json_string_value(json_object_get(r.json, "token"));
    CHECK(r.status == 201 && t, "login %s: %ld %s", u->name, r.status, r.body ? r.body : "");
    snprintf(u->token, sizeof u->token, "%s", t ? t : "");
    response_free(&r);
}

/* ---- the fixture */

static long long force_case, la_a_case, restricted_case;

static void fixture(void)
{
    snprintf(dir, sizeof dir, "/tmp/vigil-api-XXXXXX");
    if (!mkdtemp(dir))
        exit(2);
    db_choose("api.db");
    int rc = run(NULL, "init -q --db '%s'", db);
    rc |= run(NULL, "config set auth.argon2_mem_kib 8192 --db '%s'", db);
    rc |= run(NULL, "config set auth.argon2_ops 1 --db '%s'", db);
    rc |= run(NULL, "agency add la-a --name 'Council A' --kind local_authority --db '%s' > /dev/null", db);
    rc |= run(NULL, "agency add la-b --name 'Council B' --kind local_authority --db '%s' > /dev/null", db);
    for (size_t i = 0; i < N_USERS; i++)
        rc |= run(PASSWORD "\n", "user add %s --role %s --agency %s --password-stdin --db '%s' > /dev/null", users[i].name,
                  users[i].role, users[i].agency, db);
    rc |= run(PASSWORD "\n", "user add locked --role analyst --password-stdin --db '%s' > /dev/null", db);
    rc |= run(NULL, "incident add tests/data/contact/call1.json --db '%s' > /dev/null", db);
    rc |= run(NULL, "incident add tests/data/contact/call2.json --db '%s' > /dev/null", db);
    rc |= run(NULL, "restrict incident 2 --user inv --db '%s' > /dev/null", db);
    /* a neighbourhood for the daily review (area 1); the calls' addresses are not in it */
    char msg[400];
    if (!db_exec(db, "INSERT INTO area (kind, code, name) VALUES ('neighbourhood', 'TST01', 'Test Central')", msg, sizeof msg)) {
        fprintf(stderr, "fixture: %s\n", msg);
        rc = 1;
    }
    /* crimes with a victim each (crimes come from imports, not the API): one open, one with
     * its outcome given, so the victims' queue has both entitlements; a third recorded from
     * incident 2, which is restricted to inv, is in no one else's list; each with the due
     * times rules/deadlines.c gives (3, 5 and 5 days) */
    if (!db_exec(db,
                 "INSERT INTO crime (reference, offence_code, recorded_at, status, outcome, outcome_at, "
                 "incident_id, review_due, needs_due, outcome_due) VALUES ('WX/000001/26', '28E', '2026-11-02T10:00:00Z', "
                 "'recorded', 0, NULL, NULL, '2026-11-05T10:00:00Z', '2026-11-07T10:00:00Z', NULL), ('WX/000002/26', '49', "
                 "'2026-10-01T09:00:00Z', 'recorded', 18, '2026-11-20T12:00:00Z', NULL, '2026-10-04T09:00:00Z', "
                 "'2026-10-06T09:00:00Z', '2026-11-25T12:00:00Z'), ('WX/000003/26', '49', '2026-10-02T09:00:00Z', "
                 "'recorded', 0, NULL, 2, '2026-10-05T09:00:00Z', '2026-10-07T09:00:00Z', NULL); INSERT INTO crime_person "
                 "(crime_id, person_id, role) VALUES (1, 1, 'victim'), (2, 1, 'victim'), (3, 1, 'victim')",
                 msg, sizeof msg)) {
        fprintf(stderr, "fixture: %s\n", msg);
        rc = 1;
    }
    if (rc) {
        fprintf(stderr, "fixture: a vigil command failed\n");
        exit(2);
    }
    start_server();
    for (size_t i = 0; i < N_USERS; i++)
        login(&users[i]);
    response r = call("POST", "/api/cases", find_user("sup")->token,
                      "{\"title\":\"Force case\",\"subject_kind\":\"person\",\"person_id\":1,"
                      "\"summary\":\"repeat ASB victim\",\"risk\":\"high\",\"actions\":\"visit weekly\"}");
    force_case = json_integer_value(json_object_get(r.json, "id"));
    CHECK(r.status == 201 && force_case > 0, "force case: %ld %s", r.status, r.body);
    response_free(&r);
    char path[128];
    snprintf(path, sizeof path, "/api/cases/%lld/shares", force_case);
    r = call("POST", path, find_user("sup")->token,
             "{\"agency\":\"la-a\",\"fields\":[\"summary\"],\"gateway\":\"Crime and Disorder Act 1998 s.115\","
             "\"purpose\":\"joint problem solving\"}");
    CHECK(r.status == 201, "share: %ld %s", r.status, r.body);
    response_free(&r);
    r = call("POST", "/api/cases", find_user("pmA")->token,
             "{\"title\":\"Council case\",\"subject_kind\":\"household\",\"summary\":\"noise nuisance\"}");
    la_a_case = json_integer_value(json_object_get(r.json, "id"));
    CHECK(r.status == 201 && la_a_case > 0, "la-a case: %ld %s", r.status, r.body);
    response_free(&r);
    /* a force case about a member of staff, restricted to the supervisor, shared with la-a */
    r = call("POST", "/api/cases", find_user("inv")->token,
             "{\"title\":\"Staff victim\",\"subject_kind\":\"household\",\"summary\":\"restricted\"}");
    restricted_case = json_integer_value(json_object_get(r.json, "id"));
    CHECK(r.status == 201 && restricted_case > 0, "restricted case: %ld %s", r.status, r.body);
    response_free(&r);
    snprintf(path, sizeof path, "/api/cases/%lld/shares", restricted_case);
    r = call("POST", path, find_user("sup")->token,
             "{\"agency\":\"la-a\",\"fields\":[\"summary\"],\"gateway\":\"Crime and Disorder Act 1998 s.115\","
             "\"purpose\":\"joint problem solving\"}");
    CHECK(r.status == 201, "share the restricted case: %ld %s", r.status, r.body);
    response_free(&r);
    if (run(NULL, "restrict case %lld --user sup --db '%s' > /dev/null", restricted_case, db) != 0)
        CHECK(false, "vigil restrict case");
}

/* ---- the matrix */

static int counter;

/* Replaces the {placeholders}. */
static void expand(const char *in, char *out, size_t n)
{
    size_t k = 0;
    while (*in && k + 32 < n) {
        if (*in != '{') {
            out[k++] = *in++;
            continue;
        }
        const char *close = strchr(in, '}');
        char key[32] = "";
        if (close && (size_t)(close - in) < sizeof key)
            memcpy(key, in + 1, (size_t)(close - in - 1));
        long long v = -1;
        if (!strcmp(key, "incident") || !strcmp(key, "person") || !strcmp(key, "location") || !strcmp(key, "area"))
            v = 1;
        else if (!strcmp(key, "restricted"))
            v = 2;
        else if (!strcmp(key, "force_case"))
            v = force_case;
        else if (!strcmp(key, "la_a_case"))
            v = la_a_case;
        else if (!strcmp(key, "restricted_case"))
            v = restricted_case;
        else if (!strcmp(key, "n"))
            v = ++counter;
        if (v < 0) {
            out[k++] = *in++;
            continue;
        }
        k += (size_t)snprintf(out + k, n - k, "%lld", v);
        in = close + 1;
    }
    out[k] = '\0';
}

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static bool listed(const char *users_field, const char *alias)
{
    if (strcmp(users_field, "*") == 0)
        return true;
    char copy[512];
    snprintf(copy, sizeof copy, "%s", users_field);
    for (char *save = NULL, *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
        if (strcmp(t, alias) == 0)
            return true;
    return false;
}

static void run_before(const char *spec)
{
    char copy[1024], path[512], body[1024];
    snprintf(copy, sizeof copy, "%s", spec);
    char *save = NULL, *who = strtok_r(copy, " ", &save), *method = strtok_r(NULL, " ", &save),
         *p = strtok_r(NULL, " ", &save), *b = save;
    user *u = who ? find_user(who) : NULL;
    if (!u || !method || !p) {
        CHECK(false, "bad before= spec: %s", spec);
        return;
    }
    expand(p, path, sizeof path);
    expand(b ? b : "", body, sizeof body);
    response r = call(method, path, u->token, body[0] ? body : NULL);
    response_free(&r);
}

static void matrix(void)
{
    FILE *f = fopen("tests/api/matrix.txt", "r");
    CHECK(f != NULL, "tests/api/matrix.txt is missing");
    if (!f)
        return;
    char line[2048];
    int lineno = 0, rows = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *field[5] = {0};
        int nf = 0;
        char *p = line;
        while (nf < 5) {
            char *bar = strstr(p, " | ");
            field[nf++] = p;
            if (!bar)
                break;
            *bar = '\0';
            p = bar + 3;
        }
        CHECK(nf >= 4, "matrix.txt:%d: expected 4 or 5 fields", lineno);
        if (nf < 4)
            continue;
        rows++;
        char *req = trim(field[0]), *body_spec = trim(field[1]), *oks = trim(field[2]), *allowed = trim(field[3]);
        char *before = nf == 5 ? trim(field[4]) : NULL;
        char method[8] = "", path_t[512] = "";
        sscanf(req, "%7s %511s", method, path_t);
        for (size_t i = 0; i < N_USERS; i++) {
            if (before && strncmp(before, "before=", 7) == 0)
                run_before(before + 7);
            char path[600], body[4096] = "";
            expand(path_t, path, sizeof path);
            const char *b = NULL;
            if (body_spec[0] == '@') {
                char file[256];
                snprintf(file, sizeof file, "tests/data/contact/%s", body_spec + 1);
                b = read_file(file);
            } else if (strcmp(body_spec, "-") != 0) {
                expand(body_spec, body, sizeof body);
                b = body;
            }
            response r = call(method, path, users[i].token, b);
            bool allow = listed(allowed, users[i].alias);
            char st[8];
            snprintf(st, sizeof st, "%ld", r.status);
            if (allow)
                CHECK(strstr(oks, st) != NULL, "matrix.txt:%d %s %s as %s (%s@%s): %ld, expected %s: %s", lineno, method,
                      path, users[i].alias, users[i].role, users[i].agency, r.status, oks, r.body ? r.body : "");
            else
                CHECK(r.status == 401 || r.status == 403 || r.status == 404,
                      "matrix.txt:%d %s %s as %s (%s@%s): %ld, expected a denial: %s", lineno, method, path,
                      users[i].alias, users[i].role, users[i].agency, r.status, r.body ? r.body : "");
            response_free(&r);
        }
    }
    fclose(f);
    printf("authorisation matrix: %d requests x %zu users\n", rows, N_USERS);
}

/* ---- what partners see of a shared case */

static void partner_view(void)
{
    char path[64];
    snprintf(path, sizeof path, "/api/cases/%lld", force_case);
    response r = call("GET", path, find_user("ppA")->token, NULL);
    CHECK(r.status == 200, "partner view: %ld", r.status);
    CHECK(json_object_get(r.json, "summary") != NULL, "the shared field is there");
    CHECK(json_object_get(r.json, "risk") == NULL && json_object_get(r.json, "actions") == NULL &&
              json_object_get(r.json, "subject") == NULL && json_object_get(r.json, "shares") == NULL,
          "unshared fields reach the partner: %s", r.body);
    response_free(&r);
    r = call("GET", path, find_user("sup")->token, NULL);
    CHECK(json_object_get(r.json, "risk") && json_object_get(r.json, "shares"), "the owner sees all: %s", r.body);
    response_free(&r);
    /* police information never reaches a partner */
    r = call("GET", "/api/persons/1", find_user("pmA")->token, NULL);
    CHECK(r.status == 403, "a partner read a person record: %ld", r.status);
    response_free(&r);
}

/* ---- audit entries */

static bool has_entry(json_t *entries, const char *username, const char *action, const char *what_part,
                      const char *recipient)
{
    size_t i;
    json_t *e;
    json_array_foreach(entries, i, e) {
        const char *u = json_string_value(json_object_get(e, "username"));
        const char *a = json_string_value(json_object_get(e, "action"));
        const char *w = json_string_value(json_object_get(e, "what"));
        const char *rc = json_string_value(json_object_get(e, "recipient"));
        if (u && a && w && !strcmp(u, username) && !strcmp(a, action) && strstr(w, what_part) &&
            (!recipient || (rc && !strcmp(rc, recipient))))
            return true;
    }
    return false;
}

static void audit_entries(void)
{
    /* a consultation with a purpose given */
    const char *const purpose[] = {"X-Purpose: checking a caller's history", NULL};
    response r = http("GET", "/api/persons/1", find_user("ro")->token, NULL, 0, purpose);
    CHECK(r.status == 200, "person: %ld", r.status);
    response_free(&r);
    r = call("GET", "/api/audit", find_user("aud")->token, NULL);
    json_t *entries = json_object_get(r.json, "entries");
    CHECK(json_array_size(entries) > 100, "audit entries: %zu", json_array_size(entries));
    CHECK(has_entry(entries, "ch", "consult", "incident:1", NULL), "ch reading incident 1 is not logged");
    CHECK(has_entry(entries, "inv", "consult", "incident:2", NULL), "inv reading the restricted incident is not logged");
    CHECK(has_entry(entries, "ch", "denied", "incident:2", NULL), "ch's denied read of incident 2 is not logged");
    CHECK(has_entry(entries, "ch", "collect", "incident:", NULL), "ch recording an incident is not logged");
    CHECK(has_entry(entries, "sup", "disclose", "fields:summary", "la-a"), "the disclosure to la-a is not logged");
    CHECK(has_entry(entries, "ppA", "consult", "case:", NULL), "a partner reading a case is not logged");
    CHECK(has_entry(entries, "ch", "login", "session", NULL), "logins are not logged");
    CHECK(has_entry(entries, "ch", "consult", "person:1", NULL), "lookups are not logged");
    /* the purpose is the why */
    bool found = false;
    size_t i;
    json_t *e;
    json_array_foreach(entries, i, e) {
        const char *why = json_string_value(json_object_get(e, "why"));
        found = found || (why && strcmp(why, "checking a caller's history") == 0 &&
                          !strcmp(json_string_value(json_object_get(e, "username")), "ro"));
    }
    CHECK(found, "the X-Purpose header is not the entry's why");
    response_free(&r);
    r = call("GET", "/api/audit/verify", find_user("aud")->token, NULL);
    CHECK(json_is_true(json_object_get(r.json, "ok")), "the chain does not verify: %s", r.body);
    response_free(&r);
}

/* A lookup whose audit entry cannot be written is not answered (the answer waits for
 * the entry's commit): an insert trigger stands in for a full disk. */
static void audit_failure_withholds_answers(void)
{
    char msg[400];
    CHECK(db_exec(db, db_is_pg() ? "CREATE FUNCTION no_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE "
                                   "EXCEPTION 'disk full'; END $$; CREATE TRIGGER no_audit BEFORE INSERT ON audit_log "
                                   "FOR EACH ROW EXECUTE FUNCTION no_audit()"
                                 : "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, "
                                   "'disk full'); END",
                  msg, sizeof msg),
          "trigger: %s", msg);
    const char *lookup = "/api/lookup?given=Margaret&family=O%27Neill";
    response r = call("GET", lookup, find_user("ch")->token, NULL);
    CHECK(r.status >= 400 && !strstr(r.body, "candidates"), "a lookup without its audit entry: %ld %s", r.status,
          r.body);
    response_free(&r);
    CHECK(db_exec(db, db_is_pg() ? "DROP TRIGGER no_audit ON audit_log; DROP FUNCTION no_audit()" : "DROP TRIGGER no_audit",
                  msg, sizeof msg),
          "drop the trigger: %s", msg);
    r = call("GET", lookup, find_user("ch")->token, NULL);
    CHECK(r.status == 200 && strstr(r.body, "candidates"), "the lookup after the log works again: %ld %s", r.status,
          r.body);
    response_free(&r);
}

/* ---- bad requests change nothing */

static size_t incident_count(void)
{
    response r = call("GET", "/api/incidents?limit=1000", find_user("sup")->token, NULL);
    size_t n = json_array_size(json_object_get(r.json, "incidents"));
    response_free(&r);
    return n;
}

static void expect_reject(const char *body, size_t len, long status, const char *field)
{
    if (!len)
        len = strlen(body);
    response r = http("POST", "/api/incidents", find_user("ch")->token, body, len, NULL);
    const char *f = json_string_value(json_object_get(r.json, "field"));
    CHECK(r.status == status, "bad request %.40s: %ld, expected %ld: %s", body, r.status, status, r.body ? r.body : "");
    CHECK(!field || (f && strstr(f, field)), "bad request %.40s: field %s, expected %s", body, f ? f : "(none)", field);
    CHECK(r.json && json_object_get(r.json, "message"), "the error is not JSON with a message");
    response_free(&r);
}

/* The intelligence API: the daily review and its actions, and bad input named. */
static bool has(const response *r, const char *needle) { return r->body && strstr(r->body, needle); }

static void intel(void)
{
    const char *an = find_user("an")->token, *ro = find_user("ro")->token;
    response r = call("POST", "/api/areas/1/actions", ro, "{\"text\":\"Visit the caller\",\"owner\":\"ro\",\"due\":\"2099-01-01\"}");
    CHECK(r.status == 201 && has(&r, "\"id\":"), "assign an action: %ld %s", r.status, r.body);
    long long action = 0;
    const char *idp = r.body ? strstr(r.body, "\"id\":") : NULL;
    if (idp)
        action = strtoll(idp + 5, NULL, 10);
    response_free(&r);
    r = call("GET", "/api/areas/1/briefing?date=2014-01-20", an, NULL);
    CHECK(r.status == 200 && has(&r, "\"code\":\"TST01\"") && has(&r, "Visit the caller") && has(&r, "\"closed_at\":null"),
          "the review shows the open action: %ld %.300s", r.status, r.body);
    response_free(&r);
    char path[64], body[128];
    snprintf(path, sizeof path, "/api/actions/%lld/close", action);
    r = call("POST", path, an, "{\"result\":\"Visited; advice given\"}");
    CHECK(r.status == 200, "close the action: %ld %s", r.status, r.body);
    response_free(&r);
    r = call("POST", path, an, "{\"result\":\"again\"}");
    CHECK(r.status == 404, "close it twice: %ld", r.status);
    response_free(&r);
    r = call("GET", "/api/areas/1/briefing?date=2014-01-20", an, NULL);
    CHECK(r.status == 200 && has(&r, "\"result\":\"Visited; advice given\""), "closed with its result: %.200s", r.body);
    response_free(&r);
    /* bad input: 400 for a query, 422 for a body, the field named */
    static const struct {
        const char *method, *path, *body;
        long status;
        const char *field;
    } bad[] = {
        {"GET", "/api/areas/1/briefing?date=2014-13-01", NULL, 400, "date"},
        {"GET", "/api/areas/999/briefing", NULL, 404, "neighbourhood"},
        {"POST", "/api/areas/1/actions", "{\"text\":\"x\",\"owner\":\"ro\"}", 422, "due"},
        {"POST", "/api/areas/1/actions", "{\"text\":\"x\",\"owner\":\"nobody\",\"due\":\"2099-01-01\"}", 422, "owner"},
        {"POST", "/api/areas/1/actions", "{\"text\":\"x\",\"owner\":\"ro\",\"due\":\"2099-01-01\",\"colour\":1}", 422, "colour"},
        {"POST", "/api/actions/1/close", "{}", 422, "result"},
        {"GET", "/api/analyses/trends", NULL, 400, "week_ending"},
        {"GET", "/api/analyses/trends?week_ending=2014-01-19&area=Atlantis", NULL, 422, "area"},
        {"GET", "/api/analyses/repeats?from=2014-01-01&to=2014-02-01&min=1", NULL, 400, "min"},
        {"GET", "/api/analyses/near-repeat?from=2014-01", NULL, 400, "to"},
        {"GET", "/api/analyses/near-repeat?from=2014-01&to=2014-12&distance_bands=200,100", NULL, 400, "distance-bands"},
        {"GET", "/api/analyses/near-repeat?from=2014-01&to=2014-12&crime_type=unicorns", NULL, 422, "crime-type"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = call(bad[i].method, bad[i].path, an, bad[i].body);
        snprintf(body, sizeof body, "\"field\":\"%s\"", bad[i].field);
        CHECK(r.status == bad[i].status && has(&r, body), "%s %s: %ld %s (expected %ld naming %s)",
              bad[i].method, bad[i].path, r.status, r.body, bad[i].status, bad[i].field);
        response_free(&r);
    }
    r = call("GET", "/api/analyses/near-repeat?from=2014-01&to=2014-12&permutations=19", an, NULL);
    CHECK(r.status == 200 && has(&r, "\"observed\":[["), "near-repeat over the records: %ld %.200s", r.status, r.body);
    response_free(&r);
}

static void bad_requests(void)
{
    size_t before = incident_count();
    expect_reject("{\"received\":", 0, 400, "body:");
    expect_reject("[1,2", 0, 400, "body:");
    static const char bad_utf8[] = "{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"asb_personal\",\"description\":\"\xff\xfe\"}";
    expect_reject(bad_utf8, sizeof bad_utf8 - 1, 400, "body:");
    expect_reject("{\"received\":5,\"category\":\"asb_personal\"}", 0, 422, "received");
    expect_reject("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"asb_personal\",\"colour\":\"red\"}", 0, 422, "colour");
    expect_reject("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"burglary\"}", 0, 422, "category");
    expect_reject("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"asb_personal\",\"people\":[{\"role\":\"victim\","
                  "\"name\":\"A B\",\"dob\":\"1990-02-30\"}]}",
                  0, 422, "dob");
    /* an array with one bad incident stores none of them */
    const char *arr = "[{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"asb_personal\",\"people\":[{\"role\":\"victim\","
                      "\"name\":\"New Person\"}]},{\"received\":\"nope\",\"category\":\"asb_personal\"}]";
    expect_reject(arr, strlen(arr), 422, "[1].received");
    size_t big = 2u << 20;
    char *huge = malloc(big);
    memset(huge, ' ', big);
    huge[0] = '{';
    huge[big - 1] = '}';
    expect_reject(huge, big, 413, "body");
    free(huge);
    CHECK(incident_count() == before, "a rejected request stored something: %zu -> %zu", before, incident_count());
    /* other routes: wrong types, unknown fields, unknown query parameters */
    response r = call("POST", "/api/cases", find_user("sup")->token, "{\"title\":5,\"subject_kind\":\"household\"}");
    CHECK(r.status == 422, "case with a numeric title: %ld", r.status);
    response_free(&r);
    r = call("GET", "/api/incidents?colour=red", find_user("sup")->token, NULL);
    CHECK(r.status == 400, "unknown query parameter: %ld", r.status);
    response_free(&r);
    r = call("GET", "/api/lookup?dob=1990-13-01", find_user("ch")->token, NULL);
    CHECK(r.status == 400, "bad date in a query: %ld", r.status);
    response_free(&r);
    r = call("PUT", "/api/incidents", find_user("sup")->token, "{}");
    CHECK(r.status == 405, "PUT on incidents: %ld", r.status);
    response_free(&r);
    r = call("GET", "/api/nothing", find_user("sup")->token, NULL);
    CHECK(r.status == 404, "unknown route: %ld", r.status);
    response_free(&r);
    r = call("GET", "/api/incidents", NULL, NULL);
    CHECK(r.status == 401, "no session: %ld", r.status);
    response_free(&r);
    r = call("GET", "/api/incidents", "not-a-token", NULL);
    CHECK(r.status == 401, "a made-up token: %ld", r.status);
    response_free(&r);
}

/* ---- browsers: cookie and CSRF */

static void cookies_and_csrf(void)
{
    char body[128];
    snprintf(body, sizeof body, "{\"username\":\"ch\",\"password\":\"%s\"}", PASSWORD);
    response r = call("POST", "/api/session", NULL, body);
    char cookie[300], csrf[80];
    snprintf(cookie, sizeof cookie, "Cookie: %s", r.cookie);
    snprintf(csrf, sizeof csrf, "X-CSRF-Token: %s", json_string_value(json_object_get(r.json, "csrf")));
    CHECK(strncmp(r.cookie, "vigil_session=", 14) == 0, "no session cookie: %s", r.cookie);
    response_free(&r);
    const char *inc = read_file("tests/data/contact/call1.json");
    char *copy = strdup(inc);
    const char *h1[] = {cookie, NULL};
    r = http("POST", "/api/incidents", NULL, copy, strlen(copy), h1);
    CHECK(r.status == 403, "a cookie request without the CSRF token: %ld", r.status);
    response_free(&r);
    const char *h2[] = {cookie, "X-CSRF-Token: wrong", NULL};
    r = http("POST", "/api/incidents", NULL, copy, strlen(copy), h2);
    CHECK(r.status == 403, "a wrong CSRF token: %ld", r.status);
    response_free(&r);
    const char *h3[] = {cookie, csrf, NULL};
    r = http("POST", "/api/incidents", NULL, copy, strlen(copy), h3);
    CHECK(r.status == 201, "cookie with CSRF: %ld %s", r.status, r.body);
    response_free(&r);
    r = http("GET", "/api/session", NULL, NULL, 0, h1);
    CHECK(r.status == 200, "GET with the cookie alone: %ld", r.status);
    response_free(&r);
    r = http("DELETE", "/api/session", NULL, NULL, 0, h3);
    CHECK(r.status == 204, "logout: %ld", r.status);
    response_free(&r);
    r = http("GET", "/api/session", NULL, NULL, 0, h1);
    CHECK(r.status == 401, "the session lives on after logout: %ld", r.status);
    response_free(&r);
    /* signing out signs out everywhere: the bearer token of ch ended with the cookie */
    r = call("GET", "/api/session", find_user("ch")->token, NULL);
    CHECK(r.status == 401, "another session of the user lives on after logout: %ld", r.status);
    response_free(&r);
    login(find_user("ch"));
    free(copy);
}

static void lockout(void)
{
    for (int i = 0; i < 5; i++) {
        response r = call("POST", "/api/session", NULL, "{\"username\":\"locked\",\"password\":\"wrong password\"}");
        CHECK(r.status == 401, "wrong password: %ld", r.status);
        response_free(&r);
    }
    char body[128];
    snprintf(body, sizeof body, "{\"username\":\"locked\",\"password\":\"%s\"}", PASSWORD);
    response r = call("POST", "/api/session", NULL, body);
    CHECK(r.status == 401, "the right password from the guessing address after 5 failures was let in: %ld", r.status);
    response_free(&r);
    const char *const elsewhere[] = {"X-Real-IP: 192.0.2.99", NULL};
    r = http("POST", "/api/session", NULL, body, strlen(body), elsewhere);
    CHECK(r.status == 201, "the user was locked out everywhere by someone else's guesses: %ld", r.status);
    response_free(&r);
    r = call("POST", "/api/session", NULL, "{\"username\":\"nobody\",\"password\":\"whatever\"}");
    CHECK(r.status == 401, "unknown user: %ld", r.status);
    response_free(&r);
    /* a long non-ASCII name and purpose end up in the log without spoiling it (checked
     * when the auditor reads it, below) */
    char odd[256] = "{\"username\":\"";
    for (int i = 0; i < 40; i++)
        strcat(odd, "\u00e9");
    strcat(odd, "\",\"password\":\"whatever\"}");
    r = call("POST", "/api/session", NULL, odd);
    CHECK(r.status == 401, "odd user: %ld", r.status);
    response_free(&r);
    const char *const odd_purpose[] = {"X-Purpose: caf\xc3\xa9 \xff", "X-Real-IP: 192.0.2.\xc3\xa9", NULL};
    r = http("GET", "/api/persons/1", find_user("ro")->token, NULL, 0, odd_purpose);
    CHECK(r.status == 200, "odd purpose: %ld", r.status);
    response_free(&r);
    /* twenty failures for one name from one client address (as the proxy reports it)
     * keep no one else at that address out */
    const char *const from_a[] = {"X-Real-IP: 192.0.2.10", NULL}, *const from_b[] = {"X-Real-IP: 192.0.2.11", NULL};
    const char *bad = "{\"username\":\"someone\",\"password\":\"guess guess\"}";
    for (int i = 0; i < 20; i++) {
        r = http("POST", "/api/session", NULL, bad, strlen(bad), from_a);
        response_free(&r);
    }
    snprintf(body, sizeof body, "{\"username\":\"an\",\"password\":\"%s\"}", PASSWORD);
    r = http("POST", "/api/session", NULL, body, strlen(body), from_a);
    CHECK(r.status == 201, "everyone at the address was refused: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = http("POST", "/api/session", NULL, body, strlen(body), from_b);
    CHECK(r.status == 201, "another address was refused: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = call("POST", "/api/session", NULL, "{\"username\":\"ch\",\"password\":\"x\",\"remember\":true}");
    CHECK(r.status == 422, "unknown field in login: %ld", r.status);
    response_free(&r);
}

/* ---- the live queue */

static void live_queue(void)
{
    stream_ctx st;
    memset(&st, 0, sizeof st);
    snprintf(st.token, sizeof st.token, "%s", find_user("ro")->token);
    pthread_t t;
    pthread_create(&t, NULL, stream_thread, &st);
    usleep(300 * 1000); /* subscribed */
    response r = call("POST", "/api/incidents", find_user("ch")->token, read_file("tests/data/contact/call3.json"));
    long long id = json_integer_value(json_object_get(r.json, "incident_id"));
    CHECK(r.status == 201 && id > 0, "incident for the queue: %ld", r.status);
    response_free(&r);
    pthread_join(t, NULL);
    CHECK(st.status == 200, "event stream: %ld", st.status);
    const char *data = strstr(st.data, "data: ");
    json_t *ev = data ? json_loads(data + 6, JSON_DISABLE_EOF_CHECK, NULL) : NULL;
    CHECK(ev && json_integer_value(json_object_get(ev, "incident_id")) == id,
          "the new incident's briefing did not arrive on the queue: %s", st.data);
    CHECK(strstr(st.data, "event: incident") && strstr(st.data, "id: "), "not a server-sent event: %s", st.data);
    CHECK(ev && json_object_get(ev, "people"), "the event carries no briefing");
    json_decref(ev);
    char path[64];
    snprintf(path, sizeof path, "/api/incidents/%lld/receipt", id);
    r = call("POST", path, find_user("ro")->token, NULL);
    CHECK(r.status == 201, "read receipt: %ld %s", r.status, r.body);
    response_free(&r);
    r = call("GET", "/api/audit", find_user("aud")->token, NULL);
    char what[48];
    snprintf(what, sizeof what, "incident:%lld", id);
    bool pushed = false, receipt = false;
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(r.json, "entries"), i, e) {
        const char *u = json_string_value(json_object_get(e, "username"));
        const char *w = json_string_value(json_object_get(e, "what"));
        const char *why = json_string_value(json_object_get(e, "why"));
        if (u && w && why && !strcmp(u, "ro") && !strcmp(w, what)) {
            pushed = pushed || strstr(why, "pushed to the dispatch queue");
            receipt = receipt || strstr(why, "read receipt");
        }
    }
    CHECK(pushed && receipt, "the delivery (%d) or the receipt (%d) is not in the audit log", pushed, receipt);
    response_free(&r);
}

/* ---- the control room: the dispatch board and an incident's log (issue 15) */

static const char *js(const json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v ? v : "";
}

static response log_post(const char *who, long long id, const char *body)
{
    char path[64];
    snprintf(path, sizeof path, "/api/incidents/%lld/log", id);
    return call("POST", path, find_user(who)->token, body);
}

/* The card of incident id on the board as who sees it (a new reference), or NULL. */
static json_t *board_card(const char *who, long long id, long long *total)
{
    response r = call("GET", "/api/dispatch?limit=1000", find_user(who)->token, NULL);
    CHECK(r.status == 200, "the board for %s: %ld %s", who, r.status, r.body ? r.body : "");
    json_t *found = NULL;
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(r.json, "incidents"), i, c)
        if (json_integer_value(json_object_get(c, "id")) == id)
            found = json_incref(c);
    if (total)
        *total = json_integer_value(json_object_get(r.json, "total"));
    response_free(&r);
    return found;
}

static void dispatch_board(void)
{
    /* two boards open: the dispatcher's and the supervisor's */
    stream_ctx a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    snprintf(a.token, sizeof a.token, "%s", find_user("dsp")->token);
    snprintf(b.token, sizeof b.token, "%s", find_user("sup")->token);
    pthread_t ta, tb;
    pthread_create(&ta, NULL, stream_thread, &a);
    pthread_create(&tb, NULL, stream_thread, &b);
    usleep(300 * 1000);
    /* a call not graded yet does not reach dispatch */
    response r = call("POST", "/api/incidents", find_user("ch")->token,
                      "{\"received\":\"2014-06-20T10:00:00Z\",\"category\":\"asb_personal\",\"description\":\"youths kicking the door\","
                      "\"location\":{\"address\":\"3 Mill Lane\",\"postcode\":\"WX12 3AB\"},"
                      "\"people\":[{\"role\":\"victim\",\"name\":\"Edith Crawley\",\"dob\":\"1931-02-11\"}]}");
    long long x = json_integer_value(json_object_get(r.json, "incident_id"));
    CHECK(r.status == 201 && x > 0, "an ungraded call: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    json_t *card = board_card("dsp", x, NULL);
    CHECK(!card, "a call not graded is on the board");
    json_decref(card);
    /* graded: on every open board at once (the first event is this change, not the call) */
    r = log_post("ch", x, "{\"kind\":\"grade\",\"thrive\":\"immediate\"}");
    CHECK(r.status == 422 && strstr(r.body ? r.body : "", "reason"), "a grade without a reason: %ld %s", r.status,
          r.body ? r.body : "");
    response_free(&r);
    r = log_post("ch", x, "{\"kind\":\"grade\",\"thrive\":\"immediate\",\"text\":\"the door is giving way\"}");
    CHECK(r.status == 200 && !strcmp(js(r.json, "thrive"), "immediate"),
          "grade: %ld %s", r.status, r.body ? r.body : "");
    json_t *last = json_array_get(json_object_get(r.json, "log"), json_array_size(json_object_get(r.json, "log")) - 1);
    CHECK(!strcmp(js(last, "thrive_was"), "ungraded") &&
              !strcmp(js(last, "by"), "ch"),
          "the re-grade is not in the log with the old grade and who: %s", r.body ? r.body : "");
    response_free(&r);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    char want[64];
    snprintf(want, sizeof want, "\"incident_id\":%lld", x);
    CHECK(strstr(a.data, "event: state") && strstr(a.data, want) && strstr(b.data, "event: state") &&
              strstr(b.data, want),
          "the change did not reach both boards first: [%s] [%s]", a.data, b.data);
    /* the card: in words, no record ids */
    card = board_card("dsp", x, NULL);
    const json_t *st = json_object_get(card, "state");
    const json_t *p0 = json_array_get(json_object_get(card, "people"), 0);
    CHECK(card && !strcmp(js(card, "address"), "3 Mill Lane WX12 3AB") &&
              !strcmp(js(p0, "name"), "Edith Crawley") &&
              !json_object_get(p0, "person_id") &&
              !strcmp(js(card, "thrive_label"), "Immediate (emergency)") &&
              !strcmp(js(st, "status"), "awaiting") &&
              json_is_null(json_object_get(st, "acknowledged")),
          "the card is not the incident in words: %s", card ? json_dumps(card, 0) : "none");
    json_decref(card);
    /* the dispatcher's steps; a call handler may update but not assign */
    r = log_post("ch", x, "{\"kind\":\"assign\",\"unit\":\"Bravo 21\"}");
    CHECK(r.status == 403, "a call handler assigned a unit: %ld", r.status);
    response_free(&r);
    r = log_post("dsp", x, "{\"kind\":\"status\",\"status\":\"at_scene\"}");
    CHECK(r.status == 422, "at scene with no unit: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = log_post("dsp", x, "{\"kind\":\"assign\",\"unit\":\"Bravo 21\"}");
    CHECK(r.status == 200, "assign: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = log_post("dsp", x, "{\"kind\":\"acknowledge\"}");
    CHECK(r.status == 409, "acknowledged twice (assigning takes it on): %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    card = board_card("sup", x, NULL);
    st = json_object_get(card, "state");
    CHECK(card && !strcmp(js(st, "status"), "assigned") &&
              !strcmp(js(st, "unit"), "Bravo 21") &&
              !strcmp(js(json_object_get(st, "acknowledged"), "by"), "dsp"),
          "the state is not kept: %s", card ? json_dumps(card, 0) : "none");
    json_decref(card);
    r = log_post("ch", x, "{\"kind\":\"update\",\"text\":\"caller says they have gone\"}");
    CHECK(r.status == 200, "update: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = log_post("ch", x, "{\"kind\":\"update\",\"text\":\"x\",\"colour\":\"red\"}");
    CHECK(r.status == 422, "an unknown field: %ld", r.status);
    response_free(&r);
    r = log_post("ch", x, "{\"kind\":\"close\",\"closure\":\"cancelled\"}");
    CHECK(r.status == 422, "closed as cancelled without cancelling: %ld", r.status);
    response_free(&r);
    r = log_post("sup", x, "{\"kind\":\"close\",\"closure\":\"resolved\",\"text\":\"words of advice\"}");
    CHECK(r.status == 200 && json_is_string(json_object_get(r.json, "closed")), "close: %ld %s", r.status,
          r.body ? r.body : "");
    response_free(&r);
    r = log_post("dsp", x, "{\"kind\":\"grade\",\"thrive\":\"priority\",\"text\":\"again\"}");
    CHECK(r.status == 409, "a closed incident re-graded: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    card = board_card("dsp", x, NULL);
    CHECK(!card, "a closed incident is still on the board");
    json_decref(card);
    /* a mistaken call: cancelled with a reason, kept */
    r = call("POST", "/api/incidents", find_user("ch")->token,
             "{\"received\":\"2014-06-20T10:05:00Z\",\"category\":\"admin\",\"thrive\":\"scheduled\",\"people\":[{\"role\":\"caller\",\"name\":\"Test Call\"}]}");
    long long y = json_integer_value(json_object_get(r.json, "incident_id"));
    response_free(&r);
    card = board_card("dsp", y, NULL);
    CHECK(card, "a graded call is not on the board");
    json_decref(card);
    r = log_post("ch", y, "{\"kind\":\"cancel\"}");
    CHECK(r.status == 422, "cancelled without a reason: %ld", r.status);
    response_free(&r);
    r = log_post("ch", y, "{\"kind\":\"cancel\",\"text\":\"recorded in training by mistake\"}");
    json_t *dsp = json_object_get(r.json, "dispatch");
    CHECK(r.status == 200 && !strcmp(js(dsp, "closure"), "cancelled"),
          "cancel: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    char path[64];
    snprintf(path, sizeof path, "/api/incidents/%lld", y);
    r = call("GET", path, find_user("ch")->token, NULL);
    CHECK(r.status == 200, "a cancelled call is gone: %ld", r.status);
    response_free(&r);
    /* the board's audit entry names what it showed */
    long long z;
    r = call("POST", "/api/incidents", find_user("ch")->token,
             "{\"received\":\"2014-06-20T10:06:00Z\",\"category\":\"crime\",\"thrive\":\"priority\",\"people\":[{\"role\":\"victim\",\"name\":\"Ivy Bloom\"}]}");
    z = json_integer_value(json_object_get(r.json, "incident_id"));
    response_free(&r);
    card = board_card("dsp", z, NULL);
    json_decref(card);
    r = call("GET", "/api/audit", find_user("aud")->token, NULL);
    char inc[48];
    snprintf(inc, sizeof inc, "\"incident:%lld\"", z);
    bool named = false;
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(r.json, "entries"), i, e) {
        const char *w = json_string_value(json_object_get(e, "what"));
        if (!w || strncmp(w, "dispatch board", 14) || strcmp(js(e, "username"), "dsp"))
            continue;
        char *recs = json_dumps(json_object_get(e, "records"), 0);
        named = named || (recs && strstr(recs, inc));
        free(recs);
    }
    CHECK(named, "no audit entry of the board names %s", inc);
    response_free(&r);
    r = call("GET", "/api/dispatch?limit=0", find_user("dsp")->token, NULL);
    CHECK(r.status == 400, "limit 0: %ld", r.status);
    response_free(&r);
}

/* ---- the search box */

static void search(void)
{
    /* a misspelt name with the date of birth as typed: the person, once, in words */
    response r = call("GET", "/api/search?q=Margret%20Oneil%2007%2F04%2F1961", find_user("inv")->token, NULL);
    json_t *p0 = json_array_get(json_object_get(r.json, "persons"), 0);
    CHECK(r.status == 200 && !strcmp(js(p0, "name"), "Margaret O'Neill") && !strcmp(js(p0, "dob"), "1961-04-07") &&
              strlen(js(p0, "evidence")) > 10,
          "a misspelt name was not found: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    /* an incident by the beginning of its reference, in any case; restricted ones are not there */
    r = call("GET", "/api/incidents/1", find_user("ch")->token, NULL);
    char ref[64], path[160], house[120] = "";
    snprintf(ref, sizeof ref, "%s", js(r.json, "reference"));
    json_int_t place = json_integer_value(json_object_get(r.json, "location_id"));
    /* its place by house number and street, typed in lower case ("14 high street") */
    for (size_t k = 0, o = 0; js(r.json, "address")[k] && js(r.json, "address")[k] != ',' && o + 4 < sizeof house; k++) {
        char c = js(r.json, "address")[k];
        if (c == ' ')
            o += (size_t)snprintf(house + o, sizeof house - o, "%%20");
        else
            house[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    response_free(&r);
    snprintf(path, sizeof path, "/api/search?q=%s", house);
    r = call("GET", path, find_user("ch")->token, NULL);
    bool at_place = false;
    size_t pi;
    json_t *px;
    json_array_foreach(json_object_get(r.json, "places"), pi, px) at_place |= json_integer_value(json_object_get(px, "id")) == place;
    CHECK(r.status == 200 && place > 0 && house[0] >= '0' && house[0] <= '9' && at_place,
          "a place by its number and street (%s, place %lld): %ld %.300s", house, (long long)place, r.status,
          r.body ? r.body : "");
    response_free(&r);
    for (char *c = ref; *c; c++)
        *c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    snprintf(path, sizeof path, "/api/search?q=%.12s", ref);
    r = call("GET", path, find_user("ch")->token, NULL);
    bool one = false, restricted = false;
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(r.json, "incidents"), i, x) {
        one |= json_integer_value(json_object_get(x, "id")) == 1;
        restricted |= json_integer_value(json_object_get(x, "id")) == 2;
    }
    CHECK(r.status == 200 && one && !restricted, "search by reference %s: %ld %.300s", ref, r.status, r.body ? r.body : "");
    response_free(&r);
    /* a partner agency's user may not search police records at all */
    r = call("GET", "/api/search?q=Margaret", find_user("ppA")->token, NULL);
    CHECK(r.status == 403, "a partner searched: %ld", r.status);
    response_free(&r);
    r = call("GET", "/api/search?q=%20%20", find_user("ch")->token, NULL);
    CHECK(r.status == 422, "an empty search: %ld", r.status);
    response_free(&r);
    /* audited, naming what was found */
    r = call("GET", "/api/audit", find_user("aud")->token, NULL);
    bool logged = false;
    json_array_foreach(json_object_get(r.json, "entries"), i, x) {
        char *recs = json_dumps(json_object_get(x, "records"), 0);
        logged |= !strcmp(js(x, "username"), "inv") && !strncmp(js(x, "what"), "search (", 8) && recs &&
                  strstr(recs, "person:");
        free(recs);
    }
    CHECK(logged, "the search is not in the audit log with the persons it found");
    response_free(&r);
}

/* ---- the lists (one component: totals, keyset pages, sort, filters) */

/* GET a list page as user; the response (caller frees) */
static response list_get(const char *who, const char *query)
{
    char path[700];
    snprintf(path, sizeof path, "/api/lists/%s", query);
    return call("GET", path, find_user(who)->token, NULL);
}

/* the cursor as a query value (':' and the time's characters are safe in a query) */
static void lists(void)
{
    /* every incident, page by page to the end: as many rows as the total, each once,
     * in order, and never the incident restricted to named users */
    response r = list_get("ch", "incidents?limit=3");
    int64_t total = json_integer_value(json_object_get(r.json, "total"));
    CHECK(r.status == 200 && total > 6, "the incident list: %ld %.200s", r.status, r.body ? r.body : "");
    size_t seen = 0, pages = 0;
    bool restricted = false, ordered = true, numbered = true;
    char last_received[32] = "9999";
    char *ids = calloc((size_t)total + 1000, 1);
    int64_t max_id = total + 999;
    for (;;) {
        pages++;
        numbered &= json_integer_value(json_object_get(r.json, "first")) == (json_int_t)seen + 1;
        size_t i;
        json_t *x;
        json_array_foreach(json_object_get(r.json, "rows"), i, x) {
            int64_t id = json_integer_value(json_object_get(x, "id"));
            restricted |= id == 2;
            if (ids && id > 0 && id <= max_id) {
                ordered &= !ids[id]; /* each once */
                ids[id] = 1;
            }
            ordered &= strcmp(js(x, "received"), last_received) <= 0;
            snprintf(last_received, sizeof last_received, "%s", js(x, "received"));
            seen++;
        }
        const char *after = json_string_value(json_object_get(r.json, "after"));
        if (!after || pages > 100)
            break;
        char q[300];
        snprintf(q, sizeof q, "incidents?limit=3&after=%s", after);
        response_free(&r);
        r = list_get("ch", q);
        CHECK(r.status == 200, "a later page: %ld %.200s", r.status, r.body ? r.body : "");
    }
    response_free(&r);
    free(ids);
    CHECK((int64_t)seen == total && ordered && numbered && !restricted,
          "paging to the end: %zu rows of %lld over %zu pages, in order %d, numbered %d, restricted shown %d", seen,
          (long long)total, pages, ordered, numbered, restricted);

    /* the last page ends at the total; the page before it runs straight on to it */
    r = list_get("ch", "incidents?limit=3&last=1");
    int64_t first = json_integer_value(json_object_get(r.json, "first"));
    size_t n = json_array_size(json_object_get(r.json, "rows"));
    CHECK(r.status == 200 && first + (int64_t)n - 1 == total && json_object_get(r.json, "before") &&
              !json_object_get(r.json, "after"),
          "the last page: first %lld, %zu rows of %lld", (long long)first, n, (long long)total);
    char q[400];
    snprintf(q, sizeof q, "incidents?limit=3&before=%s", js(r.json, "before"));
    int64_t last_first_id = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "rows"), 0), "id"));
    response_free(&r);
    r = list_get("ch", q);
    json_t *prev = json_object_get(r.json, "rows");
    CHECK(r.status == 200 && json_array_size(prev) == 3 && json_integer_value(json_object_get(r.json, "first")) == first - 3,
          "the page before the last: %ld first %lld", r.status, (long long)json_integer_value(json_object_get(r.json, "first")));
    snprintf(q, sizeof q, "incidents?limit=1&after=%s", js(r.json, "after"));
    response_free(&r);
    r = list_get("ch", q); /* the row after the page before the last is the last page's first */
    CHECK(json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "rows"), 0), "id")) == last_first_id,
          "the pages either side of a cursor do not meet");
    response_free(&r);

    /* a page stays put when incidents are added ahead of it */
    r = list_get("ch", "incidents?limit=5");
    char after[300];
    snprintf(after, sizeof after, "%s", js(r.json, "after"));
    response_free(&r);
    snprintf(q, sizeof q, "incidents?limit=5&after=%s", after);
    r = list_get("ch", q);
    char *before_insert = json_dumps(json_object_get(r.json, "rows"), JSON_SORT_KEYS);
    response_free(&r);
    char now[32], body[300];
    time_t t = time(NULL);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    snprintf(body, sizeof body, "{\"received\":\"%s\",\"category\":\"asb_nuisance\",\"description\":\"a list test\"}", now);
    r = call("POST", "/api/incidents", find_user("ch")->token, body);
    CHECK(r.status == 201, "a new incident: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = list_get("ch", q);
    char *after_insert = json_dumps(json_object_get(r.json, "rows"), JSON_SORT_KEYS);
    CHECK(before_insert && after_insert && !strcmp(before_insert, after_insert) &&
              json_integer_value(json_object_get(r.json, "total")) == total + 1,
          "the second page moved when an incident came in");
    free(before_insert);
    free(after_insert);
    response_free(&r);

    /* sorted by reference; filtered by category, and by vulnerability */
    r = list_get("ch", "incidents?sort=reference&order=asc&limit=50");
    bool asc = true;
    for (size_t i = 1; i < json_array_size(json_object_get(r.json, "rows")); i++)
        asc &= strcmp(js(json_array_get(json_object_get(r.json, "rows"), i - 1), "reference"),
                      js(json_array_get(json_object_get(r.json, "rows"), i), "reference")) < 0;
    CHECK(r.status == 200 && asc, "sorted by reference: %ld", r.status);
    response_free(&r);
    r = list_get("ch", "incidents?category=crime&limit=500");
    bool kept = json_integer_value(json_object_get(r.json, "total")) > 0;
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(r.json, "rows"), i, x)
        kept &= !strcmp(js(x, "category"), "crime");
    CHECK(r.status == 200 && kept && json_integer_value(json_object_get(r.json, "total")) < total &&
              json_integer_value(json_object_get(r.json, "total")) == (json_int_t)json_array_size(json_object_get(r.json, "rows")),
          "filtered by category: %ld %.200s", r.status, r.body ? r.body : "");
    response_free(&r);
    /* only those with a vulnerable person: each has one */
    r = list_get("ch", "incidents?vulnerable=1&limit=500");
    kept = r.status == 200;
    json_array_foreach(json_object_get(r.json, "rows"), i, x)
        kept &= json_is_true(json_object_get(x, "vulnerable"));
    CHECK(kept, "filtered by vulnerability: %ld %.200s", r.status, r.body ? r.body : "");
    response_free(&r);
    /* a period in dd/mm/yyyy: only the incidents received in it */
    r = list_get("ch", "incidents?from=01/06/2014&to=30/06/2014&limit=500&order=asc");
    bool in = json_array_size(json_object_get(r.json, "rows")) > 0;
    json_array_foreach(json_object_get(r.json, "rows"), i, x)
        in &= strcmp(js(x, "received"), "2014-06-01") >= 0 && strcmp(js(x, "received"), "2014-07-01") < 0;
    CHECK(r.status == 200 && in, "a period as typed: %ld %.200s", r.status, r.body ? r.body : "");
    response_free(&r);

    /* what is wrong is named, and refused: never an empty list */
    static const struct {
        const char *q;
        long status;
        const char *field;
    } bad[] = {
        {"incidents?sort=address", 400, "sort"},     {"incidents?from=32/01/2014", 400, "from"},
        {"incidents?limit=501", 400, "limit"},       {"incidents?category=burglary", 400, "category"},
        {"incidents?after=nonsense", 400, "after"},  {"incidents?order=up", 400, "order"},
        {"incidents?colour=red", 400, NULL},         {"nothing", 404, NULL},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        r = list_get("ch", bad[k].q);
        const char *f = json_string_value(json_object_get(r.json, "field"));
        CHECK(r.status == bad[k].status && (!bad[k].field || (f && !strcmp(f, bad[k].field))),
              "%s: %ld %s", bad[k].q, r.status, r.body ? r.body : "");
        response_free(&r);
    }
    /* who may read which list */
    static const struct {
        const char *who, *q;
        long status;
    } rights[] = {
        {"ppA", "incidents", 403}, {"ppA", "crimes", 403}, {"ch", "users", 403}, {"fa", "users", 200},
        {"sup", "audit", 403},     {"aud", "audit", 200},  {"sup", "crimes?status=recorded&outcome=open", 200},
    };
    for (size_t k = 0; k < sizeof rights / sizeof rights[0]; k++) {
        r = list_get(rights[k].who, rights[k].q);
        CHECK(r.status == rights[k].status, "%s reading %s: %ld", rights[k].who, rights[k].q, r.status);
        response_free(&r);
    }
    /* the safety net's cases (the force's shared with la-a and la-b, the council's with la-b):
     * an agency's own and those shared with it, what each is about
     * only where its subject is shared, and a case restricted to named users to them alone */
    static const struct {
        const char *who;
        bool force, council, restricted;
        const char *force_subject;
    } seen_by[] = {
        {"ppA", true, true, false, "withheld"}, {"ppB", true, true, false, "withheld"}, /* the matrix shared both */
        {"sup", true, false, true, "person"},   {"pmA", true, true, false, "withheld"},
    };
    for (size_t k = 0; k < sizeof seen_by / sizeof seen_by[0]; k++) {
        r = list_get(seen_by[k].who, "cases?limit=500");
        bool f = false, c = false, rs = false, subject_ok = true, shares_ok = true;
        json_array_foreach(json_object_get(r.json, "rows"), i, x) {
            int64_t id = json_integer_value(json_object_get(x, "id"));
            f |= id == force_case, c |= id == la_a_case, rs |= id == restricted_case;
            if (id == force_case) {
                subject_ok = seen_by[k].force_subject && !strcmp(js(x, "subject"), seen_by[k].force_subject);
                /* how many agencies it is shared with: its owner's to know */
                shares_ok = seen_by[k].who[0] == 's' ? json_integer_value(json_object_get(x, "shared_with")) >= 2
                                                     : json_is_null(json_object_get(x, "shared_with"));
            }
        }
        CHECK(r.status == 200 && f == seen_by[k].force && c == seen_by[k].council && rs == seen_by[k].restricted &&
                  subject_ok && shares_ok &&
                  json_integer_value(json_object_get(r.json, "total")) == (json_int_t)json_array_size(json_object_get(r.json, "rows")),
              "%s's cases: %ld %.400s", seen_by[k].who, r.status, r.body ? r.body : "");
        response_free(&r);
    }
    r = list_get("ppA", "cases?agency=la-a&status=open");
    bool own = json_integer_value(json_object_get(r.json, "total")) >= 1;
    json_array_foreach(json_object_get(r.json, "rows"), i, x)
        own &= json_integer_value(json_object_get(x, "id")) != force_case;
    CHECK(r.status == 200 && own, "a partner's own open cases: %ld %.300s", r.status, r.body ? r.body : "");
    response_free(&r);
    /* the incidents at one place: each of them, and as many as the place's page counts */
    r = list_get("ch", "incidents?limit=1&order=asc");
    char path[64];
    snprintf(path, sizeof path, "/api/incidents/%lld",
             (long long)json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "rows"), 0), "id")));
    response_free(&r);
    r = call("GET", path, find_user("ch")->token, NULL);
    long long loc = (long long)json_integer_value(json_object_get(r.json, "location_id"));
    response_free(&r);
    snprintf(q, sizeof q, "incidents?location=%lld&limit=500", loc);
    r = list_get("ch", q);
    bool here = loc > 0 && json_integer_value(json_object_get(r.json, "total")) >= 1;
    char addr[300] = "";
    json_array_foreach(json_object_get(r.json, "rows"), i, x) {
        if (!addr[0])
            snprintf(addr, sizeof addr, "%s", js(x, "address"));
        here &= !strcmp(js(x, "address"), addr);
    }
    CHECK(r.status == 200 && here && json_integer_value(json_object_get(r.json, "total")) < total,
          "the incidents at place %lld: %ld %.300s", loc, r.status, r.body ? r.body : "");
    response_free(&r);
    r = list_get("ch", "incidents?location=x1");
    CHECK(r.status == 400 && !strcmp(js(r.json, "field"), "location"), "a place that is not one: %ld", r.status);
    response_free(&r);
    /* the victims' queue: every entitlement not met, by due date, each naming its crime and
     * victim; the consultation names both */
    r = list_get("vc", "victims?limit=500");
    bool due_order = json_integer_value(json_object_get(r.json, "total")) >= 1, parties = true;
    char last_due[32] = "";
    json_array_foreach(json_object_get(r.json, "rows"), i, x) {
        due_order &= strcmp(js(x, "due"), last_due) >= 0;
        snprintf(last_due, sizeof last_due, "%s", js(x, "due"));
        parties &= json_integer_value(json_object_get(x, "crime_id")) > 0 && json_integer_value(json_object_get(x, "person_id")) > 0 &&
                   *js(x, "victim") && *js(x, "reference");
    }
    CHECK(r.status == 200 && due_order && parties && json_integer_value(json_object_get(r.json, "total")) == 3 &&
              json_array_size(json_object_get(r.json, "rows")) == 3,
          "the victims' queue: %ld %.400s", r.status, r.body ? r.body : "");
    response_free(&r);
    /* page by page, one row at a time (the due date's cursor): the same three, in order */
    r = list_get("vc", "victims?limit=1");
    int64_t seen_ids[3] = {0};
    int pages_read = 0;
    while (r.status == 200 && pages_read < 3) {
        seen_ids[pages_read++] = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "rows"), 0), "id"));
        const char *next = json_string_value(json_object_get(r.json, "after"));
        if (!next)
            break;
        snprintf(q, sizeof q, "victims?limit=1&after=%s", next);
        response_free(&r);
        r = list_get("vc", q);
    }
    CHECK(pages_read == 3 && !json_object_get(r.json, "after") && seen_ids[0] != seen_ids[1] && seen_ids[1] != seen_ids[2] &&
              seen_ids[0] != seen_ids[2],
          "the victims' queue a row a page: %d pages, ids %lld %lld %lld", pages_read, (long long)seen_ids[0],
          (long long)seen_ids[1], (long long)seen_ids[2]);
    response_free(&r);
    r = list_get("aud", "audit?username=vc&action=consult&limit=20");
    bool victims_named = false;
    json_array_foreach(json_object_get(r.json, "rows"), i, x)
        victims_named |= !strncmp(js(x, "what"), "victims list: 1 to ", 19) && strstr(js(x, "records"), "crime ") &&
                         strstr(js(x, "records"), "person ");
    CHECK(r.status == 200 && victims_named, "the victims' queue read is not in the log with its crimes and victims: %.400s",
          r.body ? r.body : "");
    /* the log names persons by name and date of birth and agencies by name, never by number
     * or code; and the auditor's reading is itself a consultation naming those persons */
    bool by_number = false, agency_named = false;
    json_array_foreach(json_object_get(r.json, "rows"), i, x) {
        for (const char *p = strstr(js(x, "records"), "person "); p; p = strstr(p + 7, "person "))
            by_number |= p[7] >= '0' && p[7] <= '9';
        static const char *const kinds[] = {"incident:", "crime:", "person:", "location:"};
        for (size_t k = 0; k < 4; k++) /* what an entry says names its records in words too */
            for (const char *p = strstr(js(x, "what"), kinds[k]); p; p = strstr(p + 1, kinds[k]))
                by_number |= p[strlen(kinds[k])] >= '0' && p[strlen(kinds[k])] <= '9';
        agency_named |= *js(x, "agency") && strcmp(js(x, "agency"), "force") != 0; /* the force's name, not its code */
    }
    CHECK(!by_number && agency_named, "a person named by number, or an agency by its code, in the audit log: %.600s",
          r.body ? r.body : "");
    response_free(&r);
    r = list_get("aud", "audit?username=aud&action=consult&limit=1");
    const json_t *mine = json_array_get(json_object_get(r.json, "rows"), 0);
    CHECK(r.status == 200 && !strncmp(js(mine, "why"), "audit: read the log", 19) && strstr(js(mine, "records"), "person "),
          "reading the log that names persons does not name them in its own entry: %.600s", r.body ? r.body : "");
    response_free(&r);
    r = list_get("ch", "victims");
    CHECK(r.status == 403, "a call handler read the victims' queue: %ld", r.status);
    response_free(&r);
    /* a person's whole history: as many as their page counts, crimes by their references,
     * only with the person named, and only for those who may read persons */
    r = list_get("ch", "history?person=1&limit=500");
    int64_t hist_total = json_integer_value(json_object_get(r.json, "total"));
    bool crime_seen = false;
    json_array_foreach(json_object_get(r.json, "rows"), i, x)
        crime_seen |= !strcmp(js(x, "kind"), "crime") && !strcmp(js(x, "reference"), "WX/000001/26") &&
                      json_integer_value(json_object_get(x, "crime_id")) == 1;
    CHECK(r.status == 200 && crime_seen && hist_total >= 3 && hist_total == (int64_t)json_array_size(json_object_get(r.json, "rows")),
          "person 1's history: %ld %.400s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = call("GET", "/api/persons/1", find_user("ch")->token, NULL);
    CHECK(json_integer_value(json_object_get(r.json, "history_total")) == hist_total,
          "the person's page counts %lld, the list %lld", (long long)json_integer_value(json_object_get(r.json, "history_total")),
          (long long)hist_total);
    response_free(&r);
    r = list_get("ch", "history");
    CHECK(r.status == 422 && !strcmp(js(r.json, "field"), "person"), "a history of nobody: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = list_get("ppA", "history?person=1");
    CHECK(r.status == 403, "a partner read a person's history: %ld", r.status);
    response_free(&r);
    /* the log names a record by its reference where a person reads it */
    r = list_get("aud", "audit?username=ch&record=incident:1&limit=100");
    bool by_ref = false;
    json_array_foreach(json_object_get(r.json, "rows"), i, x)
        by_ref |= !strncmp(js(x, "what"), "incident VG-", 12);
    CHECK(r.status == 200 && by_ref, "the log says incident:1, not its reference: %.400s", r.body ? r.body : "");
    response_free(&r);
    /* the users' list: names, roles and agencies in words, each user's last sign-in */
    r = list_get("fa", "users?sort=username&order=asc&limit=100");
    bool signed_in = false;
    json_array_foreach(json_object_get(r.json, "rows"), i, x)
        signed_in |= !strcmp(js(x, "username"), "ch") && strlen(js(x, "last_sign_in")) == 20;
    CHECK(signed_in && json_integer_value(json_object_get(r.json, "total")) >= (json_int_t)N_USERS,
          "the users' list: %.300s", r.body ? r.body : "");
    response_free(&r);
    /* each page read is a consultation naming the records it showed */
    r = list_get("aud", "audit?username=ch&action=consult&limit=20");
    bool named = false;
    json_array_foreach(json_object_get(r.json, "rows"), i, x)
        named |= !strncmp(js(x, "what"), "incidents list: 1 to 5 of ", 26) && strstr(js(x, "records"), "incident VG-");
    CHECK(r.status == 200 && named, "a page of the list is not in the audit log with its records: %.400s",
          r.body ? r.body : "");
    response_free(&r);
}

/* ---- administration: one user's account, unlocked, disabled and re-enabled, moved */

static void administration(void)
{
    const char *fa = find_user("fa")->token;
    /* "locked" failed five times from here (lockout): remembered, and forgotten on unlocking */
    response r = call("GET", "/api/users/locked", fa, NULL);
    CHECK(r.status == 200 && json_integer_value(json_object_get(r.json, "failed_logins")) >= 3 &&
              !strcmp(js(json_object_get(r.json, "agency"), "code"), "force") && !strcmp(js(r.json, "status"), "active"),
          "a user's account: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = call("POST", "/api/users/locked/unlock", find_user("ch")->token, "{}");
    CHECK(r.status == 403, "a call handler unlocked an account: %ld", r.status);
    response_free(&r);
    r = call("POST", "/api/users/locked/unlock", fa, "{}");
    CHECK(r.status == 204, "unlock: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = call("GET", "/api/users/locked", fa, NULL);
    CHECK(json_integer_value(json_object_get(r.json, "failed_logins")) == 0 && !json_object_get(r.json, "held_until"),
          "the failures are still remembered: %s", r.body ? r.body : "");
    response_free(&r);
    r = call("POST", "/api/users/locked/unlock", fa, "{}");
    CHECK(r.status == 409, "unlocking with nothing to forget: %ld", r.status);
    response_free(&r);
    /* disabled: cannot sign in; re-enabled: can again */
    char body[160];
    snprintf(body, sizeof body, "{\"username\":\"locked\",\"password\":\"%s\"}", PASSWORD);
    r = call("POST", "/api/users/locked/disable", fa, "{}");
    CHECK(r.status == 204, "disable: %ld", r.status);
    response_free(&r);
    r = call("POST", "/api/session", NULL, body);
    CHECK(r.status == 401, "a disabled user signed in: %ld", r.status);
    response_free(&r);
    r = call("POST", "/api/users/locked/enable", fa, "{}");
    CHECK(r.status == 204, "enable: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = call("POST", "/api/users/locked/enable", fa, "{}");
    CHECK(r.status == 409, "enabling an active account: %ld", r.status);
    response_free(&r);
    r = call("POST", "/api/users/locked/unlock", fa, "{}"); /* the failed attempt while disabled */
    response_free(&r);
    r = call("POST", "/api/session", NULL, body);
    CHECK(r.status == 201, "a re-enabled user cannot sign in: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    /* moved to another agency its role fits; a police role does not fit a council */
    r = call("POST", "/api/users/ppB/agency", fa, "{\"agency\":\"la-a\"}");
    CHECK(r.status == 204, "move a partner: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = call("GET", "/api/users/ppB", fa, NULL);
    CHECK(!strcmp(js(json_object_get(r.json, "agency"), "code"), "la-a"), "not moved: %s", r.body ? r.body : "");
    response_free(&r);
    r = call("POST", "/api/users/ppB/agency", fa, "{\"agency\":\"la-b\"}");
    CHECK(r.status == 204, "move back: %ld", r.status);
    response_free(&r);
    r = call("POST", "/api/users/ch/agency", fa, "{\"agency\":\"la-a\"}");
    CHECK(r.status == 422, "a police role moved to a council: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = call("POST", "/api/users/fa/agency", fa, "{\"agency\":\"force\"}");
    CHECK(r.status == 409, "moving to where one is: %ld", r.status);
    response_free(&r);
    /* each change is in the audit log */
    r = call("GET", "/api/lists/audit?action=admin&limit=50", find_user("aud")->token, NULL);
    bool unlocked = false, enabled = false, moved = false;
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(r.json, "rows"), i, x) {
        unlocked |= !strcmp(js(x, "username"), "fa") && strstr(js(x, "why"), "unlock");
        enabled |= !strcmp(js(x, "username"), "fa") && strstr(js(x, "why"), "re-enable");
        moved |= !strcmp(js(x, "username"), "fa") && strstr(js(x, "what"), "moved from la-b to la-a");
    }
    CHECK(unlocked && enabled && moved, "administration not in the audit log: %d %d %d", unlocked, enabled, moved);
    response_free(&r);
}

/* ---- tampering with the audit log */

static void tamper(const char *sql, const char *expect)
{
    char copy[300], msg[400], out[2048];
    if (!db_copy("tamper.db", copy, sizeof copy)) {
        CHECK(false, "copy the database");
        return;
    }
    /* on PostgreSQL as one who may set the constraints aside (what SQLite's file allows) */
    char as_owner[1200];
    snprintf(as_owner, sizeof as_owner, "%s%s", db_is_pg() ? "SET session_replication_role = replica; " : "", sql);
    CHECK(db_exec(copy, as_owner, msg, sizeof msg), "tamper: %s", msg);
    int rc = run_capture(out, sizeof out, "audit verify --db '%s'", copy);
    CHECK(rc == 1 && strstr(out, expect), "after \"%s\": exit %d, output %s (expected \"%s\")", sql, rc, out, expect);
}

static void audit_tampering(void)
{
    char out[2048];
    int rc = run_capture(out, sizeof out, "audit verify --db '%s'", db);
    CHECK(rc == 0 && strstr(out, "intact"), "the untouched log does not verify: %d %s", rc, out);
    tamper("UPDATE audit_log SET why = 'nothing to see' WHERE seq = 5", "entry 5: its contents were changed");
    tamper("UPDATE audit_log SET username = 'someone else' WHERE seq = 40", "entry 40: its contents were changed");
    tamper("DELETE FROM audit_log WHERE seq = 7", "entry 8: entries before it are missing");
    tamper("UPDATE audit_log SET seq = -seq WHERE seq IN (10, 11); UPDATE audit_log SET seq = 11 WHERE seq = -10; "
           "UPDATE audit_log SET seq = 10 WHERE seq = -11",
           "entry 10:");
    tamper("INSERT INTO audit_log SELECT seq + 100000, at, user_id, username, agency, role, action, what, why, recipient, "
           "prev_hash, hash FROM audit_log WHERE seq = 3; UPDATE audit_log SET seq = -(seq + 1) WHERE seq >= 20 AND seq < 100000; "
           "UPDATE audit_log SET seq = -seq WHERE seq < 0; "
           "UPDATE audit_log SET seq = 20 WHERE seq = 100003",
           "entry 20:");
    tamper("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)", "entries were removed from the end");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_api PATH/TO/vigil\n");
        return 2;
    }
    vigil = argv[1];
    signal(SIGPIPE, SIG_IGN);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    fixture();
    matrix();
    partner_view();
    bad_requests();
    intel();
    cookies_and_csrf();
    lockout();
    audit_entries();
    audit_failure_withholds_answers();
    live_queue();
    dispatch_board();
    search();
    lists();
    administration();
    int rc = stop_server();
    CHECK(rc == 0, "the server did not stop cleanly on SIGTERM: exit %d", rc);
    audit_tampering();
    curl_global_cleanup();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (!failures && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    printf("api tests: %d checks, %d failed%s%s\n", checks, failures, failures ? "; store kept in " : "",
           failures ? dir : "");
    return failures ? 1 : 0;
}
