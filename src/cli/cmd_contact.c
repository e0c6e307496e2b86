/* cmd_contact.c - first contact: `vigil incident add`, `vigil lookup`, `vigil match
 * train`, and `vigil config` for the briefing's thresholds. */
#include "cli/cli.h"
#include "io/csv.h"
#include "base/alloc.h"
#include "base/file.h"
#include "base/str.h"
#include "io/contact_json.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static int print_json(vg_cli *cli, json_t *doc)
{
    if (!doc) {
        fprintf(cli->err, "vigil %s: out of memory\n", cli->cmd);
        return VG_EXIT_FAILURE;
    }
    int rc = json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    fputc('\n', cli->out);
    json_decref(doc);
    return rc == 0 ? VG_EXIT_OK : VG_EXIT_FAILURE;
}

/* Reads all of standard input. */
static char *read_stdin(size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = vg_malloc(cap);
    while (buf) {
        if (n == cap) {
            if (cap >= (size_t)64 << 20) { /* 64 MiB of incidents is not a request */
                vg_free(buf);
                return NULL;
            }
            char *nb = vg_realloc(buf, cap * 2);
            if (!nb) {
                vg_free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, stdin);
        n += got;
        if (got == 0)
            break;
    }
    *len = n;
    return buf;
}

static int incident_add(vg_cli *cli, const char *path)
{
    vg_error err;
    vg_error_clear(&err);
    vg_mapped m = {NULL, 0};
    char *in = NULL;
    size_t len = 0;
    bool from_stdin = strcmp(path, "-") == 0;
    if (from_stdin) {
        if (!(in = read_stdin(&len))) {
            fprintf(cli->err, "vigil incident: standard input is too large or out of memory\n");
            return VG_EXIT_FAILURE;
        }
    } else if (vg_file_map(path, &m, &err)) {
        return vg_cli_fail(cli, &err);
    }
    vg_incident_draft *drafts;
    size_t n;
    const char *text = from_stdin ? in : (m.data ? m.data : "");
    size_t text_len = from_stdin ? len : m.len, lead = 0;
    while (lead < text_len && (text[lead] == ' ' || text[lead] == '\t' || text[lead] == '\n' || text[lead] == '\r'))
        lead++;
    bool array = lead < text_len && text[lead] == '['; /* an array in, an array out */
    vg_err e = vg_incident_drafts_parse(text, text_len, from_stdin ? "stdin" : path, &drafts, &n, &err);
    vg_free(in);
    vg_file_unmap(&m);
    if (e)
        return vg_cli_fail(cli, &err);
    vg_service *svc;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    vg_briefing *out = rc ? NULL : vg_calloc(n, sizeof *out);
    if (!rc && !out) {
        fprintf(cli->err, "vigil incident: out of memory\n");
        rc = VG_EXIT_FAILURE;
    }
    if (!rc && (e = vg_service_record_incidents(svc, &actor, drafts, n, out, &err)))
        rc = vg_cli_fail(cli, &err);
    vg_service_close(svc);
    if (!rc) {
        json_t *doc = array ? json_array() : NULL;
        for (size_t i = 0; i < n && (doc || !array); i++) {
            json_t *b = vg_briefing_to_json(&out[i]);
            if (!array)
                doc = b;
            else if (!b || json_array_append_new(doc, b)) {
                json_decref(doc);
                doc = NULL;
            }
        }
        rc = print_json(cli, doc);
    }
    vg_free(out);
    vg_incident_drafts_free(drafts, n);
    return rc;
}

/* incident view|board|update|grade|close|cancel|ack|assign|status: the control room's work
 * on an incident after the call, through the same use cases as the dispatch board. */
static int incident_work(vg_cli *cli, const char *verb, char **args, int nargs, const char *reason)
{
    bool board = strcmp(verb, "board") == 0;
    static const struct {
        const char *verb, *use; /* use: the arguments after the id */
        int args;
        vg_entry_kind kind;
    } verbs[] = {{"show", "", 0, VG_EK_COUNT},
                 {"view", "", 0, VG_EK_COUNT},
                 {"update", " TEXT", 1, VG_EK_UPDATE},
                 {"grade", " GRADE --reason WHY", 1, VG_EK_GRADE},
                 {"close", " CODE [--reason NOTE]", 1, VG_EK_CLOSE},
                 {"cancel", " --reason WHY", 0, VG_EK_CANCEL},
                 {"ack", "", 0, VG_EK_ACKNOWLEDGE},
                 {"assign", " UNIT", 1, VG_EK_ASSIGN},
                 {"status", " STATUS", 1, VG_EK_STATUS}};
    size_t v = 0;
    while (!board && v < sizeof verbs / sizeof verbs[0] && strcmp(verbs[v].verb, verb))
        v++;
    if (!board && v == sizeof verbs / sizeof verbs[0])
        return vg_cli_usage_error(cli, "say what to do: add, show, view, board, update, grade, close, cancel, ack, "
                                       "assign or status");
    if (board && nargs)
        return vg_cli_usage_error(cli, "board takes no arguments");
    if (!board && nargs != 1 + verbs[v].args)
        return vg_cli_usage_error(cli, "use: incident %s ID%s", verb, verbs[v].use);
    int64_t id = 0;
    if (!board && (!vg_str_to_i64(vg_str_c(args[0]), &id) || id < 1))
        return vg_cli_usage_error(cli, "the incident id must be a positive whole number");
    vg_incident_change c = {.kind = board ? VG_EK_COUNT : verbs[v].kind, .text = reason, .status = VG_DS_COUNT,
                            .closure = VG_CL_COUNT, .thrive = VG_THRIVE_COUNT};
    const char *arg = !board && verbs[v].args ? args[1] : NULL;
    switch (c.kind) {
    case VG_EK_UPDATE: c.text = arg; break;
    case VG_EK_GRADE:
        if (!vg_thrive_parse(arg, &c.thrive))
            return vg_cli_usage_error(cli, "GRADE must be immediate, priority, scheduled or no_deployment");
        break;
    case VG_EK_CLOSE:
        if (!vg_closure_parse(arg, &c.closure))
            return vg_cli_usage_error(cli, "CODE must be advice, resolved, crime_recorded, referred, no_trace or duplicate");
        break;
    case VG_EK_ASSIGN: c.unit = arg; break;
    case VG_EK_STATUS:
        if (!vg_dispatch_status_parse(arg, &c.status))
            return vg_cli_usage_error(cli, "STATUS must be awaiting, assigned or at_scene");
        break;
    default: break;
    }
    if (reason && (c.kind == VG_EK_UPDATE || c.kind == VG_EK_ACKNOWLEDGE || c.kind == VG_EK_ASSIGN ||
                   c.kind == VG_EK_STATUS || c.kind == VG_EK_COUNT))
        return vg_cli_usage_error(cli, "--reason is for grade, close and cancel");
    vg_service *svc;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    json_t *doc = NULL;
    vg_err e;
    if (board) {
        e = vg_service_dispatch_board(svc, &actor, SIZE_MAX, &doc, &err);
    } else if (strcmp(verb, "show") == 0) { /* the briefing, as it was made at the call */
        char *text = NULL;
        if (!(e = vg_service_incident_briefing(svc, &actor, id, &text, &err)))
            doc = json_loads(text, 0, NULL);
        vg_free(text);
    }
    else if (c.kind == VG_EK_COUNT)
        e = vg_service_incident_view(svc, &actor, id, &doc, &err);
    else if (!(e = vg_service_incident_change(svc, &actor, id, &c, NULL, &err)))
        e = vg_service_incident_view(svc, &actor, id, &doc, &err);
    vg_service_close(svc);
    if (e)
        return vg_cli_fail(cli, &err);
    return print_json(cli, doc);
}

int vg_cmd_incident(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"reason", required_argument, NULL, 'r'}, {NULL, 0, NULL, 0}};
    const char *reason = NULL;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'd')
            cli->db = optarg;
        else if (ch == 'r')
            reason = optarg;
        else
            return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
    }
    if (optind >= argc)
        return vg_cli_usage_error(cli, "say what to do: add FILE.json, show ID, view ID, board, update, grade, close, "
                                       "cancel, ack, assign or status");
    if (strcmp(argv[optind], "add"))
        return incident_work(cli, argv[optind], argv + optind + 1, argc - optind - 1, reason);
    if (reason)
        return vg_cli_usage_error(cli, "--reason is for grade, close and cancel");
    if (optind + 2 != argc)
        return vg_cli_usage_error(cli, "add takes one file (FILE.json, or - for standard input)");
    return incident_add(cli, argv[optind + 1]);
}

/* ---- search */

int vg_cmd_search(vg_cli *cli, int argc, char **argv)
{
    int orc = vg_cli_db_option(cli, argc, argv);
    if (orc)
        return orc;
    if (optind + 1 != argc)
        return vg_cli_usage_error(cli, "search takes one QUERY (quote it: vigil search \"imogen fairweather 14/03/1979\")");
    vg_service *svc;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    json_t *doc = NULL;
    vg_err e = vg_service_search(svc, &actor, argv[optind], &doc, &err);
    vg_service_close(svc);
    if (e)
        return vg_cli_fail(cli, &err);
    return print_json(cli, doc);
}

/* ---- lookup */

static void print_candidate(vg_cli *cli, size_t rank, const vg_candidate *c, double threshold)
{
    char dob[VG_DATE_LEN] = "no dob";
    if (c->dob != VG_DATE_NONE)
        vg_date_format(c->dob, dob);
    fprintf(cli->out, "%2zu. %s %s  %s  %s (p=%.6f%s)  person %lld, %d record%s (best: %lld)\n", rank, c->given,
            c->family, dob, vg_match_band_name(c->band), c->probability, c->probability >= threshold ? ", MATCH" : "",
            (long long)(c->resolved_id ? c->resolved_id : c->person_id), c->n_records > 0 ? c->n_records : 1,
            c->n_records == 1 ? "" : "s", (long long)c->person_id);
    char evidence[512];
    vg_match_evidence(c->level, evidence, sizeof evidence);
    fprintf(cli->out, "     %s\n     ", evidence);
    for (int f = 0; f < VG_MF_COUNT; f++)
        fprintf(cli->out, "%s%s %s %+.1f", f ? " | " : "", vg_match_field_name((vg_match_field)f),
                vg_match_level_name((vg_match_field)f, c->level[f]), c->contrib[f]);
    fputc('\n', cli->out);
}

static void print_flags(vg_cli *cli, const vg_person_flags *f)
{
    fprintf(cli->out, "  repeat victim: %s; vulnerable: %s; open investigations: %lld\n", f->repeat_victim ? "YES" : "no",
            f->vulnerable ? "YES" : "no", (long long)f->open_investigations);
    fprintf(cli->out, "  last 12 months: %lld incidents, %lld crimes (", (long long)f->incidents_12m,
            (long long)f->crimes_12m);
    for (int r = 0; r < VG_ROLE_COUNT; r++)
        fprintf(cli->out, "%s%s %lld", r ? ", " : "", vg_role_name((vg_role)r), (long long)f->by_role_12m[r]);
    fprintf(cli->out, ")\n");
    for (int i = 0; i < f->n_reasons; i++)
        fprintf(cli->out, "  - %s\n", f->reasons[i]);
}

int vg_cmd_lookup(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},       {"name", required_argument, NULL, 'n'},
        {"given", required_argument, NULL, 'g'},    {"family", required_argument, NULL, 'F'},
        {"dob", required_argument, NULL, 'b'},      {"address", required_argument, NULL, 'a'},
        {"postcode", required_argument, NULL, 'p'}, {"phone", required_argument, NULL, 't'},
        {"at", required_argument, NULL, 'A'},       {"category", required_argument, NULL, 'c'},
        {"role", required_argument, NULL, 'r'},     {"max", required_argument, NULL, 'm'},
        {"format", required_argument, NULL, 'f'},   {NULL, 0, NULL, 0}};
    vg_lookup_request q = {.dob = VG_DATE_NONE, .at = vg_time_now(), .category = VG_CAT_ASB_PERSONAL,
                           .role = VG_ROLE_VICTIM, .max = 10};
    vg_format fmt = VG_FORMAT_TEXT;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        int64_t v;
        switch (ch) {
        case 'd': cli->db = optarg; break;
        case 'n': q.name = optarg; break;
        case 'g': q.given = optarg; break;
        case 'F': q.family = optarg; break;
        case 'a': q.address = optarg; break;
        case 'p': q.postcode = optarg; break;
        case 't': q.phone = optarg; break;
        case 'b':
            if (!vg_date_parse(vg_str_c(optarg), &q.dob))
                return vg_cli_usage_error(cli, "--dob must be YYYY-MM-DD, not '%s'", optarg);
            break;
        case 'A':
            if (!vg_time_parse(vg_str_c(optarg), &q.at))
                return vg_cli_usage_error(cli, "--at must be an ISO 8601 date or time, not '%s'", optarg);
            break;
        case 'c':
            if (!vg_category_parse(optarg, &q.category))
                return vg_cli_usage_error(cli, "--category must be an incident category (asb_personal, crime, ...)");
            break;
        case 'r':
            if (!vg_role_parse(optarg, &q.role))
                return vg_cli_usage_error(cli, "--role must be caller, victim, witness, suspect or offender");
            break;
        case 'm':
            if (!vg_str_to_i64(vg_str_c(optarg), &v) || v < 1 || v > VG_LOOKUP_MAX)
                return vg_cli_usage_error(cli, "--max must be 1 to %d", VG_LOOKUP_MAX);
            q.max = (int)v;
            break;
        case 'f':
            if (!vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON, &fmt))
                return vg_cli_usage_error(cli, "--format must be text or json");
            break;
        default: return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    if (q.name && (q.given || q.family))
        return vg_cli_usage_error(cli, "give --name, or --given and --family, not both");
    vg_service *svc;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_lookup_result *r = vg_malloc(sizeof *r);
    vg_err e = r ? vg_service_lookup(svc, &actor, &q, r, &err) : vg_error_set(&err, VG_ERR_NOMEM, "lookup", "out of memory");
    vg_service_close(svc);
    if (e) {
        vg_free(r);
        return vg_cli_fail(cli, &err);
    }
    if (fmt == VG_FORMAT_JSON) {
        json_t *doc = vg_lookup_to_json(r);
        rc = print_json(cli, doc);
    } else {
        fprintf(cli->out, "%zu candidate%s among %zu person records (%.2f ms); match threshold %g\n", r->n,
                r->n == 1 ? "" : "s", r->records, r->micros / 1000.0, r->threshold);
        for (size_t i = 0; i < r->n; i++)
            print_candidate(cli, i + 1, &r->cand[i], r->threshold);
        if (r->has_briefing) {
            fprintf(cli->out, "\nbriefing for %s (record %lld; from %d record%s)%s%s:\n", r->briefing.name,
                    (long long)r->briefing.person_id, r->briefing.n_records, r->briefing.n_records == 1 ? "" : "s",
                    r->briefing.aliases[0] ? ", also recorded as " : "", r->briefing.aliases);
            print_flags(cli, &r->briefing.flags);
        } else {
            fprintf(cli->out, "\nno candidate reaches the threshold: treat as a new person\n");
        }
    }
    vg_free(r);
    return rc;
}

/* ---- match train, resolve, clusters */

static int match_train(vg_cli *cli, vg_service *svc, const vg_actor *actor, vg_format fmt)
{
    vg_error err;
    vg_error_clear(&err);
    vg_match_train_report rep;
    vg_err e = vg_service_match_train(svc, actor, &rep, &err);
    if (e)
        return vg_cli_fail(cli, &err);
    if (fmt == VG_FORMAT_JSON) {
        json_t *doc = json_pack("{s:I, s:I, s:I, s:f, s:o}", "records", (json_int_t)rep.records, "random_pairs",
                                (json_int_t)rep.random_pairs, "candidate_pairs", (json_int_t)rep.candidate_pairs,
                                "seconds", rep.seconds, "model", vg_match_model_to_json(&rep.model));
        return print_json(cli, doc);
    }
    fprintf(cli->out, "match model estimated from %zu person records in %.1f s (%lld random pairs, %lld candidate pairs)\n",
            rep.records, rep.seconds, (long long)rep.random_pairs, (long long)rep.candidate_pairs);
    fprintf(cli->out, "prior (share of candidate pairs that are the same person): %.4f\n", rep.model.prior);
    for (int f = 0; f < VG_MF_COUNT; f++) {
        fprintf(cli->out, "  %s\n", vg_match_field_name((vg_match_field)f));
        for (int l = 0; l < vg_match_levels((vg_match_field)f); l++)
            fprintf(cli->out, "    %-28s m=%.4f u=%.6f\n", vg_match_level_name((vg_match_field)f, l), rep.model.m[f][l],
                    rep.model.u[f][l]);
    }
    return VG_EXIT_OK;
}

static int match_resolve(vg_cli *cli, vg_service *svc, const vg_actor *actor, vg_format fmt)
{
    vg_error err;
    vg_error_clear(&err);
    vg_match_resolve_report rep;
    if (vg_service_match_resolve(svc, actor, &rep, &err))
        return vg_cli_fail(cli, &err);
    if (fmt == VG_FORMAT_JSON) {
        json_t *doc = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:f}", "records", (json_int_t)rep.records,
                                "persons", (json_int_t)rep.persons, "records_with_others", (json_int_t)rep.merged,
                                "merges", (json_int_t)rep.merges, "kept_apart", (json_int_t)rep.refused,
                                "largest", (json_int_t)rep.largest, "threshold", rep.threshold, "seconds", rep.seconds);
        return print_json(cli, doc);
    }
    fprintf(cli->out, "%zu person records resolved into %zu persons in %.1f s (threshold %g)\n", rep.records,
            rep.persons, rep.seconds, rep.threshold);
    fprintf(cli->out, "  %zu records share their person with other records; the largest person has %zu records\n",
            rep.merged, rep.largest);
    fprintf(cli->out, "  %zu record pairs above the threshold kept apart: their dates of birth or sex conflict\n",
            rep.refused);
    fprintf(cli->out, "  %zu pairs the model is not sure of wait for a person to decide (vigil match review)\n", rep.review);
    return VG_EXIT_OK;
}

typedef struct clusters_out {
    vg_cli *cli;
    vg_format fmt;
    json_t *arr;
} clusters_out;

static vg_err cluster_print(void *ctx, vg_id record, vg_id person, const char *source_id)
{
    clusters_out *o = ctx;
    if (o->fmt == VG_FORMAT_JSON) {
        json_t *row = json_pack("{s:I, s:o, s:I}", "record_id", (json_int_t)record, "source_id",
                                *source_id ? json_string(source_id) : json_null(), "person_id", (json_int_t)person);
        return row && json_array_append_new(o->arr, row) == 0 ? VG_OK : VG_ERR_NOMEM;
    }
    /* source_id: the old system's id of a record brought in by vigil import persons */
    if (o->fmt == VG_FORMAT_CSV) {
        fprintf(o->cli->out, "%lld,", (long long)record);
        vg_csv_write_field(o->cli->out, source_id, strlen(source_id));
        fprintf(o->cli->out, ",%lld\n", (long long)person);
    } else
        fprintf(o->cli->out, "%lld\t%s\t%lld\n", (long long)record, *source_id ? source_id : "-", (long long)person);
    return VG_OK;
}

static int match_clusters(vg_cli *cli, vg_service *svc, const vg_actor *actor, vg_format fmt)
{
    vg_error err;
    vg_error_clear(&err);
    clusters_out o = {cli, fmt, fmt == VG_FORMAT_JSON ? json_array() : NULL};
    if (fmt == VG_FORMAT_JSON && !o.arr) {
        (void)vg_error_set(&err, VG_ERR_NOMEM, "match clusters", "out of memory");
        return vg_cli_fail(cli, &err);
    }
    fputs(fmt == VG_FORMAT_CSV ? "record_id,source_id,person_id\n" : fmt == VG_FORMAT_TEXT ? "record\tsource\tperson\n" : "",
          cli->out);
    if (vg_service_match_clusters(svc, actor, cluster_print, &o, &err)) {
        json_decref(o.arr);
        return vg_cli_fail(cli, &err);
    }
    return fmt == VG_FORMAT_JSON ? print_json(cli, o.arr) : VG_EXIT_OK;
}

/* ---- the data-quality queue */

static int match_review(vg_cli *cli, vg_service *svc, const vg_actor *actor, vg_format fmt)
{
    enum { MAX = 1000 };
    vg_person_pair *pairs = vg_malloc(MAX * sizeof *pairs);
    size_t n = 0;
    vg_error err;
    vg_error_clear(&err);
    if (!pairs)
        return (void)vg_error_set(&err, VG_ERR_NOMEM, "review", "out of memory"), vg_cli_fail(cli, &err);
    if (vg_service_person_reviews(svc, actor, pairs, MAX, &n, &err)) {
        vg_free(pairs);
        return vg_cli_fail(cli, &err);
    }
    json_t *arr = fmt == VG_FORMAT_JSON ? json_array() : NULL;
    if (fmt != VG_FORMAT_JSON)
        fprintf(cli->out, "%zu pair%s of records for a person to decide (the model is not sure)%s\n", n, n == 1 ? "" : "s",
                n == MAX ? "; the first 1000" : "");
    for (size_t i = 0; i < n; i++) {
        const vg_person_pair *p = &pairs[i];
        char da[24] = "no date of birth", db[24] = "no date of birth";
        if (p->a.dob != VG_DATE_NONE)
            vg_date_format(p->a.dob, da);
        if (p->b.dob != VG_DATE_NONE)
            vg_date_format(p->b.dob, db);
        if (arr)
            json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:f, s:s, s:s}", "a",
                                                 (json_int_t)p->a.record, "a_given", p->a.given, "a_family", p->a.family,
                                                 "a_dob", da, "b", (json_int_t)p->b.record, "b_given", p->b.given,
                                                 "b_family", p->b.family, "b_dob", db, "probability", p->probability,
                                                 "band", vg_match_band_name(p->band), "evidence", p->evidence));
        else
            fprintf(cli->out, "%6lld %s %s (%s; %d record%s)  |  %6lld %s %s (%s; %d record%s)  |  %s: %s\n",
                    (long long)p->a.record, p->a.given, p->a.family, da, p->a.records, p->a.records == 1 ? "" : "s",
                    (long long)p->b.record, p->b.given, p->b.family, db, p->b.records, p->b.records == 1 ? "" : "s",
                    vg_match_band_name(p->band), p->evidence);
    }
    vg_free(pairs);
    return arr ? print_json(cli, arr) : VG_EXIT_OK;
}

static vg_err decision_print(void *ctx, const vg_person_decision *d)
{
    vg_cli *cli = ctx;
    char at[VG_TIME_LEN], un[VG_TIME_LEN] = "";
    vg_time_format(d->at, at);
    if (d->undone_at != VG_TIME_NONE)
        vg_time_format(d->undone_at, un);
    fprintf(cli->out, "%lld  person records %lld (%s) and %lld (%s) %s  by %s at %s: %s%s%s%s%s%s\n", (long long)d->id,
            (long long)d->a, d->a_name ? d->a_name : "?", (long long)d->b, d->b_name ? d->b_name : "?",
            d->same ? "are the same person" : "are different people", d->username, at,
            d->reason, un[0] ? "  (undone by " : "", un[0] ? d->undone_by : "", un[0] ? " at " : "", un,
            un[0] ? ")" : "");
    return VG_OK;
}

static int match_decide(vg_cli *cli, vg_service *svc, const vg_actor *actor, const char *verb, char **args, int nargs,
                        const char *reason)
{
    vg_error err;
    vg_error_clear(&err);
    if (strcmp(verb, "decisions") == 0) {
        if (vg_service_person_decisions(svc, actor, decision_print, cli, &err))
            return vg_cli_fail(cli, &err);
        return VG_EXIT_OK;
    }
    bool undo = strcmp(verb, "undo") == 0;
    int64_t x = 0, y = 0;
    if (nargs != (undo ? 1 : 2) || !vg_str_to_i64(vg_str_c(args[0]), &x) ||
        (!undo && !vg_str_to_i64(vg_str_c(args[1]), &y)))
        return vg_cli_usage_error(cli, undo ? "use: match undo DECISION --reason WHY"
                                            : "use: match same|different RECORD RECORD --reason WHY");
    vg_person_decided out;
    vg_err e = undo ? vg_service_person_undo(svc, actor, x, reason, &out, &err)
                    : vg_service_person_decide(svc, actor, x, y, strcmp(verb, "same") == 0, reason, &out, &err);
    if (e)
        return vg_cli_fail(cli, &err);
    fprintf(cli->out, "decision %lld %s: their records are now %zu person%s\n", (long long)out.decision,
            undo ? "undone" : "recorded", out.persons, out.persons == 1 ? "" : "s");
    return VG_EXIT_OK;
}

int vg_cmd_match(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"reason", required_argument, NULL, 'r'},
                                         {NULL, 0, NULL, 0}};
    vg_format fmt = VG_FORMAT_TEXT;
    bool fmt_given = false;
    const char *reason = NULL;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'd')
            cli->db = optarg;
        else if (ch == 'r')
            reason = optarg;
        else if (ch == 'f') {
            if (!vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON | 1u << VG_FORMAT_CSV, &fmt))
                return vg_cli_usage_error(cli, "--format must be text, json or csv");
            fmt_given = true;
        } else
            return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
    }
    const char *verb = optind < argc ? argv[optind] : "";
    bool decide = !strcmp(verb, "same") || !strcmp(verb, "different") || !strcmp(verb, "undo") ||
                  !strcmp(verb, "decisions");
    int (*run)(vg_cli *, vg_service *, const vg_actor *, vg_format) =
        strcmp(verb, "train") == 0      ? match_train
        : strcmp(verb, "resolve") == 0  ? match_resolve
        : strcmp(verb, "clusters") == 0 ? match_clusters
        : strcmp(verb, "review") == 0   ? match_review
                                        : NULL;
    if (!run && !decide)
        return vg_cli_usage_error(cli, "say what to do: train, resolve, clusters, review, same, different, undo or "
                                       "decisions");
    if (!decide && optind + 1 < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
    if (fmt == VG_FORMAT_CSV && run != match_clusters)
        return vg_cli_usage_error(cli, "--format csv is for clusters; use text or json");
    if (reason && !(decide && strcmp(verb, "decisions") != 0))
        return vg_cli_usage_error(cli, "--reason is for same, different and undo");
    if (run == match_clusters && !fmt_given)
        fmt = VG_FORMAT_CSV;
    vg_service *svc;
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    rc = decide ? match_decide(cli, svc, &actor, verb, argv + optind + 1, argc - optind - 1, reason)
                : run(cli, svc, &actor, fmt);
    vg_service_close(svc);
    return rc;
}

/* ---- config */

int vg_cmd_config(vg_cli *cli, int argc, char **argv)
{
    int orc = vg_cli_db_option(cli, argc, argv);
    if (orc)
        return orc;
    const char *verb = optind < argc ? argv[optind] : "list";
    int nargs = argc - optind - 1;
    if (!((strcmp(verb, "list") == 0 && nargs <= 0) || (strcmp(verb, "get") == 0 && nargs == 1) ||
          (strcmp(verb, "set") == 0 && nargs == 2)))
        return vg_cli_usage_error(cli, "use: config list | config get KEY | config set KEY VALUE");
    vg_service *svc;
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_err e = VG_OK;
    char value[256];
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    if (strcmp(verb, "set") == 0) {
        e = vg_service_config_set(svc, &actor, argv[optind + 1], argv[optind + 2], &err);
    } else if (strcmp(verb, "get") == 0) {
        if (!(e = vg_service_config_get(svc, &actor, argv[optind + 1], value, sizeof value, &err)))
            fprintf(cli->out, "%s\n", value);
    } else {
        for (const char *const *k = vg_service_config_keys(); *k && !e; k++)
            if (!(e = vg_service_config_get(svc, &actor, *k, value, sizeof value, &err)))
                fprintf(cli->out, "%s = %s\n", *k, value);
    }
    vg_service_close(svc);
    return e ? vg_cli_fail(cli, &err) : VG_EXIT_OK;
}
