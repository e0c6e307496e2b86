/* json_out.h - compact JSON text from a jansson tree, fast. The server sends every
 * answer through it: jansson's own json_dumps formats each real with snprintf, which made
 * printing a lookup's answer (ten candidates, six explained weights each) cost more than
 * the lookup itself. Output: keys in insertion order, no spaces, strings as UTF-8 with
 * the control characters, quote and backslash escaped; reals under a million with up to
 * six decimals written out exactly (0.25, 7.21, 1.0), others with 12 significant digits
 * and always a '.' or an exponent (1e+20) - the same values json_dumps with
 * JSON_COMPACT | JSON_REAL_PRECISION(12) writes. */
#ifndef VG_JSON_OUT_H
#define VG_JSON_OUT_H

#include "base/time.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* The text (NUL-terminated, from malloc: release with free) and its length; NULL if out
 * of memory or j is NULL. */
char *vg_json_text(const json_t *j, size_t *len);

/* "YYYY-MM-DD" / "YYYY-MM-DDTHH:MM:SSZ", or JSON null for none (new references). */
json_t *vg_json_date(vg_date d);
json_t *vg_json_time(vg_time t);

/* Writing JSON text piece by piece, for answers built straight from records (no tree):
 * the caller writes the punctuation with vg_jw_raw. Start from {0}; finish with
 * vg_jw_finish, which returns the text (malloc'd; NULL if anything failed). */
typedef struct vg_json_writer {
    char *p;
    size_t n, cap;
    bool failed;
} vg_json_writer;
void vg_jw_raw(vg_json_writer *w, const char *s);
void vg_jw_string(vg_json_writer *w, const char *s); /* NULL writes null */
void vg_jw_int(vg_json_writer *w, json_int_t v);
void vg_jw_real(vg_json_writer *w, double v);
void vg_jw_value(vg_json_writer *w, const json_t *j); /* a tree (NULL writes null) */
char *vg_jw_finish(vg_json_writer *w, size_t *len);

#endif
