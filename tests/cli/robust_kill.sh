# SIGKILL in the middle of `extract -o OUT`: OUT keeps its previous content
# (the new output goes to a temporary file beside it, renamed only at the end).
# The input comes through a FIFO that stays open, so the run is surely midway:
# 3,000 documents were sent and written to the temporary file, more may come.
. tests/cli/midway.inc
tiny_jsonl 3000 > "$TMP/part.jsonl"
echo previous > "$TMP/out.jsonl"
mkfifo "$TMP/pipe"
"$RELGRAPH" extract - -o "$TMP/out.jsonl" < "$TMP/pipe" 2> /dev/null &
pid=$!
exec 3> "$TMP/pipe"
cat "$TMP/part.jsonl" >&3
wait_midway "$TMP/out.jsonl.tmp-*"
kill -9 $pid
wait $pid
echo "exit $?"
exec 3>&-
cat "$TMP/out.jsonl"
