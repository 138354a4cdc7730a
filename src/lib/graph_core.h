/* SPDX-License-Identifier: MIT */
/*
 * Private types of the graph core, shared by graph_*.c (no igraph types
 * here): the streaming aggregate (one rg_slice per period plus the overall
 * one, each an open-addressing hash map of actor pairs), the computed graph
 * results (nodes with their metrics, edges, graph-level values) and the
 * change between two results.
 */
#ifndef RG_LIB_GRAPH_CORE_H
#define RG_LIB_GRAPH_CORE_H

#include <math.h> /* fabs, isfinite */

#include <relgraph/graph.h>
#include <relgraph/metrics.h>

#include "common.h"
#include "strbuf.h"

/* ---- aggregation (graph_agg.c) ---- */

typedef struct {
    size_t pos_n, neg_n, neu_n; /* evidence counts by sign */
    double pos_sum, neg_sum;    /* summed |intensity| by sign */
} rg_stance_acc;

typedef struct {
    uint32_t u, v;          /* node indices, u < v (= actor id byte order) */
    size_t comention;       /* distinct sentences naming both */
    size_t documents;       /* documents with any evidence for the pair */
    size_t last_doc;        /* stamp of the last document counted (seq + 1) */
    rg_stance_acc st[2];    /* [0] u -> v, [1] v -> u */
    size_t tone_n;
    double tone_sum;        /* sum of tone signs */
    char **doc_ids;         /* sorted, at most RG_AGG_DOC_IDS_MAX */
    size_t n_doc_ids;
} rg_pair;

typedef struct {
    char key[16];           /* "2017-12", "2017-Q4", "2017" or "all" */
    int code;               /* sortable: chronological order */
    size_t documents;
    size_t *mentions;       /* per node */
    size_t *node_docs;      /* per node: documents mentioning it */
    size_t *node_last;      /* per node: stamp */
    rg_pair *pairs;
    size_t n_pairs, cap_pairs;
    uint32_t *slots;        /* pair index + 1; 0 = empty */
    size_t n_slots;
} rg_slice;

struct rg_agg {
    const rg_actors *actors;
    rg_agg_options opts;
    size_t n_nodes;
    size_t *actor_of_node;  /* node -> dictionary index, nodes sorted by id */
    int *node_of_actor;     /* dictionary index -> node, or -1 (not in layer) */
    size_t n_actors;
    rg_slice overall;
    rg_slice **periods;     /* sorted by code */
    size_t n_periods, cap_periods;
    size_t documents, undated, unplaced;
};

/* First and last day covered by a slice ("" for the overall slice). */
void rg_graph__slice_bounds(char *start, char *end, size_t size,
                            const rg_agg *agg, const rg_slice *s);

/* ---- results (graph_build.c, graph_metrics.c) ---- */

typedef struct {
    char *id;
    char *label;
    int type;               /* rg_actor_type, -1 when unknown */
    double m[RG_METRIC__COUNT];
    int community;
    double x, y;            /* layout hint, stable across periods */
} rg_node_result;

typedef struct {
    size_t u, v;            /* indices into nodes, u < v */
    double comention, documents;
    double stance_net, stance_st, stance_ts;
    double abs_st, abs_ts;  /* summed |intensity| per direction */
    double stance_pos, stance_neg, stance_pos_sum, stance_neg_sum;
    double tone, tone_count;
    int sign;               /* sign of stance_net */
    const rg_pair *pair;    /* aggregate record (doc ids); NULL when loaded */
} rg_edge_result;

/* Graph-level values, in JSON key order. */
typedef enum {
    RG_GM_BALANCE = 0,
    RG_GM_BALANCED_TRIANGLES,
    RG_GM_COMENTION_EDGES,
    RG_GM_COMMUNITIES,
    RG_GM_COMPONENTS,
    RG_GM_DENSITY,
    RG_GM_DOCUMENTS,
    RG_GM_EDGES,
    RG_GM_MODULARITY,
    RG_GM_NODES,
    RG_GM_SIGNED_TRIANGLES,
    RG_GM_STANCE_EDGES,
    RG_GM__COUNT
} rg_graph_metric;

extern const char *const rg_graph__metric_names[RG_GM__COUNT];

typedef struct {
    char key[16];
    rg_node_result *nodes;  /* sorted by id */
    size_t n_nodes;
    rg_edge_result *edges;  /* sorted by (u, v) */
    size_t n_edges;
    double g[RG_GM__COUNT];
} rg_graph_result;

/* Nodes and edges of a slice, stance strengths, mentions (graph_build.c). */
int rg_graph__from_slice(rg_graph_result *out, const rg_agg *agg, const rg_slice *s);
void rg_graph__result_dispose(rg_graph_result *r);
/* Index of a node by id in a result, or -1. */
long rg_graph__find_node(const rg_graph_result *r, const char *id);

/* Every igraph metric of a result (graph_metrics.c). `layout`: NULL, or a
 * result whose x/y are copied by id (periods take the overall layout); when
 * NULL a layout is computed. */
int rg_graph__compute(rg_graph_result *r, const rg_graph_result *layout);

/* Bounds of the igraph zone: only graph_build.c and graph_metrics.c include
 * <igraph.h>; graph_igraph.h declares their shared igraph-typed helpers. */

/* ---- change over time (graph_delta.c) ---- */

typedef struct {
    const char *id;
    double old_v[RG_METRIC__COUNT], new_v[RG_METRIC__COUNT];
    double old_rank[RG_METRIC__COUNT], new_rank[RG_METRIC__COUNT];
    int in_old, in_new;
} rg_delta_actor;

typedef enum {
    RG_EDGE_SAME = 0, RG_EDGE_APPEARED, RG_EDGE_DISAPPEARED, RG_EDGE_FLIPPED
} rg_edge_change;

typedef struct {
    const char *source, *target;
    rg_edge_change change;
    double old_weight, new_weight;  /* co-mention */
    double old_net, new_net;        /* stance_net */
    int old_sign, new_sign;
} rg_delta_edge;

typedef struct {
    size_t actor;           /* index into actors */
    int metric;
    double score;           /* |rank change| */
} rg_delta_top;

#define RG_DELTA_TOP_MAX 20

typedef struct {
    const char *from, *to;  /* keys */
    rg_delta_actor *actors; /* union, sorted by id */
    size_t n_actors;
    rg_delta_edge *edges;   /* union, sorted by the key "source|target" */
    size_t n_edges;
    double spearman[RG_METRIC__COUNT];
    double jaccard;
    size_t appeared, disappeared, flipped;
    rg_delta_top top[RG_DELTA_TOP_MAX];
    size_t n_top;
} rg_delta;

int rg_graph__delta(rg_delta *out, const rg_graph_result *a, const rg_graph_result *b);
void rg_graph__delta_dispose(rg_delta *d);
/* Byte order of the edge keys "a1|a2" and "b1|b2", without building them. */
int rg_graph__pipe_cmp(const char *a1, const char *a2, const char *b1, const char *b2);
/* Average ranks, 1 = largest value; ties share the mean of their ranks. */
int rg_graph__ranks(double *ranks, const double *values, size_t n);
/* Appends `"name": {"delta": d, "new": n, "old": o, "rank_change": c,
 * "rank_new": rn, "rank_old": ro}` for actor x's metric m, each number as
 * rg_graph__put_real writes it; name needs no JSON escaping. */
int rg_graph__put_change(rg_strbuf *b, const char *name, const rg_delta_actor *x, int m);
/* One actor's change in metric m, in the order of its keys: delta, new,
 * old, rank_change, rank_new, rank_old (v has RG_GRAPH__CHANGE_N slots). */
#define RG_GRAPH__CHANGE_N 6
void rg_graph__change_values(double *v, const rg_delta_actor *x, int m);
/* Spearman correlation of two value vectors (Pearson on average ranks);
 * 0 when n < 2 or either side is constant. */
int rg_graph__spearman(double *out, const double *a, const double *b, size_t n);

/* ---- writers (graph_write.c) ---- */

struct rg_xgraph;

int rg_graph__write_metrics(rg_strbuf *b, const rg_agg *agg,
                            const rg_graph_result *overall,
                            const rg_graph_result *periods, size_t n_periods,
                            const rg_delta *deltas);
int rg_graph__write_graphology(rg_strbuf *b, const rg_agg *agg, const rg_slice *s,
                               const rg_graph_result *r);
/* The export model (export_load.h) of the graph of slice s, filled by the
 * calls that write its Graphology file; path names it in messages and num
 * is scratch for the text of numbers. */
int rg_graph__fill_model(struct rg_xgraph *x, rg_strbuf *num, const char *path,
                         const rg_agg *agg, const rg_slice *s, const rg_graph_result *r);
/* Appends a finite real (6 decimals); NaN and Inf are written as 0. */
int rg_graph__put_real(rg_strbuf *b, double x);

/* 1 when x is a whole number, *i its value (below 2^53, where every
 * integer is exact). Writes x at p (room for RG_STRBUF_NUM_MAX bytes) as
 * rg_graph__put_real appends it; returns the end (no NUL). Counts, ranks,
 * degrees and communities are whole numbers: written as integers, the digits
 * rg_strbuf_put_real gives them ("-0" too is "0"). Inline: the writers
 * call it for each of several hundred thousand numbers. */
static inline int rg_graph__whole(double x, long long *i)
{
    if (fabs(x) < 9007199254740992.0) { /* 2^53: every integer is exact */
        *i = (long long)x;
        return (double)*i == x;
    }
    return 0;
}

static inline char *rg_graph__num_at(char *p, double x)
{
    long long i;

    return p + (rg_graph__whole(x, &i) ? rg_strbuf_format_int(p, i)
                                        : rg_strbuf_format_real(p, isfinite(x) ? x : 0.0, 6));
}
/* Builds every result of an aggregate, overall and per period: the graph
 * core, igraph included (graph_build.c). */
int rg_graph__compute_results(rg_graph_result *overall, rg_graph_result **periods,
                              const rg_agg *agg);
/* The n - 1 deltas between consecutive period results (no igraph). */
int rg_graph__compute_deltas(rg_delta **deltas, const rg_graph_result *periods, size_t n);
/* Both of the above; the caller disposes them (rg_graph__dispose_all). */
int rg_graph__compute_all(rg_graph_result *overall, rg_graph_result **periods,
                          rg_delta **deltas, const rg_agg *agg);
/* Frees what rg_graph__compute_all made (n periods; arrays may be NULL). */
void rg_graph__dispose_all(rg_graph_result *overall, rg_graph_result *periods,
                           rg_delta *deltas, size_t n);

#endif
