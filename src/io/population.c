/* population.c - ONS population and household tables, by police force area and by
 * local authority. */
#include "io/population.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool is_any(vg_str s, const char *const *names)
{
    for (; *names; names++)
        if (vg_str_ieq_c(vg_str_trim(s), *names))
            return true;
    return false;
}

static const char *const code_names[] = {"code", "geography code", "area code", "la code", "lad code", NULL};

/* "mid_2013", "mid-2013", "Mid 2013" or "2013": the year, else 0. */
static int year_column(vg_str s)
{
    s = vg_str_trim(s);
    if (s.n > 4 && (s.p[0] == 'm' || s.p[0] == 'M') && (s.p[1] == 'i' || s.p[1] == 'I') &&
        (s.p[2] == 'd' || s.p[2] == 'D') && (s.p[3] == '_' || s.p[3] == '-' || s.p[3] == ' ')) {
        s.p += 4;
        s.n -= 4;
    }
    int y;
    return s.n == 4 && vg_str_digits(s, 4, &y) && y >= 1900 && y <= 2100 ? y : 0;
}

static int find_column(const vg_csv_row *row, const char *const *names)
{
    for (size_t i = 0; i < row->n; i++)
        if (is_any(row->fields[i], names))
            return (int)i;
    return -1;
}

/* Estimates by local authority: a code column and year columns. */
static bool la_header(const vg_csv_row *row, vg_pop_header *h)
{
    static const char *const name_names[] = {"name", "geography", "area name", "la name", NULL};
    int code = find_column(row, code_names), years = 0;
    if (code < 0)
        return false;
    for (size_t i = 0; i < row->n; i++)
        years += (h->years[i] = year_column(row->fields[i])) != 0;
    if (!years)
        return false;
    h->layout = VG_POP_LA;
    h->code_col = code;
    h->name_col = find_column(row, name_names);
    return true;
}

bool vg_pop_by_local_authority(const vg_pop_header *h) { return h->layout == VG_POP_LA || h->layout == VG_POP_LA_HOUSEHOLDS; }

bool vg_pop_parse_households_header(const vg_csv_row *row, vg_pop_header *h, char *why, size_t wl)
{
    static const char *const date_names[] = {"date", "year", NULL};
    static const char *const name_names[] = {"geography", "name", "area name", NULL};
    static const char *const part_names[] = {"rural urban", NULL};
    memset(h, 0, sizeof *h);
    if (row->n < 3 || row->n > VG_POP_MAX_COLUMNS) {
        snprintf(why, wl, "header: %zu columns; expected date, geography, geography code and all households", row->n);
        return false;
    }
    h->columns = row->n;
    h->layout = VG_POP_LA_HOUSEHOLDS;
    h->code_col = find_column(row, code_names);
    h->date_col = find_column(row, date_names);
    h->name_col = find_column(row, name_names);
    h->part_col = find_column(row, part_names);
    h->value_col = -1;
    for (size_t i = 0; i < row->n && h->value_col < 0; i++) {
        vg_str f = vg_str_trim(row->fields[i]);
        /* census tables: "<Topic>: All categories: <Topic>; measures: Value" is every household */
        bool all = false;
        for (size_t k = 0; k + 14 <= f.n && !all; k++)
            all = strncasecmp(f.p + k, "All categories", 14) == 0;
        if (all || vg_str_ieq_c(f, "all households") || vg_str_ieq_c(f, "households"))
            h->value_col = (int)i;
    }
    if (h->code_col < 0 || h->date_col < 0 || h->value_col < 0) {
        snprintf(why, wl, "header: expected columns date, geography code and the count of all households "
                          "(a census column \"...: All categories: ...\" or \"households\")");
        return false;
    }
    return true;
}

bool vg_pop_parse_header(const vg_csv_row *row, vg_pop_header *h, char *why, size_t wl)
{
    static const char *const year_names[] = {"year", "mid-year", NULL};
    static const char *const area_names[] = {"area", "force", "pfa", "police force area", "name", "geography", NULL};
    static const char *const pop_names[] = {"population", "pop", "all ages", "value", NULL};
    static const char *const hh_names[] = {"households", "household", NULL};
    if (row->n < 2 || row->n > VG_POP_MAX_COLUMNS) {
        snprintf(why, wl, "header: %zu columns; expected a year column and force columns, or area,year,population", row->n);
        return false;
    }
    h->columns = row->n;
    if (la_header(row, h))
        return true;
    bool has_area = false;
    for (size_t i = 0; i < row->n; i++)
        has_area |= is_any(row->fields[i], area_names);
    if (!has_area && is_any(row->fields[0], year_names)) {
        h->layout = VG_POP_WIDE;
        h->forces[0] = NULL;
        for (size_t i = 1; i < row->n; i++) {
            vg_str name = vg_str_trim(row->fields[i]);
            h->forces[i] = vg_force_find(name.p, name.n);
            if (!h->forces[i]) {
                snprintf(why, wl, "column %zu: unknown police force area '%.*s'", i + 1, (int)(name.n > 60 ? 60 : name.n), name.p);
                return false;
            }
        }
        return true;
    }
    h->layout = VG_POP_LONG;
    h->area_col = h->year_col = h->pop_col = h->hh_col = -1;
    for (size_t i = 0; i < row->n; i++) {
        if (is_any(row->fields[i], area_names))
            h->area_col = (int)i;
        else if (is_any(row->fields[i], year_names))
            h->year_col = (int)i;
        else if (is_any(row->fields[i], pop_names))
            h->pop_col = (int)i;
        else if (is_any(row->fields[i], hh_names))
            h->hh_col = (int)i;
    }
    if (h->area_col < 0 || h->year_col < 0 || h->pop_col < 0) {
        snprintf(why, wl, "header: expected columns area, year and population (and optionally households)");
        return false;
    }
    return true;
}

static bool parse_count(vg_str s, int64_t *out)
{
    uint64_t v;
    s = vg_str_trim(s);
    if (!vg_str_to_u64(s, &v) || v > 100000000000ULL)
        return false;
    *out = (int64_t)v;
    return true;
}

static bool parse_year(vg_str s, int *out, char *why, size_t wl)
{
    int64_t y;
    if (!vg_str_to_i64(vg_str_trim(s), &y) || y < 1900 || y > 2100) {
        snprintf(why, wl, "year: '%.*s' is not a year", (int)(s.n > 20 ? 20 : s.n), s.p);
        return false;
    }
    *out = (int)y;
    return true;
}

static int la_row(const vg_pop_header *h, const vg_csv_row *row, vg_pop_value *out, size_t max, char *why, size_t wl)
{
    vg_str code = vg_str_trim(row->fields[h->code_col]);
    vg_str name = h->name_col >= 0 ? vg_str_trim(row->fields[h->name_col]) : (vg_str){"", 0};
    if (!code.n) {
        snprintf(why, wl, "column %d: no area code", h->code_col + 1);
        return -1;
    }
    int n = 0;
    if (h->layout == VG_POP_LA_HOUSEHOLDS) {
        if (h->part_col >= 0 && !vg_str_ieq_c(row->fields[h->part_col], "total"))
            return 0; /* the urban or rural part of an area: its total row counts */
        int year;
        int64_t hh;
        if (!parse_year(row->fields[h->date_col], &year, why, wl))
            return -1;
        vg_str v = row->fields[h->value_col];
        if (!parse_count(v, &hh)) {
            snprintf(why, wl, "column %d (all households): '%.*s' is not a whole number", h->value_col + 1,
                     (int)(v.n > 20 ? 20 : v.n), v.p);
            return -1;
        }
        if (max >= 1)
            out[n++] = (vg_pop_value){NULL, code, name, year, -1, hh};
        return n;
    }
    for (size_t i = 0; i < row->n && (size_t)n < max; i++) {
        if (!h->years[i] || (int)i == h->code_col)
            continue;
        vg_str v = vg_str_trim(row->fields[i]);
        int64_t pop = -1;
        if (v.n && !parse_count(v, &pop)) {
            snprintf(why, wl, "column %zu (mid-%d): '%.*s' is not a whole number", i + 1, h->years[i],
                     (int)(v.n > 20 ? 20 : v.n), v.p);
            return -1;
        }
        out[n++] = (vg_pop_value){NULL, code, name, h->years[i], pop, -1};
    }
    return n;
}

int vg_pop_parse_row(const vg_pop_header *h, const vg_csv_row *row, vg_pop_value *out, size_t max, char *why, size_t wl)
{
    if (row->n != h->columns) {
        snprintf(why, wl, "%zu fields, expected %zu", row->n, h->columns);
        return -1;
    }
    int year;
    if (h->layout == VG_POP_LA || h->layout == VG_POP_LA_HOUSEHOLDS)
        return la_row(h, row, out, max, why, wl);
    if (h->layout == VG_POP_WIDE) {
        if (!parse_year(row->fields[0], &year, why, wl))
            return -1;
        int n = 0;
        for (size_t i = 1; i < row->n && (size_t)n < max; i++) {
            vg_str v = vg_str_trim(row->fields[i]);
            int64_t pop = -1;
            if (v.n && !parse_count(v, &pop)) {
                snprintf(why, wl, "column %zu: '%.*s' is not a whole number", i + 1, (int)(v.n > 20 ? 20 : v.n), v.p);
                return -1;
            }
            out[n++] = (vg_pop_value){h->forces[i], {0}, {0}, year, pop, -1};
        }
        return n;
    }
    vg_str area = vg_str_trim(row->fields[h->area_col]);
    const vg_force *f = vg_force_find(area.p, area.n);
    if (!f) {
        snprintf(why, wl, "area: unknown police force area '%.*s'", (int)(area.n > 60 ? 60 : area.n), area.p);
        return -1;
    }
    if (!parse_year(row->fields[h->year_col], &year, why, wl))
        return -1;
    int64_t pop, hh = -1;
    if (!parse_count(row->fields[h->pop_col], &pop)) {
        snprintf(why, wl, "population: '%.*s' is not a whole number", (int)(row->fields[h->pop_col].n > 20 ? 20 : row->fields[h->pop_col].n),
                 row->fields[h->pop_col].p);
        return -1;
    }
    if (h->hh_col >= 0 && vg_str_trim(row->fields[h->hh_col]).n && !parse_count(row->fields[h->hh_col], &hh)) {
        snprintf(why, wl, "households: not a whole number");
        return -1;
    }
    if (max < 1)
        return 0;
    out[0] = (vg_pop_value){f, {0}, {0}, year, pop, hh};
    return 1;
}
