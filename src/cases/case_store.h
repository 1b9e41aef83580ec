// The case store: one SQLite file (WAL) holding cases, the findings grouped into them, reviewers'
// decisions, appeals and the audit chain. A case groups findings that one review should settle
// together — a water-army group, one claim's spread, one spam source — under a stable key, so a
// re-scan merges into the cases it already opened. Writes live in case_ingest.h and decisions.h;
// every write is one transaction with its audit entry. docs/cases.md documents it all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_schema.h"
#include "cases/sqlite_db.h"
#include "core/status.h"
#include "core/time.h"
#include "score/finding.h"

namespace sluice {

struct CaseRecord {
  int64_t id = 0;
  std::string key, category, claim, group, tactic;
  std::string status;  // open | closed
  double severity = 0;
  std::string grade;
  Reach reach;
  int64_t items = 0;
  double coordination = 0;
  UnixSeconds opened_at = 0, updated_at = 0;
  std::optional<UnixSeconds> closed_at;
};

struct ItemRecord {
  int64_t case_id = 0;
  std::string subject, subject_id, label;
  double score = 0;
  std::string claim, group, tactic, platform, account;
  Reach reach;
  bool coordinated = false;
  std::string finding;  // the findings.jsonl line
  UnixSeconds added_at = 0;
};

struct TargetRecord {
  std::string subject, subject_id, platform;
};

struct AppealRecord {
  int64_t id = 0, decision_id = 0;
  std::string filed_by, reason;
  UnixSeconds filed_at = 0;
  std::string status;  // filed | upheld | overturned
  std::string resolved_by, resolution;
  std::optional<UnixSeconds> resolved_at;
};

struct DecisionRecord {
  int64_t id = 0, case_id = 0;
  std::string action, reviewer, reason, basis, platform;
  UnixSeconds decided_at = 0;
  std::optional<UnixSeconds> platform_acted_at;
  std::string status;  // in_force | overturned
  std::vector<TargetRecord> targets;
  std::vector<AppealRecord> appeals;
};

struct CaseDetail {
  CaseRecord c;
  std::vector<ItemRecord> items;  // by subject, id, label
  std::vector<DecisionRecord> decisions;
};

struct CaseFilter {
  std::string status = "open";  // open, closed or all
  std::string category;         // empty: every category
  int64_t limit = 0;            // 0: no limit
};

// One connection to the store. Use it from one thread at a time; several processes (or several
// CaseStores) may open the same file at once — SQLite serializes their writes.
class CaseStore {
 public:
  // Opens the store at `path`. With `create` a missing file becomes a new, empty store; without
  // it a missing file is NotFound. A file that is not a case store is an error.
  Status Open(const std::string& path, bool create);
  SqliteDb* db() { return &db_; }
  const std::string& path() const { return db_.path(); }

  // The review queue: most severe first, then by case number.
  Result<std::vector<CaseRecord>> List(const CaseFilter& filter);
  // Every case in case-number order (exports, summaries).
  Result<std::vector<CaseRecord>> AllCases();
  Result<std::optional<CaseRecord>> FindCase(int64_t id);
  Result<std::optional<CaseRecord>> FindCaseByKey(const std::string& key);
  Result<CaseDetail> Detail(int64_t id);
  Result<std::vector<ItemRecord>> Items(int64_t case_id);
  // Decisions of one case (case_id > 0) or of every case (0), by id, with targets and appeals.
  Result<std::vector<DecisionRecord>> Decisions(int64_t case_id);
  Result<std::optional<DecisionRecord>> FindDecision(int64_t id);
  Result<std::optional<AppealRecord>> FindAppeal(int64_t id);

 private:
  SqliteDb db_;
};

// Rows in the column order of case_schema.h, for writes through AuditEntry::Put.
Row ToRow(const CaseRecord& c);
Row ToRow(const ItemRecord& i);
Row ToRow(const DecisionRecord& d);  // the decision alone; targets are rows of their own
Row ToRow(int64_t decision_id, const TargetRecord& t);
Row ToRow(const AppealRecord& a);

}  // namespace sluice
