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
 * s'agit", "il est difficile de"), not inside a quote. Returns the gender
 * (G_MASC, G_FEM) or 0.
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

/*
 * Subject pronouns become items: the subject of the clause they follow ("X a
 * dit qu'il"), none when that subject is no actor ("Le ministre a dit
 * qu'il"), else the most recent subject of their gender.
 */
int rg_st__pronoun_items(rg_stance_ctx *c)
{
    int t, error;

    for (t = 0; (size_t)t < c->tok.n; t++) {
        int g = c->tok.v[t].item < 0 ? st_subject_pronoun(c, t) : 0, a = -1, k, lead;
        if (!g) {
            continue;
        }
        for (k = t - 1; k >= 0 && c->tok.v[k].kind != TK_COMMA &&
                        c->tok.v[k].kind != TK_COLON && c->tok.v[k].kind != TK_QCLOSE &&
                        c->tok.v[k].kind != TK_SEMI; k--) {
        }
        lead = k + 1 < t ? rg_st__clause_lead(c, k + 1) : -1;
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

/*
 * The subject of the sentence, remembered for "il"/"elle" in the next ones:
 * the first ungoverned item outside quotes that is not an object ("a
 * condamné X", "de quitter X"), with the gender its title shows.
 */
void rg_st__remember_subject(rg_stance_ctx *c, const rg_lexicon *lx)
{
    size_t i;

    for (i = 0; i < c->items.n; i++) {
        const st_item *it = &c->items.v[i];
        int g;
        if (it->quote >= 0 || it->gov >= 0 ||
            (i > 0 && c->items.v[i - 1].lo == it->lo) ||
            (i + 1 < c->items.n && c->items.v[i + 1].lo == it->lo) ||
            rg_st__object_of_cue(c, lx, it->lo) || rg_st__after_infinitive(c, it->lo)) {
            continue;
        }
        g = it->pron ? it->pron : st_gender_at(c, it->lo, it->hi);
        rg_st__subject_push(c, it->actor, g);
        return;
    }
    if (rg_st__clause_lead(c, 0) == -2) {
        rg_st__subject_push(c, -1, G_UNKNOWN); /* "Le ministre a ajouté": no actor */
    }
}
