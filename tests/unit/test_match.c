/* test_match.c - person matching: normalisers, phonetic keys, string comparators, the
 * comparison levels, EM on a mixture with known parameters, the index. */
#include "testutil.h"

#include "base/rng.h"
#include "match/index.h"
#include "match/model.h"
#include "match/normalise.h"
#include "match/places.h"
#include "match/phonetic.h"
#include "match/similarity.h"
#include "match/train.h"

#include <math.h>

static void name_is(const char *in, const char *want)
{
    char out[VG_NAME_MAX];
    vg_norm_name(in, strlen(in), out);
    if (strcmp(out, want) != 0)
        fail_msg("vg_norm_name(\"%s\") = \"%s\", want \"%s\"", in, out, want);
}

static void test_names(void **state)
{
    (void)state;
    name_is("  John   SMITH ", "john smith");
    name_is("Mr. John Smith", "john smith");
    name_is("Dr John Smith Jr", "john smith");
    name_is("O'Brien", "obrien");
    name_is("O\u2019Brien", "obrien");          /* typographic apostrophe */
    name_is("Siobh\u00e1n", "siobhan");          /* accents stripped */
    name_is("S\u0321\u0301IOBHAN", "siobhan");  /* combining marks */
    name_is("Bj\u00f8rn \u0141ukasz", "bjorn lukasz");
    name_is("Stra\u00dfe", "strasse");
    name_is("\u00c6thelred", "aethelred");
    name_is("Smith-Jones", "smith jones");
    name_is("\uff2a\uff4f\uff48\uff4e", "john"); /* full-width letters (NFKC) */
    name_is("Mrs Smith", "smith");
    name_is("\u041e\u043b\u044c\u0433\u0430", "\u043e\u043b\u044c\u0433\u0430"); /* Cyrillic kept, case-folded */
}

static void split_is(const char *in, const char *given, const char *family)
{
    char g[VG_NAME_MAX], f[VG_NAME_MAX];
    vg_norm_split_name(in, strlen(in), g, f);
    if (strcmp(g, given) != 0 || strcmp(f, family) != 0)
        fail_msg("split(\"%s\") = \"%s\" + \"%s\", want \"%s\" + \"%s\"", in, g, f, given, family);
}

static void test_split(void **state)
{
    (void)state;
    split_is("John Paul O'Brien", "john paul", "obrien");
    split_is("OBRIEN, John Paul", "john paul", "obrien");
    split_is("Dr Maria de la Cruz", "maria", "de la cruz");
    split_is("Ludwig van Beethoven", "ludwig", "van beethoven");
    split_is("Madonna", "", "madonna");
    char first[VG_NAME_MAX];
    assert_int_equal(vg_norm_first_given("john paul", first), 4);
    assert_string_equal(first, "john");
}

static void test_postcodes(void **state)
{
    (void)state;
    char pc[9];
    assert_true(vg_norm_postcode("wx123ab", 7, pc));
    assert_string_equal(pc, "WX12 3AB");
    assert_true(vg_norm_postcode(" so16  0as ", 11, pc));
    assert_string_equal(pc, "SO16 0AS");
    assert_true(vg_norm_postcode("W1A 1AA", 7, pc));
    assert_string_equal(pc, "W1A 1AA");
    assert_true(vg_norm_postcode("EC1A1BB", 7, pc));
    assert_string_equal(pc, "EC1A 1BB");
    assert_true(vg_norm_postcode("M1 1AE", 6, pc));
    assert_string_equal(pc, "M1 1AE");
    assert_false(vg_norm_postcode("12345", 5, pc));
    assert_false(vg_norm_postcode("WX12 3A", 7, pc));
    assert_false(vg_norm_postcode("WX12 AAB", 8, pc));
    assert_false(vg_norm_postcode("", 0, pc));
}

static void phone_is(const char *in, const char *want)
{
    char out[20];
    bool ok = vg_norm_phone(in, strlen(in), out);
    if (!want) {
        if (ok)
            fail_msg("vg_norm_phone(\"%s\") = \"%s\", want rejection", in, out);
        return;
    }
    if (!ok || strcmp(out, want) != 0)
        fail_msg("vg_norm_phone(\"%s\") = %s, want \"%s\"", in, ok ? out : "(rejected)", want);
}

static void test_phones(void **state)
{
    (void)state;
    phone_is("07700 900123", "+447700900123");
    phone_is("07700-900-123", "+447700900123");
    phone_is("(01632) 960 001", "+441632960001");
    phone_is("+44 7700 900123", "+447700900123");
    phone_is("0044 7700 900123", "+447700900123");
    phone_is("+44 (0)7700 900123", "+447700900123");
    phone_is("020 7946 0018", "+442079460018");
    phone_is("+33 1 23 45 67 89", "+33123456789");
    phone_is("+44 (00 90000 9023", NULL); /* found by fuzzing: two trunk zeros */
    phone_is("07700 90012", NULL);          /* too short for a UK number */
    phone_is("12345", NULL);
    phone_is("not a number", NULL);
    phone_is("", NULL);
}

static void test_addresses(void **state)
{
    (void)state;
    vg_norm_address a, b;
    const char *t1 = "Flat 2, 14 High St, Wintoncester WX12 3AB", *t2 = "14 High Street Flat 2";
    vg_norm_address_text(t1, strlen(t1), &a);
    vg_norm_address_text(t2, strlen(t2), &b);
    assert_string_equal(a.flat, "2");
    assert_string_equal(a.number, "14");
    assert_string_equal(a.street, "high street");
    assert_string_equal(a.postcode, "WX12 3AB");
    assert_string_equal(b.flat, "2");
    assert_string_equal(b.number, "14");
    assert_string_equal(b.street, "high street");
    assert_string_equal(b.postcode, "");
    const char *t3 = "14a Station Rd.";
    vg_norm_address_text(t3, strlen(t3), &a);
    assert_string_equal(a.number, "14a");
    assert_string_equal(a.street, "station road");
    char st[64];
    vg_norm_street("Church Ln", 9, st);
    assert_string_equal(st, "church lane");
    vg_norm_street("The Avenue", 10, st);
    assert_string_equal(st, "the avenue");
    vg_norm_address_fields("2", "14", NULL, "High St", "wx123ab", &a);
    assert_string_equal(a.street, "high street");
    assert_string_equal(a.postcode, "WX12 3AB");
}

static void dm_is(const char *name, const char *primary, const char *alternate)
{
    char p[VG_DM_LEN + 1], a[VG_DM_LEN + 1];
    vg_double_metaphone(name, strlen(name), p, a);
    if (strcmp(p, primary) != 0 || strcmp(a, alternate) != 0)
        fail_msg("double metaphone(\"%s\") = %s/%s, want %s/%s", name, p, a, primary, alternate);
}

static void test_double_metaphone(void **state)
{
    (void)state;
    /* values from Philips' published algorithm (C++ reference implementation) */
    dm_is("smith", "SM0", "XMT");
    dm_is("schmidt", "XMT", "SMT");
    dm_is("thompson", "TMPS", "TMPS");
    dm_is("jose", "JS", "HS"); /* "Jose" alone; "Jose Maria" would be HS */
    dm_is("catherine", "K0RN", "KTRN");
    dm_is("katherine", "K0RN", "KTRN");
    dm_is("gough", "KF", "KF");
    dm_is("dumb", "TM", "TM");
    dm_is("caesar", "SSR", "SSR");
    dm_is("phillips", "FLPS", "FLPS");
    dm_is("knight", "NT", "NT");
    dm_is("jones", "JNS", "ANS");
    dm_is("mohammed", "MHMT", "MHMT");
    dm_is("muhammad", "MHMT", "MHMT");
    dm_is("", "", "");
    /* a key shorter than four letters packs the same whatever follows its NUL (the bytes
     * after it were once packed too, so "hall" met "hall" only by luck of the stack) */
    char k1[VG_DM_LEN + 1] = {'H', 'L', '\0', 'X', '\0'}, k2[VG_DM_LEN + 1] = {'H', 'L', '\0', 'Q', 'Z'};
    assert_int_equal(vg_dm_pack(k1), vg_dm_pack(k2));
    assert_int_equal(vg_dm_pack(k1), ((uint32_t)'H' << 24) | ((uint32_t)'L' << 16));
    vg_match_person a, b;
    vg_match_person_prepare(&a, NULL, "Bill", "Hall", VG_DATE_NONE, NULL, NULL, NULL, VG_GENDER_UNKNOWN);
    vg_match_person_prepare(&b, "William Hall", NULL, NULL, VG_DATE_NONE, NULL, NULL, NULL, VG_GENDER_UNKNOWN);
    assert_int_equal(a.family_dm[0], b.family_dm[0]);
    assert_int_equal(a.family_dm[1], b.family_dm[1]);
    /* the per-thread memo answers the same as the first computation */
    vg_match_person c;
    vg_match_person_prepare(&c, NULL, "Bill", "Hall", VG_DATE_NONE, NULL, NULL, NULL, VG_GENDER_UNKNOWN);
    assert_memory_equal(&a, &c, sizeof a);
    assert_string_equal(c.given, "bill");
    assert_int_not_equal(c.given_group, 0);
}

static void test_similarity(void **state)
{
    (void)state;
    assert_true(fabs(vg_jaro_winkler("martha", 6, "marhta", 6) - 0.9611) < 1e-3);
    assert_true(fabs(vg_jaro_winkler("dwayne", 6, "duane", 5) - 0.84) < 1e-3);
    assert_true(fabs(vg_jaro_winkler("dixon", 5, "dicksonx", 8) - 0.8133) < 1e-3);
    assert_true(vg_jaro_winkler("abc", 3, "abc", 3) == 1.0);
    assert_true(vg_jaro_winkler("abc", 3, "xyz", 3) == 0.0);
    assert_int_equal(vg_damerau_levenshtein("ca", 2, "abc", 3), 2); /* unrestricted: transpose then insert */
    assert_int_equal(vg_damerau_levenshtein("kitten", 6, "sitting", 7), 3);
    assert_int_equal(vg_damerau_levenshtein("smith", 5, "smtih", 5), 1);
    assert_int_equal(vg_damerau_levenshtein("", 0, "abc", 3), 3);
    /* code points, not bytes: one accented letter is one edit */
    assert_int_equal(vg_damerau_levenshtein("zo\u00eb", 4, "zoe", 3), 1);
    assert_true(vg_edit_within("smith", 5, "smtih", 5, 1));
    assert_true(vg_edit_within("smith", 5, "smyth", 5, 1));
    assert_false(vg_edit_within("smith", 5, "smythe", 6, 1));
    assert_true(vg_edit_within("smith", 5, "smythe", 6, 2));
    assert_false(vg_edit_within("kitten", 6, "sitting", 7, 2));
    assert_true(vg_edit_within("kitten", 6, "sitting", 7, 3));
    assert_false(vg_edit_within("ab", 2, "abcd", 4, 1));
    /* the banded check agrees with the full distance on random short strings */
    vg_rng r;
    vg_rng_seed(&r, 7);
    int gaps = 0, checks = 0;
    for (int i = 0; i < 20000; i++) {
        char a[8], b[8];
        int la = 1 + (int)vg_rng_below(&r, 6), lb = 1 + (int)vg_rng_below(&r, 6);
        for (int k = 0; k < la; k++)
            a[k] = (char)('a' + vg_rng_below(&r, 3));
        for (int k = 0; k < lb; k++)
            b[k] = (char)('a' + vg_rng_below(&r, 3));
        int d = vg_damerau_levenshtein(a, (size_t)la, b, (size_t)lb);
        for (int k = 0; k <= 2; k++) {
            bool within = vg_edit_within(a, (size_t)la, b, (size_t)lb, k);
            if (within) /* OSA distance >= unrestricted distance */
                assert_true(d <= k);
            else if (d <= k) /* OSA > DL: only where a transposed pair is edited again */
                gaps++;
            checks++;
        }
    }
    assert_true(gaps * 100 < checks);
}

static vg_date ymd(int y, int m, int d)
{
    vg_date out;
    assert_true(vg_date_from_ymd(y, m, d, &out));
    return out;
}

static void cmp_of(const char *n1, vg_date d1, const char *a1, const char *n2, vg_date d2, const char *a2,
                   vg_match_cmp *c)
{
    vg_match_person p, q;
    vg_match_person_prepare(&p, n1, NULL, NULL, d1, NULL, a1, NULL, VG_GENDER_UNKNOWN);
    vg_match_person_prepare(&q, n2, NULL, NULL, d2, NULL, a2, NULL, VG_GENDER_UNKNOWN);
    vg_match_compare(&p, &q, c);
}

static void test_comparison_levels(void **state)
{
    (void)state;
    vg_match_cmp c;
    vg_date d = ymd(1980, 3, 4);
    cmp_of("William Smith", d, NULL, "Bill Smith", d, NULL, &c);
    assert_int_equal(c.level[VG_MF_GIVEN], 1); /* nickname */
    assert_int_equal(c.level[VG_MF_FAMILY], 0);
    assert_int_equal(c.level[VG_MF_DOB], 0);
    cmp_of("Margaret Jones", d, NULL, "Peggy Jones", ymd(1980, 4, 3), NULL, &c);
    assert_int_equal(c.level[VG_MF_GIVEN], 1);
    assert_int_equal(c.level[VG_MF_DOB], 1); /* day and month transposed */
    cmp_of("Mohammed Khan", d, NULL, "Muhammad Khan", ymd(1981, 3, 4), NULL, &c);
    assert_true(c.level[VG_MF_GIVEN] == 1 || c.level[VG_MF_GIVEN] == 2);
    assert_int_equal(c.level[VG_MF_DOB], 2); /* one digit */
    cmp_of("John Smyth", d, NULL, "John Smith", ymd(1980, 11, 20), NULL, &c);
    assert_int_equal(c.level[VG_MF_FAMILY], 1);
    assert_int_equal(c.level[VG_MF_DOB], 3); /* year only */
    cmp_of("Smith John", d, NULL, "John Smith", VG_DATE_NONE, NULL, &c);
    assert_true(c.swapped);
    assert_int_equal(c.level[VG_MF_FAMILY], 0);
    assert_int_equal(c.level[VG_MF_GIVEN], 0);
    assert_int_equal(c.level[VG_MF_DOB], VG_LEVEL_MISSING);
    cmp_of("J Smith", d, NULL, "John Smith", d, NULL, &c);
    assert_int_equal(c.level[VG_MF_GIVEN], 4); /* initial */
    cmp_of("Anna Smith", d, "Flat 2, 14 High St WX12 3AB", "Anna Smith", d, "14 High Street Flat 2, WX12 3AB", &c);
    assert_int_equal(c.level[VG_MF_ADDRESS], 0);
    cmp_of("Anna Smith", d, "16 High St WX12 3AB", "Anna Smith", d, "14 High Street WX12 3AB", &c);
    assert_int_equal(c.level[VG_MF_ADDRESS], 1);
    cmp_of("Anna Smith", d, "16 High St WX12 3AB", "Anna Smith", d, "3 Low Road WX99 1ZZ", &c);
    assert_int_equal(c.level[VG_MF_ADDRESS], 2);
    cmp_of("Anna Smith", d, NULL, "Zoe Okonkwo", ymd(1955, 1, 1), NULL, &c);
    assert_int_equal(c.level[VG_MF_FAMILY], 3);
    assert_int_equal(c.level[VG_MF_GIVEN], 5);
    assert_int_equal(c.level[VG_MF_DOB], 4);
}

static void test_score_and_term_frequency(void **state)
{
    (void)state;
    vg_match_model m;
    vg_match_model_default(&m);
    vg_match_cmp c;
    vg_date d = ymd(1980, 3, 4);
    cmp_of("Anna Smith", d, NULL, "Anna Smith", d, NULL, &c);
    double contrib[VG_MF_COUNT];
    vg_match_tf common = {20000, 10000, 1e6}, rare = {10, 10000, 1e6}, small = {1, 1, 2};
    double p_common = vg_match_score(&m, &c, &common, contrib);
    double w_common = contrib[VG_MF_FAMILY];
    double p_rare = vg_match_score(&m, &c, &rare, contrib);
    assert_true(contrib[VG_MF_FAMILY] > w_common + 5); /* Okonkwo counts for more than Smith */
    assert_true(p_rare > p_common);
    /* in a store of two records, one Smith does not make Smith a common name */
    vg_match_score(&m, &c, &small, contrib);
    assert_true(fabs(contrib[VG_MF_FAMILY] - log2(m.m[VG_MF_FAMILY][0] / m.u[VG_MF_FAMILY][0])) < 0.5);
    double p_rare_again = vg_match_score(&m, &c, &rare, contrib);
    /* the contributions add up to the probability's log odds */
    double w = log2(m.prior / (1 - m.prior));
    for (int f = 0; f < VG_MF_COUNT; f++)
        w += contrib[f];
    assert_true(fabs(p_rare_again - exp2(w) / (1 + exp2(w))) < 1e-9);
    /* JSON round trip */
    json_t *j = vg_match_model_to_json(&m);
    vg_match_model back;
    vg_error err;
    assert_int_equal(vg_match_model_from_json(j, &back, &err), VG_OK);
    json_decref(j);
    assert_true(fabs(back.prior - m.prior) < 1e-12);
    assert_true(fabs(back.m[VG_MF_DOB][1] - m.m[VG_MF_DOB][1]) < 1e-12);
    json_t *bad = json_pack("{s:f}", "prior", 0.5);
    assert_int_equal(vg_match_model_from_json(bad, &back, &err), VG_ERR_INVALID_INPUT);
    json_decref(bad);
}

/* Draws a level from a distribution. */
static int draw(vg_rng *r, const double *p, int n)
{
    double x = vg_rng_unit(r), acc = 0;
    for (int l = 0; l < n; l++) {
        acc += p[l];
        if (x < acc)
            return l;
    }
    return n - 1;
}

static void test_em_recovers_a_known_mixture(void **state)
{
    (void)state;
    /* comparison vectors drawn from a model with known m, u and prior */
    vg_match_model truth;
    vg_match_model_default(&truth);
    truth.prior = 0.2;
    static const double tm[VG_MF_COUNT][VG_MATCH_LEVELS] = {
        {0.8, 0.1, 0.05, 0.05}, {0.6, 0.15, 0.1, 0.05, 0.05, 0.05}, {0.7, 0.1, 0.1, 0.05, 0.05},
        {0.9, 0.1}, {0.85, 0.05, 0.1}, {0.97, 0.03}};
    static const double tu[VG_MF_COUNT][VG_MATCH_LEVELS] = {
        {0.05, 0.05, 0.1, 0.8}, {0.03, 0.02, 0.05, 0.05, 0.05, 0.8}, {0.01, 0.01, 0.03, 0.1, 0.85},
        {0.01, 0.99}, {0.02, 0.08, 0.9}, {0.5, 0.5}};
    memcpy(truth.m, tm, sizeof tm);
    memcpy(truth.u, tu, sizeof tu);
    enum { N = 200000 };
    vg_match_cmp *pairs = malloc(N * sizeof *pairs), *randoms = malloc(N * sizeof *randoms);
    assert_non_null(pairs);
    assert_non_null(randoms);
    vg_rng r;
    vg_rng_seed(&r, 42);
    for (int i = 0; i < N; i++) {
        bool match = vg_rng_unit(&r) < truth.prior;
        for (int f = 0; f < VG_MF_COUNT; f++) {
            pairs[i].level[f] = (int8_t)draw(&r, match ? tm[f] : tu[f], vg_match_levels((vg_match_field)f));
            randoms[i].level[f] = (int8_t)draw(&r, tu[f], vg_match_levels((vg_match_field)f));
        }
    }
    vg_match_model est;
    vg_match_model_default(&est);
    vg_match_estimate_u(&est, randoms, N);
    for (int f = 0; f < VG_MF_COUNT; f++)
        for (int l = 0; l < vg_match_levels((vg_match_field)f); l++)
            assert_true(fabs(est.u[f][l] - tu[f][l]) < 0.01);
    bool use[VG_MF_COUNT] = {true, true, true, true, true, true};
    est.prior = 0.5;
    double prior = vg_match_em(&est, pairs, N, use, 200);
    assert_true(fabs(prior - truth.prior) < 0.01);
    for (int f = 0; f < VG_MF_COUNT; f++)
        for (int l = 0; l < vg_match_levels((vg_match_field)f); l++)
            if (fabs(est.m[f][l] - tm[f][l]) > 0.02)
                fail_msg("m[%d][%d] = %.3f, want %.3f", f, l, est.m[f][l], tm[f][l]);
    /* leaving a field out (as a blocking rule must) leaves its m alone */
    vg_match_model part = est;
    part.m[VG_MF_PHONE][0] = 0.5;
    part.m[VG_MF_PHONE][1] = 0.5;
    use[VG_MF_PHONE] = false;
    (void)vg_match_em(&part, pairs, N, use, 200);
    assert_true(part.m[VG_MF_PHONE][0] == 0.5);
    /* the floors keep every m possible and the levels summing to one */
    vg_match_model fl = est;
    fl.m[VG_MF_PHONE][0] = 1.0;
    fl.m[VG_MF_PHONE][1] = 0.0;
    vg_match_model_floor(&fl);
    assert_true(fl.m[VG_MF_PHONE][1] >= VG_MATCH_M_FLOOR_CHANGE / 1.05);
    assert_true(fabs(fl.m[VG_MF_PHONE][0] + fl.m[VG_MF_PHONE][1] - 1) < 1e-12);
    free(pairs);
    free(randoms);
}

static void add(vg_match_index *ix, int64_t id, const char *name, vg_date dob, const char *phone, const char *addr)
{
    vg_match_person p;
    vg_match_person_prepare(&p, name, NULL, NULL, dob, phone, addr, NULL, VG_GENDER_UNKNOWN);
    assert_int_equal(vg_match_index_add(ix, id, &p), VG_OK);
}

static int query(const vg_match_index *ix, const vg_match_model *m, const char *name, vg_date dob, const char *phone,
                 const char *addr, vg_match_hit *hits, int max)
{
    vg_match_person q;
    vg_match_person_prepare(&q, name, NULL, NULL, dob, phone, addr, NULL, VG_GENDER_UNKNOWN);
    return vg_match_index_query(ix, m, &q, VG_MATCH_NO_RECORD, 0.0, hits, max);
}

static void test_index_finds_variants_and_new_records(void **state)
{
    (void)state;
    vg_match_index *ix;
    assert_int_equal(vg_match_index_new(&ix), VG_OK);
    vg_rng r;
    vg_rng_seed(&r, 3);
    static const char *const given[] = {"james", "mary", "john", "patricia", "robert", "linda", "michael", "susan"};
    static const char *const family[] = {"smith", "jones", "taylor", "brown", "williams", "wilson", "johnson", "davies"};
    for (int i = 0; i < 5000; i++) { /* background population */
        char name[64];
        snprintf(name, sizeof name, "%s %s", given[vg_rng_below(&r, 8)], family[vg_rng_below(&r, 8)]);
        add(ix, 1000 + i, name, ymd(1950 + (int)vg_rng_below(&r, 50), 1 + (int)vg_rng_below(&r, 12), 1 + (int)vg_rng_below(&r, 28)),
            NULL, NULL);
    }
    add(ix, 1, "Siobhan O'Sullivan", ymd(1984, 2, 11), "07700 900111", "Flat 2, 14 High St WX12 3AB");
    assert_int_equal(vg_match_index_freeze(ix), VG_OK);
    assert_int_equal(vg_match_index_records(ix), 5001);
    assert_true(vg_match_index_bytes(ix) > 5001 * 50);
    vg_match_model m;
    vg_match_model_default(&m);
    vg_match_hit hits[10];
    /* spelt differently, swapped, day and month transposed, phone written another way */
    int n = query(ix, &m, "OSULLIVAN, Shiv", ymd(1984, 11, 2), "+44 7700 900111", NULL, hits, 10);
    assert_true(n >= 1);
    assert_int_equal(hits[0].person_id, 1);
    n = query(ix, &m, "Siobhan O'Sulivan", VG_DATE_NONE, NULL, "14 High Street Flat 2, WX12 3AB", hits, 10);
    assert_true(n >= 1);
    assert_int_equal(hits[0].person_id, 1);
    /* a record added after the freeze is found at once */
    add(ix, 2, "Chukwuemeka Okonkwo", ymd(1990, 6, 1), NULL, NULL);
    n = query(ix, &m, "Chukwuemeka Okonkwo", ymd(1990, 6, 1), NULL, NULL, hits, 10);
    assert_true(n >= 1);
    assert_int_equal(hits[0].person_id, 2);
    assert_true(hits[0].probability > 0.999);
    /* the same name, another date of birth and address: a weak candidate at best */
    add(ix, 3, "Chukwuemeka Okonkwo", ymd(1971, 12, 30), NULL, "3 Low Road WX99 1ZZ");
    n = query(ix, &m, "Chukwuemeka Okonkwo", ymd(1990, 6, 1), NULL, "7 Mill Lane WX10 2CD", hits, 10);
    assert_int_equal(hits[0].person_id, 2);
    for (int i = 1; i < n; i++)
        if (hits[i].person_id == 3)
            assert_true(hits[i].probability < hits[0].probability);
    vg_match_index_free(ix);
}

/* The place index: an address found again however it is written, a place without one by
 * position within 25 m and not beyond, an address that pins down no place not indexed. */
static void test_places(void **state)
{
    (void)state;
    vg_match_places *p;
    assert_int_equal(vg_match_places_new(&p), VG_OK);
    vg_norm_address a, b, c;
    vg_norm_address_text("Flat 2, 14 High Street, Wintoncester WN1 2AB", 44, &a);
    const char *other = "flat 2 14 high st wn12ab";
    vg_norm_address_text(other, strlen(other), &b);
    vg_norm_address_text("High Street", 11, &c);
    char ka[200], kb[200], kc[200];
    vg_match_address_key(&a, ka, sizeof ka);
    vg_match_address_key(&b, kb, sizeof kb);
    vg_match_address_key(&c, kc, sizeof kc);
    assert_true(ka[0] != '\0');
    assert_string_equal(ka, kb);
    assert_string_equal(kc, ""); /* no house: no one place */
    assert_int_equal(vg_match_places_add_address(p, ka, 7), VG_OK);
    assert_int_equal(vg_match_places_find(p, kb), 7);
    assert_int_equal(vg_match_places_find(p, ""), 0);
    /* a park at 51.0, -1.3; 20 m north is it, 40 m is not */
    assert_int_equal(vg_match_places_add_point(p, 9, 51.0, -1.3), VG_OK);
    assert_int_equal(vg_match_places_near(p, 51.0 + 20.0 / 111195.0, -1.3), 9);
    assert_int_equal(vg_match_places_near(p, 51.0 + 40.0 / 111195.0, -1.3), 0);
    for (int i = 0; i < 3000; i++) /* growth, and cells shared by many */
        assert_int_equal(vg_match_places_add_point(p, 100 + i, 52.0 + (i % 50) * 1e-5, -1.0), VG_OK);
    assert_true(vg_match_places_near(p, 52.0, -1.0) >= 100);
    vg_match_places_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_places),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_postcodes),
        cmocka_unit_test(test_phones),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_double_metaphone),
        cmocka_unit_test(test_similarity),
        cmocka_unit_test(test_comparison_levels),
        cmocka_unit_test(test_score_and_term_frequency),
        cmocka_unit_test(test_em_recovers_a_known_mixture),
        cmocka_unit_test(test_index_finds_variants_and_new_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
