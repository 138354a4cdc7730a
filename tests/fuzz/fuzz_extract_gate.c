/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target, differential: the extractor's stance gate (extract_gate.c)
 * and stance's on-demand cue scan (rg_stance__set_lazy_cues: a sentence
 * whose items cannot relate seeks only the cues its subject memory reads)
 * must never change the evidence. Each input becomes one document that is
 * extracted three times, with the built-in dictionary and lexicon: gate
 * and on-demand scan off, then gate on, then gate off again, both with the
 * on-demand scan; the JSON lines must be the same.
 *
 * Raw bytes rarely make a document whose stance pass relates two actors,
 * so the input is read as a program that writes the document from a
 * vocabulary (fuzz_op): actors' names and roles, the lexicon's state
 * adjectives in three cases, stance cues, pronouns, "les deux présidents",
 * punctuation, quotes, in-text dates and the characters that the gate's
 * argument singles out (odd folds, letters the fold changes, sentence
 * edges inside words). The first byte picks the document's date (or none),
 * whether the key comes from the cleaner or from the extractor's own fold
 * (an extractor without boilerplate rules), and whether the extractions
 * run as a pipeline thread's do (kept buffers and stance context, lean).
 * A fourth extraction, lean and lazy (rg_pipeline_options.lazy_sentences:
 * a document with no match whose stance provably finds nothing is not
 * split), must give the same mentions and relations.
 * FUZZ_PRINT=1 in the environment prints the adjectives' numbers and each
 * document (to report a crash, or to write seeds).
 */
#include <stdint.h> /* uint8_t */
#include <stdio.h>  /* fprintf */
#include <stdlib.h> /* getenv */
#include <string.h> /* memcmp, memcpy, strlen */

#include <relgraph/actors.h>
#include <relgraph/clean.h>
#include <relgraph/errors.h>
#include <relgraph/evidence.h>
#include <relgraph/extract.h>
#include <relgraph/reader.h>
#include <relgraph/stance.h>
#include "extract_internal.h" /* rg_extract__run, rg_extract__set_gate */
#include "stance_internal.h"  /* rg_stance__set_lazy_cues */
#include "lexicon.h"          /* rg_lexicon__adj_word */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Words of the documents: a space goes before each one unless the
 * previous op asked for glue. */
static const char *const fuzz_words[] = {
    /* persons, states and organisations of data/actors.json, then roles:
     * the first FUZZ_ACTORS words */
    "Vladimir Poutine", "Poutine", "M. Poutine", "Donald Trump", "M. Trump", "Trump",
    "Mme Merkel", "Angela Merkel", "Emmanuel Macron", "Macron", "Erdogan", "Bachar al-Assad",
    "Theresa May", "Boris Johnson", "Skripal", "Sergueï Skripal", "Xi Jinping", "Joe Biden",
    "Barack Obama", "Lavrov", "Zelensky", "Hassan Rohani", "Kim Jong-un", "Netanyahou",
    "la Russie", "Moscou", "le Kremlin", "les États-Unis", "Washington", "la Maison Blanche",
    "la Turquie", "Ankara", "la France", "Paris", "l'Allemagne", "Berlin", "la Syrie", "Damas",
    "l'Ukraine", "Kiev", "la Chine", "Pékin", "l'Iran", "Téhéran", "Israël", "le Japon",
    "l'Union européenne", "Bruxelles", "le Royaume-Uni", "Londres",
    /* roles */
    "le président russe", "le président américain", "la chancelière allemande",
    "le président turc", "le Premier ministre britannique", "le chef de la diplomatie russe",
    "le maître du Kremlin", "le locataire de la Maison Blanche", "son homologue",
    "son homologue américain", "homologue russe", "le chef d'État américain", "président",
    "les présidents", "chef d'État", "dirigeant",
    /* stance cues (the first FUZZ_CUES make clauses, fuzz_clause) */
    "critique", "critiqué", "soutient", "soutien", "condamne", "condamné", "salue", "menace",
    "menacé", "accord", "rencontre", "rencontré", "accuse", "dénonce", "félicite", "remercie",
    "sanctions", "contre", "avec", "par", "à", "de", "entre", "selon", "a déclaré", "a dit",
    "n'a pas", "ne", "pas", "jamais", "refuse de", "a", "et", "ou", "que", "les", "le", "la",
    "un", "une", "autorités", "gouvernement", "régime",
    /* pronouns and joint subjects */
    "il", "elle", "ils", "elles", "lui", "l'a", "Il", "Elle", "Ils", "les deux présidents",
    "les deux chefs d'État", "les deux hommes", "deux", "Deux",
    /* in-text dates */
    "15 juin 2019", "le 3 mars 2015", "1er janvier 2021", "12/04/2018",
};

#define FUZZ_ACTORS 66 /* "Vladimir Poutine" .. "dirigeant" */
#define FUZZ_CUES 16   /* "critique" .. "remercie", after them */

/* Punctuation and odd characters: glued, no space added. */
static const char *const fuzz_marks[] = {
    ".", "!", "?", "«", "»", "« ", " »", "\"", "'", "\xE2\x80\x99", "-", ",", ";", ":", "(",
    ")", "\xE2\x80\xA6", "\n", "\n\n", " ", "  ", "\t",
    "\xE2\x84\xA2",         /* ™ */
    "\xC2\xAD",             /* soft hyphen */
    "\xE2\x80\x8B",         /* zero-width space */
    "\xCC\x81",             /* combining acute */
    "\xC2\xAA",             /* ª */
    "\xC2\xB2",             /* ² */
    "\xC2\xBD",             /* ½ */
    "\xEF\xBC\xA1",         /* full-width A */
    "\xC3\x97", "\xC3\xB7", /* × ÷ */
    "\xC2\xA8",             /* ¨ (folds to a space) */
    "\xC2\xA0",             /* NBSP */
    "\xE2\x80\x83",         /* em space */
    "\xE2\x80\x90",         /* hyphen */
    "\xE2\x84\x83",         /* ℃ */
    "\xE2\x91\xA0",         /* ① */
    "\xE2\x92\xB6",         /* Ⓐ */
    "\xEF\xAC\x81",         /* ﬁ */
    "\xC5\x93", "\xC5\x92", /* œ Œ */
    "\xC3\x9F",             /* ß */
    "\xC4\xB1",             /* ı */
    "\xC7\x83",             /* ǃ (a letter) */
    "\xE2\x80\x8D",         /* ZWJ */
    "\xEF\xBB\xBF",         /* BOM */
    "\x01", "\x7F", "\x1B",
    "\xCA\xBC",             /* modifier apostrophe */
    "\xE2\x80\x9C", "\xE2\x80\x9D",
    "<b>", "</p>", "&nbsp;", "&eacute;",
};

#define FUZZ_ADJ_MAX 128
#define FUZZ_FORM_MAX 48

/* The lexicon's state adjectives (every @adj form), in three cases. */
static char fuzz_adj[FUZZ_ADJ_MAX][3][FUZZ_FORM_MAX];
static size_t fuzz_nadj;

static rg_actors *fuzz_actors;
static rg_lexicon *fuzz_lexicon;
static rg_boilerplate *fuzz_bp;
static rg_extractor *fuzz_ex[2]; /* the cleaner's key; the extractor's own fold */

/* form in capitals (ASCII and Latin-1 small letters); first: only its
 * first character */
static void fuzz_upper(char *dst, const char *src, int first)
{
    size_t i, n = strlen(src);

    memcpy(dst, src, n + 1);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)dst[i];
        if (c >= 'a' && c <= 'z') {
            dst[i] = (char)(c - 32);
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)dst[i + 1] >= 0xA0 &&
                   (unsigned char)dst[i + 1] != 0xB7) {
            dst[i + 1] = (char)((unsigned char)dst[i + 1] - 0x20);
        }
        if (first) {
            break;
        }
        i += c >= 0xC0; /* a two-byte letter's second byte */
    }
}

static void fuzz_adjectives(void)
{
    const struct rg_lexicon *lx = fuzz_lexicon;
    size_t w;

    for (w = 0; w < lx->n_words && fuzz_nadj < FUZZ_ADJ_MAX; w++) {
        const char *form = NULL;
        if (!rg_lexicon__adj_word(lx, w, &form) || strlen(form) >= FUZZ_FORM_MAX) {
            continue;
        }
        memcpy(fuzz_adj[fuzz_nadj][0], form, strlen(form) + 1);
        fuzz_upper(fuzz_adj[fuzz_nadj][1], form, 1);
        fuzz_upper(fuzz_adj[fuzz_nadj][2], form, 0);
        fuzz_nadj++;
    }
    FUZZ_ASSERT(fuzz_nadj > 0);
    if (getenv("FUZZ_PRINT")) { /* the adjectives' numbers, to write seeds */
        for (w = 0; w < fuzz_nadj; w++) {
            fprintf(stderr, "adjective %zu: %s\n", w, fuzz_adj[w][0]);
        }
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    rg_extract_options o;
    size_t k;

    (void)argc;
    (void)argv;
    rg_init();
    FUZZ_ASSERT(rg_actors_default(&fuzz_actors) == RG_OK);
    FUZZ_ASSERT(rg_lexicon_default(&fuzz_lexicon) == RG_OK);
    FUZZ_ASSERT(rg_boilerplate_default(&fuzz_bp) == RG_OK);
    fuzz_adjectives();
    /* fuzz_op: the words' bytes leave room for the adjectives' three cases */
    FUZZ_ASSERT(sizeof fuzz_words / sizeof fuzz_words[0] + 3 <= 0xC0);
    FUZZ_ASSERT(strcmp(fuzz_words[FUZZ_ACTORS - 1], "dirigeant") == 0);
    FUZZ_ASSERT(strcmp(fuzz_words[FUZZ_ACTORS + FUZZ_CUES - 1], "remercie") == 0);
    for (k = 0; k < 2; k++) {
        memset(&o, 0, sizeof o);
        o.actors = fuzz_actors;
        o.lexicon = fuzz_lexicon;
        o.boilerplate = k == 0 ? fuzz_bp : NULL;
        o.clean.html = -1;
        o.clean.boilerplate = 1;
        FUZZ_ASSERT(rg_extractor_new(&fuzz_ex[k], &o) == RG_OK);
        /* the gate must be able to work, else this target tests nothing */
        FUZZ_ASSERT(rg_extract__gate_ready(fuzz_ex[k]));
    }
    return 0;
}

#define FUZZ_DOC_MAX 4096

typedef struct {
    char s[FUZZ_DOC_MAX + 64];
    size_t n;
    int glue; /* no space before the next word */
} fuzz_doc;

static void fuzz_put(fuzz_doc *d, const char *s, size_t n, int word)
{
    if (d->n + n + 1 > FUZZ_DOC_MAX) {
        return;
    }
    if (word && !d->glue && d->n > 0) {
        d->s[d->n++] = ' ';
    }
    memcpy(d->s + d->n, s, n);
    d->n += n;
    d->glue = 0;
}

/* A clause "<actor> <cue> <actor or adjective phrase>." from the next
 * three bytes: most coverage-guided inputs are too short to relate two
 * actors by chance, these relate or nearly do. */
static void fuzz_clause(fuzz_doc *d, const uint8_t *data, size_t size, size_t *i)
{
    unsigned v[3] = { 0, 0, 0 }, k;
    const char *s;

    for (k = 0; k < 3 && *i < size; k++) {
        v[k] = data[(*i)++];
    }
    s = fuzz_words[v[0] % FUZZ_ACTORS];
    fuzz_put(d, s, strlen(s), 1);
    s = fuzz_words[FUZZ_ACTORS + v[1] % FUZZ_CUES];
    fuzz_put(d, s, strlen(s), 1);
    if (v[2] & 0x80) {
        fuzz_put(d, "les autorités", strlen("les autorités"), 1);
        s = fuzz_adj[(v[2] & 0x7F) % fuzz_nadj][v[1] >> 6 < 3 ? v[1] >> 6 : 0];
    } else {
        s = fuzz_words[v[2] % FUZZ_ACTORS];
    }
    fuzz_put(d, s, strlen(s), 1);
    fuzz_put(d, ".", 1, 0);
}

/*
 * One op of the program at data[*i], by its first byte b: below the count
 * of fuzz_words, that word; up to 0xBF an adjective, the next byte picking
 * which one (and b its case); up to 0xF8 a mark of fuzz_marks (glued);
 * 0xF9 glues the next word to this one; 0xFA the next byte, raw; 0xFB to
 * 0xFE a few ASCII letters glued (a word cut or stretched:
 * "prisonRusses"); 0xFF a clause (fuzz_clause).
 */
static void fuzz_op(fuzz_doc *d, const uint8_t *data, size_t size, size_t *i)
{
    static const char *const bits[] = { "s", "e", "Dans", "prison" };
    const size_t nw = sizeof fuzz_words / sizeof fuzz_words[0];
    const size_t nm = sizeof fuzz_marks / sizeof fuzz_marks[0];
    unsigned b = data[(*i)++];
    const char *s;

    if (b < nw) {
        fuzz_put(d, fuzz_words[b], strlen(fuzz_words[b]), 1);
    } else if (b < 0xC0) {
        unsigned c = *i < size ? data[(*i)++] : 0;
        s = fuzz_adj[c % fuzz_nadj][(b - nw) % 3];
        fuzz_put(d, s, strlen(s), 1);
    } else if (b < 0xF9) {
        s = fuzz_marks[(b - 0xC0) % nm];
        fuzz_put(d, s, strlen(s), 0);
    } else if (b == 0xF9) {
        d->glue = 1;
    } else if (b == 0xFA) {
        if (*i < size) {
            char c = (char)data[(*i)++];
            fuzz_put(d, &c, 1, 0);
        }
    } else if (b < 0xFF) {
        s = bits[b - 0xFB];
        fuzz_put(d, s, strlen(s), 0);
    } else {
        fuzz_clause(d, data, size, i);
    }
}

/* The document's JSON line, with the gate on or off; lean as a pipeline
 * thread extracts (rg_extract__run). */
static void fuzz_extract(rg_evidence **ev, rg_extractor *ex, const char *text, size_t len,
                         const rg_date *date, int on, int lazy, int lean)
{
    rg_document *doc = NULL;
    int rc;

    FUZZ_ASSERT(rg_document_new(&doc, "fuzz", text, len) == RG_OK);
    if (date) {
        doc->date = *date;
        doc->date_source = RG_DATE_MANIFEST;
    }
    rg_extract__set_gate(ex, on);
    rg_stance__set_lazy_cues(lazy);
    rc = rg_extract__run(ev, ex, doc, fuzz_actors, lean);
    rg_stance__set_lazy_cues(1);
    FUZZ_ASSERT(rc == RG_OK && (*ev)->json);
    rg_document_free(doc);
}

/* The lazy extraction (no line) of the document: its mentions and
 * relations must be those of ev. */
static void fuzz_lazy(const rg_evidence *ev, rg_extractor *ex, const char *text, size_t len,
                      const rg_date *date)
{
    rg_document *doc = NULL;
    rg_evidence *lz = NULL;
    size_t i;
    int same;

    FUZZ_ASSERT(rg_document_new(&doc, "fuzz", text, len) == RG_OK);
    if (date) {
        doc->date = *date;
        doc->date_source = RG_DATE_MANIFEST;
    }
    rg_extract__set_gate(ex, 1);
    FUZZ_ASSERT(rg_extract__run(&lz, ex, doc, NULL, RG_EXTRACT__LEAN | RG_EXTRACT__LAZY) ==
                RG_OK);
    same = lz->n_mentions == ev->n_mentions && lz->n_relations == ev->n_relations;
    for (i = 0; same && i < ev->n_mentions; i++) {
        const rg_mention *x = &lz->mentions[i], *y = &ev->mentions[i];
        same = x->actor == y->actor && x->sentence == y->sentence && x->start == y->start &&
               x->end == y->end && x->kind == y->kind;
    }
    for (i = 0; same && i < ev->n_relations; i++) {
        const rg_relation *x = &lz->relations[i], *y = &ev->relations[i];
        same = x->type == y->type && x->source == y->source && x->target == y->target &&
               x->sentence == y->sentence && x->sign == y->sign && x->weight == y->weight &&
               x->category == y->category && x->cue_start == y->cue_start &&
               x->cue_end == y->cue_end;
    }
    if (!same) {
        fprintf(stderr, "lazy extraction differs on:\n%s\nline: %s\nlazy: %zu mentions, "
                "%zu relations\n", text, ev->json, lz->n_mentions, lz->n_relations);
        FUZZ_ASSERT(!"the lazy extraction changed the evidence");
    }
    rg_evidence_free(lz);
    rg_document_free(doc);
}

/*
 * The first byte: bits 0-1 the date (3: none, though the text may give
 * one), bit 2 the extractor, bit 3 a pipeline thread's way (a reuse
 * bracket: buffers and the stance context kept from one extraction to the
 * next; bit 4 lean). Gate off, on, off again, the on-demand cue scan off
 * in the first run only. Every JSON line must be the first one; the lazy
 * extraction's mentions and relations those of the gate's run.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const rg_date dates[] = { { 2019, 6, 15 }, { 2015, 3, 1 }, { 2021, 5, 1 } };
    static fuzz_doc doc; /* 4 kB: not on the stack */
    fuzz_doc *d = &doc;
    rg_evidence *ev[3] = { NULL, NULL, NULL };
    rg_document *probe = NULL;
    const rg_date *date;
    rg_extractor *ex;
    size_t i = 1, k, runs = 3;
    int reuse, lean;

    if (size == 0) {
        return 0;
    }
    date = (data[0] & 3u) == 3 ? NULL : &dates[data[0] & 3u];
    ex = fuzz_ex[(data[0] >> 2) & 1u];
    reuse = (data[0] >> 3) & 1u;
    lean = reuse && ((data[0] >> 4) & 1u);
    d->n = 0;
    d->glue = 0;
    while (i < size) {
        fuzz_op(d, data, size, &i);
    }
    d->s[d->n] = '\0';
    if (getenv("FUZZ_PRINT")) { /* the document of a crash, to report it */
        fprintf(stderr, "document (%s): [%s]\n", date ? "dated" : "undated", d->s);
    }
    if (rg_document_new(&probe, "fuzz", d->s, d->n) != RG_OK) {
        return 0; /* refused, as a reader would report it ("\xFF\xFE" + an odd byte count) */
    }
    rg_document_free(probe);
    if (reuse) {
        rg_extract__reuse_begin();
    }
    for (k = 0; k < runs; k++) {
        fuzz_extract(&ev[k], ex, d->s, d->n, date, k == 1, k > 0, lean);
    }
    fuzz_lazy(ev[1], ex, d->s, d->n, date);
    if (reuse) {
        rg_extract__reuse_end();
    }
    for (k = 1; k < runs; k++) {
        if (ev[0]->json_len != ev[k]->json_len ||
            memcmp(ev[0]->json, ev[k]->json, ev[0]->json_len) != 0) {
            fprintf(stderr, "gate or cue scan on/off differ on:\n%s\nboth off: %s\nrun %zu:   %s\n",
                    d->s, ev[0]->json, k, ev[k]->json);
            FUZZ_ASSERT(!"the gate or the on-demand cue scan changed the evidence");
        }
    }
    for (k = 0; k < runs; k++) {
        rg_evidence_free(ev[k]);
    }
    return 0;
}
