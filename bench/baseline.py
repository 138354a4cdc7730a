#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Benchmark baseline: what a user would write without relgraph.

Reads the same input as `relgraph build` (a JSON Lines file with the
OrangeSum fields, or a folder of .txt files plus a manifest TSV), finds the
dictionary's aliases with one compiled regular expression (case-insensitive,
word boundaries), counts co-mentions per sentence and month, builds one
networkx graph per month and computes degree, strength, betweenness and
PageRank, then writes them as JSON. No cleaning, no roles, no stance: far
less work than relgraph does.

usage: /usr/bin/python3 bench/baseline.py ACTORS.json INPUT OUT.json [MANIFEST.tsv]
(Debian's python3-networkx: run it with /usr/bin/python3.)
"""
import json
import os
import re
import sys
from collections import defaultdict

import networkx as nx

try:  # without numpy/scipy, networkx 2.8 still has the pure Python PageRank
    import numpy  # noqa: F401
    pagerank = nx.pagerank
except ImportError:
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python as pagerank

SENTENCE = re.compile(r'(?<=[.!?»])\s+|(?<=[a-zà-ÿ][.!?])(?=[A-ZÀ-Ý])')


def load_aliases(path):
    """alias form -> actor id, and one regex matching any form."""
    data = json.load(open(path, encoding='utf-8'))
    forms = {}
    for actor in data['actors']:
        for key in ('aliases', 'metonyms'):
            for a in actor.get(key, []):
                form = a if isinstance(a, str) else a['form']
                forms[form.lower()] = actor['id']
    alts = sorted(forms, key=len, reverse=True)
    rx = re.compile(r'\b(' + '|'.join(re.escape(f) for f in alts) + r')\b', re.I)
    return forms, rx


def documents(path, manifest):
    """Yields (month, text) for each document."""
    if os.path.isdir(path):
        dates = {}
        if manifest:
            with open(manifest, encoding='utf-8') as f:
                next(f)
                for line in f:
                    doc_id, date = line.rstrip('\n').split('\t')[:2]
                    dates[doc_id] = date
        for root, _, files in os.walk(path):
            for name in sorted(files):
                if name.endswith('.txt'):
                    with open(os.path.join(root, name), encoding='utf-8') as f:
                        yield dates.get(name[:-4], '')[:7], f.read()
    else:
        with open(path, encoding='utf-8') as f:
            for line in f:
                doc = json.loads(line)
                text = '\n\n'.join(doc.get(k) or '' for k in ('title', 'heading', 'article'))
                yield (doc.get('date') or '')[:7], text


def main():
    actors, inp, out = sys.argv[1:4]
    manifest = sys.argv[4] if len(sys.argv) > 4 else None
    forms, rx = load_aliases(actors)
    edges = defaultdict(lambda: defaultdict(int))  # month -> (a, b) -> weight
    docs = sentences = 0
    for month, text in documents(inp, manifest):
        docs += 1
        for sent in SENTENCE.split(text):
            sentences += 1
            ids = sorted({forms[m.lower()] for m in rx.findall(sent)})
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    edges[month][(a, b)] += 1
    result = {}
    for month in sorted(edges):
        g = nx.Graph()
        for (a, b), w in edges[month].items():
            g.add_edge(a, b, weight=w)
        result[month] = {
            'degree': dict(g.degree()),
            'strength': dict(g.degree(weight='weight')),
            'betweenness': nx.betweenness_centrality(g),
            'pagerank': pagerank(g, weight='weight'),
        }
    with open(out, 'w', encoding='utf-8') as f:
        json.dump(result, f, sort_keys=True)
    print(f'{docs} documents, {sentences} sentences, {len(result)} months')


if __name__ == '__main__':
    main()
