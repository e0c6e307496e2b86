/* cmd_export.c - `vigil export police-uk --month YYYY-MM --out DIR`. */
#include "cli/cli.h"

#include <getopt.h>
#include <string.h>

int vg_cmd_export(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"month", required_argument, NULL, 'm'},
                                         {"out", required_argument, NULL, 'o'},
                                         {NULL, 0, NULL, 0}};
    int month = 0;
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
        } else
            return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
    }
    if (optind >= argc || strcmp(argv[optind], "police-uk") != 0)
        return vg_cli_usage_error(cli, "say what to export: police-uk");
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
