/* test_store.c - the SQLite store: round trips of every record type, transactions and
 * savepoints, schema migrations and versions, and an out-of-memory walk that fails each
 * allocation of a real operation in turn and proves nothing leaks or crashes. */
#include "testutil.h"

#include "base/alloc.h"
#include "store/store.h"

#include <sqlite3.h>

static vg_store *open_mem(void)
{
    vg_store *s = NULL;
    vg_error err;
    vg_err e = vg_store_open(":memory:", VG_STORE_CREATE, &s, &err);
    if (e)
        fail_msg("open: %s", err.why);
    return s;
}

static vg_date D(const char *s)
{
    vg_date d = 0;
    assert_true(vg_date_parse(vg_str_c(s), &d));
    return d;
}

static vg_time T(const char *s)
{
    vg_time t = 0;
    assert_true(vg_time_parse(vg_str_c(s), &t));
    return t;
}

static void test_person_round_trip(void **state)
{
    (void)state;
    vg_store *s = open_mem();
    vg_error err;
    vg_person p;
    vg_person_init(&p);
    p.family_name = "Zieliński";
    p.given_names = "Małgorzata Anna";
    p.dob = D("1979-03-04");
    p.gender = VG_GENDER_FEMALE;
    p.created_at = T("2014-06-01T10:00:00Z");
    vg_alias al = {"Zielinski", "Gosia", VG_DATE_NONE};
    vg_contact ct[2] = {{VG_CONTACT_PHONE, "07700 900123"}, {VG_CONTACT_EMAIL, "gosia@example.org"}};
    vg_marker mk = {VG_MARKER_VULNERABILITY, "MH", "Anxiety", D("2014-01-01"), VG_DATE_NONE};
    p.aliases = &al;
    p.n_aliases = 1;
    p.contacts = ct;
    p.n_contacts = 2;
    p.markers = &mk;
    p.n_markers = 1;
    assert_int_equal(vg_store_person_put(s, &p, &err), VG_OK);
    assert_true(p.id > 0);
    /* storing it again is refused */
    assert_int_equal(vg_store_person_put(s, &p, &err), VG_ERR_CONFLICT);

    vg_person q;
    assert_int_equal(vg_store_person_get(s, p.id, &q, &err), VG_OK);
    assert_string_equal(q.family_name, "Zieliński");
    assert_string_equal(q.given_names, "Małgorzata Anna");
    assert_int_equal(q.dob, p.dob);
    assert_int_equal(q.gender, VG_GENDER_FEMALE);
    assert_int_equal(q.created_at, p.created_at);
    assert_int_equal(q.n_aliases, 1);
    assert_string_equal(q.aliases[0].given_names, "Gosia");
    assert_int_equal(q.aliases[0].dob, VG_DATE_NONE);
    assert_int_equal(q.n_contacts, 2);
    assert_int_equal(q.contacts[1].kind, VG_CONTACT_EMAIL);
    assert_string_equal(q.contacts[1].value, "gosia@example.org");
    assert_int_equal(q.n_markers, 1);
    assert_string_equal(q.markers[0].code, "MH");
    assert_string_equal(q.markers[0].detail, "Anxiety");
    assert_int_equal(q.markers[0].valid_from, D("2014-01-01"));
    assert_int_equal(q.markers[0].valid_to, VG_DATE_NONE);
    vg_person_clear(&q);
    assert_int_equal(vg_store_person_get(s, 999, &q, &err), VG_ERR_NOT_FOUND);
    vg_store_close(s);
}

static void test_location_area_object_round_trip(void **state)
{
    (void)state;
    vg_store *s = open_mem();
    vg_error err;
    vg_area la;
    vg_area_init(&la);
    la.kind = VG_AREA_LOCAL_AUTHORITY;
    la.code = "WX00000012";
    la.name = "Havenpool City Council";
    la.tier = VG_TIER_UNITARY;
    la.population = 209000;
    la.population_year = 2013;
    assert_int_equal(vg_store_area_put(s, &la, &err), VG_OK);
    vg_area nb;
    vg_area_init(&nb);
    nb.kind = VG_AREA_NEIGHBOURHOOD;
    nb.code = "WXN00001";
    nb.name = "Havenpool Central";
    nb.parent_id = la.id;
    assert_int_equal(vg_store_area_put(s, &nb, &err), VG_OK);
    vg_area back;
    assert_int_equal(vg_store_area_get(s, nb.id, &back, &err), VG_OK);
    assert_string_equal(back.name, "Havenpool Central");
    assert_int_equal(back.parent_id, la.id);
    assert_int_equal(back.population, -1);
    assert_int_equal(back.tier, VG_TIER_NONE);
    vg_area_clear(&back);
    assert_int_equal(vg_store_area_get(s, la.id, &back, &err), VG_OK);
    assert_int_equal(back.tier, VG_TIER_UNITARY);
    assert_int_equal(back.population, 209000);
    vg_area_clear(&back);
    /* duplicate code is a conflict */
    vg_area dup;
    vg_area_init(&dup);
    dup.kind = VG_AREA_NEIGHBOURHOOD;
    dup.code = "WXN00001";
    dup.name = "x";
    assert_int_equal(vg_store_area_put(s, &dup, &err), VG_ERR_CONFLICT);

    vg_location l;
    vg_location_init(&l);
    l.kind = VG_LOC_ADDRESS;
    l.flat = "Flat 2";
    l.number = "14";
    l.street = "High Street";
    l.town = "Havenpool";
    l.postcode = "WX12 3AB";
    l.uprn = 990000000001LL;
    l.has_wgs84 = true;
    l.lat = 50.8;
    l.lon = -1.09;
    l.has_bng = true;
    l.easting = 465000;
    l.northing = 101000;
    l.lsoa_code = "E01900001";
    l.neighbourhood_id = nb.id;
    l.la_id = la.id;
    assert_int_equal(vg_store_location_put(s, &l, &err), VG_OK);
    vg_location lb;
    assert_int_equal(vg_store_location_get(s, l.id, &lb, &err), VG_OK);
    assert_string_equal(lb.flat, "Flat 2");
    assert_null(lb.building);
    assert_string_equal(lb.postcode, "WX12 3AB");
    assert_true(lb.has_wgs84 && lb.lat == 50.8 && lb.lon == -1.09);
    assert_true(lb.has_bng && lb.easting == 465000);
    assert_int_equal(lb.uprn, 990000000001LL);
    assert_int_equal(lb.neighbourhood_id, nb.id);
    vg_location_clear(&lb);
    /* a location without coordinates stays without */
    vg_location l2;
    vg_location_init(&l2);
    l2.kind = VG_LOC_STREET;
    l2.street = "Station Road";
    assert_int_equal(vg_store_location_put(s, &l2, &err), VG_OK);
    assert_int_equal(vg_store_location_get(s, l2.id, &lb, &err), VG_OK);
    assert_false(lb.has_wgs84);
    assert_false(lb.has_bng);
    assert_int_equal(lb.kind, VG_LOC_STREET);
    vg_location_clear(&lb);
    /* foreign keys are enforced */
    vg_location bad;
    vg_location_init(&bad);
    bad.neighbourhood_id = 12345;
    assert_int_equal(vg_store_location_put(s, &bad, &err), VG_ERR_CONFLICT);

    vg_object o;
    vg_object_init(&o);
    o.kind = VG_OBJ_VEHICLE;
    o.identifier = "WX14 ABC";
    o.description = "Blue hatchback";
    assert_int_equal(vg_store_object_put(s, &o, &err), VG_OK);
    vg_object ob;
    assert_int_equal(vg_store_object_get(s, o.id, &ob, &err), VG_OK);
    assert_string_equal(ob.identifier, "WX14 ABC");
    assert_int_equal(ob.kind, VG_OBJ_VEHICLE);
    vg_object_clear(&ob);
    assert_int_equal(vg_store_object_link(s, VG_REC_AREA, 1, o.id, &err), VG_ERR_INVALID_INPUT);
    vg_store_close(s);
}

static vg_id add_person(vg_store *s, const char *family)
{
    vg_error err;
    vg_person p;
    vg_person_init(&p);
    p.family_name = (char *)family;
    p.given_names = "Test";
    assert_int_equal(vg_store_person_put(s, &p, &err), VG_OK);
    return p.id;
}

static void test_events_round_trip(void **state)
{
    (void)state;
    vg_store *s = open_mem();
    vg_error err;
    vg_id victim = add_person(s, "Smith"), suspect = add_person(s, "Jones");
    vg_party parties[3] = {{victim, VG_ROLE_CALLER}, {victim, VG_ROLE_VICTIM}, {suspect, VG_ROLE_SUSPECT}};
    vg_incident inc;
    vg_incident_init(&inc);
    inc.reference = "WX-20140601-00001";
    inc.received_at = T("2014-06-01T10:00:00Z");
    inc.channel = VG_CHANNEL_999;
    inc.category = VG_CAT_ASB_PERSONAL;
    inc.asb_type = "Rowdy/nuisance neighbours";
    inc.thrive = VG_THRIVE_PRIORITY;
    inc.narrative = "Neighbour shouting threats";
    inc.parties = parties;
    inc.n_parties = 3;
    assert_int_equal(vg_store_incident_put(s, &inc, &err), VG_OK);
    vg_incident ib;
    assert_int_equal(vg_store_incident_get(s, inc.id, &ib, &err), VG_OK);
    assert_string_equal(ib.reference, "WX-20140601-00001");
    assert_int_equal(ib.received_at, inc.received_at);
    assert_int_equal(ib.category, VG_CAT_ASB_PERSONAL);
    assert_int_equal(ib.thrive, VG_THRIVE_PRIORITY);
    assert_int_equal(ib.channel, VG_CHANNEL_999);
    assert_int_equal(ib.closed_at, VG_TIME_NONE);
    assert_int_equal(ib.n_parties, 3);
    assert_int_equal(ib.parties[2].person_id, suspect);
    assert_int_equal(ib.parties[2].role, VG_ROLE_SUSPECT);
    vg_incident_clear(&ib);

    vg_crime c;
    vg_crime_init(&c);
    c.reference = "WX/000001/14";
    c.incident_id = inc.id;
    strcpy(c.offence_code, "105A");
    c.recorded_at = T("2014-06-01T12:00:00Z");
    c.status = VG_CRIME_RECORDED;
    c.outcome = 16;
    c.outcome_at = T("2014-07-01T09:00:00Z");
    c.parties = parties + 1;
    c.n_parties = 2;
    assert_int_equal(vg_store_crime_put(s, &c, &err), VG_OK);
    vg_crime cb;
    assert_int_equal(vg_store_crime_get(s, c.id, &cb, &err), VG_OK);
    assert_string_equal(cb.offence_code, "105A");
    assert_int_equal(cb.incident_id, inc.id);
    assert_int_equal(cb.outcome, 16);
    assert_int_equal(cb.outcome_at, c.outcome_at);
    assert_int_equal(cb.committed_at, VG_TIME_NONE);
    assert_int_equal(cb.n_parties, 2);
    vg_crime_clear(&cb);
    /* the reference is unique */
    vg_crime c2 = c;
    c2.id = 0;
    c2.parties = NULL;
    c2.n_parties = 0;
    assert_int_equal(vg_store_crime_put(s, &c2, &err), VG_ERR_CONFLICT);
    /* a party that is not a stored person fails and leaves no partial incident */
    vg_store_counts before, after;
    assert_int_equal(vg_store_counts_get(s, &before, &err), VG_OK);
    vg_party badp[2] = {{victim, VG_ROLE_VICTIM}, {4242, VG_ROLE_SUSPECT}};
    vg_incident bad;
    vg_incident_init(&bad);
    bad.reference = "WX-20140601-00002";
    bad.received_at = inc.received_at;
    bad.parties = badp;
    bad.n_parties = 2;
    assert_int_equal(vg_store_incident_put(s, &bad, &err), VG_ERR_CONFLICT);
    assert_int_equal(bad.id, 0);
    assert_int_equal(vg_store_counts_get(s, &after, &err), VG_OK);
    assert_int_equal(after.records[VG_REC_INCIDENT], before.records[VG_REC_INCIDENT]);
    assert_int_equal(after.incidents_by_category[VG_CAT_ASB_PERSONAL], 1);
    assert_int_equal(after.crimes_by_status[VG_CRIME_RECORDED], 1);
    vg_store_close(s);
}

static vg_err count_cb(void *ctx, const char *code, int64_t n)
{
    char *out = ctx;
    char line[64];
    snprintf(line, sizeof line, "%s=%lld;", code, (long long)n);
    strcat(out, line);
    return VG_OK;
}

static void test_transactions_and_counts(void **state)
{
    (void)state;
    vg_store *s = open_mem();
    vg_error err;
    assert_int_equal(vg_store_begin(s, &err), VG_OK);
    add_person(s, "Kept");
    assert_int_equal(vg_store_begin(s, &err), VG_OK); /* nested: a savepoint */
    add_person(s, "RolledBack");
    vg_store_rollback(s);
    assert_int_equal(vg_store_commit(s, &err), VG_OK);
    vg_store_counts n;
    assert_int_equal(vg_store_counts_get(s, &n, &err), VG_OK);
    assert_int_equal(n.records[VG_REC_PERSON], 1);
    assert_int_equal(vg_store_commit(s, &err), VG_ERR_INTERNAL); /* nothing open */

    const char *codes[] = {"8N", "8N", "46", "28A"};
    const char *when[] = {"2014-01-05T00:00:00Z", "2014-02-05T00:00:00Z", "2014-02-06T00:00:00Z", "2015-01-01T00:00:00Z"};
    for (int i = 0; i < 4; i++) {
        vg_crime c;
        vg_crime_init(&c);
        char ref[32];
        snprintf(ref, sizeof ref, "R%d", i);
        c.reference = ref;
        strcpy(c.offence_code, codes[i]);
        c.recorded_at = T(when[i]);
        assert_int_equal(vg_store_crime_put(s, &c, &err), VG_OK);
    }
    char out[256] = "";
    assert_int_equal(vg_store_crime_counts_by_offence(s, T("2014-01-01T00:00:00Z"), T("2015-01-01T00:00:00Z"),
                                                      VG_CRIME_RECORDED, count_cb, out, &err), VG_OK);
    assert_string_equal(out, "46=1;8N=2;"); /* [from, to): the 2015 crime is out */
    vg_store_close(s);
}

static void test_migrations_and_versions(void **state)
{
    (void)state;
    char path[256];
    tu_temp_path(path, sizeof path, "mig");
    vg_store *s;
    vg_error err;
    /* opening a missing database without CREATE fails clearly */
    assert_int_equal(vg_store_open(path, VG_STORE_OPEN_EXISTING, &s, &err), VG_ERR_NOT_FOUND);
    assert_non_null(strstr(err.why, "vigil init"));
    assert_int_equal(vg_store_open(path, VG_STORE_CREATE, &s, &err), VG_OK);
    int v;
    assert_int_equal(vg_store_schema_version(s, &v, &err), VG_OK);
    assert_int_equal(v, vg_store_schema_version_supported());
    add_person(s, "Persisted");
    vg_store_close(s);
    /* init twice is harmless: data stays */
    assert_int_equal(vg_store_open(path, VG_STORE_CREATE, &s, &err), VG_OK);
    vg_store_counts n;
    assert_int_equal(vg_store_counts_get(s, &n, &err), VG_OK);
    assert_int_equal(n.records[VG_REC_PERSON], 1);
    vg_store_close(s);

    /* A database from a newer Vigil is refused with a clear message. */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO schema_migration VALUES (999, '999_future.sql', '2030-01-01')", 0, 0, 0), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(vg_store_open(path, VG_STORE_OPEN_EXISTING, &s, &err), VG_ERR_VERSION);
    assert_non_null(strstr(err.why, "newer"));
    assert_int_equal(vg_store_open(path, VG_STORE_CREATE, &s, &err), VG_ERR_VERSION);

    /* An older schema is not silently used: it asks for 'vigil init'. */
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DELETE FROM schema_migration", 0, 0, 0), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO schema_migration VALUES (0, '000_old.sql', '2010-01-01')", 0, 0, 0), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(vg_store_open(path, VG_STORE_OPEN_EXISTING, &s, &err), VG_ERR_VERSION);
    assert_non_null(strstr(err.why, "older"));
    tu_remove_db(path);

    /* A SQLite file that is not Vigil's is refused. */
    tu_temp_path(path, sizeof path, "foreign");
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", 0, 0, 0), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(vg_store_open(path, VG_STORE_CREATE, &s, &err), VG_ERR_INVALID_INPUT);
    assert_non_null(strstr(err.why, "not a Vigil database"));
    tu_remove_db(path);

    /* A file on disk uses WAL and enforces foreign keys. */
    tu_temp_path(path, sizeof path, "wal");
    assert_int_equal(vg_store_open(path, VG_STORE_CREATE, &s, &err), VG_OK);
    vg_store_close(s);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    /* every table is STRICT */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_list WHERE schema='main' AND type='table' "
                                            "AND name NOT LIKE 'sqlite_%' AND strict = 0", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    tu_remove_db(path);
}

/* One real operation: open a new store (all migrations), write a person with children and
 * an incident with parties, read them back, close. */
static vg_err real_operation(void)
{
    vg_store *s = NULL;
    vg_error err;
    vg_err e = vg_store_open(":memory:", VG_STORE_CREATE, &s, &err);
    if (e)
        return e;
    vg_person p;
    vg_person_init(&p);
    p.family_name = "Okonkwo";
    p.given_names = "Chidi";
    vg_alias al = {"Okonkwo", "Chi", VG_DATE_NONE};
    vg_contact ct = {VG_CONTACT_PHONE, "07700900123"};
    p.aliases = &al;
    p.n_aliases = 1;
    p.contacts = &ct;
    p.n_contacts = 1;
    e = vg_store_person_put(s, &p, &err);
    vg_incident inc;
    vg_incident_init(&inc);
    vg_party party = {p.id, VG_ROLE_VICTIM};
    if (!e) {
        inc.reference = "WX-1";
        inc.received_at = 1400000000;
        inc.parties = &party;
        inc.n_parties = 1;
        e = vg_store_incident_put(s, &inc, &err);
    }
    vg_person q;
    if (!e && !(e = vg_store_person_get(s, p.id, &q, &err))) {
        if (q.n_aliases != 1 || q.n_contacts != 1)
            e = VG_ERR_INTERNAL;
        vg_person_clear(&q);
    }
    vg_incident ib;
    if (!e && !(e = vg_store_incident_get(s, inc.id, &ib, &err))) {
        if (ib.n_parties != 1)
            e = VG_ERR_INTERNAL;
        vg_incident_clear(&ib);
    }
    vg_store_close(s);
    return e;
}

static void test_out_of_memory_walk(void **state)
{
    (void)state;
    vg_alloc_fail_at(0);
    assert_int_equal(real_operation(), VG_OK); /* warm-up: SQLite's one-time globals */
    int64_t baseline = vg_alloc_live();
    uint64_t calls0 = vg_alloc_calls();
    assert_int_equal(real_operation(), VG_OK);
    uint64_t per_run = vg_alloc_calls() - calls0;
    assert_int_equal(vg_alloc_live(), baseline);
    assert_true(per_run > 100);
    /* Fail allocation n for every n the operation makes (stride keeps sanitizer builds
     * quick; VIGIL_OOM_STRIDE=1 walks every single one). */
    const char *st = getenv("VIGIL_OOM_STRIDE");
    uint64_t stride = st ? strtoull(st, NULL, 10) : 1;
    if (stride == 0)
        stride = 1;
    int failures = 0, walked = 0;
    for (uint64_t n = 1; n <= per_run + 5; n += stride) {
        vg_alloc_fail_at(n);
        vg_err e = real_operation();
        int injected = vg_alloc_failed();
        vg_alloc_fail_at(0);
        walked++;
        if (injected) {
            failures += e != VG_OK;
            /* Either an error, or success with correct data (SQLite survives some failed
             * allocations, e.g. when growing an optional cache): real_operation verifies
             * what it reads back, so a "success" here is a checked one. */
            if (e != VG_OK && e != VG_ERR_NOMEM && e != VG_ERR_STORE)
                fail_msg("allocation %llu: unexpected error %s", (unsigned long long)n, vg_strerror(e));
        } else {
            assert_int_equal(e, VG_OK);
        }
        if (vg_alloc_live() != baseline)
            fail_msg("allocation %llu: %lld blocks leaked", (unsigned long long)n,
                     (long long)(vg_alloc_live() - baseline));
    }
    assert_true(failures > walked / 2);
    print_message("out-of-memory walk: %d runs over %llu allocations, %d failed cleanly\n", walked,
                  (unsigned long long)per_run, failures);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_person_round_trip), cmocka_unit_test(test_location_area_object_round_trip),
        cmocka_unit_test(test_events_round_trip), cmocka_unit_test(test_transactions_and_counts),
        cmocka_unit_test(test_migrations_and_versions), cmocka_unit_test(test_out_of_memory_walk),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
