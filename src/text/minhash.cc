#include "text/minhash.h"

#include <algorithm>

namespace sluice::text {
namespace {
// splitmix64: a fixed, portable stream of well-mixed 64-bit values from a seed.
uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
}  // namespace

MinHash::MinHash(size_t num_perm, uint64_t seed) : a_(num_perm), b_(num_perm) {
  uint64_t state = seed;
  for (size_t i = 0; i < num_perm; ++i) {
    a_[i] = SplitMix64(&state) | 1;  // odd multipliers keep multiply-shift universal
    b_[i] = SplitMix64(&state);
  }
}

void MinHash::Signature(const std::vector<uint64_t>& shingles,
                        std::vector<uint32_t>* signature) const {
  signature->assign(a_.size(), UINT32_MAX);
  uint32_t* sig = signature->data();
  for (uint64_t x : shingles)
    for (size_t i = 0; i < a_.size(); ++i)
      sig[i] = std::min(sig[i], static_cast<uint32_t>((a_[i] * x + b_[i]) >> 32));
}

double MinHash::Estimate(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

}  // namespace sluice::text
