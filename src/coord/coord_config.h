// Every threshold and weight of the water-army detectors, with compiled-in defaults.
// config/coord.json holds the same defaults; a file given with --config overrides any of them by
// key (nested objects, e.g. {"lockstep": {"window_s": 120}}). docs/coord.md lists every key.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sluice::coord {

// The co-action networks. Each links two accounts that acted on the same key within a time
// window: the same target post (repost, like, comment, review, reply), the same text (identical
// after normalization, or similar), the same URL or the same hashtag.
enum class NetworkType : uint8_t {
  kRepost, kLike, kComment, kReview, kText, kSimilarText, kLink, kReply, kHashtag
};
inline constexpr int kNetworkTypeCount = 9;
inline constexpr std::array<std::string_view, kNetworkTypeCount> kNetworkTypeNames = {
    "co_repost", "co_like", "co_comment", "co_review", "co_text",
    "co_similar_text", "co_link", "co_reply", "co_hashtag"};

struct NetworkConfig {
  uint32_t window_s = 60;       // partners within ± this many seconds
  uint32_t min_weight = 1;      // edges lighter than this are dropped
  // An action whose ± window holds more than this many actions on its key is skipped (it gets no
  // edges of its own, and is counted): a very popular target would otherwise make n² pairs.
  // 0 = no cap.
  uint32_t max_window_actions = 1000;
};

// co_repost keys: the post reposted directly, or the root of the repost chain.
enum class RepostKey : uint8_t { kDirect, kRoot };

struct TextConfig {
  uint32_t min_chars = 1;  // co_text: shorter normalized texts (in code points) take no part
};

struct SimilarTextConfig {
  double threshold = 0.5;  // Jaccard of character shingle sets
  uint32_t shingle = 3;    // characters per shingle
  uint32_t bands = 32;     // MinHash LSH: bands × rows hash functions; 32 × 4 finds a pair of
  uint32_t rows = 4;       // Jaccard 0.5 with p = 0.87, 0.6 with 0.99
  uint32_t min_chars = 10; // shorter stripped texts take no part (they match too much)
};

// FRAUDAR runs on each candidate component of the co-engagement graph: accounts that engaged at
// least min_shared of the same uncrowded targets within window_s of each other (both ways). On
// the whole graph the densest block is too often the organic core (heavy users × popular posts).
struct FraudarConfig {
  uint32_t window_s = 86400;        // co-engagement window for candidates
  uint32_t min_shared = 4;          // shared targets that link two candidates ...
  double min_similarity = 0.05;     // ... when they are this share of the pair's acts (Jaccard)
  double min_weighted_shared = 1.5; // ... and weigh this much with FRAUDAR's column weights
                                    // (camouflage on popular posts links nobody)
  uint32_t max_window_actions = 200;  // crowded target windows (popular posts) make no candidates
  double log_c = 5;                 // column weight 1 / log(degree + c), degree in the whole graph
  uint32_t max_blocks = 5;          // blocks peeled in turn per candidate component
  uint32_t min_accounts = 5;        // a block with fewer accounts is no group
  uint32_t min_targets = 3;         // ... or fewer targets shared by two members
  uint32_t min_member_targets = 3;  // a member engages at least this many of the block's targets
  double min_member_share = 0.25;   // ... and they are at least this share of all its acts
  double min_density = 0.2;         // acts on shared targets / (accounts × targets)
};

struct LockstepConfig {
  uint32_t window_s = 300;       // Δt: members act on a target within this of each other
  uint32_t max_window_actions = 1000;  // crowded windows are skipped (counted in the summary)
  uint32_t min_targets = 3;      // m: common targets per member
  uint32_t min_group = 3;        // members per group
  double target_share = 0.3;     // a group target needs this share of the members in one window
  double quasi_clique = 0.5;     // each member is linked to at least this share of the others
  double synchrotrap_min = 0.2;  // SynchroTrap similarity that fires the supporting signal
  double min_similarity = 0.05;  // a candidate pair's SynchroTrap similarity: heavy users meet
                                 // m targets in step by chance, as a sliver of what they do
};

// Candidates: accounts that post similar texts within window_s of each other at least min_weight
// times both ways, grouped into quasi-cliques. Verified like CopyCatch: a group text is a cluster
// of similar member posts involving text_share of the members, of which the group made at least
// min_exclusive of all similar posts on the platform (a stock phrase everyone writes is no
// campaign); a member must post min_weight group texts.
struct CopyPasteConfig {
  uint32_t window_s = 3600;
  uint32_t max_window_actions = 1000;  // per LSH band key; crowded windows are skipped
  uint32_t min_weight = 2;       // texts a pair shares (in both directions)
  uint32_t min_group = 3;
  double quasi_clique = 0.5;
  double text_share = 0.3;
  double min_exclusive = 0.5;
  uint32_t context_s = 21600;  // the group's share of similar posts is taken within ± this
};

struct DeviceFarmConfig {
  uint32_t min_accounts = 3;        // accounts on one token
  uint32_t max_accounts = 5000;     // larger tokens (a carrier NAT) are skipped, and counted
  uint32_t window_s = 900;          // a member's action is in step when another member of the
                                    // token acts on the same target within this
  double member_synced_share = 0.5; // share of a member's actions in step
  uint32_t member_min_synced = 3;   // ... and at least this many
  double token_synced_share = 0.5;  // share of a token's accounts in step to flag the token
};

struct ScoringConfig {
  double flag_score = 0.5;       // accounts at or above are labelled water_army
  double w_dense_block = 0.6;
  double w_lockstep = 0.8;
  double w_synchrotrap = 0.2;
  double w_copy_paste = 0.8;
  double w_device_farm = 0.9;
  double w_bulk_registration = 0.2;
  double w_fan_community = -1.5;
  double w_verified = -1.0;
  uint32_t bulk_registration_s = 7 * 86400;  // members created within this of the group median
  double bulk_registration_share = 0.8;      // ... for at least this share of the group
  double fan_author_share = 0.8;  // a group whose shared targets are this much by one author ...
  uint32_t fan_created_spread_s = 30 * 86400;  // ... and whose creation times spread this wide
  uint32_t evidence_targets = 20;  // targets listed per group (the count is always complete)
};

struct CoordConfig {
  std::array<NetworkConfig, kNetworkTypeCount> networks{};
  RepostKey repost_key = RepostKey::kDirect;
  bool npmi = false;           // add NPMI to exported edges
  bool self_loops = false;     // keep (u, u) edges (the toolkit keeps them; we drop by default)
  uint64_t max_pairs_in_memory = 100'000'000;  // per pass; more passes when exceeded
  // Detector passes run side by side on this many threads: 2 runs the copy-paste pass (posts
  // only) beside the act-table passes; 1 runs them in turn, which holds one working set at a time.
  uint32_t threads = 2;
  TextConfig text;
  SimilarTextConfig similar;
  FraudarConfig fraudar;
  LockstepConfig lockstep;
  CopyPasteConfig copy_paste;
  DeviceFarmConfig farm;
  ScoringConfig scoring;

  NetworkConfig& network(NetworkType t) { return networks[static_cast<size_t>(t)]; }
  const NetworkConfig& network(NetworkType t) const { return networks[static_cast<size_t>(t)]; }
};

CoordConfig DefaultCoordConfig();

// Overrides fields of *config from a JSON object. An unknown key, a value of the wrong type or out
// of range is an error "<path>: <key>: <reason>" naming the dotted key.
Status ApplyCoordConfigJson(std::string_view json, const std::string& path, CoordConfig* config);
Status ApplyCoordConfigFile(const std::string& path, CoordConfig* config);

// The whole configuration as JSON, keys in documentation order (config/coord.json is this).
std::string CoordConfigToJson(const CoordConfig& config);

std::string_view NetworkTypeName(NetworkType t);
// Accepts the names in kNetworkTypeNames.
bool ParseNetworkType(std::string_view s, NetworkType* out);

}  // namespace sluice::coord
