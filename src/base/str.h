/* str.h - counted string views and cursor parsers for untrusted text (no atoi/sscanf). */
#ifndef VG_STR_H
#define VG_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A borrowed, counted view: p need not be NUL-terminated. */
typedef struct vg_str {
    const char *p;
    size_t n;
} vg_str;

#define VG_STR_LIT(s) ((vg_str){(s), sizeof(s) - 1})

vg_str vg_str_c(const char *s);                 /* view of a C string (NULL gives empty) */
bool vg_str_eq(vg_str a, vg_str b);
bool vg_str_eq_c(vg_str a, const char *s);
bool vg_str_ieq_c(vg_str a, const char *s);     /* ASCII case-insensitive */
bool vg_str_starts_with(vg_str a, const char *prefix);
vg_str vg_str_trim(vg_str a);                   /* strips ASCII whitespace both ends */
vg_str vg_str_sub(vg_str a, size_t from, size_t len); /* clamped */
/* Splits at the first sep: *head gets the part before, returns the rest after sep.
 * If sep is absent, *head = all of a and the rest is empty with p == NULL. */
vg_str vg_str_split(vg_str a, char sep, vg_str *head);
/* Copies into out (size outsz, always NUL-terminated); returns false if truncated. */
bool vg_str_copy(vg_str a, char *out, size_t outsz);

/* Strict decimal parses of the whole view: optional leading '-', digits only, no
 * spaces, no overflow. Return false on any deviation. */
bool vg_str_to_i64(vg_str a, int64_t *out);
/* A count as people read it, with thousands separators: "8,339", "-1,024,000". */
void vg_count_text(int64_t n, char *out, size_t size);
bool vg_str_to_u64(vg_str a, uint64_t *out);
/* Decimal number with optional sign, fraction and exponent (e.g. "-1.25", "5e3");
 * rejects empty, "inf", "nan", hex and trailing garbage. */
bool vg_str_to_double(vg_str a, double *out);

/* A comma-separated list of numbers ("0,0.1,200") into out (at most max; spaces around
 * items allowed); false for anything else, an empty item or more than max. */
bool vg_str_to_doubles(const char *s, double *out, size_t max, size_t *n);

/* Parses exactly n digits starting at a.p[0]; false if fewer or non-digit. */
bool vg_str_digits(vg_str a, size_t n, int *out);
/* Whether word is one of the space-separated words of list (NULL list: no). */
bool vg_str_word_in(vg_str word, const char *list);

/* True if the bytes are well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
 * On failure *bad_at (if given) is the byte offset of the first bad sequence. */
bool vg_utf8_valid(const char *p, size_t n, size_t *bad_at);

#endif
