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

#include <jansson.h>
#include <stddef.h>

/* The text (NUL-terminated, from malloc: release with free) and its length; NULL if out
 * of memory or j is NULL. */
char *vg_json_text(const json_t *j, size_t *len);

#endif
