/* SPDX-License-Identifier: MIT */
/*
 * Article dates: ISO metadata values, the leading "date YYYY[-MM[-DD]]"
 * token, and French dates near the top of the text; calendar checks,
 * formatting and ordering.
 */
#include <stdio.h>
#include <string.h>

#include <relgraph/date.h>
#include "common.h"

#define DATE_YEAR_MIN 1000
#define DATE_YEAR_MAX 2999

const char *rg_date_source_name(rg_date_source src)
{
    switch (src) {
    case RG_DATE_METADATA:
        return "metadata";
    case RG_DATE_MANIFEST:
        return "manifest";
    case RG_DATE_OPTION:
        return "option";
    case RG_DATE_HEADER:
        return "header";
    case RG_DATE_TEXT:
        return "text";
    case RG_DATE_NONE:
    default:
        return "none";
    }
}

static int date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int date_days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31 };
    return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

/* Year in range; month 0 or 1..12; day 0 (only) or valid for the month. */
static int date_valid(int y, int m, int d)
{
    if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 0 || m > 12 ||
        d < 0) {
        return 0;
    }
    if (m == 0) {
        return d == 0;
    }
    return d <= date_days_in_month(y, m);
}

static int date_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int date_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Exactly `n` digits at s[i]; returns the value or -1. */
static int date_digits(const unsigned char *s, size_t len, size_t i, int n)
{
    int v = 0, k;

    if (i + (size_t)n > len) {
        return -1;
    }
    for (k = 0; k < n; k++) {
        if (!date_digit(s[i + (size_t)k])) {
            return -1;
        }
        v = v * 10 + (s[i + (size_t)k] - '0');
    }
    return v;
}

/*
 * YYYY[sMM[sDD]] at s[i] with s one of `seps`; *end gets the offset after it.
 * Returns 1 when the shape matches and the calendar agrees.
 */
static int date_parse_ymd(rg_date *out, size_t *end, const unsigned char *s,
                          size_t len, size_t i, const char *seps)
{
    int y, m = 0, d = 0;
    unsigned char sep;

    y = date_digits(s, len, i, 4);
    if (y < 0) {
        return 0;
    }
    i += 4;
    if (i + 2 < len && s[i] != '\0' && strchr(seps, s[i]) &&
        date_digits(s, len, i + 1, 2) >= 0) {
        sep = s[i];
        m = date_digits(s, len, i + 1, 2);
        i += 3;
        if (m < 1) {
            return 0;
        }
        if (i + 2 < len && s[i] == sep && date_digits(s, len, i + 1, 2) >= 0) {
            d = date_digits(s, len, i + 1, 2);
            i += 3;
            if (d < 1) {
                return 0;
            }
        }
    }
    if (i < len && date_digit(s[i])) {
        return 0;
    }
    if (!date_valid(y, m, d)) {
        return 0;
    }
    out->year = y;
    out->month = m;
    out->day = d;
    *end = i;
    return 1;
}

int rg_date_parse_iso(rg_date *out, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t a = 0, b = len, end = 0;
    rg_date d = { 0, 0, 0 };

    RG_ASSERT_ARG(out != NULL);
    RG_ASSERT_ARG(str != NULL || len == 0);
    out->year = out->month = out->day = 0;
    if (len == 10 && s[4] == '-' && s[7] == '-') {
        /* "YYYY-MM-DD", a manifest's every line: what the general path
         * below decides for it, without its scans */
        int y = date_digits(s, len, 0, 4), m = date_digits(s, len, 5, 2);
        int dd = date_digits(s, len, 8, 2);
        if (y >= 0 && m >= 1 && dd >= 1 && date_valid(y, m, dd)) {
            out->year = y;
            out->month = m;
            out->day = dd;
            return RG_OK;
        }
    }
    while (a < b && date_ascii_space(s[a])) {
        a++;
    }
    while (b > a && date_ascii_space(s[b - 1])) {
        b--;
    }
    if (!date_parse_ymd(&d, &end, s, b, a, "-/")) {
        goto fail;
    }
    if (end != b) {
        /* only a time part may follow a full date: "T..." or " ..." */
        if (d.day == 0 || (s[end] != 'T' && s[end] != ' ')) {
            goto fail;
        }
    }
    *out = d;
    return RG_OK;

fail:
    rg__error_set(RG_EPARSE, "invalid date \"%.*s\"",
                  (int)(len > 40 ? 40 : len), str ? str : "");
    return RG_EPARSE;
}

int rg_date_find_header(rg_date *out, size_t *token_end, const char *text,
                        size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, end = 0;
    rg_date d = { 0, 0, 0 };

    RG_ASSERT_ARG(out != NULL);
    RG_ASSERT_ARG(text != NULL || len == 0);
    out->year = out->month = out->day = 0;
    if (token_end) {
        *token_end = 0;
    }
    /* optional white space, also a UTF-8 BOM or NBSP */
    for (;;) {
        if (i < len && date_ascii_space(s[i])) {
            i++;
        } else if (i + 2 < len && s[i] == 0xEF && s[i + 1] == 0xBB &&
                   s[i + 2] == 0xBF) {
            i += 3;
        } else if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xA0) {
            i += 2;
        } else {
            break;
        }
    }
    if (len - i < 4 || (s[i] | 0x20) != 'd' || (s[i + 1] | 0x20) != 'a' ||
        (s[i + 2] | 0x20) != 't' || (s[i + 3] | 0x20) != 'e') {
        return 0;
    }
    i += 4;
    if (i >= len || !date_ascii_space(s[i])) {
        return 0; /* "dateline", "date:" */
    }
    while (i < len && date_ascii_space(s[i])) {
        i++;
    }
    if (!date_parse_ymd(&d, &end, s, len, i, "-")) {
        return 0;
    }
    if (end < len && !date_ascii_space(s[end])) {
        return 0;
    }
    while (end < len && date_ascii_space(s[end])) {
        end++;
    }
    *out = d;
    if (token_end) {
        *token_end = end;
    }
    return 1;
}

/* ---- French dates ------------------------------------------------------ */

/*
 * Read a word of letters at s[i] into `buf` lowercased, with accents of
 * the French month names folded (é è ê ë É È Ê Ë -> e, û ù Û Ù -> u);
 * returns its length in bytes of the source, 0 when no word or too long.
 */
static size_t date_fold_word(char *buf, size_t cap, const unsigned char *s,
                             size_t len, size_t i)
{
    size_t k = i, o = 0;

    while (k < len) {
        unsigned char c = s[k];
        char f;
        size_t n = 1;
        if (c >= 'a' && c <= 'z') {
            f = (char)c;
        } else if (c >= 'A' && c <= 'Z') {
            f = (char)(c - 'A' + 'a');
        } else if (c == 0xC3 && k + 1 < len) {
            unsigned char c2 = s[k + 1];
            n = 2;
            if ((c2 >= 0xA8 && c2 <= 0xAB) || (c2 >= 0x88 && c2 <= 0x8B)) {
                f = 'e';
            } else if ((c2 >= 0xB9 && c2 <= 0xBC) ||
                       (c2 >= 0x99 && c2 <= 0x9C)) {
                f = 'u';
            } else if (c2 >= 0x80 && c2 <= 0xBF && c2 != 0x97 && c2 != 0xB7) {
                f = '?'; /* another accented letter: still part of the word */
            } else {
                break;
            }
        } else {
            break;
        }
        if (o + 1 >= cap) {
            return 0;
        }
        buf[o++] = f;
        k += n;
    }
    buf[o] = '\0';
    return o ? k - i : 0;
}

/*
 * Month number of a folded name or abbreviation; abbreviations need their
 * dot ("déc.", "sept."; a bare "sept" is the number 7), except the few that
 * are no French word ("janv", "fevr", "juil"). *abbr tells which matched.
 */
static int date_month_of(const char *w, int with_dot, int *is_abbr)
{
    static const char *const full[12] = {
        "janvier", "fevrier", "mars", "avril", "mai", "juin",
        "juillet", "aout", "septembre", "octobre", "novembre", "decembre"
    };
    static const struct { const char *w; int m; } abbr[] = {
        { "janv", 1 }, { "jan", 1 }, { "fevr", 2 }, { "fev", 2 },
        { "avr", 4 }, { "juil", 7 }, { "sept", 9 }, { "sep", 9 },
        { "oct", 10 }, { "nov", 11 }, { "dec", 12 }
    };
    size_t k;

    *is_abbr = 0;
    for (k = 0; k < 12; k++) {
        if (strcmp(w, full[k]) == 0) {
            return (int)k + 1;
        }
    }
    for (k = 0; k < sizeof abbr / sizeof abbr[0]; k++) {
        if (strcmp(w, abbr[k].w) == 0) {
            *is_abbr = 1;
            if (with_dot || strcmp(w, "janv") == 0 ||
                strcmp(w, "fevr") == 0 || strcmp(w, "juil") == 0) {
                return abbr[k].m;
            }
            return 0;
        }
    }
    return 0;
}

/* Month name at s[i]; *end after it (and its abbreviation dot). */
static int date_month_at(const unsigned char *s, size_t len, size_t i,
                         size_t *end)
{
    char w[16];
    size_t n = date_fold_word(w, sizeof w, s, len, i);
    int dot, m, is_abbr = 0;

    if (n == 0) {
        return 0;
    }
    dot = i + n < len && s[i + n] == '.';
    m = date_month_of(w, dot, &is_abbr);
    if (m == 0) {
        return 0;
    }
    *end = i + n + (dot && is_abbr ? 1 : 0);
    return m;
}

/* Separator between date parts: spaces/NBSP, at most one of - – / , . */
static size_t date_skip_sep(const unsigned char *s, size_t len, size_t i)
{
    int punct = 0;

    for (;;) {
        if (i < len && (s[i] == ' ' || s[i] == '\t')) {
            i++;
        } else if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xA0) {
            i += 2;
        } else if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
                   (s[i + 2] == 0xAF || s[i + 2] == 0x93)) {
            if (s[i + 2] == 0x93) { /* en dash */
                if (punct) {
                    break;
                }
                punct = 1;
            }
            i += 3;
        } else if (!punct && i < len &&
                   (s[i] == '-' || s[i] == '/' || s[i] == ',')) {
            punct = 1;
            i++;
        } else {
            break;
        }
    }
    return i;
}

/* 4-digit year at s[i] not followed by a digit; -1 if none. */
static int date_year_at(const unsigned char *s, size_t len, size_t i)
{
    int y = date_digits(s, len, i, 4);

    if (y < 0 || (i + 4 < len && date_digit(s[i + 4]))) {
        return -1;
    }
    return y;
}

/* A date starting with a number at s[i] (not preceded by a digit): 2 for an
 * ISO date, 1 for another; *date_end gets the offset after it. */
static int date_numeric_at(rg_date *out, size_t *date_end,
                           const unsigned char *s, size_t len, size_t i)
{
    size_t k = i, end;
    int d = 0, m, y, nd = 0;

    /* ISO inside the text: 2017-12-30 */
    if (date_parse_ymd(out, &end, s, len, i, "-") && out->day != 0) {
        *date_end = end;
        return 2;
    }
    while (k < len && date_digit(s[k]) && nd < 3) {
        d = d * 10 + (s[k] - '0');
        k++;
        nd++;
    }
    if (nd == 0 || nd > 2) {
        return 0;
    }
    /* 30/12/2017, 30.12.2017, 30-12-2017 */
    if (k + 1 < len && (s[k] == '/' || s[k] == '.' || s[k] == '-') &&
        date_digit(s[k + 1])) {
        unsigned char sep = s[k];
        size_t j = k + 1;
        int nm = 0;
        m = 0;
        while (j < len && date_digit(s[j]) && nm < 3) {
            m = m * 10 + (s[j] - '0');
            j++;
            nm++;
        }
        if (nm > 2 || j >= len || s[j] != sep) {
            return 0;
        }
        y = date_year_at(s, len, j + 1);
        if (y < 0 || m < 1 || d < 1 || !date_valid(y, m, d)) {
            return 0;
        }
        out->year = y;
        out->month = m;
        out->day = d;
        *date_end = j + 5;
        return 1;
    }
    /* 1er mai 2019 */
    if (d == 1 && k + 1 < len && (s[k] | 0x20) == 'e' &&
        (s[k + 1] | 0x20) == 'r') {
        k += 2;
    }
    if (k < len && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' &&
                                                     s[k] <= 'Z'))) {
        return 0; /* "30km", "2e" */
    }
    k = date_skip_sep(s, len, k);
    m = date_month_at(s, len, k, &end);
    if (m == 0) {
        return 0;
    }
    k = date_skip_sep(s, len, end);
    y = date_year_at(s, len, k);
    if (y < 0 || d < 1 || !date_valid(y, m, d)) {
        return 0;
    }
    out->year = y;
    out->month = m;
    out->day = d;
    *date_end = k + 4;
    return 1;
}

/* Is the code point starting at s[i] part of a word? *n gets its length. */
static int date_word_char(const unsigned char *s, size_t len, size_t i,
                          size_t *n)
{
    unsigned char c = s[i];

    if (c < 0x80) {
        *n = 1;
        return date_digit(c) || (c >= 'a' && c <= 'z') ||
               (c >= 'A' && c <= 'Z');
    }
    *n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + *n > len) {
        *n = len - i;
    }
    if (c == 0xC2 || (c == 0xE2 && i + 1 < len && s[i + 1] == 0x80)) {
        return 0; /* NBSP, « », °, narrow NBSP, dashes, quotes */
    }
    return 1;
}

/* Is the folded word `w` one of those listed in `list` (NULL-terminated)? */
static int date_word_in(const char *w, const char *const *list)
{
    for (; *list; list++) {
        if (strcmp(w, *list) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Upper-case first letter: ASCII, or a Latin-1 capital such as É. */
static int date_upper_at(const unsigned char *s, size_t len, size_t i)
{
    return (s[i] >= 'A' && s[i] <= 'Z') ||
           (s[i] == 0xC3 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9E);
}

/*
 * Is s[from, to), the start of a line before a date, a dateline's prefix?
 * Only words a dateline uses ("Paris, samedi", "Publié le", "Mis à jour le"):
 * capitalised words (places, agencies), weekdays and the listed small words,
 * six at most. "Poutine est né le 7 octobre 1952" is no dateline.
 */
static int date_prefix_ok(const unsigned char *s, size_t from, size_t to)
{
    static const char *const dateline_words[] = {
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
        "dimanche", "le", "publie", "mis", "mise", "a", "?", "jour", "en",
        "ligne", "modifie", "actualise", "date", "du", "par", "maj", NULL
    };
    char w[24];
    size_t i = from, n, k;
    int words = 0;

    while (i < to) {
        if (!date_word_char(s, to, i, &k) || date_digit(s[i]) ||
            (n = date_fold_word(w, sizeof w, s, to, i)) == 0) {
            i += k;
            continue;
        }
        if (++words > 6 ||
            (!date_upper_at(s, to, i) && !date_word_in(w, dateline_words))) {
            return 0;
        }
        i += n;
    }
    return 1;
}

/* After a dateline's date: the end of the line, a separator ("- Le
 * président", "| AFP", "(AFP)") or a short rest with no lower-case word
 * ("à 10h30", "10min"). */
static int date_suffix_ok(const unsigned char *s, size_t len, size_t i)
{
    size_t k;

    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) {
        i++;
    }
    if (i >= len || s[i] == '\n' || s[i] == '-' || s[i] == '|' || s[i] == '(') {
        return 1;
    }
    if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x93 || s[i + 2] == 0x94)) {
        return 1; /* en or em dash */
    }
    for (k = i; k < len && s[k] != '\n'; k++) {
        if (k - i > 24) {
            return 0;
        }
        if (k > i && s[k] >= 'a' && s[k] <= 'z' && s[k - 1] >= 'a' &&
            s[k - 1] <= 'z' && (k < i + 2 || !date_digit(s[k - 2]))) {
            return 0; /* a word follows: running text, not "à 10h30" */
        }
    }
    return 1;
}

/* The date at s[i], when there is one: 1 (2 for ISO) with *end after it. */
static int date_at(rg_date *out, size_t *end, const unsigned char *s,
                   size_t lim, size_t i, size_t *num_end)
{
    size_t k, e;
    int m, y;

    if (date_digit(s[i])) {
        if ((m = date_numeric_at(out, end, s, lim, i)) != 0) {
            return m;
        }
        for (k = i; k < lim && date_digit(s[k]); k++) {
        }
        if (k + 1 < lim && (s[k] | 0x20) == 'e' && (s[k + 1] | 0x20) == 'r') {
            k += 2;
        }
        *num_end = k;
        return 0;
    }
    /* month precision, "décembre 2017"; not right after a rejected number
     * ("31 février 2018" is no date, not even February 2018) */
    if (*num_end != (size_t)-1 && date_skip_sep(s, lim, *num_end) == i) {
        return 0;
    }
    m = date_month_at(s, lim, i, &e);
    if (m == 0) {
        return 0;
    }
    k = date_skip_sep(s, lim, e);
    y = date_year_at(s, lim, k);
    if (y < 0 || !date_valid(y, m, 0)) {
        return 0;
    }
    out->year = y;
    out->month = m;
    out->day = 0;
    *end = k + 4;
    return 1;
}

/*
 * The article's date near the top: the first dateline within `window` bytes,
 * a date alone on its line or with a place, a weekday, "publié le", a time
 * or a separator. Dates in running text are not taken: they are most often
 * about other days ("le 24 juin", "né le 7 octobre 1952"); on 3,000 OrangeSum
 * articles, such a date gave the article's month 4 times out of 85.
 */
int rg_date_find_text(rg_date *out, const char *text, size_t len,
                      size_t window)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t lim = len < window ? len : window, i = 0, end, ls = 0, n;
    size_t num_end = (size_t)-1; /* after the last number (and "er") */
    rg_date d;
    int prev_word = 0, word, kind;

    RG_ASSERT_ARG(out != NULL);
    RG_ASSERT_ARG(text != NULL || len == 0);
    out->year = out->month = out->day = 0;
    while (i < lim) {
        if (s[i] == '\n') {
            ls = i + 1;
        }
        word = date_word_char(s, lim, i, &n);
        if (word && !prev_word && (kind = date_at(&d, &end, s, lim, i, &num_end))) {
            /* an ISO date needs no separator after it ("(AFP) 2017-12-30 Le") */
            if (date_prefix_ok(s, ls, i) && (kind == 2 || date_suffix_ok(s, len, end))) {
                *out = d;
                return 1;
            }
            i = end;
            prev_word = 0;
            continue;
        }
        prev_word = word;
        i += n;
    }
    return 0;
}

/* Writes n >= 0 as `width` decimal digits at p (n < 10^width). */
static void date_put_digits(char *p, int n, int width)
{
    while (width-- > 0) {
        p[width] = (char)('0' + n % 10);
        n /= 10;
    }
}

void rg_date_format(char *buf, size_t size, const rg_date *d)
{
    RG_ASSERT_ARG(buf != NULL || size == 0);
    if (size == 0) {
        return;
    }
    if (d == NULL || d->year == 0) {
        buf[0] = '\0';
    } else if (size >= 11 && d->year > 0 && d->year <= 9999 && d->month >= 0 &&
               d->month <= 99 && d->day >= 0 && d->day <= 99) {
        /* every document's date goes through here: snprintf was 1% of the
         * instructions of `extract` */
        size_t n = d->month == 0 ? 4 : d->day == 0 ? 7 : 10;
        date_put_digits(buf, d->year, 4);
        buf[4] = '-';
        date_put_digits(buf + 5, d->month, 2);
        buf[7] = '-';
        date_put_digits(buf + 8, d->day, 2);
        buf[n] = '\0';
    } else if (d->month == 0) {
        snprintf(buf, size, "%04d", d->year);
    } else if (d->day == 0) {
        snprintf(buf, size, "%04d-%02d", d->year, d->month);
    } else {
        snprintf(buf, size, "%04d-%02d-%02d", d->year, d->month, d->day);
    }
}

int rg_date_cmp(const rg_date *a, const rg_date *b)
{
    RG_ASSERT_ARG(a != NULL && b != NULL);
    if (a->year != b->year) {
        return a->year < b->year ? -1 : 1;
    }
    if (a->month != b->month) {
        return a->month < b->month ? -1 : 1;
    }
    if (a->day != b->day) {
        return a->day < b->day ? -1 : 1;
    }
    return 0;
}
