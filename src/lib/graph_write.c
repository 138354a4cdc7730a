/* SPDX-License-Identifier: MIT */
/*
 * Writers of the graph core: metrics.json (docs/metrics.md) and Graphology
 * JSON (docs/graph-json.md), built with rg_strbuf. Keys are written in byte
 * order by construction, reals with at most 6 decimals (NaN/Inf never
 * reach the output: they are written as 0), two-space indentation, arrays of
 * scalars on one line. The same calls also fill the exporters' graph model
 * (export_load.h), so GEXF and CSV are written from memory with what the
 * files hold (rg_graph__fill_model); graph_output.c drives the job.
 */
#include <stdio.h>  /* snprintf */
#include <stdlib.h> /* qsort */
#include <string.h> /* strlen, strcmp */

#include <relgraph/graph.h>

#include "common.h"
#include "export_load.h"
#include "graph_core.h"
#include "strbuf.h"

#define RG_METRICS_SCHEMA 1

/* ---- a tiny pretty JSON writer ---- */

typedef struct {
    rg_strbuf *b;
    rg_xgraph *x;       /* set: attributes go to this export model, no text */
    rg_strbuf *num;     /* with x: scratch for the text of a number */
    int depth;
    int inline_depth;   /* > 0: inside a one-line array */
    int has_items;      /* the current container has an item */
    int after_key;      /* a key was just written */
    int error;
} jw;

static void jw_raw(jw *w, const char *s)
{
    if (!w->error) {
        w->error = rg_strbuf_puts(w->b, s);
    }
}

static void jw_char(jw *w, char c)
{
    if (!w->error) {
        w->error = rg_strbuf_putc(w->b, c);
    }
}

/* Sets b's length to end (inside its room) and the NUL after it. */
static void jw_put_end(rg_strbuf *b, char *end)
{
    b->len = (size_t)(end - b->ptr);
    *end = '\0';
}

/* Room a separator at depth d may use when written in place: its bytes and
 * a block copy's overshoot. */
#define JW_SEP_ROOM(d) (2 * (size_t)((d) > 0 ? (d) : 0) + 66)

/* An optional comma, a newline and the indentation of `depth` (two spaces a
 * level) written at p (JW_SEP_ROOM(depth) bytes of room), copied as fixed
 * 64-byte blocks; returns the end. metrics.json is mostly punctuation and
 * indentation, and one append a piece was half of its writing. */
static char *jw_newline_at(char *p, int comma, int depth)
{
    static const char nl_spaces[] = ",\n"
                                    "                                "
                                    "                                ";
    size_t n = 2 * (size_t)depth, k = n < 64 ? n : 64, c = comma != 0;

    memcpy(p, nl_spaces + !c, 65);
    for (p += 1 + c + k, n -= k; n > 0; p += k, n -= k) {
        k = n < 64 ? n : 64;
        memcpy(p, nl_spaces + 2, 64);
    }
    return p;
}

/* jw_sep's bytes written at p, in JW_SEP_ROOM(w->depth) bytes reserved with
 * what follows them (a key and its number: one capacity check); returns
 * the end. */
static char *jw_sep_at(jw *w, char *p)
{
    if (w->after_key) {
        w->after_key = 0;
        return p;
    }
    if (w->inline_depth > 0) {
        if (w->has_items) {
            memcpy(p, ", ", 2);
            p += 2;
        }
    } else if (w->depth > 0) {
        p = jw_newline_at(p, w->has_items, w->depth);
    } else if (w->has_items) {
        *p++ = ',';
    }
    w->has_items = 1;
    return p;
}

static void jw_sep(jw *w)
{
    if (!w->error && (w->error = rg_strbuf_reserve(w->b, JW_SEP_ROOM(w->depth))) == RG_OK) {
        jw_put_end(w->b, jw_sep_at(w, w->b->ptr + w->b->len));
    }
}

static void jw_escaped(jw *w, const char *s)
{
    if (!w->error) {
        w->error = rg_strbuf_put_json_escaped(w->b, s, strlen(s));
    }
}

static void jw_string(jw *w, const char *s)
{
    jw_sep(w);
    jw_char(w, '"');
    jw_escaped(w, s);
    jw_char(w, '"');
}

/* 1 when s needs no JSON escaping: ids and the fixed names always. */
static int jw_plain(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\') {
            return 0;
        }
    }
    return 1;
}

/* "k": (k[0..n), needing no escaping) written at p; returns the end. */
static char *jw_key_at(char *p, const char *k, size_t n)
{
    *p = '"';
    memcpy(p + 1, k, n);
    memcpy(p + 1 + n, "\": ", 3);
    return p + n + 4;
}

/* "k": with its separator under one capacity check when k needs no
 * escaping: a key took four appends and two scans, and metrics.json is
 * mostly keys. */
static void jw_key(jw *w, const char *k)
{
    size_t n = strlen(k);

    if (!jw_plain(k, n)) {
        jw_sep(w);
        jw_char(w, '"');
        jw_escaped(w, k);
        jw_raw(w, "\": ");
    } else if (!w->error &&
               (w->error = rg_strbuf_reserve(w->b, JW_SEP_ROOM(w->depth) + n + 4)) == RG_OK) {
        jw_put_end(w->b, jw_key_at(jw_sep_at(w, w->b->ptr + w->b->len), k, n));
    }
    w->after_key = 1;
}

int rg_graph__put_real(rg_strbuf *b, double x)
{
    int error = rg_strbuf_reserve(b, RG_STRBUF_NUM_MAX);

    if (error == RG_OK) {
        jw_put_end(b, rg_graph__num_at(b->ptr + b->len, x));
    }
    return error;
}

static void jw_num(jw *w, double x)
{
    jw_sep(w);
    if (!w->error) {
        w->error = rg_graph__put_real(w->b, x);
    }
}

static void jw_begin(jw *w, const char *open, int one_line)
{
    if (w->x) {
        return;
    }
    jw_sep(w);
    jw_raw(w, open);
    w->depth++;
    if (one_line || w->inline_depth > 0) {
        w->inline_depth++;
    }
    w->has_items = 0;
}

static void jw_end(jw *w, const char *close)
{
    int had = w->has_items;

    if (w->x) {
        return;
    }
    w->depth--;
    if (w->inline_depth > 0) {
        w->inline_depth--;
    } else if (had) {
        if (!w->error && (w->error = rg_strbuf_reserve(w->b, JW_SEP_ROOM(w->depth))) == RG_OK) {
            jw_put_end(w->b, jw_newline_at(w->b->ptr + w->b->len, 0, w->depth));
        }
    }
    jw_raw(w, close);
    w->has_items = 1;
}

/* Model mode: one attribute of the current node or edge. */
static void jx_attr(jw *w, const char *k, const rg_xval *v)
{
    if (!w->error) {
        w->error = rg_export__add_attr(w->x, k, v);
    }
}

static void jw_kstr(jw *w, const char *k, const char *v)
{
    rg_xval x;

    if (w->x) {
        x.kind = RG_XV_STR;
        x.u.str.s = v;
        x.u.str.len = strlen(v);
        jx_attr(w, k, &x);
        return;
    }
    jw_key(w, k);
    jw_string(w, v);
}

/* Model mode: the number as the file holds it and jansson reads it back,
 * typed from its text ("2" is an integer, "0.5" a real, "1" for 0.9999999). */
static void jx_num(jw *w, const char *k, double v)
{
    rg_xval x;
    long long i;

    if (rg_graph__whole(v, &i)) {
        /* written as the integer's digits (rg_graph__num_at), read back as it */
        memset(&x, 0, sizeof x);
        x.kind = RG_XV_INT;
        x.u.i = i;
        jx_attr(w, k, &x);
        return;
    }
    rg_strbuf_clear(w->num);
    if (w->error || (w->error = rg_graph__put_real(w->num, v)) != RG_OK) {
        return;
    }
    if (rg_export__number(&x, w->num->ptr, w->num->len) != RG_OK) {
        rg__error_set(RG_EPARSE, "%s: %s %s is out of range", w->x->path, k, w->num->ptr);
        w->error = RG_EPARSE;
        return;
    }
    jx_attr(w, k, &x);
}

/* "k": v, with a key that needs no escaping, given also as it is written
 * (quoted, colon, space; NULL: k is quoted here): one capacity check, no
 * scan. */
static void jw_knum_lit(jw *w, const char *k, const char *written, size_t len, double v)
{
    char *p;

    if (w->x) {
        jx_num(w, k, v);
        return;
    }
    len = written ? len : strlen(k) + 4;
    if (w->error || (w->error = rg_strbuf_reserve(
                         w->b, JW_SEP_ROOM(w->depth) + len + RG_STRBUF_NUM_MAX)) != RG_OK) {
        return;
    }
    p = jw_sep_at(w, w->b->ptr + w->b->len);
    if (written) {
        memcpy(p, written, len);
        p += len;
    } else {
        p = jw_key_at(p, k, len - 4);
    }
    jw_put_end(w->b, rg_graph__num_at(p, v));
}

/* "k": v for a fixed name (a metric's: no escaping) */
#define JW_KNUM_NAME(w, k, v) jw_knum_lit((w), (k), NULL, 0, (v))
/* k: a string literal */
#define JW_KNUM(w, k, v) jw_knum_lit((w), k, "\"" k "\": ", sizeof k + 3, (v))

/* "k": ["s0", "s1", ...] on one line, or a list in the model. */
static void jw_kstrs(jw *w, const char *k, char *const *v, size_t n)
{
    rg_xval x;
    size_t i;

    if (w->x) {
        x.kind = RG_XV_LIST;
        x.u.list.n = n;
        jx_attr(w, k, &x);
        for (i = 0; i < n && !w->error; i++) {
            x.kind = RG_XV_STR;
            x.u.str.s = v[i];
            x.u.str.len = strlen(v[i]);
            w->error = rg_export__add_item(w->x, &x);
        }
        return;
    }
    jw_key(w, k);
    jw_begin(w, "[", 1);
    for (i = 0; i < n; i++) {
        jw_string(w, v[i]);
    }
    jw_end(w, "]");
}

/* ---- shared pieces ---- */

static const char *type_name(int t)
{
    return t < 0 ? "unknown" : rg_actor_type_name((rg_actor_type)t);
}

/* The actor's metrics with label, type, community (and x, y) interleaved in
 * key order. */
static void put_actor(jw *w, const rg_node_result *n, int with_xy)
{
    int m;

    jw_begin(w, "{", 0);
    for (m = 0; m < RG_METRIC__COUNT; m++) {
        if (m == RG_METRIC_DEGREE) {
            JW_KNUM(w, "community", n->community);
        }
        if (m == RG_METRIC_MENTIONS) {
            jw_kstr(w, "label", n->label);
        }
        JW_KNUM_NAME(w, rg_metric_name((rg_metric)m), n->m[m]);
    }
    jw_kstr(w, "type", type_name(n->type));
    if (with_xy) {
        JW_KNUM(w, "x", n->x);
        JW_KNUM(w, "y", n->y);
    }
    jw_end(w, "}");
}

static void put_edge_fields(jw *w, const rg_edge_result *e)
{
    JW_KNUM(w, "sign", e->sign);
    JW_KNUM(w, "stance_neg", e->stance_neg);
    JW_KNUM(w, "stance_neg_sum", e->stance_neg_sum);
    JW_KNUM(w, "stance_net", e->stance_net);
    JW_KNUM(w, "stance_pos", e->stance_pos);
    JW_KNUM(w, "stance_pos_sum", e->stance_pos_sum);
    JW_KNUM(w, "stance_st", e->stance_st);
    JW_KNUM(w, "stance_ts", e->stance_ts);
    JW_KNUM(w, "tone", e->tone);
    JW_KNUM(w, "tone_count", e->tone_count);
}

static void put_graph_values(jw *w, const rg_graph_result *r)
{
    int g;

    jw_begin(w, "{", 0);
    for (g = 0; g < RG_GM__COUNT; g++) {
        JW_KNUM_NAME(w, rg_graph__metric_names[g], r->g[g]);
    }
    jw_end(w, "}");
}

typedef struct {
    const char *source, *target;
    size_t edge;
} edge_key;

static int edge_key_order(const void *a, const void *b)
{
    const edge_key *x = a, *y = b;

    return rg_graph__pipe_cmp(x->source, x->target, y->source, y->target);
}

/* The string "a|b" (an edge key) as a value. */
static void jw_pipe_str(jw *w, const char *a, const char *b)
{
    jw_sep(w);
    jw_raw(w, "\"");
    jw_escaped(w, a);
    jw_raw(w, "|");
    jw_escaped(w, b);
    jw_raw(w, "\"");
}

static void jw_pipe_key(jw *w, const char *a, const char *b)
{
    jw_pipe_str(w, a, b);
    jw_raw(w, ": ");
    w->after_key = 1;
}

static void jw_kbool(jw *w, const char *k, int v)
{
    jw_key(w, k);
    jw_sep(w);
    jw_raw(w, v ? "true" : "false");
}

static int put_graph(jw *w, const rg_agg *agg, const rg_slice *s, const rg_graph_result *r)
{
    edge_key *order = rg__calloc(r->n_edges + 1, sizeof *order);
    char start[16], end[16];
    size_t i;

    if (!order) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < r->n_edges; i++) {
        order[i].source = r->nodes[r->edges[i].u].id;
        order[i].target = r->nodes[r->edges[i].v].id;
        order[i].edge = i;
    }
    qsort(order, r->n_edges, sizeof *order, edge_key_order);
    rg_graph__slice_bounds(start, end, sizeof start, agg, s);

    jw_begin(w, "{", 0);
    jw_key(w, "actors");
    jw_begin(w, "{", 0);
    for (i = 0; i < r->n_nodes; i++) {
        jw_key(w, r->nodes[i].id);
        put_actor(w, &r->nodes[i], 0);
    }
    jw_end(w, "}");
    jw_key(w, "edges");
    jw_begin(w, "{", 0);
    for (i = 0; i < r->n_edges; i++) {
        const rg_edge_result *e = &r->edges[order[i].edge];
        jw_pipe_key(w, r->nodes[e->u].id, r->nodes[e->v].id);
        jw_begin(w, "{", 0);
        JW_KNUM(w, "comention", e->comention);
        JW_KNUM(w, "documents", e->documents);
        put_edge_fields(w, e);
        jw_end(w, "}");
    }
    jw_end(w, "}");
    jw_key(w, "graph");
    put_graph_values(w, r);
    jw_kstr(w, "period_end", end);
    jw_kstr(w, "period_start", start);
    jw_end(w, "}");
    rg__free(order);
    return RG_OK;
}

/* ---- metrics.json ---- */

static const char *edge_change_name(rg_edge_change c)
{
    switch (c) {
    case RG_EDGE_SAME: return "weight";
    case RG_EDGE_APPEARED: return "appeared";
    case RG_EDGE_DISAPPEARED: return "disappeared";
    case RG_EDGE_FLIPPED: return "flipped";
    }
    return "?";
}

static void put_edge_list(jw *w, const char *key, const rg_delta *d, rg_edge_change c)
{
    size_t i;

    jw_key(w, key);
    jw_begin(w, "[", 0);
    for (i = 0; i < d->n_edges; i++) {
        if (d->edges[i].change == c) {
            jw_pipe_str(w, d->edges[i].source, d->edges[i].target);
        }
    }
    jw_end(w, "]");
}

static void put_delta_edges(jw *w, const rg_delta *d)
{
    size_t i;

    jw_begin(w, "{", 0);
    put_edge_list(w, "appeared", d, RG_EDGE_APPEARED);
    jw_key(w, "changed");
    jw_begin(w, "{", 0);
    for (i = 0; i < d->n_edges; i++) {
        const rg_delta_edge *e = &d->edges[i];
        if (e->change == RG_EDGE_SAME && e->old_weight == e->new_weight &&
            e->old_net == e->new_net) {
            continue;
        }
        jw_pipe_key(w, e->source, e->target);
        jw_begin(w, "{", 1);
        jw_kstr(w, "change", edge_change_name(e->change));
        JW_KNUM(w, "net_delta", e->new_net - e->old_net);
        JW_KNUM(w, "new_net", e->new_net);
        JW_KNUM(w, "new_sign", e->new_sign);
        JW_KNUM(w, "new_weight", e->new_weight);
        JW_KNUM(w, "old_net", e->old_net);
        JW_KNUM(w, "old_sign", e->old_sign);
        JW_KNUM(w, "old_weight", e->old_weight);
        JW_KNUM(w, "weight_delta", e->new_weight - e->old_weight);
        jw_end(w, "}");
    }
    jw_end(w, "}");
    put_edge_list(w, "disappeared", d, RG_EDGE_DISAPPEARED);
    put_edge_list(w, "flipped", d, RG_EDGE_FLIPPED);
    JW_KNUM(w, "jaccard", d->jaccard);
    jw_end(w, "}");
}

/* One actor's change in metric m on one line; with_names adds "actor" and
 * "metric" (the "top" list), in key order. */
static void put_metric_change(jw *w, const rg_delta_actor *x, int m)
{
    double v[RG_GRAPH__CHANGE_N];

    rg_graph__change_values(v, x, m);
    jw_begin(w, "{", 1);
    jw_kstr(w, "actor", x->id);
    JW_KNUM(w, "delta", v[0]);
    jw_kstr(w, "metric", rg_metric_name((rg_metric)m));
    JW_KNUM(w, "new", v[1]);
    JW_KNUM(w, "old", v[2]);
    JW_KNUM(w, "rank_change", v[3]);
    JW_KNUM(w, "rank_new", v[4]);
    JW_KNUM(w, "rank_old", v[5]);
    jw_end(w, "}");
}

/* "name": {...} of one actor's metric m (rg_graph__put_change). */
static void put_change_entry(jw *w, const char *name, const rg_delta_actor *x, int m)
{
    jw_sep(w);
    if (!w->error) {
        w->error = rg_graph__put_change(w->b, name, x, m);
    }
}

static void put_delta(jw *w, const rg_delta *d)
{
    size_t i;
    int m;

    jw_begin(w, "{", 0);
    jw_key(w, "actors");
    jw_begin(w, "{", 0);
    for (i = 0; i < d->n_actors; i++) {
        jw_key(w, d->actors[i].id);
        jw_begin(w, "{", 0);
        for (m = 0; m < RG_METRIC__COUNT; m++) {
            put_change_entry(w, rg_metric_name((rg_metric)m), &d->actors[i], m);
        }
        jw_end(w, "}");
    }
    jw_end(w, "}");
    jw_key(w, "edges");
    put_delta_edges(w, d);
    jw_kstr(w, "from", d->from);
    jw_key(w, "spearman");
    jw_begin(w, "{", 0);
    for (m = 0; m < RG_METRIC__COUNT; m++) {
        JW_KNUM_NAME(w, rg_metric_name((rg_metric)m), d->spearman[m]);
    }
    jw_end(w, "}");
    jw_kstr(w, "to", d->to);
    jw_key(w, "top");
    jw_begin(w, "[", 0);
    for (i = 0; i < d->n_top; i++) {
        put_metric_change(w, &d->actors[d->top[i].actor], d->top[i].metric);
    }
    jw_end(w, "]");
    jw_end(w, "}");
}

/* Each actor's value of each metric over all periods (absent: 0). The
 * actor is looked up in each period once, not once a metric. */
static void put_series(jw *w, const rg_graph_result *overall,
                       const rg_graph_result *periods, size_t n_periods)
{
    long *at = rg__calloc(n_periods + 1, sizeof *at);
    size_t i, p;
    int m;

    if (!at) {
        if (!w->error) {
            rg__error_set_oom();
            w->error = RG_ERROR;
        }
        return;
    }
    jw_begin(w, "{", 0);
    jw_key(w, "actors");
    jw_begin(w, "{", 0);
    for (i = 0; i < overall->n_nodes; i++) {
        for (p = 0; p < n_periods; p++) {
            at[p] = rg_graph__find_node(&periods[p], overall->nodes[i].id);
        }
        jw_key(w, overall->nodes[i].id);
        jw_begin(w, "{", 0);
        for (m = 0; m < RG_METRIC__COUNT; m++) {
            jw_key(w, rg_metric_name((rg_metric)m));
            jw_begin(w, "[", 1);
            for (p = 0; p < n_periods; p++) {
                jw_num(w, at[p] >= 0 ? periods[p].nodes[at[p]].m[m] : 0.0);
            }
            jw_end(w, "]");
        }
        jw_end(w, "}");
    }
    rg__free(at);
    jw_end(w, "}");
    jw_key(w, "periods");
    jw_begin(w, "[", 1);
    for (p = 0; p < n_periods; p++) {
        jw_string(w, periods[p].key);
    }
    jw_end(w, "]");
    jw_end(w, "}");
}

int rg_graph__write_metrics(rg_strbuf *b, const rg_agg *agg,
                            const rg_graph_result *overall,
                            const rg_graph_result *periods, size_t n_periods,
                            const rg_delta *deltas)
{
    jw w = { b, NULL, NULL, 0, 0, 0, 0, 0 };
    size_t i;
    int error = RG_OK;

    jw_begin(&w, "{", 0);
    jw_key(&w, "changes");
    jw_begin(&w, "[", 0);
    for (i = 0; i + 1 < n_periods; i++) {
        put_delta(&w, &deltas[i]);
    }
    jw_end(&w, "]");
    jw_kstr(&w, "layer", rg_layer_name(agg->opts.layer));
    jw_key(&w, "overall");
    if ((error = put_graph(&w, agg, &agg->overall, overall)) != RG_OK) {
        goto cleanup;
    }
    jw_kstr(&w, "period_kind", rg_period_kind_name(agg->opts.period));
    jw_key(&w, "periods");
    jw_begin(&w, "{", 0);
    for (i = 0; i < n_periods; i++) {
        jw_key(&w, periods[i].key);
        if ((error = put_graph(&w, agg, agg->periods[i], &periods[i])) != RG_OK) {
            goto cleanup;
        }
    }
    jw_end(&w, "}");
    JW_KNUM(&w, "schema", RG_METRICS_SCHEMA);
    jw_key(&w, "series");
    put_series(&w, overall, periods, n_periods);
    jw_key(&w, "stats");
    jw_begin(&w, "{", 0);
    JW_KNUM(&w, "documents", (double)agg->documents);
    JW_KNUM(&w, "periods", (double)agg->n_periods);
    JW_KNUM(&w, "undated", (double)agg->undated);
    JW_KNUM(&w, "unplaced", (double)agg->unplaced);
    jw_end(&w, "}");
    jw_end(&w, "}");
    jw_raw(&w, "\n");
    error = w.error;
cleanup:
    return error;
}

/* ---- Graphology JSON ---- */

static void put_gl_edge_attrs(jw *w, const rg_edge_result *e)
{
    jw_begin(w, "{", 0);
    JW_KNUM(w, "comention", e->comention);
    jw_kstrs(w, "doc_ids", e->pair ? e->pair->doc_ids : NULL, e->pair ? e->pair->n_doc_ids : 0);
    JW_KNUM(w, "doc_ids_total", e->documents);
    JW_KNUM(w, "documents", e->documents);
    put_edge_fields(w, e);
    JW_KNUM(w, "weight", e->comention);
    jw_end(w, "}");
}

static void put_gl_edge(jw *w, const rg_graph_result *r, const rg_edge_result *e)
{
    const char *s = r->nodes[e->u].id, *t = r->nodes[e->v].id;

    jw_begin(w, "{", 0);
    jw_key(w, "attributes");
    put_gl_edge_attrs(w, e);
    jw_key(w, "key");
    jw_pipe_str(w, s, t);
    jw_kstr(w, "source", s);
    jw_kstr(w, "target", t);
    jw_end(w, "}");
}

int rg_graph__write_graphology(rg_strbuf *b, const rg_agg *agg, const rg_slice *s,
                               const rg_graph_result *r)
{
    jw w = { b, NULL, NULL, 0, 0, 0, 0, 0 };
    char start[16], end[16], name[48];
    size_t i;

    rg_graph__slice_bounds(start, end, sizeof start, agg, s);
    snprintf(name, sizeof name, "relgraph: %s", s == &agg->overall ? "overall" : s->key);
    jw_begin(&w, "{", 0);
    jw_key(&w, "attributes");
    jw_begin(&w, "{", 0);
    JW_KNUM(&w, "documents", (double)s->documents);
    jw_kstr(&w, "layer", rg_layer_name(agg->opts.layer));
    jw_key(&w, "metrics");
    put_graph_values(&w, r);
    jw_kstr(&w, "name", name);
    jw_kstr(&w, "period", s->key);
    jw_kstr(&w, "period_end", end);
    jw_kstr(&w, "period_start", start);
    jw_end(&w, "}");
    jw_key(&w, "edges");
    jw_begin(&w, "[", 0);
    for (i = 0; i < r->n_edges; i++) {
        put_gl_edge(&w, r, &r->edges[i]);
    }
    jw_end(&w, "]");
    jw_key(&w, "nodes");
    jw_begin(&w, "[", 0);
    for (i = 0; i < r->n_nodes; i++) {
        jw_begin(&w, "{", 0);
        jw_key(&w, "attributes");
        put_actor(&w, &r->nodes[i], 1);
        jw_kstr(&w, "key", r->nodes[i].id);
        jw_end(&w, "}");
    }
    jw_end(&w, "]");
    jw_key(&w, "options");
    jw_begin(&w, "{", 0);
    jw_kbool(&w, "allowSelfLoops", 0);
    jw_kbool(&w, "multi", 0);
    jw_kstr(&w, "type", "undirected");
    jw_end(&w, "}");
    jw_end(&w, "}");
    jw_raw(&w, "\n");
    return w.error;
}

/* ---- the export model ---- */

/* The export model of the graph of slice s, filled in model mode by the
 * calls that write its file (`path`, for messages). */
int rg_graph__fill_model(rg_xgraph *x, rg_strbuf *num, const char *path, const rg_agg *agg,
                         const rg_slice *s, const rg_graph_result *r)
{
    jw w = { NULL, x, num, 0, 0, 0, 0, 0 };
    char start[16], end[16];
    size_t i;

    if ((w.error = rg_export__graph_init(x, path)) != RG_OK) {
        return w.error;
    }
    rg_graph__slice_bounds(start, end, sizeof start, agg, s);
    rg_export__graph_period(x, s->key, start, end);
    for (i = 0; i < r->n_nodes && !w.error; i++) {
        if ((w.error = rg_export__add_node(x, r->nodes[i].id)) == RG_OK) {
            put_actor(&w, &r->nodes[i], 1);
        }
    }
    if (w.error || (w.error = rg_export__nodes_done(x)) != RG_OK) {
        return w.error;
    }
    for (i = 0; i < r->n_edges && !w.error; i++) {
        const rg_edge_result *e = &r->edges[i];
        if ((w.error = rg_export__add_edge(x, NULL, r->nodes[e->u].id,
                                           r->nodes[e->v].id)) == RG_OK) {
            put_gl_edge_attrs(&w, e);
        }
    }
    return w.error ? w.error : rg_export__graph_done(x);
}
