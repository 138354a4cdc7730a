/* SPDX-License-Identifier: MIT */
/*
 * Streaming aggregation of evidence (rg zone, no igraph). One rg_slice per
 * period plus the overall slice; each holds per-node counters and an
 * open-addressing hash map from an actor pair (u < v) to its rg_pair record.
 * Memory grows with actors, pairs and periods, never with documents, except
 * for the per-pair document id lists, which are capped.
 */
#include <stdio.h>  /* snprintf */
#include <stdlib.h> /* qsort */
#include <string.h> /* strcmp, memmove, memset */

#include <relgraph/graph.h>

#include "common.h"
#include "graph_core.h"

/*
 * HOW IT WORKS
 * Nodes are the dictionary actors of the layer, numbered in byte order of
 * their ids, so "u < v" for node numbers is also "id(u) < id(v)" and every
 * later output is sorted by construction. A document is folded into at most
 * two slices: its period (if its date is precise enough) and "all". Counts
 * of distinct documents use a stamp (the document's sequence number + 1):
 * a pair or node counts a document when its stamp differs from the
 * current one. Example: a document with comentions (a,b) in sentences 0 and
 * 2 adds 2 to pair(a,b).comention and 1 to pair(a,b).documents.
 * Co-mentions are per sentence already; an exact repeat of the previous
 * relation (same type, sentence and pair) is skipped so weights stay
 * "distinct sentences" even if an extractor emits duplicates.
 */

const char *rg_period_kind_name(rg_period_kind k)
{
    switch (k) {
    case RG_PERIOD_MONTH: return "month";
    case RG_PERIOD_QUARTER: return "quarter";
    case RG_PERIOD_YEAR: return "year";
    }
    return "?";
}

int rg_period_kind_parse(rg_period_kind *out, const char *s)
{
    static const rg_period_kind kinds[] = { RG_PERIOD_MONTH, RG_PERIOD_QUARTER,
                                            RG_PERIOD_YEAR };
    size_t i;

    RG_ASSERT_ARG(out && s);
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(s, rg_period_kind_name(kinds[i])) == 0) {
            *out = kinds[i];
            return RG_OK;
        }
    }
    rg__error_set(RG_EINVAL, "unknown period \"%s\" (month, quarter or year)", s);
    return RG_EINVAL;
}

const char *rg_layer_name(rg_layer l)
{
    switch (l) {
    case RG_LAYER_PERSONS: return "persons";
    case RG_LAYER_STATES: return "states";
    case RG_LAYER_ALL: return "all";
    }
    return "?";
}

int rg_layer_parse(rg_layer *out, const char *s)
{
    static const rg_layer layers[] = { RG_LAYER_PERSONS, RG_LAYER_STATES, RG_LAYER_ALL };
    size_t i;

    RG_ASSERT_ARG(out && s);
    for (i = 0; i < sizeof layers / sizeof layers[0]; i++) {
        if (strcmp(s, rg_layer_name(layers[i])) == 0) {
            *out = layers[i];
            return RG_OK;
        }
    }
    rg__error_set(RG_EINVAL, "unknown layer \"%s\" (persons, states or all)", s);
    return RG_EINVAL;
}

/* Sortable code of a date's period, or -1 when it has none. */
static int period_code(rg_period_kind k, const rg_date *d)
{
    if (d->year <= 0 || d->year > 9999) {
        return -1;
    }
    switch (k) {
    case RG_PERIOD_MONTH:
        return d->month >= 1 && d->month <= 12 ? d->year * 100 + d->month : -1;
    case RG_PERIOD_QUARTER:
        return d->month >= 1 && d->month <= 12 ? d->year * 10 + (d->month + 2) / 3 : -1;
    case RG_PERIOD_YEAR:
        return d->year;
    }
    return -1;
}

static void period_format(char *buf, size_t size, rg_period_kind k, int code)
{
    switch (k) {
    case RG_PERIOD_MONTH:
        snprintf(buf, size, "%04d-%02d", code / 100, code % 100);
        return;
    case RG_PERIOD_QUARTER:
        snprintf(buf, size, "%04d-Q%d", code / 10, code % 10);
        return;
    case RG_PERIOD_YEAR:
        snprintf(buf, size, "%04d", code);
        return;
    }
    snprintf(buf, size, "?");
}

int rg_period_key(char *buf, size_t size, rg_period_kind k, const rg_date *d)
{
    int code;

    RG_ASSERT_ARG(buf && size > 0 && d);
    code = period_code(k, d);
    if (code < 0) {
        buf[0] = '\0';
        return 0;
    }
    period_format(buf, size, k, code);
    return 1;
}

static int days_in_month(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return m == 2 && leap ? 29 : days[m - 1];
}

/* First and last month of a period code. */
static void period_months(int *y, int *m0, int *m1, rg_period_kind k, int code)
{
    switch (k) {
    case RG_PERIOD_MONTH:
        *y = code / 100;
        *m0 = *m1 = code % 100;
        return;
    case RG_PERIOD_QUARTER:
        *y = code / 10;
        *m0 = 3 * (code % 10) - 2;
        *m1 = *m0 + 2;
        return;
    case RG_PERIOD_YEAR:
        *y = code;
        *m0 = 1;
        *m1 = 12;
        return;
    }
    *y = 1970;
    *m0 = *m1 = 1;
}

void rg_graph__slice_bounds(char *start, char *end, size_t size,
                            const rg_agg *agg, const rg_slice *s)
{
    int y, m0, m1, y1, m2, m3;
    int first, last;

    start[0] = end[0] = '\0';
    if (s == &agg->overall) {
        if (agg->n_periods == 0) {
            return;
        }
        first = agg->periods[0]->code;
        last = agg->periods[agg->n_periods - 1]->code;
    } else {
        first = last = s->code;
    }
    period_months(&y, &m0, &m1, agg->opts.period, first);
    period_months(&y1, &m2, &m3, agg->opts.period, last);
    snprintf(start, size, "%04d-%02d-01", y, m0);
    snprintf(end, size, "%04d-%02d-%02d", y1, m3, days_in_month(y1, m3));
}

/* ---- slices ---- */

static void pair_dispose(rg_pair *p)
{
    size_t i;

    for (i = 0; i < p->n_doc_ids; i++) {
        rg__free(p->doc_ids[i]);
    }
    rg__free(p->doc_ids);
}

static void slice_dispose(rg_slice *s)
{
    size_t i;

    if (!s) {
        return;
    }
    for (i = 0; i < s->n_pairs; i++) {
        pair_dispose(&s->pairs[i]);
    }
    rg__free(s->pairs);
    rg__free(s->slots);
    rg__free(s->mentions);
    rg__free(s->node_docs);
    rg__free(s->node_last);
    memset(s, 0, sizeof *s);
}

static int slice_init(rg_slice *s, size_t n_nodes, const char *key, int code)
{
    memset(s, 0, sizeof *s);
    snprintf(s->key, sizeof s->key, "%s", key);
    s->code = code;
    s->mentions = rg__calloc(n_nodes, sizeof *s->mentions);
    s->node_docs = rg__calloc(n_nodes, sizeof *s->node_docs);
    s->node_last = rg__calloc(n_nodes, sizeof *s->node_last);
    if (!s->mentions || !s->node_docs || !s->node_last) {
        slice_dispose(s);
        rg__error_set_oom();
        return RG_ERROR;
    }
    return RG_OK;
}

static uint64_t pair_hash(uint32_t u, uint32_t v)
{
    uint64_t h = ((uint64_t)u << 32) | v;

    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

static int slice_rehash(rg_slice *s)
{
    size_t n = s->n_slots ? s->n_slots * 2 : 64;
    uint32_t *slots = rg__calloc(n, sizeof *slots);
    size_t i;

    if (!slots) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < s->n_pairs; i++) {
        size_t j = (size_t)pair_hash(s->pairs[i].u, s->pairs[i].v) & (n - 1);
        while (slots[j]) {
            j = (j + 1) & (n - 1);
        }
        slots[j] = (uint32_t)(i + 1);
    }
    rg__free(s->slots);
    s->slots = slots;
    s->n_slots = n;
    return RG_OK;
}

/* The pair record of (u, v), u < v, created empty when new; NULL on OOM. */
static rg_pair *slice_pair(rg_slice *s, uint32_t u, uint32_t v)
{
    size_t j;
    rg_pair *p;

    if ((s->n_pairs + 1) * 10 > s->n_slots * 7 && slice_rehash(s) != RG_OK) {
        return NULL;
    }
    j = (size_t)pair_hash(u, v) & (s->n_slots - 1);
    while (s->slots[j]) {
        p = &s->pairs[s->slots[j] - 1];
        if (p->u == u && p->v == v) {
            return p;
        }
        j = (j + 1) & (s->n_slots - 1);
    }
    if (s->n_pairs >= UINT32_MAX - 1 ||
        rg__vec_grow(&s->pairs, &s->cap_pairs, s->n_pairs + 1, sizeof *s->pairs)) {
        rg__error_set_oom();
        return NULL;
    }
    p = &s->pairs[s->n_pairs++];
    memset(p, 0, sizeof *p);
    p->u = u;
    p->v = v;
    s->slots[j] = (uint32_t)s->n_pairs;
    return p;
}

/* Keeps the RG_AGG_DOC_IDS_MAX smallest distinct ids, sorted. */
static int pair_add_doc_id(rg_pair *p, const char *id)
{
    size_t lo = 0, hi = p->n_doc_ids;
    char *copy;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(p->doc_ids[mid], id);
        if (c == 0) {
            return RG_OK;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo >= RG_AGG_DOC_IDS_MAX) {
        return RG_OK;
    }
    if (!p->doc_ids) {
        p->doc_ids = rg__calloc(RG_AGG_DOC_IDS_MAX, sizeof *p->doc_ids);
        if (!p->doc_ids) {
            rg__error_set_oom();
            return RG_ERROR;
        }
    }
    copy = rg__strdup(id);
    if (!copy) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if (p->n_doc_ids == RG_AGG_DOC_IDS_MAX) {
        rg__free(p->doc_ids[--p->n_doc_ids]);
    }
    memmove(&p->doc_ids[lo + 1], &p->doc_ids[lo],
            (p->n_doc_ids - lo) * sizeof *p->doc_ids);
    p->doc_ids[lo] = copy;
    p->n_doc_ids++;
    return RG_OK;
}

static int same_relation(const rg_relation *a, const rg_relation *b)
{
    return a->type == b->type && a->sentence == b->sentence &&
           a->source == b->source && a->target == b->target;
}

static int node_of(const rg_agg *agg, int actor)
{
    if (actor < 0 || (size_t)actor >= agg->n_actors) {
        return -1;
    }
    return agg->node_of_actor[actor];
}

static void stance_add(rg_stance_acc *acc, const rg_relation *r)
{
    double w = r->weight < 0 ? -r->weight : r->weight;

    if (r->sign > 0) {
        acc->pos_n++;
        acc->pos_sum += w;
    } else if (r->sign < 0) {
        acc->neg_n++;
        acc->neg_sum += w;
    } else {
        acc->neu_n++;
    }
}

static int slice_add_relation(rg_slice *s,           /* target slice */
                              const rg_agg *agg,     /* node mapping */
                              const rg_relation *r,  /* the evidence */
                              size_t stamp,          /* document stamp */
                              const char *doc_id)    /* for the id list */
{
    int a = node_of(agg, r->source), b = node_of(agg, r->target);
    rg_pair *p;

    if (a < 0 || b < 0 || a == b) {
        return RG_OK;
    }
    p = slice_pair(s, (uint32_t)(a < b ? a : b), (uint32_t)(a < b ? b : a));
    if (!p) {
        return RG_ERROR;
    }
    if (p->last_doc != stamp) {
        p->last_doc = stamp;
        p->documents++;
        if (doc_id && pair_add_doc_id(p, doc_id) != RG_OK) {
            return RG_ERROR;
        }
    }
    switch (r->type) {
    case RG_REL_COMENTION:
        p->comention++;
        break;
    case RG_REL_STANCE:
        stance_add(&p->st[(uint32_t)a == p->u ? 0 : 1], r);
        break;
    case RG_REL_TONE:
        p->tone_n++;
        p->tone_sum += r->sign > 0 ? 1.0 : r->sign < 0 ? -1.0 : 0.0;
        break;
    }
    return RG_OK;
}

static int slice_add(rg_slice *s, const rg_agg *agg, const rg_evidence *ev, size_t stamp)
{
    const char *doc_id = ev->doc ? ev->doc->id : NULL;
    size_t i;

    s->documents++;
    for (i = 0; i < ev->n_mentions; i++) {
        int n = node_of(agg, ev->mentions[i].actor);
        if (n < 0) {
            continue;
        }
        s->mentions[n]++;
        if (s->node_last[n] != stamp) {
            s->node_last[n] = stamp;
            s->node_docs[n]++;
        }
    }
    for (i = 0; i < ev->n_relations; i++) {
        if (i > 0 && same_relation(&ev->relations[i], &ev->relations[i - 1])) {
            continue;
        }
        if (slice_add_relation(s, agg, &ev->relations[i], stamp, doc_id) != RG_OK) {
            return RG_ERROR;
        }
    }
    return RG_OK;
}

/* The slice of a period code, created when new (kept sorted by code). */
static rg_slice *agg_period(rg_agg *agg, int code)
{
    size_t lo = 0, hi = agg->n_periods;
    rg_slice *s = NULL;
    char key[16];

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (agg->periods[mid]->code == code) {
            return agg->periods[mid];
        }
        if (agg->periods[mid]->code < code) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (rg__vec_grow(&agg->periods, &agg->cap_periods, agg->n_periods + 1,
                     sizeof *agg->periods)) {
        return NULL;
    }
    s = rg__malloc(sizeof *s);
    period_format(key, sizeof key, agg->opts.period, code);
    if (!s || slice_init(s, agg->n_nodes, key, code) != RG_OK) {
        rg__free(s);
        rg__error_set_oom();
        return NULL;
    }
    memmove(&agg->periods[lo + 1], &agg->periods[lo],
            (agg->n_periods - lo) * sizeof *agg->periods);
    agg->periods[lo] = s;
    agg->n_periods++;
    return s;
}

int rg_agg_add(rg_agg *agg, const rg_evidence *ev)
{
    rg_slice *period = NULL;
    int code = -1;
    size_t stamp;
    int error = RG_OK;

    RG_ASSERT_ARG(agg && ev);
    if (ev->doc) {
        code = period_code(agg->opts.period, &ev->doc->date);
        if (ev->doc->date.year == 0) {
            agg->undated++;
        } else if (code < 0) {
            agg->unplaced++;
        }
    } else {
        agg->undated++;
    }
    if (code >= 0 && !(period = agg_period(agg, code))) {
        error = RG_ERROR;
        goto cleanup;
    }
    stamp = ++agg->documents;
    if ((error = slice_add(&agg->overall, agg, ev, stamp)) != RG_OK) {
        goto cleanup;
    }
    if (period && (error = slice_add(period, agg, ev, stamp)) != RG_OK) {
        goto cleanup;
    }
cleanup:
    return error;
}

/* ---- lifecycle ---- */

typedef struct {
    const char *id;
    size_t actor;
} node_key;

static int node_key_cmp(const void *a, const void *b)
{
    return strcmp(((const node_key *)a)->id, ((const node_key *)b)->id);
}

static int layer_has(rg_layer layer, rg_actor_type t)
{
    switch (layer) {
    case RG_LAYER_PERSONS: return t == RG_ACTOR_PERSON;
    case RG_LAYER_STATES: return t == RG_ACTOR_STATE;
    case RG_LAYER_ALL: return 1;
    }
    return 0;
}

/* Nodes: the actors of the layer, numbered in byte order of their ids. */
static int agg_nodes(rg_agg *agg)
{
    node_key *keys = NULL;
    size_t i;

    agg->n_actors = rg_actors_count(agg->actors);
    agg->actor_of_node = rg__calloc(agg->n_actors, sizeof *agg->actor_of_node);
    agg->node_of_actor = rg__calloc(agg->n_actors, sizeof *agg->node_of_actor);
    keys = rg__calloc(agg->n_actors + 1, sizeof *keys);
    if (!agg->actor_of_node || !agg->node_of_actor || !keys) {
        rg__free(keys);
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < agg->n_actors; i++) {
        agg->node_of_actor[i] = -1;
        if (layer_has(agg->opts.layer, rg_actors_type(agg->actors, i))) {
            keys[agg->n_nodes].id = rg_actors_id(agg->actors, i);
            keys[agg->n_nodes++].actor = i;
        }
    }
    qsort(keys, agg->n_nodes, sizeof *keys, node_key_cmp);
    for (i = 0; i < agg->n_nodes; i++) {
        agg->actor_of_node[i] = keys[i].actor;
        agg->node_of_actor[keys[i].actor] = (int)i;
    }
    rg__free(keys);
    return RG_OK;
}

int rg_agg_new(rg_agg **out, const rg_actors *actors, const rg_agg_options *opts)
{
    static const rg_agg_options defaults = RG_AGG_OPTIONS_INIT;
    rg_agg *agg = NULL;
    int error = RG_OK;

    RG_ASSERT_ARG(out && actors);
    *out = NULL;
    if (!(agg = rg__calloc(1, sizeof *agg))) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    agg->actors = actors;
    agg->opts = opts ? *opts : defaults;
    if ((error = agg_nodes(agg)) != RG_OK ||
        (error = slice_init(&agg->overall, agg->n_nodes, "all", 0)) != RG_OK) {
        goto cleanup;
    }
    *out = agg;
    agg = NULL;
cleanup:
    rg_agg_free(agg);
    return error;
}

void rg_agg_free(rg_agg *agg)
{
    size_t i;

    if (!agg) {
        return;
    }
    for (i = 0; i < agg->n_periods; i++) {
        slice_dispose(agg->periods[i]);
        rg__free(agg->periods[i]);
    }
    rg__free(agg->periods);
    slice_dispose(&agg->overall);
    rg__free(agg->actor_of_node);
    rg__free(agg->node_of_actor);
    rg__free(agg);
}

size_t rg_agg_documents(const rg_agg *agg)
{
    return agg->documents;
}

size_t rg_agg_undated(const rg_agg *agg)
{
    return agg->undated;
}

size_t rg_agg_unplaced(const rg_agg *agg)
{
    return agg->unplaced;
}

size_t rg_agg_periods(const rg_agg *agg)
{
    return agg->n_periods;
}

const char *rg_agg_period_key(const rg_agg *agg, size_t i)
{
    RG_ASSERT_ARG(i < agg->n_periods);
    return agg->periods[i]->key;
}
