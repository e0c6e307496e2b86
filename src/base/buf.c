/* buf.c - capped growable buffer. */
#include "base/buf.h"
#include "base/alloc.h"

#include <stdio.h>
#include <string.h>

void vg_buf_init(vg_buf *b, size_t max)
{
    b->ptr = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void vg_buf_free(vg_buf *b)
{
    vg_free(b->ptr);
    b->ptr = NULL;
    b->len = 0;
    b->cap = 0;
}

void vg_buf_reset(vg_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

static vg_err grow(vg_buf *b, size_t extra)
{
    if (extra > b->max || b->len > b->max - extra)
        return VG_ERR_TOO_LARGE;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return VG_OK;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    if (ncap > b->max + 1)
        ncap = b->max + 1;
    char *p = vg_realloc(b->ptr, ncap);
    if (!p)
        return VG_ERR_NOMEM;
    b->ptr = p;
    b->cap = ncap;
    return VG_OK;
}

vg_err vg_buf_append(vg_buf *b, const void *data, size_t n)
{
    vg_err e = grow(b, n);
    if (e)
        return e;
    if (n)
        memcpy(b->ptr + b->len, data, n);
    b->len += n;
    b->ptr[b->len] = '\0';
    return VG_OK;
}

vg_err vg_buf_puts(vg_buf *b, const char *s) { return vg_buf_append(b, s, strlen(s)); }
vg_err vg_buf_putc(vg_buf *b, char c) { return vg_buf_append(b, &c, 1); }

vg_err vg_buf_vprintf(vg_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return VG_ERR_INTERNAL;
    vg_err e = grow(b, (size_t)n);
    if (e)
        return e;
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return VG_OK;
}

vg_err vg_buf_printf(vg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vg_err e = vg_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return e;
}

const char *vg_buf_str(const vg_buf *b) { return b->ptr ? b->ptr : ""; }

char *vg_buf_take(vg_buf *b)
{
    char *p = b->ptr;
    if (!p)
        p = vg_strdup("");
    b->ptr = NULL;
    b->len = 0;
    b->cap = 0;
    return p;
}

vg_err vg_buf_html(vg_buf *b, const char *s)
{
    vg_err e = VG_OK;
    for (; *s && !e; s++) {
        switch (*s) {
        case '<': e = vg_buf_puts(b, "&lt;"); break;
        case '>': e = vg_buf_puts(b, "&gt;"); break;
        case '&': e = vg_buf_puts(b, "&amp;"); break;
        case '"': e = vg_buf_puts(b, "&quot;"); break;
        default: e = vg_buf_putc(b, *s);
        }
    }
    return e;
}
