# GEXF and undated documents: actors and pairs known only from undated
# documents stay off the timeline (they are in graph.json); a corpus with no
# dated document gives a static GEXF. Both validate against the GEXF 1.3 schema.
rng=${RG_SHARED:-../shared}/schemas/gexf-1.3/gexf.rng
cat > "$TMP/in.jsonl" <<'JSONL'
{"id": "dated", "date": "2017-05-02", "text": "Vladimir Poutine a rencontré Donald Trump."}
{"id": "undated", "text": "Angela Merkel a rencontré Emmanuel Macron."}
JSONL
"$RELGRAPH" -q build -o "$TMP/a" "$TMP/in.jsonl" 2> /dev/null || exit 9
xmllint --noout --relaxng "$rng" "$TMP/a/graph.gexf" 2>&1 | sed "s|$TMP/||"
grep -o '<node id="[a-z]*"' "$TMP/a/graph.gexf" | tr '\n' ' '; echo
/usr/bin/python3 -c 'import json, sys; print(*[n["key"] for n in json.load(open(sys.argv[1]))["nodes"]])' \
    "$TMP/a/graph.json"
grep -v '"id": "dated"' "$TMP/in.jsonl" > "$TMP/undated.jsonl"
"$RELGRAPH" -q build -o "$TMP/b" "$TMP/undated.jsonl" 2> /dev/null || exit 9
xmllint --noout --relaxng "$rng" "$TMP/b/graph.gexf" 2>&1 | sed "s|$TMP/||"
grep -o 'mode="[a-z]*">' "$TMP/b/graph.gexf" | sort | uniq -c | sed 's/^ *//'
echo "spells: $(grep -c '<spell' "$TMP/b/graph.gexf")"
