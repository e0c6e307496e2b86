/* epoll_ceiling.c - the ceiling for `vigil serve`'s lookup throughput: a minimal
 * single-threaded epoll HTTP/1.1 server (keep-alive, GET only, no limits, no routing
 * table) that does the same work per request as the real server's lookup route - the
 * bearer session check, the lookup with its audit write, the same JSON - and nothing
 * else. bench/serve.sh runs the same wrk load against both and prints the ratio.
 * usage: epoll_ceiling DB PORT */
#define _GNU_SOURCE /* accept4 */
#include "service/service.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct conn {
    int fd;
    char in[16384];
    size_t len;
} conn;

static void url_decode(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        if (s[i] == '+')
            out[k++] = ' ';
        else if (s[i] == '%' && i + 2 < n) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            out[k++] = (char)strtol(hex, NULL, 16);
            i += 2;
        } else
            out[k++] = s[i];
    }
    out[k] = '\0';
}

/* The value of key in the query string q (up to the space before HTTP/1.1). */
static bool param(const char *q, const char *key, char *out, size_t cap)
{
    size_t kl = strlen(key);
    for (const char *p = q; p && *p && *p != ' ';) {
        const char *end = p + strcspn(p, "& ");
        if ((size_t)(end - p) > kl && strncmp(p, key, kl) == 0 && p[kl] == '=') {
            url_decode(p + kl + 1, (size_t)(end - p - kl - 1), out, cap);
            return true;
        }
        p = *end == '&' ? end + 1 : NULL;
    }
    return false;
}

static void reply(int fd, int status, const char *body)
{
    char head[256];
    size_t bl = strlen(body);
    int hl = snprintf(head, sizeof head,
                      "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n", status,
                      status == 200 ? "OK" : "Error", bl);
    if (send(fd, head, (size_t)hl, MSG_NOSIGNAL | MSG_MORE) < 0 || send(fd, body, bl, MSG_NOSIGNAL) < 0)
        return;
}

static void handle(vg_service *svc, int fd, const char *req)
{
    const char *auth = strstr(req, "\r\nAuthorization: Bearer ");
    char token[64] = "";
    if (auth)
        sscanf(auth + 24, "%63[A-Za-z0-9_-]", token);
    vg_session s;
    vg_error err;
    if (vg_service_session(svc, token, &s, &err)) {
        reply(fd, 401, "{\"error\":\"unauthorised\"}");
        return;
    }
    const char *q = strchr(req, '?');
    vg_lookup_request lr;
    memset(&lr, 0, sizeof lr);
    char given[128] = "", family[128] = "", dob[16] = "";
    if (q) {
        q++;
        if (param(q, "given", given, sizeof given))
            lr.given = given;
        if (param(q, "family", family, sizeof family))
            lr.family = family;
        param(q, "dob", dob, sizeof dob);
    }
    lr.dob = VG_DATE_NONE;
    if (dob[0])
        (void)vg_date_parse(vg_str_c(dob), &lr.dob);
    lr.category = VG_CAT_ASB_PERSONAL;
    lr.role = VG_ROLE_VICTIM;
    lr.at = vg_time_now();
    lr.max = 10;
    static vg_lookup_result res;
    if (vg_service_lookup(svc, &s.actor, &lr, &res, &err)) {
        reply(fd, 422, "{\"error\":\"invalid\"}");
        return;
    }
    json_t *j = vg_lookup_to_json(&res);
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(12)) : NULL;
    reply(fd, text ? 200 : 500, text ? text : "{}");
    free(text);
    json_decref(j);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: epoll_ceiling DB PORT\n");
        return 2;
    }
    vg_service *svc;
    vg_error err;
    size_t records;
    vg_actor op;
    vg_actor_operator(&op, "bench", NULL);
    if (vg_service_open(argv[1], VG_SERVICE_EXISTING, &svc, &err) || vg_service_warm_up(svc, &op, &records, &err)) {
        fprintf(stderr, "epoll_ceiling: %s: %s\n", err.where, err.why);
        return 1;
    }
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2]))};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&sa, sizeof sa) || listen(ls, 1024)) {
        perror("epoll_ceiling: listen");
        return 1;
    }
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
    printf("epoll_ceiling: listening on port %s (%zu person records)\n", argv[2], records);
    fflush(stdout);
    struct epoll_event events[256];
    for (;;) {
        int n = epoll_wait(ep, events, 256, -1);
        for (int i = 0; i < n; i++) {
            conn *c = events[i].data.ptr;
            if (!c) {
                int fd;
                while ((fd = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    conn *nc = calloc(1, sizeof *nc);
                    nc->fd = fd;
                    struct epoll_event cev = {.events = EPOLLIN, .data.ptr = nc};
                    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &cev);
                }
                continue;
            }
            ssize_t r = recv(c->fd, c->in + c->len, sizeof c->in - 1 - c->len, 0);
            if (r <= 0) {
                if (r < 0 && errno == EAGAIN)
                    continue;
                close(c->fd);
                free(c);
                continue;
            }
            c->len += (size_t)r;
            c->in[c->len] = '\0';
            char *end;
            while ((end = strstr(c->in, "\r\n\r\n")) != NULL) { /* every complete request (pipelining too) */
                *end = '\0';
                handle(svc, c->fd, c->in);
                size_t used = (size_t)(end + 4 - c->in);
                memmove(c->in, end + 4, c->len - used + 1);
                c->len -= used;
            }
            if (c->len == sizeof c->in - 1) {
                close(c->fd);
                free(c);
            }
        }
    }
}
