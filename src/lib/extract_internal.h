/* SPDX-License-Identifier: MIT */
/*
 * Private interface of the extractor for the pipeline: buffers kept from
 * document to document on an extracting thread, and the extraction that
 * formats the JSON line and gives the text back at once.
 */
#ifndef RG_LIB_EXTRACT_INTERNAL_H
#define RG_LIB_EXTRACT_INTERNAL_H

#include <relgraph/extract.h>
#include "clean_internal.h"   /* clean_segs */
#include "matcher_internal.h" /* rg_matcher__side */
#include "strbuf.h"           /* rg_strbuf */

/*
 * Between rg_extract__reuse_begin() and rg_extract__reuse_end() on one
 * thread, the buffers an extraction needs only while it runs (the fold key
 * and its map, the HTML pass's output, the sort buffer) and those of a
 * lean rg_extract__run are kept for the next document of that thread
 * instead of being allocated and freed for each one (malloc and free were 5% of
 * extraction cycles, most of it for these blocks of 9 bytes per text
 * byte). Calls nest; the outermost _end() frees them.
 */
void rg_extract__reuse_begin(void);
void rg_extract__reuse_end(void);

/* rg_extract__run's modes, or-ed. */
enum {
    RG_EXTRACT__LEAN = 1, /* rg_pipeline_options.release_text */
    RG_EXTRACT__LAZY = 2  /* rg_pipeline_options.lazy_sentences (with LEAN, no json) */
};

/*
 * rg_extract_document, then, when json is non-NULL, the JSON line into
 * (*out)->json (rg_evidence_to_json with these actors), formatted in a
 * buffer kept within a reuse bracket and copied once at its size. When
 * mode has RG_EXTRACT__LEAN, the cleaned text, its map and the sentence
 * spans are then dropped ((*out)->clean, clean_map and sentences NULL):
 * within a reuse bracket they are the thread's kept buffers. With
 * RG_EXTRACT__LAZY too and json NULL, a document in which nothing is
 * found, and whose stance provably finds nothing, is not split: its
 * n_sentences is 0.
 * @return as rg_extract_document (nothing in *out on error)
 */
int rg_extract__run(rg_evidence **out, const rg_extractor *ex, rg_document *doc,
                    const rg_actors *json, int mode);

/* Step 5's second half (extract_dedupe.c): ev's sentences repeated word
 * for word are dropped, the first kept. RG_OK, or RG_ERROR (OOM, set). */
int rg_extract__dedupe(rg_evidence *ev);

/* The JSON line of ev appended to b (rg_evidence_to_json, evidence.c),
 * its offsets mapped through ev->clean_map or, when sg is non-NULL, the
 * segments of that map (rg_clean__text_segs; ev->clean_map unused). */
int rg_evidence__json_put(rg_strbuf *b, const rg_evidence *ev, const rg_actors *a,
                          const clean_segs *sg);

/*
 * The stance gate (extract_gate.c, HOW IT WORKS there): the documents
 * whose stance pass cannot yield a relation skip it.
 */
typedef struct rg_extract__gate rg_extract__gate;

/* Side keys of at most this many 64-bit words of bits (256 adjective
 * forms; past that the extractor runs without the gate). */
#define RG_EXTRACT__SIDE_WORDS 4

/* The gate of lexicon lx and dictionary a: the folds of the state
 * adjectives that can make items. Returns RG_OK or RG_ERROR (OOM, set). */
int rg_extract__gate_new(rg_extract__gate **out, const rg_lexicon *lx, const rg_actors *a);
void rg_extract__gate_free(rg_extract__gate *g);

/* The side keys for rg_matcher__new_side (*n of them; owned by g). */
const rg_matcher__side *rg_extract__gate_side(const rg_extract__gate *g, size_t *n);

/* 1 when two of the actors u[0..n) can make a stance or tone relation (one
 * level, or a person whose state is known and is not the other); negative
 * entries are ignored. */
int rg_extract__may_relate(const rg_actors *a, const int *u, size_t n);

/*
 * 1 when the stance pass of ev can yield nothing: its mentions' actors,
 * the states of the side keys found (bit i of side_hits: side key i) and
 * of the adjectives at sentence edges that cut a word, and those states'
 * leaders at `date` (NULL: undated) cannot relate. The caller checks that
 * the key was not odd and the matcher took the side keys.
 */
int rg_extract__gate_skips(const rg_extract__gate *g, const rg_evidence *ev,
                           const rg_actors *a, const rg_date *date, const uint64_t *side_hits);

/*
 * rg_extract__gate_skips for a document not split into sentences (ev has
 * none): the edges that may cut a word are taken from the text, at every
 * capital glued to a lowercase letter or a digit (the only places the
 * splitter cuts inside a word). 1 when the stance pass would yield
 * nothing whatever the sentences.
 */
int rg_extract__gate_idle(const rg_extract__gate *g, const rg_evidence *ev, const rg_actors *a,
                          const rg_date *date, const uint64_t *side_hits);

/* The offset of the first capital at or after text[p] that follows a
 * lowercase letter or a digit (the splitter's classes), or len. Invalid
 * UTF-8 just before a capital may count too (never fewer places). */
size_t rg_extract__gate_glue_next(const char *text, size_t len, size_t p);

/* For tests: 0 turns the gate off for ex's next extractions, 1 on again
 * (when the matcher took the side keys). Not thread-safe with them. */
void rg_extract__set_gate(rg_extractor *ex, int on);

/* For tests: 1 when ex's matcher reports the side keys (the gate can work). */
int rg_extract__gate_ready(const rg_extractor *ex);

#endif
