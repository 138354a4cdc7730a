#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests: each tests/cli/NAME.sh runs with $RELGRAPH, $RELGRAPH_RENDER and
# $TMP set (a fresh folder), from the project root. Expected results sit
# beside it: NAME.exit (exit code, default 0), NAME.stdout.exact or
# NAME.stdout.glob, NAME.stderr.exact or NAME.stderr.glob (shell glob patterns,
# one per line, each must match some line).
set -u
: "${RELGRAPH:=build/relgraph}"
: "${RELGRAPH_RENDER:=build/relgraph-render}"
# RELGRAPH_WRAP (e.g. "valgrind -q --error-exitcode=99 --leak-check=full")
# runs relgraph under a wrapper (RELGRAPH_RENDER_WRAP likewise for
# relgraph-render); a RELGRAPH holding spaces is taken as a command line too.
# Tests keep calling "$RELGRAPH": it becomes a small script that execs the
# wrapped command.
# Tests may cd elsewhere: a relative binary path becomes absolute first.
case "$RELGRAPH" in
/*|*" "*) ;;
*/*) RELGRAPH=$(pwd)/$RELGRAPH ;;
esac
case "$RELGRAPH_RENDER" in
/*|*" "*) ;;
*/*) RELGRAPH_RENDER=$(pwd)/$RELGRAPH_RENDER ;;
esac
wrapdir=
wrap() { # name command...
    [ -n "$wrapdir" ] || wrapdir=$(mktemp -d)
    printf '#!/bin/sh\nexec %s "$@"\n' "$2" > "$wrapdir/$1"
    chmod +x "$wrapdir/$1"
}
case "${RELGRAPH_WRAP:-}$RELGRAPH" in
*" "*)
    wrap relgraph "${RELGRAPH_WRAP:-} $RELGRAPH"
    RELGRAPH=$wrapdir/relgraph
    ;;
esac
if [ -n "${RELGRAPH_RENDER_WRAP:-}" ]; then
    wrap relgraph-render "$RELGRAPH_RENDER_WRAP $RELGRAPH_RENDER"
    RELGRAPH_RENDER=$wrapdir/relgraph-render
fi
export RELGRAPH RELGRAPH_RENDER LC_ALL=C.UTF-8 TZ=UTC
pass=0
fail=0
root=$(pwd)

glob_check() { # file-with-patterns actual-file
    while IFS= read -r pat || [ -n "$pat" ]; do
        [ -z "$pat" ] && continue
        found=0
        while IFS= read -r line || [ -n "$line" ]; do
            # shellcheck disable=SC2254
            case "$line" in $pat) found=1; break ;; esac
        done < "$2"
        if [ "$found" -eq 0 ]; then
            echo "  no line matches: $pat"
            return 1
        fi
    done < "$1"
    return 0
}

for t in tests/cli/*.sh; do
    [ -f "$t" ] || continue
    name=${t%.sh}
    TMP=$(mktemp -d)
    export TMP
    ok=1
    # a hung test fails (exit 124) instead of hanging the whole run
    (cd "$root" && timeout "${RG_TEST_TIMEOUT:-900}" sh "$t") > "$TMP/.stdout" 2> "$TMP/.stderr"
    rc=$?
    [ "$rc" -eq 124 ] && echo "  timed out after ${RG_TEST_TIMEOUT:-900} s: $t"
    want=0
    [ -f "$name.exit" ] && want=$(cat "$name.exit")
    if [ "$rc" -ne "$want" ]; then
        echo "  exit $rc, want $want"; ok=0
    fi
    for s in stdout stderr; do
        if [ -f "$name.$s.exact" ] && ! diff -u "$name.$s.exact" "$TMP/.$s"; then ok=0; fi
        if [ -f "$name.$s.glob" ] && ! glob_check "$name.$s.glob" "$TMP/.$s"; then ok=0; fi
    done
    if [ "$ok" -eq 1 ]; then
        pass=$((pass + 1))
    else
        echo "FAILED: $t"; sed 's/^/  stderr: /' "$TMP/.stderr" | head -20
        fail=$((fail + 1))
    fi
    rm -rf "$TMP"
done
[ -n "$wrapdir" ] && rm -rf "$wrapdir"
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
