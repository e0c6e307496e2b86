/* limits.c - the table of named input limits. */
#include "base/limits.h"

#include <string.h>

static const struct {
    const char *name;
    size_t max;
} limits[VG_LIM_COUNT] = {
    [VG_LIM_USERNAME] = {"a username", VG_MAX_USERNAME},
    [VG_LIM_PASSWORD] = {"a password", VG_MAX_PASSWORD},
    [VG_LIM_NAME] = {"a name", VG_MAX_NAME},
    [VG_LIM_PHONE] = {"a telephone number", VG_MAX_PHONE},
    [VG_LIM_ADDRESS] = {"an address", VG_MAX_ADDRESS},
    [VG_LIM_POSTCODE] = {"a postcode", VG_MAX_POSTCODE},
    [VG_LIM_DESCRIPTION] = {"a description", VG_MAX_DESCRIPTION},
    [VG_LIM_TITLE] = {"a title", VG_MAX_TITLE},
    [VG_LIM_CASE_TEXT] = {"a case's summary, risk or actions", VG_MAX_CASE_TEXT},
    [VG_LIM_ACTION] = {"an action", VG_MAX_ACTION},
    [VG_LIM_DIRECTION] = {"a direction", VG_MAX_DIRECTION},
    [VG_LIM_NOTE] = {"a note", VG_MAX_NOTE},
    [VG_LIM_GATEWAY] = {"a legal gateway or purpose", VG_MAX_GATEWAY},
    [VG_LIM_AGENCY_NAME] = {"an agency's name", VG_MAX_AGENCY_NAME},
    [VG_LIM_CODE] = {"a code or date", VG_MAX_CODE},
};

size_t vg_limit_max(vg_limit l) { return l < VG_LIM_COUNT ? limits[l].max : 0; }

const char *vg_limit_name(vg_limit l) { return l < VG_LIM_COUNT ? limits[l].name : "a value"; }

vg_err vg_limit_fail(vg_limit l, const char *field, size_t len, vg_error *err)
{
    return vg_error_set(err, VG_ERR_INVALID_INPUT, field, "%zu bytes is longer than the limit of %zu bytes for %s", len,
                        vg_limit_max(l), vg_limit_name(l));
}

vg_err vg_limit_check(vg_limit l, const char *field, const char *value, vg_error *err)
{
    size_t len = value ? strlen(value) : 0;
    return len > vg_limit_max(l) ? vg_limit_fail(l, field, len, err) : VG_OK;
}
