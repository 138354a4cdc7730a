/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the input reader over a JSON Lines (or .txt) file holding the
 * fuzz input. The first byte picks the options (bit 0 strict, bit 1 a tiny
 * --max-doc-bytes, bit 2 two text fields, bit 3 read as .txt, bit 4 documents
 * into an arena, kept in groups of three as a pipeline batch would keep
 * them, then freed and the arena reset). Checks: every
 * document has an id and an origin, valid UTF-8 text of the stated length,
 * increasing sequence numbers; the stats count what was yielded; a failure
 * carries a message; a .txt document is checked against rg_text_decode and
 * the binary rule (check_txt).
 */
#include <stdint.h>   /* uint8_t */
#include <stdio.h>    /* snprintf */
#include <stdlib.h>   /* mkdtemp, atexit */
#include <string.h>   /* memcmp, strlen, strspn */
#include <fcntl.h>    /* open */
#include <unistd.h>   /* write, close, unlink, rmdir */

#include <relgraph/errors.h>
#include <relgraph/reader.h>
#include <relgraph/text.h>
#include "../reader_ref.h" /* ref_binary */
#include "reader_internal.h"  /* rg_doc_arena, rg_reader__use_arena */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char fuzz_dir[64];

static void remove_dir(void)
{
    rmdir(fuzz_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    rg_init();
    snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/rg-fuzz-reader-XXXXXX");
    FUZZ_ASSERT(mkdtemp(fuzz_dir) != NULL);
    atexit(remove_dir);
    return 0;
}

static void write_input(const char *path, const uint8_t *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    FUZZ_ASSERT(fd >= 0);
    while (size > 0) {
        ssize_t w = write(fd, data, size);
        FUZZ_ASSERT(w > 0);
        data += w;
        size -= (size_t)w;
    }
    close(fd);
}

/*
 * A .txt file is one document, decoded with steps skipped by what the reader
 * learnt of its bytes: check it against rg_text_decode and the binary rule
 * (more than 10% NUL or C0 control bytes but TAB..CR and ESC, from 32 bytes).
 * Valid UTF-8 gives the very same text; otherwise (Windows-1252, whole or
 * repaired) the same verdict on keeping it. UTF-16 is not checked.
 */
static void check_txt(const uint8_t *raw, size_t len, const rg_document *doc, size_t yielded)
{
    rg_decode_info inf;
    char *ref;
    size_t ref_len;
    int keep;

    if (rg_text_decode(&ref, &ref_len, &inf, (const char *)raw, len) != RG_OK) {
        FUZZ_ASSERT(yielded == 0);
        return;
    }
    keep = !ref_binary(ref, ref_len, inf.nul_bytes, len) &&
           strspn(ref, " \t\n\r\f\v") < ref_len;
    if (inf.encoding != RG_ENC_UTF16) {
        FUZZ_ASSERT(yielded == (size_t)keep);
    }
    if (doc && inf.encoding == RG_ENC_UTF8) {
        FUZZ_ASSERT(doc->len == ref_len && memcmp(doc->text, ref, ref_len) == 0);
        FUZZ_ASSERT(doc->decode.had_bom == inf.had_bom);
        FUZZ_ASSERT(doc->decode.nul_bytes == inf.nul_bytes);
    }
    rg_free(ref);
}

/* The documents kept in the arena: still whole, then freed; the arena is
 * reset. */
static void arena_release(rg_document **kept, size_t *n, rg_doc_arena *arena)
{
    size_t i;

    for (i = 0; i < *n; i++) {
        FUZZ_ASSERT(strlen(kept[i]->text) == kept[i]->len);
        FUZZ_ASSERT(rg_text_utf8_valid(kept[i]->text, kept[i]->len, NULL));
        rg_document_free(kept[i]);
    }
    *n = 0;
    rg_document__arena_reset(arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rg_doc_arena arena = { NULL, NULL };
    rg_document *kept[3];
    size_t n_kept = 0;
    static const char *const fields[] = { "title", "text" };
    rg_reader_options ro = RG_READER_OPTIONS_INIT;
    rg_reader *r = NULL;
    rg_document *doc = NULL;
    const char *inputs[1];
    char path[128];
    size_t yielded = 0;
    unsigned flags;
    int rc;

    if (size == 0) {
        return 0;
    }
    flags = data[0];
    snprintf(path, sizeof path, "%s/in.%s", fuzz_dir, flags & 8 ? "txt" : "jsonl");
    write_input(path, data + 1, size - 1);
    ro.strict = flags & 1;
    ro.max_doc_bytes = flags & 2 ? 64 : 0;
    if (flags & 4) {
        ro.text_fields = fields;
        ro.n_text_fields = 2;
    }
    inputs[0] = path;
    FUZZ_ASSERT(rg_reader_new(&r, inputs, 1, &ro) == RG_OK);
    rg_reader__use_arena(r, flags & 16 ? &arena : NULL);
    while ((rc = rg_reader_next(r, &doc)) > 0) {
        FUZZ_ASSERT(doc && doc->id && doc->origin && doc->text);
        FUZZ_ASSERT(strlen(doc->text) == doc->len);
        FUZZ_ASSERT(rg_text_utf8_valid(doc->text, doc->len, NULL));
        FUZZ_ASSERT(doc->seq == yielded);
        yielded++;
        if ((flags & 8) && !ro.strict) {
            check_txt(data + 1, size - 1, doc, yielded);
        }
        if (flags & 16) {
            kept[n_kept++] = doc;
            if (n_kept == 3) {
                arena_release(kept, &n_kept, &arena);
            }
        } else {
            rg_document_free(doc);
        }
        doc = NULL;
    }
    arena_release(kept, &n_kept, &arena);
    rg_document__arena_dispose(&arena);
    FUZZ_ASSERT(doc == NULL);
    if ((flags & 8) && !ro.strict && !((flags & 2) && size - 1 > 64) && yielded == 0) {
        check_txt(data + 1, size - 1, NULL, 0);
    }
    if (rc < 0) {
        FUZZ_ASSERT(ro.strict);
        FUZZ_ASSERT(rg_error_last() && rg_error_last()->message[0]);
    }
    FUZZ_ASSERT(rg_reader_stats_get(r)->read == yielded);
    rg_reader_free(r);
    unlink(path);
    return 0;
}
