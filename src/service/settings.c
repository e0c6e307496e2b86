/* settings.c - the deployment's settings (`vigil config`): each key with its range and
 * documented default, read by the use cases that depend on them. */
#include "base/str.h"
#include "service/service_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct config_key {
    const char *key;
    double lo, hi; /* integer keys: range; lo > hi: special */
    bool integer;
    const char *fallback;
} config_key;

static const config_key config_keys[] = {
    {"briefing.window_months", 1, 120, true, "12"},
    {"briefing.crime_repeat_min", 1, 100, true, "1"},
    {"briefing.asb_repeat_min", 1, 100, true, "2"},
    {"briefing.location_repeat_min", 1, 1000, true, "2"},
    {"briefing.adult_age", 1, 30, true, "18"},
    {"match.threshold", 0.5, 0.999999999, false, "0.99998"},
    {"match.probable_threshold", 0.01, 0.999999999, false, "0.99"},
    {"reference.prefix", 1, 0, false, "VG"},
    {"auth.argon2_ops", 1, 10, true, "2"},
    {"auth.argon2_mem_kib", 8, 1048576, true, "65536"},
    {"auth.session_hours", 1, 24, true, "9"},
    {"auth.idle_minutes", 1, 1440, true, "30"},
    {"auth.throttle_free", 1, 100, true, "3"},
    {"auth.throttle_max_seconds", 1, 86400, true, "900"},
    {"input.dob_earliest_year", 1800, 2000, true, "1880"},
    {"analysis.max_permutations", 0, 1000000, true, "9999"},
    {"analysis.max_pair_tests", 1e6, 1e15, false, "1e12"},
    {"analysis.max_seconds", 1, 3600, true, "60"},
    {"input.received_earliest_year", 1900, 2100, true, "1990"},
    {"input.received_future_minutes", 0, 10080, true, "15"},
};

const char *const *vg_service_config_keys(void)
{
    static const char *keys[sizeof config_keys / sizeof config_keys[0] + 1];
    for (size_t i = 0; i < sizeof config_keys / sizeof config_keys[0]; i++)
        keys[i] = config_keys[i].key;
    return keys;
}

static const config_key *config_find(const char *key)
{
    for (size_t i = 0; i < sizeof config_keys / sizeof config_keys[0]; i++)
        if (strcmp(config_keys[i].key, key) == 0)
            return &config_keys[i];
    return NULL;
}

vg_err vg_service_config_text(vg_service *svc, const char *key, char *out, size_t n, vg_error *err)
{
    const config_key *k = config_find(key);
    if (!k)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, key, "not a setting");
    vg_error ignore;
    vg_service_lock(svc); /* from any thread: the main connection is the lock's */
    vg_err e = vg_store_setting_get(svc->store, key, out, n, &ignore);
    vg_service_unlock(svc);
    if (e)
        snprintf(out, n, "%s", k->fallback);
    return VG_OK;
}

vg_err vg_service_config_get(vg_service *svc, const vg_actor *a, const char *key, char *out, size_t n, vg_error *err)
{
    char what[96];
    snprintf(what, sizeof what, "setting %.64s", key ? key : "");
    vg_err e = vg_access_require(svc, a, VG_PERM_SETTINGS, what, err);
    if (e || (e = vg_service_config_text(svc, key, out, n, err)))
        return e;
    return vg_audit_commit(svc, a, VG_AUDIT_CONSULT, what, NULL, "settings: read", err);
}

vg_err vg_service_config_set(vg_service *svc, const vg_actor *a, const char *key, const char *value, vg_error *err)
{
    char what[300];
    snprintf(what, sizeof what, "setting %.64s", key ? key : "");
    vg_err e = vg_access_require(svc, a, VG_PERM_SETTINGS, what, err);
    if (e)
        return e;
    const config_key *k = config_find(key);
    if (!k)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, key, "not a setting");
    if (k->lo > k->hi) { /* the reference prefix */
        size_t len = strlen(value);
        bool ok = len >= 1 && len <= 8;
        for (size_t i = 0; ok && i < len; i++)
            ok = (value[i] >= 'A' && value[i] <= 'Z') || (value[i] >= '0' && value[i] <= '9');
        if (!ok)
            return vg_error_set(err, VG_ERR_INVALID_INPUT, key, "must be 1 to 8 capital letters or digits");
    } else {
        double v;
        if (!vg_str_to_double(vg_str_c(value), &v) || (k->integer && v != floor(v)) || v < k->lo || v > k->hi)
            return vg_error_set(err, VG_ERR_INVALID_INPUT, key, "must be %s from %g to %g", k->integer ? "a whole number" : "a number",
                                k->lo, k->hi);
    }
    char old[64];
    if ((e = vg_service_config_text(svc, key, old, sizeof old, err)) || (e = vg_store_begin(svc->store, err)))
        return e;
    e = vg_store_setting_put(svc->store, key, value, err);
    snprintf(what, sizeof what, "setting %.64s: %.64s -> %.64s", key, old, value);
    if (!e)
        e = vg_audit_write(svc, a, VG_AUDIT_ADMIN, what, NULL, "settings: changed", err);
    if (!e)
        e = vg_store_commit(svc->store, err);
    else
        vg_store_rollback(svc->store);
    if (!e) { /* first contact reads its settings again on next use */
        pthread_rwlock_wrlock(&svc->contact_lock);
        vg_contact_state_free(svc->contact);
        svc->contact = NULL;
        pthread_rwlock_unlock(&svc->contact_lock);
    }
    return e;
}

double vg_service_config_number_in(vg_store *st, const char *key)
{
    char buf[64];
    double v = 0;
    vg_error ignore;
    const config_key *k = config_find(key);
    if (!k)
        return 0;
    if (vg_store_setting_get(st, key, buf, sizeof buf, &ignore) || !vg_str_to_double(vg_str_c(buf), &v))
        (void)vg_str_to_double(vg_str_c(k->fallback), &v);
    return v;
}

double vg_service_config_number(vg_service *svc, const char *key)
{
    vg_service_lock(svc);
    double v = vg_service_config_number_in(svc->store, key);
    vg_service_unlock(svc);
    return v;
}

void vg_service_briefing_config_in(vg_store *st, vg_briefing_config *c)
{
    vg_briefing_config_default(c);
    c->window_months = (int)vg_service_config_number_in(st, "briefing.window_months");
    c->crime_repeat_min = (int)vg_service_config_number_in(st, "briefing.crime_repeat_min");
    c->asb_repeat_min = (int)vg_service_config_number_in(st, "briefing.asb_repeat_min");
    c->location_repeat_min = (int)vg_service_config_number_in(st, "briefing.location_repeat_min");
    c->adult_age = (int)vg_service_config_number_in(st, "briefing.adult_age");
    c->match_threshold = vg_service_config_number_in(st, "match.threshold");
    c->match_probable = vg_service_config_number_in(st, "match.probable_threshold");
    if (c->match_probable > c->match_threshold)
        c->match_probable = c->match_threshold;
}

void vg_service_briefing_config(vg_service *svc, vg_briefing_config *c)
{
    vg_service_lock(svc);
    vg_service_briefing_config_in(svc->store, c);
    vg_service_unlock(svc);
}

