/* SPDX-License-Identifier: MIT */
/*
 * The graph phase's files (graph_output.c, graph_writer.c, graph_job.c):
 * numbers as graph_write.c spells them, and write failures: metrics.json
 * on its job thread, the graph files through the writer threads, which
 * rename in order, write nothing after a failed file and leave no
 * temporary. (Moved out of test_graph.c, which round 11 took past 800
 * lines.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <igraph.h> /* IGRAPH_FINALLY_STACK_EMPTY */
#include <math.h>   /* isfinite, nextafter, NAN, INFINITY */
#include <stdio.h>  /* snprintf */
#include <stdlib.h> /* mkdtemp, system */
#include <string.h> /* strstr, strlen, memcpy */
#include <unistd.h> /* access */

#include <relgraph/actors.h>
#include <relgraph/errors.h>
#include <relgraph/graph.h>
#include <relgraph/io.h>

#include "graph_core.h" /* rg_graph__put_real */
#include "strbuf.h"

#define AGG_FIXTURE_ABC /* dict_json and dict: the persons a, b and c */
#include "agg_fixture.h"

static void add_doc(rg_agg *agg, const char *id, int year, int month, const rel *rels,
                    size_t n)
{
    assert_int_equal(agg_fixture_add(agg, id, year, month, rels, n), RG_OK);
}

static rg_agg *new_agg(void)
{
    rg_agg_options o = RG_AGG_OPTIONS_INIT;
    rg_agg *agg = NULL;

    o.period = RG_PERIOD_MONTH;
    o.layer = RG_LAYER_PERSONS;
    assert_int_equal(rg_agg_new(&agg, dict, &o), RG_OK);
    return agg;
}

static int teardown(void **state)
{
    (void)state;
    assert_true(IGRAPH_FINALLY_STACK_EMPTY);
    return 0;
}

/* 0 when dir/name exists, else -1 */
static int exists(const char *dir, const char *name)
{
    char path[256];

    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK);
}

/* Makes dir/name/keep as folders: a file can no longer be renamed to
 * dir/name. */
static void block_file(const char *dir, const char *name)
{
    char path[256];

    snprintf(path, sizeof path, "%s/%s/keep", dir, name);
    assert_int_equal(rg_mkdir_p(path), RG_OK);
}

/* No temporary file is left in dir or dir/periods, then dir goes. */
static void check_clean_and_remove(const char *dir)
{
    char cmd[300];

    snprintf(cmd, sizeof cmd, "ls -a '%s' '%s/periods' | grep -q tmp-", dir, dir);
    assert_int_not_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* rg_graph__put_real writes whole numbers as integers: the same bytes as
 * rg_strbuf_put_real (6 decimals, trimmed, "-0" as "0"), NaN and Inf as 0. */
static void check_put_real(double x)
{
    rg_strbuf a = RG_STRBUF_INIT, b = RG_STRBUF_INIT;

    assert_int_equal(rg_graph__put_real(&a, x), RG_OK);
    assert_int_equal(rg_strbuf_put_real(&b, isfinite(x) ? x : 0.0, 6), RG_OK);
    assert_string_equal(a.ptr, b.ptr);
    rg_strbuf_dispose(&a);
    rg_strbuf_dispose(&b);
}

static void test_put_real(void **state)
{
    static const double fixed[] = {
        0.0, -0.0, 1.0, -1.0, 10.0, 0.5, -0.5, 1e-7, -1e-7, 0.9999999, 2.5e-7,
        1099511.0, 1099512.0, 1099511.627776, 123456789.0, -123456789.0,
        4503599627370496.0, 9007199254740991.0, 9007199254740992.0,
        -9007199254740992.0, 1e17, -1e300, 1e300, NAN, INFINITY, -INFINITY
    };
    size_t i;
    long k;

    (void)state;
    for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        check_put_real(fixed[i]);
    }
    for (k = -3000; k <= 3000; k++) {
        check_put_real((double)k);
        check_put_real((double)k * 1024.0 * 1024.0 * 1024.0);
        check_put_real((double)k / 7.0);
        check_put_real(nextafter((double)k, 1e9));
        check_put_real(nextafter((double)k, -1e9));
    }
}

static void test_write_error(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 } };
    rg_agg *agg = new_agg();

    (void)state;
    add_doc(agg, "d1", 2017, 1, rels, 1);
    assert_int_equal(rg_agg_write(agg, "/proc/version/x"), RG_EIO);
    assert_non_null(strstr(rg_error_last()->message, "/proc/version"));
    rg_agg_free(agg);
}

/* metrics.json is written on a second thread: its failure (here a folder
 * in its place, so the rename fails) is this thread's error afterwards, and
 * the other files are still written. */
static void test_write_error_metrics(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 } };
    rg_agg *agg = new_agg();
    char dir[] = "/tmp/rg_test_wmx_XXXXXX";

    (void)state;
    assert_non_null(mkdtemp(dir));
    block_file(dir, "metrics.json");
    add_doc(agg, "d1", 2017, 1, rels, 1);
    rg_error_clear();
    assert_int_equal(rg_agg_write(agg, dir), RG_EIO);
    assert_non_null(rg_error_last());
    assert_non_null(strstr(rg_error_last()->message, "metrics.json"));
    assert_int_equal(exists(dir, "graph.json"), 0);
    check_clean_and_remove(dir);
    rg_agg_free(agg);
}

/* The graph files go through a writer thread in order: when one fails (a
 * folder in its place), its message is the caller's error and no later
 * file is written, as when the calling thread wrote them and stopped.
 * Later files written beside it may have been fsynced: none is renamed,
 * no temporary is left. */
static void test_write_error_writer(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 }, { 'c', "b", "c", 0, 1 } };
    rg_agg *agg = new_agg();
    char dir[] = "/tmp/rg_test_wwx_XXXXXX";

    (void)state;
    assert_non_null(mkdtemp(dir));
    block_file(dir, "periods/2017-01.json");
    add_doc(agg, "d1", 2017, 1, rels, 2);
    add_doc(agg, "d2", 2017, 2, rels, 1);
    rg_error_clear();
    assert_int_equal(rg_agg_export(agg, dir), RG_EIO);
    assert_non_null(rg_error_last());
    assert_non_null(strstr(rg_error_last()->message, "2017-01.json"));
    assert_int_equal(exists(dir, "graph.json"), 0);
    assert_int_equal(exists(dir, "metrics.json"), 0);
    assert_int_equal(exists(dir, "periods/2017-02.json"), -1);
    assert_int_equal(exists(dir, "graph.gexf"), -1);
    check_clean_and_remove(dir);
    rg_agg_free(agg);
}

/* Twelve period files through the writer threads, the sixth impossible:
 * the five before it are written, none after it, no temporary is left;
 * twenty times, as the threads race differently each time. */
static void test_writer_order(void **state)
{
    static const rel rels[] = { { 'c', "a", "b", 0, 0 } };
    rg_agg *agg = new_agg();
    char dir[] = "/tmp/rg_test_wox_XXXXXX", name[32];
    int month, round;

    (void)state;
    for (month = 1; month <= 12; month++) {
        snprintf(name, sizeof name, "d%d", month);
        add_doc(agg, name, 2017, month, rels, 1);
    }
    for (round = 0; round < 20; round++) {
        assert_non_null(mkdtemp(dir));
        block_file(dir, "periods/2017-06.json");
        assert_int_equal(rg_agg_write(agg, dir), RG_EIO);
        assert_non_null(strstr(rg_error_last()->message, "2017-06.json"));
        for (month = 1; month <= 12; month++) {
            snprintf(name, sizeof name, "periods/2017-%02d.json", month);
            assert_int_equal(exists(dir, name), month <= 6 ? 0 : -1);
        }
        check_clean_and_remove(dir);
        memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
    }
    rg_agg_free(agg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_put_real, teardown),
        cmocka_unit_test_teardown(test_write_error, teardown),
        cmocka_unit_test_teardown(test_write_error_metrics, teardown),
        cmocka_unit_test_teardown(test_write_error_writer, teardown),
        cmocka_unit_test_teardown(test_writer_order, teardown),
    };
    return cmocka_run_group_tests_name("graph_files", tests, agg_fixture_setup,
                                       agg_fixture_teardown);
}
