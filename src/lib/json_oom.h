/* SPDX-License-Identifier: MIT */
/*
 * json_loadb that tells an allocation failure from bad input. jansson
 * allocates through rg__malloc (rg_init), so the allocation-failure tests
 * reach its failure paths; but it often reports a failed allocation as a
 * syntax error ("string or '}' expected"), so the allocator's own flag
 * decides.
 */
#ifndef RG_JSON_OOM_H
#define RG_JSON_OOM_H

#include <jansson.h> /* json_loadb, json_error_t */

#include "common.h"

/* As json_loadb; on failure *oom is 1 when memory ran out (then report
 * rg__error_set_oom, not a parse error). */
static inline json_t *rg__json_loadb(const char *buf, size_t len, size_t flags, json_error_t *e,
                                     int *oom)
{
    json_t *j;

    rg__alloc_failed_reset();
    j = json_loadb(buf, len, flags, e);
    *oom = !j && (rg__alloc_failed() || json_error_code(e) == json_error_out_of_memory);
    return j;
}

#endif
