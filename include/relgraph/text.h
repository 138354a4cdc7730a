/* SPDX-License-Identifier: MIT */
/*
 * Text decoding and normalisation (utf8proc): bytes as read -> valid NFC
 * UTF-8 with LF line ends, and the accent- and case-folded "match key" used
 * by the actor matcher, with a byte map back to the text it was folded from.
 * Ownership: every `char **out` / `size_t **map_out` is the caller's, freed
 * with rg_free().
 */
#ifndef RELGRAPH_TEXT_H
#define RELGRAPH_TEXT_H

#include "common.h"

typedef enum {
    RG_ENC_UTF8 = 0,   /* input was valid UTF-8 */
    RG_ENC_CP1252 = 1, /* input was not UTF-8; decoded as Windows-1252 */
    RG_ENC_UTF16 = 2   /* input had a UTF-16 BOM and was transcoded */
} rg_encoding;

typedef struct {
    rg_encoding encoding;   /* what the input was decoded from */
    int had_bom;            /* a byte-order mark was removed */
    size_t invalid_offset;  /* CP1252: byte offset of the first invalid UTF-8 sequence */
    size_t nul_bytes;       /* NUL bytes dropped */
} rg_decode_info;

/**
 * Decode raw bytes into NFC UTF-8 text with LF line ends.
 * Valid UTF-8 is kept (BOM removed); otherwise the bytes are decoded as
 * Windows-1252 and info->encoding says so (callers warn). A UTF-16 BOM is
 * honoured. CRLF and lone CR become LF. NUL bytes are dropped and counted.
 * @param[out] out      the decoded text, NUL-terminated; free with rg_free()
 * @param[out] out_len  its length in bytes
 * @param[out] info     what the decoder did (may be NULL)
 * @return RG_OK, RG_EENCODING (undecodable UTF-16), RG_ERROR (OOM)
 * Complexity: O(len).
 */
RG_EXTERN(int) rg_text_decode(char **out, size_t *out_len, rg_decode_info *info,
                              const char *buf, size_t len);

/** 1 when buf[0..len) is valid UTF-8 (no overlongs, no surrogates), else 0;
 *  *bad_offset (may be NULL) receives the offset of the first bad byte. */
RG_EXTERN(int) rg_text_utf8_valid(const char *buf, size_t len, size_t *bad_offset);

/**
 * Fold text into a match key: case-folded, accents stripped, typographic
 * apostrophes (’ ʼ ‘ ´ `) -> ', dashes (‐ ‑ – —) -> -, ligatures œ -> oe,
 * æ -> ae, and every run of white space (incl. NBSP and newlines) -> one
 * space. map[i] is the byte offset in `s` of the character that produced key
 * byte i; map[key_len] == len.
 * @param[out] out      folded key, NUL-terminated; free with rg_free()
 * @param[out] out_len  its length
 * @param[out] map_out  byte map (key_len + 1 entries) or NULL if not wanted
 * @return RG_OK or RG_ERROR (OOM)
 * Complexity: O(len).
 */
RG_EXTERN(int) rg_text_fold(char **out, size_t *out_len, size_t **map_out,
                            const char *s, size_t len);

/** Free memory returned by any rg_ function documented "free with rg_free()". */
RG_EXTERN(void) rg_free(void *p);

#endif
