#!/bin/sh
# SPDX-License-Identifier: MIT
# Score extraction on the sample corpus against its gold annotations.
# usage: scripts/eval.sh [RELGRAPH [GOLD.json [--min measure=floor...]]]
set -eu
rg=${1:-build/relgraph}
gold=${2:-tests/eval/seeds.gold.json}
[ $# -ge 2 ] && shift 2 || shift $#
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$rg" -q extract --manifest corpus/seeds/manifest.tsv corpus/seeds -o "$tmp"
python3 scripts/eval.py "$gold" "$tmp" "$@"
