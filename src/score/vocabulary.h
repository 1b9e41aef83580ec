// The words of the findings contract (docs/findings.md) that scoring and the case store share:
// the kinds of subject a finding is about and the labels a finding may carry.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sluice {

enum class SubjectKind : uint8_t { kAccount, kPost, kPage };

std::string_view SubjectKindName(SubjectKind k);
std::optional<SubjectKind> ParseSubjectKind(std::string_view s);

// Labels a finding may carry. "organic" is a truth label only: nothing is ever found organic.
inline constexpr std::array<std::string_view, 4> kFindingLabels = {"copy_paste", "rumor", "spam",
                                                                   "water_army"};
bool IsFindingLabel(std::string_view s);

// Water-army tactics, as the simulator labels them.
inline constexpr std::array<std::string_view, 4> kTactics = {"copy_paste", "device_farm",
                                                             "fake_engagement", "lockstep"};
bool IsTactic(std::string_view s);

// What a case is about (分類): every finding label falls in one category; copy-paste posting is a
// water-army tactic.
inline constexpr std::array<std::string_view, 3> kCaseCategories = {"rumor", "spam",
                                                                    "water_army"};
bool IsCaseCategory(std::string_view s);
// REQUIRES: IsFindingLabel(label).
std::string_view CategoryOfLabel(std::string_view label);

}  // namespace sluice
