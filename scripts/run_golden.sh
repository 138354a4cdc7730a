#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden tests: each tests/golden/CASE/cmd is one line of relgraph arguments,
# run from tests/golden/CASE with LC_ALL=C TZ=UTC; "$OUT" in it is a fresh
# temporary folder. stdout goes to $OUT/stdout and the exit code to
# $OUT/exit; then expected/ and $OUT are compared file by file (diff -u).
# UPDATE=1 rewrites expected/ instead.
set -u
: "${RELGRAPH:=build/relgraph}"
: "${RELGRAPH_RENDER:=build/relgraph-render}"
RELGRAPH=$(cd "$(dirname "$RELGRAPH")" && pwd)/$(basename "$RELGRAPH")
RELGRAPH_RENDER=$(cd "$(dirname "$RELGRAPH_RENDER")" && pwd)/$(basename "$RELGRAPH_RENDER")
export RELGRAPH RELGRAPH_RENDER LC_ALL=C TZ=UTC
pass=0
fail=0
for dir in tests/golden/*/; do
    [ -f "$dir/cmd" ] || continue
    OUT=$(mktemp -d)
    export OUT
    args=$(cat "$dir/cmd")
    (cd "$dir" && eval "\"\$RELGRAPH\" $args" > "$OUT/stdout" 2> "$OUT/.stderr"; echo $? > "$OUT/exit")
    rm -f "$OUT/.stderr"
    find "$OUT" -name '*.png' -delete
    if [ "${UPDATE:-0}" = 1 ]; then
        rm -rf "$dir/expected" && mkdir -p "$dir/expected" && cp -R "$OUT"/. "$dir/expected/"
        echo "updated $dir"
        pass=$((pass + 1))
    elif diff -ru "$dir/expected" "$OUT" > "$OUT.diff" 2>&1; then
        pass=$((pass + 1))
    else
        echo "FAILED: golden $dir"; head -60 "$OUT.diff"
        fail=$((fail + 1))
    fi
    rm -rf "$OUT" "$OUT.diff"
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
