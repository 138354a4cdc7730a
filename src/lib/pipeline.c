/* SPDX-License-Identifier: MIT */
/*
 * Pipelined, batch-parallel extraction. Two batch slots are in flight: the
 * calling thread reads batch N+1 while the workers extract batch N, then
 * helps finish batch N and hands its evidence to the callback in input
 * order. Reading, the callback and every reader warning stay on the calling
 * thread; the extractor is read-only, so workers share it. Order, hence
 * output, never depends on the thread count; memory is bounded by two
 * batches.
 */
#include <pthread.h> /* pthread_join, pthread_mutex_t, pthread_cond_t */
#include <stdio.h>   /* snprintf */
#include <string.h>  /* memset */
#include <unistd.h>  /* sysconf */

#include <relgraph/pipeline.h>
#include "common.h"
#include "extract_internal.h" /* rg_extract__run, rg_extract__reuse_begin */
#include "reader_internal.h" /* rg_doc_arena, rg_reader__use_arena */
#include "stance_internal.h" /* rg_stance__reuse_begin, rg_stance__reuse_end */
#include "thread.h"          /* rg__thread_create */

#define PL_MAX_THREADS 64
#define PL_DEFAULT_BATCH 256

/* One batch of documents and what extraction made of them. */
typedef struct {
    rg_document **docs;
    rg_evidence **evs;
    int *codes;
    char (*msgs)[256];
    size_t n;    /* documents in the batch */
    size_t next; /* next document to hand out (under pl_shared.mu) */
    size_t done; /* documents extracted (under pl_shared.mu) */
    rg_doc_arena arena; /* storage of the documents (the calling thread's) */
} pl_batch;

/*
 * HOW IT WORKS
 * State shared by the calling thread and the workers, all under `mu`.
 * `slot[head]` is the oldest published batch, `slot[head ^ 1]` the newer
 * one when `published` is 2. A worker takes the first document not yet
 * handed out, oldest batch first, so batch N is finished before batch N+1
 * is started; when no document is left it sleeps on `work`. The calling
 * thread:
 *
 *     read A, publish A
 *     loop: read B, publish B      <- workers are extracting A meanwhile
 *           help extract A, wait until A is done
 *           callbacks for A in order, free A, retire A    (B goes on)
 *           swap A and B
 *
 * With --threads 1 there is no worker and this is a plain sequential loop,
 * each document handed to the callback as soon as it is extracted.
 * The lock is taken twice per document (~0.3 ms of work each), which is
 * nothing next to extraction.
 */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t work;      /* a batch was published, or quit */
    pthread_cond_t finished;  /* the oldest batch may be complete */
    pl_batch slot[2];
    int head;                 /* index of the oldest published batch */
    int published;            /* 0, 1 or 2 */
    int quit;
    int alone;                /* no worker thread: see pl_extract_emit */
    const rg_extractor *ex;
    const rg_actors *json;    /* rg_pipeline_options.json_actors */
    int mode;                 /* rg_extract__run's, from release_text, lazy_sentences */
} pl_shared;

static int pl_batch_init(pl_batch *b, size_t cap)
{
    memset(b, 0, sizeof *b);
    b->docs = rg__calloc(cap, sizeof *b->docs);
    b->evs = rg__calloc(cap, sizeof *b->evs);
    b->codes = rg__calloc(cap, sizeof *b->codes);
    b->msgs = rg__calloc(cap, sizeof *b->msgs);
    if (!b->docs || !b->evs || !b->codes || !b->msgs) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    return RG_OK;
}

/* Frees what the batch still holds and resets it to empty. */
static void pl_batch_clear(pl_batch *b)
{
    size_t i;

    for (i = 0; i < b->n; i++) {
        rg_evidence_free(b->evs[i]);
        rg_document_free(b->docs[i]);
        b->evs[i] = NULL;
        b->docs[i] = NULL;
    }
    rg_document__arena_reset(&b->arena);
    b->n = b->next = b->done = 0;
}

static void pl_batch_dispose(pl_batch *b)
{
    if (b->docs) {
        pl_batch_clear(b);
    }
    rg_document__arena_dispose(&b->arena);
    rg__free(b->docs);
    rg__free(b->evs);
    rg__free(b->codes);
    rg__free(b->msgs);
}

/* Extracts document i of b (no lock held); formats its line and keeps its
 * text to this thread when asked (rg_pipeline_options.json_actors,
 * release_text). */
static void pl_extract_one(const pl_shared *sh, pl_batch *b, size_t i)
{
    b->codes[i] = rg_extract__run(&b->evs[i], sh->ex, b->docs[i], sh->json, sh->mode);
    if (b->codes[i] < 0) {
        const rg_error *e = rg_error_last(); /* thread-local: copy it out */
        snprintf(b->msgs[i], sizeof b->msgs[i], "%s: %s", b->docs[i]->origin,
                 e ? e->message : "extraction failed");
    }
}

/* Under mu: the first published batch with a document left, or NULL. */
static pl_batch *pl_pending(pl_shared *sh)
{
    int k;

    for (k = 0; k < sh->published; k++) {
        pl_batch *b = &sh->slot[sh->head ^ k];
        if (b->next < b->n) {
            return b;
        }
    }
    return NULL;
}

/* Under mu: marks one document of b extracted, waking the calling thread
 * when the batch is complete. */
static void pl_mark_done(pl_shared *sh, pl_batch *b)
{
    if (++b->done == b->n) {
        pthread_cond_broadcast(&sh->finished);
    }
}

static void *pl_worker(void *arg)
{
    pl_shared *sh = arg;

    rg_stance__reuse_begin(); /* one stance context per thread, not per document */
    rg_extract__reuse_begin(); /* and one set of extraction buffers */
    pthread_mutex_lock(&sh->mu);
    while (!sh->quit) {
        pl_batch *b = pl_pending(sh);
        size_t i;

        if (!b) {
            pthread_cond_wait(&sh->work, &sh->mu);
            continue;
        }
        i = b->next++;
        pthread_mutex_unlock(&sh->mu);
        pl_extract_one(sh, b, i);
        pthread_mutex_lock(&sh->mu);
        pl_mark_done(sh, b);
    }
    pthread_mutex_unlock(&sh->mu);
    rg_extract__reuse_end();
    rg_stance__reuse_end();
    return NULL;
}

/* Calling thread: helps extract the oldest batch, then waits for it. */
static pl_batch *pl_finish_oldest(pl_shared *sh)
{
    pl_batch *b;

    pthread_mutex_lock(&sh->mu);
    b = &sh->slot[sh->head];
    while (b->next < b->n) {
        size_t i = b->next++;
        pthread_mutex_unlock(&sh->mu);
        pl_extract_one(sh, b, i);
        pthread_mutex_lock(&sh->mu);
        pl_mark_done(sh, b);
    }
    while (b->done < b->n) {
        pthread_cond_wait(&sh->finished, &sh->mu);
    }
    pthread_mutex_unlock(&sh->mu);
    return b;
}

/* Calling thread: reads up to cap documents into the free slot and
 * publishes it. Returns the reader's last code: 1 more to come, 0 end,
 * negative error (the documents read before it are published anyway). */
static int pl_fill(pl_shared *sh, rg_reader *r, size_t cap)
{
    pl_batch *b = &sh->slot[sh->head ^ sh->published];
    int rc = 1;

    /* the slot is not published: no worker looks at it, no lock needed */
    rg_reader__use_arena(r, &b->arena);
    while (b->n < cap && (rc = rg_reader_next(r, &b->docs[b->n])) > 0) {
        b->n++;
    }
    rg_reader__use_arena(r, NULL);
    pthread_mutex_lock(&sh->mu);
    sh->published++;
    pthread_cond_broadcast(&sh->work);
    pthread_mutex_unlock(&sh->mu);
    return rc;
}

/* Calling thread: the callback for document i of b (or its extraction
 * error), then its evidence is freed. */
static int pl_emit_one(pl_batch *b, size_t i, rg_evidence_cb cb, void *payload)
{
    int error;

    if (b->codes[i] < 0) {
        rg__error_set(b->codes[i], "%s", b->msgs[i]);
        error = b->codes[i];
    } else {
        error = cb(b->evs[i], payload);
    }
    rg_evidence_free(b->evs[i]);
    b->evs[i] = NULL;
    return error;
}

/*
 * Calling thread, no worker: extracts the oldest batch one document at a
 * time and hands each to the callback at once, while its text, cleaned
 * text and offset map are still in cache (written after the whole batch,
 * they had been evicted: the offset lookups of the JSON writer were 1% of
 * cycles). Same documents, same order, same first error as extracting the
 * batch and then emitting it; nothing after an error is extracted.
 */
static int pl_extract_emit(pl_shared *sh, pl_batch *b, rg_evidence_cb cb, void *payload)
{
    size_t i;
    int error = RG_OK;

    for (i = 0; i < b->n && error == RG_OK; i++) {
        pl_extract_one(sh, b, i);
        error = pl_emit_one(b, i, cb, payload);
    }
    return error;
}

/* Calling thread: callbacks for the finished oldest batch, in order, up to
 * the first error. */
static int pl_emit_all(pl_batch *b, rg_evidence_cb cb, void *payload)
{
    size_t i;
    int error = RG_OK;

    for (i = 0; i < b->n && error == RG_OK; i++) {
        error = pl_emit_one(b, i, cb, payload);
    }
    return error;
}

/* Calling thread: retires the oldest batch, whatever was emitted of it. */
static void pl_retire_oldest(pl_shared *sh, pl_batch *b)
{
    /* unpublish before clearing: pl_pending() reads n and next of every
     * published batch under mu, and a clear seen half-done (next 0, n not
     * yet) hands a worker a freed document */
    pthread_mutex_lock(&sh->mu);
    sh->head ^= 1;
    sh->published--;
    pthread_mutex_unlock(&sh->mu);
    pl_batch_clear(b);
}

/* The calling thread's loop; see HOW IT WORKS. */
static int pl_drive(pl_shared *sh, rg_reader *r, size_t cap, const rg_pipeline_options *opts,
                    rg_evidence_cb cb, void *payload)
{
    char read_msg[512] = "";
    int rc, read_error = RG_OK, error = RG_OK;

    rc = pl_fill(sh, r, cap);
    while (sh->published > 0 && error == RG_OK) {
        pl_batch *b;

        if (rc < 0 && read_error == RG_OK) {
            /* keep the reader's message until the batches before it are out */
            const rg_error *e = rg_error_last();
            snprintf(read_msg, sizeof read_msg, "%s", e ? e->message : "read failed");
            read_error = rc;
        }
        if (rc > 0 && sh->published < 2 && !(opts->stop && *opts->stop)) {
            rc = pl_fill(sh, r, cap);
            continue; /* the error check above sees a failure of this fill */
        }
        if (read_error != RG_OK && sh->published == 1) {
            /* this batch holds the failing read: like a sequential run,
             * nothing of it is written */
            b = sh->alone ? &sh->slot[sh->head] : pl_finish_oldest(sh);
            rg__error_set(read_error, "%s", read_msg);
            error = read_error;
        } else if (sh->alone) {
            b = &sh->slot[sh->head];
            error = pl_extract_emit(sh, b, cb, payload);
        } else {
            b = pl_finish_oldest(sh);
            error = pl_emit_all(b, cb, payload);
        }
        pl_retire_oldest(sh, b);
        if (error == RG_OK && opts->stop && *opts->stop) {
            rg__error_set(RG_EINVAL, "interrupted");
            error = RG_EINVAL;
        }
    }
    return error;
}

int rg_pipeline_run(rg_reader *r, const rg_extractor *ex, const rg_pipeline_options *opts,
                    rg_evidence_cb cb, void *payload)
{
    static const rg_pipeline_options defaults = RG_PIPELINE_OPTIONS_INIT;
    pl_shared sh;
    pthread_t tid[PL_MAX_THREADS];
    size_t cap;
    int threads, started = 0, i, error = RG_OK;

    opts = opts ? opts : &defaults;
    threads = opts->threads > 0 ? opts->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    threads = threads < 1 ? 1 : threads > PL_MAX_THREADS ? PL_MAX_THREADS : threads;
    cap = opts->batch ? opts->batch : PL_DEFAULT_BATCH;
    memset(&sh, 0, sizeof sh);
    sh.ex = ex;
    sh.json = opts->json_actors;
    sh.mode = (opts->release_text ? RG_EXTRACT__LEAN : 0) |
              (opts->lazy_sentences ? RG_EXTRACT__LAZY : 0);
    if (pthread_mutex_init(&sh.mu, NULL) != 0) {
        rg__error_set(RG_ERROR, "cannot create a mutex");
        return RG_ERROR;
    }
    if (pthread_cond_init(&sh.work, NULL) != 0) {
        pthread_mutex_destroy(&sh.mu);
        rg__error_set(RG_ERROR, "cannot create a condition variable");
        return RG_ERROR;
    }
    if (pthread_cond_init(&sh.finished, NULL) != 0) {
        pthread_cond_destroy(&sh.work);
        pthread_mutex_destroy(&sh.mu);
        rg__error_set(RG_ERROR, "cannot create a condition variable");
        return RG_ERROR;
    }
    if ((error = pl_batch_init(&sh.slot[0], cap)) < 0 ||
        (error = pl_batch_init(&sh.slot[1], cap)) < 0) {
        goto cleanup;
    }
    /* the calling thread is one of the `threads`; too few workers is fine */
    for (i = 1; i < threads; i++) {
        if (rg__thread_create(&tid[started], pl_worker, &sh) == 0) {
            started++;
        }
    }
    sh.alone = started == 0;
    rg_stance__reuse_begin();
    rg_extract__reuse_begin();
    error = pl_drive(&sh, r, cap, opts, cb, payload);
    rg_extract__reuse_end();
    rg_stance__reuse_end();
cleanup:
    pthread_mutex_lock(&sh.mu);
    sh.quit = 1;
    pthread_cond_broadcast(&sh.work);
    pthread_mutex_unlock(&sh.mu);
    for (i = 0; i < started; i++) {
        pthread_join(tid[i], NULL);
    }
    /* on an early stop the slots may still hold documents in flight: the
     * workers are joined, so extraction of what they took has finished */
    pl_batch_dispose(&sh.slot[0]);
    pl_batch_dispose(&sh.slot[1]);
    pthread_cond_destroy(&sh.work);
    pthread_cond_destroy(&sh.finished);
    pthread_mutex_destroy(&sh.mu);
    return error;
}
