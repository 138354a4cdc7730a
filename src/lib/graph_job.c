/* SPDX-License-Identifier: MIT */
/*
 * A graph-phase job on a second thread (graph_job.h). Errors are per thread
 * (errors.c), so the job keeps its thread's message and the join hands it
 * to the caller.
 */
#include <pthread.h> /* pthread_join */
#include <stdio.h>   /* snprintf */

#include <relgraph/errors.h>

#include "common.h"
#include "graph_job.h"
#include "thread.h" /* rg__thread_create */

static void job_run(rg_graph__job *j)
{
    const rg_error *e;

    j->error = j->run(j->arg);
    if (j->error != RG_OK) {
        e = rg_error_last();
        j->code = e ? e->code : j->error;
        snprintf(j->message, sizeof j->message, "%s",
                 e && e->message ? e->message : "out of memory");
    }
}

static void *job_thread(void *arg)
{
    job_run(arg);
    return NULL;
}

void rg_graph__job_start(rg_graph__job *j, int (*run)(void *arg), void *arg)
{
    j->run = run;
    j->arg = arg;
    j->error = RG_OK;
    j->started = rg__thread_create(&j->thread, job_thread, j) == 0;
    if (!j->started) {
        job_run(j);
    }
}

int rg_graph__job_join(rg_graph__job *j)
{
    if (j->started) {
        pthread_join(j->thread, NULL);
        j->started = 0;
    }
    if (j->error != RG_OK) {
        rg__error_set(j->code, "%s", j->message);
    }
    return j->error;
}
