/* SPDX-License-Identifier: MIT */
/*
 * The extractor's stance gate (extract_gate.c): the pair test over the
 * actors a document's stance pass could see, the side keys the matcher
 * reports (the state adjectives), the fold's odd flag, and extraction with
 * the gate on and off (the same evidence, on hand-made documents, the
 * seeds and mutated variants of both).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <relgraph/alloc.h>
#include <relgraph/clean.h>
#include <relgraph/errors.h>
#include <relgraph/evidence.h>
#include <relgraph/extract.h>
#include <relgraph/reader.h>
#include <relgraph/text.h>
#include "extract_internal.h" /* rg_extract__may_relate, rg_extract__gate_* */
#include "lexicon.h"          /* rg_lexicon__is_word_cp */
#include "matcher_internal.h" /* rg_matcher__new_side, rg_matcher__scan_side */
#include "text_internal.h"    /* rg_text__fold_odd */

#include "defaults_fixture.h" /* g_actors, g_lexicon, setup, teardown */

static int actor(const char *id)
{
    int a = rg_actors_find(g_actors, id);

    if (a < 0) {
        fail_msg("no actor %s", id);
    }
    return a;
}

/* ---- the pair test ---- */

static void test_may_relate(void **state)
{
    rg_date d = { 2019, 6, 15 };
    int u[4] = { 0 }, leader;

    (void)state;
    assert_int_equal(rg_extract__may_relate(g_actors, u, 0), 0); /* empty */
    u[0] = actor("poutine");
    assert_int_equal(rg_extract__may_relate(g_actors, u, 1), 0); /* one person */
    u[1] = actor("RUS");
    assert_int_equal(rg_extract__may_relate(g_actors, u, 2), 0); /* person + own state */
    u[1] = actor("USA");
    assert_int_equal(rg_extract__may_relate(g_actors, u, 2), 1); /* person + other state */
    u[1] = actor("EU");
    assert_int_equal(rg_extract__may_relate(g_actors, u, 2), 1); /* person + organisation */
    u[0] = actor("RUS");
    u[1] = actor("USA");
    assert_int_equal(rg_extract__may_relate(g_actors, u, 2), 1); /* two states */
    u[0] = actor("poutine");
    u[1] = actor("trump");
    assert_int_equal(rg_extract__may_relate(g_actors, u, 2), 1); /* two persons */
    u[0] = actor("skripal");
    u[1] = actor("RUS");
    assert_int_equal(rg_extract__may_relate(g_actors, u, 2), 0); /* person without a state */
    u[0] = u[1] = actor("USA");
    u[2] = -1;
    assert_int_equal(rg_extract__may_relate(g_actors, u, 3), 0); /* repeats, none */
    leader = rg_actors_leader_at(g_actors, (size_t)actor("RUS"), &d);
    assert_int_equal(leader, actor("poutine"));
    u[0] = actor("RUS");
    u[1] = leader;
    assert_int_equal(rg_extract__may_relate(g_actors, u, 2), 0); /* state + its leader */
    u[2] = actor("trump");
    assert_int_equal(rg_extract__may_relate(g_actors, u, 3), 1);
}

/* The index of side key `key` (folded) of gate g; fails when none. */
static size_t side_index(const rg_extract__gate *g, const char *key)
{
    size_t n, i;
    const rg_matcher__side *side = rg_extract__gate_side(g, &n);

    for (i = 0; i < n; i++) {
        if (side[i].len == strlen(key) && memcmp(side[i].key, key, side[i].len) == 0) {
            return i;
        }
    }
    fail_msg("no side key %s", key);
    return 0;
}

/* gate_skips on a one-sentence text with the given mentions (actor ids,
 * NULL-terminated) and side keys found (folded, NULL-terminated). */
static int skips(const rg_extract__gate *g, const char *text, const char *const *ids,
                 const char *const *found, const rg_date *date)
{
    rg_evidence ev;
    rg_mention m[4];
    rg_span sp;
    uint64_t bits[RG_EXTRACT__SIDE_WORDS] = { 0 };
    size_t i, k;

    memset(&ev, 0, sizeof ev);
    memset(m, 0, sizeof m);
    for (i = 0; ids[i]; i++) {
        m[i].actor = actor(ids[i]);
    }
    for (i = 0; found[i]; i++) {
        k = side_index(g, found[i]);
        bits[k >> 6] |= (uint64_t)1 << (k & 63);
    }
    sp.start = 0;
    sp.end = strlen(text);
    ev.clean = (char *)(uintptr_t)text;
    ev.clean_len = sp.end;
    ev.sentences = &sp;
    ev.n_sentences = 1;
    ev.mentions = m;
    for (ev.n_mentions = 0; ids[ev.n_mentions]; ev.n_mentions++) {
    }
    return rg_extract__gate_skips(g, &ev, g_actors, date, bits);
}

/* U from mentions, adjectives and leaders; dated and undated. */
static void test_gate_skips(void **state)
{
    static const char *const none[] = { NULL }, *const skripal[] = { "skripal", NULL };
    static const char *const macron[] = { "macron", NULL }, *const fra[] = { "FRA", NULL };
    static const char *const russe[] = { "russe", NULL }, *const americain[] = { "americain",
                                                                               NULL };
    static const char *const francais[] = { "francais", NULL };
    rg_date d = { 2019, 6, 15 };
    rg_extract__gate *g = NULL;

    (void)state;
    assert_int_equal(rg_extract__gate_new(&g, g_lexicon, g_actors), RG_OK);
    assert_int_equal(skips(g, "Rien.", none, none, &d), 1);
    assert_int_equal(skips(g, "Rien.", macron, none, &d), 1);
    assert_int_equal(skips(g, "Rien.", macron, francais, &d), 1); /* + FRA + its leader */
    assert_int_equal(skips(g, "Rien.", fra, americain, &d), 0);   /* FRA, USA, Trump */
    assert_int_equal(skips(g, "Rien.", none, americain, &d), 1);  /* USA and Trump */
    assert_int_equal(skips(g, "Rien.", none, americain, NULL), 1);
    /* Skripal has no state: with Russia alone, nothing; with its leader, a pair */
    assert_int_equal(skips(g, "Rien.", skripal, russe, NULL), 1);
    assert_int_equal(skips(g, "Rien.", skripal, russe, &d), 0);
    rg_extract__gate_free(g);
}

/* The edge of a sentence between two letters: its word is looked up. */
static void test_gate_edges(void **state)
{
    static const char *const skripal[] = { "skripal", NULL };
    rg_date d = { 2019, 6, 15 };
    rg_extract__gate *g = NULL;
    rg_evidence ev;
    rg_mention m;
    rg_span sp[2];
    uint64_t bits[RG_EXTRACT__SIDE_WORDS] = { 0 };
    const char *t = "Il sort de prisonRusses et Turcs saluent.";

    (void)state;
    assert_int_equal(rg_extract__gate_new(&g, g_lexicon, g_actors), RG_OK);
    memset(&ev, 0, sizeof ev);
    memset(&m, 0, sizeof m);
    m.actor = actor(skripal[0]);
    sp[0].start = 0;
    sp[0].end = 17; /* "Il sort de prison" */
    sp[1].start = 17;
    sp[1].end = strlen(t);
    ev.clean = (char *)(uintptr_t)t;
    ev.clean_len = strlen(t);
    ev.sentences = sp;
    ev.n_sentences = 2;
    ev.mentions = &m;
    ev.n_mentions = 1;
    /* "Russes" starts the second sentence: Russia and its leader join U */
    assert_int_equal(rg_extract__gate_skips(g, &ev, g_actors, &d, bits), 0);
    assert_int_equal(rg_extract__gate_skips(g, &ev, g_actors, NULL, bits), 1);
    t = "Il sort de prisonDans la ville.";
    ev.clean = (char *)(uintptr_t)t;
    ev.clean_len = strlen(t);
    sp[1].end = strlen(t);
    assert_int_equal(rg_extract__gate_skips(g, &ev, g_actors, &d, bits), 1);
    t = "Les relations russesDans la ville.";
    ev.clean = (char *)(uintptr_t)t;
    ev.clean_len = strlen(t);
    sp[0].end = 20; /* ends with "russes", cut before "Dans" */
    sp[1].start = 20;
    sp[1].end = strlen(t);
    assert_int_equal(rg_extract__gate_skips(g, &ev, g_actors, &d, bits), 0);
    rg_extract__gate_free(g);
}

/* ---- side keys ---- */

/* Scans text with the gate's side keys: the bits found, and the matches
 * compared with those of the plain matcher. */
static void side_scan(const rg_matcher *ms, const rg_matcher *plain, const char *text,
                      uint64_t *bits)
{
    rg_match *m1 = NULL, *m2 = NULL;
    size_t n1 = 0, n2 = 0, klen = 0, *map = NULL, i;
    char *key = NULL;
    rg_date d = { 2019, 6, 15 };

    memset(bits, 0, RG_EXTRACT__SIDE_WORDS * sizeof *bits);
    assert_int_equal(rg_text_fold(&key, &klen, &map, text, strlen(text)), RG_OK);
    assert_int_equal(rg_matcher__scan_side(&m1, &n1, ms, text, strlen(text), key, klen, map, NULL,
                                           &d, bits),
                     RG_OK);
    assert_int_equal(rg_matcher_scan(&m2, &n2, plain, text, strlen(text), &d), RG_OK);
    assert_int_equal(n1, n2);
    for (i = 0; i < n1; i++) { /* field by field: the struct has padding */
        assert_int_equal(m1[i].actor, m2[i].actor);
        assert_int_equal(m1[i].start, m2[i].start);
        assert_int_equal(m1[i].end, m2[i].end);
        assert_int_equal(m1[i].kind, m2[i].kind);
    }
    rg_free(m1);
    rg_free(m2);
    rg_free(key);
    rg_free(map);
}

/* The bits of the space-separated side keys `keys` into bits. */
static void side_bits(const rg_extract__gate *g, const char *keys, uint64_t *bits)
{
    char buf[128], *tok, *save = NULL;
    size_t k;

    snprintf(buf, sizeof buf, "%s", keys);
    for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        k = side_index(g, tok);
        bits[k >> 6] |= (uint64_t)1 << (k & 63);
    }
}

static void test_side_hits(void **state)
{
    /* keys: found (a side key that begins a longer word may be found too:
     * "russe" in "russes"); not: side keys that must not be, nowhere at a
     * word start */
    static const struct {
        const char *text;
        const char *keys, *not;
    } cases[] = {
        { "Les autorités russes ont parlé.", "russes", "russo turc" },
        { "LES AUTORITÉS RUSSES", "russes", "russo" },
        { "les autorités Russes, rUsSeS.", "russes", "russo" },
        { "l'aviation américaine", "americaine", "americains russe" },
        { "l\xE2\x80\x99" "aviation AMÉRICAINE", "americaine", "americaines" },
        { "les manœuvres russo-américaines", "russo americaines", "russe" },
        { "\xC2\xAB" "russe\xC2\xBB et \xC2\xAB turc \xC2\xBB", "russe turc", "russes" },
        { "russe", "russe", "russes" },
        { "Israéliens et Chinois", "israeliens chinois", "chinoise" },
        { "la flotte britannique", "britannique", "britanniques" },
        { "le président russe Vladimir Poutine a dit", "russe", "russo" },
        { "les présidents russe et américain", "russe americain", "turc" },
        { "la Prusse et les prussiens, franco", "franco", "russe russes" },
        { "xrusse, 2turc, lsino, l_sino", "sino", "russe turc" },
    };
    rg_extract__gate *g = NULL;
    rg_matcher *ms = NULL, *plain = NULL;
    const rg_matcher__side *side;
    uint64_t bits[RG_EXTRACT__SIDE_WORDS];
    size_t nside, i, k;

    (void)state;
    assert_int_equal(rg_extract__gate_new(&g, g_lexicon, g_actors), RG_OK);
    side = rg_extract__gate_side(g, &nside);
    assert_true(nside >= 40); /* 11 states, about 4 forms each */
    assert_int_equal(rg_matcher__new_side(&ms, g_actors, side, nside), RG_OK);
    assert_int_equal(rg_matcher_new(&plain, g_actors), RG_OK);
    assert_true(rg_matcher__side_ok(ms));
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint64_t want[RG_EXTRACT__SIDE_WORDS] = { 0 }, not[RG_EXTRACT__SIDE_WORDS] = { 0 };
        side_scan(ms, plain, cases[i].text, bits);
        side_bits(g, cases[i].keys, want);
        side_bits(g, cases[i].not, not);
        for (k = 0; k < RG_EXTRACT__SIDE_WORDS; k++) {
            if ((bits[k] & want[k]) != want[k] || (bits[k] & not[k]) != 0) {
                fail_msg("case %zu (%s): bits %llx, want %llx, not %llx", i, cases[i].text,
                         (unsigned long long)bits[k], (unsigned long long)want[k],
                         (unsigned long long)not[k]);
            }
        }
    }
    rg_matcher_free(ms);
    rg_matcher_free(plain);
    rg_extract__gate_free(g);
}

/* A side key equal to an actor's key stays the actor's, and is reported. */
static void test_side_key_is_actor_key(void **state)
{
    rg_matcher__side side[2] = { { "poutine", 7 }, { "kremlinesque", 12 } };
    rg_matcher *ms = NULL, *plain = NULL;
    uint64_t bits[RG_EXTRACT__SIDE_WORDS];

    (void)state;
    assert_int_equal(rg_matcher__new_side(&ms, g_actors, side, 2), RG_OK);
    assert_int_equal(rg_matcher_new(&plain, g_actors), RG_OK);
    assert_true(rg_matcher__side_ok(ms));
    side_scan(ms, plain, "Vladimir Poutine parle.", bits);
    assert_int_equal(bits[0], 1);
    side_scan(ms, plain, "un ton kremlinesque", bits);
    assert_int_equal(bits[0], 2);
    rg_matcher_free(ms);
    side[1] = side[0]; /* the same side key twice: not taken */
    assert_int_equal(rg_matcher__new_side(&ms, g_actors, side, 2), RG_OK);
    assert_false(rg_matcher__side_ok(ms));
    rg_matcher_free(ms);
    side[0].key = "-x"; /* never at a word start */
    side[0].len = 2;
    assert_int_equal(rg_matcher__new_side(&ms, g_actors, side, 1), RG_OK);
    assert_false(rg_matcher__side_ok(ms));
    rg_matcher_free(ms);
    rg_matcher_free(plain);
}

/* ---- the fold's odd flag ---- */

static void test_fold_odd(void **state)
{
    static const struct {
        const char *text;
        int odd;
    } cases[] = {
        { "les autorités russes", 0 },
        { "« russe » l\xE2\x80\x99\xC3\x89lys\xC3\xA9" "e 5 \xE2\x82\xAC a  b\tc", 0 },
        { "\xC2\xAA \xC2\xB2 \xC2\xBD \xEF\xBD\x92\xEF\xBD\x95 \xC3\x9F \xC5\x93", 0 },
        { "x\xC2\xAD" "russe", 1 },     /* soft hyphen: dropped */
        { "a\x01" "b", 1 },             /* control: dropped */
        { "a\x7F" "b", 1 },             /* DEL */
        { "x\xCC\x81russe", 1 },        /* combining acute */
        { "\xE2\x84\xA2russe", 1 },     /* ™ -> tm */
        { "\xE2\x84\x83 russe", 1 },    /* ℃ -> °c */
        { "x\xE2\x80\x8Brusse", 1 },    /* zero-width space */
        { "\xC2\x85", 0 },              /* NEL: a space */
        { "une phrase bien plus longue avec des accents \xC3\xA9t\xC3\xA9 et ici\xC2\xAD"
          "russe, pour les blocs",
          1 },
        { "une phrase bien plus longue avec des accents \xC3\xA9t\xC3\xA9 et ici encore "
          "russe, pour les blocs de 32 octets et plus \xC3\xA0 la fin\x02",
          1 },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *k1 = NULL, *k2 = NULL;
        size_t l1 = 0, l2 = 0, *m1 = NULL, *m2 = NULL, n = strlen(cases[i].text);
        int odd = -1;
        assert_int_equal(rg_text__fold_odd(&k1, &l1, &m1, cases[i].text, n, &odd), RG_OK);
        assert_int_equal(rg_text_fold(&k2, &l2, &m2, cases[i].text, n), RG_OK);
        if (odd != cases[i].odd) {
            fail_msg("case %zu: odd %d, want %d", i, odd, cases[i].odd);
        }
        assert_int_equal(l1, l2); /* the same fold */
        assert_memory_equal(k1, k2, l1);
        assert_memory_equal(m1, m2, (l1 + 1) * sizeof *m1);
        rg_free(k1);
        rg_free(k2);
        rg_free(m1);
        rg_free(m2);
    }
}

/* ---- extraction with the gate on and off ---- */

/* Hand-made documents: adjectives of other states with no mention or one,
 * leaders by adjective, pairs, odd characters and cut words next to them. */
static const char *const diff_docs[] = {
    "Les autorités russes ont condamné les frappes.",
    "Moscou a condamné l'aviation américaine.",
    "L'aviation russe a bombardé la ville. Washington a protesté.",
    "Emmanuel Macron a critiqué son homologue américain.",
    "Son homologue américain a salué la décision de Paris.",
    "Les présidents russe et américain se sont rencontrés à Helsinki.",
    "Les autorités britanniques et allemandes ont dénoncé Moscou.",
    "Vladimir Poutine a dénoncé les sanctions. Il a accusé les autorités britanniques.",
    "Les manœuvres russo-américaines ont été critiquées par la Chine.",
    "Sergueï Skripal a été empoisonné, selon les autorités russes.",
    "Sergueï Skripal accuse le président russe.",
    "La chancelière allemande a critiqué le président français.",
    "Les Français ont salué les autorités françaises. Emmanuel Macron a remercié la France.",
    "Le chef d'État américain a menacé les autorités iraniennes.",
    "Les deux présidents se sont rencontrés. Ils ont condamné les autorités turques.",
    "Donald Trump a rencontré Vladimir Poutine. Les deux présidents ont salué l'accord.",
    "Il sort de prisonRusses et Turcs saluent la décision.",
    "Sergueï Skripal a quitté la prisonRusses et Britanniques ont condamné l'attaque.",
    "Sergueï Skripal a condamné les autoritésRusses. Londres a protesté.",
    "Sergueï Skripal a condamné les pressions russesDans un communiqué.",
    "Donald Trump accuse les autorités russesDans un communiqué, il insiste.",
    "Les autorités\xC2\xAD" "britanniques ont critiqué Moscou.",
    "Les autorités\xE2\x84\xA2" "britanniques ont critiqué Moscou.",
    "Les autorités \x01" "britanniques ont critiqué Moscou.",
    "Les autorités\xCC\x81" "chinoises ont dénoncé les sanctions de l'UE.",
    "Les autorités \xC2\xAA" "chinoises ont dénoncé la Turquie.",
    "L'armée israélienne a frappé des positions iraniennes en Syrie.",
    "Le gouvernement syrien accuse les rebelles.",
    "Pékin a dénoncé les autorités ukrainiennes.",
    "« Nous condamnons », a déclaré un responsable chinois à propos de l'Iran.",
    "Rien à signaler. Les relations franco-allemandes restent bonnes.",
    "Angela Merkel a critiqué la position américaine sur l'Iran.",
    /* a noun cue that ends the sentence ("menacé" here): st_noun_agent
     * read the token after it, past the tokens' end (found by fuzzing) */
    "Skripal chef d'État le Royaume-Uni menacé",
};

/* A copy of `in` changed by operation op (seeded by r): capitals, a
 * character glued before a word, two words glued, full stops glued. */
static void diff_mutate(char *out, size_t cap, const char *in, unsigned op, unsigned r)
{
    static const char *const glue[] = {
        "\xC2\xAD", "\xE2\x84\xA2", "\x01", "\xC2\xAA", "\xC2\xB2", "\xEF\xBD\x81", "\xCC\x81",
        "\xE2\x80\x8B", "\xC2\xAB", "-", "\xE2\x80\x99", "\xC2\xBD", "\xE2\x84\x83", "\x7F",
    };
    size_t n = strlen(in), i, o = 0, spaces = 0, pick;

    for (i = 0; i < n; i++) {
        spaces += in[i] == ' ';
    }
    pick = spaces ? r % spaces : 0;
    for (i = 0; i < n && o + 8 < cap; i++) {
        char c = in[i];
        if (op == 0 && c >= 'a' && c <= 'z') {
            c = (char)(c - 32);
        }
        if (c == ' ' && pick-- == 0) {
            if (op == 1) {
                out[o++] = ' ';
                o += (size_t)snprintf(out + o, cap - o, "%s", glue[(r / 7) % 14]);
                continue;
            }
            if (op == 2) { /* "prison Russes" -> "prisonRusses" */
                if (i + 1 < n && in[i + 1] >= 'a' && in[i + 1] <= 'z') {
                    out[o++] = (char)(in[++i] - 32);
                }
                continue;
            }
        }
        if (op == 3 && c == ' ' && i > 0 && in[i - 1] == '.') {
            continue; /* "fin. Le" -> "fin.Le" */
        }
        out[o++] = c;
    }
    out[o] = '\0';
}

typedef struct {
    rg_extractor *ex;
    rg_extract__gate *g;
    rg_matcher *ms; /* with the gate's side keys */
    size_t docs, gated, with_stance;
} diff_run;

/* 1 when the gate skips the stance pass of ev (extracted without it). */
static int diff_gated(const diff_run *r, const rg_evidence *ev, const rg_date *date)
{
    uint64_t bits[RG_EXTRACT__SIDE_WORDS] = { 0 };
    rg_match *m = NULL;
    size_t nm = 0, klen = 0, *map = NULL;
    char *key = NULL;
    int odd = 1, skip;

    assert_int_equal(rg_text__fold_odd(&key, &klen, &map, ev->clean, ev->clean_len, &odd),
                     RG_OK);
    assert_int_equal(rg_matcher__scan_side(&m, &nm, r->ms, ev->clean, ev->clean_len, key, klen,
                                           map, NULL, date, bits),
                     RG_OK);
    skip = !odd && rg_extract__gate_skips(r->g, ev, g_actors, date, bits);
    rg_free(m);
    rg_free(key);
    rg_free(map);
    return skip;
}

/* Extracts text (dated `date`, NULL: undated) with the gate on and off:
 * the same JSON line. */
static void diff_one(diff_run *r, const char *text, const rg_date *date)
{
    rg_evidence *ev[2] = { NULL, NULL };
    rg_document *doc[2] = { NULL, NULL };
    size_t i, k;

    for (k = 0; k < 2; k++) {
        assert_int_equal(rg_document_new(&doc[k], "t", text, strlen(text)), RG_OK);
        if (date) {
            doc[k]->date = *date;
            doc[k]->date_source = RG_DATE_MANIFEST;
        }
        rg_extract__set_gate(r->ex, k == 0);
        assert_int_equal(rg_extract__run(&ev[k], r->ex, doc[k], g_actors, 0), RG_OK);
    }
    if (ev[0]->json_len != ev[1]->json_len ||
        memcmp(ev[0]->json, ev[1]->json, ev[0]->json_len) != 0) {
        fail_msg("gate on/off differ on %s:\n%s\n%s", text, ev[0]->json, ev[1]->json);
    }
    for (i = 0; i < ev[1]->n_relations; i++) {
        if (ev[1]->relations[i].type != RG_REL_COMENTION) {
            r->with_stance++;
            break;
        }
    }
    r->gated += (size_t)diff_gated(r, ev[1], doc[1]->date.year ? &doc[1]->date : NULL);
    r->docs++;
    for (k = 0; k < 2; k++) {
        rg_evidence_free(ev[k]);
        rg_document_free(doc[k]);
    }
}

/* Every document and 24 variants of it, dated and undated. */
static void diff_doc(diff_run *r, const char *text, const rg_date *date)
{
    size_t cap = strlen(text) * 2 + 64;
    char *buf = malloc(cap);
    unsigned v;

    assert_non_null(buf);
    diff_one(r, text, date);
    diff_one(r, text, NULL);
    for (v = 0; v < 24; v++) {
        diff_mutate(buf, cap, text, v % 4, v * 2654435761u + (unsigned)strlen(text));
        diff_one(r, buf, date);
    }
    free(buf);
}

/* The seeds (corpus/seeds, dated by their manifest) through diff_doc. */
static void diff_seeds(diff_run *r)
{
    const char *in[] = { "corpus/seeds" };
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_reader *rd = NULL;
    rg_document *doc = NULL;
    size_t n = 0;

    ro.manifest = "corpus/seeds/manifest.tsv";
    assert_int_equal(rg_reader_new(&rd, in, 1, &ro), RG_OK);
    while (rg_reader_next(rd, &doc) == 1) {
        rg_date d = doc->date;
        diff_doc(r, doc->text, d.year ? &d : NULL);
        rg_document_free(doc);
        n++;
    }
    rg_reader_free(rd);
    assert_true(n >= 5);
}

static void test_gate_differential(void **state)
{
    rg_date d = { 2019, 6, 15 };
    rg_boilerplate *bp = NULL;
    const rg_matcher__side *side;
    size_t nside, i, pass;

    (void)state;
    assert_int_equal(rg_boilerplate_default(&bp), RG_OK);
    for (pass = 0; pass < 2; pass++) { /* the cleaner's key, then the extractor's fold */
        diff_run r;
        rg_extract_options o;
        memset(&r, 0, sizeof r);
        memset(&o, 0, sizeof o);
        o.actors = g_actors;
        o.lexicon = g_lexicon;
        o.boilerplate = pass == 0 ? bp : NULL;
        o.clean.html = -1;
        o.clean.boilerplate = 1;
        assert_int_equal(rg_extractor_new(&r.ex, &o), RG_OK);
        assert_true(rg_extract__gate_ready(r.ex));
        assert_int_equal(rg_extract__gate_new(&r.g, g_lexicon, g_actors), RG_OK);
        side = rg_extract__gate_side(r.g, &nside);
        assert_int_equal(rg_matcher__new_side(&r.ms, g_actors, side, nside), RG_OK);
        for (i = 0; i < sizeof diff_docs / sizeof diff_docs[0]; i++) {
            diff_doc(&r, diff_docs[i], &d);
        }
        diff_seeds(&r);
        /* both kinds are there: documents the gate skips, and documents
         * with stance relations it must not skip */
        print_message("differential: %zu documents, %zu gated, %zu with stance\n", r.docs,
                      r.gated, r.with_stance);
        assert_true(r.gated > r.docs / 10);
        assert_true(r.with_stance > r.docs / 10);
        rg_matcher_free(r.ms);
        rg_extract__gate_free(r.g);
        rg_extractor_free(r.ex);
    }
    rg_boilerplate_free(bp);
}

/* The allocations of one extraction of text, undated, gate on or off. */
static long gate_allocs(rg_extractor *ex, const char *text, int on)
{
    rg_document *doc = NULL;
    rg_evidence *ev = NULL;
    long n;

    assert_int_equal(rg_document_new(&doc, "t", text, strlen(text)), RG_OK);
    rg_extract__set_gate(ex, on);
    rg_alloc_fail_at(0); /* resets the count */
    assert_int_equal(rg_extract__run(&ev, ex, doc, g_actors, 0), RG_OK);
    n = rg_alloc_count();
    rg_evidence_free(ev);
    rg_document_free(doc);
    return n;
}

/* The extractor's own gate works, with either key (the cleaner's, its own
 * fold): a document it may skip makes no stance context (fewer
 * allocations than with the gate off), one that relates is not skipped.
 * The differential test alone passes with a gate that never skips. */
static void test_gate_engages(void **state)
{
    static const char skip[] = "Sergueï Skripal accuse les autorités russes.";
    static const char keep[] = "Vladimir Poutine critique les autorités américaines.";
    rg_boilerplate *bp = NULL;
    rg_extract_options o;
    rg_extractor *ex = NULL;
    int pass;

    (void)state;
    assert_int_equal(rg_boilerplate_default(&bp), RG_OK);
    for (pass = 0; pass < 2; pass++) {
        memset(&o, 0, sizeof o);
        o.actors = g_actors;
        o.lexicon = g_lexicon;
        o.boilerplate = pass == 0 ? bp : NULL;
        o.clean.html = -1;
        o.clean.boilerplate = 1;
        assert_int_equal(rg_extractor_new(&ex, &o), RG_OK);
        assert_true(gate_allocs(ex, skip, 1) < gate_allocs(ex, skip, 0));
        assert_int_equal(gate_allocs(ex, keep, 1), gate_allocs(ex, keep, 0));
        rg_extractor_free(ex);
    }
    rg_boilerplate_free(bp);
}

/* The options test_gate_alloc_failures makes extractors with. */
static rg_extract_options alloc_opts;

/* Makers for fail_each: rg_extract__gate_new and rg_extractor_new into
 * *arg, which a failure leaves NULL. */
static int make_gate(void *arg)
{
    rg_extract__gate **g = arg;
    int rc = rg_extract__gate_new(g, g_lexicon, g_actors);

    if (rc != RG_OK) {
        assert_null(*g);
    }
    return rc;
}

static int make_extractor(void *arg)
{
    rg_extractor **ex = arg;
    int rc = rg_extractor_new(ex, &alloc_opts);

    if (rc != RG_OK) {
        assert_null(*ex);
    }
    return rc;
}

/* Runs make(arg) with its 1st, 2nd... allocation failing until it
 * succeeds; each failure must report "out of memory". Returns the number
 * of the first allocation that did not fail. */
static long fail_each(int (*make)(void *arg), void *arg)
{
    long k;
    int rc;

    for (k = 1;; k++) {
        rg_alloc_fail_at(k);
        rc = make(arg);
        rg_alloc_fail_at(0);
        if (rc == RG_OK) {
            return k;
        }
        assert_int_equal(rc, RG_ERROR);
        assert_string_equal(rg_error_last()->message, "out of memory");
    }
}

/* Every allocation of an extractor with a lexicon (the gate, the matcher
 * with side keys) failing in turn: an error, nothing leaked (sanitizer
 * builds), and an extractor that is made has a working gate: no failure
 * may turn it off silently. */
static void test_gate_alloc_failures(void **state)
{
    rg_extractor *ex = NULL;
    rg_extract__gate *g = NULL;

    (void)state;
    memset(&alloc_opts, 0, sizeof alloc_opts);
    alloc_opts.actors = g_actors;
    alloc_opts.lexicon = g_lexicon;
    assert_true(fail_each(make_gate, &g) > 5);
    rg_extract__gate_free(g);
    assert_true(fail_each(make_extractor, &ex) > 10);
    assert_true(rg_extract__gate_ready(ex));
    rg_extractor_free(ex);
}

/* The gate's edges use the matcher's letter test (rg_text__is_word_cp)
 * for the stance tokenizer's (rg_lexicon__is_word_cp, a fast path of the
 * same categories): both agree on every code point. */
static void test_word_cp_agree(void **state)
{
    int32_t cp;
    long differ = 0;
    (void)state;

    for (cp = 0; cp <= 0x10FFFF; cp++) {
        differ += rg_lexicon__is_word_cp(cp) != rg_text__is_word_cp(cp);
    }
    assert_int_equal(differ, 0);
    assert_true(rg_lexicon__is_word_cp(0xE9) && !rg_lexicon__is_word_cp(0xD7));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_may_relate),
        cmocka_unit_test(test_gate_skips),
        cmocka_unit_test(test_gate_edges),
        cmocka_unit_test(test_word_cp_agree),
        cmocka_unit_test(test_side_hits),
        cmocka_unit_test(test_side_key_is_actor_key),
        cmocka_unit_test(test_fold_odd),
        cmocka_unit_test(test_gate_differential),
        cmocka_unit_test(test_gate_alloc_failures),
        cmocka_unit_test(test_gate_engages),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
