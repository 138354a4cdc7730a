/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for jsonl_scan.c, the JSON Lines fast path, against jansson
 * (parsed as the reader does: JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL).
 * Each line states whether the scanner must accept it or fall back; when it
 * accepts, jansson must accept too and agree on every wanted member. Then
 * many random mutations of those lines (bytes flipped, inserted, deleted)
 * check the same agreement whatever the scanner decides.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>  /* printf */
#include <stdlib.h> /* malloc, free */
#include <string.h> /* strlen, memcmp */

#include <jansson.h>

#include "../jsonl_scan_ref.h" /* value_flags */
#include "jsonl_scan.h"

static const char *const keys[] = { "id", "date", "text", "title", "text" };
enum { NK = sizeof keys / sizeof *keys };

/* Scan for names[0..nk) (nk <= 80) and compare with jansson; returns the
 * scanner's answer. */
static int check_names(const char *line, size_t len, const char *const *names, size_t nk)
{
    rg_jscan_value vals[80];
    rg_strbuf scratch = RG_STRBUF_INIT;
    json_error_t jerr;
    json_t *obj;
    size_t i;
    int rc = rg_jsonl_scan(line, len, names, nk, vals, &scratch);

    assert_true(rc == RG_JSCAN_OK || rc == RG_JSCAN_FALLBACK);
    if (rc == RG_JSCAN_OK) {
        obj = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
        if (!obj) {
            fail_msg("scanner accepted what jansson rejects (%s): %.*s", jerr.text, (int)len,
                     line);
        }
        assert_true(json_is_object(obj));
        for (i = 0; i < nk; i++) {
            json_t *v = json_object_get(obj, names[i]);
            if (vals[i].kind == RG_JSCAN_ABSENT) {
                assert_null(v);
            } else if (vals[i].kind == RG_JSCAN_NULL) {
                assert_true(json_is_null(v));
            } else {
                assert_true(json_is_string(v));
                assert_int_equal(json_string_length(v), vals[i].len);
                assert_memory_equal(json_string_value(v), vals[i].ptr, vals[i].len);
                assert_int_equal(vals[i].flags, value_flags(vals[i].ptr, vals[i].len));
            }
        }
        json_decref(obj);
    }
    rg_strbuf_dispose(&scratch);
    return rc;
}

/* check_names with keys[]. */
static int check_line(const char *line, size_t len)
{
    return check_names(line, len, keys, NK);
}

typedef struct {
    const char *line;
    int ok; /* expected: 1 scanner accepts, 0 falls back */
} case_t;

static const case_t cases[] = {
    /* accepted */
    { "{\"id\":\"a\",\"text\":\"x\"}", 1 },
    { "{}", 1 },
    { " \t{ \"id\" : \"a\" , \"text\" : \"x\" } \r", 1 },
    { "{\"file\": \"2.json\", \"article\": \"Le \\\"S\\u00e9gur\\\" de la sant\\u00e9\"}", 1 },
    { "{\"id\":\"a\",\"text\":\"caf\xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x98\x80 fin\"}", 1 },
    { "{\"id\":\"a\",\"text\":\"\\ud83d\\ude00 \\uD83D\\uDE00 \\u00e9\\u20AC\"}", 1 },
    { "{\"id\":\"a\",\"text\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t end\"}", 1 },
    { "{\"id\":\"a\",\"text\":\"nul\\u0000inside\"}", 1 },
    { "{\"id\":\"a\",\"text\":\"\\r \\u000D \\u001f \\u000a \\u0009 \\u001b\"}", 1 },
    { "{\"id\":\"a\",\"text\":\"\\u02ff \\u0300 \xcb\xbf \xcc\x80 \xef\xbb\xbf\"}", 1 },
    { "{\"id\":\"a\",\"text\":\"\\u02FF\\t\\n\",\"title\":\"\\b\\f\"}", 1 },
    /* code points from U+0300 on that NFC keeps (no RG_JSCAN_NOT_NFC) and
     * that it may change (Hangul, combining marks), raw and escaped */
    { "{\"id\":\"a\",\"text\":\"\xe2\x80\x99 \\u2019 \xe2\x82\xac \xe2\x80\xa6 \xc2\xab\"}", 1 },
    { "{\"id\":\"a\",\"text\":\"\xea\xb0\x80\",\"title\":\"\\uac00\",\"date\":\"\\u0301\"}", 1 },
    { "{\"id\":\"a\",\"text\":null,\"title\":\"t\",\"date\":null}", 1 },
    { "{\"id\":\"a\",\"date\":\"2017-02-03\",\"text\":\"x\"}", 1 },
    { "{\"id\":\"\",\"text\":\"\"}", 1 },
    { "{\"n\":0,\"m\":-0,\"r\":-12.5e+10,\"s\":1E-5,\"t\":0.0001,\"u\":123456789012345678}", 1 },
    { "{\"a\":[],\"b\":[1,[2,[3,{}]],\"s\",true,false,null],\"c\":{\"d\":{\"e\":\"\\u00e9\"}}}", 1 },
    { "{\"o\":{\"k\":1},\"p\":{\"k\":2},\"text\":\"same key in two objects\"}", 1 },
    { "{\"\":\"empty key\",\"text\":\"x\"}", 1 },
    { "{\"id\":\"0123456789abcdefghijklmnopqrstuvwxyz\\\"0123456789abcdefghijklmnop\"}", 1 },
    /* keys near the wanted names (compared raw first: see scan_key) */
    { "{\"tex\":\"a\",\"texts\":\"b\",\"text\":\"c\",\"title \":\"d\",\"T\":1}", 1 },
    { "{\"o\":{\"text\":1,\"id\":{\"text\":2}},\"text\":\"x\",\"p\":{\"text\":\"y\"}}", 1 },
    { "{\"text\" :\"x\", \"id\"\t: null}", 1 },
    /* fall back: invalid JSON */
    { "", 0 },
    { "   ", 0 },
    { "{", 0 },
    { "{\"id\":\"a\"", 0 },
    { "{\"id\":\"a\",}", 0 },
    { "{\"id\" \"a\"}", 0 },
    { "{\"id\":\"a\"} x", 0 },
    { "{\"id\":\"a\"}{}", 0 },
    { "{'id':'a'}", 0 },
    { "{\"id\":\"a\x01\"}", 0 },
    { "{\"id\":\"tab\there\"}", 0 },
    { "{\"id\":\"a\",\"n\":01}", 0 },
    { "{\"id\":\"a\",\"n\":1.}", 0 },
    { "{\"id\":\"a\",\"n\":.5}", 0 },
    { "{\"id\":\"a\",\"n\":-}", 0 },
    { "{\"id\":\"a\",\"n\":1e}", 0 },
    { "{\"id\":\"a\",\"n\":+1}", 0 },
    { "{\"id\":\"a\",\"n\":nul}", 0 },
    { "{\"id\":\"a\",\"n\":truex}", 0 },
    { "{\"id\":\"a\",\"n\":[1,]}", 0 },
    { "{\"id\":\"a\",\"text\":\"\\x\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"\\u12\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"\\u12g4\"}", 0 },
    { "\xef\xbb\xbf{\"id\":\"bom\"}", 0 },
    { "[\"id\",\"a\"]", 0 },
    { "\"just a string\"", 0 },
    { "{\"id\":\"a\"}\f", 0 },
    /* fall back: unicode */
    { "{\"id\":\"a\",\"text\":\"\\ud800\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"\\udc00\\ud800\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"\\ud800\\u0041\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"\\ud800x\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"\xc3\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"\xc0\xaf\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"\xe0\x80\xaf\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"\xed\xa0\x80\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"\xf4\x90\x80\x80\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"\xff\"}", 0 },
    { "{\"id\":\"a\",\"text\":\"latin-1 caf\xe9\"}", 0 },
    { "{\"id\":\"a\",\"t\xe9xt\":\"x\"}", 0 },
    /* fall back: duplicates, escaped keys, types, limits */
    { "{\"id\":\"a\",\"id\":\"b\"}", 0 },
    { "{\"text\":\"a\",\"x\":1,\"text\":null}", 0 },
    { "{\"text\":\"a\",\"t\\u0065xt\":\"b\"}", 0 },
    { "{\"text", 0 },
    { "{\"text\"", 0 },
    { "{\"text\":", 0 },
    { "{\"text\"\"x\"}", 0 },
    { "{\"id\":\"a\",\"o\":{\"k\":1,\"k\":2}}", 0 },
    { "{\"id\":\"a\",\"x\":1,\"x\":1}", 0 },
    { "{\"\\u0069d\":\"a\"}", 0 },
    { "{\"id\":1,\"text\":\"x\"}", 0 },
    { "{\"id\":\"a\",\"text\":42}", 0 },
    { "{\"id\":\"a\",\"text\":[\"x\"]}", 0 },
    { "{\"id\":\"a\",\"date\":{\"y\":2017}}", 0 },
    { "{\"id\":\"a\",\"title\":true}", 0 },
    { "{\"id\":\"a\",\"n\":12345678901234567890123}", 0 },
    { "{\"id\":\"a\",\"n\":1234567890123456789}", 0 },
    { "{\"id\":\"a\",\"n\":1e999}", 0 },
    { "{\"id\":\"a\",\"n\":1e100}", 0 },
};

static void test_cases(void **state)
{
    size_t i;
    (void)state;

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        int rc = check_line(cases[i].line, strlen(cases[i].line));
        if (rc != cases[i].ok) {
            fail_msg("case %zu: expected %s: %s", i, cases[i].ok ? "accept" : "fallback",
                     cases[i].line);
        }
    }
}

/*
 * Wanted names that are not plain ASCII (compared after scanning the key,
 * not raw), or that no valid key can be, and more than 64 names (no bit
 * each: duplicates found by the keys seen), against jansson.
 */
static void test_key_names(void **state)
{
    static const char *const odd[] = { "caf\xc3\xa9", "tab\there", "a\"b", "a\\b", "\x7f", "" };
    static const char *const lines[] = {
        "{\"caf\xc3\xa9\":\"x\",\"\x7f\":\"w\",\"\":\"v\",\"ab\":1}",
        "{\"a\\\\b\":\"z\"}", /* escaped keys fall back */
        "{\"caf\xc3\xa9\":\"x\",\"caf\xc3\xa9\":\"y\"}",
        "{\"\x7f\":\"x\",\"\x7f\":\"y\"}",
        "{\"\":\"x\",\"\":\"y\"}",
        "{\"tab\there\":\"x\"}",
        "{\"a\"b\":\"x\"}",
    };
    static const int ok[] = { 1, 0, 0, 0, 0, 0, 0 };
    static char names_buf[70][8];
    const char *names[80];
    char line[256];
    size_t i, n;
    (void)state;

    for (i = 0; i < sizeof lines / sizeof *lines; i++) {
        if (check_names(lines[i], strlen(lines[i]), odd, 6) != ok[i]) {
            fail_msg("line %zu: expected %s", i, ok[i] ? "accept" : "fallback");
        }
    }
    for (i = 0; i < 70; i++) { /* k0 .. k69, then the line's keys */
        sprintf(names_buf[i], "k%zu", i);
        names[i] = names_buf[i];
    }
    names[70] = "k69";
    n = (size_t)sprintf(line, "{\"k1\":\"a\",\"k64\":\"b\",\"k69\":null,\"x\":{\"k1\":1}}");
    assert_int_equal(check_names(line, n, names, 71), RG_JSCAN_OK);
    n = (size_t)sprintf(line, "{\"k1\":\"a\",\"k64\":\"b\",\"k64\":null}");
    assert_int_equal(check_names(line, n, names, 71), RG_JSCAN_FALLBACK);
    n = (size_t)sprintf(line, "{\"k69\":\"a\",\"k69\":\"b\"}");
    assert_int_equal(check_names(line, n, names, 71), RG_JSCAN_FALLBACK);
    assert_int_equal(check_names(line, n, names, 64), RG_JSCAN_FALLBACK); /* not wanted */
    n = (size_t)sprintf(line, "{\"k63\":\"a\",\"k63\":\"b\"}");
    assert_int_equal(check_names(line, n, names, 64), RG_JSCAN_FALLBACK);
}

/* Nesting: accepted up to RG_JSCAN_MAX_DEPTH levels, beyond it jansson decides. */
static void test_depth(void **state)
{
    char line[4 * RG_JSCAN_MAX_DEPTH + 64];
    int depth;
    (void)state;

    for (depth = RG_JSCAN_MAX_DEPTH - 2; depth <= RG_JSCAN_MAX_DEPTH + 2; depth++) {
        size_t n = 0;
        int i, inner = depth - 1; /* the line's object is level 1 */
        n += (size_t)sprintf(line + n, "{\"id\":\"d\",\"n\":");
        for (i = 0; i < inner; i++) {
            line[n++] = i % 2 ? '[' : '{';
            if (i % 2 == 0) {
                n += (size_t)sprintf(line + n, "\"k\":");
            }
        }
        line[n++] = '1';
        for (i = inner - 1; i >= 0; i--) {
            line[n++] = i % 2 ? ']' : '}';
        }
        line[n++] = '}';
        assert_int_equal(check_line(line, n), depth <= RG_JSCAN_MAX_DEPTH);
    }
}

/* A string without escapes points into the line; with escapes into the scratch. */
static void test_zero_copy(void **state)
{
    static const char line[] = "{\"id\":\"plain\",\"text\":\"a\\nb\"}";
    rg_jscan_value vals[NK];
    rg_strbuf scratch = RG_STRBUF_INIT;
    (void)state;

    assert_int_equal(rg_jsonl_scan(line, sizeof line - 1, keys, NK, vals, &scratch),
                     RG_JSCAN_OK);
    assert_true(vals[0].ptr == line + 7);
    assert_int_equal(vals[0].len, 5);
    assert_true(vals[2].ptr >= scratch.ptr && vals[2].ptr < scratch.ptr + scratch.alloc);
    assert_memory_equal(vals[2].ptr, "a\nb", 3);
    assert_int_equal(vals[1].kind, RG_JSCAN_ABSENT);
    /* a key listed twice gets the value twice */
    assert_int_equal(vals[4].kind, RG_JSCAN_STRING);
    assert_true(vals[4].ptr == vals[2].ptr);
    rg_strbuf_dispose(&scratch);
}

/*
 * The word-at-a-time loop of scan_string: for every start alignment of the
 * text value and every position of one special byte (quote, backslash
 * escape, control byte, 2-, 3- and 4-byte UTF-8, invalid bytes) among plain
 * ASCII, and for values ending at every distance from the line's end, the
 * scanner agrees with jansson (and accepts what it must).
 */
static void test_word_loop(void **state)
{
    static const struct {
        const char *s;
        int ok;
    } specials[] = {
        { "\\\"", 1 },          { "\\\\", 1 },       { "\\n", 1 },
        { "\\u00e9", 1 },        { "\\ud83d\\ude00", 1 }, { "\xc3\xa9", 1 },
        { "\xc2\x80", 1 },       { "\xdf\xbf", 1 },     { "\xe2\x82\xac", 1 },
        { "\xf0\x9f\x98\x80", 1 }, { "\x01", 0 },        { "\x1f", 0 },
        { "\t", 0 },             { "\x7f", 1 },          { "\x80", 0 },
        { "\xc3", 0 },           { "\xc3(", 0 },         { "\xc1\xbf", 0 },
        { "\xe0\x80\x80", 0 },    { "\xed\xa0\x80", 0 },   { "\xff", 0 },
        { "\"", 0 }, /* an early quote ends the string: invalid after it */
    };
    char line[128];
    size_t pad, pos, k, tail;
    (void)state;

    for (k = 0; k < sizeof specials / sizeof *specials; k++) {
        for (pad = 0; pad < 8; pad++) {
            for (pos = 0; pos < 20; pos++) {
                for (tail = 0; tail < 3; tail++) {
                    size_t n = 0;
                    n += (size_t)sprintf(line, "{\"id\":\"%.*s\",\"text\":\"", (int)pad + 1,
                                         "abcdefgh");
                    memset(line + n, 'x', pos);
                    n += pos;
                    n += (size_t)sprintf(line + n, "%s", specials[k].s);
                    memset(line + n, 'y', (pos * 7 + k) % 11);
                    n += (pos * 7 + k) % 11;
                    n += (size_t)sprintf(line + n, "\"%s}%s", tail == 1 ? ",\"t\":1" : "",
                                         tail == 2 ? " " : "");
                    if (check_line(line, n) != specials[k].ok) {
                        fail_msg("special %zu, pad %zu, pos %zu, tail %zu: expected %s: %s", k,
                                 pad, pos, tail, specials[k].ok ? "accept" : "fallback", line);
                    }
                    /* the line cut short anywhere in its last 16 bytes (past the
                     * trailing blank, if any) */
                    for (size_t cut = tail == 2 ? 2 : 1; cut <= 16 && cut < n; cut++) {
                        assert_int_equal(check_line(line, n - cut), RG_JSCAN_FALLBACK);
                    }
                }
            }
        }
    }
}

/*
 * The 64-byte blocks of scan_string (AVX2, where the machine has it): a
 * text value of up to 300 bytes over backgrounds of plain ASCII and of
 * 2-byte sequences at every spacing (so that leads fall on every byte of a
 * block, the last one included), with one special byte or sequence at every
 * position of the first two blocks and the value ending at every distance
 * from the line's end. The scanner must agree with jansson, flags included.
 */
static void test_wide_blocks(void **state)
{
    static const char *const backgrounds[] = { "abcdefg", "\xc3\xa9", "a\xc3\xa9",
                                               "ab\xc3\xa9", "\xc3\xa9 \xc2\xa0x\xcb\xbf" };
    static const struct {
        const char *s;
        int ok;
    } specials[] = {
        { "\\\"", 1 },          { "\\n", 1 },           { "\\u00e9", 1 },
        { "\xc3\xa9", 1 },       { "\xcc\x81", 1 },       { "\xcb\xbf", 1 },
        { "\xdf\xbf", 1 },       { "\xe2\x80\x99", 1 },   { "\xf0\x9f\x98\x80", 1 },
        { "\x7f", 1 },           { "\x01", 0 },           { "\x80", 0 },
        { "\xbf", 0 },           { "\xc3", 0 },           { "\xc3\xc3\xa9", 0 },
        { "\xc3\xa9\xa9", 0 },   { "\xc1\xbf", 0 },       { "\xc3(", 0 },
        { "\xe0\x80\x80", 0 },   { "\xed\xa0\x80", 0 },   { "\xff", 0 },
        { "\"", 0 },
    };
    char line[512];
    size_t b, k, pos;
    (void)state;

    for (b = 0; b < sizeof backgrounds / sizeof *backgrounds; b++) {
        const char *bg = backgrounds[b];
        size_t bl = strlen(bg);
        for (k = 0; k < sizeof specials / sizeof *specials; k++) {
            for (pos = 0; pos < 140; pos++) {
                size_t n = (size_t)sprintf(line, "{\"id\":\"%.*s\",\"text\":\"", (int)(pos % 5 + 1),
                                           "abcde");
                size_t i, suffix = (pos * 13 + k * 7 + b) % 150;
                /* the background, cut anywhere (a lead may end the prefix) */
                for (i = 0; i < pos; i++) {
                    line[n++] = bg[i % bl];
                }
                n += (size_t)sprintf(line + n, "%s", specials[k].s);
                for (i = 0; i < suffix; i++) {
                    line[n++] = bg[(i + pos) % bl];
                }
                n += (size_t)sprintf(line + n, "\"%s}", pos % 3 ? ",\"t\":\"zzzz\"" : "");
                check_line(line, n); /* agreement with jansson whatever the cuts made */
                if (bl == 7 && check_line(line, n) != specials[k].ok) {
                    fail_msg("special %zu, pos %zu: expected %s", k, pos,
                             specials[k].ok ? "accept" : "fallback");
                }
            }
        }
    }
}

/*
 * The leads carried from one 64-byte block to the next (and out of the last
 * one): runs of "é" after 0 to 70 ASCII bytes, so that a lead falls on every
 * byte of a block, must be accepted; the same with one continuation byte
 * turned into 'x', or with a stray continuation added, must fall back.
 */
static void test_wide_carry(void **state)
{
    char line[512];
    size_t off, pairs, j;
    (void)state;

    for (off = 0; off < 71; off++) {
        for (pairs = 0; pairs < 110; pairs += 1 + pairs / 40) {
            size_t n = (size_t)sprintf(line, "{\"text\":\""), v, i;
            for (i = 0; i < off; i++) {
                line[n++] = 'a';
            }
            v = n;
            for (i = 0; i < pairs; i++) {
                line[n++] = '\xc3';
                line[n++] = '\xa9';
            }
            n += (size_t)sprintf(line + n, "\"}");
            assert_int_equal(check_line(line, n), RG_JSCAN_OK);
            for (j = 0; j < pairs; j += 1 + j / 8) {
                line[v + 2 * j + 1] = 'x'; /* a lead without its continuation */
                assert_int_equal(check_line(line, n), RG_JSCAN_FALLBACK);
                line[v + 2 * j + 1] = '\xa9';
                line[v + 2 * j] = 'x'; /* a continuation without its lead */
                assert_int_equal(check_line(line, n), RG_JSCAN_FALLBACK);
                line[v + 2 * j] = '\xc3';
            }
        }
    }
}

/* check_line on an exact-size heap copy: a read past the line is caught
 * by the address sanitizer. */
static int check_exact(const char *line, size_t len)
{
    char *copy = malloc(len ? len : 1);
    int rc;

    assert_non_null(copy);
    memcpy(copy, line, len);
    rc = check_line(copy, len);
    free(copy);
    return rc;
}

/*
 * Escapes in the copying blocks of a wanted string (str_copy_wide): one to
 * three escapes (the quote, backslash and slash unescaped inside the
 * blocks, the others on the byte path), alone or back to back, at every
 * position of the first three blocks, over ASCII and 2-byte backgrounds;
 * a second wanted value with or without escapes after it; every cut of
 * the line in the 70 bytes after the first escape (a backslash last in the
 * line included). The scanner must agree with jansson; a value without
 * escapes must still point into the line.
 */
static void test_wide_escapes(void **state)
{
    static const char *const escapes[] = { "\\\"", "\\\\", "\\/", "\\n", "\\u00e9",
                                           "\\\"\\\"", "\\\\\\\"", "\\\"\xe2\x80\x99" };
    static const char *const backgrounds[] = { "abcdefg", "a\xc3\xa9" };
    char line[600];
    size_t b, e, pos, cut;
    (void)state;

    for (b = 0; b < 2; b++) {
        size_t bl = strlen(backgrounds[b]);
        for (e = 0; e < sizeof escapes / sizeof *escapes; e++) {
            for (pos = 0; pos < 200; pos++) {
                size_t n = (size_t)sprintf(line, "{\"text\":\""), i, at, more = pos % 4;
                for (i = 0; i < pos || (line[n - 1] & 0xC0) == 0xC0; i++) { /* whole chars */
                    line[n++] = backgrounds[b][i % bl];
                }
                at = n;
                n += (size_t)sprintf(line + n, "%s", escapes[e]);
                for (i = 0; i < 90 + pos % 37 || (line[n - 1] & 0xC0) == 0xC0; i++) {
                    line[n++] = backgrounds[b][i % bl];
                    if (i % 29 == 28 && more && !(line[n - 1] & 0x80)) {
                        n += (size_t)sprintf(line + n, more-- % 2 ? "\\\"" : "\\/");
                    }
                }
                n += (size_t)sprintf(line + n, "%s\",\"title\":\"%s\"}",
                                     pos % 3 ? "\\\"" : "", pos % 2 ? "t\\\"t" : "title");
                if (check_exact(line, n) != RG_JSCAN_OK) {
                    fail_msg("b %zu e %zu pos %zu: %.*s", b, e, pos, (int)n, line);
                }
                for (cut = at + 1; cut < at + 70 && cut < n; cut++) {
                    assert_int_equal(check_exact(line, cut), RG_JSCAN_FALLBACK);
                }
            }
        }
    }
}

/* A long value without escapes points into the line, one with escapes into
 * the scratch; a value after either is right (the copy is not kept). */
static void test_wide_copy(void **state)
{
    char line[400];
    rg_jscan_value vals[NK];
    rg_strbuf scratch = RG_STRBUF_INIT;
    size_t n, esc;
    (void)state;

    for (esc = 0; esc < 2; esc++) {
        n = (size_t)sprintf(line, "{\"text\":\"");
        memset(line + n, 'a', 150);
        n += 150;
        if (esc) {
            memcpy(line + n - 80, "\\\"", 2);
        }
        n += (size_t)sprintf(line + n, "\",\"title\":\"%s\"}", esc ? "x" : "y\\\"");
        assert_int_equal(rg_jsonl_scan(line, n, keys, NK, vals, &scratch), RG_JSCAN_OK);
        assert_int_equal(check_line(line, n), RG_JSCAN_OK);
        if (esc) {
            assert_true(vals[2].ptr >= scratch.ptr && vals[2].ptr < scratch.ptr + scratch.alloc);
            assert_int_equal(vals[2].len, 149);
            assert_true(vals[3].ptr == line + n - 3);
        } else {
            assert_true(vals[2].ptr == line + 9);
            assert_int_equal(vals[2].len, 150);
            assert_true(vals[3].ptr == scratch.ptr);
            assert_memory_equal(vals[3].ptr, "y\"", 2);
        }
    }
    rg_strbuf_dispose(&scratch);
}

/*
 * rg_jsonl_scan_line on line[0..len) followed by `after` (after_len bytes):
 * it accepts exactly when rg_jsonl_scan accepts the bytes before the first
 * LF, with that line's length and the same values; a LF inside the object
 * is never white space. Returns its answer.
 */
static int check_line_end(const char *line, size_t len, const char *after, size_t after_len)
{
    rg_jscan_value a[NK], b[NK];
    rg_jscan_keys kt;
    rg_strbuf s1 = RG_STRBUF_INIT, s2 = RG_STRBUF_INIT;
    char *buf = malloc(len + after_len + 1);
    const char *lf;
    size_t i, n = SIZE_MAX, first;
    int rc, want;

    assert_non_null(buf);
    memcpy(buf, line, len);
    memcpy(buf + len, after, after_len);
    lf = memchr(buf, '\n', len + after_len);
    first = lf ? (size_t)(lf - buf) : len + after_len;
    rg_jscan_keys_init(&kt, keys, NK);
    rc = rg_jsonl_scan_line(buf, len + after_len, &kt, a, &s1, &n);
    want = rg_jsonl_scan(buf, first, keys, NK, b, &s2);
    assert_int_equal(rc, want);
    if (rc == RG_JSCAN_OK) {
        assert_int_equal(n, first);
        for (i = 0; i < NK; i++) {
            assert_int_equal(a[i].kind, b[i].kind);
            assert_int_equal(a[i].len, b[i].len);
            assert_int_equal(a[i].flags, b[i].flags);
            if (a[i].len) {
                assert_memory_equal(a[i].ptr, b[i].ptr, a[i].len);
            }
        }
    }
    rg_strbuf_dispose(&s1);
    rg_strbuf_dispose(&s2);
    free(buf);
    return rc;
}

/* The line's end found by the scan: after a LF, CR LF or blanks; at the end
 * of the bytes; never across a raw LF; and a prefix is not a line. */
static void test_scan_line(void **state)
{
    static const char *const afters[] = { "\n", "\r\n{\"id\":1}", "  \t\n\n", "",
                                          "\n{\"id\":\"b\",", " x\n", "\r" };
    static const char *const broken[] = { "{\"id\":\n\"a\"}", "{\"id\":\"a\nb\"}",
                                          "\n{\"id\":\"a\"}", "{\n}", "{\"n\":1\n}" };
    size_t i, j, k, len;
    (void)state;

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        len = strlen(cases[i].line);
        for (j = 0; j < sizeof afters / sizeof *afters; j++) {
            int rc = check_line_end(cases[i].line, len, afters[j], strlen(afters[j]));
            int tail_ok = afters[j][0] == '\n' || afters[j][0] == '\r' ||
                          afters[j][0] == '\0' || afters[j][0] == ' ' ? 1 : 0;
            if (j == 5) {
                tail_ok = 0; /* " x": not blanks */
            }
            assert_int_equal(rc == RG_JSCAN_OK, cases[i].ok && tail_ok);
        }
        for (k = 0; k < len; k++) { /* every prefix, then a LF */
            check_line_end(cases[i].line, k, "\n", 1);
        }
    }
    for (i = 0; i < sizeof broken / sizeof *broken; i++) {
        rg_jscan_value v[NK];
        rg_jscan_keys kt;
        rg_strbuf sc = RG_STRBUF_INIT;
        size_t n;
        rg_jscan_keys_init(&kt, keys, NK);
        assert_int_equal(rg_jsonl_scan_line(broken[i], strlen(broken[i]), &kt, v, &sc, &n),
                         RG_JSCAN_FALLBACK);
        assert_int_equal(rg_jsonl_scan(broken[i], strlen(broken[i]), keys, NK, v, &sc),
                         RG_JSCAN_FALLBACK);
        rg_strbuf_dispose(&sc);
    }
}

/* Names of 0 to 12 bytes (one load and compare below 8, memcmp above),
 * their keys last in the line (under 8 bytes left), and keys one byte
 * longer or shorter than a name: the values are jansson's. */
static void test_key_lengths(void **state)
{
    static const char letters[] = "abcdefghijkl";
    char names_buf[13][16], line[512];
    const char *names[13];
    size_t i, j, n;
    (void)state;

    for (i = 0; i <= 12; i++) {
        memcpy(names_buf[i], letters, i);
        names_buf[i][i] = '\0';
        names[i] = names_buf[i];
    }
    for (i = 0; i <= 12; i++) {
        n = (size_t)sprintf(line, "{\"%s\":\"v%zu\"}", names[i], i);
        assert_int_equal(check_names(line, n, names, 13), RG_JSCAN_OK);
        assert_int_equal(check_line_end(line, n, "", 0), RG_JSCAN_OK);
        n = (size_t)sprintf(line, "{\"%sx\":1,\"x%s\":2,\"%.*s\":\"s\",\"%s\":\"v\"}",
                            names[i], names[i], (int)(i ? i - 1 : 0), names[i], names[i]);
        assert_int_equal(check_names(line, n, names, 13), i ? RG_JSCAN_OK : RG_JSCAN_FALLBACK);
    }
    n = (size_t)sprintf(line, "{");
    for (j = 12; j + 1 > 0; j--) {
        n += (size_t)sprintf(line + n, "%s\"%s\":\"w%zu\"", j == 12 ? "" : ",", names[j], j);
    }
    n += (size_t)sprintf(line + n, "}");
    assert_int_equal(check_names(line, n, names, 13), RG_JSCAN_OK);
}

/* Random mutations of every case: the scanner never disagrees with jansson. */
static void test_mutations(void **state)
{
    static const char extra[] = "\"\\{}[]:,0e-.u\xc3\xa9\xed\x80 dD8";
    static const char next[] = "\n{\"id\":\"next\"}\n"; /* after each line */
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    char buf[512];
    size_t i, round, accepted = 0, total = 0;
    (void)state;

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (round = 0; round < 400; round++) {
            size_t n = strlen(cases[i].line), k, muts;
            memcpy(buf, cases[i].line, n);
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            muts = 1 + (seed >> 60) % 3;
            for (k = 0; k < muts && n > 0 && n < sizeof buf - 1; k++) {
                size_t pos, what;
                seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
                pos = (size_t)(seed >> 33) % n;
                what = (size_t)(seed >> 20) % 3;
                if (what == 0) { /* replace */
                    buf[pos] = extra[(seed >> 8) % (sizeof extra - 1)];
                } else if (what == 1) { /* insert */
                    memmove(buf + pos + 1, buf + pos, n - pos);
                    buf[pos] = extra[(seed >> 8) % (sizeof extra - 1)];
                    n++;
                } else { /* delete */
                    memmove(buf + pos, buf + pos + 1, n - pos - 1);
                    n--;
                }
            }
            accepted += check_line(buf, n) == RG_JSCAN_OK;
            check_line_end(buf, n, next, sizeof next - 1);
            total++;
        }
    }
    printf("jsonl_scan mutations: %zu lines, %zu accepted by the scanner\n", total, accepted);
    assert_true(accepted > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_zero_copy),
        cmocka_unit_test(test_word_loop),
        cmocka_unit_test(test_wide_blocks),
        cmocka_unit_test(test_wide_carry),
        cmocka_unit_test(test_wide_escapes),
        cmocka_unit_test(test_wide_copy),
        cmocka_unit_test(test_scan_line),
        cmocka_unit_test(test_key_lengths),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests_name("jsonl_scan", tests, NULL, NULL);
}
