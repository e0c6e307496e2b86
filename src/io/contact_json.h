/* contact_json.h - first contact in JSON: incident drafts in (one object or an array,
 * validated field by field; an error names the field, e.g. "[1].people[0].dob"), and
 * briefings and lookup candidates out.
 *
 * Incident: {"received": ISO 8601 (required), "category": asb_personal | asb_nuisance |
 * asb_environmental | crime | public_safety | transport | admin (required),
 * "offence_code": Home Office code (crime only), "channel": 999 | 101 | online | ...,
 * "description": text, "location": {"address", "postcode", "lat", "lon"},
 * "people": [{"role" (required), "name" | "given_names" + "family_name", "dob":
 * "YYYY-MM-DD", "gender", "phone", "address", "postcode", "markers": ["MH", ...]}]}.
 * A person needs a name or a phone number. Unknown fields are rejected (a misspelt
 * field would otherwise be lost without a word). */
#ifndef VG_CONTACT_JSON_H
#define VG_CONTACT_JSON_H

#include "base/err.h"
#include "domain/contact.h"
#include "rules/briefing.h"

#include "io/json_out.h"

#include <jansson.h>

#define VG_DRAFTS_MAX 10000

/* Parses text (source names it in errors: a file name, or "body"). On success *out holds
 * *n drafts (caller frees with vg_incident_drafts_free). VG_ERR_INVALID_INPUT with
 * err->where "source:line:column" for malformed JSON, or "source: [i].field" for a bad
 * value. */
vg_err vg_incident_drafts_parse(const char *text, size_t len, const char *source, vg_incident_draft **out, size_t *n,
                                vg_error *err) VG_MUST_CHECK;
/* Parses one incident object (fields named under `path`, e.g. "[0]"). */
vg_err vg_incident_draft_from_json(const json_t *j, const char *source, const char *path, vg_incident_draft *d,
                                   vg_error *err) VG_MUST_CHECK;
void vg_incident_drafts_free(vg_incident_draft *d, size_t n);

/* Caller owns the result; NULL if out of memory. */
json_t *vg_briefing_to_json(const vg_briefing *b);
json_t *vg_candidate_to_json(const vg_candidate *c);
/* One person of a briefing, written as the briefing's "people" element (the same JSON). */
void vg_person_briefing_write(vg_json_writer *w, const vg_person_briefing *p);
/* The same candidate written straight as text (the lookup answer's hot path). */
void vg_candidate_write(vg_json_writer *w, const vg_candidate *c);

#endif
