/* SPDX-License-Identifier: MIT */
/*
 * Stale period files: after a build, DIR/periods/ may still hold the files
 * of an earlier build with another --period (2017-05.json beside 2017.json).
 * They are removed so that the folder describes one build only.
 */
#include <dirent.h> /* opendir, readdir */
#include <errno.h>
#include <stdio.h>  /* snprintf */
#include <string.h> /* strchr, strcmp, strerror */
#include <unistd.h> /* unlink */

#include <relgraph/graph.h>
#include "common.h"

static int prune_digits(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    return 1;
}

/* "2017", "2017-05", "2017-Q2" followed by one of the output extensions. */
static int prune_is_period_file(const char *name, size_t *stem_len)
{
    static const char *const exts[] = { ".json", ".dot", ".png", ".svg", NULL };
    const char *dot = strchr(name, '.');
    size_t n = dot ? (size_t)(dot - name) : 0, k;

    if (n < 4 || !prune_digits(name, 4)) {
        return 0;
    }
    if (!(n == 4 || (n == 7 && name[4] == '-' && prune_digits(name + 5, 2)) ||
          (n == 7 && name[4] == '-' && name[5] == 'Q' && name[6] >= '1' && name[6] <= '4'))) {
        return 0;
    }
    for (k = 0; exts[k]; k++) {
        if (strcmp(dot, exts[k]) == 0) {
            *stem_len = n;
            return 1;
        }
    }
    return 0;
}

static int prune_is_current(const rg_agg *agg, const char *name, size_t n)
{
    size_t i;

    for (i = 0; i < rg_agg_periods(agg); i++) {
        const char *key = rg_agg_period_key(agg, i);
        if (strlen(key) == n && memcmp(key, name, n) == 0) {
            return 1;
        }
    }
    return 0;
}

int rg_agg_prune_periods(const rg_agg *agg, const char *outdir, size_t *n_removed)
{
    char dir[4096], path[4096 + 256];
    struct dirent *e;
    DIR *d;
    size_t n;
    int error = RG_OK;

    RG_ASSERT_ARG(agg && outdir);
    if (n_removed) {
        *n_removed = 0;
    }
    if ((size_t)snprintf(dir, sizeof dir, "%s/periods", outdir) >= sizeof dir) {
        rg__error_set(RG_EIO, "%s/periods: path too long", outdir);
        return RG_EIO;
    }
    if (!(d = opendir(dir))) {
        return errno == ENOENT ? RG_OK : (rg__error_set(RG_EIO, "%s: %s", dir, strerror(errno)),
                                          RG_EIO);
    }
    while ((e = readdir(d)) != NULL) {
        if (!prune_is_period_file(e->d_name, &n) || prune_is_current(agg, e->d_name, n)) {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) < 0 && errno != ENOENT) {
            rg__error_set(RG_EIO, "%s: cannot remove stale file: %s", path, strerror(errno));
            error = RG_EIO;
            break;
        }
        if (n_removed) {
            (*n_removed)++;
        }
    }
    closedir(d);
    return error;
}
