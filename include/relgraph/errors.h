/* SPDX-License-Identifier: MIT */
/*
 * Last-error reporting, thread-local (C11 _Thread_local), as libgit2 does.
 * A failing function sets one line that names the thing; callers add no
 * context of their own and pass the code up unchanged.
 */
#ifndef RELGRAPH_ERRORS_H
#define RELGRAPH_ERRORS_H

#include "common.h"

typedef struct {
    int code;            /* an rg_status */
    const char *message; /* one line, never NULL */
} rg_error;

/**
 * The last error set on this thread, or NULL when none is set.
 * The pointer is borrowed and valid until the next relgraph call on this thread.
 */
RG_EXTERN(const rg_error *) rg_error_last(void);

/** Forget the last error of this thread. */
RG_EXTERN(void) rg_error_clear(void);

#endif
