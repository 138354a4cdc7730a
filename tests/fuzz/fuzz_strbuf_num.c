/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the number writers of strbuf.c, which write every number of
 * the evidence and the graph files without printf. Each 9 bytes of input are
 * a double (any bit pattern) and a precision (0-12). Checks: put_real writes
 * what printf's "%.*f" writes, trailing zeros and point dropped, "-0" as "0"
 * (RG_EINVAL for NaN and Inf); put_int writes "%lld" of the same bits; the
 * in-place writers give the same text and write nothing past their room;
 * appends land after what the buffer held, at every fill.
 */
#include <math.h>   /* isfinite */
#include <stdint.h> /* uint8_t */
#include <stdio.h>  /* snprintf */
#include <string.h> /* memcpy, memchr, strcmp */

#include "fuzz.h"
#include "strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* "%.*f" trimmed as rg_strbuf_put_real documents it. */
static size_t ref_real(char *out, double x, int prec)
{
    int n = snprintf(out, 64, "%.*f", prec, x);

    if (n <= 0 || n >= 64) {
        n = snprintf(out, 64, "%.17g", x);
    } else if (memchr(out, '.', (size_t)n)) {
        while (n > 0 && out[n - 1] == '0') {
            n--;
        }
        if (n > 0 && out[n - 1] == '.') {
            n--;
        }
    }
    out[n] = '\0';
    if (strcmp(out, "-0") == 0) {
        out[0] = '0';
        out[1] = '\0';
        n = 1;
    }
    return (size_t)n;
}

static void check_room(const char *out, size_t size)
{
    size_t i;

    for (i = RG_STRBUF_NUM_MAX; i < size; i++) {
        FUZZ_ASSERT((unsigned char)out[i] == 0xA5);
    }
}

static void check_one(rg_strbuf *b, double x, long long v, int prec)
{
    char want[64], out[RG_STRBUF_NUM_MAX + 8];
    size_t before = b->len, n;

    if (!isfinite(x)) {
        FUZZ_ASSERT(rg_strbuf_put_real(b, x, prec) == RG_EINVAL);
    } else {
        n = ref_real(want, x, prec);
        FUZZ_ASSERT(rg_strbuf_put_real(b, x, prec) == RG_OK);
        FUZZ_ASSERT(b->len == before + n && memcmp(b->ptr + before, want, n) == 0);
        FUZZ_ASSERT(b->ptr[b->len] == '\0');
        memset(out, 0xA5, sizeof out);
        FUZZ_ASSERT(rg_strbuf_format_real(out, x, prec) == n && memcmp(out, want, n) == 0);
        check_room(out, sizeof out);
    }
    before = b->len;
    n = (size_t)snprintf(want, sizeof want, "%lld", v);
    FUZZ_ASSERT(rg_strbuf_put_int(b, v) == RG_OK);
    FUZZ_ASSERT(b->len == before + n && memcmp(b->ptr + before, want, n) == 0);
    memset(out, 0xA5, sizeof out);
    FUZZ_ASSERT(rg_strbuf_format_int(out, v) == n && memcmp(out, want, n) == 0);
    check_room(out, sizeof out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rg_strbuf b = RG_STRBUF_INIT;
    size_t i;

    for (i = 0; i + 9 <= size; i += 9) {
        double x;
        long long v;
        memcpy(&x, data + i, 8);
        memcpy(&v, data + i, 8);
        check_one(&b, x, v, data[i + 8] % 13);
        if (data[i + 8] & 0x80) { /* a fresh buffer: the next appends grow it */
            rg_strbuf_dispose(&b);
        }
    }
    rg_strbuf_dispose(&b);
    return 0;
}
