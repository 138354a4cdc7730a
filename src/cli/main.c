/* SPDX-License-Identifier: MIT */
/*
 * relgraph: French news articles in, relationship graph out.
 * main() stays thin: init, global options, dispatch, shutdown.
 */
#include <stdio.h>  /* printf, fprintf */
#include <string.h> /* strcmp */

#include <relgraph/common.h>
#include "cmd.h"
#include "error.h"

static const rg_cli_cmd cmds[] = {
    { "extract", cmd_extract, "Extract evidence (JSON Lines) from articles" },
    { "build", cmd_build, "Extract, aggregate per period, compute metrics, write graphs" },
    { "check", cmd_check, "Compare metrics with a baseline (exit 1 on regression)" },
    { "diff", cmd_diff, "Show what changed between two metrics files or periods" },
    { "actors", cmd_actors, "Validate an actor dictionary ('actors check FILE')" },
    { NULL, NULL, NULL }
};

const rg_cli_cmd *rg_cli_cmd_byname(const char *name)
{
    const rg_cli_cmd *c;

    for (c = cmds; c->name; c++) {
        if (strcmp(c->name, name) == 0) {
            return c;
        }
    }
    return NULL;
}

void rg_cli_print_commands(FILE *f)
{
    const rg_cli_cmd *c;

    for (c = cmds; c->name; c++) {
        fprintf(f, "  %-9s %s\n", c->name, c->summary);
    }
}

static void usage(FILE *f)
{
    fprintf(f, "usage: relgraph [-q|-v] COMMAND [OPTIONS] ARGS...\n\n"
           "Turns French news articles into a relationship graph between political actors.\n\n"
           "Commands:\n");
    rg_cli_print_commands(f);
    fprintf(f, "\nGlobal options:\n"
           "  -q, --quiet     only errors on stderr (also after COMMAND)\n"
           "  -v, --verbose   more detail on stderr (also after COMMAND)\n"
           "  -h, --help      this help; 'relgraph COMMAND --help' for a command\n"
           "  -V, --version   print the version\n\n"
           "Exit codes: 0 ok, 1 runtime error (check: regression), 2 usage, 3 input rejected.\n");
}

/* -q and -v after the command name too: applied and removed from argv
 * (up to a "--"); returns the new argc. */
static int take_verbosity(int argc, char **argv)
{
    int i, n = 1;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--")) {
            break;
        }
        if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            cli_verbosity = 0;
        } else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")) {
            cli_verbosity = 2;
        } else {
            argv[n++] = argv[i];
        }
    }
    for (; i < argc; i++) {
        argv[n++] = argv[i];
    }
    argv[n] = NULL;
    return n;
}

int main(int argc, char **argv)
{
    const rg_cli_cmd *cmd;
    int i = 1, rc;

    while (i < argc && argv[i][0] == '-') {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return RG_EXIT_OK;
        } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
            printf("relgraph %s\n", rg_version());
            return RG_EXIT_OK;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            cli_verbosity = 0;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            cli_verbosity = 2;
        } else {
            return cli_usage_error(NULL, "unknown option '%s'", a);
        }
        i++;
    }
    if (i >= argc) {
        usage(stderr);
        return RG_EXIT_USAGE;
    }
    if (!strcmp(argv[i], "help")) {
        if (i + 1 < argc && (cmd = rg_cli_cmd_byname(argv[i + 1])) != NULL) {
            char help[] = "--help";
            char *hargv[] = { argv[i + 1], help, NULL };
            return cmd->fn(2, hargv);
        }
        usage(stdout);
        return RG_EXIT_OK;
    }
    if (!(cmd = rg_cli_cmd_byname(argv[i]))) {
        return cli_usage_error(NULL, "unknown command '%s'", argv[i]);
    }
    argc = i + take_verbosity(argc - i, argv + i);
    rg_init();
    rc = cmd->fn(argc - i, argv + i);
    rg_shutdown();
    return rc;
}
