/* SPDX-License-Identifier: MIT */
/*
 * The graph phase's file writer (graph_writer.c): finished files are handed
 * to a thread that writes each one atomically (rg_write_file_atomic: temp
 * file, fsync, rename), one after the other in the order given, while the
 * caller formats the next. The syscalls, fsync above all, wait on the disk;
 * 76 of them in a row were a large part of the graph phase's wall time.
 * After a failed file the writer writes no later one, as the caller did
 * when it stopped at the first error.
 */
#ifndef RG_LIB_GRAPH_WRITER_H
#define RG_LIB_GRAPH_WRITER_H

#include <pthread.h> /* pthread_t, pthread_mutex_t, pthread_cond_t */

#include "common.h"
#include "strbuf.h"

typedef struct rg_graph__wfile rg_graph__wfile;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    rg_graph__wfile *head, *tail; /* files waiting, oldest first */
    int started;                  /* 0: files are written at once by put */
    int closing;
    int error;                    /* the first failure; later files dropped */
    int code;
    char message[512];
} rg_graph__writer;

/* Start the thread; without one (none could be made) put writes at once.
 * rg_graph__writer_finish() must follow. */
void rg_graph__writer_start(rg_graph__writer *w);

/* Hand over `path` (copied) and the contents of body (taken: body is left
 * empty). NULL w writes at once. Returns RG_OK, the writer's first failure
 * when one is already known (the caller stops there), or RG_ERROR for want
 * of memory. */
int rg_graph__writer_put(rg_graph__writer *w, const char *path, rg_strbuf *body);

/* Write what is left, stop the thread. On a failure its message becomes
 * this thread's last error and its code is returned. */
int rg_graph__writer_finish(rg_graph__writer *w);

#endif
