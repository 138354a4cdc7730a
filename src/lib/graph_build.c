/* SPDX-License-Identifier: MIT */
/*
 * From an aggregate slice to a graph result (rg zone): the nodes present in
 * the slice, sorted by id, with mention and stance counters; the edges (one
 * per pair with any evidence), sorted by (source, target). Then the igraph
 * graphs of a result (igraph zone): co-mention, stance and signed graphs.
 * Last, every result and delta of an aggregate (rg_graph__compute_all).
 */
#include <igraph.h> /* igraph_create, igraph_vector_push_back */
#include <stdio.h>  /* snprintf */
#include <stdlib.h> /* qsort */
#include <string.h> /* memset, strcmp */

#include <relgraph/actors.h>

#include "common.h"
#include "graph_core.h"
#include "graph_igraph.h"

const char *const rg_graph__metric_names[RG_GM__COUNT] = {
    "balance", "balanced_triangles", "comention_edges", "communities",
    "components", "density", "documents", "edges", "modularity", "nodes",
    "signed_triangles", "stance_edges"
};

static const char *const metric_names[RG_METRIC__COUNT] = {
    "authority", "betweenness", "closeness", "degree", "documents",
    "eigenvector", "harmonic", "hub", "mentions", "pagerank", "stance_given",
    "stance_in_neg", "stance_in_pos", "stance_out_neg", "stance_out_pos",
    "stance_received", "strength"
};

const char *rg_metric_name(rg_metric m)
{
    return (int)m >= 0 && m < RG_METRIC__COUNT ? metric_names[m] : NULL;
}

int rg_metric_from_name(const char *name)
{
    int i;

    for (i = 0; i < RG_METRIC__COUNT; i++) {
        if (strcmp(metric_names[i], name) == 0) {
            return i;
        }
    }
    return -1;
}

void rg_graph__result_dispose(rg_graph_result *r)
{
    size_t i;

    if (!r) {
        return;
    }
    for (i = 0; i < r->n_nodes; i++) {
        rg__free(r->nodes[i].id);
        rg__free(r->nodes[i].label);
    }
    rg__free(r->nodes);
    rg__free(r->edges);
    memset(r, 0, sizeof *r);
}

long rg_graph__find_node(const rg_graph_result *r, const char *id)
{
    size_t lo = 0, hi = r->n_nodes;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(r->nodes[mid].id, id);
        if (c == 0) {
            return (long)mid;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return -1;
}

static int edge_cmp(const void *a, const void *b)
{
    const rg_edge_result *x = a, *y = b;

    if (x->u != y->u) {
        return x->u < y->u ? -1 : 1;
    }
    return x->v < y->v ? -1 : x->v > y->v;
}

/* Copies a pair record into an edge and adds its stances to the nodes. */
static void edge_from_pair(rg_edge_result *e,    /* out */
                           rg_node_result *nodes, /* result nodes */
                           const rg_pair *p,      /* aggregate record */
                           size_t u, size_t v)    /* result indices */
{
    const rg_stance_acc *st = &p->st[0], *ts = &p->st[1];

    memset(e, 0, sizeof *e);
    e->u = u;
    e->v = v;
    e->pair = p;
    e->comention = (double)p->comention;
    e->documents = (double)p->documents;
    e->stance_st = st->pos_sum - st->neg_sum;
    e->stance_ts = ts->pos_sum - ts->neg_sum;
    e->abs_st = st->pos_sum + st->neg_sum;
    e->abs_ts = ts->pos_sum + ts->neg_sum;
    e->stance_net = e->stance_st + e->stance_ts;
    e->stance_pos = (double)(st->pos_n + ts->pos_n);
    e->stance_neg = (double)(st->neg_n + ts->neg_n);
    e->stance_pos_sum = st->pos_sum + ts->pos_sum;
    e->stance_neg_sum = st->neg_sum + ts->neg_sum;
    e->tone_count = (double)p->tone_n;
    e->tone = p->tone_n ? p->tone_sum / (double)p->tone_n : 0.0;
    e->sign = e->stance_net > 0 ? 1 : e->stance_net < 0 ? -1 : 0;

    nodes[u].m[RG_METRIC_STANCE_OUT_POS] += st->pos_sum;
    nodes[u].m[RG_METRIC_STANCE_OUT_NEG] += st->neg_sum;
    nodes[u].m[RG_METRIC_STANCE_GIVEN] += e->stance_st;
    nodes[v].m[RG_METRIC_STANCE_IN_POS] += st->pos_sum;
    nodes[v].m[RG_METRIC_STANCE_IN_NEG] += st->neg_sum;
    nodes[v].m[RG_METRIC_STANCE_RECEIVED] += e->stance_st;
    nodes[v].m[RG_METRIC_STANCE_OUT_POS] += ts->pos_sum;
    nodes[v].m[RG_METRIC_STANCE_OUT_NEG] += ts->neg_sum;
    nodes[v].m[RG_METRIC_STANCE_GIVEN] += e->stance_ts;
    nodes[u].m[RG_METRIC_STANCE_IN_POS] += ts->pos_sum;
    nodes[u].m[RG_METRIC_STANCE_IN_NEG] += ts->neg_sum;
    nodes[u].m[RG_METRIC_STANCE_RECEIVED] += e->stance_ts;
}

static int result_nodes(rg_graph_result *r, size_t *map, const rg_agg *agg,
                        const rg_slice *s)
{
    size_t i, n = 0;

    for (i = 0; i < agg->n_nodes; i++) {
        map[i] = SIZE_MAX;
    }
    for (i = 0; i < agg->n_nodes; i++) {
        if (s->mentions[i] > 0) {
            map[i] = 0;
        }
    }
    for (i = 0; i < s->n_pairs; i++) {
        map[s->pairs[i].u] = map[s->pairs[i].v] = 0;
    }
    for (i = 0; i < agg->n_nodes; i++) {
        if (map[i] == 0) {
            map[i] = n++;
        } else {
            map[i] = SIZE_MAX;
        }
    }
    r->nodes = rg__calloc(n ? n : 1, sizeof *r->nodes);
    if (!r->nodes) {
        return RG_ERROR;
    }
    for (i = 0; i < agg->n_nodes; i++) {
        size_t a = agg->actor_of_node[i];
        rg_node_result *nd;
        if (map[i] == SIZE_MAX) {
            continue;
        }
        nd = &r->nodes[r->n_nodes++];
        nd->type = (int)rg_actors_type(agg->actors, a);
        nd->m[RG_METRIC_MENTIONS] = (double)s->mentions[i];
        nd->m[RG_METRIC_DOCUMENTS] = (double)s->node_docs[i];
        nd->id = rg__strdup(rg_actors_id(agg->actors, a));
        nd->label = rg__strdup(rg_actors_label(agg->actors, a) ?
                               rg_actors_label(agg->actors, a) : "");
        if (!nd->id || !nd->label) {
            return RG_ERROR;
        }
    }
    return RG_OK;
}

int rg_graph__from_slice(rg_graph_result *out, const rg_agg *agg, const rg_slice *s)
{
    rg_graph_result r;
    size_t *map = NULL;
    size_t i;
    int error = RG_OK;

    memset(&r, 0, sizeof r);
    memset(out, 0, sizeof *out);
    snprintf(r.key, sizeof r.key, "%s", s->key);
    map = rg__calloc(agg->n_nodes ? agg->n_nodes : 1, sizeof *map);
    if (!map || result_nodes(&r, map, agg, s) != RG_OK) {
        error = RG_ERROR;
        rg__error_set_oom();
        goto cleanup;
    }
    r.edges = rg__calloc(s->n_pairs ? s->n_pairs : 1, sizeof *r.edges);
    if (!r.edges) {
        error = RG_ERROR;
        rg__error_set_oom();
        goto cleanup;
    }
    for (i = 0; i < s->n_pairs; i++) {
        const rg_pair *p = &s->pairs[i];
        edge_from_pair(&r.edges[r.n_edges++], r.nodes, p, map[p->u], map[p->v]);
    }
    qsort(r.edges, r.n_edges, sizeof *r.edges, edge_cmp);
    r.g[RG_GM_DOCUMENTS] = (double)s->documents;
    r.g[RG_GM_NODES] = (double)r.n_nodes;
    r.g[RG_GM_EDGES] = (double)r.n_edges;
    *out = r;
    memset(&r, 0, sizeof r);
cleanup:
    rg__free(map);
    rg_graph__result_dispose(&r);
    return error;
}

/* ---- igraph zone ---- */

/* Append the arc from -> to to an igraph edge list. */
static igraph_error_t ig_push_arc(igraph_vector_int_t *edges, size_t from, size_t to)
{
    IGRAPH_CHECK(igraph_vector_int_push_back(edges, (igraph_integer_t)from));
    IGRAPH_CHECK(igraph_vector_int_push_back(edges, (igraph_integer_t)to));
    return IGRAPH_SUCCESS;
}

/*
 * The weighted graphs of a result, in edge order. Co-mention: u -- v with
 * weight comention. Stance (directed): u -> v weighted abs_st, then v -> u
 * weighted abs_ts. Only arcs of positive weight are added.
 */
static igraph_error_t ig_weighted(igraph_t *g,                /* out: new graph */
                                  igraph_vector_t *weights,   /* out: one per arc */
                                  const rg_graph_result *r,   /* the edges */
                                  int stance)                 /* stance, not co-mention */
{
    igraph_vector_int_t edges;
    size_t i;

    IGRAPH_VECTOR_INT_INIT_FINALLY(&edges, 0);
    igraph_vector_clear(weights);
    for (i = 0; i < r->n_edges; i++) {
        const rg_edge_result *e = &r->edges[i];
        double fwd = stance ? e->abs_st : e->comention;
        double back = stance ? e->abs_ts : 0.0;
        if (fwd > 0) {
            IGRAPH_CHECK(ig_push_arc(&edges, e->u, e->v));
            IGRAPH_CHECK(igraph_vector_push_back(weights, fwd));
        }
        if (back > 0) {
            IGRAPH_CHECK(ig_push_arc(&edges, e->v, e->u));
            IGRAPH_CHECK(igraph_vector_push_back(weights, back));
        }
    }
    IGRAPH_CHECK(igraph_create(g, &edges, (igraph_integer_t)r->n_nodes,
                               stance ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED));
    igraph_vector_int_destroy(&edges);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

igraph_error_t rg_graph__ig_comention(igraph_t *g, igraph_vector_t *weights,
                                      const rg_graph_result *r)
{
    return ig_weighted(g, weights, r, 0);
}

igraph_error_t rg_graph__ig_stance(igraph_t *g, igraph_vector_t *weights,
                                   const rg_graph_result *r)
{
    return ig_weighted(g, weights, r, 1);
}

igraph_error_t rg_graph__ig_signed(igraph_t *g, igraph_vector_int_t *signs,
                                   const rg_graph_result *r)
{
    igraph_vector_int_t edges;
    size_t i;

    IGRAPH_VECTOR_INT_INIT_FINALLY(&edges, 0);
    igraph_vector_int_clear(signs);
    for (i = 0; i < r->n_edges; i++) {
        const rg_edge_result *e = &r->edges[i];
        if (e->sign == 0) {
            continue;
        }
        IGRAPH_CHECK(ig_push_arc(&edges, e->u, e->v));
        IGRAPH_CHECK(igraph_vector_int_push_back(signs, e->sign));
    }
    IGRAPH_CHECK(igraph_create(g, &edges, (igraph_integer_t)r->n_nodes, IGRAPH_UNDIRECTED));
    igraph_vector_int_destroy(&edges);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* ---- every result of an aggregate ---- */

/* Free n period results and deltas (either may be NULL) and the arrays. */
static void dispose_series(rg_graph_result *periods, rg_delta *deltas, size_t n)
{
    size_t i;

    for (i = 0; periods && i < n; i++) {
        rg_graph__result_dispose(&periods[i]);
    }
    for (i = 0; deltas && i < n; i++) {
        rg_graph__delta_dispose(&deltas[i]);
    }
    rg__free(periods);
    rg__free(deltas);
}

int rg_graph__compute_results(rg_graph_result *overall, rg_graph_result **periods_out,
                              const rg_agg *agg)
{
    rg_graph_result *periods = NULL;
    size_t i, n = agg->n_periods;
    int error = RG_OK;

    *periods_out = NULL;
    if (!(periods = rg__calloc(n + 1, sizeof *periods))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if ((error = rg_graph__from_slice(overall, agg, &agg->overall)) != RG_OK ||
        (error = rg_graph__compute(overall, NULL)) != RG_OK) {
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        if ((error = rg_graph__from_slice(&periods[i], agg, agg->periods[i])) != RG_OK ||
            (error = rg_graph__compute(&periods[i], overall)) != RG_OK) {
            goto cleanup;
        }
    }
    *periods_out = periods;
    periods = NULL;
cleanup:
    dispose_series(periods, NULL, n);
    return error;
}

int rg_graph__compute_deltas(rg_delta **deltas_out, const rg_graph_result *periods, size_t n)
{
    rg_delta *deltas = rg__calloc(n + 1, sizeof *deltas);
    size_t i;
    int error = RG_OK;

    *deltas_out = NULL;
    if (!deltas) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i + 1 < n; i++) {
        if ((error = rg_graph__delta(&deltas[i], &periods[i], &periods[i + 1])) != RG_OK) {
            dispose_series(NULL, deltas, n);
            return error;
        }
    }
    *deltas_out = deltas;
    return RG_OK;
}

int rg_graph__compute_all(rg_graph_result *overall, rg_graph_result **periods_out,
                          rg_delta **deltas_out, const rg_agg *agg)
{
    int error;

    *deltas_out = NULL;
    if ((error = rg_graph__compute_results(overall, periods_out, agg)) == RG_OK &&
        (error = rg_graph__compute_deltas(deltas_out, *periods_out, agg->n_periods)) != RG_OK) {
        dispose_series(*periods_out, NULL, agg->n_periods);
        *periods_out = NULL;
    }
    return error;
}

void rg_graph__dispose_all(rg_graph_result *overall, rg_graph_result *periods,
                        rg_delta *deltas, size_t n)
{
    rg_graph__result_dispose(overall);
    dispose_series(periods, deltas, n);
}
