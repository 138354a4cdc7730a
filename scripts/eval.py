#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Score `relgraph extract` output against gold annotations.

usage: eval.py GOLD.json EVIDENCE.jsonl [--min persons=1.0 comention=0.95 ...]

Gold shape: see tests/eval/seeds.gold.json ('persons', 'comention' pairs,
'stance' and 'state_stance' triples, 'optional' entries that count neither
way, 'date'). Scores are micro-averaged over documents. With --min, exits 1
when a score is below its floor (used by the CLI tests).
"""
import json
import sys


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold_set, pred_set, optional):
    tp = len(gold_set & pred_set)
    fp = len(pred_set - gold_set - optional)
    fn = len(gold_set - pred_set)
    return tp, fp, fn


def triples(items):
    return {(s["source"], s["target"], s["sign"]) for s in items}


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    gold = json.load(open(argv[1], encoding="utf-8"))["documents"]
    floors = {}
    if "--min" in argv:
        for kv in argv[argv.index("--min") + 1:]:
            k, v = kv.split("=")
            floors[k] = float(v)
    pred = {}
    types = {}
    for line in open(argv[2], encoding="utf-8"):
        d = json.loads(line)
        pred[d["doc"]] = d
        for m in d["mentions"]:
            types[m["actor"]] = m["type"]

    def is_person(a):
        return types.get(a, "person" if a.islower() else "state") == "person"

    totals = {k: [0, 0, 0] for k in ("persons", "comention", "stance", "state_stance")}
    dates_ok = 0
    errors = []
    for doc_id, g in sorted(gold.items()):
        d = pred.get(doc_id)
        if d is None:
            errors.append("%s: missing from the evidence" % doc_id)
            d = {"mentions": [], "relations": [], "date": None}
        opt = g.get("optional", {})
        persons = {m["actor"] for m in d["mentions"] if m["type"] == "person"}
        pairs = {tuple(sorted((r["source"], r["target"]))) for r in d["relations"]
                 if r["type"] == "comention" and is_person(r["source"]) and is_person(r["target"])}
        stances = {(r["source"], r["target"], r["sign"]) for r in d["relations"]
                   if r["type"] == "stance" and is_person(r["source"]) and is_person(r["target"])}
        sstances = {(r["source"], r["target"], r["sign"]) for r in d["relations"]
                     if r["type"] == "stance" and not is_person(r["source"])
                     and not is_person(r["target"])}
        sets = {}
        if g.get("persons") is not None:  # a gold file may annotate stance only
            sets["persons"] = (set(g["persons"]), persons, set(opt.get("persons", [])))
        if g.get("comention") is not None:
            sets["comention"] = ({tuple(sorted(p)) for p in g["comention"]}, pairs,
                                 {tuple(sorted(p)) for p in opt.get("comention", [])})
        sets.update({
            "stance": (triples(g.get("stance", [])), stances, triples(opt.get("stance", []))),
            "state_stance": (triples(g.get("state_stance", [])), sstances,
                             triples(opt.get("state_stance", []))),
        })
        for k, (gs, ps, os_) in sets.items():
            tp, fp, fn = score(gs, ps, os_)
            totals[k][0] += tp
            totals[k][1] += fp
            totals[k][2] += fn
            for x in sorted(ps - gs - os_, key=str):
                errors.append("%s: %s extra %s" % (doc_id, k, x))
            for x in sorted(gs - ps, key=str):
                errors.append("%s: %s missed %s" % (doc_id, k, x))
        gd = g.get("date")
        pd = d.get("date") or ""
        if gd and pd[:len(gd)] == gd:
            dates_ok += 1
        elif gd:
            errors.append("%s: date %s, gold %s" % (doc_id, pd or "none", gd))
    print("%-14s %9s %9s %9s %5s %5s %5s" % ("measure", "precision", "recall", "F1", "tp", "fp", "fn"))
    result = {}
    for k, (tp, fp, fn) in totals.items():
        p, r, f = prf(tp, fp, fn)
        result[k] = f
        print("%-14s %9.3f %9.3f %9.3f %5d %5d %5d" % (k, p, r, f, tp, fp, fn))
    ndates = sum(1 for g in gold.values() if g.get("date"))
    result["dates"] = dates_ok / ndates if ndates else 1.0
    print("%-14s %d/%d right" % ("dates", dates_ok, ndates))
    if errors:
        print("\ndifferences:")
        for e in errors:
            print("  " + e)
    bad = [k for k, v in floors.items() if result.get(k, 0.0) + 1e-9 < v]
    for k in bad:
        print("below the floor: %s %.3f < %.3f" % (k, result[k], floors[k]), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
