/* anonymise.h - police.uk-style location anonymisation: a master list of anonymous map
 * points (street centres and public places) where each point's catchment - the
 * addresses nearer to it than to any other point - holds at least k addresses or none;
 * every event is moved to its nearest point. Pure geometry on British National Grid
 * metres. */
#ifndef VG_ANONYMISE_H
#define VG_ANONYMISE_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vg_anon_point {
    double x, y;     /* easting, northing */
    int64_t catchment; /* addresses nearest to this point (after pruning) */
    bool active;     /* survives the "k or more, or none" rule */
} vg_anon_point;

typedef struct vg_anon vg_anon;

/* Builds the point set: assigns every address to its nearest active point, drops points
 * whose catchment holds 1..k-1 addresses, and repeats until none do. points[] is updated
 * in place (catchment, active). Caller owns *out (free with vg_anon_free); it answers
 * nearest-point queries over the active points. */
vg_err vg_anon_build(vg_anon_point *points, size_t n_points, const double *ax, const double *ay, size_t n_addr,
                     int k, vg_anon **out, vg_error *err) VG_MUST_CHECK;
void vg_anon_free(vg_anon *a);
/* Index of the nearest active point to (x, y); SIZE_MAX if there is none. */
size_t vg_anon_nearest(const vg_anon *a, double x, double y);
/* Rounds of pruning the build took (for reporting). */
int vg_anon_rounds(const vg_anon *a);

#endif
