# an unreadable file inside a folder and as a JSONL input: reported and skipped.
# Tests run as root, where chmod 000 does not stop reads, so the unreadable
# file is a link to /proc/self/mem, whose read(2) at offset 0 fails with EIO.
# When not root, a chmod 000 file is added as well (its line is not checked).
mkdir -p "$TMP/in"
printf 'date 2017-05 Vladimir Poutine.\n' > "$TMP/in/a.txt"
ln -s /proc/self/mem "$TMP/in/b_unreadable.txt"
ln -s /proc/self/mem "$TMP/mem.jsonl"
if [ "$(id -u)" -ne 0 ]; then
    printf 'secret' > "$TMP/in/c_noperm.txt"
    chmod 000 "$TMP/in/c_noperm.txt"
fi
"$RELGRAPH" extract "$TMP/in" "$TMP/mem.jsonl" | grep -o '"doc":"[^"]*"'
