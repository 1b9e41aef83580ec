#include "cli/scan_cases.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "cases/case_ingest.h"
#include "cases/case_store.h"
#include "cases/case_summary.h"

namespace sluice::cli {

namespace {

// Exact reach per case key: distinct accounts over the case's findings, reposts and engagement
// summed (a case holds each subject once per label, so nothing is counted twice).
std::map<std::string, Reach> CaseReach(const std::vector<Finding>& findings,
                                       const std::vector<std::vector<AccountId>>& reached) {
  std::map<std::string, std::pair<Reach, std::vector<AccountId>>> by_case;
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (!f.reach) continue;
    CaseFinding cf;
    cf.subject = f.subject;
    cf.id = f.id;
    cf.label = f.label;
    cf.claim = f.claim;
    cf.group = f.group;
    cf.account = f.account;
    auto& [reach, accounts] = by_case[CaseKeyOf(cf)];
    reach.reposts += f.reach->reposts;
    reach.engagement += f.reach->engagement;
    if (i < reached.size()) accounts.insert(accounts.end(), reached[i].begin(), reached[i].end());
  }
  std::map<std::string, Reach> out;
  for (auto& [key, v] : by_case) {
    std::sort(v.second.begin(), v.second.end());
    v.first.accounts = std::unique(v.second.begin(), v.second.end()) - v.second.begin();
    out.emplace(key, v.first);
  }
  return out;
}

}  // namespace

Result<ScanCases> RecordScanInCases(const std::string& db_path, const std::string& findings_path,
                                    const std::vector<Finding>& findings,
                                    const std::vector<std::vector<AccountId>>& reached,
                                    const ScoringConfig& cfg, UnixSeconds data_time) {
  CaseStore store;
  SLUICE_RETURN_IF_ERROR(store.Open(db_path, true));
  IngestOptions opt;
  opt.actor = "sluice scan";
  opt.now = data_time;
  opt.written_at = static_cast<UnixSeconds>(std::time(nullptr));
  opt.severity = &cfg.severity;
  opt.case_reach = CaseReach(findings, reached);
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
