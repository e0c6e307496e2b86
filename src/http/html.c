/* html.c - the HTML writer and the form reader (see html.h). */
#include "http/html.h"
#include "base/str.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(vg_html *h, size_t more)
{
    if (h->failed)
        return false;
    if (h->n + more + 1 <= h->cap)
        return true;
    size_t cap = h->cap ? h->cap : 8192;
    while (cap < h->n + more + 1)
        cap *= 2;
    char *p = realloc(h->p, cap);
    if (!p) {
        h->failed = true;
        return false;
    }
    h->p = p;
    h->cap = cap;
    return true;
}

static void put(vg_html *h, const char *s, size_t n)
{
    if (reserve(h, n)) {
        memcpy(h->p + h->n, s, n);
        h->n += n;
    }
}

void vg_h_raw(vg_html *h, const char *markup) { put(h, markup, strlen(markup)); }

void vg_h_text(vg_html *h, const char *text)
{
    if (!text)
        return;
    const char *run = text;
    for (const char *c = text; *c; c++) {
        const char *rep = *c == '&' ? "&amp;" : *c == '<' ? "&lt;" : *c == '>' ? "&gt;" : *c == '"' ? "&quot;"
                        : *c == '\'' ? "&#39;" : NULL;
        if (!rep)
            continue;
        put(h, run, (size_t)(c - run));
        put(h, rep, strlen(rep));
        run = c + 1;
    }
    put(h, run, strlen(run));
}

static void vput(vg_html *h, bool escape, const char *fmt, va_list ap) VG_VPRINTF(3);
static void vput(vg_html *h, bool escape, const char *fmt, va_list ap)
{
    char small[512];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        h->failed = true;
    } else if ((size_t)n < sizeof small) {
        if (escape)
            vg_h_text(h, small);
        else
            put(h, small, (size_t)n);
    } else {
        char *big = malloc((size_t)n + 1);
        if (!big) {
            h->failed = true;
        } else {
            vsnprintf(big, (size_t)n + 1, fmt, again);
            if (escape)
                vg_h_text(h, big);
            else
                put(h, big, (size_t)n);
            free(big);
        }
    }
    va_end(again);
}

void vg_h_fmt(vg_html *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vput(h, false, fmt, ap);
    va_end(ap);
}

void vg_h_textf(vg_html *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vput(h, true, fmt, ap);
    va_end(ap);
}

char *vg_h_finish(vg_html *h, size_t *len)
{
    if (len)
        *len = 0;
    if (h->failed || !reserve(h, 0)) {
        vg_h_free(h);
        return NULL;
    }
    h->p[h->n] = '\0';
    if (len)
        *len = h->n;
    char *p = h->p;
    h->p = NULL;
    h->n = h->cap = 0;
    return p;
}

void vg_h_free(vg_html *h)
{
    free(h->p);
    h->p = NULL;
    h->n = h->cap = 0;
}

/* ---- forms */

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes in[0..len) into out (n bytes, or none when NULL); the decoded length in *got
 * (counted on past n, so that a value too long is measured, never cut). */
static vg_form_rc decode(const char *in, size_t len, char *out, size_t n, size_t *got)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        char c = in[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            if (i + 2 >= len)
                return VG_FORM_MALFORMED;
            int a = hex(in[i + 1]), b = hex(in[i + 2]);
            if (a < 0 || b < 0 || (a == 0 && b == 0))
                return VG_FORM_MALFORMED;
            c = (char)(a * 16 + b);
            i += 2;
        } else if (c == '\0') {
            return VG_FORM_MALFORMED;
        }
        if (out && k + 1 < n)
            out[k] = c;
        k++;
    }
    *got = k;
    if (!out || k + 1 > n)
        return VG_FORM_TOO_LONG;
    out[k] = '\0';
    return vg_utf8_valid(out, k, NULL) ? VG_FORM_OK : VG_FORM_MALFORMED;
}

vg_form_rc vg_form_read(const char *body, size_t len, const char *key, char *out, size_t n, size_t *got)
{
    size_t ignore;
    got = got ? got : &ignore;
    *got = 0;
    if (n)
        out[0] = '\0';
    if (!body)
        return VG_FORM_ABSENT;
    size_t kl = strlen(key);
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && body[end] != '&')
            end++;
        size_t eq = i;
        while (eq < end && body[eq] != '=')
            eq++;
        char name[128];
        size_t nl;
        if (eq - i < sizeof name && decode(body + i, eq - i, name, sizeof name, &nl) == VG_FORM_OK && nl == kl &&
            memcmp(name, key, kl) == 0) {
            if (eq >= end)
                return n ? VG_FORM_OK : VG_FORM_TOO_LONG;
            vg_form_rc rc = decode(body + eq + 1, end - eq - 1, n ? out : NULL, n, got);
            if (rc != VG_FORM_OK && n)
                out[0] = '\0'; /* never a part of the value */
            return rc;
        }
        i = end + 1;
    }
    return VG_FORM_ABSENT;
}

bool vg_form_has(const char *body, size_t len, const char *key, const char *value)
{
    size_t kl = strlen(key), vl = strlen(value);
    for (size_t i = 0; body && i < len;) {
        size_t end = i;
        while (end < len && body[end] != '&')
            end++;
        size_t eq = i;
        while (eq < end && body[eq] != '=')
            eq++;
        char name[128], v[128];
        size_t nl, got;
        if (eq < end && eq - i < sizeof name && decode(body + i, eq - i, name, sizeof name, &nl) == VG_FORM_OK &&
            nl == kl && memcmp(name, key, kl) == 0 &&
            decode(body + eq + 1, end - eq - 1, v, sizeof v, &got) == VG_FORM_OK && got == vl && memcmp(v, value, vl) == 0)
            return true;
        i = end + 1;
    }
    return false;
}

bool vg_form_get(const char *body, size_t len, const char *key, char *out, size_t n)
{
    return vg_form_read(body, len, key, out, n, NULL) == VG_FORM_OK;
}

void vg_form_init(vg_form *f, const char *body, size_t len)
{
    memset(f, 0, sizeof *f);
    f->body = body;
    f->len = len;
}

bool vg_form_text(vg_form *f, const char *key, vg_limit lim, char *out, size_t n)
{
    size_t max = vg_limit_max(lim), got = 0;
    /* a value over the limit is refused however big the buffer */
    vg_form_rc rc = vg_form_read(f->body, f->len, key, out, n, &got);
    if (rc == VG_FORM_OK && got <= max)
        return true;
    if (rc == VG_FORM_ABSENT)
        return false;
    if (n)
        out[0] = '\0';
    if (!f->failed) {
        f->failed = true;
        snprintf(f->field, sizeof f->field, "%s", key);
        if (rc == VG_FORM_MALFORMED)
            snprintf(f->why, sizeof f->why, "could not be read (not text, or badly encoded)");
        else if (got > max)
            snprintf(f->why, sizeof f->why, "%zu bytes is longer than the limit of %zu bytes for %s", got, max,
                     vg_limit_name(lim));
        else /* a buffer smaller than the limit: a bug, but said, not cut */
            snprintf(f->why, sizeof f->why, "longer than this form can take (%zu bytes)", n ? n - 1 : 0);
    }
    return false;
}

vg_err vg_form_error(const vg_form *f, vg_error *err)
{
    return f->failed ? vg_error_set(err, VG_ERR_INVALID_INPUT, f->field, "%s", f->why) : VG_OK;
}
