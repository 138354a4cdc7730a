# document ids and dates from the input never become file names: ids such as
# "../../escape" or "/tmp/x" stay data; every file written is inside the
# output folder, named from generated period keys
cat > "$TMP/in.jsonl" <<'JSONL'
{"id":"../../escape","date":"2017-05-02","text":"Vladimir Poutine a appelé Donald Trump."}
{"id":"/tmp/relgraph-escape","date":"2017-06-01","text":"Erdogan et Poutine."}
{"id":"periods/../../x","date":"2017-06-03","text":"Donald Trump et Erdogan."}
{"id":"%s%n%x","date":"2017-06-04","text":"%s%n Poutine %x."}
JSONL
case "$RELGRAPH" in /*) rg=$RELGRAPH ;; *) rg=$PWD/$RELGRAPH ;; esac
mkdir "$TMP/work"
cd "$TMP/work" || exit 1
"$rg" -q build --evidence -o out ../in.jsonl; echo "exit $?"
cd "$TMP" && find . -type f ! -name ".std*" | LC_ALL=C sort
test -e /tmp/relgraph-escape && echo "escaped!"
grep -c '"doc":"%s%n%x"' work/out/evidence.jsonl 2>/dev/null || true
