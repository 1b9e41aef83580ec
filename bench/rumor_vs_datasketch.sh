#!/usr/bin/env bash
# Rumor matching, Sluice and datasketch side by side on the same posts and registry, one core.
#
#   bench/rumor_vs_datasketch.sh [BUILD_DIR]
#
# Environment: DATASKETCH_DIR (a checkout of ekzhu/datasketch; without it the datasketch half is
# skipped with a message), CLAIMS (default 100000), POSTS (default 200000), DS_POSTS (posts
# datasketch is timed on, default 2000; Sluice's recall is also reported on that subset),
# BENCH_DIR (where the corpus goes; default a new temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DIR=${BENCH_DIR:-$(mktemp -d)}
CLAIMS=${CLAIMS:-100000}
POSTS=${POSTS:-200000}
DS_POSTS=${DS_POSTS:-2000}
PIN=()
if command -v taskset >/dev/null; then PIN=(taskset -c 0); fi

"$BUILD/bench/rumor_bench" gen --out "$DIR" --claims "$CLAIMS" --posts "$POSTS"
"${PIN[@]}" "$BUILD/bench/rumor_bench" run --dir "$DIR" --subset "$DS_POSTS" > "$DIR/sluice.json"
cat "$DIR/sluice.json"
if [[ -n "${DATASKETCH_DIR:-}" ]]; then
  "${PIN[@]}" /usr/bin/python3 bench/datasketch_rumor.py "$DIR" --posts "$DS_POSTS" \
      --thresholds 0.5,0.3 > "$DIR/datasketch.json"
  cat "$DIR/datasketch.json"
  /usr/bin/python3 - "$DIR" <<'PY'
import json, sys
d = sys.argv[1]
s = json.load(open(d + '/sluice.json'))
print()
print(f"{'engine':<24}{'posts/s (1 core, CPU)':>24}{'recall':>9}{'precision':>11}{'bytes/claim':>13}")
print(f"{'sluice':<24}{s['posts_per_s_cpu']:>24,}{s['subset_recall']:>9.4f}{s['subset_precision']:>11.4f}{s['rss_bytes_per_claim']:>13,}")
for line in open(d + '/datasketch.json'):
    x = json.loads(line)
    name = f"datasketch t={x['threshold']}"
    print(f"{name:<24}{x['posts_per_s_cpu']:>24,}{x['recall']:>9.4f}{x['precision']:>11.4f}{x['rss_bytes_per_claim']:>13,}")
    print(f"  sluice / datasketch t={x['threshold']}: {s['posts_per_s_cpu'] / x['posts_per_s_cpu']:.0f}x the throughput, "
          f"recall {s['subset_recall']:.4f} vs {x['recall']:.4f}")
PY
else
  echo "rumor_vs_datasketch: DATASKETCH_DIR is not set; skipping datasketch (set it to a checkout of ekzhu/datasketch)" >&2
fi
echo "corpus and results in $DIR" >&2
