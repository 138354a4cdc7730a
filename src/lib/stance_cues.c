/* SPDX-License-Identifier: MIT */
/*
 * Stance steps 3-6: cues (longest lexicon match at each word outside items),
 * negation of a cue, speakers of quotes and of the sentence, and the nearest
 * subject before a word. See stance.c for the rules.
 */
#include "stance_internal.h"

/* ---- 3. cues ---- */

/*
 * 1 when the word u (outside items, with rg_st__stem_words's ids) is word
 * w of the lexicon, as written or by a stem. Its stems were left for later
 * (RG_LX_LATER) when neither can be the first word of a cue, which is
 * exact for the cue starts below (they read no other token's stems); inside
 * a cue they are looked up here, before they are compared.
 */
static int st_tok_is_word(rg_stance_ctx *c, const rg_lexicon *lx, st_tok *u, int w)
{
    if (u->ids[1] == RG_LX_LATER) {
        rg_lexicon__token_ids(lx, c->stemmer, c->kbuf.v + u->koff, (size_t)u->klen, u->ids);
    }
    return u->ids[0] == w || u->ids[1] == w || u->ids[2] == w;
}

/*
 * The cue scan from token t on, for the starts before `stop`: the longest
 * cue at each word outside items, then on after it. A cue starting at s
 * reads tokens s to s + RG_LX_MAXW - 1 only, so the scan gives the same
 * cues, stopped and resumed (rg_st__cues_before), as in one run. Returns
 * the token the next start is looked for at, or an error.
 */
static long st_cues_from(rg_stance_ctx *c, const rg_lexicon *lx, size_t t, size_t stop)
{
    while (t < stop) {
        const st_tok *tk = &c->tok.v[t];
        int best = -1, best_n = 0, k;
        if (tk->kind != TK_WORD || tk->item >= 0) {
            t++;
            continue;
        }
        for (k = 0; k < 3; k++) {
            size_t n, j;
            const int *list;
            if (tk->ids[k] < 0 || (k > 0 && tk->ids[k] == tk->ids[k - 1])) {
                continue;
            }
            list = rg_lexicon__first(lx, tk->ids[k], &n);
            for (j = 0; j < n; j++) {
                const rg_lx_cue *cue = &lx->cues[list[j]];
                int w, ok = cue->n_words > best_n;
                for (w = 1; ok && w < cue->n_words; w++) {
                    st_tok *u;
                    if (t + (size_t)w >= c->tok.n) {
                        ok = 0;
                        break;
                    }
                    u = &c->tok.v[t + (size_t)w];
                    ok = u->kind == TK_WORD && u->item < 0 &&
                         st_tok_is_word(c, lx, u, cue->words[w]);
                }
                if (ok) {
                    best = list[j];
                    best_n = cue->n_words;
                }
            }
        }
        if (best >= 0) {
            st_cue cu = { best, (int)t, (int)t + best_n };
            int error;
            if ((error = RG_VEC_PUSH(c->cues, cu)) < 0) {
                return error;
            }
            t += (size_t)best_n;
        } else {
            t++;
        }
    }
    return (long)t;
}

int rg_st__find_cues(rg_stance_ctx *c, const rg_lexicon *lx)
{
    long next;

    c->cues.n = 0;
    rg_st__stem_words(c, lx, 0, c->tok.n);
    if ((next = st_cues_from(c, lx, 0, c->tok.n)) < 0) {
        return (int)next;
    }
    c->cue_next = (size_t)next;
    c->stem_next = c->tok.n;
    return RG_OK;
}

/* index of the cue covering or starting at token t, -1 */
int rg_st__cue_at(const rg_stance_ctx *c, int t)
{
    size_t i;

    for (i = 0; i < c->cues.n; i++) {
        if (c->cues.v[i].lo <= t && t < c->cues.v[i].hi) {
            return (int)i;
        }
    }
    return -1;
}

/* ---- 4. negation ---- */

/* words that may stand between a negating verb and its cue ("refuse de la condamner",
 * "se retirer de l'accord"), not "sortir de sa réserve en soutenant" */
static const char *const st_neg_gap[] = { "se", "s", "lui", "leur", "y", "en", NULL };

static int st_only_function_words(const rg_stance_ctx *c, int from, int to)
{
    int t;

    for (t = from; t < to; t++) {
        if (!tk_in(c, t, rg_st__skip) && !tk_in(c, t, st_neg_gap)) {
            return 0;
        }
    }
    return 1;
}

int rg_st__negated(const rg_stance_ctx *c, const rg_lexicon *lx, const st_cue *cu)
{
    int t, ne = -1;

    for (t = cu->lo - 1; t >= 0 && t >= cu->lo - 5; t--) {
        const st_tok *tk = &c->tok.v[t];
        int ci;
        if (tk->kind != TK_WORD || tk->item >= 0) {
            break;
        }
        if (tk_is(c, t, "ne") || tk_is(c, t, "n")) {
            ne = t;
            break;
        }
        if (t >= cu->lo - 2 && tk_in(c, t, rg_st__neg_before)) {
            return 1;
        }
        if (t >= cu->lo - 3 && tk_is(c, t, "sans")) {
            return 1;
        }
        ci = rg_st__cue_at(c, t);
        if (ci >= 0 && (st_cue_flags(lx, &c->cues.v[ci]) & RG_LX_NEG) &&
            c->cues.v[ci].hi >= cu->lo - 2 &&
            st_only_function_words(c, c->cues.v[ci].hi, cu->lo)) {
            return 1;
        }
    }
    if (ne >= 0) {
        for (t = ne + 1; (size_t)t < c->tok.n && t <= cu->hi + 1; t++) {
            if (t >= cu->lo && t < cu->hi) {
                continue;
            }
            if (tk_in(c, t, rg_st__neg_adv)) {
                return 1;
            }
        }
    }
    return 0;
}

/* ---- 5-7. who does what to whom ---- */

static int st_is_speech_at(const rg_stance_ctx *c, const rg_lexicon *lx, int t)
{
    int ci = rg_st__cue_at(c, t);
    return ci >= 0 && (st_cue_flags(lx, &c->cues.v[ci]) & RG_LX_SPEECH);
}

/* a speech verb at t introduced by a comma or a closing quote ("», a déclaré X") */
int rg_st__postposed_speech(const rg_stance_ctx *c, const rg_lexicon *lx, int t)
{
    int p = t - 1, k = 0;

    if (!st_is_speech_at(c, lx, t)) {
        return 0;
    }
    if (tk_is(c, t, "selon") || (tk_is(c, t, "d") && tk_is(c, t + 1, "après"))) {
        return 1;
    }
    while (p >= 0 && k < 3 && c->tok.v[p].kind == TK_WORD &&
           (c->tok.v[p].item < 0 || c->items.v[c->tok.v[p].item].pron)) {
        p--; /* "a", "avait", "a encore", "a-t-il" */
        k++;
    }
    return p >= 0 && (c->tok.v[p].kind == TK_COMMA || c->tok.v[p].kind == TK_QCLOSE);
}

/* the item after a speech verb starting at t (6 words); "a-t-il dit": the pronoun */
static int st_item_after(const rg_stance_ctx *c, int t)
{
    int k;

    for (k = t - 1; k >= 0 && k >= t - 2 && c->tok.v[k].kind == TK_WORD; k--) {
        if (c->tok.v[k].item >= 0 && c->items.v[c->tok.v[k].item].pron &&
            c->tok.v[k].hyph) {
            return c->tok.v[k].item;
        }
    }
    for (k = t + 1; (size_t)k < c->tok.n && k <= t + 7; k++) {
        if (c->tok.v[k].item >= 0) {
            return c->tok.v[k].item;
        }
        if (c->tok.v[k].kind == TK_SEMI || c->tok.v[k].kind == TK_QOPEN) {
            break;
        }
    }
    return -1;
}

/* The token whose cue would make token t its object (rg_st__object_of_cue):
 * the one before t, past at most two determiners; -1 when none. */
static int st_object_lead(const rg_stance_ctx *c, int t)
{
    int p = t - 1;

    while (p >= 0 && p >= t - 3 && c->tok.v[p].item < 0 && tk_in(c, p, rg_st__skip)) {
        p--;
    }
    return p < 0 || p == t - 1 - 3 ? -1 : p;
}

/* 1 when token t directly follows a stance cue (determiners aside): its object */
int rg_st__object_of_cue(const rg_stance_ctx *c, const rg_lexicon *lx, int t)
{
    int p = st_object_lead(c, t), ci;

    if (p < 0) {
        return 0;
    }
    ci = rg_st__cue_at(c, p);
    return ci >= 0 && c->cues.v[ci].lo != t &&
           !(st_cue_flags(lx, &c->cues.v[ci]) & (RG_LX_SPEECH | RG_LX_NEG | RG_LX_IGNORE |
                                                  RG_LX_TONE));
}

/*
 * The scan is run on demand only where rg_st__object_of_cue(lo) reads it:
 * at the token p its cue would cover. Cues are made of words outside
 * items, each a lexicon word (an exact form or a stem: one of its ids),
 * so a token that is none is in no cue, wherever the scan starts its cues
 * before it; the scan then stays where it is. Else it is run on to lo; as
 * lo starts an item, no cue that starts before lo reads a token past it,
 * and the ids of the tokens before lo are all it needs.
 */
int rg_st__cues_before(rg_stance_ctx *c, const rg_lexicon *lx, int lo)
{
    size_t stop = lo > 0 ? (size_t)lo : 0;
    int p, ids[3];
    long next;

    if (c->cue_next >= stop || (p = st_object_lead(c, lo)) < 0 ||
        c->tok.v[p].kind != TK_WORD || c->tok.v[p].item >= 0 ||
        !rg_lexicon__token_ids(lx, c->stemmer, c->kbuf.v + c->tok.v[p].koff,
                               (size_t)c->tok.v[p].klen, ids)) {
        return RG_OK;
    }
    if (c->stem_next < stop) {
        rg_st__stem_words(c, lx, c->stem_next, stop);
        c->stem_next = stop;
    }
    if ((next = st_cues_from(c, lx, c->cue_next, stop)) < 0) {
        return (int)next;
    }
    c->cue_next = (size_t)next;
    return RG_OK;
}

int rg_st__nearest_subject(const rg_stance_ctx *c, const rg_lexicon *lx, int from,
                           int quote, int stop)
{
    int t, qui = 0;

    for (t = from - 1; t >= 0 && t > stop && from - t <= ST_SUBJ_WINDOW; t--) {
        const st_tok *tk = &c->tok.v[t];
        if (tk->kind == TK_SEMI) {
            break;
        }
        if (tk_is(c, t, "qui") && tk->quote == quote) {
            qui = 1; /* "Moscou, qui dénonce": the antecedent, object or not */
        }
        if (quote >= 0 && t == c->quotes.v[quote].open) {
            break;
        }
        if (tk->quote != quote) {
            continue;
        }
        if (tk->item >= 0) {
            const st_item *it = &c->items.v[tk->item];
            if (qui || (it->gov < 0 && !rg_st__object_of_cue(c, lx, it->lo) &&
                        !rg_st__after_infinitive(c, it->lo))) {
                return tk->item;
            }
            t = it->lo;
        }
    }
    return -1;
}

/* speakers of the quotes and of the sentence */
int rg_st__speakers(rg_stance_ctx *c, const rg_lexicon *lx)
{
    size_t q, i;
    int sent = -1, t;

    for (i = 0; i < c->items.n; i++) {
        if (c->items.v[i].gov == GOV_SELON && c->items.v[i].quote < 0) {
            sent = (int)i;
            break;
        }
    }
    for (t = 0; sent < 0 && (size_t)t < c->tok.n; t++) {
        if (c->tok.v[t].quote < 0 && rg_st__postposed_speech(c, lx, t)) {
            sent = st_item_after(c, t);
        }
    }
    for (q = 0; q < c->quotes.n; q++) {
        st_quote *qu = &c->quotes.v[q];
        int k, sp = -1;
        for (k = qu->close + 1; (size_t)k < c->tok.n && k <= qu->close + 5; k++) {
            if (rg_st__postposed_speech(c, lx, k)) {
                sp = st_item_after(c, k);
                break;
            }
            if (c->tok.v[k].kind == TK_QOPEN || c->tok.v[k].kind == TK_QCLOSE) {
                break; /* « « … » », a dit X: X speaks the outer quote */
            }
        }
        if (sp < 0) {
            int p = qu->open - 1, intro = 0;
            if (p >= 0 && (c->tok.v[p].kind == TK_COLON || tk_is(c, p, "que") ||
                           tk_is(c, p, "qu"))) {
                intro = 1;
            }
            for (k = p; !intro && k >= 0 && k >= p - 3; k--) {
                intro = st_is_speech_at(c, lx, k);
            }
            if (intro) {
                sp = rg_st__nearest_subject(c, lx, qu->open, qu->parent, -1);
            }
        }
        if (sp < 0) {
            sp = qu->parent >= 0 ? c->quotes.v[qu->parent].speaker : sent;
        }
        qu->speaker = sp;
    }
    return sent;
}
