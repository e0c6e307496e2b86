/* work.c - names of the Victims' Code entitlements Vigil tracks. */
#include "domain/work.h"

#include <string.h>

static const char *const names[VG_ENT_COUNT] = {"needs_assessment", "outcome"};
static const char *const labels[VG_ENT_COUNT] = {"Needs assessment", "Told the outcome"};

const char *vg_entitlement_name(vg_entitlement e) { return e >= 0 && e < VG_ENT_COUNT ? names[e] : "?"; }
const char *vg_entitlement_label(vg_entitlement e) { return e >= 0 && e < VG_ENT_COUNT ? labels[e] : "?"; }

bool vg_entitlement_parse(const char *s, vg_entitlement *out)
{
    for (int i = 0; s && i < VG_ENT_COUNT; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (vg_entitlement)i;
            return true;
        }
    return false;
}
