/* sqlite_opendata.c - the SQLite backend's official open data: the string dictionary
 * (cached in memory), police.uk files and rows, Home Office recorded crime, ONS
 * population and households by force area, and deployment settings. */
#include "store/sqlite_int.h"
#include "base/alloc.h"

#include <stdio.h>
#include <string.h>

static const char *const sql[ST_COUNT] = {
    [ST_OD_DICT_GET] = "SELECT id, value FROM od_dict ORDER BY id",
    [ST_OD_DICT_INS] = "INSERT INTO od_dict (id, value) VALUES (?,?)",
    [ST_OD_FILE_GET] = "SELECT id FROM od_file WHERE force = ? AND month = ? AND kind = ?",
    [ST_OD_FILE_INS] = "INSERT INTO od_file (kind, force, force_name, month, path, rows, imported_at) VALUES (?,?,?,?,?,0,?) RETURNING id",
    [ST_OD_FILE_ROWS] = "UPDATE od_file SET rows = ?, first_row = ?, last_row = ? WHERE id = ?",
    [ST_OD_DEL_STREET] = "DELETE FROM od_street WHERE rowid BETWEEN (SELECT first_row FROM od_file WHERE id = ?1) "
                         "AND (SELECT last_row FROM od_file WHERE id = ?1)",
    [ST_OD_DEL_OUTCOME] = "DELETE FROM od_outcome WHERE rowid BETWEEN (SELECT first_row FROM od_file WHERE id = ?1) "
                          "AND (SELECT last_row FROM od_file WHERE id = ?1)",
    [ST_OD_DEL_STOP] = "DELETE FROM od_stop_search WHERE rowid BETWEEN (SELECT first_row FROM od_file WHERE id = ?1) "
                       "AND (SELECT last_row FROM od_file WHERE id = ?1)",
    [ST_OD_DEL_COUNT] = "DELETE FROM od_count WHERE file_id = ?",
    [ST_OD_DEL_FILE] = "DELETE FROM od_file WHERE id = ?",
    [ST_OD_STREET_INS] = "INSERT INTO od_street (file_id, crime_id, month, reported_by, falls_within, lon, lat, location, "
                         "lsoa_code, lsoa_name, crime_type, outcome, context) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING rowid",
    [ST_OD_OUTCOME_INS] = "INSERT INTO od_outcome (file_id, crime_id, month, reported_by, falls_within, lon, lat, location, "
                          "lsoa_code, lsoa_name, outcome_type) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING rowid",
    [ST_OD_STOP_INS] = "INSERT INTO od_stop_search (file_id, type, date, part_of_operation, operation_name, lon, lat, gender, "
                       "age_range, self_ethnicity, officer_ethnicity, legislation, object, outcome, outcome_linked, removal) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING rowid",
    [ST_OD_COUNT_INS] = "INSERT INTO od_count (file_id, value, n) VALUES (?,?,?) "
                        "ON CONFLICT (file_id, value) DO UPDATE SET n = od_count.n + excluded.n",
    [ST_HO_INS] = "INSERT INTO ho_recorded (area, period_end, offence, count) VALUES (?,?,?,?) "
                  "ON CONFLICT (area, period_end, offence) DO UPDATE SET count = excluded.count",
    [ST_HO_PERIOD] = "SELECT area, offence, count FROM ho_recorded WHERE period_end = ? ORDER BY area, offence",
    [ST_POP_INS] = "INSERT INTO population (area, year, basis, population, source) VALUES (?,?,?,?,?) "
                   "ON CONFLICT (area, year, basis) DO UPDATE SET population = excluded.population, source = excluded.source",
    /* the local-authority sum first */
    [ST_POP_GET] = "SELECT population, year, basis, source FROM population WHERE area = ? AND year = ? "
                   "ORDER BY basis = 'local-authority' DESC",
    [ST_HH_INS] = "INSERT INTO households (area, year, basis, households, source) VALUES (?,?,?,?,?) "
                  "ON CONFLICT (area, year, basis) DO UPDATE SET households = excluded.households, source = excluded.source",
    /* the latest year at or before; within a year, the local-authority sum first */
    [ST_HH_GET] = "SELECT households, year, basis, source FROM households WHERE area = ? AND year <= ? "
                  "ORDER BY year DESC, basis = 'local-authority' DESC LIMIT 2",
    [ST_SETTING_GET] = "SELECT value FROM setting WHERE key = ?",
    [ST_SETTING_PUT] = "INSERT INTO setting (key, value) VALUES (?,?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
};

static vg_db_stmt *stmt(sq_store *s, int id, vg_error *err) { return sq_stmt(s, id, sql[id], err); }
#define STMT_OR_FAIL(st, id)                        \
    vg_db_stmt *st = stmt(s, id, err);            \
    if (!st)                                        \
        return err && err->code ? err->code : VG_ERR_STORE

static int bind_dict(vg_db_stmt *st, int i, int64_t id) { return id ? vg_db_bind_i64(st, i, id) : vg_db_bind_null(st, i); }

static int bind_coords(vg_db_stmt *st, int i, bool has, int32_t lon, int32_t lat)
{
    int rc = has ? vg_db_bind_int(st, i, lon) : vg_db_bind_null(st, i);
    return rc ? rc : (has ? vg_db_bind_int(st, i + 1, lat) : vg_db_bind_null(st, i + 1));
}

static int bind_tristate(vg_db_stmt *st, int i, int8_t v) { return v < 0 ? vg_db_bind_null(st, i) : vg_db_bind_int(st, i, v); }

vg_err sq_od_dict_each(vg_store *base, vg_od_dict_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_OD_DICT_GET);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, vg_db_col_i64(st, 0), sq_col_text(st, 1), (size_t)vg_db_col_bytes(st, 1));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "od_dict");
    vg_db_reset(st);
    return e;
}

vg_err sq_od_dict_put(vg_store *base, int64_t id, const char *p, size_t n, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_OD_DICT_INS);
    int rc = vg_db_bind_i64(st, 1, id);
    rc = rc ? rc : vg_db_bind_text(st, 2, p, (int)n, VG_DB_STATIC);
    return sq_step_insert(s, st, rc, NULL, err, "od_dict");
}

/* A file's rows sit in one rowid range of its kind's table (they are written in one go
 * inside one transaction by the only writer), so deleting them needs no index. */
static vg_err delete_file_rows(sq_store *s, vg_id file_id, vg_error *err)
{
    static const int dels[] = {ST_OD_DEL_STREET, ST_OD_DEL_OUTCOME, ST_OD_DEL_STOP, ST_OD_DEL_COUNT, ST_OD_DEL_FILE};
    for (size_t i = 0; i < sizeof dels / sizeof dels[0]; i++) {
        STMT_OR_FAIL(st, dels[i]);
        vg_err e = sq_step_insert(s, st, vg_db_bind_i64(st, 1, file_id), NULL, err, "od_file");
        if (e)
            return e;
    }
    return VG_OK;
}

vg_err sq_od_file_replace(vg_store *base, const vg_od_file *f, vg_id *file_id, bool *replaced, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    *replaced = false;
    STMT_OR_FAIL(st, ST_OD_FILE_GET);
    vg_db_bind_text(st, 1, f->force, -1, VG_DB_STATIC);
    vg_db_bind_int(st, 2, f->month);
    vg_db_bind_text(st, 3, f->kind, -1, VG_DB_STATIC);
    int rc = vg_db_step(st);
    vg_id old = rc == VG_DB_ROW ? vg_db_col_i64(st, 0) : 0;
    vg_db_reset(st);
    if (rc != VG_DB_ROW && rc != VG_DB_DONE)
        return sq_fail(s, err, "od_file");
    if (old) {
        vg_err e = delete_file_rows(s, old, err);
        if (e)
            return e;
        *replaced = true;
    }
    STMT_OR_FAIL(ins, ST_OD_FILE_INS);
    rc = sq_bind_text(ins, 1, f->kind);
    rc = rc ? rc : sq_bind_text(ins, 2, f->force);
    rc = rc ? rc : sq_bind_text(ins, 3, f->force_name);
    rc = rc ? rc : vg_db_bind_int(ins, 4, f->month);
    rc = rc ? rc : sq_bind_text(ins, 5, f->path);
    rc = rc ? rc : sq_bind_time(ins, 6, vg_time_now());
    s->od_first_row = s->od_last_row = 0;
    return sq_step_insert(s, ins, rc, file_id, err, "od_file");
}

/* Notes the rowid of a row just written for the current file. */
static void note_row(sq_store *s, vg_id id)
{
    if (!s->od_first_row)
        s->od_first_row = id;
    s->od_last_row = id;
}

vg_err sq_od_file_finish(vg_store *base, vg_id file_id, int64_t rows, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_OD_FILE_ROWS);
    int rc = vg_db_bind_i64(st, 1, rows);
    rc = rc ? rc : sq_bind_id(st, 2, s->od_first_row);
    rc = rc ? rc : sq_bind_id(st, 3, s->od_last_row);
    rc = rc ? rc : vg_db_bind_i64(st, 4, file_id);
    return sq_step_insert(s, st, rc, NULL, err, "od_file");
}

static int bind_crime_id(vg_db_stmt *st, int i, const uint8_t *id)
{
    return id ? vg_db_bind_blob(st, i, id, 32, VG_DB_STATIC) : vg_db_bind_null(st, i);
}

/* Binds the columns street and outcome rows share: file_id, crime_id, month, reported_by,
 * falls_within, lon, lat, location, lsoa_code, lsoa_name (parameters 1-10). */
static int bind_located(vg_db_stmt *st, vg_id file_id, const uint8_t *crime_id, int month, int64_t reported_by,
                        int64_t falls_within, bool has_coords, int32_t lon, int32_t lat, int64_t location,
                        int64_t lsoa_code, int64_t lsoa_name)
{
    int rc = vg_db_bind_i64(st, 1, file_id);
    rc = rc ? rc : bind_crime_id(st, 2, crime_id);
    rc = rc ? rc : vg_db_bind_int(st, 3, month);
    rc = rc ? rc : vg_db_bind_i64(st, 4, reported_by);
    rc = rc ? rc : vg_db_bind_i64(st, 5, falls_within);
    rc = rc ? rc : bind_coords(st, 6, has_coords, lon, lat);
    rc = rc ? rc : bind_dict(st, 8, location);
    rc = rc ? rc : bind_dict(st, 9, lsoa_code);
    rc = rc ? rc : bind_dict(st, 10, lsoa_name);
    return rc;
}

static vg_err put_row(sq_store *s, vg_db_stmt *st, int rc, const char *what, vg_error *err)
{
    vg_id id = 0;
    vg_err e = sq_step_insert(s, st, rc, &id, err, what);
    if (!e)
        note_row(s, id);
    return e;
}

vg_err sq_od_street_put(vg_store *base, const vg_od_street_rec *r, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_OD_STREET_INS);
    int rc = bind_located(st, r->file_id, r->crime_id, r->month, r->reported_by, r->falls_within, r->has_coords,
                          r->lon_e6, r->lat_e6, r->location, r->lsoa_code, r->lsoa_name);
    rc = rc ? rc : vg_db_bind_i64(st, 11, r->crime_type);
    rc = rc ? rc : bind_dict(st, 12, r->outcome);
    rc = rc ? rc : (r->context_len ? vg_db_bind_text(st, 13, r->context, (int)r->context_len, VG_DB_STATIC)
                                   : vg_db_bind_null(st, 13));
    return put_row(s, st, rc, "od_street", err);
}

vg_err sq_od_outcome_put(vg_store *base, const vg_od_outcome_rec *r, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_OD_OUTCOME_INS);
    int rc = bind_located(st, r->file_id, r->crime_id, r->month, r->reported_by, r->falls_within, r->has_coords,
                          r->lon_e6, r->lat_e6, r->location, r->lsoa_code, r->lsoa_name);
    rc = rc ? rc : vg_db_bind_i64(st, 11, r->outcome_type);
    return put_row(s, st, rc, "od_outcome", err);
}

vg_err sq_od_stop_put(vg_store *base, const vg_od_stop_rec *r, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_OD_STOP_INS);
    int rc = vg_db_bind_i64(st, 1, r->file_id);
    rc = rc ? rc : vg_db_bind_i64(st, 2, r->type);
    rc = rc ? rc : vg_db_bind_text(st, 3, r->date, (int)r->date_len, VG_DB_STATIC);
    rc = rc ? rc : bind_tristate(st, 4, r->part_of_operation);
    rc = rc ? rc : bind_dict(st, 5, r->operation_name);
    rc = rc ? rc : bind_coords(st, 6, r->has_coords, r->lon_e6, r->lat_e6);
    const int64_t dicts[] = {r->gender, r->age_range, r->self_ethnicity, r->officer_ethnicity, r->legislation,
                             r->object, r->outcome};
    for (int i = 0; i < 7 && !rc; i++)
        rc = bind_dict(st, 8 + i, dicts[i]);
    rc = rc ? rc : bind_tristate(st, 15, r->outcome_linked);
    rc = rc ? rc : bind_tristate(st, 16, r->removal);
    return put_row(s, st, rc, "od_stop_search", err);
}

vg_err sq_od_count_put(vg_store *base, vg_id file_id, int64_t value, int64_t n, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_OD_COUNT_INS);
    int rc = vg_db_bind_i64(st, 1, file_id);
    rc = rc ? rc : vg_db_bind_i64(st, 2, value);
    rc = rc ? rc : vg_db_bind_i64(st, 3, n);
    return sq_step_insert(s, st, rc, NULL, err, "od_count");
}

vg_err sq_od_counts_each(vg_store *base, const char *kind, int month_from, int month_to, vg_od_count_fn fn, void *ctx,
                         vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT f.force, f.month, d.value, c.n FROM od_count c JOIN od_file f ON f.id = c.file_id "
                           "JOIN od_dict d ON d.id = c.value WHERE f.kind = ? AND f.month BETWEEN ? AND ? "
                           "ORDER BY f.force, f.month, d.value", &st) != VG_DB_OK)
        return sq_fail(s, err, "od_count");
    vg_db_bind_text(st, 1, kind, -1, VG_DB_STATIC);
    vg_db_bind_int(st, 2, month_from);
    vg_db_bind_int(st, 3, month_to);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, sq_col_text(st, 0), vg_db_col_int(st, 1), sq_col_text(st, 2), vg_db_col_i64(st, 3));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "od_count");
    vg_db_finalize(st);
    return e;
}

vg_err sq_ho_put(vg_store *base, const char *area, int period_end, const char *offence, int64_t count, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_HO_INS);
    int rc = sq_bind_text(st, 1, area);
    rc = rc ? rc : vg_db_bind_int(st, 2, period_end);
    rc = rc ? rc : sq_bind_text(st, 3, offence);
    rc = rc ? rc : vg_db_bind_i64(st, 4, count);
    return sq_step_insert(s, st, rc, NULL, err, "ho_recorded");
}

vg_err sq_ho_each(vg_store *base, int period_end, vg_ho_row_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_HO_PERIOD);
    vg_db_bind_int(st, 1, period_end);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, sq_col_text(st, 0), sq_col_text(st, 1), vg_db_col_i64(st, 2));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "ho_recorded");
    vg_db_reset(st);
    return e;
}

static const char *basis_name(vg_denom_basis b) { return b == VG_BASIS_LOCAL_AUTHORITY ? "local-authority" : "force"; }

static vg_err denom_put(sq_store *s, vg_db_stmt *st, const char *area, int year, vg_denom_basis basis, int64_t value,
                        const char *source, vg_error *err, const char *what)
{
    int rc = sq_bind_text(st, 1, area);
    rc = rc ? rc : vg_db_bind_int(st, 2, year);
    rc = rc ? rc : sq_bind_text(st, 3, basis_name(basis));
    rc = rc ? rc : vg_db_bind_i64(st, 4, value);
    rc = rc ? rc : sq_bind_text(st, 5, source);
    return sq_step_insert(s, st, rc, NULL, err, what);
}

vg_err sq_population_put(vg_store *base, const char *area, int year, vg_denom_basis basis, int64_t population,
                         const char *source, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_POP_INS);
    return denom_put(s, st, area, year, basis, population, source, err, "population");
}

vg_err sq_households_put(vg_store *base, const char *area, int year, vg_denom_basis basis, int64_t households,
                         const char *source, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_HH_INS);
    return denom_put(s, st, area, year, basis, households, source, err, "households");
}

/* The first row, and whether a second of the same year but the other basis follows. */
static vg_err denom_get(sq_store *s, vg_db_stmt *st, const char *area, int year, vg_store_denom *out, vg_error *err,
                        const char *what)
{
    memset(out, 0, sizeof *out);
    sq_bind_text(st, 1, area);
    vg_db_bind_int(st, 2, year);
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW) {
        out->value = vg_db_col_i64(st, 0);
        out->year = vg_db_col_int(st, 1);
        out->basis = strcmp(sq_col_text(st, 2), "local-authority") == 0 ? VG_BASIS_LOCAL_AUTHORITY : VG_BASIS_FORCE;
        snprintf(out->source, sizeof out->source, "%s", sq_col_text(st, 3));
        int more = vg_db_step(st);
        if (more == VG_DB_ROW && vg_db_col_int(st, 1) == out->year) {
            out->other_basis = true;
            snprintf(out->other_source, sizeof out->other_source, "%s", sq_col_text(st, 3));
        } else if (more != VG_DB_ROW && more != VG_DB_DONE)
            rc = more;
    }
    vg_db_reset(st);
    if (rc == VG_DB_DONE)
        return vg_error_set(err, VG_ERR_NOT_FOUND, area, "no %s for %d", what, year);
    return rc == VG_DB_ROW ? VG_OK : sq_fail(s, err, what);
}

vg_err sq_population_get(vg_store *base, const char *area, int year, vg_store_denom *out, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_POP_GET);
    return denom_get(s, st, area, year, out, err, "population");
}

vg_err sq_households_get(vg_store *base, const char *area, int year, vg_store_denom *out, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_HH_GET);
    return denom_get(s, st, area, year, out, err, "households");
}

vg_err sq_setting_get(vg_store *base, const char *key, char *out, size_t n, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_SETTING_GET);
    sq_bind_text(st, 1, key);
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW)
        snprintf(out, n, "%s", sq_col_text(st, 0));
    vg_db_reset(st);
    if (rc == VG_DB_DONE)
        return vg_error_set(err, VG_ERR_NOT_FOUND, key, "setting not found");
    return rc == VG_DB_ROW ? VG_OK : sq_fail(s, err, "setting");
}

vg_err sq_setting_put(vg_store *base, const char *key, const char *value, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    STMT_OR_FAIL(st, ST_SETTING_PUT);
    int rc = sq_bind_text(st, 1, key);
    rc = rc ? rc : sq_bind_text(st, 2, value);
    return sq_step_insert(s, st, rc, NULL, err, "setting");
}

vg_err sq_od_counts(sq_store *s, vg_store_counts *out, vg_error *err)
{
    vg_db_stmt *st;
    const char *q =
        "SELECT (SELECT count(*) FROM od_file WHERE kind='street'), (SELECT count(*) FROM od_file WHERE kind='outcomes'), "
        "(SELECT count(*) FROM od_file WHERE kind='stop_search'), (SELECT count(*) FROM od_street), "
        "(SELECT count(*) FROM od_outcome), (SELECT count(*) FROM od_stop_search), "
        "(SELECT coalesce(sum(c.n), 0) FROM od_count c JOIN od_file f ON f.id = c.file_id JOIN od_dict d ON d.id = c.value "
        " WHERE f.kind = 'street' AND d.value = 'Anti-social behaviour'), "
        "(SELECT count(*) FROM ho_recorded), (SELECT count(*) FROM population), (SELECT count(*) FROM households)";
    if (vg_db_prepare(s->db, q, &st) != VG_DB_OK)
        return sq_fail(s, err, "counts");
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW) {
        for (int k = 0; k < 3; k++) {
            out->od_files[k] = vg_db_col_i64(st, k);
            out->od_rows[k] = vg_db_col_i64(st, 3 + k);
        }
        out->od_asb_rows = vg_db_col_i64(st, 6);
        out->ho_rows = vg_db_col_i64(st, 7);
        out->population_rows = vg_db_col_i64(st, 8);
        out->household_rows = vg_db_col_i64(st, 9);
    }
    vg_db_finalize(st);
    return rc == VG_DB_ROW ? VG_OK : sq_fail(s, err, "counts");
}
