/* cli.c - `vigil` entry point: global options, command dispatch, help and exit codes. */
#include "cli/cli.h"
#include "io/json_out.h"
#include "base/alloc.h"
#include "base/log.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef VG_VERSION
#define VG_VERSION "0.0.0"
#endif

static const vg_command commands[] = {
    {"init", vg_cmd_init, "create a Vigil database, or bring its schema up to date",
     "  --db PATH          database file (default $VIGIL_DB, else ./vigil.db)\n"},
    {"synth", vg_cmd_synth, "fill an empty database with the synthetic force (Wessex Constabulary)",
     "  --db PATH          database file\n"
     "  --seed N           random seed (default 1); the same seed gives the same records\n"
     "  --scale F          size relative to Hampshire 2013/14 (default 1, at most 10)\n"
     "  --to YYYY-MM       last month (default: the last complete month before today)\n"
     "  --from YYYY-MM     first month (default: --to less 11 months)\n"
     "  --months M         number of months (default 12; give two of --from, --to, --months)\n"
     "                     (the calibration period, Hampshire's 12 months to June 2014: --to 2014-06)\n"
     "  --format text|json report format (default text)\n"},
    {"export", vg_cmd_export, "export the force's own records: in police.uk format, anonymised the police.uk way, or as facts for analytics",
     "  police-uk               street and outcomes CSVs\n"
     "  --month YYYY-MM         the month to export\n"
     "  --out DIR               writes DIR/YYYY-MM/YYYY-MM-<force>-street.csv and -outcomes.csv\n"
     "  facts                   recorded crimes, incidents and outcomes without names or addresses, as CSV\n"
     "                          partitioned by year and force for DuckDB, Spark or Trino\n"
     "  --from YYYY-MM --to YYYY-MM  the months to export (facts)\n"
     "  --out DIR               writes DIR/{crimes,incidents,outcomes}/year=YYYY/force=<force>/part-0.csv\n"
     "  --db PATH               database file\n"},
    {"import", vg_cmd_import, "import official open data (police.uk CSVs, the Home Office recorded-crime table, ONS population and households) and an earlier system's person records",
     "  police-uk PATH...       street, outcomes and stop-and-search CSVs (files or folders, recursive)\n"
     "  recorded-crime FILE     Home Office police recorded crime by force area (rolling 12 months)\n"
     "  population FILE         ONS mid-year population by force area (year,<force>... or area,year,population[,households]),\n"
     "                          or by local authority (code,name,geography,mid_2001,...) with --lookup\n"
     "  households FILE         census households by local authority (date,geography,geography code,...) with --lookup\n"
     "  persons FILE --map M    an earlier system's nominal records, one transaction, then resolved into persons;\n"
     "                          M: source_id=COL,given=COL,family=COL,dob=COL[:FORMAT],phone=COL,\n"
     "                          address=COL[+COL...],postcode=COL (COL a header name or a number from 1;\n"
     "                          FORMAT yyyy-mm-dd (default), yyyymmdd, dd/mm/yyyy or dd-mm-yyyy)\n"
     "  --lookup FILE           the ONS lookup from local authorities to police force areas (LADyyCD,...,PFAyyCD,...);\n"
     "                          codes of another vintage are placed through the recorded code changes, never guessed\n"
     "  --db PATH               database file\n"
     "  --skip-bad FILE         import the good rows; write each bad row with its reason to FILE (CSV)\n"
     "  --format text|json      summary format (default text)\n"},
    {"report", vg_cmd_report, "reports: performance (recorded crime and ASB per 1,000 against England and Wales)",
     "  performance             the inspection performance table\n"
     "  --force NAME            the force (ONS or police.uk name, slug or code); records: the own force\n"
     "  --to YYYY-MM            last month of the 12\n"
     "  --source S              home-office (default), police-uk or records\n"
     "  --compare F1,F2,...     forces to show side by side (at most 8)\n"
     "  --db PATH               database file\n"
     "  --format text|json|html output format (html: a standalone printable page with a chart)\n"},
    {"incident", vg_cmd_incident, "record incidents: resolve the people and place, store, and print the briefing",
     "  add FILE.json           one incident object or an array (- reads standard input); prints the briefing(s) as JSON\n"
     "  show ID                 the briefing made when the incident was recorded\n"
     "  view ID                 the incident with its dispatch state and its log (JSON)\n"
     "  board                   the dispatch board: open incidents to send someone to, by grade, then waiting\n"
     "  update ID TEXT          add an update to the incident's log\n"
     "  grade ID GRADE --reason WHY   re-grade (immediate, priority, scheduled, no_deployment); kept as history\n"
     "  close ID CODE [--reason NOTE] close: advice, resolved, crime_recorded, referred, no_trace, duplicate\n"
     "  cancel ID --reason WHY  cancel a mistaken call (never deleted)\n"
     "  ack ID | assign ID UNIT | status ID awaiting|assigned|at_scene   the dispatcher's steps\n"
     "  --db PATH               database file\n"},
    {"search", vg_cmd_search, "search persons, incidents, crimes and places as the web UI's search box does (JSON)",
     "  QUERY                   a name (with a date of birth dd/mm/yyyy), a phone number, a reference, a postcode\n"
     "                          or an address\n"
     "  --db PATH               database file\n"},
    {"lookup", vg_cmd_lookup, "find a person in all records: candidates with probability and explanation, and a briefing",
     "  --name N                whole name (or --given G and --family F)\n"
     "  --dob YYYY-MM-DD        date of birth\n"
     "  --address A             address as said (\"Flat 2, 14 High St\")\n"
     "  --postcode P            postcode\n"
     "  --phone T               telephone number\n"
     "  --at TIME               the briefing's date (default now)\n"
     "  --category C            the repeat rule to apply (default asb_personal; crime for crime)\n"
     "  --role R                role in the call (default victim)\n"
     "  --max N                 candidates to show (default 10, at most 20)\n"
     "  --format text|json      output format (default text)\n"
     "  --db PATH               database file\n"},
    {"match", vg_cmd_match, "the person-matching model and the resolved persons",
     "  train                   estimate the model from the records (EM) and save it\n"
     "  resolve                 cluster every person record into resolved persons (saved)\n"
     "  clusters                every person record with its resolved person:\n"
     "                          record_id,source_id,person_id (--format csv)\n"
     "  review                  the pairs of records the model is not sure of (data-quality queue)\n"
     "  same A B --reason WHY   records A and B are the same person (their persons joined)\n"
     "  different A B --reason WHY   they are not (kept apart, whatever the model says)\n"
     "  undo ID --reason WHY    undo a decision; decisions: every decision, undone ones too\n"
     "  --format text|json|csv  output format (default text; csv for clusters)\n"
     "  --db PATH               database file\n"},
    {"agency", vg_cmd_agency, "add and list agencies (the force and its partners)",
     "  add CODE --name NAME --kind KIND   KIND: force, local_authority, probation, health,\n"
     "                          housing, victim_services or other\n"
     "  list [--format text|json]\n"
     "  --db PATH               database file\n"},
    {"user", vg_cmd_user, "add users, set passwords, disable users, list users",
     "  add NAME --role ROLE [--agency CODE]   (agency default: force)\n"
     "  passwd NAME             set a new password\n"
     "  disable NAME            disable the account and end its sessions\n"
     "  list [--format text|json]\n"
     "  --password-stdin        read the password from standard input (else one is\n"
     "                          generated and printed)\n"
     "  --db PATH               database file\n"},
    {"audit", vg_cmd_audit, "verify the audit log's hash chain, or export it",
     "  verify                  recompute the chain; exit 1 naming the first bad entry\n"
     "  export                  one JSON object per line, oldest first\n"
     "  --from DATE, --to DATE  export entries in [from, to)\n"
     "  --person ID             who looked at this person: the entries naming any record of the\n"
     "                          resolved person that record belongs to\n"
     "  --db PATH               database file\n"},
    {"serve", vg_cmd_serve, "serve the JSON API (until SIGTERM or Ctrl-C)",
     "  --listen ADDRESS:PORT   default 127.0.0.1:8080 (port 0: any free port)\n"
     "  --threads N             thread pool size (default: the number of cores)\n"
     "  --max-connections N     default 1024\n"
     "  --max-per-address N     connections one client address may hold (default 64; 0: no limit;\n"
     "                          behind a proxy its loopback connections are not counted)\n"
     "  --header-timeout S      seconds for a request's headers to arrive (default 10)\n"
     "  --body-timeout S        seconds for its body after them (default 30)\n"
     "  --workers N             threads for analyses and reports (default: half the cores, at least 1)\n"
     "  --work-queue N          analyses that may wait for a worker before 503 (default 16)\n"
     "  --cookie-secure         mark the session cookie Secure (behind TLS)\n"
     "  --behind-proxy          client address from X-Real-IP on loopback connections; Secure\n"
     "                          cookies and HSTS when the proxy says X-Forwarded-Proto: https\n"
     "  --db PATH               database file\n"},
    {"restrict", vg_cmd_restrict, "restrict a record to named users (e.g. when the victim is a member of staff)",
     "  KIND ID --user NAME     KIND: incident, person or case; run once per user\n"
     "  --db PATH               database file\n"},
    {"analyse", vg_cmd_analyse, "analyses of crime: near-repeat (Knox test), hotspots, repeats, trends",
     "  near-repeat        the Knox test: pairs close in space and time against chance\n"
     "    --input FILE.csv  events: x,y (metres) and a date, header optional; or the records:\n"
     "    --from YYYY-MM --to YYYY-MM [--crime-type T] [--area CODE|NAME]\n"
     "    --date-format yyyy-mm-dd|dd/mm/yyyy|mm/dd/yyyy (default yyyy-mm-dd)\n"
     "    --lonlat          x,y are longitude,latitude: projected to British National Grid\n"
     "                      (outside the UK: the UTM zone of the first event)\n"
     "    --distance-bands L  breaks in metres, half-open bands (default 0,0.1,200,400,600)\n"
     "    --time-bands L    breaks in days (default 0,7,14,21)\n"
     "    --metric manhattan|euclidean (default manhattan)\n"
     "    --permutations N  Monte Carlo permutations for p-values (default 99)\n"
     "    --seed N          random seed (default 1)\n"
     "    --format text|json|html\n"
     "  hotspots           quartic kernel density, Getis-Ord Gi* with a false-discovery rate\n"
     "    (the same --input/--lonlat/--columns X,Y or --from/--to/--crime-type/--area)\n"
     "    --cell M --bandwidth M (defaults 50, 250)  --gi-radius M (default: the cell)\n"
     "    --fdr Q (default 0.05)  --polygon FILE.geojson  --crs EPSG:N (for x,y in metres)\n"
     "    --top N  --format text|json|csv|geojson|svg|html\n"
     "  repeats            repeat locations, victims, offenders: --from D --to D [--area] [--min 2]\n"
     "  trends             weekly exceptions: --week-ending D [--area] [--all]\n"},
    {"briefing", vg_cmd_briefing, "the daily neighbourhood review: what happened, who and where needs attention, actions",
     "  --neighbourhood N  code or name\n"
     "  --date YYYY-MM-DD  the day of the meeting (periods end at its start)\n"
     "  --format text|json\n"},
    {"tasking", vg_cmd_tasking, "the daily review's actions: add (owner, due date) and close (what was done)",
     "  add --neighbourhood N --text T --owner USER --due YYYY-MM-DD\n"
     "  close ID --result TEXT\n"},
    {"config", vg_cmd_config, "show or change settings (briefing thresholds, match threshold, reference prefix)",
     "  list                    every setting with its value\n"
     "  get KEY                 one setting\n"
     "  set KEY VALUE           change a setting (validated)\n"
     "  --db PATH               database file\n"},
    {"stats", vg_cmd_stats, "count records by type and recorded crimes by ONS offence group",
     "  --db PATH          database file\n"
     "  --format text|json output format (default text)\n"},
    {"demo", vg_cmd_demo, "create a database with a current synthetic force, its persons resolved, and demo users",
     "  --db PATH          database file (default ./demo.db)\n"
     "  --seed N           random seed (default 1)\n"
     "  --scale F          size (default 1)\n"
     "  --to YYYY-MM       last month (default: the last complete month before today)\n"
     "  --from YYYY-MM, --months M   as for synth\n"},
};

const vg_command *vg_cli_find(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void print_main_help(FILE *out)
{
    fprintf(out,
            "usage: vigil [--db PATH] [-q|-v] COMMAND [OPTIONS]\n\n"
            "Vigil: a victim-centred crime, ASB and partnership information system.\n\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nGlobal options:\n"
            "  --db PATH      database: a file (SQLite) or a postgres:// URL (default $VIGIL_DB, else\n"
            "                 ./vigil.db)\n"
            "  --read-db URL  reports and analyses read from this streaming replica of the database\n"
            "                 (default $VIGIL_READ_DB); writes, the audit log's too, go to --db\n"
            "  -q, --quiet    only errors on stderr\n"
            "  -v, --verbose  progress details on stderr\n"
            "  -h, --help     this help; 'vigil COMMAND --help' for a command\n"
            "  --version      print the version\n\n"
            "Exit codes: 0 ok, 1 failure, 2 usage error, 3 input rejected (nothing written).\n");
}

int vg_cli_help(vg_cli *cli, const vg_command *cmd)
{
    fprintf(cli->out, "usage: vigil %s [OPTIONS]\n\n%s.\n\nOptions:\n%s  -h, --help         this help\n", cmd->name,
            cmd->summary, cmd->usage);
    return VG_EXIT_OK;
}

int vg_cli_usage_error(vg_cli *cli, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(cli->err, "vigil%s%s: ", cli->cmd ? " " : "", cli->cmd ? cli->cmd : "");
    vfprintf(cli->err, fmt, ap);
    va_end(ap);
    if (cli->cmd)
        fprintf(cli->err, " (see 'vigil %s --help')\n", cli->cmd);
    else
        fprintf(cli->err, " (see 'vigil --help')\n");
    return VG_EXIT_USAGE;
}

int vg_cli_exit_code(vg_err code)
{
    switch (code) {
    case VG_OK: return VG_EXIT_OK;
    case VG_ERR_USAGE: return VG_EXIT_USAGE;
    case VG_ERR_INVALID_INPUT:
    case VG_ERR_TOO_LARGE: return VG_EXIT_REJECTED;
    default: return VG_EXIT_FAILURE;
    }
}

int vg_cli_fail(vg_cli *cli, const vg_error *e)
{
    char msg[1024];
    vg_error_format(e, msg, sizeof msg);
    fprintf(cli->err, "vigil%s%s: %s\n", cli->cmd ? " " : "", cli->cmd ? cli->cmd : "", msg);
    return vg_cli_exit_code(e->code);
}

int vg_cli_open(vg_cli *cli, vg_service_mode mode, vg_service **svc)
{
    vg_error err;
    vg_error_clear(&err);
    if (vg_service_open(cli->db, mode, svc, &err))
        return vg_cli_fail(cli, &err);
    if (cli->read_db && vg_service_read_db(*svc, cli->read_db, &err)) {
        vg_service_close(*svc);
        *svc = NULL;
        return vg_cli_fail(cli, &err);
    }
    return VG_EXIT_OK;
}

bool vg_cli_parse_format(const char *s, unsigned allowed, vg_format *out)
{
    static const char *const names[] = {"text", "json", "csv", "html"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0 && (allowed & (1u << i))) {
            *out = (vg_format)i;
            return true;
        }
    return false;
}

int vg_cli_main(int argc, char **argv)
{
    vg_cli cli = {.db = NULL, .cmd = NULL, .out = stdout, .err = stderr, .quiet = false};
    vg_log_from_env();
    vg_alloc_from_env();
    const char *env_db = getenv("VIGIL_DB");
    cli.db = env_db && *env_db ? env_db : "vigil.db";
    const char *env_read = getenv("VIGIL_READ_DB");
    cli.read_db = env_read && *env_read ? env_read : NULL;

    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_main_help(stdout);
            return VG_EXIT_OK;
        } else if (strcmp(a, "--version") == 0) {
            printf("vigil %s\n", VG_VERSION);
            return VG_EXIT_OK;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            cli.quiet = true;
            vg_log_set_level(VG_LOG_ERROR);
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            vg_log_set_level(VG_LOG_INFO);
        } else if (strcmp(a, "--db") == 0 && i + 1 < argc) {
            cli.db = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            cli.db = a + 5;
        } else if (strcmp(a, "--read-db") == 0 && i + 1 < argc) {
            cli.read_db = argv[++i];
        } else if (strncmp(a, "--read-db=", 10) == 0) {
            cli.read_db = a + 10;
        } else {
            return vg_cli_usage_error(&cli, "unknown option '%s'", a);
        }
    }
    if (i >= argc)
        return vg_cli_usage_error(&cli, "no command given");
    const vg_command *cmd = vg_cli_find(argv[i]);
    if (!cmd)
        return vg_cli_usage_error(&cli, "unknown command '%s'", argv[i]);
    cli.cmd = cmd->name;
    /* -h, -q and -v are understood after the command too; they are taken out here. */
    int n = 1;
    bool literal = false;
    for (int k = i + 1; k < argc; k++) {
        const char *a = argv[k];
        if (!literal && strcmp(a, "--") == 0)
            literal = true;
        if (!literal && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0))
            return vg_cli_help(&cli, cmd);
        if (!literal && (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)) {
            cli.quiet = true;
            vg_log_set_level(VG_LOG_ERROR);
        } else if (!literal && (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)) {
            vg_log_set_level(VG_LOG_INFO);
        } else if (!literal && strcmp(a, "--read-db") == 0 && k + 1 < argc) {
            cli.read_db = argv[++k]; /* any command's, like -q */
        } else if (!literal && strncmp(a, "--read-db=", 10) == 0) {
            cli.read_db = a + 10;
        } else {
            argv[i + n++] = argv[k];
        }
    }
    argv[i + n] = NULL;
    optind = 0; /* glibc: full re-initialisation of getopt for the command's arguments */
    opterr = 0;
    return cmd->run(&cli, n, argv + i);
}

void vg_cli_actor(vg_cli *cli, vg_actor *a)
{
    const char *user = getenv("SUDO_USER");
    if (!user || !*user)
        user = getenv("USER");
    (void)cli;
    vg_actor_operator(a, user, NULL); /* the purpose: each use case's own words */
}

int vg_cli_db_option(vg_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch != 'd')
            return vg_cli_usage_error(cli, "unknown option or missing value '%s'", argv[optind - 1]);
        cli->db = optarg;
    }
    return VG_EXIT_OK;
}

int vg_cli_open_area(vg_cli *cli, const char *area, vg_service **svc, vg_actor *actor, vg_area_ref *ref)
{
    int rc = vg_cli_open(cli, VG_SERVICE_EXISTING, svc);
    if (rc)
        return rc;
    vg_cli_actor(cli, actor);
    memset(ref, 0, sizeof *ref);
    vg_error err;
    vg_error_clear(&err);
    if (area && vg_service_area_find(*svc, actor, area, ref, &err)) {
        vg_service_close(*svc);
        return vg_cli_fail(cli, &err);
    }
    return VG_EXIT_OK;
}

int vg_cli_write_json(vg_cli *cli, json_t *j)
{
    size_t len;
    char *text = vg_json_text(j, &len);
    json_decref(j);
    int rc = text && fwrite(text, 1, len, cli->out) == len && fputc('\n', cli->out) != EOF ? VG_EXIT_OK : VG_EXIT_FAILURE;
    free(text);
    return rc;
}
