/* SPDX-License-Identifier: MIT */
/*
 * Reference for the JSON Lines scanner's tests (tests/unit/test_jsonl_scan.c
 * and tests/fuzz/fuzz_jsonl_scan.c): what a scanned string must carry.
 */
#ifndef RG_TESTS_JSONL_SCAN_REF_H
#define RG_TESTS_JSONL_SCAN_REF_H

#include <stddef.h>
#include <stdint.h> /* int32_t */

#include "jsonl_scan.h"
#include "text_internal.h" /* rg_text__utf8_decode, rg_text__nfc_stable */

/* The flags a string value must carry (jsonl_scan.h), from its bytes. */
static unsigned value_flags(const char *s, size_t len)
{
    unsigned f = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        f |= c < 0x20 && c != '\t' && c != '\n' ? RG_JSCAN_C0 : 0;
        if (c >= 0xCC) { /* the value is valid UTF-8: c leads a sequence >= U+0300 */
            int32_t cp;
            size_t n = rg_text__utf8_decode(s + i, len - i, &cp);
            f |= rg_text__nfc_stable(cp) ? 0 : RG_JSCAN_NOT_NFC;
            i += n - 1;
        }
    }
    return f;
}

#endif
