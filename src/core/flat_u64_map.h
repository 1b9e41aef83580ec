// A flat open-addressing map from 64-bit keys to 32-bit values, for hot paths where
// std::unordered_map's node per entry costs a cache miss and an allocation. Keys are expected to
// be hashes already, uniform in their top bits (they are used as their own hash). Insert-only.
#pragma once

#include <cstdint>
#include <vector>

#include "core/huge_page_allocator.h"

namespace sluice {

class FlatU64Map {
 public:
  FlatU64Map() : slots_(kInitialSlots), mask_(kInitialSlots - 1), shift_(ShiftFor(kInitialSlots)) {}

  // Returns the value stored for `key`, inserting `value_if_new` first when the key is new.
  uint32_t FindOrInsert(uint64_t key, uint32_t value_if_new, bool* inserted) {
    key = key == 0 ? 1 : key;  // 0 marks an empty slot; folding one key costs nothing real
    size_t i = key >> shift_;
    while (slots_[i].key != 0) {
      if (slots_[i].key == key) {
        *inserted = false;
        return slots_[i].value;
      }
      i = (i + 1) & mask_;
    }
    slots_[i] = Entry{key, value_if_new};
    *inserted = true;
    if (++size_ * 10 > slots_.size() * 7) Grow();
    return value_if_new;
  }
  // A hint that FindOrInsert(key) is coming soon.
  void Prefetch(uint64_t key) const { __builtin_prefetch(&slots_[(key == 0 ? 1 : key) >> shift_]); }
  size_t size() const { return size_; }
  void clear() {
    slots_.assign(kInitialSlots, Entry{});
    mask_ = kInitialSlots - 1;
    shift_ = ShiftFor(kInitialSlots);
    size_ = 0;
  }

 private:
  struct Entry {
    uint64_t key = 0;
    uint32_t value = 0;
  };
  static constexpr size_t kInitialSlots = 1024;
  static int ShiftFor(size_t slot_count) { return 64 - __builtin_ctzll(slot_count); }
  // A key's slot is its top log2(size) bits, so the slots sit in key order (but for the few of
  // a cluster that wrapped past the end), and growing walks both tables nearly in order.
  void Grow() {
    std::vector<Entry, HugePageAllocator<Entry>> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Entry{});
    mask_ = slots_.size() - 1;
    shift_ = ShiftFor(slots_.size());
    for (const Entry& e : old) {
      if (e.key == 0) continue;
      size_t i = e.key >> shift_;
      while (slots_[i].key != 0) i = (i + 1) & mask_;
      slots_[i] = e;
    }
  }
  std::vector<Entry, HugePageAllocator<Entry>> slots_;
  size_t mask_;
  int shift_;
  size_t size_ = 0;
};

}  // namespace sluice
