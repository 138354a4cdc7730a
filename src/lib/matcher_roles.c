/* SPDX-License-Identifier: MIT */
/*
 * Context rules for role mentions: a role form names the current holder
 * unless a blocking prefix precedes it ("l'ancien président russe"), an
 * apposed name says who is meant ("le président russe Boris Eltsine"), or a
 * generic role is followed by its country ("le président élu de Gambie").
 * They run on selected role candidates only, never per byte.
 */
#include <string.h> /* memcmp, strlen */

#include "matcher_internal.h"
#include "text_internal.h" /* rg_text__utf8_decode, rg_text__is_word_cp */

#define APPOSED_WORDS_MAX 4 /* capitalised words looked at after a role */

int rg_matcher__is_upper(int32_t cp)
{
    if (cp < 0x80) {
        return cp >= 'A' && cp <= 'Z';
    }
    if (cp >= 0xC0 && cp <= 0xDE) {
        return cp != 0xD7;
    }
    if (cp >= 0x100 && cp <= 0x17F) { /* Latin Extended-A: pairs upper, lower */
        int odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
        return cp != 0x138 && cp != 0x149 && cp != 0x17F && ((cp & 1) != 0) == odd_upper;
    }
    return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

/* ------------------------------------------------------------------ */
/* Blocking prefixes                                                   */
/* ------------------------------------------------------------------ */

static int key_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* Start of the word of letters that ends just before key byte `end`. */
static size_t word_start(const char *key, size_t end)
{
    while (end > 0 && key_letter((unsigned char)key[end - 1])) {
        end--;
    }
    return end;
}

static int is_prefix(const rg_actors *a, const char *w, size_t n, int hyphen)
{
    size_t i;

    for (i = 0; i < a->prefixes.n; i++) {
        const rg_actors__prefix *p = &a->prefixes.v[i];
        if (p->hyphen == hyphen && p->len == n && memcmp(p->key, w, n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* "ancien président", "ex-président", "vice-président", "feu le président". */
int rg_matcher__role_prefixed(const rg_matcher__text *t, const rg_actors *a, size_t ks)
{
    size_t w, end;
    int hyphen;

    if (a->prefixes.n == 0 || ks < 2 || (t->key[ks - 1] != ' ' && t->key[ks - 1] != '-')) {
        return 0;
    }
    hyphen = t->key[ks - 1] == '-';
    end = ks - 1;
    w = word_start(t->key, end);
    if (w == end) {
        return 0;
    }
    if (is_prefix(a, t->key + w, end - w, hyphen)) {
        return 1;
    }
    /* one article between: "feu le président", "le défunt président" is direct */
    if (hyphen || end - w != 2 || t->key[w] != 'l' || (t->key[w + 1] != 'e' &&
                                                       t->key[w + 1] != 'a') ||
        w < 2 || t->key[w - 1] != ' ') {
        return 0;
    }
    end = w - 1;
    w = word_start(t->key, end);
    return w < end && is_prefix(a, t->key + w, end - w, 0);
}

/* ------------------------------------------------------------------ */
/* Text helpers                                                        */
/* ------------------------------------------------------------------ */

static int32_t cp_at(const rg_matcher__text *t, size_t o, size_t *n)
{
    int32_t cp = -1;

    *n = o < t->len ? rg_text__utf8_decode(t->text + o, t->len - o, &cp) : 0;
    return *n ? cp : -1;
}

/* Skips spaces and tabs (also no-break and thin spaces), never a line break. */
static size_t skip_blank(const rg_matcher__text *t, size_t o)
{
    size_t n;

    for (;;) {
        int32_t cp = cp_at(t, o, &n);
        if (cp != ' ' && cp != '\t' && cp != 0xA0 && cp != 0x202F && cp != 0x2009) {
            return o;
        }
        o += n;
    }
}

static int upper_at(const rg_matcher__text *t, size_t o)
{
    size_t n;

    return rg_matcher__is_upper(cp_at(t, o, &n));
}

/* End of the word (letters and digits) starting at text offset o. */
static size_t word_end(const rg_matcher__text *t, size_t o)
{
    size_t n;
    int32_t cp;

    while ((cp = cp_at(t, o, &n)) >= 0 && rg_text__is_word_cp(cp)) {
        o += n;
    }
    return o;
}

/* 1 when the n bytes at w are one of the words of the NULL-ended list. */
static int word_in(const char *const *list, const char *w, size_t n)
{
    size_t i;

    for (i = 0; list[i]; i++) {
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Lower-case name particles: "Bachar al-Assad", "Ursula von der Leyen". */
static int is_particle(const char *w, size_t n)
{
    static const char *const list[] = { "al", "el", "von", "van", "der", "den", "de", "du",
                                        "da", "di", "bin", "ben", "ibn", "ould", NULL };

    return word_in(list, w, n);
}

/*
 * The capitalised words from text offset o (particles allowed between
 * them, at most APPOSED_WORDS_MAX): sets *run_end past the last one and
 * returns how many there are.
 */
static int capitalised_run(const rg_matcher__text *t, size_t o, size_t *run_end)
{
    int words = 0;

    *run_end = o;
    while (words < APPOSED_WORDS_MAX && o < t->len) {
        size_t e = word_end(t, o);
        if (e == o) {
            break;
        }
        if (upper_at(t, o)) {
            words++;
            *run_end = e;
        } else if (!is_particle(t->text + o, e - o)) {
            break;
        }
        if (e < t->len && t->text[e] == '.' && e - o == 1) { /* an initial: "Donald J. Trump" */
            e++;
        }
        if (e + 1 < t->len && t->text[e] == ')' && t->text[e + 1] == ' ') {
            e++; /* a quote completed in brackets: "(le président turc Recep Tayyip) Erdogan" */
        }
        if (e >= t->len || (t->text[e] != ' ' && t->text[e] != '-' && t->text[e] != '\'')) {
            break;
        }
        o = e + 1;
    }
    return words;
}

/* ------------------------------------------------------------------ */
/* Apposed names and generic roles                                     */
/* ------------------------------------------------------------------ */

/* 1 when the name ending at text offset o is closed: punctuation or line end. */
static int name_closed(const rg_matcher__text *t, size_t o)
{
    size_t n;
    int32_t cp;

    o = skip_blank(t, o);
    cp = cp_at(t, o, &n);
    return cp < 0 || cp == '\n' || cp == '\r' || cp == ',' || cp == '.' || cp == ';' ||
           cp == ':' || cp == '(' || cp == ')' || cp == '"' || cp == 0xBB || cp == 0x201D ||
           cp == 0x2026 || cp == '!' || cp == '?';
}

/* A dictionary form apposed to a role: a person keeps it when it is the holder. */
static int apposed_form_keeps(const rg_actors *a, const rg_actors__form *f, int holder)
{
    if (f->kind == RG_FORM_NAME && a->actors.v[f->actor].type == RG_ACTOR_PERSON) {
        return f->actor == holder;
    }
    return 1; /* a state, a metonym or another role: no apposition */
}

/*
 * "le président russe Vladimir Poutine": a role directly followed (maybe
 * after a comma) by a capitalised name is an apposition. A person of the
 * dictionary there keeps the role only when it is its holder; a name not in
 * the dictionary drops it. After a comma the name may be the subject of the
 * next clause ("Pour le président américain, Emmanuel Macron est ..."), so
 * it counts only when punctuation closes it, and an unknown one needs two
 * words ("Pour le président russe, Kiev.").
 */
static int apposition_keeps(const rg_matcher__text *t, const rg_actors *a, size_t ke,
                            int holder, rg_matcher__near next)
{
    size_t o = skip_blank(t, rg_matcher__at(t, ke)), run_end, n;
    int comma = 0, words, caps_text;

    if (o < t->len && t->text[o] == ',') {
        comma = 1;
        o = skip_blank(t, o + 1);
    }
    if (!upper_at(t, o)) {
        return 1;
    }
    words = capitalised_run(t, o, &run_end);
    if (comma && !name_closed(t, run_end)) {
        return 1;
    }
    if (next.form && rg_matcher__at(t, next.ks) >= o && rg_matcher__at(t, next.ks) < run_end &&
        next.form->kind != RG_FORM_BLOCKED) {
        return apposed_form_keeps(a, next.form, holder);
    }
    /* a role written in capitals ("LE PRÉSIDENT RUSSE A DIT") says nothing */
    caps_text = rg_matcher__is_upper(cp_at(t, rg_matcher__at(t, ke - 1), &n));
    return caps_text || (comma && words < 2);
}

/* Lower-case words after "président élu" that are no nationality adjective. */
static int not_nationality(const char *w, size_t n)
{
    static const char *const list[] = { "republicain", "republicaine", "jamais", "desormais",
                                        "toutefois", "parfois", "autrefois", "demain",
                                        "certain", "lointain", "prochain", "prochaine", NULL };

    return word_in(list, w, n);
}

/* 1 when the folded word looks like a nationality adjective ("autrichien"). */
static int nationality_like(const char *w, size_t n)
{
    static const char *const suffixes[] = { "ien", "ienne", "ais", "aise", "ois", "oise",
                                            "ain", "aine", "een", "eenne", "an", "ane", "in",
                                            "ine", "ol", "ole", "and", "ande", NULL };
    size_t i;

    if (n < 5 || not_nationality(w, n)) {
        return 0;
    }
    for (i = 0; suffixes[i]; i++) {
        size_t k = strlen(suffixes[i]);
        if (memcmp(w + n - k, suffixes[i], k) == 0) {
            return 1;
        }
    }
    return 0;
}

/* "président élu autrichien", "président élu de Gambie", "... d'Autriche". */
static int country_follows(const rg_matcher__text *t, size_t ke)
{
    const char *k = t->key;
    size_t p = ke + 1, w = p;

    if (ke >= t->klen || k[ke] != ' ') {
        return 0;
    }
    while (p < t->klen && (key_letter((unsigned char)k[p]) || k[p] == '-')) {
        p++;
    }
    if (p - w == 1 && k[w] == 'd' && p + 1 < t->klen && k[p] == '\'') {
        return upper_at(t, rg_matcher__at(t, p + 1));
    }
    if (p + 1 < t->klen && k[p] == ' ' &&
        ((p - w == 2 && (memcmp(k + w, "de", 2) == 0 || memcmp(k + w, "du", 2) == 0 ||
                         memcmp(k + w, "en", 2) == 0 || memcmp(k + w, "au", 2) == 0)) ||
         (p - w == 3 && (memcmp(k + w, "des", 3) == 0 || memcmp(k + w, "aux", 3) == 0)))) {
        return upper_at(t, rg_matcher__at(t, p + 1));
    }
    return !upper_at(t, rg_matcher__at(t, w)) && nationality_like(k + w, p - w);
}

/*
 * "Jacques Chirac, président de la République": a capitalised name, a comma
 * and a role without a determiner. A dictionary person keeps the role only
 * when it is the holder; an unknown name of two words or more drops it.
 */
static int name_before_keeps(const rg_matcher__text *t, const rg_actors *a, size_t ks,
                             int holder, rg_matcher__near prev)
{
    const char *k = t->key;
    size_t end, w, name_start = 0;
    int words = 0, n = 0;

    if (ks < 3 || k[ks - 1] != ' ' || k[ks - 2] != ',') {
        return 1;
    }
    end = ks - 2;
    while (n++ < APPOSED_WORDS_MAX && (w = word_start(k, end)) < end) {
        if (upper_at(t, rg_matcher__at(t, w))) {
            words++;
            name_start = w;
        } else if (!is_particle(k + w, end - w)) {
            break;
        }
        if (w < 2 || (k[w - 1] != ' ' && k[w - 1] != '-')) {
            break;
        }
        end = w - 1;
    }
    if (words == 0) {
        return 1;
    }
    if (prev.form && prev.ke == ks - 2 && prev.ks >= name_start &&
        prev.form->kind != RG_FORM_BLOCKED) {
        return apposed_form_keeps(a, prev.form, holder);
    }
    return words < 2;
}

int rg_matcher__role_context(const rg_matcher__text *t, const rg_actors *a,
                             const rg_actors__form *f, size_t ks, size_t ke, int holder,
                             rg_matcher__near prev, rg_matcher__near next)
{
    if (f->state < 0 && country_follows(t, ke)) {
        return 0; /* the role of some other country */
    }
    return name_before_keeps(t, a, ks, holder, prev) &&
           apposition_keeps(t, a, ke, holder, next);
}

/* Selected candidate j as a role's neighbour; none when j is out of range. */
static rg_matcher__near role_near(const rg_matcher__pattern *pat, const rg_matcher__cand_vec *sel,
                                  size_t j)
{
    rg_matcher__near r = { NULL, 0, 0 };

    if (j < sel->n) { /* j == (size_t)-1 before the first */
        r.form = pat[sel->v[j].pat].form;
        r.ks = sel->v[j].ks;
        r.ke = sel->v[j].ke;
    }
    return r;
}

int rg_matcher__role_holder(const rg_matcher__text *t, const rg_actors *a,
                            const rg_matcher__pattern *pat, const rg_matcher__cand_vec *sel,
                            size_t i, const rg_date *date)
{
    const rg_matcher__cand *c = &sel->v[i];
    const rg_actors__form *f = pat[c->pat].form;
    int holder;

    holder = rg_actors__resolve(a, f->role, f->state, f->gender, date);
    if (holder < 0 || rg_matcher__role_prefixed(t, a, c->ks)) {
        return -1;
    }
    if (!rg_matcher__role_context(t, a, f, c->ks, c->ke, holder, role_near(pat, sel, i - 1),
                                  role_near(pat, sel, i + 1))) {
        return -1;
    }
    return holder;
}
