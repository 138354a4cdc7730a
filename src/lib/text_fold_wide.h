/* SPDX-License-Identifier: MIT */
/*
 * The AVX2 blocks of the match-key fold (text_fold.c includes this file
 * alone, where FOLD_WIDE holds): 32 bytes of ASCII tested at once, and the
 * blocks whose only other characters are the 2-byte ones of U+00C0..U+00FF
 * that fold to one letter (é -> e, the bulk of French accents), folded in
 * one step with byte shuffles instead of one step per character.
 */
#ifndef RG_LIB_TEXT_FOLD_WIDE_H
#define RG_LIB_TEXT_FOLD_WIDE_H

#include <immintrin.h>
#include <stdint.h> /* uint32_t */
#include <string.h> /* memcpy */

#include "common.h"         /* rg__ctz64 */
#include "clean_internal.h" /* rg_kmap, rg_clean__kmap16 */

/*
 * Tables filled once by fold_wide_init:
 * fold_c3[t]: the fold of U+00C0 + t when it is one ASCII byte and the
 *   same as that of U+00E0 + t (the capital and the small letter: all but
 *   × ÷ and ß ÿ, whose blocks go the old way), else 0;
 * fold_keep[m][k]: the offsets 0..7 whose bit is clear in m, in order (the
 *   bytes of an 8-byte quarter kept when the bits of m, the lead bytes,
 *   go), then 0x80 (vpshufb writes 0); [256 + m] the same + 8, for the
 *   second quarter of a 16-byte lane;
 * fold_kept[m]: how many bits of m are clear.
 */
static unsigned char fold_c3[32] __attribute__((aligned(16)));
static unsigned char fold_keep[512][8] __attribute__((aligned(8)));
static unsigned char fold_kept[256];

/* The byte constants of the blocks, 32 copies each, read from memory: GCC
 * built each one in place (three instructions, a dozen of them a block). */
enum { FK_20, FK_21, FK_25, FK_65, FK_60, FK_7F, FK_0F, FK_C3, FK_C0, FK_N, FK_IOTA = FK_N };
static unsigned char fold_kbytes[FK_N + 1][32] __attribute__((aligned(32)));
#define fold_k(i) _mm256_load_si256((const __m256i *)(const void *)fold_kbytes[i])

/* c3[t]: the fold of U+00C0 + t (0: not one ASCII byte). */
static void fold_wide_init(const unsigned char c3[64])
{
    unsigned m, k, n;

    static const unsigned char kb[FK_N] = { 0x20, 0x21, 0x25, 0x65, 0x60, 0x7F, 0x0F, 0xC3, 0xC0 };

    for (k = 0; k < 32; k++) {
        fold_c3[k] = c3[k] == c3[32 + k] ? c3[k] : 0;
    }
    for (k = 0; k < FK_N; k++) {
        memset(fold_kbytes[k], kb[k], sizeof fold_kbytes[k]);
    }
    for (k = 0; k < 32; k++) {
        fold_kbytes[FK_IOTA][k] = (unsigned char)k; /* 0, 1, ..., 31 */
    }
    for (m = 0; m < 256; m++) {
        for (k = n = 0; k < 8; k++) {
            if (!(m >> k & 1)) {
                fold_keep[m][n] = (unsigned char)k;
                fold_keep[256 + m][n++] = (unsigned char)(k + 8);
            }
        }
        fold_kept[m] = (unsigned char)n;
        for (; n < 8; n++) {
            fold_keep[m][n] = fold_keep[256 + m][n] = 0x80;
        }
    }
}

/* The 8 bytes at p as one integer (a shuffle quarter of fold_keep). */
static inline long long fold_u64(const unsigned char *p)
{
    long long v;

    memcpy(&v, p, sizeof v);
    return v;
}

/* The bytes of x lowered ('A'..'Z' get bit 0x20): x + 0x25 is above 0x65,
 * signed, for 'A'..'Z' alone (0x66..0x7F; the bytes above 'Z' wrap to
 * negative, those below stay under 0x66): one compare instead of two. */
__attribute__((target("avx2"))) static inline __m256i fold_lower32(__m256i x)
{
    const __m256i up = _mm256_cmpgt_epi8(_mm256_add_epi8(x, fold_k(FK_25)), fold_k(FK_65));

    return _mm256_or_si256(x, _mm256_and_si256(up, fold_k(FK_20)));
}

/* The bad bytes of x as fold_block tests them (bytes of 0x80 or more are
 * below 0x21 signed); *spm receives the spaces. */
__attribute__((target("avx2"))) static inline uint32_t fold_bad32(__m256i x, int sp,
                                                                   uint32_t *spm)
{
    const __m256i odd =
        _mm256_or_si256(_mm256_cmpgt_epi8(fold_k(FK_21), x),
                        _mm256_or_si256(_mm256_cmpeq_epi8(x, fold_k(FK_60)),
                                        _mm256_cmpeq_epi8(x, fold_k(FK_7F))));
    uint32_t s = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, fold_k(FK_20)));

    *spm = s;
    /* a space is bad only after a space */
    return ((uint32_t)_mm256_movemask_epi8(odd) & ~s) | (s & ((s << 1) | (uint32_t)sp));
}

/* out[o..o+32) = the 32 bytes x lowered, and their map (map + o = src,
 * src + 1, ... when map is not NULL): fold_block32 and fold_pairs32's
 * all-ASCII blocks. */
__attribute__((target("avx2"), always_inline)) static inline void
fold_store32(char *out, rg_kmap *map, size_t o, size_t src, __m256i x)
{
    _mm256_storeu_si256((__m256i *)(void *)(out + o), fold_lower32(x));
    if (map) {
        rg_clean__kmap16(map + o, src);
        rg_clean__kmap16(map + o + 16, src + 16);
    }
}

/* fold_block for 32 bytes: the same tests, 32-bit masks; also writes the
 * block's map (map + o, src, src + 1, ... when map is not NULL). */
__attribute__((target("avx2"))) static inline size_t fold_block32(char *out, rg_kmap *map,
                                                                  size_t o, size_t src,
                                                                  const unsigned char *p,
                                                                  int sp)
{
    const __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)p);
    uint32_t spm, bad = fold_bad32(x, sp, &spm);

    fold_store32(out, map, o, src, x);
    return bad ? rg__ctz64(bad) : 32;
}

/* The folds (fold_c3) of the continuation bytes of x (0x80..0xBF): bits
 * 0-3 index a 16-byte table, bit 4 picks one of two (bit 5, the case, is
 * left out: fold_c3 only holds the folds that do not depend on it). */
__attribute__((target("avx2"))) static inline __m256i fold_c3_of(__m256i x)
{
    const __m256i t0 = _mm256_broadcastsi128_si256(_mm_load_si128((const __m128i *)fold_c3));
    const __m256i t1 = _mm256_broadcastsi128_si256(_mm_load_si128((const __m128i *)fold_c3 + 1));
    const __m256i lo = _mm256_and_si256(x, fold_k(FK_0F));

    return _mm256_blendv_epi8(_mm256_shuffle_epi8(t0, lo), _mm256_shuffle_epi8(t1, lo),
                              _mm256_slli_epi16(x, 3)); /* bit 4 to bit 7 */
}

/* The high 8 bytes of v at p, unaligned (vmovhpd; _mm_storeh_pd stores
 * through a double *, which must be aligned). */
__attribute__((target("avx2"))) static inline void fold_store_high(char *p, __m128i v)
{
    const double h = _mm_castsi128_pd(v)[1];

    memcpy(p, &h, sizeof h);
}

/* map[0..8) = src (in base) + the offsets d[0..8): one vpmovzxbd load,
 * one 32-byte store (4-byte entries: rg_kmap). */
__attribute__((target("avx2"))) static inline void fold_map8(rg_kmap *map, __m256i base,
                                                             const unsigned char *d)
{
    long long v;

    memcpy(&v, d, sizeof v);
    _mm256_storeu_si256((__m256i *)(void *)map,
                        _mm256_add_epi32(base, _mm256_cvtepu8_epi32(_mm_cvtsi64_si128(v))));
}

/* The vpshufb control that drops the bytes of `lead` from each 8-byte
 * quarter of a block (fold_keep; quarters 1 and 3 index the upper half of
 * their lane). */
__attribute__((target("avx2"), always_inline)) static inline __m256i fold_keep_shuf(uint32_t lead)
{
    return _mm256_setr_epi64x(fold_u64(fold_keep[lead & 0xFF]),
                              fold_u64(fold_keep[256 + (lead >> 8 & 0xFF)]),
                              fold_u64(fold_keep[lead >> 16 & 0xFF]),
                              fold_u64(fold_keep[256 + (lead >> 24)]));
}

/* Writes the four 8-byte quarters of y one after the other at out[*o..],
 * each with its kept bytes first (see fold_keep), and their map from the
 * offsets idx + src; lead: the lead bytes dropped. The quarters are
 * stored from y's halves (vmovq, vmovhpd) and the offsets go through
 * memory, 4 of them widened by one load: no extractions. Always inlined:
 * GCC made it a call once it had two callers. */
__attribute__((target("avx2"), always_inline)) static inline void
fold_quarters(char *out, rg_kmap *map, size_t src, size_t *o, __m256i y, __m256i idx,
              uint32_t lead)
{
    unsigned char d[32] __attribute__((aligned(32)));
    const size_t o0 = *o, o1 = o0 + fold_kept[lead & 0xFF];
    const size_t o2 = o1 + fold_kept[lead >> 8 & 0xFF], o3 = o2 + fold_kept[lead >> 16 & 0xFF];
    const __m128i v = _mm256_castsi256_si128(y), w = _mm256_extracti128_si256(y, 1);

    _mm_storel_epi64((__m128i *)(void *)(out + o0), v);
    fold_store_high(out + o1, v);
    _mm_storel_epi64((__m128i *)(void *)(out + o2), w);
    fold_store_high(out + o3, w);
    if (map) {
        const __m256i base = _mm256_set1_epi32((int)(rg_kmap)src);

        _mm256_store_si256((__m256i *)(void *)d, idx);
        /* d read back from memory: GCC otherwise rebuilds each 8 bytes in
         * a register with shuffles */
        __asm__("" : "+m"(d));
        fold_map8(map + o0, base, d);
        fold_map8(map + o1, base, d + 8);
        fold_map8(map + o2, base, d + 16);
        fold_map8(map + o3, base, d + 24);
    }
    *o = o3 + fold_kept[lead >> 24];
}

/*
 * The bytes of the 32-byte block x after its first 32 - t (pre: their
 * bits, 0 for a whole block; spb: the bit of the byte before the first
 * one kept when a folded space was just written there), when they are
 * all good ASCII (as fold_bad32) or whole pairs C3 80..C3 BF with a
 * one-byte fold: folds them into out[*o..] (map + src, src the offset of
 * the block's first byte) and returns 1 (updates *o and *sp); else writes
 * nothing and returns 0.
 * HOW IT WORKS: the continuation bytes take their fold (fold_c3_of), the
 * ASCII bytes are lowered, then each 8-byte quarter drops its lead bytes
 * (and the bytes of pre) with one vpshufb (fold_keep; each quarter stays
 * within its 16-byte lane, as vpshufb requires) and is stored after the
 * previous one. The map comes from the offsets shuffled the same way, a
 * continuation byte's offset lowered by one (a character maps to its
 * first byte). A block of plain ASCII takes the same way (no lead byte:
 * the quarters are stored whole, one after the other): the branch
 * between plain and accented blocks (about 37% and 63% of French text)
 * went either way at random. One test decides: the bytes that fail are
 * found with byte compares (every byte outside the pairs that is not
 * good ASCII, a continuation position whose byte is none or whose
 * character's fold is not one byte), then a second space and a lead byte
 * last from the masks.
 */
__attribute__((target("avx2"), always_inline)) static inline int
fold_pairs_core(char *out, rg_kmap *map, size_t src, __m256i x, uint32_t pre, uint32_t spb,
                size_t *o, int *sp)
{
    const __m256i is_sp = _mm256_cmpeq_epi8(x, fold_k(FK_20));
    const __m256i is_lead = _mm256_cmpeq_epi8(x, fold_k(FK_C3));
    /* the byte after each lead (is_lead moved up by one byte) */
    const __m256i at_cont =
        _mm256_alignr_epi8(is_lead, _mm256_permute2x128_si256(is_lead, is_lead, 0x08), 15);
    const __m256i is_cont = _mm256_cmpgt_epi8(fold_k(FK_C0), x); /* 0x80..0xBF, signed */
    const __m256i y = fold_c3_of(x);
    /* the continuation bytes whose character folds to one byte */
    const __m256i okc = _mm256_andnot_si256(_mm256_cmpeq_epi8(y, _mm256_setzero_si256()), is_cont);
    /* bytes of 0x80 or more are below 0x21, signed: those of the pairs pass */
    const __m256i odd =
        _mm256_or_si256(_mm256_cmpgt_epi8(fold_k(FK_21), x),
                        _mm256_or_si256(_mm256_cmpeq_epi8(x, fold_k(FK_60)),
                                        _mm256_cmpeq_epi8(x, fold_k(FK_7F))));
    const __m256i badv = _mm256_or_si256(
        _mm256_andnot_si256(_mm256_or_si256(_mm256_or_si256(is_sp, is_lead), at_cont), odd),
        _mm256_andnot_si256(okc, at_cont));
    const uint32_t s = (uint32_t)_mm256_movemask_epi8(is_sp) & ~pre;
    const uint32_t leads = (uint32_t)_mm256_movemask_epi8(is_lead), lead = leads & ~pre;
    /* a lead last, or a pair cut by the first byte kept (never met: a run
     * stops at a character's first byte; the test keeps the core exact) */
    const uint32_t fail = ((uint32_t)_mm256_movemask_epi8(badv) & ~pre) |
                          (s & ((s << 1) | spb)) | (lead >> 31) | ((leads & pre) << 1 & ~pre);
    __m256i shuf;

    if (fail != 0) {
        return 0;
    }
    shuf = fold_keep_shuf(lead | pre); /* pre dropped as the lead bytes are */
    fold_quarters(out, map, src, o,
                  _mm256_shuffle_epi8(_mm256_blendv_epi8(fold_lower32(x), y, is_cont), shuf),
                  _mm256_shuffle_epi8(_mm256_add_epi8(fold_k(FK_IOTA), is_cont), shuf),
                  lead | pre);
    *sp = (int)(s >> 31); /* a continuation byte there is not a space */
    return 1;
}

/* A block of 32 bytes at p (output at out[*o..], map + src): see
 * fold_pairs_core. */
__attribute__((target("avx2"))) static inline int fold_pairs32(char *out, rg_kmap *map,
                                                               size_t src,
                                                               const unsigned char *p,
                                                               size_t *o, int *sp)
{
    return fold_pairs_core(out, map, src,
                           _mm256_loadu_si256((const __m256i *)(const void *)p), 0,
                           (uint32_t)*sp, o, sp);
}

/*
 * The last t bytes (1..31) of a run, at p[32 - t..32): the 32-byte block
 * that ends with them is loaded (the caller checks that it lies in the
 * input) and its first 32 - t bytes, folded already, are dropped with the
 * lead bytes (fold_pairs_core). As fold_pairs32 otherwise, src the offset
 * of p: returns 0 (nothing written; the 16-byte blocks take them) unless
 * the t bytes are good ASCII and such pairs (none cut by the end).
 * Each line's end went through two or three 16-byte blocks (and a copy
 * padded to 16 bytes), each one ended by an accent.
 */
__attribute__((target("avx2"))) static inline int fold_tail32(char *out, rg_kmap *map,
                                                              size_t src,
                                                              const unsigned char *p,
                                                              size_t t, size_t *o, int *sp)
{
    return fold_pairs_core(out, map, src,
                           _mm256_loadu_si256((const __m256i *)(const void *)p),
                           ~(uint32_t)0 >> t, (uint32_t)*sp << (32 - t), o, sp);
}

#endif
