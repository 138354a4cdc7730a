# check: an unreadable file (exit 3).
"$RELGRAPH" check --baseline "$TMP/none.json" "$TMP/none.json"
