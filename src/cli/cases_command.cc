// `sluice cases ...`: the case store from the command line — take in findings, work the review
// queue, decide, record platform actions and appeals, verify the audit chain, export, and count
// the campaign. docs/cases.md is the manual.
#include <charconv>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <simdjson.h>

#include "cases/audit_log.h"
#include "cases/case_export.h"
#include "cases/case_ingest.h"
#include "cases/case_store.h"
#include "cases/case_summary.h"
#include "cases/decisions.h"
#include "cli/commands.h"
#include "core/time.h"
#include "score/scoring_config.h"

namespace sluice::cli {
namespace {

int Fail(const Status& st) {
  std::fprintf(stderr, "sluice cases: %s\n", st.message().c_str());
  return kExitUnusable;
}

int Fail(const std::string& message) { return Fail(Status::InvalidInput(message)); }

// "2024-05-01T08:30:00+08:00" or Unix seconds.
Result<UnixSeconds> ParseTime(const std::string& flag, const std::string& s) {
  UnixSeconds t = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), t);
  if (!s.empty() && ec == std::errc() && end == s.data() + s.size() && t >= kMinTime && t <= kMaxTime)
    return t;
  std::optional<UnixSeconds> parsed = ParseRfc3339(s);
  if (!parsed) return Status::InvalidInput(flag + ": '" + s + "' is not an RFC 3339 time or Unix seconds (1970 to 2100)");
  return *parsed;
}

UnixSeconds Now() { return static_cast<UnixSeconds>(std::time(nullptr)); }

// "--at" when given, else now.
Result<UnixSeconds> TimeOr(const std::string& flag, const std::string& s, UnixSeconds now) {
  return s.empty() ? Result<UnixSeconds>(now) : ParseTime(flag, s);
}

std::string Duration(int64_t s) {
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  if (s < 86400) return fmt::format("{}h{:02}m", s / 3600, s % 3600 / 60);
  return fmt::format("{}d{:02}h", s / 86400, s % 86400 / 3600);
}

std::string Or(const std::string& s, const char* dash = "-") { return s.empty() ? dash : s; }

Status OpenStore(CaseStore* store, const std::string& db, bool create) {
  return store->Open(db, create);
}

void AddDb(CLI::App* cmd, std::string* db) {
  cmd->add_option("--db", *db, "The case store (an SQLite file)")->required();
}

// --- ingest -------------------------------------------------------------------------------

struct IngestArgs {
  std::string db, config, at, findings;
};

int RunIngest(const IngestArgs& a) {
  Result<ScoringConfig> cfg = LoadScoringConfig(a.config);
  if (!cfg.ok()) return Fail(cfg.status());
  const UnixSeconds written_at = Now();
  Result<UnixSeconds> now = TimeOr("--at", a.at, written_at);
  if (!now.ok()) return Fail(now.status());
  CaseStore store;
  Status st = OpenStore(&store, a.db, true);
  if (!st.ok()) return Fail(st);
  IngestOptions opt;
  opt.now = now.value();
  opt.written_at = written_at;
  opt.severity = &cfg.value().severity;
  Result<IngestReport> r = IngestFindingsFile(&store, a.findings, opt);
  if (!r.ok()) return Fail(r.status());
  const IngestReport& x = r.value();
  std::printf("ingested %s: %llu findings (%llu organic, ignored): %llu cases opened, %llu updated "
              "(%llu reopened); %llu items added, %llu changed, %llu unchanged\n",
              a.findings.c_str(), static_cast<unsigned long long>(x.findings + x.organic),
              static_cast<unsigned long long>(x.organic), static_cast<unsigned long long>(x.cases_opened),
              static_cast<unsigned long long>(x.cases_updated),
              static_cast<unsigned long long>(x.cases_reopened),
              static_cast<unsigned long long>(x.items_added),
              static_cast<unsigned long long>(x.items_changed),
              static_cast<unsigned long long>(x.items_unchanged));
  return kExitOk;
}

// --- list -------------------------------------------------------------------------------------

struct ListArgs {
  std::string db;
  CaseFilter filter;
  bool json = false;
};

int RunList(const ListArgs& a) {
  CaseStore store;
  Status st = OpenStore(&store, a.db, false);
  if (!st.ok()) return Fail(st);
  Result<std::vector<CaseRecord>> cases = store.List(a.filter);
  if (!cases.ok()) return Fail(cases.status());
  std::string out;
  if (a.json) {
    for (const CaseRecord& c : cases.value()) {
      AppendCaseJson(&out, c);
      out += "\n";
    }
  } else {
    out += fmt::format("{:>6}  {:<9} {:>8}  {:<10}  {:<15}  {:<6}  {:>6}  {:>9}  {}\n", "case", "grade",
                       "severity", "category", "tactic", "status", "items", "reach", "key");
    for (const CaseRecord& c : cases.value())
      out += fmt::format("{:>6}  {:<9} {:>8.2f}  {:<10}  {:<15}  {:<6}  {:>6}  {:>9}  {}\n", c.id, c.grade,
                         c.severity, c.category, Or(c.tactic), c.status, c.items, c.reach.accounts, c.key);
    if (cases.value().empty()) out += "(no case)\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

// --- show -------------------------------------------------------------------------------------

struct ShowArgs {
  std::string db, config;
  int64_t id = 0;
  size_t items = 20;
  bool json = false;
};

// The signals of one finding line, with their descriptions from the configuration.
std::string SignalLines(const std::string& finding, const ScoringConfig& cfg) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc, signals;
  if (parser.parse(finding).get(doc) != simdjson::SUCCESS ||
      doc["signals"].get(signals) != simdjson::SUCCESS || !signals.is_array())
    return "";
  std::string out;
  simdjson::dom::array list = signals.get_array().value_unsafe();  // by value: see record_parser.cc
  for (simdjson::dom::element s : list) {
    std::string_view name;
    double weight = 0;
    simdjson::dom::element evidence;
    if (s["name"].get(name) != simdjson::SUCCESS || s["weight"].get(weight) != simdjson::SUCCESS ||
        s["evidence"].get(evidence) != simdjson::SUCCESS)
      continue;
    auto spec = cfg.signals.find(std::string(name));
    out += fmt::format("      {} ({:+g}){}{}\n        evidence {}\n", name, weight,
                       spec == cfg.signals.end() ? "" : ": ",
                       spec == cfg.signals.end() ? "" : spec->second.description,
                       simdjson::minify(evidence));
  }
  return out;
}

int RunShow(const ShowArgs& a) {
  Result<ScoringConfig> cfg = LoadScoringConfig(a.config);
  if (!cfg.ok()) return Fail(cfg.status());
  CaseStore store;
  Status st = OpenStore(&store, a.db, false);
  if (!st.ok()) return Fail(st);
  Result<CaseDetail> d = store.Detail(a.id);
  if (!d.ok()) return Fail(d.status());
  std::string out;
  if (a.json) {
    AppendCaseDetailJson(&out, d.value());
    out += "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return kExitOk;
  }
  const CaseRecord& c = d.value().c;
  out += fmt::format("case {}  {}\n", c.id, c.key);
  out += fmt::format("  category {}  grade {} (severity {:.2f})  status {}\n", c.category, c.grade,
                     c.severity, c.status);
  out += fmt::format("  claim {}  group {}  tactic {}\n", Or(c.claim), Or(c.group), Or(c.tactic));
  out += fmt::format("  reach {} accounts, {} reposts, {} engagement; {} findings, {:.0f}% from coordinated accounts\n",
                     c.reach.accounts, c.reach.reposts, c.reach.engagement, c.items, c.coordination * 100);
  out += fmt::format("  opened {}  updated {}{}\n", FormatRfc3339(c.opened_at), FormatRfc3339(c.updated_at),
                     c.closed_at ? "  closed " + FormatRfc3339(*c.closed_at) : "");
  const auto& items = d.value().items;
  out += fmt::format("findings ({}{}):\n", items.size(),
                     items.size() > a.items ? fmt::format(", first {} shown", a.items) : "");
  for (size_t i = 0; i < items.size() && i < a.items; ++i) {
    const ItemRecord& it = items[i];
    out += fmt::format("  {} {}  {}  score {:g}{}{}\n", it.subject, it.subject_id, it.label, it.score,
                       it.platform.empty() ? "" : "  on " + it.platform,
                       it.account.empty() ? "" : "  by " + it.account);
    out += SignalLines(it.finding, cfg.value());
  }
  out += fmt::format("decisions ({}):\n", d.value().decisions.size());
  for (const DecisionRecord& dec : d.value().decisions) {
    out += fmt::format("  #{} {} by {} at {} [{}]\n", dec.id, dec.action, dec.reviewer,
                       FormatRfc3339(dec.decided_at), dec.status);
    out += fmt::format("     reason: {}\n     basis: {}\n", dec.reason, dec.basis);
    if (!dec.platform.empty())
      out += fmt::format("     platform {}: {}\n", dec.platform,
                         dec.platform_acted_at
                             ? fmt::format("acted {} ({} after notice)", FormatRfc3339(*dec.platform_acted_at),
                                           Duration(*dec.platform_acted_at - dec.decided_at))
                             : std::string("not yet acted"));
    if (!dec.targets.empty()) {
      out += fmt::format("     targets ({}):", dec.targets.size());
      for (size_t i = 0; i < dec.targets.size() && i < 10; ++i)
        out += fmt::format(" {}:{}", dec.targets[i].subject, dec.targets[i].subject_id);
      out += dec.targets.size() > 10 ? " ...\n" : "\n";
    }
    for (const AppealRecord& ap : dec.appeals) {
      out += fmt::format("     appeal #{} by {} at {}: {} [{}]\n", ap.id, ap.filed_by,
                         FormatRfc3339(ap.filed_at), ap.reason, ap.status);
      if (ap.resolved_at)
        out += fmt::format("       {} by {} at {}: {}\n", ap.status, ap.resolved_by,
                           FormatRfc3339(*ap.resolved_at), ap.resolution);
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

// --- decide -----------------------------------------------------------------------------------

struct DecideArgs {
  std::string db, action, reviewer, reason, basis, platform, platform_acted, at, from;
  int64_t id = 0;
  std::vector<std::string> subjects;
};

Status ParseSubjects(const std::vector<std::string>& in,
                     std::vector<std::pair<SubjectKind, std::string>>* out) {
  for (const std::string& s : in) {
    size_t colon = s.find(':');
    std::optional<SubjectKind> kind =
        colon == std::string::npos ? std::nullopt : ParseSubjectKind(s.substr(0, colon));
    if (!kind || colon + 1 >= s.size())
      return Status::InvalidInput("--subject '" + s + "' must be account:ID, post:ID or page:ID");
    out->emplace_back(*kind, s.substr(colon + 1));
  }
  return Status::Ok();
}

void PrintDecision(const DecisionRecord& d) {
  std::printf("decision %lld: %s on case %lld (%zu target%s)\n", static_cast<long long>(d.id),
              d.action.c_str(), static_cast<long long>(d.case_id), d.targets.size(),
              d.targets.size() == 1 ? "" : "s");
}

// One decision a line: {"case", "action", "reviewer", "reason", "basis", optional "platform",
// "platform_acted_at", "subjects" ["post:p1", ...], "at"}.
Status ParseDecisionLine(simdjson::dom::parser* parser, const std::string& line, UnixSeconds now,
                         DecisionRequest* r) {
  simdjson::dom::element doc;
  if (parser->parse(line).get(doc) != simdjson::SUCCESS || !doc.is_object())
    return Status::InvalidInput("not a JSON object");
  int64_t id = 0;
  if (doc["case"].get(id) != simdjson::SUCCESS) return Status::InvalidInput("'case' must be a case number");
  r->case_id = id;
  struct Field {
    const char* key;
    std::string* out;
    bool required;
  } fields[] = {{"action", &r->action, true},   {"reviewer", &r->reviewer, true},
                {"reason", &r->reason, true},   {"basis", &r->basis, true},
                {"platform", &r->platform, false}};
  for (const Field& f : fields) {
    simdjson::dom::element v;
    if (doc[f.key].get(v) != simdjson::SUCCESS) {
      if (f.required) return Status::InvalidInput(std::string("missing '") + f.key + "'");
      continue;
    }
    std::string_view s;
    if (v.get(s) != simdjson::SUCCESS) return Status::InvalidInput(std::string("'") + f.key + "' must be a string");
    *f.out = std::string(s);
  }
  auto time_of = [&](const char* key, std::optional<UnixSeconds>* out) -> Status {
    simdjson::dom::element v;
    if (doc[key].get(v) != simdjson::SUCCESS) return Status::Ok();
    int64_t n;
    std::string_view s;
    if (v.get(n) == simdjson::SUCCESS) *out = n;
    else if (v.get(s) == simdjson::SUCCESS && ParseRfc3339(s)) *out = *ParseRfc3339(s);
    else return Status::InvalidInput(std::string("'") + key + "' must be an RFC 3339 time or Unix seconds");
    return Status::Ok();
  };
  std::optional<UnixSeconds> at;
  SLUICE_RETURN_IF_ERROR(time_of("at", &at));
  r->decided_at = at.value_or(now);
  SLUICE_RETURN_IF_ERROR(time_of("platform_acted_at", &r->platform_acted_at));
  simdjson::dom::element subjects;
  if (doc["subjects"].get(subjects) == simdjson::SUCCESS) {
    std::vector<std::string> list;
    if (!subjects.is_array()) return Status::InvalidInput("'subjects' must be an array of strings");
    simdjson::dom::array arr = subjects.get_array().value_unsafe();  // by value: see record_parser.cc
    for (simdjson::dom::element e : arr) {
      std::string_view s;
      if (e.get(s) != simdjson::SUCCESS) return Status::InvalidInput("'subjects' must be an array of strings");
      list.emplace_back(s);
    }
    SLUICE_RETURN_IF_ERROR(ParseSubjects(list, &r->subjects));
  }
  return Status::Ok();
}

int RunDecideStream(CaseStore* store, const std::string& path) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Fail(path + ": cannot read");
  simdjson::dom::parser parser;
  std::string line;
  uint64_t n = 0, decided = 0;
  int code = kExitOk;
  for (int ch;;) {
    line.clear();
    while ((ch = std::fgetc(f)) != EOF && ch != '\n') line.push_back(static_cast<char>(ch));
    if (ch == EOF && line.empty()) break;
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    DecisionRequest r;
    Status st = ParseDecisionLine(&parser, line, Now(), &r);
    Result<DecisionRecord> d = st.ok() ? Decide(store, r, Now()) : Result<DecisionRecord>(st);
    if (!d.ok()) {
      // Each earlier line is a whole decision already; this one and those after are not applied.
      std::fprintf(stderr, "sluice cases: %s:%llu: %s (%llu decision%s before it recorded)\n", path.c_str(),
                   static_cast<unsigned long long>(n), d.status().message().c_str(),
                   static_cast<unsigned long long>(decided), decided == 1 ? "" : "s");
      code = kExitUnusable;
      break;
    }
    ++decided;
    PrintDecision(d.value());
  }
  if (f != stdin) std::fclose(f);
  return code;
}

int RunDecide(const DecideArgs& a) {
  CaseStore store;
  Status st = OpenStore(&store, a.db, false);
  if (!st.ok()) return Fail(st);
  if (!a.from.empty()) return RunDecideStream(&store, a.from);
  if (a.id <= 0 || a.action.empty())
    return Fail("decide needs --case and --action (or --from FILE for a stream of decisions)");
  UnixSeconds now = Now();
  DecisionRequest r;
  r.case_id = a.id;
  r.action = a.action;
  r.reviewer = a.reviewer;
  r.reason = a.reason;
  r.basis = a.basis;
  r.platform = a.platform;
  Result<UnixSeconds> at = TimeOr("--at", a.at, now);
  if (!at.ok()) return Fail(at.status());
  r.decided_at = at.value();
  if (!a.platform_acted.empty()) {
    Result<UnixSeconds> t = ParseTime("--platform-acted", a.platform_acted);
    if (!t.ok()) return Fail(t.status());
    r.platform_acted_at = t.value();
  }
  st = ParseSubjects(a.subjects, &r.subjects);
  if (!st.ok()) return Fail(st);
  Result<DecisionRecord> d = Decide(&store, r, now);
  if (!d.ok()) return Fail(d.status());
  PrintDecision(d.value());
  return kExitOk;
}

// --- acted ------------------------------------------------------------------------------------

struct ActedArgs {
  std::string db, at, by;
  int64_t decision = 0;
};

int RunActed(const ActedArgs& a) {
  CaseStore store;
  Status st = OpenStore(&store, a.db, false);
  if (!st.ok()) return Fail(st);
  Result<UnixSeconds> at = ParseTime("--at", a.at);
  if (!at.ok()) return Fail(at.status());
  Result<DecisionRecord> d = RecordPlatformAction(&store, a.decision, at.value(), a.by, Now());
  if (!d.ok()) return Fail(d.status());
  std::printf("decision %lld: %s acted %s after notice\n", static_cast<long long>(d.value().id),
              d.value().platform.c_str(), Duration(*d.value().platform_acted_at - d.value().decided_at).c_str());
  return kExitOk;
}

// --- appeal -----------------------------------------------------------------------------------

struct AppealArgs {
  std::string db, by, reason, outcome, reviewer, at;
  int64_t decision = 0, appeal = 0;
};

int RunAppeal(const AppealArgs& a) {
  CaseStore store;
  Status st = OpenStore(&store, a.db, false);
  if (!st.ok()) return Fail(st);
  UnixSeconds now = Now();
  Result<UnixSeconds> at = TimeOr("--at", a.at, now);
  if (!at.ok()) return Fail(at.status());
  if (a.decision > 0) {
    Result<AppealRecord> r = FileAppeal(&store, {a.decision, a.by, a.reason, at.value()}, now);
    if (!r.ok()) return Fail(r.status());
    std::printf("appeal %lld filed against decision %lld\n", static_cast<long long>(r.value().id),
                static_cast<long long>(a.decision));
    return kExitOk;
  }
  if (a.appeal <= 0) return Fail("appeal needs --decision N (to file) or --appeal N --outcome (to settle)");
  Result<AppealRecord> r = ResolveAppeal(&store, {a.appeal, a.outcome, a.reviewer, a.reason, at.value()}, now);
  if (!r.ok()) return Fail(r.status());
  std::printf("appeal %lld %s\n", static_cast<long long>(r.value().id), r.value().status.c_str());
  return kExitOk;
}

// --- verify -----------------------------------------------------------------------------------

struct VerifyArgs {
  std::string db;
  std::vector<std::string> anchors;
};

int RunVerify(const VerifyArgs& a) {
  std::vector<AuditAnchor> anchors;
  for (const std::string& s : a.anchors) {
    size_t colon = s.find(':');
    uint64_t seq = 0;
    std::from_chars_result r{nullptr, std::errc::invalid_argument};
    if (colon != std::string::npos) r = std::from_chars(s.data(), s.data() + colon, seq);
    if (colon == std::string::npos || s.size() - colon - 1 != 64 || r.ec != std::errc() ||
        r.ptr != s.data() + colon || seq == 0)
      return Fail("--anchor '" + s + "' must be SEQ:HASH (as verify prints it)");
    anchors.push_back(AuditAnchor{seq, s.substr(colon + 1)});
  }
  CaseStore store;
  Status st = OpenStore(&store, a.db, false);
  if (!st.ok()) return Fail(st);
  Result<AuditVerdict> v = VerifyAudit(store.db(), anchors);
  if (!v.ok()) return Fail(v.status());
  if (!v.value().ok) {
    std::printf("FAILED: %s: %s\n", a.db.c_str(), v.value().problem.c_str());
    return kExitFindings;
  }
  std::printf("ok: %llu audit entries, every row matches the log; head %llu:%s\n",
              static_cast<unsigned long long>(v.value().entries),
              static_cast<unsigned long long>(v.value().entries), v.value().head_hash.c_str());
  return kExitOk;
}

// --- export -----------------------------------------------------------------------------------

struct ExportArgs {
  std::string db, format = "jsonl", what = "cases", out = "-";
};

int RunExport(const ExportArgs& a) {
  CaseStore store;
  Status st = OpenStore(&store, a.db, false);
  if (!st.ok()) return Fail(st);
  st = ExportStore(&store, a.format == "csv" ? ExportFormat::kCsv : ExportFormat::kJsonl,
                   a.what == "decisions" ? ExportTable::kDecisions : ExportTable::kCases, a.out);
  return st.ok() ? kExitOk : Fail(st);
}

// --- summary ----------------------------------------------------------------------------------

struct SummaryArgs {
  std::string db;
  bool json = false;
};

int RunSummary(const SummaryArgs& a) {
  CaseStore store;
  Status st = OpenStore(&store, a.db, false);
  if (!st.ok()) return Fail(st);
  Result<CaseSummary> r = Summarize(&store);
  if (!r.ok()) return Fail(r.status());
  const CaseSummary& s = r.value();
  std::string out;
  if (a.json) {
    out = SummaryJson(s);
  } else {
    auto table = [&out](const char* title, const std::map<std::string, CaseTally>& m) {
      out += fmt::format("{:<16} {:>7} {:>7} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9}\n", title, "cases", "open",
                         "closed", "dismissed", "accounts", "suspended", "limited", "removed");
      for (const auto& [name, t] : m)
        out += fmt::format("  {:<14} {:>7} {:>7} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9}\n", name, t.cases, t.open,
                           t.closed, t.dismissed, t.accounts_actioned, t.accounts_suspended,
                           t.accounts_limited, t.posts_removed);
    };
    table("all", {{"total", s.total}});
    table("by category", s.by_category);
    table("by tactic", s.by_tactic);
    table("by platform", s.by_platform);
    out += fmt::format("decisions {} ({} in force); appeals {} filed, {} pending, {} upheld, {} overturned\n",
                       s.decisions, s.decisions_in_force, s.appeals.filed, s.appeals.pending,
                       s.appeals.upheld, s.appeals.overturned);
    if (!s.platforms.empty())
      out += fmt::format("{:<16} {:>7} {:>7} {:>7} {:>9} {:>9} {:>10} {:>10}\n", "platforms", "notices", "acted",
                         "pending", "items", "withdrawn", "median", "max");
    for (const auto& [name, p] : s.platforms)
      out += fmt::format("  {:<14} {:>7} {:>7} {:>7} {:>9} {:>9} {:>10} {:>10}\n", name, p.notices, p.acted,
                         p.pending, p.pending_items, p.withdrawn,
                         p.acted ? Duration(static_cast<int64_t>(p.latency_median)) : "-",
                         p.acted ? Duration(p.latency_max) : "-");
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterCases(CLI::App& app, int* exit_code) {
  CLI::App* cases = app.add_subcommand(
      "cases", "The case store: ingest findings, review, decide, appeal, verify, export, summarize");
  cases->require_subcommand(1);

  auto ingest = std::make_shared<IngestArgs>();
  CLI::App* c = cases->add_subcommand("ingest", "Group a findings.jsonl into cases (creates the store)");
  AddDb(c, &ingest->db);
  c->add_option("findings", ingest->findings, "findings.jsonl")->required();
  c->add_option("--config", ingest->config, "Scoring configuration merged over the defaults (severity)");
  c->add_option("--at", ingest->at, "Time of the ingest (RFC 3339 or Unix seconds; default now)");
  c->callback([ingest, exit_code] { *exit_code = RunIngest(*ingest); });

  auto list = std::make_shared<ListArgs>();
  c = cases->add_subcommand("list", "The review queue: most severe first");
  AddDb(c, &list->db);
  c->add_option("--status", list->filter.status, "open (default), closed or all")
      ->check(CLI::IsMember({"open", "closed", "all"}));
  c->add_option("--category", list->filter.category, "rumor, spam or water_army")
      ->check(CLI::IsMember({"rumor", "spam", "water_army"}));
  c->add_option("--limit", list->filter.limit, "Show at most this many")->check(CLI::PositiveNumber);
  c->add_flag("--json", list->json, "One JSON object a line");
  c->callback([list, exit_code] { *exit_code = RunList(*list); });

  auto show = std::make_shared<ShowArgs>();
  c = cases->add_subcommand("show", "One case: its findings with evidence, decisions and appeals");
  AddDb(c, &show->db);
  c->add_option("case", show->id, "Case number")->required();
  c->add_option("--items", show->items, "Findings to list (default 20)");
  c->add_option("--config", show->config, "Scoring configuration, for signal descriptions");
  c->add_flag("--json", show->json, "The case as one JSON object, every finding included");
  c->callback([show, exit_code] { *exit_code = RunShow(*show); });

  auto decide = std::make_shared<DecideArgs>();
  c = cases->add_subcommand("decide", "Record a reviewer's decision on a case (closes it)");
  AddDb(c, &decide->db);
  c->add_option("--case", decide->id, "Case number");
  c->add_option("--action", decide->action, "dismiss, limit, remove_post or suspend_account")
      ->check(CLI::IsMember({"dismiss", "limit", "remove_post", "suspend_account"}));
  c->add_option("--reviewer", decide->reviewer, "Who decides");
  c->add_option("--reason", decide->reason, "Why, on the evidence");
  c->add_option("--basis", decide->basis, "The policy or legal provision applied");
  c->add_option("--subject", decide->subjects, "account:ID, post:ID or page:ID (repeatable; default all)");
  c->add_option("--platform", decide->platform, "The platform told to carry it out");
  c->add_option("--platform-acted", decide->platform_acted, "When the platform did (RFC 3339 or Unix seconds)");
  c->add_option("--at", decide->at, "Time of the decision (default now)");
  c->add_option("--from", decide->from, "A JSONL stream of decisions, each applied whole or not at all");
  c->callback([decide, exit_code] { *exit_code = RunDecide(*decide); });

  auto acted = std::make_shared<ActedArgs>();
  c = cases->add_subcommand("acted", "Record when the platform carried out a decision");
  AddDb(c, &acted->db);
  c->add_option("--decision", acted->decision, "Decision number")->required();
  c->add_option("--at", acted->at, "When the platform acted (RFC 3339 or Unix seconds)")->required();
  c->add_option("--by", acted->by, "Who reports it")->required();
  c->callback([acted, exit_code] { *exit_code = RunActed(*acted); });

  auto appeal = std::make_shared<AppealArgs>();
  c = cases->add_subcommand("appeal", "File an appeal (--decision) or settle one (--appeal --outcome)");
  AddDb(c, &appeal->db);
  CLI::Option* dec = c->add_option("--decision", appeal->decision, "File an appeal against this decision");
  CLI::Option* ap = c->add_option("--appeal", appeal->appeal, "Settle this appeal");
  dec->excludes(ap);
  c->add_option("--by", appeal->by, "Who files the appeal")->needs(dec);
  c->add_option("--outcome", appeal->outcome, "upheld or overturned")
      ->check(CLI::IsMember({"upheld", "overturned"}))
      ->needs(ap);
  c->add_option("--reviewer", appeal->reviewer, "Who settles the appeal")->needs(ap);
  c->add_option("--reason", appeal->reason, "Why");
  c->add_option("--at", appeal->at, "Time of filing or settling (default now)");
  c->callback([appeal, exit_code] { *exit_code = RunAppeal(*appeal); });

  auto verify = std::make_shared<VerifyArgs>();
  c = cases->add_subcommand("verify", "Check the audit chain and every row against it. Exit 1 on tampering.");
  AddDb(c, &verify->db);
  c->add_option("--anchor", verify->anchors, "SEQ:HASH saved from an earlier verify (repeatable)");
  c->callback([verify, exit_code] { *exit_code = RunVerify(*verify); });

  auto exp = std::make_shared<ExportArgs>();
  c = cases->add_subcommand("export", "Every case or decision as CSV or JSONL");
  AddDb(c, &exp->db);
  c->add_option("--format", exp->format, "jsonl (default) or csv")->check(CLI::IsMember({"jsonl", "csv"}));
  c->add_option("--what", exp->what, "cases (default) or decisions")->check(CLI::IsMember({"cases", "decisions"}));
  c->add_option("--out", exp->out, "Output file (default stdout)");
  c->callback([exp, exit_code] { *exit_code = RunExport(*exp); });

  auto summary = std::make_shared<SummaryArgs>();
  c = cases->add_subcommand("summary", "The campaign's counts, and each platform's notice-to-action latency");
  AddDb(c, &summary->db);
  c->add_flag("--json", summary->json, "As JSON (the figures summary.json carries)");
  c->callback([summary, exit_code] { *exit_code = RunSummary(*summary); });
}

}  // namespace sluice::cli
