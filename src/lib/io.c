/* SPDX-License-Identifier: MIT */
/*
 * File helpers: whole-file reads with a size limit, crash-safe writes
 * (mkstemp in the target's folder, write, fsync, rename) and mkdir -p.
 */
#include <errno.h>    /* errno */
#include <fcntl.h>    /* open */
#include <stdio.h>    /* rename, snprintf */
#include <stdlib.h>   /* mkstemp */
#include <string.h>   /* strerror, strlen, strrchr */
#include <sys/stat.h> /* mkdir, fstat, fchmod */
#include <unistd.h>   /* read, write, close, fsync, unlink */

#include <relgraph/io.h>
#include <relgraph/text.h>
#include "common.h"
#include "io_internal.h"
#include "strbuf.h"

void rg_free(void *p)
{
    rg__free(p);
}

static int io_write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int rg_io__write_temp(rg_strbuf *tmp, const char *path, const void *data, size_t len)
{
    int fd, error = RG_OK;

    rg_strbuf_clear(tmp);
    if (rg_strbuf_printf(tmp, "%s.tmp-XXXXXX", path) < 0) {
        return RG_ERROR;
    }
    fd = mkstemp(tmp->ptr);
    if (fd < 0) {
        rg__error_set(RG_EIO, "%s: cannot create temporary file: %s", path, strerror(errno));
        rg_strbuf_clear(tmp);
        return RG_EIO;
    }
    if (fchmod(fd, 0644) < 0 || io_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
        rg__error_set(RG_EIO, "%s: write failed: %s", path, strerror(errno));
        error = RG_EIO;
    }
    if (close(fd) < 0 && error == RG_OK) {
        rg__error_set(RG_EIO, "%s: write failed: %s", path, strerror(errno));
        error = RG_EIO;
    }
    if (error < 0) {
        unlink(tmp->ptr);
        rg_strbuf_clear(tmp);
    }
    return error;
}

int rg_io__commit_temp(rg_strbuf *tmp, const char *path)
{
    int error = RG_OK;

    if (rename(tmp->ptr, path) < 0) {
        rg__error_set(RG_EIO, "%s: cannot rename temporary file: %s", path, strerror(errno));
        unlink(tmp->ptr);
        error = RG_EIO;
    }
    rg_strbuf_clear(tmp);
    return error;
}

int rg_write_file_atomic(const char *path, const void *data, size_t len)
{
    rg_strbuf tmp = RG_STRBUF_INIT;
    int error;

    if ((error = rg_io__write_temp(&tmp, path, data, len)) == RG_OK) {
        error = rg_io__commit_temp(&tmp, path);
    }
    rg_strbuf_dispose(&tmp);
    return error;
}

int rg_read_file(char **out, size_t *out_len, const char *path, size_t max)
{
    rg_strbuf buf = RG_STRBUF_INIT;
    int fd = -1, error = RG_OK;
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path; /* for messages */

    *out = NULL;
    fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        rg__error_set(RG_EIO, "%s: %s", name, strerror(errno));
        return RG_EIO;
    }
    for (;;) {
        ssize_t r;
        if (rg_strbuf_grow(&buf, 65536) < 0) {
            error = RG_ERROR;
            goto cleanup;
        }
        r = read(fd, buf.ptr + buf.len, buf.alloc - buf.len - 1);
        if (r < 0) {
            if (errno == EINTR) {
                continue;
            }
            rg__error_set(RG_EIO, "%s: read error at byte %zu: %s", name, buf.len,
                          strerror(errno));
            error = RG_EIO;
            goto cleanup;
        }
        if (r == 0) {
            break;
        }
        buf.len += (size_t)r;
        if (max && buf.len > max) {
            rg__error_set(RG_ELIMIT, "%s: larger than the limit of %zu bytes", name, max);
            error = RG_ELIMIT;
            goto cleanup;
        }
    }
    if (rg_strbuf_put(&buf, "", 0) < 0) {
        error = RG_ERROR;
        goto cleanup;
    }
    *out = rg_strbuf_detach(&buf, out_len);
cleanup:
    if (fd >= 0 && !is_stdin) {
        close(fd);
    }
    rg_strbuf_dispose(&buf);
    return error;
}

int rg_mkdir_p(const char *path)
{
    char *p = rg__strdup(path);
    size_t i, n;
    int error = RG_OK;

    if (!p) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    n = strlen(p);
    for (i = 1; i <= n; i++) {
        if (p[i] == '/' || p[i] == '\0') {
            char c = p[i];
            struct stat st;
            p[i] = '\0';
            if (mkdir(p, 0755) < 0 && errno != EEXIST) {
                rg__error_set(RG_EIO, "%s: cannot create folder: %s", p, strerror(errno));
                error = RG_EIO;
                break;
            }
            if (stat(p, &st) < 0 || !S_ISDIR(st.st_mode)) {
                rg__error_set(RG_EIO, "%s: not a folder", p);
                error = RG_EIO;
                break;
            }
            p[i] = c;
        }
    }
    rg__free(p);
    return error;
}

struct rg_outfile {
    FILE *fp;
    char *path;
    char *tmp;
    int failed;
};

int rg_outfile_open(rg_outfile **out, const char *path)
{
    rg_outfile *f = NULL;
    struct stat st;
    int fd = -1, error = RG_OK;
    int is_stdout = strcmp(path, "-") == 0;

    *out = NULL;
    if (!(f = rg__calloc(1, sizeof *f)) ||
        !(f->path = rg__strdup(is_stdout ? "<stdout>" : path))) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    if (is_stdout) {
        f->fp = stdout;
    } else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        rg__error_set(RG_EIO, "%s: is a folder, not a file", path);
        error = RG_EIO;
        goto cleanup;
    } else {
        if (!(f->tmp = rg__malloc(strlen(path) + 16))) {
            rg__error_set_oom();
            error = RG_ERROR;
            goto cleanup;
        }
        sprintf(f->tmp, "%s.tmp-XXXXXX", path);
        if ((fd = mkstemp(f->tmp)) < 0 || fchmod(fd, 0644) < 0 || !(f->fp = fdopen(fd, "w"))) {
            rg__error_set(RG_EIO, "%s: cannot create output file: %s", path, strerror(errno));
            error = RG_EIO;
            goto cleanup;
        }
        fd = -1;
    }
    *out = f;
    f = NULL;
cleanup:
    if (fd >= 0) {
        close(fd);
    }
    rg_outfile_abort(f);
    return error;
}

int rg_outfile_write(rg_outfile *f, const void *data, size_t len)
{
    if (len && fwrite(data, 1, len, f->fp) != len) {
        f->failed = 1;
        rg__error_set(RG_EIO, "%s: write failed: %s", f->path, strerror(errno));
        return RG_EIO;
    }
    return RG_OK;
}

static void outfile_free(rg_outfile *f)
{
    rg__free(f->path);
    rg__free(f->tmp);
    rg__free(f);
}

int rg_outfile_commit(rg_outfile *f)
{
    int error = RG_OK;

    if (fflush(f->fp) != 0 || ferror(f->fp) || f->failed) {
        rg__error_set(RG_EIO, "%s: write failed: %s", f->path, strerror(errno));
        error = RG_EIO;
    } else if (f->tmp && fsync(fileno(f->fp)) < 0) {
        rg__error_set(RG_EIO, "%s: write failed: %s", f->path, strerror(errno));
        error = RG_EIO;
    }
    if (f->tmp) {
        if (fclose(f->fp) != 0 && error == RG_OK) {
            rg__error_set(RG_EIO, "%s: write failed: %s", f->path, strerror(errno));
            error = RG_EIO;
        }
        if (error == RG_OK && rename(f->tmp, f->path) < 0) {
            rg__error_set(RG_EIO, "%s: cannot rename temporary file: %s", f->path, strerror(errno));
            error = RG_EIO;
        }
        if (error < 0) {
            unlink(f->tmp);
        }
    }
    outfile_free(f);
    return error;
}

void rg_outfile_abort(rg_outfile *f)
{
    if (!f) {
        return;
    }
    if (f->tmp && f->fp) {
        fclose(f->fp);
    }
    if (f->tmp) {
        unlink(f->tmp);
    }
    outfile_free(f);
}
