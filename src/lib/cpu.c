/* SPDX-License-Identifier: MIT */
/*
 * The vector level of the process (cpu.h): the CPU's own, asked once,
 * capped by the environment variable RELGRAPH_CPU ("avx2", "ssse3",
 * "sse2"), a diagnostic and testing switch: with it, one machine runs the
 * paths that older CPUs take (make test-cpu-levels). Only lowering is
 * possible, so a cap can never make the library run instructions the CPU
 * lacks.
 */
#include <pthread.h>
#include <stdlib.h>
#include <strings.h> /* strcasecmp */

#include "cpu.h"

atomic_int rg__cpu_known = 0;

static pthread_once_t cpu_once = PTHREAD_ONCE_INIT;

rg_cpu_level rg__cpu_machine(void)
{
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    /* GCC and Clang check the OS saves the YMM registers for "avx2" too.
     * The AVX2 level includes BMI1 and BMI2 (every AVX2 CPU has them, but
     * a virtual machine may hide them), which the matcher's word-start
     * scan is compiled for */
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi")
        && __builtin_cpu_supports("bmi2")) {
        return RG_CPU_AVX2;
    }
    if (__builtin_cpu_supports("ssse3")) {
        return RG_CPU_SSSE3;
    }
#endif
    return RG_CPU_SSE2;
}

rg_cpu_level rg__cpu_cap(const char *cap, rg_cpu_level machine)
{
    rg_cpu_level want;

    if (cap == NULL) {
        return machine;
    }
    if (strcasecmp(cap, "sse2") == 0) {
        want = RG_CPU_SSE2;
    } else if (strcasecmp(cap, "ssse3") == 0) {
        want = RG_CPU_SSSE3;
    } else if (strcasecmp(cap, "avx2") == 0) {
        want = RG_CPU_AVX2;
    } else {
        /* "" and misspellings: no cap rather than a guess; the library
         * has no channel for a warning, and the full level is what the
         * variable's absence gives */
        return machine;
    }
    return want < machine ? want : machine;
}

static void cpu_init(void)
{
    rg_cpu_level v = rg__cpu_cap(getenv("RELGRAPH_CPU"), rg__cpu_machine());

    atomic_store_explicit(&rg__cpu_known, (int)v, memory_order_relaxed);
}

rg_cpu_level rg__cpu_level_first(void)
{
    /* pthread_once: the environment is read once even when the first calls
     * race on several extraction threads */
    pthread_once(&cpu_once, cpu_init);
    return (rg_cpu_level)atomic_load_explicit(&rg__cpu_known, memory_order_relaxed);
}
