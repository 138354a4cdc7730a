/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the stance tokenizer (rg_st__tokenize) of arbitrary bytes
 * against a plain reference that decodes one code point at a time: the
 * same words (rg_lexicon__is_word_cp), each with its bounds, its key
 * (rg_lexicon__lower of the word alone), its capital and hyphen flags, and
 * the same punctuation tokens with their kinds. The sentence is copied to
 * a heap buffer of exactly its bytes (AddressSanitizer sees any read past
 * it); the first input byte sets how many bytes before the sentence, at its
 * start, belong to the text (0..15), so that every alignment is met.
 */
#include <stdint.h> /* uint8_t, int32_t */
#include <stdlib.h> /* malloc, free */
#include <string.h> /* memcmp, memcpy */

#include <relgraph/actors.h>
#include <relgraph/stance.h>
#include "fuzz.h"
#include "stance_internal.h"
#include "text_internal.h" /* rg_text__utf8_decode */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rg_actors *g_actors;
static rg_lexicon *g_lexicon;
static rg_stance_ctx *g_ctx;

/* the code point at t[i] (U+FFFD for an invalid byte) and its length */
static size_t ref_cp(const char *t, size_t i, size_t end, int32_t *cp)
{
    size_t k = rg_text__utf8_decode(t + i, end - i, cp);

    if (k == (size_t)-1) {
        *cp = 0xFFFD;
        return 1;
    }
    return k;
}

/* the kind of token the punctuation cp makes, TK_WORD for none; straight
 * double quotes open and close in turn */
static int ref_kind(int32_t cp, int *dq)
{
    switch (cp) {
    case ',': return TK_COMMA;
    case ';': return TK_SEMI;
    case ':': return TK_COLON;
    case '.': case '!': case '?': case 0x2026: return TK_END;
    case 0xAB: case 0x201C: case 0x2039: case 0x201E: return TK_QOPEN;
    case 0xBB: case 0x201D: case 0x203A: return TK_QCLOSE;
    case '"': *dq = !*dq; return *dq ? TK_QOPEN : TK_QCLOSE;
    case '(': case ')': case '[': case ']': return TK_OTHER;
    default: return TK_WORD;
    }
}

/* checks the word token tk against the word t[s..e) */
static void check_word(const st_tok *tk, const char *t, size_t s, size_t e, int hyph)
{
    char key[4096];
    size_t n = e - s;

    FUZZ_ASSERT(tk->kind == TK_WORD && tk->start == s && tk->end == e);
    FUZZ_ASSERT((size_t)tk->klen == n && n <= sizeof key);
    rg_lexicon__lower(key, t + s, n);
    FUZZ_ASSERT(memcmp(g_ctx->kbuf.v + tk->koff, key, n) == 0);
    FUZZ_ASSERT(tk->upper == ((t[s] >= 'A' && t[s] <= 'Z') ||
                              ((unsigned char)t[s] == 0xC3 && n > 1 &&
                               (unsigned char)t[s + 1] < 0xA0)));
    FUZZ_ASSERT(tk->hyph == hyph);
}

/* walks t[start..end) as the reference and checks every token in turn */
static void check_all(const char *t, size_t start, size_t end)
{
    size_t i = start, k = 0;
    int dq = 0, hyph = 0;

    while (i < end) {
        int32_t cp;
        size_t len = ref_cp(t, i, end, &cp);
        if (rg_lexicon__is_word_cp(cp)) {
            size_t s = i;
            while (i < end && (len = ref_cp(t, i, end, &cp)) > 0 &&
                   rg_lexicon__is_word_cp(cp) && !(cp == 0xFFFD && len == 1)) {
                i += len;
            }
            FUZZ_ASSERT(k < g_ctx->tok.n);
            check_word(&g_ctx->tok.v[k++], t, s, i, hyph);
            hyph = 0;
            continue;
        }
        {
            int kind = ref_kind(cp, &dq);
            if (kind != TK_WORD) {
                FUZZ_ASSERT(k < g_ctx->tok.n);
                FUZZ_ASSERT(g_ctx->tok.v[k].kind == kind && g_ctx->tok.v[k].start == i &&
                            g_ctx->tok.v[k].end == i + len);
                k++;
            }
        }
        hyph = cp == '-' || cp == 0x2010 || cp == 0x2011;
        i += len;
    }
    FUZZ_ASSERT(k == g_ctx->tok.n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *t;
    size_t lead, len;
    rg_span sp;

    if (!g_ctx && (rg_actors_default(&g_actors) < 0 || rg_lexicon_default(&g_lexicon) < 0 ||
                   rg_stance_ctx_new(&g_ctx, g_actors, NULL, NULL) < 0)) {
        abort();
    }
    if (size == 0) {
        return 0;
    }
    len = size - 1 < 4000 ? size - 1 : 4000;
    lead = data[0] % 16 < len ? data[0] % 16 : len;
    if (!(t = malloc(len ? len : 1))) {
        return 0;
    }
    memcpy(t, data + 1, len);
    sp.start = lead;
    sp.end = len;
    FUZZ_ASSERT(rg_st__tokenize(g_ctx, g_lexicon, t, sp) == RG_OK);
    check_all(t, sp.start, sp.end);
    free(t);
    return 0;
}
