// A finding: a subject, the label its signals earned, its score and the signals that explain it,
// in the findings.jsonl format of docs/findings.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "score/vocabulary.h"

namespace sluice {

// How far a subject's content travelled; the case store grades cases by it.
struct Reach {
  uint64_t accounts = 0;    // distinct accounts reached
  uint64_t reposts = 0;
  uint64_t engagement = 0;  // likes, comments and reviews
};

// One signal name as it appears in a finding: it counts once towards the score however often it
// fired for the subject, and keeps the evidence of each distinct firing.
struct FiredSignal {
  std::string name;
  double weight = 0;
  std::string evidence;           // a JSON object: the first firing, in evidence byte order
  std::vector<std::string> more;  // later firings' evidence, at most kMaxMoreEvidence
  uint32_t fired = 1;             // distinct firings, including those beyond `more`
};
inline constexpr size_t kMaxMoreEvidence = 15;

struct Finding {
  SubjectKind subject = SubjectKind::kPost;
  std::string id;
  std::string label;
  double score = 0;
  std::string claim, group, tactic;
  std::vector<std::string> edits;
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  // Context from the world that the scan adds (extra keys eval ignores; the case store uses
  // them): the subject's platform, a post's author, and its reach.
  std::string platform;
  std::string account;
  std::optional<Reach> reach;
  std::vector<FiredSignal> signals;  // sorted by name
};

// Findings sort by subject kind name, id, then label — the order of findings.jsonl.
bool FindingLess(const Finding& a, const Finding& b);

// Appends one finding as a JSON object (no newline) with a fixed key order: subject, id, label,
// score, claim, group, tactic, edits, spans, platform, account, reach, signals. Empty optional
// keys are left out.
void AppendFindingJson(std::string* out, const Finding& f);

// Writes findings.jsonl atomically ("-" for stdout). REQUIRES: `findings` sorted by FindingLess.
Status WriteFindings(const std::string& path, const std::vector<Finding>& findings);

}  // namespace sluice
