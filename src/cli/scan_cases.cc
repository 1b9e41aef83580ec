#include "cli/scan_cases.h"

#include <ctime>

#include "cases/case_ingest.h"
#include "cases/case_store.h"
#include "cases/case_summary.h"

namespace sluice::cli {

Result<ScanCases> RecordScanInCases(const std::string& db_path, const std::string& findings_path,
                                    const ScoringConfig& cfg, UnixSeconds data_time) {
  CaseStore store;
  SLUICE_RETURN_IF_ERROR(store.Open(db_path, true));
  IngestOptions opt;
  opt.actor = "sluice scan";
  opt.now = data_time;
  opt.written_at = static_cast<UnixSeconds>(std::time(nullptr));
  opt.severity = &cfg.severity;
  Result<IngestReport> rep = IngestFindingsFile(&store, findings_path, opt);
  if (!rep.ok()) return rep.status();
  Result<CaseSummary> sum = Summarize(&store);
  if (!sum.ok()) return sum.status();
  ScanCases out;
  out.summary_json = SummaryJson(sum.value());
  while (!out.summary_json.empty() && out.summary_json.back() == '\n') out.summary_json.pop_back();
  out.opened = rep.value().cases_opened;
  out.updated = rep.value().cases_updated;
  out.reopened = rep.value().cases_reopened;
  out.unchanged_findings = rep.value().items_unchanged;
  return out;
}

}  // namespace sluice::cli
