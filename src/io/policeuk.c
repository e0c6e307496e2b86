/* policeuk.c - police.uk CSV formats (shared DOMAIN.md s.3.1). */
#include "io/policeuk.h"
#include "base/geo.h"
#include "base/time.h"

#include <stdio.h>
#include <string.h>

static const char *const headers[VG_PUKF_COUNT] = {
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context",
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type",
    ("Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,"
     "Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing"),
};
static const size_t columns[VG_PUKF_COUNT] = {12, 10, 15};
static const char *const kind_names[VG_PUKF_COUNT] = {"street", "outcomes", "stop_search"};
static const char *const name_suffix[VG_PUKF_COUNT] = {"-street.csv", "-outcomes.csv", "-stop-and-search.csv"};

const char *vg_puk_file_kind_name(vg_puk_file_kind k) { return k < VG_PUKF_COUNT ? kind_names[k] : "?"; }
size_t vg_puk_file_columns(vg_puk_file_kind k) { return columns[k]; }
const char *vg_puk_header(vg_puk_file_kind k) { return headers[k]; }

bool vg_puk_detect(const vg_csv_row *header, vg_puk_file_kind *kind)
{
    for (int k = 0; k < VG_PUKF_COUNT; k++) {
        if (header->n != columns[k])
            continue;
        vg_str rest = vg_str_c(headers[k]), want;
        size_t i = 0;
        for (; i < header->n && rest.p; i++) {
            rest = vg_str_split(rest, ',', &want);
            if (!vg_str_eq(vg_str_trim(header->fields[i]), want))
                break;
        }
        if (i == header->n) {
            *kind = (vg_puk_file_kind)k;
            return true;
        }
    }
    return false;
}

bool vg_puk_parse_file_name(const char *path, int *yyyymm, char *slug, size_t slug_len, vg_puk_file_kind *kind)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    vg_month m;
    if (n < 9 || base[7] != '-' || !vg_month_parse((vg_str){base, 7}, &m))
        return false;
    for (int k = 0; k < VG_PUKF_COUNT; k++) {
        size_t sl = strlen(name_suffix[k]);
        if (n > 8 + sl && strcmp(base + n - sl, name_suffix[k]) == 0) {
            size_t len = n - 8 - sl;
            if (len + 1 > slug_len)
                return false;
            memcpy(slug, base + 8, len);
            slug[len] = '\0';
            *yyyymm = vg_month_year(m) * 100 + vg_month_num(m);
            *kind = (vg_puk_file_kind)k;
            return true;
        }
    }
    return false;
}

bool vg_parse_microdegrees(vg_str s, int32_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < s.n && (s.p[i] == '-' || s.p[i] == '+'))
        neg = s.p[i++] == '-';
    int64_t whole = 0;
    size_t digits = 0;
    while (i < s.n && s.p[i] >= '0' && s.p[i] <= '9' && digits < 4) {
        whole = whole * 10 + (s.p[i++] - '0');
        digits++;
    }
    int64_t frac = 0;
    int fd = 0;
    bool round_up = false;
    if (i < s.n && s.p[i] == '.') {
        i++;
        size_t start = i;
        while (i < s.n && s.p[i] >= '0' && s.p[i] <= '9') {
            if (fd < 6) {
                frac = frac * 10 + (s.p[i] - '0');
                fd++;
            } else if (fd == 6) {
                round_up = s.p[i] >= '5';
                fd++;
            }
            i++;
        }
        if (i == start)
            return false;
    }
    if (!digits && fd == 0)
        return false;
    if (i != s.n)
        return false;
    while (fd < 6) {
        frac *= 10;
        fd++;
    }
    int64_t v = whole * 1000000 + frac + (round_up ? 1 : 0);
    if (v > 180000000)
        return false;
    *out = (int32_t)(neg ? -v : v);
    return true;
}

void vg_puk_crime_id_hex(const uint8_t id[32], char out[65])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[id[i] >> 4];
        out[2 * i + 1] = hex[id[i] & 15];
    }
    out[64] = '\0';
}

/* Field checks. Each returns false with why filled. */

static bool check_count(const vg_csv_row *row, size_t want, char *why, size_t wl)
{
    if (row->n == want)
        return true;
    snprintf(why, wl, "%zu fields, expected %zu", row->n, want);
    return false;
}

static bool check_utf8(const vg_csv_row *row, const char *header, char *why, size_t wl)
{
    for (size_t i = 0; i < row->n; i++)
        if (!vg_utf8_valid(row->fields[i].p, row->fields[i].n, NULL)) {
            vg_str rest = vg_str_c(header), name = {"?", 1};
            for (size_t k = 0; k <= i && rest.p; k++)
                rest = vg_str_split(rest, ',', &name);
            snprintf(why, wl, "%.*s: bad UTF-8", (int)name.n, name.p);
            return false;
        }
    return true;
}

/* Hex digit values, 0xff for anything else. */
static const uint8_t hex_table[256] = {
    ['0'] = 0, ['1'] = 1, ['2'] = 2, ['3'] = 3, ['4'] = 4, ['5'] = 5, ['6'] = 6, ['7'] = 7, ['8'] = 8, ['9'] = 9,
    ['a'] = 10, ['b'] = 11, ['c'] = 12, ['d'] = 13, ['e'] = 14, ['f'] = 15,
    ['A'] = 10, ['B'] = 11, ['C'] = 12, ['D'] = 13, ['E'] = 14, ['F'] = 15,
};

static unsigned is_hex(unsigned char c) { return hex_table[c] || c == '0'; }

static bool parse_crime_id(vg_str s, bool *has, uint8_t id[32], char *why, size_t wl)
{
    *has = s.n > 0;
    if (!s.n)
        return true;
    if (s.n != 64)
        goto bad;
    const unsigned char *u = (const unsigned char *)s.p;
    unsigned ok = 1;
    for (int i = 0; i < 32; i++) {
        unsigned char a = u[2 * i], b = u[2 * i + 1];
        ok &= is_hex(a) & is_hex(b);
        id[i] = (uint8_t)(hex_table[a] << 4 | hex_table[b]);
    }
    if (!ok)
        goto bad;
    return true;
bad:
    snprintf(why, wl, "Crime ID: not 64 hexadecimal digits");
    return false;
}

static bool parse_month(vg_str s, int *out, char *why, size_t wl)
{
    vg_month m;
    if (!vg_month_parse(s, &m) || vg_month_year(m) < 1990 || vg_month_year(m) > 2100) {
        snprintf(why, wl, "Month: '%.*s' is not YYYY-MM", (int)(s.n > 20 ? 20 : s.n), s.p);
        return false;
    }
    *out = vg_month_year(m) * 100 + vg_month_num(m);
    return true;
}

static bool parse_coords(vg_str lon, vg_str lat, bool *has, int32_t *lon_e6, int32_t *lat_e6, char *why, size_t wl)
{
    *has = false;
    if (!lon.n && !lat.n)
        return true;
    if (!lon.n || !lat.n) {
        snprintf(why, wl, "Longitude/Latitude: one given without the other");
        return false;
    }
    if (!vg_parse_microdegrees(lon, lon_e6)) {
        snprintf(why, wl, "Longitude: '%.*s' is not a number", (int)(lon.n > 20 ? 20 : lon.n), lon.p);
        return false;
    }
    if (!vg_parse_microdegrees(lat, lat_e6)) {
        snprintf(why, wl, "Latitude: '%.*s' is not a number", (int)(lat.n > 20 ? 20 : lat.n), lat.p);
        return false;
    }
    if (!vg_geo_in_uk(*lat_e6 / 1e6, *lon_e6 / 1e6)) {
        snprintf(why, wl, "Longitude/Latitude: %.6f, %.6f is outside the United Kingdom", *lon_e6 / 1e6, *lat_e6 / 1e6);
        return false;
    }
    *has = true;
    return true;
}

static bool required(vg_str s, const char *name, char *why, size_t wl)
{
    if (s.n)
        return true;
    snprintf(why, wl, "%s: empty", name);
    return false;
}

/* The rows of street and outcomes files: the same first nine columns. */
static bool parse_located(const vg_csv_row *row, vg_puk_file_kind kind, vg_puk_row *o, char *why, size_t wl)
{
    if (!check_count(row, columns[kind], why, wl) || !check_utf8(row, headers[kind], why, wl))
        return false;
    const vg_str *f = row->fields;
    if (!parse_crime_id(f[0], &o->has_id, o->crime_id, why, wl) || !parse_month(f[1], &o->month, why, wl) ||
        !required(f[2], "Reported by", why, wl) || !required(f[3], "Falls within", why, wl) ||
        !parse_coords(f[4], f[5], &o->has_coords, &o->lon_e6, &o->lat_e6, why, wl) ||
        !required(f[9], kind == VG_PUKF_STREET ? "Crime type" : "Outcome type", why, wl))
        return false;
    o->reported_by = f[2];
    o->falls_within = f[3];
    o->location = f[6];
    o->lsoa_code = f[7];
    o->lsoa_name = f[8];
    bool street = kind == VG_PUKF_STREET;
    o->crime_type = street ? f[9] : (vg_str){NULL, 0};
    o->outcome = street ? f[10] : f[9];
    o->context = street ? f[11] : (vg_str){NULL, 0};
    return true;
}

bool vg_puk_parse_street(const vg_csv_row *row, vg_puk_row *o, char *why, size_t wl)
{
    return parse_located(row, VG_PUKF_STREET, o, why, wl);
}

bool vg_puk_parse_outcome(const vg_csv_row *row, vg_puk_row *o, char *why, size_t wl)
{
    return parse_located(row, VG_PUKF_OUTCOMES, o, why, wl);
}

static bool parse_bool(vg_str s, const char *name, int8_t *out, char *why, size_t wl)
{
    s = vg_str_trim(s);
    if (!s.n)
        *out = -1;
    else if (vg_str_ieq_c(s, "true"))
        *out = 1;
    else if (vg_str_ieq_c(s, "false"))
        *out = 0;
    else {
        snprintf(why, wl, "%s: '%.*s' is not True or False", name, (int)(s.n > 20 ? 20 : s.n), s.p);
        return false;
    }
    return true;
}

bool vg_puk_parse_stop(const vg_csv_row *row, vg_puk_stop *o, char *why, size_t wl)
{
    if (!check_count(row, 15, why, wl) || !check_utf8(row, headers[VG_PUKF_STOP_SEARCH], why, wl))
        return false;
    const vg_str *f = row->fields;
    vg_time t;
    if (!required(f[0], "Type", why, wl))
        return false;
    if (!vg_time_parse(f[1], &t)) {
        snprintf(why, wl, "Date: '%.*s' is not an ISO 8601 date and time", (int)(f[1].n > 30 ? 30 : f[1].n), f[1].p);
        return false;
    }
    /* note the column order: Latitude before Longitude in this format */
    if (!parse_bool(f[2], "Part of a policing operation", &o->part_of_operation, why, wl) ||
        !parse_coords(f[5], f[4], &o->has_coords, &o->lon_e6, &o->lat_e6, why, wl) ||
        !parse_bool(f[13], "Outcome linked to object of search", &o->outcome_linked, why, wl) ||
        !parse_bool(f[14], "Removal of more than just outer clothing", &o->removal, why, wl))
        return false;
    o->type = f[0];
    o->date = f[1];
    o->operation_name = f[3];
    o->gender = f[6];
    o->age_range = f[7];
    o->self_ethnicity = f[8];
    o->officer_ethnicity = f[9];
    o->legislation = f[10];
    o->object = f[11];
    o->outcome = f[12];
    return true;
}
