/* main.c - the `vigil` binary. */
#include "cli/cli.h"

int main(int argc, char **argv) { return vg_cli_main(argc, argv); }
