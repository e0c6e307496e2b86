/* err.c - error names and the error detail object. */
#include "base/err.h"

#include <stdio.h>
#include <string.h>

static const char *const err_names[VG_ERR_COUNT_] = {
    [VG_OK] = "ok",
    [VG_ERR_NOMEM] = "out of memory",
    [VG_ERR_IO] = "input/output error",
    [VG_ERR_INVALID_INPUT] = "invalid input",
    [VG_ERR_NOT_FOUND] = "not found",
    [VG_ERR_FORBIDDEN] = "forbidden",
    [VG_ERR_CONFLICT] = "conflict",
    [VG_ERR_TOO_LARGE] = "too large",
    [VG_ERR_STORE] = "database error",
    [VG_ERR_VERSION] = "version mismatch",
    [VG_ERR_USAGE] = "usage error",
    [VG_ERR_INTERNAL] = "internal error",
};

const char *vg_strerror(vg_err code)
{
    if ((unsigned)code >= VG_ERR_COUNT_)
        return "unknown error";
    return err_names[code];
}

void vg_error_clear(vg_error *e)
{
    if (!e)
        return;
    e->code = VG_OK;
    e->where[0] = '\0';
    e->why[0] = '\0';
}

vg_err vg_error_setv(vg_error *e, vg_err code, const char *where, const char *fmt, va_list ap)
{
    if (!e)
        return code;
    e->code = code;
    snprintf(e->where, sizeof e->where, "%s", where ? where : "");
    if (fmt)
        vsnprintf(e->why, sizeof e->why, fmt, ap);
    else
        snprintf(e->why, sizeof e->why, "%s", vg_strerror(code));
    return code;
}

vg_err vg_error_set(vg_error *e, vg_err code, const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vg_err r = vg_error_setv(e, code, where, fmt, ap);
    va_end(ap);
    return r;
}

void vg_error_format(const vg_error *e, char *out, size_t outsz)
{
    if (!e || e->code == VG_OK) {
        snprintf(out, outsz, "ok");
        return;
    }
    const char *why = e->why[0] ? e->why : vg_strerror(e->code);
    if (e->where[0])
        snprintf(out, outsz, "%s: %s", e->where, why);
    else
        snprintf(out, outsz, "%s", why);
}
