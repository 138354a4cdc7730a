/* SPDX-License-Identifier: MIT */
/*
 * The matcher's scan from word starts (matcher_starts.c) against the
 * automaton (rg_matcher__new_automaton), which it replaces when every key
 * starts a word: the same matches on random dictionaries and texts, on the
 * built-in dictionary with random dates, and with a key slid across the
 * 64-byte blocks and the end of the text. RG_DIFF_DICTS=n runs n random
 * dictionaries instead of 2,000 (the figures go to stderr).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>  /* snprintf, fprintf */
#include <stdlib.h> /* getenv, atoi */
#include <string.h> /* strlen, memcpy */

#include <relgraph/actors.h>
#include <relgraph/alloc.h> /* rg_alloc_fail_at */
#include <relgraph/errors.h>
#include <relgraph/text.h> /* rg_free */
#include "actors_internal.h" /* the forms of the built-in dictionary */
#include "matcher_internal.h" /* rg_matcher__new_automaton */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32) % n;
}

/* What keys and texts are made of: shared prefixes, every kind of edge. */
static const char *const word_pieces[] = {
    "a", "b", "ab", "ba", "abc", "c", "A", "B", "Ab", "1", "2", "é", "É", "Δ", "ω", "z", "aa",
};
static const char *const other_pieces[] = {
    " ", " ", " ", "-", "'", ".", ",", "«", "»", "\xE2\x80\x99", "\xC2\xA0", "\xE2\x80\x94", "_",
};

#define NWORD (sizeof word_pieces / sizeof *word_pieces)
#define NOTHER (sizeof other_pieces / sizeof *other_pieces)

static size_t put(char *buf, size_t len, size_t cap, const char *s)
{
    size_t n = strlen(s);

    if (len + n < cap) {
        memcpy(buf + len, s, n + 1);
        len += n;
    }
    return len;
}

/* A random key of 1 to 6 pieces; the first a letter or digit unless `any`. */
static void rand_key(char *buf, size_t cap, int any)
{
    size_t len = 0, n = 1 + rnd(6), i;

    buf[0] = '\0';
    for (i = 0; i < n; i++) {
        int word = (i == 0 && !any) || rnd(3) != 0;
        len = put(buf, len, cap, word ? word_pieces[rnd(NWORD)] : other_pieces[rnd(NOTHER)]);
    }
}

/* A random dictionary of aliases (some guarded, exact-case) and metonyms. */
static size_t rand_dict(char *json, size_t cap, char keys[][64], size_t *nkeys, int any)
{
    size_t len = 0, na = 1 + rnd(8), i, j;

    *nkeys = 0;
    len = put(json, len, cap, "{\"schema\": 1, \"actors\": [");
    for (i = 0; i < na; i++) {
        static const char *const types[] = { "person", "organisation", "state" };
        const char *type = types[rnd(3)];
        char head[128];
        snprintf(head, sizeof head, "%s{\"id\":\"a%zu\",\"label\":\"A%zu\",\"type\":\"%s\",",
                 i ? "," : "", i, i, type);
        len = put(json, len, cap, head);
        for (j = 0; j < 2; j++) {
            size_t k, nk = 1 + rnd(3);
            if (j == 1 && strcmp(type, "state") != 0) {
                break;
            }
            len = put(json, len, cap, j ? ",\"metonyms\":[" : "\"aliases\":[");
            for (k = 0; k < nk && *nkeys < 64; k++) {
                char *key = keys[(*nkeys)++];
                int flagged = j == 0 && k > 0 && rnd(5) == 0;
                rand_key(key, 64, any && rnd(4) == 0);
                len = put(json, len, cap, k ? "," : "");
                len = put(json, len, cap, flagged ? "{\"form\":\"" : "\"");
                len = put(json, len, cap, key);
                len = put(json, len, cap,
                          flagged ? "\",\"guarded\":true,\"exact_case\":true}" : "\"");
            }
            len = put(json, len, cap, "]");
        }
        len = put(json, len, cap, "}");
    }
    return put(json, len, cap, "]}");
}

/* A random text of pieces and keys, up to about `max` bytes. */
static size_t rand_text(char *buf, size_t cap, size_t max, char keys[][64], size_t nkeys)
{
    size_t len = 0;

    buf[0] = '\0';
    while (len < max) {
        uint32_t r = rnd(10);
        if (r < 3 && nkeys > 0) {
            len = put(buf, len, cap, keys[rnd((uint32_t)nkeys)]);
        } else if (r < 6) {
            len = put(buf, len, cap, word_pieces[rnd(NWORD)]);
        } else if (r < 9) {
            len = put(buf, len, cap, other_pieces[rnd(NOTHER)]);
        } else if (len + 1 < cap) {
            buf[len++] = (char)(0x80 + rnd(0x80)); /* a stray byte */
            buf[len] = '\0';
        }
    }
    return len;
}

static size_t n_matches;

/* Both matchers on text[0..len) at `date`: the same matches. */
static void same_matches(const rg_matcher *fast, const rg_matcher *ref, const char *text,
                         size_t len, const rg_date *date)
{
    rg_match *m1 = NULL, *m2 = NULL;
    size_t n1 = 0, n2 = 0, i;

    assert_int_equal(rg_matcher_scan(&m1, &n1, fast, text, len, date), RG_OK);
    assert_int_equal(rg_matcher_scan(&m2, &n2, ref, text, len, date), RG_OK);
    if (n1 != n2) {
        fprintf(stderr, "text [%.*s]: %zu matches, automaton %zu\n", (int)len, text, n1, n2);
    }
    assert_int_equal(n1, n2);
    for (i = 0; i < n1; i++) {
        assert_int_equal(m1[i].start, m2[i].start);
        assert_int_equal(m1[i].end, m2[i].end);
        assert_int_equal(m1[i].actor, m2[i].actor);
        assert_int_equal(m1[i].kind, m2[i].kind);
    }
    n_matches += n1;
    rg_free(m1);
    rg_free(m2);
}

static void test_random_dicts(void **state)
{
    static char json[16384], keys[64][64], text[4096];
    const char *env = getenv("RG_DIFF_DICTS");
    size_t ndict = env ? (size_t)atoi(env) : 2000, d, t, loaded = 0, texts = 0, starts = 0;

    (void)state;
    n_matches = 0;
    for (d = 0; d < ndict; d++) {
        rg_actors *a = NULL;
        rg_matcher *fast = NULL, *ref = NULL;
        size_t nkeys;
        rand_dict(json, sizeof json, keys, &nkeys, d % 10 == 0);
        if (rg_actors_from_buffer(&a, json, strlen(json), "t.json") != RG_OK) {
            continue; /* a random key the loader refuses */
        }
        loaded++;
        assert_int_equal(rg_matcher_new(&fast, a), RG_OK);
        assert_int_equal(rg_matcher__new_automaton(&ref, a), RG_OK);
        for (t = 0; t < 24; t++) {
            size_t len = rand_text(text, sizeof text, t < 20 ? rnd(300) : rnd(3000), keys, nkeys);
            same_matches(fast, ref, text, len, NULL);
            texts++;
        }
        starts += rg_matcher__uses_starts(fast);
        rg_matcher_free(fast);
        rg_matcher_free(ref);
        rg_actors_free(a);
    }
    fprintf(stderr, "random dictionaries: %zu loaded of %zu (%zu scanned from word starts), "
                    "%zu texts, %zu matches\n",
            loaded, ndict, starts, texts, n_matches);
    assert_true(starts > loaded / 2);
    assert_true(n_matches > texts); /* not two empty lists compared */
}

/* The built-in dictionary, texts of its forms' texts and pieces, dated. */
static void test_builtin_dict(void **state)
{
    static char text[8192];
    rg_actors *a = NULL;
    rg_matcher *fast = NULL, *ref = NULL;
    size_t t, rounds = 3000;

    (void)state;
    n_matches = 0;
    assert_int_equal(rg_actors_default(&a), RG_OK);
    assert_int_equal(rg_matcher_new(&fast, a), RG_OK);
    assert_int_equal(rg_matcher__new_automaton(&ref, a), RG_OK);
    assert_true(rg_matcher__uses_starts(fast));
    for (t = 0; t < rounds; t++) {
        rg_date date = { 2010 + (int)rnd(12), 1 + (int)rnd(12), 1 + (int)rnd(28) };
        size_t len = 0, max = rnd(t % 50 == 0 ? 6000 : 400);
        text[0] = '\0';
        while (len < max) {
            uint32_t r = rnd(6);
            if (r < 2) {
                len = put(text, len, sizeof text, a->forms.v[rnd((uint32_t)a->forms.n)].text);
            } else if (r < 4) {
                len = put(text, len, sizeof text, " ");
            } else {
                len = put(text, len, sizeof text,
                          r == 4 ? word_pieces[rnd(NWORD)] : other_pieces[rnd(NOTHER)]);
            }
        }
        same_matches(fast, ref, text, len, rnd(4) ? &date : NULL);
    }
    fprintf(stderr, "built-in dictionary: %zu texts, %zu matches\n", rounds, n_matches);
    assert_true(n_matches > rounds / 2); /* not two empty lists compared */
    rg_matcher_free(fast);
    rg_matcher_free(ref);
    rg_actors_free(a);
}

/*
 * Keys slid over every offset of texts of every length up to 200 bytes (the
 * 64-byte blocks, the 32 bytes read past one, the padded end), amid letters,
 * spaces or bytes >= 0x80, found where a word may start.
 */
static void test_block_edges(void **state)
{
    static const char json[] =
        "{\"schema\": 1, \"actors\": ["
        "{\"id\":\"a\",\"label\":\"A\",\"type\":\"organisation\","
        "\"aliases\":[\"ab\",\"abcd efgh\",\"x\",\"abcdefghijklmnopq\"]}]}";
    static const char *const keys[] = { "ab", "abcd efgh", "x", "abcdefghijklmnopq" };
    static const char fill[] = { 'z', ' ', (char)0xC3, (char)0xA9, (char)0x80, (char)0xFF };
    char text[256];
    rg_actors *a = NULL;
    rg_matcher *fast = NULL, *ref = NULL;
    size_t len, p, k, f, found;

    (void)state;
    assert_int_equal(rg_actors_from_buffer(&a, json, strlen(json), "t.json"), RG_OK);
    assert_int_equal(rg_matcher_new(&fast, a), RG_OK);
    assert_int_equal(rg_matcher__new_automaton(&ref, a), RG_OK);
    assert_true(rg_matcher__uses_starts(fast));
    same_matches(fast, ref, "", 0, NULL);
    for (f = 0; f < sizeof fill; f++) {
        for (k = 0; k < 4; k++) {
            size_t kl = strlen(keys[k]);
            for (len = kl; len <= 200; len++) {
                for (p = 0; p + kl <= len; p++) {
                    rg_match *m = NULL;
                    memset(text, ' ', len);
                    memset(text, fill[f], p);
                    memcpy(text + p, keys[k], kl);
                    same_matches(fast, ref, text, len, NULL);
                    assert_int_equal(rg_matcher_scan(&m, &found, fast, text, len, NULL), RG_OK);
                    if (fill[f] == ' ' || p == 0) { /* a word start: found */
                        assert_true(found >= 1 && m[found - 1].start == p);
                    }
                    rg_free(m);
                }
            }
        }
    }
    rg_matcher_free(fast);
    rg_matcher_free(ref);
    rg_actors_free(a);
}

/*
 * Keys whose first words (what the second filter and the word table see)
 * are 0 (a Greek letter first), 7, 8, 9 and more bytes long, prefixes of
 * each other or of the text's words, followed by spaces, hyphens, dots
 * or bytes >= 0x80 (kept by the fold or not); the
 * texts mix them with longer and shorter words, at every offset of a
 * 64-byte block.
 */
static void test_first_words(void **state)
{
    static const char json[] =
        "{\"schema\": 1, \"actors\": ["
        "{\"id\":\"a\",\"label\":\"A\",\"type\":\"organisation\",\"aliases\":["
        "\"abcdefg\",\"abcdefgh\",\"abcdefghi\",\"abcdefgh ij\",\"abcdefghijk-l\","
        "\"mais\",\"maison blanche\",\"ab\",\"ab-cd\",\"x.y\",\"zz\xC3\xA9t\xC3\xA9\","
        "\"president\",\"president de la republique\",\"9 mars\",\"ab\xCE\x94\",\"\xCE\x94x y\"]}]}";
    static const char *const words[] = {
        "abcdefg", "abcdefgh", "abcdefghi", "abcdefghij", "abcdefghijk", "abcdef", "ij", "l",
        "mais", "maiso", "maison", "maisons", "blanche", "ab", "abc", "cd", "x", "y", "zz",
        "\xC3\xA9t\xC3\xA9", "president", "presidents", "presiden", "de", "la", "republique",
        "9", "99", "mars", "A", "AB", "\xCE\x94", "\xCE\x94x", "ab\xCE\x94", "abcdefgh\xCE\x94",
    };
    static const char *const seps[] = { " ", " ", "-", ".", "\xC3\xA9", "\xE2\x80\x99", "," };
    char text[700];
    rg_actors *a = NULL;
    rg_matcher *fast = NULL, *ref = NULL;
    size_t t, off;

    (void)state;
    n_matches = 0;
    assert_int_equal(rg_actors_from_buffer(&a, json, strlen(json), "t.json"), RG_OK);
    assert_int_equal(rg_matcher_new(&fast, a), RG_OK);
    assert_int_equal(rg_matcher__new_automaton(&ref, a), RG_OK);
    assert_true(rg_matcher__uses_starts(fast));
    for (t = 0; t < 400; t++) {
        for (off = 0; off < 64; off += 1 + rnd(8)) {
            size_t len = 0, max = 40 + rnd(560);
            memset(text, ' ', off);
            len = off;
            text[len] = '\0';
            while (len < max) {
                len = put(text, len, sizeof text, words[rnd(sizeof words / sizeof *words)]);
                len = put(text, len, sizeof text, seps[rnd(sizeof seps / sizeof *seps)]);
            }
            same_matches(fast, ref, text, len, NULL);
        }
    }
    fprintf(stderr, "first words: %zu matches\n", n_matches);
    assert_true(n_matches > 1000); /* not two empty lists compared */
    rg_matcher_free(fast);
    rg_matcher_free(ref);
    rg_actors_free(a);
}

/*
 * Texts with 0 to 300 matches, hits and selected candidates around the 64
 * a scan keeps on the stack before they move to the heap (both scans, the
 * automaton's second lane too), and allocation failures at that move.
 */
static void test_many_candidates(void **state)
{
    static const char json[] =
        "{\"schema\": 1, \"actors\": ["
        "{\"id\":\"a\",\"label\":\"A\",\"type\":\"organisation\","
        "\"aliases\":[\"ab\",\"ab ab\"]}]}";
    static const size_t counts[] = { 0, 1, 31, 32, 33, 63, 64, 65, 127, 128, 129, 300 };
    static char text[1024];
    rg_actors *a = NULL;
    rg_matcher *fast = NULL, *ref = NULL;
    rg_match *m = NULL;
    size_t c, i, n;
    long k;
    int rc;

    (void)state;
    assert_int_equal(rg_actors_from_buffer(&a, json, strlen(json), "t.json"), RG_OK);
    assert_int_equal(rg_matcher_new(&fast, a), RG_OK);
    assert_int_equal(rg_matcher__new_automaton(&ref, a), RG_OK);
    for (c = 0; c < sizeof counts / sizeof *counts; c++) {
        for (i = 0; i < counts[c]; i++) { /* "ab ab" and "ab" overlap: 2 hits an "ab" */
            memcpy(text + 3 * i, "ab ", 3);
        }
        same_matches(fast, ref, text, 3 * counts[c], NULL);
        assert_int_equal(rg_matcher_scan(&m, &n, fast, text, 3 * counts[c], NULL), RG_OK);
        assert_int_equal(n, (counts[c] + 1) / 2);
        rg_free(m);
    }
    for (k = 1;; k++) { /* text holds 300 "ab " */
        rg_alloc_fail_at(k);
        m = NULL;
        rc = rg_matcher_scan(&m, &n, fast, text, 900, NULL);
        if (rc == RG_OK) {
            break;
        }
        assert_int_equal(rc, RG_ERROR);
        assert_null(m);
        assert_int_equal(n, 0);
    }
    rg_alloc_fail_at(0);
    assert_true(k > 4); /* the key, its map, the hits, the selection, the result */
    assert_int_equal(n, 150);
    rg_free(m);
    rg_matcher_free(fast);
    rg_matcher_free(ref);
    rg_actors_free(a);
}

/*
 * The trie's chains and rows: a key that ends where a chain starts ("ab"
 * before "abcdefghijk"), a chain that ends at a key that goes on by
 * another chain ("abcdefghijk lmnop"), a key that ends at a state with
 * two children ("mn", "mnop", "mnqr": a row of the fourth group), keys
 * one byte or a chain short of another ("abcdefghij", "abcdefghijk lmno");
 * each, cut or whole, at every offset around the ends of the scan's first
 * batches (512 to 4096 bytes), after words that start like it.
 * A key an actor each: a hit with another key's pattern shows.
 */
static void test_chains_and_batches(void **state)
{
    static const char json[] =
        "{\"schema\": 1, \"actors\": ["
        "{\"id\":\"a\",\"label\":\"A\",\"type\":\"organisation\",\"aliases\":[\"ab\"]},"
        "{\"id\":\"b\",\"label\":\"B\",\"type\":\"organisation\","
        "\"aliases\":[\"abcdefghijk\"]},"
        "{\"id\":\"c\",\"label\":\"C\",\"type\":\"organisation\","
        "\"aliases\":[\"abcdefghijk lmnop\"]},"
        "{\"id\":\"d\",\"label\":\"D\",\"type\":\"organisation\",\"aliases\":[\"mn\"]},"
        "{\"id\":\"e\",\"label\":\"E\",\"type\":\"organisation\",\"aliases\":[\"mnop\"]},"
        "{\"id\":\"f\",\"label\":\"F\",\"type\":\"organisation\",\"aliases\":[\"mnqr\"]}]}";
    static const char *const keys[] = { "ab", "abcdefghijk", "abcdefghijk lmnop", "mn", "mnop",
                                        "mnqr", "abcdefghij", "abcdefghijk lmno", "mnq" };
    static const size_t edges[] = { 512, 1024, 2048, 4096 };
    static char text[4200];
    rg_actors *a = NULL;
    rg_matcher *fast = NULL, *ref = NULL;
    size_t e, k, p;

    (void)state;
    n_matches = 0;
    assert_int_equal(rg_actors_from_buffer(&a, json, strlen(json), "t.json"), RG_OK);
    assert_int_equal(rg_matcher_new(&fast, a), RG_OK);
    assert_int_equal(rg_matcher__new_automaton(&ref, a), RG_OK);
    assert_true(rg_matcher__uses_starts(fast));
    for (e = 0; e < sizeof edges / sizeof *edges; e++) {
        for (k = 0; k < sizeof keys / sizeof *keys; k++) {
            size_t kl = strlen(keys[k]);
            for (p = edges[e] - 40; p < edges[e] + 8; p++) {
                size_t i, len = p + kl + 1 + rnd(4);
                for (i = 0; i < p; i += 3) { /* "ab " and "mn ": word starts that pass */
                    memcpy(text + i, i % 2 ? "mn " : "ab ", 3);
                }
                memset(text + p - 1, ' ', len - p + 1);
                memcpy(text + p, keys[k], kl);
                same_matches(fast, ref, text, len, NULL);
            }
        }
    }
    fprintf(stderr, "chains and batches: %zu matches\n", n_matches);
    assert_true(n_matches > 100000); /* not two empty lists compared */
    rg_matcher_free(fast);
    rg_matcher_free(ref);
    rg_actors_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_block_edges),
        cmocka_unit_test(test_builtin_dict),
        cmocka_unit_test(test_random_dicts),
        cmocka_unit_test(test_first_words),
        cmocka_unit_test(test_many_candidates),
        cmocka_unit_test(test_chains_and_batches),
    };

    return cmocka_run_group_tests_name("matcher_starts", tests, NULL, NULL);
}
