/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the actor matcher over the built-in dictionary: dated
 * roles across term boundaries, traps (mai, Kim Darroch, Obamacare, Ivanka
 * Trump), elisions and hyphens, case and accents, spans in the original
 * bytes, metonyms, blocked forms, guarded aliases, role context (apposed
 * names, blocking prefixes, gender, generic roles with a country), capitals
 * for names and metonyms, long texts (the two-lane walk), allocation
 * failures and concurrent scans.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h> /* pthread_create, pthread_join */
#include <stdio.h>   /* snprintf */
#include <string.h>  /* strlen */

#include <relgraph/actors.h>
#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include <relgraph/text.h> /* rg_free */

static rg_actors *dict;
static rg_matcher *matcher;

static int group_setup(void **state)
{
    (void)state;
    if (rg_actors_default(&dict) != RG_OK || rg_matcher_new(&matcher, dict) != RG_OK) {
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    rg_matcher_free(matcher);
    rg_actors_free(dict);
    return 0;
}

/*
 * Scans `text` at `date` ("YYYY-MM-DD", "YYYY-MM", "YYYY" or NULL) and
 * prints the matches as `id/kind"text as matched"`, separated by spaces.
 */
static const char *scan(const char *text, const char *date)
{
    static char buf[2048];
    rg_date d = { 0, 0, 0 };
    rg_match *m = NULL;
    size_t n = 0, i, len = 0;

    if (date) {
        sscanf(date, "%d-%d-%d", &d.year, &d.month, &d.day);
    }
    assert_int_equal(rg_matcher_scan(&m, &n, matcher, text, strlen(text), date ? &d : NULL),
                     RG_OK);
    buf[0] = '\0';
    for (i = 0; i < n; i++) {
        assert_true(m[i].start < m[i].end && m[i].end <= strlen(text));
        assert_true(i == 0 || m[i - 1].end <= m[i].start);
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s/%s\"%.*s\"", i ? " " : "",
                                rg_actors_id(dict, (size_t)m[i].actor),
                                rg_mention_kind_name(m[i].kind),
                                (int)(m[i].end - m[i].start), text + m[i].start);
    }
    if (n == 0) {
        assert_null(m);
    }
    rg_free(m);
    return buf;
}

static void test_kind_names(void **state)
{
    (void)state;
    assert_string_equal(rg_mention_kind_name(RG_MENTION_NAME), "name");
    assert_string_equal(rg_mention_kind_name(RG_MENTION_ROLE), "role");
    assert_string_equal(rg_mention_kind_name(RG_MENTION_METONYM), "metonym");
    rg_matcher_free(NULL);
}

static void test_roles_across_terms(void **state)
{
    (void)state;
    assert_string_equal(scan("le président américain", "2017-01-19"),
                        "obama/role\"président américain\"");
    assert_string_equal(scan("le président américain", "2017-01-20"),
                        "trump/role\"président américain\"");
    assert_string_equal(scan("Le président français", "2017-05-13"),
                        "hollande/role\"président français\"");
    assert_string_equal(scan("Le président français", "2017-05-14"),
                        "macron/role\"président français\"");
    assert_string_equal(scan("le Premier ministre britannique", "2016-07-12"),
                        "cameron/role\"Premier ministre britannique\"");
    /* a feminine form never names a man */
    assert_string_equal(scan("la Première ministre britannique", "2016-07-12"), "");
    assert_string_equal(scan("la Première ministre britannique", "2016-07-13"),
                        "may/role\"Première ministre britannique\"");
    assert_string_equal(scan("la chancelière allemande", "2018-03-01"),
                        "merkel/role\"chancelière allemande\"");
    assert_string_equal(scan("le Premier ministre turc", "2012-06-01"),
                        "erdogan/role\"Premier ministre turc\"");
    assert_string_equal(scan("le Premier ministre turc", "2015-06-01"), ""); /* vacant */
    assert_string_equal(scan("le chef de l'État russe", "2018-03-01"),
                        "poutine/role\"chef de l'État russe\"");
    assert_string_equal(scan("du chef de l’État russe", "2018-03-01"),
                        "poutine/role\"chef de l’État russe\"");
    assert_string_equal(scan("au président russe", "2010-03-01"),
                        "medvedev/role\"président russe\"");
    assert_string_equal(scan("le maître du Kremlin", "2018-03-01"),
                        "poutine/role\"maître du Kremlin\"");
    assert_string_equal(scan("le locataire de la Maison-Blanche", "2019-03-01"),
                        "trump/role\"locataire de la Maison-Blanche\"");
    assert_string_equal(scan("le dirigeant nord-coréen", "2018-06-12"),
                        "kim/role\"dirigeant nord-coréen\"");
    assert_string_equal(scan("le chef de la diplomatie russe", "2018-06-12"),
                        "lavrov/role\"chef de la diplomatie russe\"");
    assert_string_equal(scan("le président de la Commission européenne", "2016-01-01"),
                        "juncker/role\"président de la Commission européenne\"");
    assert_string_equal(scan("le président de la République", "2019-01-01"),
                        "macron/role\"président de la République\"");
    assert_string_equal(scan("le président de la République turque", "2019-01-01"),
                        "erdogan/role\"président de la République turque\"");
    assert_string_equal(scan("le président de la République centrafricaine", "2019-01-01"),
                        "");
}

static void test_counterparts(void **state)
{
    (void)state;
    /* homologue resolves to the state's leader, whatever the title */
    assert_string_equal(scan("son homologue américain", "2018-03-01"),
                        "trump/role\"homologue américain\"");
    assert_string_equal(scan("son homologue britannique", "2018-03-01"),
                        "may/role\"homologue britannique\"");
    assert_string_equal(scan("son homologue allemande", "2018-03-01"),
                        "merkel/role\"homologue allemande\"");
    assert_string_equal(scan("son homologue turc", "2014-08-27"), ""); /* Gül: not listed */
    assert_string_equal(scan("la chancelière et son homologue israélien", "2018-03-01"),
                        "netanyahou/role\"homologue israélien\"");
    assert_string_equal(scan("sa future homologue américaine", "2018-03-01"), "");
}

static void test_president_elect(void **state)
{
    (void)state;
    assert_string_equal(scan("le président élu", "2016-12-15"), "trump/role\"président élu\"");
    assert_string_equal(scan("le président élu américain", "2016-12"),
                        "trump/role\"président élu américain\"");
    assert_string_equal(scan("le président américain élu", "2016-11-09"),
                        "trump/role\"président américain élu\"");
    assert_string_equal(scan("son futur homologue américain", "2016-12-15"),
                        "trump/role\"futur homologue américain\"");
    assert_string_equal(scan("le futur président américain", "2020-12-01"),
                        "biden/role\"futur président américain\"");
    assert_string_equal(scan("le président élu", "2017-05-10"), "macron/role\"président élu\"");
    /* no president-elect: no fallback to the shorter "président américain" */
    assert_string_equal(scan("le futur président américain", "2019-06-01"), "");
    assert_string_equal(scan("le président élu", "2017-01-20"), "");
    assert_string_equal(scan("le président américain", "2016-12-15"),
                        "obama/role\"président américain\"");
    /* phrase forms: "de la République", "de la Maison Blanche", hyphenated */
    assert_string_equal(scan("le futur patron de la Maison Blanche", "2016-12-01"),
                        "trump/role\"futur patron de la Maison Blanche\"");
    assert_string_equal(scan("le nouveau président-élu", "2016-12-01"),
                        "trump/role\"président-élu\"");
    /* nobody elected yet: the future president is nobody, never the incumbent */
    assert_string_equal(scan("du futur Président de la République", "2017-01-15"), "");
    assert_string_equal(scan("du futur Président de la République", "2017-05-10"),
                        "macron/role\"futur Président de la République\"");
}

static void test_state_phrase_roles(void **state)
{
    (void)state;
    assert_string_equal(scan("le président des Etats-Unis", "2018-06-01"),
                        "trump/role\"président des Etats-Unis\"");
    assert_string_equal(scan("le président des États-Unis", "2016-06-01"),
                        "obama/role\"président des États-Unis\"");
    assert_string_equal(scan("le président de la Turquie", "2019-01-01"),
                        "erdogan/role\"président de la Turquie\"");
    assert_string_equal(scan("le patron du Kremlin", "2019-01-01"),
                        "poutine/role\"patron du Kremlin\"");
}

static void test_not_roles(void **state)
{
    (void)state;
    assert_string_equal(scan("l'ancien président russe", "2018-03-01"), "");
    assert_string_equal(scan("l'ex-président américain Barack Obama", "2018-03-01"),
                        "obama/name\"Barack Obama\"");
    assert_string_equal(scan("le vice-président américain", "2018-03-01"), "");
    assert_string_equal(scan("l’ex-Première ministre britannique", "2020-03-01"), "");
    assert_string_equal(scan("le président russe", NULL), "");
    assert_string_equal(scan("le président russe Vladimir Poutine", NULL),
                        "poutine/name\"Vladimir Poutine\"");
    assert_string_equal(scan("le président russe", "2018"), "poutine/role\"président russe\"");
    assert_string_equal(scan("le président américain", "2017-01"), "");
    assert_string_equal(scan("le président américain", "2017-02"),
                        "trump/role\"président américain\"");
    assert_string_equal(scan("les présidents russes", "2018-03-01"), "");
    assert_string_equal(scan("le présidentiel russe", "2018-03-01"), "");
}

static void test_traps(void **state)
{
    (void)state;
    assert_string_equal(scan("en mai dernier, Mai 2018, MAY", "2018-05-01"), "");
    assert_string_equal(scan("l'ambassadeur Kim Darroch", "2019-07-10"), "");
    assert_string_equal(scan("Kim Darroch puis Kim Jong-un", "2019-07-10"),
                        "kim/name\"Kim Jong-un\"");
    assert_string_equal(scan("l'Obamacare et l'obamacare", "2017-01-01"), "");
    assert_string_equal(scan("Ivanka Trump", "2018-01-01"), "");
    assert_string_equal(scan("Ivanka Trump et Donald Trump", "2018-01-01"),
                        "trump/name\"Donald Trump\"");
    assert_string_equal(scan("Donald Trump Jr. et Melania Trump", "2018-01-01"), "");
    assert_string_equal(scan("Trumpland, Poutinisme, Macronie", "2018-01-01"), "");
    assert_string_equal(scan("le Washington Post à Washington", "2018-01-01"),
                        "USA/metonym\"Washington\"");
    assert_string_equal(scan("l'accord de Paris et le Paris Saint-Germain", "2018-01-01"),
                        "");
    assert_string_equal(scan("Hafez al-Assad, père de Bachar al-Assad", "2018-01-01"),
                        "assad/name\"Bachar al-Assad\"");
    assert_string_equal(scan("en Hollande, François Hollande", "2016-01-01"),
                        "hollande/name\"François Hollande\"");
    assert_string_equal(scan("sur France 2 et en Île-de-France", "2016-01-01"), "");
}

static void test_guarded(void **state)
{
    (void)state;
    assert_string_equal(scan("May a répondu.", "2018-01-01"), "");
    assert_string_equal(scan("Theresa May a parlé. May a ajouté que may.", "2018-01-01"),
                        "may/name\"Theresa May\" may/name\"May\"");
    assert_string_equal(scan("May d'abord, puis Theresa May, puis May.", "2018-01-01"),
                        "may/name\"Theresa May\" may/name\"May\"");
    assert_string_equal(scan("Johnson a dit", "2020-01-01"), "");
    assert_string_equal(scan("Boris Johnson a dit. M. Johnson a ajouté", "2020-01-01"),
                        "johnson/name\"Boris Johnson\" johnson/name\"Johnson\"");
    assert_string_equal(scan("Kim Jong-un, puis Kim, puis KIM", "2018-01-01"),
                        "kim/name\"Kim Jong-un\" kim/name\"Kim\"");
    assert_string_equal(scan("Xi Jinping et Xi", "2018-01-01"),
                        "xi/name\"Xi Jinping\" xi/name\"Xi\"");
    /* a role mention does not unlock the guard */
    assert_string_equal(scan("la Première ministre britannique. May", "2018-01-01"),
                        "may/role\"Première ministre britannique\"");
}

static void test_forms(void **state)
{
    (void)state;
    assert_string_equal(scan("MM. Poutine et Trump", "2018-01-01"),
                        "poutine/name\"Poutine\" trump/name\"Trump\"");
    /* a person's name needs its capital: "erdogan" is no mention */
    assert_string_equal(scan("d'Erdogan, d’Erdoğan, ERDOGAN, erdogan", NULL),
                        "erdogan/name\"Erdogan\" erdogan/name\"Erdoğan\" "
                        "erdogan/name\"ERDOGAN\"");
    assert_string_equal(scan("Recep Tayyip Erdoğan", NULL),
                        "erdogan/name\"Recep Tayyip Erdoğan\"");
    assert_string_equal(scan("Bachar el-Assad, Al-Assad", NULL),
                        "assad/name\"Bachar el-Assad\" assad/name\"Al-Assad\"");
    assert_string_equal(scan("Nétanyahou, Netanyahu, POUTINE, Putin", NULL),
                        "netanyahou/name\"Nétanyahou\" netanyahou/name\"Netanyahu\" "
                        "poutine/name\"POUTINE\" poutine/name\"Putin\"");
    assert_string_equal(scan("Zelenskiy, Zelenskyy, Rouhani, Kim Jong Un", NULL),
                        "zelensky/name\"Zelenskiy\" zelensky/name\"Zelenskyy\" "
                        "rohani/name\"Rouhani\" kim/name\"Kim Jong Un\"");
    assert_string_equal(scan("«Poutine» (Trump) \"Macron\"", NULL),
                        "poutine/name\"Poutine\" trump/name\"Trump\" macron/name\"Macron\"");
    assert_string_equal(scan("Vladimir\n  Poutine", NULL),
                        "poutine/name\"Vladimir\n  Poutine\"");
    assert_string_equal(scan("l'axe Moscou-Washington", NULL),
                        "RUS/metonym\"Moscou\" USA/metonym\"Washington\"");
}

static void test_metonyms_and_states(void **state)
{
    (void)state;
    assert_string_equal(scan("le Kremlin, la Maison Blanche, la Maison-Blanche", NULL),
                        "RUS/metonym\"Kremlin\" USA/metonym\"Maison Blanche\" "
                        "USA/metonym\"Maison-Blanche\"");
    assert_string_equal(scan("Ankara, Downing Street, Damas, l'Élysée, Pékin, Bruxelles", NULL),
                        "TUR/metonym\"Ankara\" GBR/metonym\"Downing Street\" "
                        "SYR/metonym\"Damas\" FRA/metonym\"Élysée\" CHN/metonym\"Pékin\" "
                        "EU/metonym\"Bruxelles\"");
    assert_string_equal(scan("les États-Unis, les Etats-Unis, la Russie, la Grande-Bretagne",
                             NULL),
                        "USA/name\"États-Unis\" USA/name\"Etats-Unis\" RUS/name\"Russie\" "
                        "GBR/name\"Grande-Bretagne\"");
    assert_string_equal(scan("à Jérusalem et à Tel-Aviv", NULL), "");
}

static void test_spans(void **state)
{
    static const char text[] = "À l’Élysée, « Poutine » a reçu Erdoğan.";
    rg_date d = { 2018, 1, 1 };
    rg_match *m = NULL;
    size_t n = 0;

    (void)state;
    assert_int_equal(rg_matcher_scan(&m, &n, matcher, text, strlen(text), &d), RG_OK);
    assert_int_equal(n, 3);
    assert_int_equal(m[0].actor, rg_actors_find(dict, "FRA"));
    assert_int_equal(m[0].kind, RG_MENTION_METONYM);
    assert_int_equal(m[0].start, 7); /* "À" 2 bytes, " ", "l", "’" 3 bytes */
    assert_int_equal(m[0].end, 15);  /* "Élysée" is 8 bytes */
    assert_int_equal(m[1].actor, rg_actors_find(dict, "poutine"));
    assert_int_equal(m[1].start, 20); /* "«" is 2 bytes */
    assert_int_equal(m[1].end, 27);
    assert_int_equal(m[2].actor, rg_actors_find(dict, "erdogan"));
    assert_int_equal(m[2].kind, RG_MENTION_NAME);
    assert_int_equal(m[2].start, 39);
    assert_int_equal(m[2].end, 47); /* "Erdoğan": ğ is 2 bytes */
    rg_free(m);

    /* not NUL-terminated: the span stops at len */
    assert_int_equal(rg_matcher_scan(&m, &n, matcher, "Trumpet", 5, &d), RG_OK);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].end, 5);
    rg_free(m);

    m = (rg_match *)(uintptr_t)1;
    assert_int_equal(rg_matcher_scan(&m, &n, matcher, "", 0, &d), RG_OK);
    assert_int_equal(n, 0);
    assert_null(m);
    assert_int_equal(rg_matcher_scan(&m, &n, matcher, NULL, 0, NULL), RG_OK);
    assert_int_equal(n, 0);
}

/*
 * Long keys are walked in two lanes that meet in the middle (matcher.c,
 * mt_walk): a phrase slid across the whole text, one byte at a time, must
 * give the same two mentions wherever it falls, lane seam included; and at
 * the very start and end of the text.
 */
static void check_pair(const char *text, size_t at, const rg_date *d)
{
    static const char phrase[] = "le président russe et Angela Merkel";
    rg_match *m = NULL;
    size_t n = 0;

    assert_memory_equal(text + at, phrase, sizeof phrase - 1);
    assert_int_equal(rg_matcher_scan(&m, &n, matcher, text, strlen(text), d), RG_OK);
    assert_int_equal(n, 2);
    assert_int_equal(m[0].actor, rg_actors_find(dict, "poutine"));
    assert_int_equal(m[0].kind, RG_MENTION_ROLE);
    assert_int_equal(m[0].start, at + 3);
    assert_int_equal(m[0].end, at + 19); /* "président russe": é is 2 bytes */
    assert_int_equal(m[1].actor, rg_actors_find(dict, "merkel"));
    assert_int_equal(m[1].start, at + 23);
    assert_int_equal(m[1].end, at + 36);
    rg_free(m);
}

static void test_long_texts(void **state)
{
    enum { FILL = 3000, SLIDE = 3200 };
    static char text[FILL + SLIDE + 64];
    const rg_date d = { 2018, 6, 1 };
    size_t k, n;

    (void)state;
    for (k = 0; k <= SLIDE; k++) { /* "xxx...x " + phrase + " a a a ..." */
        memset(text, 'x', k);
        n = k;
        if (k) {
            text[n++] = ' ';
        }
        n += (size_t)sprintf(text + n, "le président russe et Angela Merkel");
        for (; n + 2 < sizeof text - 1 && n < k + FILL; n += 2) {
            memcpy(text + n, " a", 2);
        }
        text[n] = '\0';
        check_pair(text, k ? k + 1 : 0, &d);
    }
    for (k = 0; k <= SLIDE; k += 2) { /* " a a a ..." + phrase at the very end */
        for (n = 0; n < k; n += 2) {
            memcpy(text + n, "a ", 2);
        }
        n += (size_t)sprintf(text + n, "le président russe et Angela Merkel");
        check_pair(text, k, &d);
    }
}

/*
 * The second lane starts its warm-up as if at a word start: "xPoutine"
 * slid byte by byte across the seam must never match, "Poutine" after it
 * always (once).
 */
static void test_seam_word_starts(void **state)
{
    static const char glued[] = "xPoutine xxPoutine Poutine";
    static char text[4000];
    size_t k, n;
    rg_match *m = NULL;

    (void)state;
    for (k = 1000; k <= 2600; k++) {
        memset(text, 'a', k);
        memcpy(text + k, glued, sizeof glued - 1);
        n = k + sizeof glued - 1;
        memset(text + n, 'a', sizeof text - 1 - n);
        text[n] = ' ';
        text[sizeof text - 1] = '\0';
        assert_int_equal(rg_matcher_scan(&m, &n, matcher, text, strlen(text), NULL), RG_OK);
        assert_int_equal(n, 1);
        assert_int_equal(m[0].start, k + sizeof glued - 1 - 7);
        rg_free(m);
    }
}

/* A role followed by a capitalised name: the name says who holds it. */
static void test_apposition(void **state)
{
    (void)state;
    assert_string_equal(scan("Le président américain Barack Obama", "2018-06"),
                        "obama/name\"Barack Obama\"");
    assert_string_equal(scan("le président russe Boris Eltsine", "2018-06"), "");
    assert_string_equal(scan("le chancelier allemand Helmut Kohl", "2018-06"), "");
    assert_string_equal(scan("le Premier ministre britannique Winston Churchill", "2018-06"),
                        "");
    assert_string_equal(scan("le président américain Donald Trump", "2016-12"),
                        "trump/name\"Donald Trump\"");
    assert_string_equal(scan("le président turc Recep Tayyip Erdogan", "2018-06"),
                        "erdogan/role\"président turc\" erdogan/name\"Recep Tayyip Erdogan\"");
    assert_string_equal(scan("le président russe, Vladimir Poutine,", "2018-06"),
                        "poutine/role\"président russe\" poutine/name\"Vladimir Poutine\"");
    assert_string_equal(scan("le président américain Donald J. Trump", "2018-06"),
                        "trump/role\"président américain\" trump/name\"Donald J. Trump\"");
    assert_string_equal(scan("(le président turc Recep Tayyip) Erdogan", "2020-06"),
                        "erdogan/role\"président turc\" erdogan/name\"Erdogan\"");
    assert_string_equal(scan("le président syrien Bachar al-Assad", "2018-06"),
                        "assad/role\"président syrien\" assad/name\"Bachar al-Assad\"");
    assert_string_equal(scan("le chef de la diplomatie américaine Mike Pompeo", "2018-06"),
                        "pompeo/role\"chef de la diplomatie américaine\" "
                        "pompeo/name\"Mike Pompeo\"");
    assert_string_equal(scan("la Première ministre britannique Theresa May", "2017-06"),
                        "may/role\"Première ministre britannique\" may/name\"Theresa May\"");
    assert_string_equal(scan("le président français, Olaf Scholz", "2018-06"), "");
    /* no apposition: a clause after a comma, a state, a new line, capitals */
    assert_string_equal(scan("Pour le président russe, Kiev a tort", "2018-06"),
                        "poutine/role\"président russe\" UKR/metonym\"Kiev\"");
    assert_string_equal(scan("selon le président turc, Israël", "2018-06"),
                        "erdogan/role\"président turc\" ISR/name\"Israël\"");
    assert_string_equal(scan("le président russe\nLe lendemain", "2018-06"),
                        "poutine/role\"président russe\"");
    assert_string_equal(scan("LE PRÉSIDENT RUSSE A DIT", "2018-06"),
                        "poutine/role\"PRÉSIDENT RUSSE\"");
    assert_string_equal(scan("le président russe. Le lendemain", "2018-06"),
                        "poutine/role\"président russe\"");
    /* after a comma, a name that goes on with a verb is the next subject */
    assert_string_equal(scan("Pour le président américain, Emmanuel Macron est un ami",
                             "2017-07"),
                        "trump/role\"président américain\" macron/name\"Emmanuel Macron\"");
    assert_string_equal(scan("Au sujet du président de la République, Xavier Bertrand dit",
                             "2018-09"),
                        "macron/role\"président de la République\"");
    assert_string_equal(scan("du président de la République, Xavier Bertrand.", "2018-09"),
                        "");
    /* a name, a comma, a role without a determiner */
    assert_string_equal(scan("Jacques Chirac, président de la République pendant 12 ans",
                             "2019-12"),
                        "");
    assert_string_equal(scan("Emmanuel Macron, président de la République", "2019-12"),
                        "macron/name\"Emmanuel Macron\" macron/role\"président de la République\"");
    assert_string_equal(scan("Boris Johnson, président russe", "2019-12"),
                        "johnson/name\"Boris Johnson\"");
    assert_string_equal(scan("En France, président de la République", "2019-12"),
                        "FRA/name\"France\" macron/role\"président de la République\"");
}

/* "ancien", "ex-", "vice-", "feu", "défunt", "futur" block every role form. */
static void test_role_prefixes(void **state)
{
    (void)state;
    assert_string_equal(scan("le vice-président des États-Unis Mike Pence", "2018-06"), "");
    assert_string_equal(scan("la vice-présidente des Etats-Unis", "2021-06"), "");
    assert_string_equal(scan("le vice président américain", "2018-06"), "");
    assert_string_equal(scan("L'ancien président des États-Unis", "2018-06"), "");
    assert_string_equal(scan("l'ex-président américain", "2018-06"), "");
    assert_string_equal(scan("l'ex président de la République", "2018-06"), "");
    assert_string_equal(scan("feu le président français", "2018-06"), "");
    assert_string_equal(scan("le défunt président russe", "2018-06"), "");
    assert_string_equal(scan("le futur Premier ministre britannique", "2018-06"), "");
    assert_string_equal(scan("l'ancien maître du Kremlin", "2018-06"), "");
    assert_string_equal(scan("le vice-Premier ministre turc", "2012-06"), "");
    assert_string_equal(scan("un haut dirigeant nord-coréen", "2018-06"), "");
    assert_string_equal(scan("s'il est élu président de la République", "2016-08"), "");
    assert_string_equal(scan("l'ancienne Première ministre britannique", "2018-06"), "");
    /* president-elect phrases that start with "futur" stay */
    assert_string_equal(scan("le futur président américain", "2016-12"),
                        "trump/role\"futur président américain\"");
    /* "le" alone is no prefix; a prefix elsewhere in the sentence does not count */
    assert_string_equal(scan("l'ancien ministre et le président russe", "2018-06"),
                        "poutine/role\"président russe\"");
}

/* Feminine forms resolve to women only; masculine forms stay generic. */
static void test_gender(void **state)
{
    (void)state;
    assert_string_equal(scan("la présidente de la Commission européenne", "2018-06"), "");
    assert_string_equal(scan("la présidente de la Commission européenne Ursula von der Leyen",
                             "2018-06"),
                        "vonderleyen/name\"Ursula von der Leyen\"");
    assert_string_equal(scan("la présidente de la Commission européenne", "2020-06"),
                        "vonderleyen/role\"présidente de la Commission européenne\"");
    assert_string_equal(scan("la Secrétaire d'État américaine", "2018-06"), "");
    assert_string_equal(scan("le secrétaire d'État américain", "2018-06"),
                        "pompeo/role\"secrétaire d'État américain\"");
    assert_string_equal(scan("la Première ministre britannique", "2017-06"),
                        "may/role\"Première ministre britannique\"");
    assert_string_equal(scan("la chancelière allemande", "2017-06"),
                        "merkel/role\"chancelière allemande\"");
    assert_string_equal(scan("le Premier ministre britannique", "2017-06"),
                        "may/role\"Premier ministre britannique\"");
    assert_string_equal(scan("la présidente américaine", "2018-06"), "");
    assert_string_equal(scan("son homologue allemande", "2018-06"),
                        "merkel/role\"homologue allemande\"");
    assert_string_equal(scan("son homologue américaine", "2018-06"), "");
    assert_string_equal(scan("la cheffe du gouvernement britannique", "2019-08"), "");
}

/* A generic role followed by another country is that country's. */
static void test_generic_roles(void **state)
{
    (void)state;
    assert_string_equal(scan("le président élu de Gambie", "2016-12"), "");
    assert_string_equal(scan("le président élu autrichien", "2016-12"), "");
    assert_string_equal(scan("le président élu sud-coréen", "2017-05"), "");
    assert_string_equal(scan("le président élu d'Autriche", "2016-12"), "");
    assert_string_equal(scan("le président élu du Brésil", "2018-11"), "");
    assert_string_equal(scan("le président élu Jair Bolsonaro", "2018-11"), "");
    assert_string_equal(scan("le président élu a promis", "2016-12"),
                        "trump/role\"président élu\"");
    assert_string_equal(scan("le président élu républicain", "2016-12"),
                        "trump/role\"président élu\"");
    assert_string_equal(scan("Donald Trump, président élu des États-Unis", "2017-01-09"),
                        "trump/name\"Donald Trump\" trump/role\"président élu des États-Unis\"");
    assert_string_equal(scan("le président-élu américain", "2017-01-09"),
                        "trump/role\"président-élu américain\"");
    assert_string_equal(scan("le président élu, Donald Trump", "2016-12"),
                        "trump/role\"président élu\" trump/name\"Donald Trump\"");
}

/* Metonyms and persons' names need a capital; role phrases do not. */
static void test_capitals(void **state)
{
    (void)state;
    assert_string_equal(scan("les paris sportifs", "2018-06"), "");
    assert_string_equal(scan("Paris et l'Élysée", "2018-06"),
                        "FRA/metonym\"Paris\" FRA/metonym\"Élysée\"");
    assert_string_equal(scan("l'elysee, la maison blanche, moscou", "2018-06"), "");
    assert_string_equal(scan("PARIS", "2018-06"), "FRA/metonym\"PARIS\"");
    assert_string_equal(scan("poutine, macron", "2018-06"), "");
    assert_string_equal(scan("LE PRÉSIDENT FRANÇAIS", "2018-06"),
                        "macron/role\"PRÉSIDENT FRANÇAIS\"");
    assert_string_equal(scan("en mai, May", "2018-06"), "");
    assert_string_equal(scan("la russie et la Russie", "2018-06"),
                        "RUS/name\"russie\" RUS/name\"Russie\"");
}

/*
 * Keys that start a word only start after a byte that is not an ASCII
 * letter or digit (matcher.c, "Word starts"): glued to a letter, a digit,
 * an accented or Greek letter, no mention; after punctuation, a space,
 * typographic quotes or dashes, or at the very start, a mention.
 */
static void test_word_starts(void **state)
{
    (void)state;
    assert_string_equal(scan("xPoutine 2Poutine éPoutine ωPoutine", NULL), "");
    assert_string_equal(scan("Poutine _Poutine", NULL),
                        "poutine/name\"Poutine\" poutine/name\"Poutine\"");
    assert_string_equal(scan("(Poutine)—Macron–Merkel’Trump", NULL),
                        "poutine/name\"Poutine\" macron/name\"Macron\" "
                        "merkel/name\"Merkel\" trump/name\"Trump\"");
    assert_string_equal(scan("l'Élysée,Moscou.Paris\tPékin\xC2\xA0" "Damas", NULL),
                        "FRA/metonym\"Élysée\" RUS/metonym\"Moscou\" FRA/metonym\"Paris\" "
                        "CHN/metonym\"Pékin\" SYR/metonym\"Damas\"");
    /* a key inside a longer one, and after a key that failed midway */
    assert_string_equal(scan("Angela MerkelMerkel Angela Merkel", NULL),
                        "merkel/name\"Angela Merkel\"");
    assert_string_equal(scan("Vladimir Pou Vladimir Poutine", NULL),
                        "poutine/name\"Vladimir Poutine\"");
    assert_string_equal(scan("président russes président russe", "2018-03-01"),
                        "poutine/role\"président russe\"");
    assert_string_equal(scan("\xFFPoutine \x80Macron", NULL),
                        "poutine/name\"Poutine\" macron/name\"Macron\"");
}

/* Matches of `text` with a matcher over dictionary `json`, as scan() prints them. */
static const char *scan_dict(const char *json, const char *text)
{
    static char buf[512];
    rg_actors *a = NULL;
    rg_matcher *mt = NULL;
    rg_match *m = NULL;
    size_t n = 0, i, len = 0;

    assert_int_equal(rg_actors_from_buffer(&a, json, strlen(json), "t.json"), RG_OK);
    assert_int_equal(rg_matcher_new(&mt, a), RG_OK);
    assert_int_equal(rg_matcher_scan(&m, &n, mt, text, strlen(text), NULL), RG_OK);
    buf[0] = '\0';
    for (i = 0; i < n; i++) {
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s\"%.*s\"", i ? " " : "",
                                rg_actors_id(a, (size_t)m[i].actor),
                                (int)(m[i].end - m[i].start), text + m[i].start);
    }
    rg_free(m);
    rg_matcher_free(mt);
    rg_actors_free(a);
    return buf;
}

/*
 * Keys that start with no letter or digit ("-Gamma") match anywhere, keys
 * that start with a non-ASCII letter ("Δelta") or a digit need a word
 * start like the others, and keys with non-word bytes inside ("b.c",
 * "Ωmega Ψ") match across them.
 */
static void test_unusual_keys(void **state)
{
    static const char json[] =
        "{\"schema\": 1, \"actors\": ["
        "{\"id\":\"a\",\"label\":\"A\",\"type\":\"organisation\","
        "\"aliases\":[\"Alpha\",\"Alpha Beta\"]},"
        "{\"id\":\"g\",\"label\":\"G\",\"type\":\"organisation\",\"aliases\":[\"-Gamma\"]},"
        "{\"id\":\"d\",\"label\":\"D\",\"type\":\"organisation\","
        "\"aliases\":[\"Δelta\",\"42\"]},"
        "{\"id\":\"o\",\"label\":\"O\",\"type\":\"organisation\","
        "\"aliases\":[\"b.c\",\"Ωmega Ψ\"]}]}";

    (void)state;
    assert_string_equal(scan_dict(json, "xAlpha Alpha, (Alpha Beta) Alphas"),
                        "a\"Alpha\" a\"Alpha Beta\"");
    assert_string_equal(scan_dict(json, "x-Gamma Alpha-Gamma -Gammas"),
                        "g\"-Gamma\" a\"Alpha\" g\"-Gamma\"");
    assert_string_equal(scan_dict(json, "xΔelta αΔelta éΔelta «Δelta» Δelta"),
                        "d\"Δelta\" d\"Δelta\"");
    assert_string_equal(scan_dict(json, "142 x42 42x (42) 42"), "d\"42\" d\"42\"");
    assert_string_equal(scan_dict(json, "ab.c b.cd b.c Ωmega Ψ xΩmega Ψ Ωmega Ψs"),
                        "o\"b.c\" o\"Ωmega Ψ\"");
    assert_string_equal(scan_dict(json, ""), "");
}

static void test_alloc_failures(void **state)
{
    static const char text[] = "Theresa May et le président américain à Moscou. May.";
    rg_date d = { 2018, 1, 1 };
    rg_matcher *m2 = NULL;
    rg_match *res = NULL;
    size_t n = 0;
    long k;
    int rc;

    (void)state;
    for (k = 1;; k++) {
        rg_alloc_fail_at(k);
        m2 = (rg_matcher *)(uintptr_t)1;
        rc = rg_matcher_new(&m2, dict);
        if (rc == RG_OK) {
            break;
        }
        assert_int_equal(rc, RG_ERROR);
        assert_null(m2);
        assert_string_equal(rg_error_last()->message, "out of memory");
    }
    assert_true(k > 5);
    for (k = 1;; k++) {
        rg_alloc_fail_at(k);
        rc = rg_matcher_scan(&res, &n, m2, text, strlen(text), &d);
        if (rc == RG_OK) {
            break;
        }
        assert_int_equal(rc, RG_ERROR);
        assert_null(res);
        assert_int_equal(n, 0);
    }
    rg_alloc_fail_at(0);
    assert_true(k > 3);
    assert_int_equal(n, 4);
    rg_free(res);
    rg_matcher_free(m2);
}

typedef struct {
    const char *text;
    size_t n;
    int ok;
} thread_job;

static void *scan_thread(void *p)
{
    thread_job *job = p;
    rg_date d = { 2018, 3, 1 };
    int i;

    job->ok = 1;
    for (i = 0; i < 200; i++) {
        rg_match *m = NULL;
        size_t n = 0;
        if (rg_matcher_scan(&m, &n, matcher, job->text, strlen(job->text), &d) != RG_OK ||
            n != job->n) {
            job->ok = 0;
        }
        rg_free(m);
    }
    return NULL;
}

static void test_threads(void **state)
{
    thread_job jobs[4] = {
        { "Le président russe et Donald Trump à Moscou.", 3, 0 },
        { "Theresa May, May, la chancelière allemande.", 3, 0 },
        { "Kim Darroch, Obamacare, mai.", 0, 0 },
        { "l'Élysée, Erdoğan, Xi Jinping, Xi.", 4, 0 },
    };
    pthread_t th[4];
    int i;

    (void)state;
    for (i = 0; i < 4; i++) {
        assert_int_equal(pthread_create(&th[i], NULL, scan_thread, &jobs[i]), 0);
    }
    for (i = 0; i < 4; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        assert_true(jobs[i].ok);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_roles_across_terms),
        cmocka_unit_test(test_counterparts),
        cmocka_unit_test(test_president_elect),
        cmocka_unit_test(test_state_phrase_roles),
        cmocka_unit_test(test_not_roles),
        cmocka_unit_test(test_traps),
        cmocka_unit_test(test_guarded),
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_metonyms_and_states),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_long_texts),
        cmocka_unit_test(test_seam_word_starts),
        cmocka_unit_test(test_apposition),
        cmocka_unit_test(test_role_prefixes),
        cmocka_unit_test(test_gender),
        cmocka_unit_test(test_generic_roles),
        cmocka_unit_test(test_capitals),
        cmocka_unit_test(test_word_starts),
        cmocka_unit_test(test_unusual_keys),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_threads),
    };

    return cmocka_run_group_tests_name("matcher", tests, group_setup, group_teardown);
}
