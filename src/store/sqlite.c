/* sqlite.c - the SQLite backend of vg_store: WAL, foreign keys, STRICT tables, a busy
 * timeout, a cache of prepared statements, nested transactions as savepoints, and
 * numbered migrations embedded in the binary. SQLite allocates through vg_malloc, so the
 * fault-injection walk reaches inside the database engine too. The record operations
 * are in sqlite_pole.c and sqlite_opendata.c. */
#include "store/sqlite_int.h"
#include "store/db_sqlite.h"
#include "base/alloc.h"
#include "base/embed.h"
#include "base/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VG_SQLITE_APP_ID 0x5647494C /* "VGIL" */

extern const vg_embedded vg_sqlite_schema[];
extern const size_t vg_sqlite_schema_count;

static const char SQL_TRUTH_INS[] = "INSERT INTO synth_truth (kind, record_id, truth_id) VALUES (?,?,?) ON CONFLICT DO NOTHING";
static const char SQL_SYNTH_RUN_INS[] = "INSERT INTO synth_run (seed, scale, from_month, months, force_name, created_at) VALUES (?,?,?,?,?,?)";

/* ---- errors */

vg_err sq_fail(sq_store *s, vg_error *err, const char *what)
{
    vg_err code = VG_ERR_STORE;
    switch (vg_db_fail_of(s->db)) {
    case VG_DB_FAIL_NOMEM: code = VG_ERR_NOMEM; break;
    case VG_DB_FAIL_CONSTRAINT: code = VG_ERR_CONFLICT; break;
    case VG_DB_FAIL_READONLY:
        return vg_error_set(err, VG_ERR_STORE, what,
                            "%s is read-only (a replica?): writes, the audit log's too, go to the primary database; "
                            "give a replica as --read-db (%s)",
                            s->path, vg_db_errmsg(s->db));
    default: break;
    }
    return vg_error_set(err, code, what, "%s", vg_db_errmsg(s->db));
}

vg_err sq_exec(sq_store *s, const char *sql, vg_error *err)
{
    if (vg_db_exec(s->db, sql) != VG_DB_OK)
        return sq_fail(s, err, s->path);
    return VG_OK;
}

/* Returns the cached statement, reset and unbound, or NULL with *err set. */
vg_db_stmt *sq_stmt(sq_store *s, int id, const char *sql, vg_error *err)
{
    vg_db_stmt *st = s->stmts[id];
    if (!st) {
        if (vg_db_prepare_kept(s->db, sql, &st) != VG_DB_OK) {
            sq_fail(s, err, "prepare");
            return NULL;
        }
        s->stmts[id] = st;
    } else {
        vg_db_reset(st); /* every caller binds every parameter, so no need to clear */
    }
    return st;
}

/* ---- binding helpers: NULL for absent values */

int sq_bind_text(vg_db_stmt *st, int i, const char *v)
{
    return v ? vg_db_bind_text(st, i, v, -1, VG_DB_STATIC) : vg_db_bind_null(st, i);
}

int sq_bind_id(vg_db_stmt *st, int i, vg_id v)
{
    return v ? vg_db_bind_i64(st, i, v) : vg_db_bind_null(st, i);
}

int sq_bind_date(vg_db_stmt *st, int i, vg_date d)
{
    if (d == VG_DATE_NONE)
        return vg_db_bind_null(st, i);
    char buf[VG_DATE_LEN];
    vg_date_format(d, buf);
    return vg_db_bind_text(st, i, buf, -1, VG_DB_TRANSIENT);
}

int sq_bind_time(vg_db_stmt *st, int i, vg_time t)
{
    if (t == VG_TIME_NONE)
        return vg_db_bind_null(st, i);
    char buf[VG_TIME_LEN];
    vg_time_format(t, buf);
    return vg_db_bind_text(st, i, buf, -1, VG_DB_TRANSIENT);
}

int sq_bind_opt_real(vg_db_stmt *st, int i, bool has, double v)
{
    return has ? vg_db_bind_double(st, i, v) : vg_db_bind_null(st, i);
}

int sq_bind_opt_i64(vg_db_stmt *st, int i, int64_t v, int64_t none)
{
    return v != none ? vg_db_bind_i64(st, i, v) : vg_db_bind_null(st, i);
}

/* ---- column helpers */

const char *sq_col_text(vg_db_stmt *st, int i) { return (const char *)vg_db_col_text(st, i); }

/* Copies a nullable text column into *dst; false on out of memory. */
bool sq_col_dup(vg_db_stmt *st, int i, char **dst)
{
    const char *t = sq_col_text(st, i);
    if (!t) {
        *dst = NULL;
        return vg_db_fail_of(vg_db_of(st)) != VG_DB_FAIL_NOMEM;
    }
    *dst = vg_strdup(t);
    return *dst != NULL;
}

vg_date sq_col_date(vg_db_stmt *st, int i)
{
    const char *t = sq_col_text(st, i);
    vg_date d;
    return (t && vg_date_parse(vg_str_c(t), &d)) ? d : VG_DATE_NONE;
}

vg_time sq_col_time(vg_db_stmt *st, int i)
{
    const char *t = sq_col_text(st, i);
    vg_time v;
    return (t && vg_time_parse(vg_str_c(t), &v)) ? v : VG_TIME_NONE;
}

bool sq_col_null(vg_db_stmt *st, int i) { return vg_db_col_type(st, i) == VG_DB_NULL; }

/* Runs an insert whose parameters are bound; with id, the insert ends "RETURNING id" and
 * *id is set from it. */
vg_err sq_step_insert(sq_store *s, vg_db_stmt *st, int bind_rc, vg_id *id, vg_error *err, const char *what)
{
    if (bind_rc != VG_DB_OK)
        return sq_fail(s, err, what);
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW && id)
        *id = vg_db_col_i64(st, 0);
    if (rc != VG_DB_DONE && rc != VG_DB_ROW) {
        vg_err e = sq_fail(s, err, what);
        vg_db_reset(st);
        return e;
    }
    vg_db_reset(st);
    return VG_OK;
}

/* Steps a single-row select; VG_ERR_NOT_FOUND if there is no row. */
vg_err sq_step_row(sq_store *s, vg_db_stmt *st, vg_error *err, const char *what, vg_id id)
{
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW)
        return VG_OK;
    if (rc == VG_DB_DONE) {
        vg_db_reset(st);
        return vg_error_set(err, VG_ERR_NOT_FOUND, what, "no %s with id %lld", what, (long long)id);
    }
    vg_err e = sq_fail(s, err, what);
    vg_db_reset(st);
    return e;
}

/* ---- transactions */

vg_err sq_begin(vg_store *base, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    char sql[48];
    if (s->depth == 0)
        snprintf(sql, sizeof sql, "%s", s->reader ? "BEGIN" : s->dialect->begin_write);
    else
        snprintf(sql, sizeof sql, "SAVEPOINT vg%d", s->depth);
    vg_err e = sq_exec(s, sql, err);
    if (!e)
        s->depth++;
    return e;
}

void sq_rollback(vg_store *base)
{
    sq_store *s = (sq_store *)base;
    if (s->depth <= 0)
        return;
    s->depth--;
    if (s->depth == 0) {
        if (!!vg_db_in_tx(s->db))
            vg_db_exec(s->db, "ROLLBACK");
    } else {
        char sql[64];
        snprintf(sql, sizeof sql, "ROLLBACK TO vg%d; RELEASE vg%d", s->depth, s->depth);
        if (vg_db_exec(s->db, sql) != VG_DB_OK && !!vg_db_in_tx(s->db)) {
            /* Cannot unwind the savepoint (e.g. out of memory): abandon the whole
             * transaction so nothing partial can be committed by an outer level. */
            vg_db_exec(s->db, "ROLLBACK");
            s->depth = 0;
        }
    }
}

vg_err sq_commit(vg_store *base, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (s->depth <= 0)
        return vg_error_set(err, VG_ERR_INTERNAL, "commit", "no transaction is open");
    char sql[48];
    if (s->depth == 1)
        snprintf(sql, sizeof sql, "COMMIT");
    else
        snprintf(sql, sizeof sql, "RELEASE vg%d", s->depth - 1);
    if (!vg_db_in_tx(s->db) && s->depth > 0) {
        /* SQLite already rolled the transaction back (e.g. after an I/O or memory error). */
        s->depth = 0;
        return vg_error_set(err, VG_ERR_STORE, s->path, "transaction was rolled back by the database");
    }
    vg_err e = sq_exec(s, sql, err);
    if (e) {
        sq_rollback(base);
        return e;
    }
    s->depth--;
    return VG_OK;
}

/* Runs fn inside a (nested) transaction: commit on success, rollback on failure. */
vg_err sq_in_tx(sq_store *s, sq_tx_fn fn, void *arg, vg_error *err)
{
    vg_err e = sq_begin(&s->base, err);
    if (e)
        return e;
    e = fn(s, arg, err);
    if (e) {
        sq_rollback(&s->base);
        return e;
    }
    return sq_commit(&s->base, err);
}

/* ---- schema */

static int migration_version(const char *name)
{
    int v = 0;
    for (const char *p = name; *p >= '0' && *p <= '9'; p++)
        v = v * 10 + (*p - '0');
    return v;
}

int vg_store_schema_version_supported(void)
{
    int max = 0;
    for (size_t i = 0; i < vg_sqlite_schema_count; i++) {
        int v = migration_version(vg_sqlite_schema[i].name);
        if (v > max)
            max = v;
    }
    return max;
}

vg_err sq_schema_version(vg_store *base, int *version, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = NULL;
    *version = 0;
    int rc = vg_db_prepare(s->db, s->dialect->has_migrations, &st);
    if (rc != VG_DB_OK)
        return sq_fail(s, err, s->path);
    rc = vg_db_step(st);
    int exists = rc == VG_DB_ROW ? vg_db_col_int(st, 0) : -1;
    vg_db_finalize(st);
    if (exists < 0)
        return sq_fail(s, err, s->path);
    if (!exists)
        return VG_OK;
    if (vg_db_prepare(s->db, "SELECT coalesce(max(version), 0) FROM schema_migration", &st) != VG_DB_OK)
        return sq_fail(s, err, s->path);
    rc = vg_db_step(st);
    if (rc == VG_DB_ROW)
        *version = vg_db_col_int(st, 0);
    vg_db_finalize(st);
    return rc == VG_DB_ROW ? VG_OK : sq_fail(s, err, s->path);
}

static vg_err apply_migration(sq_store *s, void *arg, vg_error *err)
{
    const vg_embedded *m = arg;
    if (vg_db_exec(s->db, m->data) != VG_DB_OK) {
        vg_err e = sq_fail(s, err, m->name);
        if (err) {
            char why[sizeof err->why];
            memcpy(why, err->why, sizeof why);
            vg_error_set(err, e, m->name, "migration failed: %s", why);
        }
        return e;
    }
    vg_db_stmt *st = NULL;
    if (vg_db_prepare(s->db, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?,?,?)", &st) != VG_DB_OK)
        return sq_fail(s, err, m->name);
    int rc = vg_db_bind_int(st, 1, migration_version(m->name));
    rc = rc ? rc : vg_db_bind_text(st, 2, m->name, -1, VG_DB_STATIC);
    rc = rc ? rc : sq_bind_time(st, 3, vg_time_now());
    rc = rc ? rc : (vg_db_step(st) == VG_DB_DONE ? VG_DB_OK : VG_DB_ERROR);
    vg_db_finalize(st);
    return rc == VG_DB_OK ? VG_OK : sq_fail(s, err, m->name);
}

static vg_err migrate(sq_store *s, vg_error *err);

static vg_err version_error(sq_store *s, int have, int want, vg_error *err)
{
    if (have > want)
        return vg_error_set(err, VG_ERR_VERSION, s->path,
                            "database schema version %d was made by a newer Vigil (this one supports %d); upgrade vigil",
                            have, want);
    return vg_error_set(err, VG_ERR_VERSION, s->path,
                        "database schema version %d is older than this Vigil's %d; run 'vigil init --db %s' to upgrade",
                        have, want, s->path);
}

/* Brings the schema up to date (VG_STORE_CREATE), or checks that it is. */
vg_err sq_schema_start(sq_store *s, vg_store_mode mode, vg_error *err)
{
    if (mode == VG_STORE_CREATE)
        return migrate(s, err);
    int have;
    vg_err e = sq_schema_version(&s->base, &have, err);
    if (!e && have != vg_store_schema_version_supported())
        e = version_error(s, have, vg_store_schema_version_supported(), err);
    return e;
}

static vg_err migrate(sq_store *s, vg_error *err)
{
    int have;
    vg_err e = sq_schema_version(&s->base, &have, err);
    if (e)
        return e;
    int want = vg_store_schema_version_supported();
    if (have > want)
        return version_error(s, have, want, err);
    e = sq_exec(s, s->dialect->create_migrations, err);
    for (size_t i = 0; !e && i < *s->dialect->count; i++) {
        const vg_embedded *m = &s->dialect->migrations[i];
        if (migration_version(m->name) > have) {
            vg_log_info("applying migration %s", m->name);
            e = sq_in_tx(s, apply_migration, (void *)m, err);
        }
    }
    return e;
}

/* Checks that the file is a Vigil database (or a new, empty one) and marks it. */
static vg_err check_application(sq_store *s, vg_store_mode mode, vg_error *err)
{
    vg_db_stmt *st = NULL;
    int app = 0, tables = 0;
    if (vg_db_prepare(s->db, "SELECT (SELECT application_id FROM pragma_application_id), "
                                  "(SELECT count(*) FROM sqlite_schema)", &st) != VG_DB_OK)
        return sq_fail(s, err, s->path);
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW) {
        app = vg_db_col_int(st, 0);
        tables = vg_db_col_int(st, 1);
    }
    vg_db_finalize(st);
    if (rc != VG_DB_ROW)
        return sq_fail(s, err, s->path);
    if (app == VG_SQLITE_APP_ID)
        return VG_OK;
    if (app != 0 || tables > 0)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, s->path, "not a Vigil database");
    if (mode != VG_STORE_CREATE)
        return vg_error_set(err, VG_ERR_VERSION, s->path, "database is empty; run 'vigil init --db %s'", s->path);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d", VG_SQLITE_APP_ID);
    return sq_exec(s, sql, err);
}

/* ---- synthetic-force bookkeeping */

vg_err sq_truth_put(vg_store *base, const char *kind, vg_id record, int64_t truth, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = sq_stmt(s, ST_TRUTH_INS, SQL_TRUTH_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = sq_bind_text(st, 1, kind);
    rc = rc ? rc : vg_db_bind_i64(st, 2, record);
    rc = rc ? rc : vg_db_bind_i64(st, 3, truth);
    return sq_step_insert(s, st, rc, NULL, err, "synth_truth");
}

vg_err sq_synth_run_put(vg_store *base, uint64_t seed, double scale, vg_month from, int months,
                               const char *force_name, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = sq_stmt(s, ST_SYNTH_RUN_INS, SQL_SYNTH_RUN_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    char m[VG_MONTH_LEN];
    vg_month_format(from, m);
    int rc = vg_db_bind_i64(st, 1, (int64_t)seed);
    rc = rc ? rc : vg_db_bind_double(st, 2, scale);
    rc = rc ? rc : vg_db_bind_text(st, 3, m, -1, VG_DB_TRANSIENT);
    rc = rc ? rc : vg_db_bind_int(st, 4, months);
    rc = rc ? rc : sq_bind_text(st, 5, force_name);
    rc = rc ? rc : sq_bind_time(st, 6, vg_time_now());
    return sq_step_insert(s, st, rc, NULL, err, "synth_run");
}

/* ---- open/close */

static const sq_dialect sqlite_dialect = {
    .migrations = vg_sqlite_schema,
    .count = &vg_sqlite_schema_count,
    .has_migrations = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migration'",
    .create_migrations = "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                         "applied_at TEXT NOT NULL) STRICT",
    .begin_write = "BEGIN IMMEDIATE",
    /* AUTOINCREMENT keeps the last seq in sqlite_sequence */
    .change_head = "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'store_change'), 0), "
                   "coalesce((SELECT max(seq) FROM store_change), 0))",
    /* one server per file: what it has applied */
    .changes_prune = "DELETE FROM store_change WHERE seq <= ?1",
};

void sq_close(vg_store *base)
{
    sq_store *s = (sq_store *)base;
    if (!s)
        return;
    while (s->depth > 0)
        sq_rollback(base);
    for (int i = 0; i < ST_COUNT; i++)
        vg_db_finalize(s->stmts[i]);
    for (int i = 0; i < 9; i++)
        vg_db_finalize(s->events_by_n[i]);
    vg_db_close(s->db);
    vg_free(s->path);
    vg_free(s);
}

static const vg_store_records_ops sq_records = {
    .area_put = sq_area_put,
    .area_get = sq_area_get,
    .location_put = sq_location_put,
    .location_get = sq_location_get,
    .person_put = sq_person_put,
    .person_get = sq_person_get,
    .person_link_location = sq_person_link_location,
    .object_put = sq_object_put,
    .object_get = sq_object_get,
    .object_link = sq_object_link,
    .incident_put = sq_incident_put,
    .incident_get = sq_incident_get,
    .crime_put = sq_crime_put,
    .crime_get = sq_crime_get,
    .crime_counts_by_offence = sq_crime_counts_by_offence,
    .incident_counts = sq_incident_counts,
    .areas_each = sq_areas_each,
    .crimes_each = sq_crimes_each,
    .incidents_each = sq_incidents_each,
    .locations_each = sq_locations_each,
    .dispatch_get = sq_dispatch_get,
    .dispatch_put = sq_dispatch_put,
    .incident_entry_put = sq_incident_entry_put,
    .incident_entries_each = sq_incident_entries_each,
    .incident_set_state = sq_incident_set_state,
    .board_each = sq_board_each,
    .person_extend = sq_person_extend,
    .reference_next = sq_reference_next,
    .read_receipt_put = sq_read_receipt_put,
    .incident_ids = sq_incident_ids,
    .person_name = sq_person_name,
};

static const vg_store_contact_ops sq_contact = {
    .persons_brief_each = sq_persons_brief_each,
    .person_briefs = sq_person_briefs,
    .persons_resolved_replace = sq_persons_resolved_replace,
    .person_clusters_each = sq_person_clusters_each,
    .person_source_put = sq_person_source_put,
    .persons_resolved_set = sq_persons_resolved_set,
    .reviews_replace = sq_reviews_replace,
    .reviews_each = sq_reviews_each,
    .reviews_remove_within = sq_reviews_remove_within,
    .decision_put = sq_decision_put,
    .refs_find = sq_refs_find,
    .locations_find = sq_locations_find,
    .location_incident_ids = sq_location_incident_ids,
    .decision_undo = sq_decision_undo,
    .decisions_each = sq_decisions_each,
    .decision_records_put = sq_decision_records_put,
    .decision_links_each = sq_decision_links_each,
    .person_source_find = sq_person_source_find,
    .changes_since = sq_changes_since,
    .change_head = sq_change_head,
    .changes_prune = sq_changes_prune,
    .person_events = sq_person_events,
    .person_events_all = sq_person_events_all,
    .person_markers_all = sq_person_markers_all,
    .restrictions_each = sq_restrictions_each,
    .data_version = sq_data_version,
    .briefing_put = sq_briefing_put,
    .briefing_get = sq_briefing_get,
    .location_incident_count = sq_location_incident_count,
};

static const vg_store_opendata_ops sq_opendata = {
    .od_dict_each = sq_od_dict_each,
    .od_dict_put = sq_od_dict_put,
    .od_file_replace = sq_od_file_replace,
    .od_file_finish = sq_od_file_finish,
    .od_street_put = sq_od_street_put,
    .od_outcome_put = sq_od_outcome_put,
    .od_stop_put = sq_od_stop_put,
    .od_count_put = sq_od_count_put,
    .od_counts_each = sq_od_counts_each,
    .ho_put = sq_ho_put,
    .ho_each = sq_ho_each,
    .population_put = sq_population_put,
    .population_get = sq_population_get,
    .households_put = sq_households_put,
    .households_get = sq_households_get,
    .setting_get = sq_setting_get,
    .setting_put = sq_setting_put,
};

static const vg_store_access_ops sq_access = {
    .agency_put = sq_agency_put,
    .agency_rename = sq_agency_rename,
    .agency_get = sq_agency_get,
    .agencies_each = sq_agencies_each,
    .user_put = sq_user_put,
    .user_get = sq_user_get,
    .user_update = sq_user_update,
    .users_each = sq_users_each,
    .session_put = sq_session_put,
    .session_get = sq_session_get,
    .session_touch = sq_session_touch,
    .session_delete = sq_session_delete,
    .session_purge = sq_session_purge,
    .audit_head = sq_audit_head,
    .audit_put = sq_audit_put,
    .audit_each = sq_audit_each,
    .audit_check_put = sq_audit_check_put,
    .user_set_role = sq_user_set_role,
    .user_set_agency = sq_user_set_agency,
    .request_put = sq_request_put,
    .request_get = sq_request_get,
    .requests_each = sq_requests_each,
    .request_decide = sq_request_decide,
    .case_put = sq_case_put,
    .case_get = sq_case_get,
    .cases_each = sq_cases_each,
    .case_share_put = sq_case_share_put,
    .case_share_delete = sq_case_share_delete,
    .case_shares_each = sq_case_shares_each,
    .case_note_put = sq_case_note_put,
    .case_notes_each = sq_case_notes_each,
    .restriction_add = sq_restriction_add,
    .restriction_check = sq_restriction_check,
};

static const vg_store_work_ops sq_work = {
    .list = sq_list,
    .incident_points = sq_incident_points,
    .incident_span = sq_incident_span,
    .area_positions = sq_area_positions,
    .crime_points = sq_crime_points,
    .street_near = sq_street_near,
    .postcode_areas = sq_postcode_areas,
    .postcode_centre = sq_postcode_centre,
    .repeat_locations = sq_repeat_locations,
    .repeat_persons = sq_repeat_persons,
    .recent_events = sq_recent_events,
    .victims_in = sq_victims_in,
    .day_counts = sq_day_counts,
    .tasking_put = sq_tasking_put,
    .tasking_close = sq_tasking_close,
    .tasking_each = sq_tasking_each,
    .open_case_actions = sq_open_case_actions,
    .review_put = sq_review_put,
    .crime_reviews = sq_crime_reviews,
    .entitlement_put = sq_entitlement_put,
    .case_actions = sq_case_actions,
    .case_action_get = sq_case_action_get,
    .case_action_put = sq_case_action_put,
    .case_action_done = sq_case_action_done,
};

const vg_store_ops sq_ops = {
    .name = "sqlite",
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .schema_version = sq_schema_version,
    .counts = sq_counts,
    .truth_put = sq_truth_put,
    .synth_run_put = sq_synth_run_put,
    .records = &sq_records,
    .contact = &sq_contact,
    .opendata = &sq_opendata,
    .access = &sq_access,
    .work = &sq_work,
};

vg_err vg_store_sqlite_open(const char *path, vg_store_mode mode, vg_store **out, vg_error *err)
{
    *out = NULL;
    bool memory = strcmp(path, ":memory:") == 0;
    if (!memory && mode != VG_STORE_CREATE && access(path, F_OK) != 0)
        return vg_error_set(err, VG_ERR_NOT_FOUND, path, "no database here; create one with 'vigil init --db %s'",
                            path);
    sq_store *s = vg_calloc(1, sizeof *s);
    if (!s)
        return vg_error_set(err, VG_ERR_NOMEM, path, "out of memory");
    s->base.ops = &sq_ops;
    s->dialect = &sqlite_dialect;
    s->reader = mode == VG_STORE_READER;
    s->path = vg_strdup(path);
    if (!s->path) {
        vg_free(s);
        return vg_error_set(err, VG_ERR_NOMEM, path, "out of memory");
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == VG_STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
    int rc = vg_db_sqlite_open(path, flags, &s->db);
    vg_err e = VG_OK;
    if (rc != SQLITE_OK) {
        e = s->db ? sq_fail(s, err, path)
                  : vg_error_set(err, rc == SQLITE_NOMEM ? VG_ERR_NOMEM : VG_ERR_STORE, path,
                                 "cannot open the database (SQLite error %d)", rc);
        goto fail;
    }
    e = sq_exec(s, "PRAGMA foreign_keys = ON", err);
    if (!e)
        e = check_application(s, mode, err);
    if (!e && !memory && mode == VG_STORE_READER)
        /* memory-mapped: every commit elsewhere (the audit log) empties a connection's
         * page cache, and pages read through the map cost no system call */
        e = sq_exec(s, "PRAGMA query_only = 1; PRAGMA cache_size = -32768", err);
    else if (!e && !memory) {
        e = sq_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072", err);
        /* the file grows in 64 MB steps: readers map it, and remap when it grows */
        int chunk = 64 << 20;
        sqlite3_file_control(vg_db_sqlite_handle(s->db), "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk);
    }
    if (e)
        goto fail;
    e = sq_schema_start(s, mode, err);
    if (e)
        goto fail;
    *out = &s->base;
    return VG_OK;
fail:
    sq_close(&s->base);
    return e;
}
