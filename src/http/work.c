/* work.c - the pool of workers for long requests: a fixed number of threads taking jobs
 * from a bounded ring, first in, first out. */
#include "http/work.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

typedef struct job {
    void (*fn)(void *ctx);
    void *ctx;
} job;

struct vg_work {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    job *ring;
    unsigned cap, head, count;
    bool stopping;
    unsigned n_threads;
    pthread_t *threads;
};

static void *worker(void *arg)
{
    vg_work *w = arg;
    /* below the request threads: a long analysis yields the cores to first contact (the
     * threads it starts inherit this) */
    (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10); /* if refused, the pool still keeps them apart */
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->count && !w->stopping)
            pthread_cond_wait(&w->ready, &w->lock);
        if (!w->count)
            break; /* stopping, nothing left */
        job j = w->ring[w->head];
        w->head = (w->head + 1) % w->cap;
        w->count--;
        pthread_mutex_unlock(&w->lock);
        j.fn(j.ctx);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

vg_work *vg_work_start(unsigned threads, unsigned queue)
{
    vg_work *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->cap = queue ? queue : 1;
    w->ring = calloc(w->cap, sizeof *w->ring);
    w->threads = calloc(threads ? threads : 1, sizeof *w->threads);
    if (!w->ring || !w->threads) {
        free(w->ring);
        free(w->threads);
        free(w);
        return NULL;
    }
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->ready, NULL);
    for (unsigned i = 0; i < (threads ? threads : 1); i++) {
        if (pthread_create(&w->threads[i], NULL, worker, w) != 0)
            break;
        w->n_threads++;
    }
    if (!w->n_threads) {
        vg_work_free(w);
        return NULL;
    }
    return w;
}

bool vg_work_submit(vg_work *w, void (*fn)(void *ctx), void *ctx)
{
    pthread_mutex_lock(&w->lock);
    bool room = !w->stopping && w->count < w->cap;
    if (room) {
        w->ring[(w->head + w->count) % w->cap] = (job){fn, ctx};
        w->count++;
        pthread_cond_signal(&w->ready);
    }
    pthread_mutex_unlock(&w->lock);
    return room;
}

void vg_work_drain(vg_work *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    bool joined = w->stopping;
    w->stopping = true;
    pthread_cond_broadcast(&w->ready);
    pthread_mutex_unlock(&w->lock);
    for (unsigned i = 0; !joined && i < w->n_threads; i++)
        pthread_join(w->threads[i], NULL);
}

void vg_work_free(vg_work *w)
{
    if (!w)
        return;
    vg_work_drain(w);
    pthread_cond_destroy(&w->ready);
    pthread_mutex_destroy(&w->lock);
    free(w->ring);
    free(w->threads);
    free(w);
}
