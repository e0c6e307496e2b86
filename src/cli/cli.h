/* cli.h - the `vigil` command line: command table, shared options, exit codes.
 * Commands reach records only through service/. */
#ifndef VG_CLI_H
#define VG_CLI_H

#include "base/err.h"
#include "service/service.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit codes (stable interface). */
enum { VG_EXIT_OK = 0, VG_EXIT_FAILURE = 1, VG_EXIT_USAGE = 2, VG_EXIT_REJECTED = 3 };

typedef enum vg_format { VG_FORMAT_TEXT, VG_FORMAT_JSON, VG_FORMAT_CSV, VG_FORMAT_HTML } vg_format;

typedef struct vg_cli {
    const char *db;   /* --db, else $VIGIL_DB, else ./vigil.db */
    const char *read_db; /* --read-db, else $VIGIL_READ_DB: a replica for reports and analyses (NULL: none) */
    const char *cmd;  /* the command being run */
    FILE *out, *err;
    bool quiet;
} vg_cli;

typedef int (*vg_cmd_fn)(vg_cli *cli, int argc, char **argv);

typedef struct vg_command {
    const char *name;
    vg_cmd_fn run;
    const char *summary;
    const char *usage; /* options, one per line */
} vg_command;

/* Runs `vigil ARGS...`; returns the exit code. */
int vg_cli_main(int argc, char **argv);

/* Helpers for commands. */
int vg_cli_usage_error(vg_cli *cli, const char *fmt, ...) VG_PRINTF(2, 3);
/* Prints "vigil CMD: where: why" and maps the error to an exit code. */
int vg_cli_fail(vg_cli *cli, const vg_error *e);
int vg_cli_exit_code(vg_err code);
/* Parses --format values allowed by `allowed` (bit mask of 1 << vg_format). */
bool vg_cli_parse_format(const char *s, unsigned allowed, vg_format *out);
/* Prints the command's usage text. */
int vg_cli_help(vg_cli *cli, const vg_command *cmd);
const vg_command *vg_cli_find(const char *name);
/* Opens the service on cli->db; on failure prints the error and returns its exit code,
 * else returns VG_EXIT_OK with *svc set (close with vg_service_close). */
int vg_cli_open(vg_cli *cli, vg_service_mode mode, vg_service **svc);
/* Parses the options of a command whose only option is --db (words stay in argv from
 * optind). Returns VG_EXIT_OK, or the usage error's exit code. */
int vg_cli_db_option(vg_cli *cli, int argc, char **argv);
/* Opens the service with the operator as *actor and finds the area named by code or name
 * (NULL: the whole force, ref->id 0); on failure prints the error and returns its exit
 * code (the service closed), else VG_EXIT_OK. */
int vg_cli_open_area(vg_cli *cli, const char *area, vg_service **svc, vg_actor *actor, vg_area_ref *ref);
/* Writes j as one line of compact JSON and releases it; VG_EXIT_FAILURE if it cannot. */
int vg_cli_write_json(vg_cli *cli, json_t *j);
/* The operator running this command (audited as "cli:USER"). */
void vg_cli_actor(vg_cli *cli, vg_actor *a);

/* Commands (one file each group). */
int vg_cmd_init(vg_cli *cli, int argc, char **argv);
int vg_cmd_stats(vg_cli *cli, int argc, char **argv);
int vg_cmd_synth(vg_cli *cli, int argc, char **argv);
int vg_cmd_demo(vg_cli *cli, int argc, char **argv);
int vg_cmd_import(vg_cli *cli, int argc, char **argv);
int vg_cmd_report(vg_cli *cli, int argc, char **argv);
int vg_cmd_export(vg_cli *cli, int argc, char **argv);
int vg_cmd_incident(vg_cli *cli, int argc, char **argv);
int vg_cmd_lookup(vg_cli *cli, int argc, char **argv);
int vg_cmd_search(vg_cli *cli, int argc, char **argv);
int vg_cmd_match(vg_cli *cli, int argc, char **argv);
int vg_cmd_config(vg_cli *cli, int argc, char **argv);
int vg_cmd_agency(vg_cli *cli, int argc, char **argv);
int vg_cmd_user(vg_cli *cli, int argc, char **argv);
int vg_cmd_audit(vg_cli *cli, int argc, char **argv);
int vg_cmd_serve(vg_cli *cli, int argc, char **argv);
int vg_cmd_restrict(vg_cli *cli, int argc, char **argv);
int vg_cmd_analyse(vg_cli *cli, int argc, char **argv);
int vg_cmd_briefing(vg_cli *cli, int argc, char **argv);
int vg_cmd_tasking(vg_cli *cli, int argc, char **argv);

#endif
