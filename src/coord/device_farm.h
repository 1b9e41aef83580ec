// Device farms: many accounts behind one device or IP token that act in step.
//
// Sharing a token is not suspicious by itself — a family shares a phone, a campus shares one NAT
// address. What a phone farm run by group-control software does, and they do not, is drive its
// accounts through the same targets at the same time. So for every token with enough accounts
// (from account records, posts and engagements), each member's act is "in step" when another
// member of the same token acted on the same target within the window. A member is in step when
// enough of its acts are; a token is a farm when enough of its members are. Families (a few
// accounts, independent timing, different targets) and campuses (many accounts, independent
// timing, different targets) stay below both bars.
//
// Tokens are World token ids (salted hashes of the raw device and IP strings): the raw values
// never reach this code or its output.
#pragma once

#include <cstdint>
#include <vector>

#include "coord/act_table.h"
#include "coord/coord_config.h"
#include "world/world.h"

namespace sluice::coord {

enum class TokenKind : uint8_t { kDevice, kIp };

struct FarmMember {
  AccountId account;
  uint32_t acts = 0;    // acts of the account
  uint32_t synced = 0;  // ... in step with another member of the token
  bool in_step = false;
};

struct FarmToken {
  TokenId token;
  TokenKind kind;
  std::vector<FarmMember> members;  // sorted by account
  uint32_t in_step = 0;             // members in step
  uint64_t acts = 0, synced = 0;
  uint32_t median_step_s = 0;       // median gap between consecutive members on a shared target
  bool farm = false;                // enough members in step
};

struct FarmGroup {
  std::vector<AccountId> members;   // accounts in step on a farm token, sorted
  std::vector<uint32_t> tokens;     // indexes into FarmResult::tokens
};

struct FarmResult {
  std::vector<FarmToken> tokens;    // farm tokens, sorted by (kind, token)
  std::vector<FarmGroup> groups;    // farm accounts joined through shared farm tokens
  uint64_t tokens_shared = 0;       // tokens with at least min_accounts accounts
  uint64_t tokens_too_big = 0;      // ... skipped for having more than max_accounts
  uint64_t tokens_examined = 0;     // ... examined (the rest)
};

// REQUIRES: acts == CollectActs(w), by_account == IndexByAccount(acts, w.accounts.size()).
FarmResult FindDeviceFarms(const World& w, const std::vector<Act>& acts,
                           const ActsByAccount& by_account, const DeviceFarmConfig& config);

}  // namespace sluice::coord
