/* limits.h - the named limits on text that comes from outside: one table, read by the
 * JSON readers, the web forms and the service alike, so that a value over its limit is
 * refused with the same limit and the same words wherever it comes in, and never cut
 * short. Limits are in bytes of UTF-8. */
#ifndef VG_LIMITS_H
#define VG_LIMITS_H

#include "base/err.h"

#include <stddef.h>

/* The limits as constants, for buffers that hold a value (a value needs max + 1 bytes). */
#define VG_MAX_USERNAME 63
#define VG_MAX_PASSWORD 1024
#define VG_MAX_NAME 200
#define VG_MAX_PHONE 40
#define VG_MAX_ADDRESS 300
#define VG_MAX_POSTCODE 16
#define VG_MAX_DESCRIPTION 20000
#define VG_MAX_TITLE 199
#define VG_MAX_CASE_TEXT 20000
#define VG_MAX_ACTION 499
#define VG_MAX_DIRECTION 4000
#define VG_MAX_NOTE 4000
#define VG_MAX_GATEWAY 199
#define VG_MAX_AGENCY_NAME 127
#define VG_MAX_CODE 64

typedef enum vg_limit {
    VG_LIM_USERNAME,    /* a user's sign-in name */
    VG_LIM_PASSWORD,
    VG_LIM_NAME,        /* a person's name, or part of one */
    VG_LIM_PHONE,
    VG_LIM_ADDRESS,
    VG_LIM_POSTCODE,
    VG_LIM_DESCRIPTION, /* what happened, as the call handler wrote it */
    VG_LIM_TITLE,       /* a case's title */
    VG_LIM_CASE_TEXT,   /* a case's summary, risk and agreed actions */
    VG_LIM_ACTION,      /* a joint or tasking action, and what was done */
    VG_LIM_DIRECTION,   /* a supervisor's direction */
    VG_LIM_NOTE,        /* a note on an entitlement met */
    VG_LIM_GATEWAY,     /* the legal gateway or purpose of a share */
    VG_LIM_AGENCY_NAME,
    VG_LIM_CODE,        /* a code, a choice from a list, a date, an id */
    VG_LIM_COUNT
} vg_limit;

/* The most bytes a value of the kind may have. */
size_t vg_limit_max(vg_limit l);
/* What the limit is called in messages ("username"). */
const char *vg_limit_name(vg_limit l);

/* VG_ERR_INVALID_INPUT naming field and the limit ("longer than the limit of 63 bytes
 * for a username") if value (NULL: empty) has more than vg_limit_max(l) bytes. */
vg_err vg_limit_check(vg_limit l, const char *field, const char *value, vg_error *err) VG_MUST_CHECK;
/* The same words for a value of len bytes (for readers that know the length first). */
vg_err vg_limit_fail(vg_limit l, const char *field, size_t len, vg_error *err);

#endif
