/* SPDX-License-Identifier: MIT */
/*
 * Private helpers of the reader (reader.c) implemented in document.c:
 * allocation and decoding of documents, binary detection.
 */
#ifndef RG_LIB_READER_INTERNAL_H
#define RG_LIB_READER_INTERNAL_H

#include <stddef.h>

#include <relgraph/reader.h>

/*
 * Duplicate-id detection remembers at most this many ids (as 64-bit hashes,
 * a 16 MiB table at the bound); later ids are checked against those only.
 */
#ifndef RG_READER_ID_LIMIT
#define RG_READER_ID_LIMIT ((size_t)1 << 20)
#endif

/* Test hook: change that bound for one reader (before the first document). */
void rg_reader__set_id_limit(rg_reader *r, size_t limit);

/* A document with copies of id and origin, all else zero. RG_OK or RG_ERROR (OOM). */
int rg_document__alloc(rg_document **out, const char *id, const char *origin);

/*
 * Decode raw bytes into doc->text (rg_text_decode), first repairing text that
 * is mostly UTF-8: *n_bad > 0 when bytes were decoded as Windows-1252 one by
 * one, the first at byte *first_bad. RG_OK, RG_EENCODING or RG_ERROR.
 */
int rg_document__decode(rg_document *doc, const char *raw, size_t len, size_t *first_bad,
                        size_t *n_bad);

/* 1 when a decoded document is binary data: more than 10% NUL or C0 control
 * bytes (other than TAB, LF, VT, FF, CR, ESC), for inputs of 32 bytes or more. */
int rg_document__looks_binary(const rg_document *doc, size_t raw_len);

#endif
