/* SPDX-License-Identifier: MIT */
/*
 * A lazy extraction (rg_pipeline_options.lazy_sentences, `relgraph
 * build`): a document with no match, whose stance pass provably finds
 * nothing, is not split into sentences. Tested here: the screen for
 * capitals glued to a lowercase letter or a digit (the only places the
 * splitter cuts inside a word) against a plain reference, the gate's
 * decision without sentences, and extraction lazy and not lazy giving the
 * same mentions and relations on hand-made documents, the seeds and
 * mutated variants of both.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <relgraph/alloc.h>
#include <relgraph/clean.h>
#include <relgraph/errors.h>
#include <relgraph/evidence.h>
#include <relgraph/extract.h>
#include <relgraph/reader.h>
#include "extract_internal.h"  /* rg_extract__run, rg_extract__gate_* */
#include "matcher_internal.h"  /* rg_matcher__new_side, rg_matcher__scan_side */
#include "sentence_internal.h" /* u8_dec, cp_class: the splitter's classes */
#include "text_internal.h"     /* rg_text__fold_odd */

#include "defaults_fixture.h" /* g_actors, g_lexicon, setup, teardown */

/* ---- the glued-capital screen ---- */

/* The reference: the text decoded forward as the splitter does; the next
 * capital at or after p whose code point before is lowercase or a digit. */
static size_t ref_glue_next(const char *text, size_t len, size_t p)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, n;
    int prev = C_SP;

    while (i < len) {
        int c = cp_class(u8_dec(s, len, i, &n));
        if (i >= p && i > 0 && c == C_UP && (prev == C_LO || prev == C_DI)) {
            return i;
        }
        prev = c;
        i += n;
    }
    return len;
}

/* Pieces of valid UTF-8 for random texts: cases, digits, accents, the
 * lead bytes the screen reads (É and é share 0xC3, Œ and œ 0xC5, Ш and ш
 * 0xD0/0xD1, Ḁ and ḁ 0xE1), punctuation with 0xE2 leads. */
static const char *const pieces[] = {
    "a", "z", "m", "A", "Z", "D", "7", "0", " ", ".", "'", "\xC3\xA9", "\xC3\x89", "\xC3\x80",
    "\xC3\xA0", "\xC3\x9E", "\xC3\x9F", "\xC3\x97", "\xC5\x92", "\xC5\x93", "\xD0\xA8",
    "\xD1\x88", "\xCE\x91", "\xCE\xB1", "\xE1\xB8\x80", "\xE1\xB8\x81", "\xE2\x80\x99",
    "\xC2\xAB", "\xC2\xA0", "\xC2\xB5", "\xE2\x80\xA6", "\n", "prison", "Dans", "2017",
};

static size_t random_text(char *buf, size_t cap, unsigned *seed)
{
    size_t n = 0, k = (*seed >> 8) % 60;

    while (k-- > 0) {
        const char *p;
        *seed = *seed * 1103515245u + 12345u;
        p = pieces[(*seed >> 16) % (sizeof pieces / sizeof pieces[0])];
        if (n + strlen(p) >= cap) {
            break;
        }
        memcpy(buf + n, p, strlen(p));
        n += strlen(p);
    }
    return n;
}

/* Every glued capital, at every offset of the buffer (the vector loops'
 * ends), on valid UTF-8: the same places as the reference. */
static void test_glue_screen(void **state)
{
    char buf[512], *at;
    unsigned seed = 12345u;
    size_t t, n, p, q, r, shift, found = 0;

    (void)state;
    for (t = 0; t < 3000; t++) {
        n = random_text(buf + 64, sizeof buf - 128, &seed);
        for (shift = 0; shift < 64; shift += 1 + t % 13) {
            at = buf + 64 - shift;
            memmove(at, at + shift, n); /* slide the text down */
            for (p = 0; p <= n; p = q + 1) {
                q = rg_extract__gate_glue_next(at, n, p);
                r = ref_glue_next(at, n, p);
                if (q != r) {
                    fail_msg("glue at %zu: %zu, reference %zu (text %.*s)", p, q, r, (int)n, at);
                }
                found += q < n;
            }
            memmove(at + shift, at, n);
        }
    }
    assert_true(found > 1000);
    assert_int_equal(rg_extract__gate_glue_next("prisonDans", 10, 0), 6);
    assert_int_equal(rg_extract__gate_glue_next("2017Dans", 8, 0), 4);
    assert_int_equal(rg_extract__gate_glue_next("l'ONU McDonald", 14, 0), 8);
    assert_int_equal(rg_extract__gate_glue_next("arm\xC3\xA9\x65\xC3\x89tat", 10, 0), 6);
    assert_int_equal(rg_extract__gate_glue_next("l\xE2\x80\x99\xC3\x89tat l'ONU", 14, 0), 14);
}

/* On any bytes the screen misses no place of the reference, and any
 * other place it gives has invalid UTF-8 just before it. */
static void test_glue_screen_bytes(void **state)
{
    unsigned char buf[300];
    unsigned seed = 99u;
    size_t t, i, n, p, q, r;

    (void)state;
    for (t = 0; t < 4000; t++) {
        n = 1 + t % 280;
        for (i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (unsigned char)"aZ7 \xC3\x89\xA9\xC5\x92\x93\xE1\xB8\xE2\x80\x99\xC0\xFF"
                [(seed >> 16) % 18];
        }
        for (p = 0; p <= n; p = r + 1) {
            r = ref_glue_next((const char *)buf, n, p);
            q = rg_extract__gate_glue_next((const char *)buf, n, p);
            assert_true(q <= r);
            while (q < r) { /* an extra place: a capital after invalid UTF-8 */
                size_t start, m;
                assert_int_equal(cp_class(u8_dec(buf, n, q, &m)), C_UP);
                assert_int_equal(u8_prev(buf, 0, q, &start), CP_INVALID);
                q = rg_extract__gate_glue_next((const char *)buf, n, q + 1);
            }
        }
    }
}

/* ---- the gate without sentences ---- */

/* rg_extract__gate_idle on text (no mention), with the side keys the
 * gate's matcher finds in it. */
static int idle(const char *text, const rg_date *date)
{
    uint64_t bits[RG_EXTRACT__SIDE_WORDS] = { 0 };
    rg_extract__gate *g = NULL;
    const rg_matcher__side *side;
    rg_matcher *ms = NULL;
    rg_match *m = NULL;
    rg_evidence ev;
    size_t nside, nm = 0, klen = 0, *map = NULL;
    char *key = NULL;
    int odd = 1, r;

    assert_int_equal(rg_extract__gate_new(&g, g_lexicon, g_actors), RG_OK);
    side = rg_extract__gate_side(g, &nside);
    assert_int_equal(rg_matcher__new_side(&ms, g_actors, side, nside), RG_OK);
    assert_int_equal(rg_text__fold_odd(&key, &klen, &map, text, strlen(text), &odd), RG_OK);
    assert_int_equal(rg_matcher__scan_side(&m, &nm, ms, text, strlen(text), key, klen, map, NULL,
                                           date, bits),
                     RG_OK);
    assert_int_equal(nm, 0);
    assert_int_equal(odd, 0);
    memset(&ev, 0, sizeof ev);
    ev.clean = (char *)(uintptr_t)text;
    ev.clean_len = strlen(text);
    r = rg_extract__gate_idle(g, &ev, g_actors, date, bits);
    rg_free(m);
    rg_free(key);
    rg_free(map);
    rg_matcher_free(ms);
    rg_extract__gate_free(g);
    return r;
}

static void test_gate_idle(void **state)
{
    rg_date d = { 2019, 6, 15 };

    (void)state;
    assert_int_equal(idle("Il pleut sur la ville. Rien de neuf.", &d), 1);
    assert_int_equal(idle("Les autorités turques ont salué la décision.", &d), 1);
    /* two states' adjectives: stance may relate them */
    assert_int_equal(idle("Les autorités turques ont condamné le gouvernement russe.", &d), 0);
    /* "russe" only as a glued sentence edge ("russeDans"): not a side key,
     * but a token of the split text */
    assert_int_equal(idle("Les autorités turques ont condamné le gouvernement russeDans un "
                          "communiqué.",
                          &d),
                     0);
    assert_int_equal(idle("Les autorités turques ont condamné la prisonDans un communiqué.", &d),
                     1);
    /* a glued word that is no adjective, or two glued capitals in a word */
    assert_int_equal(idle("Les autorités turques saluent McDonald et l'iPhone.", &d), 1);
    assert_int_equal(idle("Les autorités turques saluent realDonaldTrump.", &d), 0);
}

/* ---- lazy against full extraction ---- */

static const char *const docs[] = {
    "Il pleut sur la ville. Rien de neuf ce matin.",
    "Les autorités turques ont condamné le gouvernement russe.",
    "Les autorités turques ont condamné le gouvernement russeDans un communiqué publié hier.",
    "Il sort de prisonRusses et Turcs saluent la décision.",
    "Le gouvernement russe accuse le gouvernement turc. Rien de plus.",
    "La chancelière allemande a critiqué le président français.",
    "Emmanuel Macron a critiqué son homologue américain.",
    "Le régime syrien a dénoncé les frappes turques.",
    "Les relations franco-allemandes restent bonnes. Le temps est doux.",
    "La prisonDans la ville est pleine. Les gardiens sont en grève depuis 2017Dans la région.",
    "Les Français ont salué les autorités françaises.",
    "Pékin a dénoncé les autorités ukrainiennes.",
    "Les autorités britanniques\xC2\xAD" "allemandes ont dénoncé l'accord.",
    "Le maire a inauguré la piscine. Les enfants sont contents.",
    "Les autorités chinoisesLe gouvernement japonais proteste.",
};

typedef struct {
    rg_extractor *ex;
    size_t docs, skipped, kept_with_stance;
} lazy_run;

static void same_evidence(const rg_evidence *a, const rg_evidence *b, const char *text)
{
    size_t i;

    if (a->n_mentions != b->n_mentions || a->n_relations != b->n_relations) {
        fail_msg("lazy differs on %s: %zu/%zu mentions, %zu/%zu relations", text, a->n_mentions,
                 b->n_mentions, a->n_relations, b->n_relations);
    }
    for (i = 0; i < a->n_mentions; i++) {
        const rg_mention *x = &a->mentions[i], *y = &b->mentions[i];
        assert_true(x->actor == y->actor && x->sentence == y->sentence && x->start == y->start &&
                    x->end == y->end && x->kind == y->kind);
    }
    for (i = 0; i < a->n_relations; i++) {
        const rg_relation *x = &a->relations[i], *y = &b->relations[i];
        assert_true(x->type == y->type && x->source == y->source && x->target == y->target &&
                    x->sentence == y->sentence && x->sign == y->sign &&
                    x->weight == y->weight && x->category == y->category &&
                    x->cue_start == y->cue_start && x->cue_end == y->cue_end);
    }
}

/* text extracted lean, then lean and lazy: the same mentions and
 * relations; counts the documents the lazy one did not split. */
static void lazy_one(lazy_run *r, const char *text, const rg_date *date)
{
    rg_evidence *ev[2] = { NULL, NULL };
    rg_document *doc[2] = { NULL, NULL };
    size_t k;

    for (k = 0; k < 2; k++) {
        assert_int_equal(rg_document_new(&doc[k], "t", text, strlen(text)), RG_OK);
        if (date) {
            doc[k]->date = *date;
            doc[k]->date_source = RG_DATE_MANIFEST;
        }
        assert_int_equal(rg_extract__run(&ev[k], r->ex, doc[k], NULL,
                                         RG_EXTRACT__LEAN | (k ? RG_EXTRACT__LAZY : 0)),
                         RG_OK);
    }
    same_evidence(ev[0], ev[1], text);
    r->docs++;
    if (ev[1]->n_sentences == 0 && ev[0]->n_sentences > 0) {
        r->skipped++;
    } else if (ev[1]->n_relations > 0 && ev[1]->relations[0].type != RG_REL_COMENTION) {
        r->kept_with_stance++;
    }
    for (k = 0; k < 2; k++) {
        rg_evidence_free(ev[k]);
        rg_document_free(doc[k]);
    }
}

/* text, undated too, and 24 variants: capitals, words glued to the next
 * one's capital ("prisonRusses"), full stops glued. */
static void lazy_doc(lazy_run *r, const char *text, const rg_date *date)
{
    size_t n = strlen(text), i, o, v;
    char *buf = malloc(n + 1);

    assert_non_null(buf);
    lazy_one(r, text, date);
    lazy_one(r, text, NULL);
    for (v = 0; v < 24; v++) {
        size_t pick = v * 7 + n, spaces = 0;
        for (i = o = 0; i < n; i++) {
            char c = text[i];
            if (c == ' ' && spaces++ % 5 == pick % 5 && i + 1 < n) {
                if (v % 3 == 0 && text[i + 1] >= 'a' && text[i + 1] <= 'z') {
                    buf[o++] = (char)(text[++i] - 32); /* "prison russes" -> "prisonRusses" */
                    continue;
                }
                if (v % 3 == 1 && i > 0 && text[i - 1] == '.') {
                    continue; /* "fin. Le" -> "fin.Le" */
                }
            }
            if (v % 3 == 2 && c >= 'a' && c <= 'z' && (i + v) % 11 == 0) {
                c = (char)(c - 32);
            }
            buf[o++] = c;
        }
        buf[o] = '\0';
        lazy_one(r, buf, date);
    }
    free(buf);
}

static void test_lazy_differential(void **state)
{
    const char *in[] = { "corpus/seeds" };
    rg_date d = { 2019, 6, 15 };
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_reader *rd = NULL;
    rg_document *doc = NULL;
    rg_boilerplate *bp = NULL;
    rg_extract_options o;
    lazy_run r;
    size_t i;

    (void)state;
    assert_int_equal(rg_boilerplate_default(&bp), RG_OK);
    memset(&r, 0, sizeof r);
    memset(&o, 0, sizeof o);
    o.actors = g_actors;
    o.lexicon = g_lexicon;
    o.boilerplate = bp;
    o.clean.html = -1;
    o.clean.boilerplate = 1;
    assert_int_equal(rg_extractor_new(&r.ex, &o), RG_OK);
    for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        lazy_doc(&r, docs[i], &d);
    }
    ro.manifest = "corpus/seeds/manifest.tsv";
    assert_int_equal(rg_reader_new(&rd, in, 1, &ro), RG_OK);
    while (rg_reader_next(rd, &doc) == 1) {
        rg_date dd = doc->date;
        lazy_doc(&r, doc->text, dd.year ? &dd : NULL);
        rg_document_free(doc);
    }
    rg_reader_free(rd);
    print_message("lazy: %zu documents, %zu not split, %zu kept with stance\n", r.docs,
                  r.skipped, r.kept_with_stance);
    assert_true(r.skipped > r.docs / 10);
    assert_true(r.kept_with_stance > r.docs / 10);
    rg_extractor_free(r.ex);
    rg_boilerplate_free(bp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glue_screen),
        cmocka_unit_test(test_glue_screen_bytes),
        cmocka_unit_test(test_gate_idle),
        cmocka_unit_test(test_lazy_differential),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
