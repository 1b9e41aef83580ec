#!/usr/bin/env bash
# Water-army quality on simulated platforms: for each camouflage setting, `sluice gen` writes a
# world with labelled armies and confounders, `sluice coord` reads it, and bench/coord_score.py
# prints account F1 per tactic (a finding must name the right tactic) and the share of each
# confounder's accounts flagged; `sluice eval` adds its label-level rows (water_army by tactic,
# confounders over accounts and posts).
#
#   bench/coord_quality.sh [SCALE] [SEEDS...]
#
# SCALE defaults to small, SEEDS to "1". Environment: SLUICE (default build/src/cli/sluice; it
# must have `gen`, `coord` and `eval`), WORK (default /tmp/coord-quality), CAMOUFLAGE (default
# "0 0.5 1": camouflage engagements per fraud engagement), POPULAR (default "0 0.5 1": share of
# the camouflage put on popular posts), COORD_CONFIG (a `sluice coord --config` file, optional).
# Worlds already generated in WORK are reused.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SLUICE=${SLUICE:-$here/../build/src/cli/sluice}
if ! "$SLUICE" gen --help > /dev/null 2>&1; then
  echo "coord_quality: $SLUICE has no 'gen': skipped"
  exit 0
fi
scale=${1:-small}
shift || true
seeds=("$@")
[[ ${#seeds[@]} -eq 0 ]] && seeds=(1)
work=${WORK:-/tmp/coord-quality}
mkdir -p "$work"
for seed in "${seeds[@]}"; do
  for cam in ${CAMOUFLAGE:-0 0.5 1}; do
    for pop in ${POPULAR:-0 0.5 1}; do
      d="$work/$scale-s$seed-c$cam-p$pop"
      echo "{\"camouflage_ratio\": $cam, \"camouflage_popular\": $pop}" > "$work/cfg.json"
      [[ -s "$d/truth.jsonl" ]] ||
        "$SLUICE" gen --out "$d" --scale "$scale" --seed "$seed" --config "$work/cfg.json" > /dev/null
      rc=0
      "$SLUICE" coord "$d/events.jsonl.zst" --out "$d/coord" ${COORD_CONFIG:+--config "$COORD_CONFIG"} \
        2> /dev/null || rc=$?
      if [[ $rc -gt 1 ]]; then
        echo "coord_quality: sluice coord failed on $d (exit $rc)" >&2
        exit "$rc"
      fi
      echo "== scale $scale seed $seed camouflage $cam:1, popular share $pop"
      /usr/bin/python3 "$here/coord_score.py" "$d/truth.jsonl" "$d/coord/findings.jsonl"
      "$SLUICE" eval --truth "$d/truth.jsonl" --findings "$d/coord/findings.jsonl" |
        sed -n '/^water_army by tactic/,/^$/p;/^confounders/,/^$/p'
    done
  done
done
