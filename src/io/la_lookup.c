/* la_lookup.c - the local authority to police force area lookup. */
#include "io/la_lookup.h"
#include "base/alloc.h"
#include "base/map.h"
#include "io/csv.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct entry {
    char code[10];
    char name[80];
    const vg_force *force;
} entry;

struct vg_la_lookup {
    vg_strmap *at; /* code -> index in entries */
    entry *entries;
    size_t n, cap;
    int year;
};

void vg_la_lookup_free(vg_la_lookup *lk)
{
    if (!lk)
        return;
    vg_strmap_free(lk->at);
    vg_free(lk->entries);
    vg_free(lk);
}

size_t vg_la_lookup_count(const vg_la_lookup *lk) { return lk->n; }

void vg_la_lookup_entry(const vg_la_lookup *lk, size_t i, const char **code, const char **name, const vg_force **force)
{
    *code = lk->entries[i].code;
    *name = lk->entries[i].name;
    *force = lk->entries[i].force;
}

const char *vg_la_lookup_name(const vg_la_lookup *lk, const char *code, size_t len)
{
    int64_t i;
    return vg_strmap_get(lk->at, code, len, &i) ? lk->entries[i].name : NULL;
}
int vg_la_lookup_year(const vg_la_lookup *lk) { return lk->year; }

/* "LAD16CD"-style names: prefix, two digits, suffix; *yy the digits. */
static bool vintage_column(vg_str f, const char *prefix, const char *suffix, int *yy)
{
    f = vg_str_trim(f);
    size_t p = strlen(prefix), s = strlen(suffix);
    if (f.n != p + 2 + s || strncasecmp(f.p, prefix, p) != 0 || strncasecmp(f.p + p + 2, suffix, s) != 0)
        return false;
    return vg_str_digits((vg_str){f.p + p, 2}, 2, yy);
}

typedef struct cols {
    int la, la_name, force_code, force_name;
} cols;

static bool lookup_header(const vg_csv_row *row, cols *c, int *year, char *why, size_t wl)
{
    c->la = c->la_name = c->force_code = c->force_name = -1;
    int yy = -1, y;
    for (size_t i = 0; i < row->n; i++) {
        if (vintage_column(row->fields[i], "LAD", "CD", &y)) {
            c->la = (int)i;
            yy = y;
        } else if (vintage_column(row->fields[i], "LAD", "NM", &y))
            c->la_name = (int)i;
        else if (vintage_column(row->fields[i], "PFA", "CD", &y))
            c->force_code = (int)i;
        else if (vintage_column(row->fields[i], "PFA", "NM", &y))
            c->force_name = (int)i;
    }
    if (c->la < 0 || (c->force_code < 0 && c->force_name < 0)) {
        snprintf(why, wl, "header: expected the ONS lookup's columns LADyyCD and PFAyyCD or PFAyyNM "
                          "(local-authority code, police force area)");
        return false;
    }
    *year = yy >= 0 ? 2000 + yy : 0;
    return true;
}

static bool lookup_row(vg_la_lookup *lk, const vg_csv_row *row, const cols *c, vg_err *e, char *why, size_t wl)
{
    int need = c->la > c->force_code ? c->la : c->force_code;
    need = need > c->force_name ? need : c->force_name;
    if (row->n <= (size_t)need) {
        snprintf(why, wl, "%zu fields: the row has no police force area", row->n);
        return false;
    }
    vg_str code = vg_str_trim(row->fields[c->la]);
    if (vg_la_kind_of(code.p, code.n) != VG_LA_DISTRICT) {
        snprintf(why, wl, "'%.*s' is not the code of a local authority of England or Wales", (int)(code.n > 20 ? 20 : code.n),
                 code.p);
        return false;
    }
    const vg_force *f = NULL;
    vg_str fc = c->force_code >= 0 ? vg_str_trim(row->fields[c->force_code]) : (vg_str){"", 0};
    vg_str fn = c->force_name >= 0 ? vg_str_trim(row->fields[c->force_name]) : (vg_str){"", 0};
    if (fc.n)
        f = vg_force_find(fc.p, fc.n);
    if (!f && fn.n)
        f = vg_force_find(fn.p, fn.n);
    if (!f || !vg_force_in_england_wales(f)) {
        snprintf(why, wl, "%.*s: unknown police force area '%.*s'", (int)code.n, code.p, (int)(fn.n ? (fn.n > 60 ? 60 : fn.n) : fc.n),
                 fn.n ? fn.p : fc.p);
        return false;
    }
    int64_t had;
    if (vg_strmap_get(lk->at, code.p, code.n, &had)) {
        if (lk->entries[had].force == f)
            return true; /* listed again (once per partnership, say) */
        snprintf(why, wl, "%.*s is given two police force areas: %s and %s", (int)code.n, code.p,
                 lk->entries[had].force->ons_name, f->ons_name);
        return false;
    }
    if (lk->n == lk->cap) {
        size_t cap = lk->cap ? lk->cap * 2 : 512;
        entry *grown = vg_realloc(lk->entries, cap * sizeof *grown);
        if (!grown) {
            *e = VG_ERR_NOMEM;
            return false;
        }
        lk->entries = grown;
        lk->cap = cap;
    }
    entry *en = &lk->entries[lk->n];
    memset(en, 0, sizeof *en);
    vg_str_copy(code, en->code, sizeof en->code);
    if (c->la_name >= 0 && (size_t)c->la_name < row->n)
        vg_str_copy(vg_str_trim(row->fields[c->la_name]), en->name, sizeof en->name);
    en->force = f;
    if (vg_strmap_put(lk->at, code.p, code.n, (int64_t)lk->n)) {
        *e = VG_ERR_NOMEM;
        return false;
    }
    lk->n++;
    return true;
}

vg_err vg_la_lookup_read(vg_la_lookup **out, const char *data, size_t len, const char *name, vg_error *err)
{
    *out = NULL;
    vg_la_lookup *lk = vg_calloc(1, sizeof *lk);
    vg_csv *r = NULL;
    if (!lk || vg_strmap_new(&lk->at) || vg_csv_open(&r, data, len, NULL, name, 1)) {
        vg_la_lookup_free(lk);
        return vg_error_set(err, VG_ERR_NOMEM, name, "out of memory");
    }
    vg_csv_row row;
    vg_error cerr;
    cols c = {-1, -1, -1, -1};
    char why[256], where[600];
    vg_err e = VG_OK;
    int rc = vg_csv_next(r, &row, &cerr);
    if (rc <= 0 || !lookup_header(&row, &c, &lk->year, why, sizeof why)) {
        snprintf(where, sizeof where, "%s:1", name);
        e = rc < 0 ? (*err = cerr, cerr.code) : vg_error_set(err, VG_ERR_INVALID_INPUT, where, "%s", rc == 0 ? "empty file" : why);
    }
    while (!e && (rc = vg_csv_next(r, &row, &cerr)) == 1) {
        if (row.n == 1 && !vg_str_trim(row.fields[0]).n)
            continue; /* a blank line */
        if (!lookup_row(lk, &row, &c, &e, why, sizeof why)) {
            snprintf(where, sizeof where, "%s:%llu", name, (unsigned long long)row.line);
            e = e ? vg_error_set(err, e, where, "out of memory") : vg_error_set(err, VG_ERR_INVALID_INPUT, where, "%s", why);
        }
    }
    if (!e && rc < 0) {
        *err = cerr;
        e = cerr.code;
    }
    if (!e && !lk->n) {
        snprintf(where, sizeof where, "%s:2", name);
        e = vg_error_set(err, VG_ERR_INVALID_INPUT, where, "the lookup lists no local authority");
    }
    vg_csv_free(r);
    if (e) {
        vg_la_lookup_free(lk);
        return e;
    }
    *out = lk;
    return VG_OK;
}

/* ---- matching */

static const vg_force *direct(const vg_la_lookup *lk, const char *code, size_t len)
{
    int64_t i;
    return vg_strmap_get(lk->at, code, len, &i) ? lk->entries[i].force : NULL;
}

/* A change is after the lookup when it took effect in a later year than the lookup's
 * codes (ONS lookups are published for December and carry that April's changes). */
static bool after_lookup(const vg_la_lookup *lk, const vg_la_change *ch) { return !lk->year || ch->effective / 10000 > lk->year; }
static bool by_lookup(const vg_la_lookup *lk, const vg_la_change *ch) { return !lk->year || ch->effective / 10000 <= lk->year; }

/* A successor created after the lookup: the one force of its predecessors. */
static const vg_force *backward(const vg_la_lookup *lk, const char *code, size_t len, int depth)
{
    const vg_force *f = direct(lk, code, len);
    const vg_la_change *ch;
    if (f || depth > 4 || !(ch = vg_la_change_creating(code, len)) || !after_lookup(lk, ch))
        return f;
    const vg_force *one = NULL;
    for (int k = 0; k < VG_LA_MAX_PREDECESSORS && ch->predecessors[k]; k++) {
        const vg_force *p = backward(lk, ch->predecessors[k], strlen(ch->predecessors[k]), depth + 1);
        if (!p || (one && p != one))
            return NULL; /* a predecessor unknown, or the successor spans two forces */
        one = p;
    }
    return one;
}

/* A code abolished by the lookup's year: the force of its successor. */
static const vg_force *forward(const vg_la_lookup *lk, const char *code, size_t len, int depth)
{
    const vg_force *f = direct(lk, code, len);
    const vg_la_change *ch;
    if (f || depth > 4 || !(ch = vg_la_change_ending(code, len)) || !by_lookup(lk, ch))
        return f;
    return forward(lk, ch->successor, strlen(ch->successor), depth + 1);
}

static void date_words(int yyyymmdd, char *out, size_t n)
{
    static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
    int m = yyyymmdd / 100 % 100;
    snprintf(out, n, "%d %s %d", yyyymmdd % 100, months[(m >= 1 && m <= 12 ? m : 1) - 1], yyyymmdd / 10000);
}

bool vg_la_lookup_match(const vg_la_lookup *lk, const char *code, size_t len, vg_la_match *out, char *why, size_t wl)
{
    memset(out, 0, sizeof *out);
    if ((out->force = direct(lk, code, len)))
        return true;
    const vg_la_change *made = vg_la_change_creating(code, len), *ended = vg_la_change_ending(code, len);
    if (made && (out->force = backward(lk, code, len, 0))) {
        out->change = made;
        return true;
    }
    if (ended && (out->force = forward(lk, code, len, 0))) {
        out->change = ended;
        out->forward = true;
        return true;
    }
    char when[40], year[24] = "";
    if (lk->year)
        snprintf(year, sizeof year, " of %d", lk->year);
    int c = (int)(len > 20 ? 20 : len);
    if (made) {
        date_words(made->effective, when, sizeof when);
        if (!after_lookup(lk, made))
            snprintf(why, wl, "%.*s (%s, created %s) is not in the lookup%s, which should list it", c, code, made->name, when, year);
        else
            snprintf(why, wl, "%.*s (%s, created %s) cannot be placed: its predecessors are not all in one police force "
                     "area of the lookup%s", c, code, made->name, when, year);
    } else if (ended) {
        date_words(ended->effective, when, sizeof when);
        if (!by_lookup(lk, ended))
            snprintf(why, wl, "%.*s (abolished %s) is not in the lookup%s, which is older than that change and should list it",
                     c, code, when, year);
        else
            snprintf(why, wl, "%.*s (abolished %s, now part of %s) cannot be placed: its successor is not in the lookup%s", c,
                     code, when, ended->successor, year);
    } else
        snprintf(why, wl, "%.*s is in no police force area: it is not in the lookup%s, and no recorded local-authority code "
                 "change links it to one that is", c, code, year);
    return false;
}
