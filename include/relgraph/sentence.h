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
 * Handles: abbreviations (M., MM., Mme, Dr, St, etc., av. J.-C.), initials
 * ("V. Poutine"), « » and " quotes (a full stop inside a quote that ends the
 * sentence keeps the closing quote with it), ellipses (... and …), decimal
 * numbers (3.5, 1.000), Roman numerals after a name ("Elizabeth II."),
 * glued sentences with no space after the full stop ("jeudi.Le"), headings
 * glued to the next sentence ("l'idéeDonald": lowercase then uppercase
 * letter, both of at least ... see sentence.c), titles without final
 * punctuation and paragraph breaks (a blank line always ends a sentence;
 * a single newline ends one when the line has no final punctuation and the
 * next line starts with a capital, a quote or a dash).
 * @param[out] out    array of spans; free with rg_free()
 * @param[out] n_out  number of spans (0 for empty or blank text)
 * @return RG_OK or RG_ERROR (OOM)
 * Complexity: O(len).
 */
RG_EXTERN(int) rg_sentences_split(rg_span **out, size_t *n_out,
                                  const char *text, size_t len);

#endif
