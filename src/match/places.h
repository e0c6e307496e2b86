/* places.h - the in-memory place index of first contact: every known place found again
 * from how a caller says it - an address by its key (postcode, else street, with the house
 * number or name and the flat), a place without one (a park, a car park) by its position
 * within VG_PLACE_RADIUS_M - so a call about an address already held lands on the same
 * location record. Pure memory; writing new places is the service's. */
#ifndef VG_PLACES_H
#define VG_PLACES_H

#include "base/err.h"
#include "match/normalise.h"

#include <stddef.h>
#include <stdint.h>

#define VG_PLACE_RADIUS_M 25.0

typedef struct vg_match_places vg_match_places;

/* Caller owns *out; free with vg_match_places_free. */
vg_err vg_match_places_new(vg_match_places **out) VG_MUST_CHECK;
void vg_match_places_free(vg_match_places *p);

/* The key that identifies an address, or "" if the address does not pin down one place
 * (no house number or name, or neither postcode nor street). */
void vg_match_address_key(const vg_norm_address *a, char *out, size_t n);

/* Notes a place: by its address key (key non-empty), else by position. */
vg_err vg_match_places_add_address(vg_match_places *p, const char *key, int64_t id) VG_MUST_CHECK;
vg_err vg_match_places_add_point(vg_match_places *p, int64_t id, double lat, double lon) VG_MUST_CHECK;
/* The place with this address key, or 0. */
int64_t vg_match_places_find(const vg_match_places *p, const char *key);
/* The nearest place held by position within VG_PLACE_RADIUS_M of (lat, lon), or 0. */
int64_t vg_match_places_near(const vg_match_places *p, double lat, double lon);

#endif
