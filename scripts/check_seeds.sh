#!/bin/sh
# SPDX-License-Identifier: MIT
# Metric regression on the sample corpus: rebuild graphs/seeds/ into a
# temporary folder and compare. DOT, GEXF, JSON, JSONL and CSV byte for byte;
# metrics through `relgraph check` (the same command a CI job would run).
# UPDATE=1 rewrites graphs/seeds/ instead (make update-golden).
set -u
: "${RELGRAPH:=build/relgraph}"
: "${RELGRAPH_RENDER:=build/relgraph-render}"
export RELGRAPH_RENDER LC_ALL=C TZ=UTC
golden=graphs/seeds
args="--manifest corpus/seeds/manifest.tsv --evidence --format dot"

if [ "${UPDATE:-0}" = 1 ]; then
    rm -rf "$golden"
    # shellcheck disable=SC2086
    "$RELGRAPH" -q build $args -o "$golden" corpus/seeds || exit 1
    echo "updated $golden"
    exit 0
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# shellcheck disable=SC2086
if ! "$RELGRAPH" -q build $args -o "$out" corpus/seeds; then
    echo "FAILED: relgraph build on corpus/seeds"
    echo "seeds: 0 passed, 1 failed"
    exit 1
fi
pass=0
fail=0
# every committed file must be rebuilt identically, and nothing new may appear
for f in $( (cd "$golden" && find . -type f ! -name '*.png' | sort) ); do
    if cmp -s "$golden/$f" "$out/$f"; then
        pass=$((pass + 1))
    else
        echo "FAILED: $golden/$f differs from a fresh build:"
        diff -u "$golden/$f" "$out/$f" | head -20
        fail=$((fail + 1))
    fi
done
for f in $( (cd "$out" && find . -type f ! -name '*.png' | sort) ); do
    if [ ! -f "$golden/$f" ]; then
        echo "FAILED: a fresh build writes $f, missing from $golden (make update-golden)"
        fail=$((fail + 1))
    fi
done
if "$RELGRAPH" check --baseline "$golden/metrics.json" "$out/metrics.json" > "$out/check.txt" 2>&1; then
    pass=$((pass + 1))
else
    echo "FAILED: relgraph check against $golden/metrics.json"; cat "$out/check.txt"
    fail=$((fail + 1))
fi
echo "seeds: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
