/* test_security.c - the holes found by probing the server (issue 13), each closed at the
 * service and proved here against a real store: partners see only what was shared of
 * a case, its joint actions included. */
#include "testutil_service.h"
#include "service/service.h"
#include "base/alloc.h"

static vg_actor op;

static vg_service *open_svc(char *path, size_t n) { return tu_open_service(path, n, "security", &op); }

static void sign_in(vg_service *svc, const char *name, vg_user_role role, const char *agency, vg_actor *out)
{
    vg_error err;
    assert_int_equal(vg_service_user_add(svc, &op, name, role, agency, "long enough pw", NULL, NULL, &err), VG_OK);
    vg_session s;
    assert_int_equal(vg_service_login(svc, name, "long enough pw", "127.0.0.1", &s, &err), VG_OK);
    *out = s.actor;
}

/* Regression: a case shared with its title only showed every agency's joint actions
 * (whose text names people) to the partner, and offered to close them. */
/* A number of the case's row in the actor's cases list: -1 if null, -2 if the case is not there. */
static json_int_t case_row(vg_service *svc, const vg_actor *a, vg_id case_id, const char *col)
{
    vg_list_query q;
    vg_list_query_init(&q, VG_LIST_CASES);
    json_t *list;
    vg_error err;
    assert_int_equal(vg_service_list(svc, a, &q, &list, &err), VG_OK);
    json_int_t v = -2;
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(list, "rows"), i, row)
        if (json_integer_value(json_object_get(row, "id")) == case_id)
            v = json_is_null(json_object_get(row, col)) ? -1 : json_integer_value(json_object_get(row, col));
    json_decref(list);
    return v;
}

static void test_partner_sees_only_shared_actions(void **state)
{
    (void)state;
    char path[300];
    vg_service *svc = open_svc(path, sizeof path);
    vg_error err;
    assert_int_equal(vg_service_agency_add(svc, &op, "la-a", "Council A", VG_AK_LOCAL_AUTHORITY, NULL, &err), VG_OK);
    vg_actor sup, pm;
    sign_in(svc, "sup", VG_UR_SUPERVISOR, "force", &sup);
    sign_in(svc, "pm", VG_UR_PARTNER_MANAGER, "la-a", &pm);
    vg_case_draft d = {.title = "Household at 3 Low Road", .subject_kind = "household", .summary = "s"};
    json_t *view;
    assert_int_equal(vg_service_case_create(svc, &sup, &d, &view, &err), VG_OK);
    vg_id case_id = (vg_id)json_integer_value(json_object_get(view, "id"));
    json_decref(view);
    vg_id police_action, own_action;
    assert_int_equal(vg_service_case_action_add(svc, &sup, case_id, "Speak to Jane Doe at work", VG_DATE_NONE,
                                                &police_action, &err), VG_OK);
    assert_int_equal(vg_service_case_share(svc, &sup, case_id, "la-a", "", "Crime and Disorder Act 1998 s.115",
                                           "joint problem solving", &err), VG_OK);

    vg_case_action *acts = NULL;
    size_t n = 99;
    assert_int_equal((vg_free(acts), vg_service_case_actions(svc, &pm, case_id, &acts, &n, &err)), VG_OK);
    assert_int_equal(n, 0); /* the title only: no actions */
    vg_id case_of;
    assert_int_equal(vg_service_case_action_done(svc, &pm, police_action, &case_of, &err), VG_ERR_NOT_FOUND);

    /* their own agency's actions they see, and may close */
    assert_int_equal(vg_service_case_action_add(svc, &pm, case_id, "Noise monitoring", VG_DATE_NONE, &own_action, &err),
                     VG_OK);
    assert_int_equal((vg_free(acts), vg_service_case_actions(svc, &pm, case_id, &acts, &n, &err)), VG_OK);
    assert_int_equal(n, 1);
    assert_int_equal(acts[0].id, own_action);
    assert_true(acts[0].may_close);
    /* the cases list counts what each agency may see of the case: the partner its own open
     * action, not what it is about nor with whom it is shared; the owner everything */
    assert_int_equal(case_row(svc, &pm, case_id, "open_actions"), 1);
    assert_int_equal(case_row(svc, &pm, case_id, "shared_with"), -1);
    assert_int_equal(case_row(svc, &sup, case_id, "open_actions"), 2);
    assert_int_equal(case_row(svc, &sup, case_id, "shared_with"), 1);

    /* once the actions are shared, the force's action is shown, but not theirs to close */
    assert_int_equal(vg_service_case_share(svc, &sup, case_id, "la-a", "actions", "Crime and Disorder Act 1998 s.115",
                                           "joint problem solving", &err), VG_OK);
    assert_int_equal((vg_free(acts), vg_service_case_actions(svc, &pm, case_id, &acts, &n, &err)), VG_OK);
    assert_int_equal(n, 2);
    assert_int_equal(case_row(svc, &pm, case_id, "open_actions"), 2);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(acts[i].may_close, acts[i].id == own_action);
    assert_int_equal(vg_service_case_action_done(svc, &pm, police_action, &case_of, &err), VG_ERR_FORBIDDEN);
    /* the owner sees and may close everything */
    assert_int_equal((vg_free(acts), vg_service_case_actions(svc, &sup, case_id, &acts, &n, &err)), VG_OK);
    assert_int_equal(n, 2);
    assert_true(acts[0].may_close && acts[1].may_close);
    vg_free(acts);

    /* each agency's queue of joint actions holds its own, the counts too */
    vg_list_query q;
    vg_list_query_init(&q, VG_LIST_ACTIONS);
    json_t *list;
    assert_int_equal(vg_service_list(svc, &pm, &q, &list, &err), VG_OK);
    assert_int_equal(json_integer_value(json_object_get(list, "total")), 1);
    json_t *row = json_array_get(json_object_get(list, "rows"), 0);
    assert_int_equal(json_integer_value(json_object_get(row, "id")), own_action);
    assert_string_equal(json_string_value(json_object_get(row, "agency")), "Council A");
    assert_string_equal(json_string_value(json_object_get(row, "status")), "open");
    assert_true(json_is_true(json_object_get(row, "new")));
    json_decref(list);
    assert_int_equal(vg_service_list(svc, &sup, &q, &list, &err), VG_OK);
    assert_int_equal(json_integer_value(json_object_get(list, "total")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(list, "rows"), 0), "id")),
                     police_action);
    json_decref(list);
    snprintf(q.filter[0], sizeof q.filter[0], "overdue");
    int64_t total = -1;
    assert_int_equal(vg_service_list_count(svc, &pm, &q, &total, &err), VG_OK);
    assert_int_equal(total, 0);
    /* a case's page holds every action, not the first so many */
    for (int i = 0; i < 40; i++) {
        vg_id more;
        assert_int_equal(vg_service_case_action_add(svc, &sup, case_id, "Leaflet the street", VG_DATE_NONE, &more, &err),
                         VG_OK);
    }
    assert_int_equal(vg_service_case_actions(svc, &sup, case_id, &acts, &n, &err), VG_OK);
    assert_int_equal(n, 42);
    vg_free(acts);
    /* who has seen the case: its owner asks; the partner may not */
    json_t *seen;
    assert_int_equal(vg_service_case_seen(svc, &sup, case_id, 50, &seen, &err), VG_OK);
    bool by_pm = false;
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(seen, "entries"), i, e)
        by_pm |= !strcmp(json_string_value(json_object_get(e, "username")), "pm");
    assert_true(by_pm);
    json_decref(seen);
    assert_int_equal(vg_service_case_seen(svc, &pm, case_id, 50, &seen, &err), VG_ERR_FORBIDDEN);

    /* notes: the partner sees its own until "notes" is shared with it; the owner sees all */
    assert_int_equal(vg_service_case_note_add(svc, &sup, case_id, "Spare key with the neighbour", &err), VG_OK);
    assert_int_equal(vg_service_case_note_add(svc, &pm, case_id, "Repairs job open", &err), VG_OK);
    assert_int_equal(vg_service_case_note_add(svc, &pm, case_id, "", &err), VG_ERR_INVALID_INPUT);
    json_t *notes;
    assert_int_equal(vg_service_case_notes(svc, &pm, case_id, &notes, &err), VG_OK);
    assert_int_equal(json_array_size(json_object_get(notes, "notes")), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(notes, "notes"), 0), "text")),
                        "Repairs job open");
    json_decref(notes);
    assert_int_equal(vg_service_case_notes(svc, &sup, case_id, &notes, &err), VG_OK);
    assert_int_equal(json_array_size(json_object_get(notes, "notes")), 2);
    json_decref(notes);
    assert_int_equal(vg_service_case_share(svc, &sup, case_id, "la-a", "actions notes",
                                           "Crime and Disorder Act 1998 s.115", "joint problem solving", &err), VG_OK);
    assert_int_equal(vg_service_case_notes(svc, &pm, case_id, &notes, &err), VG_OK);
    assert_int_equal(json_array_size(json_object_get(notes, "notes")), 2);
    json_decref(notes);
    vg_service_close(svc);
    tu_remove_db(path);
}

typedef struct count_ctx {
    int n;
    const char *action, *what;
} count_ctx;

static vg_err count_entry(void *ctx, const vg_audit_entry *e)
{
    count_ctx *c = ctx;
    c->n += strcmp(e->action, c->action) == 0 && strstr(e->what, c->what) != NULL;
    return VG_OK;
}

static int entries_like(vg_service *svc, const char *action, const char *what)
{
    count_ctx c = {0, action, what};
    vg_error err;
    assert_int_equal(vg_service_audit_each(svc, &op, VG_TIME_NONE, VG_TIME_NONE, count_entry, &c, &err), VG_OK);
    return c.n;
}

/* Regression: imports, exports, settings, the match model, statistics and the
 * synthetic force took no actor, so anyone with the service could call them and nothing
 * was logged. */
static void test_every_entry_point_takes_an_actor(void **state)
{
    (void)state;
    char path[300];
    vg_service *svc = open_svc(path, sizeof path);
    vg_error err;
    vg_actor an, fa, ch;
    sign_in(svc, "an", VG_UR_ANALYST, "force", &an);
    sign_in(svc, "fa", VG_UR_FORCE_ADMIN, "force", &fa);
    sign_in(svc, "ch", VG_UR_CALL_HANDLER, "force", &ch);
    /* settings: administrators only, every change logged with the old and new values */
    assert_int_equal(vg_service_config_set(svc, &an, "briefing.window_months", "6", &err), VG_ERR_FORBIDDEN);
    assert_int_equal(vg_service_config_set(svc, &fa, "briefing.window_months", "6", &err), VG_OK);
    assert_int_equal(entries_like(svc, "admin", "setting briefing.window_months: 12 -> 6"), 1);
    char v[32];
    assert_int_equal(vg_service_config_get(svc, &ch, "briefing.window_months", v, sizeof v, &err), VG_ERR_FORBIDDEN);
    assert_int_equal(vg_service_config_get(svc, &fa, "briefing.window_months", v, sizeof v, &err), VG_OK);
    assert_string_equal(v, "6");
    /* the synthetic force and the indexes: the operator only */
    vg_synth_options o;
    vg_synth_options_default(&o);
    o.scale = 0.005;
    vg_synth_report rep;
    assert_int_equal(vg_service_synth(svc, &fa, &o, &rep, &err), VG_ERR_FORBIDDEN);
    assert_int_equal(vg_service_synth(svc, &op, &o, &rep, &err), VG_OK);
    assert_int_equal(entries_like(svc, "collect", "synthetic force"), 1);
    size_t records;
    assert_int_equal(vg_service_warm_up(svc, &an, &records, &err), VG_ERR_FORBIDDEN);
    assert_int_equal(vg_service_warm_up(svc, &op, &records, &err), VG_OK);
    vg_match_train_report tr;
    assert_int_equal(vg_service_match_train(svc, &an, &tr, &err), VG_ERR_FORBIDDEN);
    /* statistics: report readers */
    vg_stats st;
    assert_int_equal(vg_service_stats(svc, &ch, &st, &err), VG_ERR_FORBIDDEN);
    assert_int_equal(vg_service_stats(svc, &an, &st, &err), VG_OK);
    assert_true(st.records[0] > 0);
    /* imports and exports */
    vg_import_summary sum;
    const char *paths[] = {"tests/data/police-uk"};
    assert_int_equal(vg_service_import_police_uk(svc, &ch, paths, 1, NULL, &sum, &err), VG_ERR_FORBIDDEN);
    vg_import_summary_free(&sum);
    vg_export_summary ex;
    assert_int_equal(vg_service_export_police_uk(svc, &ch, 201403, "/tmp", &ex, &err), VG_ERR_FORBIDDEN);
    /* every refusal above is in the log */
    assert_true(entries_like(svc, "denied", "") >= 7);
    vg_service_close(svc);
    tu_remove_db(path);
}

int main(void)
{
    vg_actor_operator(&op, "test", NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_partner_sees_only_shared_actions),
        cmocka_unit_test(test_every_entry_point_takes_an_actor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
