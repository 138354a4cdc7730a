# Metrics of a small built graph agree with networkx (Debian python3-networkx):
# centralities, modularity, density, components, balance, HITS hub/authority.
cat > "$TMP/in.jsonl" <<'JSONL'
{"id": "n1", "date": "2017-01-10", "text": "Vladimir Poutine a reçu Donald Trump à Moscou.\n\nDonald Trump et Vladimir Poutine ont parlé de la Syrie.\n\nPoutine a aussi évoqué Bachar al-Assad avec Trump."}
{"id": "n2", "date": "2017-01-20", "text": "Angela Merkel a téléphoné à Emmanuel Macron.\n\nMerkel et Macron ont ensuite appelé Vladimir Poutine.\n\nRecep Tayyip Erdogan a critiqué Angela Merkel."}
{"id": "n3", "date": "2017-02-03", "text": "Theresa May a rencontré Angela Merkel à Berlin.\n\nTheresa May a ensuite reçu Recep Tayyip Erdogan.\n\nErdogan a salué Vladimir Poutine.\n\nBachar al-Assad a remercié Vladimir Poutine et Recep Tayyip Erdogan."}
{"id": "n4", "date": "2017-02-14", "text": "Donald Trump a menacé Bachar al-Assad.\n\nEmmanuel Macron a soutenu Donald Trump.\n\nTheresa May et Emmanuel Macron ont appelé Donald Trump au calme."}
JSONL
"$RELGRAPH" build --evidence -o "$TMP/out" "$TMP/in.jsonl" 2>/dev/null || exit 9
/usr/bin/python3 tests/cli/graph_networkx.py "$TMP/out/evidence.jsonl" "$TMP/out/graph.json" \
    "$TMP/out/periods/"*.json
