/* SPDX-License-Identifier: MIT */
/*
 * One piece of the graph phase run on a second thread (graph_job.c): an
 * output file that depends on nothing the calling thread writes meanwhile.
 * The graph core (igraph) stays on the calling thread; a job only formats
 * results already computed and writes its file.
 */
#ifndef RG_LIB_GRAPH_JOB_H
#define RG_LIB_GRAPH_JOB_H

#include <pthread.h> /* pthread_t */

#include "common.h"

typedef struct {
    int (*run)(void *arg); /* RG_OK or an error code, message set as usual */
    void *arg;
    pthread_t thread;
    int started;           /* on its own thread (else it ran at start) */
    rg__kept_error err;    /* the job thread's error, for the caller */
} rg_graph__job;

/* Start run(arg) on a new thread; when no thread can be made, run it now
 * on this one. Either way, rg_graph__job_join() must follow. */
void rg_graph__job_start(rg_graph__job *j, int (*run)(void *arg), void *arg);

/* Wait for the job. On failure its message becomes this thread's last
 * error and its code is returned; RG_OK leaves this thread's error alone. */
int rg_graph__job_join(rg_graph__job *j);

#endif
