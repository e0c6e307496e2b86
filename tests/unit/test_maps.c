/* test_maps.c - the analyst's map: the convex hull used for area outlines, and the
 * incidents-and-hotspots view over a real store (grid counts, categories, the period). */
#include "testutil.h"

#include "base/alloc.h"
#include "io/contact_json.h"
#include "service/service.h"

size_t vg_convex_hull(double (*pts)[2], size_t n, double (*out)[2]);

static void test_hull(void **state)
{
    (void)state;
    /* a square with points inside and on its edges: the four corners only */
    double pts[][2] = {{0, 0}, {1, 1}, {0.5, 0.5}, {0, 1}, {1, 0}, {0.2, 0.7}, {0.5, 0}, {1, 0.5}};
    double out[16][2];
    size_t k = vg_convex_hull(pts, 8, out);
    assert_int_equal(k, 4);
    bool corner[4] = {false};
    for (size_t i = 0; i < k; i++) {
        assert_true((out[i][0] == 0 || out[i][0] == 1) && (out[i][1] == 0 || out[i][1] == 1));
        corner[(int)out[i][0] * 2 + (int)out[i][1]] = true;
    }
    assert_true(corner[0] && corner[1] && corner[2] && corner[3]);
    double two[][2] = {{3, 4}, {1, 2}};
    assert_int_equal(vg_convex_hull(two, 2, out), 2);
}

static void record(vg_service *svc, const vg_actor *op, const char *when, const char *cat, double lat, double lon)
{
    char json[300];
    snprintf(json, sizeof json, "{\"received\":\"%s\",\"category\":\"%s\",\"location\":{\"lat\":%.6f,\"lon\":%.6f}}", when,
             cat, lat, lon);
    vg_incident_draft *d;
    size_t n;
    vg_error err;
    assert_int_equal(vg_incident_drafts_parse(json, strlen(json), "t", &d, &n, &err), VG_OK);
    vg_briefing b;
    if (vg_service_record_incidents(svc, op, d, n, &b, &err))
        fail_msg("%s: %s", err.where, err.why);
    vg_incident_drafts_free(d, n);
}

static void test_map_counts(void **state)
{
    (void)state;
    char path[256];
    tu_temp_path(path, sizeof path, "maps");
    vg_service *svc;
    vg_error err;
    assert_int_equal(vg_service_open(path, VG_SERVICE_CREATE, &svc, &err), VG_OK);
    vg_actor op;
    vg_actor_operator(&op, "test", NULL);
    /* two incidents 30 m apart (one 250 m cell), one 2 km away, one outside the period */
    record(svc, &op, "2014-03-01T10:00:00Z", "crime", 51.0600, -1.3100);
    record(svc, &op, "2014-03-02T10:00:00Z", "asb_nuisance", 51.0601, -1.3104);
    record(svc, &op, "2014-03-03T10:00:00Z", "crime", 51.0780, -1.3100);
    record(svc, &op, "2014-05-01T10:00:00Z", "crime", 51.0600, -1.3100);
    vg_date f, t;
    assert_true(vg_date_from_ymd(2014, 3, 1, &f) && vg_date_from_ymd(2014, 4, 1, &t));
    json_t *m;
    assert_int_equal(vg_service_incident_map(svc, &op, 0, vg_date_time(f), vg_date_time(t), 250, &m, &err), VG_OK);
    assert_int_equal(json_integer_value(json_object_get(m, "total")), 3);
    assert_int_equal(json_integer_value(json_object_get(m, "max_count")), 2);
    assert_int_equal(json_array_size(json_object_get(m, "cells")), 2);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(m, "by_category"), "crime")), 2);
    assert_int_equal(json_array_size(json_object_get(m, "points")), 3);
    json_decref(m);
    /* a cell size out of range is refused */
    assert_int_equal(vg_service_incident_map(svc, &op, 0, vg_date_time(f), vg_date_time(t), 5, &m, &err),
                     VG_ERR_INVALID_INPUT);
    vg_service_close(svc);
    tu_remove_db(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hull),
        cmocka_unit_test(test_map_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
