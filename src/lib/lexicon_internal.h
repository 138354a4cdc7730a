/* SPDX-License-Identifier: MIT */
/*
 * Shared by the lexicon's two files: lexicon.c (lookups, stemmers) and
 * lexicon_load.c (the loader). Nothing here is used outside them.
 */
#ifndef RG_LIB_LEXICON_INTERNAL_H
#define RG_LIB_LEXICON_INTERNAL_H

#include <stddef.h> /* size_t */
#include <stdint.h> /* uint32_t */

#include "common.h" /* rg__fnv1a */
#include "lexicon.h"

/* The word table's hash (and the stem prefixes' bit sets, lx_pre_bit; the
 * stem cache has its own, lx_cache_set). */
static inline uint32_t rg_lexicon__hash(const char *s, size_t n)
{
    return rg__fnv1a(s, n);
}

/* The id of the key tag + w[0..n) in the word table, -1 when none. */
int rg_lexicon__find(const rg_lexicon *lx, char tag, const char *w, size_t n);

/* The Snowball French stem of w[0..n) (*out_n bytes, owned by st and valid
 * until its next call), NULL when out of memory. */
const char *rg_lexicon__stem(rg_lx_stemmer *st, const char *w, size_t n, size_t *out_n);

#endif
