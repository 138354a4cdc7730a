/* SPDX-License-Identifier: MIT */
/*
 * Actor dictionary and matcher. The dictionary (JSON, schema in
 * docs/actors.md) lists persons, states and organisations with their name
 * variants, state metonyms, role templates and dated terms of office. The
 * matcher is one Aho-Corasick automaton over folded aliases (see
 * rg_text_fold), built once, read-only afterwards and safe to share between
 * threads. Ownership: rg_actors and rg_matcher are freed with their _free();
 * strings returned by getters are borrowed from the dictionary.
 */
#ifndef RELGRAPH_ACTORS_H
#define RELGRAPH_ACTORS_H

#include "common.h"
#include "date.h"

typedef struct rg_actors rg_actors;
typedef struct rg_matcher rg_matcher;

typedef enum {
    RG_ACTOR_PERSON = 0,
    RG_ACTOR_STATE = 1,
    RG_ACTOR_ORG = 2
} rg_actor_type;

/** "person", "state" or "organisation". */
RG_EXTERN(const char *) rg_actor_type_name(rg_actor_type t);

/** The dictionary embedded in the library (data/actors.json at build time). */
RG_EXTERN(int) rg_actors_default(rg_actors **out);

/**
 * Load a dictionary from a JSON file. Stops at the first error; the message
 * names the file and the line (syntax) or JSON path (schema), e.g.
 * "actors.json: actors[3].aliases[1]: alias \"Poutine\" already belongs to poutine".
 * @return RG_OK, RG_EIO, RG_EPARSE, RG_ERROR (OOM)
 */
RG_EXTERN(int) rg_actors_load(rg_actors **out, const char *path);

/**
 * Load a dictionary extended by other files: the base (`base_path`, or the
 * built-in dictionary when NULL), then each extension's arrays ("actors",
 * "roles", "fixed_roles", "terms", "blocked", ...) appended to the base's;
 * the merged dictionary is validated as one (an extension may add terms for
 * the base's actors, or actors of its own). Messages name "BASE + EXT" and
 * give JSON paths in the merged dictionary, where an extension's entries
 * follow the base's.
 * @return RG_OK, RG_EIO, RG_EPARSE, RG_ERROR (OOM)
 */
RG_EXTERN(int) rg_actors_load_extended(rg_actors **out, const char *base_path,
                                       const char *const *ext_paths, size_t n_ext);

/** As rg_actors_load, from memory; `name` is used in messages. */
RG_EXTERN(int) rg_actors_from_buffer(rg_actors **out, const char *buf, size_t len,
                                     const char *name);

/**
 * Validate a dictionary and report every problem, not just the first:
 * JSON syntax (line and column), unknown or missing fields, duplicate ids,
 * an alias that belongs to two actors, overlapping terms for one role of one
 * state, terms naming unknown actors/states/roles, bad dates.
 * @param cb       called once per problem with "FILE: PATH: message"
 * @param n_errors receives the number of problems
 * @return RG_OK when the file could be read (even with problems), RG_EIO otherwise
 */
RG_EXTERN(int) rg_actors_check(const char *path,
                               void (*cb)(const char *msg, void *payload),
                               void *payload, size_t *n_errors);

RG_EXTERN(void) rg_actors_free(rg_actors *a);

RG_EXTERN(size_t) rg_actors_count(const rg_actors *a);
/** Index of the actor with this id, or -1. */
RG_EXTERN(int) rg_actors_find(const rg_actors *a, const char *id);
RG_EXTERN(const char *) rg_actors_id(const rg_actors *a, size_t i);
RG_EXTERN(const char *) rg_actors_label(const rg_actors *a, size_t i);
RG_EXTERN(rg_actor_type) rg_actors_type(const rg_actors *a, size_t i);
/** For a person, the index of the state they belong to (their "state" field), or -1. */
RG_EXTERN(int) rg_actors_state_of(const rg_actors *a, size_t person);
/**
 * The person who leads `state` on `date` (the state's leader role: president
 * of the USA, Prime Minister of the UK, ...), or -1 when unknown or undated.
 */
RG_EXTERN(int) rg_actors_leader_at(const rg_actors *a, size_t state, const rg_date *date);

typedef enum {
    RG_MENTION_NAME = 0,    /* a name variant: "Vladimir Poutine", "M. Poutine" */
    RG_MENTION_ROLE = 1,    /* a dated role: "le président russe" */
    RG_MENTION_METONYM = 2  /* a state by its capital or seat: "Moscou", "le Kremlin" */
} rg_mention_kind;

/** "name", "role" or "metonym". */
RG_EXTERN(const char *) rg_mention_kind_name(rg_mention_kind k);

typedef struct {
    int actor;            /* index in the dictionary */
    size_t start, end;    /* byte span in the scanned text */
    rg_mention_kind kind;
} rg_match;

/** Build the automaton over every alias, metonym and role form. */
RG_EXTERN(int) rg_matcher_new(rg_matcher **out, const rg_actors *a);
RG_EXTERN(void) rg_matcher_free(rg_matcher *m);

/**
 * Find actor mentions in NFC text: whole words only (an apostrophe, hyphen or
 * any non-letter is a boundary, so "d'Erdogan" and "al-Assad" match and
 * "Obamacare" does not), case- and accent-insensitive except aliases marked
 * exact-case, leftmost-longest (so a blocked form such as "Ivanka Trump" or
 * "Kim Darroch" hides the shorter alias inside it). Roles are resolved at
 * `date` (NULL or undated: role mentions are dropped). Guarded aliases
 * ("May") count only after the same actor was named by an unguarded alias
 * earlier in the text.
 * @param[out] out    matches in order of start; free with rg_free()
 * @param[out] n_out  their number
 * @return RG_OK or RG_ERROR (OOM)
 * Complexity: O(len + matches).
 */
RG_EXTERN(int) rg_matcher_scan(rg_match **out, size_t *n_out, const rg_matcher *m,
                               const char *text, size_t len, const rg_date *date);

/**
 * rg_matcher_scan over a text already folded: `key`, `klen` and `map` must
 * be exactly what rg_text_fold(text, len) returns (for instance the key of
 * rg_clean_text_key), so the matches are those of rg_matcher_scan.
 * @param[out] out    matches sorted by start, or NULL; free with rg_free()
 * @param[out] n_out  their number
 * @param key         the fold of text[0..len)
 * @param klen        its length
 * @param map         key byte -> text offset, klen + 1 entries (map[klen] == len)
 * @param date        as for rg_matcher_scan
 * @return RG_OK or RG_ERROR (OOM)
 * Complexity: O(klen + matches).
 */
RG_EXTERN(int) rg_matcher_scan_folded(rg_match **out, size_t *n_out, const rg_matcher *m,
                                      const char *text, size_t len, const char *key,
                                      size_t klen, const size_t *map, const rg_date *date);

#endif
