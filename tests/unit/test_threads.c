/* SPDX-License-Identifier: MIT */
/*
 * When threads cannot be created (thread.c's test hook makes creation fail
 * from the nth call on), every caller does the work on the threads it has:
 * the pipeline on fewer workers or on the calling thread alone, the graph
 * phase without its metrics job or with fewer writers. The output must be
 * the same bytes as with every thread, and each case checks that the hook
 * did refuse the threads it should.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>  /* snprintf, fopen */
#include <stdlib.h> /* mkdtemp, system, free */
#include <string.h> /* memcpy, strlen */
#include <unistd.h> /* unlink */

#include <relgraph/actors.h>
#include <relgraph/errors.h>
#include <relgraph/evidence.h>
#include <relgraph/extract.h>
#include <relgraph/graph.h>
#include <relgraph/io.h>
#include <relgraph/pipeline.h>
#include <relgraph/reader.h>
#include <relgraph/stance.h>

#include "strbuf.h"
#include "thread.h" /* rg__thread_fail_from, rg__thread_refused */

#define N_DOCS 240

/* ---- the pipeline ---- */

static const char *const sentences[] = {
    "Vladimir Poutine a critiqué Donald Trump.",
    "Emmanuel Macron salue Angela Merkel pour son soutien.",
    "Le président russe propose à son homologue américain une coopération.",
    "Recep Tayyip Erdogan menace la Syrie de Bachar al-Assad.",
    "Il pleut sur Paris depuis lundi.",
    "Theresa May et Emmanuel Macron ont signé un accord.",
};

/* A JSON Lines file of N_DOCS dated documents, three sentences each. */
static void write_corpus(const char *path)
{
    FILE *fp = fopen(path, "wb");
    int i;

    assert_non_null(fp);
    for (i = 0; i < N_DOCS; i++) {
        fprintf(fp, "{\"id\":\"d%d\",\"date\":\"2018-%02d-10\",\"text\":\"%s %s %s\"}\n", i,
                1 + i % 12, sentences[i % 6], sentences[(i / 6) % 6], sentences[(i / 36) % 6]);
    }
    assert_int_equal(fclose(fp), 0);
}

typedef struct {
    const rg_actors *actors;
    rg_strbuf out;
} collect_ctx;

static int collect_cb(const rg_evidence *ev, void *payload)
{
    collect_ctx *c = payload;
    char *json = NULL;
    size_t len = 0;

    assert_int_equal(rg_evidence_to_json(&json, &len, ev, c->actors), RG_OK);
    assert_int_equal(rg_strbuf_put(&c->out, json, len), RG_OK);
    rg_free(json);
    return RG_OK;
}

/* The evidence of `path` with `threads` threads, as JSON Lines. */
static void run_pipeline(rg_strbuf *out, const rg_extractor *ex, const rg_actors *actors,
                         const char *path, int threads)
{
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_pipeline_options po = RG_PIPELINE_OPTIONS_INIT;
    rg_reader *r = NULL;
    collect_ctx c;

    c.actors = actors;
    c.out = *out;
    rg_strbuf_clear(&c.out);
    assert_int_equal(rg_reader_new(&r, &path, 1, &ro), RG_OK);
    po.threads = threads;
    po.batch = 16; /* many batches for few documents */
    assert_int_equal(rg_pipeline_run(r, ex, &po, collect_cb, &c), RG_OK);
    rg_reader_free(r);
    *out = c.out;
}

/* 4 threads asked (3 workers): none refused, all, all but the first, the
 * last one; the evidence is that of one thread each time. */
static void test_pipeline_without_threads(void **state)
{
    char path[] = "/tmp/rg_test_threads_XXXXXX";
    rg_extract_options xo;
    rg_actors *actors = NULL;
    rg_lexicon *lexicon = NULL;
    rg_extractor *ex = NULL;
    rg_strbuf ref = RG_STRBUF_INIT, got = RG_STRBUF_INIT;
    int fd = mkstemp(path);
    long from;
    (void)state;

    assert_true(fd >= 0);
    close(fd);
    write_corpus(path);
    assert_int_equal(rg_actors_default(&actors), RG_OK);
    assert_int_equal(rg_lexicon_default(&lexicon), RG_OK);
    memset(&xo, 0, sizeof xo);
    xo.actors = actors;
    xo.lexicon = lexicon;
    xo.clean.html = -1;
    assert_int_equal(rg_extractor_new(&ex, &xo), RG_OK);
    run_pipeline(&ref, ex, actors, path, 1);
    /* the corpus does give relations: the comparison is not of empty lists */
    assert_non_null(strstr(ref.ptr, "\"type\":\"stance\""));
    for (from = 0; from <= 3; from++) {
        rg__thread_fail_from(from);
        run_pipeline(&got, ex, actors, path, 4);
        assert_int_equal(rg__thread_refused(), from == 0 ? 0 : 4 - from);
        assert_int_equal(got.len, ref.len);
        assert_memory_equal(got.ptr, ref.ptr, ref.len);
    }
    rg__thread_fail_from(0);
    rg_strbuf_dispose(&ref);
    rg_strbuf_dispose(&got);
    rg_extractor_free(ex);
    rg_lexicon_free(lexicon);
    rg_actors_free(actors);
    unlink(path);
}

/* ---- the graph phase ---- */

#define AGG_FIXTURE_ABC /* dict_json and dict: the persons a, b and c */
#include "agg_fixture.h"

/* The files of a build over 12 months. */
static const char *const files[] = {
    "metrics.json", "graph.json", "graph.gexf", "nodes.csv", "edges.csv",
    "periods/2017-01.json", "periods/2017-06.json", "periods/2017-12.json", NULL,
};

static void read_whole(const char *dir, const char *name, char **data, size_t *len)
{
    char path[256];

    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(rg_read_file(data, len, path, (size_t)1 << 24), RG_OK);
}

static void remove_dir(const char *dir)
{
    char cmd[300];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* The graph phase starts the metrics job, then up to 4 writers (stopping
 * at the first refused): with the nth creation on refused, n = 1..6, the
 * files are those written with every thread. Refused: the job and the
 * first writer (n = 1), the nth writer (2..5), none (6). */
static void test_graph_without_threads(void **state)
{
    static const rel rels[] = { { 's', "a", "b", 2, 0 }, { 'c', "b", "c", 0, 1 },
                                { 's', "c", "a", -1, 1 } };
    rg_agg_options o = RG_AGG_OPTIONS_INIT;
    rg_agg *agg = NULL;
    char ref[] = "/tmp/rg_test_thr_ref_XXXXXX", dir[] = "/tmp/rg_test_thr_XXXXXX", id[16];
    long from;
    int month, k;
    (void)state;

    o.period = RG_PERIOD_MONTH;
    o.layer = RG_LAYER_PERSONS;
    assert_int_equal(rg_agg_new(&agg, dict, &o), RG_OK);
    for (month = 1; month <= 12; month++) {
        snprintf(id, sizeof id, "d%d", month);
        assert_int_equal(agg_fixture_add(agg, id, 2017, month, rels, 1 + (size_t)month % 3),
                         RG_OK);
    }
    assert_non_null(mkdtemp(ref));
    assert_int_equal(rg_agg_export(agg, ref), RG_OK);
    for (from = 1; from <= 6; from++) {
        memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
        assert_non_null(mkdtemp(dir));
        rg__thread_fail_from(from);
        assert_int_equal(rg_agg_export(agg, dir), RG_OK);
        assert_int_equal(rg__thread_refused(), from == 1 ? 2 : from <= 5 ? 1 : 0);
        rg__thread_fail_from(0);
        for (k = 0; files[k]; k++) {
            char *a = NULL, *b = NULL;
            size_t na = 0, nb = 0;
            read_whole(ref, files[k], &a, &na);
            read_whole(dir, files[k], &b, &nb);
            assert_true(na > 0);
            assert_int_equal(na, nb);
            assert_memory_equal(a, b, na);
            rg_free(a);
            rg_free(b);
        }
        remove_dir(dir);
    }
    remove_dir(ref);
    rg_agg_free(agg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pipeline_without_threads),
        cmocka_unit_test(test_graph_without_threads),
    };
    return cmocka_run_group_tests(tests, agg_fixture_setup, agg_fixture_teardown);
}
