/* SPDX-License-Identifier: MIT */
/*
 * One layout for all pictures. HOW IT WORKS: the actors of the layout source
 * (--layout-from, usually the overall graph) and of every input form one
 * node set; each node gets the largest box it has in any input (so no period
 * picture overlaps), the edges are the union with the largest weight seen.
 * neato (stress majorization, deterministic start) or fdp/sfdp places them
 * once, with overlap removal that respects label boxes; "json" instead takes
 * the x/y hints of the JSON. Every picture then pins each actor there.
 */
#include <math.h>   /* fmax, round, sqrt */
#include <stdio.h>  /* fprintf */
#include <stdlib.h> /* atof, calloc, free, qsort */
#include <string.h> /* strcmp */

#include "render.h"

typedef struct {
    const rr_graph *g;
    const rr_node *n;
    double fontsize;
    size_t order;   /* position in (source, inputs...) order: breaks ties */
} lay_item;

static int item_cmp(const void *a, const void *b)
{
    const lay_item *x = a, *y = b;
    int c = strcmp(x->n->key, y->n->key);
    /* among equal keys, the layout source (listed first) wins ties */
    return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

const rr_place *rr_layout_find(const rr_layout *l, const char *key)
{
    size_t lo = 0, hi = l->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, l->v[mid].key);
        if (c == 0) {
            return &l->v[mid];
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return NULL;
}

void rr_layout_free(rr_layout *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        free(l->v[i].key);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

/*
 * The node set: one rr_place per distinct key, first occurrence (source,
 * then inputs in order) gives label and type; fontsizes[] gets the maximum.
 */
static double *collect_places(rr_layout *out, const rr_graph *const *gs, size_t ng)
{
    lay_item *items;
    double *fs;
    size_t total = 0, i, j, k = 0;

    for (i = 0; i < ng; i++) {
        total += gs[i]->n_nodes;
    }
    items = calloc(total + 1, sizeof *items);
    out->v = calloc(total + 1, sizeof *out->v);
    fs = calloc(total + 1, sizeof *fs);
    if (!items || !out->v || !fs) {
        rr_die_oom();
    }
    for (i = 0; i < ng; i++) {
        for (j = 0; j < gs[i]->n_nodes; j++, k++) {
            items[k].g = gs[i];
            items[k].n = &gs[i]->nodes[j];
            items[k].fontsize = rr_node_fontsize(gs[i], &gs[i]->nodes[j]);
            items[k].order = k;
        }
    }
    qsort(items, total, sizeof *items, item_cmp);
    for (i = 0; i < total; i++) {
        if (out->n == 0 || strcmp(out->v[out->n - 1].key, items[i].n->key) != 0) {
            rr_place *p = &out->v[out->n++];
            p->key = rr_strdup(items[i].n->key);
            p->label = items[i].n->label;
            p->type = items[i].n->type;
            p->x = items[i].n->x;
            p->y = items[i].n->has_xy ? items[i].n->y : 0;
            fs[out->n - 1] = items[i].fontsize;
        } else {
            fs[out->n - 1] = fmax(fs[out->n - 1], items[i].fontsize);
        }
    }
    free(items);
    return fs;
}

static Agraph_t *layout_graph(const rr_layout *l, const double *fs, const rr_graph *const *gs,
                              size_t ng, Agnode_t ***nodes_out)
{
    Agraph_t *G = rr_graph_open("layout");
    Agnode_t **v = calloc(l->n + 1, sizeof *v);
    size_t i, j;

    if (!v) {
        rr_die_oom();
    }
    rr_set(G, "layout", "neato");
    rr_set(G, "mode", "major");
    rr_set(G, "overlap", "prism");
    rr_set(G, "sep", "+16");
    rr_set(G, "splines", "false");
    rr_set(G, "pack", "true");
    rr_set(G, "start", "1");
    for (i = 0; i < l->n; i++) {
        char *label = rr_dot_label(l->v[i].label);
        v[i] = agnode(G, l->v[i].key, 1);
        if (!v[i]) {
            rr_die_oom();
        }
        rr_setf(v[i], "fontsize", "%.1f", fs[i]);
        rr_set(v[i], "label", label);
        free(label);
    }
    for (j = 0; j < ng; j++) {
        for (i = 0; i < gs[j]->n_edges; i++) {
            const rr_edge *x = &gs[j]->edges[i];
            const rr_place *s = rr_layout_find(l, gs[j]->nodes[x->s].key);
            const rr_place *t = rr_layout_find(l, gs[j]->nodes[x->t].key);
            Agnode_t *a = v[s - l->v], *b = v[t - l->v];
            Agedge_t *e = agedge(G, a, b, NULL, 0);
            double w = fmax(1.0, x->weight);
            const char *cur;
            if (!e && !(e = agedge(G, a, b, NULL, 1))) {
                rr_die_oom();
            }
            cur = agget(e, "weight");
            if (!cur || !*cur || atof(cur) < w) {
                rr_setf(e, "weight", "%.0f", w);
                rr_setf(e, "len", "%.2f", 1.0 + 1.2 / sqrt(w));
            }
        }
    }
    *nodes_out = v;
    return G;
}

/* Positions from the JSON x/y hints; 0 when some actor has none. */
static int json_positions(rr_layout *l, const rr_graph *const *gs, size_t ng)
{
    size_t i, j;

    for (i = 0; i < l->n; i++) {
        int found = 0;
        for (j = 0; j < ng && !found; j++) {
            long k = rr_node_find(gs[j], l->v[i].key);
            if (k >= 0 && gs[j]->nodes[k].has_xy) {
                l->v[i].x = gs[j]->nodes[k].x;
                l->v[i].y = gs[j]->nodes[k].y;
                found = 1;
            }
        }
        if (!found) {
            fprintf(stderr, "relgraph-render: --layout json: actor \"%s\" has no x/y\n",
                    l->v[i].key);
            return 0;
        }
    }
    return 1;
}

int rr_layout_compute(rr_layout *out, GVC_t *gvc, const rr_graph *src, const rr_graph *all,
                      size_t n_all, const rr_opts *o)
{
    const rr_graph **gs = calloc(n_all + 2, sizeof *gs);
    Agnode_t **v = NULL;
    Agraph_t *G = NULL;
    double *fs;
    size_t ng = 0, i;
    int rc = RR_OK;

    if (!gs) {
        rr_die_oom();
    }
    memset(out, 0, sizeof *out);
    if (src) {
        gs[ng++] = src;
    }
    for (i = 0; i < n_all; i++) {
        gs[ng++] = &all[i];
    }
    fs = collect_places(out, gs, ng);
    G = layout_graph(out, fs, gs, ng, &v);
    if (strcmp(o->engine, "json") == 0) {
        if (!json_positions(out, gs, ng)) {
            rc = RR_DATA;
            goto cleanup;
        }
    } else {
        rr_set(G, "layout", o->engine);
        if (gvLayout(gvc, G, o->engine) != 0) {
            fprintf(stderr, "relgraph-render: layout engine %s failed\n", o->engine);
            rc = RR_ERROR;
            goto cleanup;
        }
        for (i = 0; i < out->n; i++) {
            out->v[i].x = round(ND_coord(v[i]).x * 100.0) / 100.0;
            out->v[i].y = round(ND_coord(v[i]).y * 100.0) / 100.0;
        }
    }
    /* extent of the boxes (positions are centres) */
    for (i = 0; i < out->n; i++) {
        int laid = strcmp(o->engine, "json") != 0;
        double hw = laid ? ND_width(v[i]) * 36.0 : 40.0;
        double hh = laid ? ND_height(v[i]) * 36.0 : 12.0;
        if (i == 0 || out->v[i].x - hw < out->minx) {
            out->minx = out->v[i].x - hw;
        }
        if (i == 0 || out->v[i].x + hw > out->maxx) {
            out->maxx = out->v[i].x + hw;
        }
        if (i == 0 || out->v[i].y - hh < out->miny) {
            out->miny = out->v[i].y - hh;
        }
        if (i == 0 || out->v[i].y + hh > out->maxy) {
            out->maxy = out->v[i].y + hh;
        }
    }
    if (strcmp(o->engine, "json") != 0) {
        gvFreeLayout(gvc, G);
    }
cleanup:
    agclose(G);
    free(v);
    free(fs);
    free(gs);
    return rc;
}
