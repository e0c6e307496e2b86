/* sqlite_dispatch.c - the control room's work on incidents (SQLite): dispatch state,
 * the incident log, re-grading and closing, and the open incidents of the board. */
#include "base/alloc.h"
#include "store/sqlite_int.h"

#include <stdio.h>
#include <string.h>

static void copy_text(vg_db_stmt *st, int col, char *out, size_t n)
{
    const char *t = sq_col_text(st, col);
    snprintf(out, n, "%s", t ? t : "");
}

/* the state columns, from column c on: status, acknowledged_by, its username,
 * acknowledged_at, unit, closure, updated_at */
#define STATE_COLS "d.status, d.acknowledged_by, u.username, d.acknowledged_at, d.unit, d.closure, d.updated_at"
#define STATE_JOIN "LEFT JOIN incident_dispatch d ON d.incident_id = i.id LEFT JOIN app_user u ON u.id = d.acknowledged_by"

static void read_state(vg_db_stmt *st, int c, vg_id incident, vg_dispatch_state *out)
{
    memset(out, 0, sizeof *out);
    out->incident_id = incident;
    out->status = VG_DS_AWAITING;
    out->acknowledged_at = VG_TIME_NONE;
    out->updated_at = VG_TIME_NONE;
    vg_dispatch_status ds;
    if (vg_dispatch_status_parse(sq_col_text(st, c), &ds))
        out->status = ds;
    out->acknowledged_by = vg_db_col_i64(st, c + 1);
    copy_text(st, c + 2, out->acknowledged_name, sizeof out->acknowledged_name);
    if (vg_db_col_type(st, c + 3) != VG_DB_NULL)
        out->acknowledged_at = sq_col_time(st, c + 3);
    copy_text(st, c + 4, out->unit, sizeof out->unit);
    vg_closure cl;
    out->closure = vg_closure_parse(sq_col_text(st, c + 5), &cl) ? cl : VG_CL_COUNT;
    if (vg_db_col_type(st, c + 6) != VG_DB_NULL)
        out->updated_at = sq_col_time(st, c + 6);
}

vg_err sq_dispatch_get(vg_store *base, vg_id incident, vg_dispatch_state *out, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT i.id, " STATE_COLS " FROM incident i " STATE_JOIN " WHERE i.id = ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "dispatch state");
    vg_db_bind_i64(st, 1, incident);
    int rc = vg_db_step(st);
    vg_err e = VG_OK;
    if (rc == VG_DB_ROW)
        read_state(st, 1, incident, out);
    else if (rc == VG_DB_DONE)
        e = vg_error_set(err, VG_ERR_NOT_FOUND, "incident", "no incident %lld", (long long)incident);
    else
        e = sq_fail(s, err, "dispatch state");
    vg_db_finalize(st);
    return e;
}

vg_err sq_dispatch_put(vg_store *base, const vg_dispatch_state *d, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO incident_dispatch (incident_id, status, acknowledged_by, acknowledged_at, unit, "
                           "closure, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (incident_id) DO UPDATE "
                           "SET status = ?2, acknowledged_by = ?3, acknowledged_at = ?4, unit = ?5, closure = ?6, "
                           "updated_at = ?7", &st) != VG_DB_OK)
        return sq_fail(s, err, "dispatch state");
    vg_db_bind_i64(st, 1, d->incident_id);
    sq_bind_text(st, 2, vg_dispatch_status_name(d->status));
    sq_bind_id(st, 3, d->acknowledged_by);
    if (d->acknowledged_at != VG_TIME_NONE)
        sq_bind_time(st, 4, d->acknowledged_at);
    sq_bind_text(st, 5, d->unit[0] ? d->unit : NULL);
    sq_bind_text(st, 6, d->closure < VG_CL_COUNT ? vg_closure_name(d->closure) : NULL);
    sq_bind_time(st, 7, d->updated_at);
    vg_err e = vg_db_step(st) == VG_DB_DONE ? VG_OK : sq_fail(s, err, "dispatch state");
    vg_db_finalize(st);
    return e;
}

vg_err sq_incident_entry_put(vg_store *base, vg_incident_entry *en, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO incident_log (incident_id, at, user_id, username, kind, thrive, thrive_was, "
                           "status, closure, unit, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st) != VG_DB_OK)
        return sq_fail(s, err, "incident log");
    bool grade = en->kind == VG_EK_GRADE, closing = en->kind == VG_EK_CLOSE || en->kind == VG_EK_CANCEL;
    vg_db_bind_i64(st, 1, en->incident_id);
    sq_bind_time(st, 2, en->at);
    sq_bind_id(st, 3, en->user_id);
    sq_bind_text(st, 4, en->user);
    sq_bind_text(st, 5, vg_entry_kind_name(en->kind));
    sq_bind_text(st, 6, grade ? vg_thrive_name(en->thrive) : NULL);
    sq_bind_text(st, 7, grade ? vg_thrive_name(en->thrive_was) : NULL);
    sq_bind_text(st, 8, vg_dispatch_status_name(en->status));
    sq_bind_text(st, 9, closing ? vg_closure_name(en->closure) : NULL);
    sq_bind_text(st, 10, en->unit[0] ? en->unit : NULL);
    sq_bind_text(st, 11, en->text && *en->text ? en->text : NULL);
    vg_err e = sq_step_insert(s, st, VG_DB_OK, &en->id, err, "incident log");
    vg_db_finalize(st);
    return e;
}

vg_err sq_incident_entries_each(vg_store *base, vg_id incident, vg_entry_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT id, at, user_id, username, kind, thrive, thrive_was, status, closure, unit, text "
                           "FROM incident_log WHERE incident_id = ? ORDER BY id", &st) != VG_DB_OK)
        return sq_fail(s, err, "incident log");
    vg_db_bind_i64(st, 1, incident);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_incident_entry en;
        memset(&en, 0, sizeof en);
        en.id = vg_db_col_i64(st, 0);
        en.incident_id = incident;
        en.at = sq_col_time(st, 1);
        en.user_id = vg_db_col_i64(st, 2);
        copy_text(st, 3, en.user, sizeof en.user);
        vg_entry_kind k;
        vg_thrive t;
        vg_dispatch_status ds;
        vg_closure cl;
        en.kind = vg_entry_kind_parse(sq_col_text(st, 4), &k) ? k : VG_EK_UPDATE;
        en.thrive = vg_thrive_parse(sq_col_text(st, 5), &t) ? t : VG_THRIVE_UNGRADED;
        en.thrive_was = vg_thrive_parse(sq_col_text(st, 6), &t) ? t : VG_THRIVE_UNGRADED;
        en.status = vg_dispatch_status_parse(sq_col_text(st, 7), &ds) ? ds : VG_DS_AWAITING;
        en.closure = vg_closure_parse(sq_col_text(st, 8), &cl) ? cl : VG_CL_COUNT;
        copy_text(st, 9, en.unit, sizeof en.unit);
        en.text = (char *)sq_col_text(st, 10); /* valid for the call */
        e = fn(ctx, &en);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "incident log");
    vg_db_finalize(st);
    return e;
}

vg_err sq_incident_set_state(vg_store *base, vg_id incident, vg_thrive thrive, vg_time closed_at, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "UPDATE incident SET thrive = ?, closed_at = ? WHERE id = ?", &st) !=
        VG_DB_OK)
        return sq_fail(s, err, "incident");
    sq_bind_text(st, 1, vg_thrive_name(thrive));
    if (closed_at != VG_TIME_NONE)
        sq_bind_time(st, 2, closed_at);
    vg_db_bind_i64(st, 3, incident);
    vg_err e = vg_db_step(st) == VG_DB_DONE ? VG_OK : sq_fail(s, err, "incident");
    if (!e && vg_db_changes(s->db) == 0)
        e = vg_error_set(err, VG_ERR_NOT_FOUND, "incident", "no incident %lld", (long long)incident);
    vg_db_finalize(st);
    return e;
}

vg_err sq_board_each(vg_store *base, vg_board_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    /* every open incident (the partial index incident_open); the service keeps the graded
     * ones that send someone and orders them */
    if (vg_db_prepare(s->db, "SELECT i.id, i.reference, i.received_at, i.category, i.thrive, i.narrative, i.location_id, "
                           STATE_COLS " FROM incident i " STATE_JOIN " WHERE i.closed_at IS NULL ORDER BY i.received_at, i.id", &st) != VG_DB_OK)
        return sq_fail(s, err, "dispatch board");
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_board_item it;
        memset(&it, 0, sizeof it);
        it.incident_id = vg_db_col_i64(st, 0);
        copy_text(st, 1, it.reference, sizeof it.reference);
        it.received_at = sq_col_time(st, 2);
        vg_category c;
        vg_thrive t;
        it.category = vg_category_parse(sq_col_text(st, 3), &c) ? c : VG_CAT_ADMIN;
        it.thrive = vg_thrive_parse(sq_col_text(st, 4), &t) ? t : VG_THRIVE_UNGRADED;
        it.narrative = (char *)sq_col_text(st, 5); /* valid for the call */
        it.location_id = vg_db_col_i64(st, 6);
        read_state(st, 7, it.incident_id, &it.state);
        e = fn(ctx, &it);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "dispatch board");
    vg_db_finalize(st);
    return e;
}
