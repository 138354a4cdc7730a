# graph.gexf written by `relgraph build` validates against the GEXF 1.3
# RELAX NG schema and reads back in networkx with the JSON's content.
. tests/cli/exports_corpus.inc
xmllint --noout --relaxng "${RG_SHARED:-../shared}/schemas/gexf-1.3/gexf.rng" "$TMP/out/graph.gexf" 2>&1 \
    | sed "s|$TMP/out/||"
/usr/bin/python3 tests/cli/exports_gexf.py "$TMP/out"
