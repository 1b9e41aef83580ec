#!/usr/bin/env bash
# Water-army quality on simulated platforms: for each camouflage setting, `sluice gen` writes a
# world with labelled armies and confounders, `sluice coord` reads it, and bench/coord_score.py
# prints account F1 per tactic and the share of each confounder flagged (plus `sluice eval`'s
# table when the binary has it). Skips with a message when no binary with `gen` is given.
#
#   SLUICE_GEN=path/to/sluice-with-gen bench/coord_quality.sh [SCALE] [SEEDS...]
#
# SCALE defaults to small, SEEDS to "1". Environment: SLUICE (the coord binary, default
# build/src/cli/sluice), SLUICE_EVAL (a binary with `eval`, optional), WORK (default
# /tmp/coord-quality), CAMOUFLAGE (default "0 0.5 1"), POPULAR (default "0 0.5 1": share of
# camouflage on popular posts).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SLUICE=${SLUICE:-$here/../build/src/cli/sluice}
GEN=${SLUICE_GEN:-}
if [[ -z "$GEN" ]] || ! "$GEN" gen --help > /dev/null 2>&1; then
  echo "coord_quality: set SLUICE_GEN to a sluice binary that has 'gen' (branch sim): skipped"
  exit 0
fi
scale=${1:-small}
shift || true
seeds=("${@:-1}")
[[ ${#seeds[@]} -eq 0 ]] && seeds=(1)
work=${WORK:-/tmp/coord-quality}
mkdir -p "$work"
for seed in "${seeds[@]}"; do
  for cam in ${CAMOUFLAGE:-0 0.5 1}; do
    for pop in ${POPULAR:-0 0.5 1}; do
      d="$work/$scale-s$seed-c$cam-p$pop"
      echo "{\"camouflage_ratio\": $cam, \"camouflage_popular\": $pop}" > "$work/cfg.json"
      [[ -s "$d/truth.jsonl" ]] || "$GEN" gen --out "$d" --scale "$scale" --seed "$seed" --config "$work/cfg.json" > /dev/null
      "$SLUICE" coord "$d/events.jsonl.zst" --out "$d/coord" 2> /dev/null || true
      echo "== scale $scale seed $seed camouflage $cam:1, popular share $pop"
      /usr/bin/python3 "$here/coord_score.py" "$d/truth.jsonl" "$d/coord/findings.jsonl"
      if [[ -n "${SLUICE_EVAL:-}" ]]; then
        "$SLUICE_EVAL" eval --truth "$d/truth.jsonl" --findings "$d/coord/findings.jsonl" |
          grep -E "account water_army|post copy_paste|fake_engagement|lockstep|copy_paste|device_farm|family_device|campus_ip|  fan|news_wire"
      fi
    done
  done
done
