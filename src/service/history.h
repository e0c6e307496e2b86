/* history.h - what a first-contact lookup shows of a person, held in memory beside the
 * person index: display names and date of birth, the incidents and crimes the person
 * was party to, markers, and which person records are restricted to named users.
 *
 * A lookup answers from here without reading the database, so lookups run in parallel
 * on every core and are not slowed by the audit log's commits (each commit elsewhere
 * empties a SQLite connection's page cache). Built with the index; kept current by the
 * service inside each of its own writes (vg_history_reload) and rebuilt when another
 * process writes (the service watches the database's data version). Shared-internal to
 * service/. */
#ifndef VG_SERVICE_HISTORY_H
#define VG_SERVICE_HISTORY_H

#include "rules/briefing.h"
#include "service/access.h"
#include "store/store.h"

typedef struct vg_history vg_history;

vg_err vg_history_new(vg_history **out) VG_MUST_CHECK;
void vg_history_free(vg_history *h);
size_t vg_history_bytes(const vg_history *h);

/* Building: the names of a person record (from the index's scan), then everything else
 * from the store. */
vg_err vg_history_name_set(vg_history *h, vg_id person, const char *given, const char *family,
                           vg_date dob) VG_MUST_CHECK;
vg_err vg_history_load(vg_history *h, vg_store *st, vg_error *err) VG_MUST_CHECK;

/* After this process wrote: the persons' names, history and markers again, or the
 * restrictions again. */
vg_err vg_history_reload(vg_history *h, vg_store *st, const vg_id *persons, size_t n, vg_error *err) VG_MUST_CHECK;
vg_err vg_history_restrictions(vg_history *h, vg_store *st, vg_error *err) VG_MUST_CHECK;

/* Reads: any number of threads at once, none while a writer changes h. */
bool vg_history_name(const vg_history *h, vg_id person, char *given, size_t gn, char *family, size_t fn,
                     vg_date *dob);
/* false when the person record is restricted to named users and a is not one of them */
bool vg_history_visible(const vg_history *h, vg_id person, const vg_actor *a);
/* The flags for a call at `at`, from the history and markers of every record taken to be
 * the person: for lookups, and for the briefing of an incident being recorded (after
 * vg_history_reload of its people inside the transaction). */
vg_err vg_history_flags(const vg_history *h, const vg_briefing_config *cfg, const vg_id *ids, size_t n_ids,
                        vg_time at, vg_category cat, vg_role role, vg_date dob, vg_person_flags *out) VG_MUST_CHECK;

#endif
