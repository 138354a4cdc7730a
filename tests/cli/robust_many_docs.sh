# a million tiny JSONL documents generated on the fly (RG_TEST_MANY_DOCS scales it):
# all read, one output line each, nothing skipped
n=${RG_TEST_MANY_DOCS:-1000000}
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":\"d%d\",\"date\":\"2017-05-02\",\"text\":\"Poutine et Trump, %d.\"}\n", i, i }' > "$TMP/many.jsonl"
"$RELGRAPH" extract "$TMP/many.jsonl" -o "$TMP/out.jsonl" 2> "$TMP/err"
echo "exit $?"
test "$(wc -l < "$TMP/out.jsonl")" -eq "$n" && echo "lines ok"
test "$(grep -c '"relations":\[{' "$TMP/out.jsonl")" -eq "$n" && echo "relations ok"
sed "s/ $n documents read/ N documents read/" "$TMP/err" >&2
