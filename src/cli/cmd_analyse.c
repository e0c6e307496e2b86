/* cmd_analyse.c - `vigil analyse near-repeat|hotspots|repeats|trends`: the analyses of
 * recorded crime, from a CSV file (io + analysis, no database) or from the records
 * (through the service, audited). */
#include "cli/cli.h"
#include "analysis/hotspot.h"
#include "analysis/knox.h"
#include "base/alloc.h"
#include "base/buf.h"
#include "base/geo.h"
#include "io/hotspot_render.h"
#include "io/json_out.h"
#include "io/knox_render.h"
#include "io/points.h"

#include <getopt.h>
#include <math.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the events come from: --input FILE, or the records (--from/--to/--crime-type/--area). */
typedef struct source_opts {
    const char *input;
    vg_points_options csv;
    const char *from, *to, *crime_type, *area;
    bool want_outline;
    char label[512];
} source_opts;

typedef struct events {
    vg_knox_point *p;
    size_t n, skipped;
    vg_points csv;          /* when read from a file */
    char grid[16];          /* the CRS of x and y when known ("EPSG:27700" for the records) */
    double (*outline)[2];   /* the area's outline (records with --area) */
    size_t n_outline;
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
    vg_free(ev->outline);
    memset(ev, 0, sizeof *ev);
}

/* The records' period, type and area from the options, with the service opened on the
 * database (the caller closes it). */
static int records_query(vg_cli *cli, source_opts *s, vg_service **svc, vg_actor *actor, vg_area_ref *area,
                         vg_crime_query *q)
{
    if (!s->from || !s->to)
        return vg_cli_usage_error(cli, "give --input FILE.csv, or --from YYYY-MM and --to YYYY-MM for the records");
    vg_month mf, mt;
    if (!vg_month_parse(vg_str_c(s->from), &mf))
        return vg_cli_usage_error(cli, "--from must be YYYY-MM, not '%s'", s->from);
    if (!vg_month_parse(vg_str_c(s->to), &mt))
        return vg_cli_usage_error(cli, "--to must be YYYY-MM, not '%s'", s->to);
    if (mt < mf)
        return vg_cli_usage_error(cli, "--to %s is before --from %s", s->to, s->from);
    int rc = vg_cli_open_area(cli, s->area, svc, actor, area);
    if (rc)
        return rc;
    *q = (vg_crime_query){area->id, vg_month_first_day(mf), vg_month_first_day(mt + 1), s->crime_type};
    snprintf(s->label, sizeof s->label, "recorded crimes%s%s, %s to %s%s%s", s->crime_type ? ": " : "",
             s->crime_type ? s->crime_type : "", s->from, s->to, s->area ? ", " : "", s->area ? area->name : "");
    return VG_EXIT_OK;
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
    vg_service *svc;
    vg_actor actor;
    vg_area_ref area;
    vg_crime_query q;
    int rc = records_query(cli, s, &svc, &actor, &area, &q);
    if (rc)
        return rc;
    vg_err e = vg_service_crime_points(svc, &actor, &q, &ev->p, &ev->n, &err);
    if (!e && s->area && s->want_outline)
        e = vg_service_area_outline_grid(svc, &actor, area.id, &ev->outline, &ev->n_outline, &err);
    snprintf(ev->grid, sizeof ev->grid, "EPSG:27700");
    vg_service_close(svc);
    if (e) {
        free_events(ev);
        return vg_cli_fail(cli, &err);
    }
    return VG_EXIT_OK;
}


static int write_buf(vg_cli *cli, vg_err e, vg_buf *b)
{
    int rc = e || fwrite(b->ptr, 1, b->len, cli->out) != b->len ? VG_EXIT_FAILURE : VG_EXIT_OK;
    vg_buf_free(b);
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
    vg_knox_request q = {.space = space, .n_space = 5, .time = time, .n_time = 4, .metric = VG_KNOX_MANHATTAN,
                         .permutations = 99, .seed = 1};
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
            if (!vg_str_to_doubles(optarg, space, VG_KNOX_MAX_BANDS, &q.n_space))
                return vg_cli_usage_error(cli, "--distance-bands must be comma-separated metres (e.g. 0,0.1,200,400), not '%s'", optarg);
            break;
        case 't':
            if (!vg_str_to_doubles(optarg, time, VG_KNOX_MAX_BANDS, &q.n_time))
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
    memset(&ev, 0, sizeof ev);
    vg_knox_result r;
    vg_error err;
    vg_error_clear(&err);
    vg_err e;
    if (src.input) { /* a file of events: the test alone */
        if ((rc = load_events(cli, &src, &ev)))
            return rc;
        e = vg_knox(ev.p, ev.n, &q, &r, &err);
    } else { /* the records: the service's analysis, within the force's budgets */
        vg_service *svc;
        vg_actor actor;
        vg_area_ref area;
        vg_crime_query cq;
        if ((rc = records_query(cli, &src, &svc, &actor, &area, &cq)))
            return rc;
        e = vg_service_near_repeat(svc, &actor, &cq, &q, &r, &ev.n, &err);
        snprintf(ev.grid, sizeof ev.grid, "EPSG:27700");
        vg_service_close(svc);
    }
    if (e) {
        free_events(&ev);
        bool bands = strcmp(err.where, "distance-bands") == 0 || strcmp(err.where, "time-bands") == 0;
        err.code = err.code == VG_ERR_INVALID_INPUT && bands ? VG_ERR_USAGE : err.code; /* the options, not the data */
        return vg_cli_fail(cli, &err);
    }
    vg_knox_report rep = {&q, &r, ev.skipped, src.label, ev.grid};
    if (fmt == VG_FORMAT_JSON) {
        rc = vg_cli_write_json(cli, vg_knox_to_json(&rep));
    } else {
        vg_buf b;
        vg_buf_init(&b, 1 << 24);
        rc = write_buf(cli, fmt == VG_FORMAT_HTML ? vg_knox_to_html(&rep, &b) : vg_knox_to_text(&rep, &b), &b);
    }
    vg_knox_result_free(&r);
    free_events(&ev);
    return rc;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static bool positive(const char *s, double *out)
{
    return vg_str_to_double(vg_str_c(s), out) && *out > 0 && isfinite(*out);
}

typedef enum { HS_TEXT, HS_JSON, HS_CSV, HS_GEOJSON, HS_SVG, HS_HTML } hs_format;

static void hotspot_text(FILE *o, const vg_hotspot_report *r, json_t *j)
{
    fprintf(o,
            "Hotspots: %s\n%zu events (%zu on the grid, %zu rows skipped); %zu x %zu cells of %g m; quartic kernel, "
            "bandwidth %g m\nGetis-Ord Gi* over %g m each way, false-discovery rate %g: %zu hot cells, %zu cold cells\n\n",
            r->source, r->n, r->in_grid, r->skipped, r->g->nx, r->g->ny, r->g->cell, r->bandwidth, r->gi_radius_m, r->q,
            r->n_hot, r->n_cold);
    fprintf(o, "%4s %12s %12s %12s %8s %8s %s\n", "rank", "x", "y", "per km2", "events", "Gi* z", "hotspot");
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(j, "top"), i, c) {
        json_t *z = json_object_get(c, "gi_z");
        fprintf(o, "%4zu %12.1f %12.1f %12.1f %8.0f %8.2f %s\n", i + 1, json_real_value(json_object_get(c, "x")),
                json_real_value(json_object_get(c, "y")), json_real_value(json_object_get(c, "density")),
                json_real_value(json_object_get(c, "count")), json_is_real(z) ? json_real_value(z) : NAN,
                json_string_value(json_object_get(c, "hotspot")));
    }
}

static int hotspots(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {SOURCE_OPTIONS,
                                         {"cell", required_argument, NULL, 'c'},
                                         {"bandwidth", required_argument, NULL, 'b'},
                                         {"gi-radius", required_argument, NULL, 'g'},
                                         {"fdr", required_argument, NULL, 'q'},
                                         {"polygon", required_argument, NULL, 'P'},
                                         {"crs", required_argument, NULL, 'R'},
                                         {"columns", required_argument, NULL, 'N'},
                                         {"top", required_argument, NULL, 't'},
                                         {"format", required_argument, NULL, 'f'},
                                         {NULL, 0, NULL, 0}};
    source_opts src = {.csv.no_dates = true, .want_outline = true};
    double cell = 50, bandwidth = 250, gi_radius = -1, q = 0.05, top = 10;
    const char *polygon = NULL, *crs = NULL;
    char columns[256] = "";
    hs_format fmt = HS_TEXT;
    int ch, rc = VG_EXIT_OK;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        int took = source_option(cli, &src, ch, &rc);
        if (took < 0)
            return rc;
        if (took)
            continue;
        switch (ch) {
        case 'd': cli->db = optarg; break;
        case 'c':
            if (!positive(optarg, &cell))
                return vg_cli_usage_error(cli, "--cell must be a positive number of metres, not '%s'", optarg);
            break;
        case 'b':
            if (!positive(optarg, &bandwidth))
                return vg_cli_usage_error(cli, "--bandwidth must be a positive number of metres, not '%s'", optarg);
            break;
        case 'g':
            if (!vg_str_to_double(vg_str_c(optarg), &gi_radius) || gi_radius < 0)
                return vg_cli_usage_error(cli, "--gi-radius must be metres (0: the cell alone), not '%s'", optarg);
            break;
        case 'q':
            if (!positive(optarg, &q) || q >= 1)
                return vg_cli_usage_error(cli, "--fdr must be a rate between 0 and 1 (e.g. 0.05), not '%s'", optarg);
            break;
        case 't':
            if (!positive(optarg, &top) || top > 10000)
                return vg_cli_usage_error(cli, "--top must be from 1 to 10000, not '%s'", optarg);
            break;
        case 'P': polygon = optarg; break;
        case 'R': crs = optarg; break;
        case 'N': snprintf(columns, sizeof columns, "%s", optarg); break;
        case 'f': {
            static const char *const names[] = {"text", "json", "csv", "geojson", "svg", "html"};
            int k = 0;
            while (k < 6 && strcmp(optarg, names[k]) != 0)
                k++;
            if (k == 6)
                return vg_cli_usage_error(cli, "--format must be text, json, csv, geojson, svg or html, not '%s'", optarg);
            fmt = (hs_format)k;
            break;
        }
        default: return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (columns[0]) { /* --columns X,Y */
        char *comma = strchr(columns, ',');
        if (!comma || strchr(comma + 1, ','))
            return vg_cli_usage_error(cli, "--columns must name the x and y columns, e.g. lon,lat");
        *comma = 0;
        src.csv.names[0] = columns;
        src.csv.names[1] = comma + 1;
    }
    if (crs && src.csv.lonlat)
        return vg_cli_usage_error(cli, "--crs is for x,y in metres; with --lonlat the grid is chosen for you");
    events ev;
    if ((rc = load_events(cli, &src, &ev)))
        return rc;
    vg_error err;
    vg_error_clear(&err);
    if (crs)
        snprintf(ev.grid, sizeof ev.grid, "%s", crs);
    vg_geo *geo = NULL;
    if (ev.grid[0] && vg_geo_open_crs(&geo, ev.grid, &err)) {
        free_events(&ev);
        err.code = VG_ERR_USAGE;
        return vg_cli_fail(cli, &err);
    }
    if (fmt == HS_GEOJSON && !geo) {
        free_events(&ev);
        return vg_cli_usage_error(cli, "GeoJSON is in longitude/latitude: say which grid x,y are on with --crs (e.g. EPSG:27700)");
    }
    double (*ring)[2] = ev.outline;
    size_t n_ring = ev.n_outline;
    vg_err e = VG_OK;
    if (polygon) {
        vg_geo *pgeo = NULL;
        if (src.csv.lonlat && ev.grid[0])
            e = vg_geo_open_crs(&pgeo, ev.grid, &err);
        e = e ? e : vg_polygon_read(polygon, pgeo, &ring, &n_ring, &err);
        vg_geo_close(pgeo);
    }
    /* the extent: the polygon's, else the events' with the bandwidth around them */
    double xmin = INFINITY, ymin = INFINITY, xmax = -INFINITY, ymax = -INFINITY;
    if (!e && ring && n_ring) {
        for (size_t i = 0; i < n_ring; i++) {
            xmin = fmin(xmin, ring[i][0]), xmax = fmax(xmax, ring[i][0]);
            ymin = fmin(ymin, ring[i][1]), ymax = fmax(ymax, ring[i][1]);
        }
    } else {
        for (size_t i = 0; i < ev.n; i++) {
            xmin = fmin(xmin, ev.p[i].x), xmax = fmax(xmax, ev.p[i].x);
            ymin = fmin(ymin, ev.p[i].y), ymax = fmax(ymax, ev.p[i].y);
        }
        xmin -= bandwidth, ymin -= bandwidth, xmax += bandwidth, ymax += bandwidth;
    }
    if (!e && !ev.n && !(ring && n_ring))
        e = vg_error_set(&err, VG_ERR_INVALID_INPUT, src.label, "no events to map");
    vg_grid g;
    e = e ? e : vg_grid_cover(xmin, ymin, xmax, ymax, cell, &g, &err);
    size_t cells = e ? 0 : g.nx * g.ny;
    double (*xy)[2] = e ? NULL : vg_malloc((ev.n ? ev.n : 1) * sizeof *xy);
    double *density = e ? NULL : vg_malloc(cells * sizeof *density), *count = e ? NULL : vg_malloc(cells * sizeof *count);
    double *z = e ? NULL : vg_malloc(cells * sizeof *z), *p = e ? NULL : vg_malloc(cells * sizeof *p);
    int8_t *sig = e ? NULL : vg_malloc(cells);
    uint8_t *mask = !e && ring && n_ring ? vg_malloc(cells) : NULL;
    if (!e && (!xy || !density || !count || !z || !p || !sig || (ring && n_ring && !mask)))
        e = vg_error_set(&err, VG_ERR_NOMEM, "hotspots", "out of memory");
    vg_hotspot_report rep = {.g = &g, .density = density, .count = count, .z = z, .p = p, .sig = sig, .n = ev.n,
                             .skipped = ev.skipped, .bandwidth = bandwidth, .q = q, .source = src.label, .crs = ev.grid,
                             .geo = geo};
    double t_density = 0, t_gi = 0, t_fdr = 0;
    if (!e) {
        for (size_t i = 0; i < ev.n; i++)
            xy[i][0] = ev.p[i].x, xy[i][1] = ev.p[i].y;
        if (mask) {
            vg_grid_mask_polygon(&g, (const double (*)[2])ring, n_ring, mask);
            size_t in = 0;
            for (size_t k = 0; k < cells; k++)
                in += mask[k];
            if (in == cells) { /* the polygon covers the grid: no mask to apply */
                vg_free(mask);
                mask = NULL;
            }
        }
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        e = vg_kde_quartic(&g, (const double (*)[2])xy, ev.n, bandwidth, mask, density, &err);
        t_density = seconds_since(&t0);
        rep.in_grid = vg_grid_counts(&g, (const double (*)[2])xy, ev.n, count);
        int r = (int)lround((gi_radius < 0 ? cell : gi_radius) / cell);
        rep.gi_radius_m = r * cell;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        e = e ? e : vg_getis_ord(&g, count, mask, r, z, &err);
        t_gi = seconds_since(&t0);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (!e && vg_fdr(z, cells, q, sig, fmt == HS_CSV || fmt == HS_GEOJSON ? p : NULL, NULL))
            e = vg_error_set(&err, VG_ERR_NOMEM, "hotspots", "out of memory");
        if (fmt != HS_CSV && fmt != HS_GEOJSON)
            rep.p = NULL;
        t_fdr = seconds_since(&t0);
        for (size_t k = 0; k < cells && !e; k++)
            rep.n_hot += sig[k] > 0, rep.n_cold += sig[k] < 0;
    }
    if (!e) {
        vg_buf b;
        vg_buf_init(&b, (size_t)1 << 32);
        json_t *j = fmt == HS_JSON || fmt == HS_TEXT ? vg_hotspot_to_json(&rep, (size_t)top) : NULL;
        switch (fmt) {
        case HS_JSON:
            if (j) {
                json_object_set_new(j, "seconds", json_pack("{sf sf sf}", "density", t_density, "gi_star", t_gi, "fdr", t_fdr));
                rc = vg_cli_write_json(cli, json_incref(j));
            }
            break;
        case HS_TEXT: hotspot_text(cli->out, &rep, j); break;
        case HS_CSV: rc = write_buf(cli, vg_hotspot_to_csv(&rep, &b), &b); break;
        case HS_GEOJSON: rc = write_buf(cli, vg_hotspot_to_geojson(&rep, &b), &b); break;
        case HS_SVG: rc = write_buf(cli, vg_hotspot_to_svg(&rep, 800, &b), &b); break;
        case HS_HTML: rc = write_buf(cli, vg_hotspot_to_html(&rep, &b), &b); break;
        }
        json_decref(j);
        vg_buf_free(&b);
    }
    if (ring != ev.outline)
        vg_free(ring);
    vg_free(xy);
    vg_free(density);
    vg_free(count);
    vg_free(z);
    vg_free(p);
    vg_free(sig);
    vg_free(mask);
    vg_geo_close(geo);
    free_events(&ev);
    if (e) {
        if (e == VG_ERR_INVALID_INPUT && (!strcmp(err.where, "cell") || !strcmp(err.where, "bandwidth")))
            err.code = VG_ERR_USAGE;
        return vg_cli_fail(cli, &err);
    }
    return rc;
}

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static int repeats(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},   {"from", required_argument, NULL, 'F'},
                                         {"to", required_argument, NULL, 'T'},   {"area", required_argument, NULL, 'A'},
                                         {"min", required_argument, NULL, 'm'},  {"top", required_argument, NULL, 't'},
                                         {"format", required_argument, NULL, 'f'}, {NULL, 0, NULL, 0}};
    const char *from = NULL, *to = NULL, *area = NULL;
    long min = 2, top = 20;
    vg_format fmt = VG_FORMAT_TEXT;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *end;
        switch (ch) {
        case 'd': cli->db = optarg; break;
        case 'F': from = optarg; break;
        case 'T': to = optarg; break;
        case 'A': area = optarg; break;
        case 'm':
            min = strtol(optarg, &end, 10);
            if (*end || min < 2 || min > 1000)
                return vg_cli_usage_error(cli, "--min must be from 2 to 1000, not '%s'", optarg);
            break;
        case 't':
            top = strtol(optarg, &end, 10);
            if (*end || top < 1 || top > 10000)
                return vg_cli_usage_error(cli, "--top must be from 1 to 10000, not '%s'", optarg);
            break;
        case 'f':
            if (!vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON, &fmt))
                return vg_cli_usage_error(cli, "--format must be text or json, not '%s'", optarg);
            break;
        default: return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    vg_date f, t;
    if (!from || !vg_date_parse(vg_str_c(from), &f))
        return vg_cli_usage_error(cli, "--from YYYY-MM-DD is required");
    if (!to || !vg_date_parse(vg_str_c(to), &t))
        return vg_cli_usage_error(cli, "--to YYYY-MM-DD is required (the last day of the period)");
    vg_service *svc;
    vg_actor actor;
    vg_area_ref ref;
    int rc = vg_cli_open_area(cli, area, &svc, &actor, &ref);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    json_t *j;
    vg_err e = vg_service_repeats(svc, &actor, ref.id, f, t + 1, (int)min, (size_t)top, &j, &err);
    vg_service_close(svc);
    if (e) {
        if (e == VG_ERR_INVALID_INPUT)
            err.code = VG_ERR_USAGE;
        return vg_cli_fail(cli, &err);
    }
    if (fmt == VG_FORMAT_JSON)
        return vg_cli_write_json(cli, j);
    fprintf(cli->out, "Repeats %s to %s in %s (at least %ld incidents)\n", from, to, area ? ref.name : "the force", min);
    static const char *const lists[3] = {"locations", "victims", "offenders"};
    static const char *const titles[3] = {"Repeat locations", "Repeat victims", "Repeat suspects and offenders"};
    for (int k = 0; k < 3; k++) {
        json_t *arr = json_object_get(j, lists[k]), *it;
        size_t i;
        fprintf(cli->out, "\n%s (%zu)\n", titles[k], json_array_size(arr));
        json_array_foreach(arr, i, it) {
            fprintf(cli->out, "  %4lld  %-60s %s to %s\n", (long long)json_integer_value(json_object_get(it, "incidents")),
                    k ? jstr(it, "name") : jstr(it, "address"), jstr(it, "first"), jstr(it, "last"));
        }
    }
    json_decref(j);
    return VG_EXIT_OK;
}

static int trends(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},   {"week-ending", required_argument, NULL, 'w'},
                                         {"area", required_argument, NULL, 'A'}, {"all", no_argument, NULL, 'a'},
                                         {"format", required_argument, NULL, 'f'}, {NULL, 0, NULL, 0}};
    const char *week = NULL, *area = NULL;
    bool all = false;
    vg_format fmt = VG_FORMAT_TEXT;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 'd': cli->db = optarg; break;
        case 'w': week = optarg; break;
        case 'A': area = optarg; break;
        case 'a': all = true; break;
        case 'f':
            if (!vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON, &fmt))
                return vg_cli_usage_error(cli, "--format must be text or json, not '%s'", optarg);
            break;
        default: return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    vg_date last;
    if (!week || !vg_date_parse(vg_str_c(week), &last))
        return vg_cli_usage_error(cli, "--week-ending YYYY-MM-DD is required (the last day of the week assessed)");
    vg_service *svc;
    vg_actor actor;
    vg_area_ref ref;
    int rc = vg_cli_open_area(cli, area, &svc, &actor, &ref);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    json_t *j;
    vg_err e = vg_service_trends(svc, &actor, ref.id, last, all, &j, &err);
    vg_service_close(svc);
    if (e)
        return vg_cli_fail(cli, &err);
    if (fmt == VG_FORMAT_JSON)
        return vg_cli_write_json(cli, j);
    json_t *list = json_object_get(j, all ? "series" : "exceptions"), *it;
    fprintf(cli->out, "Weekly counts, week %s to %s: %lld series assessed, %zu %s\n\n", jstr(json_object_get(j, "week"), "from"),
            jstr(json_object_get(j, "week"), "to"), (long long)json_integer_value(json_object_get(j, "assessed")),
            json_array_size(list), all ? "listed" : "unusually high");
    fprintf(cli->out, "%-32s %-34s %6s %9s %7s %9s %s\n", "neighbourhood", "category", "count", "baseline", "limit", "p",
            "baseline from");
    size_t i;
    json_array_foreach(list, i, it) {
        fprintf(cli->out, "%-32.32s %-34.34s %6lld %9.2f %7.2f %9.2g %s%s\n", jstr(json_object_get(it, "neighbourhood"), "name"),
                jstr(it, "category"), (long long)json_integer_value(json_object_get(it, "count")),
                json_real_value(json_object_get(it, "baseline")), json_real_value(json_object_get(it, "upper")),
                json_real_value(json_object_get(it, "p")),
                json_is_true(json_object_get(it, "seasonal")) ? "the same weeks of earlier years" : "the weeks before",
                all && json_is_true(json_object_get(it, "exception")) ? "  HIGH" : "");
    }
    json_decref(j);
    return VG_EXIT_OK;
}

int vg_cmd_analyse(vg_cli *cli, int argc, char **argv)
{
    if (argc < 2)
        return vg_cli_usage_error(cli, "say which analysis: near-repeat, hotspots, repeats, trends");
    const char *what = argv[1];
    if (strcmp(what, "near-repeat") == 0)
        return near_repeat(cli, argc - 1, argv + 1);
    if (strcmp(what, "hotspots") == 0)
        return hotspots(cli, argc - 1, argv + 1);
    if (strcmp(what, "repeats") == 0)
        return repeats(cli, argc - 1, argv + 1);
    if (strcmp(what, "trends") == 0)
        return trends(cli, argc - 1, argv + 1);
    return vg_cli_usage_error(cli, "unknown analysis '%s' (near-repeat, hotspots, repeats, trends)", what);
}
