/* json_out.c - compact JSON text from a jansson tree (see json_out.h). */
#include "io/json_out.h"
#include "domain/pole.h" /* VG_DATE_NONE, VG_TIME_NONE */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef vg_json_writer out;

static bool reserve(out *o, size_t more)
{
    if (o->failed)
        return false;
    if (o->n + more + 1 <= o->cap)
        return true;
    size_t cap = o->cap ? o->cap : 1024;
    while (cap < o->n + more + 1)
        cap *= 2;
    char *p = realloc(o->p, cap);
    if (!p) {
        o->failed = true;
        return false;
    }
    o->p = p;
    o->cap = cap;
    return true;
}

static void put(out *o, const char *s, size_t n)
{
    if (reserve(o, n)) {
        memcpy(o->p + o->n, s, n);
        o->n += n;
    }
}

static void putc_(out *o, char c)
{
    if (reserve(o, 1))
        o->p[o->n++] = c;
}

static void put_string(out *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    putc_(o, '"');
    size_t run = 0; /* bytes that need no escape, copied together */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            run++;
            continue;
        }
        put(o, s + i - run, run);
        run = 0;
        char esc[6] = {'\\', 0};
        size_t len = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            memcpy(esc, "\\u00", 4);
            put(o, esc, 4);
            esc[0] = hex[c >> 4];
            esc[1] = hex[c & 15];
            break;
        }
        put(o, esc, len);
    }
    put(o, s + n - run, run);
    putc_(o, '"');
}

static void put_integer(out *o, json_int_t v)
{
    char buf[24];
    char *e = buf + sizeof buf, *p = e;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    put(o, p, (size_t)(e - p));
}

/* Values under a million with at most six decimals (all of Vigil's) are written exactly
 * with their decimals (0.25, 7.21, 1.0, 0.000001); the rest as "%.12g" would, always
 * with a '.' or an exponent. */
static void put_real(out *o, double v)
{
    char buf[40];
    double scaled = v * 1e6;
    /* exactly a number of millionths (the nearest double to it), so the digits are exact */
    if (isfinite(v) && fabs(v) < 1e6 && (double)llround(scaled) / 1e6 == v) {
        int64_t m = (int64_t)llround(scaled);
        size_t k = 0;
        if (m < 0) {
            buf[k++] = '-';
            m = -m;
        }
        int64_t ip = m / 1000000, fp = m % 1000000;
        char tmp[24];
        int t = snprintf(tmp, sizeof tmp, "%lld", (long long)ip); /* a small integer: cheap */
        memcpy(buf + k, tmp, (size_t)t);
        k += (size_t)t;
        buf[k++] = '.';
        if (fp == 0) {
            buf[k++] = '0';
        } else {
            char d[6];
            for (int i = 5; i >= 0; i--) {
                d[i] = (char)('0' + fp % 10);
                fp /= 10;
            }
            int last = 5;
            while (d[last] == '0')
                last--;
            memcpy(buf + k, d, (size_t)last + 1);
            k += (size_t)last + 1;
        }
        put(o, buf, k);
        return;
    }
    if (!isfinite(v)) { /* JSON has no NaN or infinity; jansson refuses them too */
        put(o, "null", 4);
        return;
    }
    int n = snprintf(buf, sizeof buf, "%.12g", v);
    if (n < 0 || (size_t)n >= sizeof buf) {
        o->failed = true;
        return;
    }
    if (!strchr(buf, '.') && !strchr(buf, 'e')) {
        buf[n++] = '.';
        buf[n++] = '0';
    }
    put(o, buf, (size_t)n);
}

static void put_value(out *o, const json_t *j, int depth)
{
    if (depth > 2048) { /* jansson refuses deeper trees too */
        o->failed = true;
        return;
    }
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        putc_(o, '{');
        const char *key;
        json_t *v;
        bool first = true;
        json_object_foreach((json_t *)j, key, v) {
            if (!first)
                putc_(o, ',');
            first = false;
            put_string(o, key, strlen(key));
            putc_(o, ':');
            put_value(o, v, depth + 1);
        }
        putc_(o, '}');
        break;
    }
    case JSON_ARRAY: {
        putc_(o, '[');
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) {
            if (i)
                putc_(o, ',');
            put_value(o, v, depth + 1);
        }
        putc_(o, ']');
        break;
    }
    case JSON_STRING: put_string(o, json_string_value(j), json_string_length(j)); break;
    case JSON_INTEGER: put_integer(o, json_integer_value(j)); break;
    case JSON_REAL: put_real(o, json_real_value(j)); break;
    case JSON_TRUE: put(o, "true", 4); break;
    case JSON_FALSE: put(o, "false", 5); break;
    case JSON_NULL: put(o, "null", 4); break;
    }
}

char *vg_json_text(const json_t *j, size_t *len)
{
    if (len)
        *len = 0;
    if (!j)
        return NULL;
    out o = {0};
    put_value(&o, j, 0);
    return vg_jw_finish(&o, len);
}

void vg_jw_raw(vg_json_writer *w, const char *s) { put(w, s, strlen(s)); }

void vg_jw_string(vg_json_writer *w, const char *s)
{
    if (s)
        put_string(w, s, strlen(s));
    else
        put(w, "null", 4);
}

void vg_jw_int(vg_json_writer *w, json_int_t v) { put_integer(w, v); }
void vg_jw_real(vg_json_writer *w, double v) { put_real(w, v); }

void vg_jw_value(vg_json_writer *w, const json_t *j)
{
    if (j)
        put_value(w, j, 0);
    else
        put(w, "null", 4);
}

char *vg_jw_finish(vg_json_writer *w, size_t *len)
{
    if (len)
        *len = 0;
    if (w->failed || !reserve(w, 0)) {
        free(w->p);
        w->p = NULL;
        return NULL;
    }
    w->p[w->n] = '\0';
    if (len)
        *len = w->n;
    char *p = w->p;
    w->p = NULL;
    return p;
}

json_t *vg_json_date(vg_date d)
{
    if (d == VG_DATE_NONE)
        return json_null();
    char s[VG_DATE_LEN];
    vg_date_format(d, s);
    return json_string(s);
}

json_t *vg_json_time(vg_time t)
{
    if (t == VG_TIME_NONE)
        return json_null();
    char s[VG_TIME_LEN];
    vg_time_format(t, s);
    return json_string(s);
}
