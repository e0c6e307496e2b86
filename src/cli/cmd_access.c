/* cmd_access.c - `vigil agency`, `vigil user` and `vigil audit`. */
#include "base/alloc.h"
#include "base/str.h"
#include "cli/cli.h"
#include "io/audit_json.h"

#include <getopt.h>
#include <jansson.h>
#include <sodium.h>
#include <string.h>

/* Reads one line (the password) from standard input, without its newline. */
static bool read_password(char *out, size_t n)
{
    if (!fgets(out, (int)n, stdin))
        return false;
    size_t len = strlen(out);
    while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
        out[--len] = '\0';
    return len > 0;
}


static int open_as_operator(vg_cli *cli, vg_service **svc, vg_actor *actor)
{
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, svc);
    if (!rc)
        vg_cli_actor(cli, actor);
    return rc;
}

int vg_cmd_agency(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},   {"name", required_argument, NULL, 'n'},
                                         {"kind", required_argument, NULL, 'k'}, {"format", required_argument, NULL, 'f'},
                                         {NULL, 0, NULL, 0}};
    const char *name = NULL, *kind_s = NULL;
    vg_format fmt = VG_FORMAT_TEXT;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'd')
            cli->db = optarg;
        else if (ch == 'n')
            name = optarg;
        else if (ch == 'k')
            kind_s = optarg;
        else if (ch == 'f') {
            if (!vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON, &fmt))
                return vg_cli_usage_error(cli, "--format must be text or json");
        } else
            return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
    }
    const char *verb = optind < argc ? argv[optind] : "list";
    int nargs = argc - optind - 1;
    bool add = strcmp(verb, "add") == 0;
    if (!((add && nargs == 1 && name && kind_s) || (strcmp(verb, "list") == 0 && nargs <= 0)))
        return vg_cli_usage_error(cli, "use: agency add CODE --name NAME --kind KIND | agency list [--format json]");
    vg_agency_kind kind = VG_AK_OTHER;
    if (add && !vg_agency_kind_parse(kind_s, &kind))
        return vg_cli_usage_error(cli, "--kind must be force, local_authority, probation, health, housing, "
                                       "victim_services or other");
    vg_service *svc;
    vg_actor actor;
    int rc = open_as_operator(cli, &svc, &actor);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_err e;
    if (add) {
        vg_agency ag;
        if (!(e = vg_service_agency_add(svc, &actor, argv[optind + 1], name, kind, &ag, &err)))
            fprintf(cli->out, "agency %s (%s) added\n", ag.code, vg_agency_kind_name(ag.kind));
    } else {
        enum { MAX = 512 };
        vg_agency *list = vg_malloc(MAX * sizeof *list);
        size_t n = 0;
        e = list ? vg_service_agency_list(svc, &actor, list, MAX, &n, &err)
                 : vg_error_set(&err, VG_ERR_NOMEM, "agency", "out of memory");
        if (!e && fmt == VG_FORMAT_JSON) {
            json_t *arr = json_array();
            for (size_t i = 0; i < n && i < MAX; i++)
                json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)list[i].id, "code",
                                                     list[i].code, "name", list[i].name, "kind",
                                                     vg_agency_kind_name(list[i].kind)));
            json_dumpf(arr, cli->out, JSON_INDENT(2));
            fputc('\n', cli->out);
            json_decref(arr);
        } else if (!e) {
            for (size_t i = 0; i < n && i < MAX; i++)
                fprintf(cli->out, "%-24s %-16s %s\n", list[i].code, vg_agency_kind_name(list[i].kind), list[i].name);
        }
        vg_free(list);
    }
    vg_service_close(svc);
    return e ? vg_cli_fail(cli, &err) : VG_EXIT_OK;
}

int vg_cmd_user(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"role", required_argument, NULL, 'r'},
                                         {"agency", required_argument, NULL, 'a'},
                                         {"password-stdin", no_argument, NULL, 'p'},
                                         {"format", required_argument, NULL, 'f'},
                                         {NULL, 0, NULL, 0}};
    const char *role_s = NULL, *agency = "force";
    bool from_stdin = false;
    vg_format fmt = VG_FORMAT_TEXT;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'd')
            cli->db = optarg;
        else if (ch == 'r')
            role_s = optarg;
        else if (ch == 'a')
            agency = optarg;
        else if (ch == 'p')
            from_stdin = true;
        else if (ch == 'f') {
            if (!vg_cli_parse_format(optarg, 1u << VG_FORMAT_TEXT | 1u << VG_FORMAT_JSON, &fmt))
                return vg_cli_usage_error(cli, "--format must be text or json");
        } else
            return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
    }
    const char *verb = optind < argc ? argv[optind] : "list";
    int nargs = argc - optind - 1;
    bool add = strcmp(verb, "add") == 0, passwd = strcmp(verb, "passwd") == 0, disable = strcmp(verb, "disable") == 0,
         list = strcmp(verb, "list") == 0, set_role = strcmp(verb, "role") == 0, requests = strcmp(verb, "requests") == 0,
         approve = strcmp(verb, "approve") == 0, refuse = strcmp(verb, "refuse") == 0;
    if (!((add && nargs == 1 && role_s) || ((passwd || disable) && nargs == 1) || (set_role && nargs == 1 && role_s) ||
          ((approve || refuse) && nargs == 1) || ((list || requests) && nargs <= 0)))
        return vg_cli_usage_error(cli, "use: user add NAME --role ROLE [--agency CODE] [--password-stdin] | "
                                       "user passwd NAME [--password-stdin] | user role NAME --role ROLE | "
                                       "user disable NAME | user list | user requests | user approve ID | user refuse ID");
    vg_user_role role = VG_UR_CALL_HANDLER;
    int64_t request_id = 0;
    if ((approve || refuse) && !vg_str_to_i64(vg_str_c(argv[optind + 1]), &request_id))
        return vg_cli_usage_error(cli, "the request is a number, not '%s'", argv[optind + 1]);
    if ((add || set_role) && !vg_user_role_parse(role_s, &role))
        return vg_cli_usage_error(cli, "--role must be one of call_handler, response_officer, investigator, supervisor, "
                                       "victim_care, analyst, partner_practitioner, partner_manager, force_admin, auditor");
    char password[1100] = "";
    bool generated = false;
    if (add || passwd) {
        if (from_stdin) {
            if (!read_password(password, sizeof password)) {
                vg_error err;
                vg_error_set(&err, VG_ERR_INVALID_INPUT, "password", "no password on standard input");
                return vg_cli_fail(cli, &err);
            }
        } else {
            vg_password_generate(password);
            generated = true;
        }
    }
    vg_service *svc;
    vg_actor actor;
    int rc = open_as_operator(cli, &svc, &actor);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_err e = VG_OK;
    if (add) { /* the operator: no second approval needed */
        vg_user u;
        if (!(e = vg_service_user_add(svc, &actor, argv[optind + 1], role, agency, password, &u, NULL, &err)))
            fprintf(cli->out, "user %s (%s, %s) added\n", u.username, vg_user_role_name(u.role), u.agency.code);
    } else if (passwd) {
        if (!(e = vg_service_user_passwd(svc, &actor, argv[optind + 1], password, NULL, &err)))
            fprintf(cli->out, "password of %s changed; their sessions have ended\n", argv[optind + 1]);
    } else if (set_role) {
        if (!(e = vg_service_user_set_role(svc, &actor, argv[optind + 1], role, NULL, &err)))
            fprintf(cli->out, "%s is now %s; their sessions have ended\n", argv[optind + 1], vg_user_role_name(role));
    } else if (approve || refuse) {
        if (!(e = vg_service_user_request_decide(svc, &actor, (vg_id)request_id, approve, &err)))
            fprintf(cli->out, "request %lld %s\n", (long long)request_id, approve ? "approved and carried out" : "refused");
    } else if (requests) {
        enum { MAX = 1000 };
        vg_user_request *rq = vg_malloc(MAX * sizeof *rq);
        size_t n = 0;
        e = rq ? vg_service_user_requests(svc, &actor, true, rq, MAX, &n, &err)
               : vg_error_set(&err, VG_ERR_NOMEM, "user", "out of memory");
        for (size_t i = 0; !e && i < n && i < MAX; i++) {
            char at[VG_TIME_LEN];
            vg_time_format(rq[i].requested_at, at);
            fprintf(cli->out, "%-6lld %-8s %-24s %-22s asked by %s at %s\n", (long long)rq[i].id,
                    vg_request_kind_name(rq[i].kind), rq[i].username,
                    rq[i].kind == VG_REQ_PASSWORD ? "(a new password)" : vg_user_role_name(rq[i].role),
                    rq[i].requested_by_name, at);
        }
        vg_free(rq);
    } else if (disable) {
        if (!(e = vg_service_user_disable(svc, &actor, argv[optind + 1], &err)))
            fprintf(cli->out, "user %s disabled; their sessions have ended\n", argv[optind + 1]);
    } else {
        enum { MAX = 4096 };
        vg_user *users = vg_malloc(MAX * sizeof *users);
        size_t n = 0;
        e = users ? vg_service_user_list(svc, &actor, users, MAX, &n, &err)
                  : vg_error_set(&err, VG_ERR_NOMEM, "user", "out of memory");
        if (!e && fmt == VG_FORMAT_JSON) {
            json_t *arr = json_array();
            for (size_t i = 0; i < n && i < MAX; i++)
                json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:b}", "id", (json_int_t)users[i].id, "username",
                                                     users[i].username, "role", vg_user_role_name(users[i].role),
                                                     "agency", users[i].agency.code, "disabled", users[i].disabled));
            json_dumpf(arr, cli->out, JSON_INDENT(2));
            fputc('\n', cli->out);
            json_decref(arr);
        } else if (!e) {
            for (size_t i = 0; i < n && i < MAX; i++)
                fprintf(cli->out, "%-24s %-22s %s%s\n", users[i].username, vg_user_role_name(users[i].role),
                        users[i].agency.code, users[i].disabled ? " disabled" : "");
        }
        vg_free(users);
    }
    if (!e && generated)
        fprintf(cli->out, "password: %s\n", password);
    sodium_memzero(password, sizeof password);
    vg_service_close(svc);
    return e ? vg_cli_fail(cli, &err) : VG_EXIT_OK;
}

static void hex(const uint8_t *h, char out[65])
{
    sodium_bin2hex(out, 65, h, 32);
}

typedef struct export_ctx {
    FILE *out;
    int64_t n;
} export_ctx;

static vg_err export_one(void *ctx, const vg_audit_entry *e)
{
    export_ctx *x = ctx;
    json_t *j = vg_audit_entry_json(e); /* with every record it names */
    if (!j)
        return VG_ERR_NOMEM;
    json_dumpf(j, x->out, JSON_COMPACT);
    fputc('\n', x->out);
    json_decref(j);
    x->n++;
    return VG_OK;
}

static bool parse_day(const char *s, vg_time *out)
{
    vg_date d;
    if (vg_date_parse(vg_str_c(s), &d)) {
        *out = vg_date_time(d);
        return true;
    }
    return vg_time_parse(vg_str_c(s), out);
}

int vg_cmd_audit(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"from", required_argument, NULL, 'F'},
                                         {"to", required_argument, NULL, 'T'},
                                         {"person", required_argument, NULL, 'p'},
                                         {NULL, 0, NULL, 0}};
    vg_time from = VG_TIME_NONE, to = VG_TIME_NONE;
    int64_t person = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'd')
            cli->db = optarg;
        else if (ch == 'p') {
            if (!vg_str_to_i64(vg_str_c(optarg), &person) || person < 1)
                return vg_cli_usage_error(cli, "--person must be a person record's id, not '%s'", optarg);
        }
        else if (ch == 'F' || ch == 'T') {
            if (!parse_day(optarg, ch == 'F' ? &from : &to))
                return vg_cli_usage_error(cli, "--%s must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", ch == 'F' ? "from" : "to");
        } else
            return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
    }
    const char *verb = optind < argc ? argv[optind] : "";
    bool verify = strcmp(verb, "verify") == 0, export = strcmp(verb, "export") == 0;
    if (!(verify || export) || argc - optind != 1)
        return vg_cli_usage_error(cli, "use: audit verify | audit export [--from DATE] [--to DATE] [--person ID]");
    if (person && !export)
        return vg_cli_usage_error(cli, "--person is for audit export");
    vg_service *svc;
    vg_actor actor;
    int rc = open_as_operator(cli, &svc, &actor);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    vg_err e;
    if (verify) {
        vg_audit_check chk;
        if (!(e = vg_service_audit_verify(svc, &actor, &chk, &err))) {
            char h[65];
            hex(chk.head, h);
            if (chk.ok) {
                fprintf(cli->out, "audit log intact: %lld entries, head %s\n", (long long)chk.entries, h);
            } else {
                fprintf(cli->err, "vigil audit: the audit log has been tampered with: %s\n", chk.why);
                vg_service_close(svc);
                return VG_EXIT_FAILURE;
            }
        }
    } else {
        export_ctx x = {cli->out, 0};
        e = vg_service_audit_person(svc, &actor, from, to, person, export_one, &x, &err);
        if (e == VG_ERR_NOMEM)
            vg_error_set(&err, e, "audit", "out of memory");
    }
    vg_service_close(svc);
    return e ? vg_cli_fail(cli, &err) : VG_EXIT_OK;
}
