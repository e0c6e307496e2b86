/* progress.h - a progress bar for long work: drawn on stderr when stderr is a terminal,
 * silent otherwise (pipes, CI logs, tests). */
#ifndef VG_PROGRESS_H
#define VG_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct vg_progress {
    FILE *out;
    bool enabled;     /* false when out is not a terminal */
    char label[48];
    uint64_t total;   /* 0 = unknown: shows a count instead of a bar */
    uint64_t done;
    int64_t last_draw_ms;
} vg_progress;

/* Starts a bar on out (usually stderr). force: 1 always draw, 0 never, -1 auto (tty). */
void vg_progress_start(vg_progress *p, FILE *out, const char *label, uint64_t total, int force);
/* Sets the amount done; redraws at most every 100 ms. */
void vg_progress_update(vg_progress *p, uint64_t done);
void vg_progress_add(vg_progress *p, uint64_t delta);
/* Draws the final state and ends the line. */
void vg_progress_finish(vg_progress *p);

#endif
