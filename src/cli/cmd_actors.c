/* SPDX-License-Identifier: MIT */
/* `relgraph actors check FILE`: validate an actor dictionary. */
#include <stdio.h>  /* printf, fprintf */
#include <string.h> /* strcmp */

#include <relgraph/actors.h>
#include "cmd.h"
#include "error.h"

static void actors_help(void)
{
    printf("usage: relgraph actors check FILE.json\n"
           "       relgraph actors list\n\n"
           "check: validate an actor dictionary (docs/actors.md) and print every\n"
           "problem as FILE: PATH: message. Exit 0 when valid, 3 when not, 1 when the\n"
           "file cannot be read.\n"
           "list:  print the built-in dictionary's actors (id, type, label).\n\n"
           "Example:\n  relgraph actors check data/actors.json\n");
}

static void actors_print(const char *msg, void *payload)
{
    (void)payload;
    fprintf(stderr, "%s\n", msg);
}

static int actors_list(void)
{
    rg_actors *a = NULL;
    size_t i;

    if (rg_actors_default(&a) < 0) {
        return cli_error_lib();
    }
    for (i = 0; i < rg_actors_count(a); i++) {
        printf("%s\t%s\t%s\n", rg_actors_id(a, i), rg_actor_type_name(rg_actors_type(a, i)),
               rg_actors_label(a, i));
    }
    rg_actors_free(a);
    return RG_EXIT_OK;
}

int cmd_actors(int argc, char **argv)
{
    size_t n_errors = 0;

    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        actors_help();
        return RG_EXIT_OK;
    }
    if (argc == 2 && !strcmp(argv[1], "list")) {
        return actors_list();
    }
    if (argc != 3 || strcmp(argv[1], "check") != 0) {
        return cli_usage_error("actors", "usage: relgraph actors check FILE.json");
    }
    if (rg_actors_check(argv[2], actors_print, NULL, &n_errors) < 0) {
        return cli_error_lib();
    }
    if (n_errors) {
        fprintf(stderr, "relgraph: %s: %zu problem%s\n", argv[2], n_errors, n_errors > 1 ? "s" : "");
        return RG_EXIT_DATA;
    }
    if (cli_verbosity > 0) {
        printf("%s: ok\n", argv[2]);
    }
    return RG_EXIT_OK;
}
