"$RELGRAPH" extract "$TMP/does-not-exist.txt"
