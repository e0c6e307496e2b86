/* sqlite_list.c - every list a screen shows, one page at a time (SQLite). Each list is a
 * SELECT whose columns are named as domain/list.h names them; on it one builder puts the
 * filters, the period, the order (its column, then id, so that the order is total) and
 * the keyset condition that starts a page after (or before) a row, so a page costs the
 * same at the end of 400,000 rows as at the start and stays put when rows are added.
 * Everything put into the SQL text comes from the static tables here and in list.h;
 * every value is bound. */
#include "store/sqlite_int.h"

#include "base/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a location's parts, separated by the unit separator, for vg_location_line: a column
 * worked out for the rows of a page alone (a count or an order never reads a location) */
#define ADDRESS(loc)                                                                                                   \
    "(SELECT coalesce(l.flat, '') || '\037' || coalesce(l.number, '') || '\037' || coalesce(l.building, '') || "  \
    "'\037' || coalesce(l.street, '') || '\037' || coalesce(l.locality, '') || '\037' || coalesce(l.town, '') " \
    "|| '\037' || coalesce(l.postcode, '') || '\037' || coalesce(CAST(l.lat AS TEXT), '') || '\037' || coalesce(CAST(l.lon AS TEXT), '') "  \
    "FROM location l WHERE l.id = " loc ")"

/* A record an audit entry names (its kind and id) in words: an incident or a crime by its
 * reference, a person by name and date of birth, a place by its address; NULL if it is
 * none of those (or is gone). */
#define RECORD_WORDS(kind, id)                                                                                         \
    "CASE " kind " WHEN 'incident' THEN (SELECT 'incident ' || reference FROM incident WHERE id = " id ") "              \
    "WHEN 'crime' THEN (SELECT 'crime ' || reference FROM crime WHERE id = " id ") "                                     \
    "WHEN 'person' THEN (SELECT 'person ' || given_names || ' ' || family_name || coalesce(' (born ' || substr(dob, 9, 2) || '/' || " \
    "substr(dob, 6, 2) || '/' || substr(dob, 1, 4) || ')', '') FROM person WHERE id = " id ") "                          \
    "WHEN 'location' THEN (SELECT 'place ' || trim(coalesce(flat || ', ', '') || coalesce(number || ' ', '') || "                    \
    "coalesce(building || ', ', '') || coalesce(street, '') || coalesce(', ' || town, '') || coalesce(', ' || "          \
    "postcode, ''), ' ,') FROM location WHERE id = " id ") "                                                            \
    "WHEN 'user' THEN (SELECT 'user ' || username FROM app_user WHERE id = " id ") "                                     \
    "WHEN 'case' THEN (SELECT 'case \"' || title || '\"' FROM safety_case WHERE id = " id ") "                            \
    "WHEN 'area' THEN (SELECT name FROM area WHERE id = " id ") "                                                        \
    "WHEN 'agency' THEN (SELECT name FROM agency WHERE id = " id ") END"
/* an audit entry's "what" when it begins with one record, "kind:id" (then a space and the
 * rest, or nothing): WHAT_HEAD the record, WHAT_REST what follows it */
#define WHAT_HEAD "substr(g.what, 1, instr(g.what || ' ', ' ') - 1)"
#define WHAT_REST "substr(g.what, instr(g.what || ' ', ' '))"
#define WHAT_IS_RECORD                                                                                                 \
    "(instr(" WHAT_HEAD ", ':') > 1 AND substr(" WHAT_HEAD ", instr(" WHAT_HEAD ", ':') + 1) <> '' AND "                 \
    "ltrim(substr(" WHAT_HEAD ", instr(" WHAT_HEAD ", ':') + 1), '0123456789') = '')"
#define WHAT_KIND "substr(g.what, 1, instr(g.what || ':', ':') - 1)"
#define WHAT_ID "CAST(substr(" WHAT_HEAD ", instr(g.what, ':') + 1) AS BIGINT)"

/* records restricted to named users: hidden from everyone else (viewer 0: the operator) */
#define HIDDEN(kind, col)                                                                                              \
    "(:viewer = 0 OR " col " NOT IN (SELECT record_id FROM record_restriction WHERE kind = '" kind "' AND "           \
    "record_id NOT IN (SELECT record_id FROM record_restriction WHERE kind = '" kind "' AND user_id = :viewer)))"

/* A row's vulnerable flag reads from the row's people to their markers (CROSS JOIN keeps
 * that order): never every marker for each row. */
static const char *const base_sql[VG_LIST_KIND_COUNT] = {
    [VG_LIST_INCIDENTS] =
        "SELECT i.id AS id, i.reference AS reference, i.received_at AS received, i.category AS category, "
        "i.thrive AS grade, CASE WHEN i.closed_at IS NULL THEN 'open' WHEN EXISTS (SELECT 1 FROM incident_dispatch d "
        "WHERE d.incident_id = i.id AND d.closure = 'cancelled') THEN 'cancelled' ELSE 'closed' END AS status, "
        ADDRESS("i.location_id") " AS address, (SELECT count(*) FROM incident_person p WHERE p.incident_id = i.id) AS people, "
        "EXISTS (SELECT 1 FROM incident_person p CROSS JOIN person_marker m WHERE m.person_id = p.person_id "
        "AND p.incident_id = i.id AND m.kind = 'vulnerability') AS vulnerable, "
        "i.location_id AS loc FROM incident i WHERE " HIDDEN("incident", "i.id"),
    [VG_LIST_CRIMES] =
        "SELECT c.id AS id, c.reference AS reference, c.recorded_at AS recorded, c.offence_code AS offence, "
        "c.status AS status, CASE WHEN c.outcome = 0 THEN 'open' ELSE 'finalised' END AS outcome, "
        ADDRESS("c.location_id") " AS address, EXISTS (SELECT 1 FROM crime_person p CROSS JOIN person_marker m WHERE m.person_id = p.person_id "
        "AND p.crime_id = c.id AND p.role = 'victim' AND m.kind = 'vulnerability') AS vulnerable, "
        "c.location_id AS loc FROM crime c WHERE " HIDDEN("incident", "coalesce(c.incident_id, 0)"),
    [VG_LIST_AUDIT] =
        "SELECT g.seq AS id, g.seq AS seq, g.at AS at, g.username AS username, g.role AS role, "
        "coalesce((SELECT name FROM agency WHERE code = g.agency), g.agency) AS agency, g.action AS action, "
        "CASE WHEN " WHAT_IS_RECORD " THEN coalesce(" RECORD_WORDS(WHAT_KIND, WHAT_ID) " || " WHAT_REST ", g.what) "
        "ELSE g.what END AS what, "
        "(SELECT group_concat(coalesce(" RECORD_WORDS("r.kind", "r.record_id") ", r.kind || ' ' || r.record_id), '; ') "
        "FROM (SELECT kind, record_id FROM audit_record WHERE seq = g.seq ORDER BY n) AS r) AS records, "
        "(SELECT group_concat(kind || ':' || record_id, ' ') FROM (SELECT kind, record_id FROM audit_record WHERE seq = "
        "g.seq ORDER BY n) AS k) AS record_keys, g.why AS why, "
        "coalesce((SELECT name FROM agency WHERE code = g.recipient), g.recipient, '') AS recipient, "
        "(SELECT group_concat(CAST(record_id AS TEXT), ',') FROM (SELECT record_id FROM audit_record WHERE seq = g.seq "
        "AND kind = 'person' UNION SELECT " WHAT_ID " WHERE " WHAT_IS_RECORD " AND " WHAT_KIND " = 'person') AS pr) AS "
        "persons FROM audit_log g WHERE true",
    [VG_LIST_USERS] =
        "SELECT u.id AS id, u.username AS username, u.role AS role, a.name AS agency, a.code AS agency_code, "
        "CASE WHEN u.disabled <> 0 THEN 'disabled' ELSE 'active' END AS status, "
        "coalesce((SELECT max(g.at) FROM audit_log g WHERE g.user_id = u.id AND g.action = 'login'), '') AS "
        "last_sign_in, u.created_at AS created FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE true",
    [VG_LIST_ACTIONS] =
        "SELECT ca.id AS id, ca.text AS action, sc.title AS case_title, g.name AS agency, coalesce(ca.due, '') AS due, "
        "ca.created_at AS added, CASE WHEN ca.done_at IS NOT NULL THEN 'done' WHEN ca.due IS NOT NULL AND ca.due < "
        ":today THEN 'overdue' ELSE 'open' END AS status, (ca.done_at IS NULL AND ca.created_at >= :new_since) AS new, "
        "ca.case_id AS case_id FROM case_action ca JOIN safety_case sc ON sc.id = ca.case_id JOIN agency g ON g.id = "
        "ca.agency_id WHERE (:agency = '' OR g.code = :agency) AND " HIDDEN("case", "ca.case_id"),
    /* the due date: the latest review's next one, or the first review's (rules/deadlines.c,
     * kept with the crime); a crime whose
     * last review set none has left the queue */
    [VG_LIST_REVIEWS] =
        "SELECT * FROM (SELECT c.id AS id, c.reference AS reference, c.offence_code AS offence, c.recorded_at AS "
        "recorded, CASE WHEN r.id IS NULL THEN c.review_due ELSE r.next_due END AS due, (SELECT count(*) FROM crime_review x WHERE x.crime_id = c.id) AS reviews, "
        "coalesce(r.direction, '') AS direction, EXISTS (SELECT 1 FROM crime_person p CROSS JOIN person_marker m WHERE "
        "m.person_id = p.person_id AND p.crime_id = c.id AND p.role = 'victim' AND m.kind = 'vulnerability') AS "
        "vulnerable, c.location_id AS loc FROM crime c LEFT JOIN crime_review r ON r.id = (SELECT y.id FROM "
        "crime_review y WHERE y.crime_id = c.id ORDER BY y.reviewed_at DESC, y.id DESC LIMIT 1) WHERE c.status = "
        "'recorded' AND c.outcome = 0 AND " HIDDEN("incident", "coalesce(c.incident_id, 0)") ") AS rv WHERE due IS NOT NULL",
    /* the cases the reader's agency owns or has been shared (:agency ''; the operator:
     * every case); what a case is about only where its subject is shared with the reader;
     * the open joint actions of every agency where the actions are shared with the reader
     * (its own only, else), as the case's page shows them; how many agencies it is shared
     * with only to its owner */
    [VG_LIST_CASES] =
        "SELECT sc.id AS id, sc.title AS title, g.name AS owner, g.code AS agency_code, CASE WHEN :agency = '' OR "
        "g.code = :agency OR EXISTS (SELECT 1 FROM case_share s JOIN agency x ON x.id = s.agency_id WHERE s.case_id = "
        "sc.id AND x.code = :agency AND ' ' || s.fields || ' ' LIKE '% subject %') THEN sc.subject_kind ELSE "
        "'withheld' END AS subject, sc.status AS status, sc.created_at AS opened, (SELECT count(*) FROM case_action ca "
        "JOIN agency y ON y.id = ca.agency_id WHERE ca.case_id = sc.id AND ca.done_at IS NULL AND (:agency = '' OR "
        "g.code = :agency OR y.code = :agency OR EXISTS (SELECT 1 FROM case_share s JOIN agency x ON x.id = s.agency_id "
        "WHERE s.case_id = sc.id AND x.code = :agency AND ' ' || s.fields || ' ' LIKE '% actions %'))) AS open_actions, "
        "CASE WHEN :agency = '' OR g.code = :agency "
        "THEN (SELECT count(*) FROM case_share s WHERE s.case_id = sc.id) END AS shared_with FROM safety_case sc JOIN "
        "agency g ON g.id = sc.owner_agency WHERE (:agency = '' OR g.code = :agency OR EXISTS (SELECT 1 FROM "
        "case_share s JOIN agency x ON x.id = s.agency_id WHERE s.case_id = sc.id AND x.code = :agency)) AND "
        HIDDEN("case", "sc.id"),
    /* a person's history (the filter "person" is required), as their page counts it: the
     * incidents they were party to but for calls cancelled as mistaken, and the crimes (a
     * row's id: its party row's, twice, and once more for a crime), restricted incidents
     * and their crimes left out */
    [VG_LIST_HISTORY] =
        "SELECT * FROM (SELECT ip.rowid * 2 AS id, i.received_at AS at, 'incident' AS kind, i.reference AS "
        "reference, i.category AS what, ip.role AS role, CASE WHEN i.closed_at IS NULL THEN 'open' ELSE 'closed' END "
        "AS status, i.id AS incident_id, NULL AS crime_id, ip.person_id AS person_id FROM incident_person ip JOIN "
        "incident i ON i.id = ip.incident_id WHERE ip.person_id = :person AND NOT EXISTS (SELECT 1 FROM incident_dispatch d "
        "WHERE d.incident_id = i.id AND d.closure = 'cancelled') AND " HIDDEN("incident", "i.id")
        " UNION ALL SELECT cp.rowid * 2 + 1, c.recorded_at, 'crime', c.reference, c.offence_code, cp.role, CASE WHEN "
        "c.status <> 'recorded' THEN c.status WHEN c.outcome = 0 THEN 'under investigation' ELSE 'outcome given' END, "
        "c.incident_id, c.id, cp.person_id FROM crime_person cp JOIN crime c ON c.id = cp.crime_id WHERE cp.person_id = "
        ":person AND " HIDDEN("incident", "coalesce(c.incident_id, 0)") ") AS hs WHERE true",
    /* each victim's entitlement not yet met, due when the crime's rule set says (a needs
     * assessment after recording, being told the outcome after it is given: kept with the
     * crime by rules/deadlines.c). One SELECT over the
     * victims and the two entitlements (not a UNION: a count then never works out a row's
     * columns); a row's id is its victim's party row (rid) twice, and once more for the
     * outcome, and a page finds its rows again by rid */
    [VG_LIST_VICTIMS] =
        "SELECT cp.rowid AS rid, cp.rowid * 2 + e.k AS id, (SELECT p.given_names || ' ' || p.family_name FROM person p "
        "WHERE p.id = cp.person_id) AS victim, c.reference AS reference, c.offence_code AS offence, e.ent AS "
        "entitlement, CASE e.k WHEN 0 THEN c.needs_due ELSE c.outcome_due END AS due, EXISTS (SELECT 1 "
        "FROM person_marker m WHERE m.person_id = cp.person_id AND m.kind = 'vulnerability') AS vulnerable, c.id AS "
        "crime_id, cp.person_id AS person_id, c.location_id AS loc FROM crime_person cp CROSS JOIN crime c CROSS JOIN "
        "(SELECT 0 AS k, 'needs_assessment' AS ent UNION ALL SELECT 1, 'outcome') e WHERE c.id = cp.crime_id AND cp.role = "
        "'victim' AND c.status = 'recorded' AND (e.k = 0 OR (c.outcome > 0 AND c.outcome_at IS NOT NULL)) AND NOT "
        "EXISTS (SELECT 1 FROM victim_entitlement v WHERE v.crime_id = c.id AND v.person_id = cp.person_id AND "
        "v.entitlement = e.ent) AND " HIDDEN("person", "cp.person_id") " AND "
        HIDDEN("incident", "coalesce(c.incident_id, 0)"),
};

/* How a page finds its rows again in the list's SELECT, where its id is not a column an
 * index gives (NULL: b.id = pg.id) */
static const char *const join_sql[VG_LIST_KIND_COUNT] = {
    [VG_LIST_VICTIMS] = "b.rid = pg.id / 2 AND b.id = pg.id",
};

/* SQL text, appended: the first failure is kept and every later append is skipped */
typedef struct sql {
    vg_buf b;
    vg_err e;
} sql;

static void add(sql *q, const char *fmt, ...) VG_PRINTF(2, 3);
static void add(sql *q, const char *fmt, ...)
{
    if (q->e)
        return;
    va_list ap;
    va_start(ap, fmt);
    q->e = vg_buf_vprintf(&q->b, fmt, ap);
    va_end(ap);
}

/* a flag's filter where the flag's column would be worked out row by row: the rows it
 * keeps, read once (the few persons with a vulnerability, then their records) */
static const char *flag_sql(vg_list_kind k, const char *key, bool page)
{
    if (strcmp(key, "vulnerable") != 0)
        return NULL;
    /* a count reads the rows the set names; a page reads the order's index and asks the
     * set of each row ("+id": not the set's rows, then sorted), stopping at a page */
    if (k == VG_LIST_INCIDENTS)
        return page ? " AND +id IN (SELECT p.incident_id FROM person_marker m JOIN incident_person p ON p.person_id = "
                      "m.person_id WHERE m.kind = 'vulnerability')"
                    : " AND id IN (SELECT p.incident_id FROM person_marker m JOIN incident_person p ON p.person_id = "
               "m.person_id WHERE m.kind = 'vulnerability')";
    if (k == VG_LIST_CRIMES || k == VG_LIST_REVIEWS)
        return page ? " AND +id IN (SELECT p.crime_id FROM person_marker m JOIN crime_person p ON p.person_id = "
                      "m.person_id WHERE m.kind = 'vulnerability' AND p.role = 'victim')"
                    : " AND id IN (SELECT p.crime_id FROM person_marker m JOIN crime_person p ON p.person_id = "
                      "m.person_id WHERE m.kind = 'vulnerability' AND p.role = 'victim')";
    return NULL;
}

/* the condition of a filter over the base's columns, p its parameter */
static void filter_sql(sql *b, vg_list_kind k, const vg_list_filter *f, const char *p, bool page)
{
    switch (f->kind) {
    case VG_LF_AREA: /* a local authority (its neighbourhoods too) or a neighbourhood, by its code */
        add(b, " AND loc IN (SELECT id FROM location WHERE la_id = (SELECT id FROM area WHERE code = %s) UNION ALL "
               "SELECT id FROM location WHERE neighbourhood_id IN (SELECT id FROM area WHERE code = %s OR parent_id = "
               "(SELECT id FROM area WHERE code = %s)))",
            p, p, p);
        break;
    case VG_LF_AGENCY: add(b, " AND agency_code = %s", p); break;
    case VG_LF_RECORD: /* "kind:id": the entries that name the record (audit_record_subject); a person's,
                        * those that name any record of the resolved person it belongs to */
        add(b, " AND id IN (SELECT seq FROM audit_record WHERE kind = substr(%s, 1, instr(%s || ':', ':') - 1) AND "
               "(record_id = CAST(substr(%s, instr(%s, ':') + 1) AS BIGINT) OR (kind = 'person' AND record_id IN "
               "(SELECT person_id FROM person_resolved WHERE resolved_id = (SELECT coalesce((SELECT resolved_id FROM "
               "person_resolved WHERE person_id = CAST(substr(%s, instr(%s, ':') + 1) AS BIGINT)), CAST(substr(%s, "
               "instr(%s, ':') + 1) AS BIGINT))) UNION ALL SELECT coalesce((SELECT resolved_id FROM person_resolved "
               "WHERE person_id = CAST(substr(%s, instr(%s, ':') + 1) AS BIGINT)), CAST(substr(%s, instr(%s, ':') + 1) "
               "AS BIGINT))))))",
            p, p, p, p, p, p, p, p, p, p, p, p);
        break;
    case VG_LF_PLACE: add(b, " AND loc = CAST(%s AS BIGINT)", p); break;
    case VG_LF_PERSON: break; /* the list's SELECT names :person itself */
    case VG_LF_FLAG:
        if (flag_sql(k, f->key, page))
            add(b, "%s", flag_sql(k, f->key, page));
        else
            add(b, " AND %s", f->key); /* a truth value: an integer (SQLite), a boolean (PostgreSQL) */
        break;
    default: add(b, " AND %s = %s", f->key, p); break;
    }
}

typedef enum { Q_COUNT, Q_AHEAD, Q_PAGE } q_what;

/* The SQL of a count of the rows kept, of the rows ahead of the cursor, or of a page. */
static void build(sql *b, const vg_list_spec *sp, const vg_list_query *q, q_what what)
{
    const char *key = sp->cols[q->sort].key, *kp = ":key";
    /* a page before the cursor, or the last page, is read backwards */
    bool back = q->page == VG_PAGE_BEFORE || q->page == VG_PAGE_LAST;
    bool desc = q->desc != back;
    const char *dir = desc ? "DESC" : "ASC";
    /* a page: the ids and sort values of its rows first (from the indexes), then the
     * columns of those rows alone, so that a column worked out row by row is worked out
     * for the rows shown, not for every row the filters keep */
    if (what == Q_PAGE) {
        add(b, "SELECT b.id");
        for (size_t i = 0; i < sp->n_cols; i++)
            add(b, ", b.%s", sp->cols[i].key);
        add(b, " FROM (SELECT id, %s AS k FROM (%s) AS q WHERE true", key, base_sql[sp->kind]);
    } else {
        add(b, "SELECT count(*) FROM (%s) AS q WHERE true", base_sql[sp->kind]);
    }
    for (size_t i = 0; i < sp->n_filters; i++)
        if (q->filter[i][0]) {
            char p[24];
            snprintf(p, sizeof p, ":f%zu", i);
            filter_sql(b, sp->kind, &sp->filters[i], p, what == Q_PAGE);
        }
    if (sp->period >= 0 && q->from != VG_TIME_NONE)
        add(b, " AND %s >= :from", sp->cols[sp->period].key);
    if (sp->period >= 0 && q->to != VG_TIME_NONE)
        add(b, " AND %s < :to", sp->cols[sp->period].key);
    /* (key, id) compared with the cursor's, written out so that the key's index gives the range */
    if (what == Q_AHEAD) { /* the rows ahead of an AFTER cursor (itself included) or of a BEFORE cursor */
        bool after = q->page == VG_PAGE_AFTER;
        add(b, " AND %s %s %s AND (%s %s %s OR id %s :key_id)", key, q->desc ? ">=" : "<=", kp, key,
            q->desc ? ">" : "<", kp, after ? (q->desc ? ">=" : "<=") : (q->desc ? ">" : "<"));
    }
    if (what == Q_PAGE) {
        if (q->page == VG_PAGE_AFTER || q->page == VG_PAGE_BEFORE)
            add(b, " AND %s %s %s AND (%s %s %s OR id %s :key_id)", key, desc ? "<=" : ">=", kp, key, desc ? "<" : ">",
                kp, desc ? "<" : ">");
        add(b, " ORDER BY %s %s, id %s", key, dir, dir);
        if (q->limit)
            add(b, " LIMIT :limit");
        add(b, ") pg JOIN (%s) b ON %s ORDER BY pg.k %s, pg.id %s", base_sql[sp->kind],
            join_sql[sp->kind] ? join_sql[sp->kind] : "b.id = pg.id", dir, dir);
    }
}

/* Binds what the statement names (a parameter it does not use is not there). */
static void bind(vg_db_stmt *st, const vg_list_spec *sp, const vg_list_query *q)
{
    int i;
    if ((i = vg_db_param_index(st, ":viewer")))
        vg_db_bind_i64(st, i, q->viewer);
    char t[VG_TIME_LEN];
    if ((i = vg_db_param_index(st, ":now"))) {
        vg_time_format(q->now, t);
        vg_db_bind_text(st, i, t, -1, VG_DB_TRANSIENT);
    }
    if ((i = vg_db_param_index(st, ":agency")))
        vg_db_bind_text(st, i, q->agency, -1, VG_DB_TRANSIENT);
    if ((i = vg_db_param_index(st, ":today"))) {
        char d[VG_DATE_LEN];
        vg_date_format(vg_time_date(vg_time_uk(q->now, NULL)), d);
        vg_db_bind_text(st, i, d, -1, VG_DB_TRANSIENT);
    }
    if ((i = vg_db_param_index(st, ":new_since"))) {
        vg_time_format(q->now - (vg_time)VG_LIST_NEW_DAYS * 86400, t);
        vg_db_bind_text(st, i, t, -1, VG_DB_TRANSIENT);
    }
    if ((i = vg_db_param_index(st, ":from"))) {
        vg_time_format(q->from, t);
        vg_db_bind_text(st, i, t, -1, VG_DB_TRANSIENT);
    }
    if ((i = vg_db_param_index(st, ":to"))) {
        vg_time_format(q->to, t);
        vg_db_bind_text(st, i, t, -1, VG_DB_TRANSIENT);
    }
    for (size_t k = 0; k < sp->n_filters; k++) /* the one person a list is of (none: no rows) */
        if (sp->filters[k].kind == VG_LF_PERSON && (i = vg_db_param_index(st, ":person"))) {
            int64_t id;
            if (vg_str_to_i64(vg_str_c(q->filter[k]), &id))
                vg_db_bind_i64(st, i, id);
        }
    for (size_t k = 0; k < sp->n_filters; k++) {
        char p[24];
        snprintf(p, sizeof p, ":f%zu", k);
        if ((i = vg_db_param_index(st, p)))
            sq_bind_text(st, i, q->filter[k]);
    }
    if ((i = vg_db_param_index(st, ":key"))) {
        int64_t v;
        if (sp->cols[q->sort].numeric && vg_str_to_i64(vg_str_c(q->key), &v))
            vg_db_bind_i64(st, i, v);
        else
            sq_bind_text(st, i, q->key);
    }
    if ((i = vg_db_param_index(st, ":key_id")))
        vg_db_bind_i64(st, i, q->key_id);
    if ((i = vg_db_param_index(st, ":limit")))
        vg_db_bind_i64(st, i, (int64_t)q->limit + 1); /* one more: is there a next page? */
}

/* The statement of what, prepared and bound. */
static vg_err prepare(sq_store *s, const vg_list_spec *sp, const vg_list_query *q, q_what what, vg_db_stmt **st,
                      vg_error *err)
{
    sql b = {0};
    vg_buf_init(&b.b, 1 << 16);
    build(&b, sp, q, what);
    if (b.e) {
        vg_buf_free(&b.b);
        return vg_error_set(err, VG_ERR_NOMEM, sp->name, "out of memory");
    }
    int rc = vg_db_prepare(s->db, vg_buf_str(&b.b), st);
    vg_buf_free(&b.b);
    if (rc != VG_DB_OK)
        return sq_fail(s, err, sp->name);
    bind(*st, sp, q);
    return VG_OK;
}

static vg_err count(sq_store *s, const vg_list_spec *sp, const vg_list_query *q, q_what what, int64_t *out,
                    vg_error *err)
{
    vg_db_stmt *st;
    vg_err e = prepare(s, sp, q, what, &st, err);
    if (e)
        return e;
    if (vg_db_step(st) == VG_DB_ROW)
        *out = vg_db_col_i64(st, 0);
    else
        e = sq_fail(s, err, sp->name);
    vg_db_finalize(st);
    return e;
}

vg_err sq_list(vg_store *base, const vg_list_query *q, int64_t *total, int64_t *ahead, vg_list_fn fn, void *ctx,
               vg_error *err)
{
    sq_store *s = (sq_store *)base;
    const vg_list_spec *sp = vg_list_spec_of(q->kind);
    if (!sp || q->sort < 0 || (size_t)q->sort >= sp->n_cols || !sp->cols[q->sort].sortable)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "sort", "not a column this list sorts by");
    *total = *ahead = 0;
    vg_err e = count(s, sp, q, Q_COUNT, total, err);
    if (!e && (q->page == VG_PAGE_AFTER || q->page == VG_PAGE_BEFORE))
        e = count(s, sp, q, Q_AHEAD, ahead, err);
    vg_db_stmt *st;
    if (e || (e = prepare(s, sp, q, Q_PAGE, &st, err)))
        return e;
    int rc;
    while (!e && (rc = vg_db_step(st)) == VG_DB_ROW) {
        vg_list_row row;
        memset(&row, 0, sizeof row);
        row.id = vg_db_col_i64(st, 0);
        for (size_t i = 0; i < sp->n_cols && i < VG_LIST_MAX_COLS; i++)
            row.cell[i] = (const char *)vg_db_col_text(st, (int)i + 1);
        e = fn(ctx, &row);
    }
    if (!e && rc != VG_DB_DONE)
        e = sq_fail(s, err, sp->name);
    vg_db_finalize(st);
    return e;
}
