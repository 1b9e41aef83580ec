// Builds a World from parsed records, one at a time, then freezes it.
//
// Add() interns ids, hashes device and IP tokens with the salt, and copies text into the arenas.
// It refuses a record whose id was already declared for its type (kDuplicateId); a refused
// record changes nothing.
// References to undeclared entities are kept; Finalize() counts them as dangling.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "core/flat_u64_map.h"

#include "ingest/record.h"
#include "ingest/reject.h"
#include "world/interner.h"
#include "world/world.h"

namespace sluice {

struct DanglingCounts {
  uint64_t post_account = 0;       // post by an account with no account record
  uint64_t post_repost_of = 0;     // repost of an unknown post
  uint64_t post_reply_to = 0;      // reply to an unknown post
  uint64_t engagement_account = 0;
  uint64_t engagement_target = 0;
  uint64_t total() const {
    return post_account + post_repost_of + post_reply_to + engagement_account + engagement_target;
  }
};

// The hashes a WorldBuilder finds a record's ids and tokens by. Computing them is pure, so a bulk
// loader can do it on another thread and hand them over with the record (WorldBuilder::Hash is
// const and needs no lock); each string is then hashed once, not once to prefetch and again to
// intern. Which slot holds what depends on the record type (see Hash).
struct RecordHashes {
  IdHash id[4];
  uint64_t token[2];
};

// An engagement prepared for bulk loading (WorldBuilder::Pack), in one cache line: a loader
// that parses on one thread and builds on another moves one line per engagement between them,
// where the record and its hashes took three. Its ids' bytes stay where the loader keeps them,
// at `base + *_at` for the `base` it was packed against, and are read only when an id is new.
struct alignas(64) PackedEngagement {
  uint64_t account_high, target_high;  // IdHash::high of each id
  uint64_t device, ip;                 // the salted token hashes; 0 when absent
  uint32_t account_tag, target_tag;    // IdHash::low >> 32: the rest of what the index keeps
  uint32_t account_at, target_at;      // offsets of the ids' bytes from the base
  uint16_t account_len, target_len;
  Time32 time;
  EngagementKind kind;
};
static_assert(sizeof(PackedEngagement) == 64, "one cache line");

class WorldBuilder {
 public:
  explicit WorldBuilder(std::string_view salt);

  // Returns true when the record was added; false with *why filled when it was refused.
  bool Add(const Record& r, Rejection* why) { return Add(r, Hash(r), why); }
  // The same. REQUIRES: h == Hash(r).
  bool Add(const Record& r, const RecordHashes& h, Rejection* why);

  // The same for one record type, for loaders that keep records by type.
  bool Add(const AccountRecord& r, const RecordHashes& h, Rejection* why);
  bool Add(const PostRecord& r, const RecordHashes& h, Rejection* why);
  bool Add(const EngagementRecord& r, const RecordHashes& h, Rejection* why);
  bool Add(const ClaimRecord& r, const RecordHashes& h, Rejection* why);

  // The hashes of r's ids and tokens. Safe to call from any thread while another adds records.
  RecordHashes Hash(const Record& r) const;
  RecordHashes Hash(const AccountRecord& r) const;
  RecordHashes Hash(const PostRecord& r) const;
  RecordHashes Hash(const EngagementRecord& r) const;

  // Packs an engagement for AddPacked, hashing its ids and tokens. Safe from any thread, like
  // Hash. REQUIRES: r's ids lie in [base, base + 4 GiB) and are at most 65,535 bytes long (the
  // record parser refuses ids over 4,096).
  PackedEngagement Pack(const EngagementRecord& r, const char* base) const;
  // Adds a packed engagement whose ids' bytes lie at `base` plus its offsets; the same world
  // results as from Add with its record. Engagements are never refused.
  void AddPacked(const PackedEngagement& e, const char* base);
  void Prefetch(const PackedEngagement& e) const;

  // Hints that a record of type `t` with hashes `h` will be added soon. Bulk loaders call it
  // about 16 records ahead: the world's hash tables are far larger than the caches, and
  // overlapping their misses is most of the building speed. Never changes the result.
  void Prefetch(RecordType t, const RecordHashes& h) const;

  // Reserves room for the world read from about `input_bytes` of JSONL: the engagement and
  // post columns, generously (no record line is much under 64 bytes), so they never grow by
  // doubling — each doubling wrote the whole column into fresh pages again (a 1 GB input took
  // 215k page faults, 125k with the reservation). Reserved room that is never written is
  // address space only: it costs no memory. Capped at a quarter of physical memory; a
  // reservation the system refuses is skipped. (Texts need none: see TextStore.)
  void ReserveForInput(uint64_t input_bytes);

  // Takes a chunk of post texts written elsewhere (a bulk loader's parsing thread) into the
  // world; a post added next whose text lies in it keeps it there, uncopied.
  void AdoptText(std::unique_ptr<char[]> chunk, size_t size) { w_.posts.texts.Adopt(std::move(chunk), size); }

  // Sorts engagements by time, counts dangling references and hands over the world.
  // The builder is empty afterwards.
  World Finalize(DanglingCounts* dangling);

  const std::array<uint64_t, kRecordTypeCount>& added() const { return added_; }

 private:
  AccountId AccountRef(std::string_view id, IdHash h);
  PostId PostRef(std::string_view id, IdHash h);
  // The id of the token whose hash is h, added when new; kNone for h == 0 (no token).
  TokenId Token(uint64_t h);
  // The salted hash of a token, never 0; 0 when there is none (absent or empty).
  uint64_t TokenHash(const std::optional<std::string_view>& t) const;
  void AddEngagement(std::string_view account, IdHash account_hash, std::string_view target,
                     IdHash target_hash, Time32 time, EngagementKind kind, uint64_t device, uint64_t ip);
  uint16_t Platform(std::string_view p);

  uint64_t salt_seed_;
  World w_;
  FlatU64Map token_ids_;
  std::array<uint64_t, kRecordTypeCount> added_{};
};

}  // namespace sluice
