#include "rumor/claim_index.h"

#include <algorithm>

namespace sluice::rumor {

void ClaimIndex::Build(std::vector<std::pair<uint64_t, Posting>>* postings) {
  std::vector<std::pair<uint64_t, Posting>>& v = *postings;
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  size_t keys = 0;
  for (size_t i = 0; i < v.size(); ++i) keys += i == 0 || v[i].first != v[i - 1].first;
  size_t cap = 16;
  while (cap * 5 < keys * 8) cap <<= 1;  // load factor at most 0.625
  slots_.assign(keys == 0 ? 0 : cap, Slot{});
  mask_ = keys == 0 ? 0 : cap - 1;
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
    uint32_t fp = Fingerprint(key);
    size_t s = key & mask_;
    while (slots_[s].fp != 0) s = (s + 1) & mask_;
    slots_[s] = Slot{fp, value};
    i = j;
  }
  frozen_postings_ = v.size();
  keys_ = keys;
  delta_.clear();
  delta_postings_ = 0;
  v.clear();
  v.shrink_to_fit();
}

size_t ClaimIndex::MemoryBytes() const {
  size_t n = slots_.capacity() * sizeof(Slot) + lists_.capacity() * sizeof(Posting);
  // An unordered_map node holds the key, the vector and a next pointer; buckets hold pointers.
  n += delta_.size() * (sizeof(uint64_t) + sizeof(std::vector<Posting>) + 2 * sizeof(void*));
  n += delta_postings_ * sizeof(Posting);
  return n;
}

}  // namespace sluice::rumor
