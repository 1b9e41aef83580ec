// The co-post network of similar (not only identical) texts, without a quadratic scan.
//
// Each original post (not a repost) is reduced to its content characters (ShingleCodePoints),
// cut into k-character shingles and sketched by MinHash; bands × rows hash functions give one
// LSH key per band. Posts sharing a band key within the time window are candidates, and a
// candidate pair counts only when the exact Jaccard of the two shingle sets reaches the
// threshold — the sketch finds pairs, it never decides them. With b bands of r rows a pair of
// Jaccard s is found with probability 1 - (1 - s^r)^b (0.6 → 0.80, 0.7 → 0.97, 0.8 → 1.00 at
// the default 20 × 5).
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
  double threshold = 0.6;
  uint32_t shingle = 3;
  uint32_t bands = 20, rows = 5;
  uint32_t min_chars = 10;
};

struct SimilarTextStats {
  uint64_t posts = 0;       // original posts with enough characters
  uint64_t candidates = 0;  // distinct candidate pairs from the LSH bands
  uint64_t verified = 0;    // candidates at or above the threshold
};

CoActionNetwork BuildSimilarTextNetwork(const World& w, const SimilarTextOptions& options,
                                        SimilarTextStats* stats = nullptr);

// The MinHash band keys of a shingle set (bands × rows functions). Exposed for tests.
std::vector<uint64_t> MinHashBandKeys(const std::vector<uint64_t>& shingles, uint32_t bands,
                                      uint32_t rows);

}  // namespace sluice::coord
