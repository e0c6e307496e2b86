/* match_speed.c - first-contact lookup speed on N synthetic person records (default
 * 10 million), side by side with PostgreSQL 15 pg_trgm (GIN trigram index on the
 * normalised full name) + fuzzystrmatch on the same records and queries.
 *
 * Records come from the synthetic force's people generator (synth/variants.h): each
 * true person has one or more records with the variants real records have. Queries are
 * fresh variants of random people. Reported for each side: build time, lookup p50/p99
 * on one thread, recall@1 (the best candidate is a record of the right person) and
 * recall@10, and the speed ratio.
 *
 * usage: match_speed [--records N] [--queries Q] [--seed S] [--no-train] [--pg CONNINFO]
 * Without --pg only Vigil runs. bench/match.sh starts a throwaway PostgreSQL. */
#include "match/index.h"
#include "match/resolve.h"
#include "match/train.h"
#include "synth/variants.h"

#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(double *v, size_t n, double p)
{
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)ceil(p * (double)n) - 1;
    return v[i < n ? i : n - 1];
}

static void prepare(const vg_synth_person_rec *r, vg_match_person *p)
{
    char addr[128]; /* address and postcode, as a caller would say them */
    size_t a = strlen(r->address), pc = strlen(r->postcode);
    memcpy(addr, r->address, a);
    addr[a] = ' ';
    memcpy(addr + a + 1, r->postcode, pc + 1);
    vg_match_person_prepare(p, NULL, r->given, r->family, r->dob, r->phone[0] ? r->phone : NULL, addr, NULL, r->gender);
}

static void prepare_one(void *ctx, size_t i, int64_t *id, vg_match_person *out)
{
    const vg_synth_person_rec *all = ctx;
    *id = (int64_t)i;
    prepare(&all[i], out);
}

/* The normalised full name PostgreSQL indexes: "given family" as Vigil normalises it. */
static void full_name(const vg_synth_person_rec *r, char *out, size_t n)
{
    char g[VG_NAME_MAX], f[VG_NAME_MAX];
    vg_norm_name(r->given, strlen(r->given), g);
    vg_norm_name(r->family, strlen(r->family), f);
    snprintf(out, n, "%s %s", g, f);
}

static long peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

static int pg_exec(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok)
        fprintf(stderr, "postgres: %s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    size_t n_records = 10000000, n_queries = 2000;
    uint64_t seed = 1;
    const char *pg = NULL;
    bool train = true;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--records") == 0 && i + 1 < argc)
            n_records = (size_t)atoll(argv[++i]);
        else if (strcmp(argv[i], "--queries") == 0 && i + 1 < argc)
            n_queries = (size_t)atoll(argv[++i]);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = (uint64_t)atoll(argv[++i]);
        else if (strcmp(argv[i], "--no-train") == 0)
            train = false;
        else if (strcmp(argv[i], "--pg") == 0 && i + 1 < argc)
            pg = argv[++i];
        else {
            fprintf(stderr, "usage: match_speed [--records N] [--queries Q] [--seed S] [--pg CONNINFO]\n");
            return 2;
        }
    }
    vg_synth_people *gen;
    vg_match_index *ix;
    if (vg_synth_people_new(seed, &gen) || vg_match_index_new(&ix))
        return 1;
    uint32_t *truth = malloc(n_records * sizeof *truth);
    vg_synth_person_rec *recs = NULL;
    if (pg && !(recs = malloc(n_records * sizeof *recs))) {
        fprintf(stderr, "out of memory for the records to load into PostgreSQL\n");
        return 1;
    }
    vg_rng r;
    vg_rng_seed(&r, seed ^ 0x9e3779b97f4a7c15ULL);
    /* generate the records (not timed) */
    vg_synth_person_rec *all = recs ? recs : malloc(n_records * sizeof *all);
    if (!truth || !all) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    double t0 = now();
    for (size_t i = 0; i < n_records; i++) {
        uint32_t people = vg_synth_people_count(gen);
        if (people == 0 || vg_rng_chance(&r, 0.62)) {
            if (vg_synth_people_add(gen, &all[i]))
                return 1;
        } else {
            vg_synth_people_variant(gen, 1 + (uint32_t)vg_rng_below(&r, people), &all[i]);
        }
        truth[i] = all[i].truth;
    }
    double t1 = now();
    /* Vigil: the index build as `vigil serve` does it (prepare, add, freeze) */
    if (vg_match_index_add_parallel(ix, n_records, prepare_one, all, 2))
        return 1;
    double tf = now();
    if (vg_match_index_freeze(ix))
        return 1;
    double t2 = now();
    printf("  (prepare and add on 2 threads %.2f s, freeze %.2f s)\n", tf - t1, t2 - tf);
    size_t bytes = vg_match_index_bytes(ix);
    printf("records: %zu (%u true people), generated in %.1f s\n", n_records, vg_synth_people_count(gen), t1 - t0);
    printf("vigil: index built in %.2f s, %.0f bytes per record (%.2f GB), peak RSS %ld MB\n", t2 - t1,
           (double)bytes / (double)n_records, (double)bytes / 1e9, peak_rss_mb());
    /* queries: fresh variants of random people */
    vg_synth_person_rec *q = malloc(n_queries * sizeof *q);
    double *lat = malloc(n_queries * sizeof *lat);
    if (!q || !lat)
        return 1;
    for (size_t i = 0; i < n_queries; i++)
        vg_synth_people_variant(gen, 1 + (uint32_t)vg_rng_below(&r, vg_synth_people_count(gen)), &q[i]);
    vg_match_model m;
    vg_match_model_default(&m);
    /* the model: trained by EM on a sample, as `vigil match train` does */
    vg_match_training tr;
    double t3 = now();
    if (train) {
        if (vg_match_train(ix, &m, VG_TRAIN_PAIRS, &tr))
            return 1;
        printf("vigil: model trained by EM in %.1f s (%lld candidate pairs)\n", now() - t3, (long long)tr.candidate_pairs);
    }
    /* the resolved persons (here the true ones): each hit maps to its person and the
     * briefing draws on all of that person's records, as the service's lookup does */
    vg_match_persons *persons;
    double t4 = now();
    if (vg_match_persons_new(&persons))
        return 1;
    for (size_t i = 0; i < n_records; i++)
        if (vg_match_persons_add(persons, (int64_t)i, (int64_t)truth[i]))
            return 1;
    if (vg_match_persons_freeze(persons))
        return 1;
    printf("vigil: persons mapped (%zu records) in %.2f s\n", n_records, now() - t4);
    size_t hit1 = 0, hit10 = 0, drawn = 0;
    vg_match_hit hits[10];
    int64_t person_of[10], records[120];
    for (size_t i = 0; i < n_queries; i++) {
        vg_match_person p;
        double a = now();
        prepare(&q[i], &p);
        int nh = vg_match_index_query(ix, &m, &p, VG_MATCH_NO_RECORD, 0.001, hits, 10);
        for (int h = 0; h < nh; h++) { /* hits to persons, and every record of each */
            person_of[h] = vg_match_persons_of(persons, (int64_t)hits[h].person_id);
            drawn += vg_match_persons_records(persons, person_of[h], records, 120);
        }
        lat[i] = (now() - a) * 1e3;
        for (int h = 0; h < nh; h++)
            if (truth[hits[h].person_id] == q[i].truth) {
                hit1 += h == 0;
                hit10++;
                break;
            }
    }
    double v50 = percentile(lat, n_queries, 0.5), v99 = percentile(lat, n_queries, 0.99);
    printf("vigil: %zu lookups (hits mapped to persons, %.1f records drawn per lookup), p50 %.3f ms, p99 %.3f ms, "
           "recall@1 %.4f, recall@10 %.4f\n", n_queries, (double)drawn / (double)n_queries, v50, v99,
           (double)hit1 / (double)n_queries, (double)hit10 / (double)n_queries);
    vg_match_persons_free(persons);
    if (!pg)
        return 0;

    /* PostgreSQL: same records, same queries */
    PGconn *c = PQconnectdb(pg);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "postgres: %s", PQerrorMessage(c));
        return 1;
    }
    if (pg_exec(c, "CREATE EXTENSION IF NOT EXISTS pg_trgm") || pg_exec(c, "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch") ||
        pg_exec(c, "DROP TABLE IF EXISTS person") ||
        pg_exec(c, "CREATE UNLOGGED TABLE person (id int PRIMARY KEY, name text NOT NULL, family text NOT NULL, dob date)"))
        return 1;
    double p0 = now();
    PGresult *res = PQexec(c, "COPY person FROM STDIN");
    PQclear(res);
    char line[512];
    for (size_t i = 0; i < n_records; i++) {
        char name[2 * VG_NAME_MAX + 2], fam[VG_NAME_MAX], dob[VG_DATE_LEN] = "\\N";
        full_name(&all[i], name, sizeof name);
        vg_norm_name(all[i].family, strlen(all[i].family), fam);
        if (all[i].dob != VG_DATE_NONE)
            vg_date_format(all[i].dob, dob);
        int len = snprintf(line, sizeof line, "%zu\t%s\t%s\t%s\n", i, name, fam, dob);
        if (PQputCopyData(c, line, len) != 1)
            return 1;
    }
    if (PQputCopyEnd(c, NULL) != 1)
        return 1;
    res = PQgetResult(c);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        fprintf(stderr, "postgres copy: %s", PQerrorMessage(c));
        return 1;
    }
    PQclear(res);
    double p1 = now();
    if (pg_exec(c, "CREATE INDEX person_name_trgm ON person USING gin (name gin_trgm_ops)") ||
        pg_exec(c, "ANALYZE person"))
        return 1;
    double p2 = now();
    printf("postgres: loaded in %.1f s, GIN trigram index built in %.1f s\n", p1 - p0, p2 - p1);
    /* candidates by trigram similarity (pg_trgm's % at its default 0.3), ranked by
     * similarity plus agreement of date of birth and the family name's Double Metaphone */
    res = PQprepare(c, "q",
                    "SELECT id FROM person WHERE name % $1 "
                    "ORDER BY similarity(name, $1) + CASE WHEN dob = $2::date THEN 0.5 ELSE 0 END "
                    "+ CASE WHEN dmetaphone(family) = dmetaphone($3) THEN 0.2 ELSE 0 END DESC LIMIT 10",
                    3, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        fprintf(stderr, "postgres prepare: %s", PQerrorMessage(c));
        return 1;
    }
    PQclear(res);
    double *plat = malloc(n_queries * sizeof *plat);
    size_t ph1 = 0, ph10 = 0;
    for (size_t i = 0; i < n_queries; i++) {
        char name[2 * VG_NAME_MAX + 2], fam[VG_NAME_MAX], dob[VG_DATE_LEN] = "";
        full_name(&q[i], name, sizeof name);
        vg_norm_name(q[i].family, strlen(q[i].family), fam);
        if (q[i].dob != VG_DATE_NONE)
            vg_date_format(q[i].dob, dob);
        const char *params[3] = {name, dob[0] ? dob : NULL, fam};
        double a = now();
        res = PQexecPrepared(c, "q", 3, params, NULL, NULL, 0);
        plat[i] = (now() - a) * 1e3;
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            fprintf(stderr, "postgres query: %s", PQerrorMessage(c));
            return 1;
        }
        for (int h = 0; h < PQntuples(res); h++)
            if (truth[atol(PQgetvalue(res, h, 0))] == q[i].truth) {
                ph1 += h == 0;
                ph10++;
                break;
            }
        PQclear(res);
    }
    double g50 = percentile(plat, n_queries, 0.5), g99 = percentile(plat, n_queries, 0.99);
    printf("postgres: %zu lookups, p50 %.3f ms, p99 %.3f ms, recall@1 %.4f, recall@10 %.4f\n", n_queries, g50, g99,
           (double)ph1 / (double)n_queries, (double)ph10 / (double)n_queries);
    printf("ratio (postgres / vigil): p50 %.0fx, p99 %.0fx; recall@1 %+.4f, recall@10 %+.4f (vigil - postgres)\n",
           g50 / v50, g99 / v99, (double)(hit1 - ph1) / (double)n_queries, ((double)hit10 - (double)ph10) / (double)n_queries);
    PQfinish(c);
    return 0;
}
