/* SPDX-License-Identifier: MIT */
/*
 * Metrics files read back: rg_metrics_check (tolerance, metric filter,
 * appearing / disappearing actors, edges and periods, error codes with the
 * file and line) and rg_metrics_diff (periods of one file, missing period).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <igraph.h> /* IGRAPH_FINALLY_STACK_EMPTY */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <relgraph/errors.h>
#include <relgraph/io.h>
#include <relgraph/metrics.h>
#include <relgraph/text.h>

static char dir[] = "/tmp/rg_test_metrics_XXXXXX";

#define GRAPH(pr_a, extra_actor, extra_edge)                                              \
    "{\"actors\": {\"a\": {\"community\": 0, \"degree\": 1, \"label\": \"A\", "           \
    "\"pagerank\": " pr_a ", \"type\": \"person\"}, "                                      \
    "\"b\": {\"community\": 0, \"degree\": 1, \"label\": \"B\", \"pagerank\": 0.5, "       \
    "\"type\": \"person\"}" extra_actor "}, "                                              \
    "\"edges\": {\"a|b\": {\"comention\": 2, \"sign\": 1, \"stance_net\": 4}" extra_edge   \
    "}, \"graph\": {\"density\": 1, \"nodes\": 2}, \"period_end\": \"\", "                 \
    "\"period_start\": \"\"}"

static const char base_json[] =
    "{\"changes\": [], \"overall\": " GRAPH("0.5", "", "") ", \"periods\": {"
    "\"2017-01\": " GRAPH("0.5", "", "") ", "
    "\"2017-02\": " GRAPH("0.5", "", "") "}, \"schema\": 1}\n";

static const char moved_json[] =
    "{\"changes\": [], \"overall\": " GRAPH("0.5000004", "", "") ", \"periods\": {"
    "\"2017-01\": " GRAPH("0.7", ", \"c\": {\"degree\": 0, \"pagerank\": 0}", "") ", "
    "\"2017-03\": " GRAPH("0.5", "", "") "}, \"schema\": 1}\n";

static const char flip_json[] =
    "{\"changes\": [], \"overall\": " GRAPH("0.5", "", "") ", \"periods\": {"
    "\"2017-01\": " GRAPH("0.5", "", "") ", "
    "\"2017-02\": {\"actors\": {\"a\": {\"degree\": 1, \"pagerank\": 0.6}, "
    "\"b\": {\"degree\": 1, \"pagerank\": 0.4}}, \"edges\": {\"a|b\": {\"comention\": 3, "
    "\"sign\": -1, \"stance_net\": -2}}, \"graph\": {\"nodes\": 2}}}, \"schema\": 1}\n";

static char path_base[128], path_moved[128], path_bad[128], path_other[128], path_flip[128];

static void put(char *path, const char *name, const char *text)
{
    snprintf(path, 128, "%s/%s", dir, name);
    assert_int_equal(rg_write_file_atomic(path, text, strlen(text)), RG_OK);
}

static int group_setup(void **state)
{
    (void)state;
    rg_init();
    if (!mkdtemp(dir)) {
        return -1;
    }
    put(path_base, "base.json", base_json);
    put(path_moved, "moved.json", moved_json);
    put(path_flip, "flip.json", flip_json);
    put(path_bad, "bad.json", "{\"overall\": {},\n  \"periods\": {,}\n}\n");
    put(path_other, "other.json", "[1, 2, 3]\n");
    return 0;
}

static int group_teardown(void **state)
{
    char cmd[160];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    rg_shutdown();
    return system(cmd) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    assert_true(IGRAPH_FINALLY_STACK_EMPTY);
    return 0;
}

static void test_check_same(void **state)
{
    char *out = NULL;
    size_t len, n = 99;

    (void)state;
    assert_int_equal(rg_metrics_check(&out, &len, &n, path_base, path_base, NULL), RG_OK);
    assert_int_equal(n, 0);
    assert_string_equal(out, "");
    rg_free(out);
}

static void test_check_moved(void **state)
{
    char *out = NULL;
    size_t len, n = 0;

    (void)state;
    assert_int_equal(rg_metrics_check(&out, &len, &n, path_base, path_moved, NULL), RG_OK);
    /* overall a.pagerank moved by 4e-7 (< 1e-6): not reported;
     * 2017-01: a.pagerank 0.5 -> 0.7, c appeared; 2017-02 gone; 2017-03 new */
    assert_int_equal(n, 4);
    assert_non_null(strstr(out, "actor"));
    assert_non_null(strstr(out, "a      pagerank  2017-01  0.5      0.7      0.2\n"));
    assert_non_null(strstr(out, "c      (actor)   2017-01  -        present  appeared\n"));
    assert_non_null(strstr(out, "2017-02  present  -        disappeared\n"));
    assert_non_null(strstr(out, "2017-03  -        present  appeared\n"));
    assert_int_equal(strlen(out), len);
    rg_free(out);
}

static void test_check_tolerance_and_filter(void **state)
{
    static const char *const only_degree[] = { "degree" };
    rg_check_options o = RG_CHECK_OPTIONS_INIT;
    char *out = NULL;
    size_t len, n = 0;

    (void)state;
    o.tolerance = 1e-7;
    o.metrics = only_degree;
    o.n_metrics = 1;
    /* degree did not move; only the structural rows remain */
    assert_int_equal(rg_metrics_check(&out, &len, &n, path_base, path_moved, &o), RG_OK);
    assert_int_equal(n, 3);
    assert_null(strstr(out, "pagerank"));
    rg_free(out);
    o.metrics = NULL;
    o.n_metrics = 0;
    assert_int_equal(rg_metrics_check(&out, &len, &n, path_base, path_moved, &o), RG_OK);
    assert_int_equal(n, 5); /* the overall 4e-7 move now counts */
    rg_free(out);
}

static void test_check_errors(void **state)
{
    static const char *const bogus[] = { "bogus" };
    rg_check_options o = RG_CHECK_OPTIONS_INIT;
    char *out = NULL, missing[160];
    size_t len, n;

    (void)state;
    assert_int_equal(rg_metrics_check(&out, &len, &n, path_base, path_bad, NULL), RG_EPARSE);
    assert_null(out);
    assert_non_null(strstr(rg_error_last()->message, "bad.json:2:"));
    assert_int_equal(rg_metrics_check(&out, &len, &n, path_other, path_base, NULL), RG_EPARSE);
    assert_non_null(strstr(rg_error_last()->message, "not a relgraph metrics file"));
    snprintf(missing, sizeof missing, "%s/missing.json", dir);
    assert_int_equal(rg_metrics_check(&out, &len, &n, missing, path_base, NULL), RG_EIO);
    assert_non_null(strstr(rg_error_last()->message, "missing.json"));
    o.metrics = bogus;
    o.n_metrics = 1;
    assert_int_equal(rg_metrics_check(&out, &len, &n, path_base, path_base, &o), RG_EINVAL);
    assert_non_null(strstr(rg_error_last()->message, "bogus"));
}

static void test_diff(void **state)
{
    char *out = NULL;
    size_t len;

    (void)state;
    assert_int_equal(rg_metrics_diff(&out, &len, path_flip, "2017-01", path_flip, "2017-02"),
                     RG_OK);
    assert_non_null(strstr(out, "[2017-01]"));
    assert_non_null(strstr(out, "0 appeared, 0 disappeared, 1 flipped sign; Jaccard 1\n"));
    assert_non_null(strstr(out, "  ~ a|b  weight 2 -> 3, stance 4 -> -2\n"));
    /* pagerank a .5 b .5 -> a .6 b .4: a moves from 1.5 to 1 */
    assert_non_null(strstr(out, "a                pagerank     rank 1.5 -> 1, value 0.5 -> 0.6\n"));
    rg_free(out);
    assert_int_equal(rg_metrics_diff(&out, &len, path_base, NULL, path_moved, NULL), RG_OK);
    assert_non_null(strstr(out, "[all]"));
    rg_free(out);
    assert_int_equal(rg_metrics_diff(&out, &len, path_base, "2019-01", path_base, "all"),
                     RG_ENOTFOUND);
    assert_non_null(strstr(rg_error_last()->message, "no period \"2019-01\""));
}

static void test_metric_names(void **state)
{
    int m;

    (void)state;
    for (m = 1; m < RG_METRIC__COUNT; m++) {
        assert_true(strcmp(rg_metric_name((rg_metric)(m - 1)), rg_metric_name((rg_metric)m)) < 0);
        assert_int_equal(rg_metric_from_name(rg_metric_name((rg_metric)m)), m);
    }
    assert_null(rg_metric_name(RG_METRIC__COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_check_same, teardown),
        cmocka_unit_test_teardown(test_check_moved, teardown),
        cmocka_unit_test_teardown(test_check_tolerance_and_filter, teardown),
        cmocka_unit_test_teardown(test_check_errors, teardown),
        cmocka_unit_test_teardown(test_diff, teardown),
        cmocka_unit_test_teardown(test_metric_names, teardown),
    };
    return cmocka_run_group_tests_name("metrics", tests, group_setup, group_teardown);
}
