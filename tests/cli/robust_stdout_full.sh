# stdout on a full device (/dev/full): exit 1, the message names <stdout>
printf 'date 2017-05 Vladimir Poutine et Donald Trump.\n' > "$TMP/a.txt"
"$RELGRAPH" extract "$TMP/a.txt" > /dev/full
