/* SPDX-License-Identifier: MIT */
/*
 * igraph-zone helpers shared by graph_build.c and graph_metrics.c (the only
 * files that include this header). Written in igraph's idiom: they return
 * igraph_error_t, use IGRAPH_CHECK / IGRAPH_FINALLY, and leave the FINALLY
 * stack as they found it. Output vectors are initialised by the caller.
 */
#ifndef RG_LIB_GRAPH_IGRAPH_H
#define RG_LIB_GRAPH_IGRAPH_H

#include <igraph.h> /* igraph_t, igraph_vector_t, igraph_error_t */

#include "graph_core.h"

/* Undirected co-mention graph: one edge per pair with comention > 0,
 * weights = comention (distinct sentences). */
igraph_error_t rg_graph__ig_comention(igraph_t *g, igraph_vector_t *weights,
                                      const rg_graph_result *r);

/* Directed stance graph: an edge u -> v when u expressed any stance of
 * non-zero intensity towards v; weights = summed |intensity|. */
igraph_error_t rg_graph__ig_stance(igraph_t *g, igraph_vector_t *weights,
                                   const rg_graph_result *r);

/* Undirected signed graph: one edge per pair whose stance_net has a sign;
 * signs = +1 / -1 in edge order. */
igraph_error_t rg_graph__ig_signed(igraph_t *g, igraph_vector_int_t *signs,
                                   const rg_graph_result *r);

#endif
