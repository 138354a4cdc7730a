# empty and whitespace-only files are skipped with a warning; the rest of the folder is processed
mkdir -p "$TMP/in"
: > "$TMP/in/a_empty.txt"
printf '  \n\t\r\n   \n' > "$TMP/in/b_blank.txt"
printf 'date 2017-05 Vladimir Poutine a appelé Donald Trump.\n' > "$TMP/in/c_good.txt"
"$RELGRAPH" extract "$TMP/in" | cut -d, -f1
