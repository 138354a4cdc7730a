/* SPDX-License-Identifier: MIT */
/*
 * French rules of the sentence splitter: the word lists (titles,
 * abbreviations, function words, elisions), glued headings ("l'idéeDonald")
 * and the terminal-cluster decision with its exceptions (abbreviations,
 * initials, dotted acronyms, URLs). See "HOW IT WORKS" in sentence.c.
 */
#include <string.h> /* memcmp */

#include "sentence_internal.h"

/* ---- word lists -------------------------------------------------------- */

/* A list entry with its length in bytes (W("Mme") = { "Mme", 3 }). */
typedef struct {
    const char *w;
    size_t n;
} rg_word;
#define W(lit) { lit, sizeof(lit) - 1 }

/* Abbreviations are at most ABBREV_MAX bytes, so that a full stop after a
 * longer word skips both lists; WA() refuses to compile a longer entry. */
#define ABBREV_MAX 5 /* below 6: see ascii_letters6 */

/* An abbreviation as one 64-bit key: byte k of the word in bits 8k..8k+7,
 * the bytes past its end 0 (the literal's NUL and what follows it read as
 * index 0, then multiplied by 0). dot_blocked packs the word before a full
 * stop the same way and compares keys: a memcmp per entry cost more than
 * the rest of the decision. */
#define WA_BYTE(lit, k)                                                     \
    ((uint64_t)(unsigned char)(lit)[(k) < sizeof(lit) ? (k) : 0] *           \
     ((k) + 1 < sizeof(lit)) << (8 * (k)))
#define WA(lit)                                                             \
    (WA_BYTE(lit, 0) | WA_BYTE(lit, 1) | WA_BYTE(lit, 2) | WA_BYTE(lit, 3) | \
     WA_BYTE(lit, 4) | 0 * sizeof(char[sizeof(lit) - 1 <= ABBREV_MAX ? 1 : -1]))

/* The abbreviation lists below hold a row per length in bytes (row n - 1;
 * "n°", "éd" and "Gén" count their UTF-8 bytes), each row ending with 0:
 * dot_blocked looks up most short words before a full stop, and only the
 * row of the word's length can hold it (abbrev_in). */
#define ABBREV_ROW 14

/* Titles: never end a sentence (case-sensitive). Each starts with an ASCII
 * capital: dot_blocked looks here only for words that do. */
static const uint64_t abbrev_titles[ABBREV_MAX][ABBREV_ROW] = {
    { WA("M"), 0 },
    { WA("MM"), WA("Mr"), WA("Ms"), WA("Dr"), WA("Pr"), WA("Me"), WA("St"), WA("Lt"), 0 },
    { WA("Mme"), WA("Mrs"), WA("Drs"), WA("Prs"), WA("Mgr"), WA("Ste"), WA("Sts"),
      WA("Gal"), WA("Col"), WA("Cdt"), WA("Cne"), WA("Sgt"), WA("Vve"), 0 },
    { WA("Mmes"), WA("Mlle"), WA("Prof"), WA("Stes"), WA("Gén"), 0 },
    { WA("Mlles"), 0 },
};

/* Abbreviations followed by a number or a name (first letter in any case;
 * the rows hold it in lowercase). */
static const uint64_t abbrev_other[ABBREV_MAX][ABBREV_ROW] = {
    { WA("p"), 0 },
    { WA("cf"), WA("av"), WA("pp"), WA("no"), WA("ex"), WA("vs"), WA("op"), WA("ca"),
      WA("bd"), 0 },
    { WA("apr"), WA("vol"), WA("art"), WA("n°"), WA("fig"), WA("éd"), WA("env"),
      WA("cit"), WA("dir"), 0 },
    { WA("chap"), WA("coll"), WA("réf"), WA("tél"), WA("ibid"), WA("resp"), WA("dép"),
      WA("trad"), 0 },
    { 0 },
};

/* Capitalised French words that start sentences (glued-heading test). */
static const rg_word function_words[] = {
    W("Le"), W("La"), W("Les"), W("Un"), W("Une"), W("Des"), W("Du"), W("De"),
    W("Au"), W("Aux"), W("Ce"), W("Cet"), W("Cette"), W("Ces"), W("Il"),
    W("Ils"), W("Elle"), W("Elles"), W("On"), W("Nous"), W("Vous"), W("Je"),
    W("Tu"), W("Dans"), W("Pour"), W("Par"), W("Sur"), W("Sous"), W("Avec"),
    W("Sans"), W("Selon"), W("Depuis"), W("Après"), W("Avant"), W("Pendant"),
    W("Lors"), W("Mais"), W("Et"), W("Ou"), W("Si"), W("En"), W("Alors"),
    W("Face"), W("Quand"), W("Comme"), W("Son"), W("Sa"), W("Ses"), W("Leur"),
    W("Leurs"), W("Cela"), W("Ceci"), W("Outre"), W("Ainsi"), W("Enfin"),
    W("Entre"), W("Malgré"), W("Parmi"), W("Vers"), W("Chez"), W("Dès"),
    W("Toutefois"), W("Pourtant"), W("Cependant"), W("Néanmoins"), W("Aussi"),
    W("Encore"), W("Déjà"), W("Tout"), W("Tous"), W("Toute"), W("Toutes"),
    W("Qui"), W("Que"), W("Quel"), W("Quelle"), W("Voici"), W("Voilà"),
    W("Puis"), W("Ici"), W("Mme"), W("Lundi"), W("Mardi"), W("Mercredi"),
    W("Jeudi"), W("Vendredi"), W("Samedi"), W("Dimanche"), W("Une"),
    W("Plusieurs"), W("Certains"), W("Pas"), W("Plus"),
};

/* Elided forms before an apostrophe: L'État, D'après, Qu'il... */
static const rg_word function_elisions[] = {
    W("L"), W("D"), W("J"), W("C"), W("S"), W("N"), W("M"), W("T"), W("Qu"),
    W("Jusqu"), W("Lorsqu"), W("Puisqu"),
};

/* Lowercase-initial camel-case brands (the part before the capital). */
static const rg_word camel_lower_exceptions[] = {
    W("easy"),
};

/* Membership in a word list, case-sensitive. The lengths are computed at
 * compile time: the lists are walked for every full stop after a short
 * word, and a strlen per entry cost more than the rest of the decision. */
#define WORD_IN(list, w, n) word_in((list), sizeof(list) / sizeof((list)[0]), w, n)

static int word_in(const rg_word *list, size_t count, const unsigned char *w, size_t n)
{
    size_t k;

    for (k = 0; k < count; k++) {
        if (list[k].n == n && (unsigned char)list[k].w[0] == w[0] &&
            memcmp(list[k].w, w, n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Like WORD_IN, but an ASCII first letter may be in either case (the
 * lists hold it in lowercase). */
#define WORD_IN_CI1(list, w, n)                                             \
    word_in_ci1((list), sizeof(list) / sizeof((list)[0]), w, n)

static int word_in_ci1(const rg_word *list, size_t count, const unsigned char *w, size_t n)
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
    for (k = 0; k < count; k++) {
        if (list[k].n == n && (unsigned char)list[k].w[0] == f &&
            memcmp(list[k].w + 1, w + 1, n - 1) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The n bytes at w (1 <= n <= ABBREV_MAX) as a key of WA: read as 8 bytes
 * ending at w + n when the text has them before w (a full stop is never
 * the first byte of a word of 5 letters, so most do), else byte by byte. */
static uint64_t abbrev_key(const unsigned char *w, size_t n, size_t before)
{
    uint64_t key = 0;
    size_t k;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (before + n >= 8) {
        memcpy(&key, w + n - 8, 8);
        return key >> (8 * (8 - n)); /* the last n bytes */
    }
#else
    (void)before;
#endif
    for (k = 0; k < n; k++) {
        key |= (uint64_t)w[k] << (8 * k);
    }
    return key;
}

/* Is the key of a word of n bytes (1 <= n <= ABBREV_MAX) in the row of
 * its length of one of the lists above? */
static int abbrev_in(const uint64_t (*rows)[ABBREV_ROW], uint64_t key, size_t n)
{
    const uint64_t *row = rows[n - 1];
    size_t k;

    for (k = 0; row[k]; k++) {
        if (row[k] == key) {
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
        return WORD_IN(function_elisions, s + up, end - up);
    }
    return WORD_IN(function_words, s + up, end - up);
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
        return !WORD_IN(camel_lower_exceptions, s + word_start,
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
        static const rg_word era[] = { W("av"), W("apr"), W("avant"), W("après") };
        return WORD_IN_CI1(era, s + k, e - k);
    }
}

/* s[0..6) are ASCII letters: a word that long (ABBREV_MAX < 6) is neither
 * an abbreviation nor an initial, whatever comes before it. The six bytes
 * are tested at once in a 64-bit word (a 4-byte and a 2-byte load, not a
 * copy into memory that an 8-byte load would then stall on; two spare
 * 'a's; the order of the bytes does not matter): no byte >= 0x80, and
 * each byte with 0x20 set is in 'a'..'z' (+ 0x1F sets its high bit from
 * 'a' on, + 0x05 from '{' on). */
static int ascii_letters6(const unsigned char *s)
{
    const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
    uint32_t w4;
    uint16_t w2;
    uint64_t w, t;

    memcpy(&w4, s, 4);
    memcpy(&w2, s + 4, 2);
    w = (uint64_t)w4 | (uint64_t)w2 << 32 | (uint64_t)0x6161 << 48;
    if (w & high) {
        return 0;
    }
    t = w | ones * 0x20;
    return ((t + ones * 0x1F) & ~(t + ones * 0x05) & high) == high;
}

/* The letters before s[p0] for dot_blocked_short, ASCII and the Latin-1
 * letters C3 80-BF (but × and ÷), up to 6: *ws gets the first byte, *nc
 * the letters, *first the class of the first. Returns 0 when it meets
 * another byte >= 0x80 (°, other scripts, invalid bytes): the caller then
 * decodes code points. Same result as the code point loop otherwise: a C3
 * pair is one code point, U+00C0-U+00DE capitals, U+00DF-U+00FF lowercase. */
static int word_before_latin1(const unsigned char *s, size_t p0, size_t *ws, size_t *nc,
                              int *first)
{
    size_t k = p0, n = 0;
    unsigned char b;

    while (k > 0 && n < 6) {
        b = s[k - 1];
        if ((unsigned)((b | 0x20) - 'a') < 26u) {
            *first = b & 0x20 ? C_LO : C_UP;
            k--;
        } else if (b < 0x80) {
            break;
        } else if (b < 0xC0 && (b & 0xDF) != 0x97 && k >= 2 && s[k - 2] == 0xC3) {
            *first = b < 0x9F ? C_UP : C_LO;
            k -= 2;
        } else {
            return 0;
        }
        n++;
    }
    *ws = k;
    *nc = n;
    return 1;
}

/* The code point loop behind word_before_latin1 (letters and °). */
static void word_before_cp(const unsigned char *s, size_t p0, size_t *ws, size_t *nc,
                           int *first)
{
    size_t k = p0, n = 0, st;
    uint32_t cp;
    int c;

    while (k > 0 && n < 6) {
        cp = u8_prev(s, 0, k, &st);
        c = cp_class(cp);
        if (!is_letter_class(c) && cp != 0xB0) {
            break;
        }
        *first = c;
        k = st;
        n++;
    }
    *ws = k;
    *nc = n;
}

/* The abbreviation lists, initials and dotted acronyms for the word
 * s[ws..p0) before a full stop: nc letters (1-5), the first of class
 * first, pc the code point before it (0 at the start of the text). */
static int dot_blocked_word(const unsigned char *s, size_t len, size_t ws, size_t p0, size_t nc,
                            int first, uint32_t pc, size_t r)
{
    size_t n = p0 - ws;
    uint64_t key;
    /* every title starts with an ASCII capital (most words here do not) */
    int upper = (unsigned)(s[ws] - 'A') < 26u;

    if (n <= ABBREV_MAX) {
        key = abbrev_key(s + ws, n, ws);
        if ((upper && abbrev_in(abbrev_titles, key, n)) ||
            abbrev_in(abbrev_other, upper ? key | 0x20 : key, n)) {
            return 1;
        }
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

#if defined(WB8_FAST)
/* The word before the full stop at s[p0] (p0 >= 8), from the 8 bytes
 * before it at once: 1-5 when it is that many ASCII letters behind an
 * ASCII byte; 6 when the 6 bytes before p0 are letters of ASCII or
 * Latin-1 (C3 80-BF but × ÷: "santé"), so no abbreviation (ABBREV_MAX)
 * and no initial; 0 when the bytes do not tell (the code point walk). */
static size_t word_before8(const unsigned char *s, size_t p0)
{
    const uint64_t top6 = WB8_HIGH << 16;
    uint64_t w, let, cont, c3;
    size_t n;

    memcpy(&w, s + p0 - 8, 8);
    let = wb8_letters(w);
    n = wb8_top_run(let);
    if (n >= 6) {
        return 6;
    }
    if (s[p0 - 1 - n] < 0x80) {
        return n; /* 1-5 letters behind ASCII (0: no letter, not reached) */
    }
    /* Latin-1 pairs: C3 then 80-BF (bit 6 clear) but 97 and B7 */
    c3 = wb8_zero(w ^ WB8_ONES * 0xC3);
    cont = w & ~(w << 1) & ~wb8_zero((w & ~(WB8_ONES * 0x20)) ^ WB8_ONES * 0x97) & WB8_HIGH;
    let |= (c3 & cont >> 8) | (cont & c3 << 8);
    return (let & top6) == top6 ? 6 : 0;
}
#endif

/* dot_blocked for a full stop after a word of at most 5 letters (or after
 * a non-letter): the lists, initials and dotted acronyms. */
static int dot_blocked_short(const unsigned char *s, size_t len, size_t p0, size_t r)
{
    size_t ws, nc, st;
    uint32_t pc = 0;
    int first = C_OT;

#if defined(WB8_FAST)
    if (p0 >= 8) {
        nc = word_before8(s, p0);
        if (nc == 6) {
            return 0;
        }
        if (nc) {
            ws = p0 - nc;
            return dot_blocked_word(s, len, ws, p0, nc, s[ws] & 0x20 ? C_LO : C_UP,
                                    s[ws - 1], r);
        }
    }
#endif
    if (!word_before_latin1(s, p0, &ws, &nc, &first)) {
        word_before_cp(s, p0, &ws, &nc, &first);
    }
    if (nc == 0 || nc == 6) {
        return 0; /* 6 letters: longer than any abbreviation, not an initial */
    }
    if (ws > 0) {
        pc = u8_prev(s, 0, ws, &st);
        if (is_letter_class(cp_class(pc))) {
            return 0; /* longer than any abbreviation */
        }
    }
    return dot_blocked_word(s, len, ws, p0, nc, first, pc, r);
}

/* dot_blocked after its first test: the word before, if any, is looked up. */
static inline int dot_blocked_rest(const unsigned char *s, size_t len, size_t p0, size_t r)
{
    /* no letter before it ("2020.", "».", '"."'): no word to look up
     * (dot_blocked_short would find none) */
    if (p0 == 0 || (s[p0 - 1] < 0x80 && (unsigned)((s[p0 - 1] | 0x20) - 'a') >= 26u)) {
        return 0;
    }
    return dot_blocked_short(s, len, p0, r);
}

/* Does the full stop at s[p0] belong to an abbreviation, an initial or a
 * dotted acronym? r is the offset of the next significant code point.
 * Most full stops follow a word of six letters or more: that test is
 * inline, without the saved registers of dot_blocked_short. */
static inline int dot_blocked(const unsigned char *s, size_t len, size_t p0, size_t r)
{
    return !(p0 >= 6 && ascii_letters6(s + p0 - 6)) && dot_blocked_rest(s, len, p0, r);
}

/* Is the glued full stop at s[p0] part of a URL, an e-mail or a domain?
 * The walk back starts at k (p0, or before letters known to be there). */
static int dot_in_url(const unsigned char *s, size_t len, size_t p0, size_t k,
                      size_t r)
{
    size_t lim = p0 > 256 ? p0 - 256 : 0;
    size_t n;
    int c;

    while (k > lim) {
        unsigned char b = s[k - 1];
        if (b > '@') { /* letters and bytes >= 0x80: none of those below */
            k--;
            continue;
        }
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
    /* "Site.Fr/..." or "Orange.Fr": the next word runs into . or / + alnum
     * (C_LO C_UP C_DI: an ASCII byte is tested with one compare) */
    lim = len - r > 64 ? r + 64 : len;
    for (k = r; k < lim; k += n) {
        if (s[k] < 0x80) {
            n = 1;
            if ((unsigned)(ascii_class[s[k]] - C_LO) > (unsigned)(C_DI - C_LO)) {
                break;
            }
        } else if (c = class_at(s, len, k, &n), !is_letter_class(c) && c != C_DI) {
            break;
        }
    }
    if (k + 1 < len && (s[k] == '.' || s[k] == '/')) {
        c = class_at(s, len, k + 1, &n);
        return is_letter_class(c) || c == C_DI;
    }
    return 0;
}

/* dot_blocked || dot_in_url, for a full stop glued to the next word (at
 * r): 6 ASCII letters before it, which the fast test finds, are bytes the
 * URL test's walk back would only pass over. */
static inline int glued_dot_kept(const unsigned char *s, size_t len, size_t p0, size_t r)
{
    if (p0 >= 6 && ascii_letters6(s + p0 - 6)) {
        return dot_in_url(s, len, p0, p0 - 6, r);
    }
    return dot_blocked_rest(s, len, p0, r) || dot_in_url(s, len, p0, p0, r);
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
    return starts_capital(s, len, r, 0) && !dot_in_url(s, len, p0, p0, r);
}

/* rg_sentence__term_cut for the clusters that its fast cases leave: the
 * general steps, out of line so that the common full stops do not save
 * and restore their registers. */
static RG_SENT_NOINLINE size_t term_cut_general(const unsigned char *s, size_t len, size_t p0,
                                              size_t *p1, int *in_dq)
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

/* A single . ? ! at the end of the text or before a blank line (between
 * JSON Lines fields): 1 and *p1 the cut after it, as term_cut_general finds
 * (the blank line resets the parity). */
static inline int term_cut_ends_text(const unsigned char *s, size_t len, size_t p0, size_t *p1,
                                     int *in_dq)
{
    if (s[p0] != '.' && s[p0] != '?' && s[p0] != '!') {
        return 0;
    }
    if (len - p0 == 1 || (s[p0 + 1] == '\n' && len - p0 > 2 && s[p0 + 2] == '\n')) {
        *p1 = p0 + 1;
        *in_dq = len - p0 == 1 ? *in_dq : 0;
        return 1;
    }
    return 0;
}

/* A full stop before a straight quote (len - p0 > 2), what term_cut_general
 * finds for the common cases: '. "' opening a quote (a cut unless
 * dot_blocked); '."Le' closing one (the quote absorbed, a cut after it
 * unless in a URL); '."Le' opening one (a cut before the quote unless
 * dot_blocked or in a URL). Anything else goes to term_cut_general. */
static RG_SENT_NOINLINE size_t term_cut_quote(const unsigned char *s, size_t len, size_t p0,
                                              size_t *p1, int *in_dq)
{
    unsigned b = s[p0 + 1], c = s[p0 + 2];

    if (b == ' ' && c == '"' && !*in_dq) {
        *p1 = p0 + 1;
        return dot_blocked(s, len, p0, p0 + 2) ? 0 : p0 + 1;
    }
    if (b == '"' && (unsigned)(c - 'A') < 26u) {
        *p1 = p0 + 1;
        if (!*in_dq) {
            return glued_dot_kept(s, len, p0, p0 + 1) ? 0 : p0 + 1;
        }
        if (dot_in_url(s, len, p0, p0, p0 + 2)) {
            return 0;
        }
        *in_dq = 0;
        return p0 + 2;
    }
    return term_cut_general(s, len, p0, p1, in_dq);
}

/*
 * The terminal cluster starting at p0: returns the cut offset (> p0), or 0
 * when the cluster does not end the sentence. *p1 gets the end of the
 * cluster; *in_dq the straight-quote parity after the cut (only on a cut).
 */
size_t rg_sentence__term_cut(const unsigned char *s, size_t len, size_t p0, size_t *p1,
                             int *in_dq)
{
    if (s[p0] == '.' && len - p0 > 1) {
        /* What the general steps find for the common full stops, without
         * the classes: one dot, nothing absorbed. */
        unsigned b = s[p0 + 1];
        if ((unsigned)(b - 'a') < 26u || (unsigned)(b - '0') < 10u) {
            *p1 = p0 + 1; /* "3.5", "www.site": no gap, no capital */
            return 0;
        }
        if ((unsigned)(b - 'A') < 26u) { /* "jeudi.Le": no gap */
            *p1 = p0 + 1;
            return glued_dot_kept(s, len, p0, p0 + 1) ? 0 : p0 + 1;
        }
        if (b == ' ' && len - p0 > 2 && (unsigned)(s[p0 + 2] - 'A') < 26u) {
            /* ". Le": a gap, a capital: only dot_blocked can keep the
             * sentence going */
            *p1 = p0 + 1;
            return dot_blocked(s, len, p0, p0 + 2) ? 0 : p0 + 1;
        }
        if (len - p0 > 2 && (b == '"' || b == ' ')) {
            return term_cut_quote(s, len, p0, p1, in_dq);
        }
    }
    if (term_cut_ends_text(s, len, p0, p1, in_dq)) {
        return *p1;
    }
    return term_cut_general(s, len, p0, p1, in_dq);
}
