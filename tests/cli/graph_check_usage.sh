# check: --baseline is required; bad tolerance; unknown metric (exit 2 each).
"$RELGRAPH" check x.json; echo "rc=$?"
"$RELGRAPH" check --baseline x.json --tolerance -1 x.json; echo "rc=$?"
. tests/cli/graph_fixture.inc
"$RELGRAPH" check --baseline "$TMP/out/metrics.json" --metric nope "$TMP/out/metrics.json"
