/* SPDX-License-Identifier: MIT */
/*
 * Reference for the JSON Lines scanner's tests (tests/unit/test_jsonl_scan.c
 * and tests/fuzz/fuzz_jsonl_scan.c): what a scanned string must carry.
 */
#ifndef RG_TESTS_JSONL_SCAN_REF_H
#define RG_TESTS_JSONL_SCAN_REF_H

#include <stddef.h>

#include "jsonl_scan.h"

/* The flags a string value must carry (jsonl_scan.h), from its bytes. */
static unsigned value_flags(const char *s, size_t len)
{
    unsigned f = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        f |= c < 0x20 && c != '\t' && c != '\n' ? RG_JSCAN_C0 : 0;
        f |= c >= 0xCC ? RG_JSCAN_U300 : 0;
    }
    return f;
}

#endif
