/* SPDX-License-Identifier: MIT */
/*
 * Actor dictionary: loads and validates the JSON dictionary (schema in
 * docs/actors.md) with jansson, expands role templates over each state's
 * adjectives, folds every surface form into its match key and resolves
 * dated roles. Stored as flat arrays (actors, roles, forms, terms); the
 * dictionary is small, so lookups are linear scans.
 */
#include <stdio.h>  /* snprintf, vsnprintf */
#include <stdlib.h> /* qsort */
#include <string.h> /* strcmp, strlen, strstr, memcpy */

#include <jansson.h> /* json_loadb, json_object_get, json_array_size, ... */

#include <relgraph/actors.h>
#include <relgraph/io.h>   /* rg_read_file */
#include <relgraph/text.h> /* rg_text_fold, rg_free */
#include "actors_internal.h"
#include "common.h"
#include "data.h"

#define ADJ "{adj}"
#define PATH_MAX_LEN 64

/* JSON path of a form, kept while loading for messages about key clashes. */
typedef struct {
    char p[PATH_MAX_LEN];
} form_path;

typedef struct {
    int state;
    const char *text; /* borrowed from the JSON tree */
    char path[PATH_MAX_LEN];
} adj_entry;

/*
 * Loader state. In "load" mode (cb == NULL) the first problem becomes the
 * thread's error and later ones are ignored; in "check" mode every problem
 * goes to cb.
 */
typedef struct {
    const char *name;
    void (*cb)(const char *msg, void *payload);
    void *payload;
    size_t n_errors;
    rg_actors *a;
    RG_VEC(form_path) paths; /* parallel to a->forms */
    RG_VEC(adj_entry) adjs;
} ld_ctx;

static void ld_report(ld_ctx *c, const char *path, const char *fmt, ...) RG_PRINTFLIKE(3, 4);

static void ld_report(ld_ctx *c, const char *path, const char *fmt, ...)
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
static void ld_check_fields(ld_ctx *c, json_t *obj, const char *path,
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
            ld_report(c, path, "unknown field \"%s\"", key);
        }
    }
}

/*
 * The string member `key` of `obj`, or NULL when it is absent (reported if
 * `required`) or not a non-empty string (always reported).
 */
static const char *ld_string(ld_ctx *c,        /* loader */
                             json_t *obj,      /* the object */
                             const char *path, /* its JSON path */
                             const char *key,  /* member name */
                             int required)     /* 1: report absence */
{
    json_t *v = json_object_get(obj, key);

    if (!v) {
        if (required) {
            ld_report(c, path, "missing field \"%s\"", key);
        }
        return NULL;
    }
    if (!json_is_string(v) || json_string_length(v) == 0) {
        ld_report(c, path, "\"%s\" must be a non-empty string", key);
        return NULL;
    }
    return json_string_value(v);
}

/* The array member `key`, or NULL (absent: reported if required; wrong type: reported). */
static json_t *ld_array(ld_ctx *c, json_t *obj, const char *path, const char *key,
                        int required)
{
    json_t *v = json_object_get(obj, key);

    if (!v) {
        if (required) {
            ld_report(c, path, "missing field \"%s\"", key);
        }
        return NULL;
    }
    if (!json_is_array(v)) {
        ld_report(c, path, "\"%s\" must be an array", key);
        return NULL;
    }
    return v;
}

static int ld_valid_id(const char *s)
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
static int32_t ld_parse_date(const char *s)
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

static int ld_find_actor(const rg_actors *a, const char *id)
{
    size_t i;

    for (i = 0; i < a->actors.n; i++) {
        if (a->actors.v[i].id && strcmp(a->actors.v[i].id, id) == 0) {
            return (int)i;
        }
    }
    return -1;
}

static int ld_find_role(const rg_actors *a, const char *id)
{
    size_t i;

    for (i = 0; i < a->roles.n; i++) {
        if (a->roles.v[i].id && strcmp(a->roles.v[i].id, id) == 0) {
            return (int)i;
        }
    }
    return -1;
}

/* Index of the state or organisation `id`; reports and returns -1 otherwise. */
static int ld_state_ref(ld_ctx *c, const char *path, const char *id)
{
    int s = ld_find_actor(c->a, id);

    if (s < 0) {
        ld_report(c, path, "unknown state \"%s\"", id);
    } else if (c->a->actors.v[s].type == RG_ACTOR_PERSON) {
        ld_report(c, path, "\"%s\" is a person, not a state", id);
        s = -1;
    }
    return s;
}

/* ------------------------------------------------------------------ */
/* Forms                                                               */
/* ------------------------------------------------------------------ */

static size_t ld_count_adj(const char *s)
{
    size_t n = 0;
    const char *p = s;

    while ((p = strstr(p, ADJ)) != NULL) {
        n++;
        p += sizeof ADJ - 1;
    }
    return n;
}

/* `tmpl` with its "{adj}" replaced by `adj` (or a copy when adj is NULL). */
static char *ld_expand(const char *tmpl, const char *adj)
{
    const char *at = adj ? strstr(tmpl, ADJ) : NULL;
    size_t n = strlen(tmpl), na, head;
    char *out;

    if (!at) {
        return rg__strdup(tmpl);
    }
    na = strlen(adj);
    head = (size_t)(at - tmpl);
    out = rg__malloc(n - (sizeof ADJ - 1) + na + 1);
    if (out) {
        memcpy(out, tmpl, head);
        memcpy(out + head, adj, na);
        memcpy(out + head + na, at + sizeof ADJ - 1, n - head - (sizeof ADJ - 1) + 1);
    }
    return out;
}

/*
 * Adds one form (`text` expanded with `adj`) with its folded key.
 * Returns RG_OK (also when the form was rejected and reported) or RG_ERROR.
 */
static int ld_add_form(ld_ctx *c,          /* loader */
                       const char *path,   /* JSON path for messages */
                       const char *text,   /* the form, maybe with {adj} */
                       const char *adj,    /* adjective for {adj}, or NULL */
                       rg_actors__form f)  /* kind, actor, role, state, flags */
{
    form_path fp;
    int error = RG_OK;

    f.text = NULL;
    f.key = NULL;
    f.skip = 0;
    f.text = ld_expand(text, adj);
    if (!f.text) {
        rg__error_set_oom();
        error = RG_ERROR;
        goto cleanup;
    }
    if ((error = rg_text_fold(&f.key, &f.key_len, NULL, f.text, strlen(f.text))) < 0) {
        goto cleanup;
    }
    if (f.key_len == 0 || (f.key_len == 1 && f.key[0] == ' ')) {
        ld_report(c, path, "form \"%s\" is empty after folding", f.text);
        goto cleanup;
    }
    snprintf(fp.p, sizeof fp.p, "%s", path);
    if ((error = RG_VEC_PUSH(c->paths, fp)) < 0) {
        goto cleanup;
    }
    if ((error = RG_VEC_PUSH(c->a->forms, f)) < 0) {
        c->paths.n--;
        goto cleanup;
    }
    f.text = NULL;
    f.key = NULL;
cleanup:
    rg__free(f.text);
    rg__free(f.key);
    return error;
}

static rg_actors__form ld_form(int kind, int actor, int role, int state, unsigned flags)
{
    rg_actors__form f;

    memset(&f, 0, sizeof f);
    f.kind = kind;
    f.actor = actor;
    f.role = role;
    f.state = state;
    f.flags = flags;
    return f;
}

/* An alias: a string, or {"form": S, "guarded": B, "exact_case": B}. */
static int ld_alias(ld_ctx *c, json_t *v, const char *path, int actor)
{
    static const char *const fields[] = { "form", "guarded", "exact_case", "note", NULL };
    const char *text = NULL;
    unsigned flags = 0;
    json_t *b;

    if (json_is_string(v)) {
        text = json_string_value(v);
    } else if (json_is_object(v)) {
        ld_check_fields(c, v, path, fields);
        text = ld_string(c, v, path, "form", 1);
        if ((b = json_object_get(v, "guarded")) != NULL) {
            if (!json_is_boolean(b)) {
                ld_report(c, path, "\"guarded\" must be true or false");
            } else if (json_is_true(b)) {
                flags |= RG_FORM_GUARDED;
            }
        }
        if ((b = json_object_get(v, "exact_case")) != NULL) {
            if (!json_is_boolean(b)) {
                ld_report(c, path, "\"exact_case\" must be true or false");
            } else if (json_is_true(b)) {
                flags |= RG_FORM_EXACT_CASE;
            }
        }
        if (!text) {
            return RG_OK;
        }
    } else {
        ld_report(c, path, "an alias must be a string or an object");
        return RG_OK;
    }
    if (strstr(text, ADJ)) {
        ld_report(c, path, "\"%s\": " ADJ " is only allowed in role forms", text);
        return RG_OK;
    }
    return ld_add_form(c, path, text, NULL, ld_form(RG_FORM_NAME, actor, -1, -1, flags));
}

/* Names an actor in messages: its id, or its JSON path when the id was bad. */
static const char *ld_actor_name(const rg_actors *a, int i, char *buf, size_t size)
{
    if (a->actors.v[i].id) {
        return a->actors.v[i].id;
    }
    snprintf(buf, size, "actors[%d]", i);
    return buf;
}

/* An adjective shared by two states would make role forms ambiguous. */
static int ld_adjective_taken(ld_ctx *c, const adj_entry *e)
{
    size_t j;
    char buf[32];

    for (j = 0; j < c->adjs.n; j++) {
        if (strcmp(c->adjs.v[j].text, e->text) == 0) {
            ld_report(c, e->path, "adjective \"%s\" already belongs to %s", e->text,
                      ld_actor_name(c->a, c->adjs.v[j].state, buf, sizeof buf));
            return 1;
        }
    }
    return 0;
}

/* The aliases, metonyms and adjectives of actor `i`. */
static int ld_actor_forms(ld_ctx *c, json_t *obj, int i)
{
    char path[PATH_MAX_LEN];
    char sub[PATH_MAX_LEN];
    json_t *arr, *v;
    size_t j;
    int error;

    snprintf(path, sizeof path, "actors[%d]", i);
    if ((arr = ld_array(c, obj, path, "aliases", 1)) != NULL) {
        json_array_foreach(arr, j, v) {
            snprintf(sub, sizeof sub, "actors[%d].aliases[%zu]", i, j);
            if ((error = ld_alias(c, v, sub, i)) < 0) {
                return error;
            }
        }
    }
    if ((arr = ld_array(c, obj, path, "metonyms", 0)) != NULL) {
        json_array_foreach(arr, j, v) {
            snprintf(sub, sizeof sub, "actors[%d].metonyms[%zu]", i, j);
            if (!json_is_string(v) || json_string_length(v) == 0) {
                ld_report(c, sub, "a metonym must be a non-empty string");
            } else if ((error = ld_add_form(c, sub, json_string_value(v), NULL,
                                            ld_form(RG_FORM_METONYM, i, -1, -1, 0))) < 0) {
                return error;
            }
        }
    }
    if ((arr = ld_array(c, obj, path, "adjectives", 0)) != NULL) {
        json_array_foreach(arr, j, v) {
            adj_entry e;
            snprintf(e.path, sizeof e.path, "actors[%d].adjectives[%zu]", i, j);
            if (!json_is_string(v) || json_string_length(v) == 0) {
                ld_report(c, e.path, "an adjective must be a non-empty string");
                continue;
            }
            e.state = i;
            e.text = json_string_value(v);
            if (ld_adjective_taken(c, &e)) {
                continue;
            }
            if ((error = RG_VEC_PUSH(c->adjs, e)) < 0) {
                return error;
            }
        }
    }
    return RG_OK;
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */
/* ------------------------------------------------------------------ */

static const char *const actor_fields[] = { "id", "label", "type", "state", "aliases",
                                            "metonyms", "adjectives", "leader_role",
                                            "note", NULL };

/* Pass 1: ids, labels, types (references are resolved in pass 2). */
static int ld_actors_pass1(ld_ctx *c, json_t *arr)
{
    json_t *obj;
    size_t i;

    json_array_foreach(arr, i, obj) {
        char path[PATH_MAX_LEN];
        rg_actors__actor act = { NULL, NULL, RG_ACTOR_PERSON, -1, -1 };
        const char *id = NULL, *label = NULL, *type = NULL;

        snprintf(path, sizeof path, "actors[%zu]", i);
        if (!json_is_object(obj)) {
            ld_report(c, path, "an actor must be an object");
        } else {
            ld_check_fields(c, obj, path, actor_fields);
            id = ld_string(c, obj, path, "id", 1);
            label = ld_string(c, obj, path, "label", 1);
            type = ld_string(c, obj, path, "type", 1);
        }
        if (id && !ld_valid_id(id)) {
            ld_report(c, path, "bad id \"%s\" (letters, digits, '_' and '-' only)", id);
            id = NULL;
        } else if (id && ld_find_actor(c->a, id) >= 0) {
            ld_report(c, path, "duplicate id \"%s\"", id);
            id = NULL;
        }
        if (type) {
            if (strcmp(type, "person") == 0) {
                act.type = RG_ACTOR_PERSON;
            } else if (strcmp(type, "state") == 0) {
                act.type = RG_ACTOR_STATE;
            } else if (strcmp(type, "organisation") == 0) {
                act.type = RG_ACTOR_ORG;
            } else {
                ld_report(c, path, "unknown type \"%s\" (person, state or organisation)",
                          type);
            }
        }
        act.id = id ? rg__strdup(id) : NULL;
        act.label = label ? rg__strdup(label) : NULL;
        if ((id && !act.id) || (label && !act.label) || RG_VEC_PUSH(c->a->actors, act) < 0) {
            rg__free(act.id);
            rg__free(act.label);
            rg__error_set_oom();
            return RG_ERROR;
        }
    }
    return RG_OK;
}

/* Pass 2: state, leader_role, aliases, metonyms, adjectives. */
static int ld_actors_pass2(ld_ctx *c, json_t *arr)
{
    json_t *obj;
    size_t i;
    int error;

    json_array_foreach(arr, i, obj) {
        char path[PATH_MAX_LEN];
        rg_actors__actor *act = &c->a->actors.v[i];
        const char *ref;

        if (!json_is_object(obj)) {
            continue;
        }
        snprintf(path, sizeof path, "actors[%zu]", i);
        if ((ref = ld_string(c, obj, path, "state", 0)) != NULL) {
            if (act->type != RG_ACTOR_PERSON) {
                ld_report(c, path, "\"state\" is only for persons");
            } else {
                act->state = ld_state_ref(c, path, ref);
            }
        }
        if ((ref = ld_string(c, obj, path, "leader_role", 0)) != NULL) {
            int r = ld_find_role(c->a, ref);
            if (act->type == RG_ACTOR_PERSON) {
                ld_report(c, path, "\"leader_role\" is only for states");
            } else if (r < 0) {
                ld_report(c, path, "unknown role \"%s\"", ref);
            } else if (c->a->roles.v[r].leader) {
                ld_report(c, path, "leader_role \"%s\" is itself a leader role", ref);
            } else {
                act->leader_role = r;
            }
        }
        if (act->type == RG_ACTOR_PERSON &&
            (json_object_get(obj, "metonyms") || json_object_get(obj, "adjectives"))) {
            ld_report(c, path, "metonyms and adjectives are only for states");
            continue;
        }
        if ((error = ld_actor_forms(c, obj, (int)i)) < 0) {
            return error;
        }
    }
    return RG_OK;
}

static int ld_roles(ld_ctx *c, json_t *arr)
{
    static const char *const fields[] = { "id", "forms", "leader", "note", NULL };
    json_t *obj;
    size_t i;

    json_array_foreach(arr, i, obj) {
        char path[PATH_MAX_LEN];
        rg_actors__role r = { NULL, 0 };
        const char *id = NULL;
        json_t *b;

        snprintf(path, sizeof path, "roles[%zu]", i);
        if (!json_is_object(obj)) {
            ld_report(c, path, "a role must be an object");
        } else {
            ld_check_fields(c, obj, path, fields);
            id = ld_string(c, obj, path, "id", 1);
            ld_array(c, obj, path, "forms", 1);
            if ((b = json_object_get(obj, "leader")) != NULL) {
                if (!json_is_boolean(b)) {
                    ld_report(c, path, "\"leader\" must be true or false");
                } else {
                    r.leader = json_is_true(b);
                }
            }
        }
        if (id && ld_find_role(c->a, id) >= 0) {
            ld_report(c, path, "duplicate role id \"%s\"", id);
            id = NULL;
        }
        r.id = id ? rg__strdup(id) : NULL;
        if ((id && !r.id) || RG_VEC_PUSH(c->a->roles, r) < 0) {
            rg__free(r.id);
            rg__error_set_oom();
            return RG_ERROR;
        }
    }
    return RG_OK;
}

/* Expands every role form over every adjective (needs roles and adjectives). */
static int ld_role_forms(ld_ctx *c, json_t *arr)
{
    json_t *obj, *forms, *v;
    size_t i, j, k;
    int error;

    json_array_foreach(arr, i, obj) {
        forms = json_is_object(obj) ? json_object_get(obj, "forms") : NULL;
        if (!json_is_array(forms)) {
            continue;
        }
        json_array_foreach(forms, j, v) {
            char path[PATH_MAX_LEN];
            const char *t;

            snprintf(path, sizeof path, "roles[%zu].forms[%zu]", i, j);
            if (!json_is_string(v)) {
                ld_report(c, path, "a role form must be a string");
                continue;
            }
            t = json_string_value(v);
            if (ld_count_adj(t) != 1) {
                ld_report(c, path, "role form \"%s\" must contain " ADJ " once", t);
                continue;
            }
            for (k = 0; k < c->adjs.n; k++) {
                const adj_entry *e = &c->adjs.v[k];
                error = ld_add_form(c, path, t, e->text,
                                    ld_form(RG_FORM_ROLE, -1, (int)i, e->state, 0));
                if (error < 0) {
                    return error;
                }
            }
        }
    }
    return RG_OK;
}

static int ld_fixed_roles(ld_ctx *c, json_t *arr)
{
    static const char *const fields[] = { "form", "role", "state", "note", NULL };
    json_t *obj;
    size_t i;
    int error;

    json_array_foreach(arr, i, obj) {
        char path[PATH_MAX_LEN];
        const char *form, *role, *state;
        int r = -1, s = -1, ok = 1;

        snprintf(path, sizeof path, "fixed_roles[%zu]", i);
        if (!json_is_object(obj)) {
            ld_report(c, path, "a fixed role must be an object");
            continue;
        }
        ld_check_fields(c, obj, path, fields);
        form = ld_string(c, obj, path, "form", 1);
        role = ld_string(c, obj, path, "role", 1);
        state = ld_string(c, obj, path, "state", 0);
        if (role && (r = ld_find_role(c->a, role)) < 0) {
            ld_report(c, path, "unknown role \"%s\"", role);
            ok = 0;
        }
        if (state && (s = ld_state_ref(c, path, state)) < 0) {
            ok = 0;
        }
        if (form && strstr(form, ADJ)) {
            ld_report(c, path, "a fixed role form cannot contain " ADJ);
            ok = 0;
        }
        if (!form || !role || !ok) {
            continue;
        }
        if ((error = ld_add_form(c, path, form, NULL,
                                 ld_form(RG_FORM_ROLE, -1, r, s, 0))) < 0) {
            return error;
        }
    }
    return RG_OK;
}

static int ld_blocked(ld_ctx *c, json_t *arr)
{
    json_t *v;
    size_t i, k;
    int error;

    json_array_foreach(arr, i, v) {
        char path[PATH_MAX_LEN];
        const char *t;

        snprintf(path, sizeof path, "blocked[%zu]", i);
        if (!json_is_string(v) || json_string_length(v) == 0) {
            ld_report(c, path, "a blocked form must be a non-empty string");
            continue;
        }
        t = json_string_value(v);
        if (ld_count_adj(t) > 1) {
            ld_report(c, path, "blocked form \"%s\" has more than one " ADJ, t);
            continue;
        }
        if (ld_count_adj(t) == 0) {
            error = ld_add_form(c, path, t, NULL, ld_form(RG_FORM_BLOCKED, -1, -1, -1, 0));
            if (error < 0) {
                return error;
            }
            continue;
        }
        for (k = 0; k < c->adjs.n; k++) {
            error = ld_add_form(c, path, t, c->adjs.v[k].text,
                                ld_form(RG_FORM_BLOCKED, -1, -1, -1, 0));
            if (error < 0) {
                return error;
            }
        }
    }
    return RG_OK;
}

/* One term; returns 1 and fills *t when it is valid. */
static int ld_term(ld_ctx *c, json_t *obj, const char *path, rg_actors__term *t)
{
    static const char *const fields[] = { "actor", "role", "state", "from", "to",
                                          "note", NULL };
    const char *actor, *role, *state, *from, *to;
    int ok = 1;

    if (!json_is_object(obj)) {
        ld_report(c, path, "a term must be an object");
        return 0;
    }
    ld_check_fields(c, obj, path, fields);
    actor = ld_string(c, obj, path, "actor", 1);
    role = ld_string(c, obj, path, "role", 1);
    state = ld_string(c, obj, path, "state", 1);
    from = ld_string(c, obj, path, "from", 1);
    to = ld_string(c, obj, path, "to", 0);
    ok = actor && role && state && from;
    t->actor = actor ? ld_find_actor(c->a, actor) : -1;
    if (actor && (t->actor < 0 || c->a->actors.v[t->actor].type != RG_ACTOR_PERSON)) {
        ld_report(c, path, "unknown person \"%s\"", actor);
        ok = 0;
    }
    t->role = role ? ld_find_role(c->a, role) : -1;
    if (role && t->role < 0) {
        ld_report(c, path, "unknown role \"%s\"", role);
        ok = 0;
    } else if (role && c->a->roles.v[t->role].leader) {
        ld_report(c, path, "role \"%s\" is resolved through leader_role and has no terms",
                  role);
        ok = 0;
    }
    t->state = state ? ld_state_ref(c, path, state) : -1;
    ok = ok && t->state >= 0;
    t->from = from ? ld_parse_date(from) : -1;
    if (from && t->from < 0) {
        ld_report(c, path, "bad date \"%s\" in \"from\" (expected YYYY-MM-DD)", from);
        ok = 0;
    }
    t->to = to ? ld_parse_date(to) : INT32_MAX;
    if (to && t->to < 0) {
        ld_report(c, path, "bad date \"%s\" in \"to\" (expected YYYY-MM-DD)", to);
        ok = 0;
    } else if (to && from && t->from >= 0 && t->to <= t->from) {
        ld_report(c, path, "\"to\" %s is not after \"from\" %s", to, from);
        ok = 0;
    }
    return ok;
}

static void ld_format_term(char *buf, size_t size, const rg_actors *a,
                           const rg_actors__term *t)
{
    if (t->to == INT32_MAX) {
        snprintf(buf, size, "%s from %d-%02d-%02d", a->actors.v[t->actor].id,
                 (int)(t->from / 10000), (int)(t->from / 100 % 100), (int)(t->from % 100));
    } else {
        snprintf(buf, size, "%s %d-%02d-%02d..%d-%02d-%02d", a->actors.v[t->actor].id,
                 (int)(t->from / 10000), (int)(t->from / 100 % 100), (int)(t->from % 100),
                 (int)(t->to / 10000), (int)(t->to / 100 % 100), (int)(t->to % 100));
    }
}

static int ld_terms(ld_ctx *c, json_t *arr)
{
    json_t *obj;
    size_t i, j, first = c->a->terms.n;
    RG_VEC(size_t) src = { NULL, 0, 0 }; /* JSON index of each kept term */
    int error = RG_OK;

    json_array_foreach(arr, i, obj) {
        char path[PATH_MAX_LEN];
        rg_actors__term t;

        snprintf(path, sizeof path, "terms[%zu]", i);
        if (!ld_term(c, obj, path, &t)) {
            continue;
        }
        for (j = first; j < c->a->terms.n; j++) {
            const rg_actors__term *o = &c->a->terms.v[j];
            if (o->role == t.role && o->state == t.state && t.from < o->to &&
                o->from < t.to) {
                char desc[80];
                ld_format_term(desc, sizeof desc, c->a, o);
                ld_report(c, path, "term overlaps terms[%zu] (%s) for role %s of %s",
                          src.v[j - first], desc, c->a->roles.v[t.role].id,
                          c->a->actors.v[t.state].id);
                break;
            }
        }
        if (j < c->a->terms.n) {
            continue;
        }
        if ((error = RG_VEC_PUSH(src, i)) < 0 || (error = RG_VEC_PUSH(c->a->terms, t)) < 0) {
            goto cleanup;
        }
    }
cleanup:
    RG_VEC_FREE(src);
    return error;
}

/* ------------------------------------------------------------------ */
/* Key clashes                                                         */
/* ------------------------------------------------------------------ */

/* A form's key and index, sorted to find clashes (no global qsort payload). */
typedef struct {
    const char *key;
    size_t len;
    size_t i;
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
static void ld_clash(ld_ctx *c, const char *path, const rg_actors__form *f,
                     const rg_actors__form *o)
{
    const rg_actors *a = c->a;

    if (o->kind == RG_FORM_NAME || o->kind == RG_FORM_METONYM) {
        if (f->actor == o->actor && f->kind == o->kind) {
            ld_report(c, path, "%s \"%s\" repeats \"%s\" with other flags",
                      form_kind_word(f->kind), f->text, o->text);
        } else {
            char buf[32];
            ld_report(c, path, "%s \"%s\" already belongs to %s", form_kind_word(f->kind),
                      f->text, ld_actor_name(a, o->actor, buf, sizeof buf));
        }
    } else if (o->kind == RG_FORM_ROLE) {
        ld_report(c, path, "%s \"%s\" is already a form of role %s%s%s%s",
                  form_kind_word(f->kind), f->text, a->roles.v[o->role].id,
                  o->state >= 0 ? " (" : "", o->state >= 0 ? a->actors.v[o->state].id : "",
                  o->state >= 0 ? ")" : "");
    } else {
        ld_report(c, path, "%s \"%s\" is already blocked", form_kind_word(f->kind), f->text);
    }
}

/*
 * A folded key belongs to one thing. Forms of the same actor and kind with
 * the same flags (Erdoğan / Erdogan) and repeated blocked forms are merged;
 * anything else is a clash. Sorting by key makes this O(n log n).
 */
static int ld_keys(ld_ctx *c)
{
    rg_actors__form *forms = c->a->forms.v;
    size_t n = c->a->forms.n, i, head;
    key_ref *idx = NULL;

    if (n == 0) {
        return RG_OK;
    }
    idx = rg__reallocarray(NULL, n, sizeof *idx);
    if (!idx) {
        rg__error_set_oom();
        return RG_ERROR;
    }
    for (i = 0; i < n; i++) {
        idx[i].key = forms[i].key;
        idx[i].len = forms[i].key_len;
        idx[i].i = i;
    }
    qsort(idx, n, sizeof *idx, ld_key_cmp);
    for (i = 1, head = 0; i < n; i++) {
        rg_actors__form *f = &forms[idx[i].i];
        const rg_actors__form *o = &forms[idx[head].i]; /* first of the run */

        if (idx[i].len != idx[head].len ||
            memcmp(idx[i].key, idx[head].key, idx[i].len) != 0) {
            head = i;
            continue;
        }
        f->skip = 1;
        if (f->kind == o->kind && f->actor == o->actor && f->role == o->role &&
            f->state == o->state && f->flags == o->flags &&
            (!(f->flags & RG_FORM_EXACT_CASE) || strcmp(f->text, o->text) == 0)) {
            continue; /* the same thing written twice */
        }
        ld_clash(c, c->paths.v[idx[i].i].p, f, o);
    }
    rg__free(idx);
    return RG_OK;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

static int ld_root(ld_ctx *c, json_t *root)
{
    static const char *const fields[] = { "schema", "actors", "roles", "fixed_roles",
                                          "terms", "blocked", "note", NULL };
    json_t *actors, *roles, *fixed, *terms, *blocked, *schema;
    int error;

    if (!json_is_object(root)) {
        ld_report(c, "$", "the dictionary must be a JSON object");
        return RG_OK;
    }
    ld_check_fields(c, root, "$", fields);
    schema = json_object_get(root, "schema");
    if (!schema) {
        ld_report(c, "$", "missing field \"schema\"");
    } else if (!json_is_integer(schema) || json_integer_value(schema) != 1) {
        ld_report(c, "schema", "unsupported schema (expected 1)");
    }
    actors = ld_array(c, root, "$", "actors", 1);
    roles = ld_array(c, root, "$", "roles", 0);
    fixed = ld_array(c, root, "$", "fixed_roles", 0);
    terms = ld_array(c, root, "$", "terms", 0);
    blocked = ld_array(c, root, "$", "blocked", 0);

    if ((actors && (error = ld_actors_pass1(c, actors)) < 0) ||
        (roles && (error = ld_roles(c, roles)) < 0) ||
        (actors && (error = ld_actors_pass2(c, actors)) < 0)) {
        return error;
    }
    if ((roles && (error = ld_role_forms(c, roles)) < 0) ||
        (fixed && (error = ld_fixed_roles(c, fixed)) < 0) ||
        (blocked && (error = ld_blocked(c, blocked)) < 0) ||
        (terms && (error = ld_terms(c, terms)) < 0)) {
        return error;
    }
    return ld_keys(c);
}

/*
 * Parses and validates `buf`. Returns RG_OK with *out set (check mode: set
 * even when problems were reported), RG_EPARSE (load mode) or RG_ERROR.
 */
static int ld_run(rg_actors **out, ld_ctx *c, const char *buf, size_t len)
{
    json_error_t jerr;
    json_t *root = NULL;
    rg_actors *a = NULL;
    int error = RG_OK;

    *out = NULL;
    root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
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
        error = c->cb ? RG_OK : RG_EPARSE;
        goto cleanup;
    }
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
    json_decref(root);
    return error;
}

int rg_actors_from_buffer(rg_actors **out, const char *buf, size_t len, const char *name)
{
    ld_ctx c;

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
    if ((error = rg_read_file(&buf, &len, path, 64u << 20)) < 0) {
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
    ld_ctx c;
    int error;

    RG_ASSERT_ARG(path);
    RG_ASSERT_ARG(cb);
    if (n_errors) {
        *n_errors = 0;
    }
    if ((error = rg_read_file(&buf, &len, path, 64u << 20)) < 0) {
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

void rg_actors_free(rg_actors *a)
{
    size_t i;

    if (!a) {
        return;
    }
    for (i = 0; i < a->actors.n; i++) {
        rg__free(a->actors.v[i].id);
        rg__free(a->actors.v[i].label);
    }
    for (i = 0; i < a->roles.n; i++) {
        rg__free(a->roles.v[i].id);
    }
    for (i = 0; i < a->forms.n; i++) {
        rg__free(a->forms.v[i].text);
        rg__free(a->forms.v[i].key);
    }
    RG_VEC_FREE(a->actors);
    RG_VEC_FREE(a->roles);
    RG_VEC_FREE(a->forms);
    RG_VEC_FREE(a->terms);
    rg__free(a);
}

/* ------------------------------------------------------------------ */
/* Getters and role resolution                                         */
/* ------------------------------------------------------------------ */

const char *rg_actor_type_name(rg_actor_type t)
{
    switch (t) {
    case RG_ACTOR_PERSON: return "person";
    case RG_ACTOR_STATE: return "state";
    case RG_ACTOR_ORG: return "organisation";
    }
    return "unknown";
}

size_t rg_actors_count(const rg_actors *a)
{
    RG_ASSERT_ARG(a);
    return a->actors.n;
}

int rg_actors_find(const rg_actors *a, const char *id)
{
    RG_ASSERT_ARG(a);
    RG_ASSERT_ARG(id);
    return ld_find_actor(a, id);
}

const char *rg_actors_id(const rg_actors *a, size_t i)
{
    RG_ASSERT_ARG(a && i < a->actors.n);
    return a->actors.v[i].id;
}

const char *rg_actors_label(const rg_actors *a, size_t i)
{
    RG_ASSERT_ARG(a && i < a->actors.n);
    return a->actors.v[i].label;
}

rg_actor_type rg_actors_type(const rg_actors *a, size_t i)
{
    RG_ASSERT_ARG(a && i < a->actors.n);
    return a->actors.v[i].type;
}

int rg_actors_state_of(const rg_actors *a, size_t person)
{
    RG_ASSERT_ARG(a && person < a->actors.n);
    return a->actors.v[person].state;
}

/*
 * The period of a partial date as [first, last] in YYYYMMDD; 0 when
 * undated. A role resolves only when one term covers the whole period, so
 * "2017-01" gives no US president (Obama until the 19th, Trump from the 20th).
 */
static int date_period(const rg_date *d, int32_t *first, int32_t *last)
{
    int32_t y;

    if (!d || d->year <= 0) {
        return 0;
    }
    y = (int32_t)d->year * 10000;
    if (d->month <= 0) {
        *first = y + 101;
        *last = y + 1231;
    } else if (d->day <= 0) {
        *first = y + d->month * 100 + 1;
        *last = y + d->month * 100 + 31;
    } else {
        *first = *last = y + d->month * 100 + d->day;
    }
    return 1;
}

int rg_actors__resolve(const rg_actors *a, int role, int state, const rg_date *date)
{
    int32_t first, last;
    int found = -1;
    size_t i;

    if (role < 0 || (size_t)role >= a->roles.n || !date_period(date, &first, &last)) {
        return -1;
    }
    if (a->roles.v[role].leader) {
        if (state < 0 || (role = a->actors.v[state].leader_role) < 0) {
            return -1;
        }
    }
    for (i = 0; i < a->terms.n; i++) {
        const rg_actors__term *t = &a->terms.v[i];
        if (t->role != role || (state >= 0 && t->state != state)) {
            continue;
        }
        if (t->from <= first && last < t->to) {
            if (found >= 0 && found != t->actor) {
                return -1; /* a stateless fixed role held in two states */
            }
            found = t->actor;
        }
    }
    return found;
}

int rg_actors_leader_at(const rg_actors *a, size_t state, const rg_date *date)
{
    int role;

    RG_ASSERT_ARG(a && state < a->actors.n);
    role = a->actors.v[state].leader_role;
    return role < 0 ? -1 : rg_actors__resolve(a, role, (int)state, date);
}
