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
 */
#include <string.h> /* memcmp, strlen */

#include "common.h"
#include "extract_internal.h"
#include "lexicon.h"       /* rg_lexicon__adj_word, rg_lexicon__is_word_cp */
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

int rg_extract__gate_skips(const rg_extract__gate *g, const rg_evidence *ev,
                           const rg_actors *a, const rg_date *date, const uint64_t *side_hits)
{
    int u[GATE_U_MAX];
    size_t n = 0, i, e, pass;

    for (i = 0; i < ev->n_mentions; i++) {
        if (!gate_put(u, &n, GATE_U_MAX, ev->mentions[i].actor)) {
            return 0;
        }
    }
    for (i = 0; i < RG_EXTRACT__SIDE_WORDS && !side_hits[i]; i++) {
    }
    /* the states first, without their leaders (rg_actors_leader_at costs
     * 400 instructions): most documents that relate do so without them */
    for (pass = 0; pass < 2 && i < RG_EXTRACT__SIDE_WORDS; pass++) {
        if (rg_extract__may_relate(a, u, n)) {
            return 0;
        }
        for (e = 0; e < g->nent; e++) {
            size_t k = g->ent_side[e];
            if ((side_hits[k >> 6] >> (k & 63) & 1) &&
                !(pass ? gate_put_state(g, e, a, date, u, &n)
                       : gate_put(u, &n, GATE_U_MAX, g->ent_state[e]))) {
                return 0;
            }
        }
    }
    return !rg_extract__may_relate(a, u, n) && gate_edges(g, ev, a, date, u, &n) &&
           !rg_extract__may_relate(a, u, n);
}
