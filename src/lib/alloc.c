/* SPDX-License-Identifier: MIT */
/*
 * Allocator indirection. Every library allocation goes through rg__malloc &
 * co. so that a test can make the Nth allocation fail (rg_alloc_fail_at())
 * and drive each cleanup path under AddressSanitizer.
 */
#include <stdatomic.h> /* atomic_load_explicit */
#include <stdlib.h>    /* malloc, calloc, realloc, free */
#include <string.h>    /* memcpy, strlen */

#include <relgraph/alloc.h>
#include "common.h"

/* Countdown to the failing allocation; 0 = hook off. Process-wide, tests only. */
static _Atomic long alloc_fail_countdown;
static _Atomic long alloc_count;
/* Set by the first rg_alloc_fail_at(): until then no allocation touches the
 * two shared counters above (a locked increment for every allocation was
 * 0.5% of extraction cycles, and worker threads fought over its line). */
static _Atomic int alloc_hook_armed;

void rg_alloc_fail_at(long n)
{
    alloc_fail_countdown = n;
    alloc_count = 0;
    alloc_hook_armed = 1;
}

long rg_alloc_count(void)
{
    return alloc_count;
}

static _Thread_local int alloc_failed;

void rg__alloc_failed_reset(void)
{
    alloc_failed = 0;
}

int rg__alloc_failed(void)
{
    return alloc_failed;
}

static int alloc_should_fail(void)
{
    if (!atomic_load_explicit(&alloc_hook_armed, memory_order_relaxed)) {
        return 0;
    }
    alloc_count++;
    return alloc_fail_countdown > 0 && --alloc_fail_countdown == 0;
}

/* Pass a result through, noting a failure (real or injected). */
static void *alloc_note(void *p)
{
    if (!p) {
        alloc_failed = 1;
    }
    return p;
}

void *rg__malloc(size_t n)
{
    return alloc_note(alloc_should_fail() ? NULL : malloc(n ? n : 1));
}

void *rg__calloc(size_t nmemb, size_t size)
{
    return alloc_note(alloc_should_fail() ? NULL : calloc(nmemb ? nmemb : 1, size ? size : 1));
}

void *rg__realloc(void *p, size_t n)
{
    return alloc_note(alloc_should_fail() ? NULL : realloc(p, n ? n : 1));
}

void *rg__reallocarray(void *p, size_t nmemb, size_t size)
{
    if (size && nmemb > SIZE_MAX / size) {
        return NULL;
    }
    return rg__realloc(p, nmemb * size);
}

void rg__free(void *p)
{
    free(p);
}

char *rg__strndup(const char *s, size_t n)
{
    char *d = rg__malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *rg__strdup(const char *s)
{
    return rg__strndup(s, strlen(s));
}

int rg__vec_grow(void *pv, size_t *cap, size_t need, size_t elem)
{
    void **v = pv;
    size_t ncap;
    void *nv;

    if (need <= *cap) {
        return RG_OK;
    }
    ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) {
            rg__error_set_oom();
            return RG_ERROR;
        }
        ncap *= 2;
    }
    nv = rg__reallocarray(*v, ncap, elem);
    if (!nv) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    *v = nv;
    *cap = ncap;
    return RG_OK;
}
