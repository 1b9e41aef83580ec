#include "cases/case_export.h"

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/output_file.h"

namespace sluice {
namespace {

std::string Time(std::optional<UnixSeconds> t) { return t ? FormatRfc3339(*t) : ""; }

void Key(std::string* out, const char* key) {
  *out += ",\"";
  *out += key;
  *out += "\":";
}

void Str(std::string* out, const char* key, std::string_view v) {
  Key(out, key);
  AppendJsonString(out, v);
}

void OptTime(std::string* out, const char* key, std::optional<UnixSeconds> t) {
  Key(out, key);
  if (t) AppendJsonString(out, FormatRfc3339(*t));
  else *out += "null";
}

void AppendCaseFields(std::string* out, const CaseRecord& c) {
  *out += fmt::format("{{\"case\":{}", c.id);
  Str(out, "key", c.key);
  Str(out, "category", c.category);
  Str(out, "claim", c.claim);
  Str(out, "group", c.group);
  Str(out, "tactic", c.tactic);
  Str(out, "status", c.status);
  Key(out, "severity");
  AppendJsonNumber(out, c.severity);
  Str(out, "grade", c.grade);
  *out += fmt::format(",\"reach\":{{\"accounts\":{},\"reposts\":{},\"engagement\":{}}},\"items\":{}",
                      c.reach.accounts, c.reach.reposts, c.reach.engagement, c.items);
  Key(out, "coordination");
  AppendJsonNumber(out, c.coordination);
  OptTime(out, "opened_at", c.opened_at);
  OptTime(out, "updated_at", c.updated_at);
  OptTime(out, "closed_at", c.closed_at);
}

void AppendAppealJson(std::string* out, const AppealRecord& a) {
  *out += fmt::format("{{\"appeal\":{}", a.id);
  Str(out, "filed_by", a.filed_by);
  Str(out, "reason", a.reason);
  OptTime(out, "filed_at", a.filed_at);
  Str(out, "status", a.status);
  Str(out, "resolved_by", a.resolved_by);
  Str(out, "resolution", a.resolution);
  OptTime(out, "resolved_at", a.resolved_at);
  *out += "}";
}

Status WriteAll(const std::string& path, const std::string& bytes) {
  OutputFile out;
  SLUICE_RETURN_IF_ERROR(out.Open(path));
  SLUICE_RETURN_IF_ERROR(out.Write(bytes));
  return out.Commit();
}

std::string LastAppealStatus(const DecisionRecord& d) {
  return d.appeals.empty() ? "" : d.appeals.back().status;
}

}  // namespace

void AppendCsvField(std::string* out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    *out += v;
    return;
  }
  out->push_back('"');
  for (char c : v) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendCaseJson(std::string* out, const CaseRecord& c) {
  AppendCaseFields(out, c);
  *out += "}";
}

void AppendDecisionJson(std::string* out, const DecisionRecord& d) {
  *out += fmt::format("{{\"decision\":{},\"case\":{}", d.id, d.case_id);
  Str(out, "action", d.action);
  Str(out, "reviewer", d.reviewer);
  Str(out, "reason", d.reason);
  Str(out, "basis", d.basis);
  Str(out, "platform", d.platform);
  OptTime(out, "decided_at", d.decided_at);
  OptTime(out, "platform_acted_at", d.platform_acted_at);
  Str(out, "status", d.status);
  *out += ",\"targets\":[";
  for (size_t i = 0; i < d.targets.size(); ++i) {
    const TargetRecord& t = d.targets[i];
    *out += i ? ",{\"subject\":" : "{\"subject\":";
    AppendJsonString(out, t.subject);
    Str(out, "id", t.subject_id);
    Str(out, "platform", t.platform);
    *out += "}";
  }
  *out += "],\"appeals\":[";
  for (size_t i = 0; i < d.appeals.size(); ++i) {
    if (i) *out += ",";
    AppendAppealJson(out, d.appeals[i]);
  }
  *out += "]}";
}

void AppendCaseDetailJson(std::string* out, const CaseDetail& d) {
  AppendCaseFields(out, d.c);
  *out += ",\"findings\":[";
  for (size_t i = 0; i < d.items.size(); ++i) {
    if (i) *out += ",";
    // The finding line was checked as a JSON object when it was ingested.
    *out += d.items[i].finding;
  }
  *out += "],\"decisions\":[";
  for (size_t i = 0; i < d.decisions.size(); ++i) {
    if (i) *out += ",";
    AppendDecisionJson(out, d.decisions[i]);
  }
  *out += "]}";
}

Status ExportStore(CaseStore* store, ExportFormat format, ExportTable table, const std::string& path) {
  SqliteSnapshot snapshot(store->db());  // tables and log read at one instant
  SLUICE_RETURN_IF_ERROR(snapshot.status());
  std::string out;
  Result<std::vector<CaseRecord>> cases = store->AllCases();
  if (!cases.ok()) return cases.status();
  if (table == ExportTable::kCases) {
    if (format == ExportFormat::kCsv)
      out += "case,key,category,claim,group,tactic,status,severity,grade,reach_accounts,"
             "reach_reposts,reach_engagement,items,coordination,opened_at,updated_at,closed_at,"
             "decisions\n";
    for (const CaseRecord& c : cases.value()) {
      Result<CaseDetail> d = store->Detail(c.id);
      if (!d.ok()) return d.status();
      if (format == ExportFormat::kJsonl) {
        AppendCaseDetailJson(&out, d.value());
        out += "\n";
        continue;
      }
      std::string actions;
      for (const DecisionRecord& dec : d.value().decisions)
        actions += fmt::format("{}{}:{}{}", actions.empty() ? "" : " ", dec.id, dec.action,
                               dec.status == "in_force" ? "" : " (" + dec.status + ")");
      out += std::to_string(c.id);
      for (std::string_view f : {std::string_view(c.key), std::string_view(c.category),
                                 std::string_view(c.claim), std::string_view(c.group),
                                 std::string_view(c.tactic), std::string_view(c.status)}) {
        out += ",";
        AppendCsvField(&out, f);
      }
      out += fmt::format(",{:.4f},", c.severity);
      AppendCsvField(&out, c.grade);
      out += fmt::format(",{},{},{},{},{:.4f},{},{},{},", c.reach.accounts, c.reach.reposts,
                         c.reach.engagement, c.items, c.coordination, Time(c.opened_at),
                         Time(c.updated_at), Time(c.closed_at));
      AppendCsvField(&out, actions);
      out += "\n";
    }
    return WriteAll(path, out);
  }
  std::map<int64_t, const CaseRecord*> by_id;
  for (const CaseRecord& c : cases.value()) by_id[c.id] = &c;
  Result<std::vector<DecisionRecord>> ds = store->Decisions(0);
  if (!ds.ok()) return ds.status();
  if (format == ExportFormat::kCsv)
    out += "decision,case,case_key,category,action,reviewer,reason,basis,platform,decided_at,"
           "platform_acted_at,latency_seconds,status,targets,appeals,last_appeal\n";
  for (const DecisionRecord& d : ds.value()) {
    if (format == ExportFormat::kJsonl) {
      AppendDecisionJson(&out, d);
      out += "\n";
      continue;
    }
    const CaseRecord* c = by_id.count(d.case_id) ? by_id[d.case_id] : nullptr;
    out += fmt::format("{},{},", d.id, d.case_id);
    AppendCsvField(&out, c ? c->key : "");
    out += ",";
    AppendCsvField(&out, c ? c->category : "");
    for (std::string_view f : {std::string_view(d.action), std::string_view(d.reviewer),
                               std::string_view(d.reason), std::string_view(d.basis),
                               std::string_view(d.platform)}) {
      out += ",";
      AppendCsvField(&out, f);
    }
    std::string latency = d.platform_acted_at ? std::to_string(*d.platform_acted_at - d.decided_at) : "";
    out += fmt::format(",{},{},{},", Time(d.decided_at), Time(d.platform_acted_at), latency);
    AppendCsvField(&out, d.status);
    out += fmt::format(",{},{},", d.targets.size(), d.appeals.size());
    AppendCsvField(&out, LastAppealStatus(d));
    out += "\n";
  }
  return WriteAll(path, out);
}

}  // namespace sluice
