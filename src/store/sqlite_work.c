/* sqlite_work.c - the day's work on records (SQLite): supervisors' reviews, victims'
 * entitlements, joint actions on safety-net cases. */
#include "store/sqlite_int.h"

#include <stdio.h>
#include <string.h>

static void copy_text(vg_db_stmt *st, int col, char *out, size_t n)
{
    const char *t = sq_col_text(st, col);
    snprintf(out, n, "%s", t ? t : "");
}

vg_err sq_review_put(vg_store *base, vg_id crime, vg_id reviewer, vg_time at, const char *direction, vg_time next_due,
                     vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO crime_review (crime_id, reviewer_id, reviewed_at, direction, next_due) "
                           "VALUES (?, nullif(?, 0), ?, ?, ?)", &st) != VG_DB_OK)
        return sq_fail(s, err, "review");
    vg_db_bind_i64(st, 1, crime);
    vg_db_bind_i64(st, 2, reviewer);
    sq_bind_time(st, 3, at);
    sq_bind_text(st, 4, direction);
    sq_bind_time(st, 5, next_due);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "review");
}

vg_err sq_crime_reviews(vg_store *base, vg_id crime, vg_crime_review_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT r.reviewed_at, coalesce(u.username, ''), r.direction, r.next_due FROM crime_review r "
                           "LEFT JOIN app_user u ON u.id = r.reviewer_id WHERE r.crime_id = ? ORDER BY r.reviewed_at, r.id", &st) != VG_DB_OK)
        return sq_fail(s, err, "reviews");
    vg_db_bind_i64(st, 1, crime);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, sq_col_time(st, 0), sq_col_text(st, 1), sq_col_text(st, 2), sq_col_time(st, 3));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "reviews");
    vg_db_finalize(st);
    return e;
}

vg_err sq_entitlement_put(vg_store *base, vg_id crime, vg_id person, vg_entitlement ent, vg_time at, vg_id user,
                          const char *note, bool *was_victim, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    *was_victim = false;
    if (vg_db_prepare(s->db, "INSERT INTO victim_entitlement (crime_id, person_id, entitlement, met_at, user_id, note) "
                           "SELECT ?1, ?2, ?3, ?4, nullif(?5, 0), ?6 WHERE EXISTS (SELECT 1 FROM crime_person "
                           "WHERE crime_id = ?1 AND person_id = ?2 AND role = 'victim') "
                           "ON CONFLICT (crime_id, person_id, entitlement) DO NOTHING", &st) != VG_DB_OK)
        return sq_fail(s, err, "entitlement");
    vg_db_bind_i64(st, 1, crime);
    vg_db_bind_i64(st, 2, person);
    sq_bind_text(st, 3, vg_entitlement_name(ent));
    sq_bind_time(st, 4, at);
    vg_db_bind_i64(st, 5, user);
    sq_bind_text(st, 6, note ? note : "");
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    if (rc != VG_DB_DONE)
        return sq_fail(s, err, "entitlement");
    if (vg_db_prepare(s->db, "SELECT 1 FROM crime_person WHERE crime_id = ? AND person_id = ? AND role = 'victim'", &st) != VG_DB_OK)
        return sq_fail(s, err, "entitlement");
    vg_db_bind_i64(st, 1, crime);
    vg_db_bind_i64(st, 2, person);
    rc = vg_db_step(st);
    *was_victim = rc == VG_DB_ROW;
    vg_db_finalize(st);
    return rc == VG_DB_ROW || rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "entitlement");
}

static void action_row(vg_db_stmt *st, vg_case_action *a)
{
    memset(a, 0, sizeof *a);
    a->id = vg_db_col_i64(st, 0);
    a->case_id = vg_db_col_i64(st, 1);
    copy_text(st, 2, a->agency, sizeof a->agency);
    copy_text(st, 3, a->text, sizeof a->text);
    a->due = sq_col_date(st, 4);
    a->created_at = sq_col_time(st, 5);
    a->done_at = sq_col_time(st, 6);
}

#define ACTION_COLS "a.id, a.case_id, g.code, a.text, a.due, a.created_at, a.done_at FROM case_action a JOIN agency g ON g.id = a.agency_id"

vg_err sq_case_actions(vg_store *base, vg_id case_id, vg_case_action_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT " ACTION_COLS " WHERE a.case_id = ? ORDER BY a.done_at IS NOT NULL, a.due IS NULL, "
                           "a.due, a.id", &st) != VG_DB_OK)
        return sq_fail(s, err, "actions");
    vg_db_bind_i64(st, 1, case_id);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_case_action a;
        action_row(st, &a);
        e = fn(ctx, &a);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "actions");
    vg_db_finalize(st);
    return e;
}

vg_err sq_case_action_get(vg_store *base, vg_id id, vg_case_action *out, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT " ACTION_COLS " WHERE a.id = ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "action");
    vg_db_bind_i64(st, 1, id);
    int rc = vg_db_step(st);
    vg_err e = VG_OK;
    if (rc == VG_DB_ROW)
        action_row(st, out);
    else if (rc == VG_DB_DONE)
        e = vg_error_set(err, VG_ERR_NOT_FOUND, "action", "no action %lld", (long long)id);
    else
        e = sq_fail(s, err, "action");
    vg_db_finalize(st);
    return e;
}

vg_err sq_case_action_put(vg_store *base, vg_id case_id, vg_id agency, const char *text, vg_date due, vg_id user,
                          vg_time at, vg_id *id, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO case_action (case_id, agency_id, text, due, created_by, created_at) "
                           "VALUES (?, ?, ?, ?, nullif(?, 0), ?) RETURNING id", &st) != VG_DB_OK)
        return sq_fail(s, err, "action");
    vg_db_bind_i64(st, 1, case_id);
    vg_db_bind_i64(st, 2, agency);
    sq_bind_text(st, 3, text);
    sq_bind_date(st, 4, due);
    vg_db_bind_i64(st, 5, user);
    sq_bind_time(st, 6, at);
    vg_err e = sq_step_insert(s, st, VG_DB_OK, id, err, "action");
    vg_db_finalize(st);
    return e;
}

vg_err sq_case_action_done(vg_store *base, vg_id id, vg_id user, vg_time at, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "UPDATE case_action SET done_at = ?, done_by = nullif(?, 0) WHERE id = ? AND done_at IS NULL", &st) != VG_DB_OK)
        return sq_fail(s, err, "action");
    sq_bind_time(st, 1, at);
    vg_db_bind_i64(st, 2, user);
    vg_db_bind_i64(st, 3, id);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "action");
}

/* ---- a case's notes */

vg_err sq_case_note_put(vg_store *base, vg_id case_id, vg_id agency, vg_id user, const char *username, vg_time at,
                        const char *text, vg_id *id, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO case_note (case_id, agency_id, user_id, username, at, text) "
                           "VALUES (?, ?, nullif(?, 0), ?, ?, ?) RETURNING id", &st) != VG_DB_OK)
        return sq_fail(s, err, "note");
    vg_db_bind_i64(st, 1, case_id);
    vg_db_bind_i64(st, 2, agency);
    vg_db_bind_i64(st, 3, user);
    sq_bind_text(st, 4, username);
    sq_bind_time(st, 5, at);
    sq_bind_text(st, 6, text);
    vg_err e = sq_step_insert(s, st, VG_DB_OK, id, err, "note");
    vg_db_finalize(st);
    return e;
}

vg_err sq_case_notes_each(vg_store *base, vg_id case_id, vg_err (*fn)(void *ctx, const vg_case_note *n), void *ctx,
                          vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT n.id, n.agency_id, n.at, n.username, g.name, n.text FROM case_note n JOIN agency g "
                           "ON g.id = n.agency_id WHERE n.case_id = ? ORDER BY n.id", &st) != VG_DB_OK)
        return sq_fail(s, err, "notes");
    vg_db_bind_i64(st, 1, case_id);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_case_note n = {vg_db_col_i64(st, 0), vg_db_col_i64(st, 1), sq_col_time(st, 2),
                          sq_col_text(st, 3), sq_col_text(st, 4), sq_col_text(st, 5)};
        e = fn(ctx, &n);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "notes");
    vg_db_finalize(st);
    return e;
}
