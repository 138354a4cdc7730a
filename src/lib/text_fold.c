/* SPDX-License-Identifier: MIT */
/*
 * Match-key fold (rg_text_fold): casefold, accents stripped, quotes, dashes
 * and spaces unified, with a byte map back to the folded text. Code points
 * below U+0800 and the punctuation block U+2000..U+206F go through tables
 * built once; the rest through utf8proc (see "HOW IT WORKS").
 */
#include <pthread.h> /* pthread_once */
#include <stdint.h>  /* uint64_t */
#include <string.h>  /* memchr, memcpy, strlen */
#if defined(__SSE2__) && !defined(RG_FOLD_NO_SSE2)
#include <immintrin.h> /* SSE2 (and AVX2): the ASCII blocks of the fold */
#endif

#include <utf8proc.h> /* utf8proc_decompose_char, utf8proc_category */

#include <relgraph/text.h>
#include "common.h"
#include "text_internal.h"
#include "clean_internal.h" /* clean_key, rg_kmap, rg_clean__fold_into */

/* Where RG_TEXT_WIDE allows it: the ASCII runs have an AVX2 version, blocks
 * and map stores of 32 bytes, taken when the machine has it (fold_wide). */
#if defined(__SSE2__) && !defined(RG_FOLD_NO_SSE2) && RG_TEXT_WIDE
#define FOLD_WIDE 1
static int fold_wide;
#include "text_fold_wide.h" /* fold_pairs32, fold_block32, fold_tail32 */
#else
#define FOLD_WIDE 0
#endif

/*
 * HOW IT WORKS
 * The key is built in one pass over `s`. ASCII bytes (the bulk of French
 * news text) are lowered with a compare and copied. Any other character is
 * first checked against a short list of explicit mappings (typographic
 * apostrophes -> ', dashes -> -, spaces -> space, œ/æ -> oe/ae, letters
 * with strokes such as ł ø đ that Unicode does not decompose), then handed
 * to utf8proc_decompose_char() with CASEFOLD|COMPAT|STRIPMARK|IGNORE:
 * "É" -> "e", "ß" -> "ss", "ﬁ" -> "fi", U+00AD (soft hyphen) -> nothing.
 * Every output byte records the offset of the input character that made
 * it; a run of white space becomes one ' ' mapped to the first space.
 *   "l’Élysée  X" -> "l'elysee x", map = 0 1 4 6 7 8 9 10 12 14 (+ len)
 * The odd flag (rg_text__fold_odd, clean_key.odd) tells the extractor's
 * stance gate that the key may hide a word's edges from the matcher: a
 * character that is no letter or digit, so that the stance tokenizer cuts
 * words at it, but whose fold is empty (controls, U+00AD, combining marks,
 * U+200B) or holds an ASCII letter or digit ("™" -> "tm", "℃" -> "°c").
 * Next to a word, such a character joins it to its neighbour in the key
 * ("x\u00ADrusse" -> "xrusse"). Those characters all take fold_step (the
 * tabulated ones are FOLD_ODD, ASCII controls are left by the runs), the
 * rare path, which sets the flag.
 */

typedef struct {
    char *out;
    rg_kmap *map; /* NULL when the caller does not want it (4-byte entries) */
    size_t len;
    size_t cap;
    size_t base;  /* added to every map entry (an input offset) */
    int in_space; /* the last byte written was a folded space */
    int fixed;    /* out is caller storage of size cap: never grow it */
    int odd;      /* a character met that the stance tokenizer cuts words at and
                   * whose fold is empty or has an ASCII letter or digit */
} fold_buf;

static int fold_reserve(fold_buf *fb, size_t extra)
{
    size_t ncap;
    char *no;

    if (fb->len + extra + 1 <= fb->cap) {
        return RG_OK;
    }
    if (fb->fixed) {
        return RG_ERROR;
    }
    ncap = fb->cap * 2;
    if (ncap < fb->len + extra + 1) {
        ncap = fb->len + extra + 1;
    }
    no = rg__realloc(fb->out, ncap);
    if (!no) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    fb->out = no;
    if (fb->map) {
        rg_kmap *nm = rg__reallocarray(fb->map, ncap, sizeof *nm);
        if (!nm) {
            rg__error_set_oom();
            return RG_ERROR;
        }
        fb->map = nm;
    }
    fb->cap = ncap;
    return RG_OK;
}

/* Appends n bytes all produced by the input character at offset `src`. */
static int fold_put(fold_buf *fb,       /* key being built */
                    const char *bytes,  /* bytes to append */
                    size_t n,           /* how many */
                    size_t src)         /* input offset they come from */
{
    size_t k;

    if (fb->len + n + 1 > fb->cap && fold_reserve(fb, n) < 0) {
        return RG_ERROR;
    }
    for (k = 0; k < n; k++) {
        fb->out[fb->len] = bytes[k];
        if (fb->map) {
            fb->map[fb->len] = (rg_kmap)(src + fb->base);
        }
        fb->len++;
    }
    fb->in_space = 0;
    return RG_OK;
}

static int fold_space(fold_buf *fb, size_t src)
{
    if (fb->in_space) {
        return RG_OK;
    }
    if (fold_put(fb, " ", 1, src) < 0) {
        return RG_ERROR;
    }
    fb->in_space = 1;
    return RG_OK;
}

/* 1 for the characters folded to a single space. */
static int fold_is_space(int32_t cp)
{
    if (cp == 0x85 || cp == 0xA0 || cp == 0x1680 || cp == 0x2028 || cp == 0x2029 ||
        cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0x180E) {
        return 1;
    }
    return cp >= 0x2000 && cp <= 0x200A;
}

/*
 * Explicit mappings applied before utf8proc: returns the ASCII replacement
 * (NUL-terminated, at most 2 bytes) or NULL when utf8proc should decide.
 */
static const char *fold_special(int32_t cp)
{
    switch (cp) {
    case 0x2019: case 0x2018: case 0x02BC: case 0x00B4: case 0x201B:
    case 0x2032: case 0x02B9: case 0x02BB: case 0x02BD: case 0xFF07:
        return "'";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return "-";
    case 0x0152: case 0x0153:
        return "oe";
    case 0x00C6: case 0x00E6:
        return "ae";
    case 0x00DF: case 0x1E9E:
        return "ss";
    case 0x00D8: case 0x00F8:
        return "o";
    case 0x0141: case 0x0142:
        return "l";
    case 0x0110: case 0x0111: case 0x00D0: case 0x00F0:
        return "d";
    case 0x0126: case 0x0127:
        return "h";
    case 0x0131:
        return "i";
    case 0x00DE: case 0x00FE:
        return "th";
    default:
        return NULL;
    }
}

/* Folds one decomposed code point `c` produced by the character at `src`. */
static int fold_emit(fold_buf *fb, /* key being built */
                     int32_t c,    /* decomposed code point */
                     size_t src)   /* input offset of its character */
{
    unsigned char enc[4];
    const char *sp;
    utf8proc_category_t cat;

    if (c < 0x80) {
        char a = (char)c;
        if (c == ' ' || (c >= 0x09 && c <= 0x0D)) {
            return fold_space(fb, src);
        }
        if (c < 0x20 || c == 0x7F) {
            return RG_OK;
        }
        if (c >= 'A' && c <= 'Z') {
            a = (char)(c + ('a' - 'A'));
        } else if (c == '`') {
            a = '\'';
        }
        return fold_put(fb, &a, 1, src);
    }
    if (fold_is_space(c)) {
        return fold_space(fb, src);
    }
    sp = fold_special(c);
    if (sp) {
        return fold_put(fb, sp, strlen(sp), src);
    }
    cat = utf8proc_category(c);
    if (cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF ||
        cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
        cat == UTF8PROC_CATEGORY_ME) {
        return RG_OK;
    }
    return fold_put(fb, (const char *)enc, rg_text__utf8_encode(enc, c), src);
}

/* 1 when the fold s[0..n) of a character that is no letter or digit makes
 * the key odd: empty, or with an ASCII letter or digit. */
static int fold_odd_bytes(const char *s, size_t n)
{
    size_t k;

    for (k = 0; k < n; k++) {
        unsigned char c = (unsigned char)(s[k] | 0x20);
        if ((c >= 'a' && c <= 'z') || (s[k] >= '0' && s[k] <= '9')) {
            return 1;
        }
    }
    return n == 0;
}

/* Folds one non-ASCII character `cp` read at offset `src`. */
static int fold_char(fold_buf *fb, /* key being built */
                     int32_t cp,   /* non-ASCII input character */
                     size_t src)   /* its input offset */
{
    utf8proc_int32_t dec[32];
    utf8proc_ssize_t n, k;
    size_t before = fb->len;
    int last_bound = 0;

    if (fold_is_space(cp) || fold_special(cp)) {
        return fold_emit(fb, cp, src); /* spaces, ' and -, or letters: never odd */
    }
    n = utf8proc_decompose_char(cp, dec, 32,
                                UTF8PROC_CASEFOLD | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                    UTF8PROC_STRIPMARK | UTF8PROC_IGNORE,
                                &last_bound);
    if (n < 0 || n > 32) {
        dec[0] = cp; /* cannot happen for valid code points; keep as is */
        n = 1;
    }
    for (k = 0; k < n; k++) {
        if (fold_emit(fb, dec[k], src) < 0) {
            return RG_ERROR;
        }
    }
    /* nothing written after a space leaves that space next to the word */
    if (!(fb->len == before && fb->in_space) && !rg_text__is_word_cp(cp) &&
        fold_odd_bytes(fb->out + before, fb->len - before)) {
        fb->odd = 1;
    }
    return RG_OK;
}

/*
 * Fold table: the folded form of U+0000..U+07FF and U+2000..U+206F (Latin,
 * Greek, Cyrillic, general punctuation), computed once with fold_char(), so
 * that the common non-ASCII characters of French text cost one lookup.
 */
#define FOLD_ODD 0xFD   /* odd (see HOW IT WORKS): fold_step, fold_odd_len */
#define FOLD_SPACE 0xFE /* folds to (part of) a space run */
#define FOLD_SLOW 0xFF  /* not tabulated: take fold_char() */
#define FOLD_TABLE_SIZE (0x800 + 0x70)

typedef struct {
    unsigned char len; /* 0..7 bytes, FOLD_SPACE or FOLD_SLOW */
    char s[7];
} fold_entry;

static fold_entry fold_table[FOLD_TABLE_SIZE];
static unsigned char fold_odd_len[FOLD_TABLE_SIZE]; /* the length of a FOLD_ODD fold */
static pthread_once_t fold_table_once = PTHREAD_ONCE_INIT;

static void fold_table_init(void)
{
    size_t t;

    for (t = 0; t < FOLD_TABLE_SIZE; t++) {
        int32_t cp = t < 0x800 ? (int32_t)t : (int32_t)(0x2000 + t - 0x800);
        char buf[64];
        fold_buf fb = { buf, NULL, 0, sizeof buf, 0, 0, 1, 0 };
        fold_entry *e = &fold_table[t];

        e->len = FOLD_SLOW;
        if (cp < 0x80) {
            continue; /* ASCII has its own inline path */
        }
        if (fold_is_space(cp)) {
            e->len = FOLD_SPACE;
            continue;
        }
        /* a stack buffer this large never grows for these characters */
        if (fold_char(&fb, cp, 0) < 0 || fb.len > sizeof e->s ||
            memchr(buf, ' ', fb.len) != NULL) {
            continue;
        }
        memcpy(e->s, buf, fb.len);
        e->len = (unsigned char)fb.len;
        if (!rg_text__is_word_cp(cp) && fold_odd_bytes(buf, fb.len)) {
            fold_odd_len[t] = e->len;
            e->len = FOLD_ODD;
        }
    }
}

static const fold_entry *fold_lookup(int32_t cp)
{
    if (cp < 0x800) {
        return &fold_table[cp];
    }
    if (cp >= 0x2000 && cp < 0x2070) {
        return &fold_table[0x800 + cp - 0x2000];
    }
    return NULL;
}

/*
 * ASCII classes for the fold's inner loop: the output byte for a byte that
 * is copied (lowered; '`' -> '\''), FOLD_A_SPACE for white space,
 * FOLD_A_NONASCII for lead and continuation bytes and for control
 * characters (fold_step drops them and marks the key odd; FOLD_A_DROP is
 * no class, only the bound of the copied bytes). Every copied output byte
 * is >= '!'.
 */
enum { FOLD_A_NONASCII = 0, FOLD_A_SPACE = 1, FOLD_A_DROP = 2 };
static unsigned char fold_ascii[256];

static void fold_ascii_init(void)
{
    int c;

    for (c = 0; c < 0x80; c++) {
        if (c == ' ' || (c >= 0x09 && c <= 0x0D)) {
            fold_ascii[c] = FOLD_A_SPACE;
        } else if (c < 0x20 || c == 0x7F) {
            fold_ascii[c] = FOLD_A_NONASCII; /* dropped by fold_step, odd */
        } else if (c >= 'A' && c <= 'Z') {
            fold_ascii[c] = (unsigned char)(c + ('a' - 'A'));
        } else {
            fold_ascii[c] = (unsigned char)(c == '`' ? '\'' : c);
        }
    }
}

#if FOLD_WIDE
/* The tables of text_fold_wide.h, with the fold of U+00C0..U+00FF when it
 * is one ASCII byte (0 for the longer ones: ß, æ, þ, ×, ÷). */
static void fold_wide_tables(void)
{
    unsigned char c3[64];
    int t;

    for (t = 0; t < 64; t++) {
        const fold_entry *e = &fold_table[0xC0 + t];
        int one = e->len == 1 && e->s[0] > ' ' && e->s[0] < 0x7F;
        c3[t] = one ? (unsigned char)e->s[0] : 0;
    }
    fold_wide_init(c3);
}
#endif

static void fold_tables_init(void)
{
    fold_ascii_init();
    fold_table_init();
#if FOLD_WIDE
    fold_wide = rg__cpu_level() >= RG_CPU_AVX2;
    fold_wide_tables();
#endif
}

#include "text_fold_block.h" /* fold_block, FOLD_BLOCK, FOLD_BLOCK_MAP */

/*
 * The fold table entry of the 2-byte character (U+0080..U+07FF) or of the
 * 3-byte one of U+2000..U+206F at p[j..end), with its length in *n; NULL
 * for any other byte sequence or one cut by `end` (fold_step decides).
 */
static RG_TEXT_INLINE const fold_entry *fold_short_char(const unsigned char *p, size_t j,
                                                       size_t end, size_t *n)
{
    unsigned c = p[j];

    if (c >= 0xC2 && c < 0xE0 && end - j >= 2 && (p[j + 1] & 0xC0) == 0x80) {
        *n = 2;
        return &fold_table[(c & 0x1F) << 6 | (p[j + 1] & 0x3F)];
    }
    if (c == 0xE2 && end - j >= 3 && (p[j + 1] == 0x80 || p[j + 1] == 0x81) &&
        (p[j + 2] & 0xC0) == 0x80) {
        unsigned t = 0x800 + ((p[j + 1] & 1u) << 6 | (p[j + 2] & 0x3Fu));
        *n = 3;
        return t < FOLD_TABLE_SIZE ? &fold_table[t] : NULL;
    }
    return NULL;
}

/* The 2-byte character at p[j..end) when its fold is at most 2 bytes and no
 * space (é -> e, œ -> oe, U+00AD -> ""), else NULL (fold_words takes it). */
static RG_TEXT_INLINE const fold_entry *fold_pair(const unsigned char *p, size_t j, size_t end)
{
    unsigned c = p[j];
    const fold_entry *e;

    if (c < 0xC2 || c >= 0xE0 || end - j < 2 || (p[j + 1] & 0xC0) != 0x80) {
        return NULL;
    }
    e = &fold_table[(c & 0x1F) << 6 | (p[j + 1] & 0x3F)];
    return e->len <= 2 ? e : NULL;
}

/* Folds the good bytes at p[j..end) into out[*o..] (map entries + base
 * when map is not NULL), see above, and the 2-byte characters of fold_pair
 * between them (French has an accented letter every 30 bytes or so: leaving
 * the loop for each cost more than the block). The last bytes before `end`
 * go through a copy padded with NUL (a bad byte) when `lim` (how far the
 * output room reaches, in input bytes) leaves room for a whole block.
 * Returns the input offset reached; updates *o and *sp. */
static RG_TEXT_INLINE size_t fold_words(char *out,              /* key storage */
                                       rg_kmap *map,           /* its map, or NULL */
                                       size_t base,            /* added to map entries */
                                       const unsigned char *p, /* input */
                                       size_t j,               /* input offset */
                                       size_t end,             /* input end (room checked) */
                                       size_t lim,             /* room bound (>= end) */
                                       size_t *o,              /* in/out: output offset */
                                       int *sp,                /* in/out: in a space run */
                                       int wide)               /* fold_block32 (constant) */
{
    size_t oo = *o, n;
    int s = *sp;
    unsigned char tail[FOLD_BLOCK];
    const fold_entry *e;

    (void)wide;
    while (j < end) {
        const unsigned char *q = p + j;
        size_t blk = FOLD_BLOCK;
#if FOLD_WIDE
        if (wide && end - j >= 32) {
            /* the blocks that fold whole, one after the other */
            while (fold_pairs32(out, map, j + base, p + j, &oo, &s)) {
                j += 32;
                if (end - j < 32) {
                    break;
                }
            }
            if (end - j < 32) {
                continue; /* the run's last bytes, or its end */
            }
            q = p + j;
            n = fold_block32(out, map, oo, j + base, q, s);
            blk = 32;
        } else if (wide && end >= 32 && lim - end >= 8 &&
                   fold_tail32(out, map, end - 32 + base, p + end - 32, end - j, &oo, &s)) {
            j = end; /* the run's last bytes, after a block that overlaps it */
            break;
        } else
#endif
        {
            if (end - j < FOLD_BLOCK) {
                if (lim - j < FOLD_BLOCK) {
                    break;
                }
                memset(tail, 0, sizeof tail);
                memcpy(tail, q, end - j);
                q = tail;
            }
            n = fold_block(out + oo, q, s);
            if (map) {
                FOLD_BLOCK_MAP(map + oo, j + base);
            }
        }
        if (n > 0) {
            s = q[n - 1] == ' ';
        }
        oo += n;
        j += n;
        if (n == blk) {
            continue;
        }
        if (j >= end || (e = fold_pair(p, j, end)) == NULL) {
            break;
        }
        out[oo] = e->s[0]; /* both written: 2 bytes consumed leave room */
        out[oo + 1] = e->s[1];
        if (map) {
            map[oo] = map[oo + 1] = (rg_kmap)(j + base);
        }
        oo += e->len;
        j += 2;
        s = 0; /* even for a dropped character, as fold_step */
    }
    *o = oo;
    *sp = s;
    return j;
}

/* Folds the run at p[*i..len) that fits in the buffer: ASCII bytes (white
 * space as one ' ' per run, as fold_space; control bytes dropped) and the
 * tabulated 2- and 3-byte characters whose fold is no longer than they
 * are (é -> e, ’ -> ', NBSP -> ' '); stops at any other character, for
 * fold_step. Returns the number of input bytes consumed. Good ASCII bytes
 * go through fold_words; the rest one at a time. */
static RG_TEXT_INLINE size_t fold_ascii_run(fold_buf *fb,           /* key being built */
                                           const unsigned char *p, /* input */
                                           size_t *i,              /* in/out: input offset */
                                           size_t len,             /* input length */
                                           int wide)               /* 32-byte blocks */
{
    size_t j = *i, o = fb->len, room = fb->cap - fb->len - 1;
    size_t end = len - j < room ? len : j + room, base = fb->base, lim = j + room;
    char *out = fb->out; /* locals: stores through out may alias fb */
    rg_kmap *map = fb->map;
    int sp = fb->in_space;

    /* a byte consumed writes at most one output byte, so `room` bounds both
     * (a block is written whole only where `lim` holds all of it) */
    while ((j = fold_words(out, map, base, p, j, end, lim, &o, &sp, wide)) < end) {
        unsigned char a = fold_ascii[p[j]];
        const fold_entry *e;
        size_t n, k;

        if (a != FOLD_A_NONASCII) {
            if (a > FOLD_A_DROP || (a == FOLD_A_SPACE && !sp)) {
                out[o] = a > FOLD_A_DROP ? (char)a : ' ';
                if (map) {
                    map[o] = (rg_kmap)(j + base);
                }
                o++;
                sp = a == FOLD_A_SPACE;
            }
            j++;
            continue;
        }
        /* a non-ASCII byte: inline when tabulated and short */
        if (!(e = fold_short_char(p, j, end, &n)) || (e->len > n && e->len != FOLD_SPACE)) {
            break;
        }
        if (e->len == FOLD_SPACE) {
            if (!sp) {
                out[o] = ' ';
                if (map) {
                    map[o] = (rg_kmap)(j + base);
                }
                o++;
            }
            sp = 1;
        } else {
            for (k = 0; k < e->len; k++) {
                out[o + k] = e->s[k];
                if (map) {
                    map[o + k] = (rg_kmap)(j + base);
                }
            }
            o += k;
            sp = 0; /* even for a dropped character, as fold_step */
        }
        j += n;
    }
    fb->len = o;
    fb->in_space = sp;
    o = j - *i;
    *i = j;
    return o;
}

#if FOLD_WIDE /* fold_ascii_run for AVX2 */
__attribute__((target("avx2"))) static size_t fold_ascii_run_wide(fold_buf *fb,
                                                                  const unsigned char *p,
                                                                  size_t *i, size_t len)
{
    return fold_ascii_run(fb, p, i, len, 1);
}
#define FOLD_RUN(fb, p, i, len)                                                                \
    (fold_wide ? fold_ascii_run_wide(fb, p, i, len) : fold_ascii_run(fb, p, i, len, 0))
#else
#define FOLD_RUN(fb, p, i, len) fold_ascii_run(fb, p, i, len, 0)
#endif

/* Folds the character at p[i] (not a plain ASCII byte); returns its input
 * length, or 0 on OOM. */
static size_t fold_step(fold_buf *fb, const unsigned char *p, size_t i, size_t len)
{
    int32_t cp;
    size_t n;
    const fold_entry *ent;

    if (p[i] < 0x80) {
        if (fold_ascii[p[i]] == FOLD_A_SPACE) {
            return fold_space(fb, i) < 0 ? 0 : 1;
        }
        fb->odd = 1; /* a control byte, dropped */
        return 1;
    }
    n = rg_text__utf8_decode((const char *)p + i, len - i, &cp);
    if (cp < 0) {
        /* invalid byte: a replacement character keeps the key valid */
        return fold_put(fb, "\xEF\xBF\xBD", 3, i) < 0 ? 0 : 1;
    }
    ent = fold_lookup(cp);
    if (ent && ent->len == FOLD_ODD) { /* as a tabulated fold below */
        fb->odd = 1;
        return fold_put(fb, ent->s, fold_odd_len[ent - fold_table], i) < 0 ? 0 : n;
    }
    if (ent && ent->len == FOLD_SPACE) {
        return fold_space(fb, i) < 0 ? 0 : n;
    }
    if (ent && ent->len != FOLD_SLOW) {
        if (fb->len + ent->len + 1 <= fb->cap) { /* inline fold_put */
            size_t k;
            for (k = 0; k < ent->len; k++) {
                if (fb->map) {
                    fb->map[fb->len] = (rg_kmap)(i + fb->base);
                }
                fb->out[fb->len++] = ent->s[k];
            }
            fb->in_space = 0;
            return n;
        }
        return fold_put(fb, ent->s, ent->len, i) < 0 ? 0 : n;
    }
    return fold_char(fb, cp, i) < 0 ? 0 : n;
}

/* Folds p[0..len) into fb (the whole input; fb->in_space as it is). */
static int fold_all(fold_buf *fb, const unsigned char *p, size_t len)
{
    size_t i = 0, n;

    /* HOW IT WORKS: runs of ASCII (letters, spaces, controls) go through a
     * word-at-a-time and a table-driven loop (fold_ascii_run); the
     * multi-byte characters take fold_step(). */
    while (i < len) {
        if (FOLD_RUN(fb, p, &i, len) > 0 || i >= len) {
            continue;
        }
        if (fb->len + 8 > fb->cap && fold_reserve(fb, 8) < 0) {
            return RG_ERROR;
        }
        if (p[i] < 0x80 && fold_ascii[p[i]] != FOLD_A_NONASCII) {
            continue; /* the run stopped for room only: go on */
        }
        if ((n = fold_step(fb, p, i, len)) == 0) {
            return RG_ERROR;
        }
        i += n;
    }
    return RG_OK;
}

void rg_text__fold_wide_set(int on)
{
    pthread_once(&fold_table_once, fold_tables_init);
#if FOLD_WIDE
    fold_wide = on && rg__cpu_level() >= RG_CPU_AVX2;
#else
    (void)on;
#endif
}

int rg_text_fold(char **out, size_t *out_len, size_t **map_out, const char *s, size_t len)
{
    return rg_text__fold_odd(out, out_len, map_out, s, len, NULL);
}

/* The longest part of a text that one fold_all takes when the caller wants
 * an 8-byte map (rg_kmap; tests lower it). */
static size_t fold_part_max = (size_t)1 << 30;

void rg_text__fold_part_set(size_t n)
{
    fold_part_max = n > 0 ? n : (size_t)1 << 30;
}

/* Folds p[0..len) part by part (fb: scratch with a 4-byte map; its odd
 * flag and in_space run on: the fold carries no other state from one
 * character to the next, and no character crosses a cut, rg_text__utf8_cut),
 * appending each part's key to *ko and its map, widened and shifted to
 * offsets in p, to *km; *kl: the length. */
static int fold_parts(fold_buf *fb, const unsigned char *p, size_t len, char **ko, size_t **km,
                      size_t *kl)
{
    size_t a = 0, b, n = 0, ocap = 0, mcap = 0;

    do {
        b = len - a <= fold_part_max ? len : rg_text__utf8_cut(p, a + fold_part_max, len);
        fb->len = 0;
        if (fold_all(fb, p + a, b - a) < 0 ||
            rg__vec_grow(ko, &ocap, n + fb->len + 1, 1) < 0 ||
            rg__vec_grow(km, &mcap, n + fb->len + 1, sizeof **km) < 0) {
            return RG_ERROR;
        }
        memcpy(*ko + n, fb->out, fb->len);
        rg_clean__kmap_widen(*km + n, fb->map, fb->len, a);
        n += fb->len;
        a = b;
    } while (a < len);
    (*ko)[n] = '\0';
    (*km)[n] = len;
    *kl = n;
    return RG_OK;
}

int rg_text__fold_odd(char **out, size_t *out_len, size_t **map_out, const char *s, size_t len,
                      int *odd)
{
    const unsigned char *p = (const unsigned char *)s;
    fold_buf fb = { NULL, NULL, 0, 0, 0, 0, 0, 0 };
    char *ko = NULL;
    size_t *km = NULL, kl = 0;
    int error = RG_OK;

    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(out_len);
    RG_ASSERT_ARG(s || len == 0);
    *out = NULL;
    *out_len = 0;
    if (!s) {
        p = (const unsigned char *)"";
    }
    if (map_out) {
        *map_out = NULL;
    }

    pthread_once(&fold_table_once, fold_tables_init);
    fb.cap = (map_out && len > fold_part_max ? fold_part_max : len) + 16;
    fb.out = rg__malloc(fb.cap);
    fb.map = map_out && fb.out ? rg__reallocarray(NULL, fb.cap, sizeof *fb.map) : NULL;
    if (!fb.out || (map_out && !fb.map)) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    if (map_out) {
        error = fold_parts(&fb, p, len, &ko, &km, &kl);
    } else if ((error = fold_all(&fb, p, len)) >= 0) {
        fb.out[fb.len] = '\0';
        ko = fb.out;
        kl = fb.len;
        fb.out = NULL;
    }
    if (error < 0) {
        goto cleanup;
    }
    *out = ko;
    *out_len = kl;
    ko = NULL;
    if (odd) {
        *odd = fb.odd;
    }
    if (map_out) {
        *map_out = km;
        km = NULL;
    }
cleanup:
    rg__free(ko);
    rg__free(km);
    rg__free(fb.out);
    rg__free(fb.map);
    return error;
}

int rg_clean__fold_into(clean_key *o, size_t at, const char *s, size_t len, size_t base,
                        size_t *end)
{
    fold_buf fb = { o->p, o->map, at, o->cap, base, 0, 0, 0 };
    int error;

    pthread_once(&fold_table_once, fold_tables_init);
    /* room for the whole line up front: the ASCII runs never stop for it */
    error = fold_reserve(&fb, len + 16);
    if (error >= 0) {
        error = fold_all(&fb, (const unsigned char *)s, len);
    }
    o->p = fb.out; /* the buffers may have moved, even on failure */
    o->map = fb.map;
    o->cap = fb.cap;
    o->odd |= fb.odd;
    *end = fb.len;
    return error;
}
