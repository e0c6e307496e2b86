/* calendar.c - England & Wales bank holidays as rules plus a table of one-off changes.
 * Sources: Banking and Financial Dealings Act 1971 schedule; royal proclamations for the
 * moves and extra days listed in `one_offs` below. */
#include "base/calendar.h"

#include <stdlib.h>

enum rule { NEW_YEAR, GOOD_FRIDAY, EASTER_MONDAY, EARLY_MAY, SPRING, SUMMER, CHRISTMAS, BOXING };

/* A rule-based holiday moved to another date in one year. */
static const struct {
    int year;
    enum rule rule;
    int month, day;
    const char *name;
} moves[] = {
    {1995, EARLY_MAY, 5, 8, "Early May bank holiday (VE Day)"},
    {2002, SPRING, 6, 4, "Spring bank holiday"},
    {2012, SPRING, 6, 4, "Spring bank holiday"},
    {2020, EARLY_MAY, 5, 8, "Early May bank holiday (VE Day)"},
    {2022, SPRING, 6, 2, "Spring bank holiday"},
};

/* Extra, one-off bank holidays. */
static const struct {
    int year, month, day;
    const char *name;
} one_offs[] = {
    {1999, 12, 31, "Millennium celebrations"},
    {2002, 6, 3, "Golden Jubilee of Queen Elizabeth II"},
    {2011, 4, 29, "Wedding of Prince William and Catherine Middleton"},
    {2012, 6, 5, "Diamond Jubilee of Queen Elizabeth II"},
    {2022, 6, 3, "Platinum Jubilee of Queen Elizabeth II"},
    {2022, 9, 19, "State Funeral of Queen Elizabeth II"},
    {2023, 5, 8, "Coronation of King Charles III"},
};

vg_date vg_easter_sunday(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    vg_date out = 0;
    (void)vg_date_from_ymd(y, month, day, &out);
    return out;
}

static vg_date ymd(int y, int m, int d)
{
    vg_date out = 0;
    (void)vg_date_from_ymd(y, m, d, &out);
    return out;
}

/* First Monday on or after day. */
static vg_date monday_on_or_after(vg_date day) { return day + (8 - vg_date_weekday(day)) % 7; }

static vg_date last_monday(int y, int m)
{
    vg_date last = ymd(y, m, vg_days_in_month(y, m));
    return last - (vg_date_weekday(last) - 1);
}

static void add(vg_calendar *cal, vg_date d, const char *name)
{
    if (cal->count < VG_CAL_MAX_HOLIDAYS)
        cal->days[cal->count++] = (vg_holiday){d, name};
}

static bool moved(int y, enum rule r, vg_calendar *cal)
{
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        if (moves[i].year == y && moves[i].rule == r) {
            add(cal, ymd(y, moves[i].month, moves[i].day), moves[i].name);
            return true;
        }
    return false;
}

static void add_year(vg_calendar *cal, int y)
{
    vg_date ny = ymd(y, 1, 1);
    int w = vg_date_weekday(ny);
    add(cal, w >= 6 ? monday_on_or_after(ny) : ny,
        w >= 6 ? "New Year's Day (substitute day)" : "New Year's Day");

    vg_date easter = vg_easter_sunday(y);
    add(cal, easter - 2, "Good Friday");
    add(cal, easter + 1, "Easter Monday");
    if (!moved(y, EARLY_MAY, cal))
        add(cal, monday_on_or_after(ymd(y, 5, 1)), "Early May bank holiday");
    if (!moved(y, SPRING, cal))
        add(cal, last_monday(y, 5), "Spring bank holiday");
    add(cal, last_monday(y, 8), "Summer bank holiday");

    /* Christmas and Boxing Day: a day falling at the weekend is replaced by the next
     * weekday not already a holiday. */
    vg_date xmas = ymd(y, 12, 25), boxing = ymd(y, 12, 26);
    int wx = vg_date_weekday(xmas);
    if (wx == 6) {        /* Sat: Mon 27 for Christmas, Tue 28 for Boxing Day */
        add(cal, xmas + 2, "Christmas Day (substitute day)");
        add(cal, xmas + 3, "Boxing Day (substitute day)");
    } else if (wx == 7) { /* Sun: Boxing Day Mon 26, Christmas substitute Tue 27 */
        add(cal, boxing, "Boxing Day");
        add(cal, xmas + 2, "Christmas Day (substitute day)");
    } else if (wx == 5) { /* Fri: Boxing Day Sat -> Mon 28 */
        add(cal, xmas, "Christmas Day");
        add(cal, xmas + 3, "Boxing Day (substitute day)");
    } else {
        add(cal, xmas, "Christmas Day");
        add(cal, boxing, "Boxing Day");
    }
    for (size_t i = 0; i < sizeof one_offs / sizeof one_offs[0]; i++)
        if (one_offs[i].year == y)
            add(cal, ymd(y, one_offs[i].month, one_offs[i].day), one_offs[i].name);
}

static int cmp_holiday(const void *a, const void *b)
{
    const vg_holiday *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

void vg_calendar_init_ew(vg_calendar *cal)
{
    cal->count = 0;
    for (int y = VG_CAL_FIRST_YEAR; y <= VG_CAL_LAST_YEAR; y++)
        add_year(cal, y);
    qsort(cal->days, (size_t)cal->count, sizeof cal->days[0], cmp_holiday);
    cal->first = ymd(VG_CAL_FIRST_YEAR, 1, 1);
    cal->last = ymd(VG_CAL_LAST_YEAR, 12, 31);
}

bool vg_cal_is_holiday(const vg_calendar *cal, vg_date day, const char **name)
{
    int lo = 0, hi = cal->count - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (cal->days[mid].date == day) {
            if (name)
                *name = cal->days[mid].name;
            return true;
        }
        if (cal->days[mid].date < day)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return false;
}

bool vg_cal_is_working_day(const vg_calendar *cal, vg_date day)
{
    return vg_date_weekday(day) <= 5 && !vg_cal_is_holiday(cal, day, NULL);
}

static vg_err out_of_range(vg_error *err, vg_date d)
{
    char buf[VG_DATE_LEN];
    vg_date_format(d, buf);
    return vg_error_set(err, VG_ERR_INVALID_INPUT, buf,
                        "outside the bank-holiday calendar (%d-%d)", VG_CAL_FIRST_YEAR,
                        VG_CAL_LAST_YEAR);
}

vg_err vg_cal_add_working_days(const vg_calendar *cal, vg_date from, int n, vg_date *out,
                               vg_error *err)
{
    if (n < 0)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "n", "working days must not be negative");
    vg_date d = from;
    while (n > 0) {
        d++;
        if (d < cal->first || d > cal->last)
            return out_of_range(err, d);
        if (vg_cal_is_working_day(cal, d))
            n--;
    }
    *out = d;
    return VG_OK;
}

vg_err vg_cal_working_days_between(const vg_calendar *cal, vg_date from, vg_date to, int *out,
                                   vg_error *err)
{
    int sign = 1;
    if (to < from) {
        vg_date t = from;
        from = to;
        to = t;
        sign = -1;
    }
    if (from < cal->first - 1 || to > cal->last)
        return out_of_range(err, from < cal->first - 1 ? from : to);
    int n = 0;
    for (vg_date d = from + 1; d <= to; d++)
        n += vg_cal_is_working_day(cal, d);
    *out = sign * n;
    return VG_OK;
}
