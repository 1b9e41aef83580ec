#!/usr/bin/python3
"""Adds reply posts to a Sluice events file, for comparing co-reply networks (the simulator
writes no replies).

usage: add_replies.py EVENTS(.jsonl or .jsonl.zst) OUT.jsonl [SEED]

Copies every line of EVENTS, then appends reply posts ("reply_to" set) by the accounts the file
already has, all seeded (same input and seed, same bytes):
- organic: one to four replies to 5% of the original posts, each 0 s to 2 h after the post, from
  random accounts (some land within a minute of each other by chance);
- reply squads: 12 groups of 6 accounts, each group replying to 15 posts, every member within
  40 s of the group's first reply;
- edge cases the two tools must treat alike: an account replying twice to the same post (a
  self-pair, dropped by both), two replies exactly 60 s apart (inside an inclusive window), one
  61 s apart (outside), replies to a post id absent from the file, and a post that is both a
  repost and a reply (no co-reply on either side).
"""
import json
import random
import sys

from events_to_cnt_csv import lines

REPLIES = ["同意", "支持楼主", "哈哈哈哈", "说得对", "真的假的？", "已转", "蹲一个后续", "+1",
           "太真实了", "路过", "Agree!", "学到了"]


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) == 4 else 1)
    posts, accounts, seen = [], [], set()
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for line in lines(sys.argv[1]):
            out.write(line if line.endswith("\n") else line + "\n")
            if '"post"' not in line:
                continue
            r = json.loads(line)
            if r.get("type") != "post":
                continue
            if isinstance(r["time"], (int, float)) and not r.get("repost_of"):
                posts.append((r["id"], int(r["time"])))
            if r["account"] not in seen:
                seen.add(r["account"])
                accounts.append(r["account"])
        if not posts or len(accounts) < 8:
            sys.exit(f"{sys.argv[1]}: needs original posts with numeric times and 8 accounts")
        n = 0

        def reply(account, target, t, **extra):
            nonlocal n
            n += 1
            rec = {"type": "post", "id": f"reply{n}", "account": account, "time": t,
                   "text": rng.choice(REPLIES), "reply_to": target}
            rec.update(extra)
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")

        for pid, t in posts:
            if rng.random() < 0.05:
                for _ in range(rng.randint(1, 4)):
                    reply(rng.choice(accounts), pid, t + rng.randint(0, 7200))
        for _ in range(12):
            squad = rng.sample(accounts, 6)
            for pid, t in rng.sample(posts, 15):
                start = t + rng.randint(30, 3600)
                for a in squad:
                    reply(a, pid, start + rng.randint(0, 40))
        a, b, c = rng.sample(accounts, 3)
        pid, t = rng.choice(posts)
        reply(a, pid, t + 10)
        reply(a, pid, t + 20)  # the same account twice
        reply(b, pid, t + 70)  # 60 s after the second: inside
        reply(c, pid, t + 131)  # 61 s after b: outside, and further from a
        for x in (a, b):
            reply(x, "not-in-this-file", t + 5)
        reply(c, pid, t + 25, repost_of=pid)  # a repost that is also a reply
    print(f"{n} replies added", file=sys.stderr)


if __name__ == "__main__":
    main()
