/* store.h - persistence behind one interface: a small core and one table of function
 * pointers per subsystem (records, first contact, open data, access and audit, work),
 * which each backend (SQLite, PostgreSQL) provides, plus thin dispatch wrappers.
 *
 * Conventions: every function returns vg_err and fills *err with the detail. Writes of
 * one record with its children (a person with aliases, an incident with its parties)
 * are atomic on their own; callers group several writes with begin/commit (nested
 * calls become savepoints). Records passed in are borrowed; *_put assigns ->id. */
#ifndef VG_STORE_H
#define VG_STORE_H

#include "base/err.h"
#include "base/time.h"
#include "domain/access.h"
#include "domain/contact.h"
#include "domain/dispatch.h"
#include "domain/list.h"
#include "domain/pole.h"
#include "domain/work.h"

#include <stdbool.h>
#include <stdint.h>

/* The schema version this build writes and understands. */
int vg_store_schema_version_supported(void);

typedef enum vg_record_kind {
    VG_REC_AREA, VG_REC_LOCATION, VG_REC_PERSON, VG_REC_PERSON_ALIAS, VG_REC_OBJECT,
    VG_REC_INCIDENT, VG_REC_CRIME, VG_REC_KIND_COUNT
} vg_record_kind;
const char *vg_record_kind_name(vg_record_kind k); /* "persons", "incidents", ... */

/* Row counts per record kind, and incidents per NSIR category. */
typedef struct vg_store_counts {
    int64_t records[VG_REC_KIND_COUNT];
    int64_t incidents_by_category[VG_CAT_COUNT];
    int64_t crimes_by_status[VG_CRIME_STATUS_COUNT];
    int64_t od_files[3], od_rows[3]; /* police.uk: street, outcomes, stop_search */
    int64_t od_asb_rows;              /* street rows of type "Anti-social behaviour" */
    int64_t ho_rows, population_rows, household_rows;
} vg_store_counts;

/* ---- official open data (police.uk, Home Office, ONS) */

typedef struct vg_od_file {
    const char *kind;       /* "street", "outcomes" or "stop_search" */
    const char *force;      /* police.uk force slug */
    const char *force_name; /* "Reported by", as written */
    int month;              /* yyyymm */
    const char *path;
} vg_od_file;

/* Rows with strings already interned (od_dict ids; 0 = empty). */
typedef struct vg_od_street_rec {
    vg_id file_id;
    const uint8_t *crime_id; /* 32 bytes, or NULL */
    int month;
    int64_t reported_by, falls_within;
    bool has_coords;
    int32_t lon_e6, lat_e6;
    int64_t location, lsoa_code, lsoa_name, crime_type, outcome;
    const char *context;
    size_t context_len;
} vg_od_street_rec;

typedef struct vg_od_outcome_rec {
    vg_id file_id;
    const uint8_t *crime_id;
    int month;
    int64_t reported_by, falls_within;
    bool has_coords;
    int32_t lon_e6, lat_e6;
    int64_t location, lsoa_code, lsoa_name, outcome_type;
} vg_od_outcome_rec;

typedef struct vg_od_stop_rec {
    vg_id file_id;
    int64_t type;
    const char *date;
    size_t date_len;
    int8_t part_of_operation, outcome_linked, removal; /* 1, 0, or -1 = empty */
    int64_t operation_name;
    bool has_coords;
    int32_t lon_e6, lat_e6;
    int64_t gender, age_range, self_ethnicity, officer_ethnicity, legislation, object, outcome;
} vg_od_stop_rec;

/* police.uk counts: one call per (force, month, value) with value the crime type
 * (street) or outcome type (outcomes). */
typedef vg_err (*vg_od_count_fn)(void *ctx, const char *force, int month, const char *value, int64_t n);
/* Home Office rows of one period. */
typedef vg_err (*vg_ho_row_fn)(void *ctx, const char *area, const char *offence, int64_t count);
typedef vg_err (*vg_od_dict_fn)(void *ctx, int64_t id, const char *value, size_t len);
typedef vg_err (*vg_area_fn)(void *ctx, const vg_area *a);

/* Where a force area's population or households figure came from: published for the
 * force, or summed from local authorities through a lookup. */
typedef enum vg_denom_basis { VG_BASIS_FORCE, VG_BASIS_LOCAL_AUTHORITY } vg_denom_basis;

typedef struct vg_store_denom {
    int64_t value;
    int year;
    vg_denom_basis basis;
    bool other_basis; /* population: a figure of the other basis is held for the year (and was not used) */
    char source[256];
    char other_source[256];
} vg_store_denom;

/* A person record as the matcher needs it: names, date of birth, first phone, home
 * address (one row per home address; aliases come as extra rows with alias = true). */
typedef struct vg_person_brief {
    vg_id id;
    const char *family, *given;
    vg_date dob;
    vg_gender gender;
    const char *phone;
    const char *flat, *number, *building, *street, *postcode;
    bool alias;
} vg_person_brief;
typedef vg_err (*vg_person_brief_fn)(void *ctx, const vg_person_brief *p);
/* A run of `vigil match resolve`: when, with which threshold, what it found. */
typedef struct vg_resolve_run {
    vg_time at;
    double threshold, seconds;
    int64_t records, persons, merges, refused;
} vg_resolve_run;
typedef vg_err (*vg_decision_fn)(void *ctx, const vg_person_decision *d);
typedef vg_err (*vg_entry_fn)(void *ctx, const vg_incident_entry *e);
typedef vg_err (*vg_ref_fn)(void *ctx, vg_record_kind kind, vg_id id); /* an incident or a crime */
/* A row of a list (domain/list.h): its id and its columns' values as text, in the spec's
 * order (NULL: none), valid during the call. */
typedef struct vg_list_row {
    vg_id id;
    const char *cell[VG_LIST_MAX_COLS];
} vg_list_row;
typedef vg_err (*vg_list_fn)(void *ctx, const vg_list_row *row);
typedef vg_err (*vg_board_fn)(void *ctx, const vg_board_item *it);
typedef vg_err (*vg_link_fn)(void *ctx, vg_id a, vg_id b, bool same);
typedef vg_err (*vg_pair_review_fn)(void *ctx, vg_id a, vg_id b, double probability);
/* A person record, the resolved person it belongs to (its own id if none other), and the
 * id it had in the system it was imported from ("" if none). */
typedef vg_err (*vg_cluster_fn)(void *ctx, vg_id record, vg_id person, const char *source_id);
/* One change: its seq, kind ("person", "location", "incident", "crime", "restriction",
 * "rebuild") and the record's id. */
typedef vg_err (*vg_change_fn)(void *ctx, int64_t seq, const char *kind, vg_id id);
typedef vg_err (*vg_request_fn)(void *ctx, const vg_user_request *r);

typedef vg_err (*vg_person_event_fn)(void *ctx, const vg_person_event *e);
typedef vg_err (*vg_person_marker_fn)(void *ctx, vg_id person, const vg_marker *m);
/* An incident where it happened (for maps). */
typedef struct vg_incident_point {
    vg_id id;
    vg_category category;
    vg_time received;
    double lat, lon;
    bool at_postcode_centre; /* placed at its postcode's centre (not in the address base) */
} vg_incident_point;
typedef vg_err (*vg_incident_point_fn)(void *ctx, const vg_incident_point *p);
typedef vg_err (*vg_position_fn)(void *ctx, double lat, double lon);
/* A recorded crime where and when it happened (for analysis). */
typedef struct vg_crime_point {
    vg_id id, location, neighbourhood;
    char offence[12];
    vg_time at; /* committed, else recorded */
    double easting, northing;
} vg_crime_point;
typedef vg_err (*vg_crime_point_fn)(void *ctx, const vg_crime_point *p);
typedef vg_err (*vg_repeat_fn)(void *ctx, const vg_repeat_item *it);
typedef vg_err (*vg_recent_fn)(void *ctx, const vg_recent_event *e);
/* A victim of an incident: the person, the incident, when, its category and reference. */
typedef vg_err (*vg_victim_fn)(void *ctx, vg_id person, vg_id incident, vg_time at, vg_category cat, const char *reference);
/* Records of one kind on one day in one neighbourhood: crimes by offence code, ASB
 * incidents by category. */
typedef vg_err (*vg_day_count_fn)(void *ctx, vg_id neighbourhood, bool is_crime, const char *code, vg_date day,
                                  int64_t n);
typedef vg_err (*vg_tasking_fn)(void *ctx, const vg_tasking_action *a);
typedef vg_err (*vg_area_case_action_fn)(void *ctx, const vg_case_action *a, const char *case_title);
/* One review of a crime: when, by whom (username, "" if unknown), the direction, the next due. */
typedef vg_err (*vg_crime_review_fn)(void *ctx, vg_time at, const char *reviewer, const char *direction, vg_time next_due);
typedef vg_err (*vg_case_action_fn)(void *ctx, const vg_case_action *a);
typedef vg_err (*vg_restriction_fn)(void *ctx, vg_id record, vg_id user);
typedef vg_err (*vg_crime_fn)(void *ctx, const vg_crime *c);       /* parties not loaded */
typedef vg_err (*vg_incident_fn)(void *ctx, const vg_incident *i); /* parties not loaded */
typedef vg_err (*vg_location_fn)(void *ctx, const vg_location *l);

/* Called once per distinct offence code with its number of crimes. */
typedef vg_err (*vg_offence_count_fn)(void *ctx, const char *offence_code, int64_t count);

/* A user with what logging in needs. */
typedef struct vg_user_auth {
    vg_user user;
    char password_hash[192];
    int failed_logins;
    vg_time locked_until; /* VG_TIME_NONE if not locked */
} vg_user_auth;
typedef vg_err (*vg_agency_fn)(void *ctx, const vg_agency *a);
typedef vg_err (*vg_user_fn)(void *ctx, const vg_user *u);

/* A safety-net case as stored (all fields; what a reader sees is decided in service/). */
typedef struct vg_case_rec {
    vg_id id;
    char title[200];
    char subject_kind[16]; /* person, household, location */
    vg_id person_id, location_id;
    vg_id owner_agency;
    vg_id created_by;
    vg_time created_at;
    char status[8];
    char *summary, *risk, *actions; /* owned by the record: vg_case_rec_free */
} vg_case_rec;
void vg_case_rec_free(vg_case_rec *c);

typedef struct vg_case_share {
    vg_id case_id, agency_id;
    char fields[200]; /* space separated */
    char gateway[200];
    char purpose[200];
    vg_id shared_by;
    vg_time shared_at;
} vg_case_share;
typedef vg_err (*vg_case_share_fn)(void *ctx, const vg_case_share *s);
typedef vg_err (*vg_id_fn)(void *ctx, vg_id id);

typedef struct vg_store vg_store;

/* The store's POLE records and the events: areas, places, persons, objects, incidents and crimes, their
 * counts and iterators, and the control room's work on an incident. */
typedef struct vg_store_records_ops {
    vg_err (*area_put)(vg_store *s, vg_area *a, vg_error *err);
    vg_err (*area_get)(vg_store *s, vg_id id, vg_area *out, vg_error *err);
    vg_err (*location_put)(vg_store *s, vg_location *l, vg_error *err);
    vg_err (*location_get)(vg_store *s, vg_id id, vg_location *out, vg_error *err);
    vg_err (*person_put)(vg_store *s, vg_person *p, vg_error *err);
    vg_err (*person_get)(vg_store *s, vg_id id, vg_person *out, vg_error *err);
    /* Adds the aliases, contacts and markers of `add` (its other fields are ignored) to
     * the stored person id, atomically. */
    vg_err (*person_extend)(vg_store *s, vg_id id, const vg_person *add, vg_error *err);
    vg_err (*person_link_location)(vg_store *s, vg_id person, vg_id location, vg_place_kind kind,
                                   vg_date from, vg_date to, vg_error *err);
    vg_err (*object_put)(vg_store *s, vg_object *o, vg_error *err);
    vg_err (*object_get)(vg_store *s, vg_id id, vg_object *out, vg_error *err);
    vg_err (*object_link)(vg_store *s, vg_record_kind kind, vg_id record, vg_id object, vg_error *err);
    vg_err (*incident_put)(vg_store *s, vg_incident *i, vg_error *err);
    vg_err (*incident_get)(vg_store *s, vg_id id, vg_incident *out, vg_error *err);
    vg_err (*crime_put)(vg_store *s, vg_crime *c, vg_error *err);
    vg_err (*crime_get)(vg_store *s, vg_id id, vg_crime *out, vg_error *err);
    /* Crimes with the given status whose recorded_at is in [from, to). */
    vg_err (*crime_counts_by_offence)(vg_store *s, vg_time from, vg_time to, vg_crime_status status,
                                      vg_offence_count_fn fn, void *ctx, vg_error *err);

    /* Records over a period (iterators pass borrowed records valid during the call). */
    vg_err (*incident_counts)(vg_store *s, vg_time from, vg_time to, int64_t counts[VG_CAT_COUNT], vg_error *err);
    vg_err (*areas_each)(vg_store *s, vg_area_fn fn, void *ctx, vg_error *err);
    /* Crimes recorded in [from, to), or (by_outcome) whose outcome is dated in [from, to). */
    vg_err (*crimes_each)(vg_store *s, vg_time from, vg_time to, bool by_outcome, vg_crime_fn fn, void *ctx,
                          vg_error *err);
    vg_err (*incidents_each)(vg_store *s, vg_time from, vg_time to, vg_incident_fn fn, void *ctx, vg_error *err);
    vg_err (*locations_each)(vg_store *s, vg_location_fn fn, void *ctx, vg_error *err);
    /* ---- the control room's work on incidents (010_dispatch) */
    /* The incident's dispatch state (awaiting, nobody, nothing, if never set);
     * VG_ERR_NOT_FOUND if there is no such incident. */
    vg_err (*dispatch_get)(vg_store *s, vg_id incident, vg_dispatch_state *out, vg_error *err);
    vg_err (*dispatch_put)(vg_store *s, const vg_dispatch_state *d, vg_error *err); /* insert or replace */
    vg_err (*incident_entry_put)(vg_store *s, vg_incident_entry *e, vg_error *err); /* sets e->id */
    vg_err (*incident_entries_each)(vg_store *s, vg_id incident, vg_entry_fn fn, void *ctx, vg_error *err); /* oldest first */
    /* Sets an incident's grade and when it closed (VG_TIME_NONE: open). */
    vg_err (*incident_set_state)(vg_store *s, vg_id incident, vg_thrive thrive, vg_time closed_at, vg_error *err);
    /* Every open incident with its state, oldest first. */
    vg_err (*board_each)(vg_store *s, vg_board_fn fn, void *ctx, vg_error *err);
    /* The next free reference "PREFIX00001" for an incident or crime (five-digit sequence
     * after the prefix, one more than the highest stored). */
    vg_err (*reference_next)(vg_store *s, vg_record_kind kind, const char *prefix, char *out, size_t n, vg_error *err);
    vg_err (*read_receipt_put)(vg_store *s, vg_id incident, vg_id user, const char *queue, vg_time at,
                               vg_error *err);
    /* A person's names and date of birth only (no aliases, contacts or markers). */
    vg_err (*person_name)(vg_store *s, vg_id id, char *given, size_t gn, char *family, size_t fn, vg_date *dob,
                          vg_error *err);
    /* Incident ids received in [from, to), newest first, at most max. */
    vg_err (*incident_ids)(vg_store *s, vg_time from, vg_time to, size_t max, vg_id_fn fn, void *ctx, vg_error *err);
} vg_store_records_ops;

/* The store's persons and first contact: the matcher's view of persons, resolution, the data-quality
 * queue and decisions, the change log other processes follow, histories, briefings, search. */
typedef struct vg_store_contact_ops {
    vg_err (*persons_brief_each)(vg_store *s, vg_person_brief_fn fn, void *ctx, vg_error *err);
    /* The same for one person (its record and aliases). */
    vg_err (*person_briefs)(vg_store *s, vg_id person, vg_person_brief_fn fn, void *ctx, vg_error *err);
    /* Resolved persons: replaces the whole clustering with these n (record, person)
     * pairs, the records that are not their own person, and notes the run. */
    vg_err (*persons_resolved_replace)(vg_store *s, const vg_id *record, const vg_id *person, size_t n,
                                       const vg_resolve_run *run, vg_error *err);
    /* Every person record with its resolved person, by record id. */
    vg_err (*person_clusters_each)(vg_store *s, vg_cluster_fn fn, void *ctx, vg_error *err);
    /* Resolved persons of these records only (the others as they are). */
    vg_err (*persons_resolved_set)(vg_store *s, const vg_id *record, const vg_id *person, size_t n, vg_error *err);
    /* The data-quality queue: replaced whole by a resolve; its pairs strongest first (at
     * most max); the pairs with both records among ids removed (decided). */
    vg_err (*reviews_replace)(vg_store *s, const vg_id *a, const vg_id *b, const double *p, size_t n, vg_error *err);
    vg_err (*reviews_each)(vg_store *s, size_t max, vg_pair_review_fn fn, void *ctx, vg_error *err);
    vg_err (*reviews_remove_within)(vg_store *s, const vg_id *ids, size_t n, vg_error *err);
    /* People's decisions: one added (d->id set), one read, one undone, and every one
     * (active_only: those not undone), oldest first. */
    vg_err (*decision_put)(vg_store *s, vg_person_decision *d, vg_error *err);
    /* Incidents, then crimes, whose reference begins with prefix (as stored: upper
     * case), at most max of each, in reference order. */
    vg_err (*refs_find)(vg_store *s, const char *prefix, size_t max, vg_ref_fn fn, void *ctx, vg_error *err);
    /* Locations at a postcode, else in a street (both normalised as stored), with the
     * house number if one is given (NULL or ""), at most max. */
    vg_err (*locations_find)(vg_store *s, const char *postcode, const char *street, const char *number, size_t max,
                             vg_id_fn fn, void *ctx, vg_error *err);
    /* The incidents at a location, newest first, at most max. */
    vg_err (*location_incident_ids)(vg_store *s, vg_id location, size_t max, vg_id_fn fn, void *ctx, vg_error *err);
    vg_err (*decision_undo)(vg_store *s, vg_id id, const char *by, vg_time at, const char *reason, vg_error *err);
    vg_err (*decisions_each)(vg_store *s, bool active_only, vg_decision_fn fn, void *ctx, vg_error *err);
    /* The records a decision covers (a 'same' decision: every record of both persons). */
    vg_err (*decision_records_put)(vg_store *s, vg_id decision, const vg_id *records, size_t n, vg_error *err);
    /* The links the decisions that stand make: (a, b, same) for each decision, and (a, r,
     * same) for each record r a 'same' decision covers. */
    vg_err (*decision_links_each)(vg_store *s, vg_link_fn fn, void *ctx, vg_error *err);
    /* An imported record's id in its old system: VG_ERR_CONFLICT if another record has it;
     * finding one (*person 0 if none). */
    vg_err (*person_source_put)(vg_store *s, vg_id person, const char *source_id, vg_error *err);
    vg_err (*person_source_find)(vg_store *s, const char *source_id, vg_id *person, vg_error *err);
    /* The changes first contact follows (store_change), after seq `after`, in order, at
     * most max; and the newest seq (0 if none). Pruning forgets those up to seq. */
    vg_err (*changes_since)(vg_store *s, int64_t after, size_t max, vg_change_fn fn, void *ctx, vg_error *err);
    vg_err (*change_head)(vg_store *s, int64_t *seq, vg_error *err);
    vg_err (*changes_prune)(vg_store *s, int64_t upto, vg_error *err);
    /* Incidents and crimes of these persons in [from, to) (n <= 64). */
    /* Every person's history (ordered by person, then as person_events), every marker
     * (by person), every restriction of records of a kind. */
    vg_err (*person_events_all)(vg_store *s, vg_person_event_fn fn, void *ctx, vg_error *err);
    vg_err (*person_markers_all)(vg_store *s, vg_person_marker_fn fn, void *ctx, vg_error *err);
    vg_err (*restrictions_each)(vg_store *s, const char *kind, vg_restriction_fn fn, void *ctx, vg_error *err);
    /* Changes whenever another connection (or process) commits, not this one. */
    vg_err (*data_version)(vg_store *s, int64_t *version, vg_error *err);
    vg_err (*person_events)(vg_store *s, const vg_id *persons, size_t n, vg_time from, vg_time to,
                            vg_person_event_fn fn, void *ctx, vg_error *err);
    /* The first-contact briefing of an incident (JSON text), kept as it was made. */
    vg_err (*briefing_put)(vg_store *s, vg_id incident, vg_time at, const char *json, vg_error *err);
    /* Caller frees *json with vg_free. VG_ERR_NOT_FOUND if the incident has none. */
    vg_err (*briefing_get)(vg_store *s, vg_id incident, char **json, vg_error *err);
    /* Incidents at these locations received in [from, to). */
    vg_err (*location_incident_count)(vg_store *s, const vg_id *locations, size_t n, vg_time from, vg_time to,
                                      int64_t *count, vg_error *err);
} vg_store_contact_ops;

/* The store's official open data (police.uk, Home Office, ONS) and deployment settings. */
typedef struct vg_store_opendata_ops {
    /* The string dictionary: every (id, value); and adding a value under a new id. The
     * importer keeps the dictionary in memory during an import and assigns ids itself. */
    vg_err (*od_dict_each)(vg_store *s, vg_od_dict_fn fn, void *ctx, vg_error *err);
    vg_err (*od_dict_put)(vg_store *s, int64_t id, const char *p, size_t n, vg_error *err);
    /* Registers a file: removes whatever an earlier import of the same (force, month,
     * kind) wrote (*replaced tells) and returns the new file id. */
    vg_err (*od_file_replace)(vg_store *s, const vg_od_file *f, vg_id *file_id, bool *replaced, vg_error *err);
    vg_err (*od_file_finish)(vg_store *s, vg_id file_id, int64_t rows, vg_error *err);
    vg_err (*od_street_put)(vg_store *s, const vg_od_street_rec *r, vg_error *err);
    vg_err (*od_outcome_put)(vg_store *s, const vg_od_outcome_rec *r, vg_error *err);
    vg_err (*od_stop_put)(vg_store *s, const vg_od_stop_rec *r, vg_error *err);
    vg_err (*od_count_put)(vg_store *s, vg_id file_id, int64_t value, int64_t n, vg_error *err);
    /* kind "street" or "outcomes"; months yyyymm inclusive. */
    vg_err (*od_counts_each)(vg_store *s, const char *kind, int month_from, int month_to, vg_od_count_fn fn,
                             void *ctx, vg_error *err);
    vg_err (*ho_put)(vg_store *s, const char *area, int period_end, const char *offence, int64_t count, vg_error *err);
    vg_err (*ho_each)(vg_store *s, int period_end, vg_ho_row_fn fn, void *ctx, vg_error *err);
    /* Population and households of a force area: one figure per (area, year, basis);
     * a put replaces the figure of the same basis. */
    vg_err (*population_put)(vg_store *s, const char *area, int year, vg_denom_basis basis, int64_t population,
                             const char *source, vg_error *err);
    vg_err (*households_put)(vg_store *s, const char *area, int year, vg_denom_basis basis, int64_t households,
                             const char *source, vg_error *err);
    /* The year's population, summed from local authorities where that is held, else as
     * published for the force (out->other_basis: the other was held too). NOT_FOUND if
     * neither. */
    vg_err (*population_get)(vg_store *s, const char *area, int year, vg_store_denom *out, vg_error *err);
    /* The latest households at or before the year (local authorities first within a
     * year). NOT_FOUND if none. */
    vg_err (*households_get)(vg_store *s, const char *area, int year, vg_store_denom *out, vg_error *err);
    vg_err (*setting_get)(vg_store *s, const char *key, char *out, size_t n, vg_error *err);
    vg_err (*setting_put)(vg_store *s, const char *key, const char *value, vg_error *err);
} vg_store_opendata_ops;

/* The store's access and audit: agencies, users, sessions, requests, the audit chain, safety-net
 * cases and restricted records. */
typedef struct vg_store_access_ops {
    /* VG_ERR_CONFLICT if the code is taken; sets a->id. */
    vg_err (*agency_put)(vg_store *s, vg_agency *a, vg_error *err);
    /* By id, or by code when id is 0. VG_ERR_NOT_FOUND if absent. */
    vg_err (*agency_get)(vg_store *s, vg_id id, const char *code, vg_agency *out, vg_error *err);
    /* A new name for the agency with this code. VG_ERR_NOT_FOUND if there is none. */
    vg_err (*agency_rename)(vg_store *s, const char *code, const char *name, vg_error *err);
    vg_err (*agencies_each)(vg_store *s, vg_agency_fn fn, void *ctx, vg_error *err);
    /* VG_ERR_CONFLICT if the username is taken; sets u->id. */
    vg_err (*user_put)(vg_store *s, vg_user *u, const char *password_hash, vg_error *err);
    /* By id, or by username when id is 0 (with its agency). VG_ERR_NOT_FOUND if absent. */
    vg_err (*user_get)(vg_store *s, vg_id id, const char *username, vg_user_auth *out, vg_error *err);
    /* Changes what is given: password_hash NULL, disabled < 0, failed_logins < 0 keep;
     * locked_until is always written (VG_TIME_NONE clears it) when failed_logins >= 0. */
    vg_err (*user_update)(vg_store *s, vg_id id, const char *password_hash, int disabled, int failed_logins,
                          vg_time locked_until, vg_error *err);
    vg_err (*users_each)(vg_store *s, vg_user_fn fn, void *ctx, vg_error *err);
    vg_err (*user_set_role)(vg_store *s, vg_id id, vg_user_role role, vg_error *err);
    vg_err (*user_set_agency)(vg_store *s, vg_id id, vg_id agency, vg_error *err);
    /* Requests for a second administrator: put fills r->id; get also gives the password
     * hash kept with it (hash: 128 bytes, "" if none); each: pending ones only, or all,
     * newest first; decide sets the status, who and when. */
    vg_err (*request_put)(vg_store *s, vg_user_request *r, const char *password_hash, vg_error *err);
    vg_err (*request_get)(vg_store *s, vg_id id, vg_user_request *r, char *hash, vg_error *err);
    vg_err (*requests_each)(vg_store *s, bool pending_only, vg_request_fn fn, void *ctx, vg_error *err);
    vg_err (*request_decide)(vg_store *s, vg_id id, const char *status, vg_id by, vg_time at, vg_error *err);
    vg_err (*session_put)(vg_store *s, const uint8_t hash[32], vg_id user, const char *csrf, vg_time created,
                          vg_time expires, vg_error *err);
    /* VG_ERR_NOT_FOUND if absent. csrf holds 64 bytes; *last_seen (may be NULL) is when
     * the session was last used, as far as session_touch was told. */
    vg_err (*session_get)(vg_store *s, const uint8_t hash[32], vg_id *user, char *csrf, vg_time *expires,
                          vg_time *last_seen, vg_error *err);
    vg_err (*session_touch)(vg_store *s, const uint8_t hash[32], vg_time at, vg_error *err);
    /* Removes the sessions that expired before `before`. */
    vg_err (*session_purge)(vg_store *s, vg_time before, vg_error *err);
    /* One session (hash), or every session of user (hash NULL). */
    vg_err (*session_delete)(vg_store *s, const uint8_t *hash, vg_id user, vg_error *err);
    /* The recorded head of the chain: seq 0 and a zero hash when the log is empty. */
    vg_err (*audit_head)(vg_store *s, int64_t *seq, uint8_t hash[32], vg_error *err);
    /* Appends e (its seq must be head + 1) and moves the head to it. */
    vg_err (*audit_put)(vg_store *s, const vg_audit_entry *e, vg_error *err);
    /* Entries with at in [from, to) (VG_TIME_NONE: unbounded) and seq <= upto (0: all), in seq
     * order, each with its records; with person (a person record's id; 0: all) only those
     * that name any record of that record's resolved person. */
    vg_err (*audit_each)(vg_store *s, vg_time from, vg_time to, int64_t upto, vg_id person, vg_audit_fn fn, void *ctx,
                         vg_error *err);
    /* Records a verification of the chain, outside the chain (bad_seq 0: intact). */
    vg_err (*audit_check_put)(vg_store *s, vg_time at, const char *username, int64_t entries, bool ok, int64_t bad_seq,
                              const char *why, vg_error *err);
    /* Safety-net cases. */
    vg_err (*case_put)(vg_store *s, vg_case_rec *c, vg_error *err);
    vg_err (*case_get)(vg_store *s, vg_id id, vg_case_rec *out, vg_error *err);
    /* Every case id (owner or shared filters are the caller's). */
    vg_err (*cases_each)(vg_store *s, vg_id_fn fn, void *ctx, vg_error *err);
    /* Inserts or replaces the share of a case with an agency. */
    vg_err (*case_share_put)(vg_store *s, const vg_case_share *sh, vg_error *err);
    /* VG_ERR_NOT_FOUND if there was none. */
    vg_err (*case_share_delete)(vg_store *s, vg_id case_id, vg_id agency_id, vg_error *err);
    vg_err (*case_shares_each)(vg_store *s, vg_id case_id, vg_case_share_fn fn, void *ctx, vg_error *err);
    /* A case's notes: put fills *id; each gives them oldest first. */
    vg_err (*case_note_put)(vg_store *s, vg_id case_id, vg_id agency, vg_id user, const char *username, vg_time at,
                            const char *text, vg_id *id, vg_error *err);
    vg_err (*case_notes_each)(vg_store *s, vg_id case_id, vg_err (*fn)(void *ctx, const vg_case_note *n), void *ctx,
                              vg_error *err);
    /* Records restricted to named users: kind "incident", "person" or "case". */
    vg_err (*restriction_add)(vg_store *s, const char *kind, vg_id record, vg_id user, vg_error *err);
    /* *restricted: the record has a restriction; *allowed: user is one of its users. */
    vg_err (*restriction_check)(vg_store *s, const char *kind, vg_id record, vg_id user, bool *restricted,
                                bool *allowed, vg_error *err);
} vg_store_access_ops;

/* The store's work and tasking: the lists of the screens, reviews, entitlements, joint and tasking
 * actions, and the daily review's reads of an area. */
typedef struct vg_store_work_ops {
    /* One page of a list: *total the rows its filters keep, *ahead the rows ahead of an
     * AFTER cursor (the cursor's row included) or of a BEFORE cursor; fn gets up to
     * limit + 1 rows (the last says there is more), in the order read: a BEFORE or LAST
     * page backwards. INVALID_INPUT if the list does not sort by the column. */
    vg_err (*list)(vg_store *s, const vg_list_query *q, int64_t *total, int64_t *ahead, vg_list_fn fn, void *ctx,
                   vg_error *err);
    /* Incidents received in [from, to) at a location with coordinates, in a
     * neighbourhood or local authority (area 0: anywhere), at most max. */
    vg_err (*incident_points)(vg_store *s, vg_id area, vg_time from, vg_time to, size_t max, vg_incident_point_fn fn,
                              void *ctx, vg_error *err);
    /* Recorded crimes (not transferred or cancelled) committed in [from, to) at a
     * location with grid coordinates, in a neighbourhood or local authority (0: anywhere). */
    vg_err (*crime_points)(vg_store *s, vg_id area, vg_time from, vg_time to, vg_crime_point_fn fn, void *ctx,
                           vg_error *err);
    /* The street of the nearest address with one within radius metres of a point on the
     * grid (easting, northing), its town, and how far it is: *found false if none. */
    vg_err (*street_near)(vg_store *s, double easting, double northing, double radius, char *street, size_t sn,
                          char *town, size_t tn, double *metres, bool *found, vg_error *err);
    /* The centre of a postcode: the mean position of its addresses with their own position
     * (*n how many; 0: none, nothing set). */
    vg_err (*postcode_centre)(vg_store *s, const char *postcode, double *lat, double *lon, int64_t *n, vg_error *err);
    /* The neighbourhood and local authority most of a postcode's located addresses are in
     * (0, 0 if none is known). */
    vg_err (*postcode_areas)(vg_store *s, const char *postcode, vg_id *neighbourhood, vg_id *la, vg_error *err);
    /* Locations with at least min incidents received in [from, to) in the area, most
     * first, at most max. */
    vg_err (*repeat_locations)(vg_store *s, vg_id area, vg_time from, vg_time to, int min, size_t max, vg_repeat_fn fn,
                               void *ctx, vg_error *err);
    /* Persons linked to at least min incidents received in [from, to) in the area as
     * victim (or, offenders, as suspect or offender), most first, at most max. */
    vg_err (*repeat_persons)(vg_store *s, vg_id area, vg_time from, vg_time to, bool offenders, int min, size_t max,
                             vg_repeat_fn fn, void *ctx, vg_error *err);
    /* Incidents (not those of category crime) and recorded crimes in [from, to) in the
     * area, newest first, at most max. */
    vg_err (*recent_events)(vg_store *s, vg_id area, vg_time from, vg_time to, size_t max, vg_recent_fn fn, void *ctx,
                            vg_error *err);
    /* The victims of incidents received in [from, to) in the area, newest first. */
    vg_err (*victims_in)(vg_store *s, vg_id area, vg_time from, vg_time to, vg_victim_fn fn, void *ctx, vg_error *err);
    /* Crimes and ASB incidents in [from, to) in the area, by neighbourhood, kind and day. */
    vg_err (*day_counts)(vg_store *s, vg_id area, vg_time from, vg_time to, vg_day_count_fn fn, void *ctx, vg_error *err);
    /* The daily review's actions: add, close (*area 0 if there is no such open action),
     * and those of an area (0: all) that are open or were closed since closed_since. */
    vg_err (*tasking_put)(vg_store *s, vg_id area, const char *text, vg_id owner, vg_date due, vg_id by, vg_time at,
                          vg_id *id, vg_error *err);
    vg_err (*tasking_close)(vg_store *s, vg_id id, vg_id by, vg_time at, const char *result, vg_id *area, vg_error *err);
    vg_err (*tasking_each)(vg_store *s, vg_id area, vg_time closed_since, vg_tasking_fn fn, void *ctx, vg_error *err);
    /* Open joint actions of open safety-net cases about a place in the area, or a person
     * whose home is there. */
    vg_err (*open_case_actions)(vg_store *s, vg_id area, vg_area_case_action_fn fn, void *ctx, vg_error *err);
    /* A supervisor's review of a crime (the queue of open crimes is the list VG_LIST_REVIEWS). */
    vg_err (*review_put)(vg_store *s, vg_id crime, vg_id reviewer, vg_time at, const char *direction, vg_time next_due,
                         vg_error *err);
    /* A crime's reviews, oldest first. */
    vg_err (*crime_reviews)(vg_store *s, vg_id crime, vg_crime_review_fn fn, void *ctx, vg_error *err);
    /* Records an entitlement met (once; again changes nothing); *was_victim false if the
     * person is not a victim of the crime (then nothing is written). */
    vg_err (*entitlement_put)(vg_store *s, vg_id crime, vg_id person, vg_entitlement e, vg_time at, vg_id user,
                              const char *note, bool *was_victim, vg_error *err);
    vg_err (*case_actions)(vg_store *s, vg_id case_id, vg_case_action_fn fn, void *ctx, vg_error *err);
    vg_err (*case_action_get)(vg_store *s, vg_id id, vg_case_action *out, vg_error *err);
    vg_err (*case_action_put)(vg_store *s, vg_id case_id, vg_id agency, const char *text, vg_date due, vg_id user,
                              vg_time at, vg_id *id, vg_error *err);
    vg_err (*case_action_done)(vg_store *s, vg_id id, vg_id user, vg_time at, vg_error *err);
    /* The positions of the locations in an area (a neighbourhood or local authority). */
    vg_err (*area_positions)(vg_store *s, vg_id area, vg_position_fn fn, void *ctx, vg_error *err);
    /* The first and last incident received (VG_TIME_NONE for both if there is none). */
    vg_err (*incident_span)(vg_store *s, vg_time *first, vg_time *last, vg_error *err);
} vg_store_work_ops;

/* A backend: its own core, and one table per subsystem (a backend may share a table with
 * another backend, or replace one, as PostgreSQL replaces first contact's data_version). */
typedef struct vg_store_ops {
    const char *name; /* "sqlite" */
    void (*close)(vg_store *s);
    vg_err (*begin)(vg_store *s, vg_error *err);
    vg_err (*commit)(vg_store *s, vg_error *err);
    void (*rollback)(vg_store *s);
    vg_err (*schema_version)(vg_store *s, int *version, vg_error *err);
    vg_err (*counts)(vg_store *s, vg_store_counts *out, vg_error *err);
    /* Synthetic-force bookkeeping (tests and benchmarks only). */
    vg_err (*truth_put)(vg_store *s, const char *kind, vg_id record, int64_t truth, vg_error *err);
    vg_err (*synth_run_put)(vg_store *s, uint64_t seed, double scale, vg_month from, int months,
                            const char *force_name, vg_error *err);
    const vg_store_records_ops *records;
    const vg_store_contact_ops *contact;
    const vg_store_opendata_ops *opendata;
    const vg_store_access_ops *access;
    const vg_store_work_ops *work;
} vg_store_ops;

/* Every backend's struct starts with this. */
struct vg_store {
    const vg_store_ops *ops;
};

typedef enum vg_store_mode {
    VG_STORE_OPEN_EXISTING, /* fail if absent; fail if the schema is not current */
    VG_STORE_CREATE,        /* create if absent and bring the schema up to date */
    VG_STORE_READER,        /* as OPEN_EXISTING, for reads only (a second connection) */
} vg_store_mode;

/* Opens the store named by uri: a file path (SQLite), ":memory:", or a postgres:// or
 * postgresql:// URL (PostgreSQL). Caller owns *out;
 * close with vg_store_close. Fails with VG_ERR_VERSION if the database was made by a
 * newer Vigil, VG_ERR_NOT_FOUND if it does not exist and mode is OPEN_EXISTING. */
vg_err vg_store_open(const char *uri, vg_store_mode mode, vg_store **out, vg_error *err) VG_MUST_CHECK;
void vg_store_close(vg_store *s);

/* The backends' constructors (used by vg_store_open). */
vg_err vg_store_sqlite_open(const char *path, vg_store_mode mode, vg_store **out, vg_error *err) VG_MUST_CHECK;
vg_err vg_store_pg_open(const char *url, vg_store_mode mode, vg_store **out, vg_error *err) VG_MUST_CHECK;
/* Whether uri names a PostgreSQL database. */
bool vg_store_uri_is_pg(const char *uri);

static inline vg_err vg_store_begin(vg_store *s, vg_error *err) { return s->ops->begin(s, err); }
static inline vg_err vg_store_commit(vg_store *s, vg_error *err) { return s->ops->commit(s, err); }
static inline void vg_store_rollback(vg_store *s) { s->ops->rollback(s); }
static inline vg_err vg_store_schema_version(vg_store *s, int *v, vg_error *err) { return s->ops->schema_version(s, v, err); }
static inline vg_err vg_store_area_put(vg_store *s, vg_area *a, vg_error *err) { return s->ops->records->area_put(s, a, err); }
static inline vg_err vg_store_area_get(vg_store *s, vg_id id, vg_area *out, vg_error *err) { return s->ops->records->area_get(s, id, out, err); }
static inline vg_err vg_store_location_put(vg_store *s, vg_location *l, vg_error *err) { return s->ops->records->location_put(s, l, err); }
static inline vg_err vg_store_location_get(vg_store *s, vg_id id, vg_location *out, vg_error *err) { return s->ops->records->location_get(s, id, out, err); }
static inline vg_err vg_store_person_put(vg_store *s, vg_person *p, vg_error *err) { return s->ops->records->person_put(s, p, err); }
static inline vg_err vg_store_person_get(vg_store *s, vg_id id, vg_person *out, vg_error *err) { return s->ops->records->person_get(s, id, out, err); }
static inline vg_err vg_store_person_extend(vg_store *s, vg_id id, const vg_person *add, vg_error *err) { return s->ops->records->person_extend(s, id, add, err); }
static inline vg_err vg_store_person_link_location(vg_store *s, vg_id person, vg_id location, vg_place_kind kind, vg_date from, vg_date to, vg_error *err) { return s->ops->records->person_link_location(s, person, location, kind, from, to, err); }
static inline vg_err vg_store_object_put(vg_store *s, vg_object *o, vg_error *err) { return s->ops->records->object_put(s, o, err); }
static inline vg_err vg_store_object_get(vg_store *s, vg_id id, vg_object *out, vg_error *err) { return s->ops->records->object_get(s, id, out, err); }
/* kind is VG_REC_PERSON, VG_REC_INCIDENT or VG_REC_CRIME. */
static inline vg_err vg_store_object_link(vg_store *s, vg_record_kind kind, vg_id record, vg_id object, vg_error *err) { return s->ops->records->object_link(s, kind, record, object, err); }
static inline vg_err vg_store_incident_put(vg_store *s, vg_incident *i, vg_error *err) { return s->ops->records->incident_put(s, i, err); }
static inline vg_err vg_store_incident_get(vg_store *s, vg_id id, vg_incident *out, vg_error *err) { return s->ops->records->incident_get(s, id, out, err); }
static inline vg_err vg_store_crime_put(vg_store *s, vg_crime *c, vg_error *err) { return s->ops->records->crime_put(s, c, err); }
static inline vg_err vg_store_crime_get(vg_store *s, vg_id id, vg_crime *out, vg_error *err) { return s->ops->records->crime_get(s, id, out, err); }
static inline vg_err vg_store_counts_get(vg_store *s, vg_store_counts *out, vg_error *err) { return s->ops->counts(s, out, err); }
static inline vg_err vg_store_crime_counts_by_offence(vg_store *s, vg_time from, vg_time to, vg_crime_status status, vg_offence_count_fn fn, void *ctx, vg_error *err) { return s->ops->records->crime_counts_by_offence(s, from, to, status, fn, ctx, err); }
static inline vg_err vg_store_incident_counts(vg_store *s, vg_time from, vg_time to, int64_t counts[VG_CAT_COUNT], vg_error *err) { return s->ops->records->incident_counts(s, from, to, counts, err); }
static inline vg_err vg_store_areas_each(vg_store *s, vg_area_fn fn, void *ctx, vg_error *err) { return s->ops->records->areas_each(s, fn, ctx, err); }
static inline vg_err vg_store_crimes_each(vg_store *s, vg_time from, vg_time to, bool by_outcome, vg_crime_fn fn, void *ctx, vg_error *err) { return s->ops->records->crimes_each(s, from, to, by_outcome, fn, ctx, err); }
static inline vg_err vg_store_incidents_each(vg_store *s, vg_time from, vg_time to, vg_incident_fn fn, void *ctx, vg_error *err) { return s->ops->records->incidents_each(s, from, to, fn, ctx, err); }
static inline vg_err vg_store_locations_each(vg_store *s, vg_location_fn fn, void *ctx, vg_error *err) { return s->ops->records->locations_each(s, fn, ctx, err); }
static inline vg_err vg_store_persons_brief_each(vg_store *s, vg_person_brief_fn fn, void *ctx, vg_error *err) { return s->ops->contact->persons_brief_each(s, fn, ctx, err); }
static inline vg_err vg_store_persons_resolved_replace(vg_store *s, const vg_id *record, const vg_id *person, size_t n, const vg_resolve_run *run, vg_error *err) { return s->ops->contact->persons_resolved_replace(s, record, person, n, run, err); }
static inline vg_err vg_store_persons_resolved_set(vg_store *s, const vg_id *record, const vg_id *person, size_t n, vg_error *err) { return s->ops->contact->persons_resolved_set(s, record, person, n, err); }
static inline vg_err vg_store_reviews_replace(vg_store *s, const vg_id *a, const vg_id *b, const double *p, size_t n, vg_error *err) { return s->ops->contact->reviews_replace(s, a, b, p, n, err); }
static inline vg_err vg_store_reviews_each(vg_store *s, size_t max, vg_pair_review_fn fn, void *ctx, vg_error *err) { return s->ops->contact->reviews_each(s, max, fn, ctx, err); }
static inline vg_err vg_store_reviews_remove_within(vg_store *s, const vg_id *ids, size_t n, vg_error *err) { return s->ops->contact->reviews_remove_within(s, ids, n, err); }
static inline vg_err vg_store_list(vg_store *s, const vg_list_query *q, int64_t *total, int64_t *ahead, vg_list_fn fn, void *ctx, vg_error *err) { return s->ops->work->list(s, q, total, ahead, fn, ctx, err); }
static inline vg_err vg_store_refs_find(vg_store *s, const char *prefix, size_t max, vg_ref_fn fn, void *ctx, vg_error *err) { return s->ops->contact->refs_find(s, prefix, max, fn, ctx, err); }
static inline vg_err vg_store_locations_find(vg_store *s, const char *postcode, const char *street, const char *number, size_t max, vg_id_fn fn, void *ctx, vg_error *err) { return s->ops->contact->locations_find(s, postcode, street, number, max, fn, ctx, err); }
static inline vg_err vg_store_location_incident_ids(vg_store *s, vg_id location, size_t max, vg_id_fn fn, void *ctx, vg_error *err) { return s->ops->contact->location_incident_ids(s, location, max, fn, ctx, err); }
static inline vg_err vg_store_dispatch_get(vg_store *s, vg_id incident, vg_dispatch_state *out, vg_error *err) { return s->ops->records->dispatch_get(s, incident, out, err); }
static inline vg_err vg_store_dispatch_put(vg_store *s, const vg_dispatch_state *d, vg_error *err) { return s->ops->records->dispatch_put(s, d, err); }
static inline vg_err vg_store_incident_entry_put(vg_store *s, vg_incident_entry *e, vg_error *err) { return s->ops->records->incident_entry_put(s, e, err); }
static inline vg_err vg_store_incident_entries_each(vg_store *s, vg_id incident, vg_entry_fn fn, void *ctx, vg_error *err) { return s->ops->records->incident_entries_each(s, incident, fn, ctx, err); }
static inline vg_err vg_store_incident_set_state(vg_store *s, vg_id incident, vg_thrive thrive, vg_time closed_at, vg_error *err) { return s->ops->records->incident_set_state(s, incident, thrive, closed_at, err); }
static inline vg_err vg_store_board_each(vg_store *s, vg_board_fn fn, void *ctx, vg_error *err) { return s->ops->records->board_each(s, fn, ctx, err); }
static inline vg_err vg_store_decision_put(vg_store *s, vg_person_decision *d, vg_error *err) { return s->ops->contact->decision_put(s, d, err); }
static inline vg_err vg_store_decision_undo(vg_store *s, vg_id id, const char *by, vg_time at, const char *reason, vg_error *err) { return s->ops->contact->decision_undo(s, id, by, at, reason, err); }
static inline vg_err vg_store_decision_records_put(vg_store *s, vg_id decision, const vg_id *records, size_t n, vg_error *err) { return s->ops->contact->decision_records_put(s, decision, records, n, err); }
static inline vg_err vg_store_decision_links_each(vg_store *s, vg_link_fn fn, void *ctx, vg_error *err) { return s->ops->contact->decision_links_each(s, fn, ctx, err); }
static inline vg_err vg_store_decisions_each(vg_store *s, bool active_only, vg_decision_fn fn, void *ctx, vg_error *err) { return s->ops->contact->decisions_each(s, active_only, fn, ctx, err); }
static inline vg_err vg_store_person_source_put(vg_store *s, vg_id person, const char *source_id, vg_error *err) { return s->ops->contact->person_source_put(s, person, source_id, err); }
static inline vg_err vg_store_person_source_find(vg_store *s, const char *source_id, vg_id *person, vg_error *err) { return s->ops->contact->person_source_find(s, source_id, person, err); }
static inline vg_err vg_store_person_clusters_each(vg_store *s, vg_cluster_fn fn, void *ctx, vg_error *err) { return s->ops->contact->person_clusters_each(s, fn, ctx, err); }
static inline vg_err vg_store_person_briefs(vg_store *s, vg_id person, vg_person_brief_fn fn, void *ctx, vg_error *err) { return s->ops->contact->person_briefs(s, person, fn, ctx, err); }
static inline vg_err vg_store_changes_since(vg_store *s, int64_t after, size_t max, vg_change_fn fn, void *ctx, vg_error *err) { return s->ops->contact->changes_since(s, after, max, fn, ctx, err); }
static inline vg_err vg_store_change_head(vg_store *s, int64_t *seq, vg_error *err) { return s->ops->contact->change_head(s, seq, err); }
static inline vg_err vg_store_changes_prune(vg_store *s, int64_t upto, vg_error *err) { return s->ops->contact->changes_prune(s, upto, err); }
static inline vg_err vg_store_person_events_all(vg_store *s, vg_person_event_fn fn, void *ctx, vg_error *err) { return s->ops->contact->person_events_all(s, fn, ctx, err); }
static inline vg_err vg_store_person_markers_all(vg_store *s, vg_person_marker_fn fn, void *ctx, vg_error *err) { return s->ops->contact->person_markers_all(s, fn, ctx, err); }
static inline vg_err vg_store_restrictions_each(vg_store *s, const char *kind, vg_restriction_fn fn, void *ctx, vg_error *err) { return s->ops->contact->restrictions_each(s, kind, fn, ctx, err); }
static inline vg_err vg_store_data_version(vg_store *s, int64_t *version, vg_error *err) { return s->ops->contact->data_version(s, version, err); }
static inline vg_err vg_store_person_events(vg_store *s, const vg_id *persons, size_t n, vg_time from, vg_time to, vg_person_event_fn fn, void *ctx, vg_error *err) { return s->ops->contact->person_events(s, persons, n, from, to, fn, ctx, err); }
static inline vg_err vg_store_reference_next(vg_store *s, vg_record_kind kind, const char *prefix, char *out, size_t n, vg_error *err) { return s->ops->records->reference_next(s, kind, prefix, out, n, err); }
static inline vg_err vg_store_briefing_put(vg_store *s, vg_id incident, vg_time at, const char *json, vg_error *err) { return s->ops->contact->briefing_put(s, incident, at, json, err); }
static inline vg_err vg_store_briefing_get(vg_store *s, vg_id incident, char **json, vg_error *err) { return s->ops->contact->briefing_get(s, incident, json, err); }
static inline vg_err vg_store_location_incident_count(vg_store *s, const vg_id *locations, size_t n, vg_time from, vg_time to, int64_t *count, vg_error *err) { return s->ops->contact->location_incident_count(s, locations, n, from, to, count, err); }
static inline vg_err vg_store_agency_put(vg_store *s, vg_agency *a, vg_error *err) { return s->ops->access->agency_put(s, a, err); }
static inline vg_err vg_store_agency_get(vg_store *s, vg_id id, const char *code, vg_agency *out, vg_error *err) { return s->ops->access->agency_get(s, id, code, out, err); }
static inline vg_err vg_store_agency_rename(vg_store *s, const char *code, const char *name, vg_error *err) { return s->ops->access->agency_rename(s, code, name, err); }
static inline vg_err vg_store_agencies_each(vg_store *s, vg_agency_fn fn, void *ctx, vg_error *err) { return s->ops->access->agencies_each(s, fn, ctx, err); }
static inline vg_err vg_store_user_put(vg_store *s, vg_user *u, const char *password_hash, vg_error *err) { return s->ops->access->user_put(s, u, password_hash, err); }
static inline vg_err vg_store_user_get(vg_store *s, vg_id id, const char *username, vg_user_auth *out, vg_error *err) { return s->ops->access->user_get(s, id, username, out, err); }
static inline vg_err vg_store_user_update(vg_store *s, vg_id id, const char *password_hash, int disabled, int failed_logins, vg_time locked_until, vg_error *err) { return s->ops->access->user_update(s, id, password_hash, disabled, failed_logins, locked_until, err); }
static inline vg_err vg_store_users_each(vg_store *s, vg_user_fn fn, void *ctx, vg_error *err) { return s->ops->access->users_each(s, fn, ctx, err); }
static inline vg_err vg_store_user_set_agency(vg_store *s, vg_id id, vg_id agency, vg_error *err) { return s->ops->access->user_set_agency(s, id, agency, err); }
static inline vg_err vg_store_user_set_role(vg_store *s, vg_id id, vg_user_role role, vg_error *err) { return s->ops->access->user_set_role(s, id, role, err); }
static inline vg_err vg_store_request_put(vg_store *s, vg_user_request *r, const char *password_hash, vg_error *err) { return s->ops->access->request_put(s, r, password_hash, err); }
static inline vg_err vg_store_request_get(vg_store *s, vg_id id, vg_user_request *r, char *hash, vg_error *err) { return s->ops->access->request_get(s, id, r, hash, err); }
static inline vg_err vg_store_requests_each(vg_store *s, bool pending_only, vg_request_fn fn, void *ctx, vg_error *err) { return s->ops->access->requests_each(s, pending_only, fn, ctx, err); }
static inline vg_err vg_store_request_decide(vg_store *s, vg_id id, const char *status, vg_id by, vg_time at, vg_error *err) { return s->ops->access->request_decide(s, id, status, by, at, err); }
static inline vg_err vg_store_session_put(vg_store *s, const uint8_t hash[32], vg_id user, const char *csrf, vg_time created, vg_time expires, vg_error *err) { return s->ops->access->session_put(s, hash, user, csrf, created, expires, err); }
static inline vg_err vg_store_session_get(vg_store *s, const uint8_t hash[32], vg_id *user, char *csrf, vg_time *expires, vg_time *last_seen, vg_error *err) { return s->ops->access->session_get(s, hash, user, csrf, expires, last_seen, err); }
static inline vg_err vg_store_session_touch(vg_store *s, const uint8_t hash[32], vg_time at, vg_error *err) { return s->ops->access->session_touch(s, hash, at, err); }
static inline vg_err vg_store_session_purge(vg_store *s, vg_time before, vg_error *err) { return s->ops->access->session_purge(s, before, err); }
static inline vg_err vg_store_session_delete(vg_store *s, const uint8_t *hash, vg_id user, vg_error *err) { return s->ops->access->session_delete(s, hash, user, err); }
static inline vg_err vg_store_audit_head(vg_store *s, int64_t *seq, uint8_t hash[32], vg_error *err) { return s->ops->access->audit_head(s, seq, hash, err); }
static inline vg_err vg_store_audit_put(vg_store *s, const vg_audit_entry *e, vg_error *err) { return s->ops->access->audit_put(s, e, err); }
static inline vg_err vg_store_audit_check_put(vg_store *s, vg_time at, const char *username, int64_t entries, bool ok, int64_t bad_seq, const char *why, vg_error *err) { return s->ops->access->audit_check_put(s, at, username, entries, ok, bad_seq, why, err); }
static inline vg_err vg_store_audit_each(vg_store *s, vg_time from, vg_time to, int64_t upto, vg_id person, vg_audit_fn fn, void *ctx, vg_error *err) { return s->ops->access->audit_each(s, from, to, upto, person, fn, ctx, err); }
static inline vg_err vg_store_case_put(vg_store *s, vg_case_rec *c, vg_error *err) { return s->ops->access->case_put(s, c, err); }
static inline vg_err vg_store_case_get(vg_store *s, vg_id id, vg_case_rec *out, vg_error *err) { return s->ops->access->case_get(s, id, out, err); }
static inline vg_err vg_store_cases_each(vg_store *s, vg_id_fn fn, void *ctx, vg_error *err) { return s->ops->access->cases_each(s, fn, ctx, err); }
static inline vg_err vg_store_case_share_put(vg_store *s, const vg_case_share *sh, vg_error *err) { return s->ops->access->case_share_put(s, sh, err); }
static inline vg_err vg_store_case_share_delete(vg_store *s, vg_id case_id, vg_id agency_id, vg_error *err) { return s->ops->access->case_share_delete(s, case_id, agency_id, err); }
static inline vg_err vg_store_case_note_put(vg_store *s, vg_id case_id, vg_id agency, vg_id user, const char *username, vg_time at, const char *text, vg_id *id, vg_error *err) { return s->ops->access->case_note_put(s, case_id, agency, user, username, at, text, id, err); }
static inline vg_err vg_store_case_notes_each(vg_store *s, vg_id case_id, vg_err (*fn)(void *ctx, const vg_case_note *n), void *ctx, vg_error *err) { return s->ops->access->case_notes_each(s, case_id, fn, ctx, err); }
static inline vg_err vg_store_case_shares_each(vg_store *s, vg_id case_id, vg_case_share_fn fn, void *ctx, vg_error *err) { return s->ops->access->case_shares_each(s, case_id, fn, ctx, err); }
static inline vg_err vg_store_restriction_add(vg_store *s, const char *kind, vg_id record, vg_id user, vg_error *err) { return s->ops->access->restriction_add(s, kind, record, user, err); }
static inline vg_err vg_store_restriction_check(vg_store *s, const char *kind, vg_id record, vg_id user, bool *restricted, bool *allowed, vg_error *err) { return s->ops->access->restriction_check(s, kind, record, user, restricted, allowed, err); }
static inline vg_err vg_store_read_receipt_put(vg_store *s, vg_id incident, vg_id user, const char *queue, vg_time at, vg_error *err) { return s->ops->records->read_receipt_put(s, incident, user, queue, at, err); }
static inline vg_err vg_store_person_name(vg_store *s, vg_id id, char *given, size_t gn, char *family, size_t fn, vg_date *dob, vg_error *err) { return s->ops->records->person_name(s, id, given, gn, family, fn, dob, err); }
static inline vg_err vg_store_incident_points(vg_store *s, vg_id area, vg_time from, vg_time to, size_t max, vg_incident_point_fn fn, void *ctx, vg_error *err) { return s->ops->work->incident_points(s, area, from, to, max, fn, ctx, err); }
static inline vg_err vg_store_street_near(vg_store *s, double easting, double northing, double radius, char *street, size_t sn, char *town, size_t tn, double *metres, bool *found, vg_error *err) { return s->ops->work->street_near(s, easting, northing, radius, street, sn, town, tn, metres, found, err); }
static inline vg_err vg_store_crime_points(vg_store *s, vg_id area, vg_time from, vg_time to, vg_crime_point_fn fn, void *ctx, vg_error *err) { return s->ops->work->crime_points(s, area, from, to, fn, ctx, err); }
static inline vg_err vg_store_postcode_centre(vg_store *s, const char *postcode, double *lat, double *lon, int64_t *n, vg_error *err) { return s->ops->work->postcode_centre(s, postcode, lat, lon, n, err); }
static inline vg_err vg_store_postcode_areas(vg_store *s, const char *postcode, vg_id *neighbourhood, vg_id *la, vg_error *err) { return s->ops->work->postcode_areas(s, postcode, neighbourhood, la, err); }
static inline vg_err vg_store_repeat_locations(vg_store *s, vg_id area, vg_time from, vg_time to, int min, size_t max, vg_repeat_fn fn, void *ctx, vg_error *err) { return s->ops->work->repeat_locations(s, area, from, to, min, max, fn, ctx, err); }
static inline vg_err vg_store_repeat_persons(vg_store *s, vg_id area, vg_time from, vg_time to, bool offenders, int min, size_t max, vg_repeat_fn fn, void *ctx, vg_error *err) { return s->ops->work->repeat_persons(s, area, from, to, offenders, min, max, fn, ctx, err); }
static inline vg_err vg_store_recent_events(vg_store *s, vg_id area, vg_time from, vg_time to, size_t max, vg_recent_fn fn, void *ctx, vg_error *err) { return s->ops->work->recent_events(s, area, from, to, max, fn, ctx, err); }
static inline vg_err vg_store_victims_in(vg_store *s, vg_id area, vg_time from, vg_time to, vg_victim_fn fn, void *ctx, vg_error *err) { return s->ops->work->victims_in(s, area, from, to, fn, ctx, err); }
static inline vg_err vg_store_day_counts(vg_store *s, vg_id area, vg_time from, vg_time to, vg_day_count_fn fn, void *ctx, vg_error *err) { return s->ops->work->day_counts(s, area, from, to, fn, ctx, err); }
static inline vg_err vg_store_tasking_put(vg_store *s, vg_id area, const char *text, vg_id owner, vg_date due, vg_id by, vg_time at, vg_id *id, vg_error *err) { return s->ops->work->tasking_put(s, area, text, owner, due, by, at, id, err); }
static inline vg_err vg_store_tasking_close(vg_store *s, vg_id id, vg_id by, vg_time at, const char *result, vg_id *area, vg_error *err) { return s->ops->work->tasking_close(s, id, by, at, result, area, err); }
static inline vg_err vg_store_tasking_each(vg_store *s, vg_id area, vg_time closed_since, vg_tasking_fn fn, void *ctx, vg_error *err) { return s->ops->work->tasking_each(s, area, closed_since, fn, ctx, err); }
static inline vg_err vg_store_open_case_actions(vg_store *s, vg_id area, vg_area_case_action_fn fn, void *ctx, vg_error *err) { return s->ops->work->open_case_actions(s, area, fn, ctx, err); }
static inline vg_err vg_store_area_positions(vg_store *s, vg_id area, vg_position_fn fn, void *ctx, vg_error *err) { return s->ops->work->area_positions(s, area, fn, ctx, err); }
static inline vg_err vg_store_incident_span(vg_store *s, vg_time *first, vg_time *last, vg_error *err) { return s->ops->work->incident_span(s, first, last, err); }
static inline vg_err vg_store_review_put(vg_store *s, vg_id crime, vg_id reviewer, vg_time at, const char *direction, vg_time next_due, vg_error *err) { return s->ops->work->review_put(s, crime, reviewer, at, direction, next_due, err); }
static inline vg_err vg_store_crime_reviews(vg_store *s, vg_id crime, vg_crime_review_fn fn, void *ctx, vg_error *err) { return s->ops->work->crime_reviews(s, crime, fn, ctx, err); }
static inline vg_err vg_store_entitlement_put(vg_store *s, vg_id crime, vg_id person, vg_entitlement e, vg_time at, vg_id user, const char *note, bool *was_victim, vg_error *err) { return s->ops->work->entitlement_put(s, crime, person, e, at, user, note, was_victim, err); }
static inline vg_err vg_store_case_actions(vg_store *s, vg_id case_id, vg_case_action_fn fn, void *ctx, vg_error *err) { return s->ops->work->case_actions(s, case_id, fn, ctx, err); }
static inline vg_err vg_store_case_action_get(vg_store *s, vg_id id, vg_case_action *out, vg_error *err) { return s->ops->work->case_action_get(s, id, out, err); }
static inline vg_err vg_store_case_action_put(vg_store *s, vg_id case_id, vg_id agency, const char *text, vg_date due, vg_id user, vg_time at, vg_id *id, vg_error *err) { return s->ops->work->case_action_put(s, case_id, agency, text, due, user, at, id, err); }
static inline vg_err vg_store_case_action_done(vg_store *s, vg_id id, vg_id user, vg_time at, vg_error *err) { return s->ops->work->case_action_done(s, id, user, at, err); }
static inline vg_err vg_store_incident_ids(vg_store *s, vg_time from, vg_time to, size_t max, vg_id_fn fn, void *ctx, vg_error *err) { return s->ops->records->incident_ids(s, from, to, max, fn, ctx, err); }
static inline vg_err vg_store_od_dict_each(vg_store *s, vg_od_dict_fn fn, void *ctx, vg_error *err) { return s->ops->opendata->od_dict_each(s, fn, ctx, err); }
static inline vg_err vg_store_od_dict_put(vg_store *s, int64_t id, const char *p, size_t n, vg_error *err) { return s->ops->opendata->od_dict_put(s, id, p, n, err); }
static inline vg_err vg_store_od_file_replace(vg_store *s, const vg_od_file *f, vg_id *file_id, bool *replaced, vg_error *err) { return s->ops->opendata->od_file_replace(s, f, file_id, replaced, err); }
static inline vg_err vg_store_od_file_finish(vg_store *s, vg_id file_id, int64_t rows, vg_error *err) { return s->ops->opendata->od_file_finish(s, file_id, rows, err); }
static inline vg_err vg_store_od_street_put(vg_store *s, const vg_od_street_rec *r, vg_error *err) { return s->ops->opendata->od_street_put(s, r, err); }
static inline vg_err vg_store_od_outcome_put(vg_store *s, const vg_od_outcome_rec *r, vg_error *err) { return s->ops->opendata->od_outcome_put(s, r, err); }
static inline vg_err vg_store_od_stop_put(vg_store *s, const vg_od_stop_rec *r, vg_error *err) { return s->ops->opendata->od_stop_put(s, r, err); }
static inline vg_err vg_store_od_count_put(vg_store *s, vg_id file_id, int64_t value, int64_t n, vg_error *err) { return s->ops->opendata->od_count_put(s, file_id, value, n, err); }
static inline vg_err vg_store_od_counts_each(vg_store *s, const char *kind, int month_from, int month_to, vg_od_count_fn fn, void *ctx, vg_error *err) { return s->ops->opendata->od_counts_each(s, kind, month_from, month_to, fn, ctx, err); }
static inline vg_err vg_store_ho_put(vg_store *s, const char *area, int period_end, const char *offence, int64_t count, vg_error *err) { return s->ops->opendata->ho_put(s, area, period_end, offence, count, err); }
static inline vg_err vg_store_ho_each(vg_store *s, int period_end, vg_ho_row_fn fn, void *ctx, vg_error *err) { return s->ops->opendata->ho_each(s, period_end, fn, ctx, err); }
static inline vg_err vg_store_population_put(vg_store *s, const char *area, int year, vg_denom_basis basis, int64_t population, const char *source, vg_error *err) { return s->ops->opendata->population_put(s, area, year, basis, population, source, err); }
static inline vg_err vg_store_households_put(vg_store *s, const char *area, int year, vg_denom_basis basis, int64_t households, const char *source, vg_error *err) { return s->ops->opendata->households_put(s, area, year, basis, households, source, err); }
static inline vg_err vg_store_population_get(vg_store *s, const char *area, int year, vg_store_denom *out, vg_error *err) { return s->ops->opendata->population_get(s, area, year, out, err); }
static inline vg_err vg_store_households_get(vg_store *s, const char *area, int year, vg_store_denom *out, vg_error *err) { return s->ops->opendata->households_get(s, area, year, out, err); }
static inline vg_err vg_store_setting_get(vg_store *s, const char *key, char *out, size_t n, vg_error *err) { return s->ops->opendata->setting_get(s, key, out, n, err); }
static inline vg_err vg_store_setting_put(vg_store *s, const char *key, const char *value, vg_error *err) { return s->ops->opendata->setting_put(s, key, value, err); }
static inline vg_err vg_store_truth_put(vg_store *s, const char *kind, vg_id record, int64_t truth, vg_error *err) { return s->ops->truth_put(s, kind, record, truth, err); }
static inline vg_err vg_store_synth_run_put(vg_store *s, uint64_t seed, double scale, vg_month from, int months, const char *force_name, vg_error *err) { return s->ops->synth_run_put(s, seed, scale, from, months, force_name, err); }

#endif
