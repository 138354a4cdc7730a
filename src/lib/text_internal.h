/* SPDX-License-Identifier: MIT */
/*
 * Private helpers of the text module (text.c, text_fold.c, text_decode.c,
 * clean.c): UTF-8 encode and decode of one code point, the Windows-1252
 * table and a word-character test, so that clean.c needs no utf8proc of its
 * own.
 */
#ifndef RG_LIB_TEXT_INTERNAL_H
#define RG_LIB_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

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

/* The code point of Windows-1252 byte b (0xFFFD for the undefined ones).
 * (text_decode.c) */
int32_t rg_text__cp1252(unsigned char b);

/* 1 when cp is a letter or a digit (Unicode categories L* and N*). */
int rg_text__is_word_cp(int32_t cp);

#endif
