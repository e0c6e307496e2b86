/* import_persons.c - a force's old nominal records brought into Vigil (vigil import
 * persons): read through a column map, written as person records in one transaction
 * with their old ids, then resolved into persons with every other record. */
#include "service/service_int.h"
#include "base/alloc.h"
#include "base/file.h"
#include "base/map.h"
#include "io/persons_csv.h"
#include "match/normalise.h"

#include <stdio.h>
#include <string.h>

typedef struct persons_run {
    vg_service *svc;
    const char *path;
    vg_date dob_earliest, today;
    vg_persons_import *sum;
    vg_strmap *seen; /* source id -> line, in this file */
    vg_audit_recs recs;
    vg_error *err;
} persons_run;

static vg_err bad(persons_run *r, uint64_t line, const char *field, const char *why)
{
    char where[600];
    snprintf(where, sizeof where, "%s:%llu", r->path, (unsigned long long)line);
    return vg_error_set(r->err, VG_ERR_INVALID_INPUT, where, "%s: %s", field, why);
}

/* One row: checked, then written as a person record with its old id and home. */
static vg_err person_row(persons_run *r, const vg_person_map *m, const vg_csv_row *row)
{
    vg_person_row p;
    char field[32], why[300];
    if (!vg_person_row_parse(m, row, &p, field, sizeof field, why, sizeof why))
        return bad(r, row->line, field, why);
    char norm[20];
    if (p.dob != VG_DATE_NONE && (p.dob < r->dob_earliest || p.dob > r->today)) {
        char d[VG_DATE_LEN], lo[VG_DATE_LEN];
        vg_date_format(p.dob, d);
        vg_date_format(r->dob_earliest, lo);
        snprintf(why, sizeof why, "%s is not a plausible date of birth (from %s to today)", d, lo);
        return bad(r, row->line, "dob", why);
    }
    if (p.phone[0] && !vg_norm_phone(p.phone, strlen(p.phone), norm))
        return bad(r, row->line, "phone", "not a telephone number");
    if (p.postcode[0] && !vg_norm_postcode(p.postcode, strlen(p.postcode), norm))
        return bad(r, row->line, "postcode", "not a UK postcode");
    vg_id held;
    int64_t line;
    size_t sl = strlen(p.source_id);
    if (vg_strmap_get(r->seen, p.source_id, sl, &line)) {
        snprintf(why, sizeof why, "%s is in this file twice (line %lld too)", p.source_id, (long long)line);
        return bad(r, row->line, "source_id", why);
    }
    if (vg_strmap_put(r->seen, p.source_id, sl, (int64_t)row->line))
        return vg_error_set(r->err, VG_ERR_NOMEM, "import", "out of memory");
    vg_err e = vg_store_person_source_find(r->svc->store, p.source_id, &held, r->err);
    if (e)
        return e;
    if (held) {
        snprintf(why, sizeof why, "%s was imported before (person record %lld)", p.source_id, (long long)held);
        return bad(r, row->line, "source_id", why);
    }
    vg_person rec;
    vg_person_init(&rec);
    rec.given_names = p.given;
    rec.family_name = p.family;
    rec.dob = p.dob;
    rec.created_at = vg_time_now();
    vg_contact phone = {VG_CONTACT_PHONE, p.phone};
    if (p.phone[0]) {
        rec.contacts = &phone;
        rec.n_contacts = 1;
    }
    e = vg_store_person_put(r->svc->store, &rec, r->err);
    if (!e)
        e = vg_store_person_source_put(r->svc->store, rec.id, p.source_id, r->err);
    vg_id loc = 0;
    if (!e && (p.address[0] || p.postcode[0]))
        e = vg_contact_home_place(r->svc, p.address, p.postcode, &loc, r->err);
    if (!e && loc)
        e = vg_store_person_link_location(r->svc->store, rec.id, loc, VG_PLACE_HOME, VG_DATE_NONE, VG_DATE_NONE, r->err);
    if (!e && !vg_audit_recs_add(&r->recs, "person", rec.id))
        e = vg_error_set(r->err, VG_ERR_NOMEM, "import", "out of memory");
    r->sum->rows += !e;
    r->sum->with_dob += !e && p.dob != VG_DATE_NONE;
    r->sum->with_phone += !e && p.phone[0];
    r->sum->with_address += !e && loc;
    return e;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

vg_err vg_service_import_persons(vg_service *svc, const vg_actor *a, const char *path, const char *map,
                                 vg_persons_import *sum, vg_error *err)
{
    memset(sum, 0, sizeof *sum);
    /* new nominal records, then every person resolved anew: the store as a whole, the
     * operator's (as vigil match resolve), not an analyst's open-data import */
    vg_err e = vg_access_require(svc, a, VG_PERM_STORE, "import persons", err);
    if (e)
        return e;
    vg_mapped f;
    if ((e = vg_file_map(path, &f, err)))
        return e;
    vg_csv *csv;
    if ((e = vg_csv_open(&csv, f.data, f.len, NULL, path, 1))) {
        vg_file_unmap(&f);
        return vg_error_set(err, e, path, "out of memory");
    }
    persons_run r = {.svc = svc, .path = path, .today = vg_time_date(vg_time_now()), .sum = sum, .err = err};
    if (vg_strmap_new(&r.seen)) {
        vg_csv_free(csv);
        vg_file_unmap(&f);
        return vg_error_set(err, VG_ERR_NOMEM, "import", "out of memory");
    }
    if (!vg_date_from_ymd((int)vg_service_config_number(svc, "input.dob_earliest_year"), 1, 1, &r.dob_earliest))
        r.dob_earliest = 0;
    vg_csv_row row;
    vg_person_map m;
    char why[300];
    int rc = vg_csv_next(csv, &row, err);
    if (rc == 0)
        e = vg_error_set(err, VG_ERR_INVALID_INPUT, path, "empty file");
    else if (rc < 0)
        e = err->code;
    else if (!vg_person_map_parse(map, &row, &m, why, sizeof why)) {
        char where[600];
        snprintf(where, sizeof where, "%s:1", path);
        e = vg_error_set(err, VG_ERR_INVALID_INPUT, where, "%s", why);
    }
    /* one transaction; the first-contact indexes (places) are changed under their lock */
    vg_service_lock(svc);
    pthread_rwlock_wrlock(&svc->contact_lock);
    if (!e && !(e = vg_store_begin(svc->store, err))) {
        while (!e && (rc = vg_csv_next(csv, &row, err)) == 1)
            e = person_row(&r, &m, &row);
        if (!e && rc < 0)
            e = err->code;
        if (!e && sum->rows == 0)
            e = vg_error_set(err, VG_ERR_INVALID_INPUT, path, "no records after the header");
        char what[300];
        snprintf(what, sizeof what, "import of %zu person records (nominal records of an earlier system) from %.200s",
                 sum->rows, base_name(path));
        if (!e)
            e = vg_audit_write_recs(svc, a, VG_AUDIT_COLLECT, what, &r.recs, NULL, "import persons", err);
        if (e)
            vg_store_rollback(svc->store);
        else
            e = vg_store_commit(svc->store, err);
    }
    vg_contact_drop_locked(svc); /* the index is built again with the new records (or without a rolled-back place) */
    pthread_rwlock_unlock(&svc->contact_lock);
    vg_service_unlock(svc);
    vg_audit_recs_free(&r.recs);
    vg_strmap_free(r.seen);
    vg_csv_free(csv);
    vg_file_unmap(&f);
    if (e) {
        sum->rows = sum->with_dob = sum->with_phone = sum->with_address = 0;
        return e;
    }
    /* every record in its person, the new ones with the rest; the import stands if this
     * fails (said so, with what to run) */
    vg_error rerr;
    if (vg_persons_resolve(svc, a, &sum->resolved, &rerr))
        snprintf(sum->resolve_failed, sizeof sum->resolve_failed, "%s: %s", rerr.where, rerr.why);
    return VG_OK;
}
