# SIGINT in the middle of `extract -o OUT`: a clean stop with a message and
# exit 1, the previous OUT intact, no temporary file left. The reader is
# blocked on a FIFO that stays open, so the signal interrupts the read itself.
. tests/cli/midway.inc
tiny_jsonl 3000 > "$TMP/part.jsonl"
echo previous > "$TMP/out.jsonl"
mkfifo "$TMP/pipe"
"$RELGRAPH" extract - -o "$TMP/out.jsonl" < "$TMP/pipe" &
pid=$!
exec 3> "$TMP/pipe"
cat "$TMP/part.jsonl" >&3
wait_midway "$TMP/out.jsonl.tmp-*"
kill -INT $pid
wait $pid
echo "exit $?"
exec 3>&-
cat "$TMP/out.jsonl"
ls "$TMP"
