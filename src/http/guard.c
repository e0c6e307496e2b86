/* guard.c - connections per client address and deadlines for headers and bodies.
 *
 * Every connection is on one list with its client address, its socket and what it is
 * waiting for. A connection waiting for a request's headers (just opened, or idle between
 * requests) must have them within header_s; one reading a body, within body_s. A late
 * one is shut (shutdown(2), under the list's lock: the connection leaves the list before
 * libmicrohttpd closes its socket, so a socket shut is never another's), and
 * libmicrohttpd then closes it as a client gone away. */
#include "http/guard.h"

#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef enum wait_for { AWAIT_HEADERS, AWAIT_BODY, ANSWERING } wait_for;

typedef struct tracked {
    struct vg_guard *g;
    struct sockaddr_storage addr;
    socklen_t addr_len;
    int fd;
    wait_for state;
    double since; /* monotonic seconds */
    bool shut;
    struct tracked *prev, *next;
} tracked;

struct vg_guard {
    vg_guard_options o;
    pthread_mutex_t lock;
    tracked *head;
};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

vg_guard *vg_guard_new(const vg_guard_options *o)
{
    vg_guard *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->o = *o;
    pthread_mutex_init(&g->lock, NULL);
    return g;
}

void vg_guard_free(vg_guard *g)
{
    if (!g)
        return;
    for (tracked *t = g->head, *n; t; t = n) {
        n = t->next;
        free(t);
    }
    pthread_mutex_destroy(&g->lock);
    free(g);
}

/* The same client: the address without the port. */
static bool same_client(const struct sockaddr *a, const struct sockaddr *b)
{
    if (a->sa_family != b->sa_family)
        return false;
    if (a->sa_family == AF_INET)
        return ((const struct sockaddr_in *)a)->sin_addr.s_addr == ((const struct sockaddr_in *)b)->sin_addr.s_addr;
    if (a->sa_family == AF_INET6)
        return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr, &((const struct sockaddr_in6 *)b)->sin6_addr, 16) == 0;
    return false;
}

static bool loopback(const struct sockaddr *a)
{
    if (a->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)a)->sin_addr.s_addr) >> 24) == 127;
    if (a->sa_family == AF_INET6) {
        static const unsigned char one[16] = {[15] = 1};
        return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr, one, 16) == 0;
    }
    return false;
}

enum MHD_Result vg_guard_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
    vg_guard *g = cls;
    (void)len;
    if (!g->o.per_address || !addr || (g->o.exempt_loopback && loopback(addr)))
        return MHD_YES;
    unsigned n = 0;
    pthread_mutex_lock(&g->lock);
    for (tracked *t = g->head; t && n < g->o.per_address; t = t->next)
        n += same_client((const struct sockaddr *)&t->addr, addr);
    pthread_mutex_unlock(&g->lock);
    return n < g->o.per_address ? MHD_YES : MHD_NO;
}

static void set_state(tracked *t, wait_for s)
{
    double now = now_s();
    pthread_mutex_lock(&t->g->lock);
    t->state = s;
    t->since = now;
    pthread_mutex_unlock(&t->g->lock);
}

void vg_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context, enum MHD_ConnectionNotificationCode toe)
{
    vg_guard *g = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        tracked *t = calloc(1, sizeof *t);
        *socket_context = t;
        if (!t)
            return; /* untracked: the idle timeout alone watches it */
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ci && ci->client_addr) {
            t->addr_len = ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
            memcpy(&t->addr, ci->client_addr, t->addr_len);
        }
        const union MHD_ConnectionInfo *fi = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        t->fd = fi ? fi->connect_fd : -1;
        t->g = g;
        t->state = AWAIT_HEADERS;
        t->since = now_s();
        pthread_mutex_lock(&g->lock);
        t->next = g->head;
        if (t->next)
            t->next->prev = t;
        g->head = t;
        pthread_mutex_unlock(&g->lock);
    } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        tracked *t = *socket_context;
        pthread_mutex_lock(&g->lock);
        if (t->prev)
            t->prev->next = t->next;
        else
            g->head = t->next;
        if (t->next)
            t->next->prev = t->prev;
        pthread_mutex_unlock(&g->lock);
        free(t);
        *socket_context = NULL;
    }
}

static tracked *of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

void vg_guard_headers(struct MHD_Connection *c)
{
    tracked *t = of(c);
    if (t)
        set_state(t, AWAIT_BODY);
}

void vg_guard_answering(struct MHD_Connection *c)
{
    tracked *t = of(c);
    if (t)
        set_state(t, ANSWERING);
}

void vg_guard_finished(struct MHD_Connection *c)
{
    tracked *t = of(c);
    if (t)
        set_state(t, AWAIT_HEADERS);
}

unsigned vg_guard_sweep(vg_guard *g)
{
    double now = now_s();
    unsigned shut = 0;
    pthread_mutex_lock(&g->lock);
    for (tracked *t = g->head; t; t = t->next) {
        double limit = t->state == AWAIT_HEADERS ? g->o.header_s : t->state == AWAIT_BODY ? g->o.body_s : 0;
        if (limit > 0 && !t->shut && t->fd >= 0 && now - t->since > limit) {
            shutdown(t->fd, SHUT_RDWR);
            t->shut = true;
            shut++;
        }
    }
    pthread_mutex_unlock(&g->lock);
    return shut;
}
