/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for strbuf.c: the inline append fast path at the exact edge of
 * the allocation, allocation failures on the growing path, and the JSON
 * escaper (8 bytes a step) against a byte-by-byte reference, with every byte
 * value at every position and alignment of strings up to 3 words long.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h> /* LLONG_MAX, LLONG_MIN */
#include <math.h>   /* pow */
#include <stdio.h>  /* snprintf */
#include <string.h> /* memcmp, memset */

#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include "strbuf.h"

/* rg_strbuf_put_real as it was written before its integer fast path:
 * snprintf's "%.*f", trailing zeros and point dropped, "-0" written "0". */
static void ref_real(char *out, double x, int prec)
{
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "%.*f", prec, x);

    if (n <= 0 || (size_t)n >= sizeof tmp) {
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
    strcpy(out, strcmp(tmp, "-0") == 0 ? "0" : tmp);
}

/* rg_strbuf_format_real writes the same text in place, and nothing past
 * the room it is given. */
static void check_format_real(double x, int prec, const char *want)
{
    char out[RG_STRBUF_NUM_MAX + 16];
    size_t n, i;

    memset(out, 0x5A, sizeof out);
    n = rg_strbuf_format_real(out, x, prec);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(out, want, n);
    for (i = RG_STRBUF_NUM_MAX; i < sizeof out; i++) {
        assert_int_equal((unsigned char)out[i], 0x5A);
    }
}

static void check_real(double x, int prec)
{
    rg_strbuf b = RG_STRBUF_INIT;
    char want[64];

    ref_real(want, x, prec);
    assert_int_equal(rg_strbuf_put_real(&b, x, prec), RG_OK);
    if (strcmp(b.ptr, want) != 0) {
        print_error("%.17g at %d: got %s, want %s\n", x, prec, b.ptr, want);
        fail();
    }
    rg_strbuf_dispose(&b);
    check_format_real(x, prec, want);
}

/* Numbers as the graphs write them (precision 2 and 6), ties and near-ties
 * in binary, magnitudes around the fast path's limit, and random doubles of
 * every scale, at every precision 0-12, against snprintf. */
/* rg_strbuf_put_int writes what printf's "%lld" writes. */
static void test_put_int(void **state)
{
    static const long long v[] = { 0, 1, -1, 9, 10, -10, 99, 100, 123456789, -987654321,
                                   LLONG_MAX, LLONG_MIN, LLONG_MIN + 1 };
    char want[32];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof v / sizeof *v; i++) {
        rg_strbuf b = RG_STRBUF_INIT;
        snprintf(want, sizeof want, "%lld", v[i]);
        assert_int_equal(rg_strbuf_puts(&b, "x"), RG_OK);
        assert_int_equal(rg_strbuf_put_int(&b, v[i]), RG_OK);
        assert_int_equal(b.len, 1 + strlen(want));
        assert_string_equal(b.ptr + 1, want);
        rg_strbuf_dispose(&b);
    }
}

/* rg_strbuf_format_int and rg_strbuf_put_int around every power of ten
 * (the digits go two at a time, single digits apart), both signs, against
 * "%lld"; put_int at every free space left in its buffer (the number's room
 * is reserved whole); format_int writes nothing past its room. */
static void test_format_int(void **state)
{
    char want[32], out[RG_STRBUF_NUM_MAX + 16];
    long long p = 1, v;
    int k, d, fill, sign;
    size_t n, i;

    (void)state;
    for (k = 0; k < 19; k++) { /* p = 10^k, up to 10^18 */
        for (d = -2; d <= 2; d++) {
            for (sign = 1; sign >= -1; sign -= 2) {
                v = sign * (p + d);
                snprintf(want, sizeof want, "%lld", v);
                memset(out, 0x5A, sizeof out);
                n = rg_strbuf_format_int(out, v);
                assert_int_equal(n, strlen(want));
                assert_memory_equal(out, want, n);
                for (i = RG_STRBUF_NUM_MAX; i < sizeof out; i++) {
                    assert_int_equal((unsigned char)out[i], 0x5A);
                }
            }
        }
        p = k < 18 ? p * 10 : p;
    }
    for (fill = 0; fill < 140; fill++) {
        rg_strbuf b = RG_STRBUF_INIT;
        for (k = 0; k < fill; k++) {
            assert_int_equal(rg_strbuf_putc(&b, 'x'), RG_OK);
        }
        assert_int_equal(rg_strbuf_put_int(&b, -1234567890123LL), RG_OK);
        assert_int_equal(rg_strbuf_put_real(&b, -0.000125, 6), RG_OK);
        assert_int_equal(b.len, (size_t)fill + 14 + 9);
        assert_string_equal(b.ptr + fill, "-1234567890123-0.000125");
        assert_true(b.alloc > b.len);
        rg_strbuf_dispose(&b);
    }
}

static void test_put_real(void **state)
{
    static const double fixed[] = { 0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -2.5, 0.125, 0.375, 2.675,
                                    1.005, 0.045, 1e-7, -1e-7, 4e-7, 5e-7, 123456.7890125,
                                    1099511.627776, 1099511627776.0, 1e15, -1e15, 1e300,
                                    9.9999995, 0.9999999999, 12.0, 100.0, 0.1, 0.2, 0.3 };
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    size_t i;
    int prec;
    rg_strbuf b = RG_STRBUF_INIT;
    (void)state;

    for (prec = 0; prec <= 12; prec++) {
        for (i = 0; i < sizeof fixed / sizeof *fixed; i++) {
            check_real(fixed[i], prec);
            check_real(-fixed[i], prec);
        }
        for (i = 0; i < 20000; i++) {
            double x;
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            /* mantissa in [0, 1) times 10^(-8..12), either sign */
            x = (double)(seed >> 11) / 9007199254740992.0;
            x *= pow(10.0, (double)((int)(seed % 21) - 8));
            check_real(seed & 1 ? -x : x, prec);
            /* k / 2^m: exact binary fractions, the ties of "%.*f" */
            x = (double)(seed % 100000) / (double)(1u << (seed >> 60));
            check_real(x, prec);
        }
    }
    assert_int_equal(rg_strbuf_put_real(&b, 1.0 / 0.0, 2), RG_EINVAL);
    rg_strbuf_dispose(&b);
}

/* The escaper as it was written before the word-at-a-time scan. */
static void ref_escape(rg_strbuf *b, const unsigned char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = s[i];
        char tmp[8];

        if (c == '"' || c == '\\') {
            snprintf(tmp, sizeof tmp, "\\%c", c);
        } else if (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
            snprintf(tmp, sizeof tmp, "\\%c",
                     c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : c == '\b' ? 'b' : 'f');
        } else if (c < 0x20) {
            snprintf(tmp, sizeof tmp, "\\u%04x", c);
        } else {
            tmp[0] = (char)c;
            tmp[1] = '\0';
        }
        assert_int_equal(rg_strbuf_put(b, tmp, strlen(tmp)), RG_OK);
    }
}

static void check_escape(const unsigned char *s, size_t n)
{
    rg_strbuf got = RG_STRBUF_INIT, want = RG_STRBUF_INIT;

    assert_int_equal(rg_strbuf_put_json_escaped(&got, (const char *)s, n), RG_OK);
    ref_escape(&want, s, n);
    assert_int_equal(got.len, want.len);
    assert_true(got.len == 0 || memcmp(got.ptr, want.ptr, got.len) == 0);
    rg_strbuf_dispose(&got);
    rg_strbuf_dispose(&want);
}

/* Every byte value at every position, over fillers that are plain ASCII,
 * UTF-8 bytes (>= 0x80), just above the control range and '"' + 1; the
 * string starts at every offset of a word so each alignment is seen. */
static void test_escape_every_byte(void **state)
{
    static const unsigned char fill[] = { 'a', 0xC3, 0x80, 0xFF, 0x20, '#', ']', 0x7F };
    unsigned char buf[40];
    size_t f, n, pos, off;
    unsigned v;
    (void)state;

    check_escape((const unsigned char *)"", 0);
    for (f = 0; f < sizeof fill; f++) {
        for (n = 1; n <= 24; n++) {
            for (pos = 0; pos < n; pos++) {
                for (v = 0; v < 256; v++) {
                    off = (pos + v) % 8;
                    memset(buf, fill[f], sizeof buf);
                    buf[off + pos] = (unsigned char)v;
                    check_escape(buf + off, n);
                }
            }
        }
    }
}

/* Two special bytes in one word, and a special byte right after a word of
 * bytes that would borrow (0x00 then '"', 0x80 then 0x1F...). */
static void test_escape_pairs(void **state)
{
    unsigned char buf[16];
    unsigned a, c;
    size_t i, j;
    (void)state;

    for (a = 0; a < 256; a += 3) {
        for (c = 0; c < 256; c += 5) {
            for (i = 0; i < 8; i++) {
                for (j = i + 1; j < 9; j++) {
                    memset(buf, 'x', sizeof buf);
                    buf[i] = (unsigned char)a;
                    buf[j] = (unsigned char)c;
                    check_escape(buf, 9);
                }
            }
        }
    }
}

/* The inline path fills the allocation to its last byte (the NUL); one
 * more byte goes through grow and keeps everything. */
static void test_put_edges(void **state)
{
    rg_strbuf b = RG_STRBUF_INIT;
    size_t i;
    (void)state;

    assert_int_equal(rg_strbuf_putc(&b, 'a'), RG_OK);
    assert_int_equal(b.alloc, 64);
    while (b.len < 62) {
        assert_int_equal(rg_strbuf_putc(&b, (char)('a' + b.len % 26)), RG_OK);
    }
    assert_int_equal(rg_strbuf_put(&b, "Z", 1), RG_OK);
    assert_int_equal(b.len, 63);
    assert_int_equal(b.alloc, 64);
    assert_int_equal(b.ptr[63], '\0');
    assert_int_equal(rg_strbuf_putc(&b, '!'), RG_OK);
    assert_int_equal(b.len, 64);
    assert_int_equal(b.alloc, 128);
    assert_int_equal(rg_strbuf_put(&b, NULL, 0), RG_OK);
    assert_int_equal(rg_strbuf_puts(&b, "xyz"), RG_OK);
    assert_string_equal(b.ptr + 62, "Z!xyz");
    for (i = 0; i < 62; i++) {
        assert_int_equal(b.ptr[i], (char)('a' + i % 26));
    }
    rg_strbuf_dispose(&b);
    /* an empty append to an empty buffer still yields a string */
    assert_int_equal(rg_strbuf_put(&b, "", 0), RG_OK);
    assert_string_equal(b.ptr, "");
    rg_strbuf_dispose(&b);
}

/* A failing allocation on the growing path reports out of memory and
 * leaves the buffer as it was. */
static void test_put_alloc_failure(void **state)
{
    rg_strbuf b = RG_STRBUF_INIT;
    char big[100];
    (void)state;

    memset(big, 'q', sizeof big);
    rg_alloc_fail_at(1);
    assert_int_equal(rg_strbuf_putc(&b, 'a'), RG_ERROR);
    assert_string_equal(rg_error_last()->message, "out of memory");
    assert_null(b.ptr);
    rg_alloc_fail_at(0);
    assert_int_equal(rg_strbuf_puts(&b, "abc"), RG_OK);
    rg_alloc_fail_at(1);
    assert_int_equal(rg_strbuf_put_json_escaped(&b, big, sizeof big), RG_ERROR);
    assert_int_equal(b.len, 3);
    assert_string_equal(b.ptr, "abc");
    rg_alloc_fail_at(0);
    rg_strbuf_dispose(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_every_byte),
        cmocka_unit_test(test_escape_pairs),
        cmocka_unit_test(test_put_edges),
        cmocka_unit_test(test_put_int),
        cmocka_unit_test(test_format_int),
        cmocka_unit_test(test_put_real),
        cmocka_unit_test(test_put_alloc_failure),
    };
    int rc;

    rg_init();
    rc = cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
    rg_shutdown();
    return rc;
}
