/* SPDX-License-Identifier: MIT */
/*
 * Growable byte buffer. Doubling growth; every append keeps a NUL after the
 * data so that the buffer can be handed to C string functions.
 */
#include <math.h>   /* isfinite */
#include <stdio.h>  /* vsnprintf, snprintf */
#include <stdint.h> /* uint64_t */
#include <string.h> /* memcpy, strlen */

#include "strbuf.h"

int rg_strbuf_grow(rg_strbuf *b, size_t extra)
{
    size_t need, ncap;
    char *p;

    if (extra > SIZE_MAX - b->len - 1) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    need = b->len + extra + 1;
    if (need <= b->alloc) {
        return RG_OK;
    }
    ncap = b->alloc ? b->alloc : 64;
    while (ncap < need) {
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    }
    p = rg__realloc(b->ptr, ncap);
    if (!p) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    b->ptr = p;
    b->alloc = ncap;
    return RG_OK;
}

int rg_strbuf__put_slow(rg_strbuf *b, const char *s, size_t n)
{
    if (rg_strbuf_grow(b, n) < 0) {
        return RG_ERROR;
    }
    if (n) {
        memcpy(b->ptr + b->len, s, n);
    }
    b->len += n;
    b->ptr[b->len] = '\0';
    return RG_OK;
}

int rg_strbuf_printf(rg_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        rg__error_set(RG_ERROR, "formatting failed");
        return RG_ERROR;
    }
    if (rg_strbuf_grow(b, (size_t)n) < 0) {
        return RG_ERROR;
    }
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return RG_OK;
}

/* Nonzero when a byte of the 8-byte word w needs a JSON escape: a control
 * byte (< 0x20), '"' or '\\'. Each of the three borrow tests is exact as a
 * yes/no for the word (a borrow can only flag bytes above a true hit), and
 * '& ~w' keeps bytes >= 0x80, UTF-8 text, out. */
static uint64_t json_word_special(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ULL;

    return ((w - ones * 0x20) | ((w ^ (ones * '"')) - ones) | ((w ^ (ones * '\\')) - ones)) &
           ~w & (ones * 0x80);
}

/* Index of the first byte of s[i, n) that needs an escape, or n. Most
 * strings (names, sentences) have none: 8 bytes a step. */
static size_t json_next_special(const char *s, size_t i, size_t n)
{
    uint64_t w;

    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        if (json_word_special(w)) {
            break;
        }
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\') {
            return i;
        }
    }
    return n;
}

int rg_strbuf_put_json_escaped(rg_strbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0, j;

    while ((j = json_next_special(s, i, n)) < n) {
        unsigned char c = (unsigned char)s[j];
        char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
        size_t elen = 2;

        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default: elen = 6; break;
        }
        if (rg_strbuf_put(b, s + i, j - i) < 0 || rg_strbuf_put(b, esc, elen) < 0) {
            return RG_ERROR;
        }
        i = j + 1;
    }
    return rg_strbuf_put(b, s + i, n - i);
}

int rg_strbuf_put_real(rg_strbuf *b, double x, int prec)
{
    char tmp[64];
    int n;

    if (!isfinite(x)) {
        rg__error_set(RG_EINVAL, "non-finite number cannot be written");
        return RG_EINVAL;
    }
    n = snprintf(tmp, sizeof tmp, "%.*f", prec, x);
    if (n <= 0 || (size_t)n >= sizeof tmp) {
        /* magnitudes this large only come from corrupt input */
        n = snprintf(tmp, sizeof tmp, "%.17g", x);
    } else if (memchr(tmp, '.', (size_t)n)) {
        while (n > 0 && tmp[n - 1] == '0') {
            n--;
        }
        if (n > 0 && tmp[n - 1] == '.') {
            n--;
        }
    }
    tmp[n] = '\0';
    if (strcmp(tmp, "-0") == 0) {
        return rg_strbuf_put(b, "0", 1);
    }
    return rg_strbuf_put(b, tmp, (size_t)n);
}

void rg_strbuf_clear(rg_strbuf *b)
{
    b->len = 0;
    if (b->ptr) {
        b->ptr[0] = '\0';
    }
}

char *rg_strbuf_detach(rg_strbuf *b, size_t *len_out)
{
    char *p = b->ptr;

    if (!p) {
        p = rg__strndup("", 0);
    }
    if (len_out) {
        *len_out = b->len;
    }
    b->ptr = NULL;
    b->len = b->alloc = 0;
    return p;
}

void rg_strbuf_dispose(rg_strbuf *b)
{
    rg__free(b->ptr);
    b->ptr = NULL;
    b->len = b->alloc = 0;
}
