/* SPDX-License-Identifier: MIT */
/*
 * Private interface shared by the stance detector's files (stance*.c): the
 * per-thread context (tokens, items, quotes, cues of the current sentence
 * and the subject memory across sentences), the word lists of the French
 * rules, and the steps that stance.c's rg_stance_sentence() chains. Names
 * shared between these files start with rg_st__; nothing here is public.
 */
#ifndef RG_LIB_STANCE_INTERNAL_H
#define RG_LIB_STANCE_INTERNAL_H

#include <stddef.h> /* size_t */
#include <string.h> /* memcmp, strlen */

#include <relgraph/stance.h>
#include "common.h"
#include "lexicon.h"

#define ST_SUBJ_WINDOW 40   /* words searched back for a subject */
#define ST_TARGET_WINDOW 15 /* words searched forward for a target */
#define ST_TONE_WINDOW 8    /* words around a tone cue for its pair */
#define ST_RECENT 4         /* persons remembered for "les deux présidents" */

typedef enum {
    TK_WORD = 0, TK_COMMA, TK_SEMI, TK_COLON, TK_QOPEN, TK_QCLOSE, TK_END, TK_OTHER
} tk_kind;

typedef struct {
    size_t start, end; /* bytes in text */
    size_t koff;       /* lower-case key in ctx->kbuf */
    int klen;
    int ids[3];        /* lexicon word ids (rg_lexicon__token_ids); after
                        * tokenizing only ids[0], and only for a state
                        * adjective (else -1): rg_st__stem_words fills all
                        * three for the words outside items, the only ones
                        * cues are looked up for, but for the stems that
                        * cannot open a cue, RG_LX_LATER until
                        * rg_st__find_cues needs them */
    int item;          /* item covering the token, -1 none */
    short wid;         /* its entry in the word lists' table (rg_st__word_id),
                        * ST_WID_UNSET until a rule asks; after ids and
                        * item, so that the tokenizer sets the three at once */
    unsigned char kind;
    unsigned char hyph;  /* a hyphen joins it to the previous word */
    unsigned char upper; /* starts with a capital letter */
    int quote;           /* innermost quote, -1 outside */
} st_tok;

typedef struct {
    int actor;
    int level;     /* 0 person, 1 state or organisation */
    int lo, hi;    /* tokens [lo, hi) */
    int quote;
    int gov;       /* governing word: index into rg_st__govs, -1 none */
    int coord;     /* item it is coordinated after, -1 */
    int adj;       /* 1 state adjective, 2 leader by adjective ("homologue américain") */
    int link;      /* coordination: 1 "et"/"ou"/hyphen, 2 comma only */
    int gov_own, gov_inherited;
    int metonym;
    int pron;      /* a subject pronoun ("il", "elle") resolved to `actor`: its gender */
    int peer;      /* "ses homologues de l'UE": the peers, not the organisation */
    int clitic;    /* an object pronoun ("lui", "l'a") resolved to `actor` */
} st_item;

typedef struct {
    int open, close, parent;
    int speaker; /* item, -1 */
} st_quote;

typedef struct {
    int cue;     /* lexicon cue id */
    int lo, hi;  /* tokens */
} st_cue;

typedef struct {
    int actor;
    size_t sentence;
} st_recent;

/* gender of a subject, when the text shows it */
enum { G_UNKNOWN = 0, G_MASC = 1, G_FEM = 2, G_PLURAL = 3 };

typedef struct {
    int actor;
    int gender;
} st_subject;

/* entries of rg_stance_ctx.adj_state, the states of state adjectives */
#define ST_ADJ_MEMO 256

typedef struct {
    int word;  /* lexicon word id, -1: empty */
    int actor; /* its state's actor (rg_actors_find), -1: none */
} st_adj_memo;

struct rg_stance_ctx {
    const rg_actors *actors;
    rg_date date;
    int dated;
    rg_stance_options opts;
    rg_lx_stemmer *stemmer;
    RG_VEC(st_tok) tok;
    RG_VEC(char) kbuf;
    RG_VEC(int) pron;            /* the pronouns the rules take (il, elle, ils, elles,
                                  * lui, l'); token indices in order (rg_st__tokenize) */
    RG_VEC(int) adjs;            /* the state adjectives (ids[0] set) and "deux": the only
                                  * words rg_st__items looks at for adjective items;
                                  * token indices in order (rg_st__tokenize) */
    RG_VEC(st_item) items;
    RG_VEC(st_quote) quotes;
    RG_VEC(st_cue) cues;
    size_t cue_next;             /* the cue scan has looked at every start before this
                                  * token (SIZE_MAX: no scan in this sentence) */
    size_t stem_next;            /* the words before this token have their ids */
    RG_VEC(int) src;
    RG_VEC(int) dst;
    st_recent recent[ST_RECENT]; /* most recent first */
    size_t n_recent;
    st_subject subj[ST_RECENT];  /* sentence subjects, most recent first */
    size_t n_subj;
    int plural[ST_RECENT];       /* the last joint subject ("X et Y ont ..."), for "ils" */
    size_t n_plural;
    rg_lx_cue flipped;           /* a negated "negflip" cue, sign reversed */
    /* the actor of each state adjective's state, by word id modulo
     * ST_ADJ_MEMO, for memo_actors and memo_lx (st_adj_state). Last: when
     * the context is reused (rg_stance__reuse_begin) st_ctx_reset clears
     * the fields before memo_actors and keeps these */
    const rg_actors *memo_actors;
    const rg_lexicon *memo_lx;
    st_adj_memo adj_state[ST_ADJ_MEMO];
};

typedef struct {
    rg_relation **rels;
    size_t *n, *cap, n0;
    size_t index;
    const rg_lx_cue *cue;
    size_t cue_start, cue_end;
} st_out;

/* indices into rg_st__govs */
enum { GOV_A = 0, GOV_AU, GOV_AUX, GOV_AVEC, GOV_DE, GOV_D, GOV_DU, GOV_DES, GOV_POUR,
       GOV_CONTRE, GOV_PAR, GOV_ENTRE, GOV_ENVERS, GOV_SUR, GOV_CHEZ, GOV_VERS, GOV_SELON,
       GOV_APRES, GOV_EN, GOV_DANS };

/* ---- word lists (NULL-terminated, lower case, no accents folded) (stance_words.c) ---- */

/* The lists the rules look tokens up in (tk_in, tk_index), each with a
 * number for the table of rg_st__word_id */
#define ST_WORD_LISTS(X)                                                                   \
    X(govs) X(skip) X(coord) X(stops) X(neg_adv) X(neg_before) X(first_person)             \
    X(person_nouns) X(state_heads) X(pron_after) X(impersonal) X(impersonal_adj)          \
    X(impersonal_pp) X(etre) X(fem_marks) X(masc_marks) X(dets) X(inf_intro)               \
    X(inst_heads) X(leader_nouns) X(deux_nouns) X(avoir_aux)

#define ST_LIST_DECL(name) extern const char *const rg_st__##name[];
ST_WORD_LISTS(ST_LIST_DECL)
#undef ST_LIST_DECL

#define ST_LIST_ENUM(name) ST_L_##name,
enum { ST_WORD_LISTS(ST_LIST_ENUM) ST_N_LISTS };
#undef ST_LIST_ENUM

/*
 * HOW IT WORKS (the word lists' table). The rules ask whether a token is in
 * one list or another (tk_in: "de" a governor? "la" a determiner? the word
 * before an item one of 90 head nouns?), about 75,000 times on 5,000
 * articles, and a walk of a list compares up to 90 words (about 135
 * instructions a question). Every word of every list above is entered once
 * in a table (rg_st__words_init, when the first context is made) with its
 * index in each list, or ST_NOT_IN. A token is looked up there at the
 * first question about it (rg_st__word_id into st_tok.wid), and each later
 * question about it is one load. A list outside the table (the static lists of the rule
 * files) is walked as before (st_key_index); so is every list if the
 * table could not hold all the words (ST_WID_SCAN).
 */
#define ST_NOT_IN 255      /* st_word.idx: not in that list */
#define ST_WID_UNSET (-2)  /* st_tok.wid: not looked up yet */
#define ST_WID_SCAN (-3)   /* rg_st__word_id: no table, walk the lists */

typedef struct {
    const char *w; /* the word, NUL-terminated */
    size_t n;      /* its bytes */
    unsigned char idx[ST_N_LISTS]; /* its first index in each list, ST_NOT_IN */
} st_word;

/* The entries of the table: rg_st__words[id] for an id >= 0 from
 * rg_st__word_id. */
extern st_word rg_st__words[];

/* Builds the table, once for the process (rg_stance_ctx_new calls it on
 * every thread that makes a context: the table is read only after). */
void rg_st__words_init(void);

/* The id of the key k[0..n) (n >= 1) in the table, -1 when it is in no
 * list, ST_WID_SCAN when there is no table (not built on this thread's
 * side of rg_st__words_init, or a list did not fit). */
int rg_st__word_id(const char *k, size_t n);

/* The number of `list` when it is one of ST_WORD_LISTS, else -1: a
 * constant wherever the list is (GCC folds the comparisons of addresses). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int st_list_no(const char *const *list)
{
#define ST_LIST_CMP(name)                                                                  \
    if (list == rg_st__##name) {                                                           \
        return ST_L_##name;                                                                \
    }
    ST_WORD_LISTS(ST_LIST_CMP)
#undef ST_LIST_CMP
    return -1;
}

static inline int tk_is(const rg_stance_ctx *c, int i, const char *w)
{
    const st_tok *t;
    size_t n = strlen(w);

    if (i < 0 || (size_t)i >= c->tok.n) {
        return 0;
    }
    t = &c->tok.v[i];
    return t->kind == TK_WORD && (size_t)t->klen == n && memcmp(c->kbuf.v + t->koff, w, n) == 0;
}

/* 1 when the key k[0..n) equals the string w. Keys hold word bytes, never
 * NUL, so a shorter w stops the loop at its terminator: no strlen per entry
 * (the lists are scanned for many tokens). */
static inline int st_key_is(const char *k, size_t n, const char *w)
{
    size_t j;

    for (j = 0; j < n; j++) {
        if (k[j] != w[j]) {
            return 0;
        }
    }
    return w[n] == '\0';
}

/* Index in the NULL-terminated `list` of the key k[0..n) (n >= 1), -1 when
 * it is none: entries are compared by first byte, then by st_key_is. */
static inline int st_key_index(const char *k, size_t n, const char *const *list)
{
    int j;

    for (j = 0; list[j]; j++) {
        if (list[j][0] == k[0] && st_key_is(k, n, list[j])) {
            return j;
        }
    }
    return -1;
}

/* Index in `list` of the word at token i, -1 when it is none or no word;
 * from the word lists' table for those lists (HOW IT WORKS above). The
 * context is const to the rules; the token's wid is only a memo. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int tk_index(const rg_stance_ctx *c, int i, const char *const *list)
{
    st_tok *t;
    int l = st_list_no(list);

    if (i < 0 || (size_t)i >= c->tok.n || c->tok.v[i].kind != TK_WORD) {
        return -1;
    }
    t = &c->tok.v[i];
    if (l >= 0) {
        if (t->wid == ST_WID_UNSET) {
            t->wid = (short)rg_st__word_id(c->kbuf.v + t->koff, (size_t)t->klen);
        }
        if (t->wid != ST_WID_SCAN) {
            unsigned j = t->wid < 0 ? ST_NOT_IN : rg_st__words[t->wid].idx[l];
            return j == ST_NOT_IN ? -1 : (int)j;
        }
    }
    return st_key_index(c->kbuf.v + t->koff, (size_t)t->klen, list);
}

#if defined(__GNUC__)
__attribute__((always_inline)) /* so that st_list_no folds to a constant */
#endif
static inline int tk_in(const rg_stance_ctx *c, int i, const char *const *list)
{
    return tk_index(c, i, list) >= 0;
}

/* 1 for the governors "de", "d'", "du", "des" */
static inline int st_is_de(int gov)
{
    return gov == GOV_DE || gov == GOV_D || gov == GOV_DU || gov == GOV_DES;
}

/* the first item of the coordination chain ("X et Y") that item i is in */
static inline int st_group_first(const rg_stance_ctx *c, int i)
{
    while (c->items.v[i].coord >= 0) {
        i = c->items.v[i].coord;
    }
    return i;
}

/* the last item of the coordination chain that starts at or goes through item i */
static inline int st_group_last(const rg_stance_ctx *c, int i)
{
    while ((size_t)i + 1 < c->items.n && c->items.v[i + 1].coord == i) {
        i++;
    }
    return i;
}

static inline unsigned st_cue_flags(const rg_lexicon *lx, const st_cue *cu)
{
    return lx->cues[cu->cue].flags;
}


/* ---- context reuse (stance.c) ---- */

/*
 * Between rg_stance__reuse_begin() and rg_stance__reuse_end() on one thread,
 * rg_stance_ctx_free() keeps the context (its stemmer, stem cache and
 * buffers) and the next rg_stance_ctx_new() on that thread takes it back
 * cleared, instead of allocating a stemmer per document. Calls nest; the
 * outermost _end() frees the kept context. The lexicon and the dictionary
 * must outlive the bracket (the stem cache holds the lexicon's word ids,
 * the adjective memo the dictionary's actor indices; both check the
 * owner's address only).
 */
void rg_stance__reuse_begin(void);
void rg_stance__reuse_end(void);

/* For tests, on this thread: 0 makes every sentence whose items cannot
 * relate seek all its cues as the others do (rg_stance_sentence), 1 (the
 * default) seeks only those its subject memory reads. */
void rg_stance__set_lazy_cues(int on);

/* ---- 0, 1. prescan (stance_prescan.c), tokens (stance_tokens.c) ---- */

int rg_st__tokenize(rg_stance_ctx *c, const rg_lexicon *lx, const char *text, rg_span sent);
size_t rg_st__prescan(const rg_lexicon *lx, const char *text, rg_span sent, int pron,
                      int *np_lead);
void rg_st__stem_words(rg_stance_ctx *c, const rg_lexicon *lx, size_t from, size_t to);

/* ---- 2. items (mentions, state adjectives; governors, coordination) (stance_items.c) ---- */

int rg_st__leader(const rg_stance_ctx *c, int state);
void rg_st__recent_push(st_recent *r, size_t *n, int actor, size_t sentence);
int rg_st__push_item(rg_stance_ctx *c, int actor, int lo, int hi, int adj, int metonym);
int rg_st__after_infinitive(const rg_stance_ctx *c, int lo);
int rg_st__items(rg_stance_ctx *c, const rg_lexicon *lx, const rg_mention *m, size_t nm,
                 size_t index);

/* ---- 2, 9. subject pronouns and subject memory (stance_pronouns.c) ---- */

int rg_st__clause_lead(const rg_stance_ctx *c, int start);
int rg_st__pronoun_items(rg_stance_ctx *c, size_t index);
void rg_st__subject_push(rg_stance_ctx *c, int actor, int gender);
int rg_st__remember(rg_stance_ctx *c, const rg_lexicon *lx);

/* ---- 3-7. cues, negation, speakers, subjects (stance_cues.c) ---- */

int rg_st__find_cues(rg_stance_ctx *c, const rg_lexicon *lx);
/* When the sentence's cue scan was left to be run on demand (c->cue_next),
 * runs it (rg_st__find_cues: the ids, then the cues) as far as
 * rg_st__object_of_cue(lo) reads it; lo is the first token of an item. */
int rg_st__cues_before(rg_stance_ctx *c, const rg_lexicon *lx, int lo);
int rg_st__cue_at(const rg_stance_ctx *c, int t);
int rg_st__negated(const rg_stance_ctx *c, const rg_lexicon *lx, const st_cue *cu);
int rg_st__postposed_speech(const rg_stance_ctx *c, const rg_lexicon *lx, int t);
int rg_st__object_of_cue(const rg_stance_ctx *c, const rg_lexicon *lx, int t);
int rg_st__nearest_subject(const rg_stance_ctx *c, const rg_lexicon *lx, int from,
                           int quote, int stop);
int rg_st__speakers(rg_stance_ctx *c, const rg_lexicon *lx);

/* ---- 7-8. targets, agents, output (stance_roles.c) ---- */

int rg_st__one_cue(rg_stance_ctx *c, const rg_lexicon *lx, st_out *o, const st_cue *cu,
                   int sent_speaker);
/* 0 when st_emit keeps no pair of the sentence's items: no relation. */
int rg_st__items_may_relate(const rg_stance_ctx *c);
/* Step 8's levels: *s and *t (levels 0 person, 1 state or organisation)
 * as st_emit relates them, a person facing the other level replaced by
 * its state; 1 when the pair is kept (both >= 0 after that, s != t).
 * st_emit, rg_st__items_may_relate and the extractor's gate all ask it. */
int rg_st__levelled(const rg_actors *a, int *s, int s_level, int *t, int t_level);

#endif
