/* err.h - Vigil's one error enum, its names, and the error detail object (where + why). */
#ifndef VG_ERR_H
#define VG_ERR_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define VG_MUST_CHECK __attribute__((warn_unused_result))
#define VG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define VG_VPRINTF(f) __attribute__((format(printf, f, 0)))
#else
#define VG_VPRINTF(f)
#define VG_MUST_CHECK
#define VG_PRINTF(f, a)
#endif

/* Every fallible function in Vigil returns one of these. VG_OK is 0. */
typedef enum vg_err {
    VG_OK = 0,
    VG_ERR_NOMEM,         /* an allocation failed */
    VG_ERR_IO,            /* a file or socket operation failed */
    VG_ERR_INVALID_INPUT, /* input rejected: see the detail for where and why */
    VG_ERR_NOT_FOUND,     /* the record or file does not exist */
    VG_ERR_FORBIDDEN,     /* the actor may not do this */
    VG_ERR_CONFLICT,      /* the write conflicts with existing data */
    VG_ERR_TOO_LARGE,     /* input exceeds a named limit */
    VG_ERR_STORE,         /* the database reported an error */
    VG_ERR_VERSION,       /* data made by a newer/incompatible version */
    VG_ERR_USAGE,         /* a command was called wrongly */
    VG_ERR_INTERNAL,      /* a broken invariant: a bug */
    VG_ERR_COUNT_
} vg_err;

/* Short stable name of an error code ("invalid input"); never NULL. */
const char *vg_strerror(vg_err code);

/* The detail behind an error code: where it happened (file:line:column, or a field
 * name) and why, in words for the user. Fixed-size so it can be filled without
 * allocating, even when the failure was out of memory. */
typedef struct vg_error {
    vg_err code;
    char where[256];
    char why[512];
} vg_error;

/* Resets e to "no error". e may be NULL. */
void vg_error_clear(vg_error *e);

/* Records code/where/why in e (NULL e is allowed: the detail is dropped) and returns
 * code, so callers can write `return vg_error_set(err, VG_ERR_IO, path, "...")`.
 * where may be NULL. The message is truncated to fit. */
vg_err vg_error_set(vg_error *e, vg_err code, const char *where, const char *fmt, ...)
    VG_PRINTF(4, 5);
vg_err vg_error_setv(vg_error *e, vg_err code, const char *where, const char *fmt, va_list ap) VG_VPRINTF(4);

/* Formats "where: why" (or just why, or the code's name) into out. */
void vg_error_format(const vg_error *e, char *out, size_t outsz);

#endif
