/* SPDX-License-Identifier: MIT */
/*
 * Actor dictionary: the loaded object (free, getters) and dated role
 * resolution. Stored as flat arrays (actors, roles, forms, terms); the
 * dictionary is small, so lookups are linear scans. Loading and validation
 * of the JSON dictionary live in actors_load.c, actors_forms.c and
 * actors_sections.c.
 */
#include <stdint.h> /* int32_t, INT32_MAX */
#include <string.h> /* strcmp */

#include <relgraph/actors.h>
#include "actors_internal.h"
#include "common.h"

int rg_actors__find_actor(const rg_actors *a, const char *id)
{
    size_t i;

    for (i = 0; i < a->actors.n; i++) {
        if (a->actors.v[i].id && strcmp(a->actors.v[i].id, id) == 0) {
            return (int)i;
        }
    }
    return -1;
}

int rg_actors__find_role(const rg_actors *a, const char *id)
{
    size_t i;

    for (i = 0; i < a->roles.n; i++) {
        if (a->roles.v[i].id && strcmp(a->roles.v[i].id, id) == 0) {
            return (int)i;
        }
    }
    return -1;
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
    for (i = 0; i < a->prefixes.n; i++) {
        rg__free(a->prefixes.v[i].key);
    }
    RG_VEC_FREE(a->prefixes);
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
    return rg_actors__find_actor(a, id);
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

int rg_actors__resolve(const rg_actors *a, int role, int state, int gender,
                       const rg_date *date)
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
        int g = a->actors.v[t->actor].gender;
        if (t->role != role || (state >= 0 && t->state != state) ||
            (gender && g && g != gender)) {
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
    return role < 0 ? -1 : rg_actors__resolve(a, role, (int)state, RG_GENDER_NONE, date);
}
