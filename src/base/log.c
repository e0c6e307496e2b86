/* log.c - stderr logging: "vigil: warn: message" lines, written whole with one call. */
#include "base/log.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_int current = VG_LOG_WARN;
static const char *const names[] = {"error", "warn", "info", "debug"};

void vg_log_set_level(vg_log_level level) { atomic_store(&current, (int)level); }
vg_log_level vg_log_get_level(void) { return (vg_log_level)atomic_load(&current); }

void vg_log_from_env(void)
{
    const char *v = getenv("VIGIL_LOG");
    if (!v)
        return;
    for (int i = 0; i < 4; i++)
        if (strcmp(v, names[i]) == 0)
            vg_log_set_level((vg_log_level)i);
}

void vg_log(vg_log_level level, const char *fmt, ...)
{
    if ((int)level > atomic_load(&current))
        return;
    char line[1024];
    int n = snprintf(line, sizeof line, "vigil: %s: ", names[level]);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
    va_end(ap);
    size_t len = strlen(line);
    line[len] = '\n';
    fwrite(line, 1, len + 1, stderr);
}
