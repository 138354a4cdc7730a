/* SPDX-License-Identifier: MIT */
/*
 * The extractor: one document in, its evidence out.
 *
 * HOW IT WORKS
 *   1. A leading "date YYYY-MM" token is metadata: it dates the document
 *      (unless metadata did already) and is cut from the text.
 *   2. The rest is cleaned (HTML, boilerplate) into `clean`, with a byte map
 *      back to the document text, so every offset we print points into the
 *      text as read.
 *   3. Undated documents get the first French date near the top of the
 *      cleaned text (trailers such as "Autres actualités" are gone by then,
 *      so other articles' dates never count).
 *   4. Sentences are split; a sentence repeated word for word (a photo
 *      caption repeating the lead) is kept once.
 *   5. The matcher finds mentions over the whole cleaned text (folded once:
 *      the cleaner hands over its joined line folds when they are exactly
 *      the fold of the text, see clean.c) at the
 *      document's date (roles such as "le président russe" need it); each
 *      mention is assigned to its sentence.
 *   6. Co-mentions: one relation per unordered pair of distinct actors per
 *      sentence, source < target by id.
 *   7. Stance and tone, sentence by sentence, with a per-document context;
 *      skipped for a document that provably yields no relation (the gate:
 *      extract_gate.c; the matcher also reports the state adjectives).
 *   8. Relations are sorted (sentence, type, source id, target id, cue), so
 *      output is deterministic whatever the thread count.
 */
#include <stdlib.h> /* qsort */
#include <string.h> /* memcmp, memcpy, memset, strcmp */

#include <relgraph/extract.h>
#include <relgraph/sentence.h>
#include <relgraph/text.h>
#include "common.h"
#include "clean_internal.h"   /* clean_out, clean_key, rg_clean__text_into */
#include "extract_internal.h" /* rg_extract__run, rg_evidence__json_put */
#include "sentence_internal.h" /* rg_sentence__split_into */
#include "text_internal.h"     /* rg_text__fold_odd */

struct rg_extractor {
    rg_extract_options opts;
    rg_matcher *matcher;
    rg_extract__gate *gate; /* with a lexicon; NULL: none */
    int gate_ready;         /* the matcher reports the gate's side keys */
    int gate_on;            /* gate_ready, unless a test turned it off */
};

const char *rg_relation_type_name(rg_relation_type t)
{
    switch (t) {
    case RG_REL_COMENTION: return "comention";
    case RG_REL_STANCE: return "stance";
    case RG_REL_TONE: return "tone";
    }
    return "unknown";
}

void rg_extractor_free(rg_extractor *ex)
{
    if (!ex) {
        return;
    }
    rg_matcher_free(ex->matcher);
    rg_extract__gate_free(ex->gate);
    rg__free(ex);
}

/* The matcher, with the stance gate's side keys when there is a lexicon. */
static int extractor_matcher(rg_extractor *ex)
{
    const rg_matcher__side *side;
    size_t nside;
    int error;

    if (!ex->opts.lexicon) {
        return rg_matcher_new(&ex->matcher, ex->opts.actors);
    }
    if ((error = rg_extract__gate_new(&ex->gate, ex->opts.lexicon, ex->opts.actors)) < 0) {
        return error;
    }
    side = rg_extract__gate_side(ex->gate, &nside);
    if (nside > 64 * RG_EXTRACT__SIDE_WORDS) {
        return rg_matcher_new(&ex->matcher, ex->opts.actors); /* no gate */
    }
    if ((error = rg_matcher__new_side(&ex->matcher, ex->opts.actors, side, nside)) < 0) {
        return error;
    }
    ex->gate_ready = ex->gate_on = rg_matcher__side_ok(ex->matcher);
    return RG_OK;
}

void rg_extract__set_gate(rg_extractor *ex, int on)
{
    ex->gate_on = on && ex->gate_ready;
}

int rg_extract__gate_ready(const rg_extractor *ex)
{
    return ex->gate_ready;
}

int rg_extractor_new(rg_extractor **out, const rg_extract_options *opts)
{
    rg_extractor *ex = NULL;
    int error;

    RG_ASSERT_ARG(opts && opts->actors);
    *out = NULL;
    if (!(ex = rg__calloc(1, sizeof *ex))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    ex->opts = *opts;
    if (!ex->opts.date_window) {
        ex->opts.date_window = 400;
    }
    if ((error = extractor_matcher(ex)) < 0) {
        goto cleanup;
    }
    *out = ex;
    ex = NULL;
cleanup:
    rg_extractor_free(ex);
    return error;
}

void rg_evidence_free(rg_evidence *ev)
{
    if (!ev) {
        return;
    }
    rg__free(ev->clean);
    rg__free(ev->clean_map);
    rg__free(ev->sentences);
    rg__free(ev->mentions);
    rg__free(ev->relations);
    rg__free(ev->json);
    rg__free(ev);
}

/*
 * Buffers of one extraction. `key` is the fold of the cleaned text when
 * the cleaner hands it over (key_ok; else the matcher folds the text
 * itself); it, `html` and `sort` live only while the document is
 * extracted. `text` holds the cleaned text and its map, handed to the
 * evidence (or, for a lean extraction, taken back after the line, and
 * likewise `spans`).
 */
typedef struct {
    clean_out text;
    clean_key key;
    clean_out html;
    clean_segs segs;       /* a lean extraction's map of text, when seg_ok */
    int seg_ok;
    RG_VEC(rg_span) spans; /* a lean extraction's sentences */
    RG_VEC(rg_relation) sort;
    rg_strbuf json;
    int key_ok;
    int gate_ok; /* the gate may skip stance: the key is not odd */
    uint64_t side_hits[RG_EXTRACT__SIDE_WORDS]; /* the side keys found */
} ex_bufs;

/* The kept buffers of this thread (see rg_extract__reuse_begin): storage
 * only, taken by an extraction and put back when it ends. */
static _Thread_local struct {
    int depth;
    ex_bufs kept;
} ex_reuse;

/* A text longer than this gives its buffers back to malloc rather than
 * keeping ~9 bytes per byte of it for the thread's next documents. */
#define EX_KEEP_MAX ((size_t)1 << 18) /* 256 KiB: articles are a few KB */

static void ex_out_free(clean_out *o)
{
    rg__free(o->p);
    rg__free(o->map);
    o->p = NULL;
    o->map = NULL;
    o->len = o->cap = 0;
}

static void ex_bufs_free(ex_bufs *b)
{
    ex_out_free(&b->text);
    rg_clean__key_free(&b->key);
    ex_out_free(&b->html);
    RG_VEC_FREE(b->segs);
    RG_VEC_FREE(b->spans);
    RG_VEC_FREE(b->sort);
    rg_strbuf_dispose(&b->json);
}

/* Takes the kept buffers of this thread (empty outside a reuse bracket). */
static void ex_bufs_take(ex_bufs *b)
{
    memset(b, 0, sizeof *b);
    if (ex_reuse.depth > 0) {
        *b = ex_reuse.kept;
        memset(&ex_reuse.kept, 0, sizeof ex_reuse.kept);
    }
}

/* Keeps b's storage for the thread's next document, or frees it. */
static void ex_bufs_put(ex_bufs *b)
{
    if (ex_reuse.depth == 0 || b->text.cap > EX_KEEP_MAX || b->key.cap > EX_KEEP_MAX ||
        b->html.cap > EX_KEEP_MAX || b->json.alloc > 8 * EX_KEEP_MAX ||
        b->sort.cap > EX_KEEP_MAX / sizeof *b->sort.v ||
        b->spans.cap > EX_KEEP_MAX / sizeof *b->spans.v ||
        b->segs.cap > EX_KEEP_MAX / sizeof *b->segs.v) {
        ex_bufs_free(b);
        return;
    }
    b->text.len = b->key.len = b->html.len = b->segs.n = b->spans.n = b->sort.n = 0;
    b->json.len = 0;
    ex_bufs_free(&ex_reuse.kept); /* empty unless extractions nest */
    ex_reuse.kept = *b;
}

void rg_extract__reuse_begin(void)
{
    ex_reuse.depth++;
}

void rg_extract__reuse_end(void)
{
    if (ex_reuse.depth > 0 && --ex_reuse.depth == 0) {
        ex_bufs_free(&ex_reuse.kept);
    }
}

/* Steps 1-3: header token, cleaning, in-text date. The cleaned text and
 * its map are in bf->text (ev->clean and clean_map point there); lean
 * extraction takes the map as segments when it can (bf->seg_ok, then
 * ev->clean_map is NULL: only the JSON line reads it). */
static int extract_clean(rg_evidence *ev, ex_bufs *bf, const rg_extractor *ex, rg_document *doc,
                         int lean)
{
    rg_date d;
    size_t body = 0, i;
    int error;

    if (rg_date_find_header(&d, &body, doc->text, doc->len)) {
        if (doc->date_source == RG_DATE_NONE) {
            doc->date = d;
            doc->date_source = RG_DATE_HEADER;
        }
    } else {
        body = 0;
    }
    bf->seg_ok = 0;
    if (lean) {
        error = rg_clean__text_segs(&bf->text, &bf->segs, &bf->seg_ok, &bf->key, &bf->key_ok,
                                    &bf->html, doc->text + body, doc->len - body,
                                    ex->opts.boilerplate, &ex->opts.clean);
    } else {
        error = rg_clean__text_into(&bf->text, &bf->key, &bf->key_ok, &bf->html,
                                    doc->text + body, doc->len - body, ex->opts.boilerplate,
                                    &ex->opts.clean);
    }
    if (error < 0) {
        return error;
    }
    ev->clean = bf->text.p;
    ev->clean_len = bf->text.len;
    ev->clean_map = bf->seg_ok ? NULL : bf->text.map;
    for (i = 0; body > 0 && bf->seg_ok && i < bf->segs.n; i++) {
        bf->segs.v[i].src += body; /* most documents have no header token */
    }
    for (i = 0; body > 0 && !bf->seg_ok && i <= ev->clean_len; i++) {
        ev->clean_map[i] += body;
    }
    if (doc->date_source == RG_DATE_NONE &&
        rg_date_find_text(&d, ev->clean, ev->clean_len, ex->opts.date_window)) {
        doc->date = d;
        doc->date_source = RG_DATE_TEXT;
    }
    return RG_OK;
}

/* One step of the sentence hash: word w into state h. */
static inline uint64_t hash_step(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

/* Key of a sentence for the duplicate set: its length and its first,
 * middle and last 8 bytes (equal keys are confirmed with memcmp; a hash of
 * every byte was 1.9% of extraction cycles). Never 0 (an empty slot). */
static inline uint64_t sentence_hash(const char *p, size_t n)
{
    uint64_t a = 1469598103934665603ULL ^ n, w = 0, x = 0, y = 0;

    if (n >= 8) {
        memcpy(&w, p, 8);
        memcpy(&x, p + n / 2 - 4, 8);
        memcpy(&y, p + n - 8, 8);
    } else {
        memcpy(&w, p, n);
    }
    a = hash_step(a, w);
    a = hash_step(a ^ (y * 0x243F6A8885A308D3ULL), x);
    return a | 1;
}

/* Hash of every byte of a sentence, for a document whose sentences defeat
 * sentence_hash's sample (many of one length that agree on its three
 * words). Two lanes of 8 bytes (one multiply need not wait for the other),
 * the last bytes as one word. Never 0. */
static uint64_t sentence_hash_full(const char *p, size_t n)
{
    uint64_t a = 1469598103934665603ULL ^ n, b = 0x243F6A8885A308D3ULL, w = 0;
    size_t i = 0;

    for (; i + 16 <= n; i += 16) {
        uint64_t w2;
        memcpy(&w, p + i, 8);
        memcpy(&w2, p + i + 8, 8);
        a = hash_step(a, w);
        b = hash_step(b, w2);
    }
    if (i + 8 <= n) {
        memcpy(&w, p + i, 8);
        a = hash_step(a, w);
        i += 8;
    }
    if (i < n) {
        w = 0;
        /* the last 8 bytes (overlapping bytes already hashed) or all of them */
        memcpy(&w, n >= 8 ? p + n - 8 : p, n >= 8 ? 8 : n);
        b = hash_step(b, w);
    }
    return hash_step(a, b) | 1;
}

/* A slot of the duplicate set: hash (0 = empty) and the kept sentence. */
typedef struct {
    uint64_t hash;
    size_t owner;
} ex_slot;

#define EX_STACK_SLOTS 256 /* on the stack: a set for up to 128 sentences */

/* Equal sampled keys of different sentences after which the set is rebuilt
 * with the full hash (the sample was made for news text). */
#define EX_KEY_MISSES 32

/* The duplicate set over the kept sentences (ev->sentences[0..kept)). */
typedef struct {
    ex_slot *v;
    size_t cap;   /* a power of 2 */
    size_t misses;
    int full;     /* keys are sentence_hash_full */
} ex_set;

static inline uint64_t set_hash(const ex_set *st, const rg_evidence *ev, rg_span s)
{
    return st->full ? sentence_hash_full(ev->clean + s.start, s.end - s.start)
                    : sentence_hash(ev->clean + s.start, s.end - s.start);
}

/* 1 when a kept sentence equals s (hash h); else 0 and its free slot. */
static inline int set_find(ex_set *st, const rg_evidence *ev, rg_span s, uint64_t h, size_t *slot)
{
    size_t k;

    for (k = (size_t)h & (st->cap - 1); st->v[k].hash; k = (k + 1) & (st->cap - 1)) {
        rg_span o = ev->sentences[st->v[k].owner];
        if (st->v[k].hash == h && o.end - o.start == s.end - s.start) {
            if (memcmp(ev->clean + o.start, ev->clean + s.start, s.end - s.start) == 0) {
                return 1;
            }
            st->misses++;
        }
    }
    *slot = k;
    return 0;
}

/* Rebuilds the set of the kept sentences with full hashes (they are
 * distinct: each goes to the first free slot). */
static void set_go_full(ex_set *st, const rg_evidence *ev, size_t kept)
{
    size_t i, k;

    st->full = 1;
    memset(st->v, 0, st->cap * sizeof *st->v);
    for (i = 0; i < kept; i++) {
        uint64_t h = set_hash(st, ev, ev->sentences[i]);
        for (k = (size_t)h & (st->cap - 1); st->v[k].hash; k = (k + 1) & (st->cap - 1)) {
        }
        st->v[k].hash = h;
        st->v[k].owner = i;
    }
}

/* Documents of up to EX_FILTER_MAX sentences first go through dedupe_none:
 * does the document provably repeat no sentence? One bit per sentence in
 * a bitmap of 128 bits a sentence (2 KiB at most), from its length and
 * first 8 bytes. A bit met twice (a repeat, or a shared bit: about n/256
 * of documents of n sentences) has the sentences before searched for the
 * same key; one found (3 of 1,000 articles) sends the document to the
 * exact set, which cost 86 instructions a sentence, the filter about 30. */
#define EX_FILTER_MAX 128

/* The first 8 bytes of sentence s (fewer: zeros after its end). */
static inline uint64_t dedupe_key(const rg_evidence *ev, rg_span s)
{
    const unsigned char *t = (const unsigned char *)ev->clean + s.start;
    size_t n = s.end - s.start, k;
    uint64_t w = 0;

    if (s.start + 8 > ev->clean_len) { /* at the end of the text: byte by byte */
        for (k = 0; k < n && k < 8; k++) {
            w |= (uint64_t)t[k] << (8 * k);
        }
        return w;
    }
    memcpy(&w, t, 8);
    return n >= 8 ? w : w & ~(~(uint64_t)0 << (8 * n));
}

static int dedupe_none(const rg_evidence *ev)
{
    uint64_t bits[EX_FILTER_MAX * 128 / 64], w, h;
    size_t i, k, n, nbits = 512, shift = 55; /* index = the top log2(nbits) bits */

    for (; nbits < ev->n_sentences * 128; nbits *= 2) {
        shift--;
    }
    memset(bits, 0, nbits / 8);
    for (i = 0; i < ev->n_sentences; i++) {
        n = ev->sentences[i].end - ev->sentences[i].start;
        w = dedupe_key(ev, ev->sentences[i]);
        h = ((w ^ n) * 0x9E3779B97F4A7C15ULL) >> shift; /* equal keys, equal bits */
        if (bits[h / 64] >> (h % 64) & 1) {
            for (k = 0; k < i; k++) {
                rg_span o = ev->sentences[k];
                if (o.end - o.start == n && dedupe_key(ev, o) == w) {
                    return 0;
                }
            }
        }
        bits[h / 64] |= (uint64_t)1 << (h % 64);
    }
    return 1;
}

/* Step 4: drop sentences repeated word for word (hash set over the spans). */
static int extract_dedupe(rg_evidence *ev)
{
    ex_slot stack_slots[EX_STACK_SLOTS];
    ex_set st = { stack_slots, 16, 0, 0 };
    size_t i, kept = 0;

    if (ev->n_sentences <= EX_FILTER_MAX && dedupe_none(ev)) {
        return RG_OK;
    }
    while (st.cap < ev->n_sentences * 2) {
        st.cap *= 2;
    }
    if (st.cap > EX_STACK_SLOTS && !(st.v = rg__calloc(st.cap, sizeof *st.v))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if (st.v == stack_slots) {
        memset(st.v, 0, st.cap * sizeof *st.v);
    }
    for (i = 0; i < ev->n_sentences; i++) {
        rg_span s = ev->sentences[i];
        uint64_t h = set_hash(&st, ev, s);
        size_t slot;

        if (set_find(&st, ev, s, h, &slot)) {
            continue;
        }
        if (!st.full && st.misses > EX_KEY_MISSES) {
            set_go_full(&st, ev, kept);
            h = set_hash(&st, ev, s);
            if (set_find(&st, ev, s, h, &slot)) {
                continue; /* not reached: s matched no kept sentence above */
            }
        }
        st.v[slot].hash = h;
        st.v[slot].owner = kept;
        ev->sentences[kept++] = s;
    }
    ev->n_sentences = kept;
    if (st.v != stack_slots) {
        rg__free(st.v);
    }
    return RG_OK;
}

/* Step 5's scan: the matches into *m, the side keys into bf->side_hits, whether the key
 * is odd. The key: the cleaner's, or folded into bf->key, or (over 4 GiB) here. */
static int extract_scan(rg_match **m, size_t *nm, ex_bufs *bf, const rg_evidence *ev,
                        const rg_extractor *ex, const rg_date *date)
{
    char *key = NULL;
    size_t *map = NULL, klen = 0;
    int odd = 1, error;

    memset(bf->side_hits, 0, sizeof bf->side_hits);
    (void)rg_clean__key_ensure(&bf->key, &bf->key_ok, ev->clean, ev->clean_len); /* OOM: below */
    if (bf->key_ok) {
        error = rg_matcher__scan_side(m, nm, ex->matcher, ev->clean, ev->clean_len, bf->key.p,
                                      bf->key.len, NULL, bf->key.map, date, bf->side_hits);
        odd = bf->key.odd;
    } else if ((error = rg_text__fold_odd(&key, &klen, &map, ev->clean, ev->clean_len, &odd)) >=
               0) {
        error = rg_matcher__scan_side(m, nm, ex->matcher, ev->clean, ev->clean_len, key, klen,
                                      map, NULL, date, bf->side_hits);
    }
    bf->gate_ok = ex->gate_on && !odd;
    rg__free(key);
    rg__free(map);
    return error;
}

/* Step 5: matches -> mentions assigned to kept sentences (both sorted by start). */
static int extract_mentions(rg_evidence *ev, ex_bufs *bf, const rg_extractor *ex,
                            const rg_document *doc)
{
    rg_match *m = NULL;
    size_t nm = 0, i, s = 0;
    int error;

    if ((error = extract_scan(&m, &nm, bf, ev, ex, doc->date.year ? &doc->date : NULL)) < 0) {
        return error;
    }
    if (nm && !(ev->mentions = rg__calloc(nm, sizeof *ev->mentions))) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    for (i = 0; i < nm; i++) {
        while (s < ev->n_sentences && ev->sentences[s].end <= m[i].start) {
            s++;
        }
        if (s == ev->n_sentences) {
            break;
        }
        if (m[i].start < ev->sentences[s].start || m[i].end > ev->sentences[s].end) {
            continue; /* in a dropped (repeated) sentence or across a boundary */
        }
        ev->mentions[ev->n_mentions].actor = m[i].actor;
        ev->mentions[ev->n_mentions].sentence = s;
        ev->mentions[ev->n_mentions].start = m[i].start;
        ev->mentions[ev->n_mentions].end = m[i].end;
        ev->mentions[ev->n_mentions].kind = m[i].kind;
        ev->n_mentions++;
    }
cleanup:
    rg__free(m);
    return error;
}

static int push_relation(rg_evidence *ev, size_t *cap, const rg_relation *r)
{
    if (rg__vec_grow(&ev->relations, cap, ev->n_relations + 1, sizeof *ev->relations) < 0) {
        return RG_ERROR;
    }
    ev->relations[ev->n_relations++] = *r;
    return RG_OK;
}

/* Step 6: co-mention pairs per sentence. Mentions [lo, hi) share one sentence. */
static int extract_comentions(rg_evidence *ev, const rg_actors *a, size_t *cap,
                              size_t lo, size_t hi)
{
    size_t i, j, k;

    for (i = lo; i < hi; i++) {
        int ai = ev->mentions[i].actor, seen = 0;
        for (k = lo; k < i; k++) {
            seen |= ev->mentions[k].actor == ai;
        }
        if (seen) {
            continue;
        }
        for (j = i + 1; j < hi; j++) {
            int aj = ev->mentions[j].actor;
            rg_relation r = { RG_REL_COMENTION, ai, aj, ev->mentions[i].sentence,
                              0, 0.0, NULL, 0, 0 };
            if (aj == ai) {
                continue;
            }
            seen = 0; /* the pair was emitted at the first mention of aj */
            for (k = lo; k < j; k++) {
                seen |= ev->mentions[k].actor == aj;
            }
            if (seen) {
                continue;
            }
            if (strcmp(rg_actors_id(a, (size_t)ai), rg_actors_id(a, (size_t)aj)) > 0) {
                r.source = aj;
                r.target = ai;
            }
            if (push_relation(ev, cap, &r) < 0) {
                return RG_ERROR;
            }
        }
    }
    return RG_OK;
}

static int relation_cmp(const rg_relation *a, const rg_relation *b, const rg_actors *act)
{
    int c;

    if (a->sentence != b->sentence) {
        return a->sentence < b->sentence ? -1 : 1;
    }
    if (a->type != b->type) {
        return a->type < b->type ? -1 : 1;
    }
    if ((c = strcmp(rg_actors_id(act, (size_t)a->source),
                    rg_actors_id(act, (size_t)b->source))) != 0) {
        return c;
    }
    if ((c = strcmp(rg_actors_id(act, (size_t)a->target),
                    rg_actors_id(act, (size_t)b->target))) != 0) {
        return c;
    }
    if (a->cue_start != b->cue_start) {
        return a->cue_start < b->cue_start ? -1 : 1;
    }
    return a->sign - b->sign;
}

/* Stable merge sort keyed by relation_cmp (qsort has no payload argument). */
static int sort_relations(rg_relation *r, size_t n, const rg_actors *act, ex_bufs *bf)
{
    rg_relation *tmp;
    size_t width, i;

    if (n < 2) {
        return RG_OK;
    }
    if (rg__vec_grow(&bf->sort.v, &bf->sort.cap, n, sizeof *tmp) < 0) {
        return RG_ERROR;
    }
    tmp = bf->sort.v;
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi) {
                tmp[k++] = relation_cmp(&r[b], &r[a], act) < 0 ? r[b++] : r[a++];
            }
            while (a < mid) {
                tmp[k++] = r[a++];
            }
            while (b < hi) {
                tmp[k++] = r[b++];
            }
        }
        memcpy(r, tmp, n * sizeof *r);
    }
    return RG_OK;
}

/* Steps 6-8. */
static int extract_relations(rg_evidence *ev, ex_bufs *bf, const rg_extractor *ex,
                             const rg_document *doc)
{
    rg_stance_ctx *ctx = NULL;
    const rg_date *date = doc->date.year ? &doc->date : NULL;
    size_t cap = 0, lo = 0, s;
    int error = RG_OK;

    if (ex->opts.lexicon &&
        !(bf->gate_ok &&
          rg_extract__gate_skips(ex->gate, ev, ex->opts.actors, date, bf->side_hits)) &&
        (error = rg_stance_ctx_new(&ctx, ex->opts.actors, date, &ex->opts.stance)) < 0) {
        return error;
    }
    for (s = 0; s < ev->n_sentences; s++) {
        size_t hi = lo;
        while (hi < ev->n_mentions && ev->mentions[hi].sentence == s) {
            hi++;
        }
        if ((error = extract_comentions(ev, ex->opts.actors, &cap, lo, hi)) < 0) {
            goto cleanup;
        }
        if (ctx && (error = rg_stance_sentence(&ev->relations, &ev->n_relations, &cap,
                                               ex->opts.lexicon, ctx, ev->clean,
                                               ev->sentences[s], s,
                                               /* no mentions: NULL, and NULL + 0 is UB */
                                               ev->mentions ? ev->mentions + lo : NULL,
                                               hi - lo)) < 0) {
            goto cleanup;
        }
        lo = hi;
    }
    error = sort_relations(ev->relations, ev->n_relations, ex->opts.actors, bf);
cleanup:
    rg_stance_ctx_free(ctx);
    return error;
}

/* Step 4's split: the spans in bf->spans (lean) or of their own. */
static int extract_split(rg_evidence *ev, ex_bufs *bf, int lean)
{
    int error;

    if (!lean) {
        return rg_sentences_split(&ev->sentences, &ev->n_sentences, ev->clean, ev->clean_len);
    }
    error = rg_sentence__split_into(&bf->spans.v, &ev->n_sentences, &bf->spans.cap, ev->clean,
                                    ev->clean_len);
    ev->sentences = bf->spans.v;
    return error;
}

/* Steps 1-8 into ev, with the buffers bf (ev->clean and clean_map point
 * into bf->text; ev->sentences into bf->spans when lean). */
static int extract_steps(rg_evidence *ev, ex_bufs *bf, const rg_extractor *ex, rg_document *doc,
                         int lean)
{
    int error;

    if ((error = extract_clean(ev, bf, ex, doc, lean)) < 0 ||
        (error = extract_split(ev, bf, lean)) < 0 ||
        (error = extract_dedupe(ev)) < 0 ||
        (error = extract_mentions(ev, bf, ex, doc)) < 0 ||
        (error = extract_relations(ev, bf, ex, doc)) < 0) {
        return error;
    }
    return RG_OK;
}

/* The JSON line of ev into ev->json, formatted in bf->json and copied at
 * its size (the evidence leaves the thread; the kept buffer stays). */
static int extract_json(rg_evidence *ev, ex_bufs *bf, const rg_actors *json)
{
    int error;

    bf->json.len = 0;
    if ((error = rg_evidence__json_put(&bf->json, ev, json, bf->seg_ok ? &bf->segs : NULL)) < 0) {
        return error;
    }
    if (!(ev->json = rg__malloc(bf->json.len + 1))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    memcpy(ev->json, bf->json.ptr, bf->json.len + 1);
    ev->json_len = bf->json.len;
    return RG_OK;
}

int rg_extract__run(rg_evidence **out, const rg_extractor *ex, rg_document *doc,
                    const rg_actors *json, int lean)
{
    rg_evidence *ev = NULL;
    ex_bufs bf;
    int error;

    *out = NULL;
    if (!(ev = rg__calloc(1, sizeof *ev))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    ev->doc = doc;
    ex_bufs_take(&bf);
    if (!lean) {
        ex_out_free(&bf.text); /* the evidence's text: storage of its own */
    }
    error = extract_steps(ev, &bf, ex, doc, lean);
    if (error >= 0 && json) {
        error = extract_json(ev, &bf, json);
    }
    if (lean) { /* the text, its map and the spans stay with bf (kept or freed there) */
        ev->clean = NULL;
        ev->clean_map = NULL;
        ev->sentences = NULL;
    } else if (ev->clean) { /* handed to the evidence */
        bf.text.p = NULL;
        bf.text.map = NULL;
        bf.text.cap = 0;
    }
    ex_bufs_put(&bf);
    if (error < 0) {
        rg_evidence_free(ev);
        return error;
    }
    *out = ev;
    return RG_OK;
}

int rg_extract_document(rg_evidence **out, const rg_extractor *ex, rg_document *doc)
{
    return rg_extract__run(out, ex, doc, NULL, 0);
}
