/* audit_json.h - an audit log entry as JSON, the same for the API, the auditor's export
 * (`vigil audit export`, one entry a line) and anything else that shows the log. */
#ifndef VG_AUDIT_JSON_H
#define VG_AUDIT_JSON_H

#include "domain/access.h"

#include <jansson.h>

/* {"seq","at","user_id","username","agency","role","action","what","why","recipient",
 *  "records":["incident:12",...],"prev_hash","hash"}: every record the entry names.
 * NULL if out of memory. */
json_t *vg_audit_entry_json(const vg_audit_entry *e);

#endif
