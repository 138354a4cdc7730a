# check: invalid JSON is named with its line (exit 3).
printf '{"overall": {},\n "periods": [,]}\n' > "$TMP/bad.json"
"$RELGRAPH" check --baseline "$TMP/bad.json" "$TMP/bad.json"
