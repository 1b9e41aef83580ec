#include "cases/case_ingest.h"

#include <set>
#include <tuple>

#include <fmt/format.h>

#include "cases/audit_log.h"
#include "cases/severity.h"
#include "core/json_writer.h"
#include "core/utf8.h"

namespace sluice {
namespace {

using ItemKey = std::tuple<std::string, std::string, std::string>;  // subject, id, label

std::string SubjectKey(std::string_view kind, std::string_view id) {
  return std::string(kind) + '\x1f' + std::string(id);
}

// The most common non-empty value; ties go to the smallest, so the choice is stable.
std::string Mode(const std::map<ItemKey, ItemRecord>& items, std::string ItemRecord::*field) {
  std::map<std::string, uint64_t> counts;
  for (const auto& [k, it] : items)
    if (!(it.*field).empty()) ++counts[it.*field];
  std::string best;
  uint64_t n = 0;
  for (const auto& [v, c] : counts)
    if (c > n) {
      best = v;
      n = c;
    }
  return best;
}

Result<int64_t> NextId(SqliteDb* db, const char* table) {
  Result<SqliteStmt> q = db->Prepare(std::string("SELECT COALESCE(MAX(id), 0) + 1 FROM ") + table);
  if (!q.ok()) return q.status();
  Status st;
  q.value().Step(&st);
  SLUICE_RETURN_IF_ERROR(st);
  return q.value().Int(0);
}

}  // namespace

std::string CaseKeyOf(const CaseFinding& f) {
  std::string kind(SubjectKindName(f.subject));
  if (f.label == "rumor" && !f.claim.empty()) return "rumor:claim:" + f.claim;
  if (!f.group.empty()) return f.label + ":group:" + f.group;
  if (f.label == "spam" && !f.account.empty()) return "spam:account:" + f.account;
  return f.label + ":" + kind + ":" + f.id;
}

Result<IngestReport> IngestFindings(CaseStore* store, const std::vector<CaseFinding>& findings,
                                    uint64_t organic, const IngestOptions& opt) {
  if (opt.severity == nullptr) return Status::Internal("ingest without a severity configuration");
  const UnixSeconds written_at = opt.written_at ? opt.written_at : opt.now;
  IngestReport rep;
  rep.findings = findings.size();
  rep.organic = organic;

  // An item is coordinated when its subject, or the account that posted it, is itself found to
  // be part of a water army or a copy-paste campaign.
  std::set<std::string> coordinated;
  for (const CaseFinding& f : findings)
    if (f.label == "water_army" || f.label == "copy_paste")
      coordinated.insert(SubjectKey(SubjectKindName(f.subject), f.id));
  std::map<std::string, std::vector<const CaseFinding*>> by_case;
  for (const CaseFinding& f : findings) by_case[CaseKeyOf(f)].push_back(&f);

  SqliteDb* db = store->db();
  SqliteTransaction tx(db);
  SLUICE_RETURN_IF_ERROR(tx.begin_status());
  Result<int64_t> next_id = NextId(db, "cases");
  if (!next_id.ok()) return next_id.status();
  int64_t next = next_id.value();

  for (const auto& [key, group] : by_case) {
    Result<std::optional<CaseRecord>> found = store->FindCaseByKey(key);
    if (!found.ok()) return found.status();
    const bool fresh = !found.value().has_value();
    CaseRecord c;
    std::map<ItemKey, ItemRecord> items;
    if (fresh) {
      c.id = next++;
      c.key = key;
      c.category = std::string(CategoryOfLabel(group.front()->label));
      c.status = "open";
      c.opened_at = opt.now;
    } else {
      c = *found.value();
      Result<std::vector<ItemRecord>> old = store->Items(c.id);
      if (!old.ok()) return old.status();
      for (ItemRecord& it : old.value())
        items[ItemKey{it.subject, it.subject_id, it.label}] = std::move(it);
    }
    std::vector<const ItemRecord*> changed;
    uint64_t added = 0;
    for (const CaseFinding* f : group) {
      ItemRecord it;
      it.case_id = c.id;
      it.subject = std::string(SubjectKindName(f->subject));
      it.subject_id = f->id;
      it.label = f->label;
      it.score = f->score;
      it.claim = f->claim;
      it.group = f->group;
      it.tactic = f->tactic;
      it.platform = f->platform;
      it.account = f->account;
      it.reach = f->reach;
      it.coordinated = coordinated.count(SubjectKey(it.subject, it.subject_id)) ||
                       (!f->account.empty() && coordinated.count(SubjectKey("account", f->account)));
      it.finding = f->text;
      it.added_at = opt.now;
      ItemKey k{it.subject, it.subject_id, it.label};
      auto old = items.find(k);
      if (old != items.end()) {
        it.added_at = old->second.added_at;
        if (ToRow(old->second) == ToRow(it)) {
          ++rep.items_unchanged;
          continue;
        }
        ++rep.items_changed;
      } else {
        ++added;
      }
      ItemRecord& slot = items[k];
      slot = std::move(it);
      changed.push_back(&slot);
    }
    if (!fresh && changed.empty()) continue;
    rep.items_added += added;

    CaseMeasures m;
    m.category = c.category;
    m.items = items.size();
    uint64_t coordinated_items = 0;
    for (const auto& [k, it] : items) {
      m.reach.accounts += it.reach.accounts;
      m.reach.reposts += it.reach.reposts;
      m.reach.engagement += it.reach.engagement;
      coordinated_items += it.coordinated ? 1 : 0;
    }
    auto exact = opt.case_reach.find(key);
    if (exact != opt.case_reach.end()) m.reach = exact->second;
    m.coordination = items.empty() ? 0.0 : static_cast<double>(coordinated_items) / items.size();
    c.claim = Mode(items, &ItemRecord::claim);
    c.group = Mode(items, &ItemRecord::group);
    c.tactic = Mode(items, &ItemRecord::tactic);
    c.reach = m.reach;
    c.items = static_cast<int64_t>(items.size());
    c.coordination = m.coordination;
    c.severity = Severity(m, *opt.severity);
    c.grade = Grade(c.severity, *opt.severity);
    c.updated_at = opt.now;
    bool reopened = false;
    // New findings on a decided case put it back in the review queue: the decision did not
    // cover them.
    if (!fresh && added > 0 && c.status == "closed") {
      c.status = "open";
      c.closed_at.reset();
      reopened = true;
      ++rep.cases_reopened;
    }
    (fresh ? rep.cases_opened : rep.cases_updated)++;

    AuditEntry entry(fresh ? "case_opened" : "case_updated", opt.actor, written_at);
    SLUICE_RETURN_IF_ERROR(entry.Put(db, CasesTable(), ToRow(c)));
    for (const ItemRecord* it : changed) SLUICE_RETURN_IF_ERROR(entry.Put(db, ItemsTable(), ToRow(*it)));
    entry.SetNote(fmt::format("{{\"items_added\":{},\"items_changed\":{},\"reopened\":{}}}", added,
                              changed.size() - added, reopened ? "true" : "false"));
    SLUICE_RETURN_IF_ERROR(entry.Append(db));
  }

  std::string note = "{\"source\":";
  AppendJsonString(&note, SanitizeUtf8(opt.source, 4096));
  note += ",\"sha256\":";
  AppendJsonString(&note, opt.source_sha256);
  note += fmt::format(
      ",\"findings\":{},\"organic\":{},\"cases_opened\":{},\"cases_updated\":{},"
      "\"cases_reopened\":{},\"items_added\":{},\"items_changed\":{}}}",
      rep.findings, rep.organic, rep.cases_opened, rep.cases_updated, rep.cases_reopened,
      rep.items_added, rep.items_changed);
  AuditEntry run("ingest", opt.actor, written_at);
  run.SetNote(std::move(note));
  SLUICE_RETURN_IF_ERROR(run.Append(db));
  SLUICE_RETURN_IF_ERROR(tx.Commit());
  return rep;
}

Result<IngestReport> IngestFindingsFile(CaseStore* store, const std::string& path,
                                        IngestOptions opt) {
  Result<FindingsFile> file = ReadFindingsFile(path);
  if (!file.ok()) return file.status();
  opt.source = path;
  opt.source_sha256 = file.value().sha256;
  return IngestFindings(store, file.value().findings, file.value().organic, opt);
}

}  // namespace sluice
