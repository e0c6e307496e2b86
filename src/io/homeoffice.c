/* homeoffice.c - "12 months ending,PFA,Region,Offence,Rolling year total number of
 * offences" rows. Period ends are the last day of a month (dd-mm-yyyy). One edition of
 * the table writes 31 December 2017 as 30-12-2017; a date one day before a month's end is
 * read as that month's end and flagged, any other day is rejected. */
#include "io/homeoffice.h"
#include "base/time.h"

#include <stdio.h>

static const char *const header[5] = {"12 months ending", "PFA", "Region", "Offence", "Rolling year total number of offences"};

bool vg_ho_is_header(const vg_csv_row *row)
{
    if (row->n != 5)
        return false;
    for (int i = 0; i < 5; i++)
        if (!vg_str_ieq_c(vg_str_trim(row->fields[i]), header[i]))
            return false;
    return true;
}

bool vg_ho_parse_row(const vg_csv_row *row, vg_ho_row *o, char *why, size_t wl)
{
    if (row->n != 5) {
        snprintf(why, wl, "%zu fields, expected 5", row->n);
        return false;
    }
    const vg_str *f = row->fields;
    vg_str d = vg_str_trim(f[0]);
    int dd, mm, yy;
    vg_date date;
    if (d.n != 10 || d.p[2] != '-' || d.p[5] != '-' || !vg_str_digits(d, 2, &dd) ||
        !vg_str_digits(vg_str_sub(d, 3, 2), 2, &mm) || !vg_str_digits(vg_str_sub(d, 6, 4), 4, &yy) ||
        !vg_date_from_ymd(yy, mm, dd, &date)) {
        snprintf(why, wl, "12 months ending: '%.*s' is not a date dd-mm-yyyy", (int)(d.n > 20 ? 20 : d.n), d.p);
        return false;
    }
    int last = vg_days_in_month(yy, mm);
    o->date_corrected = dd == last - 1;
    if (dd != last && !o->date_corrected) {
        snprintf(why, wl, "12 months ending: %.*s is not the last day of a month", (int)d.n, d.p);
        return false;
    }
    o->period_end = yy * 100 + mm;
    vg_str pfa = vg_str_trim(f[1]);
    o->force = vg_force_find(pfa.p, pfa.n);
    o->fraud_body = o->force ? NULL : vg_fraud_body_find(pfa.p, pfa.n);
    if (!o->force && !o->fraud_body) {
        snprintf(why, wl, "PFA: unknown police force area '%.*s'", (int)(pfa.n > 60 ? 60 : pfa.n), pfa.p);
        return false;
    }
    o->offence = vg_str_trim(f[3]);
    if (!o->offence.n) {
        snprintf(why, wl, "Offence: empty");
        return false;
    }
    /* Totals can be negative: the published table nets off crimes later transferred or
     * reclassified, and a few small rolling totals fall below zero. They are data. */
    if (!vg_str_to_i64(vg_str_trim(f[4]), &o->count)) {
        snprintf(why, wl, "Rolling year total number of offences: '%.*s' is not a whole number",
                 (int)(f[4].n > 20 ? 20 : f[4].n), f[4].p);
        return false;
    }
    return true;
}
