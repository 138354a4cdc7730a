#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Independent check of relgraph's metrics: rebuilds the co-mention graph of
# each Graphology JSON file given (edges with comention > 0, weight =
# comention, distance = 1/weight) with networkx and compares degree,
# strength, betweenness, closeness, harmonic centrality, PageRank,
# eigenvector centrality (connected graphs only) and modularity with the
# values relgraph wrote. Prints one line per file; exit 1 on a mismatch.
import json
import sys

import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

TOL = 2e-6  # files hold 6 decimals


def compare(path):
    g = json.load(open(path, encoding="utf-8"))
    G = nx.Graph()
    attrs = {n["key"]: n["attributes"] for n in g["nodes"]}
    G.add_nodes_from(attrs)
    for e in g["edges"]:
        w = e["attributes"]["comention"]
        if w > 0:
            G.add_edge(e["source"], e["target"], weight=w, dist=1.0 / w)
    n = G.number_of_nodes()
    want = {
        "degree": dict(G.degree()),
        "strength": dict(G.degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(G, weight="dist", normalized=False),
        "closeness": nx.closeness_centrality(G, distance="dist", wf_improved=False),
        "harmonic": {k: (v / (n - 1) if n > 1 else 0.0)
                     for k, v in nx.harmonic_centrality(G, distance="dist").items()},
        "pagerank": _pagerank_python(G, alpha=0.85, weight="weight", tol=1e-13, max_iter=10000),
    }
    if n > 1 and G.number_of_edges() > 0 and nx.is_connected(G):
        ev = nx.eigenvector_centrality(G, weight="weight", tol=1e-13, max_iter=10000)
        top = max(ev.values())
        want["eigenvector"] = {k: v / top for k, v in ev.items()}
    bad = 0
    for metric, values in sorted(want.items()):
        for node, v in sorted(values.items()):
            got = attrs[node][metric]
            if abs(got - v) > TOL * max(1.0, abs(v)):
                print(f"{path}: {node} {metric}: relgraph {got}, networkx {v:.6f}")
                bad += 1
    if G.number_of_edges() > 0:
        comms = {}
        for node, a in attrs.items():
            comms.setdefault(a["community"], set()).add(node)
        q = nx.community.modularity(G, comms.values(), weight="weight")
        got = g["attributes"]["metrics"]["modularity"]
        if abs(got - q) > TOL:
            print(f"{path}: modularity: relgraph {got}, networkx {q:.6f}")
            bad += 1
    checked = sum(len(v) for v in want.values())
    print(f"{path.split('/')[-1]}: {n} nodes, {G.number_of_edges()} edges, "
          f"{checked} values, {bad} mismatches")
    return bad


def main():
    bad = sum(compare(p) for p in sys.argv[1:])
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
