# a 50 MB single-line text (RG_TEST_BIG_MB to scale it down, e.g. under
# valgrind) is read whole; a JSONL line longer than --max-doc-bytes is skipped
# with its line number and the next line is still read
mb=${RG_TEST_BIG_MB:-50}
yes 'Vladimir Poutine et Donald Trump se sont parlé au téléphone.' | head -c $((mb * 1048576)) | tr '\n' ' ' > "$TMP/big.txt"
"$RELGRAPH" extract --date 2017-05 "$TMP/big.txt" | grep -o '"doc":"[^"]*"\|"sentences":[0-9]*\|"form":"[^"]*"'
{ printf '{"id":"long","text":"'; head -c 200000 "$TMP/big.txt"; printf '"}\n{"id":"short","date":"2017-05","text":"Erdogan."}\n'; } > "$TMP/long.jsonl"
"$RELGRAPH" extract --max-doc-bytes 100000 "$TMP/long.jsonl" | grep -o '"doc":"[^"]*"'
