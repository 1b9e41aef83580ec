#include "score/vocabulary.h"

#include <algorithm>

namespace sluice {

std::string_view SubjectKindName(SubjectKind k) {
  switch (k) {
    case SubjectKind::kAccount: return "account";
    case SubjectKind::kPost: return "post";
    case SubjectKind::kPage: return "page";
  }
  return "?";
}

std::optional<SubjectKind> ParseSubjectKind(std::string_view s) {
  if (s == "account") return SubjectKind::kAccount;
  if (s == "post") return SubjectKind::kPost;
  if (s == "page") return SubjectKind::kPage;
  return std::nullopt;
}

bool IsFindingLabel(std::string_view s) {
  return std::find(kFindingLabels.begin(), kFindingLabels.end(), s) != kFindingLabels.end();
}

bool IsTactic(std::string_view s) {
  return std::find(kTactics.begin(), kTactics.end(), s) != kTactics.end();
}

bool IsCaseCategory(std::string_view s) {
  return std::find(kCaseCategories.begin(), kCaseCategories.end(), s) != kCaseCategories.end();
}

std::string_view CategoryOfLabel(std::string_view label) {
  if (label == "rumor") return "rumor";
  if (label == "spam") return "spam";
  return "water_army";
}

}  // namespace sluice
