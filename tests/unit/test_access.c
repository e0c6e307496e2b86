/* test_access.c - the access rules, users and sign-in (Argon2id parameters renewed at
 * sign-in, lockout, sessions) and the audit log's hash chain, through the service. */
#include "testutil_service.h"
#include "io/contact_json.h"
#include "service/service.h"
#include "store/store.h"

#include <sqlite3.h>
#include <time.h>

static vg_actor op;

static vg_service *open_svc(char *path, size_t n) { return tu_open_service(path, n, "access", &op); }

static void test_permissions(void **state)
{
    (void)state;
    vg_actor a;
    memset(&a, 0, sizeof a);
    a.police = true;
    a.role = VG_UR_CALL_HANDLER;
    assert_true(vg_actor_can(&a, VG_PERM_LOOKUP));
    assert_true(vg_actor_can(&a, VG_PERM_INCIDENT_CREATE));
    assert_false(vg_actor_can(&a, VG_PERM_AUDIT_READ));
    assert_false(vg_actor_can(&a, VG_PERM_USER_ADMIN));
    a.role = VG_UR_AUDITOR;
    assert_true(vg_actor_can(&a, VG_PERM_AUDIT_READ));
    assert_false(vg_actor_can(&a, VG_PERM_PERSON_READ));
    a.role = VG_UR_ANALYST;
    assert_false(vg_actor_can(&a, VG_PERM_LOOKUP));
    assert_true(vg_actor_can(&a, VG_PERM_REPORT_READ));
    /* a partner never gets police information, whatever the role says */
    a.police = false;
    a.role = VG_UR_CALL_HANDLER;
    assert_false(vg_actor_can(&a, VG_PERM_LOOKUP));
    assert_false(vg_actor_can(&a, VG_PERM_INCIDENT_READ));
    a.role = VG_UR_PARTNER_MANAGER;
    assert_true(vg_actor_can(&a, VG_PERM_CASE_SHARE));
    assert_true(vg_actor_can(&a, VG_PERM_CASE_READ));
    assert_false(vg_actor_can(&a, VG_PERM_PERSON_READ));
    a.role = VG_UR_COUNT; /* an unknown role stored in the database: nothing */
    for (int p = 0; p < VG_PERM_COUNT; p++)
        assert_false(vg_actor_can(&a, (vg_permission)p));
    assert_false(vg_actor_can(NULL, VG_PERM_LOOKUP));
    for (int r = 0; r < VG_UR_COUNT; r++) { /* names round-trip (the operator is not a role to give) */
        vg_user_role back;
        assert_int_equal(vg_user_role_parse(vg_user_role_name((vg_user_role)r), &back), r != VG_UR_OPERATOR);
    }
}

static void test_users(void **state)
{
    (void)state;
    char path[300];
    vg_service *svc = open_svc(path, sizeof path);
    vg_error err;
    vg_agency ag;
    assert_int_equal(vg_service_agency_add(svc, &op, "la-x", "Council X", VG_AK_LOCAL_AUTHORITY, &ag, &err), VG_OK);
    assert_int_equal(vg_service_agency_add(svc, &op, "la-x", "Again", VG_AK_LOCAL_AUTHORITY, NULL, &err), VG_ERR_CONFLICT);
    assert_int_equal(vg_service_agency_add(svc, &op, "Bad Code", "X", VG_AK_OTHER, NULL, &err), VG_ERR_INVALID_INPUT);
    assert_string_equal(err.where, "code");
    vg_user u;
    assert_int_equal(vg_service_user_add(svc, &op, "ann", VG_UR_CALL_HANDLER, "force", "long enough pw", &u, NULL, &err), VG_OK);
    assert_int_equal(vg_service_user_add(svc, &op, "ann", VG_UR_ANALYST, "force", "long enough pw", NULL, NULL, &err),
                     VG_ERR_CONFLICT);
    assert_int_equal(vg_service_user_add(svc, &op, "bob", VG_UR_CALL_HANDLER, "la-x", "long enough pw", NULL, NULL, &err),
                     VG_ERR_INVALID_INPUT); /* a police role outside the force */
    assert_string_equal(err.where, "role");
    assert_int_equal(vg_service_user_add(svc, &op, "bob", VG_UR_PARTNER_MANAGER, "force", "long enough pw", NULL, NULL, &err),
                     VG_ERR_INVALID_INPUT); /* a partner role in the force */
    assert_int_equal(vg_service_user_add(svc, &op, "bob", VG_UR_PARTNER_MANAGER, "la-x", "short", NULL, NULL, &err),
                     VG_ERR_INVALID_INPUT);
    assert_string_equal(err.where, "password");
    assert_int_equal(vg_service_user_add(svc, &op, "b b", VG_UR_PARTNER_MANAGER, "la-x", "long enough pw", NULL, NULL, &err),
                     VG_ERR_INVALID_INPUT);
    assert_int_equal(vg_service_user_add(svc, &op, "bob", VG_UR_PARTNER_MANAGER, "nowhere", "long enough pw", NULL, NULL, &err),
                     VG_ERR_INVALID_INPUT);
    assert_string_equal(err.where, "agency");
    /* only an administrator adds users */
    vg_session s;
    assert_int_equal(vg_service_login(svc, "ann", "long enough pw", "10.0.0.1", &s, &err), VG_OK);
    assert_int_equal(vg_service_user_add(svc, &s.actor, "eve", VG_UR_FORCE_ADMIN, "force", "long enough pw", NULL, NULL, &err),
                     VG_ERR_FORBIDDEN);
    vg_user list[8];
    size_t n;
    assert_int_equal(vg_service_user_list(svc, &op, list, 8, &n, &err), VG_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].username, "ann");
    assert_string_equal(list[0].agency.code, "force");
    /* the dispatcher's picker: the force's active response officers only, for whoever dispatches */
    assert_int_equal(vg_service_user_add(svc, &op, "ro1", VG_UR_RESPONSE_OFFICER, "force", "long enough pw", NULL, NULL, &err), VG_OK);
    assert_int_equal(vg_service_user_add(svc, &op, "ro2", VG_UR_RESPONSE_OFFICER, "force", "long enough pw", NULL, NULL, &err), VG_OK);
    assert_int_equal(vg_service_user_disable(svc, &op, "ro2", &err), VG_OK);
    assert_int_equal(vg_service_dispatchable_officers(svc, &op, list, 8, &n, &err), VG_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].username, "ro1");
    assert_int_equal(vg_service_dispatchable_officers(svc, &s.actor, list, 8, &n, &err), VG_ERR_FORBIDDEN); /* a call handler */
    vg_service_close(svc);
    tu_remove_db(path);
}

static void stored_hash(const char *path, const char *user, char *out, size_t n)
{
    vg_store *st;
    vg_error err;
    assert_int_equal(vg_store_open(path, VG_STORE_OPEN_EXISTING, &st, &err), VG_OK);
    vg_user_auth u;
    assert_int_equal(vg_store_user_get(st, 0, user, &u, &err), VG_OK);
    snprintf(out, n, "%s", u.password_hash);
    vg_store_close(st);
}

/* Sleeps until ms after t; false if that was already more than 100 ms ago. */
static bool sleep_until(const struct timespec *t, long ms)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long left = (t->tv_sec - now.tv_sec) * 1000000000LL + (t->tv_nsec - now.tv_nsec) + ms * 1000000LL;
    if (left < -100 * 1000000LL)
        return false;
    if (left > 0) {
        struct timespec d = {(time_t)(left / 1000000000LL), (long)(left % 1000000000LL)};
        nanosleep(&d, NULL);
    }
    return true;
}

static void test_sign_in_rehash_lockout_sessions(void **state)
{
    (void)state;
    char path[300];
    vg_service *svc = open_svc(path, sizeof path);
    vg_error err;
    assert_int_equal(vg_service_user_add(svc, &op, "ann", VG_UR_SUPERVISOR, "force", "long enough pw", NULL, NULL, &err), VG_OK);
    char h1[200], h2[200];
    stored_hash(path, "ann", h1, sizeof h1);
    assert_non_null(strstr(h1, "$argon2id$"));
    assert_non_null(strstr(h1, "m=8192,t=1"));
    /* stronger parameters: the next sign-in renews the hash */
    assert_int_equal(vg_service_config_set(svc, &op, "auth.argon2_mem_kib", "16384", &err), VG_OK);
    vg_session s;
    assert_int_equal(vg_service_login(svc, "ann", "long enough pw", "10.0.0.1", &s, &err), VG_OK);
    stored_hash(path, "ann", h2, sizeof h2);
    assert_non_null(strstr(h2, "m=16384,t=1"));
    assert_string_not_equal(h1, h2);
    /* the session */
    vg_session back;
    assert_int_equal(vg_service_session(svc, s.token, &back, &err), VG_OK);
    assert_string_equal(back.actor.username, "ann");
    assert_int_equal(back.actor.role, VG_UR_SUPERVISOR);
    assert_true(back.actor.police);
    assert_string_equal(back.csrf, s.csrf);
    assert_int_equal(vg_service_session(svc, "not-a-token", &back, &err), VG_ERR_FORBIDDEN);
    assert_int_equal(vg_service_logout(svc, s.token, &err), VG_OK);
    assert_int_equal(vg_service_session(svc, s.token, &back, &err), VG_ERR_FORBIDDEN);
    /* an expired session is refused, and the next sign-in clears it away */
    vg_session old;
    assert_int_equal(vg_service_login(svc, "ann", "long enough pw", "10.0.0.1", &old, &err), VG_OK);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE user_session SET expires_at = '2000-01-01T00:00:00Z'", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(vg_service_session(svc, old.token, &back, &err), VG_ERR_FORBIDDEN);
    assert_int_equal(vg_service_login(svc, "ann", "long enough pw", "10.0.0.1", &s, &err), VG_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM user_session", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_int_equal(vg_service_logout(svc, s.token, &err), VG_OK);
    /* failures throttle that address for that user only, in the words of a wrong password */
    char wrong[sizeof err.why];
    assert_int_equal(vg_service_login(svc, "nobody", "long enough pw", "10.0.0.4", &s, &err), VG_ERR_FORBIDDEN);
    snprintf(wrong, sizeof wrong, "%s", err.why); /* an unknown user: the words of a wrong password */
    struct timespec fifth_sent, fifth_back; /* the fifth failure is counted between these */
    for (int i = 0; i < 5; i++) {
        clock_gettime(CLOCK_MONOTONIC, &fifth_sent);
        assert_int_equal(vg_service_login(svc, "ann", "wrong password", "10.0.0.2", &s, &err), VG_ERR_FORBIDDEN);
        clock_gettime(CLOCK_MONOTONIC, &fifth_back);
        assert_string_equal(err.why, wrong);
    }
    assert_int_equal(vg_service_login(svc, "ann", "long enough pw", "10.0.0.2", &s, &err), VG_ERR_FORBIDDEN);
    assert_string_equal(err.why, wrong); /* refused for now: the same answer as a wrong password */
    assert_int_equal(vg_service_login(svc, "ann", "long enough pw", "10.0.0.3", &s, &err), VG_OK); /* elsewhere: in */
    assert_int_equal(vg_service_logout(svc, s.token, &err), VG_OK);
    /* the first delay is a whole second wherever in the clock's second the failure fell,
     * and then it is over: 850 ms after the failure still refused (unless the machine
     * was too slow to ask in time: each sign-in does an Argon2id check, and ASan on a
     * busy machine can take most of a second over three), 1,050 ms after it let in */
    if (sleep_until(&fifth_sent, 850))
        assert_int_equal(vg_service_login(svc, "ann", "long enough pw", "10.0.0.2", &s, &err), VG_ERR_FORBIDDEN);
    sleep_until(&fifth_back, 1050);
    assert_int_equal(vg_service_login(svc, "ann", "long enough pw", "10.0.0.2", &s, &err), VG_OK);
    assert_int_equal(vg_service_logout(svc, s.token, &err), VG_OK);
    /* twenty failures from one address for other names do not keep anyone else out */
    assert_int_equal(vg_service_user_add(svc, &op, "bo", VG_UR_ANALYST, "force", "long enough pw", NULL, NULL, &err), VG_OK);
    for (int i = 0; i < 20; i++)
        assert_int_equal(vg_service_login(svc, "someone", "x", "10.9.9.9", &s, &err), VG_ERR_FORBIDDEN);
    assert_int_equal(vg_service_login(svc, "bo", "long enough pw", "10.9.9.9", &s, &err), VG_OK);
    /* disabling ends the sessions */
    assert_int_equal(vg_service_user_disable(svc, &op, "bo", &err), VG_OK);
    assert_int_equal(vg_service_session(svc, s.token, &back, &err), VG_ERR_FORBIDDEN);
    assert_int_equal(vg_service_login(svc, "bo", "long enough pw", "10.9.9.7", &s, &err), VG_ERR_FORBIDDEN);
    /* an administrator cannot disable their own account (another can) */
    assert_int_equal(vg_service_user_add(svc, &op, "adm", VG_UR_FORCE_ADMIN, "force", "long enough pw", NULL, NULL, &err),
                     VG_OK);
    assert_int_equal(vg_service_login(svc, "adm", "long enough pw", "10.9.9.6", &s, &err), VG_OK);
    assert_int_equal(vg_service_session(svc, s.token, &back, &err), VG_OK);
    assert_int_equal(vg_service_user_disable(svc, &back.actor, "adm", &err), VG_ERR_CONFLICT);
    assert_non_null(strstr(err.why, "your own account"));
    assert_int_equal(vg_service_session(svc, s.token, &back, &err), VG_OK); /* still signed in */
    assert_int_equal(vg_service_user_disable(svc, &back.actor, "ann", &err), VG_OK);
    vg_service_close(svc);
    tu_remove_db(path);
}

static void tamper(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_audit_chain(void **state)
{
    (void)state;
    char path[300];
    vg_service *svc = open_svc(path, sizeof path);
    vg_error err;
    for (int i = 0; i < 6; i++) {
        char name[16];
        snprintf(name, sizeof name, "user%d", i);
        assert_int_equal(vg_service_user_add(svc, &op, name, VG_UR_ANALYST, "force", "long enough pw", NULL, NULL, &err), VG_OK);
    }
    vg_audit_check chk;
    assert_int_equal(vg_service_audit_verify(svc, &op, &chk, &err), VG_OK);
    assert_true(chk.ok);
    assert_int_equal(chk.entries, 8); /* the 2 settings changed and the 6 users added */
    /* a user who is not an auditor cannot read the log, and the refusal is logged */
    vg_session s;
    assert_int_equal(vg_service_login(svc, "user1", "long enough pw", "h", &s, &err), VG_OK);
    assert_int_equal(vg_service_audit_verify(svc, &s.actor, &chk, &err), VG_ERR_FORBIDDEN);
    vg_service_close(svc);
    /* a change in the middle is named */
    tamper(path, "UPDATE audit_log SET what = 'user:99' WHERE seq = 3");
    assert_int_equal(vg_service_open(path, VG_SERVICE_EXISTING, &svc, &err), VG_OK);
    assert_int_equal(vg_service_audit_verify(svc, &op, &chk, &err), VG_OK);
    assert_false(chk.ok);
    assert_int_equal(chk.bad_seq, 3);
    assert_non_null(strstr(chk.why, "changed"));
    vg_service_close(svc);
    tu_remove_db(path);
}

static vg_err no_row(void *ctx, const json_t *row)
{
    (void)ctx;
    (void)row;
    return VG_OK;
}

static void test_restricted_records(void **state)
{
    (void)state;
    char path[300];
    vg_service *svc = open_svc(path, sizeof path);
    vg_error err;
    assert_int_equal(vg_service_user_add(svc, &op, "named", VG_UR_INVESTIGATOR, "force", "long enough pw", NULL, NULL, &err),
                     VG_OK);
    assert_int_equal(vg_service_user_add(svc, &op, "other", VG_UR_INVESTIGATOR, "force", "long enough pw", NULL, NULL, &err),
                     VG_OK);
    vg_incident_draft d;
    memset(&d, 0, sizeof d);
    d.received = 1400000000;
    d.category = VG_CAT_ASB_PERSONAL;
    vg_briefing b;
    assert_int_equal(vg_service_record_incidents(svc, &op, &d, 1, &b, &err), VG_OK);
    assert_int_equal(vg_service_restrict(svc, &op, "incident", b.incident_id, "named", &err), VG_OK);
    vg_session sn, so;
    assert_int_equal(vg_service_login(svc, "named", "long enough pw", "h", &sn, &err), VG_OK);
    assert_int_equal(vg_service_login(svc, "other", "long enough pw", "h", &so, &err), VG_OK);
    json_t *j = NULL;
    assert_int_equal(vg_service_incident_view(svc, &sn.actor, b.incident_id, &j, &err), VG_OK);
    json_decref(j);
    assert_int_equal(vg_service_incident_view(svc, &so.actor, b.incident_id, &j, &err), VG_ERR_NOT_FOUND);
    assert_int_equal(vg_service_incident_list(svc, &so.actor, VG_TIME_NONE, VG_TIME_NONE, 10, &j, &err), VG_OK);
    assert_int_equal(json_array_size(j), 0); /* not even in lists */
    json_decref(j);
    assert_int_equal(vg_service_incident_list(svc, &sn.actor, VG_TIME_NONE, VG_TIME_NONE, 10, &j, &err), VG_OK);
    assert_int_equal(json_array_size(j), 1);
    json_decref(j);
    /* a person restricted to a named user: their history is not found for anyone else,
     * as a page or as an export */
    static const char call[] = "{\"received\":\"2014-05-13T10:00:00Z\",\"category\":\"asb_personal\","
                               "\"people\":[{\"role\":\"victim\",\"name\":\"Member Staff\",\"dob\":\"1980-01-01\"}]}";
    vg_incident_draft *pd;
    size_t npd;
    assert_int_equal(vg_incident_drafts_parse(call, strlen(call), "t", &pd, &npd, &err), VG_OK);
    assert_int_equal(vg_service_record_incidents(svc, &op, pd, npd, &b, &err), VG_OK);
    vg_incident_drafts_free(pd, npd);
    vg_id pid = b.people[0].person_id;
    assert_int_equal(vg_service_restrict(svc, &op, "person", pid, "named", &err), VG_OK);
    vg_list_query q;
    vg_list_query_init(&q, VG_LIST_HISTORY);
    const vg_list_spec *sp = vg_list_spec_of(VG_LIST_HISTORY);
    for (size_t i = 0; i < sp->n_filters; i++)
        if (sp->filters[i].kind == VG_LF_PERSON)
            snprintf(q.filter[i], sizeof q.filter[i], "%lld", (long long)pid);
    assert_int_equal(vg_service_list(svc, &sn.actor, &q, &j, &err), VG_OK);
    json_decref(j);
    assert_int_equal(vg_service_list(svc, &so.actor, &q, &j, &err), VG_ERR_NOT_FOUND);
    int64_t total;
    assert_int_equal(vg_service_list_each(svc, &so.actor, &q, no_row, NULL, &total, &err), VG_ERR_NOT_FOUND);
    vg_service_close(svc);
    tu_remove_db(path);
}

int main(void)
{
    vg_actor_operator(&op, "test", NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_permissions),
        cmocka_unit_test(test_users),
        cmocka_unit_test(test_sign_in_rehash_lockout_sessions),
        cmocka_unit_test(test_audit_chain),
        cmocka_unit_test(test_restricted_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
