/* SPDX-License-Identifier: MIT */
/*
 * The blocks of the matcher's scan from word starts (matcher_starts.c
 * includes this file alone, after its MS_* constants, ms_canon and
 * ms_hash): a block's letters and digits, its bytes >= 0x80 and its
 * canonical copy, with SSE2, AVX2 or plain C; the canonical copy of the
 * bytes after a batch's last block; the first filter of a block's starts
 * and what a block leaves to the next. Split from matcher_starts.c to
 * keep that file short; see there.
 */
#ifndef RG_LIB_MATCHER_STARTS_BLOCK_H
#define RG_LIB_MATCHER_STARTS_BLOCK_H

/*
 * The canonical form of n bytes k[0..n) (n a multiple of 16) to canon;
 * their letters and digits and their bytes >= 0x80 as bits (n <= 64).
 */
static RG_TEXT_INLINE uint64_t ms_canon_n(const unsigned char *k, unsigned char *canon, size_t n,
                                          uint64_t *high)
{
    uint64_t w = 0, hi = 0;
    size_t i;

#if defined(__SSE2__)
    const __m128i lo_a = _mm_set1_epi8((char)(0x80 - 'a')), n_a = _mm_set1_epi8(-128 + 26);
    const __m128i lo_0 = _mm_set1_epi8((char)(0x80 - '0')), n_0 = _mm_set1_epi8(-128 + 10);
    const __m128i x20 = _mm_set1_epi8(0x20);

    for (i = 0; i < n; i += 16) {
        /* unsigned range tests as signed ones: x - lo + 0x80 < n - 0x80;
         * x | 0x20 folds the capitals onto the small letters */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(k + i));
        __m128i l = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, x20), lo_a), n_a);
        __m128i d = _mm_cmplt_epi8(_mm_add_epi8(v, lo_0), n_0);
        __m128i wd = _mm_or_si128(l, d);
        _mm_storeu_si128((__m128i *)(void *)(canon + i), _mm_and_si128(v, wd));
        w |= (uint64_t)(unsigned)_mm_movemask_epi8(wd) << i;
        hi |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << i;
    }
#else
    for (i = 0; i < n; i++) {
        canon[i] = ms_canon(k[i]);
        w |= (uint64_t)(canon[i] != 0) << i;
        hi |= (uint64_t)(k[i] >> 7) << i;
    }
#endif
    *high = hi;
    return w;
}

/*
 * Block k[0..MS_BLOCK): returns its letters and digits as bits, sets
 * *high to its bytes >= 0x80 and writes its canonical form to canon.
 */
static RG_TEXT_INLINE uint64_t ms_block(const unsigned char *k, unsigned char *canon,
                                        uint64_t *high)
{
    return ms_canon_n(k, canon, MS_BLOCK, high);
}

/* The canonical form of the MS_AHEAD bytes k[0..MS_AHEAD) to canon. */
static RG_TEXT_INLINE void ms_ahead(const unsigned char *k, unsigned char *canon)
{
    uint64_t hi;

    (void)ms_canon_n(k, canon, MS_AHEAD, &hi);
}

/*
 * What a block leaves to the next, kept out of matcher_starts.c's ms_scan
 * so that it stays in registers (the canonical copy's stores may alias
 * anything whose address escapes): the batch's survivors so far, the
 * carry, and the block whose starts wait for the canonical bytes after it.
 */
typedef struct {
    const unsigned char *grams; /* the first filter */
    const unsigned char *last;  /* where the last block was read from */
    size_t batch;               /* key offset of the batch's first block */
    size_t n;                   /* starts in surv */
    uint64_t carry;             /* 1 when the last byte of the block before is a letter or digit */
    uint64_t wait;              /* the starts of the block at `at`, not yet filtered */
    size_t at;
} ms_run;

/*
 * The starts st of the block at batch offset `at` that the first filter
 * lets through, added to surv (their canonical bytes and the MS_AHEAD after
 * them must be in the batch's canon). Returns the new count.
 */
static RG_TEXT_INLINE size_t ms_grams(const unsigned char *canon, uint16_t *surv,
                                      const unsigned char *grams, size_t n, uint64_t st, size_t at)
{

    while (st) { /* no branch on the filter: survivors are kept by count */
        size_t b = rg__ctz64(st);
        uint32_t x, h;
        memcpy(&x, canon + at + b, 4);
        h = ms_hash(x);
        st &= st - 1;
        surv[n] = (uint16_t)(at + b);
        n += grams[h];
    }
    return n;
}

#if RG_TEXT_WIDE
/*
 * 32 bytes v: stores their canonical form to canon, returns 0xFF for
 * their ASCII letters and digits (unsigned range tests as signed ones, as
 * in ms_block).
 */
__attribute__((target("avx2,bmi,bmi2"))) static inline __m256i ms_word32(__m256i v,
                                                                         unsigned char *canon)
{
    const __m256i lo_a = _mm256_set1_epi8((char)(0x80 - 'a')), n_a = _mm256_set1_epi8(-128 + 26);
    const __m256i lo_0 = _mm256_set1_epi8((char)(0x80 - '0')), n_0 = _mm256_set1_epi8(-128 + 10);
    __m256i word = _mm256_or_si256(
        _mm256_cmpgt_epi8(n_a, _mm256_add_epi8(_mm256_or_si256(v, _mm256_set1_epi8(0x20)), lo_a)),
        _mm256_cmpgt_epi8(n_0, _mm256_add_epi8(v, lo_0)));

    _mm256_storeu_si256((__m256i *)(void *)canon, _mm256_and_si256(v, word));
    return word;
}

/* ms_block with AVX2, written out for its 2 x 32 bytes (inlined into
 * ms_scan_wide only). */
__attribute__((target("avx2,bmi,bmi2"))) static inline uint64_t
ms_block_wide(const unsigned char *k, unsigned char *canon, uint64_t *high)
{
    __m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)k);
    __m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(k + 32));
    uint64_t w0 = (uint32_t)_mm256_movemask_epi8(ms_word32(v0, canon));
    uint64_t w1 = (uint32_t)_mm256_movemask_epi8(ms_word32(v1, canon + 32));

    *high = (uint32_t)_mm256_movemask_epi8(v0) | (uint64_t)(uint32_t)_mm256_movemask_epi8(v1) << 32;
    return w0 | w1 << 32;
}
#endif

#endif
