/* SPDX-License-Identifier: MIT */
/*
 * Article cleaning: line-oriented boilerplate rules (clean_rules.c loads
 * data/boilerplate.txt, format in docs/cleaning.md), after the HTML pass of
 * clean_html.c. The output keeps a byte map to the input so that
 * provenance offsets survive cleaning.
 */
#include <string.h> /* memchr, memcpy */

#include <relgraph/clean.h>
#include <relgraph/text.h> /* rg_text_fold */
#include "common.h"
#include "clean_internal.h" /* clean_out, rg_clean__html_strip */

/* ------------------------------------------------------------------ */
/* Output buffer with byte map                                         */
/* ------------------------------------------------------------------ */

int rg_clean__out_reserve(clean_out *o, size_t extra)
{
    size_t ncap;
    char *np;
    size_t *nm;

    if (o->len + extra + 1 <= o->cap) {
        return RG_OK;
    }
    ncap = o->cap ? o->cap * 2 : 256;
    while (ncap < o->len + extra + 1) {
        ncap *= 2;
    }
    np = rg__realloc(o->p, ncap);
    if (!np) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    o->p = np;
    /* the map grows with the text even when segments stand for it, so that
     * cap holds for both whatever the buffer's next use */
    nm = rg__reallocarray(o->map, ncap, sizeof *nm);
    if (!nm) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    o->map = nm;
    o->cap = ncap;
    return RG_OK;
}

/* Starts a segment at the output's end (see clean_seg). */
static int out_seg(clean_out *o, size_t src)
{
    clean_segs *sg = o->segs;

    if (sg->n == sg->cap && rg__vec_grow(&sg->v, &sg->cap, sg->n + 1, sizeof *sg->v) < 0) {
        return RG_ERROR;
    }
    sg->v[sg->n].at = o->len;
    sg->v[sg->n++].src = src;
    return RG_OK;
}

int rg_clean__out_put(clean_out *o, const char *s, size_t n, size_t src)
{
    size_t k;

    if (rg_clean__out_reserve(o, n) < 0) {
        return RG_ERROR;
    }
    for (k = 0; o->segs && k < n; k++) { /* every byte from src: one each */
        if (out_seg(o, src) < 0) {
            return RG_ERROR;
        }
        o->p[o->len++] = s[k];
    }
    for (k = 0; !o->segs && k < n; k++) {
        o->p[o->len] = s[k];
        o->map[o->len++] = src;
    }
    return RG_OK;
}

/* rg_clean__out_put of one byte, inline: the line breaks between kept
 * lines (two calls a line, half of them for a blank line before it). */
static RG_TEXT_INLINE int out_byte(clean_out *o, char c, size_t src)
{
    if (o->len + 2 > o->cap && rg_clean__out_reserve(o, 1) < 0) {
        return RG_ERROR;
    }
    if (o->segs) {
        if (out_seg(o, src) < 0) {
            return RG_ERROR;
        }
    } else {
        o->map[o->len] = src;
    }
    o->p[o->len++] = c;
    return RG_OK;
}

/* Appends s[a..b); `m` maps s to the input (NULL: s is the input). The
 * body of out_span, inlined into its baseline and AVX2 versions. */
static RG_TEXT_INLINE int out_span_body(clean_out *o,    /* output */
                                        const char *s,   /* text to copy from */
                                        const size_t *m, /* its map to the input, or NULL */
                                        size_t a,        /* first byte */
                                        size_t b)        /* one past the last */
{
    size_t k;

    if (rg_clean__out_reserve(o, b - a) < 0) {
        return RG_ERROR;
    }
    memcpy(o->p + o->len, s + a, b - a);
    if (o->segs) { /* only without the HTML pass (m NULL): s is the input */
        RG_ASSERT_ARG(!m);
        if (out_seg(o, a) < 0) {
            return RG_ERROR;
        }
        o->len += b - a;
    } else if (m) {
        memcpy(o->map + o->len, m + a, (b - a) * sizeof *m);
        o->len += b - a;
    } else {
        size_t *d = o->map + o->len;
        for (k = a; b - k >= 16; k += 16, d += 16) { /* most text is here */
            rg_clean__map16(d, k);
        }
        if (b - k >= 8) {
            rg_clean__map8(d, k);
            k += 8;
            d += 8;
        }
        for (; k < b; k++) {
            *d++ = k;
        }
        o->len += b - a;
    }
    return RG_OK;
}

RG_MAP_BASE static int out_span_base(clean_out *o, const char *s, const size_t *m, size_t a,
                                     size_t b)
{
    return out_span_body(o, s, m, a, b);
}

#if RG_TEXT_WIDE
RG_MAP_AVX2 static int out_span_avx2(clean_out *o, const char *s, const size_t *m, size_t a,
                                     size_t b)
{
    return out_span_body(o, s, m, a, b);
}
#endif

/* out_span_body in the version rg__cpu_level() allows (RG_MAP_AVX2). */
static int out_span(clean_out *o, const char *s, const size_t *m, size_t a, size_t b)
{
#if RG_TEXT_WIDE
    if (rg__cpu_level() >= RG_CPU_AVX2) {
        return out_span_avx2(o, s, m, a, b);
    }
#endif
    return out_span_base(o, s, m, a, b);
}

static void out_dispose(clean_out *o)
{
    rg__free(o->p);
    rg__free(o->map);
    o->p = NULL;
    o->map = NULL;
}

int rg_clean__key_reserve(clean_key *k, size_t extra)
{
    size_t ncap;
    char *np;
    rg_kmap *nm;

    if (k->len + extra + 1 <= k->cap) {
        return RG_OK;
    }
    ncap = k->cap ? k->cap * 2 : 256;
    while (ncap < k->len + extra + 1) {
        ncap *= 2;
    }
    np = rg__realloc(k->p, ncap);
    if (!np) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    k->p = np;
    nm = rg__reallocarray(k->map, ncap, sizeof *nm);
    if (!nm) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    k->map = nm;
    k->cap = ncap;
    return RG_OK;
}

static void key_dispose(clean_key *k)
{
    rg__free(k->p);
    rg__free(k->map);
    k->p = NULL;
    k->map = NULL;
}

void rg_clean__key_free(clean_key *k)
{
    key_dispose(k);
    k->len = k->cap = 0;
}

int rg_clean__key_ensure(clean_key *key, int *key_ok, const char *s, size_t len)
{
    int error;

    if (*key_ok || len > RG_CLEAN_KEY_MAX) {
        return RG_OK;
    }
    key->len = 0;
    key->odd = 0;
    error = rg_clean__key_reserve(key, len);
    if (error >= 0) {
        error = rg_clean__fold_into(key, 0, s, len, 0, &key->len);
    }
    if (error >= 0) { /* fold_into leaves room for the end */
        key->p[key->len] = '\0';
        key->map[key->len] = (rg_kmap)len;
        *key_ok = 1;
    }
    return error;
}

/* ------------------------------------------------------------------ */
/* Boilerplate lines                                                   */
/* ------------------------------------------------------------------ */

/*
 * HOW IT WORKS
 * The text is cut into lines. Each line is trimmed (spaces, tabs, NBSP),
 * folded with rg_text_fold (case, accents, quotes, dashes, spaces), and
 * leading bullets ("•", "-", "*", "►"...) are skipped. Rules then compare
 * folded keys, ignoring spaces ("avec AFP , modifié" matches "avec AFP,
 * modifié") and requiring a word boundary where a rule ends in a letter
 * ("Lire aussi" does not match "Lire aussitôt"). A kept line is copied as
 * is; blank and dropped lines only decide whether the next kept line starts
 * after "\n" or "\n\n". A trailer counts only after some kept text, so a
 * heading at the very top never empties an article.
 */

typedef enum { LINE_KEEP, LINE_DROP, LINE_CUT, LINE_STOP } line_action;

/* Length of leading white space at s[a..b): ASCII, NBSP, narrow NBSP. */
static size_t line_ws_len(const char *s, /* text */
                          size_t a,      /* position */
                          size_t b)      /* line end */
{
    if (bp_is_space(s[a])) {
        return 1;
    }
    if (a + 1 < b && (unsigned char)s[a] == 0xC2 && (unsigned char)s[a + 1] == 0xA0) {
        return 2;
    }
    if (a + 2 < b && (unsigned char)s[a] == 0xE2 && (unsigned char)s[a + 1] == 0x80 &&
        ((unsigned char)s[a + 2] == 0xAF || ((unsigned char)s[a + 2] >= 0x80 &&
                                             (unsigned char)s[a + 2] <= 0x8A))) {
        return 3;
    }
    return 0;
}

/* Trailing white space length at s[a..b). */
static size_t line_ws_back(const char *s, /* text */
                           size_t a,      /* line start */
                           size_t b)      /* position (exclusive) */
{
    if (bp_is_space(s[b - 1])) {
        return 1;
    }
    if (b - a >= 2 && line_ws_len(s, b - 2, b) == 2) {
        return 2;
    }
    if (b - a >= 3 && line_ws_len(s, b - 3, b) == 3) {
        return 3;
    }
    return 0;
}

/* The fold of one line: in the joined key (km set), or its own copy. */
typedef struct {
    const char *k;
    size_t kl;
    const rg_kmap *km; /* key byte -> km[i] - km_base = offset in the line;
                        * NULL: folded without a map */
    size_t km_base;
    char *own;        /* the fold when not in the key (to free) */
} line_key;

/* The line offset of byte *at of the line's fold lk (line = its text):
 * from the map, or folded again with one when lk has none. */
static int key_line_offset(size_t *at, const line_key *lk, const char *line, size_t len)
{
    char *k2 = NULL;
    size_t n, *km = NULL;

    if (lk->km) {
        *at = lk->km[*at] - lk->km_base;
        return RG_OK;
    }
    if (rg_text_fold(&k2, &n, &km, line, len) < 0) {
        return RG_ERROR;
    }
    rg__free(k2);
    *at = km[*at];
    rg__free(km);
    return RG_OK;
}

/* Applies the rules to the folded line lk of s[a..b) (trimmed, non-blank);
 * *cut receives the new end for LINE_CUT. */
static int line_classify(line_action *act,          /* out: what to do */
                         size_t *cut,               /* out: new end (LINE_CUT) */
                         const line_key *lk,        /* the line's fold */
                         const rg_boilerplate *bp,  /* rules */
                         const char *s,             /* text */
                         size_t a,                  /* line start */
                         size_t b)                  /* line end */
{
    const char *k = lk->k;
    size_t kl = lk->kl, start, i;
    uint64_t todo;
    rare_hits hits;
    int indexed = bp_indexed(bp), error = RG_OK;

    *act = LINE_KEEP;
    hits.known = 0;
    todo = rg_clean__line_rules(&start, bp, k, kl);
    for (i = 0; *act != LINE_DROP && *act != LINE_STOP; i++) {
        const bp_rule *r;
        size_t e, at;

        if (indexed) {
            if (!todo) {
                break;
            }
            i = rg__ctz64(todo);
            todo &= todo - 1;
        } else if (i >= bp->rules.n) {
            break;
        } else if (bp->rules.v[i].kind <= BP_TRAILER &&
                   (start >= kl || k[start] != bp->rules.v[i].key[0])) {
            continue;
        }
        r = &bp->rules.v[i];
        if (indexed && r->kind > BP_TRAILER && !hits.known) {
            /* the first rule found anywhere: list the rare bytes, keep
             * only the rules that may match, this one included or not */
            uint64_t live;
            rg_clean__rare_scan(&hits, bp, k, kl);
            live = rg_clean__rare_live(&hits, bp);
            todo &= live;
            if (!(live >> i & 1)) {
                continue;
            }
        }
        switch (r->kind) {
        case BP_LINE:
        case BP_TRAILER:
            e = rg_clean__key_match(k, kl, start, r);
            if (e != (size_t)-1 && rg_clean__key_no_words(k, kl, e)) {
                *act = r->kind == BP_LINE ? LINE_DROP : LINE_STOP;
            }
            break;
        case BP_PREFIX:
            if (rg_clean__key_match(k, kl, start, r) != (size_t)-1) {
                *act = LINE_DROP;
            }
            break;
        case BP_SCRIPT:
            if (rg_clean__key_find(k, kl, bp, r, &hits) != (size_t)-1) {
                *act = LINE_DROP;
            }
            break;
        case BP_CREDIT:
            at = rg_clean__key_find(k, kl, bp, r, &hits);
            if (at == (size_t)-1) {
                break;
            }
            if ((error = key_line_offset(&at, lk, s + a, b - a)) < 0) {
                return error;
            }
            if (*act != LINE_CUT || a + at < *cut) {
                *act = LINE_CUT;
                *cut = a + at;
            }
            break;
        }
    }
    return error;
}

/*
 * HOW IT WORKS (the key of the cleaned text)
 * rg_text_fold of the cleaned text is the fold of each kept line joined by
 * one space: the lines are trimmed, the "\n" or "\n\n" between two lines
 * folds to one space mapped to the first "\n", and the fold carries no
 * state across a line but "the last byte was a space". That holds when the
 * line's fold is not empty and neither starts nor ends with a space (a
 * space the trimming does not know, U+3000, or one after a dropped
 * character, would merge with the separator), and when the line is kept
 * whole (a credit cut keeps a prefix, folded differently). Otherwise the
 * key is given up (key_ok = 0) and the caller folds the whole text.
 *   "Le Sénat\n\nvote." -> lines "le senat", "vote." -> "le senat vote."
 * Each line is folded straight into the key, after the room for its
 * separator, its map already shifted to the line's output offset; a line
 * that is not kept is overwritten by the next one.
 */
static int line_fold(line_key *lk,       /* out: the line's fold */
                     clean_key *key,     /* the joined key, or NULL */
                     size_t off,         /* output offset the line will have */
                     const char *s,      /* text */
                     size_t a,           /* line start */
                     size_t b)           /* line end */
{
    size_t at, end = 0;
    char *k = NULL;

    if (!key) {
        if (rg_text_fold(&k, &lk->kl, NULL, s + a, b - a) < 0) {
            return RG_ERROR;
        }
        lk->k = lk->own = k;
        lk->km = NULL;
        return RG_OK;
    }
    at = key->len + (key->len > 0);
    if (rg_clean__fold_into(key, at, s + a, b - a, off, &end) < 0) {
        return RG_ERROR;
    }
    lk->k = key->p + at;
    lk->kl = end - at;
    lk->km = key->map + at;
    lk->km_base = off;
    return RG_OK;
}

/* Adds the line folded by line_fold to the key, after its separator. */
static void key_take(clean_key *key,     /* joined key and map */
                     const line_key *lk, /* the kept line's fold */
                     size_t sep)         /* output offset of the "\n" before it */
{
    if (key->len > 0) {
        key->p[key->len] = ' ';
        key->map[key->len++] = (rg_kmap)sep;
    }
    key->len += lk->kl;
}

/* The line pass: s[0..len) (mapped to the input by m, or s is the input). */
static int clean_lines(clean_out *o,              /* output */
                       clean_key *key,            /* out: fold of the output, or NULL */
                       int *key_ok,               /* out: 0 when *key is not that fold */
                       const char *s,             /* text after the HTML pass */
                       const size_t *m,           /* its map, NULL = identity */
                       size_t len,                /* its length */
                       const rg_boilerplate *bp)  /* rules or NULL */
{
    size_t pos = 0, sep_at = 0;
    int kept = 0, blank = 0, error = RG_OK;
    line_key lk = { NULL, 0, NULL, 0, NULL };

    if (key_ok) {
        *key_ok = key && bp; /* without rules no line is folded */
    }
    while (pos <= len) {
        const char *nl = memchr(s + pos, '\n', len - pos);
        size_t e = nl ? (size_t)(nl - s) : len, a = pos, b = e, n;
        line_action act = LINE_KEEP;

        rg__free(lk.own);
        lk.own = NULL;

        while (a < b && (n = line_ws_len(s, a, b)) > 0) {
            a += n;
        }
        while (b > a && (n = line_ws_back(s, a, b)) > 0) {
            b -= n;
        }
        if (a < b && bp) {
            size_t cut = b, off = o->len + (kept ? 1 + (size_t)blank : 0);
            error = line_fold(&lk, key_ok && *key_ok ? key : NULL, off, s, a, b);
            if (error < 0 || (error = line_classify(&act, &cut, &lk, bp, s, a, b)) < 0) {
                goto cleanup;
            }
            if (act == LINE_CUT) {
                b = cut;
                while (b > a && (n = line_ws_back(s, a, b)) > 0) {
                    b -= n;
                }
            }
            if (act == LINE_STOP && kept) {
                break;
            }
        }
        if (a >= b) {
            blank |= act == LINE_KEEP; /* a line emptied by a credit is dropped */
        } else if (act == LINE_KEEP || act == LINE_CUT) {
            size_t sep = o->len;
            if (kept) {
                size_t src = m ? m[sep_at] : sep_at;
                /* the second break maps to the LF just before this line */
                if ((error = out_byte(o, '\n', src)) < 0 ||
                    (blank && (error = out_byte(o, '\n', m ? m[pos - 1] : pos - 1)) < 0)) {
                    goto cleanup;
                }
            }
            if (key_ok && *key_ok) {
                if (act != LINE_KEEP || !lk.km || lk.kl == 0 || lk.k[0] == ' ' ||
                    lk.k[lk.kl - 1] == ' ') {
                    *key_ok = 0;
                } else {
                    key_take(key, &lk, sep);
                }
            }
            error = out_span(o, s, m, a, b);
            if (error < 0) {
                goto cleanup;
            }
            kept = 1;
            blank = 0;
            sep_at = e < len ? e : (len > 0 ? len - 1 : 0);
        }
        if (!nl) {
            break;
        }
        pos = e + 1;
    }
cleanup:
    rg__free(lk.own);
    return error;
}

/* The cleaner into caller-held buffers (rg_clean__text_into; the map in
 * res->segs when set, which the HTML pass clears). */
static int clean_into(clean_out *res, clean_key *key, int *key_ok, clean_out *html,
                      const char *text, size_t len, const rg_boilerplate *bp,
                      const rg_clean_options *opts)
{
    rg_clean_options defaults = RG_CLEAN_OPTIONS_INIT;
    const char *s = text;
    const size_t *m = NULL;
    size_t slen = len;
    int mode = 0, ok = 0, error;

    res->len = html->len = 0;
    if (key) {
        key->len = 0;
        key->odd = 0;
    }
    *key_ok = 0;
    if (!opts) {
        opts = &defaults;
    }
    if (!text) {
        s = text = "";
    }
    if (opts->html == 1) {
        mode = 2;
    } else if (opts->html < 0) {
        mode = rg_clean__html_detect(text, len);
    }
    if (mode > 0) {
        res->segs = NULL; /* its map is no stretches of the input */
        error = rg_clean__out_reserve(html, len);
        if (error < 0 || (error = rg_clean__html_strip(html, text, len, mode)) < 0) {
            return error;
        }
        s = html->p;
        m = html->map;
        slen = html->len;
    }
    error = rg_clean__out_reserve(res, slen);
    if (slen > RG_CLEAN_KEY_MAX) {
        key = NULL; /* its map could not hold the offsets (rg_kmap) */
    }
    if (error >= 0 && key && bp && opts->boilerplate) {
        error = rg_clean__key_reserve(key, slen); /* the key is rarely longer */
    }
    if (error < 0 ||
        (error = clean_lines(res, key, key ? &ok : NULL, s, m, slen,
                             opts->boilerplate ? bp : NULL)) < 0) {
        return error;
    }
    res->p[res->len] = '\0';
    if (res->segs) {
        error = out_seg(res, len); /* res->len to len, as map[len] */
        if (error < 0) {
            return error;
        }
    } else {
        res->map[res->len] = len;
    }
    if (key && ok && (error = rg_clean__key_reserve(key, 0)) < 0) {
        return error;
    }
    if (key && ok) {
        key->p[key->len] = '\0';
        key->map[key->len] = (rg_kmap)res->len; /* <= slen */
    }
#ifndef NDEBUG
    /* without the HTML pass every offset is a line byte (below len) or the
     * LF before a line, by construction; the HTML map is checked */
    if (m) {
        size_t bad = 0, i; /* one assertion, not one per byte */
        for (i = 0; i < res->len; i++) {
            bad |= res->map[i] >= len;
        }
        RG_ASSERT_ARG(!bad);
    }
#endif
    *key_ok = key && ok;
    return RG_OK;
}

int rg_clean__text_into(clean_out *res, clean_key *key, int *key_ok, clean_out *html,
                        const char *text, size_t len, const rg_boilerplate *bp,
                        const rg_clean_options *opts)
{
    res->segs = NULL;
    return clean_into(res, key, key_ok, html, text, len, bp, opts);
}

int rg_clean__text_segs(clean_out *res, clean_segs *segs, int *used, clean_key *key,
                        int *key_ok, clean_out *html, const char *text, size_t len,
                        const rg_boilerplate *bp, const rg_clean_options *opts)
{
    int error;

    segs->n = 0;
    res->segs = segs;
    error = clean_into(res, key, key_ok, html, text, len, bp, opts);
    *used = res->segs != NULL;
    res->segs = NULL;
    return error;
}

/* rg_clean_text, and the fold of its output into *key when key != NULL
 * (key->p stays NULL when the shortcut does not apply). */
static int clean_text(char **out,                    /* out: cleaned text */
                      size_t *out_len,               /* out: its length */
                      size_t **map_out,              /* out: its map */
                      clean_key *key,                /* out: its fold, or NULL */
                      const char *text,              /* input */
                      size_t len,                    /* its length */
                      const rg_boilerplate *bp,      /* rules or NULL */
                      const rg_clean_options *opts)  /* options or NULL */
{
    clean_out html = { NULL, NULL, 0, 0, NULL }, res = { NULL, NULL, 0, 0, NULL };
    int key_ok = 0, error;

    *out = NULL;
    *out_len = 0;
    *map_out = NULL;
    error = rg_clean__text_into(&res, key, &key_ok, &html, text, len, bp, opts);
    if (key && !key_ok) {
        key_dispose(key);
        key->len = key->cap = 0;
    }
    if (error >= 0) {
        *out = res.p;
        *out_len = res.len;
        *map_out = res.map;
        res.p = NULL;
        res.map = NULL;
    }
    out_dispose(&html);
    out_dispose(&res);
    return error;
}

int rg_clean_text(char **out, size_t *out_len, size_t **map_out, const char *text, size_t len,
                  const rg_boilerplate *bp, const rg_clean_options *opts)
{
    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(out_len);
    RG_ASSERT_ARG(map_out);
    RG_ASSERT_ARG(text || len == 0);
    return clean_text(out, out_len, map_out, NULL, text, len, bp, opts);
}

int rg_clean_text_key(char **out, size_t *out_len, size_t **map_out, char **key_out,
                      size_t *key_len, size_t **key_map_out, const char *text, size_t len,
                      const rg_boilerplate *bp, const rg_clean_options *opts)
{
    clean_key key = { NULL, NULL, 0, 0, 0 };
    size_t *map = NULL;
    int error;

    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(out_len);
    RG_ASSERT_ARG(map_out);
    RG_ASSERT_ARG(key_out);
    RG_ASSERT_ARG(key_len);
    RG_ASSERT_ARG(key_map_out);
    RG_ASSERT_ARG(text || len == 0);
    *key_out = NULL;
    *key_len = 0;
    *key_map_out = NULL;
    error = clean_text(out, out_len, map_out, &key, text, len, bp, opts);
    if (error >= 0 && key.p) { /* the public map takes size_t entries */
        if (!(map = rg__reallocarray(NULL, key.len + 1, sizeof *map))) {
            rg__error_set_oom();
            error = RG_ERROR;
        } else {
            rg_clean__kmap_widen(map, key.map, key.len + 1, 0);
        }
    }
    if (error < 0) {
        key_dispose(&key);
        rg__free(*out);
        rg__free(*map_out);
        *out = NULL;
        *out_len = 0;
        *map_out = NULL;
        return error;
    }
    *key_out = key.p;
    *key_len = key.len;
    *key_map_out = map;
    key.p = NULL;
    key_dispose(&key);
    return RG_OK;
}
