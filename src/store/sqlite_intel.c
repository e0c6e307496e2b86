/* sqlite_intel.c - what the analyses and the daily briefing read (SQLite): crimes where
 * and when they happened. */
#include "store/sqlite_int.h"

#include <stdio.h>
#include <string.h>

vg_err sq_crime_points(vg_store *base, vg_id area, vg_time from, vg_time to, vg_crime_point_fn fn, void *ctx,
                       vg_error *err)
{
    sq_store *s = (sq_store *)base;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT c.id, c.offence_code, coalesce(c.committed_at, c.recorded_at) AS at, l.easting, l.northing, "
                           "l.id, coalesce(l.neighbourhood_id, 0) FROM crime c JOIN location l ON l.id = c.location_id "
                           "WHERE c.status = 'recorded' AND at >= ?1 AND at < ?2 AND l.easting IS NOT NULL "
                           "AND l.northing IS NOT NULL AND (?3 = 0 OR l.neighbourhood_id = ?3 OR l.la_id = ?3) ORDER BY at, c.id",
                           -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, err, "crimes");
    sq_bind_time(st, 1, from);
    sq_bind_time(st, 2, to);
    sqlite3_bind_int64(st, 3, area);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        vg_crime_point p = {.id = sqlite3_column_int64(st, 0), .at = sq_col_time(st, 2),
                            .easting = sqlite3_column_double(st, 3), .northing = sqlite3_column_double(st, 4),
                            .location = sqlite3_column_int64(st, 5), .neighbourhood = sqlite3_column_int64(st, 6)};
        const char *code = sq_col_text(st, 1);
        snprintf(p.offence, sizeof p.offence, "%s", code ? code : "");
        e = fn(ctx, &p);
    }
    if (!e && rc != SQLITE_DONE)
        e = sq_fail(s, err, "crimes");
    sqlite3_finalize(st);
    return e;
}
