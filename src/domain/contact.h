/* contact.h - what a call handler records at first contact, before anything is
 * resolved against the records: the incident, the people in it as they were described
 * (names spelt as heard, a date of birth, a phone number, an address) and the place. */
#ifndef VG_CONTACT_H
#define VG_CONTACT_H

#include "base/time.h"
#include "domain/pole.h"

#include <stdbool.h>
#include <stddef.h>

#define VG_DRAFT_MAX_PEOPLE 32
#define VG_DRAFT_MAX_MARKERS 8

typedef struct vg_person_draft {
    vg_role role;
    char *name;          /* a whole name, or given + family below (NULL if not given) */
    char *given, *family;
    vg_date dob;         /* VG_DATE_NONE if not given */
    vg_gender gender;
    char *phone;
    char *address;       /* free text: "Flat 2, 14 High St, Wintoncester" */
    char *postcode;
    size_t n_markers;    /* vulnerability or warning markers the caller disclosed */
    char *markers[VG_DRAFT_MAX_MARKERS];
    vg_id chosen;        /* the person record the call handler chose (0: matched automatically) */
    bool none_of_these;  /* the call handler said no one on record is this person: a new one */
} vg_person_draft;

/* A person's decision about two person records (the data-quality queue): the same
 * person, or not. */
typedef struct vg_person_decision {
    vg_id id;
    bool same;
    vg_id a, b;                    /* a < b */
    const char *reason, *username; /* borrowed */
    vg_time at;
    vg_time undone_at;             /* VG_TIME_NONE while it stands */
    const char *undone_by, *undo_reason;
    const char *a_name, *b_name;   /* the records' names, for people to read (NULL if not read) */
} vg_person_decision;

typedef struct vg_place_draft {
    char *address, *postcode;
    bool has_coords;
    double lat, lon;
} vg_place_draft;

typedef struct vg_incident_draft {
    vg_time received;
    vg_category category;
    char offence_code[8]; /* category crime: the Home Office code if known, else "" */
    vg_channel channel;
    vg_thrive thrive;     /* the call handler's THRIVE grading (ungraded if not given) */
    char *description;
    bool has_location;
    vg_place_draft location;
    size_t n_people;
    vg_person_draft people[VG_DRAFT_MAX_PEOPLE];
} vg_incident_draft;

void vg_incident_draft_init(vg_incident_draft *d);
void vg_incident_draft_clear(vg_incident_draft *d);

#endif
