# outputs that cannot be written: a path under a regular file, a folder given
# as the output file, a build folder under a regular file. Each fails with
# exit 1 and a message naming the path; nothing is left behind.
printf 'date 2017-05 Vladimir Poutine et Donald Trump.\n' > "$TMP/a.txt"
printf 'x' > "$TMP/file"
mkdir "$TMP/dir"
"$RELGRAPH" extract "$TMP/a.txt" -o "$TMP/file/out.jsonl"; echo "extract under a file: exit $?"
"$RELGRAPH" extract "$TMP/a.txt" -o "$TMP/dir"; echo "extract into a folder: exit $?"
"$RELGRAPH" build "$TMP/a.txt" -o "$TMP/file/graphs"; echo "build under a file: exit $?"
ls "$TMP/dir" | wc -l
