/* SPDX-License-Identifier: MIT */
/* Thread creation with a test hook (thread.c). */
#ifndef RG_THREAD_H
#define RG_THREAD_H

#include <pthread.h> /* pthread_t */

/* pthread_create with default attributes: 0, or -1 when the thread was
 * not started (the caller then does the work itself). */
int rg__thread_create(pthread_t *t, void *(*fn)(void *), void *arg);

/* Tests only: creations from the nth on (counted from this call) fail;
 * 0 turns the hook off. rg__thread_refused: how many failed since. */
void rg__thread_fail_from(long n);
long rg__thread_refused(void);

#endif
