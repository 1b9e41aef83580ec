#!/usr/bin/python3
"""Minimal CED -> Sluice events conversion for bench/ced_coord.sh when `sluice import ced` is not
available: every repost becomes a post with repost_of (its parent, or the root when it has none)
dated in Beijing time; source posts become posts. Accounts are left undeclared.

usage: ced_to_events.py CED_DIR > events.jsonl
"""
import datetime
import json
import os
import subprocess
import sys

BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def lines(path):
    p = subprocess.Popen(["zstdcat", path], stdout=subprocess.PIPE, text=True, encoding="utf-8")
    yield from p.stdout
    p.wait()


def main():
    ced = sys.argv[1]
    seen = set()
    out = sys.stdout
    duplicates = undated = 0
    for line in lines(os.path.join(ced, "originals.jsonl.zst")):
        r = json.loads(line)
        seen.add(r["mid"])
        out.write(json.dumps({"type": "post", "id": r["mid"], "account": r["uid"], "time": r["time"],
                              "text": r["text"], "platform": "weibo"}, ensure_ascii=False) + "\n")
    for line in lines(os.path.join(ced, "reposts.jsonl.zst")):
        r = json.loads(line)
        if r["mid"] in seen:
            duplicates += 1
            continue
        seen.add(r["mid"])
        try:
            t = datetime.datetime.strptime(r["date"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=BEIJING)
        except ValueError:
            undated += 1  # a date without a year; the real importer repairs these
            continue
        out.write(json.dumps({"type": "post", "id": r["mid"], "account": r["uid"],
                              "time": int(t.timestamp()), "text": r["text"],
                              "repost_of": r["parent"] or r["root"], "platform": "weibo"},
                             ensure_ascii=False) + "\n")
    print(f"ced_to_events: left out {duplicates} repeated reposts and {undated} without a full date",
          file=sys.stderr)


if __name__ == "__main__":
    main()
