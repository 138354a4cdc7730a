# Input errors name the file (and line:column for JSON syntax): exit 3;
# a missing file is a runtime error: exit 1.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/render-lsan.supp:print_suppressions=0"
printf '{\n "nodes": [\n  {"key": "a",}\n ]\n}\n' > "$TMP/bad.json"
"$RELGRAPH_RENDER" -f dot "$TMP/bad.json"; echo "syntax: $?"
printf '{"nodes": [{"key": "a"}], "edges": [{"source": "a", "target": "b"}]}' > "$TMP/edge.json"
"$RELGRAPH_RENDER" -f dot "$TMP/edge.json"; echo "edge: $?"
printf '{"nodes": {}}' > "$TMP/shape.json"
"$RELGRAPH_RENDER" -f dot "$TMP/shape.json"; echo "shape: $?"
"$RELGRAPH_RENDER" -f dot "$TMP/missing.json"; echo "missing: $?"
exit 3
