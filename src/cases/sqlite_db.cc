#include "cases/sqlite_db.h"

#include <filesystem>
#include <utility>

namespace sluice {

SqliteStmt::~SqliteStmt() {
  if (s_ != nullptr) sqlite3_finalize(s_);
}

SqliteStmt::SqliteStmt(SqliteStmt&& o) noexcept : s_(o.s_), db_(o.db_) { o.s_ = nullptr; }

SqliteStmt& SqliteStmt::operator=(SqliteStmt&& o) noexcept {
  if (this != &o) {
    if (s_ != nullptr) sqlite3_finalize(s_);
    s_ = std::exchange(o.s_, nullptr);
    db_ = o.db_;
  }
  return *this;
}

SqliteStmt& SqliteStmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}
SqliteStmt& SqliteStmt::Bind(int i, double v) {
  sqlite3_bind_double(s_, i, v);
  return *this;
}
SqliteStmt& SqliteStmt::Bind(int i, std::string_view v) {
  sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
SqliteStmt& SqliteStmt::BindNull(int i) {
  sqlite3_bind_null(s_, i);
  return *this;
}

bool SqliteStmt::Step(Status* st) {
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) *st = db_->Error("statement failed");
  return false;
}

Status SqliteStmt::Run() {
  Status st;
  while (Step(&st)) {
  }
  Reset();
  return st;
}

void SqliteStmt::Reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

bool SqliteStmt::IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
int64_t SqliteStmt::Int(int col) const { return sqlite3_column_int64(s_, col); }
double SqliteStmt::Real(int col) const { return sqlite3_column_double(s_, col); }
std::string SqliteStmt::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(s_, col);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p),
                                                    static_cast<size_t>(sqlite3_column_bytes(s_, col)));
}
std::optional<int64_t> SqliteStmt::OptInt(int col) const {
  return IsNull(col) ? std::nullopt : std::optional<int64_t>(Int(col));
}
int SqliteStmt::ColumnType(int col) const { return sqlite3_column_type(s_, col); }

SqliteDb::~SqliteDb() { Close(); }

void SqliteDb::Close() {
  cache_.clear();
  if (db_ != nullptr) sqlite3_close_v2(db_);
  db_ = nullptr;
}

Status SqliteDb::Open(const std::string& path, bool create) {
  Close();
  path_ = path;
  std::error_code ec;
  if (!create && !std::filesystem::exists(path, ec))
    return Status::NotFound(path + ": no such case database");
  if (std::filesystem::is_directory(path, ec)) return Status::InvalidInput(path + ": is a directory");
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    Status st = Error("cannot open");
    Close();
    return st;
  }
  sqlite3_extended_result_codes(db_, 1);
  // Another writer (a reviewer's decide while an ingest runs) waits rather than failing.
  sqlite3_busy_timeout(db_, 10000);
  return Status::Ok();
}

Status SqliteDb::Exec(std::string_view sql) {
  std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    return Error("cannot run '" + s.substr(0, 40) + "'");
  return Status::Ok();
}

Result<SqliteStmt> SqliteDb::Prepare(std::string_view sql) const {
  SqliteStmt st;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &st.s_, nullptr) != SQLITE_OK)
    return Error("cannot prepare '" + std::string(sql.substr(0, 40)) + "'");
  st.db_ = this;
  return st;
}

Result<SqliteStmt*> SqliteDb::PrepareCached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    Result<SqliteStmt> p = Prepare(sql);
    if (!p.ok()) return p.status();
    it = cache_.emplace(sql, std::move(p).value()).first;
  }
  return &it->second;
}

Status SqliteDb::Error(std::string_view what) const {
  std::string msg = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
  int code = db_ != nullptr ? sqlite3_errcode(db_) : SQLITE_NOMEM;
  std::string text = path_ + ": " + std::string(what) + ": " + msg;
  if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT) return Status::Corrupt(text);
  return Status::IoError(text);
}

SqliteTransaction::SqliteTransaction(SqliteDb* db) : db_(db) {
  begin_ = db_->Exec("BEGIN IMMEDIATE");
  open_ = begin_.ok();
}

SqliteTransaction::~SqliteTransaction() {
  if (open_) db_->Exec("ROLLBACK");
}

Status SqliteTransaction::Commit() {
  if (!open_) return begin_.ok() ? Status::Internal("transaction already finished") : begin_;
  Status st = db_->Exec("COMMIT");
  if (st.ok()) open_ = false;
  return st;
}

}  // namespace sluice
