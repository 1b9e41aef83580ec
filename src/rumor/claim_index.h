// Inverted index from shingle hashes (the claims' anchors) to the claims that contain them. A
// posting is a claim slot.
//
// Why an inverted index rather than MinHash LSH (docs/rumor.md): a claim must be found when it is
// *contained* in a longer post, and LSH estimates Jaccard similarity, which a long post dilutes;
// counting a claim's shingles found in the post gives containment exactly, has no false
// negatives, and deleting a claim is a flag.
//
// Most postings sit in a frozen open-addressing table built in bulk; claims added afterwards go
// to a small mutable delta until the next rebuild. Not thread-safe: the registry guards it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sluice::rumor {

class ClaimIndex {
 public:
  using Posting = uint32_t;
  static constexpr uint32_t kMaxSlots = 1u << 31;  // the top bit of a table value is a tag

  // Replaces the whole index with `postings` (key, posting) pairs; duplicates are allowed and
  // kept once. Clears the delta. `postings` is consumed (sorted in place).
  void Build(std::vector<std::pair<uint64_t, Posting>>* postings);
  // Adds one posting to the delta.
  void Add(uint64_t key, Posting p);

  // Calls f(posting) for every posting of `key`. A key that was never added may, with
  // probability about 2^-32 per probe, return another key's postings: callers verify.
  template <typename F>
  void ForEach(uint64_t key, F&& f) const {
    if (mask_ != 0) {
      uint32_t fp = Fingerprint(key);
      for (size_t i = key & mask_;; i = (i + 1) & mask_) {
        const Slot& s = slots_.get()[i];
        if (s.fp == 0) break;
        if (s.fp != fp) continue;
        if (s.value & kInline) {
          f(s.value & ~kInline);
        } else {
          const Posting* p = lists_.data() + s.value;
          for (uint32_t n = p[0], k = 1; k <= n; ++k) f(p[k]);
        }
        break;
      }
    }
    if (!delta_.empty()) {
      auto it = delta_.find(key);
      if (it != delta_.end())
        for (Posting p : it->second) f(p);
    }
  }

  // False when `key` was certainly never added; true when it may have been. A bit array of about
  // 16 bits a key, small enough to stay in cache, answers this for the many keys of a post that
  // are in no claim without a trip to the table in main memory.
  bool MayContain(uint64_t key) const {
    if (filter_mask_ == 0) return false;
    uint64_t bit = (key >> 20) & filter_mask_;
    return (filter_[bit >> 6] >> (bit & 63)) & 1;
  }
  void PrefetchFilter(uint64_t key) const {
    if (filter_mask_ != 0) __builtin_prefetch(&filter_[((key >> 20) & filter_mask_) >> 6]);
  }

  // Hints the processor to fetch the table slot of `key` (the index is far larger than cache).
  void Prefetch(uint64_t key) const {
    if (mask_ != 0) __builtin_prefetch(slots_.get() + (key & mask_));
  }

  size_t frozen_postings() const { return frozen_postings_; }
  size_t delta_postings() const { return delta_postings_; }
  size_t keys() const { return keys_; }
  size_t MemoryBytes() const;

 private:
  static constexpr uint32_t kInline = 1u << 31;  // the value is the only posting, not an offset
  struct Slot {
    uint32_t fp = 0;     // 0 = empty
    uint32_t value = 0;  // kInline | posting, or an offset into lists_
  };
  static uint32_t Fingerprint(uint64_t key) {
    uint32_t fp = static_cast<uint32_t>(key >> 32);
    return fp == 0 ? 1 : fp;
  }

  // The table lives in memory mapped with transparent huge pages where the kernel allows them:
  // with 4 KiB pages nearly every probe of a table this size also misses the TLB.
  struct Unmap {
    size_t bytes;
    void operator()(Slot* p) const;
  };
  std::unique_ptr<Slot, Unmap> slots_{nullptr, Unmap{0}};
  size_t mask_ = 0;
  std::vector<Posting> lists_;  // per key: count, then the postings
  std::vector<uint64_t> filter_;
  uint64_t filter_mask_ = 0;  // bits in filter_ - 1, 0 when there is no filter yet
  void SetFilterBit(uint64_t key) {
    uint64_t bit = (key >> 20) & filter_mask_;
    filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  std::unordered_map<uint64_t, std::vector<Posting>> delta_;
  size_t frozen_postings_ = 0, delta_postings_ = 0, keys_ = 0;
};

}  // namespace sluice::rumor
