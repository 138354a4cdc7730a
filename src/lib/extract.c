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
 *   4. The matcher finds mentions over the whole cleaned text (folded once:
 *      the cleaner hands over its joined line folds when they are exactly
 *      the fold of the text, see clean.c) at the document's date (roles
 *      such as "le président russe" need it). A lazy extraction (`build`)
 *      stops here when nothing was found and the gate proves that stance
 *      will find nothing either: such a document has no sentence to split.
 *   5. Sentences are split; a sentence repeated word for word (a photo
 *      caption repeating the lead) is kept once (extract_dedupe.c); each
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

/* Step 4: the scan: the matches into *m, the side keys into bf->side_hits, whether the key
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

/* Step 5: the matches m[0..nm) -> mentions assigned to kept sentences (both sorted by start). */
static int extract_mentions(rg_evidence *ev, const rg_match *m, size_t nm)
{
    size_t i, s = 0;

    if (nm && !(ev->mentions = rg__calloc(nm, sizeof *ev->mentions))) {
        rg__error_set_oom();
        return RG_ERROR;
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
    return RG_OK;
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

/* Step 5's split: the spans in bf->spans (lean) or of their own. */
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

/* A lazy extraction's shortcut (extract_gate.c, 4 of HOW IT WORKS): the
 * scan found no match, and the stance pass provably yields nothing
 * whatever the sentences; ev has no sentence yet, so the gate reads none. */
static int extract_idle(const rg_evidence *ev, const ex_bufs *bf, const rg_extractor *ex,
                        const rg_document *doc)
{
    return !ex->opts.lexicon ||
           (bf->gate_ok && rg_extract__gate_idle(ex->gate, ev, ex->opts.actors,
                                                 doc->date.year ? &doc->date : NULL,
                                                 bf->side_hits));
}

/* Steps 1-8 into ev, with the buffers bf (ev->clean and clean_map point
 * into bf->text; ev->sentences into bf->spans when lean). The matches are
 * found before the sentences, so that a lazy extraction (rg_extract__run)
 * can stop there. */
static int extract_steps(rg_evidence *ev, ex_bufs *bf, const rg_extractor *ex, rg_document *doc,
                         int mode)
{
    int lean = mode & RG_EXTRACT__LEAN, error;
    rg_match *m = NULL;
    size_t nm = 0;

    if ((error = extract_clean(ev, bf, ex, doc, lean)) >= 0 &&
        (error = extract_scan(&m, &nm, bf, ev, ex, doc->date.year ? &doc->date : NULL)) >= 0 &&
        !((mode & RG_EXTRACT__LAZY) && nm == 0 && extract_idle(ev, bf, ex, doc)) &&
        (error = extract_split(ev, bf, lean)) >= 0 && (error = rg_extract__dedupe(ev)) >= 0 &&
        (error = extract_mentions(ev, m, nm)) >= 0) {
        error = extract_relations(ev, bf, ex, doc);
    }
    rg__free(m);
    return error < 0 ? error : RG_OK;
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
                    const rg_actors *json, int mode)
{
    rg_evidence *ev = NULL;
    ex_bufs bf;
    int lean = mode & RG_EXTRACT__LEAN, error;

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
    if (!lean || json) {
        mode &= ~RG_EXTRACT__LAZY; /* the text, or the line's sentence count, is wanted */
    }
    error = extract_steps(ev, &bf, ex, doc, mode);
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
