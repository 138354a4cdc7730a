/* SPDX-License-Identifier: MIT */
/*
 * Extending a dictionary: the base (a file or the built-in one) and each
 * extension file are parsed as JSON, the extension's arrays ("actors",
 * "terms", ...) appended to the base's, and the merged tree validated as one
 * dictionary.
 */
#include <stdio.h>  /* snprintf */
#include <string.h> /* strcmp */

#include <jansson.h> /* json_loadb, json_object_foreach, json_array_extend */
#include <relgraph/actors.h>
#include <relgraph/io.h> /* rg_read_file */
#include "actors_load.h" /* rg_actors__from_json, RG_ACTORS_MAX_FILE */
#include "common.h"
#include "data.h"
#include "json_oom.h"

/* Parse one dictionary file (NULL: the built-in one) into *out. */
static int ext_parse(json_t **out, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    json_error_t jerr;
    const char *name = path ? path : "built-in";
    int error, oom;

    *out = NULL;
    if (!path) {
        *out = rg__json_loadb((const char *)rg__data_actors_json, rg__data_actors_json_len,
                              JSON_REJECT_DUPLICATES, &jerr, &oom);
    } else {
        if ((error = rg_read_file(&buf, &len, path, RG_ACTORS_MAX_FILE)) < 0) {
            return error;
        }
        *out = rg__json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr, &oom);
        rg__free(buf);
    }
    if (*out && !json_is_object(*out)) {
        json_decref(*out);
        *out = NULL;
        rg__error_set(RG_EPARSE, "%s: the top level must be an object", name);
        return RG_EPARSE;
    }
    if (!*out) {
        if (oom) {
            rg__error_set_oom();
            return RG_ERROR;
        }
        rg__error_set(RG_EPARSE, "%s: line %d: column %d: %s", name,
                      jerr.line, jerr.column, jerr.text);
        return RG_EPARSE;
    }
    return RG_OK;
}

/* Append the arrays of `ext` to those of `base`; "schema" must agree. */
static int ext_merge(json_t *base, json_t *ext, const char *ext_path)
{
    const char *key;
    json_t *v, *into;

    json_object_foreach(ext, key, v) {
        into = json_object_get(base, key);
        if (strcmp(key, "schema") == 0) {
            if (!json_equal(into, v)) {
                rg__error_set(RG_EPARSE, "%s: schema: not the schema of the dictionary it "
                              "extends", ext_path);
                return RG_EPARSE;
            }
        } else if (!json_is_array(v)) {
            rg__error_set(RG_EPARSE, "%s: %s: an extension holds arrays only (actors, roles, "
                          "fixed_roles, terms, blocked, ...)", ext_path, key);
            return RG_EPARSE;
        } else if (!into) {
            if (json_object_set(base, key, v) < 0) {
                rg__error_set_oom();
                return RG_ERROR;
            }
        } else if (!json_is_array(into)) {
            rg__error_set(RG_EPARSE, "%s: %s: the base dictionary has no array there",
                          ext_path, key);
            return RG_EPARSE;
        } else if (json_array_extend(into, v) < 0) {
            rg__error_set_oom();
            return RG_ERROR;
        }
    }
    return RG_OK;
}

int rg_actors_load_extended(rg_actors **out, const char *base_path,
                            const char *const *ext_paths, size_t n_ext)
{
    json_t *base = NULL, *ext = NULL;
    char name[1024];
    size_t i, used;
    int error;

    RG_ASSERT_ARG(out);
    RG_ASSERT_ARG(ext_paths || n_ext == 0);
    *out = NULL;
    if ((error = ext_parse(&base, base_path)) < 0) {
        goto cleanup;
    }
    used = (size_t)snprintf(name, sizeof name, "%s",
                            base_path ? base_path : "actors.json (built-in)");
    for (i = 0; i < n_ext; i++) {
        if ((error = ext_parse(&ext, ext_paths[i])) < 0 ||
            (error = ext_merge(base, ext, ext_paths[i])) < 0) {
            goto cleanup;
        }
        json_decref(ext);
        ext = NULL;
        if (used < sizeof name) {
            used += (size_t)snprintf(name + used, sizeof name - used, " + %s", ext_paths[i]);
        }
    }
    error = rg_actors__from_json(out, base, name);
cleanup:
    json_decref(ext);
    json_decref(base);
    return error;
}
