/* SPDX-License-Identifier: MIT */
/*
 * Reader inputs: each path given to the reader becomes one or more queued
 * sources. A folder is walked recursively for its .txt files, sorted by
 * path; symlink cycles, folders nested too deep and non-regular files are
 * reported and skipped. Paths from the input are only ever read.
 */
#include <dirent.h>   /* opendir, readdir */
#include <errno.h>    /* errno */
#include <stdio.h>    /* sprintf */
#include <stdlib.h>   /* qsort */
#include <string.h>   /* strcmp, strlen, strerror */
#include <sys/stat.h> /* stat, lstat */

#include <relgraph/reader.h>
#include "common.h"
#include "reader_internal.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int src_push(rg_reader *r, const char *path, rg_reader__src_kind kind)
{
    rg_reader__src s = { NULL, kind };
    if (!(s.path = rg__strdup(path))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if (RG_VEC_PUSH(r->srcs, s) < 0) {
        rg__free(s.path);
        return RG_ERROR;
    }
    return RG_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Ancestors on the current walk, to detect symlink cycles. */
typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

/* Collect .txt files below `dir`, sorted, recursing into sub-folders. */
static int walk_dir(rg_reader *r, const char *dir, dir_id *stack, size_t depth)
{
    RG_VEC(char *) names = { NULL, 0, 0 };
    DIR *d = NULL;
    struct dirent *e;
    struct stat st;
    size_t i;
    int error = RG_OK;

    if (stat(dir, &st) < 0) {
        return rg_reader__bad(r, RG_WARN_UNREADABLE, RG_EIO, dir, strerror(errno));
    }
    for (i = 0; i < depth; i++) {
        if (stack[i].dev == st.st_dev && stack[i].ino == st.st_ino) {
            return rg_reader__bad(r, RG_WARN_LOOP, RG_EIO, dir,
                                  "folder cycle (symbolic link loop); skipped");
        }
    }
    if (depth >= 64) {
        return rg_reader__bad(r, RG_WARN_LOOP, RG_EIO, dir, "folders nested too deep; skipped");
    }
    stack[depth].dev = st.st_dev;
    stack[depth].ino = st.st_ino;
    if (!(d = opendir(dir))) {
        return rg_reader__bad(r, RG_WARN_UNREADABLE, RG_EIO, dir, strerror(errno));
    }
    while ((e = readdir(d)) != NULL) {
        char *p;
        if (e->d_name[0] == '.') {
            continue; /* ., .. and hidden files */
        }
        p = rg__malloc(strlen(dir) + strlen(e->d_name) + 2);
        if (!p) {
            rg__error_set_oom();
            error = RG_ERROR;
            goto cleanup;
        }
        sprintf(p, "%s/%s", dir, e->d_name);
        if (RG_VEC_PUSH(names, p) < 0) {
            rg__free(p);
            error = RG_ERROR;
            goto cleanup;
        }
    }
    if (names.n) {
        qsort(names.v, names.n, sizeof *names.v, cmp_str);
    }
    for (i = 0; i < names.n && error == RG_OK; i++) {
        if (stat(names.v[i], &st) < 0) {
            int err = errno;
            if (err == ELOOP) {
                error = rg_reader__bad(r, RG_WARN_LOOP, RG_EIO, names.v[i],
                                       "symbolic link loop; skipped");
            } else {
                error = rg_reader__bad(r, RG_WARN_UNREADABLE, RG_EIO, names.v[i],
                                       err == ENOENT && lstat(names.v[i], &st) == 0 &&
                                               S_ISLNK(st.st_mode)
                                           ? "broken symbolic link; skipped" : strerror(err));
            }
        } else if (S_ISDIR(st.st_mode)) {
            error = walk_dir(r, names.v[i], stack, depth + 1);
        } else if (!ends_with(names.v[i], ".txt")) {
            continue;
        } else if (S_ISREG(st.st_mode)) {
            error = src_push(r, names.v[i], RG_SRC_TXT);
        } else {
            error = rg_reader__bad(r, RG_WARN_LOOP, RG_EIO, names.v[i],
                                   "not a regular file (device, FIFO or socket); skipped");
        }
    }
cleanup:
    for (i = 0; i < names.n; i++) {
        rg__free(names.v[i]);
    }
    RG_VEC_FREE(names);
    closedir(d);
    return error;
}

int rg_reader__add_input(rg_reader *r, const char *path)
{
    struct stat st;
    dir_id stack[64];

    if (strcmp(path, "-") == 0) {
        return src_push(r, path, RG_SRC_STDIN);
    }
    if (stat(path, &st) < 0) {
        rg__error_set(RG_EIO, "%s: %s", path, strerror(errno));
        return RG_EIO;
    }
    if (S_ISDIR(st.st_mode)) {
        return walk_dir(r, path, stack, 0);
    }
    return src_push(r, path, ends_with(path, ".jsonl") ? RG_SRC_JSONL : RG_SRC_TXT);
}
