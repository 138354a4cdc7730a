/* SPDX-License-Identifier: MIT */
/*
 * Actor dictionary loader, surface forms: "{adj}" expansion over a state's
 * adjectives, aliases (plain or with flags), metonyms and adjectives of each
 * actor. Every form gets its folded match key (rg_text_fold) and its JSON
 * path for later messages.
 */
#include <stdio.h>  /* snprintf */
#include <string.h> /* memcpy, strcmp, strlen, strstr */

#include <jansson.h> /* json_object_get, json_array_foreach, ... */

#include <relgraph/actors.h>
#include <relgraph/text.h> /* rg_text_fold */
#include "actors_internal.h"
#include "actors_load.h"
#include "common.h"

size_t rg_actors__ld_count_adj(const char *s)
{
    size_t n = 0;
    const char *p = s;

    while ((p = strstr(p, RG_ACTORS_ADJ)) != NULL) {
        n++;
        p += sizeof RG_ACTORS_ADJ - 1;
    }
    return n;
}

/* `tmpl` with its "{adj}" replaced by `adj` (or a copy when adj is NULL). */
static char *ld_expand(const char *tmpl, const char *adj)
{
    const char *at = adj ? strstr(tmpl, RG_ACTORS_ADJ) : NULL;
    size_t n = strlen(tmpl), na, head;
    char *out;

    if (!at) {
        return rg__strdup(tmpl);
    }
    na = strlen(adj);
    head = (size_t)(at - tmpl);
    out = rg__malloc(n - (sizeof RG_ACTORS_ADJ - 1) + na + 1);
    if (out) {
        memcpy(out, tmpl, head);
        memcpy(out + head, adj, na);
        memcpy(out + head + na, at + sizeof RG_ACTORS_ADJ - 1,
               n - head - (sizeof RG_ACTORS_ADJ - 1) + 1);
    }
    return out;
}

/* path into fp, cut to its size as snprintf would cut it: snprintf's "%s"
 * took a thousand instructions a form, 1.4 M of the built-in dictionary's
 * loading. */
static void ld_copy_path(rg_actors__form_path *fp, const char *path)
{
    size_t n = strlen(path);

    if (n >= sizeof fp->p) {
        n = sizeof fp->p - 1;
    }
    memcpy(fp->p, path, n);
    fp->p[n] = '\0';
}

/*
 * Adds one form (`text` expanded with `adj`) with its folded key.
 * Returns RG_OK (also when the form was rejected and reported) or RG_ERROR.
 */
int rg_actors__ld_add_form(rg_actors__ld_ctx *c, /* loader */
                           const char *path,     /* JSON path for messages */
                           const char *text,     /* the form, maybe with {adj} */
                           const char *adj,      /* adjective for {adj}, or NULL */
                           rg_actors__form f)    /* kind, actor, role, state, flags */
{
    rg_actors__form_path fp;
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
        rg_actors__ld_report(c, path, "form \"%s\" is empty after folding", f.text);
        goto cleanup;
    }
    ld_copy_path(&fp, path);
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

int rg_actors__ld_gender(rg_actors__ld_ctx *c, json_t *obj, const char *path, int allow_adj)
{
    json_t *v = json_object_get(obj, "gender");
    const char *g = json_string_value(v);

    if (!v) {
        return RG_GENDER_NONE;
    }
    if (g && strcmp(g, "m") == 0) {
        return RG_GENDER_M;
    }
    if (g && strcmp(g, "f") == 0) {
        return RG_GENDER_F;
    }
    if (g && allow_adj && strcmp(g, "adj") == 0) {
        return RG_GENDER_ADJ;
    }
    rg_actors__ld_report(c, path, "\"gender\" must be \"m\" or \"f\"%s",
                         allow_adj ? " or \"adj\"" : "");
    return RG_GENDER_NONE;
}

rg_actors__form rg_actors__ld_form(int kind, int actor, int role, int state, unsigned flags)
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
static int ld_alias(rg_actors__ld_ctx *c, json_t *v, const char *path, int actor)
{
    static const char *const fields[] = { "form", "guarded", "exact_case", "note", NULL };
    const char *text = NULL;
    unsigned flags = 0;
    json_t *b;

    if (json_is_string(v)) {
        text = json_string_value(v);
    } else if (json_is_object(v)) {
        rg_actors__ld_check_fields(c, v, path, fields);
        text = rg_actors__ld_string(c, v, path, "form", 1);
        if ((b = json_object_get(v, "guarded")) != NULL) {
            if (!json_is_boolean(b)) {
                rg_actors__ld_report(c, path, "\"guarded\" must be true or false");
            } else if (json_is_true(b)) {
                flags |= RG_FORM_GUARDED;
            }
        }
        if ((b = json_object_get(v, "exact_case")) != NULL) {
            if (!json_is_boolean(b)) {
                rg_actors__ld_report(c, path, "\"exact_case\" must be true or false");
            } else if (json_is_true(b)) {
                flags |= RG_FORM_EXACT_CASE;
            }
        }
        if (!text) {
            return RG_OK;
        }
    } else {
        rg_actors__ld_report(c, path, "an alias must be a string or an object");
        return RG_OK;
    }
    if (strstr(text, RG_ACTORS_ADJ)) {
        rg_actors__ld_report(c, path, "\"%s\": " RG_ACTORS_ADJ " is only allowed in role forms",
                             text);
        return RG_OK;
    }
    return rg_actors__ld_add_form(c, path, text, NULL,
                                  rg_actors__ld_form(RG_FORM_NAME, actor, -1, -1, flags));
}

/* Names an actor in messages: its id, or its JSON path when the id was bad. */
const char *rg_actors__ld_actor_name(const rg_actors *a, int i, char *buf, size_t size)
{
    if (a->actors.v[i].id) {
        return a->actors.v[i].id;
    }
    snprintf(buf, size, "actors[%d]", i);
    return buf;
}

/* An adjective shared by two states would make role forms ambiguous. */
static int ld_adjective_taken(rg_actors__ld_ctx *c, const rg_actors__adj_entry *e)
{
    size_t j;
    char buf[32];

    for (j = 0; j < c->adjs.n; j++) {
        if (strcmp(c->adjs.v[j].text, e->text) == 0) {
            rg_actors__ld_report(c, e->path, "adjective \"%s\" already belongs to %s", e->text,
                                 rg_actors__ld_actor_name(c->a, c->adjs.v[j].state, buf,
                                                          sizeof buf));
            return 1;
        }
    }
    return 0;
}

/* An adjective: a string, or {"form": S, "gender": "m"|"f"}; 1 when valid. */
static int ld_adjective(rg_actors__ld_ctx *c, json_t *v, rg_actors__adj_entry *e)
{
    static const char *const fields[] = { "form", "gender", "note", NULL };

    e->gender = RG_GENDER_NONE;
    e->text = NULL;
    if (json_is_object(v)) {
        rg_actors__ld_check_fields(c, v, e->path, fields);
        e->gender = rg_actors__ld_gender(c, v, e->path, 0);
        v = json_object_get(v, "form");
    }
    if (!json_is_string(v) || json_string_length(v) == 0) {
        rg_actors__ld_report(c, e->path, "an adjective must be a non-empty string");
        return 0;
    }
    e->text = json_string_value(v);
    return 1;
}

/* The aliases, metonyms and adjectives of actor `i`. */
int rg_actors__ld_actor_forms(rg_actors__ld_ctx *c, json_t *obj, int i)
{
    char path[RG_ACTORS_PATH_MAX];
    char sub[RG_ACTORS_PATH_MAX];
    json_t *arr, *v;
    size_t j;
    int error;

    snprintf(path, sizeof path, "actors[%d]", i);
    if ((arr = rg_actors__ld_array(c, obj, path, "aliases", 1)) != NULL) {
        json_array_foreach(arr, j, v) {
            snprintf(sub, sizeof sub, "actors[%d].aliases[%zu]", i, j);
            if ((error = ld_alias(c, v, sub, i)) < 0) {
                return error;
            }
        }
    }
    if ((arr = rg_actors__ld_array(c, obj, path, "metonyms", 0)) != NULL) {
        json_array_foreach(arr, j, v) {
            snprintf(sub, sizeof sub, "actors[%d].metonyms[%zu]", i, j);
            if (!json_is_string(v) || json_string_length(v) == 0) {
                rg_actors__ld_report(c, sub, "a metonym must be a non-empty string");
            } else if ((error = rg_actors__ld_add_form(
                            c, sub, json_string_value(v), NULL,
                            rg_actors__ld_form(RG_FORM_METONYM, i, -1, -1, 0))) < 0) {
                return error;
            }
        }
    }
    if ((arr = rg_actors__ld_array(c, obj, path, "adjectives", 0)) != NULL) {
        json_array_foreach(arr, j, v) {
            rg_actors__adj_entry e;
            snprintf(e.path, sizeof e.path, "actors[%d].adjectives[%zu]", i, j);
            if (!ld_adjective(c, v, &e)) {
                continue;
            }
            e.state = i;
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

