/* SPDX-License-Identifier: MIT */
/*
 * Pictures: runs the separate relgraph-render program (which links Graphviz;
 * the library and `relgraph` never do) on the Graphology JSON files of an
 * output folder. One process for all files, so the overall layout is
 * computed once and reused for every period. posix_spawnp with an argument
 * vector, never a shell; the child's stdout and stderr are ours.
 */
#include <errno.h>    /* EINTR */
#include <spawn.h>    /* posix_spawnp */
#include <string.h>   /* strcmp, strerror, strsignal */
#include <sys/wait.h> /* waitpid, WIFEXITED, WEXITSTATUS */

#include <relgraph/export.h>

#include "export_load.h"

extern char **environ;

typedef RG_VEC(char *) render_argv;

/* Push a copy of s (owned by argv). */
static int argv_push(render_argv *argv, const char *s)
{
    char *copy = s ? rg__strdup(s) : NULL;

    if ((s && !copy) || RG_VEC_PUSH(*argv, copy) < 0) {
        rg__free(copy);
        rg__error_set_oom();
        return RG_ERROR;
    }
    return RG_OK;
}

static int argv_push_path(render_argv *argv, const char *dir, const char *name)
{
    rg_strbuf b = RG_STRBUF_INIT;
    int error = rg_strbuf_printf(&b, "%s/%s", dir, name);

    if (error == RG_OK) {
        error = argv_push(argv, b.ptr);
    }
    rg_strbuf_dispose(&b);
    return error;
}

/*
 * relgraph-render --format F... [--size-by S] --layout-from DIR/graph.json
 *   [--strip DIR/periods.png] -- DIR/graph.json DIR/periods/K.json...
 */
static int render_build_argv(render_argv *argv,          /* filled here */
                             const char *exe,            /* argv[0] */
                             const char *dir,            /* output folder */
                             const char *const *formats, /* requested formats */
                             size_t n_formats,           /* how many */
                             const char *size_by,        /* or NULL */
                             char **periods,             /* sorted file names */
                             size_t n_periods)           /* how many */
{
    rg_strbuf pdir = RG_STRBUF_INIT;
    size_t i;
    int png = 0, error = RG_ERROR;

    if (argv_push(argv, exe) < 0) {
        goto cleanup;
    }
    for (i = 0; i < n_formats; i++) {
        png |= strcmp(formats[i], "png") == 0;
        if (argv_push(argv, "--format") < 0 || argv_push(argv, formats[i]) < 0) {
            goto cleanup;
        }
    }
    if (size_by && (argv_push(argv, "--size-by") < 0 || argv_push(argv, size_by) < 0)) {
        goto cleanup;
    }
    if (argv_push(argv, "--layout-from") < 0 || argv_push_path(argv, dir, "graph.json") < 0) {
        goto cleanup;
    }
    if (png && n_periods >= 2
        && (argv_push(argv, "--strip") < 0 || argv_push_path(argv, dir, "periods.png") < 0)) {
        goto cleanup;
    }
    if (argv_push(argv, "--") < 0 || argv_push_path(argv, dir, "graph.json") < 0
        || rg_strbuf_printf(&pdir, "%s/periods", dir) < 0) {
        goto cleanup;
    }
    for (i = 0; i < n_periods; i++) {
        if (argv_push_path(argv, pdir.ptr, periods[i]) < 0) {
            goto cleanup;
        }
    }
    error = argv_push(argv, NULL);
cleanup:
    rg_strbuf_dispose(&pdir);
    return error;
}

static int render_run(char *const *argv)
{
    pid_t pid;
    int rc, status = 0;

    rc = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
    if (rc != 0) {
        rg__error_set(RG_EEXPORT, "cannot run %s: %s", argv[0], strerror(rc));
        return RG_EEXPORT;
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            rg__error_set(RG_EEXPORT, "%s: waitpid failed: %s", argv[0], strerror(errno));
            return RG_EEXPORT;
        }
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        return RG_OK;
    }
    if (WIFEXITED(status)) {
        rg__error_set(RG_EEXPORT, "%s exited with status %d", argv[0], WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        rg__error_set(RG_EEXPORT, "%s was killed by signal %d (%s)", argv[0], WTERMSIG(status),
                      strsignal(WTERMSIG(status)));
    } else {
        rg__error_set(RG_EEXPORT, "%s ended abnormally", argv[0]);
    }
    return RG_EEXPORT;
}

int rg_export_render(const char *render_exe, const char *dir, const char *const *formats,
                     size_t n_formats, const char *size_by)
{
    render_argv argv = { NULL, 0, 0 };
    rg_strbuf pdir = RG_STRBUF_INIT;
    char **periods = NULL;
    size_t n_periods = 0, i;
    int error;

    RG_ASSERT_ARG(render_exe);
    RG_ASSERT_ARG(dir);
    RG_ASSERT_ARG(formats || n_formats == 0);
    if ((error = rg_strbuf_printf(&pdir, "%s/periods", dir)) < 0
        || (error = rg_export__list_json(&periods, &n_periods, pdir.ptr)) < 0
        || (error = render_build_argv(&argv, render_exe, dir, formats, n_formats, size_by,
                                      periods, n_periods)) < 0) {
        goto cleanup;
    }
    error = render_run(argv.v);
cleanup:
    for (i = 0; i < argv.n; i++) {
        rg__free(argv.v[i]);
    }
    RG_VEC_FREE(argv);
    rg_export__names_free(periods, n_periods);
    rg_strbuf_dispose(&pdir);
    return error;
}
