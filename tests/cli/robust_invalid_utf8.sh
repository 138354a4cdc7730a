# UTF-8 text with stray bytes in the middle of a line: only the bad bytes are
# decoded as Windows-1252 (message gives the byte offset); accents and actors survive
printf 'date 2017-05 Le pr\303\251sident turc Erdo\304\237an a \351t\351 re\347u par Vladimir Poutine \377 \340 Moscou.\n' > "$TMP/mixed.txt"
"$RELGRAPH" extract "$TMP/mixed.txt" | grep -o '"form":"[^"]*"'
