/* SPDX-License-Identifier: MIT */
/*
 * Benchmark floor: JSON parsing alone of a JSON Lines file with jansson, the
 * parser relgraph's reader uses. Each line is parsed with json_loadb() and
 * freed; nothing else. Prints the number of objects parsed.
 * Build: cc -O2 bench/jansson_floor.c $(pkg-config --cflags --libs jansson)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>  /* fopen, getline, printf */
#include <stdlib.h> /* free */

#include <jansson.h> /* json_loadb, json_decref */

int main(int argc, char **argv)
{
    FILE *f = NULL;
    char *line = NULL;
    size_t cap = 0, objects = 0, bad = 0;
    ssize_t n;
    int rc = 1;

    if (argc != 2) {
        fprintf(stderr, "usage: jansson_floor FILE.jsonl\n");
        return 2;
    }
    if (!(f = fopen(argv[1], "rb"))) {
        perror(argv[1]);
        goto cleanup;
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        json_error_t err;
        json_t *j = json_loadb(line, (size_t)n, 0, &err);
        if (j) {
            objects++;
            json_decref(j);
        } else {
            bad++;
        }
    }
    printf("%zu objects, %zu bad lines\n", objects, bad);
    rc = 0;
cleanup:
    free(line);
    if (f) {
        fclose(f);
    }
    return rc;
}
