/* db_sqlite.c - the SQLite driver of db.h: each call is the SQLite function of the same
 * name. SQLite allocates through vg_malloc, so the fault-injection walk reaches inside
 * the database engine too. */
#include "store/db_sqlite.h"
#include "base/alloc.h"
#include "base/log.h"

#include <pthread.h>
#include <string.h>

typedef struct sdb {
    vg_db base; /* must be first */
    sqlite3 *h;
} sdb;

typedef struct sst {
    vg_db_stmt base; /* must be first */
    sqlite3_stmt *h;
} sst;

#define H(st) (((sst *)(st))->h)
#define DBH(db) (((sdb *)(db))->h)

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
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* no global allocation statistics: no mutex per malloc */
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &mem) != SQLITE_OK)
        vg_log_debug("sqlite: allocator hook not installed (SQLite already initialised)");
    sq_init_rc = sqlite3_initialize();
}

/* ---- the driver */

static void d_close(vg_db *db)
{
    sqlite3_close(DBH(db));
    vg_free(db);
}

static int d_exec(vg_db *db, const char *sql) { return sqlite3_exec(DBH(db), sql, NULL, NULL, NULL); }

static int d_prepare(vg_db *db, const char *sql, bool persistent, vg_db_stmt **out)
{
    *out = NULL;
    sst *st = vg_malloc(sizeof *st);
    if (!st)
        return SQLITE_NOMEM;
    st->base.db = db;
    int rc = sqlite3_prepare_v3(DBH(db), sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &st->h, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st->h);
        vg_free(st);
        return rc;
    }
    *out = &st->base;
    return SQLITE_OK;
}

static void d_finalize(vg_db_stmt *st)
{
    sqlite3_finalize(H(st));
    vg_free(st);
}

static void d_reset(vg_db_stmt *st) { sqlite3_reset(H(st)); }
static int d_bind_null(vg_db_stmt *st, int i) { return sqlite3_bind_null(H(st), i); }
static int d_bind_i64(vg_db_stmt *st, int i, int64_t v) { return sqlite3_bind_int64(H(st), i, v); }
static int d_bind_double(vg_db_stmt *st, int i, double v) { return sqlite3_bind_double(H(st), i, v); }

static int d_bind_text(vg_db_stmt *st, int i, const char *v, int n, vg_db_life life)
{
    return sqlite3_bind_text(H(st), i, v, n, life == VG_DB_STATIC ? SQLITE_STATIC : SQLITE_TRANSIENT);
}

static int d_bind_blob(vg_db_stmt *st, int i, const void *v, int n, vg_db_life life)
{
    return sqlite3_bind_blob(H(st), i, v, n, life == VG_DB_STATIC ? SQLITE_STATIC : SQLITE_TRANSIENT);
}

static int d_param_index(vg_db_stmt *st, const char *name) { return sqlite3_bind_parameter_index(H(st), name); }

static int d_step(vg_db_stmt *st)
{
    int rc = sqlite3_step(H(st));
    return rc == SQLITE_ROW ? VG_DB_ROW : rc == SQLITE_DONE ? VG_DB_DONE : rc;
}

static int d_col_count(vg_db_stmt *st) { return sqlite3_column_count(H(st)); }

static vg_db_type d_col_type(vg_db_stmt *st, int i)
{
    switch (sqlite3_column_type(H(st), i)) {
    case SQLITE_INTEGER: return VG_DB_INT;
    case SQLITE_FLOAT: return VG_DB_FLOAT;
    case SQLITE_TEXT: return VG_DB_TEXT;
    case SQLITE_BLOB: return VG_DB_BLOB;
    default: return VG_DB_NULL;
    }
}

static int64_t d_col_i64(vg_db_stmt *st, int i) { return sqlite3_column_int64(H(st), i); }
static double d_col_double(vg_db_stmt *st, int i) { return sqlite3_column_double(H(st), i); }
static const char *d_col_text(vg_db_stmt *st, int i) { return (const char *)sqlite3_column_text(H(st), i); }
static const void *d_col_blob(vg_db_stmt *st, int i) { return sqlite3_column_blob(H(st), i); }
static int d_col_bytes(vg_db_stmt *st, int i) { return sqlite3_column_bytes(H(st), i); }
static const char *d_errmsg(vg_db *db) { return sqlite3_errmsg(DBH(db)); }

static vg_db_fail d_fail(vg_db *db)
{
    switch (sqlite3_extended_errcode(DBH(db)) & 0xff) {
    case SQLITE_NOMEM: return VG_DB_FAIL_NOMEM;
    case SQLITE_CONSTRAINT: return VG_DB_FAIL_CONSTRAINT;
    case SQLITE_READONLY: return VG_DB_FAIL_READONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return VG_DB_FAIL_BUSY;
    default: return VG_DB_FAIL_OTHER;
    }
}

static int64_t d_changes(vg_db *db) { return sqlite3_changes64(DBH(db)); }
static bool d_in_tx(vg_db *db) { return !sqlite3_get_autocommit(DBH(db)); }

static const vg_db_driver sqlite_driver = {
    .name = "sqlite",
    .close = d_close,
    .exec = d_exec,
    .prepare = d_prepare,
    .finalize = d_finalize,
    .reset = d_reset,
    .bind_null = d_bind_null,
    .bind_i64 = d_bind_i64,
    .bind_double = d_bind_double,
    .bind_text = d_bind_text,
    .bind_blob = d_bind_blob,
    .param_index = d_param_index,
    .step = d_step,
    .col_count = d_col_count,
    .col_type = d_col_type,
    .col_i64 = d_col_i64,
    .col_double = d_col_double,
    .col_text = d_col_text,
    .col_blob = d_col_blob,
    .col_bytes = d_col_bytes,
    .errmsg = d_errmsg,
    .fail = d_fail,
    .changes = d_changes,
    .in_tx = d_in_tx,
};

int vg_db_sqlite_open(const char *path, int flags, vg_db **out)
{
    *out = NULL;
    pthread_once(&sq_once, sq_global_init);
    if (sq_init_rc != SQLITE_OK)
        return sq_init_rc;
    sdb *db = vg_calloc(1, sizeof *db);
    if (!db)
        return SQLITE_NOMEM;
    db->base.drv = &sqlite_driver;
    int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(db->h, 1);
        sqlite3_busy_timeout(db->h, 5000);
    }
    *out = &db->base;
    if (!db->h) {
        vg_free(db);
        *out = NULL;
        return SQLITE_NOMEM;
    }
    return rc;
}

bool vg_db_is_sqlite(const vg_db *db) { return db && db->drv == &sqlite_driver; }

sqlite3 *vg_db_sqlite_handle(vg_db *db) { return vg_db_is_sqlite(db) ? DBH(db) : NULL; }
