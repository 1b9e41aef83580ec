// Lockstep behaviour: accounts that act on the same targets at the same moments, again and again.
//
// Two views, as in the literature:
// - SynchroTrap (Cao et al., CCS 2014): the similarity of two accounts' timed actions, Jaccard
//   style — matched / (n1 + n2 - matched), where an action matches when the other account acted
//   on the same target within Δt.
// - CopyCatch (Beutel et al., WWW 2013): a group of accounts U and targets P such that each member
//   acted on at least m targets of P, each within a window of Δt shared with the other members.
//
// Candidate groups come from the co-action network of all engagements (window Δt): pairs with at
// least m matched actions in both directions and a SynchroTrap similarity of at least
// min_similarity, grouped into quasi-cliques (group_graph.h). Each
// candidate is then verified CopyCatch-style: for each target the Δt window holding the most
// members is found; targets whose best window holds at least a share of the members are the
// group's; members on fewer than m of them leave; repeat until stable.
#pragma once

#include <cstdint>
#include <vector>

#include "coord/act_table.h"
#include "coord/co_action_network.h"
#include "coord/coord_config.h"
#include "world/world.h"

namespace sluice::coord {

struct LockstepAction {
  AccountId account;
  Time32 time;
};

struct LockstepTarget {
  PostId post;
  Time32 start = 0, end = 0;              // the best Δt window
  std::vector<LockstepAction> actions;    // first action of each member in the window, by time
};

struct LockstepGroup {
  std::vector<AccountId> members;         // sorted
  std::vector<uint32_t> member_targets;   // per member: group targets it acted on in the window
  std::vector<double> synchrotrap;        // per member: mean similarity to linked members
  std::vector<LockstepTarget> targets;    // sorted by window start, then post
};

struct LockstepStats {
  CoActionStats network;
  uint64_t candidate_edges = 0;   // pairs with >= m matches both ways
  uint64_t candidate_groups = 0;  // quasi-cliques before verification
};

// REQUIRES: acts == CollectActs(w), by_account == IndexByAccount(acts, w.accounts.size()).
std::vector<LockstepGroup> FindLockstep(const World& w, const std::vector<Act>& acts,
                                        const ActsByAccount& by_account,
                                        const LockstepConfig& config, uint32_t max_window_actions,
                                        uint64_t max_pairs_in_memory, LockstepStats* stats);

// CopyCatch verification of one candidate group (exposed for tests). Returns false when fewer
// than min_group members remain.
bool VerifyCopyCatch(const std::vector<Act>& acts, const ActsByAccount& by_account,
                     std::vector<AccountId> members, const LockstepConfig& config,
                     LockstepGroup* out);

}  // namespace sluice::coord
