/* SPDX-License-Identifier: MIT */
/*
 * Reference for the reader's tests (tests/unit/test_reader.c and
 * tests/fuzz/fuzz_reader.c): the binary rule, written from its definition.
 */
#ifndef RG_TESTS_READER_REF_H
#define RG_TESTS_READER_REF_H

#include <stddef.h>

/* 1 when rg_document__looks_binary's rule holds of rg_text_decode's output
 * text[0..len) (nuls: the NUL bytes it dropped) for raw_len input bytes:
 * from 32 bytes, more than 10% NUL or C0 control bytes but TAB..CR and ESC. */
static int ref_binary(const char *text, size_t len, size_t nuls, size_t raw_len)
{
    size_t i, ctrl = nuls;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        ctrl += c < 0x20 && !(c >= 0x09 && c <= 0x0D) && c != 0x1B;
    }
    return raw_len >= 32 && ctrl * 10 > raw_len;
}

#endif
