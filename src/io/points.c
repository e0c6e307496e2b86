/* points.c - events from a CSV (see points.h). */
#include "io/points.h"
#include "base/alloc.h"
#include "base/file.h"
#include "base/geo.h"
#include "base/str.h"
#include "base/time.h"
#include "io/csv.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

bool vg_date_order_parse(const char *s, vg_date_order *out)
{
    static const char *const names[] = {"yyyy-mm-dd", "dd/mm/yyyy", "mm/dd/yyyy"};
    for (int i = 0; i < 3; i++)
        if (vg_str_ieq_c(vg_str_c(s), names[i])) {
            *out = (vg_date_order)i;
            return true;
        }
    return false;
}

/* 1 or 2 digits, then sep; advances *i. */
static bool small_number(vg_str s, size_t *i, char sep, int *out)
{
    int v = 0, k = 0;
    while (*i < s.n && s.p[*i] >= '0' && s.p[*i] <= '9' && k < 2) {
        v = v * 10 + (s.p[*i] - '0');
        (*i)++;
        k++;
    }
    if (!k || *i >= s.n || s.p[*i] != sep)
        return false;
    (*i)++;
    *out = v;
    return true;
}

/* A date with an optional time after it ("T..." or " ..."), which is ignored. */
static bool parse_date(vg_str s, vg_date_order order, vg_date *out)
{
    s = vg_str_trim(s);
    size_t end = 0;
    int y, m, d;
    if (order == VG_DATE_ISO) {
        if (s.n < 10 || !vg_str_digits(s, 4, &y) || s.p[4] != '-' || !vg_str_digits(vg_str_sub(s, 5, 2), 2, &m) ||
            s.p[7] != '-' || !vg_str_digits(vg_str_sub(s, 8, 2), 2, &d))
            return false;
        end = 10;
    } else {
        size_t i = 0;
        int a, b;
        if (!small_number(s, &i, '/', &a) || !small_number(s, &i, '/', &b) || s.n - i < 4 ||
            !vg_str_digits(vg_str_sub(s, i, 4), 4, &y))
            return false;
        end = i + 4;
        d = order == VG_DATE_DMY ? a : b;
        m = order == VG_DATE_DMY ? b : a;
    }
    if (end < s.n && s.p[end] != 'T' && s.p[end] != ' ')
        return false;
    return vg_date_from_ymd(y, m, d, out);
}

static bool is_na(vg_str s)
{
    s = vg_str_trim(s);
    return !s.n || vg_str_ieq_c(s, "NA") || vg_str_ieq_c(s, "NaN") || vg_str_ieq_c(s, "NULL");
}

/* The column of a header named exactly `exact`, or else one of the words of names
 * (case-insensitive). */
static int find_column(const vg_csv_row *row, const char *exact, const char *names)
{
    for (size_t i = 0; i < row->n; i++) {
        vg_str f = vg_str_trim(row->fields[i]);
        if (exact && *exact) {
            if (vg_str_ieq_c(f, exact))
                return (int)i;
            continue;
        }
        char word[32];
        if (f.n && vg_str_copy(f, word, sizeof word)) {
            for (char *c = word; *c; c++)
                *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
            if (vg_str_word_in(vg_str_c(word), names))
                return (int)i;
        }
    }
    return -1;
}

static const char X_NAMES[] = "x easting east lon long lng longitude geometry_x";
static const char Y_NAMES[] = "y northing north lat latitude geometry_y";
static const char T_NAMES[] = "date date_single t time day datetime occurred date_occurred";

typedef struct reader {
    const vg_points_options *o;
    vg_points *out;
    size_t cap;
    vg_geo *geo;
    int col[3];
} reader;

static void skip(reader *r, uint64_t line, const char *field, const char *why)
{
    vg_points *p = r->out;
    if (p->n_first_skipped < VG_POINTS_KEEP_SKIPPED) {
        vg_points_skip *s = &p->first_skipped[p->n_first_skipped++];
        s->line = line;
        snprintf(s->why, sizeof s->why, "%s%s%s", field ? field : "", field ? " " : "", why);
    }
    p->skipped++;
}

/* One data row: appended, or skipped with its reason. */
static vg_err take(reader *r, const vg_csv_row *row, const char *name, vg_error *err)
{
    vg_points *p = r->out;
    int need = r->col[0] > r->col[1] ? r->col[0] : r->col[1];
    need = !r->o->no_dates && r->col[2] > need ? r->col[2] : need;
    if (row->n == 1 && vg_str_trim(row->fields[0]).n == 0)
        return VG_OK; /* a blank line */
    if ((int)row->n <= need) {
        skip(r, row->line, NULL, "too few fields");
        return VG_OK;
    }
    double v[2];
    for (int k = 0; k < 2; k++) {
        vg_str f = row->fields[r->col[k]];
        if (is_na(f)) {
            skip(r, row->line, p->columns[k], "is missing");
            return VG_OK;
        }
        if (!vg_str_to_double(vg_str_trim(f), &v[k]) || !isfinite(v[k])) {
            skip(r, row->line, p->columns[k], "is not a number");
            return VG_OK;
        }
    }
    vg_str t = r->o->no_dates ? VG_STR_LIT("1970-01-01") : row->fields[r->col[2]];
    vg_date day = 0;
    if (r->o->no_dates) {
        /* positions only */
    } else if (is_na(t)) {
        skip(r, row->line, p->columns[2], "is missing");
        return VG_OK;
    }
    if (!r->o->no_dates && !parse_date(t, r->o->dates, &day)) {
        skip(r, row->line, p->columns[2], "is not a date in the expected format");
        return VG_OK;
    }
    if (r->o->lonlat) {
        double lon = v[0], lat = v[1];
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            skip(r, row->line, NULL, "longitude or latitude out of range");
            return VG_OK;
        }
        if (!r->geo) {
            char buf[16];
            const char *grid = vg_geo_grid_for(lat, lon, buf, sizeof buf);
            vg_err e = vg_geo_open_crs(&r->geo, grid, err);
            if (e)
                return e;
            snprintf(p->grid, sizeof p->grid, "%s", grid);
        }
        if (vg_geo_wgs84_to_bng(r->geo, lat, lon, &v[0], &v[1])) {
            skip(r, row->line, NULL, "cannot be projected");
            return VG_OK;
        }
    }
    if (vg_grow((void **)&p->p, &r->cap, p->n, sizeof *p->p, 4096))
        return vg_error_set(err, VG_ERR_NOMEM, name, "out of memory");
    p->p[p->n++] = (vg_knox_point){v[0], v[1], day};
    return VG_OK;
}

/* Whether the first row is a header: its x field is not a number (and not NA). */
static bool looks_like_header(const vg_csv_row *row)
{
    double d;
    vg_str f = vg_str_trim(row->fields[0]);
    return !is_na(f) && !vg_str_to_double(f, &d);
}

vg_err vg_points_parse(const char *data, size_t len, const char *name, const vg_points_options *o, vg_points *out,
                       vg_error *err)
{
    memset(out, 0, sizeof *out);
    reader r = {.o = o, .out = out, .col = {0, 1, 2}};
    vg_csv *csv;
    vg_err e = vg_csv_open(&csv, data, len, NULL, name, 1);
    if (e)
        return vg_error_set(err, e, name, "cannot read");
    vg_csv_row row;
    int got;
    bool first = true;
    while ((got = vg_csv_next(csv, &row, err)) > 0) {
        if (first) {
            first = false;
            if (looks_like_header(&row)) {
                int c[3] = {find_column(&row, o->names[0], X_NAMES), find_column(&row, o->names[1], Y_NAMES),
                            o->no_dates ? 0 : find_column(&row, o->names[2], T_NAMES)};
                static const char *const want[3] = {"an x column (x, easting, lon, longitude)",
                                                    "a y column (y, northing, lat, latitude)",
                                                    "a date column (date, date_single, t, time)"};
                for (int k = 0; k < (o->no_dates ? 2 : 3); k++) {
                    if (c[k] < 0) {
                        char where[256];
                        snprintf(where, sizeof where, "%s:%llu", name, (unsigned long long)row.line);
                        vg_csv_free(csv);
                        vg_points_free(out);
                        if (o->names[k] && o->names[k][0])
                            return vg_error_set(err, VG_ERR_INVALID_INPUT, where, "the header has no column named '%s'",
                                                o->names[k]);
                        return vg_error_set(err, VG_ERR_INVALID_INPUT, where, "the header has no %s", want[k]);
                    }
                    r.col[k] = c[k];
                    vg_str_copy(vg_str_trim(row.fields[c[k]]), out->columns[k], sizeof out->columns[k]);
                }
                continue;
            }
            for (int k = 0; k < 3; k++)
                snprintf(out->columns[k], sizeof out->columns[k], "column %d", k + 1);
        }
        if ((e = take(&r, &row, name, err)))
            break;
    }
    vg_csv_free(csv);
    vg_geo_close(r.geo);
    if (got < 0 || e) {
        vg_points_free(out);
        return got < 0 ? err->code : e;
    }
    return VG_OK;
}

vg_err vg_points_read(const char *path, const vg_points_options *o, vg_points *out, vg_error *err)
{
    vg_mapped m;
    vg_err e = vg_file_map(path, &m, err);
    if (e) {
        memset(out, 0, sizeof *out);
        return e;
    }
    e = vg_points_parse(m.data ? m.data : "", m.len, path, o, out, err);
    vg_file_unmap(&m);
    return e;
}

void vg_points_free(vg_points *p)
{
    vg_free(p->p);
    p->p = NULL;
    p->n = 0;
}

/* The first polygon's outer ring in a GeoJSON value. */
static json_t *first_ring(json_t *j)
{
    const char *type = json_string_value(json_object_get(j, "type"));
    if (!type)
        return NULL;
    if (strcmp(type, "FeatureCollection") == 0)
        return first_ring(json_array_get(json_object_get(j, "features"), 0));
    if (strcmp(type, "Feature") == 0)
        return first_ring(json_object_get(j, "geometry"));
    json_t *c = json_object_get(j, "coordinates");
    if (strcmp(type, "Polygon") == 0)
        return json_array_get(c, 0);
    if (strcmp(type, "MultiPolygon") == 0)
        return json_array_get(json_array_get(c, 0), 0);
    return NULL;
}

vg_err vg_polygon_read(const char *path, vg_geo *geo, double (**xy)[2], size_t *n, vg_error *err)
{
    *xy = NULL;
    *n = 0;
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (!j) {
        char where[300];
        snprintf(where, sizeof where, "%s:%d:%d", path, je.line, je.column);
        return vg_error_set(err, VG_ERR_INVALID_INPUT, where, "%s", je.text);
    }
    json_t *ring = first_ring(j);
    size_t m = json_array_size(ring);
    if (m < 3) {
        json_decref(j);
        return vg_error_set(err, VG_ERR_INVALID_INPUT, path, "no Polygon or MultiPolygon with at least three corners");
    }
    double (*out)[2] = vg_malloc(m * sizeof *out);
    if (!out) {
        json_decref(j);
        return vg_error_set(err, VG_ERR_NOMEM, path, "out of memory");
    }
    for (size_t i = 0; i < m; i++) {
        json_t *pt = json_array_get(ring, i);
        json_t *a = json_array_get(pt, 0), *b = json_array_get(pt, 1);
        if (!json_is_number(a) || !json_is_number(b) ||
            (geo && vg_geo_wgs84_to_bng(geo, json_number_value(b), json_number_value(a), &out[i][0], &out[i][1]))) {
            vg_free(out);
            json_decref(j);
            return vg_error_set(err, VG_ERR_INVALID_INPUT, path, "corner %zu of the polygon is not a [x, y] pair%s", i + 1,
                                geo ? " of longitude and latitude" : "");
        }
        if (!geo) {
            out[i][0] = json_number_value(a);
            out[i][1] = json_number_value(b);
        }
    }
    json_decref(j);
    *xy = out;
    *n = m;
    return VG_OK;
}
