/* pole.h - the POLE record types (person, object, location, event) that every layer
 * passes around, and the names of their coded fields. */
#ifndef VG_POLE_H
#define VG_POLE_H

#include "base/err.h"
#include "base/time.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t vg_id; /* 0 = none / not yet stored */

#define VG_DATE_NONE INT32_MIN
#define VG_TIME_NONE INT64_MIN

typedef enum vg_gender { VG_GENDER_UNKNOWN, VG_GENDER_MALE, VG_GENDER_FEMALE, VG_GENDER_OTHER, VG_GENDER_COUNT } vg_gender;

/* The part a person plays in an event. */
typedef enum vg_role { VG_ROLE_CALLER, VG_ROLE_VICTIM, VG_ROLE_WITNESS, VG_ROLE_SUSPECT, VG_ROLE_OFFENDER, VG_ROLE_COUNT } vg_role;

typedef enum vg_contact_kind { VG_CONTACT_PHONE, VG_CONTACT_EMAIL, VG_CONTACT_OTHER, VG_CONTACT_COUNT } vg_contact_kind;
typedef enum vg_marker_kind { VG_MARKER_VULNERABILITY, VG_MARKER_WARNING, VG_MARKER_COUNT } vg_marker_kind;
/* How a person is linked to a location. */
typedef enum vg_place_kind { VG_PLACE_HOME, VG_PLACE_PREVIOUS_HOME, VG_PLACE_WORK, VG_PLACE_OTHER, VG_PLACE_COUNT } vg_place_kind;
typedef enum vg_location_kind { VG_LOC_ADDRESS, VG_LOC_STREET, VG_LOC_PLACE, VG_LOC_POINT, VG_LOC_COUNT } vg_location_kind;
typedef enum vg_object_kind { VG_OBJ_VEHICLE, VG_OBJ_PHONE, VG_OBJ_DEVICE, VG_OBJ_OTHER, VG_OBJ_COUNT } vg_object_kind;
/* How an incident reached the force. */
typedef enum vg_channel { VG_CHANNEL_999, VG_CHANNEL_101, VG_CHANNEL_ONLINE, VG_CHANNEL_FRONT_COUNTER, VG_CHANNEL_PARTNER, VG_CHANNEL_OFFICER, VG_CHANNEL_COUNT } vg_channel;
/* NSIR 2011 opening category: the three ASB categories, crime, and the other chapters. */
typedef enum vg_category {
    VG_CAT_ASB_PERSONAL, VG_CAT_ASB_NUISANCE, VG_CAT_ASB_ENVIRONMENTAL,
    VG_CAT_CRIME, VG_CAT_PUBLIC_SAFETY, VG_CAT_TRANSPORT, VG_CAT_ADMIN, VG_CAT_COUNT
} vg_category;
/* THRIVE response grade (force-specific values; these are Vigil's defaults). */
typedef enum vg_thrive { VG_THRIVE_UNGRADED, VG_THRIVE_IMMEDIATE, VG_THRIVE_PRIORITY, VG_THRIVE_SCHEDULED, VG_THRIVE_NO_DEPLOYMENT, VG_THRIVE_COUNT } vg_thrive;
/* Crime status: recorded, or removed (HOCR C: transferred or cancelled). */
typedef enum vg_crime_status { VG_CRIME_RECORDED, VG_CRIME_TRANSFERRED, VG_CRIME_CANCELLED, VG_CRIME_STATUS_COUNT } vg_crime_status;

typedef enum vg_area_kind { VG_AREA_LOCAL_AUTHORITY, VG_AREA_NEIGHBOURHOOD, VG_AREA_KIND_COUNT } vg_area_kind;
/* Local-authority tier: a county council contains districts; unitaries stand alone. */
typedef enum vg_la_tier { VG_TIER_NONE, VG_TIER_COUNTY, VG_TIER_DISTRICT, VG_TIER_UNITARY, VG_TIER_COUNT } vg_la_tier;

/* Names of coded values, as stored and as written in JSON ("victim", "asb_personal").
 * The *_parse functions accept exactly those names and return false otherwise. */
const char *vg_gender_name(vg_gender v);
bool vg_gender_parse(const char *s, vg_gender *out);
const char *vg_role_name(vg_role v);
const char *vg_role_label(vg_role v); /* "Victim", ... */
bool vg_role_parse(const char *s, vg_role *out);
const char *vg_contact_kind_name(vg_contact_kind v);
bool vg_contact_kind_parse(const char *s, vg_contact_kind *out);
const char *vg_marker_kind_name(vg_marker_kind v);
bool vg_marker_kind_parse(const char *s, vg_marker_kind *out);
const char *vg_place_kind_name(vg_place_kind v);
bool vg_place_kind_parse(const char *s, vg_place_kind *out);
const char *vg_location_kind_name(vg_location_kind v);
bool vg_location_kind_parse(const char *s, vg_location_kind *out);
const char *vg_object_kind_name(vg_object_kind v);
bool vg_object_kind_parse(const char *s, vg_object_kind *out);
const char *vg_channel_name(vg_channel v);
bool vg_channel_parse(const char *s, vg_channel *out);
const char *vg_category_name(vg_category v);
const char *vg_category_label(vg_category v); /* for people: "ASB: personal", "Public safety" */
bool vg_category_parse(const char *s, vg_category *out);
bool vg_category_is_asb(vg_category v);
const char *vg_thrive_name(vg_thrive v);
bool vg_thrive_parse(const char *s, vg_thrive *out);
const char *vg_crime_status_name(vg_crime_status v);
bool vg_crime_status_parse(const char *s, vg_crime_status *out);
const char *vg_crime_status_label(vg_crime_status v); /* for people: "Recorded", ... */
const char *vg_area_kind_name(vg_area_kind v);
bool vg_area_kind_parse(const char *s, vg_area_kind *out);
const char *vg_la_tier_name(vg_la_tier v); /* "" for VG_TIER_NONE */
bool vg_la_tier_parse(const char *s, vg_la_tier *out);

/* Marker codes (vulnerability and warning): code, kind, label. */
typedef struct vg_marker_code {
    const char *code;
    vg_marker_kind kind;
    const char *label;
} vg_marker_code;
const vg_marker_code *vg_marker_code_find(const char *code);
const vg_marker_code *vg_marker_codes(size_t *count);

/* ---- records. Strings are owned by the record (vg_malloc'd) unless said otherwise. */

/* A local authority or a policing neighbourhood, with its resident population. */
typedef struct vg_area {
    vg_id id;
    vg_area_kind kind;
    char *code;
    char *name;
    vg_la_tier tier;     /* local authorities only */
    vg_id parent_id;     /* district -> county; neighbourhood -> local authority */
    int64_t population;  /* -1 = unknown */
    int64_t households;  /* -1 = unknown */
    int population_year; /* year of the mid-year estimate; 0 = unknown */
} vg_area;

typedef struct vg_alias {
    char *family_name;
    char *given_names;
    vg_date dob; /* VG_DATE_NONE if not given */
} vg_alias;

typedef struct vg_contact {
    vg_contact_kind kind;
    char *value;
} vg_contact;

typedef struct vg_marker {
    vg_marker_kind kind;
    char *code;   /* from vg_marker_codes() */
    char *detail; /* may be NULL */
    vg_date valid_from, valid_to; /* VG_DATE_NONE = open */
} vg_marker;

typedef struct vg_person {
    vg_id id;
    char *family_name;
    char *given_names;
    vg_date dob; /* VG_DATE_NONE if unknown */
    vg_gender gender;
    vg_time created_at;
    vg_alias *aliases;
    size_t n_aliases;
    vg_contact *contacts;
    size_t n_contacts;
    vg_marker *markers;
    size_t n_markers;
} vg_person;

typedef struct vg_location {
    vg_id id;
    vg_location_kind kind;
    char *flat, *number, *building, *street, *locality, *town, *postcode;
    int64_t uprn; /* 0 = none */
    bool has_wgs84, has_bng;
    double lat, lon;           /* WGS84 degrees */
    double easting, northing;  /* British National Grid metres */
    bool at_postcode_centre;   /* the position is its postcode's centre (the address is not in the address base) */
    char *lsoa_code, *lsoa_name;
    vg_id neighbourhood_id, la_id; /* 0 = unknown */
} vg_location;

/* The location as one line for people ("Flat 2, 25 Rosenthal Street, Irvingdale WX1 2AB";
 * its position if it has no address; "" if nothing is known). */
void vg_location_line(const vg_location *l, char *out, size_t n);

typedef struct vg_object {
    vg_id id;
    vg_object_kind kind;
    char *identifier;  /* VRM, E.164 number, IMEI/serial */
    char *description; /* may be NULL */
} vg_object;

/* A person in an event, with their role. */
typedef struct vg_party {
    vg_id person_id;
    vg_role role;
} vg_party;

typedef struct vg_incident {
    vg_id id;
    char *reference;
    vg_time received_at;
    vg_channel channel;
    vg_category category;
    char *asb_type;      /* pre-2011 NSIR ASB type, optional */
    vg_thrive thrive;
    char *narrative;     /* may be NULL */
    vg_id location_id;   /* 0 = none */
    vg_time closed_at;   /* VG_TIME_NONE = open */
    vg_party *parties;
    size_t n_parties;
} vg_incident;

typedef struct vg_crime {
    vg_id id;
    char *reference;
    vg_id incident_id;     /* the incident it was recorded from; 0 = none */
    char offence_code[8];  /* Home Office offence code, e.g. "28E" */
    vg_time committed_at;  /* VG_TIME_NONE if unknown */
    vg_time recorded_at;
    vg_crime_status status;
    int outcome;           /* Home Office outcome type, 0 = not yet assigned */
    vg_time outcome_at;    /* VG_TIME_NONE until an outcome is assigned */
    vg_id location_id;
    /* The time limits it started (rules/deadlines.h works them out; VG_TIME_NONE: none):
     * its first supervisor review, its victims' needs assessment and their being told
     * the outcome. */
    vg_time review_due, needs_due, outcome_due;
    vg_party *parties;
    size_t n_parties;
} vg_crime;

/* An incident or crime a person took part in, in the role they had (a person's
 * history, as first contact reads it). */
typedef struct vg_person_event {
    vg_id person_id;
    bool is_crime;
    vg_id event_id;
    vg_id incident_id;     /* crimes: the incident the crime was recorded from, 0 = none */
    vg_role role;
    vg_time when;          /* incident received, crime recorded */
    vg_category category;  /* incidents */
    char offence_code[8];  /* crimes */
    vg_crime_status status;
    int outcome;           /* crimes: 0 = no outcome yet (under investigation) */
    char reference[24];    /* the record's reference as people read it; "" where not read (in memory) */
} vg_person_event;

/* Initialisers and destructors. *_clear frees the members and re-initialises;
 * *_free also frees the struct itself (which must have come from vg_malloc). */
void vg_area_init(vg_area *a);
void vg_area_clear(vg_area *a);
void vg_person_init(vg_person *p);
void vg_person_clear(vg_person *p);
void vg_person_free(vg_person *p);
void vg_location_init(vg_location *l);
void vg_location_clear(vg_location *l);
void vg_location_free(vg_location *l);
void vg_object_init(vg_object *o);
void vg_object_clear(vg_object *o);
void vg_incident_init(vg_incident *i);
void vg_incident_clear(vg_incident *i);
void vg_incident_free(vg_incident *i);
void vg_crime_init(vg_crime *c);
void vg_crime_clear(vg_crime *c);
void vg_crime_free(vg_crime *c);

/* Builders: copy their string arguments (NULL stays NULL). Return VG_ERR_NOMEM on
 * failure, leaving the record as it was. */
vg_err vg_set_str(char **field, const char *value) VG_MUST_CHECK;
vg_err vg_person_add_alias(vg_person *p, const char *family, const char *given, vg_date dob) VG_MUST_CHECK;
vg_err vg_person_add_contact(vg_person *p, vg_contact_kind kind, const char *value) VG_MUST_CHECK;
vg_err vg_person_add_marker(vg_person *p, vg_marker_kind kind, const char *code, const char *detail,
                            vg_date from, vg_date to) VG_MUST_CHECK;
vg_err vg_parties_add(vg_party **parties, size_t *n, vg_id person_id, vg_role role) VG_MUST_CHECK;

#endif
