/* db_pg.h - opening a PostgreSQL connection as a db.h driver, and reaching the libpq
 * connection for what only PostgreSQL has (LISTEN/NOTIFY, COPY). */
#ifndef VG_STORE_DB_PG_H
#define VG_STORE_DB_PG_H

#include "store/db.h"

typedef struct pg_conn PGconn;

/* Connects to url (a libpq URI or key=value string). VG_DB_OK, or VG_DB_ERROR with the
 * reason in vg_db_errmsg(*out) (close *out); *out NULL only when out of memory. */
int vg_db_pg_open(const char *url, vg_db **out);
bool vg_db_is_pg(const vg_db *db);
PGconn *vg_db_pg_conn(vg_db *db); /* NULL if db is not PostgreSQL's */

#endif
