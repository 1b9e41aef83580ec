// Maps string ids to dense integers 0, 1, 2, … in first-seen order, and back. Strings live in one
// arena. Lookups never read the arena: each slot of the open-addressing index holds 96 bits of
// the string's 128-bit XXH3 hash (the high half, whose top bits choose the slot, and 32 bits of
// the low half), and two strings are taken to be the same when those agree. A lookup is
// therefore one cache miss, where comparing the stored bytes cost a second, dependent miss into
// the arena — the main cost of building a large world. The price is a chance of confusing two
// distinct ids of about n² / 2^97: below 1e-11 for a billion ids (see docs/world.md). Because
// a slot holds the bits that place it, growing the index reads neither the arena nor the hash
// function, and walks both tables in order (slots sit in the order of their hash's top bits).
// An id costs its bytes plus about 31 bytes (8 for the id → string offsets, 16 / 0.7 for slots).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Inlined: ids and tokens are short, and XXH3's short-input path is a few instructions that
// a call into the shared library (with its dispatch) costs more than.
#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

#include "core/huge_page_allocator.h"

namespace sluice {

inline constexpr uint32_t kNone = UINT32_MAX;

// The 128-bit hash an Interner keys on; compute it once and pass it to Prefetch and InternHashed.
struct IdHash {
  uint64_t low, high;
};
inline IdHash HashId(std::string_view s) {
  XXH128_hash_t h = XXH3_128bits(s.data(), s.size());
  return IdHash{h.low64, h.high64};
}

class Interner {
 public:
  // Longest string that can be interned; callers reject longer ids before calling Intern.
  static constexpr size_t kMaxLength = (1u << 24) - 1;

  Interner();
  // Returns the id of `s`, adding it when new. *added tells which (may be null).
  // REQUIRES: s.size() <= kMaxLength.
  uint32_t Intern(std::string_view s, bool* added = nullptr) { return InternHashed(s, HashId(s), added); }
  // The same, with `hash` == HashId(s) computed by the caller. Only hash.high and the top 32
  // bits of hash.low are read: a caller that kept only those may pass zeros for the rest.
  uint32_t InternHashed(std::string_view s, IdHash hash, bool* added = nullptr);
  // Memory-latency hiding for bulk loads: call Prefetch(HashId(s)) some records ahead of
  // Intern(s) so that its slot is in cache by then. A hint only; reads only hash.high.
  void Prefetch(IdHash hash) const { __builtin_prefetch(&slots_[hash.high >> shift_]); }
  // Returns the id of `s` or kNone.
  uint32_t Find(std::string_view s) const;
  std::string_view Get(uint32_t id) const {
    return std::string_view(arena_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  size_t MemoryBytes() const;
  // Grows the index for n ids.
  void Reserve(size_t n);
  // Reserves room for n ids of `bytes` bytes in all in the arena and the offsets, which are
  // written in order: room never written is address space, not memory, so a generous guess
  // costs nothing resident and spares the copies of growing by doubling. (The index is written
  // at random, so it is not reserved this way.)
  void ReserveStorage(size_t n, size_t bytes);

 private:
  struct Slot {
    uint64_t high;          // IdHash::high
    uint32_t tag;           // IdHash::low >> 32
    uint32_t id_plus_1;     // 0 = empty
  };
  void Rehash(size_t slot_count);
  size_t Probe(IdHash h) const;  // slot holding h, or the empty slot for it

  std::string arena_;
  std::vector<uint64_t> offsets_;   // offsets_[i]..offsets_[i+1] is string i
  std::vector<Slot, HugePageAllocator<Slot>> slots_;  // power-of-two size
  size_t mask_ = 0;
  int shift_ = 0;  // a hash's slot is high >> shift_: its top log2(size) bits
};

}  // namespace sluice
