/* SPDX-License-Identifier: MIT */
/*
 * Actor dictionary loader: the entry points (built-in, file, buffer, check
 * mode), JSON parsing with jansson, small JSON helpers shared by the section
 * parsers (actors_sections.c, actors_forms.c) and the final check that
 * every folded key belongs to one thing. Schema in docs/actors.md.
 */
#include <stdarg.h> /* va_list */
#include <stdio.h>  /* snprintf, vsnprintf */
#include <stdlib.h> /* qsort */
#include <string.h> /* memcmp, memset, strlen */

#include <jansson.h> /* json_loadb, json_object_get, json_object_foreach, ... */

#include <relgraph/actors.h>
#include <relgraph/io.h>   /* rg_read_file */
#include <relgraph/text.h> /* rg_free */
#include "actors_internal.h"
#include "actors_load.h"
#include "common.h"
#include "json_oom.h"
#include "data.h"

void rg_actors__ld_report(rg_actors__ld_ctx *c, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c->cb) {
        char line[512];
        snprintf(line, sizeof line, "%s: %s: %s", c->name, path, msg);
        c->cb(line, c->payload);
    } else if (c->n_errors == 0) {
        rg__error_set(RG_EPARSE, "%s: %s: %s", c->name, path, msg);
    }
    c->n_errors++;
}

/* ------------------------------------------------------------------ */
/* Small JSON helpers                                                  */
/* ------------------------------------------------------------------ */

/* Reports every member of `obj` whose name is not in the NULL-terminated list. */
void rg_actors__ld_check_fields(rg_actors__ld_ctx *c, json_t *obj, const char *path,
                                const char *const *allowed)
{
    const char *key;
    json_t *v;

    json_object_foreach(obj, key, v) {
        size_t i;
        int ok = 0;
        for (i = 0; allowed[i]; i++) {
            if (strcmp(key, allowed[i]) == 0) {
                ok = 1;
                break;
            }
        }
        if (!ok) {
            rg_actors__ld_report(c, path, "unknown field \"%s\"", key);
        }
    }
}

/*
 * The string member `key` of `obj`, or NULL when it is absent (reported if
 * `required`) or not a non-empty string (always reported).
 */
const char *rg_actors__ld_string(rg_actors__ld_ctx *c, /* loader */
                                 json_t *obj,          /* the object */
                                 const char *path,     /* its JSON path */
                                 const char *key,      /* member name */
                                 int required)         /* 1: report absence */
{
    json_t *v = json_object_get(obj, key);

    if (!v) {
        if (required) {
            rg_actors__ld_report(c, path, "missing field \"%s\"", key);
        }
        return NULL;
    }
    if (!json_is_string(v) || json_string_length(v) == 0) {
        rg_actors__ld_report(c, path, "\"%s\" must be a non-empty string", key);
        return NULL;
    }
    return json_string_value(v);
}

/* The array member `key`, or NULL (absent: reported if required; wrong type: reported). */
json_t *rg_actors__ld_array(rg_actors__ld_ctx *c, json_t *obj, const char *path, const char *key,
                            int required)
{
    json_t *v = json_object_get(obj, key);

    if (!v) {
        if (required) {
            rg_actors__ld_report(c, path, "missing field \"%s\"", key);
        }
        return NULL;
    }
    if (!json_is_array(v)) {
        rg_actors__ld_report(c, path, "\"%s\" must be an array", key);
        return NULL;
    }
    return v;
}

int rg_actors__ld_valid_id(const char *s)
{
    for (; *s; s++) {
        char ch = *s;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '_' || ch == '-')) {
            return 0;
        }
    }
    return 1;
}

/* Parses "YYYY-MM-DD" (calendar checked) into YYYYMMDD; -1 when malformed. */
int32_t rg_actors__ld_parse_date(const char *s)
{
    static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y, m, d, i;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') {
        return -1;
    }
    for (i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
            return -1;
        }
    }
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) {
        return -1;
    }
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return -1;
    }
    return (int32_t)(y * 10000 + m * 100 + d);
}

/* Index of the state or organisation `id`; reports and returns -1 otherwise. */
int rg_actors__ld_state_ref(rg_actors__ld_ctx *c, const char *path, const char *id)
{
    int s = rg_actors__find_actor(c->a, id);

    if (s < 0) {
        rg_actors__ld_report(c, path, "unknown state \"%s\"", id);
    } else if (c->a->actors.v[s].type == RG_ACTOR_PERSON) {
        rg_actors__ld_report(c, path, "\"%s\" is a person, not a state", id);
        s = -1;
    }
    return s;
}

/* ------------------------------------------------------------------ */
/* Key clashes                                                         */
/* ------------------------------------------------------------------ */

/* A clashing form's key and index, and the earlier form it clashes with;
 * sorted to report clashes in key order (no global qsort payload). */
typedef struct {
    const char *key;
    size_t len;
    size_t i;
    size_t head;
} key_ref;

static int ld_key_cmp(const void *pa, const void *pb)
{
    const key_ref *ka = pa, *kb = pb;
    size_t n = ka->len < kb->len ? ka->len : kb->len;
    int d = memcmp(ka->key, kb->key, n);

    if (d) {
        return d;
    }
    if (ka->len != kb->len) {
        return ka->len < kb->len ? -1 : 1;
    }
    return ka->i < kb->i ? -1 : (ka->i > kb->i); /* stable: file order */
}

static const char *form_kind_word(int kind)
{
    switch (kind) {
    case RG_FORM_NAME: return "alias";
    case RG_FORM_METONYM: return "metonym";
    case RG_FORM_ROLE: return "role form";
    default: return "blocked form";
    }
}

/* Reports `f` (at `path`) clashing with the earlier form `o`. */
static void ld_clash(rg_actors__ld_ctx *c, const char *path, const rg_actors__form *f,
                     const rg_actors__form *o)
{
    const rg_actors *a = c->a;

    if (o->kind == RG_FORM_NAME || o->kind == RG_FORM_METONYM) {
        if (f->actor == o->actor && f->kind == o->kind) {
            rg_actors__ld_report(c, path, "%s \"%s\" repeats \"%s\" with other flags",
                                 form_kind_word(f->kind), f->text, o->text);
        } else {
            char buf[32];
            rg_actors__ld_report(c, path, "%s \"%s\" already belongs to %s",
                                 form_kind_word(f->kind), f->text,
                                 rg_actors__ld_actor_name(a, o->actor, buf, sizeof buf));
        }
    } else if (o->kind == RG_FORM_ROLE) {
        rg_actors__ld_report(c, path, "%s \"%s\" is already a form of role %s%s%s%s",
                             form_kind_word(f->kind), f->text, a->roles.v[o->role].id,
                             o->state >= 0 ? " (" : "",
                             o->state >= 0 ? a->actors.v[o->state].id : "",
                             o->state >= 0 ? ")" : "");
    } else {
        rg_actors__ld_report(c, path, "%s \"%s\" is already blocked", form_kind_word(f->kind),
                             f->text);
    }
}

/* The slot of `f`'s key in the open-addressed table `slot` (`mask` + 1
 * slots, each a form's index + 1, 0 = empty): the key's first form, or the
 * empty slot where it goes. */
static size_t ld_key_slot(const size_t *slot, size_t mask, const rg_actors__form *forms,
                          const rg_actors__form *f)
{
    size_t h = rg__fnv1a(f->key, f->key_len) & mask;

    while (slot[h]) {
        const rg_actors__form *o = &forms[slot[h] - 1];

        if (o->key_len == f->key_len && memcmp(o->key, f->key, f->key_len) == 0) {
            break;
        }
        h = (h + 1) & mask;
    }
    return h;
}

/*
 * A folded key belongs to one thing. Forms of the same actor and kind with
 * the same flags (Erdoğan / Erdogan) and repeated blocked forms are merged;
 * anything else is a clash. HOW IT WORKS: a hash table on the keys, filled
 * in file order, finds each form's first form with the same key (what a
 * stable sort by key put first in its run; sorting every form was a third
 * of the dictionary's tree walk). Only the clashes, rare, are sorted by key
 * and then file order, the order in which they have always been reported.
 */
static int ld_keys(rg_actors__ld_ctx *c)
{
    rg_actors__form *forms = c->a->forms.v;
    size_t n = c->a->forms.n, i, mask = 15, nclash = 0;
    size_t *slot;
    key_ref *clash;

    while (mask < 2 * n) {
        mask = mask * 2 + 1;
    }
    slot = rg__calloc(mask + 1, sizeof *slot);
    clash = rg__reallocarray(NULL, n ? n : 1, sizeof *clash);
    if (!slot || !clash) {
        rg__free(slot);
        rg__free(clash);
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < n; i++) {
        rg_actors__form *f = &forms[i];
        size_t h = ld_key_slot(slot, mask, forms, f);
        const rg_actors__form *o;

        if (!slot[h]) {
            slot[h] = i + 1;
            continue;
        }
        o = &forms[slot[h] - 1];
        f->skip = 1;
        if (f->kind == o->kind && f->actor == o->actor && f->role == o->role &&
            f->state == o->state && f->flags == o->flags && f->gender == o->gender &&
            (!(f->flags & RG_FORM_EXACT_CASE) || strcmp(f->text, o->text) == 0)) {
            continue; /* the same thing written twice */
        }
        clash[nclash].key = f->key;
        clash[nclash].len = f->key_len;
        clash[nclash].i = i;
        clash[nclash++].head = slot[h] - 1;
    }
    qsort(clash, nclash, sizeof *clash, ld_key_cmp);
    for (i = 0; i < nclash; i++) {
        ld_clash(c, c->paths.v[clash[i].i].p, &forms[clash[i].i], &forms[clash[i].head]);
    }
    rg__free(slot);
    rg__free(clash);
    return RG_OK;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

static int ld_root(rg_actors__ld_ctx *c, json_t *root)
{
    static const char *const fields[] = { "schema", "actors", "roles", "fixed_roles",
                                          "terms", "blocked", "role_prefixes", "note", NULL };
    json_t *actors, *roles, *fixed, *terms, *blocked, *prefixes, *schema;
    int error;

    if (!json_is_object(root)) {
        rg_actors__ld_report(c, "$", "the dictionary must be a JSON object");
        return RG_OK;
    }
    rg_actors__ld_check_fields(c, root, "$", fields);
    schema = json_object_get(root, "schema");
    if (!schema) {
        rg_actors__ld_report(c, "$", "missing field \"schema\"");
    } else if (!json_is_integer(schema) || json_integer_value(schema) != 1) {
        rg_actors__ld_report(c, "schema", "unsupported schema (expected 1)");
    }
    actors = rg_actors__ld_array(c, root, "$", "actors", 1);
    roles = rg_actors__ld_array(c, root, "$", "roles", 0);
    fixed = rg_actors__ld_array(c, root, "$", "fixed_roles", 0);
    terms = rg_actors__ld_array(c, root, "$", "terms", 0);
    blocked = rg_actors__ld_array(c, root, "$", "blocked", 0);
    prefixes = rg_actors__ld_array(c, root, "$", "role_prefixes", 0);

    if ((actors && (error = rg_actors__ld_actors_pass1(c, actors)) < 0) ||
        (roles && (error = rg_actors__ld_roles(c, roles)) < 0) ||
        (actors && (error = rg_actors__ld_actors_pass2(c, actors)) < 0)) {
        return error;
    }
    if ((roles && (error = rg_actors__ld_role_forms(c, roles)) < 0) ||
        (fixed && (error = rg_actors__ld_fixed_roles(c, fixed)) < 0) ||
        (blocked && (error = rg_actors__ld_blocked(c, blocked)) < 0) ||
        (prefixes && (error = rg_actors__ld_prefixes(c, prefixes)) < 0) ||
        (terms && (error = rg_actors__ld_terms(c, terms)) < 0)) {
        return error;
    }
    return ld_keys(c);
}

/*
 * Validates the parsed dictionary `root` (borrowed). Returns RG_OK with *out
 * set (check mode: set even when problems were reported), RG_EPARSE (load
 * mode) or RG_ERROR.
 */
static int ld_tree(rg_actors **out, rg_actors__ld_ctx *c, json_t *root)
{
    rg_actors *a = NULL;
    int error = RG_OK;

    *out = NULL;
    a = rg__calloc(1, sizeof *a);
    if (!a) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    c->a = a;
    if ((error = ld_root(c, root)) < 0) {
        goto cleanup;
    }
    if (c->n_errors > 0 && !c->cb) {
        error = RG_EPARSE;
        goto cleanup;
    }
    *out = a;
    a = NULL;
cleanup:
    rg_actors_free(a);
    RG_VEC_FREE(c->paths);
    RG_VEC_FREE(c->adjs);
    c->a = NULL;
    return error;
}

/* Parses `buf`, then validates it as ld_tree does. */
static int ld_run(rg_actors **out, rg_actors__ld_ctx *c, const char *buf, size_t len)
{
    json_error_t jerr;
    json_t *root;
    int oom, error;

    *out = NULL;
    root = rg__json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr, &oom);
    if (!root && oom) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    if (!root) {
        if (c->cb) {
            char line[512];
            snprintf(line, sizeof line, "%s: line %d: column %d: %s", c->name, jerr.line,
                     jerr.column, jerr.text);
            c->cb(line, c->payload);
        } else {
            rg__error_set(RG_EPARSE, "%s: line %d: column %d: %s", c->name, jerr.line,
                          jerr.column, jerr.text);
        }
        c->n_errors++;
        return c->cb ? RG_OK : RG_EPARSE;
    }
    error = ld_tree(out, c, root);
    json_decref(root);
    return error;
}

int rg_actors__from_json(rg_actors **out, json_t *root, const char *name)
{
    rg_actors__ld_ctx c;

    memset(&c, 0, sizeof c);
    c.name = name;
    return ld_tree(out, &c, root);
}

int rg_actors_from_buffer(rg_actors **out, const char *buf, size_t len, const char *name)
{
    rg_actors__ld_ctx c;

    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(buf || len == 0);
    memset(&c, 0, sizeof c);
    c.name = name ? name : "actors";
    return ld_run(out, &c, buf ? buf : "", len);
}

int rg_actors_default(rg_actors **out)
{
    return rg_actors_from_buffer(out, (const char *)rg__data_actors_json,
                                 rg__data_actors_json_len, "actors.json (built-in)");
}

int rg_actors_load(rg_actors **out, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    int error;

    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(path);
    *out = NULL;
    if ((error = rg_read_file(&buf, &len, path, RG_ACTORS_MAX_FILE)) < 0) {
        goto cleanup;
    }
    error = rg_actors_from_buffer(out, buf, len, path);
cleanup:
    rg_free(buf);
    return error;
}

int rg_actors_check(const char *path, void (*cb)(const char *msg, void *payload),
                    void *payload, size_t *n_errors)
{
    rg_actors *a = NULL;
    char *buf = NULL;
    size_t len = 0;
    rg_actors__ld_ctx c;
    int error;

    RG_ASSERT_ARG(path);
    RG_ASSERT_ARG(cb);
    if (n_errors) {
        *n_errors = 0;
    }
    if ((error = rg_read_file(&buf, &len, path, RG_ACTORS_MAX_FILE)) < 0) {
        goto cleanup;
    }
    memset(&c, 0, sizeof c);
    c.name = path;
    c.cb = cb;
    c.payload = payload;
    if ((error = ld_run(&a, &c, buf, len)) < 0) {
        goto cleanup;
    }
    if (n_errors) {
        *n_errors = c.n_errors;
    }
cleanup:
    rg_actors_free(a);
    rg_free(buf);
    return error;
}
