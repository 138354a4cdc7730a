/* SPDX-License-Identifier: MIT */
/*
 * Reader streams: JSON Lines files (one document per line, read through a
 * 64 KiB buffer; over-long lines and read errors are skipped with a warning)
 * and stdin (JSON Lines when it starts with '{', else one text). Lines go
 * through the rg_jsonl_scan fast path, and through jansson when it declines.
 */
#include <errno.h>  /* errno */
#include <fcntl.h>  /* open */
#include <poll.h>   /* poll */
#include <stdio.h>  /* snprintf */
#include <string.h> /* strcmp, strspn, memchr, memcpy, memmove, strerror */
#include <sys/stat.h> /* fstat */

#if defined(__SSE2__) && defined(__GNUC__)
#include <immintrin.h> /* last_lf_end */
#endif
#include <unistd.h> /* read, close */

#include <jansson.h> /* json_loadb, json_object_get */

#include <relgraph/reader.h>
#include "common.h"
#include "json_oom.h"
#include "jsonl_scan.h"
#include "reader_internal.h"
#include "strbuf.h"

#define READER_CHUNK 65536
#define READER_SCRATCH_KEEP (4u * 1024u * 1024u) /* JSON scratch kept between lines */
#define JSONL_ID_MAX 1024 /* ids of this many bytes or more are refused */

int rg_reader__jsonl_open(rg_reader *r, const char *path)
{
    struct stat st;

    r->fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) {
        return rg_reader__bad(r, RG_WARN_UNREADABLE, RG_EIO, path, strerror(errno));
    }
    r->fd_regular = fstat(r->fd, &st) == 0 && S_ISREG(st.st_mode);
    r->cur_path = path;
    r->line_no = 0;
    r->eof = 0;
    r->in_jsonl = 1;
    r->skipping = 0;
    r->whole_end = 0;
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
    return rg_reader__bad(r, RG_WARN_TOO_LARGE, RG_ELIMIT, where,
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
    if ((e = rg_reader__bad(r, RG_WARN_UNREADABLE, RG_EIO, r->cur_path, msg)) < 0) {
        return e;
    }
    r->eof = 1;
    r->skipping = 0;
    r->buf.len = r->buf_pos = r->whole_end = 0;
    return 0;
}

/*
 * read() that notices an interruption: SIGINT may land on any thread, or
 * while this one is extracting rather than blocked in read(), and a pipe
 * that stays open would then block for ever. So wait for data in slices of
 * 200 ms, checking the stop flag between them. A regular file is always
 * ready: no poll, only the flag before each read. Returns read()'s result;
 * -1 with errno EINTR once stopped.
 */
static ssize_t reader_read(rg_reader *r, char *buf, size_t n)
{
    struct pollfd p;
    int rc;

    if (r->fd_regular) {
        if (r->opts.stop && *r->opts.stop) {
            errno = EINTR;
            return -1;
        }
        return read(r->fd, buf, n);
    }
    p.fd = r->fd;
    p.events = POLLIN;
    for (;;) {
        if (r->opts.stop && *r->opts.stop) {
            errno = EINTR;
            return -1;
        }
        p.revents = 0;
        rc = poll(&p, 1, 200);
        if (rc > 0 || (rc < 0 && errno != EINTR)) {
            break; /* data, end of file or an error: read() tells */
        }
        /* a timeout, or a signal: check the stop flag again. Going on to
         * read() after a signal would block there (SA_RESTART) when the
         * pipe holds no data: a SIGINT landing in poll() hung for ever */
    }
    return read(r->fd, buf, n);
}

/* Offset past the last LF of b[from..to), or `from` when there is none:
 * read back 32 bytes a step with SSE2 (8 without it); the tail after a
 * chunk's last LF is about a line. */
static size_t last_lf_end(const char *b, size_t from, size_t to)
{
    size_t k;
#if defined(__SSE2__) && defined(__GNUC__)
    const __m128i lf = _mm_set1_epi8('\n');

    while (to - from >= 32) {
        __m128i lo = _mm_loadu_si128((const __m128i *)(const void *)(b + to - 32));
        __m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(b + to - 16));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(lo, lf)) |
                     (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(hi, lf)) << 16;
        if (m) { /* bit i: byte to - 32 + i; the highest is the last LF */
            return to - 32 + (size_t)(31 - __builtin_clz(m)) + 1;
        }
        to -= 32;
    }
#else
    const uint64_t ones = 0x0101010101010101ULL;

    while (to - from >= 8) {
        uint64_t w;
        memcpy(&w, b + to - 8, 8);
        w ^= ones * '\n';
        if ((w - ones) & ~w & (ones << 7)) { /* nonzero iff a byte is 0 (a LF) */
            break; /* found below */
        }
        to -= 8;
    }
#endif
    for (k = to; k > from; k--) {
        if (b[k - 1] == '\n') {
            return k;
        }
    }
    return from;
}

/* Bytes b[from..r->buf.len) were just added to the buffer: r->whole_end
 * moves past their last LF, if any. */
static void jsonl_appended(rg_reader *r, size_t from)
{
    size_t e = last_lf_end(r->buf.ptr, from, r->buf.len);

    if (e > from) {
        r->whole_end = e;
    }
}

/*
 * The common case in one pass: the scanner reads the line at buf_pos and
 * finds its end itself (rg_jsonl_scan_line), with no memchr before it. 1 with
 * the line (r->scan_vals filled in), 0 when the line's end must be found the
 * plain way (not plain JSON: the scan is then done again on the line alone,
 * for the same answer as ever), or a negative code. Tried only on a line that
 * is all in the buffer (a LF after buf_pos, or the end of the input), so that
 * a line cut by the end of a chunk is not scanned twice: that costs one look
 * back from the end of each chunk.
 */
static int jsonl_scanned_line(rg_reader *r, const char **line, size_t *len)
{
    size_t avail = r->buf.len - r->buf_pos, n;
    const char *start;
    int rc;

    if (r->skipping || !avail || (!r->eof && r->buf_pos >= r->whole_end)) {
        return 0; /* no whole line (read more first), or none to scan */
    }
    start = r->buf.ptr + r->buf_pos;
    rc = rg_jsonl_scan_line(start, avail, &r->scan_kt, r->scan_vals, &r->scan_buf, &n);
    if (rc != RG_JSCAN_OK || (n == avail && !r->eof)) {
        return rc < 0 ? rc : 0;
    }
    r->buf_pos += n < avail ? n + 1 : n; /* past its LF, if any */
    r->line_no++;
    *line = start;
    *len = n;
    return 1;
}

/*
 * The buffer holds no LF after buf_pos (`avail` bytes of a cut line, or
 * none): compact it, skip a line over the limit, and read the next chunk.
 * 1: look for a line again; else what jsonl_line returns then (0 after a
 * read error: the rest of the file is skipped).
 */
static int jsonl_refill(rg_reader *r, size_t avail)
{
    ssize_t got;

    r->whole_end = 0; /* the bytes move: found again once read */
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
    }
    if (rg_strbuf_grow(&r->buf, READER_CHUNK) < 0) {
        return RG_ERROR;
    }
    got = reader_read(r, r->buf.ptr + r->buf.len, READER_CHUNK);
    if (got < 0) {
        if (errno == EINTR && !rg_reader__stopped(r)) {
            return 1;
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
    jsonl_appended(r, r->buf.len - (size_t)got);
    return 1;
}

/*
 * Next line of the stream into [*line, *line + *len) (borrowed from r->buf);
 * *scanned is 1 when r->scan_vals already hold its rg_jsonl_scan. Lines
 * longer than the limit are skipped with a warning. Returns 1, 0 at EOF, or
 * a negative code.
 */
static int jsonl_line(rg_reader *r, const char **line, size_t *len, int *scanned)
{
    for (;;) {
        char *start = r->buf.ptr ? r->buf.ptr + r->buf_pos : NULL;
        size_t avail = r->buf.len - r->buf_pos;
        char *nl;
        int rc = jsonl_scanned_line(r, line, len);

        if (rc != 0) {
            if (rc > 0 && *len > r->opts.max_doc_bytes) {
                if ((rc = jsonl_too_long(r, r->line_no)) < 0) {
                    return rc;
                }
                continue;
            }
            *scanned = 1;
            return rc;
        }
        /* past whole_end there is no LF: a long line is not searched anew
         * after each read */
        nl = avail && r->buf_pos < r->whole_end ? memchr(start, '\n', avail) : NULL;
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
            *scanned = 0;
            return 1;
        }
        if (r->eof) {
            return 0;
        }
        if ((rc = jsonl_refill(r, avail)) != 1) {
            return rc;
        }
    }
}

/* A document id: non-empty, under JSONL_ID_MAX bytes, no NUL. */
static int jsonl_id_ok(const char *id, size_t len)
{
    return len > 0 && len < JSONL_ID_MAX && !memchr(id, '\0', len);
}

/* Append one text field's value as a paragraph ("\n\n" between fields; an
 * empty value adds nothing). */
static int jsonl_put_text(rg_strbuf *text, const char *s, size_t len)
{
    if (len == 0) {
        return RG_OK;
    }
    if ((text->len && rg_strbuf_put(text, "\n\n", 2) < 0) || rg_strbuf_put(text, s, len) < 0) {
        return RG_ERROR;
    }
    return RG_OK;
}

/* The date string s[0..len) into *date, or NULL when it is not a valid date
 * (warned; the document is kept undated). */
static rg_date *jsonl_parse_date(rg_reader *r, const char *where, const char *s, size_t len,
                                 rg_date *date)
{
    if (rg_date_parse_iso(date, s, len) == 0) {
        return date;
    }
    rg_reader__warn(r, RG_WARN_BAD_DATE, where, "date field \"%s\": %s; kept undated",
                    r->opts.date_field, rg_error_last()->message);
    return NULL;
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
        if (jsonl_put_text(text, json_string_value(v), json_string_length(v)) < 0) {
            return RG_ERROR;
        }
    }
    return RG_OK;
}

/* What the scanner's flags (RG_JSCAN_*) of valid UTF-8 strings tell (RG_DOC_*):
 * without control bytes but TAB and LF, no CR, no NUL and nothing binary. */
static unsigned known_of(unsigned flags)
{
    unsigned known = RG_DOC_UTF8;

    if (!(flags & RG_JSCAN_C0)) {
        known |= RG_DOC_NO_CR_NUL | RG_DOC_NOT_BINARY;
    }
    if (!(flags & RG_JSCAN_NOT_NFC)) {
        known |= RG_DOC_NFC;
    }
    return known;
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
    char id[JSONL_ID_MAX];
    rg_date date, *datep = NULL;
    size_t i;
    unsigned flags = 0;

    if (v[0].kind != RG_JSCAN_STRING || !jsonl_id_ok(v[0].ptr, v[0].len) ||
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
        datep = jsonl_parse_date(r, where, v[1].ptr, v[1].len, &date);
    }
    for (i = 2; i < r->n_scan_keys; i++) {
        flags |= v[i].flags;
    }
    /* the scanner validated the strings; the "\n\n" between them is plain */
    *error = rg_reader__make_doc_fields(r, out, id, v + 2, r->n_scan_keys - 2, known_of(flags),
                                        datep, where, text);
    return 1;
}

/* The id of obj: a string (non-empty, under 1024 bytes, no NUL) or an
 * integer (written into idbuf); NULL when it has none of those. */
static const char *jsonl_id(const rg_reader *r, json_t *obj, char *idbuf, size_t size)
{
    json_t *v = json_object_get(obj, r->opts.id_field);

    if (json_is_string(v) && jsonl_id_ok(json_string_value(v), json_string_length(v))) {
        return json_string_value(v);
    }
    if (json_is_integer(v)) {
        snprintf(idbuf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return idbuf;
    }
    return NULL;
}

/* The date of obj into *date, or NULL: absent or null, or not a valid date
 * (warned; the document is kept undated). */
static rg_date *jsonl_date(rg_reader *r, json_t *obj, const char *where, rg_date *date)
{
    json_t *v = json_object_get(obj, r->opts.date_field);

    if (json_is_string(v) && json_string_length(v) > 0) {
        return jsonl_parse_date(r, where, json_string_value(v), json_string_length(v), date);
    }
    if (v && !json_is_null(v)) {
        rg_reader__warn(r, RG_WARN_BAD_DATE, where,
                        "date field \"%s\" is not a string; kept undated", r->opts.date_field);
    }
    return NULL;
}

/*
 * The jansson path, for a line the fast path declined: the same document
 * (*out), or the warning that says why there is none. RG_OK or a negative
 * code (strict mode, allocation failure).
 */
static int jsonl_slow(rg_reader *r, const char *line, size_t len, const char *where,
                      rg_strbuf *text, rg_document **out)
{
    json_t *obj = NULL;
    json_error_t jerr;
    int oom;
    char idbuf[64], msg[300];
    const char *id, *mistyped;
    rg_date date, *datep;
    int error = RG_OK;

    obj = rg__json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr, &oom);
    if (!obj && oom) {
        rg__error_set_oom(); /* not the line's fault: the run stops */
        error = RG_ERROR;
        goto cleanup;
    }
    if (!obj || !json_is_object(obj)) {
        snprintf(msg, sizeof msg, obj ? "not a JSON object; skipped"
                                      : "invalid JSON at column %d: %s; skipped",
                 jerr.column, jerr.text);
        error = rg_reader__bad(r, RG_WARN_BAD_JSON, RG_EPARSE, where, msg);
        goto cleanup;
    }
    if (!(id = jsonl_id(r, obj, idbuf, sizeof idbuf))) {
        snprintf(msg, sizeof msg, "missing or invalid id field \"%s\"; skipped",
                 r->opts.id_field);
        error = rg_reader__bad(r, RG_WARN_BAD_FIELD, RG_EPARSE, where, msg);
        goto cleanup;
    }
    datep = jsonl_date(r, obj, where, &date);
    if ((error = jsonl_text(r, obj, text, &mistyped)) < 0) {
        goto cleanup;
    }
    if (text->len == 0) {
        if (mistyped) {
            snprintf(msg, sizeof msg, "text field \"%s\" is not a string; skipped", mistyped);
        }
        error = rg_reader__bad(r, mistyped ? RG_WARN_BAD_FIELD : RG_WARN_EMPTY, RG_EPARSE,
                               where, mistyped ? msg : "no text; skipped");
        goto cleanup;
    }
    if (mistyped) {
        rg_reader__warn(r, RG_WARN_BAD_FIELD, where,
                        "text field \"%s\" is not a string; ignored", mistyped);
    }
    error = rg_reader__make_doc(r, out, id, text->ptr, text->len, 0, datep, where);
cleanup:
    json_decref(obj);
    return error;
}

/* 1 when line[0..len) holds only blanks (the line is not NUL-terminated:
 * strspn could read past it). */
static int jsonl_blank(const char *line, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
            return 0;
        }
    }
    return 1;
}

/* "path:line" into where[0..size), cut as snprintf would cut it (snprintf
 * itself costs more than the rest of a line's bookkeeping). */
static void jsonl_where(char *where, size_t size, const char *path, size_t line_no)
{
    char num[3 * sizeof line_no];
    size_t k = sizeof num, n = strlen(path), len = 0;

    do {
        num[--k] = (char)('0' + line_no % 10);
        line_no /= 10;
    } while (line_no);
    n = n < size - 1 ? n : size - 1;
    memcpy(where, path, n);
    len = n;
    if (len < size - 1) {
        where[len++] = ':';
    }
    n = sizeof num - k < size - 1 - len ? sizeof num - k : size - 1 - len;
    memcpy(where + len, num + k, n);
    where[len + n] = '\0';
}

int rg_reader__jsonl_next(rg_reader *r, rg_document **out)
{
    rg_strbuf *text = &r->text;
    const char *line;
    size_t len, n = 0;
    char where[4200];
    int rc, handled, scanned, error = RG_OK;

    *out = NULL;
    while (!*out && error == RG_OK) {
        rg_strbuf_clear(text);
        if ((rc = jsonl_line(r, &line, &len, &scanned)) <= 0) {
            error = rc;
            if (rc == 0) {
                jsonl_close(r);
            }
            break;
        }
        jsonl_where(where, sizeof where, r->cur_path, r->line_no);
        if (scanned) {
            rc = RG_JSCAN_OK;
        } else if (jsonl_blank(line, len)) {
            continue;
        } else if ((rc = rg_jsonl_scan_line(line, len, &r->scan_kt, r->scan_vals, &r->scan_buf,
                                            &n)) < 0) {
            error = rc;
            break;
        } else if (n != len) {
            rc = RG_JSCAN_FALLBACK; /* not the whole line */
        }
        handled = rc == RG_JSCAN_OK && jsonl_fast(r, where, text, out, &error);
        if (r->scan_buf.alloc > READER_SCRATCH_KEEP) {
            rg_strbuf_dispose(&r->scan_buf); /* after a huge line: don't keep its scratch */
        }
        if (!handled) {
            error = jsonl_slow(r, line, len, where, text, out);
        }
    }
    if (text->alloc > READER_SCRATCH_KEEP) {
        rg_strbuf_dispose(text); /* after a huge document: don't keep its buffer */
    }
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
        got = reader_read(r, r->buf.ptr + r->buf.len, READER_CHUNK);
        if (got >= 0) {
            break;
        }
        if (errno != EINTR) {
            rg__error_set(RG_EIO, "<stdin>: read error at byte %zu: %s", r->buf.len,
                          strerror(errno));
            return RG_EIO;
        }
        if (rg_reader__stopped(r)) {
            return RG_EINVAL;
        }
    }
    r->buf.len += (size_t)got;
    r->buf.ptr[r->buf.len] = '\0';
    jsonl_appended(r, r->buf.len - (size_t)got);
    return got > 0 ? 1 : 0;
}

/* stdin: JSON Lines when its first non-blank byte is '{', else one text. */
int rg_reader__stdin_next(rg_reader *r, rg_document **out)
{
    size_t skip = 0;
    int rc;

    if ((rc = rg_reader__jsonl_open(r, "-")) < 0 || r->fd < 0) {
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
        return rg_reader__jsonl_next(r, out);
    }
    /* plain text: read the rest, within the document limit */
    while (r->buf.len <= r->opts.max_doc_bytes && (rc = stdin_fill(r)) > 0) {
    }
    jsonl_close(r);
    if (rc < 0) {
        return rc;
    }
    if (r->buf.len > r->opts.max_doc_bytes) {
        return rg_reader__bad(r, RG_WARN_TOO_LARGE, RG_ELIMIT, "<stdin>",
                              "larger than the document limit (--max-doc-bytes); skipped");
    }
    rc = rg_reader__make_doc(r, out, "stdin", r->buf.ptr ? r->buf.ptr : "", r->buf.len, 0,
                             NULL, "<stdin>");
    return rc < 0 ? rc : (*out ? 1 : 0);
}
