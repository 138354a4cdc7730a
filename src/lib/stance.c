/* SPDX-License-Identifier: MIT */
/*
 * Stance and tone detection, one sentence at a time.
 *
 * HOW IT WORKS (rules, in the order they apply; docs/lexicon.md has examples)
 *   0. Early exit. A sentence without mentions is scanned once for state
 *      adjectives, "deux" and "il"/"elle": fewer than two possible items, no
 *      relation, nothing more is done. Fewer than two items after step 2:
 *      only the subject memory (step 9) is updated; no stemming. Items no
 *      two of which make a pair step 8 keeps (one actor after levelling:
 *      "Vladimir Poutine ... il", "la Russie ... russe"): no relation
 *      either (rg_st__items_may_relate), and step 9 reads the cues only
 *      just before an item (it skips the objects of cues), so the cues are
 *      sought only there, and only as far as the scan must go to find them
 *      as a whole scan would (rg_st__cues_before): most words are never
 *      stemmed, no speaker or role is looked for. A rule that makes step 9
 *      read the cues elsewhere must seek them there the same way.
 *   1. Tokens. The sentence is split into words and punctuation (commas, ;,
 *      :, quotes). Each word is lower-cased into a per-context buffer and
 *      looked up in the lexicon's word table (exact form and Snowball stems);
 *      nothing is allocated per token, the buffers only grow.
 *   2. Items. Every actor mention becomes an item (adjacent mentions of one
 *      actor merge: "le président russe Vladimir Poutine"). State adjectives
 *      outside mentions ("les autorités russes", "russo-américaines") are
 *      state items, except next to a person ("son homologue américain Donald
 *      Trump"). "homologue américain" alone, "chef d'État américain", "les
 *      présidents russe et américain" are the leaders in office at the
 *      document's date. "les deux présidents / chefs d'État / hommes /
 *      dirigeants" are the two persons last named in the document, when no
 *      third person ties with them.
 *      Subject pronouns ("il", "elle" as clause subject, not impersonal,
 *      outside quotes) are items too: the subject of the clause they follow
 *      when it is an actor, nothing when it is another noun phrase or name,
 *      else the remembered subject (step 9) of their gender; "ils"/"elles":
 *      the joint subject of the clause, else the remembered joint subject.
 *      Object pronouns "lui", "l'a" (after the clause's subject, "ne",
 *      "pour", "de") are governed items for the one person other than the
 *      clause's subject named before in this or the previous sentence
 *      (none with two candidates, or when "il" stands for no actor).
 *      Each item records the preposition that governs it (à, de, par,
 *      avec, entre, selon...; "le régime de Damas" takes the governor of
 *      "régime"; "sur la Libye et la Syrie" takes "sur"; "après X" is no
 *      "d'après X") and the item it is coordinated with ("X et Y", "à X, Y et
 *      au Z", "X, Y ou le prince", "X et ses alliés anglo-américains"; not
 *      "X, que Y": a relative clause). "ses homologues de X" are peers.
 *      Hyphenated adjectives are states only next to another state word.
 *   3. Cues. Longest lexicon match at each word outside items. Speech verbs
 *      and negating verbs ("refuser de") are markers, not stances.
 *   4. Negation: a cue preceded (5 words) by "ne"/"n'" with pas, plus,
 *      jamais, guère, point, nullement, aucun, rien or ni before it or just
 *      after it; "sans", "pas", "jamais", "aucun" just before it; or a
 *      negating or withdrawal verb just before it ("refuser de", "se retirer
 *      de l'accord"; only determiners and object pronouns between). A
 *      negated cue yields NOTHING (neither its sign nor the opposite: "n'a
 *      pas condamné" is no evidence), except a "negflip" cue, which gives the
 *      opposite sign ("ne pas faire confiance à X" is distrust).
 *   5. Source: the agent after "par" right after the cue (passive:
 *      "critiquée par Donald Trump", the subject then becomes the target;
 *      after a participle up to 12 words on: "les frappes conduites dans la
 *      nuit par X", the target may then follow the agent);
 *      for a noun cue "de X contre/envers Y", X (and Y is the target);
 *      else the nearest ungoverned item before the cue in the same quote
 *      (with everything coordinated to it: "X et Y", "MM. X et Y"); else,
 *      for a fronted phrase ("Dans ses vœux à X, Poutine..."), the first
 *      ungoverned item after a comma (the target is then before that comma);
 *      else the speaker. A first-person pronoun in a quote ("nous", "j'")
 *      also means the speaker. Objects of an infinitive ("de quitter l'UE")
 *      are not subjects. A noun cue described by "visant"/"ciblant" takes no
 *      subject and no speaker (the accusations are somebody else's).
 *   6. Speaker of a quote: the item after a speech verb that follows the
 *      closing quote (« … », a déclaré X), else the subject before an
 *      opening quote introduced by ":" or "que" or a speech verb; a quote in
 *      a quote takes its own speaker when one is named, else its parent's.
 *      Outside quotes: "selon X" / "d'après X", or ", a indiqué X"; an
 *      inverted pronoun is the speaker ("», a-t-il dit"). A speech verb after
 *      the outer closing quote names the outer speaker only.
 *   7. Target: the first item after the cue (15 words, stopping at ";",
 *      the quote's end, a subordinating conjunction, the next cue or a
 *      speech verb; a same-sign noun cue that is the cue's object is passed
 *      through: "salue le soutien de X"), with everything coordinated to
 *      it; agents ("par X"), places ("en Syrie", "à Moscou") and peers are
 *      skipped; an ungoverned item after a comma and before a finite verb
 *      opens a new clause and ends the search ("..., Macron a assuré").
 *      With no target, a single governed item before the cue, outside quotes
 *      or in the cue's own quote, is the target
 *      ("la Russie ... avait condamné cette attaque" after "l'attitude de
 *      Washington"), not a country after à/au/aux ("Au Canada, il a ..."),
 *      not a member of an "entre" pair, and none when an opposite-sign cue
 *      before it has it as its own target ("sanctions contre l'Iran ... un
 *      accord"). Before that fallback, a headline "X sur N : Y cue ..."
 *      (an actor opening the sentence, "sur", a colon before a cue outside
 *      quotes) has X as the target.
 *   8. Output. person->person and state->state stances; a person facing a
 *      state counts at state level with the person's state (so "Trump a
 *      ordonné le bombardement de la base syrienne" is USA->SYR).
 *      Reciprocal cues (convenir, rencontre, coopération) give both
 *      directions (one when a verb of wish or attempt governs them: "veut
 *      trouver un accord avec X"); with a joint subject and no target they
 *      link the subject members; with a pair target ("entre A et B",
 *      "russo-américain") they link the pair; with no subject, "N de X avec
 *      Y" / "unir X à Y" links X and Y. Tone words give an undirected tone
 *      relation between the pair they characterise. With attribute_states,
 *      a state stance is also credited to the leaders in office at the date.
 *      Weight = |intensity|. One relation per (type, source, target, sign)
 *      and sentence: the strongest cue wins.
 *   The extractor skips this whole pass for a document whose actors cannot
 *   relate (extract_gate.c): it counts on every item's actor being a
 *   mention's, a state adjective's state or that state's leader at the
 *   date, or one of those remembered, and on step 8's levels. A rule that
 *   makes items of anything else must teach the gate about it.
 *   9. Subject memory, for "il"/"elle" in the next sentences: the first
 *      ungoverned item outside quotes that is not an object, with the
 *      gender its title or determiner shows ("Mme", "la chancelière", "le
 *      président"); a sentence opening with a noun phrase or name that is no
 *      actor ("Le ministre a ajouté") remembers "nobody". Up to 4 subjects,
 *      most recent first; "elle" takes the latest marked feminine, else the
 *      latest of unknown gender; "il" the latest not marked feminine. The
 *      joint subject ("X et Y ont ...") is remembered apart, for "ils"; a
 *      single subject forgets it.
 */
#include <stddef.h> /* offsetof */
#include <stdint.h> /* SIZE_MAX */
#include <string.h> /* memcpy, memset */

#include "stance_internal.h"

/* 1 while a test turns the on-demand cue scan off (rg_stance__set_lazy_cues) */
static _Thread_local int st_lazy_off;

void rg_stance__set_lazy_cues(int on)
{
    st_lazy_off = !on;
}

/* ---- context ---- */

/* The context kept for reuse on this thread (see rg_stance__reuse_begin). */
static _Thread_local struct {
    int depth;           /* nesting of reuse brackets */
    rg_stance_ctx *kept; /* NULL, or a freed context waiting for reuse */
} st_reuse;

void rg_stance__reuse_begin(void)
{
    st_reuse.depth++;
}

void rg_stance__reuse_end(void)
{
    rg_stance_ctx *ctx = st_reuse.kept;

    if (st_reuse.depth > 0 && --st_reuse.depth == 0) {
        st_reuse.kept = NULL;
        rg_stance_ctx_free(ctx);
    }
}

/* A context as rg_stance_ctx_new leaves it, keeping `ctx`'s stemmer, the
 * storage of its buffers (emptied) and its memo of adjective states, the
 * fields from memo_actors on, untouched (st_adj_state checks the memo's
 * owners before it reads it; copying its 2 KB cost more than it saved). */
static void st_ctx_reset(rg_stance_ctx *ctx)
{
    rg_stance_ctx keep;

    memcpy(&keep, ctx, offsetof(rg_stance_ctx, memo_actors));
    memset(ctx, 0, offsetof(rg_stance_ctx, memo_actors));
    ctx->stemmer = keep.stemmer;
#define ST_KEEP_VEC(f) (ctx->f.v = keep.f.v, ctx->f.cap = keep.f.cap)
    ST_KEEP_VEC(tok);
    ST_KEEP_VEC(kbuf);
    ST_KEEP_VEC(pron);
    ST_KEEP_VEC(adjs);
    ST_KEEP_VEC(items);
    ST_KEEP_VEC(quotes);
    ST_KEEP_VEC(cues);
    ST_KEEP_VEC(src);
    ST_KEEP_VEC(dst);
#undef ST_KEEP_VEC
}

int rg_stance_ctx_new(rg_stance_ctx **out, const rg_actors *a, const rg_date *date,
                      const rg_stance_options *opts)
{
    rg_stance_ctx *ctx = NULL;
    int error = RG_OK;

    RG_ASSERT_ARG(out && a);
    *out = NULL;
    rg_st__words_init();
    if (st_reuse.kept) {
        ctx = st_reuse.kept;
        st_reuse.kept = NULL;
        st_ctx_reset(ctx);
    } else if (!(ctx = rg__calloc(1, sizeof *ctx))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    ctx->actors = a;
    if (date && date->year) {
        ctx->date = *date;
        ctx->dated = 1;
    }
    if (opts) {
        ctx->opts = *opts;
    }
    if (!ctx->stemmer && (error = rg_lexicon__stemmer_new(&ctx->stemmer)) < 0) {
        goto cleanup;
    }
    *out = ctx;
    ctx = NULL;
cleanup:
    rg_stance_ctx_free(ctx);
    return error;
}

void rg_stance_ctx_free(rg_stance_ctx *ctx)
{
    if (!ctx) {
        return;
    }
    if (st_reuse.depth > 0 && !st_reuse.kept && ctx->stemmer) {
        st_reuse.kept = ctx; /* rg_stance_ctx_new clears it */
        return;
    }
    rg_lexicon__stemmer_free(ctx->stemmer);
    RG_VEC_FREE(ctx->tok);
    RG_VEC_FREE(ctx->kbuf);
    RG_VEC_FREE(ctx->pron);
    RG_VEC_FREE(ctx->adjs);
    RG_VEC_FREE(ctx->items);
    RG_VEC_FREE(ctx->quotes);
    RG_VEC_FREE(ctx->cues);
    RG_VEC_FREE(ctx->src);
    RG_VEC_FREE(ctx->dst);
    rg__free(ctx);
}

/* Steps 4-8 for each cue of the sentence that is no marker; the speakers
 * (step 6) only when there is one (most sentences have none, and step 9
 * does not read them). */
static int st_cue_relations(rg_stance_ctx *ctx, const rg_lexicon *lx, rg_relation **rels,
                            size_t *n, size_t *cap, size_t index)
{
    st_out o;
    size_t i;
    int error, speaker = -1, spoken = 0;

    memset(&o, 0, sizeof o);
    o.rels = rels;
    o.n = n;
    o.cap = cap;
    o.n0 = *n;
    o.index = index;
    for (i = 0; i < ctx->cues.n; i++) {
        if (st_cue_flags(lx, &ctx->cues.v[i]) & (RG_LX_SPEECH | RG_LX_NEG | RG_LX_IGNORE)) {
            continue;
        }
        if (!spoken) {
            speaker = rg_st__speakers(ctx, lx);
            spoken = 1;
        }
        if ((error = rg_st__one_cue(ctx, lx, &o, &ctx->cues.v[i], speaker)) < 0) {
            return error;
        }
    }
    return RG_OK;
}

int rg_stance_sentence(rg_relation **rels, size_t *n, size_t *cap, const rg_lexicon *lx,
                       rg_stance_ctx *ctx, const char *text, rg_span sent, size_t index,
                       const rg_mention *mentions, size_t n_mentions)
{
    size_t i;
    int error, np_lead = 0, subj_actor;

    RG_ASSERT_ARG(rels && n && cap && lx && ctx && text);
    ctx->cues.n = 0;
    ctx->cue_next = SIZE_MAX; /* no cues unless sought */
    ctx->items.n = 0;
    subj_actor = ctx->n_subj && ctx->subj[0].actor >= 0;
    /* np_lead only counts when a subject or a joint one is remembered */
    if (n_mentions == 0 &&
        rg_st__prescan(lx, text, sent, (ctx->n_subj > 0) | (ctx->n_plural > 0) << 1,
                       subj_actor || ctx->n_plural ? &np_lead : NULL) < 2) {
        if (np_lead && subj_actor) {
            rg_st__subject_push(ctx, -1, G_UNKNOWN); /* "Le ministre a ajouté" */
        }
        if (np_lead) {
            ctx->n_plural = 0;
        }
        goto remember; /* no relation */
    }
    if ((error = rg_st__tokenize(ctx, lx, text, sent)) < 0 ||
        (error = rg_st__items(ctx, lx, mentions, n_mentions, index)) < 0) {
        return error;
    }
    if (ctx->items.n < 2) {
        goto subject;
    }
    if (!st_lazy_off && !rg_st__items_may_relate(ctx)) {
        ctx->cue_next = ctx->stem_next = 0; /* step 9 seeks the cues it reads */
        goto subject;
    }
    if ((error = rg_st__find_cues(ctx, lx)) < 0) {
        return error;
    }
    if ((error = st_cue_relations(ctx, lx, rels, n, cap, index)) < 0) {
        return error;
    }
subject:
    if ((error = rg_st__remember(ctx, lx)) < 0) {
        return error;
    }
remember:
    for (i = 0; i < n_mentions; i++) {
        if (rg_actors_type(ctx->actors, (size_t)mentions[i].actor) == RG_ACTOR_PERSON) {
            rg_st__recent_push(ctx->recent, &ctx->n_recent, mentions[i].actor, index);
        }
    }
    return RG_OK;
}
