/* pg.c - the PostgreSQL backend of vg_store: the shared SQL store (sqlite.c and its
 * siblings, written once against db.h) over the libpq driver, with PostgreSQL's
 * migrations (schema/postgres/), and what only PostgreSQL does differently: another
 * process's commits are noticed through LISTEN/NOTIFY rather than SQLite's data version. */
#include "store/db_pg.h"
#include "store/sqlite_int.h"
#include "base/alloc.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

extern const vg_embedded vg_pg_schema[];
extern const size_t vg_pg_schema_count;

static const sq_dialect pg_dialect = {
    .migrations = vg_pg_schema,
    .count = &vg_pg_schema_count,
    .has_migrations = "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND "
                      "tablename = 'schema_migration'",
    .create_migrations = "CREATE TABLE IF NOT EXISTS schema_migration (version bigint PRIMARY KEY, name text NOT NULL, "
                         "applied_at text NOT NULL)",
    /* one writer at a time across every server, as SQLite has: the audit chain's next
     * entry follows the head the transaction read, and store_change's seqs are given out
     * in commit order (its triggers take the same lock for writes outside a transaction) */
    .begin_write = "BEGIN; SELECT pg_advisory_xact_lock(5647494)",
    /* the newest change is never pruned (below) */
    .change_head = "SELECT coalesce(max(seq), 0) FROM store_change",
    /* several servers follow the log: one prunes what it has applied but the last 100,000,
     * so that another a little behind still reads them (one further behind rebuilds) */
    .changes_prune = "DELETE FROM store_change WHERE seq <= ?1 - 100000",
};

/* Changes when another connection commits a change first contact follows: each NOTIFY
 * on vigil_change (a trigger on store_change sends one per committing transaction) moves
 * it on. Nothing is read from the server when nothing has arrived. */
static vg_err pg_data_version(vg_store *base, int64_t *version, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    PGconn *c = vg_db_pg_conn(s->db);
    if (!PQconsumeInput(c))
        return vg_error_set(err, VG_ERR_STORE, "data_version", "%s", PQerrorMessage(c));
    PGnotify *n;
    while ((n = PQnotifies(c)) != NULL) {
        s->pg_version++;
        PQfreemem(n);
    }
    *version = s->pg_version;
    return VG_OK;
}

/* The shared tables, but for first contact's, whose data_version is PostgreSQL's own. */
static vg_store_ops pg_ops;
static vg_store_contact_ops pg_contact;
static pthread_once_t pg_once = PTHREAD_ONCE_INIT;

static void pg_ops_init(void)
{
    pg_ops = sq_ops;
    pg_ops.name = "postgresql";
    pg_contact = *sq_ops.contact;
    pg_contact.data_version = pg_data_version;
    pg_ops.contact = &pg_contact;
}

/* The URL for messages: a password in it is not repeated. */
static char *shown_url(const char *url)
{
    char *u = vg_strdup(url);
    if (!u)
        return NULL;
    char *scheme = strstr(u, "://");
    char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    char *colon = at ? memchr(scheme + 3, ':', (size_t)(at - (scheme + 3))) : NULL;
    if (colon && at - colon > 1) {
        memmove(colon + 4, at, strlen(at) + 1);
        memcpy(colon + 1, "***", 3);
    }
    return u;
}

/* A database holding other tables but no Vigil schema is not ours to migrate. */
static vg_err check_database(sq_store *s, vg_store_mode mode, vg_error *err)
{
    int have;
    vg_err e = sq_schema_version(&s->base, &have, err);
    if (e || have > 0)
        return e;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND "
                             "tablename <> 'schema_migration'", &st))
        return sq_fail(s, err, s->path);
    int rc = vg_db_step(st);
    int64_t tables = rc == VG_DB_ROW ? vg_db_col_i64(st, 0) : -1;
    vg_db_finalize(st);
    if (tables < 0)
        return sq_fail(s, err, s->path);
    if (tables > 0)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, s->path, "not a Vigil database");
    if (mode != VG_STORE_CREATE)
        return vg_error_set(err, VG_ERR_VERSION, s->path, "database is empty; run 'vigil init --db %s'", s->path);
    return VG_OK;
}

/* The database url names, from the maintenance database of its server, made if absent
 * (`vigil init` on a server where the user may create databases). */
static vg_err create_database(const char *url, const char *shown, vg_error *err)
{
    PQconninfoOption *opts = PQconninfoParse(url, NULL);
    const char *name = NULL;
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        if (!strcmp(o->keyword, "dbname") && o->val && *o->val)
            name = o->val;
    if (!name) {
        PQconninfoFree(opts);
        return vg_error_set(err, VG_ERR_USAGE, shown, "the URL names no database");
    }
    const char *keys[] = {"dbname", "dbname", NULL};
    const char *vals[] = {url, "postgres", NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    vg_err e = VG_OK;
    if (PQstatus(c) != CONNECTION_OK) {
        e = vg_error_set(err, VG_ERR_STORE, shown, "cannot connect to create the database: %s", PQerrorMessage(c));
    } else {
        char *quoted = PQescapeIdentifier(c, name, strlen(name));
        char sql[600];
        /* the C locale: text sorts by its bytes and upper/lower touch ASCII alone, as on SQLite */
        snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'",
                 quoted ? quoted : "\"\"");
        PQfreemem(quoted);
        PGresult *r = PQexec(c, sql);
        const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        /* another process may have made it meanwhile (42P04: it exists) */
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !(state && !strcmp(state, "42P04")))
            e = vg_error_set(err, VG_ERR_STORE, shown, "cannot create the database: %s", PQresultErrorMessage(r));
        PQclear(r);
    }
    PQfinish(c);
    PQconninfoFree(opts);
    return e;
}

static bool no_such_database(vg_db *db) { return db && strstr(vg_db_errmsg(db), "does not exist") != NULL; }

vg_err vg_store_pg_open(const char *url, vg_store_mode mode, vg_store **out, vg_error *err)
{
    *out = NULL;
    pthread_once(&pg_once, pg_ops_init);
    sq_store *s = vg_calloc(1, sizeof *s);
    if (!s)
        return vg_error_set(err, VG_ERR_NOMEM, "postgresql", "out of memory");
    s->base.ops = &pg_ops;
    s->dialect = &pg_dialect;
    s->reader = mode == VG_STORE_READER;
    s->path = shown_url(url);
    if (!s->path) {
        vg_free(s);
        return vg_error_set(err, VG_ERR_NOMEM, "postgresql", "out of memory");
    }
    vg_err e = VG_OK;
    int rc = vg_db_pg_open(url, &s->db);
    if (rc != VG_DB_OK && no_such_database(s->db) && mode == VG_STORE_CREATE) {
        vg_db_close(s->db);
        s->db = NULL;
        if ((e = create_database(url, s->path, err)))
            goto fail;
        rc = vg_db_pg_open(url, &s->db);
    }
    if (rc != VG_DB_OK && no_such_database(s->db)) {
        e = vg_error_set(err, VG_ERR_NOT_FOUND, s->path, "no database here; create one with 'vigil init --db %s'",
                         s->path);
        goto fail;
    }
    if (rc != VG_DB_OK) {
        e = s->db ? vg_error_set(err, VG_ERR_STORE, s->path, "cannot connect: %s", vg_db_errmsg(s->db))
                  : vg_error_set(err, VG_ERR_NOMEM, s->path, "out of memory");
        goto fail;
    }
    e = check_database(s, mode, err);
    if (!e && mode == VG_STORE_CREATE) {
        /* two processes starting the same new database take turns */
        e = sq_exec(s, "SELECT pg_advisory_lock(5647494)", err);
        if (!e) {
            e = sq_schema_start(s, mode, err);
            vg_error ignored;
            sq_exec(s, "SELECT pg_advisory_unlock(5647494)", &ignored);
        }
    } else if (!e) {
        e = sq_schema_start(s, mode, err);
    }
    if (!e && mode == VG_STORE_READER)
        e = sq_exec(s, "SET default_transaction_read_only = on", err);
    /* a standby (a replica) takes no LISTEN; it is read, and notified of nothing */
    bool standby = false;
    if (!e) {
        vg_db_stmt *st;
        if (vg_db_prepare(s->db, "SELECT pg_is_in_recovery()", &st) != VG_DB_OK) {
            e = sq_fail(s, err, s->path);
        } else {
            int step = vg_db_step(st);
            standby = step == VG_DB_ROW && vg_db_col_i64(st, 0);
            if (step != VG_DB_ROW)
                e = sq_fail(s, err, s->path);
            vg_db_finalize(st);
        }
    }
    if (!e && !standby)
        e = sq_exec(s, "LISTEN vigil_change", err);
    if (e)
        goto fail;
    *out = &s->base;
    return VG_OK;
fail:
    sq_close(&s->base);
    return e;
}
