/* SPDX-License-Identifier: MIT */
/*
 * Metrics of one graph result with igraph 0.10: centralities on the
 * weighted co-mention graph, Leiden communities (modularity objective,
 * seed 42), hub and authority scores on the directed stance graph,
 * structural balance of the signed graph, and a seeded layout hint.
 * Static helpers are igraph zone (igraph_error_t, FINALLY); the one public
 * entry point, rg_graph__compute(), is rg zone (RG_IG, goto cleanup).
 */
#include <igraph.h> /* igraph_betweenness, igraph_pagerank, igraph_community_leiden, ... */
#include <math.h>   /* isfinite, sqrt */
#include <string.h> /* memset */

#include "common.h"
#include "graph_core.h"
#include "graph_igraph.h"
#include "graph_internal.h"

#define RG_GRAPH_SEED 42
#define RG_PAGERANK_DAMPING 0.85
#define RG_LEIDEN_BETA 0.01
#define RG_LAYOUT_ITER 500
#define RG_LAYOUT_SCALE 50.0

static void store(rg_graph_result *r, rg_metric m, const igraph_vector_t *v)
{
    size_t i;

    for (i = 0; i < r->n_nodes; i++) {
        r->nodes[i].m[m] = VECTOR(*v)[i];
    }
}

/*
 * Co-mention centralities. Distances for paths are 1/weight, so pairs named
 * together in more sentences are closer.
 */
static igraph_error_t centralities(const igraph_t *g, const igraph_vector_t *w,
                                   rg_graph_result *r)
{
    igraph_integer_t ne = igraph_ecount(g), i;
    igraph_vector_t dist, res;
    igraph_vector_int_t deg;
    igraph_real_t value;

    IGRAPH_VECTOR_INIT_FINALLY(&dist, ne);
    IGRAPH_VECTOR_INIT_FINALLY(&res, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&deg, 0);
    for (i = 0; i < ne; i++) {
        VECTOR(dist)[i] = 1.0 / VECTOR(*w)[i];
    }
    IGRAPH_CHECK(igraph_degree(g, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS));
    for (i = 0; i < (igraph_integer_t)r->n_nodes; i++) {
        r->nodes[i].m[RG_METRIC_DEGREE] = (double)VECTOR(deg)[i];
    }
    IGRAPH_CHECK(igraph_strength(g, &res, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, w));
    store(r, RG_METRIC_STRENGTH, &res);
    IGRAPH_CHECK(igraph_betweenness(g, &res, igraph_vss_all(), IGRAPH_UNDIRECTED, &dist));
    store(r, RG_METRIC_BETWEENNESS, &res);
    IGRAPH_CHECK(igraph_closeness(g, &res, NULL, NULL, igraph_vss_all(), IGRAPH_ALL,
                                  &dist, /* normalized */ 1));
    store(r, RG_METRIC_CLOSENESS, &res); /* isolated: NaN, sanitised to 0 */
    IGRAPH_CHECK(igraph_harmonic_centrality(g, &res, igraph_vss_all(), IGRAPH_ALL,
                                            &dist, /* normalized */ 1));
    store(r, RG_METRIC_HARMONIC, &res);
    if (ne > 0) {
        /* ARPACK starts from a random vector: seeded, so that the result
         * does not depend on what ran before in the process */
        IGRAPH_CHECK(igraph_rng_seed(igraph_rng_default(), RG_GRAPH_SEED));
        IGRAPH_CHECK(igraph_eigenvector_centrality(g, &res, &value, IGRAPH_UNDIRECTED,
                                                   /* scale */ 1, w, NULL));
        store(r, RG_METRIC_EIGENVECTOR, &res);
    }
    IGRAPH_CHECK(igraph_pagerank(g, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &value,
                                 igraph_vss_all(), IGRAPH_UNDIRECTED,
                                 RG_PAGERANK_DAMPING, w, NULL));
    store(r, RG_METRIC_PAGERANK, &res);
    igraph_vector_int_destroy(&deg);
    igraph_vector_destroy(&res);
    igraph_vector_destroy(&dist);
    IGRAPH_FINALLY_CLEAN(3);
    return IGRAPH_SUCCESS;
}

/* Community labels renumbered 0, 1, ... in order of first node (by id). */
static igraph_error_t renumber(rg_graph_result *r, const igraph_vector_int_t *memb)
{
    igraph_vector_int_t map;
    igraph_integer_t next = 0;
    size_t i;

    IGRAPH_VECTOR_INT_INIT_FINALLY(&map, (igraph_integer_t)r->n_nodes);
    igraph_vector_int_fill(&map, -1);
    for (i = 0; i < r->n_nodes; i++) {
        igraph_integer_t c = VECTOR(*memb)[i];
        if (VECTOR(map)[c] < 0) {
            VECTOR(map)[c] = next++;
        }
        r->nodes[i].community = (int)VECTOR(map)[c];
    }
    r->g[RG_GM_COMMUNITIES] = (double)next;
    igraph_vector_int_destroy(&map);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/*
 * Leiden with the modularity objective: node weights = strength and
 * resolution 1/(2m) make the CPM quality equal to modularity. Run until
 * stable, seeded, so the same graph always gives the same partition.
 */
static igraph_error_t communities(const igraph_t *g, const igraph_vector_t *w,
                                  rg_graph_result *r)
{
    igraph_vector_int_t memb;
    igraph_vector_t strength;
    igraph_integer_t nb, comps, i;
    igraph_real_t quality, q = 0.0, total = igraph_vector_sum(w);

    IGRAPH_VECTOR_INT_INIT_FINALLY(&memb, (igraph_integer_t)r->n_nodes);
    IGRAPH_VECTOR_INIT_FINALLY(&strength, 0);
    if (total > 0) {
        IGRAPH_CHECK(igraph_strength(g, &strength, igraph_vss_all(), IGRAPH_ALL,
                                     IGRAPH_LOOPS, w));
        IGRAPH_CHECK(igraph_rng_seed(igraph_rng_default(), RG_GRAPH_SEED));
        IGRAPH_CHECK(igraph_community_leiden(g, w, &strength, 1.0 / (2.0 * total),
                                             RG_LEIDEN_BETA, /* start */ 0,
                                             /* until stable */ -1, &memb, &nb, &quality));
        IGRAPH_CHECK(igraph_modularity(g, &memb, w, 1.0, IGRAPH_UNDIRECTED, &q));
    } else {
        for (i = 0; i < (igraph_integer_t)r->n_nodes; i++) {
            VECTOR(memb)[i] = i;
        }
    }
    IGRAPH_CHECK(renumber(r, &memb));
    r->g[RG_GM_MODULARITY] = q;
    IGRAPH_CHECK(igraph_connected_components(g, NULL, NULL, &comps, IGRAPH_WEAK));
    r->g[RG_GM_COMPONENTS] = (double)comps;
    igraph_vector_destroy(&strength);
    igraph_vector_int_destroy(&memb);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}

/* Hub and authority scores (scaled max = 1) on the stance graph. */
static igraph_error_t hits(rg_graph_result *r)
{
    igraph_t g;
    igraph_vector_t w, hub, auth;
    igraph_real_t value;

    IGRAPH_VECTOR_INIT_FINALLY(&w, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&hub, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&auth, 0);
    IGRAPH_CHECK(rg_graph__ig_stance(&g, &w, r));
    IGRAPH_FINALLY(igraph_destroy, &g);
    r->g[RG_GM_STANCE_EDGES] = (double)igraph_ecount(&g);
    if (igraph_ecount(&g) > 0) {
        IGRAPH_CHECK(igraph_rng_seed(igraph_rng_default(), RG_GRAPH_SEED)); /* ARPACK */
        IGRAPH_CHECK(igraph_hub_and_authority_scores(&g, &hub, &auth, &value,
                                                     /* scale */ 1, &w, NULL));
        store(r, RG_METRIC_HUB, &hub);
        store(r, RG_METRIC_AUTHORITY, &auth);
    }
    igraph_destroy(&g);
    igraph_vector_destroy(&auth);
    igraph_vector_destroy(&hub);
    igraph_vector_destroy(&w);
    IGRAPH_FINALLY_CLEAN(4);
    return IGRAPH_SUCCESS;
}

/*
 * Structural balance: among triangles whose three pairs all have a non-zero
 * net stance sign, the share whose sign product is positive (+++ and +--).
 */
static igraph_error_t balance(rg_graph_result *r)
{
    igraph_t g;
    igraph_vector_int_t signs, tri;
    igraph_integer_t i, n, e1, e2, e3, balanced = 0;

    IGRAPH_VECTOR_INT_INIT_FINALLY(&signs, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&tri, 0);
    IGRAPH_CHECK(rg_graph__ig_signed(&g, &signs, r));
    IGRAPH_FINALLY(igraph_destroy, &g);
    IGRAPH_CHECK(igraph_list_triangles(&g, &tri));
    n = igraph_vector_int_size(&tri) / 3;
    for (i = 0; i < n; i++) {
        igraph_integer_t a = VECTOR(tri)[3 * i], b = VECTOR(tri)[3 * i + 1],
                         c = VECTOR(tri)[3 * i + 2];
        IGRAPH_CHECK(igraph_get_eid(&g, &e1, a, b, IGRAPH_UNDIRECTED, 1));
        IGRAPH_CHECK(igraph_get_eid(&g, &e2, b, c, IGRAPH_UNDIRECTED, 1));
        IGRAPH_CHECK(igraph_get_eid(&g, &e3, a, c, IGRAPH_UNDIRECTED, 1));
        if (VECTOR(signs)[e1] * VECTOR(signs)[e2] * VECTOR(signs)[e3] > 0) {
            balanced++;
        }
    }
    r->g[RG_GM_SIGNED_TRIANGLES] = (double)n;
    r->g[RG_GM_BALANCED_TRIANGLES] = (double)balanced;
    r->g[RG_GM_BALANCE] = n > 0 ? (double)balanced / (double)n : 0.0;
    igraph_destroy(&g);
    igraph_vector_int_destroy(&tri);
    igraph_vector_int_destroy(&signs);
    IGRAPH_FINALLY_CLEAN(3);
    return IGRAPH_SUCCESS;
}

/* Fruchterman-Reingold on the co-mention graph, seeded; in points. */
static igraph_error_t layout(const igraph_t *g, const igraph_vector_t *w,
                             rg_graph_result *r)
{
    igraph_matrix_t pos;
    size_t i;

    IGRAPH_MATRIX_INIT_FINALLY(&pos, 0, 0);
    IGRAPH_CHECK(igraph_rng_seed(igraph_rng_default(), RG_GRAPH_SEED));
    IGRAPH_CHECK(igraph_layout_fruchterman_reingold(
        g, &pos, /* use_seed */ 0, RG_LAYOUT_ITER, sqrt((double)r->n_nodes),
        IGRAPH_LAYOUT_NOGRID, w, NULL, NULL, NULL, NULL));
    for (i = 0; i < r->n_nodes; i++) {
        r->nodes[i].x = round(MATRIX(pos, i, 0) * RG_LAYOUT_SCALE * 100.0) / 100.0;
        r->nodes[i].y = round(MATRIX(pos, i, 1) * RG_LAYOUT_SCALE * 100.0) / 100.0;
    }
    igraph_matrix_destroy(&pos);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* ---- rg zone ---- */

static void copy_layout(rg_graph_result *r, const rg_graph_result *from)
{
    size_t i;

    for (i = 0; i < r->n_nodes; i++) {
        long j = rg_graph__find_node(from, r->nodes[i].id);
        if (j >= 0) {
            r->nodes[i].x = from->nodes[j].x;
            r->nodes[i].y = from->nodes[j].y;
        }
    }
}

/* NaN and Inf (e.g. closeness of an isolated node) become 0. */
static void sanitise(rg_graph_result *r)
{
    size_t i;
    int m;

    for (i = 0; i < r->n_nodes; i++) {
        for (m = 0; m < RG_METRIC__COUNT; m++) {
            if (!isfinite(r->nodes[i].m[m])) {
                r->nodes[i].m[m] = 0.0;
            }
        }
        if (!isfinite(r->nodes[i].x) || !isfinite(r->nodes[i].y)) {
            r->nodes[i].x = r->nodes[i].y = 0.0;
        }
    }
    for (m = 0; m < RG_GM__COUNT; m++) {
        if (!isfinite(r->g[m])) {
            r->g[m] = 0.0;
        }
    }
}

int rg_graph__compute(rg_graph_result *r, const rg_graph_result *layout_from)
{
    igraph_t g;
    igraph_vector_t w;
    int have_g = 0, have_w = 0;
    double n = (double)r->n_nodes;
    int error = RG_OK;

    if (r->n_nodes == 0) {
        goto cleanup;
    }
    RG_IG(igraph_vector_init(&w, 0));
    have_w = 1;
    RG_IG(rg_graph__ig_comention(&g, &w, r));
    have_g = 1;
    r->g[RG_GM_COMENTION_EDGES] = (double)igraph_ecount(&g);
    r->g[RG_GM_DENSITY] = n >= 2 ? 2.0 * (double)igraph_ecount(&g) / (n * (n - 1)) : 0.0;
    RG_IG(centralities(&g, &w, r));
    RG_IG(communities(&g, &w, r));
    RG_IG(hits(r));
    RG_IG(balance(r));
    if (layout_from) {
        copy_layout(r, layout_from);
    } else {
        RG_IG(layout(&g, &w, r));
    }
cleanup:
    if (have_g) {
        igraph_destroy(&g);
    }
    if (have_w) {
        igraph_vector_destroy(&w);
    }
    sanitise(r);
    return error;
}
