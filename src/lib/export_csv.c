/* SPDX-License-Identifier: MIT */
/*
 * CSV export for Gephi's spreadsheet import: nodes.csv and edges.csv from
 * graph.json. RFC 4180: CRLF line ends, quoting only where needed. Columns:
 * the Gephi names first (Id, Label / Source, Target, Type, Id, Weight), then
 * the documented attributes in their documented order, then any other scalar
 * attribute in byte order of its name, so the header is stable.
 */
#include <stdio.h>  /* snprintf */
#include <stdlib.h> /* qsort */
#include <string.h> /* strcmp, strpbrk */

#include <relgraph/export.h>

#include "export_load.h"

#define CSV_EOL "\r\n"

/* documented attribute order (docs/graph-json.md); others follow, sorted */
static const char *const csv_node_order[] = {
    "mentions", "documents", "degree", "strength", "betweenness", "closeness",
    "harmonic", "eigenvector", "pagerank", "hub", "authority", "community",
    "stance_in_pos", "stance_in_neg", "stance_out_pos", "stance_out_neg",
    "stance_given", "stance_received", "x", "y", NULL
};
static const char *const csv_node_skip[] = { "label", "type", NULL };
static const char *const csv_edge_order[] = {
    "comention", "documents", "doc_ids_total", "stance_net", "stance_pos",
    "stance_neg", "stance_pos_sum", "stance_neg_sum", "stance_st", "stance_ts",
    "tone", "tone_count", "sign", "doc_ids", NULL
};
static const char *const csv_edge_skip[] = { "weight", "label", NULL };

typedef RG_VEC(const char *) csv_cols;

static int in_list(const char *const *list, const char *s)
{
    for (; *list; list++) {
        if (strcmp(*list, s) == 0) {
            return 1;
        }
    }
    return 0;
}

static int col_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cols_has(const csv_cols *c, const char *name)
{
    size_t i;

    for (i = 0; i < c->n; i++) {
        if (strcmp(c->v[i], name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* A usable column: a scalar, or (doc_ids) an array of strings. */
static int csv_is_cell(const rg_xval *v)
{
    return v && v->kind != RG_XV_OTHER;
}

/* The attributes of node i, or of edge i. */
static const rg_xattr *row_attrs(const rg_xgraph *g, int edges, size_t i, size_t *n)
{
    *n = edges ? g->edges[i].n_attrs : g->nodes[i].n_attrs;
    return edges ? g->edges[i].attrs : g->nodes[i].attrs;
}

/*
 * Columns of one table: every attribute of the rows that is not skipped;
 * documented ones in `order`, the rest sorted.
 */
static int csv_columns(csv_cols *out,                 /* filled here */
                       const rg_xgraph *g,            /* the graph */
                       int edges,                     /* 1: edges, 0: nodes */
                       const char *const *order,      /* documented order */
                       const char *const *skip)       /* never a column */
{
    csv_cols extra = { NULL, 0, 0 };
    size_t i, a, na, n = edges ? g->n_edges : g->n_nodes;
    const char *const *o;
    int error = RG_OK;

    for (o = order; *o; o++) {
        for (i = 0; i < n; i++) {
            const rg_xattr *attrs = row_attrs(g, edges, i, &na);
            if (csv_is_cell(rg_export__attr(attrs, na, *o))) {
                if (RG_VEC_PUSH(*out, *o) < 0) {
                    return RG_ERROR;
                }
                break;
            }
        }
    }
    for (i = 0; i < n; i++) {
        const rg_xattr *attrs = row_attrs(g, edges, i, &na);
        for (a = 0; a < na; a++) {
            const char *k = attrs[a].name;
            if (!csv_is_cell(&attrs[a].v) || attrs[a].v.kind == RG_XV_LIST || in_list(skip, k)
                || in_list(order, k) || cols_has(&extra, k)) {
                continue;
            }
            if (RG_VEC_PUSH(extra, k) < 0) {
                error = RG_ERROR;
                goto cleanup;
            }
        }
    }
    if (extra.n > 0) {
        qsort(extra.v, extra.n, sizeof *extra.v, col_cmp);
    }
    for (i = 0; i < extra.n; i++) {
        if (RG_VEC_PUSH(*out, extra.v[i]) < 0) {
            error = RG_ERROR;
            goto cleanup;
        }
    }
cleanup:
    RG_VEC_FREE(extra);
    return error;
}

/* Append one field, quoted when it holds , " CR or LF (RFC 4180). */
static int csv_put_field(rg_strbuf *b, const char *s, size_t n)
{
    size_t i;

    if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\r', n) && !memchr(s, '\n', n)) {
        return rg_strbuf_put(b, s, n);
    }
    if (rg_strbuf_putc(b, '"') < 0) {
        return RG_ERROR;
    }
    for (i = 0; i < n; i++) {
        if ((s[i] == '"' && rg_strbuf_putc(b, '"') < 0) || rg_strbuf_putc(b, s[i]) < 0) {
            return RG_ERROR;
        }
    }
    return rg_strbuf_putc(b, '"');
}

/* Append a value as one field; lists of scalars joined with ';'. */
static int csv_put_value(rg_strbuf *b, rg_strbuf *tmp, const rg_xgraph *g, const rg_xval *v)
{
    size_t i;

    rg_strbuf_clear(tmp);
    if (rg_strbuf_put(tmp, "", 0) < 0) {
        return RG_ERROR;
    }
    if (v && v->kind == RG_XV_LIST) {
        for (i = 0; i < v->u.list.n; i++) {
            const rg_xval *item = &g->items.v[v->u.list.first + i];
            if ((i > 0 && rg_strbuf_putc(tmp, ';') < 0)
                || (rg_export__put_scalar(tmp, item) == RG_ERROR)) {
                return RG_ERROR;
            }
        }
    } else if (v && rg_export__put_scalar(tmp, v) == RG_ERROR) {
        return RG_ERROR;
    }
    return csv_put_field(b, tmp->ptr, tmp->len);
}

static int csv_put_str(rg_strbuf *b, const char *s)
{
    return csv_put_field(b, s, strlen(s));
}

/* The header line: the fixed columns, then one per attribute column. */
static int csv_header(rg_strbuf *b, const char *fixed, const csv_cols *cols)
{
    size_t c;

    if (rg_strbuf_puts(b, fixed) < 0) {
        return RG_ERROR;
    }
    for (c = 0; c < cols->n; c++) {
        if (rg_strbuf_putc(b, ',') < 0 || csv_put_str(b, cols->v[c]) < 0) {
            return RG_ERROR;
        }
    }
    return rg_strbuf_puts(b, CSV_EOL) < 0 ? RG_ERROR : RG_OK;
}

/* The end of a row: one field per attribute column of attrs, then EOL. */
static int csv_row_tail(rg_strbuf *b,            /* the table */
                        rg_strbuf *tmp,          /* scratch for values */
                        const rg_xgraph *g,      /* the graph */
                        const rg_xattr *attrs,   /* the row's attributes */
                        size_t n,                /* how many */
                        const csv_cols *cols)    /* the attribute columns */
{
    size_t c;

    for (c = 0; c < cols->n; c++) {
        if (rg_strbuf_putc(b, ',') < 0
            || csv_put_value(b, tmp, g, rg_export__attr(attrs, n, cols->v[c])) < 0) {
            return RG_ERROR;
        }
    }
    return rg_strbuf_puts(b, CSV_EOL) < 0 ? RG_ERROR : RG_OK;
}

static int csv_nodes(rg_strbuf *b, const rg_xgraph *g, const csv_cols *cols)
{
    rg_strbuf tmp = RG_STRBUF_INIT;
    size_t i;
    int error = RG_ERROR;

    if (csv_header(b, "Id,Label,type", cols) < 0) {
        goto cleanup;
    }
    for (i = 0; i < g->n_nodes; i++) {
        const rg_xnode *n = &g->nodes[i];
        const rg_xval *label = rg_export__attr(n->attrs, n->n_attrs, "label");
        if (csv_put_str(b, n->key) < 0 || rg_strbuf_putc(b, ',') < 0
            || csv_put_value(b, &tmp, g, label && label->kind == RG_XV_STR ? label : NULL) < 0
            || rg_strbuf_putc(b, ',') < 0
            || csv_put_value(b, &tmp, g, rg_export__attr(n->attrs, n->n_attrs, "type")) < 0) {
            goto cleanup;
        }
        if (csv_row_tail(b, &tmp, g, n->attrs, n->n_attrs, cols) < 0) {
            goto cleanup;
        }
    }
    error = RG_OK;
cleanup:
    rg_strbuf_dispose(&tmp);
    return error;
}

static int csv_edges(rg_strbuf *b, const rg_xgraph *g, const csv_cols *cols)
{
    rg_strbuf tmp = RG_STRBUF_INIT;
    size_t i;
    int error = RG_ERROR;

    if (csv_header(b, "Source,Target,Type,Id,Weight", cols) < 0) {
        goto cleanup;
    }
    for (i = 0; i < g->n_edges; i++) {
        const rg_xedge *e = &g->edges[i];
        const rg_xval *w = rg_export__attr(e->attrs, e->n_attrs, "weight");
        if (csv_put_str(b, e->source) < 0 || rg_strbuf_putc(b, ',') < 0
            || csv_put_str(b, e->target) < 0 || rg_strbuf_puts(b, ",Undirected,") < 0
            || csv_put_str(b, e->key) < 0 || rg_strbuf_putc(b, ',') < 0
            || csv_put_value(b, &tmp, g, rg_export__is_number(w) ? w : NULL) < 0) {
            goto cleanup;
        }
        if (csv_row_tail(b, &tmp, g, e->attrs, e->n_attrs, cols) < 0) {
            goto cleanup;
        }
    }
    error = RG_OK;
cleanup:
    rg_strbuf_dispose(&tmp);
    return error;
}

/* Write one table to dir/name (through wr when given). */
static int csv_write(const char *dir, const char *name, rg_strbuf *b, rg_graph__writer *wr)
{
    rg_strbuf path = RG_STRBUF_INIT;
    int error;

    if (rg_strbuf_printf(&path, "%s/%s", dir, name) < 0) {
        return RG_ERROR;
    }
    error = rg_graph__writer_put(wr, path.ptr, b);
    rg_strbuf_dispose(&path);
    return error;
}

int rg_export__csv_write(const char *dir, const rg_xgraph *g, rg_graph__writer *wr)
{
    rg_strbuf nodes = RG_STRBUF_INIT, edges = RG_STRBUF_INIT;
    csv_cols ncols = { NULL, 0, 0 }, ecols = { NULL, 0, 0 };
    int error = RG_ERROR;

    if (csv_columns(&ncols, g, 0, csv_node_order, csv_node_skip) < 0
        || csv_columns(&ecols, g, 1, csv_edge_order, csv_edge_skip) < 0
        || csv_nodes(&nodes, g, &ncols) < 0 || csv_edges(&edges, g, &ecols) < 0) {
        rg__error_set_oom();
        goto cleanup;
    }
    if ((error = csv_write(dir, "nodes.csv", &nodes, wr)) < 0
        || (error = csv_write(dir, "edges.csv", &edges, wr)) < 0) {
        goto cleanup;
    }
    error = RG_OK;
cleanup:
    RG_VEC_FREE(ncols);
    RG_VEC_FREE(ecols);
    rg_strbuf_dispose(&nodes);
    rg_strbuf_dispose(&edges);
    return error;
}

int rg_export_csv(const char *dir)
{
    rg_xgraph g;
    rg_strbuf path = RG_STRBUF_INIT;
    int error;

    RG_ASSERT_ARG(dir);
    memset(&g, 0, sizeof g);
    if ((error = rg_strbuf_printf(&path, "%s/graph.json", dir)) == RG_OK
        && (error = rg_export__graph_load(&g, path.ptr)) == RG_OK) {
        error = rg_export__csv_write(dir, &g, NULL);
    }
    rg_strbuf_dispose(&path);
    rg_export__graph_destroy(&g);
    return error;
}
