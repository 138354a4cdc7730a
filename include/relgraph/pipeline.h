/* SPDX-License-Identifier: MIT */
/*
 * The extraction pipeline: documents from a reader, evidence through an
 * extractor on N threads, handed to a callback in input order. Memory is
 * bounded by the batch size, whatever the corpus size.
 */
#ifndef RELGRAPH_PIPELINE_H
#define RELGRAPH_PIPELINE_H

#include "common.h"
#include "evidence.h"
#include "extract.h"
#include "reader.h"

/**
 * Called once per document, in input order, on the calling thread.
 * The evidence (and its document) are freed after the call returns.
 * Return RG_OK to go on, or a negative code to stop the run.
 */
typedef int (*rg_evidence_cb)(const rg_evidence *ev, void *payload);

typedef struct {
    int threads;        /* worker threads; 0 = number of online CPUs */
    size_t batch;       /* documents per batch; 0 = 256 */
    volatile int *stop; /* when non-NULL and set (e.g. by SIGINT), stop after the batch */
    /* when non-NULL, the thread that extracts a document also formats its
     * JSON line into rg_evidence.json (rg_evidence_to_json with these
     * actors) */
    const rg_actors *json_actors;
    /* when 1, a document's cleaned text, offset map and sentence spans do
     * not outlive its extraction: they live in buffers that the extracting
     * thread reuses for its next documents (after the line is made, if
     * any), and the callback sees rg_evidence.clean, clean_map and
     * sentences NULL, doc, mentions, relations and the counts as usual.
     * With 2 threads, about 5% less CPU time than handing them over to be
     * freed after the callback, plus the reuse */
    int release_text;
    /* when 1, with release_text and no json_actors, a document in which no
     * actor is found, and whose stance pass provably finds nothing, is not
     * split into sentences: the callback sees its n_sentences 0 (and no
     * mention or relation, as always for such a document). For callers
     * that read only mentions and relations, such as `relgraph build`:
     * a third of the OrangeSum documents mention no actor */
    int lazy_sentences;
} rg_pipeline_options;

#define RG_PIPELINE_OPTIONS_INIT { 0, 0, NULL, NULL, 0, 0 }

/**
 * Run the pipeline to the end of the input.
 * @return RG_OK, the first negative code from the reader (strict mode or
 *         I/O), the extractor (OOM) or the callback; RG_EINVAL when stopped.
 * Complexity: O(total input size); output is identical for any thread count.
 */
RG_EXTERN(int) rg_pipeline_run(rg_reader *r, const rg_extractor *ex,
                               const rg_pipeline_options *opts, rg_evidence_cb cb,
                               void *payload);

#endif
