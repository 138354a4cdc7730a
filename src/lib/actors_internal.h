/* SPDX-License-Identifier: MIT */
/*
 * Private view of the actor dictionary, shared by actors*.c (object,
 * loader) and matcher.c (automaton builder). Every surface form of the
 * dictionary (alias, metonym, expanded role form, blocked form) is one
 * rg_actors__form with its folded match key; forms are unique by key after
 * loading (repeats are marked `skip`).
 */
#ifndef RG_LIB_ACTORS_INTERNAL_H
#define RG_LIB_ACTORS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <relgraph/actors.h>
#include "common.h"

typedef enum {
    RG_FORM_NAME = 0,    /* an alias of an actor */
    RG_FORM_METONYM = 1, /* a metonym of a state or organisation */
    RG_FORM_ROLE = 2,    /* a role form ({adj} expanded) or a fixed role */
    RG_FORM_BLOCKED = 3  /* a form that hides the shorter aliases inside it */
} rg_actors__form_kind;

#define RG_FORM_GUARDED 1u    /* counts only after an unguarded name of the actor */
#define RG_FORM_EXACT_CASE 2u /* the text must hold the form byte for byte */

/* Grammatical gender of a person or of a role form; NONE = either. */
#define RG_GENDER_NONE 0
#define RG_GENDER_M 1
#define RG_GENDER_F 2

typedef struct {
    char *text;     /* as written in the dictionary, {adj} expanded */
    char *key;      /* rg_text_fold(text) */
    size_t key_len;
    int kind;       /* rg_actors__form_kind */
    int actor;      /* NAME, METONYM: the actor; otherwise -1 */
    int role;       /* ROLE: index in roles; otherwise -1 */
    int state;      /* ROLE: the state, or -1 for a fixed role without one */
    unsigned flags; /* RG_FORM_GUARDED | RG_FORM_EXACT_CASE */
    int gender;     /* ROLE: RG_GENDER_* its holder must have (NONE: any) */
    int skip;       /* 1: repeats an earlier form's key; not matched */
} rg_actors__form;

typedef struct {
    char *id;
    int leader; /* 1: resolved through the state's leader_role */
} rg_actors__role;

typedef struct {
    int actor, role, state;
    int32_t from, to; /* YYYYMMDD; `to` is exclusive, INT32_MAX when open */
} rg_actors__term;

typedef struct {
    char *id;
    char *label;
    rg_actor_type type;
    int state;       /* persons: their state, or -1 */
    int leader_role; /* states: index of their leader role, or -1 */
    int gender;      /* persons: RG_GENDER_*, NONE when not given */
} rg_actors__actor;

/* A word that, just before a role form, means "not the current holder". */
typedef struct {
    char *key;     /* folded, without the trailing "-" */
    size_t len;
    int hyphen;    /* 1: joined by a hyphen ("vice-président"), 0: by a space */
} rg_actors__prefix;

struct rg_actors {
    RG_VEC(rg_actors__actor) actors;
    RG_VEC(rg_actors__role) roles;
    RG_VEC(rg_actors__form) forms;
    RG_VEC(rg_actors__term) terms;
    RG_VEC(rg_actors__prefix) prefixes;
};

/* Index of the actor `id` (or of the role `id`), or -1. Linear scans. */
int rg_actors__find_actor(const rg_actors *a, const char *id);
int rg_actors__find_role(const rg_actors *a, const char *id);

/*
 * The person holding `role` (a role index; a leader role is replaced by the
 * state's leader_role) for `state` (-1: the only such term of any state)
 * during the whole period named by `date` (a day, a month or a year), or -1.
 * With `gender` (RG_GENDER_M/F), holders known to be of the other gender
 * do not count.
 */
int rg_actors__resolve(const rg_actors *a, int role, int state, int gender,
                       const rg_date *date);

#endif
