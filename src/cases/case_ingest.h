// Ingest: findings into cases. Each finding goes to the case its key names (CaseKeyOf); a case
// that does not exist yet is opened, one that does gains the new findings as items. The same
// findings ingested twice change nothing but the audit log's record of the run. One ingest is
// one transaction: a bad line or a crash leaves the store as it was.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cases/case_store.h"
#include "cases/findings_reader.h"
#include "core/time.h"
#include "score/scoring_config.h"

namespace sluice {

// The case a finding belongs to, by label: a rumor by its claim (else its narrative group), a
// water-army or copy-paste finding by its group, spam by its group else its author's account;
// a finding with none of these is a case of its own. E.g. "rumor:claim:c12",
// "water_army:group:g3", "spam:account:u9", "rumor:post:p77".
std::string CaseKeyOf(const CaseFinding& f);

struct IngestOptions {
  std::string source;         // the findings file, as named in the audit log
  std::string source_sha256;  // its digest
  std::string actor = "sluice ingest";
  UnixSeconds now = 0;        // when the findings were made: cases opened and updated at
  UnixSeconds written_at = 0; // when the ingest runs, for the audit log; 0: the same as `now`
  // REQUIRES: not null.
  const SeverityConfig* severity = nullptr;
  // Exact reach by case key, for callers (the scan) that can count distinct accounts across a
  // case. Without an entry a case's reach is the sum over its items, which counts an account
  // reached by two items twice.
  std::map<std::string, Reach> case_reach;
};

struct IngestReport {
  uint64_t findings = 0, organic = 0;
  uint64_t cases_opened = 0, cases_updated = 0, cases_reopened = 0;
  uint64_t items_added = 0, items_changed = 0, items_unchanged = 0;
};

Result<IngestReport> IngestFindings(CaseStore* store, const std::vector<CaseFinding>& findings,
                                    uint64_t organic, const IngestOptions& opt);

// Reads `path` (ReadFindingsFile) and ingests it, naming it and its digest in the audit log.
Result<IngestReport> IngestFindingsFile(CaseStore* store, const std::string& path,
                                        IngestOptions opt);

}  // namespace sluice
