/* sqlite_pole.c - the SQLite backend's POLE records: areas, locations, persons,
 * objects, incidents and crimes, and the aggregates over them. */
#include "store/sqlite_int.h"
#include "base/alloc.h"

#include <stdio.h>
#include <string.h>

/* Column lists shared by the "get one" and "each" queries, read by the read_* functions. */
#define AREA_COLS "id, kind, code, name, tier, parent_id, population, households, population_year"
#define LOC_COLS "id, kind, flat, number, building, street, locality, town, postcode, uprn, lat, lon, easting, " \
                 "northing, lsoa_code, lsoa_name, neighbourhood_id, la_id, placed"
#define INC_COLS "id, reference, received_at, channel, category, asb_type, thrive, narrative, location_id, closed_at"
#define CRIME_COLS "id, reference, incident_id, offence_code, committed_at, recorded_at, status, outcome, outcome_at, location_id, review_due, needs_due, outcome_due"

static const char *const sql[ST_COUNT] = {
    [ST_AREA_INS] = "INSERT INTO area (kind, code, name, tier, parent_id, population, households, population_year) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
    [ST_AREA_GET] = "SELECT " AREA_COLS " FROM area WHERE id = ?",
    [ST_AREA_EACH] = "SELECT " AREA_COLS " FROM area ORDER BY id",
    [ST_LOC_INS] = "INSERT INTO location (kind, flat, number, building, street, locality, town, postcode, uprn, lat, lon, easting, northing, lsoa_code, lsoa_name, neighbourhood_id, la_id, placed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
    [ST_LOC_GET] = "SELECT " LOC_COLS " FROM location WHERE id = ?",
    [ST_LOC_EACH] = "SELECT " LOC_COLS " FROM location ORDER BY id",
    [ST_PERSON_INS] = "INSERT INTO person (family_name, given_names, dob, gender, created_at) VALUES (?,?,?,?,?) RETURNING id",
    [ST_PERSON_GET] = "SELECT family_name, given_names, dob, gender, created_at FROM person WHERE id = ?",
    [ST_ALIAS_INS] = "INSERT INTO person_alias (person_id, family_name, given_names, dob) VALUES (?,?,?,?)",
    [ST_ALIAS_GET] = "SELECT family_name, given_names, dob FROM person_alias WHERE person_id = ? ORDER BY id",
    [ST_CONTACT_INS] = "INSERT INTO person_contact (person_id, kind, value) VALUES (?,?,?)",
    [ST_CONTACT_GET] = "SELECT kind, value FROM person_contact WHERE person_id = ? ORDER BY id",
    [ST_MARKER_INS] = "INSERT INTO person_marker (person_id, kind, code, detail, valid_from, valid_to) VALUES (?,?,?,?,?,?)",
    [ST_MARKER_GET] = "SELECT kind, code, detail, valid_from, valid_to FROM person_marker WHERE person_id = ? ORDER BY id",
    [ST_PERSON_LOC_INS] = "INSERT INTO person_location (person_id, location_id, kind, valid_from, valid_to) VALUES (?,?,?,?,?) "
                          "ON CONFLICT (person_id, location_id, kind) DO NOTHING", /* already linked: as it was */
    [ST_OBJ_INS] = "INSERT INTO object (kind, identifier, description) VALUES (?,?,?) RETURNING id",
    [ST_OBJ_GET] = "SELECT kind, identifier, description FROM object WHERE id = ?",
    [ST_PERSON_OBJ_INS] = "INSERT INTO person_object (person_id, object_id) VALUES (?,?)",
    [ST_INCIDENT_OBJ_INS] = "INSERT INTO incident_object (incident_id, object_id) VALUES (?,?)",
    [ST_CRIME_OBJ_INS] = "INSERT INTO crime_object (crime_id, object_id) VALUES (?,?)",
    [ST_INC_INS] = "INSERT INTO incident (reference, received_at, channel, category, asb_type, thrive, narrative, location_id, closed_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
    [ST_INC_GET] = "SELECT " INC_COLS " FROM incident WHERE id = ?",
    [ST_INC_EACH] = "SELECT " INC_COLS " FROM incident WHERE received_at >= ? AND received_at < ? ORDER BY id",
    [ST_INC_BY_CATEGORY] = "SELECT category, count(*) FROM incident WHERE received_at >= ? AND received_at < ? GROUP BY category",
    [ST_INC_PERSON_INS] = "INSERT INTO incident_person (incident_id, person_id, role) VALUES (?,?,?)",
    [ST_INC_PERSON_GET] = "SELECT person_id, role FROM incident_person WHERE incident_id = ? ORDER BY rowid",
    [ST_CRIME_INS] = "INSERT INTO crime (reference, incident_id, offence_code, committed_at, recorded_at, status, outcome, outcome_at, location_id, review_due, needs_due, outcome_due) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
    [ST_CRIME_GET] = "SELECT " CRIME_COLS " FROM crime WHERE id = ?",
    [ST_CRIME_EACH] = "SELECT " CRIME_COLS " FROM crime WHERE recorded_at >= ? AND recorded_at < ? ORDER BY id",
    [ST_CRIME_OUTCOME_EACH] = "SELECT " CRIME_COLS " FROM crime WHERE outcome_at >= ? AND outcome_at < ? ORDER BY id",
    [ST_CRIME_PERSON_INS] = "INSERT INTO crime_person (crime_id, person_id, role) VALUES (?,?,?)",
    [ST_CRIME_PERSON_GET] = "SELECT person_id, role FROM crime_person WHERE crime_id = ? ORDER BY rowid",
    [ST_CRIME_BY_OFFENCE] = "SELECT offence_code, count(*) FROM crime WHERE status = ? AND recorded_at >= ? AND recorded_at < ? GROUP BY offence_code ORDER BY offence_code",
};

static vg_db_stmt *stmt(sq_store *s, int id, vg_error *err) { return sq_stmt(s, id, sql[id], err); }

/* ---- areas and locations */

vg_err sq_area_put(vg_store *base, vg_area *a, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (a->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "area", "area %lld is already stored", (long long)a->id);
    vg_db_stmt *st = stmt(s, ST_AREA_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = vg_db_bind_text(st, 1, vg_area_kind_name(a->kind), -1, VG_DB_STATIC);
    rc = rc ? rc : sq_bind_text(st, 2, a->code);
    rc = rc ? rc : sq_bind_text(st, 3, a->name);
    rc = rc ? rc : sq_bind_text(st, 4, a->tier ? vg_la_tier_name(a->tier) : NULL);
    rc = rc ? rc : sq_bind_id(st, 5, a->parent_id);
    rc = rc ? rc : sq_bind_opt_i64(st, 6, a->population, -1);
    rc = rc ? rc : sq_bind_opt_i64(st, 7, a->households, -1);
    rc = rc ? rc : sq_bind_opt_i64(st, 8, a->population_year, 0);
    return sq_step_insert(s, st, rc, &a->id, err, "area");
}

/* Row readers: fill a record from the current row of a *_COLS query; false if out of memory. */
static bool read_area(vg_db_stmt *st, vg_area *a)
{
    vg_area_init(a);
    a->id = vg_db_col_i64(st, 0);
    (void)vg_area_kind_parse(sq_col_text(st, 1), &a->kind);
    if (!sq_col_null(st, 4))
        (void)vg_la_tier_parse(sq_col_text(st, 4), &a->tier);
    a->parent_id = vg_db_col_i64(st, 5);
    a->population = sq_col_null(st, 6) ? -1 : vg_db_col_i64(st, 6);
    a->households = sq_col_null(st, 7) ? -1 : vg_db_col_i64(st, 7);
    a->population_year = vg_db_col_int(st, 8);
    if (sq_col_dup(st, 2, &a->code) && sq_col_dup(st, 3, &a->name))
        return true;
    vg_area_clear(a);
    return false;
}

vg_err sq_area_get(vg_store *base, vg_id id, vg_area *a, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_AREA_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    vg_db_bind_i64(st, 1, id);
    vg_err e = sq_step_row(s, st, err, "area", id);
    if (e)
        return e;
    bool ok = read_area(st, a);
    vg_db_reset(st);
    return ok ? VG_OK : vg_error_set(err, VG_ERR_NOMEM, "area", "out of memory");
}

vg_err sq_location_put(vg_store *base, vg_location *l, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (l->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "location", "location %lld is already stored", (long long)l->id);
    vg_db_stmt *st = stmt(s, ST_LOC_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = vg_db_bind_text(st, 1, vg_location_kind_name(l->kind), -1, VG_DB_STATIC);
    const char *texts[] = {l->flat, l->number, l->building, l->street, l->locality, l->town, l->postcode};
    for (int i = 0; i < 7 && !rc; i++)
        rc = sq_bind_text(st, 2 + i, texts[i]);
    rc = rc ? rc : sq_bind_opt_i64(st, 9, l->uprn, 0);
    rc = rc ? rc : sq_bind_opt_real(st, 10, l->has_wgs84, l->lat);
    rc = rc ? rc : sq_bind_opt_real(st, 11, l->has_wgs84, l->lon);
    rc = rc ? rc : sq_bind_opt_real(st, 12, l->has_bng, l->easting);
    rc = rc ? rc : sq_bind_opt_real(st, 13, l->has_bng, l->northing);
    rc = rc ? rc : sq_bind_text(st, 14, l->lsoa_code);
    rc = rc ? rc : sq_bind_text(st, 15, l->lsoa_name);
    rc = rc ? rc : sq_bind_id(st, 16, l->neighbourhood_id);
    rc = rc ? rc : sq_bind_id(st, 17, l->la_id);
    rc = rc ? rc : sq_bind_text(st, 18, l->at_postcode_centre ? "postcode" : NULL);
    return sq_step_insert(s, st, rc, &l->id, err, "location");
}

static bool read_location(vg_db_stmt *st, vg_location *l)
{
    vg_location_init(l);
    l->id = vg_db_col_i64(st, 0);
    (void)vg_location_kind_parse(sq_col_text(st, 1), &l->kind);
    char **texts[] = {&l->flat, &l->number, &l->building, &l->street, &l->locality, &l->town, &l->postcode};
    bool ok = true;
    for (int i = 0; i < 7 && ok; i++)
        ok = sq_col_dup(st, 2 + i, texts[i]);
    l->uprn = vg_db_col_i64(st, 9);
    l->has_wgs84 = !sq_col_null(st, 10);
    l->lat = vg_db_col_double(st, 10);
    l->lon = vg_db_col_double(st, 11);
    l->has_bng = !sq_col_null(st, 12);
    l->easting = vg_db_col_double(st, 12);
    l->northing = vg_db_col_double(st, 13);
    ok = ok && sq_col_dup(st, 14, &l->lsoa_code) && sq_col_dup(st, 15, &l->lsoa_name);
    l->neighbourhood_id = vg_db_col_i64(st, 16);
    l->la_id = vg_db_col_i64(st, 17);
    const char *placed = sq_col_text(st, 18);
    l->at_postcode_centre = placed && !strcmp(placed, "postcode");
    if (!ok)
        vg_location_clear(l);
    return ok;
}

vg_err sq_location_get(vg_store *base, vg_id id, vg_location *l, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_LOC_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    vg_db_bind_i64(st, 1, id);
    vg_err e = sq_step_row(s, st, err, "location", id);
    if (e)
        return e;
    bool ok = read_location(st, l);
    vg_db_reset(st);
    return ok ? VG_OK : vg_error_set(err, VG_ERR_NOMEM, "location", "out of memory");
}

/* ---- persons */

static vg_err person_children_insert(sq_store *s, vg_id id, const vg_person *p, vg_error *err);

static vg_err person_insert(sq_store *s, void *arg, vg_error *err)
{
    vg_person *p = arg;
    vg_db_stmt *st = stmt(s, ST_PERSON_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = sq_bind_text(st, 1, p->family_name ? p->family_name : "");
    rc = rc ? rc : sq_bind_text(st, 2, p->given_names ? p->given_names : "");
    rc = rc ? rc : sq_bind_date(st, 3, p->dob);
    rc = rc ? rc : vg_db_bind_text(st, 4, vg_gender_name(p->gender), -1, VG_DB_STATIC);
    rc = rc ? rc : sq_bind_time(st, 5, p->created_at == VG_TIME_NONE ? vg_time_now() : p->created_at);
    vg_id id;
    vg_err e = sq_step_insert(s, st, rc, &id, err, "person");
    if (!e)
        e = person_children_insert(s, id, p, err);
    if (!e)
        p->id = id;
    return e;
}

/* The aliases, contacts and markers of p, under person id. */
static vg_err person_children_insert(sq_store *s, vg_id id, const vg_person *p, vg_error *err)
{
    vg_db_stmt *st;
    int rc;
    vg_err e = VG_OK;
    for (size_t i = 0; !e && i < p->n_aliases; i++) {
        const vg_alias *a = &p->aliases[i];
        if (!(st = stmt(s, ST_ALIAS_INS, err)))
            return err ? err->code : VG_ERR_STORE;
        rc = vg_db_bind_i64(st, 1, id);
        rc = rc ? rc : sq_bind_text(st, 2, a->family_name);
        rc = rc ? rc : sq_bind_text(st, 3, a->given_names);
        rc = rc ? rc : sq_bind_date(st, 4, a->dob);
        e = sq_step_insert(s, st, rc, NULL, err, "person_alias");
    }
    for (size_t i = 0; !e && i < p->n_contacts; i++) {
        if (!(st = stmt(s, ST_CONTACT_INS, err)))
            return err ? err->code : VG_ERR_STORE;
        rc = vg_db_bind_i64(st, 1, id);
        rc = rc ? rc : vg_db_bind_text(st, 2, vg_contact_kind_name(p->contacts[i].kind), -1, VG_DB_STATIC);
        rc = rc ? rc : sq_bind_text(st, 3, p->contacts[i].value);
        e = sq_step_insert(s, st, rc, NULL, err, "person_contact");
    }
    for (size_t i = 0; !e && i < p->n_markers; i++) {
        const vg_marker *m = &p->markers[i];
        if (!(st = stmt(s, ST_MARKER_INS, err)))
            return err ? err->code : VG_ERR_STORE;
        rc = vg_db_bind_i64(st, 1, id);
        rc = rc ? rc : vg_db_bind_text(st, 2, vg_marker_kind_name(m->kind), -1, VG_DB_STATIC);
        rc = rc ? rc : sq_bind_text(st, 3, m->code);
        rc = rc ? rc : sq_bind_text(st, 4, m->detail);
        rc = rc ? rc : sq_bind_date(st, 5, m->valid_from);
        rc = rc ? rc : sq_bind_date(st, 6, m->valid_to);
        e = sq_step_insert(s, st, rc, NULL, err, "person_marker");
    }
    return e;
}

typedef struct extend_arg {
    vg_id id;
    const vg_person *add;
} extend_arg;

static vg_err person_extend_tx(sq_store *s, void *arg, vg_error *err)
{
    const extend_arg *a = arg;
    return person_children_insert(s, a->id, a->add, err);
}

vg_err sq_person_extend(vg_store *base, vg_id id, const vg_person *add, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    extend_arg a = {id, add};
    return sq_in_tx(s, person_extend_tx, &a, err);
}

vg_err sq_person_put(vg_store *base, vg_person *p, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (p->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "person", "person %lld is already stored", (long long)p->id);
    if (p->n_aliases == 0 && p->n_contacts == 0 && p->n_markers == 0)
        return person_insert(s, p, err); /* a single statement is atomic by itself */
    return sq_in_tx(s, person_insert, p, err);
}

static vg_err load_person_children(sq_store *s, vg_person *p, vg_error *err)
{
    vg_db_stmt *st;
    int rc;
    vg_err e = VG_OK;
    if (!(st = stmt(s, ST_ALIAS_GET, err)))
        return err ? err->code : VG_ERR_STORE;
    vg_db_bind_i64(st, 1, p->id);
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = vg_person_add_alias(p, sq_col_text(st, 0), sq_col_text(st, 1), sq_col_date(st, 2));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "person_alias");
    vg_db_reset(st);
    if (e || !(st = stmt(s, ST_CONTACT_GET, err)))
        return e ? e : (err ? err->code : VG_ERR_STORE);
    vg_db_bind_i64(st, 1, p->id);
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_contact_kind k = VG_CONTACT_OTHER;
        (void)vg_contact_kind_parse(sq_col_text(st, 0), &k);
        e = vg_person_add_contact(p, k, sq_col_text(st, 1));
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "person_contact");
    vg_db_reset(st);
    if (e || !(st = stmt(s, ST_MARKER_GET, err)))
        return e ? e : (err ? err->code : VG_ERR_STORE);
    vg_db_bind_i64(st, 1, p->id);
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_marker_kind k = VG_MARKER_WARNING;
        (void)vg_marker_kind_parse(sq_col_text(st, 0), &k);
        e = vg_person_add_marker(p, k, sq_col_text(st, 1), sq_col_text(st, 2), sq_col_date(st, 3), sq_col_date(st, 4));
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "person_marker");
    vg_db_reset(st);
    if (e == VG_ERR_NOMEM)
        vg_error_set(err, e, "person", "out of memory");
    return e;
}

vg_err sq_person_get(vg_store *base, vg_id id, vg_person *p, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_PERSON_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    vg_db_bind_i64(st, 1, id);
    vg_err e = sq_step_row(s, st, err, "person", id);
    if (e)
        return e;
    vg_person_init(p);
    p->id = id;
    bool ok = sq_col_dup(st, 0, &p->family_name) && sq_col_dup(st, 1, &p->given_names);
    p->dob = sq_col_date(st, 2);
    (void)vg_gender_parse(sq_col_text(st, 3), &p->gender);
    p->created_at = sq_col_time(st, 4);
    vg_db_reset(st);
    e = ok ? load_person_children(s, p, err) : vg_error_set(err, VG_ERR_NOMEM, "person", "out of memory");
    if (e)
        vg_person_clear(p);
    return e;
}

vg_err sq_person_link_location(vg_store *base, vg_id person, vg_id location, vg_place_kind kind,
                                      vg_date from, vg_date to, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_PERSON_LOC_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = vg_db_bind_i64(st, 1, person);
    rc = rc ? rc : vg_db_bind_i64(st, 2, location);
    rc = rc ? rc : vg_db_bind_text(st, 3, vg_place_kind_name(kind), -1, VG_DB_STATIC);
    rc = rc ? rc : sq_bind_date(st, 4, from);
    rc = rc ? rc : sq_bind_date(st, 5, to);
    return sq_step_insert(s, st, rc, NULL, err, "person_location");
}

/* ---- objects */

vg_err sq_object_put(vg_store *base, vg_object *o, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (o->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "object", "object %lld is already stored", (long long)o->id);
    vg_db_stmt *st = stmt(s, ST_OBJ_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = vg_db_bind_text(st, 1, vg_object_kind_name(o->kind), -1, VG_DB_STATIC);
    rc = rc ? rc : sq_bind_text(st, 2, o->identifier ? o->identifier : "");
    rc = rc ? rc : sq_bind_text(st, 3, o->description);
    return sq_step_insert(s, st, rc, &o->id, err, "object");
}

vg_err sq_object_get(vg_store *base, vg_id id, vg_object *o, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_OBJ_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    vg_db_bind_i64(st, 1, id);
    vg_err e = sq_step_row(s, st, err, "object", id);
    if (e)
        return e;
    vg_object_init(o);
    o->id = id;
    (void)vg_object_kind_parse(sq_col_text(st, 0), &o->kind);
    bool ok = sq_col_dup(st, 1, &o->identifier) && sq_col_dup(st, 2, &o->description);
    vg_db_reset(st);
    if (!ok) {
        vg_object_clear(o);
        return vg_error_set(err, VG_ERR_NOMEM, "object", "out of memory");
    }
    return VG_OK;
}

vg_err sq_object_link(vg_store *base, vg_record_kind kind, vg_id record, vg_id object, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    int id = kind == VG_REC_PERSON ? ST_PERSON_OBJ_INS
                      : kind == VG_REC_INCIDENT ? ST_INCIDENT_OBJ_INS
                      : kind == VG_REC_CRIME ? ST_CRIME_OBJ_INS : ST_COUNT;
    if (id == ST_COUNT)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "object_link", "objects link to persons, incidents or crimes");
    vg_db_stmt *st = stmt(s, id, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = vg_db_bind_i64(st, 1, record);
    rc = rc ? rc : vg_db_bind_i64(st, 2, object);
    return sq_step_insert(s, st, rc, NULL, err, "object_link");
}

/* ---- events */

static vg_err insert_parties(sq_store *s, int sid, vg_id event, const vg_party *parties, size_t n,
                             vg_error *err)
{
    vg_err e = VG_OK;
    for (size_t i = 0; !e && i < n; i++) {
        vg_db_stmt *st = stmt(s, sid, err);
        if (!st)
            return err ? err->code : VG_ERR_STORE;
        int rc = vg_db_bind_i64(st, 1, event);
        rc = rc ? rc : vg_db_bind_i64(st, 2, parties[i].person_id);
        rc = rc ? rc : vg_db_bind_text(st, 3, vg_role_name(parties[i].role), -1, VG_DB_STATIC);
        e = sq_step_insert(s, st, rc, NULL, err, "party");
    }
    return e;
}

static vg_err load_parties(sq_store *s, int sid, vg_id event, vg_party **parties, size_t *n,
                           vg_error *err)
{
    vg_db_stmt *st = stmt(s, sid, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    vg_db_bind_i64(st, 1, event);
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_role role = VG_ROLE_WITNESS;
        (void)vg_role_parse(sq_col_text(st, 1), &role);
        e = vg_parties_add(parties, n, vg_db_col_i64(st, 0), role);
        if (e)
            vg_error_set(err, e, "party", "out of memory");
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "party");
    vg_db_reset(st);
    return e;
}

static vg_err incident_insert(sq_store *s, void *arg, vg_error *err)
{
    vg_incident *i = arg;
    vg_db_stmt *st = stmt(s, ST_INC_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = sq_bind_text(st, 1, i->reference);
    rc = rc ? rc : sq_bind_time(st, 2, i->received_at);
    rc = rc ? rc : vg_db_bind_text(st, 3, vg_channel_name(i->channel), -1, VG_DB_STATIC);
    rc = rc ? rc : vg_db_bind_text(st, 4, vg_category_name(i->category), -1, VG_DB_STATIC);
    rc = rc ? rc : sq_bind_text(st, 5, i->asb_type);
    rc = rc ? rc : vg_db_bind_text(st, 6, vg_thrive_name(i->thrive), -1, VG_DB_STATIC);
    rc = rc ? rc : sq_bind_text(st, 7, i->narrative);
    rc = rc ? rc : sq_bind_id(st, 8, i->location_id);
    rc = rc ? rc : sq_bind_time(st, 9, i->closed_at);
    vg_id id;
    vg_err e = sq_step_insert(s, st, rc, &id, err, "incident");
    if (!e)
        e = insert_parties(s, ST_INC_PERSON_INS, id, i->parties, i->n_parties, err);
    if (!e)
        i->id = id;
    return e;
}

vg_err sq_incident_put(vg_store *base, vg_incident *i, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (i->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "incident", "incident %lld is already stored", (long long)i->id);
    if (!i->reference || i->received_at == VG_TIME_NONE)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "incident", "reference and received time are required");
    return i->n_parties ? sq_in_tx(s, incident_insert, i, err) : incident_insert(s, i, err);
}

static bool read_incident(vg_db_stmt *st, vg_incident *i)
{
    vg_incident_init(i);
    i->id = vg_db_col_i64(st, 0);
    bool ok = sq_col_dup(st, 1, &i->reference);
    i->received_at = sq_col_time(st, 2);
    (void)vg_channel_parse(sq_col_text(st, 3), &i->channel);
    (void)vg_category_parse(sq_col_text(st, 4), &i->category);
    ok = ok && sq_col_dup(st, 5, &i->asb_type);
    (void)vg_thrive_parse(sq_col_text(st, 6), &i->thrive);
    ok = ok && sq_col_dup(st, 7, &i->narrative);
    i->location_id = vg_db_col_i64(st, 8);
    i->closed_at = sq_col_time(st, 9);
    if (!ok)
        vg_incident_clear(i);
    return ok;
}

vg_err sq_incident_get(vg_store *base, vg_id id, vg_incident *i, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_INC_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    vg_db_bind_i64(st, 1, id);
    vg_err e = sq_step_row(s, st, err, "incident", id);
    if (e)
        return e;
    bool ok = read_incident(st, i);
    vg_db_reset(st);
    e = ok ? load_parties(s, ST_INC_PERSON_GET, id, &i->parties, &i->n_parties, err)
           : vg_error_set(err, VG_ERR_NOMEM, "incident", "out of memory");
    if (e)
        vg_incident_clear(i);
    return e;
}

static vg_err crime_insert(sq_store *s, void *arg, vg_error *err)
{
    vg_crime *c = arg;
    vg_db_stmt *st = stmt(s, ST_CRIME_INS, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = sq_bind_text(st, 1, c->reference);
    rc = rc ? rc : sq_bind_id(st, 2, c->incident_id);
    rc = rc ? rc : sq_bind_text(st, 3, c->offence_code);
    rc = rc ? rc : sq_bind_time(st, 4, c->committed_at);
    rc = rc ? rc : sq_bind_time(st, 5, c->recorded_at);
    rc = rc ? rc : vg_db_bind_text(st, 6, vg_crime_status_name(c->status), -1, VG_DB_STATIC);
    rc = rc ? rc : vg_db_bind_int(st, 7, c->outcome);
    rc = rc ? rc : sq_bind_time(st, 8, c->outcome_at);
    rc = rc ? rc : sq_bind_id(st, 9, c->location_id);
    rc = rc ? rc : sq_bind_time(st, 10, c->review_due);
    rc = rc ? rc : sq_bind_time(st, 11, c->needs_due);
    rc = rc ? rc : sq_bind_time(st, 12, c->outcome_due);
    vg_id id;
    vg_err e = sq_step_insert(s, st, rc, &id, err, "crime");
    if (!e)
        e = insert_parties(s, ST_CRIME_PERSON_INS, id, c->parties, c->n_parties, err);
    if (!e)
        c->id = id;
    return e;
}

vg_err sq_crime_put(vg_store *base, vg_crime *c, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    if (c->id)
        return vg_error_set(err, VG_ERR_CONFLICT, "crime", "crime %lld is already stored", (long long)c->id);
    if (!c->reference || c->recorded_at == VG_TIME_NONE || !c->offence_code[0])
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "crime", "reference, offence code and recorded time are required");
    return c->n_parties ? sq_in_tx(s, crime_insert, c, err) : crime_insert(s, c, err);
}

static bool read_crime(vg_db_stmt *st, vg_crime *c)
{
    vg_crime_init(c);
    c->id = vg_db_col_i64(st, 0);
    bool ok = sq_col_dup(st, 1, &c->reference);
    c->incident_id = vg_db_col_i64(st, 2);
    const char *code = sq_col_text(st, 3);
    snprintf(c->offence_code, sizeof c->offence_code, "%s", code ? code : "");
    c->committed_at = sq_col_time(st, 4);
    c->recorded_at = sq_col_time(st, 5);
    (void)vg_crime_status_parse(sq_col_text(st, 6), &c->status);
    c->outcome = vg_db_col_int(st, 7);
    c->outcome_at = sq_col_time(st, 8);
    c->location_id = vg_db_col_i64(st, 9);
    c->review_due = sq_col_time(st, 10);
    c->needs_due = sq_col_time(st, 11);
    c->outcome_due = sq_col_time(st, 12);
    if (!ok)
        vg_crime_clear(c);
    return ok;
}

vg_err sq_crime_get(vg_store *base, vg_id id, vg_crime *c, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_CRIME_GET, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    vg_db_bind_i64(st, 1, id);
    vg_err e = sq_step_row(s, st, err, "crime", id);
    if (e)
        return e;
    bool ok = read_crime(st, c);
    vg_db_reset(st);
    e = ok ? load_parties(s, ST_CRIME_PERSON_GET, id, &c->parties, &c->n_parties, err)
           : vg_error_set(err, VG_ERR_NOMEM, "crime", "out of memory");
    if (e)
        vg_crime_clear(c);
    return e;
}
/* ---- aggregates */

static vg_err count_query(sq_store *s, const char *query, int64_t *out, vg_error *err)
{
    vg_db_stmt *st = NULL;
    if (vg_db_prepare(s->db, query, &st) != VG_DB_OK)
        return sq_fail(s, err, "count");
    int rc = vg_db_step(st);
    if (rc == VG_DB_ROW)
        *out = vg_db_col_i64(st, 0);
    vg_db_finalize(st);
    return rc == VG_DB_ROW ? VG_OK : sq_fail(s, err, "count");
}

vg_err sq_counts(vg_store *base, vg_store_counts *out, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    static const char *const tables[VG_REC_KIND_COUNT] = {
        "SELECT count(*) FROM area", "SELECT count(*) FROM location", "SELECT count(*) FROM person",
        "SELECT count(*) FROM person_alias", "SELECT count(*) FROM object", "SELECT count(*) FROM incident",
        "SELECT count(*) FROM crime"};
    memset(out, 0, sizeof *out);
    vg_err e = sq_od_counts(s, out, err);
    for (int k = 0; !e && k < VG_REC_KIND_COUNT; k++)
        e = count_query(s, tables[k], &out->records[k], err);
    vg_db_stmt *st = NULL;
    const char *group_sql[2] = {"SELECT category, count(*) FROM incident GROUP BY category",
                                "SELECT status, count(*) FROM crime GROUP BY status"};
    for (int q = 0; q < 2 && !e; q++) {
        if (vg_db_prepare(s->db, group_sql[q], &st) != VG_DB_OK)
            return sq_fail(s, err, "count");
        int rc;
        while ((rc = vg_db_step(st)) == VG_DB_ROW) {
            const char *name = sq_col_text(st, 0);
            vg_category cat;
            vg_crime_status status;
            if (q == 0 && vg_category_parse(name, &cat))
                out->incidents_by_category[cat] = vg_db_col_i64(st, 1);
            if (q == 1 && vg_crime_status_parse(name, &status))
                out->crimes_by_status[status] = vg_db_col_i64(st, 1);
        }
        if (rc != VG_DB_DONE)
            e = sq_fail(s, err, "count");
        vg_db_finalize(st);
    }
    return e;
}

vg_err sq_crime_counts_by_offence(vg_store *base, vg_time from, vg_time to, vg_crime_status status,
                                         vg_offence_count_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_CRIME_BY_OFFENCE, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    int rc = vg_db_bind_text(st, 1, vg_crime_status_name(status), -1, VG_DB_STATIC);
    rc = rc ? rc : sq_bind_time(st, 2, from);
    rc = rc ? rc : sq_bind_time(st, 3, to);
    if (rc)
        return sq_fail(s, err, "crime counts");
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW)
        e = fn(ctx, sq_col_text(st, 0), vg_db_col_i64(st, 1));
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, "crime counts");
    vg_db_reset(st);
    return e;
}

/* ---- iterators over a period */

vg_err sq_incident_counts(vg_store *base, vg_time from, vg_time to, int64_t counts[VG_CAT_COUNT], vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_INC_BY_CATEGORY, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    memset(counts, 0, VG_CAT_COUNT * sizeof counts[0]);
    sq_bind_time(st, 1, from);
    sq_bind_time(st, 2, to);
    int rc;
    while ((rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_category c;
        if (vg_category_parse(sq_col_text(st, 0), &c))
            counts[c] = vg_db_col_i64(st, 1);
    }
    vg_db_reset(st);
    return rc == VG_DB_DONE ? VG_OK : sq_fail(s, err, "incident counts");
}

/* Steps st (bound already), reading each row with read() into rec and calling fn. */
typedef bool (*row_reader)(vg_db_stmt *st, void *rec);
typedef vg_err (*row_visit)(void *fn, void *ctx, void *rec);
static vg_err each_row(sq_store *s, vg_db_stmt *st, row_reader read, void (*clear)(void *), void *rec,
                       row_visit visit, void *fn, void *ctx, const char *what, vg_error *err)
{
    int rc;
    vg_err e = VG_OK;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        if (!read(st, rec)) {
            e = vg_error_set(err, VG_ERR_NOMEM, what, "out of memory");
            break;
        }
        e = visit(fn, ctx, rec);
        clear(rec);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, what);
    vg_db_reset(st);
    return e;
}

static bool rd_area(vg_db_stmt *st, void *r) { return read_area(st, r); }
static bool rd_location(vg_db_stmt *st, void *r) { return read_location(st, r); }
static bool rd_incident(vg_db_stmt *st, void *r) { return read_incident(st, r); }
static bool rd_crime(vg_db_stmt *st, void *r) { return read_crime(st, r); }
static void cl_area(void *r) { vg_area_clear(r); }
static void cl_location(void *r) { vg_location_clear(r); }
static void cl_incident(void *r) { vg_incident_clear(r); }
static void cl_crime(void *r) { vg_crime_clear(r); }
static vg_err vi_area(void *fn, void *ctx, void *r) { return ((vg_area_fn)fn)(ctx, r); }
static vg_err vi_location(void *fn, void *ctx, void *r) { return ((vg_location_fn)fn)(ctx, r); }
static vg_err vi_incident(void *fn, void *ctx, void *r) { return ((vg_incident_fn)fn)(ctx, r); }
static vg_err vi_crime(void *fn, void *ctx, void *r) { return ((vg_crime_fn)fn)(ctx, r); }

vg_err sq_areas_each(vg_store *base, vg_area_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_AREA_EACH, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    vg_area a;
    return each_row(s, st, rd_area, cl_area, &a, vi_area, (void *)fn, ctx, "area", err);
}

vg_err sq_locations_each(vg_store *base, vg_location_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_LOC_EACH, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    vg_location l;
    return each_row(s, st, rd_location, cl_location, &l, vi_location, (void *)fn, ctx, "location", err);
}

vg_err sq_incidents_each(vg_store *base, vg_time from, vg_time to, vg_incident_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, ST_INC_EACH, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    sq_bind_time(st, 1, from);
    sq_bind_time(st, 2, to);
    vg_incident i;
    return each_row(s, st, rd_incident, cl_incident, &i, vi_incident, (void *)fn, ctx, "incident", err);
}

vg_err sq_crimes_each(vg_store *base, vg_time from, vg_time to, bool by_outcome, vg_crime_fn fn, void *ctx, vg_error *err)
{
    sq_store *s = (sq_store *)base;
    vg_db_stmt *st = stmt(s, by_outcome ? ST_CRIME_OUTCOME_EACH : ST_CRIME_EACH, err);
    if (!st)
        return err ? err->code : VG_ERR_STORE;
    sq_bind_time(st, 1, from);
    sq_bind_time(st, 2, to);
    vg_crime c;
    return each_row(s, st, rd_crime, cl_crime, &c, vi_crime, (void *)fn, ctx, "crime", err);
}
