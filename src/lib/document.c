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

#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL

/* The 8 bytes at p as a word (any alignment). */
static inline uint64_t load8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

/*
 * Index of the first byte >= 0x80 in a word whose mask w & HIGH8 is m != 0:
 * exact on a little-endian machine; elsewhere (or without the builtin) 0,
 * and the byte loop walks up to it.
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FIRST_HIGH(m) ((size_t)__builtin_ctzll(m) >> 3)
#else
#define FIRST_HIGH(m) ((size_t)0 * (m))
#endif

/* Append Windows-1252 byte c as UTF-8. */
static int put_cp1252(rg_strbuf *b, unsigned char c)
{
    unsigned char u[4];
    size_t n = rg_text__utf8_encode(u, rg_text__cp1252(c));

    return rg_strbuf_put(b, (const char *)u, n);
}

/*
 * Counts over raw bytes: multi-byte UTF-8 sequences, bytes that start no
 * valid sequence (*bad) and the offset of the first of those (*first).
 */
static void utf8_count(const unsigned char *p, size_t len, size_t *multi, size_t *bad,
                       size_t *first)
{
    size_t i = 0, k;

    *multi = *bad = *first = 0;
    while (i < len) {
        uint64_t m;
        /* runs of plain ASCII, 8 bytes at a time: nothing to count */
        while (len - i >= 8 && !(m = load8(p + i) & HIGH8)) {
            i += 8;
        }
        if (len - i >= 8) {
            i += FIRST_HIGH(m);
        }
        if (i >= len) {
            break;
        }
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        k = rg_text__utf8_seq_len(p + i, len - i);
        if (!k && (*bad)++ == 0) {
            *first = i;
        }
        *multi += k > 1;
        i += k ? k : 1;
    }
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
 * Returns 1 with *fixed set (owned by the caller, valid UTF-8), 0 when not
 * applicable; *valid is 1 when raw itself is valid UTF-8 (no UTF-16 BOM).
 */
static int repair_mixed(rg_strbuf *fixed, size_t *first_bad, size_t *n_bad, int *valid,
                        const char *raw, size_t len)
{
    const unsigned char *p = (const unsigned char *)raw;
    size_t i, k, multi, bad, first;

    *valid = 0;
    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        return 0;
    }
    utf8_count(p, len, &multi, &bad, &first);
    *valid = bad == 0;
    if (bad == 0 || multi == 0 || bad > 4 * multi) {
        return 0;
    }
    if (rg_strbuf_grow(fixed, len + 2 * bad) < 0) {
        return RG_ERROR;
    }
    for (i = 0; i < len; i += k ? k : 1) {
        k = rg_text__utf8_seq_len(p + i, len - i);
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

/* Text known to need no decoding (RG_DOC_PLAIN): a copy. */
static int decode_plain(rg_document *doc, const char *raw, size_t len)
{
    if (!(doc->text = rg__strndup(raw, len))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    doc->len = len;
    memset(&doc->decode, 0, sizeof doc->decode);
    doc->decode.encoding = RG_ENC_UTF8;
    return RG_OK;
}

int rg_document__decode(rg_document *doc, const char *raw, size_t len, unsigned known,
                        size_t *first_bad, size_t *n_bad)
{
    rg_strbuf fixed = RG_STRBUF_INIT;
    int rc, valid = (known & RG_DOC_UTF8) != 0;

    *first_bad = *n_bad = 0;
    if (known & RG_DOC_PLAIN) {
        return decode_plain(doc, raw, len);
    }
    if (!valid && (rc = repair_mixed(&fixed, first_bad, n_bad, &valid, raw, len)) != 0) {
        if (rc < 0) {
            rg_strbuf_dispose(&fixed);
            return rc;
        }
        raw = fixed.ptr; /* the repaired text is valid UTF-8 */
        len = fixed.len;
        valid = 1;
    }
    if (valid) {
        rc = rg_text__decode_utf8(&doc->text, &doc->len, &doc->decode, raw, len);
    } else {
        rc = rg_text_decode(&doc->text, &doc->len, &doc->decode, raw, len);
    }
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
    if ((error = rg_document__decode(doc, raw, len, 0, &first_bad, &n_bad)) < 0) {
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
