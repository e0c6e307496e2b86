/* harness.h - what the black-box tests of `vigil serve` share (harness.c): running the
 * binary, the server on a free port, HTTP through libcurl and raw sockets, and the
 * checks. Each test program defines its own fixture on top. */
#ifndef VG_TEST_HARNESS_H
#define VG_TEST_HARNESS_H

#include <curl/curl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

extern const char *vigil;     /* the binary under test */
extern char dir[256], db[300]; /* the test's folder and its database */
extern unsigned port;         /* the running server's */
extern pid_t server;
extern bool server_behind_proxy; /* start_server passes --behind-proxy (the default) */
extern char server_log[400];      /* if set, the server's standard error is appended to this file */
extern int failures, checks;

#define CHECK(cond, ...)                                                                                               \
    do {                                                                                                               \
        checks++;                                                                                                      \
        if (!(cond)) {                                                                                                 \
            failures++;                                                                                                \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                                       \
            fprintf(stderr, __VA_ARGS__);                                                                              \
            fputc('\n', stderr);                                                                                       \
        }                                                                                                              \
    } while (0)

/* The test's database: `dir/NAME` (SQLite), or with VIGIL_TEST_PG set (tests/pg/run.sh)
 * a PostgreSQL database of its own on that server; sets db. Quote it in commands. */
void db_choose(const char *name);
bool db_is_pg(void);
/* Runs SQL against a database (db, or another) beside the server; false with the reason
 * in msg. db_count: the first column of the first row as an integer, -1 on failure. */
bool db_exec(const char *uri, const char *sql, char *msg, size_t n);
long long db_count(const char *uri, const char *sql);
/* Each row of a query, its columns as text (NULL: none); the number of rows, -1 on failure. */
int db_query(const char *uri, const char *sql, void (*row)(void *ctx, int ncols, const char *const *vals), void *ctx);
/* A copy of db as it is now, for tampering with; its URI in out. */
bool db_copy(const char *name, char *out, size_t n);

/* `vigil ARGS` with input on its standard input (or none); its exit status. */
int run(const char *input, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same, with standard output and error captured together into out. */
int run_capture(char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* `vigil serve --db DB --listen 127.0.0.1:0 --behind-proxy [extra...]`; sets port. */
void start_server(void);
void start_server_with(const char *const *extra);
/* SIGTERM, then its exit status. */
int stop_server(void);

typedef struct response {
    long status;
    char *body;
    size_t len;
    char cookie[256];
    json_t *json;
} response;

/* One request. token: bearer token or NULL; headers: extra "Name: value" lines (NULL
 * ended) or NULL. */
response http(const char *method, const char *path, const char *token, const char *body, size_t body_len,
              const char *const *headers);
response call(const char *method, const char *path, const char *token, const char *body);
void response_free(response *r);

/* A TCP connection to the server from a loopback address (NULL: 127.0.0.1), or -1. */
int raw_connect(const char *from);
/* Sends the bytes as they are on a new connection and reads until it closes (up to n - 1
 * bytes into out); the status of the answer, or -1. */
long raw_request(const char *request, char *out, size_t n);

/* The dispatch queue's event stream, read on a thread until one whole event has come
 * (or 15 s): start with pthread_create(&t, NULL, stream_thread, &ctx) after setting
 * ctx.token, then join. */
typedef struct stream_ctx {
    char token[64];
    char data[16384];
    size_t len;
    long status;
} stream_ctx;
void *stream_thread(void *arg);

#endif
