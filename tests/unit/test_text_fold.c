/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the fast paths of the match-key fold (text_fold.c): the
 * blocks of ASCII bytes (32 with AVX2, 16 with SSE2, else 8: make
 * PORTABLE=1 test takes the 8-byte ones), the 2- and 3-byte
 * characters folded inside the run, the cleaner's fold of each line
 * straight into the joined key, and a text folded in parts (the fold's
 * own map takes 4-byte offsets; a longer text is folded part by part).
 * Every text is built from tokens (an ASCII byte, a character, an invalid
 * byte) and checked, text and map, against a reference that folds each
 * token on its own and joins the results with the fold's one rule of
 * state: a run of white space gives one ' '.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <relgraph/alloc.h>
#include <relgraph/clean.h>
#include <relgraph/errors.h>
#include <relgraph/text.h>
#include "text_internal.h" /* rg_text__fold_odd, rg_text__fold_part_set */

typedef struct {
    const char *s;
    int resets; /* folds to nothing yet ends a space run (tabulated) */
} token;

/* Plain letters first: the random texts draw them most often. */
static const token tokens[] = {
    { "a", 0 }, { "e", 0 }, { "s", 0 }, { "t", 0 }, { "z", 0 }, { "A", 0 }, { "M", 0 },
    { "Z", 0 }, { "0", 0 }, { "9", 0 }, { ".", 0 }, { ",", 0 }, { "'", 0 }, { "@", 0 },
    { "[", 0 }, { "{", 0 }, { "~", 0 }, { "!", 0 }, { "`", 0 }, { " ", 0 }, { " ", 0 },
    { "\t", 0 }, { "\r", 0 }, { "\x0b", 0 }, { "\x01", 0 }, { "\x1f", 0 }, { "\x7f", 0 },
    { "\xc3\xa9", 0 },         /* é -> e */
    { "\xc3\x89", 0 },         /* É -> e */
    { "\xc5\x93", 0 },         /* œ -> oe */
    { "\xc3\x9f", 0 },         /* ß -> ss */
    { "\xc2\xa0", 0 },         /* NBSP -> space */
    { "\xc2\xab", 0 },         /* « kept */
    { "\xcc\x81", 1 },         /* combining acute -> nothing */
    { "\xc2\xad", 1 },         /* soft hyphen -> nothing */
    { "\xd6\x87", 0 },         /* U+0587, folds longer than it is */
    { "\xe2\x80\x99", 0 },     /* ’ -> ' */
    { "\xe2\x80\x94", 0 },     /* em dash -> - */
    { "\xe2\x80\xaf", 0 },     /* narrow NBSP -> space */
    { "\xe2\x80\x8b", 1 },     /* zero width space -> nothing */
    { "\xe2\x81\x9f", 0 },     /* U+205F -> space */
    { "\xe2\x81\xb0", 0 },     /* U+2070, past the table */
    { "\xe2\x82\xac", 0 },     /* € */
    { "\xe3\x80\x80", 0 },     /* ideographic space, not tabulated */
    { "\xef\xbb\xbf", 0 },     /* U+FEFF -> nothing, not tabulated */
    { "\xef\xac\x81", 0 },     /* fi ligature -> fi */
    { "\xf0\x9f\x98\x80", 0 }, /* emoji */
    { "\xff", 0 },             /* invalid byte -> U+FFFD */
};
#define N_TOKENS (sizeof tokens / sizeof tokens[0])
#define N_PLAIN 5 /* tokens[0..N_PLAIN) are lowercase letters */

typedef struct {
    char s[4096];
    size_t len;
    char k[16384];
    size_t kl;
    size_t km[16384];
    int sp;
} ref_text;

/* Appends token t to the text and its fold to the reference key. */
static void ref_add(ref_text *r, const token *t)
{
    size_t n = strlen(t->s), fl = 0, *fm = NULL, j;
    char *f = NULL;

    assert_true(r->len + n < sizeof r->s);
    assert_int_equal(rg_text_fold(&f, &fl, &fm, t->s, n), RG_OK);
    if (fl == 1 && f[0] == ' ') {
        if (!r->sp) {
            r->k[r->kl] = ' ';
            r->km[r->kl++] = r->len + fm[0];
        }
        r->sp = 1;
    } else if (fl > 0 || t->resets) {
        for (j = 0; j < fl; j++) {
            r->k[r->kl] = f[j];
            r->km[r->kl++] = r->len + fm[j];
        }
        r->sp = 0;
    }
    memcpy(r->s + r->len, t->s, n);
    r->len += n;
    rg_free(f);
    rg_free(fm);
}

/* Folds r->s placed at `shift` bytes past an aligned buffer and compares
 * with the reference, with and without a map. */
static void ref_check(const ref_text *r, size_t shift)
{
    static char buf[4096 + 16];
    char *out = NULL;
    size_t out_len = 0, *map = NULL;

    memcpy(buf + shift, r->s, r->len);
    assert_int_equal(rg_text_fold(&out, &out_len, &map, buf + shift, r->len), RG_OK);
    assert_int_equal(out_len, r->kl);
    assert_memory_equal(out, r->k, out_len);
    assert_memory_equal(map, r->km, out_len * sizeof *map);
    assert_int_equal(map[out_len], r->len);
    rg_free(out);
    rg_free(map);
    assert_int_equal(rg_text_fold(&out, &out_len, NULL, buf + shift, r->len), RG_OK);
    assert_int_equal(out_len, r->kl);
    assert_memory_equal(out, r->k, out_len);
    rg_free(out);
}

static void check_single(const char *in, const char *want)
{
    char *out = NULL;
    size_t out_len = 0;

    assert_int_equal(rg_text_fold(&out, &out_len, NULL, in, strlen(in)), RG_OK);
    assert_int_equal(out_len, strlen(want));
    assert_memory_equal(out, want, out_len);
    rg_free(out);
}

/* The reference trusts the fold of single tokens: check a few by hand. */
static void test_fold_tokens(void **state)
{
    (void)state;
    check_single("A", "a");
    check_single("`", "'");
    check_single("\t", " ");
    check_single("\x01", "");
    check_single("\x7f", "");
    check_single("\xc3\x89", "e");
    check_single("\xc5\x93", "oe");
    check_single("\xc2\xa0", " ");
    check_single("\xcc\x81", "");
    check_single("\xe2\x80\x99", "'");
    check_single("\xe2\x80\xaf", " ");
    check_single("\xff", "\xef\xbf\xbd");
    check_single("\xe2\x80", "\xef\xbf\xbd\xef\xbf\xbd");
    check_single("ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`{|}~@", "abcdefghijklmnopqrstuvwxyz[\\]^_'{|}~@");
    check_single("a  b\t \nc\x01 d \x01 e", "a b c d e");
}

/* Every token (once or twice) at each of the 16 positions of a block, for
 * every alignment of the text and every length of the plain prefix. */
static void test_fold_word_positions(void **state)
{
    size_t t, pre, pos, shift, k;
    (void)state;

    for (t = 0; t < N_TOKENS; t++) {
        for (pre = 0; pre < 8; pre++) {
            for (pos = 0; pos < 16; pos++) {
                ref_text r;
                memset(&r, 0, sizeof r);
                for (k = 0; k < pre + pos; k++) {
                    ref_add(&r, &tokens[(k * 3) % N_PLAIN]);
                }
                ref_add(&r, &tokens[t]);
                if (pre & 1) {
                    ref_add(&r, &tokens[t]); /* twice: "  ", "\t\t"... */
                }
                for (k = 0; k < 16 + pos; k++) { /* then plain or uppercase */
                    ref_add(&r, &tokens[k % 8 == 5 ? 6 : k % N_PLAIN]);
                }
                ref_add(&r, &tokens[t]); /* and once more near the end */
                for (shift = 0; shift < 8; shift++) {
                    ref_check(&r, shift);
                }
            }
        }
    }
}

/* Text ends: every length of a text cut anywhere, even inside a char. */
static void test_fold_ends(void **state)
{
    static const char text[] = "Le  Pr\xc3\xa9sident, l\xe2\x80\x99" "ACCORD\xc2\xa0" "sign\xc3\xa9 "
                               "\xe2\x80\x94 OK\t\tfin\xcc\x81 \xe2\x81\xb0x";
    size_t n, shift;
    (void)state;

    for (n = 0; n < sizeof text; n++) {
        char *a = NULL, *b = NULL;
        size_t al = 0, bl = 0, *am = NULL;

        for (shift = 0; shift < 8; shift++) {
            static char buf[sizeof text + 8];
            memcpy(buf + shift, text, n);
            assert_int_equal(rg_text_fold(&b, &bl, NULL, buf + shift, n), RG_OK);
            if (!a) {
                assert_int_equal(rg_text_fold(&a, &al, &am, buf + shift, n), RG_OK);
                assert_int_equal(am[al], n);
            }
            assert_int_equal(bl, al);
            assert_memory_equal(a, b, al);
            rg_free(b);
            b = NULL;
        }
        rg_free(a);
        rg_free(am);
    }
}

static uint32_t lcg(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

/* Appends ntok tokens, mostly plain letters and spaces. */
static void random_text_more(ref_text *r, uint32_t *seed, size_t ntok)
{
    size_t k;

    for (k = 0; k < ntok; k++) {
        uint32_t x = lcg(seed) % 100;
        const token *t = x < 55 ? &tokens[x % N_PLAIN] : x < 70 ? &tokens[19]
                                                         : &tokens[lcg(seed) % N_TOKENS];
        ref_add(r, t);
    }
}

/* Draws a text of tokens, mostly plain letters and spaces. */
static void random_text(ref_text *r, uint32_t *seed, size_t ntok)
{
    memset(r, 0, sizeof *r);
    random_text_more(r, seed, ntok);
}

static void test_fold_random(void **state)
{
    static ref_text r;
    uint32_t seed = 12345;
    size_t n;
    (void)state;

    for (n = 0; n < 4000; n++) {
        random_text(&r, &seed, 1 + lcg(&seed) % 80);
        ref_check(&r, n % 8);
    }
}

/* The AVX2 blocks of 32 bytes that fold the pairs C3 80..C3 BF
 * (U+00C0..U+00FF) in one step: texts of letters, single spaces and those
 * characters (each of the 64), now and then something that makes a block
 * take the other path (ß, ×: a fold longer than one byte; « NBSP; a
 * second space; a lone lead or continuation byte; a control byte), at
 * every alignment, so that pairs fall on every offset of a block, on its
 * last byte (cut by the block's end) and across its 8- and 16-byte parts.
 * Also checked where the machine has no AVX2 (the same results). */
static void test_fold_latin1_blocks(void **state)
{
    static const token odd[] = {
        { "\xc3\x9f", 0 }, { "\xc3\x97", 0 }, { "\xc3\xa6", 0 }, { "\xc3\xbe", 0 },
        { "\xc2\xab", 0 }, { "\xc2\xa0", 0 }, { " ", 0 },         { "\xc3Z", 0 },
        { "\xa9", 0 },      { "\t", 0 },        { "`", 0 },         { "\xe2\x80\x99", 0 },
        { "\xc3\xc3z", 0 }, { "\xc5\x93", 0 }, { "\x7f", 0 },       { "Q", 0 },
        { "\xc3\xc3\xa9", 0 }, { "\xc3\xa9\xa9", 0 }, { "\xa9\xc3\xa9", 0 },
    };
    static ref_text r;
    uint32_t seed = 4242;
    size_t n, k, pos;
    (void)state;

    for (n = 0; n < 3000; n++) {
        size_t ntok = 1 + lcg(&seed) % 120;
        memset(&r, 0, sizeof r);
        for (k = 0; k < ntok; k++) {
            uint32_t x = lcg(&seed) % 100;
            char c3[3] = { (char)0xC3, (char)(0x80 + lcg(&seed) % 64), 0 };
            token t = { c3, 0 };
            if (x < 50) {
                t.s = tokens[x % N_PLAIN].s;
            } else if (x < 60) {
                t.s = tokens[5 + x % 3].s; /* capitals */
            } else if (x < 70) {
                t.s = " ";
            } else if (x >= 98 - (n % 4)) {
                t = odd[lcg(&seed) % (sizeof odd / sizeof odd[0])];
            }
            ref_add(&r, &t);
        }
        ref_check(&r, n % 8);
    }
    /* one é or É at every offset of 80 letters, and two side by side */
    for (pos = 0; pos < 79; pos++) {
        for (k = 0; k < 3; k++) {
            memset(&r, 0, sizeof r);
            for (n = 0; n < 80; n++) {
                static const token e[] = { { "\xc3\xa9", 0 }, { "\xc3\x89", 0 } };
                ref_add(&r, n == pos || (k == 2 && n == pos + 1) ? &e[k & 1]
                                                                : &tokens[5 + n % 3]);
            }
            ref_check(&r, k);
        }
    }
}

/* A text's last 1..31 bytes, which AVX2 folds with the 32-byte block
 * that ends with them (its first bytes, folded already, dropped): texts
 * of 32 to 75 bytes whose tail holds an é, É, a space, two spaces, «, a
 * lone lead byte, or a lone lead or continuation byte next to an é (a
 * pair that the tail's first byte may cut) at each of its offsets, after
 * letters or after a space (a space run that crosses into the tail). The
 * marks were written as UTF-8 read as Latin-1 once (Ã© for é): one
 * of those is kept. */
static void test_fold_tails(void **state)
{
    static const token mark[] = {
        { "\xc3\xa9", 0 },     { "\xc3\x89", 0 },     { " ", 0 },
        { "  ", 0 },           { "\xc2\xab", 0 },     { "\xc3", 0 },
        { "\xc3\xc3\xa9", 0 }, { "\xc3\xa9\xa9", 0 }, { "\xa9\xc3\xa9", 0 },
        { "\xc3\x83\xc2\xa9", 0 }, /* Ã then © (the old marks, UTF-8 twice) */
    };
    static ref_text r;
    size_t len, at, k, n;
    (void)state;

    for (len = 32; len < 76; len++) {
        for (at = len - 31; at < len; at++) {
            for (k = 0; k < 2 * sizeof mark / sizeof mark[0]; k++) {
                const token *m = &mark[k / 2];
                memset(&r, 0, sizeof r);
                for (n = 0; r.len < len; n++) {
                    if (r.len == at && r.len + strlen(m->s) <= len) {
                        ref_add(&r, m);
                    } else if ((k & 1) && r.len + 1 == at) {
                        ref_add(&r, &tokens[19]); /* a space just before */
                    } else {
                        ref_add(&r, &tokens[n % 8]);
                    }
                }
                ref_check(&r, (len + at) % 8);
            }
        }
    }
}

/* rg_text__fold_odd with its map, a text folded in parts of 1 to 40 bytes
 * (rg_text__fold_part_set; by default 1 GiB) against the whole text in
 * one: the same key, map and odd flag. The texts mix the tokens with runs
 * of continuation bytes and lone lead bytes, so that the cut (moved past
 * at most three continuation bytes) meets every case: inside a character,
 * after a lead, in a run of four or more stray bytes. */
static void test_fold_parts(void **state)
{
    static const token stray[] = {
        { "", 0 }, { "¿", 0 }, { "Ã", 0 }, { "â", 0 }, { "ð", 0 },
    };
    static ref_text r;
    uint32_t seed = 4242;
    size_t n, part;
    (void)state;

    for (n = 0; n < 1500; n++) {
        char *k1 = NULL, *k2 = NULL;
        size_t l1 = 0, l2 = 0, *m1 = NULL, *m2 = NULL, t;
        int odd1 = -1, odd2 = -1;

        random_text(&r, &seed, 1 + lcg(&seed) % 60);
        for (t = lcg(&seed) % 4; t > 0; t--) {
            ref_add(&r, &stray[lcg(&seed) % (sizeof stray / sizeof *stray)]);
        }
        random_text_more(&r, &seed, lcg(&seed) % 30);
        part = 1 + n % 40;
        rg_text__fold_part_set(0);
        assert_int_equal(rg_text__fold_odd(&k1, &l1, &m1, r.s, r.len, &odd1), RG_OK);
        rg_text__fold_part_set(part);
        assert_int_equal(rg_text__fold_odd(&k2, &l2, &m2, r.s, r.len, &odd2), RG_OK);
        rg_text__fold_part_set(0);
        assert_int_equal(l1, l2);
        assert_memory_equal(k1, k2, l1 + 1);
        assert_memory_equal(m1, m2, (l1 + 1) * sizeof *m1);
        assert_int_equal(m2[l2], r.len);
        assert_int_equal(odd1, odd2);
        rg_free(k1);
        rg_free(k2);
        rg_free(m1);
        rg_free(m2);
    }
}

/* The cleaner's key (each line folded straight into it) against the fold
 * of the cleaned text, for random lines with spaces at their ends. */
static void test_clean_key_lines(void **state)
{
    static ref_text r;
    static char text[8192];
    rg_boilerplate *bp = NULL;
    uint32_t seed = 777;
    size_t n, taken = 0;
    (void)state;

    assert_int_equal(rg_boilerplate_default(&bp), RG_OK);
    for (n = 0; n < 2000; n++) {
        char *clean = NULL, *key = NULL, *fold = NULL;
        size_t clen = 0, klen = 0, flen = 0, *cmap = NULL, *kmap = NULL, *fmap = NULL;
        size_t len = 0, line, nlines = 1 + lcg(&seed) % 6;

        for (line = 0; line < nlines; line++) {
            random_text(&r, &seed, lcg(&seed) % 40);
            memcpy(text + len, r.s, r.len);
            len += r.len;
            text[len++] = '\n';
            if (lcg(&seed) % 4 == 0) {
                text[len++] = '\n';
            }
        }
        assert_int_equal(rg_clean_text_key(&clean, &clen, &cmap, &key, &klen, &kmap, text, len,
                                           bp, NULL),
                         RG_OK);
        if (key) {
            taken++;
            assert_int_equal(rg_text_fold(&fold, &flen, &fmap, clean, clen), RG_OK);
            assert_int_equal(flen, klen);
            assert_memory_equal(fold, key, klen);
            assert_memory_equal(fmap, kmap, (klen + 1) * sizeof *kmap);
        }
        rg_free(clean);
        rg_free(cmap);
        rg_free(key);
        rg_free(kmap);
        rg_free(fold);
        rg_free(fmap);
    }
    assert_true(taken > 500); /* most texts take the shortcut */
    rg_boilerplate_free(bp);
}

/* The cleaner's map of a kept line (blocks of 16 and 8, then one by one):
 * every length, after 0 to 3 leading spaces. */
static void test_clean_identity_map(void **state)
{
    static const char abc[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    char text[128];
    size_t pre, n, i;
    (void)state;

    for (pre = 0; pre < 4; pre++) {
        for (n = 1; n < 60; n++) {
            char *out = NULL;
            size_t len = 0, out_len = 0, *map = NULL;

            for (i = 0; i < pre; i++) {
                text[len++] = ' ';
            }
            for (i = 0; i < n; i++) {
                text[len++] = abc[i % (sizeof abc - 1)];
            }
            text[len++] = '\n';
            text[len++] = 'x';
            assert_int_equal(rg_clean_text(&out, &out_len, &map, text, len, NULL, NULL), RG_OK);
            assert_int_equal(out_len, n + 2);
            for (i = 0; i <= n + 1; i++) {
                assert_int_equal(map[i], pre + i);
            }
            assert_int_equal(map[n + 2], len);
            rg_free(out);
            rg_free(map);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_tokens),
        cmocka_unit_test(test_fold_word_positions),
        cmocka_unit_test(test_fold_ends),
        cmocka_unit_test(test_fold_random),
        cmocka_unit_test(test_fold_latin1_blocks),
        cmocka_unit_test(test_fold_tails),
        cmocka_unit_test(test_fold_parts),
        cmocka_unit_test(test_clean_key_lines),
        cmocka_unit_test(test_clean_identity_map),
    };
    rg_init();
    return cmocka_run_group_tests_name("text_fold", tests, NULL, NULL);
}
