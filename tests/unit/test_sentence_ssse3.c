/* SPDX-License-Identifier: MIT */
/*
 * The differential tests of test_sentence_simd.c with the SSSE3 run
 * skipper as the second split: on an AVX2 CPU the library runs the AVX2
 * tables, which test_sentence_simd.c compares with the table loop, so this
 * keeps the SSSE3 tables (used by CPUs without AVX2) tested too. Without
 * SSSE3 both sides run the table loop.
 */
#define SENTENCE_REF_SSSE3 1
#include "test_sentence_simd.c"
