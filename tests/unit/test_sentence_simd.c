/* SPDX-License-Identifier: MIT */
/*
 * Differential tests of rg_sentences_split against main's splitter before
 * round 7: sentence.c is compiled a second time below without its SIMD run
 * skipper (64-byte windows of candidate stops), with the old rules of
 * test_sentence_ref_rules.h and its entry point renamed, and both must
 * return the same spans for every text. The texts are built from the pieces the
 * skipper decides on (capitals after every kind of byte, C3 pairs with
 * good and bad second bytes, lone bytes >= 0x80, terminals, quotes,
 * newlines, the rare bytes the candidate tables over-report) and are
 * split behind 0 to 70 bytes of padding, so that each piece meets every
 * offset of a window and the window edges. Buffers are allocated at their
 * exact size so that ASan sees any read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <relgraph/sentence.h>
#include <relgraph/text.h>

/* The reference: main's splitter (the 4-byte table loop, the old rules in
 * test_sentence_ref_rules.h), or (test_sentence_ssse3.c) the 16-byte
 * SSSE3 tables, which the library does not run on an AVX2 CPU. */
#if defined(SENTENCE_REF_SSSE3)
#define RG_SENTENCE_NO_AVX2 1
#else
#define RG_SENTENCE_NO_SIMD 1
#endif
#include "test_sentence_ref_rules.h"
#include "sentence.c"
#undef rg_sentences_split

/* Splits text both ways and compares; prints the text on a difference. */
static int same_split(const char *text, size_t len)
{
    char *buf = malloc(len ? len : 1);
    rg_span *a = NULL, *b = NULL;
    size_t na = 0, nb = 0, k;
    int same;

    assert_non_null(buf);
    memcpy(buf, text, len);
    assert_int_equal(rg_sentences_split(&a, &na, buf, len), RG_OK);
    assert_int_equal(rg_sentences_split_ref(&b, &nb, buf, len), RG_OK);
    same = na == nb;
    for (k = 0; same && k < na; k++) {
        same = a[k].start == b[k].start && a[k].end == b[k].end;
    }
    if (!same) {
        print_error("split differs (%zu vs %zu spans) on %zu bytes:\n", na, nb, len);
        for (k = 0; k < len; k++) {
            print_error("%02X%s", (unsigned char)text[k], k % 32 == 31 ? "\n" : " ");
        }
        print_error("\n");
    }
    rg_free(a);
    rg_free(b);
    free(buf);
    return same;
}

static const char *const pieces[] = {
    "a", "b", "z", "e", "A", "M", "Z", "L", "0", "7", " ", " ", " ", ".", ". ", "?",
    "!", "\"", ")", "]", "}", "(", "[", "{", ",", ";", ":", "-", "'", "\n", "\n\n",
    "\t", "@", "=", "_", "^", "\\", "`", "~", "\x7F", "\x07", "\x01",
    "\xC3\xA9", "\xC3\xA0", "\xC3\x9F", "\xC3\xBF", "\xC3\xB7", "\xC3\x89", "\xC3\x80",
    "\xC3\xBA", "\xC3", "\xC3\xC3", "\xA9", "\xBA", "\xB7", "\x9F", "\x9E", "\xC0",
    "\xC2\xA0", "\xC2\xAB", "\xC2\xBB", "\xC2\xB0", "\xC5\x93", "\xE2\x80\x99",
    "\xE2\x80\xA6", "\xE2\x80\x94", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xFF", "\x80",
    "Le ", "Dans ", "M. ", "J.-C. ", "U.S.A. ", "www.", "l'idee", "ParisDans",
    "prisonDans", "2017Dans", "(...)", "... Il", "abcdefghijklmnopq",
    /* full stops the rules decide without classes (". X", ".X", ".x", ".7") */
    ".L", ".Le", ". Le", ".l", ".7", "M.", "Mme.", "MM.", "Gal.", "G\xC3\xA9n.", "cf.",
    "Cf.", "apr.", "n\xC2\xB0.", "ibid.", "abcde.", "abcdef.", "ABCDEF.", "aBcDeF.",
    "a\xC3\xA9" "bcdef.", "V.", "J.-C.", "av.", "Site.Fr/", "x@y", "//a", "2.5", "1.000",
};

/* A pseudo-random text of pieces, the same on every run (xorshift). */
static size_t make_text(char *out, size_t cap, uint64_t *seed, size_t npieces)
{
    size_t len = 0, k;

    for (k = 0; k < npieces; k++) {
        const char *p;
        size_t pl;
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        p = pieces[*seed % (sizeof pieces / sizeof pieces[0])];
        pl = strlen(p);
        if (len + pl > cap) {
            break;
        }
        memcpy(out + len, p, pl);
        len += pl;
    }
    return len;
}

/* Random texts of 0 to 160 pieces, each behind 0 to 70 bytes of a filler
 * (letters, spaces or a capital word) so that the pieces fall at every
 * offset of the 64-byte windows. */
static void test_random_pieces(void **state)
{
    static const char *const fillers[] = { "abcdefgh ", "          ", "Aaaa Bbbb ",
                                           "\xC3\xA9t\xC3\xA9 " };
    char text[2048], piece[1024];
    uint64_t seed = 0x9E3779B97F4A7C15u;
    size_t t, pad, f;
    int bad = 0;

    (void)state;
    for (t = 0; t < 1500; t++) {
        size_t pl = make_text(piece, sizeof piece, &seed, t % 161);
        f = t % (sizeof fillers / sizeof fillers[0]);
        for (pad = 0; pad <= 70; pad += 1 + (t % 3 == 0 ? 0 : 6)) {
            size_t k, fl = strlen(fillers[f]);
            for (k = 0; k < pad; k++) {
                text[k] = fillers[f][k % fl];
            }
            memcpy(text + pad, piece, pl);
            bad += !same_split(text, pad + pl);
            if (bad > 5) {
                fail();
            }
        }
    }
    assert_int_equal(bad, 0);
}

/* Every byte value at every offset around a window edge, after each kind
 * of byte a capital may or may not follow. */
static void test_every_byte(void **state)
{
    static const char *const before[] = { "a", "A", " ", "1", "\xC3\xA9", "\xC3", "\x80", "." };
    char text[160];
    size_t p, k, b;
    int bad = 0;

    (void)state;
    for (k = 0; k < sizeof before / sizeof before[0]; k++) {
        for (b = 0; b < 256; b++) {
            for (p = 56; p <= 72; p++) {
                size_t bl = strlen(before[k]), len;
                memset(text, 'x', p);
                memcpy(text + p, before[k], bl);
                text[p + bl] = (char)b;
                memcpy(text + p + bl + 1, "Ab cd. Ef", 9);
                len = p + bl + 10;
                bad += !same_split(text, len);       /* more text after it */
                bad += !same_split(text, p + bl + 1); /* the byte ends the text */
                text[p + bl + 1] = (char)0xA9;         /* a continuation after it */
                bad += !same_split(text, p + bl + 2);
            }
        }
    }
    assert_int_equal(bad, 0);
}

/* Straight quotes and ASCII closers between every kind of byte, at every
 * offset around a window edge and at both ends of the text, then text
 * whose full stops absorb quotes by the parity (the skipper keeps the quiet
 * ones in its runs and toggles the parity itself). */
static void test_quiet_closers(void **state)
{
    static const char *const before[] = { "", "a", "A", "1", " ", "\xC3\xA9", ".", "\xC3",
                                          "(", "\"", "\n" };
    static const char *const closer[] = { "\"", ")", "]", "}", "\"\"", "\")", "]\"" };
    static const char *const after[] = { "", "A", "a", " ", "\xC3\x89", "\xC3\xA9", "1", ".",
                                         "\"", "Dans", "\xC3", "\n" };
    static const char *const tails[] = { "", " fin.\" Le mot.", " \"Oui. Non\". Il \"dit\"Le." };
    char text[200];
    size_t b, c, a, t, p, len;
    int bad = 0;

    (void)state;
    for (p = 0; p <= 72; p += p < 54 ? 54 : 1) {
        for (b = 0; b < sizeof before / sizeof before[0]; b++) {
            for (c = 0; c < sizeof closer / sizeof closer[0]; c++) {
                for (a = 0; a < sizeof after / sizeof after[0]; a++) {
                    for (t = 0; t < sizeof tails / sizeof tails[0]; t++) {
                        memset(text, 'x', p);
                        len = p + (size_t)snprintf(text + p, sizeof text - p, "%s%s%s%s",
                                                   before[b], closer[c], after[a], tails[t]);
                        bad += !same_split(text, len);
                    }
                }
            }
        }
    }
    assert_int_equal(bad, 0);
}

/* Candidate-free stretches of 0 to 260 bytes (the candidate functions
 * skip whole windows without a candidate, and the skipped window's last
 * byte gives the next one's word_before from the class bits: ':' '<' '`'
 * '{' '|' '~' and bytes >= 0x80 over-report it), then a byte of each kind
 * and a capital, a terminal or a C3 pair, so that each pair falls across
 * every window edge after one, two or three skipped windows. */
static void test_skipped_windows(void **state)
{
    static const char *const fillers[] = { "abc de fgh ", "abcdefghijklmnopqrstuvwxyz",
                                           "\xC3\xA9t\xC3\xA9 ", "Aaaa Bbbb ", "1234567 " };
    static const char *const before[] = { "a", "1", ":", "<", "`", "{", "|", "~", " ", "A",
                                          "\xC3\xA9", "\x80", "-", "'" };
    static const char *const after[] = { "Dans", "B", ".Le", ". Le", "\xC3\x89t", "\"Le", "\n",
                                         "" };
    char text[480];
    size_t f, b, a, n, k, len;
    int bad = 0;

    (void)state;
    for (f = 0; f < sizeof fillers / sizeof fillers[0]; f++) {
        size_t fl = strlen(fillers[f]);
        for (n = 0; n <= 260; n++) {
            for (b = 0; b < sizeof before / sizeof before[0]; b++) {
                for (a = 0; a < sizeof after / sizeof after[0]; a++) {
                    for (k = 0; k < n; k++) {
                        text[k] = fillers[f][k % fl];
                    }
                    /* a tail long enough for a whole window after the pair */
                    len = n + (size_t)snprintf(text + n, sizeof text - n,
                                               "%s%s fin de la phrase qui suit, longue "
                                               "de plus de soixante-quatre octets.",
                                               before[b], after[a]);
                    bad += !same_split(text, len);
                    bad += !same_split(text, n + strlen(before[b]) + strlen(after[a]));
                    if (bad > 5) {
                        fail();
                    }
                }
            }
        }
    }
    assert_int_equal(bad, 0);
}

/* Terminal clusters that take candidates with them (quotes and closers
 * absorbed, "...", "?!"), then a quote whose parity decides a cut
 * ('x"Le'), behind 0 to 130 bytes of padding: the window bits of what a
 * cluster took must never be read again (a quote read twice flips the
 * parity). */
static void test_consumed_candidates(void **state)
{
    static const char *const texts[] = {
        "A \"b.\" Dans \"x\"Le y.", "A \"b.\") Dans \"x\"Le y.", "A \"b?!\" Dans \"x\"Le y.",
        "A \"b...\" Dans \"x\"Le y.", "A (b.) Dans \"x\"Le y.", "A \"b.\"\n\nDans \"x\"Le y.",
        "A \"b. \" Dans \"x\"Le y.", "A b.\" Dans \"x\"Le y.",
    };
    char text[256];
    size_t k, p, tl;
    int bad = 0;

    (void)state;
    for (k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        tl = strlen(texts[k]);
        for (p = 0; p <= 130; p++) {
            memset(text, 'x', p);
            if (p) {
                text[p - 1] = ' ';
            }
            memcpy(text + p, texts[k], tl);
            bad += !same_split(text, p + tl);
        }
    }
    assert_int_equal(bad, 0);
}

/* Full stops and other terminals before quotes, blank lines and the end
 * of the text (the cases rg_sentence__term_cut decides before its
 * general steps), inside and outside a quote, after words the rules
 * block (titles, initials, dotted acronyms, URLs) and words they do not. */
static void test_stops_before_quotes(void **state)
{
    static const char *const open[] = { "", "Il dit \"", "\"a\" " };
    static const char *const word[] = { "fin", "M", "V", "U.S", "www.site", "x@y", "av",
                                         "\xC3\xA9t\xC3\xA9", "2020", ")", "", "x@abcdef",
                                         "www.abcdef", "//abcdefg", "a/abcdef", "abcdefgh" };
    static const char *const stop[] = { ".", "?", "!", "...", ".?" };
    static const char *const after[] = { "", "\"", "\"Le", "\"le", "\"\xC3\x89t\xC3\xA9", " \"",
                                         " \"Le", "\n\n", "\n\nLe", "\n", "\nLe", "\"Le.fr",
                                         "\" Le", ". \"Le" };
    char text[128];
    size_t o, w, t, a, len;
    int bad = 0;

    (void)state;
    for (o = 0; o < sizeof open / sizeof open[0]; o++) {
        for (w = 0; w < sizeof word / sizeof word[0]; w++) {
            for (t = 0; t < sizeof stop / sizeof stop[0]; t++) {
                for (a = 0; a < sizeof after / sizeof after[0]; a++) {
                    len = (size_t)snprintf(text, sizeof text, "%s%s%s%s", open[o], word[w],
                                           stop[t], after[a]);
                    bad += !same_split(text, len);
                    len += (size_t)snprintf(text + len, sizeof text - len, " Dans \"x\"Le y.");
                    bad += !same_split(text, len);
                }
            }
        }
    }
    assert_int_equal(bad, 0);
}

/* Short and empty texts: the window is padded past the end. */
static void test_short_texts(void **state)
{
    static const char *const texts[] = {
        "", "A", ".", "\xC3", "\xC3\xA9", "a.B", "Le chat. Il dort.", "\n", "x\n\nY",
        "M. Dupont", "\"Oui.\" Non", "abc\xC3\x89", "PlayStation", "fin.Le",
    };
    size_t k;
    int bad = 0;

    (void)state;
    for (k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        bad += !same_split(texts[k], strlen(texts[k]));
    }
    assert_int_equal(bad, 0);
}

/* Every title and abbreviation of the old lists (and a letter more or
 * less), in either case, before ". X", ".X" and at the end: the rows of
 * abbrev_other by length must hold each entry where it is looked for. */
static void test_abbreviations(void **state)
{
    static const char *const words[] = {
        "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Mr", "Mrs", "Ms", "Dr", "Drs", "Pr",
        "Prs", "Prof", "Me", "Mgr", "St", "Ste", "Sts", "Stes", "G\xC3\xA9n", "Gal", "Col",
        "Cdt", "Cne", "Lt", "Sgt", "Vve", "cf", "av", "apr", "p", "pp", "vol", "art",
        "n\xC2\xB0", "no", "chap", "fig", "\xC3\xA9" "d", "coll", "r\xC3\xA9" "f",
        "t\xC3\xA9" "l", "env", "ex", "vs", "op", "cit", "ibid", "ca", "resp", "bd",
        "d\xC3\xA9" "p", "trad", "dir", "\xC3\x89" "d", "Cf", "Apr", "P", "Ibid", "Coll",
    };
    static const char *const forms[][2] = {
        { "Voir ", ". Martin ici." }, { "Voir ", ".Martin ici." }, { "Voir ", "x. Martin ici." },
        { "Voir ", "" }, { "Voir (", ". Martin ici." }, { "Voir ", ". martin." },
    };
    char text[64], up[16];
    size_t w, f;
    int bad = 0;

    (void)state;
    for (w = 0; w < sizeof words / sizeof words[0]; w++) {
        for (f = 0; f < sizeof forms / sizeof forms[0]; f++) {
            snprintf(text, sizeof text, "%s%s%s", forms[f][0], words[w], forms[f][1]);
            bad += !same_split(text, strlen(text));
            snprintf(up, sizeof up, "%s", words[w]);
            up[0] = (char)(up[0] >= 'a' && up[0] <= 'z' ? up[0] - 32 : up[0]);
            snprintf(text, sizeof text, "%s%s%s", forms[f][0], up, forms[f][1]);
            bad += !same_split(text, strlen(text));
        }
    }
    assert_int_equal(bad, 0);
}

/* Words of 0 to 7 letters before a full stop, built from ASCII letters,
 * C3 xx Latin-1 letters (capitals, lowercase, ß ÿ, and × ÷ which are not
 * letters), ° and other bytes >= 0x80, at the start of the text and
 * behind 1 to 9 bytes (dot_blocked's word read back and its 8-byte key
 * load at every offset), before ". X", ".X", ". x" and the end. */
static void test_words_before_stops(void **state)
{
    static const char *const letters[] = {
        "a", "e", "M", "Z", "p", "v", "\xC3\xA9", "\xC3\x89", "\xC3\x9F", "\xC3\xBF",
        "\xC3\x80", "\xC3\x97", "\xC3\xB7", "\xC2\xB0", "\xC4\x81", "\x80", "\xC3",
        "'", "-", ".", "1", "r", "n", "J", "\xE2\x80\x99", "\xC2\xBB", "\xC3\xA0",
    };
    static const char *const after[] = { ". Martin ici.", ".Martin ici.", ". martin.", "",
                                         ". Le jour." };
    /* long ones put the letters' first bytes at every place of the 8 bytes
     * before the stop that the splitter reads at once (a C3 pair across
     * their first byte too) */
    static const char *const before[] = { "", " ", "(", "Voir ", "x.", "abcdefgh ",
                                          "abcdefgh", "\xC3\xA9t\xC3\xA9", "l\xE2\x80\x99",
                                          "ab\xC3", "abcdefg\xC3" };
    char text[96];
    uint64_t seed = 0x9E3779B97F4A7C15u;
    size_t t, k, n, len;
    int bad = 0;

    (void)state;
    for (t = 0; t < 60000; t++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        len = (size_t)snprintf(text, sizeof text, "%s", before[(seed >> 20) % 11]);
        n = (seed >> 30) % 8;
        for (k = 0; k < n; k++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            len += (size_t)snprintf(text + len, sizeof text - len, "%s",
                                    letters[(seed >> 40) % 27]);
        }
        len += (size_t)snprintf(text + len, sizeof text - len, "%s", after[(seed >> 60) % 5]);
        bad += !same_split(text, len);
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_words_before_stops),
        cmocka_unit_test(test_short_texts),
        cmocka_unit_test(test_every_byte),
        cmocka_unit_test(test_quiet_closers),
        cmocka_unit_test(test_skipped_windows),
        cmocka_unit_test(test_consumed_candidates),
        cmocka_unit_test(test_stops_before_quotes),
        cmocka_unit_test(test_random_pieces),
    };
#if defined(SENTENCE_REF_SSSE3)
    return cmocka_run_group_tests_name("sentence_ssse3", tests, NULL, NULL);
#else
    return cmocka_run_group_tests_name("sentence_simd", tests, NULL, NULL);
#endif
}
