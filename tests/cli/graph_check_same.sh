# check: a metrics file against itself moves nothing (exit 0).
. tests/cli/graph_fixture.inc
"$RELGRAPH" check --baseline "$TMP/out/metrics.json" "$TMP/out/metrics.json"
