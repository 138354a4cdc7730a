/* SPDX-License-Identifier: MIT */
/*
 * Private: the graphs the file exporters (GEXF, CSV) write from, as a small
 * typed model: nodes and edges with their attributes as typed scalars,
 * exactly as jansson would read them from the Graphology JSON files of
 * `relgraph build` (docs/graph-json.md). It is filled either from those
 * files (rg_export__graph_load) or, in `build`, from the results in memory
 * (graph_write.c), so each exporter has one writer for both. Nodes are
 * sorted by key, edges by (source, target), attributes by name; strings are
 * borrowed (from the jansson document, or from the caller's results).
 */
#ifndef RG_LIB_EXPORT_LOAD_H
#define RG_LIB_EXPORT_LOAD_H

#include <jansson.h> /* json_t */

#include "common.h"
#include "graph_writer.h"
#include "strbuf.h"

/* The JSON kinds the writers tell apart. */
typedef enum {
    RG_XV_OTHER = 0, /* null, object, or an array inside an array: no text */
    RG_XV_INT,
    RG_XV_REAL,
    RG_XV_BOOL,
    RG_XV_STR,
    RG_XV_LIST       /* an array: u.list.n items from u.list.first in g->items */
} rg_xkind;

typedef struct {
    rg_xkind kind;
    union {
        long long i;
        double r;
        int b;
        struct { const char *s; size_t len; } str;
        struct { size_t first, n; } list;
    } u;
} rg_xval;

typedef struct {
    const char *name;
    rg_xval v;
} rg_xattr;

typedef struct {
    const char *key;
    const rg_xattr *attrs; /* sorted by name; set by rg_export__graph_done */
    size_t n_attrs, at;    /* at: index of the first in g->attrs */
} rg_xnode;

typedef struct {
    const char *key;       /* "source|target" when the file has none */
    const char *source, *target;
    const rg_xattr *attrs;
    size_t n_attrs, at;
} rg_xedge;

typedef struct rg_xchunk rg_xchunk;

typedef struct rg_xgraph { /* tagged: graph_core.h declares it */
    char *path;          /* owned copy, used in messages */
    json_t *root;        /* loaded from a file: the document, owned */
    const char *period;  /* attributes.period or NULL */
    const char *start;   /* attributes.period_start when a YYYY-MM-DD date */
    const char *end;     /* attributes.period_end when a YYYY-MM-DD date */
    char bounds[2][16];  /* storage of start and end for rg_export__graph_period */
    rg_xnode *nodes;
    size_t n_nodes, cap_nodes;
    rg_xedge *edges;
    size_t n_edges, cap_edges;
    RG_VEC(rg_xattr) attrs; /* every element's attributes, element after element */
    RG_VEC(rg_xval) items;  /* items of lists */
    rg_xchunk *chunks;      /* generated edge keys */
} rg_xgraph;

/**
 * Load and check one Graphology JSON file.
 * @param[out] g  initialised here; release with rg_export__graph_destroy()
 *                (also after a failure)
 * @return RG_OK, RG_EIO (cannot read), RG_EPARSE (syntax, with line and
 *         column, or structure; the message names the file), RG_ERROR (OOM)
 */
int rg_export__graph_load(rg_xgraph *g, const char *path);

/*
 * Filling a graph by hand, in this order: init; period (optional); nodes,
 * each followed by its attributes; nodes_done; edges, each followed by its
 * attributes; done. Strings are borrowed and must outlive g (edge keys
 * excepted). Each but period returns RG_OK or RG_ERROR (OOM, set),
 * nodes_done and done also RG_EPARSE (duplicate keys; the message names
 * path).
 */
int rg_export__graph_init(rg_xgraph *g, const char *path);
/* start and end are kept only when they are YYYY-MM-DD dates; cannot fail. */
void rg_export__graph_period(rg_xgraph *g, const char *period, const char *start,
                             const char *end);
int rg_export__add_node(rg_xgraph *g, const char *key);
/* key NULL: "source|target", kept in g */
int rg_export__add_edge(rg_xgraph *g, const char *key, const char *source, const char *target);
/* An attribute of the last node or edge; a list takes its items from the
 * next rg_export__add_item calls (v->u.list.n of them). */
int rg_export__add_attr(rg_xgraph *g, const char *name, const rg_xval *v);
int rg_export__add_item(rg_xgraph *g, const rg_xval *v);
int rg_export__nodes_done(rg_xgraph *g);
int rg_export__graph_done(rg_xgraph *g);

void rg_export__graph_destroy(rg_xgraph *g);

/**
 * The value of a number as the graph files write it (rg_graph__put_real:
 * text, s[0..n)) and as jansson reads it back: an integer when the text has
 * no '.' nor exponent ("2" for 2.0), else the double nearest to the text.
 * @return RG_OK, RG_EINVAL (not a number, or an integer out of range)
 */
int rg_export__number(rg_xval *out, const char *s, size_t n);

/** Binary search by key; NULL when absent. */
const rg_xnode *rg_export__node_find(const rg_xgraph *g, const char *key);

/** Binary search by (source, target); NULL when absent. */
const rg_xedge *rg_export__edge_find(const rg_xgraph *g, const char *source,
                                     const char *target);

/** 1 when v is set and a number (an integer or a real). */
static inline int rg_export__is_number(const rg_xval *v)
{
    return v && (v->kind == RG_XV_INT || v->kind == RG_XV_REAL);
}

/** Attribute of an element by name (attrs sorted, n of them); NULL when absent. */
const rg_xval *rg_export__attr(const rg_xattr *attrs, size_t n, const char *name);

/**
 * Sorted file names "*.json" in folder `dir` (not recursive). A missing
 * folder gives zero names. Free with rg_export__names_free().
 * @return RG_OK, RG_EIO, RG_ERROR (OOM)
 */
int rg_export__list_json(char ***out, size_t *n_out, const char *dir);
void rg_export__names_free(char **names, size_t n);

/**
 * Append a scalar as text: integers in decimal, reals in the shortest
 * form that reads back to the same double, booleans as true/false, strings
 * raw (caller escapes). Other kinds append nothing and return RG_EINVAL.
 */
int rg_export__put_scalar(rg_strbuf *b, const rg_xval *v);

/** 1 when s is a YYYY-MM-DD date with plausible month and day. */
int rg_export__is_date(const char *s);

/* XML text (export_xml.c). rg_export__xml_put appends s escaped for an
 * attribute value or text: the five entities, TAB/LF/CR as character
 * references, other C0 controls and U+FFFE/U+FFFF as U+FFFD.
 * rg_export__xml_attr appends ` name="escaped value"`. rg_export__xml_plain
 * is 1 when rg_export__xml_put would append s unchanged. */
int rg_export__xml_put(rg_strbuf *b, const char *s);
int rg_export__xml_attr(rg_strbuf *b, const char *name, const char *value);
int rg_export__xml_plain(const char *s);

/* The shared writers: graph.gexf from the overall graph and its periods
 * (sorted by key), nodes.csv and edges.csv from the overall graph, into dir,
 * each file handed to wr (graph_writer.h), or written at once when wr is
 * NULL. @return RG_OK, RG_EIO, RG_EPARSE (a period without dates), RG_ERROR */
int rg_export__gexf_write(const char *dir, const rg_xgraph *overall,
                          const rg_xgraph *periods, size_t n_periods, rg_graph__writer *wr);
int rg_export__csv_write(const char *dir, const rg_xgraph *g, rg_graph__writer *wr);

#endif
