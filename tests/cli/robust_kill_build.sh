# SIGKILL, then SIGINT, in the middle of `build --evidence -o DIR`: every file
# of the previous build stays as it was (the evidence streams into a
# temporary file; graphs and metrics are written, each through a temporary
# file and a rename, only at the end); after SIGINT no temporary file is left.
"$RELGRAPH" -q build --evidence --manifest corpus/seeds/manifest.tsv -o "$TMP/out" corpus/seeds \
    || exit 9
cp -r "$TMP/out" "$TMP/before"
. tests/cli/midway.inc
tiny_jsonl 3000 > "$TMP/part.jsonl"
for sig in KILL INT; do
    rm -f "$TMP/pipe"
    mkfifo "$TMP/pipe"
    "$RELGRAPH" build --evidence -o "$TMP/out" - < "$TMP/pipe" 2> "$TMP/err" &
    pid=$!
    exec 3> "$TMP/pipe"
    cat "$TMP/part.jsonl" >&3
    echo "$sig: $(wait_midway "$TMP/out/evidence.jsonl.tmp-*")"
    kill -$sig $pid
    wait $pid
    echo "$sig: exit $?"
    exec 3>&-
    # a SIGKILL cannot be cleaned up after: its temporary file stays (and is
    # left alone by later runs); every real output must be the previous one
    (cd "$TMP/before" && find . -type f) | while read -r f; do
        cmp -s "$TMP/before/$f" "$TMP/out/$f" || echo "$sig: $f changed"
    done
    echo "$sig: $(ls "$TMP/out" | grep -c 'tmp-') temporary file(s) left"
    rm -f "$TMP"/out/*.tmp-*
done
grep -c interrupted "$TMP/err"
