/* SPDX-License-Identifier: MIT */
/*
 * Stance steps 5, 7 and 8 for one cue: its source (passive agent, subject,
 * fronted phrase, speaker), its target (first item after it, or a single
 * governed item before it), and the stance or tone relations emitted for
 * them, merged per (type, source, target, sign) in the sentence.
 */
#include <limits.h> /* INT_MAX */
#include <string.h> /* memset, strcmp */

#include "stance_internal.h"

static int st_push_idx(rg_stance_ctx *c, int which, int item)
{
    if (which == 0) {
        return RG_VEC_PUSH(c->src, item);
    }
    return RG_VEC_PUSH(c->dst, item);
}

/* item and everything coordinated with it, into src (0) or dst (1) */
static int st_group(rg_stance_ctx *c, int which, int item)
{
    int first = st_group_first(c, item), k, error;

    if ((error = st_push_idx(c, which, first)) < 0) {
        return error;
    }
    for (k = first + 1; (size_t)k < c->items.n && c->items.v[k].coord == k - 1; k++) {
        if ((error = st_push_idx(c, which, k)) < 0) {
            return error;
        }
    }
    return RG_OK;
}

/* "en Syrie", "dans le pays"; "à Berlin" only for meetings and visits */
static int st_is_place(const st_item *it, unsigned cue_flags)
{
    if (it->adj) {
        return 0;
    }
    if (it->level == 1 && (it->gov == GOV_EN || it->gov == GOV_DANS)) {
        return 1;
    }
    return it->metonym && it->gov == GOV_A && (cue_flags & RG_LX_PLACE);
}

/* finite verb forms that open a clause after its subject ("X a dit", "X s'est") */
static const char *const st_clause_verbs[] = {
    "a", "ont", "avait", "avaient", "aura", "aurait", "est", "sont", "était", "étaient",
    "sera", "serait", "va", "vont", "doit", "doivent", "veut", "veulent", "se", "s", "n",
    NULL
};

/* 1 when item i, ungoverned and not in a list, follows a comma and precedes a
 * finite verb: the subject of a new clause, not an object of the cue before */
static int st_clause_subject(const rg_stance_ctx *c, int i)
{
    const st_item *it = &c->items.v[i];
    int p = it->lo - 1;

    if (it->gov >= 0 || it->coord >= 0 || it->pron) {
        return 0;
    }
    while (p >= 0 && c->tok.v[p].item < 0 && tk_in(c, p, rg_st__skip)) {
        p--;
    }
    return p >= 0 && c->tok.v[p].kind == TK_COMMA && tk_in(c, it->hi, st_clause_verbs);
}

/* the target searched from token `from` (the cue's end or after its agent) to `end` */
static int st_target(const rg_stance_ctx *c, const rg_lexicon *lx, const st_cue *cu, int from,
                     int end)
{
    int t, q = c->tok.v[cu->lo].quote;

    for (t = from; t < end && (size_t)t < c->tok.n && t < from + ST_TARGET_WINDOW; t++) {
        const st_tok *tk = &c->tok.v[t];
        int ci;
        if (tk->kind == TK_SEMI || (tk->kind == TK_QCLOSE && q >= 0 &&
                                    t == c->quotes.v[q].close)) {
            break;
        }
        if (tk->kind == TK_COLON) {
            break;
        }
        if (tk_in(c, t, rg_st__stops) || rg_st__postposed_speech(c, lx, t)) {
            break;
        }
        ci = rg_st__cue_at(c, t);
        if (ci >= 0 &&
            !(st_cue_flags(lx, &c->cues.v[ci]) & (RG_LX_SPEECH | RG_LX_NEG | RG_LX_IGNORE))) {
            const rg_lx_cue *in = &lx->cues[c->cues.v[ci].cue];
            if (t == c->cues.v[ci].lo && in->sign == lx->cues[cu->cue].sign &&
                !(in->flags & RG_LX_TONE) && rg_st__object_of_cue(c, lx, t)) {
                t = c->cues.v[ci].hi - 1; /* "salue le soutien de X": X, same sign */
                continue;
            }
            if (t > cu->hi + 1) {
                break;
            }
        }
        if (tk->item >= 0) {
            const st_item *it = &c->items.v[tk->item];
            if (st_clause_subject(c, tk->item)) {
                break; /* "..., Emmanuel Macron a assuré": a new clause */
            }
            if (it->gov != GOV_PAR && it->gov != GOV_SELON && it->gov != GOV_APRES &&
                !it->peer && !st_is_place(it, st_cue_flags(lx, cu)) &&
                !(it->gov == GOV_SUR && (st_cue_flags(lx, cu) & RG_LX_RECIP))) {
                return tk->item;
            }
            t = it->hi - 1;
        }
    }
    return -1;
}

/* 1 when the source items contain `actor` */
static int st_in_src(const rg_stance_ctx *c, int actor)
{
    size_t i;

    for (i = 0; i < c->src.n; i++) {
        if (c->items.v[c->src.v[i]].actor == actor) {
            return 1;
        }
    }
    return 0;
}

/* 1 when item i is the target of another stance cue of the opposite sign
 * before it ("des sanctions contre l'Iran ... un nouvel accord": Iran is the
 * sanctions' object; "ses vœux à X ... ouvert au dialogue" may share it) */
static int st_claimed(const rg_stance_ctx *c,
                      const rg_lexicon *lx,
                      const st_cue *cu, /* the cue looking for a target */
                      int i)            /* the candidate item */
{
    size_t k;

    for (k = 0; k < c->cues.n; k++) {
        const st_cue *o = &c->cues.v[k];
        if (o == cu || o->hi > c->items.v[i].lo ||
            lx->cues[o->cue].sign == lx->cues[cu->cue].sign ||
            (st_cue_flags(lx, o) & (RG_LX_SPEECH | RG_LX_NEG | RG_LX_IGNORE | RG_LX_TONE))) {
            continue;
        }
        if (st_target(c, lx, o, o->hi, INT_MAX) == i) {
            return 1;
        }
    }
    return 0;
}

/* a single governed item before the cue (anaphoric object), outside quotes or
 * in the cue's own quote, unless another cue of the opposite sign has it as its
 * target: the object of a quoted clause ("« ... la guerre au régime de X »,
 * assure Y, qui défend ...") is not the object of a cue outside that quote */
static int st_fallback_target(const rg_stance_ctx *c, const rg_lexicon *lx, const st_cue *cu)
{
    int found = -1, claimed = 0, t, q = c->tok.v[cu->lo].quote;

    for (t = 0; t < cu->lo; t++) {
        const st_tok *tk = &c->tok.v[t];
        const st_item *it;
        if (tk->item < 0) {
            continue;
        }
        it = &c->items.v[tk->item];
        t = it->hi - 1;
        if (it->gov < 0 || it->gov == GOV_PAR || it->gov == GOV_SELON || it->gov == GOV_ENTRE ||
            it->gov == GOV_APRES || (it->quote >= 0 && it->quote != q) ||
            st_is_place(it, st_cue_flags(lx, cu)) ||
            /* "au Canada, il a menacé ...": a place, not an object */
            (it->level == 1 && !it->adj &&
             (it->gov == GOV_A || it->gov == GOV_AU || it->gov == GOV_AUX)) ||
            st_in_src(c, it->actor) || it->peer) {
            continue;
        }
        if (found >= 0 && c->items.v[found].actor != it->actor) {
            return -1;
        }
        found = tk->item;
        claimed = claimed || st_claimed(c, lx, cu, tk->item);
    }
    return claimed ? -1 : found;
}

/* a headline topic: "Trump sur le Bataclan : François Hollande dénonce « des
 * propos … »". The actor opening the sentence, followed by "sur" and then a
 * colon before the cue, is what a cue outside quotes and with no target after
 * it is about (its subject after the colon is the source); it comes before the
 * fallback, which would take the headline's "sur" complement */
static int st_headline_topic(const rg_stance_ctx *c, const st_cue *cu)
{
    const st_item *it;
    int t;

    if (c->tok.n == 0 || c->tok.v[0].item < 0 || c->tok.v[cu->lo].quote >= 0) {
        return -1;
    }
    it = &c->items.v[c->tok.v[0].item];
    if (it->gov >= 0 || it->adj || !tk_is(c, it->hi, "sur") || st_in_src(c, it->actor)) {
        return -1;
    }
    for (t = it->hi + 1; t < cu->lo; t++) {
        if (c->tok.v[t].kind == TK_COLON) {
            return c->tok.v[0].item;
        }
        if (c->tok.v[t].kind != TK_WORD) {
            return -1; /* a comma, a quote or a sentence end first */
        }
    }
    return -1;
}

/* ---- 8. output ---- */

static int st_emit1(st_out *o, rg_relation_type type, int s, int t)
{
    size_t i;
    double w = o->cue->intensity < 0 ? -o->cue->intensity : o->cue->intensity;
    rg_relation r;

    if (s == t || s < 0 || t < 0) {
        return RG_OK;
    }
    for (i = o->n0; i < *o->n; i++) {
        rg_relation *e = &(*o->rels)[i];
        if (e->type == type && e->source == s && e->target == t && e->sign == o->cue->sign) {
            if (w > e->weight) {
                e->weight = w;
                e->category = o->cue->category;
                e->cue_start = o->cue_start;
                e->cue_end = o->cue_end;
            }
            return RG_OK;
        }
    }
    if (rg__vec_grow(o->rels, o->cap, *o->n + 1, sizeof **o->rels) < 0) {
        return RG_ERROR;
    }
    memset(&r, 0, sizeof r);
    r.type = type;
    r.source = s;
    r.target = t;
    r.sentence = o->index;
    r.sign = o->cue->sign;
    r.weight = w;
    r.category = o->cue->category;
    r.cue_start = o->cue_start;
    r.cue_end = o->cue_end;
    (*o->rels)[(*o->n)++] = r;
    return RG_OK;
}

int rg_st__levelled(const rg_actors *a, int *s, int s_level, int *t, int t_level)
{
    if (s_level != t_level) {
        if (s_level == 0) {
            *s = rg_actors_state_of(a, (size_t)*s);
        } else {
            *t = rg_actors_state_of(a, (size_t)*t);
        }
        if (*s < 0 || *t < 0) {
            return 0;
        }
    }
    return *s != *t;
}

/* one stance (or tone) between two items, at the right level */
static int st_emit(rg_stance_ctx *c, st_out *o, rg_relation_type type, const st_item *a,
                   const st_item *b)
{
    int s = a->actor, t = b->actor, error;

    if (!rg_st__levelled(c->actors, &s, a->level, &t, b->level)) {
        return RG_OK;
    }
    if (type == RG_REL_TONE) {
        if (strcmp(rg_actors_id(c->actors, (size_t)s), rg_actors_id(c->actors, (size_t)t)) > 0) {
            int x = s;
            s = t;
            t = x;
        }
        return st_emit1(o, type, s, t);
    }
    if ((error = st_emit1(o, type, s, t)) < 0) {
        return error;
    }
    if (c->opts.attribute_states && rg_actors_type(c->actors, (size_t)s) != RG_ACTOR_PERSON &&
        rg_actors_type(c->actors, (size_t)t) != RG_ACTOR_PERSON) {
        return st_emit1(o, type, rg_st__leader(c, s), rg_st__leader(c, t));
    }
    return RG_OK;
}

/*
 * 0 when no two items of the sentence make a pair that st_emit keeps, in
 * either order: after levelling (a person facing a state or an
 * organisation counts as the person's state, and as none when it has
 * none) both are one actor. Relations come only from st_emit1, reached
 * only through st_emit for two items of c->items (made before the cues,
 * never after), and attribute_states adds the leaders only after a pair
 * that st_emit keeps; so such a sentence yields no relation. An item
 * without an actor counts as a possible pair.
 */
int rg_st__items_may_relate(const rg_stance_ctx *c)
{
    size_t i, j;

    for (i = 0; i < c->items.n; i++) {
        const st_item *a = &c->items.v[i];
        for (j = i + 1; j < c->items.n; j++) {
            const st_item *b = &c->items.v[j];
            int s = a->actor, t = b->actor;
            if (s < 0 || t < 0 || rg_st__levelled(c->actors, &s, a->level, &t, b->level)) {
                return 1;
            }
        }
    }
    return 0;
}

/* pair construct near a cue: "entre A et B", "russo-américain", "A et B" */
static int st_pair(const rg_stance_ctx *c, const st_cue *cu, int *a, int *b)
{
    size_t i;
    int best = -1, bestd = 1 << 30;

    for (i = 1; i < c->items.n; i++) {
        const st_item *it = &c->items.v[i], *pv = &c->items.v[i - 1];
        int d;
        if (it->coord != (int)i - 1 || pv->level != it->level || pv->actor == it->actor) {
            continue;
        }
        if (!(pv->hi == it->lo && c->tok.v[it->lo].hyph) && pv->adj != 1 &&
            pv->gov != GOV_ENTRE && !st_is_de(pv->gov)) {
            continue; /* a joint subject is not a pair characterised by the cue */
        }
        d = pv->lo >= cu->hi ? pv->lo - cu->hi : cu->lo - it->hi;
        if (pv->lo < cu->hi && it->hi > cu->lo) {
            continue;
        }
        if (d < 0 || d > ST_TONE_WINDOW || it->quote != c->tok.v[cu->lo].quote) {
            continue;
        }
        if (d < bestd) {
            bestd = d;
            best = (int)i;
        }
    }
    if (best < 0) {
        return 0;
    }
    *a = best - 1;
    *b = best;
    return 1;
}

/* "de", "d'", "du", "des" as words */
static const char *const st_de_words[] = { "de", "d", "du", "des", NULL };

static const char *const st_avoir[] = {
    "a", "ont", "avait", "avaient", "aurait", "auraient", "ai", "avons", "avez", "eu",
    "aura", "auront", NULL
};

/* a past participle: "conduites", "menée", "prises", "lancés" */
static int st_participle(const rg_stance_ctx *c, int t)
{
    static const char *const ends[] = {
        "\xc3\xa9", "\xc3\xa9" "e", "\xc3\xa9" "s", "\xc3\xa9" "es", "ite", "ites", "ise", "ises",
        "ie", "ies", NULL
    };
    const st_tok *tk = &c->tok.v[t];
    size_t i, n;

    if (tk->kind != TK_WORD || tk->item >= 0 || tk->klen < 5) {
        return 0;
    }
    for (i = 0; ends[i]; i++) {
        n = strlen(ends[i]);
        if (memcmp(c->kbuf.v + tk->koff + tk->klen - n, ends[i], n) == 0) {
            return 1;
        }
    }
    return 0;
}

/*
 * Passive agent: "critiquée par X", "soutenus selon Kiev par la Russie",
 * "la condamnation par Moscou". Not after an avoir auxiliary ("a condamné
 * l'attaque menée par X" is active).
 */
static int st_agent(const rg_stance_ctx *c, const st_cue *cu)
{
    int t, k, lim = 6, part = 0;

    if (!tk_is(c, cu->lo - 1, "été") &&
        (tk_in(c, cu->lo - 1, st_avoir) ||
         (tk_in(c, cu->lo - 2, st_avoir) && c->tok.v[cu->lo - 1].klen > 4))) {
        return -1; /* "a condamné", "a fermement condamné" */
    }
    for (t = cu->hi; (size_t)t < c->tok.n && t <= cu->hi + lim; t++) {
        const st_tok *tk = &c->tok.v[t];
        if (t == cu->hi && st_participle(c, t)) {
            lim = 12; /* "les frappes conduites dans la nuit par X" */
            part = 1;
            continue;
        }
        if (part && tk->kind == TK_WORD && tk->item < 0 && rg_st__cue_at(c, t) < 0 &&
            !tk_in(c, t, rg_st__stops) && !tk_is(c, t, "qui") && !tk_is(c, t, "que") &&
            !tk_is(c, t, "par")) {
            continue;
        }
        if (tk_is(c, t, "par")) {
            for (k = t + 1; (size_t)k < c->tok.n && k <= t + 3; k++) {
                if (c->tok.v[k].item >= 0) {
                    return c->tok.v[k].item;
                }
                if (c->tok.v[k].kind != TK_WORD) {
                    break;
                }
            }
            return -1;
        }
        if (tk->kind == TK_COMMA || tk->item >= 0 || tk->upper || tk_is(c, t, "selon") ||
            tk_is(c, t, "et") || tk_in(c, t, rg_st__skip) || tk_in(c, t, st_de_words) ||
            (tk->kind == TK_WORD && tk->klen > 5 &&
             memcmp(c->kbuf.v + tk->koff + tk->klen - 4, "ment", 4) == 0)) {
            continue;
        }
        break;
    }
    return -1;
}

/* pair characterised by the cue: tone, and both directions for reciprocal
 * cues after the pair or tone cues ("la coopération russo-turque"); *pair_tgt
 * = 1 when the pair was linked that way */
static int st_pair_relations(rg_stance_ctx *c,
                             st_out *o,
                             const st_cue *cu,
                             int *pair_tgt) /* out: 1 when the pair got both directions */
{
    const rg_lx_cue *cue = o->cue;
    int pa, pb, error;

    *pair_tgt = 0;
    if (!st_pair(c, cu, &pa, &pb)) {
        return RG_OK;
    }
    if ((cue->flags & RG_LX_TONE) &&
        (error = st_emit(c, o, RG_REL_TONE, &c->items.v[pa], &c->items.v[pb])) < 0) {
        return error;
    }
    if ((cue->flags & RG_LX_RECIP) &&
        (c->items.v[pa].lo >= cu->hi || (cue->flags & RG_LX_TONE))) {
        if ((error = st_emit(c, o, RG_REL_STANCE, &c->items.v[pa], &c->items.v[pb])) < 0 ||
            (error = st_emit(c, o, RG_REL_STANCE, &c->items.v[pb], &c->items.v[pa])) < 0) {
            return error;
        }
        *pair_tgt = 1;
    }
    return RG_OK;
}

/* passive: the agent's group is the source, the subject (or what follows) the target */
static int st_passive_roles(rg_stance_ctx *c,
                            const rg_lexicon *lx,
                            const st_cue *cu,
                            int agent) /* the item after "par" */
{
    int q = c->tok.v[cu->lo].quote, subj, after, error;

    if ((error = st_group(c, 0, agent)) < 0) {
        return error;
    }
    after = c->items.v[c->src.v[c->src.n - 1]].hi; /* "par X et Y" ends here */
    if ((subj = rg_st__nearest_subject(c, lx, cu->lo, q, -1)) >= 0 ||
        (subj = st_target(c, lx, cu, cu->hi, INT_MAX)) >= 0 ||
        (after > cu->hi && (subj = st_target(c, lx, cu, after, INT_MAX)) >= 0)) {
        if ((error = st_group(c, 1, subj)) < 0) {
            return error;
        }
    }
    return RG_OK;
}

/* a first-person pronoun in the cue's quote just before it: the speaker acts */
static int st_first_person_before(const rg_stance_ctx *c, const st_cue *cu, int q)
{
    int t;

    for (t = cu->lo - 1; t >= 0 && t >= cu->lo - 6 && q >= 0; t--) {
        if (c->tok.v[t].quote == q && tk_in(c, t, rg_st__first_person)) {
            return 1;
        }
    }
    return 0;
}

/* fronted phrase: the first ungoverned item after a comma; *end = that comma
 * (the target is in the fronted phrase) */
static int st_fronted_subject(const rg_stance_ctx *c,
                              const st_cue *cu,
                              int q,    /* the cue's quote, -1 outside */
                              int *end) /* out: the comma ending the fronted phrase */
{
    int t, comma = -1;

    for (t = cu->hi; (size_t)t < c->tok.n; t++) {
        const st_tok *tk = &c->tok.v[t];
        if (tk->kind == TK_COMMA && tk->quote == q) {
            comma = comma < 0 ? t : comma;
        } else if (tk->kind == TK_SEMI) {
            break;
        } else if (comma >= 0 && tk->item >= 0 && tk->quote == q &&
                   c->items.v[tk->item].gov < 0) {
            *end = comma;
            return tk->item;
        }
    }
    return -1;
}

/* the source of an active cue: subject, fronted subject or speaker; -1 none */
static int st_active_source(const rg_stance_ctx *c,
                            const rg_lexicon *lx,
                            const st_cue *cu,
                            int sent_speaker, /* item speaking the sentence, -1 */
                            int *end)         /* out: where the target search stops */
{
    int q = c->tok.v[cu->lo].quote, subj = -1;
    int first_person = st_first_person_before(c, cu, q);
    int described = tk_is(c, cu->hi, "visant") || tk_is(c, cu->hi, "ciblant");

    if (described) {
        return -1; /* the accusations are somebody else's */
    }
    if (!first_person) {
        subj = rg_st__nearest_subject(c, lx, cu->lo, q, -1);
        if (subj < 0) {
            subj = st_fronted_subject(c, cu, q, end);
        }
    }
    if (subj < 0) {
        subj = q >= 0 ? c->quotes.v[q].speaker : sent_speaker;
        if (subj >= 0 && q < 0 && c->items.v[subj].gov == GOV_SELON &&
            (c->items.v[subj].lo > cu->lo + ST_TARGET_WINDOW ||
             c->items.v[subj].lo + ST_TARGET_WINDOW < cu->lo)) {
            subj = -1; /* "selon X" speaks for its own clause only */
        }
    }
    return subj;
}

/*
 * A noun cue with its agent after "de" and its target after "contre" or
 * "envers": "les attaques de Donald Trump contre la France". Returns the
 * agent item (*dst the target), -1 when the cue is not built that way.
 */
static int st_noun_agent(const rg_stance_ctx *c, const st_cue *cu, int *dst)
{
    int a, k, end;

    /* a cue that ends the sentence has no token at cu->hi: test first */
    if ((size_t)cu->hi + 1 >= c->tok.n || !tk_in(c, cu->hi, st_de_words)) {
        return -1;
    }
    a = c->tok.v[cu->hi].item;
    for (k = cu->hi + 1; (size_t)k < c->tok.n && k <= cu->hi + 3 && a < 0; k++) {
        a = c->tok.v[k].item;
    }
    if (a < 0 || !st_is_de(c->items.v[a].gov)) {
        return -1;
    }
    a = st_group_last(c, a); /* "de X et Y" */
    end = c->items.v[a].hi;
    for (k = end; (size_t)k < c->tok.n && k <= end + 4; k++) {
        int i = c->tok.v[k].item;
        if (i >= 0) {
            if (c->items.v[i].gov != GOV_CONTRE && c->items.v[i].gov != GOV_ENVERS) {
                return -1;
            }
            *dst = i;
            return st_group_first(c, a);
        }
    }
    return -1;
}

/* verbs of wish or attempt: a reciprocal cue they govern is one side's intent */
static const char *const st_intent[] = {
    "veut", "veulent", "voulait", "voudrait", "voudraient", "vouloir", "souhaite",
    "souhaitent", "souhaitons", "souhaitait", "souhaiter", "cherche", "cherchent",
    "chercher", "tente", "tentent", "tenter", "espère", "espèrent", "propose", "proposent",
    "proposé", "appelle", "appellent", "appelé", "plaide", "plaidé", "prêt", "prête",
    "prêts", "disposé", "disposée", NULL
};

/* 1 when an intent verb stands at most 4 words before the cue, no item between */
static int st_intent_before(const rg_stance_ctx *c, const st_cue *cu)
{
    int t;

    for (t = cu->lo - 1; t >= 0 && t >= cu->lo - 4; t--) {
        if (c->tok.v[t].kind != TK_WORD || c->tok.v[t].item >= 0) {
            return 0;
        }
        if (tk_in(c, t, st_intent)) {
            return 1;
        }
    }
    return 0;
}

/* the partner of item x in "N de X avec Y", "unir X à Y": the item right after
 * x's group (4 words), governed by "avec" or "à" (not "à Moscou": a place); -1 */
static int st_partner(const rg_stance_ctx *c, int x)
{
    int k, end;

    x = st_group_last(c, x);
    end = c->items.v[x].hi;
    for (k = end; (size_t)k < c->tok.n && k <= end + 4; k++) {
        int i = c->tok.v[k].item;
        if (c->tok.v[k].kind != TK_WORD) {
            return -1;
        }
        if (i >= 0) {
            const st_item *it = &c->items.v[i];
            if ((it->gov == GOV_AVEC || (it->gov == GOV_A && !it->metonym)) && !it->peer &&
                it->actor != c->items.v[x].actor) {
                return i;
            }
            return -1;
        }
    }
    return -1;
}

/* active cue: source, then target after the cue or a single governed item
 * before it; *recip cleared when the target's preposition makes it one-way */
static int st_active_roles(rg_stance_ctx *c,
                           const rg_lexicon *lx,
                           const st_cue *cu,
                           int sent_speaker, /* item speaking the sentence, -1 */
                           int *tgt,         /* out: the target item, -1 */
                           int *recip)       /* in/out: both directions */
{
    int end = INT_MAX, subj, error, dst;

    if ((subj = st_noun_agent(c, cu, &dst)) >= 0) {
        /* "les attaques de Trump contre la France" */
        *tgt = dst;
        *recip = 0;
        if ((error = st_group(c, 0, subj)) < 0) {
            return error;
        }
        return st_group(c, 1, dst);
    }
    subj = st_active_source(c, lx, cu, sent_speaker, &end);
    if (subj < 0 && *recip && (dst = st_target(c, lx, cu, cu->hi, end)) >= 0 &&
        (*tgt = st_partner(c, dst)) >= 0) {
        /* "la rencontre de Trump avec Kim", "la relation qui unit X à Y" */
        if ((error = st_group(c, 0, dst)) < 0) {
            return error;
        }
        return st_group(c, 1, *tgt);
    }
    if (subj >= 0 && (error = st_group(c, 0, subj)) < 0) {
        return error;
    }
    if ((*tgt = st_target(c, lx, cu, cu->hi, end)) >= 0) {
        int g = c->items.v[*tgt].gov;
        if ((error = st_group(c, 1, *tgt)) < 0) {
            return error;
        }
        if ((g >= 0 && g != GOV_AVEC && g != GOV_ENTRE) || st_intent_before(c, cu)) {
            *recip = 0; /* "propose à X", "l'accord de X", "veut un accord avec X" */
        }
    } else if (c->src.n && ((*tgt = st_headline_topic(c, cu)) >= 0 ||
                            (*tgt = st_fallback_target(c, lx, cu)) >= 0)) {
        if ((error = st_group(c, 1, *tgt)) < 0) {
            return error;
        }
        *recip = 0; /* "propose à X une coopération": one direction */
    }
    return RG_OK;
}

/* every source to every target (and back when reciprocal); a joint subject
 * with a reciprocal cue and no target: "X et Y ont convenu" */
static int st_emit_roles(rg_stance_ctx *c, st_out *o, int recip)
{
    size_t i, j;
    int error;

    if (c->dst.n == 0) {
        for (i = 0; recip && c->src.n >= 2 && i < c->src.n; i++) {
            for (j = 0; j < c->src.n; j++) {
                if (i != j && (error = st_emit(c, o, RG_REL_STANCE, &c->items.v[c->src.v[i]],
                                               &c->items.v[c->src.v[j]])) < 0) {
                    return error;
                }
            }
        }
        return RG_OK;
    }
    for (i = 0; i < c->src.n; i++) {
        for (j = 0; j < c->dst.n; j++) {
            const st_item *a = &c->items.v[c->src.v[i]], *b = &c->items.v[c->dst.v[j]];
            if ((error = st_emit(c, o, RG_REL_STANCE, a, b)) < 0) {
                return error;
            }
            if (recip && (error = st_emit(c, o, RG_REL_STANCE, b, a)) < 0) {
                return error;
            }
        }
    }
    return RG_OK;
}

int rg_st__one_cue(rg_stance_ctx *c, const rg_lexicon *lx, st_out *o, const st_cue *cu,
                   int sent_speaker)
{
    const rg_lx_cue *cue = &lx->cues[cu->cue];
    int agent, tgt = -1, error;
    int recip = (cue->flags & RG_LX_RECIP) != 0, pair_tgt = 0;

    o->cue = cue;
    o->cue_start = c->tok.v[cu->lo].start;
    o->cue_end = c->tok.v[cu->hi - 1].end;
    c->src.n = c->dst.n = 0;
    if (rg_st__object_of_cue(c, lx, cu->lo)) {
        return RG_OK; /* "rejette l'offre de X": the offer is X's, not a stance */
    }
    if (rg_st__negated(c, lx, cu)) {
        if (!(cue->flags & RG_LX_NEGFLIP)) {
            return RG_OK;
        }
        /* "ne pas (pouvoir) faire confiance à X": distrust, the opposite sign */
        c->flipped = *cue;
        c->flipped.sign = -cue->sign;
        c->flipped.intensity = -cue->intensity;
        o->cue = cue = &c->flipped;
    }
    if ((error = st_pair_relations(c, o, cu, &pair_tgt)) < 0) {
        return error;
    }
    if (cue->flags & RG_LX_TONE) {
        return RG_OK;
    }
    agent = st_agent(c, cu);
    if (agent >= 0) {
        error = st_passive_roles(c, lx, cu, agent);
    } else {
        error = st_active_roles(c, lx, cu, sent_speaker, &tgt, &recip);
    }
    if (error < 0) {
        return error;
    }
    if (pair_tgt && tgt >= 0 && c->dst.n >= 2) {
        return RG_OK; /* the pair was the target */
    }
    return st_emit_roles(c, o, recip);
}
