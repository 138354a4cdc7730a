#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Parses DIR/nodes.csv and DIR/edges.csv with Python's csv module (RFC 4180)
# and compares them with DIR/graph.json: rows, ids, labels, weights.
import csv
import json
import sys

d = sys.argv[1]
g = json.load(open(f"{d}/graph.json", encoding="utf-8"))
raw = open(f"{d}/nodes.csv", "rb").read()
assert raw.count(b"\r\n") == raw.count(b"\n"), "line ends are not CRLF"
nodes = list(csv.DictReader(open(f"{d}/nodes.csv", encoding="utf-8", newline="")))
edges = list(csv.DictReader(open(f"{d}/edges.csv", encoding="utf-8", newline="")))
assert [r["Id"] for r in nodes] == [n["key"] for n in g["nodes"]], "node ids"
assert [r["Label"] for r in nodes] == [n["attributes"]["label"] for n in g["nodes"]], "labels"
for r, n in zip(nodes, g["nodes"]):
    assert abs(float(r["pagerank"]) - n["attributes"]["pagerank"]) < 1e-12, r["Id"]
assert [(r["Source"], r["Target"]) for r in edges] == [(e["source"], e["target"]) for e in g["edges"]]
assert all(r["Type"] == "Undirected" for r in edges)
for r, e in zip(edges, g["edges"]):
    assert float(r["Weight"]) == e["attributes"]["weight"], r["Id"]
print(f"csv: {len(nodes)} nodes, {len(edges)} edges, {len(nodes[0])} node columns, ok")
