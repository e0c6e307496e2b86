/* persons_csv.c - old nominal records as CSV, read through a column map (persons_csv.h). */
#include "io/persons_csv.h"
#include "base/str.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The column a map value names: a header name (case-insensitive) or a number from 1. */
static int column_of(vg_str col, const vg_csv_row *header)
{
    for (size_t i = 0; i < header->n; i++) {
        vg_str h = vg_str_trim(header->fields[i]);
        if (h.n == col.n && h.n && strncasecmp(h.p, col.p, col.n) == 0)
            return (int)i;
    }
    int64_t k;
    if (vg_str_to_i64(col, &k) && k >= 1 && (size_t)k <= header->n)
        return (int)(k - 1);
    return -2;
}

static bool fail(char *why, size_t wl, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(char *why, size_t wl, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, wl, fmt, ap);
    va_end(ap);
    return false;
}

bool vg_person_map_parse(const char *spec, const vg_csv_row *header, vg_person_map *m, char *why, size_t wl)
{
    memset(m, 0, sizeof *m);
    m->source_id = m->given = m->family = m->dob = m->phone = m->postcode = -1;
    m->dob_format = VG_DOB_ISO;
    const char *p = spec ? spec : "";
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (!eq)
            return fail(why, wl, "--map: '%.*s' is not KEY=COLUMN", (int)(len), p);
        vg_str key = vg_str_trim((vg_str){p, (size_t)(eq - p)});
        vg_str val = vg_str_trim((vg_str){eq + 1, len - (size_t)(eq - p) - 1});
        int *slot = vg_str_eq_c(key, "source_id") ? &m->source_id
                    : vg_str_eq_c(key, "given")    ? &m->given
                    : vg_str_eq_c(key, "family")   ? &m->family
                    : vg_str_eq_c(key, "dob")      ? &m->dob
                    : vg_str_eq_c(key, "phone")    ? &m->phone
                    : vg_str_eq_c(key, "postcode") ? &m->postcode
                                                   : NULL;
        bool address = vg_str_eq_c(key, "address");
        if (!slot && !address)
            return fail(why, wl,
                        "--map: unknown key '%.*s' (source_id, given, family, dob, phone, address, postcode)", (int)(key.n), key.p);
        if ((slot && *slot != -1) || (address && m->n_address))
            return fail(why, wl, "--map: '%.*s' is given twice", (int)(key.n), key.p);
        if (slot == &m->dob) { /* dob=COL[:FORMAT] */
            const char *colon = memchr(val.p, ':', val.n);
            if (colon) {
                vg_str f = {colon + 1, val.n - (size_t)(colon - val.p) - 1};
                if (vg_str_ieq_c(f, "yyyy-mm-dd"))
                    m->dob_format = VG_DOB_ISO;
                else if (vg_str_ieq_c(f, "yyyymmdd"))
                    m->dob_format = VG_DOB_YYYYMMDD;
                else if (vg_str_ieq_c(f, "dd/mm/yyyy"))
                    m->dob_format = VG_DOB_DMY_SLASH;
                else if (vg_str_ieq_c(f, "dd-mm-yyyy"))
                    m->dob_format = VG_DOB_DMY_DASH;
                else
                    return fail(why, wl,
                                "--map: dob format '%.*s' is not one of yyyy-mm-dd, yyyymmdd, dd/mm/yyyy, dd-mm-yyyy", (int)(f.n), f.p);
                val.n = (size_t)(colon - val.p);
            }
        }
        /* address=COL[+COL...]; every other key one column */
        const char *q = val.p, *vend = val.p + val.n;
        do {
            const char *plus = address ? memchr(q, '+', (size_t)(vend - q)) : NULL;
            vg_str col = vg_str_trim((vg_str){q, (size_t)((plus ? plus : vend) - q)});
            int c = col.n ? column_of(col, header) : -2;
            if (c < 0)
                return fail(why, wl, "--map: column '%.*s' is not in the file's header (a name, or a number from 1)", (int)(col.n), col.p);
            if (address) {
                if (m->n_address == VG_PERSON_MAP_ADDRESS)
                    return fail(why, wl, "--map: more than 8 address columns in '%.*s'", (int)(val.n), val.p);
                m->address[m->n_address++] = c;
            } else
                *slot = c;
            q = plus ? plus + 1 : vend;
        } while (q < vend);
        p = end ? end + 1 : p + len;
    }
    if (m->source_id < 0)
        return fail(why, wl, "--map: source_id=COLUMN is needed (the old system's id of each record)");
    if (m->family < 0)
        return fail(why, wl, "--map: family=COLUMN is needed");
    return true;
}

/* A field into a buffer of a named limit, whole or not at all. */
static bool take(vg_str v, vg_limit lim, const char *name, char *out, char *field, size_t fl, char *why, size_t wl)
{
    v = vg_str_trim(v);
    if (v.n > vg_limit_max(lim)) {
        snprintf(field, fl, "%s", name);
        snprintf(why, wl, "%zu bytes, longer than the limit of %zu bytes for a %s", v.n, vg_limit_max(lim),
                 vg_limit_name(lim));
        return false;
    }
    memcpy(out, v.p, v.n);
    out[v.n] = '\0';
    return true;
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static bool parse_dob(vg_str v, vg_dob_format f, vg_date *out)
{
    const char *s = v.p;
    int y, mo, d;
    switch (f) {
    case VG_DOB_ISO: return v.n == 10 && vg_date_parse(v, out);
    case VG_DOB_YYYYMMDD:
        if (v.n != 8 || !digits(s, 8))
            return false;
        y = num(s, 4), mo = num(s + 4, 2), d = num(s + 6, 2);
        break;
    default: {
        char sep = f == VG_DOB_DMY_SLASH ? '/' : '-';
        if (v.n != 10 || s[2] != sep || s[5] != sep || !digits(s, 2) || !digits(s + 3, 2) || !digits(s + 6, 4))
            return false;
        d = num(s, 2), mo = num(s + 3, 2), y = num(s + 6, 4);
    }
    }
    return vg_date_from_ymd(y, mo, d, out);
}

static const char *const format_names[] = {"yyyy-mm-dd", "yyyymmdd", "dd/mm/yyyy", "dd-mm-yyyy"};

bool vg_person_row_parse(const vg_person_map *m, const vg_csv_row *row, vg_person_row *out, char *field, size_t fl,
                         char *why, size_t wl)
{
    memset(out, 0, sizeof *out);
    out->dob = VG_DATE_NONE;
    field[0] = why[0] = '\0';
    const int cols[] = {m->source_id, m->given, m->family, m->dob, m->phone, m->postcode};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
        if (cols[i] >= 0 && (size_t)cols[i] >= row->n) {
            snprintf(field, fl, "row");
            snprintf(why, wl, "%zu fields, but the map reads column %d", row->n, cols[i] + 1);
            return false;
        }
    for (size_t i = 0; i < m->n_address; i++)
        if ((size_t)m->address[i] >= row->n) {
            snprintf(field, fl, "row");
            snprintf(why, wl, "%zu fields, but the map reads column %d", row->n, m->address[i] + 1);
            return false;
        }
    vg_str none = {"", 0};
#define COL(c) ((c) >= 0 ? row->fields[c] : none)
    if (!take(COL(m->source_id), VG_LIM_CODE, "source_id", out->source_id, field, fl, why, wl) ||
        !take(COL(m->given), VG_LIM_NAME, "given", out->given, field, fl, why, wl) ||
        !take(COL(m->family), VG_LIM_NAME, "family", out->family, field, fl, why, wl) ||
        !take(COL(m->phone), VG_LIM_PHONE, "phone", out->phone, field, fl, why, wl) ||
        !take(COL(m->postcode), VG_LIM_POSTCODE, "postcode", out->postcode, field, fl, why, wl))
        return false;
    vg_str dob = vg_str_trim(COL(m->dob));
#undef COL
    if (!out->source_id[0] || !out->family[0]) {
        snprintf(field, fl, "%s", out->source_id[0] ? "family" : "source_id");
        snprintf(why, wl, "empty");
        return false;
    }
    if (dob.n && !parse_dob(dob, m->dob_format, &out->dob)) {
        snprintf(field, fl, "dob");
        snprintf(why, wl, "'%.*s' is not a date written %s", (int)(dob.n > 40 ? 40 : dob.n), dob.p,
                 format_names[m->dob_format]);
        return false;
    }
    size_t len = 0;
    for (size_t i = 0; i < m->n_address; i++) {
        vg_str part = vg_str_trim(row->fields[m->address[i]]);
        if (!part.n)
            continue;
        size_t need = part.n + (len ? 2 : 0);
        if (len + need > VG_MAX_ADDRESS) {
            snprintf(field, fl, "address");
            snprintf(why, wl, "the address columns joined are longer than the limit of %d bytes for an address",
                     VG_MAX_ADDRESS);
            return false;
        }
        if (len) {
            memcpy(out->address + len, ", ", 2);
            len += 2;
        }
        memcpy(out->address + len, part.p, part.n);
        len += part.n;
        out->address[len] = '\0';
    }
    return true;
}
