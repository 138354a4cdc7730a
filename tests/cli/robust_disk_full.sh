# a full disk. With a 64 KiB tmpfs (needs root and mount rights), writing
# 5,000 documents fails with "No space left on device" naming the output;
# the previous output survives and no temporary file is left (a failed check
# prints FAIL and fails the test). Without mount rights, the same failure is
# checked on stdout redirected to /dev/full (there is no previous file then).
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "{\"id\":\"d%d\",\"date\":\"2017-05\",\"text\":\"Poutine et Trump.\"}\n", i }' > "$TMP/in.jsonl"
mkdir "$TMP/mnt"
fail=0
if mount -t tmpfs -o size=64k tmpfs "$TMP/mnt" 2>/dev/null; then
    echo previous > "$TMP/mnt/out.jsonl"
    "$RELGRAPH" extract "$TMP/in.jsonl" -o "$TMP/mnt/out.jsonl" 2> "$TMP/err"
    rc=$?
    [ "$(cat "$TMP/mnt/out.jsonl")" = previous ] || { echo "FAIL: previous output lost"; fail=1; }
    [ "$(ls "$TMP/mnt")" = out.jsonl ] || { echo "FAIL: temporary file left"; fail=1; }
    umount "$TMP/mnt"
    grep -q '/mnt/out.jsonl: write failed: No space left on device' "$TMP/err" && echo "message ok"
else
    "$RELGRAPH" extract "$TMP/in.jsonl" > /dev/full 2> "$TMP/err"
    rc=$?
    grep -q '<stdout>: write failed: No space left on device' "$TMP/err" && echo "message ok"
fi
echo "exit $rc"
exit $fail
