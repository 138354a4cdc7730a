/* SPDX-License-Identifier: MIT */
/*
 * French sentence segmentation: one left-to-right pass over UTF-8 text that
 * decides cut points and emits trimmed byte spans (see "HOW IT WORKS").
 * This file is the driver; the code point classes are in
 * sentence_internal.h and the French rules in sentence_rules.c.
 */
#include <string.h>

#include <relgraph/sentence.h>
#include "common.h"
#include "cpu.h" /* rg__cpu_level: which of run_end's tables */
#include "sentence_internal.h"

/* run_end's byte classes come from two 16-entry tables (SSSE3 pshufb,
 * or AVX2, sentence_simd.c) on x86 CPUs that have them, chosen at run
 * time; otherwise (and with -DRG_SENTENCE_NO_SIMD, which the differential
 * tests use as the reference) a 256-entry table, 4 bytes a step
 * (RG_SENTENCE_SIMD, sentence_internal.h). */

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
 *
 * Speed: code points that can neither cut nor need a handler (lowercase
 * letters incl. é è à ç..., digits, spaces, most punctuation, capitals
 * that start a word) are skipped a run at a time and the scan state is
 * rebuilt from the end of the run (see "Runs" in sentence_internal.h);
 * the handlers see the same state as if every code point had been stepped
 * through.
 */

/* ---- driver ------------------------------------------------------------ */

typedef struct {
    const unsigned char *s;
    size_t len;
    size_t start; /* first byte of the pending sentence */
    RG_VEC(rg_span) spans;
    void (*cands)(const unsigned char *p, size_t n, int word_before,
                  uint64_t *out); /* sentence_simd.c */
} split_ctx;

/* Windows of candidates computed at a time by run_chunk: 2 KiB of text. */
#define RUN_CHUNK 32

/* run_end_simd's windows, apart from split_ctx (passed to the handlers)
 * so that the compiler may keep its fields in registers: bit k of m[w] is
 * set when s[base + 64w + k] may stop a run (and for every offset at or
 * past len, in the last window of the text). */
typedef struct {
    size_t base; /* a multiple of 64 */
    size_t n;    /* windows in m */
    uint64_t m[RUN_CHUNK + 1];
} split_win;

/* What the scan remembers between code points. */
typedef struct {
    size_t word_start; /* first byte of the current word */
    size_t lower_run;  /* lowercase letters just before */
    size_t word_caps;  /* capitals so far in the current word */
    uint32_t prev_cp;  /* the previous code point */
    uint32_t pre_word; /* the code point before the current word */
    int prev;          /* class of prev_cp */
    int last_sig;      /* class of the last code point other than white space */
    int in_dq;         /* straight-quote parity: inside "..." */
    int upper_initial; /* the current word starts with a capital */
    int digit_after_letter; /* the current number is glued to a word ("G7") */
    /* A run s[run_i..run_j) that ended with a letter and whose word fields
     * (word_start, lower_run, word_caps, pre_word, upper_initial) are not
     * rebuilt yet; run_prev_cls and run_prev_cp: prev and prev_cp as they
     * were before it. run_j == 0: none. Only handlers of letters and of
     * the straight quote read them. */
    size_t run_i, run_j;
    uint32_t run_prev_cp;
    int run_prev_cls;
} split_state;

/* split_emit's general case (out of line: split_emit is inlined at every
 * cut): trim s[a..b) (a < b), drop it if empty, append it. */
static RG_SENT_NOINLINE int split_emit_trim(split_ctx *cx, size_t a, size_t b)
{
    size_t n, st;
    rg_span sp;

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
    /* the first allocation guesses one sentence per 128 bytes (news text
     * averages ~170), which saves most of the reallocations */
    if (cx->spans.n == cx->spans.cap &&
        rg__vec_grow(&cx->spans.v, &cx->spans.cap,
                     cx->spans.n ? cx->spans.n + 1 : cx->len / 128 + 8, sizeof sp) != RG_OK) {
        return RG_ERROR;
    }
    cx->spans.v[cx->spans.n++] = sp;
    return RG_OK;
}

/* Close the pending sentence at `cut`: trim, drop if empty, append. Most
 * start with a non-space ASCII byte, or behind one space (". Le"), and end
 * with one: those skip split_emit_trim's code point steps. */
static inline int split_emit(split_ctx *cx, size_t cut)
{
    const unsigned char *s = cx->s;
    size_t a = cx->start;

    if (cut <= a) {
        return RG_OK;
    }
    cx->start = cut;
    a += s[a] == ' ' && a + 1 < cut;
    if (s[a] < 0x80 && !is_space_class(ascii_class[s[a]]) && s[cut - 1] < 0x80 &&
        !is_space_class(ascii_class[s[cut - 1]]) && cx->spans.n < cx->spans.cap) {
        cx->spans.v[cx->spans.n].start = a;
        cx->spans.v[cx->spans.n++].end = cut;
        return RG_OK;
    }
    return split_emit_trim(cx, a, cut);
}

#if RG_SENTENCE_SIMD
/*
 * Fill w with the candidates of the windows from the one that holds
 * s[pos] on: RUN_CHUNK whole windows, or, near the end of the text, the
 * whole windows left and the last one (0-63 bytes, a zero-padded copy,
 * with every offset past len set, so that run_end_simd stops at len).
 * The windows are aligned to 64 bytes of the text; each call's first
 * word_before is exact (run_byte), the next ones are the bit 7 classes.
 */
static RG_SENT_NOINLINE void run_chunk(const split_ctx *cx, split_win *w, size_t pos)
{
    unsigned char buf[64];
    size_t b = pos & ~(size_t)63, whole = (cx->len - b) / 64, left;
    int word_before = b == 0 || !(run_byte[cx->s[b - 1]] & RB_CAP_NEXT);

    w->base = b;
    if (whole > RUN_CHUNK) {
        cx->cands(cx->s + b, RUN_CHUNK, word_before, w->m);
        w->n = RUN_CHUNK;
        return;
    }
    if (whole) {
        cx->cands(cx->s + b, whole, word_before, w->m);
        b += 64 * whole;
        word_before = !(run_byte[cx->s[b - 1]] & RB_CAP_NEXT);
    }
    left = cx->len - b;
    memset(buf, 0, sizeof buf);
    memcpy(buf, cx->s + b, left);
    cx->cands(buf, 1, word_before, &w->m[whole]);
    w->m[whole] |= ~(uint64_t)0 << left;
    w->n = whole + 1;
}

/*
 * Is the stop s[j], a straight quote or an ASCII closer ) ] } (b), one
 * whose handler can only toggle the quote parity? It cuts only between a
 * lowercase letter or a digit and a capital (on_closer, on_straight_quote),
 * so it is quiet when the byte after is ASCII but not a capital (or there
 * is none), or the byte before is ASCII but not a lowercase letter or a
 * digit: the state's prev is then that byte's class, or C_TE after a
 * terminal cluster, or C_SP at the start. Most quotes and brackets are
 * quiet; run_end_simd keeps them in the run (the state after it is
 * rebuilt from the bytes as usual) and toggles *in_dq for a quote.
 */
static inline int run_quiet_closer(const unsigned char *s, size_t len, size_t j,
                                   unsigned char b, int *in_dq)
{
    unsigned char a, z;

    if (j + 1 < len && j > 0) {
        a = s[j + 1];
        z = s[j - 1];
        if (((unsigned)(a - 'A') < 26u || a >= 0x80) &&
            ((unsigned)(z - 'a') < 26u || (unsigned)(z - '0') < 10u || z >= 0x80)) {
            return 0;
        }
    }
    *in_dq ^= b == '"';
    return 1;
}

/*
 * End of the run that starts at s[i] (i itself when there is none): the
 * first candidate from s[i] on that run_byte confirms and that is not a
 * quiet closer; *term is set when it is . ? ! (on_terminal's). The
 * candidates of i's window are taken lowest first, those below i masked
 * off: the scan never goes back (the next run starts after the stop), so
 * a candidate passed, a quiet quote dropped or a byte a handler took is
 * never read again, and w is never written but by run_chunk. Whether a
 * byte stops a run depends on the bytes around it, not on where the run
 * started.
 */
static RG_SENT_INLINE size_t run_end_simd(const split_ctx *cx, split_win *w, size_t i,
                                          int *in_dq, int *term)
{
    const unsigned char *s = cx->s;
    size_t j, k;
    uint64_t m;
    unsigned char b, rb;

    if (i - w->base >= 64 * w->n) { /* i >= base: runs only go forward */
        run_chunk(cx, w, i);
    }
    k = (i - w->base) / 64;
    m = w->m[k] & ~(uint64_t)0 << (i % 64); /* base % 64 == 0 */
    *term = 0;
    for (;;) {
        while (!m) {
            if (++k == w->n) {
                run_chunk(cx, w, w->base + 64 * k);
                k = 0;
            }
            m = w->m[k];
        }
        j = w->base + 64 * k + rg__ctz64(m);
        m &= m - 1;
        if (j >= cx->len) {
            return cx->len;
        }
        b = s[j];
        rb = run_byte[b];
        if (rb & RB_TERM) {
            *term = 1;
            return j;
        }
        if (rb & RB_CLOSE) {
            if (!run_quiet_closer(s, cx->len, j, b, in_dq)) {
                break;
            }
        } else if (rb & RB_CAP) {
            if (j == 0 || !(run_byte[s[j - 1]] & RB_CAP_NEXT)) {
                break;
            }
        } else if (!(rb & RB_ALWAYS)) {
            break;
        }
    }
    /* never stop between C3 and its second byte ("É" is C3 89) */
    return (b & 0xC0) == 0x80 && j > i && s[j - 1] == 0xC3 ? j - 1 : j;
}
#endif

/* End of the run that starts at s[i] (i itself when there is none), a
 * table lookup per byte; *term is set when it is . ? ! */
static size_t run_end(const split_ctx *cx, size_t i, int *term)
{
    const unsigned char *s = cx->s;
    size_t len = cx->len, j = i;

    for (;;) {
        while (j + 4 <= len && (run_byte[s[j]] & run_byte[s[j + 1]] & run_byte[s[j + 2]] &
                                run_byte[s[j + 3]] & RB_ALWAYS)) {
            j += 4;
        }
        while (j < len && (run_byte[s[j]] & RB_ALWAYS)) {
            j++;
        }
        if (j < len && (run_byte[s[j]] & RB_CAP) && j > 0 &&
            (run_byte[s[j - 1]] & RB_CAP_NEXT)) {
            j++;
            continue;
        }
        /* never stop between C3 and its second byte ("É" is C3 89) */
        if (j < len && j > i && s[j - 1] == 0xC3 && (s[j] & 0xC0) == 0x80) {
            j--;
        }
        *term = j < len && (run_byte[s[j]] & RB_TERM);
        return j;
    }
}

/*
 * The code point of a run s[i..) that ends at k (k > i): returns its first
 * byte, *cls its class, *cp its value. Bytes >= 0x80 in a run are C3 and
 * 9F-BF but B7: a pair is a lowercase letter (C3 is never a second byte,
 * so reading backwards is safe); a byte alone is invalid UTF-8, C_OT.
 */
static inline size_t run_prev(const unsigned char *s, size_t i, size_t k, int *cls,
                              uint32_t *cp)
{
    unsigned char b = s[k - 1];

    if (b < 0x80) {
        *cls = ascii_class[b];
        *cp = b;
        return k - 1;
    }
    if (b != 0xC3 && k - 1 > i && s[k - 2] == 0xC3) {
        *cls = C_LO;
        *cp = 0xC0u | (b & 0x3Fu);
        return k - 2;
    }
    *cls = C_OT;
    *cp = CP_INVALID;
    return k - 1;
}

/*
 * The word fields after a run s[i..j) that ends with a letter (see
 * run_state), rebuilt when a handler needs them. The word the run ends
 * with is some capitals then lowercase letters (a capital never follows a
 * lowercase letter in a run); it began inside the run, at the run start,
 * or before the run when the run goes on with the word split_step was in.
 * lower_run counts code points, so "é" counts one.
 */
static void run_word_state(const unsigned char *s, split_state *st)
{
    size_t i = st->run_i, j = st->run_j, k = j, nlow, ncap = 0, a;
    uint32_t cp = 0;
    int c;

    st->run_j = 0;
    while (k > i && (unsigned)(s[k - 1] - 'a') < 26u) { /* the common tail */
        k--;
    }
    nlow = j - k;
    while (k > i) {
        a = run_prev(s, i, k, &c, &cp);
        if (c == C_LO) {
            nlow += ncap == 0;
        } else if (c == C_UP) {
            ncap++;
        } else {
            break;
        }
        k = a;
    }
    if (k > i || !is_letter_class(st->run_prev_cls)) {
        st->word_start = k;
        st->upper_initial = (unsigned)(s[k] - 'A') < 26u;
        st->word_caps = 0;
        st->pre_word = k > i ? cp : st->run_prev_cp;
        st->lower_run = 0;
    }
    st->word_caps += ncap;
    st->lower_run = ncap ? nlow : st->lower_run + nlow;
}

/*
 * digit_after_letter for a run s[i..j) that ends with a digit: is the
 * number glued to a word ("G7")? It is only read for a capital right after
 * a digit, which stops a run, so runs that end otherwise leave it stale.
 */
static void run_digit_state(const unsigned char *s, size_t i, size_t j, split_state *st)
{
    size_t k = j;

    while (k > i && (unsigned)(s[k - 1] - '0') < 10u) {
        k--;
    }
    if (k > i) {
        int c;
        uint32_t cp;
        run_prev(s, i, k, &c, &cp);
        st->digit_after_letter = is_letter_class(c);
    } else if (st->prev != C_DI) {
        st->digit_after_letter = is_letter_class(st->prev);
    }
}

/*
 * The state after the run s[i..j) (j > i), as split_step would have left
 * it. After a letter, the word fields are left to run_word_state. After a
 * non-letter they go stale, as split_step leaves them, since they are only
 * read while prev is a letter; last_sig is the last code point before the
 * trailing spaces, if the run has one.
 */
static void run_state(const unsigned char *s, size_t i, size_t j, split_state *st)
{
    size_t k = j;
    uint32_t cp;
    int cls;

    run_prev(s, i, j, &cls, &cp);
    if (is_letter_class(cls)) { /* the word fields wait for run_word_state */
        st->run_i = i;
        st->run_j = j;
        st->run_prev_cls = st->prev;
        st->run_prev_cp = st->prev_cp;
        st->prev = cls;
        st->prev_cp = cp;
        st->last_sig = cls;
        return;
    }
    if (cls == C_DI) {
        run_digit_state(s, i, j, st);
    }
    st->prev = cls;
    st->prev_cp = cp;
    st->lower_run = 0;
    while (k > i && s[k - 1] < 0x80 && ascii_class[s[k - 1]] == C_SP) {
        k--;
    }
    if (k > i) {
        run_prev(s, i, k, &cls, &cp);
        st->last_sig = cls;
    }
}

/* Does the capital at s[up] end a glued heading ("l'idéeDonald")? */
static int camel_cut(const split_ctx *cx, const split_state *st, size_t up)
{
    return st->prev == C_LO && st->lower_run >= 3 &&
           st->word_caps == (size_t)st->upper_initial &&
           rg_sentence__camel_split(cx->s, cx->len, st->word_start, st->upper_initial,
                                    st->pre_word, up);
}

/* Does a capitalised word ("Dans", not "DonaldTrump") start at s[up]? */
static int plain_word_at(const split_ctx *cx, size_t up)
{
    size_t end;
    uint32_t stop;
    int stop_upper;

    return rg_sentence__word_after(cx->s, cx->len, up, &end, &stop, &stop_upper) > 0 &&
           !stop_upper;
}

/* A lowercase letter at s[i]: maybe the first letter of a word. */
static void on_lower(split_state *st, size_t i)
{
    if (!is_letter_class(st->prev)) {
        st->word_start = i;
        st->upper_initial = 0;
        st->word_caps = 0;
        st->pre_word = st->prev_cp;
    }
    st->lower_run++;
}

/* A capital at s[i]: a glued heading ("prisonDans", "2017Dans") or a word. */
static int on_upper(split_ctx *cx, split_state *st, size_t i)
{
    int cut = 0;

    if (camel_cut(cx, st, i)) {
        cut = 1;
    } else if (st->prev == C_DI && !st->digit_after_letter &&
               rg_sentence__function_word_at(cx->s, cx->len, i)) {
        cut = 1;
    }
    if (cut && split_emit(cx, i) != RG_OK) {
        return RG_ERROR;
    }
    if (cut || !is_letter_class(st->prev)) {
        st->word_start = i;
        st->upper_initial = 1;
        st->word_caps = 0;
        st->pre_word = cut ? ' ' : st->prev_cp;
    }
    st->word_caps++;
    return RG_OK;
}

/* A terminal cluster at s[*i] (most stops): cut or not; *i moves past it. */
static RG_SENT_INLINE int on_terminal(split_ctx *cx, split_state *st, size_t *i)
{
    size_t p1, cut;
    int in_dq = st->in_dq;

    cut = rg_sentence__term_cut(cx->s, cx->len, *i, &p1, &in_dq);
    st->in_dq = in_dq;
    if (cut) {
        if (split_emit(cx, cut) != RG_OK) {
            return RG_ERROR;
        }
        *i = cut;
    } else {
        *i = p1;
    }
    st->prev = C_TE;
    st->prev_cp = '.';
    st->last_sig = C_TE;
    st->lower_run = 0;
    return RG_OK;
}

/* A closing quote or bracket (n bytes at s[i]) glued to the next
 * sentence: "(en français)Dans" cuts after the closer. */
static int on_closer(split_ctx *cx, const split_state *st, size_t i, size_t n)
{
    size_t m;

    if ((st->prev == C_LO || st->prev == C_DI) && i + n < cx->len &&
        class_at(cx->s, cx->len, i + n, &m) == C_UP && plain_word_at(cx, i + n)) {
        return split_emit(cx, i + n);
    }
    return RG_OK;
}

/* A straight double quote at s[i]: a closer glued to the next sentence
 * ('syndicat"Le'), or an opener after a glued heading ('héritier"Emmanuel'). */
static int on_straight_quote(split_ctx *cx, split_state *st, size_t i)
{
    size_t m;
    int rc = RG_OK;

    if ((st->prev == C_LO || st->prev == C_DI) && i + 1 < cx->len &&
        class_at(cx->s, cx->len, i + 1, &m) == C_UP) {
        if (st->in_dq) {
            if (plain_word_at(cx, i + 1)) {
                rc = split_emit(cx, i + 1);
            }
        } else {
            if (st->run_j) { /* the word fields, left stale by most quotes */
                run_word_state(cx->s, st);
            }
            if (camel_cut(cx, st, i + 1)) {
                rc = split_emit(cx, i);
            }
        }
    }
    st->in_dq = !st->in_dq;
    return rc;
}

/*
 * A newline (n bytes at s[i]): a blank line always cuts; a single newline
 * cuts after a line without final punctuation unless the next line goes on
 * with a lowercase letter or continuing punctuation.
 */
static int on_newline(split_ctx *cx, split_state *st, size_t i, size_t n)
{
    size_t j = i + n, m = 0;
    int c2 = C_SP, ls = st->last_sig;

    while (j < cx->len) {
        c2 = class_at(cx->s, cx->len, j, &m);
        if (c2 != C_SP) {
            break;
        }
        j += m;
    }
    if (j >= cx->len) {
        return RG_OK;
    }
    if (c2 == C_NL) { /* blank line */
        if (split_emit(cx, i) != RG_OK) {
            return RG_ERROR;
        }
        st->in_dq = 0;
    } else if ((ls == C_LO || ls == C_UP || ls == C_DI || ls == C_CL || ls == C_DQ ||
                ls == C_OT) &&
               c2 != C_LO && c2 != C_CO && c2 != C_CL && c2 != C_TE) {
        if (split_emit(cx, i) != RG_OK) {
            return RG_ERROR;
        }
        st->last_sig = C_TE;
    }
    return RG_OK;
}

/* One code point of class cls (cp, n bytes at s[*i]); *i moves past it. */
static int split_step(split_ctx *cx, split_state *st, int cls, uint32_t cp, size_t *i,
                      size_t n)
{
    int rc = RG_OK;

    /* after a non-letter the word fields go stale anyway; the straight
     * quote rebuilds them only for camel_cut, rarely reached */
    if (st->run_j && cls != C_DQ) {
        if (cls == C_LO || cls == C_UP) {
            run_word_state(cx->s, st);
        }
        st->run_j = 0;
    }
    switch (cls) {
    case C_TE:
        return on_terminal(cx, st, i);
    case C_LO:
        on_lower(st, *i);
        break;
    case C_UP:
        rc = on_upper(cx, st, *i);
        break;
    case C_DI:
        if (st->prev != C_DI) {
            st->digit_after_letter = is_letter_class(st->prev);
        }
        break;
    case C_CL:
        rc = on_closer(cx, st, *i, n);
        break;
    case C_DQ:
        rc = on_straight_quote(cx, st, *i);
        st->run_j = 0;
        break;
    case C_NL:
        rc = on_newline(cx, st, *i, n);
        break;
    default:
        break;
    }
    if (cls != C_LO) {
        st->lower_run = 0;
    }
    if (cls != C_SP && cls != C_NL) {
        st->last_sig = cls;
    }
    st->prev = cls;
    st->prev_cp = cp;
    *i += n;
    return rc;
}

int rg_sentences_split(rg_span **out, size_t *n_out, const char *text,
                       size_t len)
{
    size_t cap = 0;
    int error;

    RG_ASSERT_ARG(out != NULL);
    *out = NULL;
    if ((error = rg_sentence__split_into(out, n_out, &cap, text, len)) != RG_OK) {
        rg__free(*out);
        *out = NULL;
        *n_out = 0;
    }
    return error;
}

int rg_sentence__split_into(rg_span **spans, size_t *n_out, size_t *cap, const char *text,
                            size_t len)
{
    split_ctx cx = { NULL, 0, 0, { NULL, 0, 0 }, NULL };
    split_state st = { 0, 0, 0, ' ', ' ', C_SP, C_TE, 0, 0, 0, 0, 0, 0, 0 };
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, n;
    uint32_t cp;
    int cls, term, error = RG_OK;
#if RG_SENTENCE_SIMD
    split_win w; /* no window yet (n == 0): the first run fills it */
    int simd;
#endif

    RG_ASSERT_ARG(spans != NULL && cap != NULL);
    RG_ASSERT_ARG(n_out != NULL);
    RG_ASSERT_ARG(text != NULL || len == 0);
    *n_out = 0;
    cx.spans.v = *spans; /* the caller's storage, kept whatever happens */
    cx.spans.cap = *cap;
    cx.s = s;
    cx.len = len;
#if RG_SENTENCE_SIMD
#if !defined(RG_SENTENCE_NO_AVX2)
    if (rg__cpu_level() >= RG_CPU_AVX2) {
        cx.cands = rg_sentence__cands64_avx2;
    } else
#endif
    if (rg__cpu_level() >= RG_CPU_SSSE3) {
        cx.cands = rg_sentence__cands64;
    }
    simd = cx.cands != NULL;
    w.base = 0;
    w.n = 0;
#endif

    while (i < len) {
#if RG_SENTENCE_SIMD
        n = simd ? run_end_simd(&cx, &w, i, &st.in_dq, &term) : run_end(&cx, i, &term);
#else
        n = run_end(&cx, i, &term);
#endif
        if (term) {
            /* . ? ! (most stops): on_terminal sets prev, prev_cp, last_sig
             * and lower_run; run_state's other fields are not read before
             * a letter or a digit rebuilds them (prev is then C_TE). */
            i = n;
            st.run_j = 0;
            if (on_terminal(&cx, &st, &i) != RG_OK) {
                error = RG_ERROR;
                goto cleanup;
            }
            continue;
        }
        if (n > i) {
            run_state(s, i, n, &st);
            i = n;
            if (i >= len) {
                break;
            }
        }
        if (s[i] < 0x80) {
            cp = s[i];
            n = 1;
            cls = ascii_class[cp];
        } else {
            cp = u8_dec(s, len, i, &n);
            cls = cp_class(cp);
        }
        if (split_step(&cx, &st, cls, cp, &i, n) != RG_OK) {
            error = RG_ERROR;
            goto cleanup;
        }
    }
    if (split_emit(&cx, len) != RG_OK) {
        error = RG_ERROR;
        goto cleanup;
    }

    *n_out = cx.spans.n;
cleanup:
    *spans = cx.spans.v;
    *cap = cx.spans.cap;
    return error;
}
