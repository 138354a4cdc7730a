# SIGINT in the middle of `extract -o OUT`: a clean stop with a message and
# exit 1, the previous OUT intact, no temporary file left. The reader is
# blocked on a FIFO that stays open, so the signal interrupts the read itself.
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "{\"id\":\"d%d\",\"date\":\"2017-05\",\"text\":\"Poutine et Trump.\"}\n", i }' > "$TMP/part.jsonl"
echo previous > "$TMP/out.jsonl"
mkfifo "$TMP/pipe"
"$RELGRAPH" extract - -o "$TMP/out.jsonl" < "$TMP/pipe" &
pid=$!
exec 3> "$TMP/pipe"
cat "$TMP/part.jsonl" >&3
i=0
while [ $i -lt 200 ]; do
    tmp=$(ls "$TMP"/out.jsonl.tmp-* 2>/dev/null | head -1)
    if [ -n "$tmp" ] && [ "$(wc -c < "$tmp")" -gt 100000 ]; then
        break
    fi
    sleep 0.1
    i=$((i + 1))
done
kill -INT $pid
wait $pid
echo "exit $?"
exec 3>&-
cat "$TMP/out.jsonl"
ls "$TMP"
