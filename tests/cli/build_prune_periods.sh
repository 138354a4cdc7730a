# a build by year into the folder of a build by month leaves only its own
# period files; files that do not look like relgraph's are left alone
out=$TMP/out
"$RELGRAPH" -q build --manifest corpus/seeds/manifest.tsv -o "$out" corpus/seeds || exit 1
echo keep > "$out/periods/notes.txt"
echo keep > "$out/periods/2017-05.json.bak"
"$RELGRAPH" build --period year --manifest corpus/seeds/manifest.tsv -o "$out" corpus/seeds \
    2> "$TMP/err" || exit 1
grep -o 'removed [0-9]* files' "$TMP/err"
ls "$out/periods"
