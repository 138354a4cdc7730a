/* SPDX-License-Identifier: MIT */
/*
 * French rules of the sentence splitter: the word lists (titles,
 * abbreviations, function words, elisions), glued headings ("l'idéeDonald")
 * and the terminal-cluster decision with its exceptions (abbreviations,
 * initials, dotted acronyms, URLs). See "HOW IT WORKS" in sentence.c.
 */
#include <string.h> /* memcmp, strlen */

#include "sentence_internal.h"

/* ---- word lists -------------------------------------------------------- */

/* Titles: never end a sentence (case-sensitive). */
static const char *const abbrev_titles[] = {
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Mr", "Mrs", "Ms", "Dr",
    "Drs", "Pr", "Prs", "Prof", "Me", "Mgr", "St", "Ste", "Sts", "Stes",
    "Gén", "Gal", "Col", "Cdt", "Cne", "Lt", "Sgt", "Vve", NULL
};

/* Abbreviations followed by a number or a name (first letter in any case). */
static const char *const abbrev_other[] = {
    "cf", "av", "apr", "p", "pp", "vol", "art", "n°", "no", "chap", "fig",
    "éd", "coll", "réf", "tél", "env", "ex", "vs", "op", "cit", "ibid",
    "ca", "resp", "bd", "dép", "trad", "dir", NULL
};

/* Capitalised French words that start sentences (glued-heading test). */
static const char *const function_words[] = {
    "Le", "La", "Les", "Un", "Une", "Des", "Du", "De", "Au", "Aux", "Ce",
    "Cet", "Cette", "Ces", "Il", "Ils", "Elle", "Elles", "On", "Nous",
    "Vous", "Je", "Tu", "Dans", "Pour", "Par", "Sur", "Sous", "Avec", "Sans",
    "Selon", "Depuis", "Après", "Avant", "Pendant", "Lors", "Mais", "Et",
    "Ou", "Si", "En", "Alors", "Face", "Quand", "Comme", "Son", "Sa", "Ses",
    "Leur", "Leurs", "Cela", "Ceci", "Outre", "Ainsi", "Enfin", "Entre",
    "Malgré", "Parmi", "Vers", "Chez", "Dès", "Toutefois", "Pourtant",
    "Cependant", "Néanmoins", "Aussi", "Encore", "Déjà", "Tout", "Tous",
    "Toute", "Toutes", "Qui", "Que", "Quel", "Quelle", "Voici", "Voilà",
    "Puis", "Ici", "Mme", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi",
    "Samedi", "Dimanche", "Une", "Plusieurs", "Certains", "Pas", "Plus",
    NULL
};

/* Elided forms before an apostrophe: L'État, D'après, Qu'il... */
static const char *const function_elisions[] = {
    "L", "D", "J", "C", "S", "N", "M", "T", "Qu", "Jusqu", "Lorsqu",
    "Puisqu", NULL
};

/* Lowercase-initial camel-case brands (the part before the capital). */
static const char *const camel_lower_exceptions[] = { "easy", NULL };

static int word_in(const char *const *list, const unsigned char *w,
                   size_t n)
{
    size_t k;

    for (k = 0; list[k]; k++) {
        if (strlen(list[k]) == n && memcmp(list[k], w, n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Like word_in, but an ASCII first letter may be in either case. */
static int word_in_ci1(const char *const *list, const unsigned char *w,
                       size_t n)
{
    size_t k;
    unsigned char f;

    if (n == 0) {
        return 0;
    }
    f = w[0];
    if (f >= 'A' && f <= 'Z') {
        f = (unsigned char)(f - 'A' + 'a');
    }
    for (k = 0; list[k]; k++) {
        const char *e = list[k];
        if (strlen(e) == n && (unsigned char)e[0] == f &&
            memcmp(e + 1, w + 1, n - 1) == 0) {
            return 1;
        }
    }
    return 0;
}

static int is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

/*
 * The word that starts with the capital at s[up]: *end gets the offset after
 * its letters, *stop the code point there (0 at the end of the text), and
 * the return value is the number of lowercase letters after the capital.
 * *stop_upper is set when the word runs into another capital (an identifier
 * like "DonaldTrump").
 */
size_t rg_sentence__word_after(const unsigned char *s, size_t len, size_t up, size_t *end,
                               uint32_t *stop, int *stop_upper)
{
    size_t n, k = up, nlow = 0;
    uint32_t cp;
    int c;

    u8_dec(s, len, k, &n);
    k += n;
    *stop = 0;
    *stop_upper = 0;
    while (k < len) {
        cp = u8_dec(s, len, k, &n);
        c = cp_class(cp);
        if (c != C_LO) {
            *stop = cp;
            *stop_upper = (c == C_UP);
            break;
        }
        nlow++;
        k += n;
    }
    *end = k;
    return nlow;
}

/* Is the word at s[up] (a capital) a French function word ending cleanly? */
int rg_sentence__function_word_at(const unsigned char *s, size_t len, size_t up)
{
    size_t end, n;
    uint32_t stop;
    int stop_upper;

    if (up >= len || class_at(s, len, up, &n) != C_UP) {
        return 0;
    }
    rg_sentence__word_after(s, len, up, &end, &stop, &stop_upper);
    if (stop_upper) {
        return 0;
    }
    if (is_apostrophe(stop)) {
        return word_in(function_elisions, s + up, end - up);
    }
    return word_in(function_words, s + up, end - up);
}

/*
 * Glued-heading test at the capital s[up] that follows a lowercase run:
 * word_start/upper_initial/pre_word describe the word the run belongs to.
 */
int rg_sentence__camel_split(const unsigned char *s, size_t len, size_t word_start,
                             int upper_initial, uint32_t pre_word, size_t up)
{
    size_t end, nlow;
    uint32_t stop;
    int stop_upper;

    if (pre_word == '#' || pre_word == '@' || pre_word == '/' ||
        pre_word == '_' || pre_word == '\\' || pre_word == '.' ||
        pre_word == '=' || pre_word == '&' ||
        (pre_word >= '0' && pre_word <= '9')) {
        return 0;
    }
    nlow = rg_sentence__word_after(s, len, up, &end, &stop, &stop_upper);
    if (stop_upper || (nlow == 0 && !is_apostrophe(stop))) {
        return 0;
    }
    if (!upper_initial) {
        return !word_in(camel_lower_exceptions, s + word_start,
                        up - word_start);
    }
    return rg_sentence__function_word_at(s, len, up);
}

/* ---- full stops ---------------------------------------------------------- */

/* Is the token before the "J" of "J.-C." (at j) "av." / "apr." / "avant"...? */
static int era_before(const unsigned char *s, size_t j)
{
    size_t k = j, st, e;
    uint32_t cp;

    while (k > 0) {
        cp = u8_prev(s, 0, k, &st);
        if (cp_class(cp) != C_SP) {
            break;
        }
        k = st;
    }
    if (k > 0 && s[k - 1] == '.') {
        k--;
    }
    e = k;
    while (k > 0 && e - k < 8) {
        cp = u8_prev(s, 0, k, &st);
        if (!is_letter_class(cp_class(cp))) {
            break;
        }
        k = st;
    }
    if (e == k) {
        return 0;
    }
    {
        static const char *const era[] = { "av", "apr", "avant", "après",
                                           NULL };
        return word_in_ci1(era, s + k, e - k);
    }
}

/*
 * Does the full stop at s[p0] belong to an abbreviation, an initial or a
 * dotted acronym? r is the offset of the next significant code point.
 */
static int dot_blocked(const unsigned char *s, size_t len, size_t p0,
                       size_t r)
{
    size_t ws = p0, st;
    size_t nc = 0;
    uint32_t cp, pc = 0;
    int first = C_OT;

    while (ws > 0 && nc < 6) {
        cp = u8_prev(s, 0, ws, &st);
        int c = cp_class(cp);
        if (!is_letter_class(c) && cp != 0xB0) {
            break;
        }
        first = c;
        ws = st;
        nc++;
    }
    if (nc == 0) {
        return 0;
    }
    if (ws > 0) {
        pc = u8_prev(s, 0, ws, &st);
        if (is_letter_class(cp_class(pc))) {
            return 0; /* longer than any abbreviation */
        }
    }
    if (word_in(abbrev_titles, s + ws, p0 - ws) ||
        word_in_ci1(abbrev_other, s + ws, p0 - ws)) {
        return 1;
    }
    if (nc == 1 && first == C_UP) {
        /* "J.-C.": an initial, except in "av. J.-C." */
        if (s[ws] == 'C' && ws >= 3 && s[ws - 1] == '-' &&
            s[ws - 2] == '.' && s[ws - 3] == 'J') {
            return !era_before(s, ws - 3);
        }
        if (pc == '.') { /* dotted acronym "U.S.A." */
            return r >= len || !rg_sentence__function_word_at(s, len, r);
        }
        return 1; /* initial "V. Poutine" */
    }
    return 0;
}

/* Is the glued full stop at s[p0] part of a URL, an e-mail or a domain? */
static int dot_in_url(const unsigned char *s, size_t len, size_t p0,
                      size_t r)
{
    size_t k = p0, lim = p0 > 256 ? p0 - 256 : 0;
    size_t n;
    int c;

    while (k > lim) {
        unsigned char b = s[k - 1];
        if (b == ' ' || b == '\n' || b == '\t') {
            break;
        }
        if (b == '@' || (b == '/' && k >= 2 && s[k - 2] == '/')) {
            return 1;
        }
        if (b == '.' && k >= 4 && (s[k - 4] == 'w' || s[k - 4] == 'W') &&
            (s[k - 3] == 'w' || s[k - 3] == 'W') &&
            (s[k - 2] == 'w' || s[k - 2] == 'W')) {
            return 1;
        }
        k--;
    }
    /* "Site.Fr/..." or "Orange.Fr": the next word runs into . or / + alnum */
    k = r;
    while (k < len && k - r < 64) {
        c = class_at(s, len, k, &n);
        if (!is_letter_class(c) && c != C_DI) {
            break;
        }
        k += n;
    }
    if (k + 1 < len && (s[k] == '.' || s[k] == '/')) {
        c = class_at(s, len, k + 1, &n);
        return is_letter_class(c) || c == C_DI;
    }
    return 0;
}

/* Capital at r, possibly behind an opening quote/dash and spaces. */
static int starts_capital(const unsigned char *s, size_t len, size_t r,
                          int allow_dash)
{
    size_t n;
    int c = class_at(s, len, r, &n);

    if (c == C_UP) {
        return 1;
    }
    if (c == C_OP || c == C_DQ || (allow_dash && c == C_DA)) {
        r += n;
        while (r < len) {
            c = class_at(s, len, r, &n);
            if (c != C_SP) {
                return c == C_UP;
            }
            r += n;
        }
    }
    return 0;
}

enum { K_DOT, K_QE, K_ELL };

/* The run of . ? ! … at s[p0]: its kind (K_*); *p1 gets its end. */
static int term_cluster(const unsigned char *s, size_t len, size_t p0, size_t *p1)
{
    size_t p = p0;
    int dots = 0, qe = 0, ell = 0;

    while (p < len) {
        if (s[p] == '.') {
            dots++;
            p++;
        } else if (s[p] == '?' || s[p] == '!') {
            qe = 1;
            p++;
        } else if (p + 2 < len && s[p] == 0xE2 && s[p + 1] == 0x80 &&
                   s[p + 2] == 0xA6) {
            ell = 1;
            p += 3;
        } else {
            break;
        }
    }
    *p1 = p;
    return qe ? K_QE : (ell || dots >= 3) ? K_ELL : K_DOT;
}

/*
 * Closing quotes and brackets after the cluster end (q), behind optional
 * spaces, belong to the sentence: returns the offset after the last one.
 * *dq is the straight-quote parity (a closing " clears it); *absorbed is set
 * when anything was taken.
 */
static size_t term_absorb(const unsigned char *s, size_t len, size_t q, int *dq,
                          int *absorbed)
{
    size_t k, n;
    int c;

    for (;;) {
        k = q;
        while (k < len && class_at(s, len, k, &n) == C_SP) {
            k += n;
        }
        if (k >= len) {
            break;
        }
        c = class_at(s, len, k, &n);
        if (c == C_CL) {
            q = k + n;
            *absorbed = 1;
            continue;
        }
        if (c == C_DQ) {
            if (*dq) {
                *dq = 0;
                q = k + 1;
                *absorbed = 1;
                continue;
            }
            if (k == q) {
                int c2 = k + 1 < len ? class_at(s, len, k + 1, &n) : C_SP;
                if (!is_letter_class(c2) && c2 != C_DI) {
                    q = k + 1; /* unbalanced closer */
                    *absorbed = 1;
                    continue;
                }
            }
        }
        break;
    }
    return q;
}

/* White space from q: returns the next significant offset; *gap is set
 * when there was any, *nl counts the newlines. */
static size_t term_skip_space(const unsigned char *s, size_t len, size_t q, int *gap, int *nl)
{
    size_t r = q, n;
    int c;

    while (r < len) {
        c = class_at(s, len, r, &n);
        if (c == C_NL) {
            (*nl)++;
        } else if (c != C_SP) {
            break;
        }
        *gap = 1;
        r += n;
    }
    return r;
}

/* Does a cluster of `kind` at p0 end the sentence, given the significant
 * code point at r (< len) and the white space (gap) before it? */
static int term_ends(const unsigned char *s, size_t len, int kind, size_t p0, size_t r,
                     int gap)
{
    size_t n;
    int c = class_at(s, len, r, &n);

    if (kind == K_ELL) {
        return starts_capital(s, len, r, 1);
    }
    if (gap) {
        return c != C_LO && c != C_CO && c != C_CL && c != C_TE;
    }
    if (kind == K_QE) {
        return starts_capital(s, len, r, 0);
    }
    return starts_capital(s, len, r, 0) && !dot_in_url(s, len, p0, r);
}

/*
 * The terminal cluster starting at p0: returns the cut offset (> p0), or 0
 * when the cluster does not end the sentence. *p1 gets the end of the
 * cluster; *in_dq the straight-quote parity after the cut (only on a cut).
 */
size_t rg_sentence__term_cut(const unsigned char *s, size_t len, size_t p0, size_t *p1,
                             int *in_dq)
{
    size_t q, r;
    int kind, dq = *in_dq, absorbed = 0, gap = 0, nl = 0;

    kind = term_cluster(s, len, p0, p1);
    if (kind == K_ELL && p0 > 0 && (s[p0 - 1] == '(' || s[p0 - 1] == '[')) {
        return 0;
    }
    q = term_absorb(s, len, *p1, &dq, &absorbed);
    r = term_skip_space(s, len, q, &gap, &nl);
    if (r >= len || nl >= 2) {
        *in_dq = nl >= 2 ? 0 : dq;
        return q;
    }
    if (kind == K_DOT && !absorbed && dot_blocked(s, len, p0, r)) {
        return 0;
    }
    if (!term_ends(s, len, kind, p0, r, gap)) {
        return 0;
    }
    *in_dq = dq;
    return q;
}
