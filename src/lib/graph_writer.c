/* SPDX-License-Identifier: MIT */
/*
 * The graph phase's file writer (graph_writer.h): a queue of finished
 * files and a few threads. A thread takes the oldest file, writes and
 * fsyncs its temporary without the lock, then waits for the file's turn
 * (every earlier file renamed or dropped) to rename it. Errors are per
 * thread (errors.c): each file keeps its own message until its turn, and
 * the first failure in file order is the one the caller gets.
 */
#include <pthread.h> /* pthread_join, pthread_mutex_lock, ... */
#include <unistd.h>  /* unlink */

#include <relgraph/errors.h>
#include <relgraph/io.h>

#include "common.h"
#include "graph_writer.h"
#include "io_internal.h"
#include "thread.h" /* rg__thread_create */

struct rg_graph__wfile {
    rg_graph__wfile *next;
    char *path;
    char *data;
    size_t len;
    size_t seq;         /* place in the order of renames */
    rg__kept_error err; /* of its own writing */
};

static void wfile_free(rg_graph__wfile *f)
{
    rg__free(f->path);
    rg__free(f->data);
    rg__free(f);
}

/* Write, fsync, then (in turn) rename one file; called without the lock. */
static void write_one(rg_graph__writer *w, rg_graph__wfile *f)
{
    rg_strbuf tmp = RG_STRBUF_INIT;
    int earlier_failed, error;

    pthread_mutex_lock(&w->mu);
    earlier_failed = w->err.error != RG_OK;
    pthread_mutex_unlock(&w->mu);
    if (!earlier_failed &&
        (error = rg_io__write_temp(&tmp, f->path, f->data ? f->data : "", f->len)) != RG_OK) {
        rg__error_keep(&f->err, error, "write failed");
    }
    pthread_mutex_lock(&w->mu);
    while (w->done != f->seq) {
        pthread_cond_wait(&w->turn, &w->mu);
    }
    earlier_failed = w->err.error != RG_OK;
    pthread_mutex_unlock(&w->mu);
    /* in turn: no other thread renames, nor sets w->err, until done moves */
    if (tmp.len && earlier_failed) {
        unlink(tmp.ptr);
    } else if (tmp.len && (error = rg_io__commit_temp(&tmp, f->path)) != RG_OK) {
        rg__error_keep(&f->err, error, "write failed");
    }
    pthread_mutex_lock(&w->mu);
    if (!earlier_failed && f->err.error != RG_OK) {
        w->err = f->err;
    }
    w->done++;
    pthread_cond_broadcast(&w->turn);
    pthread_mutex_unlock(&w->mu);
    rg_strbuf_dispose(&tmp);
    wfile_free(f);
}

static void *writer_thread(void *arg)
{
    rg_graph__writer *w = arg;
    rg_graph__wfile *f;

    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->head && !w->closing) {
            pthread_cond_wait(&w->work, &w->mu);
        }
        if (!(f = w->head)) {
            break; /* closing and nothing left */
        }
        w->head = f->next;
        if (!w->head) {
            w->tail = NULL;
        }
        pthread_mutex_unlock(&w->mu);
        write_one(w, f);
        pthread_mutex_lock(&w->mu);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

void rg_graph__writer_start(rg_graph__writer *w)
{
    w->head = w->tail = NULL;
    w->queued = w->done = 0;
    w->closing = 0;
    w->err.error = RG_OK;
    w->n_threads = 0;
    if (pthread_mutex_init(&w->mu, NULL) != 0) {
        return;
    }
    if (pthread_cond_init(&w->work, NULL) != 0) {
        pthread_mutex_destroy(&w->mu);
        return;
    }
    if (pthread_cond_init(&w->turn, NULL) != 0) {
        pthread_cond_destroy(&w->work);
        pthread_mutex_destroy(&w->mu);
        return;
    }
    while (w->n_threads < RG_GRAPH_WRITERS &&
           rg__thread_create(&w->threads[w->n_threads], writer_thread, w) == 0) {
        w->n_threads++;
    }
    if (w->n_threads == 0) {
        pthread_cond_destroy(&w->turn);
        pthread_cond_destroy(&w->work);
        pthread_mutex_destroy(&w->mu);
    }
}

int rg_graph__writer_put(rg_graph__writer *w, const char *path, rg_strbuf *body)
{
    rg_graph__wfile *f;
    int error;

    if (!w || w->n_threads == 0) {
        error = rg_write_file_atomic(path, body->len ? body->ptr : "", body->len);
        rg_strbuf_clear(body);
        if (w && error != RG_OK && w->err.error == RG_OK) {
            rg__error_keep(&w->err, error, "write failed");
        }
        return error;
    }
    if (!(f = rg__calloc(1, sizeof *f)) || !(f->path = rg__strdup(path))) {
        rg__free(f);
        rg__error_set_oom();
        return RG_ERROR;
    }
    f->data = body->ptr; /* taken as it is, NULL when empty */
    f->len = body->len;
    body->ptr = NULL;
    body->len = body->alloc = 0;
    pthread_mutex_lock(&w->mu);
    if ((error = w->err.error) == RG_OK) {
        f->seq = w->queued++;
        if (w->tail) {
            w->tail->next = f;
        } else {
            w->head = f;
        }
        w->tail = f;
        f = NULL;
        pthread_cond_signal(&w->work);
    }
    pthread_mutex_unlock(&w->mu);
    if (f) { /* an earlier file failed: this one is not written */
        wfile_free(f);
        rg__error_restore(&w->err); /* set once, before `error` was read */
    }
    return error;
}

int rg_graph__writer_finish(rg_graph__writer *w)
{
    size_t i;

    if (w->n_threads > 0) {
        pthread_mutex_lock(&w->mu);
        w->closing = 1;
        pthread_cond_broadcast(&w->work);
        pthread_mutex_unlock(&w->mu);
        for (i = 0; i < w->n_threads; i++) {
            pthread_join(w->threads[i], NULL);
        }
        pthread_cond_destroy(&w->turn);
        pthread_cond_destroy(&w->work);
        pthread_mutex_destroy(&w->mu);
        w->n_threads = 0;
    }
    return rg__error_restore(&w->err);
}
