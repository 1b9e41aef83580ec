// The tables of the case store, described once so that writing a row, logging it in the audit
// chain and checking it against the chain all read from the same description. docs/cases.md
// documents the tables.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <simdjson.h>

#include "cases/sqlite_db.h"
#include "core/status.h"

namespace sluice {

// A column value as SQLite holds it. monostate is NULL.
using Value = std::variant<std::monostate, int64_t, double, std::string>;
using Row = std::vector<Value>;

enum class ColumnType : uint8_t { kInt, kReal, kText };

struct ColumnSpec {
  std::string_view name;
  ColumnType type;
  bool nullable = false;
  // The audit log records a digest of this column instead of its text (the finding line).
  bool logged_as_digest = false;
};

struct TableSpec {
  std::string_view name;
  std::vector<ColumnSpec> columns;
  size_t key_columns;  // the primary key is the first key_columns columns
};

const TableSpec& CasesTable();
const TableSpec& ItemsTable();
const TableSpec& DecisionsTable();
const TableSpec& DecisionTargetsTable();
const TableSpec& AppealsTable();
// Every table the audit log covers, in the order entries list them.
const std::vector<const TableSpec*>& AuditedTables();

// Creates the tables in a new database, or checks the schema version of an existing one.
Status CreateOrCheckSchema(SqliteDb* db);

// Inserts `row` or replaces the row with the same key. REQUIRES: row.size() == columns.
Status UpsertRow(SqliteDb* db, const TableSpec& t, const Row& row);

// Appends `row` as a JSON array, as the audit log records it.
void AppendRowJson(std::string* out, const TableSpec& t, const Row& row);

// Reads a row the audit log recorded. Errors say which column is malformed.
Status RowFromJson(const TableSpec& t, simdjson::dom::element arr, Row* out);

// Reads the current row of a SELECT of all t's columns (in order), digesting as the log does.
Row RowFromStatement(const TableSpec& t, const SqliteStmt& stmt);

// "SELECT <all columns> FROM <table> ORDER BY <key>"
std::string SelectAllSql(const TableSpec& t);

// The key of a row, printable: "(7)" or "(3, post, p1, rumor)".
std::string RowKeyText(const TableSpec& t, const Row& row);

// Printable value for messages.
std::string ValueText(const Value& v);

}  // namespace sluice
