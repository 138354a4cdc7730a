/* SPDX-License-Identifier: MIT */
/*
 * The word lists' table (stance_words.c, stance_internal.h): tk_index and
 * tk_in answer from one lookup per token (st_tok.wid) what a walk of each
 * list (st_key_index) answers. Every token of sentences made of the lists'
 * words, their prefixes, extensions, capitals and accents, and other
 * words, is asked about every list, twice (the second time from the memo),
 * and compared with the walk; a static list outside the table is walked.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <relgraph/actors.h>
#include <relgraph/errors.h>
#include <relgraph/stance.h>
#include "lexicon.h"
#include "stance_internal.h"

#define DEFAULTS_FIXTURE_CTX
#include "defaults_fixture.h" /* g_actors, g_lexicon, g_ctx, setup_ctx, teardown_ctx */

#define LIST_PTR(name) rg_st__##name,
static const char *const *const lists[ST_N_LISTS] = { ST_WORD_LISTS(LIST_PTR) };
#undef LIST_PTR

/* a list the table does not hold: tk_index walks it */
static const char *const outside[] = { "de", "ne", "pas", "président", "zzz", NULL };

/* Tokenizes text and asks every token about every list (twice) and about
 * `outside`, against st_key_index; returns the words found in some list. */
static size_t check_text(const char *text)
{
    rg_span sp = { 0, strlen(text) };
    size_t t, found = 0;
    int pass, l;

    assert_int_equal(rg_st__tokenize(g_ctx, g_lexicon, text, sp), RG_OK);
    for (pass = 0; pass < 2; pass++) {
        for (t = 0; t < g_ctx->tok.n; t++) {
            const st_tok *tk = &g_ctx->tok.v[t];
            const char *k = g_ctx->kbuf.v + tk->koff;
            int any = 0;
            for (l = 0; l < ST_N_LISTS; l++) {
                int want = tk->kind == TK_WORD ? st_key_index(k, (size_t)tk->klen, lists[l]) : -1;
                if (tk_index(g_ctx, (int)t, lists[l]) != want) {
                    fail_msg("token \"%.*s\", list %d: %d, want %d", tk->klen, k, l,
                             tk_index(g_ctx, (int)t, lists[l]), want);
                }
                assert_int_equal(tk_in(g_ctx, (int)t, lists[l]), want >= 0);
                any |= want >= 0;
            }
            assert_int_equal(tk_index(g_ctx, (int)t, outside),
                             tk->kind == TK_WORD ? st_key_index(k, (size_t)tk->klen, outside)
                                                 : -1);
            found += pass == 0 && any;
        }
    }
    assert_int_equal(tk_index(g_ctx, -1, lists[0]), -1);
    assert_int_equal(tk_index(g_ctx, (int)g_ctx->tok.n, lists[0]), -1);
    return found;
}

/* every word of every list, and its neighbours: one sentence per word */
static void test_list_words(void **state)
{
    int l;
    size_t j, found = 0;

    (void)state;
    for (l = 0; l < ST_N_LISTS; l++) {
        for (j = 0; lists[l][j]; j++) {
            const char *w = lists[l][j];
            size_t n = strlen(w);
            char text[256];
            assert_true(rg_st__word_id(w, n) >= 0); /* the table holds every list */
            snprintf(text, sizeof text, "%s, %.*s %sx %ss %c%s \xC2\xAB%s\xC2\xBB l'%s d'%s %s-%s.",
                     w, (int)(n - 1), w, w, w, w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : 'Q',
                     w + 1, w, w, w, w, w);
            found += check_text(text);
        }
    }
    assert_true(found > 1000);
    assert_int_equal(rg_st__word_id("zzzz", 4), -1);
    assert_int_equal(rg_st__word_id("de", 0), -1);
}

/* sentences of other words, some of which share bytes with the lists' */
static void test_other_words(void **state)
{
    static const char *const texts[] = {
        "Le président russe Vladimir Poutine a rencontré son homologue américain.",
        "Selon l'AFP, il faut que les deux présidents se retrouvent après-demain à Genève.",
        "DE LA PART DES AUTORITÉS, AUCUNE RÉPONSE N'A ÉTÉ DONNÉE ; ELLE L'A DIT.",
        "Mme Merkel, chancelière, et M. Macron ont été reçus chez le roi au palais.",
        "Élysée, État, Ééé, àà, à-côté, déjà-vu, 123 4e xvi, ni-ni, quelqu'un, jusqu'au",
        "\xC3\xA0 \xC3\x80 \xE2\x80\x99 \xF0\x9F\x98\x80 \xCE\xB1\xCE\xB2 aux auxx au a",
        "",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof texts / sizeof *texts; i++) {
        check_text(texts[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_words),
        cmocka_unit_test(test_other_words),
    };

    return cmocka_run_group_tests(tests, setup_ctx, teardown_ctx);
}
