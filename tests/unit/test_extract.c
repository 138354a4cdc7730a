/* SPDX-License-Identifier: MIT */
/*
 * The extractor's own steps: the duplicate-sentence set (its key reads a
 * few words of each sentence, so sentences that agree there must still
 * both be kept), and the buffers an extracting thread keeps from document
 * to document (same evidence whatever was extracted before, and whether
 * the pipeline hands the text back).
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
#include <relgraph/errors.h>
#include <relgraph/evidence.h>
#include <relgraph/extract.h>
#include <relgraph/clean.h>
#include <relgraph/reader.h>
#include <relgraph/sentence.h>
#include "clean_internal.h"   /* clean_out, clean_key, rg_clean__text_segs */
#include "extract_internal.h" /* rg_extract__run, rg_extract__reuse_begin */

#include "defaults_fixture.h" /* g_actors, g_lexicon, setup, teardown */

/* Extracts text; the sentence spans as "a-b a-b ..." into out. */
static void spans_of(char *out, size_t size, const char *text)
{
    rg_document *doc = NULL;
    rg_extractor *ex = NULL;
    rg_evidence *ev = NULL;
    rg_extract_options o;
    size_t i, len = 0;

    memset(&o, 0, sizeof o);
    o.actors = g_actors;
    assert_int_equal(rg_extractor_new(&ex, &o), RG_OK);
    assert_int_equal(rg_document_new(&doc, "t", text, strlen(text)), RG_OK);
    assert_int_equal(rg_extract_document(&ev, ex, doc), RG_OK);
    out[0] = '\0';
    for (i = 0; i < ev->n_sentences && len < size; i++) {
        len += (size_t)snprintf(out + len, size - len, "%s%zu-%zu", i ? " " : "",
                                ev->sentences[i].start, ev->sentences[i].end);
    }
    rg_evidence_free(ev);
    rg_document_free(doc);
    rg_extractor_free(ex);
}

/* Sentences of one length that differ only between the words the key
 * reads (first, middle and last 8 bytes), or only in one of them, or
 * shorter than 8 bytes: all kept; exact repeats dropped. */
static void test_dedupe_key_collisions(void **state)
{
    static const struct {
        const char *text;
        const char *spans;
    } cases[] = {
        /* same length, first/middle/last 8 bytes equal, a byte between differs */
        { "Le mot ABC et le reste ici. Le mot XYZ et le reste ici.", "0-27 28-55" },
        { "Le mot ABC et le reste ici. Le mot ABC et le reste ici.", "0-27" },
        /* a byte of the middle word */
        { "Un deux trois quatre. Un deux troix quatre.", "0-21 22-43" },
        /* short sentences (under 8 bytes), equal and not */
        { "Oui. Non. Oui. Non. Si.", "0-4 5-9 20-23" },
        { "Bon. Mal. Bon.", "0-4 5-9" },
        /* a repeat after other sentences, and bytes 0x80-0xFF */
        { "Été chaud. Hiver froid. Été chaud. Été chaud!", "0-12 13-25 39-51" },
    };
    char got[256];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        spans_of(got, sizeof got, cases[i].text);
        if (strcmp(got, cases[i].spans) != 0) {
            fprintf(stderr, "case %zu: %s\n  want: [%s]\n  got:  [%s]\n", i, cases[i].text,
                    cases[i].spans, got);
        }
        assert_string_equal(got, cases[i].spans);
    }
}

/* Thousands of sentences of one length that differ only outside the
 * key's three words, each repeated once: all kept once, and quickly (the
 * set goes over to a full hash instead of comparing each with all). */
static void test_dedupe_key_defeated(void **state)
{
    static char text[262144];
    rg_document *doc = NULL;
    rg_extractor *ex = NULL;
    rg_evidence *ev = NULL;
    rg_extract_options o;
    size_t len = 0, i, r;

    (void)state;
    for (i = 0; i < 3000; i++) {
        for (r = 0; r < 2; r++) { /* bytes 11-13 vary: none of the sampled words */
            len += (size_t)snprintf(text + len, sizeof text - len,
                                    "Le mot est %c%c%c puis la suite vient ici. ",
                                    'a' + (int)(i % 26), 'a' + (int)(i / 26 % 26),
                                    'a' + (int)(i / 676));
        }
    }
    memset(&o, 0, sizeof o);
    o.actors = g_actors;
    assert_int_equal(rg_extractor_new(&ex, &o), RG_OK);
    assert_int_equal(rg_document_new(&doc, "t", text, len), RG_OK);
    assert_int_equal(rg_extract_document(&ev, ex, doc), RG_OK);
    assert_int_equal(ev->n_sentences, 3000);
    for (i = 0; i < 3000; i++) {
        assert_int_equal(ev->sentences[i].end - ev->sentences[i].start, 39);
        assert_int_equal(ev->sentences[i].start, 2 * 40 * i);
    }
    rg_evidence_free(ev);
    rg_document_free(doc);
    rg_extractor_free(ex);
}

/* Random documents of 1 to 140 sentences (either side of the filter's
 * limit of 128) drawn from a few words, so that some repeat and others
 * share a length and their first 8 bytes; short ones (1-7 bytes) at the
 * very end of the text too. The kept spans must be the text's own spans
 * less every later exact repeat (checked against an all-pairs compare). */
static void test_dedupe_filter_random(void **state)
{
    static const char *const words[] = { "Oui", "Le chat dort", "Le chat dorT", "Non",
                                         "Il pleut encore", "Il pleut ENCORE", "A",
                                         "Été", "Le chat dort bien", "Ça" };
    static char text[8192];
    rg_document *doc = NULL;
    rg_extractor *ex = NULL;
    rg_evidence *ev = NULL;
    rg_extract_options o;
    rg_span *all = NULL;
    size_t n_all, i, j, k, kept, len, t, n;
    unsigned seed = 12345;

    (void)state;
    memset(&o, 0, sizeof o);
    o.actors = g_actors;
    assert_int_equal(rg_extractor_new(&ex, &o), RG_OK);
    for (t = 0; t < 400; t++) {
        n = 1 + t % 140;
        for (len = 0, i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            len += (size_t)snprintf(text + len, sizeof text - len, "%s%s.", i ? " " : "",
                                    words[(seed >> 16) % (t % 3 ? 10 : 4)]);
        }
        assert_int_equal(rg_document_new(&doc, "t", text, len), RG_OK);
        assert_int_equal(rg_extract_document(&ev, ex, doc), RG_OK);
        assert_int_equal(rg_sentences_split(&all, &n_all, ev->clean, ev->clean_len), RG_OK);
        for (kept = 0, i = 0; i < n_all; i++) {
            size_t m = all[i].end - all[i].start;
            for (j = 0; j < i; j++) {
                if (all[j].end - all[j].start == m &&
                    memcmp(ev->clean + all[j].start, ev->clean + all[i].start, m) == 0) {
                    break;
                }
            }
            if (j < i) {
                continue; /* a repeat: dropped */
            }
            assert_true(kept < ev->n_sentences);
            assert_int_equal(ev->sentences[kept].start, all[i].start);
            assert_int_equal(ev->sentences[kept].end, all[i].end);
            kept++;
        }
        assert_int_equal(ev->n_sentences, kept);
        for (k = 0; k < kept; k++) {
            assert_true(ev->sentences[k].end <= ev->clean_len);
        }
        rg_free(all);
        all = NULL;
        rg_evidence_free(ev);
        rg_document_free(doc);
    }
    rg_extractor_free(ex);
}

/* ---- buffers kept from document to document ---- */

/* Long and short, HTML, a header token, boilerplate, empty: the kept
 * buffers shrink and grow between them. */
static const char *const reuse_docs[] = {
    "Vladimir Poutine a félicité Donald Trump pour sa victoire.\n\n"
    "Emmanuel Macron salue Angela Merkel. Donald Trump critique vivement Angela Merkel.\n"
    "La Russie condamne la Turquie. Les États-Unis condamnent la Syrie.\n\n"
    "Theresa May accuse Vladimir Poutine. Emmanuel Macron salue Angela Merkel.\n"
    "Lire aussi : Donald Trump menace Kim Jong-un\n"
    "Hassan Rohani rejette l'offre de Donald Trump.\n"
    "Autres actualités\nRecep Tayyip Erdogan a dénoncé Benyamin Netanyahou.",
    "Emmanuel Macron salue Angela Merkel.",
    "<p>Vladimir Poutine a f&eacute;licit&eacute; <b>Donald Trump</b>.</p>"
    "<p>Angela Merkel soutient Emmanuel Macron.</p>",
    "",
    "date 2018-06\nDonald Trump menace Kim Jong-un. La Chine sanctionne les États-Unis.",
    "  \n\n  ",
    "Donald Trump a insulté Justin Trudeau.",
    /* a credit cut: the cleaner gives its key up, extract_scan folds the
     * text into the kept key buffer (4-byte map) */
    "Vladimir Poutine accuse Donald Trump. \xc2\xa9 Reuters Angela Merkel\n"
    "Emmanuel Macron salue Angela Merkel. La Russie condamne la Turquie.",
};
#define N_REUSE (sizeof reuse_docs / sizeof reuse_docs[0])

static rg_extractor *reuse_extractor(rg_boilerplate *bp)
{
    rg_extractor *ex = NULL;
    rg_extract_options o;

    memset(&o, 0, sizeof o);
    o.actors = g_actors;
    o.lexicon = g_lexicon;
    o.boilerplate = bp;
    o.clean.html = -1;
    o.clean.boilerplate = 1;
    assert_int_equal(rg_extractor_new(&ex, &o), RG_OK);
    return ex;
}

/* Document k's line through rg_extract_document (lean 0) or
 * rg_extract__run lean (1), into a new string (NULL on error). */
static char *reuse_line(const rg_extractor *ex, size_t k, int lean, int *code)
{
    rg_document *doc = NULL;
    rg_evidence *ev = NULL;
    char *line = NULL;
    size_t n;

    if ((*code = rg_document_new(&doc, "d", reuse_docs[k], strlen(reuse_docs[k]))) < 0) {
        return NULL; /* an injected failure */
    }
    if (lean) {
        *code = rg_extract__run(&ev, ex, doc, g_actors, 1);
        if (*code == RG_OK) {
            assert_null(ev->clean);
            assert_null(ev->clean_map);
            assert_null(ev->sentences);
            assert_non_null(ev->json);
            assert_int_equal(strlen(ev->json), ev->json_len);
            line = strdup(ev->json);
        }
    } else {
        *code = rg_extract_document(&ev, ex, doc);
        if (*code == RG_OK) {
            char *j = NULL;
            *code = rg_evidence_to_json(&j, &n, ev, g_actors);
            line = j ? strdup(j) : NULL;
            rg_free(j);
        }
    }
    if (*code != RG_OK) {
        assert_null(ev);
    }
    rg_evidence_free(ev);
    rg_document_free(doc);
    return line;
}

/* The same lines outside a reuse bracket and inside one, in any order,
 * through both entry points. */
static void test_reuse_same_lines(void **state)
{
    static const size_t order[] = { 0, 1, 7, 2, 3, 0, 4, 5, 7, 6, 2, 0, 3, 7, 1 };
    rg_boilerplate *bp = NULL;
    rg_extractor *ex;
    char *ref[N_REUSE];
    size_t i;
    int code;

    (void)state;
    assert_int_equal(rg_boilerplate_default(&bp), RG_OK);
    ex = reuse_extractor(bp);
    for (i = 0; i < N_REUSE; i++) {
        ref[i] = reuse_line(ex, i, 0, &code);
        assert_int_equal(code, RG_OK);
    }
    assert_non_null(strstr(ref[0], "\"source\":\"trump\""));
    rg_extract__reuse_begin();
    rg_extract__reuse_begin(); /* brackets nest */
    for (i = 0; i < sizeof order / sizeof order[0]; i++) {
        char *got = reuse_line(ex, order[i], (int)(i % 3 != 1), &code);
        assert_int_equal(code, RG_OK);
        assert_string_equal(got, ref[order[i]]);
        free(got);
    }
    rg_extract__reuse_end();
    for (i = 0; i < N_REUSE; i++) { /* outside again: allocated per document */
        char *got = reuse_line(ex, i, 1, &code);
        assert_string_equal(got, ref[i]);
        free(got);
    }
    for (i = 0; i < N_REUSE; i++) { /* the line made, the text kept */
        rg_document *doc = NULL;
        rg_evidence *ev = NULL;
        assert_int_equal(rg_document_new(&doc, "d", reuse_docs[i], strlen(reuse_docs[i])), RG_OK);
        assert_int_equal(rg_extract__run(&ev, ex, doc, g_actors, 0), RG_OK);
        assert_non_null(ev->clean);
        assert_non_null(ev->clean_map);
        assert_non_null(ev->json);
        assert_string_equal(ev->json, ref[i]);
        rg_evidence_free(ev);
        rg_document_free(doc);
    }
    rg_extract__reuse_end();
    rg_extract__reuse_end(); /* one too many: ignored */
    for (i = 0; i < N_REUSE; i++) {
        free(ref[i]);
    }
    rg_extractor_free(ex);
    rg_boilerplate_free(bp);
}

/* An allocation failure anywhere in a lean extraction reports out of
 * memory and leaves the kept buffers fit for the next documents. */
static void test_reuse_alloc_failures(void **state)
{
    rg_boilerplate *bp = NULL;
    rg_extractor *ex;
    char *ref[N_REUSE];
    long n, failed = 0;
    size_t i;
    int code, done = 0;

    (void)state;
    assert_int_equal(rg_boilerplate_default(&bp), RG_OK);
    ex = reuse_extractor(bp);
    for (i = 0; i < N_REUSE; i++) {
        ref[i] = reuse_line(ex, i, 0, &code);
    }
    for (n = 1; !done; n++) {
        rg_extract__reuse_begin();
        for (i = 0; i < N_REUSE; i++) { /* warm: buffers kept */
            free(reuse_line(ex, i, 1, &code));
        }
        rg_error_clear();
        rg_alloc_fail_at(n);
        for (i = 0; i < N_REUSE; i++) {
            char *got = reuse_line(ex, (i + 3) % N_REUSE, 1, &code);
            if (code != RG_OK) {
                assert_int_equal(code, RG_ERROR);
                assert_non_null(strstr(rg_error_last()->message, "out of memory"));
                failed++;
                break;
            }
            assert_string_equal(got, ref[(i + 3) % N_REUSE]);
            free(got);
        }
        done = i == N_REUSE; /* the failure point was never reached */
        rg_alloc_fail_at(0);
        for (i = 0; i < N_REUSE; i++) { /* after the failure: as before */
            char *got = reuse_line(ex, i, 1, &code);
            assert_string_equal(got, ref[i]);
            free(got);
        }
        rg_extract__reuse_end();
    }
    assert_true(failed > 20);
    for (i = 0; i < N_REUSE; i++) {
        free(ref[i]);
    }
    rg_extractor_free(ex);
    rg_boilerplate_free(bp);
}

/* A text past the size whose buffers are kept (256 KiB) and documents
 * after it. */
static void test_reuse_large_text(void **state)
{
    static const char s[] = "Emmanuel Macron salue Angela Merkel numéro %06zu.\n";
    rg_boilerplate *bp = NULL;
    rg_extractor *ex;
    rg_document *doc = NULL;
    rg_evidence *ev = NULL;
    size_t len = 0, cap = (size_t)1 << 21, i, k, lines, line;
    char *big = malloc(cap), *ref, *got;
    int code;

    (void)state;
    assert_non_null(big);
    assert_int_equal(rg_boilerplate_default(&bp), RG_OK);
    ex = reuse_extractor(bp);
    for (i = 0; len + 64 < cap - 64; i++) {
        len += (size_t)snprintf(big + len, cap - len, s, i);
    }
    lines = i;
    line = len / lines; /* every line has the same length */
    ref = reuse_line(ex, 1, 0, &code);
    rg_extract__reuse_begin();
    for (i = 0; i < 2; i++) {
        assert_int_equal(rg_document_new(&doc, "big", big, len), RG_OK);
        assert_int_equal(rg_extract__run(&ev, ex, doc, g_actors, 1), RG_OK);
        assert_true(ev->n_mentions > 40000);
        for (k = 0; k < lines; k += lines / 7) { /* offsets of 1 to 7 digits */
            char want[64];
            snprintf(want, sizeof want, "\"sentence\":%zu,\"start\":%zu,", k, k * line);
            assert_non_null(strstr(ev->json, want));
        }
        rg_evidence_free(ev);
        rg_document_free(doc);
        got = reuse_line(ex, 1, 1, &code);
        assert_string_equal(got, ref);
        free(got);
    }
    rg_extract__reuse_end();
    free(ref);
    free(big);
    rg_extractor_free(ex);
    rg_boilerplate_free(bp);
}

/* The map as segments (rg_clean__text_segs) says what the byte map says,
 * for every byte: random texts of words, spaces, NBSP, blank lines, CRLF,
 * boilerplate lines and entities (then no segments: the HTML pass). */
static void test_clean_segments(void **state)
{
    static const char *const parts[] = {
        "Macron", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\xc2\xa0", "été", ".",
        "Lire aussi : la suite", "Autres actualités", "(AFP)", "« dit-il »", "x",
        "&amp;", "\n- Publicité\n", "\xff", "Photo AFP",
    };
    rg_boilerplate *bp = NULL;
    rg_clean_options o = RG_CLEAN_OPTIONS_INIT;
    clean_out full = { NULL, NULL, 0, 0, NULL }, lean = { NULL, NULL, 0, 0, NULL };
    clean_out html = { NULL, NULL, 0, 0, NULL };
    clean_key key = { NULL, NULL, 0, 0, 0 };
    clean_segs segs = { NULL, 0, 0 };
    uint64_t r = 88172645463325252ULL;
    char text[600];
    size_t t, i, with = 0;
    int ok, used;

    (void)state;
    assert_int_equal(rg_boilerplate_default(&bp), RG_OK);
    for (t = 0; t < 3000; t++) {
        size_t len = 0, n;
        for (n = t % 40; n > 0; n--) {
            const char *p;
            r ^= r << 13, r ^= r >> 7, r ^= r << 17;
            p = parts[r % (sizeof parts / sizeof *parts)];
            if (len + strlen(p) < sizeof text) {
                memcpy(text + len, p, strlen(p));
                len += strlen(p);
            }
        }
        assert_int_equal(rg_clean__text_into(&full, &key, &ok, &html, text, len, bp, &o), RG_OK);
        assert_int_equal(rg_clean__text_segs(&lean, &segs, &used, &key, &ok, &html, text, len,
                                             bp, &o), RG_OK);
        assert_int_equal(lean.len, full.len);
        assert_memory_equal(lean.p, full.p, full.len + 1);
        if (!used) {
            assert_non_null(strstr(text, "&amp;")); /* the HTML pass: a byte map */
            continue;
        }
        with++;
        for (i = 0; i <= full.len; i++) {
            assert_int_equal(rg_clean__seg_at(&segs, i), full.map[i]);
        }
    }
    fprintf(stderr, "segments: %zu of %zu texts\n", with, t);
    assert_true(with > 500);
    free(full.p), free(full.map), free(lean.p), free(lean.map);
    free(html.p), free(html.map), free(key.p), free(key.map), free(segs.v);
    rg_boilerplate_free(bp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dedupe_key_collisions),
        cmocka_unit_test(test_dedupe_key_defeated),
        cmocka_unit_test(test_dedupe_filter_random),
        cmocka_unit_test(test_clean_segments),
        cmocka_unit_test(test_reuse_same_lines),
        cmocka_unit_test(test_reuse_alloc_failures),
        cmocka_unit_test(test_reuse_large_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
