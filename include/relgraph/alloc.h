/* SPDX-License-Identifier: MIT */
/*
 * Allocation-failure hook for tests: makes the Nth library allocation fail so
 * that every error path can be exercised. Not for production use.
 */
#ifndef RELGRAPH_ALLOC_H
#define RELGRAPH_ALLOC_H

#include "common.h"

/**
 * Make the n-th library allocation from now fail (n >= 1); 0 turns the hook
 * off. Also resets the allocation counter.
 */
RG_EXTERN(void) rg_alloc_fail_at(long n);

/** Number of library allocations since the last rg_alloc_fail_at() call
 * (0 before the first one: allocations are counted only once it was made). */
RG_EXTERN(long) rg_alloc_count(void);

#endif
