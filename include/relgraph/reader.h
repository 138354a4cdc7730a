/* SPDX-License-Identifier: MIT */
/*
 * Input reading: .txt files, folders (recursive, sorted, .txt only), JSON
 * Lines files and stdin, yielding one decoded document at a time (the corpus
 * is streamed, never held whole). Dates come from metadata, a manifest TSV
 * or --date; in-text dates are found later by the extractor.
 * Ownership: documents from rg_reader_next() belong to the caller
 * (rg_document_free()).
 */
#ifndef RELGRAPH_READER_H
#define RELGRAPH_READER_H

#include "common.h"
#include "date.h"
#include "text.h"

typedef struct rg_document {
    char *id;            /* file base name without .txt, or the JSONL id field */
    char *text;          /* decoded NFC text with LF line ends, NUL-terminated */
    size_t len;
    rg_date date;        /* from metadata/manifest/option; extractor may fill it */
    rg_date_source date_source;
    char *origin;        /* "path" or "path:LINE" for messages */
    rg_decode_info decode;
    size_t seq;          /* 0-based position in the input stream */
} rg_document;

/* Frees a document made by rg_reader_next() or rg_document_new() (and the
 * fields the caller pointed elsewhere); only those: the library keeps a
 * header before the struct, so a document built by the caller is not one. */
RG_EXTERN(void) rg_document_free(rg_document *doc);

/**
 * Make a document from memory (decodes `raw`); for tests and library users.
 * @param[out] out  free with rg_document_free()
 */
RG_EXTERN(int) rg_document_new(rg_document **out, const char *id,
                               const char *raw, size_t len);

/* Warnings and skipped documents, counted by kind. */
typedef enum {
    RG_WARN_CP1252 = 0,   /* not UTF-8; decoded as Windows-1252 */
    RG_WARN_UTF16,        /* UTF-16 with BOM transcoded */
    RG_WARN_NUL,          /* NUL bytes dropped */
    RG_WARN_EMPTY,        /* empty or blank document (skipped) */
    RG_WARN_BAD_JSON,     /* JSON line that does not parse (skipped) */
    RG_WARN_BAD_FIELD,    /* missing or mistyped field (skipped when it is the text) */
    RG_WARN_BAD_DATE,     /* unparsable date in metadata (document kept, undated) */
    RG_WARN_UNDATED,      /* no date found anywhere */
    RG_WARN_UNREADABLE,   /* file that cannot be opened or read (skipped) */
    RG_WARN_TOO_LARGE,    /* document over --max-doc-bytes (skipped) */
    RG_WARN_DUP_ID,       /* an id seen before (kept; evidence carries it twice) */
    RG_WARN_LOOP,         /* symlink cycle or non-regular file under a folder (skipped) */
    RG_WARN_BINARY,       /* binary data: too many NUL or control bytes (skipped) */
    RG_WARN__COUNT
} rg_warning;

/** Short name of a warning kind, e.g. "cp1252", "bad-json". */
RG_EXTERN(const char *) rg_warning_name(rg_warning w);

typedef struct {
    const char *id_field;           /* JSONL: default "id" */
    const char *date_field;         /* JSONL: default "date" */
    const char *const *text_fields; /* JSONL: default { "text" }; joined as paragraphs */
    size_t n_text_fields;
    const char *manifest;           /* TSV "id<TAB>date" with a header line, or NULL */
    const char *date;               /* --date for every document lacking one, or NULL */
    size_t max_doc_bytes;           /* 0 = default 64 MiB; also the JSONL line limit */
    int strict;                     /* 1: the first bad document is an error */
    /* Called for each warning; `where` is "file" or "file:line". May be NULL. */
    void (*warn)(rg_warning kind, const char *where, const char *msg, void *payload);
    void *payload;
    size_t max_docs;                /* 0 = no limit; more documents: RG_ELIMIT */
    volatile int *stop;             /* when set (SIGINT), a read interrupted by a
                                       signal fails with RG_EINVAL "interrupted" */
} rg_reader_options;

#define RG_READER_OPTIONS_INIT { NULL, NULL, NULL, 0, NULL, NULL, 0, 0, NULL, NULL, 0, NULL }

typedef struct rg_reader rg_reader;

/**
 * Open inputs: paths to .txt files, folders, .jsonl files, or "-" (stdin,
 * read as JSON Lines when its first non-blank byte is '{', else one text).
 * Paths are checked now: a nonexistent path is an error (RG_EIO naming it).
 * The manifest is loaded now (RG_EPARSE naming file:line on a bad line).
 */
RG_EXTERN(int) rg_reader_new(rg_reader **out, const char *const *inputs, size_t n,
                             const rg_reader_options *opts);

/**
 * Next document.
 * @return 1 with *out set; 0 at the end; negative on a fatal error (I/O on
 *         stdin, OOM, more than max_docs documents (RG_ELIMIT), an
 *         interruption, or any bad document with strict set). Bad documents
 *         without strict are reported through warn and skipped; the message
 *         names the file and the line (JSONL) or byte offset (encoding).
 * Decoding: valid UTF-8 is kept; a text that is mostly UTF-8 with a few bad
 * bytes has just those bytes decoded as Windows-1252; otherwise the whole
 * text is decoded as Windows-1252 (both warn RG_WARN_CP1252). A text with
 * more than 10% NUL or control bytes is binary and skipped.
 */
RG_EXTERN(int) rg_reader_next(rg_reader *r, rg_document **out);

/** Counts so far: documents yielded, skipped (and why), warnings by kind. */
typedef struct {
    size_t read;
    size_t skipped;
    size_t bytes;
    size_t warnings[RG_WARN__COUNT];    /* every warning, skips included */
    size_t skipped_by[RG_WARN__COUNT];  /* skipped documents by reason */
} rg_reader_stats;

RG_EXTERN(const rg_reader_stats *) rg_reader_stats_get(const rg_reader *r);
RG_EXTERN(void) rg_reader_free(rg_reader *r);

#endif
