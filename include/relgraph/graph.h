/* SPDX-License-Identifier: MIT */
/*
 * Graph core: streams documents' evidence into per-period and overall
 * aggregates (hash maps keyed by actor pair), then builds the co-mention and
 * stance graphs with igraph, computes the metrics and the change between
 * consecutive periods, and writes metrics.json plus Graphology JSON files.
 * Ownership: rg_agg is freed with rg_agg_free(); it borrows the dictionary,
 * which must outlive it. Evidence passed to rg_agg_add() is not retained.
 */
#ifndef RELGRAPH_GRAPH_H
#define RELGRAPH_GRAPH_H

#include "actors.h"
#include "common.h"
#include "date.h"
#include "evidence.h"

typedef enum {
    RG_PERIOD_MONTH = 0,   /* key "2017-12"; documents dated to the month or day */
    RG_PERIOD_QUARTER = 1, /* key "2017-Q4"; documents dated to the month or day */
    RG_PERIOD_YEAR = 2     /* key "2017"; every dated document */
} rg_period_kind;

typedef enum {
    RG_LAYER_PERSONS = 0,  /* person actors only */
    RG_LAYER_STATES = 1,   /* state actors only */
    RG_LAYER_ALL = 2       /* every actor: persons, states, organisations */
} rg_layer;

typedef struct {
    rg_period_kind period;
    rg_layer layer;
} rg_agg_options;

#define RG_AGG_OPTIONS_INIT { RG_PERIOD_MONTH, RG_LAYER_PERSONS }

/** Edges keep at most this many document ids (the smallest in byte order). */
#define RG_AGG_DOC_IDS_MAX 50

typedef struct rg_agg rg_agg;

/** "month", "quarter", "year". */
RG_EXTERN(const char *) rg_period_kind_name(rg_period_kind k);
/** Parse "month", "quarter" or "year". @return RG_OK or RG_EINVAL (message names the value) */
RG_EXTERN(int) rg_period_kind_parse(rg_period_kind *out, const char *s);
/** "persons", "states", "all". */
RG_EXTERN(const char *) rg_layer_name(rg_layer l);
/** Parse "persons", "states" or "all". @return RG_OK or RG_EINVAL */
RG_EXTERN(int) rg_layer_parse(rg_layer *out, const char *s);

/**
 * Period key of a date: "2017-12", "2017-Q4" or "2017".
 * @param buf   at least 16 bytes
 * @return 1 when the date falls in a period of this kind, 0 when it does not
 *         (undated; or only a year is known and the kind is month/quarter),
 *         in which case buf is "".
 */
RG_EXTERN(int) rg_period_key(char *buf, size_t size, rg_period_kind k, const rg_date *d);

/**
 * Create an empty aggregate.
 * @param[out] out   free with rg_agg_free()
 * @param actors     borrowed; must outlive the aggregate
 * @param opts       NULL for RG_AGG_OPTIONS_INIT
 * @return RG_OK or RG_ERROR (OOM)
 */
RG_EXTERN(int) rg_agg_new(rg_agg **out, const rg_actors *actors, const rg_agg_options *opts);

/**
 * Fold one document's evidence (ev->doc->id, ev->doc->date, ev->mentions,
 * ev->relations) into its period and into the overall aggregate. Nothing of
 * the evidence is kept except the document id in the capped id lists of the
 * edges it touches; the caller frees ev afterwards. Undated documents count
 * in the overall graph only; so do year-only dates for month and quarter
 * periods. Actors outside the layer are ignored.
 * @return RG_OK or RG_ERROR (OOM)
 * Complexity: O(mentions + relations) expected.
 */
RG_EXTERN(int) rg_agg_add(rg_agg *agg, const rg_evidence *ev);

/**
 * Build the graphs, compute every metric and the change over time, and
 * write DIR/metrics.json, DIR/graph.json and DIR/periods/<KEY>.json
 * (docs/metrics.md, docs/graph-json.md), each through rg_write_file_atomic.
 * Creates DIR and DIR/periods. Output is byte-identical across runs.
 * @return RG_OK, RG_EIO, RG_EGRAPH, RG_ERROR (OOM)
 * Complexity: per graph O(V*E + V^2 log V) (betweenness, closeness).
 */
RG_EXTERN(int) rg_agg_write(const rg_agg *agg, const char *outdir);

/**
 * As rg_agg_write, then DIR/graph.gexf, DIR/nodes.csv and DIR/edges.csv
 * (include/relgraph/export.h), written from the results in memory: the
 * bytes rg_export_gexf(DIR) and rg_export_csv(DIR) make from the files just
 * written, without reading them back. The GEXF timeline has this
 * aggregate's periods only (rg_export_gexf would also take other files
 * found in DIR/periods/).
 * @return RG_OK, RG_EIO, RG_EGRAPH, RG_ERROR (OOM)
 */
RG_EXTERN(int) rg_agg_export(const rg_agg *agg, const char *outdir);

/**
 * Remove the files of DIR/periods/ that an earlier build left for periods
 * this one does not have (2017-05.json, .dot, .png, .svg beside 2017.json
 * after a --period year build). Only files named like a period key with one
 * of those extensions are touched.
 * @param[out] n_removed  how many were removed; may be NULL
 * @return RG_OK, RG_EIO
 */
RG_EXTERN(int) rg_agg_prune_periods(const rg_agg *agg, const char *outdir, size_t *n_removed);

/**
 * As rg_agg_write, but only metrics.json, into memory.
 * @param[out] out  NUL-terminated; free with rg_free()
 */
RG_EXTERN(int) rg_agg_metrics_json(char **out, size_t *out_len, const rg_agg *agg);

RG_EXTERN(void) rg_agg_free(rg_agg *agg);

/** Documents added. */
RG_EXTERN(size_t) rg_agg_documents(const rg_agg *agg);
/** Documents without a date (in the overall graph, in no period). */
RG_EXTERN(size_t) rg_agg_undated(const rg_agg *agg);
/** Dated documents too coarse for the period kind (year only, month/quarter periods). */
RG_EXTERN(size_t) rg_agg_unplaced(const rg_agg *agg);
/** Number of periods with at least one document. */
RG_EXTERN(size_t) rg_agg_periods(const rg_agg *agg);
/** Key of period i (chronological order), borrowed. */
RG_EXTERN(const char *) rg_agg_period_key(const rg_agg *agg, size_t i);

#endif
