/* synth_int.h - internals shared by the synthetic-force modules (not for other layers). */
#ifndef VG_SYNTH_INT_H
#define VG_SYNTH_INT_H

#include "base/geo.h"
#include "base/rng.h"
#include "domain/pole.h"
#include "store/store.h"
#include "synth/synth.h"

#include <stdint.h>

#define SY_NONE UINT32_MAX

/* ---- static data (data.c) */

typedef struct sy_la_def {
    const char *name;
    const char *code;
    vg_la_tier tier;
    int population_k; /* thousands, before exact scaling to the force total */
    double x, y;      /* centre, BNG metres */
    double radius;    /* metres */
    double urban;     /* 0 rural .. 1 city: density of places and crime */
} sy_la_def;
extern const sy_la_def sy_las[];
extern const int sy_n_las; /* lower-tier and unitary authorities (the county is separate) */
extern const char *const sy_county_name;

typedef struct sy_weighted {
    const char *s;
    double w;
} sy_weighted;

extern const sy_weighted sy_family_names[];
extern const int sy_n_family_names;
extern const char *const sy_male_names[];
extern const int sy_n_male_names;
extern const char *const sy_female_names[];
extern const int sy_n_female_names;
extern const char *const sy_street_names[];
extern const int sy_n_street_names;
extern const char *const sy_street_types[];       /* "Road", ... */
extern const char *const sy_street_types_abbr[];  /* "Rd", ... (same order) */
extern const int sy_n_street_types;
extern const char *const sy_localities[];
extern const int sy_n_localities;
extern const char *const sy_asb_types[];
extern const int sy_n_asb_types;

typedef enum sy_loc_mode { LOC_HOME, LOC_PLACE, LOC_SHOP, LOC_COMMERCIAL, LOC_ADDRESS, LOC_NEAR_REPEAT } sy_loc_mode;
typedef enum sy_victim_mode { VIC_PERSON, VIC_NONE, VIC_BUSINESS } sy_victim_mode;
typedef enum sy_outcome_profile { OUT_VIOLENCE, OUT_ACQUISITIVE, OUT_SHOPLIFTING, OUT_SOCIETY, OUT_SERIOUS } sy_outcome_profile;
typedef enum sy_hours { HOURS_NIGHT, HOURS_DAY, HOURS_ANY } sy_hours;

typedef struct sy_category {
    const char *ho_category;   /* Home Office table "Offence" */
    int target_12m;            /* Hampshire, 12 months to June 2014 */
    sy_weighted codes[18];     /* offence code mix; NULL-terminated */
    sy_loc_mode loc;
    sy_victim_mode victim;
    double p_repeat_victim;    /* chance the victim is someone victimised before */
    double p_suspect;          /* chance a suspect is named */
    double da_share;           /* share that is domestic abuse */
    double ocg_share;          /* share committed by organised crime groups */
    sy_outcome_profile outcome;
    sy_hours hours;
    int victim_age_lo, victim_age_hi; /* typical victim age range */
    double victim_female;      /* share of female victims */
} sy_category;
extern const sy_category sy_categories[];
extern const int sy_n_categories;

/* ---- generated geography (geo.c) */

typedef struct sy_addr {
    float x, y;
    uint32_t street;
    vg_id loc_id;
} sy_addr;

typedef struct sy_street {
    uint32_t nbh;
    uint16_t name, type;
    uint32_t first_addr, n_addr;
    uint32_t lsoa;
} sy_street;

typedef struct sy_nbh {
    vg_id area_id;
    int la;
    float x, y;
    float deprivation; /* lognormal; raises victim/offender odds */
    int postcode_district;
    uint32_t first_street, n_streets;
} sy_nbh;

typedef enum sy_place_kind { PL_SHOP, PL_PUB, PL_TAKEAWAY, PL_PARK, PL_SCHOOL, PL_STATION, PL_CAR_PARK, PL_KIND_COUNT } sy_place_kind;

typedef struct sy_place {
    float x, y;
    uint32_t nbh;
    uint8_t kind;
    vg_id loc_id;
} sy_place;

/* A uniform grid over addresses for "an address within d metres" draws. */
typedef struct sy_grid {
    double x0, y0, cell;
    int nx, ny;
    uint32_t *start; /* nx*ny+1 offsets into idx */
    uint32_t *idx;   /* address indices sorted by cell */
} sy_grid;

/* ---- true people and events (people.c, events.c) */

enum { PF_VULN_MH = 1, PF_VULN_LD = 2, PF_VULN_PD = 4, PF_DA_VICTIM = 8, PF_WARN_VI = 16, PF_WARN_DR = 32, PF_WARN_WE = 64, PF_MIDDLE = 128 };

typedef struct sy_person {
    uint32_t addr, addr2; /* home; home after moving (SY_NONE if no move) */
    vg_date move_date;
    vg_date dob;
    uint16_t family, given, middle;
    uint8_t gender; /* vg_gender */
    uint8_t flags;
    uint64_t phone; /* national number without the leading 0 */
    uint32_t rec_head; /* first of this person's records in the record pool; SY_NONE */
    uint32_t n_records;
    uint32_t group;      /* offender peer group (co-offending network), 0 none */
    uint32_t next_in_group;
    uint32_t ocg;        /* organised crime group, 0 none */
} sy_person;

typedef struct sy_rec {
    vg_id id;
    uint32_t next;
} sy_rec;

typedef struct sy_party {
    uint32_t person;
    uint8_t role;
} sy_party;

enum { EV_CRIME, EV_INCIDENT, EV_UNCRIMED };

typedef struct sy_event {
    vg_time when;      /* occurred */
    vg_time received;  /* incident received */
    vg_time recorded;  /* crime recorded (EV_CRIME) */
    vg_time outcome_at;
    uint32_t loc;      /* address index, or n_addr + place index; SY_NONE */
    uint32_t orig;     /* index before sorting */
    int32_t parent;    /* near-repeat parent (orig index), -1 */
    uint32_t group;    /* DA pair / OCG id, 0 none */
    const char *code;  /* offence code (EV_CRIME, EV_UNCRIMED) */
    uint8_t kind, category, channel, thrive, status, outcome, asb_type, da, cat_index;
    uint8_t n_parties;
    sy_party parties[6];
} sy_event;

typedef struct sy_ctx {
    vg_store *store;
    vg_error *err;
    vg_synth_options opt;
    vg_synth_report *rep;
    vg_rng rng;
    vg_geo *geo;
    vg_date first_day, end_day; /* [first_day, end_day) */
    /* geography */
    vg_id county_id;
    vg_id la_ids[16];
    int64_t la_pop[16], la_households[16];
    sy_nbh *nbhs; uint32_t n_nbhs;
    sy_street *streets; uint32_t n_streets;
    sy_addr *addrs; uint32_t n_addrs;
    sy_place *places; uint32_t n_places;
    uint32_t n_lsoas;
    double *addr_cum;   /* cumulative residential weights (deprivation) */
    double *place_cum;  /* cumulative place weights (concentration) */
    double *shop_cum; uint32_t *shops; uint32_t n_shops;
    double *comm_cum; uint32_t *comm; uint32_t n_comm;
    sy_grid grid;
    /* people */
    double *family_cum;
    sy_person *people; uint32_t n_people, cap_people;
    sy_rec *recs; uint32_t n_recs, cap_recs;
    uint32_t *victim_pool; uint32_t n_victim_pool, cap_victim_pool; /* one entry per victimisation */
    uint32_t *asb_pool; uint32_t n_asb_pool, cap_asb_pool;           /* ASB callers/victims */
    uint32_t *offender_pool; uint32_t n_offender_pool, cap_offender_pool;
    uint32_t *group_head, *group_size; uint32_t n_groups, cap_group_head, cap_group_size; /* peer groups, 1-based */
    uint32_t *place_staff;    /* per place: the staff member who reports, SY_NONE */
    double hour_cum[3][24];   /* per sy_hours */
    uint32_t *ocg_members; uint32_t n_ocg_members; uint32_t n_ocgs; /* ocg_members[i] person; grouped */
    uint32_t *ocg_start;        /* n_ocgs+1 offsets */
    uint32_t *da_pairs; uint32_t n_da_pairs, cap_da_pairs; /* victim, perpetrator interleaved */
    uint32_t *da_pool; uint32_t n_da_pool, cap_da_pool;    /* one entry per domestic incident */
    /* events */
    sy_event *events; uint32_t n_events, cap_events;
} sy_ctx;

/* geo.c */
vg_err sy_build_geography(sy_ctx *c);
uint32_t sy_random_address(sy_ctx *c);
uint32_t sy_address_near(sy_ctx *c, uint32_t addr, double metres);
vg_err sy_write_address_variant(sy_ctx *c, uint32_t addr, vg_id *out);
void sy_geo_free(sy_ctx *c);

/* people.c */
uint32_t sy_new_person(sy_ctx *c, int age_lo, int age_hi, double p_female, uint32_t home);
vg_err sy_person_record(sy_ctx *c, uint32_t person, vg_time when, vg_id *out);
void sy_people_free(sy_ctx *c);
bool sy_push_u32(uint32_t **arr, uint32_t *n, uint32_t *cap, uint32_t v);
/* Makes room for `need` elements of `elem` bytes in *arr (capacity *cap); false if out of memory. */
bool sy_reserve(void **arr, uint32_t *cap, uint32_t need, size_t elem);

/* events.c */
vg_err sy_plan_events(sy_ctx *c);
vg_err sy_write_events(sy_ctx *c);
void sy_events_free(sy_ctx *c);

#endif
