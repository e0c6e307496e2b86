/* test_security.c - the holes found by probing the running server (issue 13), each as a
 * regression test against the real `vigil serve`: strict input (implausible dates with
 * the field named, ambiguous HTTP refused).
 * usage: test_security PATH/TO/vigil   (run from the checkout) */
#include "harness.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD "correct horse battery staple"

static const char *field_of(const response *r) { return json_string_value(json_object_get(r->json, "field")); }

/* Signs in; the bearer token into token (empty on failure). */
static void sign_in(const char *name, char token[64])
{
    char body[256];
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", name, PASSWORD);
    response r = call("POST", "/api/session", NULL, body);
    const char *t = json_string_value(json_object_get(r.json, "token"));
    CHECK(r.status == 201 && t, "sign in as %s: %ld %s", name, r.status, r.body ? r.body : "");
    snprintf(token, 64, "%s", t ? t : "");
    response_free(&r);
}

static void fixture(void)
{
    snprintf(dir, sizeof dir, "/tmp/vigil-security-XXXXXX");
    if (!mkdtemp(dir))
        exit(2);
    snprintf(db, sizeof db, "%s/security.db", dir);
    int rc = run(NULL, "init -q --db %s", db);
    rc |= run(NULL, "config set auth.argon2_mem_kib 8192 --db %s", db);
    rc |= run(NULL, "config set auth.argon2_ops 1 --db %s", db);
    static const char *const users[][2] = {{"ch", "call_handler"}, {"an", "analyst"}, {"aud", "auditor"},
                                           {"fa", "force_admin"},  {"fb", "force_admin"}};
    for (size_t i = 0; i < sizeof users / sizeof *users; i++)
        rc |= run(PASSWORD "\n", "user add %s --role %s --password-stdin --db %s > /dev/null", users[i][0], users[i][1],
                  db);
    if (rc) {
        fprintf(stderr, "fixture: a vigil command failed\n");
        exit(2);
    }
    start_server();
}

/* ---- 9. strict input */

static void expect_field(const char *method, const char *path, const char *token, const char *body, long status,
                         const char *field, const char *what)
{
    response r = call(method, path, token, body);
    const char *f = field_of(&r);
    CHECK(r.status == status && f && strcmp(f, field) == 0, "%s: want %ld naming %s, got %ld %s", what, status, field,
          r.status, r.body ? r.body : "");
    response_free(&r);
}

static void strict_input(void)
{
    char ch[64];
    sign_in("ch", ch);
    static const struct {
        const char *received, *dob, *field, *what;
    } cases[] = {
        {"2014-06-01T10:00:00Z", "0001-01-01", "people[0].dob", "a date of birth in year 1"},
        {"2014-06-01T10:00:00Z", "2999-01-01", "people[0].dob", "a date of birth in 2999"},
        {"1900-01-01T10:00:00Z", "1961-07-04", "received", "a call received in 1900"},
        {"2099-01-01T10:00:00Z", "1961-07-04", "received", "a call received in 2099"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char body[512];
        snprintf(body, sizeof body,
                 "{\"received\":\"%s\",\"category\":\"asb_personal\",\"people\":[{\"role\":\"victim\","
                 "\"given_names\":\"Peggy\",\"family_name\":\"O'Neill\",\"dob\":\"%s\"}]}",
                 cases[i].received, cases[i].dob);
        expect_field("POST", "/api/incidents", ch, body, 422, cases[i].field, cases[i].what);
    }
    expect_field("GET", "/api/lookup?family=Smith&dob=0001-01-01", ch, NULL, 422, "dob", "a lookup for year 1");
    expect_field("GET", "/api/lookup?family=Smith&dob=2999-12-31", ch, NULL, 422, "dob", "a lookup for 2999");
    /* nothing was written */
    char out[4096];
    int rc = run_capture(out, sizeof out, "stats --format json --db %s", db);
    CHECK(rc == 0 && strstr(out, "\"incidents\": 0"), "a rejected call was stored: %s", out);

    /* ambiguous HTTP: answered 400 before the body is read */
    static const struct {
        const char *request, *what;
    } raw[] = {
        {"POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 50\r\nConnection: close\r\n\r\n"
         "hello",
         "two different Content-Length headers"},
        {"POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n"
         "Connection: close\r\n\r\n0\r\n\r\n",
         "Content-Length with Transfer-Encoding"},
        {"GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n", "HTTP/1.1 without Host"},
        {"GET /api/health HTTP/1.0\r\n\r\n", "HTTP/1.0 without Host"},
        {"GET /api/health HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n", "two Host headers"},
        {"GET /api/he%00alth HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "%00 in the path"},
        {"GET /login?next=/%00/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "%00 in the query"},
    };
    for (size_t i = 0; i < sizeof raw / sizeof *raw; i++) {
        long st = raw_request(raw[i].request, out, sizeof out);
        CHECK(st == 400, "%s: want 400, got %ld: %.200s", raw[i].what, st, out);
    }
    long st = raw_request("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", out, sizeof out);
    CHECK(st == 200, "a plain request after them: %ld %.200s", st, out);
}

/* A browser's session: the cookie and CSRF headers for forms posted as user name. */
typedef struct browser {
    char cookie[320], csrf_field[80], token[64];
} browser;

static void browser_sign_in(const char *name, browser *b)
{
    char body[256];
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", name, PASSWORD);
    response r = call("POST", "/api/session", NULL, body);
    const char *csrf = json_string_value(json_object_get(r.json, "csrf"));
    const char *t = json_string_value(json_object_get(r.json, "token"));
    CHECK(r.status == 201 && csrf && t, "sign in as %s: %ld", name, r.status);
    snprintf(b->cookie, sizeof b->cookie, "Cookie: %s", r.cookie);
    snprintf(b->csrf_field, sizeof b->csrf_field, "csrf=%s", csrf ? csrf : "");
    snprintf(b->token, sizeof b->token, "%s", t ? t : "");
    response_free(&r);
}

static response post_form(const browser *b, const char *path, const char *fields)
{
    size_t n = strlen(fields) + strlen(b->csrf_field) + 2;
    char *body = malloc(n);
    snprintf(body, n, "%s&%s", b->csrf_field, fields);
    const char *h[] = {b->cookie, "Content-Type: application/x-www-form-urlencoded", NULL};
    response r = http("POST", path, NULL, body, strlen(body), h);
    free(body);
    return r;
}

/* ---- 11. the web form reader never truncates */

static void forms_never_truncate(void)
{
    browser fa, ch;
    browser_sign_in("fa", &fa);
    browser_sign_in("ch", &ch);
    char name[71], fields[400];
    memset(name, 'a', 70);
    name[70] = '\0';
    snprintf(fields, sizeof fields, "username=%s&role=analyst&agency=force", name);
    response r = post_form(&fa, "/admin/users", fields);
    CHECK(r.status == 422 && r.body && strstr(r.body, "longer than the limit of 63 bytes for a username"),
          "a 70-character username: %ld %.300s", r.status, r.body ? r.body : "");
    response_free(&r);
    r = call("GET", "/api/users", fa.token, NULL);
    CHECK(r.status == 200 && r.body && !strstr(r.body, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
          "a user was made from part of the name: %.300s", r.body ? r.body : "");
    response_free(&r);
    /* a description over its 20,000 bytes: the form again, naming it, with what was typed */
    size_t n = 25000;
    char *big = malloc(n + 200);
    int k = snprintf(big, n + 200, "received=2014-06-01T10:00:00Z&category=asb_personal&given=Keep+Me&description=");
    for (size_t i = 0; i < 20001; i++)
        big[k++] = 'x';
    big[k] = '\0';
    r = post_form(&ch, "/calls", big);
    CHECK(r.status == 422 && r.body && strstr(r.body, "20001 bytes is longer than the limit of 20000 bytes") &&
              strstr(r.body, "Keep Me"),
          "an over-long description: %ld %.300s", r.status, r.body ? r.body : "");
    response_free(&r);
    free(big);
    char out[4096];
    int rc = run_capture(out, sizeof out, "stats --format json --db %s", db);
    CHECK(rc == 0 && strstr(out, "\"incidents\": 0"), "a call was stored from a refused form: %s", out);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_security PATH/TO/vigil\n");
        return 2;
    }
    vigil = argv[1];
    signal(SIGPIPE, SIG_IGN);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    fixture();
    strict_input();
    forms_never_truncate();
    int rc = stop_server();
    CHECK(rc == 0, "the server did not stop cleanly on SIGTERM: exit %d", rc);
    curl_global_cleanup();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (!failures && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    printf("security tests: %d checks, %d failed%s%s\n", checks, failures, failures ? "; store kept in " : "",
           failures ? dir : "");
    return failures ? 1 : 0;
}
