/* log.h - logging to stderr with levels. The level is process-wide (set once by the CLI
 * or from VIGIL_LOG=error|warn|info|debug). */
#ifndef VG_LOG_H
#define VG_LOG_H

#include "base/err.h"

typedef enum vg_log_level { VG_LOG_ERROR, VG_LOG_WARN, VG_LOG_INFO, VG_LOG_DEBUG } vg_log_level;

void vg_log_set_level(vg_log_level level);
vg_log_level vg_log_get_level(void);
/* Reads VIGIL_LOG; unknown values are ignored. */
void vg_log_from_env(void);
void vg_log(vg_log_level level, const char *fmt, ...) VG_PRINTF(2, 3);

#define vg_log_error(...) vg_log(VG_LOG_ERROR, __VA_ARGS__)
#define vg_log_warn(...) vg_log(VG_LOG_WARN, __VA_ARGS__)
#define vg_log_info(...) vg_log(VG_LOG_INFO, __VA_ARGS__)
#define vg_log_debug(...) vg_log(VG_LOG_DEBUG, __VA_ARGS__)

#endif
