/* SPDX-License-Identifier: MIT */
/*
 * Reader inputs: each path given to the reader becomes one or more queued
 * sources. A folder is walked recursively for its .txt files, sorted by
 * path; symlink cycles, folders nested too deep and non-regular files are
 * reported and skipped. Paths from the input are only ever read.
 */
#include <dirent.h>   /* opendir, readdir */
#include <errno.h>    /* errno */
#include <stdint.h>   /* uint64_t */
#include <string.h>   /* memcpy, strcmp, strlen, strerror */
#include <sys/stat.h> /* stat, lstat */

#include <relgraph/reader.h>
#include "common.h"
#include "reader_internal.h"
#include "strbuf.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A copy of path[0..n) and its NUL in the reader's path blocks. */
static char *path_store(rg_reader *r, const char *path, size_t n)
{
    rg_reader__block *b = r->paths;
    char *p;

    if (!b || b->size - b->used < n + 1) {
        size_t size = n + 1 > 65536 ? n + 1 : 65536;
        if (!(b = rg__malloc(sizeof *b + size))) {
            rg__error_set_oom();
            return NULL;
        }
        b->next = r->paths;
        b->used = 0;
        b->size = size;
        r->paths = b;
    }
    p = b->bytes + b->used;
    memcpy(p, path, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static int src_push(rg_reader *r, const char *path, rg_reader__src_kind kind)
{
    rg_reader__src s = { NULL, kind };

    if (!(s.path = path_store(r, path, strlen(path)))) {
        return RG_ERROR;
    }
    return RG_VEC_PUSH(r->srcs, s); /* the copy stays in its block either way */
}

/* A folder entry to sort: its name (stored after its readdir() type, DT_*,
 * in the walk's name buffer) and the name's first 8 bytes as a big-endian
 * number, zero-padded, so that most comparisons are one integer compare.
 * The names share the folder's prefix: their order is the paths' order. */
typedef struct {
    uint64_t key;
    const char *name;
} dir_name;

static uint64_t name_key(const char *s)
{
    uint64_t k = 0;
    int i;

    for (i = 0; i < 8; i++) {
        k = k << 8 | (unsigned char)*s;
        s += *s != '\0'; /* past the end, zeros */
    }
    return k;
}

/* strcmp order (unsigned bytes) */
static int name_before(const dir_name *a, const dir_name *b)
{
    return a->key != b->key ? a->key < b->key : strcmp(a->name, b->name) < 0;
}

/* Bottom-up merge sort of v[0..n) (tmp: room for n), the two arrays taking
 * turns as source: qsort's indirect calls and element copies were 28 M
 * instructions for 36,000 names. */
static void sort_names(dir_name *v, dir_name *tmp, size_t n)
{
    dir_name *src = v, *dst = tmp, *t;
    size_t width, i;

    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n;
            size_t a = i, b = mid, k = i;
            while (a < mid && b < hi) {
                dst[k++] = name_before(&src[b], &src[a]) ? src[b++] : src[a++];
            }
            while (a < mid) {
                dst[k++] = src[a++];
            }
            while (b < hi) {
                dst[k++] = src[b++];
            }
        }
        t = src;
        src = dst;
        dst = t;
    }
    if (src != v) {
        memcpy(v, src, n * sizeof *v);
    }
}

/* Ancestors on the current walk, to detect symlink cycles. */
typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

static int walk_dir(rg_reader *r, const char *dir, dir_id *stack, size_t depth);

/* One entry of a folder at `depth`, at `path`, of readdir() type `type`:
 * queued when a .txt file, walked when a folder. */
static int walk_entry(rg_reader *r, unsigned char type, const char *path, dir_id *stack,
                      size_t depth)
{
    struct stat st;

    if (type == DT_REG) {
        /* a regular file, not a link (readdir says so): no stat() needed */
        return ends_with(path, ".txt") ? src_push(r, path, RG_SRC_TXT) : RG_OK;
    }
    if (stat(path, &st) < 0) {
        int err = errno;
        if (err == ELOOP) {
            return rg_reader__bad(r, RG_WARN_LOOP, RG_EIO, path,
                                  "symbolic link loop; skipped");
        }
        return rg_reader__bad(r, RG_WARN_UNREADABLE, RG_EIO, path,
                              err == ENOENT && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)
                                  ? "broken symbolic link; skipped" : strerror(err));
    }
    if (S_ISDIR(st.st_mode)) {
        return walk_dir(r, path, stack, depth + 1);
    }
    if (!ends_with(path, ".txt")) {
        return RG_OK;
    }
    if (S_ISREG(st.st_mode)) {
        return src_push(r, path, RG_SRC_TXT);
    }
    return rg_reader__bad(r, RG_WARN_LOOP, RG_EIO, path,
                          "not a regular file (device, FIFO or socket); skipped");
}

/* Collect .txt files below `dir`, sorted, recursing into sub-folders. */
static int walk_dir(rg_reader *r, const char *dir, dir_id *stack, size_t depth)
{
    RG_VEC(size_t) offs = { NULL, 0, 0 };
    dir_name *names = NULL;
    rg_strbuf nbuf = RG_STRBUF_INIT, path = RG_STRBUF_INIT;
    DIR *d = NULL;
    struct dirent *e;
    struct stat st;
    size_t i, base;
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
        char type = (char)e->d_type;
        if (e->d_name[0] == '.') {
            continue; /* ., .. and hidden files */
        }
        /* type, name, NUL: one buffer, no allocation per entry */
        if (rg_strbuf_put(&nbuf, &type, 1) < 0 || RG_VEC_PUSH(offs, nbuf.len) < 0 ||
            rg_strbuf_put(&nbuf, e->d_name, strlen(e->d_name) + 1) < 0) {
            error = RG_ERROR;
            goto cleanup;
        }
    }
    /* names[0..n) and the sort's room after them */
    if (offs.n && !(names = rg__reallocarray(NULL, offs.n, 2 * sizeof *names))) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    for (i = 0; i < offs.n; i++) {
        names[i].name = nbuf.ptr + offs.v[i];
        names[i].key = name_key(names[i].name);
    }
    sort_names(names, names + offs.n, offs.n);
    if (rg_strbuf_puts(&path, dir) < 0 || rg_strbuf_putc(&path, '/') < 0) {
        error = RG_ERROR;
        goto cleanup;
    }
    base = path.len;
    for (i = 0; i < offs.n && error == RG_OK; i++) {
        path.len = base; /* dir "/" name, without sprintf's cost */
        if ((error = rg_strbuf_puts(&path, names[i].name)) == RG_OK) {
            error = walk_entry(r, (unsigned char)names[i].name[-1], path.ptr, stack, depth);
        }
    }
cleanup:
    RG_VEC_FREE(offs);
    rg__free(names);
    rg_strbuf_dispose(&nbuf);
    rg_strbuf_dispose(&path);
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
