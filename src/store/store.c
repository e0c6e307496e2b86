/* store.c - backend selection and backend-independent helpers. */
#include "store/store.h"

#include <string.h>

const char *vg_record_kind_name(vg_record_kind k)
{
    static const char *const names[VG_REC_KIND_COUNT] = {
        "areas", "locations", "persons", "person_aliases", "objects", "incidents", "crimes"};
    return (k >= 0 && k < VG_REC_KIND_COUNT) ? names[k] : "?";
}

bool vg_store_uri_is_pg(const char *uri)
{
    return uri && (strncmp(uri, "postgres://", 11) == 0 || strncmp(uri, "postgresql://", 13) == 0);
}

vg_err vg_store_open(const char *uri, vg_store_mode mode, vg_store **out, vg_error *err)
{
    *out = NULL;
    if (!uri || !*uri)
        return vg_error_set(err, VG_ERR_USAGE, "--db", "no database given");
    if (vg_store_uri_is_pg(uri))
        return vg_store_pg_open(uri, mode, out, err);
    return vg_store_sqlite_open(uri, mode, out, err);
}

void vg_store_close(vg_store *s)
{
    if (s)
        s->ops->close(s);
}
