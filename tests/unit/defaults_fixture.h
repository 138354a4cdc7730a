/* SPDX-License-Identifier: MIT */
/*
 * A cmocka group fixture shared by the tests that extract with the
 * built-in dictionary and lexicon: both loaded once for the group, in
 * g_actors and g_lexicon. A file that defines DEFAULTS_FIXTURE_CTX before
 * including it also gets g_ctx, a stance context made by setup_ctx (free
 * it with teardown_ctx).
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

#ifdef DEFAULTS_FIXTURE_CTX
static rg_stance_ctx *g_ctx;

static int setup_ctx(void **state)
{
    if (setup(state) < 0) {
        return -1;
    }
    if (rg_stance_ctx_new(&g_ctx, g_actors, NULL, NULL) < 0) {
        fprintf(stderr, "setup: %s\n", rg_error_last()->message);
        return -1;
    }
    return 0;
}

static int teardown_ctx(void **state)
{
    rg_stance_ctx_free(g_ctx);
    return teardown(state);
}
#endif

#endif
