/* threads.c - one service, many threads: the service lock, the pool of read-only
 * connections the thread-safe use cases read through, and the audit writer thread that
 * commits their audit entries in groups.
 *
 * Why a writer thread: every consultation must be in the log before its answer leaves,
 * and a commit costs far more than appending one row. The writer takes every entry
 * waiting, appends them to the chain in one transaction on the main connection (under
 * the service lock, so entries written inline by other use cases keep the chain in
 * order) and wakes their threads with the outcome. Under load a commit carries dozens of
 * entries; alone, an entry waits no longer than its own commit.
 *
 * The writer also watches for other processes' writes (vigil import, vigil restrict, a
 * second server) after each group and once a second when idle: the first-contact
 * indexes and histories in memory are then rebuilt. */
#include "service/service_int.h"
#include "base/alloc.h"
#include "base/log.h"

#include <errno.h>
#include <string.h>
#include <time.h>

/* Enough for every thread that can hold one at once (the server's request threads, at
 * most 256, its workers, at most 64, and the audit writer): then no thread waits for a
 * read connection while holding the service lock, which a thread holding a read
 * connection may be waiting for. */
#define READERS_MAX 512

struct vg_readers {
    const char *uri; /* what each connection opens: the database, or its replica */
    pthread_mutex_t lock;
    pthread_cond_t freed;
    int cap;        /* connections allowed */
    int open;       /* connections opened */
    int n_idle;
    vg_store *idle[READERS_MAX];
    vg_store *all[READERS_MAX]; /* every connection it opened (the replica's: to know its own) */
    bool failed;    /* a connection could not be opened: use the main one */
};

/* An entry waiting for the writer. Its thread waits for `done`; or, for an
 * asynchronous one (`cb` set), the entry owns copies and is freed after cb. */
typedef struct pending {
    const vg_actor *actor;
    vg_audit_action action;
    const char *what, *why_default;
    const vg_audit_recs *recs;
    vg_time at;
    vg_err rc;
    vg_error err;
    bool done;
    struct pending *next;
    vg_logged_fn cb;
    void *ctx;
    vg_actor actor_copy;
    char what_copy[VG_AUDIT_WHAT_MAX];
    vg_audit_recs recs_copy;
} pending;

struct vg_audit_queue {
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    pending *head, **tail;
    bool stop;
    bool busy; /* a group is being written or its callers told */
    pthread_t thread;
    uint64_t groups, entries; /* for the log at the end */
};

void vg_service_lock(vg_service *svc)
{
    pthread_mutex_lock(&svc->lock);
}

void vg_service_unlock(vg_service *svc)
{
    pthread_mutex_unlock(&svc->lock);
}

/* ---- read connections */

static vg_readers *pool_new(const char *uri, int cap)
{
    vg_readers *r = vg_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->uri = uri;
    r->cap = cap < READERS_MAX ? cap : READERS_MAX;
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->freed, NULL);
    return r;
}

static void pool_free(vg_readers *r)
{
    if (!r)
        return;
    /* every thread-safe call has returned: all connections are idle */
    for (int i = 0; i < r->n_idle; i++)
        vg_store_close(r->idle[i]);
    pthread_cond_destroy(&r->freed);
    pthread_mutex_destroy(&r->lock);
    vg_free(r);
}

/* An idle connection of the pool, or a new one; NULL if the pool cannot open one (then
 * it never tries again). */
static vg_store *pool_get(vg_readers *r)
{
    pthread_mutex_lock(&r->lock);
    for (;;) {
        if (r->failed)
            break;
        if (r->n_idle) {
            vg_store *st = r->idle[--r->n_idle];
            pthread_mutex_unlock(&r->lock);
            return st;
        }
        if (r->open < r->cap) {
            int slot = r->open++;
            pthread_mutex_unlock(&r->lock);
            vg_store *st;
            vg_error err;
            if (vg_store_open(r->uri, VG_STORE_READER, &st, &err) == VG_OK) {
                pthread_mutex_lock(&r->lock);
                r->all[slot] = st;
                pthread_mutex_unlock(&r->lock);
                return st;
            }
            vg_log_warn("a read connection could not be opened (%s: %s); reading through the main one", err.where,
                        err.why);
            pthread_mutex_lock(&r->lock);
            r->open--;
            r->failed = true;
            break;
        }
        pthread_cond_wait(&r->freed, &r->lock);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

static void pool_put(vg_readers *r, vg_store *st)
{
    pthread_mutex_lock(&r->lock);
    r->idle[r->n_idle++] = st;
    pthread_cond_signal(&r->freed);
    pthread_mutex_unlock(&r->lock);
}

static bool pool_owns(vg_readers *r, const vg_store *st)
{
    if (!r)
        return false;
    bool own = false;
    pthread_mutex_lock(&r->lock);
    for (int i = 0; i < r->open && i < READERS_MAX && !own; i++)
        own = r->all[i] == st;
    pthread_mutex_unlock(&r->lock);
    return own;
}

vg_store *vg_reader_get(vg_service *svc)
{
    vg_store *st = svc->readers ? pool_get(svc->readers) : NULL;
    if (st)
        return st;
    vg_service_lock(svc);
    return svc->store;
}

void vg_reader_put(vg_service *svc, vg_store *st)
{
    if (st == svc->store) {
        vg_service_unlock(svc);
        return;
    }
    pool_put(svc->readers, st);
}

/* ---- the read replica (--read-db) */

vg_err vg_service_read_db(vg_service *svc, const char *uri, vg_error *err)
{
    if (!uri || !*uri || svc->replica)
        return VG_OK;
    vg_store *probe;
    vg_err e = vg_store_open(uri, VG_STORE_READER, &probe, err); /* said now, not at the first report */
    if (e)
        return e;
    if (!(svc->replica_uri = vg_strdup(uri)) || !(svc->replica = pool_new(svc->replica_uri, READERS_MAX))) {
        vg_store_close(probe);
        return vg_error_set(err, VG_ERR_NOMEM, "--read-db", "out of memory");
    }
    svc->replica->all[0] = probe;
    svc->replica->open = 1;
    svc->replica->idle[svc->replica->n_idle++] = probe;
    return VG_OK;
}

vg_store *vg_replica_get(vg_service *svc)
{
    vg_store *st = svc->replica ? pool_get(svc->replica) : NULL;
    return st ? st : vg_reader_get(svc);
}

void vg_replica_put(vg_service *svc, vg_store *st)
{
    if (pool_owns(svc->replica, st))
        pool_put(svc->replica, st);
    else
        vg_reader_put(svc, st);
}

void vg_replica_close(vg_service *svc)
{
    pool_free(svc->replica);
    svc->replica = NULL;
    vg_free(svc->replica_uri);
    svc->replica_uri = NULL;
}

/* ---- the audit writer */

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void write_group(vg_service *svc, pending *list)
{
    vg_error err;
    double t0 = now_ms();
    vg_service_lock(svc);
    double t1 = now_ms();
    vg_err rc = vg_store_begin(svc->store, &err);
    vg_audit_chain chain = {0};
    for (pending *p = list; p && !rc; p = p->next)
        rc = vg_audit_append(svc->store, &chain, p->actor, p->action, p->what, p->recs, NULL, p->why_default, p->at,
                             &err);
    if (!rc)
        rc = vg_store_commit(svc->store, &err);
    else
        vg_store_rollback(svc->store);
    vg_contact_watch(svc); /* another process's writes reach the lookups */
    vg_service_unlock(svc);
    double t2 = now_ms();
    if (t2 - t0 > 500) { /* answers wait for this: say why they were slow */
        size_t n = 0;
        for (pending *p = list; p; p = p->next)
            n++;
        vg_log_warn("audit: a group of %zu entries took %.0f ms (%.0f ms waiting for the service, %.0f ms writing)", n,
                    t2 - t0, t1 - t0, t2 - t1);
    }
    vg_audit_queue *q = svc->audit_q;
    pending *async = NULL;
    pthread_mutex_lock(&q->lock);
    for (pending *p = list, *next; p; p = next) {
        next = p->next; /* a waiter may free p once done */
        p->rc = rc;
        if (rc)
            p->err = err;
        q->entries++;
        if (p->cb) {
            p->next = async;
            async = p;
        } else {
            p->done = true;
        }
    }
    q->groups++;
    pthread_cond_broadcast(&q->done);
    pthread_mutex_unlock(&q->lock);
    for (pending *p = async, *next; p; p = next) {
        next = p->next;
        p->cb(p->ctx, p->rc, &p->err);
        vg_audit_recs_free(&p->recs_copy);
        vg_free(p);
    }
}

static void *audit_writer(void *arg)
{
    vg_service *svc = arg;
    vg_audit_queue *q = svc->audit_q;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (!q->head && !q->stop) {
            /* idle: look for another process's writes every second all the same */
            struct timespec t;
            clock_gettime(CLOCK_REALTIME, &t);
            t.tv_sec += 1;
            if (pthread_cond_timedwait(&q->work, &q->lock, &t) == ETIMEDOUT && !q->head && !q->stop) {
                pthread_mutex_unlock(&q->lock);
                vg_service_lock(svc);
                vg_contact_watch(svc);
                vg_service_unlock(svc);
                pthread_mutex_lock(&q->lock);
            }
        }
        if (!q->head)
            break; /* stopping, nothing left */
        pending *list = q->head;
        q->head = NULL;
        q->tail = &q->head;
        q->busy = true;
        pthread_mutex_unlock(&q->lock);
        write_group(svc, list); /* `list` may be freed by its waiters once done */
        pthread_mutex_lock(&q->lock);
        q->busy = false;
        pthread_cond_broadcast(&q->done);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

vg_err vg_audit_commit_shared(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                              const vg_audit_recs *recs, const char *why_default, vg_error *err)
{
    vg_audit_queue *q = svc->audit_q;
    if (!q) {
        vg_service_lock(svc);
        vg_err e = vg_audit_commit_recs(svc, a, action, what, recs, NULL, why_default, err);
        vg_service_unlock(svc);
        return e;
    }
    pending p = {.actor = a, .action = action, .what = what, .why_default = why_default, .recs = recs,
                 .at = vg_time_now()};
    pthread_mutex_lock(&q->lock);
    *q->tail = &p;
    q->tail = &p.next;
    pthread_cond_signal(&q->work);
    while (!p.done)
        pthread_cond_wait(&q->done, &q->lock);
    pthread_mutex_unlock(&q->lock);
    if (p.rc)
        *err = p.err;
    return p.rc;
}

vg_err vg_audit_commit_async(vg_service *svc, const vg_actor *a, vg_audit_action action, const char *what,
                             const vg_audit_recs *recs, const char *why_default, vg_logged_fn done, void *ctx,
                             vg_error *err)
{
    vg_audit_queue *q = svc->audit_q;
    if (!q) {
        vg_error e2;
        vg_err rc = vg_audit_commit_shared(svc, a, action, what, recs, why_default, &e2);
        done(ctx, rc, &e2);
        return VG_OK;
    }
    pending *p = vg_calloc(1, sizeof *p);
    if (!p)
        return vg_error_set(err, VG_ERR_NOMEM, "audit", "out of memory");
    for (size_t i = 0; recs && i < recs->n; i++) /* kinds are literals: the pairs are all there is to copy */
        (void)vg_audit_recs_add(&p->recs_copy, recs->v[i].kind, recs->v[i].id);
    if (recs && (recs->nomem || p->recs_copy.nomem)) {
        vg_audit_recs_free(&p->recs_copy);
        vg_free(p);
        return vg_error_set(err, VG_ERR_NOMEM, "audit", "out of memory");
    }
    p->recs = recs ? &p->recs_copy : NULL;
    p->actor_copy = *a;
    snprintf(p->what_copy, sizeof p->what_copy, "%s", what ? what : "");
    p->actor = &p->actor_copy;
    p->action = action;
    p->what = p->what_copy;
    p->why_default = why_default; /* a literal */
    p->at = vg_time_now();
    p->cb = done;
    p->ctx = ctx;
    pthread_mutex_lock(&q->lock);
    *q->tail = p;
    q->tail = &p->next;
    pthread_cond_signal(&q->work);
    pthread_mutex_unlock(&q->lock);
    return VG_OK;
}

void vg_service_flush(vg_service *svc)
{
    vg_audit_queue *q = svc->audit_q;
    if (!q)
        return;
    pthread_mutex_lock(&q->lock);
    while (q->head || q->busy)
        pthread_cond_wait(&q->done, &q->lock);
    pthread_mutex_unlock(&q->lock);
}

/* ---- starting and stopping */

vg_err vg_service_threads(vg_service *svc, int readers, vg_error *err)
{
    if (svc->audit_q)
        return VG_OK; /* already started */
    bool memory = strcmp(svc->uri, ":memory:") == 0;
    if (readers > 0 && !memory) {
        if (!(svc->readers = pool_new(svc->uri, readers)))
            return vg_error_set(err, VG_ERR_NOMEM, "threads", "out of memory");
    }
    vg_audit_queue *q = vg_calloc(1, sizeof *q);
    if (!q)
        return vg_error_set(err, VG_ERR_NOMEM, "threads", "out of memory");
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->work, NULL);
    pthread_cond_init(&q->done, NULL);
    q->tail = &q->head;
    svc->audit_q = q;
    if (pthread_create(&q->thread, NULL, audit_writer, svc)) {
        svc->audit_q = NULL;
        pthread_cond_destroy(&q->work);
        pthread_cond_destroy(&q->done);
        pthread_mutex_destroy(&q->lock);
        vg_free(q);
        return vg_error_set(err, VG_ERR_INTERNAL, "threads", "cannot start the audit writer");
    }
    return VG_OK;
}

void vg_threads_stop(vg_service *svc)
{
    vg_audit_queue *q = svc->audit_q;
    if (q) {
        pthread_mutex_lock(&q->lock);
        q->stop = true;
        pthread_cond_signal(&q->work);
        pthread_mutex_unlock(&q->lock);
        pthread_join(q->thread, NULL);
        if (q->groups)
            vg_log_debug("audit writer: %llu entries in %llu commits", (unsigned long long)q->entries,
                         (unsigned long long)q->groups);
        pthread_cond_destroy(&q->work);
        pthread_cond_destroy(&q->done);
        pthread_mutex_destroy(&q->lock);
        vg_free(q);
        svc->audit_q = NULL;
    }
    pool_free(svc->readers);
    svc->readers = NULL;
}
