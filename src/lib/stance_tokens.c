/* SPDX-License-Identifier: MIT */
/*
 * Stance step 1: tokens. A sentence is lowered whole into the context's
 * key buffer (st_lower_sentence), then cut there into words and punctuation
 * (st_tok, kept in the context's vectors, each word's key in place, quotes
 * nested as their marks come) as the prescan's word scanner (stance_prescan.c,
 * stance_scan.h) cuts the text; then the words outside items are stemmed.
 */
#include <stdint.h> /* int32_t */
#include <string.h> /* memcmp, memcpy */

#include "stance_internal.h"
#include "stance_scan.h"   /* st_word_end, st_lower_word, st_upper_at */
#include "text_internal.h" /* rg_text__utf8_decode */

/* ---- 1. tokens ---- */

/*
 * The tokenizer's cursor: the context's token and key vectors, copied into
 * locals for a stretch of the sentence (st_tok_run) and written back after
 * it. Each token is stored as bytes among other fields, and a byte store
 * may alias anything: through the context, every push reloaded the
 * vectors' pointers and counts.
 */
typedef struct {
    st_tok *v;        /* c->tok.v, with room for a token per byte of the stretch */
    size_t n;         /* tokens */
    const char *kb;   /* c->kbuf.v: the sentence lowered (st_lower_sentence), where
                       * the tokens are cut; offsets below are in it */
    size_t base;      /* the sentence's start in the text */
    size_t hyph_end;  /* just after the last hyphen (- U+2010 U+2011), SIZE_MAX: none;
                       * a word that starts there is joined to the one before */
    int quote;        /* the innermost open quote, -1: none */
    int dq_open;      /* a straight double quote is open */
} st_cur;

/* Appends a token inside quote `quote` (-1: none), its fields set one by
 * one (no memset and copy: the tokenizer pushes one per word); a word gives
 * its key (koff, klen), hyphen and capital, punctuation 0 for each. The
 * room is there (st_tok_run). */
static inline st_tok *st_push_tok(st_cur *u,
                                  tk_kind kind,
                                  size_t s, /* the token is text[s..e) */
                                  size_t e,
                                  size_t koff, /* key in c->kbuf, klen bytes */
                                  int klen,
                                  int hyph,  /* a hyphen joins it to the previous word */
                                  int upper, /* starts with a capital letter */
                                  int quote)
{
    st_tok *t = &u->v[u->n++];

    t->start = s;
    t->end = e;
    t->koff = koff;
    t->klen = klen;
    t->ids[0] = t->ids[1] = t->ids[2] = -1;
    t->item = -1;
    t->wid = ST_WID_UNSET;
    t->quote = quote;
    t->kind = (unsigned char)kind;
    t->hyph = (unsigned char)hyph;
    t->upper = (unsigned char)upper;
    return t;
}

/* Punctuation code point -> token kind; TK_WORD means "separator, no token". */
static tk_kind st_punct(int32_t cp, int *dquote)
{
    switch (cp) {
    case ',': return TK_COMMA;
    case ';': return TK_SEMI;
    case ':': return TK_COLON;
    case '.': case '!': case '?': case 0x2026: return TK_END;
    case 0xAB: case 0x201C: case 0x2039: case 0x201E: return TK_QOPEN;
    case 0xBB: case 0x201D: case 0x203A: return TK_QCLOSE;
    case '"': *dquote = 1; return TK_QOPEN;
    case '(': case ')': case '[': case ']': return TK_OTHER;
    default: return TK_WORD;
    }
}

/*
 * Appends the punctuation token text[s..e) of kind `kind` and nests quotes
 * as it goes: u->quote is the innermost open quote (-1: none); an opening
 * mark opens one inside it, a closing mark closes it. Each token's quote is
 * the innermost one around it, marks included. A quote left open is closed
 * by st_close_quotes at the end of the sentence.
 */
static int st_push_punct(rg_stance_ctx *c, st_cur *u, tk_kind kind, size_t s, size_t e)
{
    int t = (int)u->n;

    if (kind == TK_QOPEN) {
        st_quote q = { t, -1, u->quote, -1 };
        if (RG_VEC_PUSH(c->quotes, q) < 0) {
            return RG_ERROR;
        }
        u->quote = (int)c->quotes.n - 1;
        st_push_tok(u, kind, s, e, 0, 0, 0, 0, u->quote);
        return RG_OK;
    }
    if (kind == TK_QCLOSE && u->quote >= 0) {
        int q = u->quote;
        c->quotes.v[q].close = t;
        u->quote = c->quotes.v[q].parent;
        st_push_tok(u, kind, s, e, 0, 0, 0, 0, q);
        return RG_OK;
    }
    st_push_tok(u, kind, s, e, 0, 0, 0, 0, u->quote);
    return RG_OK;
}

/* quotes still open at the end of the sentence close after its last token */
static void st_close_quotes(rg_stance_ctx *c)
{
    size_t q;

    for (q = 0; q < c->quotes.n; q++) {
        if (c->quotes.v[q].close < 0) {
            c->quotes.v[q].close = (int)c->tok.n;
        }
    }
}

#if ST_SSE2
/*
 * rg_lexicon__lower of the 16 bytes x, `prev` holding the byte before each
 * (0 where there is none): A..Z + 0x20; the second byte of À..Þ (C3
 * 80..9E, not × C3 97) + 0x20; Œ (C5 92) -> œ (C5 93). No byte
 * rg_lexicon__lower changes can start a pair itself, so pairs cannot
 * overlap as they could in a left-to-right loop.
 */
static inline __m128i st_lower16(__m128i x, __m128i prev)
{
    __m128i upper = st_in_range16(x, 'A', 'Z' - 'A');
    __m128i latin = _mm_and_si128(
        _mm_and_si128(_mm_cmpeq_epi8(prev, _mm_set1_epi8((char)0xC3)),
                      st_in_range16(x, 0x80, 0x9E - 0x80)),
        _mm_xor_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x97)), _mm_set1_epi8(-1)));
    __m128i oe = _mm_and_si128(_mm_cmpeq_epi8(prev, _mm_set1_epi8((char)0xC5)),
                               _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x92)));

    return _mm_add_epi8(_mm_add_epi8(x, _mm_and_si128(_mm_or_si128(upper, latin),
                                                      _mm_set1_epi8(0x20))),
                        _mm_and_si128(oe, _mm_set1_epi8(1)));
}
#endif

/* Spaces after the lowered sentence in the key buffer: the word scanner
 * reads 16 bytes at a time up to the sentence's end and stops there */
#define ST_PAD 16

/*
 * The key buffer: rg_lexicon__lower of the whole sentence t[0..n), then
 * ST_PAD spaces, so that the key of the word at offsets [s, e) of the
 * sentence is kb[s..e) (koff = s). That is the word's own
 * rg_lexicon__lower: a pair is lowered at its second byte after a lead C3
 * or C5, and a word never starts with a second byte (they are no code
 * point start), nor ends with a lead whose second byte follows (the
 * two-byte letter would go on the word). One pass of 16 bytes a step costs
 * less than a store for each word. The tokens are cut from this copy:
 * lowering changes no byte outside words and keeps every letter a letter
 * (C3 A0..BE are st_latin2 letters as C3 80..9E are), and the padding lets
 * the scanner take 16 bytes at a time to the end (a code point cut by the
 * end is as invalid before a space as before nothing).
 */
static void st_lower_sentence(char *kb, const char *t, size_t n)
{
#if ST_SSE2
    size_t j;

    if (n >= 16) {
        /* the first step shifts its bytes for their previous ones (none
         * before the first), the others read them at -1; the last ends
         * with the sentence, over the step before it */
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)t);
        _mm_storeu_si128((__m128i *)(void *)kb, st_lower16(x, _mm_slli_si128(x, 1)));
        for (j = 16; j < n; j += 16) {
            size_t o = j + 16 <= n ? j : n - 16;
            x = _mm_loadu_si128((const __m128i *)(const void *)(t + o));
            _mm_storeu_si128(
                (__m128i *)(void *)(kb + o),
                st_lower16(x, _mm_loadu_si128((const __m128i *)(const void *)(t + o - 1))));
        }
    } else
#endif
    {
        rg_lexicon__lower(kb, t, n);
    }
    memset(kb + n, ' ', ST_PAD);
}

/* 1 when key[0..n) (n <= 5, starting with i, e or l: st_pron_maybe) is a
 * pronoun the pronoun rules take: il, ils, elle, elles, lui, l (of "l'a") */
static int st_is_pronoun(const char *key, size_t n)
{
    switch (n) {
    case 1: return key[0] == 'l';
    case 2: return key[0] == 'i' && key[1] == 'l';
    case 3: return memcmp(key, "ils", 3) == 0 || memcmp(key, "lui", 3) == 0;
    case 4: return memcmp(key, "elle", 4) == 0;
    case 5: return memcmp(key, "elles", 5) == 0;
    default: return 0;
    }
}

/* Sets t->ids[0] to the id of the key[0..n) when it is a state adjective;
 * 1 when it is one. */
static int st_adj_id(st_tok *t, const rg_lexicon *lx, const char *key, size_t n)
{
    int w = rg_lexicon__token_exact(lx, key, n);

    t->ids[0] = w >= 0 && lx->adj_state[w] ? w : -1;
    return t->ids[0] >= 0;
}

/* Appends `x` to the int vector vec (the pronouns, the adjectives: a few a
 * sentence) */
#define ST_PUSH_INDEX(vec, x)                                                              \
    ((vec).n == (vec).cap &&                                                               \
             rg__vec_grow(&(vec).v, &(vec).cap, (vec).n + 1, sizeof *(vec).v) < 0          \
         ? RG_ERROR                                                                        \
         : ((vec).v[(vec).n++] = (x), RG_OK))

/* Appends the word token at kb[s..e) (offsets in the sentence), its key
 * there in place (st_lower_sentence) and, for a state adjective, its id
 * (st_tok.ids: other words are looked up by rg_st__stem_words, when cues
 * are sought); lists it among the pronouns and adjectives. */
static inline int st_push_word(rg_stance_ctx *c, st_cur *u, const rg_lexicon *lx,
                               const char *text, size_t s, size_t e)
{
    size_t n = e - s;
    const char *key = u->kb + s;
    st_tok *t = st_push_tok(u, TK_WORD, u->base + s, u->base + e, s, (int)n, s == u->hyph_end,
                            st_upper_at(text, u->base + s, n), u->quote);

    if (st_pron_maybe(key[0], n) && st_is_pronoun(key, n) &&
        ST_PUSH_INDEX(c->pron, (int)u->n - 1) < 0) {
        return RG_ERROR;
    }
    if ((((lx->adj_lens[(unsigned char)key[0]] & rg_lexicon__len_bit(n)) &&
          rg_lexicon__adj_maybe(lx, key, n) && st_adj_id(t, lx, key, n)) ||
         (n == 4 && memcmp(key, "deux", 4) == 0)) &&
        ST_PUSH_INDEX(c->adjs, (int)u->n - 1) < 0) {
        return RG_ERROR;
    }
    return RG_OK;
}

/* The token of the character at kb[i] that is neither a word's nor a
 * space (punctuation, a sign, an invalid byte: one byte), kb ending at
 * `end`; its length. */
static inline size_t st_tok_other(rg_stance_ctx *c, st_cur *u, size_t i, size_t end, int *error)
{
    int32_t cp;
    int dquote = 0;
    tk_kind kind;
    size_t k = rg_text__utf8_decode(u->kb + i, end - i, &cp);

    if (k == (size_t)-1) {
        k = 1;
        cp = 0xFFFD;
    }
    kind = st_punct(cp, &dquote);
    if (cp == '-' || cp == 0x2010 || cp == 0x2011) {
        u->hyph_end = i + k;
    }
    if (dquote) {
        kind = u->dq_open ? TK_QCLOSE : TK_QOPEN;
        u->dq_open = !u->dq_open;
    }
    if (kind != TK_WORD) {
        *error = st_push_punct(c, u, kind, u->base + i, u->base + i + k);
    }
    return k;
}

#if ST_SSE2
/*
 * st_word_end over the padded key buffer (st_lower_sentence: 16 bytes can
 * be read from any offset of the sentence): the end of the word that starts
 * at kb[i], `end` the padding's end. When a block stops at a byte >= 0x80,
 * the two-byte Latin letters of the whole block are found at once (leads
 * C3..C8 before a second byte, not × ÷, as st_latin2 says) and taken as
 * letters, so that a word's accents cost one step, not one each.
 */
static inline size_t st_tok_word_end(const char *kb, size_t i, size_t end)
{
    for (;;) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(kb + i));
        unsigned m = ~(unsigned)_mm_movemask_epi8(st_alnum16(x)) & 0xFFFFu;
        unsigned hi = (unsigned)_mm_movemask_epi8(x), lead, cont, sign;
        size_t k;

        if (!(m & -m & hi)) {
            if (m) {
                return i + (size_t)__builtin_ctz(m); /* an ASCII byte ends it */
            }
            i += 16;
            continue;
        }
        lead = (unsigned)_mm_movemask_epi8(st_in_range16(x, 0xC3, 0xC8 - 0xC3));
        cont = (unsigned)_mm_movemask_epi8(st_in_range16(x, 0x80, 0xBF - 0x80));
        sign = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3))) &
               (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
                                                          _mm_set1_epi8((char)0xB7))) >> 1;
        lead &= cont >> 1 & ~sign;
        m &= ~(lead | lead << 1);
        if (m == 0) {
            i += 16;
            continue;
        }
        i += (size_t)__builtin_ctz(m);
        if ((unsigned char)kb[i] < 0x80 || (k = st_word_cp_len(kb, i, end)) == 0) {
            return i;
        }
        i += k; /* another word code point, or a letter cut by the block's end */
    }
}
#endif

/* Bytes of a stretch (st_tok_run): the token vector grows once for each */
#define ST_RUN 256

/*
 * The tokens that start in kb[i..stop) (offsets in the sentence; stop - i
 * <= ST_RUN: at most one token a byte, for which u has room); `end` is the
 * end of kb's padding (st_lower_sentence). Returns the offset where the
 * next token may start (a word may end past stop), or SIZE_MAX on an
 * error.
 */
static size_t st_tok_run(rg_stance_ctx *c, st_cur *u, const rg_lexicon *lx, const char *text,
                         size_t i, size_t stop, size_t end)
{
    const char *kb = u->kb;
    int error = RG_OK;

    while (i < stop) {
        unsigned char b = (unsigned char)kb[i];
        if ((st_ascii_class[b] & ST_WORD) || (b >= 0x80 && st_word_cp_len(kb, i, end))) {
            size_t s = i;
#if ST_SSE2
            i = st_tok_word_end(kb, i, end);
#else
            int ascii; /* not needed: the keys are lowered with the sentence */
            i = st_word_end(kb, i, end, &ascii);
#endif
            if (st_push_word(c, u, lx, text, s, i) < 0) {
                return SIZE_MAX;
            }
            i += kb[i] == ' '; /* the space after a word (or padding): no token */
        } else if (b == ' ' || b == '\'') {
            i++; /* the common separators: no token ("l'Iran") */
        } else {
            i += st_tok_other(c, u, i, end, &error);
            if (error < 0) {
                return SIZE_MAX;
            }
        }
    }
    return i;
}

int rg_st__tokenize(rg_stance_ctx *c, const rg_lexicon *lx, const char *text, rg_span sent)
{
    size_t i = 0, n = sent.end - sent.start;
    st_cur u;

    c->tok.n = 0;
    c->pron.n = 0;
    c->adjs.n = 0;
    c->quotes.n = 0;
    if (rg__vec_grow(&c->kbuf.v, &c->kbuf.cap, n + ST_PAD, 1) < 0) {
        return RG_ERROR;
    }
    st_lower_sentence(c->kbuf.v, text + sent.start, n);
    c->kbuf.n = n;
    u.n = 0;
    u.kb = c->kbuf.v;
    u.base = sent.start;
    u.hyph_end = SIZE_MAX;
    u.dq_open = 0;
    u.quote = -1;
    while (i < n) {
        size_t stop = n - i > ST_RUN ? i + ST_RUN : n;
        if (rg__vec_grow(&c->tok.v, &c->tok.cap, u.n + (stop - i), sizeof *c->tok.v) < 0) {
            return RG_ERROR;
        }
        u.v = c->tok.v;
        i = st_tok_run(c, &u, lx, text, i, stop, n + ST_PAD);
        c->tok.n = u.n;
        if (i == SIZE_MAX) {
            return RG_ERROR;
        }
    }
    st_close_quotes(c);
    return RG_OK;
}

/* ids of the words outside items among tokens [from, to): only they can
 * be cues. Their stems only where one may open a cue; rg_st__find_cues
 * asks for the others when a cue reaches them (RG_LX_LATER, lexicon.h) */
void rg_st__stem_words(rg_stance_ctx *c, const rg_lexicon *lx, size_t from, size_t to)
{
    size_t t;

    for (t = from; t < to; t++) {
        st_tok *tk = &c->tok.v[t];
        if (tk->kind == TK_WORD && tk->item < 0) {
            rg_lexicon__token_ids_lead(lx, c->stemmer, c->kbuf.v + tk->koff, (size_t)tk->klen,
                                       tk->ids);
        }
    }
}
