# nodes.csv / edges.csv from `relgraph build` parse as RFC 4180 and match graph.json.
. tests/cli/exports_corpus.inc
/usr/bin/python3 tests/cli/exports_csv.py "$TMP/out"
