/* calendar.h - the England & Wales bank-holiday calendar (1995-2040) and working-day
 * arithmetic, used for Victims' Code deadlines and NCRS clocks. */
#ifndef VG_CALENDAR_H
#define VG_CALENDAR_H

#include "base/err.h"
#include "base/time.h"

#include <stdbool.h>

#define VG_CAL_FIRST_YEAR 1995
#define VG_CAL_LAST_YEAR 2040
#define VG_CAL_MAX_HOLIDAYS ((VG_CAL_LAST_YEAR - VG_CAL_FIRST_YEAR + 1) * 12)

typedef struct vg_holiday {
    vg_date date;
    const char *name; /* static string */
} vg_holiday;

/* A filled calendar; no allocation, safe to keep on the stack or in a struct. */
typedef struct vg_calendar {
    vg_holiday days[VG_CAL_MAX_HOLIDAYS]; /* sorted by date */
    int count;
    vg_date first; /* 1995-01-01 */
    vg_date last;  /* 2040-12-31 */
} vg_calendar;

/* Fills cal with every England & Wales bank holiday from 1995 to 2040: the fixed
 * rules, Easter, substitute days, and the one-off moves and additions. */
void vg_calendar_init_ew(vg_calendar *cal);

/* True if day is a bank holiday; *name (optional) gets its name. */
bool vg_cal_is_holiday(const vg_calendar *cal, vg_date day, const char **name);
/* Monday-Friday and not a bank holiday. */
bool vg_cal_is_working_day(const vg_calendar *cal, vg_date day);
/* The date n working days after from (n >= 0; from itself need not be a working day).
 * n = 0 gives from. Fails with VG_ERR_INVALID_INPUT outside 1995-2040. */
vg_err vg_cal_add_working_days(const vg_calendar *cal, vg_date from, int n, vg_date *out,
                               vg_error *err) VG_MUST_CHECK;
/* Working days in (from, to]; negative if to < from. Fails outside 1995-2040. */
vg_err vg_cal_working_days_between(const vg_calendar *cal, vg_date from, vg_date to, int *out,
                                   vg_error *err) VG_MUST_CHECK;
/* Easter Sunday of year y (Gregorian computus). */
vg_date vg_easter_sunday(int y);

#endif
