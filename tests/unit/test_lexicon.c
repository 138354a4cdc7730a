/* SPDX-License-Identifier: MIT */
/*
 * The lexicon's word lookup (rg_lexicon__token_ids) against a plain
 * reference that stems every word: the prefilter-first two-way stem cache
 * and the test that skips the stemmer for words whose stem cannot be a key
 * (lexicon.c) must give the same ids. Words are built from French-like
 * starts, middles and every suffix the Snowball French steps know, with
 * accents, marks (y, qu, ç, ë, ï), capitals and other scripts (valid
 * UTF-8, as the tokenizer gives); the claim
 * that the skip test rests on is also checked on the stemmer itself.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <libstemmer.h>

#include <relgraph/stance.h>
#include "lexicon.h"
#include "lexicon_internal.h"

static const char *const starts[] = {
    "", "a", "ab", "ac", "d", "de", "dé", "l", "la", "le", "s", "se", "sa", "u", "un", "on",
    "en", "au", "é", "è", "ê", "à", "y", "ya", "qu", "ç", "ë", "ï", "cond", "félic", "accu",
    "crit", "menac", "soutien", "tr", "trè", "pr", "pré", "préc", "nou", "lou", "piqu", "pe",
    "voe", "vo", "ti", "élo", "H", "I", "U", "Y", "Ab", "\xC3\x89", "\xC5\x92u", "\xC5\xB8",
    "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xCE\xB1", "br", "gu", "aï", "noë", "col", "par",
    "tap", "ni", "mauva", "0", "9e",
};
static const char *const middles[] = {
    "", "a", "e", "i", "o", "u", "y", "é", "è", "ë", "ï", "â", "ç", "n", "nn", "t", "tt",
    "l", "ll", "eill", "r", "s", "ss", "qu", "ic", "iv", "at", "abil", "eus", "ièr", "Ier",
    "amn", "uI", "gu", "x", "2",
};
static const char *const suffixes[] = {
    "", "e", "s", "es", "ent", "ons", "ance", "iqUe", "ique", "isme", "able", "iste", "eux",
    "ances", "iques", "ismes", "ables", "istes", "atrice", "ateur", "ation", "atrices",
    "ateurs", "ations", "logie", "logies", "usion", "ution", "usions", "utions", "ence",
    "ences", "ement", "ements", "ité", "ités", "if", "ive", "ifs", "ives", "eaux", "aux",
    "oux", "euse", "euses", "issement", "issements", "amment", "emment", "ment", "ments",
    "îmes", "ît", "îtes", "i", "ie", "ies", "ir", "ira", "irai", "iraient", "irais", "irait",
    "iras", "irent", "irez", "iriez", "irions", "irons", "iront", "is", "issaient", "issais",
    "issait", "issant", "issante", "issantes", "issants", "isse", "issent", "isses", "issez",
    "issiez", "issions", "issons", "it", "ions", "é", "ée", "ées", "és", "èrent", "er",
    "era", "erai", "eraient", "erais", "erait", "eras", "erez", "eriez", "erions", "erons",
    "eront", "ez", "iez", "âmes", "ât", "âtes", "a", "ai", "aient", "ais", "ait", "ant",
    "ante", "antes", "ants", "as", "asse", "assent", "asses", "assiez", "assions", "ion",
    "ier", "ière", "Ier", "Ière", "ë", "enn", "onn", "ett", "ell", "eill", "ès", "èt", "ét",
    "éts", "y", "ç", "ys", "is",
};
#define N_STARTS (sizeof starts / sizeof *starts)
#define N_MIDDLES (sizeof middles / sizeof *middles)
#define N_SUFFIXES (sizeof suffixes / sizeof *suffixes)

static uint32_t rnd_state = 12345u;

static uint32_t rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return rnd_state >> 8;
}

/* word number i: every start with every suffix, then random middles */
static size_t make_word(char *buf, size_t cap, size_t i)
{
    const char *parts[4];
    size_t k, n = 0;

    parts[0] = starts[i % N_STARTS];
    parts[1] = middles[rnd() % N_MIDDLES];
    parts[2] = i % 3 ? middles[rnd() % N_MIDDLES] : "";
    parts[3] = suffixes[(i / N_STARTS) % N_SUFFIXES];
    for (k = 0; k < 4; k++) {
        size_t m = strlen(parts[k]);
        if (n + m < cap) {
            memcpy(buf + n, parts[k], m);
            n += m;
        }
    }
    return n;
}

/* ---- the reference: the lookup with every word stemmed ---- */

static struct sb_stemmer *g_sb;

static int ref_stem_id(const rg_lexicon *lx, const char *w, size_t n)
{
    const sb_symbol *s = sb_stemmer_stem(g_sb, (const sb_symbol *)w, (int)n);

    assert_non_null(s);
    return rg_lexicon__find(lx, 's', (const char *)s, (size_t)sb_stemmer_length(g_sb));
}

static int ref_bit(const rg_lexicon *lx, const char *w, size_t n)
{
    unsigned bit = rg_lexicon__prefix_bit(w, n);

    return (lx->prefilter[bit >> 6] >> (bit & 63)) & 1;
}

static void ref_ids(const rg_lexicon *lx, const char *w, size_t n, int ids[3])
{
    ids[0] = ids[1] = ids[2] = -1;
    if (n == 0 || n > RG_LX_MAXTOK || (!ref_bit(lx, w, n) && n > 3 && !ref_bit(lx, w, 2))) {
        return;
    }
    ids[0] = rg_lexicon__find(lx, 'x', w, n);
    ids[1] = ref_stem_id(lx, w, n);
    if (n > 5 && memcmp(w + n - 3, "ent", 3) == 0) {
        ids[2] = ref_stem_id(lx, w, n - 2);
    } else if (n > 5 && memcmp(w + n - 3, "ons", 3) == 0) {
        ids[2] = ref_stem_id(lx, w, n - 3);
    } else if (n > 3 && w[n - 1] == 's') {
        ids[2] = ref_stem_id(lx, w, n - 1);
    }
}

/* token_ids with one long-lived stemmer (cache, skip test) == reference;
 * the number of words that stem to a key */
static size_t check_lexicon(const rg_lexicon *lx, size_t n_words, int lower)
{
    rg_lx_stemmer *st = NULL;
    size_t pass, i, found = 0;

    assert_int_equal(rg_lexicon__stemmer_new(&st), RG_OK);
    for (pass = 0; pass < 2; pass++) {
        rnd_state = 777u; /* the same words twice: the second pass hits the cache */
        for (i = 0; i < n_words; i++) {
            char raw[96], w[96];
            int got[3], want[3], r;
            size_t n = make_word(raw, sizeof raw, i);
            if (lower) {
                rg_lexicon__lower(w, raw, n);
            } else {
                memcpy(w, raw, n);
            }
            r = rg_lexicon__token_ids(lx, st, w, n, got);
            ref_ids(lx, w, n, want);
            if (memcmp(got, want, sizeof got) != 0) {
                fail_msg("\"%.*s\": %d %d %d, expected %d %d %d", (int)n, w, got[0], got[1],
                         got[2], want[0], want[1], want[2]);
            }
            assert_int_equal(r, want[0] >= 0 || want[1] >= 0 || want[2] >= 0);
            found += want[1] >= 0 || want[2] >= 0;
        }
    }
    rg_lexicon__stemmer_free(st);
    return found;
}

static void test_token_ids_default(void **state)
{
    rg_lexicon *lx = NULL;

    (void)state;
    assert_int_equal(rg_lexicon_default(&lx), RG_OK);
    assert_true(check_lexicon(lx, 3 * N_STARTS * N_SUFFIXES, 1) > 100);
    check_lexicon(lx, N_STARTS * N_SUFFIXES, 0); /* capitals left: the marks H I U Y */
    rg_lexicon_free(lx);
}

/* keys that are a tail themselves ("ent"), or shorter than one: the skip
 * test must let every word through to the stemmer */
static void test_token_ids_short_keys(void **state)
{
    static const char tsv[] = "ent\t+\t1.0\tx\t-\n"
                              "u|d|l\t-\t-1.0\ty\t-\n"
                              "accueillir\t+\t1.0\tz\t-\n";
    rg_lexicon *lx = NULL;
    int ids[3];
    rg_lx_stemmer *st = NULL;

    (void)state;
    assert_int_equal(rg_lexicon__from_buffer(&lx, tsv, sizeof tsv - 1, "t"), RG_OK);
    check_lexicon(lx, N_STARTS * N_SUFFIXES, 1);
    assert_int_equal(rg_lexicon__stemmer_new(&st), RG_OK);
    assert_int_equal(rg_lexicon__token_ids(lx, st, "", 0, ids), 0);
    assert_int_equal(rg_lexicon__token_ids(lx, st, "accueillis", 10, ids), 1);
    assert_true(ids[1] >= 0 && ids[2] == ids[1]);
    rg_lexicon__stemmer_free(st);
    rg_lexicon_free(lx);
}

/* words whose stem ends in a tail put in place of their suffix
 * ("évidence" -> "évident", "menaçant" -> "menac"): found, though they do
 * not start with the key */
static void test_token_ids_tails(void **state)
{
    static const char tsv[] = "évident|stable|amical|heureux|indiquer|menacer|payer"
                              "\t-\t-1.0\tv\t-\n";
    static const char *const tailed[] = { "évidence", "évidences", "stabilité", "amicaux",
                                          "heureuse", "heureusement", "indication",
                                          "menaçant", "menaçaient", "paya", NULL };
    rg_lexicon *lx = NULL;
    rg_lx_stemmer *st = NULL;
    size_t i;

    (void)state;
    assert_int_equal(rg_lexicon__from_buffer(&lx, tsv, sizeof tsv - 1, "t"), RG_OK);
    assert_int_equal(rg_lexicon__stemmer_new(&st), RG_OK);
    for (i = 0; tailed[i]; i++) {
        int ids[3], want[3];
        ref_ids(lx, tailed[i], strlen(tailed[i]), want);
        assert_true(want[1] >= 0);
        rg_lexicon__token_ids(lx, st, tailed[i], strlen(tailed[i]), ids);
        assert_memory_equal(ids, want, sizeof ids);
    }
    check_lexicon(lx, N_STARTS * N_SUFFIXES, 1);
    rg_lexicon__stemmer_free(st);
    rg_lexicon_free(lx);
}

/* N(s): é and è as e */
static size_t unaccent(const char *s, size_t n, char *out)
{
    size_t i, m = 0;

    for (i = 0; i < n; i++) {
        if ((unsigned char)s[i] == 0xC3 && i + 1 < n &&
            ((unsigned char)s[i + 1] == 0xA9 || (unsigned char)s[i + 1] == 0xA8)) {
            out[m++] = 'e';
            i++;
        } else {
            out[m++] = s[i];
        }
    }
    return m;
}

/*
 * The claim of lexicon.c's skip test, on the stemmer itself: for a word
 * without H, I, U, Y, ë, ï, N(stem) is a prefix of N(word) followed by
 * nothing or one of the tails, and the word goes on with the tail's first
 * letter (y for i, ç for c).
 */
static void test_stem_is_prefix_and_tail(void **state)
{
    static const char *const tails[] = {
        "", "iqu", "log", "u", "ent", "eux", "i", "abl", "eau", "al", "ou", "ant", "c", NULL
    };
    size_t i, checked = 0;

    (void)state;
    rnd_state = 99u;
    for (i = 0; i < 4 * N_STARTS * N_SUFFIXES; i++) {
        char w[96], nw[96], ns[200];
        size_t n = make_word(w, sizeof w, i), nn, sn, j;
        const sb_symbol *s;
        int ok = 0;
        if (strpbrk(w, "HIUY") || memchr(w, 0, n) || strstr(w, "\xC3\xAB") ||
            strstr(w, "\xC3\xAF")) {
            continue;
        }
        w[n] = '\0';
        s = sb_stemmer_stem(g_sb, (const sb_symbol *)w, (int)n);
        assert_non_null(s);
        sn = unaccent((const char *)s, (size_t)sb_stemmer_length(g_sb), ns);
        nn = unaccent(w, n, nw);
        for (j = 0; tails[j] && !ok; j++) {
            size_t tn = strlen(tails[j]), pn = sn - tn;
            ok = tn <= sn && memcmp(ns + sn - tn, tails[j], tn) == 0 && pn <= nn &&
                 memcmp(ns, nw, pn) == 0;
            /* and the word goes on with the tail's first letter, or with
             * the y or ç written i or c (lexicon.c's fact 1) */
            ok = ok && (tn == 0 || (pn < nn && (nw[pn] == tails[j][0] ||
                                                (tn == 1 && tails[j][0] == 'i' && nw[pn] == 'y') ||
                                                (tn == 1 && tails[j][0] == 'c' && pn + 1 < nn &&
                                                 memcmp(nw + pn, "\xC3\xA7", 2) == 0))));
        }
        if (!ok) {
            fail_msg("stem of \"%s\" is \"%.*s\"", w, (int)sb_stemmer_length(g_sb),
                     (const char *)s);
        }
        checked++;
    }
    assert_true(checked > 10000);
}

/* a vowel of Snowball French in the UTF-8 bytes s[from..n) */
static int has_vowel(const char *s, size_t from, size_t n)
{
    static const char *const accented[] = { "â", "à", "ë", "é", "ê", "è", "ï", "î", "ô", "û",
                                            "ù", NULL };
    size_t i, k;

    for (i = from; i < n; i++) {
        if (strchr("aeiouyAEIOUY", s[i]) && s[i] != '\0') {
            return 1;
        }
        for (k = 0; accented[k]; k++) {
            if (i + 1 < n && memcmp(s + i, accented[k], 2) == 0) {
                return 1;
            }
        }
    }
    return 0;
}

/*
 * lexicon.c's fact 2, on the stemmer itself: a word that starts with a
 * consonant and has a vowel after it keeps one in its stem (so "d" and "s"
 * are stems of no such word). Every start of make_word with a consonant,
 * then the same words with fewer letters.
 */
static void test_stem_keeps_first_vowel(void **state)
{
    size_t i, checked = 0;

    (void)state;
    rnd_state = 4242u;
    for (i = 0; i < 4 * N_STARTS * N_SUFFIXES; i++) {
        char w[96];
        size_t n = make_word(w, sizeof w, i), cut;
        for (cut = n; cut >= 2 && cut + 4 > n; cut--) {
            const sb_symbol *s;
            w[cut] = '\0';
            if (strpbrk(w, "HIUY") || strstr(w, "\xC3\xAB") || strstr(w, "\xC3\xAF") ||
                !strchr("bcdfghjklmnpqrstvwxz", w[0]) || !has_vowel(w, 1, cut)) {
                continue;
            }
            s = sb_stemmer_stem(g_sb, (const sb_symbol *)w, (int)cut);
            assert_non_null(s);
            if (!has_vowel((const char *)s, 1, (size_t)sb_stemmer_length(g_sb))) {
                fail_msg("stem of \"%s\" is \"%.*s\"", w, (int)sb_stemmer_length(g_sb),
                         (const char *)s);
            }
            checked++;
        }
    }
    assert_true(checked > 10000);
}

/* keys without a vowel ("d'", "s'", "qu'") that open cues or go on them:
 * found for the words that stem to them, and for no other */
static void test_token_ids_bare_keys(void **state)
{
    static const char tsv[] = "d'accord|s'opposer|qu'il|tr\t+\t1.0\tx\t-\n"
                              "mettre d'accord|xx|c'\t-\t-1.0\ty\t-\n";
    static const char *const words[] = { "d", "s", "ds", "ss", "qu", "tr", "trs", "xx",
                                         "xxs", "c", "cs", "ç", "de", "des", "dénoncer",
                                         "sa", "trsons", "xxsons", NULL };
    rg_lexicon *lx = NULL;
    rg_lx_stemmer *st = NULL;
    size_t i;

    (void)state;
    assert_int_equal(rg_lexicon__from_buffer(&lx, tsv, sizeof tsv - 1, "t"), RG_OK);
    check_lexicon(lx, 2 * N_STARTS * N_SUFFIXES, 1);
    assert_int_equal(rg_lexicon__stemmer_new(&st), RG_OK);
    for (i = 0; words[i]; i++) {
        int ids[3], want[3];
        ref_ids(lx, words[i], strlen(words[i]), want);
        rg_lexicon__token_ids(lx, st, words[i], strlen(words[i]), ids);
        assert_memory_equal(ids, want, sizeof ids);
    }
    rg_lexicon__stemmer_free(st);
    rg_lexicon_free(lx);
}

/*
 * rg_lexicon__token_ids_lead: the exact form always; the stems, or
 * RG_LX_LATER in both only when neither stem opens a cue; then
 * rg_lexicon__token_ids gives the reference, from the cache or not. The
 * number of words left for later.
 */
static size_t check_lead(const rg_lexicon *lx, size_t n_words)
{
    rg_lx_stemmer *st = NULL;
    size_t pass, i, later = 0;

    assert_int_equal(rg_lexicon__stemmer_new(&st), RG_OK);
    for (pass = 0; pass < 3; pass++) {
        rnd_state = 555u; /* the same words again: cached, marked or stemmed */
        for (i = 0; i < n_words; i++) {
            char raw[96], w[96];
            int got[3], want[3], k;
            size_t n = make_word(raw, sizeof raw, i), nf;
            rg_lexicon__lower(w, raw, n);
            ref_ids(lx, w, n, want);
            rg_lexicon__token_ids_lead(lx, st, w, n, got);
            assert_int_equal(got[0], want[0]);
            if (got[1] == RG_LX_LATER) {
                assert_int_equal(got[2], RG_LX_LATER);
                for (k = 1; k < 3; k++) {
                    rg_lexicon__first(lx, want[k], &nf);
                    if (nf != 0) {
                        fail_msg("\"%.*s\": stem %d opens a cue", (int)n, w, want[k]);
                    }
                }
                later++;
                if (pass == 2 || i % 2) {
                    continue; /* stemmed later, or never: both must hold */
                }
                rg_lexicon__token_ids(lx, st, w, n, got);
            }
            if (memcmp(got, want, sizeof got) != 0) {
                fail_msg("\"%.*s\": %d %d %d, expected %d %d %d", (int)n, w, got[0], got[1],
                         got[2], want[0], want[1], want[2]);
            }
        }
    }
    rg_lexicon__stemmer_free(st);
    return later;
}

static void test_token_ids_lead(void **state)
{
    static const char tsv[] = "d'accord|appeler au dialogue|rendre hommage\t+\t1.0\tx\t-\n"
                              "en colère|sa compassion|à l'encontre\t-\t-1.0\ty\t-\n";
    rg_lexicon *lx = NULL;

    (void)state;
    assert_int_equal(rg_lexicon_default(&lx), RG_OK);
    assert_true(check_lead(lx, 3 * N_STARTS * N_SUFFIXES) > 100);
    rg_lexicon_free(lx);
    assert_int_equal(rg_lexicon__from_buffer(&lx, tsv, sizeof tsv - 1, "t"), RG_OK);
    assert_true(check_lead(lx, 3 * N_STARTS * N_SUFFIXES) > 100);
    rg_lexicon_free(lx);
}

/*
 * The loader's memo of stems (lexicon_load.c): every cue word, stemmed or
 * exact, repeated in other lines and cases, and more distinct words than
 * the memo takes (it stops at 512), has the id of its own key.
 */
#define MEMO_WORDS 700

static void memo_word(char *out, int i)
{
    static const char *const ends[] = { "er", "ation", "ement", "eux", "ons", "ait", "é" };

    snprintf(out, 32, "%c%c%c%s", 'b' + i % 20, 'a' + (i / 20) % 5, 'c' + i / 100 % 20,
             ends[i % 7]);
}

/* the id a cue word a[] must have: its exact key's, or its stem's */
static int memo_want(const rg_lexicon *lx, const char *a, int exact)
{
    return exact ? rg_lexicon__find(lx, 'x', a, strlen(a)) : ref_stem_id(lx, a, strlen(a));
}

static void test_load_stem_memo(void **state)
{
    static char tsv[MEMO_WORDS * 96];
    char w[MEMO_WORDS][32];
    size_t len = 0, c;
    rg_lexicon *lx = NULL;
    int i;

    (void)state;
    for (i = 0; i < MEMO_WORDS; i++) {
        memo_word(w[i], i);
    }
    for (i = 0; i < MEMO_WORDS; i++) {
        int j = (i * 7) % MEMO_WORDS, k = (i * 13 + 5) % MEMO_WORDS;
        char up[32];
        memcpy(up, w[k], sizeof up);
        up[0] = (char)(up[0] - 32); /* a capital: the same stem, another entry */
        len += (size_t)snprintf(tsv + len, sizeof tsv - len, "%s %s|%s\t+\t1.0\tc\t%s\n",
                                w[i], w[j], up, i % 9 == 4 ? "exact" : "-");
    }
    assert_int_equal(rg_lexicon__from_buffer(&lx, tsv, len, "t"), RG_OK);
    assert_int_equal(lx->n_cues, 2 * MEMO_WORDS);
    for (c = 0; c < lx->n_cues; c++) {
        const rg_lx_cue *cue = &lx->cues[c];
        int n = (int)c / 2, want[2], m, exact = n % 9 == 4;
        const char *a = c % 2 ? w[(n * 13 + 5) % MEMO_WORDS] : w[n];
        want[0] = memo_want(lx, a, exact);
        want[1] = c % 2 == 0 ? memo_want(lx, w[(n * 7) % MEMO_WORDS], exact) : -1;
        assert_int_equal(cue->n_words, c % 2 ? 1 : 2);
        for (m = 0; m < cue->n_words; m++) {
            assert_true(want[m] >= 0);
            assert_int_equal(cue->words[m], want[m]);
        }
    }
    rg_lexicon_free(lx);
}

/*
 * Dense prefix sets (lexicon.c's Bloom filter of stem prefixes): 350
 * two-word cues of generated words set thousands of bits a length, where
 * most tests of a word's prefixes hit one of its two bits; and only the
 * first words of cues mark the `lead` set, whose test lx_stem_may skips
 * when the `any` one fails. Every lookup must still equal the reference,
 * also for the cue words themselves and their plurals.
 */
static void test_token_ids_dense_prefixes(void **state)
{
    static char tsv[MEMO_WORDS / 2 * 80];
    char w[MEMO_WORDS][32];
    size_t len = 0;
    rg_lexicon *lx = NULL;
    rg_lx_stemmer *st = NULL;
    int i, k;

    (void)state;
    for (i = 0; i < MEMO_WORDS; i++) {
        memo_word(w[i], i);
    }
    for (i = 0; i + 1 < MEMO_WORDS; i += 2) {
        len += (size_t)snprintf(tsv + len, sizeof tsv - len, "%s %s\t+\t1.0\tc\t-\n", w[i],
                                w[i + 1]);
    }
    assert_int_equal(rg_lexicon__from_buffer(&lx, tsv, len, "t"), RG_OK);
    assert_int_equal(rg_lexicon__stemmer_new(&st), RG_OK);
    for (i = 0; i < MEMO_WORDS; i++) {
        for (k = 0; k < 2; k++) {
            char v[40];
            int got[3], want[3];
            size_t n = (size_t)snprintf(v, sizeof v, "%s%s", w[i], k ? "s" : "");
            ref_ids(lx, v, n, want);
            rg_lexicon__token_ids(lx, st, v, n, got);
            assert_memory_equal(got, want, sizeof got);
            assert_true(k || want[1] >= 0); /* a cue word stems to its key */
        }
    }
    rg_lexicon__stemmer_free(st);
    check_lexicon(lx, 3 * N_STARTS * N_SUFFIXES, 1);
    check_lead(lx, 3 * N_STARTS * N_SUFFIXES);
    rg_lexicon_free(lx);
}

static int setup(void **state)
{
    (void)state;
    g_sb = sb_stemmer_new("french", "UTF_8");
    return g_sb ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sb_stemmer_delete(g_sb);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stem_is_prefix_and_tail),
        cmocka_unit_test(test_token_ids_default),
        cmocka_unit_test(test_token_ids_short_keys),
        cmocka_unit_test(test_token_ids_tails),
        cmocka_unit_test(test_stem_keeps_first_vowel),
        cmocka_unit_test(test_token_ids_bare_keys),
        cmocka_unit_test(test_token_ids_lead),
        cmocka_unit_test(test_load_stem_memo),
        cmocka_unit_test(test_token_ids_dense_prefixes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
