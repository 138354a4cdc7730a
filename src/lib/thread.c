/* SPDX-License-Identifier: MIT */
/*
 * Thread creation indirection. The library's threads (pipeline workers,
 * the graph phase's metrics job and writers) all start here, so that a
 * test can make creation fail from the Nth call on (rg__thread_fail_from)
 * and check that every caller then does the work on fewer threads, with
 * the same output. A failed creation is never an error: each caller falls
 * back on the threads it has, down to the calling one.
 */
#include <stdatomic.h> /* atomic_load_explicit */

#include "thread.h"

/* The first creation to fail (1 = all), 0 = hook off; creations so far;
 * creations refused. Process-wide, tests only. */
static _Atomic long thread_fail_from;
static _Atomic long thread_count;
static _Atomic long thread_refused;

void rg__thread_fail_from(long n)
{
    thread_fail_from = n;
    thread_count = 0;
    thread_refused = 0;
}

long rg__thread_refused(void)
{
    return thread_refused;
}

int rg__thread_create(pthread_t *t, void *(*fn)(void *), void *arg)
{
    long from = atomic_load_explicit(&thread_fail_from, memory_order_relaxed);

    if (from > 0 && ++thread_count >= from) {
        thread_refused++;
        return -1;
    }
    return pthread_create(t, NULL, fn, arg) == 0 ? 0 : -1;
}
