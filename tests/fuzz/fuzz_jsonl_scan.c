/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the JSON Lines fast-path scanner (src/lib/jsonl_scan.c)
 * against jansson. The input is one line. Whenever the scanner accepts it,
 * jansson (JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, as the reader calls it)
 * must accept it too, as an object, and every wanted member must be absent,
 * null or the very same string in both (and the string's flags must match
 * its bytes); any disagreement aborts. Lines the
 * scanner falls back on are jansson's business and not checked.
 * rg_jsonl_scan_line, which finds the line's end itself, must accept the
 * input exactly when rg_jsonl_scan accepts the bytes before its first LF,
 * with that length and the same values.
 */
#include <stdint.h> /* uint8_t */
#include <string.h> /* memcmp, memchr */

#include <jansson.h>

#include "../jsonl_scan_ref.h" /* value_flags */
#include "fuzz.h"
#include "jsonl_scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* rg_jsonl_scan_line on the whole input against rg_jsonl_scan on its first line. */
static void check_line_end(const char *data, size_t size, const char *const *keys, size_t nk,
                           rg_jscan_value *a, rg_jscan_value *b)
{
    rg_strbuf s1 = RG_STRBUF_INIT, s2 = RG_STRBUF_INIT;
    const char *lf = size ? memchr(data, '\n', size) : NULL;
    size_t first = lf ? (size_t)(lf - data) : size, n = 0, i;
    rg_jscan_keys kt;
    int rc;

    rg_jscan_keys_init(&kt, keys, nk);
    rc = rg_jsonl_scan_line(data, size, &kt, a, &s1, &n);

    FUZZ_ASSERT(rc == rg_jsonl_scan(data, first, keys, nk, b, &s2));
    if (rc == RG_JSCAN_OK) {
        FUZZ_ASSERT(n == first);
        for (i = 0; i < nk; i++) {
            FUZZ_ASSERT(a[i].kind == b[i].kind && a[i].len == b[i].len &&
                        a[i].flags == b[i].flags);
            FUZZ_ASSERT(a[i].len == 0 || memcmp(a[i].ptr, b[i].ptr, a[i].len) == 0);
        }
    }
    rg_strbuf_dispose(&s1);
    rg_strbuf_dispose(&s2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const keys[] = { "id", "date", "text", "title", "id", "" };
    enum { NK = sizeof keys / sizeof *keys };
    rg_jscan_value vals[NK], other[NK];
    rg_strbuf scratch = RG_STRBUF_INIT;
    json_error_t jerr;
    json_t *obj;
    size_t i;
    int rc;

    rc = rg_jsonl_scan((const char *)data, size, keys, NK, vals, &scratch);
    FUZZ_ASSERT(rc == RG_JSCAN_OK || rc == RG_JSCAN_FALLBACK);
    if (rc == RG_JSCAN_OK) {
        obj = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
        FUZZ_ASSERT(obj != NULL);
        FUZZ_ASSERT(json_is_object(obj));
        for (i = 0; i < NK; i++) {
            json_t *v = json_object_get(obj, keys[i]);
            switch (vals[i].kind) {
            case RG_JSCAN_ABSENT:
                FUZZ_ASSERT(v == NULL);
                break;
            case RG_JSCAN_NULL:
                FUZZ_ASSERT(json_is_null(v));
                break;
            case RG_JSCAN_STRING:
                FUZZ_ASSERT(json_is_string(v));
                FUZZ_ASSERT(json_string_length(v) == vals[i].len);
                FUZZ_ASSERT(memcmp(json_string_value(v), vals[i].ptr, vals[i].len) == 0);
                FUZZ_ASSERT(vals[i].flags == value_flags(vals[i].ptr, vals[i].len));
                break;
            default:
                FUZZ_ASSERT(0);
            }
        }
        json_decref(obj);
    }
    rg_strbuf_dispose(&scratch);
    check_line_end((const char *)data, size, keys, NK, vals, other);
    return 0;
}
