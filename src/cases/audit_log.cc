#include "cases/audit_log.h"

#include <map>

#include <fmt/format.h>
#include <simdjson.h>

#include "cases/sha256.h"
#include "core/json_writer.h"

namespace sluice {

AuditEntry::AuditEntry(std::string op, std::string actor, UnixSeconds at)
    : op_(std::move(op)), actor_(std::move(actor)), at_(at),
      table_rows_(AuditedTables().size()) {}

Status AuditEntry::Put(SqliteDb* db, const TableSpec& t, Row row) {
  SLUICE_RETURN_IF_ERROR(UpsertRow(db, t, row));
  const auto& tables = AuditedTables();
  for (size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] != &t) continue;
    if (!table_rows_[i].empty()) table_rows_[i] += ',';
    AppendRowJson(&table_rows_[i], t, row);
    ++rows_;
    return Status::Ok();
  }
  return Status::Internal(std::string(t.name) + " is not an audited table");
}

Status AuditEntry::Append(SqliteDb* db, uint64_t* seq_out) {
  Result<SqliteStmt*> head = db->PrepareCached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
  if (!head.ok()) return head.status();
  Status st;
  uint64_t seq = 1;
  std::string prev(kAuditGenesis);
  if (head.value()->Step(&st)) {
    seq = static_cast<uint64_t>(head.value()->Int(0)) + 1;
    prev = head.value()->Text(1);
  }
  head.value()->Reset();
  SLUICE_RETURN_IF_ERROR(st);

  std::string entry = fmt::format("{{\"seq\":{},\"at\":{},\"actor\":", seq, at_);
  AppendJsonString(&entry, actor_);
  entry += ",\"op\":";
  AppendJsonString(&entry, op_);
  if (!note_.empty()) entry += ",\"note\":" + note_;
  entry += ",\"rows\":{";
  bool first = true;
  const auto& tables = AuditedTables();
  for (size_t i = 0; i < tables.size(); ++i) {
    if (table_rows_[i].empty()) continue;
    entry += first ? "\"" : ",\"";
    entry += tables[i]->name;
    entry += "\":[" + table_rows_[i] + "]";
    first = false;
  }
  entry += "}}";
  std::string hash = Sha256Hex(prev + "\n" + entry);

  Result<SqliteStmt*> ins =
      db->PrepareCached("INSERT INTO audit(seq, prev_hash, entry, hash) VALUES(?, ?, ?, ?)");
  if (!ins.ok()) return ins.status();
  SLUICE_RETURN_IF_ERROR(ins.value()
                             ->Bind(1, static_cast<int64_t>(seq))
                             .Bind(2, std::string_view(prev))
                             .Bind(3, std::string_view(entry))
                             .Bind(4, std::string_view(hash))
                             .Run());
  // The head is kept apart from the chain so that removing entries from its end shows.
  Result<SqliteStmt*> meta = db->PrepareCached(
      "INSERT INTO meta(key, value) VALUES('audit_head', ?) "
      "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
  if (!meta.ok()) return meta.status();
  SLUICE_RETURN_IF_ERROR(meta.value()->Bind(1, fmt::format("{} {}", seq, hash)).Run());
  if (seq_out != nullptr) *seq_out = seq;
  return Status::Ok();
}

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

std::string KeyOf(const TableSpec& t, const Row& row) {
  std::string k;
  for (size_t i = 0; i < t.key_columns; ++i) k += ValueText(row[i]) + "\x1f";
  return k;
}

// Every audited table's rows as the log last recorded them, by key.
using Replay = std::vector<std::map<std::string, Row>>;

Status ReplayEntry(element doc, Replay* replay) {
  element rows;
  if (doc["rows"].get(rows) != simdjson::SUCCESS || rows.type() != element_type::OBJECT)
    return Status::Corrupt("has no rows object");
  const auto& tables = AuditedTables();
  simdjson::dom::object obj = rows.get_object().value_unsafe();
  for (auto field : obj) {
    size_t ti = 0;
    while (ti < tables.size() && tables[ti]->name != field.key) ++ti;
    if (ti == tables.size()) return Status::Corrupt("names an unknown table");
    if (field.value.type() != element_type::ARRAY) return Status::Corrupt("has a malformed row list");
    simdjson::dom::array list = field.value.get_array().value_unsafe();
    for (element r : list) {
      Row row;
      SLUICE_RETURN_IF_ERROR(RowFromJson(*tables[ti], r, &row));
      (*replay)[ti][KeyOf(*tables[ti], row)] = std::move(row);
    }
  }
  return Status::Ok();
}

AuditVerdict Bad(AuditVerdict v, uint64_t first_bad, std::string problem) {
  v.ok = false;
  v.first_bad = first_bad;
  v.problem = std::move(problem);
  return v;
}

}  // namespace

Result<AuditVerdict> VerifyAudit(SqliteDb* db, const std::vector<AuditAnchor>& anchors) {
  SqliteSnapshot snapshot(db);  // tables and log read at one instant
  SLUICE_RETURN_IF_ERROR(snapshot.status());
  AuditVerdict v;
  v.head_hash = std::string(kAuditGenesis);
  Result<SqliteStmt> q = db->Prepare("SELECT seq, prev_hash, entry, hash FROM audit ORDER BY seq");
  if (!q.ok()) return q.status();
  SqliteStmt& stmt = q.value();
  Replay replay(AuditedTables().size());
  simdjson::dom::parser parser;
  std::map<uint64_t, std::string> anchor_at;
  for (const AuditAnchor& a : anchors) anchor_at[a.seq] = a.hash;
  uint64_t expect = 1;
  std::string prev(kAuditGenesis);
  Status st;
  while (stmt.Step(&st)) {
    uint64_t seq = static_cast<uint64_t>(stmt.Int(0));
    std::string prev_col = stmt.Text(1), entry = stmt.Text(2), hash = stmt.Text(3);
    if (seq != expect)
      return Bad(v, expect, fmt::format("entry {} is missing: the log goes from entry {} to entry {} (deleted)",
                                        expect, expect - 1, seq));
    if (Sha256Hex(prev_col + "\n" + entry) != hash)
      return Bad(v, seq, fmt::format("entry {}: its content does not match its hash (edited)", seq));
    element doc;
    int64_t inner = -1;
    if (parser.parse(entry).get(doc) != simdjson::SUCCESS || doc.type() != element_type::OBJECT ||
        doc["seq"].get_int64().get(inner) != simdjson::SUCCESS)
      return Bad(v, seq, fmt::format("entry {}: is not a well-formed entry", seq));
    if (static_cast<uint64_t>(inner) != seq)
      return Bad(v, seq, fmt::format("entry {}: holds the content of entry {} (reordered)", seq, inner));
    if (prev_col != prev)
      return Bad(v, seq,
                 fmt::format("entry {}: does not follow entry {} (the link to the entry before is "
                             "broken: that entry was edited, replaced or moved)",
                             seq, seq - 1));
    auto anchor = anchor_at.find(seq);
    if (anchor != anchor_at.end() && anchor->second != hash)
      return Bad(v, seq, fmt::format("entry {}: its hash differs from the anchor (the log was rewritten)", seq));
    Status rs = ReplayEntry(doc, &replay);
    if (!rs.ok()) return Bad(v, seq, fmt::format("entry {}: {}", seq, rs.message()));
    prev = hash;
    v.entries = seq;
    v.head_hash = hash;
    ++expect;
  }
  SLUICE_RETURN_IF_ERROR(st);
  if (!anchor_at.empty() && anchor_at.rbegin()->first > v.entries)
    return Bad(v, v.entries + 1,
               fmt::format("entry {} of the anchor is missing: the log ends at entry {}",
                           anchor_at.rbegin()->first, v.entries));

  Result<SqliteStmt> head = db->Prepare("SELECT value FROM meta WHERE key='audit_head'");
  if (!head.ok()) return head.status();
  std::string recorded = head.value().Step(&st) ? head.value().Text(0) : "";
  SLUICE_RETURN_IF_ERROR(st);
  std::string actual = v.entries ? fmt::format("{} {}", v.entries, v.head_hash) : "";
  if (recorded != actual) {
    uint64_t head_seq = std::strtoull(recorded.c_str(), nullptr, 10);
    if (head_seq > v.entries)
      return Bad(v, v.entries + 1,
                 fmt::format("entries {} to {} are missing: the log ends at entry {} but its head "
                             "records entry {} (deleted from the end)",
                             v.entries + 1, head_seq, v.entries, head_seq));
    return Bad(v, v.entries, fmt::format("the recorded head '{}' does not match the last entry {}",
                                         recorded, v.entries));
  }

  // The tables must be exactly what the log says was written.
  const auto& tables = AuditedTables();
  for (size_t ti = 0; ti < tables.size(); ++ti) {
    const TableSpec& t = *tables[ti];
    Result<SqliteStmt> rows = db->Prepare(SelectAllSql(t));
    if (!rows.ok()) return rows.status();
    std::map<std::string, Row>& logged = replay[ti];
    size_t matched = 0;
    while (rows.value().Step(&st)) {
      Row row = RowFromStatement(t, rows.value());
      auto it = logged.find(KeyOf(t, row));
      std::string where = fmt::format("table {} row {}", t.name, RowKeyText(t, row));
      if (it == logged.end()) return Bad(v, 0, where + " is not in the audit log (written around it)");
      for (size_t c = 0; c < t.columns.size(); ++c)
        if (row[c] != it->second[c])
          return Bad(v, 0, fmt::format("{}: column {} is {} but the audit log says {} (edited)", where,
                                       t.columns[c].name, ValueText(row[c]), ValueText(it->second[c])));
      ++matched;
    }
    SLUICE_RETURN_IF_ERROR(st);
    if (matched != logged.size()) {
      // Find one logged row the table lacks, to name it.
      Result<SqliteStmt> all = db->Prepare(SelectAllSql(t));
      if (!all.ok()) return all.status();
      std::map<std::string, bool> present;
      while (all.value().Step(&st)) present[KeyOf(t, RowFromStatement(t, all.value()))] = true;
      SLUICE_RETURN_IF_ERROR(st);
      for (const auto& [key, row] : logged)
        if (!present.count(key))
          return Bad(v, 0, fmt::format("table {} row {} is in the audit log but missing from the table (deleted)",
                                       t.name, RowKeyText(t, row)));
    }
  }
  return v;
}

}  // namespace sluice
