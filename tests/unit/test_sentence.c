/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for rg_sentences_split: one table row per rule, each asserting
 * the exact sentence strings; real text from the seed corpus; OOM loop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include <relgraph/sentence.h>
#include <relgraph/text.h>

#define MAX_SENT 12

typedef struct {
    const char *name;
    const char *text;
    const char *want[MAX_SENT]; /* NULL-terminated */
} split_case;

static const split_case cases[] = {
    /* basics */
    { "empty", "", { NULL } },
    { "blank only", " \n\t \n\n  ", { NULL } },
    { "one, trimmed", "  Bonjour.  ", { "Bonjour." } },
    { "two", "Il pleut. Il vente.", { "Il pleut.", "Il vente." } },
    { "no final stop", "Il pleut. Il vente", { "Il pleut.", "Il vente" } },
    { "question exclamation",
      "Qui ? Lui ! Vraiment?! Oui.",
      { "Qui ?", "Lui !", "Vraiment?!", "Oui." } },
    { "question then lowercase",
      "Pourquoi ? demande-t-il. Fin.",
      { "Pourquoi ? demande-t-il.", "Fin." } },
    { "nbsp before punctuation",
      "Vraiment\xC2\xA0? Oui\xE2\x80\xAF! Bon.",
      { "Vraiment\xC2\xA0?", "Oui\xE2\x80\xAF!", "Bon." } },
    { "digit after stop", "Il est né en 1950. 1968 fut agité.",
      { "Il est né en 1950.", "1968 fut agité." } },

    /* abbreviations */
    { "M. name", "M. Poutine a parlé. Mme Merkel aussi.",
      { "M. Poutine a parlé.", "Mme Merkel aussi." } },
    { "MM. names", "Lors de leur conversation, MM. Poutine et Trump ont parlé.",
      { "Lors de leur conversation, MM. Poutine et Trump ont parlé." } },
    { "titles", "Le Dr. Martin et Mgr. Aupetit, St. Louis et Me. Dupond sont là.",
      { "Le Dr. Martin et Mgr. Aupetit, St. Louis et Me. Dupond sont là." } },
    { "cf p vol art", "Voir cf. Le Monde, p. 12, vol. 3 et art. L. 121. Fin.",
      { "Voir cf. Le Monde, p. 12, vol. 3 et art. L. 121.", "Fin." } },
    { "av J.-C.", "Rome est fondée en 753 av. J.-C. Elle grandit.",
      { "Rome est fondée en 753 av. J.-C.", "Elle grandit." } },
    { "etc. ends", "Des pommes, des poires, etc. Le reste suit.",
      { "Des pommes, des poires, etc.", "Le reste suit." } },
    { "etc. continues", "Des pommes, etc., et des poires.",
      { "Des pommes, etc., et des poires." } },

    /* initials */
    { "initial", "Selon V. Poutine, tout va bien.",
      { "Selon V. Poutine, tout va bien." } },
    { "hyphenated initials", "J.-C. Juncker a parlé. Il a fini.",
      { "J.-C. Juncker a parlé.", "Il a fini." } },
    { "two initials", "G. W. Bush est venu. Il est reparti.",
      { "G. W. Bush est venu.", "Il est reparti." } },
    { "dotted acronym", "Les U.S.A. et l'U.R.S.S. ont signé.",
      { "Les U.S.A. et l'U.R.S.S. ont signé." } },
    { "dotted acronym then sentence",
      "Il vit aux U.S.A. Le président est venu.",
      { "Il vit aux U.S.A.", "Le président est venu." } },

    /* quotes */
    { "guillemets end after closer",
      "Il a dit : « Je pars. » Puis il est parti.",
      { "Il a dit : « Je pars. »", "Puis il est parti." } },
    { "guillemets reported speech",
      "« Nous restons ouverts au dialogue. », a déclaré le Kremlin. Fin.",
      { "« Nous restons ouverts au dialogue. », a déclaré le Kremlin.",
        "Fin." } },
    { "guillemets lowercase after",
      "« C'est fini. » a-t-il lancé. Bon.",
      { "« C'est fini. » a-t-il lancé.", "Bon." } },
    { "question in quote",
      "« Pourquoi ? », demande-t-il. « Parce que ! » Voilà.",
      { "« Pourquoi ? », demande-t-il.", "« Parce que ! »", "Voilà." } },
    { "curly quotes",
      "Il a dit “Je pars.” Elle reste. “Non.”, a-t-elle dit.",
      { "Il a dit “Je pars.”", "Elle reste.",
        "“Non.”, a-t-elle dit." } },
    { "straight quotes",
      "\"Je pars.\" Il part. \"Non.\", dit-elle.",
      { "\"Je pars.\"", "Il part.", "\"Non.\", dit-elle." } },
    { "quote before stop",
      "\"Sans que l'un interfère\". Lors d'un entretien.",
      { "\"Sans que l'un interfère\".", "Lors d'un entretien." } },

    /* ellipses */
    { "ellipsis lowercase", "Il hésite... puis part. Fin.",
      { "Il hésite... puis part.", "Fin." } },
    { "ellipsis capital", "Il hésite... Puis il part.",
      { "Il hésite...", "Puis il part." } },
    { "unicode ellipsis", "Il hésite… Puis il part… lentement.",
      { "Il hésite…", "Puis il part… lentement." } },
    { "bracketed ellipsis",
      "Il a dit (...) La balle est là. Et [...] Rien.",
      { "Il a dit (...) La balle est là.", "Et [...] Rien." } },

    /* numbers */
    { "decimals", "Il a 3.5 millions et 1.000 euros, soit 2,5 %. Fin.",
      { "Il a 3.5 millions et 1.000 euros, soit 2,5 %.", "Fin." } },

    /* roman numerals */
    { "roman numeral end", "Il a vu Elizabeth II. Elle souriait.",
      { "Il a vu Elizabeth II.", "Elle souriait." } },
    { "roman numeral mid", "Jean-Paul II a prié. Louis XIV. Le roi.",
      { "Jean-Paul II a prié.", "Louis XIV.", "Le roi." } },

    /* glued sentences */
    { "glued", "dans la nuit de mercredi à jeudi.Le gouvernement a cédé.",
      { "dans la nuit de mercredi à jeudi.", "Le gouvernement a cédé." } },
    { "glued after digit and quote",
      "en 2017.Une autre. Il a dit \"non\".Puis rien.",
      { "en 2017.", "Une autre.", "Il a dit \"non\".", "Puis rien." } },
    { "glued opening quote",
      "a insisté le syndicat.\"Le montant est faible\", a-t-il dit.",
      { "a insisté le syndicat.",
        "\"Le montant est faible\", a-t-il dit." } },
    { "glued acronym", "a confié à l'AFP.Il s'agit d'un test.",
      { "a confié à l'AFP.", "Il s'agit d'un test." } },
    { "glued question and ellipsis",
      "Enjeu ?Selon lui, rien...Plus tard, tout.",
      { "Enjeu ?", "Selon lui, rien...", "Plus tard, tout." } },
    { "glued title abbreviation", "Selon M.Dupont, oui.",
      { "Selon M.Dupont, oui." } },
    { "no split in domain", "Lisez actu.orange.fr et Site.Fr/info ici.",
      { "Lisez actu.orange.fr et Site.Fr/info ici." } },
    { "no split in url", "Voir https://ex.com/a.Html ou www.Test.com maintenant.",
      { "Voir https://ex.com/a.Html ou www.Test.com maintenant." } },
    { "no split in E.T.", "Le film E.T. est culte.",
      { "Le film E.T. est culte." } },

    /* glued headings (camel case) */
    { "camel heading", "opposé à l'idéeDonald Trump a parlé.",
      { "opposé à l'idée", "Donald Trump a parlé." } },
    { "camel heading accents",
      "Un scénario prémonitoireFace à ces prédictions. À l'ÉtéÉmile vint.",
      { "Un scénario prémonitoire", "Face à ces prédictions.",
        "À l'ÉtéÉmile vint." } },
    { "camel accented capital", "la crise sanitaireÉvidemment, non.",
      { "la crise sanitaire", "Évidemment, non." } },
    { "camel brands",
      "McDonald, iPhone, LaREM, PlayStation, YouTube, AstraZeneca, "
      "ByteDance, WhatsApp, OpinionWay, easyJet, #JusticePourAdama, "
      "@realDonaldTrump, realDonaldTrump.",
      { "McDonald, iPhone, LaREM, PlayStation, YouTube, AstraZeneca, "
        "ByteDance, WhatsApp, OpinionWay, easyJet, #JusticePourAdama, "
        "@realDonaldTrump, realDonaldTrump." } },
    { "camel capitalised word + function word",
      "rattrapé par SarkozySi Alain Juppé gagne. Giscard d'EstaingAvec eux.",
      { "rattrapé par Sarkozy", "Si Alain Juppé gagne.", "Giscard d'Estaing",
        "Avec eux." } },
    { "camel short run", "Il aime laRue et leMonde.",
      { "Il aime laRue et leMonde." } },
    { "camel three letters", "Plus belle la vieIl avait dirigé.",
      { "Plus belle la vie", "Il avait dirigé." } },
    { "camel identifiers", "Le compte realDonaldTrump et McDonaldDans.",
      { "Le compte realDonaldTrump et McDonaldDans." } },
    { "camel after closer",
      "Le titre (en français)Dans son discours, il a parlé.",
      { "Le titre (en français)", "Dans son discours, il a parlé." } },
    { "camel after number", "Retour en 2017Dans une interview, oui.",
      { "Retour en 2017", "Dans une interview, oui." } },
    { "franceinfo", "Vidéo par franceinfoLe chef a parlé.",
      { "Vidéo par franceinfo", "Le chef a parlé." } },

    /* lines and paragraphs */
    { "title line",
      "Poutine propose à Trump une « coopération pragmatique »\n"
      "Le président russe a parlé.",
      { "Poutine propose à Trump une « coopération pragmatique »",
        "Le président russe a parlé." } },
    { "wrapped line continues",
      "  • Copié\navec AFP , modifié à\nLors d'un entretien.",
      { "• Copié\navec AFP , modifié à", "Lors d'un entretien." } },
    { "line ending with comma continues",
      "Il a dit,\nQuoi qu'il arrive, rien.",
      { "Il a dit,\nQuoi qu'il arrive, rien." } },
    { "blank line", "Un titre\n\n30 - Décembre - 2017\n\nLe texte",
      { "Un titre", "30 - Décembre - 2017", "Le texte" } },
    { "blank line without capital", "fin de ligne\n \r\nsuite en minuscules",
      { "fin de ligne", "suite en minuscules" } },
    { "crlf title", "Titre\r\nTexte suit.\r\n",
      { "Titre", "Texte suit." } },
    { "stop then newline lowercase", "Fin.\nsuite", { "Fin.\nsuite" } },
    { "blank line resets quote parity",
      "Il dit \"oui\n\nElle dit \"non\".Puis rien.",
      { "Il dit \"oui", "Elle dit \"non\".", "Puis rien." } },

    /* robustness */
    { "invalid utf-8", "Il \xFF\xFE pleut. Fin\xC3",
      { "Il \xFF\xFE pleut.", "Fin\xC3" } },
};

/* Returns 1 when the split matches; prints the difference otherwise. */
static int check_case(const split_case *c)
{
    rg_span *sp = NULL;
    size_t n = 0, k, want_n = 0;
    size_t len = strlen(c->text);
    int ok = 1;

    while (want_n < MAX_SENT && c->want[want_n]) {
        want_n++;
    }
    assert_int_equal(rg_sentences_split(&sp, &n, c->text, len), RG_OK);
    for (k = 0; k < n && k < want_n; k++) {
        size_t slen = sp[k].end - sp[k].start;
        if (slen != strlen(c->want[k]) ||
            memcmp(c->text + sp[k].start, c->want[k], slen) != 0) {
            print_error("case \"%s\", sentence %zu:\n  got  [%.*s]\n  want [%s]\n",
                        c->name, k, (int)slen, c->text + sp[k].start,
                        c->want[k]);
            ok = 0;
        }
    }
    if (n != want_n) {
        print_error("case \"%s\": %zu sentences, want %zu\n", c->name, n,
                    want_n);
        for (k = 0; k < n; k++) {
            print_error("  [%.*s]\n", (int)(sp[k].end - sp[k].start),
                        c->text + sp[k].start);
        }
        ok = 0;
    }
    rg_free(sp);
    return ok;
}

static void test_table(void **state)
{
    size_t k, bad = 0;

    (void)state;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        bad += !check_case(&cases[k]);
    }
    assert_int_equal(bad, 0);
}

/* Spans are ordered, non-overlapping, trimmed and non-empty. */
static void test_span_invariants(void **state)
{
    static const char text[] =
        "  Un.  Deux ?\n\n« Trois. »\tQuatre…\nCinq\n\n\n six. ";
    rg_span *sp = NULL;
    size_t n = 0, k, len = sizeof text - 1;

    (void)state;
    assert_int_equal(rg_sentences_split(&sp, &n, text, len), RG_OK);
    assert_int_equal(n, 6);
    for (k = 0; k < n; k++) {
        assert_true(sp[k].start < sp[k].end);
        assert_true(sp[k].end <= len);
        assert_true(text[sp[k].start] != ' ' && text[sp[k].start] != '\n');
        assert_true(text[sp[k].end - 1] != ' ' &&
                    text[sp[k].end - 1] != '\n');
        if (k > 0) {
            assert_true(sp[k - 1].end <= sp[k].start);
        }
    }
    rg_free(sp);
}

/* Not NUL-terminated: the splitter must stop at len. */
static void test_binary_safe(void **state)
{
    const char text[] = { 'A', '.', ' ', 'B', '.', ' ', 'C' };
    rg_span *sp = NULL;
    size_t n = 0;

    (void)state;
    assert_int_equal(rg_sentences_split(&sp, &n, text, 5), RG_OK);
    assert_int_equal(n, 1); /* "A. B." : A is an initial */
    assert_int_equal(sp[0].start, 0);
    assert_int_equal(sp[0].end, 5);
    rg_free(sp);
    assert_int_equal(rg_sentences_split(&sp, &n, NULL, 0), RG_OK);
    assert_int_equal(n, 0);
    assert_null(sp);
}

/* Real text from ../shared/corpus/seeds (000 and 003). */
static void test_seed_paragraphs(void **state)
{
    static const split_case seeds[] = {
        { "seed 000",
          "Le président russe « a confirmé que la Russie est ouverte au "
          "dialogue avec les Etats-Unis sur un maximum de de sujets », "
          "poursuit le texte.\n\n"
          "Dans ses vœux à Theresa May, M. Poutine a souhaité au peuple "
          "britannique « bien-être et prospérité » en 2019.\n\n"
          "« Les relations russo-américaines demeurent un facteur important "
          "pour garantir la stabilité stratégique et la sécurité "
          "internationale », affirme un communiqué du président russe.",
          { "Le président russe « a confirmé que la Russie est ouverte au "
            "dialogue avec les Etats-Unis sur un maximum de de sujets », "
            "poursuit le texte.",
            "Dans ses vœux à Theresa May, M. Poutine a souhaité au peuple "
            "britannique « bien-être et prospérité » en 2019.",
            "« Les relations russo-américaines demeurent un facteur "
            "important pour garantir la stabilité stratégique et la "
            "sécurité internationale », affirme un communiqué du président "
            "russe." } },
        { "seed 003",
          "Au cours de sa campagne, Donald Trump a martelé son ambition de "
          "se rapprocher de Vladimir Poutine. © STEPHANE DE SAKUTIN / AFP\n"
          "  • Copié\navec AFP , modifié à\n"
          "\"Sans que l'un interfère dans les affaires intérieures de "
          "l'autre\". \"Lors de leur conversation, MM. Poutine et Trump ont "
          "partagé le même constat\".\n\n"
          "Unis contre le terrorisme. Les deux hommes ont souligné "
          "l'importance de leurs liens.",
          { "Au cours de sa campagne, Donald Trump a martelé son ambition "
            "de se rapprocher de Vladimir Poutine.",
            "© STEPHANE DE SAKUTIN / AFP",
            "• Copié\navec AFP , modifié à",
            "\"Sans que l'un interfère dans les affaires intérieures de "
            "l'autre\".",
            "\"Lors de leur conversation, MM. Poutine et Trump ont partagé "
            "le même constat\".",
            "Unis contre le terrorisme.",
            "Les deux hommes ont souligné l'importance de leurs liens." } },
        { "orangesum glued",
          "Ils disent vouloir \"continuer le rapport de force jusqu'à "
          "l'obtention d''évolutions substantielles'\".\"Malgré l'annonce "
          "d'une enveloppe de 400 millions d'euros, ce n'est pas "
          "envisageable\", a souligné FO.\"Le ministre a souhaité (...) La "
          "balle est dans le camp de l'exécutif\", a insisté le syndicat."
          "Interrogé jeudi matin sur RTL, Olivier Véran a parlé.",
          { "Ils disent vouloir \"continuer le rapport de force jusqu'à "
            "l'obtention d''évolutions substantielles'\".",
            "\"Malgré l'annonce d'une enveloppe de 400 millions d'euros, ce "
            "n'est pas envisageable\", a souligné FO.",
            "\"Le ministre a souhaité (...) La balle est dans le camp de "
            "l'exécutif\", a insisté le syndicat.",
            "Interrogé jeudi matin sur RTL, Olivier Véran a parlé." } },
    };
    size_t k, bad = 0;

    (void)state;
    for (k = 0; k < sizeof seeds / sizeof seeds[0]; k++) {
        bad += !check_case(&seeds[k]);
    }
    assert_int_equal(bad, 0);
}

/* Fail every allocation in turn: RG_ERROR, no output, no leak (ASan). */
static void test_alloc_failure(void **state)
{
    char text[4096];
    size_t used = 0;
    long fail_at;
    int rc = RG_ERROR;

    (void)state;
    while (used + 16 < sizeof text) {
        memcpy(text + used, "Une phrase. ", 12);
        used += 12;
    }
    for (fail_at = 1; fail_at < 100; fail_at++) {
        rg_span *sp = (rg_span *)text; /* must be reset to NULL */
        size_t n = 99;
        rg_alloc_fail_at(fail_at);
        rc = rg_sentences_split(&sp, &n, text, used);
        rg_alloc_fail_at(0);
        if (rc == RG_OK) {
            assert_int_equal(n, used / 12);
            rg_free(sp);
            break;
        }
        assert_int_equal(rc, RG_ERROR);
        assert_null(sp);
        assert_int_equal(n, 0);
        assert_non_null(rg_error_last());
        assert_int_equal(rg_error_last()->code, RG_ERROR);
        rg_error_clear();
    }
    assert_int_equal(rc, RG_OK);
    assert_true(fail_at > 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_span_invariants),
        cmocka_unit_test(test_binary_safe),
        cmocka_unit_test(test_seed_paragraphs),
        cmocka_unit_test(test_alloc_failure),
    };
    return cmocka_run_group_tests_name("sentence", tests, NULL, NULL);
}
