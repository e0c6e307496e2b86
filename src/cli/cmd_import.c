/* cmd_import.c - `vigil import police-uk|recorded-crime|population|households|persons`. */
#include "cli/cli.h"
#include "io/csv.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <jansson.h>
#include <string.h>

typedef struct bad_sink {
    FILE *f;
    bool failed;
} bad_sink;

static void write_bad_row(void *ctx, const char *file, uint64_t line, const char *reason, const char *raw, size_t len)
{
    bad_sink *b = ctx;
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)line);
    bool ok = vg_csv_write_field(b->f, file, strlen(file)) && fputc(',', b->f) != EOF &&
              fputs(num, b->f) != EOF && fputc(',', b->f) != EOF &&
              vg_csv_write_field(b->f, reason, strlen(reason)) && fputc(',', b->f) != EOF &&
              vg_csv_write_field(b->f, raw, len) && fputc('\n', b->f) != EOF;
    b->failed |= !ok;
}

typedef struct kv {
    const char *k;
    int64_t v;
} kv;

typedef struct kv_list {
    kv *items;
    size_t n;
} kv_list;

static int collect(void *ctx, const char *key, size_t len, int64_t value)
{
    (void)len; /* keys are NUL-terminated copies */
    kv_list *l = ctx;
    l->items[l->n++] = (kv){key, value};
    return 0;
}

static int cmp_kv(const void *a, const void *b) { return strcmp(((const kv *)a)->k, ((const kv *)b)->k); }

/* The map as a JSON object with sorted keys (stable output). */
static json_t *map_json(const vg_strmap *m)
{
    json_t *o = json_object();
    kv_list l = {calloc(vg_strmap_count(m) + 1, sizeof(kv)), 0};
    if (!o || !l.items) {
        free(l.items);
        return o;
    }
    vg_strmap_each(m, collect, &l);
    qsort(l.items, l.n, sizeof *l.items, cmp_kv);
    for (size_t i = 0; i < l.n; i++)
        json_object_set_new(o, l.items[i].k, json_integer(l.items[i].v));
    free(l.items);
    return o;
}

static void map_text(FILE *out, const char *title, const vg_strmap *m)
{
    if (!vg_strmap_count(m))
        return;
    json_t *o = map_json(m);
    const char *k;
    json_t *v;
    fprintf(out, "  %s:\n", title);
    json_object_foreach(o, k, v) fprintf(out, "    %-44s %10lld\n", k, (long long)json_integer_value(v));
    json_decref(o);
}

static int print_summary(vg_cli *cli, const char *what, const vg_import_summary *s, vg_format fmt)
{
    if (fmt == VG_FORMAT_JSON) {
        json_t *doc;
        if (strcmp(what, "police-uk") == 0)
            doc = json_pack("{s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:I, s:I, s:I, s:o, s:o}", "files", (json_int_t)s->files,
                            "rows", (json_int_t)s->rows, "asb", (json_int_t)s->asb, "crimes", (json_int_t)s->crimes,
                            "rejected", (json_int_t)s->rejected, "unknown_types", map_json(s->unknown_types),
                            "outcomes", (json_int_t)s->outcomes, "stop_searches", (json_int_t)s->stop_searches,
                            "replaced", (json_int_t)s->replaced, "no_location", (json_int_t)s->no_location,
                            "legacy_types", map_json(s->legacy_types), "unknown_outcomes", map_json(s->unknown_outcomes));
        else
            doc = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "files", (json_int_t)s->files, "rows",
                            (json_int_t)s->rows, "rejected", (json_int_t)s->rejected, "areas", (json_int_t)s->areas,
                            "first", (json_int_t)s->first_period, "last", (json_int_t)s->last_period,
                            "dates_corrected", (json_int_t)s->dates_corrected, "negative_counts",
                            (json_int_t)s->negative_counts, "unknown_offences", map_json(s->unknown_types));
        if (doc && s->local_authorities)
            json_object_set_new(doc, "local_authorities",
                                json_pack("{s:I, s:I, s:I, s:I, s:o}", "summed", (json_int_t)s->local_authorities,
                                          "outside_england_wales", (json_int_t)s->outside, "aggregates_left_out",
                                          (json_int_t)s->aggregates, "lookup_year", (json_int_t)s->lookup_year,
                                          "placed_through_code_changes", map_json(s->recoded)));
        if (!doc)
            return VG_EXIT_FAILURE;
        json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', cli->out);
        json_decref(doc);
        return VG_EXIT_OK;
    }
    if (cli->quiet)
        return VG_EXIT_OK;
    FILE *o = cli->out;
    fprintf(o, "imported %s: %lld file(s), %lld rows", what, (long long)s->files, (long long)s->rows);
    if (s->rejected)
        fprintf(o, ", %lld bad rows skipped", (long long)s->rejected);
    fputc('\n', o);
    if (strcmp(what, "police-uk") == 0) {
        fprintf(o, "  crimes %lld, ASB %lld, outcomes %lld, stop and search %lld, without location %lld\n",
                (long long)s->crimes, (long long)s->asb, (long long)s->outcomes, (long long)s->stop_searches,
                (long long)s->no_location);
        if (s->replaced)
            fprintf(o, "  %lld file(s) replaced what an earlier import of the same force, month and kind wrote\n",
                    (long long)s->replaced);
        map_text(o, "legacy crime types (kept as data)", s->legacy_types);
        map_text(o, "unknown crime types (kept as data)", s->unknown_types);
        map_text(o, "unknown outcomes (kept as data)", s->unknown_outcomes);
    } else {
        fprintf(o, "  %lld areas, %lld to %lld\n", (long long)s->areas, (long long)s->first_period,
                (long long)s->last_period);
        if (s->dates_corrected)
            fprintf(o, "  %lld rows dated one day before a month end were read as that month's end\n",
                    (long long)s->dates_corrected);
        if (s->negative_counts)
            fprintf(o, "  %lld negative totals kept as published\n", (long long)s->negative_counts);
        map_text(o, "offences not in the reference table (kept as data)", s->unknown_types);
        if (s->local_authorities) {
            fprintf(o, "  %lld local authorit%s summed into force areas", (long long)s->local_authorities,
                    s->local_authorities == 1 ? "y" : "ies");
            if (s->lookup_year)
                fprintf(o, " through a lookup of %lld codes", (long long)s->lookup_year);
            fputc('\n', o);
            if (s->outside)
                fprintf(o, "  %lld local authorit%s of Scotland and Northern Ireland left out (in no force area of England and Wales)\n",
                        (long long)s->outside, s->outside == 1 ? "y" : "ies");
            if (s->aggregates)
                fprintf(o, "  %lld row%s for counties, regions and countries left out (sums of the local authorities)\n",
                        (long long)s->aggregates, s->aggregates == 1 ? "" : "s");
            if (vg_strmap_count(s->recoded)) {
                json_t *m = map_json(s->recoded);
                const char *k;
                json_t *v;
                fprintf(o, "  placed through local-authority code changes:\n");
                json_object_foreach(m, k, v) fprintf(o, "    %s\n", k);
                json_decref(m);
            }
        }
    }
    return VG_EXIT_OK;
}

/* vigil import persons FILE --map SPEC */
static int import_persons(vg_cli *cli, const char *path, const char *map, vg_format fmt)
{
    vg_service *svc;
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_actor a;
    vg_cli_actor(cli, &a);
    vg_persons_import sum;
    vg_err e = vg_service_import_persons(svc, &a, path, map, &sum, &err);
    vg_service_close(svc);
    if (e)
        return vg_cli_fail(cli, &err);
    const vg_match_resolve_report *p = &sum.resolved;
    if (fmt == VG_FORMAT_JSON) {
        json_t *doc = json_pack("{s:s, s:I, s:I, s:I, s:I, s:{s:I, s:I, s:I, s:f}}", "import", "persons", "records",
                                (json_int_t)sum.rows, "with_dob", (json_int_t)sum.with_dob, "with_phone",
                                (json_int_t)sum.with_phone, "with_address", (json_int_t)sum.with_address, "resolved",
                                "records", (json_int_t)p->records, "persons", (json_int_t)p->persons, "kept_apart",
                                (json_int_t)p->refused, "seconds", p->seconds);
        if (!doc)
            return VG_EXIT_FAILURE;
        json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', cli->out);
        json_decref(doc);
        return VG_EXIT_OK;
    }
    fprintf(cli->out, "imported persons: %zu person records (%zu with a date of birth, %zu a phone, %zu a home address)\n",
            sum.rows, sum.with_dob, sum.with_phone, sum.with_address);
    if (sum.resolve_failed[0]) {
        fprintf(cli->err, "vigil import: the records are imported, but resolving them into persons failed (%s); run "
                          "vigil match resolve\n", sum.resolve_failed);
        return VG_EXIT_FAILURE;
    }
    fprintf(cli->out, "  resolved: the store's %zu person records are %zu persons (%.1f s)\n", p->records, p->persons,
            p->seconds);
    return VG_EXIT_OK;
}

int vg_cmd_import(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"skip-bad", required_argument, NULL, 's'},
                                         {"lookup", required_argument, NULL, 'l'},
                                         {"map", required_argument, NULL, 'm'},
                                         {NULL, 0, NULL, 0}};
    vg_format fmt = VG_FORMAT_TEXT;
    const char *skip = NULL, *lookup = NULL, *map = NULL;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'd')
            cli->db = optarg;
        else if (ch == 's')
            skip = optarg;
        else if (ch == 'l')
            lookup = optarg;
        else if (ch == 'm')
            map = optarg;
        else if (ch == 'f') {
            if (!vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON, &fmt))
                return vg_cli_usage_error(cli, "--format must be text or json, not '%s'", optarg);
        } else
            return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
    }
    if (optind >= argc)
        return vg_cli_usage_error(cli, "say what to import: police-uk, recorded-crime, population, households or persons");
    const char *what = argv[optind++];
    if (strcmp(what, "persons") == 0) {
        if (optind + 1 != argc)
            return vg_cli_usage_error(cli, "import persons takes one file");
        if (!map)
            return vg_cli_usage_error(cli, "import persons needs --map source_id=COL,family=COL,... (see vigil import --help)");
        if (skip || lookup)
            return vg_cli_usage_error(cli, "import persons takes no --skip-bad or --lookup: a bad row rejects the file");
        return import_persons(cli, argv[optind], map, fmt);
    }
    if (map)
        return vg_cli_usage_error(cli, "--map is for import persons");
    bool puk = strcmp(what, "police-uk") == 0, hh = strcmp(what, "households") == 0,
         pop = strcmp(what, "population") == 0;
    if (!puk && !hh && !pop && strcmp(what, "recorded-crime") != 0)
        return vg_cli_usage_error(cli, "unknown import '%s': police-uk, recorded-crime, population or households", what);
    if (lookup && !hh && !pop)
        return vg_cli_usage_error(cli, "--lookup is for population and households by local authority");
    if (optind >= argc)
        return vg_cli_usage_error(cli, "import %s needs a file%s", what, puk ? " or folder" : "");
    if (!puk && argc - optind > 1)
        return vg_cli_usage_error(cli, "import %s takes one file", what);
    bad_sink sink = {NULL, false};
    vg_import_options io = {.progress = !cli->quiet && fmt == VG_FORMAT_TEXT, .lookup = lookup};
    if (skip) {
        if (!(sink.f = fopen(skip, "w"))) {
            fprintf(cli->err, "vigil import: %s: cannot write: %s\n", skip, strerror(errno));
            return VG_EXIT_FAILURE;
        }
        fputs("file,line,reason,row\n", sink.f);
        io.skip_bad = true;
        io.on_bad_row = write_bad_row;
        io.ctx = &sink;
    }
    vg_service *svc;
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc) {
        if (sink.f)
            fclose(sink.f);
        return rc;
    }
    vg_error err;
    vg_error_clear(&err);
    vg_import_summary sum;
    vg_actor a;
    vg_cli_actor(cli, &a);
    vg_err e = puk ? vg_service_import_police_uk(svc, &a, (const char *const *)argv + optind, (size_t)(argc - optind), &io,
                                                 &sum, &err)
               : hh  ? vg_service_import_households(svc, &a, argv[optind], &io, &sum, &err)
               : pop ? vg_service_import_population(svc, &a, argv[optind], &io, &sum, &err)
                     : vg_service_import_recorded_crime(svc, &a, argv[optind], &io, &sum, &err);
    vg_service_close(svc);
    if (sink.f && (fclose(sink.f) != 0 || sink.failed) && !e) {
        fprintf(cli->err, "vigil import: %s: write failed\n", skip);
        vg_import_summary_free(&sum);
        return VG_EXIT_FAILURE;
    }
    if (e) {
        vg_import_summary_free(&sum);
        return vg_cli_fail(cli, &err);
    }
    rc = print_summary(cli, what, &sum, fmt);
    vg_import_summary_free(&sum);
    return rc;
}
