/* SPDX-License-Identifier: MIT */
/*
 * The stance lexicon: loader of data/lexicon.tsv (format in docs/lexicon.md)
 * and the word lookup used by the stance detector. The only module that
 * includes <libstemmer.h>.
 *
 * HOW IT WORKS
 *   Each line is "cue<TAB>sign<TAB>intensity<TAB>category<TAB>flags", or
 *   "@adj<TAB>forms<TAB>STATE" for a state adjective. A cue field holds
 *   alternatives separated by '|'; each alternative is split into words
 *   exactly as the detector splits text (apostrophes, hyphens and spaces
 *   separate words). Every word is stemmed once, at load time, with Snowball
 *   French, and interned in a word table; a cue is a short array of word
 *   ids. At scan time the detector stems a token only when its first three
 *   bytes pass a 65536-bit prefilter built from the keys, so most tokens cost
 *   one lower-casing and one bit test. The lexicon is immutable once loaded
 *   and shared between threads; stemmers (not thread-safe) are per context.
 */
#include <errno.h>  /* errno */
#include <stdio.h>  /* snprintf */
#include <stdlib.h> /* strtod */
#include <string.h> /* memcpy, strcmp, strlen */

#include <libstemmer.h>

#include <relgraph/io.h>
#include <relgraph/stance.h>
#include "common.h"
#include "data.h"
#include "lexicon.h"
#include "text_internal.h"

/*
 * Stemming is the costly part of a lookup, and a document repeats its words
 * ("le", "de", "président"...), so each stemmer keeps the ids of the last
 * words it stemmed: a cache valid for one lexicon. A pipeline thread keeps
 * its stemmer for the whole run (stance.c), so the cache is sized for a
 * corpus vocabulary, not one document's (4096 entries, 144 KiB). Words the
 * prefilter rejects cost less than a cache probe and are never stored, so
 * that they do not evict stemmed words; each set holds two words, the last
 * used first: on 1,000 OrangeSum articles the stemmer ran 3,616 times with
 * one direct-mapped slot per set and every word stored, 2,638 of those for
 * words seen the first time.
 */
#define LX_CACHE_WAYS 2
#define LX_CACHE_SETS 2048
#define LX_CACHE_WORD 22

typedef struct {
    unsigned char len; /* 0 = empty */
    char word[LX_CACHE_WORD];
    int ids[3];
} lx_cache_entry;

struct rg_lx_stemmer {
    struct sb_stemmer *sb;
    const rg_lexicon *owner; /* lexicon the cached ids belong to */
    lx_cache_entry cache[LX_CACHE_SETS][LX_CACHE_WAYS]; /* [set][0]: last used */
};

int rg_lexicon__stemmer_new(rg_lx_stemmer **out)
{
    rg_lx_stemmer *st = rg__calloc(1, sizeof *st);

    *out = NULL;
    if (!st || !(st->sb = sb_stemmer_new("french", "UTF_8"))) {
        rg__free(st);
        rg__error_set_oom();
        return RG_ERROR;
    }
    *out = st;
    return RG_OK;
}

void rg_lexicon__stemmer_free(rg_lx_stemmer *st)
{
    if (!st) {
        return;
    }
    sb_stemmer_delete(st->sb);
    rg__free(st);
}

int rg_lexicon__is_word_cp(int32_t cp)
{
    if (cp < 0x80) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    }
    if (cp == 0xAB || cp == 0xBB || cp == 0xA0 || cp == 0xD7 || cp == 0xF7) {
        return 0; /* « » NBSP × ÷: fast path for the common Latin-1 signs */
    }
    if (cp >= 0xC0 && cp <= 0x24F) {
        return 1;
    }
    return rg_text__is_word_cp(cp);
}

void rg_lexicon__lower(char *dst, const char *src, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        if ((unsigned)(c - 'a') < 26u) {
            dst[i] = (char)c; /* the common case first */
        } else if (c >= 'A' && c <= 'Z') {
            dst[i] = (char)(c + 32);
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)src[i + 1] >= 0x80 &&
                   (unsigned char)src[i + 1] <= 0x9E && (unsigned char)src[i + 1] != 0x97) {
            dst[i] = (char)c; /* À..Þ -> à..þ (not ×) */
            dst[i + 1] = (char)((unsigned char)src[i + 1] + 0x20);
            i++;
        } else if (c == 0xC5 && i + 1 < n && (unsigned char)src[i + 1] == 0x92) {
            dst[i] = (char)c; /* Œ -> œ */
            dst[i + 1] = (char)0x93;
            i++;
        } else {
            dst[i] = (char)c;
        }
    }
}

/* ---- word table ---- */

static uint32_t lx_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++) {
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    }
    return h;
}

/* strncmp(k, w, n) == 0 && k[n] == '\0', inline: most probes are for short
 * words that differ in their first bytes. */
static int lx_key_eq(const char *k, const char *w, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (k[i] != w[i]) {
            return 0;
        }
        if (k[i] == '\0') {
            break; /* strncmp stops at the end of both strings */
        }
    }
    return k[n] == '\0';
}

/* key = tag + word; returns the id or -1 */
static int lx_find(const rg_lexicon *lx, char tag, const char *w, size_t n)
{
    uint32_t h;
    size_t slot;

    if (!lx->n_slots) {
        return -1;
    }
    h = lx_hash(w, n) ^ (unsigned char)tag;
    for (slot = h & (lx->n_slots - 1); lx->slots[slot];
         slot = (slot + 1) & (lx->n_slots - 1)) {
        const char *k = lx->pool + lx->word_off[lx->slots[slot] - 1];
        if (k[0] == tag && lx_key_eq(k + 1, w, n)) {
            return lx->slots[slot] - 1;
        }
    }
    return -1;
}

static int lx_pool_add(rg_lexicon *lx, size_t *off, const char *s, size_t n, char tag)
{
    size_t need = lx->pool_len + n + 2;

    if (rg__vec_grow(&lx->pool, &lx->pool_cap, need, 1) < 0) {
        return RG_ERROR;
    }
    *off = lx->pool_len;
    if (tag) {
        lx->pool[lx->pool_len++] = tag;
    }
    memcpy(lx->pool + lx->pool_len, s, n);
    lx->pool_len += n;
    lx->pool[lx->pool_len++] = '\0';
    return RG_OK;
}

static int lx_rehash(rg_lexicon *lx, size_t n_slots)
{
    int *slots = rg__calloc(n_slots, sizeof *slots);
    size_t i;

    if (!slots) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < lx->n_words; i++) {
        const char *k = lx->pool + lx->word_off[i];
        size_t slot = (lx_hash(k + 1, strlen(k + 1)) ^ (unsigned char)k[0]) & (n_slots - 1);
        while (slots[slot]) {
            slot = (slot + 1) & (n_slots - 1);
        }
        slots[slot] = (int)i + 1;
    }
    rg__free(lx->slots);
    lx->slots = slots;
    lx->n_slots = n_slots;
    return RG_OK;
}

/* Intern key tag+w; *id receives its word id. */
static int lx_intern(rg_lexicon *lx, int *id, char tag, const char *w, size_t n)
{
    size_t off;
    int found = lx_find(lx, tag, w, n);

    if (found >= 0) {
        *id = found;
        return RG_OK;
    }
    if ((lx->n_words + 1) * 2 > lx->n_slots &&
        lx_rehash(lx, lx->n_slots ? lx->n_slots * 2 : 256) < 0) {
        return RG_ERROR;
    }
    if (rg__vec_grow(&lx->word_off, &lx->words_cap, lx->n_words + 1, sizeof *lx->word_off) < 0 ||
        lx_pool_add(lx, &off, w, n, tag) < 0) {
        return RG_ERROR;
    }
    lx->word_off[lx->n_words] = off;
    *id = (int)lx->n_words++;
    {
        size_t slot = (lx_hash(w, n) ^ (unsigned char)tag) & (lx->n_slots - 1);
        while (lx->slots[slot]) {
            slot = (slot + 1) & (lx->n_slots - 1);
        }
        lx->slots[slot] = *id + 1;
    }
    {
        unsigned bit = rg_lexicon__prefix_bit(w, n);
        lx->prefilter[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
    return RG_OK;
}

static const char *lx_stem(rg_lx_stemmer *st, const char *w, size_t n, size_t *out_n)
{
    const sb_symbol *r = sb_stemmer_stem(st->sb, (const sb_symbol *)w, (int)n);

    if (!r) {
        return NULL;
    }
    *out_n = (size_t)sb_stemmer_length(st->sb);
    return (const char *)r;
}

/* 0 when no key can come from the lower-case token w[0..n) (0 < n <=
 * RG_LX_MAXTOK): it has more than three bytes, and neither its first three
 * nor its first two bytes start a key or a cue word as written (a stem
 * shorter than three bytes can still match, hence the second test). A
 * token of at most three bytes always passes. */
static int lx_prefilter_pass(const rg_lexicon *lx, const char *w, size_t n)
{
    unsigned bit = rg_lexicon__prefix_bit(w, n);

    if (lx->prefilter[bit >> 6] & ((uint64_t)1 << (bit & 63))) {
        return 1;
    }
    bit = rg_lexicon__prefix_bit(w, 2);
    return n <= 3 || (lx->prefilter[bit >> 6] & ((uint64_t)1 << (bit & 63)));
}

/* The ids of a token that passed the prefilter: its exact form, its stem
 * and the stem without "-nt", "-ons" or "-s". */
static void lx_stem_ids(const rg_lexicon *lx, rg_lx_stemmer *st, const char *lower, size_t len,
                        int ids[3])
{
    const char *s;
    size_t sn;

    ids[0] = lx_find(lx, 'x', lower, len);
    if (st && (s = lx_stem(st, lower, len, &sn)) != NULL) {
        ids[1] = lx_find(lx, 's', s, sn);
        if (len > 5 && lower[len - 1] == 't' && lower[len - 2] == 'n' && lower[len - 3] == 'e' &&
            (s = lx_stem(st, lower, len - 2, &sn)) != NULL) {
            ids[2] = lx_find(lx, 's', s, sn);
        } else if (len > 5 && memcmp(lower + len - 3, "ons", 3) == 0 &&
                   (s = lx_stem(st, lower, len - 3, &sn)) != NULL) {
            ids[2] = lx_find(lx, 's', s, sn); /* "condamnons" */
        } else if (len > 3 && lower[len - 1] == 's' && (s = lx_stem(st, lower, len - 1, &sn))) {
            ids[2] = lx_find(lx, 's', s, sn);
        }
    }
}

/* The cached ids of a token that passed the prefilter (0 < len <=
 * LX_CACHE_WORD), stemming it on a miss. */
static void lx_cached_ids(const rg_lexicon *lx, rg_lx_stemmer *st, const char *lower,
                          size_t len, int ids[3])
{
    lx_cache_entry *set, *e;

    if (st->owner != lx) {
        memset(st->cache, 0, sizeof st->cache);
        st->owner = lx;
    }
    set = st->cache[lx_hash(lower, len) & (LX_CACHE_SETS - 1)];
    if (set[0].len == len && memcmp(set[0].word, lower, len) == 0) {
        memcpy(ids, set[0].ids, sizeof set[0].ids);
        return;
    }
    if (set[1].len == len && memcmp(set[1].word, lower, len) == 0) {
        lx_cache_entry hit = set[1];
        set[1] = set[0]; /* the hit becomes the last used */
        set[0] = hit;
        memcpy(ids, hit.ids, sizeof hit.ids);
        return;
    }
    lx_stem_ids(lx, st, lower, len, ids);
    set[1] = set[0]; /* the least recently used word goes */
    e = &set[0];
    e->len = (unsigned char)len;
    memcpy(e->word, lower, len);
    memcpy(e->ids, ids, sizeof e->ids);
}

int rg_lexicon__token_ids(const rg_lexicon *lx, rg_lx_stemmer *st, const char *lower,
                          size_t len, int ids[3])
{
    ids[0] = ids[1] = ids[2] = -1;
    if (len == 0 || len > RG_LX_MAXTOK || !lx_prefilter_pass(lx, lower, len)) {
        return 0;
    }
    if (st && len <= LX_CACHE_WORD) {
        lx_cached_ids(lx, st, lower, len, ids);
    } else {
        lx_stem_ids(lx, st, lower, len, ids);
    }
    return ids[0] >= 0 || ids[1] >= 0 || ids[2] >= 0;
}

int rg_lexicon__token_exact(const rg_lexicon *lx, const char *lower, size_t len)
{
    unsigned bit;

    if (len == 0 || len > RG_LX_MAXTOK) {
        return -1;
    }
    bit = rg_lexicon__prefix_bit(lower, len);
    if (!(lx->prefilter[bit >> 6] & ((uint64_t)1 << (bit & 63)))) {
        return -1; /* the key of an exact form sets the bit of its own prefix */
    }
    return lx_find(lx, 'x', lower, len);
}

const int *rg_lexicon__first(const rg_lexicon *lx, int w, size_t *n)
{
    if (w < 0 || (size_t)w >= lx->n_words || !lx->first_start) {
        *n = 0;
        return NULL;
    }
    *n = lx->first_start[w + 1] - lx->first_start[w];
    return lx->first_list + lx->first_start[w];
}

/* ---- loading ---- */

void rg_lexicon_free(rg_lexicon *lx)
{
    size_t i;

    if (!lx) {
        return;
    }
    for (i = 0; i < lx->n_categories; i++) {
        rg__free(lx->categories[i]);
    }
    rg__free(lx->categories);
    rg__free(lx->pool);
    rg__free(lx->word_off);
    rg__free(lx->slots);
    rg__free(lx->adj_state);
    rg__free(lx->adj_off);
    rg__free(lx->cues);
    rg__free(lx->first_start);
    rg__free(lx->first_list);
    rg__free(lx);
}

typedef struct {
    const char *name;
    size_t line;
} lx_where;

static int lx_error(const lx_where *w, const char *msg, const char *arg, size_t argn)
{
    rg__error_set(RG_EPARSE, "%s:%zu: %s%s%.*s%s", w->name, w->line, msg,
                  arg ? " \"" : "", arg ? (int)argn : 0, arg ? arg : "", arg ? "\"" : "");
    return RG_EPARSE;
}

/* Next word of s[*pos..n) (same splitting as the detector); 0 at the end. */
static int lx_next_word(const char *s, size_t n, size_t *pos, size_t *ws, size_t *we)
{
    size_t i = *pos;
    int in_word = 0;

    while (i < n) {
        int32_t cp;
        size_t k = rg_text__utf8_decode(s + i, n - i, &cp);
        int w = (k != (size_t)-1) && rg_lexicon__is_word_cp(cp);
        if (k == (size_t)-1) {
            k = 1;
        }
        if (w && !in_word) {
            *ws = i;
            in_word = 1;
        } else if (!w && in_word) {
            break;
        }
        i += k;
    }
    *pos = i;
    if (in_word) {
        *we = i;
    }
    return in_word;
}

static int lx_category(rg_lexicon *lx, const char **out, const char *s, size_t n)
{
    size_t i;
    char *c;

    for (i = 0; i < lx->n_categories; i++) {
        if (strlen(lx->categories[i]) == n && memcmp(lx->categories[i], s, n) == 0) {
            *out = lx->categories[i];
            return RG_OK;
        }
    }
    if (rg__vec_grow(&lx->categories, &lx->categories_cap, lx->n_categories + 1,
                     sizeof *lx->categories) < 0) {
        return RG_ERROR;
    }
    if (!(c = rg__strndup(s, n))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    lx->categories[lx->n_categories++] = c;
    *out = c;
    return RG_OK;
}

/* Split one alternative into word ids. */
static int lx_words(rg_lexicon *lx, rg_lx_stemmer *st, const lx_where *w, const char *s,
                    size_t n, int exact, int *ids, int *n_ids)
{
    size_t pos = 0, ws = 0, we = 0;
    char low[RG_LX_MAXTOK];
    int error;

    *n_ids = 0;
    while (lx_next_word(s, n, &pos, &ws, &we)) {
        const char *key = low;
        size_t kn = we - ws;
        char tag = 'x';
        if (*n_ids == RG_LX_MAXW) {
            return lx_error(w, "cue has too many words:", s, n);
        }
        if (kn > RG_LX_MAXTOK) {
            return lx_error(w, "word too long:", s + ws, kn);
        }
        rg_lexicon__lower(low, s + ws, kn);
        {
            /* the form as written passes the prefilter too: a stem can
             * differ in its first bytes ("très" -> "tres") */
            unsigned bit = rg_lexicon__prefix_bit(low, kn);
            lx->prefilter[bit >> 6] |= (uint64_t)1 << (bit & 63);
        }
        if (!exact) {
            if (!(key = lx_stem(st, low, kn, &kn))) {
                rg__error_set_oom();
                return RG_ERROR;
            }
            tag = 's';
        }
        if ((error = lx_intern(lx, &ids[*n_ids], tag, key, kn)) < 0) {
            return error;
        }
        (*n_ids)++;
    }
    if (*n_ids == 0) {
        return lx_error(w, "empty cue alternative", NULL, 0);
    }
    return RG_OK;
}

static int lx_flags(const lx_where *w, unsigned *out, const char *s, size_t n)
{
    size_t i = 0;

    *out = 0;
    if (n == 1 && s[0] == '-') {
        return RG_OK;
    }
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ',') {
            j++;
        }
#define LX_FLAG(name, bit)                                                 \
    if (j - i == sizeof name - 1 && memcmp(s + i, name, j - i) == 0) {    \
        *out |= bit;                                                       \
    } else
        LX_FLAG("recip", RG_LX_RECIP)
        LX_FLAG("tone", RG_LX_TONE)
        LX_FLAG("speech", RG_LX_SPEECH)
        LX_FLAG("neg", RG_LX_NEG)
        LX_FLAG("exact", RG_LX_EXACT)
        LX_FLAG("ignore", RG_LX_IGNORE)
        LX_FLAG("place", RG_LX_PLACE)
        LX_FLAG("negflip", RG_LX_NEGFLIP)
        {
            return lx_error(w, "unknown flag", s + i, j - i);
        }
#undef LX_FLAG
        i = j + 1;
    }
    return RG_OK;
}

#define LX_MAXF 5

static int lx_add_cues(rg_lexicon *lx, rg_lx_stemmer *st, const lx_where *w,
                       const char *cue, size_t cue_n, const rg_lx_cue *tmpl)
{
    size_t i = 0;
    int error;

    while (i <= cue_n) {
        size_t j = i;
        rg_lx_cue c = *tmpl;
        while (j < cue_n && cue[j] != '|') {
            j++;
        }
        if ((error = lx_words(lx, st, w, cue + i, j - i, (tmpl->flags & RG_LX_EXACT) != 0,
                              c.words, &c.n_words)) < 0) {
            return error;
        }
        if (rg__vec_grow(&lx->cues, &lx->cues_cap, lx->n_cues + 1, sizeof *lx->cues) < 0) {
            return RG_ERROR;
        }
        lx->cues[lx->n_cues++] = c;
        i = j + 1;
    }
    return RG_OK;
}

static int lx_add_adj(rg_lexicon *lx, const lx_where *w, const char *forms, size_t n,
                      const char *code, size_t code_n)
{
    size_t i = 0, off;
    int error;

    if (code_n == 0 || code_n > 8) {
        return lx_error(w, "bad state code", code, code_n);
    }
    if ((error = lx_pool_add(lx, &off, code, code_n, 0)) < 0) {
        return error;
    }
    while (i <= n) {
        size_t j = i, pos = 0, ws = 0, we = 0;
        char low[RG_LX_MAXTOK];
        int id;
        while (j < n && forms[j] != '|') {
            j++;
        }
        if (!lx_next_word(forms + i, j - i, &pos, &ws, &we) || pos != j - i ||
            we - ws > RG_LX_MAXTOK) {
            return lx_error(w, "state adjective must be one word:", forms + i, j - i);
        }
        rg_lexicon__lower(low, forms + i + ws, we - ws);
        if ((error = lx_intern(lx, &id, 'x', low, we - ws)) < 0) {
            return error;
        }
        if (lx->adj_n < lx->n_words) {
            size_t *na = rg__reallocarray(lx->adj_off, lx->n_words, sizeof *na);
            if (!na) {
                rg__error_set_oom();
                return RG_ERROR;
            }
            memset(na + lx->adj_n, 0, (lx->n_words - lx->adj_n) * sizeof *na);
            lx->adj_off = na;
            lx->adj_n = lx->n_words;
        }
        lx->adj_off[id] = off + 1;
        i = j + 1;
    }
    return RG_OK;
}

static int lx_parse_line(rg_lexicon *lx, rg_lx_stemmer *st, const lx_where *w,
                         const char *s, size_t n)
{
    const char *f[LX_MAXF];
    size_t fn[LX_MAXF], nf = 0, i = 0;
    rg_lx_cue tmpl;
    char num[32];
    char *end;
    int error;

    while (nf < LX_MAXF) {
        size_t j = i;
        while (j < n && s[j] != '\t') {
            j++;
        }
        f[nf] = s + i;
        fn[nf++] = j - i;
        if (j >= n) {
            break;
        }
        i = j + 1;
    }
    if (i < n && nf == LX_MAXF && f[LX_MAXF - 1] + fn[LX_MAXF - 1] < s + n) {
        return lx_error(w, "too many fields (expected 5)", NULL, 0);
    }
    if (fn[0] == 4 && memcmp(f[0], "@adj", 4) == 0) {
        if (nf != 3) {
            return lx_error(w, "expected \"@adj<TAB>forms<TAB>STATE\"", NULL, 0);
        }
        return lx_add_adj(lx, w, f[1], fn[1], f[2], fn[2]);
    }
    if (f[0][0] == '@') {
        return lx_error(w, "unknown directive", f[0], fn[0]);
    }
    if (nf != 5) {
        return lx_error(w, "expected 5 tab-separated fields "
                           "(cue, sign, intensity, category, flags)", NULL, 0);
    }
    memset(&tmpl, 0, sizeof tmpl);
    if (fn[1] == 1 && (f[1][0] == '+' || f[1][0] == '-' || f[1][0] == '0')) {
        tmpl.sign = f[1][0] == '+' ? 1 : f[1][0] == '-' ? -1 : 0;
    } else {
        return lx_error(w, "sign must be +, - or 0, not", f[1], fn[1]);
    }
    if (fn[2] == 0 || fn[2] >= sizeof num) {
        return lx_error(w, "bad intensity", f[2], fn[2]);
    }
    memcpy(num, f[2], fn[2]);
    num[fn[2]] = '\0';
    errno = 0;
    tmpl.intensity = strtod(num, &end);
    if (*end || errno || !(tmpl.intensity >= -10.0 && tmpl.intensity <= 10.0)) {
        return lx_error(w, "intensity must be a number in -10..10, not", f[2], fn[2]);
    }
    if ((tmpl.sign > 0 && tmpl.intensity < 0) || (tmpl.sign < 0 && tmpl.intensity > 0)) {
        return lx_error(w, "intensity contradicts the sign:", f[2], fn[2]);
    }
    if (fn[3] == 0) {
        return lx_error(w, "empty category", NULL, 0);
    }
    if ((error = lx_flags(w, &tmpl.flags, f[4], fn[4])) < 0 ||
        (error = lx_category(lx, &tmpl.category, f[3], fn[3])) < 0) {
        return error;
    }
    if (tmpl.sign == 0 && !(tmpl.flags & (RG_LX_SPEECH | RG_LX_NEG | RG_LX_IGNORE))) {
        return lx_error(w, "sign 0 is only for speech, neg and ignore cues", NULL, 0);
    }
    return lx_add_cues(lx, st, w, f[0], fn[0], &tmpl);
}

/* First-word index: per word id, its cues, longest first. */
static int lx_index(rg_lexicon *lx)
{
    size_t i, *fill = NULL;
    int error = RG_OK;

    lx->first_start = rg__calloc(lx->n_words + 1, sizeof *lx->first_start);
    lx->first_list = rg__calloc(lx->n_cues ? lx->n_cues : 1, sizeof *lx->first_list);
    fill = rg__calloc(lx->n_words + 1, sizeof *fill);
    lx->adj_state = rg__calloc(lx->n_words ? lx->n_words : 1, sizeof *lx->adj_state);
    if (!lx->first_start || !lx->first_list || !fill || !lx->adj_state) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    for (i = 0; i < lx->n_cues; i++) {
        lx->first_start[lx->cues[i].words[0] + 1]++;
    }
    for (i = 0; i < lx->n_words; i++) {
        lx->first_start[i + 1] += lx->first_start[i];
        fill[i] = lx->first_start[i];
    }
    for (i = 0; i < lx->n_cues; i++) {
        int w0 = lx->cues[i].words[0];
        size_t k = fill[w0]++;
        /* insertion keeps longer cues first, then file order */
        while (k > lx->first_start[w0] &&
               lx->cues[lx->first_list[k - 1]].n_words < lx->cues[i].n_words) {
            lx->first_list[k] = lx->first_list[k - 1];
            k--;
        }
        lx->first_list[k] = (int)i;
    }
    for (i = 0; i < lx->adj_n; i++) {
        if (lx->adj_off[i]) {
            const char *k = lx->pool + lx->word_off[i] + 1; /* after the tag */
            size_t kn = strlen(k);
            unsigned char f = (unsigned char)k[0];
            unsigned bit = rg_lexicon__prefix_bit(k, kn);
            lx->adj_state[i] = lx->pool + lx->adj_off[i] - 1;
            lx->adj_lens[f] |= rg_lexicon__len_bit(kn);
            if (f >= 'a' && f <= 'z') {
                lx->adj_lens[f - 32] |= rg_lexicon__len_bit(kn); /* "Russes" */
            }
            lx->adj_prefix[bit >> 6] |= (uint64_t)1 << (bit & 63);
            lx->adj_pair_lens[rg_lexicon__pair_index(k, kn)] |= rg_lexicon__len_bit32(kn);
            if (lx->adj_min_len == 0 || kn < lx->adj_min_len) {
                lx->adj_min_len = kn;
            }
        }
    }
cleanup:
    rg__free(fill);
    return error;
}

int rg_lexicon__from_buffer(rg_lexicon **out, const char *buf, size_t len, const char *name)
{
    rg_lexicon *lx = NULL;
    rg_lx_stemmer *st = NULL;
    lx_where w = { name, 0 };
    size_t i = 0;
    int error;

    *out = NULL;
    if (!(lx = rg__calloc(1, sizeof *lx))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if ((error = rg_lexicon__stemmer_new(&st)) < 0) {
        goto cleanup;
    }
    while (i < len) {
        size_t j = i, e;
        while (j < len && buf[j] != '\n') {
            j++;
        }
        e = j;
        if (e > i && buf[e - 1] == '\r') {
            e--;
        }
        w.line++;
        if (e > i && buf[i] != '#') {
            if (memchr(buf + i, '\0', e - i)) {
                error = lx_error(&w, "NUL byte", NULL, 0);
                goto cleanup;
            }
            if (!rg_text_utf8_valid(buf + i, e - i, NULL)) {
                error = lx_error(&w, "invalid UTF-8", NULL, 0);
                goto cleanup;
            }
            if ((error = lx_parse_line(lx, st, &w, buf + i, e - i)) < 0) {
                goto cleanup;
            }
        }
        i = j + 1;
    }
    if ((error = lx_index(lx)) < 0) {
        goto cleanup;
    }
    *out = lx;
    lx = NULL;
cleanup:
    rg_lexicon__stemmer_free(st);
    rg_lexicon_free(lx);
    return error;
}

int rg_lexicon_default(rg_lexicon **out)
{
    return rg_lexicon__from_buffer(out, (const char *)rg__data_lexicon_tsv,
                                   rg__data_lexicon_tsv_len, "lexicon.tsv (built-in)");
}

int rg_lexicon_load(rg_lexicon **out, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    int error;

    *out = NULL;
    if ((error = rg_read_file(&buf, &len, path, (size_t)64 << 20)) < 0) {
        return error;
    }
    error = rg_lexicon__from_buffer(out, buf, len, path);
    rg__free(buf);
    return error;
}
