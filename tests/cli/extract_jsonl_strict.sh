printf '{"id":"a","text":"Poutine."}\n{"id":"b", broken\n' > "$TMP/in.jsonl"
"$RELGRAPH" extract --strict "$TMP/in.jsonl" > /dev/null
