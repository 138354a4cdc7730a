/* SPDX-License-Identifier: MIT */
/*
 * Actor matcher: finds the folded keys of every dictionary form (aliases,
 * metonyms, expanded role forms, blocked forms) in a folded text. When all
 * keys start with a letter or digit, as the built-in ones do, a trie is
 * walked from the word starts a filter lets through (matcher_starts.c);
 * otherwise one Aho-Corasick automaton runs over the text (rg_matcher_new
 * picks; all after step 1 is shared). The automaton's transitions are a
 * dense table over byte classes (the distinct bytes of the keys, plus one
 * class for every other ASCII letter or digit and one for every other
 * byte), completed with the failure function at build time, so scanning
 * costs one table load per byte. Keys that must start a word only start
 * after a byte that is not an ASCII letter or digit (see "Word starts"
 * below), so inside words the walk stays at the root. The matcher borrows
 * its dictionary, which must outlive it; after rg_matcher_new it is
 * read-only and may be shared between threads.
 */
#include <string.h> /* memcmp, memset */

#include <relgraph/actors.h>
#include <relgraph/text.h> /* rg_text_fold, rg_free */
#include "actors_internal.h"
#include "common.h"
#include "matcher_internal.h"
#include "text_internal.h" /* rg_text__utf8_decode, rg_text__is_word_cp */

typedef rg_matcher__pattern mt_pattern;

struct rg_matcher {
    const rg_actors *a;  /* borrowed */
    uint8_t cls[256];    /* byte -> class; 0 = a byte no key contains, not a
                          * letter or digit: a class is all word bytes or none */
    size_t ncls;
    size_t nstates;
    int32_t *delta;      /* the scan table (mt_scan_table): ncls columns, rows
                          * renumbered and premultiplied */
    int32_t *back;       /* renumbered state -> state of out, emit and link */
    size_t emit_row0;    /* first premultiplied row of a state with an output */
    size_t start_row;    /* premultiplied row of the state at a word start */
    size_t maxlen;       /* longest key: the scan state depends on no more bytes */
    int32_t *out;        /* per state: pattern whose key ends here, or -1 */
    int32_t *emit;       /* per state: first state of its output chain, or -1 */
    int32_t *link;       /* per state: next state with an output on the failure chain */
    mt_pattern *pat;
    size_t npat;
    int has_guarded;
    rg_matcher__starts *starts; /* the scan from word starts, or NULL: the automaton */
    const rg_matcher__side *side; /* while building only: the side keys */
    size_t nside;
    int side_ok;                /* the scan reports the side keys */
};

/* Selected candidate during a scan: key span and pattern. */
typedef rg_matcher__cand mt_cand;
typedef rg_matcher__cand_vec mt_cand_vec;

#define MT_FIXED 64 /* candidates a scan keeps on the stack (see rg_matcher__cand_grow) */

/* What one scan works on: the text and the arrays sel and later start in. */
typedef struct {
    const rg_matcher *m;
    rg_matcher__text t;
    mt_cand sel0[MT_FIXED], later0[MT_FIXED];
} mt_scan;

const char *rg_mention_kind_name(rg_mention_kind k)
{
    switch (k) {
    case RG_MENTION_NAME: return "name";
    case RG_MENTION_ROLE: return "role";
    case RG_MENTION_METONYM: return "metonym";
    }
    return "unknown";
}

/* ------------------------------------------------------------------ */
/* Build                                                               */
/* ------------------------------------------------------------------ */

/*
 * Word starts. Most keys must start a word: a plain automaton follows hits
 * from inside words too ("...ent" walks into the keys that start with
 * "en"), all over the table, for candidates mt_accept rejects. So the
 * automaton reads the text as if a boundary '#' followed every byte that
 * is not an ASCII letter or digit (and came first): a key that must start
 * a word begins with '#', and every key has a '#' after each such byte
 * but its last. Every hit mt_accept would take is still found (it still
 * decides). The '#' costs no step: a state ending with a non-word byte
 * gets the row of its '#' transition, a non-word byte that falls back to
 * the root lands on the state of "#" (the start state), and the other
 * states ending with '#' get no row; the root means "inside a word".
 */
#define MT_TAIL_WORD 0  /* a letter or digit, or the root */
#define MT_TAIL_OTHER 1 /* another byte: a '#' follows in the text */
#define MT_TAIL_BOUND 2 /* the boundary '#' */

/* A trie state while building. */
typedef struct {
    int32_t kid;  /* first child, or 0 */
    int32_t sib;  /* next child of the same parent, or 0 */
    int32_t fail; /* failure state */
    int32_t in;   /* class of the edge into it; ncls for '#' */
    int tail;     /* what its string ends with (MT_TAIL_*) */
} mt_node;

/* The trie while building; the scan table replaces it. */
typedef struct {
    int32_t *go;    /* states x (ncls + 1): the trie's edges, 0 = none */
    mt_node *node;
    int32_t *order; /* the states, breadth first */
    size_t w;       /* ncls + 1: the byte classes and the boundary, class ncls */
} mt_trie;

/*
 * The trie child of `s` on class x, created if needed (the arrays are
 * sized for the longest possible trie: see mt_build).
 */
static int32_t mt_child(rg_matcher *m, mt_trie *tr, int32_t s, size_t x, int tail)
{
    int32_t ns = tr->go[(size_t)s * tr->w + x];

    if (ns == 0) {
        ns = (int32_t)m->nstates++;
        tr->go[(size_t)s * tr->w + x] = ns;
        tr->node[ns] = (mt_node){ 0, tr->node[s].kid, 0, (int32_t)x, tail };
        tr->node[s].kid = ns;
        m->out[ns] = -1;
    }
    return ns;
}

/* Inserts pattern `p` into the trie (state 0 is the root), '#'s included. */
static void mt_insert(rg_matcher *m, mt_trie *tr, size_t p)
{
    const rg_actors__form *f = m->pat[p].form;
    int32_t s = 0;
    size_t i;

    if (m->pat[p].edges & RG_MATCHER__WORD_START) {
        s = mt_child(m, tr, s, m->ncls, MT_TAIL_BOUND);
    }
    for (i = 0; i < f->key_len; i++) {
        unsigned char b = (unsigned char)f->key[i];
        int word = rg_matcher__ascii_word(b);
        s = mt_child(m, tr, s, m->cls[b], word ? MT_TAIL_WORD : MT_TAIL_OTHER);
        if (!word && i + 1 < f->key_len) {
            s = mt_child(m, tr, s, m->ncls, MT_TAIL_BOUND);
        }
    }
    m->out[s] = (int32_t)p; /* keys are unique: see rg_actors__form.skip */
}

/* The automaton's transition from state f on class x, by failure links. */
static int32_t mt_delta(const mt_trie *tr, int32_t f, size_t x)
{
    while (f != 0 && tr->go[(size_t)f * tr->w + x] == 0) {
        f = tr->node[f].fail;
    }
    return tr->go[(size_t)f * tr->w + x];
}

/*
 * Breadth-first pass: the states in order, failure links and output
 * chains (emit: the first state of a state's chain; link: the next).
 */
static int mt_links(rg_matcher *m, mt_trie *tr)
{
    size_t h, n = 1;

    tr->order = rg__reallocarray(NULL, m->nstates, sizeof *tr->order);
    m->link = rg__reallocarray(NULL, m->nstates, sizeof *m->link);
    m->emit = rg__reallocarray(NULL, m->nstates, sizeof *m->emit);
    if (!tr->order || !m->link || !m->emit) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    tr->order[0] = 0;
    m->link[0] = m->emit[0] = -1;
    for (h = 0; h < n; h++) {
        int32_t s = tr->order[h], t, f;
        for (t = tr->node[s].kid; t != 0; t = tr->node[t].sib) {
            f = s == 0 ? 0 : mt_delta(tr, tr->node[s].fail, (size_t)tr->node[t].in);
            tr->node[t].fail = f;
            m->link[t] = m->out[f] >= 0 ? f : m->link[f];
            m->emit[t] = m->out[t] >= 0 ? t : m->link[t];
            tr->order[n++] = t;
        }
    }
    return RG_OK;
}

/*
 * Scan rows, breadth first: a state's row is its failure state's row with
 * its own children written over it. The root's row holds the root (stay:
 * inside a word) for a letter or digit and the start state for any other
 * byte, which every row inherits. A state ending with a non-word byte
 * then takes the row of its '#' transition, which may be its child.
 */
static void mt_rows(rg_matcher *m, const mt_trie *tr, const int32_t *perm, int32_t *next)
{
    const size_t ncls = m->ncls, rsz = ncls * sizeof *next;
    size_t h, x;

    for (x = 0; x < 256; x++) {
        int word = rg_matcher__ascii_word((unsigned char)x);
        next[m->cls[x]] = word ? 0 : (int32_t)m->start_row;
    }
    for (h = 0; h < m->nstates; h++) {
        int32_t s = tr->order[h], t, *row = &next[(size_t)perm[s] * ncls];
        if (tr->node[s].tail == MT_TAIL_OTHER) {
            continue;
        }
        if (s != 0) {
            memcpy(row, &next[(size_t)perm[tr->node[s].fail] * ncls], rsz);
        }
        for (t = tr->node[s].kid; t != 0; t = tr->node[t].sib) {
            if ((size_t)tr->node[t].in < ncls) { /* not the '#': mt_build keeps offsets < INT32_MAX */
                row[tr->node[t].in] = perm[t] * (int32_t)ncls;
            }
        }
    }
    for (h = 0; h < m->nstates; h++) { /* the row of the state after its '#' */
        if (tr->node[h].tail == MT_TAIL_OTHER) {
            int32_t b = mt_delta(tr, (int32_t)h, ncls);
            memcpy(&next[(size_t)perm[h] * ncls], &next[(size_t)perm[b] * ncls], rsz);
        }
    }
}

/*
 * The table the scan walks: states renumbered so that the ones with an
 * output come last (then the '#' states, rows used only here), each
 * transition holding its target's row offset (state x ncls). A step is
 * then one load, and whether the new state emits is a compare with
 * emit_row0 instead of a second load (emit[st]) and a multiply per byte.
 * The root has no output, so it stays state 0.
 */
static int mt_scan_table(rg_matcher *m, const mt_trie *tr)
{
    int32_t *perm = rg__reallocarray(NULL, m->nstates, sizeof *perm);
    const int32_t start = tr->go[m->ncls]; /* the root's '#' child, or 0 */
    size_t s, k = 0, pass;

    m->back = rg__reallocarray(NULL, m->nstates, sizeof *m->back);
    m->delta = rg__reallocarray(NULL, m->nstates * m->ncls, sizeof *m->delta);
    if (!perm || !m->back || !m->delta) {
        rg__free(perm);
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (pass = 0; pass < 3; pass++) { /* without an output, with one, '#' */
        if (pass == 1) {
            m->emit_row0 = k * m->ncls;
        }
        for (s = 0; s < m->nstates; s++) {
            int row = tr->node[s].tail != MT_TAIL_BOUND || s == (size_t)start;
            if (pass == 2 ? !row : row && (m->emit[s] >= 0) == (int)pass) {
                perm[s] = (int32_t)k;
                m->back[k++] = (int32_t)s;
            }
        }
    }
    m->start_row = (size_t)perm[start] * m->ncls;
    mt_rows(m, tr, perm, m->delta);
    rg__free(perm);
    return RG_OK;
}

/*
 * A person's name or a metonym written with a capital in the dictionary
 * needs one in the text: "Paris" is France, "paris sportifs" is not.
 */
static unsigned mt_edges(const rg_actors *a, const rg_actors__form *f)
{
    unsigned e = 0;
    int32_t cp = -1;

    if (f->kind == RG_FORM_METONYM ||
        (f->kind == RG_FORM_NAME && a->actors.v[f->actor].type == RG_ACTOR_PERSON)) {
        rg_text__utf8_decode(f->text, strlen(f->text), &cp);
        if (rg_matcher__is_upper(cp)) {
            e |= RG_MATCHER__CAPITAL;
        }
    }

    if (rg_matcher__word_at(f->key, f->key_len, 0)) {
        e |= RG_MATCHER__WORD_START;
    }
    if (rg_matcher__word_before(f->key, f->key_len, f->key_len)) {
        e |= RG_MATCHER__WORD_END;
    }
    return e;
}

/* Collects the patterns and the byte classes (of the side keys too, for
 * the scan from word starts). Returns 1 when every key starts with a
 * letter or digit (the scan from word starts applies). */
static int mt_patterns(rg_matcher *m)
{
    const rg_actors *a = m->a;
    size_t i, j;
    int all_word_start = 1;

    m->ncls = 1;
    for (i = 0; i < a->forms.n; i++) {
        const rg_actors__form *f = &a->forms.v[i];
        if (f->skip || f->key_len == 0 || f->key_len > UINT32_MAX) {
            continue;
        }
        for (j = 0; j < f->key_len; j++) {
            unsigned char b = (unsigned char)f->key[j];
            if (m->cls[b] == 0) {
                m->cls[b] = (uint8_t)m->ncls++; /* at most 255 distinct bytes + 1 */
            }
        }
        m->pat[m->npat].form = f;
        m->pat[m->npat].len = (uint32_t)f->key_len;
        m->maxlen = f->key_len > m->maxlen ? f->key_len : m->maxlen;
        m->pat[m->npat].edges = mt_edges(a, f);
        m->has_guarded |= (f->flags & RG_FORM_GUARDED) != 0;
        all_word_start &= (m->pat[m->npat].edges & RG_MATCHER__WORD_START) != 0;
        m->npat++;
    }
    for (i = 0; all_word_start && i < m->nside; i++) { /* a class of their own too */
        for (j = 0; j < m->side[i].len; j++) {
            unsigned char b = (unsigned char)m->side[i].key[j];
            if (m->cls[b] == 0) {
                m->cls[b] = (uint8_t)m->ncls++;
            }
        }
    }
    for (i = 0, j = 0; i < 256; i++) { /* keep word and non-word bytes apart */
        if (m->cls[i] == 0 && rg_matcher__ascii_word((unsigned char)i)) {
            m->cls[i] = (uint8_t)m->ncls; /* < 256: byte i is in no key */
            j = 1;
        }
    }
    m->ncls += j;
    return all_word_start;
}

/*
 * The trie, its links and the scan table. A key of n bytes adds at most
 * 2n states (a '#' before each byte), so the arrays are allocated once;
 * the rows past the trie's end stay untouched pages of calloc's zeros.
 */
static int mt_build(rg_matcher *m)
{
    mt_trie tr = { NULL, NULL, NULL, 0 };
    size_t i, max = 1;
    int error = RG_OK;

    tr.w = m->ncls + 1;
    for (i = 0; i < m->npat; i++) {
        max += 2 * (size_t)m->pat[i].len; /* no overflow: the keys are in memory */
    }
    if (max < (size_t)INT32_MAX / (tr.w + 1) && /* row offsets fit in int32_t */
        (tr.go = rg__calloc(max * tr.w, sizeof *tr.go)) &&
        (tr.node = rg__reallocarray(NULL, max, sizeof *tr.node)) &&
        (m->out = rg__reallocarray(NULL, max, sizeof *m->out))) {
        tr.node[0] = (mt_node){ 0, 0, 0, 0, MT_TAIL_WORD };
        m->out[0] = -1;
        m->nstates = 1;
        for (i = 0; i < m->npat; i++) {
            mt_insert(m, &tr, i);
        }
    } else {
        rg__error_set_oom();
        error = RG_ERROR;
    }
    if (error == RG_OK && (error = mt_links(m, &tr)) == RG_OK) {
        error = mt_scan_table(m, &tr);
    }
    rg__free(tr.go);
    rg__free(tr.node);
    rg__free(tr.order);
    return error;
}

/* rg_matcher_new with side keys; `automaton`: the automaton even when
 * every key starts a word (then without side keys). */
static int mt_new(rg_matcher **out, const rg_actors *a, int automaton,
                  const rg_matcher__side *side, size_t nside)
{
    rg_matcher *m = NULL;
    int error = RG_OK;

    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(a);
    *out = NULL;
    m = rg__calloc(1, sizeof *m);
    if (!m || !(m->pat = rg__reallocarray(NULL, a->forms.n, sizeof *m->pat))) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    m->a = a;
    m->side = automaton ? NULL : side;
    m->nside = automaton ? 0 : nside;
    if (mt_patterns(m) && !automaton) {
        error = rg_matcher__starts_new(&m->starts, m->pat, m->npat, side, nside, m->cls,
                                       m->ncls);
        m->side_ok = error == RG_OK && rg_matcher__starts_side_ok(m->starts);
        m->side = NULL; /* in the trie now */
    } else {
        error = mt_build(m);
    }
    if (error < 0) {
        goto cleanup;
    }
    *out = m;
    m = NULL;
cleanup:
    rg_matcher_free(m);
    return error;
}

int rg_matcher_new(rg_matcher **out, const rg_actors *a)
{
    return mt_new(out, a, 0, NULL, 0);
}

int rg_matcher__new_automaton(rg_matcher **out, const rg_actors *a)
{
    return mt_new(out, a, 1, NULL, 0);
}

int rg_matcher__new_side(rg_matcher **out, const rg_actors *a, const rg_matcher__side *side,
                         size_t nside)
{
    return mt_new(out, a, 0, side, nside);
}

int rg_matcher__side_ok(const rg_matcher *m)
{
    return m->side_ok;
}

int rg_matcher__uses_starts(const rg_matcher *m)
{
    return m->starts != NULL;
}

void rg_matcher_free(rg_matcher *m)
{
    if (!m) {
        return;
    }
    rg__free(m->delta);
    rg__free(m->out);
    rg__free(m->emit);
    rg__free(m->link);
    rg__free(m->back);
    rg__free(m->pat);
    rg_matcher__starts_free(m->starts);
    rg__free(m);
}

/* ------------------------------------------------------------------ */
/* Scan                                                                */
/* ------------------------------------------------------------------ */

/*
 * HOW IT WORKS
 * 1. The text is folded (rg_text_fold) into a key with a byte map back to
 *    the text, and the automaton runs over the key. At each byte the output
 *    chain lists every key ending there, longest first. (A caller that
 *    already holds the fold, such as the cleaner's, hands it to
 *    rg_matcher_scan_folded, which starts here.) The scan from word starts
 *    gives the same hits in the same order, less some step 2 would refuse.
 * 2. A hit is a candidate when it is a whole word in the key (the bytes
 *    around it are not letters or digits; ' and - are boundaries), when a
 *    person's name or a metonym written with a capital starts with one in
 *    the text ("Paris" yes, "paris sportifs" no) and, for an exact-case
 *    alias, when the text bytes it maps back to are the alias as written
 *    ("May" yes, "may" or "MAY" no).
 * 3. Leftmost-longest selection without sorting: candidates arrive in
 *    order of end, so a new one C can only beat selected ones that it
 *    overlaps, and those form the tail of the selection. If C starts before
 *    the first of them (or at the same byte and is longer), they are popped
 *    and C is pushed; otherwise C is dropped. Each candidate is pushed and
 *    popped at most once: O(candidates).
 *      "l'ancien president russe":  "president russe" (role) is selected,
 *      then "ancien president russe" (blocked) ends at the same byte and
 *      starts earlier, so it replaces it.
 * 4. In text order: blocked forms are dropped (they only hide), guarded
 *    aliases are kept only after an unguarded alias of the same actor, and
 *    spans are mapped back to the text.
 * 5. Role forms are resolved at the date to a holder of the form's gender
 *    (undated or vacant: dropped), then matcher_roles.c checks the context:
 *    a blocking prefix ("l'ex-président russe"), a generic role followed by
 *    a country ("président élu de Gambie") or an apposed name that is not
 *    the holder ("le président russe Boris Eltsine") drops the mention.
 */

/* Offers candidate c to the selection (step 3), which starts in sc->sel0. */
static int mt_select(mt_scan *sc, mt_cand_vec *sel, mt_cand c)
{
    size_t n = sel->n;

    while (n > 0 && sel->v[n - 1].ke > c.ks) {
        n--; /* sel->v[n] overlaps c */
    }
    if (n < sel->n) {
        const mt_cand *first = &sel->v[n];
        if (!(c.ks < first->ks || (c.ks == first->ks && c.ke > first->ke))) {
            return RG_OK;
        }
        sel->n = n;
    }
    return rg_matcher__cand_push(sel, sc->sel0, c);
}

/* Text offset just past the character that produced key byte ke - 1. */
static size_t mt_text_end(const mt_scan *sc, size_t ke)
{
    size_t o = rg_matcher__at(&sc->t, ke - 1);
    int32_t cp;

    return o + rg_text__utf8_decode(sc->t.text + o, sc->t.len - o, &cp);
}

static int mt_capital_at(const mt_scan *sc, size_t o)
{
    int32_t cp = -1;

    rg_text__utf8_decode(sc->t.text + o, sc->t.len - o, &cp);
    return rg_matcher__is_upper(cp);
}

/* Step 2: whole word, capital and exact case when the form asks for them. */
static int mt_accept(const mt_scan *sc, const mt_pattern *p, size_t ks, size_t ke)
{
    size_t ts, te;

    if ((p->edges & RG_MATCHER__WORD_START) && ks > 0 &&
        rg_matcher__word_before(sc->t.key, sc->t.klen, ks)) {
        return 0;
    }
    if ((p->edges & RG_MATCHER__WORD_END) && ke < sc->t.klen &&
        rg_matcher__word_at(sc->t.key, sc->t.klen, ke)) {
        return 0;
    }
    if ((p->edges & RG_MATCHER__CAPITAL) && !mt_capital_at(sc, rg_matcher__at(&sc->t, ks))) {
        return 0;
    }
    if (p->form->flags & RG_FORM_EXACT_CASE) {
        ts = rg_matcher__at(&sc->t, ks);
        te = mt_text_end(sc, ke);
        if (te - ts != strlen(p->form->text) ||
            memcmp(sc->t.text + ts, p->form->text, te - ts) != 0) {
            return 0;
        }
    }
    return 1;
}

/* Steps 4-5 for selected candidate i: fills *mt, returns 1 to keep it. */
static int mt_finish(const mt_scan *sc,       /* scan */
                     const mt_cand_vec *sel,  /* selected candidates */
                     size_t i,                /* the one to finish */
                     const rg_date *date,     /* article date or NULL */
                     unsigned char *named,    /* per actor: named unguarded; or NULL */
                     rg_match *mt)            /* out */
{
    const mt_cand *c = &sel->v[i];
    const rg_actors__form *f = sc->m->pat[c->pat].form;

    switch (f->kind) {
    case RG_FORM_NAME:
        if (f->flags & RG_FORM_GUARDED) {
            if (!named || !named[f->actor]) {
                return 0;
            }
        } else if (named) {
            named[f->actor] = 1;
        }
        mt->actor = f->actor;
        mt->kind = RG_MENTION_NAME;
        break;
    case RG_FORM_METONYM:
        mt->actor = f->actor;
        mt->kind = RG_MENTION_METONYM;
        break;
    case RG_FORM_ROLE:
        mt->actor = rg_matcher__role_holder(&sc->t, sc->m->a, sc->m->pat, sel, i, date);
        if (mt->actor < 0) {
            return 0;
        }
        mt->kind = RG_MENTION_ROLE;
        break;
    default:
        return 0; /* blocked */
    }
    mt->start = rg_matcher__at(&sc->t, c->ks);
    mt->end = mt_text_end(sc, c->ke);
    return 1;
}

/*
 * The hits of the state at `row` after key byte i: each accepted candidate
 * is offered to the selection (sel) or, for the second lane, appended to
 * `later` to be offered once the first lane is done.
 */
static int mt_emit(mt_scan *sc, size_t row, size_t i, mt_cand_vec *sel,
                   mt_cand_vec *later)
{
    const rg_matcher *m = sc->m;
    int32_t e;
    int error;

    for (e = m->emit[m->back[row / m->ncls]]; e >= 0; e = m->link[e]) {
        const mt_pattern *p = &m->pat[m->out[e]];
        mt_cand c;
        c.ke = i + 1;
        c.ks = c.ke - p->len;
        c.pat = m->out[e];
        if (!mt_accept(sc, p, c.ks, c.ke)) {
            continue;
        }
        if ((error = later ? rg_matcher__cand_push(later, sc->later0, c)
                           : mt_select(sc, sel, c)) < 0) {
            return error;
        }
    }
    return RG_OK;
}

/*
 * Step 1 over key[0..klen) in two lanes walked in lockstep: each byte is a
 * table load that depends on the previous one, so one walk waits on memory
 * latency; two independent walks overlap. Lane 1 takes [0, mid), lane 2
 * [mid, klen) after a warm-up from mid - maxlen: the automaton's state
 * depends on at most the last maxlen bytes, so it is exact from mid on;
 * hits of the warm-up belong to lane 1 and are skipped. Lane 2's candidates
 * wait in `later`, as the selection needs them in order of end.
 */
static int mt_walk(mt_scan *sc, mt_cand_vec *sel, mt_cand_vec *later)
{
    const rg_matcher *m = sc->m;
    const int32_t *delta = m->delta; /* in locals: a char key may alias */
    const uint8_t *cls = m->cls;
    const unsigned char *key = (const unsigned char *)sc->t.key;
    size_t klen = sc->t.klen, row0 = m->emit_row0, a = 0, b, mid = klen;
    size_t r1 = m->start_row, r2 = m->start_row; /* a key starts a word */
    int error;

    if (klen >= 4 * m->maxlen + 64) {
        mid = (klen + m->maxlen) / 2;
    }
    for (b = mid - (mid < klen ? m->maxlen : 0); a < mid && b < klen; a++, b++) {
        r1 = (size_t)delta[r1 + cls[key[a]]];
        r2 = (size_t)delta[r2 + cls[key[b]]];
        if (r1 >= row0 && (error = mt_emit(sc, r1, a, sel, NULL)) < 0) {
            return error;
        }
        if (r2 >= row0 && b >= mid && (error = mt_emit(sc, r2, b, sel, later)) < 0) {
            return error;
        }
    }
    for (; a < mid; a++) {
        r1 = (size_t)delta[r1 + cls[key[a]]];
        if (r1 >= row0 && (error = mt_emit(sc, r1, a, sel, NULL)) < 0) {
            return error;
        }
    }
    for (; b < klen; b++) {
        r2 = (size_t)delta[r2 + cls[key[b]]];
        if (r2 >= row0 && (error = mt_emit(sc, r2, b, sel, later)) < 0) {
            return error;
        }
    }
    for (a = 0; a < later->n; a++) {
        if ((error = mt_select(sc, sel, later->v[a])) < 0) {
            return error;
        }
    }
    return RG_OK;
}

/*
 * Step 1 from word starts (matcher_starts.c), when every key starts a
 * word: the keys found there, in the automaton's order; step 2 decides.
 */
static int mt_by_starts(mt_scan *sc, mt_cand_vec *sel, mt_cand_vec *hits,
                        uint64_t *side_hits)
{
    size_t i;

    if (rg_matcher__starts_scan(sc->m->starts, (const unsigned char *)sc->t.key, sc->t.klen,
                                hits, sc->later0, side_hits) < 0) {
        return RG_ERROR;
    }
    for (i = 0; i < hits->n; i++) {
        const mt_cand *c = &hits->v[i];
        if (mt_accept(sc, &sc->m->pat[c->pat], c->ks, c->ke) && mt_select(sc, sel, *c) < 0) {
            return RG_ERROR;
        }
    }
    return RG_OK;
}

int rg_matcher_scan_folded(rg_match **out, size_t *n_out, const rg_matcher *m,
                           const char *text, size_t len, const char *key, size_t klen,
                           const size_t *map, const rg_date *date)
{
    return rg_matcher__scan_side(out, n_out, m, text, len, key, klen, map, NULL, date, NULL);
}

int rg_matcher__scan_side(rg_match **out, size_t *n_out, const rg_matcher *m, const char *text,
                          size_t len, const char *key, size_t klen, const size_t *map,
                          const uint32_t *map4, const rg_date *date, uint64_t *side_hits)
{
    mt_scan sc;
    mt_cand_vec sel = { sc.sel0, 0, MT_FIXED }, later = { sc.later0, 0, MT_FIXED };
    size_t i, n = 0;
    unsigned char named_small[256], *named = NULL, *named_heap = NULL;
    rg_match *res = NULL;
    int error = RG_OK;

    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(n_out);
    RG_ASSERT_ARG(m);
    RG_ASSERT_ARG(text || len == 0);
    RG_ASSERT_ARG(key || klen == 0);
    RG_ASSERT_ARG(!map != !map4);
    *out = NULL;
    *n_out = 0;
    text = text ? text : "";
    key = key ? key : "";
    sc.m = m;
    sc.t.text = text;
    sc.t.len = len;
    sc.t.key = key;
    sc.t.klen = klen;
    sc.t.map = map;
    sc.t.map4 = map4;
    error = m->starts ? mt_by_starts(&sc, &sel, &later, side_hits) : mt_walk(&sc, &sel, &later);
    if (error < 0 || sel.n == 0) {
        goto cleanup;
    }
    if (m->has_guarded) {
        if (m->a->actors.n <= sizeof named_small) {
            named = named_small;
            memset(named, 0, m->a->actors.n);
        } else if (!(named = named_heap = rg__calloc(m->a->actors.n, 1))) {
            rg__error_set_oom();
            error = RG_ERROR;
            goto cleanup;
        }
    }
    res = rg__reallocarray(NULL, sel.n, sizeof *res);
    if (!res) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    for (i = 0; i < sel.n; i++) {
        n += (size_t)mt_finish(&sc, &sel, i, date, named, &res[n]);
    }
    if (n == 0) {
        goto cleanup;
    }
    *out = res;
    *n_out = n;
    res = NULL;
cleanup:
    rg__free(res);
    rg__free(named_heap);
    rg_matcher__cand_free(&sel, sc.sel0);
    rg_matcher__cand_free(&later, sc.later0);
    return error;
}

int rg_matcher_scan(rg_match **out, size_t *n_out, const rg_matcher *m, const char *text,
                    size_t len, const rg_date *date)
{
    char *key = NULL;
    size_t *map = NULL, klen = 0;
    int error;

    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(n_out);
    RG_ASSERT_ARG(m);
    RG_ASSERT_ARG(text || len == 0);
    *out = NULL;
    *n_out = 0;
    if (!text) {
        text = "";
    }
    if ((error = rg_text_fold(&key, &klen, &map, text, len)) < 0) {
        goto cleanup;
    }
    error = rg_matcher_scan_folded(out, n_out, m, text, len, key, klen, map, date);
cleanup:
    rg_free(key);
    rg_free(map);
    return error;
}
