/* SPDX-License-Identifier: MIT */
/*
 * The extractor's stance gate: the documents whose stance pass provably
 * yields no relation skip it (every rg_stance_sentence call); their
 * co-mentions, which come from the mentions alone, are made as before.
 *
 * HOW IT WORKS
 * 1. Where stance's actors come from (stance.c, stance_items.c,
 *    stance_pronouns.c, stance_roles.c). A relation is only ever emitted by
 *    st_emit, for two items of a sentence. An item is
 *    - a mention (its actor);
 *    - a token whose ids[0] is a state adjective (lx->adj_state): its state,
 *      rg_actors_find(code) (none when -1), or that state's leader at the
 *      document's date, rg_actors_leader_at ("homologue américain"; dated
 *      documents only);
 *    - a pronoun, "les deux présidents", an object pronoun: an actor of an
 *      earlier item of the same document (the subject memory, the joint
 *      subject, the recent persons; the context starts empty per document).
 *    So every item's actor is in U = {mention actors} + {the states of the
 *    adjectives} + {their leaders}. st_emit levels a person 0, anything
 *    else 1; a person facing level 1 counts as rg_actors_state_of(person);
 *    s == t or a negative actor is dropped; attribute_states only adds
 *    after a state->state relation was emitted. A relation thus needs two
 *    actors a != b of U of one level, or a person p and another actor x
 *    with rg_actors_state_of(p) >= 0 and != x: rg_extract__may_relate.
 * 2. The adjectives come from the matcher, which reads every byte of the
 *    folded key already: the folds of the adjective forms are its side
 *    keys (matcher_starts.c), found with the dictionary's keys and
 *    reported as bits, never as mentions. Forms that can yield no item (a
 *    state code the dictionary lacks) or never be a token (a character
 *    that is no letter or digit) are left out.
 * 3. Exactness: whenever the tokenizer makes a token T whose ids[0] is the
 *    adjective W, the side key K = fold(W) is reported.
 *    - T lower-cased (A-Z, À-Þ, Œ) is W; the fold works per character and
 *      folds a letter and its capital alike, so the key holds fold(T) = K
 *      where T is (the key is the fold of ev->clean: the cleaner's joined
 *      key when key_ok, else folded here).
 *    - K is reported where it starts a word in the key (the byte before it
 *      is no ASCII letter or digit) and the byte after it is none either,
 *      or the key ends there. The characters just before and after T are
 *      ones the tokenizer cuts words at, or T touches its sentence's edge.
 *      (a) A character the tokenizer cuts at is no letter or digit: its
 *          fold is bytes without an ASCII letter or digit, or nothing right
 *          after a space; any other such character is odd (text_fold.c:
 *          controls, U+00AD, combining marks, "™" -> "tm"; "ª", "²", "½"
 *          and full-width letters are letters or digits, so in the token)
 *          and turns the gate off for the document.
 *      (b) A sentence's edge may fall between two letters: the splitter
 *          cuts "prisonRusses" so (not "jeudi.Le"). There the key has one
 *          word where the tokenizer sees two, so gate_edges looks the
 *          token at such an edge up as the tokenizer does and adds its
 *          state, when it is an adjective, to U (6% of the documents).
 *    - The matcher must scan from word starts and take every side key
 *      (rg_matcher__side_ok); else the gate is off for every document.
 *    A side key found where no such token is (inside a word, a mention,
 *    a repeated sentence) only adds to U: the gate skips less, wrongly
 *    never.
 * 4. A lazy extraction (relgraph build) asks before splitting: with no
 *    match in the whole text, the gate over no sentence, and no sentence
 *    edge that can cut a word (rg_extract__gate_glued: a capital glued to
 *    a lowercase letter or digit is the only such place), U is complete
 *    without the sentences; when it cannot relate, the document yields no
 *    mention and no relation, and its sentences are never looked for.
 */
#include <string.h> /* memcmp, strlen */
#if defined(__SSE2__)
#include <immintrin.h> /* SSE2, and AVX2 (RG_TEXT_WIDE): the glued capitals */
#endif

#include "common.h"
#include "cpu.h" /* rg__cpu_level */
#include "extract_internal.h"
#include "lexicon.h"       /* rg_lexicon__adj_word, rg_lexicon__is_word_cp */
#include "sentence_internal.h" /* u8_dec, u8_prev, cp_class: the splitter's classes */
#include "stance_internal.h" /* rg_st__levelled */
#include "text_internal.h" /* rg_text__fold_odd, rg_text__utf8_decode */

struct rg_extract__gate {
    const rg_lexicon *lx;
    rg_matcher__side *side; /* the distinct folded forms */
    char **keys;            /* their keys, owned */
    size_t nside;
    size_t *ent_side;       /* per adjective form: its side key */
    int *ent_state;         /* its state's actor */
    size_t *ent_word;       /* and its word id */
    size_t nent;
};

void rg_extract__gate_free(rg_extract__gate *g)
{
    size_t i;

    if (!g) {
        return;
    }
    for (i = 0; i < g->nside; i++) {
        rg__free(g->keys[i]);
    }
    rg__free(g->keys);
    rg__free(g->side);
    rg__free(g->ent_side);
    rg__free(g->ent_state);
    rg__free(g->ent_word);
    rg__free(g);
}

/* 1 when every character of the form s is a letter or digit as the stance
 * tokenizer sees them (else no token can be the form). */
static int gate_form_is_word(const char *s)
{
    size_t i = 0, n = strlen(s), k;
    int32_t cp;

    while (i < n) {
        k = rg_text__utf8_decode(s + i, n - i, &cp);
        if (cp < 0 || !rg_lexicon__is_word_cp(cp)) {
            return 0;
        }
        i += k;
    }
    return n > 0;
}

/* Adds word w, folded to k[0..kl) (taken), of state `state`: a side key
 * of its own unless an earlier form folds the same. */
static void gate_add(rg_extract__gate *g, size_t w, char *k, size_t kl, int state)
{
    size_t i;

    for (i = 0; i < g->nside; i++) {
        if (g->side[i].len == kl && memcmp(g->side[i].key, k, kl) == 0) {
            break;
        }
    }
    if (i == g->nside) {
        g->keys[g->nside] = k;
        g->side[g->nside].key = k;
        g->side[g->nside++].len = kl;
    } else {
        rg__free(k);
    }
    g->ent_side[g->nent] = i;
    g->ent_word[g->nent] = w;
    g->ent_state[g->nent++] = state;
}

int rg_extract__gate_new(rg_extract__gate **out, const rg_lexicon *lx, const rg_actors *a)
{
    rg_extract__gate *g = rg__calloc(1, sizeof *g);
    size_t w, n = lx->n_words ? lx->n_words : 1;
    int error = RG_OK;

    *out = NULL;
    if (!g || !(g->side = rg__reallocarray(NULL, n, sizeof *g->side)) ||
        !(g->keys = rg__reallocarray(NULL, n, sizeof *g->keys)) ||
        !(g->ent_side = rg__reallocarray(NULL, n, sizeof *g->ent_side)) ||
        !(g->ent_state = rg__reallocarray(NULL, n, sizeof *g->ent_state)) ||
        !(g->ent_word = rg__reallocarray(NULL, n, sizeof *g->ent_word))) {
        rg__error_set_oom();
        rg_extract__gate_free(g);
        return RG_ERROR;
    }
    for (w = 0; w < lx->n_words; w++) {
        const char *form = NULL, *code = rg_lexicon__adj_word(lx, w, &form);
        char *k = NULL;
        size_t kl = 0;
        int state = code ? rg_actors_find(a, code) : -1;
        if (state < 0 || !gate_form_is_word(form)) {
            continue; /* no item, or never a token */
        }
        if ((error = rg_text__fold_odd(&k, &kl, NULL, form, strlen(form), NULL)) < 0) {
            rg_extract__gate_free(g);
            return error;
        }
        gate_add(g, w, k, kl, state);
    }
    g->lx = lx;
    *out = g;
    return RG_OK;
}

const rg_matcher__side *rg_extract__gate_side(const rg_extract__gate *g, size_t *n)
{
    *n = g->nside;
    return g->side;
}

int rg_extract__may_relate(const rg_actors *a, const int *u, size_t n)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            int x = u[i], y = u[j];
            if (x >= 0 && y >= 0 &&
                rg_st__levelled(a, &x, rg_actors_type(a, (size_t)x) != RG_ACTOR_PERSON, &y,
                                rg_actors_type(a, (size_t)y) != RG_ACTOR_PERSON)) {
                return 1;
            }
        }
    }
    return 0;
}

/*
 * Letters and digits below are the stance tokenizer's
 * (rg_lexicon__is_word_cp), tested with the matcher's rg_matcher__word_at
 * and word_before (rg_text__is_word_cp): the tokenizer's test is a fast
 * path of the same categories, and test_extract_gate checks that both
 * agree on every code point.
 */

/* 1 when offset pos of t[0..len) lies between two letters or digits: a
 * sentence's edge there cuts a word that the key does not cut. */
static RG_TEXT_INLINE int gate_cut_in_word(const char *t, size_t len, size_t pos)
{
    return pos > 0 && pos < len && rg_matcher__word_before(t, len, pos) &&
           rg_matcher__word_at(t, len, pos);
}

/* Adds x to the set u[0..*n) (room for cap), unless it is there; 0 when
 * it is full. */
static int gate_put(int *u, size_t *n, size_t cap, int x)
{
    size_t i;

    for (i = 0; i < *n; i++) {
        if (u[i] == x) {
            return 1;
        }
    }
    if (*n == cap) {
        return 0;
    }
    u[(*n)++] = x;
    return 1;
}

#define GATE_U_MAX 64 /* a document with more actors surely relates two */

/* Adds the adjective entry i's state and its leader at `date` to U. */
static int gate_put_state(const rg_extract__gate *g, size_t i, const rg_actors *a,
                          const rg_date *date, int *u, size_t *n)
{
    int state = g->ent_state[i], leader = date ? rg_actors_leader_at(a, (size_t)state, date) : -1;

    return gate_put(u, n, GATE_U_MAX, state) &&
           (leader < 0 || gate_put(u, n, GATE_U_MAX, leader));
}

/*
 * The word text[lo..hi) that a sentence's edge cut (3(b) of HOW IT WORKS):
 * the token the stance tokenizer makes of it. When it is a state
 * adjective of an entry, that entry's state and leader are added to U
 * (as if a side key had been found). Returns 0 when U is full.
 */
static int gate_edge_word(const rg_extract__gate *g, const char *text, size_t lo, size_t hi,
                          const rg_actors *a, const rg_date *date, int *u, size_t *n)
{
    char low[RG_LX_MAXTOK];
    size_t i;
    int w;

    if (hi - lo > RG_LX_MAXTOK) {
        return 1; /* rg_lexicon__token_exact finds no longer word */
    }
    rg_lexicon__lower(low, text + lo, hi - lo);
    if ((w = rg_lexicon__token_exact(g->lx, low, hi - lo)) < 0) {
        return 1;
    }
    for (i = 0; i < g->nent; i++) {
        if (g->ent_word[i] == (size_t)w && !gate_put_state(g, i, a, date, u, n)) {
            return 0;
        }
    }
    return 1;
}

/* Each kept sentence's edge that falls inside a word: its token, through
 * gate_edge_word. Returns 0 when U is full. */
static int gate_edges(const rg_extract__gate *g, const rg_evidence *ev, const rg_actors *a,
                      const rg_date *date, int *u, size_t *n)
{
    const char *t = ev->clean;
    size_t s, len = ev->clean_len, p, k;
    int32_t cp;

    for (s = 0; s < ev->n_sentences; s++) {
        rg_span sp = ev->sentences[s];
        if (gate_cut_in_word(t, len, sp.start)) {
            for (p = sp.start; p < sp.end && rg_matcher__word_at(t, sp.end, p); p += k) {
                k = rg_text__utf8_decode(t + p, sp.end - p, &cp);
            }
            if (!gate_edge_word(g, t, sp.start, p, a, date, u, n)) {
                return 0;
            }
        }
        if (gate_cut_in_word(t, len, sp.end)) {
            for (p = sp.end; p > sp.start && rg_matcher__word_before(t, sp.end, p);) {
                p = rg_matcher__char_before(t, p);
            }
            if (!gate_edge_word(g, t, p, sp.end, a, date, u, n)) {
                return 0;
            }
        }
    }
    return 1;
}

/* U from ev's mentions and the side keys found (1 of HOW IT WORKS, without
 * the sentence edges) into u[0..*n); 0 when two of them may relate (or U
 * is full). */
static int gate_u(const rg_extract__gate *g, const rg_evidence *ev, const rg_actors *a,
                  const rg_date *date, const uint64_t *side_hits, int *u, size_t *n)
{
    size_t i, e, pass;

    for (i = 0; i < ev->n_mentions; i++) {
        if (!gate_put(u, n, GATE_U_MAX, ev->mentions[i].actor)) {
            return 0;
        }
    }
    for (i = 0; i < RG_EXTRACT__SIDE_WORDS && !side_hits[i]; i++) {
    }
    /* the states first, without their leaders (rg_actors_leader_at costs
     * 400 instructions): most documents that relate do so without them */
    for (pass = 0; pass < 2 && i < RG_EXTRACT__SIDE_WORDS; pass++) {
        if (rg_extract__may_relate(a, u, *n)) {
            return 0;
        }
        for (e = 0; e < g->nent; e++) {
            size_t k = g->ent_side[e];
            if ((side_hits[k >> 6] >> (k & 63) & 1) &&
                !(pass ? gate_put_state(g, e, a, date, u, n)
                       : gate_put(u, n, GATE_U_MAX, g->ent_state[e]))) {
                return 0;
            }
        }
    }
    return !rg_extract__may_relate(a, u, *n);
}

int rg_extract__gate_skips(const rg_extract__gate *g, const rg_evidence *ev,
                           const rg_actors *a, const rg_date *date, const uint64_t *side_hits)
{
    int u[GATE_U_MAX];
    size_t n = 0;

    return gate_u(g, ev, a, date, side_hits, u, &n) && gate_edges(g, ev, a, date, u, &n) &&
           !rg_extract__may_relate(a, u, n);
}

/*
 * Glued capitals (4 of HOW IT WORKS). The splitter cuts between two
 * letters or digits only at a capital right after a lowercase letter or a
 * digit (sentence.c, on_upper: "prisonDans", "2017Dans"); every other cut
 * has white space, a terminal, a quote or a bracket on one side, or is the
 * text's end. So a text without such a pair has no sentence edge inside a
 * word, and gate_edges would add nothing to U whatever the sentences.
 * The bytes are screened 16 at a time: a possible capital (A-Z; 0xC3
 * before 0x80-0x9F, where U+00C0-U+00DF are; a lead byte 0xC4-0xD3, Latin
 * Extended, Greek and Cyrillic; 0xE1, Latin Extended Additional: the
 * splitter knows no other capitals) after a possible lowercase letter or
 * digit (a-z, 0-9, or a continuation byte, which ends any non-ASCII
 * letter); each pair that passes is decoded and classed as the splitter
 * does. Invalid UTF-8 before a capital counts as a pair.
 */

/* 1 when the code point at s[p] (p > 0) is a capital after a lowercase
 * letter or a digit, in the splitter's classes. */
static int gate_glued_at(const unsigned char *s, size_t len, size_t p)
{
    size_t n, start;
    uint32_t before;
    int c;

    if (cp_class(u8_dec(s, len, p, &n)) != C_UP) {
        return 0;
    }
    before = u8_prev(s, 0, p, &start);
    c = cp_class(before);
    return before == CP_INVALID || c == C_LO || c == C_DI;
}

/* The byte screen of one pair: s[p - 1] may end a lowercase letter or a
 * digit, s[p] may start a capital (p + 1 < len). */
static RG_TEXT_INLINE int gate_glue_maybe(const unsigned char *s, size_t p)
{
    unsigned a = s[p - 1], b = s[p];

    return ((a - 'a') < 26u || (a - '0') < 10u || (a & 0xC0) == 0x80) &&
           ((b - 'A') < 26u || (b == 0xC3 && s[p + 1] < 0xA0) || (b - 0xC4) < 16u || b == 0xE1);
}

#if RG_TEXT_WIDE && defined(__SSE2__)
/* gate_glue_next's screen 32 bytes at a time, up to 33 bytes before len:
 * the first glued capital from s[p], or where the screen stopped. */
__attribute__((target("avx2"))) static size_t gate_glue_wide(const unsigned char *s,
                                                             size_t len, size_t p)
{
    const __m256i a_lo = _mm256_set1_epi8('a'), n25 = _mm256_set1_epi8(25);
    const __m256i d0 = _mm256_set1_epi8('0'), n9 = _mm256_set1_epi8(9);
    const __m256i n15 = _mm256_set1_epi8(15), a_up = _mm256_set1_epi8('A');
    const __m256i below_c0 = _mm256_set1_epi8(-64), below_a0 = _mm256_set1_epi8(-96);
    const __m256i c3 = _mm256_set1_epi8((char)0xC3), c4 = _mm256_set1_epi8((char)0xC4);
    const __m256i e1 = _mm256_set1_epi8((char)0xE1);

    for (; p + 33 <= len; p += 32) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(s + p));
        __m256i z = _mm256_loadu_si256((const __m256i *)(const void *)(s + p + 1));
        __m256i up = _mm256_sub_epi8(x, a_up), ext = _mm256_sub_epi8(x, c4), y, lo, dg;
        __m256i cap = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(up, n25), up),
                            _mm256_cmpeq_epi8(_mm256_min_epu8(ext, n15), ext)),
            _mm256_or_si256(_mm256_and_si256(_mm256_cmpeq_epi8(x, c3),
                                             _mm256_cmpgt_epi8(below_a0, z)),
                            _mm256_cmpeq_epi8(x, e1)));
        unsigned m = (unsigned)_mm256_movemask_epi8(cap);

        if (!m) {
            continue;
        }
        y = _mm256_loadu_si256((const __m256i *)(const void *)(s + p - 1));
        lo = _mm256_sub_epi8(y, a_lo);
        dg = _mm256_sub_epi8(y, d0);
        m &= (unsigned)_mm256_movemask_epi8(
            _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(lo, n25), lo),
                                            _mm256_cmpeq_epi8(_mm256_min_epu8(dg, n9), dg)),
                            _mm256_cmpgt_epi8(below_c0, y)));
        while (m) {
            if (gate_glued_at(s, len, p + rg__ctz64(m))) {
                return p + rg__ctz64(m);
            }
            m &= m - 1;
        }
    }
    return p;
}
#endif

/* The first glued capital at or after s[p] (p >= 1), or len. */
static size_t gate_glue_next(const unsigned char *s, size_t len, size_t p)
{
    if (p == 0) {
        p = 1;
    }
#if RG_TEXT_WIDE && defined(__SSE2__)
    if (rg__cpu_level() >= RG_CPU_AVX2 && (p = gate_glue_wide(s, len, p)) + 33 <= len) {
        return p;
    }
#endif
#if defined(__SSE2__)
    const __m128i a_lo = _mm_set1_epi8('a'), n25 = _mm_set1_epi8(25);
    const __m128i d0 = _mm_set1_epi8('0'), n9 = _mm_set1_epi8(9), n15 = _mm_set1_epi8(15);
    const __m128i below_c0 = _mm_set1_epi8(-64), below_a0 = _mm_set1_epi8(-96);
    const __m128i a_up = _mm_set1_epi8('A'), c3 = _mm_set1_epi8((char)0xC3);
    const __m128i c4 = _mm_set1_epi8((char)0xC4), e1 = _mm_set1_epi8((char)0xE1);

    for (; p + 17 <= len; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
        __m128i z = _mm_loadu_si128((const __m128i *)(const void *)(s + p + 1));
        __m128i up = _mm_sub_epi8(x, a_up), ext = _mm_sub_epi8(x, c4), y, lo, dg, before;
        /* signed: a continuation byte is below -64, 0x80-0x9F below -96 */
        __m128i cap = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(up, n25), up),
                         _mm_cmpeq_epi8(_mm_min_epu8(ext, n15), ext)),
            _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(x, c3), _mm_cmplt_epi8(z, below_a0)),
                         _mm_cmpeq_epi8(x, e1)));
        unsigned m = (unsigned)_mm_movemask_epi8(cap);

        if (!m) {
            continue; /* most blocks: no capital */
        }
        y = _mm_loadu_si128((const __m128i *)(const void *)(s + p - 1));
        lo = _mm_sub_epi8(y, a_lo);
        dg = _mm_sub_epi8(y, d0);
        before = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(lo, n25), lo),
                                           _mm_cmpeq_epi8(_mm_min_epu8(dg, n9), dg)),
                              _mm_cmplt_epi8(y, below_c0));
        m &= (unsigned)_mm_movemask_epi8(before);

        while (m) {
            if (gate_glued_at(s, len, p + rg__ctz64(m))) {
                return p + rg__ctz64(m);
            }
            m &= m - 1;
        }
    }
#endif
    for (; p + 1 < len; p++) {
        if (gate_glue_maybe(s, p) && gate_glued_at(s, len, p)) {
            return p;
        }
    }
    return p < len && gate_glued_at(s, len, p) ? p : len; /* the last byte */
}

/*
 * gate_edges for a text not split: the words at each glued capital p, as
 * if a sentence's edge were there. With one glued capital in its word W,
 * an edge at p makes the tokens W[..p) and W[p..) (an edge elsewhere in W
 * there is not); a word with two or more is not looked at, and 0 is
 * returned as if U were full. Returns 0 when U is full.
 */
static int gate_glue_words(const rg_extract__gate *g, const char *t, size_t len,
                           const rg_actors *a, const rg_date *date, int *u, size_t *n)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t p, q, lo, hi, k;
    int32_t cp;

    for (p = gate_glue_next(s, len, 1); p < len; p = q) {
        for (lo = p; lo > 0 && rg_matcher__word_before(t, len, lo);) {
            lo = rg_matcher__char_before(t, lo);
        }
        for (hi = p; hi < len && rg_matcher__word_at(t, len, hi); hi += k) {
            k = rg_text__utf8_decode(t + hi, len - hi, &cp);
        }
        if (hi == p || (q = gate_glue_next(s, len, p + 1)) < hi) {
            return 0; /* not a word, or a second glued capital in it */
        }
        if (!gate_edge_word(g, t, lo, p, a, date, u, n) ||
            !gate_edge_word(g, t, p, hi, a, date, u, n)) {
            return 0;
        }
    }
    return 1;
}

size_t rg_extract__gate_glue_next(const char *text, size_t len, size_t p)
{
    return gate_glue_next((const unsigned char *)text, len, p);
}

int rg_extract__gate_idle(const rg_extract__gate *g, const rg_evidence *ev, const rg_actors *a,
                          const rg_date *date, const uint64_t *side_hits)
{
    int u[GATE_U_MAX];
    size_t n = 0;

    return gate_u(g, ev, a, date, side_hits, u, &n) &&
           gate_glue_words(g, ev->clean, ev->clean_len, a, date, u, &n) &&
           !rg_extract__may_relate(a, u, n);
}
