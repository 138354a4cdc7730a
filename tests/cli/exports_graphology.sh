# Graphology JSON (the fixture and the output of `relgraph build`) imports
# with the graphology npm package. The package is installed once into
# build/npm (npm needs the network the first time).
mods=build/npm/node_modules
if [ ! -f "$mods/graphology/package.json" ]; then
    npm install --prefix build/npm --no-audit --no-fund --silent graphology@0.26.0 >&2 \
        || { echo "exports_graphology: npm cannot install graphology into build/npm" >&2; exit 9; }
fi
g=tests/fixtures/graphs/basic
node tests/cli/exports_graphology.js "$mods" $g/graph.json $g/periods/2017-11.json \
    $g/periods/2017-12.json || exit 1
. tests/cli/exports_corpus.inc
node tests/cli/exports_graphology.js "$mods" "$TMP/out/graph.json" "$TMP/out/periods/"*.json \
    | sed 's/: [0-9]* nodes, [0-9]* edges/: counts ok/'
