/* lists.c - one page of any list a screen shows (domain/list.h), or all of it for an
 * export: who may read which list, the page from the store, places put in words, and one
 * consultation naming every record the page (or the export) disclosed. */
#include "service/service_int.h"

#include "base/buf.h"
#include "base/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* who may read each list, and the records each row discloses: the kind of record its id
 * is (NULL: not records), or the kinds of record two of its columns name */
typedef struct named {
    const char *kind, *col; /* col NULL: the row's id */
} named;
static const struct {
    vg_permission perm;
    const char *record;
    const char *why;
    named also[2];       /* a row's records named by two of its columns (0 or null: none) */
} rights[VG_LIST_KIND_COUNT] = {
    [VG_LIST_INCIDENTS] = {VG_PERM_INCIDENT_READ, "incident", "list incidents", {{NULL, NULL}, {NULL, NULL}}},
    [VG_LIST_CRIMES] = {VG_PERM_INCIDENT_READ, "crime", "list crimes", {{NULL, NULL}, {NULL, NULL}}},
    [VG_LIST_AUDIT] = {VG_PERM_AUDIT_READ, NULL, "audit: read the log", {{"person", "persons"}, {NULL, NULL}}},
    [VG_LIST_USERS] = {VG_PERM_USER_ADMIN, NULL, "administration: list users", {{NULL, NULL}, {NULL, NULL}}},
    [VG_LIST_ACTIONS] = {VG_PERM_CASE_READ, "case_action", "safety net: the agency's joint actions", {{NULL, NULL}, {NULL, NULL}}},
    [VG_LIST_REVIEWS] = {VG_PERM_CRIME_REVIEW, "crime", "supervision: the review queue", {{NULL, NULL}, {NULL, NULL}}},
    [VG_LIST_CASES] = {VG_PERM_CASE_READ, "case", "safety net: list cases", {{NULL, NULL}, {NULL, NULL}}},
    [VG_LIST_VICTIMS] = {VG_PERM_VICTIM_CARE, NULL, "victim care: open entitlements",
                         {{"crime", "crime_id"}, {"person", "person_id"}}},
    [VG_LIST_HISTORY] = {VG_PERM_PERSON_READ, NULL, "read a person's history",
                         {{"incident", "incident_id"}, {"crime", "crime_id"}}},
};

bool vg_service_list_allowed(const vg_actor *a, vg_list_kind k)
{
    return k < VG_LIST_KIND_COUNT && vg_actor_can(a, rights[k].perm);
}

typedef struct page {
    const vg_list_spec *sp;
    json_t *rows;
    vg_audit_recs recs;
    bool backwards;
} page;

/* "flat\x1fnumber\x1f...\x1flat\x1flon" as the store gives a place: the line in words */
static json_t *address(const char *parts)
{
    if (!parts)
        return json_null();
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", parts);
    char *f[9] = {0};
    int n = 0;
    for (char *p = buf, *q; n < 9 && p; p = q) {
        q = strchr(p, '\x1f');
        if (q)
            *q++ = '\0';
        f[n++] = p;
    }
    vg_location l;
    memset(&l, 0, sizeof l);
    l.flat = f[0], l.number = f[1], l.building = f[2], l.street = f[3], l.locality = f[4], l.town = f[5];
    l.postcode = f[6];
    if (f[7] && *f[7] && f[8] && *f[8]) {
        l.has_wgs84 = true;
        l.lat = strtod(f[7], NULL);
        l.lon = strtod(f[8], NULL);
    }
    char line[600];
    vg_location_line(&l, line, sizeof line);
    return json_string(line);
}

/* An audit entry's "what" with each record it names in words ("crime:12" as "crime
 * WX/000012/14"): the words the records column gives, in the order of record_keys. */
static void audit_what_words(json_t *o)
{
    const char *what = json_string_value(json_object_get(o, "what"));
    const char *keys = json_string_value(json_object_get(o, "record_keys"));
    const char *words = json_string_value(json_object_get(o, "records"));
    if (!what || !keys || !words || !strchr(what, ':'))
        return;
    vg_buf out;
    vg_buf_init(&out, 64 * 1024);
    for (const char *w = what; *w;) {
        size_t n = strcspn(w, " ");
        bool colon = n > 1 && w[n - 1] == ':'; /* "case:2: who has seen it" */
        n -= colon;
        /* the token's place among the keys, and the words at that place */
        const char *k = keys, *wd = words, *found = NULL;
        size_t found_n = 0;
        while (*k && *wd) {
            size_t kn = strcspn(k, " ");
            size_t wn = strstr(wd, "; ") ? (size_t)(strstr(wd, "; ") - wd) : strlen(wd);
            if (kn == n && !strncmp(k, w, n) && memchr(w, ':', n)) {
                found = wd;
                found_n = wn;
                break;
            }
            k += kn + (k[kn] == ' ');
            wd += wn + (wd[wn] ? 2 : 0);
        }
        if (vg_buf_printf(&out, "%.*s%s", (int)(found ? found_n : n), found ? found : w, colon ? ":" : ""))
            goto done;
        w += n + colon;
        if (*w == ' ' && vg_buf_printf(&out, " "))
            goto done;
        w += *w == ' ';
    }
    if (out.ptr)
        json_object_set_new(o, "what", json_stringn(out.ptr, out.len));
done:
    vg_buf_free(&out);
}

/* A row as JSON: its id and its columns, a place in words; NULL if out of memory. */
static json_t *row_json(const vg_list_spec *sp, const vg_list_row *row)
{
    json_t *o = json_object();
    if (!o || json_object_set_new(o, "id", json_integer(row->id)))
        goto nomem;
    for (size_t i = 0; i < sp->n_cols; i++) {
        const vg_list_col *c = &sp->cols[i];
        const char *v = row->cell[i];
        json_t *j;
        if (c->type == VG_LT_ADDRESS)
            j = address(v);
        else if (!v)
            j = json_null();
        else if (c->type == VG_LT_INT || c->type == VG_LT_KEY || c->type == VG_LT_FLAG) {
            int64_t n = 0;
            j = vg_str_to_i64(vg_str_c(v), &n) ? (c->type == VG_LT_FLAG ? json_boolean(n) : json_integer(n))
                                               : json_null();
        } else
            j = json_string(v);
        if (!j || json_object_set_new(o, c->key, j))
            goto nomem;
    }
    if (sp->kind == VG_LIST_AUDIT)
        audit_what_words(o);
    return o;
nomem:
    json_decref(o);
    return NULL;
}

/* the records a row discloses, to the consultation's list */
static void disclosed(vg_audit_recs *recs, vg_list_kind k, const json_t *row)
{
    if (rights[k].record)
        vg_audit_recs_add(recs, rights[k].record, json_integer_value(json_object_get(row, "id")));
    for (size_t i = 0; i < 2 && rights[k].also[i].kind; i++) {
        const json_t *v = json_object_get(row, rights[k].also[i].col);
        const char *list = json_string_value(v); /* record numbers, comma-separated (VG_LT_KEYS) */
        if (!list) {
            if (json_integer_value(v) > 0)
                vg_audit_recs_add(recs, rights[k].also[i].kind, json_integer_value(v));
            continue;
        }
        for (const char *p = list; *p;) {
            char *end;
            long long id = strtoll(p, &end, 10);
            if (end == p)
                break;
            if (id > 0)
                vg_audit_recs_add(recs, rights[k].also[i].kind, id);
            p = *end == ',' ? end + 1 : end;
        }
    }
}

/* the person a list of one person's records is of, to the consultation's list */
static void person_disclosed(vg_audit_recs *recs, const vg_list_spec *sp, const vg_list_query *q)
{
    for (size_t i = 0; i < sp->n_filters; i++) {
        int64_t id;
        if (sp->filters[i].kind == VG_LF_PERSON && vg_str_to_i64(vg_str_c(q->filter[i]), &id))
            vg_audit_recs_add(recs, "person", id);
    }
}

static vg_err row_add(void *ctx, const vg_list_row *row)
{
    page *p = ctx;
    json_t *o = row_json(p->sp, row);
    if (!o || (p->backwards ? json_array_insert_new(p->rows, 0, o) : json_array_append_new(p->rows, o)))
        return VG_ERR_NOMEM;
    return VG_OK;
}

typedef struct stream {
    const vg_list_spec *sp;
    vg_list_json_fn fn;
    void *ctx;
    vg_audit_recs recs;
    vg_list_kind kind;
    int64_t n;
} stream;

/* an export's row: handed on at once, never all held */
static vg_err row_out(void *ctx, const vg_list_row *row)
{
    stream *st = ctx;
    json_t *o = row_json(st->sp, row);
    if (!o)
        return VG_ERR_NOMEM;
    vg_err e = st->fn(st->ctx, o);
    if (!e)
        disclosed(&st->recs, st->kind, o);
    json_decref(o);
    st->n++;
    return e;
}

/* a count discloses no row: the rows are not read into anything */
static vg_err count_only(void *ctx, const vg_list_row *row)
{
    (void)ctx;
    (void)row;
    return VG_OK;
}

/* The cursor of a row: "ID:VALUE" of the column sorted by. */
static json_t *cursor(const vg_list_spec *sp, const vg_list_query *q, json_t *row)
{
    const json_t *v = json_object_get(row, sp->cols[q->sort].key);
    char buf[VG_MAX_CODE * 4 + 40];
    if (json_is_integer(v))
        snprintf(buf, sizeof buf, "%lld:%lld", (long long)json_integer_value(json_object_get(row, "id")),
                 (long long)json_integer_value(v));
    else
        snprintf(buf, sizeof buf, "%lld:%s", (long long)json_integer_value(json_object_get(row, "id")),
                 json_is_string(v) ? json_string_value(v) : "");
    return json_string(buf);
}

/* The list's description and the query as the service runs it for the actor, once the
 * actor may read the list: who is reading (restricted records), now, and the agency
 * whose work it is (the reader's; the operator: every agency), never the reader's say. */
static vg_err prepare(vg_service *svc, const vg_actor *a, const vg_list_query *in, vg_store *st,
                      const vg_list_spec **sp, vg_list_query *q, vg_error *err)
{
    *sp = vg_list_spec_of(in->kind);
    if (!*sp)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "list", "no such list");
    vg_err e = vg_access_require(svc, a, rights[in->kind].perm, (*sp)->name, err);
    if (e)
        return e;
    *q = *in;
    /* a list of one person's records: the person is named, and must be one the reader may see */
    for (size_t i = 0; i < (*sp)->n_filters; i++)
        if ((*sp)->filters[i].kind == VG_LF_PERSON) {
            int64_t id = 0;
            if (!vg_str_to_i64(vg_str_c(q->filter[i]), &id) || id <= 0)
                return vg_error_set(err, VG_ERR_INVALID_INPUT, (*sp)->filters[i].key, "required: whose %s",
                                    (*sp)->nouns);
            /* read on st, or (an export, off the lock) on a read connection given back before
             * a refusal is written to the audit log, which takes the lock */
            bool visible;
            vg_store *rd = st ? st : vg_reader_get(svc);
            e = vg_access_visible_in(rd, a, "person", id, &visible, err);
            if (!st)
                vg_reader_put(svc, rd);
            if (e)
                return e;
            if (!visible)
                return vg_access_not_found(svc, a, "person", id, "restricted to named users", err);
        }
    q->viewer = a->role == VG_UR_OPERATOR ? 0 : a->user_id ? a->user_id : -1;
    q->now = vg_time_now();
    snprintf(q->agency, sizeof q->agency, "%s", a->role == VG_UR_OPERATOR ? "" : a->agency);
    vg_work_periods(q);
    return VG_OK;
}

vg_err vg_service_list(vg_service *svc, const vg_actor *a, const vg_list_query *in, json_t **out, vg_error *err)
{
    *out = NULL;
    const vg_list_spec *sp;
    vg_list_query q;
    vg_err e = prepare(svc, a, in, svc->store, &sp, &q, err);
    if (e)
        return e;
    if (q.limit > VG_LIST_PAGE_MAX)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "limit", "at most %d rows a page", VG_LIST_PAGE_MAX);
    page p = {sp, json_array(), {0}, q.page == VG_PAGE_BEFORE || q.page == VG_PAGE_LAST};
    int64_t total = 0, ahead = 0;
    if (!p.rows)
        return vg_error_set(err, VG_ERR_NOMEM, sp->name, "out of memory");
    if (!q.limit) { /* every row: vg_service_list_each streams them */
        json_decref(p.rows);
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "limit", "a page has 1 to %d rows", VG_LIST_PAGE_MAX);
    }
    e = vg_store_list(svc->store, &q, &total, &ahead, row_add, &p, err);
    if (e) {
        json_decref(p.rows);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, sp->name, "out of memory") : e;
    }
    /* the extra row read says there is more in the direction read: it is not shown */
    bool more = q.limit && json_array_size(p.rows) > q.limit;
    if (more)
        json_array_remove(p.rows, p.backwards ? 0 : json_array_size(p.rows) - 1);
    size_t n = json_array_size(p.rows);
    int64_t first = q.page == VG_PAGE_FIRST ? 0
                    : q.page == VG_PAGE_LAST ? total - (int64_t)n
                    : q.page == VG_PAGE_AFTER ? ahead
                                              : ahead - (int64_t)n;
    if (first < 0)
        first = 0;
    bool has_prev = first > 0, has_next = first + (int64_t)n < total;
    size_t i;
    json_t *row;
    person_disclosed(&p.recs, sp, &q);
    json_array_foreach(p.rows, i, row)
        disclosed(&p.recs, in->kind, row);
    json_t *j = json_pack("{s:s,s:I,s:I,s:I,s:o,s:s,s:s}", "list", sp->name, "total", (json_int_t)total, "first",
                          (json_int_t)(n ? first + 1 : 0), "limit", (json_int_t)q.limit, "rows", p.rows, "sort",
                          sp->cols[q.sort].key, "order", q.desc ? "desc" : "asc");
    if (j && n && has_prev)
        json_object_set_new(j, "before", cursor(sp, &q, json_array_get(p.rows, 0)));
    if (j && n && has_next)
        json_object_set_new(j, "after", cursor(sp, &q, json_array_get(p.rows, n - 1)));
    char what[160];
    if (n)
        snprintf(what, sizeof what, "%s list: %lld to %lld of %lld%s", sp->name, (long long)first + 1,
                 (long long)first + (long long)n, (long long)total, q.limit ? "" : " (exported)");
    else
        snprintf(what, sizeof what, "%s list: none of %lld", sp->name, (long long)total);
    e = vg_audit_view_recs(svc, a, what, &p.recs, rights[in->kind].why, j, out, err);
    vg_audit_recs_free(&p.recs);
    return e;
}

vg_err vg_service_list_count(vg_service *svc, const vg_actor *a, const vg_list_query *in, int64_t *total,
                             vg_error *err)
{
    *total = 0;
    const vg_list_spec *sp;
    vg_list_query q;
    vg_err e = prepare(svc, a, in, svc->store, &sp, &q, err);
    if (e)
        return e;
    q.page = VG_PAGE_FIRST;
    q.limit = 1;
    int64_t ahead;
    return vg_store_list(svc->store, &q, total, &ahead, count_only, NULL, err);
}

vg_err vg_service_list_each(vg_service *svc, const vg_actor *a, const vg_list_query *in, vg_list_json_fn fn, void *ctx,
                            int64_t *total, vg_error *err)
{
    *total = 0;
    const vg_list_spec *sp;
    vg_list_query q;
    vg_err e = prepare(svc, a, in, NULL, &sp, &q, err); /* off the lock: an export is a worker's */
    if (e)
        return e;
    q.page = VG_PAGE_FIRST;
    q.limit = 0;
    stream st = {sp, fn, ctx, {0}, in->kind, 0};
    person_disclosed(&st.recs, sp, &q);
    int64_t ahead;
    vg_store *rd = vg_reader_get(svc);
    e = vg_store_list(rd, &q, total, &ahead, row_out, &st, err);
    vg_reader_put(svc, rd);
    if (e) {
        vg_audit_recs_free(&st.recs);
        return e == VG_ERR_NOMEM ? vg_error_set(err, e, sp->name, "out of memory") : e;
    }
    if (st.recs.nomem) {
        vg_audit_recs_free(&st.recs);
        return vg_error_set(err, VG_ERR_NOMEM, sp->name, "out of memory");
    }
    char what[160];
    snprintf(what, sizeof what, "%s list: all %lld (exported)", sp->name, (long long)st.n);
    e = vg_audit_commit_recs(svc, a, VG_AUDIT_CONSULT, what, &st.recs, NULL, rights[in->kind].why, err);
    vg_audit_recs_free(&st.recs);
    return e;
}
