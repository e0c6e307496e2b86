/* html.h - writing HTML for the web UI (escaped unless said otherwise) and reading the
 * forms it posts (application/x-www-form-urlencoded). http/ only. */
#ifndef VG_HTTP_HTML_H
#define VG_HTTP_HTML_H

#include "base/err.h"
#include "base/limits.h"

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

/* Reading forms (application/x-www-form-urlencoded). A value is decoded in full or not
 * at all: never a part of it. */
typedef enum vg_form_rc {
    VG_FORM_OK,
    VG_FORM_ABSENT,    /* no such key */
    VG_FORM_TOO_LONG,  /* longer than n - 1 bytes (*got says how long) */
    VG_FORM_MALFORMED, /* a bad %XX, a NUL, or not UTF-8 */
} vg_form_rc;

/* The value of `key` (percent-decoded, '+' as space) into out (n bytes), its length in
 * *got (may be NULL); out is "" unless VG_FORM_OK. The first of repeated keys wins. */
vg_form_rc vg_form_read(const char *body, size_t len, const char *key, char *out, size_t n, size_t *got);
/* Whether any of the repeated key's values is value (a group of checkboxes). */
bool vg_form_has(const char *body, size_t len, const char *key, const char *value);
/* Whether vg_form_read gave VG_FORM_OK (for fields whose absence and badness are one). */
bool vg_form_get(const char *body, size_t len, const char *key, char *out, size_t n);

/* A form being read field by field: the first problem is kept, with its field and the
 * words to show on the form, and every later read still fills its field. */
typedef struct vg_form {
    const char *body;
    size_t len;
    bool failed;
    char field[64];
    char why[300];
} vg_form;
void vg_form_init(vg_form *f, const char *body, size_t len);
/* Reads key into out (n bytes, at least vg_limit_max(lim) + 1): true if present and
 * within the limit; false if absent (out "") or refused (out "" and f->failed). */
bool vg_form_text(vg_form *f, const char *key, vg_limit lim, char *out, size_t n);
/* The form's first problem as VG_ERR_INVALID_INPUT naming the field; VG_OK if none. */
vg_err vg_form_error(const vg_form *f, vg_error *err);

#endif
