/* SPDX-License-Identifier: MIT */
/*
 * The stance lexicon: the word lookup used by the stance detector (the
 * loader of data/lexicon.tsv is lexicon_load.c). The only module that
 * includes <libstemmer.h>.
 *
 * HOW IT WORKS
 *   Each line is "cue<TAB>sign<TAB>intensity<TAB>category<TAB>flags", or
 *   "@adj<TAB>forms<TAB>STATE" for a state adjective. A cue field holds
 *   alternatives separated by '|'; each alternative is split into words
 *   exactly as the detector splits text (apostrophes, hyphens and spaces
 *   separate words). Every word is stemmed once, at load time, with Snowball
 *   French, and interned in a word table; a cue is a short array of word
 *   ids. At scan time the detector stems a token only when its first three
 *   bytes pass a 65536-bit prefilter built from the keys, so most tokens cost
 *   one lower-casing and one bit test. The lexicon is immutable once loaded
 *   and shared between threads; stemmers (not thread-safe) are per context.
 */
#include <string.h> /* memcmp, memcpy, memset */

#include <libstemmer.h>

#include <relgraph/stance.h>
#include "common.h"
#include "lexicon.h"
#include "lexicon_internal.h"
#include "text_internal.h"

/*
 * Stemming is the costly part of a lookup, and a document repeats its words
 * ("le", "de", "président"...), so each stemmer keeps the ids of the last
 * words it stemmed: a cache valid for one lexicon. A pipeline thread keeps
 * its stemmer for the whole run (stance.c), so the cache is sized for a
 * corpus vocabulary, not one document's (4096 entries, 144 KiB). Words the
 * prefilter rejects cost less than a cache probe and are never stored, so
 * that they do not evict stemmed words; each set holds two words, the last
 * used first: on 1,000 OrangeSum articles the stemmer ran 3,616 times with
 * one direct-mapped slot per set and every word stored, 2,638 of those for
 * words seen the first time.
 */
#define LX_CACHE_WAYS 2
#define LX_CACHE_SETS 2048
#define LX_CACHE_WORD 22

typedef struct {
    unsigned char len; /* 0 = empty */
    char word[LX_CACHE_WORD];
    int ids[3];
} lx_cache_entry;

/*
 * Which words can stem to a key at all: most words that pass the prefilter
 * cannot, and a word is stemmed only if lx_stem_may says it may. Why
 * that is exact (Snowball French, algorithms/french.sbl): the prelude only
 * marks some letters (u, i, y -> U, I, Y; q+u -> qU; ë, ï -> He, Hi); the
 * suffix steps work at the end of the word, deleting a suffix or putting
 * one of the strings of lx_tails in its place (step 1's "iqU" ends as
 * "iqu"; "i" and "c" also stand for a final Y and ç, step 3); undoubling
 * deletes the last letter; the last step turns one é or è into e; the
 * postlude turns the marks back. So for a word w with none of H, I, U, Y,
 * ë, ï (no mark can be left half-undone), the stem is a prefix of w, where
 * one é or è may have become e, followed by one of lx_tails or nothing.
 * With N() writing é and è as e, a key K can be the stem of w only if N(w)
 * starts with N(K) less one of those tails; the variants stemmed without
 * "-nt", "-ons", "-s" are prefixes of w, so the test covers them too.
 * Two more facts make the test sharper. (1) Each tail that stands in
 * place of a suffix starts with the suffix's first letter ("ent" for
 * "ence", "emment"; "ou" for "oux"; "al" for "aux"...), but for the "i"
 * and "c" of Y and ç: so N(w) starts with N(K) less the tail plus the
 * tail's first letter (or y, ç). (2) The stem keeps w up to its first
 * vowel after the first letter, when w starts with a consonant: every
 * step deletes inside RV, R1 or R2, which start after that vowel, but the
 * final "s" and the undoubled letter, consonants (a vowel marked U, I or
 * Y is written back; é, è become e). So a key with no vowel after its
 * first letter, a consonant ("d", "s" of "d'accord", "s'opposer"), is the
 * stem only of words with none either (the stem of "dénoncer" cannot be
 * "d", although it starts with it).
 * Those prefixes of every key, cut to LX_PRE_MAX bytes, are kept in one
 * bit set per length, those of keys without a vowel apart. Each prefix
 * sets two bits, from two parts of its hash, and a word's prefix counts
 * only when both are set (a Bloom filter): a false hit costs a stem, and
 * with the default lexicon's 14-75 prefixes a length, one bit a prefix
 * let about 2% of the lengths tested pass falsely (49 of the 582 words
 * stemmed on 1,000 OrangeSum articles), two bits about 0.1%.
 * tests/unit/test_lexicon.c checks both claims on the stemmer itself.
 */
#define LX_PRE_MAX 8
#define LX_PRE_BITS 4096

static const char *const lx_tails[] = {
    "", "iqu", "log", "u", "ent", "eux", "i", "abl", "eau", "al", "ou", "ant", "c", NULL
};

/* The prefixes (above) of a set of keys. */
typedef struct {
    int all; /* some key may come from any word: no filter */
    /* [0][L - 1]: the prefixes of L bytes; [1]: those of keys that start
     * with an ASCII consonant and have no vowel after it (above) */
    uint64_t bits[2][LX_PRE_MAX][LX_PRE_BITS / 64];
} lx_pre_set;

/*
 * Stems that only continue a cue. Many words that pass lx_stem_may do so
 * for the short stems of words that never open a cue ("au", "le", "un" of
 * "appeler au dialogue"), and the detector reads a token's stems at the
 * start of a cue for every token but in a cue's later words only where the
 * words before matched (rg_st__find_cues). So rg_lexicon__token_ids_lead
 * stems a token only if a stem may be the first word of a cue (the same
 * test on those keys alone) and leaves RG_LX_LATER in ids[1] and ids[2]
 * otherwise; rg_lexicon__token_ids stems it when it is needed. The cache
 * keeps the mark until then.
 */
struct rg_lx_stemmer {
    struct sb_stemmer *sb;
    const rg_lexicon *owner; /* lexicon the cached ids and prefixes belong to */
    lx_pre_set any;          /* of every stem key */
    lx_pre_set lead;         /* of the stem keys that are the first word of a cue */
    lx_cache_entry cache[LX_CACHE_SETS][LX_CACHE_WAYS]; /* [set][0]: last used */
};

int rg_lexicon__stemmer_new(rg_lx_stemmer **out)
{
    rg_lx_stemmer *st = rg__calloc(1, sizeof *st);

    *out = NULL;
    if (!st || !(st->sb = sb_stemmer_new("french", "UTF_8"))) {
        rg__free(st);
        rg__error_set_oom();
        return RG_ERROR;
    }
    *out = st;
    return RG_OK;
}

void rg_lexicon__stemmer_free(rg_lx_stemmer *st)
{
    if (!st) {
        return;
    }
    sb_stemmer_delete(st->sb);
    rg__free(st);
}

int rg_lexicon__is_word_cp(int32_t cp)
{
    if (cp < 0x80) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    }
    if (cp == 0xAB || cp == 0xBB || cp == 0xA0 || cp == 0xD7 || cp == 0xF7) {
        return 0; /* « » NBSP × ÷: fast path for the common Latin-1 signs */
    }
    if (cp >= 0xC0 && cp <= 0x24F) {
        return 1;
    }
    return rg_text__is_word_cp(cp);
}

void rg_lexicon__lower(char *dst, const char *src, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        if ((unsigned)(c - 'a') < 26u) {
            dst[i] = (char)c; /* the common case first */
        } else if (c >= 'A' && c <= 'Z') {
            dst[i] = (char)(c + 32);
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)src[i + 1] >= 0x80 &&
                   (unsigned char)src[i + 1] <= 0x9E && (unsigned char)src[i + 1] != 0x97) {
            dst[i] = (char)c; /* À..Þ -> à..þ (not ×) */
            dst[i + 1] = (char)((unsigned char)src[i + 1] + 0x20);
            i++;
        } else if (c == 0xC5 && i + 1 < n && (unsigned char)src[i + 1] == 0x92) {
            dst[i] = (char)c; /* Œ -> œ */
            dst[i + 1] = (char)0x93;
            i++;
        } else {
            dst[i] = (char)c;
        }
    }
}

/* ---- word table ---- */

/* strncmp(k, w, n) == 0 && k[n] == '\0', inline: most probes are for short
 * words that differ in their first bytes. */
static int lx_key_eq(const char *k, const char *w, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (k[i] != w[i]) {
            return 0;
        }
        if (k[i] == '\0') {
            break; /* strncmp stops at the end of both strings */
        }
    }
    return k[n] == '\0';
}

/* key = tag + word; returns the id or -1 */
static int lx_find(const rg_lexicon *lx, char tag, const char *w, size_t n)
{
    uint32_t h;
    size_t slot;

    if (!lx->n_slots) {
        return -1;
    }
    h = rg_lexicon__hash(w, n) ^ (unsigned char)tag;
    for (slot = h & (lx->n_slots - 1); lx->slots[slot];
         slot = (slot + 1) & (lx->n_slots - 1)) {
        const char *k = lx->pool + lx->word_off[lx->slots[slot] - 1];
        if (k[0] == tag && lx_key_eq(k + 1, w, n)) {
            return lx->slots[slot] - 1;
        }
    }
    return -1;
}

int rg_lexicon__find(const rg_lexicon *lx, char tag, const char *w, size_t n)
{
    return lx_find(lx, tag, w, n);
}

const char *rg_lexicon__stem(rg_lx_stemmer *st, const char *w, size_t n, size_t *out_n)
{
    const sb_symbol *r = sb_stemmer_stem(st->sb, (const sb_symbol *)w, (int)n);

    if (!r) {
        return NULL;
    }
    *out_n = (size_t)sb_stemmer_length(st->sb);
    return (const char *)r;
}

/* 0 when no key can come from the lower-case token w[0..n) (0 < n <=
 * RG_LX_MAXTOK): it has more than three bytes, and neither its first three
 * nor its first two bytes start a key or a cue word as written (a stem
 * shorter than three bytes can still match, hence the second test). A
 * token of at most three bytes always passes. */
static int lx_prefilter_pass(const rg_lexicon *lx, const char *w, size_t n)
{
    unsigned bit = rg_lexicon__prefix_bit(w, n);

    if (lx->prefilter[bit >> 6] & ((uint64_t)1 << (bit & 63))) {
        return 1;
    }
    bit = rg_lexicon__prefix_bit(w, 2);
    return n <= 3 || (lx->prefilter[bit >> 6] & ((uint64_t)1 << (bit & 63)));
}

/* N(w): w[0..n) with é and è as e, at most `cap` bytes into out; its
 * length. */
static size_t lx_unaccent(const char *w, size_t n, char *out, size_t cap)
{
    size_t i, m = 0;

    for (i = 0; i < n && m < cap; i++) {
        unsigned char b = (unsigned char)w[i];
        if (b == 0xC3 && i + 1 < n && ((unsigned char)w[i + 1] | 1u) == 0xA9) {
            b = 'e'; /* é C3 A9, è C3 A8 */
            i++;
        }
        out[m++] = (char)b;
    }
    return m;
}

/* The two bits (above) of the prefix whose FNV-1a hash is h. */
static unsigned lx_pre_bit1(uint32_t h)
{
    return (h >> 7) & (LX_PRE_BITS - 1);
}

static unsigned lx_pre_bit2(uint32_t h)
{
    return (h >> 19) & (LX_PRE_BITS - 1);
}

/* 1 for a lower-case ASCII letter that is no vowel of Snowball French
 * (capitals are no vowels to it either, but no key holds one) */
static int lx_consonant(unsigned char b)
{
    return b >= 'b' && b <= 'z' && b != 'e' && b != 'i' && b != 'o' && b != 'u' && b != 'y';
}

/* 1 for a vowel of Snowball French written in ASCII: a e i o u y */
static int lx_vowel(unsigned char b)
{
    return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' || b == 'y';
}

/* 1 when C3 c is one of its other vowels: â à ë é ê è ï î ô û ù */
static int lx_vowel2(unsigned char c)
{
    return c == 0xA0 || c == 0xA2 || (c >= 0xA8 && c <= 0xAB) || c == 0xAE || c == 0xAF ||
           c == 0xB4 || c == 0xB9 || c == 0xBB;
}

/* 1 when the UTF-8 bytes w[0..n) hold a vowel of Snowball French */
static int lx_has_vowel(const char *w, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char b = (unsigned char)w[i];
        if (b < 0x80 ? lx_vowel(b) : b == 0xC3 && i + 1 < n && lx_vowel2((unsigned char)w[i + 1])) {
            return 1;
        }
    }
    return 0;
}

/* Marks the prefix p[0..n) (cut to LX_PRE_MAX bytes) in bit set `set`;
 * none (n == 0): every word may stem to a key. */
static void lx_pre_mark(lx_pre_set *ps, int set, const char *p, size_t n)
{
    uint32_t h;
    unsigned bit;

    if (n == 0) {
        ps->all = 1;
        return;
    }
    n = n < LX_PRE_MAX ? n : LX_PRE_MAX;
    h = rg_lexicon__hash(p, n);
    bit = lx_pre_bit1(h);
    ps->bits[set][n - 1][bit >> 6] |= (uint64_t)1 << (bit & 63);
    bit = lx_pre_bit2(h);
    ps->bits[set][n - 1][bit >> 6] |= (uint64_t)1 << (bit & 63);
}

/* Marks what a word must start with for its stem to be the key nk[0..kn)
 * (é, è as e) with tail t (nk ends with it): the key less the tail, and
 * the tail's first letter or the y, ç that step 3 writes as i, c. */
static void lx_pre_key_tail(lx_pre_set *ps, int set, const char *nk, size_t kn,
                            const char *t)
{
    size_t tn = strlen(t), pn = kn - tn;
    char buf[LX_PRE_MAX];

    if (tn == 0 || pn >= LX_PRE_MAX) {
        lx_pre_mark(ps, set, nk, tn == 0 ? kn : pn + 1);
        return;
    }
    memcpy(buf, nk, pn);
    buf[pn] = t[0];
    lx_pre_mark(ps, set, buf, pn + 1);
    if (tn == 1 && t[0] == 'i') {
        buf[pn] = 'y';
        lx_pre_mark(ps, set, buf, pn + 1);
    } else if (tn == 1 && t[0] == 'c') {
        buf[pn] = (char)0xC3; /* ç C3 A7 */
        if (pn + 1 < LX_PRE_MAX) {
            buf[pn + 1] = (char)0xA7;
        }
        lx_pre_mark(ps, set, buf, pn + 2 < LX_PRE_MAX ? pn + 2 : LX_PRE_MAX);
    }
}

/* Binds st to lx: an empty cache, and the prefixes a word needs for its
 * stem to be one of lx's keys (above). */
static void lx_stemmer_bind(rg_lx_stemmer *st, const rg_lexicon *lx)
{
    size_t i, j;

    memset(st->cache, 0, sizeof st->cache);
    memset(&st->any, 0, sizeof st->any);
    memset(&st->lead, 0, sizeof st->lead);
    st->owner = lx;
    for (i = 0; i < lx->n_words; i++) {
        const char *k = lx->pool + lx->word_off[i];
        char nk[RG_LX_MAXTOK * 2 + 1];
        size_t kn;
        int set;
        if (k[0] != 's') {
            continue; /* exact forms are not stems */
        }
        kn = lx_unaccent(k + 1, strlen(k + 1), nk, sizeof nk);
        set = kn > 0 && lx_consonant((unsigned char)nk[0]) && !lx_has_vowel(nk + 1, kn - 1);
        for (j = 0; lx_tails[j]; j++) {
            size_t tn = strlen(lx_tails[j]);
            if (tn <= kn && memcmp(nk + kn - tn, lx_tails[j], tn) == 0) {
                lx_pre_key_tail(&st->any, set, nk, kn, lx_tails[j]);
                if (lx->first_start && lx->first_start[i + 1] > lx->first_start[i]) {
                    lx_pre_key_tail(&st->lead, set, nk, kn, lx_tails[j]);
                }
            }
        }
    }
}

/* lx_stem_may's answers */
#define LX_MAY_KEY 1u  /* a stem may be a key */
#define LX_MAY_LEAD 2u /* a stem may be the first word of a cue */

/* 1 when both bits of the hash h are set in one bit set */
static int lx_pre_test(const uint64_t *set, uint32_t h)
{
    unsigned a = lx_pre_bit1(h), b = lx_pre_bit2(h);

    return ((set[a >> 6] >> (a & 63)) & 1) && ((set[b >> 6] >> (b & 63)) & 1);
}

/* 1 when the prefix of length i + 1 whose hash is h is marked in ps, for
 * a word whose keys without a vowel count (`bare`) or not */
static int lx_pre_has(const lx_pre_set *ps, size_t i, uint32_t h, int bare)
{
    return lx_pre_test(ps->bits[0][i], h) || (bare && lx_pre_test(ps->bits[1][i], h));
}

/*
 * Which stems of w[0..n) (and of w without "-nt", "-ons" or "-s") may be
 * keys of the lexicon st is bound to (above): LX_MAY_KEY, LX_MAY_LEAD,
 * or 0 when none can be. One pass over the word: the marks, N(w) with
 * the FNV-1a hash of each of its prefixes (the bit sets' indices), the
 * vowels; the keys without a vowel only count for a word without one
 * after its first letter, in each variant (the "o" of "-ons" does not
 * count).
 */
static unsigned lx_stem_may(const rg_lx_stemmer *st, const char *w, size_t n)
{
    unsigned may = 0;
    uint32_t h = 2166136261u, hs[LX_PRE_MAX]; /* the hash of each prefix */
    size_t i, m = 0, v = n > 5 && memcmp(w + n - 3, "ons", 3) == 0 ? n - 3 : n;
    int vowel = 0;

    for (i = 0; i < n; i++) {
        unsigned char b = (unsigned char)w[i], c = i + 1 < n ? (unsigned char)w[i + 1] : 0;
        if (b == 'H' || b == 'I' || b == 'U' || b == 'Y' || (b == 0xC3 && (c | 4u) == 0xAF)) {
            return LX_MAY_KEY | LX_MAY_LEAD; /* a mark could be left half-undone (ë, ï) */
        }
        vowel |= i > 0 && i < v && (b < 0x80 ? lx_vowel(b) : b == 0xC3 && lx_vowel2(c));
        if (m < LX_PRE_MAX) {
            if (b == 0xC3 && (c | 1u) == 0xA9) {
                b = 'e'; /* N(): é C3 A9, è C3 A8 */
                i++;
            }
            h = (h ^ b) * 16777619u;
            hs[m++] = h;
        }
    }
    vowel = vowel && lx_consonant((unsigned char)w[0]);
    may |= st->any.all ? LX_MAY_KEY : 0;
    may |= st->lead.all ? LX_MAY_LEAD : 0;
    for (i = 0; i < m && may != (LX_MAY_KEY | LX_MAY_LEAD); i++) {
        if (!lx_pre_has(&st->any, i, hs[i], !vowel)) {
            continue; /* then not in `lead` either: its marks are in `any` too */
        }
        may |= LX_MAY_KEY;
        may |= lx_pre_has(&st->lead, i, hs[i], !vowel) ? LX_MAY_LEAD : 0;
    }
    return may;
}

/* The ids of a token that passed the prefilter: its exact form, its stem
 * and the stem without "-nt", "-ons" or "-s". */
static void lx_stem_ids(const rg_lexicon *lx, rg_lx_stemmer *st, const char *lower, size_t len,
                        int ids[3], unsigned may) /* lx_stem_may's answer */
{
    const char *s;
    size_t sn;

    ids[0] = lx_find(lx, 'x', lower, len);
    if (st && (may & LX_MAY_KEY) && (s = rg_lexicon__stem(st, lower, len, &sn))) {
        ids[1] = lx_find(lx, 's', s, sn);
        if (len > 5 && lower[len - 1] == 't' && lower[len - 2] == 'n' && lower[len - 3] == 'e' &&
            (s = rg_lexicon__stem(st, lower, len - 2, &sn)) != NULL) {
            ids[2] = lx_find(lx, 's', s, sn);
        } else if (len > 5 && memcmp(lower + len - 3, "ons", 3) == 0 &&
                   (s = rg_lexicon__stem(st, lower, len - 3, &sn)) != NULL) {
            ids[2] = lx_find(lx, 's', s, sn); /* "condamnons" */
        } else if (len > 3 && lower[len - 1] == 's' && (s = rg_lexicon__stem(st, lower, len - 1, &sn))) {
            ids[2] = lx_find(lx, 's', s, sn);
        }
    }
}

/* The cache set of w[0..n) (0 < n <= LX_CACHE_WORD): a hash of two or
 * three loads that cover the word (they overlap when it is shorter than
 * their sum), not a byte loop: every token outside items is looked up. */
static size_t lx_cache_set(const char *w, size_t n)
{
    uint64_t a, b;

    if (n >= 8) {
        memcpy(&a, w, 8);
        memcpy(&b, w + n - 8, 8);
        if (n > 16) {
            uint64_t m;
            memcpy(&m, w + 8, 8);
            a ^= m * UINT64_C(0xFF51AFD7ED558CCD);
        }
    } else if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, w, 4);
        memcpy(&y, w + n - 4, 4);
        a = x;
        b = y;
    } else {
        a = (unsigned char)w[0] | (unsigned)(unsigned char)w[n / 2] << 8 |
            (unsigned)(unsigned char)w[n - 1] << 16;
        b = 0;
    }
    a = (a * UINT64_C(0x9E3779B97F4A7C15) ^ b ^ n) * UINT64_C(0xC2B2AE3D27D4EB4F);
    return (size_t)(a >> 40) & (LX_CACHE_SETS - 1);
}

/* The ids of a token that passed the prefilter, stemming it; with `lead`,
 * only when a stem may be the first word of a cue, else ids[0] and
 * RG_LX_LATER in ids[1] and ids[2] (the stemmer's comment). A word no stem
 * key can come from is no stem then either: ids[0] and -1, -1. */
static void lx_fresh_ids(const rg_lexicon *lx, rg_lx_stemmer *st, const char *lower, size_t len,
                         int ids[3], int lead)
{
    unsigned may = st ? lx_stem_may(st, lower, len) : 0;

    if (lead && may == LX_MAY_KEY) {
        ids[0] = lx_find(lx, 'x', lower, len);
        ids[1] = ids[2] = RG_LX_LATER;
        return;
    }
    lx_stem_ids(lx, st, lower, len, ids, may);
}

/* The cached ids of a token that passed the prefilter (0 < len <=
 * LX_CACHE_WORD), from lx_fresh_ids on a miss, and on a hit that holds
 * RG_LX_LATER when the stems are wanted now (`lead` 0). */
static void lx_cached_ids(const rg_lexicon *lx, rg_lx_stemmer *st, const char *lower,
                          size_t len, int ids[3], int lead)
{
    lx_cache_entry *set, *e = NULL;

    set = st->cache[lx_cache_set(lower, len)];
    if (set[0].len == len && memcmp(set[0].word, lower, len) == 0) {
        e = &set[0];
    } else if (set[1].len == len && memcmp(set[1].word, lower, len) == 0) {
        lx_cache_entry hit = set[1];
        set[1] = set[0]; /* the hit becomes the last used */
        set[0] = hit;
        e = &set[0];
    }
    if (e && (lead || e->ids[1] != RG_LX_LATER)) {
        memcpy(ids, e->ids, sizeof e->ids);
        return;
    }
    if (!e) {
        set[1] = set[0]; /* the least recently used word goes */
        e = &set[0];
        e->len = (unsigned char)len;
        memcpy(e->word, lower, len);
    }
    lx_fresh_ids(lx, st, lower, len, ids, lead);
    memcpy(e->ids, ids, sizeof e->ids);
}

static int lx_token_ids(const rg_lexicon *lx, rg_lx_stemmer *st, const char *lower, size_t len,
                        int ids[3], int lead)
{
    ids[0] = ids[1] = ids[2] = -1;
    if (len == 0 || len > RG_LX_MAXTOK || !lx_prefilter_pass(lx, lower, len)) {
        return 0;
    }
    if (st && st->owner != lx) {
        lx_stemmer_bind(st, lx);
    }
    if (st && len <= LX_CACHE_WORD) {
        lx_cached_ids(lx, st, lower, len, ids, lead);
    } else {
        lx_fresh_ids(lx, st, lower, len, ids, lead);
    }
    return ids[0] >= 0 || ids[1] >= 0 || ids[2] >= 0;
}

int rg_lexicon__token_ids(const rg_lexicon *lx, rg_lx_stemmer *st, const char *lower,
                          size_t len, int ids[3])
{
    return lx_token_ids(lx, st, lower, len, ids, 0);
}

void rg_lexicon__token_ids_lead(const rg_lexicon *lx, rg_lx_stemmer *st, const char *lower,
                                size_t len, int ids[3])
{
    (void)lx_token_ids(lx, st, lower, len, ids, 1);
}

int rg_lexicon__token_exact(const rg_lexicon *lx, const char *lower, size_t len)
{
    unsigned bit;

    if (len == 0 || len > RG_LX_MAXTOK) {
        return -1;
    }
    bit = rg_lexicon__prefix_bit(lower, len);
    if (!(lx->prefilter[bit >> 6] & ((uint64_t)1 << (bit & 63)))) {
        return -1; /* the key of an exact form sets the bit of its own prefix */
    }
    return lx_find(lx, 'x', lower, len);
}

const int *rg_lexicon__first(const rg_lexicon *lx, int w, size_t *n)
{
    if (w < 0 || (size_t)w >= lx->n_words || !lx->first_start) {
        *n = 0;
        return NULL;
    }
    *n = lx->first_start[w + 1] - lx->first_start[w];
    return lx->first_list + lx->first_start[w];
}
