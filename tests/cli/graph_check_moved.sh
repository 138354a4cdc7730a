# check: a changed value, a lost actor and a lost period are reported (exit 1).
. tests/cli/graph_fixture.inc
/usr/bin/python3 - "$TMP/out/metrics.json" "$TMP/new.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["overall"]["actors"]["poutine"]["pagerank"] += 0.5
del m["periods"]["2017-02"]
del m["periods"]["2017-01"]["actors"]["macron"]
json.dump(m, open(sys.argv[2], "w"), indent=2, sort_keys=True)
PY
"$RELGRAPH" check --baseline "$TMP/out/metrics.json" --metric pagerank "$TMP/new.json"
