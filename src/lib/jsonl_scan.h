/* SPDX-License-Identifier: MIT */
/*
 * A strict, allocation-light scanner for one JSON Lines line: a top-level
 * JSON object from which only a few string members are wanted (id, date,
 * text fields). It validates the whole line (grammar, UTF-8, escapes,
 * duplicate keys) and unescapes only the wanted members, into a scratch
 * buffer reused from line to line (strings without escapes point into the
 * line itself).
 *
 * It is a fast path, not a parser of record: whenever the line is anything
 * but a plain, valid object it returns RG_JSCAN_FALLBACK and the caller
 * parses the line with jansson (JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL),
 * which produces the messages. When it returns RG_JSCAN_OK, jansson would
 * have accepted the line and returned the same values for the wanted keys.
 * Falls back on: invalid JSON or UTF-8, a raw line feed (the reader's lines
 * hold none), a top-level value that is not an object, duplicate keys (at
 * any depth), keys with escapes, nesting deeper than RG_JSCAN_MAX_DEPTH,
 * more than RG_JSCAN_MAX_KEYS keys in the open objects, numbers that might
 * overflow a double or a json_int_t, and a wanted member that is neither a
 * string nor null.
 */
#ifndef RG_LIB_JSONL_SCAN_H
#define RG_LIB_JSONL_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define RG_JSCAN_MAX_DEPTH 32
#define RG_JSCAN_MAX_KEYS 256

enum {
    RG_JSCAN_OK = 1,       /* values filled in */
    RG_JSCAN_FALLBACK = 0  /* use jansson for this line */
};

typedef enum {
    RG_JSCAN_ABSENT = 0, /* no such member */
    RG_JSCAN_NULL,       /* member is null */
    RG_JSCAN_STRING      /* member is a string: ptr, len (may hold NUL bytes) */
} rg_jscan_kind;

/* What a string value holds (rg_jscan_value.flags), so that the reader can
 * skip decoding steps that could not change it. */
#define RG_JSCAN_C0 1u   /* a byte below 0x20 other than TAB and LF (from escapes) */
#define RG_JSCAN_NOT_NFC 2u /* a code point >= U+0300 that NFC may change
                              * (not rg_text__nfc_stable) */

typedef struct {
    rg_jscan_kind kind;
    const char *ptr; /* unescaped bytes, valid until the next scan or the line changes */
    size_t len;
    unsigned flags;  /* RG_JSCAN_STRING: RG_JSCAN_C0 | RG_JSCAN_NOT_NFC, exact */
} rg_jscan_value;

/*
 * Scan `line` (len bytes, no terminator needed) for the members named
 * keys[0..n_keys) (NUL-terminated names; the same name may appear twice).
 * Fills vals[i] for each key. `scratch` holds unescaped strings (cleared by
 * the call, kept allocated). RG_JSCAN_OK, RG_JSCAN_FALLBACK, or RG_ERROR on
 * allocation failure.
 */
int rg_jsonl_scan(const char *line, size_t len, const char *const *keys, size_t n_keys,
                  rg_jscan_value *vals, rg_strbuf *scratch);

/*
 * The wanted names, measured once for many lines (rg_jscan_keys_init): the
 * first 64 names that are plain ASCII (0x20..0x7E but '"' and '\\') are
 * compared raw with a line's keys, a byte and a memcmp each, instead of
 * being measured and checked byte by byte at every key of every line.
 */
typedef struct {
    const char *const *names; /* borrowed */
    size_t n;
    uint64_t plain;           /* bit i: names[i] is compared raw */
    size_t len[64];           /* strlen(names[i]) */
    unsigned char first[64];  /* names[i][0], or '"' for "" (the key's closing quote) */
    uint64_t word[64], mask[64]; /* names under 8 bytes: the name and its closing
                                  * quote as 8 loaded bytes, and the mask of those */
} rg_jscan_keys;

void rg_jscan_keys_init(rg_jscan_keys *k, const char *const *names, size_t n);

/*
 * The same for the line at the start of buf[0..avail), whose end is not
 * known yet: the object, then blanks (space, TAB, CR), then a LF or the end
 * of buf. RG_JSCAN_OK with *line_len the bytes before that LF (avail when
 * there is none: the caller knows whether more bytes may follow), or the
 * other returns of rg_jsonl_scan. The scan stops at the line's end: the
 * reader finds its lines in the same pass. A raw LF is never white space
 * for either function (a LF inside the object falls back).
 */
int rg_jsonl_scan_line(const char *buf, size_t avail, const rg_jscan_keys *keys,
                       rg_jscan_value *vals, rg_strbuf *scratch, size_t *line_len);

#endif
