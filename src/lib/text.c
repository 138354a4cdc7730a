/* SPDX-License-Identifier: MIT */
/*
 * Text module, UTF-8 basics: a strict UTF-8 validator and the one-code-point
 * helpers of text_internal.h (encode, decode, word-character test). The
 * module's other files are text_fold.c (match keys), text_decode.c (raw
 * bytes -> NFC UTF-8) and clean.c; the text*.c files are the only ones that
 * include <utf8proc.h>.
 */
#include <string.h> /* memcpy */

#include <utf8proc.h> /* utf8proc_iterate, utf8proc_category */

#include <relgraph/text.h>
#include "common.h"
#include "text_internal.h"

/* ------------------------------------------------------------------ */
/* UTF-8 validation                                                    */
/* ------------------------------------------------------------------ */

int rg_text_utf8_valid(const char *buf, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t i = 0;

    while (i < len) {
        size_t n;
        /* ASCII fast path, 8 bytes at a time */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & UINT64_C(0x8080808080808080)) {
                break;
            }
            i += 8;
        }
        if (i >= len) {
            break;
        }
        n = rg_text__utf8_seq_len(p + i, len - i);
        if (n == 0) {
            if (bad_offset) {
                *bad_offset = i;
            }
            return 0;
        }
        i += n;
    }
    if (bad_offset) {
        *bad_offset = len;
    }
    return 1;
}

size_t rg_text__utf8_encode(unsigned char *dst, int32_t cp)
{
    if (cp < 0x80) {
        dst[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        dst[0] = (unsigned char)(0xC0 | (cp >> 6));
        dst[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        dst[0] = (unsigned char)(0xE0 | (cp >> 12));
        dst[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        dst[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    dst[0] = (unsigned char)(0xF0 | (cp >> 18));
    dst[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    dst[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    dst[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t rg_text__utf8_decode_slow(const char *s, size_t len, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t n;

    n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)n;
}

int rg_text__is_word_cp(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}
