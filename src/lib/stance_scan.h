/* SPDX-License-Identifier: MIT */
/*
 * The stance word scanner, shared by the tokenizer (stance_tokens.c) and the
 * prescan (stance_prescan.c), so that both cut the same words: ASCII
 * letters and digits 16 or 8 bytes at a time, two-byte Latin letters
 * without decoding, other code points as rg_lexicon__is_word_cp says.
 * Private to the stance files; everything here is static.
 */
#ifndef RG_LIB_STANCE_SCAN_H
#define RG_LIB_STANCE_SCAN_H

#include <stddef.h> /* size_t */
#include <stdint.h> /* uint64_t, int32_t */
#include <string.h> /* memcpy */

#if defined(__SSE2__)
#include <emmintrin.h> /* st_nonword16 */
#endif

#include "lexicon.h"       /* rg_lexicon__is_word_cp, rg_lexicon__lower */
#include "text_internal.h" /* rg_text__utf8_decode */

/* The class of each byte: ST_WORD for the ASCII bytes rg_lexicon__is_word_cp
 * accepts ([A-Za-z0-9]), ST_SEP for the other ASCII bytes (separators the
 * prescan skips in one loop), 0 for bytes >= 0x80 (decoded apart). */
enum { ST_WORD = 1, ST_SEP = 2 };
#define ST_W10 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
#define ST_W26 ST_W10, ST_W10, 1, 1, 1, 1, 1, 1
#define ST_S8 2, 2, 2, 2, 2, 2, 2, 2
static const unsigned char st_ascii_class[256] = {
    ST_S8, ST_S8, ST_S8, ST_S8, ST_S8, ST_S8, /* 0x00-0x2F */
    ST_W10,                                   /* 0-9 */
    2, 2, 2, 2, 2, 2, 2,                      /* :;<=>?@ */
    ST_W26,                                   /* A-Z */
    2, 2, 2, 2, 2, 2,                         /* [\]^_` */
    ST_W26,                                   /* a-z */
    2, 2, 2, 2, 2,                            /* {|}~ DEL */
};
#undef ST_W10
#undef ST_W26
#undef ST_S8

/*
 * Eight bytes at a time (GCC/Clang, little-endian): the high bit of each byte
 * of x that is not an ASCII letter or digit. Bytes >= 0x80 are masked off
 * first, so the additions below never carry into the next byte; a letter is
 * a byte whose case-folded value (| 0x20) lies in 'a'..'z'.
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ST_SWAR 1
#define ST_ONES UINT64_C(0x0101010101010101)
#define ST_HIGH UINT64_C(0x8080808080808080)

static inline uint64_t st_nonword8(uint64_t x)
{
    uint64_t a = x & ~ST_HIGH, l = a | ST_ONES * 0x20;
    uint64_t letter = (l + ST_ONES * (0x80 - 'a')) & ~(l + ST_ONES * (0x7F - 'z'));
    uint64_t digit = (a + ST_ONES * (0x80 - '0')) & ~(a + ST_ONES * (0x7F - '9'));

    return ~((letter | digit) & ~x) & ST_HIGH;
}
#else
#define ST_SWAR 0
#endif

/* Sixteen bytes at a time where SSE2 is there (every x86-64). */
#if ST_SWAR && defined(__SSE2__)
#define ST_SSE2 1

/* 0xFF in each byte of x that lies in [lo, lo + n] (unsigned), else 0.
 * Adding 0x80 - lo moves [lo, lo + n] to the n + 1 smallest signed bytes,
 * so one signed compare tests the range (two operations, against three
 * with a subtraction, an unsigned min and a compare). */
static inline __m128i st_in_range16(__m128i x, unsigned char lo, unsigned char n)
{
    return _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - lo))),
                          _mm_set1_epi8((char)(0x80 + n + 1)));
}

/* 0xFF in each byte of x that is an ASCII letter or digit, else 0; bytes
 * >= 0x80 land at signed -65 or above after either addition, out of both
 * ranges. */
static inline __m128i st_alnum16(__m128i x)
{
    return _mm_or_si128(st_in_range16(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 'z' - 'a'),
                        st_in_range16(x, '0', '9' - '0'));
}

/* bit j set when p[j] is not an ASCII letter or digit */
static inline unsigned st_nonword16(const char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);

    return ~(unsigned)_mm_movemask_epi8(st_alnum16(x)) & 0xFFFFu;
}
#else
#define ST_SSE2 0
#endif

/* 1 when the bytes c c1 are a two-byte Latin letter (leads C3..C8: é, à,
 * ç, œ...), known without decoding; × and ÷ (C3 97, C3 B7) are the only
 * signs among those code points. */
static inline int st_latin2(unsigned char c, unsigned char c1)
{
    return c >= 0xC3 && c <= 0xC8 && (c1 & 0xC0) == 0x80 && !(c == 0xC3 && (c1 | 0x20) == 0xB7);
}

/*
 * Length of the code point at text[i] (a byte >= 0x80) when
 * rg_lexicon__is_word_cp accepts it, else 0 (invalid bytes too); the
 * two-byte Latin letters (st_latin2) without decoding.
 */
static inline size_t st_word_cp_len(const char *text, size_t i, size_t end)
{
    int32_t cp;
    size_t k;

    if (end - i >= 2 && st_latin2((unsigned char)text[i], (unsigned char)text[i + 1])) {
        return 2;
    }
    k = rg_text__utf8_decode(text + i, end - i, &cp);
    return k != (size_t)-1 && rg_lexicon__is_word_cp(cp) ? k : 0;
}

/*
 * End of the word that starts at text[i] (a word code point), cut as
 * rg_lexicon__is_word_cp says: ASCII letters and digits 16 (SSE2) or 8
 * bytes at a time while that many bytes are left, then by table; other code
 * points by st_word_cp_len. *ascii = 1 when the word has no byte >= 0x80.
 * Forced inline: GCC stopped inlining it into the prescan once the SSE2
 * step was in, and the call cost more than the step saved.
 */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t st_word_end(const char *text, size_t i, size_t end, int *ascii)
{
    size_t k;

    *ascii = 1;
    for (;;) {
#if ST_SSE2
        if (end - i >= 16) {
            unsigned m = st_nonword16(text + i);
            if (m == 0) {
                i += 16;
                continue;
            }
            i += (size_t)__builtin_ctz(m);
        } else
#endif
#if ST_SWAR
        if (end - i >= 8) {
            uint64_t x, m;
            memcpy(&x, text + i, 8);
            if ((m = st_nonword8(x)) == 0) {
                i += 8;
                continue;
            }
            i += (size_t)__builtin_ctzll(m) >> 3;
        } else
#endif
        {
            while (i < end && (st_ascii_class[(unsigned char)text[i]] & ST_WORD)) {
                i++;
            }
            if (i == end) {
                return i;
            }
        }
        if ((unsigned char)text[i] < 0x80 || (k = st_word_cp_len(text, i, end)) == 0) {
            return i;
        }
        *ascii = 0;
        i += k;
    }
}

/*
 * Lower-cases the word text[s..s+n) into buf as rg_lexicon__lower does; a
 * word of ASCII letters and digits (`ascii`) only needs bit 0x20 set ('A'
 * -> 'a'; lower-case letters and digits already have it).
 */
static inline void st_lower_word(char *buf,        /* out: n bytes */
                                 const char *text, /* the text */
                                 size_t s,         /* word start */
                                 size_t n,         /* word length */
                                 int ascii)        /* 1: ASCII letters and digits only */
{
    size_t j;

    if (!ascii) {
        rg_lexicon__lower(buf, text + s, n);
        return;
    }
    for (j = 0; j < n; j++) {
        buf[j] = (char)((unsigned char)text[s + j] | 0x20);
    }
}

/* 1 when a word of n bytes whose lower-cased first byte is f may be a
 * pronoun the rules take (il, ils, elle, elles, lui, l'): at most five
 * bytes, starting with i, e or l. The prescan looks no further at other
 * words; the tokenizer checks the words that pass against the pronouns
 * themselves before listing them for the rules (rg_stance_ctx.pron). */
static inline int st_pron_maybe(int f, size_t n)
{
    return n <= 5 && (f == 'i' || f == 'e' || f == 'l');
}

/* starts with a capital letter: ASCII, or a Latin-1 capital (U+00C0..U+00DF) */
static inline int st_upper_at(const char *text, size_t s, size_t n)
{
    return (text[s] >= 'A' && text[s] <= 'Z') ||
           ((unsigned char)text[s] == 0xC3 && n > 1 && (unsigned char)text[s + 1] < 0xA0);
}

#endif
