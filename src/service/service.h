/* service.h - Vigil's use cases. cli/ and http/ reach records only through here: this
 * is where access control and the audit log are enforced (from the server issue on),
 * and where each use case runs in one transaction. */
#ifndef VG_SERVICE_H
#define VG_SERVICE_H

#include "base/err.h"
#include "base/map.h"
#include "domain/offence.h"
#include "domain/pole.h"
#include "analysis/knox.h"
#include "analysis/performance.h"
#include "domain/contact.h"
#include "domain/dispatch.h"
#include "domain/list.h"
#include "domain/work.h"
#include "match/model.h"
#include "rules/briefing.h"
#include "service/access.h"
#include "synth/synth.h"

#include <jansson.h>

#include <stdint.h>

typedef struct vg_service vg_service;

typedef enum vg_service_mode {
    VG_SERVICE_EXISTING, /* the database must exist with the current schema */
    VG_SERVICE_CREATE,   /* create it, or bring its schema up to date */
} vg_service_mode;

/* Opens the database named by uri. Caller owns *out; close with vg_service_close. */
vg_err vg_service_open(const char *uri, vg_service_mode mode, vg_service **out, vg_error *err) VG_MUST_CHECK;
/* Reports and analyses read from uri, a streaming replica of the database (the main
 * connection still writes, the audit log included); opened at once, so that a bad URL is
 * said at once. NULL or "": from the database itself. */
vg_err vg_service_read_db(vg_service *svc, const char *uri, vg_error *err) VG_MUST_CHECK;
void vg_service_close(vg_service *svc);

/* ---- threads
 *
 * One service object may serve many threads. The functions marked "thread-safe" may be
 * called from any thread at any time: they read through connections of their own
 * (read-only SQLite connections in WAL mode, one per thread in use) and hand their audit
 * entries to one writer thread that commits them in groups; each still returns only
 * once its entry is committed. Every other function must be called between
 * vg_service_lock and vg_service_unlock (the lock is recursive), or from one thread only. */
void vg_service_lock(vg_service *svc);
void vg_service_unlock(vg_service *svc);
/* Starts the audit writer thread and allows up to `readers` read connections (0: none;
 * then the thread-safe functions take the lock and use the main connection). A store in
 * memory has no second connection: readers is ignored. Once started, a second call
 * changes nothing; vg_service_close stops them. */
vg_err vg_service_threads(vg_service *svc, int readers, vg_error *err) VG_MUST_CHECK;

/* Waits until every audit entry handed to the writer thread is committed and its caller
 * told (before a server stops: no answer is left waiting). */
void vg_service_flush(vg_service *svc);

/* The schema version of the open database. */
vg_err vg_service_schema_version(vg_service *svc, int *version, vg_error *err) VG_MUST_CHECK;

typedef struct vg_stats {
    int64_t records[8];              /* indexed like vg_record_kind */
    const char *record_names[8];     /* static names, e.g. "persons" */
    int record_kinds;
    int64_t incidents_by_category[VG_CAT_COUNT];
    int64_t incidents_asb;
    int64_t crimes_by_status[VG_CRIME_STATUS_COUNT];
    int64_t crimes_by_group[VG_GRP_COUNT]; /* recorded crimes (not removed) */
    int64_t crimes_unknown_code;           /* recorded crimes whose code is not in the table */
    int64_t crimes_excluding_fraud;
    int64_t crimes_victim_based;
    int64_t od_files[3], od_rows[3], od_asb_rows; /* police.uk street, outcomes, stop_search */
    int64_t ho_rows, population_rows, household_rows;
} vg_stats;

/* Counts per record type and recorded crimes per ONS offence group (report.read;
 * audited as a consultation of counts, which name no record). */
vg_err vg_service_stats(vg_service *svc, const vg_actor *a, vg_stats *out, vg_error *err) VG_MUST_CHECK;

/* Fills the (empty) store with the synthetic force (the operator only; audited). */
vg_err vg_service_synth(vg_service *svc, const vg_actor *a, const vg_synth_options *opt, vg_synth_report *report,
                        vg_error *err) VG_MUST_CHECK;

/* ---- first contact
 *
 * The person index is built from the store the first time it is needed (lookups and
 * incidents) and kept up to date with every write of this service. The match model is
 * the one saved by vg_service_match_train (setting match.model), or the documented
 * defaults until the model has been trained. */

#define VG_LOOKUP_MAX 20

typedef struct vg_lookup_request {
    const char *name;            /* whole name, or given/family below */
    const char *given, *family;
    vg_date dob;                 /* VG_DATE_NONE if not given */
    vg_gender gender;
    const char *phone, *address, *postcode;
    vg_time at;                  /* the briefing's "now" */
    vg_category category;        /* which repeat rule the briefing applies */
    vg_role role;
    int max;                     /* candidates wanted (<= VG_LOOKUP_MAX) */
} vg_lookup_request;

typedef struct vg_lookup_result {
    size_t n;
    vg_candidate cand[VG_LOOKUP_MAX];  /* best first, one per person */
    double threshold;
    bool has_briefing;                 /* the best is at or above the threshold */
    vg_person_briefing briefing;       /* for the best candidate */
    size_t records;                    /* person records in the index */
    double micros;                     /* time the index search took */
} vg_lookup_result;

/* Candidates for a description, each with its probability and the explanation, plus
 * the briefing for the best. VG_ERR_INVALID_INPUT if the description has nothing to
 * search on. Records restricted to named users are not candidates for anyone else.
 * Thread-safe; it waits for its audit entry's commit, so never call it holding the
 * service lock while the writer thread runs (the writer needs the lock). */
vg_err vg_service_lookup(vg_service *svc, const vg_actor *a, const vg_lookup_request *q, vg_lookup_result *out,
                         vg_error *err) VG_MUST_CHECK;

/* Called once the audit entry of an asynchronous use case is committed (rc VG_OK) or
 * has failed (then the answer must not be given); from another thread, or from the
 * caller's before the use case returns. */
typedef void (*vg_logged_fn)(void *ctx, vg_err rc, const vg_error *err);
/* vg_service_lookup without waiting for its audit entry: on VG_OK *out is filled and
 * done is called once with the outcome of the entry's commit; the answer may be given
 * only if that is VG_OK. On an error done is not called. Thread-safe. */
vg_err vg_service_lookup_async(vg_service *svc, const vg_actor *a, const vg_lookup_request *q, vg_lookup_result *out,
                               vg_logged_fn done, void *ctx, vg_error *err) VG_MUST_CHECK;

/* Records incidents: resolves every person and the place against all records (new
 * records where nothing matches), stores each incident with its links (and a crime when
 * the category is crime with an offence code), and fills out[i] with the briefing of
 * incident i. All of it in one transaction: on error nothing is stored. out must hold
 * n briefings. */
vg_err vg_service_record_incidents(vg_service *svc, const vg_actor *a, const vg_incident_draft *drafts, size_t n,
                                   vg_briefing *out,
                                   vg_error *err) VG_MUST_CHECK;

/* The briefing made when incident was recorded (JSON text; caller frees with vg_free).
 * VG_ERR_NOT_FOUND if there is none. */
vg_err vg_service_incident_briefing(vg_service *svc, const vg_actor *a, vg_id incident, char **json,
                                    vg_error *err) VG_MUST_CHECK;

/* JSON views of records for a reader (the API and the command line show the same). Each
 * is authorised (role, agency, restriction: a record restricted to other users is
 * VG_ERR_NOT_FOUND) and audited as a consultation. Caller owns *out (json_decref). */
vg_err vg_service_incident_view(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err) VG_MUST_CHECK;
/* Incidents received in [from, to) (VG_TIME_NONE: unbounded), newest first, at most max
 * (0: 100). */
vg_err vg_service_incident_list(vg_service *svc, const vg_actor *a, vg_time from, vg_time to, size_t max, json_t **out,
                                vg_error *err) VG_MUST_CHECK;
vg_err vg_service_person_view(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err) VG_MUST_CHECK;
/* A person: names, aliases, contacts, markers, and the newest VG_PERSON_NEWEST incidents
 * and crimes they were party to, with how many there are ("history_total"; every one: the
 * history list with the filter "person"). */
#define VG_PERSON_NEWEST 20
/* A place in words, and the newest VG_LOCATION_NEWEST incidents there (every one: the
 * incidents list with the filter "location"). */
#define VG_LOCATION_NEWEST 10
vg_err vg_service_location_view(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err) VG_MUST_CHECK;
/* The officer's acknowledgement of a briefing pushed to their queue. */
vg_err vg_service_incident_receipt(vg_service *svc, const vg_actor *a, vg_id incident, const char *queue,
                                   vg_error *err) VG_MUST_CHECK;
/* ---- the search box (search.c) */

/* What q finds: persons by name, date of birth (dd/mm/yyyy or yyyy-mm-dd) and phone, with
 * the first-contact matching (a misspelling still finds them); incidents and crimes by
 * their reference or its beginning; places by postcode, or a house number and street.
 * Each group only for a reader who may read its records (none at all: VG_ERR_FORBIDDEN):
 * {"q","total","per_group","persons":[{record,person,name,dob,band,evidence,records}],
 * "incidents":[{id,reference,received,category}],"crimes":[{id,reference,recorded,
 * offence}],"places":[{id,address}]}, at most per_group each. One consultation in the
 * audit log naming every record found. */
vg_err vg_service_search(vg_service *svc, const vg_actor *a, const char *q, json_t **out, vg_error *err) VG_MUST_CHECK;

/* ---- lists (lists.c): one page of a list of domain/list.h, or all of it (limit 0: an
 * export). *out = {list,total,first (the place of the first row, from 1; 0: none),limit,
 * sort,order,rows:[{id,COLUMN...}],before?,after?}: before/after are the cursors of the
 * pages either side ("ID:VALUE"), present when there is such a page. A place is its line
 * in words. Incidents and crimes need VG_PERM_INCIDENT_READ, the audit log
 * VG_PERM_AUDIT_READ, users VG_PERM_USER_ADMIN; records restricted to named users are
 * left out for everyone else (and from the total). One consultation names every record
 * on the page (limit 1 to VG_LIST_PAGE_MAX). */
vg_err vg_service_list(vg_service *svc, const vg_actor *a, const vg_list_query *q, json_t **out,
                       vg_error *err) VG_MUST_CHECK;
/* One user's account for an administrator: {username,role,agency:{code,name,kind},
 * status (active, disabled),last_sign_in,created,failed_logins (remembered by the
 * sign-in throttle),failed_from (addresses),held_until,yourself}. VG_PERM_USER_ADMIN. */
vg_err vg_service_user_view(vg_service *svc, const vg_actor *a, const char *username, json_t **out,
                            vg_error *err) VG_MUST_CHECK;
/* Every row the list's filters keep, in its order, each handed to fn as the page's JSON
 * row (borrowed for the call) as it is read, never all held: an export. Reads off the
 * service lock (thread-safe: a worker's request); one consultation names every record,
 * written once all were read. *total is how many. */
typedef vg_err (*vg_list_json_fn)(void *ctx, const json_t *row);
vg_err vg_service_list_each(vg_service *svc, const vg_actor *a, const vg_list_query *q, vg_list_json_fn fn, void *ctx,
                            int64_t *total, vg_error *err) VG_MUST_CHECK;
/* How many rows the list's filters keep for the actor (the same rights; no row is
 * disclosed, so nothing is audited): the counts above a queue. */
vg_err vg_service_list_count(vg_service *svc, const vg_actor *a, const vg_list_query *q, int64_t *total,
                             vg_error *err) VG_MUST_CHECK;
/* Whether the actor may read the list (for offering it). */
bool vg_service_list_allowed(const vg_actor *a, vg_list_kind k);

/* ---- the control room's work on an incident after the call (dispatch.c) */

/* One change: an update (text), a re-grade (thrive, text the reason), acknowledging,
 * assigning an officer or unit (unit), a dispatch status (status), closing (closure, text
 * optional) or cancelling a mistaken call (text the reason). */
typedef struct vg_incident_change {
    vg_entry_kind kind;
    const char *text;
    vg_thrive thrive;
    const char *unit;
    vg_dispatch_status status;
    vg_closure closure;
} vg_incident_change;
/* Applies a change: the log entry, the state (and the incident's grade or closure) and
 * the audit entry in one transaction; *after (may be NULL) gets the state after it.
 * Updates, grades, closing and cancelling need VG_PERM_INCIDENT_UPDATE; acknowledging,
 * assigning and the status VG_PERM_DISPATCH. A closed incident takes updates only
 * (VG_ERR_CONFLICT); an acknowledged one is not acknowledged again. */
vg_err vg_service_incident_change(vg_service *svc, const vg_actor *a, vg_id incident, const vg_incident_change *c,
                                  vg_dispatch_state *after, vg_error *err) VG_MUST_CHECK;
/* The dispatch board: every open incident graded to send someone (immediate, priority,
 * scheduled) that the actor may see, by grade and then the longest waiting, at most max:
 * {"total","shown","incidents":[{id,reference,received,waiting_minutes,thrive,
 * thrive_label,category,category_label,address,what,state:{status,status_label,
 * acknowledged:{by,at}|null,unit,closure,closure_label},people:[{role,name,repeat_victim,
 * vulnerable,new_to_us}],flags:[...],facts:[...]}]}. VG_PERM_QUEUE; the audit entry
 * names every incident, place and person shown. */
vg_err vg_service_dispatch_board(vg_service *svc, const vg_actor *a, size_t max, json_t **out,
                                 vg_error *err) VG_MUST_CHECK;

/* A new incident's briefing as the live queue pushes it to every subscriber: the people
 * restricted to named users (and candidates not taken who are) left out. Caller owns it. */
json_t *vg_service_queue_briefing(vg_service *svc, const vg_briefing *b);

/* Subscribing to a live queue (only "dispatch" so far): VG_PERM_QUEUE, audited. */
vg_err vg_service_queue_open(vg_service *svc, const vg_actor *a, const char *name, vg_error *err) VG_MUST_CHECK;
/* Logs that an incident's briefing was pushed to the actor's screen. */
vg_err vg_service_queue_delivered(vg_service *svc, const vg_actor *a, vg_id incident, const char *queue,
                                  vg_error *err) VG_MUST_CHECK;
/* A lookup result as JSON (candidates, threshold, briefing of the best or null). */
json_t *vg_lookup_to_json(const vg_lookup_result *r);
/* The same as text, written straight (the API's hot path); malloc'd, NULL if out of memory. */
char *vg_lookup_json_text(const vg_lookup_result *r, size_t *len);

/* ---- maps */

/* Local authorities and neighbourhoods: [{"id","code","name","kind","parent"}]. */
vg_err vg_service_areas(vg_service *svc, const vg_actor *a, json_t **out, vg_error *err) VG_MUST_CHECK;
/* When the first and the last incident were received (VG_TIME_NONE if none). */
vg_err vg_service_incident_span(vg_service *svc, const vg_actor *a, vg_time *first, vg_time *last,
                                vg_error *err) VG_MUST_CHECK;
/* Incidents received in [from, to) in an area (a neighbourhood or local authority; 0:
 * the whole force) with a position: {"points": [[lat, lon, category]...] (at most
 * 50,000: with more, every point_step-th, "truncated" true), "cells": [[south, west,
 * north, east, count]...] (a grid of cell_m metres, 25 to 5,000), "max_count",
 * "by_category", "total"}: the cells, categories and total count every incident.
 * Audited as a consultation. */
vg_err vg_service_incident_map(vg_service *svc, const vg_actor *a, vg_id area, vg_time from, vg_time to, double cell_m,
                               json_t **out, vg_error *err) VG_MUST_CHECK;

/* ---- intelligence: analyses of recorded crime (service/intel.c) */

typedef struct vg_area_ref {
    vg_id id; /* 0: the whole force */
    vg_area_kind kind;
    char code[32];
    char name[128];
} vg_area_ref;
/* A neighbourhood or local authority by its code or its name (case-insensitive);
 * VG_ERR_NOT_FOUND naming it. */
vg_err vg_service_area_find(vg_service *svc, const vg_actor *a, const char *code_or_name, vg_area_ref *out,
                            vg_error *err) VG_MUST_CHECK;

typedef struct vg_crime_query {
    vg_id area;             /* 0: the whole force */
    vg_date from, to;       /* committed in [from, to) */
    const char *crime_type; /* NULL: every type; else as vg_crime_type_parse reads it */
} vg_crime_query;
/* Recorded crimes with a grid position as points (x easting, y northing in metres, day
 * committed); *out from vg_malloc (release with vg_free). Audited as a consultation. */
vg_err vg_service_crime_points(vg_service *svc, const vg_actor *a, const vg_crime_query *q, vg_knox_point **out,
                               size_t *n, vg_error *err) VG_MUST_CHECK;

/* The Knox test (analysis/knox.h) on the recorded crimes of cq, within the budgets a
 * force sets for one analysis: analysis.max_permutations (VG_ERR_INVALID_INPUT above
 * it), analysis.max_pair_tests and analysis.max_seconds (VG_ERR_TOO_LARGE, in words, when
 * the work would exceed or has run past them). *n_events: the crimes tested. Reads
 * through a read connection, off the lock; thread-safe. Audited as a consultation. */
vg_err vg_service_near_repeat(vg_service *svc, const vg_actor *a, const vg_crime_query *cq, const vg_knox_request *q,
                              vg_knox_result *out, size_t *n_events, vg_error *err) VG_MUST_CHECK;

/* An area's outline on British National Grid (metres): the convex hull of its located
 * addresses (the store holds no official boundaries); *xy from vg_malloc, *n corners
 * (0 if it has fewer than three located addresses). */
vg_err vg_service_area_outline_grid(vg_service *svc, const vg_actor *a, vg_id area, double (**xy)[2], size_t *n,
                                    vg_error *err) VG_MUST_CHECK;

/* Repeats in an area (0: the force) over [from, to): locations with at least min
 * incidents, and persons linked to at least min incidents as victim, or as suspect or
 * offender (the first-contact links); at most max of each, most first:
 * {"area","from","to","min","locations":[{id,address,incidents,first,last}],
 *  "victims":[{id,name,dob,incidents,first,last}],"offenders":[...]}. Persons restricted
 * from the actor are left out. Audited as a consultation naming every person shown. */
vg_err vg_service_repeats(vg_service *svc, const vg_actor *a, vg_id area, vg_date from, vg_date to, int min,
                          size_t max, json_t **out, vg_error *err) VG_MUST_CHECK;

/* Weekly counts of crime (by police.uk type) and ASB (by category) per neighbourhood in
 * an area (0: every one) for the 7 days ending on `last`, each against its baseline
 * (analysis/trend.h) over up to three years of history: {"week":{"from","to"},
 * "assessed","exceptions":[{"neighbourhood":{id,code,name},"category","count",
 * "baseline","upper","p","seasonal","series":[the last 13 weeks]}]}; with all, every
 * series assessed is listed, not only the exceptions (as "series"). */
vg_err vg_service_trends(vg_service *svc, const vg_actor *a, vg_id area, vg_date last, bool all, json_t **out,
                         vg_error *err) VG_MUST_CHECK;

/* The daily review of a neighbourhood for the meeting on `day` (periods end at the start
 * of that day): new incidents and crimes of the last 24 hours and 7 days, repeat and
 * vulnerable victims of the last 7 days (the first-contact rules), repeat locations of
 * the last 28 days, near-repeat risk zones from recent burglaries (where the force's
 * burglaries of the last year show a significant near-repeat pattern), hotspots of the
 * last 28 days, trend exceptions of the last week, open safety-net actions, and the
 * review's own actions (open ones, and those closed in the last 7 days). Audited. */
vg_err vg_service_briefing(vg_service *svc, const vg_actor *a, vg_id area, vg_date day, json_t **out,
                           vg_error *err) VG_MUST_CHECK;

/* The review's actions: one assigned to an owner (a username) due on a day; closed with
 * what was done. Audited as alterations. */
vg_err vg_service_tasking_add(vg_service *svc, const vg_actor *a, vg_id area, const char *text, const char *owner,
                              vg_date due, vg_id *id, vg_error *err) VG_MUST_CHECK;
vg_err vg_service_tasking_close(vg_service *svc, const vg_actor *a, vg_id id, const char *result,
                                vg_error *err) VG_MUST_CHECK;

/* ---- the day's work */

/* Records a supervisor's review of an open crime: the direction given and when the next
 * review is due (VG_DATE_NONE: no further review). */
/* The days the work lists run on (the first review's, the Victims' Code's), as the lists
 * work out their due dates: for the pages to say them. */
void vg_service_work_periods(vg_list_query *q);
vg_err vg_service_review_add(vg_service *svc, const vg_actor *a, vg_id crime, const char *direction, vg_date next_due,
                             vg_error *err) VG_MUST_CHECK;
/* A crime: offence, status, outcome, parties, and its supervisors' reviews with their
 * directions. */
vg_err vg_service_crime_view(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err) VG_MUST_CHECK;
vg_err vg_service_entitlement_met(vg_service *svc, const vg_actor *a, vg_id crime, vg_id person, vg_entitlement ent,
                                  const char *note, vg_error *err) VG_MUST_CHECK;

/* ---- the safety net: cases of shared concern */

typedef struct vg_case_draft {
    const char *title;
    const char *subject_kind; /* person, household or location */
    vg_id person_id, location_id;
    const char *summary, *risk, *actions;
} vg_case_draft;

/* Opens a case owned by the actor's agency; *out is its view. */
vg_err vg_service_case_create(vg_service *svc, const vg_actor *a, const vg_case_draft *d, json_t **out,
                              vg_error *err) VG_MUST_CHECK;
/* A case as the actor may see it: all of it for its owner agency, the shared fields for
 * an agency it is shared with, VG_ERR_NOT_FOUND for anyone else. */
vg_err vg_service_case_view(vg_service *svc, const vg_actor *a, vg_id id, json_t **out, vg_error *err) VG_MUST_CHECK;
/* The cases the actor's agency owns or has been shared. */
vg_err vg_service_case_list(vg_service *svc, const vg_actor *a, json_t **out, vg_error *err) VG_MUST_CHECK;
/* Shares (or re-shares) the case with an agency: fields from subject, summary, risk,
 * actions, notes (space separated; the title always goes), the legal gateway and the purpose.
 * Audited as a disclosure to that agency. Owner agency only. */
vg_err vg_service_case_share(vg_service *svc, const vg_actor *a, vg_id id, const char *agency_code, const char *fields,
                             const char *gateway, const char *purpose, vg_error *err) VG_MUST_CHECK;
vg_err vg_service_case_unshare(vg_service *svc, const vg_actor *a, vg_id id, const char *agency_code,
                               vg_error *err) VG_MUST_CHECK;
/* Every joint action on a case the actor may see (its owner, or an agency it is shared
 * with); open ones first, by due date. *out is allocated (vg_free it; NULL when none). */
vg_err vg_service_case_actions(vg_service *svc, const vg_actor *a, vg_id case_id, vg_case_action **out, size_t *n,
                               vg_error *err) VG_MUST_CHECK;
/* Adds a joint action owned by the actor's agency (due VG_DATE_NONE: no date). */
vg_err vg_service_case_action_add(vg_service *svc, const vg_actor *a, vg_id case_id, const char *text, vg_date due,
                                  vg_id *id, vg_error *err) VG_MUST_CHECK;
/* Marks an action done: its own agency or the case's owner; *case_id is its case. */
vg_err vg_service_case_action_done(vg_service *svc, const vg_actor *a, vg_id action, vg_id *case_id,
                                   vg_error *err) VG_MUST_CHECK;
/* Who has seen the case, from the audit log (the newest max entries naming it):
 * {total,entries:[{at,username,role,agency,action}]}. The owner agency only (FORBIDDEN
 * for an agency it is shared with); audited. */
vg_err vg_service_case_seen(vg_service *svc, const vg_actor *a, vg_id id, size_t max, json_t **out,
                            vg_error *err) VG_MUST_CHECK;
/* A note on a case by the actor's agency (any agency that sees the case); audited. */
vg_err vg_service_case_note_add(vg_service *svc, const vg_actor *a, vg_id case_id, const char *text,
                                vg_error *err) VG_MUST_CHECK;
/* The case's notes the actor may see, oldest first: every agency's for the owner and for
 * an agency "notes" is shared with, else its own agency's: {notes:[{at,username,agency,
 * text}],every_agency}. Audited. */
vg_err vg_service_case_notes(vg_service *svc, const vg_actor *a, vg_id case_id, json_t **out,
                             vg_error *err) VG_MUST_CHECK;
/* Restricts a record (kind incident, person or case) to named users (adds one). */
vg_err vg_service_restrict(vg_service *svc, const vg_actor *a, const char *kind, vg_id id, const char *username,
                           vg_error *err) VG_MUST_CHECK;

/* Builds the first-contact indexes now rather than on the first call (`vigil serve`
 * does this at start); *records is the number of person records indexed. The operator
 * only; audited. */
vg_err vg_service_warm_up(vg_service *svc, const vg_actor *a, size_t *records, vg_error *err) VG_MUST_CHECK;

typedef struct vg_match_train_report {
    size_t records;
    int64_t random_pairs, candidate_pairs;
    double seconds;
    vg_match_model model;
} vg_match_train_report;

/* Estimates the match model from the store's own records (u from random pairs, m by
 * EM per blocking rule) and saves it (setting match.model). settings; audited. */
vg_err vg_service_match_train(vg_service *svc, const vg_actor *a, vg_match_train_report *rep,
                              vg_error *err) VG_MUST_CHECK;

/* ---- resolved persons (match/resolve.h): every person record belongs to one person */

typedef struct vg_match_resolve_report {
    size_t records;  /* person records */
    size_t persons;  /* resolved persons */
    size_t merged;   /* person records placed in a person with others */
    size_t merges, refused, largest;
    size_t review; /* pairs for the data-quality queue (from match.probable_threshold to the threshold) */
    double threshold, seconds;
} vg_match_resolve_report;

/* Clusters every person record of the store into persons with the match model and
 * threshold first contact uses, and replaces the stored clustering (one transaction,
 * with the run noted). store (the operator); audited as a combination. */
vg_err vg_service_match_resolve(vg_service *svc, const vg_actor *a, vg_match_resolve_report *rep,
                                vg_error *err) VG_MUST_CHECK;
typedef struct vg_persons_import {
    size_t rows;       /* person records imported */
    size_t with_dob, with_phone, with_address;
    vg_match_resolve_report resolved; /* the whole store resolved into persons afterwards */
    char resolve_failed[800];         /* why resolving failed after the import committed ("" if it did not) */
} vg_persons_import;

/* Imports a force's old nominal records (CSV, columns named by map: see
 * io/persons_csv.h) as person records in one transaction: a bad row stops it with
 * "file:line: field: reason" and VG_ERR_INVALID_INPUT, nothing written (a source id
 * already held, in the store or earlier in the file, too). Then resolves the store's persons, the new records
 * with the rest (if that fails the import stands: sum->resolve_failed says why). store (the
 * operator); audited as a collection naming every record. */
vg_err vg_service_import_persons(vg_service *svc, const vg_actor *a, const char *path, const char *map,
                                 vg_persons_import *sum, vg_error *err) VG_MUST_CHECK;
/* ---- the data-quality queue (data_quality role, or the operator) */

typedef struct vg_person_side {
    vg_id record, person;  /* the record, and the person it belongs to */
    char given[VG_NAME_MAX], family[VG_NAME_MAX];
    vg_date dob;
    int records;           /* the person's records */
} vg_person_side;

typedef struct vg_person_pair {
    vg_person_side a, b;
    double probability;
    vg_match_band band;
    char evidence[400];
} vg_person_pair;

/* The pairs of records in two persons that the model is unsure of (from
 * match.probable_threshold to match.threshold), strongest first, at most max; audited
 * naming every record shown. */
vg_err vg_service_person_reviews(vg_service *svc, const vg_actor *a, vg_person_pair *out, size_t max, size_t *n,
                                 vg_error *err) VG_MUST_CHECK;

typedef struct vg_person_decided {
    vg_id decision;
    size_t persons; /* the persons the two records' records now make */
} vg_person_decided;

/* A person's decision, with a reason: records a and b are the same person (same) or not.
 * Their two persons are clustered again with every decision that stands, first contact
 * sees them at once, the pair leaves the queue; one transaction, audited naming every
 * record of both persons. VG_ERR_INVALID_INPUT for no reason, one record twice or an
 * unknown record. */
vg_err vg_service_person_decide(vg_service *svc, const vg_actor *a, vg_id record_a, vg_id record_b, bool same,
                                const char *reason, vg_person_decided *out, vg_error *err) VG_MUST_CHECK;
/* Undoes a decision that stands (kept, marked undone with who, when and why); the two
 * persons clustered again without it. VG_ERR_NOT_FOUND if there is none. */
vg_err vg_service_person_undo(vg_service *svc, const vg_actor *a, vg_id decision, const char *reason,
                              vg_person_decided *out, vg_error *err) VG_MUST_CHECK;
typedef vg_err (*vg_person_decision_fn)(void *ctx, const vg_person_decision *d);
/* Every decision, oldest first, undone ones too; audited naming the records. */
vg_err vg_service_person_decisions(vg_service *svc, const vg_actor *a, vg_person_decision_fn fn, void *ctx,
                                   vg_error *err) VG_MUST_CHECK;

typedef vg_err (*vg_person_cluster_fn)(void *ctx, vg_id record, vg_id person, const char *source_id);
/* Every person record with its resolved person, by record id: fn(ctx, record, person).
 * store (the operator); audited as a consultation naming every record. */
vg_err vg_service_match_clusters(vg_service *svc, const vg_actor *a, vg_person_cluster_fn fn, void *ctx,
                                 vg_error *err) VG_MUST_CHECK;

/* ---- configuration (settings with documented defaults)
 * briefing.window_months, briefing.crime_repeat_min, briefing.asb_repeat_min,
 * briefing.location_repeat_min, briefing.adult_age (integers), match.threshold (a
 * probability), reference.prefix (2 to 8 letters). */
vg_err vg_service_config_get(vg_service *svc, const vg_actor *a, const char *key, char *out, size_t n,
                             vg_error *err) VG_MUST_CHECK;
/* VG_ERR_INVALID_INPUT for an unknown key or a value out of range. Both need settings
 * and are audited (a change with the old and new values). */
vg_err vg_service_config_set(vg_service *svc, const vg_actor *a, const char *key, const char *value,
                             vg_error *err) VG_MUST_CHECK;
/* The names of the keys, NULL-terminated. */
const char *const *vg_service_config_keys(void);

/* ---- performance reporting */

typedef struct vg_perf_request {
    const char *force;  /* name, slug or ONS code; NULL: the deployment's own force (records) */
    int to;             /* yyyymm: last month of the 12 */
    vg_perf_source source;
    const char *compare[VG_PERF_MAX_COMPARE];
    int n_compare;
} vg_perf_request;

/* The inspection performance table for the 12 months ending req->to. Errors:
 * VG_ERR_USAGE for an unknown force, VG_ERR_NOT_FOUND when the source has no figures
 * for that period (the message says what to import). */
vg_err vg_service_report_performance(vg_service *svc, const vg_actor *a, const vg_perf_request *req, vg_perf_report *out,
                                     vg_error *err) VG_MUST_CHECK;

/* ---- police.uk export */

typedef struct vg_export_summary {
    int64_t crimes, asb, outcomes, without_location;
    int64_t points, points_dropped; /* anonymous map points kept / dropped by the 8-address rule */
    int rounds;
    char street_path[600], outcomes_path[600];
} vg_export_summary;

/* Writes the force's own recorded crimes and ASB incidents of one month (yyyymm) in the
 * police.uk street and outcomes formats under dir/YYYY-MM/, with every location moved
 * to its nearest anonymous map point (a street centre or public place whose catchment
 * holds at least 8 addresses, or none) and the LSOA of that point. */
vg_err vg_service_export_police_uk(vg_service *svc, const vg_actor *a, int yyyymm, const char *dir,
                                   vg_export_summary *sum, vg_error *err) VG_MUST_CHECK;

/* ---- the analytics export (facts.c) */

typedef struct vg_export_facts_summary {
    int64_t crimes, incidents, outcomes; /* rows written */
    int files;
} vg_export_facts_summary;

/* The recorded crimes, incidents and outcomes of months [from, to], without names or
 * addresses, as CSV partitioned by year and force under dir (crimes/, incidents/,
 * outcomes/, each year=YYYY/force=SLUG/part-0.csv). A disclosure naming every record;
 * nothing written is left if it cannot be logged. Needs export. */
vg_err vg_service_export_facts(vg_service *svc, const vg_actor *a, vg_month from, vg_month to, const char *dir,
                               vg_export_facts_summary *sum, vg_error *err) VG_MUST_CHECK;

/* ---- official open data */

typedef struct vg_import_options {
    bool skip_bad; /* import good rows; report bad ones to on_bad_row instead of failing */
    void (*on_bad_row)(void *ctx, const char *file, uint64_t line, const char *reason, const char *raw, size_t len);
    void *ctx;
    bool progress; /* progress bar on stderr when it is a terminal */
    const char *lookup; /* figures by local authority: the ONS lookup to police force areas (LAD_CSP_PFA layout) */
} vg_import_options;

typedef struct vg_import_summary {
    int64_t files, replaced, rows, asb, crimes, outcomes, stop_searches, rejected, no_location;
    int64_t dates_corrected;                /* Home Office table: dates one day short of a month end */
    int64_t negative_counts;                /* Home Office table: negative totals (kept as published) */
    int64_t areas, first_period, last_period; /* Home Office table and population: yyyymm / years */
    int64_t local_authorities;    /* figures by local authority: areas summed into force areas */
    int64_t outside;              /* ... local authorities of Scotland and Northern Ireland (in no force area here) */
    int64_t aggregates;           /* ... rows for counties, regions and countries (sums of the others; left out) */
    int64_t lookup_year;          /* ... the year of the lookup's codes, 0 if it does not say */
    vg_strmap *recoded;           /* ... "code name (change): force" -> rows, for codes placed through a code change */
    vg_strmap *unknown_types;     /* crime-type (or offence) strings not in the reference tables -> rows */
    vg_strmap *legacy_types;      /* pre-May-2013 police.uk strings -> rows */
    vg_strmap *unknown_outcomes;  /* outcome strings not in the reference table -> rows */
} vg_import_summary;

/* Frees the summary's maps. Call it after every import, whether it succeeded or not. */
void vg_import_summary_free(vg_import_summary *s);

/* Imports police.uk street, outcomes and stop-and-search CSVs (files, or folders walked
 * recursively for *.csv), in one transaction. A (force, month, kind) file replaces what
 * an earlier import of it wrote. Malformed input: VG_ERR_INVALID_INPUT naming
 * "file:line" and the reason, and nothing is written (unless skip_bad). */
vg_err vg_service_import_police_uk(vg_service *svc, const vg_actor *a, const char *const *paths, size_t n,
                                   const vg_import_options *opt, vg_import_summary *sum, vg_error *err) VG_MUST_CHECK;
/* Imports the Home Office recorded-crime-by-force-area table (rolling 12 months). */
vg_err vg_service_import_recorded_crime(vg_service *svc, const vg_actor *a, const char *path,
                                        const vg_import_options *opt, vg_import_summary *sum,
                                        vg_error *err) VG_MUST_CHECK;
/* Imports ONS mid-year population by force area (wide or long layout), or by local
 * authority (the ONS estimates layout), summed into force areas through opt->lookup.
 * Every local authority of England and Wales must reach a force through the lookup or
 * a recorded code change (domain/lacode.h): one that does not is VG_ERR_INVALID_INPUT
 * naming it, whatever skip_bad says, and nothing is written. Figures by local authority
 * are kept beside force-level ones; readers prefer them. Each import needs import and
 * is audited as a collection, naming its files and rows, in the import's transaction. */
vg_err vg_service_import_population(vg_service *svc, const vg_actor *a, const char *path,
                                    const vg_import_options *opt, vg_import_summary *sum, vg_error *err) VG_MUST_CHECK;
/* Imports household counts by local authority (the census layout, e.g. QS405EW),
 * summed into force areas through opt->lookup, as vg_service_import_population. */
vg_err vg_service_import_households(vg_service *svc, const vg_actor *a, const char *path,
                                    const vg_import_options *opt, vg_import_summary *sum, vg_error *err) VG_MUST_CHECK;

#endif
