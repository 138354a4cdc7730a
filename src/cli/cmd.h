/* SPDX-License-Identifier: MIT */
/* The command table: one cmd_<name>.c file per command. */
#ifndef RG_CLI_CMD_H
#define RG_CLI_CMD_H

#include <stdio.h> /* FILE */

typedef struct {
    const char *name;
    int (*fn)(int argc, char **argv); /* argv[0] is the command name */
    const char *summary;
} rg_cli_cmd;

int cmd_extract(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_actors(int argc, char **argv);

const rg_cli_cmd *rg_cli_cmd_byname(const char *name);
void rg_cli_print_commands(FILE *f);

#endif
