/* db_sqlite.h - opening a SQLite connection as a db.h driver, and reaching the SQLite
 * handle for what only SQLite has (pragmas, file controls). */
#ifndef VG_STORE_DB_SQLITE_H
#define VG_STORE_DB_SQLITE_H

#include "store/db.h"

#include <sqlite3.h>

/* Opens path with sqlite3_open_v2's flags; returns a SQLite result code. On failure
 * *out may still hold a connection (for its error message): close it. */
int vg_db_sqlite_open(const char *path, int flags, vg_db **out);
bool vg_db_is_sqlite(const vg_db *db);
sqlite3 *vg_db_sqlite_handle(vg_db *db); /* NULL if db is not SQLite's */

#endif
