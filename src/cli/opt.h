/* SPDX-License-Identifier: MIT */
/*
 * Option tables that serve both getopt_long and --help: one row per long
 * option with its argument name and help line, so the two never drift.
 */
#ifndef RG_CLI_OPT_H
#define RG_CLI_OPT_H

#include <getopt.h> /* struct option */

typedef struct {
    const char *name; /* long name; NULL ends the table */
    int has_arg;      /* no_argument or required_argument */
    int val;          /* what getopt_long returns */
    const char *arg;  /* argument name in the help, or NULL */
    const char *help; /* one line */
} cli_opt;

/* Fill `out` (as many rows as `opts`, end row included) for getopt_long. */
void cli_opt_longopts(struct option *out, const cli_opt *opts);

/* Print "  --name ARG help" lines, columns `name_w` and `arg_w` wide. */
void cli_opt_print(const cli_opt *opts, int name_w, int arg_w);

#endif
