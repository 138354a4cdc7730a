/* SPDX-License-Identifier: MIT */
/*
 * Growable byte buffer (ptr, len, alloc), always NUL-terminated after a
 * successful append, binary-safe. Used by every writer in the library.
 */
#ifndef RG_LIB_STRBUF_H
#define RG_LIB_STRBUF_H

#include <stddef.h>
#include <string.h> /* memcpy, strlen */

#include "common.h"

typedef struct {
    char *ptr;
    size_t len;
    size_t alloc;
} rg_strbuf;

#define RG_STRBUF_INIT { NULL, 0, 0 }

int rg_strbuf_grow(rg_strbuf *b, size_t extra);
/* The growing half of rg_strbuf_put (also takes every append when empty). */
int rg_strbuf__put_slow(rg_strbuf *b, const char *s, size_t n);

/*
 * Appends inline while the data and its NUL fit (alloc > len whenever ptr
 * is set, and alloc - len is 0 when it is not): writers append a few bytes
 * at a time, and a call to the grow check for each was 2% of extraction.
 */
static inline int rg_strbuf_put(rg_strbuf *b, const char *s, size_t n)
{
    if (n < b->alloc - b->len) {
        if (n) {
            memcpy(b->ptr + b->len, s, n);
        }
        b->len += n;
        b->ptr[b->len] = '\0';
        return RG_OK;
    }
    return rg_strbuf__put_slow(b, s, n);
}

static inline int rg_strbuf_puts(rg_strbuf *b, const char *s)
{
    return rg_strbuf_put(b, s, strlen(s));
}

static inline int rg_strbuf_putc(rg_strbuf *b, char c)
{
    if (b->alloc - b->len > 1) {
        b->ptr[b->len++] = c;
        b->ptr[b->len] = '\0';
        return RG_OK;
    }
    return rg_strbuf__put_slow(b, &c, 1);
}

/* Makes room for n more bytes and the NUL, for writers that write in place
 * (b->ptr + b->len) several pieces under one check. */
static inline int rg_strbuf_reserve(rg_strbuf *b, size_t n)
{
    return n < b->alloc - b->len ? RG_OK : rg_strbuf_grow(b, n);
}

int rg_strbuf_printf(rg_strbuf *b, const char *fmt, ...) RG_PRINTFLIKE(2, 3);
/* Appends s as the body of a JSON string (no quotes), escaping as RFC 8259. */
int rg_strbuf_put_json_escaped(rg_strbuf *b, const char *s, size_t n);
/* Appends a finite double with up to `prec` decimals, trailing zeros trimmed,
 * "-0" written as "0". Returns RG_EINVAL for NaN/Inf. */
int rg_strbuf_put_real(rg_strbuf *b, double x, int prec);
/* Appends v in decimal, as printf's "%lld" writes it. */
int rg_strbuf_put_int(rg_strbuf *b, long long v);
/* Room a number's text may take in the two writers below. */
#define RG_STRBUF_NUM_MAX 64
/* The bytes rg_strbuf_put_real and rg_strbuf_put_int append, written at
 * out, which must have RG_STRBUF_NUM_MAX bytes of room: the bytes after the
 * text, up to that room, may be overwritten (no NUL is written). They
 * return the text's length. x must be finite. */
size_t rg_strbuf_format_real(char *out, double x, int prec);
size_t rg_strbuf_format_int(char *out, long long v);
void rg_strbuf_clear(rg_strbuf *b);
/* Hands the buffer to the caller (who frees it with rg__free). */
char *rg_strbuf_detach(rg_strbuf *b, size_t *len_out);
void rg_strbuf_dispose(rg_strbuf *b);

#endif
