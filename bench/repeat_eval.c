/* repeat_eval.c - repeat-victim flags of the first-contact briefing against the
 * synthetic force's ground truth. For calls in the last months of the data, each victim
 * or caller is looked up as a call handler would (the details on their record: name,
 * date of birth, phone, address) through the service, and the briefing's repeat_victim
 * flag is compared with the same rule applied to the person's true history (every
 * record of the true person, from synth_truth).
 * usage: repeat_eval DB [--from YYYY-MM-DD] [--max N] */
#include "base/str.h"
#include "rules/briefing.h"
#include "service/service.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct events {
    vg_person_event v[4096];
    size_t n;
} events;

static vg_err keep(void *ctx, const vg_person_event *e)
{
    events *l = ctx;
    if (l->n < sizeof l->v / sizeof l->v[0])
        l->v[l->n++] = *e;
    return VG_OK;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s && *s ? s : NULL;
}

int main(int argc, char **argv)
{
    vg_actor op;
    vg_actor_operator(&op, "bench", NULL);
    if (argc < 2) {
        fprintf(stderr, "usage: repeat_eval DB [--from YYYY-MM-DD] [--max N]\n");
        return 2;
    }
    const char *from = "2014-05-01";
    long max = 3000;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--from") == 0)
            from = argv[i + 1];
        else if (strcmp(argv[i], "--max") == 0)
            max = atol(argv[i + 1]);
    }
    vg_service *svc;
    vg_store *st;
    vg_error err;
    if (vg_service_open(argv[1], VG_SERVICE_EXISTING, &svc, &err) || vg_store_open(argv[1], VG_STORE_OPEN_EXISTING, &st, &err)) {
        fprintf(stderr, "%s: %s\n", err.where, err.why);
        return 1;
    }
    sqlite3 *db;
    sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL);
    /* victims and callers of ASB and crime incidents from `from` on */
    sqlite3_stmt *q, *tq;
    sqlite3_prepare_v2(db,
                       "SELECT i.received_at, i.category, ip.role, p.id, p.given_names, p.family_name, p.dob, "
                       "  (SELECT value FROM person_contact c WHERE c.person_id = p.id AND c.kind = 'phone' ORDER BY id LIMIT 1), "
                       "  l.number, l.street, l.postcode, t.truth_id "
                       "FROM incident i JOIN incident_person ip ON ip.incident_id = i.id JOIN person p ON p.id = ip.person_id "
                       "JOIN synth_truth t ON t.kind = 'person' AND t.record_id = p.id "
                       "LEFT JOIN person_location pl ON pl.person_id = p.id AND pl.kind = 'home' "
                       "LEFT JOIN location l ON l.id = pl.location_id "
                       "WHERE i.received_at >= ?1 AND (ip.role = 'victim' OR (ip.role = 'caller' AND i.category LIKE 'asb%')) "
                       "GROUP BY i.id, ip.person_id, ip.role ORDER BY i.id",
                       -1, &q, NULL);
    sqlite3_prepare_v2(db, "SELECT record_id FROM synth_truth WHERE kind = 'person' AND truth_id = ?1 LIMIT 64", -1, &tq, NULL);
    sqlite3_bind_text(q, 1, from, -1, SQLITE_STATIC);
    vg_briefing_config cfg;
    vg_briefing_config_default(&cfg);
    long tally[2][2][2] = {{{0}}}; /* [crime=0/asb=1][truth][flag] */
    long base[2][2][2] = {{{0}}};  /* the same, from the call's own record only (no resolution) */
    long seen = 0, no_match = 0;
    static events ev;
    while (sqlite3_step(q) == SQLITE_ROW && seen < max) {
        vg_lookup_request r;
        memset(&r, 0, sizeof r);
        if (!vg_time_parse(vg_str_c(col(q, 0)), &r.at) || !vg_category_parse(col(q, 1), &r.category) ||
            !vg_role_parse(col(q, 2), &r.role))
            continue;
        r.given = col(q, 4);
        r.family = col(q, 5);
        r.dob = VG_DATE_NONE;
        if (col(q, 6))
            (void)vg_date_parse(vg_str_c(col(q, 6)), &r.dob);
        r.phone = col(q, 7);
        char addr[160] = "";
        if (col(q, 8) && col(q, 9))
            snprintf(addr, sizeof addr, "%s %s", col(q, 8), col(q, 9));
        r.address = addr[0] ? addr : NULL;
        r.postcode = col(q, 10);
        r.max = 10;
        bool asb = vg_category_is_asb(r.category);
        if (!asb && r.category != VG_CAT_CRIME)
            continue;
        seen++;
        /* the truth: the same rule over every record of the true person */
        vg_id ids[64];
        size_t n = 0;
        sqlite3_bind_int64(tq, 1, sqlite3_column_int64(q, 11));
        while (sqlite3_step(tq) == SQLITE_ROW && n < 64)
            ids[n++] = sqlite3_column_int64(tq, 0);
        sqlite3_reset(tq);
        ev.n = 0;
        vg_date lo;
        (void)vg_date_from_ymd(1, 1, 1, &lo);
        if (vg_store_person_events(st, ids, n, vg_date_time(lo), r.at, keep, &ev, &err))
            return 1;
        vg_person_flags truth, own;
        vg_briefing_person(&cfg, r.at, r.category, r.role, ev.v, ev.n, NULL, 0, VG_DATE_NONE, &truth);
        vg_id self = sqlite3_column_int64(q, 3);
        ev.n = 0;
        if (vg_store_person_events(st, &self, 1, vg_date_time(lo), r.at, keep, &ev, &err))
            return 1;
        vg_briefing_person(&cfg, r.at, r.category, r.role, ev.v, ev.n, NULL, 0, VG_DATE_NONE, &own);
        base[asb][truth.repeat_victim][own.repeat_victim]++;
        /* Vigil: the lookup a call handler makes */
        static vg_lookup_result res;
        if (vg_service_lookup(svc, &op, &r, &res, &err)) {
            fprintf(stderr, "lookup: %s: %s\n", err.where, err.why);
            return 1;
        }
        bool flag = res.has_briefing && res.briefing.flags.repeat_victim;
        no_match += !res.has_briefing;
        tally[asb][truth.repeat_victim][flag]++;
    }
    printf("calls from %s: %ld victims and callers looked up (%ld without a match above the threshold)\n", from, seen,
           no_match);
    printf("kind,true_repeat_victims,flagged_correctly,missed,flagged_wrongly,not_repeat_not_flagged,recall,precision\n");
    for (int b = 0; b < 2; b++)
        for (int k = 0; k < 2; k++) {
            long(*t)[2][2] = b ? base : tally;
            long tp = t[k][1][1], fn = t[k][1][0], fp = t[k][0][1], tn = t[k][0][0];
            printf("%s%s,%ld,%ld,%ld,%ld,%ld,%.4f,%.4f\n", k ? "asb" : "crime", b ? " (own record only)" : "", tp + fn, tp,
                   fn, fp, tn, tp + fn ? (double)tp / (double)(tp + fn) : 1.0, tp + fp ? (double)tp / (double)(tp + fp) : 1.0);
        }
    sqlite3_finalize(q);
    sqlite3_finalize(tq);
    sqlite3_close(db);
    vg_store_close(st);
    vg_service_close(svc);
    return 0;
}
