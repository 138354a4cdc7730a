/* SPDX-License-Identifier: MIT */
/*
 * Stance and tone detection, one sentence at a time.
 *
 * HOW IT WORKS (rules, in the order they apply; docs/lexicon.md has examples)
 *   0. Early exit. A sentence without mentions is scanned once for state
 *      adjectives, "deux" and "il"/"elle": fewer than two possible items, no
 *      relation, nothing more is done. Fewer than two items after step 2:
 *      only the subject memory (step 9) is updated; no stemming.
 *   1. Tokens. The sentence is split into words and punctuation (commas, ;,
 *      :, quotes). Each word is lower-cased into a per-context buffer and
 *      looked up in the lexicon's word table (exact form and Snowball stems);
 *      nothing is allocated per token, the buffers only grow.
 *   2. Items. Every actor mention becomes an item (adjacent mentions of one
 *      actor merge: "le président russe Vladimir Poutine"). State adjectives
 *      outside mentions ("les autorités russes", "russo-américaines") are
 *      state items, except next to a person ("son homologue américain Donald
 *      Trump"). "homologue américain" alone, "les présidents russe et
 *      américain" are the leaders in office at the document's date. "les deux
 *      présidents / chefs d'État / hommes / dirigeants" are the two persons
 *      last named in the document, when no third person ties with them.
 *      Subject pronouns ("il", "elle" as clause subject, not impersonal,
 *      outside quotes) are items too: the subject of the clause they follow
 *      when it is an actor, nothing when it is another noun phrase or name,
 *      else the remembered subject (step 9) of their gender.
 *      Each item records the preposition that governs it (à, de, par,
 *      avec, entre, selon...; "le régime de Damas" takes the governor of
 *      "régime") and the item it is coordinated with ("X et Y", "à X, Y et
 *      au Z", "X, Y ou le prince", "X et ses alliés anglo-américains").
 *      Hyphenated adjectives are states only next to another state word.
 *   3. Cues. Longest lexicon match at each word outside items. Speech verbs
 *      and negating verbs ("refuser de") are markers, not stances.
 *   4. Negation: a cue preceded (5 words) by "ne"/"n'" with pas, plus,
 *      jamais, guère, point, nullement, aucun, rien or ni before it or just
 *      after it; "sans", "pas", "jamais", "aucun" just before it; or a
 *      negating verb just before it. A negated cue yields NOTHING (neither
 *      its sign nor the opposite: "n'a pas condamné" is no evidence), except
 *      a "negflip" cue, which gives the opposite sign ("ne pas faire
 *      confiance à X" is distrust).
 *   5. Source: the agent after "par" right after the cue (passive:
 *      "critiquée par Donald Trump", the subject then becomes the target;
 *      after a participle up to 12 words on: "les frappes conduites dans la
 *      nuit par X", the target may then follow the agent);
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
 *      it; agents ("par X") and places ("en Syrie", "à Moscou") are skipped.
 *      With no target, a single governed item before the cue is the target
 *      ("la Russie ... avait condamné cette attaque" after "l'attitude de
 *      Washington"), not a country after à/au/aux ("Au Canada, il a ...").
 *   8. Output. person->person and state->state stances; a person facing a
 *      state counts at state level with the person's state (so "Trump a
 *      ordonné le bombardement de la base syrienne" is USA->SYR).
 *      Reciprocal cues (convenir, rencontre, coopération) give both
 *      directions; with a joint subject and no target they link the subject
 *      members; with a pair target ("entre A et B", "russo-américain") they
 *      link the pair. Tone words give an undirected tone relation between
 *      the pair they characterise. With attribute_states, a state stance is
 *      also credited to the leaders in office at the date. Weight =
 *      |intensity|. One relation per (type, source, target, sign) and
 *      sentence: the strongest cue wins.
 *   9. Subject memory, for "il"/"elle" in the next sentences: the first
 *      ungoverned item outside quotes that is not an object, with the
 *      gender its title or determiner shows ("Mme", "la chancelière", "le
 *      président"); a sentence opening with a noun phrase or name that is no
 *      actor ("Le ministre a ajouté") remembers "nobody". Up to 4 subjects,
 *      most recent first; "elle" takes the latest marked feminine, else the
 *      latest of unknown gender; "il" the latest not marked feminine.
 */
#include <limits.h> /* INT_MAX */
#include <string.h> /* memcmp, memset, strcmp, strlen */

#include <relgraph/stance.h>
#include "common.h"
#include "lexicon.h"
#include "text_internal.h"

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
    int ids[3];
    int quote;         /* innermost quote, -1 outside */
    int item;          /* item covering the token, -1 none */
    unsigned char kind;
    unsigned char hyph;  /* a hyphen joins it to the previous word */
    unsigned char upper; /* starts with a capital letter */
} st_tok;

typedef struct {
    int actor;
    int level;     /* 0 person, 1 state or organisation */
    int lo, hi;    /* tokens [lo, hi) */
    int quote;
    int gov;       /* governing word: index into st_govs, -1 none */
    int coord;     /* item it is coordinated after, -1 */
    int adj;       /* 1 state adjective, 2 leader by adjective ("homologue américain") */
    int link;      /* coordination: 1 "et"/"ou"/hyphen, 2 comma only */
    int gov_own, gov_inherited;
    int metonym;
    int pron;      /* 1 a subject pronoun ("il", "elle") resolved to `actor` */
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
enum { G_UNKNOWN = 0, G_MASC = 1, G_FEM = 2 };

typedef struct {
    int actor;
    int gender;
} st_subject;

struct rg_stance_ctx {
    const rg_actors *actors;
    rg_date date;
    int dated;
    rg_stance_options opts;
    rg_lx_stemmer *stemmer;
    RG_VEC(st_tok) tok;
    RG_VEC(char) kbuf;
    RG_VEC(st_item) items;
    RG_VEC(st_quote) quotes;
    RG_VEC(st_cue) cues;
    RG_VEC(int) src;
    RG_VEC(int) dst;
    st_recent recent[ST_RECENT]; /* most recent first */
    size_t n_recent;
    st_subject subj[ST_RECENT];  /* sentence subjects, most recent first */
    size_t n_subj;
    rg_lx_cue flipped;           /* a negated "negflip" cue, sign reversed */
};

/* ---- small word tests ---- */

static int tk_is(const rg_stance_ctx *c, int i, const char *w)
{
    const st_tok *t;
    size_t n = strlen(w);

    if (i < 0 || (size_t)i >= c->tok.n) {
        return 0;
    }
    t = &c->tok.v[i];
    return t->kind == TK_WORD && (size_t)t->klen == n && memcmp(c->kbuf.v + t->koff, w, n) == 0;
}

static int tk_in(const rg_stance_ctx *c, int i, const char *const *list)
{
    for (; *list; list++) {
        if (tk_is(c, i, *list)) {
            return 1;
        }
    }
    return 0;
}

static const char *const st_govs[] = {
    "à", "au", "aux", "avec", "de", "d", "du", "des", "pour", "contre", "par", "entre",
    "envers", "sur", "chez", "vers", "selon", "après", "en", "dans", "auprès", "malgré",
    "sans", "concernant", "contre", "face", NULL
};
enum { GOV_A = 0, GOV_AU, GOV_AUX, GOV_AVEC, GOV_DE, GOV_D, GOV_DU, GOV_DES, GOV_POUR,
       GOV_CONTRE, GOV_PAR, GOV_ENTRE, GOV_ENVERS, GOV_SUR, GOV_CHEZ, GOV_VERS, GOV_SELON,
       GOV_APRES, GOV_EN, GOV_DANS };

/* words skipped between a governor and its item */
static const char *const st_skip[] = {
    "le", "la", "les", "l", "un", "une", "son", "sa", "ses", "leur", "leurs", "m", "mm",
    "mme", "homologue", "homologues", "futur", "nouveau", "nouvelle", "ancien", "ancienne",
    "cet", "cette", "ce", "ces", "même", NULL
};
static const char *const st_coord[] = {
    "et", "ainsi", "que", "ou", "de", "d", "du", "des", "la", "le", "les", "l", "au", "aux",
    "à", "m", "mme", "mm", NULL
};
static const char *const st_stops[] = {
    "alors", "tandis", "mais", "car", "lorsque", "quand", "puisque", "bien", "avant",
    "afin", "pendant", "dont", NULL
};
static const char *const st_neg_adv[] = {
    "pas", "plus", "jamais", "guère", "point", "nullement", "aucun", "aucune", "rien",
    "ni", NULL
};
static const char *const st_neg_before[] = { "sans", "pas", "jamais", "aucun", "aucune", NULL };
static const char *const st_first_person[] = { "je", "j", "nous", NULL };
static const char *const st_person_nouns[] = {
    "président", "présidente", "présidents", "homologue", "homologues", "ministre",
    "ministres", "chancelier", "chancelière", "dirigeant", "dirigeants", "dirigeante",
    "chef", "chefs", "leader", "leaders", "premier", "première", "roi", "reine",
    "secrétaire", "émir", "prince", "vice", NULL
};
/* nouns whose state adjective names the state itself ("les autorités russes") */
static const char *const st_state_heads[] = {
    "autorités", "autorité", "gouvernement", "gouvernements", "forces", "armée", "armées",
    "régime", "diplomatie", "administration", "pouvoir", "présidence", "troupes", "base",
    "bases", "renseignement", "renseignements", "militaire", "militaires", "soldats",
    "frappes", "frappe", "actions", "relations", "coopération", "dialogue", "partenariat",
    "peuple", "ministère", "ambassade", "diplomates", "diplomate", "avions", "navires",
    "missiles", "économie", "territoire", "sol", "parlement", "services", "agents", "camp",
    "côté", "partie", "responsables", "officiels", "marine", "aviation", "état", "alliés",
    "positions", "position", "intérêts", "sanctions", "offensive", "intervention",
    "attaque", "attaques", "bombardement", "bombardements", "opération", "opérations",
    "agression", "ingérence", "menace", "menaces", "politique", "décision", "proposition",
    "offre", "initiative", "coordination", "rapprochement", "normalisation", "république",
    "nation", "pays", "capitale", NULL
};

/* words after which "il"/"elle" is a subject ("et il", "qu'elle", "s'il") */
static const char *const st_pron_after[] = {
    "et", "mais", "qu", "que", "car", "puis", "où", "lorsqu", "quand", "ainsi", "donc",
    "alors", "s", "puisqu", "ensuite", "aussi", "enfin", "depuis", "ou", NULL
};
/* "il faut", "il y a", "il semble": impersonal "il" */
static const char *const st_impersonal[] = {
    "y", "faut", "fallait", "faudra", "faudrait", "semble", "semblait", "paraît",
    "suffit", "importe", "convient", "reste", "restait", "restera", "manque", "pleut",
    NULL
};
/* "il est difficile de": impersonal after être */
static const char *const st_impersonal_adj[] = {
    "possible", "impossible", "difficile", "clair", "évident", "vrai", "temps",
    "question", "nécessaire", "important", "probable", "peu", "urgent", "hors",
    "normal", "logique", "dommage", "interdit", "prévu", "exclu", "inutile", NULL
};
/* "il a été convenu de": impersonal passive */
static const char *const st_impersonal_pp[] = {
    "convenu", "décidé", "prévu", "annoncé", "demandé", "proposé", "jugé", "établi",
    "constaté", "rappelé", "souligné", "indiqué", "précisé", "confirmé", "noté", "question",
    "entendu", "dit", NULL
};
static const char *const st_etre[] = {
    "est", "était", "sera", "serait", "fut", NULL
};
static const char *const st_fem_marks[] = {
    "mme", "madame", "la", "chancelière", "présidente", "première", "reine", "cheffe",
    "dirigeante", NULL
};
static const char *const st_masc_marks[] = {
    "m", "monsieur", "le", "président", "chancelier", "premier", "roi", "chef",
    "dirigeant", "du", "au", NULL
};
/* determiners that open a noun phrase subject ("Le ministre a ...") */
static const char *const st_dets[] = {
    "le", "la", "l", "les", "un", "une", "ce", "cet", "cette", "ces", "son", "sa", "ses",
    "leur", "leurs", NULL
};
/* an infinitive is introduced by these ("de quitter l'UE") */
static const char *const st_inf_intro[] = { "de", "d", "à", "pour", "sans", NULL };

/* institutions: "le régime de Damas" acts as Damas */
static const char *const st_inst_heads[] = {
    "régime", "gouvernement", "autorités", "armée", "administration", "présidence",
    "diplomatie", "pouvoir", "ministère", "parlement", NULL
};

static const char *const st_leader_nouns[] = {
    "homologue", "présidents", "dirigeants", "chefs", "leaders", NULL
};
static const char *const st_deux_nouns[] = {
    "présidents", "hommes", "dirigeants", "leaders", "chefs", "dirigeantes", NULL
};

/* ---- context ---- */

int rg_stance_ctx_new(rg_stance_ctx **out, const rg_actors *a, const rg_date *date,
                      const rg_stance_options *opts)
{
    rg_stance_ctx *ctx = NULL;
    int error;

    RG_ASSERT_ARG(out && a);
    *out = NULL;
    if (!(ctx = rg__calloc(1, sizeof *ctx))) {
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
    if ((error = rg_lexicon__stemmer_new(&ctx->stemmer)) < 0) {
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
    rg_lexicon__stemmer_free(ctx->stemmer);
    RG_VEC_FREE(ctx->tok);
    RG_VEC_FREE(ctx->kbuf);
    RG_VEC_FREE(ctx->items);
    RG_VEC_FREE(ctx->quotes);
    RG_VEC_FREE(ctx->cues);
    RG_VEC_FREE(ctx->src);
    RG_VEC_FREE(ctx->dst);
    rg__free(ctx);
}

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

static int st_tokenize(rg_stance_ctx *c, const rg_lexicon *lx, const char *text, rg_span sent)
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
            t->upper = (unsigned char)((text[s] >= 'A' && text[s] <= 'Z') ||
                                       ((unsigned char)text[s] == 0xC3 && n > 1 &&
                                        (unsigned char)text[s + 1] < 0xA0));
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
    /* quotes: nesting by a stack walk */
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
    }
    return RG_OK;
}

/*
 * Upper bound on the items of a sentence without mentions, straight from the
 * text: state adjectives, "deux" ("les deux présidents": two) and, when a
 * subject is remembered, "il"/"elle". Fewer than two items give no relation,
 * so most sentences are dropped here, before tokenizing and stemming. Words
 * are cut as st_tokenize cuts them.
 */
static int st_upper_at(const char *text, size_t s, size_t n)
{
    return (text[s] >= 'A' && text[s] <= 'Z') ||
           ((unsigned char)text[s] == 0xC3 && n > 1 && (unsigned char)text[s + 1] < 0xA0);
}

/*
 * ... and *np_lead = 1 when the sentence opens like a noun phrase or a
 * two-word name (st_clause_lead's -2), the first words being no actor here.
 */
static size_t st_prescan(const rg_lexicon *lx, const char *text, rg_span sent, int pron,
                         int *np_lead)
{
    char buf[RG_LX_MAXTOK];
    size_t i = sent.start, n = 0, nw = 0;
    int up0 = 0;

    *np_lead = 0;
    while (i < sent.end && n < 2) {
        size_t s = i, k;
        int32_t cp;
        while (i < sent.end) {
            unsigned char b = (unsigned char)text[i];
            if (b < 0x80) {
                if (!((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
                      (b >= '0' && b <= '9'))) {
                    break;
                }
                i++;
                continue;
            }
            k = rg_text__utf8_decode(text + i, sent.end - i, &cp);
            if (k == (size_t)-1 || !rg_lexicon__is_word_cp(cp)) {
                break;
            }
            i += k;
        }
        if (i > s && nw < 2) {
            if (nw == 0) {
                size_t d;
                rg_lexicon__lower(buf, text + s, i - s < sizeof buf ? i - s : sizeof buf);
                for (d = 0; st_dets[d]; d++) {
                    if (strlen(st_dets[d]) == i - s && memcmp(st_dets[d], buf, i - s) == 0) {
                        *np_lead = 1;
                    }
                }
                up0 = st_upper_at(text, s, i - s);
            } else if (up0 && text[s - 1] == ' ' && st_upper_at(text, s, i - s)) {
                *np_lead = 1; /* "Gérard Depardieu a ..." */
            }
            nw++;
        }
        if (i > s && i - s <= RG_LX_MAXTOK) {
            unsigned char f = (unsigned char)text[s];
            int w;
            if (f >= 'A' && f <= 'Z') {
                f = (unsigned char)(f + 32); /* rg_lexicon__lower keeps other lead bytes */
            }
            if (pron && (f == 'i' || f == 'e') && (i - s == 2 || i - s == 4)) {
                rg_lexicon__lower(buf, text + s, i - s);
                if (memcmp(buf, i - s == 2 ? "il" : "elle", i - s) == 0) {
                    n++; /* a subject pronoun may stand for an actor */
                    continue;
                }
            }
            if (f != 'd' && (i - s > lx->adj_maxlen ||
                             !(lx->adj_first[f >> 6] & ((uint64_t)1 << (f & 63))))) {
                continue; /* neither a state adjective nor "deux" */
            }
            rg_lexicon__lower(buf, text + s, i - s);
            w = rg_lexicon__token_exact(lx, buf, i - s);
            if (w >= 0 && lx->adj_state[w]) {
                n++;
                *np_lead = 0; /* "Les autorités russes ont ...": an actor */
            } else if (i - s == 4 && memcmp(buf, "deux", 4) == 0) {
                n += 2;
            }
        }
        if (i == s) {
            /* a separator: skip one code point (invalid bytes one at a time) */
            k = rg_text__utf8_decode(text + i, sent.end - i, &cp);
            i += k == (size_t)-1 ? 1 : k;
        }
    }
    return n;
}

/* stems of the words outside items: only they can be cues */
static void st_stem_words(rg_stance_ctx *c, const rg_lexicon *lx)
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

/* ---- 2. items ---- */

static int st_level(const rg_stance_ctx *c, int actor)
{
    return rg_actors_type(c->actors, (size_t)actor) == RG_ACTOR_PERSON ? 0 : 1;
}

static int st_push_item(rg_stance_ctx *c, int actor, int lo, int hi, int adj, int metonym)
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

static int st_state_of_code(const rg_stance_ctx *c, const char *code)
{
    int a = rg_actors_find(c->actors, code);
    return a;
}

static int st_leader(const rg_stance_ctx *c, int state)
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

static void st_recent_push(st_recent *r, size_t *n, int actor, size_t sentence)
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

/* gender shown by a title or determiner at or just before tokens [lo, hi) */
static int st_gender_at(const rg_stance_ctx *c, int lo, int hi)
{
    int p = lo - 1, t;

    if (p >= 0 && c->tok.v[p].kind == TK_END) {
        p--; /* "M. Trump" */
    }
    if (tk_in(c, p, st_fem_marks)) {
        return G_FEM;
    }
    if (tk_in(c, p, st_masc_marks)) {
        return G_MASC;
    }
    for (t = lo; t < hi && t <= lo + 2; t++) {
        if (tk_in(c, t, st_fem_marks)) {
            return G_FEM;
        }
        if (tk_in(c, t, st_masc_marks)) {
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
        if (tk_in(c, p, st_impersonal) || (tk_is(c, p, "a") && tk_is(c, p - 1, "y"))) {
            return 0; /* "faut-il", "y a-t-il" */
        }
    } else if (t > 0) {
        const st_tok *pv = &c->tok.v[t - 1];
        if (!(pv->kind == TK_COMMA || pv->kind == TK_COLON || pv->kind == TK_QCLOSE ||
              pv->kind == TK_END || tk_in(c, t - 1, st_pron_after))) {
            return 0;
        }
    }
    if (tk_in(c, t + 1, st_impersonal) ||
        (tk_is(c, t + 1, "s") && (tk_is(c, t + 2, "agit") || tk_is(c, t + 2, "agissait"))) ||
        (tk_is(c, t + 1, "n") && tk_is(c, t + 2, "y")) ||
        (tk_in(c, t + 1, st_etre) && tk_in(c, t + 2, st_impersonal_adj)) ||
        (tk_is(c, t + 2, "été") && tk_in(c, t + 3, st_impersonal_pp))) {
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
static int st_clause_lead(const rg_stance_ctx *c, int start)
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
    if (tk_in(c, t, st_dets) || (c->tok.v[t].upper && c->tok.v[t + 1].kind == TK_WORD &&
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

/* 1 when the item at lo is the object of an infinitive: "de quitter l'UE" */
static int st_after_infinitive(const rg_stance_ctx *c, int lo)
{
    int p = lo - 1;
    const st_tok *tk;
    const char *k;

    while (p >= 0 && p >= lo - 2 && c->tok.v[p].item < 0 && tk_in(c, p, st_skip)) {
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
           tk_in(c, p - 1, st_inf_intro);
}

/* a state adjective or an item at token t */
static int st_adj_or_item(const rg_stance_ctx *c, const rg_lexicon *lx, int t)
{
    const st_tok *tk;

    if (t < 0 || (size_t)t >= c->tok.n) {
        return 0;
    }
    tk = &c->tok.v[t];
    return tk->item >= 0 || (tk->kind == TK_WORD && tk->ids[0] >= 0 && lx->adj_state[tk->ids[0]]);
}

static int st_items(rg_stance_ctx *c, const rg_lexicon *lx, const rg_mention *m, size_t nm,
                    size_t index)
{
    size_t i;
    int t, error;
    st_recent recent[ST_RECENT];
    size_t n_recent = c->n_recent;

    c->items.n = 0;
    memcpy(recent, c->recent, sizeof recent);
    /* mentions, merged when adjacent and of one actor */
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
        if ((error = st_push_item(c, m[i].actor, lo, hi, 0,
                                  m[i].kind == RG_MENTION_METONYM)) < 0) {
            return error;
        }
    }
    /*
     * subject pronouns: the subject of the clause they follow ("X a dit
     * qu'il"), none when that subject is no actor ("Le ministre a dit
     * qu'il"), else the most recent subject of their gender
     */
    for (t = 0; (size_t)t < c->tok.n; t++) {
        int g = c->tok.v[t].item < 0 ? st_subject_pronoun(c, t) : 0, a = -1, k, lead;
        if (!g) {
            continue;
        }
        for (k = t - 1; k >= 0 && c->tok.v[k].kind != TK_COMMA &&
                        c->tok.v[k].kind != TK_COLON && c->tok.v[k].kind != TK_QCLOSE &&
                        c->tok.v[k].kind != TK_SEMI; k--) {
        }
        lead = k + 1 < t ? st_clause_lead(c, k + 1) : -1;
        if (lead >= 0 && c->items.v[lead].level == 0) {
            a = c->items.v[lead].actor;
        } else if (lead == -1) {
            a = st_resolve_pronoun(c, g);
        }
        if (a >= 0) {
            if ((error = st_push_item(c, a, t, t + 1, 0, 0)) < 0) {
                return error;
            }
            c->items.v[c->items.n - 1].pron = g;
        }
    }
    /* state adjectives, "homologue américain", "les deux présidents" */
    for (t = 0; (size_t)t < c->tok.n; t++) {
        st_tok *tk = &c->tok.v[t];
        int w, state;
        if (tk->kind != TK_WORD || tk->item >= 0) {
            continue;
        }
        if (tk_is(c, t, "deux") && tk_in(c, t + 1, st_deux_nouns) && c->tok.v[t + 1].item < 0) {
            int a, b, hi = t + 2;
            /* persons named earlier in this sentence are more recent */
            size_t k;
            for (k = 0; k < c->items.n; k++) {
                if (c->items.v[k].hi <= t && c->items.v[k].level == 0) {
                    st_recent_push(recent, &n_recent, c->items.v[k].actor, index);
                }
            }
            if (tk_is(c, t + 2, "d") && tk_is(c, t + 3, "état")) {
                hi = t + 4;
            }
            if (st_last_two(recent, n_recent, &a, &b)) {
                if ((error = st_push_item(c, a, t, hi, 0, 0)) < 0 ||
                    (error = st_push_item(c, b, t, hi, 0, 0)) < 0) {
                    return error;
                }
            }
            t = hi - 1;
            continue;
        }
        w = tk->ids[0];
        if (w < 0 || !lx->adj_state[w] || (state = st_state_of_code(c, lx->adj_state[w])) < 0) {
            continue;
        }
        if ((size_t)(t + 1) < c->tok.n && c->tok.v[t + 1].item >= 0 &&
            c->items.v[c->tok.v[t + 1].item].level == 0) {
            continue; /* "l'Allemande Angela Merkel" */
        }
        if (t > 0 && c->tok.v[t - 1].item >= 0 && c->items.v[c->tok.v[t - 1].item].level == 0) {
            continue;
        }
        if (tk_in(c, t - 1, st_person_nouns) ||
            (c->items.n && c->items.v[c->items.n - 1].adj == 2 &&
             c->items.v[c->items.n - 1].hi == t - 1 && tk_is(c, t - 1, "et"))) {
            /* "homologue américain", "les présidents russe et américain" */
            int leader = st_leader(c, state);
            if ((tk_in(c, t - 1, st_leader_nouns) || tk_is(c, t - 1, "et")) && leader >= 0 &&
                (error = st_push_item(c, leader, t, t + 1, 2, 0)) < 0) {
                return error;
            }
            continue;
        }
        if (!tk_in(c, t - 1, st_state_heads) &&
            !(tk_in(c, t - 2, st_state_heads) && c->tok.v[t - 1].kind == TK_WORD) &&
            /* "russo-américain", "Moscou-Washington", not "nord-américain" */
            !((size_t)(t + 1) < c->tok.n && c->tok.v[t + 1].hyph &&
              st_adj_or_item(c, lx, t + 1)) &&
            !(c->tok.v[t].hyph && st_adj_or_item(c, lx, t - 1)) &&
            !(tk_is(c, t - 1, "et") && c->items.n && c->items.v[c->items.n - 1].adj == 1 &&
              c->items.v[c->items.n - 1].hi == t - 1)) {
            continue; /* "l'acteur français" is not France */
        }
        if ((error = st_push_item(c, state, t, t + 1, 1, 0)) < 0) {
            return error;
        }
    }
    /* items pushed out of order: sort by token (insertion, few items) */
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
    /* governors and coordination */
    for (i = 0; i < c->items.n; i++) {
        st_item *it = &c->items.v[i];
        int p = it->lo - 1, g;
        if (i > 0 && c->items.v[i - 1].lo == it->lo) {
            it->gov = c->items.v[i - 1].gov; /* "les deux présidents": a pair */
            it->coord = (int)i - 1;
            continue;
        }
        while (p >= 0 && c->tok.v[p].item < 0 && c->tok.v[p].kind == TK_WORD &&
               (tk_in(c, p, st_skip) || c->tok.v[p].upper ||
                (c->tok.v[p].ids[0] >= 0 && lx->adj_state[c->tok.v[p].ids[0]]))) {
            p--;
        }
        for (g = 0; st_govs[g]; g++) {
            if (tk_is(c, p, st_govs[g])) {
                it->gov = g;
                break;
            }
        }
        if (tk_is(c, p, "après") && !tk_is(c, p - 1, "d")) {
            it->gov = -1;
        }
        if ((it->gov == GOV_DE || it->gov == GOV_D || it->gov == GOV_DU) &&
            tk_in(c, p - 1, st_inst_heads) && it->level == 1) {
            /* "le régime de Damas": Damas stands where its institution stands */
            int h = p - 2;
            while (h >= 0 && c->tok.v[h].item < 0 && c->tok.v[h].kind == TK_WORD &&
                   tk_in(c, h, st_skip)) {
                h--;
            }
            it->gov = -1;
            for (g = 0; st_govs[g]; g++) {
                if (tk_is(c, h, st_govs[g])) {
                    it->gov = g;
                    break;
                }
            }
        }
        if (tk_is(c, p, "après")) {
            it->gov = GOV_SELON; /* d'après X */
        }
        /* coordination: only coordinating words between the previous item and this one */
        if (i > 0 && c->items.v[i - 1].quote == it->quote) {
            const st_item *pv = &c->items.v[i - 1];
            int k, ok = pv->hi < it->lo, has_link = 0;
            for (k = pv->hi; ok && k < it->lo; k++) {
                const st_tok *tk = &c->tok.v[k];
                if (tk->kind == TK_COMMA) {
                    has_link = has_link ? has_link : 2;
                } else if (tk->kind != TK_WORD ||
                           !(tk_in(c, k, st_coord) || tk->upper || tk_in(c, k, st_skip) ||
                             (tk->ids[0] >= 0 && lx->adj_state[tk->ids[0]]) ||
                             (k == it->lo - 1 && it->adj == 1 && tk_in(c, k, st_state_heads)))) {
                    ok = 0;
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
    return RG_OK;
}

/* ---- 3. cues ---- */

static int st_find_cues(rg_stance_ctx *c, const rg_lexicon *lx)
{
    size_t t = 0;
    int error;

    c->cues.n = 0;
    while (t < c->tok.n) {
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
                    const st_tok *u;
                    if (t + (size_t)w >= c->tok.n) {
                        ok = 0;
                        break;
                    }
                    u = &c->tok.v[t + (size_t)w];
                    ok = u->kind == TK_WORD && u->item < 0 &&
                         (u->ids[0] == cue->words[w] || u->ids[1] == cue->words[w] ||
                          u->ids[2] == cue->words[w]);
                }
                if (ok) {
                    best = list[j];
                    best_n = cue->n_words;
                }
            }
        }
        if (best >= 0) {
            st_cue cu = { best, (int)t, (int)t + best_n };
            if ((error = RG_VEC_PUSH(c->cues, cu)) < 0) {
                return error;
            }
            t += (size_t)best_n;
        } else {
            t++;
        }
    }
    return RG_OK;
}

static unsigned st_cue_flags(const rg_lexicon *lx, const st_cue *cu)
{
    return lx->cues[cu->cue].flags;
}

/* index of the cue covering or starting at token t, -1 */
static int st_cue_at(const rg_stance_ctx *c, int t)
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

static int st_negated(const rg_stance_ctx *c, const rg_lexicon *lx, const st_cue *cu)
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
        if (t >= cu->lo - 2 && tk_in(c, t, st_neg_before)) {
            return 1;
        }
        if (t >= cu->lo - 3 && tk_is(c, t, "sans")) {
            return 1;
        }
        ci = st_cue_at(c, t);
        if (ci >= 0 && (st_cue_flags(lx, &c->cues.v[ci]) & RG_LX_NEG) &&
            c->cues.v[ci].hi >= cu->lo - 2) {
            return 1;
        }
    }
    if (ne >= 0) {
        for (t = ne + 1; (size_t)t < c->tok.n && t <= cu->hi + 1; t++) {
            if (t >= cu->lo && t < cu->hi) {
                continue;
            }
            if (tk_in(c, t, st_neg_adv)) {
                return 1;
            }
        }
    }
    return 0;
}

/* ---- 5-7. who does what to whom ---- */

static int st_is_speech_at(const rg_stance_ctx *c, const rg_lexicon *lx, int t)
{
    int ci = st_cue_at(c, t);
    return ci >= 0 && (st_cue_flags(lx, &c->cues.v[ci]) & RG_LX_SPEECH);
}

/* a speech verb at t introduced by a comma or a closing quote ("», a déclaré X") */
static int st_postposed_speech(const rg_stance_ctx *c, const rg_lexicon *lx, int t)
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

/* 1 when token t directly follows a stance cue (determiners aside): its object */
static int st_object_of_cue(const rg_stance_ctx *c, const rg_lexicon *lx, int t)
{
    int p = t - 1, ci;

    while (p >= 0 && p >= t - 3 && c->tok.v[p].item < 0 && tk_in(c, p, st_skip)) {
        p--;
    }
    if (p < 0 || p == t - 1 - 3) {
        return 0;
    }
    ci = st_cue_at(c, p);
    return ci >= 0 && c->cues.v[ci].lo != t &&
           !(st_cue_flags(lx, &c->cues.v[ci]) & (RG_LX_SPEECH | RG_LX_NEG | RG_LX_IGNORE |
                                                  RG_LX_TONE));
}

static int st_nearest_subject(const rg_stance_ctx *c, const rg_lexicon *lx, int from,
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
            if (qui || (it->gov < 0 && !st_object_of_cue(c, lx, it->lo) &&
                        !st_after_infinitive(c, it->lo))) {
                return tk->item;
            }
            t = it->lo;
        }
    }
    return -1;
}

/* speakers of the quotes and of the sentence */
static int st_speakers(rg_stance_ctx *c, const rg_lexicon *lx)
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
        if (c->tok.v[t].quote < 0 && st_postposed_speech(c, lx, t)) {
            sent = st_item_after(c, t);
        }
    }
    for (q = 0; q < c->quotes.n; q++) {
        st_quote *qu = &c->quotes.v[q];
        int k, sp = -1;
        for (k = qu->close + 1; (size_t)k < c->tok.n && k <= qu->close + 5; k++) {
            if (st_postposed_speech(c, lx, k)) {
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
                sp = st_nearest_subject(c, lx, qu->open, qu->parent, -1);
            }
        }
        if (sp < 0) {
            sp = qu->parent >= 0 ? c->quotes.v[qu->parent].speaker : sent;
        }
        qu->speaker = sp;
    }
    return sent;
}

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
    int first = item, k, error;

    while (c->items.v[first].coord >= 0) {
        first = c->items.v[first].coord;
    }
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
        if (tk_in(c, t, st_stops) || st_postposed_speech(c, lx, t)) {
            break;
        }
        ci = st_cue_at(c, t);
        if (ci >= 0 &&
            !(st_cue_flags(lx, &c->cues.v[ci]) & (RG_LX_SPEECH | RG_LX_NEG | RG_LX_IGNORE))) {
            const rg_lx_cue *in = &lx->cues[c->cues.v[ci].cue];
            if (t == c->cues.v[ci].lo && in->sign == lx->cues[cu->cue].sign &&
                !(in->flags & RG_LX_TONE) && st_object_of_cue(c, lx, t)) {
                t = c->cues.v[ci].hi - 1; /* "salue le soutien de X": X, same sign */
                continue;
            }
            if (t > cu->hi + 1) {
                break;
            }
        }
        if (tk->item >= 0) {
            const st_item *it = &c->items.v[tk->item];
            if (it->gov != GOV_PAR && it->gov != GOV_SELON &&
                !st_is_place(it, st_cue_flags(lx, cu)) &&
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

/* a single governed item before the cue (anaphoric object) */
static int st_fallback_target(const rg_stance_ctx *c, const rg_lexicon *lx, const st_cue *cu)
{
    int found = -1, t;

    for (t = 0; t < cu->lo; t++) {
        const st_tok *tk = &c->tok.v[t];
        const st_item *it;
        if (tk->item < 0) {
            continue;
        }
        it = &c->items.v[tk->item];
        t = it->hi - 1;
        if (it->gov < 0 || it->gov == GOV_PAR || it->gov == GOV_SELON ||
            st_is_place(it, st_cue_flags(lx, cu)) ||
            /* "au Canada, il a menacé ...": a place, not an object */
            (it->level == 1 && !it->adj &&
             (it->gov == GOV_A || it->gov == GOV_AU || it->gov == GOV_AUX)) ||
            st_in_src(c, it->actor)) {
            continue;
        }
        if (found >= 0 && c->items.v[found].actor != it->actor) {
            return -1;
        }
        found = tk->item;
    }
    return found;
}

/* ---- 8. output ---- */

typedef struct {
    rg_relation **rels;
    size_t *n, *cap, n0;
    size_t index;
    const rg_lx_cue *cue;
    size_t cue_start, cue_end;
} st_out;

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

/* one stance (or tone) between two items, at the right level */
static int st_emit(rg_stance_ctx *c, st_out *o, rg_relation_type type, const st_item *a,
                   const st_item *b)
{
    int s = a->actor, t = b->actor, error;

    if (a->level != b->level) {
        if (a->level == 0) {
            s = rg_actors_state_of(c->actors, (size_t)s);
        } else {
            t = rg_actors_state_of(c->actors, (size_t)t);
        }
        if (s < 0 || t < 0) {
            return RG_OK;
        }
    }
    if (s == t) {
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
        return st_emit1(o, type, st_leader(c, s), st_leader(c, t));
    }
    return RG_OK;
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
            pv->gov != GOV_ENTRE && pv->gov != GOV_DE && pv->gov != GOV_D &&
            pv->gov != GOV_DU && pv->gov != GOV_DES) {
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
        if (part && tk->kind == TK_WORD && tk->item < 0 && st_cue_at(c, t) < 0 &&
            !tk_in(c, t, st_stops) && !tk_is(c, t, "qui") && !tk_is(c, t, "que") &&
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
            tk_is(c, t, "et") || tk_in(c, t, st_skip) || tk_is(c, t, "de") ||
            tk_is(c, t, "d") || tk_is(c, t, "du") || tk_is(c, t, "des") ||
            (tk->kind == TK_WORD && tk->klen > 5 &&
             memcmp(c->kbuf.v + tk->koff + tk->klen - 4, "ment", 4) == 0)) {
            continue;
        }
        break;
    }
    return -1;
}

static int st_one_cue(rg_stance_ctx *c, const rg_lexicon *lx, st_out *o, const st_cue *cu,
                      int sent_speaker)
{
    const rg_lx_cue *cue = &lx->cues[cu->cue];
    int q = c->tok.v[cu->lo].quote, subj = -1, agent = -1, tgt = -1, pa, pb, error;
    size_t i, j;
    int recip = (cue->flags & RG_LX_RECIP) != 0, pair_tgt = 0;

    o->cue = cue;
    o->cue_start = c->tok.v[cu->lo].start;
    o->cue_end = c->tok.v[cu->hi - 1].end;
    c->src.n = c->dst.n = 0;
    if (st_object_of_cue(c, lx, cu->lo)) {
        return RG_OK; /* "rejette l'offre de X": the offer is X's, not a stance */
    }
    if (st_negated(c, lx, cu)) {
        if (!(cue->flags & RG_LX_NEGFLIP)) {
            return RG_OK;
        }
        /* "ne pas (pouvoir) faire confiance à X": distrust, the opposite sign */
        c->flipped = *cue;
        c->flipped.sign = -cue->sign;
        c->flipped.intensity = -cue->intensity;
        o->cue = cue = &c->flipped;
    }
    if (st_pair(c, cu, &pa, &pb)) {
        if ((cue->flags & RG_LX_TONE) &&
            (error = st_emit(c, o, RG_REL_TONE, &c->items.v[pa], &c->items.v[pb])) < 0) {
            return error;
        }
        if (recip && (c->items.v[pa].lo >= cu->hi || (cue->flags & RG_LX_TONE))) {
            if ((error = st_emit(c, o, RG_REL_STANCE, &c->items.v[pa], &c->items.v[pb])) < 0 ||
                (error = st_emit(c, o, RG_REL_STANCE, &c->items.v[pb], &c->items.v[pa])) < 0) {
                return error;
            }
            pair_tgt = 1;
        }
    }
    if (cue->flags & RG_LX_TONE) {
        return RG_OK;
    }
    agent = st_agent(c, cu);
    if (agent >= 0) {
        if ((error = st_group(c, 0, agent)) < 0) {
            return error;
        }
        int after = c->items.v[c->src.v[c->src.n - 1]].hi; /* "par X et Y" ends here */
        if ((subj = st_nearest_subject(c, lx, cu->lo, q, -1)) >= 0 ||
            (subj = st_target(c, lx, cu, cu->hi, INT_MAX)) >= 0 ||
            (after > cu->hi && (subj = st_target(c, lx, cu, after, INT_MAX)) >= 0)) {
            if ((error = st_group(c, 1, subj)) < 0) {
                return error;
            }
        }
    } else {
        int first_person = 0, t, end = INT_MAX;
        int described = tk_is(c, cu->hi, "visant") || tk_is(c, cu->hi, "ciblant");
        for (t = cu->lo - 1; t >= 0 && t >= cu->lo - 6 && q >= 0; t--) {
            if (c->tok.v[t].quote == q && tk_in(c, t, st_first_person)) {
                first_person = 1;
            }
        }
        subj = first_person || described ? -1 : st_nearest_subject(c, lx, cu->lo, q, -1);
        if (subj < 0 && !first_person && !described) {
            /* fronted phrase: the first ungoverned item after a comma; the
             * target is in the fronted phrase */
            int comma = -1;
            for (t = cu->hi; (size_t)t < c->tok.n; t++) {
                const st_tok *tk = &c->tok.v[t];
                if (tk->kind == TK_COMMA && tk->quote == q) {
                    comma = comma < 0 ? t : comma;
                } else if (tk->kind == TK_SEMI) {
                    break;
                } else if (comma >= 0 && tk->item >= 0 && tk->quote == q &&
                           c->items.v[tk->item].gov < 0) {
                    subj = tk->item;
                    end = comma;
                    break;
                }
            }
        }
        if (subj < 0 && !described) {
            subj = q >= 0 ? c->quotes.v[q].speaker : sent_speaker;
            if (subj >= 0 && q < 0 && c->items.v[subj].gov == GOV_SELON &&
                (c->items.v[subj].lo > cu->lo + ST_TARGET_WINDOW ||
                 c->items.v[subj].lo + ST_TARGET_WINDOW < cu->lo)) {
                subj = -1; /* "selon X" speaks for its own clause only */
            }
        }
        if (subj >= 0 && (error = st_group(c, 0, subj)) < 0) {
            return error;
        }
        if ((tgt = st_target(c, lx, cu, cu->hi, end)) >= 0) {
            int g = c->items.v[tgt].gov;
            if ((error = st_group(c, 1, tgt)) < 0) {
                return error;
            }
            if (g >= 0 && g != GOV_AVEC && g != GOV_ENTRE) {
                recip = 0; /* "propose à X", "l'accord de X": one direction */
            }
        } else if (c->src.n && (tgt = st_fallback_target(c, lx, cu)) >= 0) {
            if ((error = st_group(c, 1, tgt)) < 0) {
                return error;
            }
            recip = 0; /* "propose à X une coopération": one direction */
        }
    }
    if (pair_tgt && tgt >= 0 && c->dst.n >= 2) {
        return RG_OK; /* the pair was the target */
    }
    if (c->dst.n == 0) {
        /* a joint subject with a reciprocal cue: "X et Y ont convenu" */
        if (recip && c->src.n >= 2) {
            for (i = 0; i < c->src.n; i++) {
                for (j = 0; j < c->src.n; j++) {
                    if (i != j && (error = st_emit(c, o, RG_REL_STANCE,
                                                   &c->items.v[c->src.v[i]],
                                                   &c->items.v[c->src.v[j]])) < 0) {
                        return error;
                    }
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

/* remember `actor` (-1: a subject that is no actor) as the latest subject */
static void st_subject_push(rg_stance_ctx *c, int actor, int gender)
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
static void st_remember_subject(rg_stance_ctx *c, const rg_lexicon *lx)
{
    size_t i;

    for (i = 0; i < c->items.n; i++) {
        const st_item *it = &c->items.v[i];
        int g;
        if (it->quote >= 0 || it->gov >= 0 ||
            (i > 0 && c->items.v[i - 1].lo == it->lo) ||
            (i + 1 < c->items.n && c->items.v[i + 1].lo == it->lo) ||
            st_object_of_cue(c, lx, it->lo) || st_after_infinitive(c, it->lo)) {
            continue;
        }
        g = it->pron ? it->pron : st_gender_at(c, it->lo, it->hi);
        st_subject_push(c, it->actor, g);
        return;
    }
    if (st_clause_lead(c, 0) == -2) {
        st_subject_push(c, -1, G_UNKNOWN); /* "Le ministre a ajouté": no actor */
    }
}

int rg_stance_sentence(rg_relation **rels, size_t *n, size_t *cap, const rg_lexicon *lx,
                       rg_stance_ctx *ctx, const char *text, rg_span sent, size_t index,
                       const rg_mention *mentions, size_t n_mentions)
{
    st_out o;
    size_t i;
    int error, speaker, np_lead = 0;

    RG_ASSERT_ARG(rels && n && cap && lx && ctx && text);
    ctx->cues.n = 0;
    ctx->items.n = 0;
    if (n_mentions == 0 && st_prescan(lx, text, sent, ctx->n_subj > 0, &np_lead) < 2) {
        if (np_lead && ctx->n_subj && ctx->subj[0].actor >= 0) {
            st_subject_push(ctx, -1, G_UNKNOWN); /* "Le ministre a ajouté" */
        }
        goto remember; /* no relation */
    }
    if ((error = st_tokenize(ctx, lx, text, sent)) < 0 ||
        (error = st_items(ctx, lx, mentions, n_mentions, index)) < 0) {
        return error;
    }
    if (ctx->items.n < 2) {
        goto subject;
    }
    st_stem_words(ctx, lx);
    if ((error = st_find_cues(ctx, lx)) < 0) {
        return error;
    }
    speaker = st_speakers(ctx, lx);
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
        if ((error = st_one_cue(ctx, lx, &o, &ctx->cues.v[i], speaker)) < 0) {
            return error;
        }
    }
subject:
    st_remember_subject(ctx, lx);
remember:
    for (i = 0; i < n_mentions; i++) {
        if (rg_actors_type(ctx->actors, (size_t)mentions[i].actor) == RG_ACTOR_PERSON) {
            st_recent_push(ctx->recent, &ctx->n_recent, mentions[i].actor, index);
        }
    }
    return RG_OK;
}
