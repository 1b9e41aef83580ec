// The scan's hand-over to the case store: the findings it wrote go into cases (a water-army group,
// a claim's spread, a spam source — case_ingest.h), and the campaign figures come back for
// summary.json. Kept apart from scan_command.cc because the case store's IngestOptions and the
// event reader's share a name.
#pragma once

#include <cstdint>
#include <string>

#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "score/finding.h"
#include "score/scoring_config.h"
#include "world/world.h"

namespace sluice::cli {

struct ScanCases {
  std::string summary_json;  // SummaryJson of the store after the ingest, without its newline
  uint64_t opened = 0, updated = 0, reopened = 0, unchanged_findings = 0;
};

// Ingests `findings_path` into the store at `db_path` (created when missing; ":memory:" for a
// throw-away store whose figures are those of this scan alone) and summarizes the store. Cases
// are dated `data_time` (the newest event), so the same input gives the same store; the audit
// log records the wall-clock time of the run. `findings` are those of the file, with `reached[i]`
// the distinct accounts finding i reached (AddFindingContext): a case's reach counts each account
// once however many of the case's findings reached it (over this scan's findings of the case).
Result<ScanCases> RecordScanInCases(const std::string& db_path, const std::string& findings_path,
                                    const std::vector<Finding>& findings,
                                    const std::vector<std::vector<AccountId>>& reached,
                                    const ScoringConfig& cfg, UnixSeconds data_time);

}  // namespace sluice::cli
