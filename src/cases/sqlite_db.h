// A thin RAII layer over the SQLite C API: a connection, prepared statements and transactions,
// with errors as Status values that name the database file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "core/status.h"

namespace sluice {

class SqliteDb;

class SqliteStmt {
 public:
  SqliteStmt() = default;
  ~SqliteStmt();
  SqliteStmt(SqliteStmt&& o) noexcept;
  SqliteStmt& operator=(SqliteStmt&& o) noexcept;
  SqliteStmt(const SqliteStmt&) = delete;
  SqliteStmt& operator=(const SqliteStmt&) = delete;

  // Parameters count from 1, as in SQLite.
  SqliteStmt& Bind(int i, int64_t v);
  SqliteStmt& Bind(int i, double v);
  SqliteStmt& Bind(int i, std::string_view v);
  SqliteStmt& BindNull(int i);
  SqliteStmt& Bind(int i, const std::optional<int64_t>& v) { return v ? Bind(i, *v) : BindNull(i); }

  // Steps once: true when a row is ready, false when done. Errors go to *st.
  bool Step(Status* st);
  // Runs to completion, ignoring rows.
  Status Run();
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Real(int col) const;
  std::string Text(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  int ColumnType(int col) const;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL

 private:
  friend class SqliteDb;
  sqlite3_stmt* s_ = nullptr;
  const SqliteDb* db_ = nullptr;
};

class SqliteDb {
 public:
  SqliteDb() = default;
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Opens `path`; with `create` false a missing file is NotFound rather than a new database.
  Status Open(const std::string& path, bool create);
  void Close();
  bool is_open() const { return db_ != nullptr; }
  const std::string& path() const { return path_; }

  Status Exec(std::string_view sql);
  Result<SqliteStmt> Prepare(std::string_view sql) const;
  // A statement prepared once per connection and kept until Close(), for statements run many
  // times (upserts during an ingest). The pointer stays valid until Close().
  Result<SqliteStmt*> PrepareCached(const std::string& sql);
  // "<path>: <what>: <sqlite's message>"
  Status Error(std::string_view what) const;
  sqlite3* raw() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  std::map<std::string, SqliteStmt> cache_;
};

// BEGIN IMMEDIATE on construction (so a writer waits for the lock up front instead of failing
// half-way), ROLLBACK on destruction unless Commit() succeeded.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDb* db);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  const Status& begin_status() const { return begin_; }
  Status Commit();

 private:
  SqliteDb* db_;
  Status begin_;
  bool open_ = false;
};

// A read transaction: every query until destruction sees the same snapshot of the database,
// whatever writers commit meanwhile (WAL). A savepoint, so it also nests inside an open
// transaction (where it reads that transaction's view).
class SqliteSnapshot {
 public:
  explicit SqliteSnapshot(SqliteDb* db) : db_(db), status_(db->Exec("SAVEPOINT sluice_snapshot")) {}
  ~SqliteSnapshot() {
    if (status_.ok()) db_->Exec("RELEASE sluice_snapshot");
  }
  SqliteSnapshot(const SqliteSnapshot&) = delete;
  SqliteSnapshot& operator=(const SqliteSnapshot&) = delete;
  const Status& status() const { return status_; }

 private:
  SqliteDb* db_;
  Status status_;
};

}  // namespace sluice
