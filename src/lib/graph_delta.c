/* SPDX-License-Identifier: MIT */
/*
 * Change between two graph results (rg zone, plain C): per-actor values and
 * average ranks of every metric, Spearman rank correlations, the union of
 * edges classified as same / appeared / disappeared / flipped, the Jaccard
 * index of the edge sets, and the biggest rank changes.
 */
#include <math.h>   /* fabs, round, sqrt */
#include <stdlib.h> /* qsort */
#include <string.h> /* memset, strcmp */

#include "common.h"
#include "graph_core.h"

/*
 * HOW IT WORKS
 * Actors are compared over the union of both graphs; an actor absent from
 * one side counts with value 0 there (it was not central at all). Values are
 * compared at the precision written to metrics.json (6 decimals), so
 * floating-point noise never splits a tie. Ranks run from 1 (largest value)
 * and tied values share the mean of the ranks they span: values
 * (5, 3, 3, 1) get ranks (1, 2.5, 2.5, 4). Spearman's rho is the Pearson
 * correlation of these average ranks, which is exact with ties; when fewer
 * than two actors exist or one side is constant rho is undefined and 0 is
 * written. The "biggest changes" are actor/centrality pairs ordered by the
 * absolute rank change, then by the absolute value change.
 */

typedef struct {
    double v;
    size_t i;
} rank_item;

static int rank_item_cmp(const void *a, const void *b)
{
    const rank_item *x = a, *y = b;

    if (x->v != y->v) {
        return x->v > y->v ? -1 : 1;
    }
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Sorts items by rank_item_cmp: by insertion up to 32 items, the size of
 * almost every period (qsort's call per comparison was most of the
 * deltas' cost), by qsort above. The order is total (index last), so both
 * give the same array. */
static void rank_sort(rank_item *items, size_t n)
{
    size_t i, j;

    if (n > 32) {
        qsort(items, n, sizeof *items, rank_item_cmp);
        return;
    }
    for (i = 1; i < n; i++) {
        rank_item t = items[i];
        for (j = i; j > 0 && rank_item_cmp(&items[j - 1], &t) > 0; j--) {
            items[j] = items[j - 1];
        }
        items[j] = t;
    }
}

static double quantise(double v)
{
    return isfinite(v) ? round(v * 1e6) / 1e6 : 0.0;
}

int rg_graph__ranks(double *ranks, const double *values, size_t n)
{
    rank_item *items = rg__calloc(n ? n : 1, sizeof *items);
    size_t i, j, k;

    if (!items) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < n; i++) {
        items[i].v = quantise(values[i]);
        items[i].i = i;
    }
    rank_sort(items, n);
    for (i = 0; i < n; i = j) {
        double mean;
        for (j = i + 1; j < n && items[j].v == items[i].v; j++) {
        }
        mean = ((double)(i + 1) + (double)j) / 2.0; /* ranks i+1 .. j */
        for (k = i; k < j; k++) {
            ranks[items[k].i] = mean;
        }
    }
    rg__free(items);
    return RG_OK;
}

static double pearson(const double *x, const double *y, size_t n)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    size_t i;

    if (n < 2) {
        return 0.0;
    }
    for (i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    for (i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx <= 0 || syy <= 0) {
        return 0.0;
    }
    return sxy / sqrt(sxx * syy);
}

int rg_graph__spearman(double *out, const double *a, const double *b, size_t n)
{
    double *ra = rg__calloc(n ? n : 1, sizeof *ra);
    double *rb = rg__calloc(n ? n : 1, sizeof *rb);
    int error = RG_OK;

    *out = 0.0;
    if (!ra || !rb) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    if ((error = rg_graph__ranks(ra, a, n)) != RG_OK ||
        (error = rg_graph__ranks(rb, b, n)) != RG_OK) {
        goto cleanup;
    }
    *out = pearson(ra, rb, n);
cleanup:
    rg__free(ra);
    rg__free(rb);
    return error;
}

void rg_graph__delta_dispose(rg_delta *d)
{
    if (!d) {
        return;
    }
    rg__free(d->actors);
    rg__free(d->edges);
    memset(d, 0, sizeof *d);
}

static int delta_actors(rg_delta *d, const rg_graph_result *a, const rg_graph_result *b)
{
    size_t i = 0, j = 0;

    d->actors = rg__calloc(a->n_nodes + b->n_nodes + 1, sizeof *d->actors);
    if (!d->actors) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    while (i < a->n_nodes || j < b->n_nodes) {
        rg_delta_actor *x = &d->actors[d->n_actors++];
        int c = i >= a->n_nodes ? 1 : j >= b->n_nodes ? -1
                                      : strcmp(a->nodes[i].id, b->nodes[j].id);
        if (c <= 0) {
            x->id = a->nodes[i].id;
            x->in_old = 1;
            memcpy(x->old_v, a->nodes[i].m, sizeof x->old_v);
            i++;
        }
        if (c >= 0) {
            x->id = b->nodes[j].id;
            x->in_new = 1;
            memcpy(x->new_v, b->nodes[j].m, sizeof x->new_v);
            j++;
        }
    }
    return RG_OK;
}

static int delta_ranks(rg_delta *d)
{
    double *va = rg__calloc(d->n_actors + 1, sizeof *va);
    double *vb = rg__calloc(d->n_actors + 1, sizeof *vb);
    double *ra = rg__calloc(d->n_actors + 1, sizeof *ra);
    double *rb = rg__calloc(d->n_actors + 1, sizeof *rb);
    size_t i;
    int m, error = RG_OK;

    if (!va || !vb || !ra || !rb) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    for (m = 0; m < RG_METRIC__COUNT; m++) {
        for (i = 0; i < d->n_actors; i++) {
            va[i] = d->actors[i].old_v[m];
            vb[i] = d->actors[i].new_v[m];
        }
        if ((error = rg_graph__ranks(ra, va, d->n_actors)) != RG_OK ||
            (error = rg_graph__ranks(rb, vb, d->n_actors)) != RG_OK) {
            goto cleanup;
        }
        for (i = 0; i < d->n_actors; i++) {
            d->actors[i].old_rank[m] = ra[i];
            d->actors[i].new_rank[m] = rb[i];
        }
        d->spearman[m] = pearson(ra, rb, d->n_actors);
    }
cleanup:
    rg__free(va);
    rg__free(vb);
    rg__free(ra);
    rg__free(rb);
    return error;
}

static int edge_key_cmp(const rg_graph_result *a, const rg_edge_result *x,
                        const rg_graph_result *b, const rg_edge_result *y)
{
    int c = strcmp(a->nodes[x->u].id, b->nodes[y->u].id);

    return c ? c : strcmp(a->nodes[x->v].id, b->nodes[y->v].id);
}

/* Compares "a|b" keys without building them ('|' sorts after letters, so
 * this differs from (a, b) order when an id is a prefix of another). */
int rg_graph__pipe_cmp(const char *a1, const char *a2, const char *b1, const char *b2)
{
    const char *pa = a1, *pb = b1;
    int sa = 0, sb = 0; /* 0: first id, 1: the '|', 2: second id */

    for (;;) {
        int ca, cb;
        if (sa == 0 && !*pa) { sa = 1; }
        if (sb == 0 && !*pb) { sb = 1; }
        ca = sa == 1 ? '|' : (unsigned char)*pa;
        cb = sb == 1 ? '|' : (unsigned char)*pb;
        if (ca != cb) {
            return ca - cb;
        }
        if (ca == 0) {
            return 0;
        }
        if (sa == 1) { sa = 2; pa = a2; } else { pa++; }
        if (sb == 1) { sb = 2; pb = b2; } else { pb++; }
    }
}

static int delta_edge_cmp(const void *a, const void *b)
{
    const rg_delta_edge *x = a, *y = b;

    return rg_graph__pipe_cmp(x->source, x->target, y->source, y->target);
}

static int delta_edges(rg_delta *d, const rg_graph_result *a, const rg_graph_result *b)
{
    size_t i = 0, j = 0, both = 0;

    d->edges = rg__calloc(a->n_edges + b->n_edges + 1, sizeof *d->edges);
    if (!d->edges) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    while (i < a->n_edges || j < b->n_edges) {
        rg_delta_edge *x = &d->edges[d->n_edges++];
        int c = i >= a->n_edges ? 1 : j >= b->n_edges ? -1
                                      : edge_key_cmp(a, &a->edges[i], b, &b->edges[j]);
        if (c <= 0) {
            const rg_edge_result *e = &a->edges[i++];
            x->source = a->nodes[e->u].id;
            x->target = a->nodes[e->v].id;
            x->old_weight = e->comention;
            x->old_net = e->stance_net;
            x->old_sign = e->sign;
        }
        if (c >= 0) {
            const rg_edge_result *e = &b->edges[j++];
            x->source = b->nodes[e->u].id;
            x->target = b->nodes[e->v].id;
            x->new_weight = e->comention;
            x->new_net = e->stance_net;
            x->new_sign = e->sign;
        }
        if (c < 0) {
            x->change = RG_EDGE_DISAPPEARED;
            d->disappeared++;
        } else if (c > 0) {
            x->change = RG_EDGE_APPEARED;
            d->appeared++;
        } else {
            both++;
            if (x->old_sign * x->new_sign < 0) {
                x->change = RG_EDGE_FLIPPED;
                d->flipped++;
            }
        }
    }
    d->jaccard = d->n_edges ? (double)both / (double)d->n_edges : 1.0;
    /* metrics.json keys edges by "source|target": sort them that way */
    qsort(d->edges, d->n_edges, sizeof *d->edges, delta_edge_cmp);
    return RG_OK;
}

static const int top_metrics[] = {
    RG_METRIC_AUTHORITY, RG_METRIC_BETWEENNESS, RG_METRIC_CLOSENESS,
    RG_METRIC_DEGREE, RG_METRIC_EIGENVECTOR, RG_METRIC_HARMONIC, RG_METRIC_HUB,
    RG_METRIC_PAGERANK, RG_METRIC_STRENGTH
};

typedef struct {
    rg_delta_top t;
    double absdelta;
} top_item;

static int top_item_cmp(const void *a, const void *b)
{
    const top_item *x = a, *y = b;

    if (x->t.score != y->t.score) {
        return x->t.score > y->t.score ? -1 : 1;
    }
    if (x->absdelta != y->absdelta) {
        return x->absdelta > y->absdelta ? -1 : 1;
    }
    if (x->t.actor != y->t.actor) {
        return x->t.actor < y->t.actor ? -1 : 1;
    }
    return x->t.metric - y->t.metric;
}

static int delta_top(rg_delta *d)
{
    size_t nm = sizeof top_metrics / sizeof top_metrics[0];
    top_item *items = rg__calloc(d->n_actors * nm + 1, sizeof *items);
    size_t i, k, n = 0;

    if (!items) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < d->n_actors; i++) {
        const rg_delta_actor *x = &d->actors[i];
        for (k = 0; k < nm; k++) {
            int m = top_metrics[k];
            double score = fabs(x->old_rank[m] - x->new_rank[m]);
            if (score <= 0) {
                continue;
            }
            items[n].t.actor = i;
            items[n].t.metric = m;
            items[n].t.score = score;
            items[n].absdelta = fabs(quantise(x->new_v[m]) - quantise(x->old_v[m]));
            n++;
        }
    }
    qsort(items, n, sizeof *items, top_item_cmp);
    for (i = 0; i < n && i < RG_DELTA_TOP_MAX; i++) {
        d->top[d->n_top++] = items[i].t;
    }
    rg__free(items);
    return RG_OK;
}

int rg_graph__delta(rg_delta *out, const rg_graph_result *a, const rg_graph_result *b)
{
    rg_delta d;
    int error = RG_OK;

    memset(&d, 0, sizeof d);
    memset(out, 0, sizeof *out);
    d.from = a->key;
    d.to = b->key;
    if ((error = delta_actors(&d, a, b)) != RG_OK ||
        (error = delta_ranks(&d)) != RG_OK ||
        (error = delta_edges(&d, a, b)) != RG_OK ||
        (error = delta_top(&d)) != RG_OK) {
        goto cleanup;
    }
    *out = d;
    memset(&d, 0, sizeof d);
cleanup:
    rg_graph__delta_dispose(&d);
    return error;
}

void rg_graph__change_values(double *v, const rg_delta_actor *x, int m)
{
    v[0] = x->new_v[m] - x->old_v[m];
    v[1] = x->new_v[m];
    v[2] = x->old_v[m];
    v[3] = x->old_rank[m] - x->new_rank[m];
    v[4] = x->new_rank[m];
    v[5] = x->old_rank[m];
}

/* "name": {"delta": ..., "rank_old": ...}, as metrics.json writes a key
 * and then one actor's change in metric m on one line, under one capacity
 * check: these lines are most of metrics.json, and each took 13 appends.
 * name needs no escaping (a metric's). */
int rg_graph__put_change(rg_strbuf *b, const char *name, const rg_delta_actor *x, int m)
{
    static const struct { const char *s; size_t n; } keys[] = {
        { "{\"delta\": ", 10 }, { ", \"new\": ", 9 }, { ", \"old\": ", 9 },
        { ", \"rank_change\": ", 17 }, { ", \"rank_new\": ", 14 }, { ", \"rank_old\": ", 14 }
    };
    double v[RG_GRAPH__CHANGE_N];
    size_t n = strlen(name), k;
    char *p;

    if (rg_strbuf_reserve(b, n + 5 + RG_GRAPH__CHANGE_N * (17 + RG_STRBUF_NUM_MAX)) != RG_OK) {
        return RG_ERROR;
    }
    rg_graph__change_values(v, x, m);
    p = b->ptr + b->len;
    *p++ = '"';
    memcpy(p, name, n);
    memcpy(p + n, "\": ", 3);
    p += n + 3;
    for (k = 0; k < RG_GRAPH__CHANGE_N; k++) {
        memcpy(p, keys[k].s, keys[k].n);
        p = rg_graph__num_at(p + keys[k].n, v[k]);
    }
    *p++ = '}';
    *p = '\0';
    b->len = (size_t)(p - b->ptr);
    return RG_OK;
}
