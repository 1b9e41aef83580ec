#include "cases/case_schema.h"

#include <cstdio>
#include <map>

#include "cases/sha256.h"
#include "core/json_writer.h"

namespace sluice {
namespace {

constexpr ColumnType I = ColumnType::kInt, R = ColumnType::kReal, T = ColumnType::kText;

// Version 1 of the schema. Times are Unix seconds; text columns hold '' rather than NULL when
// empty, so that only "not yet" times are NULL.
constexpr std::string_view kSchemaVersion = "sluice-cases-1";
constexpr std::string_view kSchemaSql = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cases(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, category TEXT NOT NULL,
  claim TEXT NOT NULL, grp TEXT NOT NULL, tactic TEXT NOT NULL, status TEXT NOT NULL,
  severity REAL NOT NULL, grade TEXT NOT NULL,
  reach_accounts INTEGER NOT NULL, reach_reposts INTEGER NOT NULL, reach_engagement INTEGER NOT NULL,
  items INTEGER NOT NULL, coordination REAL NOT NULL,
  opened_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, closed_at INTEGER);
CREATE TABLE items(
  case_id INTEGER NOT NULL REFERENCES cases(id), subject TEXT NOT NULL, subject_id TEXT NOT NULL,
  label TEXT NOT NULL, score REAL NOT NULL, claim TEXT NOT NULL, grp TEXT NOT NULL,
  tactic TEXT NOT NULL, platform TEXT NOT NULL, account TEXT NOT NULL,
  reach_accounts INTEGER NOT NULL, reach_reposts INTEGER NOT NULL, reach_engagement INTEGER NOT NULL,
  coordinated INTEGER NOT NULL, finding TEXT NOT NULL, added_at INTEGER NOT NULL,
  UNIQUE(case_id, subject, subject_id, label));
CREATE INDEX items_by_subject ON items(subject, subject_id);
CREATE TABLE decisions(
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id), action TEXT NOT NULL,
  reviewer TEXT NOT NULL, reason TEXT NOT NULL, basis TEXT NOT NULL, platform TEXT NOT NULL,
  decided_at INTEGER NOT NULL, platform_acted_at INTEGER, status TEXT NOT NULL);
CREATE INDEX decisions_by_case ON decisions(case_id);
CREATE TABLE decision_targets(
  decision_id INTEGER NOT NULL REFERENCES decisions(id), subject TEXT NOT NULL,
  subject_id TEXT NOT NULL, platform TEXT NOT NULL,
  PRIMARY KEY(decision_id, subject, subject_id)) WITHOUT ROWID;
CREATE TABLE appeals(
  id INTEGER PRIMARY KEY, decision_id INTEGER NOT NULL REFERENCES decisions(id),
  filed_by TEXT NOT NULL, reason TEXT NOT NULL, filed_at INTEGER NOT NULL, status TEXT NOT NULL,
  resolved_by TEXT NOT NULL, resolution TEXT NOT NULL, resolved_at INTEGER);
CREATE INDEX appeals_by_decision ON appeals(decision_id);
CREATE TABLE audit(seq INTEGER PRIMARY KEY, prev_hash TEXT NOT NULL, entry TEXT NOT NULL,
  hash TEXT NOT NULL);
)sql";

}  // namespace

const TableSpec& CasesTable() {
  static const TableSpec t{"cases",
                           {{"id", I}, {"key", T}, {"category", T}, {"claim", T}, {"grp", T},
                            {"tactic", T}, {"status", T}, {"severity", R}, {"grade", T},
                            {"reach_accounts", I}, {"reach_reposts", I}, {"reach_engagement", I},
                            {"items", I}, {"coordination", R}, {"opened_at", I}, {"updated_at", I},
                            {"closed_at", I, true}},
                           1};
  return t;
}

const TableSpec& ItemsTable() {
  static const TableSpec t{"items",
                           {{"case_id", I}, {"subject", T}, {"subject_id", T}, {"label", T},
                            {"score", R}, {"claim", T}, {"grp", T}, {"tactic", T}, {"platform", T},
                            {"account", T}, {"reach_accounts", I}, {"reach_reposts", I},
                            {"reach_engagement", I}, {"coordinated", I},
                            {"finding", T, false, true}, {"added_at", I}},
                           4};
  return t;
}

const TableSpec& DecisionsTable() {
  static const TableSpec t{"decisions",
                           {{"id", I}, {"case_id", I}, {"action", T}, {"reviewer", T},
                            {"reason", T}, {"basis", T}, {"platform", T}, {"decided_at", I},
                            {"platform_acted_at", I, true}, {"status", T}},
                           1};
  return t;
}

const TableSpec& DecisionTargetsTable() {
  static const TableSpec t{"decision_targets",
                           {{"decision_id", I}, {"subject", T}, {"subject_id", T}, {"platform", T}},
                           3};
  return t;
}

const TableSpec& AppealsTable() {
  static const TableSpec t{"appeals",
                           {{"id", I}, {"decision_id", I}, {"filed_by", T}, {"reason", T},
                            {"filed_at", I}, {"status", T}, {"resolved_by", T}, {"resolution", T},
                            {"resolved_at", I, true}},
                           1};
  return t;
}

const std::vector<const TableSpec*>& AuditedTables() {
  static const std::vector<const TableSpec*> all = {&CasesTable(), &ItemsTable(), &DecisionsTable(),
                                                    &DecisionTargetsTable(), &AppealsTable()};
  return all;
}

namespace {

// The schema version recorded in the file; empty when the file holds no case store yet.
Status ReadVersion(SqliteDb* db, bool* has_meta, std::string* version) {
  Status st;
  Result<SqliteStmt> q =
      db->Prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
  if (!q.ok()) return q.status();
  q.value().Step(&st);
  SLUICE_RETURN_IF_ERROR(st);
  *has_meta = q.value().Int(0) != 0;
  if (!*has_meta) return Status::Ok();
  Result<SqliteStmt> v = db->Prepare("SELECT value FROM meta WHERE key='schema'");
  if (!v.ok()) return v.status();
  *version = v.value().Step(&st) ? v.value().Text(0) : "";
  return st;
}

Status CheckVersion(SqliteDb* db, const std::string& version) {
  if (version == kSchemaVersion) return Status::Ok();
  return Status::InvalidInput(db->path() + ": case store schema '" + version + "' is not " +
                              std::string(kSchemaVersion));
}

}  // namespace

Status CreateOrCheckSchema(SqliteDb* db) {
  SLUICE_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys=ON"));
  // FULL sync: a committed decision survives a power cut, not only a crash of the process.
  SLUICE_RETURN_IF_ERROR(db->Exec("PRAGMA synchronous=FULL"));
  // 64 MiB of page cache: an ingest of a scan's findings touches the item index all over.
  SLUICE_RETURN_IF_ERROR(db->Exec("PRAGMA cache_size=-65536"));
  // An existing store is only read here, so opening one (for the review queue, say) never waits
  // for a writer's lock.
  bool has_meta = false;
  std::string version;
  SLUICE_RETURN_IF_ERROR(ReadVersion(db, &has_meta, &version));
  if (has_meta) return CheckVersion(db, version);

  // WAL: readers never block the writer nor wait for it. The mode is kept in the file.
  SLUICE_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode=WAL"));
  SqliteTransaction tx(db);
  SLUICE_RETURN_IF_ERROR(tx.begin_status());
  SLUICE_RETURN_IF_ERROR(ReadVersion(db, &has_meta, &version));
  if (has_meta) return CheckVersion(db, version);  // another process created it meanwhile
  Status st;
  Result<SqliteStmt> any = db->Prepare("SELECT count(*) FROM sqlite_master");
  if (!any.ok()) return any.status();
  any.value().Step(&st);
  SLUICE_RETURN_IF_ERROR(st);
  if (any.value().Int(0) != 0)
    return Status::InvalidInput(db->path() + ": is an SQLite database but not a Sluice case store");
  SLUICE_RETURN_IF_ERROR(db->Exec(kSchemaSql));
  Result<SqliteStmt> put = db->Prepare("INSERT INTO meta(key, value) VALUES('schema', ?)");
  if (!put.ok()) return put.status();
  SLUICE_RETURN_IF_ERROR(put.value().Bind(1, kSchemaVersion).Run());
  return tx.Commit();
}

namespace {

std::string UpsertSql(const TableSpec& t) {
  std::string cols, params, keys, updates;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    std::string_view c = t.columns[i].name;
    std::string_view sep = i ? ", " : "";
    cols.append(sep).append(c);
    params.append(sep).append("?");
    if (i < t.key_columns) {
      keys.append(sep).append(c);
    } else {
      updates.append(updates.empty() ? "" : ", ").append(c).append("=excluded.").append(c);
    }
  }
  return "INSERT INTO " + std::string(t.name) + "(" + cols + ") VALUES(" + params + ") ON CONFLICT(" +
         keys + ") DO UPDATE SET " + updates;
}

}  // namespace

Status UpsertRow(SqliteDb* db, const TableSpec& t, const Row& row) {
  static const std::map<const TableSpec*, std::string> kSql = [] {
    std::map<const TableSpec*, std::string> m;
    for (const TableSpec* table : AuditedTables()) m[table] = UpsertSql(*table);
    return m;
  }();
  const std::string& sql = kSql.at(&t);
  Result<SqliteStmt*> cached = db->PrepareCached(sql);
  if (!cached.ok()) return cached.status();
  SqliteStmt* stmt = cached.value();
  for (size_t i = 0; i < row.size(); ++i) {
    int p = static_cast<int>(i + 1);
    if (const int64_t* v = std::get_if<int64_t>(&row[i])) stmt->Bind(p, *v);
    else if (const double* d = std::get_if<double>(&row[i])) stmt->Bind(p, *d);
    else if (const std::string* s = std::get_if<std::string>(&row[i])) stmt->Bind(p, std::string_view(*s));
    else stmt->BindNull(p);
  }
  return stmt->Run();
}

namespace {

void AppendValueJson(std::string* out, const Value& v) {
  if (const int64_t* i = std::get_if<int64_t>(&v)) {
    *out += std::to_string(*i);
  } else if (const double* d = std::get_if<double>(&v)) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *d);  // round-trips exactly
    *out += buf;
  } else if (const std::string* s = std::get_if<std::string>(&v)) {
    AppendJsonString(out, *s);
  } else {
    *out += "null";
  }
}

}  // namespace

void AppendRowJson(std::string* out, const TableSpec& t, const Row& row) {
  out->push_back('[');
  for (size_t i = 0; i < row.size(); ++i) {
    if (i) out->push_back(',');
    if (t.columns[i].logged_as_digest && std::holds_alternative<std::string>(row[i]))
      AppendJsonString(out, Sha256Hex(std::get<std::string>(row[i])));
    else
      AppendValueJson(out, row[i]);
  }
  out->push_back(']');
}

Status RowFromJson(const TableSpec& t, simdjson::dom::element arr, Row* out) {
  using simdjson::dom::element_type;
  if (arr.type() != element_type::ARRAY) return Status::Corrupt("a row is not an array");
  simdjson::dom::array a = arr.get_array().value_unsafe();
  if (a.size() != t.columns.size())
    return Status::Corrupt("a " + std::string(t.name) + " row has " + std::to_string(a.size()) +
                           " values, not " + std::to_string(t.columns.size()));
  out->clear();
  size_t i = 0;
  for (simdjson::dom::element e : a) {
    const ColumnSpec& c = t.columns[i++];
    element_type ty = e.type();
    if (ty == element_type::NULL_VALUE) {
      out->emplace_back(std::monostate{});
    } else if (c.type == ColumnType::kText && ty == element_type::STRING) {
      out->emplace_back(std::string(e.get_string().value_unsafe()));
    } else if (c.type == ColumnType::kInt && ty == element_type::INT64) {
      out->emplace_back(e.get_int64().value_unsafe());
    } else if (c.type == ColumnType::kReal &&
               (ty == element_type::DOUBLE || ty == element_type::INT64 || ty == element_type::UINT64)) {
      out->emplace_back(e.get_double().value_unsafe());
    } else {
      return Status::Corrupt("column " + std::string(t.name) + "." + std::string(c.name) +
                             " has a value of the wrong type");
    }
  }
  return Status::Ok();
}

Row RowFromStatement(const TableSpec& t, const SqliteStmt& stmt) {
  Row row;
  row.reserve(t.columns.size());
  for (size_t i = 0; i < t.columns.size(); ++i) {
    int col = static_cast<int>(i);
    switch (stmt.ColumnType(col)) {
      case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
      case SQLITE_INTEGER:
        // A REAL column always reads back as a float; an integer here was written around SQLite.
        if (t.columns[i].type == ColumnType::kReal) row.emplace_back(std::to_string(stmt.Int(col)));
        else row.emplace_back(stmt.Int(col));
        break;
      case SQLITE_FLOAT: row.emplace_back(stmt.Real(col)); break;
      default: {
        std::string s = stmt.Text(col);
        row.emplace_back(t.columns[i].logged_as_digest ? Sha256Hex(s) : std::move(s));
      }
    }
  }
  return row;
}

std::string SelectAllSql(const TableSpec& t) {
  std::string cols, keys;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    std::string_view sep = i ? ", " : "";
    cols.append(sep).append(t.columns[i].name);
    if (i < t.key_columns) keys.append(sep).append(t.columns[i].name);
  }
  return "SELECT " + cols + " FROM " + std::string(t.name) + " ORDER BY " + keys;
}

std::string ValueText(const Value& v) {
  std::string s;
  AppendValueJson(&s, v);
  return s;
}

std::string RowKeyText(const TableSpec& t, const Row& row) {
  std::string s = "(";
  for (size_t i = 0; i < t.key_columns && i < row.size(); ++i) {
    if (i) s += ", ";
    if (const std::string* str = std::get_if<std::string>(&row[i])) s += *str;
    else s += ValueText(row[i]);
  }
  return s + ")";
}

}  // namespace sluice
