#include "cases/case_store.h"

#include "cases/case_schema.h"

namespace sluice {
namespace {

Value OptTime(const std::optional<UnixSeconds>& t) { return t ? Value(int64_t{*t}) : Value(); }

std::optional<UnixSeconds> OptInt(const SqliteStmt& s, int col) { return s.OptInt(col); }

// Column order follows case_schema.cc; SelectAllSql(table) reads them in that order.
CaseRecord CaseFrom(const SqliteStmt& s) {
  CaseRecord c;
  c.id = s.Int(0);
  c.key = s.Text(1);
  c.category = s.Text(2);
  c.claim = s.Text(3);
  c.group = s.Text(4);
  c.tactic = s.Text(5);
  c.status = s.Text(6);
  c.severity = s.Real(7);
  c.grade = s.Text(8);
  c.reach = Reach{static_cast<uint64_t>(s.Int(9)), static_cast<uint64_t>(s.Int(10)),
                  static_cast<uint64_t>(s.Int(11))};
  c.items = s.Int(12);
  c.coordination = s.Real(13);
  c.opened_at = s.Int(14);
  c.updated_at = s.Int(15);
  c.closed_at = OptInt(s, 16);
  return c;
}

ItemRecord ItemFrom(const SqliteStmt& s) {
  ItemRecord i;
  i.case_id = s.Int(0);
  i.subject = s.Text(1);
  i.subject_id = s.Text(2);
  i.label = s.Text(3);
  i.score = s.Real(4);
  i.claim = s.Text(5);
  i.group = s.Text(6);
  i.tactic = s.Text(7);
  i.platform = s.Text(8);
  i.account = s.Text(9);
  i.reach = Reach{static_cast<uint64_t>(s.Int(10)), static_cast<uint64_t>(s.Int(11)),
                  static_cast<uint64_t>(s.Int(12))};
  i.coordinated = s.Int(13) != 0;
  i.finding = s.Text(14);
  i.added_at = s.Int(15);
  return i;
}

DecisionRecord DecisionFrom(const SqliteStmt& s) {
  DecisionRecord d;
  d.id = s.Int(0);
  d.case_id = s.Int(1);
  d.action = s.Text(2);
  d.reviewer = s.Text(3);
  d.reason = s.Text(4);
  d.basis = s.Text(5);
  d.platform = s.Text(6);
  d.decided_at = s.Int(7);
  d.platform_acted_at = OptInt(s, 8);
  d.status = s.Text(9);
  return d;
}

AppealRecord AppealFrom(const SqliteStmt& s) {
  AppealRecord a;
  a.id = s.Int(0);
  a.decision_id = s.Int(1);
  a.filed_by = s.Text(2);
  a.reason = s.Text(3);
  a.filed_at = s.Int(4);
  a.status = s.Text(5);
  a.resolved_by = s.Text(6);
  a.resolution = s.Text(7);
  a.resolved_at = OptInt(s, 8);
  return a;
}

// "SELECT <columns of t> FROM <t>" + tail
std::string Select(const TableSpec& t, const std::string& tail) {
  std::string sql = SelectAllSql(t);
  return sql.substr(0, sql.find(" ORDER BY ")) + " " + tail;
}

template <typename T, typename From>
Result<std::vector<T>> Query(SqliteDb* db, const std::string& sql, std::vector<Value> params, From from) {
  // Cached: an ingest looks up each of its cases, and there may be hundreds of thousands.
  Result<SqliteStmt*> q = db->PrepareCached(sql);
  if (!q.ok()) return q.status();
  SqliteStmt& stmt = *q.value();
  for (size_t i = 0; i < params.size(); ++i) {
    int p = static_cast<int>(i + 1);
    if (const int64_t* v = std::get_if<int64_t>(&params[i])) stmt.Bind(p, *v);
    else if (const std::string* s = std::get_if<std::string>(&params[i])) stmt.Bind(p, std::string_view(*s));
  }
  std::vector<T> out;
  Status st;
  while (stmt.Step(&st)) out.push_back(from(stmt));
  stmt.Reset();
  SLUICE_RETURN_IF_ERROR(st);
  return out;
}

template <typename T>
Result<std::optional<T>> First(Result<std::vector<T>> r) {
  if (!r.ok()) return r.status();
  if (r.value().empty()) return std::optional<T>();
  return std::optional<T>(std::move(r.value()[0]));
}

}  // namespace

Status CaseStore::Open(const std::string& path, bool create) {
  SLUICE_RETURN_IF_ERROR(db_.Open(path, create));
  Status st = CreateOrCheckSchema(&db_);
  if (!st.ok()) db_.Close();
  return st;
}

Result<std::vector<CaseRecord>> CaseStore::List(const CaseFilter& f) {
  std::string where = "WHERE 1";
  std::vector<Value> params;
  if (f.status != "all") {
    where += " AND status = ?";
    params.emplace_back(f.status);
  }
  if (!f.category.empty()) {
    where += " AND category = ?";
    params.emplace_back(f.category);
  }
  std::string tail = where + " ORDER BY severity DESC, id";
  if (f.limit > 0) tail += " LIMIT " + std::to_string(f.limit);
  return Query<CaseRecord>(&db_, Select(CasesTable(), tail), params, CaseFrom);
}

Result<std::vector<CaseRecord>> CaseStore::AllCases() {
  return Query<CaseRecord>(&db_, SelectAllSql(CasesTable()), {}, CaseFrom);
}

Result<std::optional<CaseRecord>> CaseStore::FindCase(int64_t id) {
  return First(Query<CaseRecord>(&db_, Select(CasesTable(), "WHERE id = ?"), {id}, CaseFrom));
}

Result<std::optional<CaseRecord>> CaseStore::FindCaseByKey(const std::string& key) {
  return First(Query<CaseRecord>(&db_, Select(CasesTable(), "WHERE key = ?"), {key}, CaseFrom));
}

Result<std::vector<ItemRecord>> CaseStore::Items(int64_t case_id) {
  return Query<ItemRecord>(&db_, Select(ItemsTable(), "WHERE case_id = ? ORDER BY subject, subject_id, label"),
                           {case_id}, ItemFrom);
}

Result<std::vector<DecisionRecord>> CaseStore::Decisions(int64_t case_id) {
  std::string where = case_id > 0 ? "WHERE case_id = ? ORDER BY id" : "ORDER BY id";
  std::vector<Value> params;
  if (case_id > 0) params.emplace_back(case_id);
  Result<std::vector<DecisionRecord>> ds = Query<DecisionRecord>(&db_, Select(DecisionsTable(), where), params, DecisionFrom);
  if (!ds.ok() || ds.value().empty()) return ds;
  Result<SqliteStmt*> targets = db_.PrepareCached(
      "SELECT subject, subject_id, platform FROM decision_targets WHERE decision_id = ? "
      "ORDER BY subject, subject_id");
  if (!targets.ok()) return targets.status();
  SqliteStmt& t = *targets.value();
  Status st;
  for (DecisionRecord& d : ds.value()) {
    t.Bind(1, d.id);
    while (t.Step(&st)) d.targets.push_back(TargetRecord{t.Text(0), t.Text(1), t.Text(2)});
    t.Reset();
    SLUICE_RETURN_IF_ERROR(st);
    Result<std::vector<AppealRecord>> appeals = Query<AppealRecord>(
        &db_, Select(AppealsTable(), "WHERE decision_id = ? ORDER BY id"), {d.id}, AppealFrom);
    if (!appeals.ok()) return appeals.status();
    d.appeals = std::move(appeals).value();
  }
  return ds;
}

Result<std::optional<DecisionRecord>> CaseStore::FindDecision(int64_t id) {
  Result<std::optional<DecisionRecord>> d =
      First(Query<DecisionRecord>(&db_, Select(DecisionsTable(), "WHERE id = ?"), {id}, DecisionFrom));
  if (!d.ok() || !d.value()) return d;
  Result<std::vector<DecisionRecord>> all = Decisions(d.value()->case_id);
  if (!all.ok()) return all.status();
  for (DecisionRecord& x : all.value())
    if (x.id == id) return std::optional<DecisionRecord>(std::move(x));
  return d;
}

Result<std::optional<AppealRecord>> CaseStore::FindAppeal(int64_t id) {
  return First(Query<AppealRecord>(&db_, Select(AppealsTable(), "WHERE id = ?"), {id}, AppealFrom));
}

Result<CaseDetail> CaseStore::Detail(int64_t id) {
  Result<std::optional<CaseRecord>> c = FindCase(id);
  if (!c.ok()) return c.status();
  if (!c.value()) return Status::NotFound(path() + ": no case " + std::to_string(id));
  CaseDetail d;
  d.c = *c.value();
  Result<std::vector<ItemRecord>> items = Items(id);
  if (!items.ok()) return items.status();
  d.items = std::move(items).value();
  Result<std::vector<DecisionRecord>> ds = Decisions(id);
  if (!ds.ok()) return ds.status();
  d.decisions = std::move(ds).value();
  return d;
}

Row ToRow(const CaseRecord& c) {
  return Row{c.id, c.key, c.category, c.claim, c.group, c.tactic, c.status, c.severity, c.grade,
             static_cast<int64_t>(c.reach.accounts), static_cast<int64_t>(c.reach.reposts),
             static_cast<int64_t>(c.reach.engagement), c.items, c.coordination,
             int64_t{c.opened_at}, int64_t{c.updated_at}, OptTime(c.closed_at)};
}

Row ToRow(const ItemRecord& i) {
  return Row{i.case_id, i.subject, i.subject_id, i.label, i.score, i.claim, i.group, i.tactic,
             i.platform, i.account, static_cast<int64_t>(i.reach.accounts),
             static_cast<int64_t>(i.reach.reposts), static_cast<int64_t>(i.reach.engagement),
             int64_t{i.coordinated ? 1 : 0}, i.finding, int64_t{i.added_at}};
}

Row ToRow(const DecisionRecord& d) {
  return Row{d.id, d.case_id, d.action, d.reviewer, d.reason, d.basis, d.platform,
             int64_t{d.decided_at}, OptTime(d.platform_acted_at), d.status};
}

Row ToRow(int64_t decision_id, const TargetRecord& t) {
  return Row{decision_id, t.subject, t.subject_id, t.platform};
}

Row ToRow(const AppealRecord& a) {
  return Row{a.id, a.decision_id, a.filed_by, a.reason, int64_t{a.filed_at}, a.status,
             a.resolved_by, a.resolution, OptTime(a.resolved_at)};
}

}  // namespace sluice
