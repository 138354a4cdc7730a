/* SPDX-License-Identifier: MIT */
/*
 * Driving the graph phase: every result computed (graph_build.c), then
 * metrics.json, graph.json, periods/KEY.json and, for rg_agg_export(),
 * GEXF and CSV from the export models, each file written atomically.
 */
#include <string.h> /* memset */

#include <relgraph/graph.h>
#include <relgraph/io.h>

#include "common.h"
#include "export_load.h"
#include "graph_core.h"
#include "graph_job.h"
#include "graph_writer.h"
#include "strbuf.h"

int rg_agg_metrics_json(char **out, size_t *out_len, const rg_agg *agg)
{
    rg_graph_result overall;
    rg_graph_result *periods = NULL;
    rg_delta *deltas = NULL;
    rg_strbuf b = RG_STRBUF_INIT;
    int error;

    RG_ASSERT_ARG(out && agg);
    *out = NULL;
    memset(&overall, 0, sizeof overall);
    if ((error = rg_graph__compute_all(&overall, &periods, &deltas, agg)) != RG_OK ||
        (error = rg_graph__write_metrics(&b, agg, &overall, periods, agg->n_periods,
                                         deltas)) != RG_OK) {
        goto cleanup;
    }
    *out = rg_strbuf_detach(&b, out_len);
    if (!*out) {
        rg__error_set_oom();
        error = RG_ERROR;
    }
cleanup:
    rg_graph__dispose_all(&overall, periods, deltas, agg->n_periods);
    rg_strbuf_dispose(&b);
    return error;
}

/* graph.json or periods/KEY.json of slice s, and its model when asked. */
static int write_graph(rg_graph__writer *wr, rg_xgraph *model, rg_strbuf *b, const char *outdir,
                       const rg_agg *agg, const rg_slice *s, const rg_graph_result *r)
{
    const char *sub = s == &agg->overall ? "" : "periods/";
    rg_strbuf path = RG_STRBUF_INIT;
    int error;

    rg_strbuf_clear(b);
    if ((error = rg_graph__write_graphology(b, agg, s, r)) == RG_OK &&
        (error = rg_strbuf_printf(&path, "%s/%s%s.json", outdir, sub,
                                  *sub ? s->key : "graph")) == RG_OK &&
        (error = rg_graph__writer_put(wr, path.ptr, b)) == RG_OK && model) {
        /* b, emptied by the writer, is now scratch for numbers' text */
        error = rg_graph__fill_model(model, b, path.ptr, agg, s, r);
    }
    rg_strbuf_clear(b);
    rg_strbuf_dispose(&path);
    return error;
}

/* metrics.json, as a job beside the graph files (graph_job.h), with the
 * deltas between periods, which only it reads. */
typedef struct {
    const rg_agg *agg;
    const char *outdir;
    const rg_graph_result *overall, *periods;
} metrics_job;

/* dir/metrics.json from body, written at once on the job's thread. */
static int write_metrics_file(const char *dir, const rg_strbuf *body)
{
    rg_strbuf path = RG_STRBUF_INIT;
    int error;

    if ((error = rg_strbuf_printf(&path, "%s/metrics.json", dir)) == RG_OK) {
        error = rg_write_file_atomic(path.ptr, body->len ? body->ptr : "", body->len);
    }
    rg_strbuf_dispose(&path);
    return error;
}

static int metrics_job_run(void *arg)
{
    const metrics_job *m = arg;
    rg_strbuf b = RG_STRBUF_INIT;
    rg_delta *deltas = NULL;
    int error;

    if ((error = rg_graph__compute_deltas(&deltas, m->periods, m->agg->n_periods)) == RG_OK &&
        (error = rg_graph__write_metrics(&b, m->agg, m->overall, m->periods,
                                         m->agg->n_periods, deltas)) == RG_OK) {
        error = write_metrics_file(m->outdir, &b);
    }
    rg_graph__dispose_all(NULL, NULL, deltas, m->agg->n_periods);
    rg_strbuf_dispose(&b);
    return error;
}

/* The graph files and, with models, GEXF and CSV, each handed to a writer
 * thread (graph_writer.h) as soon as it is made. A failed file is reported
 * before this thread's own later failure, as when files were written here. */
static int write_graphs(rg_xgraph *models, rg_strbuf *b, const char *outdir,
                        const rg_agg *agg, const rg_graph_result *overall,
                        const rg_graph_result *periods)
{
    rg_graph__writer wr;
    size_t i, n = agg->n_periods;
    int error = RG_OK, wr_error;

    rg_graph__writer_start(&wr);
    for (i = 0; i <= n && error == RG_OK; i++) { /* 0: the overall graph */
        error = write_graph(&wr, models ? &models[i] : NULL, b, outdir, agg,
                            i ? agg->periods[i - 1] : &agg->overall,
                            i ? &periods[i - 1] : overall);
    }
    if (error == RG_OK && models &&
        (error = rg_export__gexf_write(outdir, &models[0], models + 1, n, &wr)) == RG_OK) {
        error = rg_export__csv_write(outdir, &models[0], &wr);
    }
    if ((wr_error = rg_graph__writer_finish(&wr)) != RG_OK) {
        error = wr_error;
    }
    return error;
}

/* metrics.json is the largest file and shares nothing with the others but
 * the results, which both sides only read: it is formatted and written on a
 * second thread (deltas included) while this one writes the graph files and
 * exports; the graph core, igraph, is done on this thread before. On
 * failure, metrics.json's error comes first, as it did when it was written
 * first. */
static int agg_write(const rg_agg *agg, const char *outdir, int exports)
{
    rg_graph_result overall;
    rg_graph_result *periods = NULL;
    rg_xgraph *models = NULL;
    rg_strbuf b = RG_STRBUF_INIT;
    rg_graph__job job;
    metrics_job mj;
    size_t i, n = agg->n_periods;
    int error, job_error;

    memset(&overall, 0, sizeof overall);
    if ((error = rg_strbuf_printf(&b, "%s/periods", outdir)) != RG_OK ||
        (error = rg_mkdir_p(b.ptr)) != RG_OK) {
        goto cleanup;
    }
    rg_strbuf_clear(&b);
    if (exports && !(models = rg__calloc(n + 1, sizeof *models))) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    if ((error = rg_graph__compute_results(&overall, &periods, agg)) != RG_OK) {
        goto cleanup;
    }
    mj.agg = agg;
    mj.outdir = outdir;
    mj.overall = &overall;
    mj.periods = periods;
    rg_graph__job_start(&job, metrics_job_run, &mj);
    error = write_graphs(models, &b, outdir, agg, &overall, periods);
    if ((job_error = rg_graph__job_join(&job)) != RG_OK) {
        error = job_error;
    }
cleanup:
    for (i = 0; models && i <= n; i++) {
        rg_export__graph_destroy(&models[i]);
    }
    rg__free(models);
    rg_graph__dispose_all(&overall, periods, NULL, n);
    rg_strbuf_dispose(&b);
    return error;
}

int rg_agg_write(const rg_agg *agg, const char *outdir)
{
    RG_ASSERT_ARG(agg && outdir);
    return agg_write(agg, outdir, 0);
}

int rg_agg_export(const rg_agg *agg, const char *outdir)
{
    RG_ASSERT_ARG(agg && outdir);
    return agg_write(agg, outdir, 1);
}
