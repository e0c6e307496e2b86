/* cmd_analyse.c - `vigil analyse near-repeat|hotspots|repeats|trends`: the analyses of
 * recorded crime, from a CSV file (io + analysis, no database) or from the records
 * (through the service, audited). */
#include "cli/cli.h"
#include "analysis/knox.h"
#include "base/alloc.h"
#include "base/buf.h"
#include "io/json_out.h"
#include "io/knox_render.h"
#include "io/points.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the events come from: --input FILE, or the records (--from/--to/--crime-type/--area). */
typedef struct source_opts {
    const char *input;
    vg_points_options csv;
    const char *from, *to, *crime_type, *area;
    char label[512];
} source_opts;

typedef struct events {
    vg_knox_point *p;
    size_t n, skipped;
    vg_points csv; /* when read from a file */
    char grid[16];
} events;

/* Handles the source options; 1 if ch was one of them, -1 on a bad value (reported). */
static int source_option(vg_cli *cli, source_opts *s, int ch, int *rc)
{
    switch (ch) {
    case 'i': s->input = optarg; return 1;
    case 'D':
        if (!vg_date_order_parse(optarg, &s->csv.dates)) {
            *rc = vg_cli_usage_error(cli, "--date-format must be yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy, not '%s'", optarg);
            return -1;
        }
        return 1;
    case 'L': s->csv.lonlat = true; return 1;
    case 'F': s->from = optarg; return 1;
    case 'T': s->to = optarg; return 1;
    case 'C': s->crime_type = optarg; return 1;
    case 'A': s->area = optarg; return 1;
    default: return 0;
    }
}

#define SOURCE_OPTIONS                                                                                                 \
    {"input", required_argument, NULL, 'i'}, {"date-format", required_argument, NULL, 'D'},                            \
        {"lonlat", no_argument, NULL, 'L'}, {"from", required_argument, NULL, 'F'},                                    \
        {"to", required_argument, NULL, 'T'}, {"crime-type", required_argument, NULL, 'C'},                            \
        {"area", required_argument, NULL, 'A'}, {"db", required_argument, NULL, 'd'}

static void free_events(events *ev)
{
    if (ev->p == ev->csv.p)
        vg_points_free(&ev->csv);
    else
        vg_free(ev->p);
    memset(ev, 0, sizeof *ev);
}

static int load_events(vg_cli *cli, source_opts *s, events *ev)
{
    memset(ev, 0, sizeof *ev);
    vg_error err;
    vg_error_clear(&err);
    if (s->input) {
        if (s->from || s->to || s->crime_type || s->area)
            return vg_cli_usage_error(cli, "give either --input or --from/--to/--crime-type/--area, not both");
        if (vg_points_read(s->input, &s->csv, &ev->csv, &err))
            return vg_cli_fail(cli, &err);
        ev->p = ev->csv.p;
        ev->n = ev->csv.n;
        ev->skipped = ev->csv.skipped;
        snprintf(ev->grid, sizeof ev->grid, "%s", ev->csv.grid);
        snprintf(s->label, sizeof s->label, "%s", s->input);
        if (!cli->quiet)
            for (size_t i = 0; i < ev->csv.n_first_skipped; i++)
                fprintf(cli->err, "vigil %s: %s:%llu: skipped: %s\n", cli->cmd, s->input,
                        (unsigned long long)ev->csv.first_skipped[i].line, ev->csv.first_skipped[i].why);
        if (!cli->quiet && ev->skipped > ev->csv.n_first_skipped)
            fprintf(cli->err, "vigil %s: %zu rows skipped in all\n", cli->cmd, ev->skipped);
        if (ev->n == 0 && ev->skipped > 0) { /* nothing readable: most likely the wrong --date-format or --lonlat */
            char where[600];
            snprintf(where, sizeof where, "%s:%llu", s->input, (unsigned long long)ev->csv.first_skipped[0].line);
            vg_error_set(&err, VG_ERR_INVALID_INPUT, where, "no readable row (all %zu skipped; the first: %s)", ev->skipped,
                         ev->csv.first_skipped[0].why);
            free_events(ev);
            return vg_cli_fail(cli, &err);
        }
        return VG_EXIT_OK;
    }
    if (!s->from || !s->to)
        return vg_cli_usage_error(cli, "give --input FILE.csv, or --from YYYY-MM and --to YYYY-MM for the records");
    vg_month mf, mt;
    if (!vg_month_parse(vg_str_c(s->from), &mf))
        return vg_cli_usage_error(cli, "--from must be YYYY-MM, not '%s'", s->from);
    if (!vg_month_parse(vg_str_c(s->to), &mt))
        return vg_cli_usage_error(cli, "--to must be YYYY-MM, not '%s'", s->to);
    if (mt < mf)
        return vg_cli_usage_error(cli, "--to %s is before --from %s", s->to, s->from);
    vg_service *svc;
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    vg_area_ref area = {0};
    vg_crime_query q = {0, vg_month_first_day(mf), vg_month_first_day(mt + 1), s->crime_type};
    vg_err e = s->area ? vg_service_area_find(svc, &actor, s->area, &area, &err) : VG_OK;
    q.area = area.id;
    if (!e)
        e = vg_service_crime_points(svc, &actor, &q, &ev->p, &ev->n, &err);
    vg_service_close(svc);
    if (e)
        return vg_cli_fail(cli, &err);
    snprintf(s->label, sizeof s->label, "recorded crimes%s%s, %s to %s%s%s", s->crime_type ? ": " : "",
             s->crime_type ? s->crime_type : "", s->from, s->to, s->area ? ", " : "", s->area ? area.name : "");
    return VG_EXIT_OK;
}

/* "0,0.1,200" into b (at most max); false on anything else. */
static bool parse_list(const char *s, double *b, size_t max, size_t *n)
{
    *n = 0;
    vg_str rest = vg_str_c(s);
    while (rest.n) {
        vg_str item;
        rest = vg_str_split(rest, ',', &item);
        if (*n >= max || !vg_str_to_double(vg_str_trim(item), &b[*n]))
            return false;
        (*n)++;
    }
    return *n > 0;
}

static int write_buf(vg_cli *cli, vg_err e, vg_buf *b)
{
    int rc = e || fwrite(b->ptr, 1, b->len, cli->out) != b->len ? VG_EXIT_FAILURE : VG_EXIT_OK;
    vg_buf_free(b);
    return rc;
}

static int write_json(vg_cli *cli, json_t *j)
{
    size_t len;
    char *text = vg_json_text(j, &len);
    json_decref(j);
    int rc = text && fwrite(text, 1, len, cli->out) == len && fputc('\n', cli->out) != EOF ? VG_EXIT_OK : VG_EXIT_FAILURE;
    free(text);
    return rc;
}

static int near_repeat(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {SOURCE_OPTIONS,
                                         {"distance-bands", required_argument, NULL, 's'},
                                         {"time-bands", required_argument, NULL, 't'},
                                         {"metric", required_argument, NULL, 'm'},
                                         {"permutations", required_argument, NULL, 'p'},
                                         {"seed", required_argument, NULL, 'S'},
                                         {"format", required_argument, NULL, 'f'},
                                         {NULL, 0, NULL, 0}};
    source_opts src = {0};
    double space[VG_KNOX_MAX_BANDS] = {0, 0.1, 200, 400, 600}, time[VG_KNOX_MAX_BANDS] = {0, 7, 14, 21};
    vg_knox_request q = {space, 5, time, 4, VG_KNOX_MANHATTAN, 99, 1};
    vg_format fmt = VG_FORMAT_TEXT;
    int ch, rc = VG_EXIT_OK;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        int took = source_option(cli, &src, ch, &rc);
        if (took < 0)
            return rc;
        if (took)
            continue;
        char *end;
        switch (ch) {
        case 'd': cli->db = optarg; break;
        case 's':
            if (!parse_list(optarg, space, VG_KNOX_MAX_BANDS, &q.n_space))
                return vg_cli_usage_error(cli, "--distance-bands must be comma-separated metres (e.g. 0,0.1,200,400), not '%s'", optarg);
            break;
        case 't':
            if (!parse_list(optarg, time, VG_KNOX_MAX_BANDS, &q.n_time))
                return vg_cli_usage_error(cli, "--time-bands must be comma-separated days (e.g. 0,7,14,21), not '%s'", optarg);
            break;
        case 'm':
            if (strcmp(optarg, "manhattan") == 0)
                q.metric = VG_KNOX_MANHATTAN;
            else if (strcmp(optarg, "euclidean") == 0)
                q.metric = VG_KNOX_EUCLIDEAN;
            else
                return vg_cli_usage_error(cli, "--metric must be manhattan or euclidean, not '%s'", optarg);
            break;
        case 'p': {
            long v = strtol(optarg, &end, 10);
            if (*end || end == optarg || v < 0 || v > 1000000)
                return vg_cli_usage_error(cli, "--permutations must be from 0 to 1000000, not '%s'", optarg);
            q.permutations = (int)v;
            break;
        }
        case 'S': {
            unsigned long long v = strtoull(optarg, &end, 10);
            if (*end || end == optarg || optarg[0] == '-')
                return vg_cli_usage_error(cli, "--seed must be a whole number, not '%s'", optarg);
            q.seed = v;
            break;
        }
        case 'f':
            if (!vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON | 1u << VG_FORMAT_HTML, &fmt))
                return vg_cli_usage_error(cli, "--format must be text, json or html, not '%s'", optarg);
            break;
        default: return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    events ev;
    if ((rc = load_events(cli, &src, &ev)))
        return rc;
    vg_knox_result r;
    vg_error err;
    vg_error_clear(&err);
    if (vg_knox(ev.p, ev.n, &q, &r, &err)) {
        free_events(&ev);
        err.code = err.code == VG_ERR_INVALID_INPUT ? VG_ERR_USAGE : err.code;
        return vg_cli_fail(cli, &err);
    }
    vg_knox_report rep = {&q, &r, ev.skipped, src.label, ev.grid};
    if (fmt == VG_FORMAT_JSON) {
        rc = write_json(cli, vg_knox_to_json(&rep));
    } else {
        vg_buf b;
        vg_buf_init(&b, 1 << 24);
        rc = write_buf(cli, fmt == VG_FORMAT_HTML ? vg_knox_to_html(&rep, &b) : vg_knox_to_text(&rep, &b), &b);
    }
    vg_knox_result_free(&r);
    free_events(&ev);
    return rc;
}

int vg_cmd_analyse(vg_cli *cli, int argc, char **argv)
{
    if (argc < 2)
        return vg_cli_usage_error(cli, "say which analysis: near-repeat");
    const char *what = argv[1];
    if (strcmp(what, "near-repeat") == 0)
        return near_repeat(cli, argc - 1, argv + 1);
    return vg_cli_usage_error(cli, "unknown analysis '%s' (near-repeat)", what);
}
