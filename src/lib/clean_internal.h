/* SPDX-License-Identifier: MIT */
/*
 * Private interface between clean.c (lines and boilerplate) and
 * clean_html.c (HTML pass): the output buffer with its byte map.
 */
#ifndef RG_LIB_CLEAN_INTERNAL_H
#define RG_LIB_CLEAN_INTERNAL_H

#include <stddef.h>
#include <stdint.h> /* SIZE_MAX, UINT64_MAX */
#include <string.h> /* memcpy */

#include <relgraph/clean.h> /* rg_boilerplate */
#include "common.h"         /* RG_VEC */
#include "text_internal.h"  /* RG_TEXT_WIDE */

/* Boilerplate rules (clean_rules.c loads them, clean.c applies them). */
typedef enum { /* the kinds matched at the line start first */
    BP_LINE,    /* the whole line is the text (punctuation may follow) */
    BP_PREFIX,  /* the line starts with the text: drop the line */
    BP_TRAILER, /* the whole line is the text: drop it and all after it */
    BP_CREDIT,  /* the text anywhere in a line: cut from it to the line end */
    BP_SCRIPT   /* the text anywhere in a line: drop the line */
} bp_kind;

typedef struct {
    bp_kind kind;
    char *key; /* folded text */
    size_t key_len;
    unsigned char rare; /* its rarest byte in French text (bp_rare_byte) */
    size_t rare_at;     /* the offset of `rare` in key */
    unsigned rare_slot; /* rules found anywhere: the same for the same
                         * rare byte, below BP_RARE_SLOTS (else none) */
} bp_rule;

/* The rare bytes whose offsets in a line the cleaner lists once for all
 * the rules that share them ("(" serves four rules, "h" two). */
#define BP_RARE_SLOTS 8

/* Rules indexed by the first byte of a line's fold (past its bullets):
 * bit i of by_first[c] is set when rule i can match a line whose first
 * byte is c (a rule anchored at the line start needs its own first byte
 * there; the rules found anywhere always can), by_first[256] for a line
 * with no byte left. Only with BP_INDEX_MAX rules or fewer (bp_indexed);
 * a longer list is walked whole. */
#define BP_NO_BYTE 256
#define BP_INDEX_MAX 64

struct rg_boilerplate {
    RG_VEC(bp_rule) rules;
    uint64_t by_first[BP_NO_BYTE + 1];
    /* The same for the line's next non-space byte after its first one: an
     * anchored rule needs its own second non-space byte there (key_match
     * skips the line's spaces); a rule of one byte and the rules found
     * anywhere always can */
    uint64_t by_second[BP_NO_BYTE + 1];
    /* The rare byte of each slot (slot_byte[0] again past the last one,
     * where rare_scan stops), and the slot of each byte (BP_RARE_SLOTS:
     * none). */
    unsigned char slot_byte[BP_RARE_SLOTS];
    unsigned char slot_of[256];
    /* bit s of nib_lo[c & 15] and of nib_hi[c >> 4]: byte c may be the
     * rare byte of slot s (both: it is) */
    unsigned char nib_lo[16], nib_hi[16];
    /* The bytes that may stand just before and just after a slot's rare
     * byte in a line where one of its rules matches (bit c of near[s][0]
     * and near[s][1]; c = 256: the line's start or end): the rule's
     * neighbour bytes and a space, or every byte where a rule has none. */
    uint64_t near[BP_RARE_SLOTS][2][5];
    /* bit s of near_lo[side][c & 15] and of near_hi[side][c >> 4]: byte c
     * may be in near[s][side] (both: maybe, a superset for the AVX2 scan;
     * the line's ends are left to rare_add) */
    unsigned char near_lo[2][16], near_hi[2][16];
    int wide; /* the machine has AVX2 (RG_TEXT_WIDE) */
    /* With the index (bp_indexed): bit i of slot_rules[s] is set for rule i
     * of slot s; of anywhere, for every rule found anywhere, slot or none;
     * of slot_any, for those with a slot (see rg_clean__rare_live) */
    uint64_t slot_rules[BP_RARE_SLOTS], anywhere, slot_any;
};

/* The offsets of each rare byte slot (bp_rule.rare_slot) in one line
 * (clean_rules.c lists them, key_find in clean.c walks them). */
#define RARE_HITS 64

typedef struct {
    unsigned known;                  /* the lists are made */
    size_t n[BP_RARE_SLOTS];         /* its hits (RARE_HITS: maybe more) */
    size_t at[BP_RARE_SLOTS][RARE_HITS];
} rare_hits;

/* Lists the offsets of every slot's rare byte in k[0..kl) into h (at
 * most RARE_HITS each; sets h->known). */
void rg_clean__rare_scan(rare_hits *h, const rg_boilerplate *bp, const char *k, size_t kl);

/* The listed offsets of r->rare in k[0..kl) (*n of them; RARE_HITS: maybe
 * more after them), or NULL when the rule has no slot; the lists of all
 * the slots are made on the first call for a line (h->known 0). */
static inline const size_t *rg_clean__rare_list(rare_hits *h, const rg_boilerplate *bp,
                                                const bp_rule *r, const char *k, size_t kl,
                                                size_t *n)
{
    unsigned s = r->rare_slot;

    *n = 0;
    if (s >= BP_RARE_SLOTS) {
        return NULL;
    }
    if (!h->known) {
        rg_clean__rare_scan(h, bp, k, kl);
    }
    *n = h->n[s];
    return h->at[s];
}

/*
 * The rules of a line's index (bp->by_first) still worth a search once its
 * rare bytes are listed: the anchored ones, and of those found anywhere,
 * the ones without a slot and the ones whose slot has a hit. A rule whose
 * slot has none (and did not overflow: RARE_HITS means maybe more) cannot
 * match, as key_find would find at once; most lines of French news hold
 * none of "_", "(", "©"... after the neighbour test, so most of the twelve
 * credit and script rules cost nothing.
 */
static inline uint64_t rg_clean__rare_live(const rare_hits *h, const struct rg_boilerplate *bp)
{
    uint64_t live = ~bp->anywhere;
    unsigned s;

    for (s = 0; s < BP_RARE_SLOTS; s++) {
        live |= h->n[s] ? bp->slot_rules[s] : 0;
    }
    return live | (bp->anywhere & ~bp->slot_any);
}

/* 1 when bp->by_first is filled (see above). */
static inline int bp_indexed(const struct rg_boilerplate *bp)
{
    return bp->rules.n <= BP_INDEX_MAX;
}

/*
 * The rules in a folded line k[0..kl) (clean_rules.c). line_rules skips
 * the line's bullets ("•", "-"...) to *start and returns the rules that may
 * match there (bit i: rule i; 0 without the index: bp_indexed), those
 * found anywhere included; key_match gives the end of a match of r at
 * k[i] (the line's spaces skipped, a word boundary after it) or
 * (size_t)-1; key_no_words is 1 when k[i..kl) has no letter or digit;
 * key_find gives the start of the leftmost match of r (not glued to a
 * letter before it) or (size_t)-1, with h the line's rare byte lists
 * (h->known 0 before the first call for the line).
 */
uint64_t rg_clean__line_rules(size_t *start, const rg_boilerplate *bp, const char *k, size_t kl);
size_t rg_clean__key_match(const char *k, size_t kl, size_t i, const bp_rule *r);
int rg_clean__key_no_words(const char *k, size_t kl, size_t i);
size_t rg_clean__key_find(const char *k, size_t kl, const rg_boilerplate *bp, const bp_rule *r,
                          rare_hits *h);

/* ASCII white space other than the newline, for rules and lines. */
static inline int bp_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * AVX2 code where RG_TEXT_WIDE allows it, 32 bytes a step and a 32-byte
 * store for four map entries: the cleaner's kept lines (clean.c's
 * out_span) have one body, inlined into a baseline (SSE2) function and
 * into an RG_MAP_AVX2 one, and a dispatch on rg__cpu_level() picks one
 * (an explicit choice rather than target_clones, whose ifunc resolver
 * would ask the CPU itself and miss the RELGRAPH_CPU cap of cpu.h); the
 * rest of the module's AVX2 code is taken likewise (see text_internal.h).
 */
#if RG_TEXT_WIDE
#define RG_MAP_AVX2 __attribute__((target("avx2")))
/* The baseline version: out of line like the AVX2 one, so that the caller
 * keeps the size and registers it had with one call (inlined, the body
 * cost clean_into 13 instructions a call in spills). */
#define RG_MAP_BASE __attribute__((noinline))
#else
#define RG_MAP_BASE
#endif

#if defined(__GNUC__)
/* Four map entries; a 32-byte vector of the compiler's own (two SSE2
 * registers in the baseline function, one AVX2 register in the other). */
typedef uint64_t rg_map4 __attribute__((vector_size(32)));
#endif

/*
 * map[0..8) = src, src + 1, ..., src + 7: the map of a copied stretch
 * (the cleaner's kept lines, the fold's ASCII blocks). A fixed count,
 * which the compiler vectorises.
 */
static RG_TEXT_INLINE void rg_clean__map8(size_t *map, size_t src)
{
    int q;

    for (q = 0; q < 8; q++) {
        map[q] = src + (size_t)q;
    }
}

/*
 * map[0..16) = src, src + 1, ..., src + 15, as rg_clean__map8: four
 * stores of four entries, each the previous plus 4 (see RG_MAP_AVX2).
 */
static RG_TEXT_INLINE void rg_clean__map16(size_t *map, size_t src)
{
#if defined(__GNUC__) && SIZE_MAX == UINT64_MAX
    rg_map4 v = { src, src + 1, src + 2, src + 3 };
    const rg_map4 four = { 4, 4, 4, 4 };

    memcpy(map, &v, sizeof v);
    v += four;
    memcpy(map + 4, &v, sizeof v);
    v += four;
    memcpy(map + 8, &v, sizeof v);
    v += four;
    memcpy(map + 12, &v, sizeof v);
#else
    rg_clean__map8(map, src);
    rg_clean__map8(map + 8, src + 8);
#endif
}

/*
 * The map of a match key (clean_key, the fold's blocks) takes 4 bytes an
 * entry instead of 8: half the stores and half the memory traffic of the
 * fold, which writes one entry a key byte. A key is built only for a text
 * of at most RG_CLEAN_KEY_MAX bytes (its map holds offsets up to the
 * text's length); a longer one goes the general way (rg_text__fold_odd,
 * with an 8-byte map).
 */
typedef uint32_t rg_kmap;
#define RG_CLEAN_KEY_MAX ((size_t)UINT32_MAX)

/* dst[i] = base + src[i] for i < n: a key map widened to the size_t maps of
 * the public API. */
static inline void rg_clean__kmap_widen(size_t *dst, const rg_kmap *src, size_t n, size_t base)
{
    size_t i;

    for (i = 0; i < n; i++) {
        dst[i] = base + src[i];
    }
}

#if defined(__GNUC__)
/* Eight key map entries (as rg_map4: two SSE2 registers or one AVX2). */
typedef uint32_t rg_kmap8 __attribute__((vector_size(32)));
#endif

/* map[0..16) = src, src + 1, ..., src + 15 (4-byte entries; src + 15
 * fits: see RG_CLEAN_KEY_MAX). */
static RG_TEXT_INLINE void rg_clean__kmap16(rg_kmap *map, size_t src)
{
#if defined(__GNUC__)
    const rg_kmap s = (rg_kmap)src;
    rg_kmap8 v = { s, s + 1, s + 2, s + 3, s + 4, s + 5, s + 6, s + 7 };
    const rg_kmap8 eight = { 8, 8, 8, 8, 8, 8, 8, 8 };

    memcpy(map, &v, sizeof v);
    v += eight;
    memcpy(map + 8, &v, sizeof v);
#else
    int q;

    for (q = 0; q < 16; q++) {
        map[q] = (rg_kmap)(src + (size_t)q);
    }
#endif
}

/* map[0..8) = src, src + 1, ..., src + 7 (4-byte entries). */
static RG_TEXT_INLINE void rg_clean__kmap8(rg_kmap *map, size_t src)
{
    int q;

    for (q = 0; q < 8; q++) {
        map[q] = (rg_kmap)(src + (size_t)q);
    }
}

/* A stretch of output copied from the input: output byte i >= at (up to
 * the next segment's at) maps to src + (i - at). */
typedef struct {
    size_t at;
    size_t src;
} clean_seg;

typedef struct {
    clean_seg *v;
    size_t n, cap;
} clean_segs;

/* Output text plus map: map[i] = input offset of p[i]; or, when segs is
 * set, no map but the same offsets as segments (one per copied stretch:
 * a kept line's map is 8 bytes a byte for what a segment says at once). */
typedef struct {
    char *p;
    size_t *map;
    size_t len;
    size_t cap;
    clean_segs *segs;
} clean_out;

/* A match key being built: the fold of a cleaned text and its map (key
 * byte -> offset in the cleaned text; see rg_kmap). */
typedef struct {
    char *p;
    rg_kmap *map;
    size_t len;
    size_t cap;
    int odd; /* rg_clean__fold_into met an odd character (rg_text__fold_odd);
              * the cleaner clears it per text */
} clean_key;

/* Room for `extra` more key bytes (and a NUL) with their map, both
 * allocated; RG_OK or RG_ERROR (OOM set). */
int rg_clean__key_reserve(clean_key *k, size_t extra);

/* Frees the key's storage (len and cap 0). */
void rg_clean__key_free(clean_key *k);

/* When *key_ok is 0 and s[0..len) is short enough (RG_CLEAN_KEY_MAX):
 * folds it into key (its storage kept; rg_text__fold_odd's key, odd flag
 * and map, the map in 4 bytes, ending with len) and sets *key_ok; else
 * leaves both. The extractor's fold when the cleaner gave its key up.
 * @return RG_OK or RG_ERROR (OOM) */
int rg_clean__key_ensure(clean_key *key, int *key_ok, const char *s, size_t len);

/* The input offset of output byte i (segs->n > 0, i >= segs->v[0].at). */
static inline size_t rg_clean__seg_at(const clean_segs *segs, size_t i)
{
    size_t lo = 0, hi = segs->n; /* the last segment with at <= i is in [lo, hi) */

    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (segs->v[mid].at <= i) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return segs->v[lo].src + (i - segs->v[lo].at);
}

/* Room for `extra` more bytes (and a NUL); RG_OK or RG_ERROR (OOM set). */
int rg_clean__out_reserve(clean_out *o, size_t extra);

/* Appends n bytes, all produced by the input byte at `src`. */
int rg_clean__out_put(clean_out *o, const char *s, size_t n, size_t src);

/*
 * rg_clean_text (and the key of rg_clean_text_key when key != NULL) into
 * buffers the caller holds and may keep from one text to the next: each
 * may come with storage (its len is reset), and keeps its storage, grown
 * or not, whatever the outcome. On success res holds the cleaned text
 * (NUL-terminated) and its map (len + 1 entries); *key_ok is 1 when key
 * holds the fold of that text (NUL-terminated, its map ending with
 * res->len), else 0 and key's contents mean nothing. html is the HTML
 * pass's scratch.
 * @return RG_OK or RG_ERROR (OOM)
 */
int rg_clean__text_into(clean_out *res, clean_key *key, int *key_ok, clean_out *html,
                        const char *text, size_t len, const rg_boilerplate *bp,
                        const rg_clean_options *opts);

/* rg_clean__text_into, giving the map as segments into *segs (emptied
 * first; res->map untouched) when the text needs no HTML pass: then
 * *used is 1 and the segments end with one at res->len, src len. Else
 * as rg_clean__text_into (*used 0). */
int rg_clean__text_segs(clean_out *res, clean_segs *segs, int *used, clean_key *key,
                        int *key_ok, clean_out *html, const char *text, size_t len,
                        const rg_boilerplate *bp, const rg_clean_options *opts);

/* 2: the text has HTML tags; 1: only entities; 0: plain text. */
int rg_clean__html_detect(const char *t, size_t len);

/*
 * The HTML pass over t[0..len) into o (mode 2: full HTML; mode 1: entities
 * only), each output byte mapped to an offset in t.
 * @return RG_OK or RG_ERROR (OOM)
 */
int rg_clean__html_strip(clean_out *o, const char *t, size_t len, int mode);

/*
 * Folds s[0..len) exactly as rg_text_fold folds it on its own, writing the
 * key at o->p[at..] and each map entry as (offset in s) + base (o->map must
 * be allocated); o grows as needed, o->len is left alone. *end receives
 * the end of the fold in o. Lives in text_fold.c, next to the fold tables:
 * the cleaner folds each line straight into the joined key. Sets o->odd
 * when the line holds an odd character (rg_text__fold_odd), else leaves it.
 * @return RG_OK or RG_ERROR (OOM)
 */
int rg_clean__fold_into(clean_key *o, size_t at, const char *s, size_t len, size_t base,
                        size_t *end);

#endif
