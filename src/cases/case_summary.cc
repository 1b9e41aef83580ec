#include "cases/case_summary.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "score/vocabulary.h"

namespace sluice {
namespace {

std::string OrUnknown(const std::string& p) { return p.empty() ? "unknown" : p; }

}  // namespace

Result<CaseSummary> Summarize(CaseStore* store) {
  SqliteSnapshot snapshot(store->db());  // tables and log read at one instant
  SLUICE_RETURN_IF_ERROR(snapshot.status());
  CaseSummary s;
  for (std::string_view c : kCaseCategories) s.by_category[std::string(c)];
  Result<std::vector<CaseRecord>> cases = store->AllCases();
  if (!cases.ok()) return cases.status();
  Result<std::vector<DecisionRecord>> decisions = store->Decisions(0);
  if (!decisions.ok()) return decisions.status();

  std::map<int64_t, std::set<std::string>> case_platforms;
  Result<SqliteStmt> q = store->db()->Prepare("SELECT DISTINCT case_id, platform FROM items");
  if (!q.ok()) return q.status();
  Status st;
  while (q.value().Step(&st)) case_platforms[q.value().Int(0)].insert(OrUnknown(q.value().Text(1)));
  SLUICE_RETURN_IF_ERROR(st);

  std::map<int64_t, const CaseRecord*> by_id;
  std::map<int64_t, bool> only_dismissed;  // case -> every decision in force is a dismissal
  for (const CaseRecord& c : cases.value()) by_id[c.id] = &c;
  for (const DecisionRecord& d : decisions.value()) {
    if (d.status != "in_force") continue;
    auto [it, fresh] = only_dismissed.emplace(d.case_id, true);
    it->second = it->second && d.action == "dismiss";
  }

  for (const CaseRecord& c : cases.value()) {
    std::string tactic = c.tactic.empty() ? "none" : c.tactic;
    std::set<std::string> platforms = case_platforms[c.id];
    if (platforms.empty()) platforms.insert("unknown");
    std::vector<CaseTally*> tallies = {&s.total, &s.by_category[c.category], &s.by_tactic[tactic]};
    for (const std::string& p : platforms) tallies.push_back(&s.by_platform[p]);
    bool dismissed = c.status == "closed" && only_dismissed.count(c.id) && only_dismissed[c.id];
    for (CaseTally* t : tallies) {
      ++t->cases;
      ++(c.status == "open" ? t->open : t->closed);
      if (dismissed) ++t->dismissed;
    }
  }

  // Distinct targets per tally; an account actioned twice is one account.
  struct Targets {
    std::set<std::string> actioned, suspended, limited, removed;
  };
  std::map<CaseTally*, Targets> targets;
  for (const DecisionRecord& d : decisions.value()) {
    ++s.decisions;
    if (d.status == "in_force") ++s.decisions_in_force;
    for (const AppealRecord& a : d.appeals) {
      ++s.appeals.filed;
      if (a.status == "filed") ++s.appeals.pending;
      else if (a.status == "upheld") ++s.appeals.upheld;
      else if (a.status == "overturned") ++s.appeals.overturned;
    }
    if (!d.platform.empty()) {
      PlatformRecord& p = s.platforms[d.platform];
      ++p.notices;
      if (d.platform_acted_at) {
        ++p.acted;
      } else if (d.status == "in_force") {
        ++p.pending;
        p.pending_items += d.targets.size();
      } else {
        ++p.withdrawn;
      }
    }
    if (d.status != "in_force" || d.action == "dismiss") continue;
    const CaseRecord* c = by_id.count(d.case_id) ? by_id[d.case_id] : nullptr;
    for (const TargetRecord& t : d.targets) {
      std::vector<CaseTally*> tallies = {&s.total, &s.by_platform[OrUnknown(t.platform)]};
      if (c != nullptr) {
        tallies.push_back(&s.by_category[c->category]);
        tallies.push_back(&s.by_tactic[c->tactic.empty() ? "none" : c->tactic]);
      }
      std::string key = t.subject + '\x1f' + t.subject_id;
      for (CaseTally* tally : tallies) {
        Targets& tg = targets[tally];
        if (d.action == "remove_post") {
          tg.removed.insert(key);
        } else {
          tg.actioned.insert(key);
          (d.action == "suspend_account" ? tg.suspended : tg.limited).insert(key);
        }
      }
    }
  }
  for (auto& [tally, tg] : targets) {
    tally->accounts_actioned = tg.actioned.size();
    tally->accounts_suspended = tg.suspended.size();
    tally->accounts_limited = tg.limited.size();
    tally->posts_removed = tg.removed.size();
  }

  std::map<std::string, std::vector<int64_t>> latencies;
  for (const DecisionRecord& d : decisions.value())
    if (!d.platform.empty() && d.platform_acted_at)
      latencies[d.platform].push_back(*d.platform_acted_at - d.decided_at);
  for (auto& [platform, v] : latencies) {
    std::sort(v.begin(), v.end());
    PlatformRecord& p = s.platforms[platform];
    size_t n = v.size();
    p.latency_median = n % 2 ? static_cast<double>(v[n / 2]) : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    double sum = 0;
    for (int64_t x : v) sum += static_cast<double>(x);
    p.latency_mean = sum / static_cast<double>(n);
    p.latency_max = v.back();
  }
  return s;
}

namespace {

void AppendTally(std::string* out, const CaseTally& t) {
  *out += fmt::format(
      "{{\"cases\":{},\"open\":{},\"closed\":{},\"dismissed\":{},\"accounts_actioned\":{},"
      "\"accounts_suspended\":{},\"accounts_limited\":{},\"posts_removed\":{}}}",
      t.cases, t.open, t.closed, t.dismissed, t.accounts_actioned, t.accounts_suspended,
      t.accounts_limited, t.posts_removed);
}

void AppendTallies(std::string* out, const char* key, const std::map<std::string, CaseTally>& m) {
  *out += ",\"";
  *out += key;
  *out += "\":{";
  bool first = true;
  for (const auto& [name, t] : m) {
    if (!first) *out += ",";
    first = false;
    AppendJsonString(out, name);
    *out += ":";
    AppendTally(out, t);
  }
  *out += "}";
}

}  // namespace

std::string SummaryJson(const CaseSummary& s) {
  std::string out = "{\"total\":";
  AppendTally(&out, s.total);
  AppendTallies(&out, "by_category", s.by_category);
  AppendTallies(&out, "by_tactic", s.by_tactic);
  AppendTallies(&out, "by_platform", s.by_platform);
  out += fmt::format(
      ",\"decisions\":{},\"decisions_in_force\":{},\"appeals\":{{\"filed\":{},\"pending\":{},"
      "\"upheld\":{},\"overturned\":{}}},\"platforms\":{{",
      s.decisions, s.decisions_in_force, s.appeals.filed, s.appeals.pending, s.appeals.upheld,
      s.appeals.overturned);
  bool first = true;
  for (const auto& [name, p] : s.platforms) {
    if (!first) out += ",";
    first = false;
    AppendJsonString(&out, name);
    out += fmt::format(
        ":{{\"notices\":{},\"acted\":{},\"pending\":{},\"pending_items\":{},\"withdrawn\":{},"
        "\"latency_seconds\":{{\"median\":",
        p.notices, p.acted, p.pending, p.pending_items, p.withdrawn);
    AppendJsonNumber(&out, p.latency_median);
    out += ",\"mean\":";
    AppendJsonNumber(&out, p.latency_mean);
    out += fmt::format(",\"max\":{}}}}}", p.latency_max);
  }
  out += "}}\n";
  return out;
}

}  // namespace sluice
