/* SPDX-License-Identifier: MIT */
/*
 * GEXF and CSV written from memory by rg_agg_export() against the same
 * files made the other way (rg_agg_write, then rg_export_gexf and
 * rg_export_csv reading the Graphology JSON back): the bytes must be the
 * same. The aggregates cover what the typing of the GEXF columns depends
 * on (reals that round to whole numbers, to zero, with 6 decimals), labels
 * and document ids that need escaping or quoting, undated documents (nodes
 * in no period), no period at all (static GEXF) and an empty aggregate.
 * Also every allocation of rg_agg_export failing once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>  /* snprintf */
#include <stdlib.h> /* mkdtemp, free */
#include <string.h> /* memset, strcmp, strstr */

#include <relgraph/actors.h>
#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include <relgraph/evidence.h>
#include <relgraph/export.h>
#include <relgraph/graph.h>
#include <relgraph/io.h>
#include <relgraph/text.h>

static const char dict_json[] =
    "{\"schema\": 1, \"actors\": ["
    "{\"id\": \"a\", \"label\": \"Anne \\\"A\\\" <&> Alpha, jr\", \"type\": \"person\","
    " \"aliases\": [\"Anne Alpha\"]},"
    "{\"id\": \"b\", \"label\": \"Bruno B\\u00e9ta\\nsecond line\", \"type\": \"person\","
    " \"aliases\": [\"Bruno Beta\"]},"
    "{\"id\": \"c\", \"label\": \"Chlo\\u00e9\\tGamma\", \"type\": \"person\","
    " \"aliases\": [\"Chloe Gamma\"]},"
    "{\"id\": \"d\", \"label\": \"Denis Delta\", \"type\": \"person\","
    " \"aliases\": [\"Denis Delta\"]},"
    "{\"id\": \"e\", \"label\": \"Emma Epsilon\", \"type\": \"person\", \"aliases\": [\"Emma E\"]},"
    "{\"id\": \"FRA\", \"label\": \"France\", \"type\": \"state\", \"aliases\": [\"France\"]},"
    "{\"id\": \"onu\", \"label\": \"ONU\", \"type\": \"organisation\", \"aliases\": [\"ONU\"]}"
    "]}";

static rg_actors *dict;

#include "agg_fixture.h"
#include "export_load.h" /* rg_export__number */

#include <jansson.h>

/* Stance intensities whose sums are written as "1" (0.9999999), "0"
 * (4e-7), with 6 decimals, or whole: integers and reals in the files. */
static const rel doc1[] = {
    { 'c', "a", "b", 0, 0 }, { 's', "a", "b", 0.9999999, 0 }, { 'c', "b", "c", 0, 1 },
    { 's', "c", "b", -4e-7, 1 }, { 'c', "a", "c", 0, 2 }, { 't', "a", "c", 1, 2 },
    { 'c', "FRA", "a", 0, 3 }, { 's', "FRA", "onu", 1234.5678915, 3 },
};
static const rel doc2[] = {
    { 'c', "a", "b", 0, 0 }, { 's', "b", "a", -7, 0 }, { 'c', "c", "d", 0, 1 },
    { 't', "c", "d", -1, 1 }, { 's', "d", "c", 0.333333333, 2 }, { 'c', "onu", "FRA", 0, 3 },
};
static const rel doc3[] = { { 'c', "d", "e", 0, 0 }, { 's', "e", "d", 2.5, 0 } };

/* What each aggregate gets: d1 in January, d2 in February (or neither,
 * `dated` 0), d3 undated, d4 and d5 with ids to quote in CSV. */
static int fill(rg_agg *agg, int dated)
{
    int error;

    if ((error = agg_fixture_add(agg, "d1", dated ? 2017 : 0, dated ? 1 : 0, doc1, 8)) != RG_OK ||
        (error = agg_fixture_add(agg, "d2", dated ? 2017 : 0, dated ? 2 : 0, doc2, 6)) != RG_OK ||
        (error = agg_fixture_add(agg, "d3", 0, 0, doc3, 2)) != RG_OK ||
        (error = agg_fixture_add(agg, "d,4 \"q\";x", dated ? 2018 : 0, dated ? 3 : 0, doc2, 3)) != RG_OK) {
        return error;
    }
    return agg_fixture_add(agg, "d5\nline", dated ? 2017 : 0, dated ? 1 : 0, doc3, 1);
}

static void compare_file(const char *a, const char *b, const char *name)
{
    char pa[256], pb[256], *da = NULL, *db = NULL;
    size_t la = 0, lb = 0;

    snprintf(pa, sizeof pa, "%s/%s", a, name);
    snprintf(pb, sizeof pb, "%s/%s", b, name);
    assert_int_equal(rg_read_file(&da, &la, pa, 0), RG_OK);
    assert_int_equal(rg_read_file(&db, &lb, pb, 0), RG_OK);
    if (la != lb || memcmp(da, db, la) != 0) {
        print_error("%s differs between %s and %s\n", name, a, b);
        fail();
    }
    rg_free(da);
    rg_free(db);
}

static void remove_dir(const char *dir)
{
    static const char *const names[] = {
        "metrics.json", "graph.json", "graph.gexf", "nodes.csv", "edges.csv",
        "periods/2017.json", "periods/2018.json", "periods/2017-01.json",
        "periods/2017-02.json", "periods/2018-03.json", "periods/2017-Q1.json",
        "periods/2018-Q1.json", NULL
    };
    char path[256];
    size_t i;

    for (i = 0; names[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        remove(path);
    }
    snprintf(path, sizeof path, "%s/periods", dir);
    remove(path);
    remove(dir);
}

/* Both ways for one aggregate; every file compared. */
static void check_same(rg_period_kind period, rg_layer layer, int docs, int dated)
{
    rg_agg_options o = RG_AGG_OPTIONS_INIT;
    char mem[] = "/tmp/rg_test_xmem_XXXXXX", files[] = "/tmp/rg_test_xfil_XXXXXX";
    static const char *const names[] = {
        "metrics.json", "graph.json", "graph.gexf", "nodes.csv", "edges.csv", NULL
    };
    rg_agg *agg = NULL;
    size_t i;

    o.period = period;
    o.layer = layer;
    assert_int_equal(rg_agg_new(&agg, dict, &o), RG_OK);
    if (docs) {
        assert_int_equal(fill(agg, dated), RG_OK);
    }
    assert_non_null(mkdtemp(mem));
    assert_non_null(mkdtemp(files));
    assert_int_equal(rg_agg_export(agg, mem), RG_OK);
    assert_int_equal(rg_agg_write(agg, files), RG_OK);
    assert_int_equal(rg_export_gexf(files), RG_OK);
    assert_int_equal(rg_export_csv(files), RG_OK);
    for (i = 0; names[i]; i++) {
        compare_file(mem, files, names[i]);
    }
    for (i = 0; i < rg_agg_periods(agg); i++) {
        char name[64];
        snprintf(name, sizeof name, "periods/%s.json", rg_agg_period_key(agg, i));
        compare_file(mem, files, name);
    }
    rg_agg_free(agg);
    remove_dir(mem);
    remove_dir(files);
}

static void test_same_bytes(void **state)
{
    (void)state;
    check_same(RG_PERIOD_MONTH, RG_LAYER_PERSONS, 1, 1);
    check_same(RG_PERIOD_MONTH, RG_LAYER_ALL, 1, 1);
    check_same(RG_PERIOD_YEAR, RG_LAYER_ALL, 1, 1);
    check_same(RG_PERIOD_QUARTER, RG_LAYER_STATES, 1, 1);
    check_same(RG_PERIOD_MONTH, RG_LAYER_ALL, 1, 0); /* no period: static GEXF */
    check_same(RG_PERIOD_MONTH, RG_LAYER_PERSONS, 0, 0); /* empty */
}

/* The GEXF of a folder holding a period file that is not this build's:
 * rg_export_gexf takes it, rg_agg_export has this build's periods only. */
static void test_foreign_period_file(void **state)
{
    rg_agg_options o = RG_AGG_OPTIONS_INIT;
    char dir[] = "/tmp/rg_test_xfor_XXXXXX", path[256], *gexf = NULL;
    rg_agg *agg = NULL;
    size_t len;

    (void)state;
    assert_int_equal(rg_agg_new(&agg, dict, &o), RG_OK);
    assert_int_equal(fill(agg, 1), RG_OK);
    assert_non_null(mkdtemp(dir));
    o.period = RG_PERIOD_YEAR;
    {
        rg_agg *yearly = NULL;
        assert_int_equal(rg_agg_new(&yearly, dict, &o), RG_OK);
        assert_int_equal(fill(yearly, 1), RG_OK);
        assert_int_equal(rg_agg_write(yearly, dir), RG_OK); /* leaves periods/2017.json */
        rg_agg_free(yearly);
    }
    assert_int_equal(rg_agg_export(agg, dir), RG_OK);
    snprintf(path, sizeof path, "%s/graph.gexf", dir);
    assert_int_equal(rg_read_file(&gexf, &len, path, 0), RG_OK);
    assert_non_null(strstr(gexf, "start=\"2017-01-01\" end=\"2017-01-31\""));
    assert_null(strstr(gexf, "start=\"2017-01-01\" end=\"2017-12-31\""));
    rg_free(gexf);
    assert_int_equal(rg_export_gexf(dir), RG_OK);
    assert_int_equal(rg_read_file(&gexf, &len, path, 0), RG_OK);
    assert_non_null(strstr(gexf, "start=\"2017-01-01\" end=\"2017-12-31\""));
    rg_free(gexf);
    rg_agg_free(agg);
    remove_dir(dir);
}

/* rg_agg_export with the n-th allocation failing (0: none). */
static long last_count;

static int export_with_failure(long n, const char *dir)
{
    rg_agg_options o = RG_AGG_OPTIONS_INIT;
    rg_agg *agg = NULL;
    int error;

    o.layer = RG_LAYER_ALL;
    assert_int_equal(rg_agg_new(&agg, dict, &o), RG_OK);
    assert_int_equal(fill(agg, 1), RG_OK);
    rg_alloc_fail_at(n);
    error = rg_agg_export(agg, dir);
    last_count = rg_alloc_count();
    rg_alloc_fail_at(0);
    rg_agg_free(agg);
    return error;
}

/* One number text: rg_export__number types and reads it as jansson does
 * (the in-memory model must equal what the file read back would give). */
static void check_number(const char *s)
{
    json_error_t jerr;
    json_t *j = json_loads(s, JSON_DECODE_ANY, &jerr);
    rg_xval x;
    int rc = rg_export__number(&x, s, strlen(s));

    if (!j) {
        assert_int_not_equal(rc, RG_OK); /* too big a number for both */
        return;
    }
    assert_int_equal(rc, RG_OK);
    if (json_is_integer(j)) {
        assert_int_equal(x.kind, RG_XV_INT);
        assert_true(x.u.i == json_integer_value(j));
    } else {
        assert_true(json_is_real(j));
        assert_int_equal(x.kind, RG_XV_REAL);
        /* the same double, bit for bit (-0.0 included) */
        assert_memory_equal(&x.u.r, &(double){ json_real_value(j) }, sizeof(double));
    }
    json_decref(j);
}

/* rg_export__number against jansson: integers up to and past 18 and 19
 * digits and the long long range, reals on and off the fast path (up to 6
 * decimals and 15 digits), signs, zeros, exponents; then 20,000 random
 * values written as rg_graph__put_real's "%.17g"-like and short forms. */
static void test_number_as_jansson(void **state)
{
    static const char *const cases[] = {
        "0", "-0", "7", "-7", "123456789012345678", "-123456789012345678",
        "1234567890123456789", "-1234567890123456789", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999", "0.0", "-0.0", "0.5", "-0.5", "0.1", "0.123456",
        "0.1234567", "123456789.123456", "1234567890.123456", "999999999999999.9",
        "0.000001", "1e5", "1E5", "-1e-5", "2.5e+3", "1.7976931348623157e308",
        "4.9406564584124654e-324", "1e400", "-1e400", "0.30000000000000004",
        "3.141592653589793", "100.0", "1.000000",
    };
    char buf[64];
    size_t i;
    unsigned long long seed = 0x9E3779B97F4A7C15ull;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        check_number(cases[i]);
    }
    for (i = 0; i < 20000; i++) {
        double v;
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        v = (double)(seed >> 11) / (double)(1ull << 53) * 2e6 - 1e6;
        snprintf(buf, sizeof buf, i % 3 == 0 ? "%.17g" : i % 3 == 1 ? "%.6f" : "%.3f", v);
        if (!strpbrk(buf, ".eE") && i % 3 == 0) {
            continue; /* an integer in %g: covered by the table */
        }
        check_number(buf);
    }
}

static void test_alloc_failures(void **state)
{
    char dir[] = "/tmp/rg_test_xoom_XXXXXX";
    long n, total, failed = 0;

    (void)state;
    assert_non_null(mkdtemp(dir));
    assert_int_equal(export_with_failure(0, dir), RG_OK);
    total = last_count;
    assert_true(total > 20);
    for (n = 1; n <= total; n++) {
        int error = export_with_failure(n, dir);
        if (error != RG_OK) {
            assert_int_equal(error, RG_ERROR);
            assert_non_null(strstr(rg_error_last()->message, "out of memory"));
            failed++;
        }
    }
    assert_true(failed > 0); /* a swallowed failure everywhere would pass the loop */
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bytes),
        cmocka_unit_test(test_foreign_period_file),
        cmocka_unit_test(test_number_as_jansson),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests_name("export_mem", tests, agg_fixture_setup, agg_fixture_teardown);
}
