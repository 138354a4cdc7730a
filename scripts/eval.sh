#!/bin/sh
# SPDX-License-Identifier: MIT
# Score extraction on the sample corpus against its gold annotations.
# usage: scripts/eval.sh [RELGRAPH] [GOLD.json]
set -eu
rg=${1:-build/relgraph}
gold=${2:-tests/eval/seeds.gold.json}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$rg" -q extract --manifest corpus/seeds/manifest.tsv corpus/seeds -o "$tmp"
python3 scripts/eval.py "$gold" "$tmp"
