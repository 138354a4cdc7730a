# --max-docs: more documents than allowed is an error (exit 3) naming where it
# stopped, and -o leaves the previous output; bad limit values are usage errors
awk 'BEGIN { for (i = 0; i < 20; i++) printf "{\"id\":\"d%d\",\"text\":\"Poutine.\"}\n", i }' > "$TMP/in.jsonl"
echo previous > "$TMP/out.jsonl"
"$RELGRAPH" extract --max-docs 10 "$TMP/in.jsonl" -o "$TMP/out.jsonl"; echo "exit $?"
cat "$TMP/out.jsonl"
"$RELGRAPH" extract --max-docs 20 "$TMP/in.jsonl" -o "$TMP/out.jsonl" 2> /dev/null; echo "exit $?"
wc -l < "$TMP/out.jsonl"
"$RELGRAPH" extract --max-docs -1 "$TMP/in.jsonl"; echo "exit $?"
"$RELGRAPH" extract --max-doc-bytes 0 "$TMP/in.jsonl"; echo "exit $?"
