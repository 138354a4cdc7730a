# SPDX-License-Identifier: MIT
# `extract --threads N` writes byte-identical output for N = 1, 2 and 4: on
# the sample corpus, on 300 generated .txt files and on 700 generated JSON
# Lines documents (more than two pipeline batches, so batches overlap).
set -eu

# Sentence i of a generated document: actors, stances, tone, quotes,
# accents, joined paragraphs ("jeudi.Le"), a date, some empty documents.
gen_text() { # doc-number
    awk -v d="$1" 'BEGIN {
        s[0] = "Vladimir Poutine a condamné vendredi les sanctions imposées par Donald Trump."
        s[1] = "Emmanuel Macron a salué « une avancée historique » avec Angela Merkel à Berlin."
        s[2] = "Le président russe a rencontré Recep Tayyip Erdogan à Sotchi jeudi.Le Kremlin a démenti."
        s[3] = "Theresa May a critiqué Bruxelles, tandis que Moscou soutient Bachar al-Assad."
        s[4] = "Selon Xi Jinping, la Chine et les États-Unis doivent coopérer."
        s[5] = "Kim Jong-un a menacé Washington ; Donald Trump a répondu par des insultes."
        s[6] = "Benyamin Netanyahou et Barack Obama se sont entretenus le 3 mars 2017 à Washington."
        s[7] = "Le gouvernement a annoncé une réforme des retraites, sans commentaire de l’Élysée."
        s[8] = "Volodymyr Zelensky a remercié Emmanuel Macron pour son soutien."
        s[9] = "Publicité"
        n = (d * 7) % 11
        if (d % 50 == 49) { exit }
        for (i = 0; i < n; i++) {
            printf "%s%s", s[(d * 3 + i * 5) % 10], (i % 3 == 2) ? "\n\n" : " "
        }
        printf "\n"
    }'
}

mkdir -p "$TMP/gen"
i=0
while [ "$i" -lt 300 ]; do
    gen_text "$i" > "$TMP/gen/doc$(printf '%04d' "$i").txt"
    i=$((i + 1))
done
i=0
while [ "$i" -lt 700 ]; do
    printf '{"id": "j%d", "date": "2019-%02d-01", "text": "%s"}\n' "$i" $((i % 12 + 1)) \
        "$(gen_text "$i" | awk '{ printf "%s\\n", $0 }')"
    i=$((i + 1))
done > "$TMP/gen.jsonl"

for input in corpus/seeds "$TMP/gen" "$TMP/gen.jsonl"; do
    for t in 1 2 4; do
        "$RELGRAPH" -q extract --threads "$t" --date 2019-06 "$input" > "$TMP/out.$t"
    done
    [ -s "$TMP/out.1" ] || { echo "no output for $input"; exit 1; }
    cmp "$TMP/out.1" "$TMP/out.2"
    cmp "$TMP/out.1" "$TMP/out.4"
done
echo "threads: identical"
