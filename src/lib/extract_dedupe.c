/* SPDX-License-Identifier: MIT */
/*
 * The extractor's step 4's second half (extract.c): a sentence repeated
 * word for word (a photo caption repeating the lead) is kept once. The
 * spans are filtered in place through a hash set over their bytes.
 */
#include <string.h> /* memcmp, memcpy, memset */

#include "common.h"
#include "extract_internal.h" /* rg_extract__dedupe */

/* One step of the sentence hash: word w into state h. */
static inline uint64_t hash_step(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

/* Key of a sentence for the duplicate set: its length and its first,
 * middle and last 8 bytes (equal keys are confirmed with memcmp; a hash of
 * every byte was 1.9% of extraction cycles). Never 0 (an empty slot). */
static inline uint64_t sentence_hash(const char *p, size_t n)
{
    uint64_t a = 1469598103934665603ULL ^ n, w = 0, x = 0, y = 0;

    if (n >= 8) {
        memcpy(&w, p, 8);
        memcpy(&x, p + n / 2 - 4, 8);
        memcpy(&y, p + n - 8, 8);
    } else {
        memcpy(&w, p, n);
    }
    a = hash_step(a, w);
    a = hash_step(a ^ (y * 0x243F6A8885A308D3ULL), x);
    return a | 1;
}

/* Hash of every byte of a sentence, for a document whose sentences defeat
 * sentence_hash's sample (many of one length that agree on its three
 * words). Two lanes of 8 bytes (one multiply need not wait for the other),
 * the last bytes as one word. Never 0. */
static uint64_t sentence_hash_full(const char *p, size_t n)
{
    uint64_t a = 1469598103934665603ULL ^ n, b = 0x243F6A8885A308D3ULL, w = 0;
    size_t i = 0;

    for (; i + 16 <= n; i += 16) {
        uint64_t w2;
        memcpy(&w, p + i, 8);
        memcpy(&w2, p + i + 8, 8);
        a = hash_step(a, w);
        b = hash_step(b, w2);
    }
    if (i + 8 <= n) {
        memcpy(&w, p + i, 8);
        a = hash_step(a, w);
        i += 8;
    }
    if (i < n) {
        w = 0;
        /* the last 8 bytes (overlapping bytes already hashed) or all of them */
        memcpy(&w, n >= 8 ? p + n - 8 : p, n >= 8 ? 8 : n);
        b = hash_step(b, w);
    }
    return hash_step(a, b) | 1;
}

/* A slot of the duplicate set: hash (0 = empty) and the kept sentence. */
typedef struct {
    uint64_t hash;
    size_t owner;
} ex_slot;

#define EX_STACK_SLOTS 256 /* on the stack: a set for up to 128 sentences */

/* Equal sampled keys of different sentences after which the set is rebuilt
 * with the full hash (the sample was made for news text). */
#define EX_KEY_MISSES 32

/* The duplicate set over the kept sentences (ev->sentences[0..kept)). */
typedef struct {
    ex_slot *v;
    size_t cap;   /* a power of 2 */
    size_t misses;
    int full;     /* keys are sentence_hash_full */
} ex_set;

static inline uint64_t set_hash(const ex_set *st, const rg_evidence *ev, rg_span s)
{
    return st->full ? sentence_hash_full(ev->clean + s.start, s.end - s.start)
                    : sentence_hash(ev->clean + s.start, s.end - s.start);
}

/* 1 when a kept sentence equals s (hash h); else 0 and its free slot. */
static inline int set_find(ex_set *st, const rg_evidence *ev, rg_span s, uint64_t h, size_t *slot)
{
    size_t k;

    for (k = (size_t)h & (st->cap - 1); st->v[k].hash; k = (k + 1) & (st->cap - 1)) {
        rg_span o = ev->sentences[st->v[k].owner];
        if (st->v[k].hash == h && o.end - o.start == s.end - s.start) {
            if (memcmp(ev->clean + o.start, ev->clean + s.start, s.end - s.start) == 0) {
                return 1;
            }
            st->misses++;
        }
    }
    *slot = k;
    return 0;
}

/* Rebuilds the set of the kept sentences with full hashes (they are
 * distinct: each goes to the first free slot). */
static void set_go_full(ex_set *st, const rg_evidence *ev, size_t kept)
{
    size_t i, k;

    st->full = 1;
    memset(st->v, 0, st->cap * sizeof *st->v);
    for (i = 0; i < kept; i++) {
        uint64_t h = set_hash(st, ev, ev->sentences[i]);
        for (k = (size_t)h & (st->cap - 1); st->v[k].hash; k = (k + 1) & (st->cap - 1)) {
        }
        st->v[k].hash = h;
        st->v[k].owner = i;
    }
}

/* Documents of up to EX_FILTER_MAX sentences first go through dedupe_none:
 * does the document provably repeat no sentence? One bit per sentence in
 * a bitmap of 128 bits a sentence (2 KiB at most), from its length and
 * first 8 bytes. A bit met twice (a repeat, or a shared bit: about n/256
 * of documents of n sentences) has the sentences before searched for the
 * same key; one found (3 of 1,000 articles) sends the document to the
 * exact set, which cost 86 instructions a sentence, the filter about 30. */
#define EX_FILTER_MAX 128

/* The first 8 bytes of sentence s (fewer: zeros after its end). */
static inline uint64_t dedupe_key(const rg_evidence *ev, rg_span s)
{
    const unsigned char *t = (const unsigned char *)ev->clean + s.start;
    size_t n = s.end - s.start, k;
    uint64_t w = 0;

    if (s.start + 8 > ev->clean_len) { /* at the end of the text: byte by byte */
        for (k = 0; k < n && k < 8; k++) {
            w |= (uint64_t)t[k] << (8 * k);
        }
        return w;
    }
    memcpy(&w, t, 8);
    return n >= 8 ? w : w & ~(~(uint64_t)0 << (8 * n));
}

static int dedupe_none(const rg_evidence *ev)
{
    uint64_t bits[EX_FILTER_MAX * 128 / 64], w, h;
    size_t i, k, n, nbits = 512, shift = 55; /* index = the top log2(nbits) bits */

    for (; nbits < ev->n_sentences * 128; nbits *= 2) {
        shift--;
    }
    memset(bits, 0, nbits / 8);
    for (i = 0; i < ev->n_sentences; i++) {
        n = ev->sentences[i].end - ev->sentences[i].start;
        w = dedupe_key(ev, ev->sentences[i]);
        h = ((w ^ n) * 0x9E3779B97F4A7C15ULL) >> shift; /* equal keys, equal bits */
        if (bits[h / 64] >> (h % 64) & 1) {
            for (k = 0; k < i; k++) {
                rg_span o = ev->sentences[k];
                if (o.end - o.start == n && dedupe_key(ev, o) == w) {
                    return 0;
                }
            }
        }
        bits[h / 64] |= (uint64_t)1 << (h % 64);
    }
    return 1;
}

/* Step 5: drop sentences repeated word for word (hash set over the spans). */
int rg_extract__dedupe(rg_evidence *ev)
{
    ex_slot stack_slots[EX_STACK_SLOTS];
    ex_set st = { stack_slots, 16, 0, 0 };
    size_t i, kept = 0;

    if (ev->n_sentences <= EX_FILTER_MAX && dedupe_none(ev)) {
        return RG_OK;
    }
    while (st.cap < ev->n_sentences * 2) {
        st.cap *= 2;
    }
    if (st.cap > EX_STACK_SLOTS && !(st.v = rg__calloc(st.cap, sizeof *st.v))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if (st.v == stack_slots) {
        memset(st.v, 0, st.cap * sizeof *st.v);
    }
    for (i = 0; i < ev->n_sentences; i++) {
        rg_span s = ev->sentences[i];
        uint64_t h = set_hash(&st, ev, s);
        size_t slot;

        if (set_find(&st, ev, s, h, &slot)) {
            continue;
        }
        if (!st.full && st.misses > EX_KEY_MISSES) {
            set_go_full(&st, ev, kept);
            h = set_hash(&st, ev, s);
            if (set_find(&st, ev, s, h, &slot)) {
                continue; /* not reached: s matched no kept sentence above */
            }
        }
        st.v[slot].hash = h;
        st.v[slot].owner = kept;
        ev->sentences[kept++] = s;
    }
    ev->n_sentences = kept;
    if (st.v != stack_slots) {
        rg__free(st.v);
    }
    return RG_OK;
}
