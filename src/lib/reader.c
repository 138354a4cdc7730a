/* SPDX-License-Identifier: MIT */
/*
 * Input reading. Inputs are expanded lazily into a queue of sources: a .txt
 * file (one document), a folder (its .txt files, recursive, sorted by path),
 * a .jsonl file (one document per line, streamed through a 64 KiB buffer)
 * or stdin. Bad documents are reported through the warn callback and
 * skipped, so one broken line never sinks the corpus; with `strict` the
 * first one is an error. Ids are remembered as 64-bit hashes (bounded set,
 * see id_set below) to flag duplicates.
 * Hostile input: limits on document and line size and on the number of
 * documents; mostly-UTF-8 text with a few bad bytes is repaired byte by
 * byte and binary data is skipped (both in document.c); folder walks skip
 * symlink cycles and non-regular files. Paths from the input are only ever
 * read, never written.
 */
#include <dirent.h>   /* opendir, readdir */
#include <errno.h>    /* errno */
#include <fcntl.h>    /* open */
#include <stdio.h>    /* snprintf */
#include <stdlib.h>   /* qsort */
#include <string.h>   /* strcmp, strlen, memchr, strerror */
#include <sys/stat.h> /* stat */
#include <unistd.h>   /* read, close */

#include <jansson.h> /* json_loadb, json_object_get */

#include <relgraph/io.h>
#include <relgraph/reader.h>
#include "common.h"
#include "jsonl_scan.h"
#include "reader_internal.h"
#include "strbuf.h"

#define READER_DEFAULT_MAX (64u * 1024u * 1024u)
#define READER_CHUNK 65536
#define READER_SCRATCH_KEEP (4u * 1024u * 1024u) /* JSON scratch kept between lines */

typedef enum { SRC_TXT, SRC_JSONL, SRC_STDIN } src_kind;

typedef struct {
    char *path;
    src_kind kind;
} reader_src;

/* String map (open addressing, FNV-1a); values are dates (the manifest). */
typedef struct {
    char **keys;
    rg_date *vals;
    size_t cap, n;
} str_map;

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
} id_set;

struct rg_reader {
    rg_reader_options opts;
    const char *default_text_field;
    RG_VEC(reader_src) srcs;
    size_t next_src;
    /* the JSONL stream being read */
    int fd;
    const char *cur_path;
    size_t line_no;
    rg_strbuf buf;      /* unread bytes of the stream */
    size_t buf_pos;
    int eof;
    int in_jsonl;
    int skipping;       /* inside an over-long line being skipped */
    str_map manifest;
    id_set ids;
    /* fast path for JSON Lines: keys wanted (id, date, text fields...) */
    const char **scan_keys;
    rg_jscan_value *scan_vals;
    size_t n_scan_keys;
    rg_strbuf scan_buf;
    int have_default_date;
    rg_date default_date;
    size_t seq;
    rg_reader_stats stats;
};

static const char *warning_names[RG_WARN__COUNT] = {
    "cp1252", "utf16", "nul-bytes", "empty", "bad-json", "bad-field", "bad-date",
    "undated", "unreadable", "too-large", "duplicate-id", "not-regular", "binary"
};

const char *rg_warning_name(rg_warning w)
{
    return (unsigned)w < RG_WARN__COUNT ? warning_names[w] : "unknown";
}

/* ---- string map ---- */

static uint64_t map_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s) {
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    }
    return h;
}

static void map_dispose(str_map *m)
{
    size_t i;
    for (i = 0; i < m->cap; i++) {
        rg__free(m->keys[i]);
    }
    rg__free(m->keys);
    rg__free(m->vals);
    memset(m, 0, sizeof *m);
}

static size_t map_slot(const str_map *m, const char *key)
{
    size_t i = (size_t)map_hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0) {
        i = (i + 1) & (m->cap - 1);
    }
    return i;
}

static int map_grow(str_map *m)
{
    str_map nm = { NULL, NULL, m->cap ? m->cap * 2 : 64, 0 };
    size_t i;

    nm.keys = rg__calloc(nm.cap, sizeof *nm.keys);
    nm.vals = rg__calloc(nm.cap, sizeof *nm.vals);
    if (!nm.keys || !nm.vals) {
        rg__free(nm.keys);
        rg__free(nm.vals);
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < m->cap; i++) {
        if (m->keys[i]) {
            size_t j = map_slot(&nm, m->keys[i]);
            nm.keys[j] = m->keys[i];
            nm.vals[j] = m->vals[i];
            nm.n++;
        }
    }
    rg__free(m->keys);
    rg__free(m->vals);
    *m = nm;
    return RG_OK;
}

/* Insert key (copied) with val; *existed tells whether it was there already. */
static int map_put(str_map *m, const char *key, const rg_date *val, int *existed)
{
    size_t i;

    if ((m->n + 1) * 2 > m->cap && map_grow(m) < 0) {
        return RG_ERROR;
    }
    i = map_slot(m, key);
    *existed = m->keys[i] != NULL;
    if (!m->keys[i]) {
        if (!(m->keys[i] = rg__strdup(key))) {
            rg__error_set_oom();
            return RG_ERROR;
        }
        m->n++;
    }
    if (val) {
        m->vals[i] = *val;
    }
    return RG_OK;
}

static const rg_date *map_get(const str_map *m, const char *key)
{
    size_t i;
    if (!m->cap) {
        return NULL;
    }
    i = map_slot(m, key);
    return m->keys[i] ? &m->vals[i] : NULL;
}

/* ---- id hash set ---- */

/* FNV-1a 64 of the id's bytes, then a 64-bit finaliser (MurmurHash3 fmix64)
 * so that the low bits used for the slot are well mixed. Never 0. */
static uint64_t id_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s) {
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h ? h : 1;
}

static void id_set_dispose(id_set *s)
{
    rg__free(s->slots);
    s->slots = NULL;
    s->cap = s->n = 0;
}

static size_t id_set_slot(const id_set *s, uint64_t h)
{
    size_t i = (size_t)h & (s->cap - 1);
    while (s->slots[i] && s->slots[i] != h) {
        i = (i + 1) & (s->cap - 1);
    }
    return i;
}

static int id_set_grow(id_set *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024, i;
    uint64_t *old = s->slots;
    size_t old_cap = s->cap;

    if (!(s->slots = rg__calloc(cap, sizeof *s->slots))) {
        s->slots = old;
        rg__error_set_oom();
        return RG_ERROR;
    }
    s->cap = cap;
    for (i = 0; i < old_cap; i++) {
        if (old[i]) {
            s->slots[id_set_slot(s, old[i])] = old[i];
        }
    }
    rg__free(old);
    return RG_OK;
}

/*
 * Remember `id`: *existed is 1 when its hash was seen before. Once the set
 * holds `limit` hashes, new ones are no longer stored (later ids are still
 * checked against the stored ones); *full is 1 on the call that hit the bound.
 */
static int id_set_put(id_set *s, const char *id, int *existed, int *full)
{
    uint64_t h = id_hash(id);

    *existed = *full = 0;
    if (s->cap && s->slots[id_set_slot(s, h)]) {
        *existed = 1;
        return RG_OK;
    }
    if (s->n >= s->limit) {
        *full = !s->full;
        s->full = 1;
        return RG_OK;
    }
    if ((s->n + 1) * 2 > s->cap && id_set_grow(s) < 0) {
        return RG_ERROR;
    }
    s->slots[id_set_slot(s, h)] = h;
    s->n++;
    return RG_OK;
}

void rg_reader__set_id_limit(rg_reader *r, size_t limit)
{
    r->ids.limit = limit;
}

/* ---- warnings ---- */

static void reader_warn(rg_reader *r, rg_warning kind, const char *where, const char *fmt, ...)
    RG_PRINTFLIKE(4, 5);

static void reader_warn(rg_reader *r, rg_warning kind, const char *where, const char *fmt, ...)
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
static int reader_bad(rg_reader *r, rg_warning kind, int code, const char *where,
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
    reader_warn(r, kind, where, "%s", msg);
    return RG_OK;
}

/* An interruption (SIGINT) asked the run to stop: sets the error. */
static int reader_stopped(const rg_reader *r)
{
    if (r->opts.stop && *r->opts.stop) {
        rg__error_set(RG_EINVAL, "interrupted");
        return 1;
    }
    return 0;
}

/* ---- sources ---- */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int src_push(rg_reader *r, const char *path, src_kind kind)
{
    reader_src s = { NULL, kind };
    if (!(s.path = rg__strdup(path))) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if (RG_VEC_PUSH(r->srcs, s) < 0) {
        rg__free(s.path);
        return RG_ERROR;
    }
    return RG_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Ancestors on the current walk, to detect symlink cycles. */
typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

/* Collect .txt files below `dir`, sorted, recursing into sub-folders. */
static int walk_dir(rg_reader *r, const char *dir, dir_id *stack, size_t depth)
{
    RG_VEC(char *) names = { NULL, 0, 0 };
    DIR *d = NULL;
    struct dirent *e;
    struct stat st;
    size_t i;
    int error = RG_OK;

    if (stat(dir, &st) < 0) {
        return reader_bad(r, RG_WARN_UNREADABLE, RG_EIO, dir, strerror(errno));
    }
    for (i = 0; i < depth; i++) {
        if (stack[i].dev == st.st_dev && stack[i].ino == st.st_ino) {
            return reader_bad(r, RG_WARN_LOOP, RG_EIO, dir, "folder cycle (symbolic link loop); skipped");
        }
    }
    if (depth >= 64) {
        return reader_bad(r, RG_WARN_LOOP, RG_EIO, dir, "folders nested too deep; skipped");
    }
    stack[depth].dev = st.st_dev;
    stack[depth].ino = st.st_ino;
    if (!(d = opendir(dir))) {
        return reader_bad(r, RG_WARN_UNREADABLE, RG_EIO, dir, strerror(errno));
    }
    while ((e = readdir(d)) != NULL) {
        char *p;
        if (e->d_name[0] == '.') {
            continue; /* ., .. and hidden files */
        }
        p = rg__malloc(strlen(dir) + strlen(e->d_name) + 2);
        if (!p) {
            rg__error_set_oom();
            error = RG_ERROR;
            goto cleanup;
        }
        sprintf(p, "%s/%s", dir, e->d_name);
        if (RG_VEC_PUSH(names, p) < 0) {
            rg__free(p);
            error = RG_ERROR;
            goto cleanup;
        }
    }
    if (names.n) {
        qsort(names.v, names.n, sizeof *names.v, cmp_str);
    }
    for (i = 0; i < names.n && error == RG_OK; i++) {
        if (stat(names.v[i], &st) < 0) {
            int err = errno;
            if (err == ELOOP) {
                error = reader_bad(r, RG_WARN_LOOP, RG_EIO, names.v[i],
                                   "symbolic link loop; skipped");
            } else {
                error = reader_bad(r, RG_WARN_UNREADABLE, RG_EIO, names.v[i],
                                   err == ENOENT && lstat(names.v[i], &st) == 0 &&
                                           S_ISLNK(st.st_mode)
                                       ? "broken symbolic link; skipped" : strerror(err));
            }
        } else if (S_ISDIR(st.st_mode)) {
            error = walk_dir(r, names.v[i], stack, depth + 1);
        } else if (!ends_with(names.v[i], ".txt")) {
            continue;
        } else if (S_ISREG(st.st_mode)) {
            error = src_push(r, names.v[i], SRC_TXT);
        } else {
            error = reader_bad(r, RG_WARN_LOOP, RG_EIO, names.v[i],
                               "not a regular file (device, FIFO or socket); skipped");
        }
    }
cleanup:
    for (i = 0; i < names.n; i++) {
        rg__free(names.v[i]);
    }
    RG_VEC_FREE(names);
    closedir(d);
    return error;
}

static int add_input(rg_reader *r, const char *path)
{
    struct stat st;
    dir_id stack[64];

    if (strcmp(path, "-") == 0) {
        return src_push(r, path, SRC_STDIN);
    }
    if (stat(path, &st) < 0) {
        rg__error_set(RG_EIO, "%s: %s", path, strerror(errno));
        return RG_EIO;
    }
    if (S_ISDIR(st.st_mode)) {
        return walk_dir(r, path, stack, 0);
    }
    return src_push(r, path, ends_with(path, ".jsonl") ? SRC_JSONL : SRC_TXT);
}

/* ---- manifest ---- */

static int load_manifest(rg_reader *r, const char *path)
{
    char *data = NULL, *line, *end;
    size_t len, line_no = 0;
    int error, existed;

    if ((error = rg_read_file(&data, &len, path, 0)) < 0) {
        return error;
    }
    for (line = data; line < data + len; line = end + 1) {
        char *tab, *date_s;
        rg_date d;
        size_t dlen;

        end = memchr(line, '\n', (size_t)(data + len - line));
        if (!end) {
            end = data + len;
        }
        *end = '\0';
        line_no++;
        if (end > line && end[-1] == '\r') {
            end[-1] = '\0';
        }
        if (line[0] == '\0' || line[0] == '#') {
            continue;
        }
        tab = strchr(line, '\t');
        if (!tab) {
            rg__error_set(RG_EPARSE, "%s:%zu: expected \"id<TAB>date\"", path, line_no);
            error = RG_EPARSE;
            goto cleanup;
        }
        *tab = '\0';
        date_s = tab + 1;
        if (line_no == 1 && strcmp(line, "id") == 0) {
            continue; /* header */
        }
        dlen = strcspn(date_s, "\t");
        if (rg_date_parse_iso(&d, date_s, dlen) < 0) {
            rg__error_set(RG_EPARSE, "%s:%zu: bad date \"%.*s\" (want YYYY[-MM[-DD]])",
                          path, line_no, (int)(dlen > 40 ? 40 : dlen), date_s);
            error = RG_EPARSE;
            goto cleanup;
        }
        if ((error = map_put(&r->manifest, line, &d, &existed)) < 0) {
            goto cleanup;
        }
    }
cleanup:
    rg__free(data);
    return error;
}

/* ---- reader ---- */

void rg_reader_free(rg_reader *r)
{
    size_t i;

    if (!r) {
        return;
    }
    for (i = 0; i < r->srcs.n; i++) {
        rg__free(r->srcs.v[i].path);
    }
    RG_VEC_FREE(r->srcs);
    if (r->fd > STDIN_FILENO) {
        close(r->fd);
    }
    rg_strbuf_dispose(&r->buf);
    map_dispose(&r->manifest);
    id_set_dispose(&r->ids);
    rg__free(r->scan_keys);
    rg__free(r->scan_vals);
    rg_strbuf_dispose(&r->scan_buf);
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
    if (r->opts.date) {
        if ((error = rg_date_parse_iso(&r->default_date, r->opts.date, strlen(r->opts.date))) < 0) {
            goto cleanup;
        }
        r->have_default_date = 1;
    }
    if (r->opts.manifest && (error = load_manifest(r, r->opts.manifest)) < 0) {
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        if ((error = add_input(r, inputs[i])) < 0) {
            goto cleanup;
        }
    }
    *out = r;
    r = NULL;
cleanup:
    rg_reader_free(r);
    return error;
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
        reader_warn(r, RG_WARN_CP1252, origin,
                    "invalid UTF-8 at byte offset %zu (%zu bad byte%s); those bytes decoded "
                    "as Windows-1252", first_bad, n_bad, n_bad > 1 ? "s" : "");
    } else if (doc->decode.encoding == RG_ENC_CP1252) {
        reader_warn(r, RG_WARN_CP1252, origin,
                    "not valid UTF-8 (first bad byte at offset %zu); decoded as Windows-1252",
                    doc->decode.invalid_offset);
    } else if (doc->decode.encoding == RG_ENC_UTF16) {
        reader_warn(r, RG_WARN_UTF16, origin, "UTF-16 text transcoded to UTF-8");
    }
    if (doc->decode.nul_bytes) {
        reader_warn(r, RG_WARN_NUL, origin, "%zu NUL bytes dropped", doc->decode.nul_bytes);
    }
}

/* The date of a document: manifest > metadata > --date. */
static void doc_set_date(rg_reader *r, rg_document *doc, const char *id, const rg_date *date)
{
    const rg_date *md;

    if ((md = map_get(&r->manifest, id)) != NULL) {
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

/* Make a document from raw bytes and metadata; NULL date = none. */
static int make_doc(rg_reader *r, rg_document **out, const char *id, /* document id */
                    const char *raw, size_t len,                     /* bytes as read */
                    const rg_date *date,                             /* metadata or NULL */
                    const char *origin)                              /* "file[:line]" */
{
    rg_document *doc = NULL;
    size_t first_bad, n_bad;
    int error, existed, full;

    *out = NULL;
    if (r->opts.max_docs && r->stats.read >= r->opts.max_docs) {
        rg__error_set(RG_ELIMIT, "%s: more than %zu documents (--max-docs); stopped", origin,
                      r->opts.max_docs);
        return RG_ELIMIT;
    }
    if ((error = rg_document__alloc(&doc, id, origin)) < 0) {
        return error;
    }
    if ((error = rg_document__decode(doc, raw, len, &first_bad, &n_bad)) < 0) {
        if (error == RG_EENCODING) {
            error = reader_bad(r, RG_WARN_UTF16, RG_EENCODING, origin, rg_error_last()->message);
        }
        goto cleanup;
    }
    if (rg_document__looks_binary(doc, len)) {
        error = reader_bad(r, RG_WARN_BINARY, RG_EENCODING, origin,
                           "binary data (more than 10% NUL or control bytes); skipped");
        goto cleanup;
    }
    doc_decode_warn(r, doc, origin, first_bad, n_bad);
    if (n_bad) {
        doc->decode.encoding = RG_ENC_CP1252;
        doc->decode.invalid_offset = first_bad;
    }
    if (strspn(doc->text, " \t\n\r\f\v") == doc->len) {
        error = reader_bad(r, RG_WARN_EMPTY, RG_EPARSE, origin, "empty document; skipped");
        goto cleanup;
    }
    doc_set_date(r, doc, id, date);
    if ((error = id_set_put(&r->ids, id, &existed, &full)) < 0) {
        goto cleanup;
    }
    if (existed) {
        reader_warn(r, RG_WARN_DUP_ID, origin, "document id \"%s\" seen before", id);
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
        return reader_bad(r, RG_WARN_UNREADABLE, RG_EIO, path, rg_error_last()->message);
    }
    if (error == RG_ELIMIT) {
        return reader_bad(r, RG_WARN_TOO_LARGE, RG_ELIMIT, path, rg_error_last()->message);
    }
    if (error < 0) {
        return error;
    }
    if (!(id = base_id(strcmp(path, "-") == 0 ? "stdin" : path))) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    error = make_doc(r, out, id, raw, len, NULL, path);
cleanup:
    rg__free(raw);
    rg__free(id);
    return error;
}

/* ---- JSON Lines ---- */

static int jsonl_open(rg_reader *r, const char *path)
{
    r->fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) {
        return reader_bad(r, RG_WARN_UNREADABLE, RG_EIO, path, strerror(errno));
    }
    r->cur_path = path;
    r->line_no = 0;
    r->eof = 0;
    r->in_jsonl = 1;
    r->skipping = 0;
    rg_strbuf_clear(&r->buf);
    r->buf_pos = 0;
    return RG_OK;
}

static void jsonl_close(rg_reader *r)
{
    if (r->fd > STDIN_FILENO) {
        close(r->fd);
    }
    r->fd = -1;
    r->in_jsonl = 0;
}

/* A JSONL line over the document limit: skipped (an error with strict). */
static int jsonl_too_long(rg_reader *r, size_t line_no)
{
    char where[4200];

    snprintf(where, sizeof where, "%s:%zu", r->cur_path, line_no);
    return reader_bad(r, RG_WARN_TOO_LARGE, RG_ELIMIT, where,
                      "line longer than the document limit (--max-doc-bytes); skipped");
}

/* A read error in a JSONL file: the rest of that file is skipped (fatal on stdin). */
static int jsonl_read_error(rg_reader *r, int err)
{
    char msg[300];
    int e;

    snprintf(msg, sizeof msg, "read error after line %zu: %s; rest of the file skipped",
             r->line_no, strerror(err));
    if (r->fd == STDIN_FILENO) {
        rg__error_set(RG_EIO, "%s: %s", r->cur_path, msg);
        return RG_EIO;
    }
    if ((e = reader_bad(r, RG_WARN_UNREADABLE, RG_EIO, r->cur_path, msg)) < 0) {
        return e;
    }
    r->eof = 1;
    r->skipping = 0;
    r->buf.len = r->buf_pos = 0;
    return 0;
}

/*
 * Next line of the stream into [*line, *line + *len) (borrowed from r->buf).
 * Lines longer than the limit are skipped with a warning. Returns 1, 0 at
 * EOF, or a negative code.
 */
static int jsonl_line(rg_reader *r, const char **line, size_t *len)
{
    for (;;) {
        char *start = r->buf.ptr ? r->buf.ptr + r->buf_pos : NULL;
        size_t avail = r->buf.len - r->buf_pos;
        char *nl = avail ? memchr(start, '\n', avail) : NULL;
        ssize_t got;

        if (nl || (r->eof && avail)) {
            size_t n = nl ? (size_t)(nl - start) : avail;
            r->buf_pos += nl ? n + 1 : n;
            r->line_no++;
            if (r->skipping) {
                r->skipping = 0;
                continue;
            }
            if (n > r->opts.max_doc_bytes) {
                int e = jsonl_too_long(r, r->line_no);
                if (e < 0) {
                    return e;
                }
                continue;
            }
            *line = start;
            *len = n;
            return 1;
        }
        if (r->eof) {
            return 0;
        }
        /* compact, then refill */
        if (r->buf_pos) {
            memmove(r->buf.ptr, r->buf.ptr + r->buf_pos, avail);
            r->buf.len = avail;
            r->buf_pos = 0;
        }
        if (avail > r->opts.max_doc_bytes) {
            if (!r->skipping) {
                int e = jsonl_too_long(r, r->line_no + 1);
                if (e < 0) {
                    return e;
                }
            }
            r->skipping = 1;
            r->buf.len = 0;
            avail = 0;
        }
        if (rg_strbuf_grow(&r->buf, READER_CHUNK) < 0) {
            return RG_ERROR;
        }
        got = read(r->fd, r->buf.ptr + r->buf.len, READER_CHUNK);
        if (got < 0) {
            if (errno == EINTR && !reader_stopped(r)) {
                continue;
            }
            if (errno == EINTR) {
                return RG_EINVAL;
            }
            return jsonl_read_error(r, errno);
        }
        if (got == 0) {
            r->eof = 1;
            if (r->skipping) {
                r->skipping = 0;
                r->buf.len = r->buf_pos = 0;
                r->line_no++;
            }
        }
        r->buf.len += (size_t)got;
    }
}

/*
 * Text fields joined as paragraphs; RG_OK with an empty buffer when none.
 * *mistyped names the first text field that is present but not a string.
 */
static int jsonl_text(rg_reader *r, json_t *obj, rg_strbuf *text, const char **mistyped)
{
    const char *const *fields = r->opts.text_fields;
    size_t i, n = r->opts.n_text_fields;

    *mistyped = NULL;
    if (!n) {
        fields = &r->default_text_field;
        n = 1;
    }
    for (i = 0; i < n; i++) {
        json_t *v = json_object_get(obj, fields[i]);
        if (!v || json_is_null(v)) {
            continue;
        }
        if (!json_is_string(v)) {
            *mistyped = *mistyped ? *mistyped : fields[i];
            continue;
        }
        if (json_string_length(v) == 0) {
            continue;
        }
        if ((text->len && rg_strbuf_put(text, "\n\n", 2) < 0) ||
            rg_strbuf_put(text, json_string_value(v), json_string_length(v)) < 0) {
            return RG_ERROR;
        }
    }
    return RG_OK;
}

/*
 * The fast path: a line that rg_jsonl_scan accepted, with a plain string id,
 * a date that is absent, null or a non-empty string, and some text. Anything
 * else returns 0 before any warning, and the line goes through jansson, which
 * reports it. Else the same warnings and document as the jansson path.
 */
static int jsonl_fast(rg_reader *r, const char *where, rg_strbuf *text, rg_document **out,
                      int *error)
{
    const rg_jscan_value *v = r->scan_vals;
    char id[1024];
    rg_date date, *datep = NULL;
    size_t i;

    if (v[0].kind != RG_JSCAN_STRING || v[0].len == 0 || v[0].len >= sizeof id ||
        memchr(v[0].ptr, '\0', v[0].len) ||
        (v[1].kind == RG_JSCAN_STRING && v[1].len == 0)) {
        return 0;
    }
    for (i = 2; i < r->n_scan_keys; i++) {
        if (v[i].kind == RG_JSCAN_STRING && v[i].len > 0) {
            break;
        }
    }
    if (i == r->n_scan_keys) {
        return 0; /* no text: reported by the jansson path */
    }
    memcpy(id, v[0].ptr, v[0].len);
    id[v[0].len] = '\0';
    if (v[1].kind == RG_JSCAN_STRING) {
        if (rg_date_parse_iso(&date, v[1].ptr, v[1].len) == 0) {
            datep = &date;
        } else {
            reader_warn(r, RG_WARN_BAD_DATE, where, "date field \"%s\": %s; kept undated",
                        r->opts.date_field, rg_error_last()->message);
        }
    }
    for (i = 2; i < r->n_scan_keys; i++) {
        if (v[i].kind != RG_JSCAN_STRING || v[i].len == 0) {
            continue;
        }
        if ((text->len && rg_strbuf_put(text, "\n\n", 2) < 0) ||
            rg_strbuf_put(text, v[i].ptr, v[i].len) < 0) {
            *error = RG_ERROR;
            return 1;
        }
    }
    *error = make_doc(r, out, id, text->ptr, text->len, datep, where);
    return 1;
}

static int jsonl_next(rg_reader *r, rg_document **out)
{
    rg_strbuf text = RG_STRBUF_INIT;
    json_t *obj = NULL;
    json_error_t jerr;
    const char *line;
    size_t len;
    char where[4200], idbuf[64], msg[300];
    const char *id, *mistyped;
    rg_date date, *datep = NULL;
    json_t *v;
    int rc, handled, error = RG_OK;

    *out = NULL;
    while (!*out && error == RG_OK) {
        json_decref(obj);
        obj = NULL;
        rg_strbuf_clear(&text);
        if ((rc = jsonl_line(r, &line, &len)) <= 0) {
            error = rc;
            if (rc == 0) {
                jsonl_close(r);
            }
            break;
        }
        snprintf(where, sizeof where, "%s:%zu", r->cur_path, r->line_no);
        if (strspn(line, " \t\r") >= len) {
            continue; /* blank line */
        }
        if ((rc = rg_jsonl_scan(line, len, r->scan_keys, r->n_scan_keys, r->scan_vals,
                                &r->scan_buf)) < 0) {
            error = rc;
            break;
        }
        handled = rc == RG_JSCAN_OK && jsonl_fast(r, where, &text, out, &error);
        if (r->scan_buf.alloc > READER_SCRATCH_KEEP) {
            rg_strbuf_dispose(&r->scan_buf); /* after a huge line: don't keep its scratch */
        }
        if (handled) {
            continue;
        }
        obj = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
        if (!obj || !json_is_object(obj)) {
            snprintf(msg, sizeof msg, obj ? "not a JSON object; skipped"
                                          : "invalid JSON at column %d: %s; skipped",
                     jerr.column, jerr.text);
            error = reader_bad(r, RG_WARN_BAD_JSON, RG_EPARSE, where, msg);
            continue;
        }
        v = json_object_get(obj, r->opts.id_field);
        if (json_is_string(v) && json_string_length(v) > 0 && json_string_length(v) < 1024 &&
            !memchr(json_string_value(v), '\0', json_string_length(v))) {
            id = json_string_value(v);
        } else if (json_is_integer(v)) {
            snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
            id = idbuf;
        } else {
            snprintf(msg, sizeof msg, "missing or invalid id field \"%s\"; skipped",
                     r->opts.id_field);
            error = reader_bad(r, RG_WARN_BAD_FIELD, RG_EPARSE, where, msg);
            continue;
        }
        datep = NULL;
        v = json_object_get(obj, r->opts.date_field);
        if (json_is_string(v) && json_string_length(v) > 0) {
            if (rg_date_parse_iso(&date, json_string_value(v), json_string_length(v)) == 0) {
                datep = &date;
            } else {
                reader_warn(r, RG_WARN_BAD_DATE, where, "date field \"%s\": %s; kept undated",
                            r->opts.date_field, rg_error_last()->message);
            }
        } else if (v && !json_is_null(v)) {
            reader_warn(r, RG_WARN_BAD_DATE, where,
                        "date field \"%s\" is not a string; kept undated", r->opts.date_field);
        }
        if ((error = jsonl_text(r, obj, &text, &mistyped)) < 0) {
            break;
        }
        if (text.len == 0) {
            if (mistyped) {
                snprintf(msg, sizeof msg, "text field \"%s\" is not a string; skipped",
                         mistyped);
            }
            error = reader_bad(r, mistyped ? RG_WARN_BAD_FIELD : RG_WARN_EMPTY, RG_EPARSE,
                               where, mistyped ? msg : "no text; skipped");
            continue;
        }
        if (mistyped) {
            reader_warn(r, RG_WARN_BAD_FIELD, where, "text field \"%s\" is not a string; ignored",
                        mistyped);
        }
        error = make_doc(r, out, id, text.ptr, text.len, datep, where);
    }
    json_decref(obj);
    rg_strbuf_dispose(&text);
    return error < 0 ? error : (*out ? 1 : 0);
}

/* Append one chunk of stdin to r->buf: bytes read, 0 at EOF, or a negative code. */
static int stdin_fill(rg_reader *r)
{
    ssize_t got;

    if (rg_strbuf_grow(&r->buf, READER_CHUNK) < 0) {
        return RG_ERROR;
    }
    for (;;) {
        got = read(r->fd, r->buf.ptr + r->buf.len, READER_CHUNK);
        if (got >= 0) {
            break;
        }
        if (errno != EINTR) {
            rg__error_set(RG_EIO, "<stdin>: read error at byte %zu: %s", r->buf.len,
                          strerror(errno));
            return RG_EIO;
        }
        if (reader_stopped(r)) {
            return RG_EINVAL;
        }
    }
    r->buf.len += (size_t)got;
    r->buf.ptr[r->buf.len] = '\0';
    return got > 0 ? 1 : 0;
}

/* stdin: JSON Lines when its first non-blank byte is '{', else one text. */
static int stdin_next(rg_reader *r, rg_document **out)
{
    size_t skip = 0;
    int rc;

    if ((rc = jsonl_open(r, "-")) < 0 || r->fd < 0) {
        return rc;
    }
    /* peek past leading white space, reading until a non-blank byte or EOF */
    while ((skip = r->buf.ptr ? strspn(r->buf.ptr, " \t\r\n") : 0) >= r->buf.len &&
           r->buf.len <= r->opts.max_doc_bytes) {
        if ((rc = stdin_fill(r)) <= 0) {
            break;
        }
    }
    if (rc < 0) {
        jsonl_close(r);
        return rc;
    }
    if (skip < r->buf.len && r->buf.ptr[skip] == '{') {
        r->cur_path = "<stdin>";
        return jsonl_next(r, out);
    }
    /* plain text: read the rest, within the document limit */
    while (r->buf.len <= r->opts.max_doc_bytes && (rc = stdin_fill(r)) > 0) {
    }
    jsonl_close(r);
    if (rc < 0) {
        return rc;
    }
    if (r->buf.len > r->opts.max_doc_bytes) {
        return reader_bad(r, RG_WARN_TOO_LARGE, RG_ELIMIT, "<stdin>",
                          "larger than the document limit (--max-doc-bytes); skipped");
    }
    rc = make_doc(r, out, "stdin", r->buf.ptr ? r->buf.ptr : "", r->buf.len, NULL, "<stdin>");
    return rc < 0 ? rc : (*out ? 1 : 0);
}

int rg_reader_next(rg_reader *r, rg_document **out)
{
    int rc = 0;

    *out = NULL;
    for (;;) {
        const reader_src *s;

        if (r->in_jsonl) {
            if ((rc = jsonl_next(r, out)) != 0) {
                return rc;
            }
            continue;
        }
        if (r->next_src >= r->srcs.n) {
            return 0;
        }
        s = &r->srcs.v[r->next_src++];
        switch (s->kind) {
        case SRC_TXT:
            rc = read_txt(r, s->path, out);
            break;
        case SRC_JSONL:
            rc = jsonl_open(r, s->path);
            break;
        case SRC_STDIN:
            rc = stdin_next(r, out);
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
