/* SPDX-License-Identifier: MIT */
/*
 * Which vector code the library may run (cpu.c): every run-time choice
 * between a plain or SSE2 path and an SSSE3 or AVX2 one asks
 * rg__cpu_level(), so that one switch, the environment variable
 * RELGRAPH_CPU, reaches every vector path (the tests run the whole suite
 * under each level with it; see the Makefile's test-cpu-levels).
 */
#ifndef RG_LIB_CPU_H
#define RG_LIB_CPU_H

#include <stdatomic.h>

/*
 * Ordered levels: a path may run when rg__cpu_level() >= its level.
 * RG_CPU_SSE2 is the baseline the code is compiled for (SSE2 on x86-64;
 * plain C where the vector paths are compiled out); 0 is kept for
 * "not yet known" in the cache below.
 */
typedef enum {
    RG_CPU_SSE2 = 1,  /* the compiler's baseline only */
    RG_CPU_SSSE3 = 2, /* + SSSE3 (sentence.c's 16-entry tables) */
    RG_CPU_AVX2 = 3   /* + AVX2, BMI1, BMI2 (text_fold.c, clean*.c, matcher_starts.c, ...) */
} rg_cpu_level;

/*
 * The level a cap leaves: `cap` is the value of RELGRAPH_CPU ("avx2",
 * "ssse3" or "sse2", in any case; NULL when unset) and `machine` the
 * CPU's own level. A cap never raises the level; NULL, "" and unknown
 * values leave `machine` (the library prints nothing). Pure: the unit
 * tests call it with every value.
 */
rg_cpu_level rg__cpu_cap(const char *cap, rg_cpu_level machine);

/* The CPU's own level, without the cap (cpuid, through the compiler). */
rg_cpu_level rg__cpu_machine(void);

/* First call of rg__cpu_level(): computes the level once (pthread_once),
 * stores it in rg__cpu_known and returns it. */
rg_cpu_level rg__cpu_level_first(void);

/* The level, 0 until the first call has computed it. */
extern atomic_int rg__cpu_known;

/*
 * The level the vector paths may use: the CPU's own, capped by
 * RELGRAPH_CPU as read at the first call (later changes of the
 * environment are not seen). Thread-safe; after the first call, a
 * relaxed load and a test (the JSON scanner asks once a line).
 */
static inline rg_cpu_level rg__cpu_level(void)
{
    int v = atomic_load_explicit(&rg__cpu_known, memory_order_relaxed);

    return v != 0 ? (rg_cpu_level)v : rg__cpu_level_first();
}

#endif
