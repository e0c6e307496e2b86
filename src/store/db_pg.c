/* db_pg.c - the PostgreSQL driver of db.h, over libpq.
 *
 * The store's SQL is written with SQLite's placeholders (`?`, `?N`, `:name`); prepare
 * rewrites them to `$N` with SQLite's numbering. Parameters go as text (the server infers
 * each one's type from where it stands) except integers and reals, declared int8 and
 * float8 so that an expression such as `?1 = 0` has a type, and blobs, sent as binary
 * bytea. Results come as text: integers are parsed, booleans read as 1 and 0, bytea
 * decoded. A kept statement is prepared on the server once (named), at its first step;
 * others are sent with their parameters in one round trip. A step runs the whole query
 * and then walks its rows, so a caller may run other statements while it reads. */
#include "store/db_pg.h"
#include "base/alloc.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OID_BOOL 16
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

typedef struct pdb {
    vg_db base; /* must be first */
    PGconn *conn;
    char err[512];
    char sqlstate[6];
    int64_t changes;
    unsigned next_name; /* kept statements are named v1, v2, ... */
} pdb;

typedef struct param {
    char *value;      /* NULL: SQL NULL */
    int len;          /* binary length (blobs) */
    int format;       /* 0 text, 1 binary */
    Oid type;         /* 0: inferred */
    bool owned;       /* value was allocated here */
    char small[32];   /* numbers are written here */
} param;

typedef struct blob_cache {
    int row;
    unsigned char *data;
    size_t len;
} blob_cache;

typedef struct pst {
    vg_db_stmt base; /* must be first */
    char *sql;       /* with $N placeholders */
    int nparams;
    char **names;    /* names[i]: ":name" of parameter i+1, or NULL */
    param *params;
    const char **values; /* the arrays libpq takes, nparams each */
    int *lengths, *formats;
    Oid *types;
    char name[16];   /* kept: the server-side name, "" until prepared */
    bool kept;
    PGresult *res;
    int row;         /* the row the last step returned */
    int nrows;
    bool ran;
    blob_cache *blobs; /* per column, decoded bytea */
    int nblobs;
} pst;

#define DB(x) ((pdb *)(x))
#define ST(x) ((pst *)(x))

/* ---- errors */

static void set_error(pdb *db, const char *msg, const char *state)
{
    snprintf(db->err, sizeof db->err, "%s", msg ? msg : "unknown error");
    size_t n = strlen(db->err);
    while (n && (db->err[n - 1] == '\n' || db->err[n - 1] == ' '))
        db->err[--n] = '\0';
    snprintf(db->sqlstate, sizeof db->sqlstate, "%s", state ? state : "");
}

static void set_result_error(pdb *db, const PGresult *r)
{
    const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(db->conn);
    if (!msg || !*msg)
        msg = PQerrorMessage(db->conn);
    set_error(db, msg, r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL);
}

/* ---- placeholders: SQLite's to PostgreSQL's */

static bool ident_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

/* Rewrites sql into st->sql, numbering parameters as SQLite does: `?N` is N, `?` one more
 * than the largest so far, a `:name` the next number at its first use. */
static int rewrite(pst *st, const char *sql)
{
    size_t n = strlen(sql), marks = 0;
    for (size_t i = 0; i < n; i++)
        marks += sql[i] == '?' || sql[i] == ':';
    /* each `?` or `:name` becomes "$" and at most 10 digits */
    char *out = vg_malloc(n + marks * 11 + 16);
    if (!out)
        return VG_DB_ERROR;
    size_t o = 0;
    int max = 0, nnames = 0, cap = 0;
    char **names = NULL;
    for (size_t i = 0; i < n;) {
        char c = sql[i];
        if (c == '\'' || c == '"') { /* a literal or a quoted name, '' and "" doubled */
            char q = c;
            out[o++] = sql[i++];
            while (i < n) {
                out[o++] = sql[i];
                if (sql[i++] == q) {
                    if (i < n && sql[i] == q) {
                        out[o++] = sql[i++];
                        continue;
                    }
                    break;
                }
            }
            continue;
        }
        if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
            while (i < n && sql[i] != '\n')
                out[o++] = sql[i++];
            continue;
        }
        int num = 0;
        if (c == '?') {
            i++;
            if (i < n && sql[i] >= '0' && sql[i] <= '9') {
                while (i < n && sql[i] >= '0' && sql[i] <= '9')
                    num = num * 10 + (sql[i++] - '0');
            } else {
                num = max + 1;
            }
        } else if (c == ':' && i + 1 < n && (ident_char(sql[i + 1]) && !(sql[i + 1] >= '0' && sql[i + 1] <= '9')) &&
                   (i == 0 || sql[i - 1] != ':')) {
            size_t b = i;
            i++;
            while (i < n && ident_char(sql[i]))
                i++;
            size_t len = i - b;
            for (int k = 0; k < cap; k++)
                if (names[k] && strlen(names[k]) == len && memcmp(names[k], sql + b, len) == 0)
                    num = k + 1;
            if (!num) {
                num = max + 1;
                if (num > cap) {
                    int ncap = num + 8;
                    char **nn = vg_realloc(names, (size_t)ncap * sizeof *nn);
                    if (!nn)
                        goto nomem;
                    memset(nn + cap, 0, (size_t)(ncap - cap) * sizeof *nn);
                    names = nn;
                    cap = ncap;
                }
                names[num - 1] = vg_malloc(len + 1);
                if (!names[num - 1])
                    goto nomem;
                memcpy(names[num - 1], sql + b, len);
                names[num - 1][len] = '\0';
                nnames++;
            }
        } else {
            out[o++] = sql[i++];
            continue;
        }
        if (num > max)
            max = num;
        o += (size_t)sprintf(out + o, "$%d", num);
    }
    out[o] = '\0';
    st->sql = out;
    st->nparams = max;
    if (max > cap) {
        char **nn = vg_realloc(names, (size_t)(max ? max : 1) * sizeof *nn);
        if (!nn)
            goto nomem_out;
        memset(nn + cap, 0, (size_t)(max - cap) * sizeof *nn);
        names = nn;
    }
    st->names = names;
    (void)nnames;
    return VG_DB_OK;
nomem:
    vg_free(out);
nomem_out:
    for (int k = 0; k < cap; k++)
        vg_free(names[k]);
    vg_free(names);
    st->sql = NULL;
    return VG_DB_ERROR;
}

/* ---- statements */

static void clear_param(param *p)
{
    if (p->owned)
        vg_free(p->value);
    p->value = NULL;
    p->owned = false;
    p->len = 0;
    p->format = 0;
    p->type = 0;
}

static void clear_result(pst *st)
{
    PQclear(st->res);
    st->res = NULL;
    st->ran = false;
    st->row = -1;
    st->nrows = 0;
    for (int i = 0; i < st->nblobs; i++)
        st->blobs[i].row = -1;
}

static int d_prepare(vg_db *db, const char *sql, bool persistent, vg_db_stmt **out)
{
    *out = NULL;
    pst *st = vg_calloc(1, sizeof *st);
    if (!st) {
        set_error(DB(db), "out of memory", "53200");
        return VG_DB_ERROR;
    }
    st->base.db = db;
    st->kept = persistent;
    st->row = -1;
    if (rewrite(st, sql) != VG_DB_OK) {
        vg_free(st);
        set_error(DB(db), "out of memory", "53200");
        return VG_DB_ERROR;
    }
    if (st->nparams) {
        size_t k = (size_t)st->nparams;
        st->params = vg_calloc(k, sizeof *st->params);
        st->values = vg_calloc(k, sizeof *st->values);
        st->lengths = vg_calloc(k, sizeof *st->lengths);
        st->formats = vg_calloc(k, sizeof *st->formats);
        st->types = vg_calloc(k, sizeof *st->types);
        if (!st->params || !st->values || !st->lengths || !st->formats || !st->types) {
            vg_free(st->values);
            vg_free(st->lengths);
            vg_free(st->formats);
            vg_free(st->types);
            vg_free(st->params);
            vg_free(st->sql);
            vg_free(st->names);
            vg_free(st);
            set_error(DB(db), "out of memory", "53200");
            return VG_DB_ERROR;
        }
    }
    *out = &st->base;
    return VG_DB_OK;
}

static void d_finalize(vg_db_stmt *s)
{
    pst *st = ST(s);
    clear_result(st);
    if (st->name[0] && DB(s->db)->conn) {
        char sql[40];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
        PQclear(PQexec(DB(s->db)->conn, sql));
    }
    for (int i = 0; i < st->nparams; i++) {
        clear_param(&st->params[i]);
        vg_free(st->names[i]);
    }
    for (int i = 0; i < st->nblobs; i++)
        PQfreemem(st->blobs[i].data);
    vg_free(st->blobs);
    vg_free(st->params);
    vg_free(st->values);
    vg_free(st->lengths);
    vg_free(st->formats);
    vg_free(st->types);
    vg_free(st->names);
    vg_free(st->sql);
    vg_free(st);
}

static void d_reset(vg_db_stmt *s) { clear_result(ST(s)); }

static param *slot(vg_db_stmt *s, int i)
{
    pst *st = ST(s);
    if (i < 1 || i > st->nparams) {
        set_error(DB(s->db), "bind: no such parameter", "");
        return NULL;
    }
    clear_param(&st->params[i - 1]);
    return &st->params[i - 1];
}

static int d_bind_null(vg_db_stmt *s, int i) { return slot(s, i) ? VG_DB_OK : VG_DB_ERROR; }

static int d_bind_i64(vg_db_stmt *s, int i, int64_t v)
{
    param *p = slot(s, i);
    if (!p)
        return VG_DB_ERROR;
    snprintf(p->small, sizeof p->small, "%lld", (long long)v);
    p->value = p->small;
    p->type = OID_INT8;
    return VG_DB_OK;
}

static int d_bind_double(vg_db_stmt *s, int i, double v)
{
    param *p = slot(s, i);
    if (!p)
        return VG_DB_ERROR;
    snprintf(p->small, sizeof p->small, "%.17g", v);
    p->value = p->small;
    p->type = OID_FLOAT8;
    return VG_DB_OK;
}

static int d_bind_text(vg_db_stmt *s, int i, const char *v, int n, vg_db_life life)
{
    (void)life; /* always copied: a text parameter must end in a NUL */
    param *p = slot(s, i);
    if (!p)
        return VG_DB_ERROR;
    if (!v)
        return VG_DB_OK;
    size_t len = n < 0 ? strlen(v) : (size_t)n;
    if (len < sizeof p->small) {
        memcpy(p->small, v, len);
        p->small[len] = '\0';
        p->value = p->small;
        return VG_DB_OK;
    }
    p->value = vg_malloc(len + 1);
    if (!p->value) {
        set_error(DB(s->db), "out of memory", "53200");
        return VG_DB_ERROR;
    }
    memcpy(p->value, v, len);
    p->value[len] = '\0';
    p->owned = true;
    return VG_DB_OK;
}

static int d_bind_blob(vg_db_stmt *s, int i, const void *v, int n, vg_db_life life)
{
    (void)life;
    param *p = slot(s, i);
    if (!p)
        return VG_DB_ERROR;
    if (!v)
        return VG_DB_OK;
    p->value = vg_malloc(n > 0 ? (size_t)n : 1);
    if (!p->value) {
        set_error(DB(s->db), "out of memory", "53200");
        return VG_DB_ERROR;
    }
    memcpy(p->value, v, (size_t)n);
    p->owned = true;
    p->len = n;
    p->format = 1;
    p->type = OID_BYTEA;
    return VG_DB_OK;
}

static int d_param_index(vg_db_stmt *s, const char *name)
{
    pst *st = ST(s);
    for (int i = 0; i < st->nparams; i++)
        if (st->names[i] && strcmp(st->names[i], name) == 0)
            return i + 1;
    return 0;
}

static int64_t count_changes(PGresult *r)
{
    const char *t = PQcmdTuples(r);
    return (t && *t) ? strtoll(t, NULL, 10) : 0;
}

static int run(pst *st)
{
    pdb *db = DB(st->base.db);
    int n = st->nparams;
    const char **values = st->values;
    int *lengths = st->lengths, *formats = st->formats;
    Oid *types = st->types;
    for (int i = 0; i < n; i++) {
        values[i] = st->params[i].value;
        lengths[i] = st->params[i].len;
        formats[i] = st->params[i].format;
        types[i] = st->params[i].type;
    }
    PGresult *r;
    if (st->kept) {
        if (!st->name[0]) {
            char name[16];
            snprintf(name, sizeof name, "v%u", ++db->next_name);
            r = PQprepare(db->conn, name, st->sql, n, types);
            if (PQresultStatus(r) != PGRES_COMMAND_OK) {
                set_result_error(db, r);
                PQclear(r);
                return VG_DB_ERROR;
            }
            PQclear(r);
            memcpy(st->name, name, sizeof name);
        }
        r = PQexecPrepared(db->conn, st->name, n, values, lengths, formats, 0);
    } else {
        r = PQexecParams(db->conn, st->sql, n, types, values, lengths, formats, 0);
    }
    ExecStatusType status = PQresultStatus(r);
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
        st->res = r;
        st->nrows = status == PGRES_TUPLES_OK ? PQntuples(r) : 0;
        db->changes = count_changes(r);
        st->ran = true;
        return VG_DB_OK;
    }
    set_result_error(db, r);
    PQclear(r);
    return VG_DB_ERROR;
}

static int d_step(vg_db_stmt *s)
{
    pst *st = ST(s);
    if (!st->ran && run(st) != VG_DB_OK)
        return VG_DB_ERROR;
    if (st->row + 1 < st->nrows) {
        st->row++;
        return VG_DB_ROW;
    }
    st->row = st->nrows;
    return VG_DB_DONE;
}

static bool has_value(pst *st, int i)
{
    return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 && i < PQnfields(st->res) &&
           !PQgetisnull(st->res, st->row, i);
}

static int d_col_count(vg_db_stmt *s) { return ST(s)->res ? PQnfields(ST(s)->res) : 0; }

static vg_db_type d_col_type(vg_db_stmt *s, int i)
{
    pst *st = ST(s);
    if (!has_value(st, i))
        return VG_DB_NULL;
    switch (PQftype(st->res, i)) {
    case OID_BOOL:
    case OID_INT2:
    case OID_INT4:
    case OID_INT8: return VG_DB_INT;
    case OID_FLOAT4:
    case OID_FLOAT8:
    case OID_NUMERIC: return VG_DB_FLOAT;
    case OID_BYTEA: return VG_DB_BLOB;
    default: return VG_DB_TEXT;
    }
}

static const char *d_col_text(vg_db_stmt *s, int i)
{
    pst *st = ST(s);
    if (!has_value(st, i))
        return NULL;
    const char *t = PQgetvalue(st->res, st->row, i);
    if (PQftype(st->res, i) == OID_BOOL) /* a truth value reads as SQLite's */
        return t[0] == 't' ? "1" : "0";
    return t;
}

static int64_t d_col_i64(vg_db_stmt *s, int i)
{
    const char *t = d_col_text(s, i);
    if (!t)
        return 0;
    if (t[0] == 't' && !t[1])
        return 1;
    if (t[0] == 'f' && !t[1])
        return 0;
    if (PQftype(ST(s)->res, i) == OID_FLOAT8 || PQftype(ST(s)->res, i) == OID_NUMERIC ||
        PQftype(ST(s)->res, i) == OID_FLOAT4)
        return (int64_t)strtod(t, NULL);
    return strtoll(t, NULL, 10);
}

static double d_col_double(vg_db_stmt *s, int i)
{
    const char *t = d_col_text(s, i);
    return t ? strtod(t, NULL) : 0.0;
}

static blob_cache *blob_of(vg_db_stmt *s, int i)
{
    pst *st = ST(s);
    if (!has_value(st, i))
        return NULL;
    if (st->nblobs <= i) {
        blob_cache *nb = vg_realloc(st->blobs, (size_t)(i + 1) * sizeof *nb);
        if (!nb)
            return NULL;
        for (int k = st->nblobs; k <= i; k++)
            nb[k] = (blob_cache){-1, NULL, 0};
        st->blobs = nb;
        st->nblobs = i + 1;
    }
    blob_cache *b = &st->blobs[i];
    if (b->row != st->row) {
        PQfreemem(b->data);
        b->data = NULL;
        b->len = 0;
        const char *t = PQgetvalue(st->res, st->row, i);
        if (PQftype(st->res, i) == OID_BYTEA) {
            b->data = PQunescapeBytea((const unsigned char *)t, &b->len);
            if (!b->data)
                return NULL;
        } else {
            return NULL; /* not bytea: read as text */
        }
        b->row = st->row;
    }
    return b;
}

static const void *d_col_blob(vg_db_stmt *s, int i)
{
    blob_cache *b = blob_of(s, i);
    if (b)
        return b->data;
    return d_col_text(s, i);
}

static int d_col_bytes(vg_db_stmt *s, int i)
{
    pst *st = ST(s);
    if (!has_value(st, i))
        return 0;
    if (PQftype(st->res, i) == OID_BYTEA) {
        blob_cache *b = blob_of(s, i);
        return b ? (int)b->len : 0;
    }
    return PQgetlength(st->res, st->row, i);
}

/* ---- the connection */

static int d_exec(vg_db *db, const char *sql)
{
    PGresult *r = PQexec(DB(db)->conn, sql);
    ExecStatusType status = PQresultStatus(r);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
        DB(db)->changes = count_changes(r);
        PQclear(r);
        return VG_DB_OK;
    }
    set_result_error(DB(db), r);
    PQclear(r);
    return VG_DB_ERROR;
}

static void d_close(vg_db *db)
{
    PQfinish(DB(db)->conn);
    vg_free(db);
}

static const char *d_errmsg(vg_db *db) { return DB(db)->err; }

static vg_db_fail d_fail(vg_db *db)
{
    const char *s = DB(db)->sqlstate;
    if (strncmp(s, "23", 2) == 0)
        return VG_DB_FAIL_CONSTRAINT;
    if (strcmp(s, "53200") == 0)
        return VG_DB_FAIL_NOMEM;
    if (strcmp(s, "25006") == 0)
        return VG_DB_FAIL_READONLY;
    if (strcmp(s, "40001") == 0 || strcmp(s, "40P01") == 0 || strcmp(s, "55P03") == 0)
        return VG_DB_FAIL_BUSY;
    return VG_DB_FAIL_OTHER;
}

static int64_t d_changes(vg_db *db) { return DB(db)->changes; }
static bool d_in_tx(vg_db *db) { return PQtransactionStatus(DB(db)->conn) != PQTRANS_IDLE; }

static const vg_db_driver pg_driver = {
    .name = "postgresql",
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

int vg_db_pg_open(const char *url, vg_db **out)
{
    *out = NULL;
    pdb *db = vg_calloc(1, sizeof *db);
    if (!db)
        return VG_DB_ERROR;
    db->base.drv = &pg_driver;
    *out = &db->base;
    db->conn = PQconnectdb(url);
    if (!db->conn) {
        set_error(db, "out of memory", "53200");
        return VG_DB_ERROR;
    }
    if (PQstatus(db->conn) != CONNECTION_OK) {
        set_error(db, PQerrorMessage(db->conn), "08001");
        return VG_DB_ERROR;
    }
    /* quiet notices (e.g. "relation already exists, skipping") */
    PQclear(PQexec(db->conn, "SET client_min_messages = warning"));
    return VG_DB_OK;
}

bool vg_db_is_pg(const vg_db *db) { return db && db->drv == &pg_driver; }

PGconn *vg_db_pg_conn(vg_db *db) { return vg_db_is_pg(db) ? DB(db)->conn : NULL; }
