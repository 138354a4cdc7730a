/* SPDX-License-Identifier: MIT */
/*
 * The stance lexicon's loader: data/lexicon.tsv (format in docs/lexicon.md)
 * parsed into the word table, the cues and the filters of struct
 * rg_lexicon (lexicon.h); the lookups are in lexicon.c.
 *
 * HOW IT WORKS
 *   Each line is "cue<TAB>sign<TAB>intensity<TAB>category<TAB>flags", or
 *   "@adj<TAB>forms<TAB>STATE" for a state adjective. A cue field holds
 *   alternatives separated by '|'; each alternative is split into words
 *   exactly as the detector splits text (apostrophes, hyphens and spaces
 *   separate words). Every word is stemmed once, at load time, with Snowball
 *   French, and interned in a word table; a cue is a short array of word
 *   ids.
 */
#include <errno.h>  /* errno */
#include <stdlib.h> /* strtod */
#include <string.h> /* memcpy, memchr, memset, strlen */

#include <relgraph/io.h>
#include <relgraph/stance.h>
#include "common.h"
#include "data.h"
#include "lexicon.h"
#include "lexicon_internal.h"
#include "text_internal.h"

/* ---- word table ---- */

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
        size_t slot = (rg_lexicon__hash(k + 1, strlen(k + 1)) ^ (unsigned char)k[0]) & (n_slots - 1);
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
    int found = rg_lexicon__find(lx, tag, w, n);

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
        size_t slot = (rg_lexicon__hash(w, n) ^ (unsigned char)tag) & (lx->n_slots - 1);
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

/*
 * Stems met while loading, by the word as written: the cues repeat their
 * words ("de", "contre", "accord" in many alternatives), and the stemmer
 * costs about 4,000 instructions a call (783 calls, 3.0 M instructions, for
 * the built-in lexicon's 530 distinct words). The same bytes lower-case and
 * stem the same, so the stem's word id is taken again. Open addressing; the
 * table stops taking words when half full (a word left out is stemmed).
 */
#define LX_MEMO_SLOTS 1024

typedef struct {
    const char *raw; /* the word as written, in the loaded buffer; NULL: empty */
    size_t n;
    int id; /* its stem's word id */
} lx_memo_slot;

typedef struct {
    rg_lx_stemmer *st;
    lx_memo_slot *slots; /* LX_MEMO_SLOTS entries, NULL: no memo */
    size_t used;
} lx_stems;

/* The slot of raw[0..n): the one holding it, else the empty one where it
 * goes, NULL when there is no memo or it is half full. */
static lx_memo_slot *lx_memo_slot_of(lx_stems *ss, const char *raw, size_t n)
{
    size_t i;

    if (!ss->slots) {
        return NULL;
    }
    for (i = rg_lexicon__hash(raw, n) & (LX_MEMO_SLOTS - 1); ss->slots[i].raw;
         i = (i + 1) & (LX_MEMO_SLOTS - 1)) {
        if (ss->slots[i].n == n && memcmp(ss->slots[i].raw, raw, n) == 0) {
            return &ss->slots[i];
        }
    }
    return ss->used < LX_MEMO_SLOTS / 2 ? &ss->slots[i] : NULL;
}

/* The id of the stem of raw[0..n) (low: its lower case), interned. */
static int lx_stem_id(rg_lexicon *lx, lx_stems *ss, const char *raw, const char *low, size_t n,
                      int *id)
{
    lx_memo_slot *m = lx_memo_slot_of(ss, raw, n);
    const char *key;
    size_t kn;
    int error;

    if (m && m->raw) {
        *id = m->id;
        return RG_OK;
    }
    if (!(key = rg_lexicon__stem(ss->st, low, n, &kn))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if ((error = lx_intern(lx, id, 's', key, kn)) < 0) {
        return error;
    }
    if (m) {
        m->raw = raw;
        m->n = n;
        m->id = *id;
        ss->used++;
    }
    return RG_OK;
}

/* Split one alternative into word ids. */
static int lx_words(rg_lexicon *lx, lx_stems *ss, const lx_where *w, const char *s, size_t n,
                    int exact, int *ids, int *n_ids)
{
    size_t pos = 0, ws = 0, we = 0;
    char low[RG_LX_MAXTOK];
    int error;

    *n_ids = 0;
    while (lx_next_word(s, n, &pos, &ws, &we)) {
        size_t kn = we - ws;
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
        error = exact ? lx_intern(lx, &ids[*n_ids], 'x', low, kn)
                      : lx_stem_id(lx, ss, s + ws, low, kn, &ids[*n_ids]);
        if (error < 0) {
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

static int lx_add_cues(rg_lexicon *lx, lx_stems *ss, const lx_where *w,
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
        if ((error = lx_words(lx, ss, w, cue + i, j - i, (tmpl->flags & RG_LX_EXACT) != 0,
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

static int lx_parse_line(rg_lexicon *lx, lx_stems *ss, const lx_where *w,
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
    return lx_add_cues(lx, ss, w, f[0], fn[0], &tmpl);
}

/* The words the stance prescan counts besides the state adjectives
 * (rg_st__prescan): [0] "deux" (before a noun: st_prescan_deux), [1] also
 * the pronouns, when a subject is remembered ("l": l' one letter). */
static const char *const lx_pre_words[2][8] = {
    { "deux", NULL },
    { "deux", "il", "ils", "elle", "elles", "l", "lui", NULL },
};

static int lx_popcount(uint32_t x)
{
    int n = 0;

    for (; x; x &= x - 1) {
        n++;
    }
    return n;
}

/*
 * pre_first and pre_second of the pairs of `lens` (rg_lexicon's): a bucket
 * for each first byte used (the rows), then, while there are more than 8,
 * the two buckets merged whose merge lets the fewest other pairs through
 * (a bucket passes every pair of its rows and its second bytes).
 */
static void lx_pre_buckets(const uint32_t *lens, uint8_t *first, uint8_t *second)
{
    uint32_t rows[32], cols[32]; /* per bucket: bit r of its rows, bit c of its seconds */
    size_t nb = 0, i, j, k, bi = 0, bj = 0;

    for (i = 0; i < 32; i++) {
        uint32_t c = 0;
        for (j = 0; j < 32; j++) {
            c |= (uint32_t)(lens[i << 5 | j] != 0) << j;
        }
        if (c) {
            rows[nb] = UINT32_C(1) << i;
            cols[nb++] = c;
        }
    }
    while (nb > 8) {
        long best = -1;
        for (i = 0; i < nb; i++) {
            for (j = i + 1; j < nb; j++) {
                long cost = (long)lx_popcount(rows[i] | rows[j]) * lx_popcount(cols[i] | cols[j]) -
                            (long)lx_popcount(rows[i]) * lx_popcount(cols[i]) -
                            (long)lx_popcount(rows[j]) * lx_popcount(cols[j]);
                if (best < 0 || cost < best) {
                    best = cost;
                    bi = i;
                    bj = j;
                }
            }
        }
        rows[bi] |= rows[bj];
        cols[bi] |= cols[bj];
        rows[bj] = rows[--nb];
        cols[bj] = cols[nb];
    }
    memset(first, 0, 32);
    memset(second, 0, 32);
    for (k = 0; k < nb; k++) {
        for (i = 0; i < 32; i++) {
            first[i] |= (uint8_t)(((rows[k] >> i) & 1) << k);
            second[i] |= (uint8_t)(((cols[k] >> i) & 1) << k);
        }
    }
}

/* The prescan's filters: the adjectives' pairs (set by lx_index in [0],
 * copied to [1]) with those of lx_pre_words, then their buckets. */
static void lx_pre_filter(rg_lexicon *lx)
{
    size_t v, i;

    memcpy(lx->pre_pair_lens[1], lx->pre_pair_lens[0], sizeof lx->pre_pair_lens[1]);
    for (v = 0; v < 2; v++) {
        for (i = 0; lx_pre_words[v][i]; i++) {
            const char *wd = lx_pre_words[v][i];
            size_t n = strlen(wd);
            lx->pre_pair_lens[v][rg_lexicon__pair_index(wd, n)] |= rg_lexicon__len_bit32(n);
        }
        lx_pre_buckets(lx->pre_pair_lens[v], lx->pre_first[v], lx->pre_second[v]);
    }
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
            lx->pre_pair_lens[0][rg_lexicon__pair_index(k, kn)] |= rg_lexicon__len_bit32(kn);
            if (lx->adj_min_len == 0 || kn < lx->adj_min_len) {
                lx->adj_min_len = kn;
            }
        }
    }
    lx_pre_filter(lx);
cleanup:
    rg__free(fill);
    return error;
}

int rg_lexicon__from_buffer(rg_lexicon **out, const char *buf, size_t len, const char *name)
{
    rg_lexicon *lx = NULL;
    lx_stems ss = { NULL, NULL, 0 };
    lx_where w = { name, 0 };
    size_t i = 0;
    int error;

    *out = NULL;
    if (!(lx = rg__calloc(1, sizeof *lx))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if ((error = rg_lexicon__stemmer_new(&ss.st)) < 0) {
        goto cleanup;
    }
    if (!(ss.slots = rg__calloc(LX_MEMO_SLOTS, sizeof *ss.slots))) {
        rg__error_set_oom();
        error = RG_ERROR;
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
            if ((error = lx_parse_line(lx, &ss, &w, buf + i, e - i)) < 0) {
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
    rg__free(ss.slots);
    rg_lexicon__stemmer_free(ss.st);
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
