/* SPDX-License-Identifier: MIT */
/*
 * Private helpers shared by every library module: the allocator indirection
 * (with a test hook that fails the Nth allocation), error setters, argument
 * assertions and a small growable-array macro.
 */
#ifndef RG_LIB_COMMON_H
#define RG_LIB_COMMON_H

#include <assert.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <relgraph/common.h>
#include <relgraph/errors.h>

#if defined(__GNUC__)
#  define RG_PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#  define RG_UNUSED __attribute__((unused))
#else
#  define RG_PRINTFLIKE(f, a)
#  define RG_UNUSED
#endif

/* Programmer errors are assertions; input errors are return codes. */
#define RG_ASSERT_ARG(x) assert(x)

/* ---- allocation (alloc.c) ---- */
void *rg__malloc(size_t n);
void *rg__calloc(size_t nmemb, size_t size);
void *rg__realloc(void *p, size_t n);
void *rg__reallocarray(void *p, size_t nmemb, size_t size); /* overflow-checked */
void rg__free(void *p);
char *rg__strndup(const char *s, size_t n);
char *rg__strdup(const char *s);
/* Has an allocation of this thread failed since the last reset? (Tells an
 * allocation failure inside jansson from a parse error, see json_oom.h.) */
void rg__alloc_failed_reset(void);
int rg__alloc_failed(void);

/* ---- errors (errors.c) ---- */
void rg__error_set(int code, const char *fmt, ...) RG_PRINTFLIKE(2, 3);
void rg__error_vset(int code, const char *fmt, va_list ap) RG_PRINTFLIKE(2, 0);
/* Sets RG_ERROR "out of memory" with a static message; allocates nothing. */
void rg__error_set_oom(void);
/* The code of the last error, or RG_ERROR when none is set. */
int rg__error_code(void);
/* A thread's error kept for another thread (errors are per thread): the
 * graph phase's job and writer threads hand theirs to the caller. */
typedef struct {
    int error;         /* RG_OK, or what the failing call returned */
    int code;          /* the error's code (`error` when none was set) */
    char message[512]; /* RG_ERROR_MAX */
} rg__kept_error;
/* k = this thread's last error for the failure `error` of a call;
 * `fallback` is the message when none is set. */
void rg__error_keep(rg__kept_error *k, int error, const char *fallback);
/* Sets k as this thread's last error when it is one; returns k->error. */
int rg__error_restore(const rg__kept_error *k);

/*
 * Growable array: RG_VEC(T) declares { T *v; size_t n, cap; }.
 * rg__vec_grow(&vec.v, &vec.cap, vec.n + k, sizeof *vec.v) makes room for k
 * more; returns RG_OK or RG_ERROR (OOM set).
 */
#define RG_VEC(T) struct { T *v; size_t n, cap; }
int rg__vec_grow(void *pv, size_t *cap, size_t need, size_t elem);
#define RG_VEC_PUSH(vec, x)                                               \
    (rg__vec_grow(&(vec).v, &(vec).cap, (vec).n + 1, sizeof *(vec).v)     \
         ? RG_ERROR                                                       \
         : ((vec).v[(vec).n++] = (x), RG_OK))
#define RG_VEC_FREE(vec) (rg__free((vec).v), (vec).v = NULL, (vec).n = (vec).cap = 0)

/* Index of the lowest set bit of m (m != 0): the first flagged byte or
 * lane of a word-at-a-time or SSE2 mask. */
static inline size_t rg__ctz64(uint64_t m)
{
#if defined(__GNUC__)
    return (size_t)__builtin_ctzll(m);
#else
    size_t n = 0;

    while (!(m >> n & 1u)) {
        n++;
    }
    return n;
#endif
}

/* FNV-1a of s[0..n): the hash of the library's small keyed tables (the
 * lexicon's words, the dictionary's key clashes). */
static inline uint32_t rg__fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++) {
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    }
    return h;
}

#endif
