/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: relgraph-render's graph JSON reader (rr_graph_load in
 * src/render/render_json.c) over a file holding the fuzz input. Checks: on
 * success every edge points at a loaded node and the nodes are sorted by
 * key (rr_node_find relies on it); in all cases rr_graph_free cleans up.
 */
#include <fcntl.h>  /* open */
#include <stdint.h> /* uint8_t */
#include <stdio.h>  /* snprintf */
#include <stdlib.h> /* mkdtemp, atexit */
#include <string.h> /* strcmp */
#include <unistd.h> /* write, close, unlink, rmdir */

#include "render.h" /* rr_graph_load, rr_graph_free (src/render) */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char fuzz_dir[64];

static void remove_dir(void)
{
    rmdir(fuzz_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/rg-fuzz-render-XXXXXX");
    FUZZ_ASSERT(mkdtemp(fuzz_dir) != NULL);
    atexit(remove_dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rr_graph g;
    char file[128];
    size_t i;
    int fd;

    snprintf(file, sizeof file, "%s/2017-05.json", fuzz_dir);
    fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FUZZ_ASSERT(fd >= 0);
    FUZZ_ASSERT(size == 0 || write(fd, data, size) == (ssize_t)size);
    close(fd);
    if (rr_graph_load(&g, file, "pagerank") == RR_OK) {
        for (i = 0; i < g.n_edges; i++) {
            FUZZ_ASSERT(g.edges[i].s < g.n_nodes && g.edges[i].t < g.n_nodes);
        }
        for (i = 1; i < g.n_nodes; i++) {
            FUZZ_ASSERT(strcmp(g.nodes[i - 1].key, g.nodes[i].key) < 0);
        }
    }
    rr_graph_free(&g);
    unlink(file);
    return 0;
}
