# SIGKILL in the middle of `extract -o OUT`: OUT keeps its previous content
# (the new output goes to a temporary file beside it, renamed only at the end).
# The input comes through a FIFO that stays open, so the run is surely midway:
# 3,000 documents were sent and written to the temporary file, more may come.
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "{\"id\":\"d%d\",\"date\":\"2017-05\",\"text\":\"Poutine et Trump.\"}\n", i }' > "$TMP/part.jsonl"
echo previous > "$TMP/out.jsonl"
mkfifo "$TMP/pipe"
"$RELGRAPH" extract - -o "$TMP/out.jsonl" < "$TMP/pipe" 2> /dev/null &
pid=$!
exec 3> "$TMP/pipe"
cat "$TMP/part.jsonl" >&3
i=0
while [ $i -lt 200 ]; do
    tmp=$(ls "$TMP"/out.jsonl.tmp-* 2>/dev/null | head -1)
    if [ -n "$tmp" ] && [ "$(wc -c < "$tmp")" -gt 100000 ]; then
        echo "midway: temporary output growing"
        break
    fi
    sleep 0.1
    i=$((i + 1))
done
kill -9 $pid
wait $pid
echo "exit $?"
exec 3>&-
cat "$TMP/out.jsonl"
