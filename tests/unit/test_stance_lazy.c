/* SPDX-License-Identifier: MIT */
/*
 * The on-demand cue scan of rg_stance_sentence: a sentence whose items
 * cannot relate (rg_st__items_may_relate) seeks only the cues its subject
 * memory reads. Each document (hand-made ones that need those cues, the
 * seeds, and mutated variants of both) is split and matched by the
 * extractor, then every sentence goes through two stance contexts, one
 * with the on-demand scan and one without: after each sentence the
 * relations and the whole memory (subjects, joint subject, recent persons)
 * must be the same. Also the pair test itself.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <relgraph/actors.h>
#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include <relgraph/evidence.h>
#include <relgraph/extract.h>
#include <relgraph/reader.h>
#include <relgraph/stance.h>
#include "extract_internal.h" /* rg_extract__run */
#include "stance_internal.h"  /* rg_stance__set_lazy_cues, the context's memory */

#include "defaults_fixture.h" /* g_actors, g_lexicon, setup, teardown */

/* Documents where a sentence's items are one actor and a cue before one of
 * them decides the memory ("a critiqué la Russie" is no subject: "Le
 * ministre" then remembers nobody, and "Il" below is nobody). */
static const char *const lazy_docs[] = {
    "Le ministre a critiqué la Russie, selon la Russie. Il a dénoncé la Turquie.",
    "Le ministre a condamné Vladimir Poutine, qui a accusé Poutine. Il a salué Donald Trump.",
    "Emmanuel Macron a salué Macron. Il a critiqué la Chine.",
    "Un diplomate a dit que la France soutient la France. Il a critiqué l'Iran.",
    "Dans un long discours prononcé devant les députés réunis à Paris, le ministre a rendu "
    "hommage à la France et à la France. Elle a condamné la Syrie.",
    "Le porte-parole a fermement dénoncé les autorités russes, qui ont accusé la Russie. "
    "Il a critiqué l'Allemagne.",
    "« La Russie a condamné la Russie », a dit le ministre. Il a salué la Chine.",
    "Le ministre a critiqué de la sorte la Russie et la Russie. Il a félicité la Chine.",
    "La chancelière a félicité Angela Merkel. Elle a critiqué Donald Trump.",
    "Le président a rencontré Donald Trump, puis Trump a parlé. Il a menacé l'Iran.",
    "Le ministre a apporté son soutien à la Russie, la Russie. Il a salué l'Inde.",
    "Le ministre a fait confiance à la Russie et la Russie. Il a accusé la Chine.",
    "Le ministre a tendu la main la Russie, la Russie. Ils ont accusé la Chine.",
    "Poutine a dit que Poutine et Poutine viendront. Il a critiqué Donald Trump.",
    "La Russie et la Russie ont condamné. Elles ont salué la Chine et l'Inde.",
    "Les deux présidents ont parlé. Poutine a critiqué Poutine. Il a salué Trump.",
    "Le ministre a critiqué la Russie", /* the item ends the text */
    "critiqué la Russie la Russie",
};

typedef struct {
    size_t sentences, lazy, scanned, relations;
} lazy_run;

static void expect_same_memory(const rg_stance_ctx *a, const rg_stance_ctx *b, const char *text,
                               size_t s)
{
    size_t i;
    int same = a->n_subj == b->n_subj && a->n_plural == b->n_plural &&
               a->n_recent == b->n_recent;

    for (i = 0; same && i < a->n_subj; i++) {
        same = a->subj[i].actor == b->subj[i].actor && a->subj[i].gender == b->subj[i].gender;
    }
    for (i = 0; same && i < a->n_plural; i++) {
        same = a->plural[i] == b->plural[i];
    }
    for (i = 0; same && i < a->n_recent; i++) {
        same = a->recent[i].actor == b->recent[i].actor &&
               a->recent[i].sentence == b->recent[i].sentence;
    }
    if (!same) {
        fail_msg("memories differ after sentence %zu of: %s", s, text);
    }
}

static void expect_same_relations(const rg_relation *a, const rg_relation *b, size_t n,
                                  const char *text)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (a[i].type != b[i].type || a[i].source != b[i].source ||
            a[i].target != b[i].target || a[i].sentence != b[i].sentence ||
            a[i].sign != b[i].sign || a[i].weight != b[i].weight ||
            a[i].category != b[i].category || a[i].cue_start != b[i].cue_start ||
            a[i].cue_end != b[i].cue_end) {
            fail_msg("relation %zu differs in: %s", i, text);
        }
    }
}

/* The sentences of ev through two contexts, [0] seeking cues on demand. */
static void lazy_compare(lazy_run *r, const rg_evidence *ev, const rg_date *date,
                         const char *text)
{
    rg_stance_ctx *ctx[2] = { NULL, NULL };
    rg_relation *rel[2] = { NULL, NULL };
    size_t n[2] = { 0, 0 }, cap[2] = { 0, 0 }, s, lo = 0, k;

    for (k = 0; k < 2; k++) {
        assert_int_equal(rg_stance_ctx_new(&ctx[k], g_actors, date, NULL), RG_OK);
    }
    for (s = 0; s < ev->n_sentences; s++) {
        size_t hi = lo;
        while (hi < ev->n_mentions && ev->mentions[hi].sentence == s) {
            hi++;
        }
        for (k = 0; k < 2; k++) {
            rg_stance__set_lazy_cues(k == 0);
            assert_int_equal(rg_stance_sentence(&rel[k], &n[k], &cap[k], g_lexicon, ctx[k],
                                                ev->clean, ev->sentences[s], s,
                                                ev->mentions ? ev->mentions + lo : NULL, hi - lo),
                             RG_OK);
        }
        rg_stance__set_lazy_cues(1);
        if (ctx[0]->items.n >= 2 && !rg_st__items_may_relate(ctx[0])) {
            r->lazy++;
            r->scanned += ctx[0]->cue_next > 0;
        }
        assert_int_equal(n[0], n[1]);
        expect_same_relations(rel[0], rel[1], n[0], text);
        expect_same_memory(ctx[0], ctx[1], text, s);
        r->sentences++;
        lo = hi;
    }
    r->relations += n[0];
    for (k = 0; k < 2; k++) {
        rg_stance_ctx_free(ctx[k]);
        rg_free(rel[k]);
    }
}

static void lazy_one(lazy_run *r, const rg_extractor *ex, const char *text, const rg_date *date)
{
    rg_document *doc = NULL;
    rg_evidence *ev = NULL;

    assert_int_equal(rg_document_new(&doc, "t", text, strlen(text)), RG_OK);
    if (date) {
        doc->date = *date;
        doc->date_source = RG_DATE_MANIFEST;
    }
    assert_int_equal(rg_extract__run(&ev, ex, doc, g_actors, 0), RG_OK);
    lazy_compare(r, ev, doc->date.year ? &doc->date : NULL, text);
    rg_evidence_free(ev);
    rg_document_free(doc);
}

/* A copy of `in` changed by op (seeded by r): all capitals, two words
 * glued, one word dropped, or the text cut at a space. */
static void lazy_mutate(char *out, size_t cap, const char *in, unsigned op, unsigned r)
{
    size_t len = strlen(in), i, o = 0, spaces = 0, pick, at = 0;

    for (i = 0; i < len; i++) {
        spaces += in[i] == ' ';
    }
    pick = spaces ? r % spaces : 0;
    for (i = 0; i < len && o + 1 < cap; i++) {
        char c = in[i];
        if (c == ' ' && at++ == pick) {
            if (op == 1) {
                continue; /* "la Russie" -> "laRussie" */
            }
            if (op == 2) {
                while (i + 1 < len && in[i + 1] != ' ') {
                    i++; /* the word after it goes */
                }
                continue;
            }
            if (op == 3) {
                break;
            }
        }
        out[o++] = op == 0 && c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
    }
    out[o] = '\0';
}

/* text, undated, and 16 variants of it */
static void lazy_doc(lazy_run *r, const rg_extractor *ex, const char *text, const rg_date *date)
{
    size_t cap = strlen(text) + 1;
    char *buf = malloc(cap);
    unsigned v;

    assert_non_null(buf);
    lazy_one(r, ex, text, date);
    lazy_one(r, ex, text, NULL);
    for (v = 0; v < 16; v++) {
        lazy_mutate(buf, cap, text, v % 4, v * 2654435761u + (unsigned)cap);
        lazy_one(r, ex, buf, date);
    }
    free(buf);
}

static void test_lazy_differential(void **state)
{
    const char *in[] = { "corpus/seeds" };
    rg_date d = { 2019, 6, 15 };
    rg_extract_options o;
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_extractor *ex = NULL;
    rg_reader *rd = NULL;
    rg_document *doc = NULL;
    lazy_run r;
    size_t i;

    (void)state;
    memset(&r, 0, sizeof r);
    memset(&o, 0, sizeof o);
    o.actors = g_actors;
    o.clean.html = -1;
    assert_int_equal(rg_extractor_new(&ex, &o), RG_OK); /* mentions and sentences only */
    for (i = 0; i < sizeof lazy_docs / sizeof lazy_docs[0]; i++) {
        lazy_doc(&r, ex, lazy_docs[i], &d);
    }
    ro.manifest = "corpus/seeds/manifest.tsv";
    assert_int_equal(rg_reader_new(&rd, in, 1, &ro), RG_OK);
    while (rg_reader_next(rd, &doc) == 1) {
        rg_date sd = doc->date;
        lazy_doc(&r, ex, doc->text, sd.year ? &sd : NULL);
        rg_document_free(doc);
    }
    rg_reader_free(rd);
    rg_extractor_free(ex);
    print_message("on-demand cues: %zu sentences, %zu lazy, %zu of them scanned, %zu "
                  "relations\n",
                  r.sentences, r.lazy, r.scanned, r.relations);
    /* both paths are taken, and the scan too */
    assert_true(r.lazy > 50);
    assert_true(r.scanned > 20);
    assert_true(r.relations > 100);
}

static int item_actor(const char *id)
{
    int a = rg_actors_find(g_actors, id);

    assert_true(a >= 0);
    return a;
}

/* the items of one sentence, as rg_st__push_item would make them */
static int may_relate(const char *const *ids, size_t n)
{
    rg_stance_ctx *c = NULL;
    size_t i;
    int r;

    assert_int_equal(rg_stance_ctx_new(&c, g_actors, NULL, NULL), RG_OK);
    for (i = 0; i < n; i++) {
        st_item it;
        memset(&it, 0, sizeof it);
        it.actor = ids[i] ? item_actor(ids[i]) : -1;
        it.level = it.actor >= 0 &&
                   rg_actors_type(g_actors, (size_t)it.actor) == RG_ACTOR_PERSON ? 0 : 1;
        assert_int_equal(RG_VEC_PUSH(c->items, it), RG_OK);
    }
    r = rg_st__items_may_relate(c);
    rg_stance_ctx_free(c);
    return r;
}

static void test_items_may_relate(void **state)
{
    const char *none[] = { "RUS" };
    const char *same[] = { "RUS", "RUS", "RUS" };
    const char *states[] = { "RUS", "RUS", "TUR" };
    const char *own_state[] = { "poutine", "RUS" };
    const char *other_state[] = { "poutine", "TUR" };
    const char *persons[] = { "poutine", "trump" };
    const char *one_person[] = { "poutine", "poutine" };
    const char *no_actor[] = { "RUS", NULL };

    (void)state;
    assert_int_equal(may_relate(none, 0), 0);
    assert_int_equal(may_relate(none, 1), 0);
    assert_int_equal(may_relate(same, 3), 0);
    assert_int_equal(may_relate(states, 3), 1);
    assert_int_equal(may_relate(own_state, 2), 0); /* Poutine facing Russia is Russia */
    assert_int_equal(may_relate(other_state, 2), 1);
    assert_int_equal(may_relate(persons, 2), 1);
    assert_int_equal(may_relate(one_person, 2), 0);
    assert_int_equal(may_relate(no_actor, 2), 1); /* none made today: the full pass */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_items_may_relate),
        cmocka_unit_test(test_lazy_differential),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
