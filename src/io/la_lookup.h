/* la_lookup.h - the ONS lookup from local authorities to police force areas (the
 * LAD_CSP_PFA layout: `LADyyCD,LADyyNM,...,PFAyyCD,PFAyyNM,...`), and the matching of a
 * local-authority code to its force: through the lookup, or, for a code of another
 * vintage, through the recorded code changes (domain/lacode.h), never by guessing. */
#ifndef VG_LA_LOOKUP_H
#define VG_LA_LOOKUP_H

#include "base/err.h"
#include "domain/force.h"
#include "domain/lacode.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct vg_la_lookup vg_la_lookup;

/* Reads a lookup from data[0..len); name is used in messages. A malformed file gives
 * VG_ERR_INVALID_INPUT naming "name:line" and the reason: an unknown force, a code
 * that is not a local authority of England and Wales, an area given two forces.
 * Caller owns *out; free with vg_la_lookup_free. */
vg_err vg_la_lookup_read(vg_la_lookup **out, const char *data, size_t len, const char *name,
                         vg_error *err) VG_MUST_CHECK;
void vg_la_lookup_free(vg_la_lookup *lk);
/* Local authorities in the lookup, and the i-th (0 <= i < count): borrowed, valid as
 * long as the lookup. */
size_t vg_la_lookup_count(const vg_la_lookup *lk);
void vg_la_lookup_entry(const vg_la_lookup *lk, size_t i, const char **code, const char **name, const vg_force **force);
/* The lookup's name for a code, or NULL if it is not in the lookup. */
const char *vg_la_lookup_name(const vg_la_lookup *lk, const char *code, size_t len);
/* The year of the lookup's codes (16 in LAD16CD: 2016), or 0 if its header does not say. */
int vg_la_lookup_year(const vg_la_lookup *lk);

/* How a code reached its force. */
typedef struct vg_la_match {
    const vg_force *force;
    const vg_la_change *change; /* NULL: the code is in the lookup; else the change used */
    bool forward;               /* the code was abolished by `change` and its successor is in the lookup */
} vg_la_match;

/* Matches a local-authority code to its force. A code missing from the lookup is
 * matched through a code change only when the dates agree with the lookup's year: a
 * successor created after the lookup, by the forces of all its predecessors (which must
 * be one force); a code abolished by the lookup's year, by its successor. Otherwise
 * false, with why naming the code and what was tried. */
bool vg_la_lookup_match(const vg_la_lookup *lk, const char *code, size_t len, vg_la_match *out, char *why,
                        size_t why_len);

#endif
