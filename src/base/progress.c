/* progress.c - terminal progress bar. */
#include "base/progress.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void vg_progress_start(vg_progress *p, FILE *out, const char *label, uint64_t total, int force)
{
    memset(p, 0, sizeof *p);
    p->out = out;
    p->enabled = force > 0 || (force < 0 && out && isatty(fileno(out)));
    strncpy(p->label, label ? label : "", sizeof p->label - 1);
    p->total = total;
    p->last_draw_ms = -1000;
}

static void draw(vg_progress *p)
{
    if (p->total) {
        uint64_t done = p->done > p->total ? p->total : p->done;
        int pct = (int)(done * 100 / p->total);
        int fill = (int)(done * 30 / p->total);
        char bar[31];
        memset(bar, '#', (size_t)fill);
        memset(bar + fill, '.', (size_t)(30 - fill));
        bar[30] = '\0';
        fprintf(p->out, "\r%-24s [%s] %3d%%", p->label, bar, pct);
    } else {
        fprintf(p->out, "\r%-24s %llu", p->label, (unsigned long long)p->done);
    }
    fflush(p->out);
}

void vg_progress_update(vg_progress *p, uint64_t done)
{
    p->done = done;
    if (!p->enabled)
        return;
    int64_t t = now_ms();
    if (t - p->last_draw_ms < 100)
        return;
    p->last_draw_ms = t;
    draw(p);
}

void vg_progress_add(vg_progress *p, uint64_t delta) { vg_progress_update(p, p->done + delta); }

void vg_progress_finish(vg_progress *p)
{
    if (!p->enabled)
        return;
    if (p->total)
        p->done = p->total;
    draw(p);
    fputc('\n', p->out);
    fflush(p->out);
}
