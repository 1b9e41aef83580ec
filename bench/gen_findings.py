#!/usr/bin/python3
"""Writes N synthetic findings (docs/findings.md) to stdout for the case-store benchmark.

The mix resembles a scan's: a third rumor posts spread over 1,000 claims, a third water-army
accounts in 2,000 groups, and the rest spam posts (each its own source, so one case each) and
copy-paste posts in 500 clusters. Seeded, so the same N gives the same bytes.
Usage: bench/gen_findings.py N > findings.jsonl
"""
import json
import random
import sys

n = int(sys.argv[1])
rng = random.Random(1)
out = sys.stdout
dump = lambda d: out.write(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n")
third, sixth = n // 3, n // 6
for i in range(third):
    claim = f"c{i % 1000}"
    dump({"subject": "post", "id": f"r{i}", "label": "rumor", "score": 6, "claim": claim,
          "platform": rng.choice(["weibo", "douyin"]), "account": f"u{rng.randrange(n)}",
          "reach": {"accounts": rng.randrange(1000), "reposts": rng.randrange(50),
                    "engagement": rng.randrange(3000)},
          "signals": [{"name": "rumor.claim_match", "weight": 6,
                       "evidence": {"claim": claim, "spans": [[0, 30]], "containment": 0.97}}]})
for i in range(third):
    group = f"g{i % 2000}"
    dump({"subject": "account", "id": f"w{i}", "label": "water_army", "score": 10, "group": group,
          "tactic": rng.choice(["lockstep", "fake_engagement", "device_farm"]), "platform": "weibo",
          "signals": [{"name": "coord.lockstep", "weight": 5, "evidence": {"group": group, "targets": 31}},
                      {"name": "coord.dense_block", "weight": 5, "evidence": {"block": i % 2000}}]})
for i in range(sixth):
    dump({"subject": "post", "id": f"s{i}", "label": "spam", "score": 5, "platform": "weibo",
          "account": f"sp{i}", "spans": [[10, 90]],
          "signals": [{"name": "spam.lexicon", "weight": 3, "evidence": {"phrases": 7}},
                      {"name": "spam.separator_density", "weight": 2, "evidence": {}}]})
for i in range(n - 2 * third - sixth):
    dump({"subject": "post", "id": f"k{i}", "label": "copy_paste", "score": 7, "group": f"n{i % 500}",
          "tactic": "copy_paste", "platform": "weibo", "account": f"w{i}",
          "signals": [{"name": "narrative.copy_paste_cluster", "weight": 6,
                       "evidence": {"cluster": f"n{i % 500}"}}]})
