/* harness.c - what the black-box tests of `vigil serve` share: the binary run as a
 * command, the server started on a free port and stopped, HTTP requests through
 * libcurl, and the checks' counters. */
#include "harness.h"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

const char *vigil;
char dir[256], db[300];
unsigned port;
pid_t server = -1;
bool server_behind_proxy = true;
char server_log[400];
int failures, checks;

/* ---- the database, SQLite or PostgreSQL */

bool db_is_pg(void) { return strncmp(db, "postgresql://", 13) == 0; }

static void pg_uri(const char *name, char *out, size_t n)
{
    char clean[64];
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < sizeof clean; p++)
        clean[k++] = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ? *p : '_';
    clean[k] = '\0';
    snprintf(out, n, "postgresql:///api_%ld_%s?%s", (long)getpid(), clean, getenv("VIGIL_TEST_PG"));
}

void db_choose(const char *name)
{
    const char *pg = getenv("VIGIL_TEST_PG");
    if (pg && *pg)
        pg_uri(name, db, sizeof db);
    else
        snprintf(db, sizeof db, "%s/%s", dir, name);
}

bool db_exec(const char *uri, const char *sql, char *msg, size_t n)
{
    msg[0] = '\0';
    if (strncmp(uri, "postgresql://", 13) == 0) {
        PGconn *c = PQconnectdb(uri);
        PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
        bool ok = r && (PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK);
        if (!ok)
            snprintf(msg, n, "%s", r ? PQresultErrorMessage(r) : PQerrorMessage(c));
        PQclear(r);
        PQfinish(c);
        return ok;
    }
    sqlite3 *s;
    if (sqlite3_open(uri, &s) != SQLITE_OK) {
        snprintf(msg, n, "cannot open %s", uri);
        sqlite3_close(s);
        return false;
    }
    sqlite3_busy_timeout(s, 5000);
    char *e = NULL;
    bool ok = sqlite3_exec(s, sql, NULL, NULL, &e) == SQLITE_OK;
    if (!ok)
        snprintf(msg, n, "%s", e ? e : sqlite3_errmsg(s));
    sqlite3_free(e);
    sqlite3_close(s);
    return ok;
}

long long db_count(const char *uri, const char *sql)
{
    long long v = -1;
    if (strncmp(uri, "postgresql://", 13) == 0) {
        PGconn *c = PQconnectdb(uri);
        PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
        if (r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
            v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        PQclear(r);
        PQfinish(c);
        return v;
    }
    sqlite3 *s;
    if (sqlite3_open_v2(uri, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(s);
    return v;
}

int db_query(const char *uri, const char *sql, void (*row)(void *ctx, int ncols, const char *const *vals), void *ctx)
{
    const char *vals[32];
    int rows = -1;
    if (strncmp(uri, "postgresql://", 13) == 0) {
        PGconn *c = PQconnectdb(uri);
        PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
        if (r && PQresultStatus(r) == PGRES_TUPLES_OK) {
            int nc = PQnfields(r) < 32 ? PQnfields(r) : 32;
            for (rows = 0; rows < PQntuples(r); rows++) {
                for (int i = 0; i < nc; i++)
                    vals[i] = PQgetisnull(r, rows, i) ? NULL : PQgetvalue(r, rows, i);
                row(ctx, nc, vals);
            }
        }
        PQclear(r);
        PQfinish(c);
        return rows;
    }
    sqlite3 *s;
    if (sqlite3_open_v2(uri, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) == SQLITE_OK) {
            int nc = sqlite3_column_count(st) < 32 ? sqlite3_column_count(st) : 32;
            for (rows = 0; sqlite3_step(st) == SQLITE_ROW; rows++) {
                for (int i = 0; i < nc; i++)
                    vals[i] = (const char *)sqlite3_column_text(st, i);
                row(ctx, nc, vals);
            }
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(s);
    return rows;
}

bool db_copy(const char *name, char *out, size_t n)
{
    char cmd[2000];
    if (db_is_pg()) {
        /* the server holds connections to db, so no CREATE DATABASE ... TEMPLATE: a dump */
        pg_uri(name, out, n);
        char admin[400];
        snprintf(admin, sizeof admin, "postgresql:///postgres?%s", getenv("VIGIL_TEST_PG"));
        const char *q = strchr(out, '?');
        const char *slash = strstr(out, ":///");
        snprintf(cmd, sizeof cmd,
                 "PGOPTIONS='-c client_min_messages=warning' psql -X -q '%s' -c 'DROP DATABASE IF EXISTS \"%.*s\"' -c 'CREATE DATABASE \"%.*s\"' >/dev/null && "
                 "pg_dump '%s' | psql -X -q -v ON_ERROR_STOP=1 '%s' >/dev/null",
                 admin, (int)(q - slash - 4), slash + 4, (int)(q - slash - 4), slash + 4, db, out);
    } else {
        snprintf(out, n, "%s/%s", dir, name);
        snprintf(cmd, sizeof cmd, "rm -f '%s' && sqlite3 '%s' \".backup '%s'\"", out, db, out);
    }
    return system(cmd) == 0;
}

/* ---- running the binary */

int run(const char *input, const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(cmd, sizeof cmd, "'%s' ", vigil);
    vsnprintf(cmd + n, sizeof cmd - (size_t)n, fmt, ap);
    va_end(ap);
    FILE *p = popen(cmd, "w");
    if (!p)
        return -1;
    if (input)
        fputs(input, p);
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Runs and captures stdout and stderr together. */
int run_capture(char *out, size_t n, const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    int k = snprintf(cmd, sizeof cmd, "'%s' ", vigil);
    vsnprintf(cmd + k, sizeof cmd - (size_t)k, fmt, ap);
    va_end(ap);
    strncat(cmd, " 2>&1", sizeof cmd - strlen(cmd) - 1);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    size_t len = fread(out, 1, n - 1, p);
    out[len] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

void start_server_with(const char *const *extra)
{
    int fd[2];
    if (pipe(fd))
        exit(2);
    server = fork();
    if (server == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        if (server_log[0]) { /* its log, for tests that read what it says, in full */
            int lf = open(server_log, O_WRONLY | O_CREAT | O_APPEND, 0600);
            if (lf >= 0)
                dup2(lf, 2);
            setenv("VIGIL_LOG", "info", 1);
        }
        const char *argv[32] = {vigil, "serve", "--db", db, "--listen", "127.0.0.1:0", "--behind-proxy"};
        size_t k = server_behind_proxy ? 7 : 6;
        for (const char *const *x = extra; x && *x && k + 1 < 32; x++)
            argv[k++] = *x;
        argv[k] = NULL;
        execv(vigil, (char *const *)argv);
        _exit(127);
    }
    close(fd[1]);
    FILE *f = fdopen(fd[0], "r");
    char line[256];
    port = 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "vigil serve: listening on port %u", &port) == 1)
            break;
    /* keep reading in the background is not needed: the server writes one more line at
     * exit, which the pipe can hold */
    if (!port) {
        fprintf(stderr, "the server did not start\n");
        exit(2);
    }
}

int stop_server(void)
{
    kill(server, SIGTERM);
    int st;
    waitpid(server, &st, 0);
    server = -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- HTTP */


static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
    response *r = ctx;
    char *b = realloc(r->body, r->len + size * n + 1);
    if (!b)
        return 0;
    memcpy(b + r->len, p, size * n);
    r->body = b;
    r->len += size * n;
    r->body[r->len] = '\0';
    return size * n;
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
    response *r = ctx;
    size_t len = size * n;
    if (len > 12 && strncasecmp(p, "Set-Cookie: ", 12) == 0) {
        const char *semi = memchr(p + 12, ';', len - 12);
        size_t c = semi ? (size_t)(semi - (p + 12)) : len - 12;
        if (c >= sizeof r->cookie)
            c = sizeof r->cookie - 1;
        memcpy(r->cookie, p + 12, c);
        r->cookie[c] = '\0';
    }
    return len;
}

void response_free(response *r)
{
    free(r->body);
    json_decref(r->json);
    memset(r, 0, sizeof *r);
}

response http(const char *method, const char *path, const char *token, const char *body, size_t body_len,
                     const char *const *headers)
{
    response r;
    memset(&r, 0, sizeof r);
    CURL *c = curl_easy_init();
    char url[1024], auth[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%u%s", port, path);
    struct curl_slist *h = NULL;
    if (token) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
        h = curl_slist_append(h, auth);
    }
    for (const char *const *x = headers; x && *x; x++)
        h = curl_slist_append(h, *x);
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, "Expect:");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    if (strstr(path, "/events")) /* a stream: the status line is all we wait for */
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 400L);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body_len);
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK)
        fprintf(stderr, "curl %s %s: %s\n", method, path, curl_easy_strerror(rc));
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    if (r.body)
        r.json = json_loads(r.body, 0, NULL);
    return r;
}

response call(const char *method, const char *path, const char *token, const char *body)
{
    return http(method, path, token, body, body ? strlen(body) : 0, NULL);
}


void start_server(void) { start_server_with(NULL); }

int raw_connect(const char *from)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in sa = {.sin_family = AF_INET};
    if (from) { /* another loopback address: another client, as the server sees it */
        inet_pton(AF_INET, from, &sa.sin_addr);
        if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
            close(fd);
            return -1;
        }
    }
    sa.sin_port = htons((uint16_t)port);
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

long raw_request(const char *request, char *out, size_t n)
{
    if (n)
        out[0] = '\0';
    int fd = raw_connect(NULL);
    if (fd < 0)
        return -1;
    struct timeval tv = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    size_t len = strlen(request), sent = 0;
    while (sent < len) {
        ssize_t w = send(fd, request + sent, len - sent, MSG_NOSIGNAL);
        if (w <= 0)
            break;
        sent += (size_t)w;
    }
    size_t k = 0;
    ssize_t got;
    while (n && k + 1 < n && (got = recv(fd, out + k, n - 1 - k, 0)) > 0)
        k += (size_t)got;
    if (n)
        out[k] = '\0';
    close(fd);
    long status = -1;
    if (n && sscanf(out, "HTTP/1.%*d %ld", &status) != 1)
        status = -1;
    return status;
}

/* ---- the dispatch queue's event stream */

static size_t on_stream(char *p, size_t size, size_t n, void *ctx)
{
    stream_ctx *s = ctx;
    size_t len = size * n;
    if (s->len + len >= sizeof s->data)
        return 0;
    memcpy(s->data + s->len, p, len);
    s->len += len;
    s->data[s->len] = '\0';
    return strstr(s->data, "\n\n") && strstr(s->data, "data: ") ? 0 : len; /* one whole event: stop */
}

void *stream_thread(void *arg)
{
    stream_ctx *s = arg;
    CURL *c = curl_easy_init();
    char url[128], auth[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/api/queues/dispatch/events", port);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", s->token);
    struct curl_slist *h = curl_slist_append(NULL, auth);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_stream);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
    curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &s->status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return NULL;
}
