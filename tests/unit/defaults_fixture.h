/* SPDX-License-Identifier: MIT */
/*
 * A cmocka group fixture shared by the tests that extract with the
 * built-in dictionary and lexicon: both loaded once for the group, in
 * g_actors and g_lexicon.
 */
#ifndef RG_TESTS_DEFAULTS_FIXTURE_H
#define RG_TESTS_DEFAULTS_FIXTURE_H

#include <stdio.h> /* fprintf */

#include <relgraph/actors.h>
#include <relgraph/errors.h>
#include <relgraph/stance.h> /* rg_lexicon_default */

static rg_actors *g_actors;
static rg_lexicon *g_lexicon;

static int setup(void **state)
{
    (void)state;
    if (rg_actors_default(&g_actors) < 0 || rg_lexicon_default(&g_lexicon) < 0) {
        fprintf(stderr, "setup: %s\n", rg_error_last()->message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rg_lexicon_free(g_lexicon);
    rg_actors_free(g_actors);
    return 0;
}

#endif
