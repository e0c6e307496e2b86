/* html.h - writing HTML for the web UI (escaped unless said otherwise) and reading the
 * forms it posts (application/x-www-form-urlencoded). http/ only. */
#ifndef VG_HTTP_HTML_H
#define VG_HTTP_HTML_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

/* A growing buffer; a failed allocation makes every later call a no-op and finish
 * return NULL. Zero-initialise it. */
typedef struct vg_html {
    char *p;
    size_t n, cap;
    bool failed;
} vg_html;

void vg_h_raw(vg_html *h, const char *markup);                     /* trusted markup, as is */
void vg_h_text(vg_html *h, const char *text);                      /* text, escaped (&<>"') */
void vg_h_fmt(vg_html *h, const char *fmt, ...) VG_PRINTF(2, 3);   /* trusted markup, printf */
void vg_h_textf(vg_html *h, const char *fmt, ...) VG_PRINTF(2, 3); /* printf, then escaped */
/* The text (malloc'd, NUL-terminated) and its length; NULL if an allocation failed. */
char *vg_h_finish(vg_html *h, size_t *len);
void vg_h_free(vg_html *h);

/* The value of `key` in a form body (percent-decoded, '+' as space), copied into out;
 * false if absent, malformed (a bad %XX, a NUL) or longer than n - 1 bytes. The first of
 * repeated keys wins. */
bool vg_form_get(const char *body, size_t len, const char *key, char *out, size_t n);

#endif
