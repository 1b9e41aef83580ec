// Fake engagement (有償代刷"轉評贊"): accounts paid to like, comment and repost the same posts,
// found as camouflage-resistant dense blocks (FRAUDAR, fraudar.h).
//
// On a whole platform graph the densest block is usually the organic core — heavy users on
// popular posts — and peeling it away takes the armies inside with it. So FRAUDAR runs on each
// component of a candidate graph: accounts that engaged at least fraudar.min_shared of the same
// uncrowded targets within fraudar.window_s of each other, both ways, where the shared targets
// are at least min_similarity (SynchroTrap's Jaccard) of the pair's acts and weigh at least
// min_weighted_shared with FRAUDAR's column weights (armies whose camouflage lands on the same
// popular posts stay apart). Column weights use the degree in the whole graph. A block becomes a
// group when enough members engage enough of its targets, those acts are a large share of all
// their acts, and the shared targets are dense enough (see FraudarConfig).
#pragma once

#include <cstdint>
#include <vector>

#include "coord/act_table.h"
#include "coord/coord_config.h"
#include "coord/group.h"
#include "world/world.h"

namespace sluice::coord {

struct FakeEngagementStats {
  uint64_t pairs = 0, passes = 0;  // of the candidate co-engagement network
  uint64_t skipped_actions = 0;    // acts in crowded target windows
  uint64_t components = 0, blocks = 0, groups = 0;
};

// Appends one Candidate per dense block that passes (tactic fake_engagement).
// REQUIRES: acts == CollectActs(w), ix == IndexByAccount(acts, w.accounts.size()).
void FindFakeEngagement(const World& w, const std::vector<Act>& acts, const ActsByAccount& ix,
                        const CoordConfig& config, FakeEngagementStats* stats,
                        std::vector<Candidate>* out);

}  // namespace sluice::coord
