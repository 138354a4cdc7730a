/* SPDX-License-Identifier: MIT */
/*
 * Drawing with gvc: every graph is laid out with the "nop" engine (positions
 * are already pinned, only edges are routed) and rendered to memory with
 * gvRenderData, then written atomically. The strip puts all period panels
 * in one graph, side by side in rows of up to four, each shifted by a
 * multiple of the shared canvas, so one picture compares the periods.
 */
#include <stdio.h>  /* fprintf, snprintf */
#include <stdlib.h> /* free */
#include <string.h> /* strlen */

#include <gvc.h>             /* gvLayout, gvRenderData, gvFreeRenderData, gvFreeLayout */
#include <relgraph/errors.h> /* rg_error_last */
#include <relgraph/io.h>     /* rg_write_file_atomic */

#include "render.h"

#define STRIP_COLUMNS 4

int rr_render_file(GVC_t *gvc, Agraph_t *G, const char *format, const char *file)
{
    char *data = NULL;
    unsigned int len = 0;
    int rc = RR_OK;

    if (gvLayout(gvc, G, "nop") != 0) {
        fprintf(stderr, "relgraph-render: %s: Graphviz layout failed\n", file);
        return RR_ERROR;
    }
    if (gvRenderData(gvc, G, format, &data, &len) != 0 || !data) {
        fprintf(stderr, "relgraph-render: %s: Graphviz cannot render %s\n", file, format);
        rc = RR_ERROR;
    } else if (rg_write_file_atomic(file, data, len) < 0) {
        fprintf(stderr, "relgraph-render: %s\n", rg_error_last()->message);
        rc = RR_ERROR;
    }
    if (data) {
        gvFreeRenderData(data);
    }
    gvFreeLayout(gvc, G);
    return rc;
}

/* Panel caption: period key (or title) and document count. */
static void add_caption(Agraph_t *G, const rr_graph *g, const char *prefix, double x, double y)
{
    char html[1024] = "<B>", buf[256];
    char *label;
    const char *name = *g->period ? g->period : g->title;
    Agnode_t *v;
    size_t n;

    snprintf(buf, sizeof buf, "%s_rg_caption", prefix);
    v = agnode(G, buf, 1);
    if (!v) {
        rr_die_oom();
    }
    /* the caption is plain text: escape for the HTML-like label */
    label = rr_strdup(name);
    n = strlen(html);
    for (size_t i = 0; label[i] && n + 8 < sizeof html; i++) {
        const char *rep = label[i] == '&' ? "&amp;" : label[i] == '<' ? "&lt;"
                        : label[i] == '>' ? "&gt;" : NULL;
        if (rep) {
            memcpy(html + n, rep, strlen(rep));
            n += strlen(rep);
        } else {
            html[n++] = label[i];
        }
    }
    html[n] = '\0';
    free(label);
    snprintf(buf, sizeof buf, "</B><BR/><FONT POINT-SIZE=\"13\" COLOR=\"#555555\">%lld document%s"
             "</FONT>", g->documents, g->documents == 1 ? "" : "s");
    strncat(html, buf, sizeof html - strlen(html) - 1);
    rr_set(v, "shape", "plain");
    rr_set(v, "style", "");
    rr_set(v, "fontsize", "20");
    rr_set_html(G, v, "label", html);
    rr_setf(v, "pos", "%.2f,%.2f!", x, y);
}

/* Dashed frame around one panel, drawn under the panel's nodes. */
static void add_frame(Agraph_t *G, const char *prefix, double cx, double cy, double w, double h)
{
    char buf[256];
    Agnode_t *v;

    snprintf(buf, sizeof buf, "%s_rg_frame", prefix);
    v = agnode(G, buf, 1);
    if (!v) {
        rr_die_oom();
    }
    rr_set(v, "label", "");
    rr_set(v, "style", "rounded,dashed");
    rr_set(v, "color", "#cccccc");
    rr_set(v, "fixedsize", "true");
    rr_setf(v, "width", "%.3f", w / 72.0);
    rr_setf(v, "height", "%.3f", h / 72.0);
    rr_setf(v, "pos", "%.2f,%.2f!", cx, cy);
}

int rr_render_strip(GVC_t *gvc, rr_graph *const *graphs, size_t n, const rr_layout *l,
                    const rr_opts *o, const char *file)
{
    const double pad = 30.0, caption = 60.0, gap = 30.0;
    double w = l->maxx - l->minx + 2 * pad, h = l->maxy - l->miny + 2 * pad + caption;
    double cx = (l->minx + l->maxx) / 2, cy = (l->miny + l->maxy) / 2;
    Agraph_t *G = rr_graph_open("periods");
    char prefix[64];
    size_t i;
    int rc;

    rr_set(G, "size", "60,60");
    for (i = 0; i < n; i++) {
        double ox = (double)(i % STRIP_COLUMNS) * (w + gap);
        double oy = -(double)(i / STRIP_COLUMNS) * (h + gap);
        snprintf(prefix, sizeof prefix, "p%zu/", i);
        add_frame(G, prefix, cx + ox, cy + oy + caption / 2, w, h);
        add_caption(G, graphs[i], prefix, cx + ox, l->maxy + oy + pad + caption / 2);
        rr_add_panel(G, graphs[i], l, o, prefix, ox, oy);
    }
    rr_add_legend(G, o, l->minx + 85,
                  l->miny - pad - 90 - (double)((n - 1) / STRIP_COLUMNS) * (h + gap));
    rc = rr_render_file(gvc, G, "png", file);
    agclose(G);
    return rc;
}
