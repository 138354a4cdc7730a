/* SPDX-License-Identifier: MIT */
/*
 * The stance word scanner against a plain reference. rg_st__tokenize and
 * rg_st__prescan cut words 16 (SSE2) or 8 bytes at a time, the prescan its
 * words after the first two from 64-byte windows, and know the two-byte
 * Latin letters without decoding; here every sentence is also cut one code
 * point at a time (rg_text__utf8_decode + rg_lexicon__is_word_cp) and the
 * prescan's count and np_lead recomputed word by word with full lookups.
 * Sentences are built from fragments with accents, capitals, digits,
 * apostrophes, signs and invalid bytes, at every offset and with spans that
 * end inside a word, so that each case meets every alignment of the
 * 16-byte step (and of a window, in test_prescan_windows).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h> /* getenv, strtol */
#include <string.h>

#include <relgraph/actors.h>
#include <relgraph/alloc.h> /* rg_free */
#include <relgraph/errors.h>
#include <relgraph/stance.h>
#include "lexicon.h"
#include "stance_internal.h"
#include "text_internal.h"

#define DEFAULTS_FIXTURE_CTX /* the shared fixture and a stance context for the tokenizer */
#include "defaults_fixture.h" /* g_actors, g_lexicon, g_ctx, setup_ctx, teardown_ctx */

/* ---- reference: one code point at a time ---- */

/* the next word of text[*i..end) as [*s, *e); 0 when none is left */
static int ref_next_word(const char *text, size_t *i, size_t end, size_t *s, size_t *e)
{
    while (*i < end) {
        int32_t cp;
        size_t k = rg_text__utf8_decode(text + *i, end - *i, &cp);
        if (k == (size_t)-1) {
            k = 1;
            cp = 0xFFFD;
        }
        if (rg_lexicon__is_word_cp(cp)) {
            *s = *i;
            while (*i < end) {
                k = rg_text__utf8_decode(text + *i, end - *i, &cp);
                if (k == (size_t)-1 || !rg_lexicon__is_word_cp(cp)) {
                    break;
                }
                *i += k;
            }
            *e = *i;
            return 1;
        }
        *i += k;
    }
    return 0;
}

static int ref_upper(const char *t, size_t s, size_t n)
{
    return (t[s] >= 'A' && t[s] <= 'Z') ||
           ((unsigned char)t[s] == 0xC3 && n > 1 && (unsigned char)t[s + 1] < 0xA0);
}

static int ref_is(const char *buf, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(buf, w, n) == 0;
}

/* After a word "l": "'" or "’" then an avoir auxiliary, ASCII letters in
 * any case (the tokenizer lowers them; the pronoun rules' list, written out
 * again here), or no apostrophe at all ("l a", "l-a": the pronoun rules
 * read the next token whatever lies between) */
static int ref_aux(const char *t, size_t i, size_t end)
{
    static const char *const aux[] = { "a",    "ont",    "avait",  "avaient",
                                       "aura", "auront", "aurait", "auraient" };
    char low[64];
    size_t k, n = 0;

    if (i < end && t[i] == '\'') {
        i++;
    } else if (i + 2 < end && memcmp(t + i, "\xe2\x80\x99", 3) == 0) {
        i += 3;
    } else {
        return 1;
    }
    while (i + n < end && n < sizeof low &&
           ((t[i + n] >= 'a' && t[i + n] <= 'z') || (t[i + n] >= 'A' && t[i + n] <= 'Z'))) {
        low[n] = (char)(t[i + n] | 0x20);
        n++;
    }
    for (k = 0; k < sizeof aux / sizeof *aux; k++) {
        if (ref_is(low, n, aux[k])) {
            return 1;
        }
    }
    return 0;
}

static size_t ref_pronoun(const char *buf, size_t n, const char *t, size_t e, size_t end, int pron)
{
    if ((pron & 1) && (ref_is(buf, n, "il") || ref_is(buf, n, "elle") || ref_is(buf, n, "lui") ||
                       (ref_is(buf, n, "l") && ref_aux(t, e, end)))) {
        return 1;
    }
    if ((pron & 2) && (ref_is(buf, n, "ils") || ref_is(buf, n, "elles"))) {
        return 2;
    }
    return 0;
}

/* 1 when the word after text[..e) in text[e..end), lower-cased, is one of
 * rg_st__deux_nouns: "deux" then gives the two items of "les deux
 * présidents" (whatever lies between the words: the prescan's bound) */
static int ref_deux_noun(const char *t, size_t e, size_t end)
{
    char low[RG_LX_MAXTOK];
    size_t i = e, s, we, k;

    if (!ref_next_word(t, &i, end, &s, &we) || we - s > sizeof low) {
        return 0;
    }
    rg_lexicon__lower(low, t + s, we - s);
    for (k = 0; rg_st__deux_nouns[k]; k++) {
        if (ref_is(low, we - s, rg_st__deux_nouns[k])) {
            return 1;
        }
    }
    return 0;
}

/* the prescan as it was specified, every word lower-cased and looked up */
static size_t ref_prescan(const char *t, rg_span sp, int pron, int *np_lead)
{
    char buf[RG_LX_MAXTOK];
    size_t i = sp.start, s, e, n = 0, nw = 0, d;
    int up0 = 0;

    *np_lead = 0;
    while (n < 2 && ref_next_word(t, &i, sp.end, &s, &e)) {
        size_t len = e - s, m = len < sizeof buf ? len : sizeof buf;
        rg_lexicon__lower(buf, t + s, m);
        if (nw == 0) {
            for (d = 0; rg_st__dets[d]; d++) {
                if (ref_is(buf, len, rg_st__dets[d])) {
                    *np_lead = 1;
                }
            }
            up0 = ref_upper(t, s, len);
        } else if (nw == 1 && up0 && t[s - 1] == ' ' && ref_upper(t, s, len)) {
            *np_lead = 1;
        }
        nw++;
        if (len <= RG_LX_MAXTOK) {
            size_t np = pron && len <= 5 ? ref_pronoun(buf, len, t, e, sp.end, pron) : 0;
            int w = rg_lexicon__token_exact(g_lexicon, buf, len);
            if (np) {
                n += np;
            } else if (w >= 0 && g_lexicon->adj_state[w]) {
                n++;
                *np_lead = 0;
            } else if (ref_is(buf, len, "deux") && ref_deux_noun(t, e, sp.end)) {
                n += 2;
            }
        }
    }
    return n;
}

/* ---- the comparisons ---- */

static void check_tokens(const char *t, rg_span sp)
{
    size_t i = sp.start, s, e, k, np = 0, na = 0;
    char buf[256];

    assert_int_equal(rg_st__tokenize(g_ctx, g_lexicon, t, sp), RG_OK);
    for (k = 0; k < g_ctx->tok.n; k++) {
        const st_tok *tk = &g_ctx->tok.v[k];
        if (tk->kind != TK_WORD) {
            continue;
        }
        assert_true(ref_next_word(t, &i, sp.end, &s, &e));
        assert_int_equal(tk->start, s);
        assert_int_equal(tk->end, e);
        assert_int_equal(tk->klen, (int)(e - s));
        assert_true(e - s <= sizeof buf);
        rg_lexicon__lower(buf, t + s, e - s);
        assert_memory_equal(g_ctx->kbuf.v + tk->koff, buf, e - s);
        {
            /* after tokenizing, ids[0] is set for state adjectives alone */
            int w = rg_lexicon__token_exact(g_lexicon, buf, e - s);
            assert_int_equal(tk->ids[0], w >= 0 && g_lexicon->adj_state[w] ? w : -1);
        }
        assert_int_equal(tk->upper, ref_upper(t, s, e - s));
        if ((e - s == 1 && buf[0] == 'l') || (e - s == 2 && memcmp(buf, "il", 2) == 0) ||
            (e - s == 3 && (memcmp(buf, "ils", 3) == 0 || memcmp(buf, "lui", 3) == 0)) ||
            (e - s == 4 && memcmp(buf, "elle", 4) == 0) ||
            (e - s == 5 && memcmp(buf, "elles", 5) == 0)) {
            /* the words the pronoun rules look at, in order */
            assert_true(np < g_ctx->pron.n);
            assert_int_equal(g_ctx->pron.v[np], (int)k);
            np++;
        }
        if (tk->ids[0] >= 0 || (e - s == 4 && memcmp(buf, "deux", 4) == 0)) {
            /* the words the adjective items look at, in order */
            assert_true(na < g_ctx->adjs.n);
            assert_int_equal(g_ctx->adjs.v[na], (int)k);
            na++;
        }
    }
    assert_int_equal(g_ctx->pron.n, np);
    assert_int_equal(g_ctx->adjs.n, na);
    assert_false(ref_next_word(t, &i, sp.end, &s, &e));
}

static void check_prescan(const char *t, rg_span sp)
{
    int pron;

    for (pron = 0; pron < 4; pron++) {
        int np = -1, rnp = -1;
        size_t n = rg_st__prescan(g_lexicon, t, sp, pron, &np);
        size_t rn = ref_prescan(t, sp, pron, &rnp);
        if (n != rn || np != rnp) {
            fprintf(stderr, "prescan(%d) of \"%.*s\": %zu/%d, expected %zu/%d\n", pron,
                    (int)(sp.end - sp.start), t + sp.start, n, np, rn, rnp);
        }
        assert_int_equal(n, rn);
        assert_int_equal(np, rnp);
        /* without np_lead every word is read from the 64-byte windows,
         * the first two included */
        assert_int_equal(rg_st__prescan(g_lexicon, t, sp, pron, NULL), rn);
    }
}

/* every start offset (alignment) below `pads` and every end, the text
 * going on past it */
static void check_spans(const char *text, size_t pads)
{
    char buf[1024];
    size_t len = strlen(text), pad, cut;

    assert_true(len + pads < sizeof buf);
    for (pad = 0; pad < pads; pad++) {
        memset(buf, ' ', pad);
        memcpy(buf + pad, text, len + 1);
        for (cut = pad; cut <= pad + len; cut++) {
            rg_span sp = { pad, cut };
            check_tokens(buf, sp);
            check_prescan(buf, sp);
        }
    }
}

/* the word scanner reads 16 or 8 bytes at a time */
static void check_all_spans(const char *text)
{
    check_spans(text, 17);
}

static void test_fixed_cases(void **state)
{
    static const char *const cases[] = {
        "Les autorités russes et américaines",
        "LES AUTORITÉS RUSSES ET AMÉRICAINES",
        "les deux présidents",
        "Les DEUX", "Deux", "deux2 deuxx xdeux deu",
        /* "deux" counts before "présidents", "hommes"... only */
        "deux ans", "deux, présidents", "Les deux-hommes", "deux « chefs »", "deux 12 chefs",
        "DEUX DIRIGEANTES", "deux dirigeantesx", "deux\xc2\xa0leaders", "Deux PRÉSIDENTS",
        "deux présidentsprésidents", "deux\x80hommes", "deux\xe2\x80\x99hommes",
        "deux\xc3" "chefs", "deux \xc3\x97 chefs", "deux deux chefs",
        "Il a dit qu'elle viendrait et lui aussi",
        "ils et elles", "Ils l'ont vu, l'aurait-il dit, l’avait, l'a",
        "Gérard Depardieu a dit", "Émile Zola", "Le ministre a ajouté",
        "israéliens israélo-palestinien syro-iranien", "Français françaises FRANÇAIS",
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "anticonstitutionnellement intergouvernementalesé ÉtatsUnisAméricainsXYZ123",
        "abcdefghijklmnoé abcdefghijklmnop\xc3\x97q abcdefgé\xe2\x80\x99hijklmnopqrs",
        "mot12 34mot 5×6 7÷8 œuvre Œuvre ŒUVRE été ÉTÉ à À ç Ç ğ ż",
        "a\xc2\xa0" "b «c» \xe2\x80\x99" "d \xe2\x80\x9c" "e\xe2\x80\x9d f\xe2\x80\xa6",
        "inval\x80id \xc3 x\xc3" "A\xff" "b \xe2\x80 z \xc3\x28 \xc4\x80 \xc9\x8f \xc9\x90",
        "@[`{/:0 9 Z a z \x7f\x01",
        "",
    };
    size_t k;

    (void)state;
    for (k = 0; k < sizeof cases / sizeof *cases; k++) {
        check_all_spans(cases[k]);
    }
    /* the prescan looks up determiners among ASCII words of at most 5 bytes */
    for (k = 0; rg_st__dets[k]; k++) {
        const char *d = rg_st__dets[k];
        assert_true(strlen(d) <= 5);
        for (; *d; d++) {
            assert_true((unsigned char)*d < 0x80);
        }
    }
    /* st_prescan_deux reads the word after "deux" into 16 bytes: a longer
     * word is taken for none of the nouns */
    for (k = 0; rg_st__deux_nouns[k]; k++) {
        assert_true(strlen(rg_st__deux_nouns[k]) <= 16);
    }
    {
        /* every ASCII byte but NUL between letters, and at the end */
        char all[300];
        size_t n = 0;
        int b;
        for (b = 1; b < 0x80; b++) {
            all[n++] = (char)b;
            all[n++] = b % 2 ? 'e' : 'I';
        }
        all[n] = '\0';
        check_all_spans(all);
    }
}

/* random sentences from fragments (a fixed seed: the run is the same each time) */
static void test_random_sentences(void **state)
{
    static const char *const frag[] = {
        "Les", "les", "deux", "DEUX", "Deux", "russes", "RUSSES", "Russes", "russo",
        "autorités", "américaines", "Américains", "israélien", "Israéliens", "israélo",
        "il", "Il", "elle", "Elles", "ils", "lui", "l'a", "L'a", "l\xe2\x80\x99ont", "l'aurait",
        "franco", "Français", "françaises", "sino", "SINO", "ukrainiennes", "turc", "Turque",
        "\xc3\x97", "\xc3\xb7", "é", "É", "Œuvre", "12", "2x", "x2", "abc123def",
        "\xc2\xab", "\xc2\xbb", "\xc2\xa0", "\xe2\x80\x99", "\x80", "\xc3", "\xff",
        "-", "Gérard", "Depardieu", "Le", "Ce", "état", "syrien", "britannique", "a", "et",
        "présidents", "hommes", "CHEFS", "Dirigeants",
    };
    static const char *const sep[] = { " ", "", ", ", "'", "\n", "  ", "-", ". " };
    uint32_t seed = 12345;
    int round;

    (void)state;
    for (round = 0; round < 1500; round++) {
        char text[100];
        size_t len = 0;
        int w, nw;
        seed = seed * 1103515245u + 12345u;
        nw = 1 + (int)(seed >> 16) % 8;
        for (w = 0; w < nw; w++) {
            const char *f, *p;
            seed = seed * 1103515245u + 12345u;
            f = frag[(seed >> 16) % (sizeof frag / sizeof *frag)];
            p = sep[(seed >> 8) % (sizeof sep / sizeof *sep)];
            if (len + strlen(f) + strlen(p) + 1 >= sizeof text - 20) {
                break;
            }
            memcpy(text + len, f, strlen(f));
            len += strlen(f);
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        text[len] = '\0';
        check_all_spans(text);
    }
}

/* words with Latin-1 capitals and Œ, lower-cased 16 bytes at a time when
 * they fit (rg_st__tokenize): every capital, the signs and letters beside
 * them (× ÷ ß Ÿ Ā), pairs at the last byte of a word and of a 16-byte
 * block, words of 15 to 17 bytes, each after 0 to 16 bytes */
static void test_latin_lowering(void **state)
{
    static const char *const words[] = {
        "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ", "ÐÑÒÓÔÕÖØÙÚÛÜÝÞß", "àáâãäåæçèéêëìíîï", "aÀ", "Œ", "ŒŒŒ", "œŒ",
        "Ÿ", "ĀĂ", "ÉTATS", "ÀÉ12Z", "ÞßÞ", "Ç", "xÇx", "ÉÉÉÉÉÉÉÉ", "ÉÉÉÉÉÉÉÉE", "AÉÉÉÉÉÉÉ",
        "abcdefghijklmnÉ", "abcdefghijklmnoÉ", "abcdefghijklmnÉx", "ŒuvreS", "É",
    };
    size_t k, pad;

    (void)state;
    for (k = 0; k < sizeof words / sizeof *words; k++) {
        for (pad = 0; pad <= 16; pad++) {
            char text[160];
            size_t n = 0;
            memset(text, 'q', pad);
            n = pad;
            if (pad) {
                text[n - 1] = ' ';
            }
            n += (size_t)snprintf(text + n, sizeof text - n, "%s %s, %sX", words[k],
                                  words[(k + 1) % (sizeof words / sizeof *words)], words[k]);
            assert_true(n < sizeof text);
            check_all_spans(text);
        }
    }
}

/* the adjective filters with a lexicon of unusual adjectives: a non-ASCII
 * first letter (written in either case), two letters, 63 and 64 bytes
 * (lengths of 63 bytes and more share one filter bit) */
static void test_adjective_filters(void **state)
{
#define L62 "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz"
    static const char lexicon[] =
        "condamner\t-\t-2.0\tcondemn\t-\n"
        "@adj\t\xc3\xa9mirien|\xc5\x93strien|ab|" L62 "z|" L62 "zz\tFRA\n";
    static const char *const cases[] = {
        "\xc3\xa9mirien \xc3\x89mirien \xc3\x89MIRIEN \xc3\xa9miriens",
        "\xc5\x92strien \xc5\x93strien \xc5\x92STRIEN",
        "ab AB Ab aB abc a b",
        L62 "z " L62 "zz",
        L62 "Z " L62 "zzz " L62,
    };
    rg_lexicon *dflt = g_lexicon, *lx = NULL;
    size_t k;

    (void)state;
    assert_int_equal(rg_lexicon__from_buffer(&lx, lexicon, sizeof lexicon - 1, "test"), RG_OK);
    g_lexicon = lx;
    for (k = 0; k < sizeof cases / sizeof *cases; k++) {
        char text[400];
        /* twice, so that the second word of a pair can find the first */
        snprintf(text, sizeof text, "%s %s", cases[k], cases[k]);
        check_all_spans(text);
    }
    {
        /* the filters let each form through: two adjectives, two items */
        static const char *const pairs[] = {
            "\xc3\x89MIRIEN et AB", "\xc5\x92strien, ab", L62 "z " L62 "ZZ",
        };
        for (k = 0; k < sizeof pairs / sizeof *pairs; k++) {
            rg_span sp = { 0, strlen(pairs[k]) };
            int np;
            assert_int_equal(rg_st__prescan(lx, pairs[k], sp, 0, &np), 2);
            assert_int_equal(rg_st__prescan(lx, pairs[k], sp, 0, NULL), 2);
        }
    }
    g_lexicon = dflt;
    rg_lexicon_free(lx);
#undef L62
}

/*
 * The window path takes words of 2 to 30 bytes by their pair and a length
 * bit of their own, other lengths by the lexicon's pair index: with
 * adjectives of 1, 30, 31 and 32 bytes (31 and more share a bit), each
 * form and its neighbours by one byte at every alignment of a window; and
 * with a shortest adjective of 3 bytes (runs of 3 bytes are candidates).
 */
static void test_prescan_lengths(void **state)
{
#define A29 "abcdefghijklmnopqrstuvwxyzabc"
    static const char *const lexicons[] = {
        "condamner\t-\t-2.0\tcondemn\t-\n"
        "@adj\tq|" A29 "d|" A29 "de|" A29 "def\tFRA\n",
        "condamner\t-\t-2.0\tcondemn\t-\n"
        "@adj\txyz|" A29 "d\tFRA\n",
    };
    static const size_t min_lens[] = { 1, 3 };
    static const char *const cases[] = {
        "Un mot q " A29 "d x Q",
        "Un mot " A29 " " A29 "D " A29 "dE",
        "Un mot " A29 "de x " A29 "DEF",
        "Un mot " A29 "defg " A29 "dx q",
        "Un mot qq " A29 "d",
        "Un mot xy xyz XYZ xyzz q xyz",
    };
    rg_lexicon *dflt = g_lexicon;
    size_t k, l;

    (void)state;
    for (l = 0; l < sizeof lexicons / sizeof *lexicons; l++) {
        rg_lexicon *lx = NULL;
        assert_int_equal(rg_lexicon__from_buffer(&lx, lexicons[l], strlen(lexicons[l]), "test"),
                         RG_OK);
        assert_int_equal(lx->adj_min_len, min_lens[l]);
        g_lexicon = lx;
        for (k = 0; k < sizeof cases / sizeof *cases; k++) {
            check_spans(cases[k], 65);
        }
        g_lexicon = dflt;
        rg_lexicon_free(lx);
    }
#undef A29
}

/* random bytes (no NUL), biased towards letters, UTF-8 lead and
 * continuation bytes, so that broken and valid sequences meet word edges */
static void test_random_bytes(void **state)
{
    static const unsigned char pool[] = "aZ9 '-.,\xc3\xc5\xc9\xe2\x80\x97\xa9\xbf\xff\x01";
    /* RG_TEST_TOKENS_ROUNDS=N runs N strings instead (a longer, fuzz-like run) */
    const char *env = getenv("RG_TEST_TOKENS_ROUNDS");
    long rounds = env ? strtol(env, NULL, 10) : 400;
    uint32_t seed = 777;
    long round;

    (void)state;
    for (round = 0; round < rounds; round++) {
        char text[80];
        size_t len, j;
        seed = seed * 1103515245u + 12345u;
        len = (seed >> 16) % 70;
        for (j = 0; j < len; j++) {
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 30) == 0) {
                text[j] = (char)(1 + (seed >> 8) % 255); /* any byte */
            } else {
                text[j] = (char)pool[(seed >> 8) % (sizeof pool - 1)];
            }
        }
        text[len] = '\0';
        check_all_spans(text);
    }
}

/*
 * The keys are the sentence lowered in 16-byte steps (st_lower_sentence),
 * the last step over the one before, and the words are cut from them 16
 * bytes at a time with the two-byte letters of a block found at once
 * (st_tok_word_end): sentences of 15 to 100 bytes whose two-byte letters
 * (capitals, Œ, ș; × ÷ and ß, which stay), other letters (д), signs (’,
 * NBSP), lone leads and second bytes fall on every side of a block's edge,
 * each word's bounds and key against the reference (check_tokens).
 */
static void test_keys_in_place(void **state)
{
    static const char *const frag[] = {
        "\xc3\x80", "\xc3\x9e", "\xc3\x97", "\xc3\x9f", "\xc3\x89", "\xc3\xa9", "\xc5\x92",
        "\xc5\x93", "\xc3", "\xc5", "\x92", "\x9e", "A", "Z", "q", "7", " ", "-", "'",
        "\xc3\xb7", "\xc3\xa9", "\xc8\x99", "\xd0\xb4", "\xe2\x80\x99", "\xc2\xa0",
    };
    uint32_t seed = 4242;
    size_t round;

    (void)state;
    for (round = 0; round < 120; round++) {
        char text[120];
        size_t len = 0, want;
        seed = seed * 1103515245u + 12345u;
        want = 15 + (seed >> 16) % 86;
        while (len < want) {
            const char *f;
            seed = seed * 1103515245u + 12345u;
            f = frag[(seed >> 16) % (sizeof frag / sizeof *frag)];
            memcpy(text + len, f, strlen(f));
            len += strlen(f);
        }
        text[len] = '\0';
        check_spans(text, 3);
    }
}

/*
 * Sentences longer than the prescan's 64-byte windows, at every alignment
 * of a window: runs that end at a window's last byte or go on across one
 * or two windows, runs of 64 bytes and more, bytes >= 0x80 at a window's
 * edge, words too short to count next to pronouns and adjectives.
 */
static void test_prescan_windows(void **state)
{
    static const char *const cases[] = {
        "Le texte dit que les autorités du pays ont parlé hier soir avec des "
        "diplomates russes et avec la presse, puis il est parti.",
        "Selon la presse, il a parlé longuement au téléphone avec des élus "
        "locaux; elle aussi, dit-on. Les deux présidents se sont vus.",
        "Un mot abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz "
        "puis russes puis un autre mot: américaines.",
        "Un mot abcdéfghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz "
        "puis russes puis l\xe2\x80\x99" "a vu, lui.",
        "x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x "
        "Russes x Américains x il x ils x elle x elles x lui x l'a x deux x",
        "éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé éé "
        "\xc2\xab" "russes\xc2\xbb \xc3\x97syriens \xe2\x80\x9c" "chinois\xe2\x80\x9d",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9 "
        "il l lu lui ILS L'A de deu deux DEUXX syro sino turc turcs",
        "ab\x80" "cd ef\xc3gh ij\xff kl \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 "
        "mn\xc9\x90op qr\xe2\x80\xa6st russes\xc3 \xc3\xa9russes britanniques",
    };
    size_t k;

    (void)state;
    for (k = 0; k < sizeof cases / sizeof *cases; k++) {
        check_spans(cases[k], 65); /* every alignment of a 64-byte window */
    }
    {
        /* a run of every length from 60 to 200 bytes (ASCII, then with an
         * accent at its end), then adjectives, so that runs end at every
         * byte of a window and of the next */
        char text[400];
        size_t n;
        int accent;
        for (accent = 0; accent < 2; accent++) {
            for (n = 60; n <= 200; n += 7) {
                memset(text, 'a', n);
                if (accent) {
                    memcpy(text + n - 2, "\xc3\xa9", 2);
                }
                snprintf(text + n, sizeof text - n, " russes il deux");
                check_spans(text, 65);
            }
        }
    }
    {
        /* after the first two words (cut one by one), a word that counts
         * at every offset of the windows that follow, after spaces or
         * one-letter words */
        static const char *const targets[] = {
            "russes", "AM\xc3\x89RICAINS", "\xc2\xab" "russes\xc2\xbb", "il", "l'a", "lui",
            "Deux", "ils", "elles", "bbbbbbbbbbbbbbbbbbbb\xc2\xab" "russes",
            "bbbbbbbbbbbbbbbbbbb\xc3\xa9\xc3\x97russes",
            "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
            "\xe2\x80\x99" "russes",
            "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccrusses",
            "a\x80l'a", "ab\x80l'a", "\x80il", "\xc2\xabil",
            /* short runs where a pronoun follows bytes >= 0x80, or not */
            "\x80l'a", "\x80\x80l'a", "\x80\x80il", "\xc2\xa0l'a", "\x80IL", "\x80L'ont",
            "\xc3l'a", "\xc3\xa0l'a", "\xc3\xa0il", "\x80\x80", "\xc3\xa0",
        };
        char text[400];
        size_t off, t;
        for (t = 0; t < sizeof targets / sizeof *targets; t++) {
            for (off = 0; off < 140; off++) {
                size_t j;
                memcpy(text, "Un mot ", 7);
                for (j = 0; j < off; j++) {
                    text[7 + j] = (off % 3 == 1 && j % 2 == 0) ? 'x' : ' ';
                }
                snprintf(text + 7 + off, sizeof text - 7 - off, " %s russe", targets[t]);
                check_spans(text, 2);
            }
        }
    }
}

/*
 * The words the pronoun rules take (stance_pronouns.c: il, elle, ils and
 * elles in st_subject_pronoun, lui and l' before an avoir auxiliary in
 * st_object_clitic) and "deux", two items before "hommes" and none alone
 * (st_deux_item in stance_items.c), against the prescan's
 * length tables (the lexicon's pre_pair_lens, from lx_pre_words) and the
 * tokenizer's pronoun list (c->pron): each word, as written, capitalised
 * and in capitals, first in the sentence and after the first two words at
 * every offset of a 64-byte window, counts as many items as the rules can
 * make of it, and only when the subject memory it needs is there.
 */
static void test_pronoun_words(void **state)
{
    static const struct {
        const char *w;
        size_t items; /* the prescan's count */
        int pron;     /* rg_st__prescan's pron bit it needs, 0: none */
    } words[] = {
        { "il", 1, 1 },       { "elle", 1, 1 },    { "lui", 1, 1 },      { "l'a", 1, 1 },
        { "l'ont", 1, 1 },    { "l'avait", 1, 1 }, { "l'avaient", 1, 1 }, { "l'aurait", 1, 1 },
        { "l'aura", 1, 1 },   { "l'auront", 1, 1 }, { "l'auraient", 1, 1 }, { "l'AURA", 1, 1 },
        { "l\xe2\x80\x99" "a", 1, 1 },              { "ils", 2, 2 },      { "elles", 2, 2 },
        { "deux", 0, 0 },     { "deux hommes", 2, 0 }, { "deux chefs", 2, 0 },
        { "deux leaders", 2, 0 },
    };
    size_t k, off;
    int form, pron;

    (void)state;
    for (k = 0; k < sizeof words / sizeof *words; k++) {
        for (form = 0; form < 3; form++) {
            char w[16], text[128];
            size_t j, n = strlen(words[k].w);
            memcpy(w, words[k].w, n + 1);
            if (form == 1) {
                w[0] = (char)(w[0] - 32); /* Il, L'a */
            } else if (form == 2) {
                if (strchr(w, '\'') || w[1] == '\xe2') {
                    continue; /* the auxiliary after l' is read in lower case */
                }
                for (j = 0; j < n; j++) {
                    if (w[j] >= 'a' && w[j] <= 'z') {
                        w[j] = (char)(w[j] - 32); /* not the space of "deux hommes" */
                    }
                }
            }
            for (off = 0; off < 72; off++) {
                /* off 0: the word first; else after "Un mot" and spaces */
                size_t at = off ? 7 + off : 0;
                rg_span sp;
                if (off) {
                    memcpy(text, "Un mot ", 7);
                    memset(text + 7, ' ', off);
                }
                snprintf(text + at, sizeof text - at, "%s x", w);
                sp.start = 0;
                sp.end = strlen(text);
                for (pron = 0; pron < 4; pron++) {
                    int np;
                    size_t want = !words[k].pron || (pron & words[k].pron) ? words[k].items : 0;
                    if (rg_st__prescan(g_lexicon, text, sp, pron, &np) != want ||
                        rg_st__prescan(g_lexicon, text, sp, pron, NULL) != want) {
                        fprintf(stderr, "prescan(%d) of \"%s\": expected %zu\n", pron, text, want);
                        fail();
                    }
                }
                if (words[k].pron) {
                    /* the pronoun's token (l' is "l") is in the list */
                    int found = 0;
                    assert_int_equal(rg_st__tokenize(g_ctx, g_lexicon, text, sp), RG_OK);
                    for (j = 0; j < g_ctx->pron.n; j++) {
                        found |= g_ctx->tok.v[g_ctx->pron.v[j]].start == at;
                    }
                    assert_true(found);
                }
            }
        }
    }
}

/*
 * The prescan spells the determiners out as packed keys (st_is_det): as
 * the first word, every word of up to five letters drawn from the letters
 * of rg_st__dets and every word of up to three letters a-z, lower-case,
 * capitalised and in capitals, sets np_lead as the list says.
 */
static void check_first_word(const char *w, size_t n)
{
    char text[16];
    rg_span sp = { 0, n + 2 };
    size_t j;
    int form;

    for (form = 0; form < 3; form++) {
        for (j = 0; j < n; j++) {
            int up = form == 2 || (form == 1 && j == 0);
            text[j] = up ? (char)(w[j] - 32) : w[j];
        }
        memcpy(text + n, " x", 3);
        check_prescan(text, sp);
    }
}

static void enumerate_words(const char *alpha, size_t maxlen)
{
    size_t na = strlen(alpha), n, j, total;
    char w[8];

    for (n = 1; n <= maxlen; n++) {
        for (total = 1, j = 0; j < n; j++) {
            total *= na;
        }
        for (; total > 0; total--) {
            size_t v = total - 1;
            for (j = 0; j < n; j++, v /= na) {
                w[j] = alpha[v % na];
            }
            check_first_word(w, n);
        }
    }
}

static void test_prescan_determiners(void **state)
{
    char alpha[27];
    size_t k, na = 0;
    const char *d;

    (void)state;
    for (k = 0; rg_st__dets[k]; k++) {
        for (d = rg_st__dets[k]; *d; d++) {
            assert_true(*d >= 'a' && *d <= 'z');
            if (!memchr(alpha, *d, na)) {
                alpha[na++] = *d;
            }
        }
    }
    alpha[na] = '\0';
    enumerate_words(alpha, 5);
    enumerate_words("abcdefghijklmnopqrstuvwxyz", 3);
}

/*
 * Random sentences of 60 to 250 bytes (words that count, words that do
 * not, accents, signs, broken and valid UTF-8, any byte), each at every
 * alignment of a 64-byte window and cut at its end, inside its last word
 * and at two random points: prescan against the reference.
 */
static void test_prescan_random_windows(void **state)
{
    static const char *const frag[] = {
        "russes", "Russes", "AM\xc3\x89RICAINES", "deux", "DEUX", "il", "Ils", "elle", "elles",
        "lui", "l'a", "l\xe2\x80\x99ont", "Les", "le", "un", "Gérard", "Depardieu", "état",
        "présidents", "israéliens", "syro", "anticonstitutionnellement", "x", "de", "à",
        "\xc2\xab", "\xc2\xbb", "\xc3\x97", "\xe2\x80\x99", "\x80", "\xc3", "\xff", "12",
        "hommes", "CHEFS", "Dirigeantes", "deux",
    };
    static const char *const sep[] = { " ", "", ", ", "'", "  ", "-", ". ", "\xc2\xa0" };
    const char *env = getenv("RG_TEST_TOKENS_ROUNDS");
    long rounds = env ? strtol(env, NULL, 10) / 4 : 120, round;
    uint32_t seed = 4242;

    (void)state;
    for (round = 0; round < rounds; round++) {
        char text[400];
        size_t len = 0, want, pad;
        seed = seed * 1103515245u + 12345u;
        want = 60 + (seed >> 16) % 190;
        while (len < want) {
            const char *f, *p;
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 28) == 0) {
                text[len++] = (char)(1 + (seed >> 8) % 255); /* any byte */
                continue;
            }
            f = frag[(seed >> 16) % (sizeof frag / sizeof *frag)];
            p = sep[(seed >> 8) % (sizeof sep / sizeof *sep)];
            if (len + strlen(f) + strlen(p) >= 300) {
                break;
            }
            memcpy(text + len, f, strlen(f));
            len += strlen(f);
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        for (pad = 0; pad < 65; pad++) {
            char buf[400];
            size_t cuts[4], c;
            memset(buf, ' ', pad);
            memcpy(buf + pad, text, len);
            buf[pad + len] = '\0';
            seed = seed * 1103515245u + 12345u;
            cuts[0] = len;
            cuts[1] = len > 2 ? len - 2 : len;
            cuts[2] = (seed >> 8) % (len + 1);
            cuts[3] = (seed >> 20) % (len + 1);
            for (c = 0; c < 4; c++) {
                rg_span sp = { pad, pad + cuts[c] };
                check_prescan(buf, sp);
            }
        }
    }
}

/* "x>y-" of the one relation of rels[0..n) (actor ids), "" when n != 1 */
static void rel_string(const rg_actors *a, const rg_relation *rels, size_t n, char *out,
                       size_t cap)
{
    out[0] = '\0';
    if (n == 1) {
        snprintf(out, cap, "%s>%s%c", rg_actors_id(a, (size_t)rels[0].source),
                 rg_actors_id(a, (size_t)rels[0].target), rels[0].sign > 0 ? '+' : '-');
    }
}

/*
 * The context keeps the actor of each state adjective's state
 * (st_adj_state) when it is reused for the next document: with another
 * dictionary, where the states have other indices or are missing, the
 * adjectives are looked up again.
 */
static void test_adjective_states_reuse(void **state)
{
    static const char other_json[] =
        "{\"schema\": 1, \"actors\": ["
        "{\"id\": \"x\", \"label\": \"X\", \"type\": \"person\", \"aliases\": [\"Xavier X\"]},"
        "{\"id\": \"USA\", \"label\": \"US\", \"type\": \"state\", \"aliases\": [\"USA\"]},"
        "{\"id\": \"RUS\", \"label\": \"Russie\", \"type\": \"state\", \"aliases\": [\"Russie\"]}"
        "]}";
    static const char only_rus_json[] =
        "{\"schema\": 1, \"actors\": ["
        "{\"id\": \"RUS\", \"label\": \"Russie\", \"type\": \"state\", \"aliases\": [\"Russie\"]}"
        "]}";
    const char *text = "Les autorités russes condamnent les autorités américaines.";
    rg_span sp = { 0, strlen(text) };
    rg_actors *dicts[4] = { NULL, NULL, NULL, NULL };
    const char *want[4] = { "RUS>USA-", "RUS>USA-", "", "RUS>USA-" };
    int k;

    (void)state;
    assert_int_equal(rg_actors_from_buffer(&dicts[1], other_json, sizeof other_json - 1, "t"),
                     RG_OK);
    assert_int_equal(
        rg_actors_from_buffer(&dicts[2], only_rus_json, sizeof only_rus_json - 1, "t"), RG_OK);
    dicts[0] = dicts[3] = g_actors;
    rg_stance__reuse_begin();
    for (k = 0; k < 4; k++) {
        rg_stance_ctx *ctx = NULL;
        rg_relation *rels = NULL;
        size_t n = 0, cap = 0;
        char got[64];
        assert_int_equal(rg_stance_ctx_new(&ctx, dicts[k], NULL, NULL), RG_OK);
        assert_int_equal(rg_stance_sentence(&rels, &n, &cap, g_lexicon, ctx, text, sp, 0, NULL, 0),
                         RG_OK);
        rel_string(dicts[k], rels, n, got, sizeof got);
        assert_string_equal(got, want[k]);
        rg_free(rels);
        rg_stance_ctx_free(ctx); /* kept for the next one */
    }
    rg_stance__reuse_end();
    rg_actors_free(dicts[1]);
    rg_actors_free(dicts[2]);
}

/*
 * The lexicon's buckets of first-two-byte pairs (pre_first, pre_second,
 * at most 8; the AVX2 prescan drops a word when no bucket holds its pair)
 * let every pair of pre_pair_lens through, with the built-in lexicon and
 * with adjectives of 20 first bytes (rows merged into shared buckets);
 * with the latter, the prescan against the reference on each adjective,
 * its neighbours by one byte and words sharing a bucket with it.
 */
static void check_buckets(const rg_lexicon *lx)
{
    size_t v, a, b;

    for (v = 0; v < 2; v++) {
        for (a = 0; a < 32; a++) {
            for (b = 0; b < 32; b++) {
                if (lx->pre_pair_lens[v][a << 5 | b]) {
                    assert_true(lx->pre_first[v][a] & lx->pre_second[v][b]);
                }
            }
        }
        /* "deux" in both, the pronouns with [1] only */
        assert_true(lx->pre_pair_lens[v][('d' & 31) << 5 | ('e' & 31)] & 1u << 4);
        assert_int_equal((lx->pre_pair_lens[v][('l' & 31) << 5 | ('u' & 31)] >> 3) & 1, v);
    }
}

static void test_prescan_buckets(void **state)
{
    static const char tsv[] =
        "condamner\t-\t-2.0\tcondemn\t-\n"
        "@adj\tabra|bcsb|cdtc|deud|efve|fgwf|ghxg|hiyh|ijzi|jkaj|klbk|lmcl|mndm|noen|opfo|"
        "pqgp|qrhq|rsir|stjs|tukt|uvlu|russes\tFRA\n";
    static const char *const cases[] = {
        "Un mot abra x bcsb x cdtc x deud x efve x fgwf x ghxg x hiyh x ijzi x",
        "Un mot JKAJ x Klbk x lmcl x mndm x noen x opfo x pqgp x qrhq x rsir x",
        "Un mot stjs, tukt, uvlu, abr abrab ab\xc3\xa9" "a x bcs\xc3\xa9 x russe",
        "Un mot arbr abca acdc bbsb cctc ddud eeve ffwf ggxg hhyh iizi jjaj kkbk",
        "Un mot llcl mmdm nnen oofo ppgp qqhq rrir ssjs ttkt uulu il elle lui l'a",
        "Un mot \xc3\xa9" "bra \xc3\x89tat \xe2\x80\x99" "abra \xc2\xab" "bcsb\xc2\xbb deux deux",
    };
    rg_lexicon *dflt = g_lexicon, *lx = NULL;
    size_t k;

    (void)state;
    check_buckets(dflt);
    assert_int_equal(rg_lexicon__from_buffer(&lx, tsv, strlen(tsv), "test"), RG_OK);
    check_buckets(lx);
    g_lexicon = lx;
    for (k = 0; k < sizeof cases / sizeof *cases; k++) {
        check_spans(cases[k], 65);
    }
    g_lexicon = dflt;
    rg_lexicon_free(lx);
}

/*
 * Sentences that end where their buffer ends (heap copies of their exact
 * length, no NUL after them), at every start offset below 70: the windows
 * read 65 bytes with AVX2 (the byte after the window's last), never past
 * the sentence; under ASan a read past the end fails. Random sentences
 * of the same kind as test_prescan_random_windows, and long runs.
 */
static void test_prescan_buffer_ends(void **state)
{
    static const char *const frag[] = {
        "russes", "AM\xc3\x89RICAINES", "deux", "hommes", "il", "Ils", "elle", "lui", "l'a",
        "pr\xc3\xa9sidents", "\xc2\xab", "\xc3\x97", "\xe2\x80\x99", "\x80", "\xc3", "x",
        "anticonstitutionnellement", "\xc3\xa9", "12", ",", " ",
    };
    uint32_t seed = 777;
    size_t round;

    (void)state;
    for (round = 0; round < 60; round++) {
        char text[300];
        size_t len = 0, want, start;
        seed = seed * 1103515245u + 12345u;
        want = 1 + (seed >> 16) % 200;
        while (len < want) {
            const char *f;
            seed = seed * 1103515245u + 12345u;
            f = frag[(seed >> 16) % (sizeof frag / sizeof *frag)];
            if (len + strlen(f) + 1 >= sizeof text) {
                break;
            }
            memcpy(text + len, f, strlen(f));
            len += strlen(f);
            if ((seed >> 8) & 1) {
                text[len++] = ' ';
            }
        }
        if (round % 10 == 9) {
            memset(text, 'a', len); /* one run, 64 bytes or more at times */
        }
        for (start = 0; start < 70 && start <= len; start++) {
            char *heap = malloc(len);
            rg_span sp = { start, len };
            assert_non_null(heap);
            memcpy(heap, text, len);
            check_prescan(heap, sp);
            check_tokens(heap, sp); /* the keys lowered in place, to the last byte */
            free(heap);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_cases),
        cmocka_unit_test(test_random_sentences),
        cmocka_unit_test(test_latin_lowering),
        cmocka_unit_test(test_adjective_filters),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_keys_in_place),
        cmocka_unit_test(test_prescan_windows),
        cmocka_unit_test(test_pronoun_words),
        cmocka_unit_test(test_prescan_lengths),
        cmocka_unit_test(test_prescan_determiners),
        cmocka_unit_test(test_prescan_random_windows),
        cmocka_unit_test(test_adjective_states_reuse),
        cmocka_unit_test(test_prescan_buckets),
        cmocka_unit_test(test_prescan_buffer_ends),
    };

    return cmocka_run_group_tests(tests, setup_ctx, teardown_ctx);
}
