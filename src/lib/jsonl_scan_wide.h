/* SPDX-License-Identifier: MIT */
/*
 * The AVX2 string blocks of the JSON Lines scanner (jsonl_scan.c includes
 * this file alone, where JSCAN_WIDE holds): 64 bytes a step while a string
 * holds plain ASCII and 2-byte UTF-8 sequences, copied as they are scanned.
 */
#ifndef RG_LIB_JSONL_SCAN_WIDE_H
#define RG_LIB_JSONL_SCAN_WIDE_H

#include <immintrin.h>
#include <stddef.h> /* size_t */
#include <stdint.h> /* uint64_t */

#include "common.h"        /* rg__ctz64 */
#include "text_internal.h" /* RG_TEXT_INLINE */

/*
 * Byte classes of the AVX2 string blocks, the AND of a table indexed by the
 * high nibble and one indexed by the low nibble (one vpshufb each):
 * CLS_CONT 80..BF; CLS_LEAD C2..CB; the others stop the blocks: CLS_C0x
 * C0, C1, CC..CF; CLS_QUOTE '"'; CLS_BSL '\\'; CLS_CTL 00..1F and D0..FF.
 * 0x20..0x7F but '"' and '\\' have no bit.
 */
#define CLS_CONT 0x01
#define CLS_LEAD 0x04 /* two bits above CLS_CONT: moved onto it by a shift */
#define CLS_C0X 0x08
#define CLS_QUOTE 0x10
#define CLS_BSL 0x20
#define CLS_CTL 0x40
#define CLS_STOP (CLS_CONT | CLS_C0X | CLS_QUOTE | CLS_BSL | CLS_CTL)

typedef struct {
    __m256i hi_tab, lo_tab, nib, lead;
} str_cls;

__attribute__((target("avx2"))) static RG_TEXT_INLINE str_cls str_cls_init(void)
{
    str_cls t;
    const char C = CLS_CONT | CLS_CTL, L = C | CLS_LEAD, X = C | CLS_C0X; /* low nibbles */

    t.hi_tab = _mm256_setr_epi8(CLS_CTL, CLS_CTL, CLS_QUOTE, 0, 0, CLS_BSL, 0, 0, CLS_CONT,
                                CLS_CONT, CLS_CONT, CLS_CONT, CLS_LEAD | CLS_C0X, CLS_CTL,
                                CLS_CTL, CLS_CTL, CLS_CTL, CLS_CTL, CLS_QUOTE, 0, 0, CLS_BSL,
                                0, 0, CLS_CONT, CLS_CONT, CLS_CONT, CLS_CONT,
                                CLS_LEAD | CLS_C0X, CLS_CTL, CLS_CTL, CLS_CTL);
    t.lo_tab = _mm256_setr_epi8(X, X, L | CLS_QUOTE, L, L, L, L, L, L, L, L, L, X | CLS_BSL, X,
                                X, X, X, X, L | CLS_QUOTE, L, L, L, L, L, L, L, L, L,
                                X | CLS_BSL, X, X, X);
    t.nib = _mm256_set1_epi8(0x0F);
    t.lead = _mm256_set1_epi8(CLS_LEAD);
    return t;
}

/* The classes of the 32 bytes v. */
__attribute__((target("avx2"))) static RG_TEXT_INLINE __m256i str_classes_of(const str_cls *t,
                                                                             __m256i v)
{
    __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), t->nib);

    return _mm256_and_si256(_mm256_shuffle_epi8(t->hi_tab, hi),
                            _mm256_shuffle_epi8(t->lo_tab, _mm256_and_si256(v, t->nib)));
}

/* CLS_CONT where the byte before (the last of prev for the first) is a
 * lead: where continuation bytes must be, and only there. */
__attribute__((target("avx2"))) static RG_TEXT_INLINE __m256i
str_after(const str_cls *t, __m256i prev, __m256i cur)
{
    __m256i sh = _mm256_alignr_epi8(cur, _mm256_permute2x128_si256(prev, cur, 0x21), 15);

    return _mm256_srli_epi16(_mm256_and_si256(sh, t->lead), 2);
}

/*
 * Skips p[0..) 64 bytes a step while the bytes are plain ASCII (0x20..0x7F
 * but '"' and '\\') or whole 2-byte UTF-8 sequences of U+0080..U+02FF
 * (leads C2..CB): French text ("é" every 30 bytes or so) stays here instead
 * of leaving the word loop at each accent. A byte stops the blocks when its
 * class has a CLS_STOP bit once the lead mark of the byte before is XORed
 * onto its CLS_CONT (a continuation without a lead, a lead without one).
 * Each block is also stored to out[*o..) before it is tested (out has
 * room: see scan_string_body), so that a wanted string is copied as it is
 * scanned, and an escaped quote, backslash or slash (the quotes of the
 * news: 16 a line, in 4 lines of 5) is unescaped there instead of stopping
 * the blocks, which go on after it (*escaped set): each escape used to
 * leave the blocks, copy the string so far with a call and come back to
 * scan its block again. Returns the first byte that needs the byte path,
 * always at a character boundary (a lead whose continuation is missing is
 * returned itself), or a point less than 64 bytes before end; out[..*o)
 * ends with the bytes before it. The classes of the last 32 bytes are
 * carried to the next step, so a lead on the last byte is checked there.
 * Leads from CC on (U+0300 and above) take the byte path, which checks them
 * for RG_JSCAN_NOT_NFC.
 */
__attribute__((target("avx2"))) static const unsigned char *
str_blocks_wide(const unsigned char *p, const unsigned char *end, char *out, size_t *o,
                int *escaped)
{
    const str_cls t = str_cls_init();
    const __m256i stopm = _mm256_set1_epi8(CLS_STOP);
    __m256i prev = _mm256_setzero_si256();
    size_t n = *o, back;

    while (end - p >= 64) {
        __m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)p);
        __m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
        __m256i c0 = str_classes_of(&t, v0), c1 = str_classes_of(&t, v1);
        __m256i a0 = str_after(&t, prev, c0), a1 = str_after(&t, c0, c1);
        __m256i x0 = _mm256_xor_si256(c0, a0), x1 = _mm256_xor_si256(c1, a1);

        _mm256_storeu_si256((__m256i *)(void *)(out + n), v0);
        _mm256_storeu_si256((__m256i *)(void *)(out + n + 32), v1);
        if (!_mm256_testz_si256(_mm256_or_si256(x0, x1), stopm)) {
            const __m256i zero = _mm256_setzero_si256();
            uint64_t ok = (uint32_t)_mm256_movemask_epi8(
                              _mm256_cmpeq_epi8(_mm256_and_si256(x0, stopm), zero)) |
                          (uint64_t)(uint32_t)_mm256_movemask_epi8(
                              _mm256_cmpeq_epi8(_mm256_and_si256(x1, stopm), zero)) << 32;
            uint64_t after = (uint32_t)_mm256_movemask_epi8(_mm256_slli_epi16(a0, 7)) |
                             (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_slli_epi16(a1, 7))
                                 << 32;
            size_t first = rg__ctz64(~ok), lead = after >> first & 1u;
            p = p + first - lead; /* lead: its continuation is missing, maybe the block's */
            n = n + first - lead; /* first byte (first 0): the byte path starts on it */
            if (p[0] != '\\' || end - p < 2 || (p[1] != '"' && p[1] != '\\' && p[1] != '/')) {
                *o = n;
                return p;
            }
            out[n++] = (char)p[1];
            p += 2;
            *escaped = 1;
            prev = _mm256_setzero_si256(); /* p[-1] is ASCII */
            continue;
        }
        prev = c1;
        p += 64;
        n += 64;
    }
    back = (uint32_t)_mm256_movemask_epi8(_mm256_slli_epi16(prev, 5)) >> 31;
    *o = n - back; /* a lead on the last byte skipped: the byte path starts on it */
    return p - back;
}

#endif
