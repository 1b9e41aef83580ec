#include "cases/decisions.h"

#include <algorithm>
#include <map>
#include <set>

#include "cases/audit_log.h"
#include "core/utf8.h"

namespace sluice {
namespace {

Status Required(const std::string& v, const char* what) {
  if (v.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::InvalidInput(std::string(what) + " is required");
  if (!IsValidUtf8(v)) return Status::InvalidInput(std::string(what) + " is not valid UTF-8");
  return Status::Ok();
}

Result<int64_t> NextId(SqliteDb* db, const char* table) {
  Result<SqliteStmt> q = db->Prepare(std::string("SELECT COALESCE(MAX(id), 0) + 1 FROM ") + table);
  if (!q.ok()) return q.status();
  Status st;
  q.value().Step(&st);
  SLUICE_RETURN_IF_ERROR(st);
  return q.value().Int(0);
}

// What `action` may apply to in the case: subject "kind\x1fid" -> platform.
std::map<std::string, TargetRecord> Eligible(const std::string& action, const std::vector<ItemRecord>& items) {
  std::map<std::string, TargetRecord> out;
  auto add = [&out](const std::string& kind, const std::string& id, const std::string& platform) {
    auto [it, fresh] = out.emplace(kind + '\x1f' + id, TargetRecord{kind, id, platform});
    if (!fresh && it->second.platform.empty()) it->second.platform = platform;
  };
  for (const ItemRecord& it : items) {
    if (action == "remove_post") {
      if (it.subject == "post" || it.subject == "page") add(it.subject, it.subject_id, it.platform);
    } else {
      if (it.subject == "account") add("account", it.subject_id, it.platform);
      else if (!it.account.empty()) add("account", it.account, it.platform);
    }
  }
  return out;
}

}  // namespace

Result<DecisionRecord> Decide(CaseStore* store, const DecisionRequest& req, UnixSeconds now) {
  if (std::find(kActions.begin(), kActions.end(), req.action) == kActions.end())
    return Status::InvalidInput("action '" + SanitizeUtf8(req.action, 64) +
                                "' is not one of dismiss, limit, remove_post, suspend_account");
  SLUICE_RETURN_IF_ERROR(Required(req.reviewer, "the reviewer"));
  SLUICE_RETURN_IF_ERROR(Required(req.reason, "the reason"));
  SLUICE_RETURN_IF_ERROR(Required(req.basis, "the policy or legal basis"));
  if (!IsValidUtf8(req.platform)) return Status::InvalidInput("the platform is not valid UTF-8");
  const bool dismiss = req.action == "dismiss";
  if (dismiss && (!req.platform.empty() || req.platform_acted_at))
    return Status::InvalidInput("a dismissal asks no platform to act");
  if (dismiss && !req.subjects.empty()) return Status::InvalidInput("a dismissal applies to the whole case, not to subjects");
  if (req.platform_acted_at && req.platform.empty())
    return Status::InvalidInput("a platform action time needs the platform");
  if (req.platform_acted_at && *req.platform_acted_at < req.decided_at)
    return Status::InvalidInput("the platform cannot act before the decision");

  SqliteDb* db = store->db();
  SqliteTransaction tx(db);
  SLUICE_RETURN_IF_ERROR(tx.begin_status());
  Result<std::optional<CaseRecord>> found = store->FindCase(req.case_id);
  if (!found.ok()) return found.status();
  if (!found.value()) return Status::NotFound(store->path() + ": no case " + std::to_string(req.case_id));
  CaseRecord c = *found.value();

  DecisionRecord d;
  if (!dismiss) {
    Result<std::vector<ItemRecord>> items = store->Items(c.id);
    if (!items.ok()) return items.status();
    std::map<std::string, TargetRecord> eligible = Eligible(req.action, items.value());
    if (req.subjects.empty()) {
      for (auto& [k, t] : eligible) d.targets.push_back(t);
    } else {
      std::set<std::string> named;
      for (const auto& [kind, id] : req.subjects) {
        std::string k = std::string(SubjectKindName(kind)) + '\x1f' + id;
        auto it = eligible.find(k);
        if (it == eligible.end())
          return Status::InvalidInput(std::string(SubjectKindName(kind)) + " '" + SanitizeUtf8(id, 200) +
                                      "' is not something " + req.action + " can apply to in case " +
                                      std::to_string(c.id));
        if (named.insert(k).second) d.targets.push_back(it->second);
      }
      std::sort(d.targets.begin(), d.targets.end(), [](const TargetRecord& a, const TargetRecord& b) {
        return std::tie(a.subject, a.subject_id) < std::tie(b.subject, b.subject_id);
      });
    }
    if (d.targets.empty())
      return Status::InvalidInput("case " + std::to_string(c.id) + " has nothing " + req.action +
                                  " can apply to (" +
                                  (req.action == "remove_post" ? "no post or page" : "no account") + ")");
    for (TargetRecord& t : d.targets)
      if (t.platform.empty()) t.platform = req.platform;
  }
  Result<int64_t> id = NextId(db, "decisions");
  if (!id.ok()) return id.status();
  d.id = id.value();
  d.case_id = c.id;
  d.action = req.action;
  d.reviewer = req.reviewer;
  d.reason = req.reason;
  d.basis = req.basis;
  d.platform = req.platform;
  d.decided_at = req.decided_at;
  d.platform_acted_at = req.platform_acted_at;
  d.status = "in_force";
  c.status = "closed";
  c.closed_at = req.decided_at;
  c.updated_at = req.decided_at;

  AuditEntry entry("decide", req.reviewer, now);
  SLUICE_RETURN_IF_ERROR(entry.Put(db, DecisionsTable(), ToRow(d)));
  for (const TargetRecord& t : d.targets) SLUICE_RETURN_IF_ERROR(entry.Put(db, DecisionTargetsTable(), ToRow(d.id, t)));
  SLUICE_RETURN_IF_ERROR(entry.Put(db, CasesTable(), ToRow(c)));
  SLUICE_RETURN_IF_ERROR(entry.Append(db));
  SLUICE_RETURN_IF_ERROR(tx.Commit());
  return d;
}

Result<DecisionRecord> RecordPlatformAction(CaseStore* store, int64_t decision_id,
                                            UnixSeconds acted_at, const std::string& actor,
                                            UnixSeconds now) {
  SLUICE_RETURN_IF_ERROR(Required(actor, "who reports the platform's action"));
  SqliteDb* db = store->db();
  SqliteTransaction tx(db);
  SLUICE_RETURN_IF_ERROR(tx.begin_status());
  Result<std::optional<DecisionRecord>> found = store->FindDecision(decision_id);
  if (!found.ok()) return found.status();
  if (!found.value()) return Status::NotFound(store->path() + ": no decision " + std::to_string(decision_id));
  DecisionRecord d = *found.value();
  if (d.platform.empty())
    return Status::InvalidInput("decision " + std::to_string(d.id) + " names no platform");
  if (d.platform_acted_at)
    return Status::InvalidInput("decision " + std::to_string(d.id) + ": the platform's action is already recorded (" +
                                FormatRfc3339(*d.platform_acted_at) + ")");
  if (acted_at < d.decided_at) return Status::InvalidInput("the platform cannot act before the decision");
  d.platform_acted_at = acted_at;
  AuditEntry entry("platform_acted", actor, now);
  SLUICE_RETURN_IF_ERROR(entry.Put(db, DecisionsTable(), ToRow(d)));
  SLUICE_RETURN_IF_ERROR(entry.Append(db));
  SLUICE_RETURN_IF_ERROR(tx.Commit());
  return d;
}

Result<AppealRecord> FileAppeal(CaseStore* store, const AppealRequest& req, UnixSeconds now) {
  SLUICE_RETURN_IF_ERROR(Required(req.filed_by, "who files the appeal"));
  SLUICE_RETURN_IF_ERROR(Required(req.reason, "the reason"));
  SqliteDb* db = store->db();
  SqliteTransaction tx(db);
  SLUICE_RETURN_IF_ERROR(tx.begin_status());
  Result<std::optional<DecisionRecord>> found = store->FindDecision(req.decision_id);
  if (!found.ok()) return found.status();
  if (!found.value()) return Status::NotFound(store->path() + ": no decision " + std::to_string(req.decision_id));
  const DecisionRecord& d = *found.value();
  std::string which = "decision " + std::to_string(d.id);
  if (d.action == "dismiss") return Status::InvalidInput(which + " dismissed the case: there is nothing to appeal");
  if (d.status != "in_force") return Status::InvalidInput(which + " is no longer in force");
  for (const AppealRecord& a : d.appeals)
    if (a.status == "filed")
      return Status::InvalidInput(which + " already has a pending appeal (" + std::to_string(a.id) + ")");
  if (req.filed_at < d.decided_at) return Status::InvalidInput("an appeal cannot precede its decision");
  Result<int64_t> id = NextId(db, "appeals");
  if (!id.ok()) return id.status();
  AppealRecord a;
  a.id = id.value();
  a.decision_id = d.id;
  a.filed_by = req.filed_by;
  a.reason = req.reason;
  a.filed_at = req.filed_at;
  a.status = "filed";
  AuditEntry entry("appeal_filed", req.filed_by, now);
  SLUICE_RETURN_IF_ERROR(entry.Put(db, AppealsTable(), ToRow(a)));
  SLUICE_RETURN_IF_ERROR(entry.Append(db));
  SLUICE_RETURN_IF_ERROR(tx.Commit());
  return a;
}

Result<AppealRecord> ResolveAppeal(CaseStore* store, const AppealResolution& res, UnixSeconds now) {
  if (res.outcome != "upheld" && res.outcome != "overturned")
    return Status::InvalidInput("an appeal's outcome is upheld or overturned, not '" +
                                SanitizeUtf8(res.outcome, 64) + "'");
  SLUICE_RETURN_IF_ERROR(Required(res.reviewer, "the reviewer"));
  SLUICE_RETURN_IF_ERROR(Required(res.reason, "the reason"));
  SqliteDb* db = store->db();
  SqliteTransaction tx(db);
  SLUICE_RETURN_IF_ERROR(tx.begin_status());
  Result<std::optional<AppealRecord>> found = store->FindAppeal(res.appeal_id);
  if (!found.ok()) return found.status();
  if (!found.value()) return Status::NotFound(store->path() + ": no appeal " + std::to_string(res.appeal_id));
  AppealRecord a = *found.value();
  if (a.status != "filed")
    return Status::InvalidInput("appeal " + std::to_string(a.id) + " was already " + a.status);
  if (res.resolved_at < a.filed_at) return Status::InvalidInput("an appeal cannot be settled before it is filed");
  a.status = res.outcome;
  a.resolved_by = res.reviewer;
  a.resolution = res.reason;
  a.resolved_at = res.resolved_at;
  AuditEntry entry("appeal_resolved", res.reviewer, now);
  SLUICE_RETURN_IF_ERROR(entry.Put(db, AppealsTable(), ToRow(a)));
  if (res.outcome == "overturned") {
    Result<std::optional<DecisionRecord>> d = store->FindDecision(a.decision_id);
    if (!d.ok()) return d.status();
    if (!d.value()) return Status::Corrupt(store->path() + ": appeal " + std::to_string(a.id) + " names a missing decision");
    DecisionRecord dec = *d.value();
    dec.status = "overturned";
    SLUICE_RETURN_IF_ERROR(entry.Put(db, DecisionsTable(), ToRow(dec)));
    Result<std::vector<DecisionRecord>> all = store->Decisions(dec.case_id);
    if (!all.ok()) return all.status();
    bool any_in_force = false;
    for (const DecisionRecord& x : all.value()) any_in_force = any_in_force || x.status == "in_force";
    if (!any_in_force) {
      Result<std::optional<CaseRecord>> c = store->FindCase(dec.case_id);
      if (!c.ok()) return c.status();
      if (!c.value()) return Status::Corrupt(store->path() + ": decision names a missing case");
      CaseRecord cr = *c.value();
      cr.status = "open";
      cr.closed_at.reset();
      cr.updated_at = res.resolved_at;
      SLUICE_RETURN_IF_ERROR(entry.Put(db, CasesTable(), ToRow(cr)));
    }
  }
  SLUICE_RETURN_IF_ERROR(entry.Append(db));
  SLUICE_RETURN_IF_ERROR(tx.Commit());
  return a;
}

}  // namespace sluice
