/* SPDX-License-Identifier: MIT */
/*
 * Private: loads the Graphology JSON files that `relgraph build` writes
 * (docs/graph-json.md) for the file exporters (GEXF, CSV). A loaded graph
 * keeps the jansson document and exposes nodes and edges as arrays sorted
 * by key and by (source, target); all strings are borrowed from the document.
 */
#ifndef RG_LIB_EXPORT_LOAD_H
#define RG_LIB_EXPORT_LOAD_H

#include <jansson.h> /* json_t */

#include "common.h"
#include "strbuf.h"

typedef struct {
    const char *key;
    json_t *attrs; /* an object, never NULL */
} rg_xnode;

typedef struct {
    const char *key; /* "source|target" when the file has none */
    const char *source, *target;
    json_t *attrs;   /* an object, never NULL */
} rg_xedge;

typedef struct {
    char *path;          /* owned copy, used in messages */
    json_t *root;        /* owned */
    json_t *attrs;       /* graph attributes, never NULL */
    const char *period;  /* attributes.period or NULL */
    const char *start;   /* attributes.period_start when a YYYY-MM-DD date */
    const char *end;     /* attributes.period_end when a YYYY-MM-DD date */
    rg_xnode *nodes;
    size_t n_nodes;
    rg_xedge *edges;
    size_t n_edges;
    json_t *owned_keys;  /* array holding generated edge keys */
} rg_xgraph;

/**
 * Load and check one Graphology JSON file.
 * @param[out] g  initialised here; release with rg_export__graph_destroy()
 *                (also after a failure)
 * @return RG_OK, RG_EIO (cannot read), RG_EPARSE (syntax, with line and
 *         column, or structure; the message names the file), RG_ERROR (OOM)
 */
int rg_export__graph_load(rg_xgraph *g, const char *path);

void rg_export__graph_destroy(rg_xgraph *g);

/** Binary search by key; NULL when absent. */
const rg_xnode *rg_export__node_find(const rg_xgraph *g, const char *key);

/** Binary search by (source, target); NULL when absent. */
const rg_xedge *rg_export__edge_find(const rg_xgraph *g, const char *source,
                                     const char *target);

/**
 * Sorted file names "*.json" in folder `dir` (not recursive). A missing
 * folder gives zero names. Free with rg_export__names_free().
 * @return RG_OK, RG_EIO, RG_ERROR (OOM)
 */
int rg_export__list_json(char ***out, size_t *n_out, const char *dir);
void rg_export__names_free(char **names, size_t n);

/**
 * Append a JSON scalar as text: integers in decimal, reals in the shortest
 * form that reads back to the same double, booleans as true/false, strings
 * raw (caller escapes). Other kinds append nothing and return RG_EINVAL.
 */
int rg_export__put_scalar(rg_strbuf *b, const json_t *v);

/** 1 when s is a YYYY-MM-DD date with plausible month and day. */
int rg_export__is_date(const char *s);

#endif
