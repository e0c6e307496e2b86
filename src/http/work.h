/* work.h - a bounded pool of worker threads for the server's long requests (analyses,
 * reports, the daily review), so that they run off the threads that read and answer
 * requests: those stay free for first contact and everything else. Workers run at a
 * lower scheduling priority (nice 10), and so do the threads an analysis starts, so a
 * busy machine serves the control room first. http/ only. */
#ifndef VG_HTTP_WORK_H
#define VG_HTTP_WORK_H

#include <stdbool.h>

typedef struct vg_work vg_work;

/* threads workers and room for queue jobs waiting; NULL if they could not be started. */
vg_work *vg_work_start(unsigned threads, unsigned queue);
/* Hands fn(ctx) to a worker; false (and fn is not called) when the queue is full or the
 * pool is stopping. */
bool vg_work_submit(vg_work *w, void (*fn)(void *ctx), void *ctx);
/* Runs the jobs still waiting and stops the workers; from then on vg_work_submit
 * refuses every job. The pool stays until vg_work_free. */
void vg_work_drain(vg_work *w);
/* Drains the pool if it was not, and frees it (once nothing can submit any more). */
void vg_work_free(vg_work *w);

#endif
