// Every act of one account on one post, gathered from both places the World keeps them:
// engagement rows, and posts that repost or reply (a reply counts as a comment). Platforms often
// export a repost twice — as a post with repost_of and as a "repost" engagement of the same
// account, post and second — so such a pair is kept once.
#pragma once

#include <cstdint>
#include <vector>

#include "world/world.h"

namespace sluice::coord {

// 24 bytes: at a hundred million acts every field counts.
struct Act {
  AccountId account;
  PostId target;
  Time32 time;
  TokenId device, ip;  // kNone when the row gave none
  EngagementKind kind;
  bool from_post;      // a repost or reply post rather than an engagement row
};

// Sorted by (time, account, target, kind, from_post, device, ip).
std::vector<Act> CollectActs(const World& w);

// The acts of each account: acts[index[k]] for k in [begin[a], begin[a + 1]), in time order.
struct ActsByAccount {
  std::vector<uint64_t> begin;
  std::vector<uint32_t> index;
  size_t count(AccountId a) const { return begin[a + 1] - begin[a]; }
};
// REQUIRES: acts sorted by time (CollectActs) and fewer than 2^32 of them.
ActsByAccount IndexByAccount(const std::vector<Act>& acts, uint32_t accounts);


}  // namespace sluice::coord
