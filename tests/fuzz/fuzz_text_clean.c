/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: decoding (rg_text_decode) then cleaning (rg_clean_text with
 * the built-in boilerplate rules, HTML auto-detected) of arbitrary bytes.
 * Checks: decoded text is valid UTF-8 without NUL bytes; the cleaning map is
 * non-decreasing, inside the decoded text and ends at its length.
 */
#include <stdint.h> /* uint8_t */
#include <string.h> /* memchr */

#include <relgraph/clean.h>
#include <relgraph/errors.h>
#include <relgraph/text.h>
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static rg_boilerplate *fuzz_bp;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    rg_init();
    FUZZ_ASSERT(rg_boilerplate_default(&fuzz_bp) == RG_OK);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rg_clean_options co = RG_CLEAN_OPTIONS_INIT;
    rg_decode_info info;
    char *text = NULL, *clean = NULL;
    size_t len = 0, clen = 0, i, *map = NULL;
    int rc;

    rc = rg_text_decode(&text, &len, &info, (const char *)data, size);
    if (rc < 0) {
        FUZZ_ASSERT(text == NULL);
        FUZZ_ASSERT(rc == RG_EENCODING && rg_error_last() != NULL);
        return 0;
    }
    FUZZ_ASSERT(text && text[len] == '\0');
    FUZZ_ASSERT(rg_text_utf8_valid(text, len, NULL));
    FUZZ_ASSERT(memchr(text, '\0', len) == NULL);
    /* the first input byte picks the HTML mode, so both paths are covered */
    co.html = size && (data[0] & 1) ? 1 : -1;
    rc = rg_clean_text(&clean, &clen, &map, text, len, fuzz_bp, &co);
    FUZZ_ASSERT(rc == RG_OK);
    FUZZ_ASSERT(clean && clean[clen] == '\0');
    FUZZ_ASSERT(map[clen] == len);
    for (i = 0; i < clen; i++) {
        FUZZ_ASSERT(map[i] <= len);
        FUZZ_ASSERT(i == 0 || map[i] >= map[i - 1]);
    }
    rg_free(map);
    rg_free(clean);
    rg_free(text);
    return 0;
}
