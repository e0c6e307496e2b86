/* sqlite.c - the SQLite backend of vg_store: WAL, foreign keys, STRICT tables, a busy
 * timeout, a cache of prepared statements, nested transactions as savepoints, and
 * numbered migrations embedded in the binary. SQLite allocates through vg_malloc, so the
 * fault-injection walk reaches inside the database engine too. */
#include "store/store.h"
#include "base/alloc.h"
#include "base/embed.h"
#include "base/log.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VG_SQLITE_APP_ID 0x5647494C /* "VGIL" */

extern const vg_embedded vg_sqlite_schema[];
extern const size_t vg_sqlite_schema_count;

enum stmt_id {
    ST_AREA_INS, ST_AREA_GET,
    ST_LOC_INS, ST_LOC_GET,
    ST_PERSON_INS, ST_PERSON_GET,
    ST_ALIAS_INS, ST_ALIAS_GET,
    ST_CONTACT_INS, ST_CONTACT_GET,
    ST_MARKER_INS, ST_MARKER_GET,
    ST_PERSON_LOC_INS,
    ST_OBJ_INS, ST_OBJ_GET,
    ST_PERSON_OBJ_INS, ST_INCIDENT_OBJ_INS, ST_CRIME_OBJ_INS,
    ST_INC_INS, ST_INC_GET, ST_INC_PERSON_INS, ST_INC_PERSON_GET,
    ST_CRIME_INS, ST_CRIME_GET, ST_CRIME_PERSON_INS, ST_CRIME_PERSON_GET,
    ST_TRUTH_INS, ST_SYNTH_RUN_INS,
    ST_CRIME_BY_OFFENCE,
    ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
    [ST_AREA_INS] = "INSERT INTO area (kind, code, name, tier, parent_id, population, households, population_year) VALUES (?,?,?,?,?,?,?,?)",
    [ST_AREA_GET] = "SELECT kind, code, name, tier, parent_id, population, households, population_year FROM area WHERE id = ?",
    [ST_LOC_INS] = "INSERT INTO location (kind, flat, number, building, street, locality, town, postcode, uprn, lat, lon, easting, northing, lsoa_code, lsoa_name, neighbourhood_id, la_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_LOC_GET] = "SELECT kind, flat, number, building, street, locality, town, postcode, uprn, lat, lon, easting, northing, lsoa_code, lsoa_name, neighbourhood_id, la_id FROM location WHERE id = ?",
    [ST_PERSON_INS] = "INSERT INTO person (family_name, given_names, dob, gender, created_at) VALUES (?,?,?,?,?)",
    [ST_PERSON_GET] = "SELECT family_name, given_names, dob, gender, created_at FROM person WHERE id = ?",
    [ST_ALIAS_INS] = "INSERT INTO person_alias (person_id, family_name, given_names, dob) VALUES (?,?,?,?)",
    [ST_ALIAS_GET] = "SELECT family_name, given_names, dob FROM person_alias WHERE person_id = ? ORDER BY id",
    [ST_CONTACT_INS] = "INSERT INTO person_contact (person_id, kind, value) VALUES (?,?,?)",
    [ST_CONTACT_GET] = "SELECT kind, value FROM person_contact WHERE person_id = ? ORDER BY id",
    [ST_MARKER_INS] = "INSERT INTO person_marker (person_id, kind, code, detail, valid_from, valid_to) VALUES (?,?,?,?,?,?)",
    [ST_MARKER_GET] = "SELECT kind, code, detail, valid_from, valid_to FROM person_marker WHERE person_id = ? ORDER BY id",
    [ST_PERSON_LOC_INS] = "INSERT INTO person_location (person_id, location_id, kind, valid_from, valid_to) VALUES (?,?,?,?,?)",
    [ST_OBJ_INS] = "INSERT INTO object (kind, identifier, description) VALUES (?,?,?)",
    [ST_OBJ_GET] = "SELECT kind, identifier, description FROM object WHERE id = ?",
    [ST_PERSON_OBJ_INS] = "INSERT INTO person_object (person_id, object_id) VALUES (?,?)",
    [ST_INCIDENT_OBJ_INS] = "INSERT INTO incident_object (incident_id, object_id) VALUES (?,?)",
    [ST_CRIME_OBJ_INS] = "INSERT INTO crime_object (crime_id, object_id) VALUES (?,?)",
    [ST_INC_INS] = "INSERT INTO incident (reference, received_at, channel, category, asb_type, thrive, narrative, location_id, closed_at) VALUES (?,?,?,?,?,?,?,?,?)",
    [ST_INC_GET] = "SELECT reference, received_at, channel, category, asb_type, thrive, narrative, location_id, closed_at FROM incident WHERE id = ?",
    [ST_INC_PERSON_INS] = "INSERT INTO incident_person (incident_id, person_id, role) VALUES (?,?,?)",
    [ST_INC_PERSON_GET] = "SELECT person_id, role FROM incident_person WHERE incident_id = ? ORDER BY rowid",
    [ST_CRIME_INS] = "INSERT INTO crime (reference, incident_id, offence_code, committed_at, recorded_at, status, outcome, outcome_at, location_id) VALUES (?,?,?,?,?,?,?,?,?)",
    [ST_CRIME_GET] = "SELECT reference, incident_id, offence_code, committed_at, recorded_at, status, outcome, outcome_at, location_id FROM crime WHERE id = ?",
    [ST_CRIME_PERSON_INS] = "INSERT INTO crime_person (crime_id, person_id, role) VALUES (?,?,?)",
    [ST_CRIME_PERSON_GET] = "SELECT person_id, role FROM crime_person WHERE crime_id = ? ORDER BY rowid",
    [ST_TRUTH_INS] = "INSERT OR IGNORE INTO synth_truth (kind, record_id, truth_id) VALUES (?,?,?)",
    [ST_SYNTH_RUN_INS] = "INSERT INTO synth_run (seed, scale, from_month, months, force_name, created_at) VALUES (?,?,?,?,?,?)",
    [ST_CRIME_BY_OFFENCE] = "SELECT offence_code, count(*) FROM crime WHERE status = ? AND recorded_at >= ? AND recorded_at < ? GROUP BY offence_code ORDER BY offence_code",
};

typedef struct sq_store {
    vg_store base; /* must be first */
    sqlite3 *db;
    char *path;
    int depth;     /* transaction nesting */
    sqlite3_stmt *stmts[ST_COUNT];
} sq_store;

/* ---- SQLite allocates through vg_malloc (process-wide, configured once) */

static void *sq_malloc(int n) { return n > 0 ? vg_malloc((size_t)n) : NULL; }
static void sq_free(void *p) { vg_free(p); }
static void *sq_realloc(void *p, int n) { return n > 0 ? vg_realloc(p, (size_t)n) : NULL; }
static int sq_size(void *p) { return (int)vg_alloc_size(p); }
static int sq_roundup(int n) { return (n + 7) & ~7; }
static int sq_init(void *unused) { (void)unused; return SQLITE_OK; }
static void sq_shutdown(void *unused) { (void)unused; }

static pthread_once_t sq_once = PTHREAD_ONCE_INIT;
static int sq_init_rc = SQLITE_OK;

static void sq_global_init(void)
{
    static const sqlite3_mem_methods mem = {sq_malloc, sq_free, sq_realloc, sq_size, sq_roundup,
                                            sq_init, sq_shutdown, NULL};
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &mem) != SQLITE_OK)
        vg_log_debug("sqlite: allocator hook not installed (SQLite already initialised)");
    sq_init_rc = sqlite3_initialize();
}

/* ---- errors */

static vg_err sq_fail(sq_store *s, vg_error *err, const char *what)
{
    int rc = sqlite3_extended_errcode(s->db);
    vg_err code = VG_ERR_STORE;
    if ((rc & 0xff) == SQLITE_NOMEM)
        code = VG_ERR_NOMEM;
    else if ((rc & 0xff) == SQLITE_CONSTRAINT)
        code = VG_ERR_CONFLICT;
    return vg_error_set(err, code, what, "%s", sqlite3_errmsg(s->db));
}

static vg_err sq_exec(sq_store *s, const char *sql, vg_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, err, s->path);
    return VG_OK;
}

/* Returns the cached statement, reset and unbound, or NULL with *err set. */
static sqlite3_stmt *sq_stmt(sq_store *s, enum stmt_id id, vg_error *err)
{
    sqlite3_stmt *st = s->stmts[id];
    if (!st) {
        if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
            sq_fail(s, err, "prepare");
            return NULL;
        }
        s->stmts[id] = st;
    } else {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    return st;
}

/* ---- binding helpers: NULL for absent values */

static int bind_text(sqlite3_stmt *st, int i, const char *v)
{
    return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

static int bind_id(sqlite3_stmt *st, int i, vg_id v)
{
    return v ? sqlite3_bind_int64(st, i, v) : sqlite3_bind_null(st, i);
}

static int bind_date(sqlite3_stmt *st, int i, vg_date d)
{
    if (d == VG_DATE_NONE)
        return sqlite3_bind_null(st, i);
    char buf[VG_DATE_LEN];
    vg_date_format(d, buf);
    return sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

static int bind_time(sqlite3_stmt *st, int i, vg_time t)
{
    if (t == VG_TIME_NONE)
        return sqlite3_bind_null(st, i);
    char buf[VG_TIME_LEN];
    vg_time_format(t, buf);
    return sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

static int bind_opt_real(sqlite3_stmt *st, int i, bool has, double v)
{
    return has ? sqlite3_bind_double(st, i, v) : sqlite3_bind_null(st, i);
}

static int bind_opt_i64(sqlite3_stmt *st, int i, int64_t v, int64_t none)
{
    return v != none ? sqlite3_bind_int64(st, i, v) : sqlite3_bind_null(st, i);
}

/* ---- column helpers */

static const char *col_text(sqlite3_stmt *st, int i) { return (const char *)sqlite3_column_text(st, i); }

/* Copies a nullable text column into *dst; false on out of memory. */
static bool col_dup(sqlite3_stmt *st, int i, char **dst)
{
    const char *t = col_text(st, i);
    if (!t) {
        *dst = NULL;
        return sqlite3_errcode(sqlite3_db_handle(st)) != SQLITE_NOMEM;
    }
    *dst = vg_strdup(t);
    return *dst != NULL;
}

static vg_date col_date(sqlite3_stmt *st, int i)
{
    const char *t = col_text(st, i);
    vg_date d;
    return (t && vg_date_parse(vg_str_c(t), &d)) ? d : VG_DATE_NONE;
}

static vg_time col_time(sqlite3_stmt *st, int i)
{
    const char *t = col_text(st, i);
    vg_time v;
    return (t && vg_time_parse(vg_str_c(t), &v)) ? v : VG_TIME_NONE;
}

static bool col_null(sqlite3_stmt *st, int i) { return sqlite3_column_type(st, i) == SQLITE_NULL; }

/* Runs an insert whose parameters are bound; returns its rowid in *id (if given). */
static vg_err step_insert(sq_store *s, sqlite3_stmt *st, int bind_rc, vg_id *id, vg_error *err, const char *what)
{
    if (bind_rc != SQLITE_OK)
        return sq_fail(s, err, what);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, err, what);
    if (id)
        *id = sqlite3_last_insert_rowid(s->db);
    return VG_OK;
}

/* Steps a single-row select; VG_ERR_NOT_FOUND if there is no row. */
static vg_err step_row(sq_store *s, sqlite3_stmt *st, vg_error *err, const char *what, vg_id id)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return VG_OK;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return vg_error_set(err, VG_ERR_NOT_FOUND, what, "no %s with id %lld", what, (long long)id);
    }
    vg_err e = sq_fail(s, err, what);
    sqlite3_reset(st);
    return e;
}

/* ---- transactions */

static vg_err sq_begin(vg_store *base, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    char sql[48];
    if (s->depth == 0)
        snprintf(sql, sizeof sql, "BEGIN IMMEDIATE");
    else
        snprintf(sql, sizeof sql, "SAVEPOINT vg%d", s->depth);
    vg_err e = sq_exec(s, sql, err);
    if (!e)
        s->depth++;
    return e;
}

static void sq_rollback(vg_store *base)
{
    sq_store *s = (sq_store *)base;
    if (s->depth <= 0)
        return;
    s->depth--;
    if (s->depth == 0) {
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    } else {
        char sql[64];
        snprintf(sql, sizeof sql, "ROLLBACK TO vg%d; RELEASE vg%d", s->depth, s->depth);
        if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK && !sqlite3_get_autocommit(s->db)) {
            /* Cannot unwind the savepoint (e.g. out of memory): abandon the whole
             * transaction so nothing partial can be committed by an outer level. */
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            s->depth = 0;
        }
    }
}

static vg_err sq_commit(vg_store *base, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (s->depth <= 0)
        return vg_error_set(err, VG_ERR_INTERNAL, "commit", "no transaction is open");
    char sql[48];
    if (s->depth == 1)
        snprintf(sql, sizeof sql, "COMMIT");
    else
        snprintf(sql, sizeof sql, "RELEASE vg%d", s->depth - 1);
    if (sqlite3_get_autocommit(s->db) && s->depth > 0) {
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
typedef vg_err (*tx_fn)(sq_store *s, void *arg, vg_error *err);
static vg_err in_tx(sq_store *s, tx_fn fn, void *arg, vg_error *err)
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

static vg_err sq_schema_version(vg_store *base, int *version, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = NULL;
    *version = 0;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migration'",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sq_fail(s, err, s->path);
    rc = sqlite3_step(st);
    int exists = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (exists < 0)
        return sq_fail(s, err, s->path);
    if (!exists)
        return VG_OK;
    if (sqlite3_prepare_v2(s->db, "SELECT coalesce(max(version), 0) FROM schema_migration", -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, err, s->path);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? VG_OK : sq_fail(s, err, s->path);
}

static vg_err apply_migration(sq_store *s, void *arg, vg_error *err)
{
    const vg_embedded *m = arg;
    if (sqlite3_exec(s->db, m->data, NULL, NULL, NULL) != SQLITE_OK) {
        vg_err e = sq_fail(s, err, m->name);
        if (err) {
            char why[sizeof err->why];
            memcpy(why, err->why, sizeof why);
            vg_error_set(err, e, m->name, "migration failed: %s", why);
        }
        return e;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?,?,?)", -1,
                           &st, NULL) != SQLITE_OK)
        return sq_fail(s, err, m->name);
    int rc = sqlite3_bind_int(st, 1, migration_version(m->name));
    rc = rc ? rc : sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
    rc = rc ? rc : bind_time(st, 3, vg_time_now());
    rc = rc ? rc : (sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR);
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? VG_OK : sq_fail(s, err, m->name);
}

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

static vg_err migrate(sq_store *s, vg_error *err)
{
    int have;
    vg_err e = sq_schema_version(&s->base, &have, err);
    if (e)
        return e;
    int want = vg_store_schema_version_supported();
    if (have > want)
        return version_error(s, have, want, err);
    e = sq_exec(s, "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                   "applied_at TEXT NOT NULL) STRICT",
                err);
    for (size_t i = 0; !e && i < vg_sqlite_schema_count; i++) {
        const vg_embedded *m = &vg_sqlite_schema[i];
        if (migration_version(m->name) > have) {
            vg_log_info("applying migration %s", m->name);
            e = in_tx(s, apply_migration, (void *)m, err);
        }
    }
    return e;
}

/* Checks that the file is a Vigil database (or a new, empty one) and marks it. */
static vg_err check_application(sq_store *s, vg_store_mode mode, vg_error *err)
{
    sqlite3_stmt *st = NULL;
    int app = 0, tables = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT (SELECT application_id FROM pragma_application_id), "
                                  "(SELECT count(*) FROM sqlite_schema)", -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, err, s->path);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        app = sqlite3_column_int(st, 0);
        tables = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
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

/* ---- areas and locations */

static vg_err sq_area_put(vg_store *base, vg_area *a, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (a->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "area", "area %lld is already stored", (long long)a->id);
    sqlite3_stmt *st = sq_stmt(s, ST_AREA_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = sqlite3_bind_text(st, 1, vg_area_kind_name(a->kind), -1, SQLITE_STATIC);
    rc = rc ? rc : bind_text(st, 2, a->code);
    rc = rc ? rc : bind_text(st, 3, a->name);
    rc = rc ? rc : bind_text(st, 4, a->tier ? vg_la_tier_name(a->tier) : NULL);
    rc = rc ? rc : bind_id(st, 5, a->parent_id);
    rc = rc ? rc : bind_opt_i64(st, 6, a->population, -1);
    rc = rc ? rc : bind_opt_i64(st, 7, a->households, -1);
    rc = rc ? rc : bind_opt_i64(st, 8, a->population_year, 0);
    return step_insert(s, st, rc, &a->id, err, "area");
}

static vg_err sq_area_get(vg_store *base, vg_id id, vg_area *a, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = sq_stmt(s, ST_AREA_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    sqlite3_bind_int64(st, 1, id);
    vg_err e = step_row(s, st, err, "area", id);
    if (e)
        return e;
    vg_area_init(a);
    a->id = id;
    (void)vg_area_kind_parse(col_text(st, 0), &a->kind);
    if (!col_null(st, 3))
        (void)vg_la_tier_parse(col_text(st, 3), &a->tier);
    a->parent_id = sqlite3_column_int64(st, 4);
    a->population = col_null(st, 5) ? -1 : sqlite3_column_int64(st, 5);
    a->households = col_null(st, 6) ? -1 : sqlite3_column_int64(st, 6);
    a->population_year = sqlite3_column_int(st, 7);
    bool ok = col_dup(st, 1, &a->code) && col_dup(st, 2, &a->name);
    sqlite3_reset(st);
    if (!ok) {
        vg_area_clear(a);
        return vg_error_set(err, VG_ERR_NOMEM, "area", "out of memory");
    }
    return VG_OK;
}

static vg_err sq_location_put(vg_store *base, vg_location *l, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (l->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "location", "location %lld is already stored", (long long)l->id);
    sqlite3_stmt *st = sq_stmt(s, ST_LOC_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = sqlite3_bind_text(st, 1, vg_location_kind_name(l->kind), -1, SQLITE_STATIC);
    const char *texts[] = {l->flat, l->number, l->building, l->street, l->locality, l->town, l->postcode};
    for (int i = 0; i < 7 && !rc; i++)
        rc = bind_text(st, 2 + i, texts[i]);
    rc = rc ? rc : bind_opt_i64(st, 9, l->uprn, 0);
    rc = rc ? rc : bind_opt_real(st, 10, l->has_wgs84, l->lat);
    rc = rc ? rc : bind_opt_real(st, 11, l->has_wgs84, l->lon);
    rc = rc ? rc : bind_opt_real(st, 12, l->has_bng, l->easting);
    rc = rc ? rc : bind_opt_real(st, 13, l->has_bng, l->northing);
    rc = rc ? rc : bind_text(st, 14, l->lsoa_code);
    rc = rc ? rc : bind_text(st, 15, l->lsoa_name);
    rc = rc ? rc : bind_id(st, 16, l->neighbourhood_id);
    rc = rc ? rc : bind_id(st, 17, l->la_id);
    return step_insert(s, st, rc, &l->id, err, "location");
}

static vg_err sq_location_get(vg_store *base, vg_id id, vg_location *l, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = sq_stmt(s, ST_LOC_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    sqlite3_bind_int64(st, 1, id);
    vg_err e = step_row(s, st, err, "location", id);
    if (e)
        return e;
    vg_location_init(l);
    l->id = id;
    (void)vg_location_kind_parse(col_text(st, 0), &l->kind);
    char **texts[] = {&l->flat, &l->number, &l->building, &l->street, &l->locality, &l->town, &l->postcode};
    bool ok = true;
    for (int i = 0; i < 7 && ok; i++)
        ok = col_dup(st, 1 + i, texts[i]);
    l->uprn = sqlite3_column_int64(st, 8);
    l->has_wgs84 = !col_null(st, 9);
    l->lat = sqlite3_column_double(st, 9);
    l->lon = sqlite3_column_double(st, 10);
    l->has_bng = !col_null(st, 11);
    l->easting = sqlite3_column_double(st, 11);
    l->northing = sqlite3_column_double(st, 12);
    ok = ok && col_dup(st, 13, &l->lsoa_code) && col_dup(st, 14, &l->lsoa_name);
    l->neighbourhood_id = sqlite3_column_int64(st, 15);
    l->la_id = sqlite3_column_int64(st, 16);
    sqlite3_reset(st);
    if (!ok) {
        vg_location_clear(l);
        return vg_error_set(err, VG_ERR_NOMEM, "location", "out of memory");
    }
    return VG_OK;
}

/* ---- persons */

static vg_err person_insert(sq_store *s, void *arg, vg_error *err)
{
    vg_person *p = arg;
    sqlite3_stmt *st = sq_stmt(s, ST_PERSON_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = bind_text(st, 1, p->family_name ? p->family_name : "");
    rc = rc ? rc : bind_text(st, 2, p->given_names ? p->given_names : "");
    rc = rc ? rc : bind_date(st, 3, p->dob);
    rc = rc ? rc : sqlite3_bind_text(st, 4, vg_gender_name(p->gender), -1, SQLITE_STATIC);
    rc = rc ? rc : bind_time(st, 5, p->created_at == VG_TIME_NONE ? vg_time_now() : p->created_at);
    vg_id id;
    vg_err e = step_insert(s, st, rc, &id, err, "person");
    for (size_t i = 0; !e && i < p->n_aliases; i++) {
        const vg_alias *a = &p->aliases[i];
        if (!(st = sq_stmt(s, ST_ALIAS_INS, err)))
            return err ? err->code : VG_ERR_STORE;
        rc = sqlite3_bind_int64(st, 1, id);
        rc = rc ? rc : bind_text(st, 2, a->family_name);
        rc = rc ? rc : bind_text(st, 3, a->given_names);
        rc = rc ? rc : bind_date(st, 4, a->dob);
        e = step_insert(s, st, rc, NULL, err, "person_alias");
    }
    for (size_t i = 0; !e && i < p->n_contacts; i++) {
        if (!(st = sq_stmt(s, ST_CONTACT_INS, err)))
            return err ? err->code : VG_ERR_STORE;
        rc = sqlite3_bind_int64(st, 1, id);
        rc = rc ? rc : sqlite3_bind_text(st, 2, vg_contact_kind_name(p->contacts[i].kind), -1, SQLITE_STATIC);
        rc = rc ? rc : bind_text(st, 3, p->contacts[i].value);
        e = step_insert(s, st, rc, NULL, err, "person_contact");
    }
    for (size_t i = 0; !e && i < p->n_markers; i++) {
        const vg_marker *m = &p->markers[i];
        if (!(st = sq_stmt(s, ST_MARKER_INS, err)))
            return err ? err->code : VG_ERR_STORE;
        rc = sqlite3_bind_int64(st, 1, id);
        rc = rc ? rc : sqlite3_bind_text(st, 2, vg_marker_kind_name(m->kind), -1, SQLITE_STATIC);
        rc = rc ? rc : bind_text(st, 3, m->code);
        rc = rc ? rc : bind_text(st, 4, m->detail);
        rc = rc ? rc : bind_date(st, 5, m->valid_from);
        rc = rc ? rc : bind_date(st, 6, m->valid_to);
        e = step_insert(s, st, rc, NULL, err, "person_marker");
    }
    if (!e)
        p->id = id;
    return e;
}

static vg_err sq_person_put(vg_store *base, vg_person *p, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (p->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "person", "person %lld is already stored", (long long)p->id);
    if (p->n_aliases == 0 && p->n_contacts == 0 && p->n_markers == 0)
        return person_insert(s, p, err); /* a single statement is atomic by itself */
    return in_tx(s, person_insert, p, err);
}

static vg_err load_person_children(sq_store *s, vg_person *p, vg_error *err)
{
    sqlite3_stmt *st;
    int rc;
    vg_err e = VG_OK;
    if (!(st = sq_stmt(s, ST_ALIAS_GET, err)))
        return err ? err->code : VG_ERR_STORE;
    sqlite3_bind_int64(st, 1, p->id);
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW)
        e = vg_person_add_alias(p, col_text(st, 0), col_text(st, 1), col_date(st, 2));
    if (!e && rc != SQLITE_DONE)
        e = sq_fail(s, err, "person_alias");
    sqlite3_reset(st);
    if (e || !(st = sq_stmt(s, ST_CONTACT_GET, err)))
        return e ? e : (err ? err->code : VG_ERR_STORE);
    sqlite3_bind_int64(st, 1, p->id);
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        vg_contact_kind k = VG_CONTACT_OTHER;
        (void)vg_contact_kind_parse(col_text(st, 0), &k);
        e = vg_person_add_contact(p, k, col_text(st, 1));
    }
    if (!e && rc != SQLITE_DONE)
        e = sq_fail(s, err, "person_contact");
    sqlite3_reset(st);
    if (e || !(st = sq_stmt(s, ST_MARKER_GET, err)))
        return e ? e : (err ? err->code : VG_ERR_STORE);
    sqlite3_bind_int64(st, 1, p->id);
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        vg_marker_kind k = VG_MARKER_WARNING;
        (void)vg_marker_kind_parse(col_text(st, 0), &k);
        e = vg_person_add_marker(p, k, col_text(st, 1), col_text(st, 2), col_date(st, 3), col_date(st, 4));
    }
    if (!e && rc != SQLITE_DONE)
        e = sq_fail(s, err, "person_marker");
    sqlite3_reset(st);
    if (e == VG_ERR_NOMEM)
        vg_error_set(err, e, "person", "out of memory");
    return e;
}

static vg_err sq_person_get(vg_store *base, vg_id id, vg_person *p, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = sq_stmt(s, ST_PERSON_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    sqlite3_bind_int64(st, 1, id);
    vg_err e = step_row(s, st, err, "person", id);
    if (e)
        return e;
    vg_person_init(p);
    p->id = id;
    bool ok = col_dup(st, 0, &p->family_name) && col_dup(st, 1, &p->given_names);
    p->dob = col_date(st, 2);
    (void)vg_gender_parse(col_text(st, 3), &p->gender);
    p->created_at = col_time(st, 4);
    sqlite3_reset(st);
    e = ok ? load_person_children(s, p, err) : vg_error_set(err, VG_ERR_NOMEM, "person", "out of memory");
    if (e)
        vg_person_clear(p);
    return e;
}

static vg_err sq_person_link_location(vg_store *base, vg_id person, vg_id location, vg_place_kind kind,
                                      vg_date from, vg_date to, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = sq_stmt(s, ST_PERSON_LOC_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = sqlite3_bind_int64(st, 1, person);
    rc = rc ? rc : sqlite3_bind_int64(st, 2, location);
    rc = rc ? rc : sqlite3_bind_text(st, 3, vg_place_kind_name(kind), -1, SQLITE_STATIC);
    rc = rc ? rc : bind_date(st, 4, from);
    rc = rc ? rc : bind_date(st, 5, to);
    return step_insert(s, st, rc, NULL, err, "person_location");
}

/* ---- objects */

static vg_err sq_object_put(vg_store *base, vg_object *o, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (o->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "object", "object %lld is already stored", (long long)o->id);
    sqlite3_stmt *st = sq_stmt(s, ST_OBJ_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = sqlite3_bind_text(st, 1, vg_object_kind_name(o->kind), -1, SQLITE_STATIC);
    rc = rc ? rc : bind_text(st, 2, o->identifier ? o->identifier : "");
    rc = rc ? rc : bind_text(st, 3, o->description);
    return step_insert(s, st, rc, &o->id, err, "object");
}

static vg_err sq_object_get(vg_store *base, vg_id id, vg_object *o, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = sq_stmt(s, ST_OBJ_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    sqlite3_bind_int64(st, 1, id);
    vg_err e = step_row(s, st, err, "object", id);
    if (e)
        return e;
    vg_object_init(o);
    o->id = id;
    (void)vg_object_kind_parse(col_text(st, 0), &o->kind);
    bool ok = col_dup(st, 1, &o->identifier) && col_dup(st, 2, &o->description);
    sqlite3_reset(st);
    if (!ok) {
        vg_object_clear(o);
        return vg_error_set(err, VG_ERR_NOMEM, "object", "out of memory");
    }
    return VG_OK;
}

static vg_err sq_object_link(vg_store *base, vg_record_kind kind, vg_id record, vg_id object, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    enum stmt_id id = kind == VG_REC_PERSON ? ST_PERSON_OBJ_INS
                      : kind == VG_REC_INCIDENT ? ST_INCIDENT_OBJ_INS
                      : kind == VG_REC_CRIME ? ST_CRIME_OBJ_INS : ST_COUNT;
    if (id == ST_COUNT)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "object_link", "objects link to persons, incidents or crimes");
    sqlite3_stmt *st = sq_stmt(s, id, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = sqlite3_bind_int64(st, 1, record);
    rc = rc ? rc : sqlite3_bind_int64(st, 2, object);
    return step_insert(s, st, rc, NULL, err, "object_link");
}

/* ---- events */

static vg_err insert_parties(sq_store *s, enum stmt_id sid, vg_id event, const vg_party *parties, size_t n,
                             vg_error *err)
{
    vg_err e = VG_OK;
    for (size_t i = 0; !e && i < n; i++) {
        sqlite3_stmt *st = sq_stmt(s, sid, err);
        if (!st)
            return err ? err->code : VG_ERR_STORE;
        int rc = sqlite3_bind_int64(st, 1, event);
        rc = rc ? rc : sqlite3_bind_int64(st, 2, parties[i].person_id);
        rc = rc ? rc : sqlite3_bind_text(st, 3, vg_role_name(parties[i].role), -1, SQLITE_STATIC);
        e = step_insert(s, st, rc, NULL, err, "party");
    }
    return e;
}

static vg_err load_parties(sq_store *s, enum stmt_id sid, vg_id event, vg_party **parties, size_t *n,
                           vg_error *err)
{
    sqlite3_stmt *st = sq_stmt(s, sid, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    sqlite3_bind_int64(st, 1, event);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        vg_role role = VG_ROLE_WITNESS;
        (void)vg_role_parse(col_text(st, 1), &role);
        e = vg_parties_add(parties, n, sqlite3_column_int64(st, 0), role);
        if (e)
            vg_error_set(err, e, "party", "out of memory");
    }
    if (!e && rc != SQLITE_DONE)
        e = sq_fail(s, err, "party");
    sqlite3_reset(st);
    return e;
}

static vg_err incident_insert(sq_store *s, void *arg, vg_error *err)
{
    vg_incident *i = arg;
    sqlite3_stmt *st = sq_stmt(s, ST_INC_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = bind_text(st, 1, i->reference);
    rc = rc ? rc : bind_time(st, 2, i->received_at);
    rc = rc ? rc : sqlite3_bind_text(st, 3, vg_channel_name(i->channel), -1, SQLITE_STATIC);
    rc = rc ? rc : sqlite3_bind_text(st, 4, vg_category_name(i->category), -1, SQLITE_STATIC);
    rc = rc ? rc : bind_text(st, 5, i->asb_type);
    rc = rc ? rc : sqlite3_bind_text(st, 6, vg_thrive_name(i->thrive), -1, SQLITE_STATIC);
    rc = rc ? rc : bind_text(st, 7, i->narrative);
    rc = rc ? rc : bind_id(st, 8, i->location_id);
    rc = rc ? rc : bind_time(st, 9, i->closed_at);
    vg_id id;
    vg_err e = step_insert(s, st, rc, &id, err, "incident");
    if (!e)
        e = insert_parties(s, ST_INC_PERSON_INS, id, i->parties, i->n_parties, err);
    if (!e)
        i->id = id;
    return e;
}

static vg_err sq_incident_put(vg_store *base, vg_incident *i, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (i->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "incident", "incident %lld is already stored", (long long)i->id);
    if (!i->reference || i->received_at == VG_TIME_NONE)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "incident", "reference and received time are required");
    return i->n_parties ? in_tx(s, incident_insert, i, err) : incident_insert(s, i, err);
}

static vg_err sq_incident_get(vg_store *base, vg_id id, vg_incident *i, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = sq_stmt(s, ST_INC_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    sqlite3_bind_int64(st, 1, id);
    vg_err e = step_row(s, st, err, "incident", id);
    if (e)
        return e;
    vg_incident_init(i);
    i->id = id;
    bool ok = col_dup(st, 0, &i->reference);
    i->received_at = col_time(st, 1);
    (void)vg_channel_parse(col_text(st, 2), &i->channel);
    (void)vg_category_parse(col_text(st, 3), &i->category);
    ok = ok && col_dup(st, 4, &i->asb_type);
    (void)vg_thrive_parse(col_text(st, 5), &i->thrive);
    ok = ok && col_dup(st, 6, &i->narrative);
    i->location_id = sqlite3_column_int64(st, 7);
    i->closed_at = col_time(st, 8);
    sqlite3_reset(st);
    e = ok ? load_parties(s, ST_INC_PERSON_GET, id, &i->parties, &i->n_parties, err)
           : vg_error_set(err, VG_ERR_NOMEM, "incident", "out of memory");
    if (e)
        vg_incident_clear(i);
    return e;
}

static vg_err crime_insert(sq_store *s, void *arg, vg_error *err)
{
    vg_crime *c = arg;
    sqlite3_stmt *st = sq_stmt(s, ST_CRIME_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = bind_text(st, 1, c->reference);
    rc = rc ? rc : bind_id(st, 2, c->incident_id);
    rc = rc ? rc : bind_text(st, 3, c->offence_code);
    rc = rc ? rc : bind_time(st, 4, c->committed_at);
    rc = rc ? rc : bind_time(st, 5, c->recorded_at);
    rc = rc ? rc : sqlite3_bind_text(st, 6, vg_crime_status_name(c->status), -1, SQLITE_STATIC);
    rc = rc ? rc : sqlite3_bind_int(st, 7, c->outcome);
    rc = rc ? rc : bind_time(st, 8, c->outcome_at);
    rc = rc ? rc : bind_id(st, 9, c->location_id);
    vg_id id;
    vg_err e = step_insert(s, st, rc, &id, err, "crime");
    if (!e)
        e = insert_parties(s, ST_CRIME_PERSON_INS, id, c->parties, c->n_parties, err);
    if (!e)
        c->id = id;
    return e;
}

static vg_err sq_crime_put(vg_store *base, vg_crime *c, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (c->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "crime", "crime %lld is already stored", (long long)c->id);
    if (!c->reference || c->recorded_at == VG_TIME_NONE || !c->offence_code[0])
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "crime", "reference, offence code and recorded time are required");
    return c->n_parties ? in_tx(s, crime_insert, c, err) : crime_insert(s, c, err);
}

static vg_err sq_crime_get(vg_store *base, vg_id id, vg_crime *c, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = sq_stmt(s, ST_CRIME_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    sqlite3_bind_int64(st, 1, id);
    vg_err e = step_row(s, st, err, "crime", id);
    if (e)
        return e;
    vg_crime_init(c);
    c->id = id;
    bool ok = col_dup(st, 0, &c->reference);
    c->incident_id = sqlite3_column_int64(st, 1);
    const char *code = col_text(st, 2);
    snprintf(c->offence_code, sizeof c->offence_code, "%s", code ? code : "");
    c->committed_at = col_time(st, 3);
    c->recorded_at = col_time(st, 4);
    (void)vg_crime_status_parse(col_text(st, 5), &c->status);
    c->outcome = sqlite3_column_int(st, 6);
    c->outcome_at = col_time(st, 7);
    c->location_id = sqlite3_column_int64(st, 8);
    sqlite3_reset(st);
    e = ok ? load_parties(s, ST_CRIME_PERSON_GET, id, &c->parties, &c->n_parties, err)
           : vg_error_set(err, VG_ERR_NOMEM, "crime", "out of memory");
    if (e)
        vg_crime_clear(c);
    return e;
}

/* ---- aggregates */

static vg_err count_query(sq_store *s, const char *sql, int64_t *out, vg_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, err, "count");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? VG_OK : sq_fail(s, err, "count");
}

static vg_err sq_counts(vg_store *base, vg_store_counts *out, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    static const char *const tables[VG_REC_KIND_COUNT] = {
        "SELECT count(*) FROM area", "SELECT count(*) FROM location", "SELECT count(*) FROM person",
        "SELECT count(*) FROM person_alias", "SELECT count(*) FROM object", "SELECT count(*) FROM incident",
        "SELECT count(*) FROM crime"};
    memset(out, 0, sizeof *out);
    vg_err e = VG_OK;
    for (int k = 0; !e && k < VG_REC_KIND_COUNT; k++)
        e = count_query(s, tables[k], &out->records[k], err);
    sqlite3_stmt *st = NULL;
    const char *group_sql[2] = {"SELECT category, count(*) FROM incident GROUP BY category",
                                "SELECT status, count(*) FROM crime GROUP BY status"};
    for (int q = 0; q < 2 && !e; q++) {
        if (sqlite3_prepare_v2(s->db, group_sql[q], -1, &st, NULL) != SQLITE_OK)
            return sq_fail(s, err, "count");
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *name = col_text(st, 0);
            vg_category cat;
            vg_crime_status status;
            if (q == 0 && vg_category_parse(name, &cat))
                out->incidents_by_category[cat] = sqlite3_column_int64(st, 1);
            if (q == 1 && vg_crime_status_parse(name, &status))
                out->crimes_by_status[status] = sqlite3_column_int64(st, 1);
        }
        if (rc != SQLITE_DONE)
            e = sq_fail(s, err, "count");
        sqlite3_finalize(st);
    }
    return e;
}

static vg_err sq_crime_counts_by_offence(vg_store *base, vg_time from, vg_time to, vg_crime_status status,
                                         vg_offence_count_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = sq_stmt(s, ST_CRIME_BY_OFFENCE, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = sqlite3_bind_text(st, 1, vg_crime_status_name(status), -1, SQLITE_STATIC);
    rc = rc ? rc : bind_time(st, 2, from);
    rc = rc ? rc : bind_time(st, 3, to);
    if (rc)
        return sq_fail(s, err, "crime counts");
    vg_err e = VG_OK;
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW)
        e = fn(ctx, col_text(st, 0), sqlite3_column_int64(st, 1));
    if (!e && rc != SQLITE_DONE)
        e = sq_fail(s, err, "crime counts");
    sqlite3_reset(st);
    return e;
}

/* ---- synthetic-force bookkeeping */

static vg_err sq_truth_put(vg_store *base, const char *kind, vg_id record, int64_t truth, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = sq_stmt(s, ST_TRUTH_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = bind_text(st, 1, kind);
    rc = rc ? rc : sqlite3_bind_int64(st, 2, record);
    rc = rc ? rc : sqlite3_bind_int64(st, 3, truth);
    return step_insert(s, st, rc, NULL, err, "synth_truth");
}

static vg_err sq_synth_run_put(vg_store *base, uint64_t seed, double scale, vg_month from, int months,
                               const char *force_name, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st = sq_stmt(s, ST_SYNTH_RUN_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    char m[VG_MONTH_LEN];
    vg_month_format(from, m);
    int rc = sqlite3_bind_int64(st, 1, (sqlite3_int64)seed);
    rc = rc ? rc : sqlite3_bind_double(st, 2, scale);
    rc = rc ? rc : sqlite3_bind_text(st, 3, m, -1, SQLITE_TRANSIENT);
    rc = rc ? rc : sqlite3_bind_int(st, 4, months);
    rc = rc ? rc : bind_text(st, 5, force_name);
    rc = rc ? rc : bind_time(st, 6, vg_time_now());
    return step_insert(s, st, rc, NULL, err, "synth_run");
}

/* ---- open/close */

static void sq_close(vg_store *base)
{
    sq_store *s = (sq_store *)base;
    if (!s)
        return;
    while (s->depth > 0)
        sq_rollback(base);
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->stmts[i]);
    sqlite3_close(s->db);
    vg_free(s->path);
    vg_free(s);
}

static const vg_store_ops sqlite_ops = {
    .name = "sqlite",
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .schema_version = sq_schema_version,
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
    .counts = sq_counts,
    .crime_counts_by_offence = sq_crime_counts_by_offence,
    .truth_put = sq_truth_put,
    .synth_run_put = sq_synth_run_put,
};

vg_err vg_store_sqlite_open(const char *path, vg_store_mode mode, vg_store **out, vg_error *err)
{
    *out = NULL;
    pthread_once(&sq_once, sq_global_init);
    if (sq_init_rc != SQLITE_OK)
        return vg_error_set(err, sq_init_rc == SQLITE_NOMEM ? VG_ERR_NOMEM : VG_ERR_STORE, "sqlite",
                            "cannot initialise SQLite");
    bool memory = strcmp(path, ":memory:") == 0;
    if (!memory && mode == VG_STORE_OPEN_EXISTING && access(path, F_OK) != 0)
        return vg_error_set(err, VG_ERR_NOT_FOUND, path, "no database here; create one with 'vigil init --db %s'",
                            path);
    sq_store *s = vg_calloc(1, sizeof *s);
    if (!s)
        return vg_error_set(err, VG_ERR_NOMEM, path, "out of memory");
    s->base.ops = &sqlite_ops;
    s->path = vg_strdup(path);
    if (!s->path) {
        vg_free(s);
        return vg_error_set(err, VG_ERR_NOMEM, path, "out of memory");
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == VG_STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    vg_err e = VG_OK;
    if (rc != SQLITE_OK) {
        e = s->db ? sq_fail(s, err, path)
                  : vg_error_set(err, VG_ERR_NOMEM, path, "out of memory opening the database");
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 5000);
    e = sq_exec(s, "PRAGMA foreign_keys = ON", err);
    if (!e)
        e = check_application(s, mode, err);
    if (!e && !memory)
        e = sq_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072", err);
    if (e)
        goto fail;
    if (mode == VG_STORE_CREATE) {
        e = migrate(s, err);
    } else {
        int have;
        e = sq_schema_version(&s->base, &have, err);
        if (!e && have != vg_store_schema_version_supported())
            e = version_error(s, have, vg_store_schema_version_supported(), err);
    }
    if (e)
        goto fail;
    *out = &s->base;
    return VG_OK;
fail:
    sq_close(&s->base);
    return e;
}
