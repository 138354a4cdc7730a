/* SPDX-License-Identifier: MIT */
/*
 * Article cleaning: HTML (tags, script/style contents, entities) and page
 * boilerplate ("Lire aussi :" lines, "Autres actualités" and everything after
 * it, "ADVERTISEMENT"/"Publicité", photo credits "© … / AFP", share widgets
 * "Copié", page scripts). (Sentences repeated word for word are dropped
 * later, by the extractor.)
 * The result is a new text plus a byte map back to the input, so provenance
 * offsets always point into the text as read.
 */
#ifndef RELGRAPH_CLEAN_H
#define RELGRAPH_CLEAN_H

#include "common.h"

/** Boilerplate rules, loaded from data/boilerplate.txt (embedded default). */
typedef struct rg_boilerplate rg_boilerplate;

/**
 * The built-in boilerplate rules (compiled from data/boilerplate.txt).
 * @param[out] out  free with rg_boilerplate_free()
 */
RG_EXTERN(int) rg_boilerplate_default(rg_boilerplate **out);

/**
 * Load boilerplate rules from a file; format in docs/cleaning.md.
 * Errors name the file and line.
 */
RG_EXTERN(int) rg_boilerplate_load(rg_boilerplate **out, const char *path);
RG_EXTERN(void) rg_boilerplate_free(rg_boilerplate *bp);

typedef struct {
    int html;        /* 1: strip tags and decode entities; -1: auto-detect (default) */
    int boilerplate; /* 1 (default): drop boilerplate lines and trailers */
} rg_clean_options;

#define RG_CLEAN_OPTIONS_INIT { -1, 1 }

/**
 * Clean decoded NFC text. The output keeps paragraph breaks as "\n\n" and
 * line breaks as "\n"; removed regions vanish. map[i] is the offset in `text`
 * of output byte i (map[out_len] == len).
 * @param[out] out      cleaned text, NUL-terminated; free with rg_free()
 * @param[out] out_len  its length
 * @param[out] map_out  byte map, out_len + 1 entries; free with rg_free()
 * @param bp            rules (NULL = no boilerplate rules)
 * @return RG_OK or RG_ERROR (OOM)
 * Complexity: O(len * number of rules) in the worst case, O(len) typically.
 */
RG_EXTERN(int) rg_clean_text(char **out, size_t *out_len, size_t **map_out,
                             const char *text, size_t len,
                             const rg_boilerplate *bp, const rg_clean_options *opts);

/**
 * rg_clean_text, plus the match key of the cleaned text when it comes for
 * free: the cleaner folds every line for its rules, and the fold of the
 * cleaned text is those folds joined by one space. When that is not exactly
 * rg_text_fold(out, out_len) (no rules applied, a line cut by a credit rule,
 * a line whose fold is empty or starts or ends with a space, a text of more
 * than 4 GiB: the cleaner's key map takes 4-byte offsets), *key_out is
 * NULL and the caller folds the text itself. Otherwise *key_out, *key_len
 * and *key_map_out are what rg_text_fold(*out, *out_len) returns, the map
 * pointing into the cleaned text (key_map[key_len] == out_len).
 * @param[out] out          cleaned text, NUL-terminated; free with rg_free()
 * @param[out] out_len      its length
 * @param[out] map_out      byte map to `text`, out_len + 1 entries; free with rg_free()
 * @param[out] key_out      folded key, NUL-terminated, or NULL; free with rg_free()
 * @param[out] key_len      its length (0 when *key_out is NULL)
 * @param[out] key_map_out  key byte -> offset in *out, key_len + 1 entries,
 *                          or NULL; free with rg_free()
 * @param bp                rules (NULL = no boilerplate rules, and no key)
 * @return RG_OK or RG_ERROR (OOM); after an error every output is NULL
 * Complexity: as rg_clean_text.
 */
RG_EXTERN(int) rg_clean_text_key(char **out, size_t *out_len, size_t **map_out,
                                 char **key_out, size_t *key_len, size_t **key_map_out,
                                 const char *text, size_t len,
                                 const rg_boilerplate *bp, const rg_clean_options *opts);

#endif
