/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the French sentence splitter over arbitrary bytes (it must
 * tolerate invalid UTF-8). Checks: spans are non-empty, ordered, do not
 * overlap and stay inside the text, and they are the spans of main's
 * splitter before round 7 (sentence.c compiled again below without its
 * SIMD run skipper, with the old rules; see tests/unit/test_sentence_simd.c).
 */
#include <stdint.h> /* uint8_t */

#include <relgraph/common.h>
#include <relgraph/sentence.h>
#include <relgraph/text.h>
#include "fuzz.h"

#define RG_SENTENCE_NO_SIMD 1
#include "../unit/test_sentence_ref_rules.h"
#include "sentence.c"
#undef rg_sentences_split

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rg_span *sp = NULL, *ref = NULL;
    size_t n = 0, n_ref = 0, i;

    FUZZ_ASSERT(rg_sentences_split(&sp, &n, (const char *)data, size) == RG_OK);
    FUZZ_ASSERT(rg_sentences_split_ref(&ref, &n_ref, (const char *)data, size) == RG_OK);
    FUZZ_ASSERT(n == n_ref);
    FUZZ_ASSERT(n == 0 || sp != NULL);
    for (i = 0; i < n; i++) {
        FUZZ_ASSERT(sp[i].start < sp[i].end);
        FUZZ_ASSERT(sp[i].end <= size);
        FUZZ_ASSERT(i == 0 || sp[i].start >= sp[i - 1].end);
        FUZZ_ASSERT(sp[i].start == ref[i].start && sp[i].end == ref[i].end);
    }
    rg_free(sp);
    rg_free(ref);
    return 0;
}
