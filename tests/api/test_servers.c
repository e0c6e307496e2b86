/* test_servers.c - two `vigil serve` on one database (PostgreSQL, with VIGIL_TEST_PG set
 * by tests/pg/run.sh; SQLite's WAL file otherwise): a session begun on one works on the
 * other; calls recorded on each, in turn, are found by a lookup on the other (first
 * contact's indexes catch up with the other process's writes); every audited read and
 * write of both lands in one hash chain that `vigil audit verify` finds intact, with an
 * entry for each. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PASSWORD "two servers test password"
#define CALLS 12

static unsigned port_a, port_b;
static pid_t server_a, server_b;

static void use(char which)
{
    port = which == 'a' ? port_a : port_b;
    server = which == 'a' ? server_a : server_b;
}

static void fixture(void)
{
    snprintf(dir, sizeof dir, "/tmp/vigil-servers-XXXXXX");
    if (!mkdtemp(dir))
        exit(2);
    db_choose("servers.db");
    int rc = run(NULL, "init -q --db '%s'", db);
    rc |= run(NULL, "config set auth.argon2_mem_kib 8192 --db '%s'", db);
    rc |= run(NULL, "config set auth.argon2_ops 1 --db '%s'", db);
    rc |= run(PASSWORD "\n", "user add ch --role call_handler --password-stdin --db '%s' > /dev/null", db);
    rc |= run(NULL, "incident add tests/data/contact/call1.json --db '%s' > /dev/null", db);
    if (rc) {
        fprintf(stderr, "fixture: a vigil command failed\n");
        exit(2);
    }
    start_server();
    port_a = port;
    server_a = server;
    start_server();
    port_b = port;
    server_b = server;
}

static long long chain_entries(void) { return db_count(db, "SELECT count(*) FROM audit_log"); }

/* A lookup of the person on server `which`, retried for up to 5 s while the server has
 * not yet caught up with the other's write; the candidates' count. */
static size_t found_on(char which, const char *token, int i, double *waited)
{
    char path[200];
    snprintf(path, sizeof path, "/api/lookup?given=Quentin&family=Servertest%c&dob=1970-01-%02d", 'a' + i, i + 1);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t n = 0;
    for (int tries = 0; tries < 50 && n == 0; tries++) {
        if (tries)
            usleep(100 * 1000);
        use(which);
        response r = call("GET", path, token, NULL);
        char family[32];
        snprintf(family, sizeof family, "Servertest%c", 'a' + i);
        n = r.status == 200 && r.body && strstr(r.body, family) ? json_array_size(json_object_get(r.json, "candidates")) : 0;
        response_free(&r);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *waited = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH/TO/vigil\n", argv[0]);
        return 2;
    }
    vigil = argv[1];
    curl_global_init(CURL_GLOBAL_DEFAULT);
    fixture();
    long long before = chain_entries();

    /* a session begun on A is good on B */
    use('a');
    response r = call("POST", "/api/session", NULL, "{\"username\":\"ch\",\"password\":\"" PASSWORD "\"}");
    const char *t = json_string_value(json_object_get(r.json, "token"));
    char token[64];
    snprintf(token, sizeof token, "%s", t ? t : "");
    CHECK(r.status == 201 && t, "sign in on A: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);
    use('b');
    r = call("GET", "/api/lookup?given=Margaret&family=O%27Neill", token, NULL);
    CHECK(r.status == 200, "A's session on B: %ld %s", r.status, r.body ? r.body : "");
    response_free(&r);

    /* calls in turn on A and B, each looked up on the other */
    int recorded = 0, found = 0;
    double worst = 0;
    for (int i = 0; i < CALLS; i++) {
        char writer = i % 2 ? 'b' : 'a', reader = i % 2 ? 'a' : 'b';
        char body[600];
        snprintf(body, sizeof body,
                 "{\"received\": \"2014-02-%02dT10:00:00Z\", \"category\": \"asb_personal\", \"description\": "
                 "\"Two servers, call %d\", \"location\": {\"address\": \"%d Server Road\", \"postcode\": \"WX1 1AA\"}, "
                 "\"people\": [{\"role\": \"victim\", \"name\": \"Quentin Servertest%c\", \"dob\": \"1970-01-%02d\"}]}",
                 i + 1, i, i + 1, 'a' + i, i + 1);
        use(writer);
        r = http("POST", "/api/incidents", token, body, strlen(body), NULL);
        recorded += r.status == 201;
        CHECK(r.status == 201, "call %d on %c: %ld %s", i, writer, r.status, r.body ? r.body : "");
        response_free(&r);
        double waited;
        size_t n = found_on(reader, token, i, &waited);
        found += n > 0;
        if (waited > worst)
            worst = waited;
        CHECK(n > 0, "call %d recorded on %c is not found on %c after %.1f s", i, writer, reader, waited);
    }
    printf("two servers: %d calls recorded in turn, %d found on the other server (the slowest after %.2f s)\n",
           recorded, found, worst);

    use('a');
    int rc = stop_server();
    CHECK(rc == 0, "server A did not stop cleanly: %d", rc);
    use('b');
    rc = stop_server();
    CHECK(rc == 0, "server B did not stop cleanly: %d", rc);

    /* one chain, intact, with an entry for every audited call and lookup of both */
    long long after = chain_entries();
    char out[2048];
    rc = run_capture(out, sizeof out, "audit verify --db '%s'", db);
    CHECK(rc == 0 && strstr(out, "intact"), "the chain two servers wrote: %d %s", rc, out);
    CHECK(after - before >= 2 * CALLS + 2, "entries written by the two servers: %lld (at least %d expected)", after - before,
          2 * CALLS + 2);

    curl_global_cleanup();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (!failures && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    printf("two-server tests: %d checks, %d failed%s%s\n", checks, failures, failures ? "; store kept in " : "",
           failures ? dir : "");
    return failures ? 1 : 0;
}
