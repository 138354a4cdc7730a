# JSON Lines from hell: deep nesting, huge numbers, mistyped and missing
# fields, impossible dates, invalid escapes, non-objects, duplicate ids.
# Each bad line is named with its line number; the good ones are processed.
{
    printf '{"id":"deep","text":"x","a":'
    awk 'BEGIN { for (i = 0; i < 5000; i++) printf "["; for (i = 0; i < 5000; i++) printf "]" }'
    printf '}\n'
    printf '{"id":"ok1","date":"2017-05-02","text":"Poutine","a":[[[[[[[[[[1]]]]]]]]]]}\n'
    printf '{"id":99999999999999999999999,"text":"x"}\n'
    printf '{"id":"h","text":"Poutine","n":1e999}\n'
    printf '{"id":"bad-date","date":"2017-13-45","text":"Poutine"}\n'
    printf '{"id":"num-date","date":20170502,"text":"Poutine"}\n'
    printf '{"id":["x"],"text":"Poutine"}\n'
    printf '{"id":"num-text","text":42}\n'
    printf '{"id":"far-date","date":"99999-01-01","text":"Poutine"}\n'
    printf '[]\n'
    printf '{"id":"dup","date":"2017","text":"Poutine"}\n'
    printf '{"id":"dup","date":"2017","text":"Trump"}\n'
    printf '{"id":"u","text":"Poutine \\ud800 x"}\n'
    printf '{"id":7,"date":null,"text":"Trump"}\n'
    printf '{"id":"trunc","text":"Pou'
} > "$TMP/h.jsonl"
"$RELGRAPH" extract "$TMP/h.jsonl" | grep -o '^{"doc":"[^"]*","date":[^,]*'
