#!/usr/bin/python3
"""Scores water-army account findings against a truth file, per tactic.

usage: coord_score.py TRUTH FINDINGS [--json]

For each tactic T: F1 where a true positive is an account truth labels water_army with tactic T
and the findings flag with tactic T; a finding with tactic T on any other account is a false
positive. Also the label-level view (water_army found, whatever the tactic) and, per confounder,
the share of its accounts flagged. Only account subjects are read.
"""
import collections
import json
import sys

TACTICS = ["fake_engagement", "lockstep", "copy_paste", "device_farm"]


def read(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if line:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    sys.exit(f"{path}:{n}: {e}")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    truth_tactic, confounder = {}, {}
    for r in read(sys.argv[1]):
        if r.get("subject") != "account":
            continue
        if r.get("label") == "water_army":
            truth_tactic[r["id"]] = r.get("tactic")
        elif r.get("label") == "organic" and r.get("confounder"):
            confounder[r["id"]] = r["confounder"]
    found = {}
    for r in read(sys.argv[2]):
        if r.get("subject") == "account" and r.get("label") == "water_army":
            found[r["id"]] = r.get("tactic")
    out = {"tactics": {}, "confounders": {}}
    for t in TACTICS:
        truth = {a for a, x in truth_tactic.items() if x == t}
        got = {a for a, x in found.items() if x == t}
        tp, fp, fn = len(truth & got), len(got - truth), len(truth - got)
        any_label = len({a for a in truth if a in found})
        out["tactics"][t] = {
            "truth": len(truth), "found": len(got), "tp": tp, "fp": fp, "fn": fn,
            "f1": round(2 * tp / (2 * tp + fp + fn), 4) if truth or got else None,
            "recall_any_tactic": round(any_label / len(truth), 4) if truth else None,
        }
    all_truth, all_found = set(truth_tactic), set(found)
    tp = len(all_truth & all_found)
    out["water_army"] = {
        "truth": len(all_truth), "found": len(all_found), "tp": tp,
        "precision": round(tp / len(all_found), 4) if all_found else None,
        "recall": round(tp / len(all_truth), 4) if all_truth else None,
        "f1": round(2 * tp / (len(all_found) + len(all_truth)), 4) if all_found or all_truth else None,
    }
    by_kind = collections.defaultdict(lambda: [0, 0])
    for a, k in confounder.items():
        by_kind[k][0] += 1
        by_kind[k][1] += a in found
    for k, (n, f) in sorted(by_kind.items()):
        out["confounders"][k] = {"accounts": n, "flagged": f, "rate": round(f / n, 4)}
    n = sum(v[0] for v in by_kind.values())
    f = sum(v[1] for v in by_kind.values())
    out["confounders"]["all"] = {"accounts": n, "flagged": f, "rate": round(f / n, 4) if n else None}
    if "--json" in sys.argv:
        print(json.dumps(out, sort_keys=True))
        return
    print(f"{'tactic':<16} {'truth':>6} {'found':>6} {'tp':>6} {'fp':>6} {'fn':>6} {'F1':>7} {'recall(any)':>12}")
    for t, v in out["tactics"].items():
        f1 = "n/a" if v["f1"] is None else f"{v['f1']:.4f}"
        rec = "n/a" if v["recall_any_tactic"] is None else f"{v['recall_any_tactic']:.4f}"
        print(f"{t:<16} {v['truth']:>6} {v['found']:>6} {v['tp']:>6} {v['fp']:>6} {v['fn']:>6} {f1:>7} {rec:>12}")
    w = out["water_army"]
    print(f"water_army (any tactic): precision {w['precision']} recall {w['recall']} F1 {w['f1']}")
    for k, v in out["confounders"].items():
        print(f"confounder {k:<14} {v['flagged']:>4} / {v['accounts']:<5} flagged ({v['rate']})")


if __name__ == "__main__":
    main()
