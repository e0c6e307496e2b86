/* sqlite_int.h - internals shared by the SQLite backend's files (not for other modules). */
#ifndef VG_SQLITE_INT_H
#define VG_SQLITE_INT_H

#include "store/store.h"

#include "base/embed.h"
#include "store/db.h"
#include <stdbool.h>

/* Every cached statement has a slot; the SQL text lives with the code that uses it. */
enum sq_stmt_id {
    ST_AREA_INS, ST_AREA_GET,
    ST_LOC_INS, ST_LOC_GET,
    ST_PERSON_INS, ST_PERSON_GET,
    ST_ALIAS_INS, ST_ALIAS_GET,
    ST_CONTACT_INS, ST_CONTACT_GET,
    ST_MARKER_INS, ST_MARKER_GET,
    ST_PERSON_LOC_INS,
    ST_OBJ_INS, ST_OBJ_GET,
    ST_PERSON_OBJ_INS, ST_INCIDENT_OBJ_INS, ST_CRIME_OBJ_INS,
    ST_INC_INS, ST_INC_GET, ST_INC_PERSON_INS, ST_INC_PERSON_GET,
    ST_CRIME_INS, ST_CRIME_GET, ST_CRIME_PERSON_INS, ST_CRIME_PERSON_GET,
    ST_TRUTH_INS, ST_SYNTH_RUN_INS,
    ST_CRIME_BY_OFFENCE,
    /* open data */
    ST_OD_DICT_GET, ST_OD_DICT_INS, ST_OD_FILE_GET, ST_OD_FILE_INS, ST_OD_FILE_ROWS,
    ST_OD_DEL_STREET, ST_OD_DEL_OUTCOME, ST_OD_DEL_STOP, ST_OD_DEL_COUNT, ST_OD_DEL_FILE,
    ST_OD_STREET_INS, ST_OD_OUTCOME_INS, ST_OD_STOP_INS, ST_OD_COUNT_INS,
    ST_HO_INS, ST_HO_PERIOD, ST_POP_INS, ST_POP_GET, ST_HH_INS, ST_HH_GET, ST_SETTING_GET, ST_SETTING_PUT,
    ST_INC_BY_CATEGORY, ST_AREA_EACH, ST_CRIME_EACH, ST_CRIME_OUTCOME_EACH, ST_INC_EACH, ST_LOC_EACH,
    /* access and audit */
    ST_SESSION_GET, ST_USER_GET_ID, ST_USER_GET_NAME, ST_AGENCY_GET_ID, ST_AUDIT_HEAD, ST_AUDIT_INS, ST_AUDIT_HEAD_SET, ST_AUDIT_REC_INS,
    ST_RESTRICT_CHECK, ST_PERSON_NAME, ST_DATA_VERSION,
    ST_COUNT
};

/* What differs between the backends beyond the driver: their migrations, how to see
 * whether the schema has been started, and how a writing transaction begins. */
typedef struct sq_dialect {
    const vg_embedded *migrations;
    const size_t *count;
    const char *has_migrations;    /* one row: 1 if schema_migration exists, else 0 */
    const char *create_migrations; /* creates schema_migration if it does not exist */
    const char *begin_write;
    const char *change_head;   /* one row: the last store_change seq given out, pruned or not */
    const char *changes_prune; /* forgets the changes applied up to ?1 */
} sq_dialect;

typedef struct sq_store {
    vg_store base; /* must be first */
    const sq_dialect *dialect;
    vg_db *db;
    char *path;
    int depth;     /* transaction nesting */
    bool reader; /* a read-only second connection: deferred transactions */
    vg_db_stmt *stmts[ST_COUNT];
    vg_db_stmt *events_by_n[9]; /* person_events for 1..8 persons, prepared once */
    vg_id od_first_row, od_last_row; /* rowid range of the open-data file being written */
    int64_t pg_version; /* PostgreSQL: notifications of others' changes seen */
} sq_store;

/* The operations both backends share (sqlite.c); a backend may replace some. */
extern const vg_store_ops sq_ops;
void sq_close(vg_store *base);
vg_err sq_schema_version(vg_store *base, int *version, vg_error *err);
/* Brings the schema up to date (VG_STORE_CREATE), or checks that it is current. */
vg_err sq_schema_start(sq_store *s, vg_store_mode mode, vg_error *err);
vg_err sq_truth_put(vg_store *base, const char *kind, vg_id record, int64_t truth, vg_error *err);
vg_err sq_synth_run_put(vg_store *base, uint64_t seed, double scale, vg_month from, int months,
                        const char *force_name, vg_error *err);

vg_err sq_fail(sq_store *s, vg_error *err, const char *what);
vg_err sq_exec(sq_store *s, const char *sql, vg_error *err);
/* The cached statement for slot id (prepared from sql the first time), reset and
 * unbound; NULL with *err set on failure. */
vg_db_stmt *sq_stmt(sq_store *s, int id, const char *sql, vg_error *err);
int sq_bind_text(vg_db_stmt *st, int i, const char *v);
int sq_bind_id(vg_db_stmt *st, int i, vg_id v);
int sq_bind_date(vg_db_stmt *st, int i, vg_date d);
int sq_bind_time(vg_db_stmt *st, int i, vg_time t);
int sq_bind_opt_real(vg_db_stmt *st, int i, bool has, double v);
int sq_bind_opt_i64(vg_db_stmt *st, int i, int64_t v, int64_t none);
const char *sq_col_text(vg_db_stmt *st, int i);
bool sq_col_dup(vg_db_stmt *st, int i, char **dst);
vg_date sq_col_date(vg_db_stmt *st, int i);
vg_time sq_col_time(vg_db_stmt *st, int i);
bool sq_col_null(vg_db_stmt *st, int i);
vg_err sq_step_insert(sq_store *s, vg_db_stmt *st, int bind_rc, vg_id *id, vg_error *err, const char *what);
vg_err sq_step_row(sq_store *s, vg_db_stmt *st, vg_error *err, const char *what, vg_id id);
vg_err sq_begin(vg_store *base, vg_error *err);
vg_err sq_commit(vg_store *base, vg_error *err);
void sq_rollback(vg_store *base);
typedef vg_err (*sq_tx_fn)(sq_store *s, void *arg, vg_error *err);
/* Runs fn inside a (nested) transaction: commit on success, rollback on failure. */
vg_err sq_in_tx(sq_store *s, sq_tx_fn fn, void *arg, vg_error *err);

/* POLE records (sqlite_pole.c) */
vg_err sq_agency_rename(vg_store *base, const char *code, const char *name, vg_error *err);
vg_err sq_area_put(vg_store *base, vg_area *a, vg_error *err);
vg_err sq_area_get(vg_store *base, vg_id id, vg_area *a, vg_error *err);
vg_err sq_location_put(vg_store *base, vg_location *l, vg_error *err);
vg_err sq_location_get(vg_store *base, vg_id id, vg_location *l, vg_error *err);
vg_err sq_person_put(vg_store *base, vg_person *p, vg_error *err);
vg_err sq_person_get(vg_store *base, vg_id id, vg_person *p, vg_error *err);
vg_err sq_person_link_location(vg_store *base, vg_id person, vg_id location, vg_place_kind kind, vg_date from, vg_date to, vg_error *err);
vg_err sq_object_put(vg_store *base, vg_object *o, vg_error *err);
vg_err sq_object_get(vg_store *base, vg_id id, vg_object *o, vg_error *err);
vg_err sq_object_link(vg_store *base, vg_record_kind kind, vg_id record, vg_id object, vg_error *err);
vg_err sq_incident_put(vg_store *base, vg_incident *i, vg_error *err);
vg_err sq_incident_get(vg_store *base, vg_id id, vg_incident *i, vg_error *err);
vg_err sq_crime_put(vg_store *base, vg_crime *c, vg_error *err);
vg_err sq_crime_get(vg_store *base, vg_id id, vg_crime *c, vg_error *err);
vg_err sq_counts(vg_store *base, vg_store_counts *out, vg_error *err);
vg_err sq_crime_counts_by_offence(vg_store *base, vg_time from, vg_time to, vg_crime_status status, vg_offence_count_fn fn, void *ctx, vg_error *err);

vg_err sq_incident_counts(vg_store *base, vg_time from, vg_time to, int64_t counts[VG_CAT_COUNT], vg_error *err);
vg_err sq_areas_each(vg_store *base, vg_area_fn fn, void *ctx, vg_error *err);
vg_err sq_crimes_each(vg_store *base, vg_time from, vg_time to, bool by_outcome, vg_crime_fn fn, void *ctx, vg_error *err);
vg_err sq_incidents_each(vg_store *base, vg_time from, vg_time to, vg_incident_fn fn, void *ctx, vg_error *err);
vg_err sq_locations_each(vg_store *base, vg_location_fn fn, void *ctx, vg_error *err);

/* First contact (sqlite_contact.c) */
vg_err sq_persons_brief_each(vg_store *base, vg_person_brief_fn fn, void *ctx, vg_error *err);
vg_err sq_person_briefs(vg_store *base, vg_id person, vg_person_brief_fn fn, void *ctx, vg_error *err);
vg_err sq_persons_resolved_replace(vg_store *base, const vg_id *record, const vg_id *person, size_t n,
                                   const vg_resolve_run *run, vg_error *err);
vg_err sq_person_clusters_each(vg_store *base, vg_cluster_fn fn, void *ctx, vg_error *err);
vg_err sq_person_source_put(vg_store *base, vg_id person, const char *source_id, vg_error *err);
vg_err sq_persons_resolved_set(vg_store *base, const vg_id *record, const vg_id *person, size_t n, vg_error *err);
vg_err sq_reviews_replace(vg_store *base, const vg_id *a, const vg_id *b, const double *p, size_t n, vg_error *err);
vg_err sq_reviews_each(vg_store *base, size_t max, vg_pair_review_fn fn, void *ctx, vg_error *err);
vg_err sq_reviews_remove_within(vg_store *base, const vg_id *ids, size_t n, vg_error *err);
vg_err sq_decision_put(vg_store *base, vg_person_decision *d, vg_error *err);
/* Steps st, giving fn each row's first column as an id; finalizes st. */
vg_err sq_ids_each(sq_store *s, vg_db_stmt *st, vg_id_fn fn, void *ctx, vg_error *err, const char *what);
vg_err sq_list(vg_store *base, const vg_list_query *q, int64_t *total, int64_t *ahead, vg_list_fn fn, void *ctx,
               vg_error *err);
vg_err sq_refs_find(vg_store *base, const char *prefix, size_t max, vg_ref_fn fn, void *ctx, vg_error *err);
vg_err sq_locations_find(vg_store *base, const char *postcode, const char *street, const char *number, size_t max,
                         vg_id_fn fn, void *ctx, vg_error *err);
vg_err sq_location_incident_ids(vg_store *base, vg_id location, size_t max, vg_id_fn fn, void *ctx, vg_error *err);
vg_err sq_dispatch_get(vg_store *base, vg_id incident, vg_dispatch_state *out, vg_error *err);
vg_err sq_dispatch_put(vg_store *base, const vg_dispatch_state *d, vg_error *err);
vg_err sq_incident_entry_put(vg_store *base, vg_incident_entry *en, vg_error *err);
vg_err sq_incident_entries_each(vg_store *base, vg_id incident, vg_entry_fn fn, void *ctx, vg_error *err);
vg_err sq_incident_set_state(vg_store *base, vg_id incident, vg_thrive thrive, vg_time closed_at, vg_error *err);
vg_err sq_board_each(vg_store *base, vg_board_fn fn, void *ctx, vg_error *err);
vg_err sq_decision_undo(vg_store *base, vg_id id, const char *by, vg_time at, const char *reason, vg_error *err);
vg_err sq_decisions_each(vg_store *base, bool active_only, vg_decision_fn fn, void *ctx, vg_error *err);
vg_err sq_decision_records_put(vg_store *base, vg_id decision, const vg_id *records, size_t n, vg_error *err);
vg_err sq_decision_links_each(vg_store *base, vg_link_fn fn, void *ctx, vg_error *err);
vg_err sq_person_source_find(vg_store *base, const char *source_id, vg_id *person, vg_error *err);
vg_err sq_changes_since(vg_store *base, int64_t after, size_t max, vg_change_fn fn, void *ctx, vg_error *err);
vg_err sq_change_head(vg_store *base, int64_t *seq, vg_error *err);
vg_err sq_changes_prune(vg_store *base, int64_t upto, vg_error *err);
vg_err sq_briefing_put(vg_store *base, vg_id incident, vg_time at, const char *json, vg_error *err);
vg_err sq_briefing_get(vg_store *base, vg_id incident, char **json, vg_error *err);
vg_err sq_reference_next(vg_store *base, vg_record_kind kind, const char *prefix, char *out, size_t n, vg_error *err);
vg_err sq_person_extend(vg_store *base, vg_id id, const vg_person *add, vg_error *err);
vg_err sq_person_events_all(vg_store *base, vg_person_event_fn fn, void *ctx, vg_error *err);
vg_err sq_person_markers_all(vg_store *base, vg_person_marker_fn fn, void *ctx, vg_error *err);
vg_err sq_data_version(vg_store *base, int64_t *version, vg_error *err);
vg_err sq_incident_points(vg_store *base, vg_id area, vg_time from, vg_time to, size_t max, vg_incident_point_fn fn,
                          void *ctx, vg_error *err);
vg_err sq_incident_span(vg_store *base, vg_time *first, vg_time *last, vg_error *err);
vg_err sq_street_near(vg_store *base, double easting, double northing, double radius, char *street, size_t sn,
                      char *town, size_t tn, double *metres, bool *found, vg_error *err);
vg_err sq_postcode_centre(vg_store *base, const char *postcode, double *lat, double *lon, int64_t *n, vg_error *err);
vg_err sq_crime_points(vg_store *base, vg_id area, vg_time from, vg_time to, vg_crime_point_fn fn, void *ctx,
                       vg_error *err);
vg_err sq_postcode_areas(vg_store *base, const char *postcode, vg_id *neighbourhood, vg_id *la, vg_error *err);
vg_err sq_repeat_locations(vg_store *base, vg_id area, vg_time from, vg_time to, int min, size_t max, vg_repeat_fn fn,
                           void *ctx, vg_error *err);
vg_err sq_repeat_persons(vg_store *base, vg_id area, vg_time from, vg_time to, bool offenders, int min, size_t max,
                         vg_repeat_fn fn, void *ctx, vg_error *err);
vg_err sq_recent_events(vg_store *base, vg_id area, vg_time from, vg_time to, size_t max, vg_recent_fn fn, void *ctx,
                        vg_error *err);
vg_err sq_victims_in(vg_store *base, vg_id area, vg_time from, vg_time to, vg_victim_fn fn, void *ctx, vg_error *err);
vg_err sq_day_counts(vg_store *base, vg_id area, vg_time from, vg_time to, vg_day_count_fn fn, void *ctx, vg_error *err);
vg_err sq_tasking_put(vg_store *base, vg_id area, const char *text, vg_id owner, vg_date due, vg_id by, vg_time at,
                      vg_id *id, vg_error *err);
vg_err sq_tasking_close(vg_store *base, vg_id id, vg_id by, vg_time at, const char *result, vg_id *area, vg_error *err);
vg_err sq_tasking_each(vg_store *base, vg_id area, vg_time closed_since, vg_tasking_fn fn, void *ctx, vg_error *err);
vg_err sq_open_case_actions(vg_store *base, vg_id area, vg_area_case_action_fn fn, void *ctx, vg_error *err);
vg_err sq_area_positions(vg_store *base, vg_id area, vg_position_fn fn, void *ctx, vg_error *err);
vg_err sq_review_put(vg_store *base, vg_id crime, vg_id reviewer, vg_time at, const char *direction, vg_time next_due,
                     vg_error *err);
vg_err sq_crime_reviews(vg_store *base, vg_id crime, vg_crime_review_fn fn, void *ctx, vg_error *err);
vg_err sq_entitlement_put(vg_store *base, vg_id crime, vg_id person, vg_entitlement ent, vg_time at, vg_id user,
                          const char *note, bool *was_victim, vg_error *err);
vg_err sq_case_actions(vg_store *base, vg_id case_id, vg_case_action_fn fn, void *ctx, vg_error *err);
vg_err sq_case_action_get(vg_store *base, vg_id id, vg_case_action *out, vg_error *err);
vg_err sq_case_action_put(vg_store *base, vg_id case_id, vg_id agency, const char *text, vg_date due, vg_id user,
                          vg_time at, vg_id *id, vg_error *err);
vg_err sq_case_action_done(vg_store *base, vg_id id, vg_id user, vg_time at, vg_error *err);
vg_err sq_restrictions_each(vg_store *base, const char *kind, vg_restriction_fn fn, void *ctx, vg_error *err);
vg_err sq_person_events(vg_store *base, const vg_id *persons, size_t n, vg_time from, vg_time to,
                        vg_person_event_fn fn, void *ctx, vg_error *err);
vg_err sq_location_incident_count(vg_store *base, const vg_id *locations, size_t n, vg_time from, vg_time to,
                                  int64_t *count, vg_error *err);

/* Access control and audit (sqlite_access.c) */
vg_err sq_agency_put(vg_store *base, vg_agency *a, vg_error *err);
vg_err sq_agency_get(vg_store *base, vg_id id, const char *code, vg_agency *out, vg_error *err);
vg_err sq_agencies_each(vg_store *base, vg_agency_fn fn, void *ctx, vg_error *err);
vg_err sq_user_put(vg_store *base, vg_user *u, const char *password_hash, vg_error *err);
vg_err sq_user_get(vg_store *base, vg_id id, const char *username, vg_user_auth *out, vg_error *err);
vg_err sq_user_update(vg_store *base, vg_id id, const char *password_hash, int disabled, int failed_logins,
                      vg_time locked_until, vg_error *err);
vg_err sq_users_each(vg_store *base, vg_user_fn fn, void *ctx, vg_error *err);
vg_err sq_session_put(vg_store *base, const uint8_t hash[32], vg_id user, const char *csrf, vg_time created,
                      vg_time expires, vg_error *err);
vg_err sq_session_get(vg_store *base, const uint8_t hash[32], vg_id *user, char *csrf, vg_time *expires,
                      vg_time *last_seen, vg_error *err);
vg_err sq_session_touch(vg_store *base, const uint8_t hash[32], vg_time at, vg_error *err);
vg_err sq_session_purge(vg_store *base, vg_time before, vg_error *err);
vg_err sq_session_delete(vg_store *base, const uint8_t *hash, vg_id user, vg_error *err);
vg_err sq_audit_head(vg_store *base, int64_t *seq, uint8_t hash[32], vg_error *err);
vg_err sq_audit_put(vg_store *base, const vg_audit_entry *e, vg_error *err);
vg_err sq_user_set_role(vg_store *base, vg_id id, vg_user_role role, vg_error *err);
vg_err sq_user_set_agency(vg_store *base, vg_id id, vg_id agency, vg_error *err);
vg_err sq_request_put(vg_store *base, vg_user_request *r, const char *password_hash, vg_error *err);
vg_err sq_request_get(vg_store *base, vg_id id, vg_user_request *r, char *hash, vg_error *err);
vg_err sq_requests_each(vg_store *base, bool pending_only, vg_request_fn fn, void *ctx, vg_error *err);
vg_err sq_request_decide(vg_store *base, vg_id id, const char *status, vg_id by, vg_time at, vg_error *err);
vg_err sq_audit_check_put(vg_store *base, vg_time at, const char *username, int64_t entries, bool ok, int64_t bad_seq,
                          const char *why, vg_error *err);
vg_err sq_audit_each(vg_store *base, vg_time from, vg_time to, int64_t upto, vg_id person, vg_audit_fn fn, void *ctx,
                     vg_error *err);
vg_err sq_case_put(vg_store *base, vg_case_rec *c, vg_error *err);
vg_err sq_case_get(vg_store *base, vg_id id, vg_case_rec *out, vg_error *err);
vg_err sq_cases_each(vg_store *base, vg_id_fn fn, void *ctx, vg_error *err);
vg_err sq_case_share_put(vg_store *base, const vg_case_share *sh, vg_error *err);
vg_err sq_case_share_delete(vg_store *base, vg_id case_id, vg_id agency_id, vg_error *err);
vg_err sq_case_note_put(vg_store *base, vg_id case_id, vg_id agency, vg_id user, const char *username, vg_time at,
                        const char *text, vg_id *id, vg_error *err);
vg_err sq_case_notes_each(vg_store *base, vg_id case_id, vg_err (*fn)(void *ctx, const vg_case_note *n), void *ctx,
                          vg_error *err);
vg_err sq_case_shares_each(vg_store *base, vg_id case_id, vg_case_share_fn fn, void *ctx, vg_error *err);
vg_err sq_restriction_add(vg_store *base, const char *kind, vg_id record, vg_id user, vg_error *err);
vg_err sq_restriction_check(vg_store *base, const char *kind, vg_id record, vg_id user, bool *restricted,
                            bool *allowed, vg_error *err);
vg_err sq_read_receipt_put(vg_store *base, vg_id incident, vg_id user, const char *queue, vg_time at, vg_error *err);
vg_err sq_person_name(vg_store *base, vg_id id, char *given, size_t gn, char *family, size_t fn, vg_date *dob,
                      vg_error *err);
vg_err sq_incident_ids(vg_store *base, vg_time from, vg_time to, size_t max, vg_id_fn fn, void *ctx, vg_error *err);

/* Open data and settings (sqlite_opendata.c) */
vg_err sq_od_counts(sq_store *s, vg_store_counts *out, vg_error *err);
vg_err sq_od_dict_each(vg_store *base, vg_od_dict_fn fn, void *ctx, vg_error *err);
vg_err sq_od_dict_put(vg_store *base, int64_t id, const char *p, size_t n, vg_error *err);
vg_err sq_od_file_replace(vg_store *base, const vg_od_file *f, vg_id *file_id, bool *replaced, vg_error *err);
vg_err sq_od_file_finish(vg_store *base, vg_id file_id, int64_t rows, vg_error *err);
vg_err sq_od_street_put(vg_store *base, const vg_od_street_rec *r, vg_error *err);
vg_err sq_od_outcome_put(vg_store *base, const vg_od_outcome_rec *r, vg_error *err);
vg_err sq_od_stop_put(vg_store *base, const vg_od_stop_rec *r, vg_error *err);
vg_err sq_od_count_put(vg_store *base, vg_id file_id, int64_t value, int64_t n, vg_error *err);
vg_err sq_od_counts_each(vg_store *base, const char *kind, int month_from, int month_to, vg_od_count_fn fn, void *ctx,
                         vg_error *err);
vg_err sq_ho_put(vg_store *base, const char *area, int period_end, const char *offence, int64_t count, vg_error *err);
vg_err sq_ho_each(vg_store *base, int period_end, vg_ho_row_fn fn, void *ctx, vg_error *err);
vg_err sq_population_put(vg_store *base, const char *area, int year, vg_denom_basis basis, int64_t population,
                         const char *source, vg_error *err);
vg_err sq_households_put(vg_store *base, const char *area, int year, vg_denom_basis basis, int64_t households,
                         const char *source, vg_error *err);
vg_err sq_population_get(vg_store *base, const char *area, int year, vg_store_denom *out, vg_error *err);
vg_err sq_households_get(vg_store *base, const char *area, int year, vg_store_denom *out, vg_error *err);
vg_err sq_setting_get(vg_store *base, const char *key, char *out, size_t n, vg_error *err);
vg_err sq_setting_put(vg_store *base, const char *key, const char *value, vg_error *err);

#endif
