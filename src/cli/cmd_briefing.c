/* cmd_briefing.c - `vigil briefing` (the daily neighbourhood review) and `vigil tasking`
 * (the review's actions: add, close). */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *s_of(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static long long i_of(json_t *o, const char *k) { return (long long)json_integer_value(json_object_get(o, k)); }

static void text_briefing(FILE *o, json_t *j)
{
    json_t *area = json_object_get(j, "area"), *n = json_object_get(j, "new"), *it;
    size_t i;
    fprintf(o, "Daily review: %s (%s), %s\n", s_of(area, "name"), s_of(area, "code"), s_of(j, "date"));
    json_t *d1 = json_object_get(n, "last_24_hours"), *d7 = json_object_get(n, "last_7_days");
    fprintf(o, "\nNew in the last 24 hours: %lld incidents, %lld crimes; last 7 days: %lld incidents, %lld crimes\n",
            i_of(d1, "incidents"), i_of(d1, "crimes"), i_of(d7, "incidents"), i_of(d7, "crimes"));
    json_array_foreach(json_object_get(n, "list_24_hours"), i, it)
        fprintf(o, "  %s  %-8s %-12s %-40.40s %s\n", s_of(it, "at"), s_of(it, "kind"), s_of(it, "reference"), s_of(it, "what"),
                s_of(it, "address"));
    json_t *v = json_object_get(j, "victims");
    fprintf(o, "\nRepeat and vulnerable victims (last 7 days): %zu\n", json_array_size(v));
    json_array_foreach(v, i, it) {
        fprintf(o, "  %s (%s)%s%s, %s\n", s_of(it, "name"), json_is_string(json_object_get(it, "dob")) ? s_of(it, "dob") : "dob unknown",
                json_is_true(json_object_get(it, "repeat_victim")) ? " REPEAT" : "",
                json_is_true(json_object_get(it, "vulnerable")) ? " VULNERABLE" : "", s_of(it, "reference"));
        size_t r;
        json_t *reason;
        json_array_foreach(json_object_get(it, "reasons"), r, reason)
            fprintf(o, "      - %s\n", json_string_value(reason));
    }
    json_t *rl = json_object_get(j, "repeat_locations");
    fprintf(o, "\nRepeat locations (last 28 days, 3 or more incidents): %zu\n", json_array_size(rl));
    json_array_foreach(rl, i, it)
        fprintf(o, "  %4lld  %s\n", i_of(it, "incidents"), s_of(it, "address"));
    json_t *nr = json_object_get(j, "near_repeat"), *pat = json_object_get(nr, "pattern");
    if (json_is_object(pat) && i_of(pat, "reach_days") > 0)
        fprintf(o, "\nNear-repeat risk zones: the force's burglaries of the last year repeat within %lld m and %lld days "
                   "(Knox ratio %.2f, p %.2f)\n",
                i_of(pat, "reach_m"), i_of(pat, "reach_days"), json_real_value(json_object_get(pat, "ratio")),
                json_real_value(json_object_get(pat, "p_value")));
    else
        fprintf(o, "\nNear-repeat risk zones: no significant near-repeat pattern in the force's burglaries of the last year\n");
    json_array_foreach(json_object_get(nr, "zones"), i, it)
        fprintf(o, "  %s %s, until %s: %s\n", s_of(it, "reference"), s_of(it, "at"), s_of(it, "until"), s_of(it, "address"));
    json_t *hot = json_object_get(j, "hotspots");
    fprintf(o, "\nHotspots (crimes of the last 28 days, Gi* with FDR): %zu\n", json_array_size(hot));
    json_array_foreach(hot, i, it)
        fprintf(o, "  %.5f, %.5f  density %.1f per km2, Gi* z %.2f\n", json_real_value(json_object_get(it, "lat")),
                json_real_value(json_object_get(it, "lon")), json_real_value(json_object_get(it, "density")),
                json_real_value(json_object_get(it, "gi_z")));
    json_t *tr = json_object_get(json_object_get(j, "trend_exceptions"), "exceptions");
    fprintf(o, "\nUnusually high last week: %zu\n", json_array_size(tr));
    json_array_foreach(tr, i, it)
        fprintf(o, "  %-34s %lld (baseline %.2f, limit %.2f)\n", s_of(it, "category"), i_of(it, "count"),
                json_real_value(json_object_get(it, "baseline")), json_real_value(json_object_get(it, "upper")));
    json_t *sn = json_object_get(j, "safety_net_actions");
    fprintf(o, "\nOpen safety-net actions: %zu\n", json_array_size(sn));
    json_array_foreach(sn, i, it)
        fprintf(o, "  case %lld %s: %s (%s, due %s)%s\n", i_of(it, "case"), s_of(it, "case_title"), s_of(it, "text"),
                s_of(it, "agency"), json_is_string(json_object_get(it, "due")) ? s_of(it, "due") : "-",
                json_is_true(json_object_get(it, "overdue")) ? " OVERDUE" : "");
    json_t *ac = json_object_get(j, "actions");
    fprintf(o, "\nActions of this review: %zu\n", json_array_size(ac));
    json_array_foreach(ac, i, it) {
        bool closed = json_is_string(json_object_get(it, "closed_at"));
        fprintf(o, "  #%lld %s: %s, due %s%s%s%s\n", i_of(it, "id"), s_of(it, "owner"), s_of(it, "text"), s_of(it, "due"),
                closed ? ", closed: " : "", closed ? s_of(it, "result") : "",
                json_is_true(json_object_get(it, "overdue")) ? " OVERDUE" : "");
    }
}

int vg_cmd_briefing(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"neighbourhood", required_argument, NULL, 'n'},
                                         {"date", required_argument, NULL, 't'},
                                         {"format", required_argument, NULL, 'f'},
                                         {NULL, 0, NULL, 0}};
    const char *area = NULL, *date = NULL;
    vg_format fmt = VG_FORMAT_TEXT;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 'd': cli->db = optarg; break;
        case 'n': area = optarg; break;
        case 't': date = optarg; break;
        case 'f':
            if (!vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON, &fmt))
                return vg_cli_usage_error(cli, "--format must be text or json, not '%s'", optarg);
            break;
        default: return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (!area)
        return vg_cli_usage_error(cli, "--neighbourhood CODE|NAME is required");
    vg_date day;
    if (!date || !vg_date_parse(vg_str_c(date), &day))
        return vg_cli_usage_error(cli, "--date YYYY-MM-DD is required (the day of the meeting)");
    vg_service *svc;
    vg_actor actor;
    vg_area_ref ref;
    int rc = vg_cli_open_area(cli, area, &svc, &actor, &ref);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    json_t *j;
    vg_err e = vg_service_briefing(svc, &actor, ref.id, day, &j, &err);
    vg_service_close(svc);
    if (e)
        return vg_cli_fail(cli, &err);
    if (fmt == VG_FORMAT_JSON)
        return vg_cli_write_json(cli, j);
    text_briefing(cli->out, j);
    json_decref(j);
    return rc;
}

int vg_cmd_tasking(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},    {"neighbourhood", required_argument, NULL, 'n'},
                                         {"text", required_argument, NULL, 'x'},  {"owner", required_argument, NULL, 'o'},
                                         {"due", required_argument, NULL, 'u'},   {"result", required_argument, NULL, 'r'},
                                         {NULL, 0, NULL, 0}};
    const char *area = NULL, *text = NULL, *owner = NULL, *due = NULL, *result = NULL;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 'd': cli->db = optarg; break;
        case 'n': area = optarg; break;
        case 'x': text = optarg; break;
        case 'o': owner = optarg; break;
        case 'u': due = optarg; break;
        case 'r': result = optarg; break;
        default: return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return vg_cli_usage_error(cli, "say add or close");
    const char *verb = argv[optind];
    vg_error err;
    vg_error_clear(&err);
    vg_service *svc;
    vg_actor actor;
    if (strcmp(verb, "add") == 0) {
        vg_date d;
        if (!area || !text || !owner)
            return vg_cli_usage_error(cli, "tasking add needs --neighbourhood, --text, --owner and --due");
        if (!due || !vg_date_parse(vg_str_c(due), &d))
            return vg_cli_usage_error(cli, "--due YYYY-MM-DD is required");
        vg_area_ref ref;
        int rc = vg_cli_open_area(cli, area, &svc, &actor, &ref);
        if (rc)
            return rc;
        vg_id id;
        vg_err e = vg_service_tasking_add(svc, &actor, ref.id, text, owner, d, &id, &err);
        vg_service_close(svc);
        if (e)
            return vg_cli_fail(cli, &err);
        fprintf(cli->out, "action %lld for %s, due %s\n", (long long)id, owner, due);
        return VG_EXIT_OK;
    }
    if (strcmp(verb, "close") == 0) {
        char *end;
        long long id = optind + 1 < argc ? strtoll(argv[optind + 1], &end, 10) : 0;
        if (id <= 0 || *end)
            return vg_cli_usage_error(cli, "tasking close ID --result TEXT");
        int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
        if (rc)
            return rc;
        vg_cli_actor(cli, &actor);
        vg_err e = vg_service_tasking_close(svc, &actor, (vg_id)id, result, &err);
        vg_service_close(svc);
        if (e)
            return vg_cli_fail(cli, &err);
        fprintf(cli->out, "action %lld closed\n", id);
        return VG_EXIT_OK;
    }
    return vg_cli_usage_error(cli, "unknown tasking command '%s' (add, close)", verb);
}
