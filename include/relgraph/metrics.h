/* SPDX-License-Identifier: MIT */
/*
 * Metrics files: the names of the per-actor metrics written to metrics.json
 * (docs/metrics.md), and the comparison of two metrics files, either as a
 * regression check against a baseline or as a human-readable change report.
 * Ownership: text returned through `char **out` is freed with rg_free().
 */
#ifndef RELGRAPH_METRICS_H
#define RELGRAPH_METRICS_H

#include "common.h"

/* Per-actor metrics, in the byte order of their names (= JSON key order). */
typedef enum {
    RG_METRIC_AUTHORITY = 0,
    RG_METRIC_BETWEENNESS,
    RG_METRIC_CLOSENESS,
    RG_METRIC_DEGREE,
    RG_METRIC_DOCUMENTS,
    RG_METRIC_EIGENVECTOR,
    RG_METRIC_HARMONIC,
    RG_METRIC_HUB,
    RG_METRIC_MENTIONS,
    RG_METRIC_PAGERANK,
    RG_METRIC_STANCE_GIVEN,
    RG_METRIC_STANCE_IN_NEG,
    RG_METRIC_STANCE_IN_POS,
    RG_METRIC_STANCE_OUT_NEG,
    RG_METRIC_STANCE_OUT_POS,
    RG_METRIC_STANCE_RECEIVED,
    RG_METRIC_STRENGTH,
    RG_METRIC__COUNT
} rg_metric;

/** JSON name of a metric ("pagerank", ...), or NULL when out of range. */
RG_EXTERN(const char *) rg_metric_name(rg_metric m);
/** The metric with this name, or -1. */
RG_EXTERN(int) rg_metric_from_name(const char *name);

typedef struct {
    double tolerance;            /* absolute; a change larger than this is reported */
    const char *const *metrics;  /* restrict to these actor metrics / graph fields; NULL = all */
    size_t n_metrics;
} rg_check_options;

#define RG_CHECK_OPTIONS_INIT { 1e-6, NULL, 0 }

/**
 * Compare a metrics file with a baseline: every numeric actor metric and
 * graph-level value, overall and per period, that moved by more than the
 * tolerance, plus periods, actors and edges that appear or disappear.
 * @param[out] out        a table, one line per change, with a header line
 *                        (actor, metric, period, old, new, delta); "" when
 *                        nothing moved; free with rg_free()
 * @param[out] n_changes  number of lines in the table (0 = no regression)
 * @return RG_OK, RG_EIO (unreadable file), RG_EPARSE ("FILE:LINE: message"
 *         for invalid JSON or a file that is not a metrics file), RG_ERROR (OOM)
 * Complexity: O(A log A) per period for A actors.
 */
RG_EXTERN(int) rg_metrics_check(char **out, size_t *out_len, size_t *n_changes,
                                const char *baseline_path, const char *new_path,
                                const rg_check_options *opts);

/**
 * Describe, for people, the change from one graph to another: the overall
 * graph of each file, or a period of each (period_a / period_b; NULL =
 * overall). The same file may be given twice to compare two of its periods.
 * Lists graph-level changes, Spearman rank correlations, the biggest actor
 * rank changes, edges that appeared, disappeared or flipped sign, and the
 * edge-set Jaccard index.
 * @param[out] out  text; free with rg_free()
 * @return RG_OK, RG_EIO, RG_EPARSE, RG_ENOTFOUND (no such period), RG_ERROR
 */
RG_EXTERN(int) rg_metrics_diff(char **out, size_t *out_len,
                               const char *path_a, const char *period_a,
                               const char *path_b, const char *period_b);

#endif
