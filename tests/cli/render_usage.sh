# Usage errors exit 2: no input, unknown format, unknown --size-by attribute.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/render-lsan.supp:print_suppressions=0"
"$RELGRAPH_RENDER"; echo "no input: $?"
"$RELGRAPH_RENDER" --format gif tests/fixtures/graphs/basic/graph.json; echo "format: $?"
"$RELGRAPH_RENDER" --bogus x.json; echo "option: $?"
cp tests/fixtures/graphs/basic/graph.json "$TMP/g.json"
"$RELGRAPH_RENDER" --size-by nosuch -f dot "$TMP/g.json"; echo "size-by: $?"
"$RELGRAPH_RENDER" --help | head -1
exit 2
