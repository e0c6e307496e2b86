/* population.c - ONS population tables by police force area. */
#include "io/population.h"

#include <stdio.h>

static bool is_any(vg_str s, const char *const *names)
{
    for (; *names; names++)
        if (vg_str_ieq_c(vg_str_trim(s), *names))
            return true;
    return false;
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

int vg_pop_parse_row(const vg_pop_header *h, const vg_csv_row *row, vg_pop_value *out, size_t max, char *why, size_t wl)
{
    if (row->n != h->columns) {
        snprintf(why, wl, "%zu fields, expected %zu", row->n, h->columns);
        return -1;
    }
    int year;
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
            out[n++] = (vg_pop_value){h->forces[i], year, pop, -1};
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
    out[0] = (vg_pop_value){f, year, pop, hh};
    return 1;
}
