# a folder with symbolic link cycles, a broken link and a FIFO named .txt:
# each is reported and skipped; the walk ends; real files are read once
mkdir -p "$TMP/in/sub"
printf 'date 2017-05 Vladimir Poutine.\n' > "$TMP/in/a.txt"
printf 'date 2017-05 Donald Trump.\n' > "$TMP/in/sub/b.txt"
ln -s .. "$TMP/in/sub/up"
ln -s "$TMP/in" "$TMP/in/sub/abs"
ln -s self "$TMP/in/self"
ln -s /nonexistent/x.txt "$TMP/in/broken.txt"
mkfifo "$TMP/in/fifo.txt"
"$RELGRAPH" extract "$TMP/in" | grep -o '"doc":"[^"]*"'
