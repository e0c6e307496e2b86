/* time.h - calendar dates, months and UTC instants; ISO 8601 parsing and formatting. */
#ifndef VG_TIME_H
#define VG_TIME_H

#include "base/str.h"

#include <stdbool.h>
#include <stdint.h>

typedef int32_t vg_date;  /* days since 1970-01-01 (proleptic Gregorian) */
typedef int32_t vg_month; /* year * 12 + (month - 1) */
typedef int64_t vg_time;  /* seconds since 1970-01-01T00:00:00Z */

#define VG_DATE_LEN 11  /* "YYYY-MM-DD" + NUL */
#define VG_MONTH_LEN 8  /* "YYYY-MM" + NUL */
#define VG_TIME_LEN 21  /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */

bool vg_date_from_ymd(int y, int m, int d, vg_date *out); /* false if not a real date */
void vg_date_to_ymd(vg_date day, int *y, int *m, int *d);
int vg_days_in_month(int y, int m);
bool vg_is_leap_year(int y);
/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int vg_date_weekday(vg_date day);

/* "YYYY-MM-DD" exactly. */
bool vg_date_parse(vg_str s, vg_date *out);
/* A date as people type it: dd/mm/yyyy (or d/m/yyyy) or yyyy-mm-dd, nothing else after
 * it; false if not a real date. */
bool vg_date_read(const char *s, vg_date *out);
void vg_date_format(vg_date day, char out[VG_DATE_LEN]);
/* A date as people read it: "1 Nov 1956". */
#define VG_DATE_WORDS_LEN 16
void vg_date_words(vg_date day, char out[VG_DATE_WORDS_LEN]);

/* "YYYY-MM" exactly, months 01-12. */
bool vg_month_parse(vg_str s, vg_month *out);
void vg_month_format(vg_month m, char out[VG_MONTH_LEN]);
static inline vg_month vg_month_make(int y, int m) { return (vg_month)(y * 12 + (m - 1)); }
static inline int vg_month_year(vg_month m) { return m / 12; }
static inline int vg_month_num(vg_month m) { return m % 12 + 1; }
vg_date vg_month_first_day(vg_month m);
vg_month vg_month_of(vg_date day);

/* ISO 8601 instant: "YYYY-MM-DD", or "YYYY-MM-DD[T ]HH:MM[:SS[.fraction]]" followed by
 * "Z", "+HH:MM", "+HHMM", "-HH:MM" or nothing (nothing means UTC). Fractions are
 * truncated to the second. Leap second :60 is rejected. */
bool vg_time_parse(vg_str s, vg_time *out);
void vg_time_format(vg_time t, char out[VG_TIME_LEN]);
static inline vg_date vg_time_date(vg_time t)
{
    return (vg_date)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}
static inline vg_time vg_date_time(vg_date d) { return (vg_time)d * 86400; }
vg_time vg_time_now(void);
/* The time as a clock in the UK shows it (Europe/London): an hour ahead of UTC in British
 * Summer Time, from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
 * of October (the rule since 1996); *summer (may be NULL) says which. */
vg_time vg_time_uk(vg_time t, bool *summer);
/* The same time of day `months` calendar months later (earlier if negative); a day that
 * the target month lacks becomes its last day (31 March - 1 month = 28/29 February). */
vg_time vg_time_add_months(vg_time t, int months);
/* Whole years from dob to day (an age); -1 if day is before dob. */
int vg_age_on(vg_date dob, vg_date day);

#endif
