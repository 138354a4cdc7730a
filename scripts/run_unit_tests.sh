#!/bin/sh
# SPDX-License-Identifier: MIT
# Run every cmocka unit-test binary given as arguments; fail if any fails.
# Prints a closing "N passed, N failed" line (binaries, not cases).
set -u
pass=0
fail=0
for t in "$@"; do
    if "$t"; then
        pass=$((pass + 1))
    else
        echo "FAILED: $t" >&2
        fail=$((fail + 1))
    fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
