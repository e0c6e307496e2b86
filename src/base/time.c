/* time.c - proleptic Gregorian arithmetic (days-from-civil, after H. Hinnant) and
 * strict ISO 8601 parsing. */
#include "base/time.h"

#include <stdio.h>
#include <time.h>

bool vg_is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int vg_days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return dm[m - 1] + (m == 2 && vg_is_leap_year(y));
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

bool vg_date_from_ymd(int y, int m, int d, vg_date *out)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > vg_days_in_month(y, m))
        return false;
    *out = (vg_date)days_from_civil(y, (unsigned)m, (unsigned)d);
    return true;
}

void vg_date_to_ymd(vg_date day, int *y, int *m, int *d)
{
    int64_t z = (int64_t)day + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t yy = (int64_t)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

int vg_date_weekday(vg_date day)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    int64_t w = ((int64_t)day + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

bool vg_date_parse(vg_str s, vg_date *out)
{
    int y, m, d;
    if (s.n != 10 || s.p[4] != '-' || s.p[7] != '-')
        return false;
    if (!vg_str_digits(s, 4, &y) || !vg_str_digits(vg_str_sub(s, 5, 2), 2, &m) ||
        !vg_str_digits(vg_str_sub(s, 8, 2), 2, &d))
        return false;
    return vg_date_from_ymd(y, m, d, out);
}

void vg_date_words(vg_date day, char out[VG_DATE_WORDS_LEN])
{
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, d;
    vg_date_to_ymd(day, &y, &m, &d);
    snprintf(out, VG_DATE_WORDS_LEN, "%u %s %04u", (unsigned)d % 100u, months[(unsigned)(m - 1) % 12u],
             (unsigned)y % 10000u);
}

void vg_date_format(vg_date day, char out[VG_DATE_LEN])
{
    int y, m, d;
    vg_date_to_ymd(day, &y, &m, &d);
    snprintf(out, VG_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

bool vg_month_parse(vg_str s, vg_month *out)
{
    int y, m;
    if (s.n != 7 || s.p[4] != '-')
        return false;
    if (!vg_str_digits(s, 4, &y) || !vg_str_digits(vg_str_sub(s, 5, 2), 2, &m))
        return false;
    if (y < 1 || m < 1 || m > 12)
        return false;
    *out = vg_month_make(y, m);
    return true;
}

void vg_month_format(vg_month mo, char out[VG_MONTH_LEN])
{
    snprintf(out, VG_MONTH_LEN, "%04u-%02u", (unsigned)vg_month_year(mo) % 10000u, (unsigned)vg_month_num(mo) % 100u);
}

vg_date vg_month_first_day(vg_month mo)
{
    vg_date d = 0;
    (void)vg_date_from_ymd(vg_month_year(mo), vg_month_num(mo), 1, &d);
    return d;
}

vg_month vg_month_of(vg_date day)
{
    int y, m, d;
    vg_date_to_ymd(day, &y, &m, &d);
    return vg_month_make(y, m);
}

bool vg_time_parse(vg_str s, vg_time *out)
{
    vg_date day;
    if (s.n < 10 || !vg_date_parse(vg_str_sub(s, 0, 10), &day))
        return false;
    int64_t secs = 0;
    size_t i = 10;
    if (i < s.n) {
        if (s.p[i] != 'T' && s.p[i] != ' ')
            return false;
        i++;
        int hh, mm, ss = 0;
        if (s.n - i < 5 || s.p[i + 2] != ':' || !vg_str_digits(vg_str_sub(s, i, 2), 2, &hh) ||
            !vg_str_digits(vg_str_sub(s, i + 3, 2), 2, &mm))
            return false;
        i += 5;
        if (i < s.n && s.p[i] == ':') {
            if (!vg_str_digits(vg_str_sub(s, i + 1, 2), 2, &ss))
                return false;
            i += 3;
            if (i < s.n && (s.p[i] == '.' || s.p[i] == ',')) {
                size_t j = i + 1;
                while (j < s.n && s.p[j] >= '0' && s.p[j] <= '9')
                    j++;
                if (j == i + 1)
                    return false;
                i = j;
            }
        }
        if (hh > 23 || mm > 59 || ss > 59)
            return false;
        secs = hh * 3600 + mm * 60 + ss;
        if (i < s.n) {
            char z = s.p[i];
            if (z == 'Z' && i + 1 == s.n) {
                i++;
            } else if (z == '+' || z == '-') {
                int oh, om;
                vg_str rest = vg_str_sub(s, i + 1, s.n);
                if (rest.n == 5 && rest.p[2] == ':' && vg_str_digits(rest, 2, &oh) &&
                    vg_str_digits(vg_str_sub(rest, 3, 2), 2, &om)) {
                } else if (rest.n == 4 && vg_str_digits(rest, 2, &oh) &&
                           vg_str_digits(vg_str_sub(rest, 2, 2), 2, &om)) {
                } else {
                    return false;
                }
                if (oh > 23 || om > 59)
                    return false;
                int64_t off = oh * 3600 + om * 60;
                secs -= z == '+' ? off : -off;
                i = s.n;
            } else {
                return false;
            }
        }
    }
    if (i != s.n)
        return false;
    *out = (vg_time)day * 86400 + secs;
    return true;
}

void vg_time_format(vg_time t, char out[VG_TIME_LEN])
{
    vg_date day = vg_time_date(t);
    int64_t rem = t - (int64_t)day * 86400;
    int y, m, d;
    vg_date_to_ymd(day, &y, &m, &d);
    snprintf(out, VG_TIME_LEN, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u, (unsigned)(rem / 3600) % 100u, (unsigned)(rem / 60 % 60), (unsigned)(rem % 60));
}

vg_time vg_time_now(void) { return (vg_time)time(NULL); }

vg_time vg_time_add_months(vg_time t, int months)
{
    vg_date d = vg_time_date(t);
    vg_time secs = t - vg_date_time(d);
    int y, m, day;
    vg_date_to_ymd(d, &y, &m, &day);
    int total = y * 12 + (m - 1) + months;
    int ny = total >= 0 ? total / 12 : -((-total + 11) / 12), nm = total - ny * 12 + 1;
    int dim = vg_days_in_month(ny, nm);
    vg_date out;
    if (!vg_date_from_ymd(ny, nm, day <= dim ? day : dim, &out))
        return t;
    return vg_date_time(out) + secs;
}

int vg_age_on(vg_date dob, vg_date day)
{
    if (day < dob)
        return -1;
    int by, bm, bd, y, m, d;
    vg_date_to_ymd(dob, &by, &bm, &bd);
    vg_date_to_ymd(day, &y, &m, &d);
    int age = y - by;
    if (m < bm || (m == bm && d < bd))
        age--;
    return age;
}

bool vg_date_read(const char *s, vg_date *out)
{
    int a, b, c;
    char tail;
    if (!s)
        return false;
    if (sscanf(s, "%d/%d/%d%c", &a, &b, &c, &tail) == 3 && c >= 1000 && c <= 9999)
        return vg_date_from_ymd(c, b, a, out);
    if (sscanf(s, "%d-%d-%d%c", &a, &b, &c, &tail) == 3 && a >= 1000 && a <= 9999)
        return vg_date_from_ymd(a, b, c, out);
    return false;
}

/* 01:00 UTC on the last Sunday of the month */
static vg_time last_sunday_1am(int y, int m)
{
    vg_date d = 0;
    if (!vg_date_from_ymd(y, m, vg_days_in_month(y, m), &d))
        return INT64_MIN; /* a year the calendar does not hold: no summer time */
    d -= vg_date_weekday(d) % 7; /* weekday: 0 Sunday ... 6 Saturday, or 7 Sunday */
    return vg_date_time(d) + 3600;
}

vg_time vg_time_uk(vg_time t, bool *summer)
{
    int y, m, dd;
    vg_date_to_ymd(vg_time_date(t), &y, &m, &dd);
    vg_time start = last_sunday_1am(y, 3), end = last_sunday_1am(y, 10);
    bool bst = start != INT64_MIN && end != INT64_MIN && t >= start && t < end;
    if (summer)
        *summer = bst;
    return bst ? t + 3600 : t;
}
