/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the match-key fold (rg_text__fold_odd) of arbitrary bytes
 * with the AVX2 blocks against the SSE2 ones (rg_text__fold_wide_set),
 * where the machine has AVX2: the same key, map and odd flag. The first
 * byte places the text at one of 32 offsets of an aligned buffer (the
 * blocks' loads and the tail's overlapping block see every alignment).
 * Elsewhere both folds take the same path and the check is trivial.
 * The second fold also takes the text in parts of 1 to 64 bytes
 * (rg_text__fold_part_set, from the first byte's top bits): the fold's own
 * map has 4-byte offsets and a longer text goes part by part.
 */
#include <stdint.h> /* uint8_t */
#include <string.h> /* memcmp, memcpy */

#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include "text_internal.h" /* rg_text__fold_odd, rg_text__fold_wide_set, _part_set */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Folds s[0..len) with the AVX2 blocks on (wide 1) or off. */
static void fold_with(int wide, const char *s, size_t len, char **k, size_t *kl, size_t **m,
                      int *odd)
{
    rg_text__fold_wide_set(wide);
    FUZZ_ASSERT(rg_text__fold_odd(k, kl, m, s, len, odd) == RG_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char buf[4096 + 64] __attribute__((aligned(32)));
    char *k1 = NULL, *k2 = NULL;
    size_t l1 = 0, l2 = 0, *m1 = NULL, *m2 = NULL, shift, len;
    int odd1 = 0, odd2 = 0;

    if (size == 0) {
        return 0;
    }
    shift = data[0] % 32;
    len = size - 1 < 4096 ? size - 1 : 4096;
    memcpy(buf + shift, data + 1, len);
    fold_with(1, buf + shift, len, &k1, &l1, &m1, &odd1);
    rg_text__fold_part_set(1 + (size_t)(data[0] >> 5) * 9); /* parts of 1..64 bytes */
    fold_with(0, buf + shift, len, &k2, &l2, &m2, &odd2);
    rg_text__fold_part_set(0);
    rg_text__fold_wide_set(1);
    FUZZ_ASSERT(l1 == l2 && memcmp(k1, k2, l1) == 0);
    FUZZ_ASSERT(memcmp(m1, m2, (l1 + 1) * sizeof *m1) == 0);
    FUZZ_ASSERT(odd1 == odd2);
    rg_free(k1);
    rg_free(k2);
    rg_free(m1);
    rg_free(m2);
    return 0;
}
