// Exports of the case store for people and other tools: every case (or every decision) as CSV or
// JSONL, in case-number (decision-number) order, so the same store gives the same bytes.
// docs/cases.md lists the columns.
#pragma once

#include <string>

#include "cases/case_store.h"
#include "core/status.h"

namespace sluice {

enum class ExportFormat { kCsv, kJsonl };
enum class ExportTable { kCases, kDecisions };

// Writes atomically to `path` ("-" for stdout).
Status ExportStore(CaseStore* store, ExportFormat format, ExportTable table, const std::string& path);

// One case as a JSON object (no newline): its fields, and with `detail` its items (each with its
// finding) and decisions (with targets and appeals).
void AppendCaseJson(std::string* out, const CaseRecord& c);
void AppendCaseDetailJson(std::string* out, const CaseDetail& d);
void AppendDecisionJson(std::string* out, const DecisionRecord& d);

// One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
void AppendCsvField(std::string* out, std::string_view v);

}  // namespace sluice
