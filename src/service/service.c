/* service.c - use cases over the store. */
#include "service/service_int.h"
#include "base/alloc.h"

#include <sodium.h>
#include <string.h>

vg_err vg_service_open(const char *uri, vg_service_mode mode, vg_service **out, vg_error *err)
{
    *out = NULL;
    if (sodium_init() < 0) /* tokens, password hashes and the audit chain */
        return vg_error_set(err, VG_ERR_INTERNAL, "libsodium", "failed to initialise");
    vg_service *svc = vg_calloc(1, sizeof *svc);
    if (!svc)
        return vg_error_set(err, VG_ERR_NOMEM, uri, "out of memory");
    if (!(svc->uri = vg_strdup(uri))) {
        vg_free(svc);
        return vg_error_set(err, VG_ERR_NOMEM, uri, "out of memory");
    }
    if (vg_throttle_new(&svc->throttle)) {
        vg_free(svc->uri);
        vg_free(svc);
        return vg_error_set(err, VG_ERR_NOMEM, uri, "out of memory");
    }
    vg_err e = vg_store_open(uri, mode == VG_SERVICE_CREATE ? VG_STORE_CREATE : VG_STORE_OPEN_EXISTING, &svc->store,
                             err);
    if (e) {
        vg_throttle_free(svc->throttle);
        vg_free(svc->uri);
        vg_free(svc);
        return e;
    }
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&svc->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    pthread_rwlock_init(&svc->contact_lock, NULL);
    pthread_mutex_init(&svc->memo_lock, NULL);
    *out = svc;
    return VG_OK;
}

void vg_service_close(vg_service *svc)
{
    if (!svc)
        return;
    vg_threads_stop(svc);
    vg_replica_close(svc);
    vg_contact_state_free(svc->contact);
    vg_store_close(svc->store);
    pthread_rwlock_destroy(&svc->contact_lock);
    pthread_mutex_destroy(&svc->memo_lock);
    vg_free(svc->memos);
    vg_throttle_free(svc->throttle);
    pthread_mutex_destroy(&svc->lock);
    vg_free(svc->uri);
    vg_free(svc);
}

vg_err vg_service_schema_version(vg_service *svc, int *version, vg_error *err)
{
    return vg_store_schema_version(svc->store, version, err);
}

static vg_err add_offence_count(void *ctx, const char *code, int64_t count)
{
    vg_stats *st = ctx;
    const vg_offence *o = vg_offence_find(code);
    if (!o) {
        st->crimes_unknown_code += count;
        return VG_OK;
    }
    st->crimes_by_group[vg_subgroup_group(o->subgroup)] += count;
    if (vg_measure_includes(VG_MEASURE_CRIME_EXCL_FRAUD, o->subgroup))
        st->crimes_excluding_fraud += count;
    if (vg_measure_includes(VG_MEASURE_VICTIM_BASED, o->subgroup))
        st->crimes_victim_based += count;
    return VG_OK;
}

vg_err vg_service_stats(vg_service *svc, const vg_actor *a, vg_stats *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    vg_err e = vg_access_require(svc, a, VG_PERM_REPORT_READ, "statistics", err);
    if (e || (e = vg_audit_commit(svc, a, VG_AUDIT_CONSULT, "statistics: counts of records (none named)", NULL,
                                  "statistics", err)))
        return e;
    vg_store_counts counts;
    if ((e = vg_store_counts_get(svc->store, &counts, err)))
        return e;
    out->record_kinds = VG_REC_KIND_COUNT;
    for (int k = 0; k < VG_REC_KIND_COUNT; k++) {
        out->records[k] = counts.records[k];
        out->record_names[k] = vg_record_kind_name((vg_record_kind)k);
    }
    memcpy(out->incidents_by_category, counts.incidents_by_category, sizeof out->incidents_by_category);
    for (int c = 0; c < VG_CAT_COUNT; c++)
        if (vg_category_is_asb((vg_category)c))
            out->incidents_asb += counts.incidents_by_category[c];
    memcpy(out->crimes_by_status, counts.crimes_by_status, sizeof out->crimes_by_status);
    memcpy(out->od_files, counts.od_files, sizeof out->od_files);
    memcpy(out->od_rows, counts.od_rows, sizeof out->od_rows);
    out->od_asb_rows = counts.od_asb_rows;
    out->ho_rows = counts.ho_rows;
    out->population_rows = counts.population_rows;
    out->household_rows = counts.household_rows;
    vg_date lo, hi;
    (void)vg_date_from_ymd(1, 1, 1, &lo);
    (void)vg_date_from_ymd(9999, 12, 31, &hi);
    return vg_store_crime_counts_by_offence(svc->store, vg_date_time(lo), vg_date_time(hi), VG_CRIME_RECORDED,
                                            add_offence_count, out, err);
}

vg_err vg_service_synth(vg_service *svc, const vg_actor *a, const vg_synth_options *opt, vg_synth_report *report,
                        vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_STORE, "synthetic force", err);
    if (e || (e = vg_synth_run(svc->store, opt, report, err)))
        return e;
    /* the force's agency takes the synthetic force's name while it has the one a new store gives it */
    vg_agency force;
    vg_error ignore;
    bool named = report->force_name && report->force_name[0] &&
                 vg_store_agency_get(svc->store, 0, "force", &force, &ignore) == VG_OK && !strcmp(force.name, "The force");
    if (named && (e = vg_store_agency_rename(svc->store, "force", report->force_name, err)))
        return e;
    char what[240];
    snprintf(what, sizeof what, "synthetic force: scale %g, seed %llu (fictional records, none real)%s%s", opt->scale,
             (unsigned long long)opt->seed, named ? "; the force's agency named " : "", named ? report->force_name : "");
    return vg_audit_commit(svc, a, VG_AUDIT_COLLECT, what, NULL, "the synthetic force", err);
}
