/* synth.h - the synthetic force: a fictional "Wessex Constabulary" calibrated to
 * Hampshire 2013/14, with realistic repeat victimisation, near-repeat burglary, crime
 * concentration, domestic abuse, offender networks and duplicate person records, plus a
 * hidden ground-truth table. Deterministic for a given seed and options. */
#ifndef VG_SYNTH_H
#define VG_SYNTH_H

#include "base/err.h"
#include "base/time.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct vg_store vg_store;

typedef struct vg_synth_options {
    uint64_t seed;  /* default 1 */
    double scale;   /* default 1.0: everything scales, population included */
    vg_month from;  /* first month; default 2013-07 (so 12 months end June 2014) */
    int months;     /* default 12 */
    bool progress;  /* show a progress bar when stderr is a terminal */
} vg_synth_options;

/* The defaults: the calibration period, the 12 months to June 2014. */
void vg_synth_options_default(vg_synth_options *o);
/* The 12 months that end with the last complete month before `now` (a force whose last
 * 12 months end now, as `vigil synth` and `vigil demo` make by default). */
void vg_synth_options_current(vg_synth_options *o, vg_time now);

typedef struct vg_synth_report {
    const char *force_name;
    int64_t population, households, local_authorities, neighbourhoods, lsoas;
    int64_t addresses, places;
    int64_t true_persons;      /* distinct (fictional) people who appear in records */
    int64_t person_records;    /* person records, duplicates included */
    int64_t location_records;  /* addresses, places and duplicate address records */
    int64_t incidents, asb_incidents, crime_incidents_uncrimed;
    int64_t crimes, crimes_removed;
    int64_t victims, victimisations;
    double top5_victim_share;  /* share of person-victim crimes suffered by the top 5% of victims */
    double repeat_victim_share;/* share of victims victimised more than once */
    int64_t near_repeat_offspring; /* burglaries triggered by an earlier one */
    int64_t da_pairs, offenders, ocgs;
} vg_synth_report;

/* Fills an empty store. Everything is written in one transaction: on failure nothing
 * is left behind. */
vg_err vg_synth_run(vg_store *store, const vg_synth_options *opt, vg_synth_report *rep, vg_error *err) VG_MUST_CHECK;

/* The calibration targets: recorded crimes in the 12 months to June 2014 for Hampshire,
 * per "Offence" of the Home Office force-area table (derived from
 * shared/data/home-office/rec-crime-pfa.csv; a unit test re-derives them). */
typedef struct vg_synth_target {
    const char *ho_category;
    int count;
} vg_synth_target;
int vg_synth_target_count(void);
vg_synth_target vg_synth_target_at(int i); /* 0 <= i < vg_synth_target_count() */
/* ASB incidents in 12 months at scale 1 (Hampshire, 12 months to March 2014: 60,072). */
#define VG_SYNTH_ASB_12M 60072
/* Resident population at scale 1 (ONS mid-2013, Hampshire police force area). */
#define VG_SYNTH_POPULATION 1925263

#endif
