#!/usr/bin/env bash
# Sluice's co-action networks side by side with the QUT coordination-network-toolkit (CNT_DIR):
# the same messages, the same window and minimum weight, edge for edge, and the time of one run
# of each. Skips with a message when CNT_DIR is unset.
#
#   CNT_DIR=/work/anchors/cnt bench/cnt_compare.sh EVENTS [WORKDIR]
#
# EVENTS is a Sluice events file (e.g. DIR/events.jsonl.zst from `sluice gen`); its posts become
# the toolkit's CSV input (bench/events_to_cnt_csv.py). Unless REPLIES=0, reply posts are added
# first (bench/add_replies.py: organic replies, reply squads and edge cases), since the simulator
# writes none and co_reply would otherwise compare two empty lists. Networks compared: co_retweet/co_repost,
# co_tweet/co_text, co_link, co_reply, and with CNT_SIMILAR=1 co_similar_tweet/co_similar_text
# (a different similarity: word-token Jaccard >= 0.9 there, character 3-gram Jaccard here).
# Environment: SLUICE (default build/src/cli/sluice), WINDOW (default 60), MIN_WEIGHT (1),
# REPLIES (1).
set -euo pipefail
if [[ -z "${CNT_DIR:-}" ]]; then
  echo "cnt_compare: CNT_DIR is not set (a coordination-network-toolkit checkout): skipped"
  exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
SLUICE=${SLUICE:-$here/../build/src/cli/sluice}
WINDOW=${WINDOW:-60}
MIN_WEIGHT=${MIN_WEIGHT:-1}
events=${1:?usage: cnt_compare.sh EVENTS [WORKDIR]}
work=${2:-/tmp/cnt-compare}
rm -rf "$work"
mkdir -p "$work/stubs/twarc" "$work/toolkit"

# The toolkit imports twarc even for CSV input; twarc is not in Debian.
echo "from twarc.client2 import ensure_flattened" > "$work/stubs/twarc/__init__.py"
printf 'def ensure_flattened(x):\n    return x\n\n\nclass Twarc2:\n    pass\n' > "$work/stubs/twarc/client2.py"
toolkit=(env "PYTHONPATH=$CNT_DIR:$work/stubs" /usr/bin/python3 -m coordination_network_toolkit "$work/cnt.db")
timed() {  # timed LABEL CMD...: runs CMD, appends "LABEL wall_s user_s max_rss_kb" to times.txt
  local label=$1; shift
  /usr/bin/time -f "$label %e %U %M" -a -o "$work/times.txt" "$@"
}

if [[ "${REPLIES:-1}" == 1 ]]; then
  /usr/bin/python3 "$here/add_replies.py" "$events" "$work/with_replies.jsonl"
  events=$work/with_replies.jsonl
fi
/usr/bin/python3 "$here/events_to_cnt_csv.py" "$events" "$work/posts.jsonl" > "$work/messages.csv"
echo "messages: $(($(wc -l < "$work/messages.csv") - 1))"

nets=(co_retweet:co_repost co_tweet:co_text co_link:co_link co_reply:co_reply)
[[ "${CNT_SIMILAR:-0}" == 1 ]] && nets+=(co_similar_tweet:co_similar_text)

timed toolkit_preprocess "${toolkit[@]}" preprocess --format csv "$work/messages.csv" > /dev/null
# An empty urls field is stored as the URL '' and would link every message without a link.
sqlite3 "$work/cnt.db" "delete from message_url where url = ''"
for pair in "${nets[@]}"; do
  t=${pair%%:*}
  timed "toolkit_$t" "${toolkit[@]}" compute "$t" --time_window "$WINDOW" --min_edge_weight "$MIN_WEIGHT" \
    --n_cpus 2 > /dev/null
  sqlite3 -csv -header "$work/cnt.db" \
    "select user_1, user_2, weight from ${t}_network where user_1 != user_2" > "$work/toolkit/$t.csv"
done

# Sluice with the toolkit's semantics: no window cap, empty texts compared, self-loops dropped
# (the toolkit's tables keep them; both sides are compared without).
cat > "$work/compat.json" <<JSON
{"text": {"min_chars": 0}, "similar": {"threshold": 0.9},
 "networks": {
  "co_repost": {"window_s": $WINDOW, "min_weight": $MIN_WEIGHT, "max_window_actions": 0},
  "co_text": {"window_s": $WINDOW, "min_weight": $MIN_WEIGHT, "max_window_actions": 0},
  "co_link": {"window_s": $WINDOW, "min_weight": $MIN_WEIGHT, "max_window_actions": 0},
  "co_reply": {"window_s": $WINDOW, "min_weight": $MIN_WEIGHT, "max_window_actions": 0},
  "co_similar_text": {"window_s": $WINDOW, "min_weight": $MIN_WEIGHT, "max_window_actions": 0}}}
JSON
edge_args=()
for pair in "${nets[@]}"; do edge_args+=(--edges "${pair##*:}"); done
# Sluice reads the same messages (the posts of EVENTS), and reports seconds per network.
timed sluice_all "$SLUICE" coord "$work/posts.jsonl" --out "$work/sluice" --no-detect \
  --config "$work/compat.json" --timings "${edge_args[@]}" 2> "$work/sluice_timings.txt" || true

echo
for pair in "${nets[@]}"; do
  t=${pair%%:*}; s=${pair##*:}
  echo "== $t vs $s"
  /usr/bin/python3 "$here/cnt_diff.py" "$work/toolkit/$t.csv" "$work/sluice/edges/$s.csv" || true
done
echo
echo "== times (wall s, user s, max RSS KB)"
cat "$work/times.txt"
echo "sluice phases:"
cat "$work/sluice_timings.txt"
/usr/bin/python3 - "$work/times.txt" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.startswith("Command")]
tk = sum(float(r[1]) for r in rows if r[0].startswith("toolkit"))
sl = sum(float(r[1]) for r in rows if r[0].startswith("sluice"))
print(f"end to end: toolkit {tk:.1f} s (preprocess + compute), sluice {sl:.2f} s (ingest + networks + "
      f"writing edges): {tk / sl:.0f}x")
PY
/usr/bin/python3 - "$work/times.txt" "$work/sluice_timings.txt" <<'PY'
import sys
tk = {l.split()[0][len("toolkit_"):]: float(l.split()[1]) for l in open(sys.argv[1])
      if l.startswith("toolkit_co")}
sl = {}
for l in open(sys.argv[2]):
    p = l.split()
    if len(p) == 3 and p[0].startswith("co_"):
        sl[p[0]] = float(p[1])
names = {"co_retweet": "co_repost", "co_tweet": "co_text", "co_link": "co_link", "co_reply": "co_reply",
         "co_similar_tweet": "co_similar_text"}
for t, s in names.items():
    if t in tk and s in sl:
        print(f"compute only: {t} {tk[t]:.2f} s vs {s} {sl[s]:.3f} s: {tk[t] / max(sl[s], 1e-3):.0f}x")
PY
