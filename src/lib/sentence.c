/* SPDX-License-Identifier: MIT */
/*
 * French sentence segmentation: one left-to-right pass over UTF-8 text that
 * decides cut points and emits trimmed byte spans (see "HOW IT WORKS").
 */
#include <string.h>

#include <relgraph/sentence.h>
#include "common.h"

/*
 * HOW IT WORKS
 *
 * The text is scanned once, code point by code point. Every code point gets
 * a class (space, newline, lowercase, uppercase, digit, terminal . ? ! …,
 * closing » ” ) ], straight quote ", opening « “ ( [, dash, continuation
 * , ; : and other). ASCII goes through a table; other code points through a
 * small UTF-8 aware classifier covering Latin-1, Latin Extended-A/B (É À Ç Œ
 * ...), Latin Extended Additional, Greek and Cyrillic. A cut point is a byte
 * offset where one sentence stops and the next starts; emitting a cut trims
 * white space (incl. NBSP, narrow NBSP, thin spaces, BOM) off both ends of
 * the span and drops empty spans. Cuts happen in five places:
 *
 * 1. Terminal cluster (a run of . ? ! …). "..." / "…" is an ellipsis, any
 *    ? or ! makes it a question/exclamation, otherwise it is a full stop.
 *    Closing quotes and brackets that follow (after optional spaces, e.g.
 *    "fin. »") are absorbed into the sentence. A straight " is a closer
 *    when the quote-parity says we are inside a quote, or when it sits
 *    right after the cluster and is not followed by a letter or digit.
 *    Then the next significant code point r decides:
 *    - full stop: blocked by abbreviations (titles M. MM. Mme Dr Pr Me Mgr
 *      St Ste... never end a sentence; cf. p. av. apr. vol. art. n° env.
 *      ... neither), by initials (one capital letter: "V. Poutine",
 *      "G. W. Bush", "J.-C. Juncker" -- but "av. J.-C." is an ordinary
 *      full stop) and by dotted acronyms ("U.S.A."), unless these are
 *      followed by a French function word ("U.S.A. Le ..."). Roman numerals
 *      and acronyms of two letters or more are ordinary words, so
 *      "Elizabeth II. Elle" and "l'AFP.Il" end sentences. With white space
 *      after it, a full stop ends the sentence unless r is lowercase or
 *      continuing punctuation (, ; : ) » ...). Glued ("jeudi.Le"), it ends
 *      the sentence only before a capital (possibly behind an opening
 *      quote: 'syndicat."Le'), and never inside a URL or a domain name
 *      ("www.", "://", "@", "Site.Fr/..."). Decimal numbers (3.5, 1.000)
 *      never cut because a digit follows.
 *    - ? and !: like an unblocked full stop.
 *    - ellipsis: only before a capital (possibly behind an opening quote or
 *      a dash); "(...)" and "[...]" never cut.
 * 2. Glued heading, camel case "l'idéeDonald": a run of >= 3 lowercase
 *    letters directly followed by a capital that is itself followed by a
 *    lowercase letter. The next word must end on a non-letter, so
 *    identifiers ("realDonaldTrump", "videoInfoEdito") stay whole. When the
 *    whole word before starts lowercase ("prisonDans", "franceinfoLe") the
 *    cut is made; when it starts with a capital, brand names are far more
 *    common ("PlayStation", "AstraZeneca", "ByteDance", "WhatsApp"), so the
 *    cut is made only if the next word is a French function word
 *    ("SarkozySi", "d'EstaingAvec", "TrumpLe"). The word before must be
 *    plain (all lowercase, or one capital then lowercase), so that
 *    "realDonaldTrump" and "McDonaldDans" stay whole. Words after '#',
 *    '@', '/', '_' or a digit are never split. "McDonald", "iPhone", "YouTube" and
 *    "LaREM" fail the >= 3 lowercase / capital+lowercase tests.
 *    The same test applies across a closing quote or bracket
 *    ("(en français)Dans", 'héritier"Emmanuel'), cutting after the closer,
 *    and after a number when a function word follows ("2017Dans").
 * 3. Blank line: always a cut (also resets the straight-quote parity).
 * 4. Single newline: a cut when the line ends without final punctuation
 *    (a letter, digit, closing quote or symbol) and the next line does not
 *    start with a lowercase letter or continuing punctuation: titles,
 *    headings and bylines become sentences of their own.
 * 5. End of text.
 *
 * Every step looks at a bounded neighbourhood, except white-space and
 * lowercase-run look-aheads whose bytes are never rescanned more than a
 * constant number of times, so the whole pass is O(len). The only
 * allocation is the output array, grown geometrically.
 */

enum {
    C_SP, /* white space (not newline) */
    C_NL, /* newline */
    C_LO, /* lowercase letter */
    C_UP, /* uppercase letter */
    C_DI, /* ASCII digit */
    C_TE, /* terminal: . ? ! … */
    C_CL, /* closing quote / bracket: » ” ) ] } › */
    C_DQ, /* straight double quote */
    C_OP, /* opening quote / bracket: « “ „ ( [ { ‹ */
    C_DA, /* dash: - – — */
    C_CO, /* continuation punctuation: , ; : */
    C_OT  /* anything else */
};

static const unsigned char ascii_class[128] = {
    C_OT, C_OT, C_OT, C_OT, C_OT, C_OT, C_OT, C_OT,
    C_OT, C_SP, C_NL, C_SP, C_SP, C_SP, C_OT, C_OT,
    C_OT, C_OT, C_OT, C_OT, C_OT, C_OT, C_OT, C_OT,
    C_OT, C_OT, C_OT, C_OT, C_OT, C_OT, C_OT, C_OT,
    C_SP, C_TE, C_DQ, C_OT, C_OT, C_OT, C_OT, C_OT,
    C_OP, C_CL, C_OT, C_OT, C_CO, C_DA, C_TE, C_OT,
    C_DI, C_DI, C_DI, C_DI, C_DI, C_DI, C_DI, C_DI,
    C_DI, C_DI, C_CO, C_CO, C_OT, C_OT, C_OT, C_TE,
    C_OT, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP,
    C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP,
    C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP,
    C_UP, C_UP, C_UP, C_OP, C_OT, C_CL, C_OT, C_OT,
    C_OT, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO,
    C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO,
    C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO,
    C_LO, C_LO, C_LO, C_OP, C_OT, C_CL, C_OT, C_OT,
};

#define CP_INVALID 0xFFFDu

/* ---- UTF-8 ------------------------------------------------------------ */

static int u8_cont(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/* Decode the code point at s[i] (i < len); invalid bytes decode as U+FFFD
 * of length 1, so the scan always advances. */
static uint32_t u8_dec(const unsigned char *s, size_t len, size_t i,
                       size_t *n)
{
    unsigned c = s[i];
    uint32_t cp;

    if (c < 0x80) {
        *n = 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF && i + 1 < len && u8_cont(s[i + 1])) {
        *n = 2;
        return ((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
    }
    if (c >= 0xE0 && c <= 0xEF && i + 2 < len && u8_cont(s[i + 1]) &&
        u8_cont(s[i + 2])) {
        cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
             (s[i + 2] & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *n = 3;
            return cp;
        }
    } else if (c >= 0xF0 && c <= 0xF4 && i + 3 < len && u8_cont(s[i + 1]) &&
               u8_cont(s[i + 2]) && u8_cont(s[i + 3])) {
        cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[i + 1] & 0x3F) << 12) |
             ((uint32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
        if (cp >= 0x10000 && cp <= 0x10FFFF) {
            *n = 4;
            return cp;
        }
    }
    *n = 1;
    return CP_INVALID;
}

/* Decode the code point that ends at s[i] (lo < i); *start gets its first
 * byte. Never reads before lo. */
static uint32_t u8_prev(const unsigned char *s, size_t lo, size_t i,
                        size_t *start)
{
    size_t k = i - 1;
    size_t n;
    int steps = 0;
    uint32_t cp;

    while (k > lo && steps < 3 && u8_cont(s[k])) {
        k--;
        steps++;
    }
    cp = u8_dec(s, i, k, &n);
    if (k + n != i) {
        *start = i - 1;
        return CP_INVALID;
    }
    *start = k;
    return cp;
}

/* ---- classification ---------------------------------------------------- */

/* Case of a non-ASCII letter: C_UP, C_LO, or C_OT when not a cased letter. */
static int nonascii_case(uint32_t c)
{
    if (c >= 0xC0 && c <= 0xFF) {
        if (c == 0xD7 || c == 0xF7) {
            return C_OT;
        }
        return c <= 0xDE ? C_UP : C_LO;
    }
    if (c >= 0x100 && c <= 0x17F) { /* Latin Extended-A: Œ œ Ÿ ... */
        if (c == 0x130 || c == 0x178) {
            return C_UP;
        }
        if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) {
            return C_LO;
        }
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) {
            return (c & 1) ? C_UP : C_LO;
        }
        return (c & 1) ? C_LO : C_UP;
    }
    if (c >= 0x180 && c <= 0x24F) { /* Latin Extended-B (approximate) */
        if (c >= 0x1CD && c <= 0x1DC) {
            return (c & 1) ? C_UP : C_LO;
        }
        if ((c >= 0x1DE && c <= 0x1EF) || (c >= 0x1F8 && c <= 0x24F)) {
            return (c & 1) ? C_LO : C_UP;
        }
        return C_LO;
    }
    if (c >= 0x386 && c <= 0x3CE) { /* Greek */
        if (c == 0x387 || c == 0x38B || c == 0x38D || c == 0x3A2) {
            return C_OT;
        }
        return c <= 0x3AB ? C_UP : C_LO;
    }
    if (c >= 0x400 && c <= 0x4FF) { /* Cyrillic */
        if (c <= 0x42F) {
            return C_UP;
        }
        if (c <= 0x45F) {
            return C_LO;
        }
        if ((c >= 0x460 && c <= 0x481) || c >= 0x48A) {
            return (c & 1) ? C_LO : C_UP;
        }
        return C_OT;
    }
    if (c >= 0x1E00 && c <= 0x1EFF) { /* Latin Extended Additional */
        return (c & 1) ? C_LO : C_UP;
    }
    return C_OT;
}

static int cp_class(uint32_t c)
{
    if (c < 0x80) {
        return ascii_class[c];
    }
    switch (c) {
    case 0x85: case 0x2028: case 0x2029:
        return C_NL;
    case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
    case 0xFEFF:
        return C_SP;
    case 0xAB: case 0x201C: case 0x201E: case 0x2039:
        return C_OP;
    case 0xBB: case 0x201D: case 0x203A:
        return C_CL;
    case 0x2026:
        return C_TE;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015:
        return C_DA;
    default:
        break;
    }
    if (c >= 0x2000 && c <= 0x200B) {
        return C_SP;
    }
    return nonascii_case(c);
}

/* Class of the code point at s[i]; *n gets its length. */
static int class_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
    if (s[i] < 0x80) {
        *n = 1;
        return ascii_class[s[i]];
    }
    return cp_class(u8_dec(s, len, i, n));
}

static int is_letter_class(int c)
{
    return c == C_LO || c == C_UP;
}

static int is_space_class(int c)
{
    return c == C_SP || c == C_NL;
}

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
static size_t word_after(const unsigned char *s, size_t len, size_t up,
                         size_t *end, uint32_t *stop, int *stop_upper)
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
static int function_word_at(const unsigned char *s, size_t len, size_t up)
{
    size_t end, n;
    uint32_t stop;
    int stop_upper;

    if (up >= len || class_at(s, len, up, &n) != C_UP) {
        return 0;
    }
    word_after(s, len, up, &end, &stop, &stop_upper);
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
static int camel_split(const unsigned char *s, size_t len, size_t word_start,
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
    nlow = word_after(s, len, up, &end, &stop, &stop_upper);
    if (stop_upper || (nlow == 0 && !is_apostrophe(stop))) {
        return 0;
    }
    if (!upper_initial) {
        return !word_in(camel_lower_exceptions, s + word_start,
                        up - word_start);
    }
    return function_word_at(s, len, up);
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
            return r >= len || !function_word_at(s, len, r);
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

/*
 * The terminal cluster starting at p0: returns the cut offset (> p0), or 0
 * when the cluster does not end the sentence. *p1 gets the end of the
 * cluster; *in_dq the straight-quote parity after the cut (only on a cut).
 */
static size_t term_cut(const unsigned char *s, size_t len, size_t p0,
                       size_t *p1, int *in_dq)
{
    size_t p = p0, q, r, k, n;
    int dots = 0, qe = 0, ell = 0, kind, dq = *in_dq, absorbed = 0;
    int gap = 0, nl = 0, c, cut;

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
    kind = qe ? K_QE : (ell || dots >= 3) ? K_ELL : K_DOT;
    if (kind == K_ELL && p0 > 0 && (s[p0 - 1] == '(' || s[p0 - 1] == '[')) {
        return 0;
    }

    /* absorb closing quotes and brackets */
    q = p;
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
            absorbed = 1;
            continue;
        }
        if (c == C_DQ) {
            if (dq) {
                dq = 0;
                q = k + 1;
                absorbed = 1;
                continue;
            }
            if (k == q) {
                int c2 = k + 1 < len ? class_at(s, len, k + 1, &n) : C_SP;
                if (!is_letter_class(c2) && c2 != C_DI) {
                    q = k + 1; /* unbalanced closer */
                    absorbed = 1;
                    continue;
                }
            }
        }
        break;
    }

    /* what follows */
    r = q;
    while (r < len) {
        c = class_at(s, len, r, &n);
        if (c == C_NL) {
            nl++;
        } else if (c != C_SP) {
            break;
        }
        gap = 1;
        r += n;
    }
    if (r >= len || nl >= 2) {
        *in_dq = nl >= 2 ? 0 : dq;
        return q;
    }
    if (kind == K_DOT && !absorbed && dot_blocked(s, len, p0, r)) {
        return 0;
    }
    c = class_at(s, len, r, &n);
    if (kind == K_ELL) {
        cut = starts_capital(s, len, r, 1);
    } else if (gap) {
        cut = c != C_LO && c != C_CO && c != C_CL && c != C_TE;
    } else if (kind == K_QE) {
        cut = starts_capital(s, len, r, 0);
    } else {
        cut = starts_capital(s, len, r, 0) && !dot_in_url(s, len, p0, r);
    }
    if (!cut) {
        return 0;
    }
    *in_dq = dq;
    return q;
}

/* ---- driver ------------------------------------------------------------ */

typedef struct {
    const unsigned char *s;
    size_t start; /* first byte of the pending sentence */
    RG_VEC(rg_span) spans;
} split_ctx;

/* Close the pending sentence at `cut`: trim, drop if empty, append. */
static int split_emit(split_ctx *cx, size_t cut)
{
    size_t a = cx->start, b = cut, n, st;
    rg_span sp;

    if (cut <= cx->start) {
        return RG_OK;
    }
    cx->start = cut;
    while (a < b && is_space_class(class_at(cx->s, b, a, &n))) {
        a += n;
    }
    while (b > a && is_space_class(cp_class(u8_prev(cx->s, a, b, &st)))) {
        b = st;
    }
    if (a == b) {
        return RG_OK;
    }
    sp.start = a;
    sp.end = b;
    return RG_VEC_PUSH(cx->spans, sp);
}

int rg_sentences_split(rg_span **out, size_t *n_out, const char *text,
                       size_t len)
{
    split_ctx cx = { NULL, 0, { NULL, 0, 0 } };
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, n, word_start = 0, lower_run = 0, cut, p1;
    size_t word_caps = 0; /* capitals so far in the current word */
    uint32_t cp, prev_cp = ' ', pre_word = ' ';
    int cls, prev = C_SP, last_sig = C_TE, in_dq = 0;
    int upper_initial = 0, digit_after_letter = 0;
    int error = RG_OK;

    RG_ASSERT_ARG(out != NULL);
    RG_ASSERT_ARG(n_out != NULL);
    RG_ASSERT_ARG(text != NULL || len == 0);
    *out = NULL;
    *n_out = 0;
    cx.s = s;

    while (i < len) {
        /*
         * Fast path: ASCII lowercase letters after a lowercase letter only
         * lengthen the lowercase run (the switch below would do nothing
         * else: prev and last_sig are already C_LO), so skip them at once.
         */
        if (prev == C_LO && (unsigned)(s[i] - 'a') < 26u) {
            size_t j = i + 1;
            while (j < len && (unsigned)(s[j] - 'a') < 26u) {
                j++;
            }
            lower_run += j - i;
            prev_cp = s[j - 1];
            i = j;
            continue;
        }
        if (s[i] < 0x80) {
            cp = s[i];
            n = 1;
            cls = ascii_class[cp];
        } else {
            cp = u8_dec(s, len, i, &n);
            cls = cp_class(cp);
        }
        switch (cls) {
        case C_LO:
            if (!is_letter_class(prev)) {
                word_start = i;
                upper_initial = 0;
                word_caps = 0;
                pre_word = prev_cp;
            }
            lower_run++;
            break;
        case C_UP:
            cut = 0;
            if (prev == C_LO && lower_run >= 3 &&
                word_caps == (size_t)upper_initial &&
                camel_split(s, len, word_start, upper_initial, pre_word, i)) {
                cut = 1;
            } else if (prev == C_DI && !digit_after_letter &&
                       function_word_at(s, len, i)) {
                cut = 1;
            }
            if (cut && split_emit(&cx, i) != RG_OK) {
                error = RG_ERROR;
                goto cleanup;
            }
            if (cut || !is_letter_class(prev)) {
                word_start = i;
                upper_initial = 1;
                word_caps = 0;
                pre_word = cut ? ' ' : prev_cp;
            }
            word_caps++;
            break;
        case C_DI:
            if (prev != C_DI) {
                digit_after_letter = is_letter_class(prev);
            }
            break;
        case C_TE:
            cut = term_cut(s, len, i, &p1, &in_dq);
            if (cut) {
                if (split_emit(&cx, cut) != RG_OK) {
                    error = RG_ERROR;
                    goto cleanup;
                }
                i = cut;
            } else {
                i = p1;
            }
            prev = C_TE;
            prev_cp = '.';
            last_sig = C_TE;
            lower_run = 0;
            continue;
        case C_CL:
            if ((prev == C_LO || prev == C_DI) && i + n < len &&
                class_at(s, len, i + n, &p1) == C_UP) {
                size_t end;
                uint32_t stop;
                int stop_upper;
                if (word_after(s, len, i + n, &end, &stop, &stop_upper) > 0 &&
                    !stop_upper && split_emit(&cx, i + n) != RG_OK) {
                    error = RG_ERROR;
                    goto cleanup;
                }
            }
            break;
        case C_DQ:
            if ((prev == C_LO || prev == C_DI) && i + 1 < len &&
                class_at(s, len, i + 1, &p1) == C_UP) {
                size_t end;
                uint32_t stop;
                int stop_upper;
                if (in_dq) { /* closer glued to the next sentence */
                    if (word_after(s, len, i + 1, &end, &stop, &stop_upper) >
                            0 && !stop_upper &&
                        split_emit(&cx, i + 1) != RG_OK) {
                        error = RG_ERROR;
                        goto cleanup;
                    }
                } else if (prev == C_LO && lower_run >= 3 &&
                           word_caps == (size_t)upper_initial &&
                           camel_split(s, len, word_start, upper_initial,
                                       pre_word, i + 1) &&
                           split_emit(&cx, i) != RG_OK) {
                    error = RG_ERROR;
                    goto cleanup;
                }
            }
            in_dq = !in_dq;
            break;
        case C_NL: {
            size_t j = i + n, m = 0;
            int c2 = C_SP;
            while (j < len) {
                c2 = class_at(s, len, j, &m);
                if (c2 != C_SP) {
                    break;
                }
                j += m;
            }
            if (j < len && c2 == C_NL) { /* blank line */
                if (split_emit(&cx, i) != RG_OK) {
                    error = RG_ERROR;
                    goto cleanup;
                }
                in_dq = 0;
            } else if (j < len &&
                       (last_sig == C_LO || last_sig == C_UP ||
                        last_sig == C_DI || last_sig == C_CL ||
                        last_sig == C_DQ || last_sig == C_OT) &&
                       c2 != C_LO && c2 != C_CO && c2 != C_CL &&
                       c2 != C_TE) {
                if (split_emit(&cx, i) != RG_OK) {
                    error = RG_ERROR;
                    goto cleanup;
                }
                last_sig = C_TE;
            }
            break;
        }
        default:
            break;
        }
        if (cls != C_LO) {
            lower_run = 0;
        }
        if (cls != C_SP && cls != C_NL) {
            last_sig = cls;
        }
        prev = cls;
        prev_cp = cp;
        i += n;
    }
    if (split_emit(&cx, len) != RG_OK) {
        error = RG_ERROR;
        goto cleanup;
    }

    *out = cx.spans.v;
    *n_out = cx.spans.n;
    cx.spans.v = NULL;

cleanup:
    RG_VEC_FREE(cx.spans);
    return error;
}
