/* cmd_report.c - `vigil report performance`. */
#include "cli/cli.h"
#include "io/perf_render.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void text_cell(FILE *o, const vg_perf_cell *c)
{
    if (!c->available)
        fprintf(o, " %10s %9s", "-", "-");
    else if (!c->has_rate)
        fprintf(o, " %10lld %9s", (long long)c->count, "-");
    else
        fprintf(o, " %10lld %9.1f", (long long)c->count, c->rate);
}

static void text_report(FILE *o, const vg_perf_report *r)
{
    char from[32], to[32];
    vg_month_long(r->from, from, sizeof from);
    vg_month_long(r->to, to, sizeof to);
    fprintf(o, "%s: 12 months %s to %s (source: %s)\n\n", r->force.name, from, to, vg_perf_source_name(r->source));
    fprintf(o, "%-44s %10s %9s %10s %9s", "", "count", "per 1,000", "E&W", "per 1,000");
    for (int i = 0; i < r->n_compare; i++)
        fprintf(o, " %20.20s", r->compare[i].name);
    fputc('\n', o);
    for (int m = 0; m < VG_PM_COUNT; m++) {
        char label[64];
        snprintf(label, sizeof label, "%s%s", vg_perf_measure_label((vg_perf_measure)m),
                 r->force.cells[m].per_households ? " (households)" : "");
        fprintf(o, "%-44s", label);
        text_cell(o, &r->force.cells[m]);
        text_cell(o, &r->ew.cells[m]);
        for (int i = 0; i < r->n_compare; i++)
            text_cell(o, &r->compare[i].cells[m]);
        fputc('\n', o);
    }
    const vg_perf_change *ch[2] = {&r->vs_previous_year, &r->vs_4_years};
    const char *names[2] = {"previous 12 months", "12 months four years earlier"};
    fprintf(o, "\nChange in crime excluding fraud\n");
    for (int i = 0; i < 2; i++) {
        char t[32];
        vg_month_long(ch[i]->to, t, sizeof t);
        fprintf(o, "  vs %s (to %s): ", names[i], t);
        if (ch[i]->force_available)
            fprintf(o, "%s %+.1f%%", r->force.name, ch[i]->force_pct);
        else
            fprintf(o, "%s -", r->force.name);
        if (ch[i]->ew_available)
            fprintf(o, ", England and Wales %+.1f%%\n", ch[i]->ew_pct);
        else
            fprintf(o, ", England and Wales -\n");
    }
    if (r->notes[0]) {
        fprintf(o, "\nNotes\n");
        for (const char *p = r->notes; *p;) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            fprintf(o, "  - %.*s\n", (int)n, p);
            p += n + (nl ? 1 : 0);
        }
    }
}

int vg_cmd_report(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},     {"format", required_argument, NULL, 'f'},
        {"force", required_argument, NULL, 'F'},  {"to", required_argument, NULL, 't'},
        {"source", required_argument, NULL, 's'}, {"compare", required_argument, NULL, 'c'},
        {NULL, 0, NULL, 0}};
    vg_format fmt = VG_FORMAT_TEXT;
    vg_perf_request req = {.source = VG_PS_HOME_OFFICE};
    bool have_to = false;
    char compare[1024] = "";
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        vg_month m;
        switch (ch) {
        case 'd': cli->db = optarg; break;
        case 'F': req.force = optarg; break;
        case 't':
            if (!vg_month_parse(vg_str_c(optarg), &m))
                return vg_cli_usage_error(cli, "--to must be YYYY-MM, not '%s'", optarg);
            req.to = vg_month_year(m) * 100 + vg_month_num(m);
            have_to = true;
            break;
        case 's':
            if (!vg_perf_source_parse(optarg, &req.source))
                return vg_cli_usage_error(cli, "--source must be home-office, police-uk or records, not '%s'", optarg);
            break;
        case 'c': snprintf(compare, sizeof compare, "%s", optarg); break;
        case 'f':
            if (!vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON | 1u << VG_FORMAT_CSV | 1u << VG_FORMAT_HTML,
                                     &fmt))
                return vg_cli_usage_error(cli, "--format must be text, json, csv or html, not '%s'", optarg);
            break;
        default: return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc || strcmp(argv[optind], "performance") != 0)
        return vg_cli_usage_error(cli, "say which report: performance");
    if (optind + 1 < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
    if (!have_to)
        return vg_cli_usage_error(cli, "--to YYYY-MM is required");
    if (!req.force && req.source != VG_PS_RECORDS)
        return vg_cli_usage_error(cli, "--force is required with --source %s", vg_perf_source_name(req.source));
    for (char *tok = strtok(compare, ","); tok && req.n_compare < VG_PERF_MAX_COMPARE; tok = strtok(NULL, ","))
        req.compare[req.n_compare++] = tok;
    vg_service *svc;
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_perf_report *r = malloc(sizeof *r);
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    vg_err e = r ? vg_service_report_performance(svc, &actor, &req, r, &err) : vg_error_set(&err, VG_ERR_NOMEM, "report", "out of memory");
    vg_service_close(svc);
    if (e) {
        free(r);
        return vg_cli_fail(cli, &err);
    }
    rc = VG_EXIT_OK;
    if (fmt == VG_FORMAT_JSON) {
        json_t *doc = vg_perf_to_json(r);
        if (!doc || json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)) != 0)
            rc = VG_EXIT_FAILURE;
        fputc('\n', cli->out);
        json_decref(doc);
    } else if (fmt == VG_FORMAT_CSV) {
        if (!vg_perf_to_csv(r, cli->out))
            rc = VG_EXIT_FAILURE;
    } else if (fmt == VG_FORMAT_HTML) {
        vg_buf b;
        vg_buf_init(&b, 1 << 24);
        if (vg_perf_to_html(r, &b) || fwrite(b.ptr, 1, b.len, cli->out) != b.len)
            rc = VG_EXIT_FAILURE;
        vg_buf_free(&b);
    } else {
        text_report(cli->out, r);
    }
    free(r);
    return rc;
}
