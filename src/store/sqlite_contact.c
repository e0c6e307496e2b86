/* sqlite_contact.c - the SQLite backend's queries for first contact: person records for
 * the match index, a person's events over a period, incidents at a location. */
#include "store/sqlite_int.h"
#include "base/alloc.h"
#include "base/buf.h"

#include <stdio.h>
#include <string.h>

/* A mistaken call, cancelled, is kept but is in nobody's history (SQL on incident i). */
#define NOT_CANCELLED "NOT EXISTS (SELECT 1 FROM incident_dispatch d WHERE d.incident_id = i.id AND d.closure = 'cancelled')"

/* The records of every person, aliases as records too; and of one person (?1). */
#define BRIEF_SQL(home, phone, person)                                                                                  \
    "WITH home AS (SELECT pl.person_id, l.flat, l.number, l.building, l.street, l.postcode FROM person_location pl "   \
    "  JOIN location l ON l.id = pl.location_id WHERE pl.kind = 'home'" home "), "                                   \
    "phone AS (SELECT person_id, min(id) AS id FROM person_contact WHERE kind = 'phone'" phone " GROUP BY person_id) "  \
    "SELECT p.id, p.family_name, p.given_names, p.dob, p.gender, c.value, h.flat, h.number, h.building, h.street, "    \
    "  h.postcode, 0 FROM person p LEFT JOIN phone ph ON ph.person_id = p.id LEFT JOIN person_contact c ON c.id = ph.id " \
    "  LEFT JOIN home h ON h.person_id = p.id" person " "                                                              \
    "UNION ALL "                                                                                                       \
    "SELECT p.id, coalesce(a.family_name, p.family_name), coalesce(a.given_names, p.given_names), "                    \
    "  coalesce(a.dob, p.dob), p.gender, c.value, h.flat, h.number, h.building, h.street, h.postcode, 1 "              \
    "  FROM person_alias a JOIN person p ON p.id = a.person_id LEFT JOIN phone ph ON ph.person_id = p.id "            \
    "  LEFT JOIN person_contact c ON c.id = ph.id LEFT JOIN home h ON h.person_id = p.id" person " "                   \
    "ORDER BY 1"
static const char persons_brief_sql[] = BRIEF_SQL("", "", "");
static const char person_brief_sql[] = BRIEF_SQL(" AND pl.person_id = ?1", " AND person_id = ?1", " WHERE p.id = ?1");

static vg_err briefs(sq_store *s, vg_id only, vg_person_brief_fn fn, void *ctx, vg_error *err)
{
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, only ? person_brief_sql : persons_brief_sql, &st) != VG_DB_OK)
        return sq_fail(s, err, "persons");
    if (only)
        vg_db_bind_i64(st, 1, only);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_person_brief b = {
            .id = vg_db_col_i64(st, 0), .family = sq_col_text(st, 1), .given = sq_col_text(st, 2),
            .dob = sq_col_date(st, 3), .phone = sq_col_text(st, 5), .flat = sq_col_text(st, 6),
            .number = sq_col_text(st, 7), .building = sq_col_text(st, 8), .street = sq_col_text(st, 9),
            .postcode = sq_col_text(st, 10), .alias = vg_db_col_int(st, 11) != 0};
        (void)vg_gender_parse(sq_col_text(st, 4), &b.gender);
        e = fn(ctx, &b);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "persons");
    vg_db_finalize(st);
    return e;
}

vg_err sq_persons_brief_each(vg_store *base, vg_person_brief_fn fn, void *ctx, vg_error *err)
{
    return briefs((sq_store *)base, 0, fn, ctx, err);
}

vg_err sq_person_briefs(vg_store *base, vg_id person, vg_person_brief_fn fn, void *ctx, vg_error *err)
{
    return briefs((sq_store *)base, person, fn, ctx, err);
}

/* ---- resolved persons */

typedef struct resolved_args {
    const vg_id *record, *person;
    size_t n;
    const vg_resolve_run *run;
} resolved_args;

static vg_err resolved_replace_tx(sq_store *s, void *arg, vg_error *err)
{
    const resolved_args *a = arg;
    /* first contact's persons are read again everywhere (the change log says so) */
    vg_err e = sq_exec(s, "DELETE FROM person_resolved; INSERT INTO store_change (kind, id) VALUES ('persons', 0)", err);
    vg_db_stmt *st = NULL;
    if (!e && vg_db_prepare(s->db, "INSERT INTO person_resolved (person_id, resolved_id) VALUES (?, ?)", &st) != VG_DB_OK)
        e = sq_fail(s, err, "resolved persons");
    for (size_t i = 0; !e && i < a->n; i++) {
        vg_db_reset(st);
        vg_db_bind_i64(st, 1, a->record[i]);
        vg_db_bind_i64(st, 2, a->person[i]);
        if (vg_db_step(st) != VG_DB_DONE)
            e = sq_fail(s, err, "resolved persons");
    }
    vg_db_finalize(st);
    if (e)
        return e;
    if (vg_db_prepare(s->db, "INSERT INTO resolve_run (at, threshold, records, persons, merges, refused, seconds) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)", &st) != VG_DB_OK)
        return sq_fail(s, err, "resolve run");
    const vg_resolve_run *r = a->run;
    sq_bind_time(st, 1, r->at);
    vg_db_bind_double(st, 2, r->threshold);
    vg_db_bind_i64(st, 3, r->records);
    vg_db_bind_i64(st, 4, r->persons);
    vg_db_bind_i64(st, 5, r->merges);
    vg_db_bind_i64(st, 6, r->refused);
    vg_db_bind_double(st, 7, r->seconds);
    if (vg_db_step(st) != VG_DB_DONE)
        e = sq_fail(s, err, "resolve run");
    vg_db_finalize(st);
    return e;
}

vg_err sq_persons_resolved_replace(vg_store *base, const vg_id *record, const vg_id *person, size_t n,
                                   const vg_resolve_run *run, vg_error *err)
{
    resolved_args a = {record, person, n, run};
    return sq_in_tx((sq_store *)base, resolved_replace_tx, &a, err);
}

vg_err sq_person_clusters_each(vg_store *base, vg_cluster_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT p.id, coalesce(r.resolved_id, p.id), coalesce(s.source_id, '') FROM person p "
                           "LEFT JOIN person_resolved r ON r.person_id = p.id "
                           "LEFT JOIN person_source s ON s.person_id = p.id ORDER BY p.id", &st) != VG_DB_OK)
        return sq_fail(s, err, "resolved persons");
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, vg_db_col_i64(st, 0), vg_db_col_i64(st, 1), sq_col_text(st, 2));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "resolved persons");
    vg_db_finalize(st);
    return e;
}

vg_err sq_person_source_put(vg_store *base, vg_id person, const char *source_id, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO person_source (person_id, source_id) VALUES (?, ?)", &st) !=
        VG_DB_OK)
        return sq_fail(s, err, "person source");
    vg_db_bind_i64(st, 1, person);
    sq_bind_text(st, 2, source_id);
    int rc = vg_db_step(st);
    vg_err e = VG_OK;
    if (rc != VG_DB_DONE && vg_db_fail_of(s->db) == VG_DB_FAIL_CONSTRAINT)
        e = vg_error_set(err, VG_ERR_CONFLICT, "source_id", "%s is already held by another record", source_id);
    else if (rc != VG_DB_DONE)
        e = sq_fail(s, err, "person source");
    vg_db_finalize(st);
    return e;
}

vg_err sq_person_source_find(vg_store *base, const char *source_id, vg_id *person, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    *person = 0;
    if (vg_db_prepare(s->db, "SELECT person_id FROM person_source WHERE source_id = ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "person source");
    sq_bind_text(st, 1, source_id);
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW)
        *person = vg_db_col_i64(st, 0);
    vg_err e = rc == VG_DB_ROW || rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "person source");
    vg_db_finalize(st);
    return e;
}

/* ---- the changes first contact follows */

vg_err sq_changes_since(vg_store *base, int64_t after, size_t max, vg_change_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT seq, kind, id FROM store_change WHERE seq > ? ORDER BY seq LIMIT ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "changes");
    vg_db_bind_i64(st, 1, after);
    vg_db_bind_i64(st, 2, (int64_t)max);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, vg_db_col_i64(st, 0), sq_col_text(st, 1), vg_db_col_i64(st, 2));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "changes");
    vg_db_finalize(st);
    return e;
}

vg_err sq_change_head(vg_store *base, int64_t *seq, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    *seq = 0;
    /* the last seq given out, even if its row was pruned since */
    if (vg_db_prepare(s->db, s->dialect->change_head, &st) != VG_DB_OK)
        return sq_fail(s, err, "changes");
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW)
        *seq = vg_db_col_i64(st, 0);
    vg_db_finalize(st);
    return rc == VG_DB_ROW ? VG_OK : sq_fail(s, err, "changes");
}

vg_err sq_changes_prune(vg_store *base, int64_t upto, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, s->dialect->changes_prune, &st) != VG_DB_OK)
        return sq_fail(s, err, "changes");
    vg_db_bind_i64(st, 1, upto);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "changes");
}

/* "?,?,?" for n parameters, into b. */
static vg_err placeholders(vg_buf *b, size_t n)
{
    vg_err e = VG_OK;
    for (size_t i = 0; i < n && !e; i++)
        e = vg_buf_puts(b, i ? ",?" : "?");
    return e;
}

/* The history statement for n persons: prepared once for 1 to 8 persons (kept in
 * s->events_by_n, reset by the caller), else fresh (finalised by the caller). */
static vg_err events_stmt(sq_store *s, size_t n, vg_db_stmt **out, vg_error *err)
{
    bool cached = n < sizeof s->events_by_n / sizeof s->events_by_n[0];
    if (cached && s->events_by_n[n]) {
        *out = s->events_by_n[n];
        vg_db_reset(*out);
        return VG_OK;
    }
    vg_buf q;
    vg_buf_init(&q, 1 << 16);
    vg_err e = vg_buf_puts(&q, "SELECT ip.person_id, 0, i.id, ip.role, i.received_at, i.category, NULL, NULL, 0, 0, i.reference "
                               "FROM incident_person ip JOIN incident i ON i.id = ip.incident_id WHERE " NOT_CANCELLED " AND ip.person_id IN (");
    e = e ? e : placeholders(&q, n);
    e = e ? e : vg_buf_puts(&q, ") AND i.received_at >= ? AND i.received_at < ? UNION ALL "
                                "SELECT cp.person_id, 1, c.id, cp.role, c.recorded_at, NULL, c.offence_code, c.status, c.outcome, "
                                "coalesce(c.incident_id, 0), c.reference "
                                "FROM crime_person cp JOIN crime c ON c.id = cp.crime_id WHERE cp.person_id IN (");
    e = e ? e : placeholders(&q, n);
    e = e ? e : vg_buf_puts(&q, ") AND c.recorded_at >= ? AND c.recorded_at < ? ORDER BY 5, 2, 3");
    if (e) {
        vg_buf_free(&q);
        return vg_error_set(err, e, "person_events", "out of memory");
    }
    int rc = cached ? vg_db_prepare_kept(s->db, vg_buf_str(&q), out) : vg_db_prepare(s->db, vg_buf_str(&q), out);
    vg_buf_free(&q);
    if (rc != VG_DB_OK)
        return sq_fail(s, err, "person_events");
    if (cached)
        s->events_by_n[n] = *out;
    return VG_OK;
}

/* Hands each row of a history statement to fn. */
static vg_err events_rows(sq_store *s, vg_db_stmt *st, vg_person_event_fn fn, void *ctx, vg_error *err)
{
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_person_event ev;
        memset(&ev, 0, sizeof ev);
        ev.person_id = vg_db_col_i64(st, 0);
        ev.is_crime = vg_db_col_int(st, 1) != 0;
        ev.event_id = vg_db_col_i64(st, 2);
        (void)vg_role_parse(sq_col_text(st, 3), &ev.role);
        ev.when = sq_col_time(st, 4);
        if (!ev.is_crime)
            (void)vg_category_parse(sq_col_text(st, 5), &ev.category);
        else {
            const char *code = sq_col_text(st, 6);
            snprintf(ev.offence_code, sizeof ev.offence_code, "%s", code ? code : "");
            (void)vg_crime_status_parse(sq_col_text(st, 7), &ev.status);
            ev.outcome = vg_db_col_int(st, 8);
            ev.incident_id = vg_db_col_i64(st, 9);
        }
        const char *ref = vg_db_col_count(st) > 10 ? sq_col_text(st, 10) : NULL;
        snprintf(ev.reference, sizeof ev.reference, "%s", ref ? ref : "");
        e = fn(ctx, &ev);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "person_events");
    return e;
}

vg_err sq_person_events_all(vg_store *base, vg_person_event_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    static const char q[] =
        "SELECT ip.person_id, 0, i.id, ip.role, i.received_at, i.category, NULL, NULL, 0, 0, NULL "
        "FROM incident_person ip JOIN incident i ON i.id = ip.incident_id WHERE " NOT_CANCELLED " UNION ALL "
        "SELECT cp.person_id, 1, c.id, cp.role, c.recorded_at, NULL, c.offence_code, c.status, c.outcome, "
        "coalesce(c.incident_id, 0), c.reference FROM crime_person cp JOIN crime c ON c.id = cp.crime_id ORDER BY 1, 5, 2, 3";
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, q, &st) != VG_DB_OK)
        return sq_fail(s, err, "person_events");
    vg_err e = events_rows(s, st, fn, ctx, err);
    vg_db_finalize(st);
    return e;
}

vg_err sq_person_markers_all(vg_store *base, vg_person_marker_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT person_id, kind, code, detail, valid_from, valid_to FROM person_marker "
                           "ORDER BY person_id, id", &st) != VG_DB_OK)
        return sq_fail(s, err, "person_marker");
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_marker m = {VG_MARKER_WARNING, (char *)sq_col_text(st, 2), (char *)sq_col_text(st, 3), sq_col_date(st, 4),
                       sq_col_date(st, 5)};
        (void)vg_marker_kind_parse(sq_col_text(st, 1), &m.kind);
        if (!m.code)
            m.code = (char *)"";
        e = fn(ctx, vg_db_col_i64(st, 0), &m);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "person_marker");
    vg_db_finalize(st);
    return e;
}

vg_err sq_data_version(vg_store *base, int64_t *version, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = sq_stmt(s, ST_DATA_VERSION, "PRAGMA data_version", err);
    if (!st)
        return VG_ERR_STORE;
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW)
        *version = vg_db_col_i64(st, 0);
    vg_db_reset(st);
    return rc == VG_DB_ROW ? VG_OK : sq_fail(s, err, "data_version");
}

vg_err sq_person_events(vg_store *base, const vg_id *persons, size_t n, vg_time from, vg_time to,
                        vg_person_event_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (n == 0)
        return VG_OK;
    if (n > 64)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "person_events", "at most 64 persons at a time");
    bool cached = n < sizeof s->events_by_n / sizeof s->events_by_n[0];
    vg_db_stmt *st;
    vg_err e = events_stmt(s, n, &st, err);
    if (e)
        return e;
    int k = 1;
    for (int part = 0; part < 2; part++) {
        for (size_t i = 0; i < n; i++)
            vg_db_bind_i64(st, k++, persons[i]);
        sq_bind_time(st, k++, from);
        sq_bind_time(st, k++, to);
    }
    e = events_rows(s, st, fn, ctx, err);
    if (cached)
        vg_db_reset(st);
    else
        vg_db_finalize(st);
    return e;
}

vg_err sq_location_incident_count(vg_store *base, const vg_id *locations, size_t n, vg_time from, vg_time to,
                                  int64_t *count, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    *count = 0;
    if (n == 0)
        return VG_OK;
    vg_buf q;
    vg_buf_init(&q, 1 << 16);
    vg_err e = vg_buf_puts(&q, "SELECT count(*) FROM incident WHERE location_id IN (");
    e = e ? e : placeholders(&q, n);
    e = e ? e : vg_buf_puts(&q, ") AND received_at >= ? AND received_at < ?");
    if (e) {
        vg_buf_free(&q);
        return vg_error_set(err, e, "location", "out of memory");
    }
    vg_db_stmt *st;
    int rc = vg_db_prepare(s->db, vg_buf_str(&q), &st);
    vg_buf_free(&q);
    if (rc != VG_DB_OK)
        return sq_fail(s, err, "location");
    int k = 1;
    for (size_t i = 0; i < n; i++)
        vg_db_bind_i64(st, k++, locations[i]);
    sq_bind_time(st, k++, from);
    sq_bind_time(st, k, to);
    rc = vg_db_step(st);
    if (rc == VG_DB_ROW)
        *count = vg_db_col_i64(st, 0);
    vg_db_finalize(st);
    return rc == VG_DB_ROW ? VG_OK : sq_fail(s, err, "location");
}

vg_err sq_reference_next(vg_store *base, vg_record_kind kind, const char *prefix, char *out, size_t n, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (kind != VG_REC_INCIDENT && kind != VG_REC_CRIME)
        return vg_error_set(err, VG_ERR_INTERNAL, "reference", "incidents and crimes only");
    const char *q = kind == VG_REC_INCIDENT
                        ? "SELECT reference FROM incident WHERE reference >= ?1 AND reference < ?1 || '~' "
                          "ORDER BY reference DESC LIMIT 1"
                        : "SELECT reference FROM crime WHERE reference >= ?1 AND reference < ?1 || '~' "
                          "ORDER BY reference DESC LIMIT 1";
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, q, &st) != VG_DB_OK)
        return sq_fail(s, err, "reference");
    vg_db_bind_text(st, 1, prefix, -1, VG_DB_STATIC);
    int rc = vg_db_step(st);
    long seq = 0;
    if (rc == VG_DB_ROW) {
        const char *last = sq_col_text(st, 0);
        size_t pl = strlen(prefix);
        for (const char *c = last && strlen(last) > pl ? last + pl : ""; *c >= '0' && *c <= '9'; c++)
            seq = seq * 10 + (*c - '0');
    }
    vg_db_finalize(st);
    if (rc != VG_DB_ROW && rc != VG_DB_DONE)
        return sq_fail(s, err, "reference");
    if (seq >= 99999)
        return vg_error_set(err, VG_ERR_CONFLICT, "reference", "no reference left under %s", prefix);
    snprintf(out, n, "%s%05ld", prefix, seq + 1);
    return VG_OK;
}

vg_err sq_briefing_put(vg_store *base, vg_id incident, vg_time at, const char *json, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO incident_briefing (incident_id, created_at, briefing) VALUES (?, ?, ?)", &st) != VG_DB_OK)
        return sq_fail(s, err, "briefing");
    vg_db_bind_i64(st, 1, incident);
    sq_bind_time(st, 2, at);
    vg_db_bind_text(st, 3, json, -1, VG_DB_STATIC);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "briefing");
}

vg_err sq_briefing_get(vg_store *base, vg_id incident, char **json, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    *json = NULL;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT briefing FROM incident_briefing WHERE incident_id = ?", &st) !=
        VG_DB_OK)
        return sq_fail(s, err, "briefing");
    vg_db_bind_i64(st, 1, incident);
    int rc = vg_db_step(st);
    vg_err e = VG_OK;
    if (rc == VG_DB_ROW) {
        if (!(*json = vg_strdup(sq_col_text(st, 0))))
            e = vg_error_set(err, VG_ERR_NOMEM, "briefing", "out of memory");
    } else if (rc == VG_DB_DONE) {
        e = vg_error_set(err, VG_ERR_NOT_FOUND, "incident", "no briefing for incident %lld", (long long)incident);
    } else {
        e = sq_fail(s, err, "briefing");
    }
    vg_db_finalize(st);
    return e;
}

/* ---- the data-quality queue and people's decisions */

/* Runs one statement per item in a transaction: prepare sql, bind item i with bind, step. */
typedef int (*bind_fn)(vg_db_stmt *st, const void *ctx, size_t i);
typedef struct each_args {
    const char *sql, *what;
    bind_fn bind;
    const void *ctx;
    size_t n;
    const char *before; /* run first (NULL: nothing) */
} each_args;

static vg_err each_tx(sq_store *s, void *arg, vg_error *err)
{
    const each_args *a = arg;
    vg_err e = a->before ? sq_exec(s, a->before, err) : VG_OK;
    vg_db_stmt *st = NULL;
    if (!e && vg_db_prepare(s->db, a->sql, &st) != VG_DB_OK)
        e = sq_fail(s, err, a->what);
    for (size_t i = 0; !e && i < a->n; i++) {
        vg_db_reset(st);
        a->bind(st, a->ctx, i);
        if (vg_db_step(st) != VG_DB_DONE)
            e = sq_fail(s, err, a->what);
    }
    vg_db_finalize(st);
    return e;
}

typedef struct pairs_ctx {
    const vg_id *x, *y;
    const double *p;
} pairs_ctx;

static int bind_resolved(vg_db_stmt *st, const void *ctx, size_t i)
{
    const pairs_ctx *c = ctx;
    vg_db_bind_i64(st, 1, c->x[i]);
    vg_db_bind_i64(st, 2, c->y[i]);
    return 0;
}

vg_err sq_persons_resolved_set(vg_store *base, const vg_id *record, const vg_id *person, size_t n, vg_error *err)
{
    pairs_ctx c = {record, person, NULL};
    /* a record that is its own person has no row */
    each_args a = {"INSERT INTO person_resolved (person_id, resolved_id) VALUES (?1, ?2) "
                   "ON CONFLICT (person_id) DO UPDATE SET resolved_id = excluded.resolved_id",
                   "resolved persons", bind_resolved, &c, n,
                   "INSERT INTO store_change (kind, id) VALUES ('persons', 0)"}; /* servers read the persons again */
    vg_err e = sq_in_tx((sq_store *)base, each_tx, &a, err);
    if (!e) {
        each_args d = {"DELETE FROM person_resolved WHERE person_id = ?1 AND resolved_id = ?1", "resolved persons",
                       bind_resolved, &c, n, NULL};
        e = sq_in_tx((sq_store *)base, each_tx, &d, err);
    }
    return e;
}

static int bind_review(vg_db_stmt *st, const void *ctx, size_t i)
{
    const pairs_ctx *c = ctx;
    vg_db_bind_i64(st, 1, c->x[i]);
    vg_db_bind_i64(st, 2, c->y[i]);
    vg_db_bind_double(st, 3, c->p[i]);
    return 0;
}

vg_err sq_reviews_replace(vg_store *base, const vg_id *a, const vg_id *b, const double *p, size_t n, vg_error *err)
{
    pairs_ctx c = {a, b, p};
    each_args x = {"INSERT INTO person_review (a, b, probability) VALUES (?1, ?2, ?3) ON CONFLICT (a, b) DO UPDATE SET probability = excluded.probability", "review queue",
                   bind_review, &c, n, "DELETE FROM person_review"};
    return sq_in_tx((sq_store *)base, each_tx, &x, err);
}

vg_err sq_reviews_each(vg_store *base, size_t max, vg_pair_review_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT a, b, probability FROM person_review ORDER BY probability DESC, a, b LIMIT ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "review queue");
    vg_db_bind_i64(st, 1, (int64_t)max);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, vg_db_col_i64(st, 0), vg_db_col_i64(st, 1), vg_db_col_double(st, 2));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "review queue");
    vg_db_finalize(st);
    return e;
}

static int bind_one(vg_db_stmt *st, const void *ctx, size_t i)
{
    const vg_id *ids = ctx;
    return vg_db_bind_i64(st, 1, ids[i]);
}

vg_err sq_reviews_remove_within(vg_store *base, const vg_id *ids, size_t n, vg_error *err)
{
    /* the ids into a temporary table, then the pairs with both ends in it */
    each_args a = {"INSERT INTO decided (id) VALUES (?1) ON CONFLICT DO NOTHING", "review queue", bind_one, ids, n,
                   "CREATE TEMP TABLE IF NOT EXISTS decided (id BIGINT PRIMARY KEY); DELETE FROM decided"};
    vg_err e = sq_in_tx((sq_store *)base, each_tx, &a, err);
    return e ? e
             : sq_exec((sq_store *)base,
                       "DELETE FROM person_review WHERE a IN (SELECT id FROM decided) AND b IN (SELECT id FROM "
                       "decided); DELETE FROM decided",
                       err);
}

vg_err sq_decision_put(vg_store *base, vg_person_decision *d, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO person_decision (kind, a, b, reason, username, at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", &st) != VG_DB_OK)
        return sq_fail(s, err, "decision");
    sq_bind_text(st, 1, d->same ? "same" : "different");
    vg_db_bind_i64(st, 2, d->a);
    vg_db_bind_i64(st, 3, d->b);
    sq_bind_text(st, 4, d->reason);
    sq_bind_text(st, 5, d->username);
    sq_bind_time(st, 6, d->at);
    vg_err e = sq_step_insert(s, st, VG_DB_OK, &d->id, err, "decision");
    vg_db_finalize(st);
    return e;
}

vg_err sq_decision_undo(vg_store *base, vg_id id, const char *by, vg_time at, const char *reason, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "UPDATE person_decision SET undone_at = ?, undone_by = ?, undo_reason = ? "
                           "WHERE id = ? AND undone_at IS NULL", &st) != VG_DB_OK)
        return sq_fail(s, err, "decision");
    sq_bind_time(st, 1, at);
    sq_bind_text(st, 2, by);
    sq_bind_text(st, 3, reason);
    vg_db_bind_i64(st, 4, id);
    vg_err e = vg_db_step(st) == VG_DB_DONE ? VG_OK : sq_fail(s, err, "decision");
    if (!e && vg_db_changes(s->db) == 0)
        e = vg_error_set(err, VG_ERR_NOT_FOUND, "decision", "no decision %lld that stands", (long long)id);
    vg_db_finalize(st);
    return e;
}

vg_err sq_decisions_each(vg_store *base, bool active_only, vg_decision_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT id, kind, a, b, reason, username, at, undone_at, undone_by, undo_reason "
                           "FROM person_decision WHERE (?1 = 0 OR undone_at IS NULL) ORDER BY id", &st) != VG_DB_OK)
        return sq_fail(s, err, "decisions");
    vg_db_bind_int(st, 1, active_only);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        const char *kind = sq_col_text(st, 1);
        vg_person_decision d = {.id = vg_db_col_i64(st, 0), .same = kind && strcmp(kind, "same") == 0,
                                .a = vg_db_col_i64(st, 2), .b = vg_db_col_i64(st, 3),
                                .reason = sq_col_text(st, 4), .username = sq_col_text(st, 5),
                                .at = sq_col_time(st, 6), .undone_at = sq_col_null(st, 7) ? VG_TIME_NONE : sq_col_time(st, 7),
                                .undone_by = sq_col_text(st, 8), .undo_reason = sq_col_text(st, 9)};
        e = fn(ctx, &d);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "decisions");
    vg_db_finalize(st);
    return e;
}

typedef struct records_ctx {
    vg_id decision;
    const vg_id *records;
} records_ctx;

static int bind_decision_record(vg_db_stmt *st, const void *ctx, size_t i)
{
    const records_ctx *c = ctx;
    vg_db_bind_i64(st, 1, c->decision);
    return vg_db_bind_i64(st, 2, c->records[i]);
}

vg_err sq_decision_records_put(vg_store *base, vg_id decision, const vg_id *records, size_t n, vg_error *err)
{
    records_ctx c = {decision, records};
    each_args a = {"INSERT INTO person_decision_record (decision_id, record_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING", "decision",
                   bind_decision_record, &c, n, NULL};
    return sq_in_tx((sq_store *)base, each_tx, &a, err);
}

vg_err sq_decision_links_each(vg_store *base, vg_link_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT a, b, CASE WHEN kind = 'same' THEN 1 ELSE 0 END FROM person_decision WHERE undone_at IS NULL "
                           "UNION ALL SELECT d.a, r.record_id, 1 FROM person_decision d JOIN person_decision_record r "
                           "ON r.decision_id = d.id WHERE d.undone_at IS NULL AND d.kind = 'same' AND r.record_id != d.a", &st) != VG_DB_OK)
        return sq_fail(s, err, "decisions");
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, vg_db_col_i64(st, 0), vg_db_col_i64(st, 1), vg_db_col_int(st, 2) != 0);
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "decisions");
    vg_db_finalize(st);
    return e;
}
