/* resolve.c - resolved persons: clustering the whole store into persons (match/resolve.h)
 * and reading the clustering back, each authorised and audited. */
#include "service/service_int.h"
#include "base/alloc.h"
#include "match/resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct record_person {
    vg_id record, person;
} record_person;

static int by_record(const void *x, const void *y)
{
    const record_person *a = x, *b = y;
    return a->record < b->record ? -1 : a->record > b->record;
}

static int by_id(const void *x, const void *y)
{
    vg_id a = *(const vg_id *)x, b = *(const vg_id *)y;
    return a < b ? -1 : a > b;
}

static int worker_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/* The person of every index record, one row per person record (aliases share it). */
typedef struct links {
    vg_match_link *v;
    size_t n, cap;
} links;

static vg_err link_seen(void *ctx, vg_id a, vg_id b, bool same)
{
    links *l = ctx;
    if (vg_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v, 64))
        return VG_ERR_NOMEM;
    l->v[l->n++] = (vg_match_link){a, b, same};
    return VG_OK;
}

/* The decisions that stand, as links for the clustering. Caller frees l->v. */
static vg_err active_links(vg_service *svc, links *l, vg_error *err)
{
    memset(l, 0, sizeof *l);
    vg_err e = vg_store_decision_links_each(svc->store, link_seen, l, err);
    return e == VG_ERR_NOMEM ? vg_error_set(err, e, "decisions", "out of memory") : e;
}

vg_err vg_persons_recluster(vg_service *svc, const vg_id *subset, size_t n_subset, vg_id **person_out, vg_error *err)
{
    *person_out = NULL;
    const vg_match_index *ix;
    vg_match_model m;
    double threshold;
    vg_err e = vg_contact_matcher(svc, &ix, &m, &threshold, NULL, err);
    links l;
    if (e || (e = active_links(svc, &l, err)))
        return e;
    size_t n = vg_match_index_records(ix);
    int64_t *resolved = vg_malloc((n ? n : 1) * sizeof *resolved);
    vg_id *person = vg_calloc(n_subset ? n_subset : 1, sizeof *person);
    vg_resolve_input in = {.threshold = threshold, .threads = worker_threads(), .links = l.v, .n_links = l.n,
                           .subset = subset, .n_subset = n_subset};
    vg_resolve_stats st;
    if (!resolved || !person || (e = vg_match_resolve_with(ix, &m, &in, resolved, &st, NULL, NULL))) {
        vg_free(resolved);
        vg_free(person);
        vg_free(l.v);
        return vg_error_set(err, VG_ERR_NOMEM, "resolved persons", "out of memory");
    }
    for (size_t r = 0; r < n; r++) { /* each subset record's person (subset is sorted) */
        if (resolved[r] < 0)
            continue;
        vg_id rec = vg_match_index_person(ix, (uint32_t)r);
        size_t lo = 0, hi = n_subset;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (subset[mid] < rec)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n_subset && subset[lo] == rec)
            person[lo] = resolved[r];
    }
    for (size_t i = 0; i < n_subset; i++) /* a record not in the index is its own person */
        if (!person[i])
            person[i] = subset[i];
    vg_free(resolved);
    vg_free(l.v);
    *person_out = person;
    return VG_OK;
}

static vg_err cluster(vg_service *svc, vg_match_resolve_report *rep, record_person **out, size_t *n_out,
                      vg_review_pair **review, size_t *n_review, vg_error *err)
{
    *out = NULL;
    *n_out = 0;
    const vg_match_index *ix;
    vg_match_model m;
    double probable;
    vg_err e = vg_contact_matcher(svc, &ix, &m, &rep->threshold, &probable, err);
    links l;
    if (e || (e = active_links(svc, &l, err)))
        return e;
    size_t n = vg_match_index_records(ix);
    int64_t *resolved = vg_malloc((n ? n : 1) * sizeof *resolved);
    record_person *rp = vg_malloc((n ? n : 1) * sizeof *rp);
    vg_resolve_stats st;
    vg_resolve_input in = {.threshold = rep->threshold, .review_threshold = probable, .threads = worker_threads(),
                           .links = l.v, .n_links = l.n};
    if (!resolved || !rp || (e = vg_match_resolve_with(ix, &m, &in, resolved, &st, review, n_review))) {
        vg_free(resolved);
        vg_free(rp);
        vg_free(l.v);
        return vg_error_set(err, VG_ERR_NOMEM, "match resolve", "out of memory");
    }
    vg_free(l.v);
    rep->review = *n_review;
    for (size_t r = 0; r < n; r++)
        rp[r] = (record_person){vg_match_index_person(ix, (uint32_t)r), resolved[r]};
    vg_free(resolved);
    if (n)
        qsort(rp, n, sizeof *rp, by_record);
    size_t k = 0;
    for (size_t r = 0; r < n; r++)
        if (k == 0 || rp[k - 1].record != rp[r].record)
            rp[k++] = rp[r];
    /* records in persons of more than one record: all but those alone in theirs */
    vg_id *labels = vg_malloc((k ? k : 1) * sizeof *labels);
    if (!labels) {
        vg_free(rp);
        return vg_error_set(err, VG_ERR_NOMEM, "match resolve", "out of memory");
    }
    for (size_t r = 0; r < k; r++)
        labels[r] = rp[r].person;
    if (k)
        qsort(labels, k, sizeof *labels, by_id);
    size_t alone = 0;
    for (size_t r = 0, run = 0; r < k; r++) {
        run = r > 0 && labels[r - 1] == labels[r] ? run + 1 : 1;
        if (run > rep->largest)
            rep->largest = run;
        alone += run == 1 && (r + 1 == k || labels[r + 1] != labels[r]);
    }
    vg_free(labels);
    rep->merged = k - alone;
    rep->records = k;
    rep->persons = st.persons;
    rep->merges = st.merges;
    rep->refused = st.refused;
    rep->seconds = st.seconds;
    *out = rp;
    *n_out = k;
    return VG_OK;
}

vg_err vg_service_match_resolve(vg_service *svc, const vg_actor *a, vg_match_resolve_report *rep, vg_error *err)
{
    memset(rep, 0, sizeof *rep);
    vg_err e = vg_access_require(svc, a, VG_PERM_STORE, "resolved persons", err);
    return e ? e : vg_persons_resolve(svc, a, rep, err);
}

vg_err vg_persons_resolve(vg_service *svc, const vg_actor *a, vg_match_resolve_report *rep, vg_error *err)
{
    memset(rep, 0, sizeof *rep);
    vg_err e;
    record_person *rp = NULL;
    size_t n = 0;
    vg_review_pair *review = NULL;
    size_t n_review = 0;
    vg_service_lock(svc); /* the lock order: the service, then the indexes (the index may be built from the store) */
    pthread_rwlock_wrlock(&svc->contact_lock);
    e = cluster(svc, rep, &rp, &n, &review, &n_review, err);
    pthread_rwlock_unlock(&svc->contact_lock);
    vg_service_unlock(svc);
    if (e)
        return e;
    /* the review queue, as columns */
    vg_id *ra = vg_malloc((n_review + 1) * sizeof *ra), *rb = vg_malloc((n_review + 1) * sizeof *rb);
    double *rprob = vg_malloc((n_review + 1) * sizeof *rprob);
    if (!ra || !rb || !rprob) {
        vg_free(ra);
        vg_free(rb);
        vg_free(rprob);
        vg_free(review);
        vg_free(rp);
        return vg_error_set(err, VG_ERR_NOMEM, "match resolve", "out of memory");
    }
    for (size_t i = 0; i < n_review; i++) {
        ra[i] = review[i].a;
        rb[i] = review[i].b;
        rprob[i] = review[i].probability;
    }
    vg_free(review);
    /* only the records that are not their own person are stored */
    vg_id *rec = vg_malloc((n ? n : 1) * sizeof *rec), *per = vg_malloc((n ? n : 1) * sizeof *per);
    if (!rec || !per) {
        vg_free(rp);
        vg_free(rec);
        vg_free(per);
        return vg_error_set(err, VG_ERR_NOMEM, "match resolve", "out of memory");
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (rp[i].record != rp[i].person) {
            rec[k] = rp[i].record;
            per[k++] = rp[i].person;
        }
    vg_free(rp);
    vg_resolve_run run = {vg_time_now(),          rep->threshold,           rep->seconds,        (int64_t)rep->records,
                          (int64_t)rep->persons, (int64_t)rep->merges, (int64_t)rep->refused};
    char what[200];
    snprintf(what, sizeof what,
             "resolved persons: %zu person records into %zu persons at threshold %.6f (%zu kept apart by conflicting "
             "identifiers; none disclosed)",
             rep->records, rep->persons, rep->threshold, rep->refused);
    vg_service_lock(svc);
    if (!(e = vg_store_begin(svc->store, err))) {
        e = vg_store_persons_resolved_replace(svc->store, rec, per, k, &run, err);
        if (!e)
            e = vg_store_reviews_replace(svc->store, ra, rb, rprob, n_review, err);
        if (!e)
            e = vg_audit_write(svc, a, VG_AUDIT_COMBINE, what, NULL, "match resolve", err);
        if (!e)
            e = vg_store_commit(svc->store, err);
        else
            vg_store_rollback(svc->store);
    }
    if (!e) { /* this process's lookups see the new persons too: only they changed, not the index */
        vg_error rerr;
        pthread_rwlock_wrlock(&svc->contact_lock);
        if (vg_contact_persons_reload(svc, &rerr))
            vg_contact_drop_locked(svc); /* built again when next needed */
        pthread_rwlock_unlock(&svc->contact_lock);
    }
    vg_service_unlock(svc);
    vg_free(rec);
    vg_free(per);
    vg_free(ra);
    vg_free(rb);
    vg_free(rprob);
    return e;
}

typedef struct cluster_row {
    vg_id record, person;
    char *source_id; /* NULL if none */
} cluster_row;

typedef struct clusters {
    cluster_row *v;
    size_t n, cap;
} clusters;

static vg_err cluster_seen(void *ctx, vg_id record, vg_id person, const char *source_id)
{
    clusters *c = ctx;
    if (vg_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v, 4096))
        return VG_ERR_NOMEM;
    char *src = source_id && *source_id ? vg_strdup(source_id) : NULL;
    if (source_id && *source_id && !src)
        return VG_ERR_NOMEM;
    c->v[c->n++] = (cluster_row){record, person, src};
    return VG_OK;
}

vg_err vg_service_match_clusters(vg_service *svc, const vg_actor *a, vg_person_cluster_fn fn, void *ctx,
                                 vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_STORE, "resolved persons", err);
    if (e)
        return e;
    clusters c = {0};
    vg_service_lock(svc);
    e = vg_store_person_clusters_each(svc->store, cluster_seen, &c, err);
    vg_service_unlock(svc);
    if (e == VG_ERR_NOMEM)
        vg_error_set(err, e, "resolved persons", "out of memory");
    vg_audit_recs recs = {0};
    for (size_t i = 0; !e && i < c.n; i++)
        if (!vg_audit_recs_add(&recs, "person", c.v[i].record))
            e = vg_error_set(err, VG_ERR_NOMEM, "resolved persons", "out of memory");
    char what[96];
    snprintf(what, sizeof what, "resolved persons of %zu person records", c.n);
    if (!e) /* in the log before anything is shown */
        e = vg_audit_commit_recs(svc, a, VG_AUDIT_CONSULT, what, &recs, NULL, "match clusters", err);
    vg_audit_recs_free(&recs);
    for (size_t i = 0; !e && i < c.n; i++)
        e = fn(ctx, c.v[i].record, c.v[i].person, c.v[i].source_id ? c.v[i].source_id : "");
    for (size_t i = 0; i < c.n; i++)
        vg_free(c.v[i].source_id);
    vg_free(c.v);
    return e;
}
