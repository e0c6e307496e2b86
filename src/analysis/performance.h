/* performance.h - the inspection performance table: the headline measures, rates per
 * 1,000, percentage change, and the report structure that service/ fills and the faces
 * render. Pure logic: no storage. */
#ifndef VG_PERFORMANCE_H
#define VG_PERFORMANCE_H

#include "base/err.h"
#include "base/time.h"
#include "domain/offence.h"
#include "domain/policeuk.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum vg_perf_measure {
    VG_PM_CRIME_EXCL_FRAUD, VG_PM_VICTIM_BASED, VG_PM_SEXUAL, VG_PM_VIOLENCE_WITH_INJURY,
    VG_PM_DOMESTIC_BURGLARY, VG_PM_ASB, VG_PM_COUNT
} vg_perf_measure;

typedef enum vg_perf_source { VG_PS_HOME_OFFICE, VG_PS_POLICE_UK, VG_PS_RECORDS } vg_perf_source;

const char *vg_perf_measure_id(vg_perf_measure m);    /* "crime_excluding_fraud", ... */
const char *vg_perf_measure_label(vg_perf_measure m); /* "Crime excluding fraud", ... */
const char *vg_perf_source_name(vg_perf_source s);    /* "home-office", ... */
bool vg_perf_source_parse(const char *s, vg_perf_source *out);

/* Which recorded-crime subgroups a measure counts (false for ASB). */
bool vg_perf_measure_has_subgroup(vg_perf_measure m, vg_subgroup sg);
/* Whether police.uk data can give the measure at all (its types merge sexual offences
 * with violence and domestic with other burglary), and whether a type counts in it. */
bool vg_perf_measure_from_policeuk(vg_perf_measure m);
bool vg_perf_measure_has_puk_type(vg_perf_measure m, vg_puk_type t);
/* Domestic burglary is per 1,000 households where households are known. */
bool vg_perf_measure_prefers_households(vg_perf_measure m);

/* rate per 1,000 to one decimal place (0 if the denominator is not positive) */
double vg_rate_per_1000(int64_t count, int64_t denominator);
/* percentage change from before to now, to one decimal place; false if before <= 0 */
bool vg_percent_change(int64_t before, int64_t now, double *out);

/* One cell of the table: a measure for one area. */
typedef struct vg_perf_cell {
    bool available;      /* false: this source cannot give it, or data is missing (see note) */
    int64_t count;
    int64_t population, households; /* -1 if unknown */
    int64_t denominator; /* population or households */
    bool per_households;
    int population_year, households_year; /* of the figures in population and households */
    int denominator_year;
    bool has_rate;
    double rate;         /* per 1,000 */
} vg_perf_cell;

#define VG_PERF_MAX_COMPARE 8
#define VG_PERF_SERIES 17 /* quarters over four years, both ends included */

typedef struct vg_perf_area {
    char name[96];
    char slug[64];
    vg_perf_cell cells[VG_PM_COUNT];
    int months; /* police.uk: months of data found in the 12 (else 12) */
} vg_perf_area;

typedef struct vg_perf_change {
    bool force_available, ew_available;
    double force_pct, ew_pct;
    int to; /* yyyymm of the earlier period's end */
} vg_perf_change;

typedef struct vg_perf_report {
    vg_perf_source source;
    int from, to;                      /* yyyymm: the 12 months */
    int population_year;               /* the ONS mid-year estimate used (year before the period ends) */
    int households_year;               /* domestic burglary per households: the year of the counts, else 0 */
    vg_perf_area force;
    vg_perf_area ew;                   /* England and Wales: the 43 territorial forces */
    bool ew_available;
    int ew_forces;                     /* forces counted in England and Wales */
    char ew_excluded[2048];            /* forces left out of England and Wales rates, and why (43 names fit) */
    vg_perf_area compare[VG_PERF_MAX_COMPARE];
    int n_compare;
    vg_perf_change vs_4_years, vs_previous_year; /* crime excluding fraud, counts */
    struct { int to; bool force_ok, ew_ok; double force_rate, ew_rate; } series[VG_PERF_SERIES];
    int n_series;
    char notes[8192];                  /* sentences for the reader, newline-separated */
} vg_perf_report;

/* Appends a sentence to report->notes. */
void vg_perf_note(vg_perf_report *r, const char *fmt, ...) VG_PRINTF(2, 3);
/* Fills a cell's rate from its count and denominator. */
void vg_perf_cell_rate(vg_perf_cell *c);
/* Chooses each measure's denominator for the whole report: households for domestic
 * burglary only when every area shown has households of one year, else population for
 * all, so the rates side by side are comparable. */
void vg_perf_choose_denominators(vg_perf_report *r);
/* yyyymm arithmetic */
int vg_yyyymm_add(int yyyymm, int months);

#endif
