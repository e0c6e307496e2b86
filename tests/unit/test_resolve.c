/* test_resolve.c - resolved persons: which dates of birth mistakes explain, no chaining
 * through a record that resembles two people, aliases kept together, the scores, the
 * same persons whatever the number of threads, and the use case (operator only,
 * audited, stored, every record once) on the synthetic force scored against its truth. */
#include "testutil_service.h"

#include "base/alloc.h"
#include "match/candidates.h"
#include "match/resolve.h"
#include "store/store.h"

#include <math.h>
#include <sqlite3.h>

static vg_date ymd(int y, int m, int d)
{
    vg_date x;
    assert_true(vg_date_from_ymd(y, m, d, &x));
    return x;
}

static void test_identity_agrees(void **state)
{
    (void)state;
    const uint8_t M = VG_GENDER_MALE, F = VG_GENDER_FEMALE, U = VG_GENDER_UNKNOWN;
    vg_date d = ymd(1980, 3, 12);
    assert_true(vg_match_identity_agrees(d, M, d, M));
    assert_true(vg_match_identity_agrees(d, M, VG_DATE_NONE, U));
    assert_true(vg_match_identity_agrees(d, M, ymd(1980, 12, 3), U)); /* day and month transposed */
    assert_true(vg_match_identity_agrees(d, M, ymd(1980, 3, 13), M)); /* one digit */
    assert_true(vg_match_identity_agrees(ymd(1989, 6, 1), M, ymd(1990, 6, 1), M)); /* a year out */
    /* each record one slip from the true date: 1980-03-13 and 1981-03-12 */
    assert_true(vg_match_identity_agrees(ymd(1980, 3, 13), M, ymd(1981, 3, 12), M));
    assert_true(vg_match_identity_agrees(ymd(1980, 12, 3), U, ymd(1980, 3, 13), U));
    /* conflicts: another sex, or dates no two slips explain */
    assert_false(vg_match_identity_agrees(d, M, d, F));
    assert_false(vg_match_identity_agrees(d, M, ymd(1955, 7, 20), M));
    assert_false(vg_match_identity_agrees(d, U, ymd(1980, 7, 25), U));
    assert_false(vg_match_identity_agrees(ymd(1962, 4, 2), U, ymd(1992, 11, 30), U));
}

/* An index of hand-made records: person_id, given, family, dob, phone, address, sex. */
typedef struct rec {
    int64_t person;
    const char *given, *family;
    vg_date dob;
    const char *phone, *address;
    vg_gender gender;
} rec;

static vg_match_index *index_of(const rec *r, size_t n)
{
    vg_match_index *ix;
    assert_int_equal(vg_match_index_new(&ix), VG_OK);
    for (size_t i = 0; i < n; i++) {
        vg_match_person p;
        vg_match_person_prepare(&p, NULL, r[i].given, r[i].family, r[i].dob, r[i].phone, r[i].address, NULL,
                                r[i].gender);
        assert_int_equal(vg_match_index_add(ix, r[i].person, &p), VG_OK);
    }
    assert_int_equal(vg_match_index_freeze(ix), VG_OK);
    return ix;
}

static void test_no_chaining(void **state)
{
    (void)state;
    const char *phone = "07700 900123", *home = "14 Rosenthal Street, Irvingdale IR4 7QT";
    /* a father and his son share name, phone and address; a third record of "him" has no
     * date of birth and resembles both. A fourth is the father again, a date mistyped. */
    const rec r[] = {
        {1, "Gerald", "Coxon", ymd(1931, 5, 17), phone, home, VG_GENDER_MALE},
        {2, "Gerald", "Coxon", VG_DATE_NONE, phone, home, VG_GENDER_MALE},
        {3, "Gerald", "Coxon", ymd(1968, 9, 2), phone, home, VG_GENDER_MALE},
        {4, "Gerald", "Coxon", ymd(1931, 5, 18), phone, home, VG_GENDER_MALE},
        {5, "Gerald", "Coxon", ymd(1931, 5, 17), phone, home, VG_GENDER_FEMALE},
    };
    vg_match_index *ix = index_of(r, 5);
    vg_match_model m;
    vg_match_model_default(&m);
    int64_t got[5];
    vg_resolve_stats st;
    assert_int_equal(vg_match_resolve(ix, &m, 0.99998, 2, got, &st), VG_OK);
    assert_int_equal(st.records, 5);
    assert_true(got[0] != got[2]);                /* father and son stay apart */
    assert_true(got[1] == got[0] || got[1] == got[2]); /* the record without a date joins one */
    assert_int_equal(got[3], got[0]);              /* a mistyped date is still the father */
    assert_true(got[4] != got[0] && got[4] != got[2]); /* another sex is another person */
    assert_true(st.refused > 0);
    assert_int_equal(got[0], 1); /* a person's id is its smallest record id */
    vg_match_index_free(ix);
}

/* People's decisions over the model: father and son said to be one (it happens: a record
 * was entered under the wrong date), the mistyped father said to be another; a subset
 * clustered among itself; the pairs the model is unsure of, for review. */
static void test_decisions_subset_review(void **state)
{
    (void)state;
    const char *phone = "07700 900123", *home = "14 Rosenthal Street, Irvingdale IR4 7QT";
    const rec r[] = {
        {1, "Gerald", "Coxon", ymd(1931, 5, 17), phone, home, VG_GENDER_MALE},
        {2, "Gerald", "Coxon", VG_DATE_NONE, phone, home, VG_GENDER_MALE},
        {3, "Gerald", "Coxon", ymd(1968, 9, 2), phone, home, VG_GENDER_MALE},
        {4, "Gerald", "Coxon", ymd(1931, 5, 18), phone, home, VG_GENDER_MALE},
        {6, "Geraldine", "Coxon", ymd(1931, 5, 17), NULL, NULL, VG_GENDER_UNKNOWN},
    };
    vg_match_index *ix = index_of(r, 5);
    vg_match_model m;
    vg_match_model_default(&m);
    int64_t got[5];
    vg_resolve_stats st;
    const vg_match_link links[] = {{1, 3, true}, {1, 4, false}};
    vg_resolve_input in = {.threshold = 0.99998, .threads = 2, .links = links, .n_links = 2};
    assert_int_equal(vg_match_resolve_with(ix, &m, &in, got, &st, NULL, NULL), VG_OK);
    assert_int_equal(got[0], got[2]); /* said to be one */
    assert_true(got[3] != got[0]);    /* said not to be */
    /* a subset: the others are left out (-1), and a link to outside it is not followed */
    const int64_t subset[] = {3, 4};
    vg_resolve_input sub = {.threshold = 0.99998, .threads = 1, .links = links, .n_links = 2, .subset = subset,
                            .n_subset = 2};
    assert_int_equal(vg_match_resolve_with(ix, &m, &sub, got, &st, NULL, NULL), VG_OK);
    assert_int_equal(got[0], -1);
    assert_int_equal(got[1], -1);
    assert_int_equal(got[4], -1);
    assert_true(got[2] == 3 && got[3] == 4); /* father (mistyped) and son: kept apart by their dates */
    /* review: every pair below the threshold in two persons, each once, strongest first */
    vg_review_pair *rv;
    size_t nr;
    vg_resolve_input all = {.threshold = 0.99998, .review_threshold = 0.01, .threads = 2};
    assert_int_equal(vg_match_resolve_with(ix, &m, &all, got, &st, &rv, &nr), VG_OK);
    for (size_t i = 0; i < nr; i++) {
        assert_true(rv[i].a < rv[i].b);
        assert_true(rv[i].probability >= 0.01 && rv[i].probability < 0.99998);
        assert_true(i == 0 || rv[i - 1].probability >= rv[i].probability);
        int ia = -1, ib = -1;
        for (int k = 0; k < 5; k++) {
            ia = r[k].person == rv[i].a ? k : ia;
            ib = r[k].person == rv[i].b ? k : ib;
        }
        assert_true(ia >= 0 && ib >= 0 && got[ia] != got[ib]);
    }
    vg_free(rv);
    vg_match_index_free(ix);
}

static void test_aliases_are_one_person(void **state)
{
    (void)state;
    /* a record and its alias, whatever the alias says, and someone unrelated */
    const rec r[] = {
        {7, "Aidan", "Horsley", ymd(1916, 10, 4), NULL, NULL, VG_GENDER_MALE},
        {7, "Aiden", "Horsely", ymd(1961, 4, 10), NULL, NULL, VG_GENDER_MALE},
        {9, "Mary", "Quince", ymd(1990, 1, 2), NULL, NULL, VG_GENDER_FEMALE},
    };
    vg_match_index *ix = index_of(r, 3);
    vg_match_model m;
    vg_match_model_default(&m);
    int64_t got[3];
    vg_resolve_stats st;
    assert_int_equal(vg_match_resolve(ix, &m, 0.99998, 1, got, &st), VG_OK);
    assert_int_equal(got[0], 7);
    assert_int_equal(got[1], 7);
    assert_int_equal(got[2], 9);
    assert_int_equal(st.persons, 2);
    vg_match_index_free(ix);
}

static void test_scores(void **state)
{
    (void)state;
    /* worked by hand: cells (1,1)x2 (2,1) (2,2) (3,2); predicted pairs 2, true pairs 4,
     * correct 1; B-cubed precision (4/2 + 1/2 + 1/2 + 1/1) / 5, recall (4/3 + 1/3 + 1/2 + 1/2) / 5 */
    const int64_t pred[] = {1, 1, 2, 2, 3}, truth[] = {1, 1, 1, 2, 2};
    vg_cluster_score s;
    assert_int_equal(vg_match_cluster_score(pred, truth, 5, &s), VG_OK);
    assert_int_equal(s.predicted_pairs, 2);
    assert_int_equal(s.true_pairs, 4);
    assert_int_equal(s.correct_pairs, 1);
    assert_true(fabs(s.pair_precision - 0.5) < 1e-12);
    assert_true(fabs(s.pair_recall - 0.25) < 1e-12);
    assert_true(fabs(s.bcubed_precision - 0.8) < 1e-12);
    assert_true(fabs(s.bcubed_recall - (8.0 / 3.0) / 5.0) < 1e-12);
    /* perfect */
    assert_int_equal(vg_match_cluster_score(truth, truth, 5, &s), VG_OK);
    assert_true(s.pair_precision == 1.0 && s.pair_recall == 1.0 && s.bcubed_f1 == 1.0);
}

/* ---- on the synthetic force, through the use case */

static vg_actor op;

typedef struct labels {
    int64_t *truth, *pred;
    size_t n, cap;
    int64_t max_truth_id;
} labels;

static vg_id a_merged_record, its_person; /* a record in a person of several, not the first */

static vg_err cluster_seen(void *ctx, vg_id record, vg_id person, const char *source_id)
{
    (void)source_id;
    if (!a_merged_record && record != person) {
        a_merged_record = record;
        its_person = person;
    }
    labels *l = ctx;
    if (vg_grow((void **)&l->pred, &l->cap, l->n + 1, sizeof *l->pred, 1024))
        return VG_ERR_NOMEM;
    l->pred[l->n] = person;
    l->n++;
    (void)record;
    return VG_OK;
}

static void test_synthetic_force(void **state)
{
    (void)state;
    char path[300];
    vg_service *svc = tu_open_service(path, sizeof path, "resolve", &op);
    vg_error err;
    vg_synth_options o;
    vg_synth_options_default(&o);
    o.scale = 0.03;
    vg_synth_report rep;
    assert_int_equal(vg_service_synth(svc, &op, &o, &rep, &err), VG_OK);
    vg_match_train_report tr;
    assert_int_equal(vg_service_match_train(svc, &op, &tr, &err), VG_OK);
    /* the operator only */
    vg_actor ch = op;
    ch.role = VG_UR_CALL_HANDLER;
    ch.user_id = 99;
    snprintf(ch.username, sizeof ch.username, "ch");
    vg_match_resolve_report rr;
    assert_int_equal(vg_service_match_resolve(svc, &ch, &rr, &err), VG_ERR_FORBIDDEN);
    labels l = {0};
    assert_int_equal(vg_service_match_clusters(svc, &ch, cluster_seen, &l, &err), VG_ERR_FORBIDDEN);
    assert_int_equal(l.n, 0);
    vg_persons_import pi; /* new nominal records and a resolve of the whole store: the operator's */
    vg_actor an = ch;
    an.role = VG_UR_ANALYST; /* who may import open data, not persons */
    assert_int_equal(vg_service_import_persons(svc, &an, "tests/data/persons/legacy.csv", "source_id=1,family=2", &pi, &err),
                     VG_ERR_FORBIDDEN);
    assert_int_equal(vg_service_match_resolve(svc, &op, &rr, &err), VG_OK);
    assert_true(rr.records > 5000 && rr.persons < rr.records && rr.merged > 0);
    assert_int_equal(vg_service_match_clusters(svc, &op, cluster_seen, &l, &err), VG_OK);
    assert_int_equal(l.n, rr.records); /* every person record once */
    /* this process's first contact sees the new persons at once (read again, not rebuilt) */
    assert_true(a_merged_record > 0);
    vg_lookup_request lq = {.dob = VG_DATE_NONE, .at = vg_time_now(), .category = VG_CAT_ASB_PERSONAL,
                            .role = VG_ROLE_VICTIM, .max = 10};
    char given[VG_NAME_MAX], family[VG_NAME_MAX];
    vg_store *rd;
    assert_int_equal(vg_store_open(path, VG_STORE_OPEN_EXISTING, &rd, &err), VG_OK);
    assert_int_equal(vg_store_person_name(rd, a_merged_record, given, sizeof given, family, sizeof family, &lq.dob, &err),
                     VG_OK);
    vg_store_close(rd);
    lq.given = given;
    lq.family = family;
    vg_lookup_result *lr = malloc(sizeof *lr);
    assert_int_equal(vg_service_lookup(svc, &op, &lq, lr, &err), VG_OK);
    bool seen = false;
    for (size_t i = 0; i < lr->n; i++)
        seen |= lr->cand[i].resolved_id == its_person && lr->cand[i].n_records > 1;
    assert_true(seen);
    free(lr);
    vg_service_close(svc);
    /* the truth, in record order as the clusters came */
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT coalesce(t.truth_id, -p.id) FROM person p LEFT JOIN synth_truth t "
                                        "ON t.kind = 'person' AND t.record_id = p.id ORDER BY p.id",
                                        -1, &q, NULL),
                     SQLITE_OK);
    l.truth = calloc(l.n, sizeof *l.truth);
    size_t k = 0;
    while (sqlite3_step(q) == SQLITE_ROW && k < l.n)
        l.truth[k++] = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    int persons_stored = 0;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(DISTINCT coalesce(r.resolved_id, p.id)) FROM person p "
                                            "LEFT JOIN person_resolved r ON r.person_id = p.id",
                                        -1, &q, NULL),
                     SQLITE_OK);
    if (sqlite3_step(q) == SQLITE_ROW)
        persons_stored = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    int audited = 0;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM audit_log WHERE action = 'combine' AND what LIKE "
                                            "'resolved persons: %'",
                                        -1, &q, NULL),
                     SQLITE_OK);
    if (sqlite3_step(q) == SQLITE_ROW)
        audited = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    assert_int_equal(k, l.n);
    assert_int_equal(persons_stored, (int)rr.persons);
    assert_int_equal(audited, 1);
    vg_cluster_score s;
    assert_int_equal(vg_match_cluster_score(l.pred, l.truth, l.n, &s), VG_OK);
    print_message("synthetic force at scale 0.03: %zu records, %zu persons; pairwise precision %.4f recall %.4f, "
                  "B-cubed F1 %.4f\n",
                  rr.records, rr.persons, s.pair_precision, s.pair_recall, s.bcubed_f1);
    assert_true(s.true_pairs > 1000);
    assert_true(s.pair_precision >= 0.99);
    assert_true(s.pair_recall >= 0.99);
    assert_true(s.bcubed_f1 >= 0.99);
    free(l.truth);
    vg_free(l.pred);
    tu_remove_db(path);
}

static vg_err add_brief(void *ctx, const vg_person_brief *b)
{
    vg_norm_address a;
    vg_norm_address_fields(b->flat, b->number, b->building, b->street, b->postcode, &a);
    vg_match_person p;
    vg_match_person_prepare(&p, NULL, b->given, b->family, b->dob, b->phone, NULL, &a, b->gender);
    return vg_match_index_add(ctx, b->id, &p);
}

static void test_threads_do_not_change_the_persons(void **state)
{
    (void)state;
    char path[300];
    vg_service *svc = tu_open_service(path, sizeof path, "resolve-threads", &op);
    vg_error err;
    vg_synth_options o;
    vg_synth_options_default(&o);
    o.scale = 0.01;
    o.seed = 7;
    vg_synth_report rep;
    assert_int_equal(vg_service_synth(svc, &op, &o, &rep, &err), VG_OK);
    vg_service_close(svc);
    vg_store *st;
    assert_int_equal(vg_store_open(path, VG_STORE_OPEN_EXISTING, &st, &err), VG_OK);
    vg_match_index *ix;
    assert_int_equal(vg_match_index_new(&ix), VG_OK);
    assert_int_equal(vg_store_persons_brief_each(st, add_brief, ix, &err), VG_OK);
    assert_int_equal(vg_match_index_freeze(ix), VG_OK);
    vg_store_close(st);
    size_t n = vg_match_index_records(ix);
    vg_match_model m;
    vg_match_model_default(&m);
    int64_t *one = calloc(n, sizeof *one), *three = calloc(n, sizeof *three);
    vg_resolve_stats s1, s3;
    assert_int_equal(vg_match_resolve(ix, &m, 0.99998, 1, one, &s1), VG_OK);
    assert_int_equal(vg_match_resolve(ix, &m, 0.99998, 3, three, &s3), VG_OK);
    assert_true(s1.merges > 0);
    assert_int_equal(s1.edges, s3.edges);
    assert_int_equal(s1.persons, s3.persons);
    assert_memory_equal(one, three, n * sizeof *one);
    free(one);
    free(three);
    vg_match_index_free(ix);
    tu_remove_db(path);
}

/* Candidates are persons, each once, through its best record the reader may see; the
 * briefing draws on every record of the person taken, and of another person at the
 * threshold only if its identity agrees. */
static bool not_record_2(void *ctx, int64_t record)
{
    (void)ctx;
    return record != 2;
}

static void test_candidates_are_persons(void **state)
{
    (void)state;
    const char *phone = "07700 900123", *home = "14 Rosenthal Street, Irvingdale IR4 7QT";
    const rec r[] = {
        {1, "Gerald", "Coxon", ymd(1931, 5, 17), phone, home, VG_GENDER_MALE},
        {2, "Gerald", "Coxon", ymd(1931, 5, 17), phone, home, VG_GENDER_MALE}, /* person 1 again */
        {3, "Gerald", "Coxon", ymd(1931, 5, 18), NULL, NULL, VG_GENDER_MALE},  /* person 1, a slip */
        {4, "Gerald", "Coxon", ymd(1968, 9, 2), phone, home, VG_GENDER_MALE},  /* his son */
        {5, "Gerald", "Coxon", ymd(1968, 9, 2), NULL, NULL, VG_GENDER_MALE},   /* the son again */
    };
    vg_match_index *ix = index_of(r, 5);
    vg_match_model m;
    vg_match_model_default(&m);
    vg_match_persons *persons;
    assert_int_equal(vg_match_persons_new(&persons), VG_OK);
    const int64_t who[] = {1, 1, 1, 4, 4};
    for (int64_t i = 0; i < 5; i++)
        assert_int_equal(vg_match_persons_add(persons, i + 1, who[i]), VG_OK);
    assert_int_equal(vg_match_persons_freeze(persons), VG_OK);
    vg_match_person q;
    vg_match_person_prepare(&q, NULL, "Gerald", "Coxon", ymd(1931, 5, 17), phone, home, NULL, VG_GENDER_MALE);
    vg_candidate c[8];
    size_t n = vg_match_candidates(ix, &m, persons, &q, NULL, NULL, c, 8);
    assert_int_equal(n, 2); /* two persons, not five records */
    assert_int_equal(c[0].resolved_id, 1);
    assert_int_equal(c[0].n_records, 3);
    assert_int_equal(c[1].resolved_id, 4);
    assert_true(c[0].probability >= c[1].probability);
    /* a reader who may not see record 2 still finds person 1, through another record */
    size_t n2 = vg_match_candidates(ix, &m, persons, &q, not_record_2, NULL, c, 8);
    assert_int_equal(n2, 2);
    assert_int_equal(c[0].resolved_id, 1);
    assert_true(c[0].person_id != 2);
    /* the briefing: person 1's records (the hidden one left out), never the son's, even
     * with a threshold both pass: their dates of birth conflict */
    n = n2;
    int64_t *ids;
    size_t n_ids;
    assert_int_equal(vg_match_briefing_records(persons, c, n, 0.0, false, not_record_2, NULL, &ids, &n_ids), VG_OK);
    bool has[6] = {false};
    for (size_t i = 0; i < n_ids; i++)
        has[ids[i]] = true;
    assert_int_equal(n_ids, 2);
    assert_true(has[1] && has[3] && !has[2]);
    assert_false(has[4] || has[5]);
    vg_free(ids);
    /* below the threshold nothing is taken, unless the call handler chose the first */
    assert_int_equal(vg_match_briefing_records(persons, c, n, 1.1, false, NULL, NULL, &ids, &n_ids), VG_OK);
    assert_int_equal(n_ids, 0);
    vg_free(ids);
    assert_int_equal(vg_match_briefing_records(persons, c + 1, 1, 1.1, true, NULL, NULL, &ids, &n_ids), VG_OK);
    assert_int_equal(n_ids, 2); /* the son's two records */
    vg_free(ids);
    vg_match_persons_free(persons);
    vg_match_index_free(ix);
}

int main(void)
{
    vg_actor_operator(&op, "test", NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity_agrees),
        cmocka_unit_test(test_no_chaining),
        cmocka_unit_test(test_candidates_are_persons),
        cmocka_unit_test(test_decisions_subset_review),
        cmocka_unit_test(test_aliases_are_one_person),
        cmocka_unit_test(test_scores),
        cmocka_unit_test(test_synthetic_force),
        cmocka_unit_test(test_threads_do_not_change_the_persons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
