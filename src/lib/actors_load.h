/* SPDX-License-Identifier: MIT */
/*
 * Private view of the actor dictionary loader, shared by actors_load.c
 * (entry points, JSON helpers, key clashes), actors_forms.c (surface forms)
 * and actors_sections.c (one parser per dictionary section). The loader
 * borrows the JSON tree it reads; only rg_actors owns memory.
 */
#ifndef RG_LIB_ACTORS_LOAD_H
#define RG_LIB_ACTORS_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h> /* json_t */

#include "actors_internal.h"
#include "common.h"

#define RG_ACTORS_ADJ "{adj}"
#define RG_ACTORS_PATH_MAX 64
#define RG_ACTORS_MAX_FILE (64u << 20) /* largest dictionary file read */

/* JSON path of a form, kept while loading for messages about key clashes. */
typedef struct {
    char p[RG_ACTORS_PATH_MAX];
} rg_actors__form_path;

/* While loading only: a role form whose gender is its adjective's. */
#define RG_GENDER_ADJ 3

typedef struct {
    int state;
    int gender;       /* RG_GENDER_*: the adjective's own gender */
    const char *text; /* borrowed from the JSON tree */
    char path[RG_ACTORS_PATH_MAX];
} rg_actors__adj_entry;

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
    RG_VEC(rg_actors__form_path) paths; /* parallel to a->forms */
    RG_VEC(rg_actors__adj_entry) adjs;
} rg_actors__ld_ctx;

/* ---- actors_load.c ---- */

/* Reports one problem at JSON path `path` (see rg_actors__ld_ctx). */
void rg_actors__ld_report(rg_actors__ld_ctx *c, const char *path, const char *fmt, ...)
    RG_PRINTFLIKE(3, 4);

/* Reports every member of `obj` whose name is not in the NULL-terminated list. */
void rg_actors__ld_check_fields(rg_actors__ld_ctx *c, json_t *obj, const char *path,
                                const char *const *allowed);

/*
 * The string member `key` of `obj`, or NULL when it is absent (reported if
 * `required`) or not a non-empty string (always reported).
 */
const char *rg_actors__ld_string(rg_actors__ld_ctx *c, json_t *obj, const char *path,
                                 const char *key, int required);

/* The array member `key`, or NULL (absent: reported if required; wrong type: reported). */
json_t *rg_actors__ld_array(rg_actors__ld_ctx *c, json_t *obj, const char *path,
                            const char *key, int required);

/* 1 when `s` holds only ASCII letters, digits, "_" and "-". */
int rg_actors__ld_valid_id(const char *s);

/* Parses "YYYY-MM-DD" (calendar checked) into YYYYMMDD; -1 when malformed. */
int32_t rg_actors__ld_parse_date(const char *s);

/* Index of the state or organisation `id`; reports and returns -1 otherwise. */
int rg_actors__ld_state_ref(rg_actors__ld_ctx *c, const char *path, const char *id);

/* ---- actors_forms.c ---- */

/*
 * The "gender" member of `obj`: RG_GENDER_NONE when absent, M for "m", F
 * for "f", RG_GENDER_ADJ for "adj" when `allow_adj`; anything else is
 * reported (and gives NONE).
 */
int rg_actors__ld_gender(rg_actors__ld_ctx *c, json_t *obj, const char *path, int allow_adj);

/* Number of "{adj}" placeholders in `s`. */
size_t rg_actors__ld_count_adj(const char *s);

/*
 * Adds one form (`text` expanded with `adj`) with its folded key.
 * Returns RG_OK (also when the form was rejected and reported) or RG_ERROR.
 */
int rg_actors__ld_add_form(rg_actors__ld_ctx *c, const char *path, const char *text,
                           const char *adj, rg_actors__form f);

/* A form with the given kind, owners and flags, text and key still NULL. */
rg_actors__form rg_actors__ld_form(int kind, int actor, int role, int state, unsigned flags);

/* Names an actor in messages: its id, or its JSON path when the id was bad. */
const char *rg_actors__ld_actor_name(const rg_actors *a, int i, char *buf, size_t size);

/* The aliases, metonyms and adjectives of actor `i`. */
int rg_actors__ld_actor_forms(rg_actors__ld_ctx *c, json_t *obj, int i);

/* Validates an already parsed dictionary (borrowed); `name` heads messages.
 * As rg_actors_from_buffer otherwise (actors_extend.c). */
int rg_actors__from_json(rg_actors **out, json_t *root, const char *name);

/* ---- actors_sections.c: one parser per top-level array ---- */

/* Pass 1: ids, labels, types (references are resolved in pass 2). */
int rg_actors__ld_actors_pass1(rg_actors__ld_ctx *c, json_t *arr);

/* Pass 2: state, leader_role, aliases, metonyms, adjectives. */
int rg_actors__ld_actors_pass2(rg_actors__ld_ctx *c, json_t *arr);

int rg_actors__ld_roles(rg_actors__ld_ctx *c, json_t *arr);

/* Expands every role form over every adjective (needs roles and adjectives). */
int rg_actors__ld_role_forms(rg_actors__ld_ctx *c, json_t *arr);

int rg_actors__ld_fixed_roles(rg_actors__ld_ctx *c, json_t *arr);

int rg_actors__ld_blocked(rg_actors__ld_ctx *c, json_t *arr);

/* "role_prefixes": words that, just before a role form, block it. */
int rg_actors__ld_prefixes(rg_actors__ld_ctx *c, json_t *arr);

int rg_actors__ld_terms(rg_actors__ld_ctx *c, json_t *arr);

#endif
