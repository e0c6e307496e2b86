/* guard.h - the server's defences against clients that hold connections open: a limit of
 * connections per client address (beside libmicrohttpd's limit in total), and deadlines
 * for a request's headers and for its body, enforced by shutting the socket of a
 * connection that misses them (the idle timeout alone lets a client that sends a byte
 * every few seconds keep a connection for ever). http/ only. */
#ifndef VG_HTTP_GUARD_H
#define VG_HTTP_GUARD_H

#include <microhttpd.h>
#include <stdbool.h>
#include <sys/socket.h>

typedef struct vg_guard_options {
    unsigned per_address;   /* connections one client address may hold (0: no limit) */
    bool exempt_loopback;   /* behind a proxy: its connections come from loopback, and it limits its clients */
    unsigned header_s;      /* a request's headers must arrive within this many seconds of its first byte being awaited */
    unsigned body_s;        /* and its body within this many seconds of its headers */
} vg_guard_options;

typedef struct vg_guard vg_guard;

/* NULL if out of memory. */
vg_guard *vg_guard_new(const vg_guard_options *o);
void vg_guard_free(vg_guard *g);

/* libmicrohttpd's accept policy (cls: the guard): refuses a connection from an address
 * that holds its share already. */
enum MHD_Result vg_guard_accept(void *cls, const struct sockaddr *addr, socklen_t len);
/* libmicrohttpd's connection notifier (cls: the guard): a connection began or ended. */
void vg_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                     enum MHD_ConnectionNotificationCode toe);
/* The request on c has its headers (its body, if any, is now awaited), or is being
 * answered (no deadline: answers such as event streams last), or finished (the next
 * request's headers are awaited). */
void vg_guard_headers(struct MHD_Connection *c);
void vg_guard_answering(struct MHD_Connection *c);
void vg_guard_finished(struct MHD_Connection *c);
/* Shuts every connection that missed a deadline; call it every half second or so. The
 * number shut. */
unsigned vg_guard_sweep(vg_guard *g);

#endif
