/* test_calendar.c - England & Wales bank holidays checked against the published lists
 * (gov.uk/bank-holidays and the Royal proclamations), typed in here as facts, and
 * working-day arithmetic for Victims' Code deadlines. */
#include "testutil.h"

#include "base/calendar.h"

static vg_calendar cal;

static vg_date D(const char *s)
{
    vg_date d = 0;
    assert_true(vg_date_parse(vg_str_c(s), &d));
    return d;
}

/* The published England & Wales bank holidays, 2012-2026. */
static const char *const published[] = {
    "2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26",
    "2013-01-01", "2013-03-29", "2013-04-01", "2013-05-06", "2013-05-27", "2013-08-26", "2013-12-25", "2013-12-26",
    "2014-01-01", "2014-04-18", "2014-04-21", "2014-05-05", "2014-05-26", "2014-08-25", "2014-12-25", "2014-12-26",
    "2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04", "2015-05-25", "2015-08-31", "2015-12-25", "2015-12-28",
    "2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02", "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27",
    "2017-01-02", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-29", "2017-08-28", "2017-12-25", "2017-12-26",
    "2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26",
    "2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26",
    "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28",
    "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28",
    "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
    "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26",
    "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
    "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
};

static void test_published_2012_2026(void **state)
{
    (void)state;
    size_t n = sizeof published / sizeof published[0];
    for (size_t i = 0; i < n; i++) {
        if (!vg_cal_is_holiday(&cal, D(published[i]), NULL))
            fail_msg("%s is a published bank holiday but the calendar misses it", published[i]);
    }
    /* ... and no others: count the calendar's holidays in 2012-2026. */
    size_t count = 0;
    for (int i = 0; i < cal.count; i++)
        if (cal.days[i].date >= D("2012-01-01") && cal.days[i].date <= D("2026-12-31"))
            count++;
    assert_int_equal(count, n);
}

static void test_one_off_changes(void **state)
{
    (void)state;
    const char *name = NULL;
    /* 1995: early May bank holiday moved to VE Day, Monday 8 May (not Monday 1 May). */
    assert_true(vg_cal_is_holiday(&cal, D("1995-05-08"), &name));
    assert_false(vg_cal_is_holiday(&cal, D("1995-05-01"), NULL));
    /* 1999 millennium, and the substitute for New Year 2000 (a Saturday). */
    assert_true(vg_cal_is_holiday(&cal, D("1999-12-31"), &name));
    assert_string_equal(name, "Millennium celebrations");
    assert_true(vg_cal_is_holiday(&cal, D("2000-01-03"), NULL));
    /* 2002 Golden Jubilee: spring holiday moved to 4 June and an extra day on 3 June. */
    assert_true(vg_cal_is_holiday(&cal, D("2002-06-03"), NULL));
    assert_true(vg_cal_is_holiday(&cal, D("2002-06-04"), NULL));
    assert_false(vg_cal_is_holiday(&cal, D("2002-05-27"), NULL));
    /* 2011 royal wedding */
    assert_true(vg_cal_is_holiday(&cal, D("2011-04-29"), NULL));
    /* 2012: spring holiday not on the last Monday of May */
    assert_false(vg_cal_is_holiday(&cal, D("2012-05-28"), NULL));
    /* 2020: early May moved to Friday 8 May */
    assert_false(vg_cal_is_holiday(&cal, D("2020-05-04"), NULL));
    /* 2022: spring holiday moved to Thursday 2 June; not on 30 May */
    assert_false(vg_cal_is_holiday(&cal, D("2022-05-30"), NULL));
    assert_true(vg_cal_is_holiday(&cal, D("2022-09-19"), &name));
    assert_string_equal(name, "State Funeral of Queen Elizabeth II");
    assert_true(vg_cal_is_holiday(&cal, D("2023-05-08"), &name));
    assert_string_equal(name, "Coronation of King Charles III");
    /* Range ends: first and last years are filled */
    assert_true(vg_cal_is_holiday(&cal, D("1995-12-25"), NULL));
    assert_true(vg_cal_is_holiday(&cal, D("2040-12-25"), NULL));
    assert_true(vg_cal_is_holiday(&cal, D("2040-03-30"), NULL)); /* Good Friday 2040 (Easter 1 April) */
}

static void test_easter(void **state)
{
    (void)state;
    assert_int_equal(vg_easter_sunday(2014), D("2014-04-20"));
    assert_int_equal(vg_easter_sunday(2019), D("2019-04-21"));
    assert_int_equal(vg_easter_sunday(2038), D("2038-04-25")); /* latest possible */
    assert_int_equal(vg_easter_sunday(2008), D("2008-03-23"));
}

static void test_working_days(void **state)
{
    (void)state;
    vg_date out;
    vg_error err;
    /* Report on Thursday 17 April 2014: 5 working days skips Good Friday and Easter Monday. */
    assert_int_equal(vg_cal_add_working_days(&cal, D("2014-04-17"), 5, &out, &err), VG_OK);
    assert_int_equal(out, D("2014-04-28"));
    /* 1 working day after Christmas Eve 2015 (Thursday): 25 Fri and 28 Mon are holidays. */
    assert_int_equal(vg_cal_add_working_days(&cal, D("2015-12-24"), 1, &out, &err), VG_OK);
    assert_int_equal(out, D("2015-12-29"));
    /* From a Saturday, 1 working day is the Monday. */
    assert_int_equal(vg_cal_add_working_days(&cal, D("2014-06-07"), 1, &out, &err), VG_OK);
    assert_int_equal(out, D("2014-06-09"));
    assert_int_equal(vg_cal_add_working_days(&cal, D("2014-06-07"), 0, &out, &err), VG_OK);
    assert_int_equal(out, D("2014-06-07"));
    int n;
    assert_int_equal(vg_cal_working_days_between(&cal, D("2014-04-17"), D("2014-04-28"), &n, &err), VG_OK);
    assert_int_equal(n, 5);
    assert_int_equal(vg_cal_working_days_between(&cal, D("2014-04-28"), D("2014-04-17"), &n, &err), VG_OK);
    assert_int_equal(n, -5);
    /* 2014 had 253 working days in England and Wales (365 - 104 weekend days - 8 holidays). */
    assert_int_equal(vg_cal_working_days_between(&cal, D("2013-12-31"), D("2014-12-31"), &n, &err), VG_OK);
    assert_int_equal(n, 253);
    assert_true(vg_cal_is_working_day(&cal, D("2014-06-09")));
    assert_false(vg_cal_is_working_day(&cal, D("2014-05-26")));
    /* Outside the calendar: an error naming the date, not a guess. */
    assert_int_equal(vg_cal_add_working_days(&cal, D("2040-12-28"), 5, &out, &err), VG_ERR_INVALID_INPUT);
    assert_non_null(strstr(err.why, "outside"));
    assert_int_equal(vg_cal_add_working_days(&cal, D("2014-01-01"), -1, &out, &err), VG_ERR_INVALID_INPUT);
}

static void test_add_and_between_agree(void **state)
{
    (void)state;
    vg_error err;
    for (vg_date d = D("2013-01-01"); d < D("2016-01-01"); d += 3)
        for (int k = 0; k <= 12; k++) {
            vg_date out;
            int back;
            assert_int_equal(vg_cal_add_working_days(&cal, d, k, &out, &err), VG_OK);
            assert_int_equal(vg_cal_working_days_between(&cal, d, out, &back, &err), VG_OK);
            assert_int_equal(back, k);
            if (k > 0)
                assert_true(vg_cal_is_working_day(&cal, out));
        }
}

static int setup(void **state)
{
    (void)state;
    vg_calendar_init_ew(&cal);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_published_2012_2026), cmocka_unit_test(test_one_off_changes),
        cmocka_unit_test(test_easter),              cmocka_unit_test(test_working_days),
        cmocka_unit_test(test_add_and_between_agree),
    };
    return cmocka_run_group_tests_name("calendar", tests, setup, NULL);
}
