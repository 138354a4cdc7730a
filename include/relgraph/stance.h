/* SPDX-License-Identifier: MIT */
/*
 * Stance lexicon and stance/tone detection. The lexicon (data/lexicon.tsv,
 * format in docs/lexicon.md) maps French cues to a sign, a Goldstein
 * intensity and a CAMEO-style category; inflected forms match through Snowball
 * French stems (libstemmer). Detection works one sentence at a time with a
 * small per-document context (persons named so far, for "les deux
 * présidents"). Ownership: lexicon and context are freed with their _free().
 */
#ifndef RELGRAPH_STANCE_H
#define RELGRAPH_STANCE_H

#include "actors.h"
#include "common.h"
#include "date.h"
#include "evidence.h"

typedef struct rg_lexicon rg_lexicon;
typedef struct rg_stance_ctx rg_stance_ctx;

/** The lexicon embedded in the library (data/lexicon.tsv at build time). */
RG_EXTERN(int) rg_lexicon_default(rg_lexicon **out);
/** Load a lexicon; errors name file:line. @return RG_OK, RG_EIO, RG_EPARSE, RG_ERROR */
RG_EXTERN(int) rg_lexicon_load(rg_lexicon **out, const char *path);
RG_EXTERN(void) rg_lexicon_free(rg_lexicon *lx);

typedef struct {
    int attribute_states; /* 1: also credit a state stance to its leader at the date */
} rg_stance_options;

#define RG_STANCE_OPTIONS_INIT { 0 }

/** Per-document context; `date` may be NULL (undated). */
RG_EXTERN(int) rg_stance_ctx_new(rg_stance_ctx **out, const rg_actors *a,
                                 const rg_date *date, const rg_stance_options *opts);
RG_EXTERN(void) rg_stance_ctx_free(rg_stance_ctx *ctx);

/**
 * Find stance and tone relations in one sentence of the cleaned text and
 * append them to *rels (a growable array: *n used, *cap allocated; grown
 * with the library allocator and freed by the caller with rg_free()).
 * @param text       the whole cleaned text
 * @param sent       the sentence's span in text
 * @param index      the sentence's index (copied into each relation)
 * @param mentions   the mentions inside this sentence, in text order
 * @return RG_OK or RG_ERROR (OOM)
 */
RG_EXTERN(int) rg_stance_sentence(rg_relation **rels, size_t *n, size_t *cap,
                                  const rg_lexicon *lx, rg_stance_ctx *ctx,
                                  const char *text, rg_span sent, size_t index,
                                  const rg_mention *mentions, size_t n_mentions);

#endif
