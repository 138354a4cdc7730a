/* SPDX-License-Identifier: MIT */
/*
 * Batch-parallel extraction. HOW IT WORKS: the calling thread reads a batch
 * of documents (reading is sequential and cheap), the workers take documents
 * from the batch through an atomic index and extract them, then the calling
 * thread hands the evidence to the callback in input order and frees the
 * batch. Order, hence output, never depends on the thread count; memory is
 * bounded by the batch size. The extractor is read-only, so workers share it.
 */
#include <pthread.h>   /* pthread_create, pthread_join */
#include <stdio.h>     /* snprintf */
#include <stdatomic.h> /* atomic_size_t */
#include <unistd.h>    /* sysconf */

#include <relgraph/pipeline.h>
#include "common.h"

typedef struct {
    const rg_extractor *ex;
    rg_document **docs;
    rg_evidence **evs;
    int *codes;
    char (*msgs)[256];
    size_t n;
    atomic_size_t next;
} batch_job;

static void batch_work(batch_job *job)
{
    size_t i;

    while ((i = atomic_fetch_add(&job->next, 1)) < job->n) {
        job->codes[i] = rg_extract_document(&job->evs[i], job->ex, job->docs[i]);
        if (job->codes[i] < 0) {
            const rg_error *e = rg_error_last(); /* thread-local: copy it out */
            snprintf(job->msgs[i], sizeof job->msgs[i], "%s: %s", job->docs[i]->origin,
                     e ? e->message : "extraction failed");
        }
    }
}

static void *batch_thread(void *arg)
{
    batch_work(arg);
    return NULL;
}

/* Extract job->n documents with `threads` threads (the caller is one of them). */
static void batch_run(batch_job *job, int threads)
{
    pthread_t tid[64];
    int i, started = 0;

    atomic_store(&job->next, 0);
    for (i = 1; i < threads && i < 64; i++) {
        if (pthread_create(&tid[started], NULL, batch_thread, job) == 0) {
            started++;
        }
    }
    batch_work(job);
    for (i = 0; i < started; i++) {
        pthread_join(tid[i], NULL);
    }
}

int rg_pipeline_run(rg_reader *r, const rg_extractor *ex, const rg_pipeline_options *opts,
                    rg_evidence_cb cb, void *payload)
{
    static const rg_pipeline_options defaults = RG_PIPELINE_OPTIONS_INIT;
    batch_job job = { 0 };
    size_t cap, i;
    int threads, error = RG_OK, done = 0;

    opts = opts ? opts : &defaults;
    threads = opts->threads > 0 ? opts->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    threads = threads < 1 ? 1 : threads > 64 ? 64 : threads;
    cap = opts->batch ? opts->batch : 512;
    job.ex = ex;
    job.docs = rg__calloc(cap, sizeof *job.docs);
    job.evs = rg__calloc(cap, sizeof *job.evs);
    job.codes = rg__calloc(cap, sizeof *job.codes);
    job.msgs = rg__calloc(cap, sizeof *job.msgs);
    if (!job.docs || !job.evs || !job.codes || !job.msgs) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    while (!done && error == RG_OK) {
        int rc = 0;
        job.n = 0;
        while (job.n < cap && (rc = rg_reader_next(r, &job.docs[job.n])) > 0) {
            job.n++;
        }
        if (rc < 0) {
            error = rc;
        }
        done = rc == 0 && job.n < cap;
        batch_run(&job, threads);
        for (i = 0; i < job.n; i++) {
            if (error == RG_OK && job.codes[i] < 0) {
                rg__error_set(job.codes[i], "%s", job.msgs[i]);
                error = job.codes[i];
            }
            if (error == RG_OK) {
                error = cb(job.evs[i], payload);
            }
            rg_evidence_free(job.evs[i]);
            rg_document_free(job.docs[i]);
            job.evs[i] = NULL;
            job.docs[i] = NULL;
        }
        if (error == RG_OK && opts->stop && *opts->stop) {
            rg__error_set(RG_EINVAL, "interrupted");
            error = RG_EINVAL;
        }
    }
cleanup:
    rg__free(job.docs);
    rg__free(job.evs);
    rg__free(job.codes);
    rg__free(job.msgs);
    return error;
}
