/* SPDX-License-Identifier: MIT */
/*
 * Library initialisation and the igraph error bridge. igraph's default error
 * handler aborts the process; ours records the first non-empty reason in the
 * thread's last error, unwinds igraph's FINALLY stack and returns, so the
 * error travels back as an igraph_error_t and then as RG_EGRAPH.
 */
#include <igraph.h> /* igraph_set_error_handler, IGRAPH_FINALLY_FREE */
#include <jansson.h> /* json_set_alloc_funcs */

#include "common.h"
#include "graph_internal.h"

static int init_count;
static igraph_error_handler_t *prev_error_handler;
static igraph_warning_handler_t *prev_warning_handler;
static _Thread_local int igraph_reason_set;

static void graph_error_handler(const char *reason, const char *file, int line,
                                igraph_error_t igraph_errno)
{
    /* outer IGRAPH_CHECK levels pass "": keep the innermost reason */
    if (!igraph_reason_set && reason && reason[0]) {
        rg__error_set(RG_EGRAPH, "igraph: %s (%s, %s:%d)", reason,
                      igraph_strerror(igraph_errno), file ? file : "?", line);
        igraph_reason_set = 1;
    }
    IGRAPH_FINALLY_FREE();
}

static void graph_warning_handler(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line; /* igraph warnings (e.g. non-convergence) are not errors */
}

int rg__error_from_igraph(int code)
{
    if (!igraph_reason_set) {
        rg__error_set(RG_EGRAPH, "igraph: %s", igraph_strerror((igraph_error_t)code));
    }
    igraph_reason_set = 0;
    return RG_EGRAPH;
}

int rg_init(void)
{
    if (init_count++ == 0) {
        /* jansson allocates through our hook too, so that the allocation-
         * failure tests reach its failure paths */
        json_set_alloc_funcs(rg__malloc, rg__free);
        prev_error_handler = igraph_set_error_handler(graph_error_handler);
        prev_warning_handler = igraph_set_warning_handler(graph_warning_handler);
    }
    return RG_OK;
}

void rg_shutdown(void)
{
    if (init_count > 0 && --init_count == 0) {
        igraph_set_error_handler(prev_error_handler);
        igraph_set_warning_handler(prev_warning_handler);
    }
}

const char *rg_version(void)
{
    return RG_VERSION;
}
