/* SPDX-License-Identifier: MIT */
/*
 * Reading metrics.json back (jansson): the regression check against a
 * baseline (every numeric field of graphs, actors and edges, overall and per
 * period, compared with an absolute tolerance; appearing and disappearing
 * periods, actors and edges) and the human-readable diff of two graphs,
 * which reloads them as graph results and reuses graph_delta.c.
 */
#include <jansson.h> /* json_loadb, json_object_get, json_error_t */
#include <math.h>    /* fabs */
#include <stdio.h>   /* snprintf */
#include <stdlib.h>  /* qsort */
#include <string.h>  /* strcmp, strchr */

#include <relgraph/io.h>
#include <relgraph/metrics.h>

#include "common.h"
#include "json_oom.h"
#include "graph_core.h"
#include "strbuf.h"

#define CHECK_MAX_FILE (512u * 1024u * 1024u)

/* ---- loading ---- */

static int load_metrics(json_t **out, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    json_error_t e;
    json_t *j = NULL;
    int oom;
    int error;

    *out = NULL;
    if ((error = rg_read_file(&buf, &len, path, CHECK_MAX_FILE)) != RG_OK) {
        goto cleanup;
    }
    j = rg__json_loadb(buf, len, JSON_ALLOW_NUL, &e, &oom);
    if (!j && oom) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    if (!j) {
        rg__error_set(RG_EPARSE, "%s:%d: %s", path, e.line, e.text);
        error = RG_EPARSE;
        goto cleanup;
    }
    if (!json_is_object(json_object_get(j, "overall")) ||
        !json_is_object(json_object_get(j, "periods"))) {
        rg__error_set(RG_EPARSE, "%s:1: not a relgraph metrics file (no \"overall\" or \"periods\")",
                      path);
        error = RG_EPARSE;
        goto cleanup;
    }
    *out = j;
    j = NULL;
cleanup:
    json_decref(j);
    rg__free(buf);
    return error;
}

/* The graph object of a period ("all" or NULL: overall), or NULL. */
static json_t *graph_of(json_t *root, const char *period)
{
    if (!period || strcmp(period, "all") == 0) {
        return json_object_get(root, "overall");
    }
    return json_object_get(json_object_get(root, "periods"), period);
}

/* Sorted union of the keys of two objects (either may be NULL). */
static int key_union(const char ***out, size_t *n_out, json_t *a, json_t *b)
{
    size_t n = 0, k = 0;
    const char **keys;
    const char *key;
    json_t *v;

    keys = rg__calloc(json_object_size(a) + json_object_size(b) + 1, sizeof *keys);
    if (!keys) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    json_object_foreach(a, key, v) {
        keys[n++] = key;
    }
    json_object_foreach(b, key, v) {
        if (!json_object_get(a, key)) {
            keys[n++] = key;
        }
    }
    for (k = 1; k < n; k++) { /* insertion sort: inputs are nearly sorted */
        const char *x = keys[k];
        size_t j = k;
        while (j > 0 && strcmp(keys[j - 1], x) > 0) {
            keys[j] = keys[j - 1];
            j--;
        }
        keys[j] = x;
    }
    *out = keys;
    *n_out = n;
    return RG_OK;
}

/* ---- check ---- */

typedef struct {
    char *cols[6]; /* actor, metric, period, old, new, delta */
} check_row;

typedef struct {
    const rg_check_options *opts;
    RG_VEC(check_row) rows;
    int error;
} checker;

static int wanted(const checker *c, const char *metric)
{
    size_t i;

    if (!c->opts->metrics || c->opts->n_metrics == 0) {
        return 1;
    }
    for (i = 0; i < c->opts->n_metrics; i++) {
        if (strcmp(c->opts->metrics[i], metric) == 0) {
            return 1;
        }
    }
    return 0;
}

static void fmt_num(char *buf, size_t size, double x)
{
    rg_strbuf b = RG_STRBUF_INIT;

    if (rg_graph__put_real(&b, x) == RG_OK && b.ptr) {
        snprintf(buf, size, "%s", b.ptr);
    } else {
        snprintf(buf, size, "?");
    }
    rg_strbuf_dispose(&b);
}

static void add_row(checker *c, const char *actor, const char *metric, const char *period,
                    const char *old_s, const char *new_s, const char *delta)
{
    const char *src[6] = { actor, metric, period, old_s, new_s, delta };
    check_row row;
    int i;

    if (c->error) {
        return;
    }
    for (i = 0; i < 6; i++) {
        row.cols[i] = rg__strdup(src[i]);
        if (!row.cols[i]) {
            while (--i >= 0) {
                rg__free(row.cols[i]);
            }
            rg__error_set_oom();
            c->error = RG_ERROR;
            return;
        }
    }
    if (RG_VEC_PUSH(c->rows, row) != RG_OK) {
        for (i = 0; i < 6; i++) {
            rg__free(row.cols[i]);
        }
        c->error = RG_ERROR;
    }
}

/* Numeric fields of two objects (same actor, edge or graph). */
static void check_fields(checker *c, const char *who, const char *period, json_t *a, json_t *b)
{
    const char **keys = NULL;
    size_t n = 0, i;
    char so[40], sn[40], sd[40];

    if (key_union(&keys, &n, a, b) != RG_OK) {
        c->error = RG_ERROR;
        return;
    }
    for (i = 0; i < n; i++) {
        json_t *x = json_object_get(a, keys[i]), *y = json_object_get(b, keys[i]);
        double vx = json_number_value(x), vy = json_number_value(y);
        if (!wanted(c, keys[i]) || (!json_is_number(x) && !json_is_number(y))) {
            continue;
        }
        if (json_is_number(x) && json_is_number(y) && fabs(vy - vx) <= c->opts->tolerance) {
            continue;
        }
        fmt_num(so, sizeof so, vx);
        fmt_num(sn, sizeof sn, vy);
        fmt_num(sd, sizeof sd, vy - vx);
        add_row(c, who, keys[i], period, json_is_number(x) ? so : "-",
                json_is_number(y) ? sn : "-", sd);
    }
    rg__free(keys);
}

/* Actors (or edges) of one period: appearing, disappearing, moving. */
static void check_members(checker *c, const char *what, const char *period, json_t *a, json_t *b)
{
    const char **keys = NULL;
    size_t n = 0, i;

    if (key_union(&keys, &n, a, b) != RG_OK) {
        c->error = RG_ERROR;
        return;
    }
    for (i = 0; i < n; i++) {
        json_t *x = json_object_get(a, keys[i]), *y = json_object_get(b, keys[i]);
        if (!x) {
            add_row(c, keys[i], what, period, "-", "present", "appeared");
        } else if (!y) {
            add_row(c, keys[i], what, period, "present", "-", "disappeared");
        } else {
            check_fields(c, keys[i], period, x, y);
        }
    }
    rg__free(keys);
}

static void check_graph(checker *c, const char *period, json_t *a, json_t *b)
{
    check_fields(c, "(graph)", period, json_object_get(a, "graph"), json_object_get(b, "graph"));
    check_members(c, "(actor)", period, json_object_get(a, "actors"),
                  json_object_get(b, "actors"));
    check_members(c, "(edge)", period, json_object_get(a, "edges"), json_object_get(b, "edges"));
}

static int print_table(rg_strbuf *out, const checker *c)
{
    static const char *const head[6] = { "actor", "metric", "period", "old", "new", "delta" };
    size_t w[6], i;
    int k, error = RG_OK;

    if (c->rows.n == 0) {
        return RG_OK;
    }
    for (k = 0; k < 6; k++) {
        w[k] = strlen(head[k]);
        for (i = 0; i < c->rows.n; i++) {
            size_t l = strlen(c->rows.v[i].cols[k]);
            w[k] = l > w[k] ? l : w[k];
        }
    }
    for (i = 0; i <= c->rows.n && error == RG_OK; i++) {
        for (k = 0; k < 6 && error == RG_OK; k++) {
            const char *s = i == 0 ? head[k] : c->rows.v[i - 1].cols[k];
            error = k < 5 ? rg_strbuf_printf(out, "%-*s  ", (int)w[k], s)
                          : rg_strbuf_printf(out, "%s\n", s);
        }
    }
    return error;
}

static int check_known(const rg_check_options *o)
{
    static const char *const extra[] = {
        "community", "comention", "sign", "stance_neg", "stance_neg_sum",
        "stance_net", "stance_pos", "stance_pos_sum", "stance_st", "stance_ts",
        "tone", "tone_count", "(actor)", "(edge)", "(period)"
    };
    size_t i, k;

    for (i = 0; o->metrics && i < o->n_metrics; i++) {
        int ok = rg_metric_from_name(o->metrics[i]) >= 0;
        for (k = 0; !ok && k < RG_GM__COUNT; k++) {
            ok = strcmp(o->metrics[i], rg_graph__metric_names[k]) == 0;
        }
        for (k = 0; !ok && k < sizeof extra / sizeof extra[0]; k++) {
            ok = strcmp(o->metrics[i], extra[k]) == 0;
        }
        if (!ok) {
            rg__error_set(RG_EINVAL, "unknown metric \"%s\"", o->metrics[i]);
            return RG_EINVAL;
        }
    }
    return RG_OK;
}

int rg_metrics_check(char **out, size_t *out_len, size_t *n_changes,
                     const char *baseline_path, const char *new_path,
                     const rg_check_options *opts)
{
    static const rg_check_options defaults = RG_CHECK_OPTIONS_INIT;
    checker c;
    json_t *a = NULL, *b = NULL;
    const char **keys = NULL;
    rg_strbuf text = RG_STRBUF_INIT;
    size_t n = 0, i;
    int error;

    RG_ASSERT_ARG(out && n_changes && baseline_path && new_path);
    *out = NULL;
    *n_changes = 0;
    memset(&c, 0, sizeof c);
    c.opts = opts ? opts : &defaults;
    if ((error = check_known(c.opts)) != RG_OK ||
        (error = load_metrics(&a, baseline_path)) != RG_OK ||
        (error = load_metrics(&b, new_path)) != RG_OK) {
        goto cleanup;
    }
    check_graph(&c, "all", graph_of(a, NULL), graph_of(b, NULL));
    if ((error = key_union(&keys, &n, json_object_get(a, "periods"),
                           json_object_get(b, "periods"))) != RG_OK) {
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        json_t *x = graph_of(a, keys[i]), *y = graph_of(b, keys[i]);
        if (!x) {
            add_row(&c, "-", "(period)", keys[i], "-", "present", "appeared");
        } else if (!y) {
            add_row(&c, "-", "(period)", keys[i], "present", "-", "disappeared");
        } else {
            check_graph(&c, keys[i], x, y);
        }
    }
    if ((error = c.error) != RG_OK || (error = print_table(&text, &c)) != RG_OK ||
        (error = rg_strbuf_puts(&text, "")) != RG_OK) {
        goto cleanup;
    }
    *n_changes = c.rows.n;
    *out = rg_strbuf_detach(&text, out_len);
cleanup:
    for (i = 0; i < c.rows.n; i++) {
        int k;
        for (k = 0; k < 6; k++) {
            rg__free(c.rows.v[i].cols[k]);
        }
    }
    RG_VEC_FREE(c.rows);
    rg__free(keys);
    rg_strbuf_dispose(&text);
    json_decref(a);
    json_decref(b);
    return error;
}

/* ---- diff ---- */

static int node_cmp(const void *a, const void *b)
{
    return strcmp(((const rg_node_result *)a)->id, ((const rg_node_result *)b)->id);
}

static int edge_cmp(const void *a, const void *b)
{
    const rg_edge_result *x = a, *y = b;

    if (x->u != y->u) {
        return x->u < y->u ? -1 : 1;
    }
    return x->v < y->v ? -1 : x->v > y->v;
}

static int load_nodes(rg_graph_result *r, json_t *actors)
{
    const char *key;
    json_t *v;
    int m;

    r->nodes = rg__calloc(json_object_size(actors) + 1, sizeof *r->nodes);
    if (!r->nodes) {
        return RG_ERROR;
    }
    json_object_foreach(actors, key, v) {
        rg_node_result *n = &r->nodes[r->n_nodes++];
        n->id = rg__strdup(key);
        n->label = rg__strdup(json_is_string(json_object_get(v, "label"))
                              ? json_string_value(json_object_get(v, "label")) : key);
        if (!n->id || !n->label) {
            return RG_ERROR;
        }
        for (m = 0; m < RG_METRIC__COUNT; m++) {
            n->m[m] = json_number_value(json_object_get(v, rg_metric_name((rg_metric)m)));
        }
        n->type = -1;
        n->community = (int)json_integer_value(json_object_get(v, "community"));
    }
    qsort(r->nodes, r->n_nodes, sizeof *r->nodes, node_cmp);
    return RG_OK;
}

static int load_edges(rg_graph_result *r, json_t *edges)
{
    const char *key;
    json_t *v;
    char id[256];

    r->edges = rg__calloc(json_object_size(edges) + 1, sizeof *r->edges);
    if (!r->edges) {
        return RG_ERROR;
    }
    json_object_foreach(edges, key, v) {
        const char *bar = strchr(key, '|');
        long u, w;
        rg_edge_result *e;
        if (!bar || (size_t)(bar - key) >= sizeof id) {
            continue;
        }
        snprintf(id, sizeof id, "%.*s", (int)(bar - key), key);
        u = rg_graph__find_node(r, id);
        w = rg_graph__find_node(r, bar + 1);
        if (u < 0 || w < 0) {
            continue;
        }
        e = &r->edges[r->n_edges++];
        e->u = (size_t)(u < w ? u : w);
        e->v = (size_t)(u < w ? w : u);
        e->comention = json_number_value(json_object_get(v, "comention"));
        e->stance_net = json_number_value(json_object_get(v, "stance_net"));
        e->sign = (int)json_integer_value(json_object_get(v, "sign"));
    }
    qsort(r->edges, r->n_edges, sizeof *r->edges, edge_cmp);
    return RG_OK;
}

static int load_result(rg_graph_result *r, json_t *root, const char *path, const char *period)
{
    json_t *g = graph_of(root, period);
    int k;

    memset(r, 0, sizeof *r);
    if (!g) {
        rg__error_set(RG_ENOTFOUND, "%s: no period \"%s\"", path, period);
        return RG_ENOTFOUND;
    }
    snprintf(r->key, sizeof r->key, "%s", period ? period : "all");
    for (k = 0; k < RG_GM__COUNT; k++) {
        r->g[k] = json_number_value(json_object_get(json_object_get(g, "graph"),
                                                    rg_graph__metric_names[k]));
    }
    if (load_nodes(r, json_object_get(g, "actors")) != RG_OK ||
        load_edges(r, json_object_get(g, "edges")) != RG_OK) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    return RG_OK;
}

static int put_num(rg_strbuf *b, double x)
{
    return rg_graph__put_real(b, x);
}

/* "from -> to" */
static int put_arrow(rg_strbuf *b, double from, double to)
{
    int error = put_num(b, from);

    error = error ? error : rg_strbuf_puts(b, " -> ");
    return error ? error : put_num(b, to);
}

static int diff_graph(rg_strbuf *b, const rg_graph_result *a, const rg_graph_result *c)
{
    static const int shown[] = { RG_GM_NODES, RG_GM_EDGES, RG_GM_DENSITY,
                                 RG_GM_COMPONENTS, RG_GM_COMMUNITIES, RG_GM_MODULARITY,
                                 RG_GM_BALANCE, RG_GM_DOCUMENTS };
    size_t i;
    int error = RG_OK;

    error = rg_strbuf_puts(b, "graph:\n");
    for (i = 0; i < sizeof shown / sizeof shown[0] && error == RG_OK; i++) {
        int g = shown[i];
        error = rg_strbuf_printf(b, "  %-12s ", rg_graph__metric_names[g]);
        error = error ? error : put_arrow(b, a->g[g], c->g[g]);
        error = error ? error : rg_strbuf_puts(b, "\n");
    }
    return error;
}

static int diff_ranks(rg_strbuf *b, const rg_delta *d)
{
    static const int shown[] = { RG_METRIC_DEGREE, RG_METRIC_STRENGTH, RG_METRIC_BETWEENNESS,
                                 RG_METRIC_CLOSENESS, RG_METRIC_HARMONIC,
                                 RG_METRIC_EIGENVECTOR, RG_METRIC_PAGERANK, RG_METRIC_HUB,
                                 RG_METRIC_AUTHORITY };
    size_t i;
    int error = rg_strbuf_puts(b, "rank correlation (Spearman, actors in either graph):\n");

    for (i = 0; i < sizeof shown / sizeof shown[0] && error == RG_OK; i++) {
        error = rg_strbuf_printf(b, "  %-12s ", rg_metric_name((rg_metric)shown[i]));
        error = error ? error : put_num(b, d->spearman[shown[i]]);
        error = error ? error : rg_strbuf_puts(b, "\n");
    }
    if (error == RG_OK) {
        error = rg_strbuf_printf(b, "biggest rank changes (%zu):\n", d->n_top);
    }
    for (i = 0; i < d->n_top && error == RG_OK; i++) {
        const rg_delta_actor *x = &d->actors[d->top[i].actor];
        int m = d->top[i].metric;
        error = rg_strbuf_printf(b, "  %-16s %-12s rank %g -> %g, value ", x->id,
                                 rg_metric_name((rg_metric)m), x->old_rank[m], x->new_rank[m]);
        error = error ? error : put_arrow(b, x->old_v[m], x->new_v[m]);
        error = error ? error : rg_strbuf_puts(b, "\n");
    }
    return error;
}

static int diff_edges(rg_strbuf *b, const rg_delta *d)
{
    static const char marks[] = { ' ', '+', '-', '~' };
    size_t i;
    int error = rg_strbuf_printf(b, "edges: %zu appeared, %zu disappeared, %zu flipped sign; "
                                    "Jaccard ", d->appeared, d->disappeared, d->flipped);

    error = error ? error : put_num(b, d->jaccard);
    error = error ? error : rg_strbuf_puts(b, "\n");
    for (i = 0; i < d->n_edges && error == RG_OK; i++) {
        const rg_delta_edge *e = &d->edges[i];
        if (e->change == RG_EDGE_SAME && e->old_weight == e->new_weight &&
            e->old_net == e->new_net) {
            continue;
        }
        error = rg_strbuf_printf(b, "  %c %s|%s  weight ", marks[e->change], e->source,
                                 e->target);
        error = error ? error : put_arrow(b, e->old_weight, e->new_weight);
        error = error ? error : rg_strbuf_puts(b, ", stance ");
        error = error ? error : put_arrow(b, e->old_net, e->new_net);
        error = error ? error : rg_strbuf_puts(b, "\n");
    }
    return error;
}

int rg_metrics_diff(char **out, size_t *out_len, const char *path_a, const char *period_a,
                    const char *path_b, const char *period_b)
{
    json_t *ja = NULL, *jb = NULL;
    rg_graph_result a, c;
    rg_delta d;
    rg_strbuf text = RG_STRBUF_INIT;
    int error;

    RG_ASSERT_ARG(out && path_a && path_b);
    *out = NULL;
    memset(&a, 0, sizeof a);
    memset(&c, 0, sizeof c);
    memset(&d, 0, sizeof d);
    if ((error = load_metrics(&ja, path_a)) != RG_OK ||
        (error = load_metrics(&jb, path_b)) != RG_OK ||
        (error = load_result(&a, ja, path_a, period_a)) != RG_OK ||
        (error = load_result(&c, jb, path_b, period_b)) != RG_OK ||
        (error = rg_graph__delta(&d, &a, &c)) != RG_OK) {
        goto cleanup;
    }
    if ((error = rg_strbuf_printf(&text, "from %s [%s]\n  to %s [%s]\n", path_a, a.key,
                                  path_b, c.key)) != RG_OK ||
        (error = diff_graph(&text, &a, &c)) != RG_OK ||
        (error = diff_ranks(&text, &d)) != RG_OK ||
        (error = diff_edges(&text, &d)) != RG_OK) {
        goto cleanup;
    }
    *out = rg_strbuf_detach(&text, out_len);
cleanup:
    rg_graph__delta_dispose(&d);
    rg_graph__result_dispose(&a);
    rg_graph__result_dispose(&c);
    rg_strbuf_dispose(&text);
    json_decref(ja);
    json_decref(jb);
    return error;
}
