/* sqlite_search.c - what the search box finds in the store (SQLite): incidents and crimes
 * by the start of their reference, places by postcode or street, a place's incidents.
 * Persons are found by the first-contact index in memory, not here. */
#include "store/sqlite_int.h"

#include <ctype.h>
#include <string.h>

vg_err sq_refs_find(vg_store *base, const char *prefix, size_t max, vg_ref_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    /* a range on the unique index: reference >= prefix and < prefix followed by the
     * highest character a reference holds */
    static const char *const sql[2] = {
        "SELECT id FROM incident WHERE reference >= ?1 AND reference < ?1 || '~' ORDER BY reference LIMIT ?2",
        "SELECT id FROM crime WHERE reference >= ?1 AND reference < ?1 || '~' ORDER BY reference LIMIT ?2"};
    static const vg_record_kind kinds[2] = {VG_REC_INCIDENT, VG_REC_CRIME};
    vg_err e = VG_OK;
    for (int k = 0; k < 2 && !e; k++) {
        vg_db_stmt *st;
        if (vg_db_prepare(s->db, sql[k], &st) != VG_DB_OK)
            return sq_fail(s, err, "references");
        sq_bind_text(st, 1, prefix);
        vg_db_bind_i64(st, 2, (int64_t)max);
        int rc;
        while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
            e = fn(ctx, kinds[k], vg_db_col_i64(st, 0));
        if (!e && rc != VG_DB_DONE)
            e = sq_fail(s, err, "references");
        vg_db_finalize(st);
    }
    return e;
}

/* A street as an address base may hold it: as given ("high street", the matcher's form),
 * in title case ("High Street", as written) or in capitals ("HIGH STREET", AddressBase's),
 * so the street's index finds it whichever way it was stored. */
static void street_forms(const char *street, char title[128], char upper[128])
{
    size_t i = 0;
    bool start = true;
    for (; street && street[i] && i + 1 < 128; i++) {
        unsigned char c = (unsigned char)street[i];
        title[i] = (char)(start ? toupper(c) : tolower(c));
        upper[i] = (char)toupper(c);
        start = c == ' ' || c == '-';
    }
    title[i] = upper[i] = '\0';
}

vg_err sq_locations_find(vg_store *base, const char *postcode, const char *street, const char *number, size_t max,
                         vg_id_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    bool by_postcode = postcode && *postcode;
    char title[128], upper[128];
    street_forms(by_postcode ? NULL : street, title, upper);
    if (vg_db_prepare(s->db, by_postcode ? "SELECT id FROM location WHERE postcode = ?1 AND (CAST(?2 AS TEXT) IS NULL OR number = ?2) "
                                         "ORDER BY street, coalesce(CAST(nullif(substr(number, 1, length(number) - length(ltrim(number, '0123456789'))), '') AS BIGINT), 0), number, flat, id LIMIT ?3"
                                       : "SELECT id FROM location WHERE street IN (?1, ?4, ?5) AND (CAST(?2 AS TEXT) IS NULL OR number = ?2) "
                                         "ORDER BY postcode, coalesce(CAST(nullif(substr(number, 1, length(number) - length(ltrim(number, '0123456789'))), '') AS BIGINT), 0), number, flat, id LIMIT ?3", &st) != VG_DB_OK)
        return sq_fail(s, err, "places");
    sq_bind_text(st, 1, by_postcode ? postcode : street);
    sq_bind_text(st, 2, number && *number ? number : NULL);
    vg_db_bind_i64(st, 3, (int64_t)max);
    if (!by_postcode) {
        sq_bind_text(st, 4, title);
        sq_bind_text(st, 5, upper);
    }
    return sq_ids_each(s, st, fn, ctx, err, "places");
}

vg_err sq_location_incident_ids(vg_store *base, vg_id location, size_t max, vg_id_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st;
    if (vg_db_prepare(s->db, "SELECT id FROM incident WHERE location_id = ? ORDER BY received_at DESC, id DESC LIMIT ?", &st) != VG_DB_OK)
        return sq_fail(s, err, "incidents");
    vg_db_bind_i64(st, 1, location);
    vg_db_bind_i64(st, 2, (int64_t)max);
    return sq_ids_each(s, st, fn, ctx, err, "incidents");
}
