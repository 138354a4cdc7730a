/* SPDX-License-Identifier: MIT */
/*
 * Documents: creation and decoding of raw bytes, shared by the reader. Text
 * that is mostly UTF-8 with a few bad bytes is repaired byte by byte before
 * rg_text_decode(); binary data is recognised by its share of NUL and
 * control bytes.
 */
#include <stddef.h> /* max_align_t */
#include <stdint.h> /* uint32_t, uint64_t, SIZE_MAX */
#include <string.h> /* memcpy, memset */

#if defined(__SSE2__)
#include <immintrin.h> /* count_blocks, count_blocks_wide */
#endif

/* Under AddressSanitizer the arena's free bytes are poisoned: a document
 * read after its batch's reset, or past its block, is reported as a
 * malloc'd one would be (the arena is one allocation to ASan otherwise). */
#if defined(__SANITIZE_ADDRESS__)
#define DOC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DOC_ASAN 1
#endif
#endif
#if defined(DOC_ASAN)
#include <sanitizer/asan_interface.h> /* ASAN_POISON_MEMORY_REGION */
#define DOC_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define DOC_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define DOC_POISON(p, n) ((void)(p), (void)(n))
#define DOC_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#include <relgraph/reader.h>
#include "common.h"
#include "reader_internal.h"
#include "strbuf.h"
#include "text_internal.h" /* rg_text__cp1252, rg_text__utf8_encode */

/*
 * A document is one allocation: a doc_head, the rg_document, then its id,
 * its origin and, for a JSON Lines document whose text needs no decoding,
 * its text (rg_document__alloc_text): one malloc and one free a document
 * instead of four, and the fields the extracting thread reads sit together.
 * The head keeps where those strings were put, so that rg_document_free
 * frees only a field that the caller pointed elsewhere (the struct is
 * public) or that decoding allocated.
 */
typedef union {
    struct {
        char *id, *origin, *text; /* in the block; text NULL when not */
        rg_doc_arena *arena;      /* the arena the block came from, or NULL */
        size_t size;              /* the block's bytes in the arena */
    } in;
    max_align_t align; /* the rg_document after the head stays aligned */
} doc_head;

static doc_head *doc_head_of(rg_document *doc)
{
    return (doc_head *)(void *)doc - 1;
}

static void arena_put_back(rg_doc_arena *a, void *block, size_t size);

void rg_document_free(rg_document *doc)
{
    doc_head *h;

    if (!doc) {
        return;
    }
    h = doc_head_of(doc);
    if (doc->id != h->in.id) {
        rg__free(doc->id);
    }
    if (doc->origin != h->in.origin) {
        rg__free(doc->origin);
    }
    if (doc->text != h->in.text) {
        rg__free(doc->text);
    }
    if (h->in.arena) {
        arena_put_back(h->in.arena, h, h->in.size);
    } else {
        rg__free(h);
    }
}

/* ---- the arena of a batch ---- */

#define ARENA_CHUNK (256u * 1024u)     /* bytes of a chunk */
#define ARENA_MAX_DOC (ARENA_CHUNK / 4) /* larger blocks are malloc'd */
#define ARENA_KEEP 4                   /* chunks kept by a reset (1 MiB) */

struct rg_doc_chunk {
    rg_doc_chunk *next;
    size_t used; /* bytes of data handed out */
    max_align_t data[ARENA_CHUNK / sizeof(max_align_t)];
};

/* size, rounded up to keep the blocks aligned for a doc_head */
static size_t arena_round(size_t size)
{
    return (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
}

/*
 * A freed block goes back to the arena when it is the last one handed out:
 * a skipped document (empty text) is freed before the next is read, so a
 * run of them reuses one place instead of filling the arena until the
 * batch is retired. Any other block waits for rg_document__arena_reset.
 */
static void arena_put_back(rg_doc_arena *a, void *block, size_t size)
{
    size = arena_round(size);
    if (a->cur && a->cur->used >= size &&
        (char *)block == (char *)a->cur->data + a->cur->used - size) {
        a->cur->used -= size;
        DOC_POISON(block, size);
    }
}

/* want bytes (<= ARENA_MAX_DOC) from the arena, aligned for a doc_head, or
 * NULL when out of memory. */
static void *arena_get(rg_doc_arena *a, size_t want)
{
    size_t size = arena_round(want);

    while (a->cur && a->cur->used + size > sizeof a->cur->data) {
        a->cur = a->cur->next; /* chunks after cur are empty */
    }
    if (!a->cur) {
        rg_doc_chunk *c = rg__malloc(sizeof *c), **tail = &a->first;
        if (!c) {
            return NULL;
        }
        c->next = NULL;
        c->used = 0;
        DOC_POISON(c->data, sizeof c->data);
        while (*tail) {
            tail = &(*tail)->next;
        }
        *tail = a->cur = c;
    }
    a->cur->used += size;
    DOC_UNPOISON((char *)a->cur->data + a->cur->used - size, want);
    return (char *)a->cur->data + a->cur->used - size;
}

void rg_document__arena_reset(rg_doc_arena *a)
{
    rg_doc_chunk *c, *next, **link = &a->first;
    int kept = 0;

    while ((c = *link) != NULL && kept < ARENA_KEEP) {
        c->used = 0;
        DOC_POISON(c->data, sizeof c->data);
        link = &c->next;
        kept++;
    }
    *link = NULL; /* the chunks beyond those go (a batch of large documents) */
    for (; c; c = next) {
        next = c->next;
        DOC_UNPOISON(c->data, sizeof c->data);
        rg__free(c);
    }
    a->cur = a->first;
}

void rg_document__arena_dispose(rg_doc_arena *a)
{
    rg_doc_chunk *c, *next;

    for (c = a->first; c; c = next) {
        next = c->next;
        DOC_UNPOISON(c->data, sizeof c->data);
        rg__free(c);
    }
    a->first = a->cur = NULL;
}

/* ---- decoding: mostly-UTF-8 repair and binary detection ---- */

#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL

/* The 8 bytes at p as a word (any alignment). */
static inline uint64_t load8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

/* Append Windows-1252 byte c as UTF-8. */
static int put_cp1252(rg_strbuf *b, unsigned char c)
{
    unsigned char u[4];
    size_t n = rg_text__utf8_encode(u, rg_text__cp1252(c));

    return rg_strbuf_put(b, (const char *)u, n);
}

/* 1 for a byte the binary rule counts: C0 but TAB, LF, VT, FF, CR and ESC. */
static inline int binary_ctrl(unsigned c)
{
    return c < 0x20 && !(c >= 0x09 && c <= 0x0D) && c != 0x1B;
}

/* What one pass over raw bytes finds (byte_count). */
typedef struct {
    size_t multi; /* valid multi-byte UTF-8 sequences */
    size_t bad;   /* bytes that start no valid sequence */
    size_t first; /* offset of the first of those */
    size_t ctrl;  /* control bytes as rg_document__looks_binary counts them (NUL too) */
    int unstable; /* a valid sequence of a code point >= U+0300 not rg_text__nfc_stable */
    int cr_nul;   /* a CR or a NUL byte was seen */
} byte_counts;

/* Counts the flagged byte at p[i] (a control byte or one >= 0x80) and
 * returns the bytes it takes (1 to 4). */
static inline size_t count_one(byte_counts *bc, const unsigned char *p, size_t i, size_t len)
{
    unsigned c = p[i];
    size_t k;

    if (c < 0x80) {
        bc->ctrl += binary_ctrl(c);
        bc->cr_nul |= c == '\r' || c == '\0';
        return 1;
    }
    k = rg_text__utf8_seq_len(p + i, len - i);
    if (!k) {
        if (bc->bad++ == 0) {
            bc->first = i;
        }
        return 1;
    }
    bc->multi++;
    if (c >= 0xCC && !bc->unstable) { /* a lead below 0xCC starts a code point below U+0300 */
        int32_t cp;
        rg_text__utf8_decode((const char *)p + i, k, &cp);
        bc->unstable = !rg_text__nfc_stable(cp);
    }
    return k;
}

#if defined(__SSE2__) && defined(__GNUC__)
/*
 * 1 when the flagged bytes of a block (mask m, see count_blocks) change no
 * count but `multi`: LF, and 2-byte sequences inside the block whose lead
 * is below 0xCC (a code point below U+0300: nothing for `unstable`). Bit j
 * of `high` is a byte >= 0x80, of `lf` a LF, of `lead` a lead byte
 * 0xC2..0xCB, of `cont` a continuation byte; each lead must be followed by
 * one (the lead shifted in 64 bits: a lead at the block's last byte
 * fails), and each continuation follow a lead.
 */
static inline int masks_plain(uint64_t m, uint64_t high, uint64_t lf, uint64_t lead,
                              uint64_t cont)
{
    return (m & ~high & ~lf) == 0 && high == (lead | cont) && cont == lead << 1;
}

/* masks_plain for the 16-byte block v. */
static inline int block_plain(__m128i v, unsigned m)
{
    unsigned high = (unsigned)_mm_movemask_epi8(v);
    unsigned lf = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
    unsigned lead = (unsigned)_mm_movemask_epi8(
        _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xC1)),
                      _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xCC))));
    unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)));

    return masks_plain(m, high, lf, lead, cont);
}

/*
 * Sixteen bytes a step where SSE2 is there (every x86-64). French text has
 * an accented letter every few words: a block whose flagged bytes (bit j:
 * byte j is < 0x20 or >= 0x80, one signed compare) are only line feeds and
 * such letters is taken whole (block_plain), without counting its
 * sequences in `multi` (*partial is set: byte_count counts again in the
 * rare case where `multi` matters). In any other block every flagged byte
 * is taken from its mask, and a sequence that runs past the block just
 * moves the next block's start.
 */
#define DOC_SSE2 1

/* The flagged bytes m of the block p[base..end), each counted from the mask;
 * returns where the next block starts: end, or further when a sequence ran
 * into it. */
static inline size_t count_flagged(byte_counts *bc, const unsigned char *p, size_t len,
                                   size_t base, size_t end, uint64_t m)
{
    while (m) {
        size_t j = base + rg__ctz64(m);
        j += count_one(bc, p, j, len);
        if (j >= end) {
            return j;
        }
        m &= ~(uint64_t)0 << (j - base); /* drop the bytes the sequence took */
    }
    return end;
}

static size_t count_blocks(byte_counts *bc, const unsigned char *p, size_t i, size_t len,
                           int *partial)
{
    const __m128i lim = _mm_set1_epi8(0x20);

    while (len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, lim));
        size_t base = i;

        i += 16;
        if (m == 0) {
            continue;
        }
        if (block_plain(v, m)) {
            *partial = 1;
            continue;
        }
        i = count_flagged(bc, p, len, base, i, m);
    }
    return i;
}
#else
#define DOC_SSE2 0
#endif

#if DOC_SSE2 && RG_TEXT_WIDE
/*
 * count_blocks 32 bytes a step where the machine has AVX2 (byte_count asks
 * it): the same masks, one bit per byte of the block, and the same test
 * (masks_plain). Stops 32 bytes or less before the end.
 */
#define DOC_WIDE 1
__attribute__((target("avx2"))) static size_t count_blocks_wide(byte_counts *bc,
                                                                 const unsigned char *p,
                                                                 size_t len, int *partial)
{
    const __m256i lim = _mm256_set1_epi8(0x20), lf = _mm256_set1_epi8('\n');
    const __m256i c1 = _mm256_set1_epi8((char)0xC1), cc = _mm256_set1_epi8((char)0xCC);
    const __m256i c0 = _mm256_set1_epi8((char)0xC0);
    size_t i = 0;

    while (len - i >= 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
        uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(lim, v));
        uint32_t high, lead, cont, lfm;
        size_t base = i;

        i += 32;
        if (m == 0) {
            continue;
        }
        high = (uint32_t)_mm256_movemask_epi8(v);
        lfm = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, lf));
        lead = (uint32_t)_mm256_movemask_epi8(
            _mm256_and_si256(_mm256_cmpgt_epi8(v, c1), _mm256_cmpgt_epi8(cc, v)));
        cont = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(c0, v));
        if (masks_plain(m, high, lfm, lead, cont)) {
            *partial = 1;
            continue;
        }
        i = count_flagged(bc, p, len, base, i, m);
    }
    return i;
}
#else
#define DOC_WIDE 0
#endif

/* Counts p[i..len) a word or a byte at a time into bc. */
static void count_words(byte_counts *bc, const unsigned char *p, size_t i, size_t len)
{
    while (i < len) {
        uint64_t m = 0;
        /* plain bytes (0x20..0x7F), 8 at a time: nothing to count */
        while (len - i >= 8) {
            uint64_t w = load8(p + i);
            /* w - 0x20 sets a high bit only for bytes < 0x20 (or >= 0xA0, or
             * after such a byte's borrow), so the first flag is exact */
            if ((m = (w | (w - ONES8 * 0x20)) & HIGH8) != 0) {
                break;
            }
            i += 8;
        }
        if (m) {
            i += RG_TEXT_FIRST_FLAG(m);
        }
        if (i >= len) {
            break;
        }
        if (p[i] >= 0x20 && p[i] < 0x80) {
            i++; /* RG_TEXT_FIRST_FLAG is 0 on a big-endian machine */
            continue;
        }
        i += count_one(bc, p, i, len);
    }
}

/*
 * One pass over raw bytes: UTF-8 validity, control bytes, CR and NUL. When
 * some bytes are bad and the fast blocks left `multi` short (it matters
 * only then, for repair_mixed), the bytes are counted again one by one.
 */
static void byte_count(byte_counts *bc, const unsigned char *p, size_t len)
{
    size_t i = 0;
    int partial = 0;

    memset(bc, 0, sizeof *bc);
#if DOC_WIDE
    if (rg__cpu_level() >= RG_CPU_AVX2) {
        i = count_blocks_wide(bc, p, len, &partial);
    }
#endif
#if DOC_SSE2
    i = count_blocks(bc, p, i, len, &partial);
#endif
    count_words(bc, p, i, len);
    if (partial && bc->bad > 0) {
        memset(bc, 0, sizeof *bc);
        count_words(bc, p, 0, len);
    }
}

/*
 * What the counts tell of the bytes (RG_DOC_*). Binary detection counts the
 * same bytes here as in the decoded text, since decoding (but from UTF-16,
 * never counted) keeps every control byte but CR and NUL, and NUL bytes are
 * counted when dropped.
 */
static unsigned counts_known(const byte_counts *bc, size_t len)
{
    unsigned known = 0;

    if (!bc->cr_nul) {
        known |= RG_DOC_NO_CR_NUL;
    }
    if (len < 32 || bc->ctrl * 10 <= len) {
        known |= RG_DOC_NOT_BINARY;
    }
    if (bc->bad == 0) {
        /* count_one checked every code point from U+0300 on */
        known |= RG_DOC_UTF8 | (bc->unstable ? 0 : RG_DOC_NFC);
    }
    return known;
}

/*
 * HOW IT WORKS: a scraped page is often UTF-8 with a few stray bytes (a
 * Latin-1 "é" pasted into UTF-8, a cut multi-byte sequence). Decoding the
 * whole text as Windows-1252 would turn every "é" into "Ã©" and lose the
 * actor names around it, so when the text holds valid multi-byte sequences
 * and at most 4 bad bytes for each of them, only the bad bytes are decoded as
 * Windows-1252: "pr\xc3\xa9sident \xe9t\xe9" -> "président été". A text
 * with no (or few) multi-byte sequences is left to rg_text_decode, which
 * decodes it whole as Windows-1252. UTF-16 (BOM) is never touched.
 * Returns 1 with *fixed set (owned by the caller, valid UTF-8), 0 when not
 * applicable; *known gets what the counts tell of raw (nothing for UTF-16).
 */
static int repair_mixed(rg_strbuf *fixed, size_t *first_bad, size_t *n_bad, unsigned *known,
                        const char *raw, size_t len)
{
    const unsigned char *p = (const unsigned char *)raw;
    byte_counts bc;
    size_t i, k;

    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        return 0;
    }
    byte_count(&bc, p, len);
    *known |= counts_known(&bc, len);
    if (bc.bad == 0 || bc.multi == 0 || bc.bad > 4 * bc.multi) {
        return 0;
    }
    if (rg_strbuf_grow(fixed, len + 2 * bc.bad) < 0) {
        return RG_ERROR;
    }
    for (i = 0; i < len; i += k ? k : 1) {
        k = rg_text__utf8_seq_len(p + i, len - i);
        if ((k && rg_strbuf_put(fixed, raw + i, k) < 0) || (!k && put_cp1252(fixed, p[i]) < 0)) {
            return RG_ERROR;
        }
    }
    *first_bad = bc.first;
    *n_bad = bc.bad;
    return 1;
}

int rg_document__looks_binary(const rg_document *doc, size_t raw_len)
{
    size_t i, ctrl = doc->decode.nul_bytes;

    if (raw_len < 32 || doc->decode.encoding == RG_ENC_UTF16) {
        return 0;
    }
    for (i = 0; i < doc->len; i++) {
        unsigned char c;
        /* skip words with no byte below 0x20 (exact test: no false negatives) */
        while (doc->len - i >= 8) {
            uint64_t w = load8((const unsigned char *)doc->text + i);
            if ((w - ONES8 * 0x20) & ~w & HIGH8) {
                break;
            }
            i += 8;
        }
        if (i >= doc->len) {
            break;
        }
        c = (unsigned char)doc->text[i];
        ctrl += binary_ctrl(c);
    }
    return ctrl * 10 > raw_len;
}

int rg_document__decode(rg_document *doc, const char *raw, size_t len, unsigned *known,
                        size_t *first_bad, size_t *n_bad)
{
    rg_strbuf fixed = RG_STRBUF_INIT;
    int rc = 0;

    *first_bad = *n_bad = 0;
    if (!(*known & RG_DOC_UTF8) &&
        (rc = repair_mixed(&fixed, first_bad, n_bad, known, raw, len)) < 0) {
        rg_strbuf_dispose(&fixed);
        return rc;
    }
    if (rc == 1) {
        /* the repaired text is valid UTF-8; its new code points may need NFC */
        raw = fixed.ptr;
        len = fixed.len;
        rc = rg_text__decode_utf8(&doc->text, &doc->len, &doc->decode, raw, len,
                                  *known & RG_DOC_NO_CR_NUL);
    } else if (*known & RG_DOC_UTF8) {
        rc = rg_text__decode_utf8(&doc->text, &doc->len, &doc->decode, raw, len, *known);
    } else {
        rc = rg_text_decode(&doc->text, &doc->len, &doc->decode, raw, len);
    }
    rg_strbuf_dispose(&fixed);
    return rc;
}

/* One block for a document, its id, its origin and text_room bytes of text
 * (none when 0), from `arena` when not NULL and small enough; the struct is
 * zeroed. */
static int doc_block(rg_document **out, const char *id, const char *origin, size_t text_room,
                     rg_doc_arena *arena)
{
    size_t id_n = strlen(id) + 1, origin_n = strlen(origin) + 1;
    size_t size = sizeof(doc_head) + sizeof(rg_document) + id_n + origin_n + text_room;
    doc_head *h;
    rg_document *doc;
    char *p;

    *out = NULL;
    if (size < text_room) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if (!arena || size > ARENA_MAX_DOC) {
        arena = NULL;
        h = rg__malloc(size);
    } else {
        h = arena_get(arena, size);
    }
    if (!h) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    h->in.arena = arena;
    h->in.size = size;
    doc = (rg_document *)(void *)(h + 1);
    memset(doc, 0, sizeof *doc);
    p = (char *)(doc + 1);
    doc->id = h->in.id = memcpy(p, id, id_n);
    doc->origin = h->in.origin = memcpy(p + id_n, origin, origin_n);
    h->in.text = text_room ? p + id_n + origin_n : NULL;
    *out = doc;
    return RG_OK;
}

int rg_document__alloc(rg_document **out, const char *id, const char *origin)
{
    return doc_block(out, id, origin, 0, NULL);
}

int rg_document__alloc_text(rg_document **out, const char *id, const char *origin, size_t len,
                            rg_doc_arena *arena)
{
    int error;

    if (len == SIZE_MAX) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if ((error = doc_block(out, id, origin, len + 1, arena)) == RG_OK) {
        rg_document *doc = *out;
        doc->text = doc_head_of(doc)->in.text;
        doc->text[len] = '\0';
        doc->len = len;
    }
    return error;
}

int rg_document_new(rg_document **out, const char *id, const char *raw, size_t len)
{
    rg_document *doc = NULL;
    size_t first_bad, n_bad;
    unsigned known = 0;
    int error;

    *out = NULL;
    if ((error = rg_document__alloc(&doc, id, id)) < 0) {
        goto cleanup;
    }
    if ((error = rg_document__decode(doc, raw, len, &known, &first_bad, &n_bad)) < 0) {
        goto cleanup;
    }
    if (n_bad) {
        doc->decode.encoding = RG_ENC_CP1252;
        doc->decode.invalid_offset = first_bad;
    }
    *out = doc;
    doc = NULL;
cleanup:
    rg_document_free(doc);
    return error;
}
