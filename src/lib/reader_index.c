/* SPDX-License-Identifier: MIT */
/*
 * Reader indexes: the manifest (dates by document id, a string map with open
 * addressing) and the bounded set of document-id hashes that flags
 * duplicate ids (see rg_reader__ids in reader_internal.h).
 */
#include <stdint.h> /* uint64_t */
#include <string.h> /* strcmp, strchr, strcspn, memchr, memset */

#include <relgraph/io.h>
#include <relgraph/reader.h>
#include "common.h"
#include "reader_internal.h"

/* ---- string map ---- */

static uint64_t map_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s) {
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    }
    return h;
}

void rg_reader__map_dispose(rg_reader__map *m)
{
    rg__free(m->store);
    rg__free(m->keys);
    rg__free(m->vals);
    memset(m, 0, sizeof *m);
}

static size_t map_slot(const rg_reader__map *m, const char *key)
{
    size_t i = (size_t)map_hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0) {
        i = (i + 1) & (m->cap - 1);
    }
    return i;
}

/* Doubles the table, or sizes it for `want` keys at most half full. */
static int map_grow(rg_reader__map *m, size_t want)
{
    rg_reader__map nm = { NULL, NULL, m->cap ? m->cap * 2 : 64, 0, m->store };
    size_t i;

    while (nm.cap < want * 2) {
        nm.cap *= 2;
    }
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

/* Insert key (kept, not copied: it lives in m->store) with val; *existed
 * tells whether it was there already. */
static int map_put(rg_reader__map *m, char *key, const rg_date *val, int *existed)
{
    size_t i;

    if ((m->n + 1) * 2 > m->cap && map_grow(m, 0) < 0) {
        return RG_ERROR;
    }
    i = map_slot(m, key);
    *existed = m->keys[i] != NULL;
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->n++;
    }
    if (val) {
        m->vals[i] = *val;
    }
    return RG_OK;
}

const rg_date *rg_reader__map_get(const rg_reader__map *m, const char *key)
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

void rg_reader__ids_dispose(rg_reader__ids *s)
{
    rg__free(s->slots);
    s->slots = NULL;
    s->cap = s->n = 0;
}

static size_t ids_slot(const rg_reader__ids *s, uint64_t h)
{
    size_t i = (size_t)h & (s->cap - 1);
    while (s->slots[i] && s->slots[i] != h) {
        i = (i + 1) & (s->cap - 1);
    }
    return i;
}

static int ids_grow(rg_reader__ids *s)
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
            s->slots[ids_slot(s, old[i])] = old[i];
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
int rg_reader__ids_put(rg_reader__ids *s, const char *id, int *existed, int *full)
{
    uint64_t h = id_hash(id);

    *existed = *full = 0;
    if (s->cap && s->slots[ids_slot(s, h)]) {
        *existed = 1;
        return RG_OK;
    }
    if (s->n >= s->limit) {
        *full = !s->full;
        s->full = 1;
        return RG_OK;
    }
    if ((s->n + 1) * 2 > s->cap && ids_grow(s) < 0) {
        return RG_ERROR;
    }
    s->slots[ids_slot(s, h)] = h;
    s->n++;
    return RG_OK;
}

void rg_reader__set_id_limit(rg_reader *r, size_t limit)
{
    r->ids.limit = limit;
}

/* ---- manifest ---- */

int rg_reader__load_manifest(rg_reader *r, const char *path)
{
    char *data = NULL, *line, *end;
    size_t len, line_no = 0;
    int error, existed;

    if ((error = rg_read_file(&data, &len, path, 0)) < 0) {
        return error;
    }
    /* the map's keys are the ids in this buffer, cut at their tabs (one
     * manifest a reader: rg_reader_new loads it once) */
    r->manifest.store = data;
    for (line = data; (line = memchr(line, '\n', (size_t)(data + len - line))) != NULL; line++) {
        line_no++;
    }
    /* one table for all the lines, instead of rehashing at each doubling */
    if ((error = map_grow(&r->manifest, line_no + 1)) < 0) {
        return error;
    }
    line_no = 0;
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
    return error; /* data is r->manifest.store, freed with the map */
}
