// The water-army detector: runs the four detectors over one World and combines their signals into
// groups and per-account findings.
//
//   device_farm      device_farm.h      accounts in step behind a shared device or IP token
//   lockstep         lockstep.h         CopyCatch groups, with SynchroTrap similarity as support
//   copy_paste       copy_paste.h       accounts posting similar texts together, round after round
//   fake_engagement  fake_engagement.h  camouflage-resistant dense blocks (FRAUDAR) of accounts ×
//                                       targets, in each component of the co-engagement graph
//
// Every signal has a name, a weight from ScoringConfig and evidence (a JSON object). An account's
// score is the sum of the weights of its signals (Rspamd-style); at or above flag_score it is a
// water_army finding. Two group-level signals adjust members: bulk_registration (members created
// within days of each other) adds, fan_community (the shared targets are one author's and the
// members' account ages spread wide: fans, not a hired army) subtracts; so does a verified
// account. An account in several groups takes the tactic and group of the strongest evidence, in
// the order device_farm, lockstep, copy_paste, fake_engagement.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coord/coord_config.h"
#include "coord/group.h"
#include "world/world.h"

namespace sluice::coord {

struct AccountFinding {
  AccountId account;
  double score = 0;
  Tactic tactic = Tactic::kFakeEngagement;
  uint32_t group = kNone;           // index into CoordResult::groups
  std::vector<Signal> signals;
};

struct CoordStats {
  uint64_t acts = 0;
  uint64_t farm_tokens_shared = 0, farm_tokens_too_big = 0, farm_tokens = 0, farm_groups = 0;
  uint64_t lockstep_pairs = 0, lockstep_skipped_actions = 0, lockstep_candidate_groups = 0,
           lockstep_groups = 0;
  uint64_t copy_paste_posts = 0, copy_paste_candidates = 0, copy_paste_skipped_actions = 0,
           copy_paste_groups = 0;
  uint64_t fraudar_pairs = 0, fraudar_passes = 0, fraudar_skipped_actions = 0,
           fraudar_components = 0, fraudar_blocks = 0, fraudar_groups = 0;
  uint64_t candidate_accounts = 0;  // accounts with any signal
  uint64_t flagged_accounts = 0;
  uint64_t copy_paste_posts_flagged = 0;
  uint64_t suppressed_groups = 0;   // groups left with no flagged member
};

// A post of a copy-paste group: one of the similar texts its members posted together.
struct PostFinding {
  PostId post;
  uint32_t group;                         // index into CoordResult::groups
  double score = 0;
  std::vector<Signal> signals;
};

struct CoordResult {
  std::vector<CoordGroup> groups;         // with flagged members; sorted by tactic, first member
  std::vector<AccountFinding> accounts;   // flagged accounts, sorted by platform id
  std::vector<PostFinding> posts;         // copy_paste posts of flagged members, by platform id
  CoordStats stats;
};

// Seconds spent per phase, in order (for --timings; never written to output files).
using PhaseTimes = std::vector<std::pair<std::string, double>>;

CoordResult DetectWaterArmies(const World& w, const CoordConfig& config,
                              PhaseTimes* times = nullptr);

}  // namespace sluice::coord
