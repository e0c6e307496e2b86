/* sqlite_intel.c - what the analyses and the daily briefing read and write (SQLite):
 * crimes where and when they happened, repeats, daily counts, recent records and
 * victims, the review's actions. */
#include "store/sqlite_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Location l is in area ?3 (0: anywhere). */
#define IN_AREA(l) "(?3 = 0 OR " l ".neighbourhood_id = ?3 OR " l ".la_id = ?3)"

/* A statement over a period and an area, bound: ?1 from, ?2 to, ?3 area. */
static vg_err prepare_span(sq_store *s, const char *sql, vg_id area, vg_time from, vg_time to, const char *what,
                           vg_db_stmt **st, vg_error *err)
{
    if (vg_db_prepare(s->db, sql, st) != VG_DB_OK)
        return sq_fail(s, err, what);
    sq_bind_time(*st, 1, from);
    sq_bind_time(*st, 2, to);
    vg_db_bind_i64(*st, 3, area);
    return VG_OK;
}

vg_err sq_crime_points(vg_store *base, vg_id area, vg_time from, vg_time to, vg_crime_point_fn fn, void *ctx,
                       vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    vg_err pe = prepare_span(s,
                           "SELECT c.id, c.offence_code, coalesce(c.committed_at, c.recorded_at) AS at, l.easting, l.northing, "
                           "l.id, coalesce(l.neighbourhood_id, 0) FROM crime c JOIN location l ON l.id = c.location_id "
                           "WHERE c.status = 'recorded' AND coalesce(c.committed_at, c.recorded_at) >= ?1 AND coalesce(c.committed_at, "
                           "c.recorded_at) < ?2 AND l.easting IS NOT NULL AND l.northing IS NOT NULL AND " IN_AREA("l")
                           " ORDER BY 3, c.id",
                             area, from, to, "crimes", &st, err);
    if (pe)
        return pe;
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_crime_point p = {.id = vg_db_col_i64(st, 0), .at = sq_col_time(st, 2),
                            .easting = vg_db_col_double(st, 3), .northing = vg_db_col_double(st, 4),
                            .location = vg_db_col_i64(st, 5), .neighbourhood = vg_db_col_i64(st, 6)};
        const char *code = sq_col_text(st, 1);
        snprintf(p.offence, sizeof p.offence, "%s", code ? code : "");
        e = fn(ctx, &p);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "crimes");
    vg_db_finalize(st);
    return e;
}

static void copy_col(vg_db_stmt *st, int col, char *out, size_t n)
{
    const char *t = sq_col_text(st, col);
    snprintf(out, n, "%s", t ? t : "");
}

/* The street of the nearest address that has one: the partial index location_street_easting
 * gives the addresses in a square around the point. */
vg_err sq_street_near(vg_store *base, double easting, double northing, double radius, char *street, size_t sn,
                      char *town, size_t tn, double *metres, bool *found, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    *found = false;
    if (vg_db_prepare(s->db,
                           "SELECT street, coalesce(town, ''), (easting - ?1) * (easting - ?1) + (northing - ?2) * "
                           "(northing - ?2) AS d2 FROM location WHERE street IS NOT NULL AND street <> '' AND easting "
                           "BETWEEN ?1 - ?3 AND ?1 + ?3 AND northing BETWEEN ?2 - ?3 AND ?2 + ?3 ORDER BY d2 LIMIT 1", &st) != VG_DB_OK)
        return sq_fail(s, err, "location");
    vg_db_bind_double(st, 1, easting);
    vg_db_bind_double(st, 2, northing);
    vg_db_bind_double(st, 3, radius);
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW && vg_db_col_double(st, 2) <= radius * radius) {
        *found = true;
        copy_col(st, 0, street, sn);
        copy_col(st, 1, town, tn);
        *metres = sqrt(vg_db_col_double(st, 2));
    }
    vg_db_finalize(st);
    return rc == VG_DB_ROW || rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "location");
}

/* The address of location l as one line (SQL). */
#define ADDRESS_SQL(l)                                                                                                 \
    "trim(coalesce(" l ".flat || ', ', '') || coalesce(" l ".number || ' ', '') || coalesce(" l ".building || ', ', '') " \
    "|| coalesce(" l ".street, '') || coalesce(', ' || " l ".town, '') || coalesce(' ' || " l ".postcode, ''))"

static vg_err each_repeat(sq_store *s, vg_db_stmt *st, bool person, vg_repeat_fn fn, void *ctx, vg_error *err)
{
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_repeat_item it = {.id = vg_db_col_i64(st, 0), .count = vg_db_col_i64(st, 1),
                             .first = sq_col_time(st, 2), .last = sq_col_time(st, 3), .dob = VG_DATE_NONE};
        copy_col(st, 4, it.label, sizeof it.label);
        if (person)
            it.dob = sq_col_date(st, 5);
        e = fn(ctx, &it);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "repeats");
    vg_db_finalize(st);
    return e;
}

vg_err sq_repeat_locations(vg_store *base, vg_id area, vg_time from, vg_time to, int min, size_t max, vg_repeat_fn fn,
                           void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    vg_err pe = prepare_span(s,
                           "SELECT l.id, count(*) AS n, min(i.received_at), max(i.received_at), " ADDRESS_SQL("l")
                           " FROM incident i JOIN location l ON l.id = i.location_id "
                           "WHERE i.received_at >= ?1 AND i.received_at < ?2 AND " IN_AREA("l") " "
                           "GROUP BY l.id HAVING count(*) >= ?4 ORDER BY 2 DESC, max(i.received_at) DESC LIMIT ?5",
                             area, from, to, "repeat locations", &st, err);
    if (pe)
        return pe;
    vg_db_bind_int(st, 4, min);
    vg_db_bind_i64(st, 5, (int64_t)max);
    return each_repeat(s, st, false, fn, ctx, err);
}

vg_err sq_repeat_persons(vg_store *base, vg_id area, vg_time from, vg_time to, bool offenders, int min, size_t max,
                         vg_repeat_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    vg_err pe = prepare_span(s,
                           /* per resolved person (match resolve): the incidents of all its records */
                           "SELECT rp.id, count(DISTINCT i.id) AS n, min(i.received_at), max(i.received_at), "
                           "rp.family_name || ', ' || rp.given_names, rp.dob FROM incident_person ip "
                           "JOIN incident i ON i.id = ip.incident_id "
                           "LEFT JOIN person_resolved pr ON pr.person_id = ip.person_id "
                           "JOIN person rp ON rp.id = coalesce(pr.resolved_id, ip.person_id) "
                           "LEFT JOIN location l ON l.id = i.location_id "
                           "WHERE i.received_at >= ?1 AND i.received_at < ?2 AND " IN_AREA("l") " "
                           "AND (CASE WHEN ?6 <> 0 THEN ip.role IN ('suspect', 'offender') ELSE ip.role = 'victim' END) "
                           /* a record restricted to named users counts for no one here: the list
                            * is read by others, and it would show in the person's count */
                           "AND NOT EXISTS (SELECT 1 FROM record_restriction rr WHERE rr.kind = 'person' "
                           "AND rr.record_id = ip.person_id) "
                           "GROUP BY rp.id HAVING count(DISTINCT i.id) >= ?4 ORDER BY 2 DESC, max(i.received_at) DESC LIMIT ?5",
                             area, from, to, "repeat persons", &st, err);
    if (pe)
        return pe;
    vg_db_bind_int(st, 4, min);
    vg_db_bind_i64(st, 5, (int64_t)max);
    vg_db_bind_int(st, 6, offenders);
    return each_repeat(s, st, true, fn, ctx, err);
}

vg_err sq_recent_events(vg_store *base, vg_id area, vg_time from, vg_time to, size_t max, vg_recent_fn fn, void *ctx,
                        vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    vg_err pe = prepare_span(s,
                           "SELECT * FROM (SELECT 0, i.id, i.reference, i.category, i.received_at AS at, l.id, " ADDRESS_SQL("l")
                           ", l.easting, l.northing FROM incident i JOIN location l ON l.id = i.location_id "
                           "WHERE i.received_at >= ?1 AND i.received_at < ?2 AND " IN_AREA("l") " "
                           "AND i.category != 'crime' "
                           "UNION ALL SELECT 1, c.id, c.reference, c.offence_code, coalesce(c.committed_at, c.recorded_at) AS at, l.id, "
                           ADDRESS_SQL("l") ", l.easting, l.northing FROM crime c JOIN location l ON l.id = c.location_id "
                           "WHERE coalesce(c.committed_at, c.recorded_at) >= ?1 AND coalesce(c.committed_at, c.recorded_at) < ?2 AND "
                           "c.status = 'recorded' AND " IN_AREA("l") ") AS ev ORDER BY 5 DESC LIMIT ?4",
                             area, from, to, "recent events", &st, err);
    if (pe)
        return pe;
    vg_db_bind_i64(st, 4, (int64_t)max);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_recent_event ev = {.is_crime = vg_db_col_int(st, 0) != 0, .id = vg_db_col_i64(st, 1),
                              .at = sq_col_time(st, 4), .location = vg_db_col_i64(st, 5)};
        copy_col(st, 2, ev.reference, sizeof ev.reference);
        copy_col(st, 3, ev.what, sizeof ev.what);
        copy_col(st, 6, ev.address, sizeof ev.address);
        ev.easting = vg_db_col_type(st, 7) == VG_DB_NULL ? NAN : vg_db_col_double(st, 7);
        ev.northing = vg_db_col_type(st, 8) == VG_DB_NULL ? NAN : vg_db_col_double(st, 8);
        e = fn(ctx, &ev);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "recent events");
    vg_db_finalize(st);
    return e;
}

vg_err sq_victims_in(vg_store *base, vg_id area, vg_time from, vg_time to, vg_victim_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    vg_err pe = prepare_span(s,
                           "SELECT ip.person_id, i.id, i.received_at, i.category, i.reference FROM incident_person ip "
                           "JOIN incident i ON i.id = ip.incident_id JOIN location l ON l.id = i.location_id "
                           "WHERE ip.role = 'victim' AND i.received_at >= ?1 AND i.received_at < ?2 "
                           "AND " IN_AREA("l") " ORDER BY i.received_at DESC",
                             area, from, to, "victims", &st, err);
    if (pe)
        return pe;
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_category cat = VG_CAT_CRIME;
        (void)vg_category_parse(sq_col_text(st, 3), &cat);
        e = fn(ctx, vg_db_col_i64(st, 0), vg_db_col_i64(st, 1), sq_col_time(st, 2), cat, sq_col_text(st, 4));
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "victims");
    vg_db_finalize(st);
    return e;
}

vg_err sq_day_counts(vg_store *base, vg_id area, vg_time from, vg_time to, vg_day_count_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    vg_err pe = prepare_span(s,
                           "SELECT coalesce(l.neighbourhood_id, 0), 1, c.offence_code, substr(coalesce(c.committed_at, c.recorded_at), 1, 10) AS d, "
                           "count(*) FROM crime c JOIN location l ON l.id = c.location_id "
                           "WHERE coalesce(c.committed_at, c.recorded_at) >= ?1 AND coalesce(c.committed_at, c.recorded_at) < ?2 "
                           "AND c.status = 'recorded' AND " IN_AREA("l") " GROUP BY 1, 3, 4 "
                           "UNION ALL SELECT coalesce(l.neighbourhood_id, 0), 0, i.category, substr(i.received_at, 1, 10), count(*) "
                           "FROM incident i JOIN location l ON l.id = i.location_id WHERE i.received_at >= ?1 AND i.received_at < ?2 "
                           "AND i.category LIKE 'asb%' AND " IN_AREA("l") " GROUP BY 1, 3, 4",
                             area, from, to, "counts", &st, err);
    if (pe)
        return pe;
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_date day;
        const char *d = sq_col_text(st, 3);
        if (!d || !vg_date_parse(vg_str_c(d), &day))
            continue;
        e = fn(ctx, vg_db_col_i64(st, 0), vg_db_col_int(st, 1) != 0, sq_col_text(st, 2), day,
               vg_db_col_i64(st, 4));
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "counts");
    vg_db_finalize(st);
    return e;
}

vg_err sq_tasking_put(vg_store *base, vg_id area, const char *text, vg_id owner, vg_date due, vg_id by, vg_time at,
                      vg_id *id, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO tasking_action (area_id, text, owner_id, due, created_by, created_at) "
                           "VALUES (?, ?, ?, ?, nullif(?, 0), ?) RETURNING id", &st) != VG_DB_OK)
        return sq_fail(s, err, "action");
    vg_db_bind_i64(st, 1, area);
    sq_bind_text(st, 2, text);
    vg_db_bind_i64(st, 3, owner);
    sq_bind_date(st, 4, due);
    vg_db_bind_i64(st, 5, by);
    sq_bind_time(st, 6, at);
    vg_err e = sq_step_insert(s, st, VG_DB_OK, id, err, "action");
    vg_db_finalize(st);
    return e;
}

vg_err sq_tasking_close(vg_store *base, vg_id id, vg_id by, vg_time at, const char *result, vg_id *area, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    *area = 0;
    if (vg_db_prepare(s->db, "UPDATE tasking_action SET closed_at = ?, closed_by = nullif(?, 0), result = ? "
                           "WHERE id = ? AND closed_at IS NULL RETURNING area_id", &st) != VG_DB_OK)
        return sq_fail(s, err, "action");
    sq_bind_time(st, 1, at);
    vg_db_bind_i64(st, 2, by);
    sq_bind_text(st, 3, result ? result : "");
    vg_db_bind_i64(st, 4, id);
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW)
        *area = vg_db_col_i64(st, 0);
    vg_db_finalize(st);
    return rc == VG_DB_ROW || rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "action");
}

vg_err sq_tasking_each(vg_store *base, vg_id area, vg_time closed_since, vg_tasking_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT t.id, t.area_id, t.text, o.username, t.due, t.created_at, coalesce(c.username, ''), "
                           "t.closed_at, coalesce(d.username, ''), t.result FROM tasking_action t JOIN app_user o ON o.id = t.owner_id "
                           "LEFT JOIN app_user c ON c.id = t.created_by LEFT JOIN app_user d ON d.id = t.closed_by "
                           "WHERE (?1 = 0 OR t.area_id = ?1) AND (t.closed_at IS NULL OR t.closed_at >= ?2) "
                           "ORDER BY t.closed_at IS NOT NULL, t.due, t.id", &st) != VG_DB_OK)
        return sq_fail(s, err, "actions");
    vg_db_bind_i64(st, 1, area);
    sq_bind_time(st, 2, closed_since);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_tasking_action a = {.id = vg_db_col_i64(st, 0), .area = vg_db_col_i64(st, 1),
                               .due = sq_col_date(st, 4), .created_at = sq_col_time(st, 5), .closed_at = sq_col_time(st, 7)};
        copy_col(st, 2, a.text, sizeof a.text);
        copy_col(st, 3, a.owner, sizeof a.owner);
        copy_col(st, 6, a.created_by, sizeof a.created_by);
        copy_col(st, 8, a.closed_by, sizeof a.closed_by);
        copy_col(st, 9, a.result, sizeof a.result);
        e = fn(ctx, &a);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "actions");
    vg_db_finalize(st);
    return e;
}

vg_err sq_open_case_actions(vg_store *base, vg_id area, vg_area_case_action_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    /* cases about a place in the area, or about a person whose home is there */
    if (vg_db_prepare(s->db, "SELECT a.id, a.case_id, g.code, a.text, a.due, a.created_at, a.done_at, k.title "
                           "FROM case_action a JOIN agency g ON g.id = a.agency_id JOIN safety_case k ON k.id = a.case_id "
                           "WHERE a.done_at IS NULL AND k.status = 'open' AND (?1 = 0 OR EXISTS (SELECT 1 FROM location l "
                           "WHERE (l.id = k.location_id OR l.id IN (SELECT pl.location_id FROM person_location pl "
                           "WHERE pl.person_id = k.person_id AND pl.kind = 'home')) AND (l.neighbourhood_id = ?1 OR l.la_id = ?1))) "
                           "ORDER BY a.due IS NULL, a.due, a.id", &st) != VG_DB_OK)
        return sq_fail(s, err, "case actions");
    vg_db_bind_i64(st, 1, area);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_case_action a = {.id = vg_db_col_i64(st, 0), .case_id = vg_db_col_i64(st, 1),
                            .due = sq_col_date(st, 4), .created_at = sq_col_time(st, 5), .done_at = sq_col_time(st, 6)};
        copy_col(st, 2, a.agency, sizeof a.agency);
        copy_col(st, 3, a.text, sizeof a.text);
        e = fn(ctx, &a, sq_col_text(st, 7));
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "case actions");
    vg_db_finalize(st);
    return e;
}

vg_err sq_postcode_centre(vg_store *base, const char *postcode, double *lat, double *lon, int64_t *n, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    *n = 0;
    if (vg_db_prepare(s->db, "SELECT count(*), avg(lat), avg(lon) FROM location WHERE postcode = ? AND lat IS NOT NULL AND "
                           "lon IS NOT NULL AND placed IS NULL", &st) != VG_DB_OK)
        return sq_fail(s, err, "postcode");
    sq_bind_text(st, 1, postcode);
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW && vg_db_col_i64(st, 0) > 0) {
        *n = vg_db_col_i64(st, 0);
        *lat = vg_db_col_double(st, 1);
        *lon = vg_db_col_double(st, 2);
    }
    vg_db_finalize(st);
    return rc == VG_DB_ROW ? VG_OK : sq_fail(s, err, "postcode");
}

vg_err sq_postcode_areas(vg_store *base, const char *postcode, vg_id *neighbourhood, vg_id *la, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    *neighbourhood = *la = 0;
    if (vg_db_prepare(s->db, "SELECT neighbourhood_id, la_id FROM location WHERE postcode = ? AND neighbourhood_id IS NOT NULL "
                           "GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1", &st) != VG_DB_OK)
        return sq_fail(s, err, "postcode");
    sq_bind_text(st, 1, postcode);
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW) {
        *neighbourhood = vg_db_col_i64(st, 0);
        *la = vg_db_col_i64(st, 1);
    }
    vg_db_finalize(st);
    return rc == VG_DB_ROW || rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "postcode");
}
