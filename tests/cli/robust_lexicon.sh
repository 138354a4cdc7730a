# malformed stance lexicons: each is refused (exit 3) with file:line and what
# is wrong, before any document is read
printf 'saluer\t+\t3.4\tpraise\t-\nbad line without tabs\n' > "$TMP/fields.tsv"
printf 'saluer\t*\t3.4\tpraise\t-\n' > "$TMP/sign.tsv"
printf '# comment\nsaluer\t+\tbeaucoup\tpraise\t-\n' > "$TMP/intensity.tsv"
printf 'saluer\t+\t3.4\tpraise\tbogus\n' > "$TMP/flags.tsv"
printf '\t+\t3.4\tpraise\t-\n' > "$TMP/empty_cue.tsv"
printf 'saluer\t+\t3.4\tpraise\t-\n\377\376\t+\t1\tx\t-\n' > "$TMP/bytes.tsv"
for f in fields sign intensity flags empty_cue bytes; do
    printf 'Poutine.' | "$RELGRAPH" extract --lexicon "$TMP/$f.tsv" - > /dev/null; echo "$f: exit $?"
done
