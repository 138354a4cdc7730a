// SPDX-License-Identifier: MIT
// Imports Graphology JSON files with the graphology npm package, as Gephi
// Lite and sigma.js do, and checks counts, a few attribute values and their
// types. Usage: node exports_graphology.js NODE_MODULES FILE...
'use strict';
const fs = require('fs');
const path = require('path');
const { Graph } = require(path.resolve(process.argv[2], 'graphology'));
let problems = 0;
function check(cond, msg) {
    if (!cond) { console.log('  ' + msg); problems++; }
}
for (const file of process.argv.slice(3)) {
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    const g = new Graph(data.options); // as Graph.from(data)
    g.import(data);
    check(g.type === 'undirected' && !g.multi, `${file}: type ${g.type}`);
    check(g.order === data.nodes.length, `${file}: order ${g.order}`);
    check(g.size === data.edges.length, `${file}: size ${g.size}`);
    g.forEachNode((key, a) => {
        check(typeof a.label === 'string' && a.label.length > 0, `${key}: label`);
        check(Number.isInteger(a.mentions), `${key}: mentions ${a.mentions}`);
        check(typeof a.pagerank === 'number' && isFinite(a.pagerank), `${key}: pagerank`);
    });
    g.forEachEdge((key, a, s, t) => {
        check(Number.isInteger(a.weight) && a.weight >= 0, `${key}: weight ${a.weight}`);
        check([-1, 0, 1].includes(a.sign), `${key}: sign ${a.sign}`);
        check(s < t, `${key}: source ${s} >= target ${t}`);
    });
    check(typeof g.getAttribute('period') === 'string', `${file}: period`);
    console.log(`${path.basename(file)}: ${g.order} nodes, ${g.size} edges`);
}
if (process.argv.length > 3 && fs.existsSync(process.argv[3]) &&
    process.argv[3].includes('fixtures')) {
    const data = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
    const g = new Graph(data.options);
    g.import(data);
    const label = g.getNodeAttribute('weird', 'label');
    check(label === 'L\'"Union" <européenne> & co\\ \nBruxelles, «UE»', 'weird label: ' + label);
    check(g.getEdgeAttribute('poutine', 'trump', 'stance_net') === 9.2, 'stance_net');
    check(g.getNodeAttribute('erdogan', 'label') === 'Recep Tayyip Erdoğan', 'accents');
}
console.log(`graphology: ${problems} problems`);
process.exit(problems ? 1 : 0);
