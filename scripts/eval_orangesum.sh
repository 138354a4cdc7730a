#!/bin/sh
# SPDX-License-Identifier: MIT
# Score extraction on OrangeSum articles against gold annotations keyed by
# the corpus "file" field. The article text stays in the corpus; only the
# evidence of the gold ids is kept (in a temporary file).
# usage: scripts/eval_orangesum.sh CORPUS.jsonl [RELGRAPH [GOLD.json [--min measure=floor...]]]
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 CORPUS.jsonl [RELGRAPH [GOLD.json [--min ...]]]" >&2
    exit 2
fi
corpus=$1
shift
rg=${1:-build/relgraph}
gold=${2:-tests/eval/orangesum20.gold.json}
[ $# -ge 2 ] && shift 2 || shift $#
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
tmp=$dir/evidence.jsonl
sub=$dir/articles.jsonl  # the .jsonl suffix tells extract how to read it
# only the gold articles are extracted
python3 - "$gold" "$corpus" "$sub" <<'PY'
import json, sys
ids = set(json.load(open(sys.argv[1], encoding="utf-8"))["documents"])
with open(sys.argv[2], encoding="utf-8") as f, open(sys.argv[3], "w", encoding="utf-8") as out:
    for line in f:
        if line.strip() and json.loads(line).get("file") in ids:
            out.write(line)
PY
"$rg" -q extract --id-field file --text-field title --text-field heading \
    --text-field article "$sub" -o "$tmp"
python3 scripts/eval.py "$gold" "$tmp" "$@"
