/* SPDX-License-Identifier: MIT */
/*
 * Private helpers of the text module (text.c, clean.c): UTF-8 encode and
 * decode of one code point, the Windows-1252 table and a word-character
 * test, so that clean.c needs no utf8proc of its own.
 */
#ifndef RG_LIB_TEXT_INTERNAL_H
#define RG_LIB_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Writes cp (0..0x10FFFF, not a surrogate) as UTF-8 into dst (>= 4 bytes);
 * returns the number of bytes written. */
size_t rg_text__utf8_encode(unsigned char *dst, int32_t cp);

/* Decodes the character at s[0] (len >= 1): returns its length in bytes
 * (>= 1) and stores the code point in *cp, or -1 for an invalid byte (length
 * 1 then). */
size_t rg_text__utf8_decode(const char *s, size_t len, int32_t *cp);

/* The code point of Windows-1252 byte b (0xFFFD for the undefined ones). */
int32_t rg_text__cp1252(unsigned char b);

/* 1 when cp is a letter or a digit (Unicode categories L* and N*). */
int rg_text__is_word_cp(int32_t cp);

#endif
