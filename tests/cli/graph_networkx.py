#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Independent check of relgraph's metrics: rebuilds the co-mention graph of
# each Graphology JSON file given (edges with comention > 0, weight =
# comention, distance = 1/weight) with networkx and compares degree,
# strength, betweenness, closeness, harmonic centrality, PageRank,
# eigenvector centrality (connected graphs only) and modularity with the
# values relgraph wrote; then density, components and structural balance of
# the graph, and HITS hub and authority scores of the stance graph rebuilt
# from the evidence file (u -> v weighted by summed |intensity| of u's signed
# stances towards v), with networkx's pure-Python HITS (Debian's networkx
# comes without numpy). Prints one line per file; exit 1 on a mismatch.
# usage: graph_networkx.py EVIDENCE.jsonl GRAPH.json... (month periods)
import itertools
import json
import sys
from collections import defaultdict

import networkx as nx
from networkx.algorithms.link_analysis.hits_alg import _hits_python
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

TOL = 2e-6  # files hold 6 decimals


def stance_graphs(evidence):
    """Directed stance graph per period key ("all" = overall)."""
    per = defaultdict(lambda: defaultdict(float))
    for line in open(evidence, encoding="utf-8"):
        doc = json.loads(line)
        keys = ["all"] + ([doc["date"][:7]] if doc["date"] else [])
        for r in doc["relations"]:
            if r["type"] == "stance" and r["sign"] != 0:
                for k in keys:
                    per[k][(r["source"], r["target"])] += abs(r["weight"])
    return per


def graph_values(g, G, attrs):
    """Graph-level values recomputed: density, components, balance."""
    n = G.number_of_nodes()
    sign = {}
    for e in g["edges"]:
        if e["attributes"]["sign"] != 0:
            sign[frozenset((e["source"], e["target"]))] = e["attributes"]["sign"]
    signed = balanced = 0
    for a, b, c in itertools.combinations(sorted(attrs), 3):
        s = [sign.get(frozenset(p)) for p in ((a, b), (b, c), (a, c))]
        if all(s):
            signed += 1
            balanced += s[0] * s[1] * s[2] > 0
    return {
        "density": 2 * G.number_of_edges() / (n * (n - 1)) if n > 1 else 0.0,
        "components": nx.number_connected_components(G) if n else 0,
        "signed_triangles": signed,
        "balanced_triangles": balanced,
        "balance": balanced / signed if signed else 0.0,
    }


def hits_values(edges, nodes):
    """HITS scaled to max 1, as relgraph writes them; 0 without edges."""
    hub = {k: 0.0 for k in nodes}
    auth = dict(hub)
    if edges:
        D = nx.DiGraph()
        D.add_nodes_from(nodes)
        for (u, v), w in edges.items():
            D.add_edge(u, v, weight=w)
        h, a = _hits_python(D, max_iter=100000, tol=1e-14)
        for out, val in ((hub, h), (auth, a)):
            top = max(val.values())
            out.update({k: x / top for k, x in val.items()})
    return hub, auth


def compare(path, stance):
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
    key = "all" if path.endswith("graph.json") else path.split("/")[-1][:-5]
    want["hub"], want["authority"] = hits_values(stance.get(key, {}), attrs)
    bad = 0
    metrics = g["attributes"]["metrics"]
    for name, v in sorted(graph_values(g, G, attrs).items()):
        if abs(metrics[name] - v) > TOL:
            print(f"{path}: {name}: relgraph {metrics[name]}, networkx {v:.6f}")
            bad += 1
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
    checked = sum(len(v) for v in want.values()) + 5
    print(f"{path.split('/')[-1]}: {n} nodes, {G.number_of_edges()} edges, "
          f"{checked} values, {bad} mismatches")
    return bad


def main():
    stance = stance_graphs(sys.argv[1])
    bad = sum(compare(p, stance) for p in sys.argv[2:])
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
