/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the JSON Lines fast-path scanner (src/lib/jsonl_scan.c)
 * against jansson. The input is one line. Whenever the scanner accepts it,
 * jansson (JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, as the reader calls it)
 * must accept it too, as an object, and every wanted member must be absent,
 * null or the very same string in both (and the string's flags must match
 * its bytes); any disagreement aborts. Lines the
 * scanner falls back on are jansson's business and not checked.
 */
#include <stdint.h> /* uint8_t */
#include <string.h> /* memcmp */

#include <jansson.h>

#include "../jsonl_scan_ref.h" /* value_flags */
#include "fuzz.h"
#include "jsonl_scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const keys[] = { "id", "date", "text", "title", "id", "" };
    enum { NK = sizeof keys / sizeof *keys };
    rg_jscan_value vals[NK];
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
    return 0;
}
