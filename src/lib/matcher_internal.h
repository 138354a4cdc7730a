/* SPDX-License-Identifier: MIT */
/*
 * Private view shared by matcher.c (automaton, scan), matcher_starts.c
 * (the scan from word starts) and matcher_roles.c (the context rules that
 * decide whether a role mention names the current holder: blocking
 * prefixes, apposed names, generic roles with a country).
 */
#ifndef RG_LIB_MATCHER_INTERNAL_H
#define RG_LIB_MATCHER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "actors_internal.h"
#include "common.h" /* RG_VEC */

#define RG_MATCHER__WORD_START 1u /* the key starts with a letter or digit */
#define RG_MATCHER__WORD_END 2u   /* the key ends with a letter or digit */
#define RG_MATCHER__CAPITAL 4u    /* the text must start with a capital, as the form does */

/* A dictionary form as the matcher looks for it. */
typedef struct {
    const rg_actors__form *form;
    uint32_t len;   /* key length in bytes */
    unsigned edges; /* RG_MATCHER__WORD_START | ... */
} rg_matcher__pattern;

/* A key found in the folded text: its span [ks, ke) and pattern. */
typedef struct {
    size_t ks, ke;
    int32_t pat;
} rg_matcher__cand;

typedef RG_VEC(rg_matcher__cand) rg_matcher__cand_vec;

/*
 * The scan from word starts (matcher_starts.c), for dictionaries whose
 * keys all start with a letter or digit: a trie of the keys walked only
 * from the word starts that a filter of the keys' first four bytes lets
 * through. Read-only once built.
 */
typedef struct rg_matcher__starts rg_matcher__starts;

/*
 * Builds the trie of the `npat` patterns, whose key bytes map to classes
 * 1..ncls-1 by `cls` (a class per byte; cls and the keys must outlive the
 * result). Returns RG_OK or RG_ERROR (out of memory, set).
 */
int rg_matcher__starts_new(rg_matcher__starts **out, const rg_matcher__pattern *pat,
                           size_t npat, const uint8_t *cls, size_t ncls);
void rg_matcher__starts_free(rg_matcher__starts *s);

/*
 * Appends to `hits` the occurrences in key[0..klen) of keys that begin
 * after a byte that is not an ASCII letter or digit (or at 0), in the
 * automaton's order (by end, at one end longest first): every one that
 * the automaton finds and mt_accept may take (so not those followed by a
 * letter or digit when the key ends with one). Returns RG_OK or RG_ERROR
 * (out of memory, set).
 */
int rg_matcher__starts_scan(const rg_matcher__starts *s, const unsigned char *key,
                            size_t klen, rg_matcher__cand_vec *hits);

/*
 * rg_matcher_new with the automaton whatever the keys: the reference the
 * tests compare the scan from word starts with.
 */
int rg_matcher__new_automaton(rg_matcher **out, const rg_actors *a);

/* 1 when m scans from word starts, 0 when it runs the automaton. */
int rg_matcher__uses_starts(const rg_matcher *m);

/* 1 when byte c is an ASCII letter or digit. */
static inline int rg_matcher__ascii_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

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

/*
 * Step 5 for the selected role candidate sel->v[i] (patterns `pat`): its
 * holder at `date`, or -1 when the role is vacant, blocked by a prefix,
 * or its context names somebody else.
 */
int rg_matcher__role_holder(const rg_matcher__text *t, const rg_actors *a,
                            const rg_matcher__pattern *pat, const rg_matcher__cand_vec *sel,
                            size_t i, const rg_date *date);

#endif
