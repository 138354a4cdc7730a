# --strict stops at the first bad document (exit 3, file named); without it
# the same folder is processed with the bad documents skipped
mkdir -p "$TMP/in"
printf 'date 2017-05 Vladimir Poutine.\n' > "$TMP/in/a.txt"
head -c 1000 /dev/zero > "$TMP/in/b.txt"
printf 'date 2017-05 Donald Trump.\n' > "$TMP/in/c.txt"
"$RELGRAPH" -q extract "$TMP/in" | grep -c '"doc"'
"$RELGRAPH" extract --strict "$TMP/in"; echo "exit $?"
