/* contact.c - first contact: the person and place indexes, lookups, and recording an
 * incident with its briefing. */
#include "service/service_int.h"
#include "base/alloc.h"
#include "io/contact_json.h"
#include "base/log.h"
#include "base/map.h"
#include "match/candidates.h"
#include "match/index.h"
#include "match/places.h"
#include "match/resolve.h"
#include "match/train.h"
#include "service/history.h"
#include "rules/deadlines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct vg_contact_state {
    vg_match_index *ix;
    vg_match_persons *persons; /* which person each record belongs to (match resolve) */
    vg_history *hist; /* what lookups show of the indexed persons */
    vg_match_model model;
    vg_briefing_config cfg;
    vg_date dob_earliest; /* input.dob_earliest_year, for lookups (which read no settings) */
    int64_t change_seen;  /* the store's changes (store_change) up to this seq are in here */
    int64_t pruned;       /* the changes up to this seq were pruned by this process, or before it began */
    vg_match_places *places; /* every location, found again by address or position */
};

void vg_contact_state_free(vg_contact_state *c)
{
    if (!c)
        return;
    vg_match_index_free(c->ix);
    vg_match_persons_free(c->persons);
    vg_history_free(c->hist);
    vg_match_places_free(c->places);
    vg_free(c);
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* ---- places */

static vg_err location_seen(void *ctx, const vg_location *l)
{
    vg_contact_state *c = ctx;
    vg_norm_address a;
    vg_norm_address_fields(l->flat, l->number, l->building, l->street, l->postcode, &a);
    char key[200];
    vg_match_address_key(&a, key, sizeof key);
    if (key[0])
        return vg_match_places_add_address(c->places, key, l->id);
    if (l->has_wgs84 && !l->at_postcode_centre) /* a place by its own position, not its postcode's */
        return vg_match_places_add_point(c->places, l->id, l->lat, l->lon);
    return VG_OK;
}

/* ---- persons */

static vg_err person_seen(void *ctx, const vg_person_brief *b)
{
    vg_contact_state *c = ctx;
    vg_norm_address a;
    vg_norm_address_fields(b->flat, b->number, b->building, b->street, b->postcode, &a);
    vg_match_person p;
    vg_match_person_prepare(&p, NULL, b->given, b->family, b->dob, b->phone, NULL, &a, b->gender);
    vg_err e = vg_match_index_add(c->ix, b->id, &p);
    if (!e && !b->alias) /* the record's own names, for display */
        e = vg_history_name_set(c->hist, b->id, b->given, b->family, b->dob);
    return e;
}

static vg_err cluster_seen(void *ctx, vg_id record, vg_id person, const char *source_id)
{
    (void)source_id;
    return vg_match_persons_add(ctx, record, person);
}

static vg_err load_model(vg_service *svc, vg_match_model *m)
{
    vg_match_model_default(m);
    char *buf = vg_malloc(65536);
    if (!buf)
        return VG_ERR_NOMEM;
    vg_error ignore;
    if (vg_store_setting_get(svc->store, "match.model", buf, 65536, &ignore) == VG_OK) {
        json_t *j = json_loads(buf, 0, NULL);
        vg_match_model saved;
        if (j && vg_match_model_from_json(j, &saved, &ignore) == VG_OK)
            *m = saved;
        else
            vg_log_warn("the saved match model is unreadable; using the defaults (run vigil match train)");
        json_decref(j);
    }
    vg_free(buf);
    return VG_OK;
}

/* Builds the indexes on first use. */
static vg_err contact_state(vg_service *svc, vg_contact_state **out, vg_error *err)
{
    if (svc->contact) {
        *out = svc->contact;
        return VG_OK;
    }
    vg_contact_state *c = vg_calloc(1, sizeof *c);
    if (!c)
        return vg_error_set(err, VG_ERR_NOMEM, "first contact", "out of memory");
    vg_err e = vg_match_index_new(&c->ix);
    if (!e)
        e = vg_match_persons_new(&c->persons);
    if (!e)
        e = vg_history_new(&c->hist);
    if (!e)
        e = vg_match_places_new(&c->places);
    if (!e)
        e = load_model(svc, &c->model);
    if (e) {
        vg_contact_state_free(c);
        return vg_error_set(err, e, "first contact", "out of memory");
    }
    vg_service_briefing_config(svc, &c->cfg);
    if (!vg_date_from_ymd((int)vg_service_config_number(svc, "input.dob_earliest_year"), 1, 1, &c->dob_earliest))
        c->dob_earliest = 0;
    double t0 = seconds();
    /* the data version and the changes first: a write by another process after them is
     * seen again (and, at worst, applied twice) */
    e = vg_store_data_version(svc->store, &svc->data_version, err);
    if (!e)
        e = vg_store_change_head(svc->store, &c->change_seen, err);
    if (!e)
        e = vg_store_persons_brief_each(svc->store, person_seen, c, err);
    if (e == VG_ERR_NOMEM)
        vg_error_set(err, e, "person index", "out of memory");
    if (!e && (e = vg_match_index_freeze(c->ix)))
        vg_error_set(err, e, "person index", "out of memory");
    if (!e && (e = vg_store_person_clusters_each(svc->store, cluster_seen, c->persons, err)) == VG_ERR_NOMEM)
        vg_error_set(err, e, "resolved persons", "out of memory");
    if (!e && (e = vg_match_persons_freeze(c->persons)))
        vg_error_set(err, e, "resolved persons", "out of memory");
    if (!e)
        e = vg_history_load(c->hist, svc->store, err);
    if (!e)
        e = vg_store_locations_each(svc->store, location_seen, c, err);
    if (e) {
        vg_contact_state_free(c);
        return e;
    }
    vg_log_debug("first contact: %zu person records indexed in %.2f s (%zu bytes; histories %zu bytes)",
                 vg_match_index_records(c->ix), seconds() - t0, vg_match_index_bytes(c->ix), vg_history_bytes(c->hist));
    c->pruned = c->change_seen; /* the server prunes what it has applied (vg_contact_watch) */
    svc->contact = c;
    *out = c;
    return VG_OK;
}

vg_err vg_contact_matcher(vg_service *svc, const vg_match_index **ix, vg_match_model *m, double *threshold,
                          double *probable, vg_error *err)
{
    vg_contact_state *c;
    vg_err e = contact_state(svc, &c, err);
    if (e)
        return e;
    *ix = c->ix;
    *m = c->model;
    *threshold = c->cfg.match_threshold;
    if (probable)
        *probable = c->cfg.match_probable;
    return VG_OK;
}

size_t vg_contact_person_records(vg_service *svc, vg_id record, vg_id *out, size_t max)
{
    const vg_match_persons *p = svc->contact ? svc->contact->persons : NULL;
    return vg_match_persons_records(p, vg_match_persons_of(p, record), out, max);
}

vg_err vg_contact_persons_reload(vg_service *svc, vg_error *err)
{
    vg_contact_state *c = svc->contact;
    if (!c)
        return VG_OK; /* built with the persons when next needed */
    vg_match_persons *p;
    if (vg_match_persons_new(&p))
        return vg_error_set(err, VG_ERR_NOMEM, "resolved persons", "out of memory");
    vg_err e = vg_store_person_clusters_each(svc->store, cluster_seen, p, err);
    if (!e)
        e = vg_match_persons_freeze(p);
    if (e) {
        vg_match_persons_free(p);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, "resolved persons", "out of memory") : e;
    }
    vg_match_persons_free(c->persons);
    c->persons = p;
    return VG_OK;
}

static void contact_invalidate(vg_service *svc);

void vg_contact_drop_locked(vg_service *svc)
{
    contact_invalidate(svc);
}

/* Drops the indexes (after a failed write they may hold what was rolled back). */
static void contact_invalidate(vg_service *svc)
{
    vg_contact_state_free(svc->contact);
    svc->contact = NULL;
}

static void prepare_draft(const vg_person_draft *d, vg_match_person *p)
{
    char addr[400] = "";
    if (d->address || d->postcode)
        snprintf(addr, sizeof addr, "%s %s", d->address ? d->address : "", d->postcode ? d->postcode : "");
    vg_match_person_prepare(p, d->name, d->given, d->family, d->dob, d->phone, addr[0] ? addr : NULL, NULL, d->gender);
}

/* The reader's view of person records for match/ (a NULL actor sees all). */
typedef struct reader {
    const vg_contact_state *c;
    const vg_actor *a;
} reader;

static bool reader_sees(void *ctx, int64_t record)
{
    const reader *r = ctx;
    return vg_history_visible(r->c->hist, record, r->a);
}

/* Best candidates per person (match/), graded by the briefing rules' bands. */
static size_t search(const vg_contact_state *c, const vg_actor *a, const vg_match_person *q, vg_candidate *out,
                     size_t max)
{
    reader rd = {c, a};
    size_t n = vg_match_candidates(c->ix, &c->model, c->persons, q, a ? reader_sees : NULL, &rd, out, max);
    for (size_t i = 0; i < n; i++)
        out[i].band = vg_match_band_of(&c->cfg, out[i].probability);
    return n;
}

/* Display names and date of birth of a candidate, from its record. */
static vg_err candidate_names(vg_service *svc, vg_candidate *cd, vg_person *out, vg_error *err)
{
    vg_err e = vg_store_person_get(svc->store, cd->person_id, out, err);
    if (e)
        return e;
    snprintf(cd->given, sizeof cd->given, "%s", out->given_names ? out->given_names : "");
    snprintf(cd->family, sizeof cd->family, "%s", out->family_name ? out->family_name : "");
    cd->dob = out->dob;
    return VG_OK;
}

/* Every record of the persons of the candidates taken (match/), those the actor may not
 * see left out (a NULL actor sees all). Caller owns *ids; free with vg_free. */
static vg_err matched_ids(const vg_contact_state *c, const vg_actor *a, const vg_candidate *cand, size_t n,
                          bool first_always, vg_id **ids, size_t *n_ids)
{
    reader rd = {c, a};
    return vg_match_briefing_records(c->persons, cand, n, c->cfg.match_threshold, first_always, a ? reader_sees : NULL,
                                     &rd, ids, n_ids);
}

/* The person's names from its records open to everyone: the spelling most of them give
 * (the longest where they tie, then the record matched first) as the headline, the
 * others as aliases. */
static bool open_to_all(const vg_contact_state *c, vg_id record)
{
    static const vg_actor anyone = {.role = VG_UR_CALL_HANDLER, .police = true}; /* named in no restriction */
    return vg_history_visible(c->hist, record, &anyone);
}

static void person_names(const vg_contact_state *c, const vg_id *ids, size_t n, vg_person_briefing *b)
{
    enum { NAMES = 16 };
    char names[NAMES][2 * VG_NAME_MAX];
    int count[NAMES];
    size_t nn = 0, more = 0, best = 0;
    for (size_t i = 0; i < n; i++) {
        char g[VG_NAME_MAX], f[VG_NAME_MAX], full[2 * VG_NAME_MAX];
        vg_date dob;
        /* the names go where others read them (the saved briefing, the queue): never from a
         * record restricted to named users */
        if (!open_to_all(c, ids[i]) || !vg_history_name(c->hist, ids[i], g, sizeof g, f, sizeof f, &dob))
            continue;
        snprintf(full, sizeof full, "%s%s%s", g, g[0] && f[0] ? " " : "", f);
        if (!full[0])
            continue;
        size_t k = 0;
        while (k < nn && strcmp(names[k], full) != 0)
            k++;
        if (k == nn) {
            if (nn == NAMES) {
                more++;
                continue;
            }
            memcpy(names[nn], full, sizeof full);
            count[nn++] = 0;
        }
        count[k]++;
    }
    for (size_t k = 1; k < nn; k++)
        if (count[k] > count[best] || (count[k] == count[best] && strlen(names[k]) > strlen(names[best])))
            best = k;
    b->n_records = (int)n;
    b->name[0] = b->aliases[0] = '\0';
    if (!nn)
        return;
    snprintf(b->name, sizeof b->name, "%s", names[best]);
    size_t len = 0;
    for (size_t k = 0; k < nn; k++) {
        if (k == best)
            continue;
        if (len + strlen(names[k]) + 2 + 24 >= sizeof b->aliases) { /* room kept to say how many more */
            more += nn - k - (best > k);
            break;
        }
        len += (size_t)snprintf(b->aliases + len, sizeof b->aliases - len, "%s%s", len ? "; " : "", names[k]);
    }
    if (more)
        snprintf(b->aliases + len, sizeof b->aliases - len, "%sand %zu more", len ? "; " : "", more);
}

/* Everything a lookup shows, from memory under the indexes' read lock (built first if
 * a failed write or another process's write dropped them): the candidates (without
 * records restricted to other users), their names, and the best one's briefing. */
static vg_err lookup_shared(vg_service *svc, const vg_actor *a, const vg_lookup_request *q, const vg_match_person *p,
                            size_t max, vg_lookup_result *out, vg_audit_recs *recs, vg_error *err)
{
    for (;;) {
        pthread_rwlock_rdlock(&svc->contact_lock);
        const vg_contact_state *c = svc->contact;
        if (c)
            break;
        pthread_rwlock_unlock(&svc->contact_lock);
        vg_service_lock(svc); /* the lock order: the service, then the indexes */
        pthread_rwlock_wrlock(&svc->contact_lock);
        vg_contact_state *built;
        vg_err e = contact_state(svc, &built, err);
        pthread_rwlock_unlock(&svc->contact_lock);
        vg_service_unlock(svc);
        if (e)
            return e;
    }
    const vg_contact_state *c = svc->contact;
    const vg_briefing_config *cfg = &c->cfg;
    if (q->dob != VG_DATE_NONE && (q->dob < c->dob_earliest || q->dob > vg_time_date(vg_time_now()))) {
        char d[VG_DATE_LEN], lo[VG_DATE_LEN];
        vg_date_format(q->dob, d);
        vg_date_format(c->dob_earliest, lo);
        pthread_rwlock_unlock(&svc->contact_lock);
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "dob", "%s is not a plausible date of birth (from %s to today)",
                            d, lo);
    }
    vg_candidate found[VG_LOOKUP_MAX];
    double t0 = seconds();
    size_t n_found = search(c, a, p, found, VG_LOOKUP_MAX);
    out->micros = (seconds() - t0) * 1e6;
    out->records = vg_match_index_records(c->ix);
    out->threshold = cfg->match_threshold;
    for (size_t i = 0; i < n_found && out->n < max; i++) {
        if (!vg_history_visible(c->hist, found[i].person_id, a))
            continue;
        vg_candidate *cd = &out->cand[out->n++];
        *cd = found[i];
        if (!vg_history_name(c->hist, cd->person_id, cd->given, sizeof cd->given, cd->family, sizeof cd->family,
                             &cd->dob))
            cd->dob = VG_DATE_NONE;
    }
    vg_err e = VG_OK;
    if (out->n && out->cand[0].probability >= cfg->match_threshold) {
        vg_candidate *cd = &out->cand[0];
        vg_person_briefing *b = &out->briefing;
        b->role = q->role;
        b->person_id = cd->person_id;
        b->match_probability = cd->probability;
        b->match = *cd;
        b->has_match = true;
        vg_id *ids;
        size_t n_ids;
        e = matched_ids(c, a, out->cand, out->n, false, &ids, &n_ids);
        if (!e)
            e = vg_history_flags(c->hist, cfg, ids, n_ids, q->at, q->category, q->role,
                                 cd->dob != VG_DATE_NONE ? cd->dob : q->dob, &b->flags);
        if (!e)
            person_names(c, ids, n_ids, b);
        for (size_t i = 0; !e && i < n_ids; i++) /* the briefing draws on every one of them */
            if (!vg_audit_recs_add(recs, "person", ids[i]))
                e = VG_ERR_NOMEM;
        vg_free(ids);
        if (e)
            vg_error_set(err, e, "lookup", "out of memory");
        out->has_briefing = !e;
    }
    pthread_rwlock_unlock(&svc->contact_lock);
    return e;
}

/* A lookup up to its audit entry: the answer, and the entry's record list in what. */
vg_err vg_contact_candidates(vg_service *svc, const vg_actor *a, const vg_lookup_request *q, vg_lookup_result *out,
                             vg_error *err)
{
    memset(out, 0, sizeof *out);
    vg_person_draft d = {.role = q->role, .name = (char *)q->name, .given = (char *)q->given, .family = (char *)q->family,
                         .dob = q->dob, .gender = q->gender, .phone = (char *)q->phone, .address = (char *)q->address,
                         .postcode = (char *)q->postcode};
    vg_match_person p;
    prepare_draft(&d, &p);
    vg_audit_recs briefing = {0}; /* the briefing is not shown: nothing of it is disclosed */
    size_t max = q->max > 0 && q->max <= VG_LOOKUP_MAX ? (size_t)q->max : 10;
    vg_err e = lookup_shared(svc, a, q, &p, max, out, &briefing, err);
    vg_audit_recs_free(&briefing);
    out->has_briefing = false;
    return e;
}

static vg_err lookup_answer(vg_service *svc, const vg_actor *a, const vg_lookup_request *q, vg_lookup_result *out,
                            char *what, size_t what_n, vg_audit_recs *recs, vg_error *err)
{
    memset(out, 0, sizeof *out);
    vg_err ae = vg_access_require(svc, a, VG_PERM_LOOKUP, "lookup", err);
    if (ae)
        return ae;
    if (!(q->name && *q->name) && !(q->family && *q->family) && !(q->given && *q->given) && !(q->phone && *q->phone) &&
        q->dob == VG_DATE_NONE && !(q->address && *q->address) && !(q->postcode && *q->postcode))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "lookup", "give a name, date of birth, phone, address or postcode");
    char pc[9];
    if (q->postcode && *q->postcode && !vg_norm_postcode(q->postcode, strlen(q->postcode), pc))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "postcode", "\"%s\" is not a UK postcode", q->postcode);
    char ph[20];
    if (q->phone && *q->phone && !vg_norm_phone(q->phone, strlen(q->phone), ph))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "phone", "\"%s\" is not a telephone number", q->phone);
    vg_person_draft d = {.role = q->role, .name = (char *)q->name, .given = (char *)q->given, .family = (char *)q->family,
                         .dob = q->dob, .gender = q->gender, .phone = (char *)q->phone, .address = (char *)q->address,
                         .postcode = (char *)q->postcode};
    vg_match_person p;
    prepare_draft(&d, &p);
    size_t max = q->max > 0 && q->max <= VG_LOOKUP_MAX ? (size_t)q->max : 10;
    /* the consultation: the records shown (the candidates, in what: at most VG_LOOKUP_MAX,
     * which fit), then every record the briefing drew on */
    vg_audit_recs briefing = {0};
    vg_err e = lookup_shared(svc, a, q, &p, max, out, &briefing, err);
    size_t k = 0;
    what[0] = '\0';
    for (size_t i = 0; !e && i < out->n; i++) {
        if (k + 32 < what_n)
            k += (size_t)snprintf(what + k, what_n - k, "%sperson:%lld", k ? " " : "", (long long)out->cand[i].person_id);
        if (!vg_audit_recs_add(recs, "person", out->cand[i].person_id))
            e = vg_error_set(err, VG_ERR_NOMEM, "lookup", "out of memory");
    }
    for (size_t i = 0; !e && i < briefing.n; i++)
        if (!vg_audit_recs_add_once(recs, briefing.v[i].kind, briefing.v[i].id))
            e = vg_error_set(err, VG_ERR_NOMEM, "lookup", "out of memory");
    vg_audit_recs_free(&briefing);
    if (!e && !what[0])
        snprintf(what, what_n, "lookup (no candidates)");
    return e;
}

#define LOOKUP_WHY "first contact: lookup"

vg_err vg_service_lookup(vg_service *svc, const vg_actor *a, const vg_lookup_request *q, vg_lookup_result *out,
                         vg_error *err)
{
    char what[VG_AUDIT_WHAT_MAX];
    vg_audit_recs recs = {0};
    vg_err e = lookup_answer(svc, a, q, out, what, sizeof what, &recs, err);
    if (!e)
        e = vg_audit_commit_shared(svc, a, VG_AUDIT_CONSULT, what, recs.n ? &recs : NULL, LOOKUP_WHY, err);
    vg_audit_recs_free(&recs);
    return e;
}

vg_err vg_service_lookup_async(vg_service *svc, const vg_actor *a, const vg_lookup_request *q, vg_lookup_result *out,
                               vg_logged_fn done, void *ctx, vg_error *err)
{
    char what[VG_AUDIT_WHAT_MAX];
    vg_audit_recs recs = {0};
    vg_err e = lookup_answer(svc, a, q, out, what, sizeof what, &recs, err);
    if (!e)
        e = vg_audit_commit_async(svc, a, VG_AUDIT_CONSULT, what, recs.n ? &recs : NULL, LOOKUP_WHY, done, ctx, err);
    vg_audit_recs_free(&recs);
    return e;
}

/* ---- recording incidents */

/* Splits a whole name as typed into given names and family name, keeping the caller's
 * spelling and capitals: the family name is as many trailing words as the normalised
 * split found ("Maria de la Cruz" -> "Maria" + "de la Cruz"); "Family, Given" is
 * understood. */
static void split_raw(const char *name, char *given, size_t gn, char *family, size_t fn)
{
    const char *comma = strchr(name, ',');
    if (comma) {
        vg_str f = vg_str_trim((vg_str){name, (size_t)(comma - name)}), g = vg_str_trim(vg_str_c(comma + 1));
        vg_str_copy(f, family, fn);
        vg_str_copy(g, given, gn);
        return;
    }
    char ng[VG_NAME_MAX], nf[VG_NAME_MAX];
    vg_norm_split_name(name, strlen(name), ng, nf);
    int words = 0;
    for (const char *s = nf; *s; s++)
        words += (s == nf || s[-1] == ' ') && *s != ' ';
    vg_str all = vg_str_trim(vg_str_c(name));
    size_t cut = all.n;
    for (int w = 0; w < words && cut > 0; w++) {
        while (cut > 0 && all.p[cut - 1] == ' ')
            cut--;
        while (cut > 0 && all.p[cut - 1] != ' ')
            cut--;
    }
    vg_str_copy(vg_str_trim(vg_str_sub(all, 0, cut)), given, gn);
    vg_str_copy(vg_str_trim(vg_str_sub(all, cut, all.n - cut)), family, fn);
}

/* Finds or makes the location of an address (or a place by position). */
static vg_err resolve_location(vg_service *svc, vg_contact_state *c, const char *address, const char *postcode,
                               bool has_coords, double lat, double lon, vg_id *id, bool *created, vg_error *err)
{
    *id = 0;
    *created = false;
    char text[400];
    snprintf(text, sizeof text, "%s %s", address ? address : "", postcode ? postcode : "");
    vg_norm_address a;
    vg_norm_address_text(text, strlen(text), &a);
    char key[200];
    vg_match_address_key(&a, key, sizeof key);
    int64_t found = vg_match_places_find(c->places, key);
    if (found) {
        *id = found;
        return VG_OK;
    }
    if (!key[0] && has_coords && (*id = vg_match_places_near(c->places, lat, lon)))
        return VG_OK;
    if (!key[0] && !has_coords && !a.street[0] && !a.postcode[0])
        return VG_OK; /* nothing to place it by */
    vg_location l;
    vg_location_init(&l);
    l.kind = key[0] ? VG_LOC_ADDRESS : has_coords ? VG_LOC_POINT : VG_LOC_STREET;
    l.flat = a.flat[0] ? a.flat : NULL;
    l.number = a.number[0] ? a.number : NULL;
    l.building = a.building[0] ? a.building : NULL;
    l.street = a.street[0] ? a.street : NULL;
    l.postcode = a.postcode[0] ? a.postcode : NULL;
    l.has_wgs84 = has_coords;
    l.lat = lat;
    l.lon = lon;
    /* a new address in a known postcode belongs to the postcode's neighbourhood (so the
     * daily review counts it), and without a position of its own is placed at the centre
     * of the postcode's addresses, marked as such (the map and its page say so) */
    vg_err e = l.postcode ? vg_store_postcode_areas(svc->store, l.postcode, &l.neighbourhood_id, &l.la_id, err) : VG_OK;
    if (!e && l.postcode && !has_coords) {
        /* no grid place is given: the analyses of where crime is (hotspots, near-repeat) and
         * the naming of hotspots by street do not count a postcode's centre */
        int64_t n = 0;
        e = vg_store_postcode_centre(svc->store, l.postcode, &l.lat, &l.lon, &n, err);
        if (!e && n > 0)
            l.has_wgs84 = l.at_postcode_centre = true;
    }
    e = e ? e : vg_store_location_put(svc->store, &l, err);
    if (e)
        return e;
    *id = l.id;
    *created = true;
    if (key[0])
        e = vg_match_places_add_address(c->places, key, l.id);
    else if (has_coords)
        e = vg_match_places_add_point(c->places, l.id, lat, lon);
    return e ? vg_error_set(err, e, "location", "out of memory") : VG_OK;
}

vg_err vg_contact_home_place(vg_service *svc, const char *address, const char *postcode, vg_id *loc, vg_error *err)
{
    *loc = 0;
    vg_contact_state *c;
    vg_err e = contact_state(svc, &c, err);
    bool created;
    return e ? e : resolve_location(svc, c, address, postcode, false, 0, 0, loc, &created, err);
}

/* Resolves one person of an incident: the matched record, or a new one. Writes what
 * the call adds to a matched record (another spelling, a new phone, markers). */
/* The call handler's choice of person record: the candidate of that record or of its
 * person moved to the front (or one made for it if the search did not find it), so the
 * call is attached to that record whatever its match weight. VG_ERR_INVALID_INPUT if the
 * record is not one the actor may see (not told apart from one that does not exist). */
static vg_err apply_choice(const vg_contact_state *c, const vg_actor *a, const vg_person_draft *d, vg_candidate *cand,
                           size_t *nc, size_t max, vg_error *err)
{
    char g[VG_NAME_MAX], f[VG_NAME_MAX];
    vg_date dob;
    if (!vg_history_name(c->hist, d->chosen, g, sizeof g, f, sizeof f, &dob) || !vg_history_visible(c->hist, d->chosen, a))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "person_id", "%lld is not a person record you can choose",
                            (long long)d->chosen);
    vg_id person = vg_match_persons_of(c->persons, d->chosen);
    size_t k = 0;
    while (k < *nc && cand[k].person_id != d->chosen && cand[k].resolved_id != person)
        k++;
    vg_candidate chosen;
    if (k < *nc)
        chosen = cand[k];
    else { /* not among those found: chosen on the handler's word, its comparison unknown */
        memset(&chosen, 0, sizeof chosen);
        for (int i = 0; i < VG_MF_COUNT; i++)
            chosen.level[i] = VG_LEVEL_MISSING;
        chosen.band = VG_BAND_POSSIBLE;
        chosen.resolved_id = person;
        chosen.n_records = (int)vg_match_persons_records(c->persons, person, NULL, 0);
        if (*nc < max)
            (*nc)++;
        k = *nc - 1;
    }
    chosen.person_id = d->chosen;
    memmove(&cand[1], &cand[0], k * sizeof *cand);
    cand[0] = chosen;
    return VG_OK;
}

static vg_err resolve_person(vg_service *svc, vg_contact_state *c, const vg_actor *a, const vg_incident_draft *inc,
                             const vg_person_draft *d, vg_person_briefing *b, vg_audit_recs *seen, vg_error *err)
{
    vg_match_person q;
    prepare_draft(d, &q);
    enum { CANDS = 8 };
    vg_candidate cand[CANDS];
    size_t nc = search(c, a, &q, cand, CANDS);
    b->role = d->role;
    b->choice = d->chosen ? VG_CHOICE_CHOSEN : d->none_of_these ? VG_CHOICE_NONE_OF_THESE : VG_CHOICE_AUTOMATIC;
    if (d->chosen) {
        vg_err ce = apply_choice(c, a, d, cand, &nc, CANDS, err);
        if (ce)
            return ce;
    }
    vg_marker markers[VG_DRAFT_MAX_MARKERS];
    for (size_t k = 0; k < d->n_markers; k++) {
        const vg_marker_code *mc = vg_marker_code_find(d->markers[k]);
        markers[k] = (vg_marker){mc ? mc->kind : VG_MARKER_WARNING, d->markers[k], (char *)"disclosed at first contact",
                                 vg_time_date(inc->received), VG_DATE_NONE};
    }
    char given[200] = "", family[200] = "";
    if (d->name)
        split_raw(d->name, given, sizeof given, family, sizeof family);
    else {
        snprintf(given, sizeof given, "%s", d->given ? d->given : "");
        snprintf(family, sizeof family, "%s", d->family ? d->family : "");
    }
    vg_contact phone = {VG_CONTACT_PHONE, d->phone};
    vg_alias alias = {family, given, d->dob};
    vg_person rec;
    vg_person_init(&rec);
    vg_err e = VG_OK;
    bool matched = d->chosen || (!d->none_of_these && nc && cand[0].probability >= c->cfg.match_threshold);
    if (nc) {
        b->match = cand[0];
        b->has_match = true;
        b->match_probability = cand[0].probability;
    }
    if (matched) {
        b->person_id = cand[0].person_id;
        e = candidate_names(svc, &b->match, &rec, err);
        /* what this call adds to the record: another spelling, a new number, markers */
        vg_person add;
        vg_person_init(&add);
        bool names_differ = cand[0].level[VG_MF_FAMILY] > 0 || cand[0].level[VG_MF_GIVEN] > 0;
        if (names_differ && (given[0] || family[0])) {
            add.aliases = &alias;
            add.n_aliases = 1;
        }
        if (d->phone && cand[0].level[VG_MF_PHONE] != 0) {
            add.contacts = &phone;
            add.n_contacts = 1;
        }
        add.markers = markers;
        add.n_markers = d->n_markers;
        if (!e && (add.n_aliases || add.n_contacts || add.n_markers))
            e = vg_store_person_extend(svc->store, b->person_id, &add, err);
        bool new_features = names_differ || cand[0].level[VG_MF_PHONE] > 0 || cand[0].level[VG_MF_ADDRESS] > 0 ||
                            (cand[0].level[VG_MF_DOB] > 0);
        if (!e && new_features) /* findable by this description too */
            e = vg_match_index_add(c->ix, b->person_id, &q);
    } else {
        b->new_person = true;
        if (nc) { /* the best candidate's names, to show why it was not taken */
            vg_person best;
            e = candidate_names(svc, &b->match, &best, err);
            if (!e)
                vg_person_clear(&best);
        }
        rec.family_name = family;
        rec.given_names = given;
        rec.dob = d->dob;
        rec.gender = d->gender;
        rec.created_at = inc->received;
        if (d->phone) {
            rec.contacts = &phone;
            rec.n_contacts = 1;
        }
        rec.markers = markers;
        rec.n_markers = d->n_markers;
        if (!e)
            e = vg_store_person_put(svc->store, &rec, err);
        b->person_id = rec.id;
        if (!e)
            e = vg_match_index_add(c->ix, rec.id, &q);
        rec.family_name = rec.given_names = NULL; /* borrowed */
        rec.contacts = NULL;
        rec.n_contacts = 0;
    }
    if (!e && (d->address || d->postcode)) { /* home address */
        vg_id loc;
        bool created;
        e = resolve_location(svc, c, d->address, d->postcode, false, 0, 0, &loc, &created, err);
        if (!e && loc && (b->new_person || cand[0].level[VG_MF_ADDRESS] != 0))
            e = vg_store_person_link_location(svc->store, b->person_id, loc, VG_PLACE_HOME, vg_time_date(inc->received),
                                              VG_DATE_NONE, err);
    }
    vg_id one = b->person_id, *ids = &one;
    size_t n_ids = 1;
    if (!e && !b->new_person && (e = matched_ids(c, a, cand, d->chosen ? 1 : nc, d->chosen != 0, &ids, &n_ids)))
        vg_error_set(err, e, "person", "out of memory");
    for (size_t i = 0; !e && i < n_ids; i++) /* every record the briefing draws on, for its audit entry */
        if (!vg_audit_recs_add(seen, "person", ids[i]))
            e = vg_error_set(err, VG_ERR_NOMEM, "person", "out of memory");
    /* the flags as a lookup computes them, from the records as this call left them
     * (read back inside the transaction: earlier incidents of the same call count) */
    if (!e)
        e = vg_history_reload(c->hist, svc->store, ids, n_ids, err);
    if (!e && (e = vg_history_flags(c->hist, &c->cfg, ids, n_ids, inc->received, inc->category, d->role,
                                    rec.dob != VG_DATE_NONE ? rec.dob : d->dob, &b->flags)))
        vg_error_set(err, e, "person", "out of memory");
    if (!e)
        person_names(c, ids, n_ids, b);
    if (ids != &one)
        vg_free(ids);
    if (b->new_person) { /* the markers were borrowed */
        rec.markers = NULL;
        rec.n_markers = 0;
    }
    vg_person_clear(&rec);
    return e;
}

static vg_err reference(vg_service *svc, vg_record_kind kind, vg_time when, char *out, size_t n, vg_error *err)
{
    char prefix[32], pre[16];
    vg_error ignore;
    if (vg_service_config_text(svc, "reference.prefix", pre, sizeof pre, &ignore))
        snprintf(pre, sizeof pre, "VG");
    char d[VG_DATE_LEN];
    vg_date_format(vg_time_date(when), d);
    snprintf(prefix, sizeof prefix, "%s-%s%.4s%.2s%.2s-", pre, kind == VG_REC_CRIME ? "C" : "", d, d + 5, d + 8);
    return vg_store_reference_next(svc->store, kind, prefix, out, n, err);
}

static vg_err record_crime(vg_service *svc, const vg_incident_draft *d, vg_briefing *b, const vg_party *parties,
                           size_t np, vg_error *err);

static vg_err record_one(vg_service *svc, vg_contact_state *c, const vg_actor *a, const vg_incident_draft *d,
                         vg_briefing *b, vg_audit_recs *seen, vg_error *err)
{
    memset(b, 0, sizeof *b);
    b->received = d->received;
    b->category = d->category;
    vg_err e = VG_OK;
    if (d->has_location) {
        b->has_location = true;
        e = resolve_location(svc, c, d->location.address, d->location.postcode, d->location.has_coords, d->location.lat,
                             d->location.lon, &b->location_id, &b->new_location, err);
        int64_t prior = 0;
        if (!e && b->location_id && !b->new_location)
            e = vg_store_location_incident_count(svc->store, &b->location_id, 1,
                                                 vg_briefing_window_start(&c->cfg, d->received), d->received, &prior, err);
        if (!e)
            vg_briefing_location(&c->cfg, prior, &b->location);
    }
    vg_party parties[VG_DRAFT_MAX_PEOPLE];
    size_t np = 0;
    size_t first_seen = seen->n; /* the records this incident's briefing draws on start here */
    for (size_t i = 0; !e && i < d->n_people; i++) {
        e = resolve_person(svc, c, a, d, &d->people[i], &b->people[i], seen, err);
        b->n_people = i + 1;
        bool dup = false; /* the same person twice in the same role */
        for (size_t k = 0; !e && k < np && !dup; k++)
            dup = parties[k].person_id == b->people[i].person_id && parties[k].role == d->people[i].role;
        if (!e && !dup)
            parties[np++] = (vg_party){b->people[i].person_id, d->people[i].role};
    }
    char ref[48];
    if (!e)
        e = reference(svc, VG_REC_INCIDENT, d->received, ref, sizeof ref, err);
    if (e)
        return e;
    vg_incident inc;
    vg_incident_init(&inc);
    inc.reference = ref;
    inc.received_at = d->received;
    inc.channel = d->channel;
    inc.thrive = d->thrive;
    inc.category = d->category;
    inc.narrative = d->description;
    inc.location_id = b->location_id;
    inc.parties = parties;
    inc.n_parties = np;
    e = vg_store_incident_put(svc->store, &inc, err);
    b->incident_id = inc.id;
    if (!e && d->category == VG_CAT_CRIME && d->offence_code[0])
        e = record_crime(svc, d, b, parties, np, err);
    vg_id ids[VG_DRAFT_MAX_PEOPLE];
    for (size_t i = 0; i < b->n_people; i++)
        ids[i] = b->people[i].person_id;
    if (!e) /* what lookups show of the people now has this incident */
        e = vg_history_reload(c->hist, svc->store, ids, b->n_people, err);
    if (e)
        return e;
    /* the briefing, kept with the incident as it was made */
    json_t *j = vg_briefing_to_json(b);
    json_t *drew = json_array(); /* every record it drew on, for the audit of each later showing */
    for (size_t i = first_seen; drew && i < seen->n; i++)
        if (strcmp(seen->v[i].kind, "person") == 0 && json_array_append_new(drew, json_integer(seen->v[i].id))) {
            json_decref(drew);
            drew = NULL;
        }
    if (j && (!drew || json_object_set_new(j, "drew_on", drew))) {
        json_decref(j);
        j = NULL;
    }
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(j);
    if (!text)
        return vg_error_set(err, VG_ERR_NOMEM, "briefing", "out of memory");
    e = vg_store_briefing_put(svc->store, b->incident_id, d->received, text, err);
    free(text);
    return e;
}

/* A crime recorded from the call; the caller is not a party to the crime as such. */
static vg_err record_crime(vg_service *svc, const vg_incident_draft *d, vg_briefing *b, const vg_party *parties,
                           size_t np, vg_error *err)
{
    vg_err e;
    vg_party cparties[VG_DRAFT_MAX_PEOPLE];
    size_t ncp = 0;
    for (size_t i = 0; i < np; i++)
        if (parties[i].role != VG_ROLE_CALLER)
            cparties[ncp++] = parties[i];
    char cref[48];
    if ((e = reference(svc, VG_REC_CRIME, d->received, cref, sizeof cref, err)))
        return e;
    vg_crime cr;
    vg_crime_init(&cr);
    cr.reference = cref;
    cr.incident_id = b->incident_id;
    snprintf(cr.offence_code, sizeof cr.offence_code, "%s", d->offence_code);
    cr.recorded_at = d->received;
    cr.status = VG_CRIME_RECORDED;
    cr.location_id = b->location_id;
    cr.parties = cparties;
    cr.n_parties = ncp;
    vg_crime_deadlines(&cr);
    e = vg_store_crime_put(svc->store, &cr, err);
    b->crime_id = cr.id;
    return e;
}

/* The collection (and, where people were matched to earlier records, combination) of
 * one incident, in the audit log. */
/* The collection names the incident's own records; the combination also every record the
 * people's briefings drew on (seen: the records of the persons they were matched to). */
static vg_err audit_incident(vg_service *svc, const vg_actor *a, const vg_briefing *b, const vg_audit_recs *seen,
                             vg_error *err)
{
    char what[VG_DRAFT_MAX_PEOPLE * 32 + 96]; /* room for every record an incident can have */
    size_t k = (size_t)snprintf(what, sizeof what, "incident:%lld", (long long)b->incident_id);
    if (b->crime_id)
        k += (size_t)snprintf(what + k, sizeof what - k, " crime:%lld", (long long)b->crime_id);
    if (b->location_id)
        k += (size_t)snprintf(what + k, sizeof what - k, " location:%lld", (long long)b->location_id);
    size_t matched = 0;
    for (size_t i = 0; i < b->n_people; i++) {
        k += (size_t)snprintf(what + k, sizeof what - k, " person:%lld", (long long)b->people[i].person_id);
        matched += !b->people[i].new_person;
    }
    vg_err e = vg_audit_write(svc, a, VG_AUDIT_COLLECT, what, NULL, "first contact: record an incident", err);
    if (e || !matched)
        return e;
    vg_audit_recs all = {0};
    bool ok = vg_audit_recs_add(&all, "incident", b->incident_id) &&
              (!b->crime_id || vg_audit_recs_add(&all, "crime", b->crime_id)) &&
              (!b->location_id || vg_audit_recs_add(&all, "location", b->location_id));
    for (size_t i = 0; ok && i < b->n_people; i++)
        ok = vg_audit_recs_add_once(&all, "person", b->people[i].person_id);
    for (size_t i = 0; ok && i < seen->n; i++)
        ok = vg_audit_recs_add_once(&all, seen->v[i].kind, seen->v[i].id);
    e = ok ? vg_audit_write_recs(svc, a, VG_AUDIT_COMBINE, what, &all, NULL, "first contact: match callers to earlier records",
                                 err)
           : vg_error_set(err, VG_ERR_NOMEM, "audit", "out of memory");
    vg_audit_recs_free(&all);
    return e;
}

static vg_err catch_up(vg_service *svc, vg_contact_state *c, vg_error *err);

/* A date of birth a living person could have (from input.dob_earliest_year to today):
 * year 1 or 2999 is a typing error, refused with the field named. */
static vg_err check_dob(vg_service *svc, vg_date dob, const char *field, vg_error *err)
{
    if (dob == VG_DATE_NONE)
        return VG_OK;
    int first = (int)vg_service_config_number(svc, "input.dob_earliest_year");
    vg_date lo, today = vg_time_date(vg_time_now());
    if (!vg_date_from_ymd(first, 1, 1, &lo))
        lo = 0;
    if (dob >= lo && dob <= today)
        return VG_OK;
    char d[VG_DATE_LEN];
    vg_date_format(dob, d);
    return vg_error_set(err, VG_ERR_INVALID_INPUT, field, "%s is not a plausible date of birth (from %d-01-01 to today)",
                        d, first);
}

/* Every draft's time received (from input.received_earliest_year to a few minutes from
 * now, for clocks that run fast) and dates of birth; where names the field as the
 * incident JSON does ("[1].people[0].dob" when there are several). */
static vg_err check_drafts(vg_service *svc, const vg_incident_draft *d, size_t n, vg_error *err)
{
    int first = (int)vg_service_config_number(svc, "input.received_earliest_year");
    vg_time now = vg_time_now(), hi = now + 60 * (vg_time)vg_service_config_number(svc, "input.received_future_minutes");
    vg_date lo_day;
    vg_time lo = vg_date_from_ymd(first, 1, 1, &lo_day) ? vg_date_time(lo_day) : 0;
    for (size_t i = 0; i < n; i++) {
        char at[24] = "", field[80];
        if (n > 1)
            snprintf(at, sizeof at, "[%zu].", i);
        if (d[i].received < lo || d[i].received > hi) {
            char t[VG_TIME_LEN];
            vg_time_format(d[i].received, t);
            snprintf(field, sizeof field, "%sreceived", at);
            return vg_error_set(err, VG_ERR_INVALID_INPUT, field,
                                "%s is not a plausible time for a call (from %d-01-01 to now)", t, first);
        }
        for (size_t k = 0; k < d[i].n_people; k++) {
            snprintf(field, sizeof field, "%speople[%zu].dob", at, k);
            vg_err e = check_dob(svc, d[i].people[k].dob, field, err);
            if (e)
                return e;
        }
    }
    return VG_OK;
}

vg_err vg_service_record_incidents(vg_service *svc, const vg_actor *a, const vg_incident_draft *drafts, size_t n,
                                   vg_briefing *out, vg_error *err)
{
    vg_err e = vg_access_require(svc, a, VG_PERM_INCIDENT_CREATE, "incident", err);
    if (e || (e = check_drafts(svc, drafts, n, err)))
        return e;
    vg_contact_state *c;
    pthread_rwlock_wrlock(&svc->contact_lock); /* lookups wait while the indexes change */
    if ((e = contact_state(svc, &c, err)) || (e = vg_store_begin(svc->store, err))) {
        pthread_rwlock_unlock(&svc->contact_lock);
        return e;
    }
    /* with the write lock held: first what others wrote before it, so that this call's own
     * changes (the indexes learn them as they are made) can be marked seen at the end */
    vg_error cerr;
    if (catch_up(svc, c, &cerr)) {
        vg_log_warn("first contact: %s; the indexes will be rebuilt", cerr.why);
        vg_store_rollback(svc->store);
        contact_invalidate(svc);
        if ((e = contact_state(svc, &c, err)) || (e = vg_store_begin(svc->store, err))) {
            pthread_rwlock_unlock(&svc->contact_lock);
            return e;
        }
    }
    for (size_t i = 0; i < n && !e; i++) {
        vg_audit_recs seen = {0};
        e = record_one(svc, c, a, &drafts[i], &out[i], &seen, err);
        if (!e)
            e = audit_incident(svc, a, &out[i], &seen, err);
        vg_audit_recs_free(&seen);
    }
    if (!e)
        e = vg_store_change_head(svc->store, &c->change_seen, err);
    if (!e)
        e = vg_store_commit(svc->store, err);
    if (e) {
        vg_store_rollback(svc->store);
        contact_invalidate(svc); /* the indexes may hold what was rolled back */
    }
    pthread_rwlock_unlock(&svc->contact_lock);
    return e;
}

vg_err vg_service_warm_up(vg_service *svc, const vg_actor *a, size_t *records, vg_error *err)
{
    *records = 0;
    vg_err e = vg_access_require(svc, a, VG_PERM_STORE, "first-contact indexes", err);
    if (e)
        return e;
    vg_contact_state *c;
    pthread_rwlock_wrlock(&svc->contact_lock);
    e = contact_state(svc, &c, err);
    *records = e ? 0 : vg_match_index_records(c->ix);
    pthread_rwlock_unlock(&svc->contact_lock);
    char what[96];
    snprintf(what, sizeof what, "first-contact indexes built from %zu person records (none disclosed)", *records);
    return e ? e : vg_audit_commit(svc, a, VG_AUDIT_ADMIN, what, NULL, "start-up", err);
}

/* ---- training */

static vg_err match_train(vg_service *svc, vg_match_train_report *rep, vg_error *err);

vg_err vg_service_match_train(vg_service *svc, const vg_actor *a, vg_match_train_report *rep, vg_error *err)
{
    memset(rep, 0, sizeof *rep);
    vg_err e = vg_access_require(svc, a, VG_PERM_SETTINGS, "match model", err);
    if (e)
        return e;
    pthread_rwlock_wrlock(&svc->contact_lock);
    e = match_train(svc, rep, err);
    pthread_rwlock_unlock(&svc->contact_lock);
    char what[128];
    snprintf(what, sizeof what, "setting match.model: trained on %zu person records (none disclosed)", rep->records);
    return e ? e : vg_audit_commit(svc, a, VG_AUDIT_ADMIN, what, NULL, "match train", err);
}

static vg_err match_train(vg_service *svc, vg_match_train_report *rep, vg_error *err)
{
    vg_contact_state *c;
    vg_err e = contact_state(svc, &c, err);
    if (e)
        return e;
    rep->records = vg_match_index_records(c->ix);
    if (rep->records < 1000)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "match train",
                            "%zu person records are too few to estimate the model from (at least 1,000)", rep->records);
    vg_match_model m;
    vg_match_model_default(&m);
    vg_match_training tr;
    if ((e = vg_match_train(c->ix, &m, VG_TRAIN_PAIRS, &tr)))
        return vg_error_set(err, e, "match train", "out of memory");
    json_t *j = vg_match_model_to_json(&m);
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    if (!text)
        return vg_error_set(err, VG_ERR_NOMEM, "match train", "out of memory");
    e = vg_store_setting_put(svc->store, "match.model", text, err);
    free(text);
    if (e)
        return e;
    c->model = m;
    rep->random_pairs = tr.random_pairs;
    rep->candidate_pairs = tr.candidate_pairs;
    rep->seconds = tr.seconds;
    rep->model = m;
    return VG_OK;
}

vg_err vg_service_incident_briefing(vg_service *svc, const vg_actor *a, vg_id incident, char **json, vg_error *err)
{
    *json = NULL;
    char what[48];
    vg_err e = vg_access_read(svc, a, VG_PERM_INCIDENT_READ, "incident", incident, what, sizeof what, err);
    if (e)
        return e;
    vg_audit_recs recs = {0}; /* the incident and every record its briefing drew on */
    vg_audit_recs_add(&recs, "incident", incident);
    json_t *b = vg_briefing_shown(svc, a, incident, &recs); /* what the reader may see of it */
    if (!b) {
        vg_audit_recs_free(&recs);
        return vg_error_set(err, VG_ERR_NOT_FOUND, "incident", "no briefing for incident %lld", (long long)incident);
    }
    char *shown = json_dumps(b, JSON_COMPACT);
    json_decref(b);
    *json = shown ? vg_strdup(shown) : NULL;
    free(shown);
    if (!*json) {
        vg_audit_recs_free(&recs);
        return vg_error_set(err, VG_ERR_NOMEM, "briefing", "out of memory");
    }
    if ((e = vg_audit_commit_recs(svc, a, VG_AUDIT_CONSULT, what, &recs, NULL, "first contact: read a briefing", err))) {
        vg_free(*json);
        *json = NULL;
    }
    vg_audit_recs_free(&recs);
    return e;
}

void vg_contact_restrictions_changed(vg_service *svc)
{
    pthread_rwlock_wrlock(&svc->contact_lock);
    vg_error err;
    if (svc->contact && vg_history_restrictions(svc->contact->hist, svc->store, &err)) {
        vg_log_warn("first contact: the indexes will be rebuilt (%s)", err.why);
        contact_invalidate(svc);
    }
    pthread_rwlock_unlock(&svc->contact_lock);
}

/* ---- catching up with other processes' writes */

/* More changes than this at once (a bulk load): rebuilding is quicker than applying them. */
#define CATCH_UP_MAX 20000

typedef struct change_set {
    vg_contact_state *c;
    vg_store *st;
    bool gap;        /* the first change after change_seen is not the next seq: some were pruned unseen */
    vg_id *person;   /* persons whose records, history or markers changed */
    size_t n_person, cap_person;
    bool restrictions, rebuild, persons;
    int64_t last;
    size_t seen;
    vg_error *err;
} change_set;

static vg_err note_person(change_set *s, vg_id id)
{
    if (vg_grow((void **)&s->person, &s->cap_person, s->n_person, sizeof *s->person, 64))
        return VG_ERR_NOMEM;
    s->person[s->n_person++] = id;
    return VG_OK;
}

/* The parties of an incident or crime whose details changed: their histories. */
static vg_err note_parties(change_set *s, bool crime, vg_id id)
{
    vg_err e;
    if (crime) {
        vg_crime c;
        vg_crime_init(&c);
        e = vg_store_crime_get(s->st, id, &c, s->err);
        for (size_t i = 0; !e && i < c.n_parties; i++)
            e = note_person(s, c.parties[i].person_id);
        vg_crime_clear(&c);
    } else {
        vg_incident inc;
        vg_incident_init(&inc);
        e = vg_store_incident_get(s->st, id, &inc, s->err);
        for (size_t i = 0; !e && i < inc.n_parties; i++)
            e = note_person(s, inc.parties[i].person_id);
        vg_incident_clear(&inc);
    }
    return e == VG_ERR_NOT_FOUND ? VG_OK : e;
}

static vg_err change_noted(void *ctx, int64_t seq, const char *kind, vg_id id)
{
    change_set *s = ctx;
    if (!s->seen && seq != s->last + 1)
        s->gap = true; /* seqs are never reused or skipped: missing ones were pruned */
    s->last = seq;
    s->seen++;
    if (!strcmp(kind, "person"))
        return note_person(s, id);
    if (!strcmp(kind, "incident") || !strcmp(kind, "crime"))
        return note_parties(s, kind[0] == 'c', id);
    if (!strcmp(kind, "location")) {
        vg_location l;
        vg_location_init(&l);
        vg_err e = vg_store_location_get(s->st, id, &l, s->err);
        if (!e)
            e = location_seen(s->c, &l);
        vg_location_clear(&l);
        return e == VG_ERR_NOT_FOUND ? VG_OK : e;
    }
    if (!strcmp(kind, "restriction"))
        s->restrictions = true;
    else if (!strcmp(kind, "persons")) /* records resolved into persons anew */
        s->persons = true;
    else /* a deletion, a setting first contact depends on, or a kind this version does not know */
        s->rebuild = true;
    return VG_OK;
}

static int id_order(const void *a, const void *b)
{
    vg_id x = *(const vg_id *)a, y = *(const vg_id *)b;
    return x < y ? -1 : x > y;
}

/* Brings c up to date with the store's changes after c->change_seen, whoever wrote them,
 * reading through the main connection (with the service lock and the indexes' write
 * lock): a changed person's records join the index again (with any new name, phone or
 * address; the old postings stay, which can only find the same person) and their
 * history and markers are read again; new places join the place index; restrictions
 * are read again. VG_ERR_CONFLICT when a rebuild is needed instead. */
static vg_err catch_up(vg_service *svc, vg_contact_state *c, vg_error *err)
{
    change_set s = {.c = c, .st = svc->store, .last = c->change_seen, .err = err};
    vg_err e = vg_store_changes_since(svc->store, c->change_seen, CATCH_UP_MAX + 1, change_noted, &s, err);
    if (!e && (s.rebuild || s.gap || s.seen > CATCH_UP_MAX))
        e = vg_error_set(err, VG_ERR_CONFLICT, "first contact", "%s",
                         s.rebuild ? "a deletion or a change of settings"
                         : s.gap   ? "changes were pruned before they were read"
                                   : "more changes than are worth applying");
    if (!e && s.n_person) {
        qsort(s.person, s.n_person, sizeof *s.person, id_order);
        size_t u = 0;
        for (size_t i = 0; i < s.n_person; i++)
            if (!u || s.person[u - 1] != s.person[i])
                s.person[u++] = s.person[i];
        s.n_person = u;
        for (size_t i = 0; i < s.n_person && !e; i++)
            e = vg_store_person_briefs(svc->store, s.person[i], person_seen, c, err);
        if (!e)
            e = vg_history_reload(c->hist, svc->store, s.person, s.n_person, err);
    }
    if (!e && s.restrictions)
        e = vg_history_restrictions(c->hist, svc->store, err);
    if (!e && s.persons)
        e = vg_contact_persons_reload(svc, err);
    if (!e)
        c->change_seen = s.last;
    vg_free(s.person);
    if (e == VG_ERR_NOMEM)
        vg_error_set(err, e, "first contact", "out of memory");
    return e;
}

/* Changes applied this many seqs ago are pruned (by the server only: a command line
 * process must leave them for the server to read). */
#define PRUNE_EVERY 1000

void vg_contact_watch(vg_service *svc)
{
    int64_t v;
    vg_error err;
    vg_contact_state *c = svc->contact;
    if (c && svc->audit_q && c->change_seen - c->pruned >= PRUNE_EVERY) {
        if (vg_store_changes_prune(svc->store, c->change_seen, &err))
            vg_log_warn("first contact: applied changes could not be pruned: %s", err.why);
        else
            c->pruned = c->change_seen;
    }
    if (!svc->contact || vg_store_data_version(svc->store, &v, &err) || v == svc->data_version)
        return;
    pthread_rwlock_wrlock(&svc->contact_lock); /* lookups wait while the indexes change */
    svc->data_version = v;
    double t0 = seconds();
    int64_t from = svc->contact->change_seen;
    if (catch_up(svc, svc->contact, &err)) {
        vg_log_warn("first contact: the database was changed by another process (%s); the indexes will be rebuilt",
                    err.why);
        contact_invalidate(svc);
    } else if (svc->contact->change_seen != from) {
        vg_log_info("first contact: caught up with %lld changes by another process in %.1f ms",
                    (long long)(svc->contact->change_seen - from), (seconds() - t0) * 1e3);
    }
    pthread_rwlock_unlock(&svc->contact_lock);
}
