/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for cpu.c: the RELGRAPH_CPU cap (every value, in any case,
 * never above the machine's own level), and rg__cpu_level() as the
 * library sees it. The level is computed once per process, so each case
 * that sets the variable runs in a child of its own (fork), which reports
 * the level as its exit status; the parent never asks for the level, so
 * every child starts from "not yet known". Under make test-cpu-levels the
 * last case checks that the cap of the run's own environment holds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>   /* setenv, unsetenv, getenv */
#include <sys/wait.h> /* waitpid */
#include <unistd.h>   /* fork, _exit */

#include "cpu.h"

static const rg_cpu_level levels[] = { RG_CPU_SSE2, RG_CPU_SSSE3, RG_CPU_AVX2 };

/* rg__cpu_cap: the three names in any case cap; anything else does not. */
static void test_cap_values(void **state)
{
    size_t k;

    (void)state;
    for (k = 0; k < sizeof levels / sizeof levels[0]; k++) {
        rg_cpu_level m = levels[k];
        assert_int_equal(rg__cpu_cap(NULL, m), m);
        assert_int_equal(rg__cpu_cap("", m), m);
        assert_int_equal(rg__cpu_cap("sse2", m), RG_CPU_SSE2);
        assert_int_equal(rg__cpu_cap("SSE2", m), RG_CPU_SSE2);
        assert_int_equal(rg__cpu_cap("ssse3", m), m < RG_CPU_SSSE3 ? m : RG_CPU_SSSE3);
        assert_int_equal(rg__cpu_cap("SsSe3", m), m < RG_CPU_SSSE3 ? m : RG_CPU_SSSE3);
        assert_int_equal(rg__cpu_cap("avx2", m), m); /* never raised */
        assert_int_equal(rg__cpu_cap("Avx2", m), m);
        /* unknown: ignored, not a guess (near misses included) */
        assert_int_equal(rg__cpu_cap("sse", m), m);
        assert_int_equal(rg__cpu_cap("sse3", m), m);
        assert_int_equal(rg__cpu_cap("avx512", m), m);
        assert_int_equal(rg__cpu_cap("avx2 ", m), m);
        assert_int_equal(rg__cpu_cap(" sse2", m), m);
        assert_int_equal(rg__cpu_cap("sse2\n", m), m);
        assert_int_equal(rg__cpu_cap("native", m), m);
        assert_int_equal(rg__cpu_cap("\xC3\xA9", m), m);
    }
}

/* The machine's level agrees with the compiler's own CPU test. */
static void test_machine(void **state)
{
    rg_cpu_level m = rg__cpu_machine();

    (void)state;
    assert_true(m >= RG_CPU_SSE2 && m <= RG_CPU_AVX2);
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    assert_int_equal(m == RG_CPU_AVX2, __builtin_cpu_supports("avx2") &&
                                           __builtin_cpu_supports("bmi") &&
                                           __builtin_cpu_supports("bmi2"));
    if (m != RG_CPU_AVX2) {
        assert_int_equal(m == RG_CPU_SSSE3, __builtin_cpu_supports("ssse3") != 0);
    }
#else
    assert_int_equal(m, RG_CPU_SSE2);
#endif
}

/* Runs child() in a fresh process and returns its exit status (its level). */
static int in_child(int (*child)(const char *), const char *cap)
{
    int status = 0;
    pid_t pid = fork();

    assert_true(pid >= 0);
    if (pid == 0) {
        _exit(child(cap));
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* Child: sets RELGRAPH_CPU (NULL: unset) and asks for the level twice,
 * the variable changed between the calls: the first answer stays. */
static int child_level(const char *cap)
{
    rg_cpu_level v;

    if (cap ? setenv("RELGRAPH_CPU", cap, 1) : unsetenv("RELGRAPH_CPU")) {
        return 100;
    }
    v = rg__cpu_level();
    if (setenv("RELGRAPH_CPU", "sse2", 1) || rg__cpu_level() != v) {
        return 101;
    }
    return (int)v;
}

/* rg__cpu_level() honours the variable read at its first call. */
static void test_level_env(void **state)
{
    static const char *const caps[] = { NULL, "", "sse2", "ssse3", "avx2", "AVX2", "bogus" };
    rg_cpu_level m = rg__cpu_machine();
    size_t k;

    (void)state;
    for (k = 0; k < sizeof caps / sizeof caps[0]; k++) {
        int got = in_child(child_level, caps[k]);
        assert_int_equal(got, rg__cpu_cap(caps[k], m));
    }
    assert_int_equal(in_child(child_level, "sse2"), RG_CPU_SSE2);
    assert_int_equal(in_child(child_level, NULL), m);
}

static void *thread_level(void *out)
{
    *(int *)out = (int)rg__cpu_level();
    return NULL;
}

/* Child: eight threads race on the first call; all must agree. */
static int child_threads(const char *cap)
{
    pthread_t th[8];
    int got[8], k;

    if (setenv("RELGRAPH_CPU", cap, 1)) {
        return 100;
    }
    for (k = 0; k < 8; k++) {
        if (pthread_create(&th[k], NULL, thread_level, &got[k])) {
            return 102;
        }
    }
    for (k = 0; k < 8; k++) {
        pthread_join(th[k], NULL);
    }
    for (k = 1; k < 8; k++) {
        if (got[k] != got[0]) {
            return 103;
        }
    }
    return got[0] == (int)rg__cpu_level() ? got[0] : 104;
}

static void test_level_threads(void **state)
{
    rg_cpu_level m = rg__cpu_machine();

    (void)state;
    assert_int_equal(in_child(child_threads, "ssse3"), rg__cpu_cap("ssse3", m));
    assert_int_equal(in_child(child_threads, "avx2"), m);
}

/* Child: the level under the environment the test runs in. */
static int child_inherited(const char *cap)
{
    (void)cap;
    return (int)rg__cpu_level();
}

/* make test-cpu-levels runs this binary with RELGRAPH_CPU set: the cap of
 * that run must hold, or the whole suite would run at the full level. */
static void test_level_inherited(void **state)
{
    const char *cap = getenv("RELGRAPH_CPU");
    int got = in_child(child_inherited, NULL);

    (void)state;
    print_message("RELGRAPH_CPU=%s: level %d (machine %d)\n", cap ? cap : "(unset)", got,
                  (int)rg__cpu_machine());
    assert_int_equal(got, rg__cpu_cap(cap, rg__cpu_machine()));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cap_values),
        cmocka_unit_test(test_machine),
        cmocka_unit_test(test_level_env),
        cmocka_unit_test(test_level_threads),
        cmocka_unit_test(test_level_inherited),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
