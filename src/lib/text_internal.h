/* SPDX-License-Identifier: MIT */
/*
 * Private helpers of the text module (text.c, text_fold.c, text_decode.c,
 * clean.c, document.c, jsonl_scan.c): UTF-8 encode, decode and length check of one
 * code point, the Windows-1252 table and a word-character test, so that
 * clean.c needs no utf8proc of its own; and decoding of bytes whose
 * properties the reader already knows (RG_DOC_*).
 */
#ifndef RG_LIB_TEXT_INTERNAL_H
#define RG_LIB_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <relgraph/text.h> /* rg_decode_info */
#include "cpu.h"           /* rg__cpu_level, for the AVX2 paths below */

/*
 * 1 where the AVX2 code compiles (x86-64, GCC or Clang; -DRG_NO_AVX2,
 * which make PORTABLE=1 sets, keeps the plain paths alone): functions with
 * a target("avx2") attribute, taken when rg__cpu_level() >= RG_CPU_AVX2
 * (cpu.h: the CPU has it and RELGRAPH_CPU does not cap it): text_fold.c,
 * the rare byte scan of clean_rules.c, document.c, jsonl_scan.c, the map
 * stores of clean.c (RG_MAP_AVX2 in clean_internal.h), matcher_starts.c and
 * the stance prescan.
 */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(RG_NO_AVX2)
#define RG_TEXT_WIDE 1
#else
#define RG_TEXT_WIDE 0
#endif

/*
 * Index of the first flagged byte in a nonzero word-at-a-time mask m of
 * high bits (the word loaded with memcpy), where a subtraction's borrow
 * only flags bytes after a truly flagged one: exact on a little-endian
 * machine; elsewhere 0, and the caller's byte loop walks up to the flagged
 * byte. (rg__ctz64: common.h)
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define RG_TEXT_FIRST_FLAG(m) (rg__ctz64(m) >> 3)
#else
#define RG_TEXT_FIRST_FLAG(m) ((size_t)0 * (m))
#endif

/* For the helpers of a function compiled in two versions (a plain and a
 * target("avx2") caller, e.g. clean.c's out_span): inlined into each of them
 * (called from two, the compiler would otherwise keep one baseline copy). */
#if defined(__GNUC__)
#define RG_TEXT_INLINE inline __attribute__((always_inline))
#else
#define RG_TEXT_INLINE inline
#endif

/* Writes cp (0..0x10FFFF, not a surrogate) as UTF-8 into dst (>= 4 bytes);
 * returns the number of bytes written. (text.c) */
size_t rg_text__utf8_encode(unsigned char *dst, int32_t cp);

/* The general case of rg_text__utf8_decode() (utf8proc_iterate). */
size_t rg_text__utf8_decode_slow(const char *s, size_t len, int32_t *cp);

/* Decodes the character at s[0] (len >= 1): returns its length in bytes
 * (>= 1) and stores the code point in *cp, or -1 for an invalid byte (length
 * 1 then). Inline for ASCII and 2-byte characters (the bulk of French text):
 * the tokenisers call it once per character. */
static inline size_t rg_text__utf8_decode(const char *s, size_t len, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;

    if (len >= 1 && u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (len >= 2 && u[0] >= 0xC2 && u[0] < 0xE0 && (u[1] & 0xC0) == 0x80) {
        *cp = (int32_t)(u[0] & 0x1F) << 6 | (int32_t)(u[1] & 0x3F);
        return 2;
    }
    return rg_text__utf8_decode_slow(s, len, cp);
}

/*
 * Length of the valid UTF-8 sequence starting at p[0] (1..4), or 0 when it
 * is invalid (bad lead byte, truncated, overlong, surrogate, > U+10FFFF).
 * (text.c, jsonl_scan.c)
 */
static inline size_t rg_text__utf8_seq_len(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0];

    if (c < 0x80) {
        return 1;
    }
    if (c < 0xC2) {
        return 0; /* continuation byte or overlong 2-byte lead */
    }
    if (c < 0xE0) {
        return (avail >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    }
    if (c < 0xF0) {
        if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) {
            return 0;
        }
        if (c == 0xE0 && p[1] < 0xA0) {
            return 0; /* overlong */
        }
        if (c == 0xED && p[1] >= 0xA0) {
            return 0; /* surrogate */
        }
        return 3;
    }
    if (c < 0xF5) {
        if (avail < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80) {
            return 0;
        }
        if (c == 0xF0 && p[1] < 0x90) {
            return 0; /* overlong */
        }
        if (c == 0xF4 && p[1] >= 0x90) {
            return 0; /* > U+10FFFF */
        }
        return 4;
    }
    return 0;
}

/* A cut of p[0..len) at or just after c (< len) that no UTF-8 sequence
 * crosses: before a byte that is no continuation byte, or past at most
 * three of them (a sequence starting before them is at most 4 bytes). */
static inline size_t rg_text__utf8_cut(const unsigned char *p, size_t c, size_t len)
{
    size_t k;

    for (k = 0; k < 3 && c < len && (p[c] & 0xC0) == 0x80; k++) {
        c++;
    }
    return c;
}

/* The code point of Windows-1252 byte b (0xFFFD for the undefined ones).
 * (text_decode.c) */
int32_t rg_text__cp1252(unsigned char b);

/* 1 when code point cp can change no text under NFC: combining class 0,
 * no canonical decomposition, no part in any composition (Hangul jamo
 * and syllables are always sent to utf8proc). (text_decode.c) */
int rg_text__nfc_stable(int32_t cp);

/* 1 when cp is a letter or a digit (Unicode categories L* and N*). */
int rg_text__is_word_cp(int32_t cp);

/*
 * rg_text_fold, and in *odd (when not NULL) whether the text holds a
 * character that is no letter or digit (rg_text__is_word_cp; ASCII: not
 * [A-Za-z0-9]) and whose fold is empty or has an ASCII letter or digit
 * (controls, U+00AD, combining marks, "™"): in the key such a character
 * may glue two words that the stance tokenizer sees apart. Set only when
 * the fold is complete (a space run absorbing nothing is no such case).
 * (text_fold.c; rg_clean__fold_into ORs the same into clean_key.odd)
 */
int rg_text__fold_odd(char **out, size_t *out_len, size_t **map_out, const char *s, size_t len,
                      int *odd);

/*
 * Tests and fuzz targets only: 0 makes the match-key fold take its SSE2
 * blocks where it would take the AVX2 ones, 1 lets it take what the CPU
 * has again, so that one process can compare both (text_fold.c). Not
 * thread-safe: no fold may run meanwhile.
 */
void rg_text__fold_wide_set(int on);

/*
 * Tests only: rg_text__fold_odd with a map folds a text longer than n
 * bytes in parts of about n (0: the default, 1 GiB; the fold's own map
 * takes 4-byte offsets, rg_kmap). Not thread-safe, as above.
 */
void rg_text__fold_part_set(size_t n);

/*
 * What is known of a document's bytes, so that decoding skips the steps that
 * could not change them (the document and the warnings stay the same). The
 * JSON Lines scanner knows it of its strings; for other input, the counting
 * pass of rg_document__decode learns it.
 */
#define RG_DOC_UTF8 1u       /* valid UTF-8: no repair, no validation */
#define RG_DOC_NO_CR_NUL 2u  /* no CR and no NUL byte: no line end to change */
#define RG_DOC_NFC 4u        /* valid UTF-8 whose code points >= U+0300 are all
                              * rg_text__nfc_stable: NFC as it is */
#define RG_DOC_NOT_BINARY 8u /* not binary data (rg_document__looks_binary is 0) */

/*
 * rg_text_decode() for bytes known to be valid UTF-8 (so without a UTF-16
 * BOM): the same result, without validating them again, nor looking for CR
 * and NUL with RG_DOC_NO_CR_NUL in `known`, nor checking NFC with RG_DOC_NFC.
 */
int rg_text__decode_utf8(char **out, size_t *out_len, rg_decode_info *info, const char *buf,
                         size_t len, unsigned known);

#endif
