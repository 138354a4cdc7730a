/* SPDX-License-Identifier: MIT */
/*
 * Reader inputs: each path given to the reader becomes one or more queued
 * sources. A folder is walked recursively for its .txt files, sorted by
 * path; symlink cycles, folders nested too deep and non-regular files are
 * reported and skipped. Paths from the input are only ever read.
 */
#include <dirent.h>   /* opendir, readdir */
#include <errno.h>    /* errno */
#include <stdlib.h>   /* qsort */
#include <string.h>   /* memcpy, strcmp, strlen, strerror */
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

/* A folder entry: its path and what readdir() says it is (DT_*). */
typedef struct {
    char *path;
    unsigned char type;
} dir_entry;

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const dir_entry *)a)->path, ((const dir_entry *)b)->path);
}

/* Ancestors on the current walk, to detect symlink cycles. */
typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

static int walk_dir(rg_reader *r, const char *dir, dir_id *stack, size_t depth);

/* One entry of a folder at `depth`: queued when a .txt file, walked when a folder. */
static int walk_entry(rg_reader *r, const dir_entry *de, dir_id *stack, size_t depth)
{
    struct stat st;

    if (de->type == DT_REG) {
        /* a regular file, not a link (readdir says so): no stat() needed */
        return ends_with(de->path, ".txt") ? src_push(r, de->path, RG_SRC_TXT) : RG_OK;
    }
    if (stat(de->path, &st) < 0) {
        int err = errno;
        if (err == ELOOP) {
            return rg_reader__bad(r, RG_WARN_LOOP, RG_EIO, de->path,
                                  "symbolic link loop; skipped");
        }
        return rg_reader__bad(r, RG_WARN_UNREADABLE, RG_EIO, de->path,
                              err == ENOENT && lstat(de->path, &st) == 0 && S_ISLNK(st.st_mode)
                                  ? "broken symbolic link; skipped" : strerror(err));
    }
    if (S_ISDIR(st.st_mode)) {
        return walk_dir(r, de->path, stack, depth + 1);
    }
    if (!ends_with(de->path, ".txt")) {
        return RG_OK;
    }
    if (S_ISREG(st.st_mode)) {
        return src_push(r, de->path, RG_SRC_TXT);
    }
    return rg_reader__bad(r, RG_WARN_LOOP, RG_EIO, de->path,
                          "not a regular file (device, FIFO or socket); skipped");
}

/* Collect .txt files below `dir`, sorted, recursing into sub-folders. */
static int walk_dir(rg_reader *r, const char *dir, dir_id *stack, size_t depth)
{
    RG_VEC(dir_entry) names = { NULL, 0, 0 };
    DIR *d = NULL;
    struct dirent *e;
    struct stat st;
    size_t i, n, dir_len = strlen(dir);
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
        dir_entry de;
        if (e->d_name[0] == '.') {
            continue; /* ., .. and hidden files */
        }
        de.type = e->d_type;
        n = strlen(e->d_name);
        if (!(de.path = rg__malloc(dir_len + n + 2))) {
            rg__error_set_oom();
            error = RG_ERROR;
            goto cleanup;
        }
        memcpy(de.path, dir, dir_len); /* dir "/" name, without sprintf's cost */
        de.path[dir_len] = '/';
        memcpy(de.path + dir_len + 1, e->d_name, n + 1);
        if (RG_VEC_PUSH(names, de) < 0) {
            rg__free(de.path);
            error = RG_ERROR;
            goto cleanup;
        }
    }
    if (names.n) {
        qsort(names.v, names.n, sizeof *names.v, cmp_entry);
    }
    for (i = 0; i < names.n && error == RG_OK; i++) {
        error = walk_entry(r, &names.v[i], stack, depth);
    }
cleanup:
    for (i = 0; i < names.n; i++) {
        rg__free(names.v[i].path);
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
