/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the French sentence splitter over arbitrary bytes (it must
 * tolerate invalid UTF-8). Checks: spans are non-empty, ordered, do not
 * overlap and stay inside the text.
 */
#include <stdint.h> /* uint8_t */

#include <relgraph/common.h>
#include <relgraph/sentence.h>
#include <relgraph/text.h>
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rg_span *sp = NULL;
    size_t n = 0, i;

    FUZZ_ASSERT(rg_sentences_split(&sp, &n, (const char *)data, size) == RG_OK);
    FUZZ_ASSERT(n == 0 || sp != NULL);
    for (i = 0; i < n; i++) {
        FUZZ_ASSERT(sp[i].start < sp[i].end);
        FUZZ_ASSERT(sp[i].end <= size);
        FUZZ_ASSERT(i == 0 || sp[i].start >= sp[i - 1].end);
    }
    rg_free(sp);
    return 0;
}
