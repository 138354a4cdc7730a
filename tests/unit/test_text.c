/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the text module: decoding (text_decode.c: UTF-8, BOM,
 * Windows-1252, UTF-16, CRLF, NUL, NFC), UTF-8 validation (text.c) and the
 * match-key fold with its byte map (text_fold.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include <relgraph/text.h>

/* Decodes `in` and checks the text and what the decoder reports. */
static void check_decode(const char *in, size_t len, const char *want, rg_encoding enc,
                         int bom)
{
    char *out = NULL;
    size_t out_len = 0;
    rg_decode_info info;

    assert_int_equal(rg_text_decode(&out, &out_len, &info, in, len), RG_OK);
    assert_non_null(out);
    assert_int_equal(out_len, strlen(want));
    assert_memory_equal(out, want, out_len);
    assert_int_equal(out[out_len], '\0');
    assert_int_equal(info.encoding, enc);
    assert_int_equal(info.had_bom, bom);
    rg_free(out);
}

static void test_decode_utf8_kept(void **state)
{
    (void)state;
    check_decode("L\xc3\x89lys\xc3\xa9" "e \xe2\x80\x99 \xc2\xab x \xc2\xbb", 21,
                 "L\xc3\x89lys\xc3\xa9" "e \xe2\x80\x99 \xc2\xab x \xc2\xbb", RG_ENC_UTF8, 0);
    check_decode("plain ascii", 11, "plain ascii", RG_ENC_UTF8, 0);
    check_decode("", 0, "", RG_ENC_UTF8, 0);
    check_decode("\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x80", RG_ENC_UTF8, 0);
}

static void test_decode_bom(void **state)
{
    (void)state;
    check_decode("\xEF\xBB\xBF" "abc", 6, "abc", RG_ENC_UTF8, 1);
    check_decode("\xEF\xBB\xBF", 3, "", RG_ENC_UTF8, 1);
}

static void test_decode_cp1252(void **state)
{
    char *out = NULL;
    size_t out_len = 0;
    rg_decode_info info;
    (void)state;

    assert_int_equal(rg_text_decode(&out, &out_len, &info, "\xe9t\xe9", 3), RG_OK);
    assert_string_equal(out, "\xc3\xa9t\xc3\xa9");
    assert_int_equal(out_len, 5);
    assert_int_equal(info.encoding, RG_ENC_CP1252);
    assert_int_equal(info.invalid_offset, 0);
    rg_free(out);

    /* 0x92 -> U+2019, 0x80 -> U+20AC, 0x9C -> oe ligature, 0x85 -> ellipsis */
    assert_int_equal(rg_text_decode(&out, &out_len, &info, "l\x92" "Etat 5\x80 \x9c\x85", 12),
                     RG_OK);
    assert_string_equal(out, "l\xe2\x80\x99" "Etat 5\xe2\x82\xac \xc5\x93\xe2\x80\xa6");
    assert_int_equal(info.encoding, RG_ENC_CP1252);
    assert_int_equal(info.invalid_offset, 1);
    rg_free(out);

    /* valid UTF-8 before the first bad byte is still decoded as CP1252 */
    assert_int_equal(rg_text_decode(&out, &out_len, &info, "ab\xc3\xa9 \x81\x8d", 7), RG_OK);
    assert_string_equal(out, "ab\xc3\x83\xc2\xa9 \xef\xbf\xbd\xef\xbf\xbd");
    assert_int_equal(info.invalid_offset, 5);
    rg_free(out);

    /* Windows-1252 text is composed to NFC like the rest */
    assert_int_equal(rg_text_decode(&out, &out_len, &info, "\x8a\x9f\xc0", 3), RG_OK);
    assert_string_equal(out, "\xc5\xa0\xc5\xb8\xc3\x80");
    rg_free(out);
}

static void test_decode_newlines_nul(void **state)
{
    char *out = NULL;
    size_t out_len = 0;
    rg_decode_info info;
    (void)state;

    check_decode("a\r\nb\rc\n\r\n", 9, "a\nb\nc\n\n", RG_ENC_UTF8, 0);
    assert_int_equal(rg_text_decode(&out, &out_len, &info, "a\0b\0\r\n", 6), RG_OK);
    assert_string_equal(out, "ab\n");
    assert_int_equal(out_len, 3);
    assert_int_equal(info.nul_bytes, 2);
    assert_int_equal(info.encoding, RG_ENC_UTF8);
    rg_free(out);
}

static void test_decode_utf16(void **state)
{
    (void)state;
    /* LE: "Aé😀\r\n" with a surrogate pair */
    check_decode("\xFF\xFE" "A\x00\xE9\x00\x3D\xD8\x00\xDE\r\x00\n\x00", 14,
                 "A\xc3\xa9\xf0\x9f\x98\x80\n", RG_ENC_UTF16, 1);
    /* BE: "Aé" */
    check_decode("\xFE\xFF\x00" "A\x00\xE9", 6, "A\xc3\xa9", RG_ENC_UTF16, 1);
    /* BE, decomposed e + U+0301 is composed */
    check_decode("\xFE\xFF\x00" "e\x03\x01", 6, "\xc3\xa9", RG_ENC_UTF16, 1);
}

static void test_decode_utf16_errors(void **state)
{
    char *out = NULL;
    size_t out_len = 0;
    (void)state;

    /* lone high surrogate at byte 4, followed by 'A' */
    assert_int_equal(rg_text_decode(&out, &out_len, NULL, "\xFF\xFE" "A\x00\x00\xD8" "A\x00", 8),
                     RG_EENCODING);
    assert_null(out);
    assert_int_equal(rg_error_last()->code, RG_EENCODING);
    assert_non_null(strstr(rg_error_last()->message, "unpaired surrogate at byte 4"));

    /* lone low surrogate (BE) at byte 2 */
    assert_int_equal(rg_text_decode(&out, &out_len, NULL, "\xFE\xFF\xDC\x00", 4), RG_EENCODING);
    assert_non_null(strstr(rg_error_last()->message, "byte 2"));

    /* high surrogate at the very end */
    assert_int_equal(rg_text_decode(&out, &out_len, NULL, "\xFF\xFE\x00\xD8", 4), RG_EENCODING);

    /* odd byte count */
    assert_int_equal(rg_text_decode(&out, &out_len, NULL, "\xFF\xFE" "A\x00" "B", 5),
                     RG_EENCODING);
    assert_non_null(strstr(rg_error_last()->message, "byte 4"));
    assert_null(out);
}

static void test_decode_nfc(void **state)
{
    (void)state;
    check_decode("e\xcc\x81", 3, "\xc3\xa9", RG_ENC_UTF8, 0);
    check_decode("E\xcc\x81lyse\xcc\x81" "e", 10, "\xc3\x89lys\xc3\xa9" "e", RG_ENC_UTF8, 0);
    /* already NFC stays byte-identical */
    check_decode("\xc5\x93uvre \xc3\xa0", 9, "\xc5\x93uvre \xc3\xa0", RG_ENC_UTF8, 0);
}

static void test_utf8_valid(void **state)
{
    size_t bad = 99;
    (void)state;

    assert_int_equal(rg_text_utf8_valid("abc\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 12, &bad), 1);
    assert_int_equal(bad, 12);
    assert_int_equal(rg_text_utf8_valid("", 0, NULL), 1);
    assert_int_equal(rg_text_utf8_valid("ab\xc0\xaf", 4, &bad), 0); /* overlong */
    assert_int_equal(bad, 2);
    assert_int_equal(rg_text_utf8_valid("\xe0\x80\xaf", 3, &bad), 0); /* overlong 3 */
    assert_int_equal(bad, 0);
    assert_int_equal(rg_text_utf8_valid("x\xed\xa0\x80", 4, &bad), 0); /* surrogate */
    assert_int_equal(bad, 1);
    assert_int_equal(rg_text_utf8_valid("\xf4\x90\x80\x80", 4, &bad), 0); /* > U+10FFFF */
    assert_int_equal(rg_text_utf8_valid("0123456789\xc3", 11, &bad), 0); /* truncated */
    assert_int_equal(bad, 10);
    assert_int_equal(rg_text_utf8_valid("\x80", 1, &bad), 0); /* stray continuation */
    assert_int_equal(rg_text_utf8_valid("\xf5\x80\x80\x80", 4, &bad), 0);
}

static void test_fold_example(void **state)
{
    static const char in[] = "Le Pr\xc3\xa9sident Erdo\xc4\x9f" "an, l\xe2\x80\x99\xc3\x89lys\xc3\xa9" "e  \xc5\x92uvre\nX";
    static const size_t want_map[] = {
        0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 23,
        24, 25, 28, 30, 31, 32, 33, 35, 36, 38, 38, 40, 41, 42, 43, 44, 45, 46
    };
    char *out = NULL;
    size_t out_len = 0, *map = NULL, i;
    (void)state;

    assert_int_equal(sizeof in - 1, 46);
    assert_int_equal(rg_text_fold(&out, &out_len, &map, in, sizeof in - 1), RG_OK);
    assert_string_equal(out, "le president erdogan, l'elysee oeuvre x");
    assert_int_equal(out_len, 39);
    for (i = 0; i <= out_len; i++) {
        assert_int_equal(map[i], want_map[i]);
    }
    rg_free(out);
    rg_free(map);
}

static void check_fold(const char *in, const char *want)
{
    char *out = NULL;
    size_t out_len = 0;

    assert_int_equal(rg_text_fold(&out, &out_len, NULL, in, strlen(in)), RG_OK);
    assert_string_equal(out, want);
    assert_int_equal(out_len, strlen(want));
    rg_free(out);
}

static void test_fold_mappings(void **state)
{
    (void)state;
    /* apostrophes ’ ʼ ‘ ´ ` */
    check_fold("a\xe2\x80\x99" "b\xca\xbc" "c\xe2\x80\x98" "d\xc2\xb4" "e`f", "a'b'c'd'e'f");
    /* dashes ‐ ‑ ‒ – — */
    check_fold("1\xe2\x80\x90" "2\xe2\x80\x91" "3\xe2\x80\x92" "4\xe2\x80\x93" "5\xe2\x80\x94" "6",
               "1-2-3-4-5-6");
    /* ligatures and sharp s */
    check_fold("\xc5\x92\xc5\x93\xc3\x86\xc3\xa6\xc3\x9f", "oeoeaeaess");
    /* NBSP, narrow NBSP, em space, tabs and newlines collapse */
    check_fold("a\xc2\xa0\xe2\x80\xaf" "b\t\n\n c\xe2\x80\x83" "d", "a b c d");
    /* accents, letters with strokes, compatibility forms, soft hyphen */
    check_fold("\xc3\x87\xc3\xa0 \xc3\x8e\xc3\xaf \xc5\x81\xc3\xb3" "d\xc5\xba \xef\xac\x81n "
               "Gorba\xc2\xad" "tchev",
               "ca ii lodz fin gorbatchev");
    check_fold("", "");
    check_fold("  ", " ");
    /* a Greek letter keeps its (lowercase) script */
    check_fold("\xce\xa3", "\xcf\x83");
}

static void test_fold_invalid_and_growth(void **state)
{
    char *out = NULL, in[40];
    size_t out_len = 0, *map = NULL, i;
    (void)state;

    assert_int_equal(rg_text_fold(&out, &out_len, &map, "A\xff" "B", 3), RG_OK);
    assert_string_equal(out, "a\xef\xbf\xbd" "b");
    assert_int_equal(map[0], 0);
    assert_int_equal(map[1], 1);
    assert_int_equal(map[3], 1);
    assert_int_equal(map[4], 2);
    assert_int_equal(map[5], 3);
    rg_free(out);
    rg_free(map);

    /* U+FDFA expands to 18 code points: the buffer has to grow */
    for (i = 0; i < 10; i++) {
        memcpy(in + 3 * i, "\xef\xb7\xba", 3);
    }
    assert_int_equal(rg_text_fold(&out, &out_len, &map, in, 30), RG_OK);
    assert_true(out_len > 300);
    assert_int_equal(rg_text_utf8_valid(out, out_len, NULL), 1);
    for (i = 0; i < out_len; i++) {
        assert_int_equal(map[i] % 3, 0);
        assert_true(i == 0 || map[i] >= map[i - 1]);
    }
    assert_int_equal(map[out_len], 30);
    rg_free(out);
    rg_free(map);
}

static void test_decode_alloc_failures(void **state)
{
    static const struct {
        const char *in;
        size_t len;
    } cases[] = {
        { "ascii only", 10 },
        { "e\xcc\x81t\xc3\xa9", 6 },
        { "\xe9t\xe9\r\n", 5 },
        { "\xFF\xFE" "A\x00\xE9\x00", 6 },
    };
    size_t c;
    (void)state;

    for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        long n;
        for (n = 1; n < 100; n++) {
            char *out = NULL;
            size_t out_len = 0;
            int rc;

            rg_alloc_fail_at(n);
            rc = rg_text_decode(&out, &out_len, NULL, cases[c].in, cases[c].len);
            rg_alloc_fail_at(0);
            if (rc == RG_OK) {
                rg_free(out);
                break;
            }
            assert_int_equal(rc, RG_ERROR);
            assert_null(out);
            assert_string_equal(rg_error_last()->message, "out of memory");
        }
        assert_true(n > 1 && n < 100);
    }
}

static void test_fold_alloc_failures(void **state)
{
    static const char in[] = "\xef\xb7\xba\xef\xb7\xba\xef\xb7\xba L\xe2\x80\x99\xc3\x89lys\xc3\xa9" "e";
    long n;
    (void)state;

    for (n = 1; n < 100; n++) {
        char *out = NULL;
        size_t out_len = 0, *map = NULL;
        int rc;

        rg_alloc_fail_at(n);
        rc = rg_text_fold(&out, &out_len, &map, in, sizeof in - 1);
        rg_alloc_fail_at(0);
        if (rc == RG_OK) {
            assert_non_null(map);
            rg_free(out);
            rg_free(map);
            break;
        }
        assert_int_equal(rc, RG_ERROR);
        assert_null(out);
        assert_null(map);
    }
    assert_true(n > 2 && n < 100); /* key, map, then at least one growth */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_utf8_kept),
        cmocka_unit_test(test_decode_bom),
        cmocka_unit_test(test_decode_cp1252),
        cmocka_unit_test(test_decode_newlines_nul),
        cmocka_unit_test(test_decode_utf16),
        cmocka_unit_test(test_decode_utf16_errors),
        cmocka_unit_test(test_decode_nfc),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_fold_example),
        cmocka_unit_test(test_fold_mappings),
        cmocka_unit_test(test_fold_invalid_and_growth),
        cmocka_unit_test(test_decode_alloc_failures),
        cmocka_unit_test(test_fold_alloc_failures),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
