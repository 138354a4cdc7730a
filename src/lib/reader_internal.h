/* SPDX-License-Identifier: MIT */
/*
 * Private view of the reader, shared by its files: reader.c (life cycle,
 * documents, warnings), reader_dir.c (inputs and folder walks),
 * reader_jsonl.c (JSON Lines and stdin), reader_index.c (manifest dates and
 * the duplicate-id set) and document.c (allocation and decoding of
 * documents, binary detection).
 */
#ifndef RG_LIB_READER_INTERNAL_H
#define RG_LIB_READER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "text_internal.h" /* RG_DOC_* */

#include <relgraph/reader.h>
#include "common.h"
#include "jsonl_scan.h"
#include "strbuf.h"

/*
 * Duplicate-id detection remembers at most this many ids (as 64-bit hashes,
 * a 16 MiB table at the bound); later ids are checked against those only.
 */
#ifndef RG_READER_ID_LIMIT
#define RG_READER_ID_LIMIT ((size_t)1 << 20)
#endif

typedef enum { RG_SRC_TXT, RG_SRC_JSONL, RG_SRC_STDIN } rg_reader__src_kind;

/* One input still to read: a .txt file, a .jsonl file or stdin ("-"). */
typedef struct {
    char *path;
    rg_reader__src_kind kind;
} rg_reader__src;

/* String map (open addressing, FNV-1a); values are dates (the manifest).
 * Keys point into `store` (the manifest's bytes), which the map owns. */
typedef struct {
    char **keys;
    rg_date *vals;
    size_t cap, n;
    char *store;
} rg_reader__map;

/* Storage for the paths of the sources, in blocks freed together: a
 * folder of 36,000 files costs a few blocks, not 36,000 allocations. */
typedef struct rg_reader__block rg_reader__block;
struct rg_reader__block {
    rg_reader__block *next;
    size_t used, size;
    char bytes[];
};

/*
 * Document ids seen, for the duplicate-id warning: 64-bit hashes only (8
 * bytes a document instead of a copy of the id), open addressing, 0 = empty.
 * Two different ids with the same hash only cause a spurious duplicate-id
 * warning (probability about n^2 / 2^65: 3e-8 for a million ids); the
 * document itself is always kept. The set is bounded (RG_READER_ID_LIMIT ids,
 * a 16 MiB table) so that memory stays flat whatever the corpus size: past
 * the bound, one notice says so and later ids are only checked against the
 * ids already stored (a repeat of one of the first million is still found;
 * two repeats of a later id are not).
 */
typedef struct {
    uint64_t *slots;
    size_t cap, n, limit;
    int full; /* the bound was reached (reported once) */
} rg_reader__ids;

/*
 * Storage for the documents of one pipeline batch (rg_reader__use_arena):
 * their blocks are carved one after the other from chunks and released all
 * together by rg_document__arena_reset, instead of a malloc and a free each (a
 * 3 KiB block took glibc about 700 instructions). Only the calling thread
 * allocates and resets; the extracting threads only read the documents.
 */
typedef struct rg_doc_chunk rg_doc_chunk;
typedef struct {
    rg_doc_chunk *first; /* chunks in the order they are filled */
    rg_doc_chunk *cur;   /* the chunk being filled */
} rg_doc_arena;

struct rg_reader {
    rg_reader_options opts;
    const char *default_text_field;
    RG_VEC(rg_reader__src) srcs;
    rg_reader__block *paths; /* where srcs[].path live, newest block first */
    size_t next_src;
    /* the JSONL stream being read */
    int fd;
    int fd_regular;     /* fd is a regular file: read() never waits (no poll) */
    const char *cur_path;
    size_t line_no;
    rg_strbuf buf;      /* unread bytes of the stream */
    size_t buf_pos;
    int eof;
    int in_jsonl;
    int skipping;       /* inside an over-long line being skipped */
    size_t whole_end;   /* buf offset past its last LF (0: not known); see jsonl_scanned_line */
    rg_reader__map manifest;
    rg_reader__ids ids;
    /* fast path for JSON Lines: keys wanted (id, date, text fields...) */
    const char **scan_keys;
    rg_jscan_keys scan_kt;  /* scan_keys measured (rg_jscan_keys_init) */
    rg_jscan_value *scan_vals;
    size_t n_scan_keys;
    rg_strbuf scan_buf;
    rg_strbuf text;     /* text fields of a line, joined (kept between lines) */
    rg_doc_arena *arena; /* where JSON Lines documents go, or NULL: malloc */
    int have_default_date;
    rg_date default_date;
    size_t seq;
    rg_reader_stats stats;
};

/* Test hook: change that bound for one reader (before the first document). */
void rg_reader__set_id_limit(rg_reader *r, size_t limit);

/* ---- reader.c ---- */

/* Count a warning of `kind` and pass it to the warn callback, if any. */
void rg_reader__warn(rg_reader *r, rg_warning kind, const char *where, const char *fmt, ...)
    RG_PRINTFLIKE(4, 5);

/* A bad document: warn and skip (RG_OK), or with strict, fail with the same
 * message (returns `code`). */
int rg_reader__bad(rg_reader *r, rg_warning kind, int code, const char *where,
                   const char *msg);

/* 1 when an interruption (SIGINT) asked the run to stop; sets the error. */
int rg_reader__stopped(const rg_reader *r);

/*
 * Make a document from raw bytes (what is `known` of them: RG_DOC_*) and
 * metadata (date NULL = none); origin is "file[:line]". *out is NULL when the
 * document was skipped. RG_OK or a negative code.
 */
int rg_reader__make_doc(rg_reader *r, rg_document **out, const char *id, const char *raw,
                        size_t len, unsigned known, const rg_date *date, const char *origin);

/*
 * The same for text fields (the values of kind RG_JSCAN_STRING among
 * fields[0..n)) joined as paragraphs: "\n\n" between non-empty values.
 * `buf` is scratch for the joined bytes when they need decoding.
 */
int rg_reader__make_doc_fields(rg_reader *r, rg_document **out, const char *id,
                               const rg_jscan_value *fields, size_t n, unsigned known,
                               const rg_date *date, const char *origin, rg_strbuf *buf);

/* ---- reader_dir.c ---- */

/* Queue the sources of one input path: "-", a file or a folder (walked). */
int rg_reader__add_input(rg_reader *r, const char *path);

/* ---- reader_jsonl.c ---- */

/* Start reading the JSON Lines file `path` (borrowed; "-" is stdin). */
int rg_reader__jsonl_open(rg_reader *r, const char *path);

/* Next document of the open JSON Lines stream: 1, 0 at its end (the stream
 * is then closed), or a negative code. */
int rg_reader__jsonl_next(rg_reader *r, rg_document **out);

/* stdin: JSON Lines when its first non-blank byte is '{', else one text.
 * Same returns as rg_reader__jsonl_next. */
int rg_reader__stdin_next(rg_reader *r, rg_document **out);

/* ---- reader_index.c ---- */

/* Load the manifest (id<TAB>date lines) into r->manifest. */
int rg_reader__load_manifest(rg_reader *r, const char *path);

/* The date stored for key, or NULL. */
const rg_date *rg_reader__map_get(const rg_reader__map *m, const char *key);

void rg_reader__map_dispose(rg_reader__map *m);

/*
 * Remember `id`: *existed is 1 when its hash was seen before. Once the set
 * holds `limit` hashes, new ones are no longer stored (later ids are still
 * checked against the stored ones); *full is 1 on the call that hit the bound.
 */
int rg_reader__ids_put(rg_reader__ids *s, const char *id, int *existed, int *full);

void rg_reader__ids_dispose(rg_reader__ids *s);

/* ---- document.c ---- */

/* A document with copies of id and origin, all else zero. RG_OK or RG_ERROR (OOM). */
int rg_document__alloc(rg_document **out, const char *id, const char *origin);

/* The same with room for len bytes of text in the same block: doc->text
 * points there (NUL-terminated at len, the rest for the caller to fill) and
 * doc->len is len. The block comes from `arena` when not NULL (small
 * documents) and then lives until the arena is reset: rg_document_free
 * frees only what the caller put outside it. RG_OK or RG_ERROR (OOM). */
int rg_document__alloc_text(rg_document **out, const char *id, const char *origin, size_t len,
                            rg_doc_arena *arena);

/* Forgets every document of the arena (each already rg_document_free'd),
 * keeping a few chunks for the next batch. */
void rg_document__arena_reset(rg_doc_arena *a);

/* Frees the arena's chunks (its documents are gone). */
void rg_document__arena_dispose(rg_doc_arena *a);

/* Documents from rg_reader_next go into `arena` (NULL: malloc) until the
 * next call; for the pipeline, one arena per batch. */
void rg_reader__use_arena(rg_reader *r, rg_doc_arena *arena);

/*
 * Decode raw bytes into doc->text (rg_text_decode), first repairing text that
 * is mostly UTF-8: *n_bad > 0 when bytes were decoded as Windows-1252 one by
 * one, the first at byte *first_bad. *known: RG_DOC_* flags known of the
 * bytes (0 = nothing), updated with what decoding learnt of them. RG_OK,
 * RG_EENCODING or RG_ERROR.
 */
int rg_document__decode(rg_document *doc, const char *raw, size_t len, unsigned *known,
                        size_t *first_bad, size_t *n_bad);

/* 1 when a decoded document is binary data: more than 10% NUL or C0 control
 * bytes (other than TAB, LF, VT, FF, CR, ESC), for inputs of 32 bytes or more. */
int rg_document__looks_binary(const rg_document *doc, size_t raw_len);

#endif
