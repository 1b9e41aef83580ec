// Writing evidence: a JSON object builder with keys in call order, times as RFC 3339, the
// targets a group shares with each member's first act on them, and per-member examples.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "coord/act_table.h"
#include "coord/group.h"
#include "world/world.h"

namespace sluice::coord {

inline constexpr size_t kExamples = 5;  // examples per member signal

class EvidenceJson {
 public:
  EvidenceJson& Str(std::string_view key, std::string_view value);
  EvidenceJson& Num(std::string_view key, double value);
  EvidenceJson& Int(std::string_view key, uint64_t value);
  // `json` must be a complete JSON value.
  EvidenceJson& Raw(std::string_view key, std::string_view json);
  std::string Done() const { return "{" + s_ + "}"; }

 private:
  void Key(std::string_view k);
  std::string s_;
};

std::string FormatTime(Time32 t);
inline std::string_view AccountName(const World& w, AccountId a) { return w.accounts.ids.Get(a); }
inline std::string_view PostName(const World& w, PostId p) { return w.posts.ids.Get(p); }
// The salted hash of a device or IP token, as 16 hex digits (never the raw token).
std::string TokenHex(const World& w, TokenId t);

// For each target acted on by at least `min_members` members: the first act of each member on
// it, by time; targets sorted by their first act. `only` (sorted, may be null) restricts targets.
std::vector<GroupTarget> SharedTargets(const std::vector<Act>& acts, const ActsByAccount& ix,
                                       const std::vector<AccountId>& members, uint32_t min_members,
                                       const std::vector<PostId>* only);

// Up to kExamples of member m's acts on the targets, as [{"post","time"},...]; *count is set to
// all of them.
std::string MemberExamples(const World& w, const std::vector<GroupTarget>& targets, AccountId m,
                           uint32_t* count);

}  // namespace sluice::coord
