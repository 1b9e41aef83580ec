// The registry of debunked claims: add, remove and list claims, optionally persisted in a
// ClaimStore (SQLite), and indexed for matching.
//
// Removing a claim takes effect at once (a flag the matcher checks), without a rebuild; adding a
// claim indexes it at once (into the index's delta). The frozen index is rebuilt in bulk when
// many claims were added or removed since the last build.
//
// Thread-safe: any number of Matchers read while Add/Remove write (a reader-writer lock).
#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "rumor/claim.h"
#include "rumor/claim_index.h"
#include "rumor/claim_store.h"
#include "rumor/rumor_config.h"
#include "text/normalizer.h"

namespace sluice::rumor {

// Seeds of the shingle hash families, one per channel.
inline constexpr uint64_t kCharSeed = 0x63686172ull;   // "char"
inline constexpr uint64_t kSoundSeed = 0x736f756eull;  // "soun"
inline constexpr uint64_t kKeySeed = 0x6b657973ull;    // "keys": anchors
inline constexpr uint64_t kKeyShingleSeed = 0x6b657933ull;  // "key3": containment prefilter

// Positions of the first occurrence of each distinct character-channel shingle of `norm`
// (shingle_size k), with the rolling shingle hashes of both channels at every position. Shared
// by the registry and the matcher so both count containment over the same positions.
void DistinctPositions(const text::NormalizedText& norm, size_t k, std::vector<uint32_t>* distinct,
                       std::vector<uint64_t>* char_hashes, std::vector<uint64_t>* sound_hashes);

struct ClaimInfo {
  Claim claim;
  bool matchable = false;  // false when too short to match once normalized (see RumorConfig)
  uint32_t chars = 0;      // normalized length in tokens
};

class ClaimRegistry {
 public:
  // An in-memory registry.
  explicit ClaimRegistry(RumorConfig config);
  // A registry persisted in the claim database at `path` (created when missing); loads every
  // claim it holds.
  static Result<std::unique_ptr<ClaimRegistry>> Open(const std::string& path, RumorConfig config);

  // Adds claims, replacing any with the same id. Persists first (all or none), then indexes.
  // A claim with an empty id is refused and nothing is added.
  Status Add(std::vector<Claim> claims);
  // Removes the claim with `id`; *found tells whether there was one.
  Status Remove(const std::string& id, bool* found);

  // Every registered claim, sorted by id.
  std::vector<ClaimInfo> List() const;
  size_t size() const;
  size_t matchable() const;

  struct Memory {
    size_t claims = 0;  // claim records and the id map
    size_t index = 0;   // the inverted index
    size_t total() const { return claims + index; }
  };
  Memory MemoryUsage() const;

  const RumorConfig& config() const { return config_; }

 private:
  friend class Matcher;
  struct Slot {
    Claim claim;
    bool alive = false;
    bool matchable = false;
    uint32_t chars = 0;      // normalized length in tokens
    uint32_t positions = 0;  // distinct shingle positions (see DistinctPositions), when matchable
    size_t fingerprints = 0; // offset in fingerprints_ of `positions` values
  };

  // 32-bit fingerprint of a shingle hash, never 0 (0 marks an empty slot in the matcher's sets).
  static uint32_t Fingerprint(uint64_t hash) { return static_cast<uint32_t>(hash >> 32) | 1u; }

  // Computes the slot's normalized length and shingle fingerprints; appends its postings.
  void IndexSlot(uint32_t slot, std::vector<std::pair<uint64_t, ClaimIndex::Posting>>* out);
  // Drops dead slots and rebuilds the frozen index from every live claim.
  void Rebuild();
  Status AddLocked(std::vector<Claim> claims);

  RumorConfig config_;
  std::unique_ptr<ClaimStore> store_;
  mutable std::shared_mutex mu_;
  std::vector<Slot> slots_;
  // Per matchable slot, the fingerprints of its key-channel shingles at its distinct positions.
  // Keys fold both 形近字 and 諧音, so their containment bounds the full one from above (but
  // for rare swaps): the matcher checks it before verifying a candidate in full.
  std::vector<uint32_t> fingerprints_;
  std::unordered_map<std::string, uint32_t> by_id_;
  ClaimIndex index_;
  size_t live_ = 0, matchable_ = 0, dead_ = 0;
};

}  // namespace sluice::rumor
