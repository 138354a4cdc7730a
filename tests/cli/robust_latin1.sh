# a Latin-1 (ISO-8859-1) file and a Windows-1252 file (curly quotes, euro sign)
# are decoded whole, with a warning naming the first bad byte
printf 'date 2017-05 Le pr\351sident fran\347ais Emmanuel Macron a re\347u Angela Merkel \340 l\047\311lys\351e.\n' > "$TMP/latin1.txt"
printf 'date 2017-05 \223La chanceli\350re allemande\224 a parl\351 \340 Vladimir Poutine \226 co\373t : 5 \200.\n' > "$TMP/cp1252.txt"
"$RELGRAPH" extract "$TMP/latin1.txt" "$TMP/cp1252.txt" | grep -o '"form":"[^"]*"'
