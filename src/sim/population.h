// The accounts of the simulated platform. Nothing is stored per account: every attribute
// (activity, followers, device, IP, name, script) is a function of the account's index and the
// seed, and group membership is a range lookup, so memory does not grow with the population.
//
// Index layout: [0, organic) are organic accounts, the first of them grouped into confounders
// (households, campuses, fans, news outlets); then the water-army groups; then spammers.
// Platform ids are a keyed bijection of the index, so the layout does not show in the output.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/lexicon.h"
#include "sim/rng.h"
#include "sim/sim_params.h"
#include "sim/vocabulary.h"

namespace sluice::sim {

enum class Role : uint8_t {
  kOrganic, kFamily, kCampus, kFan, kNews,
  kFakeEngagement, kLockstep, kCopyPaste, kDeviceFarm, kSpammer
};
inline constexpr int kRoleCount = 10;

struct Group {
  Role role = Role::kOrganic;
  uint32_t index = 0;  // within its role
  uint32_t first = 0;  // account indexes [first, first + size)
  uint32_t size = 0;
  uint32_t idol = 0;   // fan groups: the account the fans follow
};

class Population {
 public:
  Population(const SimParams& p, uint64_t seed);

  uint32_t size() const { return size_; }
  uint32_t organic() const { return organic_; }

  // The group of account a, or nullptr for a plain organic account.
  const Group* GroupOf(uint32_t a) const;
  const std::vector<Group>& groups() const { return groups_; }
  // Groups of one role, in index order.
  std::vector<const Group*> GroupsOf(Role r) const;
  // The fan group whose idol is a, or nullptr.
  const Group* FansOf(uint32_t a) const;

  // An organic account drawn by activity (heavy-tailed: a few accounts post most).
  uint32_t SampleActive(Rng& rng) const;
  // The account with the r-th most followers among organic accounts (r from 0).
  uint32_t ByFollowerRank(uint32_t r) const;

  int64_t Followers(uint32_t a) const;
  int64_t Following(uint32_t a) const;
  // Engagement multiplier of a's posts; 1 on average over organic authors.
  double Popularity(uint32_t a) const;
  bool Verified(uint32_t a) const;
  int64_t CreatedAt(uint32_t a) const;
  Script ScriptOf(uint32_t a) const;

  void AppendId(uint32_t a, std::string* out) const;
  std::string Id(uint32_t a) const;
  void AppendDevice(uint32_t a, std::string* out) const;
  // The IP address a uses at time t (households, campuses and farms share one).
  void AppendIp(uint32_t a, int64_t t, std::string* out) const;
  std::string Name(uint32_t a, const Lexicon& lex) const;

 private:
  uint64_t Hash(uint32_t a, uint64_t tag) const;
  uint32_t FollowerRankOf(uint32_t a) const;
  double RawPopularity(uint32_t rank) const;

  SimParams p_;
  uint64_t seed_;
  uint32_t size_ = 0, organic_ = 0;
  std::vector<Group> groups_;        // sorted by first
  std::vector<uint32_t> idols_;      // sorted idol indexes ...
  std::vector<uint32_t> idol_group_; // ... and their group in groups_
  // Affine permutations of [0, organic): rank -> index for activity and followers.
  uint64_t act_a_ = 1, act_b_ = 0, fol_a_ = 1, fol_b_ = 0, fol_a_inv_ = 1;
  uint32_t id_key_ = 0;
  double activity_offset_ = 1;
  double pop_norm_ = 1;
  double followers_median_ = 1;
};

}  // namespace sluice::sim
