/* SPDX-License-Identifier: MIT */
/*
 * Text decoding (rg_text_decode): raw bytes -> NFC UTF-8 with LF line ends.
 * UTF-8 is kept, UTF-16 with a BOM is transcoded, anything else is read as
 * Windows-1252; NUL bytes are dropped and counted.
 */
#include <string.h> /* memchr, memcpy, memset */

#include <utf8proc.h> /* utf8proc_iterate, utf8proc_get_property,
                         utf8proc_decompose, utf8proc_reencode,
                         utf8proc_errmsg */

#include <relgraph/text.h>
#include "common.h"
#include "text_internal.h"

/* Windows-1252 bytes 0x80..0x9F; 0xFFFD for the five undefined bytes. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

int32_t rg_text__cp1252(unsigned char b)
{
    if (b >= 0x80 && b < 0xA0) {
        return cp1252_high[b - 0x80];
    }
    return b;
}

/* Bytes -> UTF-8 as Windows-1252. Output is at most 3 bytes per input byte. */
static int decode_cp1252(char **out,             /* out: UTF-8, rg__malloc */
                         size_t *out_len,        /* out: its length */
                         const unsigned char *p, /* Windows-1252 bytes */
                         size_t len)             /* their count */
{
    unsigned char *d;
    size_t i, n = 0;

    if (len > (SIZE_MAX - 1) / 3) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    d = rg__malloc(len * 3 + 1);
    if (!d) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < len; i++) {
        int32_t cp = p[i];
        if (cp >= 0x80 && cp < 0xA0) {
            cp = cp1252_high[cp - 0x80];
        }
        n += rg_text__utf8_encode(d + n, cp);
    }
    d[n] = '\0';
    *out = (char *)d;
    *out_len = n;
    return RG_OK;
}

/*
 * UTF-16 (after the BOM) -> UTF-8. `base` is the BOM length, so that the
 * offset in an error message is an offset in the bytes as read.
 */
static int decode_utf16(char **out,             /* out: UTF-8, rg__malloc */
                        size_t *out_len,        /* out: its length */
                        const unsigned char *p, /* code units, BOM skipped */
                        size_t len,             /* bytes at p */
                        int big_endian,         /* 1 for UTF-16BE */
                        size_t base)            /* offset of p in the input */
{
    unsigned char *d = NULL;
    size_t i = 0, n = 0;
    int error = RG_OK;

    if (len % 2) {
        rg__error_set(RG_EENCODING, "UTF-16 input: odd byte count, truncated code unit at byte %zu",
                      base + len - 1);
        error = RG_EENCODING;
        goto cleanup;
    }
    /* a code unit (2 bytes) yields at most 3 UTF-8 bytes; a pair, 4 */
    d = rg__malloc(len / 2 * 3 + 1);
    if (!d) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    while (i < len) {
        uint32_t u = big_endian ? ((uint32_t)p[i] << 8 | p[i + 1])
                                : ((uint32_t)p[i + 1] << 8 | p[i]);
        int32_t cp = (int32_t)u;

        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t lo;
            if (i + 4 > len) {
                goto unpaired;
            }
            lo = big_endian ? ((uint32_t)p[i + 2] << 8 | p[i + 3])
                            : ((uint32_t)p[i + 3] << 8 | p[i + 2]);
            if (lo < 0xDC00 || lo > 0xDFFF) {
                goto unpaired;
            }
            cp = (int32_t)(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
            i += 2;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            goto unpaired;
        }
        n += rg_text__utf8_encode(d + n, cp);
        i += 2;
    }
    d[n] = '\0';
    *out = (char *)d;
    *out_len = n;
    d = NULL;
    goto cleanup;
unpaired:
    rg__error_set(RG_EENCODING, "UTF-16 input: unpaired surrogate at byte %zu", base + i);
    error = RG_EENCODING;
cleanup:
    rg__free(d);
    return error;
}

/*
 * In place: CRLF and lone CR -> LF, NUL bytes dropped (counted in *nuls).
 * Returns the new length; d[new length] is set to NUL.
 */
static size_t decode_newlines(char *d, size_t len, size_t *nuls)
{
    const char *cr = memchr(d, '\r', len), *nul = memchr(d, '\0', len);
    size_t i, n;

    /* most texts hold neither: nothing moves before the first one */
    if (!cr && !nul) {
        d[len] = '\0';
        return len;
    }
    n = (size_t)((cr && (!nul || cr < nul) ? cr : nul) - d);
    for (i = n; i < len; i++) {
        char c = d[i];
        if (c == '\r') {
            if (i + 1 < len && d[i + 1] == '\n') {
                continue;
            }
            c = '\n';
        } else if (c == '\0') {
            (*nuls)++;
            continue;
        }
        d[n++] = c;
    }
    d[n] = '\0';
    return n;
}

int rg_text__nfc_stable(int32_t cp)
{
    const utf8proc_property_t *pr;

    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3)) {
        return 0;
    }
    pr = utf8proc_get_property(cp);
    return !(pr->combining_class != 0 || pr->comb_index != UINT16_MAX ||
             (pr->decomp_seqindex != UINT16_MAX && pr->decomp_type == 0));
}

/*
 * NFC quick check (conservative): 1 when no character of valid UTF-8 `s`
 * can change under NFC, i.e. every code point is below U+0300 or
 * rg_text__nfc_stable. French news text passes, so decoding skips the
 * costly normalisation for it.
 */
static int decode_nfc_quick(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n;
        uint64_t w;

        if (len - i >= 8 && (memcpy(&w, p + i, 8), (w & 0x8080808080808080u) == 0)) {
            i += 8; /* eight ASCII bytes */
            continue;
        }
        if (p[i] < 0xCC) { /* ASCII, or a 2-byte character below U+0300 */
            i += p[i] < 0x80 ? 1 : 2;
            continue;
        }
        n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || !rg_text__nfc_stable(cp)) {
            return 0;
        }
        i += (size_t)n;
    }
    return 1;
}

/*
 * Valid UTF-8 `s` -> NFC, in a buffer from rg__malloc. utf8proc_map()
 * would allocate with malloc and escape the test allocator, so this does
 * what it does by hand: decompose into a UTF-32 buffer, then reencode
 * (which normalises and composes) in place.
 */
static int decode_nfc(char **out,      /* out: NFC text, rg__malloc */
                      size_t *out_len, /* out: its length */
                      const char *s,   /* valid UTF-8 */
                      size_t len)      /* its length */
{
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    utf8proc_int32_t *buf = NULL;
    utf8proc_ssize_t n;
    int error = RG_OK;

    n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, NULL, 0, opt);
    if (n < 0) {
        rg__error_set(RG_EENCODING, "NFC normalisation failed: %s", utf8proc_errmsg(n));
        error = RG_EENCODING;
        goto cleanup;
    }
    buf = rg__reallocarray(NULL, (size_t)n + 1, sizeof *buf);
    if (!buf) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, buf, n, opt);
    if (n >= 0) {
        n = utf8proc_reencode(buf, n, opt);
    }
    if (n < 0) {
        rg__error_set(RG_EENCODING, "NFC normalisation failed: %s", utf8proc_errmsg(n));
        error = RG_EENCODING;
        goto cleanup;
    }
    /* reencode wrote UTF-8 bytes (NUL-terminated) over the buffer */
    *out = (char *)buf;
    *out_len = (size_t)n;
    buf = NULL;
cleanup:
    rg__free(buf);
    return error;
}

/*
 * The end of decoding, shared: newlines and NUL bytes, then NFC (steps that
 * `known` says are no-ops are skipped). d (dlen bytes, room for one more) is
 * taken over; inf is stored into *info.
 */
static int decode_finish(char **out, size_t *out_len, rg_decode_info *info,
                         rg_decode_info *inf, char *d, size_t dlen, unsigned known)
{
    char *nfc = NULL;
    int error = RG_OK;

    if (known & RG_DOC_NO_CR_NUL) {
        d[dlen] = '\0';
    } else {
        dlen = decode_newlines(d, dlen, &inf->nul_bytes);
    }
    if (!(known & RG_DOC_NFC) && !decode_nfc_quick(d, dlen)) {
        error = decode_nfc(&nfc, &dlen, d, dlen);
        if (error < 0) {
            goto cleanup;
        }
        rg__free(d);
        d = nfc;
        nfc = NULL;
    }
    if (info) {
        *info = *inf;
    }
    *out = d;
    *out_len = dlen;
    d = NULL;
cleanup:
    rg__free(d);
    return error;
}

/* Length of the UTF-8 BOM at the start of buf[0..len): 3 or 0. */
static size_t utf8_bom_len(const char *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;

    return len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
}

/* Valid UTF-8 buf[0..len), BOM already skipped -> a copy. */
static int decode_copy(char **d, size_t *dlen, const char *buf, size_t len)
{
    *dlen = len;
    if (!(*d = rg__strndup(buf, len))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    return RG_OK;
}

int rg_text__decode_utf8(char **out, size_t *out_len, rg_decode_info *info, const char *buf,
                         size_t len, unsigned known)
{
    rg_decode_info inf;
    char *d = NULL;
    size_t dlen = 0, skip;
    int error;

    *out = NULL;
    *out_len = 0;
    if (!buf) {
        buf = "";
        len = 0;
    }
    memset(&inf, 0, sizeof inf);
    inf.encoding = RG_ENC_UTF8;
    skip = utf8_bom_len(buf, len);
    inf.had_bom = skip > 0;
    if ((error = decode_copy(&d, &dlen, buf + skip, len - skip)) < 0) {
        return error;
    }
    return decode_finish(out, out_len, info, &inf, d, dlen, known);
}

int rg_text_decode(char **out, size_t *out_len, rg_decode_info *info, const char *buf,
                   size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;
    rg_decode_info inf;
    char *d = NULL;
    size_t dlen = 0, bad = 0;
    int error = RG_OK;

    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(out_len);
    RG_ASSERT_ARG(buf || len == 0);
    *out = NULL;
    *out_len = 0;
    if (!buf) {
        buf = "";
        p = (const unsigned char *)buf;
    }
    memset(&inf, 0, sizeof inf);
    inf.encoding = RG_ENC_UTF8;

    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        inf.encoding = RG_ENC_UTF16;
        inf.had_bom = 1;
        error = decode_utf16(&d, &dlen, p + 2, len - 2, p[0] == 0xFE, 2);
    } else {
        size_t skip = utf8_bom_len(buf, len);
        inf.had_bom = skip > 0;
        if (rg_text_utf8_valid(buf + skip, len - skip, &bad)) {
            error = decode_copy(&d, &dlen, buf + skip, len - skip);
        } else {
            inf.encoding = RG_ENC_CP1252;
            inf.invalid_offset = skip + bad;
            error = decode_cp1252(&d, &dlen, p + skip, len - skip);
        }
    }
    if (error < 0) {
        return error;
    }
    return decode_finish(out, out_len, info, &inf, d, dlen, 0);
}
