/* SPDX-License-Identifier: MIT */
/*
 * Stance step 1: tokens. A sentence is cut into words and punctuation
 * (st_tok, kept in the context's vectors, keys lower-cased into one shared
 * buffer, quotes nested as their marks come) with the word scanner the prescan
 * (stance_prescan.c) uses too (stance_scan.h); then the words outside items
 * are stemmed.
 */
#include <stdint.h> /* int32_t */
#include <string.h> /* memcmp, memcpy */

#include "stance_internal.h"
#include "stance_scan.h"   /* st_word_end, st_lower_word, st_upper_at */
#include "text_internal.h" /* rg_text__utf8_decode */

/* ---- 1. tokens ---- */

/* Appends a token inside quote `quote` (-1: none), its fields set one by
 * one (no memset and copy: the tokenizer pushes one per word); a word gives
 * its key (koff, klen), hyphen and capital, punctuation 0 for each. */
static inline int st_push_tok(rg_stance_ctx *c,
                              tk_kind kind,
                              size_t s, /* the token is text[s..e) */
                              size_t e,
                              size_t koff, /* key in c->kbuf, klen bytes */
                              int klen,
                              int hyph,  /* a hyphen joins it to the previous word */
                              int upper, /* starts with a capital letter */
                              int quote)
{
    st_tok *t;

    if (c->tok.n == c->tok.cap &&
        rg__vec_grow(&c->tok.v, &c->tok.cap, c->tok.n + 1, sizeof *c->tok.v) < 0) {
        return RG_ERROR;
    }
    t = &c->tok.v[c->tok.n++];
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
    return RG_OK;
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
 * as it goes: *cur is the innermost open quote (-1: none); an opening mark
 * opens one inside it, a closing mark closes it. Each token's quote is the
 * innermost one around it, marks included. A quote left open is closed by
 * st_close_quotes at the end of the sentence.
 */
static int st_push_punct(rg_stance_ctx *c, tk_kind kind, size_t s, size_t e, int *cur)
{
    int t = (int)c->tok.n;

    if (kind == TK_QOPEN) {
        st_quote q = { t, -1, *cur, -1 };
        if (RG_VEC_PUSH(c->quotes, q) < 0) {
            return RG_ERROR;
        }
        *cur = (int)c->quotes.n - 1;
        return st_push_tok(c, kind, s, e, 0, 0, 0, 0, *cur);
    }
    if (kind == TK_QCLOSE && *cur >= 0) {
        int q = *cur;
        c->quotes.v[q].close = t;
        *cur = c->quotes.v[q].parent;
        return st_push_tok(c, kind, s, e, 0, 0, 0, 0, q);
    }
    return st_push_tok(c, kind, s, e, 0, 0, 0, 0, *cur);
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
 * rg_lexicon__lower of 16 bytes at once, for a word of at most 16 bytes:
 * A..Z + 0x20; the second byte of À..Þ (C3 80..9E, not × C3 97) + 0x20;
 * Œ (C5 92) -> œ (C5 93). Each test looks at a byte and the one before it
 * (none before the first): a pair is never read across the word's start,
 * and no byte rg_lexicon__lower changes can start a pair itself, so pairs
 * cannot overlap as they could in a left-to-right loop.
 */
static inline __m128i st_lower16(__m128i x)
{
    __m128i prev = _mm_slli_si128(x, 1);
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

/* Appends the word token text[s..e) (`ascii`: no byte >= 0x80), its
 * lower-case key and, for a state adjective, its id (st_tok.ids: other
 * words are looked up by rg_st__stem_words, when cues are sought). The key
 * buffer holds the sentence's length already (rg_st__tokenize). */
static int st_push_word(rg_stance_ctx *c,
                        const rg_lexicon *lx,
                        const char *text,
                        size_t s,   /* the word is text[s..e) */
                        size_t e,
                        size_t end, /* end of the sentence */
                        int ascii,  /* st_word_end's flag */
                        int hyph,   /* a hyphen joins it to the previous word */
                        int quote)  /* the innermost quote, -1: none */
{
    size_t n = e - s;
    st_tok *t;
    char *key = c->kbuf.v + c->kbuf.n;

    if (st_push_tok(c, TK_WORD, s, e, c->kbuf.n, (int)n, hyph, st_upper_at(text, s, n),
                    quote) < 0) {
        return RG_ERROR;
    }
    t = &c->tok.v[c->tok.n - 1];
#if ST_SSE2
    if (n <= 16 && end - s >= 16) {
        /* 16 bytes lower-cased at once; the bytes past the word land in
         * the key buffer's spare room (rg_st__tokenize) and are overwritten */
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(text + s));
        _mm_storeu_si128((__m128i *)(void *)key,
                         ascii ? _mm_or_si128(x, _mm_set1_epi8(0x20)) : st_lower16(x));
    } else
#else
    (void)end; /* only the SSE2 store needs the room after the word */
#endif
    {
        st_lower_word(key, text, s, n, ascii);
    }
    if (st_pron_maybe(key[0], n) && st_is_pronoun(key, n)) {
        if (c->pron.n == c->pron.cap &&
            rg__vec_grow(&c->pron.v, &c->pron.cap, c->pron.n + 1, sizeof *c->pron.v) < 0) {
            return RG_ERROR;
        }
        c->pron.v[c->pron.n++] = (int)c->tok.n - 1;
    }
    if (((lx->adj_lens[(unsigned char)key[0]] & rg_lexicon__len_bit(n)) &&
         rg_lexicon__adj_maybe(lx, key, n) && st_adj_id(t, lx, key, n)) ||
        (n == 4 && memcmp(key, "deux", 4) == 0)) {
        if (c->adjs.n == c->adjs.cap &&
            rg__vec_grow(&c->adjs.v, &c->adjs.cap, c->adjs.n + 1, sizeof *c->adjs.v) < 0) {
            return RG_ERROR;
        }
        c->adjs.v[c->adjs.n++] = (int)c->tok.n - 1;
    }
    c->kbuf.n += n;
    return RG_OK;
}

int rg_st__tokenize(rg_stance_ctx *c, const rg_lexicon *lx, const char *text, rg_span sent)
{
    size_t i = sent.start, dq_open = 0;
    int hyph = 0, quote = -1, error;

    c->tok.n = 0;
    c->kbuf.n = 0;
    c->pron.n = 0;
    c->adjs.n = 0;
    c->quotes.n = 0;
    /* the keys of a sentence's words are no longer than the sentence; 16
     * bytes more for st_push_word's 16-byte stores */
    if (rg__vec_grow(&c->kbuf.v, &c->kbuf.cap, sent.end - sent.start + 16, 1) < 0) {
        return RG_ERROR;
    }
    while (i < sent.end) {
        int32_t cp;
        size_t k;
        unsigned char b = (unsigned char)text[i];
        if ((st_ascii_class[b] & ST_WORD) || (b >= 0x80 && st_word_cp_len(text, i, sent.end))) {
            size_t s = i;
            int ascii;
            i = st_word_end(text, i, sent.end, &ascii);
            if ((error = st_push_word(c, lx, text, s, i, sent.end, ascii, hyph, quote)) < 0) {
                return error;
            }
            hyph = 0;
            i += i < sent.end && text[i] == ' '; /* the space after a word: no token */
            continue;
        }
        if (b == ' ') {
            hyph = 0; /* the common separator: no token */
            i++;
            continue;
        }
        if ((k = rg_text__utf8_decode(text + i, sent.end - i, &cp)) == (size_t)-1) {
            k = 1;
            cp = 0xFFFD;
        }
        {
            int dquote = 0;
            tk_kind kind = st_punct(cp, &dquote);
            hyph = cp == '-' || cp == 0x2010 || cp == 0x2011;
            if (dquote) {
                kind = dq_open ? TK_QCLOSE : TK_QOPEN;
                dq_open = !dq_open;
            }
            if (kind != TK_WORD && (error = st_push_punct(c, kind, i, i + k, &quote)) < 0) {
                return error;
            }
        }
        i += k;
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
