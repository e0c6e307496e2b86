/* dispatch.c - names and labels of the control room's codes. */
#include "domain/dispatch.h"

#include <string.h>

static bool parse_in(const char *const *names, int n, const char *s, int *out)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return true;
        }
    return false;
}

static const char *const status_names[VG_DS_COUNT] = {"awaiting", "assigned", "at_scene", "closed"};
static const char *const status_labels[VG_DS_COUNT] = {"Awaiting a unit", "Assigned", "At scene", "Closed"};

const char *vg_dispatch_status_name(vg_dispatch_status s) { return s < VG_DS_COUNT ? status_names[s] : "?"; }
const char *vg_dispatch_status_label(vg_dispatch_status s) { return s < VG_DS_COUNT ? status_labels[s] : "?"; }
bool vg_dispatch_status_parse(const char *s, vg_dispatch_status *out)
{
    int v;
    return parse_in(status_names, VG_DS_COUNT, s, &v) && (*out = (vg_dispatch_status)v, true);
}

static const char *const closure_names[VG_CL_COUNT] = {"advice",   "resolved",  "crime_recorded", "referred",
                                                       "no_trace", "duplicate", "cancelled"};
static const char *const closure_labels[VG_CL_COUNT] = {
    "Advice given, no attendance needed", "Attended and resolved", "Crime recorded",
    "Referred to a partner agency",       "No trace on attendance", "Duplicate of another call",
    "Cancelled: a mistaken call"};

const char *vg_closure_name(vg_closure c) { return c < VG_CL_COUNT ? closure_names[c] : "?"; }
const char *vg_closure_label(vg_closure c) { return c < VG_CL_COUNT ? closure_labels[c] : "?"; }
bool vg_closure_parse(const char *s, vg_closure *out)
{
    int v;
    return parse_in(closure_names, VG_CL_COUNT, s, &v) && (*out = (vg_closure)v, true);
}

bool vg_thrive_deploys(vg_thrive t)
{
    return t == VG_THRIVE_IMMEDIATE || t == VG_THRIVE_PRIORITY || t == VG_THRIVE_SCHEDULED;
}

int vg_thrive_rank(vg_thrive t)
{
    switch (t) {
    case VG_THRIVE_IMMEDIATE: return 0;
    case VG_THRIVE_PRIORITY: return 1;
    case VG_THRIVE_SCHEDULED: return 2;
    case VG_THRIVE_NO_DEPLOYMENT: return 3;
    default: return 4;
    }
}

static const char *const thrive_labels[VG_THRIVE_COUNT] = {"Not graded", "Immediate (emergency)", "Priority",
                                                           "Scheduled", "No deployment (resolved by phone)"};
const char *vg_thrive_label(vg_thrive t) { return t < VG_THRIVE_COUNT ? thrive_labels[t] : "?"; }

static const char *const entry_names[VG_EK_COUNT] = {"update", "grade", "acknowledge", "assign",
                                                     "status", "close", "cancel"};
const char *vg_entry_kind_name(vg_entry_kind k) { return k < VG_EK_COUNT ? entry_names[k] : "?"; }
bool vg_entry_kind_parse(const char *s, vg_entry_kind *out)
{
    int v;
    return parse_in(entry_names, VG_EK_COUNT, s, &v) && (*out = (vg_entry_kind)v, true);
}
