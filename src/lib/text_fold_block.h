/* SPDX-License-Identifier: MIT */
/*
 * The plain ASCII blocks of the match-key fold (text_fold.c includes this
 * file alone, before fold_words): 16 bytes with SSE2, else 8 bytes as a
 * uint64_t. Split from text_fold.c to keep that file short; see there.
 */
#ifndef RG_LIB_TEXT_FOLD_BLOCK_H
#define RG_LIB_TEXT_FOLD_BLOCK_H

/*
 * The blocks of plain ASCII in a run (fold_words): a byte is good when the
 * fold keeps it as is or lowers it by setting bit 0x20, or it is a lone
 * ' ' (not after another one, nor first just after a folded space); the
 * first bad byte (non-ASCII, controls, TAB..CR, DEL, '`', a second space)
 * ends the block (fold_words takes the short 2-byte characters itself, the
 * rest goes through the per-byte step of fold_ascii_run). A block is
 * written whole and only its good part kept: fold_words writes a block
 * only where the room that fold_ascii_run checked holds all of it. With
 * SSE2 (every x86-64) a block is 16 bytes tested with byte compares, and
 * 32 where the machine has AVX2 (text_fold_wide.h, whose fold_pairs32
 * also folds the é-like pairs of a block); elsewhere 8 bytes, a uint64_t.
 * Each variant has
 *   fold_block(out, p, sp): folds the block at p into out[0..FOLD_BLOCK)
 *     (written whole), sp = a folded space was just written, and returns
 *     how many of its bytes are good;
 *   FOLD_BLOCK_MAP(map, src): writes the block's map, src, src + 1, ...
 */

#if defined(__SSE2__) && !defined(RG_FOLD_NO_SSE2)
#define FOLD_BLOCK 16

/* The bad bytes of the block x as a bit mask in memory order; sp = a
 * folded space was just written. A signed compare with 0x21 catches the
 * bytes of 0x80 or more too. */
static RG_TEXT_INLINE unsigned fold_block_bad(__m128i x, unsigned sp)
{
    __m128i odd = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x21)),
                               _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x60)),
                                            _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F))));
    unsigned spm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x20)));

    /* a space is bad only after a space */
    return ((unsigned)_mm_movemask_epi8(odd) & ~spm) | (spm & ((spm << 1) | sp));
}

/* A block of 16 bytes (see above). */
static RG_TEXT_INLINE size_t fold_block(char *out, const unsigned char *p, int sp)
{
    const __m128i c20 = _mm_set1_epi8(0x20);
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i up = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x40)),
                               _mm_cmplt_epi8(x, _mm_set1_epi8(0x5B)));
    unsigned bad = fold_block_bad(x, (unsigned)sp);

    /* 'A'..'Z' get bit 0x20 */
    _mm_storeu_si128((__m128i *)(void *)out, _mm_or_si128(x, _mm_and_si128(up, c20)));
    return bad ? rg__ctz64(bad) : FOLD_BLOCK;
}
#define FOLD_BLOCK_MAP rg_clean__kmap16
#else
#define FOLD_BLOCK 8

/*
 * Word-at-a-time test of 8 bytes x (loaded with memcpy). While every byte
 * is below 0x80 no sum carries into the next byte, so each test is exact
 * per byte; a carry out of a byte of 0x80 or more only reaches later bytes
 * (higher bits on a little-endian machine), so the first bad byte is
 * always found exactly (big-endian: not so, the block goes per byte).
 * FOLD_B0 is the top bit of the first byte in memory order; FOLD_NEXT
 * moves each byte's bit to the next byte.
 */
#define FOLD_W(b) ((uint64_t)0x0101010101010101 * (b))
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define FOLD_LE 0
#define FOLD_NEXT(m) ((m) >> 8)
#define FOLD_B0 ((uint64_t)0x80 << 56)
#else
#define FOLD_LE 1
#define FOLD_NEXT(m) ((m) << 8)
#define FOLD_B0 ((uint64_t)0x80)
#endif

/* The top bit of each bad byte of x (exact up to the first one); sp = a
 * folded space was just written. */
static uint64_t fold_word_bad(uint64_t x, int sp)
{
    uint64_t bad = x | ~(x + FOLD_W(0x60))             /* >= 0x80, < 0x20 */
                   | (x + FOLD_W(0x01))                 /* 0x7F */
                   | ~((x ^ FOLD_W(0x60)) + FOLD_W(0x7F)); /* '`' */
    uint64_t spc = ~(x + FOLD_W(0x5F)) & FOLD_W(0x80); /* ' ' when not bad */

    /* a space is bad only after a space */
    return (bad & FOLD_W(0x80)) | (spc & (FOLD_NEXT(spc) | (sp ? FOLD_B0 : 0)));
}

/* How many bytes of a block come before its first bad one (bad != 0). */
static size_t fold_good_len(uint64_t bad)
{
#if FOLD_LE
    return rg__ctz64(bad) >> 3;
#else
    (void)bad;
    return 0; /* big-endian: the per-byte step takes the bad block */
#endif
}

/* A block of 8 bytes (see above). */
static RG_TEXT_INLINE size_t fold_block(char *out, const unsigned char *p, int sp)
{
    uint64_t x, bad, upper;

    memcpy(&x, p, 8);
    bad = fold_word_bad(x, sp);
    upper = (x + FOLD_W(0x3F)) & ~(x + FOLD_W(0x25)) & FOLD_W(0x80); /* 'A'..'Z' */
    x |= upper >> 2; /* 0x80 >> 2 == 0x20: lower case */
    memcpy(out, &x, 8);
    return bad ? fold_good_len(bad) : FOLD_BLOCK;
}
#define FOLD_BLOCK_MAP rg_clean__kmap8
#endif

#endif
