/* SPDX-License-Identifier: MIT */
/*
 * Loader for the Graphology JSON files of `relgraph build`, shared by the
 * GEXF and CSV exporters. The jansson document stays alive; nodes and edges
 * are indexed in two arrays sorted by key and by (source, target), so the
 * writers iterate in canonical order and look pairs up by binary search.
 */
#include <dirent.h>  /* opendir, readdir */
#include <errno.h>   /* errno, ENOENT */
#include <math.h>    /* fabs, isfinite, nearbyint */
#include <stdio.h>   /* snprintf */
#include <stdlib.h>  /* qsort, bsearch, strtod */
#include <string.h>  /* strcmp, strlen, strerror */

#include <jansson.h> /* json_loadb, json_object_get, json_array_get */
#include <relgraph/io.h>
#include <relgraph/text.h>

#include "export_load.h"
#include "json_oom.h"

static int xnode_cmp(const void *a, const void *b)
{
    return strcmp(((const rg_xnode *)a)->key, ((const rg_xnode *)b)->key);
}

static int xedge_cmp(const void *a, const void *b)
{
    const rg_xedge *x = a, *y = b;
    int c = strcmp(x->source, y->source);
    return c ? c : strcmp(x->target, y->target);
}

int rg_export__is_date(const char *s)
{
    int i, month, day;

    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') {
        return 0;
    }
    for (i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
            return 0;
        }
    }
    month = (s[5] - '0') * 10 + (s[6] - '0');
    day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static int load_error(const rg_xgraph *g, const char *what, size_t index, const char *detail)
{
    rg__error_set(RG_EPARSE, "%s: %s %zu: %s", g->path, what, index, detail);
    return RG_EPARSE;
}

static const char *graph_date(json_t *attrs, const char *name)
{
    const char *s = json_string_value(json_object_get(attrs, name));
    return rg_export__is_date(s) ? s : NULL;
}

static int load_nodes(rg_xgraph *g, json_t *nodes)
{
    size_t i;

    if (!json_is_array(nodes)) {
        rg__error_set(RG_EPARSE, "%s: \"nodes\" must be an array", g->path);
        return RG_EPARSE;
    }
    g->nodes = rg__calloc(json_array_size(nodes) + 1, sizeof *g->nodes);
    if (!g->nodes) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < json_array_size(nodes); i++) {
        json_t *n = json_array_get(nodes, i), *attrs;
        const char *key = json_string_value(json_object_get(n, "key"));

        if (!key) {
            return load_error(g, "node", i, "missing string \"key\"");
        }
        attrs = json_object_get(n, "attributes");
        if (attrs && !json_is_object(attrs)) {
            return load_error(g, "node", i, "\"attributes\" must be an object");
        }
        if (!attrs) {
            attrs = json_object();
            if (!attrs || json_object_set_new(n, "attributes", attrs) < 0) {
                rg__error_set_oom();
                return RG_ERROR;
            }
        }
        g->nodes[i].key = key;
        g->nodes[i].attrs = attrs;
    }
    g->n_nodes = i;
    qsort(g->nodes, g->n_nodes, sizeof *g->nodes, xnode_cmp);
    for (i = 1; i < g->n_nodes; i++) {
        if (strcmp(g->nodes[i - 1].key, g->nodes[i].key) == 0) {
            rg__error_set(RG_EPARSE, "%s: duplicate node key \"%s\"", g->path, g->nodes[i].key);
            return RG_EPARSE;
        }
    }
    return RG_OK;
}

/* Key of an edge without one: "source|target", kept alive in g->owned_keys. */
static const char *edge_default_key(rg_xgraph *g, const char *s, const char *t)
{
    json_t *k = json_sprintf("%s|%s", s, t);

    if (!k || json_array_append_new(g->owned_keys, k) < 0) {
        return NULL;
    }
    return json_string_value(k);
}

static int load_edge(rg_xgraph *g, json_t *e, size_t i)
{
    rg_xedge *x = &g->edges[i];
    json_t *attrs = json_object_get(e, "attributes");

    x->source = json_string_value(json_object_get(e, "source"));
    x->target = json_string_value(json_object_get(e, "target"));
    x->key = json_string_value(json_object_get(e, "key"));
    if (!x->source || !x->target) {
        return load_error(g, "edge", i, "missing string \"source\" or \"target\"");
    }
    if (!rg_export__node_find(g, x->source) || !rg_export__node_find(g, x->target)) {
        return load_error(g, "edge", i, "source or target is not a node key");
    }
    if (attrs && !json_is_object(attrs)) {
        return load_error(g, "edge", i, "\"attributes\" must be an object");
    }
    if (!attrs) {
        attrs = json_object();
        if (!attrs || json_object_set_new(e, "attributes", attrs) < 0) {
            rg__error_set_oom();
            return RG_ERROR;
        }
    }
    x->attrs = attrs;
    if (!x->key && !(x->key = edge_default_key(g, x->source, x->target))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    return RG_OK;
}

static int load_edges(rg_xgraph *g, json_t *edges)
{
    size_t i;
    int error;

    if (!edges) {
        edges = json_array();
        if (!edges || json_object_set_new(g->root, "edges", edges) < 0) {
            rg__error_set_oom();
            return RG_ERROR;
        }
    }
    if (!json_is_array(edges)) {
        rg__error_set(RG_EPARSE, "%s: \"edges\" must be an array", g->path);
        return RG_EPARSE;
    }
    g->owned_keys = json_array();
    g->edges = rg__calloc(json_array_size(edges) + 1, sizeof *g->edges);
    if (!g->edges || !g->owned_keys) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < json_array_size(edges); i++) {
        if ((error = load_edge(g, json_array_get(edges, i), i)) < 0) {
            return error;
        }
        g->n_edges = i + 1;
    }
    qsort(g->edges, g->n_edges, sizeof *g->edges, xedge_cmp);
    for (i = 1; i < g->n_edges; i++) {
        if (xedge_cmp(&g->edges[i - 1], &g->edges[i]) == 0) {
            rg__error_set(RG_EPARSE, "%s: duplicate edge %s|%s", g->path,
                          g->edges[i].source, g->edges[i].target);
            return RG_EPARSE;
        }
    }
    return RG_OK;
}

int rg_export__graph_load(rg_xgraph *g, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    json_error_t jerr;
    int error;
    int oom;

    memset(g, 0, sizeof *g);
    if (!(g->path = rg__strdup(path))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if ((error = rg_read_file(&data, &len, path, 0)) < 0) {
        goto cleanup;
    }
    g->root = rg__json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr, &oom);
    if (!g->root && oom) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    if (!g->root) {
        rg__error_set(RG_EPARSE, "%s:%d:%d: invalid JSON: %s", path, jerr.line, jerr.column,
                      jerr.text);
        error = RG_EPARSE;
        goto cleanup;
    }
    if (!json_is_object(g->root)) {
        rg__error_set(RG_EPARSE, "%s: top level must be a JSON object", path);
        error = RG_EPARSE;
        goto cleanup;
    }
    g->attrs = json_object_get(g->root, "attributes");
    if (!json_is_object(g->attrs)) {
        g->attrs = json_object();
        if (!g->attrs || json_object_set_new(g->root, "attributes", g->attrs) < 0) {
            rg__error_set_oom();
            error = RG_ERROR;
            goto cleanup;
        }
    }
    g->period = json_string_value(json_object_get(g->attrs, "period"));
    g->start = graph_date(g->attrs, "period_start");
    g->end = graph_date(g->attrs, "period_end");
    if ((error = load_nodes(g, json_object_get(g->root, "nodes"))) < 0) {
        goto cleanup;
    }
    error = load_edges(g, json_object_get(g->root, "edges"));
cleanup:
    rg_free(data);
    return error;
}

void rg_export__graph_destroy(rg_xgraph *g)
{
    if (!g) {
        return;
    }
    rg__free(g->path);
    rg__free(g->nodes);
    rg__free(g->edges);
    json_decref(g->owned_keys);
    json_decref(g->root);
    memset(g, 0, sizeof *g);
}

const rg_xnode *rg_export__node_find(const rg_xgraph *g, const char *key)
{
    rg_xnode probe;

    probe.key = key;
    probe.attrs = NULL;
    return bsearch(&probe, g->nodes, g->n_nodes, sizeof *g->nodes, xnode_cmp);
}

const rg_xedge *rg_export__edge_find(const rg_xgraph *g, const char *source, const char *target)
{
    rg_xedge probe;

    memset(&probe, 0, sizeof probe);
    probe.source = source;
    probe.target = target;
    return bsearch(&probe, g->edges, g->n_edges, sizeof *g->edges, xedge_cmp);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void rg_export__names_free(char **names, size_t n)
{
    size_t i;

    for (i = 0; names && i < n; i++) {
        rg__free(names[i]);
    }
    rg__free(names);
}

int rg_export__list_json(char ***out, size_t *n_out, const char *dir)
{
    RG_VEC(char *) names = { NULL, 0, 0 };
    DIR *d = NULL;
    struct dirent *ent;
    int error = RG_OK;

    *out = NULL;
    *n_out = 0;
    if (!(d = opendir(dir))) {
        if (errno == ENOENT) {
            return RG_OK;
        }
        rg__error_set(RG_EIO, "%s: %s", dir, strerror(errno));
        return RG_EIO;
    }
    while ((ent = readdir(d)) != NULL) {
        size_t len = strlen(ent->d_name);
        char *copy;

        if (len <= 5 || ent->d_name[0] == '.' || strcmp(ent->d_name + len - 5, ".json") != 0) {
            continue;
        }
        if (!(copy = rg__strdup(ent->d_name)) || RG_VEC_PUSH(names, copy) < 0) {
            rg__free(copy);
            rg__error_set_oom();
            error = RG_ERROR;
            goto cleanup;
        }
    }
    if (names.n > 0) {
        qsort(names.v, names.n, sizeof *names.v, name_cmp);
    }
    *out = names.v;
    *n_out = names.n;
    names.v = NULL;
    names.n = 0;
cleanup:
    closedir(d);
    rg_export__names_free(names.v, names.n);
    return error;
}

/*
 * 1 when x is a number with at most 6 decimals written by the graph files
 * (rg_strbuf_put_real(x, 6)): 1e-4 <= |x| < 1e9 and x is the double nearest
 * to r / 10^6 for an integer r (r / 1e6 in double is that correctly rounded
 * quotient). Then that decimal has at most 15 significant digits and is what
 * "%.15g" writes, so rg_strbuf_put_real writes the same bytes, without
 * printf and strtod (a third of the GEXF export's instructions).
 */
static int real_is_6_decimals(double x)
{
    double a = fabs(x), r;

    if (!(a >= 1e-4 && a < 1e9)) {
        return 0;
    }
    r = nearbyint(x * 1e6);
    return r / 1e6 == x;
}

int rg_export__put_scalar(rg_strbuf *b, const json_t *v)
{
    char tmp[40];
    double x;

    switch (json_typeof(v)) {
    case JSON_INTEGER:
        return rg_strbuf_put_int(b, (long long)json_integer_value(v));
    case JSON_REAL:
        x = json_real_value(v);
        if (!isfinite(x)) {
            return RG_EINVAL;
        }
        if (real_is_6_decimals(x)) {
            return rg_strbuf_put_real(b, x, 6);
        }
        /* shortest of %.15g / %.17g that reads back exactly */
        snprintf(tmp, sizeof tmp, "%.15g", x);
        if (strtod(tmp, NULL) != x) {
            snprintf(tmp, sizeof tmp, "%.17g", x);
        }
        return rg_strbuf_puts(b, strcmp(tmp, "-0") == 0 ? "0" : tmp);
    case JSON_TRUE:
        return rg_strbuf_puts(b, "true");
    case JSON_FALSE:
        return rg_strbuf_puts(b, "false");
    case JSON_STRING:
        return rg_strbuf_put(b, json_string_value(v), json_string_length(v));
    default:
        return RG_EINVAL;
    }
}
