/* SPDX-License-Identifier: MIT */
/*
 * Word lists of the stance rules (French function words, titles, nouns that
 * make a state adjective stand for its state...). Each is a NULL-terminated
 * array of lower-case forms compared with tk_is()/tk_in() (stance_internal.h);
 * the lists are short, so a linear scan is enough.
 */
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
