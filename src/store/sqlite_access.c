/* sqlite_access.c - agencies, users, sessions, the audit log, safety-net cases,
 * restrictions and read receipts in SQLite. */
#include "base/alloc.h"
#include "store/sqlite_int.h"

#include <string.h>

static void copy_col(vg_db_stmt *st, int i, char *dst, size_t n)
{
    const char *v = sq_col_text(st, i);
    size_t len = v ? strlen(v) : 0;
    if (len >= n)
        len = n - 1;
    if (len)
        memcpy(dst, v, len);
    dst[len] = '\0';
}

/* A constraint failure (a taken code or name) is a conflict, not a store failure. */
static vg_err step_insert(sq_store *s, vg_db_stmt *st, vg_id *id, vg_error *err, const char *what, const char *key)
{
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW || rc == VG_DB_DONE) {
        if (id && rc == VG_DB_ROW)
            *id = vg_db_col_i64(st, 0);
        return VG_OK;
    }
    if (vg_db_fail_of(s->db) == VG_DB_FAIL_CONSTRAINT)
        return vg_error_set(err, VG_ERR_CONFLICT, what, "%s already exists", key);
    return sq_fail(s, err, what);
}

/* ---- agencies */

vg_err sq_agency_put(vg_store *base, vg_agency *a, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO agency (code, name, kind, created_at) VALUES (?, ?, ?, ?) RETURNING id", &st) != VG_DB_OK)
        return sq_fail(s, err, "agency");
    sq_bind_text(st, 1, a->code);
    sq_bind_text(st, 2, a->name);
    sq_bind_text(st, 3, vg_agency_kind_name(a->kind));
    sq_bind_time(st, 4, vg_time_now());
    vg_err e = step_insert(s, st, &a->id, err, "agency", a->code);
    vg_db_finalize(st);
    return e;
}

vg_err sq_agency_rename(vg_store *base, const char *code, const char *name, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "UPDATE agency SET name = ?2 WHERE code = ?1", &st) != VG_DB_OK)
        return sq_fail(s, err, "agency");
    sq_bind_text(st, 1, code);
    sq_bind_text(st, 2, name);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    if (rc != VG_DB_DONE)
        return sq_fail(s, err, "agency");
    return vg_db_changes(s->db) ? VG_OK : vg_error_set(err, VG_ERR_NOT_FOUND, "agency", "no agency %s", code);
}

static void agency_row(vg_db_stmt *st, int c, vg_agency *out)
{
    memset(out, 0, sizeof *out);
    out->id = vg_db_col_i64(st, c);
    copy_col(st, c + 1, out->code, sizeof out->code);
    copy_col(st, c + 2, out->name, sizeof out->name);
    if (!vg_agency_kind_parse(sq_col_text(st, c + 3), &out->kind))
        out->kind = VG_AK_OTHER;
}

vg_err sq_agency_get(vg_store *base, vg_id id, const char *code, vg_agency *out, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = sq_stmt(s, ST_AGENCY_GET_ID,
                               "SELECT id, code, name, kind FROM agency WHERE (?1 > 0 AND id = ?1) OR (?1 = 0 AND code = ?2)",
                               err);
    if (!st)
        return VG_ERR_STORE;
    vg_db_bind_i64(st, 1, id);
    sq_bind_text(st, 2, code ? code : "");
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW) {
        agency_row(st, 0, out);
        vg_db_reset(st);
        return VG_OK;
    }
    vg_db_reset(st);
    if (rc != VG_DB_DONE)
        return sq_fail(s, err, "agency");
    return id ? vg_error_set(err, VG_ERR_NOT_FOUND, "agency", "no agency %lld", (long long)id)
              : vg_error_set(err, VG_ERR_NOT_FOUND, "agency", "no agency with the code '%s'", code ? code : "");
}

vg_err sq_agencies_each(vg_store *base, vg_agency_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT id, code, name, kind FROM agency ORDER BY id", &st) != VG_DB_OK)
        return sq_fail(s, err, "agencies");
    vg_err e = VG_OK;
    int rc;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_agency a;
        agency_row(st, 0, &a);
        e = fn(ctx, &a);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "agencies");
    vg_db_finalize(st);
    return e;
}

/* ---- users */

vg_err sq_user_put(vg_store *base, vg_user *u, const char *password_hash, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO app_user (username, agency_id, role, password_hash, disabled, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", &st) != VG_DB_OK)
        return sq_fail(s, err, "user");
    sq_bind_text(st, 1, u->username);
    vg_db_bind_i64(st, 2, u->agency.id);
    sq_bind_text(st, 3, vg_user_role_name(u->role));
    sq_bind_text(st, 4, password_hash);
    vg_db_bind_int(st, 5, u->disabled);
    sq_bind_time(st, 6, vg_time_now());
    vg_err e = step_insert(s, st, &u->id, err, "user", u->username);
    vg_db_finalize(st);
    return e;
}

#define USER_COLS                                                                                                  \
    "u.id, u.username, u.role, u.disabled, u.password_hash, u.failed_logins, u.locked_until, a.id, a.code, a.name, " \
    "a.kind FROM app_user u JOIN agency a ON a.id = u.agency_id"

static void user_row(vg_db_stmt *st, vg_user *u)
{
    memset(u, 0, sizeof *u);
    u->id = vg_db_col_i64(st, 0);
    copy_col(st, 1, u->username, sizeof u->username);
    if (!vg_user_role_parse(sq_col_text(st, 2), &u->role))
        u->role = VG_UR_COUNT; /* unknown: no permissions */
    u->disabled = vg_db_col_int(st, 3) != 0;
    agency_row(st, 7, &u->agency);
}

vg_err sq_user_get(vg_store *base, vg_id id, const char *username, vg_user_auth *out, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = id ? sq_stmt(s, ST_USER_GET_ID, "SELECT " USER_COLS " WHERE u.id = ?", err)
                          : sq_stmt(s, ST_USER_GET_NAME, "SELECT " USER_COLS " WHERE u.username = ?", err);
    if (!st)
        return VG_ERR_STORE;
    if (id)
        vg_db_bind_i64(st, 1, id);
    else
        sq_bind_text(st, 1, username ? username : "");
    int rc = vg_db_step(st);
    vg_err e = VG_OK;
    if (rc == VG_DB_ROW) {
        memset(out, 0, sizeof *out);
        user_row(st, &out->user);
        copy_col(st, 4, out->password_hash, sizeof out->password_hash);
        out->failed_logins = vg_db_col_int(st, 5);
        out->locked_until = sq_col_time(st, 6);
    } else if (rc == VG_DB_DONE) {
        e = vg_error_set(err, VG_ERR_NOT_FOUND, "user", "no such user");
    } else {
        e = sq_fail(s, err, "user");
    }
    vg_db_reset(st);
    return e;
}

vg_err sq_user_update(vg_store *base, vg_id id, const char *password_hash, int disabled, int failed_logins,
                      vg_time locked_until, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "UPDATE app_user SET password_hash = coalesce(?2, password_hash), "
                           "disabled = CASE WHEN ?3 < 0 THEN disabled ELSE ?3 END, "
                           "failed_logins = CASE WHEN ?4 < 0 THEN failed_logins ELSE ?4 END, "
                           "locked_until = CASE WHEN ?4 < 0 THEN locked_until ELSE ?5 END WHERE id = ?1", &st) != VG_DB_OK)
        return sq_fail(s, err, "user");
    vg_db_bind_i64(st, 1, id);
    sq_bind_text(st, 2, password_hash);
    vg_db_bind_int(st, 3, disabled);
    vg_db_bind_int(st, 4, failed_logins);
    sq_bind_time(st, 5, locked_until);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    if (rc != VG_DB_DONE)
        return sq_fail(s, err, "user");
    return vg_db_changes(s->db) ? VG_OK : vg_error_set(err, VG_ERR_NOT_FOUND, "user", "no such user");
}

vg_err sq_users_each(vg_store *base, vg_user_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT " USER_COLS " ORDER BY u.username", &st) != VG_DB_OK)
        return sq_fail(s, err, "users");
    vg_err e = VG_OK;
    int rc;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_user u;
        user_row(st, &u);
        e = fn(ctx, &u);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "users");
    vg_db_finalize(st);
    return e;
}

/* ---- sessions */

vg_err sq_session_put(vg_store *base, const uint8_t hash[32], vg_id user, const char *csrf, vg_time created,
                      vg_time expires, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO user_session (token_hash, user_id, csrf, created_at, expires_at, last_seen) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?4)", &st) != VG_DB_OK)
        return sq_fail(s, err, "session");
    vg_db_bind_blob(st, 1, hash, 32, VG_DB_STATIC);
    vg_db_bind_i64(st, 2, user);
    sq_bind_text(st, 3, csrf);
    sq_bind_time(st, 4, created);
    sq_bind_time(st, 5, expires);
    vg_err e = step_insert(s, st, NULL, err, "session", "the session");
    vg_db_finalize(st);
    return e;
}

vg_err sq_session_get(vg_store *base, const uint8_t hash[32], vg_id *user, char *csrf, vg_time *expires,
                      vg_time *last_seen, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = sq_stmt(s, ST_SESSION_GET,
                               "SELECT user_id, csrf, expires_at, coalesce(last_seen, created_at) FROM user_session "
                               "WHERE token_hash = ?",
                               err);
    if (!st)
        return VG_ERR_STORE;
    vg_db_bind_blob(st, 1, hash, 32, VG_DB_STATIC);
    int rc = vg_db_step(st);
    vg_err e = VG_OK;
    if (rc == VG_DB_ROW) {
        *user = vg_db_col_i64(st, 0);
        copy_col(st, 1, csrf, 64);
        *expires = sq_col_time(st, 2);
        if (last_seen)
            *last_seen = sq_col_time(st, 3);
    } else if (rc == VG_DB_DONE) {
        e = vg_error_set(err, VG_ERR_NOT_FOUND, "session", "no such session");
    } else {
        e = sq_fail(s, err, "session");
    }
    vg_db_reset(st);
    return e;
}

vg_err sq_session_delete(vg_store *base, const uint8_t *hash, vg_id user, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    const char *sql = hash ? "DELETE FROM user_session WHERE token_hash = ?" : "DELETE FROM user_session WHERE user_id = ?";
    if (vg_db_prepare(s->db, sql, &st) != VG_DB_OK)
        return sq_fail(s, err, "session");
    if (hash)
        vg_db_bind_blob(st, 1, hash, 32, VG_DB_STATIC);
    else
        vg_db_bind_i64(st, 1, user);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "session");
}

vg_err sq_session_touch(vg_store *base, const uint8_t hash[32], vg_time at, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "UPDATE user_session SET last_seen = ? WHERE token_hash = ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "session");
    sq_bind_time(st, 1, at);
    vg_db_bind_blob(st, 2, hash, 32, VG_DB_STATIC);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "session");
}

vg_err sq_session_purge(vg_store *base, vg_time before, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "DELETE FROM user_session WHERE expires_at < ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "session");
    sq_bind_time(st, 1, before);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "session");
}

vg_err sq_user_set_role(vg_store *base, vg_id id, vg_user_role role, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "UPDATE app_user SET role = ? WHERE id = ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "user");
    sq_bind_text(st, 1, vg_user_role_name(role));
    vg_db_bind_i64(st, 2, id);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "user");
}

vg_err sq_user_set_agency(vg_store *base, vg_id id, vg_id agency, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "UPDATE app_user SET agency_id = ? WHERE id = ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "user");
    vg_db_bind_i64(st, 1, agency);
    vg_db_bind_i64(st, 2, id);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "user");
}

/* ---- requests for a second administrator */

vg_err sq_request_put(vg_store *base, vg_user_request *r, const char *password_hash, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO user_request (kind, username, role, agency_id, password_hash, requested_by, "
                           "requested_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", &st) != VG_DB_OK)
        return sq_fail(s, err, "request");
    sq_bind_text(st, 1, vg_request_kind_name(r->kind));
    sq_bind_text(st, 2, r->username);
    sq_bind_text(st, 3, r->kind == VG_REQ_PASSWORD ? NULL : vg_user_role_name(r->role));
    if (r->agency.id)
        vg_db_bind_i64(st, 4, r->agency.id);
    else
        vg_db_bind_null(st, 4);
    sq_bind_text(st, 5, password_hash);
    vg_db_bind_i64(st, 6, r->requested_by);
    sq_bind_time(st, 7, r->requested_at);
    vg_err e = step_insert(s, st, &r->id, err, "request", r->username);
    vg_db_finalize(st);
    return e;
}

#define REQUEST_COLS                                                                                                   \
    "r.id, r.kind, r.username, r.role, r.agency_id, coalesce(a.code, ''), r.requested_by, coalesce(u.username, ''), "  \
    "r.requested_at, r.status, r.decided_by, coalesce(d.username, ''), r.decided_at, coalesce(r.password_hash, ''), "  \
    "coalesce(a.name, '') "                                                                                            \
    "FROM user_request r LEFT JOIN agency a ON a.id = r.agency_id LEFT JOIN app_user u ON u.id = r.requested_by "      \
    "LEFT JOIN app_user d ON d.id = r.decided_by"

static void request_row(vg_db_stmt *st, vg_user_request *r)
{
    memset(r, 0, sizeof *r);
    r->id = vg_db_col_i64(st, 0);
    (void)vg_request_kind_parse(sq_col_text(st, 1), &r->kind);
    copy_col(st, 2, r->username, sizeof r->username);
    if (!vg_user_role_parse(sq_col_text(st, 3), &r->role))
        r->role = VG_UR_COUNT;
    r->agency.id = vg_db_col_i64(st, 4);
    copy_col(st, 5, r->agency.code, sizeof r->agency.code);
    r->requested_by = vg_db_col_i64(st, 6);
    copy_col(st, 7, r->requested_by_name, sizeof r->requested_by_name);
    r->requested_at = sq_col_time(st, 8);
    copy_col(st, 9, r->status, sizeof r->status);
    r->decided_by = vg_db_col_i64(st, 10);
    copy_col(st, 11, r->decided_by_name, sizeof r->decided_by_name);
    r->decided_at = sq_col_time(st, 12);
    copy_col(st, 14, r->agency.name, sizeof r->agency.name);
}

vg_err sq_request_get(vg_store *base, vg_id id, vg_user_request *r, char *hash, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT " REQUEST_COLS " WHERE r.id = ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "request");
    vg_db_bind_i64(st, 1, id);
    int rc = vg_db_step(st);
    vg_err e = VG_OK;
    if (rc == VG_DB_ROW) {
        request_row(st, r);
        if (hash)
            copy_col(st, 13, hash, 128);
    } else {
        e = rc == VG_DB_DONE ? vg_error_set(err, VG_ERR_NOT_FOUND, "request", "no request %lld", (long long)id)
                              : sq_fail(s, err, "request");
    }
    vg_db_finalize(st);
    return e;
}

vg_err sq_requests_each(vg_store *base, bool pending_only, vg_request_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT " REQUEST_COLS " WHERE (? = 0 OR r.status = 'pending') ORDER BY r.id DESC", &st) != VG_DB_OK)
        return sq_fail(s, err, "request");
    vg_db_bind_int(st, 1, pending_only);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_user_request r;
        request_row(st, &r);
        e = fn(ctx, &r);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "request");
    vg_db_finalize(st);
    return e;
}

vg_err sq_request_decide(vg_store *base, vg_id id, const char *status, vg_id by, vg_time at, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "UPDATE user_request SET status = ?, decided_by = ?, decided_at = ?, password_hash = NULL "
                           "WHERE id = ? AND status = 'pending'", &st) != VG_DB_OK)
        return sq_fail(s, err, "request");
    sq_bind_text(st, 1, status);
    if (by)
        vg_db_bind_i64(st, 2, by);
    else
        vg_db_bind_null(st, 2);
    sq_bind_time(st, 3, at);
    vg_db_bind_i64(st, 4, id);
    int rc = vg_db_step(st);
    int changed = vg_db_changes(s->db);
    vg_db_finalize(st);
    if (rc != VG_DB_DONE)
        return sq_fail(s, err, "request");
    return changed ? VG_OK : vg_error_set(err, VG_ERR_CONFLICT, "request", "request %lld is no longer waiting", (long long)id);
}

/* ---- the audit log */

vg_err sq_audit_head(vg_store *base, int64_t *seq, uint8_t hash[32], vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = sq_stmt(s, ST_AUDIT_HEAD, "SELECT seq, hash FROM audit_head WHERE id = 1", err);
    if (!st)
        return VG_ERR_STORE;
    int rc = vg_db_step(st);
    *seq = 0;
    memset(hash, 0, 32);
    if (rc == VG_DB_ROW) {
        *seq = vg_db_col_i64(st, 0);
        if (vg_db_col_bytes(st, 1) == 32)
            memcpy(hash, vg_db_col_blob(st, 1), 32);
    }
    vg_db_reset(st);
    return rc == VG_DB_ROW || rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "audit");
}

vg_err sq_audit_put(vg_store *base, const vg_audit_entry *e, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = sq_stmt(s, ST_AUDIT_INS,
                               "INSERT INTO audit_log (seq, at, user_id, username, agency, role, action, what, why, "
                               "recipient, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               err);
    if (!st)
        return VG_ERR_STORE;
    vg_db_bind_i64(st, 1, e->seq);
    sq_bind_time(st, 2, e->at);
    if (e->user_id)
        vg_db_bind_i64(st, 3, e->user_id);
    else
        vg_db_bind_null(st, 3);
    sq_bind_text(st, 4, e->username);
    sq_bind_text(st, 5, e->agency);
    sq_bind_text(st, 6, e->role);
    sq_bind_text(st, 7, e->action);
    sq_bind_text(st, 8, e->what);
    sq_bind_text(st, 9, e->why);
    sq_bind_text(st, 10, e->recipient);
    vg_db_bind_blob(st, 11, e->prev_hash, 32, VG_DB_STATIC);
    vg_db_bind_blob(st, 12, e->hash, 32, VG_DB_STATIC);
    int rc = vg_db_step(st);
    vg_db_reset(st);
    if (rc != VG_DB_DONE)
        return sq_fail(s, err, "audit");
    if (e->n_recs) {
        st = sq_stmt(s, ST_AUDIT_REC_INS, "INSERT INTO audit_record (seq, n, kind, record_id) VALUES (?, ?, ?, ?)", err);
        if (!st)
            return VG_ERR_STORE;
        for (size_t i = 0; i < e->n_recs; i++) {
            vg_db_bind_i64(st, 1, e->seq);
            vg_db_bind_i64(st, 2, (int64_t)i);
            sq_bind_text(st, 3, e->recs[i].kind);
            vg_db_bind_i64(st, 4, e->recs[i].id);
            rc = vg_db_step(st);
            vg_db_reset(st);
            if (rc != VG_DB_DONE)
                return sq_fail(s, err, "audit");
        }
    }
    st = sq_stmt(s, ST_AUDIT_HEAD_SET, "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash", err);
    if (!st)
        return VG_ERR_STORE;
    vg_db_bind_i64(st, 1, e->seq);
    vg_db_bind_blob(st, 2, e->hash, 32, VG_DB_STATIC);
    rc = vg_db_step(st);
    vg_db_reset(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "audit");
}

vg_err sq_audit_check_put(vg_store *base, vg_time at, const char *username, int64_t entries, bool ok, int64_t bad_seq,
                          const char *why, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO audit_check (at, username, entries, ok, bad_seq, why) VALUES (?, ?, ?, ?, ?, ?)", &st) != VG_DB_OK)
        return sq_fail(s, err, "audit");
    sq_bind_time(st, 1, at);
    sq_bind_text(st, 2, username);
    vg_db_bind_i64(st, 3, entries);
    vg_db_bind_int(st, 4, ok);
    if (bad_seq)
        vg_db_bind_i64(st, 5, bad_seq);
    else
        vg_db_bind_null(st, 5);
    sq_bind_text(st, 6, why ? why : "");
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "audit");
}

/* The records of the entries being read, stepped beside them (both by seq). */
typedef struct rec_cursor {
    vg_db_stmt *st;
    int rc;            /* of the last step */
    vg_audit_rec *v;   /* the current entry's */
    char *kinds;       /* their kinds' text, NUL-separated */
    size_t n, cap, kn, kcap;
} rec_cursor;

/* Collects the records of entry seq (the cursor is at or past its first). */
static vg_err recs_for(rec_cursor *c, int64_t seq)
{
    c->n = c->kn = 0;
    while (c->rc == VG_DB_ROW && vg_db_col_i64(c->st, 0) < seq) /* of entries not read */
        c->rc = vg_db_step(c->st);
    size_t first_kind = 0;
    while (c->rc == VG_DB_ROW && vg_db_col_i64(c->st, 0) == seq) {
        const char *k = sq_col_text(c->st, 1);
        size_t kl = k ? strlen(k) + 1 : 1;
        if (vg_grow((void **)&c->v, &c->cap, c->n, sizeof *c->v, 64) ||
            vg_grow((void **)&c->kinds, &c->kcap, c->kn + kl, 1, 1024))
            return VG_ERR_NOMEM;
        memcpy(c->kinds + c->kn, k ? k : "", kl);
        c->v[c->n].kind = NULL; /* pointed at below, once the text no longer moves */
        c->v[c->n].id = vg_db_col_i64(c->st, 2);
        c->n++;
        c->kn += kl;
        c->rc = vg_db_step(c->st);
    }
    for (size_t i = 0; i < c->n; i++) {
        c->v[i].kind = c->kinds + first_kind;
        first_kind += strlen(c->kinds + first_kind) + 1;
    }
    return c->rc == VG_DB_ROW || c->rc == VG_DB_DONE ? VG_OK : VG_ERR_STORE;
}

/* The entries that name any record of ?4's resolved person (all when ?4 is 0). */
#define ABOUT_PERSON(seq)                                                                                              \
    "(?4 = 0 OR " seq " IN (SELECT ar.seq FROM audit_record ar WHERE ar.kind = 'person' AND ar.record_id IN "          \
    "(SELECT p.id FROM person p LEFT JOIN person_resolved pr ON pr.person_id = p.id "                                  \
    "WHERE coalesce(pr.resolved_id, p.id) = coalesce((SELECT resolved_id FROM person_resolved WHERE person_id = ?4), ?4))))"

vg_err sq_audit_each(vg_store *base, vg_time from, vg_time to, int64_t upto, vg_id person, vg_audit_fn fn, void *ctx,
                     vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    rec_cursor rc_ = {0};
    if (vg_db_prepare(s->db, "SELECT seq, at, user_id, username, agency, role, action, what, why, recipient, prev_hash, hash "
                           "FROM audit_log WHERE (CAST(?1 AS TEXT) IS NULL OR at >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR at < ?2) AND (?3 = 0 OR seq <= ?3) "
                           "AND " ABOUT_PERSON("seq") " ORDER BY seq", &st) != VG_DB_OK)
        return sq_fail(s, err, "audit");
    if (vg_db_prepare(s->db, "SELECT r.seq, r.kind, r.record_id FROM audit_record r JOIN audit_log l ON l.seq = r.seq "
                           "WHERE (CAST(?1 AS TEXT) IS NULL OR l.at >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR l.at < ?2) AND (?3 = 0 OR r.seq <= ?3) "
                           "AND " ABOUT_PERSON("r.seq") " ORDER BY r.seq, r.n", &rc_.st) != VG_DB_OK) {
        vg_db_finalize(st);
        return sq_fail(s, err, "audit");
    }
    sq_bind_time(st, 1, from);
    sq_bind_time(st, 2, to);
    sq_bind_time(rc_.st, 1, from);
    sq_bind_time(rc_.st, 2, to);
    vg_db_bind_i64(st, 3, upto);
    vg_db_bind_i64(rc_.st, 3, upto);
    vg_db_bind_i64(st, 4, person);
    vg_db_bind_i64(rc_.st, 4, person);
    rc_.rc = vg_db_step(rc_.st);
    vg_err e = VG_OK;
    int rc;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_audit_entry a = {
            .seq = vg_db_col_i64(st, 0), .at = sq_col_time(st, 1), .user_id = vg_db_col_i64(st, 2),
            .username = sq_col_text(st, 3), .agency = sq_col_text(st, 4), .role = sq_col_text(st, 5),
            .action = sq_col_text(st, 6), .what = sq_col_text(st, 7), .why = sq_col_text(st, 8),
            .recipient = sq_col_text(st, 9)};
        /* a damaged entry still reaches the caller: the hashes then fail to match */
        if (vg_db_col_bytes(st, 10) == 32)
            memcpy(a.prev_hash, vg_db_col_blob(st, 10), 32);
        if (vg_db_col_bytes(st, 11) == 32)
            memcpy(a.hash, vg_db_col_blob(st, 11), 32);
        if (!a.username)
            a.username = "";
        if (!a.agency)
            a.agency = "";
        if (!a.role)
            a.role = "";
        if (!a.action)
            a.action = "";
        if (!a.what)
            a.what = "";
        if (!a.why)
            a.why = "";
        if ((e = recs_for(&rc_, a.seq))) {
            e = e == VG_ERR_NOMEM ? vg_error_set(err, e, "audit", "out of memory") : sq_fail(s, err, "audit");
            break;
        }
        a.recs = rc_.v;
        a.n_recs = rc_.n;
        e = fn(ctx, &a);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "audit");
    vg_db_finalize(st);
    vg_db_finalize(rc_.st);
    vg_free(rc_.v);
    vg_free(rc_.kinds);
    return e;
}

/* ---- safety-net cases */

void vg_case_rec_free(vg_case_rec *c)
{
    vg_free(c->summary);
    vg_free(c->risk);
    vg_free(c->actions);
    c->summary = c->risk = c->actions = NULL;
}

vg_err sq_case_put(vg_store *base, vg_case_rec *c, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO safety_case (title, subject_kind, person_id, location_id, owner_agency, created_by, "
                           "created_at, status, summary, risk, actions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", &st) != VG_DB_OK)
        return sq_fail(s, err, "case");
    sq_bind_text(st, 1, c->title);
    sq_bind_text(st, 2, c->subject_kind);
    sq_bind_id(st, 3, c->person_id);
    sq_bind_id(st, 4, c->location_id);
    vg_db_bind_i64(st, 5, c->owner_agency);
    sq_bind_id(st, 6, c->created_by);
    sq_bind_time(st, 7, c->created_at);
    sq_bind_text(st, 8, c->status[0] ? c->status : "open");
    sq_bind_text(st, 9, c->summary ? c->summary : "");
    sq_bind_text(st, 10, c->risk ? c->risk : "");
    sq_bind_text(st, 11, c->actions ? c->actions : "");
    vg_err e = step_insert(s, st, &c->id, err, "case", "the case");
    vg_db_finalize(st);
    return e;
}

vg_err sq_case_get(vg_store *base, vg_id id, vg_case_rec *out, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    memset(out, 0, sizeof *out);
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT id, title, subject_kind, person_id, location_id, owner_agency, created_by, created_at, "
                           "status, summary, risk, actions FROM safety_case WHERE id = ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "case");
    vg_db_bind_i64(st, 1, id);
    int rc = vg_db_step(st);
    vg_err e = VG_OK;
    if (rc == VG_DB_ROW) {
        out->id = vg_db_col_i64(st, 0);
        copy_col(st, 1, out->title, sizeof out->title);
        copy_col(st, 2, out->subject_kind, sizeof out->subject_kind);
        out->person_id = vg_db_col_i64(st, 3);
        out->location_id = vg_db_col_i64(st, 4);
        out->owner_agency = vg_db_col_i64(st, 5);
        out->created_by = vg_db_col_i64(st, 6);
        out->created_at = sq_col_time(st, 7);
        copy_col(st, 8, out->status, sizeof out->status);
        if (!sq_col_dup(st, 9, &out->summary) || !sq_col_dup(st, 10, &out->risk) || !sq_col_dup(st, 11, &out->actions)) {
            vg_case_rec_free(out);
            e = vg_error_set(err, VG_ERR_NOMEM, "case", "out of memory");
        }
    } else if (rc == VG_DB_DONE) {
        e = vg_error_set(err, VG_ERR_NOT_FOUND, "case", "no case %lld", (long long)id);
    } else {
        e = sq_fail(s, err, "case");
    }
    vg_db_finalize(st);
    return e;
}

vg_err sq_ids_each(sq_store *s, vg_db_stmt *st, vg_id_fn fn, void *ctx, vg_error *err, const char *what)
{
    vg_err e = VG_OK;
    int rc;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, vg_db_col_i64(st, 0));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, what);
    vg_db_finalize(st);
    return e;
}

vg_err sq_cases_each(vg_store *base, vg_id_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT id FROM safety_case ORDER BY id", &st) != VG_DB_OK)
        return sq_fail(s, err, "cases");
    return sq_ids_each(s, st, fn, ctx, err, "cases");
}

vg_err sq_case_share_put(vg_store *base, const vg_case_share *sh, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO case_share (case_id, agency_id, fields, gateway, purpose, shared_by, "
                           "shared_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, agency_id) DO UPDATE SET "
                           "fields = excluded.fields, gateway = excluded.gateway, purpose = excluded.purpose, "
                           "shared_by = excluded.shared_by, shared_at = excluded.shared_at", &st) != VG_DB_OK)
        return sq_fail(s, err, "share");
    vg_db_bind_i64(st, 1, sh->case_id);
    vg_db_bind_i64(st, 2, sh->agency_id);
    sq_bind_text(st, 3, sh->fields);
    sq_bind_text(st, 4, sh->gateway);
    sq_bind_text(st, 5, sh->purpose);
    sq_bind_id(st, 6, sh->shared_by);
    sq_bind_time(st, 7, sh->shared_at);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "share");
}

vg_err sq_case_share_delete(vg_store *base, vg_id case_id, vg_id agency_id, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "DELETE FROM case_share WHERE case_id = ? AND agency_id = ?", &st) !=
        VG_DB_OK)
        return sq_fail(s, err, "share");
    vg_db_bind_i64(st, 1, case_id);
    vg_db_bind_i64(st, 2, agency_id);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    if (rc != VG_DB_DONE)
        return sq_fail(s, err, "share");
    return vg_db_changes(s->db) ? VG_OK
                                  : vg_error_set(err, VG_ERR_NOT_FOUND, "share", "the case is not shared with that agency");
}

vg_err sq_case_shares_each(vg_store *base, vg_id case_id, vg_case_share_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT case_id, agency_id, fields, gateway, purpose, shared_by, shared_at FROM case_share "
                           "WHERE case_id = ? ORDER BY agency_id", &st) != VG_DB_OK)
        return sq_fail(s, err, "shares");
    vg_db_bind_i64(st, 1, case_id);
    vg_err e = VG_OK;
    int rc;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_case_share sh;
        memset(&sh, 0, sizeof sh);
        sh.case_id = vg_db_col_i64(st, 0);
        sh.agency_id = vg_db_col_i64(st, 1);
        copy_col(st, 2, sh.fields, sizeof sh.fields);
        copy_col(st, 3, sh.gateway, sizeof sh.gateway);
        copy_col(st, 4, sh.purpose, sizeof sh.purpose);
        sh.shared_by = vg_db_col_i64(st, 5);
        sh.shared_at = sq_col_time(st, 6);
        e = fn(ctx, &sh);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "shares");
    vg_db_finalize(st);
    return e;
}

/* ---- restrictions and read receipts */

vg_err sq_restriction_add(vg_store *base, const char *kind, vg_id record, vg_id user, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO record_restriction (kind, record_id, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", &st) != VG_DB_OK)
        return sq_fail(s, err, "restriction");
    sq_bind_text(st, 1, kind);
    vg_db_bind_i64(st, 2, record);
    vg_db_bind_i64(st, 3, user);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "restriction");
}

vg_err sq_restriction_check(vg_store *base, const char *kind, vg_id record, vg_id user, bool *restricted,
                            bool *allowed, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = sq_stmt(s, ST_RESTRICT_CHECK,
                               "SELECT count(*), count(CASE WHEN user_id = ?3 THEN 1 END) FROM record_restriction "
                               "WHERE kind = ?1 AND record_id = ?2",
                               err);
    if (!st)
        return VG_ERR_STORE;
    sq_bind_text(st, 1, kind);
    vg_db_bind_i64(st, 2, record);
    vg_db_bind_i64(st, 3, user);
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW) {
        *restricted = vg_db_col_i64(st, 0) > 0;
        *allowed = vg_db_col_i64(st, 1) > 0;
    }
    vg_db_reset(st);
    return rc == VG_DB_ROW ? VG_OK : sq_fail(s, err, "restriction");
}

vg_err sq_restrictions_each(vg_store *base, const char *kind, vg_restriction_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT record_id, user_id FROM record_restriction WHERE kind = ? ORDER BY 1, 2", &st) != VG_DB_OK)
        return sq_fail(s, err, "restriction");
    sq_bind_text(st, 1, kind);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, vg_db_col_i64(st, 0), vg_db_col_i64(st, 1));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "restriction");
    vg_db_finalize(st);
    return e;
}

vg_err sq_read_receipt_put(vg_store *base, vg_id incident, vg_id user, const char *queue, vg_time at, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "INSERT INTO read_receipt (incident_id, user_id, queue, read_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (incident_id, user_id) DO NOTHING", &st) != VG_DB_OK)
        return sq_fail(s, err, "receipt");
    vg_db_bind_i64(st, 1, incident);
    vg_db_bind_i64(st, 2, user);
    sq_bind_text(st, 3, queue);
    sq_bind_time(st, 4, at);
    int rc = vg_db_step(st);
    vg_db_finalize(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "receipt");
}

vg_err sq_incident_ids(vg_store *base, vg_time from, vg_time to, size_t max, vg_id_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT id FROM incident WHERE (CAST(?1 AS TEXT) IS NULL OR received_at >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR received_at < ?2) "
                           "ORDER BY received_at DESC, id DESC LIMIT ?3", &st) != VG_DB_OK)
        return sq_fail(s, err, "incidents");
    sq_bind_time(st, 1, from);
    sq_bind_time(st, 2, to);
    vg_db_bind_i64(st, 3, (int64_t)max);
    return sq_ids_each(s, st, fn, ctx, err, "incidents");
}

vg_err sq_incident_points(vg_store *base, vg_id area, vg_time from, vg_time to, size_t max, vg_incident_point_fn fn,
                          void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT i.id, i.category, i.received_at, l.lat, l.lon, l.placed IS NOT NULL FROM incident i "
                           "JOIN location l ON l.id = i.location_id "
                           "WHERE i.received_at >= ?1 AND i.received_at < ?2 AND l.lat IS NOT NULL AND l.lon IS NOT NULL "
                           "AND (?3 = 0 OR l.neighbourhood_id = ?3 OR l.la_id = ?3) ORDER BY i.received_at LIMIT ?4", &st) != VG_DB_OK)
        return sq_fail(s, err, "incidents");
    sq_bind_time(st, 1, from);
    sq_bind_time(st, 2, to);
    vg_db_bind_i64(st, 3, area);
    vg_db_bind_i64(st, 4, (int64_t)max);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_incident_point p = {.id = vg_db_col_i64(st, 0), .received = sq_col_time(st, 2),
                               .lat = vg_db_col_double(st, 3), .lon = vg_db_col_double(st, 4),
                               .at_postcode_centre = vg_db_col_int(st, 5) != 0};
        (void)vg_category_parse(sq_col_text(st, 1), &p.category);
        e = fn(ctx, &p);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "incidents");
    vg_db_finalize(st);
    return e;
}

vg_err sq_area_positions(vg_store *base, vg_id area, vg_position_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT lat, lon FROM location WHERE (neighbourhood_id = ?1 OR la_id = ?1) "
                           "AND lat IS NOT NULL AND lon IS NOT NULL", &st) != VG_DB_OK)
        return sq_fail(s, err, "locations");
    vg_db_bind_i64(st, 1, area);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, vg_db_col_double(st, 0), vg_db_col_double(st, 1));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "locations");
    vg_db_finalize(st);
    return e;
}

vg_err sq_incident_span(vg_store *base, vg_time *first, vg_time *last, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT min(received_at), max(received_at) FROM incident", &st) != VG_DB_OK)
        return sq_fail(s, err, "incidents");
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW) {
        *first = sq_col_time(st, 0);
        *last = sq_col_time(st, 1);
    }
    vg_db_finalize(st);
    return rc == VG_DB_ROW ? VG_OK : sq_fail(s, err, "incidents");
}

vg_err sq_person_name(vg_store *base, vg_id id, char *given, size_t gn, char *family, size_t fn, vg_date *dob,
                      vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = sq_stmt(s, ST_PERSON_NAME, "SELECT given_names, family_name, dob FROM person WHERE id = ?", err);
    if (!st)
        return VG_ERR_STORE;
    vg_db_bind_i64(st, 1, id);
    int rc = vg_db_step(st);
    vg_err e = VG_OK;
    if (rc == VG_DB_ROW) {
        copy_col(st, 0, given, gn);
        copy_col(st, 1, family, fn);
        *dob = sq_col_date(st, 2);
    } else if (rc == VG_DB_DONE) {
        e = vg_error_set(err, VG_ERR_NOT_FOUND, "person", "no person %lld", (long long)id);
    } else {
        e = sq_fail(s, err, "person");
    }
    vg_db_reset(st);
    return e;
}
