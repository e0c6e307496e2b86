/* cmd_export.c - `vigil export police-uk --month YYYY-MM --out DIR` and
 * `vigil export facts --from YYYY-MM --to YYYY-MM --out DIR`. */
#include "cli/cli.h"

#include <getopt.h>
#include <string.h>

static int export_facts(vg_cli *cli, int argc, char **argv, vg_month from, vg_month to, bool period, const char *out)
{
    if (optind + 1 < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
    if (!period || !out)
        return vg_cli_usage_error(cli, "--from YYYY-MM, --to YYYY-MM and --out DIR are required");
    if (to < from)
        return vg_cli_usage_error(cli, "--to is before --from");
    vg_service *svc;
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_export_facts_summary sum;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    vg_err e = vg_service_export_facts(svc, &actor, from, to, out, &sum, &err);
    vg_service_close(svc);
    if (e)
        return vg_cli_fail(cli, &err);
    if (!cli->quiet)
        fprintf(cli->out, "wrote %s: %lld crimes, %lld incidents, %lld outcomes in %d files (CSV by year and force)\n", out,
                (long long)sum.crimes, (long long)sum.incidents, (long long)sum.outcomes, sum.files);
    return VG_EXIT_OK;
}

int vg_cmd_export(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"month", required_argument, NULL, 'm'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"from", required_argument, NULL, 'f'},
                                         {"to", required_argument, NULL, 't'},
                                         {NULL, 0, NULL, 0}};
    int month = 0;
    vg_month from = 0, to = 0;
    bool has_from = false, has_to = false;
    const char *out = NULL;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        vg_month m;
        if (ch == 'd')
            cli->db = optarg;
        else if (ch == 'o')
            out = optarg;
        else if (ch == 'm') {
            if (!vg_month_parse(vg_str_c(optarg), &m))
                return vg_cli_usage_error(cli, "--month must be YYYY-MM, not '%s'", optarg);
            month = vg_month_year(m) * 100 + vg_month_num(m);
        } else if (ch == 'f' || ch == 't') {
            if (!vg_month_parse(vg_str_c(optarg), &m))
                return vg_cli_usage_error(cli, "--%s must be YYYY-MM, not '%s'", ch == 'f' ? "from" : "to", optarg);
            *(ch == 'f' ? &from : &to) = m;
            *(ch == 'f' ? &has_from : &has_to) = true;
        } else
            return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
    }
    if (optind < argc && strcmp(argv[optind], "facts") == 0)
        return export_facts(cli, argc, argv, from, to, has_from && has_to, out);
    if (optind >= argc || strcmp(argv[optind], "police-uk") != 0)
        return vg_cli_usage_error(cli, "say what to export: police-uk or facts");
    if (optind + 1 < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
    if (!month || !out)
        return vg_cli_usage_error(cli, "--month YYYY-MM and --out DIR are required");
    vg_service *svc;
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_export_summary sum;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    vg_err e = vg_service_export_police_uk(svc, &actor, month, out, &sum, &err);
    vg_service_close(svc);
    if (e)
        return vg_cli_fail(cli, &err);
    if (!cli->quiet) {
        fprintf(cli->out, "wrote %s (%lld crimes, %lld ASB incidents)\n", sum.street_path, (long long)sum.crimes,
                (long long)sum.asb);
        fprintf(cli->out, "wrote %s (%lld outcomes)\n", sum.outcomes_path, (long long)sum.outcomes);
        fprintf(cli->out, "  %lld anonymous map points (%lld dropped: catchment of 1 to 7 addresses; %d rounds)",
                (long long)sum.points, (long long)sum.points_dropped, sum.rounds);
        if (sum.without_location)
            fprintf(cli->out, "; %lld rows without a location", (long long)sum.without_location);
        fputc('\n', cli->out);
    }
    return VG_EXIT_OK;
}
