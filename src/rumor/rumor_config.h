// Weights and thresholds of rumor matching. Defaults are compiled in (the same values as
// config/rumor.json); a JSON file may override any of them. Every key is documented in
// docs/rumor.md.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace sluice::rumor {

struct RumorConfig {
  // Tokens per shingle for containment, on both channels.
  int shingle_size = 3;
  // Candidates: a claim is checked only when the post shares one of its anchors: the
  // candidate_shingle_size-token shingles of the key channel (sounds, with look-alikes read as
  // their group's first member) that winnowing with a window of candidate_window shingles
  // selects. A run of candidate_shingle_size + candidate_window - 1 keys copied (8 with the
  // defaults) always shares an anchor. Long shingles are
  // rare in unrelated text and winnowing keeps about 2/(window+1) of them, so few index probes
  // and few claims are checked per post.
  int candidate_shingle_size = 6;
  int candidate_window = 3;
  // Claims shorter than this (in normalized tokens: punctuation, emoji, links and spaces do not
  // count), or with fewer distinct shingles than a claim of this length, are kept in the
  // registry but never matched: a very short claim ("千万注意") matches everything.
  int min_claim_chars = 8;
  // A post matches a claim when this share of the claim's shingle positions is found in the post
  // on either channel (containment of the claim in the post) ...
  double min_containment = 0.6;
  // ... or, for a partial copy, at least partial_min_containment of it, with a run of at least
  // partial_min_run consecutive tokens copied.
  double partial_min_containment = 0.35;
  int partial_min_run = 10;
  // Signal weights. rumor.claim_match weighs claim_match_weight × (0.5 + 0.5 × containment).
  double claim_match_weight = 1.0;
  // A post is flagged when the sum of its signals' weights reaches this: with the defaults every
  // match is flagged unless debunking context outweighs it.
  double threshold = 0.5;
  // Debunking context: cue words within debunk_window tokens of the matched text add their
  // (negative) weights as the rumor.debunk_context signal.
  int debunk_window = 30;
  std::vector<std::pair<std::string, double>> debunk_cues = DefaultDebunkCues();
  // Phrases that contain a cue without refuting anything ("真的假的?" asks; "这不是谣言"
  // insists): a cue inside one of them does not count.
  std::vector<std::string> debunk_exceptions = DefaultDebunkExceptions();

  static std::vector<std::pair<std::string, double>> DefaultDebunkCues();
  static std::vector<std::string> DefaultDebunkExceptions();
};

// Parses a configuration file's contents. `name` is used in errors, which name the key and the
// reason ("config/rumor.json: 'min_containment' must be a number between 0 and 1").
Result<RumorConfig> ParseRumorConfig(std::string_view json, const std::string& name);

// Reads and parses the file at `path`.
Result<RumorConfig> LoadRumorConfig(const std::string& path);

}  // namespace sluice::rumor
