/* SPDX-License-Identifier: MIT */
/*
 * Evidence serialisation: one JSON object per document, keys in a fixed
 * order (docs/evidence.md). Offsets are mapped from the cleaned text back to
 * the document text as read, through rg_evidence.clean_map.
 */
#include <string.h> /* memchr */

#include <relgraph/evidence.h>
#include "common.h"
#include "strbuf.h"
#include "clean_internal.h"   /* clean_segs, rg_clean__seg_at */
#include "extract_internal.h" /* rg_evidence__json_put */

/* Document offset of clean byte `i` (a start), from the map or from its
 * segments (sg, see rg_evidence__json_put). */
static size_t doc_start(const rg_evidence *ev, const clean_segs *sg, size_t i)
{
    return sg ? rg_clean__seg_at(sg, i) : ev->clean_map[i];
}

/* Document offset one past the character that produced clean byte end-1. */
static size_t doc_end(const rg_evidence *ev, const clean_segs *sg, size_t end)
{
    const char *t = ev->doc->text;
    size_t o, n = 1;
    unsigned char c;

    if (end == 0) {
        return doc_start(ev, sg, 0);
    }
    o = doc_start(ev, sg, end - 1);
    c = (unsigned char)t[o];
    if (c >= 0xF0) {
        n = 4;
    } else if (c >= 0xE0) {
        n = 3;
    } else if (c >= 0xC0) {
        n = 2;
    } else if (c == '&') { /* an HTML entity produced it */
        const char *semi = memchr(t + o, ';', ev->doc->len - o < 12 ? ev->doc->len - o : 12);
        n = semi ? (size_t)(semi - (t + o)) + 1 : 1;
    }
    return o + n > ev->doc->len ? ev->doc->len : o + n;
}

/* Appends a string literal (its length known at compile time). */
#define PUT_LIT(b, lit) rg_strbuf_put((b), (lit), sizeof(lit) - 1)

/* Appends `,"key":N`, the key given with its quotes, comma and colon as one
 * literal (PUT_KEY_UINT). printf would parse its format for each of the
 * five numbers of a mention: this is the hot path of `relgraph extract` on
 * the calling thread. */
static inline int put_key_uint(rg_strbuf *b, const char *key, size_t klen, size_t v)
{
    size_t n = 1, t;
    char *p;

    for (t = v; t >= 10; t /= 10) {
        n++;
    }
    /* the digits straight into the buffer, from the last (no copy of a
     * scratch number: a memcpy call of a variable size for each) */
    if (b->alloc - b->len <= klen + n && rg_strbuf_grow(b, klen + n) < 0) {
        return RG_ERROR;
    }
    p = b->ptr + b->len;
    memcpy(p, key, klen);
    p += klen + n;
    *p = '\0';
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    b->len += klen + n;
    return RG_OK;
}
#define PUT_KEY_UINT(b, key, v) put_key_uint((b), ",\"" key "\":", sizeof(key) + 3, (v))

/* Appends `,"sign":N` for a signed N. */
static int put_sign(rg_strbuf *b, int v)
{
    if (v >= 0) {
        return PUT_KEY_UINT(b, "sign", (size_t)v);
    }
    if (PUT_LIT(b, ",\"sign\":") < 0 || rg_strbuf_put_int(b, v) < 0) {
        return RG_ERROR;
    }
    return RG_OK;
}

static int put_str(rg_strbuf *b, const char *s, size_t n)
{
    if (rg_strbuf_putc(b, '"') < 0 || rg_strbuf_put_json_escaped(b, s, n) < 0 ||
        rg_strbuf_putc(b, '"') < 0) {
        return RG_ERROR;
    }
    return RG_OK;
}

/* Appends `"key":"s"` (the key with its quotes and colon as one literal). */
static int put_key_str(rg_strbuf *b, const char *key, size_t klen, const char *s)
{
    if (rg_strbuf_put(b, key, klen) < 0 || put_str(b, s, strlen(s)) < 0) {
        return RG_ERROR;
    }
    return RG_OK;
}
#define PUT_KEY_STR(b, key, s) put_key_str((b), "\"" key "\":", sizeof(key) + 2, (s))

/* Appends a name of the library's own (an actor type, a mention kind, a
 * relation type: lowercase ASCII letters) without the escaping pass. */
static int put_name(rg_strbuf *b, const char *name)
{
    return rg_strbuf_put(b, name, strlen(name));
}

static int put_mention(rg_strbuf *b, const rg_evidence *ev, const rg_mention *m,
                       const rg_actors *a, const clean_segs *sg)
{
    size_t s = doc_start(ev, sg, m->start), e = doc_end(ev, sg, m->end);

    if (PUT_LIT(b, "{\"actor\":") < 0 ||
        put_str(b, rg_actors_id(a, (size_t)m->actor), strlen(rg_actors_id(a, (size_t)m->actor))) < 0 ||
        PUT_LIT(b, ",\"type\":\"") < 0 ||
        put_name(b, rg_actor_type_name(rg_actors_type(a, (size_t)m->actor))) < 0 ||
        PUT_LIT(b, "\",\"kind\":\"") < 0 || put_name(b, rg_mention_kind_name(m->kind)) < 0 ||
        rg_strbuf_putc(b, '"') < 0 || PUT_KEY_UINT(b, "sentence", m->sentence) < 0 || PUT_KEY_UINT(b, "start", s) < 0 ||
        PUT_KEY_UINT(b, "end", e) < 0 || PUT_LIT(b, ",\"form\":") < 0 ||
        put_str(b, ev->clean + m->start, m->end - m->start) < 0 || rg_strbuf_putc(b, '}') < 0) {
        return RG_ERROR;
    }
    return RG_OK;
}

static int put_relation(rg_strbuf *b, const rg_evidence *ev, const rg_relation *r,
                        const rg_actors *a, const clean_segs *sg)
{
    rg_span sent = ev->sentences[r->sentence];

    if (PUT_LIT(b, "{\"type\":\"") < 0 || put_name(b, rg_relation_type_name(r->type)) < 0 ||
        PUT_LIT(b, "\",") < 0 || PUT_KEY_STR(b, "source", rg_actors_id(a, (size_t)r->source)) < 0 ||
        rg_strbuf_putc(b, ',') < 0 || PUT_KEY_STR(b, "target", rg_actors_id(a, (size_t)r->target)) < 0) {
        return RG_ERROR;
    }
    if (r->type != RG_REL_COMENTION) {
        if (put_sign(b, r->sign) < 0 || PUT_LIT(b, ",\"weight\":") < 0 ||
            rg_strbuf_put_real(b, r->weight, 2) < 0 || rg_strbuf_putc(b, ',') < 0 ||
            PUT_KEY_STR(b, "category", r->category ? r->category : "") < 0 ||
            PUT_LIT(b, ",\"cue\":") < 0 ||
            put_str(b, ev->clean + r->cue_start, r->cue_end - r->cue_start) < 0) {
            return RG_ERROR;
        }
    }
    if (PUT_KEY_UINT(b, "sentence", r->sentence) < 0) {
        return RG_ERROR;
    }
    if (r->type != RG_REL_COMENTION) {
        if (PUT_KEY_UINT(b, "start", doc_start(ev, sg, sent.start)) < 0 ||
            PUT_KEY_UINT(b, "end", doc_end(ev, sg, sent.end)) < 0 ||
            PUT_LIT(b, ",\"text\":") < 0 ||
            put_str(b, ev->clean + sent.start, sent.end - sent.start) < 0) {
            return RG_ERROR;
        }
    }
    return rg_strbuf_putc(b, '}');
}

int rg_evidence__json_put(rg_strbuf *b, const rg_evidence *ev, const rg_actors *a,
                          const clean_segs *sg)
{
    char date[16];
    size_t i;

    rg_date_format(date, sizeof date, &ev->doc->date);
    /* one allocation for most documents: ~150 bytes a mention, a relation
     * carries its sentence */
    if (rg_strbuf_grow(b, 256 + 192 * ev->n_mentions + 384 * ev->n_relations) < 0 ||
        PUT_LIT(b, "{\"doc\":") < 0 || put_str(b, ev->doc->id, strlen(ev->doc->id)) < 0) {
        return RG_ERROR;
    }
    /* no printf: the format would be parsed for every document */
    if (date[0] ? (PUT_LIT(b, ",\"date\":\"") < 0 || rg_strbuf_puts(b, date) < 0 ||
                   rg_strbuf_putc(b, '"') < 0)
                : PUT_LIT(b, ",\"date\":null") < 0) {
        return RG_ERROR;
    }
    if (PUT_LIT(b, ",\"date_source\":\"") < 0 ||
        rg_strbuf_puts(b, rg_date_source_name(ev->doc->date_source)) < 0 ||
        rg_strbuf_putc(b, '"') < 0 || PUT_KEY_UINT(b, "sentences", ev->n_sentences) < 0 ||
        PUT_LIT(b, ",\"mentions\":[") < 0) {
        return RG_ERROR;
    }
    for (i = 0; i < ev->n_mentions; i++) {
        if ((i && rg_strbuf_putc(b, ',') < 0) || put_mention(b, ev, &ev->mentions[i], a, sg) < 0) {
            return RG_ERROR;
        }
    }
    if (PUT_LIT(b, "],\"relations\":[") < 0) {
        return RG_ERROR;
    }
    for (i = 0; i < ev->n_relations; i++) {
        if ((i && rg_strbuf_putc(b, ',') < 0) || put_relation(b, ev, &ev->relations[i], a, sg) < 0) {
            return RG_ERROR;
        }
    }
    return PUT_LIT(b, "]}\n") < 0 ? RG_ERROR : RG_OK;
}

int rg_evidence_to_json(char **out, size_t *out_len, const rg_evidence *ev,
                        const rg_actors *a)
{
    rg_strbuf b = RG_STRBUF_INIT;
    int error;

    *out = NULL;
    if ((error = rg_evidence__json_put(&b, ev, a, NULL)) == RG_OK) {
        *out = rg_strbuf_detach(&b, out_len);
        error = *out ? RG_OK : RG_ERROR;
    }
    rg_strbuf_dispose(&b);
    return error;
}
