// Persistence of the claim registry in one SQLite file (no server). The file holds only the
// claims; the matching index is rebuilt from them when the registry is opened, so the file format
// stays one plain table that other tools can read:
//   CREATE TABLE claims(id TEXT PRIMARY KEY, text TEXT NOT NULL, source TEXT NOT NULL,
//                       verdict TEXT NOT NULL, published INTEGER NOT NULL)
// Not thread-safe: the registry serializes its calls.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "rumor/claim.h"

struct sqlite3;

namespace sluice::rumor {

class ClaimStore {
 public:
  // Opens or creates the database at `path`. A file that is not a Sluice claim database is an
  // error naming the file.
  static Result<std::unique_ptr<ClaimStore>> Open(const std::string& path);
  ~ClaimStore();

  // Inserts the claims, replacing any with the same id, in one transaction: all or none.
  Status Put(const std::vector<Claim>& claims);
  // Deletes the claim; *found tells whether it existed.
  Status Remove(const std::string& id, bool* found);
  // Calls `f` for every claim, in id order.
  Status ForEach(const std::function<void(Claim&&)>& f) const;

  const std::string& path() const { return path_; }

 private:
  ClaimStore(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  Status Exec(const char* sql);
  Status Error(const std::string& what) const;

  std::string path_;
  sqlite3* db_;
};

}  // namespace sluice::rumor
