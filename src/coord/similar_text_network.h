// The co-post network of similar (not only identical) texts, without a quadratic scan.
//
// Each original post (not a repost) is reduced to its content characters (ShingleCodePoints),
// cut into k-character shingles and sketched by MinHash; bands × rows hash functions give one
// LSH key per band. Posts sharing a band key within the time window are candidates, and a
// candidate pair counts only when the exact Jaccard of the two shingle sets reaches the
// threshold — the sketch finds pairs, it never decides them. With b bands of r rows a pair of
// Jaccard s is found with probability 1 - (1 - s^r)^b (0.4 → 0.56, 0.5 → 0.87, 0.6 → 0.99 at
// the default 32 × 4).
//
// Weights follow the co-action semantics (co_action_network.h): (u1, u2) counts the distinct
// posts of u1 with a similar post of u2 within the window.
#pragma once

#include <cstdint>

#include "coord/co_action_network.h"
#include "world/world.h"

namespace sluice::coord {

struct SimilarTextOptions {
  uint32_t window_s = 60;
  uint32_t min_weight = 1;
  uint32_t max_window_actions = 0;  // per band key, as in CoActionOptions
  bool self_loops = false;
  double threshold = 0.5;
  uint32_t shingle = 3;
  uint32_t bands = 32, rows = 4;
  uint32_t min_chars = 10;
  uint32_t commonness_window_s = 0;  // SimilarTextStats::commonness counts within ± this; 0 = all
  // (u1, u2, post) partnerships held at once; more are found in passes over u1 mod P.
  uint64_t max_pairs_in_memory = 100'000'000;
};

struct SimilarTextStats {
  uint64_t posts = 0;       // original posts with enough characters
  uint64_t candidates = 0;  // distinct candidate pairs from the LSH bands
  uint64_t verified = 0;    // candidates at or above the threshold
  // Per PostId: how common the post's text is around its time — the most posts sharing one of its
  // band keys within ± commonness_window_s (0 for posts that take no part). A campaign's text is
  // about as common as the campaign made it; a stock phrase ("the update made it slow") is
  // everywhere, all day.
  std::vector<uint32_t> commonness;
};

CoActionNetwork BuildSimilarTextNetwork(const World& w, const SimilarTextOptions& options,
                                        SimilarTextStats* stats = nullptr);

// The MinHash band keys of a shingle set (bands × rows functions). Exposed for tests.
std::vector<uint64_t> MinHashBandKeys(const std::vector<uint64_t>& shingles, uint32_t bands,
                                      uint32_t rows);

}  // namespace sluice::coord
