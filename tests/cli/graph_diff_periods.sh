# diff: two periods of one file.
. tests/cli/graph_fixture.inc
"$RELGRAPH" diff "$TMP/out/metrics.json" --period 2017-01 --period 2017-02
