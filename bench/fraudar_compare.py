#!/usr/bin/python3
"""FRAUDAR: Sluice side by side with the reference code (rgmining/fraudar, FRAUDAR_DIR).

usage: FRAUDAR_DIR=... bench/fraudar_compare.py [--quick] [--parts 1,2,3]

Part 1, quality on injected graphs, the FRAUDAR paper's protocol: a 200 x 200 block of density p
is injected into a base graph with camouflage of four kinds (none; random, each fraud row adding
as many edges to random columns as it has in the block; random twice that; biased, camouflage
columns drawn in proportion to their degree). Both tools run logWeightedAveDegree / FRAUDAR with
c = 5 on the same edge-list file and return one block; F1 counts rows and columns together (the
reference's getFMeasure). The base graph is the Amazon "art" ratings edge list when AMAZON_ART
points at amazon_user_art_rate_time.edgelist (wenchieh/specgreedy), else a synthetic graph of
the same shape.

Part 2, speed: detection time (reading excluded, as the reference's detectMultiple is timed) on
a synthetic graph of about 1.5M edges.

Part 3, an army inside a platform (SIM_DIR = a `sluice gen` output folder, optional): the
reference runs on the account x post graph of all engagements with as many blocks as there are
fake-engagement groups; Sluice runs `sluice coord` on the events, where timing (co-engagement
windows) and per-component peeling are available. Account F1 on the fake-engagement accounts.

Environment: BENCH_FRAUDAR (default build/bench/bench_fraudar), SLUICE (build/src/cli/sluice),
SEEDS (default 3).
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = r"""
import json, sys, time, io, contextlib
sys.path.insert(0, sys.argv[1])
from fraudar.export import greedy
M = greedy.readData(sys.argv[2]).tocsr()
k = int(sys.argv[3])
with contextlib.redirect_stdout(io.StringIO()):
    t, c = time.perf_counter(), time.process_time()
    res = greedy.detectMultiple(M, greedy.logWeightedAveDegree, k)
    dt, dc = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"detect_s": dt, "detect_cpu_s": dc, "blocks": [{"rows": sorted(int(x) for x in r),
                  "cols": sorted(int(x) for x in c), "score": float(s)} for (r, c), s in res]}))
"""


def run_reference(path, k):
    out = subprocess.run([sys.executable, "-c", REFERENCE, os.environ["FRAUDAR_DIR"], path, str(k)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def run_sluice(path, k):
    tool = os.environ.get("BENCH_FRAUDAR", os.path.join(HERE, "..", "build", "bench", "bench_fraudar"))
    out = subprocess.run([tool, path, str(k)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def f1(found_rows, found_cols, rows, cols):
    tp = len(set(found_rows) & rows) + len(set(found_cols) & cols)
    n_found, n_true = len(found_rows) + len(found_cols), len(rows) + len(cols)
    if tp == 0:
        return 0.0
    p, r = tp / n_found, tp / n_true
    return 2 * p * r / (p + r)


def base_graph(rng):
    path = os.environ.get("AMAZON_ART")
    edges = set()
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.startswith("%"):
                    continue
                p = line.strip().split(",")
                edges.add((int(p[0]) - 1, int(p[1]) - 1))
        name = "amazon art"
    else:
        # Same shape as amazon art: 24,071 users x 4,211 items, 27,980 edges, popular items.
        while len(edges) < 27980:
            edges.add((rng.randrange(24071), min(4210, int(4211 * rng.random() ** 2.5))))
        name = "synthetic (amazon art shape)"
    rows = 1 + max(r for r, _ in edges)
    cols = 1 + max(c for _, c in edges)
    return name, edges, rows, cols


def inject(edges, rows, cols, m0, n0, p, camo, rng):
    fraud_rows = set(rng.sample(range(rows), m0))
    fraud_cols = set(rng.sample(range(cols), n0))
    out = set(edges)
    degree = [0] * cols
    for _, c in edges:
        degree[c] += 1
    others = [c for c in range(cols) if c not in fraud_cols]
    weighted = [c for c in others for _ in range(degree[c])]
    for r in fraud_rows:
        k = 0
        for c in fraud_cols:
            if rng.random() < p:
                out.add((r, c))
                k += 1
        extra = {"none": 0, "random": k, "random2": 2 * k, "biased": k}[camo]
        pool = weighted if camo == "biased" else others
        for _ in range(extra):
            out.add((r, rng.choice(pool)))
    return out, fraud_rows, fraud_cols


def write(edges, path):
    with open(path, "w") as f:
        for r, c in sorted(edges):
            f.write(f"{r} {c}\n")


def part1(seeds, tmp):
    rng = random.Random(1)
    name, base, rows, cols = base_graph(rng)
    print(f"Part 1: 200 x 200 block injected into {name} ({rows} x {cols}, {len(base)} edges); "
          f"F1 of rows + columns, mean over {seeds} seeds")
    print(f"{'density':>8} {'camouflage':>10} {'reference F1':>13} {'sluice F1':>10} "
          f"{'ref s':>7} {'sluice s':>9}")
    worse = 0
    for p in (0.02, 0.05, 0.1):
        for camo in ("none", "random", "random2", "biased"):
            fr, fs, tr, ts = [], [], [], []
            for seed in range(seeds):
                g, rr, cc = inject(base, rows, cols, 200, 200, p, camo, random.Random(1000 * seed + 7))
                path = os.path.join(tmp, "g.txt")
                write(g, path)
                ref, slu = run_reference(path, 1), run_sluice(path, 1)
                fr.append(f1(ref["blocks"][0]["rows"], ref["blocks"][0]["cols"], rr, cc))
                fs.append(f1(slu["blocks"][0]["rows"], slu["blocks"][0]["cols"], rr, cc))
                tr.append(ref["detect_s"])
                ts.append(slu["detect_s"])
            mr, ms = sum(fr) / seeds, sum(fs) / seeds
            worse += ms < mr - 1e-9
            print(f"{p:>8} {camo:>10} {mr:>13.4f} {ms:>10.4f} {sum(tr) / seeds:>7.2f} "
                  f"{sum(ts) / seeds:>9.4f}")
    print(f"settings where Sluice's F1 is below the reference's: {worse}")


def part2(tmp):
    rng = random.Random(2)
    rows, cols, m = 300000, 100000, 1500000
    edges = set()
    while len(edges) < m:
        edges.add((rng.randrange(rows), min(cols - 1, int(cols * rng.random() ** 2))))
    g, rr, cc = inject(edges, rows, cols, 200, 200, 0.1, "biased", rng)
    path = os.path.join(tmp, "big.txt")
    write(g, path)
    ref, slu = run_reference(path, 1), run_sluice(path, 1)
    print(f"Part 2: {len(g)} edges ({rows} x {cols}), one block: reference {ref['detect_s']:.2f} s "
          f"({ref['detect_cpu_s']:.2f} s CPU), Sluice {slu['detect_s']:.3f} s ({slu['detect_cpu_s']:.3f} s "
          f"CPU): {ref['detect_s'] / slu['detect_s']:.0f}x wall, "
          f"{ref['detect_cpu_s'] / slu['detect_cpu_s']:.0f}x CPU; F1 "
          f"{f1(ref['blocks'][0]['rows'], ref['blocks'][0]['cols'], rr, cc):.4f} vs "
          f"{f1(slu['blocks'][0]['rows'], slu['blocks'][0]['cols'], rr, cc):.4f}")


def part3(sim, tmp):
    truth, groups = set(), set()
    with open(os.path.join(sim, "truth.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            if r.get("subject") == "account" and r.get("tactic") == "fake_engagement":
                truth.add(r["id"])
                groups.add(r["group"])
    acc, post, edges = {}, {}, set()
    events = os.path.join(sim, "events.jsonl.zst")
    proc = subprocess.Popen(["zstdcat", events], stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:
        if line.startswith('{"type":"engagement"') or ('"repost_of"' in line and line.startswith('{"type":"post"')):
            r = json.loads(line)
            a = r["account"]
            t = r["target"] if r["type"] == "engagement" else r["repost_of"]
            edges.add((acc.setdefault(a, len(acc)), post.setdefault(t, len(post))))
    proc.wait()
    path = os.path.join(tmp, "sim.txt")
    write(edges, path)
    names = {v: k for k, v in acc.items()}
    k = len(groups)
    ref = run_reference(path, k)
    ref_rows = {names[r] for b in ref["blocks"] for r in b["rows"]}
    sluice = os.environ.get("SLUICE", os.path.join(HERE, "..", "build", "src", "cli", "sluice"))
    out = os.path.join(tmp, "coord")
    t = time.perf_counter()
    subprocess.run([sluice, "coord", events, "--out", out], capture_output=True)
    coord_s = time.perf_counter() - t
    found = set()
    with open(os.path.join(out, "findings.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            if r["subject"] == "account" and r.get("tactic") == "fake_engagement":
                found.add(r["id"])

    def row_f1(got):
        tp = len(got & truth)
        return 2 * tp / (len(got) + len(truth)) if got or truth else 0

    print(f"Part 3: {sim}: {len(edges)} account x post edges, {len(truth)} fake-engagement accounts "
          f"in {k} groups")
    print(f"  reference FRAUDAR, {k} blocks: {len(ref_rows)} accounts, F1 {row_f1(ref_rows):.4f}, "
          f"detect {ref['detect_s']:.1f} s")
    print(f"  sluice coord (fake_engagement findings): {len(found)} accounts, F1 {row_f1(found):.4f}, "
          f"whole run {coord_s:.1f} s including ingest and every detector")


def main():
    if not os.environ.get("FRAUDAR_DIR"):
        print("fraudar_compare: FRAUDAR_DIR is not set (a rgmining/fraudar checkout): skipped")
        return
    seeds = 1 if "--quick" in sys.argv else int(os.environ.get("SEEDS", "3"))
    parts = sys.argv[sys.argv.index("--parts") + 1].split(",") if "--parts" in sys.argv else ["1", "2", "3"]
    with tempfile.TemporaryDirectory() as tmp:
        if "1" in parts:
            part1(seeds, tmp)
        if "2" in parts:
            part2(tmp)
        if "3" in parts and os.environ.get("SIM_DIR"):
            part3(os.environ["SIM_DIR"], tmp)
        elif "3" in parts:
            print("Part 3 skipped: set SIM_DIR to a `sluice gen` output folder")


if __name__ == "__main__":
    main()
