/* SPDX-License-Identifier: MIT */
/*
 * Input reading: the reader's life cycle, its loop over queued sources
 * (.txt files and folders from reader_dir.c, JSON Lines and stdin from
 * reader_jsonl.c) and the making of each document. Bad documents are
 * warned about and skipped, so one broken line never sinks the corpus;
 * with `strict` the first one is an error. Limits on document size and
 * count; decoding repairs and binary detection are in document.c.
 */
#include <stdarg.h> /* va_list */
#include <stdio.h>  /* snprintf, vsnprintf */
#include <string.h> /* strcmp, strlen, strrchr, strspn, strncmp */
#include <unistd.h> /* close */

#include <relgraph/io.h>
#include <relgraph/reader.h>
#include "common.h"
#include "reader_internal.h"
#include "strbuf.h"

#define READER_DEFAULT_MAX (64u * 1024u * 1024u)

static const char *warning_names[RG_WARN__COUNT] = {
    "cp1252", "utf16", "nul-bytes", "empty", "bad-json", "bad-field", "bad-date",
    "undated", "unreadable", "too-large", "duplicate-id", "not-regular", "binary"
};

const char *rg_warning_name(rg_warning w)
{
    return (unsigned)w < RG_WARN__COUNT ? warning_names[w] : "unknown";
}

/* ---- warnings ---- */

void rg_reader__warn(rg_reader *r, rg_warning kind, const char *where, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    r->stats.warnings[kind]++;
    if (!r->opts.warn) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->opts.warn(kind, where, msg, r->opts.payload);
}

/* A bad document: warn and skip, or with strict, fail with the same message. */
int rg_reader__bad(rg_reader *r, rg_warning kind, int code, const char *where,
                   const char *msg)
{
    size_t wlen = strlen(where);

    /* messages from lower layers may already start with "where: " */
    if (strncmp(msg, where, wlen) == 0 && msg[wlen] == ':' && msg[wlen + 1] == ' ') {
        msg += wlen + 2;
    }
    r->stats.skipped++;
    r->stats.skipped_by[kind]++;
    if (r->opts.strict) {
        size_t mlen = strlen(msg);
        if (mlen >= 9 && strcmp(msg + mlen - 9, "; skipped") == 0) {
            mlen -= 9; /* strict: nothing is skipped, the run stops */
        }
        r->stats.warnings[kind]++;
        rg__error_set(code, "%s: %.*s (--strict)", where, (int)mlen, msg);
        return code;
    }
    rg_reader__warn(r, kind, where, "%s", msg);
    return RG_OK;
}

/* An interruption (SIGINT) asked the run to stop: sets the error. */
int rg_reader__stopped(const rg_reader *r)
{
    if (r->opts.stop && *r->opts.stop) {
        rg__error_set(RG_EINVAL, "interrupted");
        return 1;
    }
    return 0;
}

/* ---- reader ---- */

void rg_reader_free(rg_reader *r)
{
    if (!r) {
        return;
    }
    while (r->paths) {
        rg_reader__block *next = r->paths->next;
        rg__free(r->paths);
        r->paths = next;
    }
    RG_VEC_FREE(r->srcs);
    if (r->fd > STDIN_FILENO) {
        close(r->fd);
    }
    rg_strbuf_dispose(&r->buf);
    rg_reader__map_dispose(&r->manifest);
    rg_reader__ids_dispose(&r->ids);
    rg__free(r->scan_keys);
    rg__free(r->scan_vals);
    rg_strbuf_dispose(&r->scan_buf);
    rg_strbuf_dispose(&r->text);
    rg__free(r);
}

int rg_reader_new(rg_reader **out, const char *const *inputs, size_t n,
                  const rg_reader_options *opts)
{
    static const rg_reader_options defaults = RG_READER_OPTIONS_INIT;
    rg_reader *r = NULL;
    size_t i;
    int error = RG_OK;

    *out = NULL;
    if (!(r = rg__calloc(1, sizeof *r))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    r->opts = opts ? *opts : defaults;
    r->fd = -1;
    r->ids.limit = RG_READER_ID_LIMIT;
    if (!r->opts.id_field) {
        r->opts.id_field = "id";
    }
    if (!r->opts.date_field) {
        r->opts.date_field = "date";
    }
    r->default_text_field = "text";
    if (!r->opts.max_doc_bytes) {
        r->opts.max_doc_bytes = READER_DEFAULT_MAX;
    }
    /* keys for the JSON Lines fast path: id, date, then the text fields */
    r->n_scan_keys = 2 + (r->opts.n_text_fields ? r->opts.n_text_fields : 1);
    r->scan_keys = rg__calloc(r->n_scan_keys, sizeof *r->scan_keys);
    r->scan_vals = rg__calloc(r->n_scan_keys, sizeof *r->scan_vals);
    if (!r->scan_keys || !r->scan_vals) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    r->scan_keys[0] = r->opts.id_field;
    r->scan_keys[1] = r->opts.date_field;
    for (i = 2; i < r->n_scan_keys; i++) {
        r->scan_keys[i] = r->opts.n_text_fields ? r->opts.text_fields[i - 2]
                                                : r->default_text_field;
    }
    rg_jscan_keys_init(&r->scan_kt, r->scan_keys, r->n_scan_keys);
    if (r->opts.date) {
        if ((error = rg_date_parse_iso(&r->default_date, r->opts.date, strlen(r->opts.date))) < 0) {
            goto cleanup;
        }
        r->have_default_date = 1;
    }
    if (r->opts.manifest && (error = rg_reader__load_manifest(r, r->opts.manifest)) < 0) {
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        if ((error = rg_reader__add_input(r, inputs[i])) < 0) {
            goto cleanup;
        }
    }
    *out = r;
    r = NULL;
cleanup:
    rg_reader_free(r);
    return error;
}

void rg_reader__use_arena(rg_reader *r, rg_doc_arena *arena)
{
    r->arena = arena;
}

const rg_reader_stats *rg_reader_stats_get(const rg_reader *r)
{
    return &r->stats;
}

/* Encoding warnings for a decoded document. */
static void doc_decode_warn(rg_reader *r, const rg_document *doc, const char *origin,
                            size_t first_bad, size_t n_bad)
{
    if (n_bad) {
        rg_reader__warn(r, RG_WARN_CP1252, origin,
                        "invalid UTF-8 at byte offset %zu (%zu bad byte%s); those bytes decoded "
                        "as Windows-1252", first_bad, n_bad, n_bad > 1 ? "s" : "");
    } else if (doc->decode.encoding == RG_ENC_CP1252) {
        rg_reader__warn(r, RG_WARN_CP1252, origin,
                        "not valid UTF-8 (first bad byte at offset %zu); decoded as Windows-1252",
                        doc->decode.invalid_offset);
    } else if (doc->decode.encoding == RG_ENC_UTF16) {
        rg_reader__warn(r, RG_WARN_UTF16, origin, "UTF-16 text transcoded to UTF-8");
    }
    if (doc->decode.nul_bytes) {
        rg_reader__warn(r, RG_WARN_NUL, origin, "%zu NUL bytes dropped", doc->decode.nul_bytes);
    }
}

/* The date of a document: manifest > metadata > --date. */
static void doc_set_date(rg_reader *r, rg_document *doc, const char *id, const rg_date *date)
{
    const rg_date *md;

    if ((md = rg_reader__map_get(&r->manifest, id)) != NULL) {
        doc->date = *md;
        doc->date_source = RG_DATE_MANIFEST;
    } else if (date) {
        doc->date = *date;
        doc->date_source = RG_DATE_METADATA;
    } else if (r->have_default_date) {
        doc->date = r->default_date;
        doc->date_source = RG_DATE_OPTION;
    }
}

/* --max-docs reached: the error that stops the run, else RG_OK. */
static int doc_over_limit(const rg_reader *r, const char *origin)
{
    if (r->opts.max_docs && r->stats.read >= r->opts.max_docs) {
        rg__error_set(RG_ELIMIT, "%s: more than %zu documents (--max-docs); stopped", origin,
                      r->opts.max_docs);
        return RG_ELIMIT;
    }
    return RG_OK;
}

/*
 * What every decoded document goes through last: the empty-document check,
 * its date, the duplicate-id check and its place in the stream. Takes doc:
 * *out gets it, or it is freed (skipped, or an error).
 */
static int doc_admit(rg_reader *r, rg_document **out, rg_document *doc, const char *id,
                     size_t len, const rg_date *date, const char *origin)
{
    int error, existed, full;

    if (strspn(doc->text, " \t\n\r\f\v") == doc->len) {
        error = rg_reader__bad(r, RG_WARN_EMPTY, RG_EPARSE, origin, "empty document; skipped");
        goto cleanup;
    }
    doc_set_date(r, doc, id, date);
    if ((error = rg_reader__ids_put(&r->ids, id, &existed, &full)) < 0) {
        goto cleanup;
    }
    if (existed) {
        rg_reader__warn(r, RG_WARN_DUP_ID, origin, "document id \"%s\" seen before", id);
    } else if (full && r->opts.warn) {
        /* a notice, not a duplicate: reported once and not counted */
        char msg[200];
        snprintf(msg, sizeof msg, "more than %zu distinct ids: later ids are only checked "
                 "against the first %zu for duplicates", r->ids.limit, r->ids.limit);
        r->opts.warn(RG_WARN_DUP_ID, origin, msg, r->opts.payload);
    }
    doc->seq = r->seq++;
    r->stats.read++;
    r->stats.bytes += len;
    *out = doc;
    doc = NULL;
cleanup:
    rg_document_free(doc);
    return error;
}

/* Make a document from raw bytes and metadata; NULL date = none. */
int rg_reader__make_doc(rg_reader *r, rg_document **out, const char *id, /* document id */
                        const char *raw, size_t len,                 /* bytes as read */
                        unsigned known,                              /* RG_DOC_* */
                        const rg_date *date,                         /* metadata or NULL */
                        const char *origin)                          /* "file[:line]" */
{
    rg_document *doc = NULL;
    size_t first_bad, n_bad;
    int error;

    *out = NULL;
    if ((error = doc_over_limit(r, origin)) < 0 ||
        (error = rg_document__alloc(&doc, id, origin)) < 0) {
        return error;
    }
    if ((error = rg_document__decode(doc, raw, len, &known, &first_bad, &n_bad)) < 0) {
        if (error == RG_EENCODING) {
            error = rg_reader__bad(r, RG_WARN_UTF16, RG_EENCODING, origin,
                                   rg_error_last()->message);
        }
        goto cleanup;
    }
    if (!(known & RG_DOC_NOT_BINARY) && rg_document__looks_binary(doc, len)) {
        error = rg_reader__bad(r, RG_WARN_BINARY, RG_EENCODING, origin,
                               "binary data (more than 10% NUL or control bytes); skipped");
        goto cleanup;
    }
    doc_decode_warn(r, doc, origin, first_bad, n_bad);
    if (n_bad) {
        doc->decode.encoding = RG_ENC_CP1252;
        doc->decode.invalid_offset = first_bad;
    }
    error = doc_admit(r, out, doc, id, len, date, origin);
    doc = NULL;
cleanup:
    rg_document_free(doc);
    return error;
}

/* Length of the text fields joined as paragraphs ("\n\n" between non-empty
 * values); with dst, the joined bytes are written there too. */
static size_t join_fields(char *dst, const rg_jscan_value *f, size_t n)
{
    size_t i, len = 0;

    for (i = 0; i < n; i++) {
        if (f[i].kind != RG_JSCAN_STRING || f[i].len == 0) {
            continue;
        }
        if (len) {
            if (dst) {
                dst[len] = '\n';
                dst[len + 1] = '\n';
            }
            len += 2;
        }
        if (dst) {
            memcpy(dst + len, f[i].ptr, f[i].len);
        }
        len += f[i].len;
    }
    return len;
}

/* The first non-empty value of f[0..n) starts with a UTF-8 BOM. */
static int fields_bom(const rg_jscan_value *f, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (f[i].kind == RG_JSCAN_STRING && f[i].len > 0) {
            return f[i].len >= 3 && memcmp(f[i].ptr, "\xEF\xBB\xBF", 3) == 0;
        }
    }
    return 0;
}

#define DOC_PLAIN (RG_DOC_UTF8 | RG_DOC_NO_CR_NUL | RG_DOC_NFC | RG_DOC_NOT_BINARY)

/*
 * rg_reader__make_doc for text fields joined as paragraphs (buf: a buffer
 * for the joined bytes). When `known` says that decoding would change
 * nothing (DOC_PLAIN, no BOM: JSON Lines text almost always), the fields
 * are joined straight into the document's own block: one copy, no decoding
 * pass, one allocation.
 */
int rg_reader__make_doc_fields(rg_reader *r, rg_document **out, const char *id,
                               const rg_jscan_value *fields, size_t n, unsigned known,
                               const rg_date *date, const char *origin, rg_strbuf *buf)
{
    rg_document *doc = NULL;
    size_t len = join_fields(NULL, fields, n);
    int error;

    *out = NULL;
    if ((known & DOC_PLAIN) != DOC_PLAIN || fields_bom(fields, n)) {
        buf->len = 0;
        if (rg_strbuf_grow(buf, len) < 0) {
            return RG_ERROR;
        }
        buf->len = join_fields(buf->ptr, fields, n);
        buf->ptr[buf->len] = '\0';
        return rg_reader__make_doc(r, out, id, buf->ptr, buf->len, known, date, origin);
    }
    if ((error = doc_over_limit(r, origin)) < 0 ||
        (error = rg_document__alloc_text(&doc, id, origin, len, r->arena)) < 0) {
        return error;
    }
    join_fields(doc->text, fields, n);
    doc->decode.encoding = RG_ENC_UTF8;
    return doc_admit(r, out, doc, id, len, date, origin);
}

static char *base_id(const char *path)
{
    const char *b = strrchr(path, '/');
    size_t n;

    b = b ? b + 1 : path;
    n = strlen(b);
    if (n > 4 && strcmp(b + n - 4, ".txt") == 0) {
        n -= 4;
    }
    return rg__strndup(b, n);
}

static int read_txt(rg_reader *r, const char *path, rg_document **out)
{
    char *raw = NULL, *id = NULL;
    size_t len;
    int error;

    *out = NULL;
    error = rg_read_file(&raw, &len, path, r->opts.max_doc_bytes);
    if (error == RG_EIO) {
        return rg_reader__bad(r, RG_WARN_UNREADABLE, RG_EIO, path, rg_error_last()->message);
    }
    if (error == RG_ELIMIT) {
        return rg_reader__bad(r, RG_WARN_TOO_LARGE, RG_ELIMIT, path, rg_error_last()->message);
    }
    if (error < 0) {
        return error;
    }
    if (!(id = base_id(strcmp(path, "-") == 0 ? "stdin" : path))) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    error = rg_reader__make_doc(r, out, id, raw, len, 0, NULL, path);
cleanup:
    rg__free(raw);
    rg__free(id);
    return error;
}

int rg_reader_next(rg_reader *r, rg_document **out)
{
    int rc = 0;

    *out = NULL;
    for (;;) {
        const rg_reader__src *s;

        if (r->in_jsonl) {
            if ((rc = rg_reader__jsonl_next(r, out)) != 0) {
                return rc;
            }
            continue;
        }
        if (r->next_src >= r->srcs.n) {
            return 0;
        }
        s = &r->srcs.v[r->next_src++];
        switch (s->kind) {
        case RG_SRC_TXT:
            rc = read_txt(r, s->path, out);
            break;
        case RG_SRC_JSONL:
            rc = rg_reader__jsonl_open(r, s->path);
            break;
        case RG_SRC_STDIN:
            rc = rg_reader__stdin_next(r, out);
            break;
        }
        if (rc < 0) {
            return rc;
        }
        if (*out) {
            return 1;
        }
    }
}
