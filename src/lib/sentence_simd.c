/* SPDX-License-Identifier: MIT */
/*
 * The sentence splitter's candidate stops, 64 bytes at a time, from two
 * 16-entry nibble tables (SSSE3 pshufb, or AVX2 32 bytes a step); sentence.c
 * picks one through rg__cpu_level and walks the windows (run_end_simd).
 * Without RG_SENTENCE_SIMD (other CPUs, -DRG_SENTENCE_NO_SIMD) this file
 * is empty and the splitter runs its table loop.
 */
#include "sentence_internal.h"

#if RG_SENTENCE_SIMD
#include <immintrin.h>

/*
 * Candidate stops of the 64 bytes at p: bit k is set when p[k] may stop a
 * run. Each byte's class is lo[b & 15] & hi[b >> 4] (one pshufb each):
 * eight bits, each a rectangle of (high nibble, low nibble) pairs:
 *   bit 0 {0,B}x{7,A}  1 {2}x{1,2,9,E}  2 {3,5,7}x{D,F}
 *   bit 4 {8,9,C-F}x{all but 3,F}  5 {8,9,D-F}x{3}  6 {8,C-F}x{F}
 *   bit 3 {4,5}x{all}: capitals (and @ [ \ ] ^ _)
 *   bit 7 {3,6-F}x{all}: lowercase letters, digits, bytes >= 0x80 (and
 *         : ; < = > ? ` { | } ~ DEL)
 * Bits 0-2 and 4-6 cover every byte that is not RB_ALWAYS but capitals --
 * \n ! " ) . ? ] } and the bytes >= 0x80 but C3 and 9F-BF (B7 included);
 * a capital (bit 3) is a candidate after a bit 7 byte, or at p[0] when
 * word_before (the byte before is not RB_CAP_NEXT, or there is none; for
 * the second window of a call on, it is a bit 7 byte, a superset).
 * The rare bytes that are candidates without being stops (07 = @ [ \ ^ _
 * 7F BA, capitals after : ; < > ` { | ~) are dropped by run_end_simd,
 * which checks every candidate against run_byte. Round 6's exact SSE2
 * 16-byte skips cost ~55 instructions a block; this is ~10 a block and is
 * computed once per 64-byte window.
 */
#define LO_TAB 0x98, 0x9A, 0x9A, 0xA8, 0x98, 0x98, 0x98, 0x99, \
               0x98, 0x9A, 0x99, 0x98, 0x98, 0x9C, 0x9A, 0xCC
#define HI_TAB 0x01, 0x00, 0x02, (char)0x84, 0x08, 0x0C, (char)0x80, (char)0x84, \
               (char)0xF0, (char)0xB0, (char)0x80, (char)0x81, (char)0xD0, (char)0xF0, \
               (char)0xF0, (char)0xF0

/* The candidates from the three masks of a window (see above). */
static inline uint64_t run_cands_mix(uint64_t other, uint64_t cap, uint64_t word,
                                     int word_before)
{
    return other | (cap & (word << 1 | (uint64_t)word_before));
}

/* The candidates of the 64 bytes at p with SSSE3; *word gets the mask of
 * its bit 7 bytes (the next window's word_before is its bit 63). */
__attribute__((target("ssse3"))) static inline uint64_t cands_ssse3(const unsigned char *p,
                                                                   int word_before,
                                                                   uint64_t *word)
{
    const __m128i lo_tab = _mm_setr_epi8(LO_TAB), hi_tab = _mm_setr_epi8(HI_TAB);
    const __m128i nib = _mm_set1_epi8(0x0F), rest = _mm_set1_epi8(0x77);
    uint64_t none = 0, cap = 0, w = 0;
    int k;

    for (k = 0; k < 64; k += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
        __m128i c = _mm_and_si128(_mm_shuffle_epi8(lo_tab, _mm_and_si128(v, nib)),
                                  _mm_shuffle_epi8(hi_tab,
                                                   _mm_and_si128(_mm_srli_epi16(v, 4), nib)));
        none |= (uint64_t)(unsigned)_mm_movemask_epi8(
                    _mm_cmpeq_epi8(_mm_and_si128(c, rest), _mm_setzero_si128()))
                << k;
        cap |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_slli_epi16(c, 4)) << k;
        w |= (uint64_t)(unsigned)_mm_movemask_epi8(c) << k;
    }
    *word = w;
    return run_cands_mix(~none, cap, w, word_before);
}

__attribute__((target("ssse3"))) void rg_sentence__cands64(const unsigned char *p, size_t n,
                                                           int word_before, uint64_t *out)
{
    uint64_t word;
    size_t k;

    for (k = 0; k < n; k++, p += 64) {
        out[k] = cands_ssse3(p, word_before, &word);
        word_before = (int)(word >> 63);
    }
}

/* The classes of the 32 bytes at p (see rg_sentence__cands64). */
__attribute__((target("avx2"))) static inline __m256i run_class32(const unsigned char *p)
{
    const __m256i lo_tab = _mm256_setr_epi8(LO_TAB, LO_TAB);
    const __m256i hi_tab = _mm256_setr_epi8(HI_TAB, HI_TAB);
    const __m256i nib = _mm256_set1_epi8(0x0F);
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);

    return _mm256_and_si256(
        _mm256_shuffle_epi8(lo_tab, _mm256_and_si256(v, nib)),
        _mm256_shuffle_epi8(hi_tab, _mm256_and_si256(_mm256_srli_epi16(v, 4), nib)));
}

/* The candidates of the 32 classes c, whose byte before c[0] is the last
 * of before: the byte before each one is aligned under it (a lane swap and
 * a byte shift), its bit 7 moved to bit 3 and ANDed with the capital bit;
 * the bits kept (0x77, and bit 3 after a bit 7 byte) are nonzero exactly
 * for a candidate, and + 0x7F sets bit 7 for those (no carry: <= 0xFE). */
__attribute__((target("avx2"))) static inline uint32_t run_cands32(__m256i c, __m256i before)
{
    const __m256i rest = _mm256_set1_epi8(0x77), capb = _mm256_set1_epi8(0x08);
    __m256i p = _mm256_alignr_epi8(c, _mm256_permute2x128_si256(before, c, 0x21), 15);
    __m256i keep = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(p, 4), capb), rest);

    return (uint32_t)_mm256_movemask_epi8(
        _mm256_add_epi8(_mm256_and_si256(c, keep), _mm256_set1_epi8(0x7F)));
}

/* rg_sentence__cands64 with 32-byte vectors (AVX2 CPUs): each half's
 * candidates in the vector registers (run_cands32), the previous half's
 * classes carried as the bytes before. */
__attribute__((target("avx2"))) void rg_sentence__cands64_avx2(const unsigned char *p, size_t n,
                                                               int word_before, uint64_t *out)
{
    __m256i prev = _mm256_set1_epi8(word_before ? (char)0x80 : 0);
    size_t k;

    for (k = 0; k < n; k++, p += 64) {
        __m256i c0 = run_class32(p), c1 = run_class32(p + 32);
        out[k] = run_cands32(c0, prev) | (uint64_t)run_cands32(c1, c0) << 32;
        prev = c1;
    }
}

#endif
