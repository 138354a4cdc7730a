/* SPDX-License-Identifier: MIT */
/*
 * Tests for the file exports (GEXF, CSV) and the relgraph-render launcher,
 * on the hand-written fixture tests/fixtures/graphs/basic (two periods, a
 * label with quotes, accents, <, &, a backslash and a newline).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>  /* snprintf */
#include <stdlib.h> /* mkdtemp, free */
#include <string.h> /* strstr, strcmp */
#include <unistd.h> /* unlink */

#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include <relgraph/export.h>
#include <relgraph/io.h>
#include <relgraph/text.h>

#include <jansson.h>
#include <limits.h> /* LLONG_MIN, LLONG_MAX */
#include <math.h>   /* pow */
#include "export_load.h" /* rg_export__put_scalar */
#include "strbuf.h"

#define FIXTURE "tests/fixtures/graphs/basic"

static char tmpdir[64];

static char *slurp(const char *name)
{
    char path[256], *data = NULL;
    size_t len = 0;

    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    assert_int_equal(rg_read_file(&data, &len, path, 0), RG_OK);
    return data;
}

static void put(const char *name, const char *text)
{
    char path[256];

    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    assert_int_equal(rg_write_file_atomic(path, text, strlen(text)), RG_OK);
}

static void copy_fixture(const char *name)
{
    char path[256], *data = NULL;
    size_t len = 0;

    snprintf(path, sizeof path, "%s/%s", FIXTURE, name);
    assert_int_equal(rg_read_file(&data, &len, path, 0), RG_OK);
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    assert_int_equal(rg_write_file_atomic(path, data, len), RG_OK);
    rg_free(data);
}

static int setup(void **state)
{
    char path[256];

    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/rg-test-export-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        return -1;
    }
    snprintf(path, sizeof path, "%s/periods", tmpdir);
    if (rg_mkdir_p(path) < 0) {
        return -1;
    }
    copy_fixture("graph.json");
    copy_fixture("periods/2017-11.json");
    copy_fixture("periods/2017-12.json");
    return 0;
}

static int teardown(void **state)
{
    static const char *const files[] = {
        "graph.json", "periods/2017-11.json", "periods/2017-12.json", "graph.gexf",
        "nodes.csv", "edges.csv", "periods/bad.json", NULL
    };
    char path[256];
    size_t i;

    (void)state;
    for (i = 0; files[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, files[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/periods", tmpdir);
    rmdir(path);
    rmdir(tmpdir);
    rg_alloc_fail_at(0);
    rg_error_clear();
    return 0;
}

static void assert_error(int rc, int code, const char *fragment)
{
    assert_int_equal(rc, code);
    assert_non_null(rg_error_last());
    if (!strstr(rg_error_last()->message, fragment)) {
        fail_msg("message \"%s\" lacks \"%s\"", rg_error_last()->message, fragment);
    }
}

static void test_gexf_content(void **state)
{
    char *x;

    (void)state;
    assert_int_equal(rg_export_gexf(tmpdir), RG_OK);
    x = slurp("graph.gexf");
    assert_non_null(strstr(x, "<gexf xmlns=\"http://gexf.net/1.3\" "
                              "xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">"));
    assert_non_null(strstr(x, "<graph defaultedgetype=\"undirected\" mode=\"dynamic\" "
                              "timeformat=\"date\" start=\"2017-11-01\" end=\"2017-12-31\">"));
    assert_non_null(strstr(x, "<attributes class=\"edge\" mode=\"dynamic\">\n"
                              "      <attribute id=\"weight\" title=\"weight\" type=\"double\"/>"));
    assert_non_null(strstr(x, "<attribute id=\"mentions\" title=\"mentions\" type=\"integer\"/>"));
    assert_non_null(strstr(x, "<attribute id=\"pagerank\" title=\"pagerank\" type=\"double\"/>"));
    assert_non_null(strstr(x, "<nodes count=\"6\">"));
    assert_non_null(strstr(x, "<edges count=\"7\">"));
    /* escaping: ' " < > & and the newline as a character reference */
    assert_non_null(strstr(x, "label=\"L&apos;&quot;Union&quot; &lt;européenne&gt; &amp; "
                              "co\\ &#10;Bruxelles, «UE»\""));
    /* the stance-only pair exists in 2017-11 only: one spell, dynamic weight 0 */
    assert_non_null(strstr(x, "<edge id=\"erdogan|trump\" source=\"erdogan\" target=\"trump\">\n"
                              "        <attvalues>\n"
                              "          <attvalue for=\"weight\" value=\"0\" "
                              "start=\"2017-11-01\" end=\"2017-11-30\"/>\n"));
    assert_non_null(strstr(x, "<spells>\n          <spell start=\"2017-11-01\" "
                              "end=\"2017-11-30\"/>\n        </spells>\n"
                              "        <viz:color r=\"214\" g=\"39\" b=\"40\"/>"));
    /* no static weight beside the dynamic one */
    assert_null(strstr(x, "\" weight=\""));
    assert_null(strstr(x, "-0\""));
    rg_free(x);
}

static void test_gexf_deterministic(void **state)
{
    char *a, *b;

    (void)state;
    assert_int_equal(rg_export_gexf(tmpdir), RG_OK);
    a = slurp("graph.gexf");
    assert_int_equal(rg_export_gexf(tmpdir), RG_OK);
    b = slurp("graph.gexf");
    assert_string_equal(a, b);
    rg_free(a);
    rg_free(b);
}

static void test_csv_content(void **state)
{
    char *n, *e;

    (void)state;
    assert_int_equal(rg_export_csv(tmpdir), RG_OK);
    n = slurp("nodes.csv");
    e = slurp("edges.csv");
    assert_true(strncmp(n, "Id,Label,type,mentions,documents,degree,strength,betweenness,"
                           "closeness,harmonic,eigenvector,pagerank,hub,authority,community,"
                           "stance_in_pos,stance_in_neg,stance_out_pos,stance_out_neg,"
                           "stance_given,stance_received,x,y\r\n", 190) == 0);
    assert_non_null(strstr(n, "\r\nRUS,Russie,state,3,2,1,5,0,1,0.5,"));
    /* RFC 4180: quoted because of , " and LF; inner quotes doubled; LF kept */
    assert_non_null(strstr(n, "\r\nweird,\"L'\"\"Union\"\" <européenne> & co\\ \n"
                              "Bruxelles, «UE»\",organisation,8,"));
    assert_non_null(strstr(e, "Source,Target,Type,Id,Weight,comention,documents,doc_ids_total,"
                              "stance_net,stance_pos,stance_neg,stance_pos_sum,stance_neg_sum,"
                              "stance_st,stance_ts,tone,tone_count,sign,doc_ids\r\n"));
    assert_non_null(strstr(e, "\r\nmacron,trump,Undirected,macron|trump,4,4,2,2,-4.4,0,1,0,4.4,"
                              "-4.4,0,0,0,-1,doc0;doc1\r\n"));
    /* "-0.0" in the JSON is written as 0 */
    assert_non_null(strstr(e, "\r\nRUS,poutine,Undirected,RUS|poutine,5,5,2,2,0,0,0,0,0,"));
    rg_free(n);
    rg_free(e);
}

static void test_missing_dir(void **state)
{
    (void)state;
    assert_error(rg_export_csv("/nonexistent-relgraph"), RG_EIO,
                 "/nonexistent-relgraph/graph.json");
    assert_error(rg_export_gexf("/nonexistent-relgraph"), RG_EIO, "graph.json");
}

static void test_invalid_json(void **state)
{
    (void)state;
    put("graph.json", "{\n \"nodes\": [\n  {\"key\": \"a\",}\n ]\n}\n");
    assert_error(rg_export_csv(tmpdir), RG_EPARSE, "graph.json:3:");
    put("graph.json", "{\"nodes\": [{\"key\": \"a\"}], \"edges\": [{\"source\": \"a\", "
                      "\"target\": \"zz\"}]}");
    assert_error(rg_export_gexf(tmpdir), RG_EPARSE, "edge 0: source or target");
    put("graph.json", "[1, 2]");
    assert_error(rg_export_csv(tmpdir), RG_EPARSE, "top level must be a JSON object");
}

static void test_period_without_dates(void **state)
{
    (void)state;
    put("periods/bad.json", "{\"attributes\": {\"period\": \"bad\"}, \"nodes\": []}");
    assert_error(rg_export_gexf(tmpdir), RG_EPARSE, "bad.json: period_start and period_end");
}

/* Every allocation failure returns an error and leaks nothing (ASan). */
static void test_alloc_failures(void **state)
{
    long n;
    int rc_gexf = RG_ERROR, rc_csv = RG_ERROR;

    (void)state;
    for (n = 1; n < 100000 && rc_gexf != RG_OK; n++) {
        rg_alloc_fail_at(n);
        rc_gexf = rg_export_gexf(tmpdir);
        if (rc_gexf != RG_OK) {
            assert_true(rc_gexf < 0);
        }
    }
    for (n = 1; n < 100000 && rc_csv != RG_OK; n++) {
        rg_alloc_fail_at(n);
        rc_csv = rg_export_csv(tmpdir);
    }
    rg_alloc_fail_at(0);
    assert_int_equal(rc_gexf, RG_OK);
    assert_int_equal(rc_csv, RG_OK);
}

/*
 * The fixture's GEXF (hard label included) against its consumers: xmllint
 * with the GEXF 1.3 RELAX NG schema and networkx (tests/cli/exports_gexf.py).
 * Skipped when a tool is missing; the CLI tests require them.
 */
static void test_gexf_consumers(void **state)
{
    const char *shared = getenv("RG_SHARED") ? getenv("RG_SHARED") : "../shared";
    char cmd[1024];

    (void)state;
    assert_int_equal(rg_export_gexf(tmpdir), RG_OK);
    /* the schema and the tools are prerequisites of make test: missing, they fail */
    snprintf(cmd, sizeof cmd, "%s/schemas/gexf-1.3/gexf.rng", shared);
    if (access(cmd, R_OK) != 0) {
        fail_msg("GEXF schema not found: %s (set RG_SHARED to the shared folder)", cmd);
    }
    snprintf(cmd, sizeof cmd, "xmllint --noout --relaxng %s/schemas/gexf-1.3/gexf.rng "
             "%s/graph.gexf 2>/dev/null", shared, tmpdir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/cli/exports_gexf.py %s >/dev/null", tmpdir);
    assert_int_equal(system(cmd), 0);
}

static void test_render_cannot_run(void **state)
{
    const char *formats[] = { "png" };

    (void)state;
    assert_error(rg_export_render("/nonexistent/relgraph-render", tmpdir, formats, 1, NULL),
                 RG_EEXPORT, "cannot run /nonexistent/relgraph-render");
}

static void test_render_exit_status(void **state)
{
    (void)state;
    /* false(1) ignores its arguments and exits 1 */
    assert_error(rg_export_render("false", tmpdir, NULL, 0, "pagerank"), RG_EEXPORT,
                 "false exited with status 1");
    assert_int_equal(rg_export_render("true", tmpdir, NULL, 0, NULL), RG_OK);
}

/* rg_export__put_scalar's reals as they were written before its fast path:
 * the shortest of %.15g and %.17g that reads back, "-0" as "0". */
static void ref_scalar_real(char *out, double x)
{
    snprintf(out, 40, "%.15g", x);
    if (strtod(out, NULL) != x) {
        snprintf(out, 40, "%.17g", x);
    }
    if (strcmp(out, "-0") == 0) {
        strcpy(out, "0");
    }
}

static void check_scalar(const rg_xval *v, const char *want)
{
    rg_strbuf b = RG_STRBUF_INIT;

    assert_int_equal(rg_export__put_scalar(&b, v), RG_OK);
    if (strcmp(b.ptr, want) != 0) {
        print_error("got %s, want %s\n", b.ptr, want);
        fail();
    }
    rg_strbuf_dispose(&b);
}

static rg_xval xint(long long i)
{
    rg_xval v;

    v.kind = RG_XV_INT;
    v.u.i = i;
    return v;
}

static rg_xval xreal(double r)
{
    rg_xval v;

    v.kind = RG_XV_REAL;
    v.u.r = r;
    return v;
}

/* Integers and reals as GEXF copies them from the graph files: numbers of
 * up to 6 decimals at every magnitude around the fast path's bounds, and
 * any double, against printf. */
static void test_put_scalar(void **state)
{
    static const long long ints[] = { 0, 1, -1, 9, 10, -10, 123456789, LLONG_MAX, LLONG_MIN };
    uint64_t seed = 0x2545F4914F6CDD1DULL;
    char want[40];
    size_t i;
    (void)state;

    for (i = 0; i < sizeof ints / sizeof *ints; i++) {
        rg_xval v = xint(ints[i]);
        snprintf(want, sizeof want, "%lld", ints[i]);
        check_scalar(&v, want);
    }
    for (i = 0; i < 200000; i++) {
        double x;
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        if (i % 2) { /* r / 10^6 for r of 1 to 16 digits */
            long long r = (long long)(seed >> 11) % (long long)pow(10.0, (double)(1 + seed % 16));
            x = (double)r / 1e6;
        } else { /* any double of magnitude 1e-8 to 1e12 */
            x = (double)(seed >> 11) / 9007199254740992.0 * pow(10.0, (double)((int)(seed % 21) - 8));
        }
        x = seed & (1ULL << 40) ? -x : x;
        rg_xval v = xreal(x);
        ref_scalar_real(want, x);
        check_scalar(&v, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_scalar),
        cmocka_unit_test_setup_teardown(test_gexf_content, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gexf_deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_content, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_period_without_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gexf_consumers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alloc_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_render_cannot_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_render_exit_status, setup, teardown),
    };

    return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
