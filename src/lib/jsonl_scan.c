/* SPDX-License-Identifier: MIT */
/*
 * Fast path of the JSON Lines reader (see jsonl_scan.h): one strict pass
 * over a line that validates all of it like jansson would and unescapes only
 * the wanted top-level string members. Anything unusual returns
 * RG_JSCAN_FALLBACK so that jansson handles (and reports) the line.
 *
 * Strings are scanned eight bytes at a time while they hold only plain ASCII
 * (no quote, backslash, control byte or byte >= 0x80), or with AVX2 64 bytes
 * at a time while they hold plain ASCII and 2-byte sequences (leads C2..CB),
 * a wanted string copied by the blocks as they go, its escaped quotes,
 * backslashes and slashes unescaped without leaving them;
 * other UTF-8 sequences are checked byte by byte as jansson does (no
 * overlongs, no surrogates, nothing above U+10FFFF). Object keys are
 * compared raw, so a key with an escape falls back (jansson would compare
 * the unescaped keys).
 */
#include <string.h> /* memcpy, memcmp */

#include "common.h"
#include "jsonl_scan.h"
#include "text_internal.h" /* rg_text__utf8_seq_len, RG_TEXT_WIDE, RG_TEXT_INLINE */

/* AVX2 string blocks (str_blocks_wide) where RG_TEXT_WIDE allows them
 * (builds without SSE2 keep the SWAR loop alone); taken when
 * rg__cpu_level() allows them (cpu.h), asked once a line. */
#if defined(__SSE2__) && RG_TEXT_WIDE
#define JSCAN_WIDE 1
#else
#define JSCAN_WIDE 0
#endif

typedef struct {
    const char *p, *end;
    const char *const *keys;
    size_t n_keys;
    const rg_jscan_keys *kt; /* keys and n_keys, measured */
    rg_jscan_value *vals;
    char *out;      /* scratch: unescaped strings, room for the whole line */
    size_t out_len;
    unsigned flags; /* RG_JSCAN_C0 | RG_JSCAN_NOT_NFC of the string being scanned */
    struct {
        const char *k;
        size_t n;
    } seen[RG_JSCAN_MAX_KEYS]; /* keys of the open objects, innermost last */
    size_t n_seen;
    uint64_t wanted_seen; /* bit i: a member named keys[i] was seen (depth 1) */
    int wide;       /* str_blocks_wide may run (AVX2) */
} jscan;

#define SWAR_ONES 0x0101010101010101ULL
#define SWAR_HIGH 0x8080808080808080ULL

/*
 * Nonzero when one of the 8 bytes of w needs a closer look in a string:
 * '"', '\\', a control byte (< 0x20) or a byte >= 0x80. A plain byte
 * (0x20..0x7F, neither '"' nor '\\') sets no high bit in any term: q and b
 * are 0x01..0x7F there, minus 1 stays below 0x80, and so does w - 0x20. The
 * usual "& ~x" of the zero-byte test is not needed: a term whose high bit it
 * would clear belongs to a byte >= 0x80, flagged by "| w" anyway.
 */
static inline uint64_t swar_special(uint64_t w)
{
    uint64_t q = w ^ (SWAR_ONES * '"'), b = w ^ (SWAR_ONES * '\\');
    return ((q - SWAR_ONES) | (b - SWAR_ONES) | (w - SWAR_ONES * 0x20) | w) & SWAR_HIGH;
}


#if JSCAN_WIDE
#include "jsonl_scan_wide.h" /* str_blocks_wide */
#endif

/* JSON white space but the line feed: the scanner reads one line, and may
 * be handed the bytes after it (rg_jsonl_scan_line), so a raw LF ends the
 * line wherever it is (between tokens: a fallback, like one in a string). */
static inline void skip_ws(jscan *s)
{
    const uint64_t ws = 1ull << ' ' | 1ull << '\t' | 1ull << '\r'; /* one bit test */

    while (s->p < s->end && (unsigned char)*s->p <= ' ' && (ws >> (unsigned char)*s->p & 1u)) {
        s->p++;
    }
}

static int hex4(const unsigned char *p, unsigned *out)
{
    unsigned v = 0;
    int i;

    for (i = 0; i < 4; i++) {
        unsigned c = p[i], d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            d = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            d = c - 'A' + 10;
        } else {
            return 0;
        }
        v = v << 4 | d;
    }
    *out = v;
    return 1;
}

static size_t utf8_put(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Appends line bytes [from, to) to the scratch (room was reserved for the line). */
static void scan_copy(jscan *s, const unsigned char *from, const unsigned char *to)
{
    size_t n = (size_t)(to - from);

    memcpy(s->out + s->out_len, from, n);
    s->out_len += n;
}

/*
 * A \uXXXX escape at *pp, or a surrogate pair of two: the code point goes to
 * the scratch as UTF-8 with `want`, and *pp moves past it. 1 ok, 0 fall back.
 */
static int scan_u_escape(jscan *s, const unsigned char **pp, const unsigned char *end,
                         int want)
{
    const unsigned char *p = *pp;
    unsigned cp, lo;

    if (end - p < 6 || !hex4(p + 2, &cp)) {
        return 0;
    }
    p += 6;
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return 0; /* lone low surrogate */
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, &lo) ||
            lo < 0xDC00 || lo > 0xDFFF) {
            return 0; /* unpaired high surrogate */
        }
        p += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    if (want) {
        s->out_len += utf8_put(s->out + s->out_len, cp);
    }
    s->flags |= (cp < 0x20 && cp != '\t' && cp != '\n' ? RG_JSCAN_C0 : 0) |
                (cp >= 0x300 && !rg_text__nfc_stable((int32_t)cp) ? RG_JSCAN_NOT_NFC : 0);
    *pp = p;
    return 1;
}

/*
 * The escape at *pp (a backslash with at least one byte after it): its value
 * goes to the scratch with `want`, and *pp moves past it. 1 ok, 0 fall back.
 */
static int scan_escape(jscan *s, const unsigned char **pp, const unsigned char *end, int want)
{
    const unsigned char *p = *pp;
    unsigned c;

    switch (p[1]) {
    case '"': case '\\': case '/': c = p[1]; break;
    case 'b': c = '\b'; s->flags |= RG_JSCAN_C0; break;
    case 'f': c = '\f'; s->flags |= RG_JSCAN_C0; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; s->flags |= RG_JSCAN_C0; break;
    case 't': c = '\t'; break;
    case 'u':
        return scan_u_escape(s, pp, end, want);
    default:
        return 0;
    }
    if (want) {
        s->out[s->out_len++] = (char)c;
    }
    *pp = p + 2;
    return 1;
}

/*
 * Moves p past plain ASCII, 8 bytes a step: to the first byte that may
 * need a closer look in a string, or to a point less than 8 bytes before
 * end.
 */
static inline const unsigned char *skip_plain(const unsigned char *p, const unsigned char *end)
{
    while (end - p >= 8) {
        uint64_t w, m;
        memcpy(&w, p, 8);
        if ((m = swar_special(w)) != 0) {
            return p + RG_TEXT_FIRST_FLAG(m);
        }
        p += 8;
    }
    return p;
}

/*
 * RG_JSCAN_NOT_NFC for the valid sequence p[0..n) whose lead is 0xCC or
 * more (U+0300 and above): the code point may change under NFC. Such
 * characters are rare in French text (’, «, €... are stable), and once a
 * string is flagged the check is skipped.
 */
static unsigned seq_nfc_flag(const unsigned char *p, size_t n)
{
    int32_t cp;

    rg_text__utf8_decode((const char *)p, n, &cp);
    return rg_text__nfc_stable(cp) ? 0 : RG_JSCAN_NOT_NFC;
}

/*
 * A string; s->p is just past the opening quote. With `want`, the value goes
 * to *ptr and *len (into the line when it has no escapes, else into the
 * scratch), its RG_JSCAN_* flags to s->flags. `is_key`: escapes are refused.
 * `wide`: plain runs are skipped by the AVX2 blocks, which copy a wanted
 * string to the scratch as they go (str_blocks_wide; the copy is dropped
 * when the string has no escape). Their 64-byte stores fit: the scratch
 * holds the line's length, and what it holds before out_len came from
 * line bytes before p (unescaping never lengthens), so out_len + 64 is at
 * most the offset of p + 64, at most the line's end. 1 ok, 0 fall back.
 */
static RG_TEXT_INLINE int scan_string_body(jscan *s, int want, int is_key, const char **ptr,
                                         size_t *len, int wide)
{
    const unsigned char *p = (const unsigned char *)s->p;
    const unsigned char *end = (const unsigned char *)s->end;
    const unsigned char *start = p, *seg = p;
    size_t o0 = s->out_len;
    int escaped = 0;

    s->flags = 0;
    for (;;) {
        unsigned c;

#if JSCAN_WIDE
        if (wide && end - p >= 64) {
            size_t o = s->out_len; /* without want, the copy is not kept */
            if (want && seg != p) {
                scan_copy(s, seg, p); /* the bytes the byte path went past */
            }
            p = str_blocks_wide(p, end, s->out, want ? &s->out_len : &o, &escaped);
            seg = p;
        }
#else
        (void)wide;
#endif
        p = skip_plain(p, end);
        if (p >= end) {
            return 0;
        }
        c = *p;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            p++;
            continue;
        }
        if (c == '"') {
            break;
        }
        if (c >= 0xC2 && c < 0xCC && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
            p += 2; /* a 2-byte sequence below U+0300 ("é"), the usual case */
            continue;
        }
        if (c >= 0x80) {
            size_t n = rg_text__utf8_seq_len(p, (size_t)(end - p));
            if (!n) {
                return 0;
            }
            if (c >= 0xCC && !(s->flags & RG_JSCAN_NOT_NFC)) {
                s->flags |= seq_nfc_flag(p, n);
            }
            p += n;
            continue;
        }
        if (c != '\\' || is_key || end - p < 2) {
            return 0; /* control byte, escaped key, cut escape */
        }
        if (want) {
            scan_copy(s, seg, p);
        }
        escaped = 1;
        if (!scan_escape(s, &p, end, want)) {
            return 0;
        }
        seg = p;
    }
    /* p is on the closing quote */
    if (want) {
        if (escaped) {
            scan_copy(s, seg, p);
            *ptr = s->out + o0;
            *len = s->out_len - o0;
        } else {
            s->out_len = o0; /* what str_blocks_wide copied is not needed */
            *ptr = (const char *)start;
            *len = (size_t)(p - start);
        }
    }
    s->p = (const char *)p + 1;
    return 1;
}

/* scan_string_body compiled twice: for any machine, and for AVX2 with the
 * blocks inlined by `flatten` (their constants then set once a string, not
 * once an escape). Keys are short: they keep the word loop. */
static int scan_string_plain(jscan *s, int want, int is_key, const char **ptr, size_t *len)
{
    return scan_string_body(s, want, is_key, ptr, len, 0);
}

#if JSCAN_WIDE
__attribute__((target("avx2"), flatten)) static int scan_string_wide(jscan *s, int want,
                                                                     const char **ptr,
                                                                     size_t *len)
{
    return scan_string_body(s, want, 0, ptr, len, 1);
}
#endif

static inline int scan_string(jscan *s, int want, int is_key, const char **ptr, size_t *len)
{
#if JSCAN_WIDE
    if (s->wide && !is_key) {
        return scan_string_wide(s, want, ptr, len);
    }
#endif
    return scan_string_plain(s, want, is_key, ptr, len);
}

static int digits(jscan *s)
{
    const char *q = s->p;
    while (s->p < s->end && *s->p >= '0' && *s->p <= '9') {
        s->p++;
    }
    return (int)(s->p - q > 1000 ? 1000 : s->p - q);
}

/*
 * A number, JSON grammar; falls back when jansson might find it too big:
 * integers of more than 18 digits, reals with more than 200 integer digits
 * or an exponent of more than 2 digits.
 */
static int scan_number(jscan *s)
{
    int nint, nexp;
    int real = 0;

    if (*s->p == '-') {
        s->p++;
    }
    if (s->p >= s->end) {
        return 0;
    }
    if (*s->p == '0') {
        s->p++;
        nint = 1;
    } else if (*s->p >= '1' && *s->p <= '9') {
        nint = digits(s);
    } else {
        return 0;
    }
    if (s->p < s->end && *s->p == '.') {
        s->p++;
        if (digits(s) == 0) {
            return 0;
        }
        real = 1;
    }
    if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
        s->p++;
        if (s->p < s->end && (*s->p == '+' || *s->p == '-')) {
            s->p++;
        }
        if ((nexp = digits(s)) == 0 || nexp > 2) {
            return 0;
        }
        real = 1;
    }
    return real ? nint <= 200 : nint <= 18;
}

static int literal(jscan *s, const char *word, size_t n)
{
    if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0) {
        return 0;
    }
    s->p += n;
    return 1;
}

/* After an element or member: 1 past the ',' (and white space) when another
 * follows, 0 past `close` at the end of the container, -1 on anything else. */
static int scan_next(jscan *s, char close)
{
    skip_ws(s);
    if (s->p >= s->end || (*s->p != close && *s->p != ',')) {
        return -1;
    }
    if (*s->p++ == close) {
        return 0;
    }
    skip_ws(s);
    return 1;
}

static int scan_value(jscan *s, int depth);

/* 1 when the NUL-terminated name `want` is the key k[0..kn), which holds no
 * NUL byte (keys with control bytes or escapes fall back): the loop stops at
 * the first difference, the name's NUL included, without a strlen. */
static int key_is(const char *want, const char *k, size_t kn)
{
    size_t i;

    for (i = 0; i < kn; i++) {
        if (want[i] != k[i]) {
            return 0;
        }
    }
    return want[kn] == '\0';
}

void rg_jscan_keys_init(rg_jscan_keys *k, const char *const *names, size_t n)
{
    size_t i, j;

    k->names = names;
    k->n = n;
    k->plain = 0;
    for (i = 0; i < n && i < 64; i++) {
        const char *w = names[i];
        for (j = 0; w[j]; j++) {
            unsigned char c = (unsigned char)w[j];
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                break;
            }
        }
        k->len[i] = j;
        k->first[i] = j ? (unsigned char)w[0] : '"';
        if (j < 8) { /* bytes in memory order: the same whatever the endianness */
            unsigned char wb[8] = { 0 }, mb[8] = { 0 };
            memcpy(wb, w, j);
            wb[j] = '"';
            memset(mb, 0xFF, j + 1);
            memcpy(&k->word[i], wb, 8);
            memcpy(&k->mask[i], mb, 8);
        }
        if (!w[j]) {
            k->plain |= (uint64_t)1 << i;
        }
    }
    if (n > 64) {
        k->plain = 0; /* the wanted keys are then tracked in seen[] (scan_key) */
    }
}

/* The plain name i when the line at p holds it raw, followed by a quote:
 * the line's key is then that name, unescaped. */
static int key_plain(const rg_jscan_keys *k, size_t i, const char *p, const char *end)
{
    size_t n = k->len[i];

    if (n < 8 && end - p >= 8) { /* a short name: one load and compare */
        uint64_t w;
        memcpy(&w, p, 8);
        return (w & k->mask[i]) == k->word[i];
    }
    return (size_t)(end - p) > n && (unsigned char)p[0] == k->first[i] &&
           memcmp(p, k->names[i], n) == 0 && p[n] == '"';
}

/* Marks wanted name i seen in the line's object: 0 when it was already
 * (a duplicate key: jansson rejects the line), else 1. */
static int wanted_once(jscan *s, size_t i)
{
    if (s->wanted_seen >> i & 1) {
        return 0;
    }
    s->wanted_seen |= (uint64_t)1 << i;
    return 1;
}

/*
 * The key of a member of an object at `depth` whose keys start at
 * seen[base] (s->p just past its opening quote) into *k, *kn, and at depth
 * 1 *want, the first wanted name it is (-1: none). A wanted name in plain
 * ASCII is compared with the line's bytes first (key_plain): when they
 * hold it, the key is valid as it stands and its duplicate is known by a
 * bit of wanted_seen, so the key is neither scanned nor compared with the
 * other names and keys (five in a news line: 600 instructions). Other keys
 * are scanned, compared with the keys seen in the object, and recorded.
 * 1 ok, 0 fall back.
 */
static int scan_key(jscan *s, int depth, size_t base, const char **k, size_t *kn, int *want)
{
    size_t i, n;
    uint64_t m;

    *want = -1;
    for (m = depth == 1 ? s->kt->plain : 0; m; m &= m - 1) {
        i = rg__ctz64(m); /* in the names' order: the first that matches */
        if (key_plain(s->kt, i, s->p, s->end)) {
            n = s->kt->len[i];
            *k = s->p;
            *kn = n;
            s->p += n + 1;
            *want = (int)i;
            return wanted_once(s, i);
        }
    }
    if (!scan_string(s, 1, 1, k, kn)) {
        return 0;
    }
    for (i = base; i < s->n_seen; i++) {
        if (s->seen[i].n == *kn && memcmp(s->seen[i].k, *k, *kn) == 0) {
            return 0; /* duplicate key: jansson rejects the line */
        }
    }
    if (s->n_seen >= RG_JSCAN_MAX_KEYS) {
        return 0;
    }
    s->seen[s->n_seen].k = *k;
    s->seen[s->n_seen].n = *kn;
    s->n_seen++;
    for (i = 0; depth == 1 && i < s->n_keys; i++) {
        if (key_is(s->keys[i], *k, *kn)) {
            *want = (int)i;
            return s->n_keys > 64 || wanted_once(s, i); /* else in seen[] only */
        }
    }
    return 1;
}

static int scan_array(jscan *s, int depth)
{
    int more;

    s->p++; /* [ */
    skip_ws(s);
    if (s->p < s->end && *s->p == ']') {
        s->p++;
        return 1;
    }
    for (;;) {
        if (!scan_value(s, depth)) {
            return 0;
        }
        if ((more = scan_next(s, ']')) <= 0) {
            return more == 0;
        }
    }
}

/* An object at `depth` (1 = the line); at depth 1 the wanted members are
 * recorded and must be strings or null. */
static int scan_object(jscan *s, int depth)
{
    size_t base = s->n_seen, i;
    int more;

    if (depth > RG_JSCAN_MAX_DEPTH) {
        return 0;
    }
    s->p++; /* { */
    skip_ws(s);
    if (s->p < s->end && *s->p == '}') {
        s->p++;
        return 1;
    }
    for (;;) {
        const char *k = NULL;
        size_t kn = 0;
        int want;

        if (s->p >= s->end || *s->p != '"') {
            return 0;
        }
        s->p++;
        if (!scan_key(s, depth, base, &k, &kn, &want)) {
            return 0;
        }
        skip_ws(s);
        if (s->p >= s->end || *s->p != ':') {
            return 0;
        }
        s->p++;
        skip_ws(s);
        if (s->p >= s->end) {
            return 0;
        }
        if (want >= 0) {
            rg_jscan_value v = { RG_JSCAN_NULL, NULL, 0, 0 };
            i = (size_t)want;
            if (*s->p == '"') {
                s->p++;
                if (!scan_string(s, 1, 0, &v.ptr, &v.len)) {
                    return 0;
                }
                v.kind = RG_JSCAN_STRING;
                v.flags = s->flags;
            } else if (!literal(s, "null", 4)) {
                return 0; /* another type: jansson's path reports it */
            }
            s->vals[i] = v; /* i: the first name that matched; a later one may too */
            while (++i < s->n_keys) {
                if (key_is(s->keys[i], k, kn)) {
                    s->vals[i] = v;
                }
            }
        } else if (!scan_value(s, depth)) {
            return 0;
        }
        if ((more = scan_next(s, '}')) <= 0) {
            s->n_seen = base;
            return more == 0;
        }
    }
}

/* Any value inside a container at `depth`. */
static int scan_value(jscan *s, int depth)
{
    if (s->p >= s->end) {
        return 0;
    }
    switch (*s->p) {
    case '"':
        s->p++;
        return scan_string(s, 0, 0, NULL, NULL);
    case '{':
        return scan_object(s, depth + 1);
    case '[':
        return depth + 1 <= RG_JSCAN_MAX_DEPTH && scan_array(s, depth + 1);
    case 't':
        return literal(s, "true", 4);
    case 'f':
        return literal(s, "false", 5);
    case 'n':
        return literal(s, "null", 4);
    default:
        return scan_number(s);
    }
}

int rg_jsonl_scan_line(const char *buf, size_t avail, const rg_jscan_keys *keys,
                       rg_jscan_value *vals, rg_strbuf *scratch, size_t *line_len)
{
    jscan s;
    size_t i;

    for (i = 0; i < keys->n; i++) {
        vals[i].kind = RG_JSCAN_ABSENT;
        vals[i].ptr = NULL;
        vals[i].len = 0;
        vals[i].flags = 0;
    }
    /* unescaping never lengthens a string: the whole buffer is enough room */
    rg_strbuf_clear(scratch);
    if (rg_strbuf_grow(scratch, avail) < 0) {
        return RG_ERROR;
    }
    s.p = buf;
    s.end = buf + avail;
    s.keys = keys->names;
    s.n_keys = keys->n;
    s.kt = keys;
    s.vals = vals;
    s.out = scratch->ptr;
    s.out_len = 0;
    s.n_seen = 0;
    s.wanted_seen = 0;
#if JSCAN_WIDE
    s.wide = rg__cpu_level() >= RG_CPU_AVX2;
#else
    s.wide = 0;
#endif
    skip_ws(&s);
    if (s.p >= s.end || *s.p != '{' || !scan_object(&s, 1)) {
        return RG_JSCAN_FALLBACK;
    }
    skip_ws(&s); /* stops at a LF: nothing in the object holds one */
    if (s.p != s.end && *s.p != '\n') {
        return RG_JSCAN_FALLBACK;
    }
    *line_len = (size_t)(s.p - buf);
    return RG_JSCAN_OK;
}

int rg_jsonl_scan(const char *line, size_t len, const char *const *keys, size_t n_keys,
                  rg_jscan_value *vals, rg_strbuf *scratch)
{
    rg_jscan_keys k;
    size_t n;
    int rc;

    rg_jscan_keys_init(&k, keys, n_keys);
    rc = rg_jsonl_scan_line(line, len, &k, vals, scratch, &n);
    return rc == RG_JSCAN_OK && n != len ? RG_JSCAN_FALLBACK : rc;
}
