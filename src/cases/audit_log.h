// The audit log: an append-only hash chain in the `audit` table. Every write to the case store
// appends one entry that holds the rows it wrote (the finding text as a digest) and a note; the
// entry's hash is SHA-256(previous hash + "\n" + entry text), so editing, deleting or reordering
// an entry breaks the chain from that entry on. docs/cases.md documents the entry format.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cases/case_schema.h"
#include "cases/sqlite_db.h"
#include "core/status.h"
#include "core/time.h"

namespace sluice {

// The previous hash of the first entry.
inline constexpr std::string_view kAuditGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

// One entry under construction. Put() writes a row to its table and records it; Append() then
// adds the entry to the chain.
// REQUIRES: Put and Append run inside one transaction, so the rows and their entry land together.
class AuditEntry {
 public:
  AuditEntry(std::string op, std::string actor, UnixSeconds at);
  Status Put(SqliteDb* db, const TableSpec& t, Row row);
  // A JSON object with what the rows do not say (the ingested file and its digest, counts).
  void SetNote(std::string json_object) { note_ = std::move(json_object); }
  bool has_rows() const { return rows_ > 0; }
  Status Append(SqliteDb* db, uint64_t* seq = nullptr);

 private:
  std::string op_, actor_, note_;
  UnixSeconds at_;
  std::vector<std::string> table_rows_;  // per audited table: its rows' JSON, comma-separated
  size_t rows_ = 0;
};

// A (sequence number, hash) pair saved somewhere outside the database — printed by verify, kept
// by whoever must be able to prove later that the log was not rewritten wholesale.
struct AuditAnchor {
  uint64_t seq = 0;
  std::string hash;
};

struct AuditVerdict {
  bool ok = true;
  uint64_t entries = 0;
  std::string head_hash;    // the hash of the last entry (kAuditGenesis when empty)
  uint64_t first_bad = 0;   // the first bad entry's sequence number; 0 when no entry is bad
  std::string problem;      // one line for a person; empty when ok
};

// Walks the chain from the first entry, then checks that every row of every audited table is
// exactly the last version the log recorded, and that no logged row is missing. Returns a Status
// only when the database cannot be read; tampering is reported in the verdict.
Result<AuditVerdict> VerifyAudit(SqliteDb* db, const std::vector<AuditAnchor>& anchors);

}  // namespace sluice
