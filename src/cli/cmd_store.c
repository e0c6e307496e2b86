/* cmd_store.c - `vigil init` and `vigil stats`. */
#include "cli/cli.h"
#include "domain/offence.h"
#include "service/service.h"

#include <getopt.h>
#include <jansson.h>
#include <string.h>

static int bad_option(vg_cli *cli, char **argv)
{
    return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
}

int vg_cmd_init(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'd')
            cli->db = optarg;
        else
            return bad_option(cli, argv);
    }
    if (optind < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    vg_service *svc;
    int orc = vg_cli_open(cli, VG_SERVICE_CREATE, &svc);
    if (orc)
        return orc;
    vg_error err;
    vg_error_clear(&err);
    int version = 0;
    vg_err e = vg_service_schema_version(svc, &version, &err);
    vg_service_close(svc);
    if (e)
        return vg_cli_fail(cli, &err);
    if (!cli->quiet)
        fprintf(cli->out, "%s: Vigil database ready (schema version %d)\n", cli->db, version);
    return VG_EXIT_OK;
}

static void stats_text(FILE *out, const vg_stats *s)
{
    fprintf(out, "Records\n");
    for (int k = 0; k < s->record_kinds; k++)
        fprintf(out, "  %-40s %10lld\n", s->record_names[k], (long long)s->records[k]);
    fprintf(out, "\nIncidents by category\n");
    for (int c = 0; c < VG_CAT_COUNT; c++)
        fprintf(out, "  %-40s %10lld\n", vg_category_name((vg_category)c), (long long)s->incidents_by_category[c]);
    fprintf(out, "  %-40s %10lld\n", "all ASB", (long long)s->incidents_asb);
    fprintf(out, "\nRecorded crimes by ONS offence group\n");
    for (int g = 0; g < VG_GRP_COUNT; g++)
        fprintf(out, "  %-40s %10lld\n", vg_group_label((vg_ons_group)g), (long long)s->crimes_by_group[g]);
    fprintf(out, "  %-40s %10lld\n", "Crime excluding fraud", (long long)s->crimes_excluding_fraud);
    fprintf(out, "  %-40s %10lld\n", "Victim-based crime", (long long)s->crimes_victim_based);
    if (s->crimes_unknown_code)
        fprintf(out, "  %-40s %10lld\n", "Unknown offence code", (long long)s->crimes_unknown_code);
    fprintf(out, "\nOfficial open data\n");
    fprintf(out, "  %-40s %10lld\n", "police.uk files", (long long)(s->od_files[0] + s->od_files[1] + s->od_files[2]));
    fprintf(out, "  %-40s %10lld\n", "police.uk street rows", (long long)s->od_rows[0]);
    fprintf(out, "  %-40s %10lld\n", "  of which ASB", (long long)s->od_asb_rows);
    fprintf(out, "  %-40s %10lld\n", "police.uk outcome rows", (long long)s->od_rows[1]);
    fprintf(out, "  %-40s %10lld\n", "police.uk stop-and-search rows", (long long)s->od_rows[2]);
    fprintf(out, "  %-40s %10lld\n", "Home Office recorded-crime rows", (long long)s->ho_rows);
    fprintf(out, "  %-40s %10lld\n", "population estimates", (long long)s->population_rows);
    fprintf(out, "  %-40s %10lld\n", "household counts", (long long)s->household_rows);
    fprintf(out, "\nCrimes transferred or cancelled\n");
    fprintf(out, "  %-40s %10lld\n", "transferred", (long long)s->crimes_by_status[VG_CRIME_TRANSFERRED]);
    fprintf(out, "  %-40s %10lld\n", "cancelled", (long long)s->crimes_by_status[VG_CRIME_CANCELLED]);
}

static int stats_json(FILE *out, const vg_stats *s)
{
    json_t *records = json_object(), *cats = json_object(), *groups = json_object();
    for (int k = 0; k < s->record_kinds; k++)
        json_object_set_new(records, s->record_names[k], json_integer(s->records[k]));
    for (int c = 0; c < VG_CAT_COUNT; c++)
        json_object_set_new(cats, vg_category_name((vg_category)c), json_integer(s->incidents_by_category[c]));
    for (int g = 0; g < VG_GRP_COUNT; g++)
        json_object_set_new(groups, vg_group_label((vg_ons_group)g), json_integer(s->crimes_by_group[g]));
    json_t *od = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "files",
        (json_int_t)(s->od_files[0] + s->od_files[1] + s->od_files[2]), "street_rows", (json_int_t)s->od_rows[0],
        "asb_rows", (json_int_t)s->od_asb_rows, "outcome_rows", (json_int_t)s->od_rows[1], "stop_search_rows",
        (json_int_t)s->od_rows[2], "home_office_rows", (json_int_t)s->ho_rows, "population_rows",
        (json_int_t)s->population_rows, "household_rows", (json_int_t)s->household_rows);
    json_t *doc = json_pack("{s:o, s:{s:o, s:I}, s:{s:I, s:I, s:I, s:o, s:I, s:I, s:I}, s:o}",
        "records", records,
        "incidents", "by_category", cats, "asb", (json_int_t)s->incidents_asb,
        "crimes", "recorded", (json_int_t)s->crimes_by_status[VG_CRIME_RECORDED],
                  "transferred", (json_int_t)s->crimes_by_status[VG_CRIME_TRANSFERRED],
                  "cancelled", (json_int_t)s->crimes_by_status[VG_CRIME_CANCELLED],
                  "by_ons_group", groups,
                  "crime_excluding_fraud", (json_int_t)s->crimes_excluding_fraud,
                  "victim_based_crime", (json_int_t)s->crimes_victim_based,
                  "unknown_offence_code", (json_int_t)s->crimes_unknown_code,
        "open_data", od);
    if (!doc)
        return VG_EXIT_FAILURE;
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(doc);
    return rc == 0 ? VG_EXIT_OK : VG_EXIT_FAILURE;
}

int vg_cmd_stats(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"format", required_argument, NULL, 'f'}, {NULL, 0, NULL, 0}};
    vg_format fmt = VG_FORMAT_TEXT;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'd')
            cli->db = optarg;
        else if (ch == 'f') {
            if (!vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON, &fmt))
                return vg_cli_usage_error(cli, "--format must be text or json, not '%s'", optarg);
        } else
            return bad_option(cli, argv);
    }
    if (optind < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    vg_service *svc;
    int orc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (orc)
        return orc;
    vg_error err;
    vg_error_clear(&err);
    vg_stats st;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    vg_err e = vg_service_stats(svc, &actor, &st, &err);
    vg_service_close(svc);
    if (e)
        return vg_cli_fail(cli, &err);
    if (fmt == VG_FORMAT_JSON)
        return stats_json(cli->out, &st);
    stats_text(cli->out, &st);
    return VG_EXIT_OK;
}
