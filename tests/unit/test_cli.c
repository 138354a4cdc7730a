/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the CLI module (src/cli: input.c, error.c, opt.c): option
 * values accepted and refused, the status-to-exit-code map, option tables,
 * and a whole input run (dictionary, lexicon, reader, pipeline) on the
 * sample corpus, with an unreadable dictionary refused by exit code.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h> /* strcmp */

#include <relgraph/errors.h>
#include <relgraph/relgraph.h>
#include "error.h"
#include "input.h"
#include "opt.h"

typedef struct {
    int opt;
    const char *arg;
    int want; /* 1 applied, -1 refused, 0 not an input option */
} option_case;

static void test_input_option_values(void **state)
{
    static const option_case cases[] = {
        { 1007, "2", 1 },        { 1007, "0", -1 },       { 1007, "65", -1 },
        { 1007, "3x", -1 },      { 1004, "2017", 1 },     { 1004, "2017-12-30", 1 },
        { 1004, "2017-13", -1 }, { 1004, "2017-02-30", -1 }, { 1004, "hier", -1 },
        { 1010, "1024", 1 },     { 1010, "0", -1 },       { 1010, "1k", -1 },
        { 1014, "10", 1 },       { 1014, "-1", -1 },      { 1015, "5", 1 },
        { 1015, "0", -1 },       { 1008, NULL, 1 },       { 'x', NULL, 0 },
    };
    size_t k, bad = 0;
    (void)state;

    cli_verbosity = 0;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        cli_input in;
        int rc;
        cli_input_init(&in);
        rc = cli_input_option(&in, "test", cases[k].opt, cases[k].arg);
        if (rc != cases[k].want) {
            print_error("option %d \"%s\": %d, want %d\n", cases[k].opt,
                        cases[k].arg ? cases[k].arg : "", rc, cases[k].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_input_option_effects(void **state)
{
    cli_input in;
    int k;
    (void)state;

    cli_input_init(&in);
    assert_int_equal(in.max_actors, 100000);
    assert_int_equal(in.html, -1);
    assert_int_equal(cli_input_option(&in, "t", 1007, "3"), 1);
    assert_int_equal(in.threads, 3);
    assert_int_equal(cli_input_option(&in, "t", 1002, "title"), 1);
    assert_int_equal(cli_input_option(&in, "t", 1002, "article"), 1);
    assert_int_equal(in.ropts.n_text_fields, 2);
    assert_string_equal(in.ropts.text_fields[1], "article");
    assert_int_equal(cli_input_option(&in, "t", 1012, NULL), 1);
    assert_int_equal(in.html, 1);
    assert_int_equal(cli_input_option(&in, "t", 1016, "a.json"), 1);
    assert_int_equal(in.n_extensions, 1);
    /* the text-field table has a fixed size: one too many is refused */
    for (k = 2; k < CLI_MAX_TEXT_FIELDS; k++) {
        assert_int_equal(cli_input_option(&in, "t", 1002, "f"), 1);
    }
    assert_int_equal(cli_input_option(&in, "t", 1002, "f"), -1);
}

static void test_exit_codes(void **state)
{
    (void)state;
    assert_int_equal(cli_exit_code(RG_OK), RG_EXIT_OK);
    assert_int_equal(cli_exit_code(RG_EPARSE), RG_EXIT_DATA);
    assert_int_equal(cli_exit_code(RG_EENCODING), RG_EXIT_DATA);
    assert_int_equal(cli_exit_code(RG_ELIMIT), RG_EXIT_DATA);
    assert_int_equal(cli_exit_code(RG_EINVAL), RG_EXIT_USAGE);
    assert_int_equal(cli_exit_code(RG_EIO), RG_EXIT_ERROR);
    assert_int_equal(cli_exit_code(RG_ERROR), RG_EXIT_ERROR);
    assert_int_equal(RG_EXIT_OK, 0);
    assert_int_equal(RG_EXIT_ERROR, 1);
    assert_int_equal(RG_EXIT_USAGE, 2);
    assert_int_equal(RG_EXIT_DATA, 3);
}

static void test_opt_table(void **state)
{
    static const cli_opt opts[] = {
        { "alpha", required_argument, 'a', "X", "first" },
        { "beta", no_argument, 'b', NULL, "second" },
        { NULL, 0, 0, NULL, NULL }
    };
    struct option lo[3];
    (void)state;

    memset(lo, 0x5a, sizeof lo);
    cli_opt_longopts(lo, opts);
    assert_string_equal(lo[0].name, "alpha");
    assert_int_equal(lo[0].has_arg, required_argument);
    assert_int_equal(lo[0].val, 'a');
    assert_null(lo[0].flag);
    assert_int_equal(lo[1].val, 'b');
    assert_null(lo[2].name); /* the end row is copied too */
    assert_int_equal(lo[2].val, 0);
}

static int count_doc(const rg_evidence *ev, void *payload)
{
    (void)ev;
    ++*(size_t *)payload;
    return RG_OK;
}

static void test_input_run_seeds(void **state)
{
    char arg[] = "corpus/seeds";
    char *inputs[] = { arg };
    cli_input in;
    size_t docs = 0;
    (void)state;

    cli_verbosity = 0;
    cli_input_init(&in);
    assert_int_equal(cli_input_option(&in, "t", 1003, "corpus/seeds/manifest.tsv"), 1);
    assert_int_equal(cli_input_option(&in, "t", 1007, "2"), 1);
    assert_int_equal(cli_input_open(&in, inputs, 1), RG_EXIT_OK);
    assert_int_equal(cli_input_run(&in, count_doc, &docs), RG_EXIT_OK);
    assert_int_equal(docs, 5);
    assert_int_equal(in.undated, 0); /* the manifest dates the two undated articles */
    cli_input_close(&in);
}

static void test_input_bad_dictionary(void **state)
{
    char arg[] = "corpus/seeds";
    char *inputs[] = { arg };
    cli_input in;
    (void)state;

    cli_input_init(&in);
    assert_int_equal(cli_input_option(&in, "t", 1005, "/nonexistent/actors.json"), 1);
    assert_int_equal(cli_input_open(&in, inputs, 1), RG_EXIT_ERROR); /* I/O */
    cli_input_close(&in);
    cli_input_init(&in);
    assert_int_equal(cli_input_option(&in, "t", 1015, "3"), 1);
    assert_int_equal(cli_input_open(&in, inputs, 1), RG_EXIT_DATA); /* over --max-actors */
    cli_input_close(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input_option_values),
        cmocka_unit_test(test_input_option_effects),
        cmocka_unit_test(test_exit_codes),
        cmocka_unit_test(test_opt_table),
        cmocka_unit_test(test_input_run_seeds),
        cmocka_unit_test(test_input_bad_dictionary),
    };
    int rc;

    rg_init();
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    rg_shutdown();
    return rc;
}
