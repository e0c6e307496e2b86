/* fuzz_http.c - libFuzzer harness for the whole request path of `vigil serve`: each
 * input is a raw HTTP request sent over loopback to a real server (libmicrohttpd, the
 * router, authentication, the JSON body parsers and the handlers, over an in-memory
 * store with a signed-in call handler). "TOKEN" in an input becomes that user's bearer
 * token, so the fuzzer reaches the handlers behind the session check. Invariants: the
 * server always answers with an HTTP status line, never with a 5xx, and keeps serving. */
#define _GNU_SOURCE /* strcasestr */
#include "http/server.h"
#include "service/service.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static vg_service *svc;
static vg_http_daemon *daemon_h;
static unsigned port;
static char token[VG_TOKEN_LEN + 1];

static void setup(void)
{
    vg_error err;
    vg_actor op;
    vg_actor_operator(&op, "fuzz", NULL);
    vg_session s;
    if (vg_service_open(":memory:", VG_SERVICE_CREATE, &svc, &err) ||
        vg_service_config_set(svc, &op, "auth.argon2_mem_kib", "8", &err) ||
        vg_service_config_set(svc, &op, "auth.argon2_ops", "1", &err) ||
        vg_service_user_add(svc, &op, "ch", VG_UR_CALL_HANDLER, "force", "fuzzing password", NULL, NULL, &err) ||
        vg_service_login(svc, "ch", "fuzzing password", "127.0.0.1", &s, &err)) {
        fprintf(stderr, "fuzz_http setup: %s: %s\n", err.where, err.why);
        abort();
    }
    memcpy(token, s.token, sizeof token);
    vg_http_options o;
    vg_http_options_default(&o);
    o.listen = "127.0.0.1:0";
    o.threads = 1;
    o.timeout_s = 2;
    if (vg_http_start(svc, &o, &daemon_h, &port, &err)) {
        fprintf(stderr, "fuzz_http: %s\n", err.why);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!svc)
        setup();
    if (size > 65536)
        return 0;
    static const char logout[] = "DELETE /api/session";
    if (size >= sizeof logout - 1 && memcmp(data, logout, sizeof logout - 1) == 0)
        return 0; /* would end the harness's own session */
    /* the request, with TOKEN replaced by the session's token */
    char *req = malloc(size * (VG_TOKEN_LEN + 1) / 5 + size + 1);
    size_t n = 0;
    for (size_t i = 0; i < size; i++) {
        if (i + 5 <= size && memcmp(data + i, "TOKEN", 5) == 0) {
            memcpy(req + n, token, VG_TOKEN_LEN);
            n += VG_TOKEN_LEN;
            i += 4;
        } else {
            req[n++] = (char)data[i];
        }
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {0, 300 * 1000}; /* a request the server still waits on: move on */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        perror("fuzz_http: connect");
        abort(); /* the server stopped serving */
    }
    for (size_t off = 0; off < n;) {
        ssize_t w = send(fd, req + off, n - off, MSG_NOSIGNAL);
        if (w <= 0)
            break; /* the server may close early on a bad request */
        off += (size_t)w;
    }
    shutdown(fd, SHUT_WR);
    /* read one response: the headers, then Content-Length bytes (the server keeps the
     * connection open for more requests, so EOF may never come) */
    static char resp[1 << 17];
    size_t got = 0, want = SIZE_MAX;
    while (got < want && got < sizeof resp - 1) {
        ssize_t r = recv(fd, resp + got, sizeof resp - 1 - got, 0);
        if (r <= 0)
            break;
        got += (size_t)r;
        resp[got] = '\0';
        const char *end = strstr(resp, "\r\n\r\n");
        if (end && want == SIZE_MAX) {
            const char *cl = strcasestr(resp, "\r\nContent-Length:");
            if (cl && cl < end)
                want = (size_t)(end + 4 - resp) + strtoul(cl + 17, NULL, 10);
            else if (strcasestr(resp, "text/event-stream"))
                want = 0; /* a live stream: the status line is enough */
        }
    }
    resp[got] = '\0';
    close(fd);
    free(req);
    /* an answer, when there is one, is HTTP and never a server error */
    unsigned status = 0;
    if (got && sscanf(resp, "HTTP/1.%*d %u", &status) != 1) {
        fprintf(stderr, "fuzz_http: not an HTTP answer: %.80s\n", resp);
        abort();
    }
    if (status >= 500 && status != 505) { /* 505: an HTTP version it does not speak */
        fprintf(stderr, "fuzz_http: server error: %.400s\n", resp);
        abort();
    }
    return 0;
}
