/* SPDX-License-Identifier: MIT */
/*
 * The graph phase's file writer (graph_writer.c): finished files are handed
 * to a few threads, each writing a file to a temporary beside it and
 * fsyncing it, while the caller formats the next. The temporaries are then
 * renamed in the order the files were given, each after its own fsync, as
 * rg_write_file_atomic does. Fsyncs in flight together share the
 * filesystem's journal commits; one after the other, 76 of them waited on
 * the disk for most of the graph phase's wall time. After a failed file no
 * later one is renamed (their temporaries are removed), so the files on
 * disk are those a single thread stopping at the first error would leave.
 */
#ifndef RG_LIB_GRAPH_WRITER_H
#define RG_LIB_GRAPH_WRITER_H

#include <pthread.h> /* pthread_t, pthread_mutex_t, pthread_cond_t */

#include "common.h"
#include "strbuf.h"

#define RG_GRAPH_WRITERS 4 /* threads: files written and fsynced together */

typedef struct rg_graph__wfile rg_graph__wfile;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t work;          /* a file was handed over, or closing */
    pthread_cond_t turn;          /* a file was renamed (or dropped) */
    pthread_t threads[RG_GRAPH_WRITERS];
    size_t n_threads;             /* 0: files are written at once by put */
    rg_graph__wfile *head, *tail; /* files waiting, oldest first */
    size_t queued;                /* files handed over so far */
    size_t done;                  /* files renamed or dropped, in order */
    int closing;
    rg__kept_error err;           /* the first failure in file order */
} rg_graph__writer;

/* Start the threads; without any (none could be made) put writes at once.
 * rg_graph__writer_finish() must follow. */
void rg_graph__writer_start(rg_graph__writer *w);

/* Hand over `path` (copied) and the contents of body (taken: body is left
 * empty). NULL w writes at once. Returns RG_OK, the writer's first failure
 * when one is already known (the caller stops there), or RG_ERROR for want
 * of memory. */
int rg_graph__writer_put(rg_graph__writer *w, const char *path, rg_strbuf *body);

/* Write what is left, stop the threads. On a failure its message becomes
 * this thread's last error and its code is returned. */
int rg_graph__writer_finish(rg_graph__writer *w);

#endif
