// Shared by the case store's tests: a store in a scratch directory loaded with
// tests/data/cases/findings.jsonl (its README lists the six cases it opens).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "cases/case_ingest.h"
#include "cases/case_store.h"
#include "core/test_util.h"
#include "score/scoring_config.h"

namespace sluice::testing {

inline std::string SmallFindingsPath() {
  return std::string(SLUICE_SOURCE_DIR) + "/tests/data/cases/findings.jsonl";
}

inline constexpr UnixSeconds kT0 = 1714550400;  // 2024-05-01T08:00:00Z

inline const SeverityConfig& TestSeverity() {
  static const ScoringConfig cfg = DefaultScoringConfig().value();
  return cfg.severity;
}

inline Result<IngestReport> IngestFile(CaseStore* store, const std::string& path, UnixSeconds now) {
  IngestOptions opt;
  opt.now = now;
  opt.severity = &TestSeverity();
  return IngestFindingsFile(store, path, opt);
}

inline int64_t CaseIdByKey(CaseStore* store, const std::string& key) {
  Result<std::optional<CaseRecord>> c = store->FindCaseByKey(key);
  return c.ok() && c.value() ? c.value()->id : 0;
}

// A store at dir/cases.db holding the small findings file, ingested at kT0.
inline void OpenSmallStore(const ScratchDir& dir, CaseStore* store) {
  ASSERT_TRUE(store->Open(dir.Path("cases.db"), true).ok());
  Result<IngestReport> r = IngestFile(store, SmallFindingsPath(), kT0);
  ASSERT_TRUE(r.ok()) << r.status().message();
}

}  // namespace sluice::testing
