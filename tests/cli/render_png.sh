# PNG and SVG output: PNG signature, sane size and pixel dimensions; the
# strip of periods; outputs in -o DIR.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/render-lsan.supp:print_suppressions=0"
g=tests/fixtures/graphs/basic
"$RELGRAPH_RENDER" -f png,svg -o "$TMP/out" --layout-from $g/graph.json \
    --strip "$TMP/out/periods.png" $g/graph.json $g/periods/2017-11.json \
    $g/periods/2017-12.json || exit 1
for f in graph 2017-11 2017-12 periods; do
    p="$TMP/out/$f.png"
    sig=$(head -c 8 "$p" | od -An -tx1 | tr -d ' \n')
    [ "$sig" = "89504e470d0a1a0a" ] || { echo "$f: not a PNG ($sig)"; continue; }
    size=$(wc -c < "$p")
    w=$(od -An -j16 -N4 -tu1 "$p" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
    h=$(od -An -j20 -N4 -tu1 "$p" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
    if [ "$size" -gt 5000 ] && [ "$size" -lt 20000000 ] && [ "$w" -ge 300 ] && [ "$w" -le 12000 ] \
        && [ "$h" -ge 300 ] && [ "$h" -le 12000 ]; then
        echo "$f.png ok"
    else
        echo "$f.png: size $size, ${w}x$h"
    fi
done
for f in graph 2017-11 2017-12; do
    grep -q '^<svg' "$TMP/out/$f.svg" && grep -q '</svg>' "$TMP/out/$f.svg" && echo "$f.svg ok"
done
[ ! -e "$TMP/out/graph.dot" ] && echo "no dot unless asked"
