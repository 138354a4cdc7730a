/* SPDX-License-Identifier: MIT */
/*
 * GEXF 1.3 export for Gephi Desktop: one dynamic graph built from graph.json
 * and periods/KEY.json. Each period is a time slot [period_start,
 * period_end]; a node or edge gets one spell per slot in which it appears,
 * and its attributes one dynamic attvalue per slot. Node and edge sets are
 * the sorted unions over all files, so output order never depends on the
 * order inside the files.
 *
 * HOW IT WORKS: attribute columns are collected over every slot with their
 * JSON kinds (integer / real / boolean / string) and typed once: a column
 * that is only ever an integer is "integer" (or "long"), any real makes it
 * "double", anything mixed becomes "string". The dynamic edge weight is the
 * edge attribute with id and title "weight" in a mode="dynamic" block, and
 * the <edge> element carries no static weight= beside it: Gephi maps the
 * column id "weight" onto its edge weight, and the GEXF dynamics schema
 * reserves the title "weight" for that purpose.
 *
 * Nodes and edges known only from undated documents are in no period: they
 * are left out of the timeline (they stay in graph.json and the CSV files).
 * Without any period (no dated document) the file is a static graph of
 * graph.json instead.
 */
#include <math.h>   /* sqrt */
#include <stdlib.h> /* qsort */
#include <string.h> /* strcmp, memset */

#include <relgraph/export.h>

#include "export_load.h"

enum { K_INT = 1, K_REAL = 2, K_BOOL = 4, K_STR = 8, K_BIG = 16 };

typedef struct {
    const char *name;
    unsigned kinds;
} gexf_col;

typedef struct {
    const char *key, *source, *target;
} gexf_edge;

/* An element's attributes in one slot, read column after column in byte
 * order of their names: a merge of two sorted lists, no search. */
typedef struct {
    const rg_xattr *a;
    size_t n, at;
    int in;        /* the element is in this slot */
} gexf_cursor;

typedef struct {
    const rg_xgraph *overall;
    const rg_xgraph *periods;
    size_t n_periods;
    const rg_xgraph **slots;  /* the periods, or the overall graph when none */
    size_t n_slots;
    gexf_cursor *cursors;     /* one per slot */
    int timeline; /* 1 when there are periods (mode="dynamic") */
    RG_VEC(gexf_col) ncols;
    RG_VEC(gexf_col) ecols;
    RG_VEC(const char *) nodes;
    RG_VEC(gexf_edge) edges;
    const char *size_by;   /* node attribute for viz:size, or NULL */
    double size_max;
    rg_strbuf out;
} gexf_ctx;

static const char *const gexf_node_skip[] = { "label", "type", "x", "y", NULL };
static const char *const gexf_edge_skip[] = { "weight", "label", "doc_ids", NULL };
static const char *const gexf_reals[] = {
    "strength", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank",
    "hub", "authority", "stance_in_pos", "stance_in_neg", "stance_out_pos",
    "stance_out_neg", "stance_given", "stance_received", "stance_net",
    "stance_pos_sum", "stance_neg_sum", "stance_st", "stance_ts", "tone", NULL
};

static int in_list(const char *const *list, const char *s)
{
    for (; *list; list++) {
        if (strcmp(*list, s) == 0) {
            return 1;
        }
    }
    return 0;
}

/* ---- loading and column discovery ---- */

static int col_cmp(const void *a, const void *b)
{
    return strcmp(((const gexf_col *)a)->name, ((const gexf_col *)b)->name);
}

static unsigned value_kind(const rg_xval *v)
{
    switch (v ? v->kind : RG_XV_OTHER) {
    case RG_XV_INT:
        return K_INT | (v->u.i > 2147483647 || v->u.i < -2147483647 - 1 ? K_BIG : 0);
    case RG_XV_REAL: return K_REAL;
    case RG_XV_BOOL: return K_BOOL;
    case RG_XV_STR: return K_STR;
    default: return 0;
    }
}

/* A number's value, 0 for anything else (as json_number_value). */
static double value_number(const rg_xval *v)
{
    return !v ? 0.0 : v->kind == RG_XV_INT ? (double)v->u.i : v->kind == RG_XV_REAL ? v->u.r : 0.0;
}

/*
 * Merge the scalar attributes of one element into the column list. Every
 * element lists mostly the same names in the same (sorted) order, so the
 * column after the last one found is tried first: about one strcmp per
 * attribute instead of a scan of the columns and of the skip list. A name
 * found among the columns is not in the skip list (it would not be there).
 */
static int cols_add(void *vec, const rg_xattr *attrs, size_t n, const char *const *skip)
{
    RG_VEC(gexf_col) *cols = vec;
    size_t a, next = 0;

    for (a = 0; a < n; a++) {
        const char *k = attrs[a].name;
        unsigned kind = value_kind(&attrs[a].v);
        size_t i = next;
        if (!kind) {
            continue;
        }
        /* models filled from memory share the names' pointers: most
         * tests end at the pointer compare */
        if (i >= cols->n || (cols->v[i].name != k && strcmp(cols->v[i].name, k) != 0)) {
            for (i = 0; i < cols->n && cols->v[i].name != k && strcmp(cols->v[i].name, k) != 0;
                 i++) {
            }
        }
        if (i == cols->n) {
            gexf_col c = { k, 0 };
            if (in_list(skip, k)) {
                continue;
            }
            if (RG_VEC_PUSH(*cols, c) < 0) {
                return RG_ERROR;
            }
        }
        cols->v[i].kinds |= kind;
        next = i + 1;
    }
    return RG_OK;
}

static const char *col_type(const gexf_col *c)
{
    unsigned k = c->kinds;

    if (k == K_BOOL) {
        return "boolean";
    }
    if (k & (K_STR | K_BOOL)) {
        return "string";
    }
    if ((k & K_REAL) || in_list(gexf_reals, c->name)) {
        return "double";
    }
    return (k & K_BIG) ? "long" : "integer";
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int edge_cmp(const void *a, const void *b)
{
    const gexf_edge *x = a, *y = b;
    int c = strcmp(x->source, y->source);
    return c ? c : strcmp(x->target, y->target);
}

/* Sorted unions of node keys and edge pairs over the overall graph and slots. */
static int gexf_unions(gexf_ctx *c)
{
    size_t s, i, n;

    for (s = 0; s <= c->n_periods; s++) {
        const rg_xgraph *g = s == 0 ? c->overall : &c->periods[s - 1];
        for (i = 0; i < g->n_nodes; i++) {
            if (RG_VEC_PUSH(c->nodes, g->nodes[i].key) < 0) {
                return RG_ERROR;
            }
        }
        for (i = 0; i < g->n_edges; i++) {
            gexf_edge e = { g->edges[i].key, g->edges[i].source, g->edges[i].target };
            if (RG_VEC_PUSH(c->edges, e) < 0) {
                return RG_ERROR;
            }
        }
    }
    if (c->nodes.n > 0) {
        qsort(c->nodes.v, c->nodes.n, sizeof *c->nodes.v, str_cmp);
        for (i = 1, n = 1; i < c->nodes.n; i++) {
            if (strcmp(c->nodes.v[n - 1], c->nodes.v[i]) != 0) {
                c->nodes.v[n++] = c->nodes.v[i];
            }
        }
        c->nodes.n = n;
    }
    if (c->edges.n > 0) {
        qsort(c->edges.v, c->edges.n, sizeof *c->edges.v, edge_cmp);
        for (i = 1, n = 1; i < c->edges.n; i++) {
            if (edge_cmp(&c->edges.v[n - 1], &c->edges.v[i]) != 0) {
                c->edges.v[n++] = c->edges.v[i];
            }
        }
        c->edges.n = n;
    }
    return RG_OK;
}

static int gexf_columns(gexf_ctx *c)
{
    size_t s, i;

    for (s = 0; s < c->n_slots; s++) {
        const rg_xgraph *g = c->slots[s];
        for (i = 0; i < g->n_nodes; i++) {
            if (cols_add(&c->ncols, g->nodes[i].attrs, g->nodes[i].n_attrs, gexf_node_skip) < 0) {
                return RG_ERROR;
            }
        }
        for (i = 0; i < g->n_edges; i++) {
            if (cols_add(&c->ecols, g->edges[i].attrs, g->edges[i].n_attrs, gexf_edge_skip) < 0) {
                return RG_ERROR;
            }
        }
    }
    if (c->ncols.n > 0) {
        qsort(c->ncols.v, c->ncols.n, sizeof *c->ncols.v, col_cmp);
    }
    if (c->ecols.n > 0) {
        qsort(c->ecols.v, c->ecols.n, sizeof *c->ecols.v, col_cmp);
    }
    return RG_OK;
}

/* Every period has dates when there is a timeline. */
static int gexf_slots(gexf_ctx *c)
{
    size_t i, n = c->n_periods;

    c->slots = rg__calloc(n + 1, sizeof *c->slots);
    c->cursors = rg__calloc(n + 1, sizeof *c->cursors);
    if (!c->slots || !c->cursors) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < n; i++) {
        c->slots[i] = &c->periods[i];
    }
    c->n_slots = n;
    c->timeline = n > 0;
    if (n == 0) {
        c->slots[0] = c->overall;
        c->n_slots = 1;
    }
    for (i = 0; c->timeline && i < c->n_slots; i++) {
        if (!c->slots[i]->start || !c->slots[i]->end) {
            rg__error_set(RG_EPARSE, "%s: period_start and period_end must be YYYY-MM-DD dates",
                          c->slots[i]->path);
            return RG_EPARSE;
        }
    }
    return RG_OK;
}

/* ---- writing ---- */

/* The node as found first in the overall graph, then in the slots. */
static const rg_xnode *node_any(const gexf_ctx *c, const char *key)
{
    const rg_xnode *n = rg_export__node_find(c->overall, key);
    size_t s;

    for (s = 0; !n && s < c->n_periods; s++) {
        n = rg_export__node_find(&c->periods[s], key);
    }
    return n;
}

static const rg_xedge *edge_any(const gexf_ctx *c, const gexf_edge *e)
{
    const rg_xedge *x = rg_export__edge_find(c->overall, e->source, e->target);
    size_t s;

    for (s = 0; !x && s < c->n_periods; s++) {
        x = rg_export__edge_find(&c->periods[s], e->source, e->target);
    }
    return x;
}

/* Is the node (key) or edge (e) in some period? Always, without a timeline. */
static int in_timeline(const gexf_ctx *c, const char *key, const gexf_edge *e)
{
    size_t s;

    for (s = 0; s < c->n_slots; s++) {
        if (!c->timeline || (e ? rg_export__edge_find(c->slots[s], e->source, e->target) != NULL
                               : rg_export__node_find(c->slots[s], key) != NULL)) {
            return 1;
        }
    }
    return 0;
}

static int put_header(gexf_ctx *c)
{
    rg_strbuf *b = &c->out;
    const char *start = c->slots[0]->start, *end = c->slots[0]->end;
    size_t i;

    if (!c->timeline) {
        return rg_strbuf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<gexf xmlns=\"http://gexf.net/1.3\" "
                                 "xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n"
                                 "  <meta>\n    <creator>relgraph</creator>\n"
                                 "    <description>actor relationship graph (no dated "
                                 "document, no timeline)</description>\n  </meta>\n"
                                 "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
    }

    for (i = 1; i < c->n_slots; i++) {
        if (strcmp(c->slots[i]->start, start) < 0) {
            start = c->slots[i]->start;
        }
        if (strcmp(c->slots[i]->end, end) > 0) {
            end = c->slots[i]->end;
        }
    }
    if (rg_strbuf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<gexf xmlns=\"http://gexf.net/1.3\" "
                          "xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n"
                          "  <meta>\n    <creator>relgraph</creator>\n"
                          "    <description>actor relationship graph, one time slot per "
                          "period</description>\n  </meta>\n") < 0
        || rg_strbuf_printf(b, "  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" "
                               "timeformat=\"date\" start=\"%s\" end=\"%s\">\n",
                            start, end) < 0) {
        return RG_ERROR;
    }
    return RG_OK;
}

/* One <attribute id title type/> line per column. */
static int put_column_defs(rg_strbuf *b, const gexf_col *cols, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (rg_strbuf_puts(b, "      <attribute") < 0
            || rg_export__xml_attr(b, "id", cols[i].name) < 0
            || rg_export__xml_attr(b, "title", cols[i].name) < 0
            || rg_strbuf_printf(b, " type=\"%s\"/>\n", col_type(&cols[i])) < 0) {
            return RG_ERROR;
        }
    }
    return RG_OK;
}

static int put_columns(gexf_ctx *c)
{
    rg_strbuf *b = &c->out;
    const char *mode = c->timeline ? "dynamic" : "static";

    if (rg_strbuf_puts(b, "    <attributes class=\"node\" mode=\"static\">\n"
                          "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
                          "    </attributes>\n") < 0
        || rg_strbuf_printf(b, "    <attributes class=\"node\" mode=\"%s\">\n", mode) < 0) {
        return RG_ERROR;
    }
    if (put_column_defs(b, c->ncols.v, c->ncols.n) < 0) {
        return RG_ERROR;
    }
    if (rg_strbuf_printf(b, "    </attributes>\n"
                            "    <attributes class=\"edge\" mode=\"%s\">\n"
                            "      <attribute id=\"weight\" title=\"weight\" "
                            "type=\"double\"/>\n", mode) < 0) {
        return RG_ERROR;
    }
    if (put_column_defs(b, c->ecols.v, c->ecols.n) < 0) {
        return RG_ERROR;
    }
    return rg_strbuf_puts(b, "    </attributes>\n");
}

/* A column's name as attvalues write it: plain names are copied. */
typedef struct {
    const char *s;
    size_t len;
    int plain;
} gexf_name;

/* The end of an attvalue after its value: the closing quote, the slot's
 * bounds when given, "/>" and the newline, under one capacity check. */
static int put_attvalue_end(rg_strbuf *b, const rg_xgraph *slot)
{
    size_t sl = slot ? strlen(slot->start) : 0, el = slot ? strlen(slot->end) : 0;
    char *p;

    if (rg_strbuf_reserve(b, sl + el + 24) < 0) {
        return RG_ERROR;
    }
    p = b->ptr + b->len;
    *p++ = '"';
    if (slot) {
        memcpy(p, " start=\"", 8);
        memcpy(p + 8, slot->start, sl);
        p += 8 + sl;
        memcpy(p, "\" end=\"", 7);
        memcpy(p + 7, slot->end, el);
        p += 7 + el;
        *p++ = '"';
    }
    memcpy(p, "/>\n", 3);
    b->len = (size_t)(p + 3 - b->ptr);
    b->ptr[b->len] = '\0';
    return RG_OK;
}

/* <attvalue for="name" value="v" start end/> for one slot, if v is scalar.
 * Numbers and booleans have nothing to escape and are written in place,
 * after a plain name copied whole (19,000 attvalues in a corpus's GEXF,
 * each was a dozen appends); strings go through tmp and xml_put. */
static int put_attvalue(rg_strbuf *b, rg_strbuf *tmp, const gexf_name *name, const rg_xval *v,
                        const rg_xgraph *slot)
{
    static const char open[] = "          <attvalue for=\"";
    unsigned k = value_kind(v);

    if (!k) {
        return RG_OK;
    }
    if (k & K_STR) {
        rg_strbuf_clear(tmp);
        if (rg_strbuf_put(tmp, "", 0) < 0 || rg_export__put_scalar(tmp, v) < 0) {
            return RG_ERROR;
        }
    }
    if (name->plain) {
        char *p;
        if (rg_strbuf_reserve(b, sizeof open + name->len + 10) < 0) {
            return RG_ERROR;
        }
        p = b->ptr + b->len;
        memcpy(p, open, sizeof open - 1);
        p += sizeof open - 1;
        memcpy(p, name->s, name->len);
        memcpy(p + name->len, "\" value=\"", 10); /* with the NUL */
        b->len = (size_t)(p + name->len + 9 - b->ptr);
    } else if (rg_strbuf_puts(b, "          <attvalue") < 0
               || rg_export__xml_attr(b, "for", name->s) < 0
               || rg_strbuf_puts(b, " value=\"") < 0) {
        return RG_ERROR;
    }
    if (((k & K_STR) ? rg_export__xml_put(b, tmp->ptr) : rg_export__put_scalar(b, v)) < 0) {
        return RG_ERROR;
    }
    return put_attvalue_end(b, slot);
}

/* The value of column `name` for a cursor (NULL: none). Columns are asked in
 * byte order, as the attributes are sorted, so the cursor only moves on. */
static const rg_xval *cursor_get(gexf_cursor *k, const char *name)
{
    while (k->at < k->n) {
        const char *an = k->a[k->at].name;
        int cmp = an == name ? 0 : strcmp(an, name);
        if (cmp == 0) {
            return &k->a[k->at++].v;
        }
        if (cmp > 0) {
            return NULL;
        }
        k->at++;
    }
    return NULL;
}

/* The spells of an element: one per slot holding it. */
static int put_spells(gexf_ctx *c)
{
    rg_strbuf *b = &c->out;
    size_t s;

    if (rg_strbuf_puts(b, "        <spells>\n") < 0) {
        return RG_ERROR;
    }
    /* no printf: one spell per slot and element */
    for (s = 0; s < c->n_slots; s++) {
        if (c->cursors[s].in &&
            (rg_strbuf_puts(b, "          <spell start=\"") < 0 ||
             rg_strbuf_puts(b, c->slots[s]->start) < 0 || rg_strbuf_puts(b, "\" end=\"") < 0 ||
             rg_strbuf_puts(b, c->slots[s]->end) < 0 || rg_strbuf_puts(b, "\"/>\n") < 0)) {
            return RG_ERROR;
        }
    }
    return rg_strbuf_puts(b, "        </spells>\n");
}

/*
 * attvalues and spells of one node (is_edge 0) or edge (1): for each column,
 * one value per slot holding the element; then one spell per such slot.
 */
static int put_dynamic(gexf_ctx *c, rg_strbuf *tmp, int is_edge, const char *key,
                       const gexf_edge *e)
{
    rg_strbuf *b = &c->out;
    size_t s, i, ncols = is_edge ? c->ecols.n + 1 : c->ncols.n;
    int any = 0;

    for (s = 0; s < c->n_slots; s++) {
        gexf_cursor *k = &c->cursors[s];
        const rg_xnode *n = is_edge ? NULL : rg_export__node_find(c->slots[s], key);
        const rg_xedge *x = is_edge ? rg_export__edge_find(c->slots[s], e->source, e->target)
                                    : NULL;
        k->a = n ? n->attrs : x ? x->attrs : NULL;
        k->n = n ? n->n_attrs : x ? x->n_attrs : 0;
        k->at = 0;
        k->in = n || x;
        any |= k->in;
    }
    for (i = 0; i < ncols; i++) {
        const char *name = is_edge ? (i == 0 ? "weight" : c->ecols.v[i - 1].name)
                                   : c->ncols.v[i].name;
        gexf_name nm;
        nm.s = name;
        nm.len = strlen(name);
        nm.plain = rg_export__xml_plain(name);
        for (s = 0; s < c->n_slots; s++) {
            gexf_cursor *k = &c->cursors[s];
            const rg_xval *v;
            if (!k->in) {
                continue;
            }
            /* "weight" comes first but is not in byte order: looked up */
            v = is_edge && i == 0 ? rg_export__attr(k->a, k->n, name) : cursor_get(k, name);
            if (put_attvalue(b, tmp, &nm, v, c->timeline ? c->slots[s] : NULL) < 0) {
                return RG_ERROR;
            }
        }
    }
    if (rg_strbuf_puts(b, "        </attvalues>\n") < 0) {
        return RG_ERROR;
    }
    return c->timeline && any ? put_spells(c) : RG_OK;
}

static const char *type_rgb(const char *type)
{
    if (type && strcmp(type, "person") == 0) {
        return "r=\"78\" g=\"121\" b=\"167\"";
    }
    if (type && strcmp(type, "state") == 0) {
        return "r=\"242\" g=\"142\" b=\"43\"";
    }
    if (type && (strcmp(type, "organisation") == 0 || strcmp(type, "organization") == 0)) {
        return "r=\"176\" g=\"122\" b=\"161\"";
    }
    return "r=\"156\" g=\"156\" b=\"156\"";
}

static int put_node_viz(gexf_ctx *c, const rg_xnode *n)
{
    rg_strbuf *b = &c->out;
    const rg_xval *t = rg_export__attr(n->attrs, n->n_attrs, "type");
    const rg_xval *x = rg_export__attr(n->attrs, n->n_attrs, "x");
    const rg_xval *y = rg_export__attr(n->attrs, n->n_attrs, "y");
    const char *type = t && t->kind == RG_XV_STR ? t->u.str.s : NULL;
    double v = 0, size;

    if (c->size_by) {
        v = value_number(rg_export__attr(n->attrs, n->n_attrs, c->size_by));
    }
    size = c->size_max > 0 && v > 0 ? 6.0 + 30.0 * sqrt(v / c->size_max) : 6.0;
    if (rg_strbuf_printf(b, "        <viz:color %s/>\n        <viz:size value=\"", type_rgb(type)) < 0
        || rg_strbuf_put_real(b, size, 2) < 0 || rg_strbuf_puts(b, "\"/>\n") < 0) {
        return RG_ERROR;
    }
    if (rg_export__is_number(x) && rg_export__is_number(y)) {
        if (rg_strbuf_puts(b, "        <viz:position x=\"") < 0
            || rg_export__put_scalar(b, x) < 0 || rg_strbuf_puts(b, "\" y=\"") < 0
            || rg_export__put_scalar(b, y) < 0 || rg_strbuf_puts(b, "\" z=\"0\"/>\n") < 0) {
            return RG_ERROR;
        }
    }
    return RG_OK;
}

static int put_nodes(gexf_ctx *c, rg_strbuf *tmp)
{
    static const gexf_name type_name = { "type", 4, 1 };
    rg_strbuf *b = &c->out;
    size_t i, count = 0;

    for (i = 0; i < c->nodes.n; i++) {
        count += in_timeline(c, c->nodes.v[i], NULL);
    }
    if (rg_strbuf_printf(b, "    <nodes count=\"%zu\">\n", count) < 0) {
        return RG_ERROR;
    }
    for (i = 0; i < c->nodes.n; i++) {
        const rg_xnode *n = node_any(c, c->nodes.v[i]);
        const rg_xval *l = rg_export__attr(n->attrs, n->n_attrs, "label");
        const char *label = l && l->kind == RG_XV_STR ? l->u.str.s : NULL;
        if (!in_timeline(c, c->nodes.v[i], NULL)) {
            continue;
        }
        if (rg_strbuf_puts(b, "      <node") < 0 || rg_export__xml_attr(b, "id", n->key) < 0
            || rg_export__xml_attr(b, "label", label ? label : n->key) < 0
            || rg_strbuf_puts(b, ">\n        <attvalues>\n") < 0
            || put_attvalue(b, tmp, &type_name, rg_export__attr(n->attrs, n->n_attrs, "type"),
                            NULL) < 0
            || put_dynamic(c, tmp, 0, n->key, NULL) < 0 || put_node_viz(c, n) < 0
            || rg_strbuf_puts(b, "      </node>\n") < 0) {
            return RG_ERROR;
        }
    }
    return rg_strbuf_puts(b, "    </nodes>\n");
}

static int put_edges(gexf_ctx *c, rg_strbuf *tmp)
{
    rg_strbuf *b = &c->out;
    size_t i, count = 0;

    for (i = 0; i < c->edges.n; i++) {
        count += in_timeline(c, NULL, &c->edges.v[i]);
    }
    if (rg_strbuf_printf(b, "    <edges count=\"%zu\">\n", count) < 0) {
        return RG_ERROR;
    }
    for (i = 0; i < c->edges.n; i++) {
        const gexf_edge *e = &c->edges.v[i];
        const rg_xedge *x = edge_any(c, e);
        if (!in_timeline(c, NULL, e)) {
            continue;
        }
        const rg_xval *sv = rg_export__attr(x->attrs, x->n_attrs, "sign");
        long long sign = sv && sv->kind == RG_XV_INT ? sv->u.i : 0;
        const char *rgb = sign > 0 ? "r=\"46\" g=\"139\" b=\"87\""
                        : sign < 0 ? "r=\"214\" g=\"39\" b=\"40\""
                                   : "r=\"158\" g=\"158\" b=\"158\"";
        if (rg_strbuf_puts(b, "      <edge") < 0 || rg_export__xml_attr(b, "id", e->key) < 0
            || rg_export__xml_attr(b, "source", e->source) < 0
            || rg_export__xml_attr(b, "target", e->target) < 0
            || rg_strbuf_puts(b, ">\n        <attvalues>\n") < 0
            || put_dynamic(c, tmp, 1, NULL, e) < 0
            || rg_strbuf_printf(b, "        <viz:color %s/>\n      </edge>\n", rgb) < 0) {
            return RG_ERROR;
        }
    }
    return rg_strbuf_puts(b, "    </edges>\n  </graph>\n</gexf>\n");
}

/* viz:size follows pagerank when the overall graph has it, else degree. */
static void gexf_size_by(gexf_ctx *c)
{
    static const char *const candidates[] = { "pagerank", "degree", NULL };
    size_t k, i;

    for (k = 0; candidates[k] && !c->size_by; k++) {
        for (i = 0; i < c->overall->n_nodes; i++) {
            const rg_xnode *n = &c->overall->nodes[i];
            const rg_xval *v = rg_export__attr(n->attrs, n->n_attrs, candidates[k]);
            if (rg_export__is_number(v)) {
                c->size_by = candidates[k];
                if (value_number(v) > c->size_max) {
                    c->size_max = value_number(v);
                }
            }
        }
    }
}

int rg_export__gexf_write(const char *dir, const rg_xgraph *overall,
                          const rg_xgraph *periods, size_t n_periods, rg_graph__writer *wr)
{
    gexf_ctx c;
    rg_strbuf tmp = RG_STRBUF_INIT, path = RG_STRBUF_INIT;
    int error;

    memset(&c, 0, sizeof c);
    c.overall = overall;
    c.periods = periods;
    c.n_periods = n_periods;
    if ((error = gexf_slots(&c)) < 0) {
        goto cleanup;
    }
    gexf_size_by(&c);
    error = RG_ERROR;
    if (gexf_unions(&c) < 0 || gexf_columns(&c) < 0) {
        rg__error_set_oom();
        goto cleanup;
    }
    if (put_header(&c) < 0 || put_columns(&c) < 0 || put_nodes(&c, &tmp) < 0
        || put_edges(&c, &tmp) < 0) {
        rg__error_set_oom();
        goto cleanup;
    }
    if ((error = rg_strbuf_printf(&path, "%s/graph.gexf", dir)) < 0) {
        goto cleanup;
    }
    error = rg_graph__writer_put(wr, path.ptr, &c.out);
cleanup:
    rg__free(c.slots);
    rg__free(c.cursors);
    RG_VEC_FREE(c.ncols);
    RG_VEC_FREE(c.ecols);
    RG_VEC_FREE(c.nodes);
    RG_VEC_FREE(c.edges);
    rg_strbuf_dispose(&c.out);
    rg_strbuf_dispose(&tmp);
    rg_strbuf_dispose(&path);
    return error;
}

/* graph.json and periods/KEY.json of dir, in file name order. */
static int gexf_load(rg_xgraph *overall, rg_xgraph **periods, size_t *n_periods, const char *dir)
{
    rg_strbuf path = RG_STRBUF_INIT;
    char **names = NULL;
    size_t n = 0, i;
    int error;

    if ((error = rg_strbuf_printf(&path, "%s/graph.json", dir)) < 0
        || (error = rg_export__graph_load(overall, path.ptr)) < 0) {
        goto cleanup;
    }
    rg_strbuf_clear(&path);
    if ((error = rg_strbuf_printf(&path, "%s/periods", dir)) < 0
        || (error = rg_export__list_json(&names, &n, path.ptr)) < 0) {
        goto cleanup;
    }
    if (!(*periods = rg__calloc(n + 1, sizeof **periods))) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        rg_strbuf_clear(&path);
        if ((error = rg_strbuf_printf(&path, "%s/periods/%s", dir, names[i])) < 0) {
            goto cleanup;
        }
        *n_periods = i + 1;
        if ((error = rg_export__graph_load(&(*periods)[i], path.ptr)) < 0) {
            goto cleanup;
        }
    }
cleanup:
    rg_export__names_free(names, n);
    rg_strbuf_dispose(&path);
    return error;
}

int rg_export_gexf(const char *dir)
{
    rg_xgraph overall, *periods = NULL;
    size_t n_periods = 0, i;
    int error;

    RG_ASSERT_ARG(dir);
    memset(&overall, 0, sizeof overall);
    if ((error = gexf_load(&overall, &periods, &n_periods, dir)) == RG_OK) {
        error = rg_export__gexf_write(dir, &overall, periods, n_periods, NULL);
    }
    for (i = 0; i < n_periods; i++) {
        rg_export__graph_destroy(&periods[i]);
    }
    rg__free(periods);
    rg_export__graph_destroy(&overall);
    return error;
}
