/* lacode.h - local-authority codes (ONS GSS codes) of England and Wales: what kind of
 * area a code names, and the code changes of local-government reorganisations with
 * the date each took effect, so that figures published under one vintage of codes can
 * be matched to a lookup of another. Reference data; pure. */
#ifndef VG_LACODE_H
#define VG_LACODE_H

#include <stdbool.h>
#include <stddef.h>

/* What a GSS code names, from its entity prefix. */
typedef enum vg_la_kind {
    VG_LA_DISTRICT,  /* a lowest-tier local authority of England or Wales (E06, E07, E08, E09, W06):
                        police force areas are made of these */
    VG_LA_OUTSIDE,   /* a local authority of Scotland (S12) or Northern Ireland (N09): in no force
                        area of England and Wales */
    VG_LA_AGGREGATE, /* a county, metropolitan county, region, country or the UK: a sum of districts */
    VG_LA_UNKNOWN    /* not a GSS area code of these kinds */
} vg_la_kind;

/* The kind of the code s[0..len) (nine characters: a letter, two digits, six digits). */
vg_la_kind vg_la_kind_of(const char *s, size_t len);

#define VG_LA_MAX_PREDECESSORS 8

/* One reorganisation: the predecessors were abolished on `effective` and their whole
 * areas became the successor. */
typedef struct vg_la_change {
    const char *successor;
    const char *name;
    int effective; /* yyyymmdd */
    const char *predecessors[VG_LA_MAX_PREDECESSORS]; /* NULL-terminated */
} vg_la_change;

const vg_la_change *vg_la_changes(size_t *count);
/* The change that created code (it is a successor), or NULL. */
const vg_la_change *vg_la_change_creating(const char *code, size_t len);
/* The change that abolished code (it is a predecessor), or NULL. */
const vg_la_change *vg_la_change_ending(const char *code, size_t len);

#endif
