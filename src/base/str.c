/* str.c - counted string views and strict number parsing. */
#include "base/str.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

vg_str vg_str_c(const char *s) { return (vg_str){s ? s : "", s ? strlen(s) : 0}; }

bool vg_str_eq(vg_str a, vg_str b) { return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0); }

bool vg_str_eq_c(vg_str a, const char *s) { return vg_str_eq(a, vg_str_c(s)); }

static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

bool vg_str_ieq_c(vg_str a, const char *s)
{
    size_t n = strlen(s);
    if (n != a.n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(a.p[i]) != lower(s[i]))
            return false;
    return true;
}

bool vg_str_starts_with(vg_str a, const char *prefix)
{
    size_t n = strlen(prefix);
    return a.n >= n && memcmp(a.p, prefix, n) == 0;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

vg_str vg_str_trim(vg_str a)
{
    while (a.n && is_space(a.p[0])) {
        a.p++;
        a.n--;
    }
    while (a.n && is_space(a.p[a.n - 1]))
        a.n--;
    return a;
}

vg_str vg_str_sub(vg_str a, size_t from, size_t len)
{
    if (from > a.n)
        from = a.n;
    if (len > a.n - from)
        len = a.n - from;
    return (vg_str){a.p + from, len};
}

vg_str vg_str_split(vg_str a, char sep, vg_str *head)
{
    const char *q = a.n ? memchr(a.p, sep, a.n) : NULL;
    if (!q) {
        *head = a;
        return (vg_str){NULL, 0};
    }
    *head = (vg_str){a.p, (size_t)(q - a.p)};
    return (vg_str){q + 1, a.n - (size_t)(q - a.p) - 1};
}

bool vg_str_copy(vg_str a, char *out, size_t outsz)
{
    if (outsz == 0)
        return false;
    size_t n = a.n < outsz - 1 ? a.n : outsz - 1;
    if (n)
        memcpy(out, a.p, n);
    out[n] = '\0';
    return n == a.n;
}

bool vg_str_to_u64(vg_str a, uint64_t *out)
{
    if (a.n == 0 || a.n > 20)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < a.n; i++) {
        char c = a.p[i];
        if (c < '0' || c > '9')
            return false;
        uint64_t d = (uint64_t)(c - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

bool vg_str_to_i64(vg_str a, int64_t *out)
{
    bool neg = a.n && a.p[0] == '-';
    uint64_t u;
    if (!vg_str_to_u64(neg ? vg_str_sub(a, 1, a.n) : a, &u))
        return false;
    if (neg) {
        if (u > (uint64_t)INT64_MAX + 1)
            return false;
        *out = u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u;
    } else {
        if (u > (uint64_t)INT64_MAX)
            return false;
        *out = (int64_t)u;
    }
    return true;
}

bool vg_str_to_double(vg_str a, double *out)
{
    /* Validate the grammar ourselves, then let strtod convert a bounded copy. */
    char tmp[64];
    if (a.n == 0 || a.n >= sizeof tmp)
        return false;
    size_t i = 0;
    int digits = 0;
    if (a.p[i] == '-' || a.p[i] == '+')
        i++;
    while (i < a.n && a.p[i] >= '0' && a.p[i] <= '9') {
        i++;
        digits++;
    }
    if (i < a.n && a.p[i] == '.') {
        i++;
        while (i < a.n && a.p[i] >= '0' && a.p[i] <= '9') {
            i++;
            digits++;
        }
    }
    if (!digits)
        return false;
    if (i < a.n && (a.p[i] == 'e' || a.p[i] == 'E')) {
        i++;
        if (i < a.n && (a.p[i] == '-' || a.p[i] == '+'))
            i++;
        int ed = 0;
        while (i < a.n && a.p[i] >= '0' && a.p[i] <= '9') {
            i++;
            ed++;
        }
        if (!ed)
            return false;
    }
    if (i != a.n)
        return false;
    memcpy(tmp, a.p, a.n);
    tmp[a.n] = '\0';
    errno = 0;
    double v = strtod(tmp, NULL);
    if (errno == ERANGE && isinf(v))
        return false;
    *out = v;
    return true;
}

bool vg_str_digits(vg_str a, size_t n, int *out)
{
    if (a.n < n || n > 9)
        return false;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = a.p[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

bool vg_utf8_valid(const char *s, size_t n, size_t *bad_at)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* fast path: eight ASCII bytes at a time */
        if (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (!(w & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2; cp = c & 0x1F; min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3; cp = c & 0x0F; min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4; cp = c & 0x07; min = 0x10000;
        } else {
            goto bad;
        }
        if (n - i < len)
            goto bad;
        for (size_t k = 1; k < len; k++) {
            unsigned cc = p[i + k];
            if ((cc & 0xC0) != 0x80)
                goto bad;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        i += len;
        continue;
    bad:
        if (bad_at)
            *bad_at = i;
        return false;
    }
    return true;
}

bool vg_str_word_in(vg_str word, const char *list)
{
    for (const char *p = list; p && *p;) {
        const char *sp = strchr(p, ' ');
        size_t w = sp ? (size_t)(sp - p) : strlen(p);
        if (w == word.n && memcmp(p, word.p, w) == 0)
            return true;
        p += w + (sp ? 1 : 0);
    }
    return false;
}

bool vg_str_to_doubles(const char *s, double *out, size_t max, size_t *n)
{
    *n = 0;
    vg_str rest = vg_str_c(s);
    while (rest.n) {
        vg_str item;
        rest = vg_str_split(rest, ',', &item);
        if (*n >= max || !vg_str_to_double(vg_str_trim(item), &out[*n]))
            return false;
        (*n)++;
    }
    return *n > 0;
}

void vg_count_text(int64_t n, char *out, size_t size)
{
    char digits[24];
    uint64_t v = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    int k = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    char buf[40];
    size_t o = 0;
    if (n < 0)
        buf[o++] = '-';
    for (int i = 0; i < k; i++) {
        if (i && (k - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    snprintf(out, size, "%s", buf);
}
