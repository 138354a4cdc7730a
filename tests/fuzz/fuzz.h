/* SPDX-License-Identifier: MIT */
/*
 * Shared bits of the fuzz targets: an assertion that survives NDEBUG and
 * aborts (libFuzzer and the standalone driver both report it as a crash).
 */
#ifndef RG_FUZZ_H
#define RG_FUZZ_H

#include <stdio.h>  /* fprintf */
#include <stdlib.h> /* abort */

#define FUZZ_ASSERT(cond)                                                        \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: fuzz assertion failed: %s\n", __FILE__,      \
                    __LINE__, #cond);                                            \
            abort();                                                             \
        }                                                                        \
    } while (0)

#endif
