/* SPDX-License-Identifier: MIT */
/*
 * Standalone fuzz driver: replays files through LLVMFuzzerTestOneInput
 * without libFuzzer, so `make check` can run every fuzz target over its
 * corpus (tests/fuzz/corpus/<target>/) with gcc and the sanitizers. Each
 * argument is a file or a folder (its regular files, not recursive). Prints
 * "<target>: N inputs replayed" and exits 0; a failing input aborts.
 */
#include <dirent.h>   /* opendir, readdir */
#include <stdint.h>   /* uint8_t */
#include <stdio.h>    /* fopen, fread, printf */
#include <stdlib.h>   /* malloc, free */
#include <string.h>   /* strlen */
#include <sys/stat.h> /* stat */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t cap = 0, len = 0, got;

    if (!f) {
        fprintf(stderr, "standalone_driver: cannot open %s\n", path);
        return -1;
    }
    do {
        if (len == cap) {
            uint8_t *nb;
            cap = cap ? cap * 2 : 4096;
            if (!(nb = realloc(buf, cap))) {
                free(buf);
                fclose(f);
                fprintf(stderr, "standalone_driver: out of memory\n");
                return -1;
            }
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    fclose(f);
    /* a fresh heap copy of exactly `len` bytes, so ASan sees overreads */
    {
        uint8_t *exact = malloc(len ? len : 1);
        if (!exact) {
            free(buf);
            return -1;
        }
        if (len) {
            memcpy(exact, buf, len);
        }
        free(buf);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
    }
    return 0;
}

static int replay_path(const char *path, size_t *n)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    int error = 0;

    if (stat(path, &st) < 0) {
        fprintf(stderr, "standalone_driver: %s: no such file or folder\n", path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*n)++;
        return replay_file(path);
    }
    if (!(d = opendir(path))) {
        fprintf(stderr, "standalone_driver: cannot open folder %s\n", path);
        return -1;
    }
    while (error == 0 && (e = readdir(d)) != NULL) {
        char *p;
        if (e->d_name[0] == '.') {
            continue;
        }
        if (!(p = malloc(strlen(path) + strlen(e->d_name) + 2))) {
            error = -1;
            break;
        }
        sprintf(p, "%s/%s", path, e->d_name);
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            (*n)++;
            error = replay_file(p);
        }
        free(p);
    }
    closedir(d);
    return error;
}

int main(int argc, char **argv)
{
    size_t n = 0;
    int i;
    const char *name = strrchr(argv[0], '/');

    if (LLVMFuzzerInitialize) {
        LLVMFuzzerInitialize(&argc, &argv);
    }
    for (i = 1; i < argc; i++) {
        if (replay_path(argv[i], &n) < 0) {
            return 1;
        }
    }
    printf("%s: %zu inputs replayed\n", name ? name + 1 : argv[0], n);
    return 0;
}
