/* SPDX-License-Identifier: MIT */
/*
 * relgraph-render internals. The program reads the Graphology JSON written
 * by `relgraph build` (docs/graph-json.md) into plain structs (render_json.c),
 * lays out all actors once (render_layout.c), builds one styled cgraph graph
 * per input with every actor at its shared position (render_dot.c), and
 * draws it with gvc's "nop" engine (render_png.c). Graphviz lives only here;
 * igraph never links into this program (licences: README).
 */
#ifndef RG_RENDER_H
#define RG_RENDER_H

#include <stddef.h>

#include <gvc.h> /* GVC_t, Agraph_t */

/* exit codes, as `relgraph` */
enum { RR_OK = 0, RR_ERROR = 1, RR_USAGE = 2, RR_DATA = 3 };

typedef struct {
    char *key, *label, *type;
    double size_val;  /* value of the --size-by attribute, 0 when absent */
    int has_size;
    int has_xy;
    double x, y;      /* layout hint from the JSON, points */
} rr_node;

typedef struct {
    size_t s, t;        /* node indexes */
    double weight;      /* co-mention weight (exact) */
    int sign;           /* -1, 0, 1 */
    double stance_net;
    long long documents;
} rr_edge;

typedef struct {
    char *path;
    char *base;         /* file name without folder and ".json" */
    char *title;        /* attributes.name, or the base name */
    char *period;       /* attributes.period, or "" */
    char *start, *end;  /* period_start / period_end, or "" */
    long long documents;
    int overall;        /* period is "all" */
    rr_node *nodes;     /* sorted by key */
    size_t n_nodes;
    rr_edge *edges;     /* sorted by (source key, target key) */
    size_t n_edges;
    double size_max;    /* max size_val over nodes */
    double weight_max;  /* max edge weight */
} rr_graph;

typedef struct {
    const char *size_by;
    const char *engine;  /* neato | fdp | sfdp | json */
    int ghosts;          /* draw absent actors faded (1) or invisible (0) */
    double wscale;       /* weight that gets the thickest line in periods */
} rr_opts;

/* Everything the command line asked for (main.c fills it, render_run.c runs it). */
typedef struct {
    rr_opts o;
    const char *formats[3];  /* "dot", "png", "svg": each at most once */
    size_t n_formats;
    const char *layout_from; /* or NULL: the union of the inputs */
    const char *strip;       /* PNG path or NULL */
    const char *outdir;      /* or NULL: beside each input */
    int verbose;
    char **inputs;
    size_t n_inputs;
} rr_args;

int rr_run(rr_args *a);

/* One laid-out actor: shared position and the look of its largest box. */
typedef struct {
    char *key;
    const char *label;   /* borrowed from a loaded graph */
    const char *type;
    double x, y;         /* points */
} rr_place;

typedef struct {
    rr_place *v;         /* sorted by key */
    size_t n;
    double minx, miny, maxx, maxy; /* extent of the boxes, points */
} rr_layout;

/* render_json.c: load; prints "relgraph-render: FILE..." and returns an exit code */
int rr_graph_load(rr_graph *g, const char *file, const char *size_by);
void rr_graph_free(rr_graph *g);
long rr_node_find(const rr_graph *g, const char *key);
char *rr_strdup(const char *s);
void rr_die_oom(void);

/* render_layout.c */
int rr_layout_compute(rr_layout *out, GVC_t *gvc, const rr_graph *src, const rr_graph *all,
                      size_t n_all, const rr_opts *o);
void rr_layout_free(rr_layout *l);
const rr_place *rr_layout_find(const rr_layout *l, const char *key);

/* render_dot.c: styling */
double rr_node_fontsize(const rr_graph *g, const rr_node *n);
void rr_set(void *obj, const char *name, const char *value);
char *rr_dot_label(const char *s); /* escString text; free() it */
void rr_setf(void *obj, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void rr_set_html(Agraph_t *root, void *obj, const char *name, const char *html);
void rr_node_style(void *n, const rr_graph *g, const rr_node *node, double fontsize);
Agraph_t *rr_graph_open(const char *name);
void rr_add_panel(Agraph_t *G, const rr_graph *g, const rr_layout *l, const rr_opts *o,
                  const char *prefix, double ox, double oy);
Agraph_t *rr_dot_build(const rr_graph *g, const rr_layout *l, const rr_opts *o);
int rr_dot_write(Agraph_t *G, const char *file);
void rr_add_legend(Agraph_t *G, const rr_opts *o, double x, double y);

/* render_png.c */
int rr_render_file(GVC_t *gvc, Agraph_t *G, const char *format, const char *file);
int rr_render_strip(GVC_t *gvc, rr_graph *const *graphs, size_t n, const rr_layout *l,
                    const rr_opts *o, const char *file);

#endif
