# one co-mention per unordered pair per sentence, however often and in
# whatever order the actors recur in it (A, B, A; B, A, B, A)
printf 'Poutine et Trump et Poutine.\n\nTrump, Poutine, Trump et Poutine ont parlé.\n' |
    "$RELGRAPH" -q extract --date 2018-01 - |
    python3 -c '
import json, sys
for line in sys.stdin:
    for r in json.loads(line)["relations"]:
        if r["type"] == "comention":
            print(r["sentence"], r["source"], r["target"])'
