# a Windows-1252 file is decoded with a warning naming the first bad byte
printf 'date 2017-05 Le pr\351sident turc Erdogan et Vladimir Poutine ont parl\351 \222hier\222.\n' > "$TMP/latin.txt"
"$RELGRAPH" extract "$TMP/latin.txt" | grep -o '"form":"[^"]*"'
