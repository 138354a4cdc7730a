/* SPDX-License-Identifier: MIT */
/*
 * Styled cgraph graphs and DOT output. Every actor of the shared layout is a
 * node pinned at its position ("x,y!" in points, for the "nop" engine, which
 * the DOT file names in its layout attribute, so `dot -Tpng FILE.dot` draws
 * the same picture). Actors absent from a period stay as faded boxes, so all
 * pictures share one canvas. Nodes are created in key order and edges in
 * (source, target) order, and agwrite follows creation order: the DOT text
 * is deterministic.
 *
 * Styling: box fill by actor type; font size (hence box size) from the
 * --size-by centrality, 10..24 pt, relative to the graph's largest value;
 * edge width 1..8 from the co-mention weight (square root), colour from the
 * stance sign (green positive, red negative, grey none or balanced), dashed
 * when the pair has stance but no co-mention. Edges carry the integer
 * `weight` used by layouts and the exact value in `rg_weight`.
 */
#include <math.h>   /* sqrt, lround */
#include <stdarg.h> /* va_list */
#include <stdio.h>  /* open_memstream, vsnprintf */
#include <stdlib.h> /* malloc, free, strtod */
#include <string.h> /* strcmp, strlen */

#include <cgraph.h> /* agopen, agnode, agedge, agsafeset, agwrite */
#include <relgraph/errors.h> /* rg_error_last */
#include <relgraph/io.h>     /* rg_write_file_atomic */

#include "render.h"

#define RR_FONT "DejaVu Sans"

void rr_set(void *obj, const char *name, const char *value)
{
    char *n = rr_strdup(name), *v = rr_strdup(value), *d = rr_strdup("");

    agsafeset(obj, n, v, d);
    free(n);
    free(v);
    free(d);
}

void rr_setf(void *obj, const char *name, const char *fmt, ...)
{
    char buf[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    rr_set(obj, name, buf);
}

void rr_set_html(Agraph_t *root, void *obj, const char *name, const char *html)
{
    char *h = rr_strdup(html), *n = rr_strdup(name), *d = rr_strdup("");
    char *hs = agstrdup_html(root, h);

    agsafeset(obj, n, hs, d);
    agstrfree(root, hs);
    free(h);
    free(n);
    free(d);
}

/* Graphviz escString: backslashes doubled, line breaks as \n, CR dropped. */
char *rr_dot_label(const char *s)
{
    char *out = malloc(2 * strlen(s) + 1), *p = out;

    if (!out) {
        rr_die_oom();
    }
    for (; *s; s++) {
        if (*s == '\\') {
            *p++ = '\\';
            *p++ = '\\';
        } else if (*s == '\n') {
            *p++ = '\\';
            *p++ = 'n';
        } else if (*s != '\r') {
            *p++ = *s;
        }
    }
    *p = '\0';
    return out;
}

/* HTML-like label text: & < > " escaped, line breaks as spaces. */
static void html_put(char *out, size_t cap, const char *s)
{
    size_t n = strlen(out);

    for (; *s && n + 7 < cap; s++) {
        const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
                        : *s == '"' ? "&quot;" : (*s == '\n' || *s == '\r') ? " " : NULL;
        if (rep) {
            memcpy(out + n, rep, strlen(rep));
            n += strlen(rep);
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
}

typedef struct {
    const char *type, *fill, *line, *name;
} rr_palette;

static const rr_palette palette[] = {
    { "person", "#dce7f3", "#4e79a7", "person" },
    { "state", "#fde2c6", "#f28e2b", "state" },
    { "organisation", "#eddcea", "#b07aa1", "organisation" },
    { NULL, "#eeeeee", "#9c9c9c", "other" },
};

static const rr_palette *palette_for(const char *type)
{
    size_t i;

    for (i = 0; palette[i].type; i++) {
        if (strcmp(palette[i].type, type) == 0
            || (i == 2 && strcmp(type, "organization") == 0)) {
            break;
        }
    }
    return &palette[i];
}

/* Shortest of %.15g / %.17g that reads back to the same double. */
static void set_real(void *obj, const char *name, double x)
{
    char buf[40];

    snprintf(buf, sizeof buf, "%.15g", x);
    if (strtod(buf, NULL) != x) {
        snprintf(buf, sizeof buf, "%.17g", x);
    }
    rr_set(obj, name, strcmp(buf, "-0") == 0 ? "0" : buf);
}

double rr_node_fontsize(const rr_graph *g, const rr_node *n)
{
    if (g->size_max <= 0) {
        return 13.0;
    }
    return 10.0 + 14.0 * sqrt(n->size_val / g->size_max);
}

void rr_node_style(void *n, const rr_graph *g, const rr_node *node, double fontsize)
{
    const rr_palette *p = palette_for(node->type);
    char *label = rr_dot_label(node->label);

    (void)g;
    rr_set(n, "label", label);
    rr_setf(n, "fontsize", "%.1f", fontsize);
    rr_set(n, "fillcolor", p->fill);
    rr_set(n, "color", p->line);
    rr_set(n, "rg_type", node->type);
    free(label);
}

/* Declare a default for every node (AGNODE) or edge (AGEDGE) of G. */
static void rr_default(Agraph_t *G, int kind, const char *name, const char *value)
{
    char *n = rr_strdup(name), *v = rr_strdup(value);

    agattr(G, kind, n, v);
    free(n);
    free(v);
}

Agraph_t *rr_graph_open(const char *name)
{
    char *n = rr_strdup(name);
    Agraph_t *G = agopen(n, Agundirected, NULL);

    free(n);
    if (!G) {
        rr_die_oom();
    }
    rr_set(G, "charset", "UTF-8");
    rr_set(G, "layout", "nop");
    rr_set(G, "outputorder", "edgesfirst");
    rr_set(G, "splines", "true");
    rr_set(G, "bgcolor", "white");
    rr_set(G, "pad", "0.3");
    rr_set(G, "fontname", RR_FONT);
    rr_set(G, "labelloc", "t");
    rr_set(G, "dpi", "96");
    rr_default(G, AGNODE, "shape", "box");
    rr_default(G, AGNODE, "style", "rounded,filled");
    rr_default(G, AGNODE, "fontname", RR_FONT);
    rr_default(G, AGNODE, "penwidth", "1.2");
    rr_default(G, AGNODE, "margin", "0.10,0.04");
    rr_default(G, AGEDGE, "color", "#8c8c8c99");
    rr_default(G, AGEDGE, "penwidth", "1");
    return G;
}

static Agnode_t *new_node(Agraph_t *G, const char *prefix, const char *key)
{
    size_t n = strlen(prefix) + strlen(key) + 1;
    char *name = malloc(n);
    Agnode_t *v;

    if (!name) {
        rr_die_oom();
    }
    snprintf(name, n, "%s%s", prefix, key);
    v = agnode(G, name, 1);
    free(name);
    if (!v) {
        rr_die_oom();
    }
    return v;
}

static void ghost_style(Agnode_t *v, const rr_place *p, const rr_opts *o)
{
    char *label = rr_dot_label(p->label);

    rr_set(v, "label", o->ghosts ? label : "");
    rr_set(v, "fontsize", "10.0");
    rr_set(v, "fillcolor", "#f6f6f6");
    rr_set(v, "color", "#dddddd");
    rr_set(v, "fontcolor", "#b4b4b4");
    rr_set(v, "rg_absent", "1");
    if (!o->ghosts) {
        rr_set(v, "style", "invis");
    }
    free(label);
}

static void edge_style(Agedge_t *e, const rr_graph *g, const rr_edge *x, const rr_opts *o)
{
    double ref = (g->overall || o->wscale <= 0) ? g->weight_max : o->wscale;
    const char *colour = x->sign > 0 ? "#2e8b57cc" : x->sign < 0 ? "#d62728cc" : "#8c8c8c99";
    long iw = lround(x->weight);

    if (x->weight > 0 && ref > 0) {
        rr_setf(e, "penwidth", "%.2f", 1.0 + 7.0 * sqrt(fmin(x->weight / ref, 1.0)));
    } else {
        rr_set(e, "penwidth", "1.5");
        rr_set(e, "style", "dashed");
    }
    rr_set(e, "color", colour);
    rr_setf(e, "weight", "%ld", iw < 1 ? 1 : iw);
    char *a = rr_dot_label(g->nodes[x->s].label), *b = rr_dot_label(g->nodes[x->t].label);

    set_real(e, "rg_weight", x->weight);
    rr_setf(e, "rg_sign", "%d", x->sign);
    set_real(e, "rg_stance_net", x->stance_net);
    rr_setf(e, "tooltip", "%s – %s: %g co-mentions, net stance %+g", a, b, x->weight,
            x->stance_net);
    free(a);
    free(b);
}

void rr_add_panel(Agraph_t *G, const rr_graph *g, const rr_layout *l, const rr_opts *o,
                  const char *prefix, double ox, double oy)
{
    Agnode_t **made = calloc(g->n_nodes + 1, sizeof *made);
    size_t i;

    if (!made) {
        rr_die_oom();
    }
    for (i = 0; i < l->n; i++) {
        const rr_place *p = &l->v[i];
        long k = rr_node_find(g, p->key);
        Agnode_t *v = new_node(G, prefix, p->key);
        char *label;

        rr_setf(v, "pos", "%.2f,%.2f!", p->x + ox, p->y + oy);
        if (k < 0) {
            ghost_style(v, p, o);
            continue;
        }
        made[k] = v;
        rr_node_style(v, g, &g->nodes[k], rr_node_fontsize(g, &g->nodes[k]));
        set_real(v, "rg_size", g->nodes[k].size_val);
        label = rr_dot_label(g->nodes[k].label);
        rr_setf(v, "tooltip", "%s (%s), %s %g", label, g->nodes[k].type, o->size_by,
                g->nodes[k].size_val);
        free(label);
    }
    for (i = 0; i < g->n_edges; i++) {
        const rr_edge *x = &g->edges[i];
        Agedge_t *e;
        if (!made[x->s] || !made[x->t]) {
            continue; /* not in the layout: cannot happen, the layout is a union */
        }
        e = agedge(G, made[x->s], made[x->t], NULL, 1);
        if (!e) {
            rr_die_oom();
        }
        edge_style(e, g, x, o);
    }
    free(made);
}

/* Legend: a plain node with an HTML table, pinned at (x, y). */
void rr_add_legend(Agraph_t *G, const rr_opts *o, double x, double y)
{
    char html[4096], row[512];
    Agnode_t *v = new_node(G, "", "_rg_legend");
    size_t i;

    snprintf(html, sizeof html,
             "<TABLE BORDER=\"1\" COLOR=\"#d0d0d0\" CELLBORDER=\"0\" CELLSPACING=\"2\" "
             "CELLPADDING=\"2\" BGCOLOR=\"white\">"
             "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Legend</B></TD></TR>"
             "<TR><TD BGCOLOR=\"#2e8b57\" WIDTH=\"26\" HEIGHT=\"5\" FIXEDSIZE=\"TRUE\"></TD>"
             "<TD ALIGN=\"LEFT\">positive stance</TD></TR>"
             "<TR><TD BGCOLOR=\"#d62728\" WIDTH=\"26\" HEIGHT=\"5\" FIXEDSIZE=\"TRUE\"></TD>"
             "<TD ALIGN=\"LEFT\">negative stance</TD></TR>"
             "<TR><TD BGCOLOR=\"#9a9a9a\" WIDTH=\"26\" HEIGHT=\"5\" FIXEDSIZE=\"TRUE\"></TD>"
             "<TD ALIGN=\"LEFT\">co-mention only</TD></TR>"
             "<TR><TD><FONT COLOR=\"#777777\">- - -</FONT></TD>"
             "<TD ALIGN=\"LEFT\">stance, no co-mention</TD></TR>");
    for (i = 0; palette[i].type; i++) {
        snprintf(row, sizeof row,
                 "<TR><TD BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"1\" STYLE=\"ROUNDED\" "
                 "WIDTH=\"26\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD>"
                 "<TD ALIGN=\"LEFT\">%s</TD></TR>",
                 palette[i].fill, palette[i].line, palette[i].name);
        strncat(html, row, sizeof html - strlen(html) - 1);
    }
    snprintf(row, sizeof row, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">"
             "line width: co-mentions<BR ALIGN=\"LEFT\"/>box size: ");
    strncat(html, row, sizeof html - strlen(html) - 1);
    row[0] = '\0';
    html_put(row, sizeof row, o->size_by);
    strncat(html, row, sizeof html - strlen(html) - 1);
    strncat(html, "<BR ALIGN=\"LEFT\"/></FONT></TD></TR></TABLE>", sizeof html - strlen(html) - 1);
    rr_set(v, "shape", "plain");
    rr_set(v, "style", "");
    rr_set(v, "fontsize", "11");
    rr_set_html(G, v, "label", html);
    rr_setf(v, "pos", "%.2f,%.2f!", x, y);
}

/* Title: the graph's name, then period dates, documents and size metric. */
static void set_title(Agraph_t *G, const rr_graph *g, const rr_opts *o)
{
    char html[2048] = "<FONT POINT-SIZE=\"22\"><B>";
    char sub[512];

    html_put(html, sizeof html, g->title);
    strncat(html, "</B></FONT><BR/><FONT POINT-SIZE=\"13\" COLOR=\"#555555\">",
            sizeof html - strlen(html) - 1);
    if (*g->start && *g->end) {
        snprintf(sub, sizeof sub, "%s to %s, ", g->start, g->end);
        html_put(html, sizeof html, sub);
    }
    snprintf(sub, sizeof sub, "%lld document%s, %zu actors, %zu links", g->documents,
             g->documents == 1 ? "" : "s", g->n_nodes, g->n_edges);
    html_put(html, sizeof html, sub);
    (void)o;
    strncat(html, "</FONT>", sizeof html - strlen(html) - 1);
    rr_set_html(G, G, "label", html);
}

Agraph_t *rr_dot_build(const rr_graph *g, const rr_layout *l, const rr_opts *o)
{
    Agraph_t *G = rr_graph_open(g->base);

    set_title(G, g, o);
    rr_add_panel(G, g, l, o, "", 0, 0);
    rr_add_legend(G, o, l->minx + 85, l->miny - 125);
    return G;
}

int rr_dot_write(Agraph_t *G, const char *file)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int rc = RR_OK;

    if (!mem) {
        rr_die_oom();
    }
    if (agwrite(G, mem) != 0) {
        fprintf(stderr, "relgraph-render: %s: agwrite failed\n", file);
        rc = RR_ERROR;
    }
    if (fclose(mem) != 0) {
        rr_die_oom();
    }
    if (rc == RR_OK && rg_write_file_atomic(file, buf, len) < 0) {
        fprintf(stderr, "relgraph-render: %s\n", rg_error_last()->message);
        rc = RR_ERROR;
    }
    free(buf);
    return rc;
}
