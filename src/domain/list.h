/* list.h - the lists the screens show, as data: for each list its columns (which sort,
 * how each is shown), its default order, the column its period filters and its filters
 * with their choices. One description serves the store (which columns it selects and
 * may order by), the service (who may read it) and the web's one list component (headers,
 * filters, paging, CSV), so that a list added later is a new entry here, not a new screen
 * written by hand. */
#ifndef VG_DOMAIN_LIST_H
#define VG_DOMAIN_LIST_H

#include "base/limits.h"
#include "base/time.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum vg_list_kind {
    VG_LIST_INCIDENTS,
    VG_LIST_CRIMES,
    VG_LIST_AUDIT,
    VG_LIST_USERS,
    VG_LIST_ACTIONS, /* the safety net's joint actions assigned to the reader's agency */
    VG_LIST_REVIEWS, /* the supervisor's review queue: open crimes by when their next review is due */
    VG_LIST_CASES,   /* the safety-net cases the reader's agency owns or has been shared */
    VG_LIST_VICTIMS, /* victims' Victims' Code entitlements not yet met, by when each is due */
    VG_LIST_HISTORY, /* a person's history: the incidents and crimes they were party to */
    VG_LIST_KIND_COUNT
} vg_list_kind;

/* How a column's value is read and shown. */
typedef enum vg_list_type {
    VG_LT_TEXT,     /* as it is */
    VG_LT_REF,      /* a record's reference: the row's link */
    VG_LT_TIME,     /* ISO 8601 UTC; shown in UK local time */
    VG_LT_DATE,     /* YYYY-MM-DD */
    VG_LT_INT,      /* a count; shown with thousands separators */
    VG_LT_CHOICE,   /* one of the column's choices: shown by its label */
    VG_LT_OFFENCE,  /* a Home Office offence code: shown as its name and code */
    VG_LT_ADDRESS,  /* a place: the store gives its parts, the service the line in words */
    VG_LT_FLAG,     /* 0 or 1: shown as "Yes" or nothing */
    VG_LT_RECORDS,  /* the records an audit entry names ("incident 12, person 5"): folded away */
    VG_LT_KEY,      /* a record's number, for links, forms and the API: never a column of the table */
    VG_LT_KEYS,     /* record numbers, comma-separated (those the consultation names): never a column */
    VG_LT_DUE,      /* ISO 8601 UTC: when something is due, shown as Overdue or Due and the day */
} vg_list_type;

typedef struct vg_list_option {
    const char *value; /* as stored and in the URL */
    const char *label; /* for people */
} vg_list_option;

typedef struct vg_list_col {
    const char *key;   /* the JSON member, the CSV header and the store's column */
    const char *label; /* the table's header */
    vg_list_type type;
    bool sortable;
    bool numeric;      /* sorts (and pages) as a number */
    const vg_list_option *choices; /* VG_LT_CHOICE */
    size_t n_choices;
} vg_list_col;
/* Whether a column is one of the table's (record numbers are not). */
static inline bool vg_list_col_shown(const vg_list_col *c) { return c->type != VG_LT_KEY && c->type != VG_LT_KEYS; }

/* A filter: its query parameter is its key. */
typedef enum vg_list_filter_kind {
    VG_LF_CHOICE, /* one of the choices (or all) */
    VG_LF_AREA,   /* an area (a local authority: its neighbourhoods too); choices from the store */
    VG_LF_AGENCY, /* an agency; choices from the store */
    VG_LF_TEXT,   /* exactly this text (a username) */
    VG_LF_FLAG,   /* only the rows where the flag is set */
    VG_LF_RECORD, /* the audit entries naming a record, "kind:id" (not offered on the form) */
    VG_LF_PLACE,  /* the records at a place, by its number (not offered on the form: from the place's page) */
    VG_LF_PERSON, /* one person's records, by the person's number (required where the list has it; not offered) */
} vg_list_filter_kind;

typedef struct vg_list_filter {
    const char *key;
    const char *label;
    vg_list_filter_kind kind;
    const vg_list_option *choices; /* VG_LF_CHOICE */
    size_t n_choices;
} vg_list_filter;

#define VG_LIST_MAX_COLS 12
#define VG_LIST_MAX_FILTERS 6
#define VG_LIST_PAGE 50      /* rows a page unless asked */
#define VG_LIST_PAGE_MAX 500 /* the most rows a page; an export has them all */
#define VG_LIST_NEW_DAYS 7   /* an open action added within this many days is "new" in its agency's queue */

typedef struct vg_list_spec {
    vg_list_kind kind;
    const char *name;        /* "incidents": the URL's word */
    const char *title;       /* "Incidents": the page's title */
    const char *noun, *nouns; /* "incident", "incidents" */
    const char *href;        /* a row's page: the prefix the row's id (or key) follows; NULL: none */
    const char *href_key;    /* the link ends in this column's value; NULL: the row's id */
    const vg_list_col *cols;
    size_t n_cols;
    int sort;                /* the default order: this column, */
    bool desc;               /* descending */
    int period;              /* the column the period (from, to) filters; -1: none */
    const vg_list_filter *filters;
    size_t n_filters;
} vg_list_spec;

const vg_list_spec *vg_list_spec_of(vg_list_kind k);
bool vg_list_kind_parse(const char *name, vg_list_kind *out);
/* The column called key; -1 if none. */
int vg_list_col_find(const vg_list_spec *s, const char *key);
/* The label of a choice's value; the value itself if it is not one of them. */
const char *vg_list_choice_label(const vg_list_option *o, size_t n, const char *value);

/* Where a page starts. */
typedef enum vg_list_page { VG_PAGE_FIRST, VG_PAGE_AFTER, VG_PAGE_BEFORE, VG_PAGE_LAST } vg_list_page;

/* A request for one page of a list (or all of it: limit 0). */
typedef struct vg_list_query {
    vg_list_kind kind;
    int sort;
    bool desc;
    vg_list_page page;
    char key[VG_MAX_CODE * 4 + 1]; /* AFTER, BEFORE: the sort value and id of the row the page follows or precedes */
    int64_t key_id;
    size_t limit;
    vg_time from, to; /* the period [from, to); VG_TIME_NONE: open */
    char filter[VG_LIST_MAX_FILTERS][VG_MAX_CODE + 1]; /* by the spec's filters; "": any */
    /* set by the service, not the reader */
    int64_t viewer;   /* records restricted to named users are shown to these only; 0: all (the operator) */
    char agency[VG_MAX_CODE + 1]; /* lists of an agency's work: the reader's agency's code ("": every agency) */
    /* for the pages to say (the rows' due times are each crime's own): today's rule set's
     * days from recording to a crime's first review, to a needs assessment, and from an
     * outcome to being told it */
    int64_t days;
    int64_t needs_days, outcome_days;
    vg_time now;
} vg_list_query;

/* The query with the list's default order, its first page, no filters. */
void vg_list_query_init(vg_list_query *q, vg_list_kind k);

#endif
