/* SPDX-License-Identifier: MIT */
/*
 * Graph core: aggregation of hand-built evidence, metrics on tiny graphs
 * with hand-computed values (path, star, weighted square, signed
 * triangles), periods and undated documents, capped document ids, layer
 * filter, and the files written by rg_agg_write (sorted keys, determinism).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <igraph.h> /* IGRAPH_FINALLY_STACK_EMPTY */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <relgraph/actors.h>
#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include <relgraph/evidence.h>
#include <relgraph/graph.h>
#include <relgraph/io.h>
#include <relgraph/metrics.h>
#include <relgraph/text.h>

#include "graph_core.h"

static const char dict_json[] =
    "{\"schema\": 1, \"actors\": ["
    "{\"id\": \"a\", \"label\": \"Anne Alpha\", \"type\": \"person\", \"aliases\": [\"Anne Alpha\"]},"
    "{\"id\": \"b\", \"label\": \"Bruno Beta\", \"type\": \"person\", \"aliases\": [\"Bruno Beta\"]},"
    "{\"id\": \"c\", \"label\": \"Chloe Gamma\", \"type\": \"person\", \"aliases\": [\"Chloe Gamma\"]},"
    "{\"id\": \"d\", \"label\": \"Denis Delta\", \"type\": \"person\", \"aliases\": [\"Denis Delta\"]},"
    "{\"id\": \"e\", \"label\": \"Emma Epsilon\", \"type\": \"person\", \"aliases\": [\"Emma Epsilon\"]},"
    "{\"id\": \"RUS\", \"label\": \"Russie\", \"type\": \"state\", \"aliases\": [\"Russie\"]}"
    "]}";

static rg_actors *dict;

#include "agg_fixture.h"

static void add_doc(rg_agg *agg, const char *id, int year, int month, const rel *rels,
                    size_t n)
{
    assert_int_equal(agg_fixture_add(agg, id, year, month, rels, n), RG_OK);
}

static rg_agg *new_agg(rg_period_kind p, rg_layer l)
{
    rg_agg_options o = RG_AGG_OPTIONS_INIT;
    rg_agg *agg = NULL;

    o.period = p;
    o.layer = l;
    assert_int_equal(rg_agg_new(&agg, dict, &o), RG_OK);
    return agg;
}

typedef struct {
    rg_graph_result overall;
    rg_graph_result *periods;
    rg_delta *deltas;
    size_t n;
    rg_agg *agg; /* owned when set by compute_doc() */
} computed;

static void compute(computed *c, const rg_agg *agg)
{
    memset(c, 0, sizeof *c);
    assert_int_equal(rg_graph__compute_all(&c->overall, &c->periods, &c->deltas, agg), RG_OK);
    c->n = rg_agg_periods(agg);
}

static void computed_dispose(computed *c)
{
    size_t i;

    rg_graph__result_dispose(&c->overall);
    for (i = 0; i < c->n; i++) {
        rg_graph__result_dispose(&c->periods[i]);
        rg_graph__delta_dispose(&c->deltas[i]);
    }
    free(c->periods);
    free(c->deltas);
    rg_agg_free(c->agg);
}

/* The results of one document "d1" of 2017-month, monthly, in layer l. */
static void compute_doc(computed *c, rg_layer l, int month, const rel *rels, size_t n)
{
    rg_agg *agg = new_agg(RG_PERIOD_MONTH, l);

    add_doc(agg, "d1", 2017, month, rels, n);
    compute(c, agg);
    c->agg = agg;
}

static double M(const rg_graph_result *r, const char *id, rg_metric m)
{
    long i = rg_graph__find_node(r, id);

    assert_true(i >= 0);
    return r->nodes[i].m[m];
}

#define EPS 1e-6

static int teardown(void **state)
{
    (void)state;
    assert_true(IGRAPH_FINALLY_STACK_EMPTY);
    return 0;
}

/* a - b - c, weight 1 each */
static void test_path(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 }, { 'c', "b", "c", 0, 1 } };
    computed c;
    const rg_graph_result *r;

    (void)state;
    compute_doc(&c, RG_LAYER_PERSONS, 3, rels, 2);
    r = &c.overall;
    assert_int_equal(r->n_nodes, 3);
    assert_int_equal(r->n_edges, 2);
    assert_float_equal(M(r, "a", RG_METRIC_DEGREE), 1, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_DEGREE), 2, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_STRENGTH), 2, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_BETWEENNESS), 1, EPS);
    assert_float_equal(M(r, "a", RG_METRIC_BETWEENNESS), 0, EPS);
    /* closeness: inverse mean distance; a: (1 + 2) / 2 -> 2/3 */
    assert_float_equal(M(r, "a", RG_METRIC_CLOSENESS), 2.0 / 3.0, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_CLOSENESS), 1, EPS);
    /* harmonic, normalised by n - 1: a: (1 + 1/2) / 2 */
    assert_float_equal(M(r, "a", RG_METRIC_HARMONIC), 0.75, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_HARMONIC), 1, EPS);
    assert_float_equal(M(r, "a", RG_METRIC_EIGENVECTOR), sqrt(0.5), EPS);
    assert_float_equal(M(r, "b", RG_METRIC_EIGENVECTOR), 1, EPS);
    /* x = 0.05 + 0.85 y / 2, y = 0.05 + 0.85 * 2x */
    assert_float_equal(M(r, "a", RG_METRIC_PAGERANK), 0.07125 / 0.2775, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_PAGERANK), 0.05 + 1.7 * 0.07125 / 0.2775, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_MENTIONS), 2, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_DOCUMENTS), 1, EPS);
    assert_float_equal(r->g[RG_GM_DENSITY], 2.0 / 3.0, EPS);
    assert_float_equal(r->g[RG_GM_COMPONENTS], 1, EPS);
    assert_float_equal(r->g[RG_GM_NODES], 3, EPS);
    assert_float_equal(r->g[RG_GM_EDGES], 2, EPS);
    assert_float_equal(r->g[RG_GM_DOCUMENTS], 1, EPS);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.periods[0].key, "2017-03");
    computed_dispose(&c);
}

/* Two components that tie (a - b and c - d, weight 1 each): igraph starts
 * the eigenvector centrality from the degrees plus a tiny random jitter, and
 * the jitter decides the split. It is seeded, so the values do not depend
 * on what used igraph's generator before (another build in the process).
 * (Hub and authority under such a tie also depend on ARPACK's own state,
 * which no seed reaches: docs/metrics.md.) */
static void test_seeded_ties(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 }, { 'c', "c", "d", 0, 1 } };
    static const char *const ids[] = { "a", "b", "c", "d" };
    double first[4] = { 0 };
    computed c;
    int round, k;

    (void)state;
    for (round = 0; round < 3; round++) {
        for (k = 0; k < 7 * round; k++) {
            (void)igraph_rng_get_integer(igraph_rng_default(), 0, 1000); /* disturb it */
        }
        compute_doc(&c, RG_LAYER_PERSONS, 3, rels, 2);
        for (k = 0; k < 4; k++) {
            double e = M(&c.overall, ids[k], RG_METRIC_EIGENVECTOR);
            if (round == 0) {
                first[k] = e;
            } else {
                assert_true(e == first[k]);
            }
        }
        computed_dispose(&c);
    }
    /* a tie indeed: the largest score is 1 */
    assert_float_equal(fmax(fmax(first[0], first[1]), fmax(first[2], first[3])), 1, EPS);
}

/* star: a at the centre of b, c, d; e isolated (mentioned alone) */
static void test_star(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 }, { 'c', "a", "c", 0, 1 },
                                { 'c', "a", "d", 0, 2 } };
    rg_agg *agg = new_agg(RG_PERIOD_MONTH, RG_LAYER_PERSONS);
    rg_document doc;
    rg_evidence ev;
    rg_mention m;
    computed c;
    const rg_graph_result *r;

    (void)state;
    add_doc(agg, "d1", 2017, 3, rels, 3);
    memset(&doc, 0, sizeof doc);
    memset(&ev, 0, sizeof ev);
    memset(&m, 0, sizeof m);
    doc.id = (char *)(uintptr_t)"d2";
    m.actor = rg_actors_find(dict, "e");
    ev.doc = &doc;
    ev.mentions = &m;
    ev.n_mentions = 1;
    assert_int_equal(rg_agg_add(agg, &ev), RG_OK); /* undated */
    compute(&c, agg);
    r = &c.overall;
    assert_int_equal(r->n_nodes, 5);
    assert_float_equal(M(r, "a", RG_METRIC_BETWEENNESS), 3, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_BETWEENNESS), 0, EPS);
    assert_float_equal(M(r, "a", RG_METRIC_DEGREE), 3, EPS);
    /* isolated: closeness NaN in igraph, written as 0 */
    assert_float_equal(M(r, "e", RG_METRIC_CLOSENESS), 0, EPS);
    assert_float_equal(M(r, "e", RG_METRIC_EIGENVECTOR), 0, EPS);
    assert_float_equal(M(r, "e", RG_METRIC_MENTIONS), 1, EPS);
    assert_float_equal(r->g[RG_GM_DENSITY], 3.0 / 10.0, EPS);
    assert_float_equal(r->g[RG_GM_COMPONENTS], 2, EPS);
    assert_float_equal(r->g[RG_GM_DOCUMENTS], 2, EPS);
    /* the star is one community, e its own */
    assert_float_equal(r->g[RG_GM_COMMUNITIES], 2, EPS);
    assert_int_equal(r->nodes[rg_graph__find_node(r, "e")].community, 1);
    assert_int_equal(rg_agg_undated(agg), 1);
    assert_int_equal(rg_agg_documents(agg), 2);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.periods[0].n_nodes, 4); /* e is undated: not in 2017-03 */
    computed_dispose(&c);
    rg_agg_free(agg);
}

/* square a-b-c-d-a: a-b and b-c named in 3 sentences, c-d and d-a in 1.
 * With distance 1/weight, a..c goes through b (2/3) rather than d (2). */
static void test_weighted_betweenness(void **state)
{
    rel rels[8];
    size_t n = 0, k;
    computed c;

    (void)state;
    for (k = 0; k < 3; k++) {
        rels[n++] = (rel){ 'c', "a", "b", 0, 2 * k };
        rels[n++] = (rel){ 'c', "b", "c", 0, 2 * k + 1 };
    }
    rels[n++] = (rel){ 'c', "c", "d", 0, 10 };
    rels[n++] = (rel){ 'c', "a", "d", 0, 11 };
    compute_doc(&c, RG_LAYER_PERSONS, 3, rels, n);
    assert_float_equal(M(&c.overall, "b", RG_METRIC_BETWEENNESS), 1, EPS);
    assert_float_equal(M(&c.overall, "d", RG_METRIC_BETWEENNESS), 0, EPS);
    assert_float_equal(M(&c.overall, "b", RG_METRIC_STRENGTH), 6, EPS);
    assert_float_equal(M(&c.overall, "d", RG_METRIC_STRENGTH), 2, EPS);
    /* closeness of a: distances b 1/3, c 2/3, d 1 -> 3 / 2 */
    assert_float_equal(M(&c.overall, "a", RG_METRIC_CLOSENESS), 1.5, EPS);
    assert_float_equal(c.overall.edges[0].comention, 3, EPS); /* a|b */
    computed_dispose(&c);
}

/* Duplicate relation (same sentence, same pair) counts once. */
static void test_distinct_sentences(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 }, { 'c', "a", "b", 0, 0 },
                                { 'c', "a", "b", 0, 1 } };
    rg_agg *agg = new_agg(RG_PERIOD_MONTH, RG_LAYER_PERSONS);
    computed c;

    (void)state;
    add_doc(agg, "d1", 2017, 3, rels, 3);
    add_doc(agg, "d2", 2017, 3, rels, 1);
    compute(&c, agg);
    assert_int_equal(c.overall.n_edges, 1);
    assert_float_equal(c.overall.edges[0].comention, 3, EPS);
    assert_float_equal(c.overall.edges[0].documents, 2, EPS);
    computed_dispose(&c);
    rg_agg_free(agg);
}

/* Stances: a -> b +4 twice, b -> a -2; tone a b -1. */
static void test_stance(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 }, { 's', "a", "b", 4, 0 },
                                { 's', "b", "a", -2, 1 }, { 's', "a", "b", 4, 2 },
                                { 't', "a", "b", -1, 3 }, { 's', "c", "a", 0, 4 } };
    computed c;
    const rg_edge_result *e;
    const rg_graph_result *r;

    (void)state;
    compute_doc(&c, RG_LAYER_PERSONS, 3, rels, 6);
    r = &c.overall;
    assert_int_equal(r->n_edges, 2);
    e = &r->edges[0];
    assert_string_equal(r->nodes[e->u].id, "a");
    assert_string_equal(r->nodes[e->v].id, "b");
    assert_float_equal(e->stance_st, 8, EPS);
    assert_float_equal(e->stance_ts, -2, EPS);
    assert_float_equal(e->stance_net, 6, EPS);
    assert_float_equal(e->stance_pos, 2, EPS);
    assert_float_equal(e->stance_neg, 1, EPS);
    assert_float_equal(e->stance_pos_sum, 8, EPS);
    assert_float_equal(e->stance_neg_sum, 2, EPS);
    assert_float_equal(e->tone, -1, EPS);
    assert_int_equal(e->sign, 1);
    /* a neutral stance c -> a: an edge with weight 0 and no sign */
    e = &r->edges[1];
    assert_string_equal(r->nodes[e->u].id, "a");
    assert_string_equal(r->nodes[e->v].id, "c");
    assert_float_equal(e->comention, 0, EPS);
    assert_int_equal(e->sign, 0);
    assert_float_equal(M(r, "a", RG_METRIC_STANCE_OUT_POS), 8, EPS);
    assert_float_equal(M(r, "a", RG_METRIC_STANCE_IN_NEG), 2, EPS);
    assert_float_equal(M(r, "a", RG_METRIC_STANCE_GIVEN), 8, EPS);
    assert_float_equal(M(r, "a", RG_METRIC_STANCE_RECEIVED), -2, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_STANCE_IN_POS), 8, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_STANCE_OUT_NEG), 2, EPS);
    /* HITS on a <-> b (8 one way, 2 back): a is hub 1, b authority 1 */
    assert_float_equal(M(r, "a", RG_METRIC_HUB), 1, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_AUTHORITY), 1, EPS);
    assert_float_equal(M(r, "b", RG_METRIC_HUB), 0, EPS); /* A A^T = diag(64, 4) */
    assert_float_equal(M(r, "c", RG_METRIC_HUB), 0, EPS);
    assert_float_equal(r->g[RG_GM_STANCE_EDGES], 2, EPS);
    assert_float_equal(r->g[RG_GM_COMENTION_EDGES], 1, EPS);
    computed_dispose(&c);
}

/* Triangles a-b-c (+, +, -) unbalanced and a-c-d (-, +, -) balanced;
 * b-d has no stance so a-b-d... is not a signed triangle. */
static void test_balance(void **state)
{
    static const rel rels[] = { { 's', "a", "b", 1, 0 }, { 's', "b", "c", 1, 1 },
                                { 's', "a", "c", -1, 2 }, { 's', "c", "d", 1, 3 },
                                { 's', "d", "a", -1, 4 }, { 'c', "b", "d", 0, 5 } };
    computed c;

    (void)state;
    compute_doc(&c, RG_LAYER_PERSONS, 3, rels, 6);
    assert_float_equal(c.overall.g[RG_GM_SIGNED_TRIANGLES], 2, EPS);
    assert_float_equal(c.overall.g[RG_GM_BALANCED_TRIANGLES], 1, EPS);
    assert_float_equal(c.overall.g[RG_GM_BALANCE], 0.5, EPS);
    computed_dispose(&c);
}

/* No signed triangle: balance 0, counts 0. */
static void test_balance_none(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 } };
    computed c;

    (void)state;
    compute_doc(&c, RG_LAYER_PERSONS, 3, rels, 1);
    assert_float_equal(c.overall.g[RG_GM_SIGNED_TRIANGLES], 0, EPS);
    assert_float_equal(c.overall.g[RG_GM_BALANCE], 0, EPS);
    assert_float_equal(M(&c.overall, "a", RG_METRIC_HUB), 0, EPS);
    computed_dispose(&c);
}

/* Two communities: triangles a-b-c and d-e joined by a weak c-d link. */
static void test_communities(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 }, { 'c', "b", "c", 0, 1 },
                                { 'c', "a", "c", 0, 2 }, { 'c', "a", "b", 0, 3 },
                                { 'c', "b", "c", 0, 4 }, { 'c', "a", "c", 0, 5 },
                                { 'c', "d", "e", 0, 6 }, { 'c', "d", "e", 0, 7 },
                                { 'c', "d", "e", 0, 8 }, { 'c', "c", "d", 0, 9 } };
    computed c;
    const rg_graph_result *r;
    double m = 6 + 3 + 1, q;

    (void)state;
    compute_doc(&c, RG_LAYER_PERSONS, 3, rels, 10);
    r = &c.overall;
    assert_float_equal(r->g[RG_GM_COMMUNITIES], 2, EPS);
    assert_int_equal(r->nodes[0].community, 0);
    assert_int_equal(r->nodes[1].community, 0);
    assert_int_equal(r->nodes[2].community, 0);
    assert_int_equal(r->nodes[3].community, 1);
    assert_int_equal(r->nodes[4].community, 1);
    /* Q = sum_c [w_in/m - (S_c / 2m)^2]: S1 = 13, S2 = 7 */
    q = (6 / m - (13 / (2 * m)) * (13 / (2 * m))) + (3 / m - (7 / (2 * m)) * (7 / (2 * m)));
    assert_float_equal(r->g[RG_GM_MODULARITY], q, EPS);
    computed_dispose(&c);
}

/* Periods: months, quarters, years; undated and year-only documents. */
static void test_periods(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 } };
    rg_agg *agg;
    char key[16];
    rg_date d = { 2017, 11, 3 };

    (void)state;
    assert_int_equal(rg_period_key(key, sizeof key, RG_PERIOD_MONTH, &d), 1);
    assert_string_equal(key, "2017-11");
    assert_int_equal(rg_period_key(key, sizeof key, RG_PERIOD_QUARTER, &d), 1);
    assert_string_equal(key, "2017-Q4");
    assert_int_equal(rg_period_key(key, sizeof key, RG_PERIOD_YEAR, &d), 1);
    assert_string_equal(key, "2017");
    d.month = 0;
    assert_int_equal(rg_period_key(key, sizeof key, RG_PERIOD_MONTH, &d), 0);
    assert_string_equal(key, "");

    agg = new_agg(RG_PERIOD_MONTH, RG_LAYER_PERSONS);
    add_doc(agg, "d3", 2018, 1, rels, 1);
    add_doc(agg, "d1", 2017, 12, rels, 1);
    add_doc(agg, "d2", 2017, 12, rels, 1);
    add_doc(agg, "d4", 2017, 0, rels, 1);
    add_doc(agg, "d5", 0, 0, rels, 1);
    assert_int_equal(rg_agg_documents(agg), 5);
    assert_int_equal(rg_agg_undated(agg), 1);
    assert_int_equal(rg_agg_unplaced(agg), 1);
    assert_int_equal(rg_agg_periods(agg), 2);
    assert_string_equal(rg_agg_period_key(agg, 0), "2017-12");
    assert_string_equal(rg_agg_period_key(agg, 1), "2018-01");
    rg_agg_free(agg);

    agg = new_agg(RG_PERIOD_YEAR, RG_LAYER_PERSONS);
    add_doc(agg, "d1", 2017, 12, rels, 1);
    add_doc(agg, "d4", 2017, 0, rels, 1);
    assert_int_equal(rg_agg_periods(agg), 1);
    assert_int_equal(rg_agg_unplaced(agg), 0);
    assert_string_equal(rg_agg_period_key(agg, 0), "2017");
    rg_agg_free(agg);

    agg = new_agg(RG_PERIOD_QUARTER, RG_LAYER_PERSONS);
    add_doc(agg, "d1", 2017, 1, rels, 1);
    add_doc(agg, "d2", 2017, 3, rels, 1);
    add_doc(agg, "d3", 2017, 4, rels, 1);
    assert_int_equal(rg_agg_periods(agg), 2);
    assert_string_equal(rg_agg_period_key(agg, 0), "2017-Q1");
    assert_string_equal(rg_agg_period_key(agg, 1), "2017-Q2");
    rg_agg_free(agg);
}

/* Two periods; a-b flips from positive to negative; b-c disappears;
 * c-d appears. */
static void test_flip(void **state)
{
    static const rel p1[] = { { 's', "a", "b", 4, 0 }, { 'c', "b", "c", 0, 1 } };
    static const rel p2[] = { { 's', "b", "a", -2, 0 }, { 'c', "c", "d", 0, 1 } };
    rg_agg *agg = new_agg(RG_PERIOD_MONTH, RG_LAYER_PERSONS);
    computed c;
    const rg_delta *d;

    (void)state;
    add_doc(agg, "d1", 2017, 1, p1, 2);
    add_doc(agg, "d2", 2017, 2, p2, 2);
    compute(&c, agg);
    assert_int_equal(c.n, 2);
    d = &c.deltas[0];
    assert_string_equal(d->from, "2017-01");
    assert_string_equal(d->to, "2017-02");
    assert_int_equal(d->n_edges, 3);
    assert_int_equal(d->flipped, 1);
    assert_int_equal(d->appeared, 1);
    assert_int_equal(d->disappeared, 1);
    assert_int_equal(d->edges[0].change, RG_EDGE_FLIPPED); /* a|b */
    assert_int_equal(d->edges[1].change, RG_EDGE_DISAPPEARED); /* b|c */
    assert_int_equal(d->edges[2].change, RG_EDGE_APPEARED); /* c|d */
    assert_float_equal(d->jaccard, 1.0 / 3.0, EPS);
    /* overall: a-b net 4 - 2 = 2 */
    assert_float_equal(c.overall.edges[0].stance_net, 2, EPS);
    computed_dispose(&c);
    rg_agg_free(agg);
}

/* 60 documents on one pair: 60 counted, the 50 smallest ids kept. */
static void test_doc_id_cap(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 } };
    rg_agg *agg = new_agg(RG_PERIOD_MONTH, RG_LAYER_PERSONS);
    char id[16];
    const rg_pair *p;
    int i;

    (void)state;
    for (i = 59; i >= 0; i--) {
        snprintf(id, sizeof id, "doc%02d", i);
        add_doc(agg, id, 2017, 1, rels, 1);
    }
    add_doc(agg, "doc05", 2017, 1, rels, 1); /* a repeated id is listed once */
    p = &agg->overall.pairs[0];
    assert_int_equal(p->documents, 61);
    assert_int_equal(p->n_doc_ids, RG_AGG_DOC_IDS_MAX);
    assert_string_equal(p->doc_ids[0], "doc00");
    assert_string_equal(p->doc_ids[49], "doc49");
    rg_agg_free(agg);
}

/* Layers: persons drop the state, states keep only it, all keeps both. */
static void test_layers(void **state)
{
    static const rel rels[] = { { 'c', "a", "RUS", 0, 0 }, { 'c', "a", "b", 0, 1 } };
    computed c;

    (void)state;
    compute_doc(&c, RG_LAYER_PERSONS, 1, rels, 2);
    assert_int_equal(c.overall.n_nodes, 2);
    assert_int_equal(c.overall.n_edges, 1);
    computed_dispose(&c);

    compute_doc(&c, RG_LAYER_STATES, 1, rels, 2);
    assert_int_equal(c.overall.n_nodes, 1);
    assert_string_equal(c.overall.nodes[0].id, "RUS");
    assert_int_equal(c.overall.n_edges, 0);
    computed_dispose(&c);

    compute_doc(&c, RG_LAYER_ALL, 1, rels, 2);
    assert_int_equal(c.overall.n_nodes, 3);
    assert_string_equal(c.overall.nodes[0].id, "RUS"); /* byte order: 'R' < 'a' */
    assert_int_equal(c.overall.n_edges, 2);
    computed_dispose(&c);
}

static void test_parse_names(void **state)
{
    rg_period_kind p;
    rg_layer l;

    (void)state;
    assert_int_equal(rg_period_kind_parse(&p, "quarter"), RG_OK);
    assert_int_equal(p, RG_PERIOD_QUARTER);
    assert_int_equal(rg_period_kind_parse(&p, "week"), RG_EINVAL);
    assert_non_null(strstr(rg_error_last()->message, "week"));
    assert_int_equal(rg_layer_parse(&l, "states"), RG_OK);
    assert_int_equal(l, RG_LAYER_STATES);
    assert_int_equal(rg_layer_parse(&l, "people"), RG_EINVAL);
    assert_int_equal(rg_metric_from_name("pagerank"), RG_METRIC_PAGERANK);
    assert_int_equal(rg_metric_from_name("nope"), -1);
    assert_string_equal(rg_metric_name(RG_METRIC_STRENGTH), "strength");
}

/* Every object's keys are in strictly increasing byte order. */
static void assert_sorted(json_t *j)
{
    const char *key, *prev = NULL;
    json_t *v;
    size_t i;

    if (json_is_object(j)) {
        json_object_foreach(j, key, v) {
            if (prev && strcmp(prev, key) >= 0) {
                fail_msg("keys out of order: \"%s\" then \"%s\"", prev, key);
            }
            prev = key;
            assert_sorted(v);
        }
    } else if (json_is_array(j)) {
        json_array_foreach(j, i, v) {
            assert_sorted(v);
        }
    }
}

static json_t *load_json(const char *path)
{
    json_error_t e;
    json_t *j = json_load_file(path, 0, &e);

    if (!j) {
        fail_msg("%s:%d: %s", path, e.line, e.text);
    }
    assert_sorted(j);
    return j;
}

static char *slurp(const char *path)
{
    char *s = NULL;
    size_t n;

    assert_int_equal(rg_read_file(&s, &n, path, 0), RG_OK);
    return s;
}

static void build_sample(rg_agg *agg)
{
    static const rel p1[] = { { 'c', "a", "b", 0, 0 }, { 's', "a", "b", 4, 0 },
                              { 'c', "b", "c", 0, 1 }, { 'c', "abe", "b", 0, 2 } };
    static const rel p2[] = { { 'c', "a", "b", 0, 0 }, { 's', "b", "a", -7, 0 },
                              { 'c', "c", "d", 0, 1 }, { 't', "c", "d", 1, 1 } };
    add_doc(agg, "d1", 2017, 1, p1, 4);
    add_doc(agg, "d2", 2017, 2, p2, 4);
    add_doc(agg, "d3", 0, 0, p2, 2);
}

static void test_write(void **state)
{
    static const char abe_dict[] =
        "{\"schema\": 1, \"actors\": ["
        "{\"id\": \"a\", \"label\": \"Anne Alpha\", \"type\": \"person\", \"aliases\": [\"Anne Alpha\"]},"
        "{\"id\": \"abe\", \"label\": \"Shinzo Abe\", \"type\": \"person\", \"aliases\": [\"Shinzo Abe\"]},"
        "{\"id\": \"b\", \"label\": \"Bruno \\\"Beta\\\"\", \"type\": \"person\", \"aliases\": [\"Bruno Beta\"]},"
        "{\"id\": \"c\", \"label\": \"Chloe Gamma\", \"type\": \"person\", \"aliases\": [\"Chloe Gamma\"]},"
        "{\"id\": \"d\", \"label\": \"Denis Delta\", \"type\": \"person\", \"aliases\": [\"Denis Delta\"]}"
        "]}";
    rg_actors *saved = dict, *abe = NULL;
    char dir[] = "/tmp/rg_test_graph_XXXXXX";
    char path[256], *first, *second, *mem = NULL;
    size_t len;
    rg_agg *agg;
    json_t *j, *v;

    (void)state;
    assert_int_equal(rg_actors_from_buffer(&abe, abe_dict, sizeof abe_dict - 1, "t"), RG_OK);
    dict = abe;
    agg = new_agg(RG_PERIOD_MONTH, RG_LAYER_PERSONS);
    build_sample(agg);
    assert_non_null(mkdtemp(dir));
    assert_int_equal(rg_agg_write(agg, dir), RG_OK);

    snprintf(path, sizeof path, "%s/metrics.json", dir);
    j = load_json(path);
    assert_int_equal(json_integer_value(json_object_get(j, "schema")), 1);
    v = json_object_get(json_object_get(json_object_get(j, "overall"), "graph"), "nodes");
    assert_true(json_is_integer(v) && json_integer_value(v) == 5);
    v = json_object_get(json_object_get(j, "periods"), "2017-02");
    assert_non_null(json_object_get(json_object_get(v, "edges"), "a|b"));
    v = json_array_get(json_object_get(j, "changes"), 0);
    assert_string_equal(json_string_value(json_object_get(v, "from")), "2017-01");
    v = json_object_get(json_object_get(v, "edges"), "flipped");
    assert_string_equal(json_string_value(json_array_get(v, 0)), "a|b");
    v = json_object_get(json_object_get(json_object_get(j, "series"), "actors"), "d");
    assert_int_equal(json_array_size(json_object_get(v, "mentions")), 2);
    json_decref(j);

    snprintf(path, sizeof path, "%s/graph.json", dir);
    j = load_json(path);
    v = json_object_get(json_object_get(j, "options"), "type");
    assert_string_equal(json_string_value(v), "undirected");
    v = json_array_get(json_object_get(j, "edges"), 0);
    assert_string_equal(json_string_value(json_object_get(v, "key")), "a|b");
    v = json_object_get(v, "attributes");
    assert_int_equal(json_array_size(json_object_get(v, "doc_ids")), 3);
    json_decref(j);
    snprintf(path, sizeof path, "%s/periods/2017-01.json", dir);
    j = load_json(path);
    v = json_object_get(json_object_get(j, "attributes"), "period_end");
    assert_string_equal(json_string_value(v), "2017-01-31");
    json_decref(j);

    /* byte-identical on a second run, and the same as in memory */
    snprintf(path, sizeof path, "%s/metrics.json", dir);
    first = slurp(path);
    assert_int_equal(rg_agg_write(agg, dir), RG_OK);
    second = slurp(path);
    assert_string_equal(first, second);
    assert_int_equal(rg_agg_metrics_json(&mem, &len, agg), RG_OK);
    assert_string_equal(first, mem);
    assert_int_equal(strlen(mem), len);
    rg_free(first);
    rg_free(second);
    rg_free(mem);

    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    assert_int_equal(system(path), 0);
    rg_agg_free(agg);
    rg_actors_free(abe);
    dict = saved;
}

/* An empty aggregate writes valid, empty graphs. */
static void test_empty(void **state)
{
    rg_agg *agg = new_agg(RG_PERIOD_MONTH, RG_LAYER_PERSONS);
    char *mem = NULL;
    size_t len;
    json_error_t e;
    json_t *j;

    (void)state;
    assert_int_equal(rg_agg_metrics_json(&mem, &len, agg), RG_OK);
    j = json_loads(mem, 0, &e);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "changes")), 0);
    json_decref(j);
    rg_free(mem);
    rg_agg_free(agg);
}

/* One full run (aggregate, compute, write to memory) with the n-th
 * allocation failing (n = 0: none); returns the status. */
static long last_alloc_count;

static int run_with_failure(long n)
{
    static const rel p1[] = { { 'c', "a", "b", 0, 0 }, { 's', "a", "b", 4, 0 },
                              { 'c', "b", "c", 0, 1 }, { 't', "a", "c", 1, 2 } };
    static const rel p2[] = { { 'c', "a", "b", 0, 0 }, { 's', "b", "a", -7, 0 },
                              { 'c', "c", "d", 0, 1 } };
    rg_agg_options o = RG_AGG_OPTIONS_INIT;
    rg_agg *agg = NULL;
    rg_evidence ev;
    rg_document doc;
    rg_relation r[4];
    char *mem = NULL;
    size_t len, i, k;
    int error;

    rg_alloc_fail_at(n);
    if ((error = rg_agg_new(&agg, dict, &o)) != RG_OK) {
        assert_null(agg);
        goto cleanup;
    }
    for (k = 0; k < 3; k++) {
        const rel *rels = k == 1 ? p2 : p1;
        size_t nr = k == 1 ? 3 : 4;
        memset(&doc, 0, sizeof doc);
        memset(&ev, 0, sizeof ev);
        memset(r, 0, sizeof r);
        doc.id = (char *)(uintptr_t)(k == 0 ? "x1" : k == 1 ? "x2" : "x3");
        doc.date.year = 2017;
        doc.date.month = (int)k + 1;
        for (i = 0; i < nr; i++) {
            r[i].type = rels[i].type == 'c' ? RG_REL_COMENTION
                        : rels[i].type == 's' ? RG_REL_STANCE : RG_REL_TONE;
            r[i].source = rg_actors_find(dict, rels[i].src);
            r[i].target = rg_actors_find(dict, rels[i].dst);
            r[i].sign = rels[i].signed_weight < 0 ? -1 : 1;
            r[i].weight = fabs(rels[i].signed_weight);
            r[i].sentence = i;
        }
        ev.doc = &doc;
        ev.relations = r;
        ev.n_relations = nr;
        if ((error = rg_agg_add(agg, &ev)) != RG_OK) {
            goto cleanup;
        }
    }
    if ((error = rg_agg_metrics_json(&mem, &len, agg)) != RG_OK) {
        assert_null(mem);
    }
cleanup:
    last_alloc_count = rg_alloc_count();
    rg_alloc_fail_at(0);
    rg_free(mem);
    rg_agg_free(agg);
    return error;
}

/* Every allocation of a full run fails once: a clean RG_ERROR with the
 * out-of-memory message, no leak (ASan), no FINALLY imbalance. */
static void test_alloc_failures(void **state)
{
    long n, total, failed = 0;

    (void)state;
    rg_alloc_fail_at(0);
    assert_int_equal(run_with_failure(0), RG_OK);
    total = last_alloc_count;
    assert_true(total > 20);
    for (n = 1; n <= total; n++) {
        int error = run_with_failure(n);
        if (error != RG_OK) {
            assert_int_equal(error, RG_ERROR);
            assert_non_null(strstr(rg_error_last()->message, "out of memory"));
            failed++;
        }
        assert_true(IGRAPH_FINALLY_STACK_EMPTY);
    }
    /* a failure may be absorbed (igraph does without some buffers), not most */
    printf("graph alloc failures: %ld of %ld reported\n", failed, total);
    assert_true(failed * 2 > total);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_path, teardown),
        cmocka_unit_test_teardown(test_star, teardown),
        cmocka_unit_test_teardown(test_seeded_ties, teardown),
        cmocka_unit_test_teardown(test_weighted_betweenness, teardown),
        cmocka_unit_test_teardown(test_distinct_sentences, teardown),
        cmocka_unit_test_teardown(test_stance, teardown),
        cmocka_unit_test_teardown(test_balance, teardown),
        cmocka_unit_test_teardown(test_balance_none, teardown),
        cmocka_unit_test_teardown(test_communities, teardown),
        cmocka_unit_test_teardown(test_periods, teardown),
        cmocka_unit_test_teardown(test_flip, teardown),
        cmocka_unit_test_teardown(test_doc_id_cap, teardown),
        cmocka_unit_test_teardown(test_layers, teardown),
        cmocka_unit_test_teardown(test_parse_names, teardown),
        cmocka_unit_test_teardown(test_write, teardown),
        cmocka_unit_test_teardown(test_empty, teardown),
        cmocka_unit_test_teardown(test_alloc_failures, teardown),
    };
    return cmocka_run_group_tests_name("graph", tests, agg_fixture_setup, agg_fixture_teardown);
}
