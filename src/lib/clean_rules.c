/* SPDX-License-Identifier: MIT */
/*
 * Boilerplate rules: the rule set of data/boilerplate.txt (format in
 * docs/cleaning.md) parsed into folded keys, each with its rarest byte;
 * the listing of those rare bytes in a line (rg_clean__rare_list) and the
 * search of the rules in a folded line, which clean.c applies line by
 * line.
 */
#include <string.h> /* memchr, memcmp, memcpy, memmove, memset, strchr, strlen */

#include <relgraph/clean.h>
#include <relgraph/io.h>   /* rg_read_file */
#include <relgraph/text.h> /* rg_text_fold */
#include "common.h"
#include "clean_internal.h" /* bp_rule, struct rg_boilerplate */
#include "data.h"           /* rg__data_boilerplate_txt */
#include "text_internal.h"  /* rg_text__utf8_decode, rg_text__is_word_cp */
#if RG_TEXT_WIDE
#include <immintrin.h> /* rare_scan_wide */
#endif

static const struct {
    const char *name;
    bp_kind kind;
} bp_kinds[] = {
    { "line", BP_LINE },
    { "line-prefix", BP_PREFIX },
    { "trailer", BP_TRAILER },
    { "credit", BP_CREDIT },
    { "script-marker", BP_SCRIPT },
};

void rg_boilerplate_free(rg_boilerplate *bp)
{
    size_t i;

    if (!bp) {
        return;
    }
    for (i = 0; i < bp->rules.n; i++) {
        rg__free(bp->rules.v[i].key);
    }
    RG_VEC_FREE(bp->rules);
    rg__free(bp);
}

/*
 * The byte of a key least likely in a French line: uncommon punctuation
 * ("_", "(") first, then UTF-8 continuation bytes, then letters from the
 * rarest (w, k, z...), then digits and common punctuation. key_find looks
 * for it in a line, and only then for the rest of the rule around it.
 */
static unsigned char bp_rare_byte(const char *key, size_t len)
{
    static const char letters[] = "wkzxyjqhbgfvpmcdlourtnsiae";
    unsigned char best = (unsigned char)key[0];
    int best_rank = 1000;
    size_t j;

    for (j = 0; j < len; j++) {
        unsigned char c = (unsigned char)key[j];
        const char *l = c ? strchr(letters, c) : NULL;
        int rank;
        if (c == ' ') {
            continue;
        }
        if (l) {
            rank = 2 + (int)(l - letters);
        } else if (c >= 0x80 && c < 0xC0) {
            rank = 1;
        } else if (c >= 0x80 || (c >= '0' && c <= '9') || strchr(".,'-", c)) {
            rank = 100;
        } else {
            rank = 0;
        }
        if (rank < best_rank) {
            best = c;
            best_rank = rank;
        }
    }
    return best;
}

/*
 * Where in the key its rare byte c is looked for, when it is there more
 * than once: the first one with a non-space byte on both sides, else on
 * the side before, else after, else the first one. The rare-byte scan
 * tests the bytes around each hit against the rules' neighbours
 * (bp_near): "googletag." anchored on its second "g" needs "ogl", which
 * French lacks, where its first one passed with any byte before and an
 * "o" after ("gouvernement"). key_find finds the same matches from any
 * anchor (the start it fixes moves with the hit).
 */
static size_t bp_rare_at(const char *key, size_t len, unsigned char c)
{
    size_t j, best = len;
    int best_score = -1;

    for (j = 0; j < len; j++) {
        size_t a = j, b = j + 1;
        int score;
        if ((unsigned char)key[j] != c) {
            continue;
        }
        while (a > 0 && key[a - 1] == ' ') {
            a--;
        }
        while (b < len && key[b] == ' ') {
            b++;
        }
        score = 2 * (a > 0) + (b < len);
        if (score > best_score) {
            best = j;
            best_score = score;
        }
    }
    return best;
}

/* Folds `text` into a rule key with no leading or trailing space. */
static int bp_add_rule(rg_boilerplate *bp, /* rules to add to */
                       bp_kind kind,       /* rule kind */
                       const char *text,   /* rule text as written */
                       size_t len)         /* its length */
{
    bp_rule r = { kind, NULL, 0, 0, 0, BP_RARE_SLOTS };
    char *key = NULL;
    size_t klen = 0, a = 0;
    int error;

    error = rg_text_fold(&key, &klen, NULL, text, len);
    if (error < 0) {
        goto cleanup;
    }
    while (a < klen && key[a] == ' ') {
        a++;
    }
    while (klen > a && key[klen - 1] == ' ') {
        klen--;
    }
    memmove(key, key + a, klen - a);
    klen -= a;
    key[klen] = '\0';
    r.key = key;
    r.key_len = klen;
    r.rare = bp_rare_byte(key, klen);
    r.rare_at = bp_rare_at(key, klen, r.rare);
    error = RG_VEC_PUSH(bp->rules, r);
    if (error < 0) {
        goto cleanup;
    }
    key = NULL;
cleanup:
    rg__free(key);
    return error;
}

/* Parses one non-blank, non-comment line "kind: text". */
static int bp_parse_line(rg_boilerplate *bp,   /* rules to add to */
                         const char *line,     /* the line, without its LF */
                         size_t len,           /* its length */
                         const char *origin,   /* file name for messages */
                         size_t lineno)        /* 1-based line number */
{
    const char *colon = memchr(line, ':', len);
    size_t name_len, i, a, b;

    if (!colon) {
        rg__error_set(RG_EPARSE, "%s:%zu: expected 'kind: text'", origin, lineno);
        return RG_EPARSE;
    }
    name_len = (size_t)(colon - line);
    while (name_len > 0 && bp_is_space(line[name_len - 1])) {
        name_len--;
    }
    a = (size_t)(colon - line) + 1;
    b = len;
    while (a < b && bp_is_space(line[a])) {
        a++;
    }
    while (b > a && bp_is_space(line[b - 1])) {
        b--;
    }
    for (i = 0; i < sizeof bp_kinds / sizeof bp_kinds[0]; i++) {
        if (strlen(bp_kinds[i].name) == name_len &&
            memcmp(bp_kinds[i].name, line, name_len) == 0) {
            break;
        }
    }
    if (i == sizeof bp_kinds / sizeof bp_kinds[0]) {
        rg__error_set(RG_EPARSE, "%s:%zu: unknown rule kind '%.*s'", origin, lineno,
                      (int)(name_len > 40 ? 40 : name_len), line);
        return RG_EPARSE;
    }
    if (a == b) {
        rg__error_set(RG_EPARSE, "%s:%zu: empty text for rule '%s'", origin, lineno,
                      bp_kinds[i].name);
        return RG_EPARSE;
    }
    if (bp_add_rule(bp, bp_kinds[i].kind, line + a, b - a) < 0) {
        return RG_ERROR;
    }
    if (bp->rules.v[bp->rules.n - 1].key_len == 0) {
        rg__error_set(RG_EPARSE, "%s:%zu: rule text folds to nothing", origin, lineno);
        return RG_EPARSE;
    }
    return RG_OK;
}

/* Adds byte c (0..256) to the set b, or every byte when c < 0. */
static void bp_near_add(uint64_t *b, int c)
{
    int w;

    for (w = 0; w < 5 && c < 0; w++) {
        b[w] = ~(uint64_t)0;
    }
    if (c >= 0) {
        b[c >> 6] |= (uint64_t)1 << (c & 63);
    }
}

/* The neighbours of r's rare byte into bp->near of its slot: the nearest
 * non-space byte of the key before and after it (key_match skips spaces
 * in the line, so a space may stand there too), or none. */
static void bp_near(rg_boilerplate *bp, const bp_rule *r)
{
    size_t a = r->rare_at, b = r->rare_at + 1;
    uint64_t(*near)[5] = bp->near[r->rare_slot];

    while (a > 0 && r->key[a - 1] == ' ') {
        a--;
    }
    while (b < r->key_len && r->key[b] == ' ') {
        b++;
    }
    bp_near_add(near[0], a > 0 ? (unsigned char)r->key[a - 1] : -1);
    bp_near_add(near[0], a > 0 ? ' ' : -1);
    bp_near_add(near[1], b < r->key_len ? (unsigned char)r->key[b] : -1);
    bp_near_add(near[1], b < r->key_len ? ' ' : -1);
}

/* bp->near_lo and near_hi from bp->near for the slots below n_slots. */
static void bp_near_nibbles(rg_boilerplate *bp, unsigned n_slots)
{
    unsigned s, side, c;

    for (s = 0; s < n_slots; s++) {
        for (side = 0; side < 2; side++) {
            for (c = 0; c < 256; c++) {
                if (bp->near[s][side][c >> 6] >> (c & 63) & 1u) {
                    bp->near_lo[side][c & 15] |= (unsigned char)(1u << s);
                    bp->near_hi[side][c >> 4] |= (unsigned char)(1u << s);
                }
            }
        }
    }
}

/* Numbers the rare byte slots of the rules found anywhere (with
 * bp->slot_byte and bp->slot_of) and fills bp->by_first when bp_indexed
 * (see clean_internal.h). */
static void bp_index(rg_boilerplate *bp)
{
    unsigned char *slots = bp->slot_byte;
    unsigned n_slots = 0;
    size_t i, c;

    memset(bp->slot_of, BP_RARE_SLOTS, sizeof bp->slot_of);
    for (i = 0; i < bp->rules.n; i++) { /* rare_slot (see clean_internal.h) */
        bp_rule *r = &bp->rules.v[i];
        if (r->kind <= BP_TRAILER) {
            continue;
        }
        for (r->rare_slot = 0; r->rare_slot < n_slots && slots[r->rare_slot] != r->rare;) {
            r->rare_slot++;
        }
        if (r->rare_slot == n_slots && n_slots < BP_RARE_SLOTS) {
            bp->slot_of[r->rare] = (unsigned char)n_slots;
            bp->nib_lo[r->rare & 15] |= (unsigned char)(1u << n_slots);
            bp->nib_hi[r->rare >> 4] |= (unsigned char)(1u << n_slots);
            slots[n_slots++] = r->rare;
        }
        if (r->rare_slot < BP_RARE_SLOTS) {
            bp_near(bp, r);
        }
    }
    for (c = n_slots; c < BP_RARE_SLOTS; c++) {
        slots[c] = slots[0];
    }
    bp_near_nibbles(bp, n_slots);
#if RG_TEXT_WIDE
    bp->wide = rg__cpu_level() >= RG_CPU_AVX2;
#endif
    for (i = 0; bp_indexed(bp) && i < bp->rules.n; i++) {
        const bp_rule *r = &bp->rules.v[i];
        uint64_t bit = (uint64_t)1 << i;
        size_t j = 1;
        while (j < r->key_len && r->key[j] == ' ') {
            j++;
        }
        if (r->kind <= BP_TRAILER && j < r->key_len) {
            bp->by_second[(unsigned char)r->key[j]] |= bit;
        }
        for (c = 0; c <= BP_NO_BYTE && (r->kind > BP_TRAILER || j == r->key_len); c++) {
            bp->by_second[c] |= bit;
        }
        if (r->kind <= BP_TRAILER) { /* anchored: key[0] != ' ' (trimmed) */
            bp->by_first[(unsigned char)r->key[0]] |= bit;
            continue;
        }
        for (c = 0; c <= BP_NO_BYTE; c++) {
            bp->by_first[c] |= bit;
        }
        bp->anywhere |= bit;
        if (r->rare_slot < BP_RARE_SLOTS) {
            bp->slot_rules[r->rare_slot] |= bit;
            bp->slot_any |= bit;
        }
    }
}

/*
 * The offsets of the rules' rare bytes in one line, listed for all the
 * slots at once when a rule first asks: most lines hold some "h", "g" or
 * "y", and the rules anchored on them were a memchr call per hit each.
 */

#if RG_TEXT_WIDE
/* 1 when byte c (256: none) is in the set b (bp->near). */
static inline int near_has(const uint64_t *b, unsigned c)
{
    return (int)(b[c >> 6] >> (c & 63) & 1u);
}

/* Lists `at` for its slot, while the list has room, when the bytes around
 * it are ones that a match of a rule of the slot may have there (most
 * "h", "g" and "y" of French text are not). */
static inline void rare_add(rare_hits *h, const rg_boilerplate *bp, const char *k, size_t kl,
                            size_t at)
{
    unsigned s = bp->slot_of[(unsigned char)k[at]];
    unsigned before = at > 0 ? (unsigned char)k[at - 1] : 256;
    unsigned after = at + 1 < kl ? (unsigned char)k[at + 1] : 256;

    if (h->n[s] < RARE_HITS && near_has(bp->near[s][0], before) &&
        near_has(bp->near[s][1], after)) {
        h->at[s][h->n[s]++] = at;
    }
}
#endif

/* rg_clean__rare_scan with a memchr per hit of each slot. */
static void rare_scan(rare_hits *h, const rg_boilerplate *bp, const char *k, size_t kl)
{
    unsigned s;

    for (s = 0; s < BP_RARE_SLOTS; s++) {
        size_t f = 0;
        const char *p;
        if (s > 0 && bp->slot_byte[s] == bp->slot_byte[0]) {
            break; /* past the last slot */
        }
        while (h->n[s] < RARE_HITS && f < kl &&
               (p = memchr(k + f, bp->slot_byte[s], kl - f)) != NULL) {
            h->at[s][h->n[s]++] = (size_t)(p - k);
            f = (size_t)(p - k) + 1;
        }
    }
}

#if RG_TEXT_WIDE
/* The slot bits of the bytes of x in the nibble tables lo and hi (one
 * 16-byte table in each lane): lo[byte & 15] & hi[byte >> 4]. */
__attribute__((target("avx2"))) static inline __m256i rare_nibbles(__m256i x, __m256i lo,
                                                                   __m256i hi)
{
    const __m256i low4 = _mm256_set1_epi8(0x0F);

    return _mm256_and_si256(
        _mm256_shuffle_epi8(lo, _mm256_and_si256(x, low4)),
        _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), low4)));
}

/* A 16-byte table broadcast to both lanes. */
__attribute__((target("avx2"))) static inline __m256i rare_table(const unsigned char *t)
{
    return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)t));
}

/* The six tables of rare_scan_wide, each in both lanes. */
typedef struct {
    __m256i lo, hi;     /* the slots' rare bytes */
    __m256i b_lo, b_hi; /* their neighbours before */
    __m256i a_lo, a_hi; /* and after */
} rare_tabs;

/* The bytes of the block at q (q[-1..33) readable) that are a slot's rare
 * byte whose byte before may be a match's (each a slot bit): few blocks
 * have one (one in six), against two in five with any rare byte, a branch
 * that the machine mostly got wrong. */
__attribute__((target("avx2"), always_inline)) static inline __m256i
rare_cand(const rare_tabs *tb, const unsigned char *q)
{
    return _mm256_and_si256(
        rare_nibbles(_mm256_loadu_si256((const __m256i *)(const void *)q), tb->lo, tb->hi),
        rare_nibbles(_mm256_loadu_si256((const __m256i *)(const void *)(q - 1)), tb->b_lo,
                     tb->b_hi));
}

/* rare_cand of the line's first block (q[0..32) readable): the bytes
 * before are q's shifted by one in the register, a NUL first for the
 * line's start, as the padded copy had it (no copy of the block). */
__attribute__((target("avx2"), always_inline)) static inline __m256i
rare_cand_first(const rare_tabs *tb, const unsigned char *q)
{
    const __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)q);
    /* [0, x.lo] then x over it by 15 bytes a lane: [0, q[0..31)) */
    const __m256i prev = _mm256_alignr_epi8(x, _mm256_permute2x128_si256(x, x, 0x08), 15);

    return _mm256_and_si256(rare_nibbles(x, tb->lo, tb->hi),
                            rare_nibbles(prev, tb->b_lo, tb->b_hi));
}

/* Of the candidates c of the block at q, those whose byte after may be a
 * match's too, as a bit mask of the block's bytes. */
__attribute__((target("avx2"), always_inline)) static inline unsigned
rare_keep(const rare_tabs *tb, const unsigned char *q, __m256i c)
{
    const __m256i near = rare_nibbles(_mm256_loadu_si256((const __m256i *)(const void *)(q + 1)),
                                      tb->a_lo, tb->a_hi);

    return ~(unsigned)_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_and_si256(c, near), _mm256_setzero_si256()));
}

/* The bytes of the block at q (q[-1..33) readable) that are a slot's rare
 * byte with bytes around it that a match may have there (see below). */
__attribute__((target("avx2"), always_inline)) static inline unsigned
rare_block(const rare_tabs *tb, const unsigned char *q)
{
    const __m256i c = rare_cand(tb, q);

    return _mm256_testz_si256(c, c) ? 0 : rare_keep(tb, q, c);
}

/* rare_add for each byte of the block at t (q = k + t) that rare_keep
 * keeps of the candidates c, in the order of the line. */
__attribute__((target("avx2"), always_inline)) static inline void
rare_adds(rare_hits *h, const rg_boilerplate *bp, const rare_tabs *tb, const char *k, size_t kl,
          size_t t, __m256i c)
{
    unsigned m;

    if (_mm256_testz_si256(c, c)) {
        return;
    }
    for (m = rare_keep(tb, (const unsigned char *)k + t, c); m; m &= m - 1) {
        rare_add(h, bp, k, kl, t + rg__ctz64(m));
    }
}

/*
 * rare_scan where AVX2 is there (bp->wide): each 32-byte block of the line
 * tested for the rare bytes of all the slots at once, in the order of the
 * line. A byte is one of them when the bit of some slot is set both in
 * bp->nib_lo[its low 4 bits] and in bp->nib_hi[its high 4 bits] (exact:
 * each slot has a bit of its own), two table lookups of 32 bytes
 * (vpshufb) whatever the number of slots. The bytes before and after each
 * are tested the same way against the slot's neighbours (bp->near_lo,
 * near_hi: a superset), so that rare_add, exact, sees few of the "h", "g"
 * and "y" of French text (most have neighbours no rule has). The last
 * 1..33 bytes come from a copy padded with NUL, which no rule key holds,
 * and the first block of a longer line has a NUL shifted in before it:
 * the NUL before and after the line stands for its ends (a set holds the
 * end only when it holds every byte: bp_near_add). The blocks between
 * them take no test for it.
 */
__attribute__((target("avx2"))) static void rare_scan_wide(rare_hits *h,
                                                            const rg_boilerplate *bp,
                                                            const char *k, size_t kl)
{
    const rare_tabs tb = { rare_table(bp->nib_lo),     rare_table(bp->nib_hi),
                           rare_table(bp->near_lo[0]), rare_table(bp->near_hi[0]),
                           rare_table(bp->near_lo[1]), rare_table(bp->near_hi[1]) };
    const unsigned char *u = (const unsigned char *)k;
    unsigned char pad[34];
    unsigned m;
    size_t t = 0;

    if (kl >= 33) { /* the blocks with their q[..33) in the line */
        rare_adds(h, bp, &tb, k, kl, 0, rare_cand_first(&tb, u));
        /* two at a time: five blocks in six have no candidate, and one
         * test for the pair halves the tests and loop steps */
        for (t = 32; kl - t >= 65; t += 64) {
            const __m256i c0 = rare_cand(&tb, u + t), c1 = rare_cand(&tb, u + t + 32);
            if (_mm256_testz_si256(_mm256_or_si256(c0, c1), _mm256_or_si256(c0, c1))) {
                continue;
            }
            rare_adds(h, bp, &tb, k, kl, t, c0);
            rare_adds(h, bp, &tb, k, kl, t + 32, c1);
        }
        for (; kl - t >= 33; t += 32) {
            for (m = rare_block(&tb, u + t); m; m &= m - 1) {
                rare_add(h, bp, k, kl, t + rg__ctz64(m));
            }
        }
    }
    if (t < kl) { /* the last 1..33 bytes, the rest of pad NUL */
        memset(pad, 0, sizeof pad);
        pad[0] = t > 0 ? u[t - 1] : 0;
        memcpy(pad + 1, u + t, kl - t);
        for (m = rare_block(&tb, pad + 1); m; m &= m - 1) {
            rare_add(h, bp, k, kl, t + rg__ctz64(m));
        }
    }
}
#endif

void rg_clean__rare_scan(rare_hits *h, const rg_boilerplate *bp, const char *k, size_t kl)
{
    memset(h->n, 0, sizeof h->n);
    h->known = 1;
#if RG_TEXT_WIDE
    if (bp->wide) {
        rare_scan_wide(h, bp, k, kl);
        return;
    }
#endif
    rare_scan(h, bp, k, kl);
}

/* ------------------------------------------------------------------ */
/* The rules in a folded line (clean.c's line_classify applies them)   */
/* ------------------------------------------------------------------ */

/* Word character (letter or digit, any script) at key[i]. */
static int key_word_at(const char *k, /* folded key */
                       size_t kl,     /* its length */
                       size_t i)      /* byte offset */
{
    int32_t cp;
    unsigned char c = (unsigned char)k[i];

    if (c < 0x80) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    while (i > 0 && ((unsigned char)k[i] & 0xC0) == 0x80) {
        i--; /* back to the lead byte */
    }
    rg_text__utf8_decode(k + i, kl - i, &cp);
    return cp >= 0 && rg_text__is_word_cp(cp);
}

/* Bullet-like characters skipped at the start of a folded line. */
static size_t key_bullet_len(const char *k, /* folded key */
                             size_t kl,     /* its length */
                             size_t i)      /* byte offset */
{
    static const char *const bullets[] = {
        "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xBA", "\xE2\x96\xB6", "\xE2\x96\xA0",
        "\xE2\x96\xAA", "\xE2\x86\x92", "\xE2\x97\x8F", "\xE2\x80\xBA", "\xC2\xBB", NULL
    };
    size_t b;

    if (strchr(" -*>|+", k[i])) {
        return 1;
    }
    if ((unsigned char)k[i] != 0xE2 && (unsigned char)k[i] != 0xC2) {
        return 0; /* the lead byte of every bullet below */
    }
    for (b = 0; bullets[b]; b++) {
        size_t n = strlen(bullets[b]);
        if (i + n <= kl && memcmp(k + i, bullets[b], n) == 0) {
            return n;
        }
    }
    return 0;
}

/* End of a match of `r` at key[i] (spaces ignored, word boundary at the
 * end), or (size_t)-1. */
size_t rg_clean__key_match(const char *k,    /* folded line */
                           size_t kl,        /* its length */
                           size_t i,         /* where the rule must start */
                           const bp_rule *r) /* the rule */
{
    size_t j = 0;

    while (j < r->key_len) {
        if (r->key[j] == ' ') {
            j++;
            continue;
        }
        while (i < kl && k[i] == ' ') {
            i++;
        }
        if (i >= kl || k[i] != r->key[j]) {
            return (size_t)-1;
        }
        i++;
        j++;
    }
    if (i < kl && key_word_at(r->key, r->key_len, r->key_len - 1) && key_word_at(k, kl, i)) {
        return (size_t)-1;
    }
    return i;
}

/* 1 when key[i..kl) holds no letter or digit. */
int rg_clean__key_no_words(const char *k, /* folded line */
                           size_t kl,     /* its length */
                           size_t i)      /* from this offset */
{
    for (; i < kl; i++) {
        if (((unsigned char)k[i] & 0xC0) != 0x80 && key_word_at(k, kl, i)) {
            return 0;
        }
    }
    return 1;
}

/* Start of the only possible match of `r` whose rare byte (r->rare_at) is
 * key[at], or (size_t)-1: the rule's earlier bytes, read backwards, must be
 * the line's earlier non-space bytes (rg_clean__key_match skips line spaces). */
static size_t key_back(const char *k,    /* folded line */
                       size_t at,        /* a byte equal to r->rare */
                       const bp_rule *r) /* the rule */
{
    size_t j = r->rare_at;

    while (j > 0) {
        if (r->key[--j] == ' ') {
            continue;
        }
        do {
            if (at == 0) {
                return (size_t)-1;
            }
        } while (k[--at] == ' ');
        if (k[at] != r->key[j]) {
            return (size_t)-1;
        }
    }
    return at;
}

/*
 * Finds `r` anywhere in the key (word boundary before a rule starting with
 * a letter); returns its key offset or (size_t)-1.
 * HOW IT WORKS: the line is searched for the rule's rarest byte (most lines
 * lack "_" or "(", and "h" is far rarer than the "c" of "crédit"); each hit
 * fixes the only start a match through it could have (key_back), which is
 * then checked. Starts come in the order of their hits, so the first match
 * found is the leftmost one.
 */
size_t rg_clean__key_find(const char *k,            /* folded line */
                          size_t kl,                /* its length */
                          const rg_boilerplate *bp, /* rules */
                          const bp_rule *r,         /* the rule */
                          rare_hits *h)             /* the line's rare byte offsets */
{
    size_t at, i, q = 0, n, from = 0;
    const size_t *list = rg_clean__rare_list(h, bp, r, k, kl, &n);

    for (;;) {
        if (q < n) {
            at = list[q++];
        } else if (list && n < RARE_HITS) {
            break; /* every hit was listed */
        } else {
            const char *p = from < kl ? memchr(k + from, r->rare, kl - from) : NULL;
            if (!p) {
                break;
            }
            at = (size_t)(p - k);
        }
        from = at + 1;
        if ((i = key_back(k, at, r)) == (size_t)-1) {
            continue;
        }
        /* never glued to a preceding letter: a rule starting with a letter
         * must start a word, and a symbol rule ("©") must not follow one
         * either, or the mojibake "Ã©" of a mis-decoded "é" would match */
        if (i > 0 && key_word_at(k, kl, i - 1)) {
            continue;
        }
        if (rg_clean__key_match(k, kl, i, r) != (size_t)-1) {
            return i;
        }
    }
    return (size_t)-1;
}

uint64_t rg_clean__line_rules(size_t *start, const rg_boilerplate *bp, const char *k, size_t kl)
{
    uint64_t todo;
    size_t n, i;

    *start = 0;
    while (*start < kl && (n = key_bullet_len(k, kl, *start)) > 0) {
        *start += n;
    }
    if (!bp_indexed(bp)) {
        return 0;
    }
    /* a rule anchored at `start` (no space there: bullets include it)
     * needs its first byte there, and its second non-space byte at the
     * line's next one (key_match skips the line's spaces); most lines
     * fail this at once, so only the rules that can match are visited */
    i = *start;
    todo = bp->by_first[i < kl ? (unsigned char)k[i] : BP_NO_BYTE];
    if (todo) {
        for (i++; i < kl && k[i] == ' '; i++) {
        }
        todo &= bp->by_second[i < kl ? (unsigned char)k[i] : BP_NO_BYTE];
    }
    return todo;
}

/* Parses a whole rules file held in memory (decoded first). */
static int bp_from_buffer(rg_boilerplate **out, /* out: the rules */
                          const char *buf,      /* file contents */
                          size_t len,           /* their length */
                          const char *origin)   /* file name for messages */
{
    rg_boilerplate *bp = NULL;
    char *text = NULL;
    size_t text_len = 0, pos = 0, lineno = 0;
    int error;

    *out = NULL;
    error = rg_text_decode(&text, &text_len, NULL, buf, len);
    if (error < 0) {
        goto cleanup;
    }
    bp = rg__calloc(1, sizeof *bp);
    if (!bp) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    while (pos < text_len) {
        const char *nl = memchr(text + pos, '\n', text_len - pos);
        size_t end = nl ? (size_t)(nl - text) : text_len, a = pos;

        lineno++;
        while (a < end && bp_is_space(text[a])) {
            a++;
        }
        if (a < end && text[a] != '#') {
            error = bp_parse_line(bp, text + a, end - a, origin, lineno);
            if (error < 0) {
                goto cleanup;
            }
        }
        pos = end + 1;
    }
    bp_index(bp);
    *out = bp;
    bp = NULL;
cleanup:
    rg_boilerplate_free(bp);
    rg__free(text);
    return error;
}

int rg_boilerplate_default(rg_boilerplate **out)
{
    RG_ASSERT_ARG(out);
    return bp_from_buffer(out, (const char *)rg__data_boilerplate_txt,
                          rg__data_boilerplate_txt_len, "data/boilerplate.txt");
}

int rg_boilerplate_load(rg_boilerplate **out, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    int error;

    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(path);
    *out = NULL;
    error = rg_read_file(&buf, &len, path, 0);
    if (error < 0) {
        goto cleanup;
    }
    error = bp_from_buffer(out, buf, len, path);
cleanup:
    rg_free(buf);
    return error;
}
