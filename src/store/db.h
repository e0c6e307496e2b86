/* db.h - the thin SQL driver the store's queries are written against, once: a
 * connection, prepared statements, bind, step, column, exec. Each backend is a driver
 * (db_sqlite.c, db_pg.c) behind one table of function pointers; the dialects'
 * differences that are not in the SQL text itself live there: placeholders (`?`, `?N`
 * and `:name` are SQLite's own and are rewritten to `$N` for PostgreSQL), parameter and
 * column types, booleans, blobs, error classes.
 *
 * Conventions follow SQLite's, so code reads the same on both backends: parameters and
 * results count from 1 and 0 respectively; bind functions return VG_DB_OK (0) or an
 * error code, so binds chain as `rc = rc ? rc : vg_db_bind_...`; step returns VG_DB_ROW,
 * VG_DB_DONE, or an error (the message is vg_db_errmsg's, its class vg_db_fail_of's).
 * Text returned by a column is borrowed until the next step, reset or finalize. */
#ifndef VG_STORE_DB_H
#define VG_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vg_db vg_db;
typedef struct vg_db_stmt vg_db_stmt;

enum { VG_DB_OK = 0, VG_DB_ERROR = 1, VG_DB_ROW = 100, VG_DB_DONE = 101 };

/* What kind of failure the last error on a connection was. */
typedef enum vg_db_fail {
    VG_DB_FAIL_OTHER,
    VG_DB_FAIL_NOMEM,
    VG_DB_FAIL_CONSTRAINT, /* a unique, foreign or check constraint */
    VG_DB_FAIL_READONLY,   /* a write through a read-only connection or a replica */
    VG_DB_FAIL_BUSY,       /* locked, or a serialisation failure: may be retried */
} vg_db_fail;

/* Column types as read. */
typedef enum vg_db_type { VG_DB_NULL, VG_DB_INT, VG_DB_FLOAT, VG_DB_TEXT, VG_DB_BLOB } vg_db_type;

/* Whether a bound text or blob must stay valid until the statement is reset (STATIC) or is
 * copied at once (TRANSIENT). */
typedef enum vg_db_life { VG_DB_STATIC, VG_DB_TRANSIENT } vg_db_life;

typedef struct vg_db_driver {
    const char *name; /* "sqlite", "postgresql" */
    void (*close)(vg_db *db);
    int (*exec)(vg_db *db, const char *sql); /* one or more statements, no parameters */
    /* persistent: the statement is kept and reused (cached by the caller). */
    int (*prepare)(vg_db *db, const char *sql, bool persistent, vg_db_stmt **out);
    void (*finalize)(vg_db_stmt *st);
    void (*reset)(vg_db_stmt *st);
    int (*bind_null)(vg_db_stmt *st, int i);
    int (*bind_i64)(vg_db_stmt *st, int i, int64_t v);
    int (*bind_double)(vg_db_stmt *st, int i, double v);
    int (*bind_text)(vg_db_stmt *st, int i, const char *v, int n, vg_db_life life); /* n < 0: to the NUL */
    int (*bind_blob)(vg_db_stmt *st, int i, const void *v, int n, vg_db_life life);
    int (*param_index)(vg_db_stmt *st, const char *name); /* ":name" -> its number, 0 if absent */
    int (*step)(vg_db_stmt *st);
    int (*col_count)(vg_db_stmt *st);
    vg_db_type (*col_type)(vg_db_stmt *st, int i);
    int64_t (*col_i64)(vg_db_stmt *st, int i); /* 0 for NULL; a boolean is 1 or 0 */
    double (*col_double)(vg_db_stmt *st, int i);
    const char *(*col_text)(vg_db_stmt *st, int i); /* NULL for NULL */
    const void *(*col_blob)(vg_db_stmt *st, int i);
    int (*col_bytes)(vg_db_stmt *st, int i);
    const char *(*errmsg)(vg_db *db);
    vg_db_fail (*fail)(vg_db *db);
    int64_t (*changes)(vg_db *db); /* rows changed by the last INSERT, UPDATE or DELETE */
    bool (*in_tx)(vg_db *db);      /* a transaction is open */
} vg_db_driver;

/* Every driver's connection and statement start with these. */
struct vg_db {
    const vg_db_driver *drv;
};
struct vg_db_stmt {
    vg_db *db;
};

static inline void vg_db_close(vg_db *db) { if (db) db->drv->close(db); }
static inline int vg_db_exec(vg_db *db, const char *sql) { return db->drv->exec(db, sql); }
static inline int vg_db_prepare(vg_db *db, const char *sql, vg_db_stmt **out) { return db->drv->prepare(db, sql, false, out); }
static inline int vg_db_prepare_kept(vg_db *db, const char *sql, vg_db_stmt **out) { return db->drv->prepare(db, sql, true, out); }
static inline void vg_db_finalize(vg_db_stmt *st) { if (st) st->db->drv->finalize(st); }
static inline void vg_db_reset(vg_db_stmt *st) { st->db->drv->reset(st); }
static inline int vg_db_bind_null(vg_db_stmt *st, int i) { return st->db->drv->bind_null(st, i); }
static inline int vg_db_bind_i64(vg_db_stmt *st, int i, int64_t v) { return st->db->drv->bind_i64(st, i, v); }
static inline int vg_db_bind_int(vg_db_stmt *st, int i, int v) { return st->db->drv->bind_i64(st, i, v); }
static inline int vg_db_bind_double(vg_db_stmt *st, int i, double v) { return st->db->drv->bind_double(st, i, v); }
static inline int vg_db_bind_text(vg_db_stmt *st, int i, const char *v, int n, vg_db_life life) { return st->db->drv->bind_text(st, i, v, n, life); }
static inline int vg_db_bind_blob(vg_db_stmt *st, int i, const void *v, int n, vg_db_life life) { return st->db->drv->bind_blob(st, i, v, n, life); }
static inline int vg_db_param_index(vg_db_stmt *st, const char *name) { return st->db->drv->param_index(st, name); }
static inline int vg_db_step(vg_db_stmt *st) { return st->db->drv->step(st); }
static inline int vg_db_col_count(vg_db_stmt *st) { return st->db->drv->col_count(st); }
static inline vg_db_type vg_db_col_type(vg_db_stmt *st, int i) { return st->db->drv->col_type(st, i); }
static inline int64_t vg_db_col_i64(vg_db_stmt *st, int i) { return st->db->drv->col_i64(st, i); }
static inline int vg_db_col_int(vg_db_stmt *st, int i) { return (int)st->db->drv->col_i64(st, i); }
static inline double vg_db_col_double(vg_db_stmt *st, int i) { return st->db->drv->col_double(st, i); }
static inline const char *vg_db_col_text(vg_db_stmt *st, int i) { return st->db->drv->col_text(st, i); }
static inline const void *vg_db_col_blob(vg_db_stmt *st, int i) { return st->db->drv->col_blob(st, i); }
static inline int vg_db_col_bytes(vg_db_stmt *st, int i) { return st->db->drv->col_bytes(st, i); }
static inline const char *vg_db_errmsg(vg_db *db) { return db->drv->errmsg(db); }
static inline vg_db_fail vg_db_fail_of(vg_db *db) { return db->drv->fail(db); }
static inline int64_t vg_db_changes(vg_db *db) { return db->drv->changes(db); }
static inline bool vg_db_in_tx(vg_db *db) { return db->drv->in_tx(db); }
static inline vg_db *vg_db_of(vg_db_stmt *st) { return st->db; }

#endif
