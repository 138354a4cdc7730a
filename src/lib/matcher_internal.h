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
#include <string.h> /* memcpy */

#include "actors_internal.h"
#include "common.h" /* RG_VEC */
#include "text_internal.h" /* rg_text__utf8_decode, rg_text__is_word_cp */

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
 * Room for one more candidate in v, which may still be in `fixed`, an
 * array of the caller's (v->cap its length; NULL: none): the candidates
 * then move to the heap, and fixed is never freed. Most texts have a few
 * candidates: a scan then allocates nothing for them. Returns RG_OK or
 * RG_ERROR (out of memory, set).
 */
static inline int rg_matcher__cand_grow(rg_matcher__cand_vec *v, rg_matcher__cand *fixed)
{
    rg_matcher__cand *nv;

    if (!fixed || v->v != fixed) {
        return rg__vec_grow(&v->v, &v->cap, v->n + 1, sizeof *v->v);
    }
    if (!(nv = rg__reallocarray(NULL, v->cap, 2 * sizeof *nv))) { /* cap is small */
        rg__error_set_oom();
        return RG_ERROR;
    }
    memcpy(nv, v->v, v->n * sizeof *nv);
    v->v = nv;
    v->cap *= 2;
    return RG_OK;
}

/* Appends c to v (fixed: see rg_matcher__cand_grow). */
static inline int rg_matcher__cand_push(rg_matcher__cand_vec *v, rg_matcher__cand *fixed,
                                        rg_matcher__cand c)
{
    if (v->n == v->cap && rg_matcher__cand_grow(v, fixed) < 0) {
        return RG_ERROR;
    }
    v->v[v->n++] = c;
    return RG_OK;
}

/* Frees v unless it is still in fixed. */
static inline void rg_matcher__cand_free(rg_matcher__cand_vec *v, rg_matcher__cand *fixed)
{
    if (v->v != fixed) {
        rg__free(v->v);
    }
}

/*
 * A side key: folded bytes that the scan from word starts looks for with
 * the dictionary's keys but only reports as found (a bit per side key),
 * never as a candidate: the mentions stay what they are without them. The
 * extractor's stance gate gives the state adjectives (extract.c).
 */
typedef struct {
    const char *key; /* borrowed: must outlive the matcher */
    size_t len;
} rg_matcher__side;

/*
 * The scan from word starts (matcher_starts.c), for dictionaries whose
 * keys all start with a letter or digit: a trie of the keys walked only
 * from the word starts that a filter of the keys' first four bytes lets
 * through. Read-only once built.
 */
typedef struct rg_matcher__starts rg_matcher__starts;

/*
 * Builds the trie of the `npat` patterns and the `nside` side keys, whose
 * bytes map to classes 1..ncls-1 by `cls` (a class per byte; cls and the
 * keys must outlive the result). Returns RG_OK or RG_ERROR (out of memory,
 * set).
 */
int rg_matcher__starts_new(rg_matcher__starts **out, const rg_matcher__pattern *pat,
                           size_t npat, const rg_matcher__side *side, size_t nside,
                           const uint8_t *cls, size_t ncls);
void rg_matcher__starts_free(rg_matcher__starts *s);

/* 1 when every side key was taken: not empty, starting with a letter, a
 * digit or a byte >= 0x80, none twice. */
int rg_matcher__starts_side_ok(const rg_matcher__starts *s);

/*
 * Appends to `hits` (which may be in the caller's array `fixed`: see
 * rg_matcher__cand_grow) the occurrences in key[0..klen) of keys that begin
 * after a byte that is not an ASCII letter or digit (or at 0), in the
 * automaton's order (by end, at one end longest first): every one that
 * the automaton finds and mt_accept may take (so not those followed by a
 * letter or digit when the key ends with one). Side keys make no hits:
 * each one found sets bit i (side key i) of side_hits (when not NULL),
 * at least wherever it starts a word and is followed by a byte that is no
 * ASCII letter or digit or by the end (matcher_starts.c). Returns RG_OK or
 * RG_ERROR (out of memory, set).
 */
int rg_matcher__starts_scan(const rg_matcher__starts *s, const unsigned char *key,
                            size_t klen, rg_matcher__cand_vec *hits,
                            rg_matcher__cand *fixed, uint64_t *side_hits);

/*
 * rg_matcher_new with the automaton whatever the keys: the reference the
 * tests compare the scan from word starts with.
 */
int rg_matcher__new_automaton(rg_matcher **out, const rg_actors *a);

/* 1 when m scans from word starts, 0 when it runs the automaton. */
int rg_matcher__uses_starts(const rg_matcher *m);

/*
 * rg_matcher_new with `nside` side keys (rg_matcher__side; the array may
 * go, the keys must outlive the matcher). They take effect only when the
 * matcher scans from word starts and takes them all: rg_matcher__side_ok.
 */
int rg_matcher__new_side(rg_matcher **out, const rg_actors *a, const rg_matcher__side *side,
                         size_t nside);

/* 1 when m reports its side keys (rg_matcher__scan_side). */
int rg_matcher__side_ok(const rg_matcher *m);

/*
 * rg_matcher_scan_folded, and bit i of side_hits ((nside + 63) / 64 words,
 * cleared by the caller) set for each side key i found, when side_ok (see
 * rg_matcher__starts_scan for where). The matches are those of
 * rg_matcher_scan_folded. The key's map is either map or map4 (the other
 * NULL): the cleaner's key has 4-byte entries (rg_kmap, clean_internal.h).
 */
int rg_matcher__scan_side(rg_match **out, size_t *n_out, const rg_matcher *m, const char *text,
                          size_t len, const char *key, size_t klen, const size_t *map,
                          const uint32_t *map4, const rg_date *date, uint64_t *side_hits);

/* 1 when byte c is an ASCII letter or digit. */
static inline int rg_matcher__ascii_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* 1 when the character starting at k[pos] is a letter or digit. */
static inline int rg_matcher__word_at(const char *k, size_t klen, size_t pos)
{
    unsigned char c = (unsigned char)k[pos];
    int32_t cp;

    if (c < 0x80) {
        return rg_matcher__ascii_word(c);
    }
    rg_text__utf8_decode(k + pos, klen - pos, &cp);
    return cp >= 0 && rg_text__is_word_cp(cp);
}

/* The start of the character that ends just before k[pos] (pos > 0). */
static inline size_t rg_matcher__char_before(const char *k, size_t pos)
{
    size_t p = pos - 1;

    while (p > 0 && pos - p < 4 && ((unsigned char)k[p] & 0xC0) == 0x80) {
        p--;
    }
    return p;
}

/* 1 when the character ending just before k[pos] (pos > 0) is a letter or digit. */
static inline int rg_matcher__word_before(const char *k, size_t klen, size_t pos)
{
    return rg_matcher__word_at(k, klen, rg_matcher__char_before(k, pos));
}

/* A text being scanned: the original bytes and their fold. */
typedef struct {
    const char *text; /* the original text */
    size_t len;
    const char *key;  /* its fold */
    size_t klen;
    const size_t *map;   /* key byte -> text offset; map[klen] == len */
    const uint32_t *map4; /* the same in 4 bytes an entry, when map is NULL */
} rg_matcher__text;

/* The text offset of key byte i (read a few times a match: the branch
 * costs nothing beside a fold that writes half the bytes). */
static inline size_t rg_matcher__at(const rg_matcher__text *t, size_t i)
{
    return t->map ? t->map[i] : (size_t)t->map4[i];
}

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
