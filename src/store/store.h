/* store.h - persistence behind one interface: a table of function pointers that each
 * backend (SQLite now, PostgreSQL later) implements, plus thin dispatch wrappers.
 *
 * Conventions: every function returns vg_err and fills *err with the detail. Writes of
 * one record with its children (a person with aliases, an incident with its parties)
 * are atomic on their own; callers group several writes with begin/commit (nested
 * calls become savepoints). Records passed in are borrowed; *_put assigns ->id. */
#ifndef VG_STORE_H
#define VG_STORE_H

#include "base/err.h"
#include "base/time.h"
#include "domain/pole.h"

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
} vg_store_counts;

/* Called once per distinct offence code with its number of crimes. */
typedef vg_err (*vg_offence_count_fn)(void *ctx, const char *offence_code, int64_t count);

typedef struct vg_store vg_store;

typedef struct vg_store_ops {
    const char *name; /* "sqlite" */
    void (*close)(vg_store *s);
    vg_err (*begin)(vg_store *s, vg_error *err);
    vg_err (*commit)(vg_store *s, vg_error *err);
    void (*rollback)(vg_store *s);
    vg_err (*schema_version)(vg_store *s, int *version, vg_error *err);

    vg_err (*area_put)(vg_store *s, vg_area *a, vg_error *err);
    vg_err (*area_get)(vg_store *s, vg_id id, vg_area *out, vg_error *err);
    vg_err (*location_put)(vg_store *s, vg_location *l, vg_error *err);
    vg_err (*location_get)(vg_store *s, vg_id id, vg_location *out, vg_error *err);
    vg_err (*person_put)(vg_store *s, vg_person *p, vg_error *err);
    vg_err (*person_get)(vg_store *s, vg_id id, vg_person *out, vg_error *err);
    vg_err (*person_link_location)(vg_store *s, vg_id person, vg_id location, vg_place_kind kind,
                                   vg_date from, vg_date to, vg_error *err);
    vg_err (*object_put)(vg_store *s, vg_object *o, vg_error *err);
    vg_err (*object_get)(vg_store *s, vg_id id, vg_object *out, vg_error *err);
    vg_err (*object_link)(vg_store *s, vg_record_kind kind, vg_id record, vg_id object, vg_error *err);
    vg_err (*incident_put)(vg_store *s, vg_incident *i, vg_error *err);
    vg_err (*incident_get)(vg_store *s, vg_id id, vg_incident *out, vg_error *err);
    vg_err (*crime_put)(vg_store *s, vg_crime *c, vg_error *err);
    vg_err (*crime_get)(vg_store *s, vg_id id, vg_crime *out, vg_error *err);

    vg_err (*counts)(vg_store *s, vg_store_counts *out, vg_error *err);
    /* Crimes with the given status whose recorded_at is in [from, to). */
    vg_err (*crime_counts_by_offence)(vg_store *s, vg_time from, vg_time to, vg_crime_status status,
                                      vg_offence_count_fn fn, void *ctx, vg_error *err);

    /* Synthetic-force bookkeeping (tests and benchmarks only). */
    vg_err (*truth_put)(vg_store *s, const char *kind, vg_id record, int64_t truth, vg_error *err);
    vg_err (*synth_run_put)(vg_store *s, uint64_t seed, double scale, vg_month from, int months,
                            const char *force_name, vg_error *err);
} vg_store_ops;

/* Every backend's struct starts with this. */
struct vg_store {
    const vg_store_ops *ops;
};

typedef enum vg_store_mode {
    VG_STORE_OPEN_EXISTING, /* fail if absent; fail if the schema is not current */
    VG_STORE_CREATE,        /* create if absent and bring the schema up to date */
} vg_store_mode;

/* Opens the store named by uri: a file path (SQLite) or ":memory:". Caller owns *out;
 * close with vg_store_close. Fails with VG_ERR_VERSION if the database was made by a
 * newer Vigil, VG_ERR_NOT_FOUND if it does not exist and mode is OPEN_EXISTING. */
vg_err vg_store_open(const char *uri, vg_store_mode mode, vg_store **out, vg_error *err) VG_MUST_CHECK;
void vg_store_close(vg_store *s);

/* SQLite backend constructor (used by vg_store_open). */
vg_err vg_store_sqlite_open(const char *path, vg_store_mode mode, vg_store **out, vg_error *err) VG_MUST_CHECK;

static inline vg_err vg_store_begin(vg_store *s, vg_error *err) { return s->ops->begin(s, err); }
static inline vg_err vg_store_commit(vg_store *s, vg_error *err) { return s->ops->commit(s, err); }
static inline void vg_store_rollback(vg_store *s) { s->ops->rollback(s); }
static inline vg_err vg_store_schema_version(vg_store *s, int *v, vg_error *err) { return s->ops->schema_version(s, v, err); }
static inline vg_err vg_store_area_put(vg_store *s, vg_area *a, vg_error *err) { return s->ops->area_put(s, a, err); }
static inline vg_err vg_store_area_get(vg_store *s, vg_id id, vg_area *out, vg_error *err) { return s->ops->area_get(s, id, out, err); }
static inline vg_err vg_store_location_put(vg_store *s, vg_location *l, vg_error *err) { return s->ops->location_put(s, l, err); }
static inline vg_err vg_store_location_get(vg_store *s, vg_id id, vg_location *out, vg_error *err) { return s->ops->location_get(s, id, out, err); }
static inline vg_err vg_store_person_put(vg_store *s, vg_person *p, vg_error *err) { return s->ops->person_put(s, p, err); }
static inline vg_err vg_store_person_get(vg_store *s, vg_id id, vg_person *out, vg_error *err) { return s->ops->person_get(s, id, out, err); }
static inline vg_err vg_store_person_link_location(vg_store *s, vg_id person, vg_id location, vg_place_kind kind, vg_date from, vg_date to, vg_error *err) { return s->ops->person_link_location(s, person, location, kind, from, to, err); }
static inline vg_err vg_store_object_put(vg_store *s, vg_object *o, vg_error *err) { return s->ops->object_put(s, o, err); }
static inline vg_err vg_store_object_get(vg_store *s, vg_id id, vg_object *out, vg_error *err) { return s->ops->object_get(s, id, out, err); }
/* kind is VG_REC_PERSON, VG_REC_INCIDENT or VG_REC_CRIME. */
static inline vg_err vg_store_object_link(vg_store *s, vg_record_kind kind, vg_id record, vg_id object, vg_error *err) { return s->ops->object_link(s, kind, record, object, err); }
static inline vg_err vg_store_incident_put(vg_store *s, vg_incident *i, vg_error *err) { return s->ops->incident_put(s, i, err); }
static inline vg_err vg_store_incident_get(vg_store *s, vg_id id, vg_incident *out, vg_error *err) { return s->ops->incident_get(s, id, out, err); }
static inline vg_err vg_store_crime_put(vg_store *s, vg_crime *c, vg_error *err) { return s->ops->crime_put(s, c, err); }
static inline vg_err vg_store_crime_get(vg_store *s, vg_id id, vg_crime *out, vg_error *err) { return s->ops->crime_get(s, id, out, err); }
static inline vg_err vg_store_counts_get(vg_store *s, vg_store_counts *out, vg_error *err) { return s->ops->counts(s, out, err); }
static inline vg_err vg_store_crime_counts_by_offence(vg_store *s, vg_time from, vg_time to, vg_crime_status status, vg_offence_count_fn fn, void *ctx, vg_error *err) { return s->ops->crime_counts_by_offence(s, from, to, status, fn, ctx, err); }
static inline vg_err vg_store_truth_put(vg_store *s, const char *kind, vg_id record, int64_t truth, vg_error *err) { return s->ops->truth_put(s, kind, record, truth, err); }
static inline vg_err vg_store_synth_run_put(vg_store *s, uint64_t seed, double scale, vg_month from, int months, const char *force_name, vg_error *err) { return s->ops->synth_run_put(s, seed, scale, from, months, force_name, err); }

#endif
