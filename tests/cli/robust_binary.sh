# a few NUL bytes in a text are dropped (counted); binary data is skipped;
# the good documents of the folder are still processed
mkdir -p "$TMP/in"
printf 'date 2017-05 Vladimir Poutine\000 a appel\303\251 Donald Trump\000 hier soir, longuement.\n' > "$TMP/in/a_nul.txt"
awk 'BEGIN { for (i = 0; i < 4096; i++) printf "%c", (i * 7919) % 256 }' > "$TMP/in/b_binary.txt"
head -c 3000 /dev/zero > "$TMP/in/c_zeros.txt"
printf 'date 2017-05 Erdogan.\n' > "$TMP/in/d_good.txt"
"$RELGRAPH" extract "$TMP/in" | grep -o '"doc":"[^"]*"\|"form":"[^"]*"'
