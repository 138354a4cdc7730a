/* SPDX-License-Identifier: MIT */
/*
 * Private view shared by matcher.c (automaton, scan) and matcher_roles.c
 * (the context rules that decide whether a role mention names the current
 * holder: blocking prefixes, apposed names, generic roles with a country).
 */
#ifndef RG_LIB_MATCHER_INTERNAL_H
#define RG_LIB_MATCHER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "actors_internal.h"

/* A text being scanned: the original bytes and their fold. */
typedef struct {
    const char *text; /* the original text */
    size_t len;
    const char *key;  /* its fold */
    size_t klen;
    const size_t *map; /* key byte -> text offset; map[klen] == len */
} rg_matcher__text;

/* 1 when `cp` is an upper-case letter (Latin, Greek, Cyrillic). */
int rg_matcher__is_upper(int32_t cp);

/*
 * 1 when the role form at key bytes [ks, ...) comes right after a blocking
 * prefix of the dictionary ("ancien", "ex-", "vice-", "feu le", ...).
 */
int rg_matcher__role_prefixed(const rg_matcher__text *t, const rg_actors *a, size_t ks);

/* A selected form next to a role: the form (NULL: none) and its key span. */
typedef struct {
    const rg_actors__form *form;
    size_t ks, ke;
} rg_matcher__near;

/*
 * 1 when the role form `f` at key bytes [ks, ke), resolved to `holder`, is
 * kept given its neighbours: `prev` and `next` are the selected forms just
 * before and after it.
 */
int rg_matcher__role_context(const rg_matcher__text *t, const rg_actors *a,
                             const rg_actors__form *f, size_t ks, size_t ke, int holder,
                             rg_matcher__near prev, rg_matcher__near next);

#endif
