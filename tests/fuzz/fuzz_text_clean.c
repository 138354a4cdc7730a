/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: decoding (rg_text_decode) then cleaning (rg_clean_text with
 * the built-in boilerplate rules, HTML auto-detected) of arbitrary bytes.
 * Checks: decoded text is valid UTF-8 without NUL bytes; the cleaning map is
 * non-decreasing, inside the decoded text and ends at its length; and
 * rg_clean_text_key gives the same text and map, with a key (when it gives
 * one) byte for byte what rg_text_fold makes of the cleaned text; and the
 * same rules after 70 filler rules (more than the index takes: every rule
 * walked and searched) give the same text and map (the index by a line's
 * first two bytes, the rules skipped for want of a rare byte).
 */
#include <stdint.h> /* uint8_t */
#include <stdio.h>  /* FILE, fdopen, fwrite, fprintf, fclose */
#include <stdlib.h> /* mkstemp */
#include <string.h> /* memchr, memcmp */
#include <unistd.h> /* unlink */

#include <relgraph/clean.h>
#include <relgraph/errors.h>
#include <relgraph/text.h>
#include "data.h" /* rg__data_boilerplate_txt */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static rg_boilerplate *fuzz_bp, *fuzz_bp_walk;

/* The built-in rules after 70 rules that never match, from a temporary
 * file (the loader reads files). */
static rg_boilerplate *rules_walked(void)
{
    char path[] = "/tmp/rg-fuzz-rules-XXXXXX";
    rg_boilerplate *bp = NULL;
    int fd = mkstemp(path), k;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

    FUZZ_ASSERT(f != NULL);
    for (k = 0; k < 70; k++) {
        fprintf(f, "line: qqfiller %d\n", k);
    }
    FUZZ_ASSERT(fwrite(rg__data_boilerplate_txt, 1, rg__data_boilerplate_txt_len, f) ==
                rg__data_boilerplate_txt_len);
    FUZZ_ASSERT(fclose(f) == 0);
    FUZZ_ASSERT(rg_boilerplate_load(&bp, path) == RG_OK);
    unlink(path);
    return bp;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    rg_init();
    FUZZ_ASSERT(rg_boilerplate_default(&fuzz_bp) == RG_OK);
    fuzz_bp_walk = rules_walked();
    return 0;
}

/* The same text and map with every rule walked (fuzz_bp_walk). */
static void check_walked(const char *text, size_t len, const char *clean, size_t clen,
                         const size_t *map, const rg_clean_options *co)
{
    char *c2 = NULL;
    size_t c2len = 0, *map2 = NULL;

    FUZZ_ASSERT(rg_clean_text(&c2, &c2len, &map2, text, len, fuzz_bp_walk, co) == RG_OK);
    FUZZ_ASSERT(c2len == clen && memcmp(c2, clean, clen) == 0);
    FUZZ_ASSERT(memcmp(map2, map, (clen + 1) * sizeof *map) == 0);
    rg_free(c2);
    rg_free(map2);
}

/* The shortcut key of rg_clean_text_key is exactly the fold of the text. */
static void check_key(const char *text, size_t len, const char *clean, size_t clen,
                      const size_t *map, const rg_clean_options *co)
{
    char *c2 = NULL, *key = NULL, *fold = NULL;
    size_t c2len = 0, klen = 0, flen = 0, *map2 = NULL, *kmap = NULL, *fmap = NULL;

    FUZZ_ASSERT(rg_clean_text_key(&c2, &c2len, &map2, &key, &klen, &kmap, text, len, fuzz_bp,
                                  co) == RG_OK);
    FUZZ_ASSERT(c2len == clen && memcmp(c2, clean, clen) == 0);
    FUZZ_ASSERT(memcmp(map2, map, (clen + 1) * sizeof *map) == 0);
    if (key) {
        FUZZ_ASSERT(rg_text_fold(&fold, &flen, &fmap, clean, clen) == RG_OK);
        FUZZ_ASSERT(flen == klen && memcmp(fold, key, klen) == 0);
        FUZZ_ASSERT(memcmp(fmap, kmap, (klen + 1) * sizeof *kmap) == 0);
    }
    rg_free(fold);
    rg_free(fmap);
    rg_free(key);
    rg_free(kmap);
    rg_free(c2);
    rg_free(map2);
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
    check_key(text, len, clean, clen, map, &co);
    check_walked(text, len, clean, clen, map, &co);
    rg_free(map);
    rg_free(clean);
    rg_free(text);
    return 0;
}
