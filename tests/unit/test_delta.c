/* SPDX-License-Identifier: MIT */
/*
 * Change over time: average ranks with ties, Spearman on a known pair of
 * rankings, and the delta of two hand-built graph results (absent actors
 * count as 0, edges appear / disappear / flip, Jaccard, biggest changes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <igraph.h> /* IGRAPH_FINALLY_STACK_EMPTY */
#include <math.h>
#include <string.h>

#include <relgraph/common.h>
#include <relgraph/metrics.h>

#include "graph_core.h"

#define EPS 1e-9

static int group_setup(void **state)
{
    (void)state;
    return rg_init();
}

static int group_teardown(void **state)
{
    (void)state;
    rg_shutdown();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    assert_true(IGRAPH_FINALLY_STACK_EMPTY);
    return 0;
}

static void test_ranks_ties(void **state)
{
    static const double v[] = { 5, 3, 3, 1 };
    static const double w[] = { 2, 2, 2 };
    double r[4];

    (void)state;
    assert_int_equal(rg_graph__ranks(r, v, 4), RG_OK);
    assert_float_equal(r[0], 1, EPS);
    assert_float_equal(r[1], 2.5, EPS);
    assert_float_equal(r[2], 2.5, EPS);
    assert_float_equal(r[3], 4, EPS);
    assert_int_equal(rg_graph__ranks(r, w, 3), RG_OK);
    assert_float_equal(r[0], 2, EPS);
    assert_float_equal(r[2], 2, EPS);
}

/* Values equal at 6 decimals are ties. */
static void test_ranks_precision(void **state)
{
    static const double v[] = { 0.1 + 0.2, 0.3, 0.3000004 };
    double r[3];

    (void)state;
    assert_int_equal(rg_graph__ranks(r, v, 3), RG_OK);
    assert_float_equal(r[0], 2, EPS);
    assert_float_equal(r[1], 2, EPS);
    assert_float_equal(r[2], 2, EPS);
}

/* Ranks at every size 0-70 (insertion sort up to 32, qsort above) with
 * many ties, negatives and values equal at 6 decimals, against the
 * definition: 1 + the count of larger values + (the count of equal others)
 * / 2. */
static void test_ranks_sizes(void **state)
{
    double v[70] = { 0 }, r[70];
    uint32_t seed = 12345;
    size_t n, i, j;

    (void)state;
    for (n = 0; n <= 70; n++) {
        for (i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            v[i] = (double)((int)(seed >> 16) % 9 - 3) / 4.0 + (seed & 1 ? 1e-8 : 0.0);
        }
        assert_int_equal(rg_graph__ranks(r, v, n), RG_OK);
        for (i = 0; i < n; i++) {
            double want = 1.0, qi = round(v[i] * 1e6);
            for (j = 0; j < n; j++) {
                double qj = round(v[j] * 1e6);
                want += qj > qi ? 1.0 : (qj == qi && j != i) ? 0.5 : 0.0;
            }
            assert_float_equal(r[i], want, EPS);
        }
    }
}

/* A metric-change line as metrics.json writes it, after what b held. */
static void test_put_change(void **state)
{
    rg_delta_actor x;
    rg_strbuf b = RG_STRBUF_INIT;

    (void)state;
    memset(&x, 0, sizeof x);
    x.old_v[2] = 0.25;
    x.new_v[2] = 1.5;
    x.old_rank[2] = 3;
    x.new_rank[2] = 1.5;
    x.new_v[0] = -0.0000004;
    x.old_rank[0] = 2;
    x.new_rank[0] = 2;
    assert_int_equal(rg_strbuf_puts(&b, "x"), RG_OK);
    assert_int_equal(rg_graph__put_change(&b, "degree", &x, 2), RG_OK);
    assert_string_equal(b.ptr, "x\"degree\": {\"delta\": 1.25, \"new\": 1.5, \"old\": 0.25, "
                               "\"rank_change\": 1.5, \"rank_new\": 1.5, \"rank_old\": 3}");
    rg_strbuf_clear(&b);
    assert_int_equal(rg_graph__put_change(&b, "a", &x, 0), RG_OK);
    assert_string_equal(b.ptr, "\"a\": {\"delta\": 0, \"new\": 0, \"old\": 0, "
                               "\"rank_change\": 0, \"rank_new\": 2, \"rank_old\": 2}");
    assert_int_equal(b.len, strlen(b.ptr));
    rg_strbuf_dispose(&b);
}

static void test_spearman(void **state)
{
    static const double a[] = { 1, 2, 3, 4, 5 };
    static const double b[] = { 5, 6, 7, 8, 7 };
    static const double c[] = { 5, 4, 3, 2, 1 };
    static const double k[] = { 1, 1, 1, 1, 1 };
    double rho;

    (void)state;
    /* ranks a (5,4,3,2,1), b (5,4,2.5,1,2.5): sxy 8, sxx 10, syy 9.5 */
    assert_int_equal(rg_graph__spearman(&rho, a, b, 5), RG_OK);
    assert_float_equal(rho, 8.0 / sqrt(95.0), EPS);
    assert_int_equal(rg_graph__spearman(&rho, a, c, 5), RG_OK);
    assert_float_equal(rho, -1, EPS);
    assert_int_equal(rg_graph__spearman(&rho, a, a, 5), RG_OK);
    assert_float_equal(rho, 1, EPS);
    /* constant side or fewer than two actors: 0 */
    assert_int_equal(rg_graph__spearman(&rho, a, k, 5), RG_OK);
    assert_float_equal(rho, 0, EPS);
    assert_int_equal(rg_graph__spearman(&rho, a, b, 1), RG_OK);
    assert_float_equal(rho, 0, EPS);
}

static void set_node(rg_node_result *n, const char *id, double pagerank)
{
    memset(n, 0, sizeof *n);
    n->id = (char *)(uintptr_t)id;
    n->m[RG_METRIC_PAGERANK] = pagerank;
    n->m[RG_METRIC_DEGREE] = pagerank * 10;
}

static void set_edge(rg_edge_result *e, size_t u, size_t v, double w, int sign)
{
    memset(e, 0, sizeof *e);
    e->u = u;
    e->v = v;
    e->comention = w;
    e->sign = sign;
    e->stance_net = sign;
}

/* A: a .5, b .3, c .2; edges a|b (+), b|c.  B: a .2, b .3, d .5; edges a|b (-), b|d. */
static void test_delta(void **state)
{
    rg_node_result na[3], nb[3];
    rg_edge_result ea[2], eb[2];
    rg_graph_result a, b;
    rg_delta d;
    const rg_delta_actor *x;

    (void)state;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    strcpy(a.key, "2017-01");
    strcpy(b.key, "2017-02");
    set_node(&na[0], "a", 0.5);
    set_node(&na[1], "b", 0.3);
    set_node(&na[2], "c", 0.2);
    set_node(&nb[0], "a", 0.2);
    set_node(&nb[1], "b", 0.3);
    set_node(&nb[2], "d", 0.5);
    set_edge(&ea[0], 0, 1, 2, 1);
    set_edge(&ea[1], 1, 2, 1, 0);
    set_edge(&eb[0], 0, 1, 3, -1);
    set_edge(&eb[1], 1, 2, 1, 0);
    a.nodes = na;
    a.n_nodes = 3;
    a.edges = ea;
    a.n_edges = 2;
    b.nodes = nb;
    b.n_nodes = 3;
    b.edges = eb;
    b.n_edges = 2;
    assert_int_equal(rg_graph__delta(&d, &a, &b), RG_OK);
    assert_string_equal(d.from, "2017-01");
    assert_int_equal(d.n_actors, 4);
    x = &d.actors[2]; /* c: absent in B, counts 0 there */
    assert_string_equal(x->id, "c");
    assert_true(x->in_old && !x->in_new);
    assert_float_equal(x->new_v[RG_METRIC_PAGERANK], 0, EPS);
    /* old pageranks a .5 b .3 c .2 d 0 -> ranks 1 2 3 4; new a .2 b .3 c 0 d .5 -> 3 2 4 1 */
    assert_float_equal(d.actors[0].old_rank[RG_METRIC_PAGERANK], 1, EPS);
    assert_float_equal(d.actors[0].new_rank[RG_METRIC_PAGERANK], 3, EPS);
    assert_float_equal(d.actors[3].new_rank[RG_METRIC_PAGERANK], 1, EPS);
    /* rho of (1,2,3,4) vs (3,2,4,1): sum d^2 = 4+0+1+9 = 14 -> 1 - 6*14/60 */
    assert_float_equal(d.spearman[RG_METRIC_PAGERANK], 1.0 - 6.0 * 14.0 / 60.0, EPS);
    /* edges: a|b flipped, b|c disappeared, b|d appeared */
    assert_int_equal(d.n_edges, 3);
    assert_int_equal(d.edges[0].change, RG_EDGE_FLIPPED);
    assert_float_equal(d.edges[0].new_weight - d.edges[0].old_weight, 1, EPS);
    assert_string_equal(d.edges[1].target, "c");
    assert_int_equal(d.edges[1].change, RG_EDGE_DISAPPEARED);
    assert_string_equal(d.edges[2].target, "d");
    assert_int_equal(d.edges[2].change, RG_EDGE_APPEARED);
    assert_int_equal(d.flipped, 1);
    assert_float_equal(d.jaccard, 1.0 / 3.0, EPS);
    /* biggest change: d moved 3 places on degree and pagerank; degree has the
     * larger value delta (5 vs .5) so it comes first */
    assert_true(d.n_top >= 2);
    assert_string_equal(d.actors[d.top[0].actor].id, "d");
    assert_int_equal(d.top[0].metric, RG_METRIC_DEGREE);
    assert_float_equal(d.top[0].score, 3, EPS);
    assert_int_equal(d.top[1].metric, RG_METRIC_PAGERANK);
    rg_graph__delta_dispose(&d);
}

static void test_delta_empty(void **state)
{
    rg_graph_result a;
    rg_delta d;

    (void)state;
    memset(&a, 0, sizeof a);
    assert_int_equal(rg_graph__delta(&d, &a, &a), RG_OK);
    assert_int_equal(d.n_actors, 0);
    assert_float_equal(d.jaccard, 1, EPS); /* two empty edge sets are equal */
    assert_int_equal(d.n_top, 0);
    rg_graph__delta_dispose(&d);
}

/* "a|b" keys sort with '|' after letters: "abe|b" < "a|b". */
static void test_pipe_order(void **state)
{
    (void)state;
    assert_true(rg_graph__pipe_cmp("abe", "b", "a", "b") < 0);
    assert_true(rg_graph__pipe_cmp("a", "b", "a", "c") < 0);
    assert_int_equal(rg_graph__pipe_cmp("a", "b", "a", "b"), 0);
    assert_true(rg_graph__pipe_cmp("a", "bc", "a", "b") > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_ranks_ties, teardown),
        cmocka_unit_test_teardown(test_ranks_precision, teardown),
        cmocka_unit_test_teardown(test_ranks_sizes, teardown),
        cmocka_unit_test_teardown(test_put_change, teardown),
        cmocka_unit_test_teardown(test_spearman, teardown),
        cmocka_unit_test_teardown(test_delta, teardown),
        cmocka_unit_test_teardown(test_delta_empty, teardown),
        cmocka_unit_test_teardown(test_pipe_order, teardown),
    };
    return cmocka_run_group_tests_name("delta", tests, group_setup, group_teardown);
}
