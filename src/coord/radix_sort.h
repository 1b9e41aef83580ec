// LSD radix sort of 64-bit keys, 16 bits a pass, skipping passes whose digit is the same in
// every key (packed account pairs of a small platform need two or three passes, not four).
// The co-action networks sort hundreds of millions of (u1, u2) pairs; this is several times
// faster than std::sort there. Needs a scratch buffer as large as the input.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace sluice::coord {

inline void RadixSort(std::vector<uint64_t>* v) {
  const size_t n = v->size();
  if (n < 4096) {
    std::sort(v->begin(), v->end());
    return;
  }
  std::vector<uint64_t> tmp(n);
  std::vector<uint64_t>* from = v;
  std::vector<uint64_t>* to = &tmp;
  std::vector<size_t> count(1 << 16);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(count.begin(), count.end(), 0);
    for (uint64_t x : *from) ++count[(x >> shift) & 0xffff];
    if (count[((*from)[0] >> shift) & 0xffff] == n) continue;  // one digit everywhere
    size_t sum = 0;
    for (size_t& c : count) {
      size_t here = c;
      c = sum;
      sum += here;
    }
    for (uint64_t x : *from) (*to)[count[(x >> shift) & 0xffff]++] = x;
    std::swap(from, to);
  }
  if (from != v) v->swap(*from);
}

}  // namespace sluice::coord
