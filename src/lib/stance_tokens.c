/* SPDX-License-Identifier: MIT */
/*
 * Stance step 1: tokens. A sentence is cut into words and punctuation
 * (st_tok, kept in the context's vectors, keys lower-cased into one shared
 * buffer, quotes nested by a stack walk), and the cheap prescan that drops
 * sentences which cannot hold two items before any tokenizing or stemming.
 */
#include <stdint.h> /* uint64_t */
#include <string.h> /* memcmp, memset, strlen */

#include "stance_internal.h"
#include "text_internal.h" /* rg_text__utf8_decode */

/* ---- 1. tokens ---- */

static int st_push_tok(rg_stance_ctx *c, tk_kind kind, size_t s, size_t e)
{
    st_tok t;

    memset(&t, 0, sizeof t);
    t.kind = (unsigned char)kind;
    t.start = s;
    t.end = e;
    t.quote = -1;
    t.item = -1;
    t.ids[0] = t.ids[1] = t.ids[2] = -1;
    return RG_VEC_PUSH(c->tok, t);
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

/* quotes: nesting by a stack walk; each token gets its innermost quote */
static int st_nest_quotes(rg_stance_ctx *c)
{
    int cur = -1;
    size_t t;

    for (t = 0; t < c->tok.n; t++) {
        st_tok *tk = &c->tok.v[t];
        if (tk->kind == TK_QOPEN) {
            st_quote q = { (int)t, (int)c->tok.n, cur, -1 };
            if (RG_VEC_PUSH(c->quotes, q) < 0) {
                return RG_ERROR;
            }
            cur = (int)c->quotes.n - 1;
            tk->quote = cur;
        } else if (tk->kind == TK_QCLOSE && cur >= 0) {
            tk->quote = cur;
            c->quotes.v[cur].close = (int)t;
            cur = c->quotes.v[cur].parent;
        } else {
            tk->quote = cur;
        }
    }
    return RG_OK;
}

/* starts with a capital letter: ASCII, or a Latin-1 capital (U+00C0..U+00DF) */
static int st_upper_at(const char *text, size_t s, size_t n)
{
    return (text[s] >= 'A' && text[s] <= 'Z') ||
           ((unsigned char)text[s] == 0xC3 && n > 1 && (unsigned char)text[s + 1] < 0xA0);
}

int rg_st__tokenize(rg_stance_ctx *c, const rg_lexicon *lx, const char *text, rg_span sent)
{
    size_t i = sent.start, dq_open = 0;
    int hyph = 0, error;

    c->tok.n = 0;
    c->kbuf.n = 0;
    c->quotes.n = 0;
    while (i < sent.end) {
        int32_t cp;
        size_t k = rg_text__utf8_decode(text + i, sent.end - i, &cp);
        if (k == (size_t)-1) {
            k = 1;
            cp = 0xFFFD;
        }
        if (rg_lexicon__is_word_cp(cp)) {
            size_t s = i, n;
            st_tok *t;
            while (i < sent.end) {
                k = rg_text__utf8_decode(text + i, sent.end - i, &cp);
                if (k == (size_t)-1 || !rg_lexicon__is_word_cp(cp)) {
                    break;
                }
                i += k;
            }
            if ((error = st_push_tok(c, TK_WORD, s, i)) < 0) {
                return error;
            }
            n = i - s;
            if (rg__vec_grow(&c->kbuf.v, &c->kbuf.cap, c->kbuf.n + n, 1) < 0) {
                return RG_ERROR;
            }
            t = &c->tok.v[c->tok.n - 1];
            t->koff = c->kbuf.n;
            t->klen = (int)n;
            t->hyph = (unsigned char)hyph;
            t->upper = (unsigned char)st_upper_at(text, s, n);
            rg_lexicon__lower(c->kbuf.v + c->kbuf.n, text + s, n);
            t->ids[0] = rg_lexicon__token_exact(lx, c->kbuf.v + c->kbuf.n, n);
            c->kbuf.n += n;
            hyph = 0;
            continue;
        }
        {
            int dquote = 0;
            tk_kind kind = st_punct(cp, &dquote);
            hyph = cp == '-' || cp == 0x2010 || cp == 0x2011;
            if (dquote) {
                kind = dq_open ? TK_QCLOSE : TK_QOPEN;
                dq_open = !dq_open;
            }
            if (kind != TK_WORD && (error = st_push_tok(c, kind, i, i + k)) < 0) {
                return error;
            }
        }
        i += k;
    }
    return st_nest_quotes(c);
}

/* 1 when the bytes at text[i..end) are an apostrophe and an avoir auxiliary ("'a") */
static int st_apostrophe_aux(const char *text, size_t i, size_t end)
{
    static const char *const aux[] = { "a", "ont", "avait", "avaient", "aurait", NULL };
    size_t k, n;

    if (i < end && text[i] == '\'') {
        i++;
    } else if (i + 2 < end && memcmp(text + i, "\xe2\x80\x99", 3) == 0) {
        i += 3;
    } else {
        return 0;
    }
    for (n = 0; i + n < end && text[i + n] >= 'a' && text[i + n] <= 'z'; n++) {
    }
    for (k = 0; aux[k]; k++) {
        if (strlen(aux[k]) == n && memcmp(aux[k], text + i, n) == 0) {
            return 1;
        }
    }
    return 0;
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
                                 int pron)   /* 1: a subject remembered, 2: a joint one */
{
    char buf[8];
    size_t n = i - s;

    rg_lexicon__lower(buf, text + s, n);
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

/* 1 for the ASCII bytes rg_lexicon__is_word_cp accepts: [A-Za-z0-9]; 0 for
 * the other bytes, non-ASCII ones included (decoded apart) */
static const unsigned char st_ascii_word[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
    ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
    ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
    ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/*
 * Lower-cases the word text[s..s+n) into buf as rg_lexicon__lower does; a
 * word of ASCII letters and digits (`ascii`) only needs bit 0x20 set ('A'
 * -> 'a'; lower-case letters and digits already have it).
 */
static void st_lower_word(char *buf,        /* out: n bytes */
                          const char *text, /* the text */
                          size_t s,         /* word start */
                          size_t n,         /* word length */
                          int ascii)        /* 1: ASCII letters and digits only */
{
    size_t j;

    if (!ascii) {
        rg_lexicon__lower(buf, text + s, n);
        return;
    }
    for (j = 0; j < n; j++) {
        buf[j] = (char)((unsigned char)text[s + j] | 0x20);
    }
}

/* 1 when the lower-cased word buf[0..n) is one of rg_st__dets */
static int st_is_det(const char *buf, size_t n)
{
    size_t d;

    for (d = 0; rg_st__dets[d]; d++) {
        const char *w = rg_st__dets[d];
        if (w[0] == buf[0] && strlen(w) == n && memcmp(w, buf, n) == 0) {
            return 1;
        }
    }
    return 0;
}

/*
 * Upper bound on the items of a sentence without mentions, straight from the
 * text: state adjectives, "deux" ("les deux présidents": two) and, when a
 * subject is remembered, "il"/"elle"/"lui"/"l'a" ("ils"/"elles": two). Fewer
 * than two items give no relation, so most sentences are dropped here, before
 * tokenizing and stemming. Words are cut as rg_st__tokenize cuts them.
 * Sets *np_lead = 1 when the sentence opens like a noun phrase or a
 * two-word name (rg_st__clause_lead's -2), the first words being no actor here.
 * Words are runs of ASCII letters and digits (a table test, the bulk of the
 * text) and of word code points; only words that may be a state adjective
 * or "deux" (rg_lexicon's adj_first/adj_maxlen filter) are lower-cased and
 * looked up.
 */
size_t rg_st__prescan(const rg_lexicon *lx, const char *text, rg_span sent, int pron,
                      int *np_lead)
{
    char buf[RG_LX_MAXTOK];
    size_t i = sent.start, n = 0, nw = 0;
    int up0 = 0;

    *np_lead = 0;
    while (i < sent.end && n < 2) {
        size_t s = i, k, len;
        int32_t cp;
        int ascii = 1;
        for (;;) {
            while (i < sent.end && st_ascii_word[(unsigned char)text[i]]) {
                i++;
            }
            if (i == sent.end || (unsigned char)text[i] < 0x80) {
                break;
            }
            k = rg_text__utf8_decode(text + i, sent.end - i, &cp);
            if (k == (size_t)-1 || !rg_lexicon__is_word_cp(cp)) {
                break;
            }
            ascii = 0;
            i += k;
        }
        if (i == s) {
            /* a separator: skip one code point (invalid bytes one at a time) */
            if ((unsigned char)text[i] < 0x80) {
                i++;
                continue;
            }
            k = rg_text__utf8_decode(text + i, sent.end - i, &cp);
            i += k == (size_t)-1 ? 1 : k;
            continue;
        }
        len = i - s;
        if (nw < 2) {
            if (nw == 0) {
                size_t m = len < sizeof buf ? len : sizeof buf;
                st_lower_word(buf, text, s, m, ascii);
                if (st_is_det(buf, len)) {
                    *np_lead = 1;
                }
                up0 = st_upper_at(text, s, len);
            } else if (up0 && text[s - 1] == ' ' && st_upper_at(text, s, len)) {
                *np_lead = 1; /* "Gérard Depardieu a ..." */
            }
            nw++;
        }
        if (len <= RG_LX_MAXTOK) {
            unsigned char f = (unsigned char)text[s];
            int w;
            if (f >= 'A' && f <= 'Z') {
                f = (unsigned char)(f + 32); /* rg_lexicon__lower keeps other lead bytes */
            }
            if (pron && (f == 'i' || f == 'e' || f == 'l') && len <= 5) {
                size_t np = st_prescan_pronoun(text, s, i, sent.end, pron);
                if (np) {
                    n += np; /* a pronoun may stand for one actor, or two */
                    continue;
                }
            }
            if ((len > lx->adj_maxlen || !(lx->adj_first[f >> 6] & ((uint64_t)1 << (f & 63)))) &&
                !(f == 'd' && len == 4)) {
                continue; /* neither a state adjective (first byte, length) nor "deux" */
            }
            st_lower_word(buf, text, s, len, ascii);
            w = rg_lexicon__token_exact(lx, buf, len);
            if (w >= 0 && lx->adj_state[w]) {
                n++;
                *np_lead = 0; /* "Les autorités russes ont ...": an actor */
            } else if (len == 4 && memcmp(buf, "deux", 4) == 0) {
                n += 2;
            }
        }
    }
    return n;
}

/* stems of the words outside items: only they can be cues */
void rg_st__stem_words(rg_stance_ctx *c, const rg_lexicon *lx)
{
    size_t t;

    for (t = 0; t < c->tok.n; t++) {
        st_tok *tk = &c->tok.v[t];
        if (tk->kind == TK_WORD && tk->item < 0) {
            rg_lexicon__token_ids(lx, c->stemmer, c->kbuf.v + tk->koff, (size_t)tk->klen,
                                  tk->ids);
        }
    }
}
