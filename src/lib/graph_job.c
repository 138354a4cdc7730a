/* SPDX-License-Identifier: MIT */
/*
 * A graph-phase job on a second thread (graph_job.h). Errors are per thread
 * (errors.c), so the job keeps its thread's message and the join hands it
 * to the caller.
 */
#include <pthread.h> /* pthread_join */

#include <relgraph/errors.h>

#include "common.h"
#include "graph_job.h"
#include "thread.h" /* rg__thread_create */

static void job_run(rg_graph__job *j)
{
    int error = j->run(j->arg);

    if (error != RG_OK) {
        rg__error_keep(&j->err, error, "out of memory");
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
    j->err.error = RG_OK;
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
    return rg__error_restore(&j->err);
}
