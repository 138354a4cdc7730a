/* SPDX-License-Identifier: MIT */
/*
 * Actor dictionary loader, sections: one parser per top-level array of the
 * dictionary (actors in two passes, roles, role forms, fixed roles, blocked
 * forms, dated terms). Problems are reported through rg_actors__ld_report
 * and parsing goes on, so check mode lists them all.
 */
#include <stdio.h>  /* snprintf */
#include <string.h> /* strcmp */

#include <jansson.h> /* json_object_get, json_array_foreach, ... */

#include <relgraph/actors.h>
#include <relgraph/text.h> /* rg_text_fold */
#include "actors_internal.h"
#include "actors_load.h"
#include "common.h"

static const char *const actor_fields[] = { "id", "label", "type", "state", "aliases",
                                            "metonyms", "adjectives", "leader_role",
                                            "gender", "note", NULL };

/* Pass 1: ids, labels, types (references are resolved in pass 2). */
int rg_actors__ld_actors_pass1(rg_actors__ld_ctx *c, json_t *arr)
{
    json_t *obj;
    size_t i;

    json_array_foreach(arr, i, obj) {
        char path[RG_ACTORS_PATH_MAX];
        rg_actors__actor act = { NULL, NULL, RG_ACTOR_PERSON, -1, -1, RG_GENDER_NONE };
        const char *id = NULL, *label = NULL, *type = NULL;

        snprintf(path, sizeof path, "actors[%zu]", i);
        if (!json_is_object(obj)) {
            rg_actors__ld_report(c, path, "an actor must be an object");
        } else {
            rg_actors__ld_check_fields(c, obj, path, actor_fields);
            id = rg_actors__ld_string(c, obj, path, "id", 1);
            label = rg_actors__ld_string(c, obj, path, "label", 1);
            type = rg_actors__ld_string(c, obj, path, "type", 1);
        }
        if (id && !rg_actors__ld_valid_id(id)) {
            rg_actors__ld_report(c, path, "bad id \"%s\" (letters, digits, '_' and '-' only)", id);
            id = NULL;
        } else if (id && rg_actors__find_actor(c->a, id) >= 0) {
            rg_actors__ld_report(c, path, "duplicate id \"%s\"", id);
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
                rg_actors__ld_report(c, path, "unknown type \"%s\" (person, state or organisation)",
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
int rg_actors__ld_actors_pass2(rg_actors__ld_ctx *c, json_t *arr)
{
    json_t *obj;
    size_t i;
    int error;

    json_array_foreach(arr, i, obj) {
        char path[RG_ACTORS_PATH_MAX];
        rg_actors__actor *act = &c->a->actors.v[i];
        const char *ref;

        if (!json_is_object(obj)) {
            continue;
        }
        snprintf(path, sizeof path, "actors[%zu]", i);
        if ((ref = rg_actors__ld_string(c, obj, path, "state", 0)) != NULL) {
            if (act->type != RG_ACTOR_PERSON) {
                rg_actors__ld_report(c, path, "\"state\" is only for persons");
            } else {
                act->state = rg_actors__ld_state_ref(c, path, ref);
            }
        }
        if ((ref = rg_actors__ld_string(c, obj, path, "leader_role", 0)) != NULL) {
            int r = rg_actors__find_role(c->a, ref);
            if (act->type == RG_ACTOR_PERSON) {
                rg_actors__ld_report(c, path, "\"leader_role\" is only for states");
            } else if (r < 0) {
                rg_actors__ld_report(c, path, "unknown role \"%s\"", ref);
            } else if (c->a->roles.v[r].leader) {
                rg_actors__ld_report(c, path, "leader_role \"%s\" is itself a leader role", ref);
            } else {
                act->leader_role = r;
            }
        }
        if (json_object_get(obj, "gender") && act->type != RG_ACTOR_PERSON) {
            rg_actors__ld_report(c, path, "\"gender\" is only for persons");
        } else {
            act->gender = rg_actors__ld_gender(c, obj, path, 0);
        }
        if (act->type == RG_ACTOR_PERSON &&
            (json_object_get(obj, "metonyms") || json_object_get(obj, "adjectives"))) {
            rg_actors__ld_report(c, path, "metonyms and adjectives are only for states");
            continue;
        }
        if ((error = rg_actors__ld_actor_forms(c, obj, (int)i)) < 0) {
            return error;
        }
    }
    return RG_OK;
}

int rg_actors__ld_roles(rg_actors__ld_ctx *c, json_t *arr)
{
    static const char *const fields[] = { "id", "forms", "leader", "note", NULL };
    json_t *obj;
    size_t i;

    json_array_foreach(arr, i, obj) {
        char path[RG_ACTORS_PATH_MAX];
        rg_actors__role r = { NULL, 0 };
        const char *id = NULL;
        json_t *b;

        snprintf(path, sizeof path, "roles[%zu]", i);
        if (!json_is_object(obj)) {
            rg_actors__ld_report(c, path, "a role must be an object");
        } else {
            rg_actors__ld_check_fields(c, obj, path, fields);
            id = rg_actors__ld_string(c, obj, path, "id", 1);
            rg_actors__ld_array(c, obj, path, "forms", 1);
            if ((b = json_object_get(obj, "leader")) != NULL) {
                if (!json_is_boolean(b)) {
                    rg_actors__ld_report(c, path, "\"leader\" must be true or false");
                } else {
                    r.leader = json_is_true(b);
                }
            }
        }
        if (id && rg_actors__find_role(c->a, id) >= 0) {
            rg_actors__ld_report(c, path, "duplicate role id \"%s\"", id);
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

/*
 * A role form: a string, or {"form": S, "gender": "m"|"f"|"adj"}. Returns
 * its text (NULL when invalid, reported) and its gender in *gender.
 */
static const char *ld_role_form(rg_actors__ld_ctx *c, json_t *v, const char *path,
                                int *gender)
{
    static const char *const fields[] = { "form", "gender", "note", NULL };
    const char *t;

    *gender = RG_GENDER_NONE;
    if (json_is_object(v)) {
        rg_actors__ld_check_fields(c, v, path, fields);
        *gender = rg_actors__ld_gender(c, v, path, 1);
        v = json_object_get(v, "form");
    }
    if (!json_is_string(v)) {
        rg_actors__ld_report(c, path, "a role form must be a string or an object with \"form\"");
        return NULL;
    }
    t = json_string_value(v);
    if (rg_actors__ld_count_adj(t) != 1) {
        rg_actors__ld_report(c, path, "role form \"%s\" must contain " RG_ACTORS_ADJ " once", t);
        return NULL;
    }
    return t;
}

/* Expands every role form over every adjective (needs roles and adjectives). */
int rg_actors__ld_role_forms(rg_actors__ld_ctx *c, json_t *arr)
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
            char path[RG_ACTORS_PATH_MAX];
            const char *t;
            int gender;

            snprintf(path, sizeof path, "roles[%zu].forms[%zu]", i, j);
            if (!(t = ld_role_form(c, v, path, &gender))) {
                continue;
            }
            for (k = 0; k < c->adjs.n; k++) {
                const rg_actors__adj_entry *e = &c->adjs.v[k];
                rg_actors__form f = rg_actors__ld_form(RG_FORM_ROLE, -1, (int)i, e->state, 0);
                f.gender = gender == RG_GENDER_ADJ ? e->gender : gender;
                if ((error = rg_actors__ld_add_form(c, path, t, e->text, f)) < 0) {
                    return error;
                }
            }
        }
    }
    return RG_OK;
}

int rg_actors__ld_fixed_roles(rg_actors__ld_ctx *c, json_t *arr)
{
    static const char *const fields[] = { "form", "role", "state", "gender", "note", NULL };
    json_t *obj;
    size_t i;
    int error;

    json_array_foreach(arr, i, obj) {
        char path[RG_ACTORS_PATH_MAX];
        const char *form, *role, *state;
        int r = -1, s = -1, ok = 1;
        rg_actors__form f;

        snprintf(path, sizeof path, "fixed_roles[%zu]", i);
        if (!json_is_object(obj)) {
            rg_actors__ld_report(c, path, "a fixed role must be an object");
            continue;
        }
        rg_actors__ld_check_fields(c, obj, path, fields);
        form = rg_actors__ld_string(c, obj, path, "form", 1);
        role = rg_actors__ld_string(c, obj, path, "role", 1);
        state = rg_actors__ld_string(c, obj, path, "state", 0);
        if (role && (r = rg_actors__find_role(c->a, role)) < 0) {
            rg_actors__ld_report(c, path, "unknown role \"%s\"", role);
            ok = 0;
        }
        if (state && (s = rg_actors__ld_state_ref(c, path, state)) < 0) {
            ok = 0;
        }
        if (form && strstr(form, RG_ACTORS_ADJ)) {
            rg_actors__ld_report(c, path, "a fixed role form cannot contain " RG_ACTORS_ADJ);
            ok = 0;
        }
        if (!form || !role || !ok) {
            continue;
        }
        f = rg_actors__ld_form(RG_FORM_ROLE, -1, r, s, 0);
        f.gender = rg_actors__ld_gender(c, obj, path, 0);
        if ((error = rg_actors__ld_add_form(c, path, form, NULL, f)) < 0) {
            return error;
        }
    }
    return RG_OK;
}

int rg_actors__ld_blocked(rg_actors__ld_ctx *c, json_t *arr)
{
    json_t *v;
    size_t i, k;
    int error;

    json_array_foreach(arr, i, v) {
        char path[RG_ACTORS_PATH_MAX];
        const char *t;

        snprintf(path, sizeof path, "blocked[%zu]", i);
        if (!json_is_string(v) || json_string_length(v) == 0) {
            rg_actors__ld_report(c, path, "a blocked form must be a non-empty string");
            continue;
        }
        t = json_string_value(v);
        if (rg_actors__ld_count_adj(t) > 1) {
            rg_actors__ld_report(c, path, "blocked form \"%s\" has more than one " RG_ACTORS_ADJ,
                                 t);
            continue;
        }
        if (rg_actors__ld_count_adj(t) == 0) {
            error = rg_actors__ld_add_form(c, path, t, NULL,
                                           rg_actors__ld_form(RG_FORM_BLOCKED, -1, -1, -1, 0));
            if (error < 0) {
                return error;
            }
            continue;
        }
        for (k = 0; k < c->adjs.n; k++) {
            error = rg_actors__ld_add_form(c, path, t, c->adjs.v[k].text,
                                           rg_actors__ld_form(RG_FORM_BLOCKED, -1, -1, -1, 0));
            if (error < 0) {
                return error;
            }
        }
    }
    return RG_OK;
}

/* One role prefix: a word, or a word and "-" ("vice-"); folded. */
static int ld_prefix(rg_actors__ld_ctx *c, json_t *v, const char *path)
{
    rg_actors__prefix p = { NULL, 0, 0 };
    const char *t = json_string_value(v);
    size_t n = t ? strlen(t) : 0, i;
    int error;

    if (n > 0 && t[n - 1] == '-') {
        p.hyphen = 1;
        n--;
    }
    if ((error = rg_text_fold(&p.key, &p.len, NULL, t ? t : "", n)) < 0) {
        return error;
    }
    for (i = 0; i < p.len && ((unsigned char)p.key[i] >= 0x80 ||
                              (p.key[i] >= 'a' && p.key[i] <= 'z')); i++) {
    }
    if (p.len == 0 || i < p.len) {
        rg_actors__ld_report(c, path, "a role prefix must be one word, maybe followed by \"-\"");
        rg__free(p.key);
        return RG_OK;
    }
    if ((error = RG_VEC_PUSH(c->a->prefixes, p)) < 0) {
        rg__free(p.key);
    }
    return error;
}

int rg_actors__ld_prefixes(rg_actors__ld_ctx *c, json_t *arr)
{
    json_t *v;
    size_t i;
    int error;

    json_array_foreach(arr, i, v) {
        char path[RG_ACTORS_PATH_MAX];

        snprintf(path, sizeof path, "role_prefixes[%zu]", i);
        if (!json_is_string(v)) {
            rg_actors__ld_report(c, path, "a role prefix must be a string");
        } else if ((error = ld_prefix(c, v, path)) < 0) {
            return error;
        }
    }
    return RG_OK;
}

/* One term; returns 1 and fills *t when it is valid. */
static int ld_term(rg_actors__ld_ctx *c, json_t *obj, const char *path, rg_actors__term *t)
{
    static const char *const fields[] = { "actor", "role", "state", "from", "to",
                                          "note", NULL };
    const char *actor, *role, *state, *from, *to;
    int ok = 1;

    if (!json_is_object(obj)) {
        rg_actors__ld_report(c, path, "a term must be an object");
        return 0;
    }
    rg_actors__ld_check_fields(c, obj, path, fields);
    actor = rg_actors__ld_string(c, obj, path, "actor", 1);
    role = rg_actors__ld_string(c, obj, path, "role", 1);
    state = rg_actors__ld_string(c, obj, path, "state", 1);
    from = rg_actors__ld_string(c, obj, path, "from", 1);
    to = rg_actors__ld_string(c, obj, path, "to", 0);
    ok = actor && role && state && from;
    t->actor = actor ? rg_actors__find_actor(c->a, actor) : -1;
    if (actor && (t->actor < 0 || c->a->actors.v[t->actor].type != RG_ACTOR_PERSON)) {
        rg_actors__ld_report(c, path, "unknown person \"%s\"", actor);
        ok = 0;
    }
    t->role = role ? rg_actors__find_role(c->a, role) : -1;
    if (role && t->role < 0) {
        rg_actors__ld_report(c, path, "unknown role \"%s\"", role);
        ok = 0;
    } else if (role && c->a->roles.v[t->role].leader) {
        rg_actors__ld_report(c, path,
                             "role \"%s\" is resolved through leader_role and has no terms", role);
        ok = 0;
    }
    t->state = state ? rg_actors__ld_state_ref(c, path, state) : -1;
    ok = ok && t->state >= 0;
    t->from = from ? rg_actors__ld_parse_date(from) : -1;
    if (from && t->from < 0) {
        rg_actors__ld_report(c, path, "bad date \"%s\" in \"from\" (expected YYYY-MM-DD)", from);
        ok = 0;
    }
    t->to = to ? rg_actors__ld_parse_date(to) : INT32_MAX;
    if (to && t->to < 0) {
        rg_actors__ld_report(c, path, "bad date \"%s\" in \"to\" (expected YYYY-MM-DD)", to);
        ok = 0;
    } else if (to && from && t->from >= 0 && t->to <= t->from) {
        rg_actors__ld_report(c, path, "\"to\" %s is not after \"from\" %s", to, from);
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

int rg_actors__ld_terms(rg_actors__ld_ctx *c, json_t *arr)
{
    json_t *obj;
    size_t i, j, first = c->a->terms.n;
    RG_VEC(size_t) src = { NULL, 0, 0 }; /* JSON index of each kept term */
    int error = RG_OK;

    json_array_foreach(arr, i, obj) {
        char path[RG_ACTORS_PATH_MAX];
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
                rg_actors__ld_report(c, path, "term overlaps terms[%zu] (%s) for role %s of %s",
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

