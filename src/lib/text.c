/* SPDX-License-Identifier: MIT */
/*
 * Text decoding and folding: raw bytes -> NFC UTF-8 with LF line ends
 * (UTF-8, Windows-1252 fallback, UTF-16 with BOM), a strict UTF-8
 * validator, and the match-key fold (casefold, accents stripped, quotes,
 * dashes and spaces unified) with a byte map back to the folded text.
 * The only file besides clean.c in the text module; the only one that
 * includes <utf8proc.h>.
 */
#include <pthread.h> /* pthread_once */
#include <string.h>  /* memcpy, memset, strlen */

#include <utf8proc.h> /* utf8proc_iterate, utf8proc_decompose_char,
                         utf8proc_decompose, utf8proc_reencode,
                         utf8proc_category, utf8proc_errmsg,
                         utf8proc_get_property */

#include <relgraph/text.h>
#include "common.h"
#include "text_internal.h"

/* ------------------------------------------------------------------ */
/* UTF-8 validation                                                    */
/* ------------------------------------------------------------------ */

/*
 * Length of the valid UTF-8 sequence starting at p[0] (1..4), or 0 when it
 * is invalid (bad lead byte, truncated, overlong, surrogate, > U+10FFFF).
 */
static size_t utf8_seq_len(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0];

    if (c < 0x80) {
        return 1;
    }
    if (c < 0xC2) {
        return 0; /* continuation byte or overlong 2-byte lead */
    }
    if (c < 0xE0) {
        return (avail >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    }
    if (c < 0xF0) {
        if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) {
            return 0;
        }
        if (c == 0xE0 && p[1] < 0xA0) {
            return 0; /* overlong */
        }
        if (c == 0xED && p[1] >= 0xA0) {
            return 0; /* surrogate */
        }
        return 3;
    }
    if (c < 0xF5) {
        if (avail < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80) {
            return 0;
        }
        if (c == 0xF0 && p[1] < 0x90) {
            return 0; /* overlong */
        }
        if (c == 0xF4 && p[1] >= 0x90) {
            return 0; /* > U+10FFFF */
        }
        return 4;
    }
    return 0;
}

int rg_text_utf8_valid(const char *buf, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t i = 0;

    while (i < len) {
        size_t n;
        /* ASCII fast path, 8 bytes at a time */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & UINT64_C(0x8080808080808080)) {
                break;
            }
            i += 8;
        }
        if (i >= len) {
            break;
        }
        n = utf8_seq_len(p + i, len - i);
        if (n == 0) {
            if (bad_offset) {
                *bad_offset = i;
            }
            return 0;
        }
        i += n;
    }
    if (bad_offset) {
        *bad_offset = len;
    }
    return 1;
}

static size_t utf8_encode(unsigned char *dst, int32_t cp)
{
    if (cp < 0x80) {
        dst[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        dst[0] = (unsigned char)(0xC0 | (cp >> 6));
        dst[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        dst[0] = (unsigned char)(0xE0 | (cp >> 12));
        dst[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        dst[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    dst[0] = (unsigned char)(0xF0 | (cp >> 18));
    dst[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    dst[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    dst[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t rg_text__utf8_encode(unsigned char *dst, int32_t cp)
{
    return utf8_encode(dst, cp);
}

size_t rg_text__utf8_decode_slow(const char *s, size_t len, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t n;

    n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)n;
}

int rg_text__is_word_cp(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------------ */
/* Fold                                                                */
/* ------------------------------------------------------------------ */

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
 */

typedef struct {
    char *out;
    size_t *map; /* NULL when the caller does not want it */
    size_t len;
    size_t cap;
    int in_space; /* the last byte written was a folded space */
    int fixed;    /* out is caller storage of size cap: never grow it */
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
        size_t *nm = rg__reallocarray(fb->map, ncap, sizeof *nm);
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
            fb->map[fb->len] = src;
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
    return fold_put(fb, (const char *)enc, utf8_encode(enc, c), src);
}

/* Folds one non-ASCII character `cp` read at offset `src`. */
static int fold_char(fold_buf *fb, /* key being built */
                     int32_t cp,   /* non-ASCII input character */
                     size_t src)   /* its input offset */
{
    utf8proc_int32_t dec[32];
    utf8proc_ssize_t n, k;
    int last_bound = 0;

    if (fold_is_space(cp) || fold_special(cp)) {
        return fold_emit(fb, cp, src);
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
    return RG_OK;
}

/*
 * Fold table: the folded form of U+0000..U+07FF and U+2000..U+206F (Latin,
 * Greek, Cyrillic, general punctuation), computed once with fold_char(), so
 * that the common non-ASCII characters of French text cost one lookup.
 */
#define FOLD_SPACE 0xFE /* folds to (part of) a space run */
#define FOLD_SLOW 0xFF  /* not tabulated: take fold_char() */
#define FOLD_TABLE_SIZE (0x800 + 0x70)

typedef struct {
    unsigned char len; /* 0..7 bytes, FOLD_SPACE or FOLD_SLOW */
    char s[7];
} fold_entry;

static fold_entry fold_table[FOLD_TABLE_SIZE];
static pthread_once_t fold_table_once = PTHREAD_ONCE_INIT;

static void fold_table_init(void)
{
    size_t t;

    for (t = 0; t < FOLD_TABLE_SIZE; t++) {
        int32_t cp = t < 0x800 ? (int32_t)t : (int32_t)(0x2000 + t - 0x800);
        char buf[64];
        fold_buf fb = { buf, NULL, 0, sizeof buf, 0, 1 };
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
 * FOLD_A_DROP for control characters, FOLD_A_NONASCII for lead and
 * continuation bytes. Every copied output byte is >= '!'.
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
            fold_ascii[c] = FOLD_A_DROP;
        } else if (c >= 'A' && c <= 'Z') {
            fold_ascii[c] = (unsigned char)(c + ('a' - 'A'));
        } else {
            fold_ascii[c] = (unsigned char)(c == '`' ? '\'' : c);
        }
    }
}

static void fold_tables_init(void)
{
    fold_ascii_init();
    fold_table_init();
}

/* Copies the run of plain ASCII bytes at p[*i..len) that fits in the
 * buffer; returns the number of bytes copied. */
static size_t fold_ascii_run(fold_buf *fb,            /* key being built */
                             const unsigned char *p,  /* input */
                             size_t *i,               /* in/out: input offset */
                             size_t len)              /* input length */
{
    size_t j = *i, o = fb->len, room = fb->cap - fb->len - 1;
    size_t end = len - j < room ? len : j + room;
    unsigned char a;

    if (fb->map) {
        while (j < end && (a = fold_ascii[p[j]]) > FOLD_A_DROP) {
            fb->out[o] = (char)a;
            fb->map[o++] = j++;
        }
    } else {
        while (j < end && (a = fold_ascii[p[j]]) > FOLD_A_DROP) {
            fb->out[o++] = (char)a;
            j++;
        }
    }
    o -= fb->len;
    if (o) {
        fb->len += o;
        fb->in_space = 0;
    }
    *i = j;
    return o;
}

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
        return 1; /* FOLD_A_DROP */
    }
    n = rg_text__utf8_decode((const char *)p + i, len - i, &cp);
    if (cp < 0) {
        /* invalid byte: a replacement character keeps the key valid */
        return fold_put(fb, "\xEF\xBF\xBD", 3, i) < 0 ? 0 : 1;
    }
    ent = fold_lookup(cp);
    if (ent && ent->len == FOLD_SPACE) {
        return fold_space(fb, i) < 0 ? 0 : n;
    }
    if (ent && ent->len != FOLD_SLOW) {
        if (fb->len + ent->len + 1 <= fb->cap) { /* inline fold_put */
            size_t k;
            for (k = 0; k < ent->len; k++) {
                if (fb->map) {
                    fb->map[fb->len] = i;
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

int rg_text_fold(char **out, size_t *out_len, size_t **map_out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    fold_buf fb = { NULL, NULL, 0, 0, 0, 0 };
    size_t i = 0;
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
    fb.cap = len + 16;
    fb.out = rg__malloc(fb.cap);
    if (!fb.out) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    if (map_out) {
        fb.map = rg__reallocarray(NULL, fb.cap, sizeof *fb.map);
        if (!fb.map) {
            rg__error_set_oom();
            error = RG_ERROR;
            goto cleanup;
        }
    }

    /* HOW IT WORKS: runs of plain ASCII are copied by a table-driven loop
     * (one lookup and one or two stores a byte); anything else (spaces,
     * controls, multi-byte characters) takes fold_step(). */
    while (i < len) {
        size_t n;

        if (fold_ascii_run(&fb, p, &i, len) > 0 || i >= len) {
            continue;
        }
        if (fb.len + 8 > fb.cap && fold_reserve(&fb, 8) < 0) {
            error = RG_ERROR;
            goto cleanup;
        }
        if (fold_ascii[p[i]] > FOLD_A_DROP) {
            continue; /* the run stopped for room only: go on */
        }
        if ((n = fold_step(&fb, p, i, len)) == 0) {
            error = RG_ERROR;
            goto cleanup;
        }
        i += n;
    }
    fb.out[fb.len] = '\0';
    if (fb.map) {
        fb.map[fb.len] = len;
    }

    *out = fb.out;
    *out_len = fb.len;
    fb.out = NULL;
    if (map_out) {
        *map_out = fb.map;
        fb.map = NULL;
    }
cleanup:
    rg__free(fb.out);
    rg__free(fb.map);
    return error;
}

/* ------------------------------------------------------------------ */
/* Decode                                                              */
/* ------------------------------------------------------------------ */

/* Windows-1252 bytes 0x80..0x9F; 0xFFFD for the five undefined bytes. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

int32_t rg_text__cp1252(unsigned char b)
{
    if (b >= 0x80 && b < 0xA0) {
        return cp1252_high[b - 0x80];
    }
    return b;
}

/* Bytes -> UTF-8 as Windows-1252. Output is at most 3 bytes per input byte. */
static int decode_cp1252(char **out,             /* out: UTF-8, rg__malloc */
                         size_t *out_len,        /* out: its length */
                         const unsigned char *p, /* Windows-1252 bytes */
                         size_t len)             /* their count */
{
    unsigned char *d;
    size_t i, n = 0;

    if (len > (SIZE_MAX - 1) / 3) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    d = rg__malloc(len * 3 + 1);
    if (!d) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < len; i++) {
        int32_t cp = p[i];
        if (cp >= 0x80 && cp < 0xA0) {
            cp = cp1252_high[cp - 0x80];
        }
        n += utf8_encode(d + n, cp);
    }
    d[n] = '\0';
    *out = (char *)d;
    *out_len = n;
    return RG_OK;
}

/*
 * UTF-16 (after the BOM) -> UTF-8. `base` is the BOM length, so that the
 * offset in an error message is an offset in the bytes as read.
 */
static int decode_utf16(char **out,             /* out: UTF-8, rg__malloc */
                        size_t *out_len,        /* out: its length */
                        const unsigned char *p, /* code units, BOM skipped */
                        size_t len,             /* bytes at p */
                        int big_endian,         /* 1 for UTF-16BE */
                        size_t base)            /* offset of p in the input */
{
    unsigned char *d = NULL;
    size_t i = 0, n = 0;
    int error = RG_OK;

    if (len % 2) {
        rg__error_set(RG_EENCODING, "UTF-16 input: odd byte count, truncated code unit at byte %zu",
                      base + len - 1);
        error = RG_EENCODING;
        goto cleanup;
    }
    /* a code unit (2 bytes) yields at most 3 UTF-8 bytes; a pair, 4 */
    d = rg__malloc(len / 2 * 3 + 1);
    if (!d) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    while (i < len) {
        uint32_t u = big_endian ? ((uint32_t)p[i] << 8 | p[i + 1])
                                : ((uint32_t)p[i + 1] << 8 | p[i]);
        int32_t cp = (int32_t)u;

        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t lo;
            if (i + 4 > len) {
                goto unpaired;
            }
            lo = big_endian ? ((uint32_t)p[i + 2] << 8 | p[i + 3])
                            : ((uint32_t)p[i + 3] << 8 | p[i + 2]);
            if (lo < 0xDC00 || lo > 0xDFFF) {
                goto unpaired;
            }
            cp = (int32_t)(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
            i += 2;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            goto unpaired;
        }
        n += utf8_encode(d + n, cp);
        i += 2;
    }
    d[n] = '\0';
    *out = (char *)d;
    *out_len = n;
    d = NULL;
    goto cleanup;
unpaired:
    rg__error_set(RG_EENCODING, "UTF-16 input: unpaired surrogate at byte %zu", base + i);
    error = RG_EENCODING;
cleanup:
    rg__free(d);
    return error;
}

/*
 * In place: CRLF and lone CR -> LF, NUL bytes dropped (counted in *nuls).
 * Returns the new length; d[new length] is set to NUL.
 */
static size_t decode_newlines(char *d, size_t len, size_t *nuls)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++) {
        char c = d[i];
        if (c == '\r') {
            if (i + 1 < len && d[i + 1] == '\n') {
                continue;
            }
            c = '\n';
        } else if (c == '\0') {
            (*nuls)++;
            continue;
        }
        d[n++] = c;
    }
    d[n] = '\0';
    return n;
}

/*
 * NFC quick check (conservative): 1 when no character of valid UTF-8 `s`
 * can change under NFC, i.e. every code point is below U+0300, or has
 * combining class 0, no canonical decomposition and no part in any
 * composition (Hangul is always sent to utf8proc). French news text passes,
 * so decoding skips the costly normalisation for it.
 */
static int decode_nfc_quick(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        const utf8proc_property_t *pr;
        utf8proc_int32_t cp;
        utf8proc_ssize_t n;

        if (p[i] < 0xCC) { /* ASCII, or a 2-byte character below U+0300 */
            i += p[i] < 0x80 ? 1 : 2;
            continue;
        }
        n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            return 0;
        }
        i += (size_t)n;
        if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3)) {
            return 0;
        }
        pr = utf8proc_get_property(cp);
        if (pr->combining_class != 0 || pr->comb_index != UINT16_MAX ||
            (pr->decomp_seqindex != UINT16_MAX && pr->decomp_type == 0)) {
            return 0;
        }
    }
    return 1;
}

/*
 * Valid UTF-8 `s` -> NFC, in a buffer from rg__malloc. utf8proc_map()
 * would allocate with malloc and escape the test allocator, so this does
 * what it does by hand: decompose into a UTF-32 buffer, then reencode
 * (which normalises and composes) in place.
 */
static int decode_nfc(char **out,      /* out: NFC text, rg__malloc */
                      size_t *out_len, /* out: its length */
                      const char *s,   /* valid UTF-8 */
                      size_t len)      /* its length */
{
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    utf8proc_int32_t *buf = NULL;
    utf8proc_ssize_t n;
    int error = RG_OK;

    n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, NULL, 0, opt);
    if (n < 0) {
        rg__error_set(RG_EENCODING, "NFC normalisation failed: %s", utf8proc_errmsg(n));
        error = RG_EENCODING;
        goto cleanup;
    }
    buf = rg__reallocarray(NULL, (size_t)n + 1, sizeof *buf);
    if (!buf) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, buf, n, opt);
    if (n >= 0) {
        n = utf8proc_reencode(buf, n, opt);
    }
    if (n < 0) {
        rg__error_set(RG_EENCODING, "NFC normalisation failed: %s", utf8proc_errmsg(n));
        error = RG_EENCODING;
        goto cleanup;
    }
    /* reencode wrote UTF-8 bytes (NUL-terminated) over the buffer */
    *out = (char *)buf;
    *out_len = (size_t)n;
    buf = NULL;
cleanup:
    rg__free(buf);
    return error;
}

int rg_text_decode(char **out, size_t *out_len, rg_decode_info *info, const char *buf,
                   size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;
    rg_decode_info inf;
    char *d = NULL, *nfc = NULL;
    size_t dlen = 0, bad = 0;
    int error = RG_OK;

    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(out_len);
    RG_ASSERT_ARG(buf || len == 0);
    *out = NULL;
    *out_len = 0;
    if (!buf) {
        buf = "";
        p = (const unsigned char *)buf;
    }
    memset(&inf, 0, sizeof inf);
    inf.encoding = RG_ENC_UTF8;

    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        inf.encoding = RG_ENC_UTF16;
        inf.had_bom = 1;
        error = decode_utf16(&d, &dlen, p + 2, len - 2, p[0] == 0xFE, 2);
    } else {
        size_t skip = 0;
        if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
            inf.had_bom = 1;
            skip = 3;
        }
        if (rg_text_utf8_valid(buf + skip, len - skip, &bad)) {
            d = rg__strndup(buf + skip, len - skip);
            dlen = len - skip;
            if (!d) {
                rg__error_set_oom();
                error = RG_ERROR;
            }
        } else {
            inf.encoding = RG_ENC_CP1252;
            inf.invalid_offset = skip + bad;
            error = decode_cp1252(&d, &dlen, p + skip, len - skip);
        }
    }
    if (error < 0) {
        goto cleanup;
    }
    dlen = decode_newlines(d, dlen, &inf.nul_bytes);
    if (!decode_nfc_quick(d, dlen)) {
        error = decode_nfc(&nfc, &dlen, d, dlen);
        if (error < 0) {
            goto cleanup;
        }
        rg__free(d);
        d = nfc;
        nfc = NULL;
    }
    if (info) {
        *info = inf;
    }
    *out = d;
    *out_len = dlen;
    d = NULL;
cleanup:
    rg__free(d);
    rg__free(nfc);
    return error;
}
