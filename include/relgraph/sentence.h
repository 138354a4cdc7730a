/* SPDX-License-Identifier: MIT */
/*
 * French sentence segmentation over cleaned NFC text. Returns byte spans;
 * no text is copied. Rules are documented in sentence.c ("HOW IT WORKS").
 */
#ifndef RELGRAPH_SENTENCE_H
#define RELGRAPH_SENTENCE_H

#include "common.h"

typedef struct {
    size_t start; /* first byte of the sentence (no leading white space) */
    size_t end;   /* one past its last byte (no trailing white space) */
} rg_span;

/**
 * Split text into sentences.
 * Handles: abbreviations (M., MM., Mme, Dr, St, cf., p., av. J.-C., ...),
 * initials ("V. Poutine", "J.-C. Juncker"), dotted acronyms ("U.S.A."),
 * « », “ ” and " quotes (a sentence ending inside a quote ends after the
 * closing quote; a lowercase word or a comma after it continues the
 * sentence), ellipses (... and …, a cut only before a capital), ? and !,
 * decimal numbers (3.5, 1.000), Roman numerals ("Elizabeth II. Elle"),
 * glued sentences ("jeudi.Le", 'syndicat."Le'; not in URLs or domains),
 * headings glued to the next sentence ("l'idéeDonald": >= 3 lowercase
 * letters then a capital and a lowercase letter; brand names such as
 * "PlayStation" or "McDonald" stay whole, see sentence.c), titles without
 * final punctuation and paragraph breaks (a blank line always ends a
 * sentence; a single newline ends one when the line has no final
 * punctuation and the next line does not start with a lowercase letter or
 * continuing punctuation). Invalid UTF-8 is tolerated.
 * Spans exclude leading/trailing white space (incl. NBSP); empty sentences
 * are not returned.
 * @param[out] out    array of spans, NULL when none; free with rg_free()
 * @param[out] n_out  number of spans (0 for empty or blank text)
 * @param text        UTF-8 text, need not be NUL-terminated
 * @param len         its length in bytes
 * @return RG_OK or RG_ERROR (OOM; *out is NULL and *n_out 0)
 * Complexity: O(len); the only allocation is the growing output array.
 */
RG_EXTERN(int) rg_sentences_split(rg_span **out, size_t *n_out,
                                  const char *text, size_t len);

#endif
