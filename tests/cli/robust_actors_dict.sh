# hostile actor dictionaries: duplicate ids, an alias of two actors (after
# case folding), overlapping terms of one role, unknown references, an
# impossible date, broken JSON. `actors check` lists every problem with the
# file and JSON path (exit 3); --actors refuses the file (exit 3) before reading
cat > "$TMP/dup.json" <<'JSON'
{"schema": 1, "actors": [
 {"id": "a", "label": "A", "type": "person", "aliases": ["Alpha"]},
 {"id": "a", "label": "A2", "type": "person", "aliases": ["Beta"]},
 {"id": "b", "label": "B", "type": "person", "aliases": ["ALPHA"]}]}
JSON
cat > "$TMP/overlap.json" <<'JSON'
{"schema": 1, "actors": [
 {"id": "x", "label": "X", "type": "person", "state": "S", "aliases": ["Xavier"]},
 {"id": "y", "label": "Y", "type": "person", "state": "S", "aliases": ["Yves"]},
 {"id": "S", "label": "S", "type": "state", "aliases": ["Sylvanie"], "adjectives": ["sylvain"], "leader_role": "p"}],
 "roles": [{"id": "p", "forms": ["chef {adj}"]}],
 "terms": [{"actor": "x", "role": "p", "state": "S", "from": "2010-01-01", "to": "2015-01-01"},
           {"actor": "y", "role": "p", "state": "S", "from": "2014-01-01"},
           {"actor": "z", "role": "p", "state": "S", "from": "2017-13-45"}]}
JSON
printf '{"schema": 1, "actors": [\n  {"id": "a",\n' > "$TMP/broken.json"
for f in dup overlap broken; do
    "$RELGRAPH" actors check "$TMP/$f.json"; echo "check $f: exit $?"
    printf 'Alpha.' | "$RELGRAPH" extract --actors "$TMP/$f.json" -; echo "load $f: exit $?"
done
