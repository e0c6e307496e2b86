/* audit_json.c - audit log entries as JSON. */
#include "io/audit_json.h"

#include <sodium.h>
#include <stdio.h>

json_t *vg_audit_entry_json(const vg_audit_entry *e)
{
    char at[VG_TIME_LEN], h[65], p[65];
    vg_time_format(e->at, at);
    sodium_bin2hex(h, sizeof h, e->hash, 32);
    sodium_bin2hex(p, sizeof p, e->prev_hash, 32);
    json_t *recs = json_array();
    for (size_t i = 0; recs && i < e->n_recs; i++) {
        char r[96];
        snprintf(r, sizeof r, "%.60s:%lld", e->recs[i].kind, (long long)e->recs[i].id);
        if (json_array_append_new(recs, json_string(r))) {
            json_decref(recs);
            recs = NULL;
        }
    }
    if (!recs)
        return NULL;
    return json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s?,s:o,s:s,s:s}", "seq", (json_int_t)e->seq, "at", at,
                     "user_id", (json_int_t)e->user_id, "username", e->username, "agency", e->agency, "role", e->role,
                     "action", e->action, "what", e->what, "why", e->why, "recipient", e->recipient, "records", recs,
                     "prev_hash", p, "hash", h);
}
