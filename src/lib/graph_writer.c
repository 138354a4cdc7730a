/* SPDX-License-Identifier: MIT */
/*
 * The graph phase's file writer (graph_writer.h): a queue of finished
 * files and one thread that writes them in order. Errors are per thread
 * (errors.c), so the writer keeps the message of its first failure for
 * the caller.
 */
#include <pthread.h> /* pthread_create, pthread_join, pthread_mutex_lock, ... */
#include <stdio.h>   /* snprintf */

#include <relgraph/errors.h>
#include <relgraph/io.h>

#include "common.h"
#include "graph_writer.h"

struct rg_graph__wfile {
    rg_graph__wfile *next;
    char *path;
    char *data;
    size_t len;
};

static void wfile_free(rg_graph__wfile *f)
{
    rg__free(f->path);
    rg__free(f->data);
    rg__free(f);
}

/* Keep the first failure, with this thread's message. */
static void note_error(rg_graph__writer *w, int error)
{
    const rg_error *e = rg_error_last();

    w->error = error;
    w->code = e ? e->code : error;
    snprintf(w->message, sizeof w->message, "%s", e && e->message ? e->message : "write failed");
}

static void *writer_thread(void *arg)
{
    rg_graph__writer *w = arg;
    rg_graph__wfile *f;
    int error;

    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->head && !w->closing) {
            pthread_cond_wait(&w->cv, &w->mu);
        }
        if (!(f = w->head)) {
            break; /* closing and nothing left */
        }
        w->head = f->next;
        if (!w->head) {
            w->tail = NULL;
        }
        if (w->error == RG_OK) {
            pthread_mutex_unlock(&w->mu);
            error = rg_write_file_atomic(f->path, f->data ? f->data : "", f->len);
            pthread_mutex_lock(&w->mu);
            if (error != RG_OK) {
                note_error(w, error);
            }
        }
        wfile_free(f);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

void rg_graph__writer_start(rg_graph__writer *w)
{
    w->head = w->tail = NULL;
    w->closing = 0;
    w->error = RG_OK;
    w->started = 0;
    if (pthread_mutex_init(&w->mu, NULL) != 0) {
        return;
    }
    if (pthread_cond_init(&w->cv, NULL) != 0) {
        pthread_mutex_destroy(&w->mu);
        return;
    }
    w->started = pthread_create(&w->thread, NULL, writer_thread, w) == 0;
    if (!w->started) {
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
    }
}

int rg_graph__writer_put(rg_graph__writer *w, const char *path, rg_strbuf *body)
{
    rg_graph__wfile *f;
    int error;

    if (!w || !w->started) {
        error = rg_write_file_atomic(path, body->len ? body->ptr : "", body->len);
        rg_strbuf_clear(body);
        if (w && error != RG_OK && w->error == RG_OK) {
            note_error(w, error);
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
    if ((error = w->error) == RG_OK) {
        if (w->tail) {
            w->tail->next = f;
        } else {
            w->head = f;
        }
        w->tail = f;
        f = NULL;
        pthread_cond_signal(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    if (f) { /* an earlier file failed: this one is not written */
        wfile_free(f);
        rg__error_set(w->code, "%s", w->message);
    }
    return error;
}

int rg_graph__writer_finish(rg_graph__writer *w)
{
    if (w->started) {
        pthread_mutex_lock(&w->mu);
        w->closing = 1;
        pthread_cond_signal(&w->cv);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->thread, NULL);
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        w->started = 0;
    }
    if (w->error != RG_OK) {
        rg__error_set(w->code, "%s", w->message);
    }
    return w->error;
}
