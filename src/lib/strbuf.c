/* SPDX-License-Identifier: MIT */
/*
 * Growable byte buffer. Doubling growth; every append keeps a NUL after the
 * data so that the buffer can be handed to C string functions.
 */
#include <math.h>   /* fabs, floor, isfinite */
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

/*
 * |x| rounded to `prec` decimals the way printf's "%.*f" rounds (the exact
 * binary value, ties to even), decided from s = |x| * 10^prec in double:
 * below 2^40 s is within 2^-14 of the exact product, so when its fraction
 * is not within 1e-3 of one half both round to the same integer. Returns 1
 * with that integer in *r, 0 when the caller must ask snprintf.
 */
static int real_scaled(double x, int prec, uint64_t *r)
{
    static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
    double s, f;

    if (prec < 0 || prec > 9) {
        return 0;
    }
    s = fabs(x) * p10[prec];
    if (!(s < 1099511627776.0)) { /* 2^40 */
        return 0;
    }
    f = s - floor(s);
    if (fabs(f - 0.5) < 1e-3) {
        return 0;
    }
    *r = (uint64_t)s + (f > 0.5);
    return 1;
}

/* "00" to "99": digits are written two at a time. */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324"
                                  "25262728293031323334353637383940414243444546474849"
                                  "50515253545556575859606162636465666768697071727374"
                                  "75767778798081828384858687888990919293949596979899";

/* Writes n in decimal, at least `width` digits (and at least one), ending
 * just before `end`; returns where it starts. */
static char *put_digits(char *end, uint64_t n, int width)
{
    char *stop = end - width;

    while (n >= 100) {
        end -= 2;
        memcpy(end, digit_pairs + 2 * (n % 100), 2);
        n /= 100;
    }
    if (n >= 10) {
        end -= 2;
        memcpy(end, digit_pairs + 2 * n, 2);
    } else {
        *--end = (char)('0' + n);
    }
    while (end > stop) {
        *--end = '0';
    }
    return end;
}

/* The text is built backwards at the end of a scratch block and copied out
 * as a fixed-size block (one or two vector moves, where a copy of its exact
 * length was a call): out has RG_STRBUF_NUM_MAX bytes of room. */
#define NUM_TEXT_MAX 32 /* longest fast-path text: "-" 13 digits "." 9 digits */

size_t rg_strbuf_format_int(char *out, long long v)
{
    uint64_t u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    char tmp[2 * NUM_TEXT_MAX], *e = tmp + NUM_TEXT_MAX, *p;

    if (u < 10) { /* most counts and ranks */
        out[0] = '-';
        out[v < 0] = (char)('0' + u);
        return 1 + (v < 0);
    }
    p = put_digits(e, u, 1);
    if (v < 0) {
        *--p = '-';
    }
    memcpy(out, p, NUM_TEXT_MAX);
    return (size_t)(e - p);
}

int rg_strbuf_put_int(rg_strbuf *b, long long v)
{
    int error = rg_strbuf_reserve(b, RG_STRBUF_NUM_MAX);

    if (error == RG_OK) {
        b->len += rg_strbuf_format_int(b->ptr + b->len, v);
        b->ptr[b->len] = '\0';
    }
    return error;
}

/* The digits of |x| scaled (real_scaled), trailing zeros trimmed, ending
 * just before e; returns where they start. */
static char *real_digits(char *e, uint64_t r, double x, int prec)
{
    static const uint64_t units[] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
                                      10000000, 100000000, 1000000000 };
    uint64_t unit = units[prec], frac = r % unit; /* prec: 0-9 (real_scaled) */
    char *p = e;

    if (frac != 0) {
        int w = prec;
        while (frac % 10 == 0) { /* no trailing zeros */
            frac /= 10;
            w--;
        }
        p = put_digits(p, frac, w);
        *--p = '.';
    }
    p = put_digits(p, r / unit, 1);
    if (r != 0 && x < 0) {
        *--p = '-'; /* a value that rounds to zero is written "0" */
    }
    return p;
}

size_t rg_strbuf_format_real(char *out, double x, int prec)
{
    char tmp[RG_STRBUF_NUM_MAX];
    uint64_t r;
    int n;

    if (real_scaled(x, prec, &r)) {
        /* graphs write hundreds of thousands of numbers: snprintf's float
         * path was 8% of the instructions of `build` */
        char blk[2 * NUM_TEXT_MAX], *e = blk + NUM_TEXT_MAX, *p = real_digits(e, r, x, prec);
        memcpy(out, p, NUM_TEXT_MAX);
        return (size_t)(e - p);
    }
    n = snprintf(tmp, sizeof tmp, "%.*f", prec, x);
    if (n <= 0 || (size_t)n >= sizeof tmp) {
        /* magnitudes this large only come from corrupt input */
        n = snprintf(tmp, sizeof tmp, "%.17g", x);
        n = n < 0 ? 0 : n;
    } else if (memchr(tmp, '.', (size_t)n)) {
        while (n > 0 && tmp[n - 1] == '0') {
            n--;
        }
        if (n > 0 && tmp[n - 1] == '.') {
            n--;
        }
    }
    if (n == 2 && tmp[0] == '-' && tmp[1] == '0') {
        n = 1;
        tmp[0] = '0';
    }
    memcpy(out, tmp, (size_t)n);
    return (size_t)n;
}

int rg_strbuf_put_real(rg_strbuf *b, double x, int prec)
{
    int error;

    if (!isfinite(x)) {
        rg__error_set(RG_EINVAL, "non-finite number cannot be written");
        return RG_EINVAL;
    }
    if ((error = rg_strbuf_reserve(b, RG_STRBUF_NUM_MAX)) == RG_OK) {
        b->len += rg_strbuf_format_real(b->ptr + b->len, x, prec);
        b->ptr[b->len] = '\0';
    }
    return error;
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
