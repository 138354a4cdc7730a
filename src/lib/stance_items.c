/* SPDX-License-Identifier: MIT */
/*
 * Stance step 2: items. Actor mentions, subject pronouns, state adjectives,
 * "homologue américain" and "les deux présidents" become items (st_item, in
 * token order); then each item gets the preposition that governs it and the
 * item it is coordinated with ("X et Y"). See stance.c for the rules.
 */
#include <string.h> /* memcmp, memcpy, memset */

#include "stance_internal.h"

/* ---- 2. items ---- */

static int st_level(const rg_stance_ctx *c, int actor)
{
    return rg_actors_type(c->actors, (size_t)actor) == RG_ACTOR_PERSON ? 0 : 1;
}

int rg_st__push_item(rg_stance_ctx *c, int actor, int lo, int hi, int adj, int metonym)
{
    st_item it;
    int k;

    memset(&it, 0, sizeof it);
    it.actor = actor;
    it.level = st_level(c, actor);
    it.lo = lo;
    it.hi = hi;
    it.quote = c->tok.v[lo].quote;
    it.gov = -1;
    it.coord = -1;
    it.adj = adj;
    it.metonym = metonym;
    if (RG_VEC_PUSH(c->items, it) < 0) {
        return RG_ERROR;
    }
    for (k = lo; k < hi; k++) {
        c->tok.v[k].item = (int)c->items.n - 1;
    }
    return RG_OK;
}

/* first token at or after byte `b` */
static int st_tok_at(const rg_stance_ctx *c, size_t b)
{
    size_t lo = 0, hi = c->tok.n;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->tok.v[mid].start < b) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return (int)lo;
}

int rg_st__leader(const rg_stance_ctx *c, int state)
{
    if (!c->dated || state < 0) {
        return -1;
    }
    return rg_actors_leader_at(c->actors, (size_t)state, &c->date);
}

/* the two persons last named (recent[0..1]) unless a third ties with the second */
static int st_last_two(const st_recent *r, size_t n, int *a, int *b)
{
    if (n < 2 || (n > 2 && r[2].sentence == r[1].sentence)) {
        return 0;
    }
    *a = r[1].actor;
    *b = r[0].actor;
    return 1;
}

void rg_st__recent_push(st_recent *r, size_t *n, int actor, size_t sentence)
{
    size_t i, j;

    for (i = 0; i < *n && r[i].actor != actor; i++) {
    }
    if (i == *n) {
        if (*n < ST_RECENT) {
            (*n)++;
        }
        i = *n - 1;
    }
    for (j = i; j > 0; j--) {
        r[j] = r[j - 1];
    }
    r[0].actor = actor;
    r[0].sentence = sentence;
}

/* 1 when the item at lo is the object of an infinitive: "de quitter l'UE" */
int rg_st__after_infinitive(const rg_stance_ctx *c, int lo)
{
    int p = lo - 1;
    const st_tok *tk;
    const char *k;

    while (p >= 0 && p >= lo - 2 && c->tok.v[p].item < 0 && tk_in(c, p, rg_st__skip)) {
        p--;
    }
    if (p < 1) {
        return 0;
    }
    tk = &c->tok.v[p];
    if (tk->kind != TK_WORD || tk->item >= 0 || tk->klen < 4) {
        return 0;
    }
    k = c->kbuf.v + tk->koff + tk->klen - 2;
    return (memcmp(k, "er", 2) == 0 || memcmp(k, "ir", 2) == 0 || memcmp(k, "re", 2) == 0) &&
           tk_in(c, p - 1, rg_st__inf_intro);
}

/* 1 when the token is a state adjective ("russe", "américaine") */
static int st_tok_adj(const rg_lexicon *lx, const st_tok *tk)
{
    return tk->ids[0] >= 0 && lx->adj_state[tk->ids[0]];
}

/* a state adjective or an item at token t */
static int st_adj_or_item(const rg_stance_ctx *c, const rg_lexicon *lx, int t)
{
    const st_tok *tk;

    if (t < 0 || (size_t)t >= c->tok.n) {
        return 0;
    }
    tk = &c->tok.v[t];
    return tk->item >= 0 || (tk->kind == TK_WORD && st_tok_adj(lx, tk));
}

/* mentions, merged when adjacent and of one actor */
static int st_mention_items(rg_stance_ctx *c, const rg_mention *m, size_t nm)
{
    size_t i;
    int t, error;

    for (i = 0; i < nm; i++) {
        int lo = st_tok_at(c, m[i].start), hi = lo;
        while ((size_t)hi < c->tok.n && c->tok.v[hi].end <= m[i].end) {
            hi++;
        }
        if (hi <= lo || c->tok.v[lo].item >= 0) {
            continue;
        }
        if (c->items.n) {
            st_item *p = &c->items.v[c->items.n - 1];
            int gap_ok = p->actor == m[i].actor;
            for (t = p->hi; gap_ok && t < lo; t++) {
                gap_ok = c->tok.v[t].kind == TK_COMMA;
            }
            if (gap_ok && lo - p->hi <= 1) {
                for (t = p->hi; t < hi; t++) {
                    c->tok.v[t].item = (int)c->items.n - 1;
                }
                p->hi = hi;
                continue;
            }
        }
        if ((error = rg_st__push_item(c, m[i].actor, lo, hi, 0,
                                      m[i].kind == RG_MENTION_METONYM)) < 0) {
            return error;
        }
    }
    return RG_OK;
}

/*
 * "les deux présidents (d'État)" at token t: the two persons last named,
 * persons named earlier in this sentence being more recent. Returns the
 * token after the phrase, or a negative error.
 */
static int st_deux_item(rg_stance_ctx *c, int t,
                        st_recent *recent, /* copy of the memory, updated here */
                        size_t *n_recent,  /* its length */
                        size_t index)      /* sentence index */
{
    int a, b, hi = t + 2, error;
    size_t k;

    for (k = 0; k < c->items.n; k++) {
        if (c->items.v[k].hi <= t && c->items.v[k].level == 0) {
            rg_st__recent_push(recent, n_recent, c->items.v[k].actor, index);
        }
    }
    if (tk_is(c, t + 2, "d") && tk_is(c, t + 3, "état")) {
        hi = t + 4;
    }
    if (st_last_two(recent, *n_recent, &a, &b)) {
        if ((error = rg_st__push_item(c, a, t, hi, 0, 0)) < 0 ||
            (error = rg_st__push_item(c, b, t, hi, 0, 0)) < 0) {
            return error;
        }
    }
    return hi;
}

/* 1 when the state adjective at t stands for its state: "les autorités russes",
 * "russo-américain", "Moscou-Washington", "les armées russe et turque" */
static int st_adj_is_state(const rg_stance_ctx *c, const rg_lexicon *lx, int t)
{
    return tk_in(c, t - 1, rg_st__state_heads) ||
           (tk_in(c, t - 2, rg_st__state_heads) && c->tok.v[t - 1].kind == TK_WORD) ||
           /* not "nord-américain" */
           ((size_t)(t + 1) < c->tok.n && c->tok.v[t + 1].hyph &&
            st_adj_or_item(c, lx, t + 1)) ||
           (c->tok.v[t].hyph && st_adj_or_item(c, lx, t - 1)) ||
           (tk_is(c, t - 1, "et") && c->items.n && c->items.v[c->items.n - 1].adj == 1 &&
            c->items.v[c->items.n - 1].hi == t - 1);
}

/* "chef d'État américain", "chef de l'État américain": the leader, not the state */
static int st_head_of_state(const rg_stance_ctx *c, int t)
{
    if (!tk_is(c, t - 1, "état") && !tk_is(c, t - 1, "etat")) {
        return 0;
    }
    if (tk_is(c, t - 2, "d")) {
        return tk_is(c, t - 3, "chef");
    }
    return tk_is(c, t - 2, "l") && tk_is(c, t - 3, "de") && tk_is(c, t - 4, "chef");
}

/*
 * The actor of the state of adjective w (its code, lx->adj_state[w]), -1
 * when the dictionary has none. rg_actors_find compares the code with every
 * actor's id (1,150 instructions a call with the built-in dictionary), and
 * a document names the same few states, so the context keeps the answers
 * by word id, for one dictionary and one lexicon: both must outlive the
 * context, as the stem cache's lexicon does.
 */
static int st_adj_state(rg_stance_ctx *c, const rg_lexicon *lx, int w)
{
    st_adj_memo *m = &c->adj_state[(unsigned)w % ST_ADJ_MEMO];
    size_t i;

    if (c->memo_actors != c->actors || c->memo_lx != lx) {
        for (i = 0; i < ST_ADJ_MEMO; i++) {
            c->adj_state[i].word = -1;
        }
        c->memo_actors = c->actors;
        c->memo_lx = lx;
    }
    if (m->word != w) {
        m->word = w;
        m->actor = rg_actors_find(c->actors, lx->adj_state[w]);
    }
    return m->actor;
}

/* a state adjective at t: the state, its leader ("homologue américain") or nothing */
static int st_adjective_item(rg_stance_ctx *c, const rg_lexicon *lx, int t)
{
    int w = c->tok.v[t].ids[0], state;

    if (w < 0 || !lx->adj_state[w] || (state = st_adj_state(c, lx, w)) < 0) {
        return RG_OK;
    }
    if ((size_t)(t + 1) < c->tok.n && c->tok.v[t + 1].item >= 0 &&
        c->items.v[c->tok.v[t + 1].item].level == 0) {
        return RG_OK; /* "l'Allemande Angela Merkel" */
    }
    if (t > 0 && c->tok.v[t - 1].item >= 0 && c->items.v[c->tok.v[t - 1].item].level == 0) {
        return RG_OK;
    }
    if (tk_in(c, t - 1, rg_st__person_nouns) || st_head_of_state(c, t) ||
        (c->items.n && c->items.v[c->items.n - 1].adj == 2 &&
         c->items.v[c->items.n - 1].hi == t - 1 && tk_is(c, t - 1, "et"))) {
        /* "homologue américain", "les présidents russe et américain" */
        int leader = rg_st__leader(c, state);
        if ((tk_in(c, t - 1, rg_st__leader_nouns) || tk_is(c, t - 1, "et") ||
             st_head_of_state(c, t)) && leader >= 0) {
            return rg_st__push_item(c, leader, t, t + 1, 2, 0);
        }
        return RG_OK;
    }
    if (!st_adj_is_state(c, lx, t)) {
        return RG_OK; /* "l'acteur français" is not France */
    }
    return rg_st__push_item(c, state, t, t + 1, 1, 0);
}

/* state adjectives, "homologue américain", "les deux présidents" */
static int st_adjective_items(rg_stance_ctx *c, const rg_lexicon *lx, size_t index)
{
    st_recent recent[ST_RECENT];
    size_t n_recent = c->n_recent, a;
    int t, next = 0, error;

    memcpy(recent, c->recent, sizeof recent);
    /* only these words can be an adjective item or "deux" (the tokenizer's
     * list, in order); `next` skips those a "deux" item covered */
    for (a = 0; a < c->adjs.n; a++) {
        const st_tok *tk = &c->tok.v[t = c->adjs.v[a]];
        if (t < next || tk->item >= 0) {
            continue;
        }
        if (tk_is(c, t, "deux") && tk_in(c, t + 1, rg_st__deux_nouns) &&
            c->tok.v[t + 1].item < 0) {
            if ((next = st_deux_item(c, t, recent, &n_recent, index)) < 0) {
                return next;
            }
            continue;
        }
        if ((error = st_adjective_item(c, lx, t)) < 0) {
            return error;
        }
    }
    return RG_OK;
}

/* items pushed out of order: sort by token (insertion, few items) */
static void st_sort_items(rg_stance_ctx *c)
{
    size_t i;
    int t;

    for (i = 1; i < c->items.n; i++) {
        st_item it = c->items.v[i];
        size_t j = i;
        while (j > 0 && c->items.v[j - 1].lo > it.lo) {
            c->items.v[j] = c->items.v[j - 1];
            j--;
        }
        c->items.v[j] = it;
    }
    for (i = 0; i < c->items.n; i++) {
        for (t = c->items.v[i].lo; t < c->items.v[i].hi; t++) {
            c->tok.v[t].item = (int)i;
        }
        c->items.v[i].coord = -1;
    }
}

/* index of the governor word at token p, -1 */
static int st_gov_at(const rg_stance_ctx *c, int p)
{
    return tk_index(c, p, rg_st__govs);
}

/* the governor of item `it`, whose phrase starts after token p */
static int st_governor(const rg_stance_ctx *c, const st_item *it, int p)
{
    int gov = st_gov_at(c, p);

    if ((gov == GOV_DE || gov == GOV_D || gov == GOV_DU) &&
        tk_in(c, p - 1, rg_st__inst_heads) && it->level == 1) {
        /* "le régime de Damas": Damas stands where its institution stands */
        int h = p - 2;
        while (h >= 0 && c->tok.v[h].item < 0 && c->tok.v[h].kind == TK_WORD &&
               tk_in(c, h, rg_st__skip)) {
            h--;
        }
        gov = st_gov_at(c, h);
    }
    if (tk_is(c, p, "après") && tk_is(c, p - 1, "d")) {
        gov = GOV_SELON; /* d'après X; "après X" is a time */
    }
    return gov;
}

/* coordination: only coordinating words between item i-1 and item i */
static void st_coordinate(rg_stance_ctx *c, const rg_lexicon *lx, size_t i, int p)
{
    st_item *it = &c->items.v[i];
    const st_item *pv = &c->items.v[i - 1];
    int k, ok = pv->hi < it->lo, has_link = 0;

    for (k = pv->hi; ok && k < it->lo; k++) {
        const st_tok *tk = &c->tok.v[k];
        if (tk->kind == TK_COMMA) {
            has_link = has_link ? has_link : 2;
        } else if (tk->kind != TK_WORD ||
                   !(tk_in(c, k, rg_st__coord) || tk->upper || tk_in(c, k, rg_st__skip) ||
                     st_tok_adj(lx, tk) ||
                     (k == it->lo - 1 && it->adj == 1 && tk_in(c, k, rg_st__state_heads)))) {
            ok = 0;
        } else if (tk_is(c, k, "que") && !tk_is(c, k - 1, "ainsi")) {
            ok = 0; /* "l'UE, que Londres veut...": a relative clause, not a list */
        } else if (tk_is(c, k, "et") || tk_is(c, k, "ou")) {
            has_link = 1;
        }
    }
    if (pv->hi == it->lo && c->tok.v[it->lo].hyph) {
        ok = has_link = 1; /* "russo-américain", "Moscou-Washington" */
    }
    if (ok && has_link && it->lo - pv->hi <= 5) {
        it->coord = (int)i - 1;
        it->link = has_link;
        if (it->gov < 0 || tk_is(c, p, "et") || p < pv->hi) {
            it->gov_own = it->gov;
            it->gov = pv->gov;
            it->gov_inherited = 1;
        }
    }
}

/* the word before the noun phrase ending at token p: determiners, names and
 * state adjectives are skipped ("à la chancelière Angela", "de l'Union") */
static int st_phrase_start(const rg_stance_ctx *c, const rg_lexicon *lx, int p)
{
    while (p >= 0 && c->tok.v[p].item < 0 && c->tok.v[p].kind == TK_WORD &&
           (tk_in(c, p, rg_st__skip) || c->tok.v[p].upper ||
            st_tok_adj(lx, &c->tok.v[p]))) {
        p--;
    }
    return p;
}

/* after "et"/"ou" at p, the preposition before the first of plain conjuncts
 * that are no actors ("sur la Méditerranée orientale, la Libye et la Syrie":
 * "sur"), within 10 words; else p. A plain conjunct has determiners, names,
 * state adjectives and an adjective after a name, not "en 2018". */
static int st_first_conjunct(const rg_stance_ctx *c, const rg_lexicon *lx, int p)
{
    int q;

    if (!(tk_is(c, p, "et") || tk_is(c, p, "ou"))) {
        return p;
    }
    for (q = p - 1; q >= 0 && q >= p - 10; q--) {
        const st_tok *tk = &c->tok.v[q];
        if (tk->item >= 0 || (tk->kind != TK_WORD && tk->kind != TK_COMMA)) {
            return p;
        }
        if (st_gov_at(c, q) >= 0) {
            return q;
        }
        if (tk->kind == TK_WORD && !tk->upper && !tk_in(c, q, rg_st__skip) &&
            !st_tok_adj(lx, tk) &&
            !(q > 0 && c->tok.v[q - 1].kind == TK_WORD && c->tok.v[q - 1].upper)) {
            return p;
        }
    }
    return p;
}

/* governors and coordination of every item */
static void st_governors(rg_stance_ctx *c, const rg_lexicon *lx)
{
    size_t i;

    for (i = 0; i < c->items.n; i++) {
        st_item *it = &c->items.v[i];
        int p = it->lo - 1;
        if (i > 0 && c->items.v[i - 1].lo == it->lo) {
            it->gov = c->items.v[i - 1].gov; /* "les deux présidents": a pair */
            it->coord = (int)i - 1;
            continue;
        }
        p = st_phrase_start(c, lx, p);
        p = st_first_conjunct(c, lx, p);
        if (it->clitic) {
            it->gov = GOV_A; /* "lui" is "à lui": an object, never a subject */
            continue;
        }
        it->gov = st_governor(c, it, p);
        it->peer = st_is_de(it->gov) &&
                   (tk_is(c, p - 1, "homologue") || tk_is(c, p - 1, "homologues"));
        if (i > 0 && c->items.v[i - 1].quote == it->quote) {
            st_coordinate(c, lx, i, p);
        }
    }
    /* "A, B" is a list only when it goes on with "et"/"ou": "A, B et C", "A, B ou le prince" */
    for (i = c->items.n; i-- > 0;) {
        st_item *it = &c->items.v[i];
        if (it->coord >= 0 && it->link == 2 &&
            !(i + 1 < c->items.n && c->items.v[i + 1].coord == (int)i) &&
            !tk_is(c, it->hi, "et") && !tk_is(c, it->hi, "ou")) {
            it->coord = -1;
            if (it->gov_inherited) {
                it->gov = it->gov_own;
            }
        }
    }
}

int rg_st__items(rg_stance_ctx *c, const rg_lexicon *lx, const rg_mention *m, size_t nm,
                 size_t index)
{
    int error;

    c->items.n = 0;
    if ((error = st_mention_items(c, m, nm)) < 0 ||
        (error = rg_st__pronoun_items(c, index)) < 0 ||
        (error = st_adjective_items(c, lx, index)) < 0) {
        return error;
    }
    st_sort_items(c);
    st_governors(c, lx);
    return RG_OK;
}
