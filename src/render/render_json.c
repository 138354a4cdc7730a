/* SPDX-License-Identifier: MIT */
/*
 * Reads one Graphology JSON file (docs/graph-json.md) with jansson into an
 * rr_graph: nodes sorted by key, edges as index pairs sorted by (source,
 * target), and only the attributes a picture needs. Messages name the file,
 * and the line and column for JSON syntax errors.
 */
#include <errno.h>   /* errno */
#include <stdio.h>   /* fprintf */
#include <stdlib.h>  /* malloc, calloc, free, qsort, bsearch, exit */
#include <string.h>  /* strcmp, strlen, strrchr, strerror */

#include <jansson.h> /* json_load_file, json_object_get */

#include "render.h"

void rr_die_oom(void)
{
    fprintf(stderr, "relgraph-render: out of memory\n");
    exit(RR_ERROR);
}

char *rr_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);

    if (!p) {
        rr_die_oom();
    }
    memcpy(p, s, n);
    return p;
}

static int node_cmp(const void *a, const void *b)
{
    return strcmp(((const rr_node *)a)->key, ((const rr_node *)b)->key);
}

long rr_node_find(const rr_graph *g, const char *key)
{
    size_t lo = 0, hi = g->n_nodes;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, g->nodes[mid].key);
        if (c == 0) {
            return (long)mid;
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return -1;
}

static const rr_graph *edge_cmp_graph;

static int edge_cmp(const void *a, const void *b)
{
    const rr_edge *x = a, *y = b;
    int c = strcmp(edge_cmp_graph->nodes[x->s].key, edge_cmp_graph->nodes[y->s].key);
    return c ? c : strcmp(edge_cmp_graph->nodes[x->t].key, edge_cmp_graph->nodes[y->t].key);
}

static char *str_attr(json_t *obj, const char *name, const char *fallback)
{
    const char *s = json_string_value(json_object_get(obj, name));
    return rr_strdup(s ? s : fallback);
}

static int bad(const rr_graph *g, const char *msg)
{
    fprintf(stderr, "relgraph-render: %s: %s\n", g->path, msg);
    return RR_DATA;
}

static int bad_item(const rr_graph *g, const char *what, size_t i, const char *msg)
{
    fprintf(stderr, "relgraph-render: %s: %s %zu: %s\n", g->path, what, i, msg);
    return RR_DATA;
}

static int load_nodes(rr_graph *g, json_t *nodes, const char *size_by)
{
    size_t i;

    if (!json_is_array(nodes)) {
        return bad(g, "\"nodes\" must be an array");
    }
    g->nodes = calloc(json_array_size(nodes) + 1, sizeof *g->nodes);
    if (!g->nodes) {
        rr_die_oom();
    }
    for (i = 0; i < json_array_size(nodes); i++) {
        json_t *n = json_array_get(nodes, i);
        json_t *a = json_object_get(n, "attributes");
        json_t *v = json_object_get(a, size_by);
        json_t *x = json_object_get(a, "x"), *y = json_object_get(a, "y");
        rr_node *out = &g->nodes[i];
        const char *key = json_string_value(json_object_get(n, "key"));

        if (!key) {
            return bad_item(g, "node", i, "missing string \"key\"");
        }
        out->key = rr_strdup(key);
        out->label = str_attr(a, "label", key);
        out->type = str_attr(a, "type", "");
        out->has_size = json_is_number(v);
        out->size_val = out->has_size && json_number_value(v) > 0 ? json_number_value(v) : 0;
        out->has_xy = json_is_number(x) && json_is_number(y);
        out->x = json_number_value(x);
        out->y = json_number_value(y);
        g->n_nodes = i + 1;
        if (out->size_val > g->size_max) {
            g->size_max = out->size_val;
        }
    }
    qsort(g->nodes, g->n_nodes, sizeof *g->nodes, node_cmp);
    for (i = 1; i < g->n_nodes; i++) {
        if (strcmp(g->nodes[i - 1].key, g->nodes[i].key) == 0) {
            return bad_item(g, "node", i, "duplicate key (index in key order)");
        }
    }
    return RR_OK;
}

static int load_edges(rr_graph *g, json_t *edges)
{
    size_t i;

    if (!edges) {
        return RR_OK;
    }
    if (!json_is_array(edges)) {
        return bad(g, "\"edges\" must be an array");
    }
    g->edges = calloc(json_array_size(edges) + 1, sizeof *g->edges);
    if (!g->edges) {
        rr_die_oom();
    }
    for (i = 0; i < json_array_size(edges); i++) {
        json_t *e = json_array_get(edges, i);
        json_t *a = json_object_get(e, "attributes");
        const char *s = json_string_value(json_object_get(e, "source"));
        const char *t = json_string_value(json_object_get(e, "target"));
        long si = s ? rr_node_find(g, s) : -1, ti = t ? rr_node_find(g, t) : -1;
        rr_edge *out = &g->edges[i];
        json_int_t sign = json_integer_value(json_object_get(a, "sign"));

        if (si < 0 || ti < 0) {
            return bad_item(g, "edge", i, "source or target is not a node key");
        }
        out->s = (size_t)(strcmp(s, t) <= 0 ? si : ti);
        out->t = (size_t)(strcmp(s, t) <= 0 ? ti : si);
        out->weight = json_number_value(json_object_get(a, "weight"));
        out->sign = sign > 0 ? 1 : sign < 0 ? -1 : 0;
        out->stance_net = json_number_value(json_object_get(a, "stance_net"));
        out->documents = json_integer_value(json_object_get(a, "documents"));
        if (out->weight > g->weight_max) {
            g->weight_max = out->weight;
        }
        g->n_edges = i + 1;
    }
    edge_cmp_graph = g;
    qsort(g->edges, g->n_edges, sizeof *g->edges, edge_cmp);
    return RR_OK;
}

static void set_names(rr_graph *g, json_t *attrs)
{
    const char *slash = strrchr(g->path, '/');
    size_t len;

    g->base = rr_strdup(slash ? slash + 1 : g->path);
    len = strlen(g->base);
    if (len > 5 && strcmp(g->base + len - 5, ".json") == 0) {
        g->base[len - 5] = '\0';
    }
    g->title = str_attr(attrs, "name", g->base);
    g->period = str_attr(attrs, "period", "");
    g->start = str_attr(attrs, "period_start", "");
    g->end = str_attr(attrs, "period_end", "");
    g->documents = json_integer_value(json_object_get(attrs, "documents"));
    g->overall = strcmp(g->period, "all") == 0;
}

int rr_graph_load(rr_graph *g, const char *file, const char *size_by)
{
    json_error_t jerr;
    json_t *root;
    FILE *f;
    int rc;

    memset(g, 0, sizeof *g);
    g->path = rr_strdup(file);
    if (!(f = fopen(file, "rb"))) {
        fprintf(stderr, "relgraph-render: %s: %s\n", file, strerror(errno));
        return RR_ERROR;
    }
    root = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
    fclose(f);
    if (!root) {
        fprintf(stderr, "relgraph-render: %s:%d:%d: invalid JSON: %s\n", file, jerr.line,
                jerr.column, jerr.text);
        return RR_DATA;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        return bad(g, "top level must be a JSON object");
    }
    set_names(g, json_object_get(root, "attributes"));
    rc = load_nodes(g, json_object_get(root, "nodes"), size_by);
    if (rc == RR_OK) {
        rc = load_edges(g, json_object_get(root, "edges"));
    }
    json_decref(root);
    return rc;
}

void rr_graph_free(rr_graph *g)
{
    size_t i;

    for (i = 0; i < g->n_nodes; i++) {
        free(g->nodes[i].key);
        free(g->nodes[i].label);
        free(g->nodes[i].type);
    }
    free(g->nodes);
    free(g->edges);
    free(g->path);
    free(g->base);
    free(g->title);
    free(g->period);
    free(g->start);
    free(g->end);
    memset(g, 0, sizeof *g);
}
