/* SPDX-License-Identifier: MIT */
/*
 * Private interface of the stance lexicon (lexicon.c) used by the stance
 * detector (stance.c). The lexicon is immutable after loading and shared by
 * every thread; the stemmer (rg_lx_stemmer) is NOT thread-safe, so each
 * stance context owns one.
 *
 * Words. Every word of every cue becomes one entry of a word table: either
 * its Snowball French stem ("s:condamn") or, for exact words, its lower-case
 * form ("x:sommé"). A token of the text is looked up as its exact form, its
 * stem, and the stem of the token without a plural/verbal ending ("-nt",
 * "-s"), because Snowball leaves "condamnent" and "tendus" unstemmed.
 */
#ifndef RG_LIB_LEXICON_H
#define RG_LIB_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include <relgraph/stance.h>

#define RG_LX_MAXW 6      /* words per cue */
#define RG_LX_MAXTOK 64   /* bytes of a token considered for matching */

enum {
    RG_LX_RECIP = 1u << 0,  /* reciprocal: both directions */
    RG_LX_TONE = 1u << 1,   /* relationship tone word: undirected tone relation */
    RG_LX_SPEECH = 1u << 2, /* reported-speech verb or "selon" */
    RG_LX_NEG = 1u << 3,    /* negating verb ("refuser de"): the next cue is negated */
    RG_LX_EXACT = 1u << 4,  /* match the forms as written (lower case), no stem */
    RG_LX_IGNORE = 1u << 5, /* an idiom that hides a cue ("preuves à l'appui") */
    RG_LX_PLACE = 1u << 6,  /* "à" + city is where it happens (meetings, visits) */
    RG_LX_NEGFLIP = 1u << 7 /* negated, the opposite stance ("ne pas faire confiance") */
};

typedef struct {
    int n_words;
    int words[RG_LX_MAXW];  /* word ids */
    int sign;               /* +1, -1, 0 */
    double intensity;       /* Goldstein, signed */
    const char *category;   /* owned by the lexicon */
    unsigned flags;
} rg_lx_cue;

struct rg_lexicon {
    /* word table: open addressing over keys in `pool` */
    char *pool;
    size_t pool_len, pool_cap;
    size_t *word_off;       /* word id -> key offset in pool */
    size_t n_words, words_cap;
    int *slots;             /* word id + 1, 0 = empty */
    size_t n_slots;         /* power of two */
    const char **adj_state; /* word id -> state code (in pool, fixed after load) or NULL */
    size_t *adj_off;        /* word id -> code offset + 1 during loading */
    size_t adj_n;           /* entries in adj_off */
    /* cues, and per first word the cue ids, longest first (CSR) */
    rg_lx_cue *cues;
    size_t n_cues, cues_cap;
    size_t *first_start;    /* n_words + 1 entries */
    int *first_list;
    char **categories;      /* distinct category strings */
    size_t n_categories, categories_cap;
    /* filters of the state adjectives (exact keys), so that few words are
     * looked up: per first byte as written (ASCII capitals as their lower
     * case), bit L set when some adjective starting with it has L bytes
     * (bit 63: 63 bytes or more); and the 65536-bit prefilter below built
     * from the adjectives alone */
    uint64_t adj_lens[256];
    uint64_t adj_prefix[1024];
    /* the stance prescan's filter (stance_prescan.c): the same lengths
     * (bit 31: 31 bytes or more) by the first two bytes of a word,
     * rg_lexicon__pair_index(), with those of the other words it counts:
     * "deux" in [0]; "deux" and the pronouns il, ils, elle, elles, l', lui
     * in [1] (lx_pre_words) */
    uint32_t pre_pair_lens[2][1024];
    /* those pairs, lengths aside, in at most 8 buckets for a vector test
     * at every byte: each pair (a, b) of pre_pair_lens[v] has a bucket k
     * whose bit is set in pre_first[v][a] and pre_second[v][b] (indexes:
     * the low five bits of the bytes); other pairs may pass too */
    uint8_t pre_first[2][32], pre_second[2][32];
    size_t adj_min_len;     /* bytes of the shortest state adjective, 0: none */
    /* 65536-bit prefilter over the first three bytes of every key */
    uint64_t prefilter[1024];
};

typedef struct rg_lx_stemmer rg_lx_stemmer;

/* Bit of a lower-case key (its first three bytes and whether it has them) in
 * the 65536-bit prefilters. */
static inline unsigned rg_lexicon__prefix_bit(const char *s, size_t n)
{
    unsigned a = n > 0 ? (unsigned char)s[0] : 0, b = n > 1 ? (unsigned char)s[1] : 0;
    unsigned c = n > 2 ? (unsigned char)s[2] : 0;

    return ((a * 31u + b) * 31u + c) & 0xFFFFu;
}

/* Bit L of lx->adj_lens[] for a word of L bytes. */
static inline uint64_t rg_lexicon__len_bit(size_t n)
{
    return (uint64_t)1 << (n < 63 ? n : 63);
}

/* Bit L of lx->pre_pair_lens[][] for a word of L bytes. */
static inline uint32_t rg_lexicon__len_bit32(size_t n)
{
    return (uint32_t)1 << (n < 31 ? n : 31);
}

/*
 * Index into lx->pre_pair_lens[][] of the word w[0..n) (n >= 1), as written or
 * lower-cased: the low five bits of its first byte and, when that byte is
 * ASCII and n > 1, of its second byte (else 0). Lower-casing
 * (rg_lexicon__lower) flips bit 5 of an ASCII letter and changes no lead
 * byte of a longer character, nor the first byte after an ASCII one, so
 * a word and its lower-case key share an index.
 */
static inline unsigned rg_lexicon__pair_index(const char *w, size_t n)
{
    unsigned b0 = (unsigned char)w[0];
    unsigned b1 = b0 < 0x80 && n > 1 ? (unsigned char)w[1] & 31u : 0;

    return (b0 & 31u) << 5 | b1;
}

/*
 * 0 when no state adjective is `n` bytes long and starts with `pre`, the
 * lower-cased first min(n, 3) bytes of a word (a prefix lower-cases as the
 * start of the whole word does: rg_lexicon__lower never joins bytes across
 * a character). 1: the word may be one; rg_lexicon__token_exact decides.
 */
static inline int rg_lexicon__adj_maybe(const struct rg_lexicon *lx, const char *pre, size_t n)
{
    unsigned bit = rg_lexicon__prefix_bit(pre, n);

    return (lx->adj_prefix[bit >> 6] >> (bit & 63)) & 1;
}

/*
 * The state code of word `w` (w < lx->n_words) when it is a state
 * adjective ("RUS" for "russes"), else NULL; *form then receives the
 * word's lower-case form as written in the lexicon (NUL-terminated). For
 * the extractor's stance gate (extract_gate.c).
 */
static inline const char *rg_lexicon__adj_word(const struct rg_lexicon *lx, size_t w,
                                               const char **form)
{
    if (!lx->adj_state[w]) {
        return NULL;
    }
    *form = lx->pool + lx->word_off[w] + 1; /* after the word's tag */
    return lx->adj_state[w];
}

int rg_lexicon__stemmer_new(rg_lx_stemmer **out);
void rg_lexicon__stemmer_free(rg_lx_stemmer *st);

/* 1 when code point cp belongs to a word (letters, digits). */
int rg_lexicon__is_word_cp(int32_t cp);

/* Lower-case a UTF-8 word (ASCII, Latin-1 letters, Œ) into dst (>= n bytes). */
void rg_lexicon__lower(char *dst, const char *src, size_t n);

/*
 * The word ids of one lower-case token: ids[0] exact form, ids[1] stem,
 * ids[2] stem without "-nt"/"-s"; -1 where the table has none.
 * Returns 1 when any id is set.
 */
int rg_lexicon__token_ids(const rg_lexicon *lx, rg_lx_stemmer *st, const char *lower,
                          size_t len, int ids[3]);

/* In ids[1] and ids[2]: stems not looked up yet (rg_lexicon__token_ids_lead). */
#define RG_LX_LATER (-2)

/*
 * rg_lexicon__token_ids, except that the stems are looked up only when one
 * of them may be the first word of a cue: when neither can be,
 * ids[1] = ids[2] = RG_LX_LATER, and rg_lexicon__token_ids gives them.
 * For the cue search, which reads the stems of a token at the start of a
 * cue always and inside a cue only after the words before matched
 * (lexicon.c says why this saves stemmer calls).
 */
void rg_lexicon__token_ids_lead(const rg_lexicon *lx, rg_lx_stemmer *st, const char *lower,
                                size_t len, int ids[3]);

/* The exact-form word id of one lower-case token (ids[0] above), -1 when none;
 * no stemming. */
int rg_lexicon__token_exact(const rg_lexicon *lx, const char *lower, size_t len);

/* Cue ids starting with word `w`, longest first. */
const int *rg_lexicon__first(const rg_lexicon *lx, int w, size_t *n);

/* The lexicon from a buffer; `name` is used in messages ("name:LINE: ..."). */
int rg_lexicon__from_buffer(rg_lexicon **out, const char *buf, size_t len, const char *name);

#endif
