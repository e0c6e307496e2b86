/* cmd_synth.c - `vigil synth` and `vigil demo`. */
#include "cli/cli.h"
#include "base/str.h"
#include "service/service.h"

#include <getopt.h>
#include <jansson.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void report_text(FILE *out, const vg_synth_report *r, double secs)
{
    fprintf(out, "%s: synthetic force generated in %.1f s\n", r->force_name, secs);
    fprintf(out, "  resident population       %10lld\n", (long long)r->population);
    fprintf(out, "  households (addresses)    %10lld\n", (long long)r->households);
    fprintf(out, "  local authorities         %10lld\n", (long long)r->local_authorities);
    fprintf(out, "  neighbourhoods            %10lld\n", (long long)r->neighbourhoods);
    fprintf(out, "  LSOAs                     %10lld\n", (long long)r->lsoas);
    fprintf(out, "  places                    %10lld\n", (long long)r->places);
    fprintf(out, "  people in records         %10lld (%lld person records)\n", (long long)r->true_persons,
            (long long)r->person_records);
    fprintf(out, "  incidents                 %10lld (%lld ASB)\n", (long long)r->incidents, (long long)r->asb_incidents);
    fprintf(out, "  recorded crimes           %10lld (+%lld transferred/cancelled)\n", (long long)r->crimes,
            (long long)r->crimes_removed);
    fprintf(out, "  crime incidents uncrimed  %10lld\n", (long long)r->crime_incidents_uncrimed);
    fprintf(out, "  victims                   %10lld (%.1f%% victimised more than once)\n", (long long)r->victims,
            100 * r->repeat_victim_share);
    fprintf(out, "  top 5%% of victims suffer  %9.1f%% of person-victim crime\n", 100 * r->top5_victim_share);
    fprintf(out, "  near-repeat burglaries    %10lld\n", (long long)r->near_repeat_offspring);
    fprintf(out, "  domestic-abuse couples    %10lld\n", (long long)r->da_pairs);
    fprintf(out, "  offenders / OCGs          %10lld / %lld\n", (long long)r->offenders, (long long)r->ocgs);
}

static int report_json(FILE *out, const vg_synth_report *r, double secs)
{
    json_t *doc = json_pack(
        "{s:s, s:f, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:f, s:I, s:I, s:I, s:I}",
        "force", r->force_name, "seconds", secs, "population", (json_int_t)r->population,
        "households", (json_int_t)r->households, "local_authorities", (json_int_t)r->local_authorities,
        "neighbourhoods", (json_int_t)r->neighbourhoods, "lsoas", (json_int_t)r->lsoas,
        "places", (json_int_t)r->places, "true_persons", (json_int_t)r->true_persons,
        "person_records", (json_int_t)r->person_records, "incidents", (json_int_t)r->incidents,
        "asb_incidents", (json_int_t)r->asb_incidents, "crimes", (json_int_t)r->crimes,
        "crimes_removed", (json_int_t)r->crimes_removed, "crime_incidents_uncrimed",
        (json_int_t)r->crime_incidents_uncrimed, "victims", (json_int_t)r->victims,
        "victimisations", (json_int_t)r->victimisations, "top5_victim_share", r->top5_victim_share,
        "repeat_victim_share", r->repeat_victim_share, "near_repeat_offspring", (json_int_t)r->near_repeat_offspring,
        "da_pairs", (json_int_t)r->da_pairs, "offenders", (json_int_t)r->offenders, "ocgs", (json_int_t)r->ocgs);
    if (!doc)
        return VG_EXIT_FAILURE;
    json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(doc);
    return VG_EXIT_OK;
}

/* Parses the options shared by synth and demo; returns -1 to continue or an exit code. */
static int parse_synth_options(vg_cli *cli, int argc, char **argv, vg_synth_options *o, vg_format *fmt)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},     {"seed", required_argument, NULL, 's'},
        {"scale", required_argument, NULL, 'S'},  {"from", required_argument, NULL, 'f'},
        {"months", required_argument, NULL, 'm'}, {"format", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 't'},     {NULL, 0, NULL, 0}};
    /* the period: --from and --months, --to and --months, or --from and --to; by default
     * the 12 months to the last complete month before today */
    vg_synth_options_current(o, vg_time_now());
    bool has_from = false, has_to = false, has_months = false;
    vg_month to = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        vg_str v = vg_str_c(optarg);
        int64_t months;
        switch (ch) {
        case 'd': cli->db = optarg; break;
        case 's':
            if (!vg_str_to_u64(v, &o->seed))
                return vg_cli_usage_error(cli, "--seed must be a whole number, not '%s'", optarg);
            break;
        case 'S':
            if (!vg_str_to_double(v, &o->scale) || !(o->scale > 0 && o->scale <= 10))
                return vg_cli_usage_error(cli, "--scale must be a number above 0 and at most 10, not '%s'", optarg);
            break;
        case 'f':
            if (!vg_month_parse(v, &o->from))
                return vg_cli_usage_error(cli, "--from must be YYYY-MM, not '%s'", optarg);
            has_from = true;
            break;
        case 't':
            if (!vg_month_parse(v, &to))
                return vg_cli_usage_error(cli, "--to must be YYYY-MM, not '%s'", optarg);
            has_to = true;
            break;
        case 'm':
            if (!vg_str_to_i64(v, &months) || months < 1 || months > 120)
                return vg_cli_usage_error(cli, "--months must be between 1 and 120, not '%s'", optarg);
            o->months = (int)months;
            has_months = true;
            break;
        case 'F':
            if (!fmt || !vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON, fmt))
                return vg_cli_usage_error(cli, "--format must be text or json, not '%s'", optarg);
            break;
        default: return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (has_from && has_to) {
        if (has_months)
            return vg_cli_usage_error(cli, "give two of --from, --to and --months, not all three");
        if (to < o->from || to - o->from + 1 > 120)
            return vg_cli_usage_error(cli, "--to must be from --from to 119 months after it");
        o->months = to - o->from + 1;
    } else if (has_to)
        o->from = to - o->months + 1;
    return -1;
}

static int run_synth(vg_cli *cli, vg_service *svc, const vg_synth_options *o, vg_format fmt)
{
    vg_error err;
    vg_error_clear(&err);
    vg_synth_report rep;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    if (vg_service_synth(svc, &actor, o, &rep, &err))
        return vg_cli_fail(cli, &err);
    double secs = seconds_since(&t0);
    if (fmt == VG_FORMAT_JSON)
        return report_json(cli->out, &rep, secs);
    if (!cli->quiet)
        report_text(cli->out, &rep, secs);
    return VG_EXIT_OK;
}

int vg_cmd_synth(vg_cli *cli, int argc, char **argv)
{
    vg_synth_options o;
    vg_synth_options_default(&o);
    o.progress = !cli->quiet;
    vg_format fmt = VG_FORMAT_TEXT;
    int rc = parse_synth_options(cli, argc, argv, &o, &fmt);
    if (rc >= 0)
        return rc;
    vg_service *svc;
    int orc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (orc)
        return orc;
    vg_error err;
    vg_error_clear(&err);
    rc = run_synth(cli, svc, &o, fmt);
    vg_service_close(svc);
    return rc;
}

int vg_cmd_demo(vg_cli *cli, int argc, char **argv)
{
    vg_synth_options o;
    vg_synth_options_default(&o);
    o.progress = !cli->quiet;
    if (strcmp(cli->db, "vigil.db") == 0)
        cli->db = "demo.db";
    int rc = parse_synth_options(cli, argc, argv, &o, NULL);
    if (rc >= 0)
        return rc;
    vg_service *svc;
    int orc = vg_cli_open(cli, VG_SERVICE_CREATE, &svc);
    if (orc)
        return orc;
    vg_error err;
    vg_error_clear(&err);
    vg_stats st;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    vg_err e = vg_service_stats(svc, &actor, &st, &err);
    bool fresh = !e && st.records[0] == 0;
    if (fresh)
        rc = run_synth(cli, svc, &o, VG_FORMAT_TEXT);
    else if (!e && !cli->quiet)
        fprintf(cli->out, "%s already holds the synthetic force\n", cli->db);
    if (!e && rc <= 0 && fresh) { /* the match model from the force's own records */
        vg_match_train_report tr;
        e = vg_service_match_train(svc, &actor, &tr, &err);
        if (e == VG_ERR_INVALID_INPUT) { /* a tiny force: keep the default model */
            fprintf(cli->out, "match model: the defaults (%s)\n", err.why);
            e = VG_OK;
        }
        vg_match_resolve_report rr; /* every record in its person */
        if (!e && !(e = vg_service_match_resolve(svc, &actor, &rr, &err)) && !cli->quiet)
            fprintf(cli->out, "persons resolved: %zu person records are %zu persons (%.1f s)\n", rr.records,
                    rr.persons, rr.seconds);
    }
    enum { MAX = 200 };
    vg_demo_login *logins = !e && rc <= 0 ? calloc(MAX, sizeof *logins) : NULL;
    size_t n = 0;
    if (logins)
        e = vg_service_demo_users(svc, &actor, logins, MAX, &n, &err);
    vg_service_close(svc);
    if (e) {
        free(logins);
        return vg_cli_fail(cli, &err);
    }
    if (rc > 0) {
        free(logins);
        return rc;
    }
    char *stats_argv[] = {"stats", "--db", (char *)cli->db, NULL};
    optind = 0;
    rc = vg_cmd_stats(cli, 3, stats_argv);
    if (logins) {
        fprintf(cli->out, "\ndemo logins (new passwords each run; police roles in the force, partner roles in each "
                          "partner agency):\n");
        fprintf(cli->out, "  %-44s %-22s %-26s %s\n", "username", "role", "agency", "password");
        for (size_t i = 0; i < n && i < MAX; i++)
            fprintf(cli->out, "  %-44s %-22s %-26s %s\n", logins[i].username, vg_user_role_name(logins[i].role),
                    logins[i].agency, logins[i].password);
        sodium_memzero(logins, MAX * sizeof *logins);
        free(logins);
    }
    return rc;
}
