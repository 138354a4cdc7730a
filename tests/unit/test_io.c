/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for io.c: crash-safe writes (the previous file survives a failed
 * or aborted write, no temporary file is left), unwritable targets named in
 * the message, a full device (/dev/full through rg_outfile on stdout), the
 * read size limit, mkdir -p under a regular file, and allocation failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>   /* opendir, readdir */
#include <fcntl.h>    /* open */
#include <stdio.h>    /* snprintf, fflush */
#include <stdlib.h>   /* mkdtemp */
#include <string.h>   /* strstr */
#include <unistd.h>   /* dup, dup2, close, unlink, rmdir */

#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include <relgraph/io.h>
#include <relgraph/text.h>

static char tmpdir[64];

static const char *tpath(const char *name)
{
    static char paths[4][200];
    static int slot;
    char *p = paths[slot++ % 4];

    snprintf(p, 200, "%s/%s", tmpdir, name);
    return p;
}

/* Number of entries in tmpdir (temporary files left behind show up here). */
static int dir_entries(void)
{
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        n += e->d_name[0] != '.';
    }
    closedir(d);
    return n;
}

static void check_content(const char *path, const char *want)
{
    char *data = NULL;
    size_t len = 0;

    assert_int_equal(rg_read_file(&data, &len, path, 0), RG_OK);
    assert_int_equal(len, strlen(want));
    assert_string_equal(data, want);
    rg_free(data);
}

static void test_atomic_replace(void **state)
{
    const char *p = tpath("a.txt");
    (void)state;

    assert_int_equal(rg_write_file_atomic(p, "first\n", 6), RG_OK);
    assert_int_equal(rg_write_file_atomic(p, "second\n", 7), RG_OK);
    check_content(p, "second\n");
    assert_int_equal(dir_entries(), 1);
    unlink(p);
}

static void test_outfile_abort_keeps_previous(void **state)
{
    const char *p = tpath("out.jsonl");
    rg_outfile *f = NULL;
    (void)state;

    assert_int_equal(rg_write_file_atomic(p, "previous\n", 9), RG_OK);
    assert_int_equal(rg_outfile_open(&f, p), RG_OK);
    assert_int_equal(rg_outfile_write(f, "half a li", 9), RG_OK);
    assert_int_equal(dir_entries(), 2); /* the target and its temporary file */
    rg_outfile_abort(f);
    check_content(p, "previous\n");
    assert_int_equal(dir_entries(), 1);
    assert_int_equal(rg_outfile_open(&f, p), RG_OK);
    assert_int_equal(rg_outfile_write(f, "new\n", 4), RG_OK);
    assert_int_equal(rg_outfile_commit(f), RG_OK);
    check_content(p, "new\n");
    assert_int_equal(dir_entries(), 1);
    unlink(p);
}

static void test_unwritable_targets(void **state)
{
    const char *file = tpath("plain");
    char under[200];
    rg_outfile *f = NULL;
    (void)state;

    assert_int_equal(rg_write_file_atomic(file, "x", 1), RG_OK);
    snprintf(under, sizeof under, "%s/out.json", file);
    assert_int_equal(rg_write_file_atomic(under, "x", 1), RG_EIO);
    assert_non_null(strstr(rg_error_last()->message, "plain/out.json: "));
    assert_non_null(strstr(rg_error_last()->message, "Not a directory"));
    assert_int_equal(rg_outfile_open(&f, under), RG_EIO);
    assert_null(f);
    assert_non_null(strstr(rg_error_last()->message, "plain/out.json: cannot create"));
    assert_int_equal(rg_outfile_open(&f, tmpdir), RG_EIO);
    assert_non_null(strstr(rg_error_last()->message, "is a folder"));
    assert_int_equal(rg_mkdir_p(under), RG_EIO);
    assert_non_null(strstr(rg_error_last()->message, "plain: not a folder"));
    assert_int_equal(dir_entries(), 1);
    unlink(file);
}

/* stdout on /dev/full: the write or the commit fails with ENOSPC, naming <stdout>. */
static void test_stdout_full(void **state)
{
    char line[100];
    rg_outfile *f = NULL;
    int saved, full, i, rc = RG_OK;
    (void)state;

    full = open("/dev/full", O_WRONLY);
    if (full < 0) {
        skip();
    }
    fflush(stdout);
    saved = dup(STDOUT_FILENO);
    dup2(full, STDOUT_FILENO);
    close(full);
    assert_int_equal(rg_outfile_open(&f, "-"), RG_OK);
    memset(line, 'x', sizeof line);
    for (i = 0; i < 1000 && rc == RG_OK; i++) {
        rc = rg_outfile_write(f, line, sizeof line);
    }
    if (rc == RG_OK) {
        rc = rg_outfile_commit(f);
    } else {
        rg_outfile_abort(f);
    }
    fflush(stdout);
    clearerr(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    assert_int_equal(rc, RG_EIO);
    assert_non_null(strstr(rg_error_last()->message, "<stdout>: write failed: No space left"));
}

static void test_read_limit(void **state)
{
    const char *p = tpath("big");
    char *data = NULL;
    size_t len = 0;
    (void)state;

    assert_int_equal(rg_write_file_atomic(p, "0123456789", 10), RG_OK);
    assert_int_equal(rg_read_file(&data, &len, p, 5), RG_ELIMIT);
    assert_null(data);
    assert_non_null(strstr(rg_error_last()->message, "big: larger than the limit of 5 bytes"));
    assert_int_equal(rg_read_file(&data, &len, tpath("missing"), 0), RG_EIO);
    assert_non_null(strstr(rg_error_last()->message, "missing: No such file"));
    assert_int_equal(rg_read_file(&data, &len, tmpdir, 0), RG_EIO);
    unlink(p);
}

static void test_alloc_failures(void **state)
{
    const char *p = tpath("oom");
    rg_outfile *f = NULL;
    char *data = NULL;
    size_t len;
    long n;
    int rc;
    (void)state;

    assert_int_equal(rg_write_file_atomic(p, "abc", 3), RG_OK);
    for (n = 1; n <= 4; n++) {
        rg_alloc_fail_at(n);
        rc = rg_write_file_atomic(p, "abc", 3);
        assert_true(rc == RG_OK || rc == RG_ERROR);
        rg_alloc_fail_at(0);
        check_content(p, "abc"); /* a failed write keeps the previous file */
        rg_alloc_fail_at(n);
        rc = rg_outfile_open(&f, p);
        if (rc == RG_OK) {
            rg_outfile_abort(f);
        } else {
            assert_int_equal(rc, RG_ERROR);
            assert_null(f);
        }
        rg_alloc_fail_at(n);
        rc = rg_read_file(&data, &len, p, 0);
        if (rc == RG_OK) {
            rg_free(data);
        } else {
            assert_int_equal(rc, RG_ERROR);
            assert_string_equal(rg_error_last()->message, "out of memory");
        }
    }
    rg_alloc_fail_at(0);
    unlink(p);
    assert_int_equal(dir_entries(), 0);
}

static int group_setup(void **state)
{
    (void)state;
    rg_init();
    snprintf(tmpdir, sizeof tmpdir, "/tmp/rg-test-io-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    rmdir(tmpdir);
    rg_shutdown();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atomic_replace),
        cmocka_unit_test(test_outfile_abort_keeps_previous),
        cmocka_unit_test(test_unwritable_targets),
        cmocka_unit_test(test_stdout_full),
        cmocka_unit_test(test_read_limit),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests_name("io", tests, group_setup, group_teardown);
}
