#!/usr/bin/python3
"""Writes the posts of a Sluice events file as the coordination-network-toolkit's CSV input.

usage: events_to_cnt_csv.py EVENTS(.jsonl or .jsonl.zst) [POSTS.jsonl] > messages.csv

Columns, in the toolkit's order: message_id,user_id,username,repost_id,reply_id,message,
timestamp,urls (urls space-separated). Only post records are messages; engagements have no
counterpart in the toolkit's input. With POSTS.jsonl, the same post records are also written
there as Sluice events, so both tools can be timed on exactly the same messages.
"""
import csv
import datetime
import json
import subprocess
import sys


def lines(path):
    if path.endswith(".zst"):
        p = subprocess.Popen(["zstdcat", path], stdout=subprocess.PIPE, text=True, encoding="utf-8")
        yield from p.stdout
        if p.wait() != 0:
            sys.exit(f"{path}: zstdcat failed")
    else:
        with open(path, encoding="utf-8") as f:
            yield from f


def seconds(t):
    if isinstance(t, (int, float)):
        return int(t)
    return int(datetime.datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp())


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    posts = open(sys.argv[2], "w", encoding="utf-8") if len(sys.argv) == 3 else None
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["message_id", "user_id", "username", "repost_id", "reply_id", "message",
                  "timestamp", "urls"])
    for line in lines(sys.argv[1]):
        if '"post"' not in line:
            continue
        r = json.loads(line)
        if r.get("type") != "post":
            continue
        if posts:
            posts.write(line if line.endswith("\n") else line + "\n")
        out.writerow([r["id"], r["account"], r["account"], r.get("repost_of") or "",
                      r.get("reply_to") or "", r["text"], seconds(r["time"]),
                      " ".join(r.get("urls") or [])])


if __name__ == "__main__":
    main()
