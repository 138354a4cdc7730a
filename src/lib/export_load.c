/* SPDX-License-Identifier: MIT */
/*
 * The exporters' graph model (export_load.h) and its loader from the
 * Graphology JSON files of `relgraph build`. The jansson document stays
 * alive and lends its strings; values are copied as typed scalars into one
 * array of attributes per graph (no allocation per element). Nodes and
 * edges are sorted by key and by (source, target), so the writers iterate
 * in canonical order and look pairs up by binary search.
 */
#include <dirent.h>  /* opendir, readdir */
#include <errno.h>   /* errno, ENOENT, ERANGE */
#include <math.h>    /* fabs, isfinite, isinf, nearbyint */
#include <stdio.h>   /* snprintf */
#include <stdlib.h>  /* qsort, bsearch, strtod, strtoll */
#include <string.h>  /* strcmp, strlen, strerror, memcpy */

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

/* ---- filling a graph ---- */

/* Storage of generated edge keys: a few large blocks, not one per edge. */
struct rg_xchunk {
    rg_xchunk *next;
    size_t used, size;
    char data[];
};

static char *chunk_alloc(rg_xgraph *g, size_t n)
{
    rg_xchunk *c = g->chunks;

    if (!c || c->size - c->used < n) {
        size_t size = n > 65536 ? n : 65536;
        if (!(c = rg__malloc(sizeof *c + size))) {
            rg__error_set_oom();
            return NULL;
        }
        c->next = g->chunks;
        c->used = 0;
        c->size = size;
        g->chunks = c;
    }
    c->used += n;
    return c->data + c->used - n;
}

int rg_export__graph_init(rg_xgraph *g, const char *path)
{
    memset(g, 0, sizeof *g);
    if (!(g->path = rg__strdup(path))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    return RG_OK;
}

/* start and end are kept only when they are dates, as the loader does. */
void rg_export__graph_period(rg_xgraph *g, const char *period, const char *start,
                             const char *end)
{
    g->period = period;
    g->start = g->end = NULL;
    if (rg_export__is_date(start)) {
        memcpy(g->bounds[0], start, 11);
        g->start = g->bounds[0];
    }
    if (rg_export__is_date(end)) {
        memcpy(g->bounds[1], end, 11);
        g->end = g->bounds[1];
    }
}

int rg_export__add_node(rg_xgraph *g, const char *key)
{
    rg_xnode n = { key, NULL, 0, g->attrs.n };

    if (rg__vec_grow(&g->nodes, &g->cap_nodes, g->n_nodes + 1, sizeof *g->nodes) < 0) {
        return RG_ERROR;
    }
    g->nodes[g->n_nodes++] = n;
    return RG_OK;
}

int rg_export__add_edge(rg_xgraph *g, const char *key, const char *source, const char *target)
{
    rg_xedge e = { key, source, target, NULL, 0, g->attrs.n };

    if (!key) {
        size_t ls = strlen(source), lt = strlen(target);
        char *k = chunk_alloc(g, ls + lt + 2);
        if (!k) {
            return RG_ERROR;
        }
        memcpy(k, source, ls);
        k[ls] = '|';
        memcpy(k + ls + 1, target, lt + 1);
        e.key = k;
    }
    if (rg__vec_grow(&g->edges, &g->cap_edges, g->n_edges + 1, sizeof *g->edges) < 0) {
        return RG_ERROR;
    }
    g->edges[g->n_edges++] = e;
    return RG_OK;
}

int rg_export__add_attr(rg_xgraph *g, const char *name, const rg_xval *v)
{
    rg_xattr a;

    a.name = name;
    a.v = *v;
    if (v->kind == RG_XV_LIST) {
        a.v.u.list.first = g->items.n;
    }
    if (RG_VEC_PUSH(g->attrs, a) < 0) {
        return RG_ERROR;
    }
    if (g->n_edges > 0) {
        g->edges[g->n_edges - 1].n_attrs++;
    } else if (g->n_nodes > 0) {
        g->nodes[g->n_nodes - 1].n_attrs++;
    }
    return RG_OK;
}

int rg_export__add_item(rg_xgraph *g, const rg_xval *v)
{
    return RG_VEC_PUSH(g->items, *v);
}

int rg_export__nodes_done(rg_xgraph *g)
{
    size_t i;

    if (g->n_nodes > 1) {
        qsort(g->nodes, g->n_nodes, sizeof *g->nodes, xnode_cmp);
    }
    for (i = 1; i < g->n_nodes; i++) {
        if (strcmp(g->nodes[i - 1].key, g->nodes[i].key) == 0) {
            rg__error_set(RG_EPARSE, "%s: duplicate node key \"%s\"", g->path, g->nodes[i].key);
            return RG_EPARSE;
        }
    }
    return RG_OK;
}

static int xattr_cmp(const void *a, const void *b)
{
    return strcmp(((const rg_xattr *)a)->name, ((const rg_xattr *)b)->name);
}

/* Attributes of one element by name: the graph files are written sorted, so
 * this is mostly a check; the names are unique (jansson rejects duplicates). */
static const rg_xattr *attrs_sorted(rg_xgraph *g, size_t at, size_t n)
{
    rg_xattr *a = n ? g->attrs.v + at : NULL;
    size_t i;

    for (i = 1; i < n && strcmp(a[i - 1].name, a[i].name) < 0; i++) {
    }
    if (i < n) {
        qsort(a, n, sizeof *a, xattr_cmp);
    }
    return a;
}

int rg_export__graph_done(rg_xgraph *g)
{
    size_t i;

    for (i = 0; i < g->n_nodes; i++) {
        g->nodes[i].attrs = attrs_sorted(g, g->nodes[i].at, g->nodes[i].n_attrs);
    }
    for (i = 0; i < g->n_edges; i++) {
        g->edges[i].attrs = attrs_sorted(g, g->edges[i].at, g->edges[i].n_attrs);
    }
    if (g->n_edges > 1) {
        qsort(g->edges, g->n_edges, sizeof *g->edges, xedge_cmp);
    }
    for (i = 1; i < g->n_edges; i++) {
        if (xedge_cmp(&g->edges[i - 1], &g->edges[i]) == 0) {
            rg__error_set(RG_EPARSE, "%s: duplicate edge %s|%s", g->path,
                          g->edges[i].source, g->edges[i].target);
            return RG_EPARSE;
        }
    }
    return RG_OK;
}

/* ---- loading a file ---- */

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

/* A JSON value as a typed scalar; an array's items (one level) follow. */
static int load_value(rg_xgraph *g, const char *name, json_t *v)
{
    rg_xval x;
    size_t i;

    memset(&x, 0, sizeof x);
    switch (json_typeof(v)) {
    case JSON_INTEGER: x.kind = RG_XV_INT; x.u.i = (long long)json_integer_value(v); break;
    case JSON_REAL: x.kind = RG_XV_REAL; x.u.r = json_real_value(v); break;
    case JSON_TRUE: x.kind = RG_XV_BOOL; x.u.b = 1; break;
    case JSON_FALSE: x.kind = RG_XV_BOOL; x.u.b = 0; break;
    case JSON_STRING:
        x.kind = RG_XV_STR;
        x.u.str.s = json_string_value(v);
        x.u.str.len = json_string_length(v);
        break;
    case JSON_ARRAY: x.kind = RG_XV_LIST; x.u.list.n = json_array_size(v); break;
    default: break;
    }
    if (name) {
        if (rg_export__add_attr(g, name, &x) < 0) {
            return RG_ERROR;
        }
        for (i = 0; x.kind == RG_XV_LIST && i < x.u.list.n; i++) {
            if (load_value(g, NULL, json_array_get(v, i)) < 0) {
                return RG_ERROR;
            }
        }
        return RG_OK;
    }
    if (x.kind == RG_XV_LIST) { /* an array in an array writes nothing */
        x.kind = RG_XV_OTHER;
    }
    return rg_export__add_item(g, &x);
}

/* The "attributes" of node or edge i (absent: none) into the model. */
static int load_attrs(rg_xgraph *g, json_t *elem, const char *what, size_t i)
{
    json_t *attrs = json_object_get(elem, "attributes"), *v;
    const char *k;

    if (attrs && !json_is_object(attrs)) {
        return load_error(g, what, i, "\"attributes\" must be an object");
    }
    json_object_foreach(attrs, k, v) {
        if (load_value(g, k, v) < 0) {
            return RG_ERROR;
        }
    }
    return RG_OK;
}

static int load_nodes(rg_xgraph *g, json_t *nodes)
{
    size_t i;
    int error;

    if (!json_is_array(nodes)) {
        rg__error_set(RG_EPARSE, "%s: \"nodes\" must be an array", g->path);
        return RG_EPARSE;
    }
    for (i = 0; i < json_array_size(nodes); i++) {
        json_t *n = json_array_get(nodes, i);
        const char *key = json_string_value(json_object_get(n, "key"));

        if (!key) {
            return load_error(g, "node", i, "missing string \"key\"");
        }
        if ((error = rg_export__add_node(g, key)) < 0 ||
            (error = load_attrs(g, n, "node", i)) < 0) {
            return error;
        }
    }
    return rg_export__nodes_done(g);
}

static int load_edge(rg_xgraph *g, json_t *e, size_t i)
{
    const char *source = json_string_value(json_object_get(e, "source"));
    const char *target = json_string_value(json_object_get(e, "target"));
    int error;

    if (!source || !target) {
        return load_error(g, "edge", i, "missing string \"source\" or \"target\"");
    }
    if (!rg_export__node_find(g, source) || !rg_export__node_find(g, target)) {
        return load_error(g, "edge", i, "source or target is not a node key");
    }
    if ((error = rg_export__add_edge(g, json_string_value(json_object_get(e, "key")), source,
                                     target)) < 0) {
        return error;
    }
    return load_attrs(g, e, "edge", i);
}

static int load_edges(rg_xgraph *g, json_t *edges)
{
    size_t i;
    int error;

    if (edges && !json_is_array(edges)) {
        rg__error_set(RG_EPARSE, "%s: \"edges\" must be an array", g->path);
        return RG_EPARSE;
    }
    for (i = 0; i < json_array_size(edges); i++) {
        if ((error = load_edge(g, json_array_get(edges, i), i)) < 0) {
            return error;
        }
    }
    return rg_export__graph_done(g);
}

/* Room for every attribute at once: the sum of the attribute objects' sizes. */
static int load_reserve(rg_xgraph *g, json_t *nodes, json_t *edges)
{
    size_t i, n = 0;

    for (i = 0; i < json_array_size(nodes); i++) {
        n += json_object_size(json_object_get(json_array_get(nodes, i), "attributes"));
    }
    for (i = 0; i < json_array_size(edges); i++) {
        n += json_object_size(json_object_get(json_array_get(edges, i), "attributes"));
    }
    if (rg__vec_grow(&g->attrs.v, &g->attrs.cap, n + 1, sizeof *g->attrs.v) < 0 ||
        rg__vec_grow(&g->nodes, &g->cap_nodes, json_array_size(nodes) + 1, sizeof *g->nodes) < 0 ||
        rg__vec_grow(&g->edges, &g->cap_edges, json_array_size(edges) + 1, sizeof *g->edges) < 0) {
        return RG_ERROR;
    }
    return RG_OK;
}

static int load_parse(rg_xgraph *g, const char *data, size_t len)
{
    json_error_t jerr;
    int oom;

    g->root = rg__json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr, &oom);
    if (!g->root && oom) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if (!g->root) {
        rg__error_set(RG_EPARSE, "%s:%d:%d: invalid JSON: %s", g->path, jerr.line, jerr.column,
                      jerr.text);
        return RG_EPARSE;
    }
    if (!json_is_object(g->root)) {
        rg__error_set(RG_EPARSE, "%s: top level must be a JSON object", g->path);
        return RG_EPARSE;
    }
    return RG_OK;
}

int rg_export__graph_load(rg_xgraph *g, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    json_t *attrs, *nodes, *edges;
    int error;

    if ((error = rg_export__graph_init(g, path)) < 0 ||
        (error = rg_read_file(&data, &len, path, 0)) < 0 ||
        (error = load_parse(g, data, len)) < 0) {
        goto cleanup;
    }
    attrs = json_object_get(g->root, "attributes");
    if (json_is_object(attrs)) {
        g->period = json_string_value(json_object_get(attrs, "period"));
        g->start = graph_date(attrs, "period_start");
        g->end = graph_date(attrs, "period_end");
    }
    nodes = json_object_get(g->root, "nodes");
    edges = json_object_get(g->root, "edges");
    if ((error = load_reserve(g, nodes, edges)) < 0 ||
        (error = load_nodes(g, nodes)) < 0) {
        goto cleanup;
    }
    error = load_edges(g, edges);
cleanup:
    rg_free(data);
    return error;
}

void rg_export__graph_destroy(rg_xgraph *g)
{
    if (!g) {
        return;
    }
    while (g->chunks) {
        rg_xchunk *next = g->chunks->next;
        rg__free(g->chunks);
        g->chunks = next;
    }
    rg__free(g->path);
    rg__free(g->nodes);
    rg__free(g->edges);
    RG_VEC_FREE(g->attrs);
    RG_VEC_FREE(g->items);
    json_decref(g->root);
    memset(g, 0, sizeof *g);
}

const rg_xnode *rg_export__node_find(const rg_xgraph *g, const char *key)
{
    rg_xnode probe;

    if (g->n_nodes == 0) {
        return NULL;
    }
    memset(&probe, 0, sizeof probe);
    probe.key = key;
    return bsearch(&probe, g->nodes, g->n_nodes, sizeof *g->nodes, xnode_cmp);
}

const rg_xedge *rg_export__edge_find(const rg_xgraph *g, const char *source, const char *target)
{
    rg_xedge probe;

    if (g->n_edges == 0) {
        return NULL;
    }
    memset(&probe, 0, sizeof probe);
    probe.source = source;
    probe.target = target;
    return bsearch(&probe, g->edges, g->n_edges, sizeof *g->edges, xedge_cmp);
}

const rg_xval *rg_export__attr(const rg_xattr *attrs, size_t n, const char *name)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(attrs[mid].name, name);
        if (c == 0) {
            return &attrs[mid].v;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
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

int rg_export__put_scalar(rg_strbuf *b, const rg_xval *v)
{
    char tmp[40];
    double x;

    switch (v->kind) {
    case RG_XV_INT:
        return rg_strbuf_put_int(b, v->u.i);
    case RG_XV_REAL:
        x = v->u.r;
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
    case RG_XV_BOOL:
        return rg_strbuf_puts(b, v->u.b ? "true" : "false");
    case RG_XV_STR:
        return rg_strbuf_put(b, v->u.str.s, v->u.str.len);
    default:
        return RG_EINVAL;
    }
}

/*
 * Digits d.ddd with at most 15 significant digits and 1 to 6 decimals (all
 * that rg_graph__put_real writes below 1e9): r / 10^k for the integer r of
 * the digits is exact division of two exact doubles, so it is the double
 * nearest to the decimal, which is what strtod returns. Else strtod.
 */
static int number_real(rg_xval *out, const char *s, size_t n, int neg, uint64_t ip, size_t i,
                       size_t int_digits)
{
    static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6 };
    char tmp[64], *end;
    uint64_t r = ip;
    size_t k;

    out->kind = RG_XV_REAL;
    for (k = 0; i + 1 + k < n && s[i + 1 + k] >= '0' && s[i + 1 + k] <= '9'; k++) {
        r = r * 10 + (uint64_t)(s[i + 1 + k] - '0');
    }
    if (s[i] == '.' && i + 1 + k == n && k >= 1 && k <= 6 && int_digits + k <= 15) {
        out->u.r = (double)r / p10[k];
        out->u.r = neg ? -out->u.r : out->u.r;
        return RG_OK;
    }
    if (n >= sizeof tmp) {
        return RG_EINVAL;
    }
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    errno = 0;
    out->u.r = strtod(tmp, &end);
    if (errno == ERANGE && isinf(out->u.r)) {
        return RG_EINVAL; /* "1e400": jansson refuses an overflow */
    }
    return end == tmp + n ? RG_OK : RG_EINVAL;
}

int rg_export__number(rg_xval *out, const char *s, size_t n)
{
    char tmp[32];
    uint64_t ip = 0;
    size_t i = 0, start;
    int neg = n > 0 && s[0] == '-';

    memset(out, 0, sizeof *out);
    for (i = start = (size_t)neg; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        ip = ip * 10 + (uint64_t)(s[i] - '0'); /* wraps past 19 digits: unused then */
    }
    if (i == start) {
        return RG_EINVAL;
    }
    if (i < n) {
        return number_real(out, s, n, neg, ip, i, i - start);
    }
    out->kind = RG_XV_INT;
    if (i - start <= 18) {
        out->u.i = neg ? -(long long)ip : (long long)ip;
        return RG_OK;
    }
    if (n >= sizeof tmp) { /* jansson would refuse it: too big an integer */
        return RG_EINVAL;
    }
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    errno = 0;
    out->u.i = strtoll(tmp, NULL, 10);
    return errno == ERANGE ? RG_EINVAL : RG_OK;
}
