/* dispatch.h - the control room's work on an incident after the call: the dispatch
 * state of an open incident (acknowledged, assigned, at scene), the log of entries made
 * on it (updates, re-grades, closure, cancellation) and the closure codes. */
#ifndef VG_DOMAIN_DISPATCH_H
#define VG_DOMAIN_DISPATCH_H

#include "base/time.h"
#include "domain/pole.h"

#include <stdbool.h>

/* Where an incident stands with the control room. An open graded incident with no state
 * yet is awaiting a unit. */
typedef enum vg_dispatch_status {
    VG_DS_AWAITING,
    VG_DS_ASSIGNED,
    VG_DS_AT_SCENE,
    VG_DS_CLOSED,
    VG_DS_COUNT
} vg_dispatch_status;
const char *vg_dispatch_status_name(vg_dispatch_status s);  /* "awaiting", "at_scene" */
const char *vg_dispatch_status_label(vg_dispatch_status s); /* "Awaiting a unit", "At scene" */
bool vg_dispatch_status_parse(const char *s, vg_dispatch_status *out);

/* How an incident was closed. VG_CL_CANCELLED only by cancelling a mistaken call. */
typedef enum vg_closure {
    VG_CL_ADVICE,          /* advice given, no attendance needed */
    VG_CL_RESOLVED,        /* attended and resolved */
    VG_CL_CRIME_RECORDED,  /* a crime recorded from it */
    VG_CL_REFERRED,        /* referred to a partner agency */
    VG_CL_NO_TRACE,        /* no trace of the people or the incident on attendance */
    VG_CL_DUPLICATE,       /* the same incident as another call */
    VG_CL_CANCELLED,       /* a mistaken call, cancelled with a reason */
    VG_CL_COUNT
} vg_closure;
const char *vg_closure_name(vg_closure c);
const char *vg_closure_label(vg_closure c);
bool vg_closure_parse(const char *s, vg_closure *out);

/* Whether a grade sends someone: the grades that reach the dispatch board. */
bool vg_thrive_deploys(vg_thrive t);
/* The board's order of grades: immediate first (0), then priority, scheduled. */
int vg_thrive_rank(vg_thrive t);
const char *vg_thrive_label(vg_thrive t); /* "Immediate", "No deployment", "Not graded" */

/* What an entry in an incident's log records. */
typedef enum vg_entry_kind {
    VG_EK_UPDATE,      /* a note: what was learnt or done */
    VG_EK_GRADE,       /* re-graded (thrive_was to thrive) */
    VG_EK_ACKNOWLEDGE, /* a dispatcher took it on */
    VG_EK_ASSIGN,      /* an officer or unit assigned */
    VG_EK_STATUS,      /* the dispatch status changed */
    VG_EK_CLOSE,       /* closed with a closure code */
    VG_EK_CANCEL,      /* a mistaken call cancelled, with the reason */
    VG_EK_COUNT
} vg_entry_kind;
const char *vg_entry_kind_name(vg_entry_kind k);
bool vg_entry_kind_parse(const char *s, vg_entry_kind *out);

#define VG_UNIT_LEN 64 /* an officer's or unit's call sign, as typed (VG_LIM_CODE) */

/* One entry in an incident's log. */
typedef struct vg_incident_entry {
    vg_id id, incident_id;
    vg_time at;
    vg_id user_id;     /* 0: the operator */
    char user[64];     /* who made it (filled when read) */
    vg_entry_kind kind;
    vg_thrive thrive, thrive_was; /* GRADE */
    vg_dispatch_status status;    /* STATUS, ASSIGN (assigned), CLOSE and CANCEL (closed) */
    vg_closure closure;           /* CLOSE, CANCEL */
    char unit[VG_UNIT_LEN + 1];   /* ASSIGN */
    char *text;                   /* the note or the reason (may be NULL; as read, valid during the callback) */
} vg_incident_entry;

/* An incident's dispatch state. */
typedef struct vg_dispatch_state {
    vg_id incident_id;
    vg_dispatch_status status;
    vg_id acknowledged_by;      /* 0: not acknowledged */
    char acknowledged_name[64]; /* the user's name (filled when read) */
    vg_time acknowledged_at;
    char unit[VG_UNIT_LEN + 1]; /* "" if none assigned */
    vg_closure closure;         /* when closed */
    vg_time updated_at;
} vg_dispatch_state;

/* An open incident on the dispatch board: the incident, its place and its state. */
typedef struct vg_board_item {
    vg_id incident_id, location_id;
    char reference[32];
    vg_time received_at;
    vg_category category;
    vg_thrive thrive;
    char *narrative; /* may be NULL; valid during the callback */
    vg_dispatch_state state;
} vg_board_item;

#endif
