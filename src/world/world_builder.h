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
#include <vector>

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

// A post prepared for bulk loading (WorldBuilder::Pack), in two cache lines, where the record
// and its hashes took six and its term lists three more blocks of their own. Like a
// PackedEngagement, its ids' and platform's bytes stay at `base + *_at`; its text stays where
// `text` points; its terms are `terms[first_term ...]` of a list the loader keeps: n_urls URLs,
// then n_hashtags hashtags, then n_mentions mentions.
struct alignas(64) PackedPost {
  enum : uint8_t { kRepostOf = 1, kReplyTo = 2, kPlatform = 4 };  // bits of `present`
  uint64_t id_high, account_high, repost_of_high, reply_to_high;   // IdHash::high of each id
  uint64_t device, ip;                                             // salted; 0 when absent
  const char* text;
  uint32_t id_tag, account_tag, repost_of_tag, reply_to_tag;       // IdHash::low >> 32
  uint32_t id_at, account_at, repost_of_at, reply_to_at, platform_at;
  uint32_t text_len;
  uint32_t first_term;
  Time32 time;
  uint16_t id_len, account_len, repost_of_len, reply_to_len, platform_len;
  uint8_t n_urls, n_hashtags, n_mentions;
  uint8_t present;
};
static_assert(sizeof(PackedPost) == 128, "two cache lines");

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

  // Packs a post for AddPacked, hashing its ids and tokens. Safe from any thread, like Hash.
  // The caller has put r's terms at `first_term` of its list (URLs, hashtags, mentions).
  // REQUIRES: r's ids and platform lie in [base, base + 4 GiB) and are at most 65,535 bytes
  // long (the parser refuses ids over 4,096); r's text stays where it is until the post is
  // added; at most 255 terms of each kind (the parser refuses more).
  PackedPost Pack(const PostRecord& r, const char* base, uint32_t first_term) const;
  // Adds (or refuses, as Add does) a packed post, its ids' bytes at `base` plus its offsets
  // and its terms in `terms`; the same world results as from Add with its record.
  bool AddPacked(const PackedPost& p, const char* base, const std::string_view* terms, Rejection* why);
  void Prefetch(const PackedPost& p, const char* base) const;

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
  // A post as Add and AddPacked both hand it on.
  struct PostInput;
  bool AddPost(const PostInput& in, Rejection* why);
  std::vector<std::string_view> term_scratch_;  // Add(PostRecord)'s terms, joined
  uint16_t Platform(std::string_view p);
  // The platform named last and its id: records come in runs from one platform, and comparing a
  // few bytes is cheaper than hashing them for the table.
  std::string last_platform_;
  uint16_t last_platform_id_ = kNoPlatform;

  uint64_t salt_seed_;
  World w_;
  FlatU64Map token_ids_;
  std::array<uint64_t, kRecordTypeCount> added_{};
};

}  // namespace sluice
