# quality floors on the sample corpus (issue targets): a regression in the
# extractor that costs recall or precision fails here
sh scripts/eval.sh "$RELGRAPH" tests/eval/seeds.gold.json \
    --min persons=1.0 comention=0.95 dates=1.0 stance=0.85 state_stance=0.70 > "$TMP/eval.txt"
rc=$?
head -6 "$TMP/eval.txt" | sed 's/ *[0-9.]\+ *[0-9]\+ *[0-9]\+ *[0-9]\+$//' | awk '{print $1}'
exit $rc
