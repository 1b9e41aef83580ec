// The batch pass over a world: narrative clusters of every post, their bursts and cascades, the
// cascades of every registry claim, and copy-paste campaigns.
//
// Originals (posts without repost_of) are fingerprinted on every core, then added to the
// NarrativeClusterer in time order, as a stream would add them; a repost belongs to the cluster
// of the original at the top of its repost_of chain. A cluster is reported when it has at least
// min_posts posts and originals from min_accounts accounts (or holds a copy-paste campaign).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "narr/burst.h"
#include "narr/cascade.h"
#include "narr/narr_config.h"
#include "world/world.h"

namespace sluice::narr {

struct NarrInputs {
  // Per post: the registry claim the rumor matcher flagged it for, as an index into
  // claim_names, or kNone; may be empty. (The registry may hold claims that are not in the
  // world's claim table, e.g. from `sluice scan --claims FILE`.)
  std::vector<uint32_t> post_claim;
  std::vector<std::string> claim_names;
  // Per account: 1 when the account has a water_army finding; may be empty (unknown).
  std::vector<uint8_t> suspicious;
};

struct NarrCluster {
  std::string id;  // "n000001", numbered by first post (time, then post id)
  uint32_t rank = 0;
  uint64_t posts = 0, originals = 0, accounts = 0;
  PostId representative = kNone;  // the earliest original
  int64_t first_seen = 0, last_seen = 0;
  uint32_t claim = kNone;  // into NarrResult::claim_names
  Burst burst;
  uint64_t engagements = 0;
  double suspicious_share = 0;
  bool suspicious_known = false;
  bool copy_paste = false;
  uint64_t copy_paste_posts = 0;
  double priority = 0;
  CascadeStats cascade;
  std::vector<std::pair<int64_t, uint64_t>> timeline;  // (hour index, posts), non-empty hours
  std::vector<PostId> sample;
};

struct ClaimCascade {
  uint32_t claim;  // into NarrResult::claim_names
  uint64_t posts = 0, originals = 0;
  CascadeStats cascade;
};

struct CopyPasteFinding {
  PostId post = kNone;
  uint32_t cluster = 0;     // index into NarrResult::clusters
  uint32_t accounts = 0;    // distinct accounts posting similar text within the window
  uint32_t context_accounts = 0;  // ... within the context
  uint32_t similar_posts = 0;
  double min_similarity = 1;  // lowest similarity among those posts
  int64_t window_first = 0, window_last = 0;
};

struct NarrStats {
  uint64_t originals = 0, fingerprinted = 0, reposts = 0, clusters_multi = 0;
  uint64_t candidate_pairs = 0, verified_pairs = 0, repost_cycles = 0;
  uint64_t figure_refused_pairs = 0;  // verified pairs left apart for stating other figures
  uint64_t name_refused_pairs = 0;    // ... for naming other things (split_on_names)
  size_t clusterer_bytes = 0;
};

struct NarrResult {
  std::vector<NarrCluster> clusters;  // by rank
  std::vector<ClaimCascade> claims;   // by claim id
  std::vector<CopyPasteFinding> copy_paste;  // by post id
  NarrStats stats;
  std::vector<std::string> claim_names;  // NarrInputs::claim_names: what ClaimId values name
  std::string_view ClaimName(uint32_t c) const { return claim_names[c]; }
};

NarrResult FindNarratives(const World& w, const NarrConfig& config, const NarrInputs& in);

}  // namespace sluice::narr
