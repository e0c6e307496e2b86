/* service.h - Vigil's use cases. cli/ and http/ reach records only through here: this
 * is where access control and the audit log are enforced (from the server issue on),
 * and where each use case runs in one transaction. */
#ifndef VG_SERVICE_H
#define VG_SERVICE_H

#include "base/err.h"
#include "domain/offence.h"
#include "domain/pole.h"
#include "synth/synth.h"

#include <stdint.h>

typedef struct vg_service vg_service;

typedef enum vg_service_mode {
    VG_SERVICE_EXISTING, /* the database must exist with the current schema */
    VG_SERVICE_CREATE,   /* create it, or bring its schema up to date */
} vg_service_mode;

/* Opens the database named by uri. Caller owns *out; close with vg_service_close. */
vg_err vg_service_open(const char *uri, vg_service_mode mode, vg_service **out, vg_error *err) VG_MUST_CHECK;
void vg_service_close(vg_service *svc);

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
} vg_stats;

/* Counts per record type and recorded crimes per ONS offence group. */
vg_err vg_service_stats(vg_service *svc, vg_stats *out, vg_error *err) VG_MUST_CHECK;

/* Fills the (empty) store with the synthetic force. */
vg_err vg_service_synth(vg_service *svc, const vg_synth_options *opt, vg_synth_report *report,
                        vg_error *err) VG_MUST_CHECK;

#endif
