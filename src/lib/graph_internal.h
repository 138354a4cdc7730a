/* SPDX-License-Identifier: MIT */
/*
 * The igraph bridge (igraph zone only: included by graph_*.c). RG_IG() wraps
 * an igraph call in rg-zone code: on failure it converts the code, keeps the
 * reason captured by the handler, and jumps to the function's cleanup label
 * with `error` set. Never mix with IGRAPH_FINALLY in the same function.
 */
#ifndef RG_LIB_GRAPH_INTERNAL_H
#define RG_LIB_GRAPH_INTERNAL_H

#include "common.h"

/* Turns an igraph_error_t into RG_EGRAPH, keeping the handler's reason. */
int rg__error_from_igraph(int code);

#define RG_IG(expr)                                                   \
    do {                                                              \
        int rg__ig = (int)(expr);                                     \
        if (rg__ig != 0) {                                            \
            error = rg__error_from_igraph(rg__ig);                    \
            goto cleanup;                                             \
        }                                                             \
    } while (0)

#endif
