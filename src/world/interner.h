// Maps string ids to dense integers 0, 1, 2, … in first-seen order, and back. Strings live in one
// arena. Each slot of the open-addressing index holds a 32-bit fingerprint of its string, the id,
// and the string's place in the arena, so a lookup touches one slot and, on a fingerprint match,
// the arena: two cache misses at most where a plain id table would need three. An id costs its
// bytes plus about 31 bytes (8 for the id → string offsets, 16 / 0.7 for slots).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

inline constexpr uint32_t kNone = UINT32_MAX;

class Interner {
 public:
  // Longest string that can be interned; callers reject longer ids before calling Intern.
  static constexpr size_t kMaxLength = (1u << 24) - 1;

  Interner();
  // Returns the id of `s`, adding it when new. *added tells which (may be null).
  // REQUIRES: s.size() <= kMaxLength.
  uint32_t Intern(std::string_view s, bool* added = nullptr);
  // The same, with `hash` == Hash64(s) computed by the caller (e.g. on another thread).
  uint32_t InternHashed(std::string_view s, uint64_t hash, bool* added = nullptr);
  // Memory-latency hiding for bulk loads: call PrefetchSlot(Hash64(s)) some records ahead of
  // Intern(s), then PrefetchString a few records later, so the slot and then the stored string
  // are in cache when Intern needs them. Both are hints only.
  void PrefetchSlot(uint64_t hash) const { __builtin_prefetch(&slots_[hash & mask_]); }
  void PrefetchString(uint64_t hash) const {
    const Slot& slot = slots_[hash & mask_];
    if (slot.id_plus_1 != 0) __builtin_prefetch(arena_.data() + (slot.place >> 24));
  }
  // Returns the id of `s` or kNone.
  uint32_t Find(std::string_view s) const;
  std::string_view Get(uint32_t id) const {
    return std::string_view(arena_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  size_t MemoryBytes() const;
  void Reserve(size_t n);

 private:
  struct Slot {
    uint32_t fingerprint;
    uint32_t id_plus_1;     // 0 = empty
    uint64_t place;         // arena offset << 24 | length
  };
  void Rehash(size_t slot_count);
  size_t Probe(std::string_view s, uint64_t h) const;  // slot holding s, or the empty slot for it

  std::string arena_;
  std::vector<uint64_t> offsets_;   // offsets_[i]..offsets_[i+1] is string i
  std::vector<Slot> slots_;         // power-of-two size
  size_t mask_ = 0;
};

}  // namespace sluice
