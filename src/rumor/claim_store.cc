#include "rumor/claim_store.h"

#include <sqlite3.h>

namespace sluice::rumor {
namespace {

// Finalizes a prepared statement however the scope is left.
struct Statement {
  sqlite3_stmt* s = nullptr;
  ~Statement() { sqlite3_finalize(s); }
};

void BindText(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string Column(sqlite3_stmt* s, int i) {
  const unsigned char* p = sqlite3_column_text(s, i);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p),
                                                    static_cast<size_t>(sqlite3_column_bytes(s, i)));
}

}  // namespace

Status ClaimStore::Error(const std::string& what) const {
  return Status::IoError(path_ + ": " + what + ": " + sqlite3_errmsg(db_));
}

Status ClaimStore::Exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string m = msg != nullptr ? msg : "unknown error";
    sqlite3_free(msg);
    return Status::IoError(path_ + ": " + m);
  }
  return Status::Ok();
}

Result<std::unique_ptr<ClaimStore>> ClaimStore::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<ClaimStore> store(new ClaimStore(path, db));
  if (rc != SQLITE_OK) return store->Error("cannot open the claim database");
  sqlite3_busy_timeout(db, 5000);
  // A file that is not SQLite fails here, on the first read of its header.
  Status st = store->Exec(
      "CREATE TABLE IF NOT EXISTS claims(id TEXT PRIMARY KEY, text TEXT NOT NULL, "
      "source TEXT NOT NULL, verdict TEXT NOT NULL, published INTEGER NOT NULL)");
  if (!st.ok()) return Status::Corrupt(path + ": not a claim database (" + st.message() + ")");
  Statement check;
  if (sqlite3_prepare_v2(db, "SELECT id, text, source, verdict, published FROM claims LIMIT 0", -1,
                         &check.s, nullptr) != SQLITE_OK)
    return Status::Corrupt(path + ": its claims table lacks the expected columns");
  return store;
}

ClaimStore::~ClaimStore() { sqlite3_close(db_); }

Status ClaimStore::Put(const std::vector<Claim>& claims) {
  SLUICE_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  Statement ins;
  if (sqlite3_prepare_v2(db_,
                         "INSERT OR REPLACE INTO claims(id, text, source, verdict, published) "
                         "VALUES (?, ?, ?, ?, ?)",
                         -1, &ins.s, nullptr) != SQLITE_OK) {
    Status st = Error("cannot prepare insert");
    Exec("ROLLBACK");
    return st;
  }
  for (const Claim& c : claims) {
    BindText(ins.s, 1, c.id);
    BindText(ins.s, 2, c.text);
    BindText(ins.s, 3, c.source);
    BindText(ins.s, 4, c.verdict);
    sqlite3_bind_int64(ins.s, 5, c.published);
    if (sqlite3_step(ins.s) != SQLITE_DONE) {
      Status st = Error("cannot store claim '" + c.id + "'");
      Exec("ROLLBACK");
      return st;
    }
    sqlite3_reset(ins.s);
  }
  return Exec("COMMIT");
}

Status ClaimStore::Remove(const std::string& id, bool* found) {
  Statement del;
  if (sqlite3_prepare_v2(db_, "DELETE FROM claims WHERE id = ?", -1, &del.s, nullptr) != SQLITE_OK)
    return Error("cannot prepare delete");
  BindText(del.s, 1, id);
  if (sqlite3_step(del.s) != SQLITE_DONE) return Error("cannot delete claim '" + id + "'");
  *found = sqlite3_changes(db_) > 0;
  return Status::Ok();
}

Status ClaimStore::ForEach(const std::function<void(Claim&&)>& f) const {
  Statement sel;
  if (sqlite3_prepare_v2(db_, "SELECT id, text, source, verdict, published FROM claims ORDER BY id",
                         -1, &sel.s, nullptr) != SQLITE_OK)
    return Error("cannot read claims");
  int rc;
  while ((rc = sqlite3_step(sel.s)) == SQLITE_ROW) {
    Claim c;
    c.id = Column(sel.s, 0);
    c.text = Column(sel.s, 1);
    c.source = Column(sel.s, 2);
    c.verdict = Column(sel.s, 3);
    c.published = sqlite3_column_int64(sel.s, 4);
    f(std::move(c));
  }
  if (rc != SQLITE_DONE) return Error("cannot read claims");
  return Status::Ok();
}

}  // namespace sluice::rumor
