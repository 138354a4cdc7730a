# an extension that reuses an alias of the base is refused, naming both files
printf '{"actors": [{"id": "x", "label": "X", "type": "person", "aliases": ["Poutine"]}]}\n' \
    > "$TMP/ext.json"
printf 'Poutine.\n' | "$RELGRAPH" extract --actors-extend "$TMP/ext.json" --date 2020-01 -
