// Co-action networks: two accounts are linked when they act on the same key (a target post, a
// text, a URL, a hashtag) within a time window of each other.
//
// Semantics are those of the QUT coordination-network-toolkit, so edge lists compare one to one:
// the weight of the directed edge (u1, u2) is the number of distinct messages of u1 that have at
// least one partner message of u2 on the same key with |t1 - t2| <= window. Weights are therefore
// directed (u1 may repost 5 times next to one repost of u2: w(u1,u2) = 5, w(u2,u1) = 1).
//
// Work is done per key: actions are sorted by (key, time) and a window slides over each key's
// run, so the cost is the number of partners examined, never all pairs of accounts. A crowded
// window (a hot post reposted by thousands within a minute) would still make n² pairs, so an
// action whose ± window holds more than max_window_actions actions gets no edges of its own; such
// actions and their keys are counted in the stats, never dropped silently.
#pragma once

#include <cstdint>
#include <vector>

#include "world/world.h"

namespace sluice::coord {

struct KeyedAction {
  uint64_t key;
  Time32 time;
  AccountId account;
  uint32_t message;  // the message (post or engagement) the action belongs to
};

struct CoActionOptions {
  uint32_t window_s = 60;
  uint32_t min_weight = 1;
  uint32_t max_window_actions = 0;  // 0 = no cap
  bool self_loops = false;
  // A message may appear under several keys (a post with two URLs): weights then count distinct
  // messages, not actions.
  bool multi_key = false;
  // Pairs held at once; more are computed in several passes over the accounts.
  uint64_t max_pairs_in_memory = 100'000'000;
};

struct CoEdge {
  AccountId u1, u2;
  uint32_t weight;
};

struct CoActionStats {
  uint64_t actions = 0;          // as given (after removing exact duplicates)
  uint64_t keys = 0;             // distinct keys
  uint64_t shared_keys = 0;      // keys acted on by two or more actions
  uint64_t skipped_actions = 0;  // actions over the window cap
  uint64_t skipped_keys = 0;     // keys with at least one skipped action
  uint64_t pairs = 0;            // (u1, u2, message) partnerships found
  uint32_t passes = 0;
  uint64_t edges = 0;            // edges at or above min_weight
};

struct CoActionNetwork {
  std::vector<CoEdge> edges;  // sorted by (u1, u2)
  // Distinct messages per account and in total, for NPMI.
  std::vector<uint32_t> messages_of;  // indexed by AccountId
  uint64_t messages = 0;
  CoActionStats stats;
  // The weight of (u1, u2), 0 when absent.
  uint32_t Weight(AccountId u1, AccountId u2) const;
};

// REQUIRES: every action's account < account_count.
CoActionNetwork BuildCoActionNetwork(std::vector<KeyedAction> actions, uint32_t account_count,
                                     const CoActionOptions& options);

// Aggregates (u1, u2, message) partnerships into weighted edges: the weight of (u1, u2) is the
// number of distinct messages. Sorts `pairs` in place. Used for networks whose partners are not
// found by one key (similar text).
struct Partnership {
  AccountId u1, u2;
  uint32_t message;
};
std::vector<CoEdge> AggregatePartnerships(std::vector<Partnership>* pairs, uint32_t min_weight);

// Normalized pointwise mutual information of an edge: joint = (w12 + w21) / 2 over `messages`,
// marginals messages_of[u] / messages. 1 when the two always act together, 0 when independent,
// below 0 when they avoid each other.
double EdgeNpmi(const CoActionNetwork& net, const CoEdge& e);

}  // namespace sluice::coord
