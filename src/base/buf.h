/* buf.h - a growable byte buffer with a hard cap (the string builder for everything
 * that holds outside input). The content is always NUL-terminated. */
#ifndef VG_BUF_H
#define VG_BUF_H

#include "base/err.h"

#include <stdarg.h>
#include <stddef.h>

typedef struct vg_buf {
    char *ptr;  /* owned; NULL until the first append */
    size_t len; /* bytes used, excluding the terminating NUL */
    size_t cap; /* bytes allocated */
    size_t max; /* hard limit on len; appends past it fail with VG_ERR_TOO_LARGE */
} vg_buf;

/* Starts an empty buffer that will never hold more than max bytes. */
void vg_buf_init(vg_buf *b, size_t max);
/* Frees the content and resets to empty (the cap is kept). */
void vg_buf_free(vg_buf *b);
/* Empties the buffer but keeps its memory. */
void vg_buf_reset(vg_buf *b);

vg_err vg_buf_append(vg_buf *b, const void *data, size_t n) VG_MUST_CHECK;
vg_err vg_buf_puts(vg_buf *b, const char *s) VG_MUST_CHECK;
vg_err vg_buf_putc(vg_buf *b, char c) VG_MUST_CHECK;
/* Appends s with <, >, & and " written as HTML character references. */
vg_err vg_buf_html(vg_buf *b, const char *s) VG_MUST_CHECK;
vg_err vg_buf_printf(vg_buf *b, const char *fmt, ...) VG_PRINTF(2, 3) VG_MUST_CHECK;
vg_err vg_buf_vprintf(vg_buf *b, const char *fmt, va_list ap) VG_VPRINTF(2) VG_MUST_CHECK;

/* Returns the content (never NULL: "" when empty) still owned by b. */
const char *vg_buf_str(const vg_buf *b);
/* Hands the content over: caller owns the result (free with vg_free); b is left empty.
 * Returns NULL only if nothing was ever appended and allocating "" fails. */
char *vg_buf_take(vg_buf *b);

#endif
