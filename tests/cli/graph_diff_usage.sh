# diff: one file needs two periods; a missing period is an error.
"$RELGRAPH" diff only.json; echo "rc=$?"
. tests/cli/graph_fixture.inc
"$RELGRAPH" diff "$TMP/out/metrics.json" --period 2016-01 --period 2017-01
