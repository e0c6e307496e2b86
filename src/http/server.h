/* server.h - `vigil serve`: the JSON API on libmicrohttpd. Routing, authentication
 * (session cookie with a CSRF token, or a bearer token), request limits and JSON
 * errors live here; every decision about records is the service's. */
#ifndef VG_HTTP_SERVER_H
#define VG_HTTP_SERVER_H

#include "base/err.h"
#include "service/service.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct vg_http_options {
    const char *listen;   /* "127.0.0.1:8080" */
    unsigned threads;     /* thread pool size (0: the number of cores) */
    unsigned max_connections;
    unsigned max_per_address; /* connections one client address may hold (0: no limit); behind a proxy its
                               * loopback connections are exempt (it limits its own clients) */
    unsigned timeout_s;   /* idle connection timeout */
    unsigned header_s;    /* a request's headers must arrive within this (slow clients are closed) */
    unsigned body_s;      /* and its body within this after them */
    unsigned workers;     /* threads for analyses and reports, off the request threads (0: half the cores, at least 1) */
    unsigned work_queue;  /* analyses waiting for a worker, beyond which the server answers 503 */
    size_t body_max;      /* request body cap in bytes (413 above it) */
    bool cookie_secure;   /* add Secure to the session cookie (behind TLS) */
    bool behind_proxy;    /* take the client address from X-Real-IP on loopback connections */
    void (*on_ready)(void *ctx, unsigned port); /* called once listening */
    void *ctx;
} vg_http_options;

void vg_http_options_default(vg_http_options *o);

/* Serves until *stop becomes non-zero (set it from a SIGTERM/SIGINT handler), then stops
 * accepting, lets requests in flight finish (up to 10 s) and returns. */
vg_err vg_http_serve(vg_service *svc, const vg_http_options *o, volatile sig_atomic_t *stop, vg_error *err) VG_MUST_CHECK;

/* The same in two steps, for tests and harnesses: start serving (on *port), and stop
 * gracefully. */
typedef struct vg_http_daemon vg_http_daemon;
vg_err vg_http_start(vg_service *svc, const vg_http_options *o, vg_http_daemon **out, unsigned *port,
                     vg_error *err) VG_MUST_CHECK;
void vg_http_stop(vg_http_daemon *h);

/* The API's routes, for documentation checks: method and path template ("/api/incidents/{id}"). */
typedef struct vg_http_route_info {
    const char *method, *path;
} vg_http_route_info;
const vg_http_route_info *vg_http_routes(size_t *n);

/* Whether target is a page of this server that a browser may be sent to after signing
 * in: an absolute path (never "//host", "/\\host" or one with control characters or
 * spaces), with an optional query, whose path is one of the server's pages. */
bool vg_http_page_target(const char *target);

#endif
