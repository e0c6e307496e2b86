/* test_intel.c - the intelligence use cases over a real store (a small synthetic force):
 * the daily review, repeats and trends, each with every allocation failed in turn (an
 * error or a whole answer, never a leak), and the review's actions. */
#include "testutil.h"

#include "base/alloc.h"
#include "service/service.h"

#include <stdlib.h>
#include <string.h>

static vg_service *svc;
static vg_actor op;
static vg_id area;
static vg_date day;

static int setup(void **state)
{
    (void)state;
    char path[256];
    tu_temp_path(path, sizeof path, "intel");
    vg_error err;
    if (vg_service_open(path, VG_SERVICE_CREATE, &svc, &err))
        return -1;
    vg_synth_options o;
    vg_synth_options_default(&o);
    o.scale = 0.01;
    o.seed = 4;
    vg_synth_report rep;
    vg_actor_operator(&op, "test", NULL);
    if (vg_service_synth(svc, &op, &o, &rep, &err))
        return -1;
    vg_area_ref ref;
    if (vg_service_area_find(svc, &op, "WXN00001", &ref, &err))
        return -1;
    area = ref.id;
    return vg_date_from_ymd(2014, 6, 30, &day) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    vg_service_close(svc);
    return 0;
}

typedef vg_err (*use_case)(json_t **out, vg_error *err);

static vg_err briefing(json_t **out, vg_error *err) { return vg_service_briefing(svc, &op, area, day, out, err); }
static vg_err repeats(json_t **out, vg_error *err) { return vg_service_repeats(svc, &op, 0, day - 90, day, 2, 20, out, err); }
static vg_err trends(json_t **out, vg_error *err) { return vg_service_trends(svc, &op, 0, day - 1, true, out, err); }

/* Fails allocation n for each n (a stride keeps it quick): every run ends in a whole
 * answer or an error (NOMEM, a store error, or PROJ's "cannot build" when its own SQLite
 * failed), never a crash (the sanitizer build runs this too). Blocks left live cannot be
 * told apart from SQLite's and PROJ's connection caches, which allocate through Vigil's
 * allocator and may change after a failure; so the test bounds the growth over the whole
 * walk: a path of ours that leaked on failure would add up over hundreds of runs. */
static void walk(use_case run, const char *what)
{
    json_t *j;
    vg_error err;
    uint64_t calls0 = vg_alloc_calls();
    assert_int_equal(run(&j, &err), VG_OK);
    json_decref(j);
    int64_t live = vg_alloc_live();
    uint64_t per_run = vg_alloc_calls() - calls0, stride = per_run / 300 + 1;
    int failed = 0, runs = 0;
    const char *only = getenv("VIGIL_FAIL_AT"); /* debugging: just this allocation */
    for (uint64_t n = only ? strtoull(only, NULL, 10) : 1; n <= per_run + 2; n += only ? per_run + 3 : stride) {
        vg_alloc_fail_at(n);
        vg_err e = run(&j, &err);
        vg_alloc_fail_at(0);
        runs++;
        if (e == VG_OK) {
            json_decref(j);
            continue;
        }
        bool proj = e == VG_ERR_INTERNAL && strcmp(err.where, "geo") == 0;
        if (e != VG_ERR_NOMEM && e != VG_ERR_STORE && !proj)
            fail_msg("%s, allocation %llu: %s (%s: %s)", what, (unsigned long long)n, vg_strerror(e), err.where, err.why);
        failed++;
    }
    assert_int_equal(run(&j, &err), VG_OK);
    json_decref(j);
    int64_t grown = vg_alloc_live() - live;
    print_message("%s: %d runs, %d failed cleanly, %lld blocks more live at the end\n", what, runs, failed, (long long)grown);
    if (grown > 64)
        fail_msg("%s: %lld blocks more live after %d runs with a failed allocation", what, (long long)grown, runs);
    assert_true(failed > 0);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    walk(briefing, "daily review");
    walk(repeats, "repeats");
    walk(trends, "trends");
}

/* the synthetic force names the force's agency after itself (a new store calls it "The force") */
static void test_force_named(void **state)
{
    (void)state;
    vg_agency ag[16];
    size_t n = 0;
    vg_error err;
    assert_int_equal(vg_service_agency_list(svc, &op, ag, 16, &n, &err), VG_OK);
    bool named = false;
    for (size_t i = 0; i < n && i < 16; i++)
        named |= !strcmp(ag[i].code, "force") && !strcmp(ag[i].name, "Wessex Constabulary");
    assert_true(named);
}

static void test_review_shape(void **state)
{
    (void)state;
    json_t *j;
    vg_error err;
    assert_int_equal(briefing(&j, &err), VG_OK);
    static const char *const keys[] = {"area", "date", "new", "victims", "repeat_locations", "near_repeat", "hotspots",
                                       "trend_exceptions", "safety_net_actions", "actions"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        if (!json_object_get(j, keys[k]))
            fail_msg("the review has no %s", keys[k]);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "area"), "code")), "WXN00001");
    json_t *n = json_object_get(json_object_get(j, "new"), "last_7_days");
    assert_true(json_integer_value(json_object_get(n, "incidents")) + json_integer_value(json_object_get(n, "crimes")) > 0);
    /* each hotspot named by its nearest street (the synthetic addresses all have one), near it */
    json_t *hot = json_object_get(j, "hotspots"), *it;
    assert_true(json_array_size(hot) > 0);
    size_t i;
    json_array_foreach(hot, i, it) {
        assert_true(json_string_length(json_object_get(it, "near")) > 0);
        assert_true(json_integer_value(json_object_get(it, "near_m")) <= 250);
    }
    json_decref(j);
}

static void test_actions(void **state)
{
    (void)state;
    vg_error err;
    vg_user u;
    assert_int_equal(vg_service_user_add(svc, &op, "pc_lee", VG_UR_RESPONSE_OFFICER, "force", "a long password", &u, NULL, &err),
                     VG_OK);
    vg_date due = vg_time_date(vg_time_now()) + 7;
    vg_id id;
    assert_int_equal(vg_service_tasking_add(svc, &op, area, "Speak to the shop about its CCTV", "pc_lee", due, &id, &err),
                     VG_OK);
    assert_int_equal(vg_service_tasking_add(svc, &op, area, "", "pc_lee", due, &id, &err), VG_ERR_INVALID_INPUT);
    assert_string_equal(err.where, "text");
    assert_int_equal(vg_service_tasking_add(svc, &op, area, "x", "nobody", due, &id, &err), VG_ERR_INVALID_INPUT);
    assert_string_equal(err.where, "owner");
    json_t *j;
    assert_int_equal(briefing(&j, &err), VG_OK);
    json_t *a = json_array_get(json_object_get(j, "actions"), 0);
    assert_string_equal(json_string_value(json_object_get(a, "owner")), "pc_lee");
    assert_true(json_is_null(json_object_get(a, "closed_at")));
    vg_id first = (vg_id)json_integer_value(json_object_get(a, "id"));
    json_decref(j);
    assert_int_equal(vg_service_tasking_close(svc, &op, first, "Footage kept for 28 days", &err), VG_OK);
    assert_int_equal(vg_service_tasking_close(svc, &op, first, "again", &err), VG_ERR_NOT_FOUND);
    /* a partner cannot see the review */
    vg_actor partner = op;
    partner.role = VG_UR_PARTNER_MANAGER;
    partner.police = false;
    assert_int_equal(vg_service_briefing(svc, &partner, area, day, &j, &err), VG_ERR_FORBIDDEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_review_shape),
        cmocka_unit_test(test_force_named),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_actions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
