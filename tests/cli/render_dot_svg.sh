# relgraph-render writes DOT that Graphviz's own dot(1) reads, with the hard
# label (quotes, accents, <, &, backslash, newline) intact in the SVG.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/render-lsan.supp:print_suppressions=0"
cp -r tests/fixtures/graphs/basic "$TMP/g"
"$RELGRAPH_RENDER" --format dot --layout-from "$TMP/g/graph.json" \
    "$TMP/g/graph.json" "$TMP/g/periods/2017-11.json" "$TMP/g/periods/2017-12.json" || exit 1
for f in "$TMP/g/graph.dot" "$TMP/g/periods/2017-11.dot" "$TMP/g/periods/2017-12.dot"; do
    dot -Tsvg "$f" > "$f.svg" || { echo "dot rejects $f"; exit 1; }
done
grep -q '>L&#39;&quot;Union&quot; &lt;européenne&gt; &amp; co\\ </text>' "$TMP/g/graph.dot.svg" \
    && echo "escaped label, line 1"
grep -q '>Bruxelles, «UE»</text>' "$TMP/g/graph.dot.svg" && echo "escaped label, line 2"
grep -q '>Recep Tayyip Erdoğan</text>' "$TMP/g/periods/2017-12.dot.svg" && echo "accents"
# pinned positions: the same actor sits at the same place in every period
p1=$(grep -A8 '^	poutine' "$TMP/g/periods/2017-11.dot" | grep -o 'pos="[^"]*"')
p2=$(grep -A8 '^	poutine' "$TMP/g/periods/2017-12.dot" | grep -o 'pos="[^"]*"')
[ -n "$p1" ] && [ "$p1" = "$p2" ] && echo "same position"
grep -q 'layout=nop' "$TMP/g/graph.dot" && echo "layout=nop"
