/* SPDX-License-Identifier: MIT */
/*
 * Documents: creation and decoding of raw bytes, shared by the reader. Text
 * that is mostly UTF-8 with a few bad bytes is repaired byte by byte before
 * rg_text_decode(); binary data is recognised by its share of NUL and
 * control bytes.
 */
#include <stdint.h> /* uint32_t, uint64_t */
#include <string.h> /* memcpy */

#include <relgraph/reader.h>
#include "common.h"
#include "reader_internal.h"
#include "strbuf.h"
#include "text_internal.h" /* rg_text__cp1252, rg_text__utf8_encode */

void rg_document_free(rg_document *doc)
{
    if (!doc) {
        return;
    }
    rg__free(doc->id);
    rg__free(doc->text);
    rg__free(doc->origin);
    rg__free(doc);
}

/* ---- decoding: mostly-UTF-8 repair and binary detection ---- */

/* Length of the valid UTF-8 sequence at p[0..n) (1..4), or 0 if invalid. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    size_t k, i;
    unsigned c = p[0];
    uint32_t cp;

    if (c < 0x80) {
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        k = 2, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        k = 3, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4, cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < k) {
        return 0;
    }
    for (i = 1; i < k; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((k == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (k == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
        return 0;
    }
    return k;
}

#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL

/* The 8 bytes at p as a word (any alignment). */
static inline uint64_t load8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

/* Append Windows-1252 byte c as UTF-8. */
static int put_cp1252(rg_strbuf *b, unsigned char c)
{
    unsigned char u[4];
    size_t n = rg_text__utf8_encode(u, rg_text__cp1252(c));

    return rg_strbuf_put(b, (const char *)u, n);
}

/*
 * HOW IT WORKS: a scraped page is often UTF-8 with a few stray bytes (a
 * Latin-1 "é" pasted into UTF-8, a cut multi-byte sequence). Decoding the
 * whole text as Windows-1252 would turn every "é" into "Ã©" and lose the
 * actor names around it, so when the text holds valid multi-byte sequences
 * and at most 4 bad bytes for each of them, only the bad bytes are decoded as
 * Windows-1252: "pr\xc3\xa9sident \xe9t\xe9" -> "président été". A text
 * with no (or few) multi-byte sequences is left to rg_text_decode, which
 * decodes it whole as Windows-1252. UTF-16 (BOM) is never touched.
 * Returns 1 with *fixed set (owned by the caller), 0 when not applicable.
 */
static int repair_mixed(rg_strbuf *fixed, size_t *first_bad, size_t *n_bad,
                        const char *raw, size_t len)
{
    const unsigned char *p = (const unsigned char *)raw;
    size_t i, k, multi = 0, bad = 0, first = 0;

    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        return 0;
    }
    for (i = 0; i < len; i += k ? k : 1) {
        /* runs of plain ASCII, 8 bytes at a time: nothing to count */
        while (len - i >= 8 && !(load8(p + i) & HIGH8)) {
            i += 8;
        }
        if (i >= len) {
            break;
        }
        k = utf8_seq(p + i, len - i);
        if (!k && bad++ == 0) {
            first = i;
        }
        multi += k > 1;
    }
    if (bad == 0 || multi == 0 || bad > 4 * multi) {
        return 0;
    }
    if (rg_strbuf_grow(fixed, len + 2 * bad) < 0) {
        return RG_ERROR;
    }
    for (i = 0; i < len; i += k ? k : 1) {
        k = utf8_seq(p + i, len - i);
        if ((k && rg_strbuf_put(fixed, raw + i, k) < 0) || (!k && put_cp1252(fixed, p[i]) < 0)) {
            return RG_ERROR;
        }
    }
    *first_bad = first;
    *n_bad = bad;
    return 1;
}

int rg_document__looks_binary(const rg_document *doc, size_t raw_len)
{
    size_t i, ctrl = doc->decode.nul_bytes;

    if (raw_len < 32 || doc->decode.encoding == RG_ENC_UTF16) {
        return 0;
    }
    for (i = 0; i < doc->len; i++) {
        unsigned char c;
        /* skip words with no byte below 0x20 (exact test: no false negatives) */
        while (doc->len - i >= 8) {
            uint64_t w = load8((const unsigned char *)doc->text + i);
            if ((w - ONES8 * 0x20) & ~w & HIGH8) {
                break;
            }
            i += 8;
        }
        if (i >= doc->len) {
            break;
        }
        c = (unsigned char)doc->text[i];
        ctrl += c < 0x20 && !(c >= 0x09 && c <= 0x0D) && c != 0x1B;
    }
    return ctrl * 10 > raw_len;
}

int rg_document__decode(rg_document *doc, const char *raw, size_t len, size_t *first_bad,
                        size_t *n_bad)
{
    rg_strbuf fixed = RG_STRBUF_INIT;
    int rc;

    *first_bad = *n_bad = 0;
    if ((rc = repair_mixed(&fixed, first_bad, n_bad, raw, len)) < 0) {
        rg_strbuf_dispose(&fixed);
        return rc;
    }
    if (rc == 1) {
        raw = fixed.ptr;
        len = fixed.len;
    }
    rc = rg_text_decode(&doc->text, &doc->len, &doc->decode, raw, len);
    rg_strbuf_dispose(&fixed);
    return rc;
}

int rg_document__alloc(rg_document **out, const char *id, const char *origin)
{
    rg_document *doc;

    *out = NULL;
    if (!(doc = rg__calloc(1, sizeof *doc)) || !(doc->id = rg__strdup(id)) ||
        !(doc->origin = rg__strdup(origin))) {
        rg_document_free(doc);
        rg__error_set_oom();
        return RG_ERROR;
    }
    *out = doc;
    return RG_OK;
}

int rg_document_new(rg_document **out, const char *id, const char *raw, size_t len)
{
    rg_document *doc = NULL;
    size_t first_bad, n_bad;
    int error;

    *out = NULL;
    if ((error = rg_document__alloc(&doc, id, id)) < 0) {
        goto cleanup;
    }
    if ((error = rg_document__decode(doc, raw, len, &first_bad, &n_bad)) < 0) {
        goto cleanup;
    }
    if (n_bad) {
        doc->decode.encoding = RG_ENC_CP1252;
        doc->decode.invalid_offset = first_bad;
    }
    *out = doc;
    doc = NULL;
cleanup:
    rg_document_free(doc);
    return error;
}
