#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Reads graph.gexf with networkx and checks it against the Graphology JSON it
# was made from: usage exports_gexf.py DIR (DIR/graph.gexf, DIR/graph.json,
# DIR/periods/*.json). Checks node and edge sets, labels byte for byte (the
# escaping), types of dynamic attributes, one spell per period of presence,
# and per-period edge weights. Prints a summary line; exit 1 on a mismatch.
import glob
import json
import sys

import networkx as nx
from networkx.readwrite import gexf as nxg

# networkx knows the GEXF 1.1draft and 1.2draft namespaces only; 1.3 has the
# same elements under http://gexf.net/1.3, so register it before reading.
nxg.GEXF.versions.setdefault("1.3", {
    "NS_GEXF": "http://gexf.net/1.3",
    "NS_VIZ": "http://gexf.net/1.3/viz",
    "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
    "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
    "VERSION": "1.3",
})

bad = []


def check(cond, msg):
    if not cond:
        bad.append(msg)


def main(d):
    G = nx.read_gexf(f"{d}/graph.gexf", version="1.3")
    overall = json.load(open(f"{d}/graph.json", encoding="utf-8"))
    periods = [json.load(open(p, encoding="utf-8"))
               for p in sorted(glob.glob(f"{d}/periods/*.json"))] or [overall]
    check(G.graph.get("mode") == "dynamic", "graph mode is not dynamic")
    check(not G.is_directed() and not G.is_multigraph(), "not a simple undirected graph")
    nodes = {n["key"]: n["attributes"] for g in [overall] + periods for n in g["nodes"]}
    edges = {(e["source"], e["target"]) for g in [overall] + periods for e in g["edges"]}
    check(set(G.nodes) == set(nodes), "node sets differ")
    check(G.number_of_edges() == len(edges), f"{G.number_of_edges()} edges, want {len(edges)}")
    for key, a in nodes.items():
        data = G.nodes[key]
        check(data["label"] == a.get("label", key), f"{key}: label {data['label']!r}")
        check(data.get("type") == a.get("type"), f"{key}: type")
        spells = [(p["attributes"]["period_start"], p["attributes"]["period_end"])
                  for p in periods if any(n["key"] == key for n in p["nodes"])]
        check(data.get("spells") == spells, f"{key}: spells {data.get('spells')} want {spells}")
        for name, want_type in (("mentions", int), ("degree", int), ("pagerank", float)):
            for v, start, end in data.get(name, []):
                check(type(v) is want_type, f"{key}: {name} is {type(v).__name__}")
    for p in periods:
        for e in p["edges"]:
            data = G.edges[e["source"], e["target"]]
            got = [v for v, s, _ in data["comention"] if s == p["attributes"]["period_start"]]
            check(got == [e["attributes"]["comention"]], f"{e['key']}: comention {got}")
    print(f"gexf: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges, "
          f"{len(periods)} periods, {len(bad)} problems")
    for m in bad[:20]:
        print("  " + m)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
