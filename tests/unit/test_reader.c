/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the reader (reader*.c, document.c) on hostile input
 * (mostly-UTF-8 repair, binary data, JSON Lines limits, --max-docs, skip
 * reasons, folder walks) and the allocation-failure walk: a real
 * extraction of corpus/seeds through the library API with the Nth
 * allocation failing, for every N, must end in a clean "out of memory"
 * error, never a crash or a leak (run under ASan/LSan).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>    /* snprintf, fopen */
#include <stdlib.h>   /* mkdtemp, getenv */
#include <string.h>   /* strstr, strlen */
#include <sys/stat.h> /* mkdir */
#include <unistd.h>   /* symlink, unlink, rmdir */

#include <relgraph/alloc.h>
#include <relgraph/clean.h>
#include <relgraph/errors.h>
#include <relgraph/evidence.h>
#include <relgraph/extract.h>
#include <relgraph/pipeline.h>
#include <relgraph/reader.h>
#include <relgraph/stance.h>
#include <relgraph/text.h>

#include "../reader_ref.h"     /* ref_binary */
#include "reader_internal.h" /* rg_reader__set_id_limit */

static char tmpdir[64];

/* Write `len` bytes to tmpdir/name; returns the path (static buffer per call slot). */
static const char *put_file(const char *name, const char *data, size_t len)
{
    static char paths[8][200];
    static int slot;
    char *p = paths[slot++ % 8];
    FILE *f;

    snprintf(p, 200, "%s/%s", tmpdir, name);
    f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return p;
}

/* Read every document of one input; returns the last reader code. */
static int read_all(const char *path, const rg_reader_options *ro, rg_document **docs,
                    size_t max, size_t *n, rg_reader_stats *stats)
{
    rg_reader *r = NULL;
    rg_document *d = NULL;
    int rc;

    *n = 0;
    assert_int_equal(rg_reader_new(&r, &path, 1, ro), RG_OK);
    while ((rc = rg_reader_next(r, &d)) > 0) {
        if (*n < max) {
            docs[(*n)++] = d;
        } else {
            rg_document_free(d);
        }
    }
    *stats = *rg_reader_stats_get(r);
    rg_reader_free(r);
    return rc;
}

static void free_docs(rg_document **docs, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        rg_document_free(docs[i]);
    }
}

static void test_mixed_utf8_repaired(void **state)
{
    /* "président été reçu" in UTF-8 with a Latin-1 "à" (0xE0) and 0xFF */
    static const char raw[] = "Le pr\xc3\xa9sident a \xc3\xa9t\xc3\xa9 re\xc3\xa7u \xe0 "
                              "Moscou \xff.";
    rg_document *doc = NULL;
    (void)state;

    assert_int_equal(rg_document_new(&doc, "x", raw, sizeof raw - 1), RG_OK);
    assert_string_equal(doc->text, "Le pr\xc3\xa9sident a \xc3\xa9t\xc3\xa9 re\xc3\xa7u "
                                   "\xc3\xa0 Moscou \xc3\xbf.");
    assert_int_equal(doc->decode.encoding, RG_ENC_CP1252);
    assert_int_equal(doc->decode.invalid_offset, 28);
    rg_document_free(doc);
}

static void test_latin1_whole(void **state)
{
    rg_document *doc = NULL;
    (void)state;

    /* no valid multi-byte sequence: the whole text is Windows-1252 */
    assert_int_equal(rg_document_new(&doc, "x", "\x93\xe9t\xe9\x94 \x80", 8), RG_OK);
    assert_string_equal(doc->text, "\xe2\x80\x9c\xc3\xa9t\xc3\xa9\xe2\x80\x9d \xe2\x82\xac");
    assert_int_equal(doc->decode.encoding, RG_ENC_CP1252);
    assert_int_equal(doc->decode.invalid_offset, 0);
    rg_document_free(doc);
}

static void test_binary_and_nul(void **state)
{
    static const char nul[] = "Vladimir Poutine\0 et Donald Trump\0 ont longuement parl\xc3\xa9.";
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_document *docs[4];
    rg_reader_stats st;
    char bin[256];
    size_t i, n;
    (void)state;

    for (i = 0; i < sizeof bin; i++) {
        bin[i] = (char)(i * 37);
    }
    assert_int_equal(read_all(put_file("bin.txt", bin, sizeof bin), &ro, docs, 4, &n, &st), 0);
    assert_int_equal(n, 0);
    assert_int_equal(st.skipped_by[RG_WARN_BINARY], 1);
    /* two NUL bytes in a long text: dropped and counted, the text is kept */
    assert_int_equal(read_all(put_file("nul.txt", nul, sizeof nul - 1), &ro, docs, 4, &n, &st),
                     0);
    assert_int_equal(n, 1);
    assert_int_equal(docs[0]->decode.nul_bytes, 2);
    assert_string_equal(docs[0]->text,
                        "Vladimir Poutine et Donald Trump ont longuement parl\xc3\xa9.");
    assert_int_equal(st.warnings[RG_WARN_NUL], 1);
    free_docs(docs, n);
    /* strict: binary data is an error naming the file */
    ro.strict = 1;
    assert_int_equal(read_all(put_file("bin.txt", bin, sizeof bin), &ro, docs, 4, &n, &st),
                     RG_EENCODING);
    assert_non_null(strstr(rg_error_last()->message, "bin.txt: binary data"));
    assert_non_null(strstr(rg_error_last()->message, "(--strict)"));
}

static void test_jsonl_limits_and_reasons(void **state)
{
    static const char lines[] =
        "{\"id\":\"a\",\"text\":\"short\"}\n"
        "{\"id\":\"b\",\"text\":\"a line much longer than the limit of sixty-four bytes, "
        "so it is skipped\"}\n"
        "\n"
        "{\"id\":\"c\",\"text\":42}\n"
        "{\"id\":\"d\",\"date\":\"2017-13-45\",\"text\":\"kept\"}\n"
        "not json\n"
        "{\"id\":\"e\",\"text\":\"last, no newline\"}";
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_document *docs[8];
    rg_reader_stats st;
    size_t n;
    (void)state;

    ro.max_doc_bytes = 64;
    assert_int_equal(read_all(put_file("l.jsonl", lines, sizeof lines - 1), &ro, docs, 8, &n,
                              &st), 0);
    assert_int_equal(n, 3);
    assert_string_equal(docs[0]->id, "a");
    assert_string_equal(docs[1]->id, "d");
    assert_int_equal(docs[1]->date.year, 0);
    assert_string_equal(docs[2]->id, "e");
    assert_non_null(strstr(docs[2]->origin, "l.jsonl:7"));
    assert_int_equal(st.read, 3);
    assert_int_equal(st.skipped, 3);
    assert_int_equal(st.skipped_by[RG_WARN_TOO_LARGE], 1);
    assert_int_equal(st.skipped_by[RG_WARN_BAD_FIELD], 1);
    assert_int_equal(st.skipped_by[RG_WARN_BAD_JSON], 1);
    assert_int_equal(st.warnings[RG_WARN_BAD_DATE], 1);
    assert_int_equal(st.skipped_by[RG_WARN_BAD_DATE], 0);
    free_docs(docs, n);
}

/*
 * The scanner finds the line ends of JSON Lines itself (rg_jsonl_scan_line),
 * only for lines all in the buffer: lines whose LF, CR, blanks or end of
 * object fall at each offset around the end of the first 64 KiB read, good
 * lines, blank ones and bad ones (a LF between tokens), give the same
 * documents, line numbers and warnings.
 */
static void test_jsonl_chunk_edges(void **state)
{
    static const char tail[] =
        "{\"id\":\"g1\",\"text\":\"one\"}  \r\n"
        "\n"
        "  \n"
        "{bad\n"
        "{\"id\":\"g2\",\"text\":\"two\"}\n"
        "{\"id\":\n"
        "\"x\",\"text\":\"split\"}\n"
        "{\"id\":\"g3\",\"text\":\"three\"}";
    enum { CHUNK = 65536, PAD = 44 };
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_document *docs[8];
    rg_reader_stats st;
    char *buf = malloc(CHUNK + 2 * sizeof tail + 64);
    size_t n, at, head, len;
    (void)state;

    assert_non_null(buf);
    /* the first line's LF at CHUNK - PAD .. CHUNK + 4: the next lines' ends
     * cross the end of the first read one after the other */
    for (at = CHUNK - PAD; at <= CHUNK + 4; at++) {
        head = (size_t)sprintf(buf, "{\"id\":\"p\",\"text\":\"");
        memset(buf + head, 'a', at - head - 2);
        memcpy(buf + at - 2, "\"}\n", 3);
        memcpy(buf + at + 1, tail, sizeof tail - 1);
        len = at + sizeof tail;
        assert_int_equal(read_all(put_file("edge.jsonl", buf, len), &ro, docs, 8, &n, &st), 0);
        assert_int_equal(n, 4);
        assert_string_equal(docs[0]->id, "p");
        assert_int_equal(docs[0]->len, at - 2 - head);
        assert_string_equal(docs[1]->id, "g1");
        assert_non_null(strstr(docs[1]->origin, "edge.jsonl:2"));
        assert_string_equal(docs[2]->id, "g2");
        assert_non_null(strstr(docs[2]->origin, "edge.jsonl:6"));
        assert_string_equal(docs[3]->id, "g3");
        assert_non_null(strstr(docs[3]->origin, "edge.jsonl:9"));
        assert_string_equal(docs[3]->text, "three");
        assert_int_equal(st.skipped_by[RG_WARN_BAD_JSON], 3);
        assert_int_equal(st.skipped, 3);
        free_docs(docs, n);
    }
    free(buf);
}

/* Read one input and return its only document (NULL when skipped). */
static rg_document *read_one(const char *path, rg_reader_stats *st)
{
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_document *docs[2];
    size_t n;

    assert_int_equal(read_all(path, &ro, docs, 2, &n, st), 0);
    assert_true(n <= 1);
    return n ? docs[0] : NULL;
}

/* A document from the reader against the reference (NULL = skipped). */
static void check_doc(size_t i, const char *from, const rg_document *d, const rg_reader_stats *st,
                      const char *ref, size_t ref_len, const rg_decode_info *inf, int binary)
{
    int empty = strspn(ref, " \t\n\r\f\v") == ref_len;

    if ((d == NULL) != (binary || empty)) {
        fail_msg("text %zu from %s: %s", i, from, d ? "kept" : "skipped");
    }
    assert_int_equal(st->skipped_by[RG_WARN_BINARY], d ? 0 : binary);
    assert_int_equal(st->skipped_by[RG_WARN_EMPTY], d || binary ? 0 : 1);
    if (!d) {
        return;
    }
    assert_int_equal(d->len, ref_len);
    assert_memory_equal(d->text, ref, ref_len + 1);
    assert_int_equal(d->decode.encoding, inf->encoding);
    assert_int_equal(d->decode.had_bom, inf->had_bom);
    assert_int_equal(d->decode.invalid_offset, inf->invalid_offset);
    assert_int_equal(d->decode.nul_bytes, inf->nul_bytes);
    assert_int_equal(st->warnings[RG_WARN_NUL], inf->nul_bytes > 0);
    assert_int_equal(st->warnings[RG_WARN_CP1252], inf->encoding == RG_ENC_CP1252);
}

/*
 * Decoding skips the steps that cannot change the bytes (reader_internal.h,
 * RG_DOC_*), learnt by the counting pass for a .txt file and from the
 * scanner for JSON Lines: both must give rg_text_decode's text and the binary
 * and empty verdicts of the full checks. Texts: plain ASCII and Latin
 * letters, control bytes, CR, NUL, a BOM, combining marks and Hangul (NFC),
 * binary data on both sides of the 10% threshold and of 32 bytes, white
 * space only, code points on both sides of U+0300, Windows-1252.
 */
static void test_decode_paths_agree(void **state)
{
    static const struct {
        const char *s;
        size_t len;
    } texts[] = {
#define T(lit) { lit, sizeof lit - 1 }
        T("Emmanuel Macron a parl\xc3\xa9 \xc3\xa0 Berlin."),
        T("une ligne\r\nune autre\rfin\n"),
        T("Vladimir\0 Poutine et Donald Trump\0 ont parl\xc3\xa9 longuement."),
        T("\xef\xbb\xbfTexte avec une marque d'ordre des octets."),
        T("Cafe\xcc\x81 e\xcc\x81te\xcc\x81 \xe2\x80\x99 \xc2\xab guillemets \xc2\xbb"),
        T("\xea\xb0\x80 \xe1\x84\x80\xe1\x85\xa1 Hangul"),
        T("\x01\x02\x03\x04\x05 binary \x06\x07\x08\x0e\x0f\x10\x11 data \x12\x13\x14"),
        T("tab\there, esc\x1b, vt\x0b, ff\x0c and a long enough tail"),
        T("\x01 short \x02"),
        T("  \t\n  \n "),
        T("U+02FF \xcb\xbf and U+0300 \xcc\x80 and U+07FF \xdf\xbf."),
        T("\xf0\x9f\x98\x80 \xe2\x82\xac \xc3\xa9"),
        T("thirty-two bytes, three ctl\x01\x02\x03"),
        T("thirty-two bytes, four ctl:\x01\x02\x03\x04"),
        T("thirty-two bytes, nul + 2\0\0\x1a\r\n"),
        T("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17"
          "\x18\x19\x1a\x1c\x1d\x1e\x1f\x01\x02\x03\x04\x05\x06"),
        T("Le pr\xc3\xa9sident \xe0 Moscou \xff, \r\n\x80 fin."),
        T("forty bytes with four control bytes:\x01\x02\x03\x04"),
        T("forty bytes with five control bytes\x01\x02\x03\x04\x05"),
        T("\x93Windows-1252\x94 \xe9t\xe9 \x80\r\n"),
        T("\xe9 Windows-1252 \x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12"),
        T("\xef\xbb\xbf\xe9t\xe9"),
#undef T
    };
    char line[512];
    size_t i, k, n;
    (void)state;

    for (i = 0; i < sizeof texts / sizeof *texts; i++) {
        rg_reader_stats sj, st;
        rg_document *dj, *dt;
        rg_decode_info inf;
        char *ref;
        size_t ref_len;
        int binary;
        assert_int_equal(rg_text_decode(&ref, &ref_len, &inf, texts[i].s, texts[i].len), RG_OK);
        binary = ref_binary(ref, ref_len, inf.nul_bytes, texts[i].len);
        dt = read_one(put_file("s.txt", texts[i].s, texts[i].len), &st);
        if (inf.encoding == RG_ENC_UTF8) {
            check_doc(i, ".txt", dt, &st, ref, ref_len, &inf, binary);
            n = (size_t)sprintf(line, "{\"id\":\"j\",\"text\":\"");
            for (k = 0; k < texts[i].len; k++) {
                unsigned char c = (unsigned char)texts[i].s[k];
                if (c < 0x20 || c == '"' || c == '\\') {
                    n += (size_t)sprintf(line + n, "\\u%04x", c);
                } else {
                    line[n++] = (char)c;
                }
            }
            n += (size_t)sprintf(line + n, "\"}\n");
            dj = read_one(put_file("s.jsonl", line, n), &sj);
            check_doc(i, "JSON Lines", dj, &sj, ref, ref_len, &inf, binary);
            rg_document_free(dj);
        } else {
            assert_int_equal(dt == NULL, binary); /* repaired or not, same verdict */
        }
        rg_document_free(dt);
        rg_free(ref);
    }
}

static void test_max_docs(void **state)
{
    static const char lines[] = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n"
                                "{\"id\":\"c\",\"text\":\"z\"}\n";
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_document *docs[4];
    rg_reader_stats st;
    size_t n;
    (void)state;

    ro.max_docs = 2;
    assert_int_equal(read_all(put_file("m.jsonl", lines, sizeof lines - 1), &ro, docs, 4, &n,
                              &st), RG_ELIMIT);
    assert_int_equal(n, 2);
    assert_non_null(strstr(rg_error_last()->message, "m.jsonl:3: more than 2 documents"));
    free_docs(docs, n);
}

/* Warnings seen by dup_warn: kinds and the last message. */
typedef struct {
    size_t n[RG_WARN__COUNT];
    char notice[300]; /* the id-bound notice, if any */
} warn_log;

static void dup_warn(rg_warning kind, const char *where, const char *msg, void *payload)
{
    warn_log *log = payload;
    (void)where;
    log->n[kind]++;
    if (strstr(msg, "distinct ids")) {
        snprintf(log->notice, sizeof log->notice, "%s", msg);
    }
}

/* Duplicate ids are flagged (hash set); past the id bound, one notice, and
 * later ids are still checked against the ids already stored. */
static void test_duplicate_ids_bounded(void **state)
{
    static const char lines[] =
        "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"x\"}\n"
        "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"c\",\"text\":\"x\"}\n"
        "{\"id\":\"d\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"x\"}\n"
        "{\"id\":\"d\",\"text\":\"x\"}\n";
    const char *path = put_file("dup.jsonl", lines, sizeof lines - 1);
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_reader *r = NULL;
    rg_document *d = NULL;
    warn_log log;
    size_t n = 0;
    int rc, limit;
    (void)state;

    for (limit = 0; limit < 2; limit++) {
        memset(&log, 0, sizeof log);
        ro.warn = dup_warn;
        ro.payload = &log;
        assert_int_equal(rg_reader_new(&r, &path, 1, &ro), RG_OK);
        if (limit) {
            rg_reader__set_id_limit(r, 2); /* stores a and b only */
        }
        n = 0;
        while ((rc = rg_reader_next(r, &d)) > 0) {
            n++;
            rg_document_free(d);
        }
        assert_int_equal(rc, 0);
        assert_int_equal(n, 7); /* duplicates are kept, only flagged */
        if (!limit) {
            /* a, b, d repeated */
            assert_int_equal(rg_reader_stats_get(r)->warnings[RG_WARN_DUP_ID], 3);
            assert_int_equal(log.n[RG_WARN_DUP_ID], 3);
            assert_string_equal(log.notice, "");
        } else {
            /* a and b repeated; d is past the bound; one uncounted notice */
            assert_int_equal(rg_reader_stats_get(r)->warnings[RG_WARN_DUP_ID], 2);
            assert_int_equal(log.n[RG_WARN_DUP_ID], 3);
            assert_string_equal(log.notice, "more than 2 distinct ids: later ids are only "
                                            "checked against the first 2 for duplicates");
        }
        rg_reader_free(r);
        r = NULL;
    }
}

/* A folder is read in strcmp order of its names, whatever readdir's order:
 * names that share 8 bytes or more (the sort's integer prefix), a prefix of
 * another, bytes >= 0x80 (unsigned order), a sub-folder among the files. */
static void test_folder_order(void **state)
{
    static const char *const names[] = { "abcdefgh10", "abcdefgh", "abcdefgh1", "b", "abc",
                                         "abcdefgi", "\xc3\xa9t\xc3\xa9", "Zz", "a", "0",
                                         "abcdefgh\xc3\xa9", "abcdefghij" };
    const char *want[sizeof names / sizeof *names + 1];
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    char dir[128], p[300];
    const char *path = dir;
    rg_reader *r = NULL;
    rg_document *d = NULL;
    size_t i, j, n = 0, k = sizeof names / sizeof *names;
    (void)state;

    snprintf(dir, sizeof dir, "%s/order", tmpdir);
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(p, sizeof p, "%s/abcdefgh0", dir);
    assert_int_equal(mkdir(p, 0755), 0); /* its file sorts as "abcdefgh0/x" */
    put_file("order/abcdefgh0/x.txt", "Trump.", 6);
    for (i = 0; i < k; i++) {
        snprintf(p, sizeof p, "order/%s.txt", names[i]);
        put_file(p, "Poutine.", 8);
        want[i] = names[i];
    }
    want[k] = "x";
    /* the expected order: strcmp of "name.txt", the folder as "abcdefgh0/" */
    for (i = 1; i <= k; i++) {
        for (j = i; j > 0; j--) {
            char a[64], b[64];
            snprintf(a, sizeof a, "%s%s", want[j - 1], strcmp(want[j - 1], "x") ? ".txt" : "");
            snprintf(b, sizeof b, "%s%s", want[j], strcmp(want[j], "x") ? ".txt" : "");
            if (strcmp(want[j - 1], "x") == 0) {
                snprintf(a, sizeof a, "abcdefgh0");
            }
            if (strcmp(want[j], "x") == 0) {
                snprintf(b, sizeof b, "abcdefgh0");
            }
            if (strcmp(a, b) > 0) {
                const char *t = want[j];
                want[j] = want[j - 1];
                want[j - 1] = t;
            }
        }
    }
    assert_int_equal(rg_reader_new(&r, &path, 1, &ro), RG_OK);
    while (rg_reader_next(r, &d) > 0) {
        assert_true(n <= k);
        assert_string_equal(d->id, want[n]);
        n++;
        rg_document_free(d);
    }
    rg_reader_free(r);
    assert_int_equal(n, k + 1);
    snprintf(p, sizeof p, "%s/abcdefgh0/x.txt", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/abcdefgh0", dir);
    rmdir(p);
    for (i = 0; i < k; i++) {
        snprintf(p, sizeof p, "%s/%s.txt", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void test_folder_cycle(void **state)
{
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_document *docs[4];
    rg_reader_stats st;
    char dir[128], link[160];
    const char *path = dir;
    rg_reader *r = NULL;
    rg_document *d = NULL;
    size_t n = 0;
    (void)state;
    (void)docs;

    snprintf(dir, sizeof dir, "%s/tree", tmpdir);
    assert_int_equal(mkdir(dir, 0755), 0);
    put_file("tree/a.txt", "Poutine.", 8);
    snprintf(link, sizeof link, "%s/loop", dir);
    assert_int_equal(symlink(".", link), 0);
    assert_int_equal(rg_reader_new(&r, &path, 1, &ro), RG_OK);
    while (rg_reader_next(r, &d) > 0) {
        n++;
        rg_document_free(d);
    }
    st = *rg_reader_stats_get(r);
    rg_reader_free(r);
    assert_int_equal(n, 1);
    assert_int_equal(st.skipped_by[RG_WARN_LOOP], 1);
    unlink(link);
    snprintf(link, sizeof link, "%s/a.txt", dir);
    unlink(link);
    rmdir(dir);
}

static void test_nonexistent_input(void **state)
{
    const char *path = "/nonexistent/relgraph/input.txt";
    rg_reader *r = NULL;
    (void)state;

    assert_int_equal(rg_reader_new(&r, &path, 1, NULL), RG_EIO);
    assert_null(r);
    assert_non_null(strstr(rg_error_last()->message, "/nonexistent/relgraph/input.txt: "));
}

/*
 * The counting pass before decoding takes 16 bytes a step and each flagged
 * byte of a block from its mask: a sequence (valid, cut or bad), a CR or a
 * control byte at every offset of 48 bytes of ASCII, so at every position
 * of a block and across the block and word ends, must decode as
 * rg_text_decode does it, and a bad byte after an "é" is found where it is.
 */
static void test_decode_count_every_offset(void **state)
{
    static const struct {
        const char *s;
        size_t len;
    } seqs[] = {
        { "\xc3\xa9", 2 },         { "e\xcc\x81", 3 },         { "\xe2\x80\x99", 3 },
        { "\xf0\x9f\x98\x80", 4 }, { "\r\n", 2 },              { "\x01\x02", 2 },
        { "\x1b\t", 2 },           { "\xc3\xa9\xc3\xa0", 4 },  { "\xcb\xbf\xdf\xbf", 4 },
        { "\xcc\x80", 2 },         { "\n\xc3\xa9\n", 4 },      { "\xc3\xa9\t", 3 },
        { "\xc2\x80\xcb\xbf", 4 },
    };
    char buf[64], *ref;
    size_t i, off, ref_len;
    (void)state;

    for (i = 0; i < sizeof seqs / sizeof *seqs; i++) {
        for (off = 0; off + seqs[i].len <= 48; off++) {
            rg_document *doc = NULL;
            rg_decode_info inf;

            memset(buf, 'x', 48);
            memcpy(buf + off, seqs[i].s, seqs[i].len);
            assert_int_equal(rg_text_decode(&ref, &ref_len, &inf, buf, 48), RG_OK);
            assert_int_equal(rg_document_new(&doc, "t", buf, 48), RG_OK);
            assert_int_equal(doc->decode.encoding, RG_ENC_UTF8);
            assert_int_equal(doc->len, ref_len);
            assert_memory_equal(doc->text, ref, ref_len);
            rg_document_free(doc);
            rg_free(ref);
        }
    }
    for (off = 2; off < 48; off++) {
        rg_document *doc = NULL;

        memset(buf, 'x', 48);
        memcpy(buf, "\xc3\xa9", 2);
        buf[off] = (char)(off % 2 ? 0xff : 0xc3); /* bad byte, or a cut sequence */
        assert_int_equal(rg_document_new(&doc, "t", buf, 48), RG_OK);
        assert_int_equal(doc->decode.encoding, RG_ENC_CP1252);
        assert_int_equal(doc->decode.invalid_offset, off);
        rg_document_free(doc);
    }
}

/*
 * Blocks of LF and 2-byte letters are counted without their sequences
 * (count_blocks); the count matters once the text has bad bytes: three
 * "é" in such blocks and 12 bad bytes at the end (at most 4 per sequence)
 * are repaired byte by byte, 13 make the whole text Windows-1252.
 */
static void test_decode_fast_blocks_multi(void **state)
{
    char buf[96];
    size_t n_bad, k;
    (void)state;

    for (n_bad = 12; n_bad <= 13; n_bad++) {
        rg_document *doc = NULL;

        memset(buf, 'x', sizeof buf);
        for (k = 0; k < 3; k++) {
            memcpy(buf + 16 * k + 3, "\xc3\xa9\n", 3);
        }
        memset(buf + sizeof buf - n_bad, 0xff, n_bad);
        assert_int_equal(rg_document_new(&doc, "t", buf, sizeof buf), RG_OK);
        assert_int_equal(doc->decode.encoding, RG_ENC_CP1252);
        assert_int_equal(doc->decode.invalid_offset, sizeof buf - n_bad);
        /* repaired: "é" kept, each 0xFF -> "ÿ"; whole: "é" -> "Ã©" */
        assert_memory_equal(doc->text + 3, n_bad == 12 ? "\xc3\xa9\n" : "\xc3\x83\xc2\xa9\n",
                            n_bad == 12 ? 3 : 5);
        assert_int_equal(doc->len, n_bad == 12 ? sizeof buf + n_bad : sizeof buf + 6 + n_bad);
        rg_document_free(doc);
    }
}

/* ---- runs over corpus/seeds: the pipeline's first error, allocation failures ---- */

/* What the callback of a run saw; with fail_at, its fail_at-th call fails.
 * With `json`, the pipeline formats the lines (rg_pipeline_options.json_actors). */
typedef struct {
    size_t docs, fail_at;
    int json;
    const rg_actors *actors;
    char ids[8][32];
    uint64_t hash; /* FNV-1a of every line, in order */
    size_t bytes;
} walk_ctx;

static int walk_cb(const rg_evidence *ev, void *payload)
{
    walk_ctx *ctx = payload;
    char *json = NULL;
    size_t len = 0, i;
    int error = RG_OK;

    if (ctx->json) {
        /* made by the extracting thread, which freed what the line holds */
        assert_non_null(ev->json);
        assert_null(ev->clean);
        assert_null(ev->clean_map);
        assert_null(ev->sentences);
        json = ev->json;
        len = ev->json_len;
    } else {
        assert_null(ev->json);
        error = rg_evidence_to_json(&json, &len, ev, ctx->actors);
    }
    for (i = 0; i < len; i++) {
        ctx->hash = (ctx->hash ^ (unsigned char)json[i]) * 0x100000001B3ULL;
    }
    ctx->bytes += len;
    if (!ctx->json) {
        rg_free(json);
    }
    if (ctx->docs < 8) {
        snprintf(ctx->ids[ctx->docs], sizeof ctx->ids[0], "%s", ev->doc->id);
    }
    if (++ctx->docs == ctx->fail_at && error == RG_OK) {
        error = RG_EIO;
    }
    return error;
}

/* One extraction of corpus/seeds (manifest dates) into *ctx (zeroed but
 * fail_at); batch 0 = the default; the library's code. */
static int seeds_run(walk_ctx *ctx, int threads, size_t batch)
{
    static const char *const inputs[] = { "corpus/seeds" };
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_pipeline_options po = RG_PIPELINE_OPTIONS_INIT;
    rg_extract_options xo;
    rg_actors *actors = NULL;
    rg_lexicon *lexicon = NULL;
    rg_boilerplate *bp = NULL;
    rg_extractor *ex = NULL;
    rg_reader *r = NULL;
    int error;

    memset(&xo, 0, sizeof xo);
    ro.manifest = "corpus/seeds/manifest.tsv";
    po.threads = threads;
    po.batch = batch;
    if ((error = rg_actors_default(&actors)) < 0) {
        assert_null(actors);
        goto cleanup;
    }
    po.json_actors = ctx->json ? actors : NULL;
    po.release_text = ctx->json;
    if ((error = rg_lexicon_default(&lexicon)) < 0) {
        assert_null(lexicon);
        goto cleanup;
    }
    if ((error = rg_boilerplate_default(&bp)) < 0) {
        assert_null(bp);
        goto cleanup;
    }
    xo.actors = actors;
    ctx->actors = actors;
    xo.lexicon = lexicon;
    xo.boilerplate = bp;
    xo.clean.html = -1;
    xo.clean.boilerplate = 1;
    if ((error = rg_extractor_new(&ex, &xo)) < 0) {
        assert_null(ex);
        goto cleanup;
    }
    if ((error = rg_reader_new(&r, (const char *const *)inputs, 1, &ro)) < 0) {
        assert_null(r);
        goto cleanup;
    }
    error = rg_pipeline_run(r, ex, &po, walk_cb, ctx);
cleanup:
    rg_reader_free(r);
    rg_extractor_free(ex);
    rg_boilerplate_free(bp);
    rg_lexicon_free(lexicon);
    rg_actors_free(actors);
    ctx->actors = NULL;
    return error;
}

/* corpus/seeds (5 documents) in batches of 2, with a callback that fails at
 * its k-th call: with no worker (each document written as soon as it is
 * extracted) and with 3 threads, the same calls in the same order. */
static void test_pipeline_stop_same(void **state)
{
    size_t k;
    (void)state;

    for (k = 1; k <= 6; k++) {
        walk_ctx got[2];
        int rc[2], t;

        for (t = 0; t < 2; t++) {
            memset(&got[t], 0, sizeof got[t]);
            got[t].fail_at = k;
            rc[t] = seeds_run(&got[t], t ? 3 : 1, 2);
        }
        assert_int_equal(rc[0], rc[1]);
        assert_int_equal(rc[0], k <= 5 ? RG_EIO : RG_OK);
        assert_int_equal(got[0].docs, k <= 5 ? k : 5);
        assert_int_equal(got[0].docs, got[1].docs);
        assert_memory_equal(got[0].ids, got[1].ids, sizeof got[0].ids);
    }
}

/* The lines the pipeline formats on the extracting threads are the lines
 * the callback would make, for 1 and 3 threads. */
static void test_pipeline_json_lines(void **state)
{
    walk_ctx got[4];
    int k;
    (void)state;

    for (k = 0; k < 4; k++) {
        memset(&got[k], 0, sizeof got[k]);
        got[k].hash = 0xCBF29CE484222325ULL;
        got[k].json = k & 1;
        assert_int_equal(seeds_run(&got[k], k < 2 ? 1 : 3, k < 2 ? 0 : 2), RG_OK);
        assert_int_equal(got[k].docs, 5);
    }
    assert_true(got[0].bytes > 1000);
    for (k = 1; k < 4; k++) {
        assert_int_equal(got[k].bytes, got[0].bytes);
        assert_true(got[k].hash == got[0].hash);
        assert_memory_equal(got[k].ids, got[0].ids, sizeof got[0].ids);
    }
}

static void test_alloc_failure_walk(void **state)
{
    walk_ctx ctx;
    long total, n, step, tried = 0, absorbed = 0;
    int rc;
    (void)state;

    rg_alloc_fail_at(0);
    memset(&ctx, 0, sizeof ctx);
    ctx.json = 1; /* as the CLI runs: lines formatted in the pipeline */
    /* one thread: the Nth allocation must be the same one each time */
    assert_int_equal(seeds_run(&ctx, 1, 0), RG_OK);
    assert_int_equal(ctx.docs, 5);
    total = rg_alloc_count();
    assert_true(total > 100);
    /* every N up to 2000, then every 97th (RG_ALLOC_WALK_STEP=1: all of them) */
    step = getenv("RG_ALLOC_WALK_STEP") ? atol(getenv("RG_ALLOC_WALK_STEP")) : 97;
    step = step < 1 ? 1 : step;
    for (n = 1; n <= total + 1; n += n < 2000 ? 1 : step) {
        rg_error_clear();
        rg_alloc_fail_at(n);
        memset(&ctx, 0, sizeof ctx);
        ctx.json = 1;
        rc = seeds_run(&ctx, 1, 0);
        if (rg_alloc_count() < n) {
            assert_int_equal(rc, RG_OK); /* the failure point was never reached */
            continue;
        }
        tried++;
        if (rc == RG_OK && ctx.docs == 5) {
            absorbed++; /* jansson retries or does without some allocations */
            continue;
        }
        if (rc != RG_ERROR || !rg_error_last() ||
            !strstr(rg_error_last()->message, "out of memory")) {
            print_error("allocation %ld of %ld: code %d, message \"%s\"\n", n, total, rc,
                        rg_error_last() ? rg_error_last()->message : "(none)");
            fail();
        }
    }
    rg_alloc_fail_at(0);
    print_message("alloc walk: %ld allocations per run, %ld failure points tried, %ld absorbed "
                  "with full output\n", total, tried, absorbed);
    assert_true(absorbed < tried / 10);
}

/*
 * Allocation failures with 3 threads and batches of 2: which thread meets
 * the Nth allocation varies, so each run must either end as a clean run
 * (the same lines: the failure was absorbed) or fail with "out of memory",
 * having written only whole documents in order, and never crash or leak
 * (the sanitizer build runs this too).
 */
static void test_alloc_failure_threads(void **state)
{
    walk_ctx ref, ctx;
    long total, n, failed = 0;
    int rc;
    (void)state;

    memset(&ref, 0, sizeof ref);
    ref.hash = 0xCBF29CE484222325ULL;
    ref.json = 1;
    rg_alloc_fail_at(0);
    assert_int_equal(seeds_run(&ref, 3, 2), RG_OK);
    total = rg_alloc_count();
    for (n = 1; n <= total; n += total / 150 + 1) {
        memset(&ctx, 0, sizeof ctx);
        ctx.hash = 0xCBF29CE484222325ULL;
        ctx.json = 1;
        rg_error_clear();
        rg_alloc_fail_at(n);
        rc = seeds_run(&ctx, 3, 2);
        assert_true(ctx.docs <= 5);
        assert_memory_equal(ctx.ids, ref.ids, ctx.docs * sizeof ref.ids[0]);
        if (rc == RG_OK && ctx.docs == 5) {
            assert_true(ctx.hash == ref.hash);
            continue;
        }
        failed++;
        assert_int_equal(rc, RG_ERROR);
        assert_non_null(rg_error_last());
        assert_non_null(strstr(rg_error_last()->message, "out of memory"));
    }
    rg_alloc_fail_at(0);
    assert_true(failed > 100);
}

static int group_setup(void **state)
{
    (void)state;
    rg_init();
    snprintf(tmpdir, sizeof tmpdir, "/tmp/rg-test-reader-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    static const char *const names[] = { "bin.txt", "nul.txt", "l.jsonl", "m.jsonl", "s.jsonl",
                                         "s.txt", "dup.jsonl", "edge.jsonl" };
    char p[200];
    size_t i;
    (void)state;

    for (i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(p, sizeof p, "%s/%s", tmpdir, names[i]);
        unlink(p);
    }
    rmdir(tmpdir);
    rg_shutdown();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixed_utf8_repaired),
        cmocka_unit_test(test_latin1_whole),
        cmocka_unit_test(test_binary_and_nul),
        cmocka_unit_test(test_jsonl_limits_and_reasons),
        cmocka_unit_test(test_jsonl_chunk_edges),
        cmocka_unit_test(test_decode_paths_agree),
        cmocka_unit_test(test_decode_count_every_offset),
        cmocka_unit_test(test_decode_fast_blocks_multi),
        cmocka_unit_test(test_pipeline_stop_same),
        cmocka_unit_test(test_pipeline_json_lines),
        cmocka_unit_test(test_alloc_failure_threads),
        cmocka_unit_test(test_max_docs),
        cmocka_unit_test(test_duplicate_ids_bounded),
        cmocka_unit_test(test_folder_order),
        cmocka_unit_test(test_folder_cycle),
        cmocka_unit_test(test_nonexistent_input),
        cmocka_unit_test(test_alloc_failure_walk),
    };
    return cmocka_run_group_tests_name("reader", tests, group_setup, group_teardown);
}
