// One line of truth.jsonl, the contract shared with `sluice eval` (docs/findings.md): subject,
// id, label, then the optional keys in a fixed order — claim, group, tactic, edits,
// hard_negative, confounder, spans, originator. Empty optional fields are left out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/text_edits.h"

namespace sluice::sim {

struct TruthRecord {
  std::string_view subject;  // account, post or page
  std::string_view id;
  std::string_view label;    // rumor, copy_paste, spam, water_army or organic
  std::string_view claim;
  std::string_view group;
  std::string_view tactic;
  EditSet edits = 0;         // written when non-zero
  std::string_view hard_negative;
  std::string_view confounder;
  std::vector<std::pair<uint64_t, uint64_t>> spans;  // written when non-empty
  // On the earliest injected rumor post of a claim: its author, who started the claim's cascade.
  std::string_view originator;
};

void AppendTruthJson(const TruthRecord& r, std::string* out);

}  // namespace sluice::sim
