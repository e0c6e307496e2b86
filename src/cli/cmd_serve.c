/* cmd_serve.c - `vigil serve` and `vigil restrict`. */
#include "cli/cli.h"
#include "http/server.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void on_ready(void *ctx, unsigned port)
{
    vg_cli *cli = ctx;
    fprintf(cli->out, "vigil serve: listening on port %u\n", port);
    fflush(cli->out);
}

int vg_cmd_serve(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"listen", required_argument, NULL, 'l'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"max-connections", required_argument, NULL, 'm'},
                                         {"cookie-secure", no_argument, NULL, 's'},
                                         {"behind-proxy", no_argument, NULL, 'p'},
                                         {"max-per-address", required_argument, NULL, 'a'},
                                         {"header-timeout", required_argument, NULL, 'H'},
                                         {"body-timeout", required_argument, NULL, 'B'},
                                         {"workers", required_argument, NULL, 'w'},
                                         {"work-queue", required_argument, NULL, 'q'},
                                         {NULL, 0, NULL, 0}};
    vg_http_options o;
    vg_http_options_default(&o);
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        long v;
        char *end;
        switch (ch) {
        case 'd': cli->db = optarg; break;
        case 'l': o.listen = optarg; break;
        case 's': o.cookie_secure = true; break;
        case 'p': o.behind_proxy = true; break;
        case 't':
        case 'm':
            v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > (ch == 't' ? 256 : 100000))
                return vg_cli_usage_error(cli, "--%s must be a whole number from 1 to %d", ch == 't' ? "threads" : "max-connections",
                                          ch == 't' ? 256 : 100000);
            if (ch == 't')
                o.threads = (unsigned)v;
            else
                o.max_connections = (unsigned)v;
            break;
        case 'a':
        case 'H':
        case 'B':
        case 'w':
        case 'q': {
            static const struct { int ch; const char *name; long lo, hi; } lim[] = {
                {'a', "max-per-address", 0, 100000}, {'H', "header-timeout", 1, 3600}, {'B', "body-timeout", 1, 3600},
                {'w', "workers", 1, 64}, {'q', "work-queue", 1, 10000}};
            size_t k = 0;
            while (lim[k].ch != ch)
                k++;
            v = strtol(optarg, &end, 10);
            if (!*optarg || *end || v < lim[k].lo || v > lim[k].hi)
                return vg_cli_usage_error(cli, "--%s must be a whole number from %ld to %ld", lim[k].name, lim[k].lo,
                                          lim[k].hi);
            unsigned *dst[] = {&o.max_per_address, &o.header_s, &o.body_s, &o.workers, &o.work_queue};
            *dst[k] = (unsigned)v;
            break;
        }
        default: return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return vg_cli_usage_error(cli, "unexpected argument '%s'", argv[optind]);
    vg_service *svc;
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_error err;
    vg_error_clear(&err);
    size_t records = 0;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    vg_err e = vg_service_warm_up(svc, &actor, &records, &err);
    if (!e) {
        fprintf(cli->out, "vigil serve: %zu person records indexed\n", records);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        signal(SIGPIPE, SIG_IGN);
        o.on_ready = on_ready;
        o.ctx = cli;
        e = vg_http_serve(svc, &o, &stop_requested, &err);
    }
    vg_service_close(svc);
    if (!e)
        fprintf(cli->out, "vigil serve: stopped\n");
    return e ? vg_cli_fail(cli, &err) : VG_EXIT_OK;
}

int vg_cmd_restrict(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {"user", required_argument, NULL, 'u'},
                                         {NULL, 0, NULL, 0}};
    const char *user = NULL;
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'd')
            cli->db = optarg;
        else if (ch == 'u')
            user = optarg;
        else
            return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
    }
    char *end = NULL;
    long long id = optind + 1 < argc ? strtoll(argv[optind + 1], &end, 10) : 0;
    if (argc - optind != 2 || !user || !end || *end || id <= 0)
        return vg_cli_usage_error(cli, "use: restrict incident|person|case ID --user NAME");
    vg_service *svc;
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, &svc);
    if (rc)
        return rc;
    vg_actor actor;
    vg_cli_actor(cli, &actor);
    vg_error err;
    vg_error_clear(&err);
    vg_err e = vg_service_restrict(svc, &actor, argv[optind], (vg_id)id, user, &err);
    vg_service_close(svc);
    if (!e)
        fprintf(cli->out, "%s %lld is now visible to %s (and the other users named for it) only\n", argv[optind], id, user);
    return e ? vg_cli_fail(cli, &err) : VG_EXIT_OK;
}
