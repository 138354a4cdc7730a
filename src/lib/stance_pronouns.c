/* SPDX-License-Identifier: MIT */
/*
 * Stance: subject pronouns and the subject memory. "il"/"elle" as a clause
 * subject stands for the subject of the clause it follows, else for the
 * latest remembered sentence subject of its gender (up to ST_RECENT
 * subjects, most recent first, in the context); each sentence pushes its
 * own subject (or "nobody") for the next ones. Rules 2 and 9 in stance.c.
 */
#include "stance_internal.h"

/* gender shown by a title or determiner at or just before tokens [lo, hi) */
static int st_gender_at(const rg_stance_ctx *c, int lo, int hi)
{
    int p = lo - 1, t;

    if (p >= 0 && c->tok.v[p].kind == TK_END) {
        p--; /* "M. Trump" */
    }
    if (tk_in(c, p, rg_st__fem_marks)) {
        return G_FEM;
    }
    if (tk_in(c, p, rg_st__masc_marks)) {
        return G_MASC;
    }
    for (t = lo; t < hi && t <= lo + 2; t++) {
        if (tk_in(c, t, rg_st__fem_marks)) {
            return G_FEM;
        }
        if (tk_in(c, t, rg_st__masc_marks)) {
            return G_MASC;
        }
    }
    return G_UNKNOWN;
}

/*
 * "il"/"elle" at token t as the subject of a clause: sentence start, after a
 * comma, a closing quote or a conjunction ("et il", "qu'elle", "s'il"), or
 * inverted ("a-t-il", "dit-elle"); not impersonal ("il faut", "il y a", "il
 * s'agit", "il est difficile de"), not inside a quote. "ils"/"elles" too.
 * Returns the gender (G_MASC, G_FEM, G_PLURAL) or 0.
 */
static int st_subject_pronoun(const rg_stance_ctx *c, int t)
{
    const st_tok *tk = &c->tok.v[t];
    int g, p;

    if (tk->kind != TK_WORD || tk->item >= 0 || tk->quote >= 0) {
        return 0;
    }
    if (tk_is(c, t, "il")) {
        g = G_MASC;
    } else if (tk_is(c, t, "elle")) {
        g = G_FEM;
    } else if (tk_is(c, t, "ils") || tk_is(c, t, "elles")) {
        g = G_PLURAL;
    } else {
        return 0;
    }
    if (tk->hyph) {
        p = tk_is(c, t - 1, "t") ? t - 2 : t - 1;
        if (tk_in(c, p, rg_st__impersonal) || (tk_is(c, p, "a") && tk_is(c, p - 1, "y"))) {
            return 0; /* "faut-il", "y a-t-il" */
        }
    } else if (t > 0) {
        const st_tok *pv = &c->tok.v[t - 1];
        if (!(pv->kind == TK_COMMA || pv->kind == TK_COLON || pv->kind == TK_QCLOSE ||
              pv->kind == TK_END || tk_in(c, t - 1, rg_st__pron_after))) {
            return 0;
        }
    }
    if (tk_in(c, t + 1, rg_st__impersonal) ||
        (tk_is(c, t + 1, "s") && (tk_is(c, t + 2, "agit") || tk_is(c, t + 2, "agissait"))) ||
        (tk_is(c, t + 1, "n") && tk_is(c, t + 2, "y")) ||
        (tk_in(c, t + 1, rg_st__etre) && tk_in(c, t + 2, rg_st__impersonal_adj)) ||
        (tk_is(c, t + 2, "été") && tk_in(c, t + 3, rg_st__impersonal_pp))) {
        return 0;
    }
    return g;
}

/*
 * How the clause starting at token `start` begins: with an item (its index),
 * with a noun phrase or a name that is no actor ("Le ministre", "l'acteur
 * français", "Gérard Depardieu": -2), or otherwise (an adverb, a fronted
 * phrase, the pronoun itself: -1).
 */
int rg_st__clause_lead(const rg_stance_ctx *c, int start)
{
    int t = start, k;

    while ((size_t)t < c->tok.n && c->tok.v[t].kind != TK_WORD) {
        t++;
    }
    if ((size_t)t >= c->tok.n) {
        return -1;
    }
    if (c->tok.v[t].item >= 0) {
        return c->tok.v[t].item;
    }
    if (tk_in(c, t, rg_st__dets) || (c->tok.v[t].upper && c->tok.v[t + 1].kind == TK_WORD &&
                                 c->tok.v[t + 1].upper && !c->tok.v[t + 1].hyph)) {
        for (k = t + 1; (size_t)k < c->tok.n && k <= t + 3; k++) {
            if (c->tok.v[k].item >= 0) {
                return -1; /* "L'administration Trump", "Le président des Etats-Unis" */
            }
            if (c->tok.v[k].kind != TK_WORD) {
                break;
            }
        }
        return (size_t)(t + 1) < c->tok.n && c->tok.v[t + 1].kind == TK_WORD ? -2 : -1;
    }
    return -1;
}

/*
 * The antecedent of a subject pronoun among the remembered subjects (-1: a
 * subject that is no actor, or none). Gender shows only through titles and
 * determiners ("Mme", "la chancelière", "le président"), so: "elle" is the
 * latest subject marked feminine, else the latest of unknown gender; "il" is
 * the latest subject not marked feminine.
 */
static int st_resolve_pronoun(const rg_stance_ctx *c, int gender)
{
    size_t i;

    if (gender == G_FEM) {
        for (i = 0; i < c->n_subj; i++) {
            if (c->subj[i].gender == G_FEM) {
                return c->subj[i].actor;
            }
        }
    }
    for (i = 0; i < c->n_subj; i++) {
        if (c->subj[i].gender == G_UNKNOWN || c->subj[i].gender == gender) {
            return c->subj[i].actor;
        }
    }
    return -1;
}

/* "ils"/"elles" at t: the joint subject of the clause it follows ("X et Y
 * ont dit qu'ils"), else the last joint subject remembered; each member
 * becomes an item on the pronoun, like "les deux présidents" */
static int st_plural_items(rg_stance_ctx *c, int t, int lead)
{
    int a[ST_RECENT], k, error;
    size_t n = 0, i;

    if (lead >= 0) {
        /* items are not coordinated yet: members are items joined by "et" */
        for (k = lead; (size_t)k < c->items.n && n < ST_RECENT && c->items.v[k].hi <= t;
             k++) {
            if (k > lead && !tk_is(c, c->items.v[k].lo - 1, "et")) {
                break;
            }
            a[n++] = c->items.v[k].actor;
        }
        if (n < 2) {
            return RG_OK;
        }
    } else if (lead == -1) {
        for (i = 0; i < c->n_plural; i++) {
            a[n++] = c->plural[i];
        }
    }
    for (i = 0; n >= 2 && i < n; i++) {
        if ((error = rg_st__push_item(c, a[i], t, t + 1, 0, 0)) < 0) {
            return error;
        }
        c->items.v[c->items.n - 1].pron = G_PLURAL;
    }
    return RG_OK;
}

/* the subject of the clause that token t is in: how the clause starts */
static int st_lead_before(const rg_stance_ctx *c, int t)
{
    int k;

    for (k = t - 1; k >= 0 && c->tok.v[k].kind != TK_COMMA &&
                    c->tok.v[k].kind != TK_COLON && c->tok.v[k].kind != TK_QCLOSE &&
                    c->tok.v[k].kind != TK_SEMI; k--) {
    }
    return k + 1 < t ? rg_st__clause_lead(c, k + 1) : -1;
}

static int st_subject_pronoun_item(rg_stance_ctx *c, int t, int g)
{
    int lead = st_lead_before(c, t), a = -1, error;

    if (g == G_PLURAL) {
        return st_plural_items(c, t, lead);
    }
    if (lead >= 0 && c->items.v[lead].level == 0) {
        a = c->items.v[lead].actor;
    } else if (lead == -1) {
        a = st_resolve_pronoun(c, g);
    }
    if (a >= 0) {
        if ((error = rg_st__push_item(c, a, t, t + 1, 0, 0)) < 0) {
            return error;
        }
        c->items.v[c->items.n - 1].pron = g;
    }
    return RG_OK;
}

/* 1 when "lui" at t, or "l'" before an auxiliary ("l'a", "l'avait"), is an
 * object pronoun: after its clause's subject (an item), "ne", or an
 * infinitive's "pour"/"de", and before a verb, not "Macron, lui, ..." */
static int st_object_clitic(const rg_stance_ctx *c, int t)
{
    static const char *const before[] = { "ne", "n", "pour", "de", "d", "et", NULL };
    const st_tok *tk = &c->tok.v[t];

    if (tk->kind != TK_WORD || tk->item >= 0 || tk->quote >= 0 || t == 0 ||
        (size_t)t + 1 >= c->tok.n || c->tok.v[t + 1].kind != TK_WORD) {
        return 0;
    }
    if (!(tk_is(c, t, "lui") || (tk_is(c, t, "l") && tk_in(c, t + 1, rg_st__avoir_aux)))) {
        return 0;
    }
    return c->tok.v[t - 1].item >= 0 || tk_in(c, t - 1, before);
}

/*
 * The person an object pronoun at t stands for: the one person, other than
 * the clause's subject, named earlier in this sentence or in the previous
 * one; -1 when there is none or more than one (precision first).
 */
static int st_clitic_antecedent(const rg_stance_ctx *c, int t, size_t index)
{
    int subj = -1, found = -1, lead = st_lead_before(c, t);
    size_t i;

    if (lead >= 0) {
        subj = c->items.v[lead].actor;
    } else if (t > 0 && c->tok.v[t - 1].item >= 0) {
        subj = c->items.v[c->tok.v[t - 1].item].actor; /* "il lui a" */
    }
    for (i = 0; i < c->items.n; i++) {
        const st_item *it = &c->items.v[i];
        if (it->hi <= t && it->level == 0 && it->actor != subj && it->actor != found) {
            if (found >= 0) {
                return -1;
            }
            found = it->actor;
        }
    }
    for (i = 0; i < c->n_recent && index > 0; i++) {
        const st_recent *r = &c->recent[i];
        if (r->sentence + 1 == index && r->actor != subj && r->actor != found) {
            if (found >= 0) {
                return -1;
            }
            found = r->actor;
        }
    }
    return found;
}

/*
 * Pronouns become items. Subject pronouns: the subject of the clause they
 * follow ("X a dit qu'il"), none when that subject is no actor ("Le ministre
 * a dit qu'il"), else the most recent subject of their gender (a joint one
 * for "ils"). Object pronouns ("il lui a proposé", "il l'a accusé"): see
 * st_clitic_antecedent; they are objects only, and none is resolved in a
 * sentence whose "il"/"elle" stands for no actor.
 */
int rg_st__pronoun_items(rg_stance_ctx *c, size_t index)
{
    size_t p;
    int error, unresolved = 0;

    /* the rule checks run on the pronouns alone: il, elle, ils, elles,
     * lui, l (c->pron, from the tokenizer) */
    for (p = 0; p < c->pron.n; p++) {
        int t = c->pron.v[p];
        int g = c->tok.v[t].item < 0 ? st_subject_pronoun(c, t) : 0;
        size_t n = c->items.n;
        if (g && (error = st_subject_pronoun_item(c, t, g)) < 0) {
            return error;
        }
        unresolved |= g && c->items.n == n;
    }
    /* "il" stands for somebody who is no actor: so may "lui" */
    for (p = 0; !unresolved && p < c->pron.n; p++) {
        int t = c->pron.v[p], a;
        if (!st_object_clitic(c, t) || (a = st_clitic_antecedent(c, t, index)) < 0) {
            continue;
        }
        if ((error = rg_st__push_item(c, a, t, t + 1, 0, 0)) < 0) {
            return error;
        }
        c->items.v[c->items.n - 1].clitic = 1;
    }
    return RG_OK;
}

/* remember `actor` (-1: a subject that is no actor) as the latest subject */
void rg_st__subject_push(rg_stance_ctx *c, int actor, int gender)
{
    size_t j;
    int old = G_UNKNOWN;

    for (j = 0; j < c->n_subj && (actor < 0 || c->subj[j].actor != actor); j++) {
    }
    if (j < c->n_subj) {
        old = c->subj[j].gender;
    } else {
        if (c->n_subj < ST_RECENT) {
            c->n_subj++;
        }
        j = c->n_subj - 1;
    }
    for (; j > 0; j--) {
        c->subj[j] = c->subj[j - 1];
    }
    c->subj[0].actor = actor;
    c->subj[0].gender = gender != G_UNKNOWN ? gender : old;
}

/* the joint subject that starts at item i (st_remember's `plural`): it with
 * the items coordinated to it, when they are two or more of one level, else
 * none */
static void st_remember_plural(rg_stance_ctx *c, size_t i)
{
    int first = st_group_first(c, (int)i);
    size_t k;

    c->n_plural = 0;
    for (k = (size_t)first; k < c->items.n && c->n_plural < ST_RECENT &&
                            (k == (size_t)first || c->items.v[k].coord == (int)k - 1);
         k++) {
        if (c->items.v[k].level != c->items.v[first].level) {
            c->n_plural = 0;
            return;
        }
        c->plural[c->n_plural++] = c->items.v[k].actor;
    }
    if (c->n_plural < 2) {
        c->n_plural = 0;
    }
}

/*
 * The subject of the sentence, remembered for "il"/"elle" in the next ones:
 * the first ungoverned item outside quotes that is not an object ("a
 * condamné X", "de quitter X"), nor a "ils" or one of a pair ("les deux
 * présidents"), with the gender its title shows. And the joint subject,
 * remembered for "ils"/"elles": the first such item that is no object
 * pronoun, with the items coordinated to it ("X et Y", "les deux
 * présidents"); a single subject forgets it. A sentence with neither that
 * opens with a noun phrase or a name that is no actor ("Le ministre a
 * ajouté") remembers "nobody" and forgets the joint subject. Both memories
 * in one walk: the object tests and the opening are shared. The object
 * tests read the cues: where the sentence left its cue scan to be run on
 * demand, it is run as far as each test reads (rg_st__cues_before).
 * Returns RG_OK, or RG_ERROR when out of memory there.
 */
int rg_st__remember(rg_stance_ctx *c, const rg_lexicon *lx)
{
    size_t i, n = c->items.n;
    int subj = -1, plural = -1, lead = 0, error;

    for (i = 0; i < n && (subj < 0 || plural < 0); i++) {
        const st_item *it = &c->items.v[i];
        int s_ok, p_ok;
        if (it->quote >= 0 || it->gov >= 0) {
            continue;
        }
        s_ok = subj < 0 && it->pron != G_PLURAL && !(i > 0 && c->items.v[i - 1].lo == it->lo) &&
               !(i + 1 < n && c->items.v[i + 1].lo == it->lo);
        p_ok = plural < 0 && !it->clitic;
        if ((s_ok || p_ok) && (error = rg_st__cues_before(c, lx, it->lo)) < 0) {
            return error; /* the cues before the item, when left for now */
        }
        if ((s_ok || p_ok) && !rg_st__object_of_cue(c, lx, it->lo) &&
            !rg_st__after_infinitive(c, it->lo)) {
            subj = s_ok ? (int)i : subj;
            plural = p_ok ? (int)i : plural;
        }
    }
    if (subj < 0 || plural < 0) {
        lead = rg_st__clause_lead(c, 0);
    }
    if (subj >= 0) {
        const st_item *it = &c->items.v[subj];
        rg_st__subject_push(c, it->actor, it->pron ? it->pron : st_gender_at(c, it->lo, it->hi));
    } else if (lead == -2) {
        rg_st__subject_push(c, -1, G_UNKNOWN); /* "Le ministre a ajouté": no actor */
    }
    if (plural >= 0) {
        st_remember_plural(c, (size_t)plural);
    } else if (lead == -2) {
        c->n_plural = 0; /* "Les ministres ont ajouté": no actor */
    }
    return RG_OK;
}
