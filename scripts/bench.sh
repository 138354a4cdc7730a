#!/bin/sh
# SPDX-License-Identifier: MIT
# Throughput benchmark (make bench CORPUS=.../orangesum_parsed.jsonl).
#
# Measures `relgraph extract` and `relgraph build` on a JSON Lines corpus
# and on the same articles as plain .txt files (converted once into a temp
# folder with a manifest of dates), with 1 and 2 threads, median of
# BENCH_RUNS runs (default 5): wall and CPU seconds, MB/s, documents/s,
# sentences/s (from the evidence "sentences" counts) and peak RSS. Then a
# corpus BENCH_SCALE times larger (the same articles with new ids) for
# linear time and flat memory. Reference points on the same bytes:
#   grep -c -i -F -f ALIASES  the floor asked for (stops at a line's first hit)
#   grep -o -i -F -f ALIASES  a full scan (LC_ALL=C; UTF-8 -i is much slower)
#   bench/jansson_floor.c     JSON parsing alone (json_loadb + json_decref)
#   bench/baseline.py         regex aliases + networkx, what a user would write
# Prints a markdown table for the README and docs/performance.md.
#
# Environment: RELGRAPH (default build/relgraph), BENCH_RUNS (5),
# BENCH_THREADS ("1 2"), BENCH_SCALE (10; 0 skips), BENCH_SCALE_RUNS (1),
# BENCH_PY_RUNS (1; 0 skips the Python baseline), CC, TMPDIR.
set -eu

CORPUS=${1:-}
if [ -z "$CORPUS" ] || [ ! -f "$CORPUS" ]; then
    echo "usage: sh scripts/bench.sh CORPUS.jsonl  (or make bench CORPUS=...)" >&2
    exit 2
fi
RG=${RELGRAPH:-build/relgraph}
RUNS=${BENCH_RUNS:-5}
THREADS=${BENCH_THREADS:-1 2}
SCALE=${BENCH_SCALE:-10}
SCALE_RUNS=${BENCH_SCALE_RUNS:-1}
PY_RUNS=${BENCH_PY_RUNS:-1}
PY=/usr/bin/python3 # Debian's, with python3-networkx
export LC_ALL=C.UTF-8 TZ=UTC
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is required (Debian: time)" >&2; exit 1; }
[ -x "$RG" ] || { echo "bench: $RG not built (make)" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/relgraph-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
RES=$T/results.tsv
: > "$RES"
JSONL_OPTS="--id-field file --text-field title --text-field heading --text-field article"

log() { printf '%s\n' "$*" >&2; }

# measure NAME RUNS CMD...: runs CMD, records median wall, CPU (user+sys)
# and peak RSS (KiB) in $RES, or n/a when any run fails. When $fresh names
# a path, it is removed before each run, untimed (see measure_fresh).
fresh=
measure() {
    name=$1 runs=$2
    shift 2
    : > "$T/m"
    i=0
    while [ "$i" -lt "$runs" ]; do
        if [ -n "$fresh" ]; then
            rm -rf "$fresh"
        fi
        if ! /usr/bin/time -f '%e %U %S %M' -o "$T/t" "$@" > "$T/out" 2> "$T/err"; then
            log "  $name: failed ($(tail -1 "$T/err"))"
            printf '%s\tn/a\tn/a\tn/a\n' "$name" >> "$RES"
            return 0
        fi
        tail -1 "$T/t" >> "$T/m"
        i=$((i + 1))
    done
    med() { awk -v c="$1" '{ print $c }' "$T/m" | sort -n |
            awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
    awk '{ print $1, $2 + $3, $4 }' "$T/m" > "$T/m2" && mv "$T/m2" "$T/m"
    printf '%s\t%.2f\t%.2f\t%d\n' "$name" "$(med 1)" "$(med 2)" "$(med 3)" >> "$RES"
    log "  $(tail -1 "$RES")"
}

# measure_fresh OUT NAME RUNS CMD...: measure, each run writing OUT anew.
# Replacing a file costs its old inode's release, which this machine's disk
# (ext4 mounted with discard, on a VM) makes about 1 ms a file: 80 ms for
# build's 78 files, a cost of the disk, not of relgraph. The runs are timed
# on an empty target; one row (build_jsonl_replace) keeps the other case.
measure_fresh() {
    fresh=$1
    shift
    measure "$@"
    fresh=
}

get() { awk -F'\t' -v n="$1" -v f="$2" '$1 == n { print $f }' "$RES"; }

# -- inputs ---------------------------------------------------------------
log "bench: converting $CORPUS to .txt files"
mkdir -p "$T/txt"
$PY - "$CORPUS" "$T/txt" "$T/manifest.tsv" <<'EOF'
import json, sys
src, out, manifest = sys.argv[1:4]
with open(src, encoding='utf-8') as f, open(manifest, 'w', encoding='utf-8') as m:
    m.write('id\tdate\n')
    for line in f:
        d = json.loads(line)
        doc_id = d['file'].rsplit('.json', 1)[0]
        text = '\n\n'.join(d.get(k) or '' for k in ('title', 'heading', 'article'))
        with open(f'{out}/{doc_id}.txt', 'w', encoding='utf-8') as t:
            t.write(text + '\n')
        m.write(f"{doc_id}\t{d.get('date') or ''}\n")
EOF
find "$T/txt" -name '*.txt' -exec cat {} + > "$T/all.txt"
$PY -c 'import json
d = json.load(open("data/actors.json", encoding="utf-8"))
print("\n".join(sorted({a if isinstance(a, str) else a["form"] for x in d["actors"]
                        for k in ("aliases", "metonyms") for a in x.get(k, [])})))' > "$T/aliases.txt"
JSONL_BYTES=$(wc -c < "$CORPUS")
TXT_BYTES=$(wc -c < "$T/all.txt")
log "bench: $(wc -l < "$T/aliases.txt") aliases; jsonl $JSONL_BYTES bytes, text $TXT_BYTES bytes"

# -- reference points ----------------------------------------------------
log "bench: reference points"
measure grep_jsonl "$RUNS" grep -c -i -F -f "$T/aliases.txt" "$CORPUS"
measure grep_txt "$RUNS" grep -r -c -i -F -f "$T/aliases.txt" "$T/txt"
measure grepo_jsonl "$RUNS" sh -c 'LC_ALL=C grep -o -i -F -f "$1" "$2" | wc -l' sh "$T/aliases.txt" "$CORPUS"
measure grepo_txt "$RUNS" sh -c 'LC_ALL=C grep -o -i -F -f "$1" "$2" | wc -l' sh "$T/aliases.txt" "$T/all.txt"
# grep -c with whole words (-w), as relgraph matches names ("UE" is not in
# "quelque"): GNU grep re-checks each substring hit, so it is slow (one run)
measure grepw_jsonl 1 grep -c -i -F -w -f "$T/aliases.txt" "$CORPUS"
if ${CC:-cc} -O2 -o "$T/jansson_floor" bench/jansson_floor.c \
        $(pkg-config --cflags --libs jansson); then
    measure jansson_jsonl "$RUNS" "$T/jansson_floor" "$CORPUS"
else
    printf 'jansson_jsonl\tn/a\tn/a\tn/a\n' >> "$RES"
fi
if [ "$PY_RUNS" -gt 0 ]; then
    measure python_jsonl "$PY_RUNS" $PY bench/baseline.py data/actors.json "$CORPUS" "$T/py.json"
    measure python_txt "$PY_RUNS" $PY bench/baseline.py data/actors.json "$T/txt" "$T/py.json" \
        "$T/manifest.tsv"
fi

# -- relgraph ------------------------------------------------------------
for t in $THREADS; do
    log "bench: relgraph, $t thread(s)"
    # shellcheck disable=SC2086
    measure_fresh "$T/ev_jsonl.jsonl" "extract_jsonl_$t" "$RUNS" "$RG" -q extract \
        --threads "$t" $JSONL_OPTS "$CORPUS" -o "$T/ev_jsonl.jsonl"
    measure_fresh "$T/ev_txt.jsonl" "extract_txt_$t" "$RUNS" "$RG" -q extract --threads "$t" \
        --manifest "$T/manifest.tsv" "$T/txt" -o "$T/ev_txt.jsonl"
    # shellcheck disable=SC2086
    measure_fresh "$T/out_jsonl" "build_jsonl_$t" "$RUNS" "$RG" -q build --threads "$t" \
        $JSONL_OPTS "$CORPUS" -o "$T/out_jsonl"
    measure_fresh "$T/out_txt" "build_txt_$t" "$RUNS" "$RG" -q build --threads "$t" \
        --manifest "$T/manifest.tsv" "$T/txt" -o "$T/out_txt"
done
tmax=$(echo $THREADS | awk '{ print $NF }')
log "bench: relgraph build, replacing the outputs of the run before"
# shellcheck disable=SC2086
measure "build_jsonl_replace_$tmax" "$RUNS" "$RG" -q build --threads "$tmax" $JSONL_OPTS \
    "$CORPUS" -o "$T/out_jsonl"

count() { # documents and sentences of an evidence file
    if [ -s "$1" ]; then
        awk '{ n++; if (match($0, /"sentences":[0-9]+/)) s += substr($0, RSTART + 12, RLENGTH - 12) }
             END { printf "%d %d\n", n, s }' "$1"
    else
        echo "0 0"
    fi
}
set -- $(count "$T/ev_jsonl.jsonl")
DOCS=$1 SENTS=$2
set -- $(count "$T/ev_txt.jsonl")
DOCS_TXT=$1 SENTS_TXT=$2

if [ "$SCALE" -gt 1 ]; then
    log "bench: corpus x$SCALE"
    k=0
    while [ "$k" -lt "$SCALE" ]; do
        sed "s/^{\"file\": \"/{\"file\": \"r$k-/" "$CORPUS"
        k=$((k + 1))
    done > "$T/big.jsonl"
    rm -rf "$T/txt" "$T/all.txt" "$T/out_jsonl" "$T/out_txt"
    # shellcheck disable=SC2086
    measure "extract_jsonl_x${SCALE}_$tmax" "$SCALE_RUNS" "$RG" -q extract --threads "$tmax" \
        $JSONL_OPTS "$T/big.jsonl" -o "$T/ev_big.jsonl"
    rm -f "$T/ev_big.jsonl"
    # shellcheck disable=SC2086
    measure_fresh "$T/out_big" "build_jsonl_x${SCALE}_$tmax" "$SCALE_RUNS" "$RG" -q build \
        --threads "$tmax" $JSONL_OPTS "$T/big.jsonl" -o "$T/out_big"
fi

# -- table -----------------------------------------------------------------
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
printf '\nMachine: %s, nproc %s; load average at the end: %s. Runs: median of %s.\n' \
    "$cpu" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$RUNS"
printf 'Corpus: %s documents, %s sentences; JSONL %s bytes, text %s bytes.\n\n' \
    "$DOCS" "$SENTS" "$JSONL_BYTES" "$TXT_BYTES"
printf '| run | input | threads | wall s | CPU s | MB/s | docs/s | sentences/s | peak RSS MB | x grep -c | x grep -o |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
row() { # name label input threads bytes docs sents floor1 floor2
    awk -F'\t' -v n="$1" -v lab="$2" -v inp="$3" -v th="$4" -v b="$5" -v d="$6" -v s="$7" \
        -v f1="$(get "$8" 2)" -v f2="$(get "$9" 2)" '
        function r(x, y) { return (y + 0 > 0 && x != "n/a") ? sprintf("%.1f", x / y) : "n/a" }
        function per(x, w) { return (w != "n/a" && w + 0 > 0 && x + 0 > 0) ? sprintf("%.0f", x / w) : "n/a" }
        $1 == n { rss = $4 == "n/a" ? "n/a" : sprintf("%.0f", $4 / 1024)
                  mb = $2 == "n/a" ? "n/a" : sprintf("%.1f", b / 1e6 / $2)
                  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", lab, inp, th,
                      $2, $3, mb, per(d, $2), per(s, $2), rss, r($2, f1), r($2, f2) }' "$RES"
}
row grep_jsonl "grep -c -i -F (floor)" JSONL 1 "$JSONL_BYTES" "$DOCS" "$SENTS" grep_jsonl grepo_jsonl
row grepo_jsonl "grep -o -i -F, LC_ALL=C (full scan)" JSONL 1 "$JSONL_BYTES" "$DOCS" "$SENTS" grep_jsonl grepo_jsonl
row grepw_jsonl "grep -c -i -F -w (whole words)" JSONL 1 "$JSONL_BYTES" "$DOCS" "$SENTS" grep_jsonl grepo_jsonl
row jansson_jsonl "jansson json_loadb only" JSONL 1 "$JSONL_BYTES" "$DOCS" "$SENTS" grep_jsonl grepo_jsonl
row python_jsonl "Python regex + networkx" JSONL 1 "$JSONL_BYTES" "$DOCS" "$SENTS" grep_jsonl grepo_jsonl
for t in $THREADS; do
    row "extract_jsonl_$t" "relgraph extract" JSONL "$t" "$JSONL_BYTES" "$DOCS" "$SENTS" grep_jsonl grepo_jsonl
    row "build_jsonl_$t" "relgraph build" JSONL "$t" "$JSONL_BYTES" "$DOCS" "$SENTS" grep_jsonl grepo_jsonl
done
row "build_jsonl_replace_$tmax" "relgraph build, over its last outputs" JSONL "$tmax" "$JSONL_BYTES" \
    "$DOCS" "$SENTS" grep_jsonl grepo_jsonl
row grep_txt "grep -r -c -i -F (floor)" text 1 "$TXT_BYTES" "$DOCS_TXT" "$SENTS_TXT" grep_txt grepo_txt
row grepo_txt "grep -o -i -F, LC_ALL=C (full scan)" text 1 "$TXT_BYTES" "$DOCS_TXT" "$SENTS_TXT" grep_txt grepo_txt
row python_txt "Python regex + networkx" text 1 "$TXT_BYTES" "$DOCS_TXT" "$SENTS_TXT" grep_txt grepo_txt
for t in $THREADS; do
    row "extract_txt_$t" "relgraph extract" text "$t" "$TXT_BYTES" "$DOCS_TXT" "$SENTS_TXT" grep_txt grepo_txt
    row "build_txt_$t" "relgraph build" text "$t" "$TXT_BYTES" "$DOCS_TXT" "$SENTS_TXT" grep_txt grepo_txt
done
if [ "$SCALE" -gt 1 ]; then
    tmax=$(echo $THREADS | awk '{ print $NF }')
    for c in extract build; do
        row "${c}_jsonl_x${SCALE}_$tmax" "relgraph $c, corpus x$SCALE" JSONL "$tmax" \
            $((JSONL_BYTES * SCALE)) $((DOCS * SCALE)) $((SENTS * SCALE)) grep_jsonl grepo_jsonl
    done
    printf '\n(x grep columns of the x%s rows compare with grep on the x1 corpus: linear time shows as %s times the x1 ratio.)\n' "$SCALE" "$SCALE"
fi
pw=$(get python_jsonl 2)
bw=$(get "build_jsonl_$(echo $THREADS | awk '{ print $NF }')" 2)
if [ -n "$pw" ] && [ "$pw" != "n/a" ] && [ -n "$bw" ] && [ "$bw" != "n/a" ]; then
    printf '\nPython baseline / relgraph build (JSONL): %s times the wall time.\n' \
        "$(awk -v a="$pw" -v b="$bw" 'BEGIN { printf "%.1f", a / b }')"
fi
