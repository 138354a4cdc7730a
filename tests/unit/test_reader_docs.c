/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for how the reader stores JSON Lines documents (reader.c,
 * document.c): text fields joined straight into the document's block when
 * the scanner's flags say decoding would change nothing, and decoded as
 * before otherwise (a BOM, CR, a code point NFC changes, escapes of each);
 * rg_document_free on fields the caller pointed elsewhere; the per-batch
 * arena (documents of every size, resets, chunks beyond those kept) alone
 * and through the pipeline with 1 and 2 threads; every allocation of
 * reading into arenas, and of the pipeline over them, failing once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>  /* snprintf, fopen */
#include <stdlib.h> /* mkdtemp, malloc, free */
#include <string.h> /* strlen, memcmp, strspn */
#include <unistd.h> /* unlink, rmdir */

#include <relgraph/alloc.h>
#include <relgraph/clean.h>
#include <relgraph/evidence.h>
#include <relgraph/extract.h>
#include <relgraph/pipeline.h>
#include <relgraph/reader.h>
#include <relgraph/stance.h>
#include <relgraph/text.h>

#include "reader_internal.h" /* rg_doc_arena, rg_reader__use_arena */

static char tmpdir[64];
static char path[128];

/* One value of a text field: how the line writes it, and its bytes (NULL:
 * absent or null, nothing joined). */
typedef struct {
    const char *json; /* NULL: the member is left out */
    const char *raw;
} field_case;

static const field_case cases[] = {
    { NULL, NULL },
    { "null", NULL },
    { "\"\"", "" },
    { "\"plain text\"", "plain text" },
    { "\"\xef\xbb\xbf" "BOM first\"", "\xef\xbb\xbf" "BOM first" },
    { "\"e\xcc\x81t\xc3\xa9\"", "e\xcc\x81t\xc3\xa9" },                     /* NFC changes it */
    { "\"l\xe2\x80\x99\xc3\xa9t\xc3\xa9 \xe2\x82\xac\"", "l\xe2\x80\x99\xc3\xa9t\xc3\xa9 \xe2\x82\xac" },
    { "\"a\\r\\nb\"", "a\r\nb" },                                              /* CR: decoded */
    { "\"\\u0065\\u0301\"", "e\xcc\x81" },                                     /* escaped mark */
    { "\"say \\\"hi\\\"\\n\"", "say \"hi\"\n" },
    { "\"\\u00e9\\u2019 \\ud83d\\ude00\"", "\xc3\xa9\xe2\x80\x99 \xf0\x9f\x98\x80" },
    { "\"  \"", "  " },
};
#define N_CASES (sizeof cases / sizeof *cases)

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/rg_test_rdocsXXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    snprintf(path, sizeof path, "%s/f.jsonl", tmpdir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    rmdir(tmpdir);
    return 0;
}

/* The raw bytes of line k's fields a, b, c joined as paragraphs into buf;
 * returns the length. */
static size_t line_joined(size_t k, char *buf)
{
    size_t f, len = 0, idx[3] = { k % N_CASES, k / N_CASES % N_CASES, k / N_CASES / N_CASES };

    for (f = 0; f < 3; f++) {
        const char *raw = cases[idx[f]].raw;
        size_t n = raw ? strlen(raw) : 0;
        if (!n) {
            continue;
        }
        if (len) {
            memcpy(buf + len, "\n\n", 2);
            len += 2;
        }
        memcpy(buf + len, raw, n);
        len += n;
    }
    return len;
}

/* Every combination of three fields: the document is rg_text_decode of the
 * joined bytes, whichever path made it, or is skipped when that is blank. */
static void test_fields_joined(void **state)
{
    static const char *const fields[] = { "a", "b", "c" };
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    const char *in = path;
    size_t k, n_lines = N_CASES * N_CASES * N_CASES, kept = 0, want_kept = 0;
    rg_reader *r = NULL;
    rg_document *d = NULL;
    FILE *fp = fopen(path, "wb");
    char joined[256];
    int rc;
    (void)state;

    assert_non_null(fp);
    for (k = 0; k < n_lines; k++) {
        size_t f, idx[3] = { k % N_CASES, k / N_CASES % N_CASES, k / N_CASES / N_CASES };
        fprintf(fp, "{\"id\":\"d%zu\"", k);
        for (f = 0; f < 3; f++) {
            if (cases[idx[f]].json) {
                fprintf(fp, ",\"%s\":%s", fields[f], cases[idx[f]].json);
            }
        }
        fputs("}\n", fp);
    }
    fclose(fp);
    ro.text_fields = fields;
    ro.n_text_fields = 3;
    assert_int_equal(rg_reader_new(&r, &in, 1, &ro), RG_OK);
    while ((rc = rg_reader_next(r, &d)) > 0) {
        rg_decode_info inf;
        char *ref;
        size_t ref_len, len;

        assert_int_equal(sscanf(d->id, "d%zu", &k), 1);
        len = line_joined(k, joined);
        assert_true(len > 0);
        assert_int_equal(rg_text_decode(&ref, &ref_len, &inf, joined, len), RG_OK);
        assert_int_equal(d->len, ref_len);
        assert_memory_equal(d->text, ref, ref_len + 1);
        assert_int_equal(d->decode.encoding, inf.encoding);
        assert_int_equal(d->decode.had_bom, inf.had_bom);
        assert_int_equal(d->decode.nul_bytes, inf.nul_bytes);
        rg_free(ref);
        rg_document_free(d);
        kept++;
    }
    assert_int_equal(rc, 0);
    for (k = 0; k < n_lines; k++) {
        size_t len = line_joined(k, joined);
        joined[len] = '\0';
        want_kept += len > 0 && strspn(joined, " \t\n\r\f\v") < len;
    }
    assert_int_equal(kept, want_kept);
    rg_reader_free(r);
}

/* A joined document's id, origin and text share its block; fields the
 * caller points elsewhere are freed by rg_document_free, the block's are
 * not (ASan/LSan: no leak, no bad free). */
static void test_free_moved_fields(void **state)
{
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    const char *in = path;
    rg_reader *r = NULL;
    rg_document *d[3];
    rg_doc_arena arena = { NULL, NULL };
    FILE *fp = fopen(path, "wb");
    int i;
    (void)state;

    assert_non_null(fp);
    fputs("{\"id\":\"a\",\"text\":\"un\"}\n{\"id\":\"b\",\"text\":\"deux\"}\n"
          "{\"id\":\"c\",\"text\":\"trois\"}\n", fp);
    fclose(fp);
    assert_int_equal(rg_reader_new(&r, &in, 1, &ro), RG_OK);
    assert_int_equal(rg_reader_next(r, &d[0]), 1);
    rg_reader__use_arena(r, &arena);
    assert_int_equal(rg_reader_next(r, &d[1]), 1);
    assert_int_equal(rg_reader_next(r, &d[2]), 1);
    rg_reader__use_arena(r, NULL);
    for (i = 0; i < 3; i++) {
        assert_string_equal(d[i]->text, i == 0 ? "un" : i == 1 ? "deux" : "trois");
        if (i > 0) {
            /* rg_document_new's text is its own allocation */
            rg_document *t = NULL;
            assert_int_equal(rg_document_new(&t, "x", "autre", 5), RG_OK);
            d[i]->text = t->text;
            d[i]->len = t->len;
            t->text = NULL;
            rg_document_free(t);
        }
    }
    rg_document_free(d[0]);
    rg_document_free(d[1]);
    rg_document_free(d[2]);
    rg_document__arena_reset(&arena);
    rg_document__arena_dispose(&arena);
    rg_reader_free(r);
}

/* Length of document k of the arena tests: mostly small, some past the
 * arena's largest block (64 KiB), runs of 40-60 KiB that fill more chunks
 * than a reset keeps. */
static size_t arena_doc_len(size_t k)
{
    if (k % 17 == 5) {
        return 70000 + k;
    }
    if (k >= 60 && k < 100) {
        return 40000 + (k * 7919) % 20000;
    }
    return 1 + (k * 2654435761u) % 3000;
}

/* Writes document k's text (letters and spaces, a number first) to buf. */
static void arena_doc_text(size_t k, char *buf, size_t len)
{
    size_t i;
    int n = snprintf(buf, len + 1, "%zu ", k);

    for (i = n < 0 || (size_t)n > len ? len : (size_t)n; i < len; i++) {
        buf[i] = (i + k) % 7 == 0 ? ' ' : (char)('a' + (i * 31 + k) % 26);
    }
    buf[len] = '\0';
}

#define ARENA_DOCS 140

static void write_arena_file(char *buf)
{
    FILE *fp = fopen(path, "wb");
    size_t k;

    assert_non_null(fp);
    for (k = 0; k < ARENA_DOCS; k++) {
        arena_doc_text(k, buf, arena_doc_len(k));
        fprintf(fp, "{\"id\":\"%zu\",\"text\":\"%s\"}\n", k, buf);
    }
    fclose(fp);
}

/* Documents read into an arena in batches of 32, checked, freed and the
 * arena reset, as the pipeline does. */
static void test_arena_batches(void **state)
{
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    const char *in = path;
    rg_reader *r = NULL;
    rg_doc_arena arena = { NULL, NULL };
    rg_document *docs[32];
    char *buf = malloc(100000);
    size_t k = 0, n, i;
    int rc = 1;
    (void)state;

    assert_non_null(buf);
    write_arena_file(buf);
    assert_int_equal(rg_reader_new(&r, &in, 1, &ro), RG_OK);
    while (rc > 0) {
        rg_reader__use_arena(r, &arena);
        for (n = 0; n < 32 && (rc = rg_reader_next(r, &docs[n])) > 0; n++) {
        }
        rg_reader__use_arena(r, NULL);
        for (i = 0; i < n; i++, k++) {
            size_t len = arena_doc_len(k);
            arena_doc_text(k, buf, len);
            assert_int_equal(docs[i]->len, len);
            assert_memory_equal(docs[i]->text, buf, len + 1);
            assert_true(((uintptr_t)docs[i] & (sizeof(void *) - 1)) == 0);
        }
        for (i = 0; i < n; i++) {
            rg_document_free(docs[i]);
        }
        rg_document__arena_reset(&arena);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(k, ARENA_DOCS);
    rg_document__arena_dispose(&arena);
    rg_reader_free(r);
    free(buf);
}

/* 50,000 documents skipped for blank text (about 5 MB of blocks) before a
 * good one: each skipped block goes back to the arena, which stays on its
 * first chunk instead of growing until the batch ends. */
static void test_arena_skipped(void **state)
{
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    const char *in = path;
    rg_reader *r = NULL;
    rg_doc_arena arena = { NULL, NULL };
    rg_document *d = NULL;
    FILE *fp = fopen(path, "wb");
    int i;
    (void)state;

    assert_non_null(fp);
    for (i = 0; i < 50000; i++) {
        fprintf(fp, "{\"id\":\"blank-%d\",\"text\":\" \\n \"}\n", i);
    }
    fputs("{\"id\":\"good\",\"text\":\"Un texte.\"}\n", fp);
    fclose(fp);
    assert_int_equal(rg_reader_new(&r, &in, 1, &ro), RG_OK);
    rg_reader__use_arena(r, &arena);
    assert_int_equal(rg_reader_next(r, &d), 1);
    assert_string_equal(d->id, "good");
    assert_string_equal(d->text, "Un texte.");
    assert_int_equal(rg_reader_stats_get(r)->skipped, 50000);
    assert_true(arena.first != NULL && arena.cur == arena.first);
    rg_document_free(d);
    assert_int_equal(rg_reader_next(r, &d), 0);
    rg_reader__use_arena(r, NULL);
    rg_document__arena_reset(&arena);
    rg_document__arena_dispose(&arena);
    rg_reader_free(r);
}

typedef struct {
    size_t docs;
    char *buf;
} pipe_ctx;

static int pipe_cb(const rg_evidence *ev, void *payload)
{
    pipe_ctx *c = payload;
    size_t len = arena_doc_len(c->docs);

    arena_doc_text(c->docs, c->buf, len);
    assert_int_equal(ev->doc->seq, c->docs);
    assert_int_equal(ev->doc->len, len);
    assert_memory_equal(ev->doc->text, c->buf, len + 1);
    c->docs++;
    return RG_OK;
}

/* An extractor with the built-in dictionary and lexicon (the caller frees
 * all three). */
static rg_extractor *default_extractor(rg_actors **actors, rg_lexicon **lexicon)
{
    rg_extract_options xo;
    rg_extractor *ex = NULL;

    assert_int_equal(rg_actors_default(actors), RG_OK);
    assert_int_equal(rg_lexicon_default(lexicon), RG_OK);
    memset(&xo, 0, sizeof xo);
    xo.actors = *actors;
    xo.lexicon = *lexicon;
    xo.clean.html = -1;
    assert_int_equal(rg_extractor_new(&ex, &xo), RG_OK);
    return ex;
}

/* The same file through the pipeline (batches of 16 and 32, arenas per
 * batch), with no worker and with one: every document intact and in order. */
static void test_arena_pipeline(void **state)
{
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_pipeline_options po = RG_PIPELINE_OPTIONS_INIT;
    rg_actors *actors = NULL;
    rg_lexicon *lexicon = NULL;
    rg_extractor *ex = NULL;
    const char *in = path;
    pipe_ctx c;
    int t;
    (void)state;

    c.buf = malloc(100000);
    assert_non_null(c.buf);
    write_arena_file(c.buf);
    ex = default_extractor(&actors, &lexicon);
    for (t = 1; t <= 2; t++) {
        rg_reader *r = NULL;
        assert_int_equal(rg_reader_new(&r, &in, 1, &ro), RG_OK);
        po.threads = t;
        po.batch = t == 1 ? 16 : 32;
        c.docs = 0;
        assert_int_equal(rg_pipeline_run(r, ex, &po, pipe_cb, &c), RG_OK);
        assert_int_equal(c.docs, ARENA_DOCS);
        rg_reader_free(r);
    }
    rg_extractor_free(ex);
    rg_lexicon_free(lexicon);
    rg_actors_free(actors);
    free(c.buf);
}

/* Under AddressSanitizer, what the arena has not handed out is poisoned:
 * a document's bytes after the batch's reset, the bytes past its block,
 * and a block given back; a live document's bytes are not. */
#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif
#if defined(TEST_ASAN)
#include <sanitizer/asan_interface.h> /* __asan_address_is_poisoned */
#endif

static void test_arena_poisoned(void **state)
{
#if defined(TEST_ASAN)
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    const char *in = path;
    rg_reader *r = NULL;
    rg_doc_arena arena = { NULL, NULL };
    rg_document *d[2];
    const char *text0, *text1;
    FILE *fp = fopen(path, "wb");
    (void)state;

    assert_non_null(fp);
    fputs("{\"id\":\"a\",\"text\":\"un\"}\n{\"id\":\"b\",\"text\":\"deux\"}\n", fp);
    fclose(fp);
    assert_int_equal(rg_reader_new(&r, &in, 1, &ro), RG_OK);
    rg_reader__use_arena(r, &arena);
    assert_int_equal(rg_reader_next(r, &d[0]), 1);
    assert_int_equal(rg_reader_next(r, &d[1]), 1);
    rg_reader__use_arena(r, NULL);
    text0 = d[0]->text;
    text1 = d[1]->text;
    assert_false(__asan_address_is_poisoned(text0 + 2)); /* its NUL */
    assert_true(__asan_address_is_poisoned(text1 + 5));  /* past the last block */
    rg_document_free(d[1]); /* the last block: given back */
    assert_true(__asan_address_is_poisoned(text1));
    assert_false(__asan_address_is_poisoned(text0));
    rg_document_free(d[0]);
    rg_document__arena_reset(&arena);
    assert_true(__asan_address_is_poisoned(text0));
    rg_document__arena_dispose(&arena);
    rg_reader_free(r);
#else
    (void)state;
    skip();
#endif
}

/* A small JSON Lines file for the allocation walks: documents joined into
 * the arena, some past its largest block (malloc'd), some to decode (CR,
 * BOM), blank ones (skipped: their blocks go back) and a repeated id. */
#define OOM_DOCS 40

static size_t oom_doc_len(size_t k)
{
    return k % 13 == 3 ? 70000 : 1 + (k * 37) % 500;
}

static void write_oom_file(char *buf)
{
    FILE *fp = fopen(path, "wb");
    size_t k;

    assert_non_null(fp);
    for (k = 0; k < OOM_DOCS; k++) {
        arena_doc_text(k, buf, oom_doc_len(k));
        fprintf(fp, "{\"id\":\"%zu\",\"text\":\"%s%s\"}\n", k == 20 ? (size_t)19 : k,
                k % 11 == 4 ? "a\\r\\n" : k % 17 == 6 ? "\xef\xbb\xbf" : "",
                k % 9 == 2 ? " " : buf);
    }
    fclose(fp);
}

/* Reads the file into an arena in batches of 8 (as pl_fill does) with the
 * n-th allocation failing (0: none), checking each document and freeing
 * it before the reset. Returns the reader's last code; *docs counts the
 * documents read, *allocs the allocations made. */
static int oom_read(long n, size_t *docs, long *allocs)
{
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    const char *in = path;
    rg_reader *r = NULL;
    rg_doc_arena arena = { NULL, NULL };
    rg_document *d[8];
    size_t i;
    int rc;

    *docs = 0;
    rg_alloc_fail_at(n);
    if ((rc = rg_reader_new(&r, &in, 1, &ro)) == RG_OK) {
        do {
            size_t m = 0;
            rg_reader__use_arena(r, &arena);
            while (m < 8 && (rc = rg_reader_next(r, &d[m])) > 0) {
                m++;
            }
            rg_reader__use_arena(r, NULL);
            for (i = 0; i < m; i++) {
                assert_int_equal(strlen(d[i]->text), d[i]->len);
                rg_document_free(d[i]);
            }
            *docs += m;
            rg_document__arena_reset(&arena);
        } while (rc > 0);
    }
    *allocs = rg_alloc_count();
    rg_alloc_fail_at(0);
    rg_document__arena_dispose(&arena);
    rg_reader_free(r);
    return rc;
}

static int count_cb(const rg_evidence *ev, void *payload)
{
    (void)ev;
    ++*(size_t *)payload;
    return RG_OK;
}

/* The pipeline (one thread, batches of 8) over the file with the n-th
 * allocation failing; *allocs as above. */
static int oom_pipeline(const rg_extractor *ex, long n, size_t *docs, long *allocs)
{
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_pipeline_options po = RG_PIPELINE_OPTIONS_INIT;
    const char *in = path;
    rg_reader *r = NULL;
    int rc;

    *docs = 0;
    assert_int_equal(rg_reader_new(&r, &in, 1, &ro), RG_OK);
    po.threads = 1;
    po.batch = 8;
    rg_alloc_fail_at(n);
    rc = rg_pipeline_run(r, ex, &po, count_cb, docs);
    *allocs = rg_alloc_count();
    rg_alloc_fail_at(0);
    rg_reader_free(r);
    return rc;
}

/* Every allocation of reading the file into arenas fails once, then every
 * allocation of the pipeline over it up to 300 and every 7th after: each
 * run ends complete or with RG_ERROR "out of memory", with no leak (LSan)
 * and no bad free of an arena block (ASan). */
static void test_arena_alloc_failures(void **state)
{
    rg_actors *actors = NULL;
    rg_lexicon *lexicon = NULL;
    rg_extractor *ex = NULL;
    char *buf = malloc(100000);
    size_t docs, all;
    long n, allocs, failed = 0, tried = 0;
    int rc;
    (void)state;

    assert_non_null(buf);
    write_oom_file(buf);
    assert_int_equal(oom_read(0, &all, &allocs), 0);
    assert_true(all > 20 && all < OOM_DOCS);
    for (n = 1;; n++) {
        rg_error_clear();
        rc = oom_read(n, &docs, &allocs);
        if (allocs < n) {
            assert_int_equal(rc, 0);
            assert_int_equal(docs, all);
            break;
        }
        failed++;
        assert_int_equal(rc, RG_ERROR);
        assert_non_null(strstr(rg_error_last()->message, "out of memory"));
    }
    assert_true(failed > 20);
    ex = default_extractor(&actors, &lexicon);
    assert_int_equal(oom_pipeline(ex, 0, &docs, &allocs), RG_OK);
    assert_int_equal(docs, all);
    for (n = 1;; n += n < 300 ? 1 : 7) {
        rg_error_clear();
        rc = oom_pipeline(ex, n, &docs, &allocs);
        if (allocs < n) {
            assert_int_equal(rc, RG_OK);
            break;
        }
        tried++;
        if (rc != RG_OK || docs != all) {
            assert_int_equal(rc, RG_ERROR);
            assert_non_null(strstr(rg_error_last()->message, "out of memory"));
        }
    }
    print_message("arena walks: reading %ld failure points, pipeline %ld\n", failed, tried);
    assert_true(tried > 100);
    rg_extractor_free(ex);
    rg_lexicon_free(lexicon);
    rg_actors_free(actors);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_joined),
        cmocka_unit_test(test_free_moved_fields),
        cmocka_unit_test(test_arena_batches),
        cmocka_unit_test(test_arena_skipped),
        cmocka_unit_test(test_arena_pipeline),
        cmocka_unit_test(test_arena_alloc_failures),
        cmocka_unit_test(test_arena_poisoned),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
