/* SPDX-License-Identifier: MIT */
/*
 * Private helpers of the sentence splitter (sentence.c, sentence_rules.c):
 * code point classes, UTF-8 decoding forwards and backwards, the byte
 * classes of the driver's runs, byte tests 8 bytes at a time, and the
 * French rules the driver asks about (terminal clusters, glued headings).
 * The classifiers are inline: the driver calls them once per code point.
 */
#ifndef RG_LIB_SENTENCE_INTERNAL_H
#define RG_LIB_SENTENCE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h> /* memcpy */

#include <relgraph/sentence.h> /* rg_span */

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

/* Slow paths kept out of line, so that the inlined fast paths around them
 * save fewer registers; and fast paths inlined where GCC would not. */
#if defined(__GNUC__)
#define RG_SENT_NOINLINE __attribute__((noinline))
#define RG_SENT_INLINE inline __attribute__((always_inline))
#else
#define RG_SENT_NOINLINE
#define RG_SENT_INLINE inline
#endif

/* ---- UTF-8 ------------------------------------------------------------ */

static inline int u8_cont(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/* Decode the code point at s[i] (i < len); invalid bytes decode as U+FFFD
 * of length 1, so the scan always advances. */
static inline uint32_t u8_dec(const unsigned char *s, size_t len, size_t i, size_t *n)
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
static inline uint32_t u8_prev(const unsigned char *s, size_t lo, size_t i, size_t *start)
{
    size_t k = i - 1;
    size_t n;
    int steps = 0;
    uint32_t cp;

    if (s[k] < 0x80) { /* the common case, and what the loop below decides */
        *start = k;
        return s[k];
    }
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
static inline int nonascii_case(uint32_t c)
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

static inline int cp_class(uint32_t c)
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
static inline int class_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
    if (s[i] < 0x80) {
        *n = 1;
        return ascii_class[s[i]];
    }
    return cp_class(u8_dec(s, len, i, n));
}

static inline int is_letter_class(int c)
{
    return c == C_LO || c == C_UP;
}

static inline int is_space_class(int c)
{
    return c == C_SP || c == C_NL;
}

/*
 * Runs (sentence.c's driver). Most code points only go through the bookkeeping at the end of
 * split_step: lowercase letters, digits, spaces, , ; : - ' ( and symbols, and
 * capitals that start a word or follow a capital (on_upper cuts only after
 * a lowercase letter or a digit). None of them can cut, so the driver skips
 * a whole run of them at once (run_end) and rebuilds the state from the
 * run's tail (run_state). run_byte, from ascii_class:
 *   RB_ALWAYS  C_LO, C_DI, C_SP, C_CO, C_OT, C_DA, C_OP: always in a run;
 *   RB_CAP     C_UP: in a run if the byte before has RB_CAP_NEXT;
 *   RB_CAP_NEXT every class but C_LO and C_DI: a capital after it cannot
 *              cut (the state's prev has the same class, or C_TE after
 *              on_terminal, since an ASCII byte is a code point of its own).
 * Terminals, closers, the straight quote and newlines have handlers and
 * stop a run (with the SIMD windows, quotes and ASCII closers that cannot
 * cut do not: run_quiet_closer). Of the bytes >= 0x80, C3 and 9F-BF but
 * B7 are RB_ALWAYS: together they are the lowercase letters U+00DF-U+00FF
 * but U+00F7 (é è à ç ê â ô û ù î ï ë ü ...); alone they are invalid
 * UTF-8, C_OT like any other symbol. run_end never stops between C3 and
 * a second byte that is not one of these ("É" is C3 89), and run_prev
 * tells pairs from lone bytes when the state is rebuilt.
 */
enum { RB_ALWAYS = 1, RB_CAP = 2, RB_CAP_NEXT = 4, RB_TERM = 8, RB_CLOSE = 16 };

/* RB_TERM: . ? ! (the driver's on_terminal); RB_CLOSE: " ) ] }, which
 * run_end_simd may keep in a run (run_quiet_closer). */
#define A_ (RB_ALWAYS | RB_CAP_NEXT) /* white space, punctuation, symbols */
#define L_ RB_ALWAYS                 /* lowercase letter, digit */
#define U_ (RB_CAP | RB_CAP_NEXT)    /* capital */
#define S_ RB_CAP_NEXT               /* \n */
#define T_ (RB_CAP_NEXT | RB_TERM)   /* ! . ? */
#define C_ (RB_CAP_NEXT | RB_CLOSE)  /* " ) ] } */
static const unsigned char run_byte[256] = {
    A_, A_, A_, A_, A_, A_, A_, A_, /* 0x00 */
    A_, A_, S_, A_, A_, A_, A_, A_, /* 0x08: \n */
    A_, A_, A_, A_, A_, A_, A_, A_, /* 0x10 */
    A_, A_, A_, A_, A_, A_, A_, A_, /* 0x18 */
    A_, T_, C_, A_, A_, A_, A_, A_, /* 0x20: ! " */
    A_, C_, A_, A_, A_, A_, T_, A_, /* 0x28: ) . */
    L_, L_, L_, L_, L_, L_, L_, L_, /* 0x30: digits */
    L_, L_, A_, A_, A_, A_, A_, T_, /* 0x38: digits ? */
    A_, U_, U_, U_, U_, U_, U_, U_, /* 0x40: capitals */
    U_, U_, U_, U_, U_, U_, U_, U_, /* 0x48 */
    U_, U_, U_, U_, U_, U_, U_, U_, /* 0x50 */
    U_, U_, U_, A_, A_, C_, A_, A_, /* 0x58: ] */
    A_, L_, L_, L_, L_, L_, L_, L_, /* 0x60: lowercase */
    L_, L_, L_, L_, L_, L_, L_, L_, /* 0x68 */
    L_, L_, L_, L_, L_, L_, L_, L_, /* 0x70 */
    L_, L_, L_, A_, A_, C_, A_, A_, /* 0x78: } */
    0,  0,  0,  0,  0,  0,  0,  0,  /* 0x80 */
    0,  0,  0,  0,  0,  0,  0,  0,  /* 0x88 */
    0,  0,  0,  0,  0,  0,  0,  0,  /* 0x90 */
    0,  0,  0,  0,  0,  0,  0,  L_, /* 0x98: C3 9F is ß */
    L_, L_, L_, L_, L_, L_, L_, L_, /* 0xA0: C3 A0-BF are à-ÿ */
    L_, L_, L_, L_, L_, L_, L_, L_, /* 0xA8 */
    L_, L_, L_, L_, L_, L_, L_, 0,  /* 0xB0: C3 B7 is ÷ */
    L_, L_, L_, L_, L_, L_, L_, L_, /* 0xB8 */
    0,  0,  0,  L_, 0,  0,  0,  0,  /* 0xC0: C3 */
};
#undef A_
#undef L_
#undef U_
#undef S_
#undef T_
#undef C_

/* ---- 8 bytes at a time (sentence_rules.c) ------------------------------ */

/* The 8-byte loads that read a word backwards from its last byte
 * (word_before8) need the first byte lowest. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WB8_FAST 1
#endif
/* A byte test on 8 bytes at once answers in each byte's high bit. */
#define WB8_ONES 0x0101010101010101u
#define WB8_HIGH (WB8_ONES * 0x80)

/* The bytes of w equal to 0 (exact, no carry between bytes). */
static inline uint64_t wb8_zero(uint64_t w)
{
    return ~(((w & ~WB8_HIGH) + ~WB8_HIGH) | w) & WB8_HIGH;
}

/* The ASCII letters of w: (b | 0x20) + 0x1F reaches 0x80 from 'a' on,
 * + 0x05 from '{' on, for b < 0x80 (no carry out of a byte). */
static inline uint64_t wb8_letters(uint64_t w)
{
    uint64_t t = (w & ~WB8_HIGH) | WB8_ONES * 0x20;

    return (t + WB8_ONES * 0x1F) & ~(t + WB8_ONES * 0x05) & ~w & WB8_HIGH;
}

/* How many bytes in a row, from the top one (byte 7) down, have their
 * high bit set in m. */
static inline size_t wb8_top_run(uint64_t m)
{
    uint64_t x = ~m & WB8_HIGH;
#if defined(__GNUC__)
    return x ? (size_t)__builtin_clzll(x) / 8 : 8;
#else
    size_t n = 0;

    while (n < 8 && !(x >> (63 - 8 * n) & 1u)) {
        n++;
    }
    return n;
#endif
}

/* ---- sentence_rules.c ------------------------------------------------- */

/*
 * The word that starts with the capital at s[up]: *end gets the offset after
 * its letters, *stop the code point there (0 at the end of the text), and
 * the return value is the number of lowercase letters after the capital.
 * *stop_upper is set when the word runs into another capital (an identifier
 * like "DonaldTrump").
 */
size_t rg_sentence__word_after(const unsigned char *s, size_t len, size_t up, size_t *end,
                               uint32_t *stop, int *stop_upper);

/* Is the word at s[up] (a capital) a French function word ending cleanly? */
int rg_sentence__function_word_at(const unsigned char *s, size_t len, size_t up);

/*
 * Glued-heading test at the capital s[up] that follows a lowercase run:
 * word_start/upper_initial/pre_word describe the word the run belongs to.
 */
int rg_sentence__camel_split(const unsigned char *s, size_t len, size_t word_start,
                             int upper_initial, uint32_t pre_word, size_t up);

/*
 * The terminal cluster starting at p0: returns the cut offset (> p0), or 0
 * when the cluster does not end the sentence. *p1 gets the end of the
 * cluster; *in_dq the straight-quote parity after the cut (only on a cut).
 */
size_t rg_sentence__term_cut(const unsigned char *s, size_t len, size_t p0, size_t *p1,
                             int *in_dq);

/*
 * rg_sentences_split into a vector the caller holds (*spans, with room for
 * *cap spans, may be NULL and 0) and may keep from one text to the next:
 * it keeps its storage, grown or not, whatever the outcome (*spans and
 * *cap updated); *n_out spans on success.
 * @return RG_OK or RG_ERROR (OOM)
 */
int rg_sentence__split_into(rg_span **spans, size_t *n_out, size_t *cap, const char *text,
                            size_t len);

/* ---- sentence_simd.c ---------------------------------------------------- */

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__)) && \
    !defined(RG_SENTENCE_NO_SIMD)
#define RG_SENTENCE_SIMD 1
/*
 * Candidate stops of n >= 1 whole 64-byte windows from p into out[0..n)
 * (bit k of out[w] for p[64w + k]; see sentence_simd.c), on CPUs with
 * SSSE3, and with AVX2: word_before says the byte before p is a lowercase
 * letter, a digit or >= 0x80 (or there is none).
 */
void rg_sentence__cands64(const unsigned char *p, size_t n, int word_before, uint64_t *out);
void rg_sentence__cands64_avx2(const unsigned char *p, size_t n, int word_before, uint64_t *out);
#else
#define RG_SENTENCE_SIMD 0
#endif

#endif
