/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the matcher's scan from word starts (matcher_starts.c)
 * against the automaton (rg_matcher__new_automaton), which it replaces
 * when every key starts a word: the same matches, or both refused.
 *
 * Input: one flag byte (the actor type, guarded and exact-case forms, a
 * date or none), then up to 32 keys separated by '\n', a 0 byte, and the
 * text, scanned at two alignments. Keys are put in the JSON dictionary
 * as they are ('"', '\\' and control bytes escaped); invalid UTF-8 makes
 * the loader refuse the input.
 * Side keys (the stance gate's, rg_matcher__new_side): the folds of the
 * keys and of the keys without their first byte. With them the matches
 * stay the automaton's, and each side key is reported wherever it starts
 * a word and is followed by a byte that is no ASCII letter or digit.
 */
#include <stdint.h> /* uint8_t */
#include <string.h> /* memchr */

#include <relgraph/actors.h>
#include <relgraph/errors.h>
#include <relgraph/text.h>
#include "fuzz.h"
#include "matcher_internal.h" /* rg_matcher__new_automaton */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    rg_init();
    return 0;
}

static size_t put_n(char *buf, size_t len, size_t cap, const char *s, size_t n)
{
    if (len + n < cap) {
        memcpy(buf + len, s, n);
        len += n;
        buf[len] = '\0';
    }
    return len;
}

static size_t put(char *buf, size_t len, size_t cap, const char *s)
{
    return put_n(buf, len, cap, s, strlen(s));
}

/* Appends key k[0..n) as the inside of a JSON string. */
static size_t put_key(char *buf, size_t len, size_t cap, const uint8_t *k, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < n; i++) {
        char esc[6] = { '\\', 'u', '0', '0', hex[k[i] >> 4], hex[k[i] & 15] };
        if (k[i] == '"' || k[i] == '\\') {
            esc[1] = (char)k[i];
            len = put_n(buf, len, cap, esc, 2);
        } else if (k[i] < 0x20) {
            len = put_n(buf, len, cap, esc, 6);
        } else {
            len = put_n(buf, len, cap, (const char *)k + i, 1);
        }
    }
    return len;
}

/* The dictionary of the keys in data[0..n): one actor, its aliases. */
static size_t make_dict(char *json, size_t cap, unsigned flags, const uint8_t *data, size_t n)
{
    static const char *const types[] = { "organisation", "person", "state", "organisation" };
    size_t len = 0, i = 0, nkeys = 0;

    len = put(json, len, cap, "{\"schema\": 1, \"actors\": [{\"id\":\"a\",\"label\":\"A\",\"type\":\"");
    len = put(json, len, cap, types[flags & 3]);
    len = put(json, len, cap, "\",\"aliases\":[");
    while (i < n && nkeys < 32) {
        const uint8_t *nl = memchr(data + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - data) : n, kl = e - i < 64 ? e - i : 64;
        int flagged = (flags & 4) && nkeys % 3 == 1;
        len = put(json, len, cap, nkeys ? "," : "");
        len = put(json, len, cap, flagged ? "{\"form\":\"" : "\"");
        len = put_key(json, len, cap, data + i, kl);
        len = flagged ? put(json, len, cap, "\",\"guarded\":true,\"exact_case\":true}")
                      : put(json, len, cap, "\"");
        nkeys++;
        i = e + 1;
    }
    return put(json, len, cap, "]}]}");
}

#define SIDE_MAX 64 /* bits: one word */

/* The side keys of the dictionary's forms: each key, and the key from its
 * second byte on, folded, of 3 bytes or more (keys[] owns them). Returns
 * how many. */
static size_t make_side(rg_matcher__side *side, char **keys, const uint8_t *data, size_t n)
{
    size_t i = 0, ns = 0, kl;
    char *k;

    while (i < n && ns + 2 <= SIDE_MAX) {
        const uint8_t *nl = memchr(data + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - data) : n, d;
        for (d = 0; d < 2 && i + d < e; d++) {
            if (rg_text_fold(&k, &kl, NULL, (const char *)data + i + d, e - i - d) < 0) {
                return ns;
            }
            if (kl < 3) { /* a key of 1 or 2 bytes has up to 63^3 grams: too slow here */
                rg_free(k);
                continue;
            }
            keys[ns] = k;
            side[ns].key = k;
            side[ns++].len = kl;
        }
        i = e + 1;
    }
    return ns;
}

/* Every side key at a word start of the fold of text[0..len), followed by
 * a byte that is no ASCII letter or digit or by the end, has its bit. */
static void side_found(const rg_matcher *m, const rg_matcher__side *side, size_t ns,
                       const char *text, size_t len, const rg_date *date)
{
    uint64_t bits[SIDE_MAX / 64] = { 0 };
    rg_match *mt = NULL;
    size_t nm = 0, klen = 0, *map = NULL, i, p;
    char *key = NULL;

    if (rg_text_fold(&key, &klen, &map, text, len) < 0) {
        return;
    }
    FUZZ_ASSERT(rg_matcher__scan_side(&mt, &nm, m, text, len, key, klen, map, NULL, date, bits) >=
                0);
    for (i = 0; i < ns; i++) {
        size_t kl = side[i].len;
        for (p = 0; kl > 0 && p + kl <= klen; p++) {
            unsigned char c = (unsigned char)key[p];
            if ((p > 0 && rg_matcher__ascii_word((unsigned char)key[p - 1])) ||
                (c < 0x80 && !rg_matcher__ascii_word(c)) ||
                (p + kl < klen && rg_matcher__ascii_word((unsigned char)key[p + kl])) ||
                memcmp(key + p, side[i].key, kl) != 0) {
                continue;
            }
            FUZZ_ASSERT(bits[i >> 6] >> (i & 63) & 1);
            break;
        }
    }
    rg_free(mt);
    rg_free(key);
    rg_free(map);
}

/* Both matchers on text[0..len): the same matches. */
static void same_matches(const rg_matcher *fast, const rg_matcher *ref, const char *text,
                         size_t len, const rg_date *date)
{
    rg_match *m1 = NULL, *m2 = NULL;
    size_t n1 = 0, n2 = 0, i;
    int r1 = rg_matcher_scan(&m1, &n1, fast, text, len, date);
    int r2 = rg_matcher_scan(&m2, &n2, ref, text, len, date);

    FUZZ_ASSERT(r1 == r2);
    FUZZ_ASSERT(n1 == n2);
    for (i = 0; i < n1; i++) {
        FUZZ_ASSERT(m1[i].start == m2[i].start && m1[i].end == m2[i].end);
        FUZZ_ASSERT(m1[i].actor == m2[i].actor && m1[i].kind == m2[i].kind);
    }
    rg_free(m1);
    rg_free(m2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char json[8192];
    const uint8_t *zero;
    rg_actors *a = NULL;
    rg_matcher *fast = NULL, *ref = NULL, *side = NULL;
    rg_matcher__side sk[SIDE_MAX];
    char *keys[SIDE_MAX];
    rg_date d = { 2018, 6, 1 };
    size_t klen, off, ns = 0, i;

    if (size < 2 || !(zero = memchr(data + 1, 0, size - 1))) {
        return 0;
    }
    klen = (size_t)(zero - (data + 1));
    make_dict(json, sizeof json, data[0], data + 1, klen);
    if (rg_actors_from_buffer(&a, json, strlen(json), "fuzz.json") < 0) {
        return 0;
    }
    ns = make_side(sk, keys, data + 1, klen);
    if (rg_matcher_new(&fast, a) == RG_OK && rg_matcher__new_automaton(&ref, a) == RG_OK &&
        rg_matcher__new_side(&side, a, sk, ns) == RG_OK) {
        const char *text = (const char *)zero + 1;
        size_t tlen = size - klen - 2;
        for (off = 0; off < 2 && off <= tlen; off++) { /* two alignments of the blocks */
            same_matches(fast, ref, text + off, tlen - off, (data[0] & 8) ? &d : NULL);
            same_matches(side, ref, text + off, tlen - off, (data[0] & 8) ? &d : NULL);
            if (rg_matcher__side_ok(side)) {
                side_found(side, sk, ns, text + off, tlen - off, (data[0] & 8) ? &d : NULL);
            }
        }
    }
    rg_matcher_free(fast);
    rg_matcher_free(ref);
    rg_matcher_free(side);
    for (i = 0; i < ns; i++) {
        rg_free(keys[i]);
    }
    rg_actors_free(a);
    return 0;
}
