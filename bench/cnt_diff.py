#!/usr/bin/python3
"""Compares two directed weighted edge lists (CSV with a header user_1,user_2,weight[,...]).

usage: cnt_diff.py TOOLKIT.csv SLUICE.csv [--show N]

Prints counts of edges in both, only in one, and with different weights, and up to N examples
of each difference (default 5).
"""
import csv
import sys


def load(path):
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        if next(r, None) is None:  # sqlite3 prints no header for an empty table
            return {}
        return {(row[0], row[1]): int(float(row[2])) for row in r if row[0] != row[1]}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 5
    a, b = load(sys.argv[1]), load(sys.argv[2])
    both = a.keys() & b.keys()
    diff_w = [k for k in both if a[k] != b[k]]
    only_a, only_b = sorted(a.keys() - b.keys()), sorted(b.keys() - a.keys())
    print(f"toolkit {len(a)} edges, sluice {len(b)} edges, common {len(both)}, "
          f"same weight {len(both) - len(diff_w)}, different weight {len(diff_w)}, "
          f"only toolkit {len(only_a)}, only sluice {len(only_b)}")
    for k in sorted(diff_w)[:show]:
        print(f"  weight differs {k}: toolkit {a[k]} sluice {b[k]}")
    for k in only_a[:show]:
        print(f"  only toolkit {k}: {a[k]}")
    for k in only_b[:show]:
        print(f"  only sluice {k}: {b[k]}")
    sys.exit(0 if not diff_w and not only_a and not only_b else 1)


if __name__ == "__main__":
    main()
