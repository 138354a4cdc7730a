/* SPDX-License-Identifier: MIT */
/*
 * One run of relgraph-render: load every input (and the layout source),
 * check the size attribute, lay out all actors once, then for each input
 * write the requested formats, and finally the optional strip of periods.
 * Period pictures share one edge-width scale (the heaviest period edge), so
 * a thick line means the same in every period.
 */
#include <stdio.h>  /* fprintf, snprintf */
#include <stdlib.h> /* calloc, free */
#include <string.h> /* strrchr, strlen */

#include <gvc.h>             /* gvContext, gvFreeContext */
#include <relgraph/errors.h> /* rg_error_last */
#include <relgraph/io.h>     /* rg_mkdir_p */

#include "render.h"

/* OUTDIR/BASE.EXT, or beside the input when no -o. */
static char *out_path(const rr_args *a, const rr_graph *g, const char *ext)
{
    const char *slash = strrchr(g->path, '/');
    size_t dirlen = a->outdir ? strlen(a->outdir) : slash ? (size_t)(slash - g->path) : 1;
    const char *dir = a->outdir ? a->outdir : slash ? g->path : ".";
    size_t n = dirlen + strlen(g->base) + strlen(ext) + 3;
    char *p = malloc(n);

    if (!p) {
        rr_die_oom();
    }
    snprintf(p, n, "%.*s/%s.%s", (int)dirlen, dir, g->base, ext);
    return p;
}

static int draw_one(GVC_t *gvc, const rr_args *a, const rr_graph *g, const rr_layout *l)
{
    Agraph_t *G = rr_dot_build(g, l, &a->o);
    size_t i;
    int rc = RR_OK, pass;

    /* DOT first: a layout run for PNG/SVG would add its bounding box to the
     * graph, and the DOT must not depend on which other formats were asked */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < a->n_formats && rc == RR_OK; i++) {
            int is_dot = strcmp(a->formats[i], "dot") == 0;
            char *file;
            if (is_dot != (pass == 0)) {
                continue;
            }
            file = out_path(a, g, a->formats[i]);
            rc = is_dot ? rr_dot_write(G, file) : rr_render_file(gvc, G, a->formats[i], file);
            if (rc == RR_OK && a->verbose) {
                fprintf(stderr, "relgraph-render: wrote %s\n", file);
            }
            free(file);
        }
    }
    agclose(G);
    return rc;
}

/* 0 when no node of any graph has a numeric size attribute (but some node exists). */
static int size_attr_seen(const rr_graph *gs, size_t n)
{
    size_t i, j, nodes = 0;

    for (i = 0; i < n; i++) {
        nodes += gs[i].n_nodes;
        for (j = 0; j < gs[i].n_nodes; j++) {
            if (gs[i].nodes[j].has_size) {
                return 1;
            }
        }
    }
    return nodes == 0;
}

static int draw_strip(GVC_t *gvc, const rr_args *a, rr_graph *gs, const rr_layout *l)
{
    rr_graph **panels = calloc(a->n_inputs + 1, sizeof *panels);
    size_t i, n = 0;
    int rc;

    if (!panels) {
        rr_die_oom();
    }
    for (i = 0; i < a->n_inputs; i++) {
        if (!gs[i].overall) {
            panels[n++] = &gs[i];
        }
    }
    for (i = 0; n == 0 && i < a->n_inputs; i++) {
        panels[i] = &gs[i];
    }
    rc = rr_render_strip(gvc, panels, n ? n : a->n_inputs, l, &a->o, a->strip);
    if (rc == RR_OK && a->verbose) {
        fprintf(stderr, "relgraph-render: wrote %s\n", a->strip);
    }
    free(panels);
    return rc;
}

int rr_run(rr_args *a)
{
    rr_graph *gs = calloc(a->n_inputs + 1, sizeof *gs), src;
    rr_layout layout;
    GVC_t *gvc = NULL;
    size_t i, loaded = 0;
    int rc = RR_OK, have_src = 0;

    memset(&layout, 0, sizeof layout);
    memset(&src, 0, sizeof src);
    if (!gs) {
        rr_die_oom();
    }
    for (i = 0; i < a->n_inputs && rc == RR_OK; i++, loaded++) {
        rc = rr_graph_load(&gs[i], a->inputs[i], a->o.size_by);
        if (!gs[i].overall && gs[i].weight_max > a->o.wscale) {
            a->o.wscale = gs[i].weight_max;
        }
    }
    if (rc == RR_OK && a->layout_from) {
        have_src = 1;
        rc = rr_graph_load(&src, a->layout_from, a->o.size_by);
    }
    if (rc == RR_OK && !size_attr_seen(gs, a->n_inputs)) {
        fprintf(stderr, "relgraph-render: --size-by %s: no node has this numeric attribute\n",
                a->o.size_by);
        rc = RR_USAGE;
    }
    if (rc == RR_OK && a->outdir && rg_mkdir_p(a->outdir) < 0) {
        fprintf(stderr, "relgraph-render: %s\n", rg_error_last()->message);
        rc = RR_ERROR;
    }
    if (rc == RR_OK && !(gvc = gvContext())) {
        rr_die_oom();
    }
    if (rc == RR_OK) {
        rc = rr_layout_compute(&layout, gvc, have_src ? &src : NULL, gs, a->n_inputs, &a->o);
    }
    for (i = 0; i < a->n_inputs && rc == RR_OK; i++) {
        rc = draw_one(gvc, a, &gs[i], &layout);
    }
    if (rc == RR_OK && a->strip) {
        rc = draw_strip(gvc, a, gs, &layout);
    }
    rr_layout_free(&layout);
    for (i = 0; i < loaded; i++) {
        rr_graph_free(&gs[i]);
    }
    if (have_src) {
        rr_graph_free(&src);
    }
    free(gs);
    if (gvc) {
        gvFreeContext(gvc);
    }
    return rc;
}
