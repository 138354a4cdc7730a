# Same input, same DOT bytes (layout seeded, nodes in key order, no timestamps).
export LSAN_OPTIONS="suppressions=$(pwd)/tests/render-lsan.supp:print_suppressions=0"
g=tests/fixtures/graphs/basic
for run in 1 2; do
    "$RELGRAPH_RENDER" -f dot -o "$TMP/$run" --layout-from $g/graph.json \
        $g/graph.json $g/periods/2017-11.json $g/periods/2017-12.json || exit 1
done
diff -r "$TMP/1" "$TMP/2" && echo identical
