/* SPDX-License-Identifier: MIT */
/*
 * The matcher's scan from word starts, for dictionaries whose keys all
 * start with a letter or digit (every built-in one). A trie of the keys is
 * walked only from the word starts whose first four bytes begin some key,
 * by a filter; the automaton (matcher.c) stays for the other dictionaries.
 */
#include <string.h> /* memcpy, memset */

#include "common.h"
#include "cpu.h" /* rg__cpu_level */
#include "matcher_internal.h"
#include "text_internal.h" /* RG_TEXT_WIDE, RG_TEXT_INLINE */

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if RG_TEXT_WIDE
#include <immintrin.h>
#endif

/*
 * HOW IT WORKS
 * The automaton costs a dependent table load per byte of text, mostly
 * spent going nowhere: a key can only begin at a word start (a letter,
 * digit or byte >= 0x80 after a byte that is not an ASCII letter or
 * digit), one byte in six, and few of those begin a key. So each block of
 * 64 bytes gives, with vector compares, its word starts and a canonical
 * copy of its bytes (letters and digits kept, any other byte 0). Each
 * start's first four canonical bytes, hashed, pick a byte of a 16 KiB
 * filter, 1 for the keys' first four bytes, without a branch (6% of the
 * starts in the news corpus get through; bytes, not bits: a load and an
 * add, no shifts, for 2 M starts in 5,000 articles). Most of those are
 * words that only begin like a key ("mais" for "maison", "comme" for
 * "commission"): a second filter, of the keys' first words (their bytes
 * before the first that is not an ASCII letter or digit, 8 at most),
 * takes the starts whose first word, so cut, is one of those (42% of
 * them), and the trie is walked only from these, until no key goes on.
 *   "le president" starts "le" (gram "le\0p", word "le") and
 *   "president" ("pres", "presiden"): both walked; "prestation" ("pres",
 *   "prestati") is not.
 * Being canonical, the grams stand for keys shorter than four bytes too:
 * after a key that ends a word the next byte cannot be a letter or digit
 * (the match would be refused), so it is 0 in the gram; the filter holds
 * the grams of every other byte a short key may be followed by.
 * The walks are independent (no state carried from one start to the
 * next) but their rows are spread over a table too large for the cache,
 * so where the trie goes one way for several bytes (the tail of a key no
 * other key shares) the walk compares them at once (chains), and the
 * states it so jumps over get no row: the table is a sixth of the size.
 * Side keys (rg_matcher__side: the state adjectives of the extractor's
 * stance gate) share the filters and the trie as patterns npat, npat + 1,
 * ...; their hits are taken out after the walks (ms_side_hits), their
 * bits set in the caller's side_hits, so the actors' hits stay. A
 * side key that is also an actor's key stays that actor's pattern, its
 * side index in side_of. Their grams take any byte after the key (as if it
 * ended no word), their first word is the key's: so a side key is reported
 * at least wherever it starts a word and is followed by a byte that is no
 * ASCII letter or digit, or ends the text (or has 8 letters or digits).
 */

#define MS_GRAM_BITS 14 /* the filter: 16 K bytes */
#define MS_BLOCK 64     /* bytes of text a step */
#define MS_AHEAD 32     /* bytes past a block read for its grams (>= 7) */
#define MS_WORD_BITS 16 /* the first words' filter: 64 K bits */
#define MS_BATCH 32     /* blocks filtered twice and walked together */

/*
 * A chain: its len bytes, pool[off, off + len), lead one way to row
 * `end`; the first 8 are also in `head`, as a load from the text gives
 * them (mask: the bytes that count). `pat`: the pattern whose key ends
 * where the chain starts, or -1 (such a state has no row).
 */
typedef struct {
    uint64_t head, mask;
    uint32_t off, len;
    int32_t end, pat;
} ms_chain;

/*
 * The trie's rows have w = ncls + 1 columns: per class the offset of the
 * child (0 for none, the root being nobody's child), then the pattern
 * whose key ends at the state (or -1). The states come in four groups, no
 * pattern and no chain, a chain only, both, a pattern only, so that
 * whether a state ends a key or starts a chain is a compare of its
 * offset, not a load. A state that starts a chain has no row (a walk
 * there goes on by the chain, never by a column): its offset is ch0 plus
 * its chain's number, one table entry (unused) each.
 */
struct rg_matcher__starts {
    const uint8_t *cls;   /* byte -> class (the matcher's) */
    size_t ncls, w;
    int32_t *trie;
    size_t out0;          /* rows from this offset on end a key */
    size_t ch0, chn;      /* offsets in [ch0, ch0 + chn) start chain r - ch0 */
    ms_chain *chain;      /* by number */
    unsigned char *pool;  /* the chains' bytes */
    size_t npat;          /* patterns from npat on are side keys */
    int32_t *side_of;     /* per actor pattern: its side key, or -1; NULL: no side keys */
    int side_ok;          /* every side key is in the trie, alone */
    unsigned char grams[(size_t)1 << MS_GRAM_BITS]; /* the filter, 0 or 1 */
    uint64_t words[((size_t)1 << MS_WORD_BITS) / 64]; /* the first words' filter */
};

/* ------------------------------------------------------------------ */
/* Build                                                               */
/* ------------------------------------------------------------------ */

static uint32_t ms_hash(uint32_t gram)
{
    return gram * 0x9E3779B1u >> (32 - MS_GRAM_BITS);
}

static uint32_t ms_word_hash(uint64_t word)
{
    return (uint32_t)(word * 0x9E3779B97F4A7C15u >> (64 - MS_WORD_BITS));
}

/*
 * The first word of canonical bytes x (as an 8-byte load gives them): the
 * bytes before the first 0, the others 0. The lowest bit of z is the
 * high bit of the first 0 byte (borrows only run from a 0 byte up), and
 * z ^ (z - 1) keeps the bytes up to it (all of them when there is none).
 */
static RG_TEXT_INLINE uint64_t ms_first_word(uint64_t x)
{
    uint64_t z = (x - 0x0101010101010101u) & ~x & 0x8080808080808080u;

    return x & (z ^ (z - 1));
}

/* A letter or digit as it is, any other byte 0. */
static unsigned char ms_canon(unsigned char c)
{
    return rg_matcher__ascii_word(c) ? c : 0;
}

/*
 * Sets the filter bits of gram g (canonical bytes), g[0..len) taken from
 * the key and each later byte any value it may have in a text where the
 * key matches: 0 or a letter or digit, only 0 right after a key that ends
 * a word (`word_end`). At most 63 x 63 grams, for a key of one byte.
 */
static void ms_gram_add(rg_matcher__starts *s, unsigned char g[4], size_t at, size_t len,
                        int word_end)
{
    uint32_t x, h;
    unsigned c;

    if (at == 4) {
        memcpy(&x, g, 4); /* as the scan reads it */
        h = ms_hash(x);
        s->grams[h] = 1;
        return;
    }
    if (at < len) {
        ms_gram_add(s, g, at + 1, len, word_end);
        return;
    }
    g[at] = 0;
    ms_gram_add(s, g, at + 1, len, word_end);
    for (c = 1; c < 256 && !(at == len && word_end); c++) {
        if (rg_matcher__ascii_word((unsigned char)c)) {
            g[at] = (unsigned char)c;
            ms_gram_add(s, g, at + 1, len, word_end);
        }
    }
}

/*
 * Sets the filter bit of the key's first word, its bytes before the first
 * that is not an ASCII letter or digit (all of them if none), 8 at most.
 * Where the scan may take the key, the text's first word is the same:
 * the key's next byte is in the text too, or, after a key that ends with
 * a letter or digit, a byte that is not one (else the match is refused).
 */
static void ms_word_add(rg_matcher__starts *s, const unsigned char *k, size_t len)
{
    unsigned char w[8] = { 0 };
    uint64_t x;
    uint32_t h;
    size_t j;

    for (j = 0; j < 8 && j < len && rg_matcher__ascii_word(k[j]); j++) {
        w[j] = k[j];
    }
    memcpy(&x, w, 8);
    h = ms_word_hash(x);
    s->words[h >> 6] |= (uint64_t)1 << (h & 63);
}

/* The trie while building; the scan table replaces it. */
typedef struct {
    int32_t *go;  /* states x ncls: the child on a class, 0 = none */
    int32_t *out; /* per state: the pattern whose key ends there, or -1 */
    int32_t *kid; /* per state: its last child, or 0 */
    int32_t *sib; /* per state: its parent's child before it, or 0 */
    int32_t *in;  /* per state: the class of its edge */
    size_t n;     /* states */
} ms_trie;

/*
 * Inserts key k[0..len) into the trie (root 0) as pattern i and its grams
 * into the filter; a side key (i >= npat) whose state has a pattern already
 * is noted in side_of (actor's) or makes the side keys unusable (another's).
 */
static void ms_insert(rg_matcher__starts *s, ms_trie *tr, const unsigned char *k, size_t len,
                      size_t i, int word_end)
{
    unsigned char g[4];
    int32_t st = 0;
    size_t j;

    for (j = 0; j < len; j++) {
        size_t x = s->cls[k[j]];
        int32_t *t = &tr->go[(size_t)st * s->ncls + x];
        if (*t == 0) {
            *t = (int32_t)tr->n;
            tr->out[tr->n] = -1;
            tr->kid[tr->n] = 0;
            tr->sib[tr->n] = tr->kid[st];
            tr->in[tr->n] = (int32_t)x;
            tr->kid[st] = (int32_t)tr->n++;
        }
        st = *t;
    }
    if (tr->out[st] < 0) {
        tr->out[st] = (int32_t)i; /* the actors' keys are unique */
    } else if ((size_t)tr->out[st] < s->npat && s->side_of[tr->out[st]] < 0) {
        s->side_of[tr->out[st]] = (int32_t)(i - s->npat);
    } else {
        s->side_ok = 0; /* a side key twice */
    }
    for (j = 0; j < 4 && j < len; j++) {
        g[j] = ms_canon(k[j]);
    }
    ms_gram_add(s, g, 0, len, word_end);
    ms_word_add(s, k, len);
}

/* Inserts the side keys after the npat patterns (see HOW IT WORKS). */
static void ms_insert_side(rg_matcher__starts *s, ms_trie *tr, const rg_matcher__side *side,
                           size_t nside)
{
    size_t i;

    for (i = 0; i < nside; i++) {
        const unsigned char *k = (const unsigned char *)side[i].key;
        if (side[i].len == 0 || (k[0] < 0x80 && !rg_matcher__ascii_word(k[0]))) {
            s->side_ok = 0; /* never at a word start */
            continue;
        }
        ms_insert(s, tr, k, side[i].len, s->npat + i, 0);
    }
}

/*
 * A chain: where a walk can go only one way for several bytes (the state
 * has one child, which has one child and ends no key, and so on), it
 * compares those bytes at once instead of loading a row per byte, in a
 * table too large to stay in cache. Chains start at states a walk arrives
 * at (not the root, not inside another chain: those are never arrived
 * at), breadth first. Key bytes have a class each, so comparing bytes is
 * comparing classes. Returns the chain's length (0 for none, or 1: no
 * gain) and sets its bytes, end state and the states inside it.
 */
static size_t ms_chain_of(const ms_trie *tr, const unsigned char *byte_of, int32_t st,
                          unsigned char *bytes, int32_t *end, unsigned char *inside)
{
    int32_t t = tr->kid[st];
    size_t len = 0;

    if (st == 0 || inside[st] || t == 0 || tr->sib[t] != 0) {
        return 0;
    }
    for (;;) {
        bytes[len++] = byte_of[tr->in[t]];
        if (tr->out[t] >= 0 || tr->kid[t] == 0 || tr->sib[tr->kid[t]] != 0) {
            break;
        }
        t = tr->kid[t];
    }
    *end = t;
    if (len < 2) {
        return 0;
    }
    for (t = tr->kid[st]; t != *end; t = tr->kid[t]) {
        inside[t] = 1;
    }
    return len;
}

/*
 * The chains, breadth first (`order`): chain_of[state] its number or -1,
 * end_state[number] the state it leads to, inside[state] 1 for the states
 * inside a chain (calloc'ed tr->n bytes).
 */
static int ms_chains(rg_matcher__starts *s, const ms_trie *tr, const int32_t *order,
                     int32_t *chain_of, int32_t *end_state, unsigned char *inside)
{
    unsigned char byte_of[256];
    size_t h, used = 0, nch = 0, len;
    int32_t end;

    s->pool = rg__reallocarray(NULL, tr->n, 1); /* a byte per state at most */
    s->chain = rg__reallocarray(NULL, tr->n, sizeof *s->chain);
    if (!s->pool || !s->chain) {
        return RG_ERROR;
    }
    for (h = 0; h < 256; h++) {
        byte_of[s->cls[h]] = (unsigned char)h; /* exact for the classes of key bytes */
    }
    for (h = 0; h < tr->n; h++) {
        int32_t st = order[h];
        chain_of[st] = -1;
        if ((len = ms_chain_of(tr, byte_of, st, s->pool + used, &end, inside)) > 0) {
            s->chain[nch].off = (uint32_t)used;
            s->chain[nch].len = (uint32_t)len;
            end_state[nch] = end;
            chain_of[st] = (int32_t)nch++;
            used += len;
        }
    }
    return RG_OK;
}

/*
 * The chains in the order of their offsets (group 1 then 2), ends as
 * offsets, their first 8 bytes and mask as an 8-byte load reads them.
 */
static int ms_chain_rows(rg_matcher__starts *s, const ms_trie *tr, const int32_t *perm,
                         const int32_t *chain_of, const int32_t *end_state)
{
    ms_chain *fin = rg__reallocarray(NULL, s->chn ? s->chn : 1, sizeof *fin);
    size_t st;

    if (!fin) {
        return RG_ERROR;
    }
    for (st = 0; st < tr->n; st++) {
        if (chain_of[st] >= 0) {
            ms_chain *c = &fin[(size_t)perm[st] - s->ch0];
            unsigned char head[8] = { 0 }, mask[8] = { 0 };
            *c = s->chain[chain_of[st]];
            memcpy(head, s->pool + c->off, c->len < 8 ? c->len : 8);
            memset(mask, 0xFF, c->len < 8 ? c->len : 8);
            memcpy(&c->head, head, 8);
            memcpy(&c->mask, mask, 8);
            c->end = perm[end_state[chain_of[st]]];
            c->pat = tr->out[st];
        }
    }
    rg__free(s->chain);
    s->chain = fin;
    return RG_OK;
}

/*
 * The offsets of the states (perm) in the four groups of
 * rg_matcher__starts, breadth first within each (`order`: the short
 * prefixes that all walks go through together): a row of w entries for a
 * state of groups 0 and 3, one entry for a chain's first state, none for
 * the states inside a chain (a walk jumps over them). Returns the entries.
 */
static size_t ms_offsets(rg_matcher__starts *s, const ms_trie *tr, const int32_t *order,
                         const int32_t *chain_of, const unsigned char *inside, int32_t *perm)
{
    static const int out_of[4] = { 0, 0, 1, 1 }, chain_of_g[4] = { 0, 1, 1, 0 };
    size_t h, k = 0, g;

    for (g = 0; g < 4; g++) {
        s->out0 = g == 2 ? k : s->out0;
        s->ch0 = g == 1 ? k : s->ch0;
        s->chn = g == 3 ? k - s->ch0 : s->chn;
        for (h = 0; h < tr->n; h++) {
            int32_t st = order[h];
            if (!inside[st] && (tr->out[st] >= 0) == out_of[g] &&
                (chain_of[st] >= 0) == chain_of_g[g]) {
                perm[st] = (int32_t)k;
                k += g == 0 || g == 3 ? s->w : 1;
            }
        }
    }
    return k;
}

/*
 * The scan table. Only the states a walk arrives at by a column have a
 * row: those inside a chain (two thirds of the built-in dictionary's
 * states) and those that start one (an eighth) do not, and the table
 * went from 1.49 MB to 0.26 MB (its rows stay in L2 between documents).
 * `order`, `perm` (twice), `tmp` and `inside` have room for the states.
 */
static int ms_table(rg_matcher__starts *s, const ms_trie *tr, int32_t *order, int32_t *perm,
                    int32_t *tmp, unsigned char *inside)
{
    int32_t *chain_of = perm + tr->n, t;
    size_t h, q = 1;

    order[0] = 0;
    for (h = 0; h < q; h++) {
        for (t = tr->kid[order[h]]; t != 0; t = tr->sib[t]) {
            order[q++] = t;
        }
    }
    if (ms_chains(s, tr, order, chain_of, tmp, inside) < 0 ||
        !(s->trie = rg__calloc(ms_offsets(s, tr, order, chain_of, inside, perm),
                               sizeof *s->trie))) {
        return RG_ERROR;
    }
    for (h = 0; h < tr->n; h++) {
        int32_t *row;
        if (inside[h] || chain_of[h] >= 0) {
            continue; /* no row */
        }
        row = &s->trie[perm[h]];
        for (t = tr->kid[h]; t != 0; t = tr->sib[t]) {
            row[tr->in[t]] = perm[t];
        }
        row[s->ncls] = tr->out[h];
    }
    return ms_chain_rows(s, tr, perm, chain_of, tmp);
}

int rg_matcher__starts_new(rg_matcher__starts **out, const rg_matcher__pattern *pat,
                           size_t npat, const rg_matcher__side *side, size_t nside,
                           const uint8_t *cls, size_t ncls)
{
    rg_matcher__starts *s = rg__calloc(1, sizeof *s);
    ms_trie tr = { NULL, NULL, NULL, NULL, NULL, 1 };
    int32_t *order = NULL, *perm = NULL, *tmp = NULL;
    unsigned char *inside = NULL;
    size_t i, max = 1;
    int error = RG_ERROR;

    *out = NULL;
    for (i = 0; i < npat; i++) {
        max += pat[i].len; /* no overflow: the keys are in memory */
    }
    for (i = 0; i < nside; i++) {
        max += side[i].len;
    }
    if (s && max < (size_t)INT32_MAX / (ncls + 2) && /* row offsets fit in int32_t */
        (nside == 0 || (s->side_of = rg__reallocarray(NULL, npat + 1, sizeof *s->side_of))) &&
        (tr.go = rg__calloc(max * ncls, sizeof *tr.go)) &&
        (tr.out = rg__reallocarray(NULL, max, sizeof *tr.out)) &&
        (tr.kid = rg__reallocarray(NULL, max, sizeof *tr.kid)) &&
        (tr.sib = rg__reallocarray(NULL, max, sizeof *tr.sib)) &&
        (tr.in = rg__reallocarray(NULL, max, sizeof *tr.in)) &&
        (order = rg__reallocarray(NULL, max, sizeof *order)) &&
        (perm = rg__reallocarray(NULL, 2 * max, sizeof *perm)) &&
        (tmp = rg__reallocarray(NULL, max, sizeof *tmp)) && (inside = rg__calloc(max, 1))) {
        s->cls = cls;
        s->ncls = ncls;
        s->w = ncls + 1;
        s->npat = npat;
        s->side_ok = 1;
        tr.out[0] = -1;
        tr.kid[0] = 0;
        for (i = 0; s->side_of && i < npat; i++) {
            s->side_of[i] = -1;
        }
        for (i = 0; i < npat; i++) {
            ms_insert(s, &tr, (const unsigned char *)pat[i].form->key, pat[i].len, i,
                      (pat[i].edges & RG_MATCHER__WORD_END) != 0);
        }
        ms_insert_side(s, &tr, side, nside);
        error = ms_table(s, &tr, order, perm, tmp, inside);
    }
    rg__free(tr.go);
    rg__free(tr.out);
    rg__free(tr.kid);
    rg__free(tr.sib);
    rg__free(tr.in);
    rg__free(order);
    rg__free(perm);
    rg__free(tmp);
    rg__free(inside);
    if (error < 0) {
        rg__error_set_oom();
        rg_matcher__starts_free(s);
        return error;
    }
    *out = s;
    return RG_OK;
}

void rg_matcher__starts_free(rg_matcher__starts *s)
{
    if (!s) {
        return;
    }
    rg__free(s->trie);
    rg__free(s->chain);
    rg__free(s->pool);
    rg__free(s->side_of);
    rg__free(s);
}

int rg_matcher__starts_side_ok(const rg_matcher__starts *s)
{
    return s->side_ok;
}

/* ------------------------------------------------------------------ */
/* Scan                                                                */
/* ------------------------------------------------------------------ */

/* 1 when a[0..len) == b[0..len), 8 bytes a step. */
static int ms_same(const unsigned char *a, const unsigned char *b, size_t len)
{
    uint64_t x, y;

    for (; len >= 8; a += 8, b += 8, len -= 8) {
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y) {
            return 0;
        }
    }
    while (len > 0 && *a == *b) {
        a++;
        b++;
        len--;
    }
    return len == 0;
}

/* 1 when the text k[0..left) goes on with chain c. */
static int ms_chain_ok(const rg_matcher__starts *s, const ms_chain *c, const unsigned char *k,
                       size_t left)
{
    uint64_t x;

    if (c->len > left) {
        return 0;
    }
    if (left < 8) {
        return ms_same(k, s->pool + c->off, c->len);
    }
    memcpy(&x, k, 8);
    return (x & c->mask) == c->head &&
           (c->len <= 8 || ms_same(k + 8, s->pool + c->off + 8, c->len - 8));
}

/* Appends the key that ends at offset r (its pattern in its row or
 * chain) as [p, i). */
static int ms_hit(const rg_matcher__starts *s, size_t r, size_t p, size_t i,
                  rg_matcher__cand_vec *hits, rg_matcher__cand *fixed)
{
    rg_matcher__cand c;

    c.ks = p;
    c.ke = i;
    c.pat = r - s->ch0 < s->chn ? s->chain[r - s->ch0].pat : s->trie[r + s->ncls];
    return rg_matcher__cand_push(hits, fixed, c);
}

/*
 * Walks the trie from key[p]: every key that starts there, by end. Most
 * steps are from a row of group 0 (no key ends there, no chain starts):
 * the inner loop takes those with one compare of the offset; the others
 * come out of it. The table's bounds are copied first (stores to the hits
 * could alias s: the compiler would load them again at every step).
 */
static int ms_walk(const rg_matcher__starts *s, const unsigned char *key, size_t klen, size_t p,
                   rg_matcher__cand_vec *hits, rg_matcher__cand *fixed)
{
    const int32_t *trie = s->trie;
    const uint8_t *cls = s->cls;
    const ms_chain *chain = s->chain;
    const size_t out0 = s->out0, ch0 = s->ch0, chn = s->chn;
    size_t r = 0, i = p;

    for (;;) {
        while (r < ch0) { /* group 0, the root included */
            if (i == klen || (r = (size_t)trie[r + cls[key[i]]]) == 0) {
                return RG_OK;
            }
            i++;
        }
        /* arrived at offset r after key[i - 1]: a key ends, a chain starts, or both */
        if (r >= out0 && ms_hit(s, r, p, i, hits, fixed) < 0) {
            return RG_ERROR;
        }
        if (r - ch0 < chn) {
            const ms_chain *c = &chain[r - ch0];
            if (!ms_chain_ok(s, c, key + i, klen - i)) {
                return RG_OK;
            }
            i += c->len;
            r = (size_t)c->end;
        } else if (i == klen || (r = (size_t)trie[r + cls[key[i]]]) == 0) {
            return RG_OK; /* a row of group 3 */
        } else {
            i++;
        }
    }
}

#include "matcher_starts_block.h" /* ms_block, ms_block_wide, ms_ahead, ms_run, ms_grams */

/*
 * Scan state: the key, the hits, what a block leaves to the next, and the
 * batch: MS_BATCH blocks whose starts that pass the first filter go
 * through the second and their walks together (a loop exit, mispredicted,
 * a batch instead of two a block).
 */
typedef struct {
    const rg_matcher__starts *s;
    const unsigned char *key;
    size_t klen;
    rg_matcher__cand_vec *hits;
    rg_matcher__cand *fixed; /* the caller's array hits may be in */
    size_t batch;   /* key offset of the batch's first block */
    size_t n;       /* starts in surv */
    uint16_t surv[MS_BATCH * MS_BLOCK];                /* offsets from batch */
    unsigned char canon[MS_BATCH * MS_BLOCK + MS_AHEAD]; /* the blocks' canonical bytes */
} ms_scan;

/*
 * The batch's starts that the first filter let through: those that the
 * first words' filter lets through too, then their walks. The next batch
 * starts at key offset `next`.
 */
static int ms_flush(ms_scan *sc, size_t next)
{
    const uint64_t *words = sc->s->words;
    size_t i, m = 0;

    for (i = 0; i < sc->n; i++) { /* no branch on the filter, as in ms_step */
        uint64_t x;
        uint32_t h;
        memcpy(&x, sc->canon + sc->surv[i], 8);
        h = ms_word_hash(ms_first_word(x));
        sc->surv[m] = sc->surv[i];
        m += (size_t)(words[h >> 6] >> (h & 63) & 1);
    }
    for (i = 0; i < m; i++) {
        if (ms_walk(sc->s, sc->key, sc->klen, sc->batch + sc->surv[i], sc->hits,
                    sc->fixed) < 0) {
            return RG_ERROR;
        }
    }
    sc->n = 0;
    sc->batch = next;
    return RG_OK;
}

/*
 * The block at key offset `base`, read from k (which is key + base or a
 * padded copy): its canonical bytes to the batch's copy, its starts (a
 * letter, digit or byte >= 0x80 after any other byte) wait for the next
 * block, whose canonical bytes their grams read; the starts of the block
 * before are filtered. So each byte is made canonical once (a block that
 * also wrote the MS_AHEAD after it did a third more). After the batch's
 * last block, the bytes after it are made canonical, its starts filtered,
 * and the batch's filter and walks run.
 */
static RG_TEXT_INLINE int ms_step(ms_scan *sc, ms_run *run, const unsigned char *k, size_t base,
                                  int wide)
{
    const size_t at = base - run->batch;
    uint64_t hi, w, st;
    int error;

#if RG_TEXT_WIDE
    w = wide ? ms_block_wide(k, sc->canon + at, &hi) : ms_block(k, sc->canon + at, &hi);
#else
    (void)wide;
    w = ms_block(k, sc->canon + at, &hi);
#endif
    st = (w | hi) & ~(w << 1 | run->carry);
    run->carry = w >> 63;
    run->n = ms_grams(sc->canon, sc->surv, run->grams, run->n, run->wait, run->at);
    run->wait = st;
    run->at = at;
    run->last = k;
    if (at != (MS_BATCH - 1) * MS_BLOCK) {
        return RG_OK;
    }
    ms_ahead(k + MS_BLOCK, sc->canon + at + MS_BLOCK);
    sc->n = ms_grams(sc->canon, sc->surv, run->grams, run->n, st, at);
    error = ms_flush(sc, base + MS_BLOCK);
    run->wait = 0;
    run->n = 0;
    run->batch = base + MS_BLOCK;
    return error;
}

/* The whole scan; the last blocks from a zero-padded copy (0 starts nothing). */
static RG_TEXT_INLINE int ms_scan_body(ms_scan *sc, int wide)
{
    unsigned char pad[2 * MS_BLOCK + MS_AHEAD];
    const unsigned char *key = sc->key; /* copies: not loaded again after each store */
    const size_t klen = sc->klen;
    size_t base = 0, off;
    ms_run run = { sc->s->grams, NULL, 0, 0, 0, 0, 0 }; /* carry 0: the text starts a word */

    for (; klen - base >= MS_BLOCK + MS_AHEAD; base += MS_BLOCK) {
        if (ms_step(sc, &run, key + base, base, wide) < 0) {
            return RG_ERROR;
        }
    }
    memset(pad, 0, sizeof pad);
    memcpy(pad, key + base, klen - base); /* < MS_BLOCK + MS_AHEAD */
    for (off = 0; base + off < klen; off += MS_BLOCK) {
        if (ms_step(sc, &run, pad + off, base + off, wide) < 0) {
            return RG_ERROR;
        }
    }
    if (run.wait) { /* the last block, from pad: the bytes after it are in pad */
        ms_ahead(run.last + MS_BLOCK, sc->canon + run.at + MS_BLOCK);
        run.n = ms_grams(sc->canon, sc->surv, run.grams, run.n, run.wait, run.at);
    }
    sc->n = run.n;
    sc->batch = run.batch;
    return ms_flush(sc, 0);
}

#if RG_TEXT_WIDE
__attribute__((target("avx2,bmi,bmi2"))) static int ms_scan_wide(ms_scan *sc)
{
    return ms_scan_body(sc, 1);
}
#endif

/* Takes the side keys out of hits[n0..]: their bits into side_hits (NULL:
 * not wanted), an actor's key that is a side key too stays. */
static void ms_side_hits(const rg_matcher__starts *s, rg_matcher__cand_vec *hits, size_t n0,
                         uint64_t *side_hits)
{
    size_t i, m = n0;

    for (i = n0; i < hits->n; i++) {
        size_t pat = (size_t)hits->v[i].pat;
        int32_t side = pat >= s->npat ? (int32_t)(pat - s->npat) : s->side_of[pat];
        if (side >= 0 && side_hits) {
            side_hits[side >> 6] |= (uint64_t)1 << (side & 63);
        }
        if (pat < s->npat) {
            hits->v[m++] = hits->v[i];
        }
    }
    hits->n = m;
}

/*
 * The walks give the hits by start; the automaton's order is by end and,
 * at one end, longest first. Only nested hits are out of that order, so
 * an insertion sort is linear.
 */
static void ms_by_end(rg_matcher__cand *v, size_t n)
{
    size_t i, j;

    for (i = 1; i < n; i++) {
        rg_matcher__cand c = v[i];
        for (j = i; j > 0 && (v[j - 1].ke > c.ke || (v[j - 1].ke == c.ke && v[j - 1].ks > c.ks));
             j--) {
            v[j] = v[j - 1];
        }
        v[j] = c;
    }
}

int rg_matcher__starts_scan(const rg_matcher__starts *s, const unsigned char *key,
                            size_t klen, rg_matcher__cand_vec *hits,
                            rg_matcher__cand *fixed, uint64_t *side_hits)
{
    size_t n0 = hits->n;
    int error;
    ms_scan sc;

    sc.s = s;
    sc.key = key;
    sc.klen = klen;
    sc.hits = hits;
    sc.fixed = fixed;
    sc.batch = 0;
    sc.n = 0;
#if RG_TEXT_WIDE
    error = rg__cpu_level() >= RG_CPU_AVX2 ? ms_scan_wide(&sc) : ms_scan_body(&sc, 0);
#else
    error = ms_scan_body(&sc, 0);
#endif
    if (error == RG_OK && s->side_of) {
        ms_side_hits(s, hits, n0, side_hits);
    }
    if (error == RG_OK && hits->n > n0) { /* hits->v may be NULL */
        ms_by_end(hits->v + n0, hits->n - n0);
    }
    return error;
}
