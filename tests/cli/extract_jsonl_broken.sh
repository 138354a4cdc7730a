# a broken line is reported with file:line and skipped; the other documents survive
printf '{"id":"a","date":"2017-05-02","text":"Vladimir Poutine a appelé Donald Trump."}\n{"id":"b", broken\n\n{"id":"c","date":"2017-13-45","text":"Erdogan et Poutine."}\n{"id":"d","text":""}\n{"text":"sans id"}\n' > "$TMP/in.jsonl"
"$RELGRAPH" extract "$TMP/in.jsonl" | sed 's/"mentions".*//'
