/* test_rules.c - the first-contact briefing rules: repeat victims of crime and ASB at
 * the edges of the 12-month window, vulnerability, open investigations, places; and
 * calendar-month arithmetic. */
#include "testutil.h"

#include "base/str.h"
#include "rules/briefing.h"
#include "rules/deadlines.h"

static vg_time t(const char *iso)
{
    vg_time out;
    if (!vg_time_parse(vg_str_c(iso), &out))
        fail_msg("bad time %s", iso);
    return out;
}

static vg_person_event inc(vg_id id, const char *when, vg_category cat, vg_role role)
{
    vg_person_event e;
    memset(&e, 0, sizeof e);
    e.event_id = id;
    e.when = t(when);
    e.category = cat;
    e.role = role;
    return e;
}

static vg_person_event crime(vg_id id, const char *when, vg_role role, int outcome, vg_id incident)
{
    vg_person_event e;
    memset(&e, 0, sizeof e);
    e.is_crime = true;
    e.event_id = id;
    e.incident_id = incident;
    e.when = t(when);
    e.role = role;
    e.outcome = outcome;
    e.status = VG_CRIME_RECORDED;
    snprintf(e.offence_code, sizeof e.offence_code, "28E");
    return e;
}

static bool has_reason(const vg_person_flags *f, const char *part)
{
    for (int i = 0; i < f->n_reasons; i++)
        if (strstr(f->reasons[i], part))
            return true;
    return false;
}

static void test_add_months(void **state)
{
    (void)state;
    char s[VG_TIME_LEN];
    vg_time_format(vg_time_add_months(t("2014-06-01T10:00:00Z"), -12), s);
    assert_string_equal(s, "2013-06-01T10:00:00Z");
    vg_time_format(vg_time_add_months(t("2014-03-31T00:00:00Z"), -1), s);
    assert_string_equal(s, "2014-02-28T00:00:00Z");
    vg_time_format(vg_time_add_months(t("2016-02-29T12:00:00Z"), -12), s);
    assert_string_equal(s, "2015-02-28T12:00:00Z");
    vg_time_format(vg_time_add_months(t("2014-01-15T00:00:00Z"), -13), s);
    assert_string_equal(s, "2012-12-15T00:00:00Z");
    vg_date dob, day;
    assert_true(vg_date_parse(vg_str_c("2000-06-02"), &dob));
    assert_true(vg_date_parse(vg_str_c("2018-06-01"), &day));
    assert_int_equal(vg_age_on(dob, day), 17);
    assert_true(vg_date_parse(vg_str_c("2018-06-02"), &day));
    assert_int_equal(vg_age_on(dob, day), 18);
}

static void test_asb_third_call_is_repeat(void **state)
{
    (void)state;
    vg_briefing_config c;
    vg_briefing_config_default(&c);
    vg_time at = t("2014-06-01T10:00:00Z");
    vg_person_flags f;
    /* one earlier ASB call: not yet */
    vg_person_event ev[4] = {inc(1, "2014-01-10T09:00:00Z", VG_CAT_ASB_PERSONAL, VG_ROLE_CALLER)};
    vg_briefing_person(&c, at, VG_CAT_ASB_NUISANCE, VG_ROLE_CALLER, ev, 1, NULL, 0, VG_DATE_NONE, &f);
    assert_false(f.repeat_victim);
    assert_int_equal(f.asb_12m, 1);
    /* two earlier: this is the third */
    ev[1] = inc(2, "2014-05-01T09:00:00Z", VG_CAT_ASB_NUISANCE, VG_ROLE_VICTIM);
    vg_briefing_person(&c, at, VG_CAT_ASB_PERSONAL, VG_ROLE_VICTIM, ev, 2, NULL, 0, VG_DATE_NONE, &f);
    assert_true(f.repeat_victim);
    assert_true(has_reason(&f, "this is the third"));
    /* a witness to ASB is not an ASB victim, and the flag is for victims and callers */
    ev[1].role = VG_ROLE_WITNESS;
    vg_briefing_person(&c, at, VG_CAT_ASB_PERSONAL, VG_ROLE_VICTIM, ev, 2, NULL, 0, VG_DATE_NONE, &f);
    assert_false(f.repeat_victim);
    ev[1].role = VG_ROLE_VICTIM;
    vg_briefing_person(&c, at, VG_CAT_ASB_PERSONAL, VG_ROLE_WITNESS, ev, 2, NULL, 0, VG_DATE_NONE, &f);
    assert_false(f.repeat_victim);
    /* caller and victim of the same incident: one incident */
    vg_person_event twice[3] = {inc(1, "2014-01-10T09:00:00Z", VG_CAT_ASB_PERSONAL, VG_ROLE_CALLER),
                                inc(1, "2014-01-10T09:00:00Z", VG_CAT_ASB_PERSONAL, VG_ROLE_VICTIM)};
    vg_briefing_person(&c, at, VG_CAT_ASB_PERSONAL, VG_ROLE_VICTIM, twice, 2, NULL, 0, VG_DATE_NONE, &f);
    assert_int_equal(f.asb_12m, 1);
    assert_int_equal(f.incidents_12m, 1);
    assert_int_equal(f.by_role_12m[VG_ROLE_CALLER], 1);
    assert_int_equal(f.by_role_12m[VG_ROLE_VICTIM], 1);
    assert_false(f.repeat_victim);
    /* a stricter setting */
    c.asb_repeat_min = 3;
    ev[1].role = VG_ROLE_VICTIM;
    vg_briefing_person(&c, at, VG_CAT_ASB_PERSONAL, VG_ROLE_VICTIM, ev, 2, NULL, 0, VG_DATE_NONE, &f);
    assert_false(f.repeat_victim);
}

static void test_window_edges(void **state)
{
    (void)state;
    vg_briefing_config c;
    vg_briefing_config_default(&c);
    vg_time at = t("2014-06-01T10:00:00Z");
    vg_person_flags f;
    /* exactly 12 months before counts; one second earlier does not */
    vg_person_event in[1] = {crime(1, "2013-06-01T10:00:00Z", VG_ROLE_VICTIM, 1, 0)};
    vg_briefing_person(&c, at, VG_CAT_CRIME, VG_ROLE_VICTIM, in, 1, NULL, 0, VG_DATE_NONE, &f);
    assert_true(f.repeat_victim);
    assert_int_equal(f.victimisations_12m, 1);
    vg_person_event out[1] = {crime(1, "2013-06-01T09:59:59Z", VG_ROLE_VICTIM, 1, 0)};
    vg_briefing_person(&c, at, VG_CAT_CRIME, VG_ROLE_VICTIM, out, 1, NULL, 0, VG_DATE_NONE, &f);
    assert_false(f.repeat_victim);
    assert_int_equal(f.crimes_12m, 0);
    /* the call itself (same instant) and anything later do not count */
    vg_person_event now[2] = {crime(1, "2014-06-01T10:00:00Z", VG_ROLE_VICTIM, 0, 0),
                              crime(2, "2014-06-02T10:00:00Z", VG_ROLE_VICTIM, 0, 0)};
    vg_briefing_person(&c, at, VG_CAT_CRIME, VG_ROLE_VICTIM, now, 2, NULL, 0, VG_DATE_NONE, &f);
    assert_false(f.repeat_victim);
    assert_int_equal(f.open_investigations, 0);
    /* 31 March: the window starts on 28 February (no 31 February) */
    vg_time end_march = t("2014-03-31T08:00:00Z");
    vg_person_event feb[2] = {crime(1, "2014-02-28T08:00:00Z", VG_ROLE_VICTIM, 1, 0)};
    c.window_months = 1;
    vg_briefing_person(&c, end_march, VG_CAT_CRIME, VG_ROLE_VICTIM, feb, 1, NULL, 0, VG_DATE_NONE, &f);
    assert_true(f.repeat_victim);
    feb[0] = crime(1, "2014-02-28T07:59:59Z", VG_ROLE_VICTIM, 1, 0);
    vg_briefing_person(&c, end_march, VG_CAT_CRIME, VG_ROLE_VICTIM, feb, 1, NULL, 0, VG_DATE_NONE, &f);
    assert_false(f.repeat_victim);
}

static void test_crime_victimisation_counting(void **state)
{
    (void)state;
    vg_briefing_config c;
    vg_briefing_config_default(&c);
    vg_time at = t("2014-06-01T10:00:00Z");
    vg_person_flags f;
    /* a crime incident and the crime recorded from it are one victimisation */
    vg_person_event ev[3] = {inc(7, "2014-02-01T10:00:00Z", VG_CAT_CRIME, VG_ROLE_VICTIM),
                             crime(70, "2014-02-01T11:00:00Z", VG_ROLE_VICTIM, 1, 7)};
    vg_briefing_person(&c, at, VG_CAT_CRIME, VG_ROLE_VICTIM, ev, 2, NULL, 0, VG_DATE_NONE, &f);
    assert_int_equal(f.victimisations_12m, 1);
    assert_true(f.repeat_victim);
    assert_true(has_reason(&f, "1 earlier victimisation"));
    /* a suspect in an earlier crime is not a repeat victim; the open case is shown */
    vg_person_event sus[1] = {crime(71, "2014-03-01T10:00:00Z", VG_ROLE_SUSPECT, 0, 0)};
    vg_briefing_person(&c, at, VG_CAT_CRIME, VG_ROLE_VICTIM, sus, 1, NULL, 0, VG_DATE_NONE, &f);
    assert_false(f.repeat_victim);
    assert_int_equal(f.open_investigations, 1);
    assert_true(has_reason(&f, "open investigation: crime 71 (28E"));
    /* an earlier victimisation does not make an ASB caller a repeat ASB victim */
    vg_briefing_person(&c, at, VG_CAT_ASB_PERSONAL, VG_ROLE_VICTIM, ev, 2, NULL, 0, VG_DATE_NONE, &f);
    assert_false(f.repeat_victim);
    /* cancelled crimes do not count */
    ev[0] = crime(72, "2014-02-01T11:00:00Z", VG_ROLE_VICTIM, 0, 0);
    ev[0].status = VG_CRIME_CANCELLED;
    vg_briefing_person(&c, at, VG_CAT_CRIME, VG_ROLE_VICTIM, ev, 1, NULL, 0, VG_DATE_NONE, &f);
    assert_false(f.repeat_victim);
    assert_int_equal(f.open_investigations, 0);
}

static void test_vulnerability(void **state)
{
    (void)state;
    vg_briefing_config c;
    vg_briefing_config_default(&c);
    vg_time at = t("2014-06-01T10:00:00Z");
    vg_person_flags f;
    vg_date dob;
    /* 18 tomorrow: still a child today */
    assert_true(vg_date_parse(vg_str_c("1996-06-02"), &dob));
    vg_briefing_person(&c, at, VG_CAT_ASB_PERSONAL, VG_ROLE_VICTIM, NULL, 0, NULL, 0, dob, &f);
    assert_true(f.vulnerable);
    assert_true(has_reason(&f, "aged 17"));
    assert_true(vg_date_parse(vg_str_c("1996-06-01"), &dob));
    vg_briefing_person(&c, at, VG_CAT_ASB_PERSONAL, VG_ROLE_VICTIM, NULL, 0, NULL, 0, dob, &f);
    assert_false(f.vulnerable);
    /* markers in force on the day count; ended or future ones do not; warnings are shown */
    vg_date from, to;
    assert_true(vg_date_parse(vg_str_c("2013-01-01"), &from));
    assert_true(vg_date_parse(vg_str_c("2014-05-31"), &to));
    vg_marker mk[2] = {{VG_MARKER_VULNERABILITY, (char *)"MH", NULL, from, VG_DATE_NONE},
                       {VG_MARKER_WARNING, (char *)"VI", NULL, from, VG_DATE_NONE}};
    vg_briefing_person(&c, at, VG_CAT_CRIME, VG_ROLE_VICTIM, NULL, 0, mk, 2, VG_DATE_NONE, &f);
    assert_true(f.vulnerable);
    assert_true(has_reason(&f, "marker MH (Mental health)"));
    assert_true(has_reason(&f, "warning marker VI (Violent)"));
    mk[0].valid_to = to;
    vg_briefing_person(&c, at, VG_CAT_CRIME, VG_ROLE_VICTIM, NULL, 0, mk, 1, VG_DATE_NONE, &f);
    assert_false(f.vulnerable);
}

static void test_repeat_location(void **state)
{
    (void)state;
    vg_briefing_config c;
    vg_briefing_config_default(&c);
    vg_location_flags f;
    vg_briefing_location(&c, 1, &f);
    assert_false(f.repeat_location);
    assert_int_equal(f.n_reasons, 0);
    vg_briefing_location(&c, 2, &f);
    assert_true(f.repeat_location);
    assert_non_null(strstr(f.reasons[0], "this is the third"));
}

/* The rule set is the one in force on the day of recording, each Code from its
 * commencement; the due times are kept with the crime, from recording and from the
 * outcome. */
static void test_deadlines_dated(void **state)
{
    (void)state;
    vg_date d;
    assert_true(vg_date_from_ymd(2021, 3, 31, &d));
    assert_string_equal(vg_deadline_rules_at(d)->id, "VCOP-2013");
    assert_string_equal(vg_deadline_rules_at(d + 1)->id, "VCOP-2021");
    assert_true(vg_date_from_ymd(2013, 12, 10, &d));
    assert_string_equal(vg_deadline_rules_at(d)->id, "VCOP-2013");
    assert_string_equal(vg_deadline_rules_at(d - 400)->id, "VCOP-2013"); /* before the oldest: the oldest */

    vg_crime c;
    vg_crime_init(&c);
    c.recorded_at = t("2014-12-24T10:15:00Z");
    vg_crime_deadlines(&c);
    assert_int_equal(c.review_due, t("2014-12-27T10:15:00Z"));
    assert_int_equal(c.needs_due, t("2014-12-29T10:15:00Z"));
    assert_true(c.outcome_due == VG_TIME_NONE); /* no outcome yet */
    c.outcome = 14;
    c.outcome_at = t("2015-02-02T09:00:00Z");
    vg_crime_deadlines(&c);
    assert_int_equal(c.outcome_due, t("2015-02-07T09:00:00Z"));
    c.recorded_at = VG_TIME_NONE;
    vg_crime_deadlines(&c);
    assert_true(c.review_due == VG_TIME_NONE && c.needs_due == VG_TIME_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_asb_third_call_is_repeat),
        cmocka_unit_test(test_window_edges),
        cmocka_unit_test(test_crime_victimisation_counting),
        cmocka_unit_test(test_vulnerability),
        cmocka_unit_test(test_repeat_location),
        cmocka_unit_test(test_deadlines_dated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
