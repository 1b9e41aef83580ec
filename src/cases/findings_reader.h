// Reading findings.jsonl (docs/findings.md) for the case store: the keys a case needs, checked,
// with the line kept whole so the case holds exactly what the detector said.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "score/finding.h"
#include "score/vocabulary.h"

namespace sluice {

struct CaseFinding {
  uint64_t line = 0;
  SubjectKind subject = SubjectKind::kPost;
  std::string id, label;
  double score = 0;
  std::string claim, group, tactic, platform, account;
  Reach reach;
  std::string text;  // the line as read
};

struct FindingsFile {
  std::vector<CaseFinding> findings;
  uint64_t organic = 0;  // lines labelled organic: valid, but nothing to open a case for
  std::string sha256;    // of the whole file
};

// Reads every line. Blank lines are skipped. Any bad line fails the whole read with
// "<path>:<line>: <reason>" — a case store never takes half a file. A finding must carry a
// subject, an id, a label, a score and at least one signal (name, weight, evidence object);
// "claim", "group", "tactic", "platform", "account" and "reach" are read when present, other keys
// are kept in the text and otherwise ignored. The same (subject, id, label) twice is an error.
Result<FindingsFile> ReadFindingsFile(const std::string& path);

}  // namespace sluice
