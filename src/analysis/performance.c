/* performance.c - measures, rates and changes for the performance table. */
#include "analysis/performance.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *id, *label;
} measures[VG_PM_COUNT] = {
    [VG_PM_CRIME_EXCL_FRAUD] = {"crime_excluding_fraud", "Crime excluding fraud"},
    [VG_PM_VICTIM_BASED] = {"victim_based_crime", "Victim-based crime"},
    [VG_PM_SEXUAL] = {"sexual_offences", "Sexual offences"},
    [VG_PM_VIOLENCE_WITH_INJURY] = {"violence_with_injury", "Violence with injury"},
    [VG_PM_DOMESTIC_BURGLARY] = {"domestic_burglary", "Domestic burglary"},
    [VG_PM_ASB] = {"asb_incidents", "Anti-social behaviour incidents"},
};

static const char *const sources[] = {"home-office", "police-uk", "records"};

const char *vg_perf_measure_id(vg_perf_measure m) { return m < VG_PM_COUNT ? measures[m].id : "?"; }
const char *vg_perf_measure_label(vg_perf_measure m) { return m < VG_PM_COUNT ? measures[m].label : "?"; }
const char *vg_perf_source_name(vg_perf_source s) { return (unsigned)s < 3 ? sources[s] : "?"; }

bool vg_perf_source_parse(const char *s, vg_perf_source *out)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, sources[i]) == 0) {
            *out = (vg_perf_source)i;
            return true;
        }
    return false;
}

bool vg_perf_measure_has_subgroup(vg_perf_measure m, vg_subgroup sg)
{
    switch (m) {
    case VG_PM_CRIME_EXCL_FRAUD: return vg_measure_includes(VG_MEASURE_CRIME_EXCL_FRAUD, sg);
    case VG_PM_VICTIM_BASED: return vg_measure_includes(VG_MEASURE_VICTIM_BASED, sg);
    case VG_PM_SEXUAL: return vg_subgroup_group(sg) == VG_GRP_SEXUAL;
    case VG_PM_VIOLENCE_WITH_INJURY: return sg == VG_SG_VIOLENCE_WITH_INJURY;
    case VG_PM_DOMESTIC_BURGLARY: return sg == VG_SG_DOMESTIC_BURGLARY;
    default: return false;
    }
}

bool vg_perf_measure_from_policeuk(vg_perf_measure m)
{
    return m == VG_PM_CRIME_EXCL_FRAUD || m == VG_PM_VICTIM_BASED || m == VG_PM_ASB;
}

bool vg_perf_measure_has_puk_type(vg_perf_measure m, vg_puk_type t)
{
    if (t == VG_PUK_NONE)
        return false;
    vg_puk_type cur = vg_puk_type_info_of(t)->successor;
    switch (m) {
    case VG_PM_ASB: return cur == VG_PUK_ASB;
    case VG_PM_CRIME_EXCL_FRAUD: return cur != VG_PUK_ASB;
    case VG_PM_VICTIM_BASED:
        /* everything but drugs, weapons, public order and "other crime" (mostly crimes
         * against society); legacy "public disorder and weapons" likewise */
        return cur != VG_PUK_ASB && cur != VG_PUK_DRUGS && cur != VG_PUK_POSSESSION_OF_WEAPONS &&
               cur != VG_PUK_PUBLIC_ORDER && cur != VG_PUK_OTHER_CRIME;
    default: return false;
    }
}

bool vg_perf_measure_prefers_households(vg_perf_measure m) { return m == VG_PM_DOMESTIC_BURGLARY; }

double vg_rate_per_1000(int64_t count, int64_t denominator)
{
    if (denominator <= 0)
        return 0;
    return round(10000.0 * (double)count / (double)denominator) / 10.0;
}

bool vg_percent_change(int64_t before, int64_t now, double *out)
{
    if (before <= 0)
        return false;
    *out = round(1000.0 * (double)(now - before) / (double)before) / 10.0;
    return true;
}

void vg_perf_cell_rate(vg_perf_cell *c)
{
    c->has_rate = c->available && c->denominator > 0;
    c->rate = c->has_rate ? vg_rate_per_1000(c->count, c->denominator) : 0;
}

void vg_perf_note(vg_perf_report *r, const char *fmt, ...)
{
    size_t n = strlen(r->notes);
    if (n + 2 >= sizeof r->notes)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->notes + n, sizeof r->notes - n - 1, fmt, ap);
    va_end(ap);
    n = strlen(r->notes);
    r->notes[n] = '\n';
    r->notes[n + 1] = '\0';
}

int vg_yyyymm_add(int yyyymm, int months)
{
    int m = (yyyymm / 100) * 12 + (yyyymm % 100 - 1) + months;
    return (m / 12) * 100 + m % 12 + 1;
}

static void set_denominator(vg_perf_cell *c, bool households)
{
    c->per_households = households;
    c->denominator = households ? c->households : c->population;
    c->denominator_year = households ? c->households_year : c->population_year;
    vg_perf_cell_rate(c);
}

void vg_perf_choose_denominators(vg_perf_report *r)
{
    for (int m = 0; m < VG_PM_COUNT; m++) {
        bool hh = vg_perf_measure_prefers_households((vg_perf_measure)m);
        vg_perf_cell *cells[2 + VG_PERF_MAX_COMPARE];
        int n = 0;
        cells[n++] = &r->force.cells[m];
        cells[n++] = &r->ew.cells[m];
        for (int i = 0; i < r->n_compare; i++)
            cells[n++] = &r->compare[i].cells[m];
        int shown = 0, year = 0;
        for (int i = 0; i < n; i++)
            if (cells[i]->available) {
                shown++;
                if (cells[i]->households <= 0 || (year && cells[i]->households_year != year))
                    hh = false; /* unknown somewhere, or counts of different years side by side */
                year = cells[i]->households_year;
            }
        hh = hh && shown > 0;
        for (int i = 0; i < n; i++)
            set_denominator(cells[i], hh);
        if (hh)
            r->households_year = year;
    }
}
