/* SPDX-License-Identifier: MIT */
/*
 * Stance step 0: the prescan that drops, before any tokenizing or stemming,
 * the sentences without mentions that cannot hold two items (most of them),
 * and tells whether such a sentence opens like a noun phrase (np_lead, for
 * the subject memory). Words are cut by the tokenizer's scanner
 * (stance_scan.h), 64 bytes at a time where SSE2 is there (but for the
 * first two when np_lead is wanted, one by one).
 */
#include <stdint.h> /* uint64_t, uint32_t, SIZE_MAX */
#include <string.h> /* memcmp, memcpy, memset */

#include "cpu.h" /* rg__cpu_level */
#include "stance_internal.h"
#include "stance_scan.h"
#include "text_internal.h" /* RG_TEXT_WIDE, RG_TEXT_INLINE */

#if RG_TEXT_WIDE
#include <immintrin.h>
#endif

/* 0 when the bytes at text[i..end), just after a word "l", are an
 * apostrophe and a word that is no avoir auxiliary ("l'accord"), else 1:
 * "'a", "'aura" in any case (the word the tokenizer lowers and the pronoun
 * rules look up in the same list, rg_st__avoir_aux), and anything but an
 * apostrophe, since the pronoun rules read the next token whatever lies
 * between ("l a", "l-a" are "l" then "a" for the tokenizer too) and an
 * upper bound may count too much, never too little */
static int st_apostrophe_aux(const char *text, size_t i, size_t end)
{
    char buf[12]; /* the longest auxiliary has 8 letters */
    size_t n;

    if (i < end && text[i] == '\'') {
        i++;
    } else if (i + 2 < end && memcmp(text + i, "\xe2\x80\x99", 3) == 0) {
        i += 3;
    } else {
        return 1;
    }
    for (n = 0; i + n < end && n < sizeof buf; n++) {
        unsigned char b = (unsigned char)text[i + n];
        if (b >= 'A' && b <= 'Z') {
            b = (unsigned char)(b + 32);
        } else if (b < 'a' || b > 'z') {
            break;
        }
        buf[n] = (char)b;
    }
    return n > 0 && n < sizeof buf && st_key_index(buf, n, rg_st__avoir_aux) >= 0;
}

/*
 * Items a pronoun word text[s..i) may give: "il", "elle", the object
 * pronouns "lui" and "l'a" one when a subject is remembered (pron & 1);
 * "ils", "elles" two when a joint subject is (pron & 2).
 */
static size_t st_prescan_pronoun(const char *text,
                                 size_t s,   /* the word is text[s..i) */
                                 size_t i,
                                 size_t end, /* end of the sentence */
                                 int ascii,  /* no byte >= 0x80 */
                                 int pron)   /* 1: a subject remembered, 2: a joint one */
{
    char buf[8];
    size_t n = i - s;

    if (!ascii) {
        return 0; /* lower-casing keeps bytes >= 0x80: no pronoun */
    }
    st_lower_word(buf, text, s, n, 1);
    if (pron & 1) {
        if ((n == 2 && memcmp(buf, "il", 2) == 0) || (n == 4 && memcmp(buf, "elle", 4) == 0) ||
            (n == 3 && memcmp(buf, "lui", 3) == 0) ||
            (n == 1 && buf[0] == 'l' && st_apostrophe_aux(text, i, end))) {
            return 1;
        }
    }
    if (pron & 2) {
        if ((n == 3 && memcmp(buf, "ils", 3) == 0) || (n == 5 && memcmp(buf, "elles", 5) == 0)) {
            return 2;
        }
    }
    return 0;
}

/* 1 when the word text[s..s+4) of ASCII letters and digits is "deux" in
 * any case (bit 0x20 lower-cases such bytes) */
static int st_is_deux(const char *text, size_t s)
{
    uint32_t v, deux;

    memcpy(&v, text + s, 4);
    memcpy(&deux, "deux", 4);
    return (v | UINT32_C(0x20202020)) == deux;
}

/* Bytes of the longest of rg_st__deux_nouns ("dirigeantes"), rounded up:
 * a longer word is none of them (test_stance_tokens.c checks the list) */
#define ST_DEUX_NOUN_MAX 16

/*
 * Items "deux" at text[s..s+4) may give: two when the next word is one of
 * rg_st__deux_nouns ("les deux présidents": st_deux_item takes the word
 * after "deux" and nothing else), else none ("deux ans", "les deux pays";
 * on 1,000 OrangeSum articles 798 of the 1,313 sentences the prescan sent
 * to the tokenizer had such a "deux", and none of them gave two items).
 * The next word is taken whatever lies before it, where the rule wants the
 * next token: a comma or a quote in between only counts two too many,
 * which an upper bound allows.
 */
static size_t st_prescan_deux(const char *text, size_t s, size_t end)
{
    char key[ST_DEUX_NOUN_MAX];
    size_t i = s + 4, e;
    int ascii;

    /* to the next word start, a byte at a time: bytes inside a code point
     * (10xxxxxx) start no word, so this stops where the tokenizer would */
    while (i < end && !(st_ascii_class[(unsigned char)text[i]] & ST_WORD) &&
           !((unsigned char)text[i] >= 0x80 && st_word_cp_len(text, i, end))) {
        i++;
    }
    if (i == end) {
        return 0;
    }
    e = st_word_end(text, i, end, &ascii);
    if (e - i > sizeof key) {
        return 0;
    }
    st_lower_word(key, text, i, e - i, ascii);
    return st_key_index(key, e - i, rg_st__deux_nouns) >= 0 ? 2 : 0;
}

#define ST_K(a, b, c, d, e)                                                                 \
    ((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | (uint64_t)(d) << 24 |         \
     (uint64_t)(e) << 32)

/*
 * 1 when the ASCII word text[s..s+len) of letters and digits is one of
 * rg_st__dets in any case. The words are spelled out here as packed keys
 * (bytes | 0x20, first byte lowest) and the compiler makes a few compares
 * of them, where walking the list of strings cost some 60 instructions a
 * sentence; tests/unit/test_stance_tokens.c checks that both agree on
 * every word of up to five letters drawn from the determiners' letters.
 */
static inline int st_is_det(const char *text, size_t s, size_t len)
{
    uint64_t k = 0;
    size_t j;

    if (len > 5) {
        return 0;
    }
    for (j = 0; j < len; j++) {
        k |= (uint64_t)((unsigned char)text[s + j] | 0x20) << 8 * j;
    }
    switch (k) {
    case ST_K('l', 0, 0, 0, 0):
    case ST_K('l', 'e', 0, 0, 0):
    case ST_K('l', 'a', 0, 0, 0):
    case ST_K('l', 'e', 's', 0, 0):
    case ST_K('u', 'n', 0, 0, 0):
    case ST_K('u', 'n', 'e', 0, 0):
    case ST_K('c', 'e', 0, 0, 0):
    case ST_K('c', 'e', 't', 0, 0):
    case ST_K('c', 'e', 't', 't', 'e'):
    case ST_K('c', 'e', 's', 0, 0):
    case ST_K('s', 'o', 'n', 0, 0):
    case ST_K('s', 'a', 0, 0, 0):
    case ST_K('s', 'e', 's', 0, 0):
    case ST_K('l', 'e', 'u', 'r', 0):
    case ST_K('l', 'e', 'u', 'r', 's'):
        return 1;
    default:
        return 0;
    }
}
#undef ST_K

/*
 * np_lead from the first two words of the sentence (word `nw`, 0 or 1, is
 * text[s..s+len)): a determiner first, or two capitalised words ("Gérard
 * Depardieu a ..."). *up0 keeps whether the first word is capitalised.
 */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void st_prescan_lead(const char *text,
                                   size_t s,     /* the word is text[s..s+len) */
                                   size_t len,
                                   int ascii,    /* no byte >= 0x80 */
                                   size_t nw,    /* 0: first word, 1: second */
                                   int *up0,     /* in/out */
                                   int *np_lead) /* out: set to 1 */
{
    if (nw == 0) {
        /* rg_st__dets are ASCII words */
        if (ascii && st_is_det(text, s, len)) {
            *np_lead = 1;
        }
        *up0 = st_upper_at(text, s, len);
    } else if (*up0 && text[s - 1] == ' ' && st_upper_at(text, s, len)) {
        *np_lead = 1;
    }
}

/*
 * Items the word text[s..s+len) may give (st_word_end's `ascii`): a pronoun
 * (st_prescan_pronoun), a state adjective (1; clears *np_lead: "Les
 * autorités russes ont ..." opens with an actor) or "deux" (2 before one
 * of rg_st__deux_nouns: st_prescan_deux). Only words that pass the
 * lexicon's adjective filters (first byte and length, then the first three
 * bytes) are lower-cased whole and looked up.
 */
static size_t st_prescan_word(const rg_lexicon *lx,
                              const char *text,
                              size_t s,      /* the word is text[s..s+len) */
                              size_t len,
                              size_t end,    /* end of the sentence */
                              int ascii,     /* no byte >= 0x80 */
                              int pron,      /* rg_st__prescan's */
                              int *np_lead)  /* in/out */
{
    char buf[RG_LX_MAXTOK];
    unsigned char b = (unsigned char)text[s];
    /* rg_lexicon__lower changes no lead byte but A..Z */
    unsigned char f = b >= 'A' && b <= 'Z' ? (unsigned char)(b + 32) : b;

    if (len > RG_LX_MAXTOK) {
        return 0;
    }
    if (pron && st_pron_maybe(f, len)) {
        size_t np = st_prescan_pronoun(text, s, s + len, end, ascii, pron);
        if (np) {
            return np; /* a pronoun may stand for one actor, or two */
        }
    }
    if (lx->adj_lens[b] & rg_lexicon__len_bit(len)) {
        st_lower_word(buf, text, s, len < 3 ? len : 3, ascii);
        if (rg_lexicon__adj_maybe(lx, buf, len)) {
            int w;
            st_lower_word(buf, text, s, len, ascii);
            w = rg_lexicon__token_exact(lx, buf, len);
            if (w >= 0 && lx->adj_state[w]) {
                *np_lead = 0;
                return 1;
            }
        }
    }
    return ascii && len == 4 && f == 'd' && st_is_deux(text, s) ? st_prescan_deux(text, s, end)
                                                                : 0;
}

/* The prescan's running state: items so far, words seen, and what
 * np_lead needs of the first word. */
typedef struct {
    const rg_lexicon *lx;
    const uint32_t *pair_lens; /* lx->pre_pair_lens[pron != 0] */
    size_t n, nw;
    int up0, pron;
    int *np_lead;
} st_prescan_state;

/* 1 when a word of `len` bytes with index `pair` (rg_lexicon__pair_index)
 * may be a state adjective, "deux" or a pronoun: most words are dropped
 * here by their first two bytes and length */
static inline int st_prescan_maybe(const st_prescan_state *ps, unsigned pair, size_t len)
{
    return (ps->pair_lens[pair] & rg_lexicon__len_bit32(len)) != 0;
}

/* st_prescan_maybe for the ASCII word p[0..len) of 2 to 30 bytes (most
 * words): its pair index from one 16-bit load, its length bit unclamped */
static inline int st_prescan_pair_maybe(const st_prescan_state *ps, const char *p, size_t len)
{
    uint16_t v;
    unsigned pair;

    memcpy(&v, p, 2);
    pair = (v & 31u) << 5 | (v >> 8 & 31u);
    return (ps->pair_lens[pair] >> len) & 1;
}

/* One word text[s..s+len) of the prescan, in text order: np_lead from the
 * first two words, then the items it may give. Forced inline: GCC made it
 * a call once st_prescan_lead was inlined into it, and the call cost more
 * than the word. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void st_prescan_visit(st_prescan_state *ps,
                                    const char *text,
                                    size_t s,   /* the word is text[s..s+len) */
                                    size_t len,
                                    size_t end, /* end of the sentence */
                                    int ascii)  /* no byte >= 0x80 */
{
    if (ps->nw < 2) {
        st_prescan_lead(text, s, len, ascii, ps->nw++, &ps->up0, ps->np_lead);
    }
    if (st_prescan_maybe(ps, rg_lexicon__pair_index(text + s, len), len)) {
        ps->n += st_prescan_word(ps->lx, text, s, len, end, ascii, ps->pron, ps->np_lead);
    }
}

/* The words of text[i..stop), at most `max` of them, cut one by one with
 * st_word_end; separators are skipped a byte (ASCII) or a code point at a
 * time. `stop` is the sentence's end or an ASCII separator (no code point
 * crosses it). Returns where it stopped: after the last word seen. */
static size_t st_prescan_words(st_prescan_state *ps,
                               const char *text,
                               size_t i,
                               size_t stop,
                               size_t end, /* end of the sentence */
                               size_t max)
{
    while (ps->n < 2 && max > 0) {
        size_t s;
        int ascii;
        while (i < stop && (st_ascii_class[(unsigned char)text[i]] & ST_SEP)) {
            i++; /* ASCII separators */
        }
        if (i == stop) {
            break;
        }
        if ((unsigned char)text[i] >= 0x80 && !st_word_cp_len(text, i, end)) {
            /* a separator: skip one code point (invalid bytes one at a time) */
            int32_t cp;
            size_t k = rg_text__utf8_decode(text + i, end - i, &cp);
            i += k == (size_t)-1 ? 1 : k;
            continue;
        }
        s = i;
        i = st_word_end(text, i, end, &ascii);
        st_prescan_visit(ps, text, s, i - s, end, ascii);
        max--;
    }
    return i;
}

#if ST_SSE2
/* st_runs64's masks of the 16 bytes p[0..16) */
static inline void st_runs16(const char *p, int il_too, unsigned *run, unsigned *high,
                             unsigned *il)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);

    /* the sign bit of x marks the bytes >= 0x80 in both masks */
    *run = (unsigned)_mm_movemask_epi8(_mm_or_si128(st_alnum16(x), x));
    *high = (unsigned)_mm_movemask_epi8(x);
    if (il_too) {
        __m128i f = _mm_or_si128(x, _mm_set1_epi8(0x20));
        __m128i m = _mm_or_si128(_mm_cmpeq_epi8(f, _mm_set1_epi8('i')),
                                 _mm_cmpeq_epi8(f, _mm_set1_epi8('l')));
        *il = (unsigned)_mm_movemask_epi8(m);
    } else {
        *il = 0;
    }
}

/*
 * Masks of the 64 bytes w[0..64): bit j of *run set when w[j] is no ASCII
 * separator (an ASCII letter or digit, or a byte >= 0x80), of *high when
 * w[j] >= 0x80, of *il (`il` only, else 0) when w[j] is i, I, l or L. The
 * four 16-byte steps are written out: GCC kept a loop, with its counter
 * and shifts by a register.
 */
static inline void st_runs64(const char *w, int il_too, uint64_t *run, uint64_t *high,
                             uint64_t *il)
{
    unsigned r0, r1, r2, r3, h0, h1, h2, h3, i0, i1, i2, i3;

    st_runs16(w, il_too, &r0, &h0, &i0);
    st_runs16(w + 16, il_too, &r1, &h1, &i1);
    st_runs16(w + 32, il_too, &r2, &h2, &i2);
    st_runs16(w + 48, il_too, &r3, &h3, &i3);
    *run = r0 | (uint64_t)r1 << 16 | (uint64_t)r2 << 32 | (uint64_t)r3 << 48;
    *high = h0 | (uint64_t)h1 << 16 | (uint64_t)h2 << 32 | (uint64_t)h3 << 48;
    *il = i0 | (uint64_t)i1 << 16 | (uint64_t)i2 << 32 | (uint64_t)i3 << 48;
}

#if RG_TEXT_WIDE
/*
 * Bit j set when the bytes p[j], p[j + 1] of x (the 32 bytes at p; p[32]
 * is read) may start a word the prescan counts: their low five bits pick
 * buckets in the lexicon's pre_first and pre_second (two 16-byte halves
 * each), and some bucket holds both. After a byte >= 0x80 the second is
 * taken as 0, as in rg_lexicon__pair_index. No lengths: the scalar test
 * (st_prescan_cands) still follows for the words that pass.
 */
__attribute__((target("avx2,bmi,bmi2"))) static inline uint32_t
st_pairs32(__m256i x, const char *p, const uint8_t *first, const uint8_t *second)
{
#define ST_HALF(t) _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(t)))
    const __m256i m5 = _mm256_set1_epi8(0x1F);
    __m256i y = _mm256_loadu_si256((const __m256i *)(const void *)(p + 1));
    __m256i x5 = _mm256_and_si256(x, m5), y5 = _mm256_and_si256(y, m5);
    /* shuffles read the low four bits; bit 4, moved to the sign bit,
     * picks the half */
    __m256i f = _mm256_blendv_epi8(_mm256_shuffle_epi8(ST_HALF(first), x5),
                                   _mm256_shuffle_epi8(ST_HALF(first + 16), x5),
                                   _mm256_slli_epi16(x5, 3));
    __m256i sc = _mm256_blendv_epi8(_mm256_shuffle_epi8(ST_HALF(second), y5),
                                    _mm256_shuffle_epi8(ST_HALF(second + 16), y5),
                                    _mm256_slli_epi16(y5, 3));
#undef ST_HALF

    sc = _mm256_blendv_epi8(sc, _mm256_set1_epi8((char)second[0]), x);
    return ~(uint32_t)_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_and_si256(f, sc), _mm256_setzero_si256()));
}

/* The bytes of the 32 at x that may be part of a two-byte Latin letter
 * (st_latin2): in *lead C3..C8, in *cont 80..BF, in *c3 C3, in *sign 97
 * and B7 (after C3: × and ÷) */
__attribute__((target("avx2,bmi,bmi2"))) static inline void
st_latin32(__m256i x, uint32_t *lead, uint32_t *cont, uint32_t *c3, uint32_t *sign)
{
    __m256i l = _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 6),
                                  _mm256_add_epi8(x, _mm256_set1_epi8((char)(0x80 - 0xC3))));

    *lead = (uint32_t)_mm256_movemask_epi8(l);
    *cont = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(_mm256_set1_epi8(-64), x));
    *c3 = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)0xC3)));
    *sign = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(
        _mm256_or_si256(x, _mm256_set1_epi8(0x20)), _mm256_set1_epi8((char)0xB7)));
}

/* st_runs64's masks of the 32 bytes p[0..32) with AVX2, st_pairs32's and
 * st_latin32's */
__attribute__((target("avx2,bmi,bmi2"))) static inline void
st_runs32(const char *p, const st_prescan_state *ps, uint32_t *run, uint32_t *high, uint32_t *il,
          uint32_t *pairs, uint32_t latin[4])
{
    __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i f = _mm256_or_si256(x, _mm256_set1_epi8(0x20));
    __m256i a = _mm256_or_si256(
        _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 26),
                          _mm256_add_epi8(f, _mm256_set1_epi8((char)(0x80 - 'a')))),
        _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 10),
                          _mm256_add_epi8(x, _mm256_set1_epi8((char)(0x80 - '0')))));

    /* the sign bit of x marks the bytes >= 0x80 in both masks */
    *run = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(a, x));
    *high = (uint32_t)_mm256_movemask_epi8(x);
    if (ps->pron) {
        __m256i m = _mm256_or_si256(_mm256_cmpeq_epi8(f, _mm256_set1_epi8('i')),
                                    _mm256_cmpeq_epi8(f, _mm256_set1_epi8('l')));
        *il = (uint32_t)_mm256_movemask_epi8(m);
    } else {
        *il = 0;
    }
    *pairs = st_pairs32(x, p, ps->lx->pre_first[ps->pron != 0], ps->lx->pre_second[ps->pron != 0]);
    st_latin32(x, &latin[0], &latin[1], &latin[2], &latin[3]);
}

/*
 * st_runs64 with AVX2, 32 bytes a step, the two steps written out (inlined
 * into st_prescan_windows_wide alone): half the vector instructions; and
 * the pairs of st_pairs32 (w[64] is read), and in *latin the bytes >= 0x80
 * that are one of a two-byte Latin letter (st_latin2 of the lead and the
 * byte after it). A run whose bytes >= 0x80 are all such is one word, as
 * st_latin_pairs finds pair by pair: the lowest such byte of a run must
 * be a lead (a lead before it would be in the run), so is the lowest after
 * its pair (the byte before it ends the pair, and is no lead), and so on.
 */
__attribute__((target("avx2,bmi,bmi2"))) static inline void
st_runs64_wide(const char *w, const st_prescan_state *ps, uint64_t *run, uint64_t *high,
               uint64_t *il, uint64_t *pairs, uint64_t *latin)
{
    uint32_t r0, r1, h0, h1, i0, i1, p0, p1, l0[4], l1[4];
    uint64_t lead, cont, c3, sign;

    st_runs32(w, ps, &r0, &h0, &i0, &p0, l0);
    st_runs32(w + 32, ps, &r1, &h1, &i1, &p1, l1);
    *run = r0 | (uint64_t)r1 << 32;
    *high = h0 | (uint64_t)h1 << 32;
    *il = i0 | (uint64_t)i1 << 32;
    *pairs = p0 | (uint64_t)p1 << 32;
    lead = l0[0] | (uint64_t)l1[0] << 32;
    cont = l0[1] | (uint64_t)l1[1] << 32;
    c3 = l0[2] | (uint64_t)l1[2] << 32;
    sign = l0[3] | (uint64_t)l1[3] << 32;
    /* a lead whose next byte ends the letter, a byte that ends its lead's
     * (no bit 64: a lead at w[63] is no letter here; no run reaches it) */
    *latin = (lead & cont >> 1 & ~(c3 & sign >> 1)) | (cont & lead << 1 & ~(c3 << 1 & sign));
}
#endif

/* The starts of some runs, from `hend` (the byte after each): one after
 * the last separator before each end. */
static RG_TEXT_INLINE uint64_t st_high_starts(uint64_t run, uint64_t hend)
{
    uint64_t hs = 0;

    while (hend) {
        uint64_t below = ~run & ((hend & (0 - hend)) - 1);
        hs |= below ? UINT64_C(2) << (63 - __builtin_clzll(below)) : 1;
        hend &= hend - 1;
    }
    return hs;
}

/* 1 when the bytes >= 0x80 of a run (bits hb of the window w; the run ends
 * before the window's last byte) pair up as two-byte Latin letters
 * (st_latin2, taken by st_word_cp_len without decoding): the run is then
 * one word. */
static RG_TEXT_INLINE int st_latin_pairs(const char *w, uint64_t hb)
{
    while (hb) {
        unsigned j = (unsigned)rg__ctz64(hb);
        if (!st_latin2((unsigned char)w[j], (unsigned char)w[j + 1])) {
            return 0;
        }
        hb &= hb - 1;
        hb &= hb - 1;
    }
    return 1;
}

/*
 * A run at text[s..] of 64 bytes or more without an ASCII separator (a
 * whole window): cut to its end, then one word when its bytes >= 0x80 are
 * two-byte Latin letters, as st_latin_pairs says within a window, else
 * word by word. Returns its end. Rare: long URLs, runs of signs.
 */
static size_t st_prescan_long_run(st_prescan_state *ps, const char *text, size_t s, size_t end)
{
    size_t e = s, j;
    int high = 0;

    while (e < end && !(st_ascii_class[(unsigned char)text[e]] & ST_SEP)) {
        high |= (unsigned char)text[e] >= 0x80;
        e++;
    }
    for (j = s; high && j < e; j++) {
        if ((unsigned char)text[j] >= 0x80) {
            if (j + 1 >= e || !st_latin2((unsigned char)text[j], (unsigned char)text[j + 1])) {
                st_prescan_words(ps, text, s, e, end, SIZE_MAX);
                return e;
            }
            j++;
        }
    }
    st_prescan_visit(ps, text, s, e - s, end, !high);
    return e;
}

/* The run w[s..s+len) of a window at text[pos..] that has a byte >= 0x80
 * (`hb`: those bytes, as bits of the window) and does not reach the
 * window's end. */
static RG_TEXT_INLINE void st_prescan_high_run(st_prescan_state *ps, const char *text,
                                               size_t pos, size_t end, const char *w, size_t s,
                                               size_t len, uint64_t hb)
{
    if (st_latin_pairs(w, hb)) {
        if (st_prescan_maybe(ps, rg_lexicon__pair_index(w + s, len), len)) {
            ps->n += st_prescan_word(ps->lx, text, pos + s, len, end, 0, ps->pron, ps->np_lead);
        }
    } else {
        st_prescan_words(ps, text, pos + s, pos + s + len, end, SIZE_MAX);
    }
}

/*
 * Starts of the runs (`starts`) that may hold a word the prescan counts:
 * those of at least `minlen` bytes (the shortest adjective, at most 4 for
 * "deux"); among shorter runs (three bytes at most), which can only hold
 * the pronouns il, ils, lui and l', those where one may start (`il` marks
 * i, I, l and L when pronouns count, else nothing): at the run's start, or
 * right after a byte >= 0x80 in its first two, that would then belong to
 * no word ("\x80il", "«l'a"; the ASCII byte before a third one would join
 * its word; "à", "où" are dropped). No run reaches the window's last byte
 * (st_prescan_windows), so the shifts bring in no byte of a run.
 */
static RG_TEXT_INLINE uint64_t st_prescan_starts(uint64_t starts, uint64_t run, uint64_t high,
                                                 uint64_t il, size_t minlen)
{
    uint64_t keep = il | (high & il >> 1) | (high >> 1 & il >> 2);
    uint64_t longer = starts;
    uint64_t two = run & run >> 1; /* bytes j and j + 1 in a run */

    if (minlen > 3) {
        longer &= two & two >> 2; /* j to j + 3 (most lexicons) */
    } else if (minlen > 2) {
        longer &= two & run >> 2;
    } else if (minlen > 1) {
        longer &= two;
    }
    return longer | (starts & keep);
}

/*
 * The candidates `cand` (run starts, st_prescan_starts) of one window w at
 * text[pos..], none of them reaching the window's end. An ASCII run is one
 * word, filtered by its first two bytes and length from the window alone
 * (w[s + 1] is in the window: a separator follows the run). `hend` marks
 * the byte after each run with a byte >= 0x80 (st_prescan_windows): those
 * go to st_prescan_high_run. Returns 1 once two items are counted.
 */
static RG_TEXT_INLINE int st_prescan_cands(st_prescan_state *ps, const char *text, size_t pos,
                                           size_t end, const char *w, uint64_t cand,
                                           uint64_t run, uint64_t high, uint64_t hend)
{
    /* the byte after each candidate run: a carry from its start runs to
     * its end (one start a run, so the carries never meet) */
    uint64_t after = (run + cand) & ~run;

    while (cand) {
        unsigned s = (unsigned)rg__ctz64(cand), e = (unsigned)rg__ctz64(after);
        unsigned len = e - s;
        cand &= cand - 1;
        after &= after - 1;
        if ((hend >> e) & 1) {
            st_prescan_high_run(ps, text, pos, end, w, s, len,
                                high & (((UINT64_C(1) << len) - 1) << s));
        } else if (len - 2 <= 28) {
            if (!st_prescan_pair_maybe(ps, w + s, len)) {
                continue;
            }
            ps->n += st_prescan_word(ps->lx, text, pos + s, len, end, 1, ps->pron, ps->np_lead);
        } else if (st_prescan_maybe(ps, rg_lexicon__pair_index(w + s, len), len)) {
            ps->n += st_prescan_word(ps->lx, text, pos + s, len, end, 1, ps->pron, ps->np_lead);
        } else {
            continue;
        }
        if (ps->n >= 2) {
            return 1;
        }
    }
    return 0;
}

/*
 * The words of text[pos..end) (after the first two when np_lead is wanted:
 * rg_st__prescan), 64 bytes at a time. Runs
 * of bytes between ASCII separators (st_runs64) too short to count are
 * skipped from the masks alone (st_prescan_starts). A run with no byte >=
 * 0x80 is one word, and so is a run whose bytes >= 0x80 are two-byte Latin
 * letters: their length and first two bytes come from the masks and the
 * window. Other runs are cut by st_prescan_words (a « or a ’ ends words
 * there). ASCII bytes are never inside a code point, so every way cuts the
 * words st_word_end cuts. A run that reaches a window's last byte may go on
 * past it: the next window starts at that run instead (about 5% more
 * windows), so that every run is read whole from one window; only a run
 * that fills a window is cut apart (st_prescan_long_run). Compiled twice
 * (`wide`: the masks with AVX2, st_prescan_windows_wide).
 */
static RG_TEXT_INLINE void st_prescan_windows_body(st_prescan_state *ps, const char *text,
                                                   size_t pos, size_t end, int wide)
{
    size_t minlen = ps->lx->adj_min_len && ps->lx->adj_min_len < 4 ? ps->lx->adj_min_len : 4;
    char tail[80]; /* 64 bytes and the one st_pairs32 reads after them */

    while (pos < end) {
        const char *w = text + pos;
        size_t next = pos + 64;
        uint64_t run, high, il, cand, hend, pairs = 0, latin = 0;
        if (end - pos <= 64) {
            memset(tail, ' ', sizeof tail); /* separators past the end */
            memcpy(tail, w, end - pos);
            w = tail;
        }
#if RG_TEXT_WIDE
        if (wide) {
            st_runs64_wide(w, ps, &run, &high, &il, &pairs, &latin);
        } else
#endif
        {
            st_runs64(w, ps->pron != 0, &run, &high, &il);
        }
        if (run >> 63) {
            /* the last run may go on: the next window starts at it */
            uint64_t keep;
            if (~run == 0) {
                pos = st_prescan_long_run(ps, text, pos, end);
                if (ps->n >= 2) {
                    return;
                }
                continue;
            }
            next = pos + 64 - (size_t)__builtin_clzll(~run);
            keep = (UINT64_C(1) << (next - pos)) - 1;
            run &= keep;
            high &= keep;
            il &= keep;
        }
        cand = st_prescan_starts(run & ~(run << 1), run, high, il, minlen);
        /* a carry from a byte >= 0x80 runs to the end of its run and sets
         * the separator after it */
        hend = (run + high) & ~run;
        if (wide) {
            /* only the words whose first two bytes may count (most are
             * dropped here, in the masks), runs of one byte (their pair
             * index has no second byte) and runs that may be more than one
             * word (a byte >= 0x80 not in a Latin letter: a « or a ’) */
            uint64_t other = high & ~latin;
            cand &= pairs | ~(run >> 1) | (other ? st_high_starts(run, (run + other) & ~run) : 0);
        }
        if (st_prescan_cands(ps, text, pos, end, w, cand, run, high, hend)) {
            return;
        }
        pos = next;
    }
}

static void st_prescan_windows(st_prescan_state *ps, const char *text, size_t pos, size_t end)
{
    st_prescan_windows_body(ps, text, pos, end, 0);
}

#if RG_TEXT_WIDE
__attribute__((target("avx2,bmi,bmi2"))) static void
st_prescan_windows_wide(st_prescan_state *ps, const char *text, size_t pos, size_t end)
{
    st_prescan_windows_body(ps, text, pos, end, 1);
}
#endif
#endif

/*
 * Upper bound on the items of a sentence without mentions, straight from the
 * text: state adjectives, "deux" before "présidents", "hommes"... ("les
 * deux présidents": two) and, when a subject is remembered,
 * "il"/"elle"/"lui"/"l'a" ("ils"/"elles": two). Fewer than two items give
 * no relation, so most sentences are dropped here, before tokenizing and
 * stemming. Words are cut as rg_st__tokenize cuts them (st_word_end): by
 * st_prescan_windows where SSE2 is there, but for the first two when
 * np_lead is wanted, one by one.
 * Sets *np_lead = 1 when the sentence opens like a noun phrase or a
 * two-word name (rg_st__clause_lead's -2), the first words being no actor
 * here. np_lead may be NULL: rg_stance_sentence only reads it when a
 * subject with an actor or a joint subject is remembered, before 8% of
 * the prescans on OrangeSum, and the
 * first two words one by one were 18% of the prescan's instructions.
 */
size_t rg_st__prescan(const rg_lexicon *lx, const char *text, rg_span sent, int pron,
                      int *np_lead)
{
    int unused;
    st_prescan_state ps = { lx, lx->pre_pair_lens[pron != 0], 0, 0, 0, pron,
                            np_lead ? np_lead : &unused };
    size_t i = sent.start;

    *ps.np_lead = 0;
#if ST_SSE2
    if (np_lead) {
        i = st_prescan_words(&ps, text, sent.start, sent.end, sent.end, 2);
    } else {
        ps.nw = 2; /* no lead to find: st_prescan_visit only counts */
    }
    if (ps.n < 2) {
#if RG_TEXT_WIDE
        if (rg__cpu_level() >= RG_CPU_AVX2) {
            st_prescan_windows_wide(&ps, text, i, sent.end);
        } else
#endif
        {
            st_prescan_windows(&ps, text, i, sent.end);
        }
    }
#else
    i = st_prescan_words(&ps, text, sent.start, sent.end, sent.end, SIZE_MAX);
    (void)i;
#endif
    return ps.n;
}
