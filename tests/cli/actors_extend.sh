# --actors-extend adds actors to the built-in dictionary (which stays whole)
cat > "$TMP/ext.json" <<'JSON'
{"actors": [{"id": "navalny", "label": "Alexeï Navalny", "type": "person", "state": "RUS",
             "aliases": ["Alexeï Navalny", "Alexei Navalny", "Navalny"]}]}
JSON
printf 'Alexeï Navalny a critiqué Vladimir Poutine à Moscou.\n' |
    "$RELGRAPH" -q extract --actors-extend "$TMP/ext.json" --date 2020-01 - |
    /usr/bin/python3 -c 'import json, sys; print(*[m["actor"] for m in json.loads(sys.stdin.read())["mentions"]])'
