/* offence.h - Home Office offence codes -> offence subgroup -> ONS offence group ->
 * police.uk crime type, with the dates each code could be used, and the headline
 * measures ("crime excluding fraud", "victim-based crime"). */
#ifndef VG_OFFENCE_H
#define VG_OFFENCE_H

#include "base/time.h"
#include "domain/policeuk.h"

#include <stdbool.h>
#include <stddef.h>

/* ONS offence groups (police force area tables). */
typedef enum vg_ons_group {
    VG_GRP_VIOLENCE, VG_GRP_SEXUAL, VG_GRP_ROBBERY, VG_GRP_THEFT, VG_GRP_DAMAGE_ARSON,
    VG_GRP_DRUGS, VG_GRP_WEAPONS, VG_GRP_PUBLIC_ORDER, VG_GRP_MISC, VG_GRP_FRAUD, VG_GRP_COUNT
} vg_ons_group;

/* The three classes the groups fall into. */
typedef enum vg_crime_class { VG_CLASS_VICTIM_BASED, VG_CLASS_AGAINST_SOCIETY, VG_CLASS_FRAUD } vg_crime_class;

/* Offence subgroups. Their structure is that of the Home Office open-data table of
 * recorded crime by force area, which is back-cast: harassment/stalking and death or
 * serious injury by illegal driving are their own subgroups for every year, so figures
 * computed from records compare like with like against that table. */
typedef enum vg_subgroup {
    VG_SG_HOMICIDE, VG_SG_DEATH_DRIVING, VG_SG_VIOLENCE_WITH_INJURY, VG_SG_VIOLENCE_WITHOUT_INJURY,
    VG_SG_STALKING_HARASSMENT, VG_SG_RAPE, VG_SG_OTHER_SEXUAL, VG_SG_ROBBERY_BUSINESS,
    VG_SG_ROBBERY_PERSONAL, VG_SG_DOMESTIC_BURGLARY, VG_SG_NON_DOMESTIC_BURGLARY, VG_SG_VEHICLE,
    VG_SG_THEFT_FROM_PERSON, VG_SG_BICYCLE_THEFT, VG_SG_SHOPLIFTING, VG_SG_OTHER_THEFT,
    VG_SG_CRIMINAL_DAMAGE, VG_SG_ARSON, VG_SG_DRUG_TRAFFICKING, VG_SG_DRUG_POSSESSION,
    VG_SG_WEAPONS, VG_SG_PUBLIC_ORDER, VG_SG_MISC, VG_SG_FRAUD, VG_SG_COUNT
} vg_subgroup;

/* Headline measures. */
typedef enum vg_measure {
    VG_MEASURE_TOTAL_INCL_FRAUD, VG_MEASURE_CRIME_EXCL_FRAUD, VG_MEASURE_VICTIM_BASED,
    VG_MEASURE_AGAINST_SOCIETY, VG_MEASURE_COUNT
} vg_measure;

typedef struct vg_offence {
    const char *code;  /* e.g. "28E", "4.10", "105A" */
    const char *label;
    vg_subgroup subgroup;
    int valid_from;    /* yyyymmdd; 0 = in use before Vigil's earliest data */
    int valid_to;      /* yyyymmdd inclusive; 99991231 = still in use */
} vg_offence;

const vg_offence *vg_offences(size_t *count);
/* Exact (case-insensitive) code match; NULL if unknown. */
const vg_offence *vg_offence_find(const char *code);
bool vg_offence_valid_on(const vg_offence *o, vg_date day);

const char *vg_subgroup_label(vg_subgroup sg);
vg_ons_group vg_subgroup_group(vg_subgroup sg);
/* The "Offence" string of the Home Office force-area table for this subgroup
 * ("Robbery" for both robbery subgroups, "Sexual offences" for rape and other, ...). */
const char *vg_subgroup_ho_category(vg_subgroup sg);
vg_puk_type vg_subgroup_policeuk(vg_subgroup sg);

/* Maps an "Offence" string of the Home Office force-area table to a subgroup that
 * stands for it in the measures ("Residential burglary" -> domestic burglary, "Action
 * Fraud" -> fraud, ...). False for strings the table does not know. */
bool vg_ho_category_subgroup(const char *s, size_t len, vg_subgroup *out);

/* A crime type named the way analysts name them: a police.uk crime type by its label or
 * slug ("Burglary", "vehicle-crime"), an offence subgroup by its label ("Domestic
 * burglary"), or an ONS offence group ("Theft offences"); case-insensitive. Sets in[sg]
 * for every subgroup it covers; false if the name is none of these. */
bool vg_crime_type_parse(const char *name, bool in[VG_SG_COUNT]);
const char *vg_group_label(vg_ons_group g);
vg_crime_class vg_group_class(vg_ons_group g);
/* Finds a group by its label ("Drug offences"); false if unknown. */
bool vg_group_from_label(const char *label, vg_ons_group *out);

const char *vg_measure_id(vg_measure m);    /* "crime_excluding_fraud" */
const char *vg_measure_label(vg_measure m); /* "Crime excluding fraud" */
bool vg_measure_includes(vg_measure m, vg_subgroup sg);

#endif
