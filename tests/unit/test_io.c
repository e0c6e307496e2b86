/* test_io.c - the open-data formats (police.uk, Home Office table, ONS population),
 * the string map, location anonymisation, and the performance arithmetic. */
#include "testutil.h"

#include "analysis/performance.h"
#include "base/map.h"
#include "base/rng.h"
#include "io/anonymise.h"
#include "io/homeoffice.h"
#include "io/la_lookup.h"
#include "io/policeuk.h"
#include "io/population.h"

#include <math.h>

/* A row from a comma-separated literal (no quoting in these tests). */
typedef struct fake_row {
    vg_csv_row row;
    vg_str f[32];
    char buf[1024];
} fake_row;

static const vg_csv_row *mkrow(fake_row *r, const char *line)
{
    snprintf(r->buf, sizeof r->buf, "%s", line);
    size_t n = 0;
    vg_str rest = vg_str_c(r->buf), head;
    do {
        rest = vg_str_split(rest, ',', &head);
        r->f[n++] = head;
    } while (rest.p && n < 32);
    r->row = (vg_csv_row){r->f, n, 2, 0, strlen(r->buf)};
    return &r->row;
}

static void test_microdegrees(void **state)
{
    (void)state;
    int32_t v;
    assert_true(vg_parse_microdegrees(vg_str_c("-1.205793"), &v) && v == -1205793);
    assert_true(vg_parse_microdegrees(vg_str_c("52.6"), &v) && v == 52600000);
    assert_true(vg_parse_microdegrees(vg_str_c("-0.0000005"), &v) && v == -1); /* rounds half away */
    assert_true(vg_parse_microdegrees(vg_str_c("1.23456749"), &v) && v == 1234567);
    assert_true(vg_parse_microdegrees(vg_str_c("180"), &v) && v == 180000000);
    assert_false(vg_parse_microdegrees(vg_str_c("180.1"), &v));
    assert_false(vg_parse_microdegrees(vg_str_c("1e5"), &v));
    assert_false(vg_parse_microdegrees(vg_str_c(""), &v));
    assert_false(vg_parse_microdegrees(vg_str_c("-"), &v));
    assert_false(vg_parse_microdegrees(vg_str_c("1."), &v));
    assert_false(vg_parse_microdegrees(vg_str_c("12345"), &v));
}

static void test_file_names(void **state)
{
    (void)state;
    int m;
    char slug[64];
    vg_puk_file_kind k;
    assert_true(vg_puk_parse_file_name("/x/2014-06-avon-and-somerset-street.csv", &m, slug, sizeof slug, &k));
    assert_int_equal(m, 201406);
    assert_string_equal(slug, "avon-and-somerset");
    assert_int_equal(k, VG_PUKF_STREET);
    assert_true(vg_puk_parse_file_name("2016-02-cheshire-stop-and-search.csv", &m, slug, sizeof slug, &k));
    assert_int_equal(k, VG_PUKF_STOP_SEARCH);
    assert_string_equal(slug, "cheshire");
    assert_true(vg_puk_parse_file_name("2016-02-btp-outcomes.csv", &m, slug, sizeof slug, &k));
    assert_int_equal(k, VG_PUKF_OUTCOMES);
    assert_false(vg_puk_parse_file_name("2016-13-btp-outcomes.csv", &m, slug, sizeof slug, &k));
    assert_false(vg_puk_parse_file_name("crimes.csv", &m, slug, sizeof slug, &k));
    assert_false(vg_puk_parse_file_name("2016-02--street.csv", &m, slug, sizeof slug, &k));
}

static void test_detect_and_street_rows(void **state)
{
    (void)state;
    fake_row r;
    vg_puk_file_kind k;
    assert_true(vg_puk_detect(mkrow(&r, vg_puk_header(VG_PUKF_STREET)), &k));
    assert_int_equal(k, VG_PUKF_STREET);
    assert_true(vg_puk_detect(mkrow(&r, vg_puk_header(VG_PUKF_OUTCOMES)), &k));
    assert_int_equal(k, VG_PUKF_OUTCOMES);
    assert_true(vg_puk_detect(mkrow(&r, vg_puk_header(VG_PUKF_STOP_SEARCH)), &k));
    assert_int_equal(k, VG_PUKF_STOP_SEARCH);
    assert_false(vg_puk_detect(mkrow(&r, "Crime ID,Month"), &k));
    vg_puk_row s;
    char why[256];
    assert_true(vg_puk_parse_street(mkrow(&r, ",2014-06,A,A,-1.2,52.6,On or near X,E01025624,Blaby 013C,Anti-social behaviour,,"), &s, why, sizeof why));
    assert_false(s.has_id);
    assert_int_equal(s.month, 201406);
    assert_true(s.has_coords && s.lon_e6 == -1200000 && s.lat_e6 == 52600000);
    assert_true(vg_str_eq_c(s.crime_type, "Anti-social behaviour"));
    assert_true(vg_puk_parse_street(mkrow(&r, "00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00FF,2014-06,A,A,,,No location,,,Burglary,Under investigation,"), &s, why, sizeof why));
    assert_true(s.has_id && s.crime_id[0] == 0 && s.crime_id[1] == 0xff && s.crime_id[31] == 0xff);
    assert_false(s.has_coords);
    char hex[65];
    vg_puk_crime_id_hex(s.crime_id, hex);
    assert_string_equal(hex, "00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff");
    struct { const char *line, *why; } bad[] = {
        {",2014-06,A,A,-1.2,52.6,X,E,L,Burglary,", "11 fields, expected 12"},
        {"xyz,2014-06,A,A,-1.2,52.6,X,E,L,Burglary,,", "Crime ID: not 64 hexadecimal digits"},
        {"00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00fg,2014-06,A,A,,,X,E,L,Burglary,,", "Crime ID: not 64 hexadecimal digits"},
        {",2014-6,A,A,-1.2,52.6,X,E,L,Burglary,,", "Month: '2014-6' is not YYYY-MM"},
        {",2014-06,,A,-1.2,52.6,X,E,L,Burglary,,", "Reported by: empty"},
        {",2014-06,A,A,-1.2,,X,E,L,Burglary,,", "Longitude/Latitude: one given without the other"},
        {",2014-06,A,A,west,52.6,X,E,L,Burglary,,", "Longitude: 'west' is not a number"},
        {",2014-06,A,A,2.35,48.85,X,E,L,Burglary,,", "Longitude/Latitude: 2.350000, 48.850000 is outside the United Kingdom"},
        {",2014-06,A,A,-1.2,52.6,X,E,L,,,", "Crime type: empty"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (vg_puk_parse_street(mkrow(&r, bad[i].line), &s, why, sizeof why))
            fail_msg("accepted: %s", bad[i].line);
        assert_string_equal(why, bad[i].why);
    }
}

static void test_outcome_and_stop_rows(void **state)
{
    (void)state;
    fake_row r;
    char why[256];
    vg_puk_row o;
    assert_true(vg_puk_parse_outcome(mkrow(&r, ",2014-06,A,A,-1.2,52.6,X,E,L,Suspect charged"), &o, why, sizeof why));
    assert_true(vg_str_eq_c(o.outcome, "Suspect charged"));
    assert_false(vg_puk_parse_outcome(mkrow(&r, ",2014-06,A,A,-1.2,52.6,X,E,L,"), &o, why, sizeof why));
    assert_string_equal(why, "Outcome type: empty");
    vg_puk_stop s;
    /* latitude comes before longitude in this format */
    assert_true(vg_puk_parse_stop(mkrow(&r, "Person search,2014-06-03T14:20:00+01:00,False,,52.6,-1.1,Male,18-24,W,W,PACE,Drugs,Arrest,True,"), &s, why, sizeof why));
    assert_true(s.has_coords && s.lat_e6 == 52600000 && s.lon_e6 == -1100000);
    assert_int_equal(s.part_of_operation, 0);
    assert_int_equal(s.outcome_linked, 1);
    assert_int_equal(s.removal, -1);
    assert_false(vg_puk_parse_stop(mkrow(&r, "Person search,yesterday,False,,52.6,-1.1,Male,18-24,W,W,PACE,Drugs,Arrest,True,"), &s, why, sizeof why));
    assert_non_null(strstr(why, "Date:"));
    assert_false(vg_puk_parse_stop(mkrow(&r, "Person search,2014-06-03,Maybe,,52.6,-1.1,Male,18-24,W,W,PACE,Drugs,Arrest,True,"), &s, why, sizeof why));
    assert_string_equal(why, "Part of a policing operation: 'Maybe' is not True or False");
}

static void test_homeoffice_rows(void **state)
{
    (void)state;
    fake_row r;
    char why[256];
    vg_ho_row h;
    assert_true(vg_ho_is_header(mkrow(&r, "12 months ending,PFA,Region,Offence,Rolling year total number of offences")));
    assert_true(vg_ho_parse_row(mkrow(&r, "30-06-2014,Avon & Somerset,South West,Robbery,635"), &h, why, sizeof why));
    assert_string_equal(h.force->slug, "avon-and-somerset");
    assert_int_equal(h.period_end, 201406);
    assert_false(h.date_corrected);
    assert_int_equal(h.count, 635);
    assert_true(vg_ho_parse_row(mkrow(&r, "30-12-2017,CIFAS,Fraud: CIFAS,CIFAS,12"), &h, why, sizeof why));
    assert_null(h.force);
    assert_string_equal(h.fraud_body, "CIFAS");
    assert_true(h.date_corrected);
    assert_int_equal(h.period_end, 201712);
    assert_true(vg_ho_parse_row(mkrow(&r, "31-03-2008,Cheshire,NW,Death or serious injury caused by illegal driving,-2"), &h, why, sizeof why));
    assert_int_equal(h.count, -2);
    assert_true(vg_ho_parse_row(mkrow(&r, "29-02-2016,Kent,SE,Robbery,1"), &h, why, sizeof why)); /* leap-year month end */
    assert_false(vg_ho_parse_row(mkrow(&r, "28-02-2015,Kent,SE,Robbery,1x"), &h, why, sizeof why));
    assert_non_null(strstr(why, "is not a whole number"));
    assert_false(vg_ho_parse_row(mkrow(&r, "31-02-2015,Kent,SE,Robbery,1"), &h, why, sizeof why));
    assert_false(vg_ho_parse_row(mkrow(&r, "2015-03-31,Kent,SE,Robbery,1"), &h, why, sizeof why));
    assert_false(vg_ho_parse_row(mkrow(&r, "31-03-2015,Kent,SE,,1"), &h, why, sizeof why));
    assert_string_equal(why, "Offence: empty");
}

static void test_population(void **state)
{
    (void)state;
    fake_row r;
    char why[256];
    vg_pop_header h;
    vg_pop_value v[8];
    assert_true(vg_pop_parse_header(mkrow(&r, "year,Hampshire,Metropolitan Police,Avon & Somerset"), &h, why, sizeof why));
    assert_int_equal(h.layout, VG_POP_WIDE);
    assert_int_equal(vg_pop_parse_row(&h, mkrow(&r, "2013,1925263,,1664000"), v, 8, why, sizeof why), 3);
    assert_string_equal(v[0].force->slug, "hampshire");
    assert_int_equal(v[1].population, -1); /* empty cell */
    assert_int_equal(v[2].population, 1664000);
    assert_int_equal(vg_pop_parse_row(&h, mkrow(&r, "2013,1,2"), v, 8, why, sizeof why), -1);
    assert_non_null(strstr(why, "expected 4"));
    assert_true(vg_pop_parse_header(mkrow(&r, "Year,Population,Households,Area"), &h, why, sizeof why));
    assert_int_equal(h.layout, VG_POP_LONG);
    assert_int_equal(vg_pop_parse_row(&h, mkrow(&r, "2013,1925263,790000,hampshire"), v, 8, why, sizeof why), 1);
    assert_int_equal(v[0].households, 790000);
    assert_int_equal(vg_pop_parse_row(&h, mkrow(&r, "1850,1,1,hampshire"), v, 8, why, sizeof why), -1);
    assert_non_null(strstr(why, "is not a year"));
    assert_false(vg_pop_parse_header(mkrow(&r, "area,population"), &h, why, sizeof why));
    assert_false(vg_pop_parse_header(mkrow(&r, "year,Atlantis"), &h, why, sizeof why));
    assert_string_equal(why, "column 2: unknown police force area 'Atlantis'");
}

static void test_population_by_local_authority(void **state)
{
    (void)state;
    fake_row r;
    char why[256];
    vg_pop_header h;
    vg_pop_value v[8];
    /* the ONS estimates layout: a code column and mid-year columns */
    assert_true(vg_pop_parse_header(mkrow(&r, "code,name,geography,mid_2012,mid_2013"), &h, why, sizeof why));
    assert_int_equal(h.layout, VG_POP_LA);
    assert_true(vg_pop_by_local_authority(&h));
    assert_int_equal(vg_pop_parse_row(&h, mkrow(&r, "E06000044,Portsmouth,Unitary Authority,205000,"), v, 8, why, sizeof why), 2);
    assert_null(v[0].force);
    assert_true(vg_str_eq_c(v[0].code, "E06000044") && vg_str_eq_c(v[0].name, "Portsmouth"));
    assert_int_equal(v[0].year, 2012);
    assert_int_equal(v[0].population, 205000);
    assert_int_equal(v[1].year, 2013);
    assert_int_equal(v[1].population, -1); /* an empty cell: no estimate */
    assert_int_equal(vg_pop_parse_row(&h, mkrow(&r, "E06000044,Portsmouth,Unitary Authority,many,1"), v, 8, why, sizeof why), -1);
    assert_non_null(strstr(why, "mid-2012"));
    assert_int_equal(vg_pop_parse_row(&h, mkrow(&r, ",Nowhere,Unitary Authority,1,1"), v, 8, why, sizeof why), -1);
    /* census households: the all-categories column, total rows only */
    assert_true(vg_pop_parse_households_header(
        mkrow(&r, "date,geography,geography code,Rural Urban,Tenure: All categories: Tenure; measures: Value,Owned"), &h,
        why, sizeof why));
    assert_int_equal(h.layout, VG_POP_LA_HOUSEHOLDS);
    assert_int_equal(h.value_col, 4);
    assert_int_equal(vg_pop_parse_row(&h, mkrow(&r, "2011,Portsmouth,E06000044,Total,85000,40000"), v, 8, why, sizeof why), 1);
    assert_int_equal(v[0].households, 85000);
    assert_int_equal(v[0].year, 2011);
    assert_int_equal(vg_pop_parse_row(&h, mkrow(&r, "2011,Portsmouth,E06000044,Urban,84000,39000"), v, 8, why, sizeof why), 0);
    assert_false(vg_pop_parse_households_header(mkrow(&r, "date,geography,geography code,Owned"), &h, why, sizeof why));
}

static void test_la_codes_and_lookup(void **state)
{
    (void)state;
    assert_int_equal(vg_la_kind_of("E07000084", 9), VG_LA_DISTRICT);
    assert_int_equal(vg_la_kind_of("W06000015", 9), VG_LA_DISTRICT);
    assert_int_equal(vg_la_kind_of("S12000033", 9), VG_LA_OUTSIDE);
    assert_int_equal(vg_la_kind_of("E10000014", 9), VG_LA_AGGREGATE);
    assert_int_equal(vg_la_kind_of("K04000001", 9), VG_LA_AGGREGATE);
    assert_int_equal(vg_la_kind_of("E23000030", 9), VG_LA_UNKNOWN); /* a force area, not a local authority */
    assert_int_equal(vg_la_kind_of("E0700008", 8), VG_LA_UNKNOWN);
    const vg_la_change *ch = vg_la_change_creating("E06000058", 9);
    assert_non_null(ch);
    assert_int_equal(ch->effective, 20190401);
    assert_ptr_equal(vg_la_change_ending("E06000029", 9), ch);
    assert_null(vg_la_change_creating("E06000044", 9));
    /* every predecessor ends in exactly one change, and no change makes a code twice */
    size_t n;
    const vg_la_change *all = vg_la_changes(&n);
    for (size_t i = 0; i < n; i++) {
        assert_ptr_equal(vg_la_change_creating(all[i].successor, strlen(all[i].successor)), &all[i]);
        for (int k = 0; all[i].predecessors[k]; k++)
            assert_ptr_equal(vg_la_change_ending(all[i].predecessors[k], strlen(all[i].predecessors[k])), &all[i]);
    }

    static const char lk16[] = "\xEF\xBB\xBFLAD16CD,LAD16NM,PFA16CD,PFA16NM\n"
                               "E06000028,Bournemouth,E23000039,Dorset\n"
                               "E06000029,Poole,E23000039,Dorset\n"
                               "E07000048,Christchurch,E23000039,Dorset\n"
                               "E07000190,Taunton Deane,E23000036,Avon and Somerset\n"
                               "E07000191,West Somerset,E23000036,Avon and Somerset\n"
                               "E07000004,Aylesbury Vale,E23000029,Thames Valley\n"
                               "E07000005,Chiltern,E23000029,Thames Valley\n"
                               "E07000006,South Bucks,E23000029,Thames Valley\n"
                               "E07000007,Wycombe,,Hampshire\n"; /* put in the wrong force, by name */
    vg_la_lookup *lk;
    vg_error err;
    assert_int_equal(vg_la_lookup_read(&lk, lk16, sizeof lk16 - 1, "lk16.csv", &err), VG_OK);
    assert_int_equal(vg_la_lookup_count(lk), 9);
    assert_int_equal(vg_la_lookup_year(lk), 2016);
    assert_string_equal(vg_la_lookup_name(lk, "E06000029", 9), "Poole");
    vg_la_match m;
    char why[400];
    assert_true(vg_la_lookup_match(lk, "E06000029", 9, &m, why, sizeof why));
    assert_string_equal(m.force->slug, "dorset");
    assert_null(m.change);
    /* a successor created after the lookup: the one force of its predecessors */
    assert_true(vg_la_lookup_match(lk, "E06000058", 9, &m, why, sizeof why));
    assert_string_equal(m.force->slug, "dorset");
    assert_ptr_equal(m.change, ch);
    assert_false(m.forward);
    /* ... and two changes deep: Somerset (2023) from Somerset West and Taunton (2019) and others not in the lookup */
    assert_false(vg_la_lookup_match(lk, "E06000066", 9, &m, why, sizeof why));
    assert_non_null(strstr(why, "not all in one police force area"));
    /* predecessors in two forces: not placed */
    assert_false(vg_la_lookup_match(lk, "E06000060", 9, &m, why, sizeof why));
    assert_non_null(strstr(why, "E06000060"));
    /* a code of no change and not in the lookup */
    assert_false(vg_la_lookup_match(lk, "E06000099", 9, &m, why, sizeof why));
    assert_non_null(strstr(why, "no recorded local-authority code change"));
    /* a predecessor abolished after the lookup: it should be in it */
    assert_false(vg_la_lookup_match(lk, "E07000049", 9, &m, why, sizeof why));
    assert_non_null(strstr(why, "older than that change"));
    vg_la_lookup_free(lk);

    /* a newer lookup places old codes forward through their successors */
    static const char lk20[] = "LAD20CD,LAD20NM,PFA20CD,PFA20NM\n"
                               "E06000058,\"Bournemouth, Christchurch and Poole\",E23000039,Dorset\n"
                               "E07000246,Somerset West and Taunton,E23000036,Avon and Somerset\n";
    assert_int_equal(vg_la_lookup_read(&lk, lk20, sizeof lk20 - 1, "lk20.csv", &err), VG_OK);
    assert_true(vg_la_lookup_match(lk, "E07000048", 9, &m, why, sizeof why));
    assert_string_equal(m.force->slug, "dorset");
    assert_true(m.forward);
    assert_true(vg_la_lookup_match(lk, "E07000191", 9, &m, why, sizeof why));
    assert_string_equal(m.force->slug, "avon-and-somerset");
    /* a successor created by the lookup's year should be in it */
    assert_false(vg_la_lookup_match(lk, "E07000245", 9, &m, why, sizeof why));
    assert_non_null(strstr(why, "which should list it"));
    vg_la_lookup_free(lk);

    /* malformed lookups name the line */
    static const char twice[] = "LAD16CD,PFA16CD\nE06000028,E23000039\nE06000028,E23000030\n";
    assert_int_equal(vg_la_lookup_read(&lk, twice, sizeof twice - 1, "twice.csv", &err), VG_ERR_INVALID_INPUT);
    assert_string_equal(err.where, "twice.csv:3");
    assert_non_null(strstr(err.why, "two police force areas"));
    static const char force[] = "LAD16CD,PFA16NM\nE06000028,Atlantis\n";
    assert_int_equal(vg_la_lookup_read(&lk, force, sizeof force - 1, "force.csv", &err), VG_ERR_INVALID_INPUT);
    assert_non_null(strstr(err.why, "unknown police force area 'Atlantis'"));
    static const char notla[] = "LAD16CD,PFA16CD\nE10000014,E23000030\n";
    assert_int_equal(vg_la_lookup_read(&lk, notla, sizeof notla - 1, "notla.csv", &err), VG_ERR_INVALID_INPUT);
    static const char header[] = "code,force\nE06000028,Dorset\n";
    assert_int_equal(vg_la_lookup_read(&lk, header, sizeof header - 1, "header.csv", &err), VG_ERR_INVALID_INPUT);
    assert_string_equal(err.where, "header.csv:1");
}

static void test_strmap(void **state)
{
    (void)state;
    vg_strmap *m;
    assert_int_equal(vg_strmap_new(&m), VG_OK);
    char k[32];
    for (int i = 0; i < 100000; i++) {
        snprintf(k, sizeof k, "key-%d", i);
        assert_int_equal(vg_strmap_put(m, k, strlen(k), i * 3), VG_OK);
    }
    assert_int_equal(vg_strmap_count(m), 100000);
    int64_t v;
    for (int i = 0; i < 100000; i += 7) {
        snprintf(k, sizeof k, "key-%d", i);
        assert_true(vg_strmap_get(m, k, strlen(k), &v));
        assert_int_equal(v, i * 3);
    }
    assert_false(vg_strmap_get(m, "key-100000", 10, &v));
    assert_int_equal(vg_strmap_put(m, "key-5", 5, -1), VG_OK); /* overwrite */
    assert_true(vg_strmap_get(m, "key-5", 5, &v) && v == -1);
    assert_int_equal(vg_strmap_count(m), 100000);
    assert_int_equal(vg_strmap_put(m, "", 0, 42), VG_OK); /* the empty key is a key */
    assert_true(vg_strmap_get(m, "", 0, &v) && v == 42);
    vg_strmap_clear(m);
    assert_int_equal(vg_strmap_count(m), 0);
    assert_false(vg_strmap_get(m, "key-5", 5, &v));
    vg_strmap_free(m);
}

/* Anonymous points: after the build, every active point's catchment (its nearest
 * addresses) is 0 or >= k, and nearest() agrees with a brute-force search. */
static void test_anonymise(void **state)
{
    (void)state;
    vg_rng rng;
    vg_rng_seed(&rng, 5);
    enum { NP = 400, NA = 6000 };
    vg_anon_point *pts = calloc(NP, sizeof *pts);
    double *ax = malloc(NA * sizeof *ax), *ay = malloc(NA * sizeof *ay);
    for (int i = 0; i < NP; i++) {
        pts[i].x = 400000 + vg_rng_unit(&rng) * 10000;
        pts[i].y = 100000 + vg_rng_unit(&rng) * 10000;
    }
    for (int j = 0; j < NA; j++) { /* clustered: some points will catch only a few */
        int c = (int)vg_rng_below(&rng, 60);
        ax[j] = pts[c].x + vg_rng_normal(&rng) * 600;
        ay[j] = pts[c].y + vg_rng_normal(&rng) * 600;
    }
    vg_anon *a;
    vg_error err;
    assert_int_equal(vg_anon_build(pts, NP, ax, ay, NA, 8, &a, &err), VG_OK);
    int64_t *catch = calloc(NP, sizeof *catch);
    int dropped = 0;
    for (int j = 0; j < NA; j++) {
        size_t best = SIZE_MAX;
        double bd = INFINITY;
        for (int i = 0; i < NP; i++)
            if (pts[i].active) {
                double d = (pts[i].x - ax[j]) * (pts[i].x - ax[j]) + (pts[i].y - ay[j]) * (pts[i].y - ay[j]);
                if (d < bd) {
                    bd = d;
                    best = (size_t)i;
                }
            }
        size_t got = vg_anon_nearest(a, ax[j], ay[j]);
        double gd = (pts[got].x - ax[j]) * (pts[got].x - ax[j]) + (pts[got].y - ay[j]) * (pts[got].y - ay[j]);
        assert_true(fabs(gd - bd) < 1e-6);
        catch[best]++;
    }
    for (int i = 0; i < NP; i++) {
        dropped += !pts[i].active;
        if (pts[i].active && catch[i] > 0 && catch[i] < 8)
            fail_msg("point %d keeps %lld addresses", i, (long long)catch[i]);
        if (pts[i].active)
            assert_int_equal(pts[i].catchment, catch[i]);
    }
    assert_true(dropped > 0);       /* the rule did remove points */
    assert_true(dropped < NP);
    assert_true(vg_anon_rounds(a) >= 2);
    vg_anon_free(a);
    free(catch);
    free(pts);
    free(ax);
    free(ay);
}

static void test_performance_arithmetic(void **state)
{
    (void)state;
    assert_true(vg_rate_per_1000(102412, 1925263) == 53.2);
    assert_true(vg_rate_per_1000(3285050, 53350945) == 61.6);
    assert_true(vg_rate_per_1000(1, 0) == 0);
    double pct;
    assert_true(vg_percent_change(105088, 102412, &pct) && pct == -2.5);
    assert_true(vg_percent_change(136308, 102412, &pct) && pct == -24.9);
    assert_false(vg_percent_change(0, 5, &pct));
    assert_int_equal(vg_yyyymm_add(201406, -48), 201006);
    assert_int_equal(vg_yyyymm_add(201401, -1), 201312);
    assert_int_equal(vg_yyyymm_add(201412, 1), 201501);
    assert_true(vg_perf_measure_has_subgroup(VG_PM_SEXUAL, VG_SG_RAPE));
    assert_false(vg_perf_measure_has_subgroup(VG_PM_CRIME_EXCL_FRAUD, VG_SG_FRAUD));
    assert_true(vg_perf_measure_has_puk_type(VG_PM_VICTIM_BASED, VG_PUK_VIOLENT_CRIME)); /* legacy maps on */
    assert_false(vg_perf_measure_has_puk_type(VG_PM_VICTIM_BASED, VG_PUK_DRUGS));
    assert_false(vg_perf_measure_from_policeuk(VG_PM_DOMESTIC_BURGLARY));
    /* households only when every area shown has them */
    vg_perf_report *r = calloc(1, sizeof *r);
    vg_perf_cell *f = &r->force.cells[VG_PM_DOMESTIC_BURGLARY], *e = &r->ew.cells[VG_PM_DOMESTIC_BURGLARY];
    *f = (vg_perf_cell){.available = true, .count = 100, .population = 250000, .households = 100000};
    *e = (vg_perf_cell){.available = true, .count = 1000, .population = 5000000, .households = -1};
    vg_perf_choose_denominators(r);
    assert_false(f->per_households);
    assert_true(f->rate == 0.4);
    e->households = 2000000;
    vg_perf_choose_denominators(r);
    assert_true(f->per_households && e->per_households);
    assert_true(f->rate == 1.0 && e->rate == 0.5);
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_microdegrees),      cmocka_unit_test(test_file_names),
        cmocka_unit_test(test_detect_and_street_rows), cmocka_unit_test(test_outcome_and_stop_rows),
        cmocka_unit_test(test_homeoffice_rows),   cmocka_unit_test(test_population),
        cmocka_unit_test(test_strmap),            cmocka_unit_test(test_anonymise),
        cmocka_unit_test(test_performance_arithmetic), cmocka_unit_test(test_population_by_local_authority),
        cmocka_unit_test(test_la_codes_and_lookup),
    };
    return cmocka_run_group_tests_name("io", tests, NULL, NULL);
}
