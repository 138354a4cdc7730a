/* SPDX-License-Identifier: MIT */
/*
 * Word lists of the stance rules (French function words, titles, nouns that
 * make a state adjective stand for its state...). Each is a NULL-terminated
 * array of lower-case forms compared with tk_is()/tk_in() (stance_internal.h),
 * through one table of all their words (rg_st__word_id, below).
 */
#include <pthread.h> /* pthread_once */
#include <stdint.h>  /* uint32_t */

#include "stance_internal.h"

/* governors: the first twenty in the order of the GOV_* indices (stance_internal.h) */
const char *const rg_st__govs[] = {
    "à", "au", "aux", "avec", "de", "d", "du", "des", "pour", "contre", "par", "entre",
    "envers", "sur", "chez", "vers", "selon", "après", "en", "dans", "auprès", "malgré",
    "sans", "concernant", "face", NULL
};

/* words skipped between a governor and its item */
const char *const rg_st__skip[] = {
    "le", "la", "les", "l", "un", "une", "son", "sa", "ses", "leur", "leurs", "m", "mm",
    "mme", "homologue", "homologues", "futur", "nouveau", "nouvelle", "ancien", "ancienne",
    "cet", "cette", "ce", "ces", "même", NULL
};
const char *const rg_st__coord[] = {
    "et", "ainsi", "que", "ou", "de", "d", "du", "des", "la", "le", "les", "l", "au", "aux",
    "à", "m", "mme", "mm", NULL
};
const char *const rg_st__stops[] = {
    "alors", "tandis", "mais", "car", "lorsque", "quand", "puisque", "bien", "avant",
    "afin", "pendant", "dont", NULL
};
const char *const rg_st__neg_adv[] = {
    "pas", "plus", "jamais", "guère", "point", "nullement", "aucun", "aucune", "rien",
    "ni", NULL
};
const char *const rg_st__neg_before[] = { "sans", "pas", "jamais", "aucun", "aucune", NULL };
const char *const rg_st__first_person[] = { "je", "j", "nous", NULL };
const char *const rg_st__person_nouns[] = {
    "président", "présidente", "présidents", "homologue", "homologues", "ministre",
    "ministres", "chancelier", "chancelière", "dirigeant", "dirigeants", "dirigeante",
    "chef", "chefs", "leader", "leaders", "premier", "première", "roi", "reine",
    "secrétaire", "émir", "prince", "vice", NULL
};
/* nouns whose state adjective names the state itself ("les autorités russes") */
const char *const rg_st__state_heads[] = {
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
    "nation", "pays", "capitale", "annexion", "occupation", NULL
};

/* words after which "il"/"elle" is a subject ("et il", "qu'elle", "s'il") */
const char *const rg_st__pron_after[] = {
    "et", "mais", "qu", "que", "car", "puis", "où", "lorsqu", "quand", "ainsi", "donc",
    "alors", "s", "puisqu", "ensuite", "aussi", "enfin", "depuis", "ou", NULL
};
/* "il faut", "il y a", "il semble": impersonal "il" */
const char *const rg_st__impersonal[] = {
    "y", "faut", "fallait", "faudra", "faudrait", "semble", "semblait", "paraît",
    "suffit", "importe", "convient", "reste", "restait", "restera", "manque", "pleut",
    NULL
};
/* "il est difficile de": impersonal after être */
const char *const rg_st__impersonal_adj[] = {
    "possible", "impossible", "difficile", "clair", "évident", "vrai", "temps",
    "question", "nécessaire", "important", "probable", "peu", "urgent", "hors",
    "normal", "logique", "dommage", "interdit", "prévu", "exclu", "inutile", NULL
};
/* "il a été convenu de": impersonal passive */
const char *const rg_st__impersonal_pp[] = {
    "convenu", "décidé", "prévu", "annoncé", "demandé", "proposé", "jugé", "établi",
    "constaté", "rappelé", "souligné", "indiqué", "précisé", "confirmé", "noté", "question",
    "entendu", "dit", NULL
};
const char *const rg_st__etre[] = {
    "est", "était", "sera", "serait", "fut", NULL
};
const char *const rg_st__fem_marks[] = {
    "mme", "madame", "la", "chancelière", "présidente", "première", "reine", "cheffe",
    "dirigeante", NULL
};
const char *const rg_st__masc_marks[] = {
    "m", "monsieur", "le", "président", "chancelier", "premier", "roi", "chef",
    "dirigeant", "du", "au", NULL
};
/* determiners that open a noun phrase subject ("Le ministre a ...") */
const char *const rg_st__dets[] = {
    "le", "la", "l", "les", "un", "une", "ce", "cet", "cette", "ces", "son", "sa", "ses",
    "leur", "leurs", NULL
};
/* an infinitive is introduced by these ("de quitter l'UE") */
const char *const rg_st__inf_intro[] = { "de", "d", "à", "pour", "sans", NULL };

/* institutions: "le régime de Damas" acts as Damas */
const char *const rg_st__inst_heads[] = {
    "régime", "gouvernement", "autorités", "armée", "administration", "présidence",
    "diplomatie", "pouvoir", "ministère", "parlement", NULL
};

const char *const rg_st__leader_nouns[] = {
    "homologue", "présidents", "dirigeants", "chefs", "leaders", NULL
};
const char *const rg_st__deux_nouns[] = {
    "présidents", "hommes", "dirigeants", "leaders", "chefs", "dirigeantes", NULL
};
/* avoir's forms after "l'" in an object pronoun ("l'a", "l'aura"): the
 * pronoun rules and the prescan's bound read the same list */
const char *const rg_st__avoir_aux[] = {
    "a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", NULL
};

/* ---- the table of the lists' words (stance_internal.h, HOW IT WORKS) ---- */

#define ST_WORDS_MAX 512   /* distinct words of all lists: about 280 */
#define ST_WORD_SLOTS 1024 /* open addressing, at most half full */

st_word rg_st__words[ST_WORDS_MAX];
static size_t st_n_words;
static short st_slots[ST_WORD_SLOTS]; /* word id + 1, 0: empty */
static int st_words_ok;               /* 0: a list did not fit, walk them */
static pthread_once_t st_words_once = PTHREAD_ONCE_INIT;

/* A hash of k[0..n) (n >= 1) from its length and its first two and last
 * two bytes, not a byte loop: a token is looked up at the first question
 * about it, and most are no word of a list. */
static size_t st_word_hash(const char *k, size_t n)
{
    uint32_t a = (unsigned char)k[0] | (uint32_t)(unsigned char)k[n > 1] << 8;
    uint32_t b = (unsigned char)k[n - 1] | (uint32_t)(unsigned char)k[n - 1 - (n > 1)] << 8;

    return (size_t)(((a << 16 | b) ^ (uint32_t)n * 0x9E3779B9u) * 0x85EBCA6Bu >> 22);
}

/* The slot of k[0..n): the one holding it, else the empty one where it goes. */
static size_t st_word_slot(const char *k, size_t n)
{
    size_t s;

    for (s = st_word_hash(k, n) & (ST_WORD_SLOTS - 1); st_slots[s];
         s = (s + 1) & (ST_WORD_SLOTS - 1)) {
        const st_word *w = &rg_st__words[st_slots[s] - 1];
        if (w->n == n && st_key_is(k, n, w->w)) {
            break;
        }
    }
    return s;
}

/* Enters word j of list l; 0 when the table is full or the list too long. */
static int st_word_add(int l, const char *word, size_t j)
{
    size_t n = strlen(word), s = st_word_slot(word, n);
    st_word *w;

    if (!st_slots[s]) {
        if (st_n_words == ST_WORDS_MAX || 2 * (st_n_words + 1) > ST_WORD_SLOTS) {
            return 0;
        }
        w = &rg_st__words[st_n_words++];
        w->w = word;
        w->n = n;
        memset(w->idx, ST_NOT_IN, sizeof w->idx);
        st_slots[s] = (short)st_n_words;
    }
    w = &rg_st__words[st_slots[s] - 1];
    if (j >= ST_NOT_IN) {
        return 0;
    }
    if (w->idx[l] == ST_NOT_IN) {
        w->idx[l] = (unsigned char)j; /* the first, as st_key_index finds it */
    }
    return 1;
}

static void st_words_build(void)
{
#define ST_LIST_PTR(name) rg_st__##name,
    static const char *const *const lists[ST_N_LISTS] = { ST_WORD_LISTS(ST_LIST_PTR) };
#undef ST_LIST_PTR
    int l;

    for (l = 0; l < ST_N_LISTS; l++) {
        size_t j;
        for (j = 0; lists[l][j]; j++) {
            if (!st_word_add(l, lists[l][j], j)) {
                return; /* st_words_ok stays 0 */
            }
        }
    }
    st_words_ok = 1;
}

void rg_st__words_init(void)
{
    pthread_once(&st_words_once, st_words_build);
}

int rg_st__word_id(const char *k, size_t n)
{
    size_t s;

    if (!st_words_ok) {
        return ST_WID_SCAN;
    }
    if (n == 0) {
        return -1;
    }
    s = st_word_slot(k, n);
    return st_slots[s] ? st_slots[s] - 1 : -1;
}
