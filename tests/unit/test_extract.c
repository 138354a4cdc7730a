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
#include <relgraph/reader.h>

static rg_actors *g_actors;
static rg_lexicon *g_lexicon;

static int setup(void **state)
{
    (void)state;
    if (rg_actors_default(&g_actors) < 0 || rg_lexicon_default(&g_lexicon) < 0) {
        fprintf(stderr, "setup: %s\n", rg_error_last()->message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rg_lexicon_free(g_lexicon);
    rg_actors_free(g_actors);
    return 0;
}

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dedupe_key_collisions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
