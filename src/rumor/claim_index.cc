#include "rumor/claim_index.h"

#include <sys/mman.h>

#include <algorithm>
#include <new>

namespace sluice::rumor {

void ClaimIndex::Build(std::vector<std::pair<uint64_t, Posting>>* postings) {
  std::vector<std::pair<uint64_t, Posting>>& v = *postings;
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  size_t keys = 0;
  for (size_t i = 0; i < v.size(); ++i) keys += i == 0 || v[i].first != v[i - 1].first;
  size_t cap = 16;
  while (cap * 5 < keys * 8) cap <<= 1;  // load factor at most 0.625
  slots_.reset();
  mask_ = 0;
  if (keys > 0) {
    size_t bytes = cap * sizeof(Slot);
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    ::madvise(p, bytes, MADV_HUGEPAGE);  // a hint: without huge pages the table still works
    slots_ = std::unique_ptr<Slot, Unmap>(static_cast<Slot*>(p), Unmap{bytes});  // zeroed: empty
    mask_ = cap - 1;
  }
  // The filter is sized for the keys plus room for the delta that may grow until the next build.
  uint64_t bits = 1 << 16;
  while (bits < 16 * (keys + keys / 4)) bits <<= 1;
  filter_.assign(bits / 64, 0);
  filter_mask_ = bits - 1;
  lists_.clear();
  for (size_t i = 0; i < v.size();) {
    size_t j = i;
    while (j < v.size() && v[j].first == v[i].first) ++j;
    uint64_t key = v[i].first;
    uint32_t value;
    if (j - i == 1) {
      value = kInline | v[i].second;
    } else {
      value = static_cast<uint32_t>(lists_.size());
      lists_.push_back(static_cast<Posting>(j - i));
      for (size_t k = i; k < j; ++k) lists_.push_back(v[k].second);
    }
    SetFilterBit(key);
    uint32_t fp = Fingerprint(key);
    Slot* table = slots_.get();
    size_t s = key & mask_;
    while (table[s].fp != 0) s = (s + 1) & mask_;
    table[s] = Slot{fp, value};
    i = j;
  }
  frozen_postings_ = v.size();
  keys_ = keys;
  delta_.clear();
  delta_postings_ = 0;
  v.clear();
  v.shrink_to_fit();
}

void ClaimIndex::Add(uint64_t key, Posting p) {
  if (filter_mask_ == 0) {
    filter_.assign((1 << 16) / 64, 0);
    filter_mask_ = (1 << 16) - 1;
  }
  SetFilterBit(key);
  delta_[key].push_back(p);
  ++delta_postings_;
}

void ClaimIndex::Unmap::operator()(Slot* p) const {
  if (p != nullptr) ::munmap(p, bytes);
}

size_t ClaimIndex::MemoryBytes() const {
  size_t n = (mask_ ? mask_ + 1 : 0) * sizeof(Slot) + lists_.capacity() * sizeof(Posting) +
             filter_.capacity() * sizeof(uint64_t);
  // An unordered_map node holds the key, the vector and a next pointer; buckets hold pointers.
  n += delta_.size() * (sizeof(uint64_t) + sizeof(std::vector<Posting>) + 2 * sizeof(void*));
  n += delta_postings_ * sizeof(Posting);
  return n;
}

}  // namespace sluice::rumor
