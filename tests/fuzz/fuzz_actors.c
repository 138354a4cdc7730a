/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the actor dictionary loader (rg_actors_from_buffer) over
 * arbitrary bytes. On success the dictionary must also build a matcher and
 * answer every getter; on failure *out is NULL and a message is set.
 */
#include <stdint.h> /* uint8_t */

#include <relgraph/actors.h>
#include <relgraph/errors.h>
#include <relgraph/text.h>
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    rg_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char probe[] = "M. Poutine et le président américain à Moscou.";
    rg_actors *a = NULL;
    rg_matcher *m = NULL;
    rg_match *mt = NULL;
    rg_date d = { 2018, 6, 1 };
    size_t i, n = 0;
    int rc;

    rc = rg_actors_from_buffer(&a, (const char *)data, size, "fuzz.json");
    if (rc < 0) {
        FUZZ_ASSERT(a == NULL);
        FUZZ_ASSERT(rg_error_last() && rg_error_last()->message);
        return 0;
    }
    for (i = 0; i < rg_actors_count(a); i++) {
        FUZZ_ASSERT(rg_actors_id(a, i) && rg_actors_label(a, i));
        FUZZ_ASSERT(rg_actors_find(a, rg_actors_id(a, i)) == (int)i);
        (void)rg_actors_state_of(a, i);
        (void)rg_actors_leader_at(a, i, &d);
    }
    if (rg_matcher_new(&m, a) == RG_OK) {
        if (rg_matcher_scan(&mt, &n, m, probe, sizeof probe - 1, &d) == RG_OK) {
            for (i = 0; i < n; i++) {
                FUZZ_ASSERT(mt[i].start < mt[i].end && mt[i].end <= sizeof probe - 1);
                FUZZ_ASSERT(mt[i].actor >= 0 && (size_t)mt[i].actor < rg_actors_count(a));
            }
            rg_free(mt);
        }
        rg_matcher_free(m);
    }
    rg_actors_free(a);
    return 0;
}
